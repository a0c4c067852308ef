"""Mentions (token spans that may refer) and clusters (the entities being built)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

NAME, NOMINAL, PRONOUN = "name", "nominal", "pronoun"
PLACES = {"GPE", "LOC"}
RELATIVE_CASE = "relative"  # Mention.noun of a relative pronoun (who, which, that)
FIRST_PERSON_CASE = "first"  # Mention.noun of I, me, my


@dataclass(eq=False)
class Mention:
    start: int  # token span, end exclusive
    end: int
    kind: str  # NAME | NOMINAL | PRONOUN
    label: str  # NER label, or the type a nominal or pronoun implies
    head: int  # token index of the syntactic head
    words: tuple[str, ...] = ()  # name words, lower case, without titles and suffixes
    gender: str | None = None  # M | F | N (non-person) | None
    plural: bool = False
    noun: str = ""  # lemma of a nominal's head noun, or the pronoun's form
    title: str | None = None  # title noun written before a name ("judge")
    text: str = ""  # the name without titles and honorifics
    definite: bool = False
    cluster: Cluster | None = None


@dataclass(eq=False)
class Cluster:
    label: str
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None
    first_names: set[str] = field(default_factory=set)
    last_name: str | None = None
    nouns: set[str] = field(default_factory=set)  # title and role nouns known for it
    role_of: dict[str, Mention] = field(default_factory=dict)  # "lawyer" -> a mention of the client
    agent: bool = False  # a description-only cluster that acts (kept as an entity)
    bare_surname: bool = False  # already called by the bare surname
    attributes: dict[str, Any] = field(default_factory=lambda: {
        "age": None, "titles": [], "roles": [], "affiliations": [], "descriptions": []})

    def add(self, mention: Mention) -> None:
        mention.cluster = self
        self.mentions.append(mention)
        if self.gender is None and mention.gender in ("M", "F"):
            self.gender = mention.gender

    def add_attribute(self, key: str, value: str) -> None:
        values = self.attributes[key]
        if value and value not in values:
            values.append(value)

    def has_name(self) -> bool:
        return any(m.kind == NAME for m in self.mentions)

    def last_token(self, before: int) -> int:
        """Index of the head of its last mention before token `before`, or -1."""
        heads = [m.head for m in self.mentions if m.head < before]
        return max(heads, default=-1)
