"""The dashboard in a real browser: `streamlit run app.py` driven by Playwright with Debian's Chromium.

What only a browser shows: the plotly figures are drawn (SVG in the page), the actor graph names the
seed's actors, a shared URL with an actor filter reproduces a narrower view, and a screenshot.
UPDATE_SCREENSHOT=1 also copies the screenshot to docs/dashboard.png (the README's image).
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import parse_qs, urlencode, urlsplit
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
START_TIMEOUT = 120  # first start extracts the seed: model load + parse
VIEW_TIMEOUT_MS = 240_000

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (CI installs Debian's chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A fresh app on a free port, with its own empty store (so it opens on the seed); always stopped."""
    port = free_port()
    env = {**os.environ, "TIMELINE_DB": str(tmp_path_factory.mktemp("store") / "timeline.duckdb")}
    env.pop("TIMELINE_MODE", None)
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start: {log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            yield chromium
        finally:
            chromium.close()


def open_view(browser, url: str):
    page = browser.new_page(viewport={"width": 1500, "height": 1050})
    page.goto(url)
    page.wait_for_selector("[data-testid='stMetricValue']", timeout=VIEW_TIMEOUT_MS)
    page.wait_for_selector(".js-plotly-plot svg.main-svg", timeout=VIEW_TIMEOUT_MS)
    page.wait_for_timeout(1500)  # plotly finishes its transitions
    return page


def shown_count(page) -> tuple[int, int]:
    text = page.locator("[data-testid='stMetricValue']").first.inner_text()
    shown, total = re.match(r"(\d+) of (\d+)", text).groups()
    return int(shown), int(total)


def test_timeline_graph_url_filter_and_screenshot(server, browser, tmp_path):
    page = open_view(browser, server)
    # the timeline: plotly's SVG with event markers
    assert page.locator(".js-plotly-plot .scatterlayer .point").count() > 0
    shown, total = shown_count(page)
    assert 0 < shown <= total
    # clicking an event opens its detail: the evidence highlighted in the article, and the URL says which
    assert page.locator("mark#evidence").count() == 0
    visible_point(page).click(force=True)
    page.wait_for_selector("mark#evidence", timeout=VIEW_TIMEOUT_MS)
    assert "event=" in page.url
    page.wait_for_timeout(1500)
    screenshot = tmp_path / "dashboard.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 20_000

    graph = open_view(browser, f"{server}/?view=Actor+graph")
    labels = graph.locator(".js-plotly-plot .scatterlayer .textpoint").all_text_contents()
    for name in ("Putin", "Trump", "Lukashenko", "Ukraine"):
        assert any(name in label for label in labels), (name, labels)
    # the arrows: one head drawn per directed pair, and none where no pair is drawn
    heads, pairs = graph.evaluate("""() => {
        const gd = document.querySelector('.js-plotly-plot');
        const trace = name => (gd.data || []).find(t => t.name === name);
        const drawn = gd.querySelectorAll('.scatterlayer .trace')[gd.data.indexOf(trace('arrows'))];
        return [Array.from(drawn.querySelectorAll('.point')).filter(p => p.getBBox().width > 0).length,
                trace('relations').customdata.length]; }""")
    assert heads == pairs > 0
    graph.screenshot(path=str(tmp_path / "graph.png"), full_page=True)

    # a shared link with an actor filter: a fresh page shows fewer events
    ids, names = _graph_nodes(graph)
    lukashenko = next(actor for actor, label in zip(ids, names) if "Lukashenko" in label)
    narrowed = open_view(browser, f"{server}/?{urlencode({'actor': lukashenko})}")
    assert shown_count(narrowed)[0] < shown
    assert shown_count(narrowed)[1] == total
    assert "Lukashenko" in narrowed.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.inner_text()

    # clicking an actor on the graph filters the page to it
    ids, names = _graph_nodes(graph)
    index = next(i for i, label in enumerate(names) if "Lukashenko" in label)
    graph.locator(".js-plotly-plot .scatterlayer .trace:last-child .point").nth(index).click(force=True)
    graph.wait_for_function(
        "shown => !document.querySelector(\"[data-testid='stMetricValue']\").innerText.startsWith(shown + ' of')",
        arg=str(shown), timeout=VIEW_TIMEOUT_MS)
    assert shown_count(graph) == shown_count(narrowed)
    assert parse_qs(urlsplit(graph.url).query)["actor"] == [ids[index]]

    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copy(screenshot, ROOT / "docs" / "dashboard.png")


def visible_point(page):
    """An event marker inside the plotted window (the timeline opens zoomed: some lie outside it)."""
    area = page.locator(".js-plotly-plot .nsewdrag").first.bounding_box()
    for point in page.locator(".js-plotly-plot .scatterlayer .point").all():
        box = point.bounding_box()
        if box and area["x"] < box["x"] + box["width"] / 2 < area["x"] + area["width"] \
                and area["y"] < box["y"] + box["height"] / 2 < area["y"] + area["height"]:
            return point
    pytest.fail("no event marker inside the timeline's window")


def _graph_nodes(page) -> tuple[list[str], list[str]]:
    """(actor ids, labels) of the actor graph's nodes, read from the plotly figure in the page."""
    found = page.evaluate("""() => {
        for (const gd of document.querySelectorAll('.js-plotly-plot'))
            for (const trace of gd.data || [])
                if (trace.name === 'actors') return [Array.from(trace.customdata), Array.from(trace.text)];
        return null; }""")
    assert found, "no actor graph in the page"
    return found[0], found[1]


def test_two_quick_exports_both_arrive(server, browser):
    """The bug: Events table → CSV, then JSON within a second: the first click reran the page, which
    dropped the second button's file ("Deferred file … not found"), in 2 of 6 tries."""
    page = browser.new_page(viewport={"width": 1500, "height": 1050}, accept_downloads=True)
    page.goto(f"{server}/?view=Events+table")
    page.wait_for_selector("[data-testid='stDownloadButton'] button", timeout=VIEW_TIMEOUT_MS)
    arrived = []
    page.on("download", lambda download: arrived.append(download))
    labels = ("⬇ CSV", "⬇ JSON", "⬇ GeoJSON (map)")
    for _ in range(3):
        for label in labels:
            page.get_by_role("button", name=label, exact=True).click()
    deadline = time.monotonic() + 60
    while len(arrived) < 3 * len(labels) and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    assert len(arrived) == 3 * len(labels), [d.suggested_filename for d in arrived]
    names = sorted({d.suggested_filename for d in arrived})
    assert names == ["events.csv", "events.json", "map.geojson"]
    for download in arrived:
        body = Path(download.path()).read_bytes()
        assert body and download.failure() is None
        if download.suggested_filename == "events.json":
            assert len(__import__("json").loads(body)) > 5
    page.close()


def test_the_add_form_stays_on_fetch_a_url_after_fetching(server, browser):
    page = browser.new_page(viewport={"width": 1500, "height": 1050})
    page.goto(f"{server}/?view=Add+articles")
    page.get_by_role("tab", name="Fetch a URL").click()
    page.get_by_label("Page or feed URL").fill("http://news.example.invalid/story")
    page.get_by_label("Page or feed URL").press("Enter")
    page.get_by_role("button", name="Fetch", exact=True).click()
    page.wait_for_selector("text=1 item failed", timeout=VIEW_TIMEOUT_MS)
    page.wait_for_timeout(1000)
    selected = page.locator("[role='tab'][aria-selected='true']").all_inner_texts()
    assert "Fetch a URL" in selected and "Paste text" not in selected
    page.close()


def test_the_timeline_axis_with_one_event_reads_as_days(server, browser):
    """The bug: /?actor=ct:alexander-lukashenko on the seed (one event) ticked "23:59:59.999 … 00:00:00.0005"."""
    page = open_view(browser, f"{server}/?{urlencode({'actor': 'ct:alexander-lukashenko'})}")
    assert shown_count(page)[0] >= 1
    ticks = page.locator(".js-plotly-plot .xtick text").all_text_contents()
    assert ticks, "no date ticks drawn"
    assert not any(re.search(r"\d:\d\d:\d\d|\.\d{3}", tick) for tick in ticks), ticks
    page.close()
