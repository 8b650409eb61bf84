"""One event per happening per article: repeated mentions become evidence, not extra events.

An article names the same happening many times ("the army's invasion" in the lede, "the invasion"
three paragraphs down, "the army invaded in May 2019" in the background).
Events of one article are the same happening when all of these hold:
- the same actor1, event type and context (background, "historical", counts as asserted);
- actor2 the same, or missing on one side;
- their dates can be the same: the spans overlap, or one side has no date of its own (none, or only
  the publication day read off the tense);
- at least one mention is a noun referring to it ("the invasion", "the talks", "Moscow's demands"):
  two sentences each telling of a strike or a rejection are two strikes, two rejections, as often as
  they are one;
- for meetings and material acts (attacks, deployments, sanctions) the triggers are one word or its
  derivation ("invade" / "invasion"): "Russia's attack on Sumy" is not the strike on Kharkiv told before.
A noun with a demonstrative ("this visit", "those talks") refers back: it is evidence of the last
happening of its actor and type told before it, whatever the word.

The clearest mention represents the happening: the best-dated (a date of its own before one read off
the tense), then one told by a verb, one that names actor2, the most confident, the first. Its record
is kept as extracted; the other sentences go to its ``mentions`` field as ``start-end`` offsets.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.schema import Event

BASIS_RANK = {"explicit": 0, "relative": 1, "tense": 2, "unknown": 3}
# Shortest common beginning for two trigger words to be one word or its derivation.
MIN_STEM = 4
# Meetings, material cooperation and conflict: one actor has many of them in an article, told with
# different words (a visit, then talks), so only the same word joins a reference to a telling. A
# side's demand, agreement or accusation is more often one position named several ways.
WORDED_ALIKE_TYPES = frozenset({"CONSULT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "PROTEST", "SANCTION",
                                "MOBILIZE", "COERCE", "ASSAULT"})


@dataclass(frozen=True)
class EventMention:
    """An event as extracted from one sentence, whether a noun carries it, and whether that noun
    points back with a demonstrative ("this visit")."""

    event: Event
    nominal: bool
    anaphoric: bool = False


def one_per_happening(mentions: Sequence[EventMention]) -> list[Event]:
    """The events of one article, one per happening, in the order of their first mention."""
    groups: list[list[EventMention]] = []
    for mention in mentions:
        if mention.anaphoric:
            group = next((g for g in reversed(groups) if all(_same(mention, m, by_word=False) for m in g)), None)
        else:
            group = next((g for g in groups if all(_same(mention, m) for m in g)), None)
        if group is None:
            groups.append([mention])
        else:
            group.append(mention)
    return [_represent(group) for group in groups]


def _same(a: EventMention, b: EventMention, *, by_word: bool = True) -> bool:
    x, y = a.event, b.event
    if (x.actor1, x.event_type, _context(x)) != (y.actor1, y.event_type, _context(y)):
        return False
    if x.actor2 and y.actor2 and x.actor2 != y.actor2:
        return False
    if x.sent_start == y.sent_start:
        return False  # one sentence's acts were already made one (events._one_per_act)
    if not (a.nominal or b.nominal):
        return False
    if by_word and x.event_type in WORDED_ALIKE_TYPES and not _one_word(_head(x.trigger), _head(y.trigger)):
        return False
    return _dates_agree(x, y)


def _context(event: Event) -> str:
    return "" if event.context == "historical" else event.context


def _head(trigger: str) -> str:
    """The word a trigger names the act by: the noun a light verb carries ('launch invasion')."""
    return trigger.split()[-1].lower()


def _one_word(a: str, b: str) -> bool:
    common = 0
    for p, q in zip(a, b):
        if p != q:
            break
        common += 1
    return common >= min(MIN_STEM, len(a), len(b)) and common >= min(len(a), len(b)) - 3


def _own_date(event: Event) -> bool:
    return event.date_start is not None and event.date_basis not in ("tense", "unknown")


def _dates_agree(x: Event, y: Event) -> bool:
    if not (_own_date(x) and _own_date(y)):
        return True
    return x.date_start <= (y.date_end or y.date_start) and y.date_start <= (x.date_end or x.date_start)


def _clarity(mention: EventMention) -> tuple:
    e = mention.event
    return (BASIS_RANK.get(e.date_basis, 3) if e.date_start is not None else 3, mention.nominal,
            not e.actor2, -e.confidence, e.sent_start)


def _represent(group: list[EventMention]) -> Event:
    best = min(group, key=_clarity).event
    others = sorted({(m.event.sent_start, m.event.sent_end) for m in group} - {(best.sent_start, best.sent_end)})
    if not others:
        return best
    return dataclasses.replace(best, mentions=";".join(f"{s}-{e}" for s, e in others))
