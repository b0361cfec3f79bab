"""How a general answer's sentences are found and ranked: answers that several articles agree
on rise above one article's lone claim; a sentence that only says the question back sinks;
an archive of short snippets is read further than one of full articles."""

import re

import pytest

import qa.answer as answer
import qa.scoring as scoring
from qa import answertype
from qa.answertype import candidates
from qa.types import Sentence
from tests.conftest import NoSpeakers, small_archive

ARTICLES = {
    "review.txt": "Splatoon 2 review\n\n"
                  "Splatoon 2 came out on July 21, 2017, for the Nintendo Switch.\n",
    "sales.txt": "Switch sales climb\n\n"
                 "Nintendo sold more consoles after Splatoon 2 arrived in shops on 21 July.\n",
    "launch.txt": "Splatoon 2 launch\n\n"
                  "Splatoon 2 was launched on June 2, 2017, an early report claimed.\n",
    "tesla.txt": "Tesla Q2 2020 revenue\n\nTesla revenue in Q2 2020 beat forecasts.\n\n"
                 "Revenue in Q2 2020 was $6.04 billion, the carmaker reported.\n",
}


def test_one_answer_written_two_ways_is_one_candidate():
    asked = "When was Splatoon 2 released?"
    assert candidates("date", "It came out on July 21, 2017.", asked) == {"jul 21"}
    assert candidates("date", "It arrived on 21st July.", asked) == {"jul 21"}
    assert candidates("date", "Slated for July.", asked) == set()  # no day: nothing to agree on
    who = "Who won the Maxwell Award in 2019?"
    assert candidates("person", "Joe Burrow won the Maxwell Award.", who) == {"joe burrow"}
    assert candidates("person", "The Maxwell Award went to Joe Burrow.", who) == {"joe burrow"}
    assert candidates("number", "Revenue was $6.04 billion in 2020.",
                      "What was the revenue in 2020?") == {"$6.04 billion"}


def _scored(path, text, score):
    return scoring.Scored(Sentence(0, path, 1, 0, 1, len(text), text), score, score, 0.0)


def test_agreement_raises_the_score_and_the_lone_claim_keeps_its_own():
    scored = [_scored("a.txt", "It came out on July 21, 2017.", 1.0),
              _scored("b.txt", "It reached shops on 21 July.", 0.9),
              _scored("c.txt", "It launched on June 2, 2017.", 1.05)]
    raised = scoring.corroborated(scored, "date", "When was it released?")
    assert [round(r.agreed, 3) for r in raised] == [scoring.CORROBORATION_BONUS] * 2 + [
        round(scoring.CORROBORATION_BONUS / 2, 3)]
    assert [r.own for r in raised] == pytest.approx([s.score for s in scored])
    assert scoring.corroborated(scored, None, "Why was it late?") == scored  # no kind asked
    # one article alone agrees with nobody: nothing changes
    assert scoring.corroborated(scored[:1], "date", "When was it released?") == scored[:1]


@pytest.fixture(scope="module")
def service(tmp_path_factory, real_embedder):
    return small_archive(tmp_path_factory.mktemp("ranking"), real_embedder, ARTICLES,
                         open_with=real_embedder)


@pytest.mark.integration
def test_the_date_two_articles_give_is_quoted_and_the_lone_one_is_not(service, monkeypatch):
    question = "When was Splatoon 2 released?"
    agreed = service.ask(question)
    assert agreed.found and agreed.citations[0].quote.startswith("Splatoon 2 came out on July 21")
    assert not any("June 2" in c.quote for c in agreed.citations)
    # Without the agreement the lone claim scores close enough to be quoted beside it.
    monkeypatch.setattr(scoring, "CORROBORATION_BONUS", 0.0)
    alone = service.ask(question)
    assert any("June 2" in c.quote for c in alone.citations)


@pytest.mark.integration
def test_a_headline_that_only_says_the_question_back_is_not_the_answer(service, monkeypatch):
    question = "What was Tesla's revenue in Q2 2020?"
    first = service.ask(question).citations[0].quote
    assert "$6.04 billion" in first  # the headline has no word of its own: it answers nothing
    monkeypatch.setattr(scoring, "ECHO_PENALTY", 0.0)
    assert service.ask(question).citations[0].quote == "Tesla Q2 2020 revenue"


SNIPPETS = [  # search-result snippets: one short article each, the answer among the later ones
    "Pixel 6 announced, and Pixel 5 discounted.", "The Pixel 6 Pro was announced too.",
    "Google announced the Pixel 6 and Pixel 6 Pro.",
    "Pixel 6 pre-orders opened after it was announced.",
    "Everything Google announced about the Pixel 6 camera.",
    "Google Pixel 6 was unveiled at an event on October 19, 2021.",
    "The Pixel 6 was announced with a new Tensor chip, reviewers said.",
    "Google Pixel 6 announced: what we know so far.",
    "Pixel 6 announcement: Google shows off its new phone.",
    "Samsung announced the Galaxy S21 in January.",
]


