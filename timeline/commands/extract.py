"""``python -m timeline extract INPUT... --out FILE|DIR``: events of articles to files, no store.

The output format follows the extension: ``.jsonl`` (one event a line), ``.csv`` or ``.parquet``
(one event a row; the columns are DESIGN.md's event record), or any other export of
``timeline.views.export``: ``.acled.csv``, ``.json``, ``.geojson``, ``.graphml``, ``.gexf``,
``.timeline.json`` (TimelineJS), ``.html`` (the one-page brief). An --out without an extension is a
folder of Parquet partitions (articles/ and events/, one file per partition; see
timeline/scale/partitions.py) that ``python -m timeline ingest DIR`` loads into the store without the model.
--workers N runs N local processes; --scheduler tcp://HOST:PORT runs the partitions on a Dask
cluster. Bad items are reported on stderr, by file and line or record, and the rest goes on. Exit
status 0 when every item was read, 1 when some failed, 2 when nothing could be read.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from tqdm import tqdm

from timeline.scale.distributed import DEFAULT_PARTITION_SIZE

log = logging.getLogger(__name__)

OUTPUTS = (".jsonl", ".csv", ".parquet", ".acled.csv", ".json", ".geojson", ".graphml", ".gexf", ".timeline.json",
           ".html")


def register(subparsers) -> None:
    parser = subparsers.add_parser("extract", description=__doc__.split("\n\n")[1],
                                   help="extract events from articles into a file (.jsonl/.csv/.parquet, GeoJSON, ...)")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="article file (text, HTML, JSON, JSONL, CSV, RSS/Atom), folder, or URL")
    parser.add_argument("--out", required=True, type=Path,
                        help=f"output file ({', '.join(OUTPUTS)}) or, without an extension, a folder of Parquet partitions")
    parser.add_argument("--published", help="publication date (YYYY-MM-DD) for articles that carry none")
    parser.add_argument("--source", help="source name for articles that carry none")
    parser.add_argument("--model", help="spaCy model to load (default: $TIMELINE_MODEL or the English small model)")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per spaCy batch (default 32)")
    parser.add_argument("--workers", type=int, default=1,
                        help="local worker processes, each with its own model (default 1: this process); "
                             "with --scheduler, wait until this many cluster workers have joined")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="Dask scheduler (tcp://HOST:PORT): run the partitions on that cluster")
    parser.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_SIZE,
                        help=f"articles per partition (default {DEFAULT_PARTITION_SIZE})")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def run(args) -> int:
    suffix = args.out.suffix.lower()
    if suffix and not args.out.name.lower().endswith(OUTPUTS):
        print(f"error: --out {args.out}: unknown format {suffix}; use one of {', '.join(OUTPUTS)}, "
              "or a folder name without an extension for Parquet partitions", file=sys.stderr)
        return 2
    if args.workers < 1 or args.partition_size < 1:
        print("error: --workers and --partition-size must be at least 1", file=sys.stderr)
        return 2
    from timeline.commands.ingest import read_inputs

    articles, failed = [], 0
    for name, result in read_inputs(args.inputs, published=args.published, source=args.source):
        for problem in (*result.errors, *result.warnings):
            print(f"{'error' if problem in result.errors else 'warning'}: {problem}", file=sys.stderr)
        failed += len(result.errors)
        articles.extend(result.articles)
    if not articles:
        print("error: no article could be read", file=sys.stderr)
        return 2
    try:
        events, problems = _extract(articles, args)
    except OSError as exc:  # an unreachable scheduler, or a folder that cannot be written
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    failed += len(problems)
    print(f"{events} events from {len(articles)} articles -> {args.out}"
          + (f"; {failed} items failed (see above)" if failed else ""), file=sys.stderr)
    return 1 if failed else 0


def _extract(articles, args) -> tuple[int, list]:
    """Run the extraction where the options say and write the output; returns the event count and
    the articles whose extraction failed (IngestErrors; those articles are left out of the output)."""
    from timeline.scale import distributed
    from timeline.scale.partitions import prepare, write_partition
    from timeline.schema import IngestError

    parts = distributed.partitions(articles, args.partition_size)
    progress = tqdm(total=len(articles), unit="article", disable=args.quiet or len(articles) < 2, file=sys.stderr)
    folder = not args.out.suffix
    collect, ordered = distributed.in_order(parts)
    count, problems = 0, []

    def done(index, part, results) -> None:
        nonlocal count
        kept = [(a, found) for a, found in zip(part, results) if not isinstance(found, IngestError)]
        problems.extend(found for found in results if isinstance(found, IngestError))
        count += sum(len(found) for _, found in kept)
        if folder:
            write_partition(args.out, index, [a for a, _ in kept], (e for _, found in kept for e in found))
        else:
            collect(index, part, results)
        progress.update(len(part))

    if folder:
        prepare(args.out)
    options = {"model": args.model, "batch_size": args.batch_size}
    if args.scheduler:
        distributed.run_dask(parts, done, scheduler=args.scheduler,
                             wait_for_workers=args.workers if args.workers > 1 else 0, **options)
    else:
        distributed.run_local(parts, done, workers=args.workers, **options)
    progress.close()
    if not folder:
        _write([e for _, found in ordered() if not isinstance(found, IngestError) for e in found], args.out)
    return count, problems


def _write(events, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".jsonl":
        with out.open("w", encoding="utf-8") as fh:
            for event in events:
                fh.write(json.dumps(event.as_dict(), ensure_ascii=False) + "\n")
        return
    from timeline.views import export
    from timeline.analysis import query

    out.write_bytes(export.export(query.frame(events), export.format_for(out)))
