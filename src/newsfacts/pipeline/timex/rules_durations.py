"""Recognisers of durations ('four minutes', 'two-year'), 'N units ago' and sets."""
from __future__ import annotations

from . import calendar as cal
from .found import Found
from .tense import PAST
from .lexicon import (
    DAY_KINDS, ADJECTIVAL_SETS, AMBIGUOUS_MONTHS, AMBIGUOUS_WEEKDAYS, DETERMINERS, MONTHS,
    PARTS_OF_DAY, QUOTES, SEASONS, SETS, SET_CUES, UNITS, VAGUE_NUMBERS, WEEKDAYS, YEAR)


class DurationRules:
    """Mixin of Scanner: each recogniser takes the index after any prefix and has_the."""

    def duration(self, i: int, has_the: bool) -> Found | None:
        number = self.number_at(i)
        if number is None or (YEAR.match(self.w(i)) and not self.w(number[0]).endswith("s")):
            return None
        end, amount = number
        rate = self._rate(i, end)
        if rate:
            return rate
        end += self.w(end) in ("more", "full", "additional", "straight", "consecutive")
        end += self.w(end) in DAY_KINDS and self.w(end + 1) in ("day", "days")
        hyphen = self.w(end) == "-"
        end += hyphen
        unit = self.unit_at(end)
        if unit is None or unit == "WE" or self._rejected(i, end, unit, amount, hyphen):
            return None
        end += 1
        if self._someday(i, end - 1):
            return Found(i, end, "DATE", "FUTURE_REF")
        if not hyphen and amount != "X" and self.low[end:end + 3] in (["and", "a", "half"],
                                                                    ["and", "an", "half"]):
            amount, end = amount + 0.5, end + 3  # 'a minute and a half'
        or_so = self.low[end:end + 2] == ["or", "so"]
        end += 2 * or_so  # 'a week or so ago', 'two years or so'
        found = self._ago(i, end, amount, unit) or Found(
            i, end, "DURATION", cal.duration_value(amount, unit), quantity=True,
            keep_the=not hyphen)
        found.mod = "APPROX" if or_so else found.mod
        return found

    def _someday(self, i: int, unit_at: int) -> bool:
        """'Islam will one day be ...': 'one day' as an adverb of a sentence not in the past
        is some day to come, not a length of one day."""
        return (self.low[i:unit_at + 1] == ["one", "day"]
                and self.tokens[unit_at].dep_ in ("npadvmod", "nsubj", "advmod")
                and self.direction(unit_at) != PAST)

    def _rate(self, i: int, end: int) -> Found | None:
        """'a year' after an amount or a count of times is a SET: '$5 a year', 'twice a week'."""
        after_amount = self.w(i - 1) in SET_CUES | {"per"} or (
            i > 0 and self.tokens[i - 1].like_num and not YEAR.match(self.w(i - 1)))
        if self.w(i) not in ("a", "an") or self.w(end) not in UNITS or not after_amount \
                or self.w(end + 1) in ("ago", "earlier", "before", "later"):
            return None
        start = i - 1 if self.w(i - 1) in ("once", "twice", "thrice") else i
        if self.w(i - 1) == "times" and self.number_at(i - 2):
            start = i - 2
        return Found(start, end + 1, "SET", cal.duration_value(1, UNITS[self.w(end)]),
                     keep_the=False)

    def _rejected(self, i: int, unit_at: int, unit: str, amount, hyphen: bool) -> bool:
        """Ages, fractions, ordinals, titles, 'year-end' and vague singulars ('some day')."""
        word = self.w(i)
        return (self._is_age(unit_at + 1) or (amount == "X" and word == "some" and hyphen)
                or self._not_a_duration(i, unit_at, unit)
                or (self.w(unit_at + 1) == "-"
                    and self.w(unit_at + 2) in ("earlier", "ago", "end", "long"))
                or (word in VAGUE_NUMBERS and word != "couple" and not hyphen
                    and not self.w(unit_at).endswith("s")))

    def _not_a_duration(self, i: int, unit_at: int, unit: str) -> bool:
        """Fractions ('three-quarters of'), ordinals ('a second group'), titles ('60 Minutes')."""
        if unit == "Q" and self.w(unit_at + 1) == "of" and (
                self.w(unit_at - 1) == "-" or self.w(i) in ("a", "an", "one")
                or self.w(unit_at + 2) in DETERMINERS):
            return True  # 'three-quarters of', 'a quarter of the market'
        if self.w(unit_at) == "second" and self.w(i) in ("a", "an"):
            return True
        title_case = self.tokens[unit_at].text[:1].isupper() and not self.tokens[i].is_sent_start
        return title_case and (self.w(i - 1) in QUOTES or self._is_title(unit_at))

    def _is_age(self, i: int) -> bool:
        return self.w(i) == "old" or (self.w(i) == "-" and self.w(i + 1) == "old") or (
            self.w(i) == "of" and self.w(i + 1) == "age") or self.w(i) == "-old"

    def _ago(self, i: int, end: int, amount, unit: str) -> Found | None:
        word = self.w(end)
        before_event = word == "before" and self.w(end + 1).isalpha()
        if word in ("ago", "earlier", "before") and not before_event:
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

    def set_expr(self, i: int, has_the: bool) -> Found | None:
        word = self.w(i)
        if word in SETS:
            if word in ADJECTIVAL_SETS and self.tokens[i].dep_ in ("amod", "compound") \
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
            value = cal.duration_value(amount, unit, quarters_as_months=False)
            return Found(i, j + 1, "SET", value)
        bare = word.rstrip("s")
        if bare in WEEKDAYS and bare not in AMBIGUOUS_WEEKDAYS:
            return Found(i, j + 1, "SET", f"XXXX-WXX-{WEEKDAYS[bare]}")
        if word in MONTHS and (word not in AMBIGUOUS_MONTHS or word in ("may", "march")):
            return Found(i, j + 1, "SET", f"XXXX-{MONTHS[word]:02d}")
        if word in SEASONS:
            return Found(i, j + 1, "SET", f"XXXX-{SEASONS[word]}")
        if word in PARTS_OF_DAY or word == "weekend":
            return Found(i, j + 1, "SET", "P1D" if word != "weekend" else "P1W")
        return None

    def long_adjective(self, i: int, has_the: bool) -> Found | None:
        """'day-long', 'decades-long': a unit made an adjective, one unit or several."""
        unit = self.unit_at(i)
        if unit is None or unit == "WE" or self.low[i + 1:i + 3] != ["-", "long"]:
            return None
        amount = "X" if self.w(i).endswith("s") else 1
        return Found(i, i + 3, "DURATION", cal.duration_value(amount, unit), keep_the=False)

    def ahead(self, i: int, has_the: bool) -> Found | None:
        """'the weeks ahead', 'the days ahead': the coming stretch of an unknown length."""
        unit = self.unit_at(i)
        if not has_the or unit is None or not self.w(i).endswith("s") or self.w(i + 1) != "ahead":
            return None
        return Found(i, i + 2, "DURATION", cal.duration_value("X", unit))

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
