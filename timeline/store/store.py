"""DuckDB persistence: articles, events, actors, clusters and analyst edits in one database file.

Where the file is: the ``path`` argument, else ``$TIMELINE_DB``, else ``var/timeline.duckdb`` under
the current directory (created with its folder). ``":memory:"`` gives a private store that lives as
long as the object (a hosted-demo visitor's session, tests).

DuckDB lets only one process open a file for writing, and the dashboard and ``python -m timeline
ingest`` share the same store: so a file store keeps its connection only while in use and lets the
file go after ``hold_seconds`` idle; when another process holds the file, it waits up to
``lock_timeout`` seconds, then raises ``StoreBusy`` naming the file.

Consistency: ``add`` writes each batch of articles in one transaction (an article and its events
go in together; a changed article's old events go out in the same step), so a process killed
mid-batch leaves the batches before it, and running the same ``add`` again completes the rest.
Clusters are brought up to date after every change; a ``clusters_stale`` flag written in the same
transaction as the change makes a reader recompute them if the writer died before it could. Adding or
removing articles re-clusters only the groups of events it touches (``dedup.components``), which
gives what clustering everything gives; an analyst's edit re-clusters everything.

Analyst edits: ``timeline.store.curation`` (mixed in). A hosted demo seals one shared store (``seal``)
and gives each visitor a private ``copy_into(Store(":memory:"))``.
"""
from __future__ import annotations

import atexit
import logging
import os
import re
import threading
import time
import weakref
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

import duckdb
import numpy as np
import pandas as pd

from timeline.store import dedup
from timeline.store.curation import Curation
from timeline.store.editlog import DATE_FIELDS, apply_edits
from timeline.store.sources import Grading, grade_events
from timeline.schema import EVENT_FIELDS, Article, Event, IngestError
from timeline.store.batch import (STALE_EVERYTHING, AddReport, ItemOutcome, Known, check, forget_clusters,
                                  mark_articles_changed, validate, write)
from timeline.store.tables import DDL, SCHEMA_VERSION, TABLES, add_missing_columns, article_from_row, with_defaults

log = logging.getLogger(__name__)

DEFAULT_DB = Path("var") / "timeline.duckdb"
MEMORY = ":memory:"
# spaCy refuses longer texts (nlp.max_length); saying so up front names the article and the limit.
MAX_ARTICLE_CHARS = 1_000_000
EXTRA_COLUMNS = ("n_sources", "cluster_size", "sources", "edited", "source_grade", "source_weight")
# While waiting for another process to let go of the file, say so this often.
WAIT_NOTE_SECONDS = 5

Extractor = Callable[..., Iterator[tuple[Article, list[Event]]]]


class StoreError(RuntimeError):
    """A store operation that cannot be done, with the reason."""


class StoreBusy(StoreError):
    """Another process holds the database file."""


# Stores holding a database file, closed at exit by the main thread. A release timer that fires while
# the interpreter shuts down would be frozen inside DuckDB's C++ code, which aborts the process
# ("terminate called ... FATAL: exception not rethrown", exit 134) after a clean run.
_HOLDING: weakref.WeakSet[Store] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for store in list(_HOLDING):
        store.close()


def _holder(message: str) -> str:
    """" (PID 1234)" from DuckDB's lock error, which also names the program and a web page."""
    found = re.search(r"\(PID (\d+)\)", message)
    return f" (PID {found[1]})" if found else ""


def default_path() -> Path:
    """$TIMELINE_DB, else var/timeline.duckdb under the current directory."""
    return Path(os.environ.get("TIMELINE_DB") or DEFAULT_DB)


