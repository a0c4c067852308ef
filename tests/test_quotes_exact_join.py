"""A quote that ends the sentence after its cue's, after a few words of that
sentence (assemble._follows, eval.polnear._intro_before), on sentences
written for these tests."""
from newsfacts.eval.polnear import to_attributions

TEXT = ("\u201cThe budget is balanced,\u201d Mayor Daniel Harper said on Monday. "
        "Now, \u201cthe roads need work.\u201d")


def test_quote_after_intro_words_keeps_the_cue(extract):
    facts = extract(TEXT)
    quote = next(q for q in facts.quotes if q.text == "the roads need work.")
    first = next(q for q in facts.quotes if q.text == "The budget is balanced,")
    assert quote.kind == "direct"
    assert quote.cue.text == "said"
    assert first.speaker.entity is not None
    assert quote.speaker is not None and quote.speaker.entity == first.speaker.entity


def test_polnear_piece_is_the_whole_sentence(extract):
    facts = extract(TEXT)
    [attribution] = [a for a in to_attributions(TEXT, facts.quotes) if a.cue]
    assert [TEXT[s:e] for s, e in attribution.content] == \
        ["\u201cThe budget is balanced,\u201d", "Now, \u201cthe roads need work.\u201d"]


def test_quote_inside_a_clause_of_its_own_is_not_joined(extract):
    text = ("\u201cThe budget is balanced,\u201d Mayor Ana Ruiz said. "
            "Critics called the plan \u201ca fantasy.\u201d Others disagreed.")
    facts = extract(text)
    fantasy = [q for q in facts.quotes if q.text == "a fantasy."]
    assert fantasy and all(q.kind == "partial" and q.cue.text == "called" for q in fantasy)


def test_named_quote_inside_reported_speech_is_no_attribution_of_its_own(extract):
    text = ("The agency is denouncing what it calls \u201cthe worst audit in history.\u201d "
            "\u201cWe will appeal,\u201d Director Daniel Harper said.")
    facts = extract(text)
    contents = [[text[s:e] for s, e in a.content] for a in to_attributions(text, facts.quotes)]
    assert ["\u201cthe worst audit in history.\u201d"] not in contents
    assert ["\u201cWe will appeal,\u201d"] in contents
