"""Read-side queries over the archive; each returns plain dict rows (JSON-ready)."""
from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from ..pipeline.entity.lexicon import PRONOUNS
from ..resolve.names import is_proper, person_tokens, plain, thing_key

# mentions that are not names, though capitalised at a sentence start ("He", "I")
NOT_NAMES = set(PRONOUNS) | {"i", "me", "my", "we", "us", "our", "you", "your"}

Row = dict[str, Any]
FTS_SYNTAX = re.compile(r'"|\*|\b(AND|OR|NOT|NEAR)\b')


def rows(conn: sqlite3.Connection, sql: str, params: tuple | list = ()) -> list[Row]:
    return [dict(r) for r in conn.execute(sql, params)]


def fts_query(text: str) -> str:
    """User text as an FTS5 query: plain words must all occur; FTS syntax passes through."""
    if FTS_SYNTAX.search(text):
        return text
    return " ".join(f'"{w}"' for w in re.findall(r"\w+", text)) or '""'


def fts_match(conn, sql: str, text: str, params: tuple = ()) -> list[Row]:
    try:
        return rows(conn, sql, (fts_query(text), *params))
    except sqlite3.OperationalError:  # malformed FTS syntax: fall back to plain words
        words = " ".join(f'"{w}"' for w in re.findall(r"\w+", text)) or '""'
        return rows(conn, sql, (words, *params))


# -- entities ------------------------------------------------------------------------------

def name_keys(name: str) -> list[str]:
    """Lookup keys of a name, most specific first."""
    keys = [thing_key(name), plain(name), " ".join(person_tokens(name))]
    return list(dict.fromkeys(k for k in keys if k))


def find_entities(conn, name: str, limit: int = 10) -> list[Row]:
    """Archive entities called NAME: exact normalised aliases first (an entity whose own
    name is NAME before one that was only once called so), then partial matches."""
    for key in name_keys(name):
        found = rows(conn, "SELECT ae.* FROM archive_entities ae JOIN archive_aliases al"
                     " ON al.archive_entity_id = ae.id WHERE al.alias = ?", (key,))
        if found:
            found.sort(key=lambda r: (thing_key(r["name"]) != key, -r["n_articles"], r["id"]))
            return found[:limit]
    key = name_keys(name)[0] if name_keys(name) else ""
    if not key:
        return []
    return rows(conn, "SELECT ae.* FROM archive_entities ae WHERE ae.id IN (SELECT archive_entity_id"
                " FROM archive_aliases WHERE alias LIKE ? ESCAPE '\\')"
                " ORDER BY ae.n_articles DESC, ae.id LIMIT ?",
                ("%" + key.replace("%", "\\%").replace("_", "\\_") + "%", limit))


def matching_ids(conn, name: str) -> list[str]:
    """All archive entities NAME may mean: every exact match, else the best partial one."""
    return [r["id"] for r in find_entities(conn, name, limit=50)]


PROFILE_ROWS = 200  # rows per section of an entity profile


def entity_profile(conn, archive_id: str) -> Row:
    """Names, attributes over time, articles, why mentions were joined, quotes, timeline."""
    entity = rows(conn, "SELECT * FROM archive_entities WHERE id = ?", (archive_id,))[0]
    merges = rows(conn, "SELECT e.name, e.type, a.id AS article_id, a.ext_id, a.title, a.published,"
                  " l.reason FROM entity_links l JOIN entities e ON e.id = l.entity_id"
                  " JOIN articles a ON a.id = e.article_id WHERE l.archive_entity_id = ?"
                  " ORDER BY a.published, a.id, e.id LIMIT ?", (archive_id, PROFILE_ROWS))
    articles = {m["article_id"]: {k: m[k] for k in ("article_id", "ext_id", "title", "published")}
                for m in merges}
    return {
        **entity,
        "names": [r for r in rows(conn, "SELECT m.text AS name, COUNT(*) AS mentions FROM entity_links l"
                                  " JOIN mentions m ON m.entity_id = l.entity_id WHERE l.archive_entity_id = ?"
                                  " GROUP BY m.text ORDER BY mentions DESC, m.text LIMIT 100", (archive_id,))
                  if is_proper(r["name"]) and r["name"].lower() not in NOT_NAMES][:25],
        "attributes": attributes_over_time(conn, archive_id),
        "articles": list(articles.values()),
        "merges": merges,
        "quotes_by": quotes_where(conn, [SPEAKER_ANY.format(marks="?")], [archive_id], 50),
        "quotes_about": quotes_where(conn, [ABOUT_ANY.format(marks="?")], [archive_id], 50),
        "timeline": entity_timeline(conn, archive_id, 200, involvement="participant")
        or entity_timeline(conn, archive_id, 200),
    }


