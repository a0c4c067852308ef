import re

import pytest

from newsfacts.article import Article
from newsfacts.eval import meantime_values
from newsfacts.pipeline.amounts import _alt, _spaced, extract_amounts, parse_number_words


@pytest.fixture(scope="module")
def amounts_of(nlp):
    def run(text):
        found = extract_amounts(nlp(text), Article(text=text))
        for amount in found:
            assert amount.text == text[amount.start:amount.end]
        return found
    return run


def only(found):
    assert len(found) == 1, [a.text for a in found]
    return found[0]


@pytest.mark.parametrize("phrase,value", [
    ("one hundred and twenty", 120), ("half a billion", 500_000_000), ("a million", 1_000_000),
    ("twenty-five", 25), ("a dozen", 12), ("two dozen", 24), ("five million", 5_000_000),
    ("three thousand four hundred", 3400),
])
def test_amounts_number_words(phrase, value):
    parsed, used = parse_number_words(phrase)
    assert parsed == value and used == len(phrase)


def test_amounts_number_words_stop_at_a_second_number():
    assert parse_number_words("two and three") == (2, 3)
    assert parse_number_words("a") is None


@pytest.mark.parametrize("sentence,text,value,unit", [
    ("The fine was $5 million last year.", "$5 million", 5_000_000, "USD"),
    ("The fine was $5m.", "$5m", 5_000_000, "USD"),
    ("Profits hit $5bn.", "$5bn", 5_000_000_000, "USD"),
    ("It costs 5 billion dollars to build.", "5 billion dollars", 5_000_000_000, "USD"),
    ("The debt reached US$ 2.3 trillion.", "US$ 2.3 trillion", 2_300_000_000_000, "USD"),
    ("She paid €20,000 for it.", "€20,000", 20_000, "EUR"),
    ("The plan costs £1.2bn.", "£1.2bn", 1_200_000_000, "GBP"),
    ("The deal is worth C$5 million.", "C$5 million", 5_000_000, "CAD"),
    ("The tower cost HK$3.5bn.", "HK$3.5bn", 3_500_000_000, "HKD"),
    ("Tokyo spent ¥300 billion.", "¥300 billion", 300_000_000_000, "JPY"),
    ("They raised 40 million euros.", "40 million euros", 40_000_000, "EUR"),
    ("He earned USD 5 million.", "USD 5 million", 5_000_000, "USD"),
    ("It sold for 2 million Canadian dollars.", "2 million Canadian dollars", 2_000_000, "CAD"),
    ("The village got half a billion dollars.", "half a billion dollars", 500_000_000, "USD"),
    ("They need a quarter of a million dollars.", "a quarter of a million dollars", 250_000, "USD"),
    ("Prices rose 10% in March.", "10%", 10, "percent"),
    ("Prices rose 10 percent in March.", "10 percent", 10, "percent"),
    ("The rate rose 2.5 per cent.", "2.5 per cent", 2.5, "percent"),
    ("The road is 5km long.", "5km", 5, "km"),
    ("The ship carried 10 tons of grain.", "10 tons", 10, "ton"),
    ("Police arrested 300 people.", "300 people", 300, "people"),
    ("Trump faces 91 felony counts.", "91 felony counts", 91, "felony count"),
    ("A million people marched.", "A million people", 1_000_000, "people"),
])
def test_amounts_formats(amounts_of, sentence, text, value, unit):
    amount = only(amounts_of(sentence))
    assert (amount.text, amount.value, amount.unit, amount.mod) == (text, value, unit, None)


@pytest.mark.parametrize("sentence,text,mod", [
    ("Carroll is seeking at least $10 million in damages.", "at least $10 million", "at_least"),
    ("The company lost more than $1 billion.", "more than $1 billion", "more_than"),
    ("He raised nearly $2 million.", "nearly $2 million", "less_than"),
    ("Fines of up to $50,000 apply.", "up to $50,000", "at_most"),
    ("It could cost as much as $1.5bn.", "as much as $1.5bn", "at_most"),
    ("About 300 people attended.", "About 300 people", "about"),
    ("Roughly 40 percent agreed.", "Roughly 40 percent", "about"),
    ("It cost under $100.", "under $100", "less_than"),
    ("It weighs over 20 tons.", "over 20 tons", "more_than"),
    ("Some 5,000 troops arrived.", "Some 5,000 troops", "about"),
    ("He paid almost $3 million.", "almost $3 million", "less_than"),
    ("They hired 20 people or more.", "20 people or more", "at_least"),
])
def test_amounts_modifiers(amounts_of, sentence, text, mod):
    amount = only(amounts_of(sentence))
    assert (amount.text, amount.mod) == (text, mod)


