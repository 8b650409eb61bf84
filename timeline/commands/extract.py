"""``python -m timeline extract INPUT... --out FILE``: events of articles to a file, no store.

The output format follows the extension: ``.jsonl`` (one event a line), ``.csv`` or ``.parquet``
(one event a row); the columns are DESIGN.md's event record. Bad items are reported on stderr,
by file and line or record, and the rest goes on. Exit status 0 when every item was read, 1 when
some failed, 2 when nothing could be read.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from tqdm import tqdm

log = logging.getLogger(__name__)

OUTPUTS = (".jsonl", ".csv", ".parquet")


def register(subparsers) -> None:
    parser = subparsers.add_parser("extract", help="extract events from articles into a .jsonl/.csv/.parquet file",
                                   description=__doc__.split("\n\n")[1])
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="article file (text, HTML, JSON, JSONL, CSV, RSS/Atom), folder, or URL")
    parser.add_argument("--out", required=True, type=Path, help=f"output file: {', '.join(OUTPUTS)}")
    parser.add_argument("--published", help="publication date (YYYY-MM-DD) for articles that carry none")
    parser.add_argument("--source", help="source name for articles that carry none")
    parser.add_argument("--model", help="spaCy model to load (default: $TIMELINE_MODEL or the English small model)")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per spaCy batch (default 32)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def run(args) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in OUTPUTS:
        print(f"error: --out {args.out}: unknown format {suffix or '(none)'}; use one of {', '.join(OUTPUTS)}",
              file=sys.stderr)
        return 2
    from timeline.commands.ingest import read_inputs
    from timeline.events import extract_many
    from timeline.nlp import load_model

    articles, failed = [], 0
    for name, result in read_inputs(args.inputs, published=args.published, source=args.source):
        for problem in (*result.errors, *result.warnings):
            print(f"{'error' if problem in result.errors else 'warning'}: {problem}", file=sys.stderr)
        failed += len(result.errors)
        articles.extend(result.articles)
    if not articles:
        print("error: no article could be read", file=sys.stderr)
        return 2
    nlp = load_model(args.model)
    events = []
    progress = tqdm(total=len(articles), unit="article", disable=args.quiet or len(articles) < 2, file=sys.stderr)
    for _, found in extract_many(articles, nlp, batch_size=args.batch_size):
        events.extend(found)
        progress.update()
    progress.close()
    _write(events, args.out)
    print(f"{len(events)} events from {len(articles)} articles -> {args.out}"
          + (f"; {failed} items failed (see above)" if failed else ""), file=sys.stderr)
    return 1 if failed else 0


def _write(events, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".jsonl":
        with out.open("w", encoding="utf-8") as fh:
            for event in events:
                fh.write(json.dumps(event.as_dict(), ensure_ascii=False) + "\n")
        return
    from timeline import export, query

    frame = query.frame(events)
    out.write_bytes(export.to_csv(frame) if out.suffix.lower() == ".csv" else export.to_parquet(frame))
