"""Quotes: direct, partial and reported speech, each with its cue and speaker."""
from __future__ import annotations

from spacy.tokens import Doc

from ..article import Article
from ..schema import Entity, Quote


def extract_quotes(doc: Doc, article: Article, entities: list[Entity]) -> list[Quote]:
    return []  # placeholder: being written (issue 4)
