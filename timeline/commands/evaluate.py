"""``python -m timeline evaluate tempeval|t17|events``: score the pipeline on a benchmark.

``evaluate`` takes a sub-command per benchmark: the temporal tagger on TimeML files, key dates on
Timeline17 topics, and extracted events on hand-annotated happenings.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from timeline.commands import keydates

log = logging.getLogger(__name__)


def register(subparsers) -> None:
    parser = subparsers.add_parser("evaluate", help="score the pipeline on a benchmark")
    benchmarks = parser.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    tempeval = benchmarks.add_parser("tempeval", help="TempEval-3 Task A (timex extent, type, value) on a folder of .tml files")
    tempeval.add_argument("folder", type=Path, help="folder of TimeML .tml files with <DCT> and gold <TIMEX3>")
    tempeval.add_argument("--narrative", action="store_true",
                          help="anchor relative expressions on the last date mentioned (war histories, WikiWars)")
    tempeval.add_argument("--errors", action="store_true", help="list every miss, wrong value and spurious timex")
    tempeval.add_argument("--parse", action="store_true", help="parse with the spaCy model and use its tenses")
    tempeval.set_defaults(func=run_tempeval)
    keydates.register_t17(benchmarks)
    events = benchmarks.add_parser("events", help="extracted events against hand-annotated happenings (EVENTS-GUIDE.md)")
    events.add_argument("gold", type=Path, help="gold happenings, JSONL (e.g. ../shared/eval/ukraine-2025.events.gold.jsonl)")
    events.add_argument("corpus", type=Path, nargs="?",
                        help="the articles the gold annotates, JSONL (default: ../corpus/NAME.jsonl beside the gold's folder)")
    events.add_argument("--errors", action="store_true", help="list every false positive and missed happening with its sentence")
    events.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    events.add_argument("--model", help="the spaCy pipeline to load (default: $TIMELINE_MODEL or en_core_web_sm)")
    events.set_defaults(func=run_events)


def run_tempeval(args: argparse.Namespace) -> int:
    from timeline.dates.tagger import find_timexes
    from timeline.evaluate.tempeval import format_figures, read_folder, score_tempeval

    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2
    docs, errors = read_folder(args.folder)
    for error in errors:
        print(f"skipped: {error}", file=sys.stderr)
    if not docs:
        print(f"error: no readable .tml files in {args.folder}", file=sys.stderr)
        return 2
    nlp = None
    if args.parse:
        from timeline.extract.nlp import load_model
        nlp = load_model()

    def tagger(text, dct):
        return find_timexes(text, dct, doc=nlp(text) if nlp is not None else None, narrative=args.narrative)

    started = time.perf_counter()
    score = score_tempeval(docs, tagger, keep_errors=args.errors)
    elapsed = time.perf_counter() - started
    if args.errors:
        print("\n".join(score.errors))
    print(format_figures(f"{args.folder} ({len(docs)} documents)", score.figures()))
    print(f"  tagging time {elapsed:.2f} s")
    return 0


def default_corpus(gold: Path) -> Path:
    """``eval/NAME.events.gold.jsonl`` annotates ``corpus/NAME.jsonl``."""
    name = gold.name.split(".events.")[0].removesuffix(".jsonl")
    return gold.resolve().parent.parent / "corpus" / f"{name}.jsonl"


def run_events(args: argparse.Namespace) -> int:
    from timeline.evaluate.events import GoldError, error_report, format_score, read_gold, score_events
    from timeline.extract.events import extract_many
    from timeline.extract.nlp import load_model
    from timeline.ingest.read import read_path

    corpus = args.corpus or default_corpus(args.gold)
    for path in (args.gold, corpus):
        if not path.is_file():
            print(f"error: {path} is not a file", file=sys.stderr)
            return 2
    try:
        happenings = read_gold(args.gold)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = read_path(corpus)
    # The gold's offsets point into the corpus text as given, before cleaning.
    raw = {}
    for line in corpus.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
            raw[record["id"]] = record["text"]
        except (ValueError, KeyError, TypeError):
            continue  # read_path has reported the line
    for error in result.errors:
        print(f"skipped: {error}", file=sys.stderr)
    nlp = load_model(args.model)
    started = time.perf_counter()
    events = [e for _, found in extract_many(result.articles, nlp) for e in found]
    elapsed = time.perf_counter() - started
    score = score_events(happenings, raw, {a.id: a.text for a in result.articles}, events)
    missing = sorted({h.article_id for h in happenings} - {a.id for a in result.articles})
    if missing:
        print(f"warning: the gold annotates articles not read from {corpus}: {', '.join(missing)}", file=sys.stderr)
    if args.errors:
        print("\n".join(error_report(score, raw)))
    if args.json:
        print(json.dumps(score.figures()))
    else:
        print(format_score(f"{args.gold.name}", score))
        print(f"  extraction time {elapsed:.2f} s")
    return 0
