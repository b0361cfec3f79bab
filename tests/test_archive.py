import pytest

from qa.archive import add_article, add_text, safe_name


@pytest.mark.parametrize("name, expected", [
    ("report.txt", "report.txt"),
    ("../../etc/passwd", "passwd.txt"),
    ("..\\..\\win.md", "win.md"),
    (".hidden.txt", "hidden.txt"),
    ("Zürich news (1).MD", "Zurich-news-1.md"),
    ("<script>.txt", "script.txt"),
    ("", "article.txt"),
])
def test_safe_name(name, expected):
    assert safe_name(name) == expected


def test_add_article_never_overwrites_and_stays_in_the_archive(tmp_path):
    first = add_article(tmp_path, "../a.txt", b"Title\n\nBody one.")
    second = add_article(tmp_path, "a.txt", b"Title\n\nBody two.")
    assert first == tmp_path / "a.txt" and second == tmp_path / "a-2.txt"
    assert first.read_bytes() == b"Title\n\nBody one."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-2.txt", "a.txt"]


@pytest.mark.parametrize("name, data, message", [
    ("x.txt", b"", "empty file"),
    ("x.txt", b"\x00\x01" * 50, "binary file"),
    ("x.pdf", b"%PDF-1.4", "only .txt and .md"),
])
def test_unreadable_uploads_are_refused_and_nothing_is_written(tmp_path, name, data, message):
    with pytest.raises(ValueError, match=message):
        add_article(tmp_path, name, data)
    assert list(tmp_path.iterdir()) == []


def test_the_same_article_twice_is_refused(tmp_path):
    add_article(tmp_path, "a.txt", b"Title\n\nBody.")
    with pytest.raises(ValueError, match="already in the archive as a.txt"):
        add_article(tmp_path, "b.txt", b"Title\n\nBody.")


def test_add_text_writes_title_then_body(tmp_path):
    path = add_text(tmp_path, "  Harbour   reopens ", "The harbour reopened on Monday.")
    assert path.name == "Harbour-reopens.txt"
    assert path.read_text() == "Harbour reopens\n\nThe harbour reopened on Monday.\n"
    with pytest.raises(ValueError, match="title and some text"):
        add_text(tmp_path, "", "text")
