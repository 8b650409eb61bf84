"""Analyst edits on a real store file: correct, delete, merge actors, undo, persistence, re-extraction."""
from __future__ import annotations

from datetime import date

import pandas as pd
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


def three_reports(tmp_path):
    """One happening reported by three outlets (one cluster), and an unrelated event."""
    store = Store(tmp_path / "t.duckdb")
    reports = []
    for art_id, source in (("aap", "AAP"), ("bbc", "BBC"), ("aj", "Al Jazeera")):
        art = article(art_id, f"On Thursday Putin said he backed the ceasefire plan in principle. ({source})",
                      source=source, published=date(2025, 3, 14))
        ev = event(art, "On Thursday Putin said he backed the ceasefire plan in principle.",
                   start=date(2025, 3, 13), basis="relative", date_text="On Thursday")
        store.add_extracted(art, [ev])
        reports.append(ev)
    other = article("tass", "Lukashenko joked about it.", source="TASS")
    store.add_extracted(other, [event(other, "Lukashenko joked about it.", actor1="Q26231",
                                      actor1_name="Alexander Lukashenko", event_type="CONSULT", trigger="joke",
                                      start=date(2025, 3, 13))])
    return store, reports


def test_correcting_one_report_does_not_split_its_merged_event(tmp_path):
    """The bug: editing the type of an event merged across sources turned "1 of 25" into "2 of 26"."""
    store, reports = three_reports(tmp_path)
    before = store.events()
    assert len(before) == 2 and before["n_sources"].max() == 3
    rep = before[before["n_sources"] == 3].iloc[0]
    edit_id = store.edit_event(rep["event_id"], "type", "AGREE")
    after = store.events()
    assert len(after) == 2 and after["n_sources"].max() == 3  # still one happening, three sources
    assert set(store.events(clustered=False).set_index("event_id").loc[[r.event_id for r in reports],
                                                                        "event_type"]) == {"AGREE"}
    assert "(all 3 reports)" in store.edits().iloc[-1]["description"]
    store.undo(edit_id)
    # asked for one report only: that report alone changes (and leaves the happening)
    store.edit_event(rep["event_id"], "type", "REJECT", scope="report")
    raw = store.events(clustered=False).set_index("event_id")
    assert raw.loc[rep["event_id"], "event_type"] == "REJECT"
    assert (raw.loc[[r.event_id for r in reports if r.event_id != rep["event_id"]], "event_type"] == "SUPPORT").all()
    with pytest.raises(EditError, match="valid: happening, report"):
        store.edit_event(rep["event_id"], "type", "AGREE", scope="cluster")


def test_deleting_a_happening_deletes_every_report_and_undo_brings_them_back(tmp_path):
    store, reports = three_reports(tmp_path)
    edit_id = store.delete_event(reports[1].event_id)
    assert len(store.events()) == 1 and len(store.events(clustered=False)) == 1  # only TASS's event
    store.undo(edit_id)
    assert len(store.events(clustered=False)) == 4


def test_every_correction_keeps_who_why_and_a_note_and_reads_as_words(tmp_path):
    store, _, ev1, _ = stored(tmp_path)
    edit_id = store.edit_event(ev1.event_id, "type", "reject", author="Ann Analyst", reason="wrong type",
                               note="The source says he rejected it; see paragraph 4.")
    entry = store.edits().set_index("edit_id").loc[edit_id]
    assert (entry["author"], entry["reason"], entry["note"]) == (
        "Ann Analyst", "wrong type", "The source says he rejected it; see paragraph 4.")
    assert entry["description"] == (
        "type of “Vladimir Putin · SUPPORT · United States, 2025-03-13”: SUPPORT → REJECT — by Ann Analyst, "
        "wrong type. Note: The source says he rejected it; see paragraph 4.")
    assert ev1.event_id not in entry["description"]  # words, not a hex id
    assert store.undo(edit_id) == entry["description"]


def test_place_edits_take_the_gazetteer_or_given_coordinates(tmp_path):
    store, _, ev1, _ = stored(tmp_path)
    store.edit_event(ev1.event_id, "place", "Minsk")
    edited = row(store, ev1.event_id)
    assert edited["location"] == "Minsk" and abs(edited["lat"] - 53.9) < 0.1 and abs(edited["lon"] - 27.57) < 0.1
    with pytest.raises(EditError, match="not in the offline gazetteer: give its latitude and longitude"):
        store.edit_event(ev1.event_id, "location", "Nowhereville-on-Sea")
    store.edit_event(ev1.event_id, "location", {"location": "Checkpoint 7", "lat": 48.1, "lon": 37.7})
    assert (row(store, ev1.event_id)["location"], row(store, ev1.event_id)["lat"]) == ("Checkpoint 7", 48.1)
    with pytest.raises(EditError, match="not a point on Earth"):
        store.edit_event(ev1.event_id, "location", {"location": "X", "lat": 148.1, "lon": 37.7})
    store.edit_event(ev1.event_id, "location", "")
    assert row(store, ev1.event_id)["location"] == "" and pd.isna(row(store, ev1.event_id)["lat"])
    assert "place of" in store.edits().iloc[-1]["description"] and "Checkpoint 7 → (none)" in store.edits().iloc[-1]["description"]


