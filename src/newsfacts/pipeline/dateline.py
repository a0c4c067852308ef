"""Datelines: "WASHINGTON --", "RENO, Nev. (AP) —", "Dec 29 (Reuters) -".

One pattern for every reader of them: the main event takes the place as its
"where" when the story states none, and a speaker span never starts with one.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

WIRES = ("AP", "Reuters", "AFP", "UPI", "CNN", "Bloomberg")
# place: capitals ("NEW YORK", "U.S."), then maybe a state in any case
# ("RENO, Nev."); agency: a short bracket after it ("(AP)", "(CNN Money)");
# or a few words before a wire agency's name ("Dec 29 (Reuters)").
DATELINE = re.compile(
    r"(?<!\S)(?:"
    r"(?P<place>[A-Z][A-Z.'’\-]+(?:[ ,]+[A-Z][A-Z.'’\-]+)*(?:,\s*[A-Z][A-Za-z.]*)*)"
    r"\s*(?P<agency>\([^()\n]{1,30}\))?"
    r"|[^\n—–()]{0,30}(?P<wire>\((?:" + "|".join(WIRES) + r")\)))"
    r"\s*(?P<dash>--|[—–-])\s+(?=\S)")


def dateline_at(text: str, start: int, end: int | None = None) -> re.Match | None:
    """The dateline that opens the paragraph at start, if one does."""
    if start > 0 and text[start - 1] != "\n":
        return None
    return DATELINE.match(text, start, len(text) if end is None else end)


def datelines(text: str, window: int) -> Iterator[re.Match]:
    """Datelines with a place in the first window characters (after a caption,
    say), each as a match whose group "place" is the place."""
    for match in DATELINE.finditer(text[:window]):
        if match.group("place"):
            yield match


def is_wire_dateline(match: re.Match) -> bool:
    """An agency bracket, or a dash that a plain hyphen is not: a lone hyphen
    ("SOME WORDS - ") is a dateline only with an agency ("NEW YORK (Reuters) - ")."""
    return bool(match.group("agency") or match.group("wire")) or match.group("dash") != "-"
