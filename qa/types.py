"""Plain data passed between the modules: frozen dataclasses, no logic."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Article:
    """One article file. `lines` are the file's lines verbatim (no newline, no CR)."""

    path: str  # POSIX, relative to the archive folder
    title: str
    date: str | None  # ISO date when the text carries one
    lines: tuple[str, ...]
    sha256: str  # of the raw bytes
    encoding: str  # "utf-8", or the fallback that decoded it


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its exact span: 1-based lines, 0-based columns, end exclusive."""

    id: int  # row in vectors.faiss
    path: str
    start_line: int
    start_col: int
    end_line: int
    end_col: int
    text: str


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive sentences of one article, the unit of lexical retrieval."""

    id: str  # f"{path}:{start_line}-{end_line}"
    path: str
    start_line: int
    end_line: int
    first_sentence: int  # sentence ids first..last inclusive
    last_sentence: int
    text: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Reported speech: `speaker` said the sentence `sentence` (cue verb `cue`)."""

    sentence: int
    speaker: str | None  # resolved name ("Imran Khan"), None when unresolved
    speaker_text: str  # as written ("the Pakistani Prime Minister")
    cue: str
    content: str  # what was said, as written (without speaker and cue)


@dataclass(frozen=True, slots=True)
class Filters:
    """Limits on what may be cited: an article date range and source files or folders.

    Undated articles are left out whenever a date limit is set. A source is a file or a
    folder path, relative to the archive or with its prefix ("seeds/004_x.txt", "world/").
    """

    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.date_from or self.date_to or self.sources)


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved chunk with its fused score and per-retriever ranks."""

    chunk: Chunk
    score: float
    rank: int
    dense: float = 0.0
    lexical: float = 0.0


@dataclass(frozen=True, slots=True)
class Citation:
    """A quoted sentence and the lines that hold it, verbatim."""

    n: int
    path: str  # relative to the project root, e.g. seeds/004_x.txt
    start_line: int
    end_line: int
    quote: str
    speaker: str | None = None
    title: str = ""
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Passage:
    """A related passage shown beside a refusal (never a citation)."""

    path: str
    start_line: int
    end_line: int
    score: float
    text: str
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    """What `ask` returns. `found` is False when the archive does not answer."""

    question: str
    found: bool
    text: str
    citations: tuple[Citation, ...] = ()
    related: tuple[Passage, ...] = ()
    rewritten: str | None = None  # the standalone question a follow-up became
    speaker: str | None = None  # the speaker the question asked about
    topic: str | None = None
    extra: dict[str, float] = field(default_factory=dict)
    note: str = ""  # what the list left out or could not do, also at the end of `text`
