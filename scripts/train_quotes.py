"""Train the cue detector (logistic regression, numpy) on PolNeAR train.

Usage: python scripts/train_quotes.py ../shared/data/polnear/train [--cache F.spacy]
Writes src/newsfacts/pipeline/patterns/quote_cue_model.json (feature -> weight,
pruned) and prints the training time. Needs patterns/cues.json (learn_cues.py).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from newsfacts.eval.polnear import load_split
from newsfacts.pipeline.quoting.cuemodel import MODEL_PATH, features, is_candidate
from newsfacts.pipeline.quoting.lexicon import cue_key, load_lexicon

from learn_cues import cue_head, parse_docs, token_set  # scripts/ beside this file

EPOCHS = 60
L2 = 1e-5
MIN_FEATURE_COUNT = 3
PRUNE_BELOW = 0.1


def examples(docs, gold, lexicon):
    rows, labels = [], []
    for doc, pdoc in zip(docs, gold):
        heads = set()
        for attr in pdoc.annotations[0]:
            tokens = token_set(doc, attr.cue)
            head = cue_head(doc, tokens) if tokens else None
            if head is not None:
                heads.add(head.i)
        for token in doc:
            if is_candidate(token):
                rows.append(features(token, cue_key(token), lexicon))
                labels.append(token.i in heads)
    return rows, np.array(labels, dtype=np.float32)


def train(rows, labels):
    counts: dict[str, int] = {}
    for feats in rows:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(f for f, c in counts.items() if c >= MIN_FEATURE_COUNT)}
    idx, owner = [], []
    for r, feats in enumerate(rows):
        for f in feats:
            if f in vocab:
                idx.append(vocab[f])
                owner.append(r)
    idx, owner = np.array(idx), np.array(owner)
    w = np.zeros(len(vocab), dtype=np.float64)
    m, v = np.zeros_like(w), np.zeros_like(w)
    lr, b1, b2 = 0.1, 0.9, 0.999
    for step in range(1, EPOCHS + 1):
        scores = np.bincount(owner, weights=w[idx], minlength=len(rows))
        probs = 1 / (1 + np.exp(-scores))
        err = probs - labels
        grad = np.bincount(idx, weights=err[owner], minlength=len(w)) / len(rows) + L2 * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1 ** step)) / (np.sqrt(v / (1 - b2 ** step)) + 1e-8)
    names = {i: f for f, i in vocab.items()}
    return {names[i]: round(float(x), 3) for i, x in enumerate(w) if abs(x) >= PRUNE_BELOW}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train_dir")
    parser.add_argument("--cache", type=Path, help="DocBin of the parsed train texts (made if absent)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args()
    gold = load_split(args.train_dir)
    docs = parse_docs([d.text for d in gold], args.cache)
    started = time.perf_counter()
    rows, labels = examples(docs, gold, load_lexicon())
    weights = train(rows, labels)
    seconds = time.perf_counter() - started
    args.out.write_text(json.dumps({
        "source": "PolNeAR v1.0.0 train (first annotator per article)",
        "model": "logistic regression over the features of quoting/cuemodel.py",
        "threshold": args.threshold, "examples": len(rows), "positives": int(labels.sum()),
        "train_seconds": round(seconds, 1), "weights": weights}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    print(f"{len(rows)} candidates, {int(labels.sum())} cues, {len(weights)} weights, "
          f"trained in {seconds:.1f}s (parse not counted) -> {args.out}")


if __name__ == "__main__":
    main()
