"""The DuckDB store on a real file: idempotent adds, replacement, crash safety, reading, copying, hosting."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from store_fixtures import article, event, slow_extract

from timeline.schema import EVENT_FIELDS
from timeline.store.store import EXTRA_COLUMNS, Store, StoreBusy, StoreError

ROOT = Path(__file__).resolve().parent.parent


def putin_pair():
    a = article("aap", "Putin said he backed the plan.", source="AAP", published=date(2025, 3, 13))
    b = article("bbc", "Putin has said he backs the plan.", source="BBC", published=date(2025, 3, 14))
    return (a, [event(a, "Putin said he backed the US ceasefire plan in principle.", start=date(2025, 3, 13))],
            b, [event(b, "Putin has said he backs the US ceasefire plan, in principle.", basis="tense")])


def test_default_path_is_timeline_db_then_var(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "env" / "t.duckdb"))
    assert Store().path == tmp_path / "env" / "t.duckdb"
    assert (tmp_path / "env" / "t.duckdb").exists()
    monkeypatch.delenv("TIMELINE_DB")
    monkeypatch.chdir(tmp_path)
    store = Store()
    assert store.path == Path("var/timeline.duckdb") and (tmp_path / "var" / "timeline.duckdb").exists()
    empty = store.events()
    assert empty.empty and list(empty.columns) == list(EVENT_FIELDS) + list(EXTRA_COLUMNS)
    assert store.counts() == {"articles": 0, "events": 0, "clusters": 0, "multi_source_clusters": 0}


def test_readding_adds_nothing_and_changed_text_replaces_events(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    a, ea, _, _ = putin_pair()
    assert store.add_extracted(a, ea).outcome == "added"
    assert store.add_extracted(a, ea).outcome == "unchanged"
    assert len(store.events(clustered=False)) == 1
    changed = article("aap", "Putin said he rejected the plan.", source="AAP")
    new = event(changed, "Putin said he rejected the plan.", event_type="REJECT", trigger="reject",
                start=date(2025, 3, 13))
    assert store.add_extracted(changed, [new]).outcome == "replaced"
    events = store.events(clustered=False)
    assert list(events["event_id"]) == [new.event_id]
    assert ea[0].event_id not in set(events["event_id"])
    assert store.article("aap").text == "Putin said he rejected the plan."
    assert len(store.articles()) == 1


def test_same_text_under_another_id_is_not_added_twice(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    a, ea, _, _ = putin_pair()
    store.add_extracted(a, ea)
    twin = article("aap-copy", a.text, source="AAP")
    outcome = store.add_extracted(twin, [])
    assert outcome.outcome == "unchanged" and "aap" in outcome.detail
    assert list(store.articles()["id"]) == ["aap"]


def test_events_frame_has_design_fields_and_cluster_columns(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    a, ea, b, eb = putin_pair()
    store.add_extracted(a, ea)
    store.add_extracted(b, eb)
    raw = store.events(clustered=False)
    assert list(raw.columns) == list(EVENT_FIELDS) + list(EXTRA_COLUMNS)
    assert len(raw) == 2 and raw["cluster_id"].nunique() == 1
    merged = store.events()
    assert len(merged) == 1
    assert merged.iloc[0]["n_sources"] == 2 and merged.iloc[0]["sources"] == "AAP; BBC"
    assert merged.iloc[0]["article_id"] == "aap"  # the explicitly dated report represents the cluster
    members = store.cluster_members(merged.iloc[0]["cluster_id"])
    assert list(members["article_id"]) == ["aap", "bbc"]
    bbc = members.iloc[1]
    assert bbc["date_start"].date() == date(2025, 3, 13), "the tense-dated member takes the explicit date"
    assert "date from the same happening reported by AAP" in bbc["reason"]
    assert store.counts() == {"articles": 2, "events": 2, "clusters": 1, "multi_source_clusters": 1}


def test_article_round_trip_keeps_captions_and_dates(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    a = article("x", "Body text.", source="AP").__class__(
        id="x", text="Body text.", title="T", source="AP", published=date(2025, 2, 24), url="https://e.org/x",
        captions=("A caption",), removed=("Subscribe",))
    store.add_extracted(a, [])
    assert store.article("x") == a
    assert store.article("missing") is None


def test_add_reports_each_item_and_one_bad_article_does_not_stop_the_batch(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    arts = [article(f"ok-{i}", f"Putin said thing {i}.") for i in range(5)]
    arts.insert(2, article("bad-1", "Putin said something odd."))
    arts.append(article("german", "Putin sagte etwas.", language="de"))
    arts.append(article("empty", " \n "))
    arts.append(article("future", "Putin said a thing later.", published=date(3000, 1, 1)))
    ticks = []
    report = store.add(arts, None, batch_size=3, extract=slow_extract(fail_on="bad"),
                       progress=lambda done, total: ticks.append((done, total)))
    outcome = {i.article_id: i for i in report.items}
    assert [i.article_id for i in report.items] == [a.id for a in arts]
    assert outcome["bad-1"].outcome == "failed" and "cannot parse bad-1" in outcome["bad-1"].detail
    assert outcome["german"].outcome == "skipped" and "'de'" in outcome["german"].detail
    assert outcome["empty"].outcome == "failed" and "no text" in outcome["empty"].detail
    assert outcome["future"].outcome == "added"
    assert any("future" in str(w) and "3000-01-01" in str(w) for w in report.warnings)
    assert set(report.added) == {f"ok-{i}" for i in range(5)} | {"future"}
    assert ticks[-1] == (len(arts), len(arts)) and len(ticks) == len(arts)
    assert set(store.articles()["id"]) == set(report.added)
    again = store.add(arts, None, batch_size=3, extract=slow_extract(fail_on="bad"))
    assert set(again.unchanged) == set(report.added) and again.events == 0


def test_too_long_article_is_refused_by_name(tmp_path):
    class Model:
        max_length = 1000

    store = Store(tmp_path / "t.duckdb")
    report = store.add([article("long", "word " * 400), article("short")], Model(), extract=slow_extract())
    assert report.items[0].outcome == "failed" and "2,000 characters" in report.items[0].detail
    assert report.added == ("short",)


KILL_SCRIPT = """
import sys
from store_fixtures import article, slow_extract
from timeline.store.store import Store
arts = [article(f"art-{i:02d}", f"Putin said thing {i}.") for i in range(12)]
Store(sys.argv[1]).add(arts, None, batch_size=4, extract=slow_extract(0.2))
print("finished", flush=True)
"""


def test_killed_mid_batch_leaves_a_consistent_store_and_a_rerun_completes(tmp_path):
    db = tmp_path / "t.duckdb"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests")]))
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(db)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, text=True)
    seen = []
    for line in proc.stdout:
        seen.append(line.split()[-1])
        if seen[-1] == "art-05":  # batch 2 is half written, not committed
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL and "finished" not in seen
    store = Store(db)
    assert sorted(store.articles()["id"]) == [f"art-{i:02d}" for i in range(4)]
    events = store.events(clustered=False)
    assert sorted(events["article_id"]) == [f"art-{i:02d}" for i in range(4)]
    assert events["cluster_id"].ne("").all(), "a reader re-clusters what the killed writer left stale"
    arts = [article(f"art-{i:02d}", f"Putin said thing {i}.") for i in range(12)]
    report = store.add(arts, None, batch_size=4, extract=slow_extract())
    assert len(report.unchanged) == 4 and len(report.added) == 8
    assert len(store.articles()) == 12 and len(store.events(clustered=False)) == 12


def test_copy_into_memory_and_read_only_refuses_changes(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    a, ea, b, eb = putin_pair()
    store.add_extracted(a, ea)
    store.edit_event(ea[0].event_id, "type", "AGREE")
    copy = store.copy_into(Store(":memory:"))
    assert copy.counts() == store.counts()
    assert copy.events().iloc[0]["event_type"] == "AGREE" and len(copy.edits()) == 1
    copy.add_extracted(b, eb)
    assert store.counts()["articles"] == 1 and copy.counts()["articles"] == 2
    store.close()
    frozen = Store(tmp_path / "t.duckdb", read_only=True)
    assert len(frozen.events()) == 1
    with pytest.raises(StoreError, match="read-only"):
        frozen.add_extracted(b, eb)
    with pytest.raises(FileNotFoundError, match="no store"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_demo_visitors_work_on_private_copies_of_a_sealed_base(tmp_path):
    """What a hosted demo does: one sealed base shared by all, a :memory: copy per visitor."""
    a, ea, b, eb = putin_pair()
    base = Store(":memory:")
    base.add_extracted(a, ea)
    base.seal()
    with pytest.raises(StoreError, match="read-only"):
        base.add_extracted(b, eb)
    one, two = base.copy_into(Store(":memory:")), base.copy_into(Store(":memory:"))
    one.add_extracted(b, eb)
    one.delete_event(ea[0].event_id, scope="report")  # one report of the happening
    assert list(one.events()["article_id"]) == ["bbc"]
    assert list(two.events()["article_id"]) == ["aap"] and two.edits().empty
    assert list(base.events()["article_id"]) == ["aap"]


HOLDER = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('holding', flush=True); time.sleep(2)"


def test_the_store_lets_go_of_its_file_and_waits_for_another_process(tmp_path):
    """The dashboard keeps a Store open while the CLI ingests into the same file."""
    db = tmp_path / "t.duckdb"
    store = Store(db, hold_seconds=0.1)
    a, ea, _, _ = putin_pair()
    store.add_extracted(a, ea)
    time.sleep(1.0)  # idle: the store has let go of the file, so another process can take it
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding", holder.stderr.read()
    with pytest.raises(StoreBusy, match="in use by another process"):
        Store(db, lock_timeout=0.3)
    assert store.counts()["articles"] == 1, "the idle store waits for the file instead of failing"
    holder.wait(timeout=30)


# The release timer fires while the script ends: DuckDB's close (a checkpoint of a large table) is
# still running in the timer thread when the interpreter shuts down.
TIMER_AT_EXIT = """
import sys, threading
from timeline.store.store import Store

