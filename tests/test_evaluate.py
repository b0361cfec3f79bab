import json
from pathlib import Path

import pytest

from qa.cli import main
from qa.evaluate import Prediction, Question, Quote, contains, load_set, misses, normalize, score


def test_squad_normalisation_and_containment():
    assert normalize("The  Saxon Garden!") == "saxon garden"
    assert contains("It is called Ogród Saski, the Saxon Garden.", ["Ogród Saski"])
    assert not contains("Nothing here.", ["Ogród Saski"])
    assert not contains("anything", [""])


def q(answers, found=True):
    return Question("q", tuple(answers), found=found)


def quote(text, path="a.txt", start=1, end=1):
    return Quote(path, start, end, text)


def test_span_figures():
    questions = [q(["Paris"]), q(["Rome"]), q([], found=False), q([], found=False)]
    predictions = [
        Prediction(True, [quote("It is Paris. Yes.")], [quote("x"), quote("Paris")]),
        Prediction(True, [quote("Not it."), quote("Rome it is.")], [quote("Rome")]),
        Prediction(False, [], []),  # rightly refused
        Prediction(True, [quote("Wrong.")], []),  # should have refused
    ]
    got = score("span", questions, predictions)
    assert (got["hit@1"], got["hit@5"], got["mrr@10"]) == (0.5, 1.0, 0.75)
    assert got["containment"] == 1.0 and got["exact_sentence"] == 0.5
    assert got["quoted_sentences"] == round((2 + 2 + 1) / 3, 3)
    assert (got["abstention_precision"], got["abstention_recall"]) == (1.0, 0.5)
    assert got["abstention_f1"] == round(2 * 0.5 / 1.5, 4)
    assert got["accuracy"] == 0.75 and got["n"] == 4
    assert (got["answerable"], got["unanswerable"], got["refused"]) == (2, 2, 1)
    # a baseline's answer is a chunk: its first sentence is what "exact sentence" reads
    chunk = score("span", [q(["Rome"])], [Prediction(True, [quote("Intro here. Rome it is.")])])
    assert (chunk["exact_sentence"], chunk["first_quote"], chunk["quoted_sentences"]) == (0.0, 1.0, 2)
    # a figure no question counts towards is None, not 0
    none = score("span", [q([], found=False)], [Prediction(False, [])])
    assert none["hit@1"] is None and none["containment"] is None
    assert none["quoted_sentences"] is None and none["abstention_precision"] == 1.0
    assert score("lines", [Question("a", expect=(("x.txt", 1),))],
                 [Prediction(True, [quote("s", "x.txt")])])["refusal"] is None


def test_line_figures():
    questions = [Question("a", expect=(("x.txt", 5),)), Question("b", expect=(("x.txt", 9),)),
                 Question("c", found=False), Question("d", found=False)]
    predictions = [
        Prediction(True, [quote("s", "x.txt", 4, 6)]),
        Prediction(True, [quote("s", "x.txt", 1, 1), quote("s", "y.txt", 9, 9),
                          quote("s", "x.txt", 9, 9)]),
        Prediction(False, []),
        Prediction(True, [quote("s", "x.txt", 2, 2)]),
    ]
    got = score("lines", questions, predictions)
    assert (got["first_citation"], got["any_citation"]) == (0.5, 1.0)
    assert (got["refusal"], got["wrong_speaker"], got["accuracy"]) == (0.5, 0.5, 0.5)


