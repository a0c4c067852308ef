"""A linear-chain CRF that tags attribution roles token by token (BIO tags for
CUE, SOURCE and CONTENT), trained on PolNeAR train (scripts/train_quote_tagger.py).

It sees the parse, not names: proper nouns are replaced by their entity type,
and every token knows the nearest word above it in the tree that the cue
lexicon calls a likely cue, and by which dependency it hangs from it. The rules
(rules.py) stay in charge; the tagger adds attributions they miss (tagged.py).
"""
from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, POS, TAG
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..extensions import shared, tokens_of
from .cuemodel import load_cue_model
from .lexicon import CueLexicon, cue_key, priors_of

TAGGER_PATH = Path(__file__).resolve().parent.parent / "patterns" / "quote_tagger.crfsuite"
ANCESTOR_PRIOR = 0.1       # a word the lexicon calls a cue this often anchors its subtree
WEAK_PRIOR = 0.02          # ... and a weaker anchor, for intent and belief
MAX_ANCESTOR_STEPS = 6
# sentences with no word this likely a cue are not tagged: 0.05 in training,
# 0.1 at run time (a third less time, the same dev figures within 0.001) ...
MIN_SENTENCE_PRIOR = 0.1
# ... nor, at run time, those whose only such words are verbs the cue model
# gave less than this (fewer tokens to tag, dev figures as good or better)
MIN_VERB_SCORE = 0.1
PRIOR_STEPS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.7)
MASKED_POS = {"PROPN"}
MASKED_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
               "LAW"}
# the token attributes the features read (SentenceFeatures._read unpacks them in this order)
COLUMNS = (LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, LIKE_NUM, IS_SPACE, IS_PUNCT)
MAX_REMEMBERED = 200_000   # strings a Names keeps


def prior_bucket(prior: float) -> int:
    return bisect_right(PRIOR_STEPS, prior) - 1 if prior > 0 else 0


def word_of(token: Token) -> str:
    """The word, or its kind for names (no politician's name is a feature)."""
    return _word(token.pos_, token.ent_type_, token.like_num, token.lower_)


def _word(pos: str, ent_type: str, like_num: bool, lower: str) -> str:
    if pos in MASKED_POS or ent_type in MASKED_ENTS:
        return "<" + (ent_type or pos) + ">"
    if like_num:
        return "<NUM>"
    return lower


class Names(dict):
    """String id -> string (lowercased when lower), remembered: StringStore
    lookups add up over the tokens of every tagged sentence."""

    def __init__(self, strings, lower: bool = False):
        super().__init__()
        self.strings, self.lower = strings, lower

    def __missing__(self, string_id: int) -> str:
        if len(self) >= MAX_REMEMBERED:
            self.clear()
        name = self.strings[string_id]
        self[string_id] = name = name.lower() if self.lower else name
        return name


