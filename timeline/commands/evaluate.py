"""``python -m timeline evaluate tempeval DIR``: score the temporal tagger on TimeML files.

``evaluate`` takes a sub-command per benchmark, so other scorers sit beside this one.
"""
from __future__ import annotations

import argparse
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
