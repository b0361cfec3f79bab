"""The chat page (Gradio) and the process that serves it with the JSON API. Wiring only:
every decision is made in the engine. The one module of qa that imports gradio.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from qa import QAError, Settings, answer_to_dict
from qa.api import make_filters
from qa.archive import add_article, add_text
from qa.live import LiveService
from qa.present import (
    earlier_section,
    escape,
    format_markdown,
    shorten,
    sources_html,
    unescape,
)
from qa.web import create_api

log = logging.getLogger("qa.app")

EXAMPLES = [
    "what did Khan say about sanctions",
    "What did Imran Khan say about Pakistan's economy?",
    "What did Rouhani discuss with Conte?",
    "What did Khan say about cricket?",
]
STREAM_WORDS = 8  # the reply streams in steps of this many words
EARLIER = 20  # earlier answers whose sources stay in the panel

CSS = """
.qa-sources { font-size: 0.92em; }
.qa-source, .qa-related { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 8px 10px; margin: 0 0 10px 0; }
.qa-source.qa-active { outline: 3px solid var(--color-accent); }
.qa-head code { font-weight: 600; }
.qa-meta, .qa-speaker, .qa-note { color: var(--body-text-color-subdued); margin: 2px 0; }
.qa-lines { font-family: var(--font-mono); white-space: pre-wrap; margin-top: 6px; }
.qa-line { display: flex; gap: 8px; opacity: 0.6; }
.qa-line.qa-cited { opacity: 1; }
.qa-no { min-width: 2.5em; text-align: right; color: var(--body-text-color-subdued); }
.qa-line mark { background: #fde68a; color: #111; }
"""
# Clicking a marker [n] in a reply scrolls to source n and outlines it.
HEAD = """
<script>
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest('a[href^="#src-"]');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  const source = document.getElementById(link.getAttribute("href").slice(1));
  if (!source) return;
  for (let el = source.parentElement; el; el = el.parentElement) {
    if (el.tagName === "DETAILS") el.open = true;  // an earlier answer's source, folded
  }
  for (const el of document.querySelectorAll(".qa-source.qa-active")) {
    el.classList.remove("qa-active");
  }
  source.classList.add("qa-active");
  source.scrollIntoView({behavior: "smooth", block: "center"});
}, true);
</script>
"""


def _text(content: Any) -> str:
    """The text of a chat message, whatever shape Gradio gives it."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text", ""))
    if isinstance(content, list | tuple):
        return " ".join(_text(part) for part in content if not isinstance(part, tuple))
    return ""


def add_question(message: str, history: list[dict[str, Any]]):
    """Put the question into the chat as text, never as HTML (escaped), and clear the box."""
    if not (message or "").strip():
        raise gr.Error("Type a question first.")
    return "", [*(history or []), {"role": "user", "content": escape(message)}]


def user_questions(history: list[dict[str, Any]]) -> list[str]:
    """The earlier questions of the conversation, oldest first."""
    return [unescape(_text(m.get("content"))) for m in history or [] if m.get("role") == "user"]


Reply = tuple[str, str, list[str]]


def make_respond(live: LiveService):
    """The chat function: streams the reply and fills the sources panel.

    `earlier` (a session state) keeps the sources of earlier answers, so that a marker in
    an earlier reply still shows its own source; markers are numbered per turn.
    """

    def respond(message: str, history: list[dict[str, Any]], date_from: str | None = "",
                date_to: str | None = "", sources: str | None = "",
                earlier: list[str] | None = None) -> Iterator[Reply]:
        service = live.service
        earlier = list(earlier or [])
        asked = user_questions(history)
        turn = len(asked) + 1
        try:
            # An example click passes None for the filter boxes.
            filters = make_filters((date_from or "").strip(), (date_to or "").strip(),
                                   sources or "")
            answer = service.ask(message, asked, filters=filters)
        except QAError as exc:
            yield f"Sorry: {escape(str(exc))}", sources_html(None, service.article), earlier
            return
        reply = format_markdown(answer, turn)
        panel = sources_html(answer, service.article, turn, earlier)
        kept = [earlier_section(answer, service.article, turn), *earlier][:EARLIER]
        words = reply.split(" ")
        for end in range(STREAM_WORDS, len(words), STREAM_WORDS):
            yield " ".join(words[:end]), panel, earlier
        yield reply, panel, kept

    return respond


