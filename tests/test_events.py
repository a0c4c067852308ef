import pytest

from newsfacts.article import Article
from newsfacts.pipeline.entities import extract_entities
from newsfacts.pipeline.events import extract_events
from newsfacts.schema import TimeExpr


@pytest.fixture(scope="module")
def events_of(nlp):
    """events_of(text, {"Friday": "2024-01-26", ...}) with hand-made times, so
    these tests do not depend on the times extractor."""
    def run(text, dates=None):
        doc = nlp(text)
        article = Article(text=text, published="2024-01-26")
        entities = extract_entities(doc, article)
        times = [_time(text, f"T{i}", phrase, value) for i, (phrase, value) in enumerate((dates or {}).items(), 1)]
        events = extract_events(doc, article, entities, times)
        for event in events:
            assert event.text == text[event.start:event.end]
            assert event.sentence.text == text[event.sentence.start:event.sentence.end]
        names = {e.id: e.name for e in entities}
        return {e.text: e for e in events}, names
    return run


def _time(text, time_id, phrase, value):
    start = text.index(phrase)
    return TimeExpr(time_id, start, start + len(phrase), phrase, "DATE", value)


def named(ids, names):
    return [names[i] for i in ids]


def test_events_verb_with_particle_agent_and_date(events_of):
    events, names = events_of("Donald Trump walked out of the courtroom Friday.", {"Friday": "2024-01-26"})
    walk = events["walked out"]
    assert named(walk.agents, names) == ["Donald Trump"]
    assert (walk.time, walk.date) == ("T1", "2024-01-26")
    assert walk.sentence.text == "Donald Trump walked out of the courtroom Friday."


def test_events_time_in_prepositional_phrase(events_of):
    events, _ = events_of("On Thursday, Microsoft announced a new phone.", {"Thursday": "2024-01-25"})
    assert events["announced"].date == "2024-01-25"


def test_events_passive_voice(events_of):
    events, names = events_of("Microsoft was acquired by Google in October 2022.", {"October 2022": "2022-10"})
    acquired = events["acquired"]
    assert named(acquired.agents, names) == ["Google"]
    assert named(acquired.patients, names) == ["Microsoft"]
    assert acquired.date == "2022-10"


def test_events_object_control_and_infinitive_keeps_no_date(events_of):
    events, names = events_of("A jury last May ordered Donald Trump to pay Carroll.", {"last May": "2023-05"})
    assert events["ordered"].date == "2023-05"
    assert named(events["ordered"].patients, names) == ["Donald Trump"]
    pay = events["pay"]
    assert named(pay.agents, names) == ["Donald Trump"]
    assert pay.date is None  # ordered in May, not paid in May


def test_events_event_noun_takes_the_date_of_its_clause(events_of):
    events, _ = events_of("Jurors heard the closing argument on Friday.", {"Friday": "2024-01-26"})
    assert "closing argument" in events
    assert events["closing argument"].date == "2024-01-26"


def test_events_event_noun_with_its_own_time_and_possessor(events_of):
    events, names = events_of("She sued over Trump's June 2019 denials.", {"June 2019": "2019-06"})
    denials = events["denials"]
    assert named(denials.agents, names) == ["Trump"]
    assert denials.date == "2019-06"
    assert events["sued"].date is None


def test_events_gerund_complement_shares_the_date(events_of):
    text = "On Thursday, Trump spent only four minutes defending himself on the witness stand."
    events, _ = events_of(text, {"Thursday": "2024-01-25"})
    assert events["spent"].date == "2024-01-25"
    assert events["defending"].date == "2024-01-25"
    assert events["defending"].agents == events["spent"].agents != []


def test_events_pluperfect_does_not_inherit(events_of):
    events, _ = events_of("On Monday, the court ruled that Smith had lied.", {"Monday": "2024-01-22"})
    assert events["ruled"].date == "2024-01-22"
    assert events["lied"].date is None


def test_events_relative_pronoun_subject(events_of):
    events, names = events_of("Democrat Joe Biden, who beat Trump in 2020, spoke.", {"2020": "2020"})
    beat = events["beat"]
    assert "Joe Biden" in named(beat.agents, names)
    assert beat.date == "2020"


def test_events_skip_direct_quotes_but_keep_the_speech_act(events_of):
    events, names = events_of('"We will win the election," Smith said.')
    assert "win" not in events
    assert named(events["said"].agents, names) == ["Smith"]


def test_events_skip_copula_and_auxiliaries(events_of):
    events, _ = events_of("The trial is in its fifth day and has been long.")
    assert "is" not in events and "has" not in events and "been" not in events
    assert "trial" in events


