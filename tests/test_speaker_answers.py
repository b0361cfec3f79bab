"""'What did X say about Y' on a small archive written for the cases polnear showed (real
model, spaCy, FAISS)."""

import pytest

from qa.api import QAService
from qa.config import Settings
from tests.conftest import small_archive

ARTICLE = """Rubio campaigns in New Hampshire

Senator Marco Rubio spoke to voters in Concord on Monday.

Rubio said he would not back down. The exchange was about his tax plan for families.

Ted Cruz, Rubio's rival, said the Supreme Court had crossed a line on religious liberty.

Rubio's rival also spoke about the weather in Concord, which was cold.

Lee Zeldin, a congressman from New York, said the Supreme Court vacancy should wait.

Senator Mike Lee said taxes on families were too high.

Lee added that the tax code punished families who save.
"""


def indexed(factory, embedder, files):
    """A service over `files` (name -> text), built and opened with the real model."""
    return small_archive(factory.mktemp("news"), embedder, files, open_with=embedder)


@pytest.fixture(scope="module")
def service(tmp_path_factory, real_embedder):
    return indexed(tmp_path_factory, real_embedder, {"nyt_2016-02-08_rubio.txt": ARTICLE})


@pytest.mark.integration
def test_a_statement_whose_paragraph_holds_the_topic_answers(service):
    answer = service.ask("What did Rubio say about his tax plan?")
    assert answer.found
    first = answer.citations[0]
    assert (first.start_line, first.speaker) == (5, "Marco Rubio")
    assert first.quote == "Rubio said he would not back down."
    assert first.date == "2016-02-08"  # from the file name


@pytest.mark.integration
def test_another_speaker_s_words_are_never_the_asked_person_s(service):
    answer = service.ask("what did Rubio say about the Supreme Court")
    assert not answer.found and not answer.citations
    assert answer.text == "The articles don't quote Rubio on the Supreme Court."
    assert any(p.speaker == "Ted Cruz" and p.start_line == 7 for p in answer.related)


@pytest.mark.integration
def test_a_word_that_is_a_surname_is_read_as_one(service):
    # "Lee" is Mike Lee; Lee Zeldin's words on the court are not his.
    assert not service.ask("What did Lee say about the Supreme Court?").found
    answer = service.ask("What did Lee say about taxes?")
    assert answer.found and answer.citations[0].speaker == "Mike Lee"
    assert answer.citations[0].start_line == 13


@pytest.mark.integration
def test_several_statements_of_the_person_on_the_topic_are_quoted(service):
    answer = service.ask("What did Mike Lee say about taxes on families?")
    assert [(c.start_line, c.speaker) for c in answer.citations] == [
        (13, "Mike Lee"), (15, "Mike Lee")]  # both of his statements, the closer first


BORDER = """Troops leave the border

The Pentagon said on Tuesday that the troops would leave the border by March.

Reuters reported that the withdrawal had begun.

The Trump campaign said the decision was overdue.

The Pentagon's spokesman said the schedule could slip.
"""


@pytest.mark.integration
def test_an_agency_or_a_newspaper_is_a_speaker_and_a_campaign_is_not_its_candidate(
        tmp_path, real_embedder):
    service = small_archive(tmp_path, real_embedder, {"border.txt": BORDER},
                            open_with=real_embedder)
    answer = service.ask("What did the Pentagon say about the troops?")
    assert answer.found and answer.citations[0].speaker == "Pentagon"
    assert answer.citations[0].start_line == 3
    assert service.ask("what did Reuters say about the withdrawal").citations[0].start_line == 5
    # "The Trump campaign said": the campaign's words, not the candidate's.
    assert not service.ask("What did Trump say about the decision?").found
    answer = service.ask("What did the Trump campaign say about the decision?")
    assert answer.found and answer.citations[0].speaker == "Trump campaign"
    assert answer.citations[0].start_line == 7
    # "The Pentagon's spokesman said": the spokesman speaks, not the Pentagon.
    assert not service.ask("What did the Pentagon say about the schedule?").found


