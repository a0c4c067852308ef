"""Cue extents of quotes linked by nearness (assemble._nearby_cue), on
sentences written for these tests."""


def direct_cues(facts):
    return {q.text: q.cue.text for q in facts.quotes if q.kind == "direct" and q.cue}


def test_put_it_is_one_cue(extract):
    facts = extract("Marta Lindqvist, the union's treasurer, spoke after the vote. "
                    "As Lindqvist put it, \"The pension fund is safe for another decade.\"")
    assert direct_cues(facts)["The pension fund is safe for another decade."] == "put it"


def test_cue_modifier_after_quote(extract):
    facts = extract("\u201cWhy should taxpayers pay for a stadium?\u201d "
                    "the senator wondered aloud.")
    assert direct_cues(facts)["Why should taxpayers pay for a stadium?"] == "wondered aloud"


def test_cue_auxiliary_after_quote(extract):
    facts = extract("\u201cThe roads are a disgrace. Fix them,\u201d "
                    "the governor had written to the council.")
    assert direct_cues(facts)["The roads are a disgrace. Fix them,"] == "had written"


def test_cue_does_not_grow_into_quote_or_speaker(extract):
    facts = extract("\"The bridge will reopen in May,\" said Paul Hendricks, the city engineer.")
    quote = next(q for q in facts.quotes if q.kind == "direct")
    assert quote.cue.text == "said"
    assert quote.speaker.text.startswith("Paul Hendricks")
