"""The web app's access to the archive: one read-only connection per thread, a
short-lived writer for saved articles, and the paged, filtered queries the pages need."""
from __future__ import annotations

import json
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..schema import Facts
from ..store import Archive
from ..store.queries import (ABOUT_ANY, SPEAKER_ANY, entity_profile, find_entities, fts_query,
                             matching_ids, rows)

Row = dict[str, Any]
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"  # snippet marks no article text contains
RANK_LIMIT = 2000  # matches scored by bm25 at most; more are listed newest first


@dataclass
class SearchFilters:
    q: str = ""
    speaker: str = ""
    entity: str = ""
    since: str | None = None
    until: str | None = None


@dataclass
class Page:
    total: int
    page: int
    per_page: int
    results: list[Row]
    note: str = ""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def as_dict(self) -> Row:
        return {"total": self.total, "page": self.page, "per_page": self.per_page,
                "pages": self.pages, "results": self.results, "note": self.note}


class WebStore:
    """Queries for the web app over the archive at path (which must exist)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        Archive(self.path, readonly=True).close()  # fails early on a missing file; migrates old ones
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._resolve_lock = threading.Lock()

    @property
    def conn(self) -> sqlite3.Connection:
        archive = getattr(self._local, "archive", None)
        if archive is None:
            archive = self._local.archive = Archive(self.path, readonly=True)
        return archive.conn

    # -- articles ------------------------------------------------------------------------

    def record(self, article_id: int) -> Row | None:
        found = self.conn.execute("SELECT facts_json FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if found is None else json.loads(found[0])

    def entity_links(self, article_id: int) -> dict[str, str]:
        """Local entity id (E1) -> archive entity id, for one stored article."""
        return {r["local_id"]: r["archive_entity_id"] for r in rows(
            self.conn, "SELECT e.local_id, l.archive_entity_id FROM entities e JOIN entity_links l"
            " ON l.entity_id = e.id WHERE e.article_id = ?", (article_id,))}

    def articles(self, page: int, per_page: int) -> Page:
        total = self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        found = rows(self.conn, "SELECT id AS article_id, ext_id, title, published, source"
                     " FROM articles ORDER BY published DESC, id DESC LIMIT ? OFFSET ?",
                     (per_page, (page - 1) * per_page))
        return Page(total, page, per_page, found)

    def stats(self) -> dict[str, int]:
        tables = ("articles", "archive_entities", "quotes", "events", "times", "amounts")
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    def top_entities(self, limit: int = 30) -> list[Row]:
        return rows(self.conn, "SELECT id, name, type, n_articles FROM archive_entities"
                    " ORDER BY n_articles DESC, name LIMIT ?", (limit,))

    def article_id_of_text(self, content_hash: str) -> int | None:
        found = self.conn.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return None if found is None else found[0]

    # -- entities ------------------------------------------------------------------------

    def entity(self, archive_id: str) -> Row | None:
        if self.conn.execute("SELECT 1 FROM archive_entities WHERE id = ?", (archive_id,)).fetchone() is None:
            return None
        profile = entity_profile(self.conn, archive_id)
        anchors = self.event_anchors([r["event_id"] for r in profile["timeline"]])
        for event in profile["timeline"]:
            event["anchor"] = anchors.get(event["event_id"])
        return profile

    def event_anchors(self, event_ids: list[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        for chunk in (event_ids[i:i + 500] for i in range(0, len(event_ids), 500)):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"SELECT id, local_id FROM events WHERE id IN ({marks})", chunk):
                found[r[0]] = f"fact-{r[1]}"
        return found

    def find_entities(self, name: str, limit: int = 20) -> list[Row]:
        return find_entities(self.conn, name, limit)

    # -- search --------------------------------------------------------------------------

    def search_articles(self, filters: SearchFilters, page: int, per_page: int) -> Page:
        where, params, note = self._filters(filters, "a")
        if where is None:
            return Page(0, page, per_page, [], note)
        if filters.q.strip():
            sql = ("SELECT {cols} FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                   " WHERE articles_fts MATCH ?" + "".join(f" AND {w}" for w in where))
            cols = ("a.id AS article_id, a.ext_id, a.title, a.published, snippet(articles_fts, 1,"
                    f" '{HIT_OPEN}', '{HIT_CLOSE}', '…', 24) AS snippet")
            return self._fts_page(sql, "articles_fts", bool(where), cols, filters.q, params, page, per_page, note)
        sql = "SELECT {cols} FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
        cols = "a.id AS article_id, a.ext_id, a.title, a.published, substr(a.text, 1, 240) AS snippet"
        return self._page(sql, cols, "a.published DESC, a.id DESC", params, page, per_page, note)

    def search_quotes(self, filters: SearchFilters, page: int, per_page: int) -> Page:
        where, params, note = self._filters(filters, "q")
        if where is None:
            return Page(0, page, per_page, [], note)
        cols = ("q.id AS quote_id, q.local_id, q.kind, q.text AS snippet, q.cue,"
                " COALESCE(sae.name, q.speaker_text) AS speaker, sl.archive_entity_id AS speaker_id,"
                " a.id AS article_id, a.ext_id, a.title, a.published")
        joins = (" JOIN articles a ON a.id = q.article_id LEFT JOIN entity_links sl"
                 " ON sl.entity_id = q.speaker_entity_id LEFT JOIN archive_entities sae"
                 " ON sae.id = sl.archive_entity_id")
        if filters.q.strip():
            sql = ("SELECT {cols} FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid" + joins
                   + " WHERE quotes_fts MATCH ?" + "".join(f" AND {w}" for w in where))
            found = self._fts_page(sql, "quotes_fts", bool(where), cols, filters.q, params, page, per_page, note)
            return _mark_words(found, filters.q)
        sql = "SELECT {cols} FROM quotes q" + joins + (" WHERE " + " AND ".join(where) if where else "")
        return self._page(sql, cols, "a.published DESC, a.id DESC, q.start", params, page, per_page, note)

    def _filters(self, filters: SearchFilters, target: str) -> tuple[list[str] | None, list, str]:
        """SQL conditions for the filters; None (with a note) when a name matches no entity."""
        where: list[str] = []
        params: list[Any] = []
        if filters.since:
            where.append("a.published >= ?")
            params.append(filters.since)
        if filters.until:
            where.append("a.published <= ?")
            params.append(filters.until)
        for name, role in ((filters.speaker, "speaker"), (filters.entity, "entity")):
            if not name.strip():
                continue
            ids = matching_ids(self.conn, name)
            if not ids:
                return None, [], f"No {role} called “{name}” in the archive."
            marks = ",".join("?" * len(ids))
            where.append(_entity_condition(role, target, marks))
            params += ids
        return where, params, ""

    def _page(self, sql, cols, order, params, page, per_page, note, total: int | None = None) -> Page:
        if total is None:
            total = self.conn.execute(sql.format(cols="COUNT(*)"), params).fetchone()[0]
        found = rows(self.conn, sql.format(cols=cols) + f" ORDER BY {order} LIMIT ? OFFSET ?",
                     [*params, per_page, (page - 1) * per_page])
        return Page(total, page, per_page, [_with_hits(r) for r in found], note)

    def _fts_page(self, sql, table, filtered, cols, q, params, page, per_page, note) -> Page:
        """Best matches first (bm25); past RANK_LIMIT matches, the newest stored first,
        which needs no scoring of every match. Unfiltered counts come from the index alone."""
        try:
            match = fts_query(q)
            total = None if filtered else self._fts_count(table, match)
        except sqlite3.OperationalError:  # malformed FTS syntax: search the plain words
            match = " ".join(f'"{w}"' for w in re.findall(r"\w+", q)) or '""'
            total = None if filtered else self._fts_count(table, match)
        order = "rank"
        if (total if total is not None else self._page_count(sql, match, params)) > RANK_LIMIT:
            order = f"{table}.rowid DESC"
            note = note or f"More than {RANK_LIMIT:,} matches: newest stored first."
        return self._page(sql, cols, order, [match, *params], page, per_page, note, total)

    def _fts_count(self, table: str, match: str) -> int:
        return self.conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {table} MATCH ?", (match,)).fetchone()[0]

    def _page_count(self, sql: str, match: str, params: list) -> int:
        return self.conn.execute(sql.format(cols="COUNT(*)"), [match, *params]).fetchone()[0]

    # -- writing -------------------------------------------------------------------------

    def save(self, facts: Facts) -> tuple[int, bool]:
        """Store an extracted article. RETURNS (article id, whether it was new)."""
        with self._write_lock:
            with Archive(self.path) as archive:
                new_id = archive.add(facts)
        if new_id is not None:
            return new_id, True
        from ..article import Article
        existing = self.article_id_of_text(Article(text=facts.article["text"]).content_hash())
        return existing, False

    def resolve(self) -> None:
        """Cross-article resolution after a save (slow on big archives: run it in the background)."""
        with self._resolve_lock:
            with Archive(self.path) as archive:
                archive.resolve(force=False)


def _entity_condition(role: str, target: str, marks: str) -> str:
    if target == "q":
        return SPEAKER_ANY.format(marks=marks) if role == "speaker" else ABOUT_ANY.format(marks=marks)
    if role == "speaker":
        return ("a.id IN (SELECT q.article_id FROM quotes q WHERE "
                + SPEAKER_ANY.format(marks=marks) + ")")
    return ("a.id IN (SELECT e.article_id FROM entities e JOIN entity_links l ON l.entity_id = e.id"
            f" WHERE l.archive_entity_id IN ({marks}))")


def _mark_words(found: Page, query: str) -> Page:
    """Hits in quote texts (FTS5 snippets cover one column only): each query word as a
    word start, as the index matches it (case-insensitively, prefixes included)."""
    words = [w for w in re.findall(r"\w+", query) if w not in ("AND", "OR", "NOT", "NEAR")]
    if not words:
        return found
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\w*", re.IGNORECASE)
    for row in found.results:
        row["hits"] = [[m.start(), m.end()] for m in pattern.finditer(row["snippet"])]
    return found


def _with_hits(row: Row) -> Row:
    """The snippet as plain text plus the [start, end) of each matched word in it."""
    snippet = row.get("snippet") or ""
    hits, plain, start = [], [], None
    for ch in snippet:
        if ch == HIT_OPEN:
            start = len(plain)
        elif ch == HIT_CLOSE and start is not None:
            hits.append([start, len(plain)])
            start = None
        else:
            plain.append(ch)
    row["snippet"] = "".join(plain)
    row["hits"] = hits
    return row
