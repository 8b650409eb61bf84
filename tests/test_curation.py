"""Analyst edits on a real store file: correct, delete, merge actors, undo, persistence, re-extraction."""
from __future__ import annotations

from datetime import date

import pytest
from store_fixtures import article, event

from timeline.store.curation import EditError
from timeline.store.store import Store

TEXT = "Putin said he backed the plan. Lukashenko joked about it."


def stored(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    art = article("aap", TEXT, source="AAP")
    ev1 = event(art, "Putin said he backed the plan.", start=date(2025, 3, 13), actor2="Q30",
                actor2_name="United States")
    ev2 = event(art, "Lukashenko joked about it.", actor1="Q26231", actor1_name="Alexander Lukashenko",
                actor2="Q7747", actor2_name="Vladimir Putin", event_type="CONSULT", trigger="joke",
                start=date(2025, 3, 13), offset=31)
    store.add_extracted(art, [ev1, ev2])
    return store, art, ev1, ev2


def row(store, event_id):
    events = store.events(clustered=False)
    match = events[events["event_id"] == event_id]
    return None if match.empty else match.iloc[0]


def test_type_edit_changes_type_and_quad_class_and_is_logged(tmp_path):
    store, _, ev1, _ = stored(tmp_path)
    edit_id = store.edit_event(ev1.event_id, "type", "reject")
    edited = row(store, ev1.event_id)
    assert edited["event_type"] == "REJECT" and edited["quad_class"] == 3 and edited["edited"]
    assert f"analyst: edit event_type (edit {edit_id})" in edited["reason"]
    log = store.edits()
    assert log.iloc[0]["action"] == "edit" and log.iloc[0]["value"] == '"REJECT"'
    assert log.iloc[0]["previous"] == '"SUPPORT"' and log.iloc[0]["edited_at"] is not None
    with pytest.raises(EditError, match="valid types: AGREE, CONSULT"):
        store.edit_event(ev1.event_id, "type", "HUG")
    with pytest.raises(EditError, match="editable fields: event_type, date, actor1"):
        store.edit_event(ev1.event_id, "sentence", "x")
    with pytest.raises(EditError, match="no event"):
        store.edit_event("nope", "type", "AGREE")


def test_date_edits_set_span_and_precision(tmp_path):
    store, _, ev1, _ = stored(tmp_path)
    store.edit_event(ev1.event_id, "date", "2025-02")
    edited = row(store, ev1.event_id)
    assert (edited["date_start"].date(), edited["date_end"].date()) == (date(2025, 2, 1), date(2025, 2, 28))
    assert edited["date_precision"] == "month" and edited["date_value"] == "2025-02"
    store.edit_event(ev1.event_id, "date", {"date_start": "2025-03-10", "date_end": "2025-03-12"})
    assert row(store, ev1.event_id)["date_precision"] == "range"
    for bad in ("13 March", "2025-02-30", {"date_start": "2025-03-12", "date_end": "2025-03-01"}):
        with pytest.raises(EditError):
            store.edit_event(ev1.event_id, "date", bad)


def test_actor_edits_take_known_names_and_refuse_unknown_ids(tmp_path):
    store, _, ev1, _ = stored(tmp_path)
    store.edit_event(ev1.event_id, "actor2", "Q26231")
    assert row(store, ev1.event_id)["actor2_name"] == "Alexander Lukashenko"
    store.edit_event(ev1.event_id, "actor2", {"id": "Q212", "name": "Ukraine"})
    assert row(store, ev1.event_id)["actor2"] == "Q212"
    with pytest.raises(EditError, match="unknown actor 'Q999'"):
        store.edit_event(ev1.event_id, "actor1", "Q999")
    with pytest.raises(EditError, match="cannot be empty"):
        store.edit_event(ev1.event_id, "actor1", "")


def test_delete_then_undo_restores_the_event(tmp_path):
    store, _, ev1, ev2 = stored(tmp_path)
    edit_id = store.delete_event(ev1.event_id)
    assert row(store, ev1.event_id) is None and row(store, ev2.event_id) is not None
    assert store.counts()["events"] == 1
    store.undo(edit_id)
    assert row(store, ev1.event_id) is not None
    assert store.edits().iloc[0]["undone_at"] is not None
    with pytest.raises(EditError, match="already undone"):
        store.undo(edit_id)


def test_merging_actors_renames_their_events_and_can_be_undone(tmp_path):
    store, _, ev1, ev2 = stored(tmp_path)
    edit_id = store.merge_actors("Q7747", "Q26231")
    assert row(store, ev2.event_id)["actor1"] == "Q7747"
    assert row(store, ev2.event_id)["actor1_name"] == "Vladimir Putin"
    assert row(store, ev2.event_id)["actor1_text"] == "Lukashenko", "the words in the text stay as written"
    actors = store.actors().set_index("id")
    assert actors.loc["Q26231", "alias_of"] == "Q7747" and actors.loc["Q26231", "name"] == "Alexander Lukashenko"
    assert actors.loc["Q7747", "n_events"] == 3
    store.undo(edit_id)
    assert row(store, ev2.event_id)["actor1"] == "Q26231"
    with pytest.raises(EditError, match="unknown actor"):
        store.merge_actors("Q7747", "Q0")


def test_edits_persist_in_the_file_and_survive_re_extraction(tmp_path):
    store, art, ev1, ev2 = stored(tmp_path)
    store.edit_event(ev1.event_id, "type", "AGREE")
    store.delete_event(ev2.event_id)
    store.close()
    reopened = Store(tmp_path / "t.duckdb")
    assert len(reopened.edits()) == 2
    # the article comes back with more text: its first sentence keeps its offsets, so its event its id
    longer = article("aap", TEXT + " Zelensky said he would wait.", source="AAP")
    same = event(longer, "Putin said he backed the plan.", start=date(2025, 3, 13), actor2="Q30",
                 actor2_name="United States")
    assert same.event_id == ev1.event_id
    assert reopened.add_extracted(longer, [same]).outcome == "replaced"
    events = reopened.events(clustered=False)
    assert list(events["event_type"]) == ["AGREE"]
    assert reopened.events().iloc[0]["event_type"] == "AGREE", "the export view carries the edit"


def test_exports_carry_edited_values(tmp_path):
    import json

    from timeline.views import export

    store, _, ev1, ev2 = stored(tmp_path)
    store.edit_event(ev1.event_id, "date", "2025-02")
    store.delete_event(ev2.event_id)
    rows = json.loads(export.export(store.events(), "json"))
    assert [(r["event_id"], r["date_start"], r["date_precision"]) for r in rows] == [
        (ev1.event_id, "2025-02-01", "month")]
    acled = export.export(store.events(), "acled.csv").decode()
    assert "2025-02-01" in acled and "Lukashenko joked" not in acled


def test_read_only_store_refuses_edits(tmp_path):
    store, _, ev1, _ = stored(tmp_path)
    store.close()
    with pytest.raises(Exception, match="read-only"):
        Store(tmp_path / "t.duckdb", read_only=True).edit_event(ev1.event_id, "type", "AGREE")


def test_merged_actors_cluster_as_one(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    aap = article("aap", "Putin said he backed the plan.", source="AAP", published=date(2025, 3, 13))
    bbc = article("bbc", "The Russian leader backed the plan.", source="BBC", published=date(2025, 3, 13))
    store.add_extracted(aap, [event(aap, "Putin said he backed the ceasefire plan in principle.",
                                    start=date(2025, 3, 13))])
    store.add_extracted(bbc, [event(bbc, "The Russian leader backed the ceasefire plan in principle.",
                                    actor1="new:russian-leader", actor1_name="Russian leader",
                                    start=date(2025, 3, 13))])
    assert len(store.events()) == 2, "two actor ids: two clusters"
    edit_id = store.merge_actors("Q7747", "new:russian-leader")
    merged = store.events()
    assert len(merged) == 1 and merged.iloc[0]["n_sources"] == 2
    store.undo(edit_id)
    assert len(store.events()) == 2
