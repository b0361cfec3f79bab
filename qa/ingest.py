"""Archive folder -> Article records: decoding, line numbers, title, date, furniture."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from qa.types import Article

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md")
# A news-site export may start with a date marker: " date 2020-04-20 Headline ...".
DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+", re.IGNORECASE)
# ... or carry the date in its file name: "nyt_2015-11-25_golf-courses.txt".
FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2}-[01]\d-[0-3]\d)(?!\d)")
# Page furniture: counters like "101/216", bare links; and a "Read more:" heading, after which
# the rest of the file is a list of links to other stories.
COUNTER = re.compile(r"^\s*\d+\s*/\s*\d+\s*$")
URL_ONLY = re.compile(r"^\s*(https?://|www\.)\S+\s*$")
LINK_LIST_HEADING = re.compile(
    r"^\s*(read more|related( articles?| stories)?|see also|more on this story|also read)\s*:?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not indexed, and why (one line)."""

    path: str
    reason: str


def decode(raw: bytes) -> tuple[str, str]:
    """Decode as UTF-8 (BOM allowed), else Windows-1252, else Latin-1; return (text, codec)."""
    for codec in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(codec), "utf-8" if codec == "utf-8-sig" else codec
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def looks_binary(raw: bytes) -> bool:
    """NUL bytes or mostly control characters in the first 8 kB."""
    head = raw[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return len(head) > 0 and control / len(head) > 0.1


def split_lines(text: str) -> tuple[str, ...]:
    """Lines as an editor numbers them: split on LF only, drop one trailing CR per line."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # a final newline ends the last line; it does not start another
    return tuple(line[:-1] if line.endswith("\r") else line for line in lines)


def parse_article(path: str, raw: bytes) -> Article:
    """Build an Article from a file's bytes. Raises ValueError for binary or empty input."""
    if looks_binary(raw):
        raise ValueError("binary file")
    text, encoding = decode(raw)
    lines = split_lines(text)
    if not any(line.strip() for line in lines):
        raise ValueError("empty file")
    first = next(i for i, line in enumerate(lines) if line.strip())
    marker = DATE_MARKER.match(lines[first])
    named = FILE_DATE.search(path.rsplit("/", 1)[-1])
    date = marker.group(1) if marker else named.group(1) if named else None
    title = lines[first][marker.end() if marker else 0 :].strip()
    return Article(
        path=path,
        title=title[:300],
        date=date,
        lines=lines,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
    )


def body_spans(article: Article) -> Iterator[tuple[int, int]]:
    """Yield (line number, first column) of each line of article text, furniture left out."""
    seen_text = False
    for number, line in enumerate(article.lines, start=1):
        if not line.strip():
            continue
        if LINK_LIST_HEADING.match(line):
            return
        if COUNTER.match(line) or URL_ONLY.match(line):
            continue
        col = 0
        if not seen_text:
            marker = DATE_MARKER.match(line)
            col = marker.end() if marker else 0
        seen_text = True
        yield number, col


def iter_files(archive: Path) -> Iterator[Path]:
    """Every .txt/.md file under the archive (README files aside), recursively, sorted."""
    for path in sorted(archive.rglob("*")):
        if path.suffix.lower() in SUFFIXES and path.is_file() and path.stem.lower() != "readme":
            yield path


def load_articles(archive: Path) -> tuple[list[Article], list[Skipped]]:
    """Read every article under `archive`; unreadable files are reported, not fatal."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for file in iter_files(archive):
        rel = file.relative_to(archive).as_posix()
        try:
            articles.append(parse_article(rel, file.read_bytes()))
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            skipped.append(Skipped(rel, reason))
            log.debug("skipped %s: %s", rel, reason)  # callers report what was skipped
    return articles, skipped


def corpus_hash(articles: list[Article]) -> str:
    """One hash for the whole archive: paths and contents, order-independent."""
    digest = hashlib.sha256()
    for article in sorted(articles, key=lambda a: a.path):
        digest.update(f"{article.path}\0{article.sha256}\n".encode())
    return digest.hexdigest()
