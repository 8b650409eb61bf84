"""The dashboard in a real browser: `streamlit run app.py` driven by Playwright with Debian's Chromium.

What only a browser shows: the plotly figures are drawn (SVG in the page), the actor graph names the
seed's actors, a shared URL with an actor filter reproduces a narrower view; a drag across the bars
of events per period sets the dates; every event of a day's stack can be clicked; the map names
countries and places without overlaps and a click on a place filters to it; the actor graph's
window, neighbourhood, colour bar and two-way curves; and screenshots. UPDATE_SCREENSHOT=1 also
copies them to docs/ (the README's images: dashboard.png, timeline.png, graph.png, map.png, table.png).
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
    yield from _serve(tmp_path_factory, tmp_path_factory.mktemp("store") / "timeline.duckdb")


@pytest.fixture(scope="module")
def claims_server(tmp_path_factory):
    """The app on the hand-written claims store (tests/claims_fixtures.py)."""
    from claims_fixtures import claims_store

    db = tmp_path_factory.mktemp("claims") / "claims.duckdb"
    claims_store(db).close()
    yield from _serve(tmp_path_factory, db)


def _serve(tmp_path_factory, db: Path):
    port = free_port()
    env = {**os.environ, "TIMELINE_DB": str(db)}
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


def open_view(browser, url: str, *, chart: bool = True):
    page = browser.new_page(viewport={"width": 1500, "height": 1050})
    page.goto(url)
    page.wait_for_selector("[data-testid='stMetricValue']", timeout=VIEW_TIMEOUT_MS)
    if chart:
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
        const gd = document.querySelector('.st-key-graph_chart .js-plotly-plot');
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
    area = page.locator(".st-key-timeline_chart .js-plotly-plot .nsewdrag").first.bounding_box()
    for point in page.locator(".st-key-timeline_chart .js-plotly-plot .scatterlayer .point").all():
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


def save_for_readme(page, name: str, tmp_path) -> None:
    """The page's main column (the view, without the sidebar) as docs/NAME.png when UPDATE_SCREENSHOT=1."""
    shot = tmp_path / f"{name}.png"
    page.set_viewport_size({"width": 1500, "height": 1800})  # all of the view in sight: tables draw only what shows
    page.wait_for_timeout(1500)
    page.locator("[data-testid='stMainBlockContainer']").screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        shutil.copy(shot, ROOT / "docs" / f"{name}.png")


def wait_for_count_change(page, before: tuple[int, int]) -> tuple[int, int]:
    page.wait_for_function(
        "shown => !document.querySelector(\"[data-testid='stMetricValue']\").innerText.startsWith(shown + ' of')",
        arg=str(before[0]), timeout=VIEW_TIMEOUT_MS)
    page.wait_for_timeout(1500)
    return shown_count(page)


def timeline_markers(page) -> list[tuple[str, float, float]]:
    """(event id, x, y on the screen) of every event marker drawn in the timeline's window."""
    return [tuple(m) for m in page.evaluate("""() => {
        const gd = document.querySelector('.st-key-timeline_chart .js-plotly-plot');
        const area = gd.querySelector('.nsewdrag').getBoundingClientRect(), out = [];
        gd.querySelectorAll('.scatterlayer .trace').forEach(group => {
            const trace = group.__data__[0].trace;
            if (!trace.customdata) return;
            group.querySelectorAll('.point').forEach(point => {
                const box = point.getBoundingClientRect(), x = box.x + box.width / 2, y = box.y + box.height / 2;
                if (x > area.left && x < area.right && y > area.top && y < area.bottom)
                    out.push([trace.customdata[point.__data__.i], x, y]);
            });
        });
        return out; }""")]