def test_amounts_vague_plural_is_a_lower_bound(amounts_of):
    amount = only(amounts_of("Trump should pay Carroll millions of dollars for the damage."))
    assert (amount.text, amount.value, amount.unit, amount.mod) == (
        "millions of dollars", 1_000_000, "USD", "more_than")
    amount = only(amounts_of("Thousands of people marched on the capital."))
    assert (amount.value, amount.unit, amount.mod) == (1000, "people", "more_than")


def test_amounts_range_gives_two_bounds(amounts_of):
    low, high = amounts_of("The settlement is between $5 million and $10 million.")
    assert (low.text, low.value, low.mod) == ("between $5 million", 5_000_000, "at_least")
    assert (high.text, high.value, high.mod) == ("$10 million", 10_000_000, "at_most")
    low, high = amounts_of("Damages of $5-10 million were sought.")
    assert (low.value, low.unit, low.mod, high.value, high.mod) == (
        5_000_000, "USD", "at_least", 10_000_000, "at_most")


def test_amounts_from_to_is_a_change_not_a_range(amounts_of):
    first, second = amounts_of("Sales rose from $5 million to $8 million.")
    assert (first.text, first.mod, second.text, second.mod) == ("$5 million", None, "$8 million", None)


@pytest.mark.parametrize("sentence", [
    "Carroll, 80, sued him.",                       # age
    "She is a 45-year-old teacher.",                 # age
    "He was elected in 2020.",                       # year
    "The vote is on June 5, 2024.",                  # date
    "They met at 3:30 p.m. on Tuesday.",             # time of day
    "He finished 5th in the race.",                  # ordinal
    "She spoke for four minutes.",                   # duration, a time expression
    "The seven-man jury left.",                      # adjective, not a count
    "The iPhone 4 antenna failed.",                  # product name
    "He won the match 3-2.",                         # score
    "The two companies settled.",                    # refers back
])
def test_amounts_not_amounts(amounts_of, sentence):
    assert amounts_of(sentence) == []


def test_amounts_ids_are_in_text_order(amounts_of):
    found = amounts_of("He paid $5 million and then €3 million, about 10% of the total.")
    assert [a.id for a in found] == ["A1", "A2", "A3"]
    assert [a.unit for a in found] == ["USD", "EUR", "percent"]


def test_amounts_seed_article(seed_facts):
    by_text = {a.text: a for a in seed_facts.amounts}
    ten = by_text["at least $10 million"]
    assert (ten.value, ten.unit, ten.mod) == (10_000_000, "USD", "at_least")
    five = by_text["$5 million"]
    assert (five.value, five.unit, five.mod) == (5_000_000, "USD", None)
    assert by_text["millions of dollars"].mod == "more_than"
    assert not any(a.text in ("80", "77") for a in seed_facts.amounts)


def test_amounts_coordinated_counts_share_the_noun(amounts_of):
    first, second = amounts_of("The players hold 500 and 1,000 songs.")
    assert (first.text, first.value, first.unit) == ("500", 500, "song")
    assert (second.text, second.value, second.unit) == ("1,000 songs", 1000, "song")


def test_amounts_multiplier(amounts_of):
    amount = only(amounts_of("The new chip is four times faster."))
    assert (amount.text, amount.value, amount.unit) == ("four times", 4, "times")


def test_amounts_pounds_weight_or_money(amounts_of):
    assert only(amounts_of("The dog weighs 200 pounds.")).unit == "lb"
    assert only(amounts_of("The club paid 500 million pounds for him.")).unit == "GBP"


def test_amounts_vague_quantifier_before_a_scale(amounts_of):
    amount = only(amounts_of("They raised several million dollars."))
    assert (amount.text, amount.value, amount.unit, amount.mod) == (
        "several million dollars", 1_000_000, "USD", "more_than")


