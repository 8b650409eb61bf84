"""Key dates: rank the days a corpus says mattered.

A day's salience is the evidence that something happened ON it, gathered from events. Every
weight below lives in one ``Weights`` object. The ones Timeline17 can measure (coverage, the two
spread signals, the publication-day discounts) were chosen by leave-one-topic-out on its three
development topics (``python -m timeline evaluate t17 DIR --loo --trials``, README "Key dates");
``sources``, ``actors`` and ``historical`` cannot be measured there (one outlet per topic, no
actors, no context in the fast path) and are set by argument.

* Only an event's own date votes. ``explicit``, ``relative`` and ``context`` dates (the text
  names the day, in the event's sentence or elsewhere in the article) vote in full; ``tense``
  dates (no expression, reported as happening at publication) vote ``tense``, as a mention made
  on the day itself does (``same_day``): a publication date says when the news was written, not
  when the thing happened; ``unknown`` dates never vote.
* Precision is respected by SPREADING, never by rounding: a day votes for itself; a span of up to
  ``MAX_SPREAD_DAYS`` days (a week, "3-5 March") spreads one vote evenly over its days; anything
  coarser (month, season, year ...) is IGNORED for day ranking, so a month-precision event never
  votes for the 1st of the month and a 30-way split cannot add noise to every day of a month.
* News keeps returning to what mattered. A mention made ``lag`` days after the day votes
  ``1 + later * ln(1 + lag)``: "on 19 March" in a paper of 20 March counts, the same words a month
  later count more. A day mentioned only on the day itself votes ``same_day``, one mentioned
  before it happens (planned) ``ahead``. The more distinct later publication days mention a day,
  the more it rises (x ``1 + later_days * ln(1 + days)``).
* Distinct articles count, not repetitions: an article gives a day its single strongest vote, so
  one long piece (a live blog) that repeats a date cannot outvote several pieces that each report it.
* More distinct sources raise a day (x ``1 + sources * ln(sources)``); events whose actors are
  central in the corpus's actor graph weigh up to ``1 + actors``; a vote is scaled by the event's
  ``confidence`` and by its source's grade (``source_weight``, Admiralty A-F, from
  the store's source table: 1.0 for A and B, down to 0.5 for E; 1.0 where the events carry no grades).
* Coverage is not importance: a day's score is divided by ``(1 + articles published within
  coverage_days of it) ** coverage_exponent``, so a quiet month's defining day can stand beside
  the busiest week's. Days outside the publication span are judged against its nearest end.
* An event the extractor marks ``historical`` (recalled background, dated over a year before its
  article) votes ``historical``: it happened, but it is not what the corpus is reporting.
  Negated and hypothetical events are not evidence that anything happened; they never vote.

Events come in as ``Event`` records or as the store's events DataFrame; both take the same path
(the records become a frame). ``votes`` and ``day_scores`` are the two halves of ``rank``, public
so that the leave-one-out tuning scores many weightings of one set of votes.
"""
from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable

import networkx as nx
import numpy as np
import pandas as pd

from timeline.schema import Event, Record

log = logging.getLogger(__name__)

MAX_SPREAD_DAYS = 7
SUMMARY_SENTENCES = 2
# "context": a date the article gives elsewhere (the same happening dated in another sentence, the
# day a speaker spoke, the article's only recent day): still a day the text names.
OWN_DATE_BASES = ("explicit", "relative", "context")
NO_VOTE_CONTEXTS = ("negated", "hypothetical")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = frozenset(
    "the a an and or of to in on at for with by from as that this it its is was were be been has have had "
    "he she they we i you his her their our said says say will would could after before over about than "
    "but not no also which who when where while into more most some".split())


@dataclass(frozen=True)
class Weights:
    """How votes become a day's score (see the module's docstring for what each one does)."""

    tense: float = 0.5
    same_day: float = 0.5
    ahead: float = 0.5
    later: float = 1.0
    later_days: float = 1.0
    coverage_days: int = 14
    coverage_exponent: float = 0.75
    sources: float = 0.5
    actors: float = 0.5
    historical: float = 0.5

    def __post_init__(self) -> None:
        bad = [f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self)
               if not isinstance(getattr(self, f.name), (int, float)) or getattr(self, f.name) < 0
               or not math.isfinite(getattr(self, f.name))]
        if bad:
            raise ValueError(f"key-date weights must be finite numbers >= 0, not {', '.join(bad)}")
        if int(self.coverage_days) != self.coverage_days:
            raise ValueError(f"coverage_days must be a whole number of days, not {self.coverage_days!r}")


WEIGHTS = Weights()


