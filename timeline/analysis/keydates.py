"""Key dates: rank the days a corpus says mattered.

A day's salience is the evidence that something happened ON it, gathered from events:

* Only an event's own date votes. ``explicit`` and ``relative`` dates (the text names the day)
  vote in full; ``tense`` dates (no expression, reported as happening at publication) vote with
  ``TENSE_WEIGHT``, because a publication date says when the news was written, not when the
  thing happened; ``unknown`` dates never vote.
* Precision is respected by SPREADING, never by rounding: a day votes for itself; a span of up to
  ``MAX_SPREAD_DAYS`` days (a week, "3-5 March") spreads one vote evenly over its days; anything
  coarser (month, season, year ...) is IGNORED for day ranking, so a month-precision event never
  votes for the 1st of the month and a 30-way split cannot add noise to every day of a month.
* Mentions made after the day ("on Tuesday ..." in Thursday's paper) are the strongest evidence:
  news keeps returning to what mattered. A day mentioned only on the day itself counts
  ``SAME_DAY_WEIGHT``, a day mentioned before it happens (planned) ``AHEAD_WEIGHT``.
* Distinct articles count, not repetitions: an article gives a day its single strongest vote, so
  one long piece that repeats a date cannot outvote several pieces that each report it (on
  Timeline17, counting articles beat counting mentions by a wide margin).
* More distinct sources raise a day (x ``1 + SOURCE_WEIGHT * ln(sources)``); events whose actors
  are central in the corpus's actor graph weigh up to ``1 + ACTOR_WEIGHT``.
* A vote is scaled by the event's ``confidence`` (the t17 fast path gives 0.5 to sentences
  without an event verb), and by its source's grade (``source_weight``, Admiralty A-F, from the
  store's source table: 1.0 for A and B, down to 0.5 for E; 1.0 where the events carry no grades).
* Coverage is not importance: a day's score is divided by ``(1 + articles published within
  COVERAGE_DAYS of it) ** COVERAGE_EXPONENT``, so a quiet month's defining day can stand beside
  the busiest week's (news attention comes in bursts; a timeline spans the whole story). Days
  outside the publication span are judged against its nearest end. On Timeline17 this
  share-of-voice reading lifted Date-F1 from 0.543 to 0.585 on the three development topics.
* An event the extractor marks ``historical`` (recalled background, dated over a year before its
  article) votes ``HISTORICAL_WEIGHT``: it happened, but it is not what the corpus is reporting.
* Negated and hypothetical events are not evidence that anything happened; they never vote.

Events come in as ``Event`` records or as the store's events DataFrame; both take the same path
(the records become a frame). Weights were set on ../shared/eval/t17 (three topics) with
general arguments, not per topic; see timeline/evaluate_t17.py.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable

import networkx as nx
import pandas as pd

from timeline.schema import Event, Record

log = logging.getLogger(__name__)

TENSE_WEIGHT = 0.3
HISTORICAL_WEIGHT = 0.5
SAME_DAY_WEIGHT = 0.5
AHEAD_WEIGHT = 0.5
SOURCE_WEIGHT = 0.5
ACTOR_WEIGHT = 0.5
MAX_SPREAD_DAYS = 7
COVERAGE_DAYS = 14
COVERAGE_EXPONENT = 0.75
SUMMARY_SENTENCES = 2
OWN_DATE_BASES = ("explicit", "relative")
NO_VOTE_CONTEXTS = ("negated", "hypothetical")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = frozenset(
    "the a an and or of to in on at for with by from as that this it its is was were be been has have had "
    "he she they we i you his her their our said says say will would could after before over about than "
    "but not no also which who when where while into more most some".split())


@dataclass(frozen=True)
class KeyDate(Record):
    """One ranked day: its score, the events that voted for it and a representative summary."""

    date: date
    score: float
    events: tuple[str, ...]
    articles: int
    sources: int
    summary: tuple[str, ...]


def rank(events: Iterable[Event] | pd.DataFrame, *, top: int | None = 10,
         start: date | str | None = None, end: date | str | None = None) -> list[KeyDate]:
    """The ``top`` most salient days between ``start`` and ``end`` (inclusive), best first.

    Ties are broken by the earlier date so the ranking is deterministic. ``top=None`` returns
    every day that received a vote.
    """
    frame = _as_frame(events)
    start_d, end_d = _as_date(start, "start"), _as_date(end, "end")
    if start_d and end_d and start_d > end_d:
        raise ValueError(f"start {start_d} is after end {end_d}")
    votes = _votes(frame)
    if start_d:
        votes = votes[votes["day"] >= start_d]
    if end_d:
        votes = votes[votes["day"] <= end_d]
    if votes.empty:
        return []
    scores = _day_scores(votes, _publications(frame))
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    if top is not None:
        ranked = ranked[:top]
    by_day = {day: group for day, group in votes.groupby("day", sort=False)}
    return [_key_date(day, score, by_day[day]) for day, score in ranked]


def _as_frame(events: Iterable[Event] | pd.DataFrame) -> pd.DataFrame:
    if isinstance(events, pd.DataFrame):
        frame = events.copy()
    else:
        frame = pd.DataFrame.from_records([e.as_dict() for e in events])
    if frame.empty:
        return pd.DataFrame(columns=["event_id", "article_id", "source", "published", "date_start",
                                     "date_end", "date_precision", "date_basis", "actor1", "actor2",
                                     "context", "sentence", "confidence", "source_weight"])
    for column, default in (("source", ""), ("actor1", ""), ("actor2", ""), ("context", ""),
                            ("sentence", ""), ("confidence", 1.0), ("published", None), ("source_weight", 1.0)):
        if column not in frame:
            frame[column] = default
    missing = [c for c in ("event_id", "article_id", "date_start", "date_end", "date_precision", "date_basis")
               if c not in frame]
    if missing:
        raise ValueError(f"events lack the column(s) {', '.join(missing)}; "
                         "pass Event records or the store's events frame")
    for column in ("date_start", "date_end", "published"):
        if pd.api.types.is_datetime64_any_dtype(frame[column]):  # the store's frame: whole column at once
            frame[column] = frame[column].dt.date.astype(object).where(frame[column].notna(), None)
        else:
            frame[column] = frame[column].map(_cell_date)
    frame["source"] = frame["source"].fillna("").astype(str)
    frame["context"] = frame["context"].fillna("").astype(str)
    frame["sentence"] = frame["sentence"].fillna("").astype(str)
    frame["confidence"] = pd.to_numeric(frame["confidence"], errors="coerce").fillna(1.0)
    frame["source_weight"] = pd.to_numeric(frame["source_weight"], errors="coerce").fillna(1.0)
    return frame


def _cell_date(value: Any) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value if type(value) is date else value.date()  # datetime -> its day
    return date.fromisoformat(str(value)[:10])


def _as_date(value: date | str | None, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{name} {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _actor_centrality(frame: pd.DataFrame) -> dict[str, float]:
    """Degree centrality in the actor graph (actor1 -- actor2), scaled so the most central is 1."""
    graph = nx.Graph()
    for a1, a2 in zip(frame["actor1"].fillna("").tolist(), frame["actor2"].fillna("").tolist()):
        if a1 and a2 and a1 != a2:
            graph.add_edge(a1, a2)
        elif a1 or a2:
            graph.add_node(a1 or a2)
    if graph.number_of_edges() == 0:
        return {}
    degree = nx.degree_centrality(graph)
    peak = max(degree.values())
    return {actor: value / peak for actor, value in degree.items()}


VOTE_COLUMNS = ["event_id", "article_id", "source", "published", "date_start", "date_end", "date_precision",
                "date_basis", "actor1", "actor2", "context", "sentence", "confidence", "source_weight"]


def _votes(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, day) it votes for, with the vote's weight."""
    centrality = _actor_centrality(frame)
    rows = []
    # Plain objects: iterating pandas' Arrow-backed string columns cell by cell is slow.
    for rec in frame[VOTE_COLUMNS].astype(object).itertuples(index=False):
        basis, ctx = rec.date_basis, rec.context
        if ctx in NO_VOTE_CONTEXTS or rec.date_start is None:
            continue
        if basis in OWN_DATE_BASES:
            weight = HISTORICAL_WEIGHT if ctx == "historical" else 1.0
        elif basis == "tense":
            weight = TENSE_WEIGHT
        else:
            continue
        first, last = rec.date_start, rec.date_end or rec.date_start
        n_days = (last - first).days + 1
        if rec.date_precision not in ("day", "week", "range") or not 1 <= n_days <= MAX_SPREAD_DAYS:
            continue  # coarser than a week: says nothing about which day
        actors = [centrality.get(a, 0.0) for a in (rec.actor1, rec.actor2) if a]
        weight *= rec.confidence * (1.0 + ACTOR_WEIGHT * (max(actors) if actors else 0.0))
        weight *= rec.source_weight  # the source's grade: a separable term
        for offset in range(n_days):
            day = first + timedelta(days=offset)
            lag = (rec.published - day).days if rec.published else 1
            lag_weight = 1.0 if lag > 0 else SAME_DAY_WEIGHT if lag == 0 else AHEAD_WEIGHT
            if basis == "tense":
                lag_weight = 1.0  # already discounted: it is the publication date by construction
            rows.append((rec.event_id, rec.article_id, rec.source, day,
                         weight * lag_weight / n_days, rec.sentence, rec.confidence))
    return pd.DataFrame(rows, columns=["event_id", "article_id", "source", "day", "weight",
                                       "sentence", "confidence"])


