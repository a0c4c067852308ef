"""Facts -> a readable markdown fact sheet: every fact with the characters behind it."""
from __future__ import annotations

import re
from typing import Any

from ..schema import Facts

PEOPLE_AND_ORGS = ("PERSON", "ORG")
DATED_VALUE = re.compile(r"^\d{4}(-\d{2}){0,2}(T[\d:]+)?$|^\d{4}-W\d{2}$|^\d{3}X$|^\d{2}XX$")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")
W_LABELS = ("who", "what", "when", "where", "why", "how")
NONE_FOUND = "_None found._"


def render_markdown(facts: Facts | dict[str, Any]) -> str:
    """The fact sheet of one article: header, main event, people and organisations,
    quotes, a dated timeline and amounts. Empty sections say so."""
    data = facts.to_dict() if isinstance(facts, Facts) else facts
    names = {e["id"]: e["name"] for e in data["entities"]}
    sections = [_header(data["article"]), _main_event(data.get("main_event"), names),
                _entities(data), _quotes(data), _timeline(data), _amounts(data)]
    return "\n\n".join(s for s in sections if s) + "\n"


def span(item: dict[str, Any] | None) -> str:
    """Character offsets in compact form: [start-end]."""
    return f"[{item['start']}-{item['end']}]" if item and item.get("start") is not None else ""


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _header(article: dict[str, Any]) -> str:
    title = one_line(article.get("title")) or article.get("id") or "Article"
    details = [f"**{label}:** {article[key]}" for key, label in (
        ("published", "Published"), ("source", "Source"), ("url", "URL"),
        ("language", "Language"), ("id", "Id")) if article.get(key)]
    return f"# {title}\n\n" + " · ".join(details) if details else f"# {title}"


def _main_event(main_event: dict[str, Any] | None, names: dict[str, str]) -> str:
    if not main_event:
        return ""
    rows = [f"- **{w}:** {one_line(main_event[w]['text'])}{_value(main_event[w])} {span(main_event[w])}"
            for w in W_LABELS if main_event.get(w)]
    if not rows:
        return "## Main event\n\n" + NONE_FOUND
    return "## Main event\n\n" + main_event_sentence(main_event, names) + "\n\n" + "\n".join(rows)


def _value(item: dict[str, Any]) -> str:
    return f" = {item['value']}" if item.get("value") else ""


def main_event_sentence(main_event: dict[str, Any] | None, names: dict[str, str] | None = None) -> str:
    """The main event in one sentence: who (by entity name) and what, then when,
    where, why and how where the article states them."""
    if not main_event:
        return ""
    names = names or {}
    who, what = main_event.get("who"), main_event.get("what")
    subject = names.get(who.get("entity")) or one_line(who["text"]) if who else ""
    head = " ".join(part for part in (f"**{subject}**" if subject else "",
                                      one_line(what["text"]) if what else "") if part)
    details = [f"{w}: {one_line(main_event[w]['text'])}{_value(main_event[w])}"
               for w in ("when", "where", "why", "how") if main_event.get(w)]
    sentence = head + (f" ({'; '.join(details)})" if details else "") if head else "; ".join(details)
    return sentence.rstrip(".") + "." if sentence else ""


def _entities(data: dict[str, Any]) -> str:
    main = [e for e in data["entities"] if e["type"] in PEOPLE_AND_ORGS]
    others = [e for e in data["entities"] if e["type"] not in PEOPLE_AND_ORGS]
    lines = [_entity_line(e) for e in sorted(main, key=_by_mentions)] or [NONE_FOUND]
    text = "## People & organisations\n\n" + "\n".join(lines)
    if others:
        names = ", ".join(f"{e['name']} ({e['type']}, {len(e['mentions'])}×)"
                          for e in sorted(others, key=_by_mentions))
        text += f"\n\n**Other names:** {names}"
    return text


def _by_mentions(entity: dict[str, Any]) -> tuple:
    first = entity["mentions"][0]["start"] if entity["mentions"] else 0
    return (-len(entity["mentions"]), first)


def _entity_line(entity: dict[str, Any]) -> str:
    count = len(entity["mentions"])
    first = span(entity["mentions"][0]) if entity["mentions"] else ""
    attributes = _attributes(entity.get("attributes") or {})
    described = f" ({entity['type']}; {attributes})" if attributes else f" ({entity['type']})"
    return (f"- **{entity['name']}** {entity['id']}{described}, "
            f"{count} mention{'s' if count != 1 else ''} {first}").rstrip()


def _attributes(attributes: dict[str, Any]) -> str:
    parts = []
    for key, value in attributes.items():
        if value in (None, [], ""):
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        parts.append(f"{key}: {shown}")
    return "; ".join(parts)


