from pathlib import Path

import pytest

from qa.ingest import load_articles, parse_article
from qa.segment import make_chunks, span_text, split_sentences

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def all_articles():
    seeds, _ = load_articles(ROOT / "seeds")
    data, _ = load_articles(DATA)
    return seeds + data


@pytest.mark.parametrize("article", all_articles(), ids=lambda a: a.path)
def test_every_sentence_is_the_exact_text_of_its_span(article):
    sentences = split_sentences(article)
    assert sentences
    for s in sentences:
        assert span_text(article.lines, s) == s.text
        assert s.text == s.text.strip()


def test_seed_sentences_start_after_the_date_marker_and_skip_furniture():
    seeds, _ = load_articles(ROOT / "seeds")
    by_path = {a.path: split_sentences(a) for a in seeds}
    first = by_path["000_847e015129922df0.txt"][0]
    assert (first.start_line, first.start_col) == (1, 17)
    assert first.text.startswith("Iranian President")
    lines = {s.start_line for s in by_path["004_309039edf41efb89.txt"]}
    assert lines == {1, 3, 5, 7, 9, 11, 13, 15}


def test_abbreviations_and_initials_do_not_end_sentences():
    article = parse_article("a.txt", b"Head\n\nMr. Smith met Donald J. Trump in the U.S. capital. He left.")
    texts = [s.text for s in split_sentences(article)]
    assert texts == ["Head", "Mr. Smith met Donald J. Trump in the U.S. capital.", "He left."]


def test_quotes_close_sentences():
    article = parse_article("a.txt", b'T\n\nHe said, "We will win." Then he left! Why? Because.')
    texts = [s.text for s in split_sentences(article)][1:]
    assert texts == ['He said, "We will win."', "Then he left!", "Why?", "Because."]


def test_hard_wrapped_sentence_spans_two_lines():
    article = parse_article("a.txt", b"T\n\nThe minister said the plan\nwould cost more. Next one.")
    s = split_sentences(article)[1]
    assert (s.start_line, s.end_line) == (3, 4)
    assert s.text == "The minister said the plan\nwould cost more."
    assert span_text(article.lines, s) == s.text


def test_ids_are_consecutive_from_first_id():
    article = parse_article("a.txt", b"T\n\nOne. Two. Three.")
    assert [s.id for s in split_sentences(article, first_id=10)] == [10, 11, 12, 13]


def test_chunks_respect_word_limit_overlap_and_spans():
    text = "Head\n\n" + " ".join(f"Sentence number {i} has six words." for i in range(20))
    article = parse_article("a.txt", text.encode())
    sentences = split_sentences(article)
    chunks = make_chunks(sentences, chunk_words=20, overlap=1)
    assert all(len(c.text.split()) <= 20 for c in chunks)
    for left, right in zip(chunks, chunks[1:], strict=False):
        assert right.first_sentence == left.last_sentence  # one shared sentence
    assert chunks[0].first_sentence == 0 and chunks[-1].last_sentence == sentences[-1].id
    assert chunks[0].id == f"a.txt:{chunks[0].start_line}-{chunks[0].end_line}"


def test_a_sentence_longer_than_the_limit_is_its_own_chunk():
    article = parse_article("a.txt", ("T\n\n" + "word " * 50 + "end.").encode())
    chunks = make_chunks(split_sentences(article), chunk_words=10, overlap=1)
    assert len(chunks) == 2 and chunks[1].first_sentence == chunks[1].last_sentence
