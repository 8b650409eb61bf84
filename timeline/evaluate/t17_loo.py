"""Leave-one-topic-out tuning of the key-date weights on Timeline17, and the trials of new signals.

Three development topics are all the Timeline17 data we may look at, so a weight is never judged
on the topic it was chosen on: for each topic, the weights are chosen on the other two (every
combination of ``GRID``'s values, exhaustively) and the topic is scored with them. The mean of
the three held-out scores is the figure to quote (``python -m timeline evaluate t17 DIR --loo``).

Choosing among ties matters with so few gold dates (one Syrian date is 0.077 of Date-F1): the
best mean Date-F1 on the training topics wins; a tie goes to the combination whose grid
neighbours score best on them too (a flat optimum travels better than a spike), then to the one
nearer the start of each value list (where a signal is off).

``TRIALS`` are the signals the key-date issue asked for, each tried on top of what was kept
before it and kept only if the leave-one-out mean rises (``--trials``). Signals that were not kept
live here, not in ``keydates``: this is the code that measured them.
"""
from __future__ import annotations

import itertools
import logging
import math
import weakref
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from timeline.analysis import keydates
from timeline.evaluate.t17 import (NON_EVENT_CONFIDENCE, TimelineScore, Topic, Window, mean_f1, score_picks,
                                   score_window, windows)

log = logging.getLogger(__name__)

# Weights field (or ``non_event``: the t17 fast path's vote for a dated sentence without an event
# verb) -> the values tried, the "off" value first where there is one.
GRID: dict[str, tuple[float, ...]] = {
    "coverage_days": (7, 14, 28),
    "coverage_exponent": (0.0, 0.25, 0.5, 0.75, 1.0),
    "later": (0.0, 0.5, 1.0, 2.0),
    "later_days": (0.0, 0.5, 1.0, 2.0),
}
BURST_DAYS = 14
CLUSTER_MIN_SHARED = 2
CLUSTER_COMMON_SHARE = 0.1


@dataclass(frozen=True)
class Fold:
    held_out: str
    chosen: dict[str, float]  # on the other topics
    scores: tuple[TimelineScore, ...]  # the held-out topic's timelines, scored with ``chosen``

    @property
    def f1(self) -> float:
        return mean_f1(self.scores)


@dataclass(frozen=True)
class LooResult:
    grid: dict[str, tuple[float, ...]]
    folds: tuple[Fold, ...]
    chosen: dict[str, float]  # on every topic: what ships

    @property
    def mean(self) -> float:
        return sum(f.f1 for f in self.folds) / len(self.folds) if self.folds else 0.0


# A trial-only adjustment of the day scores: (day_scores frame, window, strength) -> factor per day.
Adjust = Callable[[pd.DataFrame, Window, float], np.ndarray]


class Tuner:
    """Scores every grid combination on every topic; folds are then chosen from the table.

    ``shared`` lets tuners with other base weights reuse the votes (they do not depend on weights).
    """

    def __init__(self, topics: Sequence[Topic], base: keydates.Weights = keydates.WEIGHTS,
                 non_event: float = NON_EVENT_CONFIDENCE, shared: Tuner | None = None):
        self.topics = [t.name for t in topics]
        self.base, self.non_event = base, non_event
        self._sources = list(topics)
        self._windows: dict[float, dict[str, list[Window]]] = shared._windows if shared else {}

    def windows(self, non_event: float) -> dict[str, list[Window]]:
        if non_event not in self._windows:
            self._windows[non_event] = {t.name: windows(t, non_event) for t in self._sources}
        return self._windows[non_event]

    def table(self, grid: Mapping[str, Sequence[float]], adjust: Mapping[str, Adjust] | None = None
              ) -> dict[tuple[int, ...], dict[str, list[TimelineScore]]]:
        keys = list(grid)
        out = {}
        for combo in itertools.product(*(range(len(grid[k])) for k in keys)):
            values = {k: grid[k][i] for k, i in zip(keys, combo)}
            out[combo] = {name: [self.score(w, values, adjust or {}) for w in wins]
                          for name, wins in self.windows(values.get("non_event", self.non_event)).items()}
        return out

    def score(self, window: Window, values: Mapping[str, float], adjust: Mapping[str, Adjust]) -> TimelineScore:
        weights = replace(self.base, **{k: v for k, v in values.items() if k != "non_event" and k not in adjust})
        if not adjust:
            return score_window(window, weights)
        if window.votes.empty:
            return score_picks(window, [])
        days = keydates.day_scores(window.votes, window.published, weights)
        for name, factor in adjust.items():
            days = days.assign(score=days["score"].to_numpy() * factor(days, window, values[name]))
        return score_picks(window, keydates.best_days(days, window.k))


