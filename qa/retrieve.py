"""Hybrid retrieval: dense (FAISS over sentences) and BM25 (over chunks), fused by rank."""

from __future__ import annotations

import numpy as np

from qa.embed import Embedder
from qa.lexical import BM25Index
from qa.store import IndexData, VectorIndex
from qa.types import Hit

RRF_K = 60  # reciprocal-rank constant of Cormack et al. (2009); damps the top ranks
DENSE_DEPTH = 200  # sentences read from the vector index before grouping them by chunk


def rrf(rankings: list[np.ndarray], size: int) -> np.ndarray:
    """Reciprocal-rank fusion: sum of 1/(RRF_K + rank) over rankings of row numbers."""
    fused = np.zeros(size, dtype=np.float64)
    for ranking in rankings:
        fused[ranking] += 1.0 / (RRF_K + np.arange(1, len(ranking) + 1))
    return fused


class Retriever:
    """Finds the chunks that best match a question, by meaning and by words."""

    def __init__(self, data: IndexData, embedder: Embedder) -> None:
        self.data = data
        self.embedder = embedder
        self.vectors = data.search if data.search is not None else VectorIndex(data.vectors)
        self.chunk_bm25 = BM25Index([c.text for c in data.chunks])
        self.sentence_bm25 = BM25Index([s.text for s in data.sentences])
        # Chunks follow the sentence order, so the chunks holding sentence r (neighbours
        # overlap) are the run first[i] <= r <= last[i]: found by binary search, no table.
        self.first = np.array([c.first_sentence for c in data.chunks], dtype=np.int64)
        self.last = np.array([c.last_sentence for c in data.chunks], dtype=np.int64)
        if (np.diff(self.first) < 0).any() or (np.diff(self.last) < 0).any():
            raise ValueError("chunks must be in sentence order")

    def chunks_of(self, row: int) -> range:
        """The chunks holding sentence `row`."""
        return range(int(np.searchsorted(self.last, row, "left")),
                     int(np.searchsorted(self.first, row, "right")))

    def embed_query(self, text: str) -> np.ndarray:
        return self.embedder.embed([text], kind="query")[0]

    def search(
        self, question: str, k: int, query_vector: np.ndarray | None = None,
        mask: np.ndarray | None = None,
    ) -> list[Hit]:
        """The top `k` chunks (k clamped to the archive). `mask` (0/1 per chunk) filters."""
        n = len(self.data.chunks)
        if n == 0:
            return []
        vector = self.embed_query(question) if query_vector is None else query_vector
        dense = np.full(n, -1.0, dtype=np.float32)
        scores, rows = self.vectors.search(vector, min(DENSE_DEPTH, len(self.vectors)))
        for score, row in zip(scores, rows, strict=True):
            for c in self.chunks_of(int(row)):
                dense[c] = max(dense[c], score)  # a chunk scores as its best sentence
        lexical = self.chunk_bm25.scores(question)
        if mask is not None:
            dense = np.where(mask > 0, dense, -1.0)
            lexical = lexical * mask
        # Rank only the chunks each side scored (a few hundred of possibly millions): the
        # same order as a stable sort of all chunks, ties by chunk number.
        dense_rank = _ranked(dense, np.flatnonzero(dense > -1.0))
        lexical_rank = _ranked(lexical, np.flatnonzero(lexical > 0))
        candidates = np.union1d(dense_rank, lexical_rank)
        fused = rrf([dense_rank, lexical_rank], n)
        order = _ranked(fused, candidates)[: min(k, n)]
        return [
            Hit(self.data.chunks[i], float(fused[i]), rank, float(dense[i]), float(lexical[i]))
            for rank, i in enumerate(order, start=1)
            if fused[i] > 0
        ]


def _ranked(scores: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """`rows` (ascending) ordered by descending score, ties kept in row order."""
    return rows[np.argsort(-scores[rows], kind="stable")]
