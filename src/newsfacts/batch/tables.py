"""newsfacts/1 records <-> flat rows, one table per fact kind.

Every row carries article_id. Known fields become typed columns (nested dicts
flattened with an underscore: cue.start -> cue_start); any field a later
schema adds goes to the `extra` JSON column, and a record that the typed
columns cannot give back exactly is kept whole in `extra`, so reading the
tables back (`to_record`) always returns the record that was written.
"""
from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

Path = tuple[str, ...]
STR, INT, FLOAT, STRS = pa.string(), pa.int64(), pa.float64(), pa.list_(pa.string())
WHOLE = "_record"  # key in extra holding a record the columns cannot carry

# table -> [(column, path in the record, type)]; article_id and extra are added to each
COLUMNS: dict[str, list[tuple[str, Path, pa.DataType]]] = {
    "articles": [("title", ("title",), STR), ("published", ("published",), STR),
                 ("source", ("source",), STR), ("url", ("url",), STR),
                 ("language", ("language",), STR), ("text", ("text",), STR),
                 ("content_hash", ("content_hash",), STR),
                 ("main_event", ("main_event",), STR)],
    "entities": [("entity_id", ("id",), STR), ("name", ("name",), STR), ("type", ("type",), STR),
                 ("age", ("attributes", "age"), INT),
                 ("titles", ("attributes", "titles"), STRS),
                 ("roles", ("attributes", "roles"), STRS),
                 ("affiliations", ("attributes", "affiliations"), STRS),
                 ("descriptions", ("attributes", "descriptions"), STRS),
                 ("mention_count", ("mention_count",), INT)],
    "mentions": [("entity_id", ("entity_id",), STR), ("mention_index", ("index",), INT),
                 ("start", ("start",), INT), ("end", ("end",), INT), ("text", ("text",), STR)],
    "quotes": [("quote_id", ("id",), STR), ("kind", ("kind",), STR), ("start", ("start",), INT),
               ("end", ("end",), INT), ("text", ("text",), STR),
               ("cue_start", ("cue", "start"), INT), ("cue_end", ("cue", "end"), INT),
               ("cue_text", ("cue", "text"), STR),
               ("speaker_entity", ("speaker", "entity"), STR),
               ("speaker_start", ("speaker", "start"), INT),
               ("speaker_end", ("speaker", "end"), INT),
               ("speaker_text", ("speaker", "text"), STR),
               ("speaker_name", ("speaker_name",), STR), ("parts", ("parts",), STR)],
    "times": [("time_id", ("id",), STR), ("start", ("start",), INT), ("end", ("end",), INT),
              ("text", ("text",), STR), ("type", ("type",), STR), ("value", ("value",), STR),
              ("mod", ("mod",), STR)],
    "amounts": [("amount_id", ("id",), STR), ("start", ("start",), INT), ("end", ("end",), INT),
                ("text", ("text",), STR), ("value", ("value",), FLOAT), ("unit", ("unit",), STR),
                ("mod", ("mod",), STR)],
    "events": [("event_id", ("id",), STR), ("start", ("start",), INT), ("end", ("end",), INT),
               ("text", ("text",), STR), ("agents", ("agents",), STRS),
               ("patients", ("patients",), STRS), ("time_id", ("time",), STR),
               ("date", ("date",), STR), ("sentence_start", ("sentence", "start"), INT),
               ("sentence_end", ("sentence", "end"), INT),
               ("sentence_text", ("sentence", "text"), STR)],
    "errors": [("input", ("input",), STR), ("stage", ("stage",), STR),
               ("reason", ("reason",), STR)],
}
FACT_TABLES = ("entities", "quotes", "times", "amounts", "events")
TABLES = tuple(COLUMNS)
# fields stored as JSON text in a string column (nested or variable shape)
JSON_FIELDS = {("articles", "main_event"), ("quotes", "parts")}
# fields derived for convenience when writing and dropped when reading back
DERIVED = {("entities", "mention_count"), ("quotes", "speaker_name"), ("articles", "content_hash")}


def schema(table: str) -> pa.Schema:
    """The Arrow schema of one table."""
    fields = [pa.field("article_id", STR)]
    fields += [pa.field(name, kind) for name, _, kind in COLUMNS[table]]
    return pa.schema(fields + [pa.field("extra", STR)])


