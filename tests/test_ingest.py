from pathlib import Path

import pytest

from qa.ingest import body_spans, corpus_hash, decode, load_articles, parse_article, split_lines

ROOT = Path(__file__).resolve().parent.parent


def test_seed_title_date_and_marker():
    raw = (ROOT / "seeds/000_847e015129922df0.txt").read_bytes()
    article = parse_article("000_847e015129922df0.txt", raw)
    assert article.date == "2020-04-20"
    assert article.title.startswith("Iranian President Hassan Rouhani said")
    assert "date" not in article.title
    assert article.lines[0].startswith(" date 2020-04-20 ")  # the file's line is kept verbatim
    first_line, first_col = next(body_spans(article))
    assert (first_line, article.lines[0][first_col:first_col + 8]) == (1, "Iranian ")


def test_seed_furniture_is_not_article_text():
    raw = (ROOT / "seeds/004_309039edf41efb89.txt").read_bytes()
    article = parse_article("004.txt", raw)
    text_lines = [n for n, _ in body_spans(article)]
    assert text_lines == [1, 3, 5, 7, 9, 11, 13, 15]  # 17 "101/216", 19 "Read more:", links
    assert article.lines[16] == "101/216"
    assert article.lines[22] == "Pakistan resumes importing food from Iran"  # no final newline
    assert article.date is None


def test_line_numbers_match_the_file(tmp_path):
    raw = b"Title\n\nFirst para.\n\n\nSecond para.\n\n\n"
    article = parse_article("a.txt", raw)
    assert len(article.lines) == 8
    assert article.lines[2] == "First para." and article.lines[5] == "Second para."
    assert [n for n, _ in body_spans(article)] == [1, 3, 6]


def test_crlf_endings_keep_numbers_and_drop_carriage_returns():
    article = parse_article("a.txt", b"Head\r\n\r\nBody line.\r\n")
    assert article.lines[:3] == ("Head", "", "Body line.")


def test_form_feed_and_unicode_separators_do_not_shift_lines():
    article = parse_article("a.txt", "A\x0cB\nC\u2028D\nE".encode())
    assert len(article.lines) == 3 and article.lines[2] == "E"


@pytest.mark.parametrize(
    "raw, reason",
    [(b"", "empty file"), (b"\n \n\t\n", "empty file"), (b"\x00\x01\x02abc" * 20, "binary file")],
)
def test_empty_and_binary_files_are_refused(raw, reason):
    with pytest.raises(ValueError, match=reason):
        parse_article("x.txt", raw)


def test_non_utf8_is_decoded_with_a_recorded_fallback():
    article = parse_article("x.txt", b"Price\n\nIt cost \xa3100 in 2005.")
    assert article.encoding == "cp1252"
    assert "£100" in article.lines[2]


def test_bom_and_non_ascii():
    text, codec = decode("\ufeffZürich – 東京".encode())
    assert (text, codec) == ("Zürich – 東京", "utf-8")


def test_load_articles_reports_and_skips_bad_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.md").write_text("Good\n\nA fine article.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "README.md").write_text("# not an article")
    articles, skipped = load_articles(tmp_path)
    assert [a.path for a in articles] == ["sub/good.md"]
    assert {(s.path, s.reason) for s in skipped} == {
        ("empty.txt", "empty file"), ("blob.txt", "binary file")}


def test_corpus_hash_changes_with_content_and_not_with_order(tmp_path):
    a = parse_article("a.txt", b"A\n\nOne.")
    b = parse_article("b.txt", b"B\n\nTwo.")
    b2 = parse_article("b.txt", b"B\n\nTwo!")
    assert corpus_hash([a, b]) == corpus_hash([b, a]) != corpus_hash([a, b2])


def test_split_lines_counts_a_missing_final_newline():
    assert split_lines("a\nb") == ("a", "b")
    assert split_lines("a\nb\n") == ("a", "b")  # as editors and wc -l count
    assert split_lines("a\n\n") == ("a", "")


@pytest.mark.parametrize("path, date", [
    ("nyt_2015-11-25_golf-courses.txt", "2015-11-25"),
    ("2016/politico_2016-02-10_top.txt", "2016-02-10"),
    ("2016-02-10/notes.txt", None),  # only the file's own name counts
    ("report-12016-02-101.txt", None),  # digits run on: not a date
    ("004_309039edf41efb89.txt", None),
])
def test_a_date_in_the_file_name_dates_the_article(path, date):
    assert parse_article(path, b"Headline\n\nText.\n").date == date


def test_a_date_marker_wins_over_the_file_name():
    raw = b" date 2020-04-20 Headline\n\nText.\n"
    assert parse_article("x_2019-01-01.txt", raw).date == "2020-04-20"
