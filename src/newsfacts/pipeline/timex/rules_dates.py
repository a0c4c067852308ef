"""Recognisers of calendar expressions: dates, weekdays, years, decades, seasons,
clock times, day words and present/past/future references."""
from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .found import Found
from .lexicon import (
    AMBIGUOUS_WEEKDAYS, ANCHORS, CENTURY_ORDINAL, DAY_NUMBER, DAY_WORDS, DECADE,
    DECADE_WORDS, FISCAL_YEAR, HOLIDAYS, HOLIDAY_PERIODS, ISO_DATE, ORDINALS, PARTS_OF_DAY,
    QUOTES, REFS, REF_PHRASES, SAME_DAY_CUES, SEASONS, SEASON_CUES, SHORT_DECADE,
    SLASH_DATE, SPOKEN_CENTURIES, TIMEZONES, UNITS, WEEKDAYS, YEAR)
from .tense import FUTURE, PAST, has_future_aux

DEADLINE_CUES = {"until", "till", "til", "by"}
RANGE_LINKS = {"-", "–", "and", "or", "to", "through"}
DAY_VALUE = re.compile(r"^(\d{4}|XXXX)-\d\d-\d\d$")
PART_OF_DAY_CUES = {"in", "during", "by", "until", "through"}  # 'in the morning'


