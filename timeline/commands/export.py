"""``python -m timeline export --out FILE [--view LINK] [--db PATH]``: a view of the store to a file.

The view is the dashboard's: one row per happening (``--raw``: per report), the analysts' corrections
applied, filtered by ``--view`` — a dashboard link, or just its query ("actor=Q7747&quad=3&from=2025-03-01"),
so a view cited in a note becomes the same file. The format follows the file's ending: .csv, .acled.csv,
.json, .parquet, .geojson (the map), .graphml / .gexf (the actor graph: i2 Analyst's Notebook, Gephi),
.timeline.json (TimelineJS), .html (the one-page brief). A bad link parameter is reported on stderr and
left out, as the dashboard does. Exit status 0, or 2 when nothing could be written.
"""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


def register(subparsers) -> None:
    parser = subparsers.add_parser("export", help="write a view of the store (with corrections) to a file",
                                   description=__doc__.split("\n\n")[1])
    parser.add_argument("--out", required=True, type=Path, help="output file; its ending picks the format")
    parser.add_argument("--view", default="", metavar="LINK",
                        help="a dashboard link or its query string (default: the dashboard's opening view)")
    parser.add_argument("--db", type=Path, help="the store (default: $TIMELINE_DB, else var/timeline.duckdb)")
    parser.add_argument("--raw", action="store_true", help="one row per report instead of per happening")
    parser.add_argument("--title", default="Conflict timeline: brief", help="the brief's title (.html)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from timeline.views import export

    fmt = export.format_for(args.out)
    if fmt is None:
        print(f"error: --out {args.out}: unknown format; use a file ending in "
              f"{', '.join('.' + f for f in export.FORMATS)} or .html", file=sys.stderr)
        return 2
    from timeline.analysis import keydates, query
    from timeline.store.store import Store
    from timeline.views.brief import brief_html, filters_in_words

    query_string = urlsplit(args.view).query if "?" in args.view else args.view
    params = {k: v for k, v in parse_qs(query_string, keep_blank_values=False).items()}
    filters, problems = query.Filters.from_params(params)
    raw_param = params.get("raw", ["0"])[-1] == "1"
    try:
        store = Store(args.db, read_only=True)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with store:
        raw = query.normalize(store.events(clustered=False))
        events = raw if args.raw or raw_param else query.normalize(store.events(clustered=True))
    filters, unknown = filters.known_in(raw)
    problems += unknown
    ranked = keydates.rank(raw, top=10) if filters.key_dates_only else []
    for problem in problems:
        print(f"warning: link parameter ignored: {problem}", file=sys.stderr)
    shown = query.apply(events, filters, key_dates=[kd.date for kd in ranked])
    names = query.actor_names(raw)
    if fmt == "brief.html":
        data = brief_html(shown, title=args.title, scope=filters_in_words(filters, names), link=args.view)
    else:
        data = export.export(shown, fmt)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"{len(shown)} of {len(events)} events ({filters_in_words(filters, names)}) -> {args.out}", file=sys.stderr)
    return 0
