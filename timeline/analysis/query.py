"""Filtering the events DataFrame, and the filter state as URL query parameters.

``Filters`` is the one options object the dashboard, the exports and shared URLs agree on: it is
validated at creation (errors list the valid choices), applied with :func:`apply`, and written to /
read from query parameters so that a URL reproduces a view. Parsing a URL never raises: a bad
parameter is reported and left out, so a mistyped link still opens.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from timeline.extract.eventtypes import ACLED_EVENT_TYPES, event_types
from timeline.schema import ATTRIBUTIONS, EVENT_FIELDS, Event
from timeline.store.sources import GRADES

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
# Contexts that did not (yet) happen; "historical" events did happen, so they are never hidden by default.
OPTIONAL_CONTEXTS = ("future", "hypothetical", "negated")
DATE_COLUMNS = ("published", "date_start", "date_end")

# URL parameter names; short because analysts paste these links into notes.
P_START, P_END, P_ACTOR, P_TYPE, P_QUAD = "from", "to", "actor", "type", "quad"
P_SOURCE, P_INCLUDE, P_CONF, P_TEXT, P_KEY = "source", "include", "conf", "q", "key"
P_ATTRIBUTION, P_SAYS, P_GRADE = "attr", "says", "grade"
# What the dashboard's "who says so" choice keeps.
CLAIMS_ONLY = ("claimed", "denied", "disputed")
UNDISPUTED = ("reported", "claimed", "denied")
P_ACLED, P_PLACE = "acled", "place"
# The ACLED filter's word for the events ACLED codes no equivalent of (their acled_type is "").
NO_ACLED = "none"


@dataclass(frozen=True)
class Filters:
    """What the analyst asked to see. Empty tuples mean "no restriction"."""

    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()  # actor ids; an event matches when either of its actors is listed
    event_types: tuple[str, ...] = ()
    quad_classes: tuple[int, ...] = ()
    sources: tuple[str, ...] = ()
    acled_types: tuple[str, ...] = ()  # ACLED_EVENT_TYPES, or NO_ACLED
    places: tuple[str, ...] = ()  # the events' location names
    include_contexts: tuple[str, ...] = ()  # which of OPTIONAL_CONTEXTS to show besides what happened
    min_confidence: float = 0.0
    text: str = ""
    key_dates_only: bool = False
    attributions: tuple[str, ...] = ()  # which of ATTRIBUTIONS to keep
    claimants: tuple[str, ...] = ()  # an event matches when one of them claims or denies it
    grades: tuple[str, ...] = ()  # source grades (Admiralty A-F) to keep

    def __post_init__(self) -> None:
        for name in ("actors", "event_types", "quad_classes", "sources", "include_contexts", "acled_types", "places",
                     "attributions", "claimants", "grades"):
            value = getattr(self, name)
            if isinstance(value, str) or not isinstance(value, Iterable):
                raise TypeError(f"Filters.{name} must be a sequence, got {value!r}")
            object.__setattr__(self, name, tuple(value))
        for what, given, valid in (("QuadClass", self.quad_classes, sorted(QUAD_CLASSES)),
                                   ("ACLED event type", self.acled_types, [*ACLED_EVENT_TYPES, NO_ACLED]),
                                   ("context", self.include_contexts, list(OPTIONAL_CONTEXTS)),
                                   ("attribution", self.attributions, list(ATTRIBUTIONS)),
                                   ("source grade", self.grades, list(GRADES))):
            bad = [v for v in given if v not in valid]
            if bad:
                raise ValueError(f"{what} {bad} is not valid; choose from {valid}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence {self.min_confidence} must be between 0 and 1")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"date range starts ({self.start}) after it ends ({self.end})")

    def to_params(self) -> dict[str, str | list[str]]:
        """Query parameters for the non-default parts only, so URLs stay short and readable."""
        out: dict[str, str | list[str]] = {}
        if self.start:
            out[P_START] = self.start.isoformat()
        if self.end:
            out[P_END] = self.end.isoformat()
        for key, values in ((P_ACTOR, self.actors), (P_TYPE, self.event_types), (P_SOURCE, self.sources),
                            (P_QUAD, [str(q) for q in self.quad_classes]), (P_INCLUDE, self.include_contexts),
                            (P_ACLED, self.acled_types), (P_PLACE, self.places),
                            (P_ATTRIBUTION, self.attributions), (P_SAYS, self.claimants), (P_GRADE, self.grades)):
            if values:
                out[key] = list(values)
        if self.min_confidence:
            out[P_CONF] = f"{self.min_confidence:g}"
        if self.text:
            out[P_TEXT] = self.text
        if self.key_dates_only:
            out[P_KEY] = "1"
        return out

    @classmethod
    def from_params(cls, params: Mapping[str, str | Sequence[str]]) -> tuple[Filters, list[str]]:
        """Filters from query parameters, plus one message per parameter that was left out and why."""
        problems: list[str] = []

        def values(key: str) -> list[str]:
            raw = params.get(key, [])
            return [raw] if isinstance(raw, str) else [v for v in raw if v != ""]

        def one(key: str) -> str:
            got = values(key)
            return got[-1] if got else ""

        def day(key: str) -> date | None:
            text = one(key)
            if not text:
                return None
            try:
                return date.fromisoformat(text)
            except ValueError:
                problems.append(f"{key}={text!r} is not a date (use YYYY-MM-DD)")
                return None

        quads = []
        for text in values(P_QUAD):
            if text.isdigit() and int(text) in QUAD_CLASSES:
                quads.append(int(text))
            else:
                problems.append(f"{P_QUAD}={text!r} is not a QuadClass; choose from {sorted(QUAD_CLASSES)}")
        include = []
        for text in values(P_INCLUDE):
            if text in OPTIONAL_CONTEXTS:
                include.append(text)
            else:
                problems.append(f"{P_INCLUDE}={text!r} is not a context; choose from {list(OPTIONAL_CONTEXTS)}")
        acled = _known(values(P_ACLED), (*ACLED_EVENT_TYPES, NO_ACLED), P_ACLED, "an ACLED event type", problems)
        attributions = _known(values(P_ATTRIBUTION), ATTRIBUTIONS, P_ATTRIBUTION, "an attribution", problems)
        grades = _known([g.upper() for g in values(P_GRADE)], tuple(GRADES), P_GRADE, "a source grade", problems)
        confidence = 0.0
        if one(P_CONF):
            try:
                confidence = float(one(P_CONF))
                if not 0.0 <= confidence <= 1.0:
                    raise ValueError
            except ValueError:
                problems.append(f"{P_CONF}={one(P_CONF)!r} is not a confidence between 0 and 1")
                confidence = 0.0
        start, end = day(P_START), day(P_END)
        if start and end and start > end:
            problems.append(f"{P_START}={start} is after {P_END}={end}; the date range was dropped")
            start = end = None
        filters = cls(start=start, end=end, actors=tuple(values(P_ACTOR)), event_types=tuple(values(P_TYPE)),
                      quad_classes=tuple(quads), sources=tuple(values(P_SOURCE)), include_contexts=tuple(include),
                      acled_types=acled, places=tuple(values(P_PLACE)),
                      min_confidence=confidence, text=one(P_TEXT), key_dates_only=one(P_KEY) in ("1", "true"),
                      attributions=attributions, claimants=tuple(values(P_SAYS)), grades=grades)
        return filters, problems

    def replace(self, **changes) -> Filters:
        return dataclasses.replace(self, **changes)

    def known_in(self, df: pd.DataFrame) -> tuple[Filters, list[str]]:
        """These filters without the actors, event types, sources, ACLED types, places and claimants
        ``df`` does not have, plus one message per value left out: a link from another corpus narrows nothing
        silently."""
        problems: list[str] = []

        def keep(param: str, wanted: tuple[str, ...], known: set[str]) -> tuple[str, ...]:
            problems.extend(f"{param}={value!r} is not in the data" for value in wanted if value not in known)
            return tuple(value for value in wanted if value in known)

        actors = (set(df["actor1"]) | set(df["actor2"])) - {""}
        kept = self.replace(actors=keep(P_ACTOR, self.actors, actors),
                            event_types=keep(P_TYPE, self.event_types, set(df["event_type"]) - {""}),
                            sources=keep(P_SOURCE, self.sources, set(df["source"]) - {""}),
                            acled_types=keep(P_ACLED, self.acled_types,
                                             {a or NO_ACLED for a in set(df["acled_type"])}),
                            places=keep(P_PLACE, self.places, set(df["location"]) - {""}),
                            claimants=keep(P_SAYS, self.claimants, set(claimants(df))))
        return kept, problems


def _known(given: list[str], valid: Sequence[str], key: str, what: str, problems: list[str]) -> tuple[str, ...]:
    for text in given:
        if text not in valid:
            problems.append(f"{key}={text!r} is not {what}; choose from {list(valid)}")
    return tuple(t for t in given if t in valid)


def frame(events: Iterable[Event]) -> pd.DataFrame:
    """Event records as the normalized DataFrame every function here expects."""
    return normalize(pd.DataFrame([e.as_dict() for e in events], columns=list(EVENT_FIELDS)))


def normalize(df: pd.DataFrame) -> pd.DataFrame:
    """Same dtypes whatever produced the frame (records, DuckDB, Parquet): dates as datetime64,
    text as str with "" for missing, so filters and figures need no special cases. Adds each event
    type's plain words and ACLED equivalent (``type_label``, ``acled_type``: data/event_types.csv)."""
    df = df.copy()
    for col in DATE_COLUMNS:
        if col in df:
            df[col] = pd.to_datetime(df[col], errors="coerce")
    for col in df.columns:
        if col in DATE_COLUMNS or col in ("lat", "lon", "confidence", "quad_class", "sent_start", "sent_end",
                                          "quote", "n_sources", "cluster_size", "source_weight",
                                          "fatalities"):
            continue
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            df[col] = df[col].fillna("").astype(str)
    df["quad_class"] = pd.to_numeric(df["quad_class"], errors="coerce").fillna(0).astype(int)
    df["confidence"] = pd.to_numeric(df["confidence"], errors="coerce").fillna(0.0)
    for col in ("lat", "lon"):
        df[col] = pd.to_numeric(df[col], errors="coerce")
    # Frames made before attribution existed (old exports) read as the outlet's own reports.
    for col, default in (("attribution", "reported"), ("claimed_by", ""), ("denied_by", "")):
        df[col] = df[col].replace("", default) if col in df else default
    # An event without an end date covers its start day only.
    df["date_end"] = df["date_end"].fillna(df["date_start"])
    # Whole numbers or missing (no number given); a file written before the field existed has none.
    df["fatalities"] = pd.to_numeric(df["fatalities"], errors="coerce").astype("Int64") if "fatalities" in df \
        else pd.array([pd.NA] * len(df), dtype="Int64")
    return event_types().annotate(df).reset_index(drop=True)


