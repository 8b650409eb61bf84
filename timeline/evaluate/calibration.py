"""Fit the calibrated confidence (extract/confidence.py) on gold happenings, and measure it honestly.

Each event extracted from a gold article is labelled right or wrong by the events scorer's lenient
rule (events.py). A logistic regression with an L2 penalty (a fixed strength, chosen before looking
at any fold: it is not tuned) is fitted on the features extract/confidence.py reads off each event.
It is measured leave-one-article-out: fitted on the other articles, it predicts each article's events,
so no event's confidence was learned from that event. The table compares those predictions with the
rules' score: precision per band, at or above 0.8 and 0.9, events kept and Brier score. The weights
shipped are then fitted on every article.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

import numpy as np
from scipy.optimize import minimize

from timeline.evaluate.events import EventScore
from timeline.extract.confidence import FEATURES, AtMinimum, Calibration, features
from timeline.schema import Event

L2 = 1.0  # penalty on the squared weights (not the intercept), per the sum of the log-loss over events
MINIMUMS = tuple(round(0.05 * k, 2) for k in range(21))  # the dashboard slider's steps
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def design(events: Sequence[Event]) -> np.ndarray:
    """One row per event, one column per feature in :data:`FEATURES` order."""
    return np.array([[f[name] for name in FEATURES] for f in map(features, events)], dtype=float).reshape(-1, len(FEATURES))


def fit(x: np.ndarray, y: Sequence[float] | np.ndarray, l2: float = L2) -> Calibration:
    """Logistic regression: minimise the log-loss plus ``l2``/2 times the squared weights."""
    y = np.asarray(y, dtype=float)
    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] + x @ theta[1:]
        p = 1.0 / (1.0 + np.exp(-z))
        # log(1 + e^z) - y z, written to stay finite for large |z|
        value = float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * theta[1:] @ theta[1:])
        grad = np.concatenate(([np.sum(p - y)], x.T @ (p - y) + l2 * theta[1:]))
        return value, grad

    result = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B")
    return Calibration(float(result.x[0]), dict(zip(FEATURES, map(float, result.x[1:]))))


def predict(calibration: Calibration, x: np.ndarray) -> np.ndarray:
    weights = np.array([calibration.weights.get(name, 0.0) for name in FEATURES])
    return 1.0 / (1.0 + np.exp(-(calibration.intercept + x @ weights)))


def leave_one_article_out(events: Sequence[Event], right: Sequence[bool], l2: float = L2) -> np.ndarray:
    """Each event's calibrated confidence from a model fitted on the other articles only."""
    x, y = design(events), np.array(right, dtype=float)
    articles = np.array([e.article_id for e in events])
    out = np.zeros(len(events))
    for article in dict.fromkeys(articles):
        held = articles == article
        out[held] = predict(fit(x[~held], y[~held], l2), x[held])
    return out


@dataclasses.dataclass(frozen=True)
class Comparison:
    """The rules' score and the calibrated confidence (leave-one-article-out) on the same events."""

    rule: EventScore
    calibrated: EventScore

    @classmethod
    def of(cls, score: EventScore, held_out: Sequence[float]) -> Comparison:
        """``score`` holds the events with the rules' score; ``held_out`` their predicted confidence."""
        scored = [dataclasses.replace(s, event=dataclasses.replace(s.event, confidence=round(float(p), 2)))
                  for s, p in zip(score.scored, held_out)]
        return cls(score, EventScore(score.happenings, scored))

    def minimums(self) -> list[AtMinimum]:
        """What each minimum of the dashboard's slider keeps of the calibrated events, and how many are right."""
        total = len(self.calibrated.scored)
        rows = []
        for minimum in MINIMUMS:
            kept, precision = self.calibrated.at_least(minimum)
            rows.append(AtMinimum(minimum, total, kept, round(precision * kept)))
        return rows


def brier(score: EventScore) -> float:
    """Mean squared gap between each event's confidence and whether it is right (0 is perfect)."""
    outcomes = score.outcomes()
    return sum((e.confidence - right) ** 2 for e, right in outcomes) / len(outcomes) if outcomes else 0.0


def format_comparison(comparison: Comparison) -> str:
    rule, cal = comparison.rule, comparison.calibrated
    right = sum(r for _, r in rule.outcomes())
    articles = len({e.article_id for e, _ in rule.outcomes()})
    lines = [f"confidence calibration, leave-one-article-out over {articles} articles "
             f"({len(rule.scored)} events, {right} right; L2 {L2:g}, fixed)",
             f"  {'':14}{'rule score':>22}{'calibrated':>22}",
             f"  {'':14}{'events':>10}{'precision':>12}{'events':>10}{'precision':>12}"]
    bands = {band: (n, p) for band, n, p in rule.by_confidence()}
    calibrated_bands = {band: (n, p) for band, n, p in cal.by_confidence()}
    for band in sorted(bands.keys() | calibrated_bands.keys()):
        lines.append(f"  {band:14}" + "".join(
            f"{n:>10}{p:>12.2f}" if n else f"{0:>10}{'-':>12}"
            for n, p in (bands.get(band, (0, 0.0)), calibrated_bands.get(band, (0, 0.0)))))
    for t in THRESHOLDS:
        lines.append(f"  {'≥' + format(t, '.1f'):14}" + "".join(
            f"{n:>10}{p:>12.2f}" for n, p in (rule.at_least(t), cal.at_least(t))))
    lines.append(f"  {'Brier score':14}{brier(rule):>22.3f}{brier(cal):>22.3f}")
    return "\n".join(lines)


def header(gold_name: str, comparison: Comparison, what: str, when: date) -> list[str]:
    """The comment lines a written table starts with: what it is, how and when it was fitted."""
    n, articles = len(comparison.rule.scored), len({e.article_id for e, _ in comparison.rule.outcomes()})
    return [what,
            f"Fitted {when.isoformat()} on {n} events of the {articles} articles of {gold_name}, each labelled right",
            "or wrong by the events scorer's lenient rule; logistic regression, L2 penalty "
            f"{L2:g} on the weights, fixed, not tuned.",
            f"Refit: python -m timeline evaluate events ../shared/eval/{gold_name} --fit-confidence data/confidence.csv"]
