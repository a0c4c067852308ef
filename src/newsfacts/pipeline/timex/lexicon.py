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
REF_PHRASES: dict[tuple[str, ...], str] = {
    tuple(k.split()): v for k, v in _DATA["ref_phrases"].items()}
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
CALENDAR_VALUE = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?(T.*)?$")
NUMBER = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")

# Context words the recognisers check around a candidate.
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
SET_CUES = {"times", "once", "twice", "thrice", "percent", "%", "million", "billion",
            "thousand", "hundred", "dollars", "cents"}
DAY_KINDS = {"trading", "business", "working", "school", "calendar"}  # 'eight trading days'
ADJECTIVAL_SETS = {"quarterly", "monthly", "yearly", "nightly"}
PERIOD_QUALIFIERS = {"full", "fiscal", "current", "calendar", "entire", "whole", "same"}
SPOKEN_CENTURIES = {"nineteen": 1900, "eighteen": 1800}
QUARTER_NOUNS = {"quarter", "half"}
PERIOD_NOUNS = {"quarter", "period"}
DETERMINERS = {"the", "its", "their", "his", "her", "our", "all", "a", "an", "this", "that",
               "these", "those", "total"}
HOLIDAY_PERIODS = {"sales", "holidays", "weeks", "days", "festivities", "celebrations", "breaks"}
SAME_DAY_CUES = {"early", "earlier", "late", "later"}
SEASON_CUES = {"in", "during", "by", "until", "since", "through", "over", "this", "last",
               "next", "early", "late", "mid", "the", "that", "each", "every", "past"}
