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
    ("The agency did not unveil plans to pay for the new bridge.",
     {("SRC", "The agency"), ("CUE", "did not unveil plans"),
      ("CON", "to pay for the new bridge")}),
])
def test_quotes_tagger_tags_roles(nlp, text, expected):
    assert roles(nlp, text) == expected


def test_quotes_tagger_leaves_plain_sentences_and_skipped_ones(nlp):
    assert roles(nlp, "He went to the store and bought some milk.") == set()
    assert roles(nlp, "The senator believes the economy is strong.", skip={0}) == set()


@pytest.mark.parametrize("text,cue,content,speaker,attribution", [
    # neither has a cue the rules find: both come from the tagger
    ("The agency did not unveil plans to pay for the new bridge.", "did not unveil plans",
     "to pay for the new bridge", "The agency", "other"),
    ("A spokesman for the mayor did not immediately respond to requests for comment.",
     "did not immediately respond", "to requests for comment", "A spokesman for the mayor",
     "speech"),
])
def test_quotes_tagged_attribution_has_speaker_and_offsets(extract, text, cue, content, speaker,
                                                           attribution):
    facts = extract(text)
    [quote] = facts.quotes
    assert (quote.kind, quote.cue.text, quote.text) == ("indirect", cue, content)
    assert (quote.speaker.text, quote.attribution) == (speaker, attribution)
    assert quote.speaker.entity is not None
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
    assert quote.text == ("The town's population stood at 2,000 in 1950 "
                          "and has since grown to 40,000")
    assert quote.speaker.text == "the census bureau"


TRANSCRIPT = ("The debate turned sharp.\n\n"
              "MODERATOR JANE DOE: Will you release your tax returns?\n\n"
              "SMITH: I will release them when the audit is done.\n\n"
              "JANE DOE: And when does the audit end?\n\n"
              "SMITH: In May.\n\n"
              "NOTE: This transcript was edited.")


def test_quotes_transcript_lines_are_speech(extract):
    quotes = extract(TRANSCRIPT).quotes
    assert [(q.speaker.text, q.cue.text, q.text, q.attribution) for q in quotes] == [
        ("MODERATOR JANE DOE", ":", "Will you release your tax returns?", "speech"),
        ("SMITH", ":", "I will release them when the audit is done.", "speech"),
        ("JANE DOE", ":", "And when does the audit end?", "speech"),
        ("SMITH", ":", "In May.", "speech"),
    ]


def test_quotes_one_label_line_is_not_a_transcript(extract):
    assert extract("NOTE: This story was updated on Friday with new figures.").quotes == []


def test_quotes_headline_claim(extract):
    text = "Mayor Lee: New Bridge Will Open in May.\n\nThe city council met on Tuesday."
    quotes = [q for q in extract(text).quotes if q.cue.text == ":"]
    assert [(q.speaker.text, q.text, q.attribution) for q in quotes] == [
        ("Mayor Lee", "New Bridge Will Open in May", "speech")]


@pytest.mark.parametrize("headline", ["The Latest: Storm Hits the Coast.",
                                      "EXCLUSIVE: Storm Hits the Coast."])
def test_quotes_headline_label_is_no_speaker(extract, headline):
    facts = extract(headline + "\n\nThe city council met on Tuesday.")
    assert [q for q in facts.quotes if q.cue and q.cue.text == ":"] == []


def test_quotes_tagger_skips_sentences_whose_verbs_the_cue_model_doubts(nlp):
    doc = nlp("The senator believes the economy is strong.")
    lexicon = load_lexicon()
    believes = doc[2]
    assert len(list(candidate_sentences(doc, lexicon))) == 1
    assert list(candidate_sentences(doc, lexicon, scores={believes.i: 0.01})) == []
    assert len(list(candidate_sentences(doc, lexicon, scores={believes.i: 0.9}))) == 1
