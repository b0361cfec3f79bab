"""The machine the bench ran on, and its measured matrix-multiply rates (the physical limit)."""

from __future__ import annotations

import os
import platform
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np


def describe() -> dict[str, Any]:
    """CPU model, cores, memory, load and library versions."""
    cpu = "unknown"
    flags: set[str] = set()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name" and cpu == "unknown":
            cpu = value.strip()
        if key.strip() == "flags" and not flags:
            flags = set(value.split())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    simd = [f for f in ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8", "amx_bf16") if f in flags]
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "simd": " ".join(simd),
        "ram_gib": round(mem_kb / 2**20, 1),
        "python": platform.python_version(),
        "torch": version("torch"),
        "onnxruntime": version("onnxruntime"),
        "faiss": version("faiss-cpu"),
        "sentence_transformers": version("sentence-transformers"),
        "spacy": version("spacy"),
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def torch_fp32_gflops(size: int = 1024, seconds: float = 3.0) -> float:
    """Best fp32 matrix-multiply rate of torch (all cores), in GFLOP/s."""
    return _torch_gflops("float32", size, seconds)


def torch_bf16_gflops(size: int = 1024, seconds: float = 3.0) -> float:
    """Best bfloat16 matrix-multiply rate of torch (all cores; Intel AMX where the CPU has
    it), in GFLOP/s: the ceiling of the "torch-bf16" backend."""
    return _torch_gflops("bfloat16", size, seconds)


def _torch_gflops(dtype: str, size: int, seconds: float) -> float:
    import torch

    a, b = (torch.randn(size, size).to(getattr(torch, dtype)) for _ in range(2))
    torch.mm(a, b)
    best = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        for _ in range(4):
            torch.mm(a, b)
        best = max(best, 4 * 2 * size**3 / (time.perf_counter() - start))
    return best / 1e9


def ort_int8_gops(size: int = 1024, seconds: float = 3.0) -> float:
    """Best int8 matrix-multiply rate of onnxruntime's MatMulInteger (what the int8 model
    runs on), in GOP/s."""
    import onnxruntime as ort
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["a", "b"], ["c"])], "mm",
        [helper.make_tensor_value_info("a", TensorProto.UINT8, [size, size]),
         helper.make_tensor_value_info("b", TensorProto.INT8, [size, size])],
        [helper.make_tensor_value_info("c", TensorProto.INT32, [size, size])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    session = ort.InferenceSession(model.SerializeToString(),
                                   providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    feed = {"a": rng.integers(0, 255, (size, size), dtype=np.uint8),
            "b": rng.integers(-127, 127, (size, size), dtype=np.int8)}
    session.run(None, feed)
    best = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        session.run(None, feed)
        best = max(best, 2 * size**3 / (time.perf_counter() - start))
    return best / 1e9


def model_flops_per_token(mean_tokens: float) -> float:
    """Multiply-add FLOPs per token of all-MiniLM-L6-v2 (6 layers, 384 wide, 1536 inner):
    the dense layers, plus attention, which grows with the sequence length."""
    layers, hidden, inner = 6, 384, 1536
    dense = layers * (4 * hidden * hidden + 2 * hidden * inner)
    attention = layers * 2 * hidden * mean_tokens  # QK^T and attention x V
    return 2.0 * (dense + attention)
