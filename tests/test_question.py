import pytest

from qa.question import clean, parse, who_is


@pytest.mark.parametrize("text, speaker, topic", [
    ("what did Khan say about sanctions", "Khan", "sanctions"),
    ("What did Imran Khan say about Pakistan's economy?", "Imran Khan", "Pakistan's economy"),
    ("What has Trump said about immigration reform?", "Trump", "immigration reform"),
    ("what did Comey tell reporters about the emails", "Comey", "the emails"),
    ("Khan's comments on sanctions", "Khan", "sanctions"),
    ("what were Khan's remarks on trade?", "Khan", "trade"),
    ("What has Khan been saying about sanctions?", "Khan", "sanctions"),
    ("What did Khan have to say about sanctions", "Khan", "sanctions"),
    ("What was Khan's position on sanctions?", "Khan", "sanctions"),
    ("what did Khan tell Rouhani on the phone about sanctions", "Khan", "sanctions"),
    ("What did Rouhani say on Tuesday about the IMF?", "Rouhani", "the IMF"),
    ("what did Khan tell the leader of Iran about sanctions", "Khan", "sanctions"),
    ("What did the Secretary of State say about Iran?", "the Secretary of State", "Iran"),
])
def test_speaker_topic_questions(text, speaker, topic):
    query = parse(text)
    assert (query.form, query.speaker, query.topic) == ("speaker_topic", speaker, topic)


def test_other_forms():
    assert parse("What did Rouhani say?").form == "speaker_all"
    assert (parse("who talked about the IMF").form, parse("who talked about the IMF").topic) == (
        "who_said", "the IMF")
    assert (parse("What did Rouhani say to Khan?").form,
            parse("What did Rouhani say to Khan?").speaker) == ("speaker_all", "Rouhani")
    assert parse("what did Khan tell reporters").speaker == "Khan"
    # whom the words were for: "what did Rouhani tell Conte" lists those to Conte first
    assert parse("What did Rouhani tell Conte?").addressee == "Conte"
    assert parse("What did Rouhani say to Khan?").addressee == "Khan"
    assert parse("What did Rouhani say?").addressee is None
    # "on" a day or a medium says when or how, not about what
    for asked, to in (("What did Rouhani tell Conte on the phone?", "Conte"),
                      ("what did Khan say to reporters on Monday", "reporters"),
                      ("What did Trump say on Twitter?", None)):
        assert (parse(asked).form, parse(asked).topic, parse(asked).addressee) == (
            "speaker_all", None, to)
    assert parse("What did Khan say on the economy?").topic == "the economy"
    for topical in ("the Monday talks", "May's policy", "the phone hacking scandal", "May"):
        assert parse(f"What did Khan say on {topical}?").topic == topical
    assert parse("What did Rouhani tell him?").addressee is None  # a pronoun names no one
    assert parse("What did Rouhani tell us?").addressee is None  # not the US
    for asked in ("What did Rouhani tell him on the phone?", "What did Khan say yesterday on "
                  "the phone?", "What did Rouhani say on Monday night?", "What did Rouhani "
                  "say on Wednesday, March 4?", "What did Musk say on X?"):
        assert (parse(asked).form, parse(asked).topic, parse(asked).addressee) == (
            "speaker_all", None, None)
    assert parse("What did Rouhani tell Conte on Monday night?").addressee == "Conte"
    assert parse("What's new on Conte's stance on sanctions?").form == "general"
    assert parse("What did Martin Greaves say in his letter?").form == "general"
    assert (parse("Who said what about sanctions?").form,
            parse("Who said what about sanctions?").topic) == ("who_said", "sanctions")
    assert parse("Who mentioned the coronavirus?").topic == "the coronavirus"
    assert parse("How many Italians died?").form == "general"
    # "X's stance on Y" inside a question is no speaker named X: "Who praised Pakistan"
    praised = parse("Who praised Pakistan's stance on US sanctions?")
    assert (praised.form, praised.speaker, praised.topic) == (
        "who_said", None, "Pakistan's stance on US sanctions")
    assert praised.verb == "praised" and parse("Who said what about sanctions?").verb == "said"
    assert parse("Which leader praised Pakistan's stance on sanctions?").form == "general"
    for asked in ("What's Conte's stance on sanctions?", "What’s Conte's stance on sanctions?"):
        assert (parse(asked).form, parse(asked).speaker) == ("speaker_topic", "Conte")
    assert parse("what did the report published by the ministry of finance say about it").form \
        == "general"


def test_clean_bounds_and_flattens():
    assert clean("  a\n\tb\x00c  ", 100) == "a b c"
    assert len(clean("word " * 100_000, 2000)) <= 2000
    assert clean("", 10) == ""


def test_acronyms_are_spelled_out_and_the_asked_topic_kept():
    from qa.question import expand, parse

    table = {"PHL": "Prairie Heritage League", "IMF": "International Monetary Fund"}
    query = expand(parse("What did Jones say about PHL colleagues at the IMF (the fund)?"),
                   table)
    assert query.topic == \
        "PHL (Prairie Heritage League) colleagues at the IMF (International Monetary Fund) (the fund)"
    assert query.asked_topic == "PHL colleagues at the IMF (the fund)"


def test_what_else_did_x_say_is_a_speaker_question():
    q = parse("what else did Khan say?")
    assert (q.form, q.speaker, q.topic) == ("speaker_all", "Khan", None)
    q = parse("What else did Rouhani say about the IMF?")
    assert (q.form, q.speaker, q.topic) == ("speaker_topic", "Rouhani", "the IMF")


def test_tell_z_about_y_keeps_z():
    q = parse("What did Rouhani tell Conte about the coronavirus?")
    assert (q.form, q.speaker, q.topic, q.addressee) == (
        "speaker_topic", "Rouhani", "the coronavirus", "Conte")
    assert parse("What did Rouhani say to Conte about the US?").addressee == "Conte"
    assert parse("What did Rouhani tell him about the US?").addressee is None
    assert parse("What did Rouhani say yesterday about the US?").addressee is None
    assert parse("How did Hobson argue to rid the world of imperialism?").addressee is None
    assert parse("What did Rouhani tell reporters about trade?").addressee == "reporters"


def test_who_is_a_name():
    assert who_is("Who is Imran Khan?") == "Imran Khan"
    assert who_is("who was Giuseppe Conte") == "Giuseppe Conte"
    assert who_is("Who's Conte?") == who_is("who is Mr. Conte?") == "Conte"
    assert who_is("WHO IS IMRAN KHAN?") == "IMRAN KHAN"
    assert who_is("Who is President Rouhani?") == "Rouhani"  # the role is not the name
    assert who_is("Who is Stephen King?") == "Stephen King"
    assert who_is("Who is de Klerk?") == "de Klerk"
    assert who_is("who is ahmed raza") == "ahmed raza"
    for question in ["Who is the Italian Prime Minister?", "Who is leading the talks?",
                     "Who did Rouhani call?", "Who is Kuwait's Emir?", "Who is he?",
                     "Who is responsible for the sanctions?", "Who is president?",
                     "Who was arrested?", "who was injured"]:
        assert who_is(question) is None, question


def test_tell_z_then_a_time_is_z():
    assert parse("What did Rouhani tell Conte yesterday about the virus?").addressee == "Conte"
    assert parse("What did Rouhani tell Conte on Monday?").addressee == "Conte"
    assert parse("What did Sunak tell the First Minister?").addressee == "the First Minister"
    assert parse("What did Rouhani tell Conte first?").addressee == "Conte"
