"""Coreference scorers, CAT text rebuilding and the MEANTIME cross-document eval."""

import pytest

from newsfacts.eval.cat_text import read_cat
from newsfacts.eval.coref_scores import b_cubed, ceaf_e, conll, muc

from conftest import SHARED_DATA, need_shared

KEY = [frozenset("abc"), frozenset("de"), frozenset("f")]
RESPONSE = [frozenset("ab"), frozenset("cde"), frozenset("f")]


def test_eval_xdoc_scores_by_hand():
    assert muc(KEY, RESPONSE)[2] == pytest.approx(2 / 3)
    assert b_cubed(KEY, RESPONSE)[0] == pytest.approx(7 / 9)
    assert ceaf_e(KEY, RESPONSE)[0] == pytest.approx(2.6 / 3)
    assert conll(KEY, KEY)["conll_f1"] == pytest.approx(1.0)


def test_eval_xdoc_twinless_mentions_lower_precision():
    r, p, _ = b_cubed(KEY, KEY + [frozenset({"x", "y"})])
    assert r == pytest.approx(1.0) and p < 1.0


CAT = """<?xml version="1.0" ?><Document doc_id="7" doc_name="7_Test" url="http://example.org/7">
<token number="0" sentence="0" t_id="1">Apple</token><token number="1" sentence="0" t_id="2">sells</token>
<token number="2" sentence="1" t_id="3">May</token><token number="3" sentence="1" t_id="4">7</token>
<token number="4" sentence="1" t_id="5">,</token><token number="5" sentence="1" t_id="6">2005</token>
<token number="6" sentence="2" t_id="7">``</token><token number="7" sentence="2" t_id="8">Hi</token>
<token number="8" sentence="2" t_id="9">''</token><token number="9" sentence="2" t_id="10">,</token>
<token number="10" sentence="2" t_id="11">Jobs</token><token number="11" sentence="2" t_id="12">'s</token>
<token number="12" sentence="2" t_id="13">team</token><token number="13" sentence="2" t_id="14">said</token>
<token number="14" sentence="2" t_id="15">.</token>
<Markables/></Document>"""


def test_eval_xdoc_rebuilds_cat_text(tmp_path):
    path = tmp_path / "7.xml"
    path.write_text(CAT, encoding="utf-8")
    doc = read_cat(path)
    assert doc.text == 'Apple sells\n\nMay 7, 2005\n\n"Hi", Jobs\'s team said.'
    assert doc.title == "Apple sells" and doc.published == "2005-05-07"
    for token in doc.tokens:
        assert doc.text[token.start:token.end] in (token.text, '"')


def test_eval_xdoc_on_meantime():
    folder = need_shared(SHARED_DATA / "meantime" / "intra_cross-doc_annotation")
    from newsfacts.eval.meantime_xdoc import run
    table, summary = run(str(folder))
    assert summary["documents"] == 30 and summary["gold_mentions"] > 500
    assert "CoNLL" in table
    assert 0.4 < summary["conll_f1"] <= 1.0


# -- the TimeLine (SemEval-2015 Task 4) scorer ---------------------------------------------

GOLD_TIMELINE = [(0, "XXXX-XX-XX", "1-2-said"), (1, "2005", "1-3-born"), (2, "2010-06-07", "1-4-sold"),
                 (2, "2010-06-07", "2-3-sold"), (3, "2011", "2-5-died")]


def timeline_f1(gold, system):
    from newsfacts.eval.timeline import awareness_counts, f1
    sys_ok, sys_all, gold_ok, gold_all = awareness_counts(gold, system)
    return f1(sys_ok / sys_all if sys_all else 0.0, gold_ok / gold_all if gold_all else 0.0)


def test_eval_timeline_awareness_perfect_and_reversed():
    assert timeline_f1(GOLD_TIMELINE, GOLD_TIMELINE) == pytest.approx(1.0)
    reversed_order = [(4 - o if o else 0, d, e) for o, d, e in GOLD_TIMELINE]
    undated = [(o, "XXXX-XX-XX", e) for o, _, e in reversed_order]
    # only the SIMULTANEOUS pair survives a reversed order without dates
    assert timeline_f1(GOLD_TIMELINE, undated) < 0.3


def test_eval_timeline_partial_credit_and_closure():
    # the system misses "1-4-sold" but orders the rest right: transitive relations still count
    partial = [r for r in GOLD_TIMELINE if r[2] != "1-4-sold"]
    score = timeline_f1(GOLD_TIMELINE, partial)
    assert 0.5 < score < 1.0


def test_eval_timeline_reads_gold_and_names_lookups(tmp_path):
    from newsfacts.eval.timeline import lookup_names, read_gold
    path = tmp_path / "x.txt"
    path.write_text("Steve Jobs\n1\t1955-02-24\t18355-5-born\n2\t1976\t18355-6-started\t18355-5-built\n")
    target, rows = read_gold(path)
    assert target == "Steve Jobs" and (2, "1976", "18355-5-built") in rows and len(rows) == 3
    assert lookup_names("Beatles Apple Corps")[:3] == ["Beatles Apple Corps", "Beatles Apple", "Apple Corps"]


def test_eval_timeline_on_trial_data():
    folder = need_shared(SHARED_DATA / "timeline-trial")
    from newsfacts.eval.timeline import run
    table, summary = run(str(folder))
    assert summary["timelines"] == 6 and "micro" in table
    assert 0.0 < summary["f1"] <= 1.0