def actor_names(df: pd.DataFrame) -> dict[str, str]:
    """Actor id -> display name, for every actor in the frame (either role)."""
    names: dict[str, str] = {}
    for role in ("actor1", "actor2"):
        pairs = df.loc[df[role] != "", [role, f"{role}_name"]].drop_duplicates(role)
        for actor_id, name in zip(pairs[role], pairs[f"{role}_name"]):
            names.setdefault(actor_id, name or actor_id)
    return names


def apply(df: pd.DataFrame, filters: Filters, key_dates: Collection[date] = ()) -> pd.DataFrame:
    """The rows of ``df`` that pass ``filters``. ``key_dates`` is used by ``key_dates_only``: an event
    passes when it is dated to one of those days (a month-long span does not count for its days).

    A date range keeps the events whose span overlaps it; undated events are then left out, since
    nothing says they fall inside it.
    """
    return df[matches(df, filters, key_dates)]


def matches(df: pd.DataFrame, filters: Filters, key_dates: Collection[date] = ()) -> pd.Series:
    """Which rows of ``df`` pass ``filters``, as a boolean Series: what :func:`apply` keeps, for a
    caller that needs a few columns of them only (copying every column of 100,000 rows costs)."""
    keep = pd.Series(True, index=df.index)
    if filters.start:
        keep &= df["date_end"] >= pd.Timestamp(filters.start)
    if filters.end:
        keep &= df["date_start"] <= pd.Timestamp(filters.end)
    if filters.actors:
        wanted = list(filters.actors)
        keep &= df["actor1"].isin(wanted) | df["actor2"].isin(wanted)
    if filters.event_types:
        keep &= df["event_type"].isin(list(filters.event_types))
    if filters.quad_classes:
        keep &= df["quad_class"].isin(list(filters.quad_classes))
    if filters.sources:
        keep &= df["source"].isin(list(filters.sources))
    if filters.acled_types:
        keep &= df["acled_type"].isin(["" if a == NO_ACLED else a for a in filters.acled_types])
    if filters.places:
        keep &= df["location"].isin(list(filters.places))
    hidden = [c for c in OPTIONAL_CONTEXTS if c not in filters.include_contexts]
    if hidden:
        keep &= ~df["context"].isin(hidden)
    if filters.min_confidence:
        keep &= belief(df) >= filters.min_confidence
    if filters.attributions:
        keep &= df["attribution"].isin(list(filters.attributions))
    if filters.claimants:
        keep &= said_by(df, filters.claimants)
    if filters.grades:
        keep &= df["source_grade"].isin(list(filters.grades))
    if filters.text:
        keep &= df["sentence"].str.contains(filters.text, case=False, regex=False)
    if filters.key_dates_only:
        keep &= _on_any(df, key_dates)
    return keep


