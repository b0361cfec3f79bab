"""Answers as Markdown for the chat page; article text is escaped, never rendered as HTML."""

from __future__ import annotations

import html
import re

from qa.types import Answer, Citation

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape(text: str) -> str:
    """Text shown literally: HTML entities escaped and Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)).replace("\n", " ")


def cite_label(c: Citation) -> str:
    span = f"{c.start_line}" if c.start_line == c.end_line else f"{c.start_line}-{c.end_line}"
    return f"{c.path}:{span}"


def format_markdown(answer: Answer) -> str:
    """The answer with markers [n], then the citations with their quoted lines."""
    if not answer.found:
        parts = [escape(answer.text)]
        if answer.related:
            parts.append("\n**Related passages** (not an answer):")
            for p in answer.related:
                who = f"{escape(p.speaker)}, in " if p.speaker else ""
                where = f"`{p.path}:{p.start_line}-{p.end_line}`"
                parts.append(f"- {who}{where}: {escape(p.text[:240])}")
        return "\n".join(parts)
    body = " ".join(f"“{escape(c.quote)}” \\[{c.n}\\]" for c in answer.citations)
    lines = [body, ""]
    for c in answer.citations:
        who = f" — {escape(c.speaker)}" if c.speaker else ""
        lines.append(f"\\[{c.n}\\] `{cite_label(c)}`{who}")
    return "\n".join(lines)
