"""`make bench`: qa and the naive LangChain pipeline side by side, on this machine, in one run.

    .venv/bin/python -m bench.run [--articles 500] [--questions 200] [--rows 1000000]

Prints a table and writes it to bench/results.md (see bench/README.md for what is measured).
Each measurement runs in its own process (bench/tasks.py); its memory is sampled from here.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench import corpus, report
from bench.memory import PeakSampler
from qa.embed import resolve_backend

ROOT = Path(__file__).resolve().parent.parent


def run_task(name: str, **args: Any) -> dict[str, Any]:
    """Run one task in a fresh process; its result, plus the peak memory of its processes."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "TOKENIZERS_PARALLELISM": "false"}
    print(f"[bench] {name} ...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.tasks", name, json.dumps(args)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    with PeakSampler(proc.pid) as sampler:
        out, _ = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"bench: task {name} failed (exit {proc.returncode})")
    result = dict(json.loads(out.strip().splitlines()[-1]))
    result["task_seconds"] = round(time.perf_counter() - start, 1)
    result["peak_pss_mb"] = round(sampler.peak_kb / 1024, 1)
    print(f"[bench] {name} done in {result['task_seconds']} s", file=sys.stderr, flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=ROOT.parent / "shared/data/bbc-news/bbc",
                    help="folder of articles; the first N .txt files in path order are used")
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--questions", type=int, default=200)
    ap.add_argument("--rows", type=int, default=1_000_000, help="chunks at scale (0: skip)")
    ap.add_argument("--backend", default="auto",
                    help="qa's embedding backend ('auto': torch-bf16 on a CPU with AMX, else onnx)")
    ap.add_argument("--exact-limit", type=int, default=None,
                    help="rows above which the scale index is approximate (tests only)")
    ap.add_argument("--work", type=Path, default=ROOT / "bench/out")
    ap.add_argument("--out", type=Path, default=ROOT / "bench/results.md")
    args = ap.parse_args(argv)
    args.backend = resolve_backend(args.backend)  # every step and the report name the same one
    if not args.source.is_dir():
        raise SystemExit(f"bench: no articles at {args.source}/ (pass --source DIR)")

    started = time.perf_counter()
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    work = args.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cache = str(work / "cache")  # a fresh cache: nothing is reused from earlier runs
    os.environ["QA_CACHE_DIR"] = cache
    files = corpus.first_articles(args.source, args.articles)
    qa_archive = corpus.copy_archive(args.source, files, work / "qa/archive")
    naive_archive = corpus.copy_archive(args.source, files, work / "naive/archive")
    qa_index = str(work / "qa/index")
    questions = str(work / "questions.json")

    results: dict[str, Any] = {}

    def step(key: str, name: str, **task_args: Any) -> None:
        results[key] = run_task(name, **task_args)
        (work / "results.json").write_text(json.dumps(results, indent=1) + "\n")  # so far

    step("machine", "machine")
    step("prepare", "prepare", cache=cache)
    step("qa_index", "qa-index", archive=str(qa_archive), index=qa_index, backend=args.backend)
    step("naive_index", "naive-index", archive=str(naive_archive))
    step("qa_ask", "qa-ask", archive=str(qa_archive), index=qa_index, backend=args.backend,
         count=args.questions, questions_out=questions)
    step("qa_reindex", "qa-reindex", archive=str(qa_archive), index=qa_index,
         backend=args.backend)
    step("naive_reindex", "naive-reindex-ask", archive=str(naive_archive), questions=questions)
    step("backends", "backends", archive=str(qa_archive), articles=min(50, args.articles),
         cache=cache)
    if args.rows:
        big = work / "scale/index"
        step("scale_build", "scale-build", source_index=qa_index, out=str(big), rows=args.rows,
             questions=questions, backend=args.backend, exact_limit=args.exact_limit)
        step("scale_search", "scale-search", index=str(big), questions=questions,
             backend=args.backend, truth=str(work / "scale/truth.npy"))
    # The matrix-multiply rate again: a busy machine only ever lowers it, so keep the best.
    step("matmul_end", "matmul")
    for key in ("torch_fp32_gflops", "ort_int8_gops"):
        results["machine"][key] = max(results["machine"][key], results["matmul_end"][key])
    results["machine"]["load_average_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    command = "make bench" if argv is None and os.environ.get("MAKELEVEL") else \
        "python -m bench.run " + " ".join(sys.argv[1:] if argv is None else argv)
    meta = {"when": when, "command": command, "wall_seconds": round(time.perf_counter() - started),
            "source": str(args.source), "articles": len(files), "backend": args.backend}
    (work / "results.json").write_text(json.dumps({"meta": meta, **results}, indent=1) + "\n")
    text = report.render(meta, results)
    print(text)
    args.out.write_text(text)
    print(f"[bench] wrote {args.out} in {meta['wall_seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