def make_chat(live: LiveService):
    """The chat's answer step: the last message of `history` is the question just added."""
    respond = make_respond(live)

    def answer(history: list[dict[str, Any]], date_from: str | None, date_to: str | None,
               sources: str | None, earlier: list[str]):
        question = unescape(_text(history[-1].get("content")))
        for reply, panel, kept in respond(question, history[:-1], date_from, date_to, sources,
                                          earlier):
            yield [*history, {"role": "assistant", "content": reply}], panel, kept

    return answer


def article_rows(live: LiveService) -> list[list[Any]]:
    label = live.service.answerer.label
    return [[shorten(a.title, 90), a.date or "", f"{label}/{a.path}", len(a.lines)]
            for a in live.service.articles()]


def make_reindex(live: LiveService):
    def reindex(progress: gr.Progress = gr.Progress()) -> tuple[str, list[list[Any]]]:  # noqa: B008
        try:
            report = live.rebuild(lambda f, m: progress(f, desc=m))
        except QAError as exc:
            return f"Indexing failed: {exc}", article_rows(live)
        skipped = "".join(f"\n- skipped `{s.path}`: {s.reason}" for s in report.skipped)
        if report.up_to_date:
            return f"The index is up to date ({report.articles} articles).{skipped}", \
                article_rows(live)
        return (f"Indexed {report.articles} articles ({len(report.changed)} new or edited, "
                f"{report.embedded} sentences embedded) in {report.seconds:.1f} s.{skipped}",
                article_rows(live))

    return reindex


def make_add(live: LiveService):
    reindex = make_reindex(live)

    def add(files: list[str] | None, title: str, body: str,
            progress: gr.Progress = gr.Progress()):  # noqa: B008
        archive = live.settings.archive_dir
        added, errors = [], []
        for file in files or []:
            path = Path(file)
            try:
                added.append(add_article(archive, path.name, path.read_bytes()).name)
            except (OSError, ValueError) as exc:
                errors.append(str(exc))
        if title.strip() or body.strip():
            try:
                added.append(add_text(archive, title, body).name)
            except ValueError as exc:
                errors.append(str(exc))
        lines = [f"Added `{name}`." for name in added] + [f"Not added: {e}" for e in errors]
        if added:
            status, rows = reindex(progress)
            lines.append(status)
        else:
            rows = article_rows(live)
        return "\n\n".join(lines) or "Choose files or paste an article first.", rows, None, "", ""

    return add


