"""actor2 the sentence leaves unnamed, read from the rest of the article (the reader's inference),
once all its events are known: the party of the same act told elsewhere, the other side of the
article's war, the organization a vote is cast in, the sides a mediation is between, and who
"both sides" are. Each says so in ``reason`` and lowers the score by 0.1.
"""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from timeline.extract.actors import default_table
from timeline.extract.kinds import role_words
from timeline.extract.resolution import BOTH_SIDES
from timeline.extract.roles import MOTION_BODY, SYMMETRIC_TYPES
from timeline.schema import Actor, Event, event_id

# Acts of war and their halts: with no target named, the other side of the article's war.
FIGHT_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT"})
VOTE = "vote"  # the trigger table's mode of voting and abstaining
MIN_TALKS = 2  # an actor's verbal acts naming one side before that side is taken as given
TALKS_MAJORITY = 3  # ... or, for a cooperative act, how many times more often than any other side
WARS_CSV = Path(__file__).resolve().parents[2] / "data" / "wars.csv"


def fill_from_article(events: list[Event]) -> list[Event]:
    """actor2 the sentence leaves unnamed, from the rest of the article (the reader's inference):
    - the same actor's same kind of act names one party elsewhere ("the US sent more weapons",
      where the article's US weapons go to Ukraine alone);
    - an attack, a seizure, a mobilization or a halt of them is on the other side of the article's war: the state its
      attacker's side fights most often in the attacks that name both sides ("Russia's invasion" in
      a story of Russian and Ukrainian strikes is on Ukraine);
    - a verbal act (proposing, agreeing, rejecting, accusing …) is addressed to the one side the
      actor's other verbal acts in the article all address, two at least ("Putin outlined
      conditions" where Putin's other acts all answer the United States), or, for a cooperative act,
      the side they address three times as often as any other;
    - a vote ("abstained", "voted against it") and an act on a motion ("supported the resolution",
      "proposed an amendment") are cast in the one organization of states the article's events name
      ("the UN General Assembly backed …"); a motion with no such organization, or the organization's
      own act on it ("the Security Council adopted it"), has no actor2;
    - a mediation ("a deal brokered by Turkey") is between the two sides of the article's war: the
      side other than the mediator's own that its attacks name most;
    - "both sides" are those two sides: "both sides accused the other" is each side's accusation of
      the other, "both sides agreed" one agreement between them; with no war told, nobody.
    Never on a tie, and never from another filled event."""
    table = default_table()

    def side(actor_id: str) -> str:
        actor = table.actors.get(actor_id)
        return actor.country if actor is not None else ""

    partners: dict[tuple[str, str], dict[str, str]] = {}
    dealings: dict[str, Counter[tuple[str, str]]] = {"fights": Counter(), "talks": Counter()}
    for e in events:
        if not e.actor2 or e.actor2 == MOTION_BODY.id:
            continue
        if e.mode != VOTE:  # a vote is on one resolution's drafters, not the party of the voter's other acts
            partners.setdefault((e.actor1, e.event_type), {})[e.actor2] = e.actor2_name
        kind = _dealing(e)
        if kind == "fights" and "" != side(e.actor1) != side(e.actor2) != "":
            dealings[kind][side(e.actor1), side(e.actor2)] += 1
            dealings[kind][side(e.actor2), side(e.actor1)] += 1
        elif kind == "talks" and side(e.actor2) and side(e.actor2) != side(e.actor1):
            dealings[kind][e.actor1, side(e.actor2)] += 1
    bodies = {a.id: a for e in events for a in (table.actors.get(e.actor1), table.actors.get(e.actor2))
              if a is not None and a.kind == "organization"}
    sides = _war_sides(dealings["fights"]) or _known_war(events, side)
    filled = []
    for e in events:
        if BOTH_SIDES.id in (e.actor1, e.actor2):
            filled += _each_side(e, [table.state(one) for one in sides], side)
            continue
        motion = e.actor2 == MOTION_BODY.id
        if motion:  # what the sentence named is a motion: its body, else nobody (not the actor's usual party)
            e = replace(e, actor2="", actor2_name="", actor2_text="",
                        reason=f"{e.reason}; no actor2 unless one organization of states is named")
        named = partners.get((e.actor1, e.event_type), {}) if not e.actor2 else {}
        other = next(((actor2, name, f"actor2 {name}: the party of {e.actor1_name}'s other {e.event_type} in this article")
                      for actor2, name in named.items()), None) if len(named) == 1 else None
        if e.actor2:
            found = None
        elif (e.mode == VOTE or motion) and len(bodies) == 1 and e.actor1 not in bodies:
            (actor2, body), = bodies.items()
            found = actor2, body.name, f"actor2 {body.name}: the one organization of states this article names"
        elif motion:
            found = None
        elif role_words().get(e.trigger) == "mediation" and (
                state := table.state(_war_side(dealings["fights"], side(e.actor1)))) is not None:
            found = state.id, state.name, f"actor2 {state.name}: a side of the war this article tells"
        elif _dealing(e) == "fights":  # an attack is on the other side of the war before any one target named
            found = _from_dealings(e, dealings, side, table) or other
        else:
            found = other or _from_dealings(e, dealings, side, table)
        if found is None:
            filled.append(e)
            continue
        actor2, name, why = found
        filled.append(replace(e, actor2=actor2, actor2_name=name, actor2_text="",
                              confidence=round(max(0.05, e.confidence - 0.1), 2), reason=f"{e.reason}; {why}"))
    return filled


