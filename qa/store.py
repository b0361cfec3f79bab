"""The index folder: plain files written atomically, checked on load. The only faiss user.

index/
  manifest.json       what the index depends on (model, dimension, chunking, corpus hash)
  articles.jsonl      one article a line, with its lines (quotes are checked against them)
  sentences.jsonl     line i = row i of vectors.faiss
  chunks.jsonl        chunks of consecutive sentences
  attributions.jsonl  reported speech: who said which sentence
  vectors.npy         one unit vector per sentence, float32, row i = sentence i (memory-mapped)
  vectors.faiss       the search index over those rows: exact (flat inner product = cosine)
                      below EXACT_LIMIT rows, IVF with 8-bit codes above (memory-mapped)
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import gc
import json
import mmap
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from qa.errors import IndexMismatch, IndexNotFound
from qa.types import Article, Attribution, Chunk, Sentence

FORMAT = 2  # 2: vectors.npy beside vectors.faiss, which may be approximate
FILES = ("manifest.json", "articles.jsonl", "sentences.jsonl", "chunks.jsonl",
         "attributions.jsonl", "vectors.npy", "vectors.faiss")
# Exact search reads every row per query: ~10 ms and 150 MB at 100,000 rows on 2 cores.
# Above that, an inverted file (IVF) with 8-bit scalar-quantised codes (a quarter of the
# float size) is searched in NPROBE of its lists, and the candidates are re-scored exactly
# from vectors.npy, so the scores are true cosines and the order is exact among them.
EXACT_LIMIT = 100_000
# At a million rows (1,024 lists), 64 lists give recall@10 0.96 against exact search on the
# bench's synthetic rows, 32 lists 0.94 (bench/scale.py); dense search p50 5.5 ms against
# 3.7 ms (bench/results.md, 2026-11-27).
NPROBE = 64
# Candidates taken from the IVF per result wanted (at least REFINE_MIN), then re-scored
# exactly: 8-bit codes blur near-duplicates (a story filed twice), so take plenty.
REFINE = 2
REFINE_MIN = 100


@dataclass(frozen=True, slots=True)
class IndexData:
    """Everything an index holds, in memory."""

    manifest: dict[str, Any]
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    chunks: tuple[Chunk, ...]
    attributions: tuple[Attribution, ...]
    vectors: np.ndarray  # (len(sentences), dim) float32, unit rows; a memmap when loaded
    search: VectorIndex | None = None  # the saved search index, when loaded from disk


def ivf_lists(rows: int) -> int:
    """IVF list count: the power of two nearest sqrt(rows), the usual balance of the
    centroid scan against the list scan."""
    return int(2 ** round(np.log2(max(rows, 1)) / 2))


class VectorIndex:
    """Top-k inner-product search over unit vectors (inner product = cosine); exact below
    EXACT_LIMIT rows, IVF-SQ8 plus exact re-scoring above."""

    def __init__(self, vectors: np.ndarray, index: Any = None, nprobe: int = NPROBE) -> None:
        self.vectors = vectors  # exact re-scoring of approximate candidates reads these
        self.dim = int(vectors.shape[1])
        self._index = index if index is not None else self._build(vectors)
        self.exact = isinstance(self._index, faiss.IndexFlat)
        self.nprobe = nprobe

    def _build(self, vectors: np.ndarray) -> Any:
        if len(vectors) < EXACT_LIMIT:
            flat = faiss.IndexFlatIP(self.dim)
            if len(vectors):
                flat.add(np.ascontiguousarray(vectors, dtype=np.float32))
            return flat
        lists = ivf_lists(len(vectors))
        index = faiss.index_factory(self.dim, f"IVF{lists},SQ8", faiss.METRIC_INNER_PRODUCT)
        # k-means on a fixed sample (64 rows per list) is as good as on all rows, and fast.
        sample = np.sort(np.random.default_rng(0).choice(
            len(vectors), min(len(vectors), 64 * lists), replace=False))
        index.train(np.ascontiguousarray(vectors[sample], dtype=np.float32))
        step = 65_536  # add in slices: a memmap is read a slice at a time
        for start in range(0, len(vectors), step):
            index.add(np.ascontiguousarray(vectors[start : start + step], dtype=np.float32))
        return index

    @property
    def nprobe(self) -> int:
        """IVF lists searched per query (more: slower, closer to exact); 0 when exact."""
        return 0 if self.exact else int(faiss.extract_index_ivf(self._index).nprobe)

    @nprobe.setter
    def nprobe(self, value: int) -> None:
        if not self.exact:
            faiss.extract_index_ivf(self._index).nprobe = value

    @property
    def kind(self) -> str:
        """"flat" or the IVF layout, as the manifest records it."""
        if self.exact:
            return "flat"
        return f"IVF{faiss.extract_index_ivf(self._index).nlist},SQ8"

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def _rows(self, rows: np.ndarray) -> np.ndarray:
        """The float rows of the candidates. From vectors.npy they are read with pread, not
        through the memory map: random rows through a map page in whole large folios, and
        after a few hundred questions most of the file sat in the process's resident memory
        (1.5 GB at a million rows); read this way they stay in the kernel's page cache."""
        path = getattr(self.vectors, "filename", None)
        if not isinstance(self.vectors, np.memmap) or not path:
            return np.asarray(self.vectors[rows], dtype=np.float32)
        width = self.dim * 4
        out = np.empty((len(rows), self.dim), dtype=np.float32)
        fd = os.open(path, os.O_RDONLY)
        try:
            for i, row in enumerate(rows.tolist()):
                out[i] = np.frombuffer(os.pread(fd, width, self.vectors.offset + row * width),
                                       dtype=np.float32)
        finally:
            os.close(fd)
        return out

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path, vectors: np.ndarray) -> VectorIndex:
        """Read vectors.faiss; an IVF index's lists stay on disk, memory-mapped."""
        flags = faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY
        return cls(vectors, faiss.read_index(str(path), flags))

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, rows) for one query vector; k is clamped, missing rows dropped."""
        k = min(k, len(self))
        if k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        query = query.reshape(1, -1).astype(np.float32)
        wanted = k if self.exact else min(max(REFINE * k, REFINE_MIN), len(self))
        scores, rows = self._index.search(query, wanted)
        keep = rows[0] >= 0  # faiss pads with -1 when it has fewer than k results
        scores, rows = scores[0][keep], rows[0][keep]
        if not self.exact:  # true cosines from the float rows, then the best k of them
            order = np.sort(rows)  # ascending rows read the file front to back
            exact = self._rows(order) @ query[0]
            best = np.argsort(-exact, kind="stable")[:k]
            scores, rows = exact[best], order[best]
        return scores, rows


def _write_jsonl(path: Path, records: Sequence[Any]) -> None:
    """One JSON object a line per flat dataclass record. (dataclasses.asdict deep-copies
    every field: it was two thirds of re-indexing one article in a large archive.)"""
    if not records:
        path.write_text("", encoding="utf-8")
        return
    names = [f.name for f in dataclasses.fields(records[0])]
    encode = json.JSONEncoder(ensure_ascii=False).encode
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(encode({name: getattr(record, name) for name in names}) + "\n")


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records one at a time: a million rows never sit in memory twice."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index folder (a second waits for the first)."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(index_dir.parent / f".{index_dir.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def save(data: IndexData, index_dir: Path) -> None:
    """Write the index next to `index_dir`, then swap it in: a crash leaves the old one whole."""
    parent = index_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{index_dir.name}.build-", dir=parent))
    try:
        _write_jsonl(tmp / "articles.jsonl", data.articles)
        _write_jsonl(tmp / "sentences.jsonl", data.sentences)
        _write_jsonl(tmp / "chunks.jsonl", data.chunks)
        _write_jsonl(tmp / "attributions.jsonl", data.attributions)
        np.save(tmp / "vectors.npy", np.asarray(data.vectors, dtype=np.float32))
        search = data.search or VectorIndex(data.vectors)
        search.save(tmp / "vectors.faiss")
        manifest = {**data.manifest, "vector_index": search.kind}
        # The manifest is written last: a folder without one is never a finished index.
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        for name in FILES:
            with open(tmp / name, "rb") as f:
                os.fsync(f.fileno())
        _swap(tmp, index_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _swap(new: Path, index_dir: Path) -> None:
    old = index_dir.parent / f".{index_dir.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if index_dir.exists():
        os.rename(index_dir, old)
    os.rename(new, index_dir)  # between the two renames, load() falls back to .old
    shutil.rmtree(old, ignore_errors=True)


def _resolve(index_dir: Path) -> Path:
    if (index_dir / "manifest.json").exists():
        return index_dir
    old = index_dir.parent / f".{index_dir.name}.old"
    if (old / "manifest.json").exists():  # a build was cut off mid-swap
        return old
    raise IndexNotFound(f"no index at {index_dir}/; build it with: qa index")


def read_manifest(index_dir: Path) -> dict[str, Any]:
    """The manifest of the index at `index_dir`."""
    path = _resolve(index_dir) / "manifest.json"
    try:
        return dict(json.loads(path.read_text()))
    except (OSError, ValueError) as exc:
        raise IndexMismatch(f"index manifest {path} is unreadable ({exc}); run: qa index") from exc


def check_manifest(manifest: dict[str, Any], expected: dict[str, Any]) -> None:
    """Refuse an index built with other settings, in one line that says what to do."""
    for key, want in expected.items():
        have = manifest.get(key)
        if have != want:
            raise IndexMismatch(
                f"index was built with {key}={have!r}, but the current setting is {want!r}; "
                "run: qa index"
            )


def load(index_dir: Path) -> IndexData:
    """Read every file of the index; a damaged index raises IndexMismatch."""
    # Millions of records and no reference cycles: the cyclic collector would only rescan
    # them over and over while they are read.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(index_dir)
    finally:
        if enabled:
            gc.enable()


def _load(index_dir: Path) -> IndexData:
    folder = _resolve(index_dir)
    manifest = read_manifest(index_dir)
    if manifest.get("format") != FORMAT:
        raise IndexMismatch(f"index format {manifest.get('format')} is not {FORMAT}; run: qa index")
    try:
        articles = tuple(
            Article(**{**r, "lines": tuple(r["lines"])})
            for r in _read_jsonl(folder / "articles.jsonl")
        )
        # Paths repeat on every sentence and chunk: one string each saves ~60 B a row.
        sentences = tuple(Sentence(**{**r, "path": sys.intern(r["path"])})
                          for r in _read_jsonl(folder / "sentences.jsonl"))
        chunks = tuple(Chunk(**{**r, "path": sys.intern(r["path"])})
                       for r in _read_jsonl(folder / "chunks.jsonl"))
        attributions = tuple(Attribution(**r) for r in _read_jsonl(folder / "attributions.jsonl"))
        # Memory-mapped: pages are read when a row is used, and shared between processes.
        vectors = np.load(folder / "vectors.npy", mmap_mode="r")
        raw = getattr(vectors, "_mmap", None)
        # Rows are read a few hundred at a time, at random; the kernel's read-ahead would
        # page in the whole file within a few hundred questions.
        if raw is not None:
            raw.madvise(mmap.MADV_RANDOM)
        search = VectorIndex.load(folder / "vectors.faiss", vectors)
    except (OSError, ValueError, TypeError, KeyError, RuntimeError) as exc:
        raise IndexMismatch(f"index at {folder}/ is damaged ({exc}); run: qa index") from exc
    if len(vectors) != len(sentences) or len(search) != len(sentences) \
            or vectors.dtype != np.float32:
        raise IndexMismatch(
            f"index at {folder}/ has {len(vectors)} vectors for {len(sentences)} sentences; "
            "run: qa index"
        )
    return IndexData(manifest, articles, sentences, chunks, attributions, vectors, search)
