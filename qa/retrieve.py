"""Hybrid retrieval: dense (FAISS over sentences) and BM25 (over chunks), fused by rank."""

from __future__ import annotations

import numpy as np

from qa.answertype import YEAR, other_year
from qa.embed import Embedder
from qa.lexical import BM25Index
from qa.store import IndexData, VectorIndex
from qa.types import Hit

RRF_K = 60  # reciprocal-rank constant of Cormack et al. (2009); damps the top ranks
LEXICAL_WEIGHT = 1.5  # BM25's rank counts this much more than the dense one's: names, numbers
# and rare terms decide news questions (retrieval hit@1 and MRR rose on xquad, squad2 and rgb
# alike for weights 1.3-1.6; the answer figures did not move)
DENSE_DEPTH = 200  # sentences read from the vector index before grouping them by chunk


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
        scores, rows = self.vectors.search(vector, min(DENSE_DEPTH, len(self.vectors)))
        best: dict[int, float] = {}  # chunk -> its best sentence's score
        for score, row in zip(scores.tolist(), rows.tolist(), strict=True):
            for c in self.chunks_of(row):
                if (mask is None or mask[c] > 0) and score > best.get(c, -1.0):
                    best[c] = score
        lexical = self.chunk_bm25.scores(question)
        if mask is not None:
            lexical = lexical * mask
        # Rank only what each side scored (a few hundred chunks, and those holding a query
        # word), never all chunks: the same order as a stable sort of all, ties by number.
        touched = np.array(sorted(best), dtype=np.int64)
        dense_rank = touched[np.argsort([-best[c] for c in touched.tolist()], kind="stable")]
        lexical_rank = _ranked(lexical, np.flatnonzero(lexical > 0))
        # A chunk only the lexical side found scores LEXICAL_WEIGHT/(RRF_K + rank): below the first
        # k + len(dense_rank) of them, it cannot reach the top k.
        candidates = np.unique(np.concatenate(
            [dense_rank, lexical_rank[: min(k, n) + len(dense_rank)]]))
        dense_at = {c: i for i, c in enumerate(dense_rank.tolist(), start=1)}
        lexical_at = _positions(lexical_rank, n)
        fused = np.array([1.0 / (RRF_K + dense_at[c]) if c in dense_at else 0.0
                          for c in candidates.tolist()]) + np.where(
            lexical[candidates] > 0, LEXICAL_WEIGHT / (RRF_K + lexical_at[candidates]), 0.0)
        order = np.argsort(-fused, kind="stable")
        if YEAR.search(question):
            # Passages about another year than the asked one ("2019" for "the 2021 Tour")
            # go after the rest of the leading ones.
            head = order[: 3 * min(k, n)]
            clash = np.array([other_year(self.data.chunks[candidates[j]].text, question)
                              for j in head.tolist()], dtype=bool)
            order = np.concatenate([head[~clash], head[clash], order[len(head):]])
        order = order[: min(k, n)]
        return [
            Hit(self.data.chunks[candidates[j]], float(fused[j]), rank,
                best.get(int(candidates[j]), -1.0), float(lexical[candidates[j]]))
            for rank, j in enumerate(order.tolist(), start=1)
            if fused[j] > 0
        ]


def _positions(ranking: np.ndarray, size: int) -> np.ndarray:
    """1-based position of each row in `ranking`; rows not in it hold garbage (never read)."""
    at = np.empty(size, dtype=np.int32)
    at[ranking] = np.arange(1, len(ranking) + 1)
    return at


def _ranked(scores: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """`rows` (ascending) ordered by descending score, ties kept in row order."""
    return rows[np.argsort(-scores[rows], kind="stable")]
