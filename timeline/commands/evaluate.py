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
    events.add_argument("--attribution", type=Path, metavar="FILE",
                        help="also score who says so against this annotation of the gold "
                             "(e.g. tests/data/ukraine-2025.attribution.jsonl)")
    events.add_argument("--fit-confidence", type=Path, metavar="FILE",
                        help="fit the calibrated confidence on the gold: print its leave-one-article-out table, "
                             "write the weights to FILE (e.g. data/confidence.csv) and the figures the dashboard "
                             "quotes beside it (FILE_figures.csv)")
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
    from timeline.evaluate.attribution import format_attribution
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
    fitting = args.fit_confidence is not None
    events = [e for _, found in extract_many(result.articles, nlp, calibrated=not fitting) for e in found]
    elapsed = time.perf_counter() - started
    score = score_events(happenings, raw, {a.id: a.text for a in result.articles}, events)
    if fitting:
        return fit_confidence(args.gold.name, score, args.fit_confidence)
    missing = sorted({h.article_id for h in happenings} - {a.id for a in result.articles})
    if missing:
        print(f"warning: the gold annotates articles not read from {corpus}: {', '.join(missing)}", file=sys.stderr)
    said = _attribution(args, happenings, raw, result.articles, events, score)
    if said is None:
        return 2
    if args.errors:
        print("\n".join(error_report(score, raw)))
        if said:
            print("== attribution errors")
            print("\n".join(said[0].errors()))
    if args.json:
        print(json.dumps({**score.figures(), **({"attribution": said[0].figures(), "folded": said[1].figures()}
                                                if said else {})}))
    else:
        print(format_score(f"{args.gold.name}", score))
        print(f"  extraction time {elapsed:.2f} s")
        if said:
            print(format_attribution(said[0]))
            print(format_score(f"{args.gold.name} without the denials folded into what they deny", said[1]))
    return 0


def fit_confidence(gold_name: str, score, path: Path) -> int:
    """Print the calibration's leave-one-article-out table; write the weights fitted on every article
    to ``path`` and the measured figures beside it."""
    from datetime import date

    from timeline.evaluate.calibration import Comparison, design, fit, format_comparison, header, leave_one_article_out
    from timeline.extract.confidence import write_figures

    outcomes = score.outcomes()
    if len({e.article_id for e, _ in outcomes}) < 2:
        print("error: fitting the confidence needs events from two articles at least", file=sys.stderr)
        return 2
    events, right = [e for e, _ in outcomes], [r for _, r in outcomes]
    comparison = Comparison.of(score, leave_one_article_out(events, right))
    print(format_comparison(comparison))
    today = date.today()
    figures = path.with_name(f"{path.stem}_figures.csv")
    fit(design(events), right).write(path, header(
        gold_name, comparison, "Calibrated event confidence (timeline/extract/confidence.py): weights of a logistic "
        "regression; an event's confidence is 1 / (1 + exp(-(intercept + sum of weight x feature))).", today))
    write_figures(figures, comparison.minimums(), header(
        gold_name, comparison, "What a minimum confidence keeps of the development gold's events, and how many of "
        "those are right, measured leave-one-article-out (the dashboard quotes it).", today))
    print(f"wrote {path} and {figures}")
    return 0


def _attribution(args, happenings, raw, articles, events, score):
    """(attribution score, event score on the folded gold), () without --attribution, None on a bad file."""
    from timeline.evaluate.attribution import folded, read_attribution, score_attribution
    from timeline.evaluate.events import GoldError, score_events

    if args.attribution is None:
        return ()
    try:
        gold = read_attribution(args.attribution)
    except (GoldError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    cleaned = {a.id: a.text for a in articles}
    return score_attribution(score, gold), score_events(folded(happenings, gold), raw, cleaned, events)
