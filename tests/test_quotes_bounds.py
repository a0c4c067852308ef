"""Where a quote's content begins and ends, and which quotes make one
attribution, as PolNeAR marks them (issue 4): a quote that follows reported
speech closing on a quotation goes on with it, a quote that is the subject of
its sentence is no carried-over statement, and a closing mark typed the wrong
way round stays in the content. Rules chosen on PolNeAR train (docs/quotes.md)."""
from newsfacts.eval import polnear
from newsfacts.schema import Quote, Speaker, TextSpan


def _attributions(text, quotes):
    return [([text[s:e] for s, e in a.content], [text[s:e] for s, e in a.cue])
            for a in polnear.to_attributions(text, quotes)]


def test_a_quote_after_reported_speech_that_closes_on_a_quotation_goes_on_with_it(extract):
    text = ('Like most shops, "we check every order twice," Tom Baker said on Monday. '
            '"Mistakes cost us customers."')
    quotes = extract(text).quotes
    follower = next(q for q in quotes if q.text == "Mistakes cost us customers.")
    reported = next(q for q in quotes if q.kind == "indirect")
    assert follower.kind == "direct" and follower.cue.text == "said"
    assert follower.speaker is not None and follower.speaker.entity == reported.speaker.entity
    assert _attributions(text, quotes) == [
        (['Like most shops, "we check every order twice,"', '"Mistakes cost us customers."'], ["said"])]


def test_reported_speech_without_a_closing_quotation_keeps_the_next_quote_apart(extract):
    text = ('Tom Baker said the shop checks every order twice. '
            '"Mistakes cost us customers," he added.')
    contents = [content for content, _ in _attributions(text, extract(text).quotes)]
    assert ['the shop checks every order twice'] in contents
    assert ['"Mistakes cost us customers,"'] in contents


def test_a_quote_that_is_the_subject_of_its_sentence_is_no_carried_statement(extract):
    text = '"We will win," Smith said.\n\n"Containment" has been the policy of the city since the flood.'
    quotes = extract(text).quotes
    assert not [q for q in quotes if q.text.startswith("Containment")]
    assert [q.text for q in quotes if q.kind == "direct"] == ["We will win,"]


def test_a_quote_only_paragraph_still_carries_the_speaker(extract):
    text = '"We will win," Smith said.\n\n"The other side has no plan."'
    quotes = [q for q in extract(text).quotes if q.kind == "direct"]
    assert [q.text for q in quotes] == ["We will win,", "The other side has no plan."]
    assert quotes[1].speaker is not None and quotes[1].speaker.entity == quotes[0].speaker.entity


def test_a_closing_mark_typed_as_an_opening_one_stays_in_the_content():
    text = "“It is unusual,“ said Jane Doe."
    inner = "It is unusual,"
    quote = Quote(id="Q1", kind="direct", start=1, end=1 + len(inner), text=inner,
                  cue=TextSpan(17, 21, "said"), speaker=Speaker(entity=None, start=22, end=30, text="Jane Doe"))
    assert [text[s:e] for s, e in polnear.polnear_content(text, quote)] == ["“It is unusual,“"]


def test_an_opening_mark_after_a_space_is_not_taken_as_a_closing_one():
    text = "He called it unusual “at best”."
    inner = "He called it unusual"
    quote = Quote(id="Q1", kind="direct", start=0, end=len(inner), text=inner)
    assert [text[s:e] for s, e in polnear.polnear_content(text, quote)] == ["He called it unusual"]


def test_a_rare_verb_that_closes_the_clause_after_a_quote_is_its_cue(extract):
    text = 'The hall filled early.\n\n"People are tired of waiting," Jane Doe surmised. "They want answers now."'
    quotes = [q for q in extract(text).quotes if q.kind == "direct"]
    assert [(q.text, q.cue.text) for q in quotes] == [
        ("People are tired of waiting,", "surmised"), ("They want answers now.", "surmised")]
    assert quotes[0].speaker.text == "Jane Doe"


def test_a_title_with_a_full_stop_may_sit_between_the_quote_and_that_verb(extract):
    text = 'The hall filled early.\n\n"People are tired of waiting," Sen. Jane Doe surmised.'
    quotes = [q for q in extract(text).quotes if q.kind == "direct"]
    assert [(q.cue.text, q.speaker.text) for q in quotes] == [("surmised", "Sen. Jane Doe")]


def test_a_verb_after_a_quote_that_ends_in_a_full_stop_is_no_cue(extract):
    text = 'The hall filled early.\n\n"People are tired of waiting." Jane Doe smiled.'
    quotes = [q for q in extract(text).quotes if q.kind == "direct"]
    assert not [q for q in quotes if q.cue is not None and q.cue.text == "smiled"]


def test_a_quote_at_the_very_end_of_the_text_keeps_its_offsets_inside_it():
    text = 'She said: “We are done'
    inner = "We are done"
    quote = Quote(id="Q1", kind="direct", start=len(text) - len(inner), end=len(text), text=inner)
    spans = polnear.polnear_content(text, quote)
    assert spans[-1][1] == len(text) and [text[s:e] for s, e in spans] == ["“We are done"]
