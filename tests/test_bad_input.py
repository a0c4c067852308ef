"""Bad input: a clear coded error or a sensible empty result, never a traceback."""
import warnings

import pytest
import spacy

from newsfacts import NewsfactsError, make_article
from newsfacts import api
from newsfacts import article as article_module
from newsfacts.api import extract_many, parse, split_chunks, validate
from newsfacts.article import decode_bytes, detect_language
from newsfacts.errors import NewsfactsWarning

GERMAN = ("Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen, das die Mieten "
          "in den großen Städten begrenzen soll. Nach Angaben des Ministeriums sollen die "
          "Regeln schon im Frühjahr in Kraft treten. Kritiker sagen, dass die Maßnahmen nicht "
          "weit genug gehen und die Wohnungsnot damit nicht gelöst werde.")
ENGLISH = ("The city council approved the new budget on Tuesday after a long debate. "
           "Mayor Helen Ortiz said the plan would not raise taxes for most residents, "
           "and the finance chair said he expected the vote to pass again next year.")


@pytest.mark.parametrize("text", ["", "   \n\t ", None])
def test_bad_input_empty_text(text):
    with pytest.raises(NewsfactsError, match=r"\[E001\] story"):
        make_article(text, name="story")


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 20,                    # nulls: binary
    b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 300,  # control characters, no nulls
])
def test_bad_input_binary_bytes(data):
    with pytest.raises(NewsfactsError, match=r"\[E003\]"):
        make_article(data, name="image.txt")


def test_bad_input_nul_in_text():
    with pytest.raises(NewsfactsError, match=r"\[E003\]"):
        make_article("text with a \x00 byte")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig", "utf-32"])
def test_bad_input_unicode_encodings_decode(encoding):
    text = "Ortiz said the café “will reopen” in 2025, according to the council."
    assert decode_bytes(text.encode(encoding), "x") == text


def test_bad_input_cp1252_falls_back_with_warning():
    data = "The mayor’s café – “closed” for good.".encode("cp1252")
    with pytest.warns(NewsfactsWarning, match=r"\[W001\] old.txt.*cp1252"):
        assert decode_bytes(data, "old.txt") == "The mayor’s café – “closed” for good."


def test_bad_input_invalid_published_date():
    with pytest.raises(NewsfactsError, match=r"\[E002\].*'26/01/2024'"):
        make_article("Some text.", published="26/01/2024")


def test_bad_input_too_long_is_refused(monkeypatch):
    monkeypatch.setattr(article_module, "MAX_CHARS", 100)
    with pytest.raises(NewsfactsError, match=r"\[E005\].*101 characters"):
        make_article("x" * 101)


@pytest.mark.parametrize("text, language", [
    (GERMAN, "de"), (ENGLISH, "en"), ("Kurz und gut.", "en"),
    ("Москва — столица России. " * 5, "und")])
def test_bad_input_detect_language(text, language):
    assert detect_language(text) == language


def test_bad_input_non_english_gives_empty_facts_and_warning(extract):
    with pytest.warns(NewsfactsWarning, match=r"\[W002\].*'de'"):
        facts = extract(GERMAN)
    assert facts.article["language"] == "de"
    assert (facts.entities, facts.quotes, facts.times, facts.events) == ([], [], [], [])


def test_bad_input_explicit_language_skips_detection(extract):
    with warnings.catch_warnings():
        warnings.simplefilter("error", NewsfactsWarning)
        facts = extract(ENGLISH, language="en")
    assert facts.article["language"] == "en"


@pytest.mark.parametrize("text", [
    'Ortiz said "the bridge will close on Monday. Reed disagreed on Tuesday.',
    'The mayor said the plan was "final." Then he left." Reed said "no',
    '“Unclosed curly quote from Reed said on Friday',
])
def test_bad_input_unbalanced_quotes_keep_offsets(extract, text):
    data = extract(text).to_dict()
    spans = [m for e in data["entities"] for m in e["mentions"]]
    spans += data["quotes"] + data["times"] + data["amounts"] + data["events"]
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]


