"""SemEval-2015 Task 4 (TimeLine, track A): `newsfacts eval timeline DIR`.

DIR holds the raw articles (Corpus-trial-data_task4/*.xml, CAT format: only the
tokens are read, never the event annotations) and the gold timelines
(TimeLines_trial_data_task4_v*/NAME.txt: the target entity on the first line,
then "ordinal<TAB>date<TAB>doc-sentence-word..." lines).

The articles go through the pipeline into an in-memory archive; cross-article
resolution finds each target entity, and the events it takes part in (agent or
patient, in date order) become a task timeline: events with the same date share
an ordinal, an event with no date of its own takes its article's publication
date, and an event is named by its document, sentence and head word. Scoring follows the task's definition (temporal awareness, UzZaman and
Allen 2011, micro-averaged over timelines), re-implemented here:
each timeline becomes relations - BEFORE between events of consecutive
ordinals (ordinal 0: unordered), SIMULTANEOUS within an ordinal, and each event
anchored to its date when it has one; precision = |reduced(system) ∩ closure(gold)|
/ |reduced(system)|, recall = |reduced(gold) ∩ closure(system)| / |reduced(gold)|.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from ..errors import NewsfactsError
from .cat_text import CatDocument, read_cat

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
UNKNOWN_DATE = "XXXX-XX-XX"
Timeline = list[tuple[int, str, str]]  # (ordinal, date, event id)


# -- reading -------------------------------------------------------------------------------

def read_gold(path: Path) -> tuple[str, Timeline]:
    lines = path.read_text(encoding="utf-8").splitlines()
    target, rows = lines[0].strip(), []
    for line in lines[1:]:
        parts = line.strip().split("\t")
        if len(parts) >= 3:
            rows += [(int(parts[0]), parts[1], event) for event in parts[2:]]
    return target, rows


def find_layout(directory: Path) -> tuple[list[Path], list[Path]]:
    articles = sorted(directory.rglob("*.xml"))
    timelines = sorted(p for p in directory.rglob("*.txt") if "TimeLine" in p.parent.name)
    if not articles or not timelines:
        raise NewsfactsError(f"{directory}: expected CAT articles (*.xml) and gold timelines "
                             "(TimeLines*/NAME.txt)")
    return articles, timelines


# -- building system timelines -------------------------------------------------------------

def build_archive(docs: list[CatDocument]):
    """An in-memory archive of the articles (parsed once, Docs cached), resolved."""
    from ..api import to_article
    from ..facts import build_facts
    from ..store import Archive
    from .doc_cache import parse_cached
    archive = Archive(":memory:")
    articles = [to_article({"id": d.doc_id, "text": d.text, "published": d.published,
                            "title": d.title}) for d in docs]
    parsed = parse_cached([a.text for a in articles], "timeline")
    for spacy_doc, article in zip(parsed, articles):
        archive.add(build_facts(spacy_doc, article))
    archive.resolve()
    return archive, {a.id: sp for a, sp in zip(articles, parsed)}


def lookup_names(target: str) -> list[str]:
    """The target's name, then shorter runs of its words, longest first."""
    words = target.split()
    runs = [" ".join(words[i:j]) for i in range(len(words)) for j in range(len(words), i, -1)]
    return sorted(dict.fromkeys(runs), key=lambda r: (-len(r.split()), runs.index(r)))


def target_events(archive, target: str, involvement: str = "participant") -> list[dict]:
    """The archive timeline of the target: events it takes part in (agent or patient),
    or with involvement="mentioned" every event whose sentence mentions it."""
    for name in lookup_names(target):
        if archive.find_entities(name, limit=1):
            return archive.timeline(name, limit=100_000,
                                    involvement="all" if involvement == "mentioned" else "participant")
    return []


def event_id(row: dict, docs: dict[str, CatDocument], parsed: dict) -> str | None:
    """doc-sentence-word of the event's head token (from the parse of its text)."""
    doc = docs[row["ext_id"]]
    start = row["start"]
    span = parsed[row["ext_id"]].char_span(start, start + len(row["event"]), alignment_mode="expand")
    head = span.root if span is not None and len(span) else None
    position = head.idx if head is not None else start
    token = next((t for t in doc.tokens if t.start <= position < t.end), None)
    return f"{doc.doc_id}-{token.sentence}-{token.text}" if token else None


