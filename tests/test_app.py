"""The dashboard under streamlit.testing.v1.AppTest.

Most tests run on a store file filled with the hand-built sample events (no model needed), so the
expected counts come from that data with plain pandas, independently of ``timeline.query``. One test
opens the app as a first-time visitor does: on the seed, extracted at start.
"""
from __future__ import annotations

import dataclasses
import html
from datetime import date

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from sample_events import LUKASHENKO, PUTIN, TRUMP, UKRAINE, sample
from timeline.schema import Article
from timeline.store import Store

APP = str(ROOT / "app.py")
SCRIPT_ARTICLE = "Intro <script>alert('owned')</script> paragraph.\n\n"


def sample_articles() -> list[tuple[Article, list]]:
    """One article per sample event; the first also carries markup that must be shown as text."""
    pairs = []
    for i, ev in enumerate(sample()):
        prefix = SCRIPT_ARTICLE if i == 0 else ""
        text = prefix + ev.sentence + " More words follow here."
        art = Article(id=f"art-{ev.event_id}", text=text, title=f"Title {ev.event_id}", source=ev.source,
                      published=ev.published)
        pairs.append((art, [dataclasses.replace(ev, article_id=art.id, sent_start=len(prefix),
                                                sent_end=len(prefix) + len(ev.sentence))]))
    return pairs


@pytest.fixture()
def db(tmp_path, monkeypatch):
    path = tmp_path / "sample.duckdb"
    Store(path).load_extracted(sample_articles())
    monkeypatch.setenv("TIMELINE_DB", str(path))
    monkeypatch.delenv("TIMELINE_MODE", raising=False)
    st.cache_resource.clear()  # AppTest runs share the process's caches: no store from another test
    st.cache_data.clear()
    return path


@pytest.fixture()
def data(db) -> pd.DataFrame:
    """What the app shows by default: one row per cluster (happening)."""
    return Store(db).events(clustered=True)


