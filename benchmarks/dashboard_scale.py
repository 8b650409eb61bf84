"""The dashboard at scale: filter change -> figures built, payload and memory at 10k and 100k events.

    python benchmarks/dashboard_scale.py [--sizes 10000 100000] [--seed 0]
    python benchmarks/dashboard_scale.py --app STORE.duckdb [--fill N]

The events are SYNTHETIC (timeline/scale/synthetic.py), for load only. Each size runs in a fresh process
so its peak memory (getrusage ru_maxrss) is its own; the spaCy model is never loaded (browsing a
store does not need it), and the report says whether spaCy was even imported. Figures are printed,
never asserted.

``--app`` times the real page instead: Streamlit's AppTest runs app.py on the store (filled first
with N synthetic events when ``--fill`` is given and the file does not exist yet), and for each
tab times the rerun that follows a change in the sidebar, the whole script with every element it
sends, as a browser's filter change would run it on the server.
"""
from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.scale import bench  # noqa: E402

VIEWS = ("Timeline", "Actor graph", "Map", "Events table")


def sidebar_changes(first: date, last: date) -> list[tuple[str, object]]:
    """Filter changes made in the sidebar, one after another, each undoing the one before."""
    year = (max(first, date(last.year, 1, 1)), last)
    return [
        ("one year", lambda at: at.date_input(key="f_dates").set_value(year)),
        ("all dates, two types", lambda at: (at.date_input(key="f_dates").set_value((first, last)),
                                             at.multiselect(key="f_types").set_value(["ASSAULT", "COERCE"]))),
        ("all types, text search", lambda at: (at.multiselect(key="f_types").set_value([]),
                                               at.text_input(key="f_text").set_value("putin"))),
        ("no text, confidence >= 0.7", lambda at: (at.text_input(key="f_text").set_value(""),
                                                   at.slider(key="f_conf").set_value(0.7))),
        ("back to everything", lambda at: at.slider(key="f_conf").set_value(0.0)),
    ]


def app_bench(path: Path) -> str:
    from streamlit.testing.v1 import AppTest

    # Each new AppTest writes session state outside a script run; Streamlit warns, harmlessly.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage())

    from timeline.store.store import Store

    os.environ["TIMELINE_DB"] = str(path)
    os.environ.pop("TIMELINE_MODE", None)
    with Store(path, read_only=True) as store:
        counts = store.counts()
        events = store.events(clustered=False)
    # The date widget's whole range, as the page sets it: from the first start to the last end.
    first, last = events["date_start"].min().date(), events["date_end"].max().date()
    lines = [f"app.py on {path} ({counts['events']:,} events, {counts['clusters']:,} shown as happenings); "
             f"load average {bench.load_average()}"]
    for view in VIEWS:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
        at.query_params["view"] = view
        start = time.perf_counter()
        at.run()
        opened = time.perf_counter() - start
        if at.exception:
            raise SystemExit(f"app.py failed on {view}: {at.exception[0].message}")
        times = {}
        for label, change in sidebar_changes(first, last):
            change(at)
            start = time.perf_counter()
            at.run()
            times[label] = (time.perf_counter() - start) * 1000
        lines.append(f"  {view:<13} first open {opened:5.1f} s; rerun after a filter change: median "
                     f"{statistics.median(times.values()):,.0f} ms, worst {max(times.values()):,.0f} ms "
                     f"({max(times, key=times.get)})\n      " + ", ".join(f"{k} {v:,.0f}" for k, v in times.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="event counts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--app", type=Path, metavar="STORE", help="time app.py's reruns on this DuckDB store")
    parser.add_argument("--fill", type=int, metavar="N", help="with --app: first fill a new store with N synthetic events")
    args = parser.parse_args(argv)
    info = bench.machine()
    print(f"machine: {info['nproc']} CPUs, {info['cpu']}, Python {info['python']}; load average {info['load']}")
    if args.app:
        if args.fill and not args.app.exists():
            from timeline.store.store import Store
            from timeline.scale.synthetic import fill_store

            start = time.perf_counter()
            with Store(args.app) as store:
                stored = fill_store(store, args.fill, seed=args.seed)
            print(f"filled {args.app} with {stored:,} synthetic events in {time.perf_counter() - start:.0f} s")
        if not args.app.exists():
            print(f"no store at {args.app}: give --fill N to make one", file=sys.stderr)
            return 2
        print(app_bench(args.app))
        return 0
    context = multiprocessing.get_context("spawn")
    for n in args.sizes:
        with context.Pool(1) as pool:
            result = pool.apply(bench.dashboard_bench, (n,), {"seed": args.seed})
        print(bench.dashboard_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
