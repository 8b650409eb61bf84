"""``python -m timeline bench [CORPUS]``: extraction speed, bare spaCy against the full extraction.

Prints, from one run in one process: words/s of (a) the bare official spaCy pipeline and (b) the
full extraction on the same texts with the same batch size, the ratio b/a, the same extraction on
1 and 2 worker processes and their ratio, and peak memory; what each figure includes is in
timeline/scale/bench.py. Figures are printed, never asserted. The dashboard at scale is measured by
benchmarks/dashboard_scale.py.
"""
from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    from timeline.scale.bench import DEFAULT_CORPUS

    parser = subparsers.add_parser("bench", help="measure extraction speed (bare spaCy vs full extraction, 1 vs 2 workers)",
                                   description=__doc__.split("\n\n")[1])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help=f"article file any ingest format (default {DEFAULT_CORPUS})")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per spaCy batch (default 32)")
    parser.add_argument("--model", help="spaCy model (default: $TIMELINE_MODEL or the English small model)")
    parser.add_argument("--no-workers", action="store_true", help="skip the 1- and 2-worker measurement")
    parser.add_argument("--breakdown", action="store_true",
                        help="also time the parts of the full extraction (parse, dates, mentions, the rest)")
    parser.add_argument("--profile", type=int, metavar="N", default=0,
                        help="also print the N functions with the most own time in the per-doc work (cProfile)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from timeline.scale import bench
    from timeline.ingest.read import read_path

    if args.batch_size < 1 or (args.limit is not None and args.limit < 1):
        print("error: --batch-size and --limit must be at least 1", file=sys.stderr)
        return 2
    if not args.corpus.is_file():
        print(f"error: {args.corpus}: no such file", file=sys.stderr)
        return 2
    result = read_path(args.corpus)
    for problem in result.errors:
        print(f"error: {problem}", file=sys.stderr)
    articles = list(result.articles)[:args.limit]
    if not articles:
        print(f"error: {args.corpus}: no article could be read", file=sys.stderr)
        return 2
    found = bench.run_extraction_bench(articles, corpus=str(args.corpus), batch_size=args.batch_size,
                                       workers=not args.no_workers, model=args.model, breakdown=args.breakdown)
    print(found.report())
    if args.profile:
        from timeline.scale import distributed

        print(f"\nper-doc work, top {args.profile} functions by own time (cProfile; the parse excluded):")
        print(bench.profile_per_doc(articles, distributed.worker_nlp(args.model), args.profile, args.batch_size))
    return 0
