import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qa.cli import main
from tests.conftest import copy_seeds

ROOT = Path(__file__).resolve().parent.parent


def test_ask_without_an_index_is_one_line_and_exit_1(tmp_path, capsys):
    code = main(["ask", "anything", "--index", str(tmp_path / "none"), "--archive", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "qa index" in err


def test_bad_setting_from_the_environment_is_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("QA_TOP_K", "many")
    code = main(["ask", "q", "--index", str(tmp_path)])
    assert code == 1 and "QA_TOP_K" in capsys.readouterr().err


def test_help_shows_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["ask", "--help"])
    assert 'example: qa ask "what did Khan say about sanctions"' in capsys.readouterr().out


@pytest.mark.integration
def test_index_then_ask_json_through_the_console_script(tmp_path):
    """The installed `qa` command, in a fresh folder, as a user runs it."""
    copy_seeds(tmp_path / "seeds")
    qa = shutil.which("qa", path=str(Path(sys.executable).parent)) or "qa"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    run = subprocess.run([qa, "index"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "indexed 2 articles" in run.stdout
    again = subprocess.run([qa, "index"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert "up to date" in again.stdout

    ask = subprocess.run([sys.executable, "-m", "qa", "ask", "--json",
                          "what did Khan say about sanctions"],
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert ask.returncode == 0, ask.stderr
    out = json.loads(ask.stdout)  # exactly one JSON object
    assert set(out) == {"question", "found", "answer", "citations", "related"}
    first = out["citations"][0]
    assert {"n", "path", "start_line", "end_line", "quote"} <= set(first)
    assert (first["n"], first["path"], first["start_line"], first["end_line"]) == (
        1, "seeds/004_309039edf41efb89.txt", 15, 15)
    line = (tmp_path / first["path"]).read_text().split("\n")[14]
    assert first["quote"] in line
    assert first["speaker"] == "Imran Khan"  # who said the cited sentence
    general = subprocess.run([sys.executable, "-m", "qa", "ask", "--json",
                              "Who did Rouhani express sympathy with?"],
                             cwd=tmp_path, env=env, capture_output=True, text=True)
    cites = json.loads(general.stdout)["citations"]
    assert cites and all("speaker" in c for c in cites)  # null when not reported speech

    text = subprocess.run([qa, "ask", "What did Khan say about cricket?"], cwd=tmp_path,
                          env=env, capture_output=True, text=True)
    assert text.returncode == 0 and "don't quote Khan on cricket" in text.stdout
    assert "Traceback" not in text.stderr

    empty = subprocess.run([qa, "ask", ""], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert empty.returncode == 1 and empty.stderr.strip() == "qa: error: the question is empty"

    # A pasted page as the question: onnxruntime would crash on a command line this long.
    pasted = subprocess.run([qa, "ask", "what did Khan say about sanctions? " * 3000],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert pasted.returncode == 0, pasted.stderr
    assert "qa: the question is cut to its first 2000 characters" in pasted.stderr
    assert "[1] seeds/004_309039edf41efb89.txt:15" in pasted.stdout


@pytest.mark.integration
def test_plain_answer_names_the_speaker_and_the_date(tmp_path, capsys):
    archive = tmp_path / "news"
    shutil.copytree(ROOT / "tests/data/world", archive)
    where = ["--archive", str(archive), "--index", str(tmp_path / "index")]
    assert main(["index", "--quiet", *where]) == 0
    capsys.readouterr()
    assert main(["ask", "what did Reel say about the ships", *where]) == 0
    out = capsys.readouterr().out
    assert "(Tomas Reel, 2021-07-16)" in out  # the speaker, and the article's date
