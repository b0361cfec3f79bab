import pytest

from qa.followup import standalone

KNOWN = {"khan", "imran khan", "rouhani", "hassan rouhani"}


def is_speaker(name):
    return name.lower() in KNOWN


@pytest.mark.parametrize("question, history, expected", [
    ("and what did Rouhani say about them?", ["what did Khan say about sanctions"],
     "what did Rouhani say about sanctions"),
    ("what did he say about the IMF?", ["What did Rouhani discuss with Conte?"],
     "what did Rouhani say about the IMF"),
    ("and Rouhani?", ["what did Khan say about sanctions"], "what did Rouhani say about sanctions"),
    ("what about the economy?", ["what did Khan say about sanctions"],
     "what did Khan say about the economy"),
    ("what did he say about it?",
     ["what did Khan say about sanctions", "and what did Rouhani say about them?"],
     "what did Rouhani say about sanctions"),
    ("How many Italians died?", ["what did Khan say about sanctions"], None),
    ("and what about cricket?", ["what did Khan say about sanctions"],
     "what did Khan say about cricket"),
    ("what did Khan say about sanctions", [], None),
    ("what did he tell Conte?", ["what did Rouhani say about sanctions"],
     "what did Rouhani tell Conte"),
])
def test_follow_ups_become_standalone(question, history, expected):
    assert standalone(question, history, is_speaker) == expected
