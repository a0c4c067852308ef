"""A linear-chain CRF that tags attribution roles token by token (BIO tags for
CUE, SOURCE and CONTENT), trained on PolNeAR train (scripts/train_quote_tagger.py).

It sees the parse, not names: proper nouns are replaced by their entity type,
and every token knows the nearest word above it in the tree that the cue
lexicon calls a likely cue, and by which dependency it hangs from it. The rules
(rules.py) stay in charge; the tagger adds attributions they miss (assemble.py).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span as SpacySpan, Token

from .cuemodel import load_cue_model
from .lexicon import CueLexicon, cue_key

TAGGER_PATH = Path(__file__).resolve().parent.parent / "patterns" / "quote_tagger.crfsuite"
ROLES = ("CUE", "SRC", "CON")
ANCESTOR_PRIOR = 0.1       # a word the lexicon calls a cue this often anchors its subtree
WEAK_PRIOR = 0.02          # ... and a weaker anchor, for intent and belief
MAX_ANCESTOR_STEPS = 6
MIN_SENTENCE_PRIOR = 0.05  # sentences with no word this likely a cue are not tagged
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


def lemma_of(token: Token) -> str:
    word = word_of(token)
    return word if word.startswith("<") else token.lemma_.lower()


class SentenceFeatures:
    """Feature lists for the tokens of a sentence (space tokens left out).
    Word-level facts are read once per sentence (spaCy's string attributes are slow)."""

    def __init__(self, lexicon: CueLexicon, quoted: set[int],
                 known_scores: dict[int, float] | None = None):
        self.lexicon = lexicon
        self.quoted = quoted
        self.model = load_cue_model()
        self.known_scores = known_scores or {}

    def of(self, sent: SpacySpan, priors: dict[int, float]) -> tuple[list[Token], list[list[str]]]:
        """The sentence's tokens and their features; priors from sentence_priors."""
        self.priors = priors
        self.words = {t.i: word_of(t) for t in sent}
        self.lemmas = {t.i: w if w.startswith("<") else t.lemma_.lower()
                       for t, w in zip(sent, self.words.values())}
        self.pos = {t.i: t.pos_ for t in sent}
        self.deps = {t.i: t.dep_ for t in sent}
        self.heads = {t.i: t.head.i for t in sent}
        self.subject = {}
        for t in sent:
            if self.deps[t.i] in ("nsubj", "nsubjpass", "csubj"):
                self.subject.setdefault(self.heads[t.i], _subject_kind(t))
        self.cue_scores = {}
        if self.model is not None:
            self.cue_scores = {i: self._cue_score(sent.doc[i]) for i, prior in priors.items()
                               if prior >= WEAK_PRIOR and self.pos[i] in ("VERB", "AUX")}
        tokens = [t for t in sent if not t.is_space]
        return tokens, [self.token(token, k, tokens) for k, token in enumerate(tokens)]

    def _cue_score(self, token: Token) -> float:
        score = self.known_scores.get(token.i)
        return self.model.prob(token, cue_key(token), self.lexicon) if score is None else score

    def anchor(self, i: int, min_prior: float) -> tuple[int, str]:
        """The nearest ancestor (or the token itself) that is a likely cue, and
        the dependency label of the path's first step below it (-1 if none)."""
        node, below = i, "SELF"
        for _ in range(MAX_ANCESTOR_STEPS):
            if self.priors.get(node, 0.0) >= min_prior:
                return node, below
            head = self.heads.get(node, node)
            if head == node:
                return -1, ""
            below = self.deps[node]
            node = head
        return -1, ""

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
                 f"d|hp={deps[i]}|{pos[head]}", f"q={quoted}", f"side={side}"]
        if i in self.subject:
            feats.append(f"sk={self.subject[i]}")
        if i in self.cue_scores:
            feats.append(f"cm={int(self.cue_scores[i] * 5)}")
        if prior >= ANCESTOR_PRIOR:
            feats.append(f"pl={lemmas[i]}|{prior_bucket(prior)}")
            feats += [f"cd={c.dep_}" for c in token.children if not c.is_punct]
        anchor, rel = self.anchor(i, ANCESTOR_PRIOR)
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
        weak, weak_rel = self.anchor(i, WEAK_PRIOR)
        if weak >= 0 and weak != anchor:
            feats += [f"wr={weak_rel}", f"wl={lemmas[weak]}|{weak_rel}",
                      f"wsk={self.subject.get(weak, 'none')}|{weak_rel}"]
        if k == 0:
            feats.append("BOS")
        if k == len(sent) - 1:
            feats.append("EOS")
        for offset in (-2, -1, 1, 2):
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


def candidate_sentences(doc: Doc, lexicon: CueLexicon, skip: set[int] = frozenset()
                        ) -> Iterator[tuple[SpacySpan, dict[int, float]]]:
    """The sentences worth tagging (a word in them is likely a cue), each with
    the lexicon's prior of its words (token index -> P(cue))."""
    for sent in doc.sents:
        if sent.start in skip:
            continue
        priors = {}
        for token in sent:
            prior = lexicon.prob(cue_key(token))
            if prior > 0.0:
                priors[token.i] = prior
        if any(p >= MIN_SENTENCE_PRIOR for p in priors.values()):
            yield sent, priors


@dataclass
class Tagged:
    """One role span the tagger found: role, token indices, mean marginal."""
    role: str
    tokens: list[Token]
    confidence: float


def spans_of(sent: list[Token], labels: list[str], marginal) -> list[Tagged]:
    found: list[Tagged] = []
    for k, (token, label) in enumerate(zip(sent, labels)):
        if label == "O":
            continue
        prefix, role = label.split("-", 1)
        if prefix == "B" or not found or found[-1].role != role or found[-1].tokens[-1].i != sent[k - 1].i:
            found.append(Tagged(role, [], 0.0))
        found[-1].tokens.append(token)
        found[-1].confidence += marginal(label, k)
    for tagged in found:
        tagged.confidence /= len(tagged.tokens)
    return found


class QuoteTagger:
    def __init__(self, path: Path):
        import pycrfsuite
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))

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
        for sent, priors in candidate_sentences(doc, lexicon, skip):
            tokens, rows = featurizer.of(sent, priors)
            if tokens:
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
