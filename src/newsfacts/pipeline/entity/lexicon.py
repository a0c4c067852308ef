"""The entity lexicons (JSON under pipeline/patterns/entity_*.json), loaded once."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PATTERNS = Path(__file__).resolve().parent.parent / "patterns"

PRONOUNS = {  # form -> (gender, case); gender M, F, N (it) or P (plural)
    "he": ("M", "subj"), "him": ("M", "obj"), "his": ("M", "poss"), "himself": ("M", "refl"),
    "she": ("F", "subj"), "her": ("F", "obj"), "hers": ("F", "poss"), "herself": ("F", "refl"),
    "it": ("N", "subj"), "its": ("N", "poss"), "itself": ("N", "refl"),
    "they": ("P", "subj"), "them": ("P", "obj"), "their": ("P", "poss"), "theirs": ("P", "poss"),
    "themselves": ("P", "refl"),
}


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]
    title_abbreviations: dict[str, str]
    honorifics: dict[str, str]
    name_suffixes: frozenset[str]
    parties: dict[str, str]
    person_nouns: frozenset[str]
    noun_gender: dict[str, str]
    reciprocal: dict[str, str]
    not_agents: frozenset[str]
    speech_verbs: frozenset[str]
    org_nouns: dict[str, tuple[str, ...]]
    collective_agents: frozenset[str]
    aliases: dict[str, str]
    org_suffixes: frozenset[str]
    distinct_words: frozenset[str]
    acronym_skip: frozenset[str]
    male_names: frozenset[str]
    female_names: frozenset[str]
    nicknames: dict[str, str]

    def title_word(self, word: str) -> str | None:
        """The title noun a word stands for ('Sen.' -> 'senator'), or None."""
        lower = word.lower()
        lower = self.title_abbreviations.get(lower, lower)
        return lower if lower in self.titles else None

    def given_name(self, word: str) -> str:
        """The full form of a first name ('bill' -> 'william'), lower case."""
        lower = word.lower()
        return self.nicknames.get(lower, lower)

    def first_name_gender(self, word: str) -> str | None:
        lower = word.lower()
        if lower in self.male_names:
            return "M"
        if lower in self.female_names:
            return "F"
        return None


def _read(name: str) -> dict:
    return json.loads((PATTERNS / f"entity_{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    titles, persons, orgs = _read("titles"), _read("person_nouns"), _read("org_nouns")
    aliases, names = _read("aliases"), _read("first_names")
    alias_map = {alias: canon for canon, forms in aliases["aliases"].items() for alias in forms}
    return Lexicon(
        titles=frozenset(titles["titles"]),
        title_abbreviations=titles["abbreviations"],
        honorifics=titles["honorifics"],
        name_suffixes=frozenset(titles["name_suffixes"]),
        parties=titles["parties"],
        person_nouns=frozenset(persons["nouns"]),
        noun_gender=persons["gender"],
        reciprocal=persons["reciprocal"],
        not_agents=frozenset(persons["not_agents"]),
        speech_verbs=frozenset(persons.get("speech_verbs", ())),
        org_nouns={noun: tuple(types) for noun, types in orgs["nouns"].items()},
        collective_agents=frozenset(orgs["collective_agents"]),
        aliases=alias_map,
        org_suffixes=frozenset(aliases["org_suffixes"]),
        distinct_words=frozenset(aliases.get("distinct_words", ())),
        acronym_skip=frozenset(aliases["acronym_skip"]),
        male_names=frozenset(names["male"]),
        female_names=frozenset(names["female"]),
        nicknames=names["nicknames"],
    )
