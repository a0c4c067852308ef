"""Time expressions: TIMEX3 tagging and normalisation against the publication date."""
from __future__ import annotations

from spacy.tokens import Doc

from ..article import Article
from ..schema import TimeExpr


def extract_times(doc: Doc, article: Article) -> list[TimeExpr]:
    return []  # placeholder: being written (issue 3)
