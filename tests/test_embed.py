"""The embedding backends: which one "auto" runs, and bf16 against fp32 on the real model."""

from __future__ import annotations

import numpy as np
import pytest

from qa import embed
from qa.config import Settings
from qa.embed import SentenceTransformerEmbedder, native_bf16, resolve_backend


def test_native_bf16_reads_the_cpu_flags(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("flags\t\t: fpu avx512f avx512_bf16 amx_bf16 amx_tile\n")
    assert native_bf16(cpuinfo)
    cpuinfo.write_text("flags\t\t: fpu avx512f avx512_bf16 avx512_vnni\n")  # no AMX
    assert not native_bf16(cpuinfo)
    assert not native_bf16(tmp_path / "missing")


def test_auto_picks_by_cpu_and_keeps_only_int8(monkeypatch):
    assert resolve_backend("onnx-int8", "torch") == "onnx-int8"  # a choice is kept
    monkeypatch.setattr(embed, "native_bf16", lambda: True)
    assert resolve_backend("auto", None) == "torch-bf16"
    assert resolve_backend("auto", "onnx") == "torch-bf16"  # fp32 vectors either way
    assert resolve_backend("auto", "onnx-int8") == "onnx-int8"  # int8 vectors: int8 reads
    monkeypatch.setattr(embed, "native_bf16", lambda: False)
    assert resolve_backend("auto", None) == "onnx"
    assert resolve_backend("auto", "torch-bf16") == "onnx"  # no AMX: never bf16
    with pytest.raises(ValueError):
        Settings(embed_backend="bf16")


def test_fp32_backends_read_each_others_indexes_int8_does_not():
    from qa import store
    from qa.errors import IndexMismatch
    from qa.indexer import expected_manifest, vectors_of

    settings = Settings()
    built = {**expected_manifest(settings, 384, "torch-bf16"), "embed_backend": "torch-bf16"}
    for backend in ("torch", "onnx", "torch-bf16"):
        store.check_manifest(built, expected_manifest(settings, 384, backend))
    with pytest.raises(IndexMismatch, match="vectors"):
        store.check_manifest(built, expected_manifest(settings, 384, "onnx-int8"))
    # An index from before the manifest named its vectors: derived from its backend.
    old = {k: v for k, v in built.items() if k != "vectors"} | {"embed_backend": "onnx"}
    store.check_manifest(vectors_of(old), expected_manifest(settings, 384, "torch-bf16"))


@pytest.mark.integration
def test_bf16_vectors_match_fp32_and_rank_alike(real_embedder):
    texts = [
        "Imran Khan condemned the sanctions imposed on Iran.",
        "The river port closed for two days after the floods.",
        "Rouhani said the talks with Pakistan went well.",
        "Prices of wheat rose sharply in the spring.",
    ]
    bf16 = SentenceTransformerEmbedder(bf16=True)
    assert bf16.backend == "torch-bf16" and real_embedder.backend == "torch"
    a = real_embedder.embed(texts, kind="document")
    b = bf16.embed(texts, kind="document")
    assert b.dtype == np.float32 and np.allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-5)
    assert (a * b).sum(axis=1).min() > 0.999
    assert not np.allclose(a, b, atol=1e-6)  # bf16 really ran: the vectors moved a little
    query = "what did Khan say about sanctions"
    for model in (real_embedder, bf16):
        scores = model.embed(texts, kind="document") @ model.embed([query], kind="query")[0]
        assert int(np.argmax(scores)) == 0


@pytest.mark.integration
def test_bf16_backend_embeds_bulk_in_torch_and_questions_in_onnx(real_embedder):
    from qa.embed import BulkBf16Embedder, make_embedder

    embedder = make_embedder(Settings(embed_backend="torch-bf16"))
    assert isinstance(embedder, BulkBf16Embedder) and embedder.backend == "torch-bf16"
    question = embedder.embed(["what did Khan say about sanctions"], kind="query")
    assert embedder.bulk._model is None  # a question never loads torch
    texts = [f"Sentence number {i} of the archive about sanctions." for i in range(300)]
    bulk = embedder.embed(texts, kind="document")
    assert embedder.bulk._model is not None and bulk.shape == (300, 384)
    reference = real_embedder.embed([*texts[:3], "what did Khan say about sanctions"],
                                    kind="document")
    assert (bulk[:3] * reference[:3]).sum(axis=1).min() > 0.999
    assert float(question[0] @ reference[3]) > 0.9999  # onnx fp32: torch's vector