def _on_any(df: pd.DataFrame, days: Collection[date]) -> pd.Series:
    stamps = [pd.Timestamp(day) for day in days]
    return (df["date_start"] == df["date_end"]) & df["date_start"].isin(stamps)



def belief(df: pd.DataFrame) -> pd.Series:
    """The extractor's confidence weighed by the source's grade (the store adds ``source_weight``;
    without it, the confidence as extracted)."""
    weight = df["source_weight"] if "source_weight" in df else 1.0
    return df["confidence"] * weight


def _parties(column: pd.Series) -> pd.Series:
    return column.fillna("").astype(str).str.split("; ")


def said_by(df: pd.DataFrame, parties: Collection[str]) -> pd.Series:
    """Events that one of ``parties`` claims or denies (claimed_by / denied_by hold "; "-joined names)."""
    wanted = set(parties)
    hit = [_parties(df[c]).map(lambda names: bool(wanted.intersection(names))) for c in ("claimed_by", "denied_by")]
    return hit[0] | hit[1]


def claimants(df: pd.DataFrame) -> list[str]:
    """Everyone who claims or denies an event in the frame, most events first."""
    names = pd.concat([_parties(df[c]).explode() for c in ("claimed_by", "denied_by") if c in df])
    counts = names[names.fillna("").ne("")].value_counts()
    return sorted(counts.index, key=lambda n: (-counts[n], n))
