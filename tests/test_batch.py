"""newsfacts.batch: Parquet tables, inputs (jsonl, Parquet, WARC), engines, resume."""
import io
import json
import os

import pytest

pytest.importorskip("pyarrow")

from newsfacts.batch import read_errors, read_facts, run, to_facts  # noqa: E402
from newsfacts.batch.parquet_sink import ParquetSink, part_names  # noqa: E402
from newsfacts.batch.tables import facts_to_rows, from_row  # noqa: E402

PEOPLE = [("Maria Lopez", "Lopez", "mayor", "Springfield"), ("John Carter", "Carter", "senator", "Ohio"),
          ("Aisha Khan", "Khan", "chief executive", "Acme Corp"), ("Peter Novak", "Novak", "coach", "Boston")]


def make_articles(count: int) -> list[dict]:
    """Short, varied news articles with people, quotes, dates and amounts."""
    articles = []
    for number in range(count):
        name, last, role, place = PEOPLE[number % len(PEOPLE)]
        text = (f"{name}, {40 + number % 30}, the {role} of {place}, said on Tuesday that "
                f"the city would spend ${number + 2} million on new roads.\n\n"
                f"\"We will finish the work by March {2020 + number % 5},\" {last} said. "
                f"Critics called the plan a \"waste of money\" and said it came {number % 7 + 2} years too late.")
        articles.append({"id": f"a{number:03d}", "text": text, "published": "2024-01-26"})
    return articles


def write_jsonl(path, articles):
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def by_id(records):
    return {r["article"]["id"]: r for r in records}


def test_batch_rows_round_trip(extract):
    facts = extract("Maria Lopez, 52, the mayor, said on Friday: \"We spent $3 million.\"", id="x1")
    record = facts.to_dict()
    record["entities"][0]["attributes"]["nickname"] = "ML"  # a field a later schema adds
    rows = facts_to_rows(record)
    assert [r["article_id"] for r in rows["entities"]] == ["x1"] * len(record["entities"])
    assert from_row("entities", rows["entities"][0])["attributes"]["nickname"] == "ML"
    assert len(rows["mentions"]) == sum(len(e["mentions"]) for e in record["entities"])


def test_batch_local_run_reads_back_the_same_facts(tmp_path, extract):
    articles = make_articles(4)
    out = tmp_path / "out"
    report = run([write_jsonl(tmp_path / "in.jsonl", articles)], out, workers=1)
    assert (report.done, report.failed) == (4, 0)
    records = by_id(read_facts(out))
    expected = extract(articles[1]["text"], published="2024-01-26", id="a001").to_dict()
    assert records["a001"] == expected
    assert to_facts(records["a001"]).to_dict() == expected


def test_batch_resume_does_not_duplicate_rows(tmp_path):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, make_articles(3))
    with source.open("a") as handle:
        handle.write("{not json\n")
    out = tmp_path / "out"
    first = run([source], out, workers=1)
    write_jsonl(tmp_path / "more.jsonl", make_articles(5)[3:])
    second = run([source, tmp_path / "more.jsonl"], out, workers=1)
    assert (first.done, first.failed) == (3, 1)
    assert (second.done, second.skipped, second.failed) == (2, 3, 0)
    ids = [r["article"]["id"] for r in read_facts(out)]
    assert sorted(ids) == ["a000", "a001", "a002", "a003", "a004"]
    assert len(read_errors(out)) == 1


def test_batch_removes_parts_of_an_interrupted_write(tmp_path):
    sink = ParquetSink(tmp_path)
    sink.add({"errors": [], "quotes": []})
    (tmp_path / "quotes" / "part-x-00000.parquet").write_bytes(b"half written")
    ParquetSink(tmp_path)
    assert not (tmp_path / "quotes" / "part-x-00000.parquet").exists()
    assert part_names(tmp_path) == []


