"""The word lists of the time grammar, loaded once from patterns/time_lexicon.json."""
from __future__ import annotations

import json
import re
from pathlib import Path

_DATA = json.loads((Path(__file__).resolve().parents[1] / "patterns" / "time_lexicon.json")
                   .read_text(encoding="utf-8"))

MONTHS: dict[str, int] = _DATA["months"]
WEEKDAYS: dict[str, int] = _DATA["weekdays"]
SEASONS: dict[str, str] = _DATA["seasons"]
PARTS_OF_DAY: dict[str, str] = _DATA["parts_of_day"]
UNITS: dict[str, str] = _DATA["units"]
NUMBERS: dict[str, float] = _DATA["numbers"]
VAGUE_NUMBERS: set[str] = set(_DATA["vague_numbers"])
ORDINALS: dict[str, int] = _DATA["ordinals"]
DECADE_WORDS: dict[str, int] = _DATA["decade_words"]
REFS: dict[str, str] = _DATA["refs"]
REF_PHRASES: dict[tuple[str, ...], str] = {tuple(k.split()): v for k, v in _DATA["ref_phrases"].items()}
DAY_WORDS: dict[str, int] = _DATA["day_words"]
HOLIDAYS: dict[tuple[str, ...], list] = {tuple(k.replace("'s", " 's").split()): v
                                         for k, v in _DATA["holidays"].items()}
SETS: dict[str, str] = _DATA["sets"]
ANCHORS: dict[str, int] = _DATA["anchors"]
POSITION_MODS: dict[str, str] = _DATA["position_mods"]
QUANTITY_MODS: dict[tuple[str, ...], str | None] = {
    tuple(k.split()): v for k, v in _DATA["quantity_mods"].items()}

# Full month names are safe alone; these short forms need a following day or a period.
AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "jun", "jul", "aug", "oct", "nov", "dec",
                    "sep", "sept", "feb", "apr"}
AMBIGUOUS_WEEKDAYS = {"mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun"}
TIMEZONES = {"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "et", "pt",
             "ct", "bst", "cet", "jst"}
AM_PM = {"a.m.": "am", "am": "am", "a.m": "am", "p.m.": "pm", "pm": "pm", "p.m": "pm"}
QUOTES = {'"', "'", "“", "”", "‘", "’", "``", "''"}

YEAR = re.compile(r"^(1[6-9]\d\d|20\d\d)$")
DECADE = re.compile(r"^(1[6-9]\d|20\d)0'?s$")
SHORT_DECADE = re.compile(r"^'?(\d)0'?s$")
DAY_NUMBER = re.compile(r"^([12]?\d|3[01])(st|nd|rd|th)?$")
ISO_DATE = re.compile(r"^(1[6-9]\d\d|20\d\d)-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])$")
SLASH_DATE = re.compile(r"^(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/((?:19|20)?\d\d)$")
CLOCK = re.compile(r"^([01]?\d|2[0-3])(?:[:.]([0-5]\d))?$")
CLOCK_AMPM = re.compile(r"^([01]?\d)(?::([0-5]\d))?(a\.?m\.?|p\.?m\.?)$")
FISCAL_YEAR = re.compile(r"^fy[-']?((?:19|20)?\d\d)$")
CENTURY_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")
NUMBER = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")
