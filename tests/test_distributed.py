"""Distributed extraction: a real Dask LocalCluster (two worker processes on loopback) gives the
same events as one process, written as Parquet partitions that the store loads."""
from __future__ import annotations

from pathlib import Path

import pytest

from timeline.scale import distributed, partitions
from timeline.__main__ import main
from timeline.extract.events import extract_many
from timeline.ingest.read import read_path
from timeline.store.store import Store

SAMPLE = 6


@pytest.fixture(scope="module")
def sample(shared, tmp_path_factory) -> Path:
    lines = (shared / "corpus" / "ukraine-2025.jsonl").read_text(encoding="utf-8").splitlines()[:SAMPLE]
    path = tmp_path_factory.mktemp("sample") / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def single(sample, nlp):
    """The single-process result: (article, events) in corpus order."""
    return [(a, list(found)) for a, found in extract_many(read_path(sample).articles, nlp)]


def test_dask_cluster_gives_the_single_process_events(sample, single, tmp_path, capsys):
    from distributed import Client, LocalCluster

    out = tmp_path / "parts"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        code = main(["extract", str(sample), "--out", str(out), "--scheduler", cluster.scheduler_address,
                     "--workers", "2", "--partition-size", "2", "-q"])
        loads = client.run(lambda: distributed._load.cache_info())
    assert code == 0
    assert f"-> {out}" in capsys.readouterr().err
    # Three partitions of two articles, one file each, for articles and for events.
    assert sorted(p.name for p in (out / "events").iterdir()) == [partitions.part_name(i) for i in range(3)]
    # Each worker loaded the model at most once, and the two together ran the three partitions.
    assert all(info.misses <= 1 for info in loads.values())
    assert sum(info.hits + info.misses for info in loads.values()) == 3

    got = list(partitions.read_partitions(out))
    assert [a for a, _ in got] == [a for a, _ in single]
    assert sum(len(e) for _, e in single) > 0
    for (article, events), (_, expected) in zip(got, single):
        assert [e.event_id for e in events] == [e.event_id for e in expected], article.id
        assert events == expected, article.id  # every field, dates and coordinates included


def test_local_worker_processes_give_the_single_process_events(sample, single):
    articles = read_path(sample).articles
    parts = distributed.partitions(articles, 4)
    done, ordered = distributed.in_order(parts)
    distributed.run_local(parts, done, workers=2)
    assert list(ordered()) == single


def test_partitions_load_into_the_store_without_the_model(single, tmp_path):
    out = tmp_path / "parts"
    partitions.prepare(out)
    partitions.write_partition(out, 0, [a for a, _ in single[:3]], [e for _, es in single[:3] for e in es])
    partitions.write_partition(out, 1, [a for a, _ in single[3:]], [e for _, es in single[3:] for e in es])
    store = Store(":memory:")
    report = partitions.load_into(store, out)
    assert len(report.added) == SAMPLE
    assert store.counts()["articles"] == SAMPLE
    assert set(store.events(clustered=False)["event_id"]) == {e.event_id for _, es in single for e in es}
    # A rerun into the same folder with fewer partitions leaves no stale part behind.
    partitions.prepare(out)
    partitions.write_partition(out, 0, [single[0][0]], single[0][1])
    assert [a.id for a, _ in partitions.read_partitions(out)] == [single[0][0].id]


