"""Is indexing bound by the CPU? qa's two costly stages, one after the other and side by side.

    .venv/bin/python -m bench.overlap [--archive bench/out/qa/archive]

Embeds every sentence of the archive (qa's ONNX fp32 backend) and extracts its speakers
(spaCy, in forked worker processes), first in turn, as `qa index` does, then at the same
time (the extraction in a thread of its own). Prints the wall time and the CPU time of each
run, and in turn each stage's. If side by side saves nothing, both stages already keep
the cores busy (ONNX's spinning threads count as busy), and less work, not more overlap,
is what can make the build faster. Side by side, ONNX's threads and spaCy's worker
processes share the cores; other splits of the cores are not tried. One run of each: on a
shared machine, small differences are noise. The archive is the one `make bench` copies
(the first 500 BBC articles).
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from qa.config import Settings  # noqa: E402
from qa.embed import OnnxEmbedder  # noqa: E402
from qa.ingest import load_articles  # noqa: E402
from qa.segment import split_sentences  # noqa: E402
from qa.speakers import SpeakerExtractor  # noqa: E402
from qa.types import Sentence  # noqa: E402


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run(per_article: list[list[Sentence]], side_by_side: bool) -> tuple[float, float, float]:
    """(wall, CPU, embedding's wall) seconds to embed every distinct sentence and extract
    the speakers, both models loaded first (as in a warm server)."""
    texts = sorted({s.text for sentences in per_article for s in sentences})
    embedder = OnnxEmbedder("onnx", Settings().cache_dir)
    extractor = SpeakerExtractor()
    embedder.embed(["warm up"], kind="document")
    extractor._load()  # the spaCy pipeline, as a server holds it
    wall, cpu = time.perf_counter(), _cpu()
    worker = threading.Thread(target=extractor.extract, args=(per_article,))
    if side_by_side:
        worker.start()
    embedder.embed(texts, kind="document")
    embedded = time.perf_counter() - wall
    if not side_by_side:
        worker.start()
    worker.join()
    return time.perf_counter() - wall, _cpu() - cpu, embedded


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--archive", type=Path, default=Path("bench/out/qa/archive"))
    args = ap.parse_args()
    articles, _ = load_articles(args.archive)
    per_article, first = [], 0
    for article in articles:
        per_article.append(split_sentences(article, first))
        first += len(per_article[-1])
    print(f"{len(articles)} articles, {first} sentences, {os.cpu_count()} CPUs")
    for side_by_side in (False, True):
        wall, cpu, embedded = run(per_article, side_by_side)
        label = "side by side" if side_by_side else "in turn"
        stages = "" if side_by_side else f"; embedding {embedded:.2f} s, speakers " \
            f"{wall - embedded:.2f} s"
        print(f"{label}: wall {wall:.1f} s, CPU {cpu:.1f} s ({cpu / wall:.2f} cores busy)"
              f"{stages}")


if __name__ == "__main__":
    main()
