"""Which side of its cue the content lies on (rules.one_side, the learned
lexicon side shares), clauses before the cue that are not content, and the
datelines shared by the speaker spans and the main event (pipeline/dateline.py)."""
import pytest
from spacy.tokens import Doc

from newsfacts.pipeline.dateline import dateline_at, datelines, is_wire_dateline
from newsfacts.pipeline.quoting.lexicon import CueLexicon, load_lexicon
from newsfacts.pipeline.quoting.rules import _fronted_adjunct, one_side
from newsfacts.pipeline.quoting.speakers import refine_span

WORDS = ["While", "he", "embraces", "it", ",", "she", "disavows", "the", "tax", "."]
HEADS = [2, 2, 6, 2, 6, 6, 6, 8, 6, 6]
DEPS = ["mark", "nsubj", "ccomp", "dobj", "punct", "nsubj", "ROOT", "det", "dobj", "punct"]
POS = ["SCONJ", "PRON", "VERB", "PRON", "PUNCT", "PRON", "VERB", "DET", "NOUN", "PUNCT"]


def _doc(nlp, words=WORDS):
    """A hand-built parse: a clause before the cue that the parser called a ccomp."""
    return Doc(nlp.vocab, words=words, heads=HEADS, deps=DEPS, pos=POS,
               lemmas=[w.lower() for w in words[:6]] + ["disavow", "the", "tax", "."])


def _lexicon(left_share: float) -> CueLexicon:
    return CueLexicon(cues={"disavow": {"n": 20, "p": 0.5, "left": [left_share, 20.0]}},
                      content_deps={"ccomp": 0.9, "dobj": 0.8}, left=0.2)


@pytest.mark.parametrize("left_share, side", [(0.05, "right"), (0.9, "left")])
def test_quotes_recall_one_side_weighs_the_learned_side(nlp, left_share, side):
    doc = _doc(nlp)
    verb, clause, obj = doc[6], doc[2], doc[8]
    chosen = one_side(verb, "disavow", _lexicon(left_share), [clause, obj])
    assert chosen == ([obj] if side == "right" else [clause])


def test_quotes_recall_left_share_backs_off_for_rare_words():
    lexicon = _lexicon(0.0)
    assert lexicon.left_share("never-seen") == pytest.approx(0.2)
    assert lexicon.left_share("disavow") < 0.05


def test_quotes_recall_learned_sides_in_the_shipped_lexicon():
    lexicon = load_lexicon()
    # "X, he said" is common; content before "call" almost never is
    assert lexicon.left_share("say") > 3 * lexicon.left_share("call")


@pytest.mark.parametrize("mark, fronted", [("While", True), ("Although", True), ("that", False)])
def test_quotes_recall_clause_opened_by_a_conjunction_is_not_content(nlp, mark, fronted):
    doc = _doc(nlp, [mark] + WORDS[1:])
    assert _fronted_adjunct(doc[2], doc[6]) is fronted


@pytest.mark.parametrize("text, content", [
    ("The plan will fail, the mayor said.", "The plan will fail"),
    ("While he supports the cut, Smith argued that the budget must be balanced.",
     "the budget must be balanced"),
])
def test_quotes_recall_content_side_in_the_pipeline(extract, text, content):
    assert [q.text for q in extract(text).quotes] == [content]


def test_quotes_recall_a_quote_beside_the_cue_stays_its_content(extract):
    """The cue word's content usually follows it ("charged that ..."), but a
    quotation before it is what was said, not the phrase after it."""
    facts = extract("“You have called the workers lazy and greedy,” Kelly charged in her speech.")
    quote = next(q for q in facts.quotes if q.cue and q.cue.text.startswith("charged"))
    assert quote.kind == "direct" and quote.text.startswith("You have called")


# ------------------------------------------------------------------ datelines

@pytest.mark.parametrize("text, opening, place", [
    ("WASHINGTON -- President Obama said", "WASHINGTON -- ", "WASHINGTON"),
    ("RENO, Nev. (AP) — Gov. Jane Doe said", "RENO, Nev. (AP) — ", "RENO, Nev."),
    ("Dec 29 (Reuters) - Oil prices rose", "Dec 29 (Reuters) - ", None),
    ("NBC News said on Friday that it would", None, None),
])
def test_quotes_recall_dateline_at_a_paragraph_start(text, opening, place):
    match = dateline_at(text, 0)
    assert (match.group(0) if match else None) == opening
    assert (match.group("place") if match else None) == place


def test_quotes_recall_dateline_only_where_a_paragraph_opens():
    text = "He spoke. WASHINGTON -- The Senate voted."
    assert dateline_at(text, text.index("WASHINGTON")) is None
    assert dateline_at("Caption\n" + text[10:], 8) is not None


def test_quotes_recall_datelines_in_the_lead_need_a_place_and_a_real_dash():
    lead = "Photo: the hall\nNEW YORK (Reuters) - Stocks fell. SOME WORDS - more"
    found = list(datelines(lead, 600))
    assert [m.group("place") for m in found] == ["NEW YORK", "SOME WORDS"]
    assert [is_wire_dateline(m) for m in found] == [True, False]


def test_quotes_recall_speaker_span_drops_a_wire_dateline(nlp):
    text = "RENO, Nev. (AP) — Gov. Jane Doe said on Monday that the state would appeal."
    doc = nlp(text)
    start, end = refine_span(doc, text, (0, text.index(" said")), None, [])
    assert text[start:end] == "Gov. Jane Doe"


def test_quotes_recall_subject_taken_for_a_prepositional_object(nlp):
    """"as a lawyer for the union argued ...": the parser hangs the lawyer from
    "as" and the verb from the main clause; the lawyer is the speaker, not the
    main clause's subject."""
    from newsfacts.pipeline.quoting.rules import find_source
    words = ["The", "mayor", "left", "as", "a", "lawyer", "for", "the", "union", "argued",
             "that", "it", "failed", "."]
    heads = [1, 2, 2, 2, 5, 3, 5, 8, 6, 2, 12, 12, 9, 2]
    deps = ["det", "nsubj", "ROOT", "prep", "det", "pobj", "prep", "det", "pobj", "advcl",
            "mark", "nsubj", "ccomp", "punct"]
    pos = ["DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "ADP", "DET", "NOUN", "VERB", "SCONJ",
           "PRON", "VERB", "PUNCT"]
    tags = ["DT", "NN", "VBD", "IN", "DT", "NN", "IN", "DT", "NN", "VBD", "IN", "PRP", "VBD", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    lexicon = load_lexicon()
    assert find_source(doc[9], "argue", lexicon) == doc[5]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos,
              tags=tags[:9] + ["VBG"] + tags[10:])  # "as ... arguing": a participle inherits
    assert find_source(doc[9], "argue", lexicon) == doc[1]
