"""The chat page (Gradio): a shell over qa. Every decision is made in qa/; here only wiring.

python app.py [--host 127.0.0.1] [--port 7860] [--index index] [--archive seeds]
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
from qa.archive import add_article, add_text
from qa.live import LiveService
from qa.present import format_markdown, sources_html
from qa.web import create_api

log = logging.getLogger("qa.app")

EXAMPLES = [
    "what did Khan say about sanctions",
    "What did Imran Khan say about Pakistan's economy?",
    "What did Rouhani discuss with Conte?",
    "What did Khan say about cricket?",
]
STREAM_WORDS = 8  # the reply streams in steps of this many words

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


def user_questions(history: list[dict[str, Any]]) -> list[str]:
    """The earlier questions of the conversation, oldest first."""
    return [_text(m.get("content")) for m in history or [] if m.get("role") == "user"]


def make_respond(live: LiveService):
    """The chat function: streams the reply, and fills the sources panel."""

    def respond(message: str, history: list[dict[str, Any]]) -> Iterator[tuple[str, str]]:
        service = live.service
        try:
            answer = service.ask(message, user_questions(history))
        except QAError as exc:
            yield f"Sorry: {exc}", sources_html(None, service.article)
            return
        reply = format_markdown(answer)
        panel = sources_html(answer, service.article)
        words = reply.split(" ")
        for end in range(STREAM_WORDS, len(words), STREAM_WORDS):
            yield " ".join(words[:end]), panel
        yield reply, panel

    return respond


def article_rows(live: LiveService) -> list[list[Any]]:
    label = live.service.answerer.label
    return [[a.title, a.date or "", f"{label}/{a.path}", len(a.lines)]
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
                sources = gr.HTML(sources_html(None, live.service.article), render=False,
                                  elem_id="qa-sources")
                gr.ChatInterface(
                    make_respond(live), examples=EXAMPLES, additional_outputs=[sources],
                    api_name="chat", fill_height=False,
                    chatbot=gr.Chatbot(height=480, elem_id="qa-chat", label="Answers"),
                    textbox=gr.Textbox(placeholder="Ask about the articles",
                                       elem_id="qa-question", submit_btn=True),
                )
            with gr.Column(scale=2):
                sources.render()
        with gr.Tab("Articles"):
            table = gr.Dataframe(
                value=article_rows(live), headers=["title", "date", "file", "lines"],
                interactive=False, wrap=True, elem_id="qa-articles",
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

        def ask(question: str) -> str:
            """The cited answer: the JSON object `qa ask --json` prints, as a string.

            A string, because Gradio would take each citation's "path" for a file to serve.
            """
            try:
                answer = answer_to_dict(live.service.ask(question))
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
