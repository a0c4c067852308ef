"""Input readers: every supported kind -> Article, every bad input -> Failure."""
import gzip
import io
import json
from pathlib import Path

import pytest

from newsfacts import Article
from newsfacts.ingest import Failure, read_inputs
from newsfacts.ingest.readers import article_id, headline, kind_of, sniff_kind

DATA = Path(__file__).parent / "data"


def read_all(*inputs, **kw):
    return list(read_inputs([str(i) for i in inputs], **kw))


def only_article(*inputs, **kw):
    items = read_all(*inputs, **kw)
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_readers_txt_id_title_and_default_date():
    article = only_article(DATA / "story.txt", published="2024-05-10")
    assert article.id == "story"
    assert article.title == "Harbour bridge to close for repairs"
    assert article.published == "2024-05-10"
    assert article.text.startswith("Harbour bridge to close")


@pytest.mark.parametrize("text, expected", [
    ("Short headline\n\nBody text.", "Short headline"),
    ("A full sentence ends here.\n\nBody.", None),
    ("No blank line after the first line\nBody.", None),
])
def test_readers_headline(text, expected):
    assert headline(text) == expected


def test_readers_html_main_text_and_metadata():
    article = only_article(DATA / "council.html", published="1999-01-01")
    assert article.title == "Council approves bridge repair"
    assert article.published == "2024-05-14"  # the page's own date wins
    assert article.url == "https://gazette.example/news/bridge-repair"
    assert "at least $20 million" in article.text
    assert "Subscribe now" not in article.text and "Cookie settings" not in article.text
    assert "\n\n" in article.text  # paragraphs kept apart
    assert article.text.startswith(article.title + "\n\n")


def test_readers_newsplease_json_fields():
    article = only_article(DATA / "newsplease.json", published="1999-01-01")
    assert article.id == "newsplease"
    assert article.published == "2024-05-14"
    assert article.source == "gazette.example"
    assert article.title == "Council approves bridge repair"
    # a page opens with its headline, as its reader sees it
    assert article.text.startswith("Council approves bridge repair\n\nThe Millbrook city council")


def test_readers_headline_opens_a_page_once():
    from newsfacts.article import with_headline
    assert with_headline("Body.", "Big  news") == "Big news\n\nBody."
    assert with_headline("Big news\n\nBody.", "Big news") == "Big news\n\nBody."  # already there
    assert with_headline("Body.", None) == with_headline("Body.", "  ") == "Body."


def test_readers_newsplease_without_text_fails(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"title": "only a title"}))
    [failure] = read_all(path)
    assert isinstance(failure, Failure) and "[E011]" in failure.reason


def test_readers_jsonl_keeps_ids_and_reports_bad_lines():
    items = read_all(DATA / "batch.jsonl", published="2020-01-01")
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [a.id for a in articles] == ["a1", "a2", "batch-6"]
    assert articles[0].title == "Biden in Ohio" and articles[0].source == "news.example"
    assert articles[2].published == "2020-01-01"
    assert ["[E006]" in f.reason for f in failures] == [True, False]
    assert "[E007]" in failures[1].reason and "line 4" in failures[1].name


def test_readers_jsonl_bad_date_fails_only_that_line(tmp_path):
    path = tmp_path / "dates.jsonl"
    path.write_text('{"id": "x", "text": "Some text.", "published": "yesterday"}\n'
                    '{"id": "y", "text": "Other text.", "published": "2024-01-02"}\n')
    bad, good = read_all(path)
    assert isinstance(bad, Failure) and "[E002]" in bad.reason and "'yesterday'" in bad.reason
    assert good.id == "y"


def test_readers_folder_recursive_skips_other_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Second article text.")
    (tmp_path / "a.txt").write_text("First article text.")
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("hidden")
    assert [a.id for a in read_all(tmp_path)] == ["a", "b"]


def test_readers_gzip(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((DATA / "council.html").read_bytes()))
    article = only_article(path)
    assert article.id == "page" and article.published == "2024-05-14"


def test_readers_missing_and_unsupported_inputs(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    missing, unsupported = read_all(tmp_path / "nope.txt", tmp_path / "x.pdf")
    assert "[E009]" in missing.reason and "nope.txt" in str(missing)
    assert "[E008]" in unsupported.reason and "'.pdf'" in unsupported.reason


def test_readers_stdin_text_and_jsonl():
    text = only_article("-", stdin=io.BytesIO(b"Plain text from a pipe."))
    assert text.id == "stdin" and text.text == "Plain text from a pipe."
    lines = b'{"id": "p", "text": "One."}\n{"id": "q", "text": "Two."}\n'
    assert [a.id for a in read_all("-", stdin=io.BytesIO(lines))] == ["p", "q"]


@pytest.mark.parametrize("data, kind", [
    (b"  <html><body>x</body></html>", "html"), (b'{"maintext": "x"}', "newsplease"),
    (b'{"text": "a"}\n{"text": "b"}', "jsonl"), (b"Just words.", "text")])
def test_readers_sniff_kind(data, kind):
    assert sniff_kind(data) == kind


def test_readers_kind_and_id_from_name():
    assert kind_of(Path("a/story.HTML.gz")) == "html" and kind_of(Path("x.csv")) is None
    assert article_id(Path("a/story.v2.html.gz")) == "story.v2"
