"""``python -m timeline timex --dct YYYY-MM-DD [FILE|-]``: temporal expressions as JSON lines.

One object a line, ``{start, end, text, type, value, mod}``, with character offsets into the input
text as read (UTF-8).
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from exc


def register(subparsers) -> None:
    parser = subparsers.add_parser("timex", help="find and normalize temporal expressions (TimeML TIMEX3)")
    parser.add_argument("file", nargs="?", default="-", help="text file to read, or - for standard input (default)")
    parser.add_argument("--dct", type=_iso_date, default=None,
                        help="publication date the relative expressions are resolved against; without it they stay unresolved")
    parser.add_argument("--narrative", action="store_true",
                        help="anchor relative expressions on the last date mentioned (histories)")
    parser.set_defaults(func=run)


def timex_cli(text: str, dct: date | None, *, narrative: bool = False) -> list[dict]:
    """The records ``timex`` prints, one per expression."""
    from timeline.dates.tagger import find_timexes

    return [{"start": t.begin, "end": t.end, "text": t.text, "type": t.type, "value": t.value, "mod": t.mod}
            for t in find_timexes(text, dct, narrative=narrative)]


def run(args: argparse.Namespace) -> int:
    if args.file == "-":
        text = sys.stdin.read()
    else:
        path = Path(args.file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"error: {path}: cannot read it as UTF-8 text ({exc})", file=sys.stderr)
            return 2
    for record in timex_cli(text, args.dct, narrative=args.narrative):
        print(json.dumps(record, ensure_ascii=False))
    return 0
