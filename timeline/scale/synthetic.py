"""SYNTHETIC events, for load testing only: never evidence, never shown as real.

``synthetic_frame(n)`` makes N event rows with the shape of real output, so the dashboard's query
and figures can be timed at 10k or 100k events without extracting a corpus that large. Every text
field says it is synthetic (sources are ``synthetic-wire-N``, sentences start with "SYNTHETIC"),
so rows can never pass for extracted events if they leak into a store.

The distributions imitate a conflict corpus: actors from data/actors.csv with a long tail of
provisional ones, drawn Zipf-like so a few dominate; event types weighted towards ASSAULT, CONSULT
and SUPPORT; dates over three years with news bursts; most events dated to the day, some to a
month or a year, some undated; a third with a place (data/places.csv); contexts mostly asserted.
``fill_store`` puts the same rows, as articles with events, into a ``timeline.store.store.Store``.
"""
from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from timeline.extract.ontology import QUAD_CLASS
from timeline.schema import EVENT_FIELDS, Article, Event

# Read directly, not through timeline.extract.actors/geo: those import spaCy, and browsing must not.
DATA = Path(__file__).resolve().parents[2] / "data"
ACTORS_CSV, PLACES_CSV = DATA / "actors.csv", DATA / "places.csv"
START = date(2022, 1, 1)
DAYS = 3 * 365
TYPE_WEIGHTS = {"ASSAULT": 24, "CONSULT": 14, "SUPPORT": 9, "ACCUSE": 8, "AID": 7, "THREATEN": 5, "REQUEST": 5,
                "SANCTION": 5, "AGREE": 4, "REJECT": 4, "COOPERATE": 4, "MOBILIZE": 3, "COERCE": 3,
                "PROTEST": 2, "RETREAT": 2, "CONCEDE": 1}
PRECISIONS = {"day": 0.68, "month": 0.12, "year": 0.05, "week": 0.03, "range": 0.02, "unknown": 0.10}
CONTEXTS = {"": 0.82, "future": 0.07, "hypothetical": 0.04, "negated": 0.03, "historical": 0.04}
ATTRIBUTIONS = {"reported": 0.72, "claimed": 0.20, "denied": 0.03, "disputed": 0.05}
PROVISIONAL_ACTORS = 2000
SOURCES = 40


def _actors() -> list[tuple[str, str]]:
    with ACTORS_CSV.open(encoding="utf-8", newline="") as fh:
        table = [(r["id"], r["name"]) for r in csv.DictReader(fh)]
    return table + [(f"new:synthetic-{i}", f"Synthetic Actor {i}") for i in range(PROVISIONAL_ACTORS)]


def _places() -> list[tuple[str, float, float]]:
    with PLACES_CSV.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [(r["name"], float(r["lat"]), float(r["lon"])) for r in rows if r.get("lat") and r.get("lon")]


def _zipf(rng: np.random.Generator, k: int, n: int, a: float = 1.1) -> np.ndarray:
    weights = 1.0 / np.arange(1, k + 1) ** a
    return rng.choice(k, size=n, p=weights / weights.sum())


