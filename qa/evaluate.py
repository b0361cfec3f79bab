"""External question sets -> figures, for qa and the naive baselines, through one scorer.

Sets (files under the data folder, `QA_DATA_DIR`, default ../shared/data):
  xquad   xquad-en/xquad.en.dev.json         span answers; one article per paragraph
  squad2  squad2-sample/*.jsonl              answerable and unanswerable questions
  rgb     rgb-news/*.jsonl                   short news questions over snippets
  seeds   tests/seeds_questions.jsonl        expected file:line over seeds/
  polnear polnear/questions.dev.jsonl        "what did X say about Y", expected lines
"""

from __future__ import annotations

import hashlib
import json
import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from qa.config import PROJECT, Settings

SETS = ("xquad", "squad2", "rgb", "seeds", "polnear")


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    answers: tuple[str, ...] = ()  # gold strings (span sets)
    expect: tuple[tuple[str, int], ...] = ()  # (path, line) (line sets)
    found: bool = True  # False: the right answer is a refusal
    source: str | None = None  # the article the question was written from (line sets)


@dataclass
class EvalSet:
    name: str
    articles: dict[str, str]  # relative path -> file text
    questions: list[Question]
    kind: str  # "span" or "lines"
    figures: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    path: str
    start_line: int
    end_line: int
    text: str


@dataclass
class Prediction:
    found: bool
    quotes: list[Quote]  # what the system answers with, first first
    retrieved: list[Quote] = field(default_factory=list)  # ranked passages, for hit@k


# -- loading ------------------------------------------------------------------------------

def _jsonl(path: Path) -> list[dict[str, Any]]:
    _exists(path)
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _exists(path: Path) -> None:
    if not path.exists():
        raise ValueError(f"{path} not found (the data folder is --data or QA_DATA_DIR; "
                         "question files are --questions)")


def load_set(name: str, data_dir: Path, questions: Path | None = None) -> EvalSet:
    """Read a set's archive and questions; `questions` replaces the default question file.
    Raises ValueError, in one line, for a missing file, an empty question file, or an
    expected line in a file the set's archive lacks."""
    try:
        evalset = _load(name, data_dir, questions)
    except (KeyError, TypeError, json.JSONDecodeError, IsADirectoryError) as exc:
        raise ValueError(f"{questions or name + ' set'} is not in the {name} set's format "
                         f"({type(exc).__name__}: {exc})") from None
    if not evalset.questions:
        raise ValueError(f"no questions in {questions or name + ' set'}")
    if evalset.kind == "lines":
        evalset.questions = [_in_archive(q, evalset.articles) for q in evalset.questions]
    return evalset


def _in_archive(q: Question, articles: dict[str, str]) -> Question:
    """The question with its expected paths relative to the archive: "seeds/004_x.txt", as
    qa cites it, is the archive's "004_x.txt"."""
    expect = []
    for path, line in q.expect:
        if path not in articles and path.partition("/")[2] in articles:
            path = path.partition("/")[2]
        if path not in articles:
            raise ValueError(f"question {q.text!r} expects {path}:{line}, "
                             "which is not in the set's archive")
        expect.append((path, line))
    return replace(q, expect=tuple(expect))


def _load(name: str, data_dir: Path, questions: Path | None) -> EvalSet:
    if name == "xquad":
        return _xquad(data_dir / "xquad-en", questions)
    if name == "squad2":
        folder = data_dir / "squad2-sample"
        contexts = [r["context"] for r in _jsonl(folder / "contexts.jsonl")]
        rows = _jsonl(questions or folder / "squad2_sample.dev.jsonl")
        return EvalSet(name, {f"{i:04d}.txt": c + "\n" for i, c in enumerate(contexts)},
                       [Question(r["question"], tuple(r["answers"]),
                                 found=not r.get("is_impossible", not r["answers"]))
                        for r in rows], "span",
                       ("answerable_containment", "abstention_precision", "abstention_recall",
                        "abstention_f1", "accuracy", "containment", "quoted_sentences"))
    if name == "rgb":
        folder = data_dir / "rgb-news"
        passages = _jsonl(folder / "passages.jsonl")
        rows = _jsonl(questions or folder / "questions.dev.jsonl")
        return EvalSet(name, {f"{p['pid']:04d}.txt": p["text"] + "\n" for p in passages},
                       [Question(r["query"], tuple(_strings(r["answer"]))) for r in rows],
                       "span", ("hit@5", "containment", "quoted_sentences"))
    if name == "seeds":
        rows = _jsonl(questions or PROJECT / "tests" / "seeds_questions.jsonl")
        return EvalSet(name, _folder(PROJECT / "seeds"), [_line_question(r) for r in rows],
                       "lines", ("first_citation", "any_citation", "refusal", "accuracy"))
    if name == "polnear":
        folder = data_dir / "polnear"
        rows = _jsonl(questions or folder / "questions.dev.jsonl")
        return EvalSet(name, _folder(folder / "articles"), [_line_question(r) for r in rows],
                       "lines", ("first_citation", "any_citation", "refusal", "wrong_speaker",
                                 "accuracy"))
    raise ValueError(f"unknown set {name!r}; choose one of {', '.join(SETS)}")


