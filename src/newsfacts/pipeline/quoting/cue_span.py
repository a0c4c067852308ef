"""The cue's extent in PolNeAR's convention, learned from PolNeAR train
(scripts/learn_cue_spans.py writes patterns/cue_spans.json).

Two steps, each a lookup in the learned table:
1. Where the content really begins. When the head's first dependent that holds
   the content has a dependent of its own that holds it, train says per head
   word how often that first dependent belongs to the cue instead: "made the
   case | that ...", "tried to argue | that ...", "took aim at | ...", but
   "appeared | to ..." and "accused | Holt of ..." stay content.
2. The words around the head. Each other dependent of the head, less the
   content and source, is a unit ("has", "not", "then", "Monday", "in an
   interview"); it joins the cue when train puts units like it there at least
   MIN_IN_CUE of the time, and only when it touches the cue, so the cue stays
   one contiguous span (PolNeAR train has one discontinuous cue in 22,466).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

CUE_SPANS_PATH = Path(__file__).resolve().parent.parent / "patterns" / "cue_spans.json"
MIN_IN_CUE = 0.8
MIN_SPLIT = 0.7
PRIOR_WEIGHT = 2.0    # pseudo-observations outside the cue behind every learned share
MAX_SPLITS = 3       # "expressed | concern | about | X": a split may follow a split
WORD_CLASSES = {"ADP", "PART", "AUX", "SCONJ", "DET", "ADV", "CCONJ"}  # keyed by lemma
TIME_ENTS = {"DATE", "TIME"}
PREP_DEPS = {"prep", "agent", "dative"}
OBJECT_DEPS = {"dobj", "dative"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}


def word_class(token: Token) -> str:
    """A function word or adverb by its lemma, a time word by its entity type,
    anything else by its part of speech."""
    if token.pos_ in WORD_CLASSES:
        return token.lemma_.lower()
    if token.ent_type_ in TIME_ENTS:
        return token.ent_type_
    return token.pos_


def unit_tokens(child: Token, outside: set[int]) -> set[int]:
    """The child's subtree without the content and source tokens (and spaces)."""
    if child.i in outside:
        return set()
    return {t.i for t in child.subtree if t.i not in outside and not t.is_space}


def placement(head: Token, child: Token, content: set[int]) -> str:
    """'gap': between the head and its content; else 'pre' or 'post' the head."""
    if content:
        if head.i < child.i < min(content) or max(content) < child.i < head.i:
            return "gap"
    return "pre" if child.i < head.i else "post"


def unit_keys(head: Token, child: Token, content: set[int], unit: set[int]) -> list[str]:
    """Keys from the most specific to the most general. Each ends in where the
    child lies (placement) and whether its unit is one word ("called | for X")
    or a phrase ("said | in an interview"). Before that: the head's lemma with
    the child's label and word class; for a preposition, its object's lemma
    ("prep|in|interview"); the label and word class; the label alone."""
    where = placement(head, child, content) + ("1" if len(unit) == 1 else "+")
    label, word = child.dep_, word_class(child)
    keys = [f"{head.lemma_.lower()}>{label}|{word}|{where}"]
    if label in PREP_DEPS:
        pobj = next((c for c in child.children if c.dep_ == "pobj" and c.i not in content), None)
        if pobj is not None:
            keys += [f"{label}|{word}|{pobj.lemma_.lower()}|{where}",
                     f"{label}|{word}|{word_class(pobj)}|{where}"]
    if len(unit) > 1:
        return keys  # a phrase needs its head or its object named: "dobj" alone says little
    keys += [f"{label}|{word}|{where}", f"{label}|{where}"]
    return keys


def leading_split(head: Token, content: set[int]) -> tuple[Token, Token, str] | None:
    """The head's first dependent after it that holds content, when the content
    may begin further in: at a preposition beside its object ("accused Holt
    of | ...": 'lead') or at a dependent of its own ("made the case | that
    ...", "tried to | argue ...": 'split'). RETURNS (tuple): (the dependent,
    where the content would begin, the kind), or None."""
    holders = [c for c in head.children if c.i > head.i and not c.is_punct
               and any(t.i in content for t in c.subtree)]
    if not holders:
        return None
    preps = [c for c in holders if c.dep_ in PREP_DEPS]
    obj = next((c for c in head.children if c.dep_ in OBJECT_DEPS and c.i > head.i), None)
    if obj is not None and preps and obj.i < preps[0].i and all(h.i >= obj.i for h in holders):
        return obj, preps[0], "lead"
    first = holders[0]
    inner = [d for d in first.children if d.i > first.i and not d.is_punct
             and any(t.i in content for t in d.subtree)]
    return (first, inner[0], "split") if inner else None


