"""`make bench` works: its inputs, the ONNX backends it measures, and a tiny end-to-end run."""

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bench import corpus
from qa.ingest import load_articles
from qa.segment import split_sentences
from tests.conftest import DATA, ROOT


def test_first_articles_are_the_first_txt_files_in_path_order(tmp_path):
    for name in ("b/2.txt", "a/10.txt", "a/9.txt", "README.txt", "c.md", "b/1.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Title\n\nText.\n")
    picked = [p.relative_to(tmp_path).as_posix() for p in corpus.first_articles(tmp_path, 3)]
    assert picked == ["a/10.txt", "a/9.txt", "b/1.txt"]


def test_one_edited_article_is_the_only_change(tmp_path):
    archive = corpus.copy_archive(DATA, corpus.first_articles(DATA, 5), tmp_path / "archive")
    before = {p: t for p, t in corpus.texts(archive).items()}
    changed = corpus.edit_one(archive, 1)
    after = corpus.texts(archive)
    assert [p for p in after if after[p] != before[p]] == [changed]
    name = changed.rsplit("/", 1)[-1].removesuffix(".txt")
    assert after[changed].rstrip().endswith(corpus.EDIT.format(name=name).strip())
    # each edit's sentence names its article, so it is new to the index: a re-index embeds it
    assert name in after[changed].rstrip().splitlines()[-1]


@pytest.fixture(scope="module")
def sentences():
    articles, _ = load_articles(DATA)
    return [s.text for a in articles for s in split_sentences(a, 0)]


@pytest.mark.integration
def test_onnx_backends_export_offline_and_match_torch(tmp_path_factory, sentences, real_embedder):
    from qa.embed import OnnxEmbedder

    cache = tmp_path_factory.mktemp("cache")  # nothing cached: the export itself is tested
    reference = real_embedder.embed(sentences, kind="document")
    fp32 = OnnxEmbedder("onnx", cache, batch_tokens=256).embed(sentences, kind="document")
    int8 = OnnxEmbedder("onnx-int8", cache).embed(sentences, kind="document")
    assert sorted(p.name.rsplit("-", 1)[-1] for p in (cache / "models").iterdir()) \
        == ["int8.onnx", "onnx.onnx"]
    assert np.abs(fp32 - reference).max() < 1e-4  # the same vectors, from another runtime
    assert np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-5)
    assert (int8 * reference).sum(axis=1).min() > 0.97  # close, not equal
    assert not np.allclose(int8, reference, atol=1e-4)


@pytest.mark.integration
def test_bench_runs_end_to_end_on_a_tiny_input(tmp_path):
    out = tmp_path / "results.md"
    run = subprocess.run(
        [sys.executable, "-m", "bench.run", "--source", str(DATA), "--articles", "3",
         "--questions", "4", "--rows", "3000", "--exact-limit", "1000",
         "--work", str(tmp_path / "work"), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stderr[-3000:]
    text = out.read_text()
    for row in ("| indexing time, s |", "| tokens embedded |", "| question latency p50",
                "| re-index after one article changed", "share of the matmul ceiling",
                "## Scale, qa only: 3,000 stored chunks", "`IVF64,SQ8`", "## Targets"):
        assert row in text, row
    assert "Machine." in text and Path(tmp_path / "work/results.json").exists()


@pytest.mark.integration
def test_overlap_times_both_stages_in_turn_and_side_by_side():
    run = subprocess.run([sys.executable, "-m", "bench.overlap", "--archive", str(ROOT / "seeds")],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    assert lines[0].startswith("2 articles, ")
    found = [re.match(r"(in turn|side by side): wall ([\d.]+) s, CPU ([\d.]+) s \(([\d.]+) "
                      r"cores busy\)(?:; embedding ([\d.]+) s, speakers ([\d.]+) s)?$", line)
             for line in lines[1:]]
    assert all(found), lines
    assert [m.group(1) for m in found] == ["in turn", "side by side"]
    for m in found:
        wall, cpu = float(m.group(2)), float(m.group(3))
        assert wall > 0 and cpu > 0
    turn = found[0]
    assert float(turn.group(5)) > 0 and float(turn.group(6)) > 0  # each stage did work
