"""Which recognisers can match at a word: each recogniser's necessary condition on
its first word (lower case) and on whether "the" came before it.

The grammar tries only the recognisers whose condition holds, in their own order,
so the longest match and its ties come out as if all were tried. A condition may
admit more words than its recogniser takes, never fewer: one that rejects a word
its recogniser would match changes the output ("the latest quarter").
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .lexicon import (
    ANCHORS, DAY_WORDS, DECADE_WORDS, HOLIDAYS, MONTHS, NUMBERS, ORDINALS, PARTS_OF_DAY,
    PERIOD_QUALIFIERS, REF_PHRASES, REFS, SEASONS, SETS, SPOKEN_CENTURIES, UNITS,
    VAGUE_NUMBERS, WEEKDAYS)

REF_PHRASE_FIRST = {key[0] for key in REF_PHRASES}
HOLIDAY_FIRST = {key[0] for key in HOLIDAYS}
# every numeric pattern of the lexicon (years, days, clocks, decades) opens with a digit
YEAR_LIKE_OPENERS = ("fy", "pre-", "post-", "mid-", "'")
NUMBER_WORDS = set(NUMBERS) | VAGUE_NUMBERS | {"a", "an", "couple"}


def _digit(word: str) -> bool:
    return word[:1].isdigit()


# recogniser name -> condition(word, has_the)
GATES: dict[str, Callable[[str, bool], bool]] = {
    "ref_phrase": lambda w, the: w in REF_PHRASE_FIRST,
    "holiday": lambda w, the: w in HOLIDAY_FIRST,
    "numeric_date": lambda w, the: _digit(w),
    "month_date": lambda w, the: w.rstrip(".") in MONTHS,
    "day_month": lambda w, the: _digit(w),
    "weekday": lambda w, the: w.rstrip(".") in WEEKDAYS,
    "year_like": lambda w, the: (_digit(w) or w == "fiscal" or w.startswith(YEAR_LIKE_OPENERS)
                                 or w in ORDINALS or the and (w == "year" or w in DECADE_WORDS)),
    "day_word": lambda w, the: w in DAY_WORDS,
    "deictic": lambda w, the: w in ANCHORS or the and w in ("first", "initial"),
    "quarter": lambda w, the: (w in ("fiscal", "year") or w in ORDINALS
                               or the and w in ("quarter", "latest", "recent", "most")),
    "season": lambda w, the: w in SEASONS,
    "duration": lambda w, the: _digit(w) or w in NUMBER_WORDS,
    "clock": lambda w, the: _digit(w) or w in ("noon", "midday", "midnight"),
    "set_expr": lambda w, the: (w in SETS or w in ("every", "each", "per")
                                or w.endswith("s") and w[:-1] in WEEKDAYS),
    "ref_word": lambda w, the: w in REFS,
    "vague_plural": lambda w, the: w in UNITS or w == "recent",
    "relative_year": lambda w, the: w == "year",
    "the_weekend": lambda w, the: the and w == "weekend",
    "the_period": lambda w, the: the and (w in PERIOD_QUALIFIERS or w in (
        "fiscal", "latest", "recent", "year", "week", "month")),
    "spoken_year": lambda w, the: w in SPOKEN_CENTURIES or the and w == "year",
    "year_end": lambda w, the: w == "year",
    "that_period": lambda w, the: the or w == "that",
    "long_adjective": lambda w, the: w in UNITS,
    "ahead": lambda w, the: the and w in UNITS,
    "part_of_day": lambda w, the: w in PARTS_OF_DAY or w.startswith("mid"),
}


@lru_cache(maxsize=1 << 16)
def open_gates(names: tuple[str, ...], word: str, has_the: bool) -> tuple[bool, ...]:
    """For each recogniser of names, whether it may match at word."""
    return tuple(bool(GATES[name](word, has_the)) for name in names)
