"""The time grammar: finds TIMEX3 expressions in a spaCy Doc and normalises them.

Scanning is one left-to-right pass over tokens. At each token optional prefixes
are read (a quantity modifier such as "more than", "the", a position modifier
such as "early" or "the end of"), then every core recogniser whose gate is open
at the word (gates.py) is tried and the longest match wins. Values resolve
against the DCT (the publication date), the anchors named earlier (a year, a
quarter, a date before a clock time) and the tense of the governing verb. The recognisers live in rules_*.py, by family.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc

from ..extensions import token_values, tokens_of
from .found import Found
from .gates import open_gates
from .lexicon import (
    AMBIGUOUS_MONTHS, AM_PM, ANCHORS, CLOCK, CLOCK_AMPM, CURRENCY, DAY_NUMBER, DAY_WORDS,
    DECADE_WORDS, HOLIDAYS, MONTHS, NOT_A_YEAR_AFTER, NUMBER, NUMBERS, ORDINALS,
    PARTS_OF_DAY, POSITION_MODS, QUANTITY_MODS, REFS, REF_PHRASES, SEASONS, SETS, TIMEZONES,
    UNITS, VAGUE_NUMBERS, WEEKDAYS, YEAR, YEAR_PREPOSITIONS)
from .rules_dates import DateRules
from .rules_durations import DurationRules
from .rules_relative import RelativeRules
from .tense import FUTURE, direction_of

__all__ = ["Found", "Scanner", "scan"]


class Scanner(DateRules, RelativeRules, DurationRules):
    """One document's tokens, its DCT and the recognisers that read them."""

    def __init__(self, doc: Doc, dct: date | None):
        self.tokens = tokens_of(doc)
        self.low = token_values(doc, "lower_")  # shared: never changed here
        self.sent_starts = token_values(doc, "is_sent_start")
        self.n = len(doc)
        self.dct = dct
        self.anchor_year: int | None = None
        self.anchor_clause: int | None = None
        self.anchor: tuple[str, int] | None = None
        self.year_seen: tuple[int, int] | None = None
        self.last_found: Found | None = None
        self.clock_start = 0
        self.sentence_of = _sentence_numbers(self.sent_starts)
        self._direction: dict[int, int] = {}
        # at each trigger token the recognisers that may match there are tried (gates.py);
        # the longest match wins, the first of these on a tie
        self.cores = (self.ref_phrase, self.holiday, self.numeric_date, self.month_date,
                      self.day_month, self.weekday, self.year_like, self.day_word,
                      self.deictic, self.quarter, self.season, self.duration, self.clock,
                      self.set_expr, self.ref_word, self.vague_plural, self.relative_year,
                      self.the_weekend, self.the_period, self.spoken_year, self.year_end,
                      self.that_period, self.long_adjective, self.ahead, self.part_of_day)
        self.core_names = tuple(recognise.__name__ for recognise in self.cores)
        self._cores_at: dict[tuple[str, bool], tuple] = {}

    def modifier_clause(self, i: int) -> int | None:
        """The head of the relative or participial clause around token i, if any."""
        for ancestor in self.tokens[i].ancestors:
            if ancestor.dep_ in ("relcl", "acl"):
                return ancestor.i
        return None

    def year_anchor_for(self, i: int) -> int | None:
        """The sentence's last explicit year, unless it was said inside a clause that
        only modifies a noun ('a program approved in 1987') and i is outside it."""
        if self.anchor_clause is not None and self.modifier_clause(i) != self.anchor_clause:
            return None
        return self.anchor_year

    def remember(self, found: Found) -> None:
        """Keep the latest expression, explicit year and quarter as anchors."""
        self.last_found = found
        if found.year:
            self.anchor_year = found.year
            self.anchor_clause = self.modifier_clause(found.start)
            self.year_seen = (found.year, self.sentence_index(found.start))
        if found.type == "DATE" and not found.derived and ANCHOR_VALUE.match(found.value):
            self.anchor = (found.value, self.sentence_index(found.start))

    def _recent_year(self, i: int) -> int | None:
        """An explicit year named in this or the previous sentence: 'the following year'
        after 'in 1995' is 1996."""
        if self.year_seen and self.sentence_index(i) - self.year_seen[1] <= 1:
            return self.year_seen[0]
        return None

    def sentence_index(self, i: int) -> int:
        return self.sentence_of[i]

    def w(self, i: int) -> str:
        return self.low[i] if 0 <= i < self.n else ""

    def phrase(self, i: int, length: int) -> tuple[str, ...]:
        """The length words from i, lower case; () when the text ends sooner
        (a shorter tuple would match a shorter phrase's key)."""
        return tuple(self.low[i:i + length]) if i + length <= self.n else ()

    def direction(self, i: int) -> int:
        if self.w(i - 1) == "effective":
            return FUTURE  # 'a new pact effective June 1': a change announced ahead
        if i not in self._direction:
            self._direction[i] = direction_of(self.tokens[i])
        return self._direction[i]

    def number_at(self, i: int) -> tuple[int, float | str] | None:
        """(end, amount) for a cardinal at i: digits, number words, "a", "a few" (X) ..."""
        word = self.w(i)
        if word in ("a", "an") and self.w(i + 1) in ("few", "couple"):
            end = i + 2 + (self.w(i + 2) == "of")
            return end, ("X" if self.w(i + 1) == "few" else 2)
        if word == "couple" and self.w(i + 1) == "of":
            return i + 2, 2  # 'the next couple of years' is two, as 'a couple of'
        if word in VAGUE_NUMBERS:
            return i + 1, "X"
        if NUMBER.match(word):
            value = float(word.replace(",", ""))
            if self.w(i + 1) == "1/2":
                return i + 2, value + 0.5
            return i + 1, int(value) if value.is_integer() else value
        if word not in NUMBERS:
            return None
        if word in ("a", "an") and self.w(i + 1) in ("hundred", "thousand", "dozen"):
            word, i = self.w(i + 1), i + 1  # 'a hundred years'
        elif word in ("a", "an") and (self.w(i + 1) in NUMBERS or NUMBER.match(self.w(i + 1))):
            return None
        total, end = NUMBERS[word], i + 1
        while self.w(end) in NUMBERS and self.w(end) not in ("a", "an", "half", "single"):
            nxt = NUMBERS[self.w(end)]
            total = total * nxt if nxt in (100, 1000) else total + nxt
            end += 1
        if self.w(end) == "-" and self.w(end + 1) in NUMBERS and NUMBERS[self.w(end + 1)] < 10 \
                and self.w(end + 1) not in ("a", "an"):
            total, end = total + NUMBERS[self.w(end + 1)], end + 2
        if self.w(end) == "and" and self.w(end + 1) in ("a", "one") and self.w(end + 2) == "half":
            total, end = total + 0.5, end + 3
        return end, total

    def unit_at(self, i: int) -> str | None:
        return UNITS.get(self.w(i))

    def month_at(self, i: int) -> int | None:
        word = self.w(i)
        bare = word.rstrip(".")
        if bare not in MONTHS:
            return None
        token = self.tokens[i]
        if bare in AMBIGUOUS_MONTHS and not word.endswith(".") and len(bare) <= 4 and bare != "may":
            if not (DAY_NUMBER.match(self.w(i + 1)) or YEAR.match(self.w(i + 1))):
                return None
        verb_like = not token.text[0].isupper() or token.tag_ in ("MD", "VB", "VBP")
        if bare in ("may", "march") and verb_like:
            return None
        named = i + 2 < self.n and self.tokens[i + 2].text[:1].isupper()
        if self.w(i + 1) in ("of", "for") and named and not YEAR.match(self.w(i + 2)):
            return None  # 'March for Life', 'March of the Mothers'

        return MONTHS[bare]

    def year_at(self, i: int) -> int | None:
        """A four-digit year at i that is not an amount, a count or part of one."""
        word = self.w(i)
        if not YEAR.match(word):
            return None
        token = self.tokens[i]
        if self.w(i - 1) in CURRENCY or self.w(i + 1) in NOT_A_YEAR_AFTER:
            return None
        if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
            return None
        if token.ent_type_ == "CARDINAL" and self.w(i - 1) not in YEAR_PREPOSITIONS:
            return None
        if self.w(i + 1) in UNITS and self.w(i + 1).endswith("s"):
            return None
        return int(word)

    def clock_at(self, i: int) -> tuple[int, int, int] | None:
        """(end, hour, minute) for a clock time at i."""
        word = self.w(i)
        match = CLOCK_AMPM.match(word)
        if match:
            hour, minute = int(match.group(1)), int(match.group(2) or 0)
            return i + 1, _24h(hour, match.group(3)[0]), minute
        match = CLOCK.match(word)
        if match:
            hour, minute = int(match.group(1)), int(match.group(2) or 0)
            if self.w(i + 1) in AM_PM:
                return i + 2, _24h(hour, AM_PM[self.w(i + 1)][0]), minute
            if self.w(i + 1) in ("o'clock", "oclock"):
                return i + 2, hour, minute
            if ":" in word and (self.w(i + 1) in TIMEZONES or self.w(i - 1) in (
                    "at", "by", "until", "till", "from", "around", "about", "before", "after")):
                return i + 1, hour, minute
        if match and ":" not in word and self.low[i + 1:i + 3] == ["in", "the"] \
                and self.w(i + 3) in CLOCK_PARTS and 1 <= int(match.group(1)) <= 12:
            hour = int(match.group(1))  # '4 in the morning', '8 in the evening'
            later = CLOCK_PARTS[self.w(i + 3)] == "p" or (self.w(i + 3) == "night" and hour >= 6)
            return i + 4, _24h(hour, "p" if later else "a"), 0
        if word in ("noon", "midday") and self.w(i - 1) != "high":  # 'High Noon', an idiom
            return i + 1, 12, 0
        if word == "midnight":
            return i + 1, 24, 0
        return None

    def quantity_prefix(self, i: int) -> tuple[int, str | None] | None:
        for length in (4, 3, 2, 1):
            key = self.phrase(i, length)
            if key in QUANTITY_MODS:
                if key[-1] in ("over", "under") and self.number_at(i + length) is None:
                    return None
                return i + length, QUANTITY_MODS[key]
        return None

    def position_prefix(self, i: int) -> tuple[int, str] | None:
        word = self.w(i)
        if word in ("end", "beginning", "start", "middle", "close") and self.w(i + 1) == "of":
            return i + 2 + (self.w(i + 2) == "the"), POSITION_MODS[word]
        if word in ("early", "late", "mid", "earlier", "later", "middle") and word in POSITION_MODS:
            return i + 1 + (self.w(i + 1) == "-"), POSITION_MODS[word]
        if word.startswith("mid-") and len(word) > 4:
            return i, "MID"
        return None

    def core(self, i: int, has_the: bool) -> Found | None:
        if i >= self.n:
            return None
        best = None
        for recognise in self.cores_for(self.low[i], has_the):
            found = recognise(i, has_the)
            if found and found.end > found.start and (best is None or found.end > best.end):
                best = found
                found.rule = found.rule or recognise.__name__
        return best

    def cores_for(self, word: str, has_the: bool) -> tuple:
        """The recognisers that may match at word (see gates.py), in their order."""
        key = (word, has_the)
        cores = self._cores_at.get(key)
        if cores is None:
            gates = open_gates(self.core_names, word, has_the)
            cores = self._cores_at[key] = tuple(r for r, gate in zip(self.cores, gates) if gate)
        return cores

    def candidates(self, i: int):
        """(start, quantity mod, position mod, core index, has_the), longest first."""
        quantity = self.quantity_prefix(i)
        starts = ([(quantity[0], quantity[1], True)] if quantity else []) + [(i, None, False)]
        for j, qmod, has_q in starts:
            has_the = self.w(j) == "the"
            for k, the in ([(j + 1, True)] if has_the else []) + [(j, False)]:
                position = self.position_prefix(k)
                if position:
                    the_inside = the or self.w(position[0] - 1) == "the"
                    yield i, (qmod, has_q), position[1], position[0], the_inside
                yield i, (qmod, has_q), None, k, the

    def match(self, i: int) -> Found | None:
        for start, (qmod, has_q), pmod, k, has_the in self.candidates(i):
            found = self.core(k, has_the)
            if found is None:
                continue
            if has_q and not found.quantity:
                continue
            if pmod and found.type in ("DURATION", "SET"):
                continue
            own_start = k if has_the and not found.keep_the and not pmod else start
            found.start = min(found.start, own_start)
            if has_q:
                found.mod = qmod
            elif pmod:
                found.mod = pmod
            return found
        return None