def _columns(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """The token attributes the features read, one row per token, and each
    token's head index: read from the Doc at once, not from a Token object each."""
    heads = doc.to_array([HEAD]).reshape(-1).view(np.int64) + np.arange(len(doc), dtype=np.int64)
    return doc.to_array(list(COLUMNS)), heads


class SentenceFeatures:
    """Feature lists for the tokens of a sentence (space tokens left out).
    Word-level facts are read once per sentence from arrays of the Doc's
    attributes (spaCy's Token objects and string attributes are slow)."""

    def __init__(self, lexicon: CueLexicon, quoted: set[int],
                 known_scores: dict[int, float] | None = None):
        self.lexicon = lexicon
        self.quoted = quoted
        self.model = load_cue_model()
        self.known_scores = known_scores or {}

    def of(self, sent: list[Token], priors: dict[int, float]
           ) -> tuple[list[Token], list[list[str]]]:
        """The sentence's tokens (spaces left out) and their features; sent
        and priors as candidate_sentences gives them."""
        if not sent:
            return [], []
        first = sent[0].i
        indices, rows = self.rows(sent[0].doc, first, first + len(sent), priors)
        return [sent[i - first] for i in indices], rows

    def rows(self, doc: Doc, start: int, end: int, priors: dict[int, float]
             ) -> tuple[list[int], list[list[str]]]:
        """The indices of the sentence doc[start:end]'s tokens (spaces left out)
        and their features; priors: token index -> P(cue), as
        candidate_sentences gives them."""
        self.priors = priors
        self.buckets = {i: prior_bucket(prior) for i, prior in priors.items()}
        kept = self._read(doc, start, end)
        self.subject, self.cue_scores = {}, {}
        for i, dep in self.deps.items():
            if dep in ("nsubj", "nsubjpass", "csubj"):
                self.subject.setdefault(self.heads[i], self._subject_kind(i))
        if self.model is not None:
            self.cue_scores = {i: self._cue_score(doc, i) for i, prior in priors.items()
                               if prior >= WEAK_PRIOR and self.pos[i] in ("VERB", "AUX")}
        return kept, [self.token(i, k, kept) for k, i in enumerate(kept)]

    def _read(self, doc: Doc, start: int, end: int) -> list[int]:
        """The sentence's words, lemmas, tags, labels and heads, by token index;
        RETURNS the indices of its tokens other than spaces."""
        names, lowered = _names(doc.vocab)
        columns, heads = shared(doc, "quote_tagger_columns", _columns)
        lower_ids, lemma_ids, pos_ids, tag_ids, dep_ids, ent_ids, like_num, space, punct = \
            columns[start:end].T.tolist()
        lowers = [names[x] for x in lower_ids]
        pos = [names[x] for x in pos_ids]
        ents = [names[x] for x in ent_ids]
        words = list(map(_word, pos, ents, like_num, lowers))
        at = range(start, end)
        self.words, self.lowers = dict(zip(at, words)), dict(zip(at, lowers))
        self.pos, self.ents = dict(zip(at, pos)), dict(zip(at, ents))
        self.lemmas = dict(zip(at, [w if w[0] == "<" else lowered[m]
                                    for w, m in zip(words, lemma_ids)]))
        self.tags = dict(zip(at, [names[x] for x in tag_ids]))
        self.deps = dict(zip(at, [names[x] for x in dep_ids]))
        self.heads = dict(zip(at, heads[start:end].tolist()))
        self.punct = {i for i, flag in zip(at, punct) if flag}
        return [i for i, flag in zip(at, space) if not flag]

    def _children(self, i: int) -> list[int]:
        """Token i's dependents in the sentence, in text order."""
        return [c for c, head in self.heads.items() if head == i and c != i]

    def _subject_kind(self, i: int) -> str:
        if self.ents[i]:
            return self.ents[i]
        if self.pos[i] == "PRON":
            return "pron:" + self.lowers[i]
        return self.pos[i]

    def _cue_score(self, doc: Doc, i: int) -> float:
        score = self.known_scores.get(i)
        if score is None:
            token = doc[i]
            return self.model.prob(token, cue_key(token), self.lexicon)
        return score

    def anchors(self, i: int) -> tuple[int, str, int, str]:
        """The nearest ancestors (or the token itself) that are likely cues
        (prior >= ANCESTOR_PRIOR) and possible ones (>= WEAK_PRIOR), each with
        the dependency label of the path's first step below it (-1: none)."""
        strong, strong_rel, weak, weak_rel = -1, "", -1, ""
        node, below = i, "SELF"
        for _ in range(MAX_ANCESTOR_STEPS):
            prior = self.priors.get(node, 0.0)
            if weak < 0 and prior >= WEAK_PRIOR:
                weak, weak_rel = node, below
            if prior >= ANCESTOR_PRIOR:
                strong, strong_rel = node, below
                break
            head = self.heads.get(node, node)
            if head == node:
                break
            below = self.deps[node]
            node = head
        return strong, strong_rel, weak, weak_rel

    def token(self, i: int, k: int, sent: list[int]) -> list[str]:
        """The features of token i, the k-th of the sentence's kept token indices."""
        words, lemmas, pos, deps = self.words, self.lemmas, self.pos, self.deps
        head = self.heads[i]
        prior = self.priors.get(i, 0.0)
        quoted = int(i in self.quoted)
        side = "L" if i < head else "R" if i > head else "S"
        feats = [f"w={words[i]}", f"l={lemmas[i]}", f"p={pos[i]}", f"t={self.tags[i]}",
                 f"d={deps[i]}", f"e={self.ents[i]}",
                 f"hl={lemmas[head]}", f"hp={pos[head]}", f"hd={deps[head]}",
                 f"pr={self.buckets.get(i, 0)}", f"hpr={self.buckets.get(head, 0)}",
                 f"q={quoted}", f"side={side}"]
        if i in self.subject:
            feats.append(f"sk={self.subject[i]}")
        if i in self.cue_scores:
            feats.append(f"cm={int(self.cue_scores[i] * 5)}")
        if prior >= ANCESTOR_PRIOR:
            feats.append(f"pl={lemmas[i]}|{self.buckets[i]}")
            feats += [f"cd={deps[c]}" for c in self._children(i) if c not in self.punct]
        anchor, rel, weak, weak_rel = self.anchors(i)
        if anchor >= 0:
            aside = "L" if i < anchor else "R" if i > anchor else "S"
            bucket = self.buckets[anchor]
            feats += [f"ar={rel}", f"ar|s={rel}|{aside}", f"ab={bucket}", f"ar|ab={rel}|{bucket}",
                      f"al={lemmas[anchor]}", f"al|ar={lemmas[anchor]}|{rel}",
                      f"ar|q={rel}|{quoted}", f"ask={self.subject.get(anchor, 'none')}"]
            if anchor in self.cue_scores:
                feats.append(f"acm={int(self.cue_scores[anchor] * 5)}|{rel}")
        else:
            feats.append("ar=NONE")
        if weak >= 0 and weak != anchor:
            feats += [f"wr={weak_rel}", f"wl={lemmas[weak]}|{weak_rel}",
                      f"wsk={self.subject.get(weak, 'none')}|{weak_rel}"]
        if k == 0:
            feats.append("BOS")
        if k == len(sent) - 1:
            feats.append("EOS")
        for offset in (-1, 1):
            j = k + offset
            if 0 <= j < len(sent):
                n = sent[j]
                feats.append(f"w{offset}={words[n]}")
                feats.append(f"p{offset}={pos[n]}")
        if k > 0:
            feats.append(f"p-1|p={pos[sent[k - 1]]}|{pos[i]}")
        if k + 1 < len(sent):
            feats.append(f"p|p+1={pos[i]}|{pos[sent[k + 1]]}")
        return feats


@lru_cache(maxsize=4)
def _names(vocab: Vocab) -> tuple[Names, Names]:
    """The vocabulary's strings, and lowercased, by id."""
    return Names(vocab.strings), Names(vocab.strings, lower=True)


def quoted_tokens(doc: Doc, quoted_spans: list[tuple[int, int]]) -> set[int]:
    inside: set[int] = set()
    for start, end in quoted_spans:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


def candidate_sentences(doc: Doc, lexicon: CueLexicon, skip: set[int] = frozenset(),
                        min_prior: float = MIN_SENTENCE_PRIOR,
                        scores: dict[int, float] | None = None
                        ) -> Iterator[tuple[list[Token], dict[int, float]]]:
    """The sentences worth tagging (a word in them is a cue at least min_prior
    of the time), as token lists, each with the lexicon's prior of its words
    (token index -> P(cue))."""
    tokens = tokens_of(doc)
    for start, end, priors in candidate_ranges(doc, lexicon, skip, min_prior, scores):
        yield tokens[start:end], priors


def candidate_ranges(doc: Doc, lexicon: CueLexicon, skip: set[int] = frozenset(),
                     min_prior: float = MIN_SENTENCE_PRIOR,
                     scores: dict[int, float] | None = None
                     ) -> Iterator[tuple[int, int, dict[int, float]]]:
    """candidate_sentences as (start, end) token indices, without Token objects."""
    doc_priors = priors_of(doc, lexicon)
    indices = list(doc_priors)
    for span in doc.sents:
        start, end = span.start, span.end
        if start in skip:
            continue
        inside = indices[bisect_left(indices, start):bisect_left(indices, end)]
        priors = {i: doc_priors[i][1] for i in inside}
        if any(p >= min_prior and _plausible(i, scores) for i, p in priors.items()):
            yield start, end, priors


def _plausible(i: int, scores: dict[int, float] | None) -> bool:
    """A verb the cue model scored low in this sentence does not make it worth tagging."""
    return scores is None or scores.get(i, 1.0) >= MIN_VERB_SCORE


@dataclass
class Tagged:
    """One role span the tagger found: CUE, SRC or CON, its tokens, and the
    mean marginal probability of their labels."""
    role: str
    tokens: list[Token]
    confidence: float


def spans_of(doc: Doc, sent: list[int], labels: list[str], marginal) -> list[Tagged]:
    """BIO labels of the tokens doc[i] for i in sent -> role spans (an I- after
    another role opens a span too)."""
    found: list[Tagged] = []
    for k, (i, label) in enumerate(zip(sent, labels)):
        if label == "O":
            continue
        prefix, role = label.split("-", 1)
        continues = found and found[-1].role == role and found[-1].tokens[-1].i == sent[k - 1]
        if prefix == "B" or not continues:
            found.append(Tagged(role, [], 0.0))
        found[-1].tokens.append(doc[i])
        found[-1].confidence += marginal(label, k)
    for tagged in found:
        tagged.confidence /= len(tagged.tokens)
    return found


class QuoteTagger:
    """The CRF model (python-crfsuite) and the sentence-by-sentence tagging."""

    def __init__(self, path: Path):
        import pycrfsuite
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))
        # the Tagger keeps the last sequence for marginal(): one sentence at a time
        self.lock = threading.Lock()

    def tag(self, doc: Doc, lexicon: CueLexicon, quoted_spans: list[tuple[int, int]],
            skip: set[int] = frozenset(), cue_scores: dict[int, float] | None = None
            ) -> list[list[Tagged]]:
        """Per tagged sentence, the role spans found in it.

        quoted_spans: the words inside quotation marks (marks.py).
        skip (set[int]): first token indices of sentences not to tag.
        cue_scores: the cue model's probabilities the rules computed already.
        """
        featurizer = SentenceFeatures(lexicon, quoted_tokens(doc, quoted_spans), cue_scores)
        result = []
        for start, end, priors in candidate_ranges(doc, lexicon, skip, scores=cue_scores):
            indices, rows = featurizer.rows(doc, start, end, priors)
            if indices:
                with self.lock:
                    labels = self.tagger.tag(rows)
                    result.append(spans_of(doc, indices, labels, self.tagger.marginal))
        return result


@lru_cache(maxsize=2)
def load_tagger(path: str | None = None) -> QuoteTagger | None:
    """The shipped tagger, or None when it is absent or pycrfsuite is not installed."""
    model_path = Path(path) if path else TAGGER_PATH
    if not model_path.exists():
        return None
    try:
        return QuoteTagger(model_path)
    except ImportError:
        return None
