from qa.answertype import candidates, expected, holds, other_year


def test_a_sentence_about_another_year_than_the_asked_one():
    asked = "Who won the 2021 Tour de France?"
    assert other_year("Egan Bernal won the 2019 Tour de France on Sunday.", asked)
    assert not other_year("Tadej Pogacar won the 2021 Tour, as he had in 2020.", asked)
    assert not other_year("Pogacar won the Tour de France.", asked)  # no year: no clash
    assert not other_year("Bernal won in 2019.", "Who won the Tour de France?")


def test_a_day_of_a_month_is_the_specific_date():
    from qa.answertype import specific

    assert specific("date", "It was released on July 21, 2017, in Japan.")
    assert specific("date", "Splatoon 2 is coming to Switch on 21st July.")
    assert specific("date", "Filed 2017-07-21.") and specific("date", "Filed 7/21/2017.")
    assert specific("date", "RELEASED JULY 21, 2017")
    assert not specific("date", "Splatoon 2 release date slated for July ...")
    assert not specific("date", "Diablo 3 was released May 2012.")  # a month, no day
    assert not specific("person", "It was released on July 21, 2017.")  # no one named
    for text in ("Officials said 12 may have died.", "They march 10 miles a day.",
                 "The store is open 24/7/365."):
        assert not specific("date", text), text


def test_numbers_and_names_the_question_gives_are_no_answer():
    asked = "What was Tesla's revenue in Q2 2020?"
    assert expected(asked) == "number"
    assert not holds("number", "Tesla revenue in Q2 2020 beat forecasts.", asked)
    assert holds("number", "Revenue in Q2 2020 was $6.04 billion.", asked)
    assert candidates("number", "In 2019 it sold 3 cars.", "How many cars did it sell?") == {"3"}
    assert candidates("person", "On Monday in July, Paris met the Burrows.", "Who won?") == {
        "paris", "burrows"}  # a place is still a name here, a weekday or month is not
    assert candidates("person", "Theresa May said on Monday.", "Who won?") == {"theresa may"}
    # A year is an amount when a sentence is typed, not when articles agree on amounts.
    troops = "How many troops did the Pentagon send?"
    assert holds("number", "The Pentagon sent 2000 troops.", troops)
    assert candidates("number", "The Pentagon sent 2000 troops.", troops) == set()


def test_a_dateline_says_when_it_was_written_not_what_was_asked():
    from qa.answertype import body, specific

    asked = "When was Breath of the Wild released?"
    dated = "Sep 13, 2022 ... A sequel to Breath of the Wild has been revealed!"
    assert body(dated) == "A sequel to Breath of the Wild has been revealed!"
    assert not holds("date", dated, asked) and not specific("date", dated)
    assert candidates("date", dated, asked) == set()
    assert holds("date", "Mar 3, 2017 ... It was released on March 3, 2017.", asked)
    assert candidates("date", "Mar 3, 2017 ... It came out on March 3.", asked) == {"mar 3"}
    assert body("3 days ago ... Here is the date.") == "Here is the date."
    # a date before a dash opens a timeline's entry: it is the entry's date, and stays
    timeline = "March 11, 2020 - The WHO declares COVID-19 a pandemic."
    assert body(timeline) == timeline and specific("date", timeline)
    assert holds("date", "May 3 2020 was the release date.", asked)
    # a dateline's year is not what the passage is about
    assert other_year("Jul 7, 2020 ... Shibuno won the 2019 Women's Open.", "Who won in 2020?")


def test_a_name_the_question_gives_in_another_inflection_is_no_answer():
    asked = "Which city hosted the olympic games in 2004?"
    assert candidates("place", "The Olympics cost Athens dearly.", asked) == {"athens"}
    assert not holds("place", "The costs of hosting the Olympics have skyrocketed.", asked)


def test_a_who_question_prefers_people_named_in_full():
    from qa.answertype import specific

    who = "Who is the Maxwell Award winner in 2019?"
    listing = "Maxwell Award Recipients · 2020 - DeVonta Smith · 2019 - Joe Burrow, LSU"
    announced = ("The winner of the 2019 Maxwell Award will be announced at the Home Depot "
                 "College Football Awards.")
    # both hold capitalised words the question lacks; only one names a person in full
    assert holds("person", listing, who) and holds("person", announced, who)
    assert specific("person", listing, who) and not specific("person", announced, who)
    # the people are the candidates where a sentence names any, not "Maxwell Award
    # Recipients" (the question's own award) or "LSU"; other capitalised words otherwise
    assert candidates("person", listing, who) == {"joe burrow"}
    assert candidates("person", announced, who) == {"home depot college football awards"}
    # two articles that agree on a person agree on them, not on "Oscar"
    oscars = "Who won best director at the 2021 Oscars?"
    assert candidates("person", "Chloe Zhao won the Oscar for Nomadland.", oscars) == {
        "chloe zhao"}
    # a person the question names is no answer
    assert not specific("person", "Joe Burrow won it.", "What did Joe Burrow win?")
