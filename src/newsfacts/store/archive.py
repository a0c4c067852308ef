"""The archive: articles and their facts in SQLite, one transaction per article.

    archive = Archive("news.db")
    report = archive.ingest(read_inputs(["folder/"]))
    archive.quotes(speaker="Trump")

WAL mode lets readers query while one writer ingests; foreign keys are on;
the content hash of the text makes re-ingesting an article a no-op, so a run
that was killed can simply be run again.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..schema import Facts
from .migrations import SCHEMA_VERSION, migrate

Row = dict[str, Any]


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "skipped": self.skipped, "failed": len(self.failed),
                "failures": [{"input": name, "reason": reason} for name, reason in self.failed]}


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (we issue BEGIN ourselves), WAL, foreign keys on."""
    if readonly:
        conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints, never corrupt
    return conn


def needs_migration(path: str | Path) -> bool:
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return (row[0] or 0) < SCHEMA_VERSION
    except sqlite3.OperationalError:  # no schema_migrations table: not migrated at all
        return True
    finally:
        conn.close()


class Archive:
    """An archive of articles and their facts in one SQLite file.

    path (str | Path): the database file (created when missing) or ":memory:".
    readonly (bool): open an existing archive for queries only.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = str(path)
        if readonly and not Path(path).exists():
            raise FileNotFoundError(f"{path}: no such archive")
        if readonly and needs_migration(path):  # upgrade once, then read as asked
            upgrade = connect(path)
            migrate(upgrade)
            upgrade.close()
        self.conn = connect(path, readonly=readonly)
        if not readonly:
            migrate(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def has_text(self, content_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE content_hash = ?",
                                 (content_hash,)).fetchone() is not None

    def add(self, facts: Facts) -> int | None:
        """Store one article and all its facts in one transaction.

        RETURNS (int | None): the new article's row id, or None when an article
        with the same text is already stored (nothing changes then).
        """
        from .writer import write_facts
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            article_id = write_facts(conn, facts, now_iso())
            if article_id is not None:
                conn.execute("INSERT OR REPLACE INTO archive_state VALUES ('resolved', '0')")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return article_id

    def record_failure(self, name: str, reason: str) -> None:
        self.conn.execute("INSERT INTO ingest_failures (input, reason, at) VALUES (?, ?, ?)",
                          (name, reason, now_iso()))

    def ingest(self, items: Iterable[Any], *, nlp=None, batch_size: int = 16,
               on_progress: Callable[[IngestReport], None] | None = None,
               resolve: bool = True) -> IngestReport:
        """Extract and store articles; skip those already stored; report failures.

        items: Articles, or failure records (input, reason) as the readers yield them.
        on_progress: called with the running report after each article.
        RETURNS (IngestReport): counts of added and skipped articles and each failure.
        """
        from .ingest import extract_new
        report = IngestReport()
        for outcome in extract_new(self, items, nlp=nlp, batch_size=batch_size):
            if isinstance(outcome, Facts):
                if self.add(outcome) is None:
                    report.skipped += 1
                else:
                    report.added += 1
            elif outcome[0] == "skipped":
                report.skipped += 1
            else:
                name, reason = outcome[1], outcome[2]
                report.failed.append((name, reason))
                self.record_failure(name, reason)
            if on_progress:
                on_progress(report)
        if resolve:
            self.resolve(force=False)
        return report

    def ingest_parquet(self, directory: str, *, resolve: bool = True) -> IngestReport:
        """Store the facts of a `newsfacts batch` output folder without extracting again.

        Articles already stored (same text) are skipped; the batch's errors table is
        recorded as failures. Needs the `batch` extra (pyarrow).
        RETURNS (IngestReport): what was added, skipped and failed.
        """
        from ..batch import read_errors, read_facts, to_facts
        report = IngestReport()
        for record in read_facts(directory):
            if self.add(to_facts(record)) is None:
                report.skipped += 1
            else:
                report.added += 1
        for error in read_errors(directory):
            name = error.get("input") or error.get("article_id") or directory
            report.failed.append((name, error.get("reason", "")))
            self.record_failure(name, error.get("reason", ""))
        if resolve:
            self.resolve(force=False)
        return report

    def resolve(self, *, force: bool = True) -> int:
        """Re-run cross-article entity resolution; RETURNS the number of archive entities."""
        from ..resolve.entities import resolve_archive
        state = self.conn.execute("SELECT value FROM archive_state WHERE key = 'resolved'").fetchone()
        if not force and state is not None and state[0] == "1":
            return self.count("archive_entities")
        return resolve_archive(self.conn)

    # -- reading -------------------------------------------------------------------------

    def count(self, table: str) -> int:
        if table not in {"articles", "entities", "quotes", "events", "times", "amounts",
                         "archive_entities", "ingest_failures", "mentions"}:
            raise ValueError(f"unknown table {table!r}")
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def stats(self) -> dict[str, int]:
        return {t: self.count(t) for t in ("articles", "entities", "archive_entities",
                                           "quotes", "events", "times", "amounts")}

    def facts(self, article_id: int) -> dict[str, Any] | None:
        """The stored newsfacts/1 record of one article, as a dict."""
        row = self.conn.execute("SELECT facts_json FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
        return None if row is None else json.loads(row[0])

    def find_entities(self, name: str, limit: int = 10) -> list[Row]:
        from .queries import find_entities
        return find_entities(self.conn, name, limit)

    def entity(self, name: str) -> Row | None:
        """Everything about the archive entity that best matches NAME (see queries.entity_profile)."""
        from .queries import entity_profile
        found = self.find_entities(name, limit=1)
        return entity_profile(self.conn, found[0]["id"]) if found else None

    def timeline(self, name: str | None = None, *, story: str | None = None,
                 limit: int = 500, involvement: str = "all") -> list[Row]:
        """Events in date order: of the entity called NAME, or of the articles matching STORY.

        involvement: "all" (events it takes part in or whose sentence mentions it)
        or "participant" (agent or patient only).
        """
        from .queries import entity_timeline, members_called, story_timeline
        if story:
            return story_timeline(self.conn, story, limit)
        found = self.find_entities(name or "", limit=1)
        if not found:
            return []
        members = members_called(self.conn, found[0]["id"], name or "")
        return entity_timeline(self.conn, found[0]["id"], limit, involvement, members)

    def quotes(self, *, speaker: str | None = None, about: str | None = None,
               since: str | None = None, contains: str | None = None,
               limit: int = 200) -> list[Row]:
        from .queries import find_quotes
        return find_quotes(self.conn, speaker=speaker, about=about, since=since,
                           contains=contains, limit=limit)

    def search(self, text: str, limit: int = 20) -> list[Row]:
        from .queries import search
        return search(self.conn, text, limit)
