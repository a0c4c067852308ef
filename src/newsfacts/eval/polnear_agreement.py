"""PolNeAR annotator agreement: `newsfacts eval polnear-agreement DIR`.

On the articles annotated more than once, scores each annotator against every
other with the very measures `newsfacts eval polnear` gives the extractor (one
annotator as prediction, the other as gold, both ways round), and the
extractor against the same annotators, so that its figures can be read against
what two people reach on the same texts.
"""
from __future__ import annotations

from itertools import permutations

from ..errors import NewsfactsError
from .polnear import (PolnearDoc, add_scores, evaluate, extract_quotes_of, format_table,
                      load_split, new_totals, summarise)


def run(directory: str, out: str | None = None, nlp=None) -> tuple[str, dict]:
    docs = [d for d in load_split(directory) if len(d.annotations) >= 2]
    if not docs:
        raise NewsfactsError(f"{directory}: no PolNeAR article with two or more annotators' files.")
    extractor = evaluate(docs, extract_quotes_of(docs, nlp))
    annotators = agreement(docs)
    table = "\n".join(["annotator against annotator", format_table(annotators), "",
                       "newsfacts against the same annotators", format_table(extractor)])
    return table, {"annotators": annotators, "newsfacts": extractor}


def agreement(docs: list[PolnearDoc]) -> dict:
    """Every ordered pair of annotators of each article, each article weighted once."""
    totals = new_totals()
    for doc in docs:
        pairs = list(permutations(doc.annotations, 2))
        for pred, gold in pairs:
            add_scores(totals, doc.text, pred, gold, 1.0 / len(pairs))
    return summarise(totals, len(docs))
