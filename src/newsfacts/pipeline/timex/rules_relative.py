"""Recognisers of expressions relative to the DCT or to an anchor: last/this/next,
quarters, 'the following year', 'a year earlier' after a quarter, the weekend."""
from __future__ import annotations

from datetime import date, timedelta

from . import calendar as cal
from .found import Found
from .lexicon import (
    CALENDAR_VALUE,
    AMBIGUOUS_MONTHS, AMBIGUOUS_WEEKDAYS, ANCHORS, MONTHS, ORDINALS, PARTS_OF_DAY,
    PERIOD_NOUNS, PERIOD_QUALIFIERS, QUARTER_NOUNS, SEASONS, UNITS, WEEKDAYS)
from .tense import PAST

ANAPHORA_WINDOW = 3  # sentences back that 'the following/previous month' may count from


class RelativeRules:
    """Mixin of Scanner: each recogniser takes the index after any prefix and has_the."""

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
                value = cal.duration_value(amount, unit)
                return Found(i, end + 1, "DURATION", value, quantity=True)
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
        if has_the and anchor and word != "coming" and unit in ("D", "W", "M"):
            shifted = self._shift_recent(i, anchor, unit)
            if shifted:
                return Found(i, j + 1, "DATE", shifted, derived=True)
        if unit == "Y" and self.w(j + 1) == "'s":
            part = self._part_of_year(j + 2, self.dct.year + anchor)
            if part:
                return part.starting_at(i)
        return Found(i, j + 1, "DATE", cal.shift_value(self.dct, anchor, unit))

    def _recent_value(self, i: int, window: int = 1) -> str | None:
        """The value of the last calendar expression of this or the previous sentence (or the
        window sentences before): the anchor of 'the previous day', 'that year'."""
        last = self.last_found
        if last is None or last.derived or not CALENDAR_VALUE.match(last.value):
            return None
        if self.sentence_index(i) - self.sentence_index(last.start) > window:
            return None
        return last.value

    def _recent_day(self, i: int, window: int = 1) -> date | None:
        value = self._recent_value(i, window)
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None

    def _shift_recent(self, i: int, amount: int, unit: str) -> str | None:
        # 'the following month' reads back further than 'that day': a story's narrative
        # names a month and tells what happened over a few sentences before moving on
        value = self._recent_value(i, window=ANAPHORA_WINDOW)
        if value is None or (unit in ("D", "W") and len(value) < 10) or len(value) < 7:
            return None
        if unit == "M":
            return cal.month_value(*cal.add_months(int(value[:4]), int(value[5:7]), amount))
        day = date.fromisoformat(value[:10])
        return cal.shift_value(day, amount, unit)

    def that_period(self, i: int, has_the: bool) -> Found | None:
        """'that day', 'that same year', 'the same month': the period of the last date."""
        j = i
        if self.w(j) == "that":
            j += 1
        elif not has_the:
            return None
        if self.w(j) == "same":
            j += 1
        unit = UNITS.get(self.w(j))
        value = self._recent_value(i)
        if j == i or value is None or unit not in ("D", "W", "M", "Y", "Q"):
            return None
        granular = {"Y": 4, "Q": 7, "M": 7, "D": 10, "W": 10}[unit]
        if len(value) < granular:
            return None
        if unit == "Q":
            value = f"{value[:4]}-Q{(int(value[5:7]) - 1) // 3 + 1}"
        elif unit == "W":
            value = cal.week_value(date.fromisoformat(value[:10]))
        else:
            value = value[:granular]
        return Found(i, j + 1, "DATE", value, derived=True)

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
            if quarter is None and self.dct and self.w(k) == "quarter":
                _, previous = cal.add_quarters(self.dct.year, cal.quarter_of(self.dct), -1)
                quarter = f"-Q{previous}"
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
        if word == "week" and self.w(j + 1) == "of":
            week = self._week_of(j + 2)
            if week:
                return week.starting_at(i)
        relative = self.w(j + 1) in ("before", "after", "earlier", "later")
        if relative or self.w(j - 1) in ("a", "per"):
            return None
        return Found(i, j + 1, "DATE", cal.shift_value(self.dct, 0, unit))

    def _week_of(self, k: int) -> Found | None:
        """'(the week of) March 6': the week of a full date at k."""
        dated = self.month_date(k, False) or self.day_month(k, False)
        if dated is None or not CALENDAR_VALUE.match(dated.value) or len(dated.value) != 10:
            return None
        week = cal.week_value(date.fromisoformat(dated.value))
        return Found(k, dated.end, "DATE", week, year=dated.year)

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
            # 'the previous Friday' counts from the last day the story named, however
            # far back: with 'the' it is anaphoric; without a named day, from the DCT
            base = self._recent_day(i, window=10**6) if self.w(i - 1) == "the" else None
            base = base or dct
            if anchor < 0:
                day = cal.weekday_near(base - timedelta(days=1), weekday, -1)
            elif anchor > 0:
                day = cal.weekday_near(base, weekday, 1)
            else:
                day = self._weekday_date(j, weekday)
            found = self._with_part_of_day(i, j + 1, day)
            found.keep_the = True
            return found
        if target in MONTHS and (target not in AMBIGUOUS_MONTHS or target in ("may", "march")) \
                and self.tokens[j].text[0].isupper():
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
        if target in PARTS_OF_DAY and word in ("next", "following"):
            recent = self._recent_day(i)  # 'the next morning': after the last date named
            # without one, the event it follows is not dated in the text
            day = (recent + timedelta(days=1)).isoformat() if recent else "XXXX-XX-XX"
            return Found(i, j + 1, "TIME", f"{day}T{PARTS_OF_DAY[target]}", derived=True)
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

    def relative_year(self, i: int, has_the: bool) -> Found | None:
        """'year-earlier' and 'year-ago' used as adjectives."""
        if self.w(i) == "year" and self.w(i + 1) == "-" and self.w(i + 2) in ("earlier", "ago"):
            return self._year_ago(i, i + 3)
        return None

    def _shift_anchor(self, i: int, years: int, unit: str, word: str) -> str | None:
        """'a year earlier' after 'the third quarter' is that quarter a year before: the
        anchor of this or the previous sentence, at the anchor's own granularity."""
        if unit != "Y" or self.anchor is None or self.sentence_index(i) - self.anchor[1] > 2:
            return None
        value = self.anchor[0]
        if word == "ago" and value[:4] != f"{self.dct.year:04d}":
            return None
        return f"{int(value[:4]) + years:04d}{value[4:]}"
