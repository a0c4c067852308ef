"""The PolNeAR scorer: brat reading and writing, Citron-style scores, the CLI."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfacts.eval import polnear
from newsfacts.eval.polnear import Attribution, read_ann, score_doc

TEXT = ('"We all have to follow the law," Jane Smith said.\n\n'
        "The mayor said that the budget would be cut.\n")
ANN = """T1\tContent 0 32\t"We all have to follow the law,"
T2\tSource 33 43\tJane Smith
T3\tCue 44 48\tsaid
T4\tAttribution 44 48\tsaid
E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2
T5\tSource 51 60\tThe mayor
T6\tCue 61 65\tsaid
T7\tContent 66 94\tthat the budget would be cut
T8\tAttribution 61 65\tsaid
E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7
"""


@pytest.fixture()
def polnear_dir(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc1_ab12.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tpublication_date\ndev\tdoc1\t2016-09-12\n", encoding="utf-8")
    return tmp_path


def test_eval_polnear_read_ann_discontinuous(tmp_path):
    path = tmp_path / "x.ann"
    path.write_text("T1\tContent 0 5;10 15\tab\nT2\tCue 6 9\tsaid\n"
                    "E1\tAttribution:T3 Cue:T2 Content:T1\n", encoding="utf-8")
    [attr] = read_ann(path)
    assert attr.content == ((0, 5), (10, 15))
    assert attr.cue == ((6, 9),)
    assert attr.source == ()


def test_eval_polnear_perfect_and_empty_scores(polnear_dir):
    gold = read_ann(polnear_dir / "attributions" / "doc1_ab12.ann")
    counts = score_doc(TEXT, gold, gold)
    for kind in ("source", "cue", "content", "attribution"):
        assert counts[kind].exact_prf() == (1.0, 1.0, 1.0)
    quoted = score_doc(TEXT, gold, gold, quoted_only=True)
    assert quoted["content"].gold == 1
    empty = score_doc(TEXT, [], gold)
    assert empty["content"].exact_prf() == (0.0, 0.0, 0.0)


def test_eval_polnear_token_overlap_partial_credit():
    gold = [Attribution(source=((0, 10),), cue=((11, 15),), content=((16, 40),))]
    pred = [Attribution(source=((0, 10),), cue=((11, 15),), content=((16, 30),))]
    text = "Jane Smith said the budget would be cut by a lot"
    counts = score_doc(text, pred, gold)
    p, r, f = counts["content"].token_prf()
    assert p == 1.0 and 0 < r < 1
    assert counts["content"].exact_prf()[2] == 0.0
    assert counts["source"].exact_prf()[2] == 1.0


def test_eval_polnear_run_writes_brat(polnear_dir, nlp, tmp_path):
    out = tmp_path / "pred"
    table, summary = polnear.run(str(polnear_dir), out=str(out), nlp=nlp)
    assert "content" in table and summary["articles"] == 1
    assert summary["all/content/token"]["f"] > 0.5
    predicted = read_ann(out / "doc1.ann")
    assert any(a.content == ((0, 32),) and a.cue == ((44, 48),) for a in predicted)
    assert any(a.content == ((66, 94),) and a.source == ((51, 60),) for a in predicted)
    assert summary["all/attribution/exact"]["f"] == 1.0


def test_eval_polnear_cli(polnear_dir):
    from newsfacts.cli import cli
    result = CliRunner().invoke(cli, ["eval", "polnear", str(polnear_dir)])
    assert result.exit_code == 0, result.output
    assert "quoted" in result.output and "attribution" in result.output


def test_eval_polnear_on_shared_dev_subset(nlp):
    from conftest import SHARED_DATA, need_shared
    dev = need_shared(SHARED_DATA / "polnear" / "dev")
    docs = polnear.load_split(dev)
    assert len(docs) == 84 and all(d.annotations for d in docs)


def test_eval_polnear_indirect_content_in_pieces():
    from newsfacts.schema import Quote, TextSpan
    text = "Taxes, he said, will rise next year."
    parts = [TextSpan(0, 5, "Taxes"), TextSpan(16, 35, "will rise next year")]
    quote = Quote(id="Q1", kind="indirect", start=0, end=35, text=text[:35], parts=parts)
    assert polnear.polnear_content(text, quote) == ((0, 5), (16, 35))


def test_eval_polnear_citron_definitions_need_no_pairing():
    from newsfacts.eval.polnear import citron_doc
    text = "Jane Smith said the budget would be cut and claimed taxes would rise."
    smith, said, claimed = ((0, 10),), ((11, 15),), ((43, 50),)
    budget, taxes = ((16, 38),), ((51, 69),)
    gold = [Attribution(source=smith, cue=said, content=budget),
            Attribution(source=smith, cue=claimed, content=taxes)]
    assert all(citron_doc(text, gold, gold)[k].exact_prf() == (1.0, 1.0, 1.0)
               for k in ("source", "cue", "content", "attribution"))
    # the right speaker and cue with the other statement as content: the paired
    # scorer pairs it with the second gold attribution by content, so its cue and
    # source are wrong; Citron matches roles through the cue, so they are right
    pred = [Attribution(source=smith, cue=said, content=taxes)]
    paired, citron = score_doc(text, pred, gold), citron_doc(text, pred, gold)
    assert paired["cue"].exact_prf()[0] == 0.0 and paired["source"].exact_prf()[0] == 1.0
    assert citron["cue"].exact_prf()[:2] == (1.0, 0.5)
    assert citron["source"].exact_prf()[:2] == (1.0, 0.5)
    assert citron["content"].exact_prf()[0] == 0.0
    assert citron["attribution"].exact_prf()[0] == 0.0
    # token overlaps are summed over every pair: the speaker both gold
    # attributions share counts twice against the one predicted
    assert citron["source"].tok_hit_p == 2 * citron["source"].tok_pred