def leave_one_out(tuner: Tuner, grid: Mapping[str, Sequence[float]] = GRID,
                  adjust: Mapping[str, Adjust] | None = None) -> LooResult:
    """Hold out each topic in turn, choose the weights on the others, score the held-out one."""
    grid = {k: tuple(v) for k, v in grid.items()}
    table = tuner.table(grid, adjust)
    folds = []
    for held in tuner.topics:
        train = [t for t in tuner.topics if t != held]
        combo = _choose(table, train, grid)
        folds.append(Fold(held, _values(grid, combo), tuple(table[combo][held])))
    combo = _choose(table, tuner.topics, grid)
    return LooResult(grid, tuple(folds), _values(grid, combo))


def _values(grid: Mapping[str, Sequence[float]], combo: tuple[int, ...]) -> dict[str, float]:
    return {k: grid[k][i] for k, i in zip(grid, combo)}


def _choose(table: dict[tuple[int, ...], dict[str, list[TimelineScore]]], train: Sequence[str],
            grid: Mapping[str, Sequence[float]]) -> tuple[int, ...]:
    def f1(combo: tuple[int, ...]) -> float:
        return round(sum(mean_f1(table[combo][t]) for t in train) / len(train), 9)

    def around(combo: tuple[int, ...]) -> float:
        near = [combo[:j] + (combo[j] + step,) + combo[j + 1:] for j in range(len(combo)) for step in (-1, 1)
                if 0 <= combo[j] + step < len(grid[list(grid)[j]])]
        return round(sum(f1(c) for c in near) / len(near), 9) if near else 0.0

    return max(table, key=lambda c: (f1(c), around(c), -sum(c), tuple(-i for i in c)))


# -- the trials --------------------------------------------------------------------------------
def burst(days: pd.DataFrame, window: Window, strength: float) -> np.ndarray:
    """Coverage on the day and the next against the running mean of the ``BURST_DAYS`` before it."""
    pubs = window.publication_counts
    factor = []
    for day in days.index:
        now = (pubs.get(day, 0) + pubs.get(day + timedelta(days=1), 0)) / 2
        before = sum(pubs.get(day - timedelta(days=o), 0) for o in range(1, BURST_DAYS + 1)) / BURST_DAYS
        factor.append(((now + 1) / (before + 1)) ** strength)
    return np.array(factor)


def cluster(days: pd.DataFrame, window: Window, strength: float) -> np.ndarray:
    """Same-day reports that agree: x ``1 + strength * ln(1 + articles)`` for the articles whose
    sentences about the day share at least ``CLUSTER_MIN_SHARED`` words with another article's,
    leaving out words more than ``CLUSTER_COMMON_SHARE`` of the window's articles use (the
    story's own names)."""
    agreeing = _agreeing(window)
    return np.array([1.0 + strength * math.log1p(agreeing.get(day, 0)) for day in days.index])


_AGREEING: weakref.WeakKeyDictionary[Window, dict[date, int]] = weakref.WeakKeyDictionary()


def _agreeing(window: Window) -> dict[date, int]:
    if window not in _AGREEING:
        cast = window.votes[~window.votes["tense"]]
        per_day: dict[date, dict[str, set[str]]] = {}
        per_article: dict[str, set[str]] = {}
        for day, article, sentence in cast[["day", "article_id", "sentence"]].itertuples(index=False):
            words = keydates.content_words(sentence)
            per_day.setdefault(day, {}).setdefault(article, set()).update(words)
            per_article.setdefault(article, set()).update(words)
        used = Counter(itertools.chain.from_iterable(per_article.values()))
        common = {w for w, n in used.items() if n > CLUSTER_COMMON_SHARE * len(per_article)}
        counts = {}
        for day, by_article in per_day.items():
            words = {a: ws - common for a, ws in by_article.items()}
            counts[day] = sum(1 for a, ws in words.items()
                              if any(len(ws & other) >= CLUSTER_MIN_SHARED for b, other in words.items() if b != a))
        _AGREEING[window] = counts
    return _AGREEING[window]


@dataclass(frozen=True)
class Trial:
    name: str
    grid: dict[str, tuple[float, ...]] = field(default_factory=dict)  # knobs this trial tunes
    fixed: dict[str, float] = field(default_factory=dict)  # or values it sets
    adjust: dict[str, Adjust] = field(default_factory=dict)


# The model before the issue: its coverage division tuned, no graded lag, no later-day count,
# undated lede events at 0.3.
BEFORE = Trial("before: the earlier model (only its coverage window and exponent tuned)",
               grid={"coverage_days": GRID["coverage_days"], "coverage_exponent": GRID["coverage_exponent"]},
               fixed={"later": 0.0, "later_days": 0.0, "tense": 0.3})
