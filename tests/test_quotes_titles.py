"""Titles, headline claims, parenthetical cue clauses and carried quotes as
PolNeAR marks them (issue 4): a title after "told"/"with"/"to" is no
statement, a title inside reported speech keeps its closing mark in the
content, a headline "Name: 'Words' more words" is the whole claim, the words
before a parenthetical cue ("In other words, he said, "...") are the first
piece of PolNeAR's content, and a quote-only paragraph continues the nearest
quote before it. Rules chosen on PolNeAR train (see docs/quotes.md)."""
import pytest

from newsfacts.eval import polnear
from newsfacts.schema import Quote, Speaker, TextSpan


def _direct(text, inner, cue, speaker):
    start = text.index(inner)
    cue_at, who_at = text.index(cue), text.index(speaker)
    return Quote(id="Q1", kind="direct", start=start, end=start + len(inner), text=inner,
                 cue=TextSpan(cue_at, cue_at + len(cue), cue),
                 speaker=Speaker(entity=None, start=who_at, end=who_at + len(speaker), text=speaker))


def _content(text, quote):
    return [text[s:e] for s, e in polnear.polnear_content(text, quote)]


@pytest.mark.parametrize("text", [
    'The senator told "Fox and Friends" that the bill would pass next week.',
    'In an interview with "Face the Nation" the governor defended the plan.',
])
def test_a_title_after_told_or_with_is_no_quote(extract, text):
    quotes = extract(text).quotes
    assert not [q for q in quotes if q.kind in ("direct", "partial") and q.text.startswith(("Fox", "Face"))]


@pytest.mark.parametrize("text, ending", [
    ('Trump proclaimed a goal of "Peace Through Strength."', 'Strength."'),
    ('The French, it turns out, are big fans of "Prison Break," Mr. Madden said.', 'Break,"'),
])
def test_a_title_inside_reported_speech_keeps_its_closing_mark(extract, text, ending):
    quotes = [q for q in extract(text).quotes if q.kind == "indirect"]
    assert quotes and quotes[0].text.endswith(ending)
    assert not [q for q in extract(text).quotes if q.kind == "partial"]  # a title is no quote


def test_a_headline_claim_runs_on_past_its_quote(extract):
    text = ("Bernie Sanders: ‘It Is Not A Radical Idea’ To Ask For A $15 Minimum Wage.\n\n"
            "WASHINGTON -- Sen. Bernie Sanders spoke in the Senate on Monday about wages.")
    headline = [q for q in extract(text).quotes if q.start < text.index("\n")]
    assert [q.text for q in headline] == ["‘It Is Not A Radical Idea’ To Ask For A $15 Minimum Wage"]


def test_a_headline_quote_that_ends_its_line_stays_the_quote(extract):
    text = ("Ted Cruz: ‘Physically Assaulting A Reporter Is A Fireable Offense.’\n\n"
            "DECATUR, Ill. -- Sen. Ted Cruz spoke to reporters on Tuesday.")
    headline = [q for q in extract(text).quotes if q.start < text.index("\n")]
    assert [q.text for q in headline] == ["Physically Assaulting A Reporter Is A Fireable Offense."]


def test_words_before_a_parenthetical_cue_are_the_first_piece():
    text = 'In other words, Mr. Cole said, "the era of easy money is over."'
    quote = _direct(text, "the era of easy money is over.", cue="said", speaker="Mr. Cole")
    assert _content(text, quote) == ["In other words", '"the era of easy money is over."']


@pytest.mark.parametrize("text, inner", [
    ('In other words, Mr. Cole said, "The era of easy money is over."', "The era of easy money is over."),
    ('Mr. Cole said, "the era of easy money is over."', "the era of easy money is over."),
])
def test_a_capital_or_no_words_before_the_cue_keep_the_quote_whole(text, inner):
    quote = _direct(text, inner, cue="said", speaker="Mr. Cole")
    assert _content(text, quote) == [f'"{inner}"']


def test_a_quote_only_paragraph_continues_the_nearest_quote_before_it(extract):
    text = ('"We will cut taxes next year," Mayor John Smith said.\n\n"The budget is already balanced."\n\n'
            "The city council met on Tuesday.\n\nThe meeting lasted three hours.\n\n"
            "The vote is expected next week.\n\n"
            '"We oppose the plan," council member Mary Jones said.\n\n"It would hurt the schools."')
    quotes = {q.text: q for q in extract(text).quotes}
    carried = quotes.get("It would hurt the schools.")
    assert carried is not None and carried.speaker is not None
    assert carried.speaker.entity == quotes["We oppose the plan,"].speaker.entity
    assert carried.speaker.entity != quotes["We will cut taxes next year,"].speaker.entity