@dataclass(frozen=True)
class KeyDate(Record):
    """One ranked day: its score, the events that voted for it, a representative summary, and why.

    ``later_days``: on how many distinct days after it articles mentioned it; ``last_mention``: the
    latest of those publication days (None when it was never mentioned afterwards).
    """

    date: date
    score: float
    events: tuple[str, ...]
    articles: int
    sources: int
    summary: tuple[str, ...]
    later_days: int = 0
    last_mention: date | None = None

    @property
    def reason(self) -> str:
        """One line on why the day ranks: who reported it, and whether the news came back to it."""
        said = (f"{_plural(self.articles, 'article')} from {_plural(self.sources, 'source')}" if self.sources
                else _plural(self.articles, "article"))
        if not self.later_days or self.last_mention is None:
            return f"{said}; not mentioned again on a later day"
        span = (self.last_mention - self.date).days
        return (f"{said}; mentioned again on {_plural(self.later_days, 'later day')}, "
                f"the last {_plural(span, 'day')} after")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def rank(events: Iterable[Event] | pd.DataFrame, *, top: int | None = 10,
         start: date | str | None = None, end: date | str | None = None,
         weights: Weights = WEIGHTS) -> list[KeyDate]:
    """The ``top`` most salient days between ``start`` and ``end`` (inclusive), best first.

    Ties are broken by the earlier date so the ranking is deterministic. ``top=None`` returns
    every day that received a vote.
    """
    frame = _as_frame(events)
    start_d, end_d = _as_date(start, "start"), _as_date(end, "end")
    if start_d and end_d and start_d > end_d:
        raise ValueError(f"start {start_d} is after end {end_d}")
    cast = _votes(frame, start_d, end_d)
    if cast.empty:
        return []
    days = day_scores(cast, _publications(frame), weights)
    by_day = {day: group for day, group in cast.groupby("day", sort=False)}
    return [_key_date(day, days.loc[day], by_day[day], weights) for day in best_days(days, top)]


def best_days(days: pd.DataFrame, top: int | None) -> list[date]:
    """The ``top`` days of ``day_scores`` by score (all when None), ties to the earlier day."""
    ranked = days.sort_values("score", ascending=False, kind="mergesort")  # days come ascending
    return list(ranked.index if top is None else ranked.index[:top])


def _as_frame(events: Iterable[Event] | pd.DataFrame) -> pd.DataFrame:
    if isinstance(events, pd.DataFrame):
        frame = events.copy()
    else:
        frame = pd.DataFrame.from_records([e.as_dict() for e in events])
    if frame.empty:
        return pd.DataFrame(columns=VOTE_COLUMNS)
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
                "date_basis", "actor1", "actor2", "context", "sentence", "confidence",
                "source_weight"]
_VOTE_FIELDS = ["event_id", "article_id", "source", "published", "day", "lag", "tense", "historical",
                "strength", "actor", "sentence"]


def votes(events: Iterable[Event] | pd.DataFrame, *, start: date | None = None,
          end: date | None = None) -> pd.DataFrame:
    """One row per (event, day between ``start`` and ``end``) the event can vote for.

    What a vote is worth depends on ``Weights`` and is left to ``day_scores``: here each row keeps
    its ``lag`` (days from the day, or from a span's last day, to the article's publication; NaN
    when the article is undated), whether it is a ``tense`` or ``historical`` vote, its
    ``strength`` (confidence times its source's grade weight, over the days it spreads on) and its ``actor`` centrality.
    """
    return _votes(_as_frame(events), start, end)


def _votes(frame: pd.DataFrame, start: date | None, end: date | None) -> pd.DataFrame:
    centrality = _actor_centrality(frame)
    rows = []
    # Plain objects: iterating pandas' Arrow-backed string columns cell by cell is slow.
    for rec in frame[VOTE_COLUMNS].astype(object).itertuples(index=False):
        basis, ctx = rec.date_basis, rec.context
        if ctx in NO_VOTE_CONTEXTS or rec.date_start is None or basis not in (*OWN_DATE_BASES, "tense"):
            continue
        first, last = rec.date_start, rec.date_end or rec.date_start
        n_days = (last - first).days + 1
        if rec.date_precision not in ("day", "week", "range") or not 1 <= n_days <= MAX_SPREAD_DAYS:
            continue  # coarser than a week: says nothing about which day
        actor = max([centrality.get(a, 0.0) for a in (rec.actor1, rec.actor2) if a] or [0.0])
        # A span is past once its last day is: every day of it gets that lag, so a week still
        # spreads one vote evenly.
        lag = (rec.published - last).days if rec.published else math.nan
        for offset in range(n_days):
            day = first + timedelta(days=offset)
            if (start and day < start) or (end and day > end):
                continue
            rows.append((rec.event_id, rec.article_id, rec.source, rec.published, day, lag, basis == "tense",
                         basis in OWN_DATE_BASES and ctx == "historical", rec.confidence * rec.source_weight / n_days, actor,
                         rec.sentence))
    cast = pd.DataFrame(rows, columns=_VOTE_FIELDS)
    # Integer codes: day_scores groups by them many times over in the leave-one-out tuning.
    cast["day_n"] = np.array([d.toordinal() for d in cast["day"]], dtype=np.int64)
    cast["article_n"] = pd.factorize(cast["article_id"])[0]
    cast["source_n"] = np.where(cast["source"] != "", pd.factorize(cast["source"])[0], -1)
    cast["published_n"] = np.array([p.toordinal() if p else -1 for p in cast["published"]], dtype=np.int64)
    return cast


