"""Entities: NER mentions grouped into entities by in-document coreference."""
from __future__ import annotations

from spacy.tokens import Doc

from ..article import Article
from ..schema import Entity, TextSpan

KEEP = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}


def extract_entities(doc: Doc, article: Article) -> list[Entity]:
    # placeholder: one entity per distinct NER string (replaced by the coreference resolver)
    by_key: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        key = (ent.text, ent.label_)
        if key not in by_key:
            by_key[key] = Entity(id=f"E{len(by_key) + 1}", name=ent.text, type=ent.label_)
        by_key[key].mentions.append(TextSpan(ent.start_char, ent.end_char, ent.text))
    return list(by_key.values())


class EntityLookup:
    """Find the entity whose mention covers a character span."""

    def __init__(self, entities: list[Entity]):
        self._mentions = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)

    def at(self, start: int, end: int) -> str | None:
        best = None
        for m_start, m_end, entity_id in self._mentions:
            if m_start >= end:
                break
            if m_end > start and (best is None or (m_end - m_start) > best[0]):
                best = (m_end - m_start, entity_id)
        return best[1] if best else None
