"""`newsfacts eval 5w1h`: the Giveme5W1H scorer, the baseline and the command."""
import json

import pytest
from click.testing import CliRunner

from newsfacts.cli import cli
from newsfacts.eval import fivew1h
from newsfacts.eval.fivew1h import Gold, content_words, is_correct, read_annotated, score, token_f1


def _record(text, title, annotations, date="2016-11-09 00:00:00"):
    five = {w: {"label": w, "annotated": annotations.get(w, [])} for w in fivew1h.WS}
    return {"title": title, "text": text, "date_publish": date, "fiveWoneH": five,
            "url": "http://example.invalid/a", "publisher": "example"}


def _write(folder, name, record):
    path = folder / f"{name}.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def test_eval_5w1h_content_words_drop_stop_words():
    assert content_words("At least seven of the people") == {"seven": 1, "people": 1}
    assert content_words("Trump's") == {"trump": 1}


@pytest.mark.parametrize("answer, gold, expected", [
    ("walked out of the courtroom", "walked out of the courtroom", 1.0),
    ("Donald Trump", "Trump", 2 / 3),
    ("the courtroom", "Friday", 0.0),
    ("of the", "of the", 0.0),
])
def test_eval_5w1h_token_f1(answer, gold, expected):
    assert token_f1(answer, gold) == pytest.approx(expected)


def test_eval_5w1h_correct_by_words_or_by_date():
    gold = Gold(texts=["late Thursday"], dates=["2016-11-10"])
    assert is_correct("when", {"text": "Thursday", "value": "2016-11-11"}, gold)
    assert is_correct("when", {"text": "the day", "value": "2016-11-10T23:30"}, gold)
    assert not is_correct("when", {"text": "Friday", "value": "2016-11-11"}, gold)
    assert not is_correct("who", {"text": "the day", "value": "2016-11-10"}, gold)


def test_eval_5w1h_precision_counts_answers_without_gold_as_wrong():
    golds = [{w: Gold() for w in fivew1h.WS} for _ in range(3)]
    golds[0]["who"] = Gold(texts=["Taliban"])
    golds[1]["who"] = Gold(texts=["Hillary Clinton"])
    answers = [{"who": {"text": "The Taliban"}}, {"who": None}, {"who": {"text": "Obama"}}]
    tally = score(answers, golds)["who"]
    assert (tally.answered, tally.correct, tally.with_gold, tally.found) == (2, 1, 2, 1)
    assert tally.precision == 0.5 and tally.recall == 0.5


def test_eval_5w1h_reads_phrases_two_coders_chose(tmp_path):
    path = _write(tmp_path, "a", _record("Text.", "Title", {
        "who": [{"coderPhraseCount": 3, "text": "Taliban"}, {"coderPhraseCount": 1, "text": "Militants"}],
        "when": [{"coderPhraseCount": 2, "parsed": "2016-11-10"}],
        "where": [{"coderPhraseCount": 3}]}, date="None"))
    item = read_annotated(path)
    assert item.gold["who"].texts == ["Taliban"]
    assert item.gold["when"].dates == ["2016-11-10"] and item.gold["when"].exists
    assert not item.gold["where"].exists
    assert item.article.published is None and item.article.title == "Title"


def test_eval_5w1h_command_scores_ours_and_the_baseline(tmp_path):
    _write(tmp_path, "a", _record(
        "Rebels attacked the German consulate in Kabul on Wednesday. Two guards died.",
        "Rebels attack consulate in Kabul",
        {"who": [{"coderPhraseCount": 3, "text": "Rebels"}],
         "what": [{"coderPhraseCount": 2, "text": "attacked the German consulate"}],
         "when": [{"coderPhraseCount": 3, "text": "Wednesday", "parsed": "2016-11-09"}],
         "where": [{"coderPhraseCount": 3, "text": "Kabul"}]}))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["eval", "5w1h", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "| newsfacts      | who" in result.output and "| baseline       | what" in result.output
    summary = json.loads(result.output[result.output.index("{"):])
    assert summary["documents"] == 1
    assert summary["newsfacts"]["mean_precision_who_what_when_where"] == 1.0
    written = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert written["main_event"]["who"]["text"] == "Rebels"


def test_eval_5w1h_empty_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "5w1h", str(tmp_path)])
    assert result.exit_code != 0 and "no news-please .json files" in result.output
