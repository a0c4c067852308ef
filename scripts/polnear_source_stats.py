"""How PolNeAR train delimits sources: the figures behind the speaker-span rules
of pipeline/quoting/speakers.py (refine_span) and eval/polnear.py (polnear_source).

Usage: python scripts/polnear_source_stats.py ../shared/data/polnear/train [--cache F.spacy]
Prints, over the first annotator's single-span sources:
- clauses on the source's head word (relcl, acl, advcl after it): how often the
  source includes them, apart for clauses that hold an annotated cue of their own;
- a phrase on the head word whose object is a date or time ("Trump on Tuesday");
- the comma or dash that closes an apposition ("Jane Doe, 25, said").
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from learn_cues import parse_docs  # scripts/ beside this file

from newsfacts.eval.polnear import load_split

CLAUSE_DEPS = ("relcl", "acl", "advcl")
DASHES = ("--", "—", "–", "-")


def source_head(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None
    heads = [t for t in span if not span.start <= t.head.i < span.end or t.head == t]
    return (span, heads[0]) if len(heads) == 1 else (span, None)


def count(docs, gold) -> Counter:
    counts: Counter = Counter()
    for doc, pdoc in zip(docs, gold):
        text = pdoc.text
        attributions = pdoc.annotations[0] if pdoc.annotations else []
        cue_chars = {i for a in attributions for s, e in a.cue for i in range(s, e)}
        for attr in attributions:
            if len(attr.source) != 1:
                continue
            start, end = attr.source[0]
            _closing_mark(text, start, end, counts)
            span, head = source_head(doc, start, end)
            if head is None:
                continue
            inside = set(range(span.start, span.end))
            for child in head.rights:
                tokens = {t.i for t in child.subtree}
                kept = "in" if tokens <= inside else "out" if not tokens & inside else None
                if kept is None:
                    continue
                if child.dep_ in CLAUSE_DEPS:
                    own_cue = any(t.idx in cue_chars for t in child.subtree)
                    counts[("clause", "holds a cue" if own_cue else "no cue", kept)] += 1
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if child.dep_ == "prep" and objects and objects[0].ent_type_ in ("DATE", "TIME"):
                    counts[("time phrase", kept)] += 1
    return counts


def _closing_mark(text: str, start: int, end: int, counts: Counter) -> None:
    inside = text[start:end]
    for mark in (",",) + DASHES:
        opened = mark in inside[:-len(mark)] if mark == "," else f" {mark} " in inside
        if not opened:
            continue
        if inside.endswith(mark):
            counts[("closing " + ("comma" if mark == "," else "dash"), "in")] += 1
        elif text[end:].lstrip(" ").startswith(mark):
            counts[("closing " + ("comma" if mark == "," else "dash"), "out")] += 1
        return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--cache", type=Path, help="DocBin of the parsed texts (made if absent)")
    args = parser.parse_args()
    gold = load_split(args.directory)
    docs = parse_docs([d.text for d in gold], args.cache)
    counts = count(docs, gold)
    for key in sorted({k[:-1] for k in counts}):
        kept, left = counts[key + ("in",)], counts[key + ("out",)]
        print(f"{' / '.join(key):28} included {kept:5}  left out {left:5}")


if __name__ == "__main__":
    main()