def test_date_range_edits(tmp_path):
    store, _, ev1, _ = stored(tmp_path)
    store.edit_event(ev1.event_id, "date", "2025-03-10/2025-03-12")
    edited = row(store, ev1.event_id)
    assert (edited["date_start"].date(), edited["date_end"].date(), edited["date_precision"]) == (
        date(2025, 3, 10), date(2025, 3, 12), "range")
    store.edit_event(ev1.event_id, "date", "2024-06/2024-09")
    edited = row(store, ev1.event_id)
    assert (edited["date_start"].date(), edited["date_end"].date()) == (date(2024, 6, 1), date(2024, 9, 30))
    assert edited["date_value"] == "2024-06/2024-09"
    for bad in ("2025-03-12/2025-03-10", "2025-03/March", "/2025"):
        with pytest.raises(EditError):
            store.edit_event(ev1.event_id, "date", bad)


def test_an_event_added_by_hand_from_a_sentence(tmp_path):
    store, art, ev1, ev2 = stored(tmp_path)
    start = TEXT.index("Lukashenko joked")
    new_id = store.add_event("aap", start, len(TEXT), actor1="Q26231", event_type="accuse", actor2="Q7747",
                             date="2025-03", location="Minsk", author="Ann", reason="missed by the extractor")
    added = row(store, new_id)
    assert added["sentence"] == "Lukashenko joked about it." and added["event_type"] == "ACCUSE"
    assert added["quad_class"] == 3 and added["actor2_name"] == "Vladimir Putin" and added["source"] == "AAP"
    assert added["date_precision"] == "month" and added["location"] == "Minsk" and added["confidence"] == 1.0
    assert added["edited"] and "added by Ann" in added["reason"]
    assert store.counts()["events"] == 3
    with pytest.raises(EditError, match="already there"):
        store.add_event("aap", start, len(TEXT), actor1="Q26231", event_type="ACCUSE", actor2="Q7747")
    with pytest.raises(EditError, match="is not a span of article aap"):
        store.add_event("aap", 10, 10_000, actor1="Q26231", event_type="ACCUSE")
    with pytest.raises(EditError, match="no article"):
        store.add_event("nope", 0, 5, actor1="Q26231", event_type="ACCUSE")
    store.edit_event(new_id, "type", "REJECT")  # an added event is corrected like any other
    assert row(store, new_id)["event_type"] == "REJECT"
    # it survives re-extraction of its article, as the edits do
    longer = article("aap", TEXT + " Zelensky said he would wait.", source="AAP")
    store.add_extracted(longer, [ev1, ev2])
    assert row(store, new_id)["event_type"] == "REJECT"
    store.undo(int(store.edits().query("action == 'add_event'")["edit_id"].iloc[0]))
    assert row(store, new_id) is None and store.counts()["events"] == 2


def test_an_actor_added_from_the_dashboard_grows_the_actor_table(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    art = article("kyiv", "Wagner fighters crossed the border.", source="Kyiv Post")
    store.add_extracted(art, [event(art, "Wagner fighters crossed the border.", actor1="new:wagner",
                                    actor1_name="Wagner", event_type="MOBILIZE", start=date(2023, 6, 24))])
    actor_id = store.add_actor("Wagner Group", "group", qid="q1056923", country="rus",
                               aliases=("Wagner", "PMC Wagner", " "), author="Ann")
    assert actor_id == "Q1056923"
    table = store.actors().set_index("id")
    assert table.loc["Q1056923", ["name", "kind", "country", "aliases"]].tolist() == [
        "Wagner Group", "group", "RUS", "Wagner|PMC Wagner"]
    assert table.loc["Q1056923", "n_events"] == 1 and "new:wagner" not in table.index  # the provisional one adopted
    assert store.events().iloc[0]["actor1_name"] == "Wagner Group"
    assert store.add_actor("Azov Brigade", "group", country="UKR") == "ct:azov-brigade"
    assert store.actors().set_index("id").loc["ct:azov-brigade", "n_events"] == 0  # listed before any event
    store.edit_event(store.events().iloc[0]["event_id"], "actor2", "ct:azov-brigade")  # and can be picked
    assert store.events().iloc[0]["actor2_name"] == "Azov Brigade"
    for bad, message in (({"qid": "1056923"}, "not a Wikidata id"), ({"country": "Russia"}, "alpha-3"),
                         ({"kind": "militia"}, "valid: person, country, organization, group"),
                         ({"name": " "}, "needs a name"), ({"name": "Azov Brigade"}, "already has ct:azov-brigade")):
        args = {"name": "Someone", "kind": "group", **bad}
        with pytest.raises(EditError, match=message):
            store.add_actor(args.pop("name"), args.pop("kind"), **args)
    assert "actor Azov Brigade (ct:azov-brigade) added" in " ".join(store.edits()["description"])
