"""Calibrated confidence: the chance that an extracted event is right, learned from the gold.

The rules of extraction give each event a score (events.py ``_confidence``: 0.9 less fixed steps for
a noun trigger, a provisional actor, a date read off the tense...). That score ranks events but is not
a probability. This module turns it into one: a logistic regression over what is known of the event
at extraction time (the rule score among them, never the gold), with the weights in
``data/confidence.csv`` (an analyst reads them; ``python -m timeline evaluate events GOLD
--fit-confidence data/confidence.csv`` refits them after extraction changes). ``data/confidence_figures.csv``
holds what the fit measured leave-one-article-out: how often events at or above each minimum were right.
"""
from __future__ import annotations

import csv
import dataclasses
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.schema import Event

DATA = Path(__file__).resolve().parents[2] / "data"
WEIGHTS_CSV = DATA / "confidence.csv"
FIGURES_CSV = DATA / "confidence_figures.csv"
INTERCEPT = "intercept"
# The events' own words for a pronoun resolved to an actor ("actor1 'he' = Vladimir Putin, ...") and
# for a trigger that is a noun (events.py writes them in the reason).
PRONOUN = re.compile(r"(?:^|; )actor1 '[^']*' = ")
NOUN = re.compile(r"(?:^|; )trigger '[^']*' \(noun\)")

# Each feature: what it means (the weights table's third column). All are 0/1 but the rule score.
FEATURES: dict[str, str] = {
    "rule_score": "the rules' score (events.py): 0.9 less fixed steps",
    "noun_trigger": "a noun carries the event ('the invasion')",
    "date_relative": "dated by a relative expression ('on Thursday')",
    "date_context": "dated from another sentence of the article",
    "date_tense": "dated to publication by the tense alone",
    "date_unknown": "no date",
    "date_day": "dated to one day",
    "future": "context future",
    "hypothetical": "context hypothetical",
    "negated": "context negated",
    "historical": "dated over a year before publication",
    "actor1_new": "actor1 is not in the actor table (a provisional or collective actor)",
    "actor1_pronoun": "actor1 is a pronoun or a reference resolved to an actor",
    "actor2_none": "no actor2",
    "actor2_from_article": "actor2 read from the article's other happenings, not the sentence",
    "material_cooperation": "QuadClass 2",
    "verbal_conflict": "QuadClass 3",
    "material_conflict": "QuadClass 4",
    "mode": "the trigger has a mode (vote, proposal, should...)",
    "quote": "in a quotation",
    "claimed": "rests on a party's word (claimed, denied or disputed)",
    "reported_by": "told as a speaker's words ('reported by' in the reason)",
    "more_mentions": "the article mentions the happening in more than one sentence",
}


class ConfidenceTableError(ValueError):
    """A weights table that cannot be used: the file, the line and what is wrong."""


def features(event: Event) -> dict[str, float]:
    """The event's features, as extracted (``confidence`` is still the rule score)."""
    basis = event.date_basis if event.date_start is not None else "unknown"
    return {
        "rule_score": event.confidence,
        "noun_trigger": float(bool(NOUN.search(event.reason))),
        "date_relative": float(basis == "relative"),
        "date_context": float(basis == "context"),
        "date_tense": float(basis == "tense"),
        "date_unknown": float(basis == "unknown"),
        "date_day": float(event.date_precision == "day"),
        **{context: float(event.context == context) for context in ("future", "hypothetical", "negated", "historical")},
        "actor1_new": float(event.actor1.startswith(("new:", "kind:"))),
        "actor1_pronoun": float(bool(PRONOUN.search(event.reason))),
        "actor2_none": float(not event.actor2),
        "actor2_from_article": float(bool(event.actor2) and not event.actor2_text),
        "material_cooperation": float(event.quad_class == 2),
        "verbal_conflict": float(event.quad_class == 3),
        "material_conflict": float(event.quad_class == 4),
        "mode": float(bool(event.mode)),
        "quote": float(event.quote),
        "claimed": float(event.attribution != "reported"),
        "reported_by": float("; reported by " in event.reason),
        "more_mentions": float(bool(event.mentions)),
    }