def _publications(frame: pd.DataFrame) -> dict[date, int]:
    """How many distinct articles were published on each day."""
    dated = frame[frame["published"].notna()].drop_duplicates("article_id")
    return dated["published"].value_counts().to_dict()


def _coverage(day: date, publications: dict[date, int]) -> int:
    # Outside the corpus's publication span coverage is unknown, not zero: judge a background day
    # against the nearest end of the span rather than letting "no articles then" inflate it.
    if publications:
        day = min(max(day, min(publications)), max(publications))
    return sum(publications.get(day + timedelta(days=o), 0) for o in range(-COVERAGE_DAYS, COVERAGE_DAYS + 1))


def _day_scores(votes: pd.DataFrame, publications: dict[date, int]) -> dict[date, float]:
    per_article = votes.groupby(["day", "article_id"], sort=False)["weight"].max()
    article_part = per_article.groupby(level="day").sum()
    sources = votes[votes["source"] != ""].groupby("day")["source"].nunique()
    scores = {}
    for day, value in article_part.items():
        n_sources = int(sources.get(day, 0))
        scores[day] = (float(value) * (1.0 + SOURCE_WEIGHT * math.log(max(n_sources, 1)))
                       / (1 + _coverage(day, publications)) ** COVERAGE_EXPONENT)
    return scores


