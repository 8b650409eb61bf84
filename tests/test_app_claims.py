"""The dashboard on claims and denials (AppTest): a disputed event is marked and its two sides are
shown, the who-says-so filters and the source grades work and go into the URL."""
from __future__ import annotations

import json

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from claims_fixtures import CLAIM, DENIAL, REPORT, RUMOUR, claims_store
from conftest import ROOT
from timeline.store.store import Store

APP = str(ROOT / "app.py")


@pytest.fixture()
def db(tmp_path, monkeypatch):
    path = tmp_path / "claims.duckdb"
    claims_store(path).close()
    monkeypatch.setenv("TIMELINE_DB", str(path))
    monkeypatch.delenv("TIMELINE_MODE", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    return path


def run(params: dict | None = None, view: str = "") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    if view:
        at.query_params["view"] = view
    at.run()
    assert not at.exception, at.exception
    return at


def param(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def count(at: AppTest) -> int:
    return int(at.metric[0].value.split(" of ")[0])


def table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "who says so" in d.value.columns or "said" in d.value.columns)


def claim_id(db) -> str:
    raw = Store(db).events(clustered=False)
    return raw.loc[raw["sentence"] == CLAIM, "event_id"].item()


def test_the_table_marks_the_disputed_event(db):
    at = run(view="Events table")
    rows = table(at).set_index("sentence")
    assert rows.loc[CLAIM, "said"] == "⚠ disputed: claimed by Russia, denied by Ukraine"
    assert rows.loc[RUMOUR, "said"] == "claimed by unnamed sources"
    assert rows.loc[REPORT, "said"] == ""
    assert DENIAL not in rows.index, "the denial is the other side of the same happening, not a row of its own"
    assert rows.loc[CLAIM, "source_grade"] == "D" and rows.loc[RUMOUR, "source_grade"] == "F"


def test_the_timeline_rings_the_disputed_event(db):
    at = run()
    traces = [t for chart in at.get("plotly_chart") for t in json.loads(chart.proto.spec)["data"]]  # bars, lanes
    rings = [t for t in traces if t.get("name") == "⚠ disputed"]
    # one ring per lane the event sits in: Ukraine acts, Russia is acted on
    assert len(rings) == 1 and rings[0]["customdata"] == [claim_id(db)] * 2
    assert "⚠ disputed" in rings[0]["hovertext"][0] and "denied by Ukraine" in rings[0]["hovertext"][0]


def test_the_detail_shows_each_sides_sentence(db):
    at = run({"event": claim_id(db)})
    text = " ".join(m.value for m in at.markdown).replace("\\", "")  # names are escaped for Markdown
    assert "**Claimed by Russia**" in text and "**Denied by Ukraine**" in text
    assert "Who says so:** disputed: claimed by Russia, denied by Ukraine" in text
    assert "Source grade:** D — not usually reliable" in text
    sides = [h.proto.body for h in at.get("html") if 'class="side' in h.proto.body]
    claim = [b for b in sides if 'class="side claim"' in b]
    denial = [b for b in sides if 'class="side denial"' in b]
    assert len(claim) == 1 and "TASS · grade D" in claim[0] and "Russia&#x27;s defence ministry said" in claim[0]
    assert len(denial) == 1 and "Kyiv Post · grade C" in denial[0] and "denied that its drones" in denial[0]


def test_an_undisputed_event_shows_no_sides(db):
    raw = Store(db).events(clustered=False)
    at = run({"event": raw.loc[raw["sentence"] == REPORT, "event_id"].item()})
    text = " ".join(m.value for m in at.markdown)
    assert "Source grade:** B — usually reliable" in text and "Who says so" not in text
    assert not [h for h in at.get("html") if 'class="side' in h.proto.body]


def test_who_says_so_filters_change_the_count_and_the_url(db):
    at = run()
    total = count(at)
    assert total == 3  # three happenings; the denial is a side of the first
    at.radio(key="f_says").set_value("claims").run()
    assert count(at) == 2 and param(at, "attr") == ["claimed", "denied", "disputed"]
    at.radio(key="f_says").set_value("undisputed").run()
    assert count(at) == 2
    at.radio(key="f_says").set_value("disputed").run()
    assert count(at) == 1
    at.radio(key="f_says").set_value("all").run()
    assert "attr" not in at.query_params
    at.multiselect(key="f_claimants").set_value(["Ukraine"]).run()
    assert count(at) == 1 and param(at, "says") == ["Ukraine"]
    at.multiselect(key="f_claimants").set_value([]).run()
    at.multiselect(key="f_grades").set_value(["F"]).run()
    assert count(at) == 1 and param(at, "grade") == ["F"]


def test_a_link_with_who_says_so_opens_the_same_view(db):
    at = run({"attr": ["claimed", "denied", "disputed"], "says": "Russia", "grade": "D"})
    assert at.radio(key="f_says").value == "claims"
    assert at.multiselect(key="f_claimants").value == ["Russia"] and at.multiselect(key="f_grades").value == ["D"]
    assert count(at) == 1
    at = run({"says": "Nobody", "attr": "denied"})
    warnings = " ".join(w.value for w in at.warning).replace("\\", "")  # shown as text: Markdown escaped
    assert "says='Nobody'" in warnings and "attr=['denied']" in warnings
    assert count(at) == 3


def test_grading_a_source_from_the_sidebar_is_kept(db):
    at = run()
    at.selectbox(key="grade_outlet").set_value("Frontline Blog")
    at.selectbox(key="grade_value").set_value("E")
    at.selectbox(key="grade_kind").set_value("online")
    at.button(key="FormSubmitter:grade_form-Save grade").click().run()
    assert not at.exception and not at.error
    sources = Store(db).sources().set_index("outlet")
    assert sources.loc["Frontline Blog", "grade"] == "E" and sources.loc["Frontline Blog", "kind"] == "online"
    at.multiselect(key="f_grades").set_value(["E"]).run()
    assert count(at) == 1
