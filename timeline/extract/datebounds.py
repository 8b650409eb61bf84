"""Bounds on an undated happening from what its sentence tells: the span from a time the text names up
to publication, when the happening can only have come after it.

- "since then": from the time the article named last before the sentence;
- a statement about dated happenings ("the army alleged that rebels shelled a depot late Wednesday and
  a bridge on Tuesday"): made no earlier than the latest of them;
- what is told in the past after a happening the sentence dates, or after a definite event noun the
  article dates elsewhere ("shelled the port after the truce collapsed last week", "shortly after the
  coup"): from that happening's date.

Each gives a :class:`Bound`; the date finder (eventdate.py) turns it into the event's date, basis
``context``.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Token

from timeline.extract import clauses
from timeline.schema import Event, Timex

# Prepositions and marks that place a happening after another
AFTER = frozenset({"after", "following"})
# A duration in days or weeks ("three days", "two weeks")
LASTING = re.compile(r"P(\d+)([DW])")

Anchored = dict[int, list[tuple[Timex, bool]]]  # word index -> (date expression, after "since")


@dataclass(frozen=True)
class Bound:
    start: date
    end: date
    value: str
    text: str
    why: str


def since_then(trigger: Token, by_sentence: dict[int, list[tuple[Token, Timex]]], published: date | None,
               reach: int) -> Bound | None:
    """'since then': from the last time the article named before the sentence, within ``reach``
    sentences that name one, up to publication."""
    clause = clauses.clause_verb(trigger)
    if published is None or not any(c.lower_ == "since" and any(g.lower_ == "then" for g in c.children)
                                    for c in clause.children):
        return None
    earlier = sorted((start for start in by_sentence if start < trigger.sent.start), reverse=True)
    for start in earlier[:reach]:
        named = [t for _, t in by_sentence[start] if t.range_start is not None and t.value != "PRESENT_REF"]
        if named:
            then = max(named, key=lambda t: t.begin)
            return Bound(then.range_start, max(published, then.range_start), then.value, f"since then ({then.text})",
                         f"date from 'since then': from '{then.text}', the time named before, up to publication")
    return None


def after_what_it_tells(trigger: Token, by_anchor: Anchored, published: date | None) -> Bound | None:
    """A statement told in the past about dated happenings, with no date of its own, was made no
    earlier than the latest of them, and by publication."""
    told = [c for c in trigger.children if c.dep_ == "ccomp"] if trigger.pos_ == "VERB" else []
    if published is None or not told or clauses.tense_of(trigger) not in ("past", "perfect"):
        return None
    days = [t for c in told for tok in c.subtree if _narrates(tok, c) for t, since in by_anchor.get(tok.i, ())
            if not since and t.range_start is not None and t.value != "PRESENT_REF" and t.range_start <= published]
    if not days:
        return None
    latest = max(days, key=lambda t: t.range_start)
    return Bound(latest.range_start, published, f"{latest.range_start}/{published}", "",
                 f"told after what it tells of ('{latest.text}'): from then up to publication")


def after_a_dated_happening(trigger: Token, by_anchor: Anchored,
                            antecedent: Callable[[Token], tuple[Token, Timex, bool] | None],
                            published: date | None) -> Bound | None:
    """Told in the past after a happening the sentence dates, or after a definite event noun whose
    happening the article dates (``antecedent``), it happened from then up to publication."""
    clause = clauses.clause_verb(trigger)
    if published is None or trigger.pos_ != "VERB" or clauses.finite_tense(clause) not in clauses.PAST:
        return None
    marked = [c for c in clause.children if c.dep_ == "advcl"
              and any(m.dep_ == "mark" and m.lower_ in AFTER for m in c.children)]
    after = [c for c in clause.children if c.dep_ == "prep" and c.lower_ in AFTER]
    # the parser often hangs "after the truce" and its verb "collapsed" apart on the same clause
    loose = [c for c in clause.children if after and c.dep_ == "advcl" and c.i > after[0].i
             and not any(m.dep_ in ("mark", "nsubj", "nsubjpass") for m in c.children)]
    # "after the talks", and "after his summit ended": the happening the placed clause tells of
    nouns = [c for a in after for c in a.children if c.dep_ == "pobj"] + [
        c for m in marked for c in m.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
    told = [(timex, since) for noun in nouns if noun.i not in by_anchor
            for _, timex, since in filter(None, [antecedent(noun)])]
    found = [f for f in [f for t in marked + loose + nouns for f in by_anchor.get(t.i, ())] + told
             if not f[1] and f[0].range_start is not None and f[0].value != "PRESENT_REF"
             and f[0].range_start <= published]
    if not found:
        return None
    then = max((t for t, _ in found), key=lambda t: t.range_start)
    return Bound(then.range_start, published, f"{then.range_start}/{published}", "",
                 f"told as after a happening dated '{then.text}': from then up to publication")


def lead_up(trigger: Token, lasting: dict[int, Timex]) -> tuple[str, int] | None:
    """'signed after three days of talks': the talks led up to the signing, over the days the duration
    gives. The lemma of the verb they led up to, and the number of days; None for anything else."""
    of, unit = trigger.head, trigger.head.head
    if trigger.dep_ != "pobj" or of.lower_ != "of" or unit.dep_ != "pobj" or unit.head.lower_ not in AFTER \
            or unit.i not in lasting or unit.head.head.pos_ not in ("VERB", "AUX"):
        return None
    counted = LASTING.fullmatch(lasting[unit.i].value)
    if counted is None:
        return None
    return unit.head.head.lemma_, int(counted.group(1)) * (7 if counted.group(2) == "W" else 1)


def led_up(events: list[Event], lead: Callable[[Event], tuple[str, int] | None]) -> list[Event]:
    """Undated lead-ups take the days up to the date of the event they led up to, told in their sentence."""
    out = []
    for event in events:
        found = lead(event) if event.date_start is None else None
        led = next((e for e in events if found and e.sent_start == event.sent_start and e.date_start is not None
                    and e.trigger.split()[0] == found[0]), None)
        if led is None:
            out.append(event)
            continue
        start = led.date_start - timedelta(days=found[1] - 1)
        reasons = [r for r in event.reason.split("; ") if not r.startswith("the days leading up")]
        out.append(dataclasses.replace(
            event, date_start=start, date_end=led.date_end, date_precision="range", date_mod="", date_text="",
            date_value=f"{start.isoformat()}/{led.date_end.isoformat()}", date_basis="context",
            reason="; ".join(reasons + [f"the {found[1]} days leading up to '{led.trigger}' ({led.date_start})"])))
    return out


def _narrates(verb: Token, clause: Token) -> bool:
    """Whether a word of a reported clause is a verb that tells a past happening of it: not one in a
    relative clause or a clause set before or after ("the truce, which lapsed a month ago")."""
    if verb.pos_ not in ("VERB", "AUX") or clauses.finite_tense(verb) not in clauses.PAST | {"perfect"}:
        return False
    node = verb
    while node.i != clause.i and node.head.i != node.i:
        if node.dep_ in ("relcl", "acl") or clauses.ordered(node):
            return False
        node = node.head
    return True
