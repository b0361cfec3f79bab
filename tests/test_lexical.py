"""Word normalisation shared by BM25 and the answer step."""

from qa.lexical import BM25Index, holds_together, name_phrases, terms


def test_an_irregular_verb_meets_its_other_forms():
    assert terms("Who won the Masters?") == terms("Matsuyama wins the Masters")[1:]
    assert terms("The novel was written in 1920") == terms("novel writes 1920")
    bm25 = BM25Index(["Matsuyama wins the Masters", "Rain delays the golf"])
    assert bm25.scores("who won the masters")[0] > 0
    # words that are other words too keep their own stem: "left" is no "leave"
    assert "left" in terms("She left") and "leav" not in terms("She left")
    assert terms("a booster shot") == terms("booster shots")  # a noun, not "shoot"
    assert terms("the Met Gala")[0] == terms("the Mets")[0]  # a name, not "meet"


def test_a_place_s_people_and_adjective_meet_the_place():
    assert terms("European countries")[0] == terms("Europe")[0]
    assert terms("Iranians") == terms("Iran") == terms("Iranian")
    assert terms("Pakistanis") == terms("Pakistan")
    assert terms("Chinese") == terms("China") and terms("Germans") == terms("Germany")
    bm25 = BM25Index(["We expect European countries to act", "Rain delays the golf"])
    assert bm25.scores("what about Europe")[0] > 0
    # adjectives that are other words too stay themselves: "polish" the verb, no Poland
    assert terms("polish") != terms("Poland") and terms("English") == ["english"]


def test_a_question_names_things_in_runs_of_capitalised_words():
    assert name_phrases("Who won the Halden Medal in 2019?") == [("halden", "medal")]
    assert name_phrases("Who starred in The Tide of Glass?") == [("tide", "glass")]
    # a word capitalised because it opens the question is no part of a name; one word is
    # no run
    assert name_phrases("Which film won at the Oscars?") == []
    assert name_phrases("Where did Khan speak?") == []
    assert name_phrases("Has Kira Dane won?") == [("kira", "dane")]
    assert name_phrases("Whose Halden Medal was it?") == [("halden", "medal")]
    assert name_phrases("Kira Dane said what?") == [("kira", "dane")]
    # "and", "in" and "the" part two names
    assert name_phrases("Did Kira Dane and Ivo Marsh meet?") == [("kira", "dane"), ("ivo", "marsh")]
    assert name_phrases("Who met Kira Dane in May?") == [("kira", "dane")]
    assert name_phrases("Was Ivo Marsh the Port Master?") == [("ivo", "marsh"), ("port", "master")]


def test_a_name_holds_together_when_its_words_come_in_a_row():
    medal = ("halden", "medal")
    assert holds_together(tuple(terms("Kira Dane wins the Halden Medal")), medal)
    assert holds_together(tuple(terms("Dane takes the Gold, Brook and Halden medals")), medal)
    assert not holds_together(tuple(terms("Medals for 2019: Nora Halden, Ivo Marsh")), medal)
