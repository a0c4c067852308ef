"""Untrusted article text in the web app: nothing it contains may run; oversized
bodies get 413; bad dates and ids get a 4xx with a message, never a 500."""
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient

from newsfacts.article import make_article
from newsfacts.store import Archive
from newsfacts.web import create_app
from newsfacts.web.server import running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Every payload sets window.pwned (or opens a dialog) if it ever runs.
EVIL_TITLE = "<script>window.pwned='title'</script>Mayor <img src=x onerror=\"window.pwned='title-img'\">"
EVIL_TEXT = (
    "John Smith, the mayor of Springfield, said on Monday: \"<script>window.pwned='quote'</script> "
    "we will <img src=x onerror=\"window.pwned='quote-img';alert(1)\"> build it.\"\n\n"
    "Visit <a href=\"javascript:window.pwned='link'\">our site</a> or javascript:alert(2) now. "
    "The council of <svg onload=\"window.pwned='svg'\">Springfield</svg> voted on Tuesday to spend "
    "$5 million. \"</mark><script>window.pwned='breakout'</script>\", Smith added.")
EVIL_URL = "javascript:window.pwned='url'"


@pytest.fixture(scope="module")
def evil_archive(tmp_path_factory, nlp):
    path = tmp_path_factory.mktemp("xss") / "xss.db"
    article = make_article(EVIL_TEXT, published="2024-03-04", id="<b>evil-id</b>", title=EVIL_TITLE,
                           url=EVIL_URL, source="<i>Evil Times</i>", language="en")
    with Archive(path) as archive:
        report = archive.ingest([article], nlp=nlp)
    assert report.added == 1
    return path


@pytest.fixture(scope="module")
def client(evil_archive, nlp):
    with TestClient(create_app(evil_archive, nlp=nlp, max_body=20_000)) as test_client:
        yield test_client


def evil_pages(client) -> list[str]:
    entities = client.get("/api/entities?limit=100").json()
    return (["/", "/articles", "/articles/1", "/search?q=script", "/search?q=window&kind=quotes",
             "/search?q=%3Cscript%3E", "/search?speaker=Smith", "/entities"]
            + [f"/entities/{e['id']}" for e in entities])


def test_web_security_untrusted_text_is_escaped_in_html(client):
    for url in evil_pages(client):
        root = lxml.html.fromstring(client.get(url).text)
        for script in root.xpath("//script"):
            assert script.get("src") == "/static/app.js" and not (script.text or "").strip(), url
        assert not root.xpath("//*[@onerror or @onload or @onclick]"), url
        assert not root.xpath("//img | //svg[not(@id='timeline-chart')]"), url
        hrefs = root.xpath("//*[local-name()='a']/@href | //form/@action")
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))], url
    article = lxml.html.fromstring(client.get("/articles/1").text)
    assert article.get_element_by_id("article-text").text_content() == EVIL_TEXT  # shown as text


def test_web_security_nothing_runs_in_the_browser(evil_archive, nlp, client):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: install Debian's chromium (scripts/test.sh does)")
    sync_api = pytest.importorskip("playwright.sync_api")
    pages = evil_pages(client)
    with running_server(create_app(evil_archive, nlp=nlp)) as base_url, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        tab = browser.new_page(base_url=base_url)
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for url in pages:
            tab.goto(url)
            for mark in tab.locator("#article-text mark.nf").all()[:40]:  # tooltips too
                mark.hover()
            assert tab.evaluate("window.pwned") is None, url
        tab.goto("/articles/1")
        tab.get_by_text("our site").click()  # it is text, not a link: nothing happens
        tab.goto("/paste")
        tab.get_by_label("Text").fill(EVIL_TEXT)
        tab.get_by_role("button", name="Extract the facts").click()
        tab.locator("#article-text").wait_for()
        assert tab.locator("#article-text").inner_text().startswith("John Smith")
        assert tab.evaluate("window.pwned") is None
        # Even injected markup could not run inline script: the policy allows only /static files.
        tab.goto("/")
        blocked = tab.evaluate("""() => { const s = document.createElement('script');
            s.textContent = "window.pwned = 'inline'"; document.body.appendChild(s); return window.pwned; }""")
        assert blocked is None
        browser.close()
    assert dialogs == []


def test_web_security_oversized_bodies_get_413(client):
    big = {"text": "word " * 5000}  # 25,000 bytes against a 20,000-byte limit
    response = client.post("/api/extract", json=big)
    assert response.status_code == 413 and "limit is 20,000 bytes" in response.json()["detail"]

    def chunks():  # no Content-Length: the limit holds for streamed bodies too
        for _ in range(30):
            yield b"x" * 1000
    streamed = client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    form = client.post("/paste", data={"text": "word " * 5000}, headers={"accept": "text/html"})
    assert form.status_code == 413 and "too large" in form.text
    assert client.post("/api/extract", json={"text": "A short one."}).status_code == 200


def test_web_security_bad_dates_and_ids_are_4xx_with_a_message(client):
    cases = {"/api/articles/abc": 422, "/api/articles/0": 422, "/api/articles/-5": 422,
             "/api/articles/99999999999999999999999": 422, "/api/articles/424242": 404,
             "/api/entities/nope": 404, "/api/entities/%3Cscript%3E": 422,
             "/api/search?since=2024-02-30": 400, "/api/search?since=0": 422, "/api/search?until=yesterday": 422,
             "/api/search?since=2024-05-01&until=2024-01-01": 400, "/api/search?page=0": 422,
             "/api/search?kind=everything": 422, "/api/articles?per_page=1000": 422}
    for url, status in cases.items():
        response = client.get(url)
        assert response.status_code == status, url
        assert response.json()["detail"], url
    pages = {"/articles/abc": 422, "/articles/424242": 404, "/entities/nope": 404,
             "/search?since=2024-13-01": 400, "/search?until=soon": 422, "/search?since=2024-05-01&until=2024-01-01": 400,
             "/nowhere": 404}
    for url, status in pages.items():
        response = client.get(url)
        assert response.status_code == status, url
        message = lxml.html.fromstring(response.text).xpath('//p[@class="error"]')[0].text_content()
        assert message.strip(), url
    assert "2024-13-01" in client.get("/search?since=2024-13-01").text
    bad_date = client.post("/api/extract", json={"text": "Hello there.", "published": "2024-02-30"})
    assert bad_date.status_code == 400 and "2024-02-30" in bad_date.json()["detail"]


def test_web_security_cross_site_posts_are_refused(client):
    response = client.post("/paste", data={"text": "Hello there.", "save": "1"},
                           headers={"origin": "http://evil.example", "sec-fetch-site": "cross-site"})
    assert response.status_code == 403
    same = client.post("/paste", data={"text": "Hello there."}, headers={"origin": "http://testserver"})
    assert same.status_code == 200


def test_web_security_headers_on_every_response(client):
    for url in ("/", "/articles/1", "/api/articles/1", "/static/style.css", "/nowhere"):
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
