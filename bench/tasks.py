"""One measurement per process: `python -m bench.tasks NAME '{json args}'` prints a JSON line.

Each runs in a fresh process so that its memory is its own and nothing is warm by accident.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from bench import corpus, machine  # noqa: E402
from qa.config import Settings  # noqa: E402
from qa.embed import model_path  # noqa: E402


def _peak_mb() -> float:
    """This process's peak resident memory (ru_maxrss), MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb(field: str = "VmRSS") -> float:
    """Current resident memory, MB: VmRSS, or its parts RssAnon (the process's own) and
    RssFile (memory-mapped files: the index, which the kernel can drop and re-read)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (spaCy's workers)."""
    own, children = (resource.getrusage(who) for who in
                     (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _percentiles(seconds: list[float]) -> dict[str, float]:
    ms = sorted(1000 * s for s in seconds)
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 2),
            "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 2),
            "mean_ms": round(statistics.fmean(ms), 2), "max_ms": round(ms[-1], 2)}


def _tokens(texts: list[str]) -> int:
    """Tokens the model reads for `texts` (its tokenizer, cut at 256 as it embeds them)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(model_path()) / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=256)
    return sum(len(e.ids) for e in tokenizer.encode_batch(texts))


def _settings(archive: str, index: str, backend: str) -> Settings:
    return Settings.from_env(archive_dir=Path(archive), index_dir=Path(index),
                             embed_backend=backend)


# -- tasks ---------------------------------------------------------------------------------

def task_matmul() -> dict[str, Any]:
    return {"torch_fp32_gflops": round(machine.torch_fp32_gflops(), 1),
            "torch_bf16_gflops": round(machine.torch_bf16_gflops(), 1),
            "ort_int8_gops": round(machine.ort_int8_gops(), 1)}


def task_machine() -> dict[str, Any]:
    return {**machine.describe(), **task_matmul()}


def task_prepare(cache: str) -> dict[str, Any]:
    """Export the ONNX models once (cached); the bench times indexing, not this."""
    from qa.onnxmodel import exported_model

    out = {}
    for variant in ("onnx", "onnx-int8"):
        start = time.perf_counter()
        exported_model(variant, Path(cache).expanduser(), model_path())
        out[variant] = round(time.perf_counter() - start, 1)
    return out


def task_qa_index(archive: str, index: str, backend: str) -> dict[str, Any]:
    from qa import store
    from qa.api import QAService

    settings = _settings(archive, index, backend)
    cpu, start = _cpu_seconds(), time.perf_counter()
    report = QAService.build(settings, force=True)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    peak = _peak_mb()
    data = store.load(settings.index_dir)
    unique = list(dict.fromkeys(s.text for s in data.sentences))  # embedded once each
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 1),
            "stages": dict(report.stages),
            "articles": report.articles, "sentences": report.sentences,
            "chunks": report.chunks, "embedded": report.embedded,
            "tokens": _tokens(unique), "attributions": len(data.attributions),
            "peak_rss_mb": round(peak, 1)}


def task_qa_reindex(archive: str, index: str, backend: str) -> dict[str, Any]:
    """One article changed: a fresh process (`qa index`), then a warm one (a running server)."""
    from qa.api import QAService
    from qa.embed import make_embedder
    from qa.speakers import SpeakerExtractor

    settings = _settings(archive, index, backend)
    out: dict[str, Any] = {}
    embedder, extractor = make_embedder(settings), SpeakerExtractor()
    for label, nth in (("cold", 0), ("warm", 1)):
        changed = corpus.edit_one(Path(archive), nth)
        start = time.perf_counter()
        report = QAService.build(settings, embedder=embedder, extractor=extractor)
        out[label] = {"seconds": round(time.perf_counter() - start, 3),
                      "changed": list(report.changed), "embedded": report.embedded,
                      "stages": dict(report.stages)}
        assert list(report.changed) == [changed], (report.changed, changed)
    return out


def task_qa_ask(archive: str, index: str, backend: str, count: int,
                questions_out: str) -> dict[str, Any]:
    from qa.api import QAService

    settings = _settings(archive, index, backend)
    start = time.perf_counter()
    service = QAService.open(settings)
    service.ask("warm up: what did the minister say about the budget?")
    opened = time.perf_counter() - start
    questions = corpus.make_questions(service.data, count)
    corpus.save_json(Path(questions_out), questions)
    for q in questions[:5]:
        service.ask(q)
    asks, searches, found = [], [], 0
    for q in questions:
        start = time.perf_counter()
        answer = service.ask(q)
        asks.append(time.perf_counter() - start)
        found += answer.found
        start = time.perf_counter()
        service.search(q, 4)
        searches.append(time.perf_counter() - start)
    return {"open_seconds": round(opened, 2), "ask": _percentiles(asks),
            "search": _percentiles(searches), "answered": found,
            "peak_rss_mb": round(_peak_mb(), 1)}


def _naive_build(texts: dict[str, str]) -> tuple[Any, float, float, float]:
    """LangChainBaseline, with the time its embedding calls took."""
    from langchain_huggingface import HuggingFaceEmbeddings

    from qa.baselines import LangChainBaseline

    spent = [0.0]
    real = HuggingFaceEmbeddings.embed_documents

    def timed(self: Any, docs: list[str]) -> Any:
        start = time.perf_counter()
        try:
            return real(self, docs)
        finally:
            spent[0] += time.perf_counter() - start

    HuggingFaceEmbeddings.embed_documents = timed  # type: ignore[method-assign]
    try:
        cpu, start = _cpu_seconds(), time.perf_counter()
        system = LangChainBaseline(texts, model_path())
        return system, time.perf_counter() - start, spent[0], _cpu_seconds() - cpu
    finally:
        HuggingFaceEmbeddings.embed_documents = real  # type: ignore[method-assign]


def task_naive_index(archive: str) -> dict[str, Any]:
    texts = corpus.texts(Path(archive))
    system, seconds, embed, cpu = _naive_build(texts)
    peak = _peak_mb()
    chunks = [p.text for p in system.passages]
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 1),
            "embed_seconds": round(embed, 2),
            "articles": len(texts), "chunks": len(chunks), "embedded": len(chunks),
            "tokens": _tokens(chunks), "peak_rss_mb": round(peak, 1)}


def task_naive_reindex_ask(archive: str, questions: str) -> dict[str, Any]:
    """The naive pipeline has no incremental mode: a changed article means a rebuild."""
    corpus.edit_one(Path(archive), 0)
    system, seconds, _, _ = _naive_build(corpus.texts(Path(archive)))
    asked = json.loads(Path(questions).read_text())
    for q in asked[:5]:
        system.retrieve(q, 4)
    times = []
    for q in asked:
        start = time.perf_counter()
        system.retrieve(q, 4)
        times.append(time.perf_counter() - start)
    return {"reindex_seconds": round(seconds, 2), "search": _percentiles(times)}


def task_backends(archive: str, articles: int, cache: str) -> dict[str, Any]:
    """Embedding throughput of each backend on the same sentences, and how close the
    vectors stay to the reference (torch fp32)."""
    from qa.embed import OnnxEmbedder, SentenceTransformerEmbedder
    from qa.ingest import load_articles
    from qa.segment import split_sentences

    loaded, _ = load_articles(Path(archive))
    texts = list(dict.fromkeys(s.text for a in loaded[:articles]
                               for s in split_sentences(a, 0)))
    tokens = _tokens(texts)
    embedders = {
        "torch fp32, batch 32 (the naive pipeline's)": SentenceTransformerEmbedder(32),
        "torch fp32, batch 64 (qa before)": SentenceTransformerEmbedder(64),
        "torch bf16, batch 64": SentenceTransformerEmbedder(64, bf16=True),
        "onnx fp32": OnnxEmbedder("onnx", Path(cache)),
        "onnx int8": OnnxEmbedder("onnx-int8", Path(cache)),
    }
    vectors, seconds = {}, {}
    for name, embedder in embedders.items():
        embedder.embed(texts[:16], kind="document")  # load the model outside the clock
        best = float("inf")
        for _ in range(2):  # the best of two: a busy machine only ever slows a run down
            start = time.perf_counter()
            vectors[name] = embedder.embed(texts, kind="document")
            best = min(best, time.perf_counter() - start)
        seconds[name] = best
    reference = vectors["torch fp32, batch 64 (qa before)"]
    out = {}
    for name in embedders:
        cosine = (vectors[name] * reference).sum(axis=1)
        out[name] = {"seconds": round(seconds[name], 2),
                     "tokens_per_s": round(tokens / seconds[name]),
                     "cos_min": round(float(cosine.min()), 4),
                     "cos_mean": round(float(cosine.mean()), 4)}
    return {"texts": len(texts), "tokens": tokens, "mean_tokens": tokens / len(texts),
            "backends": out}


def main(argv: list[str]) -> int:
    name, args = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    if name.startswith("scale-"):
        from bench import scale

        result = getattr(scale, "task_" + name[6:].replace("-", "_"))(**args)
    else:
        result = globals()["task_" + name.replace("-", "_")](**args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
