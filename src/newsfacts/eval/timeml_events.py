"""Score event triggers and event-time links on TimeML (TimeBank/AQUAINT, TempEval-3).

TimeML annotates EVENTs and TLINKs; an event-time TLINK of an anchoring type
to a DATE/TIME in the text is the gold for Event.time.

    newsfacts eval timeml-events DIR   (or: python -m newsfacts.eval.timeml_events DIR)
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..api import extract_many
from ..article import Article
from ..errors import NewsfactsError
from .meantime_values import Counts
from .timeml import ATTR, DCT, TEXT, tagged_spans

ANCHORING = {"IS_INCLUDED", "DURING", "SIMULTANEOUS"}


@dataclass
class TimemlEvents:
    name: str
    dct: str
    text: str
    events: dict[str, tuple[int, int]]
    timexes: dict[str, tuple[int, int, str]]
    anchors: list[tuple[str, str]]        # (event id, timex id)


def read_timeml_events(path: Path) -> TimemlEvents:
    source = path.read_text(encoding="utf-8")
    dct, body = DCT.search(source), TEXT.search(source)
    if not dct or not body:
        raise NewsfactsError(f"{path}: not a TimeML file with <DCT> and <TEXT>")
    text, tagged = tagged_spans(body.group(1), {"EVENT", "TIMEX3"})
    spans = {attrs.get("eid") or attrs.get("tid"): {"start": start, "end": end, "type": attrs.get("type", "")}
             for start, end, _, attrs in tagged}
    instances = {a["eiid"]: a["eventID"] for a in _tags(source, "MAKEINSTANCE")}
    anchors = [(instances.get(a["eventInstanceID"]), a["relatedToTime"]) for a in _tags(source, "TLINK")
               if a.get("relType") in ANCHORING and a.get("eventInstanceID") and a.get("relatedToTime")]
    events = {k: (v["start"], v["end"]) for k, v in spans.items() if k.startswith("e")}
    timexes = {k: (v["start"], v["end"], v["type"]) for k, v in spans.items() if k.startswith("t")}
    anchors = [(e, t) for e, t in anchors if e in events and t in timexes and timexes[t][2] in ("DATE", "TIME")]
    return TimemlEvents(path.stem, dct.group(1)[:10], text, events, timexes, anchors)


def _tags(source: str, name: str) -> list[dict]:
    return [dict(ATTR.findall(m.group(1))) for m in re.finditer(rf"<{name}\b([^>]*)/?>", source)]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def run(directory: str, out: str | None = None) -> tuple[str, dict]:
    """Event triggers and event-time links on TimeML (.tml) files; RETURNS (table, summary).

    Link recall: of the gold anchoring TLINKs (event IS_INCLUDED/DURING/SIMULTANEOUS
    a DATE/TIME in the text) whose event we found, the share where our event's
    time overlaps the gold time. Link precision: of our time links on events
    that match a gold event which has a gold anchor, the share that is right
    (gold anchors are not exhaustive, so only such events are counted).
    """
    paths = sorted(Path(directory).rglob("*.tml"))
    if not paths:
        raise NewsfactsError(f"timeml_events: no .tml files under {directory}")
    docs = [read_timeml_events(p) for p in paths]
    articles = [Article(text=d.text, id=d.name, published=d.dct) for d in docs]
    triggers, links = Counts(), {"gold": 0, "found_event": 0, "right": 0, "predicted": 0, "predicted_right": 0}
    for doc, facts in zip(docs, extract_many(articles)):
        triggers.add(sorted(set(doc.events.values())), [(v.start, v.end) for v in facts.events])
        _score_links(doc, facts, links)
        if out:
            folder = Path(out)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{doc.name}.json").write_text(facts.to_json(indent=1), encoding="utf-8")
    summary = {"documents": len(docs), "events": triggers.summary(), "time_links": _link_scores(links)}
    return _timeml_table(summary), summary


def _score_links(doc: TimemlEvents, facts, links: dict) -> None:
    times = {t.id: (t.start, t.end) for t in facts.times}
    gold_by_event: dict[str, list[tuple[int, int]]] = {}
    for event_id, timex_id in doc.anchors:
        gold_by_event.setdefault(event_id, []).append(doc.timexes[timex_id][:2])
    for event_id, gold_times in gold_by_event.items():
        span = doc.events[event_id]
        ours = next((v for v in facts.events if _overlaps((v.start, v.end), span)), None)
        links["gold"] += 1
        if ours is None:
            continue
        links["found_event"] += 1
        right = ours.time in times and any(_overlaps(times[ours.time], g) for g in gold_times)
        links["right"] += right
        if ours.time:
            links["predicted"] += 1
            links["predicted_right"] += right


def _link_scores(links: dict) -> dict:
    recall = links["right"] / links["found_event"] if links["found_event"] else 0.0
    precision = links["predicted_right"] / links["predicted"] if links["predicted"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {**links, "precision": round(100 * precision, 1), "recall": round(100 * recall, 1),
            "f1": round(100 * f1, 1)}


def _timeml_table(summary: dict) -> str:
    ev, ln = summary["events"], summary["time_links"]
    strict = "/".join(f"{ev['strict'][k]:.1f}" for k in ("precision", "recall", "f1"))
    lenient = "/".join(f"{ev['lenient'][k]:.1f}" for k in ("precision", "recall", "f1"))
    return "\n".join([
        f"TimeML events ({summary['documents']} documents)",
        f"triggers  gold {ev['gold']}  predicted {ev['predicted']}  strict P/R/F1 {strict}  lenient {lenient}",
        f"time links  gold {ln['gold']} (event found: {ln['found_event']})  "
        f"P/R/F1 {ln['precision']:.1f}/{ln['recall']:.1f}/{ln['f1']:.1f}"])


if __name__ == "__main__":
    table, summary = run(sys.argv[1], out=sys.argv[2] if len(sys.argv) > 2 else None)
    print(table)
    print(json.dumps(summary, indent=2))
