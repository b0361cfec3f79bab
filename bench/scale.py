"""Scale, qa only: a million stored chunks, searched through qa's own store and retriever.

Embedding a million real chunks would take hours on two cores, so the vectors and records
are synthetic, but not uniform noise (uniform unit vectors in 384-d have no neighbours, and
every approximate index looks broken on them). Each synthetic row is a real sentence of the
indexed BBC articles: its text, and its embedding mixed with another random sentence's
(weight MIX) plus Gaussian noise, normalised. So the rows lie near the real sentences, as
paraphrases and repeated stories do, but rarely copies of one point (about 7,000 of
the million random pairs repeat): a question's
nearest rows are each a little different, which is what an approximate index can miss
(with noise alone, about 120 noisy copies of each sentence, the exact top 10 were copies
of one sentence and any index found them). The queries are real questions embedded by the
real model.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.tasks import _peak_mb, _percentiles, _rss_mb
from qa import store
from qa.config import Settings
from qa.embed import make_embedder
from qa.indexer import expected_manifest
from qa.types import Article, Chunk, Sentence

MIX = 0.7  # weight of the second sentence's embedding beside the first's (1)
NOISE = 0.5  # |noise| / |mixed vector|: cosine to the mix 1 / sqrt(1 + 0.5^2) = 0.89
PER_ARTICLE = 25  # synthetic rows per synthetic article file


def synthesize(source: store.IndexData, rows: int, seed: int = 0) -> store.IndexData:
    """`rows` sentences, one chunk each, drawn around the sentences of `source`."""
    rng = np.random.default_rng(seed)
    origin = rng.integers(0, len(source.sentences), rows)
    other = rng.integers(0, len(source.sentences), rows)
    dim = source.vectors.shape[1]
    vectors = np.empty((rows, dim), dtype=np.float32)
    step = 100_000
    for start in range(0, rows, step):
        part = np.asarray(source.vectors[origin[start : start + step]]) + MIX * np.asarray(
            source.vectors[other[start : start + step]])
        part /= np.linalg.norm(part, axis=1, keepdims=True)
        part = part + rng.standard_normal(part.shape, dtype=np.float32) * (NOISE / np.sqrt(dim))
        vectors[start : start + step] = part / np.linalg.norm(part, axis=1, keepdims=True)
    sentences, chunks, articles = [], [], []
    for first in range(0, rows, PER_ARTICLE):
        path = f"synthetic/{first // PER_ARTICLE:06d}.txt"
        lines = []
        for i in range(first, min(first + PER_ARTICLE, rows)):
            text = source.sentences[origin[i]].text.replace("\n", " ")
            line = i - first + 1
            lines.append(text)
            sentences.append(Sentence(i, path, line, 0, line, len(text), text))
            chunks.append(Chunk(f"{path}:{line}-{line}", path, line, line, i, i, text))
        articles.append(Article(path, lines[0][:80], None, tuple(lines), "0" * 64, "utf-8"))
    manifest = {**source.manifest, "archive": "synthetic", "articles": len(articles),
                "sentences": rows, "chunks": rows, "corpus_hash": "synthetic"}
    return store.IndexData(manifest, tuple(articles), tuple(sentences), tuple(chunks), (),
                           vectors)


def _query_vectors(questions: list[str], settings: Settings) -> np.ndarray:
    return make_embedder(settings).embed(questions, kind="query")


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Exact top-k rows per query, by brute force in slices (the ground truth)."""
    best_scores = np.full((len(queries), 0), -np.inf, dtype=np.float32)
    best_rows = np.zeros((len(queries), 0), dtype=np.int64)
    step = 100_000
    for start in range(0, len(vectors), step):
        scores = queries @ np.asarray(vectors[start : start + step]).T
        rows = np.arange(start, start + scores.shape[1])[None, :].repeat(len(queries), 0)
        scores = np.concatenate([best_scores, scores], axis=1)
        rows = np.concatenate([best_rows, rows], axis=1)
        keep = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        best_scores = np.take_along_axis(scores, keep, 1)
        best_rows = np.take_along_axis(rows, keep, 1)
    return best_rows