def attributes_over_time(conn, archive_id: str) -> list[Row]:
    """Each distinct set of attributes the entity was given, from the first article that did."""
    found = []
    for r in rows(conn, "SELECT e.attributes, MIN(a.published) AS published, MIN(a.id) AS article_id,"
                  " COUNT(*) AS articles FROM entity_links l JOIN entities e ON e.id = l.entity_id"
                  " JOIN articles a ON a.id = e.article_id WHERE l.archive_entity_id = ?"
                  " GROUP BY e.attributes ORDER BY published, article_id LIMIT ?",
                  (archive_id, PROFILE_ROWS * 5)):
        attrs = {k: v for k, v in json.loads(r["attributes"] or "{}").items() if v not in (None, [], "")}
        if attrs:
            found.append({"published": r["published"], "article_id": r["article_id"],
                          "articles": r["articles"], **attrs})
    return found[:PROFILE_ROWS]


# -- timelines -----------------------------------------------------------------------------

EVENT_COLUMNS = ("ev.id AS event_id, ev.text AS event, ev.date, ev.sort_date, ev.precision,"
                 " ev.sentence, ev.start, a.id AS article_id, a.ext_id, a.title, a.published")


def members_called(conn, archive_id: str, name: str) -> list[int] | None:
    """The article entities of an archive entity that go by NAME, when NAME is neither
    the archive entity's own name nor used by most of its members (an article that
    folded "Apple Corps" into "Apple Computer" must not make every Apple event an
    Apple Corps event); None means all members."""
    keys = set(name_keys(name))
    entity = rows(conn, "SELECT name FROM archive_entities WHERE id = ?", (archive_id,))
    if not entity or thing_key(entity[0]["name"]) in keys or " ".join(person_tokens(entity[0]["name"])) in keys:
        return None
    members = rows(conn, "SELECT l.entity_id, m.text FROM entity_links l JOIN mentions m"
                   " ON m.entity_id = l.entity_id WHERE l.archive_entity_id = ?", (archive_id,))
    everyone = {r["entity_id"] for r in members}
    called = {r["entity_id"] for r in members if keys & set(name_keys(r["text"]))}
    return sorted(called) if called and 2 * len(called) < len(everyone) else None


def entity_timeline(conn, archive_id: str, limit: int = 500, involvement: str = "all",
                    members: list[int] | None = None) -> list[Row]:
    """The entity's events in date order: those it takes part in (role agent or patient)
    and, unless involvement="participant", those whose sentence mentions it (role mentioned).
    members: only these article entities of it (see members_called)."""
    only = " AND {t}.role != 'mentioned'" if involvement == "participant" else ""
    if members is None:
        found = rows(conn, "SELECT t.event_id, t.role FROM archive_timeline t WHERE t.archive_entity_id = ?"
                     f"{only.format(t='t')} ORDER BY t.sort_date, t.event_id LIMIT ?", (archive_id, limit))
    else:
        found = rows(conn, "SELECT ee.event_id, REPLACE(MIN(CASE ee.role WHEN 'mentioned' THEN 'z'"
                     " ELSE ee.role END), 'z', 'mentioned') AS role FROM event_entities ee"
                     f" WHERE ee.entity_id IN ({','.join('?' * len(members))}){only.format(t='ee')}"
                     " GROUP BY ee.sort_date, ee.event_id ORDER BY ee.sort_date, ee.event_id LIMIT ?",
                     (*members, limit))
    role_of = {r["event_id"]: r["role"] for r in found}
    return [{**r, "role": role_of[r["event_id"]]} for r in events_by_id(conn, list(role_of))]


