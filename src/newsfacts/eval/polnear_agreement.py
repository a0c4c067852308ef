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
from .polnear import KINDS, Counts, PolnearDoc, evaluate, format_table, load_split, score_doc, summarise


def run(directory: str, out: str | None = None, nlp=None) -> tuple[str, dict]:
    from ..api import extract_many
    from ..article import make_article

    docs = [d for d in load_split(directory) if len(d.annotations) >= 2]
    if not docs:
        raise NewsfactsError(f"{directory}: no PolNeAR article with two or more annotators' files.")
    articles = (make_article(d.text, published=d.published, id=d.name) for d in docs)
    extractor = evaluate(docs, (facts.quotes for facts in extract_many(articles, nlp=nlp)))
    annotators = agreement(docs)
    table = "\n".join(["annotator against annotator", format_table(annotators), "",
                       "newsfacts against the same annotators", format_table(extractor)])
    return table, {"annotators": annotators, "newsfacts": extractor}


def agreement(docs: list[PolnearDoc]) -> dict:
    """Every ordered pair of annotators of each article, each article weighted once."""
    totals = {scope: {kind: Counts() for kind in KINDS} for scope in ("all", "quoted")}
    for doc in docs:
        pairs = list(permutations(doc.annotations, 2))
        for pred, gold in pairs:
            for scope in totals:
                for kind, counts in score_doc(doc.text, pred, gold, scope == "quoted").items():
                    totals[scope][kind].add(counts, 1.0 / len(pairs))
    return summarise(totals, len(docs))
