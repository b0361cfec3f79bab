"""`qa calibrate`: fit the answer-or-refuse model on questions people labelled (SQuAD 2.0).

1. Every question of the set is answered with refusal switched off; the features of each
   answer (qa/refusal.py) are recorded, and whether its quotes hold a gold answer.
2. k-fold cross-validation gives every question a probability from a model that never saw
   it, repeated with other folds (REPEATS times: one split of 340 questions moves the
   chosen threshold, and its F1, by several points). The threshold is the one that
   maximises abstention F1, averaged over the repeats, on those held-out probabilities
   while answerable containment, averaged likewise, stays at or above `floor`.
3. The model refitted on all questions, with that threshold and the held-out figures, is
   written to qa/refusal.json.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from qa.config import Settings
from qa.evaluate import contains, load_set, materialize
from qa.refusal import FEATURES, MODEL_FILE, RefusalModel, fit

REPEATS = 10  # cross-validation runs, each with other folds, whose figures are averaged


@dataclass
class Sample:
    features: np.ndarray  # (n, len(FEATURES))
    unanswerable: np.ndarray  # bool: the right answer is a refusal
    contained: np.ndarray  # bool: qa's answer quotes a gold span (answerable questions)


def collect(settings: Settings, questions: Path | None = None,
            progress: Callable[[str], None] = lambda m: None) -> Sample:
    """Answer every squad2 question with refusal off; record features and correctness."""
    from qa.api import QAService

    evalset = load_set("squad2", settings.data_dir, questions)
    folder = materialize(evalset, settings.cache_dir / "eval")
    local = replace(settings, archive_dir=folder / "archive", index_dir=folder / "index")
    progress(f"indexing {len(evalset.articles)} articles (cached between runs)")
    QAService.build(local)
    service = QAService.open(local, check_archive=False)
    service.answerer.refusal = RefusalModel.never()
    rows, unanswerable, contained = [], [], []
    for q in evalset.questions:
        answer = service.ask(q.text)
        if "support" not in answer.extra:  # nothing retrieved: refused whatever the model says
            continue
        rows.append([answer.extra[f] for f in FEATURES])
        unanswerable.append(not q.found)
        contained.append(q.found and contains(" ".join(c.quote for c in answer.citations),
                                              q.answers))
    return Sample(np.array(rows, dtype=np.float64), np.array(unanswerable), np.array(contained))


def held_out(sample: Sample, folds: int, seed: int = 0) -> np.ndarray:
    """P(unanswerable) for every question from a model fitted without its fold."""
    order = np.random.default_rng(seed).permutation(len(sample.features))
    p = np.zeros(len(order))
    for k in range(folds):
        test = order[k::folds]
        train = np.setdiff1d(order, test)
        model = fit(sample.features[train], sample.unanswerable[train].astype(float))
        p[test] = [model.probability(dict(zip(FEATURES, row, strict=True)))
                   for row in sample.features[test]]
    return p


def figures(p: np.ndarray, sample: Sample, threshold: float) -> dict[str, float]:
    refuse = p >= threshold
    y, answerable = sample.unanswerable, ~sample.unanswerable
    right = int((refuse & y).sum())
    precision = right / refuse.sum() if refuse.sum() else 0.0
    recall = right / y.sum() if y.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    containment = float((sample.contained & ~refuse & answerable).sum() / answerable.sum())
    return {"threshold": round(threshold, 4), "abstention_precision": round(precision, 4),
            "abstention_recall": round(recall, 4), "abstention_f1": round(f1, 4),
            "answerable_containment": round(containment, 4)}


def mean_figures(runs: np.ndarray, sample: Sample, threshold: float) -> dict[str, float]:
    """`figures` averaged over runs of held-out probabilities (one row each; or one run):
    each figure, F1 too, is computed per run and then averaged."""
    each = [figures(p, sample, threshold) for p in np.atleast_2d(runs)]
    return {k: round(float(np.mean([f[k] for f in each])), 4) for k in each[0]}


def auc(p: np.ndarray, unanswerable: np.ndarray) -> float:
    """Area under the ROC curve: the chance that an unanswerable question gets a higher
    probability than an answerable one (ties count half)."""
    pos, neg = p[unanswerable], p[~unanswerable]
    if not len(pos) or not len(neg):
        return 0.0
    higher = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(higher / (len(pos) * len(neg)))


def choose(p: np.ndarray, sample: Sample, floor: float) -> dict[str, float]:
    """The threshold of best held-out abstention F1 with containment >= floor; `p` is one
    run of held-out probabilities, or several (rows), whose figures are averaged."""
    runs = np.atleast_2d(p)
    thresholds = [*np.unique(np.round(runs, 4)), 1.01]
    candidates = [mean_figures(runs, sample, t) for t in thresholds]
    allowed = [c for c in candidates if c["answerable_containment"] >= floor]
    if not allowed:  # the floor can't be met by refusing anything: never refuse
        return mean_figures(runs, sample, 1.01)
    return max(allowed, key=lambda c: (c["abstention_f1"], c["threshold"]))


def calibrate(settings: Settings, questions: Path | None = None, folds: int = 5,
              floor: float = 0.85, out: Path = MODEL_FILE, repeats: int = REPEATS,
              progress: Callable[[str], None] = lambda m: None) -> dict[str, Any]:
    """Fit, pick the threshold from held-out predictions, save; returns what was measured."""
    sample = collect(settings, questions, progress)
    progress(f"fitting on {len(sample.features)} questions, {folds}-fold cross-validation, "
             f"{repeats} times")
    p = np.array([held_out(sample, folds, seed) for seed in range(repeats)])
    chosen = choose(p, sample, floor)
    final = fit(sample.features, sample.unanswerable.astype(float))
    about = {
        "set": "squad2", "questions": int(len(sample.features)),
        "unanswerable": int(sample.unanswerable.sum()), "folds": folds,
        "repeats": repeats, "containment_floor": floor, "held_out": chosen,
        "held_out_is": f"the mean over {repeats} cross-validation runs of each run's figures",
        "held_out_auc": round(float(np.mean([auc(run, sample.unanswerable) for run in p])), 4),
        "never_refusing": mean_figures(p, sample, 1.01),
        "command": " ".join(["qa calibrate", f"--folds {folds}", f"--floor {floor}",
                             f"--repeats {repeats}"]
                            + ([f"--questions {questions}"] if questions else [])),
    }
    model = replace(final, threshold=chosen["threshold"], about=about)
    model.save(out)
    return about