def run(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def count(at: AppTest) -> tuple[int, int]:
    shown, total = at.metric[0].value.split(" of ")
    return int(shown), int(total)


def param(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def factual(df: pd.DataFrame) -> pd.DataFrame:
    return df[~df["context"].isin(["future", "hypothetical", "negated"])]


def test_opens_with_the_default_count(db, data):
    at = run()
    assert count(at) == (len(factual(data)), len(data))
    assert at.title[0].value == "Conflict timeline"
    assert not at.warning


@pytest.mark.parametrize("key, value, keep", [
    ("f_actors", [UKRAINE], lambda d: (d["actor1"] == UKRAINE) | (d["actor2"] == UKRAINE)),
    ("f_types", ["ASSAULT"], lambda d: d["event_type"] == "ASSAULT"),
    ("f_quads", [4], lambda d: d["quad_class"] == 4),
    ("f_sources", ["BBC"], lambda d: d["source"] == "BBC"),
    ("f_conf", 0.85, lambda d: d["confidence"] >= 0.85),
    ("f_text", "kremlin", lambda d: d["sentence"].str.lower().str.contains("kremlin")),
])
def test_each_filter_changes_the_count(db, data, key, value, keep):
    at = run()
    widget = at.multiselect(key=key) if key in ("f_actors", "f_types", "f_quads", "f_sources") else \
        at.slider(key=key) if key == "f_conf" else at.text_input(key=key)
    widget.set_value(value).run()
    assert not at.exception
    expected = factual(data)[keep(factual(data))]
    assert count(at) == (len(expected), len(data))
    assert 0 < len(expected) < len(factual(data))  # the filter really narrows


def test_context_toggles_bring_events_back(db, data):
    at = run()
    base = count(at)[0]
    at.toggle(key="f_future").set_value(True).run()
    assert count(at)[0] == base + int((data["context"] == "future").sum())
    at.toggle(key="f_hypothetical").set_value(True)
    at.toggle(key="f_negated").set_value(True)
    at.run()
    assert count(at) == (len(data), len(data))


def test_date_range_keeps_overlapping_spans(db, data):
    at = run()
    at.date_input(key="f_dates").set_value((date(2025, 3, 13), date(2025, 3, 31))).run()
    d = factual(data)
    expected = d[(d["date_end"] >= "2025-03-13") & (d["date_start"] <= "2025-03-31")]
    assert count(at)[0] == len(expected) > 0
    assert count(at)[0] < len(d)


def test_raw_switch_counts_reports(db):
    raw = Store(db).events(clustered=False)
    at = run()
    at.toggle(key="raw").set_value(True).run()
    assert count(at) == (len(factual(raw)), len(raw))
    assert param(at, "raw") == ["1"]


def test_url_sets_the_filters_and_the_widgets_write_it_back(db, data):
    at = run({"actor": [TRUMP, LUKASHENKO], "quad": "1", "include": "hypothetical"})
    d = data[data["context"].isin(["", "historical", "hypothetical"])]
    expected = d[(d["actor1"].isin([TRUMP, LUKASHENKO]) | d["actor2"].isin([TRUMP, LUKASHENKO])) & (d["quad_class"] == 1)]
    assert count(at)[0] == len(expected) > 0
    assert at.multiselect(key="f_actors").value == [TRUMP, LUKASHENKO]
    assert at.toggle(key="f_hypothetical").value is True
    at.multiselect(key="f_actors").set_value([PUTIN]).run()
    assert param(at, "actor") == [PUTIN]


def test_bad_url_parameters_are_reported_not_fatal(db, data):
    at = run({"quad": "9", "actor": "Q000"})
    messages = " ".join(w.value for w in at.warning)
    assert "quad='9'" in messages and "Q000" in messages
    assert count(at)[0] == len(factual(data))


def test_detail_escapes_the_article_and_marks_the_evidence(db):
    at = run({"event": "e001"})
    body = " ".join(h.proto.body for h in at.get("html"))
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in body
    assert "<script>" not in body
    assert '<mark id="evidence">Putin held talks with Lukashenko in Moscow.</mark>' in body
    assert any("Putin" in s.value and "CONSULT" in s.value for s in at.subheader)
    assert param(at, "event") == ["e001"]


def test_upload_reports_the_bad_file_and_adds_the_good_ones(db, monkeypatch):
    # Extraction is not what this test is about: a stand-in gives one event per article.
    from store_fixtures import slow_extract
    monkeypatch.setattr(Store, "add", _add_with(slow_extract()))
    at = run({"view": "Add articles"})
    good = b'{"title": "Talks resume", "source": "Wire", "published": "2025-03-20", "text": "Putin met Trump in Riyadh."}\n'
    at.file_uploader(key="upload").set_value([("good.jsonl", good, "application/json"),
                                              ("bad.bin", b"\x00\x01\x02\xff" * 50, "application/octet-stream"),
                                              ("note.txt", b"Lukashenko visited Moscow on Friday.", "text/plain")])
    at.run()
    at.button(key="add_files").click().run()
    assert not at.exception, at.exception
    assert [w.value for w in at.warning] == ["2 article(s) added, 1 item(s) failed, 0 unchanged."]
    report = at.dataframe[0].value
    failed = report[report["outcome"] == "failed"]
    assert list(failed["item"].str.split(",").str[0]) == ["bad.bin"] and failed["detail"].iloc[0]
    added = sorted(report.loc[report["outcome"] == "added", "item"])
    assert len(added) == 2 and added[0] == "good.jsonl: Talks resume" and added[1].startswith("note.txt: ")
    assert count(at)[1] == len(Store(db).events(clustered=True))


def _add_with(extract):
    original = Store.add

    def add(self, articles, nlp, **kwargs):
        return original(self, articles, nlp, extract=extract, **{k: v for k, v in kwargs.items() if k != "extract"})
    return add
