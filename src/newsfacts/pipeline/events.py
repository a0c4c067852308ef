"""Events: the verbs that carry the story, with agents, patients and a date."""
from __future__ import annotations

from spacy.tokens import Doc

from ..article import Article
from ..schema import Entity, Event, TimeExpr


def extract_events(doc: Doc, article: Article, entities: list[Entity],
                   times: list[TimeExpr]) -> list[Event]:
    return []  # placeholder
