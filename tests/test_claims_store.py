"""Claims, denials and source grades in the store, the filters and the exports (hand-built events)."""
from __future__ import annotations

import io
import json

import duckdb
import pandas as pd
import pytest

from claims_fixtures import CLAIM, DENIAL, RUMOUR, claims_store
from store_fixtures import article, event
from timeline.analysis import keydates, query
from timeline.analysis.query import CLAIMS_ONLY, UNDISPUTED, Filters
from timeline.store.sources import SourceError, read_table
from timeline.store.store import Store
from timeline.views import export


@pytest.fixture()
def store():
    return claims_store(":memory:")


def test_a_claim_and_a_denial_from_two_sources_are_one_disputed_happening(store):
    raw = store.events(clustered=False).set_index("sentence")
    claim, denial = raw.loc[CLAIM], raw.loc[DENIAL]
    assert claim["cluster_id"] == denial["cluster_id"]
    for row in (claim, denial):
        assert (row["attribution"], row["claimed_by"], row["denied_by"]) == ("disputed", "Russia", "Ukraine")
        assert "disputed across sources: claimed by Russia, denied by Ukraine" in row["reason"]
    happenings = store.events(clustered=True)
    rep = happenings[happenings["cluster_id"] == claim["cluster_id"]]
    assert list(rep["sentence"]) == [CLAIM], "the claim, not the denial, stands for the happening"
    assert rep["n_sources"].item() == 2


def test_events_that_agree_are_not_disputed(store):
    raw = store.events(clustered=False).set_index("sentence")
    assert raw.loc[RUMOUR, "attribution"] == "claimed" and raw.loc[RUMOUR, "claimed_by"] == ""
    assert (raw["attribution"] == "disputed").sum() == 2


def test_every_event_carries_its_sources_grade_unknown_is_F(store):
    raw = store.events(clustered=False).set_index("source")
    assert raw.loc["TASS", "source_grade"] == "D" and raw.loc["AP News", "source_grade"] == "B"
    assert raw.loc["Kyiv Post", "source_grade"] == "C"
    assert raw.loc["Frontline Blog", "source_grade"] == "F" and raw.loc["Frontline Blog", "source_weight"] == 0.8
    assert (raw["confidence"] == raw["confidence"].round(2)).all(), "the extractor's confidence is left as it was"


def test_grades_persist_in_the_store_and_follow_aliases(tmp_path):
    path = tmp_path / "s.duckdb"
    claims_store(path).grade_source("frontline blog", "e", kind="online")
    reopened = Store(path)
    sources = reopened.sources().set_index("outlet")
    assert sources.loc["Frontline Blog", "grade"] == "E" and sources.loc["Frontline Blog", "origin"] == "analyst"
    assert reopened.events(clustered=False).set_index("source").loc["Frontline Blog", "source_grade"] == "E"
    reopened.grade_source("Associated Press", "A")  # an alias of AP News
    assert reopened.sources().set_index("outlet").loc["AP News", "grade"] == "A"
    assert "Associated Press" not in set(reopened.sources()["outlet"])


def test_a_bad_grade_says_which_are_valid(store):
    with pytest.raises(SourceError, match="choose from A, B, C, D, E, F"):
        store.grade_source("TASS", "Z")
    with pytest.raises(SourceError, match="choose from wire"):
        store.grade_source("TASS", "D", kind="blog")
    with pytest.raises(SourceError, match="outlet name"):
        store.grade_source("  ", "D")


def test_the_shipped_table_is_valid_and_has_the_corpus_outlets():
    table = read_table()
    assert {"AP News", "BBC News", "Al Jazeera", "AAP", "TASS"} <= set(table["outlet"])
    assert set(table["grade"]) <= set("ABCDEF") and table["outlet"].is_unique


def test_filters_claims_only_exclude_disputed_who_says_and_grade(store):
    df = query.normalize(store.events(clustered=False))

    def kept(**kw) -> set[str]:
        return set(query.apply(df, Filters(include_contexts=("negated",), **kw))["sentence"])

    assert kept(attributions=CLAIMS_ONLY) == {CLAIM, DENIAL, RUMOUR}
    assert kept(attributions=UNDISPUTED) == set(df["sentence"]) - {CLAIM, DENIAL}
    assert kept(claimants=("Ukraine",)) == {CLAIM, DENIAL}
    assert kept(claimants=("Hamas",)) == set()
    assert kept(grades=("F",)) == {RUMOUR}
    assert kept(grades=("B", "D")) == set(df["sentence"]) - {RUMOUR, DENIAL}
    # minimum confidence weighs the grade: 0.85 from TASS (D, x0.75) is 0.64
    assert CLAIM not in kept(min_confidence=0.7) and CLAIM in kept(min_confidence=0.6)
    assert query.claimants(df) == ["Russia", "Ukraine"]