def _pick(rng: np.random.Generator, table: dict, n: int) -> np.ndarray:
    keys = list(table)
    weights = np.array([table[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=weights / weights.sum())]


def synthetic_frame(n: int, *, seed: int = 0, events_per_article: int = 6) -> pd.DataFrame:
    """N synthetic event rows with DESIGN.md's event columns plus the store's cluster columns,
    normalized like ``query.normalize`` output (dates as datetime64, text as str)."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    rng = np.random.default_rng(seed)
    actors = _actors()
    ids = np.array([a for a, _ in actors], dtype=object)
    names = np.array([b for _, b in actors], dtype=object)
    a1 = _zipf(rng, len(actors), n)
    a2 = _zipf(rng, len(actors), n)
    no_partner = rng.random(n) < 0.35
    types = _pick(rng, TYPE_WEIGHTS, n)
    # News comes in bursts: a smooth base rate plus a few weeks of heavy coverage.
    bursts = rng.choice(DAYS, size=12, replace=False)
    day = np.where(rng.random(n) < 0.4, (rng.choice(bursts, n) + rng.normal(0, 6, n)).astype(int),
                   rng.integers(0, DAYS, n)).clip(0, DAYS - 1)
    start = pd.to_datetime(START) + pd.to_timedelta(day, unit="D")
    precision = _pick(rng, PRECISIONS, n)
    month_start = start.to_period("M").to_timestamp()
    year_start = start.to_period("Y").to_timestamp()
    date_start = pd.Series(np.select([precision == "month", precision == "year"], [month_start, year_start], start))
    span = {"day": 0, "week": 6, "range": 20}
    date_end = pd.Series(np.select(
        [precision == "month", precision == "year"],
        [month_start + pd.offsets.MonthEnd(0), year_start + pd.offsets.YearEnd(0)],
        start + pd.to_timedelta([span.get(p, 0) for p in precision], unit="D")))
    undated = precision == "unknown"
    date_start[undated] = pd.NaT
    date_end[undated] = pd.NaT
    places = _places()
    placed = rng.random(n) < 0.33
    where = _zipf(rng, len(places), n, a=0.9)
    article = np.arange(n) // max(1, events_per_article)
    published = pd.to_datetime(START) + pd.to_timedelta(day + rng.integers(0, 3, n), unit="D")
    source = np.array([f"synthetic-wire-{i}" for i in range(SOURCES)], dtype=object)[_zipf(rng, SOURCES, n, 0.8)]
    said = _pick(rng, ATTRIBUTIONS, n)
    frame = pd.DataFrame({
        "event_id": [hashlib.sha1(f"synthetic|{seed}|{i}".encode()).hexdigest()[:16] for i in range(n)],
        "article_id": [f"synthetic-{seed}-{a}" for a in article],
        "source": source, "url": "", "published": published,
        "date_start": date_start, "date_end": date_end, "date_precision": precision,
        "date_value": np.select([undated, precision == "month", precision == "year"],
                                [None, start.strftime("%Y-%m"), start.strftime("%Y")], start.strftime("%Y-%m-%d")),
        "date_mod": "",
        "date_text": np.where(undated, "", "synthetic date"),
        "date_basis": np.where(undated, "unknown", "explicit"),
        "actor1": ids[a1], "actor1_name": names[a1], "actor1_text": names[a1],
        "actor2": np.where(no_partner, "", ids[a2]), "actor2_name": np.where(no_partner, "", names[a2]),
        "actor2_text": np.where(no_partner, "", names[a2]),
        "event_type": types, "mode": "", "quad_class": [QUAD_CLASS[t] for t in types],
        "context": _pick(rng, CONTEXTS, n), "trigger": np.char.lower(types.astype(str)),
        "sentence": [f"SYNTHETIC event {i} for load testing: {names[x]} {t.lower()} {names[y]}."
                     for i, x, t, y in zip(range(n), a1, types, a2)],
        "sent_start": 0, "sent_end": 80, "quote": rng.random(n) < 0.2,
        "location": np.where(placed, np.array([p[0] for p in places], dtype=object)[where], ""),
        "lat": np.where(placed, np.array([p[1] for p in places])[where], np.nan),
        "lon": np.where(placed, np.array([p[2] for p in places])[where], np.nan),
        "confidence": rng.uniform(0.3, 0.95, n).round(2),
        "reason": "synthetic event for load testing",
        "attribution": said,
        "claimed_by": np.where(np.isin(said, ["claimed", "disputed"]), names[_zipf(rng, len(actors), n)], ""),
        "denied_by": np.where(np.isin(said, ["denied", "disputed"]), names[_zipf(rng, len(actors), n)], ""),
        "cluster_id": [f"c{i // 3}" for i in range(n)],
    }, columns=list(EVENT_FIELDS))
    frame["n_sources"] = rng.choice([1, 1, 1, 2, 3], n)
    # Drawn last, so the columns above stay what they were for a seed: half the attacks give a count.
    counted = (types == "ASSAULT") & (rng.random(n) < 0.5)
    frame["fatalities"] = pd.array(np.where(counted, rng.geometric(0.15, n), 0), dtype="Int64")
    frame.loc[~counted, "fatalities"] = pd.NA
    frame["cluster_size"] = frame["n_sources"]
    frame["sources"] = frame["source"]
    frame["edited"] = False
    frame["source_grade"], frame["source_weight"] = "F", 0.8  # nobody graded the synthetic wires
    from timeline.analysis.query import normalize

    return normalize(frame)


def synthetic_records(n: int, *, seed: int = 0, events_per_article: int = 6) -> list[tuple[Article, list[Event]]]:
    """The same rows as (article, events) records, each synthetic article with its events."""
    frame = synthetic_frame(n, seed=seed, events_per_article=events_per_article)
    fields = list(EVENT_FIELDS)
    out: list[tuple[Article, list[Event]]] = []
    for article_id, group in frame.groupby("article_id", sort=False):
        published = group["published"].iloc[0].date()
        events = []
        offset = 0  # the article text is its events' sentences, so the evidence offsets point into it
        for row in group[fields].itertuples(index=False):
            values = dict(zip(fields, row))
            for key in ("published", "date_start", "date_end"):
                values[key] = None if pd.isna(values[key]) else values[key].date()
            for key in ("lat", "lon"):
                values[key] = None if pd.isna(values[key]) else float(values[key])
            values["fatalities"] = None if pd.isna(values["fatalities"]) else int(values["fatalities"])
            values.update(quad_class=int(values["quad_class"]), quote=bool(values["quote"]),
                          confidence=float(values["confidence"]), sent_start=offset,
                          sent_end=offset + len(values["sentence"]), published=published, cluster_id="")
            events.append(Event(**values))
            offset += len(values["sentence"]) + 1
        text = " ".join(e.sentence for e in events)
        out.append((Article(id=article_id, text=text, title=f"SYNTHETIC article {article_id}",
                            source=events[0].source, published=published), events))
    return out


def fill_store(store, n: int, *, seed: int = 0) -> int:
    """Add N synthetic events (as synthetic articles) to ``store``; returns the number stored."""
    report = store.load_extracted(synthetic_records(n, seed=seed))
    return report.events
