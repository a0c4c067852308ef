"""Quotes and attribution: direct, partial and reported speech (issue 4).

extract_quotes(doc, article, entities) finds quoted passages (quotation marks
of every style, runs over paragraphs), attributions from the dependency parse
driven by the cue lexicon learned from PolNeAR train, links the two, carries a
speaker over to quote-only paragraphs, adds the attributions a CRF role tagger
(also trained on PolNeAR train) finds in sentences the rules left without one,
and resolves each speaker to an entity.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from ...article import Article
from ...schema import Entity, Quote, Speaker, TextSpan
from ..entities import EntityLookup
from ..extensions import sharing_values, text_of
from .assemble import Found, assemble
from .lexicon import load_lexicon
from .marks import find_quoted
from .rules import find_attributions
from .speakers import refine_sources, resolve_speaker
from .tagged import add_tagged
from .transcript import headline_claim, transcript_lines

__all__ = ["extract_quotes", "find_quotes", "Found"]


def find_quotes(doc: Doc, text: str | None = None) -> list[Found]:
    """Attributions with their content linked to quotation marks (no entities).

    text (str): doc.text when the caller has it (Doc.text joins every token anew).
    """
    lexicon = load_lexicon()
    text = doc.text if text is None else text
    quoted = find_quoted(text)
    cue_scores: dict[int, float] = {}
    found = assemble(doc, text, quoted, find_attributions(doc, lexicon, text, cue_scores), lexicon)
    found += transcript_lines(doc, text, found)
    found += headline_claim(doc, text, found)
    found = add_tagged(doc, text, found, quoted, lexicon, cue_scores)
    refine_sources(doc, text, found)
    found.sort(key=lambda f: f.start)
    return found


@sharing_values
def extract_quotes(doc: Doc, article: Article, entities: list[Entity]) -> list[Quote]:
    """Every quote and reported statement of the article, with its speaker.

    doc (Doc): the parsed article (doc.text == article.text).
    entities (list[Entity]): the entities extractor's output, for speakers.
    RETURNS (list[Quote]): in text order, ids Q1, Q2, ...
    """
    text = text_of(doc, article)
    lookup = EntityLookup(entities)
    quotes: list[Quote] = []
    speakers: dict[int, str | None] = {}
    previous: str | None = None
    for found in find_quotes(doc, text):
        if found.carried_from is not None:
            entity = speakers.get(id(found.carried_from)) or previous
        else:
            entity = resolve_speaker(found.source_token, found.source, lookup, previous)
        speakers[id(found)] = entity
        previous = entity or previous
        speaker = _speaker(text, found, entity)
        quote = _quote(text, found.kind, found.inner, found, speaker)
        quote.attribution = attribution_of(doc, quote)
        quotes.append(quote)
        quotes.extend(_quote(text, "partial", [span], found, speaker) for span in found.partials)
    quotes = _one_partial_per_span(quotes)
    quotes.sort(key=lambda q: (q.start, q.end))
    for number, quote in enumerate(quotes, 1):
        quote.id = f"Q{number}"
    return quotes


def attribution_of(doc: Doc, quote: Quote) -> str:
    """'speech' for words in quotation marks and for cues that report saying or
    writing; 'other' for attributions of intent, belief or evidence."""
    if quote.kind != "indirect" or quote.cue is None:
        return "speech"
    cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    lemmas = {t.lemma_.lower() for t in cue or []}
    return "speech" if lemmas & speech_cues() else "other"


@lru_cache(maxsize=1)
def speech_cues() -> frozenset[str]:
    path = Path(__file__).resolve().parents[1] / "patterns" / "speech_cues.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["lemmas"])


def _one_partial_per_span(quotes: list[Quote]) -> list[Quote]:
    """A fragment inside nested reported speech belongs to the innermost
    attribution that names a speaker: the nearest cue."""
    best: dict[tuple[int, int], Quote] = {}
    for quote in quotes:
        if quote.kind != "partial":
            continue
        key = (quote.start, quote.end)
        if key not in best or _partial_rank(quote) > _partial_rank(best[key]):
            best[key] = quote
    return [q for q in quotes if q.kind != "partial" or best[(q.start, q.end)] is q]


def _partial_rank(quote: Quote) -> tuple:
    named = quote.speaker is not None and quote.speaker.entity is not None
    distance = abs(quote.cue.start - quote.start) if quote.cue else 10**9
    return (named, -distance)


def _speaker(text: str, found: Found, entity: str | None) -> Speaker | None:
    if found.source is None:
        return Speaker(entity=entity) if entity else None
    start, end = found.source
    return Speaker(entity=entity, start=start, end=end, text=text[start:end])


def _quote(text: str, kind: str, parts: list[tuple[int, int]], found: Found,
           speaker: Speaker | None) -> Quote:
    start, end = parts[0][0], parts[-1][1]
    cue = TextSpan(found.cue[0], found.cue[1], text[found.cue[0]:found.cue[1]]) if found.cue else None
    pieces = [TextSpan(s, e, text[s:e]) for s, e in parts] if len(parts) > 1 else []
    return Quote(id="", kind=kind, start=start, end=end, text=text[start:end], cue=cue,
                 speaker=speaker, parts=pieces)