def test_misses_are_the_questions_the_figures_count_against():
    questions = [q(["Paris"]), q(["Rome"]), q(["Oslo"]), q([], found=False), q([], found=False)]
    predictions = [
        Prediction(True, [quote("It is Paris.")], [quote("Paris")]),  # right
        Prediction(True, [quote("Not it.", "b.txt", 3, 3)], [quote("x"), quote("Rome")]),
        Prediction(False, [], []),  # wrongly refused
        Prediction(False, [], []),  # rightly refused
        Prediction(True, [quote("Wrong.")], []),  # should have refused
    ]
    got = misses("toy", "span", questions, predictions)
    accuracy = score("span", questions, predictions)["accuracy"]
    assert len(got) == round(len(questions) * (1 - accuracy)) == 3
    assert got[0] == {"set": "toy", "question": "q", "why": "no quote holds a gold answer",
                      "gold": ["Rome"], "quotes": [{"cite": "b.txt:3", "text": "Not it."}],
                      "gold_rank": 2}
    assert got[1]["why"].startswith("refused") and got[1]["gold_rank"] is None
    assert got[2]["why"].startswith("answered") and "gold_rank" not in got[2]
    lines = [Question("a", expect=(("x.txt", 5),)), Question("b", expect=(("x.txt", 9),))]
    wrong = misses("toy", "lines", lines, [Prediction(True, [quote("s", "x.txt", 4, 6)]),
                                           Prediction(True, [quote("s", "x.txt", 1, 1)])])
    assert [(r["question"], r["gold"]) for r in wrong] == [("b", ["x.txt:9"])]


def test_loaders_read_each_format(tmp_path):
    (tmp_path / "xquad-en").mkdir()
    (tmp_path / "xquad-en" / "xquad.en.dev.json").write_text(json.dumps({"data": [{
        "title": "Warsaw", "paragraphs": [{"context": "Nearby is Ogród Saski.", "qas": [
            {"id": "1", "question": "What is nearby?", "answers": [{"text": "Ogród Saski",
                                                                     "answer_start": 10}]}]}]}]}))
    xquad = load_set("xquad", tmp_path)
    assert xquad.articles == {"00-00.txt": "Warsaw\n\nNearby is Ogród Saski.\n"}
    assert xquad.questions[0].answers == ("Ogród Saski",)
    (tmp_path / "squad2-sample").mkdir()
    (tmp_path / "squad2-sample" / "contexts.jsonl").write_text('{"context": "C one."}\n')
    (tmp_path / "squad2-sample" / "squad2_sample.dev.jsonl").write_text(
        '{"id": "1", "context": "C one.", "question": "Q?", "answers": [], "is_impossible": true}\n')
    squad = load_set("squad2", tmp_path)
    assert squad.questions[0].found is False and squad.articles == {"0000.txt": "C one.\n"}
    (tmp_path / "rgb-news").mkdir()
    (tmp_path / "rgb-news" / "passages.jsonl").write_text('{"pid": 3, "text": "Snippet."}\n')
    (tmp_path / "rgb-news" / "questions.dev.jsonl").write_text(
        '{"id": 0, "query": "Q", "answer": ["a", "b"]}\n')
    rgb = load_set("rgb", tmp_path)
    assert rgb.questions[0].answers == ("a", "b") and "0003.txt" in rgb.articles
    with pytest.raises(ValueError, match="unknown set"):
        load_set("nope", tmp_path)


def test_question_files_are_checked_in_one_line(tmp_path, capsys):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    elsewhere = tmp_path / "elsewhere.jsonl"
    elsewhere.write_text('{"question": "q", "expect": [{"path": "nope.txt", "line": 1}]}\n')
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"expect": []}\n')
    for argv, says in [(["--questions", str(tmp_path / "missing.jsonl")], "not found"),
                       (["--questions", str(bad)], "not in the seeds set's format"),
                       (["--questions", str(tmp_path)], "not in the seeds set's format"),
                       (["--questions", str(empty)], "no questions"),
                       (["--questions", str(elsewhere)], "not in the set's archive"),
                       (["--readme", str(tmp_path / "R.md")], "qa eval all")]:
        assert main(["eval", "seeds", *argv]) == 1
        err = capsys.readouterr().err
        assert says in err and len(err.strip().splitlines()) == 1


