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


MIGRATIONS: list[tuple[int, str, Step]] = [
    (1, "initial schema: articles, facts, resolution, FTS5", "schema_v1.sql"),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                 "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration newer than the database; RETURNS the versions applied.

    Each migration runs in its own transaction together with its record, so a
    crash leaves the database at the previous version.
    """
    applied = []
    for version, name, step in MIGRATIONS:
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