def test_batch_reads_parquet_input(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    articles = make_articles(2)
    table = pa.Table.from_pylist([{**a, "id": f"p{i}", "title": "T"} for i, a in enumerate(articles)]
                                 + [{"id": "empty", "text": "  ", "published": None, "title": None}])
    pq.write_table(table, tmp_path / "in.parquet")
    out = tmp_path / "out"
    report = run([tmp_path / "in.parquet"], out, workers=1)
    assert (report.done, report.failed) == (2, 1)
    assert {r["article"]["id"]: r["article"]["title"] for r in read_facts(out)} == {"p0": "T", "p1": "T"}
    assert "row 3" in read_errors(out)[0]["input"]


def write_warc(path, pages):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for url, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    path.write_bytes(buffer.getvalue() + b"WARC/1.0\r\nWARC-Type: response\r\nnot a header\r\n\r\n\x00\xff")
    return path


PAGE = ("<html><head><title>Council backs road plan</title>"
        "<meta property='article:published_time' content='2023-04-05'></head><body><article>"
        "<h1>Council backs road plan</h1><p>{}</p></article></body></html>")


def test_batch_warc_reports_bad_records_and_completes(tmp_path):
    text = make_articles(1)[0]["text"].replace("\n\n", " ")
    warc = write_warc(tmp_path / "crawl.warc", [
        ("https://news.example/road", "text/html; charset=utf-8", PAGE.format(text).encode()),
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://news.example/empty", "text/html", b"<html><body></body></html>"),
    ])
    out = tmp_path / "out"
    report = run([warc], out, workers=1)
    records = list(read_facts(out))
    assert report.done == 1 and len(records) == 1
    assert records[0]["article"]["url"] == "https://news.example/road"
    assert records[0]["article"]["published"] == "2023-04-05"
    reasons = " | ".join(e["reason"] for e in read_errors(out))
    assert "not an HTML page" in reasons and "logo.png" in reasons
    assert "news.example/empty" in reasons
    assert "corrupt WARC record" in reasons
    assert report.failed == 3
    # the empty page failed in the worker, under its WARC record id
    assert [e["stage"] for e in read_errors(out) if "empty" in e["input"]] == ["read"]
    again = run([warc], out, workers=1)
    assert (again.done, again.failed, again.skipped) == (0, 0, 2)
    assert len(read_errors(out)) == 3 and len(list(read_facts(out))) == 1


def test_batch_warc_pages_are_read_by_the_workers(tmp_path):
    from newsfacts.batch import iter_sources
    from newsfacts.batch.sources import Page
    warc = write_warc(tmp_path / "crawl.warc", [
        ("https://news.example/road", "text/html", PAGE.format("The council met.").encode())])
    pages = [item for item in iter_sources([warc]) if isinstance(item, Page)]
    assert [p.url for p in pages] == ["https://news.example/road"]
    assert pages[0].to_article().title == "Council backs road plan"


def test_batch_cli_writes_tables(tmp_path):
    from click.testing import CliRunner

    from newsfacts.cli import cli
    source = write_jsonl(tmp_path / "in.jsonl", make_articles(2))
    result = CliRunner().invoke(cli, ["batch", str(source), "--out", str(tmp_path / "out"),
                                      "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["done"] == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        ["articles", "entities", "mentions", "quotes", "times", "amounts", "events", "errors"])


def test_batch_ray_and_local_engines_give_the_same_facts(tmp_path):
    ray = pytest.importorskip("ray")
    source = write_jsonl(tmp_path / "in.jsonl", make_articles(50))
    text = make_articles(1)[0]["text"].replace("\n\n", " ")
    warc = write_warc(tmp_path / "crawl.warc", [  # pages travel to the workers as raw HTML
        ("https://news.example/road", "text/html", PAGE.format(text).encode()),
        ("https://news.example/empty", "text/html", b"<html><body></body></html>")])
    from newsfacts.batch.local import run_local
    from newsfacts.batch.ray_runner import _actor_options, ensure_ray, run_ray
    from newsfacts.batch.sources import iter_sources
    from newsfacts.batch.work import WORKER_ENV
    local = run([source, warc], tmp_path / "local", engine="local", workers=2, chunk_articles=8)
    ensure_ray(None, 2)
    try:
        remote = run([source, warc], tmp_path / "ray", engine="ray", workers=2, chunk_articles=8)
        # windows of 30 articles: two Ray datasets, the same rows in the same order
        chunks = [items for items in batched(iter_sources([source]), 8)]
        windowed = list(run_ray(iter(chunks), workers=2, window_articles=30))
        assert [r.rows for r in windowed] == [r.rows for r in run_local(chunks)]
        # the local Ray's workers inherit the worker environment: no runtime_env needed
        assert _actor_options() == {}
        assert ray.get(ray.remote(lambda: os.environ.get("PYTHONHASHSEED")).remote()) == "0"
    finally:
        ray.shutdown()
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)  # a Ray started elsewhere
    try:
        assert _actor_options() == {"runtime_env": {"env_vars": WORKER_ENV}}
    finally:
        ray.shutdown()
    assert local.done == remote.done == 51
    assert local.failed == remote.failed == 2  # the empty page and the corrupt record
    # actors start at different times: one may take every chunk of a small run
    assert 1 <= len(remote.peak_worker_rss_mb) <= 2
    assert all(mb > 50 for mb in remote.peak_worker_rss_mb.values())
    assert by_id(read_facts(tmp_path / "local")) == by_id(read_facts(tmp_path / "ray"))


def batched(items, size):
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items), size)]


