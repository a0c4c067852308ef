"""Quotes: direct, partial and reported speech, each with its cue and speaker.

The work is done in the quoting package; this module keeps the stable import.
"""
from __future__ import annotations

from .quoting import extract_quotes, find_quotes

__all__ = ["extract_quotes", "find_quotes"]