def publications(events: Iterable[Event] | pd.DataFrame) -> dict[date, int]:
    """How many distinct articles were published on each day."""
    return _publications(_as_frame(events))


def _publications(frame: pd.DataFrame) -> dict[date, int]:
    dated = frame[frame["published"].notna()].drop_duplicates("article_id")
    return dated["published"].value_counts().to_dict()


def _coverage(days: pd.Index, published: dict[date, int], reach: int) -> np.ndarray:
    """Articles published within ``reach`` days of each day. Outside the corpus's publication span
    coverage is unknown, not zero: a background day is judged against the nearest end of the span
    rather than letting "no articles then" inflate it."""
    if not published:
        return np.zeros(len(days))
    first, last = min(published).toordinal(), max(published).toordinal()
    counts = np.zeros(last - first + 1)
    for day, n in published.items():
        counts[day.toordinal() - first] += n
    running = np.concatenate([[0.0], np.cumsum(counts)])
    at = np.clip([d.toordinal() - first for d in days], 0, last - first)
    upper = np.minimum(at + reach + 1, len(counts))
    lower = np.maximum(at - reach, 0)
    return running[upper] - running[lower]


def day_scores(cast: pd.DataFrame, published: dict[date, int], weights: Weights = WEIGHTS) -> pd.DataFrame:
    """Per voted day (the index, ascending): ``score`` and what it rests on (``articles``,
    ``sources``, ``later_days``, ``last_mention``)."""
    w = weights
    lag = cast["lag"].to_numpy(dtype=float)
    tense = cast["tense"].to_numpy(dtype=bool)
    after = 1.0 + w.later * np.log1p(np.clip(np.nan_to_num(lag, nan=0.0), 0.0, None))
    when = np.where(np.isnan(lag), 1.0, np.where(lag > 0, after, np.where(lag == 0, w.same_day, w.ahead)))
    when = np.where(tense, w.tense, when)  # the publication day by construction: no lag to weigh
    value = (when * np.where(cast["historical"].to_numpy(dtype=bool), w.historical, 1.0)
             * cast["strength"].to_numpy(dtype=float) * (1.0 + w.actors * cast["actor"].to_numpy(dtype=float)))
    day_n, article_n = cast["day_n"].to_numpy(), cast["article_n"].to_numpy()
    per_article = pd.Series(value).groupby([day_n, article_n]).max()  # an article's strongest vote
    article_part = per_article.groupby(level=0).sum()
    sources = cast.loc[cast["source_n"] >= 0, ["day_n", "source_n"]].drop_duplicates()
    later = cast.loc[~tense & (lag > 0), ["day_n", "published_n"]].drop_duplicates()
    out = pd.DataFrame({
        "articles": per_article.groupby(level=0).size(),
        "sources": sources.groupby("day_n").size(),
        "later_days": later.groupby("day_n").size(),
        "last_mention": later.groupby("day_n")["published_n"].max(),
    }, index=article_part.index)
    out[["sources", "later_days"]] = out[["sources", "later_days"]].fillna(0).astype(int)
    out["last_mention"] = [None if pd.isna(n) else date.fromordinal(int(n)) for n in out["last_mention"]]
    out.index = days = pd.Index([date.fromordinal(int(n)) for n in out.index], name="day")
    out["score"] = (article_part.to_numpy()
                    * (1.0 + w.sources * np.log(np.maximum(out["sources"].to_numpy(), 1)))
                    * (1.0 + w.later_days * np.log1p(out["later_days"].to_numpy()))
                    / (1.0 + _coverage(days, published, int(w.coverage_days))) ** w.coverage_exponent)
    return out


def _key_date(day: date, row: pd.Series, group: pd.DataFrame, weights: Weights) -> KeyDate:
    last = row["last_mention"]
    strength = group["strength"] * np.where(group["tense"], weights.tense, 1.0)
    return KeyDate(
        date=day,
        score=round(float(row["score"]), 4),
        events=tuple(dict.fromkeys(group["event_id"])),
        articles=int(row["articles"]),
        sources=int(row["sources"]),
        summary=summarize(group["sentence"].tolist(), strength.tolist()),
        later_days=int(row["later_days"]),
        last_mention=None if pd.isna(last) else last,
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
    words = {s: content_words(s) for s in best}
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


def content_words(sentence: str) -> set[str]:
    """The sentence's lower-cased words without the commonest function words."""
    return set(_WORD.findall(sentence.lower())) - _STOP


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))
