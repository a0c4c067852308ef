"""Timelines: order events by their normalised (TIMEX3) dates; place vague dates and say so.

A full date (2024-01-26, 2024-01-25T15:00) is exact. A month, week, quarter,
season, year or decade (2023-05, 2024-W04, 2024-Q1, 199X) is placed at its
start and marked vague with its precision. An event with no usable date is
placed at its article's publication date and marked as such.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T[\d:]+)?$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})")
PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|AU|WI)")
YEAR = re.compile(r"^(\d{4})$")
DECADE = re.compile(r"^(\d{3})X$")
CENTURY = re.compile(r"^(\d{2})XX$")
PART_START = {"Q1": "01", "Q2": "04", "Q3": "07", "Q4": "10", "H1": "01", "H2": "07",
              "WI": "01", "SP": "03", "SU": "06", "FA": "09", "AU": "09"}


@dataclass(frozen=True)
class Placed:
    sort: str          # YYYY-MM-DD[Thh:mm]: where the event goes on the line
    vague: bool
    precision: str     # day, time, week, month, quarter, year, decade, century, published, unknown


def date_sort_key(value: str | None, published: str | None = None) -> Placed:
    """Where an event with this date value goes on a timeline."""
    value = (value or "").strip()
    if m := FULL.match(value):
        return Placed(value, False, "time" if m.group(4) else "day")
    if m := MONTH.match(value):
        return Placed(f"{value}-01", True, "month")
    if m := WEEK.match(value):
        monday = date.fromisocalendar(int(m.group(1)), max(1, min(int(m.group(2)), 52)), 1)
        return Placed(monday.isoformat(), True, "week")
    if m := PART.match(value):
        return Placed(f"{m.group(1)}-{PART_START[m.group(2)]}-01", True, "quarter")
    if m := YEAR.match(value):
        return Placed(f"{value}-01-01", True, "year")
    if m := DECADE.match(value):
        return Placed(f"{m.group(1)}0-01-01", True, "decade")
    if m := CENTURY.match(value):
        return Placed(f"{m.group(1)}00-01-01", True, "century")
    if published:
        return Placed(published, True, "published")
    return Placed("9999-12-31", True, "unknown")


def shift_days(day: str, days: int) -> str:
    return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()


def order_events(rows: list[dict]) -> list[dict]:
    """Sort event rows (with date, published, article_id, start) into timeline order,
    adding sort_date, vague and precision to each."""
    for row in rows:
        placed = date_sort_key(row.get("date"), row.get("published"))
        row.update(sort_date=placed.sort, vague=placed.vague, precision=placed.precision)
    return sorted(rows, key=lambda r: (r["sort_date"], r.get("published") or "",
                                       r.get("article_id") or 0, r.get("start") or 0))


def main_event_label(facts: dict | None) -> str:
    """A short label for an article on a story timeline, from its stored main event:
    "Donald Trump walked out of the courtroom (2024-01-26)"; "" when there is none."""
    main_event = (facts or {}).get("main_event") or {}
    names = {e["id"]: e["name"] for e in (facts or {}).get("entities", [])}
    who, what, when = main_event.get("who"), main_event.get("what"), main_event.get("when")
    subject = (names.get(who.get("entity")) or who["text"]) if who else ""
    label = " ".join(" ".join(part.split()) for part in (subject, what["text"] if what else "") if part)
    date = when.get("value") if when else None
    return f"{label} ({date})" if label and date else label


def label_story_rows(rows: list[dict], facts_of) -> list[dict]:
    """Add each row's article label (main_event) to story timeline rows; facts_of(article_id)
    gives the article's stored newsfacts/1 record, read once per article."""
    labels: dict = {}
    for row in rows:
        article_id = row.get("article_id")
        if article_id not in labels:
            labels[article_id] = main_event_label(facts_of(article_id))
        row["main_event"] = labels[article_id]
    return rows
