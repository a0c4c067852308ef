"""A small logistic-regression cue detector trained on PolNeAR train
(scripts/train_quotes.py): is this verb the cue of an attribution here?
It sees the word, its dependents, its subject and its clause, so "polls show"
or "she believes that ..." are cues where "show up" and "believe in" are not."""
from __future__ import annotations

import json
import math
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from spacy.tokens import Token

from .lexicon import CueLexicon

MODEL_PATH = Path(__file__).resolve().parent.parent / "patterns" / "quote_cue_model.json"
CANDIDATE_POS = {"VERB", "AUX", "NOUN", "ADP", "PUNCT", "PROPN"}
CHILD_DEPS = {"ccomp", "xcomp", "dobj", "dative", "prep", "advcl", "nsubjpass", "oprd",
              "acomp", "attr", "prt", "agent", "mark", "neg", "aux", "auxpass", "parataxis"}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def is_candidate(token: Token) -> bool:
    return token.pos_ in CANDIDATE_POS and not token.is_space


def features(token: Token, key: str, lexicon: CueLexicon) -> list[str]:
    """Feature names of one possible cue word."""
    prior = lexicon.prob(key)
    children = [(c, c.dep_) for c in token.children]  # spaCy makes each child anew per pass
    deps = sorted({dep for _, dep in children if dep in CHILD_DEPS})
    subject = next((c for c, dep in children if dep in SUBJECT_DEPS), None)
    subj = _subject_kind(subject)
    pos, dep, bucket = token.pos_, token.dep_, int(prior * 10)
    feats = ["bias", f"k={key}", f"pos={pos}", f"dep={dep}", f"tag={token.tag_}",
             f"prior={bucket}", f"k={key}|dep={dep}", f"k={key}|s={subj}",
             f"s={subj}", f"prior={bucket}|s={subj}", f"k={key}|n={len(deps)}"]
    feats += [f"d={d}" for d in deps] + [f"k={key}|d={d}" for d in deps]
    feats += [f"s={subj}|d={d}" for d in deps]
    if subject is not None:
        lemma = subject.lemma_.lower()
        feats.append(f"k={key}|sl={lemma}")
        feats.append(f"sl={lemma}")
    for child, child_dep in children:
        if child_dep == "prt" or child_dep == "prep":
            feats.append(f"k={key}|{child_dep}={child.lower_}")
    nxt = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else "<end>"
    feats.append(f"k={key}|next={nxt}")
    return feats


def _subject_kind(subject: Token | None) -> str:
    if subject is None:
        return "none"
    if subject.ent_type_:
        return subject.ent_type_
    if subject.pos_ == "PRON":
        return "pron:" + subject.lower_
    return subject.pos_


class CueModel:
    def __init__(self, weights: dict[str, float], threshold: float):
        self.weights = weights
        self.threshold = threshold

    def prob(self, token: Token, key: str, lexicon: CueLexicon) -> float:
        score = sum(map(self.weights.get, features(token, key, lexicon), repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def is_cue(self, token: Token, key: str, lexicon: CueLexicon) -> bool:
        return self.prob(token, key, lexicon) >= self.threshold


@lru_cache(maxsize=2)
def load_cue_model(path: str | None = None) -> CueModel | None:
    """The shipped model, or None when it has not been trained (rules alone)."""
    model_path = Path(path) if path else MODEL_PATH
    if not model_path.exists():
        return None
    data = json.loads(model_path.read_text(encoding="utf-8"))
    return CueModel(data["weights"], data.get("threshold", 0.5))
