"""The index folder: plain files written atomically, checked on load. The only faiss user.

index/
  manifest.json       what the index depends on (model, dimension, chunking, corpus hash)
  articles.jsonl      one article a line, with its lines (quotes are checked against them)
  sentences.jsonl     line i = row i of vectors.faiss
  chunks.jsonl        chunks of consecutive sentences
  attributions.jsonl  reported speech: who said which sentence
  vectors.faiss       one unit vector per sentence (flat inner product = cosine)
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from qa.errors import IndexMismatch, IndexNotFound
from qa.types import Article, Attribution, Chunk, Sentence

FORMAT = 1
FILES = ("manifest.json", "articles.jsonl", "sentences.jsonl", "chunks.jsonl",
         "attributions.jsonl", "vectors.faiss")


@dataclass(frozen=True, slots=True)
class IndexData:
    """Everything an index holds, in memory."""

    manifest: dict[str, Any]
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    chunks: tuple[Chunk, ...]
    attributions: tuple[Attribution, ...]
    vectors: np.ndarray  # (len(sentences), dim) float32, unit rows


class VectorIndex:
    """Exact inner-product search over unit vectors (inner product = cosine)."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.dim = int(vectors.shape[1])
        self._index = faiss.IndexFlatIP(self.dim)
        if len(vectors):
            self._index.add(np.ascontiguousarray(vectors, dtype=np.float32))

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, rows) for one query vector; k is clamped, missing rows dropped."""
        k = min(k, len(self))
        if k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        scores, rows = self._index.search(query.reshape(1, -1).astype(np.float32), k)
        keep = rows[0] >= 0  # faiss pads with -1 when it has fewer than k results
        return scores[0][keep], rows[0][keep]


def _write_jsonl(path: Path, records: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


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
        _write_jsonl(tmp / "articles.jsonl", (dataclasses.asdict(a) for a in data.articles))
        _write_jsonl(tmp / "sentences.jsonl", (dataclasses.asdict(s) for s in data.sentences))
        _write_jsonl(tmp / "chunks.jsonl", (dataclasses.asdict(c) for c in data.chunks))
        _write_jsonl(tmp / "attributions.jsonl", (dataclasses.asdict(a) for a in data.attributions))
        flat = faiss.IndexFlatIP(int(data.vectors.shape[1]))
        flat.add(np.ascontiguousarray(data.vectors, dtype=np.float32))
        faiss.write_index(flat, str(tmp / "vectors.faiss"))
        # The manifest is written last: a folder without one is never a finished index.
        (tmp / "manifest.json").write_text(json.dumps(data.manifest, indent=2) + "\n")
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
    folder = _resolve(index_dir)
    manifest = read_manifest(index_dir)
    if manifest.get("format") != FORMAT:
        raise IndexMismatch(f"index format {manifest.get('format')} is not {FORMAT}; run: qa index")
    try:
        articles = tuple(
            Article(**{**r, "lines": tuple(r["lines"])})
            for r in _read_jsonl(folder / "articles.jsonl")
        )
        sentences = tuple(Sentence(**r) for r in _read_jsonl(folder / "sentences.jsonl"))
        chunks = tuple(Chunk(**r) for r in _read_jsonl(folder / "chunks.jsonl"))
        attributions = tuple(Attribution(**r) for r in _read_jsonl(folder / "attributions.jsonl"))
        flat = faiss.read_index(str(folder / "vectors.faiss"))
        vectors = flat.reconstruct_n(0, flat.ntotal) if flat.ntotal else np.zeros((0, flat.d))
    except (OSError, ValueError, TypeError, KeyError, RuntimeError) as exc:
        raise IndexMismatch(f"index at {folder}/ is damaged ({exc}); run: qa index") from exc
    if len(vectors) != len(sentences):
        raise IndexMismatch(
            f"index at {folder}/ has {len(vectors)} vectors for {len(sentences)} sentences; "
            "run: qa index"
        )
    return IndexData(manifest, articles, sentences, chunks, attributions,
                     np.asarray(vectors, dtype=np.float32))
