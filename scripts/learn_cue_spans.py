"""Learn PolNeAR's cue-span convention from train (see pipeline/quoting/cue_span.py).

For every gold cue: its head (the cue's first verb whose head lies outside the
cue, as in learn_cues.py), then
- split keys ("split:make>dobj|NOUN", "lead:accuse>dobj|of"): when the head's
  first dependent that holds the content has a dependent of its own that
  holds it (or an object before a preposition that holds it), whether gold
  puts that first dependent in the cue or in the content;
- unit keys ("aux|have|pre1", "say>prep|in|post+", "prep|in|interview|gap+"):
  for each dependent of the head, its subtree less the content and source,
  whether most of it lies inside the gold cue.
Each key keeps [share in the cue, times seen] when seen MIN_COUNT times
(annotators of one article weigh 1/k together).

Usage: python scripts/learn_cue_spans.py ../shared/data/polnear/train [--cache F.spacy]
Writes src/newsfacts/pipeline/patterns/cue_spans.json (about 8 s on the cached
parse, 2 shared CPU cores).
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from spacy.tokens import Doc

from newsfacts.pipeline.quoting.cue_span import (CUE_SPANS_PATH, leading_split, split_keys, unit_keys,
                                                 unit_tokens)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from learn_cues import gold_cues, run_learner, token_set  # noqa: E402

MIN_COUNT = 8     # a key seen fewer times is not kept (the lookup backs off)


def learn(docs: list[Doc], gold) -> dict:
    stats: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])  # key -> [in the cue, seen]
    for doc, attr, cue, head, weight in gold_cues(docs, gold):
        content = token_set(doc, attr.content)
        count_split(stats, head, cue, content, weight)
        count_units(stats, head, cue, content, content | token_set(doc, attr.source), weight)
    kept = {key: [round(hit / seen, 3), round(seen, 1)]
            for key, (hit, seen) in sorted(stats.items()) if seen >= MIN_COUNT}
    return {"source": "PolNeAR v1.0.0 train (scripts/learn_cue_spans.py)",
            "min_count": MIN_COUNT, "in_cue": kept}


def count_units(stats, head, cue: set[int], content: set[int], outside: set[int],
                weight: float) -> None:
    """For each dependent of the head (punctuation aside: the cue takes no
    punctuation but a colon, with_colon's job), whether its unit is in the cue."""
    for child in head.children:
        unit = unit_tokens(child, outside) if not child.is_punct else set()
        if not unit:
            continue
        inside = len(unit & cue) / len(unit) > 0.5
        for key in unit_keys(head, child, content, unit):
            stats[key][0] += weight * inside
            stats[key][1] += weight


def count_split(stats, head, cue: set[int], content: set[int], weight: float) -> None:
    """Whether the first dependent that holds the content, when the content may
    begin further in, is in the cue (made the case | that) or in the content."""
    found = leading_split(head, content) if content else None
    if found is None:
        return
    first, begin, kind = found
    if first.i in cue or first.i in content:
        for key in split_keys(head, first, begin, kind):
            stats[key][0] += weight * (first.i in cue)
            stats[key][1] += weight


def main() -> None:
    run_learner(__doc__, learn, CUE_SPANS_PATH, lambda learned: f"{len(learned['in_cue'])} keys")


if __name__ == "__main__":
    main()