def test_batch_ray_windows_read_the_next_window_while_one_runs():
    from newsfacts.batch.ray_runner import Window
    chunks = iter([[n] * 8 for n in range(7)])  # 56 articles in chunks of 8
    window = Window(20)
    assert window.fill(chunks) and window.articles == 24  # three chunks reach 20
    following = Window(20)
    following.fill(chunks, at_most=1)  # a chunk read per result of the window running
    assert len(following.chunks) == 1
    assert following.fill(chunks) and following.articles == 24
    last = Window(20)
    assert last.fill(chunks) and last.chunks == [[6] * 8]  # the input's end
    assert not Window(20).fill(chunks)


def test_batch_reports_an_article_that_fails_and_goes_on(tmp_path, monkeypatch):
    import newsfacts.api
    real_facts_of = newsfacts.api.facts_of

    def facts_of(article, docs):
        if article.id == "a001":
            raise ValueError("extractor bug")
        return real_facts_of(article, docs)
    monkeypatch.setattr(newsfacts.api, "facts_of", facts_of)
    source = write_jsonl(tmp_path / "in.jsonl", make_articles(3))
    report = run([source], tmp_path / "out", workers=1)
    assert (report.done, report.failed) == (2, 1)
    assert [(e["article_id"], e["stage"]) for e in read_errors(tmp_path / "out")] == [("a001", "extract")]
    assert "extractor bug" in read_errors(tmp_path / "out")[0]["reason"]
    assert run([source], tmp_path / "out", workers=1).skipped == 3


def test_batch_sources_read_every_kind_in_a_folder(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsfacts.article import Article
    from newsfacts.batch import iter_sources
    (tmp_path / "story.txt").write_text(make_articles(1)[0]["text"], encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(make_articles(2)), tmp_path / "rows.parquet")
    write_jsonl(tmp_path / "more.jsonl", make_articles(4)[2:])
    (tmp_path / "notes.xyz").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.parquet").write_bytes(b"not parquet")
    items = list(iter_sources([tmp_path]))
    assert all(isinstance(item, Article) for item in items)
    assert sorted(item.id for item in items) == ["a000", "a001", "a002", "a003", "story"]


def test_batch_output_loads_into_the_archive_once(tmp_path):
    from click.testing import CliRunner

    from newsfacts.cli import cli
    from newsfacts.store import Archive
    out, db = tmp_path / "out", tmp_path / "news.db"
    run([write_jsonl(tmp_path / "in.jsonl", make_articles(3))], out, workers=1)
    for expected_added in (3, 0):  # the second load changes nothing
        result = CliRunner().invoke(cli, ["ingest", "--parquet", str(out), "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"added {expected_added}, skipped {3 - expected_added}")
    with Archive(str(db)) as archive:
        assert archive.count("articles") == 3
        assert archive.count("quotes") > 0
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db)])
    assert result.exit_code == 2 and "--parquet" in result.output