def _quotes(data: dict[str, Any]) -> str:
    names = {e["id"]: e["name"] for e in data["entities"]}
    speech = [q for q in data["quotes"] if q.get("attribution", "speech") == "speech"]
    other = [q for q in data["quotes"] if q.get("attribution", "speech") != "speech"]
    lines = [_quote_line(q, names) for q in speech] or [NONE_FOUND]
    if other:
        lines += ["", "Other attributions (intent, belief, evidence):", ""]
        lines += [_quote_line(q, names) for q in other]
    return "## Quotes\n\n" + "\n".join(lines)


def _quote_line(quote: dict[str, Any], names: dict[str, str]) -> str:
    speaker = quote.get("speaker") or {}
    who = names.get(speaker.get("entity")) or speaker.get("text") or "unknown speaker"
    cue = f", cue “{quote['cue']['text']}”" if quote.get("cue") else ""
    return f"- **{who}** → “{one_line(quote['text'])}” ({quote['kind']}{cue}) {span(quote)}"


def _timeline(data: dict[str, Any]) -> str:
    text = data["article"]["text"]
    rows = _event_rows(data, text) + _time_rows(data, text)
    rows.sort(key=lambda row: (row[0], row[1]))
    lines = [f"- **{value}** {line}" for value, _, line in rows] or [NONE_FOUND]
    undated = [f"{t['text']} = {t['value']}" for t in data["times"]
               if not DATED_VALUE.match(t["value"] or "")]
    section = "## Timeline\n\n" + "\n".join(lines)
    return section + (f"\n\n**Other time expressions:** {'; '.join(undated)}" if undated else "")


def _event_rows(data: dict[str, Any], text: str) -> list[tuple[str, int, str]]:
    """One row per (date, sentence): the dated events of a sentence share its line."""
    names = {e["id"]: e["name"] for e in data["entities"]}
    times = {t["id"]: t for t in data["times"]}
    grouped: dict[tuple[str, int], list[dict[str, Any]]] = {}
    sentences: dict[int, dict[str, Any]] = {}
    for event in data["events"]:
        if not event.get("date"):
            continue
        sentence = event.get("sentence") or _sentence_around(text, event["start"], event["end"])
        sentences[sentence["start"]] = sentence
        grouped.setdefault((event["date"], sentence["start"]), []).append(event)
    rows = []
    for (date, sentence_start), events in grouped.items():
        what = ", ".join(_event_text(event, names, times) for event in events)
        rows.append((date, events[0]["start"],
                     f"{what} — {one_line(sentences[sentence_start]['text'])}"))
    return rows


def _event_text(event: dict[str, Any], names: dict[str, str], times: dict[str, Any]) -> str:
    agents = ", ".join(names.get(a, a) for a in event.get("agents", []))
    time = times.get(event.get("time"))
    when = f" (“{time['text']}”)" if time else ""
    return f"{agents + ': ' if agents else ''}*{one_line(event['text'])}*{when} {span(event)}"


def _time_rows(data: dict[str, Any], text: str) -> list[tuple[str, int, str]]:
    used = {event.get("time") for event in data["events"] if event.get("date")}
    rows = []
    for time in data["times"]:
        if time["id"] in used or not DATED_VALUE.match(time["value"] or ""):
            continue
        sentence = _sentence_around(text, time["start"], time["end"])
        mod = f" ({time['mod']})" if time.get("mod") else ""
        rows.append((time["value"], time["start"],
                     f"“{time['text']}”{mod} {span(time)} — {one_line(sentence['text'])}"))
    return rows


def _sentence_around(text: str, start: int, end: int) -> dict[str, Any]:
    """A cheap sentence span around [start, end) for facts that carry none."""
    ends_before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    sentence_start = ends_before[-1] if ends_before else 0
    after = SENTENCE_END.search(text, end)
    sentence_end = after.start() + 1 if after else len(text)
    return {"start": sentence_start, "end": sentence_end,
            "text": text[sentence_start:sentence_end]}


def _amounts(data: dict[str, Any]) -> str:
    lines = [_amount_line(a) for a in data["amounts"]] or [NONE_FOUND]
    return "## Amounts\n\n" + "\n".join(lines)


def _amount_line(amount: dict[str, Any]) -> str:
    value = amount["value"]
    shown = f"{value:,}" if isinstance(value, (int, float)) else str(value)
    mod = f" ({amount['mod']})" if amount.get("mod") else ""
    return f"- {one_line(amount['text'])} → {shown} {amount['unit']}{mod} {span(amount)}"
