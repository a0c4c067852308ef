"""A time expression found by the grammar: a token span and its TIMEX3 attributes."""
from __future__ import annotations

from dataclasses import dataclass


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

    def starting_at(self, start: int) -> "Found":
        self.start = start
        return self