class Store(Curation, Grading):
    """The event store. See the module docstring for where it lives and how it stays consistent."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False, lock_timeout: float = 10.0,
                 hold_seconds: float = 2.0):
        self.path: Path | str = MEMORY if str(path) == MEMORY else Path(path) if path else default_path()
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self.hold_seconds = hold_seconds
        self._lock = threading.RLock()
        self._file: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._release_timer: threading.Timer | None = None
        self._memory = duckdb.connect(MEMORY) if self.path == MEMORY else None
        if self._memory is None:
            if read_only and not Path(self.path).exists():
                raise FileNotFoundError(f"no store at {self.path} (set TIMELINE_DB or pass --db)")
            if not read_only:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        if self._memory is not None or not read_only:
            with self._tx(bump=False) as con:
                for statement in DDL:
                    con.execute(statement)
                self._seed_sources(con)
                added = add_missing_columns(con)
                for column in added:
                    log.warning("store %s: added column %s (made by an older version)", self.path, column)
                if "events.attribution" in added:
                    _before_attribution(con, self.path)
                _fill_meta(con)
                con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION])

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}, read_only={self.read_only})"

    def seal(self) -> Store:
        """Refuse every change from now on (a hosted demo's shared base corpus)."""
        self.read_only = True
        return self

    # -- connections -------------------------------------------------------------------------
    def close(self) -> None:
        """Let go of the database file now (a memory store is unaffected); when it returns, no
        release timer of this store is left running."""
        with self._lock:
            timer, self._release_timer = self._release_timer, None
            if timer is not None:
                timer.cancel()
            if self._file is not None and self._users == 0:
                self._file.close()
                self._file = None
                _HOLDING.discard(self)
        if timer is not None and timer is not threading.current_thread():
            timer.join()  # outside the lock: a timer that already fired waits for it, then finds nothing to do

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            if self._memory is not None:
                yield self._memory
                return
            if self._release_timer is not None:
                self._release_timer.cancel()
                self._release_timer = None
            if self._file is None:
                self._file = self._open_file()
                _HOLDING.add(self)
            self._users += 1
            try:
                yield self._file
            finally:
                self._users -= 1
                if self._users == 0:
                    self._release_later()

    def _release_later(self) -> None:
        if self.hold_seconds <= 0:
            self.close()
            return
        self._release_timer = threading.Timer(self.hold_seconds, self.close)
        self._release_timer.daemon = True
        self._release_timer.start()

    def _open_file(self) -> duckdb.DuckDBPyConnection:
        started = time.monotonic()
        said = -1  # the last whole number of WAIT_NOTE_SECONDS for which the wait was logged
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=self.read_only)
            except duckdb.ConnectionException as exc:
                raise StoreBusy(f"the store {self.path} is open in this process in another mode (read-only or "
                                f"not); close() that Store first: {exc}") from exc
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                waited = time.monotonic() - started
                holder = _holder(str(exc))
                if waited > self.lock_timeout:
                    raise StoreBusy(f"the store {self.path} is in use by another process{holder}; gave up after "
                                    f"waiting {self.lock_timeout:g} s") from exc
                if int(waited // WAIT_NOTE_SECONDS) > said:
                    said = int(waited // WAIT_NOTE_SECONDS)
                    log.warning("the store %s is in use by another process%s; waiting (%.0f of %g s)", self.path,
                                holder, waited, self.lock_timeout)
                time.sleep(0.2)

    @contextmanager
    def _tx(self, *, bump: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction; unless told otherwise it counts as a change of the data (``data_version``)."""
        with self._connect() as con:
            con.begin()
            try:
                yield con
                if bump:
                    con.execute("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) "
                                "WHERE key = 'data_version'")
            except BaseException:
                con.rollback()
                raise
            con.commit()

    def data_version(self) -> int:
        """A counter every change of the data raises, in the change's own transaction: a reader in any
        session or process sees the change with its first read after the commit (one row, so cheap
        enough to ask on every page rerun; caches key on it)."""
        with self._connect() as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return int(row[0]) if row else 0

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self!r} is read-only: make changes in a copy (copy_into a \":memory:\" store)")

    # -- adding ------------------------------------------------------------------------------
    def add(self, articles: Iterable[Article], nlp, *, progress: Callable[[int, int], None] | None = None,
            batch_size: int = 16, extract: Extractor | None = None) -> AddReport:
        """Extract and store articles; one transaction per batch; re-cluster at the end.

        ``extract`` defaults to ``timeline.extract.events.extract_many``; pass another function with its
        signature to load events made elsewhere. Unchanged articles are not extracted again.
        ``progress(done, total)`` is called after each article.
        """
        self._writable()
        extract = extract or _extract_many
        articles = list(articles)
        limit = min(MAX_ARTICLE_CHARS, getattr(nlp, "max_length", MAX_ARTICLE_CHARS) or MAX_ARTICLE_CHARS)
        outcomes: dict[int, ItemOutcome] = {}
        warnings: list[IngestError] = []
        known = Known()
        step = max(1, batch_size)
        for first in range(0, len(articles), step):
            batch = articles[first:first + step]
            with self._tx() as con:
                known.load(con, batch)
                pending: dict[str, tuple[int, str]] = {}
                for index, article in enumerate(batch, start=first):
                    status = check(article, limit, known, warnings)
                    if isinstance(status, ItemOutcome):
                        outcomes[index] = status
                        _tick(progress, len(outcomes), len(articles))
                    else:
                        pending[article.id] = (index, status)
                rows = []
                todo = [articles[i] for i, _ in pending.values()]
                for article, result in _extract_each(todo, nlp, extract, batch_size):
                    index, status = pending[article.id]
                    if isinstance(result, Exception):
                        outcomes[index] = ItemOutcome(article.id, "failed", 0, f"event extraction failed: {result}",
                                                      article.title)
                    else:
                        outcomes[index] = self._accept(article, result, status, rows)
                    _tick(progress, len(outcomes), len(articles))
                write(con, rows)
        report = AddReport(tuple(outcomes[i] for i in sorted(outcomes)), tuple(warnings))
        if report.added or report.replaced:
            self.recluster(incremental=True)
        log.info("added %s, replaced %s, unchanged %s, failed %s; %s events", len(report.added),
                 len(report.replaced), len(report.unchanged), len(report.errors), report.events)
        return report

    def add_extracted(self, article: Article, events: Iterable[Event], *, recluster: bool = True) -> ItemOutcome:
        """Store one article with events extracted elsewhere (hand-built, or loaded from Parquet)."""
        return self.load_extracted([(article, list(events))], recluster=recluster).items[0]

    def load_extracted(self, pairs: Iterable[tuple[Article, list[Event]]], *, recluster: bool = True) -> AddReport:
        """Store (article, events) pairs in one transaction; same idempotence rules as ``add``."""
        self._writable()
        pairs = [(article, list(events)) for article, events in pairs]
        items: list[ItemOutcome] = []
        warnings: list[IngestError] = []
        rows: list[tuple[Article, list[Event]]] = []
        with self._tx() as con:
            known = Known().load(con, [a for a, _ in pairs])
            for article, events in pairs:
                status = check(article, MAX_ARTICLE_CHARS, known, warnings)
                items.append(status if isinstance(status, ItemOutcome) else self._accept(article, events, status, rows))
            write(con, rows)
        report = AddReport(tuple(items), tuple(warnings))
        if recluster and (report.added or report.replaced):
            self.recluster(incremental=True)
        return report

    @staticmethod
    def _accept(article: Article, events: list[Event], status: str, rows: list) -> ItemOutcome:
        valid = validate(article, events)
        if isinstance(valid, ItemOutcome):
            return valid
        rows.append((article, valid))
        return ItemOutcome(article.id, status, len(valid), "", article.title)

    def statuses(self, articles: Iterable[Article]) -> list[str]:
        """What ``add`` would do with each article, without extracting: added, replaced, unchanged,
        failed or skipped (one query for all, so a caller can skip loading the model)."""
        articles = list(articles)
        with self._connect() as con:
            known = Known().load(con, articles)
        decisions = (check(a, MAX_ARTICLE_CHARS, known, []) for a in articles)
        return [d.outcome if isinstance(d, ItemOutcome) else d for d in decisions]

    def remove_article(self, article_id: str) -> bool:
        """Remove an article and its events (its edits stay, in case it comes back)."""
        self._writable()
        with self._tx() as con:
            found = con.execute("SELECT count(*) FROM articles WHERE id = ?", [article_id]).fetchone()[0] > 0
            forget_clusters(con, [article_id])
            con.execute("DELETE FROM events WHERE article_id = ?", [article_id])
            con.execute("DELETE FROM articles WHERE id = ?", [article_id])
            mark_articles_changed(con)
        self.recluster(incremental=True)
        return found

    # -- clustering --------------------------------------------------------------------------
    def recluster(self, *, incremental: bool = False) -> int:
        """Bring the clusters and the actors table up to date with the edited events; returns the
        cluster count. ``incremental``: only articles were added or removed since the last
        clustering, so only the groups of events they touch are clustered again (everything when
        an edit is pending)."""
        self._writable()
        with self._tx() as con:
            events = self._edited(con, read=_arrow_frame)
            if incremental and _stale(con) != STALE_EVERYTHING:
                _update_clusters(con, events)
            else:
                _replace(con, "clusters", dedup.cluster(events))
            _replace(con, "actors", _actor_table(events))
            con.execute("UPDATE meta SET value = '0' WHERE key = 'clusters_stale'")
            return int(con.execute("SELECT count(DISTINCT cluster_id) FROM clusters").fetchall()[0][0])

    def _edited(self, con, read: Callable = lambda con, sql: con.execute(sql).df()) -> pd.DataFrame:
        return apply_edits(with_defaults(read(con, "SELECT * FROM events")), self._active_edits(con))

    # -- reading -----------------------------------------------------------------------------
    def events(self, *, clustered: bool = True) -> pd.DataFrame:
        """The DESIGN.md event fields with edits applied and deleted events left out.

        Extra columns: ``n_sources`` and ``cluster_size`` (of the event's cluster), ``sources``
        ("; "-joined) and ``edited``. ``clustered`` gives one row per cluster, its representative.
        Date columns are pandas datetimes (midnight); ``published`` too.
        """
        if self._stale() and not self.read_only:
            self.recluster(incremental=True)
        with self._connect() as con:
            events = self._edited(con)
            clusters = dedup.cluster(events) if _stale(con) else con.execute("SELECT * FROM clusters").df()
            grades = self._source_table(con)
        frame = events.merge(clusters, on="event_id", how="left")
        frame = grade_events(dedup.reconcile_disputes(_reconcile_dates(frame)), grades)
        if clustered:
            frame = frame[frame["representative"].fillna(True).astype(bool)]
        frame = frame.sort_values(["date_start", "published", "event_id"], na_position="last")
        return frame[list(EVENT_FIELDS) + list(EXTRA_COLUMNS)].reset_index(drop=True)

    def cluster_members(self, cluster_id: str) -> pd.DataFrame:
        """Every event of a cluster (representative first), with the same columns as ``events``."""
        members = self.events(clustered=False)
        members = members[members["cluster_id"] == cluster_id]
        with self._connect() as con:
            rep = con.execute("SELECT event_id FROM clusters WHERE cluster_id = ? AND representative",
                              [cluster_id]).fetchone()
        order = members["event_id"].ne(rep[0] if rep else "")
        return members.assign(_order=order).sort_values(["_order", "published"]).drop(columns="_order").reset_index(drop=True)

    def articles(self) -> pd.DataFrame:
        """One row per stored article (without its text; see ``article``) with ``chars`` and ``n_events``."""
        with self._connect() as con:
            return con.execute(
                "SELECT id, title, source, published, url, language, length(text) AS chars, n_events, "
                "fingerprint, added_at FROM articles ORDER BY published NULLS LAST, id").df()

    def article(self, article_id: str) -> Article | None:
        with self._connect() as con:
            # fetchall, not fetchone: an unfinished result would pin the shared in-memory
            # connection, and the next copy_into (a demo visitor's private copy) would fail.
            cursor = con.execute("SELECT * FROM articles WHERE id = ?", [article_id])
            rows = cursor.fetchall()
            if not rows:
                return None
            return article_from_row(dict(zip([d[0] for d in cursor.description], rows[0])))

    def actors(self) -> pd.DataFrame:
        """Actors seen in the edited events: id, name, n_events, alias_of (empty unless merged away)."""
        if self._stale() and not self.read_only:
            self.recluster(incremental=True)
        with self._connect() as con:
            return con.execute("SELECT * FROM actors ORDER BY n_events DESC, id").df()

    def counts(self) -> dict[str, int]:
        """articles, events (after edits), clusters, and clusters reported by more than one source."""
        events = self.events(clustered=False)
        with self._connect() as con:
            n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        reps = events.drop_duplicates("cluster_id")
        return {"articles": int(n_articles), "events": len(events), "clusters": len(reps),
                "multi_source_clusters": int((reps["n_sources"] > 1).sum())}

    def _stale(self) -> bool:
        with self._connect() as con:
            return bool(_stale(con))

    # -- copying -----------------------------------------------------------------------------
    def copy_into(self, other: Store) -> Store:
        """Replace everything in ``other`` with this store's contents; returns ``other``."""
        other._writable()
        with self._connect() as src:
            tables = {name: src.sql(f"SELECT * FROM {name}").to_arrow_table() for name in TABLES}
        with other._tx() as dst:
            for name, table in tables.items():
                _replace(dst, name, table)
            _fill_meta(dst)  # a store made by an older version has no data_version to copy
        return other


def _before_attribution(con, path) -> None:
    """Events stored before attribution existed read "reported" until re-extracted; ingesting their
    articles again re-extracts them (their fingerprints are marked so they count as changed)."""
    n = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    con.execute("UPDATE articles SET fingerprint = 'pre-attribution:' || fingerprint")
    if n:
        log.warning("store %s: %s events were extracted before claims and denials were read; they read "
                    "'reported' until their articles are ingested again", path, n)


def _replace(con, table: str, rows) -> None:
    """Replace a table's rows with ``rows`` (a DataFrame or Arrow table with its column names)."""
    con.execute(f"DELETE FROM {table}")
    con.register("new_rows", rows)
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM new_rows")
    con.unregister("new_rows")


def _fill_meta(con) -> None:
    defaults = {"schema_version": SCHEMA_VERSION, "clusters_stale": "0", "data_version": "0"}
    present = {row[0] for row in con.execute("SELECT key FROM meta").fetchall()}
    for key, value in defaults.items():
        if key not in present:
            con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])


def _stale(con) -> str:
    """What the clusters lag behind: "" (nothing), STALE_ARTICLES or STALE_EVERYTHING (an edit)."""
    rows = con.execute("SELECT value FROM meta WHERE key = 'clusters_stale'").fetchall()  # all: no open result
    return "" if not rows or rows[0][0] == "0" else rows[0][0]


def _arrow_frame(con, sql: str) -> pd.DataFrame:
    """The result as a frame by way of Arrow: the same columns and types as ``.df()`` for the events
    and clusters tables, five times faster at 100,000 events."""
    frame = con.sql(sql).to_arrow_table().to_pandas(date_as_object=False)
    for name, kind in frame.dtypes.items():
        if str(kind).startswith("datetime64") and str(kind) != "datetime64[us]":
            frame[name] = frame[name].astype("datetime64[us]")
    return frame


def _update_clusters(con, events: pd.DataFrame) -> None:
    """Cluster again the groups of the events without a cluster row: new events, and the members of
    every cluster that held a replaced or removed one (``forget_clusters``); and, should a row name an
    event that is gone, the rest of its cluster. The other rows stay as they are."""
    old = _arrow_frame(con, "SELECT event_id, cluster_id FROM clusters")
    # Sets, not Series.isin: isin on Arrow-backed strings loops in Python and took seconds at 100k events.
    present, clustered, cluster_of = events["event_id"].tolist(), old["event_id"].tolist(), old["cluster_id"].tolist()
    present_set, clustered_set = set(present), set(clustered)
    gone = {e for e in clustered if e not in present_set}
    bereft = {c for e, c in zip(clustered, cluster_of) if e in gone}
    bereft_members = {e for e, c in zip(clustered, cluster_of) if c in bereft}
    touched = np.array([e not in clustered_set or e in bereft_members for e in present], dtype=bool)
    if touched.any():
        groups = dedup.components(events)
        again = np.isin(groups, groups[touched])
        log.info("re-clustering %s of %s events (%s new or bereft)", int(again.sum()), len(events), int(touched.sum()))
        fresh = dedup.cluster(events[again])
    else:
        again, fresh = np.zeros(len(events), dtype=bool), None
    stale = gone | {e for e, a in zip(present, again) if a}
    if stale:
        con.execute("DELETE FROM clusters WHERE event_id IN (SELECT unnest(?))", [sorted(stale)])
    if fresh is not None and len(fresh):
        con.register("new_rows", fresh)
        con.execute("INSERT INTO clusters BY NAME SELECT * FROM new_rows")
        con.unregister("new_rows")


def _tick(progress: Callable[[int, int], None] | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _extract_many(articles: list[Article], nlp, *, batch_size: int) -> Iterator[tuple[Article, list[Event]]]:
    # imported on first use: the model's libraries take seconds to load, and a re-run of
    # unchanged articles extracts nothing
    from timeline.extract.events import extract_many

    return extract_many(articles, nlp, batch_size=batch_size)


def _extract_each(articles: list[Article], nlp, extract: Extractor,
                  batch_size: int) -> Iterator[tuple[Article, list[Event] | Exception]]:
    """(article, events or the exception) for each article; one bad article does not stop the rest."""
    done: set[str] = set()
    if articles:
        try:
            for article, events in extract(articles, nlp, batch_size=batch_size):
                done.add(article.id)
                yield article, list(events)
        except Exception as exc:  # the batch stops at a bad article: find it by going one at a time
            log.warning("batch extraction stopped (%s); extracting the rest one by one", exc)
    for article in articles:
        if article.id in done:
            continue
        try:
            yield article, [e for _, events in extract([article], nlp, batch_size=1) for e in events]
        except Exception as exc:
            log.warning("article %s: event extraction failed: %s", article.id, exc)
            yield article, exc


def _reconcile_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Members dated only by tense (or not at all) take their cluster representative's date."""
    takes = frame["date_from"].fillna("").astype(str).ne("").to_numpy()
    if not takes.any():
        return frame
    # Column at a time: setting cells one by one rewrote a whole Arrow column per cell (21 s at 100k events).
    donors = frame.set_index("event_id").loc[frame.loc[takes, "date_from"].to_numpy()]
    frame = frame.copy()
    for column in DATE_FIELDS:
        frame.loc[takes, column] = donors[column].to_numpy()

    def text(column: str) -> pd.Series:
        return donors[column].fillna("").astype(str).reset_index(drop=True)

    source, date_text = text("source"), text("date_text")
    who = source.where(source != "", text("article_id"))
    written = date_text.where(date_text != "", text("date_value"))
    frame.loc[takes, "reason"] = (frame.loc[takes, "reason"].fillna("").astype(str).to_numpy()
                                  + "; date from the same happening reported by " + who + " (" + written + ")").to_numpy()
    return frame


def _actor_table(events: pd.DataFrame) -> pd.DataFrame:
    sides = [events[[f"{side}", f"{side}_name"]].set_axis(["id", "name"], axis=1) for side in ("actor1", "actor2")]
    actors = pd.concat(sides)
    actors = actors[actors["id"].fillna("").astype(str).ne("")]
    table = actors.groupby("id").agg(name=("name", "first"), n_events=("name", "size")).reset_index()
    table["alias_of"] = ""
    merged = [{"id": alias, "name": name, "n_events": 0, "alias_of": keep}
              for alias, (keep, name) in events.attrs.get("aliases", {}).items()]
    table = pd.concat([table, pd.DataFrame(merged, columns=table.columns)]).reset_index(drop=True)
    # Actors an analyst added: described by them, listed even before any event names them.
    added = pd.DataFrame(events.attrs.get("added_actors", []), columns=["id", "name", "kind", "country", "aliases"])
    added["aliases"] = added["aliases"].map("|".join)
    table = table.merge(added.drop(columns="name"), on="id", how="left")
    missing = added[~added["id"].isin(table["id"])].assign(n_events=0, alias_of="")
    return pd.concat([table, missing[table.columns]]).fillna({"kind": "", "country": "", "aliases": ""}).reset_index(drop=True)