@pytest.mark.integration
def test_qa_eval_scores_another_question_file(capsys, monkeypatch, tmp_path):
    """--questions: expected paths as qa cites them ("seeds/...") or as the archive has
    them score alike."""
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path))
    own = Path(__file__).with_name("seeds_questions.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in own][:4]
    mine = tmp_path / "mine.jsonl"
    for r in rows[:2]:
        r["expect"] = [{**e, "path": "seeds/" + e["path"]} for e in r["expect"]]
    mine.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert main(["eval", "seeds", "--questions", str(mine), "--json", "--no-baselines"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] == 4 and result["answerable"] + result["unanswerable"] == 4
    assert result["first_citation"] == 1.0 and result["accuracy"] == 1.0


@pytest.mark.integration
def test_qa_eval_seeds_gets_every_question_right(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path))
    assert main(["eval", "seeds", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] >= 10
    assert result["backend"] in ("torch", "torch-bf16", "onnx", "onnx-int8")
    assert (result["first_citation"], result["refusal"], result["accuracy"]) == (1.0, 1.0, 1.0)
    for name in ("bm25", "langchain"):
        baseline = result["baselines"][name]
        assert set(baseline) == set(result) - {"set", "baselines", "articles", "backend"}
        assert baseline["refusal"] == 0.0  # the naive pipelines never refuse
        assert result["accuracy"] > baseline["accuracy"]


@pytest.mark.integration
@pytest.mark.parametrize("name, keys", [
    ("xquad", {"hit@1", "hit@5", "hit@10", "mrr@10", "containment", "exact_sentence",
               "quoted_sentences"}),
    ("squad2", {"answerable_containment", "abstention_precision", "abstention_recall",
                "abstention_f1", "accuracy"}),
    ("rgb", {"hit@5", "containment", "quoted_sentences"}),
])
def test_qa_eval_runs_on_a_slice_of_each_set(name, keys, capsys, tmp_path):
    wrong = tmp_path / "misses.jsonl"
    assert main(["eval", name, "--limit", "12", "--json", "--misses", str(wrong)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] == 12 and keys <= set(result)
    # the questions written as misses are those the figures count against qa
    records = [json.loads(line) for line in wrong.read_text().splitlines()]
    share = result.get("accuracy", result["containment"])  # squad2 has refusals to get right
    assert len(records) == round(12 * (1 - share))
    assert all(r["set"] == name and r["question"] and r["why"] for r in records)
    assert all(result[k] is None or 0.0 <= result[k] <= 1.0  # None: no question counts
               for k in keys if k != "quoted_sentences")
    assert keys <= set(result["baselines"]["langchain"]) and keys <= set(result["baselines"]["bm25"])


@pytest.mark.integration
def test_qa_eval_polnear_runs_on_a_slice(capsys):
    assert main(["eval", "polnear", "--limit", "12", "--articles", "3", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] == 12 and 3 < result["articles"] < 40
    keys = {"first_citation", "any_citation", "refusal", "wrong_speaker", "accuracy"}
    assert keys <= set(result) and all(0.0 <= result[k] <= 1.0 for k in keys)
    for name in ("bm25", "langchain"):
        assert keys <= set(result["baselines"][name])
        assert result["baselines"][name]["refusal"] == 0.0  # the naive pipelines never refuse


def test_shrink_keeps_the_articles_the_questions_point_at(tmp_path):
    from qa.evaluate import EvalSet, shrink

    evalset = EvalSet("polnear", {f"{c}.txt": c for c in "abcdef"}, [
        Question("q1", expect=(("d.txt", 3),), source="d.txt"),
        Question("q2", found=False, source="f.txt"),
    ], "lines")
    shrink(evalset, 2)
    assert sorted(evalset.articles) == ["a.txt", "b.txt", "d.txt", "f.txt"]


def test_readme_block_is_replaced_with_every_system_s_figures(tmp_path):
    from qa.evaluate import write_readme

    readme = tmp_path / "README.md"
    readme.write_text("# x\n<!-- eval:start -->\nold\n<!-- eval:end -->\nafter\n")
    result = {"set": "rgb", "n": 66, "hit@5": 0.9, "containment": 0.5, "quoted_sentences": 2.0,
              "baselines": {"bm25": {"hit@5": 0.8}, "langchain": {"hit@5": 0.7}}}
    write_readme(readme, [result], "qa eval all --readme README.md")
    text = readme.read_text()
    assert "old" not in text and text.endswith("<!-- eval:end -->\nafter\n")
    assert "| rgb (66) | hit@5 | 0.900 | 0.800 | 0.700 |" in text
    assert "|  | containment | 0.500 | – | – |" in text
    with pytest.raises(ValueError, match="eval:start"):
        write_readme(_plain(tmp_path), [result], "x")


def _plain(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("# no block\n")
    return path
