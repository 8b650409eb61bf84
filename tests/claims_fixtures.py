"""A small store of claims and denials written for the tests (no ../shared text): a strike one
source claims and another denies, a plain report, and an unnamed-source claim from an ungraded blog."""
from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from store_fixtures import article, event
from timeline.schema import Article, Event
from timeline.store.store import Store

CLAIM = "Russia's defence ministry said Ukrainian drones struck an oil depot in Bryansk on Wednesday."
DENIAL = "Ukraine's General Staff denied that its drones struck an oil depot in Bryansk on Wednesday."
REPORT = "Putin met Lukashenko in Minsk on Thursday."
RUMOUR = "Hamas reportedly sent fighters to southern Lebanon on Thursday."
WEDNESDAY, THURSDAY = date(2025, 3, 12), date(2025, 3, 13)


def _strike(art: Article, sentence: str, **said) -> Event:
    return dataclasses.replace(
        event(art, sentence, actor1="Q212", actor1_name="Ukraine", actor2="Q159", actor2_name="Russia",
              event_type="ASSAULT", quad_class=4, trigger="strike", start=WEDNESDAY, date_text="on Wednesday",
              confidence=0.85), **said)


def claims_articles() -> list[tuple[Article, list[Event]]]:
    claim = article("claim", CLAIM, source="TASS", published=THURSDAY, title="Ministry: drones struck depot")
    denial = article("denial", DENIAL, source="Kyiv Post", published=THURSDAY, title="General Staff denies strike")
    report = article("report", REPORT, source="AP News", published=THURSDAY, title="Putin meets Lukashenko")
    rumour = article("rumour", RUMOUR, source="Frontline Blog", published=THURSDAY, title="Fighters sent")
    return [
        (claim, [_strike(claim, CLAIM, attribution="claimed", claimed_by="Russia")]),
        (denial, [_strike(denial, DENIAL, attribution="denied", denied_by="Ukraine", context="negated")]),
        (report, [event(report, REPORT, actor2="ct:alexander-lukashenko", actor2_name="Alexander Lukashenko",
                        event_type="CONSULT", trigger="meet", start=THURSDAY, confidence=0.9)]),
        (rumour, [dataclasses.replace(event(rumour, RUMOUR, actor1="ct:hamas", actor1_name="Hamas",
                                            event_type="MOBILIZE", quad_class=4, trigger="send", start=THURSDAY),
                                      attribution="claimed")]),
    ]


def claims_store(path: Path | str) -> Store:
    store = Store(path)
    store.load_extracted(claims_articles())
    return store
