"""Score amounts and event triggers on MEANTIME (NewsReader, CAT XML).

MEANTIME annotates money, percent and quantity VALUEs and EVENT_MENTIONs in
the title, dateline and first sentences (token sentences 0-5); only that part
is scored. A prediction matches strictly when its character span equals the
gold span, and leniently when the spans overlap (one-to-one, in text order).
The gold VALUE extent is often the bare number ("3,800" of "3,800 songs")
while ours includes the counted noun and modifiers, so the lenient figure is
the one to read for amounts; event triggers are single words in both.

    newsfacts eval meantime-values DIR   (or: python -m newsfacts.eval.meantime_values DIR)
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from ..api import extract_many
from ..article import Article
from ..errors import NewsfactsError
from .cat_text import CatDocument, read_cat

SCORED_SENTENCES = 5
VALUE_TYPES = {"MONEY", "PERCENT", "QUANTITY"}


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    lenient: int = 0

    def add(self, gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.strict += len(set(gold) & set(predicted))
        self.lenient += _overlap_matches(gold, predicted)

    def scores(self, matched: int) -> dict[str, float]:
        precision = matched / self.predicted if self.predicted else 0.0
        recall = matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(100 * precision, 1), "recall": round(100 * recall, 1),
                "f1": round(100 * f1, 1)}

    def summary(self) -> dict:
        return {"gold": self.gold, "predicted": self.predicted,
                "strict": self.scores(self.strict), "lenient": self.scores(self.lenient)}


def _overlap_matches(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> int:
    used: set[int] = set()
    matched = 0
    for g_start, g_end in sorted(gold):
        for i, (p_start, p_end) in enumerate(sorted(predicted)):
            if i not in used and p_start < g_end and g_start < p_end:
                used.add(i)
                matched += 1
                break
    return matched


def gold_spans(doc: CatDocument, tag: str, types: set[str] | None = None) -> list[tuple[int, int]]:
    markables = doc.root.find("Markables")
    spans = []
    for node in markables.iter(tag) if markables is not None else []:
        if types and node.get("type") not in types:
            continue
        tokens = [doc.token(a.get("t_id")) for a in node.iter("token_anchor")]
        if tokens and all(t.sentence <= SCORED_SENTENCES for t in tokens):
            spans.append((min(t.start for t in tokens), max(t.end for t in tokens)))
    return sorted(set(spans))


def scored_end(doc: CatDocument) -> int:
    return max(t.end for t in doc.tokens if t.sentence <= SCORED_SENTENCES)


def run(directory: str, out: str | None = None) -> tuple[str, dict]:
    """Score every CAT XML file under directory; RETURNS (table, summary)."""
    paths = sorted(Path(directory).rglob("*.xml"))
    if not paths:
        raise NewsfactsError(f"meantime_values: no .xml files under {directory}")
    docs = [read_cat(p) for p in paths]
    articles = [Article(text=d.text, id=d.doc_id, published=d.published) for d in docs]
    amounts, events = Counts(), Counts()
    for doc, facts in zip(docs, extract_many(articles)):
        limit = scored_end(doc)
        amounts.add(gold_spans(doc, "VALUE", VALUE_TYPES),
                    [(a.start, a.end) for a in facts.amounts if a.start < limit])
        events.add(gold_spans(doc, "EVENT_MENTION"),
                   [(v.start, v.end) for v in facts.events if v.start < limit])
        if out:
            _write(Path(out), doc, facts)
    summary = {"documents": len(docs), "amounts": amounts.summary(), "events": events.summary()}
    return _table(summary), summary


def _write(folder: Path, doc: CatDocument, facts) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc.name}.json").write_text(facts.to_json(indent=1), encoding="utf-8")


def _table(summary: dict) -> str:
    rows = [f"MEANTIME ({summary['documents']} documents, sentences 0-{SCORED_SENTENCES})",
            f"{'':10}{'gold':>6}{'pred':>6}  {'strict P/R/F1':>20}  {'lenient P/R/F1':>20}"]
    for name in ("amounts", "events"):
        part = summary[name]
        strict = "/".join(f"{part['strict'][k]:.1f}" for k in ("precision", "recall", "f1"))
        lenient = "/".join(f"{part['lenient'][k]:.1f}" for k in ("precision", "recall", "f1"))
        rows.append(f"{name:10}{part['gold']:>6}{part['predicted']:>6}  {strict:>20}  {lenient:>20}")
    return "\n".join(rows)


if __name__ == "__main__":
    table, summary = run(sys.argv[1], out=sys.argv[2] if len(sys.argv) > 2 else None)
    print(table)
    print(json.dumps(summary, indent=2))
