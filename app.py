"""The chat page (Gradio). A shell: one QAService, built at start-up; all logic is in qa/."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import gradio as gr

from qa import QAError, QAService, Settings
from qa.present import format_markdown

EXAMPLES = [
    "what did Khan say about sanctions",
    "What did Imran Khan say about Pakistan's economy?",
    "What did Rouhani say about the coronavirus?",
    "What did Khan say about cricket?",
]


def open_service(settings: Settings) -> QAService:
    """Open the index, building it first when it is missing or stale."""
    try:
        return QAService.open(settings)
    except QAError as exc:
        logging.warning("%s; building the index from %s/", exc, settings.archive_dir)
        QAService.build(settings)
        return QAService.open(settings)


def make_respond(service: QAService):
    def respond(message: str, history: list) -> str:
        try:
            return format_markdown(service.ask(message))
        except QAError as exc:
            return f"Sorry: {exc}"

    return respond


def build_page(service: QAService) -> gr.Blocks:
    return gr.ChatInterface(
        make_respond(service), examples=EXAMPLES, title="qa: cited answers from the news archive",
        description="Answers quote the articles verbatim and cite file:line.",
        api_name="ask",
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the qa chat page.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--index", type=Path)
    parser.add_argument("--archive", type=Path)
    args = parser.parse_args(argv)
    settings = Settings.from_env(index_dir=args.index, archive_dir=args.archive)
    service = open_service(settings)
    build_page(service).launch(server_name=args.host, server_port=args.port)


if __name__ == "__main__":
    main()
