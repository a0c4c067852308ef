"""Where the content of reported speech ends (PolNeAR's convention, learned
from train counts: see docs/quotes.md, step 2)."""


def indirect(facts, cue: str) -> list[str]:
    return [q.text for q in facts.quotes if q.kind == "indirect" and q.cue and q.cue.text == cue]


def test_infinitive_hung_on_the_cue_is_content(extract):
    facts = extract("He rejected calls from party leaders to drop out of the race.")
    assert indirect(facts, "rejected") == ["calls from party leaders to drop out of the race"]


def test_as_phrase_hung_on_the_cue_is_content(extract):
    facts = extract("Critics denounced the plan as a giveaway to banks.")
    assert indirect(facts, "denounced") == ["the plan as a giveaway to banks"]


def test_conjoined_cue_ends_the_content(extract):
    facts = extract("She said she respects the judge and called him a fair man.")
    assert indirect(facts, "said") == ["she respects the judge"]


def test_conjoined_verb_that_is_no_cue_stays(extract):
    facts = extract("The lawyer said the firm hired more staff and opened an office.")
    assert indirect(facts, "said") == ["the firm hired more staff and opened an office"]


def test_closing_parenthesis_stays(extract):
    facts = extract("The senator criticized the Trans-Pacific Partnership (TPP).")
    assert indirect(facts, "criticized") == ["the Trans-Pacific Partnership (TPP)"]


def test_closing_relative_clause_is_left_out(extract):
    facts = extract("The company said it would sue Mr. Jones, who was fired in 2019.")
    text = indirect(facts, "said")
    assert text == ["it would sue Mr. Jones"]
    assert all(not q.text.endswith("2019") for q in facts.quotes)


def test_restrictive_relative_clause_stays(extract):
    facts = extract("The company said it would sue the man who leaked the memo.")
    assert indirect(facts, "said") == ["it would sue the man who leaked the memo"]


def test_content_ending_inside_a_quotation_runs_to_its_close(extract):
    text = 'Smith said the new tax would "hurt every family. Nobody wants that."'
    facts = extract(text)
    assert indirect(facts, "said") == ['the new tax would "hurt every family. Nobody wants that."']
    partial = [q for q in facts.quotes if q.kind == "partial"]
    assert [q.text for q in partial] == ["hurt every family. Nobody wants that."]
    for q in facts.quotes:
        assert text[q.start:q.end] == q.text
