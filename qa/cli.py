"""Command line: `qa index`, `qa ask`, `qa serve`. main(argv) -> exit code."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from qa.config import Settings
from qa.errors import QAError

EXAMPLES = {
    "index": "example: qa index --archive seeds --index index",
    "ask": 'example: qa ask "what did Khan say about sanctions" --json',
    "serve": "example: qa serve --port 7860",
}


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        archive_dir=getattr(args, "archive", None), index_dir=getattr(args, "index", None),
        top_k=getattr(args, "k", None),
    )


def cmd_index(args: argparse.Namespace) -> int:
    from qa.api import QAService

    settings = _settings(args)
    last = [0.0]

    def progress(fraction: float, message: str) -> None:
        if not args.quiet and time.monotonic() - last[0] > 0.5:
            print(f"  {fraction:4.0%} {message}", file=sys.stderr)
            last[0] = time.monotonic()

    report = QAService.build(settings, progress=progress, force=args.force)
    for skipped in report.skipped:
        print(f"skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
    if report.up_to_date:
        print(f"index {settings.index_dir}/ is up to date ({report.articles} articles)")
        return 0
    print(
        f"indexed {report.articles} articles -> {report.sentences} sentences, {report.chunks} "
        f"chunks in {settings.index_dir}/ ({report.seconds:.1f} s); embedded {report.embedded} "
        f"new sentences, reused {report.reused}; {len(report.changed)} articles new or edited, "
        f"{len(report.removed)} removed, {len(report.skipped)} skipped"
    )
    if not args.quiet:
        print("  seconds: " + ", ".join(f"{stage} {sec:.1f}" for stage, sec in report.stages))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from qa.api import QAService, answer_to_dict, make_filters
    from qa.present import cite_label
    from qa.question import clean

    filters = make_filters(args.date_from, args.date_to, args.source or ())
    settings = _settings(args)
    if len(clean(args.question, len(args.question))) > settings.max_question_chars:
        print(f"qa: the question is cut to its first {settings.max_question_chars} characters",
              file=sys.stderr)
    service = QAService.open(settings)
    answer = service.ask(args.question, k=args.k, filters=filters)
    if args.json:
        print(json.dumps(answer_to_dict(answer), ensure_ascii=False))
        return 0
    print(answer.text)
    if answer.citations:
        print()
        for c in answer.citations:
            span = cite_label(c)
            about = ", ".join(x for x in (c.speaker, c.date) if x)  # who, and when if dated
            who = f"  ({about})" if about else ""
            print(f"[{c.n}] {span}{who}\n    {c.quote}")
    if answer.related:
        print("\nRelated passages (not an answer):")
        for p in answer.related:
            who = f"{p.speaker}, in " if p.speaker else ""
            print(f"  {who}{p.path}:{p.start_line}-{p.end_line}  {p.text[:160]}")
    return 0


DATA_HELP = "data folder (default ../shared/data from the project root, QA_DATA_DIR)"


def cmd_eval(args: argparse.Namespace) -> int:
    from qa.evaluate import SETS, evaluate, table, write_readme

    settings = Settings.from_env(data_dir=args.data)
    baselines = () if args.no_baselines else ("bm25", "langchain")
    names = SETS if args.set == "all" else (args.set,)
    if args.questions and len(names) > 1:
        raise ValueError("--questions needs one set, not all")
    if args.readme and (len(names) == 1 or args.limit or args.questions
                        or args.articles is not None or args.no_baselines):
        raise ValueError("--readme writes the whole table: use it with `qa eval all` alone")
    wrong: list[dict[str, Any]] = []
    results = [evaluate(name, settings, args.questions, args.limit, baselines,
                        progress=lambda message: print(f"  {message}", file=sys.stderr),
                        articles=args.articles if name in ("seeds", "polnear") else None,
                        on_miss=wrong.append if args.misses else None)
               for name in names]
    for result in results:
        print(json.dumps(result) if args.json else table(result))
    if args.misses:
        try:
            args.misses.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                           for r in wrong), encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"cannot write {args.misses}: {exc.strerror or exc}") from None
        print(f"wrote the {len(wrong)} questions qa got wrong to {args.misses}", file=sys.stderr)
    if args.readme:
        write_readme(args.readme, results, "qa eval all --readme README.md")
        print(f"wrote the figures into {args.readme}", file=sys.stderr)
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from qa.calibrate import calibrate
    from qa.refusal import MODEL_FILE

    settings = Settings.from_env(data_dir=args.data)
    about = calibrate(settings, args.questions, args.folds, args.floor, args.out or MODEL_FILE,
                      args.repeats,
                      progress=lambda message: print(f"  {message}", file=sys.stderr))
    print(json.dumps(about, indent=2))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from qa.page import main as serve

    argv = ["--host", args.host, "--port", str(args.port)]
    for flag in ("index", "archive"):
        if getattr(args, flag):
            argv += [f"--{flag}", str(getattr(args, flag))]
    serve(argv)
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="qa", description="Cited answers from a folder of news articles.")
    sub = root.add_subparsers(dest="command", required=True)

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, epilog=EXAMPLES.get(name))
        p.add_argument("--archive", type=Path,
                       help="folder of .txt/.md articles (default seeds/, QA_ARCHIVE)")
        p.add_argument("--index", type=Path, help="index folder (default index/, QA_INDEX)")
        return p

    p = add("index", "(Re)build the index; only new or edited articles are embedded.")
    p.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=cmd_index)

    p = add("ask", "Answer a question with quoted, cited sentences.")
    p.add_argument("question")
    p.add_argument("-k", type=int, help="chunks to read the answer from, and statements or "
                   "speakers to list (default 5)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--from", dest="date_from", metavar="DATE",
                   help="cite only articles dated on or after DATE (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE",
                   help="cite only articles dated on or before DATE")
    p.add_argument("--source", action="append", metavar="PATH",
                   help="cite only this file or folder (repeatable), e.g. seeds/004_x.txt")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", help="Score qa and the naive baselines on a question set.",
                       description="Score qa and the naive baselines on a question set.",
                       epilog="example: qa eval xquad --json")
    p.add_argument("set", choices=["xquad", "squad2", "rgb", "seeds", "polnear", "all"])
    p.add_argument("--questions", type=Path, help="another question file of the set's format")
    p.add_argument("--data", type=Path, help=DATA_HELP)
    p.add_argument("--limit", type=int, help="only the first N questions")
    p.add_argument("--articles", type=int, metavar="N",
                   help="polnear/seeds: index only the articles the questions point at, plus N"
                   " others (a quick slice)")
    p.add_argument("--no-baselines", action="store_true", help="score qa alone")
    p.add_argument("--json", action="store_true", help="print one JSON object (a line per set)")
    p.add_argument("--readme", type=Path, metavar="FILE",
                   help="also write the figures into FILE's <!-- eval:start/end --> block")
    p.add_argument("--misses", type=Path, metavar="FILE",
                   help="also write the questions qa got wrong to FILE (JSONL: the gold, "
                   "qa's quotes, the gold's retrieval rank)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser(
        "calibrate", help="Fit the answer-or-refuse decision on squad2 (writes qa/refusal.json).",
        description="Fit the answer-or-refuse decision on labelled squad2 questions: k-fold "
        "cross-validation, repeated with other folds; the threshold of best held-out abstention "
        "F1 (averaged over the repeats) above a containment floor.",
        epilog="example: qa calibrate --floor 0.8")
    p.add_argument("--questions", type=Path, help="another squad2-format question file")
    p.add_argument("--data", type=Path, help=DATA_HELP)
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    p.add_argument("--floor", type=float, default=0.85,
                   help="answerable containment to keep, 0..1 (default 0.85)")
    p.add_argument("--repeats", type=int, default=10,
                   help="cross-validation runs, each with other folds (default 10)")
    p.add_argument("--out", type=Path, help="where to write the model (default qa/refusal.json)")
    p.set_defaults(func=cmd_calibrate)

    p = add("serve", "Serve the chat page.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    p.set_defaults(func=cmd_serve)
    return root


# onnxruntime (1.30) segfaults on import when the process's command line is longer than
# about 32 KB, as a pasted article asked as a question makes it.
CMDLINE_LIMIT = 30_000  # bytes
ARGV_FILE = "QA_ARGV_FILE"


def _arguments() -> list[str]:
    """This run's arguments; a command line too long for onnxruntime is moved into a file
    and the command run again with a short one (the file is read and removed there)."""
    path = os.environ.pop(ARGV_FILE, None)
    if path:
        try:
            with open(path, encoding="utf-8") as f:
                return list(json.load(f))
        finally:
            os.unlink(path)
    if sum(len(os.fsencode(a)) + 1 for a in sys.argv) <= CMDLINE_LIMIT:
        return sys.argv[1:]
    fd, path = tempfile.mkstemp(prefix="qa-argv-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(sys.argv[1:], f)
    os.execve(sys.executable, [sys.executable, "-m", "qa"], {**os.environ, ARGV_FILE: path})
    raise AssertionError("unreachable")  # execve does not return


def main(argv: list[str] | None = None) -> int:
    """Run one command; a QAError or a bad setting is printed as one line (exit 1)."""
    args = parser().parse_args(_arguments() if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        return int(args.func(args))
    except (QAError, ValueError, ImportError) as exc:
        print(f"qa: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("qa: interrupted", file=sys.stderr)
        return 130
