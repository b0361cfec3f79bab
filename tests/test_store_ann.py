"""The index type is chosen by size; the approximate one must stay close to exact search."""

import numpy as np
import pytest

from qa import store
from qa.retrieve import LEXICAL_WEIGHT, RRF_K, Retriever
from qa.types import Article, Chunk, Sentence
from tests.conftest import NoSpeakers


def clustered(rows, dim=64, centres=200, seed=0):
    """Unit vectors drawn around fixed random centres: neighbours exist, as in real text."""
    middle = np.random.default_rng(0).standard_normal((centres, dim)).astype(np.float32)
    rng = np.random.default_rng(seed + 1)
    x = middle[rng.integers(0, centres, rows)] + 0.7 * rng.standard_normal((rows, dim)).astype(
        np.float32) / np.sqrt(dim)
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def exact_top(vectors, query, k):
    return np.argsort(-(vectors @ query), kind="stable")[:k]


def synthetic_data(vectors):
    sentences = tuple(Sentence(i, f"a{i // 10}.txt", i % 10 + 1, 0, i % 10 + 1, 5, f"row {i}")
                      for i in range(len(vectors)))
    chunks = tuple(Chunk(f"{s.path}:{s.start_line}-{s.start_line}", s.path, s.start_line,
                         s.start_line, s.id, s.id, s.text) for s in sentences)
    articles = tuple(Article(f"a{j}.txt", "t", None, tuple(f"row {i}" for i in range(j * 10, j * 10 + 10)),
                             "0", "utf-8") for j in range((len(vectors) + 9) // 10))
    return store.IndexData({"format": store.FORMAT}, articles, sentences, chunks, (), vectors)


def test_small_archives_get_exact_search():
    vectors = clustered(500)
    index = store.VectorIndex(vectors)
    assert index.exact and index.kind == "flat" and index.nprobe == 0
    scores, rows = index.search(vectors[3], 10)
    assert rows.tolist() == exact_top(vectors, vectors[3], 10).tolist()


def test_large_archives_get_ivf_with_exact_scores_and_high_recall(monkeypatch):
    monkeypatch.setattr(store, "EXACT_LIMIT", 1000)
    vectors = clustered(20_000)
    index = store.VectorIndex(vectors)
    assert not index.exact and index.kind == f"IVF{store.ivf_lists(20_000)},SQ8"
    rng = np.random.default_rng(1)
    queries = clustered(50, seed=2)
    found = 0
    for q in queries:
        scores, rows = index.search(q, 10)
        # scores are true cosines (re-scored from the float rows), best first
        assert np.allclose(scores, vectors[rows] @ q, atol=1e-5)
        assert (np.diff(scores) <= 1e-7).all()
        found += len(set(rows.tolist()) & set(exact_top(vectors, q, 10).tolist()))
    assert found / (10 * len(queries)) >= 0.95
    assert len(index.search(vectors[rng.integers(20_000)], 50_000)[1]) <= 20_000


def test_ivf_index_is_saved_memory_mapped_and_searches_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "EXACT_LIMIT", 1000)
    vectors = clustered(5000)
    store.save(synthetic_data(vectors), tmp_path / "index")
    manifest = store.read_manifest(tmp_path / "index")
    assert manifest["vector_index"].startswith("IVF")
    data = store.load(tmp_path / "index")
    assert isinstance(data.vectors, np.memmap) and np.array_equal(data.vectors, vectors)
    assert data.search is not None and not data.search.exact
    fresh = store.VectorIndex(vectors)
    for q in clustered(10, seed=3):
        a, b = data.search.search(q, 10), fresh.search(q, 10)
        assert a[1].tolist() == b[1].tolist()
        assert np.array_equal(a[0], b[0])  # rows read from the file give the same cosines


def _old_search(retriever, question, vector, k):
    """The retriever's ranking before it learned to rank only scored chunks: full sorts."""
    data, n = retriever.data, len(retriever.data.chunks)
    dense = np.full(n, -1.0, dtype=np.float32)
    scores, rows = retriever.vectors.search(vector, min(200, len(retriever.vectors)))
    for score, row in zip(scores, rows, strict=True):
        for i, c in enumerate(data.chunks):
            if c.first_sentence <= row <= c.last_sentence:
                dense[i] = max(dense[i], score)
    lexical = retriever.chunk_bm25.scores(question)
    dense_rank = np.argsort(-dense, kind="stable")
    dense_rank = dense_rank[dense[dense_rank] > -1.0]
    lexical_rank = np.argsort(-lexical, kind="stable")
    lexical_rank = lexical_rank[lexical[lexical_rank] > 0]
    fused = np.zeros(n)
    for ranking, weight in ((dense_rank, 1.0), (lexical_rank, LEXICAL_WEIGHT)):
        fused[ranking] += weight / (RRF_K + np.arange(1, len(ranking) + 1))
    order = np.argsort(-fused, kind="stable")[:k]
    return [(data.chunks[i].id, round(float(fused[i]), 9)) for i in order if fused[i] > 0]


@pytest.mark.parametrize("question", ["river port floods", "flood walls cost", "nothing matches"])
def test_ranking_only_scored_chunks_gives_the_full_sort_order(settings, fake_embedder, question):
    from qa.api import QAService

    QAService.build(settings, embedder=fake_embedder, extractor=NoSpeakers())
    data = store.load(settings.index_dir)
    retriever = Retriever(data, fake_embedder)
    vector = fake_embedder.embed([question], kind="query")[0]
    got = [(h.chunk.id, round(h.score, 9)) for h in retriever.search(question, 50, vector)]
    assert got == _old_search(retriever, question, vector, 50)
    assert list(retriever.chunks_of(data.chunks[1].first_sentence)) != []


def test_reindex_reusing_stored_sentences_equals_a_full_build(settings, fake_embedder, archive,
                                                               tmp_path):
    from dataclasses import replace

    from qa.api import QAService

    QAService.build(settings, embedder=fake_embedder, extractor=NoSpeakers())
    first = sorted(archive.rglob("*.txt"))[0]
    first.write_text(first.read_text() + "\nA new closing sentence. And one more.\n")
    report = QAService.build(settings, embedder=fake_embedder, extractor=NoSpeakers())
    assert len(report.changed) == 1 and report.embedded == 2
    fresh = replace(settings, index_dir=tmp_path / "fresh")
    QAService.build(fresh, embedder=fake_embedder, extractor=NoSpeakers())
    a, b = store.load(settings.index_dir), store.load(fresh.index_dir)
    assert a.sentences == b.sentences and a.chunks == b.chunks
    assert np.array_equal(a.vectors, b.vectors)
