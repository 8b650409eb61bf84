"""One batch of articles going into the store: the checks, the idempotence decision, the bulk write.

Decisions per article: refused (no text, too long, not English), unchanged (same fingerprint
stored under its id, or the same text under another id, or earlier in the same call), replaced
(its id is stored with other text), or added. The write is two deletes and two inserts per batch,
not per article: per-article statements made a 10,000-article file take minutes.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from timeline.schema import Article, Event, IngestError
from timeline.store.tables import articles_table, events_table, fingerprint

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ItemOutcome:
    """What became of one article: added, unchanged, replaced, failed or skipped, and why."""

    article_id: str
    outcome: str
    events: int = 0
    detail: str = ""
    title: str | None = None


@dataclass(frozen=True)
class AddReport:
    """Per-article outcomes of one ``add`` (in input order) and the warnings it raised."""

    items: tuple[ItemOutcome, ...] = ()
    warnings: tuple[IngestError, ...] = ()

    def _ids(self, outcome: str) -> tuple[str, ...]:
        return tuple(i.article_id for i in self.items if i.outcome == outcome)

    @property
    def added(self) -> tuple[str, ...]:
        return self._ids("added")

    @property
    def unchanged(self) -> tuple[str, ...]:
        return self._ids("unchanged")

    @property
    def replaced(self) -> tuple[str, ...]:
        return self._ids("replaced")

    @property
    def events(self) -> int:
        return sum(i.events for i in self.items if i.outcome in ("added", "replaced"))

    @property
    def errors(self) -> tuple[IngestError, ...]:
        return tuple(IngestError(i.article_id, "", i.detail) for i in self.items if i.outcome in ("failed", "skipped"))

    def __add__(self, other: AddReport) -> AddReport:
        return AddReport(self.items + other.items, self.warnings + other.warnings)


@dataclass
class Known:
    """Fingerprints already stored, and those seen earlier in this call, by id and by fingerprint."""

    stored_by_id: dict[str, str] = field(default_factory=dict)
    stored_by_fp: dict[str, str] = field(default_factory=dict)
    seen_by_id: dict[str, str] = field(default_factory=dict)
    seen_by_fp: dict[str, str] = field(default_factory=dict)

    def load(self, con, articles: Iterable[Article]) -> Known:
        articles = list(articles)
        ids = [a.id for a in articles if not _surrogate(a.id)]  # check() refuses the others, by name
        fps = [fingerprint(a) for a in articles]
        for article_id, fp in con.execute("SELECT id, fingerprint FROM articles WHERE id IN (SELECT unnest(?)) "
                                          "OR fingerprint IN (SELECT unnest(?))", [ids, fps]).fetchall():
            self.stored_by_id[article_id] = fp
            self.stored_by_fp.setdefault(fp, article_id)
        return self


def check(article: Article, limit: int, known: Known, warnings: list[IngestError]) -> ItemOutcome | str:
    """An outcome when the article needs no extraction; else "added" or "replaced"."""
    def outcome(kind: str, detail: str) -> ItemOutcome:
        return ItemOutcome(article.id, kind, 0, detail, article.title)

    if not article.text or not article.text.strip():
        return outcome("failed", "the article has no text")
    unstorable = _not_unicode(article)
    if unstorable:
        return outcome("failed", unstorable)
    if len(article.text) > limit:
        return outcome("failed", f"the text has {len(article.text):,} characters, more than the {limit:,} "
                                 "an article may have; split it into articles")
    if article.language and article.language.lower().split("-")[0] != "en":
        return outcome("skipped", f"the article is in language {article.language!r}; events are extracted "
                                  "from English text only, so it was not stored")
    if article.published and article.published > date.today():
        warnings.append(IngestError(article.id, "", f"published {article.published.isoformat()} is in the "
                                                    "future; its relative dates are resolved against it"))
    fp = fingerprint(article)
    if article.id in known.seen_by_id:
        if known.seen_by_id[article.id] == fp:
            return outcome("unchanged", "the same article appears earlier in this batch")
        return outcome("failed", "another article with the same id and different text appears earlier in this batch")
    if fp in known.seen_by_fp:
        return outcome("unchanged", f"the same text appears earlier in this batch as article {known.seen_by_fp[fp]}")
    known.seen_by_id[article.id] = fp
    known.seen_by_fp[fp] = article.id
    if article.id in known.stored_by_id:
        if known.stored_by_id[article.id] == fp:
            return outcome("unchanged", "already stored with the same text")
        return "replaced"
    if fp in known.stored_by_fp:
        return outcome("unchanged", f"the same text is already stored as article {known.stored_by_fp[fp]}")
    return "added"


def _not_unicode(article: Article) -> str | None:
    """Why the article's text cannot be stored: a lone surrogate (read from JSON's "\\ud800")."""
    for name in ("id", "title", "source", "url", "text"):
        value = getattr(article, name)
        at = _surrogate(value) if isinstance(value, str) else None
        if at is not None:
            return (f"its {name} holds {value[at]!r} at character {at}, a lone surrogate (half of a UTF-16 "
                    "pair), which is no character; read it with timeline.ingest, which replaces it")
    return None


def _surrogate(text: str) -> int | None:
    """Where ``text`` stops being encodable as UTF-8 (a lone surrogate), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def validate(article: Article, events: list[Event]) -> ItemOutcome | list[Event]:
    """The events to store (one per event_id), or a failed outcome when they are not this article's."""
    unique: dict[str, Event] = {}
    for event in events:
        if event.article_id != article.id:
            return ItemOutcome(article.id, "failed", 0, f"event {event.event_id} belongs to article "
                                                        f"{event.article_id}, not to this one", article.title)
        unique.setdefault(event.event_id, event)
    if len(unique) < len(events):
        log.warning("article %s: %s events repeat an event_id; kept the first of each", article.id,
                    len(events) - len(unique))
    return list(unique.values())


def write(con, rows: list[tuple[Article, list[Event]]]) -> None:
    """Replace these articles and their events, inside the caller's transaction."""
    if not rows:
        return
    ids = [article.id for article, _ in rows]
    forget_clusters(con, ids)
    con.execute("DELETE FROM events WHERE article_id IN (SELECT unnest(?))", [ids])
    con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [ids])
    con.register("new_rows", articles_table((article, len(events)) for article, events in rows))
    con.execute("INSERT INTO articles BY NAME SELECT *, now() AS added_at FROM new_rows")
    con.register("new_rows", events_table(e for _, events in rows for e in events))
    con.execute("INSERT INTO events BY NAME SELECT * FROM new_rows")
    con.unregister("new_rows")
    mark_articles_changed(con)


# The clusters_stale flag: "0" up to date; STALE_ARTICLES: articles came or went since (their groups
# are clustered again); STALE_EVERYTHING: an edit since (everything is).
STALE_ARTICLES, STALE_EVERYTHING = "articles", "1"


def forget_clusters(con, article_ids: list[str]) -> None:
    """Drop the cluster rows of every cluster that holds an event of these articles (before their
    events are replaced or removed): the events left without a row are clustered again."""
    con.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT c.cluster_id FROM clusters c JOIN events e "
                "USING (event_id) WHERE e.article_id IN (SELECT unnest(?)))", [article_ids])


def mark_articles_changed(con) -> None:
    """Inside the transaction that adds or removes articles; a pending edit keeps its stronger flag."""
    con.execute("UPDATE meta SET value = ? WHERE key = 'clusters_stale' AND value = '0'", [STALE_ARTICLES])
