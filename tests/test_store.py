"""The archive on a real SQLite file: idempotence, failures, a kill mid-ingest, concurrent reads."""
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from newsfacts import make_article
from newsfacts.store import SCHEMA_VERSION, Archive

TEXTS = [
    'Donald Trump walked out of the courtroom on Friday. "This is a witch hunt," Trump said.',
    "Donald J. Trump was ordered to pay E. Jean Carroll $83 million, the jury decided on Friday.",
    "Judge Lewis Kaplan told Roberta Kaplan that the trial would end on Monday.",
    "Apple Inc. said on Tuesday that it sold 10 million iPhones in Europe.",
]


def articles(texts=TEXTS):
    return [make_article(t, published="2024-01-26", id=f"a{i}", title=f"Story {i}")
            for i, t in enumerate(texts)]


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "news.db") as store:
        yield store


def test_store_schema_is_versioned_with_foreign_keys_on(archive):
    versions = [r[0] for r in archive.conn.execute("SELECT version FROM schema_migrations")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert archive.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert archive.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with pytest.raises(sqlite3.IntegrityError):
        archive.conn.execute("INSERT INTO entities (article_id, local_id, name, type)"
                             " VALUES (999, 'E1', 'x', 'PERSON')")


def test_store_reopening_applies_no_migration_twice(tmp_path):
    Archive(tmp_path / "a.db").close()
    with Archive(tmp_path / "a.db") as again:
        assert again.conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION


def test_store_reingest_is_idempotent(archive, nlp):
    first = archive.ingest(articles(), nlp=nlp)
    before = archive.stats()
    second = archive.ingest(articles(), nlp=nlp)
    assert (first.added, first.skipped) == (4, 0)
    assert (second.added, second.skipped) == (0, 4)
    assert archive.stats() == before


def test_store_keeps_every_fact_and_offsets(archive, extract):
    facts = extract(TEXTS[0])
    article_id = archive.add(facts)
    text = archive.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    for start, end, span in archive.conn.execute("SELECT start, end, text FROM mentions"):
        assert text[start:end] == span
    assert archive.count("entities") == len(facts.entities)
    assert archive.facts(article_id)["article"]["text"] == TEXTS[0]
    assert archive.add(facts) is None  # same text: nothing changes


def test_store_one_bad_input_among_good_ones(archive, nlp):
    items = articles()[:2] + [("broken.txt", "the article text is empty")] + articles()[2:]
    report = archive.ingest(items, nlp=nlp)
    assert report.added == 4
    assert report.failed == [("broken.txt", "the article text is empty")]
    assert archive.count("ingest_failures") == 1
    assert archive.count("articles") == 4


def test_store_an_extraction_error_fails_only_that_article(archive, nlp, monkeypatch):
    import newsfacts.api as api_module
    real = api_module.build_facts

    def flaky(doc, article):
        if "Apple" in article.text:
            raise ValueError("boom")
        return real(doc, article)
    monkeypatch.setattr(api_module, "build_facts", flaky)
    report = archive.ingest(articles(), nlp=nlp)
    assert report.added == 3 and len(report.failed) == 1 and "boom" in report.failed[0][1]


def test_store_queries(archive, nlp):
    archive.ingest(articles(), nlp=nlp)
    assert archive.search("witch hunt")[0]["title"] == "Story 0"
    assert archive.search("nonexistentword") == []
    assert archive.search('"unbalanced') is not None  # bad FTS syntax falls back to words
    trump = archive.find_entities("Trump")
    assert trump and "Trump" in trump[0]["name"]
    profile = archive.entity("Donald Trump")
    assert {a["title"] for a in profile["articles"]} >= {"Story 0"}
    assert all(m["reason"] for m in profile["merges"])
    assert archive.quotes(since="2030-01-01") == []


SLOW_INGEST = textwrap.dedent("""
    import sys, time
    from newsfacts import load_nlp, make_article
    from newsfacts.store import Archive
    texts = [f"Reporter number {i} met Mayor Jane Doe in Springfield on Monday." for i in range(40)]
    def slow():
        for i, text in enumerate(texts):
            time.sleep(0.15)
            yield make_article(text, published="2024-01-26", id=f"n{i}")
    nlp = load_nlp()
    with Archive(sys.argv[1]) as archive:
        print("ready", flush=True)
        archive.ingest(slow(), nlp=nlp, batch_size=1)
""")


def start_slow_ingest(tmp_path, db):
    script = tmp_path / "slow_ingest.py"
    script.write_text(SLOW_INGEST)
    proc = subprocess.Popen([sys.executable, str(script), str(db)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def wait_for_articles(db, at_least, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with Archive(db, readonly=True) as reader:
            if reader.count("articles") >= at_least:
                return
        time.sleep(0.05)
    raise AssertionError("the ingest made no progress")


def assert_consistent(db):
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # every stored article has exactly the facts its record lists
    for article_id, facts_json in conn.execute("SELECT id, facts_json FROM articles"):
        n = conn.execute("SELECT COUNT(*) FROM entities WHERE article_id = ?", (article_id,)).fetchone()[0]
        assert n == len(json.loads(facts_json)["entities"])
    conn.close()


def test_store_kill_during_ingest_then_rerun_completes(tmp_path, nlp):
    db = tmp_path / "killed.db"
    proc = start_slow_ingest(tmp_path, db)
    wait_for_articles(db, 3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert_consistent(db)
    with Archive(db) as archive:
        stored = archive.count("articles")
        assert 3 <= stored < 40
        texts = [f"Reporter number {i} met Mayor Jane Doe in Springfield on Monday." for i in range(40)]
        report = archive.ingest([make_article(t, published="2024-01-26", id=f"n{i}")
                                 for i, t in enumerate(texts)], nlp=nlp)
        assert report.skipped == stored and report.added == 40 - stored
        assert archive.count("articles") == 40
        assert archive.count("archive_entities") > 0  # resolution ran after the rerun
    assert_consistent(db)


def test_store_concurrent_reads_while_ingesting(tmp_path):
    db = tmp_path / "busy.db"
    proc = start_slow_ingest(tmp_path, db)
    try:
        wait_for_articles(db, 1)
        seen = []
        with Archive(db, readonly=True) as reader:
            for _ in range(30):
                seen.append(reader.count("articles"))
                assert isinstance(reader.search("Springfield"), list)
                time.sleep(0.05)
        assert seen == sorted(seen) and seen[-1] > seen[0]
        assert_consistent(db)
    finally:
        proc.kill()
        proc.wait()


def test_store_resolution_is_the_same_in_any_order(tmp_path, nlp):
    def clusters(db_name, items):
        with Archive(tmp_path / db_name) as archive:
            archive.ingest(items, nlp=nlp)
            return [tuple(r) for r in archive.conn.execute(
                "SELECT l.archive_entity_id, e.name, a.content_hash, l.reason FROM entity_links l"
                " JOIN entities e ON e.id = l.entity_id JOIN articles a ON a.id = e.article_id"
                " ORDER BY 1, 2, 3")]
    forward = clusters("forward.db", articles())
    backward = clusters("backward.db", list(reversed(articles())))
    assert forward == backward and forward


def test_store_migrations_2_and_3_backfill_a_version_1_archive(tmp_path):
    from newsfacts.store.archive import connect
    from newsfacts.store.migrations import MIGRATIONS, migrate
    conn = connect(tmp_path / "old.db")
    assert migrate(conn, MIGRATIONS[:1]) == [1]
    text = "Jobs resigned on Wednesday."
    conn.execute("INSERT INTO articles (id, content_hash, published, text, facts_json, ingested_at)"
                 " VALUES (1, 'h', '2011-08-25', ?, '{}', 'now')", (text,))
    conn.execute("INSERT INTO entities (id, article_id, local_id, name, type) VALUES (1, 1, 'E1', 'Jobs', 'PERSON')")
    conn.execute("INSERT INTO mentions (entity_id, start, end, text) VALUES (1, 0, 4, 'Jobs')")
    conn.execute("INSERT INTO events (id, article_id, local_id, start, end, text, date, sentence_start,"
                 " sentence_end, sentence) VALUES (1, 1, 'V1', 5, 13, 'resigned', '2011-08', 0, 27, ?)", (text,))
    conn.execute("INSERT INTO archive_entities VALUES ('x', 'Jobs', 'PERSON', 1)")
    conn.execute("INSERT INTO entity_links VALUES (1, 'x', 'first mention')")
    assert migrate(conn) == [2, 3]
    assert conn.execute("SELECT sort_date, precision FROM events").fetchone()[:] == ("2011-08-01", "month")
    assert conn.execute("SELECT entity_id, role FROM event_entities").fetchall()[0][:] == (1, "mentioned")
    assert conn.execute("SELECT * FROM archive_timeline").fetchall()[0][:] == ("x", "2011-08-01", 1, "mentioned")
    assert [r[0] for r in conn.execute("SELECT version FROM schema_migrations")] == [1, 2, 3]


def hand_facts(text, published, entities, events):
    """Facts built by hand (no parsing): entities as (name, type, [mention texts])."""
    from newsfacts.schema import Entity, Event, Facts, TextSpan
    found = []
    for n, (name, etype, mentions) in enumerate(entities, 1):
        spans = [TextSpan(text.index(m), text.index(m) + len(m), m) for m in mentions]
        found.append(Entity(f"E{n}", name, etype, spans))
    made = [Event(f"V{n}", text.index(word), text.index(word) + len(word), word, agents=["E1"], date=date)
            for n, (word, date) in enumerate(events, 1)]
    return Facts(article=make_article(text, published=published).meta(), entities=found, events=made)


def test_store_timeline_by_a_minority_alias_follows_only_its_members(archive):
    archive.add(hand_facts("Apple Computer sued Apple Corps in London.", "2006-03-28",
                           [("Apple Computer", "ORG", ["Apple Computer", "Apple Corps"])], [("sued", None)]))
    archive.add(hand_facts("Apple Computer released the iPod in 2001.", "2005-01-01",
                           [("Apple Computer", "ORG", ["Apple Computer"])], [("released", "2001")]))
    archive.add(hand_facts("Apple opened a store on Friday.", "2007-02-02",
                           [("Apple", "ORG", ["Apple"])], [("opened", "2007-02-02")]))
    archive.resolve()
    everything = archive.timeline("Apple")
    assert [e["event"] for e in everything] == ["released", "sued", "opened"]
    assert [e["vague"] for e in everything] == [True, True, False]  # a year; no date: published
    assert [e["event"] for e in archive.timeline("Apple Corps")] == ["sued"]


def test_store_entity_names_leave_out_pronouns(archive, nlp):
    text = ("Mayor Jane Doe opened the bridge on Monday. She said it was safe. "
            "He praised Jane Doe. \"I built it,\" Doe said.")
    archive.ingest([make_article(text, published="2024-01-26", id="p1", title="Bridge")], nlp=nlp)
    names = {n["name"] for n in archive.entity("Jane Doe")["names"]}
    assert "Jane Doe" in names
    assert not names & {"She", "He", "I", "she"}