def test_who_says_so_goes_into_the_url_and_back():
    f = Filters(attributions=CLAIMS_ONLY, claimants=("Russia",), grades=("A", "B"))
    params = f.to_params()
    assert params["attr"] == list(CLAIMS_ONLY) and params["says"] == ["Russia"] and params["grade"] == ["A", "B"]
    back, problems = Filters.from_params(params)
    assert back == f and not problems
    back, problems = Filters.from_params({"attr": ["rumoured"], "grade": ["z", "c"]})
    assert back.attributions == () and back.grades == ("C",)
    assert any("attr='rumoured'" in p for p in problems) and any("grade='Z'" in p for p in problems)
    with pytest.raises(ValueError, match="choose from"):
        Filters(grades=("G",))


def test_exports_carry_who_says_so_and_the_grade(store):
    df = query.normalize(store.events(clustered=False))
    rows = pd.read_csv(io.BytesIO(export.to_csv(df)), keep_default_na=False).set_index("sentence")
    assert rows.loc[CLAIM, "attribution"] == "disputed" and rows.loc[CLAIM, "claimed_by"] == "Russia"
    assert rows.loc[DENIAL, "denied_by"] == "Ukraine" and rows.loc[CLAIM, "source_grade"] == "D"
    data = {r["sentence"]: r for r in json.loads(export.to_json(df))}
    assert data[RUMOUR]["attribution"] == "claimed" and data[RUMOUR]["source_grade"] == "F"
    acled = pd.read_csv(io.BytesIO(export.to_acled_csv(df))).set_index("source")
    assert acled.loc["TASS", "notes"] == f"[disputed: claimed by Russia, denied by Ukraine] {CLAIM}"
    assert acled.loc["Frontline Blog", "notes"] == f"[claimed by unnamed sources] {RUMOUR}"
    assert acled.loc["AP News", "notes"].startswith("Putin met")


def test_key_dates_weigh_votes_by_the_source_grade(store):
    df = store.events(clustered=False)
    graded = {kd.date: kd.score for kd in keydates.rank(df, top=None)}
    flat = {kd.date: kd.score for kd in keydates.rank(df.assign(source_weight=1.0), top=None)}
    assert graded.keys() == flat.keys() and all(graded[d] <= flat[d] for d in graded)
    assert any(graded[d] < flat[d] for d in graded)


def test_regression_store_from_before_attribution_migrates(tmp_path):
    """A store file written before claims existed opens: events read 'reported', grades are seeded,
    and its articles count as changed so ingesting them again re-extracts them."""
    path = tmp_path / "old.duckdb"
    with Store(path) as new:
        art = article("a1", "Putin said he backed the plan.")
        new.add_extracted(art, [event(art, "Putin said he backed the plan.")])
    con = duckdb.connect(str(path))
    for column in ("attribution", "claimed_by", "denied_by"):
        con.execute(f"ALTER TABLE events DROP COLUMN {column}")
    con.execute("DROP TABLE sources")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    old = Store(path)
    events = old.events(clustered=False)
    assert list(events["attribution"]) == ["reported"] and list(events["claimed_by"]) == [""]
    assert "TASS" in set(old.sources()["outlet"])
    assert old.statuses([art]) == ["replaced"]
    with old._connect() as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("2",)]


def test_regression_read_only_store_from_before_attribution_opens(tmp_path):
    """Opened read-only, an older store cannot be migrated: it still reads, with the defaults."""
    path = tmp_path / "old.duckdb"
    with Store(path) as new:
        art = article("a1", "Putin said he backed the plan.", source="TASS")
        new.add_extracted(art, [event(art, "Putin said he backed the plan.")])
    con = duckdb.connect(str(path))
    for column in ("attribution", "claimed_by", "denied_by"):
        con.execute(f"ALTER TABLE events DROP COLUMN {column}")
    con.execute("DROP TABLE sources")
    con.close()
    with Store(path, read_only=True) as old:
        events = query.normalize(old.events(clustered=False))
    assert list(events["attribution"]) == ["reported"] and list(events["source_grade"]) == ["D"]


def test_regression_key_dates_of_no_events_need_no_source_weight():
    """The bug: ranking an empty frame failed on the source_weight column (the brief of nothing)."""
    assert keydates.rank(pd.DataFrame(), top=3) == []
