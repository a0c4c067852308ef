"""The web page as a person uses it: headless Chromium (Debian's) driven by Playwright,
against a real uvicorn server on a loopback port over a small real archive.

Screenshots go to test-artifacts/web/ (or $NEWSFACTS_WEB_ARTIFACTS) and are listed
at the end of the run.
"""
import os
import re
from pathlib import Path

import pytest

from newsfacts.web import create_app
from newsfacts.web.server import running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(os.environ.get("NEWSFACTS_WEB_ARTIFACTS",
                                Path(__file__).resolve().parents[1] / "test-artifacts" / "web"))

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=(
    "/usr/bin/chromium is absent: install Debian's chromium (scripts/test.sh does) to run the browser tests"))
sync_api = pytest.importorskip("playwright.sync_api", reason="the test extra (playwright) is not installed")


@pytest.fixture(scope="module")
def base_url(web_archive, nlp):
    with running_server(create_app(web_archive, nlp=nlp)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(pytestconfig):
    """Screenshots taken; listed in the test run's output at the end of the module."""
    taken: list[Path] = []
    yield taken
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")
    if taken and capture:
        with capture.global_and_fixture_disabled():
            print(f"\nweb e2e screenshots ({len(taken)}) in {ARTIFACTS}: "
                  + ", ".join(path.name for path in taken))


@pytest.fixture
def page(browser, base_url, shots, request):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
           if msg.type == "error" else None)
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))

    def shoot(name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        tab.screenshot(path=str(path), full_page=False)
        shots.append(path)
    tab.shoot = shoot
    yield tab
    context.close()
    assert not problems, problems


def open_article_with(page, group: str) -> dict:
    """Open the first article whose record has facts of this group; RETURNS its record."""
    listing = page.request.get("/api/articles?per_page=100").json()
    for row in listing["results"]:
        record = page.request.get(f"/api/articles/{row['article_id']}").json()
        if record[group]:
            page.goto(f"/articles/{row['article_id']}")
            return record
    raise AssertionError(f"no article with {group}")


def test_web_e2e_search_open_article_highlights_and_tooltips(page):
    page.goto("/")
    page.get_by_label("Search articles and quotes", exact=True).fill("iPhone")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=iPhone"))
    results = page.locator("ol.results > li > a")
    assert results.count() > 0 and page.locator("ol.results mark.hit").count() > 0
    page.shoot("search")
    results.first.click()
    page.wait_for_url(re.compile(r"/articles/\d+"))
    for kind in ("org", "time"):
        assert page.locator(f"#article-text mark.nf-{kind}").count() > 0
    record = page.request.get(page.url.replace("/articles/", "/api/articles/")).json()
    time = record["times"][0]
    page.locator(f"#fact-{time['id']}").hover()
    tooltip = page.locator("#tooltip")
    sync_api.expect(tooltip).to_be_visible()
    sync_api.expect(tooltip).to_contain_text(time["value"])
    page.shoot("tooltip-hover")
    page.mouse.move(0, 0)
    sync_api.expect(tooltip).to_be_hidden()


def test_web_e2e_keyboard_focus_shows_tooltip_and_escape_hides_it(page):
    record = open_article_with(page, "quotes")
    quote = next(q for q in record["quotes"] if q["speaker"] and q["speaker"]["entity"])
    speaker = next(e["name"] for e in record["entities"] if e["id"] == quote["speaker"]["entity"])
    page.locator(f"#fact-{quote['id']}").focus()
    tooltip = page.locator("#tooltip")
    sync_api.expect(tooltip).to_contain_text(f"speaker: {speaker}")
    page.keyboard.press("Tab")  # the next fact in reading order gets focus and its own tooltip
    focused = page.evaluate("document.activeElement.dataset.fact")
    assert focused and page.evaluate("document.activeElement.matches('mark.nf')")
    sync_api.expect(tooltip).to_be_visible()
    page.shoot("tooltip-focus")
    page.keyboard.press("Escape")
    sync_api.expect(tooltip).to_be_hidden()


def test_web_e2e_fact_sheet_links_jump_to_the_words(page):
    record = open_article_with(page, "amounts")
    amount = record["amounts"][-1]
    page.locator(f'#facts a[href="#fact-{amount["id"]}"]').click()
    page.wait_for_url(re.compile(f"#fact-{amount['id']}$"))
    target = page.locator(f"#fact-{amount['id']}")
    sync_api.expect(target).to_be_in_viewport()
    assert target.evaluate("el => el.matches(':target')")
    assert target.inner_text() == amount["text"]
    assert page.evaluate("document.activeElement.id") == f"fact-{amount['id']}"  # Tab goes on from here
    sync_api.expect(page.locator("#tooltip")).to_contain_text(f"{amount['unit']}")
    page.shoot("jump")


def test_web_e2e_kind_toggle_hides_one_kind(page):
    open_article_with(page, "times")
    mark = page.locator("#article-text mark.nf-time").first
    coloured = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    page.get_by_label(re.compile(r"^\s*times \(")).uncheck()
    plain = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    assert coloured != plain and plain in ("rgba(0, 0, 0, 0)", "transparent")
    assert mark.get_attribute("tabindex") == "-1"


def test_web_e2e_follow_entity_and_timeline_chart(page):
    open_article_with(page, "quotes")
    page.goto("/entities?name=Steve%20Jobs")
    page.wait_for_url(re.compile(r"/entities/[0-9a-f]+"))
    sync_api.expect(page.locator("h1")).to_contain_text("Steve Jobs")
    chart = page.locator("svg#timeline-chart")
    sync_api.expect(chart).to_be_visible()
    assert chart.locator("circle").count() > 0 and chart.locator("rect").count() > 0  # points and ranges
    page.shoot("entity")
    item = chart.locator("a.item.exact").first
    label = item.get_attribute("aria-label")
    href = item.get_attribute("href")
    item.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    anchor = href.split("#")[1]
    target = page.locator(f"#{anchor}")
    sync_api.expect(target).to_be_in_viewport()
    assert target.inner_text().split()[0] in label
    page.shoot("timeline-target")


def test_web_e2e_search_filters_and_pages(page):
    page.goto("/search")
    page.get_by_label("Speaker").fill("Jobs")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.wait_for_url(re.compile(r"speaker=Jobs"))
    sync_api.expect(page.locator('nav.tabs a[aria-current="page"]')).to_contain_text("Quotes")
    assert page.locator("ul.results li.quote-row").count() > 0
    page.goto("/search?kind=quotes&since=2005-01-01")
    first_page = page.locator("ul.results li.quote-row blockquote").all_inner_texts()
    page.get_by_role("link", name=re.compile("Next")).click()
    page.wait_for_url(re.compile(r"page=2"))
    second_page = page.locator("ul.results li.quote-row blockquote").all_inner_texts()
    assert len(first_page) == 20 and second_page and not set(first_page) & set(second_page)
    sync_api.expect(page.locator("#s-since")).to_have_value("2005-01-01")
    page.shoot("paged")


def test_web_e2e_paste_article_without_saving(page):
    page.goto("/paste")
    page.get_by_label("Text").fill("Jane Doe, 52, the mayor of Springfield, said on Tuesday that "
                                   "the new bridge will cost at least $4 million.")
    page.get_by_label("Publication date (optional)").fill("2024-05-14")
    page.get_by_role("button", name="Extract the facts").click()
    sync_api.expect(page.locator(".notice")).to_contain_text("Not stored")
    sync_api.expect(page.locator("#article-text mark.nf-amount").first).to_be_visible()
    page.locator("#article-text mark.nf-time").first.hover()
    sync_api.expect(page.locator("#tooltip")).to_contain_text("2024-05-1")
    page.shoot("paste")


def test_web_e2e_phone_width_is_readable_and_skip_link_works(browser, base_url, shots):
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto("/articles/1")
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    text_box, panel_box = tab.locator("#article-text").bounding_box(), tab.locator("#facts").bounding_box()
    assert panel_box["y"] >= text_box["y"] + text_box["height"] - 1  # the fact sheet goes below the text
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Skip to content"
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#main"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "phone-article.png"
    tab.screenshot(path=str(path))
    shots.append(path)
    context.close()
