"""Versioned schema migrations, applied in order and recorded in schema_migrations.

A migration is (version, name, SQL file or callable). Add new ones at the end;
never edit one that has shipped.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from importlib import resources

Step = str | Callable[[sqlite3.Connection], None]


def _sql(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def add_event_entities(conn: sqlite3.Connection) -> None:
    """v2: events get their timeline place (sort_date, precision); event_entities lists
    the entities of each event (agent, patient, or mentioned in its sentence) so that
    an entity's timeline is one indexed lookup."""
    from ..resolve.timeline import date_sort_key
    for statement in _split_sql(_sql("schema_v2.sql")):
        conn.execute(statement)
    places = [(p.sort, p.precision, event_id) for event_id, date, published in conn.execute(
        "SELECT ev.id, ev.date, a.published FROM events ev JOIN articles a ON a.id = ev.article_id")
        for p in [date_sort_key(date, published)]]
    conn.executemany("UPDATE events SET sort_date = ?, precision = ? WHERE id = ?", places)
    conn.execute("INSERT OR IGNORE INTO event_entities SELECT m.entity_id, ev.sort_date, ev.id, 'mentioned'"
                 " FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN events ev"
                 " ON ev.article_id = e.article_id AND m.start >= ev.sentence_start"
                 " AND m.end <= ev.sentence_end")
    conn.execute("INSERT OR IGNORE INTO event_entities SELECT r.entity_id, ev.sort_date, ev.id, r.role"
                 " FROM event_roles r JOIN events ev ON ev.id = r.event_id")


def add_archive_timeline(conn: sqlite3.Connection) -> None:
    """v3: archive_timeline, so that an entity's timeline is one ordered index range."""
    from ..resolve.entities import fill_archive_timeline
    for statement in _split_sql(_sql("schema_v3.sql")):
        conn.execute(statement)
    fill_archive_timeline(conn)


MIGRATIONS: list[tuple[int, str, Step]] = [
    (1, "initial schema: articles, facts, resolution, FTS5", "schema_v1.sql"),
    (2, "events placed on the timeline; event_entities for fast entity timelines", add_event_entities),
    (3, "archive_timeline: each archive entity's events in date order", add_archive_timeline),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                 "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection, migrations: list[tuple[int, str, Step]] | None = None) -> list[int]:
    """Apply every migration newer than the database; RETURNS the versions applied.

    Each migration runs in its own transaction together with its record, so a
    crash leaves the database at the previous version.
    """
    applied = []
    for version, name, step in MIGRATIONS if migrations is None else migrations:
        if version <= current_version(conn):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version <= current_version(conn):  # another process got there first
                conn.execute("ROLLBACK")
                continue
            _run(conn, step)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                         (version, name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def _run(conn: sqlite3.Connection, step: Step) -> None:
    if callable(step):
        step(conn)
        return
    # executescript would COMMIT our transaction; run statement by statement instead
    for statement in _split_sql(_sql(step)):
        conn.execute(statement)


def _split_sql(script: str) -> list[str]:
    statements, buffer = [], ""
    for line in script.splitlines():
        line = line.split("--", 1)[0] if not line.strip().startswith("'") else line
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    return statements
