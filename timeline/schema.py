"""Typed records that flow through the pipeline: Article -> Timex -> Event.

Every record is a frozen dataclass with ``as_dict()``; DataFrames appear only at the edges
(store, figures). Field names follow ../shared/DESIGN.md so exports and the store use them as is.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

PRECISIONS = ("day", "week", "month", "quarter", "season", "year", "decade", "range", "unknown")
DATE_BASES = ("explicit", "relative", "tense", "unknown")
CONTEXTS = ("", "future", "hypothetical", "negated", "historical")
# Who the happening rests on: the outlet itself, a party's claim, a party's denial, or both.
ATTRIBUTIONS = ("reported", "claimed", "denied", "disputed")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


class Record:
    """Mixin: ``as_dict()`` with dates as ISO strings and tuples as lists (JSON-ready)."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class Article(Record):
    """One news article, as the rest of the pipeline sees it.

    ``text`` is the cleaned body: every offset an Event carries points into it. What cleaning
    took out is kept, not dropped: photo captions in ``captions``, page furniture in ``removed``.
    """

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = "en"
    captions: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Timex(Record):
    """A temporal expression found in a text, normalized to TimeML TIMEX3.

    ``begin``/``end`` are character offsets into the text it was found in. ``range_start`` and
    ``range_end`` are the calendar span the value covers (equal for a day; None when the value is
    not anchored to the calendar, e.g. a duration or an unresolved relative date).
    """

    text: str
    begin: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: 2025-03-13, 2024, 2013-W12, P3Y, PRESENT_REF, XXXX-XX-XX ...
    mod: str = ""  # START | MID | END | APPROX | LESS_THAN | MORE_THAN | BEFORE | AFTER ...
    precision: str = "unknown"
    range_start: date | None = None
    range_end: date | None = None
    basis: str = "explicit"  # explicit | relative | unknown (unresolved: no anchor)


@dataclass(frozen=True)
class Actor(Record):
    """A canonical actor. ``id`` is the Wikidata QID where one exists, else a provisional slug."""

    id: str
    name: str
    kind: str  # person | country | organization | group
    country: str = ""  # ISO 3166-1 alpha-3
    role: str = ""
    aliases: tuple[str, ...] = ()
    provisional: bool = False


@dataclass(frozen=True)
class Event(Record):
    """One event record; the fields and their meaning are DESIGN.md's event record."""

    event_id: str
    article_id: str
    source: str | None
    url: str | None
    published: date | None
    date_start: date | None
    date_end: date | None
    date_precision: str
    date_value: str
    date_mod: str
    date_text: str
    date_basis: str
    actor1: str
    actor1_name: str
    actor1_text: str
    actor2: str
    actor2_name: str
    actor2_text: str
    event_type: str
    mode: str
    quad_class: int
    context: str
    trigger: str
    sentence: str
    sent_start: int
    sent_end: int
    quote: bool
    location: str
    lat: float | None
    lon: float | None
    confidence: float
    reason: str
    # reported (the outlet's own voice, or a party's own statement that is the act), claimed (it
    # rests on a party's word), denied (a party says it did not happen), disputed (both); who says
    # so is a canonical actor name, the text's words for a party the actor table lacks, or "" when
    # nobody is named ("reportedly"). Several parties are "; "-joined.
    attribution: str = "reported"
    claimed_by: str = ""
    denied_by: str = ""
    # A denial linked to the claim it answers in the same article: the claim's event_id (the two are
    # one happening for merging, whatever their wording); "" otherwise.
    answers: str = ""
    cluster_id: str = ""
    # The other sentences of the article that report the same happening, as "start-end" offsets into
    # the article text separated by ";" (the evidence sentence, the clearest, is sent_start-sent_end).
    mentions: str = ""
    fatalities: int | None = None  # deaths its sentences give a number for (extract/fatalities.py); None: no number


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Event))


def event_id(article_id: str, sent_start: int, sent_end: int, trigger: str, trigger_offset: int) -> str:
    """Stable id: the same article, sentence and trigger always give the same id."""
    key = f"{article_id}|{sent_start}|{sent_end}|{trigger}|{trigger_offset}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class IngestError(Record):
    """A bad input item: which file, which record or line, and what is wrong with it."""

    source: str  # file name, URL or "pasted text"
    item: str  # "line 7", "record 3", "row 12", or "" for the whole file
    problem: str

    def __str__(self) -> str:
        where = f"{self.source}, {self.item}" if self.item else self.source
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class IngestResult:
    """Articles read from a batch and the errors of its bad items; neither hides the other."""

    articles: tuple[Article, ...] = ()
    errors: tuple[IngestError, ...] = ()
    warnings: tuple[IngestError, ...] = field(default=())

    def __add__(self, other: IngestResult) -> IngestResult:
        return IngestResult(self.articles + other.articles, self.errors + other.errors,
                            self.warnings + other.warnings)
