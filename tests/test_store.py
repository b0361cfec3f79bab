import json
import shutil
from dataclasses import replace

import numpy as np
import pytest

from qa import store
from qa.api import QAService
from qa.errors import IndexMismatch, IndexNotFound
from tests.conftest import NoSpeakers


def build(settings, fake_embedder):
    return QAService.build(settings, embedder=fake_embedder, extractor=NoSpeakers())


def test_round_trip_gives_the_same_hits_and_manifest(settings, fake_embedder):
    build(settings, fake_embedder)
    first = QAService.open(settings, embedder=fake_embedder)
    hits = [(h.chunk.id, round(h.score, 6)) for h in first.search("flood walls cost", k=3)]
    again = QAService.open(settings, embedder=fake_embedder)
    assert [(h.chunk.id, round(h.score, 6)) for h in again.search("flood walls cost", k=3)] == hits
    assert again.data.manifest == first.data.manifest
    assert np.array_equal(again.data.vectors, first.data.vectors)
    assert hits[0][0].startswith("business/port.txt")


def test_index_folder_holds_plain_files(settings, fake_embedder):
    build(settings, fake_embedder)
    assert sorted(p.name for p in settings.index_dir.iterdir()) == sorted(store.FILES)
    manifest = json.loads((settings.index_dir / "manifest.json").read_text())
    for key in ("model", "model_package", "dim", "chunk_words", "overlap_sentences", "corpus_hash"):
        assert key in manifest
    rows = (settings.index_dir / "sentences.jsonl").read_text().splitlines()
    assert [json.loads(r)["id"] for r in rows] == list(range(len(rows)))


def test_missing_index_is_one_clear_error(settings, fake_embedder):
    with pytest.raises(IndexNotFound, match="qa index"):
        QAService.open(settings, embedder=fake_embedder)


def test_other_settings_are_refused(settings, fake_embedder):
    build(settings, fake_embedder)
    with pytest.raises(IndexMismatch, match="chunk_words.*run: qa index"):
        QAService.open(replace(settings, chunk_words=50), embedder=fake_embedder)


def test_other_model_is_refused(settings, fake_embedder):
    build(settings, fake_embedder)
    manifest = settings.index_dir / "manifest.json"
    data = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**data, "model": "some/other-model"}))
    with pytest.raises(IndexMismatch, match="model"):
        QAService.open(settings, embedder=fake_embedder)


def test_edited_archive_is_refused_until_reindexed(settings, fake_embedder, archive):
    build(settings, fake_embedder)
    (archive / "new.txt").write_text("New\n\nA new article arrived.")
    with pytest.raises(IndexMismatch, match="changed since indexing; run: qa index"):
        QAService.open(settings, embedder=fake_embedder)
    build(settings, fake_embedder)
    assert QAService.open(settings, embedder=fake_embedder)


def test_damaged_index_is_refused(settings, fake_embedder):
    build(settings, fake_embedder)
    with (settings.index_dir / "sentences.jsonl").open("a") as f:
        f.write(json.dumps({"id": 999, "path": "x", "start_line": 1, "start_col": 0,
                            "end_line": 1, "end_col": 1, "text": "x"}) + "\n")
    with pytest.raises(IndexMismatch, match="vectors for"):
        QAService.open(settings, embedder=fake_embedder)


def test_interrupted_build_leaves_the_previous_index(settings, fake_embedder, archive, monkeypatch):
    build(settings, fake_embedder)
    before = (settings.index_dir / "sentences.jsonl").read_text()
    (archive / "new.txt").write_text("New\n\nA new article arrived.")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store.faiss, "write_index", crash)
    with pytest.raises(KeyboardInterrupt):
        build(settings, fake_embedder)
    assert (settings.index_dir / "sentences.jsonl").read_text() == before
    assert not [p for p in settings.index_dir.parent.iterdir() if ".build-" in p.name]
    assert store.load(settings.index_dir).manifest["articles"] == 3


def test_crash_between_the_two_renames_falls_back_to_the_old_index(settings, fake_embedder):
    build(settings, fake_embedder)
    old = settings.index_dir.parent / f".{settings.index_dir.name}.old"
    shutil.move(settings.index_dir, old)  # what a kill after the first rename leaves
    assert len(store.load(settings.index_dir).sentences) > 0


@pytest.mark.parametrize("k", [1, 3, 1000])
def test_k_is_clamped_and_never_returns_padding(settings, fake_embedder, k):
    build(settings, fake_embedder)
    service = QAService.open(settings, embedder=fake_embedder)
    hits = service.search("river port floods", k=k)
    assert 1 <= len(hits) <= min(k, len(service.data.chunks))
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    scores, rows = store.VectorIndex(service.data.vectors).search(service.data.vectors[0], 10_000)
    assert len(rows) == len(service.data.sentences) and (rows >= 0).all()
