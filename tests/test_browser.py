"""The page in a real browser: Debian's chromium driven by playwright, against `python app.py`."""

import os
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Headless, and quiet on a machine without a network (see the env notes of this workplace).
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT = 90_000  # ms; the first answer loads the model


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: make test installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(server[0])
    yield page
    context.close()


def settle(page):
    """Wait until the reply has finished streaming (the chat stops changing)."""
    before = None
    for _ in range(40):
        now = page.locator("#qa-chat").inner_text()
        if now == before:
            return
        before = now
        page.wait_for_timeout(400)


def ask(page, question, expect_in_sources):
    page.locator("#qa-question textarea").fill(question)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "t => (document.querySelector('#qa-sources')?.innerText || '').includes(t)", arg=expect_in_sources)
    settle(page)



def test_khan_example_answers_with_marker_and_source_line_15(page, tmp_path):
    page.get_by_text("what did Khan say about sanctions", exact=True).first.click()
    page.wait_for_selector("#qa-sources #src-1-1")
    source = page.locator("#src-1-1")
    assert "004_309039edf41efb89.txt" in source.inner_text()
    cited = source.locator(".qa-line.qa-cited")
    assert cited.locator(".qa-no").inner_text() == "15"
    assert "Imran Khan also condemned" in cited.locator("mark").inner_text()
    assert source.locator(".qa-speaker").inner_text() == "Speaker: Imran Khan"
    page.wait_for_function("(document.querySelector('#qa-chat')?.innerText || '').includes('[1]')")
    page.locator('#qa-chat a[href="#src-1-1"]').last.click()  # a marker shows its source
    page.wait_for_function("document.querySelector('#src-1-1').classList.contains('qa-active')")
    shot = tmp_path / "answered.png"
    page.screenshot(path=str(shot), full_page=True)
    if os.environ.get("QA_SCREENSHOT_DIR"):
        Path(os.environ["QA_SCREENSHOT_DIR"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(os.environ["QA_SCREENSHOT_DIR"]) / "answered.png")
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000


def test_follow_up_questions_use_the_conversation(page):
    ask(page, "what did Khan say about sanctions", "Imran Khan also condemned")
    ask(page, "and what did Rouhani say about them?", "Hassan Rouhani praised")
    assert page.locator("#src-2-1 .qa-cited .qa-no").inner_text() == "7"
    assert "Understood as: what did Rouhani say about sanctions" in \
        page.locator("#qa-chat").inner_text()
    # The first reply's [1] still shows the first answer's source (Khan, line 15).
    page.locator('#qa-chat a[href="#src-1-1"]').first.click()
    page.wait_for_function("document.querySelector('#src-1-1').classList.contains('qa-active')")
    assert page.locator("#src-1-1 .qa-cited .qa-no").first.inner_text() == "15"
    assert page.locator("#src-1-1").is_visible()


def test_a_question_is_shown_as_text(page):
    ask(page, "what did Khan say about <b>sanctions</b>", "Imran Khan also condemned")
    assert "what did Khan say about <b>sanctions</b>" in page.locator("#qa-chat").inner_text()
    question = '<img src=x onerror="window.qaPwned=1">'
    page.locator("#qa-question textarea").fill(question)
    page.keyboard.press("Enter")
    page.wait_for_function("q => (document.querySelector('#qa-chat')?.innerText || '').includes(q)",
                           arg=question)
    page.wait_for_timeout(2000)
    assert page.evaluate("window.qaPwned") is None
    assert page.locator("#qa-chat img[src=x]").count() == 0
    assert '<img src=x onerror="window.qaPwned=1">' in page.locator("#qa-chat").inner_text()


def test_refusal_offers_related_passages_and_no_citation(page):
    ask(page, "What did Khan say about cricket?", "Related passages")
    assert page.locator("#qa-sources .qa-source").count() == 0
    assert "don't quote Khan on cricket" in page.locator("#qa-chat").inner_text()


def test_upload_an_article_and_ask_about_it(page, tmp_path, server):
    article = tmp_path / "veldam floods.txt"
    article.write_text("Floods close the port of Veldam\n\n"
                       "Mayor Anna Berger said the water reached the market square before dawn.\n")
    page.get_by_role("tab", name="Articles").click()
    page.locator("#qa-upload input[type=file]").set_input_files(str(article))
    page.wait_for_timeout(1000)  # let the upload finish before submitting
    page.locator("#qa-add").click()
    page.wait_for_function("(document.querySelector('#qa-status')?.innerText || '').includes('Indexed')")
    assert "veldam-floods.txt" in page.locator("#qa-articles").inner_text()
    assert (server[1] / "seeds" / "veldam-floods.txt").exists()
    page.get_by_role("tab", name="Chat").click()
    ask(page, "What did Berger say about the water?", "veldam-floods.txt")
    assert "Anna Berger" in page.locator("#src-1-1").inner_text()


def test_article_with_a_script_is_shown_as_text(page):
    page.get_by_role("tab", name="Articles").click()
    page.locator("#qa-title textarea").fill("Zelmo harbour <script>window.qaPwned = 1</script>")
    page.locator("#qa-body textarea").fill(
        'The harbour of Zelmo reopened <script>window.qaPwned = 2</script> '
        'after the storm <img src=x onerror="window.qaPwned = 3">.')
    page.locator("#qa-add").click()
    page.wait_for_function("(document.querySelector('#qa-status')?.innerText || '').includes('Indexed')")
    page.get_by_role("tab", name="Chat").click()
    ask(page, "When did the harbour of Zelmo reopen?", "Zelmo")
    assert page.evaluate("window.qaPwned") is None
    assert "<script>window.qaPwned = 2</script>" in page.locator("#qa-sources").inner_text()
    assert page.locator("#qa-sources script, #qa-chat script").count() == 0