def _key_date(day: date, score: float, group: pd.DataFrame) -> KeyDate:
    return KeyDate(
        date=day,
        score=round(score, 4),
        events=tuple(dict.fromkeys(group["event_id"])),
        articles=int(group["article_id"].nunique()),
        sources=int(group.loc[group["source"] != "", "source"].nunique()),
        summary=summarize(group["sentence"].tolist(), group["weight"].tolist()),
    )


def summarize(sentences: list[str], weights: list[float], n: int = SUMMARY_SENTENCES) -> tuple[str, ...]:
    """The sentences that best share the day's vocabulary (a weighted word centroid).

    Picking by the centroid prefers what many reports of the day say over one article's
    idiosyncratic sentence, scaled by the sentence's own vote (a confident, dated event beats a
    passing mention); a sentence nearly repeating one already chosen is skipped.
    """
    best: dict[str, float] = {}
    for sentence, weight in zip(sentences, weights):
        text = sentence.strip()
        if text:
            best[text] = max(best.get(text, 0.0), weight)
    words = {s: set(_WORD.findall(s.lower())) - _STOP for s in best}
    centroid: Counter[str] = Counter()
    for s, ws in words.items():
        for w in ws:
            centroid[w] += best[s]
    def value(s: str) -> float:
        return best[s] * sum(centroid[w] for w in words[s]) / math.sqrt(len(words[s]) + 5)
    chosen: list[str] = []
    for s in sorted(best, key=lambda s: (-value(s), s)):
        if all(_overlap(words[s], words[c]) < 0.6 for c in chosen):
            chosen.append(s)
        if len(chosen) == n:
            break
    return tuple(chosen)


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))