def test_amounts_lexicon_is_consistent():
    from newsfacts.pipeline import amounts
    mods = {"at_least", "at_most", "about", "more_than", "less_than"}
    assert set(amounts.PREFIX_MODS.values()) <= mods and set(amounts.SUFFIX_MODS.values()) <= mods
    assert amounts.CASE_SENSITIVE_UNITS <= set(amounts.MEASURE_UNITS)
    assert amounts.GLUED_ONLY_UNITS <= set(amounts.MEASURE_UNITS)
    codes = set(amounts.CURRENCY_WORDS.values()) | set(amounts.SYMBOLS.values())
    assert all(len(code) == 3 and code.isupper() for code in codes)


# ---- eval/meantime_values.py on a tiny hand-written CAT XML document
CAT = """<?xml version="1.0" ?><Document doc_id="1" doc_name="apple_sells" lang="en" url="">
<token number="0" sentence="0" t_id="1">Apple</token>
<token number="1" sentence="0" t_id="2">sells</token>
<token number="2" sentence="0" t_id="3">phones</token>
<token number="3" sentence="1" t_id="4">March</token>
<token number="4" sentence="1" t_id="5">6</token>
<token number="5" sentence="1" t_id="6">,</token>
<token number="6" sentence="1" t_id="7">2008</token>
<token number="7" sentence="2" t_id="8">Apple</token>
<token number="8" sentence="2" t_id="9">sold</token>
<token number="9" sentence="2" t_id="10">3,800</token>
<token number="10" sentence="2" t_id="11">phones</token>
<token number="11" sentence="2" t_id="12">for</token>
<token number="12" sentence="2" t_id="13">$</token>
<token number="13" sentence="2" t_id="14">199</token>
<token number="14" sentence="2" t_id="15">on</token>
<token number="15" sentence="2" t_id="16">Monday</token>
<token number="16" sentence="2" t_id="17">.</token>
<Markables>
<EVENT_MENTION m_id="1" pred="sell"><token_anchor t_id="2"/></EVENT_MENTION>
<EVENT_MENTION m_id="2" pred="sell"><token_anchor t_id="9"/></EVENT_MENTION>
<VALUE m_id="3" type="QUANTITY"><token_anchor t_id="10"/></VALUE>
<VALUE m_id="4" type="MONEY"><token_anchor t_id="13"/><token_anchor t_id="14"/></VALUE>
</Markables>
</Document>
"""


def test_meantime_values_scores_amounts_and_events(tmp_path):
    (tmp_path / "apple_sells.xml").write_text(CAT, encoding="utf-8")
    table, summary = meantime_values.run(str(tmp_path))
    assert summary["documents"] == 1
    assert summary["amounts"]["gold"] == 2 and summary["events"]["gold"] == 2
    assert summary["amounts"]["lenient"]["recall"] == 100.0     # "3,800 phones" overlaps "3,800"
    assert summary["amounts"]["strict"]["recall"] == 50.0       # only "$199" is exact
    assert summary["events"]["strict"]["recall"] == 100.0
    assert "amounts" in table and "events" in table


def test_meantime_values_overlap_matching_is_one_to_one():
    assert meantime_values._overlap_matches([(0, 5), (6, 9)], [(0, 9)]) == 1
    assert meantime_values._overlap_matches([(0, 5)], [(0, 2), (3, 5)]) == 1


@pytest.mark.parametrize("text,expected", [
    ("seventeen", "seventeen"), ("seventy", "seventy"), ("seven", "seven"), ("sevens", "seven"),
    ("Seventeen", None), ("sixty", None),
])
def test_amounts_alternation_prefers_the_longer_word(text, expected):
    match = re.match(_alt(["seven", "seventy", "seventeen"]), text)
    assert (match.group() if match else None) == expected


def test_amounts_alternation_backtracks_to_a_shorter_word():
    # "seventeen" is tried first, then "seven" once what follows fails after it
    pattern = re.compile(rf"(?:{_alt(['seven', 'seventeen'])})teen!")
    assert pattern.match("seventeen!").group() == "seventeen!"
    assert re.fullmatch(_spaced(["a couple", "a couple of", "a few"]), "a  couple\tof")
    assert re.fullmatch(_alt(["a couple"]), "a  couple") is None  # _alt keeps spaces literal
