"""timex gates: the grammar tries only the recognisers whose gate is open at a
word, so a gate must never close on a word its recogniser matches.

Checked on the time families of test_times, a few more sentences, the bundled
demo news and one sentence per word of the time lexicon in a dozen contexts, so
that a recogniser pattern added for any lexicon word meets its gate here."""
import json
from datetime import date
from importlib import resources

import pytest

from newsfacts.pipeline.timex.gates import GATES, open_gates
from newsfacts.pipeline.timex.grammar import Scanner

from test_times import FAMILIES

MORE = [
    "Revenue rose in the latest quarter and in the most recent quarter.",
    "In the fiscal year ended June 30, FY2023 sales and fiscal 2024 guidance fell.",
    "The 1990s, the mid-1980s, the '60s and the nineteenth century were quieter.",
    "At 10:35 a.m. (0735 GMT) Friday, at noon and at 4 in the morning, it rained.",
    "Every other week, each Monday, twice a year and on Sundays the market opens.",
    "A year-earlier quarter, the year-ago period and year-end results were cited.",
    "Over the past few weeks and in recent years, the day-long talks lasted decades.",
    "That same day, the following month and the weeks ahead will tell.",
    "Nineteen ninety-six was the year two thousand's rehearsal, post-1959 and pre-2000.",
    "On Christmas Day 2019 and New Year's Eve, mid-afternoon yesterday, it snowed.",
]
TEXTS = [text for text, _ in FAMILIES] + MORE


def lexicon_sentences() -> list[str]:
    """One sentence per word or phrase of every list of the time lexicon, the word
    in a dozen contexts."""
    lexicon = json.loads(resources.files("newsfacts").joinpath(
        "pipeline/patterns/time_lexicon.json").read_text(encoding="utf-8"))
    words = sorted({word for entries in lexicon.values() for word in entries})
    return [f"{w.capitalize()} came, and the {w}, last {w}, early {w}, about three {w}, "
            f"every {w}, the first {w} of 2019, {w} 5, 1998, 4 {w} ago, mid-{w} and "
            f"the {w} ahead passed." for w in words]


def demo_texts() -> list[str]:
    demo = resources.files("newsfacts").joinpath("data/demo/meantime_wikinews.jsonl")
    return [json.loads(line)["text"] for line in demo.read_text(encoding="utf-8").splitlines()]


def test_gates_cover_every_recogniser(nlp):
    scanner = Scanner(nlp("Today."), date(2024, 1, 26))
    assert set(scanner.core_names) == set(GATES)


def hidden_matches(doc) -> tuple[int, list]:
    """(matches found, the ones whose gate was closed) over every word of doc."""
    scanner = Scanner(doc, date(2024, 1, 26))
    matched, hidden = 0, []
    for i in range(scanner.n):
        for has_the in (False, True):
            gates = open_gates(scanner.core_names, scanner.low[i], has_the)
            for recognise, gate in zip(scanner.cores, gates):
                found = recognise(i, has_the)
                if found and found.end > found.start:
                    matched += 1
                    if not gate:
                        hidden.append((recognise.__name__, scanner.low[i], has_the))
    return matched, hidden


@pytest.mark.parametrize("text", TEXTS)
def test_gates_never_hide_a_match(nlp, text):
    matched, hidden = hidden_matches(nlp(text))
    assert matched > 0
    assert hidden == []


@pytest.mark.parametrize("texts", [lexicon_sentences, demo_texts],
                         ids=["lexicon-words", "demo-news"])
def test_gates_never_hide_a_match_on_more_text(nlp, texts):
    matched, hidden = 0, []
    for doc in nlp.pipe(texts()):
        found, closed = hidden_matches(doc)
        matched, hidden = matched + found, hidden + closed
    assert matched > 300
    assert hidden == []


def test_gates_close_on_plain_words():
    names = tuple(GATES)
    assert not any(open_gates(names, "apple", False))
    assert open_gates(names, "quarter", True)[names.index("quarter")]
