"""TIMEX3 tagging and normalisation on top of a spaCy Doc (see docs/times.md)."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from ...article import Article
from ...schema import TimeExpr
from .grammar import Found, scan

__all__ = ["extract_times", "find_times"]


def find_times(doc: Doc, dct: date | None) -> list[Found]:
    """The time expressions of doc as token spans, normalised against dct."""
    return scan(doc, dct)


def extract_times(doc: Doc, article: Article) -> list[TimeExpr]:
    """Every time expression of the article, TIMEX3-typed and normalised against its
    publication date (values use XXXX where the year cannot be known)."""
    text = article.text
    times = []
    for found in find_times(doc, article.published_date):
        start = doc[found.start].idx
        last = doc[found.end - 1]
        end = last.idx + len(last.text)
        times.append(TimeExpr(id=f"T{len(times) + 1}", start=start, end=end,
                              text=text[start:end], type=found.type, value=found.value,
                              mod=found.mod))
    return times
