"""MEANTIME cross-document entity coreference: `newsfacts eval meantime-xdoc DIR`.

DIR holds CAT XML files (intra_cross-doc_annotation/corpus_apple). Each text is
rebuilt from its tokens (newsfacts.eval.cat_text), run through the pipeline,
and its entities are linked across all documents by newsfacts.resolve. Gold:
the ENTITY_MENTIONs of the annotated part (token sentences 0-5), clustered by
the REFERS_TO target's cross-document instance_id (or the document-level entity
when it has none). Scores: MUC, B-cubed, CEAF-e and CoNLL F1 (their average) in
two settings:
- "end-to-end": our own mentions (in sentences 0-5) against the gold mentions;
  a system mention is the gold mention it overlaps most (one-to-one), others are
  twinless and lower precision;
- "gold mentions": the gold mentions, each in the archive entity of the system
  mention that contains its syntactic head; a given mention no entity of ours
  covers is resolved by its own words when it is a name (else a singleton): cross-document linking given the mentions, the usual
  setting for cross-document coreference.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ..errors import NewsfactsError
from .cat_text import CatDocument, read_cat
from .coref_scores import conll

ANNOTATED_SENTENCES = range(0, 6)


def gold_mentions(doc: CatDocument) -> dict[str, tuple[int, int, str]]:
    """m_id -> (start, end, cluster) for the entity mentions of the annotated part."""
    targets = {}
    for entity in doc.root.iter("ENTITY"):
        cluster = entity.get("instance_id") or f"{doc.doc_id}:{entity.get('m_id')}"
        targets[entity.get("m_id")] = cluster
    cluster_of = {}
    for rel in doc.root.iter("REFERS_TO"):
        target = rel.find("target").get("m_id")
        for source in rel.findall("source"):
            if target in targets:
                cluster_of[source.get("m_id")] = targets[target]
    found = {}
    for mention in doc.root.iter("ENTITY_MENTION"):
        tokens = [doc.token(a.get("t_id")) for a in mention.findall("token_anchor")]
        if not tokens or any(t.sentence not in ANNOTATED_SENTENCES for t in tokens):
            continue
        m_id = mention.get("m_id")
        cluster = cluster_of.get(m_id, f"{doc.doc_id}:single:{m_id}")
        found[m_id] = (min(t.start for t in tokens), max(t.end for t in tokens), cluster)
    return found


def annotated_end(doc: CatDocument) -> int:
    return max(t.end for t in doc.tokens if t.sentence in ANNOTATED_SENTENCES)


def parse_documents(paths: list[Path]):
    """(CatDocument, Facts) per file, parsing each text once (Docs cached under /tmp)."""
    from ..api import to_article
    from ..facts import build_facts
    from .doc_cache import parse_cached
    docs = [read_cat(p) for p in paths]
    articles = [to_article({"id": d.doc_id, "text": d.text, "published": d.published,
                            "title": d.title}) for d in docs]
    parsed = parse_cached([a.text for a in articles], "meantime_xdoc")
    return [(d, build_facts(sp, a), sp) for d, sp, a in zip(docs, parsed, articles)]


def system_mentions(doc: CatDocument, facts) -> list[tuple[int, int, tuple[str, str]]]:
    """(start, end, (doc id, entity id)) of our mentions in the annotated part."""
    end = annotated_end(doc)
    return [(m.start, m.end, (doc.doc_id, e.id))
            for e in facts.entities for m in e.mentions if m.end <= end]


def align(gold: dict[str, tuple[int, int, str]], system: list[tuple[int, int, str]]) -> dict[int, str]:
    """System mention index -> gold m_id, one-to-one, by largest character overlap."""
    pairs = []
    for i, (s, e, _) in enumerate(system):
        for m_id, (gs, ge, _) in gold.items():
            overlap = min(e, ge) - max(s, gs)
            if overlap > 0:
                pairs.append((-overlap, abs(s - gs) + abs(e - ge), i, m_id))
    matched, used = {}, set()
    for _, _, i, m_id in sorted(pairs):
        if i not in matched and m_id not in used:
            matched[i] = m_id
            used.add(m_id)
    return matched


def candidates(results) -> list:
    from ..resolve.entities import Candidate
    from ..resolve.names import is_proper
    return [Candidate(key=(doc.doc_id, e.id), type=e.type, name=e.name,
                      names=sorted({m.text for m in e.mentions if is_proper(m.text)}),
                      attributes=e.attributes or {}, ref=(doc.doc_id, e.id))
            for doc, facts, _ in results for e in facts.entities]


def resolve(cands: list) -> dict:
    """Candidate ref -> archive entity id."""
    from ..resolve.entities import resolve_candidates
    return {m.ref: cl.id for cl in resolve_candidates(cands) for m in cl.members}


def name_candidate(doc: CatDocument, m_id: str, text: str, people: set[str]):
    """A given (gold) mention that no entity of ours covers, as a resolution candidate
    when it is a name: a person when it shares a surname with a person in its document."""
    from ..resolve.entities import Candidate
    from ..resolve.names import is_proper, person_tokens
    if not is_proper(text):
        return None
    tokens = person_tokens(text)
    kind = "PERSON" if tokens and tokens[-1] in people else "ORG"
    ref = (doc.doc_id, f"given:{m_id}")
    return Candidate(key=ref, type=kind, name=text, names=[text], ref=ref)


def clusters(items: dict) -> list[frozenset]:
    groups = defaultdict(set)
    for mention, cluster in items.items():
        groups[cluster].add(mention)
    return [frozenset(g) for g in groups.values()]


def head_refs(gold: dict[str, tuple[int, int, str]], system: list[tuple[int, int, tuple]],
              heads: dict[str, tuple[int, int]]) -> dict[str, tuple]:
    """Gold m_id -> the entity of the smallest system mention that contains the gold
    mention's syntactic head."""
    found = {}
    for m_id, (gs, ge, _) in gold.items():
        hs, he = heads[m_id]
        holders = [(e - s, c) for s, e, c in system if s <= hs and he <= e]
        if holders:
            found[m_id] = min(holders)[1]
    return found