def split_keys(head: Token, first: Token, begin: Token, kind: str) -> list[str]:
    """Keys for "does the first content dependent belong to the cue?"."""
    word = begin.lemma_.lower() if kind == "lead" else word_class(first)
    return [f"{kind}:{head.lemma_.lower()}>{first.dep_}|{word}", f"{kind}:{first.dep_}|{word}"]


@lru_cache(maxsize=2)
def load_cue_spans(path: str | None = None) -> dict[str, list[float]]:
    """key -> [share of units inside the gold cue, times seen]; {} without the file."""
    file = Path(path) if path else CUE_SPANS_PATH
    if not file.exists():
        return {}
    return json.loads(file.read_text(encoding="utf-8"))["in_cue"]


def in_cue_rate(head: Token, child: Token, content: set[int], unit: set[int],
                table: dict[str, list[float]]) -> float:
    """The learned share for the most specific key the table has; 0 if none."""
    for key in unit_keys(head, child, content, unit):
        if key in table:
            return shrunk(table[key])
    return 0.0


def shrunk(entry: list[float]) -> float:
    """The learned share, pulled towards 0 for keys seen only a few times
    (4 of 5 is less sure than 400 of 500)."""
    share, seen = entry
    return share * seen / (seen + PRIOR_WEIGHT)


def extend_cue(head: Token, cue: list[Token], content: list[Token]) -> tuple[list[Token], list[Token]]:
    """The cue words grown by the words PolNeAR puts in the cue, and the
    content less the words that moved into the cue.

    head (Token): the cue word the attribution hangs on.
    cue (list[Token]): the cue words found so far (head included), in order.
    content (list[Token]): the content words, in order (may be empty).
    RETURNS (tuple): (cue words, content words), each in text order.
    """
    table = load_cue_spans()
    if not table or not cue:
        return cue, content
    inner: Token | None = head
    for _ in range(MAX_SPLITS):
        inner, cue, content = _split_content(inner, cue, content, table)
        if inner is None:
            break
    members = _join_units(head, {t.i for t in cue}, {t.i for t in content}, table)
    if len(members) == len(cue):
        return cue, content
    return [head.doc[i] for i in sorted(members)], [t for t in content if t.i not in members]


def _join_units(head: Token, members: set[int], content: set[int],
                table: dict[str, list[float]]) -> set[int]:
    """The cue's token indices with the units that join it, nearest first."""
    outside = content | source_ids(head)
    units = []
    for child in head.children:
        if child.i in members or child.is_punct:
            continue
        unit = unit_tokens(child, outside) - members
        if unit and max(unit) - min(unit) + 1 == len(unit) and \
                not any(head.doc[i].is_quote for i in unit) and \
                in_cue_rate(head, child, content, unit, table) >= MIN_IN_CUE:
            units.append(unit)
    members = set(members)
    for unit in sorted(units, key=lambda u: min(abs(i - head.i) for i in u)):
        if min(unit) == max(members) + 1 or max(unit) == min(members) - 1:
            members |= unit
    return members


def _split_content(head: Token, cue: list[Token], content: list[Token],
                   table: dict[str, list[float]]) -> tuple[Token | None, list[Token], list[Token]]:
    """Move the words before the content's real start into the cue, when train
    says that dependent is mostly cue for this head ("made the case | that").
    RETURNS (tuple): (the dependent that moved, or None; cue; content)."""
    content_ids = {t.i for t in content}
    found = leading_split(head, content_ids) if content else None
    if found is None or cue[-1].i >= content[0].i:
        return None, cue, content
    first, begin, kind = found
    rate = next((shrunk(table[k]) for k in split_keys(head, first, begin, kind) if k in table), 0.0)
    if rate < MIN_SPLIT:
        return None, cue, content
    last = begin.i if kind == "lead" else begin.left_edge.i - 1  # the cue's new last word
    moved = [t for t in content if t.i <= last]
    while moved and (moved[-1].is_punct or moved[-1].is_space):
        moved.pop()  # a comma or an opening quotation mark stays out of the cue
    rest = content[len(moved):]
    if not moved or not rest or moved[0].i != cue[-1].i + 1 or \
            moved[-1].i - moved[0].i + 1 != len(moved) or \
            rest[0].is_punct and not rest[0].is_quote:
        return None, cue, content
    return (None if kind == "lead" else first), cue + moved, rest


def source_ids(head: Token) -> set[int]:
    """The words of the head's source: its subject, or the object of its agent
    ("endorsed by | X")."""
    found: set[int] = set()
    for child in head.children:
        if child.dep_ in SUBJECT_DEPS:
            found.update(t.i for t in child.subtree)
        elif child.dep_ == "agent":
            found.update(t.i for c in child.children if c.dep_ == "pobj" for t in c.subtree)
    return found
