"""Word normalisation shared by BM25 and the answer step."""

from qa.lexical import BM25Index, terms


def test_an_irregular_verb_meets_its_other_forms():
    assert terms("Who won the Masters?") == terms("Matsuyama wins the Masters")[1:]
    assert terms("The novel was written in 1920") == terms("novel writes 1920")
    bm25 = BM25Index(["Matsuyama wins the Masters", "Rain delays the golf"])
    assert bm25.scores("who won the masters")[0] > 0
    # words that are other words too keep their own stem: "left" is no "leave"
    assert "left" in terms("She left") and "leav" not in terms("She left")
    assert terms("a booster shot") == terms("booster shots")  # a noun, not "shoot"
    assert terms("the Met Gala")[0] == terms("the Mets")[0]  # a name, not "meet"
