"""Answers for the chat page: Markdown for the reply, HTML for the sources panel.

Article text and questions are always escaped: shown as text, never run as HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from qa.types import Answer, Article, Citation

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
CONTEXT_LINES = 3


def escape(text: str) -> str:
    """Text shown literally in Markdown: HTML escaped, Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)).replace("\n", " ")


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def cite_label(c: Citation) -> str:
    span = f"{c.start_line}" if c.start_line == c.end_line else f"{c.start_line}-{c.end_line}"
    return f"{c.path}:{span}"


def unescape(text: str) -> str:
    """The inverse of `escape` (for questions that came through the page's text box)."""
    return html.unescape(re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~>])", r"\1", text))


def source_id(turn: int, n: int) -> str:
    return f"src-{turn}-{n}"


def marker(n: int, turn: int = 0) -> str:
    """A clickable [n] that the page's script scrolls to source n of that turn."""
    return f"[\\[{n}\\]](#{source_id(turn, n)})"


def format_markdown(answer: Answer, turn: int = 0) -> str:
    """The reply: quoted sentences with markers, or a plain refusal with related passages."""
    lines = []
    if answer.rewritten:
        lines.append(f"*Understood as: {escape(answer.rewritten)}*\n")
    if not answer.found:
        lines.append(escape(answer.text))
        if answer.related:
            lines.append("\nThe closest passages are listed beside, as related (not an answer).")
        return "\n".join(lines)
    # Each quote is led by its speaker when the question asked about speakers ("what did X
    # say", "who said Y"). Before a general answer the name would read as the answer ("Who
    # is the Italian Prime Minister?" -> "Hassan Rouhani: ..."): the sources name it.
    about_speakers = answer.speaker is not None or answer.topic is not None
    for c in answer.citations:
        who = f"**{escape(c.speaker)}**: " if c.speaker and about_speakers else ""
        lines.append(f"{who}“{escape(c.quote)}” {marker(c.n, turn)}\n")
    if answer.note:  # "5 of 14 statements, newest first."
        lines.append(f"*{escape(answer.note)}*")
    return "\n".join(lines).rstrip()


def _highlight(line: str, quote: str) -> str:
    at = line.find(quote) if quote else -1
    if at < 0:
        return html.escape(line)
    end = at + len(quote)
    return (html.escape(line[:at]) + "<mark>" + html.escape(line[at:end]) + "</mark>"
            + html.escape(line[end:]))


def _lines_html(article: Article, first: int, last: int, quote: str) -> str:
    start = max(1, first - CONTEXT_LINES)
    stop = min(len(article.lines), last + CONTEXT_LINES)
    rows = []
    for number in range(start, stop + 1):
        text = article.lines[number - 1]
        cited = first <= number <= last
        pieces = [p for p in quote.split("\n")] if cited else []
        body = _highlight(text, next((p for p in pieces if p and p in text), "")) if cited \
            else html.escape(text)
        cls = "qa-line qa-cited" if cited else "qa-line"
        rows.append(f'<div class="{cls}"><span class="qa-no">{number}</span>'
                    f'<span class="qa-text">{body}</span></div>')
    return "".join(rows)


def sources_html(answer: Answer | None, article_of: Callable[[str], Article | None],
                 turn: int = 0, earlier: Sequence[str] = ()) -> str:
    """The sources panel: each cited source with its lines; related passages apart.

    `earlier` holds the sections of earlier answers (see `answer_section`), shown folded so
    that a marker in an earlier reply still finds its source.
    """
    if answer is None:
        return '<div class="qa-sources"><p class="qa-empty">Sources appear here.</p></div>'
    parts = ['<div class="qa-sources">', answer_section(answer, article_of, turn)]
    if earlier:
        parts.append('<h3>Earlier answers</h3>' + "".join(earlier))
    parts.append("</div>")
    return "".join(parts)


def earlier_section(answer: Answer, article_of: Callable[[str], Article | None],
                    turn: int) -> str:
    """An answer's sources, folded under its question, for the "Earlier answers" list."""
    return (f'<details class="qa-earlier"><summary>{html.escape(shorten(answer.question, 80))}'
            f"</summary>{answer_section(answer, article_of, turn)}</details>")


def answer_section(answer: Answer, article_of: Callable[[str], Article | None],
                   turn: int) -> str:
    """One answer's cited sources and related passages."""
    parts = []
    if answer.citations:
        parts.append("<h3>Sources</h3>")
    for c in answer.citations:
        article = article_of(c.path)
        name = c.path.rsplit("/", 1)[-1]
        meta = " · ".join(html.escape(x) for x in (shorten(c.title, 140), c.date or "") if x)
        who = (f'<div class="qa-speaker">Speaker: {html.escape(c.speaker)}</div>'
               if c.speaker else "")
        lines = _lines_html(article, c.start_line, c.end_line, c.quote) if article else ""
        span = cite_label(c).rsplit(":", 1)[-1]
        parts.append(
            f'<div class="qa-source" id="{source_id(turn, c.n)}" data-n="{c.n}">'
            f'<div class="qa-head"><b>[{c.n}]</b> <code>{html.escape(name)}</code> '
            f'line {html.escape(span)}</div><div class="qa-meta">{meta}</div>{who}'
            f'<div class="qa-lines">{lines}</div></div>'
        )
    if answer.related:
        parts.append('<h3>Related passages</h3><p class="qa-note">Closest text found; '
                     "not an answer and not cited.</p>")
        for p in answer.related:
            who = f"{html.escape(p.speaker)}, in " if p.speaker else ""
            parts.append(
                f'<div class="qa-related"><div class="qa-head">{who}<code>'
                f"{html.escape(p.path)}:{p.start_line}-{p.end_line}</code></div>"
                f'<div class="qa-text">{html.escape(shorten(p.text, 400))}</div></div>'
            )
    return "".join(parts)
