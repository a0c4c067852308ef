"""Train the attribution role tagger (a linear-chain CRF, python-crfsuite) on PolNeAR train.

Usage: python scripts/train_quote_tagger.py ../shared/data/polnear/train [--cache F.spacy]
Writes src/newsfacts/pipeline/patterns/quote_tagger.crfsuite and prints the
training time. Needs patterns/cues.json (learn_cues.py) and
patterns/quote_cue_model.json (train_quotes.py): the lexicon's priors and the
cue model's scores are features. Labels come from the first annotator of each
article; one process, L1+L2-regularised L-BFGS (PARAMS).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import pycrfsuite

from newsfacts.eval.polnear import load_split
from newsfacts.pipeline.quoting.lexicon import load_lexicon
from newsfacts.pipeline.quoting.marks import find_quoted
from newsfacts.pipeline.quoting.tagger import (TAGGER_PATH, SentenceFeatures, candidate_sentences,
                                               quoted_tokens)

from learn_cues import parse_docs, token_set  # scripts/ beside this file

MIN_SENTENCE_PRIOR = 0.05  # train on sentences with a word this likely a cue
PARAMS = {"c1": 0.3, "c2": 0.01, "max_iterations": 100, "feature.minfreq": 5,
          "feature.possible_transitions": True}


def token_roles(doc, attributions) -> dict[int, tuple[str, int]]:
    """token index -> (role, attribution number); a cue or source inside
    another attribution's content keeps its own role."""
    roles: dict[int, tuple[str, int]] = {}
    for role, label in (("content", "CON"), ("source", "SRC"), ("cue", "CUE")):  # later wins
        for number, attr in enumerate(attributions):
            for i in token_set(doc, attr.role(role)):
                roles[i] = (label, number)
    return roles


def bio(sent, roles) -> list[str]:
    """BIO labels; a new span starts where the role or its attribution changes."""
    labels, previous = [], None
    for token in sent:
        here = roles.get(token.i)
        if here is None:
            labels.append("O")
        else:
            labels.append(("I-" if here == previous else "B-") + here[0])
        previous = here
    return labels


def sequences(docs, gold, lexicon):
    for doc, pdoc in zip(docs, gold):
        if not pdoc.annotations:
            continue
        roles = token_roles(doc, pdoc.annotations[0])
        quoted = [(q.start, q.end) for q in find_quoted(doc.text)]
        featurizer = SentenceFeatures(lexicon, quoted_tokens(doc, quoted))
        for sent, priors in candidate_sentences(doc, lexicon, min_prior=MIN_SENTENCE_PRIOR):
            tokens, rows = featurizer.of(sent, priors)
            if tokens:
                yield rows, bio(tokens, roles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train_dir")
    parser.add_argument("--cache", type=Path,
                        help="DocBin of the parsed train texts (made if absent)")
    parser.add_argument("--out", type=Path, default=TAGGER_PATH)
    parser.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    args = parser.parse_args()
    gold = load_split(args.train_dir)
    docs = parse_docs([d.text for d in gold], args.cache)
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    n_seq = n_tok = 0
    for xseq, yseq in sequences(docs, gold, load_lexicon()):
        trainer.append(xseq, yseq)
        n_seq += 1
        n_tok += len(yseq)
    featured = time.perf_counter() - started
    trainer.set_params({**PARAMS, "max_iterations": args.iterations})
    trainer.train(str(args.out))
    seconds = time.perf_counter() - started
    size = args.out.stat().st_size
    print(f"{n_seq} sentences, {n_tok} tokens; features {featured:.1f}s, trained in {seconds:.1f}s "
          f"(parse not counted) -> {args.out} ({size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