def test_partitions_written_before_fatalities_still_load(single, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "parts"
    partitions.prepare(out)
    partitions.write_partition(out, 0, [single[0][0]], single[0][1])
    events_file = out / "events" / partitions.part_name(0)
    pq.write_table(pq.read_table(events_file).drop_columns(["fatalities"]), events_file)
    (article, events), = partitions.read_partitions(out)
    assert [e.event_id for e in events] == [e.event_id for e in single[0][1]]
    assert all(e.fatalities is None for e in events)
    pq.write_table(pq.read_table(events_file).drop_columns(["sentence"]), events_file)
    with pytest.raises(partitions.PartitionError, match=r"columns \['sentence'\] are missing"):
        list(partitions.read_partitions(out))


def test_a_damaged_partition_folder_names_the_file(single, tmp_path):
    out = tmp_path / "parts"
    partitions.write_partition(out, 0, [single[0][0]], single[0][1])
    (out / "articles" / partitions.part_name(0)).unlink()
    with pytest.raises(partitions.PartitionError, match="part-00000.parquet: events without their articles"):
        list(partitions.read_partitions(out))
    assert not partitions.is_partitioned(tmp_path)


def test_extract_cli_refuses_an_unknown_extension_and_bad_worker_counts(sample, tmp_path, capsys):
    assert main(["extract", str(sample), "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "unknown format .xlsx" in capsys.readouterr().err
    assert main(["extract", str(sample), "--out", str(tmp_path / "x.jsonl"), "--workers", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err
    assert not (tmp_path / "x.jsonl").exists()


def test_ingest_command_loads_partition_folders_without_the_model(single, tmp_path, capsys, monkeypatch):
    import timeline.extract.nlp

    out = tmp_path / "parts"
    partitions.prepare(out)
    for index in range(2):
        chunk = single[index * 3:(index + 1) * 3]
        partitions.write_partition(out, index, [a for a, _ in chunk], [e for _, es in chunk for e in es])

    def no_model(*args, **kwargs):
        raise AssertionError("ingest of extracted partitions must not load the model")

    monkeypatch.setattr(timeline.extract.nlp, "load_model", no_model)
    db = tmp_path / "store.duckdb"
    assert main(["ingest", str(out), "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert f"{SAMPLE} added, 0 replaced" in printed
    assert f"{sum(len(es) for _, es in single)} events loaded from partitions" in printed
    assert main(["ingest", str(out), "--db", str(db), "-q"]) == 0
    assert f"0 added, 0 replaced, {SAMPLE} unchanged" in capsys.readouterr().out
    # A partition folder mixed with plain files is refused, not half-loaded.
    assert main(["ingest", str(out), str(tmp_path / "other.jsonl"), "--db", str(db)]) == 2
    assert "not a partition folder" in capsys.readouterr().err


def test_extract_cli_file_output_keeps_corpus_order_across_partitions(sample, single, tmp_path, capsys):
    import json

    out = tmp_path / "events.jsonl"
    assert main(["extract", str(sample), "--out", str(out), "--partition-size", "4", "-q"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = [e.as_dict() for _, events in single for e in events]
    assert rows == expected
    assert f"{len(expected)} events from {SAMPLE} articles" in capsys.readouterr().err


def test_an_article_that_breaks_the_extraction_is_named_and_the_rest_goes_on(sample, single, tmp_path, capsys,
                                                                             monkeypatch):
    import timeline.extract.events

    bad = single[1][0].id
    real = timeline.extract.events.extract_many

    def fragile(articles, nlp, **kwargs):
        if any(a.id == bad for a in articles):
            raise ValueError("simulated parser crash")
        return real(articles, nlp, **kwargs)

    monkeypatch.setattr(timeline.extract.events, "extract_many", fragile)
    out = tmp_path / "parts"
    assert main(["extract", str(sample), "--out", str(out), "--partition-size", "3", "-q"]) == 1
    err = capsys.readouterr().err
    assert f"error: {bad}: event extraction failed: simulated parser crash" in err
    got = list(partitions.read_partitions(out))
    # Its partition-mates keep their events; the failed article is not stored as eventless.
    assert [a.id for a, _ in got] == [a.id for a, _ in single if a.id != bad]
    assert [e for _, es in got for e in es] == [e for a, es in single if a.id != bad for e in es]


def test_extract_cli_writes_the_other_tools_formats(sample, single, tmp_path, capsys):
    import json

    placed = sum(1 for _, events in single for e in events if e.lat is not None)
    dated = sum(1 for _, events in single for e in events if e.date_start is not None)
    geo, tl = tmp_path / "map.geojson", tmp_path / "story.timeline.json"
    assert main(["extract", str(sample), "--out", str(geo), "-q"]) == 0
    assert len(json.loads(geo.read_text())["features"]) == placed > 0
    assert main(["extract", str(sample), "--out", str(tl), "-q"]) == 0
    assert len(json.loads(tl.read_text())["events"]) == dated > 0
    brief = tmp_path / "brief.html"
    assert main(["extract", str(sample), "--out", str(brief), "-q"]) == 0
    assert brief.read_text().count("<h2>") == 3
