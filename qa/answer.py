"""Retrieved chunks -> the sentences that answer, each cited to its lines and checked verbatim."""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass, replace

import numpy as np

from qa import answertype, refusal
from qa.lexical import name_phrases, stem, terms
from qa.question import ASKS_WHO, PRONOUNS, Query, who_is
from qa.retrieve import Retriever
from qa.roles import AskedRole, asked_role, holder
from qa.scoring import Scored, SentenceScorer, corroborated
from qa.segment import span_text
from qa.speakerindex import SpeakerIndex
from qa.store import IndexData
from qa.types import Answer, Article, Attribution, Citation, Hit, Passage, Sentence

log = logging.getLogger(__name__)

# A further sentence is quoted only when its score is within this much of the best's (a
# score is cosine + half the rare-word share + bonuses, so 0.12 is about a quarter of the
# rare words): near-ties often hold the answer the best sentence lacks. A wider margin
# quotes more sentences on snippet archives, where many short sentences tie (README, eval).
QUOTE_MARGIN = 0.12
READ_MORE = 3  # a general answer reads at most this many times top_k chunks (short ones)
RERANK_DEPTH = 20  # chunks of the fused retrieval re-ranked by their best answering sentence
RERANK_WEIGHT = 0.01  # ... adding this times that sentence's score to the fused score
PHRASE_BONUS = 0.1  # a statement holding the asked topic word for word, over a paraphrase
TOPIC_MIN_COSINE = 0.45  # a statement is about the topic when this close in meaning ...
TOPIC_MIN_COVERAGE = 0.5  # ... or when it holds this share of the topic's (idf-weighted) words
PARAGRAPH_PENALTY = 0.1  # a statement whose paragraph, not its own words, holds the topic


# "Who praised Y?" asks for those whose words are praise, not all who spoke on Y: those whose
# statement's own verb (`Attribution.cue`) is that verb or a near synonym; not "Sunak said
# Khan had praised ..." for Sunak. "Said" or "spoke" narrows nothing.
JUDGING_VERBS = {
    "praised": re.compile(r"\b(?:prais|laud|hail|commend|applaud)(?:e|es|ed|ing|s)?\b", re.I),
    "criticised": re.compile(r"\b(?:critici[sz]|condemn|denounc|slamm?|blast|attack|decr[iy]"
                             r"|censur)(?:e|es|ed|ing|s|ied|ies)?\b", re.I),
    "warned": re.compile(r"\b(?:warn|caution)(?:s|ed|ing)?\b", re.I),
}
JUDGING_VERBS["criticized"] = JUDGING_VERBS["criticised"]
# "Who spoke with X (about Y, on Monday)?": the other side of the conversation, not X
PARTNER = re.compile(r"(?:to|with)\s+(.+?)(?:\s+(?:about|on|regarding|over|in|at|during|last"
                     r"|this|yesterday|today)\b.*)?$", re.I)


def _one_per_holder(ranked: list[Scored], asked: AskedRole) -> list[Scored]:
    """The sentences that name a holder of the asked office, best first, one per person:
    the others say the same answer again. "Christiansen" is "Niels B. Christiansen";
    "George W. Bush" is not "George H.W. Bush"."""
    holding: dict[tuple[str, ...], Scored] = {}
    for r in ranked:
        name = holder(r.sentence.text, asked)
        words = tuple(name.lower().split()) if name else ()
        if words and not any(words == known[-len(words):] or known == words[-len(known):]
                             for known in holding):
            holding[words] = r
    return list(holding.values())


def noted(text: str, note: str) -> str:
    """An answer's text with its note (what a list left out or could not do) at the end."""
    return f"{text} ({note})" if note else text


@dataclass(frozen=True, slots=True)
class Scope:
    """The articles an answer may cite, and the matching 0/1 mask over chunks."""

    paths: frozenset[str]
    mask: np.ndarray


