"""Answer kinds: what a question asks for, and whether a sentence holds it. The examples
are invented (the evaluation sets stay outside the repository)."""

from qa.answertype import (
    body,
    candidates,
    describes,
    expected,
    holds,
    other_year,
    specific,
)


def test_a_sentence_about_another_year_than_the_asked_one():
    asked = "Who won the 2021 Tour of Norland?"
    assert other_year("Ivo Marsh won the 2019 Tour of Norland on Sunday.", asked)
    assert not other_year("Teo Lund won the 2021 Tour, as he had in 2020.", asked)
    assert not other_year("Lund won the Tour of Norland.", asked)  # no year: no clash
    assert not other_year("Marsh won in 2019.", "Who won the Tour of Norland?")


def test_a_day_of_a_month_is_the_specific_date():
    asked = "When was Starfall 2 released?"
    assert specific("date", "It came out on July 21, 2017, in Norway.", asked)
    assert specific("date", "Starfall 2 reaches the Switch on 21st July.", asked)
    assert specific("date", "Filed 2017-07-21.", asked) and specific("date", "Filed 7/21/2017.", asked)
    assert specific("date", "RELEASED JULY 21, 2017", asked)
    assert not specific("date", "Starfall 2 is due some time in July ...", asked)
    assert not specific("date", "Starfall 3 came out in May 2012.", asked)  # a month, no day
    assert not specific("person", "It came out on July 21, 2017.", asked)  # no one named
    for text in ("Officials said 12 may have died.", "They march 10 miles a day.",
                 "The store is open 24/7/365."):
        assert not specific("date", text, asked), text


def test_numbers_and_names_the_question_gives_are_no_answer():
    asked = "What was Lumora's revenue in Q2 2020?"
    assert expected(asked) == "number"
    assert not holds("number", "Lumora revenue in Q2 2020 beat forecasts.", asked)
    assert holds("number", "Revenue in Q2 2020 was $6.04 billion.", asked)
    assert candidates("number", "In 2019 it sold 3 cars.", "How many cars did it sell?") == {"3"}
    assert candidates("place", "On Monday in July, Paris met the Lunds.", "Where?") == {
        "paris", "lunds"}  # a weekday or month is no name
    assert candidates("person", "Theresa May said on Monday.", "Who won?") == {"theresa may"}
    # A year is an amount when a sentence is typed, not when articles agree on amounts.
    troops = "How many troops did the ministry send?"
    assert holds("number", "The ministry sent 2000 troops.", troops)
    assert candidates("number", "The ministry sent 2000 troops.", troops) == set()


def test_a_dateline_says_when_it_was_written_not_what_was_asked():
    asked = "When was Harbor Lights released?"
    dated = "Sep 13, 2022 ... A sequel to Harbor Lights was shown on stage!"
    assert body(dated) == "A sequel to Harbor Lights was shown on stage!"
    assert not holds("date", dated, asked) and not specific("date", dated, asked)
    assert candidates("date", dated, asked) == set()
    assert holds("date", "Mar 3, 2017 ... It came out on March 3, 2017.", asked)
    assert candidates("date", "Mar 3, 2017 ... It came out on March 3.", asked) == {"mar 3"}
    assert body("3 days ago ... Here is the date.") == "Here is the date."
    # a date before a dash opens a timeline's entry: it is the entry's date, and stays
    timeline = "March 11, 2020 - The agency declares an emergency."
    assert body(timeline) == timeline and specific("date", timeline, asked)
    assert holds("date", "May 3 2020 was the release date.", asked)
    # a dateline's year is not what the passage is about
    assert other_year("Jul 7, 2020 ... Ana Ruiz won the 2019 Coastal Open.", "Who won in 2020?")


def test_a_name_the_question_gives_in_another_inflection_is_no_answer():
    asked = "Which city staged the olympic games of 2004?"
    assert candidates("place", "The Olympics cost Athens dearly.", asked) == {"athens"}
    assert not holds("place", "The bill for the Olympics keeps growing.", asked)