def build_page(live: LiveService) -> gr.Blocks:
    with gr.Blocks(title="qa: news archive") as page:
        gr.Markdown("## qa: cited answers from the news archive\n"
                    "Every answer quotes the articles verbatim and cites `file:line`.")
        with gr.Tab("Chat"), gr.Row():
            with gr.Column(scale=3):
                empty = sources_html(None, live.service.article)
                sources = gr.HTML(empty, render=False, elem_id="qa-sources")
                earlier = gr.State([])
                date_from = gr.Textbox(label="Articles dated from (YYYY-MM-DD)", render=False,
                                       elem_id="qa-from")
                date_to = gr.Textbox(label="to (YYYY-MM-DD)", render=False, elem_id="qa-to")
                only = gr.Textbox(label="Only these files or folders (comma-separated)",
                                  render=False, elem_id="qa-only",
                                  placeholder="seeds/004_309039edf41efb89.txt, world/")
                chatbot = gr.Chatbot(height=480, elem_id="qa-chat", label="Answers")
                question = gr.Textbox(placeholder="Ask about the articles", show_label=False,
                                      elem_id="qa-question", submit_btn=True)
                with gr.Row():
                    buttons = [gr.Button(q, size="sm", variant="secondary") for q in EXAMPLES]
                with gr.Accordion("Filters", open=False):
                    date_from.render()
                    date_to.render()
                    only.render()
                answer = make_chat(live)
                answer_inputs = [chatbot, date_from, date_to, only, earlier]
                answer_outputs = [chatbot, sources, earlier]
                question.submit(add_question, [question, chatbot], [question, chatbot],
                                queue=False, api_visibility="private").success(
                    answer, answer_inputs, answer_outputs, api_visibility="private")
                for button, text in zip(buttons, EXAMPLES, strict=True):
                    button.click(lambda history, text=text: add_question(text, history),
                                 [chatbot], [question, chatbot], queue=False,
                                 api_visibility="private").success(
                        answer, answer_inputs, answer_outputs, api_visibility="private")
                chatbot.clear(lambda: (empty, []), None, [sources, earlier],
                              api_visibility="private")
            with gr.Column(scale=2):
                sources.render()
        with gr.Tab("Articles"):
            table = gr.Dataframe(
                value=article_rows(live), headers=["title", "date", "file", "lines"],
                interactive=False, wrap=True, elem_id="qa-articles",
                column_widths=["50%", "12%", "30%", "8%"],
            )
            with gr.Row():
                files = gr.File(label="Upload .txt or .md articles", file_count="multiple",
                                file_types=[".txt", ".md"], elem_id="qa-upload")
                with gr.Column():
                    title = gr.Textbox(label="Or paste an article: title", elem_id="qa-title")
                    body = gr.Textbox(label="Text", lines=6, elem_id="qa-body")
            with gr.Row():
                add_button = gr.Button("Add and index", variant="primary", elem_id="qa-add")
                reindex_button = gr.Button("Re-index the archive folder", elem_id="qa-reindex")
            status = gr.Markdown(elem_id="qa-status")
            add_button.click(make_add(live), [files, title, body],
                             [status, table, files, title, body], api_name="add_articles")
            reindex_button.click(make_reindex(live), None, [status, table], api_name="reindex")

        def ask(question: str, history: list[str] | None = None, date_from: str = "",
                date_to: str = "", sources: str = "") -> str:
            """The cited answer: the JSON object `qa ask --json` prints, as a string.

            A string, because Gradio would take each citation's "path" for a file to serve.
            `history`: earlier questions; `sources`: files or folders, comma-separated.
            """
            try:
                filters = make_filters(date_from, date_to, sources)
                answer = answer_to_dict(live.service.ask(question, history or [],
                                                         filters=filters))
            except QAError as exc:
                answer = {"question": question, "found": False, "answer": f"Sorry: {exc}",
                          "citations": [], "related": []}
            return json.dumps(answer, ensure_ascii=False)

        # gradio_client: json.loads(Client(url).predict(question, api_name="/ask"))
        gr.api(ask, api_name="ask")
    return page


def create_app(live: LiveService):  # -> fastapi.FastAPI
    """One process: the JSON API (/api/..., /openapi.json, /health) and the page at /."""
    return gr.mount_gradio_app(create_api(live), build_page(live), path="/", css=CSS, head=HEAD,
                               footer_links=["api"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the qa chat page.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--index", type=Path, help="index folder (default index/)")
    parser.add_argument("--archive", type=Path, help="articles folder (default seeds/)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        settings = Settings.from_env(index_dir=args.index, archive_dir=args.archive)
        live = LiveService.start(settings, progress=lambda f, m: log.info("indexing: %3.0f%% %s",
                                                                          100 * f, m))
        live.service.retriever.embed_query("warm up")  # load the model before the first question
    except (QAError, ValueError) as exc:
        print(f"qa: error: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    import uvicorn

    print(f"qa: serving http://{args.host}:{args.port}/ (API docs at /docs)", flush=True)
    uvicorn.run(create_app(live), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
