"""How well a sentence answers: meaning, rare words, the asked kind of answer, agreement.

The answer step (qa/answer.py) and its re-ranking of retrieved chunks score sentences here;
what is quoted and whether to refuse is decided there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from qa import answertype
from qa.lexical import BM25Index, holds_together, terms
from qa.store import IndexData
from qa.types import Sentence

TYPE_BONUS = 0.15  # a sentence holding the asked kind of answer (a date for "when")
SPECIFIC_BONUS = 0.05  # ... and precisely: a day of a month, not "July" or "2017" alone;
# a person's full name, not any capitalised word
YEAR_CONFLICT = 0.2  # a sentence about another year than the one asked ("2019" for "2021")
CONTEXT_WEIGHT = 0.5  # general answers: a sentence's meaning is half its window's (see meanings)
CORROBORATION_BONUS = 0.3  # a sentence whose answer the most retrieved articles agree on
ECHO_PENALTY = 0.1  # general answers: per word a sentence has fewer than ECHO_WORDS of
ECHO_WORDS = 3  # its own beside the question's
# A sentence opening with a subject pronoun ("It came out on July 21, 2017") speaks of
# what the sentence before it in its paragraph named: for general answers, the question's
# words that sentence holds count half as much as the sentence's own.
PRONOUN_START = re.compile(r"^\W*(?:it|he|she|they)\b", re.I)
BORROWED_WEIGHT = 0.5
# A name of the question whose words a sentence holds only apart ("Medals for 2019: Nora
# Halden" for "the Halden Medal"): for general answers, its words count half.
APART_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class Scored:
    """A sentence scored against a question: `score` is its meaning (cosine) plus half its
    share of the question's rare words, with the bonuses and penalties above; `dense` and
    `coverage` are those two parts alone."""

    sentence: Sentence
    score: float
    dense: float
    coverage: float
    speaker: str | None = None
    typed: bool = False  # holds an answer of the kind the question asks for
    other_year: bool = False  # names only years other than the one asked
    agreed: float = 0.0  # of the score, what other articles' agreeing answers added

    @property
    def own(self) -> float:
        """The score the sentence earns alone (the refusal model is fitted on it)."""
        return self.score - self.agreed


def corroborated(scored: list[Scored], kind: answertype.Kind | None,
                 question: str) -> list[Scored]:
    """Scores raised for the sentences whose answer other articles give too (see
    `answertype.agreement`); `agreed` keeps what was added."""
    if kind is None:
        return scored
    shares = answertype.agreement(kind, question,
                                  [(r.sentence.path, r.sentence.text) for r in scored])
    return [replace(r, score=r.score + CORROBORATION_BONUS * share,
                    agreed=CORROBORATION_BONUS * share) if share else r
            for r, share in zip(scored, shares, strict=True)]


class SentenceScorer:
    """Scores sentences of one index against a question (its vector and its words)."""

    def __init__(self, data: IndexData, bm25: BM25Index) -> None:
        self.data = data
        self.bm25 = bm25  # over sentences: the idf of the question's words
        # text -> its stemmed words in order, and as a set; on demand
        self._sequences: dict[str, tuple[str, ...]] = {}
        self._words: dict[str, frozenset[str]] = {}
        # sentence row -> a number per article: neighbours count only inside one article
        article_number: dict[str, int] = {}
        self.article_of = np.array([article_number.setdefault(s.path, len(article_number))
                                    for s in data.sentences], dtype=np.int64)

    def words(self, text: str) -> frozenset[str]:
        """The text's stemmed content words (cached: statements are scored on every ask)."""
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = frozenset(self.sequence(text))
        return found

    def sequence(self, text: str) -> tuple[str, ...]:
        """The text's stemmed content words in order (cached like `words`)."""
        found = self._sequences.get(text)
        if found is None:
            found = self._sequences[text] = tuple(terms(text))
        return found

    def score(self, s: Sentence, vector: np.ndarray, wanted: list[str],
              content: str | None = None, speaker: str | None = None,
              kind: answertype.Kind | None = None, question: str = "",
              meaning: tuple[float, float] | None = None,
              names: list[tuple[str, ...]] | None = None) -> Scored:
        """The sentence's score for a question (`vector`, its stemmed words `wanted`, its
        text `question`, the `kind` of answer it asks for). `content` is what a statement
        says, without its speaker and cue, when only that should match; `meaning` is
        (dense, window) from `meanings` for a general answer, where a sentence is read in
        its context; a statement is read alone. `names` are the question's names as terms
        (`qa.lexical.name_phrases`), read together in a general answer."""
        in_context = meaning is not None
        if meaning is not None:  # half its own meaning, half its window's
            dense = float(meaning[0])
            closeness = (1 - CONTEXT_WEIGHT) * dense + CONTEXT_WEIGHT * float(meaning[1])
        else:
            dense = closeness = float(self.data.vectors[s.id] @ vector)
        cover = self.bm25.coverage(self.words(content if content is not None else s.text),
                                   wanted)
        before = self.before(s) if in_context else None
        if before is not None:  # what the sentence before adds, at half weight
            borrowed = self.bm25.coverage(self.words(s.text) | self.words(before.text), wanted)
            cover += BORROWED_WEIGHT * (borrowed - cover)
        if in_context and names:
            cover -= APART_WEIGHT * self.apart(s.text, wanted, names)
        typed = kind is not None and answertype.holds(kind, s.text, question)
        clash = bool(question) and answertype.other_year(s.text, question)
        bonus = 0.0
        if typed and kind is not None:
            bonus = TYPE_BONUS
            if answertype.specific(kind, s.text, question):
                bonus += SPECIFIC_BONUS
        # A sentence that only says the question back ("Lumora Q2 2020 revenue.") holds no
        # answer, however close its meaning.
        echo = max(0, ECHO_WORDS - self.own_words(s.text, wanted, question)) if in_context else 0
        return Scored(s, closeness + 0.5 * cover + bonus - (YEAR_CONFLICT if clash else 0.0)
                      - ECHO_PENALTY * echo, dense, cover, speaker, typed, clash)

    def apart(self, text: str, wanted: list[str], names: list[tuple[str, ...]]) -> float:
        """The share of the question's word weight (idf, as in coverage) held by names
        whose words the text has all, but not together (`qa.lexical.holds_together`)."""
        have, sequence = self.words(text), self.sequence(text)
        split = {t for name in names if set(name) <= have and not holds_together(sequence, name)
                 for t in name}
        return self.bm25.coverage(split, wanted) if split else 0.0  # most: none split

    def before(self, s: Sentence) -> Sentence | None:
        """The sentence a pronoun-led sentence speaks of: the one before it, ending on the
        line it starts on (one paragraph of one article); None for other sentences."""
        if s.id == 0 or not PRONOUN_START.match(s.text):
            return None
        before = self.data.sentences[s.id - 1]
        same = before.path == s.path and before.end_line == s.start_line
        return before if same else None

    def own_words(self, text: str, wanted: list[str], question: str) -> int:
        """The sentence's words that the question lacks, numbers counted ("$6.04 billion"
        says three things the question did not); a snippet's dateline is not counted."""
        text = answertype.body(text)
        numbers = set(re.findall(r"\d+", text)) - set(re.findall(r"\d+", question))
        return len(self.words(text) - set(wanted) - numbers) + len(numbers)

    def meanings(self, rows: list[int], vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Cosine of the question with each sentence, and with its window: the sentence and
        its neighbours in the article, their vectors summed ("It came out on July 21"
        means more beside "Starfall 2 ..."). One matrix product for all `rows`."""
        ids = np.asarray(rows, dtype=np.int64)
        vectors = np.asarray(self.data.vectors)
        own = vectors[ids]
        window = own.astype(np.float64)
        for step in (-1, 1):
            near = ids + step
            same = (near >= 0) & (near < len(self.article_of))
            same[same] = self.article_of[near[same]] == self.article_of[ids[same]]
            window[same] += vectors[near[same]]
        norms = np.maximum(np.linalg.norm(window, axis=1), 1e-9)
        return own @ vector, (window @ vector) / norms
