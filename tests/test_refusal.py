"""The answer-or-refuse decision: answer kinds, evidence features, the fitted model, calibration."""

import json

import numpy as np
import pytest

from qa import answertype
from qa.calibrate import Sample, auc, choose, figures, held_out, mean_figures
from qa.refusal import FEATURES, MODEL_FILE, RefusalModel, evidence, fit


@pytest.mark.parametrize("question, kind", [
    ("When was Starfall 3 released?", "date"),
    ("In what year did the mill close", "date"),
    ("What is the official release date of Nightglass 2088?", "date"),
    ("How many sailors were at Port Halden?", "number"),
    ("What percentage of homes had cable?", "number"),
    ("Who won the 2021 Vela Cup?", "person"),
    ("Where did the talks take place?", "place"),
    ("What did Khan say about sanctions?", None),
    ("Why are the ponds drained?", None),
])
def test_the_kind_of_answer_a_question_asks_for(question, kind):
    assert answertype.expected(question) == kind


def test_a_sentence_holds_an_answer_of_that_kind_only_when_the_question_lacks_it():
    when = "When was Starfall 3 released?"
    assert answertype.holds("date", "Starfall 3 came out on March 14, 2019.", when)
    assert not answertype.holds("date", "Starfall 3 release date set for spring.", when)
    assert answertype.holds("number", "It cost 3,600 pounds.", "How much did it cost?")
    who = "Who won the 2021 Vela Cup?"
    assert answertype.holds("person", "Marta Ilves won the 2021 Vela Cup.", who)
    assert not answertype.holds("person", "The 2021 Vela Cup is over at last.", who)
    # a possessive the question gives is no new name
    gambit = "Who directed the Kestrel's Gambit movie?"
    assert not answertype.holds("person", "2018 brought the Kestrel's Gambit movie.", gambit)
    assert answertype.candidates("person", "Kestrel's Gambit: directed by Helen Marsh.",
                                 gambit) == {"helen marsh"}


def test_evidence_flags_a_negated_question_and_a_missing_kind():
    best = (0.9, 0.7, 0.4, False, "Roof patches are costly repairs.")
    signs = evidence("What are the least costly repairs?", best, 0.8, asks_kind=True)
    assert set(signs) == set(FEATURES)
    assert signs["negated"] == 1.0 and signs["untyped"] == 1.0
    assert signs["margin"] == pytest.approx(0.1)
    plain = evidence("What are costly repairs?", best, 0.8, asks_kind=False)
    assert plain["negated"] == 0.0 and plain["untyped"] == 0.0


def test_fit_learns_which_way_each_feature_points():
    rng = np.random.default_rng(0)
    support = rng.uniform(0, 1, 400)
    x = np.column_stack([support, rng.normal(size=(400, len(FEATURES) - 1))])
    y = (support + rng.normal(0, 0.1, 400) < 0.5).astype(float)  # low support: unanswerable
    model = fit(x, y)
    low, high = dict.fromkeys(FEATURES, 0.0), dict.fromkeys(FEATURES, 0.0)
    low["support"], high["support"] = 0.1, 0.9
    assert model.probability(low) > 0.9 > 0.1 > model.probability(high)


def test_model_round_trips_through_its_file_and_a_missing_file_says_what_to_run(tmp_path):
    model = RefusalModel((1.0, -2.0, 0, 0, 0, 0), 0.5, (0,) * 6, (1,) * 6, 0.6, about={"a": 1})
    model.save(tmp_path / "m.json")
    assert RefusalModel.load(tmp_path / "m.json") == model
    with pytest.raises(FileNotFoundError, match="qa calibrate"):
        RefusalModel.load(tmp_path / "missing.json")
    assert not RefusalModel.never().refuses(dict.fromkeys(FEATURES, 0.0))


def test_the_threshold_is_the_best_held_out_f1_above_the_containment_floor():
    # 4 unanswerable, 4 answerable (3 of them answered right)
    sample = Sample(np.zeros((8, len(FEATURES))), np.array([1, 1, 1, 1, 0, 0, 0, 0], bool),
                    np.array([0, 0, 0, 0, 1, 1, 1, 0], bool))
    p = np.array([0.9, 0.8, 0.7, 0.2, 0.75, 0.1, 0.1, 0.85])
    best = choose(p, sample, floor=0.5)
    assert best["threshold"] == 0.2  # refuses 6 (all 4 unanswerable); containment 2/4
    assert (best["abstention_precision"], best["abstention_recall"]) == (0.6667, 1.0)
    assert choose(p, sample, floor=0.75)["threshold"] == 0.8
    assert figures(p, sample, 1.01)["answerable_containment"] == 0.75
    # several runs of held-out probabilities: their figures are averaged, then compared
    other = np.array([0.9, 0.8, 0.7, 0.2, 0.95, 0.1, 0.1, 0.85])
    both = choose(np.array([p, other]), sample, floor=0.6)
    assert both["threshold"] == 0.8
    one, two = figures(p, sample, 0.8), figures(other, sample, 0.8)
    assert both["answerable_containment"] == (0.75 + 0.5) / 2 == (
        one["answerable_containment"] + two["answerable_containment"]) / 2
    assert both["abstention_f1"] == round((one["abstention_f1"] + two["abstention_f1"]) / 2, 4)
    assert mean_figures(p, sample, 0.8) == figures(p, sample, 0.8)  # one run is one run


def test_auc_is_the_chance_an_unanswerable_question_scores_higher():
    unanswerable = np.array([1, 1, 0, 0], bool)
    assert auc(np.array([0.9, 0.8, 0.2, 0.1]), unanswerable) == 1.0
    assert auc(np.array([0.1, 0.2, 0.8, 0.9]), unanswerable) == 0.0
    assert auc(np.array([0.9, 0.1, 0.5, 0.5]), unanswerable) == 0.5


def test_held_out_probabilities_come_from_models_that_never_saw_the_question():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(50, len(FEATURES)))
    sample = Sample(x, rng.uniform(size=50) < 0.5, np.zeros(50, bool))
    p = held_out(sample, folds=5)
    assert p.shape == (50,) and ((p > 0) & (p < 1)).all()
    assert not np.allclose(p, held_out(sample, folds=5, seed=7))  # other folds, other models


def test_the_shipped_model_was_calibrated_and_says_how():
    raw = json.loads(MODEL_FILE.read_text())
    about = raw["about"]
    assert about["set"] == "squad2" and about["folds"] >= 2 and about["questions"] > 100
    assert 0.0 < raw["threshold"] < 1.0
    assert about["held_out"]["threshold"] == raw["threshold"]
    assert about["held_out"]["answerable_containment"] >= about["containment_floor"]
    assert about["repeats"] >= 1 and 0.5 < about["held_out_auc"] <= 1.0

