"""MEANTIME in-document entity coreference: `newsfacts eval meantime-entities DIR`.

DIR holds CAT XML files (intra-doc_annotation/corpus_apple). Each text is rebuilt
from its tokens (newsfacts.eval.cat_text) and parsed once (Docs cached); only the
entities extractor runs. Gold: the ENTITY_MENTIONs of the annotated part (token
sentences 0-5) clustered by their REFERS_TO entity; unlinked mentions are
singletons. Scores (MUC, B-cubed, CEAF-e, CoNLL F1, pooled over documents) in two
settings, as in newsfacts.eval.meantime_xdoc:
- "end-to-end": our mentions in sentences 0-5 against the gold mentions, aligned
  one-to-one by largest character overlap; unaligned ones are twinless;
- "gold mentions": each gold mention takes the entity of our mention that holds
  its syntactic head (a singleton when none does): linking given the mentions.
Mention detection precision/recall (any overlap, one-to-one) is reported too.
--out writes one JSON file per document with our entities and the gold clusters.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import NewsfactsError
from .cat_text import read_cat
from .coref_scores import conll
from .meantime_xdoc import align, annotated_end, clusters, gold_heads, gold_mentions


def run(directory: str, out: str | None = None) -> tuple[str, dict]:
    paths = sorted(Path(directory).rglob("*.xml"))
    if not paths:
        raise NewsfactsError(f"{directory}: no CAT XML files found")
    results = parse_documents(paths)
    summary = score(results)
    if out:
        _write(Path(out), results)
    return table(summary), summary


def parse_documents(paths: list[Path]):
    """(CatDocument, entities, Doc) per file."""
    from ..api import to_article
    from ..pipeline.entities import extract_entities
    from .doc_cache import parse_cached
    docs = [read_cat(p) for p in paths]
    articles = [to_article({"id": d.doc_id, "text": d.text, "published": d.published})
                for d in docs]
    parsed = parse_cached([a.text for a in articles], "meantime_entities")
    return [(d, extract_entities(sp, a), sp) for d, sp, a in zip(docs, parsed, articles)]


def score(results) -> dict:
    key, e2e, given = {}, {}, {}
    gold_count = system_count = aligned = 0
    for doc, entities, spacy_doc in results:
        gold = gold_mentions(doc)
        end = annotated_end(doc)
        system = [(m.start, m.end, f"{doc.doc_id}:{e.id}")
                  for e in entities for m in e.mentions if m.end <= end]
        for m_id, (_, _, cluster) in gold.items():
            key[(doc.doc_id, m_id)] = f"{doc.doc_id}:{cluster}"
        matched = align(gold, system)
        for i, (_, _, cluster) in enumerate(system):
            e2e[(doc.doc_id, matched[i]) if i in matched else (doc.doc_id, "sys", i)] = cluster
        by_head = head_clusters(gold, system, gold_heads(doc, spacy_doc, gold))
        for m_id in gold:
            given[(doc.doc_id, m_id)] = by_head.get(m_id, f"{doc.doc_id}:alone:{m_id}")
        gold_count, system_count, aligned = gold_count + len(gold), system_count + len(system), \
            aligned + len(matched)
    key_clusters = clusters(key)
    return {
        "documents": len(results),
        "mentions": {"gold": gold_count, "system": system_count, "aligned": aligned,
                     "recall": _ratio(aligned, gold_count), "precision": _ratio(aligned, system_count)},
        "end-to-end": conll(key_clusters, clusters(e2e)),
        "gold mentions": conll(key_clusters, clusters(given)),
    }


def head_clusters(gold: dict[str, tuple[int, int, str]], system: list[tuple[int, int, str]],
                  heads: dict[str, tuple[int, int]]) -> dict[str, str]:
    """Gold m_id -> the entity of the smallest system mention holding the gold
    mention's syntactic head (else the one overlapping the gold mention most)."""
    found = {}
    for m_id, (gs, ge, _) in gold.items():
        hs, he = heads[m_id]
        holders = [(e - s, c) for s, e, c in system if s <= hs and he <= e]
        if not holders:
            holders = [(-(min(e, ge) - max(s, gs)), c) for s, e, c in system
                       if min(e, ge) - max(s, gs) > 0]
        if holders:
            found[m_id] = min(holders)[1]
    return found


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def table(summary: dict) -> str:
    m = summary["mentions"]
    lines = [f"MEANTIME in-document entity coreference, {summary['documents']} documents",
             f"mentions: gold {m['gold']}, system {m['system']}, aligned {m['aligned']} "
             f"(R {m['recall']:.3f} P {m['precision']:.3f})",
             f"{'setting':<15}{'metric':<8}{'R':>7}{'P':>7}{'F1':>7}"]
    for setting in ("end-to-end", "gold mentions"):
        scores = summary[setting]
        for metric in ("muc", "b3", "ceaf_e"):
            s = scores[metric]
            lines.append(f"{setting:<15}{metric:<8}"
                         f"{s['recall']:7.3f}{s['precision']:7.3f}{s['f1']:7.3f}")
        lines.append(f"{setting:<15}{'CoNLL':<8}{'':>14}{scores['conll_f1']:7.3f}")
    return "\n".join(lines)


def _write(folder: Path, results) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for doc, entities, _ in results:
        gold = gold_mentions(doc)
        record = {
            "id": doc.doc_id, "text": doc.text,
            "entities": [{"id": e.id, "name": e.name, "type": e.type,
                          "mentions": [m.text for m in e.mentions]} for e in entities],
            "gold": [sorted(doc.text[s:e] for s, e, c in gold.values() if c == cluster)
                     for cluster in sorted({c for _, _, c in gold.values()})],
        }
        (folder / f"{doc.doc_id}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False))