def test_bad_input_split_chunks_cover_text_at_paragraphs():
    paragraph = "A sentence about the council. Another one about the bridge.\n\n"
    text = paragraph * 50
    chunks = split_chunks(text, size=500)
    assert "".join(chunks) == text
    assert all(len(c) <= 500 for c in chunks) and len(chunks) > 1
    assert all(c.endswith("\n\n") for c in chunks[:-1])


def test_bad_input_split_chunks_without_breaks():
    text = "x" * 1234
    chunks = split_chunks(text, size=100)
    assert "".join(chunks) == text and max(map(len, chunks)) == 100


LONG_PARAGRAPH = ('Mayor Helen Ortiz visited Boston on Monday. "We will pay at least '
                  '$5 million for the bridge," Ortiz said. Samuel Reed said the work '
                  'would start in March.\n\n')


def spans_of(record):
    spans = [m for e in record["entities"] for m in e["mentions"]]
    spans += record["quotes"] + record["times"] + record["amounts"] + record["events"]
    spans += [q["cue"] for q in record["quotes"] if q["cue"]]
    spans += [q["speaker"] for q in record["quotes"]
              if q["speaker"] and q["speaker"]["start"] is not None]
    return spans + [e["sentence"] for e in record["events"] if e.get("sentence")]


@pytest.mark.parametrize("through", ["extract_many", "extract"])
def test_bad_input_long_article_in_chunks_keeps_offsets_and_ids(nlp, monkeypatch, through):
    text = LONG_PARAGRAPH * 12
    monkeypatch.setattr(api, "CHUNK_CHARS", 500)
    assert len(split_chunks(text)) > 3
    if through == "extract":
        facts = api.extract(text, published="2024-01-26", nlp=nlp)
    else:
        [facts] = list(extract_many([text], published="2024-01-26", nlp=nlp))
    record = facts.to_dict()
    validate(record)
    for span in spans_of(record):
        assert text[span["start"]:span["end"]] == span["text"]
    boston = [e for e in facts.entities if e.name == "Boston"]
    assert len(boston) == 1 and len(boston[0].mentions) == 12  # one entity across chunks
    entity_ids = {e.id for e in facts.entities}
    time_ids = {t.id for t in facts.times}
    for group in ("entities", "quotes", "times", "amounts", "events"):
        ids = [item["id"] for item in record[group]]
        assert len(ids) == len(set(ids)), group
    assert all(q.speaker.entity in entity_ids for q in facts.quotes
               if q.speaker and q.speaker.entity)
    assert all(set(v.agents + v.patients) <= entity_ids for v in facts.events)
    assert all(v.time in time_ids for v in facts.events if v.time)


def test_bad_input_long_short_and_foreign_articles_keep_their_order(nlp, monkeypatch):
    monkeypatch.setattr(api, "CHUNK_CHARS", 500)
    items = [{"id": "short1", "text": ENGLISH}, {"id": "long", "text": LONG_PARAGRAPH * 6},
             {"id": "german", "text": GERMAN}, {"id": "short2", "text": "Joe Biden spoke."}]
    with pytest.warns(NewsfactsWarning, match="W002"):
        out = list(extract_many(items, nlp=nlp, batch_size=2))
    assert [f.article["id"] for f in out] == ["short1", "long", "german", "short2"]
    assert out[1].article["text"] == LONG_PARAGRAPH * 6 and out[2].entities == []


def test_bad_input_over_spacy_max_length_is_parsed():
    """A text longer than spaCy's max_length (1,000,000) parses into one Doc
    whose text is the input (a blank pipeline keeps the test fast)."""
    blank = spacy.blank("en")
    text = ("Paragraph about the harbour bridge and the council vote.\n\n" * 20_000)
    assert len(text) > blank.max_length
    doc = parse(blank, text)
    assert doc.text == text and len(doc) > 100_000


def test_bad_input_five_megabyte_article_is_accepted():
    text = "The council met again today and voted on the bridge.\n\n" * 95_000
    assert len(text) > 5_000_000
    article = make_article(text, language="en")
    assert sum(map(len, split_chunks(article.text))) == len(text)
