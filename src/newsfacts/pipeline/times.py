"""Time expressions: TIMEX3 tagging and normalisation against the publication date.

The grammar lives in the timex package; this module keeps the extractor's
public name where facts.py imports it.
"""
from __future__ import annotations

from .timex import extract_times, find_times

__all__ = ["extract_times", "find_times"]