def facts_to_rows(record: dict[str, Any], content_hash: str | None = None) -> dict[str, list[dict]]:
    """The rows of every table for one newsfacts/1 record (a Facts.to_dict())."""
    article = record["article"]
    article_id = article.get("id")
    names = {e["id"]: e["name"] for e in record.get("entities", [])}
    rows: dict[str, list[dict]] = {table: [] for table in TABLES}
    head = {**{k: v for k, v in article.items() if k != "id"}, "main_event": record.get("main_event"), "content_hash": content_hash,
            **{k: v for k, v in record.items()
               if k not in ("schema", "article", "main_event", *FACT_TABLES)}}
    rows["articles"].append(to_row("articles", head, article_id))
    for entity in record.get("entities", []):
        mentions = entity.get("mentions", [])
        item = {k: v for k, v in entity.items() if k != "mentions"}
        rows["entities"].append(to_row("entities", {**item, "mention_count": len(mentions)},
                                       article_id))
        rows["mentions"] += [to_row("mentions", {**m, "entity_id": entity["id"], "index": i},
                                    article_id) for i, m in enumerate(mentions)]
    for quote in record.get("quotes", []):
        speaker = (quote.get("speaker") or {}).get("entity")
        rows["quotes"].append(to_row("quotes", {**quote, "speaker_name": names.get(speaker)},
                                     article_id))
    for table in ("times", "amounts", "events"):
        rows[table] += [to_row(table, item, article_id) for item in record.get(table, [])]
    return rows


def error_row(article_id: str | None, name: str, stage: str, reason: str) -> dict[str, Any]:
    return {"article_id": article_id, "input": name, "stage": stage, "reason": reason,
            "extra": None}


def to_row(table: str, item: dict[str, Any], article_id: str | None) -> dict[str, Any]:
    """One flat row; falls back to keeping the item whole in extra when the
    columns would not give it back exactly."""
    row = {"article_id": article_id}
    for name, path, kind in COLUMNS[table]:
        value = _get(item, path)
        row[name] = json.dumps(value, ensure_ascii=False) if (table, name) in JSON_FIELDS else value
    leftover = _leftover(table, item)
    row["extra"] = json.dumps(leftover, ensure_ascii=False) if leftover else None
    if not _fits(table, row) or from_row(table, row) != _without_derived(table, item):
        row["extra"] = json.dumps({WHOLE: item}, ensure_ascii=False)
        for name, _, kind in COLUMNS[table]:
            if not _is_type(row[name], kind):
                row[name] = None
    return row


def from_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """The record a row was made from (derived columns left out)."""
    extra = json.loads(row["extra"]) if row.get("extra") else {}
    if WHOLE in extra:
        return _without_derived(table, extra[WHOLE])
    item: dict[str, Any] = {}
    for name, path, kind in COLUMNS[table]:
        if (table, name) in DERIVED:
            continue
        value = row.get(name)
        if (table, name) in JSON_FIELDS:
            value = json.loads(value) if value is not None else None
        elif kind == FLOAT and isinstance(value, float) and value.is_integer():
            value = int(value)
        _put(item, path, value)
    for key in _nested_keys(table):
        if isinstance(item.get(key), dict) and all(v is None for v in item[key].values()):
            item[key] = None
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(item.get(key), dict):
            item[key].update(value)
        else:
            item[key] = value
    return item


def _leftover(table: str, item: dict[str, Any]) -> dict[str, Any]:
    """The fields of item (and of its nested dicts) that no column holds."""
    covered: dict[str, set[str]] = {}
    for _, path, _ in COLUMNS[table]:
        covered.setdefault(path[0], set()).update(path[1:2])
    leftover = {}
    for key, value in item.items():
        if key not in covered:
            leftover[key] = value
        elif covered[key] and isinstance(value, dict):
            rest = {k: v for k, v in value.items() if k not in covered[key]}
            if rest:
                leftover[key] = rest
    return leftover


def _get(item: dict[str, Any], path: Path) -> Any:
    value: Any = item
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _put(item: dict[str, Any], path: Path, value: Any) -> None:
    for key in path[:-1]:
        item = item.setdefault(key, {})
    item[path[-1]] = value


def _nested_keys(table: str) -> set[str]:
    return {path[0] for _, path, _ in COLUMNS[table] if len(path) > 1}


def _without_derived(table: str, item: dict[str, Any]) -> dict[str, Any]:
    derived = {path[0] for name, path, _ in COLUMNS[table] if (table, name) in DERIVED}
    return {k: v for k, v in item.items() if k not in derived}


def _fits(table: str, row: dict[str, Any]) -> bool:
    return all(_is_type(row[name], kind) for name, _, kind in COLUMNS[table])


def _is_type(value: Any, kind: pa.DataType) -> bool:
    if value is None:
        return True
    if kind == STR:
        return isinstance(value, str)
    if kind == INT:
        return type(value) is int and -2**63 <= value < 2**63
    if kind == FLOAT:
        return type(value) in (int, float) and (type(value) is float or abs(value) < 2**53)
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
