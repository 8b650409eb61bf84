"""The store's tables, and the conversion between typed records and Arrow rows.

Column types follow the dataclass annotations in ``timeline.schema`` so a field added there
(with a default) reaches the store without a second list to keep in step. Tables carry no
primary-key constraints: the store deletes before it re-inserts inside one transaction, and
DuckDB's eager key checks would reject that pattern.
"""
from __future__ import annotations

import dataclasses
import hashlib
from typing import Any, Iterable

import pyarrow as pa

from timeline.schema import Article, Event

_DUCK = {"str": "VARCHAR", "date": "DATE", "int": "INTEGER", "float": "DOUBLE", "bool": "BOOLEAN"}
_ARROW = {"str": pa.string(), "date": pa.date32(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


def _base_type(annotation: str) -> str:
    return annotation.split("|")[0].strip()


# cluster_id lives in the clusters table: it is recomputed after every change, not extracted.
EVENT_COLUMNS: dict[str, str] = {
    f.name: _base_type(str(f.type)) for f in dataclasses.fields(Event) if f.name != "cluster_id"
}
ARTICLE_SCALARS: dict[str, str] = {
    f.name: _base_type(str(f.type)) for f in dataclasses.fields(Article) if f.name not in ("captions", "removed")
}

# 2: events carry attribution, claimed_by and denied_by; the sources table holds the grades.
SCHEMA_VERSION = "2"

# Columns added to the tables after their first version: older store files get them, empty.
LATER_COLUMNS = {
    "actors": {"kind": "str", "country": "str", "aliases": "str"},
    "edits": {"members": "str", "subject": "str", "author": "str", "reason": "str", "note": "str"},
}


def _later(table: str) -> str:
    return "".join(f", {name} {_DUCK[kind]}" for name, kind in LATER_COLUMNS[table].items())


DDL = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)",
    "CREATE TABLE IF NOT EXISTS articles ("
    + ", ".join(f"{name} {_DUCK[t]}" for name, t in ARTICLE_SCALARS.items())
    + ", captions VARCHAR[], removed VARCHAR[], fingerprint VARCHAR NOT NULL, n_events INTEGER,"
    " added_at TIMESTAMP NOT NULL)",
    "CREATE TABLE IF NOT EXISTS events (" + ", ".join(f"{n} {_DUCK[t]}" for n, t in EVENT_COLUMNS.items()) + ")",
    "CREATE TABLE IF NOT EXISTS actors (id VARCHAR, name VARCHAR, n_events INTEGER, alias_of VARCHAR"
    + _later("actors") + ")",
    "CREATE TABLE IF NOT EXISTS clusters (event_id VARCHAR, cluster_id VARCHAR, representative BOOLEAN,"
    " n_sources INTEGER, cluster_size INTEGER, sources VARCHAR, date_from VARCHAR)",
    "CREATE TABLE IF NOT EXISTS edits (edit_id INTEGER NOT NULL, edited_at TIMESTAMP NOT NULL,"
    " action VARCHAR NOT NULL, event_id VARCHAR, field VARCHAR, value VARCHAR, previous VARCHAR,"
    " undone_at TIMESTAMP" + _later("edits") + ")",
    # older store files index events.article_id, and DuckDB refuses ALTER TABLE on an indexed
    # table (add_missing_columns); batched deletes do not need the index
    "DROP INDEX IF EXISTS events_article",
]

TABLES = ("meta", "articles", "events", "actors", "clusters", "edits", "sources")


def _defaults(record_type) -> dict[str, Any]:
    return {f.name: f.default for f in dataclasses.fields(record_type) if f.default is not dataclasses.MISSING}


def with_defaults(events) -> Any:
    """An events frame read from a store file too old to migrate (opened read-only) with the columns
    it lacks, holding their defaults."""
    missing = {name: value for name, value in _defaults(Event).items() if name in EVENT_COLUMNS and name not in events}
    return events.assign(**missing) if missing else events


def add_missing_columns(con) -> list[str]:
    """Bring a store file made by an older version up to date: a field added to Article or Event
    (always with a default, per schema.py's rule), or a later column of another table, becomes a new
    column holding the field's default in the rows already stored (empty for the other tables'
    columns). Returns what was added."""
    added = []
    for table, columns, defaults in (("events", EVENT_COLUMNS, _defaults(Event)), ("articles", ARTICLE_SCALARS, _defaults(Article)),
                                     *((name, cols, {}) for name, cols in LATER_COLUMNS.items())):
        present = {row[0] for row in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
        for name, kind in columns.items():
            if name not in present:
                default = defaults.get(name)
                clause = "" if default is None else f" DEFAULT {_literal(default)}"
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {_DUCK[kind]}{clause}')
                added.append(f"{table}.{name}")
    return added


def _literal(value: Any) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return str(value).upper() if isinstance(value, bool) else repr(value)

EVENT_ARROW = pa.schema([(name, _ARROW[t]) for name, t in EVENT_COLUMNS.items()])
ARTICLE_ARROW = pa.schema(
    [(name, _ARROW[t]) for name, t in ARTICLE_SCALARS.items()]
    + [("captions", pa.list_(pa.string())), ("removed", pa.list_(pa.string())),
       ("fingerprint", pa.string()), ("n_events", pa.int64())]
)


def fingerprint(article: Article) -> str:
    """What decides "the same article": its text and the publication date its dates resolve against."""
    published = article.published.isoformat() if article.published else ""
    key = f"{published}\n{article.language or ''}\n{article.text}"
    # surrogatepass: an article with a lone surrogate is refused by batch.check, not by a traceback here
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def events_table(events: Iterable[Event]) -> pa.Table:
    return pa.Table.from_pylist([{n: getattr(e, n) for n in EVENT_COLUMNS} for e in events], schema=EVENT_ARROW)


def articles_table(rows: Iterable[tuple[Article, int]]) -> pa.Table:
    records = []
    for article, n_events in rows:
        record: dict[str, Any] = {n: getattr(article, n) for n in ARTICLE_SCALARS}
        record.update(captions=list(article.captions), removed=list(article.removed),
                      fingerprint=fingerprint(article), n_events=n_events)
        records.append(record)
    return pa.Table.from_pylist(records, schema=ARTICLE_ARROW)


def article_from_row(row: dict[str, Any]) -> Article:
    values = {n: row[n] for n in ARTICLE_SCALARS}
    return Article(**values, captions=tuple(row["captions"] or ()), removed=tuple(row["removed"] or ()))