def gold_heads(doc: CatDocument, spacy_doc, gold: dict) -> dict[str, tuple[int, int]]:
    heads = {}
    for m_id, (start, end, _) in gold.items():
        span = spacy_doc.char_span(start, end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        heads[m_id] = (root.idx, root.idx + len(root)) if root is not None else (start, end)
    return heads


def score(results) -> dict:
    """Both settings; RETURNS counts and the scores of each."""
    from ..resolve.names import person_tokens
    cands = candidates(results)
    archive_of = resolve(cands)
    key, e2e, heads_of, extra = {}, {}, {}, []
    for doc, facts, spacy_doc in results:
        gold = gold_mentions(doc)
        system = system_mentions(doc, facts)
        matched = align(gold, system)
        by_head = head_refs(gold, system, gold_heads(doc, spacy_doc, gold))
        people = {t[-1] for e in facts.entities if e.type == "PERSON"
                  for t in [person_tokens(e.name)] if t}
        for m_id, (start, end, cluster) in gold.items():
            key[(doc.doc_id, m_id)] = cluster
            if m_id in by_head:
                heads_of[(doc.doc_id, m_id)] = by_head[m_id]
            elif (c := name_candidate(doc, m_id, doc.text[start:end], people)) is not None:
                extra.append(c)
                heads_of[(doc.doc_id, m_id)] = c.ref
        for i, (_, _, ref) in enumerate(system):
            mention = (doc.doc_id, matched[i]) if i in matched else (doc.doc_id, "sys", i)
            e2e[mention] = archive_of[ref]
    linked = resolve(cands + extra)
    given = {m: linked[heads_of[m]] if m in heads_of else ("single", m) for m in key}
    n_matched = sum(1 for m in e2e if len(m) == 2)
    return {"gold_mentions": len(key), "system_mentions": len(e2e), "matched_mentions": n_matched,
            "gold_entities": len(set(key.values())),
            "given_mentions_placed": len(heads_of),
            "end_to_end": conll(clusters(key), clusters(e2e)),
            "gold_mentions_setting": conll(clusters(key), clusters(given))}, archive_of


def table(summary: dict) -> str:
    lines = [f"MEANTIME cross-document entity coreference: {summary['documents']} documents, "
             f"{summary['gold_mentions']} gold mentions in {summary['gold_entities']} entities, "
             f"{summary['system_mentions']} system mentions ({summary['matched_mentions']} matched)",
             f"{'setting':<22}{'metric':<8}{'R':>8}{'P':>8}{'F1':>8}"]
    for setting in ("end_to_end", "gold_mentions_setting"):
        for metric in ("muc", "b3", "ceaf_e"):
            s = summary[setting][metric]
            lines.append(f"{setting:<22}{metric:<8}{s['recall']:>8.3f}{s['precision']:>8.3f}{s['f1']:>8.3f}")
        lines.append(f"{setting:<22}{'CoNLL':<8}{'':>16}{summary[setting]['conll_f1']:>8.3f}")
    return "\n".join(lines)


def run(directory: str, out: str | None = None) -> tuple[str, dict]:
    paths = sorted(Path(directory).rglob("*.xml"))
    if not paths:
        raise NewsfactsError(f"{directory}: no CAT XML (.xml) files found")
    results = parse_documents(paths)
    scores, archive_of = score(results)
    summary = {"documents": len(paths), **scores}
    summary["conll_f1"] = summary["gold_mentions_setting"]["conll_f1"]
    if out:
        write_predictions(Path(out), results, archive_of)
    return table(summary), summary


def write_predictions(out: Path, results, archive_of) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "meantime_xdoc_entities.jsonl").open("w", encoding="utf-8") as f:
        for doc, facts, _ in results:
            for e in facts.entities:
                f.write(json.dumps({"doc": doc.doc_id, "entity": e.id, "name": e.name, "type": e.type,
                                    "archive_entity": archive_of[(doc.doc_id, e.id)],
                                    "mentions": [m.text for m in e.mentions]}) + "\n")
