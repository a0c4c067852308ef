"""Entities and in-document coreference: NER names grouped into people,
organisations and places, with nominal and pronoun mentions linked to them.

Steps: names (repaired NER spans) -> attributes of each name -> people clustered by
name parts, other names by short forms -> nominals and pronouns linked in text
order -> Entity records. See docs/entities.md.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ...article import Article
from ...schema import Entity, TextSpan
from ..extensions import sharing_values, span_text, tokens_of
from .attributes import apply, read_attributes
from .lexicon import lexicon
from .lookup import EntityLookup
from .mentions import (name_mention, name_spans, nominal_mentions, pronoun_mentions,
                       surname_mentions, title_mentions)
from .model import NAME, NOMINAL, Cluster, Mention
from .names import cluster_others, cluster_people, nested_names, normal_words
from .resolve import make_state, resolve

__all__ = ["extract_entities", "EntityLookup"]


@sharing_values
def extract_entities(doc: Doc, article: Article | None = None) -> list[Entity]:
    """The entities of one parsed article, each with all its resolved mentions.

    doc (Doc): the article parsed by the newsfacts pipeline.
    article (Article): its text and metadata (offsets index article.text == doc.text).
    RETURNS (list[Entity]): entities E1.. in order of first mention.
    """
    lex = lexicon()
    names = [m for m in (name_mention(span, lex) for span in name_spans(doc)) if m is not None]
    names = sorted(names + surname_mentions(doc, names, _tokens_of(names), lex), key=lambda m: m.start)
    person_words = frozenset(w for m in names if m.label == "PERSON" for w in m.words)
    found = [read_attributes(doc, m, lex, person_words) for m in names]
    for mention, facts in zip(names, found):
        mention.title = mention.title or facts.title
        mention.gender = mention.gender or facts.gender
    clusters = cluster_people(names, lex) + cluster_others(names, lex)
    nested_names(doc, names, lex)
    name_at = {i: m for m in names for i in range(m.start, m.end)}
    for mention, facts in zip(names, found):
        if mention.cluster is not None:
            apply(facts, mention.cluster, name_at)
    if doc.has_annotation("DEP"):  # descriptions and pronouns need the parse
        taken = set(name_at) | _add_titles(doc, names, lex)
        others = nominal_mentions(doc, taken, lex) + pronoun_mentions(doc, taken)
        state = make_state(doc, lex, clusters, names + others)
        resolve(state, others)
    return to_entities(doc, clusters)


def to_entities(doc: Doc, clusters: list[Cluster]) -> list[Entity]:
    kept = [c for c in clusters if c.has_name() or c.agent]
    kept.sort(key=lambda c: min(m.start for m in c.mentions))
    return [Entity(id=f"E{n}", name=entity_name(doc, c), type=c.label,
                   mentions=_spans(doc, c.mentions), attributes=_attributes(c))
            for n, c in enumerate(kept, 1)]


def entity_name(doc: Doc, cluster: Cluster) -> str:
    """A person's most complete name (most words, then longest, then first written);
    for other names, the longest spelling of the most used form ("Apple Inc." for
    Apple, Apple, Apple Inc., Apple Stores)."""
    named = [m for m in cluster.mentions if m.kind == NAME]
    if named and cluster.label != "PERSON":
        named = _most_used_form(named)
    if named:
        best = max(named, key=lambda m: (len(m.words), len(m.text), -m.start))
        return best.text
    first = min((m for m in cluster.mentions if m.kind == NOMINAL), key=lambda m: m.start)
    return span_text(doc, first.start, first.end)


def _most_used_form(named: list[Mention]) -> list[Mention]:
    lex = lexicon()
    forms: dict[str, list[Mention]] = {}
    for mention in named:
        key = " ".join(normal_words(mention, lex))
        forms.setdefault(lex.aliases.get(key, key), []).append(mention)
    return max(forms.values(), key=lambda group: (len(group), max(len(m.text) for m in group)))


def _spans(doc: Doc, mentions: list[Mention]) -> list[TextSpan]:
    seen: dict[tuple[int, int], TextSpan] = {}
    tokens = tokens_of(doc)
    for mention in mentions:
        first, last = tokens[mention.start], tokens[mention.end - 1]
        key = (first.idx, last.idx + len(last))
        if key not in seen:
            seen[key] = TextSpan(*key, span_text(doc, mention.start, mention.end))
    return [seen[key] for key in sorted(seen)]


def _attributes(cluster: Cluster) -> dict:
    attributes = {key: (list(value) if isinstance(value, list) else value)
                  for key, value in cluster.attributes.items()}
    if cluster.label != "PERSON":
        attributes["age"] = None
    return attributes


def _add_titles(doc: Doc, names: list[Mention], lex) -> set[int]:
    """Titles before a name join its person; RETURNS their token indexes."""
    taken = set()
    for title, name in title_mentions(doc, names, lex):
        if name.cluster is not None:
            name.cluster.add(title)
            taken.update(range(title.start, title.end))
    return taken


def _tokens_of(mentions: list[Mention]) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}
