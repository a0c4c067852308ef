"""The cue lexicon learned from PolNeAR train (scripts/learn_cues.py writes it)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.strings import hash_string
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from ..extensions import shared

CUES_PATH = Path(__file__).resolve().parent.parent / "patterns" / "cues.json"
VERB_TAGS = {"VERB", "AUX"}
ACCORDING_ID = hash_string("according")
SIDE_PRIOR_WEIGHT = 2.0   # pseudo-observations behind every word's learned side
MAX_REMEMBERED = 200_000  # key words whose key and prior by_id keeps


def cue_key(token: Token) -> str:
    """The lexicon key of a possible cue word: a verb's lemma, "according to",
    or the lowercased word."""
    lower = token.lower_
    if lower == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
        return "according to"
    if token.pos_ in VERB_TAGS:
        return token.lemma_.lower()
    return lower


def child_key(token: Token) -> str:
    """The cue_children key of a cue's dependent: its label and lemma."""
    return f"{token.dep_}|{token.lemma_.lower()}"


@dataclass
class CueLexicon:
    """cues: key -> {"p": P(cue | word), "n": times seen as a cue};
    content_deps / source_deps / cue_deps: dependency label -> P(a child with
    that label is in the content / source / cue span), per key and overall."""
    cues: dict[str, dict] = field(default_factory=dict)
    content_deps: dict[str, float] = field(default_factory=dict)
    source_deps: dict[str, float] = field(default_factory=dict)
    cue_deps: dict[str, float] = field(default_factory=dict)
    cue_children: dict[str, list[float]] = field(default_factory=dict)
    threshold: float = 0.3
    min_count: int = 3
    left: float = 0.2          # share of contents before their cue word, over all cues
    # string id of a verb's lemma or another word's lowercase form -> (key, prior)
    by_id: dict = field(default_factory=dict, repr=False, compare=False)

    def doc_priors(self, doc: Doc) -> dict[int, tuple[str, float]]:
        """Token index -> (cue_key(token), its prob), in text order, for the
        tokens of doc whose prob is above 0, computed once per distinct key word (a verb's
        lemma, any other word's lowercase form) and spread with numpy: every
        token of every article is looked up."""
        if not len(doc):
            return {}
        rows = doc.to_array([LOWER, POS, LEMMA])
        pos = rows[:, 1]
        key_ids = np.where((pos == VERB) | (pos == AUX), rows[:, 2], rows[:, 0])
        distinct, where = np.unique(key_ids, return_inverse=True)
        strings = doc.vocab.strings
        entries = [self._entry_by_id(key_id, strings) for key_id in distinct.tolist()]
        probs = np.array([prob for _, prob in entries])[where]
        hits = np.flatnonzero(probs > 0.0)
        found = dict(zip(hits.tolist(), [entries[k] for k in where[hits].tolist()]))
        according = np.flatnonzero(rows[:, 0] == ACCORDING_ID).tolist()
        for i in according:  # "according to" hangs on the next word
            key = cue_key(doc[i])
            found[i] = (key, self.prob(key))
        if according:
            found = {i: found[i] for i in sorted(found) if found[i][1] > 0.0}
        return found

    def _entry_by_id(self, key_id: int, strings) -> tuple[str, float]:
        """(key, prob) of a verb's lemma or another word's lowercase form, by
        string id (lowering a lowercase form changes nothing)."""
        entry = self.by_id.get(key_id)
        if entry is None:
            key = strings[key_id].lower()
            entry = (key, self.prob(key))
            if len(self.by_id) >= MAX_REMEMBERED:
                self.by_id.clear()
            self.by_id[key_id] = entry
        return entry

    def prob(self, key: str) -> float:
        entry = self.cues.get(key)
        if not entry or entry["n"] < self.min_count:
            return 0.0
        return entry["p"]

    def is_cue(self, key: str) -> bool:
        return self.prob(key) >= self.threshold

    def in_cue_prob(self, key: str, child: Token) -> float:
        """How often a child like this one ("advmod|also") is part of the cue:
        by its word when the word was seen often enough, else by its label."""
        entry = self.cue_children.get(child_key(child))
        return entry[0] if entry else self.dep_prob("cue_deps", key, child.dep_)

    def left_share(self, key: str) -> float:
        """How often this cue word's content lies before it (when it lies on one
        side), pulled towards the share over all cues for words seen rarely."""
        share, seen = self.cues.get(key, {}).get("left", (self.left, 0.0))
        return (share * seen + self.left * SIDE_PRIOR_WEIGHT) / (seen + SIDE_PRIOR_WEIGHT)

    def dep_prob(self, table: str, key: str, dep: str) -> float:
        entry = self.cues.get(key, {}).get(table, {})
        if dep in entry and entry[dep][1] >= 5:
            return entry[dep][0]
        return getattr(self, table).get(dep, 0.0)


def priors_of(doc: Doc, lexicon: CueLexicon) -> dict[int, tuple[str, float]]:
    """lexicon.doc_priors(doc), computed once per Doc while its extractors run
    (the rules and the tagger both read it)."""
    return shared(doc, f"cue_priors/{id(lexicon)}", lexicon.doc_priors)


@lru_cache(maxsize=2)
def load_lexicon(path: str | None = None) -> CueLexicon:
    data = json.loads(Path(path or CUES_PATH).read_text(encoding="utf-8"))
    return CueLexicon(cues=data["cues"], content_deps=data["content_deps"],
                      source_deps=data["source_deps"], cue_deps=data["cue_deps"],
                      cue_children=data.get("cue_children", {}),
                      threshold=data.get("threshold", 0.3), min_count=data.get("min_count", 3),
                      left=data.get("left", 0.2))
