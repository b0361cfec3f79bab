"""Every way in, against the app served on a free local port: HTTP, Gradio client, LangChain,
Python and the CLI give the same answer and the same citations."""

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import copy_seeds

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parent.parent
KHAN = "what did Khan say about sanctions"
QUESTIONS = [KHAN, "What did Imran Khan say about Pakistan's economy?",
             "What did Khan say about cricket?", "Which loan did Iran request?",
             "What did Rouhani say about the coronavirus?"]


def post(url, path, body):
    request = urllib.request.Request(url.rstrip("/") + path, data=json.dumps(body).encode(),
                                     headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def get(url, path):
    with urllib.request.urlopen(url.rstrip("/") + path, timeout=60) as response:
        return response.status, json.loads(response.read())


def spans(answer):
    return [(c["path"], c["start_line"], c["end_line"], c["quote"]) for c in answer["citations"]]


@pytest.fixture(scope="module")
def service(server):
    """The Python API opened on the served app's own index."""
    from qa import QAService, Settings

    url, base = server
    return QAService.open(Settings(archive_dir=base / "seeds", index_dir=base / "index"))


def test_http_ask_cites_line_15_first(server):
    status, answer = post(server[0], "/api/ask", {"question": KHAN})
    assert status == 200 and answer["found"]
    first = answer["citations"][0]
    assert (first["path"], first["start_line"], first["end_line"]) == (
        "seeds/004_309039edf41efb89.txt", 15, 15)
    assert first["speaker"] == "Imran Khan"
    assert set(answer) == {"question", "found", "answer", "citations", "related"}


def test_every_interface_gives_the_same_citations(server, service):
    from gradio_client import Client

    from qa import answer_to_dict
    from qa.langchain import answer_runnable

    url, base = server
    client = Client(url, verbose=False)
    chain = answer_runnable(service)
    for question in QUESTIONS:
        http = post(url, "/api/ask", {"question": question})[1]
        gradio = json.loads(client.predict(question, api_name="/ask"))
        lang = chain.invoke(question)
        python = answer_to_dict(service.ask(question))
        cli = subprocess.run(
            [sys.executable, "-m", "qa", "ask", "--json", question], cwd=base,
            capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
        assert cli.returncode == 0, cli.stderr
        cli_answer = json.loads(cli.stdout)
        for other in (gradio, lang, python, cli_answer):
            assert (other["found"], spans(other), other["answer"]) == (
                http["found"], spans(http), http["answer"]), question
    assert spans(post(url, "/api/ask", {"question": KHAN})[1])[0][1] == 15


def test_follow_up_over_http(server):
    status, answer = post(server[0], "/api/ask", {
        "question": "and what did Rouhani say about them?", "history": [KHAN]})
    assert status == 200 and answer["citations"][0]["start_line"] == 7


def test_search_articles_and_health(server):
    url = server[0]
    status, found = post(url, "/api/search", {"question": "Imran Khan sanctions", "k": 3})
    assert status == 200 and 1 <= len(found["results"]) <= 3
    top = found["results"][0]
    assert top["path"] == "seeds/004_309039edf41efb89.txt" and top["start_line"] <= 15 <= top["end_line"]
    assert [r["score"] for r in found["results"]] == sorted((r["score"] for r in found["results"]), reverse=True)
    status, articles = get(url, "/api/articles")
    assert status == 200 and {"seeds/000_847e015129922df0.txt", "seeds/004_309039edf41efb89.txt"} <= {
        a["path"] for a in articles}
    status, health = get(url, "/health")
    assert status == 200 and health["status"] == "ok" and health["articles"] == len(articles)


def test_add_an_article_over_http_then_ask(server):
    url = server[0]
    status, added = post(url, "/api/articles", {
        "title": "Quarry reopens in Halden",
        "text": "Site manager Ola Brenn said the quarry in Halden would reopen on Monday."})
    assert status == 201 and added["path"] == "seeds/Quarry-reopens-in-Halden.txt"
    status, answer = post(url, "/api/ask", {"question": "What did Brenn say about the quarry?"})
    assert answer["found"] and answer["citations"][0]["path"] == added["path"]
    status, error = post(url, "/api/articles", {"title": "x", "text": "y", "filename": "a.pdf"})
    assert status == 422


@pytest.mark.parametrize("body, status", [
    ({"question": ""}, 422), ({"question": "   "}, 422), ({"question": "x" * 2001}, 422),
    ({"question": "q", "k": 0}, 422), ({"question": "q", "k": 51}, 422),
    ({"question": "q", "k": "many"}, 422), ({"question": "q", "unknown": 1}, 422),
    ({"question": "q", "date_from": "2020-02-30"}, 422), ({"question": "q", "date_from": 0}, 422),
    ({"question": "q", "sources": [""]}, 422), ({}, 422), ({"question": None}, 422),
])
def test_bad_input_is_a_clear_4xx(server, body, status):
    got, detail = post(server[0], "/api/ask", body)
    assert got == status and detail["detail"]


@pytest.mark.parametrize("raw", [b'{"question": "\\ud800"}', b'{"question": "x", "k": 1e400}',
                                 b'{"question": "x", "sources": ["\\udfff"]}', b"not json"])
def test_unencodable_input_is_a_422_not_a_500(server, raw):
    request = urllib.request.Request(server[0] + "api/ask", data=raw,
                                     headers={"content-type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)
    assert error.value.code == 422


def test_wrong_method_is_405_and_not_found_is_404(server):
    request = urllib.request.Request(server[0] + "api/ask", method="GET")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)
    assert error.value.code == 405


def test_filters_are_honoured_by_every_interface(server, service):
    from qa.langchain import QARetriever
    from qa.types import Filters

    url, base = server
    only_000 = {"question": KHAN, "sources": ["seeds/000_847e015129922df0.txt"]}
    assert not post(url, "/api/ask", only_000)[1]["found"]  # Khan is not quoted there
    only_004 = {"question": KHAN, "sources": ["seeds/004_309039edf41efb89.txt"]}
    assert post(url, "/api/ask", only_004)[1]["citations"][0]["start_line"] == 15
    dated = {"question": "What did Rouhani say about the IMF?", "date_from": "2020-04-01",
             "date_to": "2020-04-30"}
    answer = post(url, "/api/ask", dated)[1]
    assert answer["found"] and {c["path"] for c in answer["citations"]} == {
        "seeds/000_847e015129922df0.txt"}
    empty = post(url, "/api/ask", {**dated, "date_to": "2020-01-01"})[1]
    assert not empty["found"] and "No article matches" in empty["answer"]
    results = post(url, "/api/search", {"question": "sanctions", "date_from": "2020-04-01"})[1]
    assert {r["path"] for r in results["results"]} == {"seeds/000_847e015129922df0.txt"}

    filters = Filters("2020-04-01", None, ())
    docs = QARetriever(service=service, k=5, filters=filters).invoke("sanctions")
    assert docs and {d.metadata["path"] for d in docs} == {"seeds/000_847e015129922df0.txt"}
    assert not service.ask(KHAN, filters=Filters(sources=("seeds/000_847e015129922df0.txt",))).found
    cli = subprocess.run([sys.executable, "-m", "qa", "ask", "--json", "--source",
                          "seeds/000_847e015129922df0.txt", KHAN], cwd=base, capture_output=True,
                         text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert json.loads(cli.stdout)["found"] is False


def test_langchain_retriever_documents_carry_provenance(service):
    from qa.langchain import QARetriever

    docs = QARetriever(service=service, k=3).invoke("Imran Khan condemned US sanctions")
    meta = docs[0].metadata
    assert set(meta) == {"path", "start_line", "end_line", "title", "date", "score"}
    assert meta["path"] == "seeds/004_309039edf41efb89.txt" and meta["start_line"] <= 15 <= meta["end_line"]
    lines = (ROOT / "seeds/004_309039edf41efb89.txt").read_text().split("\n")
    assert "Imran Khan also condemned" in docs[0].page_content
    assert all(s.text in "\n".join(lines) for s in service.data.sentences
               if s.path == "004_309039edf41efb89.txt")


def readme_block(heading):
    text = (ROOT / "README.md").read_text()
    section = text.split(f"## {heading}\n", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.mark.parametrize("heading", ["Python", "LangChain"])
def test_readme_examples_run(heading, tmp_path, capsys):
    copy_seeds(tmp_path / "seeds")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(readme_block(heading), f"README {heading}", "exec"), {})
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert "seeds/004_309039edf41efb89.txt" in out and "15" in out


def test_openapi_validates_and_schemathesis_finds_nothing(server, tmp_path):
    """Bounded fuzzing of every operation, against loopback only."""
    url = server[0]
    status, spec = get(url, "/openapi.json")
    from openapi_spec_validator import validate

    validate(spec)
    assert {"/api/ask", "/api/search", "/api/articles", "/health"} <= set(spec["paths"])
    run = subprocess.run(
        [str(Path(sys.executable).parent / "schemathesis"), "run", url + "openapi.json",
         "--max-examples", "40", "--seed", "1", "--checks", "all"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600)
    print(run.stdout[-1500:])
    assert run.returncode == 0, run.stdout[-4000:]
    assert "No issues found" in run.stdout
