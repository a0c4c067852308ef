"""Amounts: money and quantities with normalised values and modifiers."""
from __future__ import annotations

from spacy.tokens import Doc

from ..article import Article
from ..schema import Amount


def extract_amounts(doc: Doc, article: Article) -> list[Amount]:
    return []  # placeholder