def _from_dealings(e: Event, dealings: dict[str, Counter[tuple[str, str]]], side, table) -> tuple[str, str, str] | None:
    """actor2 from the article's dealings: the other side of its war for an attack, the one side an
    actor's verbal acts all address for a verbal act."""
    kind = _dealing(e)
    own = e.actor1 if kind == "talks" else side(e.actor1)
    counts = sorted(((n, other) for (one, other), n in dealings[kind].items() if one == own),
                    reverse=True) if kind and own else []
    # a war has two sides, the most named is the other; an actor's talks may have many, so only
    # when all of them are with one side (two at least: one is a coincidence), or, for a cooperative
    # act (proposing, agreeing), when one side is its counterpart far more often than any other (a
    # hostile one is aimed at more parties: the enemy, a mediator, a third state)
    majority = len(counts) > 1 and e.quad_class == 1 and counts[0][0] >= TALKS_MAJORITY * counts[1][0]
    clear = (counts[0][0] >= MIN_TALKS and (len(counts) == 1 or majority)
             if kind == "talks" else
             len(counts) == 1 or counts[0][0] > counts[1][0]) if counts else False
    state = table.state(counts[0][1]) if counts and clear else None
    if state is None:
        return None
    return state.id, state.name, (f"actor2 {state.name}: the other side of the attacks this article names" if kind == "fights"
                                  else f"actor2 {state.name}: the {'main' if majority else 'only'} side {e.actor1_name} "
                                       "deals with in this article")


def _war_sides(fights: Counter[tuple[str, str]]) -> tuple[str, ...]:
    """The two sides of the article's war: the pair of states its attacks name most."""
    if not fights:
        return ()
    top = max(fights.values())
    return min(pair for pair, n in fights.items() if n == top)  # (a, b) and (b, a) count alike: one pair


@lru_cache(maxsize=1)
def wars() -> tuple[tuple[str, str], ...]:
    """data/wars.csv: the two sides (country codes) of each war a reader knows."""
    with WARS_CSV.open(encoding="utf-8", newline="") as fh:
        return tuple((r["side_a"], r["side_b"]) for r in csv.DictReader(line for line in fh if not line.startswith("#")))


def _known_war(events: list[Event], side) -> tuple[str, ...]:
    """When no attack names both sides: the known war both of whose sides the article's events name,
    the most named if several (none on a tie)."""
    named = Counter(side(a) for e in events for a in (e.actor1, e.actor2) if a and a != BOTH_SIDES.id)
    told = sorted(((min(named[a], named[b]), (a, b)) for a, b in wars() if named[a] and named[b]), reverse=True)
    if not told or len(told) > 1 and told[0][0] == told[1][0]:
        return ()
    return told[0][1]


def _war_side(fights: Counter[tuple[str, str]], own: str) -> str:
    """The side of the article's war that is not ``own``."""
    return next((one for one in _war_sides(fights) if one != own), "")


def _each_side(event: Event, states: list[Actor | None], side) -> list[Event]:
    """An event of "both sides" as the events of each: towards the other side (or one between them for
    a joint act), or, when the other party is named, each side's with it."""
    one, other = states if len(states) == 2 and None not in states else (None, None)
    if one is None:  # no war told: "both sides" are nobody we know, as actor1 no event
        return [replace(event, actor2="", actor2_name="", actor2_text="")] if event.actor1 != BOTH_SIDES.id else []
    if event.actor1 == BOTH_SIDES.id and event.actor2 in ("", BOTH_SIDES.id):
        pairs = [(one, other)] if event.event_type in SYMMETRIC_TYPES else [(one, other), (other, one)]
    elif event.actor1 == BOTH_SIDES.id:
        pairs = [(state, None) for state in (one, other) if state.country != side(event.actor2)]
    else:
        pairs = [(None, state) for state in (one, other) if state.country != side(event.actor1)]
    why = "both sides: the two sides of the war this article tells"
    return [replace(event, event_id=event_id(event.article_id, event.sent_start, event.sent_end,
                                             f"{event.event_id}|{a1.id if a1 else ''}|{a2.id if a2 else ''}", 0),
                    reason=f"{event.reason}; {why}",
                    **({"actor1": a1.id, "actor1_name": a1.name} if a1 else {}),
                    **({"actor2": a2.id, "actor2_name": a2.name} if a2 else {}))
            for a1, a2 in pairs]


def _dealing(event: Event) -> str:
    """Which of the article's dealings between sides an act belongs to: "fights" or "talks"."""
    if event.event_type in FIGHT_TYPES:
        return "fights"
    return "talks" if event.quad_class in (1, 3) else ""
