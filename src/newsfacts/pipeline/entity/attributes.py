"""Attributes of a named mention, read off its noun phrase.

Sources: the words written before the name ("U.S. District Judge", "Carroll's
lawyer", "Democrat", "77-year-old"), an apposition or a copula after it ("Trump,
77,"; "Tim Cook, chief executive of Apple,"; "Carroll is a writer"), and a party
tag "(R-Texas)". A noun phrase's head noun decides where it goes: a title noun
(lexicon) -> titles, a person noun -> roles, another noun -> descriptions; NORP
names -> affiliations, and so do organisations after "of/at" or before the title
("Apple CEO").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..extensions import children, span_text, tokens_of
from .lexicon import Lexicon
from .mentions import POSSESSIVE, nominal_extent, premodifiers
from .model import Cluster, Mention

AFFILIATION_LABELS = {"NORP", "ORG"}
MAX_AGE = 120
REPORTED = {"ccomp", "xcomp", "csubj"}  # "claiming he is a victim" is a claim
MAX_PHRASE = 12  # tokens; longer appositions are mostly misparses


@dataclass
class Facet:
    """One description of a mention: where it goes and what it says."""
    key: str  # titles | roles | descriptions
    text: str
    noun: str
    owner: int | None = None  # token index of a possessor ("Carroll's lawyer")


@dataclass
class Found:
    age: int | None = None
    facets: list[Facet] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    title: str | None = None  # the title noun before the name, for "Judge X"
    gender: str | None = None  # from an honorific before the name ("Ms. Doe")


def read_attributes(doc: Doc, mention: Mention, lex: Lexicon,
                    person_words: frozenset[str] = frozenset()) -> Found:
    """What the words around a name say about it; person_words are the words of
    the article's person names (an ORG-tagged "Trump" before a name is not an
    affiliation)."""
    found = Found()
    root = tokens_of(doc)[mention.head]
    _read_premodifiers(doc, premodifiers(doc, mention.start, root), found, lex, person_words)
    for phrase in _predicates(root):
        _read_phrase(doc, phrase, found, lex, person_words)
    found.age = found.age or age_after(doc, mention.end)
    party = party_after(doc, mention.end, lex)
    if party:
        found.affiliations.append(party)
    return found


def party_after(doc: Doc, end: int, lex: Lexicon) -> str | None:
    """'(R-Texas)' or ', D-Calif.,' right after a name."""
    words = [t.text for t in tokens_of(doc)[end:end + 4]]
    while words and words[0] in (",", "("):
        words = words[1:]
    if len(words) >= 2 and words[0] in lex.parties and words[1] == "-":
        return lex.parties[words[0]]
    return None


def _read_premodifiers(doc: Doc, tokens: list[Token], found: Found, lex: Lexicon,
                       person_words: frozenset[str]) -> None:
    honorific = next((lex.honorifics[t.lower_] for t in tokens if t.lower_ in lex.honorifics), None)
    found.gender = found.gender or honorific
    tokens = [t for t in tokens if t.lower_ not in lex.honorifics]
    age_tokens = _age_tokens(tokens)
    if age_tokens:
        found.age = age_tokens[1]
        tokens = [t for t in tokens if t.i not in age_tokens[0]]
    while tokens and tokens[0].ent_type_ in AFFILIATION_LABELS and not _possessor(tokens) \
            and tokens[0].lower_ not in person_words:
        ent_end = _ent_end(tokens)
        found.affiliations.append(_text(doc, tokens[0].i, tokens[ent_end].i + 1))
        tokens = tokens[ent_end + 1:]
    if not tokens:
        return
    head = tokens[-1]
    if head.ent_type_ == "PERSON" or head.text in POSSESSIVE:
        return
    owner = next((t.i for t in tokens if t.dep_ == "poss"), None)
    facet = classify(head, _text(doc, tokens[0].i, head.i + 1), lex, owner)
    if facet is not None:
        found.facets.append(facet)
        if facet.key == "titles":
            found.title = facet.noun


def _possessor(tokens: list[Token]) -> bool:
    end = _ent_end(tokens)
    return end + 1 < len(tokens) and tokens[end + 1].text in POSSESSIVE


def _ent_end(tokens: list[Token]) -> int:
    label, end = tokens[0].ent_type_, 0
    while end + 1 < len(tokens) and tokens[end + 1].ent_iob_ == "I" \
            and tokens[end + 1].ent_type_ == label:
        end += 1
    return end


def _predicates(root: Token) -> list[Token]:
    """Heads of the noun phrases that describe a name: appositions and 'X is a Y'."""
    found = [c for c in children(root) if c.dep_ == "appos" and c.ent_type_ not in ("PERSON", "DATE")]
    copula = root.head
    if root.dep_ == "nsubj" and copula.lemma_ == "be" and copula.dep_ not in REPORTED:
        found += [c for c in children(root.head) if c.dep_ == "attr" and not c.ent_type_]
    return [t for t in found if t.pos_ in ("NOUN", "PROPN")]


def _read_phrase(doc: Doc, head: Token, found: Found, lex: Lexicon,
                 person_words: frozenset[str]) -> None:
    start, end = nominal_extent(head)
    tokens = tokens_of(doc)
    if tokens[start].dep_ == "det":
        start += 1
    if start >= end:
        return
    phrase = tokens[start:end]
    age = _age_tokens(phrase)
    if age:
        found.age = found.age or age[1]
    if end - start > MAX_PHRASE or any(t.is_quote for t in phrase):
        return
    for token in phrase:
        if token.ent_type_ in AFFILIATION_LABELS and token.ent_iob_ == "B" \
                and token.lower_ not in person_words:
            found.affiliations.append(_ent_text(token))
    owner = next((c.i for c in children(head) if c.dep_ == "poss"), None)
    facet = classify(head, _text(doc, start, end), lex, owner)
    if facet is not None:
        found.facets.append(facet)


def classify(head: Token, text: str, lex: Lexicon, owner: int | None = None) -> Facet | None:
    title = lex.title_word(head.text) or lex.title_word(head.lemma_)
    if title:
        return Facet("titles", text, title, owner)
    lemma = head.lemma_.lower()
    if lemma in lex.person_nouns:
        return Facet("roles", text, lemma, owner)
    if head.pos_ == "NOUN":
        return Facet("descriptions", text, lemma, owner)
    return None


def _age_tokens(tokens: list[Token]) -> tuple[set[int], int] | None:
    """'77-year-old' (five tokens) inside a phrase: the token ids and the age."""
    for n, token in enumerate(tokens[:-4]):
        words = [t.lower_ for t in tokens[n:n + 5]]
        if token.like_num and words[1:] == ["-", "year", "-", "old"]:
            age = _as_age(token.text)
            if age:
                return {t.i for t in tokens[n:n + 5]}, age
    return None


def age_after(doc: Doc, end: int) -> int | None:
    """'Carroll, 80,' / 'Jane Doe, aged 45,' / 'Smith (52)' right after a name."""
    i, tokens = end, tokens_of(doc)
    if i < len(tokens) and tokens[i].text in (",", "("):
        i += 1
        if i < len(tokens) and tokens[i].lower_ == "aged":
            i += 1
        if i + 1 <= len(tokens) and tokens[i].like_num:
            after = tokens[i + 1].text if i + 1 < len(tokens) else "."
            if after in (",", ".", ")", ";", ":", "\n"):
                return _as_age(tokens[i].text)
    return None


def _as_age(text: str) -> int | None:
    return int(text) if text.isdigit() and 0 < int(text) <= MAX_AGE else None


def _text(doc: Doc, start: int, end: int) -> str:
    return span_text(doc, start, end)


def _ent_text(token: Token) -> str:
    doc, end = token.doc, token.i + 1
    tokens = tokens_of(doc)
    while end < len(tokens) and tokens[end].ent_iob_ == "I":
        end += 1
    return span_text(doc, token.i, end)


def apply(found: Found, cluster: Cluster, owners: dict[int, Mention]) -> None:
    """Copy what a mention says into its cluster (for a non-person, only its
    descriptions: "Battleground state Florida" is no affiliation)."""
    if cluster.label != "PERSON":
        found = Found(facets=[f for f in found.facets if f.key == "descriptions"])
    if found.age and not cluster.attributes["age"]:
        cluster.attributes["age"] = found.age
    for affiliation in found.affiliations:
        cluster.add_attribute("affiliations", affiliation)
    for facet in found.facets:
        cluster.add_attribute(facet.key, facet.text)
        if facet.key != "descriptions":
            cluster.nouns.add(facet.noun)
        if facet.owner is not None and facet.owner in owners:
            cluster.role_of.setdefault(facet.noun, owners[facet.owner])
