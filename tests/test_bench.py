"""The benchmark entry points run on a tiny sample and print every figure (timings never asserted)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from timeline.scale import bench
from timeline.__main__ import main

ROOT = Path(__file__).resolve().parent.parent


def test_bench_command_prints_every_figure(shared, tmp_path, capsys):
    corpus = shared / "corpus" / "ukraine-2025.jsonl"
    assert main(["bench", str(corpus), "--limit", "2", "--batch-size", "2", "--breakdown", "--profile", "3"]) == 0
    out = capsys.readouterr().out
    for line in (r"machine: \d+ CPUs, .+load average", r"2 articles, [\d,]+ words; batch size 2",
                 r"\(a\) bare spaCy nlp\.pipe \[tok2vec, .*ner\]: [\d,]+ words/s",
                 r"\(b\) full extraction, extract_many \[.*timeline_actors\] \+ events: [\d,]+ words/s, \d+ events",
                 r"b/a: \d+\.\d\d \(target >= 0\.85\)", r"1 worker process: [\d,]+ words/s",
                 r"2 worker processes: [\d,]+ words/s", r"2 workers / 1 worker: \d+\.\d\dx",
                 r"cores the workers got .*: 1 worker \d+\.\d\d, 2 workers \d+\.\d\d; CPU seconds per 1,000 words",
                 r"peak memory \(getrusage ru_maxrss\): this process [\d,]+ MB .*largest worker process [\d,]+ MB",
                 r"where the time goes: parse .* dates .* mentions"):
        assert re.search(line, out), line
    assert "per-doc work, top 3 functions by own time" in out and "Ordered by: internal time" in out
    # The bare pipeline is the official one: none of the project's components in (a).
    bare = next(line for line in out.splitlines() if line.startswith("(a)"))
    assert "timeline_" not in bare


def test_bench_command_reports_a_missing_corpus(tmp_path, capsys):
    assert main(["bench", str(tmp_path / "nothing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_dashboard_benchmark_prints_time_payload_and_memory_without_spacy():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "dashboard_scale.py"), "--sizes", "300"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "300 synthetic events" in out
    from timeline.scale.synthetic import synthetic_frame

    changes = len(bench.filter_changes(synthetic_frame(10)))
    assert len(re.findall(r"rows +[\d,]+ ms open view, +[\d,]+ ms all +\d+\.\d\d MB", out)) == changes
    assert re.search(r"open view's figures built .*: median [\d,]+ ms, worst [\d,]+ ms \(.+, (timeline|actor graph|map)", out)
    assert re.search(r"all figures built \(every view at once\): median [\d,]+ ms, worst [\d,]+ ms", out)
    # Each view's time is listed; the graph view counts its metrics table, which has no line of its own.
    assert len(re.findall(r"ms: query\.apply \d+, timeline \(actors\) \d+, timeline \(types\) \d+, actor graph \d+, map \d+$",
                          out, re.M)) == changes
    assert re.search(r"figure payload: largest \d+\.\d\d MB", out)
    assert re.search(r"peak memory .*: [\d,]+ MB; target <= 600 MB; spaCy imported: no", out)


def test_app_benchmark_times_each_view_on_a_filled_store(tmp_path):
    store = tmp_path / "synthetic.duckdb"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "dashboard_scale.py"), "--app", str(store),
                           "--fill", "300"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "filled" in done.stdout and "300 synthetic events" in done.stdout
    for view in ("Timeline", "Actor graph", "Map", "Events table"):
        assert re.search(rf"{view} +first open +\d+\.\d s; rerun after a filter change: median [\d,]+ ms", done.stdout)
    assert len(re.findall(r"^      one year [\d,]+, .*, back to everything [\d,]+$", done.stdout, re.M)) == 4
    missing = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "dashboard_scale.py"), "--app",
                              str(tmp_path / "none.duckdb")], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert missing.returncode == 2 and "give --fill N" in missing.stderr
    assert not (tmp_path / "none.duckdb").exists()


def test_payload_counts_every_figure_and_the_metrics_table():
    from timeline.analysis import query
    from timeline.scale.synthetic import synthetic_frame

    frame = synthetic_frame(200)
    built = bench.figures_for(query.apply(frame, query.Filters()))
    sizes = bench.payload_bytes(built)
    assert set(sizes) == {"timeline (actors)", "timeline (types)", "events per period (actors)",
                          "events per period (types)", "actor graph", "actor metrics", "map"}
    assert all(size > 0 for size in sizes.values())
