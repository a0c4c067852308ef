"""An entity's timeline as chart geometry for an inline SVG (drawn by a template).

Each event becomes a point at its date or, when its date is vague (a month, a
year, the 1990s), a bar over the whole period. Items are stacked in lanes so
that none hides another; events without a usable date are left to the table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

WIDTH, LEFT, RIGHT, LANE, TOP, AXIS = 960, 20, 20, 16, 10, 34
MAX_LANES = 30
POINT_R = 5


@dataclass
class Item:
    x1: float
    x2: float
    y: float
    is_range: bool
    href: str
    label: str
    kind: str  # exact | range | published


@dataclass
class Chart:
    width: int
    height: int
    items: list[Item]
    ticks: list[tuple[float, str]]
    axis_y: float
    left_out: int


def period(value: str | None, precision: str, published: str | None) -> tuple[date, date] | None:
    """The days [first, last] a date value covers; None when it says nothing usable."""
    value = (value or "").strip()
    try:
        if precision in ("day", "time"):
            day = date.fromisoformat(value[:10])
            return day, day
        if precision == "published":
            day = date.fromisoformat((published or "")[:10])
            return day, day
        return _vague_period(value)
    except ValueError:
        return None


def _vague_period(value: str) -> tuple[date, date] | None:
    if m := re.match(r"^(\d{4})-(\d{2})$", value):
        first = date(int(m[1]), int(m[2]), 1)
        return first, _add_months(first, 1) - timedelta(days=1)
    if m := re.match(r"^(\d{4})-W(\d{2})", value):
        monday = date.fromisocalendar(int(m[1]), max(1, min(int(m[2]), 52)), 1)
        return monday, monday + timedelta(days=6)
    if m := re.match(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|AU|WI)", value):
        start_month, months = {"Q1": (1, 3), "Q2": (4, 3), "Q3": (7, 3), "Q4": (10, 3), "H1": (1, 6),
                               "H2": (7, 6), "WI": (1, 3), "SP": (3, 3), "SU": (6, 3), "FA": (9, 3),
                               "AU": (9, 3)}[m[2]]
        first = date(int(m[1]), start_month, 1)
        return first, _add_months(first, months) - timedelta(days=1)
    for pattern, years in ((r"^(\d{4})$", 1), (r"^(\d{3})X$", 10), (r"^(\d{2})XX$", 100)):
        if m := re.match(pattern, value):
            first_year = int(m[1]) * (years if years > 1 else 1)
            return date(max(first_year, 1), 1, 1), date(min(first_year + years - 1, 9999), 12, 31)
    return None


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


def layout(events: list[dict[str, Any]]) -> Chart | None:
    """Chart geometry for timeline rows (sort_date, date, precision, published, article_id,
    anchor, event, sentence); None when no event has a usable date."""
    placed = _one_per_sentence(events)
    if not placed:
        return None
    low = min(s[0] for s, _ in placed)
    high = max(s[1] for s, _ in placed)
    pad = max((high - low).days * 0.03, 15)
    low, high = low - timedelta(days=pad), high + timedelta(days=pad)
    scale = (WIDTH - LEFT - RIGHT) / max((high - low).days, 1)

    def x_of(day: date) -> float:
        return round(LEFT + (day - low).days * scale, 1)

    items, lane_ends, left_out = [], [], 0
    for (first, last), event in sorted(placed, key=lambda p: (p[0][0], p[0][1])):
        x1, x2 = x_of(first), x_of(last + timedelta(days=1))
        is_range = first != last
        if not is_range:
            x1 = x2 = x_of(first)
        lane = _free_lane(lane_ends, x1 - (0 if is_range else POINT_R), x2 + (0 if is_range else POINT_R))
        if lane is None:
            left_out += 1
            continue
        kind = "range" if is_range else ("published" if event.get("precision") == "published" else "exact")
        items.append(Item(x1, max(x2, x1 + 2) if is_range else x1, TOP + lane * LANE + LANE / 2,
                          is_range, _href(event), _label(event, first, last), kind))
    axis_y = TOP + max(len(lane_ends), 1) * LANE + 6
    return Chart(WIDTH, int(axis_y + AXIS), items, _ticks(low, high, x_of), axis_y, left_out)


def _one_per_sentence(events: list[dict[str, Any]]) -> list[tuple[tuple[date, date], dict[str, Any]]]:
    """One item per (period, sentence): the events of a sentence on one date share a mark,
    and so do an article's undated events."""
    grouped: dict[tuple, dict[str, Any]] = {}
    for event in events:
        span = period(event.get("date"), event.get("precision") or "", event.get("published"))
        if span is None:
            continue
        undated = event.get("precision") == "published"  # all at the article's date: one mark
        key = (span, event.get("article_id"), None if undated else event.get("sentence"))
        if key in grouped:
            grouped[key]["event"] += f", {event.get('event')}"
        else:
            grouped[key] = dict(event)
    return [(key[0], event) for key, event in grouped.items()]


def _free_lane(lane_ends: list[float], start: float, end: float) -> int | None:
    for lane, last_end in enumerate(lane_ends):
        if last_end + 2 <= start:
            lane_ends[lane] = end
            return lane
    if len(lane_ends) < MAX_LANES:
        lane_ends.append(end)
        return len(lane_ends) - 1
    return None


def _href(event: dict[str, Any]) -> str:
    anchor = f"#{event['anchor']}" if event.get("anchor") else ""
    return f"/articles/{event['article_id']}{anchor}"


def _label(event: dict[str, Any], first: date, last: date) -> str:
    when = event.get("date") or f"undated, published {event.get('published')}"
    span = f" ({first.isoformat()} to {last.isoformat()})" if first != last else ""
    sentence = " ".join((event.get("sentence") or "").split())
    return f"{when}{span}: {event.get('event')} · {sentence} · {event.get('title') or ''}"


def _ticks(low: date, high: date, x_of) -> list[tuple[float, str]]:
    days = (high - low).days
    if days > 3 * 365:
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if (days / 365) / s <= 10)
        years = range((low.year // step + 1) * step, high.year + 1, step)
        return [(x_of(date(y, 1, 1)), str(y)) for y in years if low <= date(y, 1, 1) <= high]
    if days > 60:
        step = next(s for s in (1, 2, 3, 6, 12) if (days / 30) / s <= 10)
        ticks, month = [], _add_months(date(low.year, low.month, 1), 1)
        while month <= high:
            if (month.month - 1) % step == 0:
                ticks.append((x_of(month), f"{month:%b} {month.year}"))
            month = _add_months(month, 1)
        return ticks
    step = max(1, days // 8)
    return [(x_of(low + timedelta(days=d)), (low + timedelta(days=d)).isoformat())
            for d in range(step, days, step)]
