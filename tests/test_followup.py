import pytest

from qa.followup import LOOKUPS, standalone

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
    ("what did he tell Conte about it?", ["what did Rouhani say about sanctions"],
     "what did Rouhani tell Conte about sanctions"),
])
def test_follow_ups_become_standalone(question, history, expected):
    assert standalone(question, history, is_speaker) == expected


def test_he_after_a_who_question_is_the_person_its_answer_names():
    asked = []

    def answered(question):
        asked.append(question)
        return {"Who condemned the sanctions?": "Imran Khan"}.get(question)

    who = ["Who condemned the sanctions?"]
    assert standalone("what did he say about Iran?", who, is_speaker, answered) == \
        "what did Imran Khan say about Iran"
    assert standalone("when did he call?", who, is_speaker, answered) == \
        "when did Imran Khan call?"
    assert asked == who * 2
    # "it": what the who-question asked about
    assert standalone("what did he say about it?", who, is_speaker, answered) == \
        "what did Imran Khan say about the sanctions"
    # the person a question names comes first when "who" is its object or its subject's role
    assert standalone("what did he say?", ["Who did Rouhani call?"], is_speaker, answered) \
        == "what did Rouhani say"
    assert standalone("what did he say?", ["Who is Rouhani?"], is_speaker, answered) \
        == "what did Rouhani say"
    assert standalone("what did he say?", ["Who is Conte?"], is_speaker, answered) \
        == "what did Conte say"  # whom the archive never quotes
    # an answer that names no one surely leaves "he" to be asked about, even when the
    # question named someone: "Who talked to Khan?" is not asking for Khan
    assert standalone("what did he say?", ["Who talked to Khan?"], is_speaker, answered) is None
    assert standalone("what did he say?", who, is_speaker, lambda q: None) is None
    # no pronoun, no earlier answer needed
    asked.clear()
    assert standalone("How many Italians died?", who, is_speaker, answered) is None
    assert asked == []


def test_he_after_who_is_the_role_is_the_holder_its_answer_names():
    def answered(question):
        return {"Who is the Emir of Kuwait?": "Sheikh Sabah"}.get(question)

    # "Kuwait" is named by the question, not asked for
    assert standalone("what did he say?", ["Who is the Emir of Kuwait?"], is_speaker,
                      answered) == "what did Sheikh Sabah say"


def test_earlier_answers_are_looked_up_for_the_latest_who_questions_only():
    asked = []

    def answered(question):
        asked.append(question)
        return "Imran Khan"

    history = ["Who condemned the sanctions?", "what did he say about Iran?"] * 25
    assert standalone("what did he say about trade?", history, is_speaker, answered) == \
        "what did Imran Khan say about trade"
    assert asked == ["Who condemned the sanctions?"] * LOOKUPS  # the latest only


def test_a_who_questions_person_lasts_the_whole_chain():
    history = ["Who criticised Khan?", "what did he say about the army?", "what about trade?",
               "what about violence?", "what about the courts?", "what about the budget?"]
    answered = {"Who criticised Khan?": "Nawaz Sharif"}.get
    assert standalone("what did he say about taxes?", history, is_speaker, answered) == \
        "what did Nawaz Sharif say about taxes"
    # a pronoun after a who-question whose answer names no one is asked about, never the
    # person the who-question only named, whatever the pronoun
    for pronoun in ("he", "she", "they"):
        assert standalone(f"what did {pronoun} say?", ["Who criticised Khan?"], is_speaker,
                          lambda q: None) is None


def test_a_long_conversation_is_resolved_without_recursion():
    history = ["what did Khan say about sanctions", "and what about trade?"] * 1500
    assert standalone("what did he say about it?", history, is_speaker) == \
        "what did Khan say about trade"