def test_a_who_question_prefers_people_named_in_full():
    who = "Who won the Halden Medal in 2019?"
    listing = "Halden Medal winners · 2020 - Kira Dane · 2019 - Oscar Lindholm, Aalto Tech"
    announced = "The 2019 Halden Medal will be handed out at the Northgate Science Gala."
    # both hold capitalised words the question lacks; only one names a person in full
    assert holds("person", listing, who) and holds("person", announced, who)
    assert specific("person", listing, who) and not specific("person", announced, who)
    # where a sentence names people, they are its candidates: not "Halden Medal winners"
    # (the question's own medal) or "Aalto Tech"; other capitalised words otherwise
    assert candidates("person", listing, who) == {"kira dane", "oscar lindholm"}
    assert candidates("person", announced, who) == {"northgate science gala"}
    # a person the question names is no answer, by first name or by surname
    assert not specific("person", "Kira Dane won it.", "What did Kira Dane win?")
    assert not specific("person", "President Kira Dane spoke.", "Whom did Dane meet?")


def test_a_sentence_describes_a_name_with_a_role_before_it_or_an_apposition_after_it():
    titled = ("Tehran (IP) - Iran's President Hassan Rouhani and Pakistani Prime Minister Imran"
              " Khan called for closer ties.")
    assert describes(titled, "Imran Khan") and describes(titled, "Hassan Rouhani")
    assert describes(titled, "Khan") and describes(titled, "khan")
    assert describes("President Rouhani made the remarks.", "Rouhani")
    assert describes("They met Khan, the prime minister of Pakistan, on Monday.", "Khan")
    assert describes("Conte, Italy's prime minister, said so.", "Conte")
    for sentence, name in [("Khan's lawyer, Babar Awan, said the case was weak.", "Babar Awan"),
                           ("Maria Lopez is a housing activist in Madrid.", "Lopez"),
                           ("Ahmed Ali, 45, a teacher from Karachi, said it.", "Ahmed Ali"),
                           ("Bilal Shah, who runs a tea stall, said it.", "Bilal Shah"),
                           ("The president named Joseph Kamau as ambassador.", "Joseph Kamau"),
                           ("Opposition politician Fatima Bhutto said so.", "Fatima Bhutto"),
                           ("Sharif appointed Ishaq Dar as finance minister.", "Ishaq Dar"),
                           ("The finance minister, Ishaq Dar, said so.", "Ishaq Dar"),
                           ("Kenya's opposition leader, Raila Odinga, said it.", "Odinga"),
                           ("Sadiq Khan, mayor of London, said it.", "Sadiq Khan"),
                           ("Nadia Hussain had been named the new central bank governor.",
                            "Nadia Hussain"),
                           ("After the talks, his lawyer, Babar Awan, said.", "Babar Awan"),
                           ("On Monday, the finance minister, Ishaq Dar, said it.", "Dar")]:
        assert describes(sentence, name), sentence
    # naming is not describing
    for sentence in ["Imran Khan also condemned the sanctions.",
                     "Meanwhile Khan said it would pass.", "Rouhani met Imran Khan on Monday.",
                     "In Islamabad Khan said the talks went well.", "According to Mr. Khan it did.",
                     "After meeting Khan, the delegation flew home.",
                     "Unlike Khan, the opposition leader Shehbaz Sharif backed the sanctions.",
                     "Khanum Ali spoke first.", "Pakistan Backs Imran Khan On Trade",
                     "Lahore will host Khan's final rally on Sunday.",
                     "After talks with Khan, the minister said, Kenya would reopen the port.",
                     "Guests included Khan, the Emir of Qatar, and several ambassadors.",
                     "Khan as well as Sharif attended.", "Khan was the first to arrive.",
                     "The crowd cheered Khan as the former captain walked out.",
                     "Raila Odinga, the opposition leader, Khan, and others came.",
                     "Khan appointed a new army chief on Monday.", "Khan named Dar minister.",
                     "Police escorted Khan as his lawyer read a statement.",
                     "Khan as Senator Cruz watched.",
                     "Guests included Khan, Governor Sakaja, Musalia Mudavadi and Ruto."]:
        assert not describes(sentence, "Khan"), sentence
    # a role that ends before a comma is someone else's
    assert not describes("A call with Italian Prime Minister Giuseppe Conte, Rouhani said.",
                         "Rouhani")
    assert not describes("Iran asked for an International Monetary Fund loan.", "Fund")

