"""Articles -> sentences with exact (line, column) spans -> chunks of whole sentences.

A LangChain splitter cuts by characters and would re-find its pieces by search; here every
sentence keeps the exact span it came from, so a quote can be checked against its lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from qa.ingest import body_spans
from qa.types import Article, Chunk, Sentence

# A sentence ends at . ! ? (possibly followed by closing quotes or brackets) when the next
# text starts like a sentence: an upper-case letter, a digit, or an opening quote.
END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen sen rep gov lt col sgt capt cmdr adm st jr sr inc ltd co corp
    vs etc no nos jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e
    a.m p.m rev hon fig ft mt pres supt dept est approx""".split()
)
MAX_SENTENCE_CHARS = 2000  # a run-on "sentence" (a table, a list) is cut at whitespace


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the '.' ending at `end` closes an abbreviation or an initial ("J.")."""
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:end].rstrip(".").lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _joins(previous: str, following: str) -> bool:
    """Whether a line break inside a paragraph continues the sentence (hard-wrapped text)."""
    tail, head = previous.rstrip(), following.lstrip()
    if not (tail and head):
        return False
    open_end = tail[-1].islower() or tail[-1] in ",;-–"
    return open_end and (head[0].islower() or head[0].isdigit())


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of the sentences of one run of text."""
    start = 0
    for match in END.finditer(text):
        end = match.end()
        if text[match.start()] == "." and match.end() - match.start() == 1 \
                and _is_abbreviation(text, match.start()):
            continue
        yield start, end
        start = end
    yield start, len(text)


def _split_long(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        yield start, cut
        start = cut
    yield start, end


def split_sentences(article: Article, first_id: int = 0) -> list[Sentence]:
    """Split an article's text lines into sentences; furniture and date markers are left out."""
    # Group text lines into runs that a sentence may cross (hard-wrapped paragraphs).
    runs: list[list[tuple[int, int]]] = []
    for number, col in body_spans(article):
        if runs and runs[-1][-1][0] == number - 1 and _joins(
            article.lines[number - 2], article.lines[number - 1]
        ):
            runs[-1].append((number, col))
        else:
            runs.append([(number, col)])

    sentences: list[Sentence] = []
    for run in runs:
        # Join the run with "\n" and keep, for each offset, the line and column it came from.
        text = "\n".join(article.lines[n - 1][c:] for n, c in run)
        starts, offset = [], 0
        for n, c in run:
            starts.append((offset, n, c))
            offset += len(article.lines[n - 1]) - c + 1

        def locate(pos: int, starts: list[tuple[int, int, int]] = starts) -> tuple[int, int]:
            for base, n, c in reversed(starts):
                if pos >= base:
                    return n, c + pos - base
            raise AssertionError("offset before the run")

        for raw_start, raw_end in _pieces(text):
            for s, e in _split_long(text, raw_start, raw_end):
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if s == e or not any(ch.isalnum() for ch in text[s:e]):
                    continue
                (sl, sc), (el, ec) = locate(s), locate(e - 1)
                sentences.append(
                    Sentence(first_id + len(sentences), article.path, sl, sc, el, ec + 1, text[s:e])
                )
    return sentences


def span_text(lines: tuple[str, ...], s: Sentence) -> str:
    """The exact text a sentence's span covers in the article's lines."""
    if s.start_line == s.end_line:
        return lines[s.start_line - 1][s.start_col : s.end_col]
    middle = lines[s.start_line : s.end_line - 1]
    return "\n".join(
        [lines[s.start_line - 1][s.start_col :], *middle, lines[s.end_line - 1][: s.end_col]]
    )


def make_chunks(sentences: list[Sentence], chunk_words: int, overlap: int) -> list[Chunk]:
    """Group one article's consecutive sentences into chunks of about `chunk_words` words.

    Neighbouring chunks share `overlap` sentences, so a fact told across a sentence boundary
    is whole in at least one chunk.
    """
    chunks: list[Chunk] = []
    i = 0
    while i < len(sentences):
        j, words = i, 0
        while j < len(sentences) and (
            j == i or words + len(sentences[j].text.split()) <= chunk_words
        ):
            words += len(sentences[j].text.split())
            j += 1
        group = sentences[i:j]
        first, last = group[0], group[-1]
        chunks.append(
            Chunk(
                id=f"{first.path}:{first.start_line}-{last.end_line}",
                path=first.path,
                start_line=first.start_line,
                end_line=last.end_line,
                first_sentence=first.id,
                last_sentence=last.id,
                text=" ".join(s.text for s in group),
            )
        )
        if j >= len(sentences):
            break
        i = max(i + 1, j - overlap)
    return chunks
