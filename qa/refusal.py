"""Answer or refuse: a small logistic model over evidence features, fitted on labelled questions.

The answer step scores the sentences it could quote; whether the best of them really answers
is a judgement made from a few measurable signs (how close in meaning, how many of the
question's rare words it holds, whether it holds the kind of answer asked for, whether the
question is negated where the sentence is not). `qa calibrate` fits the weights on questions
labelled answerable / unanswerable by people (SQuAD 2.0) and picks the threshold from
cross-validated predictions; the result is the plain file `qa/refusal.json`, read here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

FEATURES = ("support", "dense", "coverage", "margin", "negated", "untyped")
MODEL_FILE = Path(__file__).with_name("refusal.json")
_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nor|neither|without|except|least|cannot)\b|n['’]t\b", re.I)


def evidence(question: str, best: tuple[float, float, float, bool, str], second: float,
             asks_kind: bool) -> dict[str, float]:
    """The features of one answer: `best` is (score, dense, coverage, typed, text) of the
    best sentence, `second` the next sentence's score."""
    score, dense, cover, typed, text = best
    return {
        "support": score,
        "dense": dense,
        "coverage": cover,
        "margin": score - second,
        # "What did X not ...?" answered by a sentence that says what X did
        "negated": float(bool(_NEGATION.search(question)) and not _NEGATION.search(text)),
        # "When ...?" answered by a sentence that holds no date
        "untyped": float(asks_kind and not typed),
    }


@dataclass(frozen=True, slots=True)
class RefusalModel:
    """P(the archive does not answer) = sigmoid(bias + weights . standardised features)."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float  # refuse at or above this probability
    features: tuple[str, ...] = FEATURES
    about: Any = None  # how it was fitted, and the cross-validated figures

    def probability(self, values: dict[str, float]) -> float:
        x = (np.array([values[f] for f in self.features]) - self.mean) / self.scale
        return float(1.0 / (1.0 + np.exp(-(self.bias + float(np.dot(self.weights, x))))))

    def refuses(self, values: dict[str, float]) -> bool:
        return self.probability(values) >= self.threshold

    @classmethod
    def never(cls) -> RefusalModel:
        """A model that always answers (what `qa calibrate` measures from)."""
        n = len(FEATURES)
        return cls((0.0,) * n, -50.0, (0.0,) * n, (1.0,) * n, 1.0)

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> RefusalModel:
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing; run: qa calibrate")
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(tuple(raw["weights"]), raw["bias"], tuple(raw["mean"]), tuple(raw["scale"]),
                   raw["threshold"], tuple(raw["features"]), raw.get("about"))

    def save(self, path: Path = MODEL_FILE) -> None:
        record = {"features": list(self.features), "weights": list(self.weights),
                  "bias": self.bias, "mean": list(self.mean), "scale": list(self.scale),
                  "threshold": self.threshold, "about": self.about}
        path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> RefusalModel:
    """L2-regularised logistic regression by Newton's method (x: rows of FEATURES; y: 1 =
    unanswerable). The threshold is left at 0.5; `qa calibrate` sets it."""
    mean = x.mean(axis=0)
    scale = np.where(x.std(axis=0) > 1e-9, x.std(axis=0), 1.0)
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.diag([0.0] + [l2] * (z.shape[1] - 1))  # the bias is not penalised
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return RefusalModel(tuple(float(v) for v in w[1:]), float(w[0]),
                        tuple(float(v) for v in mean), tuple(float(v) for v in scale), 0.5)
