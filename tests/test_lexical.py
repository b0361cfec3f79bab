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


def test_a_question_names_things_in_runs_of_capitalised_words():
    assert name_phrases("Who is the Maxwell Award winner in 2019?") == [("maxwel", "award")]
    assert name_phrases("Who starred in The Shape of Water?") == [("shape", "water")]
    # the question's first word is capitalised as any sentence opens; one word is no run
    assert name_phrases("Which movie won at the Oscars?") == []
    assert name_phrases("Where did Khan speak?") == []


def test_a_name_holds_together_when_its_words_come_in_a_row():
    maxwell = ("maxwel", "award")
    assert holds_together(tuple(terms("Joe Burrow wins the Maxwell Award")), maxwell)
    assert holds_together(tuple(terms("Camp, O'Brien and Maxwell awards")), maxwell)
    assert not holds_together(tuple(terms("CFDA Awards winners: Brandon Maxwell")), maxwell)
