"""The time grammar: finds TIMEX3 expressions in a spaCy Doc and normalises them.

Scanning is one left-to-right pass over tokens. At each token optional prefixes
are read (a quantity modifier such as "more than", "the", a position modifier
such as "early" or "the end of"), then every core recogniser is tried and the
longest match wins. Values resolve against the DCT (the publication date), the
year named earlier in the same sentence, and the tense of the governing verb.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from . import calendar as cal
from .lexicon import (AM_PM, AMBIGUOUS_MONTHS, AMBIGUOUS_WEEKDAYS, ANCHORS, CENTURY_ORDINAL,
                      CLOCK, CLOCK_AMPM, DAY_NUMBER, DAY_WORDS, DECADE, DECADE_WORDS,
                      FISCAL_YEAR, HOLIDAYS, ISO_DATE, MONTHS, NUMBER, NUMBERS, ORDINALS,
                      PARTS_OF_DAY, POSITION_MODS, QUANTITY_MODS, QUOTES, REF_PHRASES, REFS,
                      SEASONS, SETS, SHORT_DECADE, SLASH_DATE, TIMEZONES, UNITS, VAGUE_NUMBERS,
                      WEEKDAYS, YEAR)
from .tense import FUTURE, PAST, direction_of


@dataclass
class Found:
    start: int  # token indices, end exclusive
    end: int
    type: str
    value: str
    mod: str | None = None
    keep_the: bool = True  # a "the" just before belongs to the extent
    quantity: bool = False  # accepts "about", "more than" ...
    year: int | None = None  # an explicit year it names (anchors later expressions)
    derived: bool = False  # resolved from another expression: never an anchor itself
    rule: str = ""  # the recogniser that found it (for error analysis)

    def _replace_start(self, start: int) -> "Found":
        self.start = start
        return self


NOT_A_YEAR_AFTER = {"%", "percent", "people", "men", "women", "troops", "votes", "shares",
                    "employees", "jobs", "workers", "feet", "meters", "metres", "miles",
                    "kilometers", "kilometres", "points", "tons", "tonnes", "barrels", "acres",
                    "pounds", "dollars", "euros", "yen", "cars", "units", "members", "seats",
                    "homes", "residents", "students", "children", "deaths", "cases", "hp",
                    "rpm", "kg", "km", "mph", "yards", "copies", "calories", "degrees"}
CURRENCY = {"$", "€", "£", "¥", "us$", "#", "no.", "number", "nos."}
YEAR_PREPOSITIONS = {"in", "since", "by", "from", "to", "until", "till", "of", "before",
                     "after", "through", "between", "during", "and", "or", "-", "–", "early",
                     "late", "mid", "fiscal", "year", "circa", "around", "'s", ",", "the"}
DURATION_PREPOSITIONS = {"for", "over", "in", "within", "after", "than", "during", "recent",
                         "of", "the", "past", "last", "coming", "next", "several", "few",
                         "many", "take", "takes", "took", "spent", "spend", "lasted"}
SET_CUES = {"times", "once", "twice", "thrice", "percent", "%", "million", "billion",
            "thousand", "hundred", "dollars", "cents"}
ADJECTIVAL_SETS = {"quarterly", "monthly", "yearly", "nightly"}
PERIOD_QUALIFIERS = {"full", "fiscal", "current", "calendar", "entire", "whole", "same"}
SPOKEN_CENTURIES = {"nineteen": 1900, "eighteen": 1800}
POD_TIME = {"MO": 8, "AF": 14, "EV": 19, "NI": 22, "MI": 12}
QUARTER_NOUNS = {"quarter", "half"}
PERIOD_NOUNS = {"quarter", "period"}
SEASON_CUES = {"in", "during", "by", "until", "since", "through", "over", "this", "last",
               "next", "early", "late", "mid", "the", "that", "each", "every", "past"}


class Scanner:
    """One document's tokens, its DCT and the recognisers that read them."""

    def __init__(self, doc: Doc, dct: date | None):
        self.doc = doc
        self.low = [t.lower_ for t in doc]
        self.n = len(doc)
        self.dct = dct
        self.anchor_year: int | None = None
        self.anchor: tuple[str, int] | None = None
        self.year_seen: tuple[int, int] | None = None
        self.sentence_of = _sentence_numbers(doc)
        self._direction: dict[int, int] = {}
        self.cores = (self.ref_phrase, self.holiday, self.numeric_date, self.month_date,
                      self.day_month, self.weekday, self.year_like, self.day_word,
                      self.deictic, self.quarter, self.season, self.duration, self.clock,
                      self.set_expr, self.ref_word, self.vague_plural, self.relative_year, self.the_weekend, self.the_period, self.spoken_year,
                      self.year_end)

    def remember(self, found: Found) -> None:
        """Keep the latest explicit year and the latest calendar date as anchors."""
        if found.year:
            self.anchor_year = found.year
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

    # -- token helpers -------------------------------------------------------------------
    def w(self, i: int) -> str:
        return self.low[i] if 0 <= i < self.n else ""

    def direction(self, i: int) -> int:
        if i not in self._direction:
            self._direction[i] = direction_of(self.doc[i])
        return self._direction[i]

    def number_at(self, i: int) -> tuple[int, float | str] | None:
        """(end, amount) for a cardinal at i: digits, number words, "a", "a few" (X) ..."""
        word = self.w(i)
        if word in ("a", "an") and self.w(i + 1) in ("few", "couple"):
            end = i + 2 + (self.w(i + 2) == "of")
            return end, ("X" if self.w(i + 1) == "few" else 2)
        if word in VAGUE_NUMBERS:
            return i + 1 + (self.w(i + 1) == "of" and word == "couple"), "X"
        if NUMBER.match(word):
            value = float(word.replace(",", ""))
            if self.w(i + 1) == "1/2":
                return i + 2, value + 0.5
            return i + 1, int(value) if value.is_integer() else value
        if word not in NUMBERS:
            return None
        if word in ("a", "an") and (self.w(i + 1) in NUMBERS or NUMBER.match(self.w(i + 1))):
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
        token = self.doc[i]
        if bare in AMBIGUOUS_MONTHS and not word.endswith(".") and len(bare) <= 4 and bare != "may":
            if not (DAY_NUMBER.match(self.w(i + 1)) or YEAR.match(self.w(i + 1))):
                return None
        if bare in ("may", "march") and (not token.text[0].isupper() or token.tag_ in ("MD", "VB", "VBP")):
            return None
        if self.w(i + 1) in ("of", "for") and not YEAR.match(self.w(i + 2)):
            return None
        return MONTHS[bare]

    def year_at(self, i: int) -> int | None:
        """A four-digit year at i that is not an amount, a count or part of one."""
        word = self.w(i)
        if not YEAR.match(word):
            return None
        token = self.doc[i]
        if self.w(i - 1) in CURRENCY or self.w(i + 1) in NOT_A_YEAR_AFTER:
            return None
        if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
            return None
        if token.ent_type_ == "CARDINAL" and self.w(i - 1) not in YEAR_PREPOSITIONS:
            return None
        if self.w(i + 1) in UNITS and self.w(i + 1) not in ("year",):
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
        if word in ("noon", "midday"):
            return i + 1, 12, 0
        if word == "midnight":
            return i + 1, 24, 0
        return None

    def resolve_month(self, i: int, month: int) -> int | None:
        if self.anchor_year:
            return self.anchor_year
        if not self.dct:
            return None
        return cal.month_year(self.dct, month, self.direction(i))

    def unknown_dct(self) -> bool:
        return self.dct is None

    # -- core recognisers: each takes the index after any prefix -----------------------------
    def ref_phrase(self, i: int, has_the: bool) -> Found | None:
        for length in (4, 3, 2):
            key = tuple(self.low[i:i + length])
            if key in REF_PHRASES:
                if key == ("the", "moment") and self.w(i - 1) not in ("at", "for"):
                    return None
                return Found(i, i + length, "DATE", REF_PHRASES[key])
        return None

    def holiday(self, i: int, has_the: bool) -> Found | None:
        for length in (4, 3, 2, 1):
            key = tuple(self.low[i:i + length])
            if key in HOLIDAYS:
                rule = HOLIDAYS[key]
                end = i + length
                year = self.year_at(end) or self.year_at(end + 1) if self.w(end) in (",", "") else self.year_at(end)
                if year:
                    end += 1 + (self.w(end) == ",")
                return self._holiday_value(i, end, rule, year)
        return None

    def _holiday_value(self, i: int, end: int, rule: list, year: int | None) -> Found | None:
        if year is None:
            if self.unknown_dct():
                return None
            dates = [self._holiday_date(rule, y) for y in (self.dct.year - 1, self.dct.year,
                                                          self.dct.year + 1)]
            day = cal.pick_by_direction(dates, self.dct, self.direction(i), window=0)
            return Found(i, end, "DATE", day.isoformat(), keep_the=False)
        return Found(i, end, "DATE", self._holiday_date(rule, year).isoformat(), keep_the=False,
                     year=year)

    def _holiday_date(self, rule: list, year: int) -> date:
        if rule[0] == "nth":
            day = cal.nth_weekday(year, rule[1], rule[2], rule[3])
        elif rule[0] == "last":
            day = cal.last_weekday(year, rule[1], rule[2])
        elif rule[0] == "election":
            day = cal.election_day(year)
        else:
            day = date(year, rule[0], rule[1])
        return day

    def numeric_date(self, i: int, has_the: bool, word: str | None = None) -> Found | None:
        word = word or self.w(i)
        match = ISO_DATE.match(word)
        if match:
            y, m, d = (int(g) for g in match.groups())
        else:
            match = SLASH_DATE.match(word)
            if not match:
                return None
            m, d, y = (int(g) for g in match.groups())
            y = y + (1900 if y > 40 else 2000) if y < 100 else y
        if cal.safe_date(y, m, d) is None:
            return None
        return Found(i, i + 1, "DATE", f"{y:04d}-{m:02d}-{d:02d}", keep_the=False, year=y)

    def month_date(self, i: int, has_the: bool) -> Found | None:
        month = self.month_at(i)
        if month is None:
            return None
        j = i + 1
        day = None
        day_match = DAY_NUMBER.match(self.w(j))
        if day_match and self.w(j + 1) not in UNITS and self.w(j + 1) not in ("%", "percent"):
            day = int(day_match.group(1))
            if day == 0:
                day = None
            else:
                j += 1
        k = j + (self.w(j) == ",")
        year = self.year_at(k) if self.w(k) != "of" else self.year_at(k + 1)
        if year:
            j = k + 1 + (self.w(k) == "of")
        elif day is None and self.w(j) == "'" and self.w(j + 1).isdigit() and len(self.w(j + 1)) == 2:
            year, j = 1900 + int(self.w(j + 1)), j + 2
        elif self.w(j) in ("this", "last", "next") and self.w(j + 1) == "year" and self.dct:
            year, j = self.dct.year + ANCHORS[self.w(j)], j + 2
        return self._month_value(i, j, month, day, year)

    def _month_value(self, i: int, end: int, month: int, day: int | None,
                     year: int | None) -> Found | None:
        explicit = year
        if year is None and self.direction(i) == PAST:
            year = self.anchor_year
        if year is None and self.dct:
            direction = self.direction(i)
            year = (cal.month_day_year(self.dct, month, day, direction) if day
                    else cal.month_year(self.dct, month, direction))
        y = f"{year:04d}" if year else "XXXX"
        value = f"{y}-{month:02d}-{day:02d}" if day else f"{y}-{month:02d}"
        if day and year and cal.safe_date(year, month, day) is None:
            return None
        return Found(i, end, "DATE", value, keep_the=False, year=explicit)

    def day_month(self, i: int, has_the: bool) -> Found | None:
        match = DAY_NUMBER.match(self.w(i))
        if not match or int(match.group(1)) == 0:
            return None
        j = i + 1 + (self.w(i + 1) == "of")
        month = self.month_at(j)
        if month is None:
            return None
        end = j + 1
        year = self.year_at(end + (self.w(end) == ","))
        if year:
            end += 1 + (self.w(end) == ",")
        found = self._month_value(i, end, month, int(match.group(1)), year)
        if found:
            found.start = i
        return found

    def weekday(self, i: int, has_the: bool) -> Found | None:
        word = self.w(i)
        bare = word.rstrip(".")
        if bare not in WEEKDAYS or (bare in AMBIGUOUS_WEEKDAYS and not word.endswith(".")):
            return None
        if bare in ("sun", "sat", "wed") and not self.doc[i].text[0].isupper():
            return None
        j = i + 1
        k = j + (self.w(j) == ",")
        dated = self.month_date(k, False) or self.day_month(k, False)
        if dated:
            dated.start = i
            return dated
        day = self._weekday_date(i, WEEKDAYS[bare])
        return self._with_part_of_day(i, j, day)

    def _weekday_date(self, i: int, weekday: int) -> date | None:
        if self.dct is None:
            return None
        direction = self.direction(i)
        if direction == FUTURE:
            return cal.weekday_near(self.dct, weekday, 1)
        if direction == PAST:
            return cal.weekday_near(self.dct, weekday, -1)
        return cal.weekday_near(self.dct, weekday, 0)

    def _with_part_of_day(self, i: int, j: int, day: date | None) -> Found:
        """A day, extended by a following part of day ("Thursday night") or not."""
        day_value = day.isoformat() if day else "XXXX-XX-XX"
        part = PARTS_OF_DAY.get(self.w(j))
        if part and self.w(j) != "overnight":
            return Found(i, j + 1, "TIME", f"{day_value}T{part}", keep_the=False)
        return Found(i, j, "DATE", day_value, keep_the=False)

    def year_like(self, i: int, has_the: bool) -> Found | None:
        word = self.w(i)
        if word == "fiscal":
            j = i + 1 + (self.w(i + 1) == "year")
            year = self.year_at(j) or _two_digit_year(self.w(j), self.w(j - 1))
            if year:
                return Found(i, j + 1, "DATE", f"FY{year}", year=year)
            return None
        match = FISCAL_YEAR.match(word)
        if match:
            year = int(match.group(1))
            year = year if year > 100 else year + (1900 if year > 40 else 2000)
            return Found(i, i + 1, "DATE", f"FY{year}", year=year)
        if word == "year" and has_the and self.year_at(i + 1):
            return Found(i, i + 2, "DATE", self.w(i + 1), year=int(self.w(i + 1)))
        if word.startswith("mid-") and (YEAR.match(word[4:]) or DECADE.match(word[4:])):
            found = Found(i, i + 1, "DATE", word[4:-2] + "X" if word.endswith("s") else word[4:],
                          mod="MID")
            return found
        year = self.year_at(i)
        if year and self.w(i + 1) == "-" and self.w(i + 3) == "-":
            found = self.numeric_date(i, has_the, f"{word}-{self.w(i + 2)}-{self.w(i + 4)}")
            if found:
                found.end = i + 5
                return found
        if year and has_the:
            part = self._part_of_year(i + 1, year)
            if part:
                part.year = year
                return part._replace_start(i)
        if year:
            return Found(i, i + 1, "DATE", str(year), keep_the=False, year=year)
        return self.decade(i, has_the) or self.century(i, has_the)

    def decade(self, i: int, has_the: bool) -> Found | None:
        word = self.w(i)
        if self.w(i - 1) in ("his", "her", "their", "my", "your", "our"):
            return None  # 'in his 30s' is an age
        match = DECADE.match(word)
        if match:
            return Found(i, i + 1, "DATE", match.group(1) + "X")
        match = SHORT_DECADE.match(word)
        if word == "'" and SHORT_DECADE.match(self.w(i + 1)):
            match, i_end = SHORT_DECADE.match(self.w(i + 1)), i + 2
        else:
            i_end = i + 1
        if match:
            return Found(i, i_end, "DATE", self._century_of(int(match.group(1))) + match.group(1) + "X")
        if word in DECADE_WORDS and has_the:
            digit = DECADE_WORDS[word]
            return Found(i, i + 1, "DATE", self._century_of(digit) + str(digit) + "X")
        return None

    def _century_of(self, decade_digit: int) -> str:
        if self.dct is None:
            return "19"
        century, current = divmod(self.dct.year // 10, 10)
        return str(century if decade_digit <= current else century - 1)

    def century(self, i: int, has_the: bool) -> Found | None:
        word, j = self.w(i), i + 1
        match = CENTURY_ORDINAL.match(word)
        number = int(match.group(1)) if match else ORDINALS.get(word)
        if self.w(j) == "-":
            j += 1
        if not number or number < 1 or self.w(j) != "century":
            return None
        return Found(i, j + 1, "DATE", f"{number - 1:02d}")

    def day_word(self, i: int, has_the: bool) -> Found | None:
        word = self.w(i)
        if word not in DAY_WORDS or self._is_title(i):
            return None
        if self.dct is None:
            day = None
        else:
            day = self.dct + timedelta(days=DAY_WORDS[word])
        if word == "tonight":
            return Found(i, i + 1, "TIME", f"{day.isoformat() if day else 'XXXX-XX-XX'}TNI")
        return self._with_part_of_day(i, i + 1, day)

    def _is_title(self, i: int) -> bool:
        """A capitalised "Today"/"Now" in quotes is a programme title, not a time."""
        token = self.doc[i]
        if not token.text[0].isupper() or token.is_sent_start:
            return False
        return self.w(i - 1) in QUOTES or self.w(i + 1) in QUOTES or self.w(i - 1) == "'s"

    def deictic(self, i: int, has_the: bool) -> Found | None:
        word = self.w(i)
        anchor = ANCHORS.get(word)
        if anchor is None and not (has_the and word in ("first", "initial")):
            return None
        if self._is_title(i):
            return None
        j = i + 1
        number = self.number_at(j)
        if number and number[0] > j:
            end, amount = number
            end += self.w(end) in ("more", "full", "additional")
            unit = self.unit_at(end)
            if unit:
                return Found(i, end + 1, "DURATION", cal.duration_value(amount, unit), quantity=True)
        if word in ("first", "initial"):
            return None
        unit = self.unit_at(j)
        if unit:
            return self._anchored_unit(i, j, word, anchor, unit, has_the)
        return self._anchored_name(i, j, word, anchor)

    def _anchored_unit(self, i: int, j: int, word: str, anchor: int, unit: str,
                       has_the: bool) -> Found | None:
        plural = self.w(j).endswith("s") and unit not in ("S",) and self.w(j) not in ("s",)
        if plural and word == "coming":
            return Found(i, j + 1, "DATE", "FUTURE_REF")
        if plural and self.w(j) != "hours" or self.w(j) in ("hours", "minutes", "seconds"):
            amount = "X"
            return Found(i, j + 1, "DURATION", cal.duration_value(amount, unit))
        if unit in ("H", "MIN", "S"):
            return Found(i, j + 1, "DURATION", cal.duration_value(1, unit)) if has_the else None
        if word == "past":
            if unit == "WE":
                return self._weekend(i, j + 1, -1)
            return Found(i, j + 1, "DURATION", cal.duration_value(1, unit))
        if word == "coming" and has_the and unit not in ("D", "WE"):
            return Found(i, j + 1, "DATE", "FUTURE_REF")
        if self.dct is None:
            return Found(i, j + 1, "DATE", "XXXX")
        if unit == "WE":
            return self._weekend(i, j + 1, anchor)
        if unit == "D" and not has_the and anchor == 0:
            return None
        if unit == "Y" and has_the and anchor and word != "coming" and self._recent_year(i):
            return Found(i, j + 1, "DATE", str(self._recent_year(i) + anchor), derived=True)
        if unit == "Y" and self.w(j + 1) == "'s":
            part = self._part_of_year(j + 2, self.dct.year + anchor)
            if part:
                return part._replace_start(i)
        return Found(i, j + 1, "DATE", cal.shift_value(self.dct, anchor, unit))

    def _part_of_year(self, k: int, year: int) -> Found | None:
        """'third quarter', 'first half' or 'quarter' after a year and "'s" (or a year)."""
        number = ORDINALS.get(self.w(k))
        noun_at = k + 1 + (self.w(k + 1) == "-")
        if number and self.w(noun_at) in QUARTER_NOUNS:
            letter = "Q" if self.w(noun_at) == "quarter" else "H"
            number = (4 if letter == "Q" else 2) if number == -1 else number
            if 0 < number <= (4 if letter == "Q" else 2):
                return Found(k, noun_at + 1, "DATE", f"{year:04d}-{letter}{number}")
        if self.w(k) in PERIOD_NOUNS:
            quarter = self.anchor[0][4:] if self.anchor and "Q" in self.anchor[0] else None
            return Found(k, k + 1, "DATE", f"{year:04d}{quarter}" if quarter else f"{year:04d}")
        return None

    def the_weekend(self, i: int, has_the: bool) -> Found | None:
        if has_the and self.w(i) == "weekend":
            direction = self.direction(i)
            return self._weekend(i, i + 1, direction if direction else -1)
        return None

    def the_period(self, i: int, has_the: bool) -> Found | None:
        """'the year', 'the full year', 'the week', 'the day', 'the latest period': the current
        one, or a duration of one unit in 'the year ended June 30'."""
        if not has_the or self.dct is None:
            return None
        j = i + (self.w(i) in PERIOD_QUALIFIERS)
        j += self.w(j) == "fiscal"
        word = self.w(j)
        if word in ("latest", "recent") and self.w(j + 1) == "period":
            anchored = self.anchor[0] if self.anchor and "Q" in self.anchor[0] else None
            year, q = cal.add_quarters(self.dct.year, cal.quarter_of(self.dct), -1)
            return Found(i, j + 2, "DATE", anchored or f"{year:04d}-Q{q}")
        unit = UNITS.get(word)
        if word not in ("year", "week", "month"):
            return None
        if self.w(j + 1) in ("ended", "ending", "through", "to"):
            return Found(i, j + 1, "DURATION", cal.duration_value(1, unit))
        if self.w(j + 1) in ("before", "after", "earlier", "later") or self.w(j - 1) in ("a", "per"):
            return None
        return Found(i, j + 1, "DATE", cal.shift_value(self.dct, 0, unit))

    def spoken_year(self, i: int, has_the: bool) -> Found | None:
        """'nineteen ninety-six', 'the year two thousand' (transcribed speech)."""
        word = self.w(i)
        if word == "year" and has_the and self.w(i + 1) == "two" and self.w(i + 2) == "thousand":
            number = self.number_at(i + 1)
            if number and 2000 <= number[1] < 2100:
                return Found(i, number[0], "DATE", str(int(number[1])), year=int(number[1]))
        if word not in SPOKEN_CENTURIES:
            return None
        number = self.number_at(i + 1)
        if not number or not isinstance(number[1], int) or not 10 <= number[1] < 100 \
                or self.unit_at(number[0]):
            return None
        year = SPOKEN_CENTURIES[word] + number[1]
        return Found(i, number[0], "DATE", str(year), keep_the=False, year=year)

    def year_end(self, i: int, has_the: bool) -> Found | None:
        """'year-end', 'year end', "year's end": the end of the current year."""
        if self.w(i) != "year" or self.dct is None:
            return None
        j = i + 1 + (self.w(i + 1) in ("-", "'s"))
        if self.w(j) != "end" or self.w(j + 1) in ("results", "report"):
            return None
        return Found(i, j + 1, "DATE", str(self.dct.year), mod="END")

    def _weekend(self, i: int, end: int, anchor: int) -> Found:
        if self.dct is None:
            return Found(i, end, "DATE", "XXXX-WXX-WE")
        saturday = cal.weekday_near(self.dct, 6, -1 if anchor < 0 else 1)
        if anchor == 0 and self.direction(i) == PAST:
            saturday = cal.weekday_near(self.dct, 6, -1)
        return Found(i, end, "DATE", cal.week_value(saturday) + "-WE")

    def _anchored_name(self, i: int, j: int, word: str, anchor: int) -> Found | None:
        """last/this/next + a weekday, month, season or part of day."""
        target = self.w(j).rstrip(".")
        if self.dct is None:
            return None
        dct = self.dct
        if target in WEEKDAYS and target not in AMBIGUOUS_WEEKDAYS:
            weekday = WEEKDAYS[target]
            if anchor < 0:
                day = cal.weekday_near(dct - timedelta(days=1), weekday, -1)
            elif anchor > 0:
                day = cal.weekday_near(dct, weekday, 1)
            else:
                day = self._weekday_date(j, weekday)
            found = self._with_part_of_day(i, j + 1, day)
            found.keep_the = True
            return found
        if target in MONTHS and (target not in AMBIGUOUS_MONTHS or target in ("may", "march")) \
                and self.doc[j].text[0].isupper():
            month = MONTHS[target]
            year = dct.year
            if anchor < 0 and month >= dct.month:
                year -= 1
            elif anchor > 0 and month <= dct.month:
                year += 1
            return Found(i, j + 1, "DATE", cal.month_value(year, month))
        if target in SEASONS:
            season = SEASONS[target]
            year = cal.season_year(dct, season, anchor) if anchor else dct.year
            return Found(i, j + 1, "DATE", f"{year:04d}-{season}")
        if target in PARTS_OF_DAY and word in ("last", "this"):
            part = PARTS_OF_DAY[target]
            day = dct - timedelta(days=1) if word == "last" else dct
            return Found(i, j + 1, "TIME", f"{day.isoformat()}T{part}")
        return None

    def quarter(self, i: int, has_the: bool) -> Found | None:
        j = i + (self.w(i) == "fiscal")
        word = self.w(j)
        if word in ("year",) and self.w(j + 1) == "-" and self.w(j + 2) in ("ago", "earlier"):
            return self._year_ago(i, j + 3)
        number = ORDINALS.get(word)
        k = j + 1 + (self.w(j + 1) == "-")
        noun = self.w(k)
        if number and noun in QUARTER_NOUNS and (0 < number <= (4 if noun == "quarter" else 2)
                                                 or number == -1):
            return self._quarter_value(i, j, k + 1, number, noun)
        if has_the and word in ("quarter", "latest", "recent", "most") and self.dct:
            end = j + 1 + (word == "most") + (word in ("latest", "recent", "most"))
            if self.w(end - 1) != "quarter":
                return None
            year, q = cal.add_quarters(self.dct.year, cal.quarter_of(self.dct), -1)
            return Found(i, end, "DATE", f"{year:04d}-Q{q}")
        return None

    def _quarter_value(self, i: int, j: int, end: int, number: int, noun: str) -> Found:
        letter = "Q" if noun == "quarter" else "H"
        year = None
        if self.w(end) == "of":
            k = end + 1 + (self.w(end + 1) in ("fiscal", "the"))
            year = self.year_at(k)
            if year:
                end = k + 1
            elif self.w(k) in ANCHORS and self.w(k + 1) == "year" and self.dct:
                year, end = self.dct.year + ANCHORS[self.w(k)], k + 2
        year = year or self.anchor_year
        if year is None and self.dct:
            year = self.dct.year
            current = cal.quarter_of(self.dct) if letter == "Q" else (self.dct.month - 1) // 6 + 1
            if number == -1:
                number = 4 if letter == "Q" else 2
            if number > current and self.direction(i) == PAST:
                year -= 1
        if number == -1:
            number = 4 if letter == "Q" else 2
        y = f"{year:04d}" if year else "XXXX"
        return Found(i, end, "DATE", f"{y}-{letter}{number}")

    def _year_ago(self, i: int, end: int) -> Found | None:
        if self.dct is None:
            return None
        anchored = self._shift_anchor(i, -1, "Y", "earlier")
        if self.w(end) in PERIOD_NOUNS and anchored and "Q" in anchored:
            return Found(i, end + 1, "DATE", anchored, derived=True)
        if self.w(end) in PERIOD_NOUNS:
            year, q = cal.add_quarters(self.dct.year, cal.quarter_of(self.dct), -5)
            return Found(i, end + 1, "DATE", f"{year:04d}-Q{q}")
        number = ORDINALS.get(self.w(end))
        k = end + 1 + (self.w(end + 1) == "-")
        if number and 0 < number <= 4 and self.w(k) == "quarter":
            return Found(i, k + 1, "DATE", f"{self.dct.year - 1:04d}-Q{number}")
        return Found(i, end, "DATE", anchored or str(self.dct.year - 1), keep_the=False,
                     derived=True)

    def season(self, i: int, has_the: bool) -> Found | None:
        word = self.w(i)
        if word not in SEASONS or self.doc[i].pos_ not in ("NOUN", "PROPN"):
            return None
        end = i + 1
        year = self.year_at(end) or (self.year_at(end + 1) if self.w(end) == "of" else None)
        if year:
            end += 1 + (self.w(end) == "of")
        elif self.w(i - 1) not in SEASON_CUES or self.w(end) == "of":
            return None
        if year is None:
            year = self.anchor_year or (self.dct.year if self.dct else None)
        y = f"{year:04d}" if year else "XXXX"
        return Found(i, end, "DATE", f"{y}-{SEASONS[word]}")

    def duration(self, i: int, has_the: bool) -> Found | None:
        number = self.number_at(i)
        if number is None:
            return None
        end, amount = number
        if YEAR.match(self.w(i)) and not self.w(end).endswith("s"):
            return None
        if self.w(i) in ("a", "an") and self.w(end) in UNITS and self.w(i - 1) in SET_CUES | {"per"} \
                and self.w(end + 1) not in ("ago", "earlier", "before", "later"):
            return Found(i, end + 1, "SET", cal.duration_value(1, UNITS[self.w(end)]))
        end += self.w(end) in ("more", "full", "additional", "straight", "consecutive")
        hyphen = self.w(end) == "-"
        end += hyphen
        unit = self.unit_at(end)
        if unit is None or unit == "WE":
            return None
        if self._is_age(end + 1) or (amount == "X" and self.w(i) == "some" and hyphen):
            return None
        if self._not_a_duration(i, end, unit):
            return None
        if self.w(end + 1) == "-" and self.w(end + 2) in ("earlier", "ago", "end", "long"):
            return None
        if self.w(i) in VAGUE_NUMBERS and self.w(i) != "couple" and not self.w(end).endswith("s"):
            return None
        end += 1
        return self._ago(i, end, amount, unit) or Found(
            i, end, "DURATION", cal.duration_value(amount, unit), quantity=True,
            keep_the=not hyphen)

    def _not_a_duration(self, i: int, unit_at: int, unit: str) -> bool:
        """Fractions ('three-quarters of'), ordinals ('a second group') and titles ('60 Minutes')."""
        if unit == "Q" and self.w(unit_at + 1) == "of" and not YEAR.match(self.w(unit_at + 2)):
            return True
        if self.w(unit_at) == "second" and self.w(i) in ("a", "an"):
            return True
        return self._is_title(unit_at) and self.w(unit_at - 1) not in ("-",)

    def _is_age(self, i: int) -> bool:
        return self.w(i) == "old" or (self.w(i) == "-" and self.w(i + 1) == "old") or (
            self.w(i) == "of" and self.w(i + 1) == "age") or self.w(i) == "-old"

    def _ago(self, i: int, end: int, amount, unit: str) -> Found | None:
        word = self.w(end)
        if word in ("ago", "earlier", "before") and not (word == "before" and self.w(end + 1).isalpha()):
            sign = -1
        elif word == "hence" or (word == "from" and self.w(end + 1) == "now"):
            sign = 1
        else:
            return None
        stop = end + 1 + (word == "from")
        if amount == "X" or isinstance(amount, float) or self.dct is None:
            return Found(i, stop, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", quantity=True)
        if unit in ("H", "MIN", "S"):
            return Found(i, stop, "DATE", self.dct.isoformat(), quantity=True)
        anchored = self._shift_anchor(i, sign * int(amount), unit, word)
        if anchored:
            return Found(i, stop, "DATE", anchored, quantity=True, derived=True)
        return Found(i, stop, "DATE", cal.shift_value(self.dct, sign * int(amount), unit),
                     quantity=True)

    def _shift_anchor(self, i: int, years: int, unit: str, word: str) -> str | None:
        """'a year earlier' after 'the third quarter' is that quarter a year before: the
        anchor of this or the previous sentence, at the anchor's own granularity."""
        if unit != "Y" or self.anchor is None or self.sentence_index(i) - self.anchor[1] > 2:
            return None
        value = self.anchor[0]
        if word == "ago" and value[:4] != f"{self.dct.year:04d}":
            return None
        return f"{int(value[:4]) + years:04d}{value[4:]}"

    def clock(self, i: int, has_the: bool) -> Found | None:
        found = self.clock_at(i)
        if found is None:
            return None
        end, hour, minute = found
        if self.w(end) in TIMEZONES:
            end += 1
        elif self.w(end) == "local" and self.w(end + 1) == "time":
            end += 2
        day, day_end = self._day_after_clock(end)
        day_value = day.isoformat() if day else "XXXX-XX-XX"
        return Found(i, day_end, "TIME", f"{day_value}T{hour:02d}:{minute:02d}", quantity=True)

    def _day_after_clock(self, end: int) -> tuple[date | None, int]:
        k = end + (self.w(end) in ("on", ","))
        word = self.w(k)
        if word in WEEKDAYS and word not in AMBIGUOUS_WEEKDAYS:
            return self._weekday_date(k, WEEKDAYS[word]), k + 1
        if word in ("today", "yesterday", "tomorrow", "tonight") and self.dct:
            return self.dct + timedelta(days=DAY_WORDS[word]), k + 1
        dated = self.month_date(k, False) or self.day_month(k, False)
        if dated and dated.value[:4].isdigit() and len(dated.value) == 10:
            return date.fromisoformat(dated.value), dated.end
        return self.dct, end

    def set_expr(self, i: int, has_the: bool) -> Found | None:
        word = self.w(i)
        if word in SETS:
            if word in ADJECTIVAL_SETS and self.doc[i].dep_ in ("amod", "compound") \
                    and self.w(i - 1) not in ("twice", "once", "times"):
                return None
            return Found(i, i + 1, "SET", SETS[word])
        if word in ("every", "each", "per"):
            return self._every(i)
        base = word[:-1] if word.endswith("s") else ""
        if base in WEEKDAYS and base not in AMBIGUOUS_WEEKDAYS and self.w(i - 1) == "on":
            return Found(i, i + 1, "SET", f"XXXX-WXX-{WEEKDAYS[base]}")
        return None

    def _every(self, i: int) -> Found | None:
        j = i + 1 + (self.w(i + 1) == "other")
        every_other = j > i + 1
        number = self.number_at(j) if self.w(j) not in ("a", "an") else None
        amount = 1
        if number:
            j, amount = number
        word = self.w(j)
        unit = UNITS.get(word)
        if unit and unit != "WE":
            amount = 2 * amount if every_other and amount != "X" else amount
            return Found(i, j + 1, "SET", cal.duration_value(amount, unit))
        bare = word.rstrip("s")
        if bare in WEEKDAYS and bare not in AMBIGUOUS_WEEKDAYS:
            return Found(i, j + 1, "SET", f"XXXX-WXX-{WEEKDAYS[bare]}")
        if word in MONTHS and word not in AMBIGUOUS_MONTHS | {"may", "march"} or word in ("may", "march"):
            return Found(i, j + 1, "SET", f"XXXX-{MONTHS[word]:02d}")
        if word in SEASONS:
            return Found(i, j + 1, "SET", f"XXXX-{SEASONS[word]}")
        if word in PARTS_OF_DAY or word == "weekend":
            return Found(i, j + 1, "SET", "P1D" if word != "weekend" else "P1W")
        return None

    def ref_word(self, i: int, has_the: bool) -> Found | None:
        word = self.w(i)
        if word not in REFS or self._is_title(i):
            return None
        keep_the = word in ("future", "present", "past")
        tag = self.doc[i].tag_
        if word in ("current", "recent", "future") and not (tag in ("JJ", "NN") or has_the):
            return None
        if word == "future" and not has_the and self.w(i + 1) in ("of", ""):
            return None
        if word == "soon" and (self.w(i - 1) == "as" or self.w(i + 1) in ("after", "as")):
            return None
        if word == "now" and self.w(i + 1) == "that":
            return Found(i, i + 1, "DATE", "PRESENT_REF")
        return Found(i, i + 1, "DATE", REFS[word], keep_the=keep_the)

    def vague_plural(self, i: int, has_the: bool) -> Found | None:
        word = self.w(i)
        j = i + (word == "recent")
        unit = self.unit_at(j)
        if unit is None or not self.w(j).endswith("s") or unit == "WE":
            return None
        if j == i and self.w(i - 1) not in ("for", "over", "in", "within", "than", "take", "took",
                                           "takes", "lasted", "spent", "spend"):
            return None
        if self._is_age(j + 1):
            return None
        if word == "recent" and unit == "Y":
            return Found(i, j + 1, "DATE", "PAST_REF")
        return Found(i, j + 1, "DURATION", cal.duration_value("X", unit))

    def relative_year(self, i: int, has_the: bool) -> Found | None:
        """'year-earlier' and 'year-ago' used as adjectives."""
        if self.w(i) == "year" and self.w(i + 1) == "-" and self.w(i + 2) in ("earlier", "ago"):
            return self._year_ago(i, i + 3)
        return None

    # -- prefixes and the scan --------------------------------------------------------------
    def quantity_prefix(self, i: int) -> tuple[int, str | None] | None:
        for length in (4, 3, 2, 1):
            key = tuple(self.low[i:i + length])
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
        for recognise in self.cores:
            found = recognise(i, has_the)
            if found and found.end > found.start and (best is None or found.end > best.end):
                best = found
                found.rule = found.rule or recognise.__name__
        return best

    def candidates(self, i: int):
        """(start, quantity mod, position mod, core index, has_the), longest first."""
        quantity = self.quantity_prefix(i)
        starts = ([(quantity[0], quantity[1], True)] if quantity else []) + [(i, None, False)]
        for j, qmod, has_q in starts:
            has_the = self.w(j) == "the"
            for k, the in ([(j + 1, True)] if has_the else []) + [(j, False)]:
                position = self.position_prefix(k)
                if position:
                    yield i, (qmod, has_q), position[1], position[0], the or self.w(position[0] - 1) == "the"
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
            found.start = k if has_the and not found.keep_the and not pmod else start
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


def _two_digit_year(word: str, previous: str) -> int | None:
    digits = word.lstrip("'")
    if len(digits) == 2 and digits.isdigit():
        value = int(digits)
        return value + (1900 if value > 40 else 2000)
    return None


TRIGGERS = (set(MONTHS) | {m + "." for m in MONTHS} | set(WEEKDAYS) | {d + "." for d in WEEKDAYS}
            | {d + "s" for d in WEEKDAYS} | set(SEASONS) | set(PARTS_OF_DAY) | set(UNITS)
            | set(NUMBERS) | VAGUE_NUMBERS | set(ORDINALS) | set(DECADE_WORDS) | set(REFS)
            | {k[0] for k in REF_PHRASES} | set(DAY_WORDS) | {k[0] for k in HOLIDAYS} | set(SETS)
            | set(ANCHORS) | set(POSITION_MODS) | {k[0] for k in QUANTITY_MODS}
            | {"the", "every", "each", "per", "fiscal", "noon", "midnight", "midday", "year",
               "'", "end", "beginning", "start", "middle", "close"})


ANCHOR_VALUE = re.compile(r"^\d{4}-(Q\d|H\d)$")


def _sentence_numbers(doc: Doc) -> list[int]:
    numbers, current = [], -1
    for token in doc:
        current += token.is_sent_start or current < 0
        numbers.append(current)
    return numbers


def scan(doc: Doc, dct: date | None) -> list[Found]:
    """All time expressions of doc, in order, without overlaps."""
    scanner = Scanner(doc, dct)
    found: list[Found] = []
    low = scanner.low
    i = 0
    while i < scanner.n:
        token = doc[i]
        if token.is_sent_start:
            scanner.anchor_year = None
        word = low[i]
        if word not in TRIGGERS and not word[:1].isdigit() and not word.startswith(("mid-", "fy")):
            i += 1
            continue
        match = scanner.match(i)
        if match is None:
            i += 1
            continue
        found.append(match)
        scanner.remember(match)
        i = max(match.end, i + 1)
    return found
