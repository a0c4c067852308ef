"""The archive commands through click's CliRunner, checked through the library."""
import json
from importlib import resources

import pytest
from click.testing import CliRunner

from newsfacts.cli import cli
from newsfacts.store import Archive
from newsfacts.store.demo import demo_articles


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("articles")
    (root / "walkout.txt").write_text('Donald Trump walked out of the courtroom on Friday. '
                                      '"This is a witch hunt," Trump said.\n', encoding="utf-8")
    (root / "verdict.txt").write_text("Donald J. Trump was ordered on Friday to pay E. Jean Carroll "
                                      "$83 million.\n", encoding="utf-8")
    (root / "empty.txt").write_text("   \n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def db(folder, tmp_path_factory, nlp):
    path = tmp_path_factory.mktemp("db") / "news.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(path), "--quiet",
                                      "--published", "2024-01-26"])
    assert result.exit_code == 0, result.output
    assert "added 2" in result.output and "failed 1" in result.output
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_cli_archive_ingest_reports_and_is_idempotent(db, folder):
    again = run("ingest", folder, "--db", db, "--quiet")
    assert again.exit_code == 0
    assert "added 0, skipped 2" in again.output
    assert "empty.txt" in again.output  # the failure and its reason are reported
    with Archive(db, readonly=True) as archive:
        assert archive.count("articles") == 2


def test_cli_archive_search_formats(db):
    as_json = json.loads(run("search", "witch", "--db", db, "--format", "json").output)
    assert as_json and as_json[0]["kind"] == "article" and "[witch]" in as_json[0]["snippet"]
    as_csv = run("search", "witch", "--db", db, "--format", "csv").output.splitlines()
    assert as_csv[0] == "kind,published,title,snippet,article_id" and len(as_csv) >= 2
    table = run("search", "witch", "--db", db).output
    assert "1 row(s)" in table or "row(s)" in table


def test_cli_archive_entity_and_missing_entity(db):
    result = run("entity", "Donald Trump", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    profile = json.loads(result.output)
    assert "Trump" in profile["name"] and profile["merges"]
    missing = run("entity", "Nobody Atall", "--db", db)
    assert missing.exit_code != 0 and "no entity called" in missing.output


def test_cli_archive_quotes_and_timeline_run(db):
    quotes = run("quotes", "--since", "2024-01-01", "--db", db, "--format", "json")
    assert quotes.exit_code == 0 and isinstance(json.loads(quotes.output), list)
    story = run("timeline", "--story", "Trump", "--db", db, "--format", "json")
    assert story.exit_code == 0 and isinstance(json.loads(story.output), list)
    usage = run("timeline", "--db", db)
    assert usage.exit_code != 0
    bad_date = run("quotes", "--since", "2024-13-01", "--db", db)
    assert bad_date.exit_code != 0 and "not a date" in bad_date.output


def test_cli_archive_missing_database_is_a_clear_error(tmp_path):
    result = run("search", "x", "--db", tmp_path / "none.db")
    assert result.exit_code != 0 and "no such archive" in result.output


def test_cli_archive_demo_data_is_bundled_and_credited():
    demo = list(demo_articles())
    assert len(demo) == 30
    assert all(a.title and a.published and a.text.startswith(a.title) for a in demo)
    credits = resources.files("newsfacts").joinpath("data/demo/CREDITS.md").read_text(encoding="utf-8")
    assert "Wikinews" in credits and "MEANTIME" in credits and "CC BY 4.0" in credits
