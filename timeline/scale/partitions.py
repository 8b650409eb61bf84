"""Extracted events as a folder of Parquet partitions, and reading them back for the store.

Layout of ``DIR`` (what ``python -m timeline extract ... --out DIR`` writes, locally or on a
Dask cluster)::

    DIR/articles/part-00000.parquet   one row per article of partition 0 (the Article fields)
    DIR/events/part-00000.parquet     one row per event of partition 0 (DESIGN.md's event record)

Each partition is one file in each folder, written when that partition is done, so a cluster's
results land as they come and ``pandas.read_parquet(DIR / "events")`` reads the whole event table.
The articles travel with their events because the store keeps every article (also those without
events) and its text, which the evidence offsets point into. Columns have fixed Arrow types, so an
empty partition has the same schema as a full one.

``python -m timeline ingest DIR`` hands partition folders to ``ingest_command`` here, which stores
them partition by partition (``load_into``) without loading the spaCy model.
"""
from __future__ import annotations

import dataclasses
import logging
import sys
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from timeline.schema import Article, Event

log = logging.getLogger(__name__)

ARTICLES, EVENTS = "articles", "events"

_ARROW = {"str": pa.string(), "str | None": pa.string(), "date | None": pa.date32(), "int": pa.int64(),
          "int | None": pa.int64(), "float": pa.float64(), "float | None": pa.float64(), "bool": pa.bool_(),
          "tuple[str, ...]": pa.list_(pa.string())}


def _schema(record: type) -> pa.Schema:
    return pa.schema([pa.field(f.name, _ARROW[f.type]) for f in dataclasses.fields(record)])


ARTICLE_SCHEMA, EVENT_SCHEMA = _schema(Article), _schema(Event)
# Fields with a default (added to the records after files were written, e.g. fatalities) may be absent.
_OPTIONAL = frozenset(f.name for record in (Article, Event) for f in dataclasses.fields(record)
                      if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING)


class PartitionError(ValueError):
    """A partition folder or file that cannot be read, named with the problem."""


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def prepare(out: Path) -> None:
    """Make ``out`` ready for a new run: the folders exist, and partitions of an earlier run are
    gone (a smaller rerun would otherwise leave stale parts that ingest would load)."""
    for folder in (ARTICLES, EVENTS):
        (out / folder).mkdir(parents=True, exist_ok=True)
        for old in (out / folder).glob("part-*.parquet"):
            old.unlink()


def write_partition(out: Path, index: int, articles: Iterable[Article], events: Iterable[Event]) -> None:
    """Write partition ``index`` of ``out`` (both files; an existing partition is replaced)."""
    for folder, schema, records in ((ARTICLES, ARTICLE_SCHEMA, articles), (EVENTS, EVENT_SCHEMA, events)):
        rows = [{f: getattr(r, f) for f in schema.names} for r in records]
        (out / folder).mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), out / folder / part_name(index))


def is_partitioned(path: Path) -> bool:
    """True for a folder laid out as above (what ``ingest`` should load rather than read as files)."""
    path = Path(path)
    return path.is_dir() and (path / ARTICLES).is_dir() and (path / EVENTS).is_dir()


def read_partitions(path: Path) -> Iterator[tuple[Article, list[Event]]]:
    """(article, its events) for every article of every partition, partition by partition."""
    for part in iter_partitions(path):
        yield from part


def iter_partitions(path: Path) -> Iterator[list[tuple[Article, list[Event]]]]:
    """Each partition's (article, events) pairs, one partition at a time (memory stays one partition).

    Raises PartitionError naming the file when a partition is missing its other half or has
    columns that are not the schema's.
    """
    path = Path(path)
    if not is_partitioned(path):
        raise PartitionError(f"{path}: not a partition folder (expected {ARTICLES}/ and {EVENTS}/ inside)")
    names = sorted(p.name for p in (path / ARTICLES).glob("part-*.parquet"))
    orphans = sorted({p.name for p in (path / EVENTS).glob("part-*.parquet")} - set(names))
    if orphans:
        raise PartitionError(f"{path / EVENTS / orphans[0]}: events without their articles file")
    for name in names:
        articles = [Article(**_tuples(row)) for row in _rows(path / ARTICLES / name, ARTICLE_SCHEMA)]
        events_file = path / EVENTS / name
        if not events_file.exists():
            raise PartitionError(f"{events_file}: missing (its articles file is there)")
        by_article: dict[str, list[Event]] = {a.id: [] for a in articles}
        for row in _rows(events_file, EVENT_SCHEMA):
            if row["article_id"] not in by_article:
                raise PartitionError(f"{events_file}: event {row['event_id']} names article {row['article_id']!r}, "
                                     "which is not in this partition")
            by_article[row["article_id"]].append(Event(**row))
        log.debug("%s: %s articles", name, len(articles))
        yield [(a, by_article[a.id]) for a in articles]


def load_into(store, path: Path):
    """Load a partition folder into ``store`` (a ``timeline.store.store.Store``) without the model: the
    events were extracted already. One transaction per partition, clusters recomputed once at the
    end. Returns the store's AddReport for all partitions."""
    report = None
    for part in iter_partitions(path):
        done = store.load_extracted(part, recluster=False)
        report = done if report is None else report + done
    if report is None:
        from timeline.store.batch import AddReport

        report = AddReport((), ())
    if report.added or report.replaced:
        store.recluster()
    return report


def ingest_command(args) -> int:
    """``python -m timeline ingest DIR...`` when the inputs are partition folders: same report
    lines and exit status as the ingest command, and no model loaded."""
    from timeline.store.store import Store

    others = [name for name in args.inputs if not is_partitioned(Path(name))]
    if others:
        print(f"error: {others[0]} is not a partition folder; ingest partition folders (from "
              "`extract --out DIR`) in a run of their own", file=sys.stderr)
        return 2
    out = (lambda *a, **k: None) if args.quiet else print
    store = Store(args.db, lock_timeout=args.wait)
    failed, total = 0, None
    for name in args.inputs:
        try:
            report = load_into(store, Path(name))
        except PartitionError as exc:
            out(f"failed   {exc}")
            failed += 1
            continue
        for item in report.items:
            events = f" ({item.events} events)" if item.outcome in ("added", "replaced") else ""
            detail = f": {item.detail}" if item.detail else ""
            out(f"{item.outcome:<8} {item.article_id}{events}{detail}  [{name}]")
        total = report if total is None else total + report
    if total is not None:
        failed += len(total.errors)
        counts = store.counts()
        print(f"{len(total.added)} added, {len(total.replaced)} replaced, {len(total.unchanged)} unchanged, "
              f"{failed} failed or skipped; {total.events} events loaded from partitions")
        print(f"store {store.path}: {counts['articles']} articles, {counts['events']} events, "
              f"{counts['clusters']} clusters")
    store.close()
    return 2 if total is None else 1 if failed else 0


def _rows(file: Path, schema: pa.Schema) -> list[dict]:
    try:
        table = pq.read_table(file)
    except (OSError, pa.ArrowException) as exc:
        raise PartitionError(f"{file}: not readable as Parquet: {exc}") from exc
    missing = [n for n in schema.names if n not in table.column_names and n not in _OPTIONAL]
    if missing:
        raise PartitionError(f"{file}: columns {missing} are missing")
    return table.select([n for n in schema.names if n in table.column_names]).to_pylist()


def _tuples(row: dict) -> dict:
    """Arrow lists come back as Python lists; the records hold tuples."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in row.items()}
