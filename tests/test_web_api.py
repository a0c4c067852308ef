"""The web app and JSON API against a real archive (FastAPI's TestClient, no server)."""
import shutil
import sqlite3

import lxml.html
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsfacts import validate
from newsfacts.web import create_app
from newsfacts.web.highlight import Span, render
from newsfacts.web.timeline_svg import layout, period
from newsfacts.web.view import build_view, readable_time


@pytest.fixture(scope="module")
def client(web_archive, nlp):
    with TestClient(create_app(web_archive, nlp=nlp)) as test_client:
        yield test_client


@pytest.fixture
def writable_client(web_archive, nlp, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(web_archive, copy)
    with TestClient(create_app(copy, nlp=nlp)) as test_client:
        yield test_client, copy


def count_articles(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def first_article_with(client, kind: str) -> dict:
    for row in client.get("/api/articles?per_page=100").json()["results"]:
        record = client.get(f"/api/articles/{row['article_id']}").json()
        if record[kind]:
            return record
    raise AssertionError(f"no article with {kind}")


# -- highlighting, tooltips, timeline geometry (pure functions) ----------------------------

def test_web_highlight_nests_and_cuts_crossing_spans():
    text = 'He said "we won on Friday in Paris" today.'
    spans = [Span(9, 34, "quote", "Q1", "direct quote", "tip-Q1", "fact-Q1"),
             Span(19, 25, "time", "T1", "DATE 2024-01-26", "tip-T1", "fact-T1"),
             Span(29, 40, "place", "E1", "Place: Paris", "tip-E1", "fact-E1")]
    root = lxml.html.fragment_fromstring(f"<div>{render(text, spans)}</div>")
    assert root.text_content() == text
    time = root.get_element_by_id("fact-T1")
    assert time.text_content() == "Friday" and time.getparent().get("id") == "fact-Q1"
    place_pieces = root.xpath('//mark[@data-fact="E1"]')
    assert [p.text_content() for p in place_pieces] == ["Paris", "\" toda"]
    assert place_pieces[0].get("tabindex") == "0" and "nf-cont" in place_pieces[1].get("class")
    assert place_pieces[1].get("id") is None


def test_web_highlight_escapes_text_and_attributes():
    text = "<b>x</b> & y"
    html = str(render(text, [Span(0, 8, "thing", "E1", 'a "quoted" <tip>', "tip-E1", "fact-E1")]))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&lt;tip&gt;" in html
    assert lxml.html.fragment_fromstring(f"<div>{html}</div>").text_content() == text


def test_web_readable_time_values():
    assert readable_time("2024-01-26") == "Friday 26 January 2024"
    assert readable_time("2023-05") == "May 2023"
    assert readable_time("199X") == "the 1990s"
    assert readable_time("PT4M") == "4 minutes"
    assert readable_time("P3Y") == "3 years"
    assert readable_time("PRESENT_REF") == "now"
    assert readable_time("2024-13-45") == "2024-13-45"


def test_web_timeline_vague_dates_are_ranges_in_date_order():
    events = [{"date": "2023-05", "precision": "month", "article_id": 1, "event": "ordered", "sentence": "a"},
              {"date": "2024-01-26", "precision": "day", "article_id": 1, "event": "left", "sentence": "b",
               "anchor": "fact-V2"},
              {"date": "199X", "precision": "decade", "article_id": 2, "event": "raped", "sentence": "c"},
              {"date": None, "precision": "published", "published": "2024-01-26", "article_id": 2,
               "event": "said", "sentence": "d"},
              {"date": "PXY", "precision": "unknown", "article_id": 2, "event": "x", "sentence": "e"}]
    chart = layout(events)
    kinds = {item.label.split(":")[0].split(" ")[0]: item for item in chart.items}
    assert len(chart.items) == 4  # the undatable one is left to the table
    assert kinds["199X"].is_range and kinds["2023-05"].is_range and not kinds["2024-01-26"].is_range
    assert kinds["199X"].x2 < kinds["2023-05"].x1 < kinds["2023-05"].x2 < kinds["2024-01-26"].x1
    assert kinds["undated,"].kind == "published"
    assert kinds["2024-01-26"].href == "/articles/1#fact-V2"
    assert period("2024-W04", "week", None)[1].isoformat() == "2024-01-28"


def test_web_view_main_event_in_one_sentence_when_present():
    text = "Donald Trump walked out of the courtroom on Friday."
    record = {"article": {"text": text, "title": "T"}, "entities": [
        {"id": "E1", "name": "Donald Trump", "type": "PERSON",
         "mentions": [{"start": 0, "end": 12, "text": "Donald Trump"}], "attributes": {}}],
        "quotes": [], "times": [], "amounts": [], "events": [],
        "main_event": {"who": {"start": 0, "end": 12, "text": "Donald Trump", "entity": "E1"},
                       "what": {"start": 13, "end": 40, "text": "walked out of the courtroom"},
                       "when": {"start": 44, "end": 50, "text": "Friday", "value": "2024-01-26"},
                       "where": None, "why": None, "how": None, "candidates": []}}
    view = build_view(record, {"E1": "abc123"})
    assert [p["w"] for p in view.main_event] == ["who", "what", "when"]
    assert view.main_event[0]["href"] == "/entities/abc123" and view.main_event[2]["value"] == "2024-01-26"
    root = lxml.html.fragment_fromstring(f"<div>{view.html}</div>")
    assert root.get_element_by_id("w-what").text_content() == "walked out of the courtroom"
    assert root.text_content() == text
    assert build_view({**record, "main_event": None}).main_event == []
    assert build_view({k: v for k, v in record.items() if k != "main_event"}).main_event == []


# -- the JSON API ---------------------------------------------------------------------------

def test_web_api_article_is_a_valid_record_with_archive_links(client):
    record = first_article_with(client, "quotes")
    validate({k: v for k, v in record.items() if k != "archive"})
    links = record["archive"]["entity_links"]
    assert links and set(links) <= {e["id"] for e in record["entities"]}
    entity = client.get(f"/api/entities/{next(iter(links.values()))}").json()
    assert record["archive"]["article_id"] in [a["article_id"] for a in entity["articles"]]


def test_web_api_search_pages_filters_and_dates(client):
    first = client.get("/api/search", params={"q": "Apple", "kind": "articles", "per_page": 2}).json()
    second = client.get("/api/search", params={"q": "Apple", "kind": "articles", "per_page": 2, "page": 2}).json()
    assert first["articles"]["total"] >= 4 and first["quotes"] is None
    assert {r["article_id"] for r in first["articles"]["results"]}.isdisjoint(
        r["article_id"] for r in second["articles"]["results"])
    hit = first["articles"]["results"][0]
    assert all(hit["snippet"][s:e].lower() == "apple" for s, e in hit["hits"]) and hit["hits"]
    jobs = client.get("/api/search", params={"speaker": "Steve Jobs", "kind": "quotes", "per_page": 100}).json()
    speaker_ids = {r["speaker_id"] for r in jobs["quotes"]["results"]}
    assert jobs["quotes"]["total"] > 0 and len(speaker_ids) == 1
    dated = client.get("/api/search", params={"q": "Apple", "since": "2011-01-01", "until": "2011-06-30"}).json()
    assert dated["articles"]["total"] > 0
    assert all("2011-01-01" <= r["published"] <= "2011-06-30" for r in dated["articles"]["results"])
    nobody = client.get("/api/search", params={"speaker": "Zzyzx Qwerty"}).json()
    assert nobody["quotes"]["total"] == 0 and "Zzyzx Qwerty" in nobody["quotes"]["note"]


def test_web_api_search_tolerates_broken_fts_syntax(client):
    response = client.get("/api/search", params={"q": 'Apple AND "unclosed'})
    assert response.status_code == 200


def test_web_api_extract_does_not_store_unless_asked(writable_client):
    client, path = writable_client
    body = {"text": "Mayor Helen Ortiz said on Tuesday that the new bridge will cost $2 million.",
            "published": "2024-05-14", "id": "bridge-1", "title": "Bridge"}
    before = count_articles(path)
    record = client.post("/api/extract", json=body).json()
    assert record["article"]["id"] == "bridge-1" and "archive" not in record
    assert any(t["value"] == "2024-05-14" for t in record["times"])
    assert count_articles(path) == before
    saved = client.post("/api/extract", params={"save": "true"}, json=body).json()
    assert saved["archive"]["new"] and count_articles(path) == before + 1
    stored = client.get(f"/api/articles/{saved['archive']['article_id']}").json()
    assert stored["article"]["text"] == body["text"]
    again = client.post("/api/extract", params={"save": "true"}, json=body).json()
    assert again["archive"] == {"article_id": saved["archive"]["article_id"], "new": False}


def test_web_api_extract_bad_article_is_400_with_reason(client):
    response = client.post("/api/extract", json={"text": "Some text here.", "published": "last Tuesday"})
    assert response.status_code == 400 and "invalid publication date" in response.json()["detail"]
    assert client.post("/api/extract", json={"text": ""}).status_code == 422
    assert client.post("/api/extract", json={"title": "no text"}).status_code == 422


def test_web_openapi_describes_every_api_route(client):
    document = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/entities/{entity_id}",
            "/api/search", "/api/extract"} <= set(document["paths"])
    assert not any(path.startswith(("/articles", "/search", "/paste")) for path in document["paths"])
    assert "nf_record" in document["components"]["schemas"]
    assert "nf_quote" in document["components"]["schemas"]


# -- the pages ------------------------------------------------------------------------------

def test_web_article_page_marks_every_fact_over_the_exact_text(client):
    record = first_article_with(client, "amounts")
    page = client.get(f"/articles/{record['archive']['article_id']}")
    root = lxml.html.fromstring(page.text)
    assert root.get_element_by_id("article-text").text_content() == record["article"]["text"]
    for group in ("quotes", "times", "amounts", "events"):
        for fact in record[group]:
            mark = root.get_element_by_id(f"fact-{fact['id']}")
            words = (fact.get("parts") or [fact])[0]
            assert mark.text_content() == words["text"]
    for entity in record["entities"]:
        assert root.get_element_by_id(f"fact-{entity['id']}").text_content() in {
            m["text"] for m in entity["mentions"]}
    panel_links = root.xpath('//aside[@id="facts"]//a[starts-with(@href, "#fact-")]/@href')
    assert panel_links and all(root.get_element_by_id(href[1:]) is not None for href in panel_links)
    for mark in root.xpath("//mark[@aria-describedby]"):  # every tooltip has its text element
        assert root.get_element_by_id(mark.get("aria-describedby")).text_content()


def test_web_time_tooltip_says_the_normalised_value(client):
    record = first_article_with(client, "times")
    time = record["times"][0]
    root = lxml.html.fromstring(client.get(f"/articles/{record['archive']['article_id']}").text)
    mark = root.get_element_by_id(f"fact-{time['id']}")
    assert time["value"] in root.get_element_by_id(mark.get("aria-describedby")).text_content()
    assert mark.get("tabindex") == "0"


def test_web_entity_page_draws_the_timeline_linking_to_sentences(client):
    entity_id = client.get("/api/entities", params={"name": "Steve Jobs"}).json()[0]["id"]
    root = lxml.html.fromstring(client.get(f"/entities/{entity_id}").text)
    svg = root.get_element_by_id("timeline-chart")
    links = svg.xpath(".//*[local-name()='a']/@href")
    assert links and all(link.startswith("/articles/") for link in links)
    target = next(link for link in links if "#fact-V" in link)
    article = lxml.html.fromstring(client.get(target.split("#")[0]).text)
    assert article.get_element_by_id(target.split("#")[1]) is not None
    assert root.xpath("//h2[starts-with(text(), 'Quotes by')]")


def test_web_search_page_tabs_and_paging(client):
    page = client.get("/search", params={"q": "Apple"})
    root = lxml.html.fromstring(page.text)
    tabs = root.xpath('//nav[@class="tabs"]/a')
    assert [t.text_content().split(" (")[0] for t in tabs] == ["Articles", "Quotes"]
    assert root.xpath('//ol[@class="results"]/li//mark[@class="hit"]')
    quotes = lxml.html.fromstring(client.get("/search", params={"speaker": "Jobs"}).text)
    assert quotes.xpath('//nav[@class="tabs"]/a[@aria-current="page"]')[0].text_content().startswith("Quotes")


def test_web_entity_lookup_redirects_to_the_single_match(client):
    response = client.get("/entities", params={"name": "Steve Jobs"}, follow_redirects=False)
    assert response.status_code in (200, 303)
    if response.status_code == 303:
        assert response.headers["location"].startswith("/entities/")


def test_web_paste_shows_facts_without_storing_unless_saved(writable_client):
    client, path = writable_client
    form = {"text": "Acme Corp. said on Monday that it paid $3 million for the site.",
            "published": "2024-03-06", "title": "Acme buys"}
    before = count_articles(path)
    page = client.post("/paste", data=form)
    assert page.status_code == 200 and "Not stored" in page.text
    root = lxml.html.fromstring(page.text)
    assert root.get_element_by_id("article-text").text_content() == form["text"]
    assert root.xpath('//mark[contains(@class, "nf-amount")]')
    assert count_articles(path) == before
    saved = client.post("/paste", data={**form, "save": "1"}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].startswith("/articles/")
    assert count_articles(path) == before + 1
    bad = client.post("/paste", data={**form, "published": "yesterday-ish"})
    assert bad.status_code == 422 and "invalid publication date" in bad.text


def test_web_pages_carry_security_headers_and_no_inline_script(client):
    for url in ("/", "/search?q=Apple", "/articles/1", "/paste", "/api"):
        response = client.get(url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        scripts = lxml.html.fromstring(response.text).xpath("//script")
        assert scripts and all(s.get("src", "").startswith("/static/") and not (s.text or "").strip()
                               for s in scripts)


def test_web_cli_serve_is_registered_and_checks_the_archive(tmp_path):
    from newsfacts.cli import cli
    runner = CliRunner()
    assert "--port" in runner.invoke(cli, ["serve", "--help"]).output
    missing = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and "no such archive" in missing.output
    assert "--no-serve" in runner.invoke(cli, ["demo", "--help"]).output


def test_web_search_lists_newest_first_past_the_rank_limit(client, monkeypatch):
    from newsfacts.web import store
    monkeypatch.setattr(store, "RANK_LIMIT", 2)
    found = client.get("/api/search", params={"q": "Apple", "kind": "articles", "per_page": 50}).json()["articles"]
    ids = [r["article_id"] for r in found["results"]]
    assert found["total"] > 2 and "newest stored first" in found["note"]
    assert ids == sorted(ids, reverse=True) and len(ids) == found["total"]
