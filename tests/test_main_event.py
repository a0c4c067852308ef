"""The main event (5W1H): pipeline/main_event.py through extract(), the fact sheet and timeline labels."""
import pytest

from newsfacts.render.markdown import main_event_sentence, render_markdown
from newsfacts.resolve.timeline import label_story_rows, main_event_label
from newsfacts.schema import MainEvent, WSpan

WS = ("who", "what", "when", "where", "why", "how")


def _spans(main_event):
    yield from (main_event[w] for w in WS if main_event[w])
    for candidate in main_event["candidates"]:
        yield from (candidate[w] for w in WS if candidate[w])


def test_main_event_offsets_point_at_the_text(extract):
    facts = extract("Rebels destroyed the main bridge in Mosul on Sunday because it carried troops. "
                    "The army said it would rebuild it.")
    text = facts.article["text"]
    for span in _spans(facts.main_event):
        assert text[span["start"]:span["end"]] == span["text"]


def test_main_event_who_what_when_where_of_a_plain_lead(extract):
    facts = extract("Police arrested three men in Leeds on Tuesday after a string of burglaries. "
                    "The men will appear in court next week.", published="2024-03-07")
    main = facts.main_event
    assert main["who"]["text"] == "Police"
    assert main["what"]["text"].startswith("arrested three men")
    assert main["when"]["text"] == "Tuesday" and main["when"]["value"] == "2024-03-05"
    assert main["where"]["text"] == "Leeds"


def test_main_event_why_and_how_are_null_when_not_stated(extract):
    facts = extract("The city council approved a new budget for schools on Monday. "
                    "The budget takes effect in April.", published="2024-03-07")
    main = facts.main_event
    assert main["what"]["text"].startswith("approved a new budget")
    assert main["why"] is None and main["how"] is None


def test_main_event_why_from_a_because_clause(extract):
    facts = extract("The airline cancelled 200 flights on Friday because pilots went on strike.",
                    published="2024-03-08")
    why = facts.main_event["why"]
    assert why is not None and why["text"].startswith("because pilots")


def test_main_event_why_from_after_on_an_outcome_verb(extract):
    facts = extract("Two people died after a bus crashed into a wall in Leeds on Monday.",
                    published="2024-03-07")
    main = facts.main_event
    assert main["why"] is not None and main["why"]["text"].startswith("after a bus crashed")
    assert main["how"] is None


def test_main_event_how_from_a_by_phrase(extract):
    facts = extract("The thieves entered the bank by digging a tunnel under the street. "
                    "Nobody was hurt.", published="2024-03-08")
    how = facts.main_event["how"]
    assert how is not None and how["text"].startswith("by digging")


def test_main_event_where_falls_back_to_the_dateline(extract):
    facts = extract("WASHINGTON (AP) -- The Senate passed the spending bill on Tuesday by a wide margin.",
                    published="2024-03-07")
    assert facts.main_event["where"]["text"] == "WASHINGTON"


def test_main_event_when_is_not_a_background_date(extract):
    facts = extract("Acme Corp closed its oldest factory. The factory had opened on May 5, 1998.",
                    published="2024-03-07")
    assert facts.main_event["when"] is None


def test_main_event_when_is_not_a_reference_point(extract):
    facts = extract("Police arrested a second suspect three days after Monday's attack on the mosque.",
                    published="2024-03-07")
    assert facts.main_event["what"]["text"].startswith("arrested a second suspect")
    assert facts.main_event["when"] is None


def test_main_event_passive_takes_the_by_agent(extract):
    facts = extract("The old bridge was destroyed by rebel fighters on Sunday.", published="2024-03-08")
    assert facts.main_event["who"]["text"] == "rebel fighters"


def test_main_event_lead_quote_is_not_the_event(extract):
    text = ('"We will never give up on this town," said Mayor Jane Smith. '
            "Floods destroyed forty homes in Riverton on Monday, officials said.")
    facts = extract(text, published="2024-03-07")
    main = facts.main_event
    quote_end = text.index('," said')
    assert main["what"]["start"] > quote_end
    assert "destroyed forty homes" in main["what"]["text"]


def test_main_event_pronoun_agent_reads_as_the_entity_name(extract):
    facts = extract("Maria Lopez, the mayor of Springfield, resigned on Monday. "
                    "She said she had lost the trust of the council.", published="2024-03-07")
    who = facts.main_event["who"]
    assert who["text"] == "Maria Lopez"
    assert facts.entity(who["entity"]).name == "Maria Lopez"


def test_main_event_keeps_ranked_candidates(extract):
    facts = extract("Storms flooded the coast on Monday. Schools closed in three towns. "
                    "Officials said the rain would stop by Friday.", published="2024-03-07")
    candidates = facts.main_event["candidates"]
    assert 1 < len(candidates) <= 3
    scores = [c["score"] for c in candidates]
    assert scores == sorted(scores, reverse=True)
    assert candidates[0]["what"] == facts.main_event["what"]


def test_main_event_none_without_a_verb(extract):
    assert extract("Weather: sunny.").main_event is None


def test_main_event_to_dict_shape():
    event = MainEvent(who=WSpan(0, 4, "Anna"), what=WSpan(5, 9, "left"),
                      when=WSpan(10, 16, "Friday", value="2024-01-26"))
    data = event.to_dict()
    assert data["who"] == {"start": 0, "end": 4, "text": "Anna", "entity": None}
    assert data["when"]["value"] == "2024-01-26"
    assert data["where"] is None and data["candidates"] == []


def test_main_event_seed_article(seed_facts):
    main = seed_facts.main_event
    trump = seed_facts.entity(main["who"]["entity"])
    assert main["who"]["text"] == "Donald Trump" and trump.name == "Donald Trump"
    assert main["what"]["text"].startswith("walked out of the courtroom")
    assert main["when"]["text"] == "Friday" and main["when"]["value"] == "2024-01-26"
    assert "court" in main["where"]["text"]


def test_main_event_opens_the_fact_sheet(extract):
    facts = extract("Police arrested three men in Leeds on Tuesday.", published="2024-03-07")
    sheet = render_markdown(facts)
    section = sheet.split("## Main event\n\n", 1)[1]
    first_line = section.splitlines()[0]
    assert first_line.startswith("**Police** arrested three men") and first_line.endswith(".")
    assert "when: Tuesday = 2024-03-05" in first_line
    assert sheet.index("## Main event") < sheet.index("## People & organisations")


def test_main_event_sentence_uses_entity_names():
    main = {"who": {"start": 0, "end": 3, "text": "She", "entity": "E1"},
            "what": {"start": 4, "end": 10, "text": "quit"}, "when": None, "where": None,
            "why": None, "how": None}
    assert main_event_sentence(main, {"E1": "Maria Lopez"}) == "**Maria Lopez** quit."
    assert main_event_sentence(None) == ""


@pytest.mark.parametrize("when, label", [
    ({"start": 0, "end": 6, "text": "Friday", "value": "2024-01-26"}, "Anna left the court (2024-01-26)"),
    (None, "Anna left the court"),
])
def test_main_event_story_labels(when, label):
    facts = {"entities": [{"id": "E1", "name": "Anna"}],
             "main_event": {"who": {"start": 0, "end": 3, "text": "she", "entity": "E1"},
                            "what": {"start": 4, "end": 18, "text": "left the\ncourt"},
                            "when": when}}
    assert main_event_label(facts) == label
    rows = label_story_rows([{"article_id": 1}, {"article_id": 1}], {1: facts}.get)
    assert [r["main_event"] for r in rows] == [label, label]
    assert main_event_label(None) == ""
