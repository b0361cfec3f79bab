import pytest

from qa.question import clean, parse


@pytest.mark.parametrize("text, speaker, topic", [
    ("what did Khan say about sanctions", "Khan", "sanctions"),
    ("What did Imran Khan say about Pakistan's economy?", "Imran Khan", "Pakistan's economy"),
    ("What has Trump said about immigration reform?", "Trump", "immigration reform"),
    ("what did Comey tell reporters about the emails", "Comey", "the emails"),
    ("Khan's comments on sanctions", "Khan", "sanctions"),
    ("what were Khan's remarks on trade?", "Khan", "trade"),
])
def test_speaker_topic_questions(text, speaker, topic):
    query = parse(text)
    assert (query.form, query.speaker, query.topic) == ("speaker_topic", speaker, topic)


def test_other_forms():
    assert parse("What did Rouhani say?").form == "speaker_all"
    assert (parse("who talked about the IMF").form, parse("who talked about the IMF").topic) == (
        "who_said", "the IMF")
    assert parse("How many Italians died?").form == "general"
    assert parse("what did the report published by the ministry of finance say about it").form \
        == "general"


def test_clean_bounds_and_flattens():
    assert clean("  a\n\tb\x00c  ", 100) == "a b c"
    assert len(clean("word " * 100_000, 2000)) <= 2000
    assert clean("", 10) == ""
