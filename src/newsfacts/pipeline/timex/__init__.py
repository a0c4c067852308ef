"""TIMEX3 tagging and normalisation on top of a spaCy Doc (see docs/times.md)."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from ...article import Article
from ...schema import TimeExpr
from ..extensions import sharing_values, tokens_of
from .grammar import Found, scan

__all__ = ["extract_times", "find_times"]


@sharing_values
def find_times(doc: Doc, dct: date | None) -> list[Found]:
    """The time expressions of doc as token spans, normalised against dct."""
    return scan(doc, dct)


@sharing_values
def extract_times(doc: Doc, article: Article) -> list[TimeExpr]:
    """Every time expression of the article, TIMEX3-typed and normalised against its
    publication date (values use XXXX where the year cannot be known)."""
    text = article.text
    times = []
    tokens = tokens_of(doc)
    for found in find_times(doc, article.published_date):
        start = tokens[found.start].idx
        last = tokens[found.end - 1]
        end = last.idx + len(last.text)
        times.append(TimeExpr(id=f"T{len(times) + 1}", start=start, end=end,
                              text=text[start:end], type=found.type, value=found.value,
                              mod=found.mod))
    return times
