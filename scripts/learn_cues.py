"""Learn the quote cue lexicon and dependency patterns from PolNeAR train.

Usage: python scripts/learn_cues.py ../shared/data/polnear/train [--cache F.spacy]
Writes src/newsfacts/pipeline/patterns/cues.json:
- cues: for each cue word key (a verb lemma, "according to", ...): n = how
  often it is an annotated cue, p = n / how often the word occurs at all;
- content_deps / source_deps / cue_deps: for each dependency label, how often a
  child of the cue with that label lies inside the content / source / cue span
  (overall, and per cue key under cues[key]);
- cue_children: for a cue's modifier (advmod, npadvmod, prt) not in the content, keyed
  "dep|lemma" ("advmod|also", "npadvmod|friday"), [share inside the cue span,
  times seen], for words seen at least MIN_CHILD_COUNT times;
- left: for each cue key (and overall), [share of its contents that lie wholly
  before the cue word, contents wholly on one side]: "say" 0.37, "call" 0.01.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from spacy.tokens import Doc, DocBin

from newsfacts import load_nlp
from newsfacts.eval.polnear import load_split
from newsfacts.pipeline.quoting.lexicon import CUES_PATH, child_key, cue_key

MIN_COUNT = 3
MIN_CHILD_COUNT = 8
MODIFIER_DEPS = {"advmod", "npadvmod", "prt"}  # words that may join the cue ("also said")


def token_set(doc: Doc, spans) -> set[int]:
    found = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found.update(range(span.start, span.end))
    return found


def cue_head(doc: Doc, cue_tokens: set[int]):
    heads = [doc[i] for i in sorted(cue_tokens) if doc[i].head.i not in cue_tokens or doc[i].head.i == i]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
    return (verbs or heads or [None])[0]


def gold_cues(docs: list[Doc], gold):
    """(doc, attribution, cue tokens, cue head, weight) for every gold attribution
    whose cue has a head; each annotator of an article weighs 1 / annotators."""
    for doc, pdoc in zip(docs, gold):
        weight = 1.0 / len(pdoc.annotations)
        for attributions in pdoc.annotations:
            for attr in attributions:
                cue_tokens = token_set(doc, attr.cue)
                head = cue_head(doc, cue_tokens) if cue_tokens else None
                if head is not None:
                    yield doc, attr, cue_tokens, head, weight


def parse_docs(texts: list[str], cache: Path | None) -> list[Doc]:
    nlp = load_nlp()
    if cache and cache.exists():
        return list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    if cache:
        cache.write_bytes(DocBin(docs=docs).to_bytes())
    return docs


def learn(docs: list[Doc], gold) -> dict:
    n_cue: Counter = Counter()
    per_key = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))  # (table, key) -> dep -> [hits, total]
    overall = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    cue_children = defaultdict(lambda: [0.0, 0.0])  # "dep|lemma" -> [in the cue, seen]
    sides = defaultdict(lambda: [0.0, 0.0])  # key -> [content before the cue, on one side]
    for doc, attr, cue_tokens, head, weight in gold_cues(docs, gold):
        key = cue_key(head)
        n_cue[key] += weight
        roles = {"content_deps": token_set(doc, attr.content),
                 "source_deps": token_set(doc, attr.source),
                 "cue_deps": cue_tokens}
        count_side(sides, key, head, roles["content_deps"], weight)
        for child in head.children:
            subtree = {t.i for t in child.subtree}
            if child.dep_ in MODIFIER_DEPS and not subtree & roles["content_deps"]:
                stats = cue_children[child_key(child)]
                stats[0] += weight * (len(subtree & cue_tokens) / len(subtree) > 0.5)
                stats[1] += weight
            for table, tokens in roles.items():
                inside = len(subtree & tokens) / len(subtree) > 0.5
                for stats in (per_key[(table, key)], overall[table]):
                    stats[child.dep_][0] += weight * inside
                    stats[child.dep_][1] += weight
    seen = Counter(cue_key(t) for doc in docs for t in doc)
    cues = {}
    for key, count in n_cue.items():
        if count < MIN_COUNT:
            continue
        entry = {"n": round(count, 1), "p": round(count / max(seen[key], count), 3)}
        for table in ("content_deps", "source_deps", "cue_deps"):
            entry[table] = {dep: [round(h / t, 3), round(t, 1)]
                            for dep, (h, t) in per_key[(table, key)].items() if t >= 5}
        if sides[key][1] >= MIN_COUNT:
            entry["left"] = [round(sides[key][0] / sides[key][1], 3), round(sides[key][1], 1)]
        cues[key] = entry
    result = {"source": "PolNeAR v1.0.0 train", "min_count": MIN_COUNT, "threshold": 0.4,
              "cues": dict(sorted(cues.items(), key=lambda kv: -kv[1]["n"]))}
    for table in ("content_deps", "source_deps", "cue_deps"):
        result[table] = {dep: round(h / t, 3) for dep, (h, t) in overall[table].items() if t >= 5}
    left, sided = (sum(values) for values in zip(*sides.values()))
    result["left"] = round(left / sided, 3)
    result["cue_children"] = {key: [round(h / t, 3), round(t, 1)]
                              for key, (h, t) in sorted(cue_children.items()) if t >= MIN_CHILD_COUNT}
    return result


def count_side(sides, key: str, head, content: set[int], weight: float) -> None:
    """Whether a content that lies on one side of its cue word lies before it."""
    if content and (max(content) < head.i or min(content) > head.i):
        sides[key][0] += weight * (max(content) < head.i)
        sides[key][1] += weight


def run_learner(doc: str, learn, default_out: Path, count) -> None:
    """The command line of the learners from PolNeAR train: parse (or read the
    cached parse), learn, write the JSON; count(result) says what was learned."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("train_dir")
    parser.add_argument("--cache", type=Path, help="DocBin of the parsed train texts (made if absent)")
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args()
    started = time.perf_counter()
    gold = load_split(args.train_dir)
    docs = parse_docs([d.text for d in gold], args.cache)
    result = learn(docs, gold)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{count(result)} from {len(docs)} articles "
          f"in {time.perf_counter() - started:.1f}s -> {args.out}")


def main() -> None:
    run_learner(__doc__, learn, CUES_PATH, lambda lexicon: f"{len(lexicon['cues'])} cue keys")


if __name__ == "__main__":
    main()
