"""``python -m timeline ingest INPUT... [--db PATH]``: read articles, extract their events, store them.

INPUT is a file in any format ``timeline.ingest.read`` reads (text, HTML, JSON, JSONL, CSV, RSS/Atom),
a folder (its files, sorted), or an http(s) URL of a page or a feed. Every item gets one line:
added / replaced / unchanged / failed / skipped, with the reason; then the totals and what the
store now holds. Exit status 0 when nothing failed, 1 when some items failed, 2 when no input
could be used at all, 3 when the store stayed in use by another process for all of --wait.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Iterator

from timeline.schema import Article, IngestError, IngestResult

log = logging.getLogger(__name__)


def register(subparsers) -> None:
    parser = subparsers.add_parser("ingest", help="add articles (files, folders, feeds, URLs) to the event store",
                                   description=__doc__.split("\n\n")[1])
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or http(s) URL")
    parser.add_argument("--db", type=Path, help="store file (default: $TIMELINE_DB, else var/timeline.duckdb)")
    parser.add_argument("--published", help="publication date (YYYY-MM-DD) for items that carry none")
    parser.add_argument("--source", help="source name for items that carry none")
    parser.add_argument("--follow-links", action=argparse.BooleanOptionalAction, default=True,
                        help="for a feed URL, fetch each entry's page for its full text (default: yes)")
    parser.add_argument("--batch-size", type=int, default=16, help="articles per transaction (default 16)")
    parser.add_argument("--wait", type=float, default=10.0, metavar="SECONDS",
                        help="how long to wait for a store that another process is using (default 10)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no per-item lines")
    parser.set_defaults(func=run)


EXIT_BUSY = 3


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def read_inputs(inputs: list[str], *, published: str | None = None, source: str | None = None,
                follow_links: bool = True) -> Iterator[tuple[str, IngestResult]]:
    """(input name, what it gave) for each file, each file of a folder, and each URL.

    URLs: this is the local tool, so addresses on the user's own network are fetched (the hosted
    demo refuses them); a feed's entries take their page's full text when ``follow_links``.
    """
    from timeline.ingest import read as ingest
    from timeline.ingest.fetch import fetch_url

    for name in inputs:
        if _is_url(name):
            yield name, _guarded(name, fetch_url, name, allow_private=True, published=published, source=source,
                                 follow_links=follow_links)
            continue
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        if path.is_dir() and not files:
            yield name, IngestResult(errors=(IngestError(name, "", "folder has no files"),))
        for file in files:
            if not file.exists():
                yield str(file), IngestResult(errors=(IngestError(str(file), "", "no such file"),))
                continue
            yield str(file), _guarded(str(file), ingest.read_path, file, published=published, source=source)


def _guarded(name: str, read, *args, **kwargs) -> IngestResult:
    """What ``read`` gives, or one error naming the input: an unforeseen failure on one input
    must not lose the others given in the same run."""
    try:
        return read(*args, **kwargs)
    except Exception as exc:
        log.exception("reading %s failed", name)
        return IngestResult(errors=(IngestError(name, "", f"could not be read: {exc}"),))


def run(args: argparse.Namespace) -> int:
    from timeline.store.store import StoreBusy

    try:
        return _ingest(args)
    except StoreBusy as exc:
        print(f"error: {exc}; run the same command again when it has finished (what was stored already "
              "stays), or give --wait SECONDS", file=sys.stderr)
        return EXIT_BUSY


def _ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from timeline.scale import partitions
    from timeline.store.store import Store

    if any(partitions.is_partitioned(Path(name)) for name in args.inputs):
        return partitions.ingest_command(args)  # events extracted already (extract --out DIR): no model
    out = (lambda *a, **k: None) if args.quiet else print
    articles: list[Article] = []
    origin: dict[int, str] = {}
    read_errors: list[IngestError] = []
    for name, result in read_inputs(args.inputs, published=args.published, source=args.source,
                                    follow_links=args.follow_links):
        for article in result.articles:
            origin[len(articles)] = name
            articles.append(article)
        read_errors.extend(result.errors)
        for warning in result.warnings:
            out(f"warning  {warning}")
    for error in read_errors:
        out(f"failed   {error}")

    store = Store(args.db, lock_timeout=args.wait)
    nlp = None
    if {"added", "replaced"} & set(store.statuses(articles)):
        from timeline.extract.nlp import load_model

        nlp = load_model()
    with tqdm(total=len(articles), unit="article", disable=args.quiet or not articles, file=sys.stderr) as bar:
        def progress(done: int, total: int) -> None:
            bar.update(done - bar.n)

        report = store.add(articles, nlp, progress=progress, batch_size=args.batch_size)
    for warning in report.warnings:
        out(f"warning  {warning}")
    for index, item in enumerate(report.items):
        events = f" ({item.events} events)" if item.outcome in ("added", "replaced") else ""
        detail = f": {item.detail}" if item.detail else ""
        title = f" {item.title!r}" if item.title and item.title != item.article_id else ""
        out(f"{item.outcome:<8} {item.article_id}{title}{events}{detail}  [{origin[index]}]")

    failed = len(read_errors) + len(report.errors)
    counts = store.counts()
    print(f"{len(report.added)} added, {len(report.replaced)} replaced, {len(report.unchanged)} unchanged, "
          f"{failed} failed or skipped; {report.events} events extracted")
    print(f"store {store.path}: {counts['articles']} articles, {counts['events']} events, "
          f"{counts['clusters']} clusters ({counts['multi_source_clusters']} reported by more than one source)")
    store.close()
    if not articles and read_errors:
        return 2
    return 1 if failed else 0