def test_timeline_bars_set_the_dates_and_each_stacked_event_can_be_clicked(server, browser, tmp_path):
    page = open_view(browser, server)
    before = shown_count(page)
    # every marker has a place of its own: none hides another
    markers = timeline_markers(page)
    assert len(markers) >= 8
    for i, (_, x, y) in enumerate(markers):
        for _, x2, y2 in markers[i + 1:]:
            assert abs(x - x2) >= 10 or abs(y - y2) >= 10, (x, y, x2, y2)
    # a day with a stack of events (the seed's 13 March, in Putin's lane): its lowest one opens
    column = max({round(x) for _, x, _ in markers}, key=lambda c: sum(abs(x - c) < 2 for _, x, _ in markers))
    stack = sorted((m for m in markers if abs(m[1] - column) < 2), key=lambda m: m[2])
    assert len(stack) >= 4
    event_id, x, y = stack[-1]
    page.mouse.click(x, y)
    page.wait_for_function("id => window.location.search.includes('event=' + id)", arg=event_id, timeout=VIEW_TIMEOUT_MS)
    page.wait_for_selector("mark#evidence", timeout=VIEW_TIMEOUT_MS)

    page = open_view(browser, server)
    bars = page.locator(".st-key-activity_chart .js-plotly-plot .barlayer .point")
    assert bars.count() >= 2
    # drag across the bars of 13 March: the date range becomes that day
    x0, x1, y = page.evaluate("""() => {
        const gd = document.querySelector('.st-key-activity_chart .js-plotly-plot');
        const xa = gd._fullLayout.xaxis, box = gd.getBoundingClientRect(), size = gd._fullLayout._size;
        const at = day => box.left + size.l + xa.l2p(xa.d2l(day));
        return [at('2025-03-13 02:00'), at('2025-03-13 22:00'), box.top + size.t + size.h / 2]; }""")
    page.mouse.move(x0, y)
    page.mouse.down()
    page.mouse.move(x1, y, steps=8)
    page.mouse.up()
    after = wait_for_count_change(page, before)
    assert after[0] < before[0] and after[1] == before[1]
    assert parse_qs(urlsplit(page.url).query)["from"] == ["2025-03-13"]
    dates = page.locator("[data-testid='stSidebar'] [data-testid='stDateInput']").inner_text()
    assert "".join(dates.split()).endswith("2025/03/13–2025/03/13"), dates
    assert page.locator(".st-key-activity_chart .js-plotly-plot .shapelayer path").count() >= 1  # the range, shaded
    save_for_readme(page, "timeline", tmp_path)


def test_map_names_countries_and_places_and_a_click_filters_to_a_place(server, browser, tmp_path):
    page = open_view(browser, f"{server}/?view=Map")
    before = shown_count(page)
    drawn = page.evaluate("""() => {
        const gd = document.querySelector('.st-key-map_chart .js-plotly-plot');
        return gd.data.map(t => [t.name, t.customdata ? Array.from(t.customdata) : null, Array.from(t.text || [])]); }""")
    countries = next(text for name, ids, text in drawn if name == "countries")
    assert {"Russia", "Belarus", "Poland"} <= set(countries) and "Brazil" not in countries
    places = [(place, text) for name, ids, texts in drawn if ids for place, text in zip(ids, texts)]
    assert {"Ukraine", "Kremlin"} <= {place for place, _ in places}
    assert all(text for _, text in places), "the seed's few places all keep their labels"
    assert page.locator(".st-key-map_chart .legend").count() == 1  # a legend, though one class is drawn
    save_for_readme(page, "map", tmp_path)
    # a click on a place filters the page to it
    page.locator(".st-key-map_chart .scattergeo .point").first.click(force=True)
    after = wait_for_count_change(page, before)
    place = parse_qs(urlsplit(page.url).query)["place"]
    assert len(place) == 1 and place[0] in {p for p, _ in places} and after[0] < before[0]
    assert place[0] in page.locator("[data-testid='stSidebar'] .st-key-f_places").inner_text()


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
    ticks = page.locator(".st-key-timeline_chart .js-plotly-plot .xtick text").all_text_contents()
    assert ticks, "no date ticks drawn"
    assert not any(re.search(r"\d:\d\d:\d\d|\.\d{3}", tick) for tick in ticks), ticks
    page.close()


def test_a_disputed_event_is_ringed_and_its_detail_shows_both_sides(claims_server, browser, tmp_path):
    from claims_fixtures import CLAIM, DENIAL

    page = open_view(browser, claims_server)
    rings = page.evaluate("""() => {
        const gd = document.querySelector('.st-key-timeline_chart .js-plotly-plot');
        const i = gd.data.findIndex(t => t.name === '⚠ disputed');
        if (i < 0) return null;
        const drawn = gd.querySelectorAll('.scatterlayer .trace')[i].querySelectorAll('.point');
        return [Array.from(gd.data[i].customdata), drawn.length]; }""")
    assert rings is not None, "no ring for the disputed event"
    ids, drawn = rings
    assert len(set(ids)) == 1 and drawn == len(ids) == 2
    assert "⚠ disputed" in page.locator(".st-key-timeline_chart .legendtext").all_text_contents()
    assert page.locator(".side").count() == 0
    # clicking the ring opens the event: each side's sentence, with its source and grade
    page.evaluate("""() => {
        const gd = document.querySelector('.st-key-timeline_chart .js-plotly-plot');
        const i = gd.data.findIndex(t => t.name === '⚠ disputed');
        gd.querySelectorAll('.scatterlayer .trace')[i].querySelector('.point').setAttribute('data-ring', '1'); }""")
    page.locator("[data-ring='1']").click(force=True)
    page.wait_for_selector(".side.denial", timeout=VIEW_TIMEOUT_MS)
    assert parse_qs(urlsplit(page.url).query)["event"] == [ids[0]]
    claim, denial = page.locator(".side.claim").inner_text(), page.locator(".side.denial").inner_text()
    assert CLAIM in claim and "TASS" in claim and DENIAL not in claim
    assert DENIAL in denial and "Kyiv Post" in denial
    body = page.locator("[data-testid='stMarkdownContainer']").all_inner_texts()
    assert any("Claimed by Russia" in t for t in body) and any("Denied by Ukraine" in t for t in body)
    page.screenshot(path=str(tmp_path / "disputed.png"), full_page=True)