class Answerer:
    """Chooses, cites and checks the sentences that answer a parsed question."""

    def __init__(self, data: IndexData, retriever: Retriever, label: str, *,
                 top_k: int, max_quotes: int, min_score: float, chunk_words: int,
                 refusal_model: refusal.RefusalModel | None = None) -> None:
        self.data = data
        self.retriever = retriever
        self.label = label
        self.top_k = top_k  # chunks read; statements or speakers listed
        self.chunk_words = chunk_words
        self.max_quotes = max_quotes
        self.min_score = min_score  # a floor below which nothing is quoted
        # The calibrated answer-or-refuse decision (qa/refusal.json, written by `qa calibrate`).
        self.refusal = refusal_model or refusal.RefusalModel.load()
        self.articles: dict[str, Article] = {a.path: a for a in data.articles}
        self.scope: Scope | None = None
        self.who = SpeakerIndex(data.attributions, data.sentences)
        self.scorer = SentenceScorer(data, retriever.sentence_bm25)
        # (path, line) -> the sentences that start on it: a paragraph, in news archives
        self.paragraphs: dict[tuple[str, int], list[int]] = {}
        for sentence in data.sentences:
            self.paragraphs.setdefault((sentence.path, sentence.start_line), []).append(
                sentence.id)

    def words(self, text: str) -> frozenset[str]:
        return self.scorer.words(text)

    def within(self, scope: Scope | None, top_k: int | None = None) -> Answerer:
        """A view of this answerer that cites only inside `scope`, reads `top_k` chunks and
        lists `top_k` statements or speakers (shares the index); itself when nothing is
        overridden."""
        if scope is None and top_k is None:
            return self
        view = copy.copy(self)
        view.scope = scope
        if top_k is not None:
            view.top_k = top_k
        return view

    def allowed(self, sentence: int) -> bool:
        return self.scope is None or self.data.sentences[sentence].path in self.scope.paths

    def search(self, text: str, k: int, vector: np.ndarray,
               scored: dict[int, Scored] | None = None) -> list[Hit]:
        """The top `k` chunks: the fused retrieval's first RERANK_DEPTH (or `k`, if more),
        re-ranked by the score of the best answering sentence each holds (the answer step's
        own scoring: a chunk holding a date for "when" rises). `scored` collects the
        sentences scored, for the caller to reuse."""
        mask = self.scope.mask if self.scope is not None else None
        hits = self.retriever.search(text, max(k, RERANK_DEPTH), query_vector=vector, mask=mask)
        scored = {} if scored is None else scored
        wanted, kind, names = terms(text), answertype.expected(text), name_phrases(text)
        spans = [range(h.chunk.first_sentence, h.chunk.last_sentence + 1) for h in hits]
        new = sorted({s for span in spans for s in span if s not in scored})
        for s, dense, window in zip(new, *self.scorer.meanings(new, vector), strict=True):
            scored[s] = self.scorer.score(self.data.sentences[s], vector, wanted, kind=kind,
                                          question=text, meaning=(dense, window),
                                          names=names)
        best = [max(scored[s].score for s in span) for span in spans]
        fused = [float(h.score + RERANK_WEIGHT * b) for h, b in zip(hits, best, strict=True)]
        # as in the retrieval, passages about another year than the asked one stay behind
        clash = [answertype.other_year(h.chunk.text, text) for h in hits]
        order = sorted(range(len(hits)), key=lambda i: (clash[i], -fused[i]))[:k]
        return [replace(hits[i], score=fused[i], rank=rank)
                for rank, i in enumerate(order, start=1)]

    def reading(self, text: str, vector: np.ndarray,
                scored: dict[int, Scored] | None = None) -> list[Hit]:
        """The leading chunks a general answer reads: `top_k` of them, and more while they
        are short, until they hold the words of `top_k` full chunks. An archive of news
        snippets has chunks of a sentence or two, and five of them are too little to read."""
        hits = self.search(text, READ_MORE * self.top_k, vector, scored)
        budget, words = self.top_k * self.chunk_words, 0
        for read, hit in enumerate(hits):
            if read >= self.top_k and words >= budget:
                return hits[:read]
            words += len(hit.chunk.text.split())
        return hits

    # -- citations -------------------------------------------------------------------------

    def cite(self, picked: list[Scored]) -> tuple[Citation, ...]:
        """Citations for the picked sentences; any quote not found verbatim is dropped."""
        citations: list[Citation] = []
        for item in picked:
            s = item.sentence
            article = self.articles[s.path]
            lines = "\n".join(article.lines[s.start_line - 1 : s.end_line])
            if span_text(article.lines, s) != s.text or s.text not in lines:
                log.error("dropped a citation whose quote is not in %s:%d", s.path, s.start_line)
                continue
            speaker = item.speaker or self.who.speaker_of(s.id)
            citations.append(Citation(
                n=len(citations) + 1, path=f"{self.label}/{s.path}", start_line=s.start_line,
                end_line=s.end_line, quote=s.text, speaker=speaker, title=article.title,
                date=article.date,
            ))
        return tuple(citations)

    def passage(self, s: Sentence, score: float, speaker: str | None = None) -> Passage:
        return Passage(f"{self.label}/{s.path}", s.start_line, s.end_line, round(score, 4),
                       s.text, speaker)

    def related(self, question: str, vector: np.ndarray,
                scored: dict[int, Scored] | None = None) -> tuple[Passage, ...]:
        """The closest passages, shown beside a refusal (never as citations); `scored` as
        for `search`, when the caller scored sentences already."""
        kept: list[Hit] = []
        for h in self.search(question, 6, vector, scored):  # chunks overlap: keep one
            if not any(k.chunk.path == h.chunk.path and k.chunk.start_line <= h.chunk.end_line
                       and h.chunk.start_line <= k.chunk.end_line for k in kept):
                kept.append(h)
        return tuple(
            Passage(f"{self.label}/{h.chunk.path}", h.chunk.start_line, h.chunk.end_line,
                    round(h.dense, 4), h.chunk.text)
            for h in kept[:3]
        )

    @staticmethod
    def text_of(citations: tuple[Citation, ...]) -> str:
        return " ".join(f"{c.quote} [{c.n}]" for c in citations)

    def pick(self, ranked: list[Scored], margin: float = QUOTE_MARGIN) -> list[Scored]:
        """The best sentence, and the next ones only when they score within `margin`; a
        sentence about another year than the asked one ("the 2019 Tour" for 2021) only
        when the best is too."""
        best = ranked[0]
        picked: dict[str, Scored] = {}  # the same sentence in two files is quoted once
        for r in ranked:
            if r.score >= best.score - margin and (best.other_year or not r.other_year):
                picked.setdefault(r.sentence.text, r)
        return list(picked.values())[: self.max_quotes]

    # -- general questions -----------------------------------------------------------------

    def general(self, query: Query) -> Answer:
        vector = self.retriever.embed_query(query.text)
        scored: dict[int, Scored] = {}
        hits = self.reading(query.text, vector, scored)
        seen: dict[int, None] = {}
        for hit in hits:
            for s in range(hit.chunk.first_sentence, hit.chunk.last_sentence + 1):
                seen.setdefault(s)
        kind = answertype.expected(query.text)
        ranked = sorted(corroborated([scored[s] for s in seen], kind, query.text),
                        key=lambda r: -r.score)
        if not ranked:
            return Answer(query.text, False, "The articles don't answer that.",
                          related=self.related(query.text, vector, scored),
                          extra={"support": 0.0})
        best = ranked[0]
        # Whether the archive answers is judged on the best sentence's own evidence.
        signs = refusal.evidence(
            query.text, (best.own, best.dense, best.coverage, best.typed, best.sentence.text),
            max((r.own for r in ranked[1:]), default=0.0), kind is not None)
        doubt = self.refusal.probability(signs)
        extra = {**{k: round(v, 4) for k, v in signs.items()}, "unanswered_p": round(doubt, 4)}
        # "Who is the Italian Prime Minister?" is answered by the sentences that name who
        # holds the role (qa/roles.py), however unlike the short question they read.
        asked = asked_role(query.text)
        holding = _one_per_holder(ranked, asked) if asked else []
        if holding:
            citations = self.cite(self.pick(holding))
            return Answer(query.text, bool(citations), self.text_of(citations), citations,
                          extra=extra)
        # "Who is Imran Khan?" is answered by the sentences that give him a role, however
        # unlike the question they read ("Italian Prime Minister Giuseppe Conte" in a long
        # sentence about sympathy). When none does, the sentences that name him answer if
        # the model accepts; never a sentence that does not name him.
        name = who_is(query.text)
        named = [r for r in ranked if answertype.name_matches(r.sentence.text, name)] \
            if name else []
        described = [r for r in named if answertype.describes(r.sentence.text, name)] \
            if name else []
        refused = best.own < self.min_score or doubt >= self.refusal.threshold
        if described or (named and not refused):  # never a sentence about someone else
            citations = self.cite(self.pick(described or named))
            return Answer(query.text, bool(citations), self.text_of(citations), citations,
                          extra=extra)
        if named:
            return Answer(query.text, False,
                          f"The articles mention {name} but don't say who that is.",
                          related=tuple(self.passage(r.sentence, r.score, r.speaker)
                                        for r in named[:3]), extra=extra)
        if refused:
            return Answer(query.text, False, "The articles don't answer that.",
                          related=self.related(query.text, vector, scored), extra=extra)
        citations = self.cite(self.pick(ranked))
        return Answer(query.text, bool(citations), self.text_of(citations), citations,
                      extra=extra)

    # -- reported speech -------------------------------------------------------------------

    def statements_of(self, who: str) -> list[Attribution]:
        """`who`'s statements (see `SpeakerIndex.statements_of`) that may be cited here."""
        return [a for a in self.who.statements_of(who) if self.allowed(a.sentence)]

    def topical(self, attributions: list[Attribution], topic: str,
                paragraphs: bool = True, vector: np.ndarray | None = None,
                asked: str | None = None) -> list[Scored]:
        """Statements ranked by how well they speak of `topic`; only those that do.

        A statement speaks of the topic when its own words do, or, a little less surely,
        when its paragraph does: news writes "X said ..." and what it was about in one
        paragraph. Sentences of the paragraph attributed to someone else never count.
        `paragraphs=False` reads the statements' own words only (cheaper, for lists);
        `vector` is the topic's, when the caller embedded it already. A topic whose acronyms
        were spelled out ("GOP (Grand Old Party) colleagues") is read both ways, as `topic`
        and as `asked`, each statement as it matches best: most write only one of the two.
        """
        vector = self.retriever.embed_query(topic) if vector is None else vector
        best: dict[int, Scored] = {}
        self._topical(attributions, topic, vector, paragraphs, best)
        if asked and asked != topic:
            self._topical(attributions, asked, self.retriever.embed_query(asked), paragraphs,
                          best)
        return sorted(best.values(), key=lambda r: -r.score)

    def _topical(self, attributions: list[Attribution], topic: str, vector: np.ndarray,
                 paragraphs: bool, best: dict[int, Scored]) -> None:
        """`topical` for one wording of the topic: adds to `best` (sentence -> its best)."""
        wanted = terms(topic)
        words = topic.split()
        phrase = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)",
                            re.IGNORECASE) if words else None
        for a in attributions:
            s = self.data.sentences[a.sentence]
            scored = self.scorer.score(s, vector, wanted, content=a.content, speaker=a.speaker)
            if phrase and phrase.search(a.content):  # the topic as asked, word for word
                scored = replace(scored, score=scored.score + PHRASE_BONUS)
            if not self._about(scored):
                if not paragraphs:
                    continue
                mates = [m for m in self.paragraph(a.sentence)
                         if not self.who.others_in(m, a.speaker)]
                if not mates:
                    continue
                context = self.words(a.content).union(
                    *(self.words(self.data.sentences[m].text) for m in mates))
                dense = max([scored.dense, *(float(self.data.vectors[m] @ vector) for m in mates)])
                cover = self.retriever.sentence_bm25.coverage(context, wanted)
                scored = Scored(s, dense + 0.5 * cover - PARAGRAPH_PENALTY, dense, cover,
                                a.speaker)
                if not self._about(scored):
                    continue
            if a.sentence not in best or best[a.sentence].score < scored.score:
                best[a.sentence] = scored

    @staticmethod
    def _about(scored: Scored) -> bool:
        return scored.dense >= TOPIC_MIN_COSINE or scored.coverage >= TOPIC_MIN_COVERAGE

    def paragraph(self, sentence: int) -> list[int]:
        """The other sentences of the sentence's paragraph (the lines it starts on)."""
        s = self.data.sentences[sentence]
        return [m for m in self.paragraphs.get((s.path, s.start_line), ()) if m != sentence]

    def speaker(self, query: Query) -> Answer:
        who = query.speaker or ""
        if who.lower() in PRONOUNS:
            return Answer(query.text, False, f"Who do you mean by “{who}”? Ask with a name, "
                          "for example “what did Khan say about sanctions”.", speaker=who)
        statements = self.statements_of(who)
        name = self.who.display(who, statements)
        if query.form == "speaker_all":
            return self._all_statements(query, name, statements)
        topic = query.topic or ""
        if not statements:
            verb = "quote" if self.who.mentioned(who) else "mention"
            return Answer(query.text, False,
                          f"The articles don't {verb} {name}" + ("." if verb == "mention"
                                                                 else f" on {topic}."),
                          related=self._others_on(topic, set()), speaker=name, topic=topic)
        ranked = self.topical(statements, topic, asked=query.asked_topic)
        if not ranked:
            return Answer(query.text, False, f"The articles don't quote {name} on {topic}.",
                          related=self._others_on(topic, set(statements)), speaker=name,
                          topic=topic)
        # "What did Rouhani tell Conte about Y?": first what he said on Y where the sentence,
        # or the one before, names Conte, then in articles that name Conte (as for "tell Z")
        told = self._addressed(query.addressee, statements) if query.addressee else {}
        ranked.sort(key=lambda r: told.get(r.sentence.id, 2))
        # every statement that speaks of the topic is the person on it: the best first,
        # as many as an answer quotes, however far below the best they score
        citations = self.cite(self.pick(ranked, margin=float("inf")))
        note = ""
        if query.addressee and not any(r.sentence.id in told for r in ranked):
            note = (f"None of {name}'s statements on {query.asked_topic or topic} is in an "
                    f"article that names {query.addressee}.")
        return Answer(query.text, bool(citations), noted(self.text_of(citations), note),
                      citations, speaker=name, topic=topic, note=note)

    def _others_on(self, topic: str, theirs: set[Attribution]) -> tuple[Passage, ...]:
        """Beside a refusal: who else spoke about the topic, else the closest passages."""
        # Only statements that can be about the topic (see `_about`) are ranked: close in
        # meaning (one matrix product over all sentences) or sharing a word of it.
        vector = self.retriever.embed_query(topic)
        close = self.data.vectors @ vector >= TOPIC_MIN_COSINE
        wanted = set(terms(topic))
        others = [a for a in self.who.spoken
                  if (close[a.sentence] or self.words(a.content) & wanted)
                  and a not in theirs and self.allowed(a.sentence)]
        return tuple(self.passage(r.sentence, r.dense, r.speaker)
                     for r in self.topical(others, topic, paragraphs=False, vector=vector)[:3]
                     ) or self.related(topic, vector)

    def _all_statements(self, query: Query, name: str, statements: list[Attribution]) -> Answer:
        if not statements:
            return Answer(query.text, False, f"The articles don't quote {name}.", speaker=name)
        unique = list({a.sentence: a for a in statements}.values())
        # Newest first when dated; in article order otherwise. "What did Rouhani tell
        # Conte?": first what he said where the sentence, or the one before it, names Conte,
        # then what he said in articles that name Conte.
        unique.sort(key=lambda a: (self._date(a.sentence), -a.sentence), reverse=True)
        told = self._addressed(query.addressee, unique) if query.addressee else {}
        if told:
            unique.sort(key=lambda a: told.get(a.sentence, 2))
        picked = [Scored(self.data.sentences[a.sentence], 1.0, 1.0, 1.0, a.speaker)
                  for a in unique[:self.top_k]]
        citations = self.cite(picked)
        text = self.text_of(citations)
        order = "newest first" if any(self._date(a.sentence) for a in unique) else \
            "in article order"
        note = ""
        if query.addressee and not told:
            note = (f"None of {name}'s statements is in an article that names "
                    f"{query.addressee}: {len(citations)} of {len(unique)}, {order}.")
        elif len(unique) > len(citations):
            if told:
                order = (f"those naming {query.addressee} (or after a sentence that does) first, "
                         f"then those in an article that does, then {order}")
            note = f"{len(citations)} of {len(unique)} statements, {order}."
        return Answer(query.text, bool(citations), noted(text, note), citations, speaker=name,
                      note=note)

    def _addressed(self, addressee: str, statements: list[Attribution]) -> dict[int, int]:
        """For statements near a mention of the addressee, 0 when their sentence or the one
        before it names them, 1 when only their article does. "Conte and Khan" is either."""
        parts = [set(terms(p)) for p in re.split(r"\s*,\s*|\s+(?:and|or)\s+", addressee)]
        parts = [p for p in parts if p]
        articles: dict[str, bool] = {}
        near: dict[int, int] = {}
        for a in statements:
            path = self.data.sentences[a.sentence].path
            if path not in articles:
                words = self.words(" ".join(self.articles[path].lines))
                articles[path] = any(p <= words for p in parts)
            if not articles[path]:
                continue
            near[a.sentence] = 0 if any(p <= self._near_words(a.sentence) for p in parts) else 1
        return near

    def who_said(self, query: Query) -> Answer:
        topic = query.topic or ""
        asked = query.asked_topic or topic
        statements = [a for a in self.data.attributions
                      if a.speaker and self.allowed(a.sentence)]
        partner = PARTNER.match(topic)
        if partner and partner.group(1).lower() in PRONOUNS:  # "Who spoke with him?"
            return Answer(query.text, False, f"Who do you mean by “{partner.group(1)}”? Ask "
                          "with a name, for example “Who spoke with Khan?”.")
        if partner:  # "Who spoke with Rouhani (on Monday)?": anyone but Rouhani
            themselves = {a.speaker for a in self.who.statements_of(partner.group(1))}
            statements = [a for a in statements if a.speaker not in themselves]
        # (a conversation names its other side in the speaker's paragraph, not always in
        # the statement: "Rouhani spoke with Conte on Monday. Conte said ...")
        everyone = self.topical(statements, topic, paragraphs=bool(partner),
                                asked=query.asked_topic)
        ranked = everyone
        verb = JUDGING_VERBS.get(query.verb or "")
        if verb and everyone:  # "Who praised Y?": those whose own verb is praise
            named = self._people_named(topic)
            judging = [a for a in statements if a.speaker not in named and self._judges(a, verb)]
            ranked = self.topical(judging, topic, paragraphs=False, asked=query.asked_topic) \
                if judging else []
            if not ranked:
                return Answer(query.text, False,
                              f"No one quoted on {asked} is said to have {query.verb} (or the "
                              "like).", related=tuple(self.passage(r.sentence, r.score, r.speaker)
                                                      for r in everyone[:3]), topic=topic)
        per_speaker: dict[str, Scored] = {}
        for r in ranked:
            per_speaker.setdefault(r.speaker or "", r)
        picked = list(per_speaker.values())[:self.top_k]
        if not picked:
            vector = self.retriever.embed_query(topic)
            said = f"The articles quote no one else who speaks of {topic.split(None, 1)[1]}" \
                if partner else f"The articles don't quote anyone on {topic}"
            return Answer(query.text, False, f"{said}.",
                          related=self.related(topic, vector), topic=topic)
        citations = self.cite(picked)
        text = " ".join(f"{c.speaker}: {c.quote} [{c.n}]" for c in citations)
        notes = [f"{len(citations)} of {len(per_speaker)} speakers."] \
            if len(per_speaker) > len(citations) else []
        others = len({r.speaker for r in everyone}) - len(per_speaker)
        if others:
            notes.append(f"Only those said to have {query.verb} (or the like); {others} other "
                         f"speaker{'s' if others > 1 else ''} spoke on {asked}.")
        note = " ".join(notes)
        return Answer(query.text, True, noted(text, note), citations, topic=topic, note=note)

    def _judges(self, a: Attribution, verb: re.Pattern[str]) -> bool:
        """Whether the statement's speaker does what `verb` says: its cue ("praised"), the
        verb right after the speaker ("Mazari attacked the budget, calling it ..."), or a
        verb joined to the cue's clause: ", praising ..." or "... and praised ..." with no
        "while", "but" or other speaker between (not "criticised by the opposition")."""
        if verb.search(a.cue):
            return True
        text = self.data.sentences[a.sentence].text
        found = re.search(rf"(?<!\w){re.escape(a.speaker_text)}(?!\w)", text) \
            if a.speaker_text else None
        if found is None:
            return False
        forms = rf"(?:{verb.pattern})"
        if re.match(rf"\s*(?:also\s+|has\s+|had\s+)?{forms}(?!\s+by\b)", text[found.end():],
                    re.I):
            return True
        cue = text.find(a.cue, found.end()) if a.cue else -1
        if cue < 0:
            return False
        joined = re.search(rf"(?:,\s*(?:also\s+)?(?={forms})\w+ing\b|\s+and\s+(?:also\s+)?"
                           rf"(?={forms})\w+ed\b)(?!\s+by\b)", text[cue + len(a.cue):], re.I)
        between = text[cue + len(a.cue): cue + len(a.cue) + joined.start()] if joined else ""
        return joined is not None and not re.search(r"\b(?:while|but|whereas|although)\b"
                                                    r"|\b(?:said|says|told)\b", between)

    def _people_named(self, topic: str) -> set[str | None]:
        """The speakers a topic names ("Khan" in "Who praised Khan?"): not their own judges."""
        return {a.speaker for a in self.who.statements_of(topic)} \
            if self.who.is_speaker(topic) else set()

    def person_answering(self, query: Query) -> str | None:
        """Whom the answer to "Who <verb> ...?" names, when it surely names one person: a
        who-said answer that quotes one speaker only, or a first quote whose own verb is the
        asked one ("Who condemned ...?" answered by "Imran Khan also condemned ..."); else
        None (a refusal, several people, a quote its speaker only reports). After "Who is
        the <role>?", the one person its quotes name as holding the role."""
        answer = self.answer(query)
        role = asked_role(query.text)
        if role is not None:
            names = {holder(c.quote, role) for c in answer.citations} if answer.found else set()
            return names.pop() if len(names) == 1 and None not in names else None
        speakers = {c.speaker for c in answer.citations}
        first = answer.citations[0] if answer.found and answer.citations else None
        if first is None or not first.speaker or " and " in first.speaker:
            return None
        if query.form == "who_said":
            return first.speaker if len(speakers) == 1 else None
        asked = ASKS_WHO.match(query.text)
        if asked is None:
            return None
        verb = stem(asked["verb"].strip(",;:").lower())
        path = first.path.removeprefix(f"{self.label}/")
        for sentence in self.paragraphs.get((path, first.start_line), ()):
            if self.data.sentences[sentence].text != first.quote:
                continue
            for a in self.who.by_sentence.get(sentence, []):
                if a.speaker == first.speaker and a.cue.split() \
                        and stem(a.cue.split()[0].lower()) == verb:
                    return first.speaker
        return None

    def _near_words(self, sentence: int) -> frozenset[str]:
        """The words of a sentence and of the one before it in its article."""
        sentences = self.data.sentences
        words = self.words(sentences[sentence].text)
        if sentence > 0 and sentences[sentence - 1].path == sentences[sentence].path:
            words |= self.words(sentences[sentence - 1].text)
        return words

    def _date(self, sentence: int) -> str:
        return self.articles[self.data.sentences[sentence].path].date or ""

    def answer(self, query: Query) -> Answer:
        if query.form in ("speaker_topic", "speaker_all") and query.speaker:
            return self.speaker(query)
        if query.form == "who_said" and query.topic:
            return self.who_said(query)
        return self.general(query)