def _xquad(folder: Path, questions: Path | None) -> EvalSet:
    """SQuAD v1.1 JSON: the archive is the file's own paragraphs (an unseen file brings its
    own), one article each."""
    source = questions or folder / "xquad.en.dev.json"
    _exists(source)
    data = json.loads(source.read_text(encoding="utf-8"))
    articles, asked = {}, []
    for a, article in enumerate(data["data"]):
        for p, paragraph in enumerate(article["paragraphs"]):
            articles[f"{a:02d}-{p:02d}.txt"] = f"{article['title']}\n\n{paragraph['context']}\n"
            asked += [Question(qa["question"], tuple(x["text"] for x in qa["answers"]))
                      for qa in paragraph["qas"]]
    return EvalSet("xquad", articles, asked, "span",
                   ("hit@1", "hit@5", "hit@10", "mrr@10", "containment", "exact_sentence",
                    "quoted_sentences"))


def _strings(value: Any) -> list[str]:
    """Gold answers: a string, or (nested) lists of acceptable strings."""
    if isinstance(value, str):
        return [value]
    return [s for item in value for s in _strings(item)]


def _folder(folder: Path) -> dict[str, str]:
    _exists(folder)
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*.txt"))}


def _line_question(r: dict[str, Any]) -> Question:
    return Question(r["question"], expect=tuple((e["path"], int(e["line"]))
                                                for e in r.get("expect", [])),
                    found=bool(r.get("found", True)), source=r.get("source_article"))


def shrink(evalset: EvalSet, others: int) -> None:
    """Keep only the articles the questions point at, plus the first `others` of the rest:
    a small archive for a quick run (the questions keep their meaning: a speaker swap is
    still one, since no article is added)."""
    wanted = {p for q in evalset.questions for p, _ in q.expect}
    wanted |= {q.source for q in evalset.questions if q.source}
    rest = [p for p in sorted(evalset.articles) if p not in wanted][:others]
    evalset.articles = {p: t for p, t in evalset.articles.items() if p in wanted or p in rest}


# -- scoring ------------------------------------------------------------------------------

_PUNCTUATION = frozenset(string.punctuation) | {"’", "‘", "“", "”"}


def normalize(text: str) -> str:
    """SQuAD normalisation: lower case, no punctuation, no articles, single spaces."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    return " ".join(re.sub(r"\b(a|an|the)\b", " ", text).split())


def contains(text: str, golds: Iterable[str]) -> bool:
    norm = normalize(text)
    return any(normalize(g) and normalize(g) in norm for g in golds)


_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s|$)")


def sentence_count(text: str) -> int:
    """Sentences in a quote, by their ends: qa's one-sentence citations count 1 (or more,
    for "U.S." and the like), a baseline's 1,000-character chunk about four."""
    return max(1, len(_SENTENCE_END.findall(text.strip())))


def first_sentence(text: str) -> str:
    """A quote's first sentence, cut where `sentence_count` counts its first end."""
    text = text.strip()
    end = _SENTENCE_END.search(text)
    return text[: end.end()] if end else text


def _holds(quote: Quote, expect: tuple[tuple[str, int], ...]) -> bool:
    return any(quote.path == p and quote.start_line <= line <= quote.end_line for p, line in expect)