def test_graph_window_neighbourhood_colour_bar_and_two_way_curves(server, browser, tmp_path):
    page = open_view(browser, f"{server}/?view=Actor+graph")
    assert page.locator(".st-key-graph_chart .colorbar").count() == 1  # what the node colour means
    assert page.locator(".st-key-g_window [data-testid='stSlider']").count() == 1  # the time window
    # the graph around Lukashenko, depth 1: he and the one actor he has events with
    page.locator(".st-key-g_focus").click()
    page.keyboard.type("Lukashenko")
    page.keyboard.press("Enter")
    page.wait_for_function("""() => { const gd = document.querySelector('.st-key-graph_chart .js-plotly-plot');
        const t = gd && (gd.data || []).find(t => t.name === 'actors'); return t && t.text.length === 2; }""",
                           timeout=VIEW_TIMEOUT_MS)
    assert sorted(_graph_nodes(page)[1]) == ["Alexander Lukashenko", "Vladimir Putin"]

    # an article of two sentences written for this test: Trump urges Putin, who backed Trump in the
    # seed, so the pair now acts both ways; and a shelling with a number of dead
    add = open_view(browser, f"{server}/?view=Add+articles", chart=False)
    add.locator(".st-key-paste_text textarea").fill(
        "Russian forces shelled Ukrainian positions in Kharkiv on Wednesday, killing 12 people.\n\n"
        "Donald Trump urged Vladimir Putin on Wednesday to agree to the ceasefire.")
    add.locator(".st-key-paste_title input").fill("Browser test wire")
    add.locator(".st-key-paste_source input").fill("Test wire")
    add.locator(".st-key-paste_published [role='spinbutton'][data-type='year']").click()  # year, month, day
    add.keyboard.type("20250314")
    add.keyboard.press("Tab")
    add.get_by_role("button", name="Add article").click()
    add.get_by_text("1 article added").wait_for(timeout=VIEW_TIMEOUT_MS)

    graph = open_view(browser, f"{server}/?view=Actor+graph")
    relations = graph.evaluate("""() => { const gd = document.querySelector('.st-key-graph_chart .js-plotly-plot');
        const t = gd._fullData.find(t => t.name === 'relations');  // decoded arrays
        return Array.from(t.customdata).map((pair, i) => [pair[0], pair[1], t.x[i], t.y[i]]); }""")
    middle = {(a, b): (x, y) for a, b, x, y in relations}
    ids, names = _graph_nodes(graph)
    putin, trump = (ids[names.index(n)] for n in ("Vladimir Putin", "Donald Trump"))
    assert (putin, trump) in middle and (trump, putin) in middle
    there, back = middle[(putin, trump)], middle[(trump, putin)]
    assert abs(there[0] - back[0]) + abs(there[1] - back[1]) > 0.05, "two curves, not one line drawn twice"
    save_for_readme(graph, "graph", tmp_path)

    table = open_view(browser, f"{server}/?view=Events+table&q=Kharkiv", chart=False)
    grid = table.locator(".st-key-table [data-testid='stDataFrame']")  # not the sidebar's source grades
    grid.wait_for(timeout=VIEW_TIMEOUT_MS)
    table.wait_for_timeout(1500)
    headers = grid.locator("[role='columnheader']").all_text_contents()
    assert {"what", "ACLED", "killed"} <= {h.strip() for h in headers}, headers
    cells = {c.strip() for c in grid.locator("[role='gridcell']").all_text_contents()}
    assert {"Shell", "Explosions/Remote violence", "12", "2025-03-12"} <= cells, cells
    save_for_readme(table, "table", tmp_path)