def _24h(hour: int, half: str) -> int:
    if half == "p" and hour < 12:
        return hour + 12
    if half == "a" and hour == 12:
        return 0
    return hour


TRIGGERS = (set(MONTHS) | {m + "." for m in MONTHS} | set(WEEKDAYS) | {d + "." for d in WEEKDAYS}
            | {d + "s" for d in WEEKDAYS} | set(SEASONS) | set(PARTS_OF_DAY) | set(UNITS)
            | set(NUMBERS) | VAGUE_NUMBERS | set(ORDINALS) | set(DECADE_WORDS) | set(REFS)
            | {k[0] for k in REF_PHRASES} | set(DAY_WORDS) | {k[0] for k in HOLIDAYS} | set(SETS)
            | set(ANCHORS) | set(POSITION_MODS) | {k[0] for k in QUANTITY_MODS}
            | {"the", "every", "each", "per", "that", "same", "fiscal", "noon", "midnight", "midday", "year",
               "'", "end", "beginning", "start", "middle", "close"})


@lru_cache(maxsize=1 << 16)
def may_start(word: str) -> bool:
    """Whether a time expression (or its core, after a prefix) can begin with word."""
    return word in TRIGGERS or word[:1].isdigit() or word.startswith(("mid", "fy", "pre-", "post-"))


# Parts of day after 'N in the': a.m. or p.m. (night: p.m. from 6 on)
CLOCK_PARTS = {"morning": "a", "afternoon": "p", "evening": "p", "night": "a"}
ANCHOR_VALUE = re.compile(r"^\d{4}-(Q\d|H\d)$")


def _sentence_numbers(sent_starts: list[bool | None]) -> list[int]:
    numbers, current = [], -1
    for is_sent_start in sent_starts:
        current += is_sent_start or current < 0
        numbers.append(current)
    return numbers


def scan(doc: Doc, dct: date | None) -> list[Found]:
    """All time expressions of doc, in order, without overlaps."""
    scanner = Scanner(doc, dct)
    found: list[Found] = []
    low = scanner.low
    i = 0
    while i < scanner.n:
        if scanner.sent_starts[i]:
            scanner.anchor_year = None
        if not may_start(low[i]):
            i += 1
            continue
        match = scanner.match(i)
        if match is None:
            i += 1
            continue
        found.append(match)
        scanner.remember(match)
        i = max(match.end, i + 1)
        tail = scanner.day_range_tail(match)
        if tail:
            found.append(tail)
            i = tail.end
    return found