def _ratio(hits: int, total: int) -> float | None:
    """hits / total, or None when no question counts towards it (not 0: nothing was missed)."""
    return round(hits / total, 4) if total else None


def _rank(p: Prediction, golds: tuple[str, ...]) -> int | None:
    """1-based rank of the first retrieved passage holding a gold answer, within 10."""
    return next((i for i, r in enumerate(p.retrieved[:10], 1) if contains(r.text, golds)), None)


def _answered(q: Question, p: Prediction) -> bool:
    """Answered, with a gold answer inside the quoted text."""
    return p.found and contains(" ".join(x.text for x in p.quotes), q.answers)


def _first_holds(p: Prediction, golds: tuple[str, ...], whole: bool) -> bool:
    """Whether the first quote's first sentence (`whole`: the whole first quote) holds a
    gold answer."""
    if not (p.found and p.quotes):
        return False
    return contains(p.quotes[0].text if whole else first_sentence(p.quotes[0].text), golds)


def _span_figures(pairs: list[tuple[Question, Prediction]]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    answerable = [(q, p) for q, p in pairs if q.found]
    ranks = [_rank(p, q.answers) for q, p in answerable]
    for k in (1, 5, 10):
        out[f"hit@{k}"] = _ratio(sum(r is not None and r <= k for r in ranks), len(ranks))
    out["mrr@10"] = round(sum(1 / r for r in ranks if r) / len(ranks), 4) if ranks else None
    out["containment"] = _ratio(sum(_answered(q, p) for q, p in answerable), len(answerable))
    # the first quoted sentence holds the gold; and, for a baseline whose answer is a chunk
    # of several sentences, whether that whole first quote does (qa quotes single sentences:
    # for it the two differ only where `first_sentence` cuts at "U.S." and the like)
    out["exact_sentence"] = _ratio(sum(_first_holds(p, q.answers, False) for q, p in answerable),
                                   len(answerable))
    out["first_quote"] = _ratio(sum(_first_holds(p, q.answers, True) for q, p in answerable),
                                len(answerable))
    found = [p for _, p in pairs if p.found]
    quoted = sum(sentence_count(x.text) for p in found for x in p.quotes)
    out["quoted_sentences"] = round(quoted / len(found), 3) if found else None
    impossible = [q for q, _ in pairs if not q.found]
    if impossible:
        out["answerable_containment"] = out["containment"]
        abstained = [q for q, p in pairs if not p.found]
        right = sum(not q.found for q in abstained)
        precision, recall = _ratio(right, len(abstained)), _ratio(right, len(impossible))
        out["abstention_precision"], out["abstention_recall"] = precision, recall
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
        out["abstention_f1"] = round(f1, 4)
        out["accuracy"] = _ratio(sum((not q.found and not p.found) or (q.found and _answered(q, p))
                                     for q, p in pairs), len(pairs))
    return out


def score(kind: str, questions: list[Question],
          predictions: list[Prediction]) -> dict[str, float | None]:
    """Every figure of the set's kind; keys as in `qa eval --json`. A figure no question
    counts towards (refusal, in a set that has no unanswerable question) is None. The
    counts come too: questions (`n`), answerable and unanswerable ones, and how many the
    system refused."""
    pairs = list(zip(questions, predictions, strict=True))
    out: dict[str, float | None] = {
        "n": len(pairs), "answerable": sum(q.found for q in questions),
        "unanswerable": sum(not q.found for q in questions),
        "refused": sum(not p.found for p in predictions)}
    if kind == "span":
        out.update(_span_figures(pairs))
        return out
    answerable = [(q, p) for q, p in pairs if q.found]
    refusals = [(q, p) for q, p in pairs if not q.found]
    first = sum(bool(p.found and p.quotes) and _holds(p.quotes[0], q.expect) for q, p in answerable)
    out["first_citation"] = _ratio(first, len(answerable))
    out["any_citation"] = _ratio(sum(p.found and any(_holds(x, q.expect) for x in p.quotes[:3])
                                     for q, p in answerable), len(answerable))
    out["refusal"] = _ratio(sum(not p.found for _, p in refusals), len(refusals))
    out["wrong_speaker"] = _ratio(sum(p.found and bool(p.quotes) for _, p in refusals),
                                  len(refusals))
    out["accuracy"] = _ratio(first + sum(not p.found for _, p in refusals), len(pairs))
    return out


COUNTS = ("n", "answerable", "unanswerable", "refused")


def misses(name: str, kind: str, questions: list[Question],
           predictions: list[Prediction]) -> list[dict[str, Any]]:
    """The questions a system got wrong, one record each, for reading what went wrong: the
    gold, what was quoted, and (span sets) where retrieval ranked the first passage holding
    the gold. A miss is what `score` counts against the system: an answerable question
    refused or answered without the gold (span sets: in any quote; line sets: at the first
    citation), an unanswerable one answered."""
    found = []
    for q, p in zip(questions, predictions, strict=True):
        if not q.found:
            why = "answered; the set says the archive does not" if p.found else None
        elif not p.found:
            why = "refused; the set says the archive answers"
        elif kind == "span":
            why = None if _answered(q, p) else "no quote holds a gold answer"
        else:
            why = None if p.quotes and _holds(p.quotes[0], q.expect) else \
                "the first citation is not at an expected line"
        if why is None:
            continue
        record: dict[str, Any] = {
            "set": name, "question": q.text, "why": why,
            "gold": list(q.answers) if kind == "span" else [f"{a}:{b}" for a, b in q.expect],
            "quotes": [{"cite": f"{x.path}:{x.start_line}", "text": x.text} for x in p.quotes]}
        if kind == "span" and q.found:
            record["gold_rank"] = _rank(p, q.answers)  # None: not in the first 10 passages
        found.append(record)
    return found


# -- systems ------------------------------------------------------------------------------

def materialize(evalset: EvalSet, cache: Path) -> Path:
    """Write the set's archive once into the cache, keyed by its content; return the folder."""
    digest = hashlib.sha256()
    for path, text in sorted(evalset.articles.items()):
        digest.update(f"{path}\0{text}\0".encode())
    folder = cache / f"{evalset.name}-{digest.hexdigest()[:16]}"
    archive = folder / "archive"
    if not (folder / ".complete").exists():
        archive.mkdir(parents=True, exist_ok=True)
        for path, text in evalset.articles.items():
            (archive / path).parent.mkdir(parents=True, exist_ok=True)
            (archive / path).write_text(text, encoding="utf-8")
        (folder / ".complete").touch()
    return folder


def run_qa(evalset: EvalSet, settings: Settings,
           progress: Callable[[str], None]) -> tuple[list[Prediction], str]:
    """qa itself, on an index of the set's archive built (and cached) in the cache folder;
    with the embedding backend it ran with (what `QA_EMBED_BACKEND` resolves to; the
    cached index may have been embedded by another fp32 backend, which gives the same
    vectors within 1e-6, so only int8 against fp32 can move a figure)."""
    from qa.api import QAService

    folder = materialize(evalset, settings.cache_dir / "eval")
    local = replace(settings, archive_dir=folder / "archive", index_dir=folder / "index")
    progress(f"indexing {len(evalset.articles)} articles (cached between runs)")
    QAService.build(local)
    service = QAService.open(local, check_archive=False)
    label = service.answerer.label + "/"
    predictions = []
    for q in evalset.questions:
        answer = service.ask(q.text)
        quotes = [Quote(c.path.removeprefix(label), c.start_line, c.end_line, c.quote)
                  for c in answer.citations]
        retrieved = []
        if evalset.kind == "span":
            retrieved = [Quote(h.chunk.path, h.chunk.start_line, h.chunk.end_line, h.chunk.text)
                         for h in service.search(q.text, 10)]
        predictions.append(Prediction(answer.found, quotes, retrieved))
    return predictions, str(getattr(service.embedder, "backend", "unknown"))  # fakes have none


def run_baseline(name: str, evalset: EvalSet, progress: Callable[[str], None]) -> list[Prediction]:
    """A naive pipeline: it never refuses, and answers with its first chunk."""
    from qa.baselines import BM25Baseline, LangChainBaseline
    from qa.embed import model_path

    progress(f"baseline {name}: chunking and indexing")
    system = (BM25Baseline(evalset.articles) if name == "bm25"
              else LangChainBaseline(evalset.articles, model_path()))
    predictions = []
    for q in evalset.questions:
        ranked = [Quote(p.path, p.start_line, p.end_line, p.text)
                  for p in system.retrieve(q.text, 10)]
        predictions.append(Prediction(True, ranked[:1], ranked))
    return predictions


def evaluate(name: str, settings: Settings, questions: Path | None = None,
             limit: int | None = None, baselines: tuple[str, ...] = ("bm25", "langchain"),
             progress: Callable[[str], None] = lambda message: None,
             articles: int | None = None,
             on_miss: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """All figures of one set for qa and the baselines, computed in the same run.
    `limit` keeps the first questions; `articles` shrinks the archive (see `shrink`);
    `on_miss` receives each question qa got wrong (see `misses`)."""
    evalset = load_set(name, settings.data_dir, questions)
    if limit:
        evalset.questions = evalset.questions[:limit]
    if articles is not None:
        if evalset.kind != "lines":
            raise ValueError("--articles applies to the seeds and polnear sets")
        shrink(evalset, articles)
    predictions, backend = run_qa(evalset, settings, progress)
    if on_miss is not None:
        for record in misses(name, evalset.kind, evalset.questions, predictions):
            on_miss(record)
    result: dict[str, Any] = {"set": name, "articles": len(evalset.articles),
                              "backend": backend,
                              **score(evalset.kind, evalset.questions, predictions)}
    result["baselines"] = {b: score(evalset.kind, evalset.questions,
                                    run_baseline(b, evalset, progress)) for b in baselines}
    return result


def table(result: dict[str, Any]) -> str:
    """A plain-text table: one row per figure, one column per system."""
    systems = {"qa": result, **result.get("baselines", {})}
    keys = [k for k in result if k not in ("set", "baselines", "articles", "backend", *COUNTS)]
    width = max(len(k) for k in keys) if keys else 10
    lines = [f"{result['set']}: {result['n']} questions ({result['answerable']} answerable, "
             f"{result['unanswerable']} not), {result['articles']} articles"
             + (f", qa on {result['backend']}" if "backend" in result else ""),
             f"{'figure':<{width}}  " + "  ".join(f"{s:>9}" for s in systems)]
    for key in [*keys, "refused"]:
        cells = [systems[s].get(key) for s in systems]
        lines.append(f"{key:<{width}}  " + "  ".join(
            f"{'-':>9}" if v is None else f"{v:>9}" if key == "refused" else f"{v:>9.3f}"
            for v in cells))
    return "\n".join(lines)


# The figures the README shows per set (the --json output has them all).
README_FIGURES = {
    "xquad": ("hit@1", "hit@5", "hit@10", "mrr@10", "containment", "quoted_sentences",
              "exact_sentence", "first_quote"),
    "squad2": ("answerable_containment", "abstention_precision", "abstention_recall",
               "abstention_f1", "accuracy"),
    "rgb": ("hit@5", "containment", "quoted_sentences"),
    "seeds": ("first_citation", "any_citation", "refusal", "accuracy"),
    "polnear": ("first_citation", "any_citation", "refusal", "wrong_speaker", "accuracy"),
}
README_START, README_END = "<!-- eval:start -->", "<!-- eval:end -->"


def markdown(results: list[dict[str, Any]]) -> str:
    """One Markdown table of every set: qa beside the baselines."""
    rows = ["| set | figure | qa | bm25 | langchain |", "|---|---|---|---|---|"]
    for result in results:
        label = f"{result['set']} ({result['n']})"
        for key in README_FIGURES[result["set"]]:
            cells = [result.get(key)] + [result.get("baselines", {}).get(b, {}).get(key)
                                         for b in ("bm25", "langchain")]
            shown = ["–" if v is None else f"{v:.3f}" for v in cells]
            rows.append(f"| {label} | {key} | " + " | ".join(shown) + " |")
            label = ""
    return "\n".join(rows)


def write_readme(readme: Path, results: list[dict[str, Any]], command: str) -> None:
    """Replace the block between the eval markers of the README with fresh figures."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"{readme} has no {README_START} ... {README_END} block")
    backends = sorted({r["backend"] for r in results if "backend" in r})
    on = f" (qa ran with embedding backend {', '.join(backends)})" if backends else ""
    block = f"{README_START}\n_Regenerated by `{command}`{on}._\n\n{markdown(results)}\n"
    readme.write_text(text[:start] + block + text[end:], encoding="utf-8")
