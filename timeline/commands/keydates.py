"""``python -m timeline keydates INPUT... --top K``: the days the corpus says mattered, best first.

INPUT is any article input ``timeline.ingest.read`` reads (text, HTML, JSON/JSONL, CSV, feeds), or a
JSONL of events (one Event record a line, as ``extract`` writes them): those are ranked as they
are, without the model. Output: one JSON object a line,
``{date, score, events, articles, sources, later_days, why, summary}``.

This module also holds ``evaluate t17`` (registered by timeline/commands/evaluate.py).
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)


def register(subparsers) -> None:
    parser = subparsers.add_parser("keydates", help="rank the days the articles say mattered")
    parser.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                        help="article files, or a .jsonl of extracted events")
    parser.add_argument("--top", type=_positive, default=10, help="how many days (default 10)")
    parser.add_argument("--start", type=_iso, help="earliest day to return (YYYY-MM-DD)")
    parser.add_argument("--end", type=_iso, help="latest day to return (YYYY-MM-DD)")
    parser.set_defaults(func=run)


def register_t17(benchmarks) -> None:
    """The ``t17`` benchmark of ``evaluate``: key-date selection on Timeline17 topics."""
    parser = benchmarks.add_parser("t17", help="Timeline17 Date-F1 (news-tls protocol) on a folder of topics")
    parser.add_argument("folder", type=Path, help="folder of <topic>/ with articles.jsonl and *timeline.json")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "timeline" / "t17",
                        help="where extraction results are cached (dates and offsets, no text)")
    parser.add_argument("--loo", action="store_true",
                        help="leave-one-topic-out: choose the weights on the other topics, score each held-out one")
    parser.add_argument("--extractor", action="store_true",
                        help="rank the full event extractor's events, as the dashboard does (slow: the whole "
                             "spaCy pipeline), instead of the fast path's dated sentences")
    parser.add_argument("--trials", action="store_true",
                        help="with --loo: try each candidate signal, kept only if the leave-one-out mean rises")
    parser.set_defaults(func=run_t17)


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"--top must be at least 1, not {n}")
    return n


def _iso(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _read_events_file(path: Path) -> list | None:
    """The events of a .jsonl of Event records, or None when the file holds something else."""
    from timeline.schema import EVENT_FIELDS, Event

    if path.suffix.lower() != ".jsonl":
        return None
    with path.open(encoding="utf-8") as handle:
        first = next((line for line in handle if line.strip()), "")
    try:
        if "event_id" not in json.loads(first):
            return None
    except (ValueError, TypeError):
        return None
    events = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            fields = {k: rec.get(k) for k in EVENT_FIELDS}
            for k in ("published", "date_start", "date_end"):
                fields[k] = date.fromisoformat(fields[k][:10]) if fields[k] else None
            events.append(Event(**fields))
        except (ValueError, TypeError, AttributeError) as exc:
            print(f"skipped: {path}, line {n}: not an event record ({exc})", file=sys.stderr)
    return events


def run(args: argparse.Namespace) -> int:
    from timeline.analysis import keydates

    if args.start and args.end and args.start > args.end:
        print(f"error: --start {args.start} is after --end {args.end}", file=sys.stderr)
        return 2
    events, articles = [], []
    for path in args.inputs:
        if not path.exists():
            print(f"skipped: {path}: no such file", file=sys.stderr)
            continue
        from_file = _read_events_file(path)
        if from_file is not None:
            events.extend(from_file)
            continue
        from timeline.ingest.read import read_path

        result = read_path(path)
        for error in result.errors:
            print(f"skipped: {error}", file=sys.stderr)
        articles.extend(result.articles)
    if articles:
        from timeline.extract.events import extract_many
        from timeline.extract.nlp import load_model

        for _, found in extract_many(articles, load_model()):
            events.extend(found)
    if not events:
        print("error: no events in the input", file=sys.stderr)
        return 1
    for kd in keydates.rank(events, top=args.top, start=args.start, end=args.end):
        print(json.dumps({"date": kd.date.isoformat(), "score": kd.score, "events": list(kd.events),
                          "articles": kd.articles, "sources": kd.sources, "later_days": kd.later_days,
                          "why": kd.reason, "summary": list(kd.summary)}, ensure_ascii=False))
    return 0


def run_t17(args: argparse.Namespace) -> int:
    from timeline.evaluate import t17, t17_loo
    from timeline.extract.nlp import load_model

    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2
    if args.trials and not args.loo:
        print("error: --trials needs --loo (each trial is judged by its leave-one-out mean)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    topics = t17.load_topics(args.folder, load_model(), args.cache, extractor=args.extractor)
    scores = [t17.score_window(w) for topic in topics for w in t17.windows(topic)]
    if not scores:
        print(f"error: no topic in {args.folder} has articles.jsonl and a *timeline.json", file=sys.stderr)
        return 2
    print(t17.report(scores))
    if args.loo:
        if len(topics) < 2:
            print("error: --loo needs at least two topics", file=sys.stderr)
            return 2
        result = t17_loo.leave_one_out(t17_loo.Tuner(topics))
        print("\nLeave one topic out (weights chosen on the other topics; grid: "
              + "; ".join(f"{k} {'/'.join(f'{v:g}' for v in vs)}" for k, vs in result.grid.items()) + ")\n")
        print(t17_loo.loo_report(result, scores))
        print("\n" + t17_loo.shipped_note(result))
        if args.trials:
            print("\nSignals tried (each on top of those kept before it):\n")
            print(t17_loo.trials_report(t17_loo.run_trials(topics)))
    print(f"\n{len(scores)} timelines, {time.perf_counter() - started:.1f} s (cache: {args.cache})")
    return 0
