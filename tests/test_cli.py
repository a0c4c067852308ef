"""The `newsfacts extract` command (CliRunner and one real subprocess) and the fact sheet."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfacts.api import validate
from newsfacts.cli import cli
from newsfacts.render import render_markdown
from newsfacts.schema import Amount, Entity, Event, Facts, Quote, Speaker, TextSpan, TimeExpr

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
GERMAN = ("Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen, das die Mieten "
          "in den großen Städten begrenzen soll. Kritiker sagen, dass die Maßnahmen nicht "
          "weit genug gehen und die Wohnungsnot damit nicht gelöst werde.")


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        return CliRunner()


@pytest.fixture(scope="module")
def invoke(nlp):  # nlp: the pipeline is loaded once, and the command finds it cached
    def run(*args, input=None):
        return runner().invoke(cli, ["extract", *map(str, args)], input=input)
    return run


def test_cli_extract_markdown_fact_sheet(invoke):
    result = invoke(DATA / "story.txt", "--published", "2024-05-10")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("# Harbour bridge to close for repairs")
    assert "**Published:** 2024-05-10" in out
    for section in ("## People & organisations", "## Quotes", "## Timeline", "## Amounts"):
        assert section in out
    assert "Helen Ortiz" in out


def test_cli_extract_json_record_validates(invoke):
    result = invoke(DATA / "story.txt", "--format", "json", "--published", "2024-05-10")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    validate(record)
    assert record["article"]["id"] == "story"
    assert record["article"]["published"] == "2024-05-10"
    text = record["article"]["text"]
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


def test_cli_extract_json_many_inputs_is_an_array(invoke):
    result = invoke(DATA / "story.txt", DATA / "newsplease.json", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["article"]["id"] for r in records] == ["story", "newsplease"]
    assert records[1]["article"]["published"] == "2024-05-14"


def test_cli_extract_jsonl_reports_bad_lines_and_goes_on(invoke):
    result = invoke(DATA / "batch.jsonl", "--format", "jsonl", "--published", "2024-01-01")
    assert result.exit_code == 1
    ids = [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()]
    assert ids == ["a1", "a2", "batch-6"]
    assert "[E006]" in result.stderr and "line 3" in result.stderr
    assert "[E007]" in result.stderr and "line 4" in result.stderr
    assert "2 of 5 input(s) failed" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_cli_extract_bad_file_among_good_ones(invoke, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    result = invoke(empty, DATA / "story.txt", binary, tmp_path / "gone.txt",
                    "--format", "jsonl")
    assert result.exit_code == 1
    assert [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()] == ["story"]
    assert f"[E001] {empty}" in result.stderr
    assert f"[E003] {binary}" in result.stderr
    assert "[E009]" in result.stderr and "gone.txt" in result.stderr


def test_cli_extract_legacy_and_utf16_files(invoke, tmp_path):
    text = "The mayor’s café in Zürich reopened on Friday, Helen Ortiz said."
    (tmp_path / "old.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16"))
    result = invoke(tmp_path, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"]["text"] for r in records] == [text, text]
    assert "warning: [W001]" in result.stderr and "old.txt" in result.stderr


def test_cli_extract_invalid_published_date(invoke):
    result = invoke(DATA / "story.txt", "--published", "next Tuesday")
    assert result.exit_code == 2
    assert "[E002]" in result.stderr and "'next Tuesday'" in result.stderr


def test_cli_extract_stdin(invoke):
    result = invoke("-", "--format", "jsonl", "--published", "2024-02-02",
                    input="Joe Biden visited Ohio on Monday.")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["article"]["id"] == "stdin"
    assert record["article"]["published"] == "2024-02-02"


def test_cli_extract_non_english_warns_and_gives_empty_facts(invoke):
    result = invoke("-", "--format", "jsonl", input=GERMAN)
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["article"]["language"] == "de" and record["entities"] == []
    assert "warning: [W002]" in result.stderr


def test_cli_extract_console_script_subprocess():
    script = shutil.which("newsfacts")
    if script is None:
        pytest.skip("the newsfacts console script is not installed")
    result = subprocess.run(
        [script, "extract", str(DATA / "batch.jsonl"), "--format", "jsonl"],
        capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert len(result.stdout.splitlines()) == 3
    assert "[E006]" in result.stderr and "Traceback" not in result.stderr


def sample_facts() -> Facts:
    text = ('Helen Ortiz, 58, closed the bridge on Friday. "It is unsafe," Ortiz said. '
            'The repair costs at least $45 million and takes 18 months.')
    def at(part, nth=0):
        start = text.index(part) if nth == 0 else text.index(part, text.index(part) + 1)
        return start, start + len(part), part
    article = {"id": "x", "title": "Bridge closed", "published": "2024-05-17", "source": None,
               "url": None, "language": "en", "text": text}
    return Facts(
        article=article,
        entities=[Entity("E1", "Helen Ortiz", "PERSON",
                         [TextSpan(*at("Helen Ortiz")), TextSpan(*at("Ortiz", 1))],
                         {"age": 58, "titles": ["mayor"], "roles": [], "affiliations": []})],
        quotes=[Quote("Q1", "direct", *at("It is unsafe,"), cue=TextSpan(*at("said")),
                      speaker=Speaker("E1", *at("Ortiz", 1)))],
        times=[TimeExpr("T1", *at("Friday"), "DATE", "2024-05-17"),
               TimeExpr("T2", *at("18 months"), "DURATION", "P18M")],
        amounts=[Amount("A1", *at("at least $45 million"), 45_000_000, "USD", "at_least")],
        events=[Event("V1", *at("closed"), agents=["E1"], time="T1", date="2024-05-17")])


def test_cli_markdown_renders_every_section():
    facts = sample_facts()
    validate(facts)
    sheet = render_markdown(facts)
    assert sheet.startswith("# Bridge closed\n")
    assert "- **Helen Ortiz** E1 (PERSON; age: 58; titles: mayor), 2 mentions [0-11]" in sheet
    assert "- **Helen Ortiz** → “It is unsafe,” (direct, cue “said”)" in sheet
    assert "- **2024-05-17** Helen Ortiz: *closed* (“Friday”) [17-23] — Helen Ortiz" in sheet
    assert "18 months = P18M" in sheet
    assert "→ 45,000,000 USD (at_least)" in sheet


def test_cli_markdown_renders_empty_facts():
    facts = Facts(article={"id": None, "title": None, "published": None, "source": None,
                           "url": None, "language": "de", "text": "Guten Tag."})
    sheet = render_markdown(facts)
    assert sheet.startswith("# Article")
    assert sheet.count("_None found._") == 4