class DateRules:
    """Mixin of Scanner: each recogniser takes the index after any prefix and has_the."""

    def ref_phrase(self, i: int, has_the: bool) -> Found | None:
        for length in (4, 3, 2):
            key = self.phrase(i, length)
            if key in REF_PHRASES:
                if key == ("the", "moment") and self.w(i - 1) not in ("at", "for"):
                    return None
                return Found(i, i + length, "DATE", REF_PHRASES[key])
        return None

    def holiday(self, i: int, has_the: bool) -> Found | None:
        for length in (4, 3, 2, 1):
            key = self.phrase(i, length)
            if key in HOLIDAYS:
                rule = HOLIDAYS[key]
                end = i + length
                if self.tokens[end - 1].dep_ == "compound" and i + length < self.n \
                        and self.tokens[end].tag_ == "NNS" and self.w(end) not in HOLIDAY_PERIODS:
                    return None  # 'Christmas trees'

                year = self.year_at(end + 1 if self.w(end) == "," else end)
                if year:
                    end += 1 + (self.w(end) == ",")
                found = self._holiday_value(i, end, rule, year)
                if found and self.w(end) == "week" and found.value[:4].isdigit():
                    return self._holiday_week(i, end + 1, rule, found, year)
                return found
        return None

    def _holiday_value(self, i: int, end: int, rule: list, year: int | None) -> Found | None:
        if year is None:
            if self.dct is None:
                return None
            dates = [self._holiday_date(rule, y) for y in (self.dct.year - 1, self.dct.year,
                                                          self.dct.year + 1)]
            day = cal.pick_by_direction(dates, self.dct, self.direction(i), window=0)
            return Found(i, end, "DATE", day.isoformat(), keep_the=False)
        return Found(i, end, "DATE", self._holiday_date(rule, year).isoformat(), keep_the=False,
                     year=year)

    def _holiday_week(self, i: int, end: int, rule: list, found: Found,
                      year: int | None) -> Found:
        """'Easter week': the ISO week of the holiday, this year's while the DCT is in it."""
        week = cal.week_value(date.fromisoformat(found.value))
        if year is None and self.dct:
            this_year = cal.week_value(self._holiday_date(rule, self.dct.year))
            week = this_year if this_year == cal.week_value(self.dct) else week
        return Found(i, end, "DATE", week, keep_the=False, year=found.year)

    def _holiday_date(self, rule: list, year: int) -> date:
        if rule[0] == "nth":
            day = cal.nth_weekday(year, rule[1], rule[2], rule[3])
        elif rule[0] == "last":
            day = cal.last_weekday(year, rule[1], rule[2])
        elif rule[0] == "election":
            day = cal.election_day(year)
        elif rule[0] == "easter":
            day = cal.easter(year) + timedelta(days=rule[1])
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
        spoken = None if year else self._spoken_year_at(k + (self.w(k) == "of"))
        if year:
            j = k + 1 + (self.w(k) == "of")
        elif spoken:
            year, j = spoken
        elif day is None and self.w(j) == "'" and re.fullmatch(r"\d\d", self.w(j + 1)):
            year, j = 1900 + int(self.w(j + 1)), j + 2
        elif self._relative_year_at(j + (self.w(j) == "of")) is not None:
            of = self.w(j) == "of"
            year, j = self._relative_year_at(j + of), j + 2 + of
        return self._month_value(i, j, month, day, year)

    def _relative_year_at(self, i: int) -> int | None:
        """The year of 'this year', 'last year', 'next year' at i."""
        if self.w(i) in ("this", "last", "next") and self.w(i + 1) == "year" and self.dct:
            return self.dct.year + ANCHORS[self.w(i)]
        return None

    def _month_value(self, i: int, end: int, month: int, day: int | None,
                     year: int | None) -> Found | None:
        explicit = year
        if year is None and self.direction(i) == PAST:
            year = self.year_anchor_for(i)
        if year is None and self.dct:
            direction = self.direction(i)
            year = (cal.month_day_year(self.dct, month, day, direction) if day
                    else cal.month_year(self.dct, month, direction))
        y = f"{year:04d}" if year else "XXXX"
        value = f"{y}-{month:02d}-{day:02d}" if day else f"{y}-{month:02d}"
        if day and year and cal.safe_date(year, month, day) is None:
            return None
        return Found(i, end, "DATE", value, keep_the=False, year=explicit)

    def day_range_tail(self, found: Found) -> Found | None:
        """The bare day that closes 'April 24 and 25', 'Nov. 3-5': a date of the same month."""
        end = found.end
        if found.type != "DATE" or not DAY_VALUE.match(found.value) \
                or self.w(end) not in RANGE_LINKS or self.month_at(found.start) is None:
            return None
        match = DAY_NUMBER.match(self.w(end + 1))
        nxt = self.w(end + 2)
        if not match or nxt in UNITS or nxt in ("%", "percent") or self.month_at(end + 2):
            return None
        day = int(match.group(1))
        if not int(found.value[8:10]) < day or (found.value[:4].isdigit() and cal.safe_date(
                int(found.value[:4]), int(found.value[5:7]), day) is None):
            return None
        return Found(end + 1, end + 2, "DATE", f"{found.value[:8]}{day:02d}", derived=True)

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
        if bare in ("sun", "sat", "wed") and not self.tokens[i].text[0].isupper():
            return None
        j = i + 1
        k = j + (self.w(j) == ",")
        dated = self.month_date(k, False) or self.day_month(k, False)
        if dated:
            dated.start = i
            return dated
        weekly = self._weekly_part_of_day(j)
        if weekly:
            return Found(i, j + 1 if weekly[0] == j else j, "SET",
                         f"XXXX-WXX-{WEEKDAYS[bare]}T{weekly[1]}")
        day = self._weekday_date(i, WEEKDAYS[bare])
        return self._with_part_of_day(i, j, day)

    def _weekly_part_of_day(self, j: int) -> tuple[int, str] | None:
        """(index, part) of a plural part of day after a weekday: 'Tuesday nights', and
        'Monday and Tuesday nights' for Monday; such a weekday is a SET."""
        k = j + 2 if self.w(j) in ("and", "or", ",") and self.w(j + 1) in WEEKDAYS else j
        word = self.w(k)
        if word.endswith("s") and word[:-1] in PARTS_OF_DAY:
            return k, PARTS_OF_DAY[word[:-1]]
        return None

    def _weekday_date(self, i: int, weekday: int, cue_at: int | None = None) -> date | None:
        """The date of a weekday at i; cue_at is where the expression starts (a clock time
        before the weekday), whose preposition may say more than the tense."""
        if self.dct is None:
            return None
        if weekday == self.dct.isoweekday() and self.w(i - 1) in SAME_DAY_CUES:
            return self.dct  # 'later Friday' in a Friday article
        direction = self.direction(i)
        if direction == PAST and self.w((i if cue_at is None else cue_at) - 1) in DEADLINE_CUES:
            direction = 0  # 'extended the deadline until Tuesday': a deadline, often ahead
        if self._possessive(i) and not has_future_aux(self.tokens[i]):
            direction = PAST  # 'Monday's debate' names a day already past
        if direction == FUTURE:
            return cal.weekday_near(self.dct, weekday, 1)
        if direction == PAST:
            return cal.weekday_near(self.dct, weekday, -1)
        return cal.weekday_near(self.dct, weekday, 0)

    def _possessive(self, i: int) -> bool:
        j = i + 1 + (self.w(i + 1) in PARTS_OF_DAY)
        return self.w(j) in ("'s", "’s")

    def _with_part_of_day(self, i: int, j: int, day: date | None) -> Found:
        """A day, extended by a following part of day ("Thursday night") or not."""
        day_value = day.isoformat() if day else "XXXX-XX-XX"
        part = PARTS_OF_DAY.get(self.w(j))
        if part and self.w(j) != "overnight":
            return Found(i, j + 1, "TIME", f"{day_value}T{part}", keep_the=False)
        return Found(i, j, "DATE", day_value, keep_the=False)

    def part_of_day(self, i: int, has_the: bool) -> Found | None:
        """'in the morning', 'mid-afternoon (yesterday)': a part of the day just named (or
        of the one that follows), else of the DCT's day."""
        word = self.w(i)
        mid = word.startswith("mid") and word[3:].lstrip("-") in PARTS_OF_DAY
        part = PARTS_OF_DAY.get(word[3:].lstrip("-") if mid else word)
        if part is None or word == "overnight":
            return None
        before = self.w(i - 1 - has_the)
        after_mid = self.w(i - 1) == "mid" or self.low[i - 2:i] == ["mid", "-"]
        if not (mid or after_mid or has_the and before in PART_OF_DAY_CUES):
            return None
        day, end = self._day_at(i + 1)
        if day is None:
            day, end = self._recent_day(i) or self.dct, i + 1
        value = day.isoformat() if day else "XXXX-XX-XX"
        return Found(i, end, "TIME", f"{value}T{part}", keep_the=True, derived=True,
                     mod="MID" if mid else None)

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
        prefix, _, rest = word.partition("-")
        if prefix in ("pre", "post") and YEAR.match(rest):  # 'post-1959 Cuba'
            return Found(i, i + 1, "DATE", rest, year=int(rest))
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
                return part.starting_at(i)
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
            digit = match.group(1)
            return Found(i, i_end, "DATE", self._century_of(int(digit)) + digit + "X")
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

    def _spoken_year_at(self, k: int) -> tuple[int, int] | None:
        """(year, end) of a transcribed year at k: 'January nineteen ninety-seven'."""
        found = self.spoken_year(k, False) if self.w(k) in SPOKEN_CENTURIES else None
        return (found.year, found.end) if found else None

    def season(self, i: int, has_the: bool) -> Found | None:
        word = self.w(i)
        if word not in SEASONS or self.tokens[i].pos_ not in ("NOUN", "PROPN"):
            return None
        end = i + 1
        year = self.year_at(end) or (self.year_at(end + 1) if self.w(end) == "of" else None)
        spoken = None if year else self._spoken_year_at(end + (self.w(end) == "of"))
        if year:
            end += 1 + (self.w(end) == "of")
        elif spoken:
            year, end = spoken
        elif self.w(i - 1) not in SEASON_CUES or self.w(end) == "of":
            return None
        if year is None:
            year = self.anchor_year or (self.dct.year if self.dct else None)
        y = f"{year:04d}" if year else "XXXX"
        return Found(i, end, "DATE", f"{y}-{SEASONS[word]}")

    def clock(self, i: int, has_the: bool) -> Found | None:
        found = self.clock_at(i)
        if found is None:
            return None
        self.clock_start = i
        end, hour, minute = found
        if self.w(end) in TIMEZONES:
            end += 1
        elif self.w(end) == "local" and self.w(end + 1) == "time":
            end += 2
        day, day_end = self._day_after_clock(end)
        day_value = day.isoformat() if day else "XXXX-XX-XX"
        return Found(i, day_end, "TIME", f"{day_value}T{hour:02d}:{minute:02d}", quantity=True)

    def _day_after_clock(self, end: int) -> tuple[date | None, int]:
        """The day a clock time belongs to and where the expression ends: a following day
        joins it ('9 a.m. Tuesday'), one after a parenthesis only dates it."""
        k, aside = end, False
        if self.w(k) == "(" and ")" in self.low[k + 1:k + 5]:
            k, aside = self.low.index(")", k + 1) + 1, True  # '10:35 a.m. (0735 GMT) Friday'
        k += self.w(k) in ("on", ",")
        day, day_end = self._day_at(k)
        if day_end is None:
            return self._day_before_clock(end), end
        return day, end if aside else day_end

    def _day_before_clock(self, end: int) -> date | None:
        """The date just before a clock time ('Jan. 30 at 10 a.m.'), else the DCT."""
        last = self.last_found
        if last and last.type == "DATE" and len(last.value) == 10 and last.value[:4].isdigit() \
                and self.sentence_index(last.end - 1) == self.sentence_index(end - 1) \
                and all(w in ("at", ",", "from", "by", "before", "after", "around", "about")
                        for w in self.low[last.end:self.clock_start]):
            return date.fromisoformat(last.value)
        return self.dct

    def _day_at(self, k: int) -> tuple[date | None, int | None]:
        word = self.w(k)
        if word in WEEKDAYS and word not in AMBIGUOUS_WEEKDAYS:
            return self._weekday_date(k, WEEKDAYS[word], self.clock_start), k + 1
        if word in ("today", "yesterday", "tomorrow", "tonight") and self.dct:
            return self.dct + timedelta(days=DAY_WORDS[word]), k + 1
        dated = self.month_date(k, False) or self.day_month(k, False)
        if dated and dated.value[:4].isdigit() and len(dated.value) == 10:
            return date.fromisoformat(dated.value), dated.end
        return None, None

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
        token = self.tokens[i]
        if not token.text[0].isupper() or token.is_sent_start:
            return False
        return self.w(i - 1) in QUOTES or self.w(i + 1) in QUOTES or self.w(i - 1) == "'s"

    def ref_word(self, i: int, has_the: bool) -> Found | None:
        word = self.w(i)
        if word not in REFS or self._is_title(i):
            return None
        keep_the = word in ("future", "present", "past")
        tag = self.tokens[i].tag_
        if word in ("current", "recent", "future") and not (tag in ("JJ", "NN") or has_the):
            return None
        if word == "future" and not has_the and self.w(i + 1) in ("of", ""):
            return None
        if word == "soon" and (self.w(i - 1) == "as" or self.w(i + 1) in ("after", "as")):
            return None
        if word == "current" and self.w(i - 1) == "then":  # 'the then current price'
            return Found(i - 1, i + 1, "DATE", "PAST_REF", keep_the=False)
        if word == "now" and self.w(i + 1) == "that":
            return Found(i, i + 1, "DATE", "PRESENT_REF")
        return Found(i, i + 1, "DATE", REFS[word], keep_the=keep_the)


def _two_digit_year(word: str, previous: str) -> int | None:
    digits = word.lstrip("'")
    if len(digits) == 2 and digits.isdigit():
        value = int(digits)
        return value + (1900 if value > 40 else 2000)
    return None