def events_by_id(conn, ids: list[int]) -> list[Row]:
    """Event rows (with their article) in timeline order."""
    found: list[Row] = []
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        marks = ",".join("?" * len(chunk))
        found += rows(conn, f"SELECT {EVENT_COLUMNS} FROM events ev JOIN articles a"
                      f" ON a.id = ev.article_id WHERE ev.id IN ({marks})", chunk)
    return mark_vague(sorted(found, key=lambda r: (r["sort_date"], r["event_id"])))


def mark_vague(found: list[Row]) -> list[Row]:
    for r in found:
        r["vague"] = r["precision"] not in ("day", "time")
    return found


def story_timeline(conn, query: str, limit: int = 500, max_articles: int = 200) -> list[Row]:
    """Events of the articles that match QUERY (full-text, best max_articles), in date order."""
    hits = fts_match(conn, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                     " ORDER BY rank LIMIT ?", query, (max_articles,))
    ids = [h["rowid"] for h in hits]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    found = rows(conn, f"SELECT {EVENT_COLUMNS} FROM events ev JOIN articles a ON a.id = ev.article_id"
                 f" WHERE ev.article_id IN ({marks}) ORDER BY ev.sort_date, ev.id LIMIT ?", (*ids, limit))
    return mark_vague(found)


# -- quotes and search ---------------------------------------------------------------------

QUOTE_SQL = ("SELECT q.id AS quote_id, q.kind, q.text, q.cue, COALESCE(sae.name, q.speaker_text)"
             " AS speaker, sl.archive_entity_id AS speaker_id, a.id AS article_id, a.ext_id,"
             " a.title, a.published FROM quotes q JOIN articles a ON a.id = q.article_id"
             " LEFT JOIN entity_links sl ON sl.entity_id = q.speaker_entity_id"
             " LEFT JOIN archive_entities sae ON sae.id = sl.archive_entity_id")
SPEAKER_ANY = ("q.speaker_entity_id IN (SELECT entity_id FROM entity_links"
               " WHERE archive_entity_id IN ({marks}))")
ABOUT_ANY = ("q.id IN (SELECT qa.quote_id FROM quote_about qa JOIN entity_links l"
             " ON l.entity_id = qa.entity_id WHERE l.archive_entity_id IN ({marks}))")


def quotes_where(conn, where: list[str], params: list, limit: int) -> list[Row]:
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    return rows(conn, f"{QUOTE_SQL}{clause} ORDER BY a.published, a.id, q.start LIMIT ?",
                [*params, limit])


def find_quotes(conn, *, speaker: str | None = None, about: str | None = None,
                since: str | None = None, contains: str | None = None, limit: int = 200) -> list[Row]:
    """Quotes filtered by speaker, entity mentioned in them, publication date and words."""
    where, params = [], []
    for name, template in ((speaker, SPEAKER_ANY), (about, ABOUT_ANY)):
        if name:
            ids = matching_ids(conn, name)
            if not ids:
                return []
            where.append(template.format(marks=",".join("?" * len(ids))))
            params += ids
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if contains:
        where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(fts_query(contains))
    return quotes_where(conn, where, params, limit)


def search(conn, text: str, limit: int = 20) -> list[Row]:
    """Full-text search over article titles and text, and over quotes (FTS5, best first)."""
    articles = fts_match(conn, "SELECT 'article' AS kind, a.id AS article_id, a.ext_id, a.title,"
                         " a.published, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
                         " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                         " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", text, (limit,))
    quotes = fts_match(conn, "SELECT 'quote' AS kind, a.id AS article_id, a.ext_id, a.title,"
                       " a.published, q.text AS snippet, q.speaker_text AS speaker"
                       " FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid"
                       " JOIN articles a ON a.id = q.article_id"
                       " WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?", text, (limit,))
    return articles + quotes
