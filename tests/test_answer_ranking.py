"""How a general answer's sentences are found and ranked: answers that several articles agree
on rise above one article's lone claim; a sentence that only says the question back sinks;
an archive of short snippets is read further than one of full articles."""

import re

import pytest

import qa.answer as answer
import qa.scoring as scoring
from qa import answertype
from qa.answertype import candidates
from qa.lexical import name_phrases, terms
from qa.types import Sentence
from tests.conftest import NoSpeakers, small_archive

ARTICLES = {
    "review.txt": "Starfall 2 review\n\n"
                  "Starfall 2 came out on July 21, 2017, for the Nintendo Switch.\n",
    "sales.txt": "Switch sales climb\n\n"
                 "Nintendo sold more consoles after Starfall 2 arrived in shops on 21 July.\n",
    "launch.txt": "Starfall 2 launch\n\n"
                  "Starfall 2 was launched on June 2, 2017, an early report claimed.\n",
    "lumora.txt": "Lumora Q2 2020 revenue\n\nLumora revenue in Q2 2020 beat forecasts.\n\n"
                  "Revenue in Q2 2020 was $6.04 billion, the carmaker reported.\n",
}


def test_one_answer_written_two_ways_is_one_candidate():
    asked = "When was Starfall 2 released?"
    assert candidates("date", "It came out on July 21, 2017.", asked) == {"jul 21"}
    assert candidates("date", "It arrived on 21st July.", asked) == {"jul 21"}
    assert candidates("date", "Slated for July.", asked) == set()  # no day: nothing to agree on
    who = "Who won the Halden Medal in 2019?"
    assert candidates("person", "Kira Dane won the Halden Medal.", who) == {"kira dane"}
    assert candidates("person", "The Halden Medal went to Kira Dane.", who) == {"kira dane"}
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
    question = "When was Starfall 2 released?"
    agreed = service.ask(question)
    assert agreed.found and agreed.citations[0].quote.startswith("Starfall 2 came out on July 21")
    assert not any("June 2" in c.quote for c in agreed.citations)
    # Without the agreement the lone claim scores close enough to be quoted beside it.
    monkeypatch.setattr(scoring, "CORROBORATION_BONUS", 0.0)
    alone = service.ask(question)
    assert any("June 2" in c.quote for c in alone.citations)


@pytest.mark.integration
def test_a_headline_that_only_says_the_question_back_is_not_the_answer(service, monkeypatch):
    question = "What was Lumora's revenue in Q2 2020?"
    first = service.ask(question).citations[0].quote
    assert "$6.04 billion" in first  # the headline has no word of its own: it answers nothing
    monkeypatch.setattr(scoring, "ECHO_PENALTY", 0.0)
    assert service.ask(question).citations[0].quote == "Lumora Q2 2020 revenue"


SNIPPETS = [  # search-result snippets: one short article each, the answer among the later ones
    "Vela 6 announced, and Vela 5 discounted.", "The Vela 6 Max was announced too.",
    "Orbix announced the Vela 6 and Vela 6 Max.",
    "Vela 6 pre-orders opened after it was announced.",
    "Everything Orbix announced about the Vela 6 camera.",
    "Vela 6 was unveiled by Orbix at an event on October 19, 2021.",
    "The Vela 6 was announced with a new chip, reviewers said.",
    "Orbix Vela 6 announced: the first details.",
    "Vela 6 announcement: Orbix shows off its new phone.",
    "Kestrel announced the Nova S21 in January.",
    "Orbix Vela 6 announced with three colours.", "Why the Vela 6 announcement matters.",
]


@pytest.mark.integration
def test_an_archive_of_snippets_is_read_past_the_first_five(tmp_path, real_embedder, monkeypatch):
    service = small_archive(tmp_path, real_embedder,
                            {f"s{i}.txt": text + "\n" for i, text in enumerate(SNIPPETS)},
                            open_with=real_embedder)
    top_k = service.settings.top_k
    question = "When was Vela 6 announced?"
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


PRIZE = {  # the first is closest to the question, but names no one
    "awarded.txt": "The Marlow Prize for Poetry for 2019 is awarded to an Estonian author ...\n",
    "laureates.txt": "The Marlow Prize for Poetry 2019 · Helena Vask · Marlow Prizes and "
                     "laureates ...\n",
    "poems.txt": "Helena Vask's poems are read across Europe.\n",
}


MEDAL = {
    "gala.txt": "2019 Gala Medals winners: Nora Halden and Ivo Marsh take top honors.\n",
    "dane.txt": "The 2019 Halden Medal winner is the Aalto chemist Kira Dane.\n",
    "aalto.txt": "Aalto beat Lund in the 2019 science quiz.\n",
    "marsh.txt": "Ivo Marsh showed in Paris in 2019.\n",
}


# Each rule picks the right first quote; switched off, another sentence leads: counting any
# capitalised word as a person ("Estonian"), or "Medals" and "Halden" apart, in another
# medal's news, as much as together.
RULES = [
    pytest.param(PRIZE, "Who was awarded the 2019 Marlow Prize for Poetry?", "Helena Vask",
                 (answertype, "_people", lambda sentence, question: set()),
                 id="a who answer is a person named in full"),
    pytest.param(MEDAL, "Who is the Halden Medal winner in 2019?", "Kira Dane",
                 (scoring, "APART_WEIGHT", 0.0), id="a name of the question is read as one"),
]


@pytest.mark.integration
@pytest.mark.parametrize(("articles", "question", "right", "off"), RULES)
def test_a_rule_of_the_answer_step_picks_the_right_quote(tmp_path, real_embedder, monkeypatch,
                                                         articles, question, right, off):
    service = small_archive(tmp_path, real_embedder, articles, open_with=real_embedder)
    assert right in service.ask(question).citations[0].quote
    monkeypatch.setattr(*off)
    assert right not in service.ask(question).citations[0].quote


def test_a_name_held_apart_costs_its_full_half_also_after_a_pronoun(tmp_path, fake_embedder):
    service = small_archive(tmp_path, fake_embedder, {
        "race.txt": "Kira Dane won the Halden race. It was the Medal of Halden town.\n",
    }, open_with=fake_embedder, extractor=NoSpeakers())
    scorer = service.answerer.scorer
    question = "Who won the Halden Medal?"
    wanted, names = terms(question), name_phrases(question)
    pronoun = next(s for s in service.answerer.data.sentences if s.text.startswith("It was"))
    assert scorer.before(pronoun) is not None  # it borrows the words of the sentence before
    vector = fake_embedder.embed([question], kind="query")[0]
    apart = scorer.apart(pronoun.text, wanted, names)
    assert apart > 0  # "Medal of Halden": both words, not in a row
    whole = scorer.score(pronoun, vector, wanted, question=question, meaning=(0.5, 0.5))
    split = scorer.score(pronoun, vector, wanted, question=question, meaning=(0.5, 0.5),
                         names=names)
    assert whole.coverage - split.coverage == pytest.approx(scoring.APART_WEIGHT * apart)
