"""Speaker resolution: the source span of an attribution -> an entity id,
through the mentions (and coreference) of the entities extractor."""
from __future__ import annotations

from spacy.tokens import Token

from ...pipeline.entities import EntityLookup

RELATIVE = {"who", "which", "that", "whom"}
PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her", "them", "his", "its", "their"}


def antecedent(relative: Token) -> Token:
    """The noun a relative pronoun stands for: the head of its relative
    clause, else the nearest noun before it."""
    if relative.head.dep_ == "relcl" and relative.head.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return relative.head.head
    for token in reversed(relative.doc[max(0, relative.i - 4):relative.i]):
        if token.pos_ in ("NOUN", "PROPN"):
            return token
    return relative


def resolve_speaker(token: Token | None, span: tuple[int, int] | None, lookup: EntityLookup,
                    previous: str | None) -> str | None:
    """The entity of a speaker: its head word's mention, else any mention in
    its span, else (relative pronoun) its antecedent's, else for a bare
    pronoun the previous speaker."""
    if token is not None:
        if token.lower_ in RELATIVE:
            token = antecedent(token)
        entity = lookup.at(token.idx, token.idx + len(token))
        if entity:
            return entity
    if span is not None:
        entity = lookup.at(*span)
        if entity:
            return entity
    if token is not None and token.lower_ in PRONOUNS:
        return previous
    return None
