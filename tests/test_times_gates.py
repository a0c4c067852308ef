"""timex gates: the grammar tries only the recognisers whose gate is open at a
word, so a gate must never close on a word its recogniser matches."""
from datetime import date

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


def test_gates_cover_every_recogniser(nlp):
    scanner = Scanner(nlp("Today."), date(2024, 1, 26))
    assert set(scanner.core_names) == set(GATES)


@pytest.mark.parametrize("text", TEXTS)
def test_gates_never_hide_a_match(nlp, text):
    scanner = Scanner(nlp(text), date(2024, 1, 26))
    matched = 0
    for i in range(scanner.n):
        for has_the in (False, True):
            gates = open_gates(scanner.core_names, scanner.low[i], has_the)
            for recognise, gate in zip(scanner.cores, gates):
                found = recognise(i, has_the)
                if found and found.end > found.start:
                    matched += 1
                    assert gate, (recognise.__name__, scanner.low[i], has_the)
    assert matched > 0


def test_gates_close_on_plain_words():
    names = tuple(GATES)
    assert not any(open_gates(names, "apple", False))
    assert open_gates(names, "quarter", True)[names.index("quarter")]
