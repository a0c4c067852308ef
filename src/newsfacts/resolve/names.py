"""Name normalisation for cross-article matching (lexicons in data/resolve_names.json)."""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

WORD = re.compile(r"[a-z0-9][a-z0-9\-]*")
POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("newsfacts").joinpath("data/resolve_names.json")
                     .read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


@lru_cache(maxsize=200_000)
def plain(text: str) -> str:
    """Lowercase ASCII text without accents or possessive endings."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return POSSESSIVE.sub("", text.strip()).lower()


def words(text: str) -> list[str]:
    return WORD.findall(plain(text).replace(".", ""))


def person_tokens(name: str) -> list[str]:
    """The name words of a person: no titles, initials or suffixes ("Donald J. Trump Jr." -> donald trump)."""
    return list(_person_tokens(name))


@lru_cache(maxsize=200_000)
def _person_tokens(name: str) -> tuple[str, ...]:
    lex = lexicon()
    tokens = words(name)
    while tokens and tokens[0] in lex["person_prefixes"]:
        tokens = tokens[1:]
    while tokens and tokens[-1] in lex["person_suffixes"]:
        tokens = tokens[:-1]
    return tuple([t for t in tokens if len(t) > 1] or tokens)


@lru_cache(maxsize=200_000)
def thing_key(name: str) -> str:
    """The comparison key of an organisation, place or product ("The Apple Inc." -> apple)."""
    lex = lexicon()
    tokens = words(name)
    while tokens and tokens[0] in lex["leading_articles"]:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in lex["org_suffixes"]:
        tokens = tokens[:-1]
    return " ".join(tokens)


@lru_cache(maxsize=200_000)
def is_proper(text: str) -> bool:
    """A name, not a description: it has a capitalised word ("Kaplan", not "the judge")."""
    return any(any(ch.isupper() for ch in w) for w in text.split()
               if w.lower() not in lexicon()["leading_articles"])


def acronym(key: str) -> str | None:
    """The initials of a multi-word key ("united states" -> "us"), or None."""
    tokens = [t for t in key.split() if t not in lexicon()["acronym_skip"]]
    return "".join(t[0] for t in tokens) if len(tokens) >= 2 else None


def context_words(text: str) -> set[str]:
    stop = lexicon()["context_stopwords"]
    return {w for w in words(text) if len(w) > 2 and w not in stop}
