"""QAService: open an index, ask questions, rebuild. The one object every edge uses."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from qa import store
from qa.answer import Answerer, Scope
from qa.config import Settings
from qa.embed import Embedder, make_embedder
from qa.errors import BadQuestion, IndexMismatch, IndexNotFound
from qa.followup import standalone
from qa.indexer import (
    BuildReport,
    Extractor,
    Progress,
    build_index,
    expected_manifest,
    vectors_of,
)
from qa.ingest import corpus_hash, load_articles
from qa.lexical import acronym_table
from qa.question import clean, expand, parse
from qa.retrieve import Retriever
from qa.types import Answer, Article, Filters, Hit


class QAService:
    """Question answering over one built index.

    >>> service = QAService.open(Settings(archive_dir=Path("seeds"), index_dir=Path("index")))
    >>> service.ask("what did Khan say about sanctions").citations[0].start_line
    15
    """

    def __init__(self, settings: Settings, data: store.IndexData, embedder: Embedder) -> None:
        self.settings = settings
        self.data = data
        self.embedder = embedder
        self.retriever = Retriever(data, embedder)
        self.answerer = Answerer(
            data, self.retriever, str(data.manifest.get("archive", "")),
            top_k=settings.top_k, max_quotes=settings.max_quotes, min_score=settings.min_score,
            chunk_words=settings.chunk_words,
        )
        self.acronyms = acronym_table([s.text for s in data.sentences])

    @classmethod
    def open(cls, settings: Settings | None = None, embedder: Embedder | None = None,
             check_archive: bool = True) -> QAService:
        """Load the index; refuse one built with other settings or from another archive state."""
        settings = settings or Settings.from_env()
        manifest = vectors_of(store.read_manifest(settings.index_dir))
        embedder = embedder or make_embedder(settings, manifest.get("embed_backend"))
        store.check_manifest(manifest, expected_manifest(settings, embedder.dim,
                                                         getattr(embedder, "backend", None)))
        if check_archive and settings.archive_dir.is_dir():
            built_from = manifest.get("archive_path")
            if built_from and Path(built_from) != settings.archive_dir.resolve():
                raise IndexMismatch(
                    f"index was built from {built_from}/, not {settings.archive_dir.resolve()}/;"
                    f" run: qa index --archive {settings.archive_dir}"
                )
            label = manifest.get("archive")
            articles, _ = load_articles(settings.archive_dir)
            if articles and corpus_hash(articles) != manifest.get("corpus_hash"):
                raise IndexMismatch(f"articles in {label}/ changed since indexing; run: qa index")
        return cls(settings, store.load(settings.index_dir), embedder)

    @staticmethod
    def build(settings: Settings | None = None, embedder: Embedder | None = None,
              extractor: Extractor | None = None, progress: Progress | None = None,
              force: bool = False) -> BuildReport:
        """(Re)build the index; only new or edited articles are embedded and parsed."""
        settings = settings or Settings.from_env()
        if extractor is None:
            from qa.speakers import SpeakerExtractor

            extractor = SpeakerExtractor()
        if embedder is None:
            embedder = make_embedder(settings, _index_backend(settings.index_dir))
        return build_index(settings, embedder,
                           extractor, progress, force)

    def scope(self, filters: Filters | None) -> Scope | None:
        """The articles `filters` allow, or None when they allow everything."""
        if filters is None or not filters.active:
            return None
        sources = [s.strip("/") for s in map(self._relative, filters.sources) if s.strip("/")]

        def keep(a: Article) -> bool:
            if (filters.date_from or filters.date_to) and not a.date:
                return False
            if filters.date_from and a.date and a.date < filters.date_from:
                return False
            if filters.date_to and a.date and a.date > filters.date_to:
                return False
            return not sources or any(a.path == s or a.path.startswith(s + "/") for s in sources)

        paths = frozenset(a.path for a in self.data.articles if keep(a))
        mask = np.array([c.path in paths for c in self.data.chunks], dtype=np.float32)
        return Scope(paths, mask)

    def ask(self, question: str, history: Sequence[str] = (), *, k: int | None = None,
            filters: Filters | None = None) -> Answer:
        """Answer a question with verbatim, cited sentences, or say the archive doesn't.

        `history` holds the earlier questions of the conversation, oldest first; a follow-up
        ("and what did he say about it?") is rewritten to stand alone from them. `k` is how
        many retrieved chunks the answer may quote from; `filters` limit what may be cited.
        """
        text = clean(question, self.settings.max_question_chars)
        if not text:
            raise BadQuestion("the question is empty")
        if k is not None and k < 1:
            raise BadQuestion(f"k={k} must be 1 or more")
        scope = self.scope(filters)
        if scope is not None and not scope.paths:
            return Answer(text, False, "No article matches the filters (dates or sources).")
        answerer = self.answerer.within(scope, top_k=k)

        people: dict[str, str | None] = {}  # each earlier question answered once at most

        def answered(earlier: str) -> str | None:  # see Answerer.person_answering
            if earlier not in people:
                people[earlier] = answerer.person_answering(expand(parse(earlier), self.acronyms))
            return people[earlier]

        earlier = [h for h in (clean(q, self.settings.max_question_chars) for q in history) if h]
        rewritten = standalone(text, earlier, self.answerer.who.is_speaker, answered)
        answer = answerer.answer(expand(parse(rewritten or text), self.acronyms))
        return dataclasses.replace(answer, question=text, rewritten=rewritten)

    def search(self, question: str, k: int | None = None,
               filters: Filters | None = None) -> list[Hit]:
        """The best-matching chunks (hybrid BM25 + dense, re-ranked by their best answering
        sentence), best first."""
        text = clean(question, self.settings.max_question_chars)
        if not text:
            raise BadQuestion("the question is empty")
        answerer = self.answerer.within(self.scope(filters))
        return answerer.search(text, k or self.settings.top_k, self.retriever.embed_query(text))

    def articles(self) -> list[Article]:
        return list(self.data.articles)

    def article(self, path: str) -> Article | None:
        """The indexed article a citation's path names (with or without the archive prefix)."""
        return self.answerer.articles.get(self._relative(path))

    def _relative(self, path: str) -> str:
        """A path relative to the archive: "seeds/004_x.txt" -> "004_x.txt"."""
        return path.removeprefix(f"{self.answerer.label}/")


def make_filters(date_from: str | None = None, date_to: str | None = None,
                 sources: Sequence[str] | str = ()) -> Filters:
    """Filters from user input; dates must be YYYY-MM-DD, sources a list or "a, b"."""
    for value in (date_from, date_to):
        if value:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise BadQuestion(f"{value!r} is not a date like 2020-04-20") from None
    if isinstance(sources, str):
        sources = sources.split(",")
    return Filters(date_from or None, date_to or None,
                   tuple(s.strip() for s in sources if s.strip()))


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """The JSON shape of `qa ask --json` (and of the HTTP API)."""
    return {
        "question": answer.question,
        "found": answer.found,
        "answer": answer.text,
        "citations": [dataclasses.asdict(c) for c in answer.citations],
        "related": [dataclasses.asdict(p) for p in answer.related],
    }


def _index_backend(index_dir: Path) -> str | None:
    """The embedding backend the index at `index_dir` was built with, if there is one."""
    try:
        return store.read_manifest(index_dir).get("embed_backend")
    except (IndexNotFound, IndexMismatch):
        return None