def test_events_date_carried_to_next_sentence_only_with_same_agent(events_of):
    text = "Smith resigned on Monday. Smith left the building. Jones arrived."
    events, _ = events_of(text, {"Monday": "2024-01-22"})
    assert events["left"].date == "2024-01-22" and events["left"].time is None
    assert events["arrived"].date is None


def test_events_ids_in_text_order(events_of):
    events, _ = events_of("Smith resigned and Jones replaced him.")
    ordered = sorted(events.values(), key=lambda e: e.start)
    assert [e.id for e in ordered] == [f"V{i}" for i in range(1, len(ordered) + 1)]


def test_events_seed_article(seed_facts):
    def first(text):
        return next(e for e in seed_facts.events if e.text == text)
    trump = {e.id for e in seed_facts.entities if "Trump" in e.name}
    walk = first("walked out")
    assert walk.date == "2024-01-26" and set(walk.agents) & trump
    assert first("closing argument").date == "2024-01-26"
    assert first("ordered").date == "2023-05"
    assert first("spent").date == "2024-01-25"
    assert first("defending").date == "2024-01-25"


def test_events_time_before_a_complement_belongs_to_the_reporting_verb(events_of):
    events, _ = events_of("Police said on Tuesday they had arrested 14 men.", {"Tuesday": "2024-01-23"})
    assert events["said"].date == "2024-01-23"
    assert events["arrested"].date is None


def test_events_when_clause_dates_the_main_verb(events_of):
    text = "Ten people perished when their boat sank off the coast in late November."
    events, _ = events_of(text, {"late November": "2023-11"})
    assert events["sank"].date == "2023-11"
    assert events["perished"].date == "2023-11"


def test_events_durations_do_not_anchor(nlp):
    text = "Trump spoke for four minutes."
    doc = nlp(text)
    article = Article(text=text, published="2024-01-26")
    start = text.index("four minutes")
    times = [TimeExpr("T1", start, start + 12, "four minutes", "DURATION", "PT4M")]
    events = extract_events(doc, article, extract_entities(doc, article), times)
    spoke = next(e for e in events if e.text == "spoke")
    assert (spoke.time, spoke.date) == (None, None)


def test_events_going_to_is_not_an_event(events_of):
    events, _ = events_of("The court is going to decide the case.")
    assert "going" not in events and "decide" in events


def test_events_time_right_after_an_event_noun_dates_the_noun(events_of):
    text = "A jury last May ordered Trump to pay Carroll $5 million over a similar denial in October 2022."
    events, _ = events_of(text, {"last May": "2023-05", "October 2022": "2022-10"})
    assert events["denial"].date == "2022-10"
    assert events["ordered"].date == "2023-05"
    assert events["pay"].date is None


@pytest.mark.parametrize("value,date", [
    ("2024-01-26", "2024-01-26"), ("2024-01-25T15:00", "2024-01-25"), ("2023-05", "2023-05"),
    ("199X", "199X"), ("2024-W04", "2024-W04"), ("PRESENT_REF", None), ("PT4M", None),
])
def test_events_date_of_time_value(value, date):
    from newsfacts.pipeline.events import date_of
    assert date_of(TimeExpr("T1", 0, 1, "x", "DATE", value)) == date


def test_events_noun_premodified_by_a_time_is_an_event(events_of):
    events, _ = events_of("Tuesday's session was long.", {"Tuesday": "2024-01-23"})
    assert events["session"].date == "2024-01-23"


# ---- eval/timeml_events.py on a tiny hand-written TimeML document
EVENTS_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>t_events</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-01-26" functionInDocument="CREATION_TIME">2024-01-26</TIMEX3></DCT>
<TEXT>
The company <EVENT eid="e1" class="OCCURRENCE">announced</EVENT> the merger on <TIMEX3 tid="t1" type="DATE" value="2024-01-22">Monday</TIMEX3>.
</TEXT>
<MAKEINSTANCE eiid="ei1" eventID="e1" pos="VERB" tense="PAST" aspect="NONE" polarity="POS"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
</TimeML>
"""


def test_timeml_events_scores_triggers_and_time_links(tmp_path):
    from newsfacts.eval import timeml_events
    (tmp_path / "t_events.tml").write_text(EVENTS_TML, encoding="utf-8")
    doc = timeml_events.read_timeml_events(tmp_path / "t_events.tml")
    assert doc.anchors == [("e1", "t1")]
    assert doc.text[slice(*doc.events["e1"])] == "announced"
    table, summary = timeml_events.run(str(tmp_path))
    assert summary["events"]["gold"] == 1 and summary["events"]["strict"]["recall"] == 100.0
    assert summary["time_links"]["gold"] == 1 and summary["time_links"]["right"] == 1
    assert "time links" in table
