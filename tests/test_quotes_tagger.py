"""The CRF role tagger (quoting/tagger.py) and the attributions it adds (quoting/tagged.py)."""
import pytest

from newsfacts.pipeline.quoting.lexicon import load_lexicon
from newsfacts.pipeline.quoting.tagger import (TAGGER_PATH, SentenceFeatures, candidate_sentences,
                                               load_tagger, word_of)


def roles(nlp, text, skip=frozenset()):
    doc = nlp(text)
    tagged = load_tagger().tag(doc, load_lexicon(), [], set(skip))
    return {(t.role, " ".join(w.text for w in t.tokens)) for sent in tagged for t in sent}


def test_quotes_tagger_is_shipped_and_small():
    assert load_tagger() is not None
    assert TAGGER_PATH.stat().st_size < 6_000_000


def test_quotes_tagger_absent_model_is_none(tmp_path):
    assert load_tagger(str(tmp_path / "missing.crfsuite")) is None


def test_quotes_tagger_features_name_no_one(nlp):
    doc = nlp("Hillary Clinton said on Tuesday that Donald Trump would lose Ohio.")
    assert word_of(doc[0]) == "<PERSON>"
    featurizer = SentenceFeatures(load_lexicon(), set())
    [(sent, priors)] = list(candidate_sentences(doc, load_lexicon()))
    _, rows = featurizer.of(sent, priors)
    names = {"hillary", "clinton", "donald", "trump", "ohio"}
    assert not [f for row in rows for f in row if any(n in f.lower() for n in names)]


@pytest.mark.parametrize("text,expected", [
    ("The senator believes the economy is strong.",
     {("SRC", "The senator"), ("CUE", "believes"), ("CON", "the economy is strong")}),
    ("Tom Baker voted for the new budget.",
     {("SRC", "Tom Baker"), ("CUE", "voted for"), ("CON", "the new budget")}),
])
def test_quotes_tagger_tags_roles(nlp, text, expected):
    assert roles(nlp, text) == expected


def test_quotes_tagger_leaves_plain_sentences_and_skipped_ones(nlp):
    assert roles(nlp, "He went to the store and bought some milk.") == set()
    assert roles(nlp, "The senator believes the economy is strong.", skip={0}) == set()


def test_quotes_tagged_attribution_has_speaker_entity_and_offsets(extract):
    facts = extract("Tom Baker voted for the new budget.")
    [quote] = facts.quotes
    text = facts.article["text"]
    assert (quote.kind, quote.cue.text, quote.text) == ("indirect", "voted for", "the new budget")
    assert quote.attribution == "other"
    assert facts.entity(quote.speaker.entity).name == "Tom Baker"
    for span in (quote, quote.cue, quote.speaker):
        assert text[span.start:span.end] == span.text


def test_quotes_tagger_on_bad_input_never_raises(extract):
    text = 'He said "' + "very " * 3000 + 'long. She claims, ‘ that ” it is « fine.\n\n"'
    facts = extract(text)
    for quote in facts.quotes:
        assert text[quote.start:quote.end] == quote.text


def test_quotes_according_to_covers_every_conjunct(extract):
    text = ("The town's population stood at 2,000 in 1950 and has since grown to 40,000, "
            "according to the census bureau.")
    [quote] = extract(text).quotes
    assert quote.text == "The town's population stood at 2,000 in 1950 and has since grown to 40,000"
    assert quote.speaker.text == "the census bureau"
