"""TempEval-3 scoring and the TimeML / MEANTIME readers behind `newsfacts eval timeml|meantime`."""

import pytest

from newsfacts.eval import meantime, timeml
from newsfacts.eval.tempeval import Timex, score_document, summarise

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>t1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-01-26" functionInDocument="CREATION_TIME">20240126</TIMEX3></DCT>
<TEXT>
Trump &amp; Carroll <EVENT eid="e1">met</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2024-01-25">Thursday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="PT4M">four minutes</TIMEX3>. The trial began in <TIMEX3 tid="t3" type="DATE" value="2024-01">January</TIMEX3>.
</TEXT>
</TimeML>
"""

CAT = """<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Apple</token>
<token number="1" sentence="0" t_id="2">sues</token>
<token number="2" sentence="1" t_id="3">March</token>
<token number="3" sentence="1" t_id="4">6</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2008</token>
<token number="6" sentence="2" t_id="7">Apple</token>
<token number="7" sentence="2" t_id="8">sued</token>
<token number="8" sentence="2" t_id="9">on</token>
<token number="9" sentence="2" t_id="10">Tuesday</token>
<token number="10" sentence="2" t_id="11">.</token>
<token number="11" sentence="7" t_id="12">Later</token>
<token number="12" sentence="7" t_id="13">today</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2008-03-06">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2008-03-04">
<token_anchor t_id="10"/>
</TIMEX3>
</Markables>
</Document>
"""


def test_eval_timeml_strip_tags_keeps_offsets(tmp_path):
    path = tmp_path / "t1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = timeml.read_timeml(path)
    assert doc.dct == "2024-01-26"
    assert "Trump & Carroll met on Thursday" in doc.text
    assert [(g.text, g.value) for g in doc.gold] == [
        ("Thursday", "2024-01-25"), ("four minutes", "PT4M"), ("January", "2024-01")]
    assert all(doc.text[g.start:g.end] == g.text for g in doc.gold)


def test_eval_tempeval_strict_relaxed_and_value():
    text = "He left on Friday night for four minutes."
    gold = [Timex(11, 17, "DATE", "2024-01-26"), Timex(28, 40, "DURATION", "PT4M")]
    predicted = [Timex(11, 23, "TIME", "2024-01-26TNI"), Timex(28, 40, "DURATION", "PT4M"),
                 Timex(0, 2, "DATE", "PRESENT_REF")]
    counts = score_document(text, gold, predicted)
    assert (counts.strict, counts.relaxed, counts.type_ok, counts.value_ok) == (1, 2, 1, 1)
    summary = summarise(counts)
    assert summary["strict"]["precision"] == pytest.approx(1 / 3)
    assert summary["relaxed"]["recall"] == 1.0
    assert summary["value"]["f1"] == pytest.approx(0.5 * summary["relaxed"]["f1"])


def test_eval_timeml_run_writes_readable_predictions(tmp_path, nlp):
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir()
    (data / "t1.tml").write_text(TML, encoding="utf-8")
    table, summary = timeml.run(str(data), out=str(out), nlp=nlp)
    assert summary["gold"] == 3 and summary["relaxed"]["recall"] == 1.0
    assert summary["value"]["f1"] == 1.0
    assert "strict" in table
    written = timeml.read_timeml(out / "t1.tml")
    assert written.text == timeml.read_timeml(data / "t1.tml").text
    assert [g.value for g in written.gold] == ["2024-01-25", "PT4M", "2024-01"]


def test_eval_timeml_rejects_a_file_without_dct(tmp_path):
    from newsfacts.errors import NewsfactsError
    path = tmp_path / "bad.tml"
    path.write_text("<TimeML><TEXT>no date</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(NewsfactsError):
        timeml.read_timeml(path)


def test_eval_meantime_reader_uses_dateline_and_annotated_sentences(tmp_path, nlp):
    path = tmp_path / "x.xml"
    path.write_text(CAT, encoding="utf-8")
    doc = meantime.read_meantime(path)
    assert doc.dct == "2008-03-06"
    assert [(g.text, g.value) for g in doc.gold] == [("Tuesday", "2008-03-04")]
    assert doc.text[doc.annotated_end:].strip() == "Later today"
    table, summary = meantime.run(str(tmp_path), nlp=nlp)
    assert summary["predicted"] == 1 and summary["value"]["f1"] == 1.0