def task_build(source_index: str, out: str, rows: int, questions: str, backend: str,
               exact_limit: int | None = None) -> dict[str, Any]:
    """Synthesize, save through store.save (which picks the index type), and the truth."""
    if exact_limit:
        store.EXACT_LIMIT = exact_limit
    settings = Settings.from_env(embed_backend=backend)
    source = store.load(Path(source_index))
    start = time.perf_counter()
    data = synthesize(source, rows)
    made = time.perf_counter() - start
    data = store.IndexData({**data.manifest, **expected_manifest(settings, 384)},
                           data.articles, data.sentences, data.chunks, (), data.vectors)
    start = time.perf_counter()
    store.save(data, Path(out))
    saved = time.perf_counter() - start
    queries = _query_vectors(json.loads(Path(questions).read_text()), settings)
    truth = exact_top(data.vectors, queries, 10)
    np.save(Path(out).parent / "truth.npy", truth)
    # Exact search over the same rows, for comparison: every row in memory, every row read.
    import faiss

    flat = faiss.IndexFlatIP(data.vectors.shape[1])
    flat.add(data.vectors)
    times = []
    for q in queries:
        start = time.perf_counter()
        flat.search(q[None, :], 10)
        times.append(time.perf_counter() - start)
    return {"rows": rows, "synthesize_seconds": round(made, 1),
            "save_seconds": round(saved, 1),
            "vector_index": json.loads((Path(out) / "manifest.json").read_text())["vector_index"],
            "files_mb": {p.name: round(p.stat().st_size / 2**20, 1)
                         for p in sorted(Path(out).iterdir())},
            "exact_flat": {**_percentiles(times),
                           "ram_mb": round(data.vectors.nbytes / 2**20, 1)}}


def task_search(index: str, questions: str, backend: str, truth: str) -> dict[str, Any]:
    """Open the big index as qa does, time searches, then measure recall@10."""
    from qa.retrieve import Retriever

    settings = Settings.from_env(embed_backend=backend)
    start = time.perf_counter()
    data = store.load(Path(index))
    loaded = time.perf_counter() - start
    embedder = make_embedder(settings)
    retriever = Retriever(data, embedder)
    opened = time.perf_counter() - start
    asked = json.loads(Path(questions).read_text())
    for q in asked[:5]:
        retriever.search(q, 5)
    times, again = [], []
    for timed in (times, again):  # the first pass after opening, then the same questions
        for q in asked:
            start = time.perf_counter()
            retriever.search(q, 5)
            timed.append(time.perf_counter() - start)
    memory = {"peak_rss_mb": round(_peak_mb(), 1), "rss_mb": round(_rss_mb(), 1),
              "rss_anon_mb": round(_rss_mb("RssAnon"), 1),
              "rss_file_mb": round(_rss_mb("RssFile"), 1)}
    # Recall@10 of the dense index against exact search, for a few probe counts.
    queries = embedder.embed(asked, kind="query")
    expected = np.load(truth)
    index_ = retriever.vectors
    recall = {}
    default = index_.nprobe
    for nprobe in sorted({8, 16, 32, 64, default}):
        index_.nprobe = nprobe
        found, dense_times = 0, []
        for q, want in zip(queries, expected, strict=True):
            start = time.perf_counter()
            _, rows = index_.search(q, 10)
            dense_times.append(time.perf_counter() - start)
            found += len(set(rows.tolist()) & set(want.tolist()))
        recall[str(nprobe)] = {"recall_at_10": round(found / expected.size, 4),
                               "dense_p50_ms": _percentiles(dense_times)["p50_ms"]}
        if index_.exact:
            break
    index_.nprobe = default
    return {"rows": len(data.sentences), "chunks": len(data.chunks),
            "vector_index": data.manifest.get("vector_index"), "nprobe": default,
            "load_seconds": round(loaded, 1), "open_seconds": round(opened, 1),
            "search": _percentiles(times), "search_again": _percentiles(again), **memory,
            "recall": recall}