@dataclass(frozen=True)
class Calibration:
    """Weights of a logistic regression over :data:`FEATURES`, and the intercept."""

    intercept: float
    weights: dict[str, float]

    def probability(self, event: Event) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features(event).items())
        return 1.0 / (1.0 + math.exp(-z))

    def apply(self, event: Event) -> Event:
        """The event with its calibrated confidence; the reason keeps the rule score it came from."""
        p = round(self.probability(event), 2)
        return dataclasses.replace(event, confidence=p,
                                   reason=f"{event.reason}; confidence {p:.2f} (calibrated; rule score {event.confidence:.2f})")

    def write(self, path: Path, header: Sequence[str]) -> None:
        """The weights as a table, ``header`` lines first as comments."""
        with path.open("w", encoding="utf-8", newline="") as handle:
            for line in header:
                handle.write(f"# {line}\n")
            out = csv.writer(handle)
            out.writerow(("feature", "weight", "meaning"))
            out.writerow((INTERCEPT, f"{self.intercept:.4f}", "log-odds of an event with every feature 0"))
            for name, meaning in FEATURES.items():
                out.writerow((name, f"{self.weights.get(name, 0.0):.4f}", meaning))

    @classmethod
    def read(cls, path: Path = WEIGHTS_CSV) -> Calibration:
        weights: dict[str, float] = {}
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [(n, line) for n, line in enumerate(handle, 1) if line.strip() and not line.startswith("#")]
        for (n, _), row in zip(rows[1:], csv.DictReader(line for _, line in rows)):
            name = (row.get("feature") or "").strip()
            if name != INTERCEPT and name not in FEATURES:
                raise ConfidenceTableError(f"{path}, line {n}: unknown feature {name!r}")
            try:
                weights[name] = float(row.get("weight") or "")
            except ValueError:
                raise ConfidenceTableError(f"{path}, line {n}: weight {row.get('weight')!r} is not a number") from None
        if INTERCEPT not in weights:
            raise ConfidenceTableError(f"{path}: no {INTERCEPT} row")
        return cls(weights.pop(INTERCEPT), weights)


@functools.cache
def default_calibration() -> Calibration:
    return Calibration.read()


def calibrate(events: Sequence[Event], calibration: Calibration | None = None) -> list[Event]:
    """The events with calibrated confidence (the shipped weights unless others are given)."""
    calibration = calibration or default_calibration()
    return [calibration.apply(e) for e in events]


@dataclass(frozen=True)
class AtMinimum:
    """Of the development gold's events, measured leave-one-article-out: how many reach ``minimum``
    and how many of those are right."""

    minimum: float
    events: int
    kept: int
    right: int


FIGURE_COLUMNS = ("minimum", "events", "kept", "right")


def write_figures(path: Path, rows: Sequence[AtMinimum], header: Sequence[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        for line in header:
            handle.write(f"# {line}\n")
        out = csv.writer(handle)
        out.writerow(FIGURE_COLUMNS)
        out.writerows((f"{r.minimum:.2f}", r.events, r.kept, r.right) for r in rows)


def read_figures(path: Path = FIGURES_CSV) -> list[AtMinimum]:
    """The measured figures, or none when the file is missing or unreadable (the caption is left out)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(line for line in handle if line.strip() and not line.startswith("#")))
        return [AtMinimum(float(r["minimum"]), int(r["events"]), int(r["kept"]), int(r["right"])) for r in rows]
    except (OSError, KeyError, ValueError, TypeError):
        return []


def what_minimum_buys(minimum: float, figures: Sequence[AtMinimum]) -> str:
    """In words, what a minimum confidence keeps and how often what it keeps was right ("" without figures)."""
    below = [f for f in figures if f.minimum <= minimum + 1e-9]
    if not below:
        return ""
    at = max(below, key=lambda f: f.minimum)
    if at.kept == 0:
        return f"At ≥ {minimum:.2f}: no event of the development gold reached this confidence."
    right = round(100 * at.right / at.kept)
    if at.kept == at.events:
        return f"All events: about {right}% of them right on the development gold."
    return (f"At ≥ {minimum:.2f}: about {right}% of events right on the development gold, "
            f"keeping {round(100 * at.kept / at.events)}% of them (measured leave-one-article-out).")
