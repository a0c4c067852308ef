"""A newsfacts/1 record as what the article page shows: marked text, tooltips,
the fact sheet panel and the main event in one sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markupsafe import Markup

from .highlight import Span, render

PLACE_TYPES = {"GPE", "LOC", "FAC"}
KIND_OF_TYPE = {"PERSON": "person", "ORG": "org", **{t: "place" for t in PLACE_TYPES}}
TYPE_LABEL = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Place", "LOC": "Place",
              "FAC": "Building or facility", "NORP": "Group", "PRODUCT": "Product",
              "EVENT": "Named event", "WORK_OF_ART": "Work", "LAW": "Law", "LANGUAGE": "Language"}
MOD_LABEL = {"at_least": "at least", "at_most": "at most", "about": "about",
             "more_than": "more than", "less_than": "less than"}
W_NAMES = ("who", "what", "when", "where", "why", "how")
PANEL_GROUPS = (("person", "People"), ("org", "Organisations"), ("place", "Places"),
                ("thing", "Other names"))


@dataclass
class PanelItem:
    anchor: str | None        # id of the fact's first words in the text
    label: str
    detail: str = ""
    href: str | None = None   # the archive entity page, for stored articles
    speaker_href: str | None = None


@dataclass
class ArticleView:
    article: dict[str, Any]
    html: Markup
    tips: list[tuple[str, str]]
    panel: dict[str, list[PanelItem]]
    main_event: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def build_view(record: dict[str, Any], entity_links: dict[str, str] | None = None) -> ArticleView:
    """The page of one record; entity_links maps local entity ids (E1) to archive ids."""
    links = entity_links or {}
    text = record["article"]["text"]
    names = {e["id"]: e["name"] for e in record.get("entities", [])}
    spans: list[Span] = []
    tips: dict[str, str] = {}
    panel: dict[str, list[PanelItem]] = {key: [] for key in
                                         ("person", "org", "place", "thing", "quote", "time", "amount", "event")}
    for entity in record.get("entities", []):
        _add_entity(entity, links, spans, tips, panel)
    for quote in record.get("quotes", []):
        _add_quote(quote, names, links, spans, tips, panel)
    for time in record.get("times", []):
        _add_fact(time, "time", time_tip(time), spans, tips, panel["time"])
    for amount in record.get("amounts", []):
        _add_fact(amount, "amount", amount_tip(amount), spans, tips, panel["amount"])
    times = {t["id"]: t for t in record.get("times", [])}
    for event in record.get("events", []):
        _add_fact(event, "event", event_tip(event, names, times), spans, tips, panel["event"])
    main = main_event_parts(record.get("main_event"), names, links, len(text))
    for part in main:
        if part["anchor"]:
            tip_id = f"tip-w-{part['w']}"
            value = f" = {part['value']}" if part["value"] else ""
            tips[tip_id] = f"main event, {part['w']}: {part['text']}{value}"
            spans.append(Span(part["start"], part["end"], "w", f"w-{part['w']}", tips[tip_id],
                              tip_id, part["anchor"]))
    spans.sort(key=lambda s: (s.start, -s.end, s.kind != "w"))  # a W holds the facts inside it
    counts = {key: len(items) for key, items in panel.items()}
    return ArticleView(record["article"], render(text, spans), list(tips.items()), panel, main, counts)


def _add_entity(entity, links, spans, tips, panel) -> None:
    kind = KIND_OF_TYPE.get(entity["type"], "thing")
    tip_id = f"tip-{entity['id']}"
    tips[tip_id] = entity_tip(entity)
    first = None
    for number, mention in enumerate(sorted(entity.get("mentions", []), key=lambda m: m["start"])):
        anchor = f"fact-{entity['id']}" if number == 0 else f"fact-{entity['id']}-{number + 1}"
        first = first or anchor
        spans.append(Span(mention["start"], mention["end"], kind, entity["id"], tips[tip_id],
                          tip_id, anchor))
    count = len(entity.get("mentions", []))
    detail = f"{TYPE_LABEL.get(entity['type'], entity['type'])}, {count} mention{'s' * (count != 1)}"
    attributes = attribute_text(entity.get("attributes") or {})
    href = f"/entities/{links[entity['id']]}" if entity["id"] in links else None
    panel[kind].append(PanelItem(first, entity["name"], "; ".join(filter(None, [detail, attributes])), href))


def _add_quote(quote, names, links, spans, tips, panel) -> None:
    speaker = quote.get("speaker") or {}
    who = names.get(speaker.get("entity")) or speaker.get("text") or "unknown speaker"
    tip_id = f"tip-{quote['id']}"
    tips[tip_id] = quote_tip(quote, who)
    pieces = quote.get("parts") or [quote]
    for number, piece in enumerate(pieces):
        anchor = f"fact-{quote['id']}" if number == 0 else f"fact-{quote['id']}-{number + 1}"
        spans.append(Span(piece["start"], piece["end"], "quote", quote["id"], tips[tip_id], tip_id, anchor))
    cue = quote.get("cue")
    if cue:
        spans.append(Span(cue["start"], cue["end"], "cue", quote["id"], tips[tip_id], tip_id))
    entity = speaker.get("entity")
    panel["quote"].append(PanelItem(
        f"fact-{quote['id']}", quote["text"], f"{who} ({quote['kind']}"
        + (f", “{cue['text']}”" if cue else "") + ")",
        speaker_href=f"/entities/{links[entity]}" if entity in links else None))


def _add_fact(fact, kind, tip, spans, tips, items) -> None:
    tip_id = f"tip-{fact['id']}"
    tips[tip_id] = tip
    anchor = f"fact-{fact['id']}"
    spans.append(Span(fact["start"], fact["end"], kind, fact["id"], tip, tip_id, anchor))
    items.append(PanelItem(anchor, fact["text"], tip))


# -- tooltips ------------------------------------------------------------------------------

def entity_tip(entity: dict[str, Any]) -> str:
    label = TYPE_LABEL.get(entity["type"], entity["type"])
    attributes = attribute_text(entity.get("attributes") or {})
    return f"{label}: {entity['name']}" + (f" · {attributes}" if attributes else "")


def attribute_text(attributes: dict[str, Any]) -> str:
    parts = []
    for key, value in attributes.items():
        if value in (None, [], ""):
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        parts.append(f"{key}: {shown}")
    return "; ".join(parts)


def quote_tip(quote: dict[str, Any], who: str) -> str:
    cue = quote.get("cue")
    return f"{quote['kind']} quote · speaker: {who}" + (f" · cue “{cue['text']}”" if cue else "")


def time_tip(time: dict[str, Any]) -> str:
    mod = f" ({time['mod'].lower().replace('_', ' ')})" if time.get("mod") else ""
    readable = readable_time(time.get("value") or "")
    shown = f"{time.get('value')}" + (f" = {readable}" if readable and readable != time.get("value") else "")
    return f"{time.get('type', 'DATE')} {shown}{mod}"


def amount_tip(amount: dict[str, Any]) -> str:
    value = amount.get("value")
    shown = f"{value:,}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    mod = MOD_LABEL.get(amount.get("mod") or "", amount.get("mod") or "")
    return " ".join(filter(None, [mod, shown, amount.get("unit") or ""]))


def event_tip(event: dict[str, Any], names: dict[str, str], times: dict[str, Any]) -> str:
    parts = [f"event “{event['text']}”"]
    if event.get("date"):
        readable = readable_time(event["date"])
        parts.append(f"date {event['date']}" + (f" = {readable}" if readable != event["date"] else ""))
    for role in ("agents", "patients"):
        if event.get(role):
            parts.append(f"{role}: " + ", ".join(names.get(i, i) for i in event[role]))
    return " · ".join(parts)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second"}
REFS = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}


def readable_time(value: str) -> str:
    """A TIMEX3 value in words where it is a common form, else the value itself."""
    if value in REFS:
        return REFS[value]
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2})?", value):
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return value
        return f"{day:%A} {day.day} {MONTHS[day.month - 1]} {day.year}" + (
            f", {m[4][1:]}" if m[4] else "")
    if (m := re.fullmatch(r"(\d{4}|XXXX)-(\d{2})", value)) and 1 <= int(m[2]) <= 12:
        year = "year unknown" if m[1] == "XXXX" else m[1]
        return f"{MONTHS[int(m[2]) - 1]} {year}"
    if m := re.fullmatch(r"(\d{3})X", value):
        return f"the {m[1]}0s"
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        return f"week {int(m[2])} of {m[1]}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return f"quarter {m[2]} of {m[1]}"
    if m := re.fullmatch(r"PT?(\d+(?:\.\d+)?)([YMWDHS])", value):
        unit = "minute" if value.startswith("PT") and m[2] == "M" else DURATION_UNITS[m[2]]
        return f"{m[1]} {unit}{'s' * (m[1] != '1')}"
    return value


# -- main event ----------------------------------------------------------------------------

def main_event_parts(main_event: Any, names: dict[str, str], links: dict[str, str],
                     length: int) -> list[dict[str, Any]]:
    """The stated Ws of the main event in order, each with its words, value and anchor."""
    if not isinstance(main_event, dict):
        return []
    parts = []
    for w in W_NAMES:
        item = main_event.get(w)
        if not isinstance(item, dict) or not item.get("text"):
            continue
        start, end = item.get("start"), item.get("end")
        located = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length
        entity = item.get("entity")
        parts.append({"w": w, "text": " ".join(str(item["text"]).split()),
                      "value": item.get("value"), "start": start, "end": end,
                      "anchor": f"w-{w}" if located else None,
                      "name": names.get(entity) if entity else None,
                      "href": f"/entities/{links[entity]}" if entity in links else None})
    return parts
