"""The cue's extent in PolNeAR's convention (pipeline/quoting/cue_span.py),
learned from PolNeAR train into patterns/cue_spans.json."""
import pytest

from newsfacts.pipeline.quoting.cue_span import extend_cue, load_cue_spans


def grow(nlp, sentence: str, head_word: str) -> tuple[str, str]:
    """Extend the cue of head_word whose content is everything after it (the
    closing stop aside), as the rules hand it over; returns (cue, content)."""
    doc = nlp(sentence)
    head = next(t for t in doc if t.text == head_word)
    content = [t for t in doc[head.i + 1:] if not (t.is_punct and t.i == len(doc) - 1)]
    cue, content = extend_cue(head, [head], content)
    return doc[cue[0].i:cue[-1].i + 1].text, doc[content[0].i:content[-1].i + 1].text


@pytest.mark.parametrize("sentence, head, cue, content", [
    # a light verb and its noun: the content starts at the clause ("made the case | that")
    ("The senator made the case that taxes should rise.", "made", "made the case",
     "that taxes should rise"),
    # a verb of trying takes its complement's verb into the cue
    ("The mayor tried to argue that the budget was balanced.", "tried", "tried to argue",
     "that the budget was balanced"),
    # an object and the preposition beside it ("took aim at | X")
    ("Officials have taken aim at the new rules.", "taken", "have taken aim at", "the new rules"),
])
def test_quotes_cue_span_content_begins_further_in(nlp, sentence, head, cue, content):
    assert grow(nlp, sentence, head) == (cue, content)


@pytest.mark.parametrize("sentence, head, cue", [
    # PolNeAR keeps the accused in the content ("accused | Clinton of lying")
    ("Trump accused Clinton of lying about her emails.", "accused", "accused"),
    # and the hearers of "told" out of the cue
    ("He told reporters that the vote would be close.", "told", "told"),
    # "appear" leaves its complement in the content
    ("The plan appeared to collapse under the weight of its costs.", "appeared", "appeared"),
])
def test_quotes_cue_span_content_stays(nlp, sentence, head, cue):
    assert grow(nlp, sentence, head)[0] == cue


def test_quotes_cue_span_quotation_mark_stays_with_content(nlp):
    cue, content = grow(nlp, 'He called for "a new start" in the talks.', "called")
    assert cue == "called for"
    assert content.startswith('"a new start"')


def test_quotes_cue_span_takes_adverbs_and_auxiliaries(nlp):
    assert grow(nlp, "She has repeatedly warned that the bridge is unsafe.", "warned")[0] == \
        "has repeatedly warned"


def test_quotes_cue_span_in_extract(extract):
    text = "The governor went on to explain that the plan was dead."
    quote = next(q for q in extract(text).quotes if q.kind == "indirect")
    assert quote.cue.text == "went on to explain"
    assert quote.text == "the plan was dead"
    for span in (quote, quote.cue):
        assert text[span.start:span.end] == span.text


def test_quotes_cue_span_without_data_file(tmp_path):
    assert load_cue_spans(str(tmp_path / "absent.json")) == {}


def test_quotes_cue_span_data_is_learned_rates():
    table = load_cue_spans()
    assert len(table) > 500
    assert all(0.0 <= rate <= 1.0 and seen >= 8 for rate, seen in table.values())
    # learned, not typed: auxiliaries and negation join the cue, punctuation after it does not
    assert table["aux|have|pre1"][0] > 0.9 and table["neg|not|pre1"][0] > 0.9
