"""The dashboard against hostile and broken input (issue 17): article text is shown as text, never as
Markdown; failures are one line on the page, never a traceback; a bad item of an upload fails alone."""
from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from sample_events import sample
from test_app import _add_with, app_store, count, fetch_report, run
from timeline.schema import Article
from timeline.store import store as store_module
from timeline.store.store import Store

BEACON = "![t](http://tracker.example/x.png)"
LINK = "[click me](http://evil.example/login)"
HOSTILE_SENTENCE = f"Putin held talks with Lukashenko {BEACON} in Moscow <http://evil.example/auto>."


def hostile_articles() -> list[tuple[Article, list]]:
    """The sample events; the first one's article has a beacon for a title, a link for a source, and
    Markdown in its evidence sentence and date as written."""
    pairs = []
    for i, ev in enumerate(sample()):
        if i == 0:
            ev = dataclasses.replace(ev, sentence=HOSTILE_SENTENCE, source=LINK, date_text=f"on {BEACON}",
                                     actor1_name=f"**{ev.actor1_name}**", url="http://example.org/a(b) c")
        art = Article(id=f"art-{ev.event_id}", text=ev.sentence + " More words.", source=ev.source,
                      title=BEACON if i == 0 else f"Title {ev.event_id}", published=ev.published)
        pairs.append((art, [dataclasses.replace(ev, article_id=art.id, sent_start=0, sent_end=len(ev.sentence))]))
    return pairs


@pytest.fixture()
def hostile_db(tmp_path, monkeypatch):
    return app_store(tmp_path / "hostile.duckdb", monkeypatch, hostile_articles())


def markdown_sources(at: AppTest) -> list[str]:
    """Every string the page hands to Streamlit's Markdown renderer."""
    texts = [e.value for kind in ("markdown", "caption", "subheader", "warning", "error", "info", "success")
             for e in getattr(at, kind)]
    return texts + [b.label for b in at.button]


def rendered(at: AppTest) -> str:
    md = MarkdownIt("commonmark")
    return "\n".join(md.render(text) for text in markdown_sources(at))


def test_markdown_injection_article_fields_are_shown_as_text(hostile_db):
    """Issue 17: a title "![t](http://host/x.png)" loaded a remote image in the event detail."""
    at = run({"event": "e001"})
    html = rendered(at)
    assert "<img" not in html and "tracker.example/x.png\"" not in html
    assert 'href="http://evil.example' not in html, "no link comes from the article"
    assert "<strong>Vladimir Putin" not in html, "no styling comes from the article"
    assert "![t](http://tracker.example/x.png)" in html, "the title is shown, as written"
    assert "[click me](http://evil.example/login)" in html, "the source is shown, as written"
    assert 'href="http://example.org/a%28b%29%20c"' in html, "the article's own address stays a link"


def test_markdown_injection_key_dates_show_the_sentence_as_text(hostile_db):
    at = run({"view": "Key dates"})
    sources = markdown_sources(at)
    assert any("tracker" in text for text in sources), "the hostile sentence is among the key dates' summaries"
    html = rendered(at)
    assert "<img" not in html and 'href="http://evil.example' not in html


def test_markdown_injection_link_parameters_are_shown_as_text(hostile_db):
    at = run({"event": BEACON, "actor": LINK})
    html = rendered(at)
    assert "<img" not in html and "<a " not in html
    assert any("is not in the data" in w.value for w in at.warning)


HOLD = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('holding', flush=True); time.sleep(60)"


def test_event_detail_while_another_process_holds_the_store_is_a_message_not_a_traceback(hostile_db):
    """Issue 17: the event detail showed a StoreBusy traceback while a CLI ingest ran."""
    at = run()
    for held in list(store_module._HOLDING):  # the page's store lets go of the file, as after 2 s idle
        held.lock_timeout = 0.5
        held.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(hostile_db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        at.query_params["event"] = "e002"
        at.session_state["event"] = "e002"
        at.run()
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "in use by another process" in errors[0] and "try again" in errors[0]
    assert "Traceback" not in "\n".join(markdown_sources(at)) and "/site-packages/" not in errors[0]
    assert count(run())[1] > 0, "with the file free again the page reads it"


def test_upload_with_a_lone_surrogate_line_adds_every_article(hostile_db, monkeypatch):
    """Issue 17: an upload holding "\\ud800" showed a traceback and lost the good file of the same upload."""
    from store_fixtures import slow_extract
    monkeypatch.setattr(Store, "add", _add_with(slow_extract()))
    at = run({"view": "Add articles"})
    bad = (b'{"id": "s1", "text": "Putin met Trump in Riyadh on Tuesday.", "published": "2025-03-18"}\n'
           b'{"id": "s2", "text": "Zelensky said \\ud800 Ukraine would accept the plan.", "published": "2025-03-18"}\n')
    at.file_uploader(key="upload").set_value([("dates.jsonl", bad, "application/json"),
                                              ("good.txt", b"Lukashenko visited Moscow on Friday.", "text/plain")])
    at.run()
    at.button(key="add_files").click().run()
    assert not at.exception, at.exception
    report = at.dataframe[0].value
    assert list(report["outcome"]) == ["added", "added", "added"], report
    assert {"s1", "s2"} <= set(Store(hostile_db).articles()["id"])


def test_url_typo_in_fetch_is_a_failed_item_not_a_traceback(hostile_db):
    """Issue 17: "http://[::1" raised ValueError on the page."""
    report = fetch_report("http://[::1")
    assert list(report["outcome"]) == ["failed"] and report["detail"].iloc[0] == "malformed URL: Invalid IPv6 URL"


def test_an_unforeseen_failure_in_a_view_is_one_line_and_logged(hostile_db, monkeypatch, caplog):
    from timeline.views import maps

    def broken(*args, **kwargs):
        raise RuntimeError("figure failed\n  File \"/srv/app/secret.py\", line 1")

    monkeypatch.setattr(maps, "map_figure", broken)
    at = run({"view": "Map"})
    assert [e.value for e in at.error] == ["Showing this view failed: figure failed."]
    assert any(r.exc_info and "figure failed" in str(r.exc_info[1]) for r in caplog.records), "the traceback is logged"
