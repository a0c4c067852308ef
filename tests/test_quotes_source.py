"""Speaker spans (pipeline/quoting/speakers.py) and the quoted passages that
PolNeAR taught us to link (assemble.py, eval/polnear.py's conversion)."""
import pytest

from newsfacts.eval import polnear
from newsfacts.pipeline.quoting.marks import find_quoted
from newsfacts.pipeline.quoting.speakers import name_before, refine_span
from newsfacts.schema import Quote, Speaker, TextSpan


def _speakers(facts, cue_text=None):
    return [q.speaker.text if q.speaker else None for q in facts.quotes
            if cue_text is None or (q.cue and q.cue.text == cue_text)]


def _quote(facts, start_words):
    return next(q for q in facts.quotes if q.text.startswith(start_words))


# ------------------------------------------------------------- speaker spans

def test_quotes_source_drops_relative_clause_with_its_own_cue(extract):
    facts = extract("Barkley, who said he typically votes Democratic, said the plan would fail.")
    plan = _quote(facts, "the plan would fail")
    assert plan.speaker.text == "Barkley"
    assert _quote(facts, "he typically votes").speaker.text == "who"


def test_quotes_source_keeps_relative_clause_without_a_cue(extract):
    facts = extract("Chris Cox, who runs the group's lobbying arm, said the bill would fail.")
    assert _quote(facts, "the bill would fail").speaker.text == "Chris Cox, who runs the group's lobbying arm"


@pytest.mark.parametrize("text, speaker", [
    ("A Bloomberg poll in June found that most voters oppose the plan.", "A Bloomberg poll"),
    ("Trump on Tuesday said that the wall would be built.", "Trump"),
])
def test_quotes_source_leaves_out_the_time_of_saying(extract, text, speaker):
    assert _speakers(extract(text)) == [speaker]


def test_quotes_source_leaves_out_a_relative_pronoun_object(extract):
    facts = extract("Clinton, who many in the Republican establishment believe is vulnerable, "
                    "said the plan would fail.")
    assert _speakers(facts, "believe") == ["many in the Republican establishment"]


def test_quotes_source_closes_an_open_bracket(extract):
    facts = extract("Sen. Bernie Sanders (I-Vt.) said the bill would pass the Senate.")
    assert _speakers(facts) == ["Sen. Bernie Sanders (I-Vt.)"]


def test_quotes_source_refine_span_drops_a_dateline(nlp):
    text = "WASHINGTON -- President Obama said on Friday that the museum would open."
    doc = nlp(text)
    start, end = refine_span(doc, text, (0, len("WASHINGTON -- President Obama")), None, [])
    assert text[start:end] == "President Obama"


def test_quotes_source_refine_span_keeps_an_ordinary_name(nlp):
    text = "NBC News said on Friday that the museum would open."
    doc = nlp(text)
    assert refine_span(doc, text, (0, 8), None, []) == (0, 8)


def test_quotes_source_refine_span_moves_off_the_cue(nlp):
    text = "Said Ellis: the plan is dead."
    doc = nlp(text)
    assert text[slice(*refine_span(doc, text, (0, 10), (0, 4), [0]))] == "Ellis"


def test_quotes_source_name_before_a_cue_the_parse_left_alone(nlp):
    text = '"We will get justice," Tulsa police Chief Chuck Jordan said Monday.'
    doc = nlp(text)
    said = next(t for t in doc if t.text == "said")
    words = name_before(doc, text.index('" ') + 1, said)
    assert " ".join(t.text for t in words) == "Tulsa police Chief Chuck Jordan"
    opened = next(t for t in doc if t.text == "get")
    assert name_before(doc, 0, opened) == []  # "We will": not a name


# ------------------------------------------------------------- quoted passages

def test_quotes_source_quote_after_colon_intro_is_direct(extract):
    facts = extract('The statement referenced her record: "She has opened the door for women," '
                    "the union wrote.")
    quote = _quote(facts, "She has opened")
    assert quote.kind == "direct" and quote.speaker.text == "the union" and quote.cue.text == "wrote"
    assert all(q.kind != "partial" for q in facts.quotes)


def test_quotes_source_follow_up_quote_after_a_show_title(extract):
    facts = extract('"He\'s absolutely right," Flynn said on Fox News\'s "Fox and Friends." '
                    '"There is a lot of frustration in the ranks."')
    follow = _quote(facts, "There is a lot")
    assert follow.kind == "direct" and follow.cue.text == "said"
    assert all(not q.text.startswith("Fox and Friends") for q in facts.quotes)


def test_quotes_source_follow_up_quote_after_rev(extract):
    facts = extract('"To be frank, the city will never go back," said the Rev. Peter Wherry. '
                    '"That is the blessing of this."')
    assert _quote(facts, "That is the blessing").cue.text == "said"


def test_quotes_marks_newswire_close_after_inner_single_quote():
    text = "''We are told all the time, 'Kosovo is a special case,''' he said."
    [passage] = find_quoted(text)
    assert text[passage.start:passage.end] == "We are told all the time, 'Kosovo is a special case,'"
    assert passage.outer == [(0, text.index(" he said"))]


# ------------------------------------------------------------- PolNeAR conversion

@pytest.mark.parametrize("text, span, expected", [
    ("Jason Sims -- a teacher from Mount Pleasant -- said", (0, 43), (0, 46)),
    ("Jason Sims — a teacher — said", (0, 22), (0, 24)),
    ("Jane Doe, 25, said", (0, 12), (0, 13)),
    ("Jane Doe -- said", (0, 8), (0, 8)),  # no apposition: the dash is not hers
])
def test_eval_polnear_source_closes_apposition(text, span, expected):
    assert polnear.polnear_source(text, *span) == expected


def test_eval_polnear_with_marks_space_before_closing_mark():
    text = "\"I've been insulted by the term 'outreach,' \" she said."
    inner_end = text.index(",' ") + 2
    assert polnear._with_marks(text, 1, inner_end) == (0, text.index(" she"))


def test_eval_polnear_quote_only_paragraph_joins_previous_attribution():
    text = '"First part of it," she said.\n\n"Second paragraph of the quote."\n\n"Third."'
    first = Quote(id="Q1", kind="direct", start=1, end=18, text=text[1:18],
                  cue=TextSpan(24, 28, "said"), speaker=Speaker(entity=None, start=20, end=23, text="she"))
    s2 = text.index("Second")
    second = Quote(id="Q2", kind="direct", start=s2, end=s2 + 30, text=text[s2:s2 + 30],
                   speaker=Speaker(entity="E1"))
    attributions = polnear.to_attributions(text, [first, second])
    assert len(attributions) == 1
    assert attributions[0].content == ((0, 19), (s2 - 1, s2 + 31))


def test_eval_polnear_quote_with_words_after_stays_apart():
    text = '"First part of it," she said.\n\n"Too forced?" He tweeted.'
    first = Quote(id="Q1", kind="direct", start=1, end=18, text=text[1:18],
                  cue=TextSpan(24, 28, "said"), speaker=Speaker(entity=None, start=20, end=23, text="she"))
    s2 = text.index("Too")
    second = Quote(id="Q2", kind="direct", start=s2, end=s2 + 11, text=text[s2:s2 + 11])
    assert len(polnear.to_attributions(text, [first, second])) == 2