@pytest.mark.integration
def test_an_archive_of_snippets_is_read_past_the_first_five(tmp_path, real_embedder, monkeypatch):
    service = small_archive(tmp_path, real_embedder,
                            {f"s{i}.txt": text + "\n" for i, text in enumerate(SNIPPETS)},
                            open_with=real_embedder)
    top_k = service.settings.top_k
    question = "When was Pixel 6 announced?"
    ranked = [h.chunk.text for h in service.search(question, 10)]
    assert ranked.index(SNIPPETS[5]) >= top_k  # retrieved, but not among the top 5
    read = service.answerer.reading(question, real_embedder.embed([question], kind="query")[0])
    assert top_k < len(read) <= answer.READ_MORE * top_k
    assert any("October 19, 2021" in c.quote for c in service.ask(question).citations)
    # Reading only the first five chunks, as for full-length articles, misses it.
    monkeypatch.setattr(answer, "READ_MORE", 1)
    assert not any("October 19, 2021" in c.quote for c in service.ask(question).citations)


@pytest.mark.parametrize(("words", "expected"), [(130, 5), (10, 15)])
def test_short_chunks_are_read_until_they_hold_top_k_full_chunks_of_words(
        tmp_path, fake_embedder, words, expected):
    bodies = {f"a{i:02}.txt": "Pixel " + " ".join(f"w{i}x{j}" for j in range(words - 1)) + ".\n"
              for i in range(20)}
    service = small_archive(tmp_path, fake_embedder, bodies, open_with=fake_embedder,
                            extractor=NoSpeakers())
    read = service.answerer.reading("Pixel", fake_embedder.embed(["Pixel"], kind="query")[0])
    assert len(read) == expected  # 5 full chunks; 15 (3 x 5) of ten words, the most it reads


@pytest.mark.integration
def test_a_sentence_opening_with_a_pronoun_is_read_with_the_one_before(
        tmp_path, real_embedder, monkeypatch):
    service = small_archive(tmp_path, real_embedder, {
        "wiki.txt": "Moonfall Raiders is a strategy game developed by Lantern Works for "
                    "the Switch. It was released on March 8, 2019, in Europe and Japan.\n",
        "preview.txt": "Lantern Works showed Moonfall Raiders at a fair in the spring.\n",
        "other.txt": "Starfall Tactics\n\nStarfall Tactics was sold again in 2020. "
                      "This year Lantern Works plans a sequel for June 5, 2025.\n"
                      "It sold poorly in Japan. Its sequel was released on June 5, 2025.\n",
    }, open_with=real_embedder)
    question = "When was Moonfall Raiders released?"
    assert "March 8, 2019" in service.ask(question).citations[0].quote
    sentences = {s.text: s for s in service.answerer.data.sentences}
    before = service.answerer.scorer.before
    assert before(sentences["It was released on March 8, 2019, in Europe and Japan."]).text \
        .startswith("Moonfall Raiders is a strategy game")
    # only a pronoun, only in its paragraph: not a determiner, not across lines or articles
    assert before(sentences["This year Lantern Works plans a sequel for June 5, 2025."]) is None
    assert before(sentences["It sold poorly in Japan."]) is None
    assert before(sentences["Its sequel was released on June 5, 2025."]) is None
    # read alone, "It was released on March 8" shares one word with the question
    monkeypatch.setattr(scoring, "PRONOUN_START", re.compile(r"(?!)"))
    alone = service.ask(question)  # refused, or another sentence first
    assert not alone.found or "March 8, 2019" not in alone.citations[0].quote


NOBEL = {  # the first is closest to the question, but names no one
    "awarded.txt": "The Nobel Prize in Literature for 2019 is awarded to the Austrian author ...\n",
    "laureates.txt": "The Nobel Prize in Literature 2019 · Peter Handke · Nobel Prizes and "
                     "laureates ...\n",
    "novels.txt": "Peter Handke's novels are read across Europe.\n",
}


@pytest.mark.integration
def test_a_who_answer_is_a_person_named_in_full(tmp_path, real_embedder, monkeypatch):
    service = small_archive(tmp_path, real_embedder, NOBEL, open_with=real_embedder)
    question = "Who was awarded the 2019 Nobel Prize in Literature?"
    first = service.ask(question).citations[0].quote
    assert "Peter Handke" in first
    # Counting any capitalised word as a person ("Austrian"), the other sentence leads.
    monkeypatch.setattr(answertype, "_people", lambda sentence, question: set())
    assert "Peter Handke" not in service.ask(question).citations[0].quote


MAXWELL = {
    "cfda.txt": "2019 CFDA Awards winners: Brandon Maxwell and Rick Owens take top honors.\n",
    "burrow.txt": "The 2019 Maxwell Award winner is the LSU quarterback Joe Burrow.\n",
    "lsu.txt": "LSU beat Clemson in the 2019 title game.\n",
    "owens.txt": "Rick Owens showed in Paris in 2019.\n",
}


@pytest.mark.integration
def test_a_name_of_the_question_is_read_as_one(tmp_path, real_embedder, monkeypatch):
    service = small_archive(tmp_path, real_embedder, MAXWELL, open_with=real_embedder)
    question = "Who is the Maxwell Award winner in 2019?"
    assert "Joe Burrow" in service.ask(question).citations[0].quote
    # "Awards" and "Maxwell" apart, in a fashion award's news, count as much without it.
    monkeypatch.setattr(scoring, "APART_WEIGHT", 0.0)
    assert "Brandon Maxwell" in service.ask(question).citations[0].quote