@pytest.mark.integration
def test_a_topic_with_an_acronym_matches_statements_that_only_use_the_acronym(
        tmp_path, real_embedder):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "phl.txt").write_text(
        "The league in Ohio\n"
        "\n"
        "Leaders of the Prairie Heritage League (PHL) met in Columbus on Monday to plan the autumn "
        "campaign.\n"
        "\n"
        "Senator Jane O'Dowd said her PHL colleagues had lost their way on trade.\n"
        "\n"
        "The meeting ended early because of a storm over Lake Erie.\n",
        encoding="utf-8",
    )
    settings = Settings(archive_dir=tmp_path / "news", index_dir=tmp_path / "index")
    QAService.build(settings, embedder=real_embedder)
    service = QAService.open(settings, embedder=real_embedder)
    answer = service.ask("What did O'Dowd say about PHL colleagues?")
    assert answer.found, answer.text
    assert answer.citations[0].start_line == 5


@pytest.mark.integration
def test_every_statement_of_the_person_on_the_topic_is_quoted_however_far_below_the_best(
        tmp_path, real_embedder):
    farm = ("Farm bill\n\n"
            "Senator Jane Doe said the farm bill would save thousands of family farms across "
            "Iowa.\n\n"
            "Doe said she would not back down. Lawmakers will also debate highways, schools, "
            "veterans' pensions, defense spending and the farm bill when Congress returns from "
            "its recess next week.\n\n"
            "The weather in Des Moines was cold on Monday.\n")
    service = small_archive(tmp_path, real_embedder, {"farm.txt": farm}, open_with=real_embedder)
    answer = service.ask("What did Doe say about the farm bill?")
    # the second matches through its paragraph only, well below the first: still hers on it
    assert [(c.start_line, c.speaker) for c in answer.citations] == [
        (3, "Jane Doe"), (5, "Jane Doe")]


JUDGES = """Budget week in Islamabad

Shireen Mazari attacked the budget, calling it a betrayal of the poor.

Ishaq Dar said Mazari had condemned the budget without reading it.

"He was the finest captain of his generation," Wasim Akram said, praising Imran Khan's leadership.

Mayor Eric Adams said the city was ready and praised the sanitation workers.

Rishi Sunak said the mayor had praised the sanitation workers before the election.

Bilal Shah said the sanitation workers were tired.

Asad Umar said the tax plan, criticised by the opposition, would pass.

"We welcome the tax plan," Junaid Akbar said, while Hammad Azhar, criticising the plan, left.
"""


@pytest.fixture(scope="module")
def judges(tmp_path_factory, real_embedder):
    return indexed(tmp_path_factory, real_embedder, {"budget.txt": JUDGES})


@pytest.mark.integration
def test_who_praised_or_criticised_is_who_did_it_not_who_reported_it(judges):
    def speakers(question):
        answer = judges.ask(question)
        return {c.speaker for c in answer.citations} if answer.found else set()

    # the verb right after the speaker, though the cue spaCy found is "calling"; never Dar,
    # who only reports what Mazari did
    budget = judges.ask("Who criticised the budget?")
    assert (budget.citations[0].start_line, budget.citations[0].speaker) == (3, "Shireen Mazari")
    assert "Ishaq Dar" not in speakers("Who criticised the budget?")
    # a verb joined to the cue: ", praising ...", "... and praised ..."
    assert speakers("Who praised Imran Khan's leadership?") == {"Wasim Akram"}
    assert speakers("Who praised the sanitation workers?") == {"Eric Adams"}
    # not the one who reports a criticism ("criticised by the opposition"), nor one whose
    # sentence goes on to another speaker ("..., while Hammad Azhar, criticising ...")
    assert not speakers("Who criticised the tax plan?") & {"Asad Umar", "Junaid Akbar"}
    said = judges.ask("Who said anything about the sanitation workers?")
    assert {"Rishi Sunak", "Bilal Shah"} <= {c.speaker for c in said.citations}
