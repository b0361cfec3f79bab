"""The bench's inputs: the first N articles, the questions, the one-article edit."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from qa.ingest import decode, iter_files
from qa.store import IndexData

# The sentence an edit appends, naming its article: each edit's sentence is new to the
# index, so a re-index embeds it (a sentence the index holds already is not embedded again).
EDIT = " A bench edit added this sentence to {name}, so the article has changed."


def first_articles(source: Path, count: int) -> list[Path]:
    """The first `count` .txt files under `source`, in sorted path order (README aside)."""
    return [p for p in iter_files(source) if p.suffix == ".txt"][:count]


def copy_archive(source: Path, files: list[Path], target: Path) -> Path:
    """Copy the files under `target`, keeping their paths relative to `source`."""
    shutil.rmtree(target, ignore_errors=True)
    for file in files:
        dest = target / file.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, dest)
    return target


def texts(archive: Path) -> dict[str, str]:
    """path -> decoded text, the naive pipeline's input (the same decoding as qa's)."""
    return {p.relative_to(archive).as_posix(): decode(p.read_bytes())[0]
            for p in sorted(archive.rglob("*.txt"))}


def edit_one(archive: Path, nth: int = 0) -> str:
    """Change one article: one sentence appended to its last paragraph. Returns its path."""
    file = sorted(archive.rglob("*.txt"))[nth]
    text = decode(file.read_bytes())[0].rstrip("\n")
    file.write_text(text + EDIT.format(name=file.stem) + "\n", encoding="utf-8")
    return file.relative_to(archive).as_posix()


def make_questions(data: IndexData, count: int) -> list[str]:
    """`count` questions about the indexed articles, from articles spread over the archive.

    Every other one asks what a quoted person said about the article's topic (the speaker
    path: statements, then topic scoring); the others are the article's headline as a
    question (the general path: hybrid retrieval, then sentence scoring).
    """
    speakers: dict[str, str] = {}
    for a in data.attributions:
        path = data.sentences[a.sentence].path
        if a.speaker and path not in speakers:
            speakers[path] = a.speaker.split()[-1]
    articles = list(data.articles)
    step = max(len(articles) / max(count, 1), 1.0)
    questions: list[str] = []
    i = 0.0
    while len(questions) < count:
        article = articles[int(i) % len(articles)]
        topic = " ".join(article.title.split()[:6]).rstrip("?.!")
        if len(questions) % 2 and article.path in speakers:
            questions.append(f"What did {speakers[article.path]} say about {topic.lower()}?")
        else:
            questions.append(f"{topic}?")
        i += step
    return questions


def save_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, indent=1) + "\n")
