"""Write one Facts record into the archive tables (the caller holds the transaction)."""
from __future__ import annotations

import hashlib
import json
import sqlite3

from ..schema import Facts


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_facts(conn: sqlite3.Connection, facts: Facts, ingested_at: str) -> int | None:
    """Insert the article and its facts; RETURNS its row id, or None if its text is stored."""
    meta = facts.article
    digest = content_hash(meta["text"])
    if conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone():
        return None
    cur = conn.execute(
        "INSERT INTO articles (content_hash, ext_id, title, published, source, url, language,"
        " text, facts_json, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (digest, meta.get("id"), meta.get("title"), meta.get("published"), meta.get("source"),
         meta.get("url"), meta.get("language") or "en", meta["text"], facts.to_json(), ingested_at))
    article_id = cur.lastrowid
    conn.execute("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                 (article_id, meta.get("title") or "", meta["text"]))
    entity_ids = _write_entities(conn, article_id, facts)
    _write_quotes(conn, article_id, facts, entity_ids)
    time_ids = _write_times(conn, article_id, facts)
    _write_amounts(conn, article_id, facts)
    _write_events(conn, article_id, facts, entity_ids, time_ids)
    return article_id


def _write_entities(conn, article_id: int, facts: Facts) -> dict[str, int]:
    ids = {}
    for entity in facts.entities:
        cur = conn.execute(
            "INSERT INTO entities (article_id, local_id, name, type, attributes) VALUES (?, ?, ?, ?, ?)",
            (article_id, entity.id, entity.name, entity.type,
             json.dumps(entity.attributes or {}, ensure_ascii=False)))
        ids[entity.id] = cur.lastrowid
        conn.executemany("INSERT INTO mentions (entity_id, start, end, text) VALUES (?, ?, ?, ?)",
                         [(cur.lastrowid, m.start, m.end, m.text) for m in entity.mentions])
    return ids


def _write_quotes(conn, article_id: int, facts: Facts, entity_ids: dict[str, int]) -> None:
    mentions = [(m.start, m.end, entity_ids[e.id]) for e in facts.entities for m in e.mentions]
    for quote in facts.quotes:
        speaker = quote.speaker
        speaker_id = entity_ids.get(speaker.entity) if speaker and speaker.entity else None
        speaker_text = _speaker_text(facts, speaker)
        cur = conn.execute(
            "INSERT INTO quotes (article_id, local_id, kind, start, end, text, cue,"
            " speaker_entity_id, speaker_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, quote.id, quote.kind, quote.start, quote.end, quote.text,
             quote.cue.text if quote.cue else None, speaker_id, speaker_text))
        conn.execute("INSERT INTO quotes_fts (rowid, text, speaker_text) VALUES (?, ?, ?)",
                     (cur.lastrowid, quote.text, speaker_text or ""))
        about = {eid for start, end, eid in mentions
                 if start >= quote.start and end <= quote.end and eid != speaker_id}
        conn.executemany("INSERT INTO quote_about VALUES (?, ?)",
                         [(cur.lastrowid, eid) for eid in sorted(about)])


def _speaker_text(facts: Facts, speaker) -> str | None:
    if speaker is None:
        return None
    entity = facts.entity(speaker.entity)
    return entity.name if entity else speaker.text


def _write_times(conn, article_id: int, facts: Facts) -> dict[str, int]:
    ids = {}
    for t in facts.times:
        cur = conn.execute(
            "INSERT INTO times (article_id, local_id, start, end, text, type, value, mod)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, t.id, t.start, t.end, t.text, t.type, t.value, t.mod))
        ids[t.id] = cur.lastrowid
    return ids


def _write_amounts(conn, article_id: int, facts: Facts) -> None:
    conn.executemany(
        "INSERT INTO amounts (article_id, local_id, start, end, text, value, unit, mod)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, a.id, a.start, a.end, a.text, a.value, a.unit, a.mod) for a in facts.amounts])


def _write_events(conn, article_id: int, facts: Facts, entity_ids: dict[str, int],
                  time_ids: dict[str, int]) -> None:
    from ..resolve.timeline import date_sort_key
    text, published = facts.article["text"], facts.article.get("published")
    mentions = [(m.start, m.end, entity_ids[e.id]) for e in facts.entities for m in e.mentions]
    in_sentence: dict[tuple[int, int], set] = {}
    for event in facts.events:
        sentence = event.sentence or _sentence_around(text, event.start, event.end)
        place = date_sort_key(event.date, published)
        cur = conn.execute(
            "INSERT INTO events (article_id, local_id, start, end, text, time_id, date, sentence_start,"
            " sentence_end, sentence, sort_date, precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, event.id, event.start, event.end, event.text,
             time_ids.get(event.time) if event.time else None, event.date,
             sentence.start, sentence.end, sentence.text, place.sort, place.precision))
        roles = {(entity_ids[e], "agent") for e in event.agents if e in entity_ids}
        roles |= {(entity_ids[e], "patient") for e in event.patients if e in entity_ids}
        conn.executemany("INSERT INTO event_roles VALUES (?, ?, ?)",
                         [(cur.lastrowid, eid, role) for eid, role in sorted(roles)])
        key = (sentence.start, sentence.end)
        if key not in in_sentence:
            in_sentence[key] = {(eid, "mentioned") for start, end, eid in mentions
                                if start >= sentence.start and end <= sentence.end}
        involved = roles | in_sentence[key]
        conn.executemany("INSERT OR IGNORE INTO event_entities VALUES (?, ?, ?, ?)",
                         [(eid, place.sort, cur.lastrowid, role) for eid, role in sorted(involved)])


def _sentence_around(text: str, start: int, end: int):
    """The sentence (or line) around a span, for events that carry no sentence."""
    from ..schema import TextSpan
    stop = text.rfind(". ", 0, start)
    newline = text.rfind("\n", 0, start)
    left = max(stop + 2 if stop >= 0 else 0, newline + 1)
    ends = [i + 1 for i in (text.find(". ", end),) if i >= 0]
    ends += [i for i in (text.find("\n", end),) if i >= 0]
    right = min(ends) if ends else len(text)
    return TextSpan(left, right, text[left:right])