TRIALS = (
    Trial("date mentions from all sentences (a dated sentence without an event verb votes 0, 0.5 or 1)",
          grid={"non_event": (0.5, 0.0, 1.0)}),
    Trial("clustering of same-day reports that agree (shared distinctive words)",
          grid={"cluster": (0.0, 0.5, 1.0, 2.0)}, adjust={"cluster": cluster}),
    Trial(f"burst: coverage of the day and the next against the {BURST_DAYS} days before",
          grid={"burst": (0.0, 0.5, 1.0)}, adjust={"burst": burst}),
    Trial("spread: a mention votes 1 + w ln(1 + days after the day)", grid={"later": GRID["later"]}),
    Trial("spread: x 1 + w ln(1 + distinct later publication days)", grid={"later_days": GRID["later_days"]}),
    Trial("an undated lede event votes like a same-day mention (tense 0.5 instead of 0.3)", fixed={"tense": 0.5}),
    Trial("no discount for undated lede events (tense 1.0)", fixed={"tense": 1.0}),
    Trial("no discount for any publication-day vote (tense, same-day and ahead 1.0)",
          fixed={"tense": 1.0, "same_day": 1.0, "ahead": 1.0}),
)


@dataclass(frozen=True)
class TrialResult:
    trial: str
    result: LooResult
    kept: bool


def run_trials(topics: Sequence[Topic], trials: Sequence[Trial] = TRIALS, passes: int = 2) -> list[TrialResult]:
    """Forward selection: each trial on top of what was kept so far, kept only if the LOO mean
    rises; a second pass retries what was not kept (a signal may need another one first)."""
    grid, fixed, adjust = dict(BEFORE.grid), dict(BEFORE.fixed), {}
    tuner = Tuner(topics, replace(keydates.WEIGHTS, **fixed))
    current = leave_one_out(tuner, grid)
    results = [TrialResult(BEFORE.name, current, True)]
    pending = list(trials)
    for _ in range(passes):
        rejected = []
        for trial in pending:
            t_grid = {k: v for k, v in {**grid, **trial.grid}.items() if k not in trial.fixed}
            t_fixed = {k: v for k, v in {**fixed, **trial.fixed}.items() if k not in t_grid}
            t_adjust = {**adjust, **trial.adjust}
            t_tuner = Tuner(topics, replace(keydates.WEIGHTS, **t_fixed), shared=tuner)
            result = leave_one_out(t_tuner, t_grid, t_adjust)
            kept = result.mean > current.mean + 1e-9
            log.info("trial %s: LOO %.3f (%s)", trial.name, result.mean, "kept" if kept else "not kept")
            results.append(TrialResult(trial.name, result, kept))
            if kept:
                grid, fixed, adjust, current, tuner = t_grid, t_fixed, t_adjust, result, t_tuner
            else:
                rejected.append(trial)
        if len(rejected) == len(pending):
            break
        pending = rejected
    return results


# -- reports -----------------------------------------------------------------------------------
def fmt(values: Mapping[str, float]) -> str:
    return ", ".join(f"{k} {v:g}" for k, v in values.items())


def loo_report(result: LooResult, baselines: Sequence[TimelineScore]) -> str:
    """Held-out Date-F1 per topic beside both baselines, the weights each fold chose, the means
    (over topics, as the leave-one-out mean is)."""
    by_topic: dict[str, list[TimelineScore]] = {}
    for s in baselines:
        by_topic.setdefault(s.topic, []).append(s)
    lines = ["| held-out topic | Date-F1 (weights chosen on the other topics) | publication counting | "
             "mention counting | weights chosen |", "|---|---:|---:|---:|---|"]
    for fold in result.folds:
        base = by_topic.get(fold.held_out, [])
        lines.append(f"| {fold.held_out} | {fold.f1:.3f} | {mean_f1(base, 'publications'):.3f} | "
                     f"{mean_f1(base, 'mentions'):.3f} | {fmt(fold.chosen)} |")
    means = [sum(mean_f1(by_topic.get(f.held_out, []), which) for f in result.folds) / len(result.folds)
             for which in ("publications", "mentions")]
    lines.append(f"| **leave-one-topic-out mean** | **{result.mean:.3f}** | {means[0]:.3f} | {means[1]:.3f} | "
                 f"on all topics: {fmt(result.chosen)} |")
    return "\n".join(lines)


def shipped_note(result: LooResult) -> str:
    """Whether ``keydates.WEIGHTS`` is what the procedure chooses on every topic."""
    shipped = {k: getattr(keydates.WEIGHTS, k) for k in result.chosen if hasattr(keydates.WEIGHTS, k)}
    if shipped == result.chosen:
        return f"keydates.WEIGHTS ({fmt(shipped)}) is the choice on all topics."
    return f"keydates.WEIGHTS ({fmt(shipped)}) DIFFERS from the choice on all topics ({fmt(result.chosen)})."


def trials_report(results: Sequence[TrialResult]) -> str:
    """One row per trial: its leave-one-out mean, the held-out scores, whether it was kept."""
    lines = ["| signal | LOO mean | held-out per topic | kept? |", "|---|---:|---|---|"]
    for n, r in enumerate(results):
        per_topic = " / ".join(f"{f.f1:.3f}" for f in r.result.folds)
        kept = "(start)" if n == 0 else "yes" if r.kept else "no"
        lines.append(f"| {r.trial} | {r.result.mean:.3f} | {per_topic} | {kept} |")
    return "\n".join(lines)