def system_timeline(rows: list[dict], docs, parsed, undated: str = "dct") -> Timeline:
    """Events in date order; one ordinal per distinct date. An event with no date of its
    own takes its article's publication date (undated="dct") or stays unordered ("none")."""
    dated = []
    for row in rows:
        eid = event_id(row, docs, parsed)
        if eid is None:
            continue
        date = row.get("date") if DATE.match(row.get("date") or "") else None
        if date is None and undated == "dct":
            date = row.get("published")
        dated.append((date or UNKNOWN_DATE, eid))
    order = {d: i + 1 for i, d in enumerate(sorted({d for d, _ in dated if d != UNKNOWN_DATE}))}
    return sorted({(order.get(d, 0), d, eid) for d, eid in dated})


# -- scoring -------------------------------------------------------------------------------

def relations(timeline: Timeline, *, reduced: bool) -> set[tuple]:
    groups: dict[int, list[str]] = defaultdict(list)
    found = set()
    for ordinal, date, event in timeline:
        groups[ordinal].append(event)
        if date != UNKNOWN_DATE and DATE.match(date):
            found.add((event, "AT", date))
    ordered = [sorted(set(groups[o])) for o in sorted(groups) if o > 0]
    for members in ordered:
        pairs = zip(members, members[1:]) if reduced else (
            (a, b) for i, a in enumerate(members) for b in members[i + 1:])
        found |= {(a, "SIMULTANEOUS", b) for a, b in pairs}
    for i, before in enumerate(ordered):
        later = ordered[i + 1:i + 2] if reduced else ordered[i + 1:]
        for after in later:
            if reduced:
                found.add((before[0], "BEFORE", after[0]))
            else:
                found |= {(a, "BEFORE", b) for a in before for b in after}
    return found


def awareness_counts(gold: Timeline, system: Timeline) -> tuple[int, int, int, int]:
    gold_reduced, gold_closure = relations(gold, reduced=True), relations(gold, reduced=False)
    sys_reduced, sys_closure = relations(system, reduced=True), relations(system, reduced=False)
    return (len(sys_reduced & gold_closure), len(sys_reduced),
            len(gold_reduced & sys_closure), len(gold_reduced))


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# -- the eval ------------------------------------------------------------------------------

def run(directory: str, out: str | None = None, undated: str = "dct",
        involvement: str = "participant") -> tuple[str, dict]:
    articles, timelines = find_layout(Path(directory))
    docs = {d.doc_id: d for d in (read_cat(p) for p in articles)}
    archive, parsed = build_archive(list(docs.values()))
    rows, totals = [], [0, 0, 0, 0]
    for path in timelines:
        target, gold = read_gold(path)
        system = system_timeline(target_events(archive, target, involvement), docs, parsed, undated)
        counts = awareness_counts(gold, system)
        totals = [a + b for a, b in zip(totals, counts)]
        p = counts[0] / counts[1] if counts[1] else 0.0
        r = counts[2] / counts[3] if counts[3] else 0.0
        rows.append({"target": target, "gold_events": len(gold), "system_events": len(system),
                     "precision": p, "recall": r, "f1": f1(p, r)})
        if out:
            write_timeline(Path(out) / path.name, target, system)
    precision = totals[0] / totals[1] if totals[1] else 0.0
    recall = totals[2] / totals[3] if totals[3] else 0.0
    summary = {"timelines": len(rows), "articles": len(docs), "precision": precision,
               "recall": recall, "f1": f1(precision, recall), "undated": undated, "involvement": involvement,
               "per_target": rows}
    return table(rows, summary), summary


def write_timeline(path: Path, target: str, system: Timeline) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [target] + [f"{o}\t{d}\t{e}" for o, d, e in system]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def table(rows: list[dict], summary: dict) -> str:
    lines = [f"SemEval-2015 Task 4 TimeLine (track A, from raw text): {summary['articles']} articles, "
             f"{summary['timelines']} timelines; temporal awareness, micro-averaged",
             f"{'target':<24}{'gold':>6}{'ours':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for r in rows:
        lines.append(f"{r['target']:<24}{r['gold_events']:>6}{r['system_events']:>6}"
                     f"{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}")
    lines.append(f"{'micro':<36}{summary['precision']:>8.3f}{summary['recall']:>8.3f}{summary['f1']:>8.3f}")
    return "\n".join(lines)
