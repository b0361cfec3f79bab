from qa.answertype import other_year


def test_a_sentence_about_another_year_than_the_asked_one():
    asked = "Who won the 2021 Tour de France?"
    assert other_year("Egan Bernal won the 2019 Tour de France on Sunday.", asked)
    assert not other_year("Tadej Pogacar won the 2021 Tour, as he had in 2020.", asked)
    assert not other_year("Pogacar won the Tour de France.", asked)  # no year: no clash
    assert not other_year("Bernal won in 2019.", "Who won the Tour de France?")
