"""The page's functions, called as plain Python (no browser): the same code the page runs."""

from pathlib import Path

import pytest

from qa import page as app
from qa.live import LiveService
from qa.present import format_markdown, sources_html
from qa.types import Answer, Article, Citation
from tests.conftest import copy_seeds

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def live(seeds_service):
    return LiveService(seeds_service.settings, seeds_service)


@pytest.mark.integration
def test_reply_streams_and_fills_the_sources_panel(live):
    steps = list(app.make_respond(live)("what did Khan say about sanctions", []))
    assert len(steps) > 2  # streamed in pieces
    assert all(step[0] in steps[-1][0] or steps[-1][0].startswith(step[0]) for step in steps)
    reply, panel, earlier = steps[-1]
    assert "(#src-1-1)" in reply and "Imran Khan" in reply
    assert 'id="src-1-1"' in panel and "004_309039edf41efb89.txt" in panel
    assert len(earlier) == 1 and 'id="src-1-1"' in earlier[0]
    assert '<span class="qa-no">15</span>' in panel and "<mark>Imran Khan also condemned" in panel
    assert "Related passages" not in panel


@pytest.mark.integration
def test_follow_up_uses_the_conversation(live):
    history = [{"role": "user", "content": "what did Khan say about sanctions"},
               {"role": "assistant", "content": "..."}]
    first = list(app.make_respond(live)("what did Khan say about sanctions", []))[-1]
    reply, panel, earlier = list(app.make_respond(live)(
        "and what did Rouhani say about them?", history, "", "", "", first[2]))[-1]
    assert "Understood as: what did Rouhani say about sanctions" in reply
    assert '<span class="qa-no">7</span>' in panel and "Hassan Rouhani" in panel
    assert "(#src-2-1)" in reply and 'id="src-2-1"' in panel
    assert 'id="src-1-1"' in panel and "Earlier answers" in panel  # turn 1's [1] still resolves
    assert len(earlier) == 2

    history = [{"role": "user", "content": [{"type": "text", "text": "What did Rouhani discuss with Conte?"}]}]
    reply, panel, _ = list(app.make_respond(live)("what did he say about the IMF?", history))[-1]
    assert "International Monetary Fund" in panel and "000_847e015129922df0.txt" in panel


@pytest.mark.integration
def test_refusal_lists_related_passages_apart_and_cites_nothing(live):
    reply, panel, _ = list(app.make_respond(live)("What did Khan say about cricket?", []))[-1]
    assert "don't quote Khan on cricket" in reply
    assert 'class="qa-source"' not in panel and "Related passages" in panel


@pytest.mark.integration
def test_bad_questions_get_a_polite_reply(live):
    assert list(app.make_respond(live)("   ", []))[-1][0].startswith("Sorry")
    assert list(app.make_respond(live)("x" * 200_000, []))[-1][0]


@pytest.mark.integration
def test_page_filters_and_escaped_questions(live):
    respond = app.make_respond(live)
    only_000 = list(respond("what did Khan say about sanctions", [], "", "", "seeds/000_847e015129922df0.txt"))[-1]
    assert "don't quote Khan" in only_000[0]
    bad_date = list(respond("q", [], "2020-13-01", "", ""))[-1]
    assert bad_date[0].startswith("Sorry") and "not a date" in bad_date[0]
    _, shown = app.add_question("<img src=x onerror=alert(1)>", [])
    assert "<img" not in shown[-1]["content"]
    typed = "what did Khan say about <b>sanctions</b>?"
    _, history = app.add_question(typed, [])
    assert "<b>" not in history[-1]["content"]
    history, panel, _ = list(app.make_chat(live)(history, "", "", "", []))[-1]
    assert history[-1]["role"] == "assistant" and "Imran Khan" in history[-1]["content"]
    assert app.user_questions(history) == [typed]  # read back exactly as typed


def test_article_text_is_escaped_never_html():
    evil = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
    article = Article("evil.txt", evil, None, (evil, "", evil), "0" * 64, "utf-8")
    citation = Citation(1, "seeds/evil.txt", 3, 3, evil, "<b>Eve</b>", evil, None)
    answer = Answer("q", True, evil, (citation,), speaker="<b>Eve</b>")
    panel = sources_html(answer, lambda path: article)
    reply = format_markdown(answer)
    for text in (panel, reply):
        assert "<script>" not in text and "<img" not in text and "<b>Eve" not in text
    assert "&lt;script&gt;" in panel and "&lt;script&gt;" in reply


def test_a_quote_is_led_by_its_speaker_only_when_speakers_were_asked_about():
    citation = Citation(1, "seeds/a.txt", 3, 3, "Giuseppe Conte spoke.", "Hassan Rouhani",
                        "Giuseppe Conte spoke.", None)
    general = Answer("Who is the Italian Prime Minister?", True, "", (citation,))
    assert "Hassan Rouhani" not in format_markdown(general)  # it would read as the answer
    assert format_markdown(general).startswith("“Giuseppe Conte spoke")
    asked = Answer("What did Rouhani say?", True, "", (citation,), speaker="Hassan Rouhani")
    assert format_markdown(asked).startswith("**Hassan Rouhani**: “Giuseppe Conte spoke")
    who_said = Answer("Who spoke?", True, "", (citation,), topic="Conte")
    assert format_markdown(who_said).startswith("**Hassan Rouhani**: ")
    cut = Answer("What did Rouhani say?", True, "", (citation,), speaker="Hassan Rouhani",
                 note="1 of 14 statements, newest first.")
    assert format_markdown(cut).endswith("*1 of 14 statements, newest first\\.*")  # the chat says so


def test_user_questions_reads_every_history_shape():
    history = [{"role": "user", "content": "a"}, {"role": "assistant", "content": "x"},
               {"role": "user", "content": [{"type": "text", "text": "b"}]},
               {"role": "user", "content": {"text": "c"}}]
    assert app.user_questions(history) == ["a", "b", "c"]


@pytest.mark.integration
def test_added_article_is_answerable_without_restart(tmp_path, real_embedder, monkeypatch):
    from qa.api import QAService
    from qa.config import Settings

    copy_seeds(tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    settings = Settings(archive_dir=Path("seeds"), index_dir=Path("index"))
    QAService.build(settings, embedder=real_embedder)
    live = LiveService(settings, QAService.open(settings, embedder=real_embedder))
    before = live.service
    upload = tmp_path / "upload.txt"
    upload.write_text("Veldam floods\n\nMayor Anna Berger said the water reached the market square.\n")
    status, rows, *_ = app.make_add(live)([str(upload)], "", "", progress=lambda *a, **k: None)
    assert "Added `upload.txt`" in status and "Indexed 3 articles" in status
    assert any(r[2] == "seeds/upload.txt" for r in rows)
    assert live.service is not before
    answer = live.service.ask("What did Berger say about the water?")
    assert answer.found and answer.citations[0].path == "seeds/upload.txt"
    assert before.ask("what did Khan say about sanctions").found  # the old one still answers

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00\x00")
    status, rows, *_ = app.make_add(live)([str(bad)], "", "", progress=lambda *a, **k: None)
    assert "Not added: bad.txt: binary file" in status
    assert not (tmp_path / "seeds" / "bad.txt").exists()
