from qa.api import QAService
from tests.conftest import NoSpeakers


def test_reindex_embeds_only_the_edited_article(settings, fake_embedder, archive):
    first = QAService.build(settings, embedder=fake_embedder, extractor=NoSpeakers())
    assert first.embedded == first.sentences and len(first.changed) == 3
    port = archive / "business" / "port.txt"
    port.write_text(port.read_text().replace("by the autumn", "by the spring"))
    fake_embedder.calls.clear()
    speakers = NoSpeakers()
    second = QAService.build(settings, embedder=fake_embedder, extractor=speakers)
    assert second.changed == ("business/port.txt",)
    assert fake_embedder.calls == ["Economists expect trade to recover by the spring."]
    assert second.embedded == 1 and second.reused == second.sentences - 1
    assert speakers.seen == ["business/port.txt"]  # only the edited article is parsed again


def test_nothing_changed_is_a_fast_no_op(settings, fake_embedder):
    QAService.build(settings, embedder=fake_embedder, extractor=NoSpeakers())
    fake_embedder.calls.clear()
    report = QAService.build(settings, embedder=fake_embedder, extractor=NoSpeakers())
    assert report.up_to_date and fake_embedder.calls == []


def test_removed_and_skipped_articles_are_reported(settings, fake_embedder, archive):
    QAService.build(settings, embedder=fake_embedder, extractor=NoSpeakers())
    (archive / "sport.md").unlink()
    (archive / "broken.txt").write_bytes(b"\x00\x00binary")
    report = QAService.build(settings, embedder=fake_embedder, extractor=NoSpeakers())
    assert report.removed == ("sport.md",)
    assert [(s.path, s.reason) for s in report.skipped] == [("broken.txt", "binary file")]
    service = QAService.open(settings, embedder=fake_embedder)
    assert {a.path for a in service.articles()} == {"business/port.txt", "world/floods.txt"}


def test_empty_archive_is_one_clear_error(tmp_path, fake_embedder):
    import pytest

    from qa.config import Settings
    from qa.errors import EmptyCorpus

    (tmp_path / "a").mkdir()
    with pytest.raises(EmptyCorpus, match="no readable"):
        QAService.build(Settings(archive_dir=tmp_path / "a", index_dir=tmp_path / "i"),
                        embedder=fake_embedder, extractor=NoSpeakers())
