"""A linear-chain CRF that tags attribution roles token by token (BIO tags for
CUE, SOURCE and CONTENT), trained on PolNeAR train (scripts/train_quote_tagger.py).

It sees the parse, not names: proper nouns are replaced by their entity type,
and every token knows the nearest word above it in the tree that the cue
lexicon calls a likely cue, and by which dependency it hangs from it. The rules
(rules.py) stay in charge; the tagger adds attributions they miss (tagged.py).
"""
from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from ..extensions import tokens_of
from .cuemodel import load_cue_model
from .lexicon import CueLexicon, cue_key

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


def prior_bucket(prior: float) -> int:
    return bisect_right(PRIOR_STEPS, prior) - 1 if prior > 0 else 0


def word_of(token: Token) -> str:
    """The word, or its kind for names (no politician's name is a feature)."""
    if token.pos_ in MASKED_POS or token.ent_type_ in MASKED_ENTS:
        return "<" + (token.ent_type_ or token.pos_) + ">"
    if token.like_num:
        return "<NUM>"
    return token.lower_


class SentenceFeatures:
    """Feature lists for the tokens of a sentence (space tokens left out).
    Word-level facts are read once per sentence (spaCy's string attributes are slow)."""

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
        self.priors = priors
        self.words, self.lemmas, self.pos, self.deps, self.heads = {}, {}, {}, {}, {}
        self.subject, self.cue_scores = {}, {}
        by_index = {}
        for t in sent:
            i, word = t.i, word_of(t)
            by_index[i] = t
            self.words[i] = word
            self.lemmas[i] = word if word[0] == "<" else t.lemma_.lower()
            self.pos[i], self.deps[i], self.heads[i] = t.pos_, t.dep_, t.head.i
        for i, dep in self.deps.items():
            if dep in ("nsubj", "nsubjpass", "csubj"):
                self.subject.setdefault(self.heads[i], _subject_kind(by_index[i]))
        if self.model is not None:
            self.cue_scores = {i: self._cue_score(by_index[i]) for i, prior in priors.items()
                               if prior >= WEAK_PRIOR and self.pos[i] in ("VERB", "AUX")}
        tokens = [t for t in sent if not t.is_space]
        return tokens, [self.token(token, k, tokens) for k, token in enumerate(tokens)]

    def _cue_score(self, token: Token) -> float:
        score = self.known_scores.get(token.i)
        return self.model.prob(token, cue_key(token), self.lexicon) if score is None else score

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

    def token(self, token: Token, k: int, sent: list[Token]) -> list[str]:
        i = token.i
        words, lemmas, pos, deps = self.words, self.lemmas, self.pos, self.deps
        head = self.heads[i]
        prior = self.priors.get(i, 0.0)
        quoted = int(i in self.quoted)
        side = "L" if i < head else "R" if i > head else "S"
        feats = [f"w={words[i]}", f"l={lemmas[i]}", f"p={pos[i]}", f"t={token.tag_}",
                 f"d={deps[i]}", f"e={token.ent_type_}",
                 f"hl={lemmas[head]}", f"hp={pos[head]}", f"hd={deps[head]}",
                 f"pr={prior_bucket(prior)}", f"hpr={prior_bucket(self.priors.get(head, 0.0))}",
                 f"q={quoted}", f"side={side}"]
        if i in self.subject:
            feats.append(f"sk={self.subject[i]}")
        if i in self.cue_scores:
            feats.append(f"cm={int(self.cue_scores[i] * 5)}")
        if prior >= ANCESTOR_PRIOR:
            feats.append(f"pl={lemmas[i]}|{prior_bucket(prior)}")
            feats += [f"cd={c.dep_}" for c in token.children if not c.is_punct]
        anchor, rel, weak, weak_rel = self.anchors(i)
        if anchor >= 0:
            aside = "L" if i < anchor else "R" if i > anchor else "S"
            bucket = prior_bucket(self.priors[anchor])
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
                n = sent[j].i
                feats.append(f"w{offset}={words[n]}")
                feats.append(f"p{offset}={pos[n]}")
        if k > 0:
            feats.append(f"p-1|p={pos[sent[k - 1].i]}|{pos[i]}")
        if k + 1 < len(sent):
            feats.append(f"p|p+1={pos[i]}|{pos[sent[k + 1].i]}")
        return feats


def _subject_kind(subject: Token) -> str:
    if subject.ent_type_:
        return subject.ent_type_
    if subject.pos_ == "PRON":
        return "pron:" + subject.lower_
    return subject.pos_


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
    for span in doc.sents:
        if span.start in skip:
            continue
        sent = tokens[span.start:span.end]
        priors = {}
        for token in sent:
            prior = lexicon.key_prior(token)[1]
            if prior > 0.0:
                priors[token.i] = prior
        if any(p >= min_prior and _plausible(i, scores) for i, p in priors.items()):
            yield sent, priors


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


def spans_of(sent: list[Token], labels: list[str], marginal) -> list[Tagged]:
    """BIO labels -> role spans (an I- after another role opens a span too)."""
    found: list[Tagged] = []
    for k, (token, label) in enumerate(zip(sent, labels)):
        if label == "O":
            continue
        prefix, role = label.split("-", 1)
        continues = found and found[-1].role == role and found[-1].tokens[-1].i == sent[k - 1].i
        if prefix == "B" or not continues:
            found.append(Tagged(role, [], 0.0))
        found[-1].tokens.append(token)
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
        for sent, priors in candidate_sentences(doc, lexicon, skip, scores=cue_scores):
            tokens, rows = featurizer.of(sent, priors)
            if tokens:
                with self.lock:
                    labels = self.tagger.tag(rows)
                    result.append(spans_of(tokens, labels, self.tagger.marginal))
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
