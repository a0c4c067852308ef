"""End to end on the user's seed article (read from ../shared; skipped when absent)."""
import re

import pytest


def entity_named(facts, name):
    found = [e for e in facts.entities if e.name == name]
    assert len(found) == 1, f"{name!r}: {[e.name for e in facts.entities]}"
    return found[0]


def mention_texts(entity):
    return {m.text for m in entity.mentions}


def entity_of(facts, text):
    """Ids of the entities holding a mention with this exact text."""
    return {e.id for e in facts.entities for m in e.mentions if m.text == text}


def test_seed_offsets_hold(seed_facts):
    data = seed_facts.to_dict()
    text = data["article"]["text"]
    spans = [m for e in data["entities"] for m in e["mentions"]]
    spans += data["quotes"] + data["times"] + data["amounts"] + data["events"]
    spans += [q["cue"] for q in data["quotes"] if q["cue"]]
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]


def test_seed_trump_is_one_person(seed_facts):
    trump = entity_named(seed_facts, "Donald Trump")
    assert trump.type == "PERSON"
    texts = mention_texts(trump)
    assert {"Donald Trump", "Trump", "the former U.S. president", "The Republican"} <= texts
    text = seed_facts.article["text"]
    for found in re.finditer(r"\bTrump\b", text):
        assert any(m.start <= found.start() and found.end() <= m.end for m in trump.mentions), \
            text[found.start() - 30:found.end()]
    assert trump.attributes["age"] == 77
    assert any("former U.S. president" in t for t in trump.attributes["titles"])
    assert not any(e.type == "ORG" and "Trump" in mention_texts(e) for e in seed_facts.entities)


def test_seed_carroll(seed_facts):
    carroll = entity_named(seed_facts, "E. Jean Carroll")
    assert carroll.type == "PERSON"
    assert {"Carroll", "her client"} <= mention_texts(carroll)
    assert carroll.attributes["age"] == 80
    described = " ".join(carroll.attributes["roles"] + carroll.attributes.get("descriptions", [])
                         + carroll.attributes["titles"])
    assert "writer" in described or "columnist" in described


def test_seed_two_kaplans(seed_facts):
    roberta = entity_named(seed_facts, "Roberta Kaplan")
    lewis = entity_named(seed_facts, "Lewis A. Kaplan")
    assert roberta.id != lewis.id
    assert any("lawyer" in r for r in roberta.attributes["roles"])
    assert any("U.S. District Judge" in t for t in lewis.attributes["titles"])
    assert "Judge Kaplan" in mention_texts(lewis) or any(
        m.text == "Kaplan" and seed_facts.article["text"][m.start - 6:m.start] == "Judge "
        for m in lewis.mentions)


def test_seed_biden(seed_facts):
    biden = entity_named(seed_facts, "Joe Biden")
    assert "Democrat" in biden.attributes["affiliations"]


QUOTES = {  # quoted words -> speaker
    "We all have to follow the law,": "Roberta Kaplan",
    "Donald Trump, however, acts as if these rules and laws just don't apply to him.": "Roberta Kaplan",
    "This trial is about getting him to stop, once and for all,": "Roberta Kaplan",
    "just rose and walked out of the courtroom.": "Lewis A. Kaplan",
    "witch hunt": "Donald Trump",
    "con job": "Donald Trump",
    "hoax": "Donald Trump",
    "mentally sick.": "Donald Trump",
}


def test_seed_quotes_and_speakers(seed_facts):
    marked = [q for q in seed_facts.quotes if q.kind in ("direct", "partial")]
    by_text = {q.text: q for q in marked}
    for words, speaker in QUOTES.items():
        quote = by_text.get(words)
        assert quote is not None, f"missing quote {words!r}: {sorted(by_text)}"
        assert quote.speaker and seed_facts.entity(quote.speaker.entity).name == speaker, words
    for title in ("Ask E. Jean", "Today", "Good Morning America"):
        assert title not in by_text


def test_seed_reported_speech(seed_facts):
    indirect = [q for q in seed_facts.quotes if q.kind == "indirect"]
    speakers = {(seed_facts.entity(q.speaker.entity).name if q.speaker else None, q.text)
                for q in indirect}

    def said(name, words):
        return any(n == name and words in t for n, t in speakers)
    assert said("Roberta Kaplan", "punish the former U.S. president")
    assert said("Donald Trump", "making up the encounter")
    assert said("E. Jean Carroll", "those appearances dried up")
    assert said("Donald Trump", "victim of biased prosecutors")
    assert any("Carroll's accusations" in t for _, t in speakers)


TIMES = [  # text, type, value, mod
    ("Friday", "DATE", "2024-01-26", None),
    ("Thursday", "DATE", "2024-01-25", None),
    ("June 2019", "DATE", "2019-06", None),
    ("the mid-1990s", "DATE", "199X", "MID"),
    ("last May", "DATE", "2023-05", None),
    ("October 2022", "DATE", "2022-10", None),
    ("1993", "DATE", "1993", None),
    ("2019", "DATE", "2019", None),
    ("2020", "DATE", "2020", None),
    ("November", "DATE", "2024-11", None),
    ("four minutes", "DURATION", "PT4M", None),
]


@pytest.mark.parametrize("text,type_,value,mod", TIMES)
def test_seed_times(seed_facts, text, type_, value, mod):
    matches = [t for t in seed_facts.times if t.text == text or t.text.endswith(" " + text)]
    assert matches, f"{text!r} not in {[t.text for t in seed_facts.times]}"
    assert any((t.type, t.value, t.mod) == (type_, value, mod) for t in matches), matches


def test_seed_ages_and_money_are_not_times(seed_facts):
    texts = {t.text for t in seed_facts.times}
    assert not texts & {"80", "77", "$10 million", "$5 million"}


def test_seed_amounts(seed_facts):
    found = {(a.value, a.unit, a.mod) for a in seed_facts.amounts}
    assert (10_000_000, "USD", "at_least") in found
    assert (5_000_000, "USD", None) in found


def test_seed_events_dated(seed_facts):
    dated = [(e.text, e.date) for e in seed_facts.events]

    def has(word, date):
        return any(word in text and (d or "").startswith(date) for text, d in dated)
    assert has("walked out", "2024-01-26"), dated
    assert has("argument", "2024-01-26"), dated
    assert has("ordered", "2023-05") or has("verdict", "2023-05"), dated
    assert any(e.date == "2024-01-25" for e in seed_facts.events), dated
