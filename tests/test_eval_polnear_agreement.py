"""Annotator agreement on PolNeAR: annotator against annotator, and the extractor
against the same annotators, with the scorer of `eval polnear`."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfacts.errors import NewsfactsError
from newsfacts.eval import polnear_agreement
from test_eval_polnear import ANN, TEXT

# the second annotator takes "that" into the cue and gives the mayor no source
OTHER_ANN = ANN.replace("T6\tCue 61 65\tsaid", "T6\tCue 61 70\tsaid that") \
               .replace("T7\tContent 66 94\tthat the budget would be cut",
                        "T7\tContent 71 94\tthe budget would be cut") \
               .replace(" Source:T5 ", " ")


def _two_annotators(root: Path, second: str) -> Path:
    (root / "text").mkdir()
    (root / "attributions").mkdir()
    (root / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "doc1_ab12.ann").write_text(ANN, encoding="utf-8")
    (root / "attributions" / "doc1_cd34.ann").write_text(second, encoding="utf-8")
    return root


def test_identical_annotators_agree_fully(tmp_path, nlp):
    _, summary = polnear_agreement.run(str(_two_annotators(tmp_path, ANN)), nlp=nlp)
    for kind in ("source", "cue", "content", "attribution"):
        assert summary["annotators"][f"all/{kind}/exact"]["f"] == 1.0
    assert summary["newsfacts"]["all/content/token"]["f"] > 0.5


def test_annotators_who_differ_lose_exactly_what_differs(tmp_path, nlp):
    _, summary = polnear_agreement.run(str(_two_annotators(tmp_path, OTHER_ANN)), nlp=nlp)
    annotators = summary["annotators"]
    assert annotators["quoted/attribution/exact"]["f"] == 1.0
    assert annotators["all/cue/exact"]["f"] == pytest.approx(0.5)
    assert annotators["all/attribution/exact"]["f"] == pytest.approx(0.5)
    assert annotators["all/source/exact"]["f"] == pytest.approx(2 / 3, abs=1e-3)  # 1 of 2, both ways
    assert 0 < annotators["all/cue/token"]["f"] < 1


def test_one_annotator_only_is_a_clear_error(tmp_path):
    root = _two_annotators(tmp_path, ANN)
    (root / "attributions" / "doc1_cd34.ann").unlink()
    with pytest.raises(NewsfactsError, match="two or more"):
        polnear_agreement.run(str(root))


def test_agreement_cli(tmp_path):
    from newsfacts.cli import cli
    result = CliRunner().invoke(cli, ["eval", "polnear-agreement", str(_two_annotators(tmp_path, OTHER_ANN))])
    assert result.exit_code == 0, result.output
    assert "annotator against annotator" in result.output and "newsfacts against" in result.output
