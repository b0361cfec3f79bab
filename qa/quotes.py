"""Quotations that run over several sentences: whose words each quoted sentence is. Pure
text over the attributions the extractor found; no model."""

from __future__ import annotations

import re

from qa.types import Attribution, Sentence

OPENING_MARKS = frozenset({'"', "“", "''"})
CLOSING_MARKS = frozenset({'"', "”", "''"})


def _quoting(text: str, inside: bool) -> tuple[bool, bool]:
    """Read a sentence's quotation marks ('' counts as "), starting inside a quotation or not:
    whether every word of it is inside quotation marks, and whether a quotation is open at
    its end."""
    words_outside = False
    for ch in text.replace("''", '"'):
        if ch == "“" or (ch == '"' and not inside):
            inside = True
        elif ch in ('"', "”"):
            inside = False
        elif ch.isalnum() and not inside:
            words_outside = True
    return not words_outside, inside


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the text inside double quotation marks. A straight mark opens at
    the start, after a space, bracket, dash or colon, or before a word it does not follow;
    it closes elsewhere. A closing mark with no opening one before it ends a quotation begun
    in an earlier sentence (`country," she said`) when it is curly or follows punctuation;
    otherwise (`a 12" pipe`) it is no quotation mark."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    i = 0
    while i < len(text):
        mark = "''" if text.startswith("''", i) else text[i]
        if mark in OPENING_MARKS | CLOSING_MARKS:
            before = text[i - 1] if i else " "
            after = text[i + len(mark)] if i + len(mark) < len(text) else " "
            opens = mark == "“" or (mark != "”" and (
                before.isspace() or before in "([—–-:"
                or (not before.isalnum() and before not in ".,;!?" and after.isalnum())))
            if opens:
                if start is None:
                    start = i + len(mark)
            elif start is not None:
                spans.append((start, i))
                start = None
            elif mark == "”" or before in ".,;!?—–-":
                spans.append((0, i))
        i += len(mark)
    if start is not None:
        spans.append((start, len(text)))
    return spans


def continued_quotes(sentences: list[Sentence], found: list[Attribution]) -> list[Attribution]:
    """The attributions with quotations given to the person quoted. A run of sentences that
    are quotation from end to end belongs to the speaker named where the quotation closes
    (`"We will win. We will build it," he said.`), else where it opens (`He said: "We will
    win.`), else to the speaker of the sentence just before, in the same paragraph or the
    one before (`"It is a fraud," Alder said. "He put himself first."`). A cue inside the
    quotation ("I think", "he'd never admit") is the quoted person's phrasing, not a speaker:
    once the run's speaker is known, it said the whole sentence."""
    named = _named(found)
    pure: list[bool] = []
    opens_at_end: list[bool] = []
    for i, s in enumerate(sentences):
        inside = i > 0 and sentences[i - 1].end_line == s.start_line and opens_at_end[-1]
        whole, still_open = _quoting(s.text, inside)
        pure.append(whole and any(ch.isalnum() for ch in s.text))
        opens_at_end.append(still_open)

    speaker_of: dict[int, str] = {}

    def one(i: int) -> str | None:
        """The one person sentence i is attributed to (a quotation run before it counts)."""
        if not 0 <= i < len(sentences):
            return None
        if sentences[i].id in speaker_of:
            return speaker_of[sentences[i].id]
        who = named.get(sentences[i].id, set())
        return next(iter(who)) if len(who) == 1 else None

    i = 0
    while i < len(sentences):
        if not pure[i]:
            i += 1
            continue
        j = i  # the run: sentences i..j, all quotation, on one line
        while j + 1 < len(sentences) and pure[j + 1] \
                and sentences[j + 1].start_line == sentences[j].end_line:
            j += 1
        after, before = j + 1, i - 1
        who = None
        if opens_at_end[j] and after < len(sentences) \
                and sentences[after].start_line == sentences[j].end_line:
            who = one(after)  # the quotation closes in the next sentence, before its cue
        if who is None and before >= 0 \
                and sentences[i].start_line - sentences[before].end_line <= 2:
            # It opened in the sentence before, after its cue, or follows the speaker's
            # sentence on the same line or the paragraph before (a blank line between).
            who = one(before)
        if who is not None:
            for k in range(i, j + 1):
                speaker_of[sentences[k].id] = who
        i = j + 1
    return _given(sentences, found, speaker_of, "“")


FIRST_PERSON = re.compile(r"\b(?:I|we|We|us|our|Our|my|My|me)\b")


def introduced_paragraphs(sentences: list[Sentence],
                          found: list[Attribution]) -> list[Attribution]:
    """The attributions with the paragraph a statement introduces given to its speaker: a
    paragraph ending in a cue and a colon ("At a rally last spring, she said:") is followed
    by the words themselves, often without quotation marks. The paragraph's first sentence
    becomes the introducer's, and the next ones while they speak in the first person ("I",
    "we", "our"): the reporter's own "The crowd rose and cheered." ends it. A sentence
    credited to someone else ("some economists said") stays theirs, one whose only cue is
    the speaker's own "I think" becomes the introducer's, and a paragraph that opens with a
    quotation is `continued_quotes`' to read."""
    named = _named(found)
    unnamed: dict[int, set[str]] = {}
    for a in found:
        if not a.speaker:
            unnamed.setdefault(a.sentence, set()).add(a.speaker_text.lower())
    speaker_of: dict[int, str] = {}
    for i, s in enumerate(sentences[:-1]):
        who = named.get(s.id, set())
        following = sentences[i + 1]
        if len(who) != 1 or not s.text.rstrip().endswith(":") \
                or following.start_line <= s.end_line \
                or following.text.lstrip()[:1] in {mark[0] for mark in OPENING_MARKS}:
            continue
        j = i + 1  # the next paragraph: its sentences, while each starts where one ended
        while j < len(sentences) and (j == i + 1
                                      or sentences[j].start_line == sentences[j - 1].end_line):
            other = sentences[j]
            if j > i + 1 and not FIRST_PERSON.search(other.text):
                break
            if other.id not in named and unnamed.get(other.id, set()) <= {"i", "we"}:
                speaker_of[other.id] = next(iter(who))
            j += 1
    return _given(sentences, found, speaker_of, ":")


def _named(found: list[Attribution]) -> dict[int, set[str]]:
    """Sentence id -> the speakers named for it."""
    named: dict[int, set[str]] = {}
    for a in found:
        if a.speaker:
            named.setdefault(a.sentence, set()).add(a.speaker)
    return named


def _given(sentences: list[Sentence], found: list[Attribution], speaker_of: dict[int, str],
           cue: str) -> list[Attribution]:
    """`found` with the sentences of `speaker_of` given to their speaker alone."""
    kept = [a for a in found if a.sentence not in speaker_of]
    added = [Attribution(sentence=s.id, speaker=speaker_of[s.id], speaker_text="", cue=cue,
                         content=s.text) for s in sentences if s.id in speaker_of]
    return kept + added
