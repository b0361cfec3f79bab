"""Adding articles to the archive folder: safe file names, validated content, no overwrites."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from qa.ingest import SUFFIXES, parse_article

MAX_BYTES = 5_000_000


class DuplicateArticle(ValueError):
    """The same bytes are already in the archive."""


def safe_name(name: str, default_suffix: str = ".txt") -> str:
    """A plain file name: no folders, no dots in front, ASCII letters, digits, - and _."""
    base = Path(name.replace("\\", "/")).name
    stem, suffix = os.path.splitext(base)
    suffix = suffix.lower() if suffix.lower() in SUFFIXES else default_suffix
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")[:80] or "article"
    return stem + suffix


def add_article(archive: Path, name: str, data: bytes) -> Path:
    """Save an article into the archive under a safe, unused name; ValueError if unreadable."""
    if len(data) > MAX_BYTES:
        raise ValueError(f"{name}: larger than {MAX_BYTES // 1_000_000} MB")
    if not name.lower().endswith(SUFFIXES):
        raise ValueError(f"{name}: only .txt and .md files can be added")
    try:
        parse_article(name, data)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None
    archive.mkdir(parents=True, exist_ok=True)
    for existing in archive.rglob("*"):
        if existing.is_file() and existing.stat().st_size == len(data) \
                and existing.read_bytes() == data:
            raise DuplicateArticle(f"{name}: already in the archive as {existing.name}")
    target = archive / safe_name(name)
    n = 2
    while target.exists():
        target = archive / f"{Path(safe_name(name)).stem}-{n}{target.suffix}"
        n += 1
    # Write beside the target, then rename: a half-written file never enters the archive.
    fd, tmp = tempfile.mkstemp(dir=archive, prefix=".upload-", suffix=".part")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, target)
    return target


def add_text(archive: Path, title: str, body: str) -> Path:
    """Save pasted text as an article: the title on line 1, a blank line, then the text."""
    title, body = " ".join(title.split()), body.strip()
    if not title or not body:
        raise ValueError("a pasted article needs a title and some text")
    return add_article(archive, safe_name(title), f"{title}\n\n{body}\n".encode())
