"""Render query rows as a table, JSON or CSV (the archive commands' --format)."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

Row = dict[str, Any]
CELL_WIDTH = 90


def render(rows: list[Row], columns: list[str], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        return to_csv(rows, columns)
    return to_table(rows, columns)


def cell(value: Any) -> str:
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= CELL_WIDTH else text[:CELL_WIDTH - 1] + "…"


def to_table(rows: list[Row], columns: list[str], title: str | None = None) -> str:
    from rich.console import Console
    from rich.table import Table
    table = Table(*columns, title=title, show_lines=False)
    for row in rows:
        table.add_row(*(cell(row.get(c)) for c in columns))
    out = io.StringIO()
    Console(file=out, width=200, no_color=True).print(table)
    return out.getvalue().rstrip() + f"\n{len(rows)} row(s)"


def to_csv(rows: list[Row], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().rstrip("\n")


def show_entity(profile: Row, others: list[Row], fmt: str) -> str:
    """An entity profile: JSON as is, CSV as its timeline, a table as sections."""
    if fmt == "json":
        return json.dumps({**profile, "other_matches": others}, ensure_ascii=False, indent=2)
    if fmt == "csv":
        return to_csv(profile["timeline"], TIMELINE_COLUMNS)
    names = ", ".join(f"{n['name']} ({n['mentions']})" for n in profile["names"])
    parts = [f"{profile['name']} [{profile['type']}] id {profile['id']}: "
             f"{profile['n_articles']} article(s); names: {names}"]
    if others:
        parts.append("other entities with this name: " + "; ".join(
            f"{o['name']} [{o['type']}] id {o['id']}, {o['n_articles']} article(s)" for o in others))
    sections = [("attributes over time", profile["attributes"],
                 ["published", "articles", "age", "titles", "roles", "affiliations"]),
                ("why these mentions are one entity", profile["merges"], ["published", "name", "type", "reason", "title"]),
                ("quotes by", profile["quotes_by"], ["published", "kind", "text", "title"]),
                ("quotes about", profile["quotes_about"], ["published", "speaker", "text", "title"]),
                ("timeline", profile["timeline"], TIMELINE_COLUMNS)]
    for title, rows, columns in sections:
        parts.append(to_table(rows, columns, title=title) if rows else f"{title}: none")
    return "\n\n".join(parts)


TIMELINE_COLUMNS = ["sort_date", "vague", "date", "precision", "role", "event", "sentence", "title"]
