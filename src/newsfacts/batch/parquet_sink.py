"""Write batch results as a Parquet dataset (one folder per table) and read it back.

Rows are buffered and written as one part file per table every
`articles_per_file` articles, so a table has a few large files. A part is
committed when its articles file exists: the other tables' files of a part are
renamed into place first, and leftovers of a part whose articles file never
appeared (a run killed mid-write) are removed when the folder is opened again,
so a resumed run never duplicates rows.
"""
from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import TABLES, from_row, schema

ARTICLES_PER_FILE = 10_000
COMMIT_TABLE = "articles"


class ParquetSink:
    """Buffered writer of the batch tables under out/<table>/part-*.parquet."""

    def __init__(self, out: str | Path, *, articles_per_file: int = ARTICLES_PER_FILE):
        self.out = Path(out)
        self.articles_per_file = articles_per_file
        # unique per sink: a rerun must never overwrite an earlier run's parts
        self.run_id = f"{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
        self.parts_written = 0
        self.buffer: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        for table in TABLES:
            (self.out / table).mkdir(parents=True, exist_ok=True)
        remove_uncommitted(self.out)

    def add(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        for table, table_rows in rows.items():
            self.buffer[table].extend(table_rows)
        if len(self.buffer[COMMIT_TABLE]) >= self.articles_per_file:
            self.flush()

    def flush(self) -> None:
        if not any(self.buffer.values()):
            return
        name = f"part-{self.run_id}-{self.parts_written:05d}.parquet"
        for table in (*[t for t in TABLES if t != COMMIT_TABLE], COMMIT_TABLE):
            _write_atomic(self.out / table / name, self.buffer[table], schema(table))
            self.buffer[table] = []
        self.parts_written += 1

    def close(self) -> None:
        self.flush()


def _write_atomic(path: Path, rows: list[dict[str, Any]], table_schema: pa.Schema) -> None:
    temporary = path.with_suffix(".tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=table_schema), temporary,
                   compression="zstd")
    os.replace(temporary, path)


def part_names(out: Path, table: str = COMMIT_TABLE) -> list[str]:
    folder = out / table
    return sorted(p.name for p in folder.glob("part-*.parquet")) if folder.is_dir() else []


def remove_uncommitted(out: Path) -> None:
    """Delete temporary files and the files of parts whose articles file is missing."""
    committed = set(part_names(out))
    for table in TABLES:
        folder = out / table
        for path in list(folder.glob("*.tmp")) + list(folder.glob("part-*.parquet")):
            if path.suffix == ".tmp" or path.name not in committed:
                path.unlink()


def read_column(out: str | Path, table: str, columns: list[str]) -> list[tuple]:
    """Values of some columns of a table over all committed parts."""
    out = Path(out)
    values: list[tuple] = []
    for name in part_names(out):
        path = out / table / name
        if path.exists():
            data = pq.read_table(path, columns=columns).to_pydict()
            values += list(zip(*(data[c] for c in columns)))
    return values


def read_facts(out: str | Path) -> Iterator[dict[str, Any]]:
    """The newsfacts/1 records of a batch output folder, one per extracted article.

    out: the --out folder of `newsfacts batch`. Each record equals the
    Facts.to_dict() that was written (read part by part, so memory stays bounded).
    """
    out = Path(out)
    for name in part_names(out):
        tables = {t: _rows_by_article(out / t / name) for t in TABLES if t != "errors"}
        for article_id, rows in tables[COMMIT_TABLE].items():
            yield _assemble(article_id, rows[0], {t: tables[t].get(article_id, []) for t in tables})


def read_errors(out: str | Path) -> list[dict[str, Any]]:
    """The errors table: article_id, input, stage and reason of each failure."""
    columns = ["article_id", "input", "stage", "reason"]
    return [dict(zip(columns, values)) for values in read_column(out, "errors", columns)]


def _rows_by_article(path: Path) -> dict[str | None, list[dict[str, Any]]]:
    grouped: dict[str | None, list[dict[str, Any]]] = {}
    if path.exists():
        for row in pq.read_table(path).to_pylist():
            grouped.setdefault(row["article_id"], []).append(row)
    return grouped


def _assemble(article_id: str | None, head: dict[str, Any],
              tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    article = from_row("articles", head)
    main_event = article.pop("main_event", None)
    extra = {k: article.pop(k) for k in list(article) if k not in _ARTICLE_KEYS}
    article = {"id": article_id, **article}
    article = {**{k: article.get(k) for k in _ARTICLE_KEYS if k in article}, "text": article["text"]}
    mentions: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(tables["mentions"], key=lambda r: r["mention_index"]):
        mention = from_row("mentions", row)
        mentions.setdefault(mention.pop("entity_id"), []).append(
            {k: v for k, v in mention.items() if k != "index"})
    entities = []
    for row in tables["entities"]:
        entity = from_row("entities", row)
        entities.append({"id": entity["id"], "name": entity["name"], "type": entity["type"],
                         "mentions": mentions.get(entity["id"], []),
                         **{k: v for k, v in entity.items() if k not in ("id", "name", "type")}})
    record = {"schema": "newsfacts/1", "article": article, "entities": entities}
    for table in ("quotes", "times", "amounts", "events"):
        record[table] = [from_row(table, row) for row in tables[table]]
    record["main_event"] = main_event
    record.update(extra)
    return record


_ARTICLE_KEYS = ("id", "title", "published", "source", "url", "language", "text")
