"""'Who is the <role>?': the asked role, and which sentences name who holds it (pure text)."""

import pytest

from qa.roles import asked_role, holder


def held(question, sentence):
    role = asked_role(question)
    assert role is not None, question
    return holder(sentence, role)


def test_the_role_and_its_owner_are_read_from_the_question():
    role = asked_role("Who is the Emir of Kuwait?")
    assert (role.words, role.owner, role.past) == (("emir",), ("kuwait",), False)
    assert asked_role("Who is Kuwait's Emir?").owner == ("kuwait",)
    assert asked_role("Who was the CEO of Nintendo in 2021?").past
    assert asked_role("Who is the chief executive officer of Tesla?").words == ("ceo",)
    # what the answerer adds to an acronym is not part of the role
    assert asked_role("Who is the CEO (Chief Executive Officer) of Tesla?").words == ("ceo",)
    # names, not common words, are the owner a sentence must give
    assert asked_role("Who is the director of the Avatar movie?").owner == ("avatar",)


@pytest.mark.parametrize("question", [
    "Who is Imran Khan?", "Who is the oldest quarterback to play in a Super Bowl?",
    "Who is the Costa Rican President that went to Harvard?", "Who won the 2012 Heisman?",
    "Who is the Heisman Trophy winner in 2012?", "What is the Prime Minister's name?",
])
def test_questions_that_ask_for_no_office_holder(question):
    assert asked_role(question) is None


@pytest.mark.parametrize("question, sentence, name", [
    ("Who is the Italian Prime Minister?", "In a separate telephone conversation with Italian"
     " Prime Minister Giuseppe Conte, Rouhani expressed sympathy.", "Giuseppe Conte"),
    ("Who is the Emir of Kuwait?", "Rouhani spoke with Kuwait’s Emir Sheikh Sabah al-Ahmad"
     " al-Jaber al-Sabah on Monday.", "Sheikh Sabah al-Ahmad al-Jaber al-Sabah"),
    ("Who is the President of Iran?", "Tehran (IP) - Iran's President Hassan Rouhani and"
     " Pakistani Prime Minister Imran Khan called for talks.", "Hassan Rouhani"),
    ("Who is the Prime Minister of Israel?", "He is a friend of Israeli Prime Minister"
     " Benjamin Netanyahu.", "Benjamin Netanyahu"),
    ("Who is the Prime Minister of Italy?", "He called Italian Prime Minister Giuseppe Conte.",
     "Giuseppe Conte"),
    ("Who is the president of France?", "French President Emmanuel Macron said so.",
     "Emmanuel Macron"),
    ("Who is the CEO of Lego?", "It was a sunny afternoon in the office of Niels B."
     " Christiansen, CEO of the LEGO Group.", "Niels B. Christiansen"),
    ("Who is the CEO of Apple?", "Tim Cook is Apple's CEO and a member of its leadership.",
     "Tim Cook"),
    ("Who is the new CEO of Fidelity Investments?", "In 2014, Abigail Johnson became"
     " president and CEO of Fidelity Investments (FMR).", "Abigail Johnson"),
    ("Who is the president of FIFA?", "Gianni Infantino has been re-elected as president of"
     " FIFA for four more years.", "Gianni Infantino"),
    ("Who is the British Prime Minister?", "Trump said the British prime minister, David"
     " Cameron, had called him divisive.", "David Cameron"),
    ("Who is the director of the Silent Hill movie?", "Silent Hill movie director Christophe"
     " Gans is returning.", "Christophe Gans"),
    ("Who is the first administrator of the Federal Energy Office?", "In 1973, Nixon named"
     " William E. Simon as the first Administrator of the Federal Energy Office.",
     "William E. Simon"),
    ("Who was the CEO of Nintendo?", "Satoru Iwata was the president and CEO of Nintendo.",
     "Satoru Iwata"),
    ("Who is the chair of the IPCC?", "Hoesung Lee, the chairwoman of the IPCC, spoke.",
     "Hoesung Lee"),
])
def test_a_sentence_names_who_holds_the_role(question, sentence, name):
    assert held(question, sentence) == name


@pytest.mark.parametrize("question, sentence", [
    # a former, deputy or vice holder; someone related to the holder
    ("Who is the President?", "The former U.S. President Joe Biden spoke on Monday."),
    ("Who is the finance minister?", "Deputy Finance Minister Ali Pervaiz said so."),
    ("Who is the President?", "Senior Advisor to the President Jared Kushner flew to Riyadh."),
    ("Who is the prime minister?", "The envoy to Prime Minister Imran Khan said."),
    ("Who is the prime minister?", "The widow of Prime Minister Rajiv Gandhi said."),
    # the role beside no name, or beside a name that is not in apposition
    ("Who is the Emir of Kuwait?", "Appreciating efforts made by Kuwait’s Emir in order to"
     " stabilize the region, Rouhani said."),
    ("Who is the Prime Minister?", "After meeting Joe Biden, the Prime Minister said so."),
    ("Who is the Prime Minister?", "After meeting the Prime Minister, Joe Biden said so."),
    ("Who is the President?", "The President's Office said so."),
    ("Who is the President of Iran?", "The President of Iran and the Prime Minister of"
     " Pakistan also condemned any prejudice."),
    # another role, another owner, another time, a headline
    ("Who is the first administrator of the Federal Energy Office?", "In 1973, Nixon named"
     " William E. Simon as the second Administrator of the Federal Energy Office."),
    ("Who is the CEO of Tesla?", "Mark Zuckerberg, Founder, Chairman and Chief Executive"
     " Officer ..."),
    ("Who is the president of the NFL?", "The board re-elected JC Tretter as president of"
     " the NFL Players Association."),
    ("Who is the CEO of Nintendo?", "Satoru Iwata was the president and CEO of Nintendo."),
    ("Who is the director of Bohemian Rhapsody?", "'Bohemian Rhapsody' Director Dexter"
     " Fletcher On The Pressure Of Replacing Bryan Singer"),
    ("Who is the president of France?", "The French president expressed his condolences."),
])
def test_a_sentence_that_names_no_holder(question, sentence):
    assert held(question, sentence) is None


def test_a_long_sentence_is_read_in_one_pass():
    role = asked_role("Who is the Prime Minister?")
    sentence = "The Prime Minister, " * 2000 + "said so."
    assert holder(sentence, role) is None