closing = threading.Event()


class Watched(Store):
    def close(self):
        if threading.current_thread() is not threading.main_thread():
            closing.set()
        super().close()


store = Watched(sys.argv[1], hold_seconds=0.05)
with store._tx() as con:
    con.execute("CREATE TABLE big AS SELECT range AS i, md5(range::varchar) AS h FROM range(1000000)")
assert closing.wait(60), "the release timer never fired"
print("exiting while the timer closes the file", flush=True)
"""


def test_exit_abort_store_close_timer_alive_at_exit(tmp_path):
    """Issue 17: the suite went green, then aborted with 134 ("FATAL: exception not rethrown")."""
    done = subprocess.run([sys.executable, "-c", TIMER_AT_EXIT, str(tmp_path / "t.duckdb")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert "exiting while the timer closes the file" in done.stdout, done.stderr
    assert done.returncode == 0, f"exit status {done.returncode}: {done.stderr[-500:]}"
    assert "terminate called" not in done.stderr and "FATAL" not in done.stderr


def test_close_leaves_no_release_timer_running(tmp_path):
    import threading

    store = Store(tmp_path / "t.duckdb", hold_seconds=30)
    store.articles()
    timer = store._release_timer
    assert timer is not None and timer.is_alive(), "an idle file store holds the file for hold_seconds"
    store.close()
    assert not timer.is_alive() and store._file is None
    assert not [t for t in threading.enumerate() if t is timer]


def test_removing_an_article_takes_its_events_and_keeps_its_edits(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    a, ea, b, eb = putin_pair()
    store.add_extracted(a, ea)
    store.add_extracted(b, eb)
    store.edit_event(eb[0].event_id, "type", "AGREE")
    assert store.remove_article("bbc") and not store.remove_article("bbc")
    assert list(store.articles()["id"]) == ["aap"]
    assert set(store.events(clustered=False)["article_id"]) == {"aap"}
    assert store.events().iloc[0]["n_sources"] == 1
    store.add_extracted(b, eb)
    back = store.events(clustered=False).set_index("event_id").loc[eb[0].event_id]
    assert back["event_type"] == "AGREE", "the edit waited in the log for the event to come back"


def test_a_store_file_from_an_older_version_gets_the_new_columns(tmp_path):
    import duckdb

    db = tmp_path / "old.duckdb"
    a, ea, b, eb = putin_pair()
    with Store(db) as store:
        store.add_extracted(a, ea)
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE events DROP COLUMN location")
    con.execute("ALTER TABLE articles DROP COLUMN url")
    con.execute("CREATE INDEX events_article ON events (article_id)")  # as the first store files had
    for table, column in (("edits", "members"), ("edits", "subject"), ("edits", "author"), ("edits", "reason"),
                          ("edits", "note"), ("actors", "kind"), ("actors", "country"), ("actors", "aliases")):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("INSERT INTO edits (edit_id, edited_at, action, event_id, field, value, previous) VALUES "
                f"(1, now(), 'edit', '{ea[0].event_id}', 'event_type', '\"AGREE\"', '\"SUPPORT\"')")
    con.close()
    store = Store(db)
    assert store.add_extracted(b, eb).outcome == "added"
    events = store.events(clustered=False)
    assert len(events) == 2 and "location" in events.columns
    assert store.article("bbc") == b
    assert store.edits().iloc[0]["description"].startswith("type of ")
    store.edit_event(eb[0].event_id, "type", "REJECT", scope="report", author="Ann")
    assert store.edits().iloc[-1]["author"] == "Ann"


def test_data_version_rises_with_every_change_and_not_with_reads(tmp_path):
    db = tmp_path / "v.duckdb"
    a, ea, b, eb = putin_pair()
    writer, reader = Store(db), Store(db)  # two sessions of the dashboard on one file
    start = reader.data_version()
    writer.add_extracted(a, ea)
    after_add = reader.data_version()
    assert after_add > start  # seen by the other Store at once, before the writer lets the file go
    reader.events(), reader.articles(), reader.actors(), reader.counts()
    assert reader.data_version() == after_add  # reading changes nothing
    edit = writer.edit_event(ea[0].event_id, "type", "AGREE")
    after_edit = reader.data_version()
    assert after_edit > after_add
    writer.undo(edit)
    assert reader.data_version() > after_edit
    assert Store(db).data_version() == reader.data_version()  # opening a store is not a change
    writer.close(), reader.close()


def test_a_store_without_a_data_version_gets_one(tmp_path):
    import duckdb

    db = tmp_path / "old.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM meta WHERE key = 'data_version'")  # as store files made before it had
    con.close()
    old = Store(db, read_only=True)
    assert old.data_version() == 0
    copy = old.copy_into(Store(":memory:"))
    a, ea, _, _ = putin_pair()
    before = copy.data_version()
    copy.add_extracted(a, ea)
    assert copy.data_version() > before
    old.close()
    store = Store(db)
    store.add_extracted(a, ea)
    assert store.data_version() > 0
    store.close()


def test_an_edit_log_from_an_older_version_is_read_as_it_is(tmp_path):
    import duckdb

    db = tmp_path / "old.duckdb"
    a, ea, _, _ = putin_pair()
    with Store(db) as store:
        store.add_extracted(a, ea)
        store.edit_event(ea[0].event_id, "type", "AGREE")
    con = duckdb.connect(str(db))
    for column in ("members", "subject", "author", "reason", "note"):
        con.execute(f"ALTER TABLE edits DROP COLUMN {column}")
    con.close()
    old = Store(db, read_only=True)  # not migrated: read-only
    assert old.events().iloc[0]["event_type"] == "AGREE"
    assert old.edits().iloc[0]["description"] == f"type of “{ea[0].event_id}”: SUPPORT → AGREE"
    old.close()


def test_an_article_with_a_lone_surrogate_fails_alone_and_the_batch_is_stored(tmp_path):
    """Issue 17: one article whose text held "\\ud800" made the fingerprinting raise, and nothing was stored."""
    store = Store(tmp_path / "t.duckdb")
    a, ea, b, eb = putin_pair()
    bad = article("bad", "Zelensky said \ud800 Ukraine would accept the plan.")
    report = store.load_extracted([(a, ea), (bad, [event(bad, "Zelensky said")]), (b, eb)])
    assert [i.outcome for i in report.items] == ["added", "failed", "added"]
    assert "a lone surrogate" in report.items[1].detail and "character 14" in report.items[1].detail
    assert set(store.articles()["id"]) == {"aap", "bbc"}


def store_before_fatalities(db: Path) -> None:
    """A store file as a version before the fatalities column wrote it: the seed pair's first article."""
    import duckdb

    a, ea, _, _ = putin_pair()
    with Store(db) as store:
        store.add_extracted(a, ea)
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE events DROP COLUMN fatalities")
    con.close()


def test_a_store_made_before_fatalities_gets_the_column_empty_and_keeps_new_counts(tmp_path):
    import dataclasses

    db = tmp_path / "old.duckdb"
    store_before_fatalities(db)
    _, _, b, eb = putin_pair()
    store = Store(db)
    assert store.add_extracted(b, [dataclasses.replace(eb[0], fatalities=12)]).outcome == "added"
    got = store.events(clustered=False).set_index("article_id")["fatalities"]
    assert pd.isna(got["aap"]), "an event stored before the column existed has no count, not 0"
    assert got["bbc"] == 12


def test_a_store_made_before_fatalities_opens_read_only(tmp_path):
    """Regression: reading an older store without migrating it (read-only) raised KeyError 'fatalities'."""
    db = tmp_path / "old.duckdb"
    store_before_fatalities(db)
    with Store(db, read_only=True) as store:
        events = store.events(clustered=False)
        assert len(events) == 1 and events["fatalities"].isna().all()
        assert store.counts()["events"] == 1
