"""The actor table and mention resolution."""
from __future__ import annotations

import csv

import pytest

from timeline.extract.actors import ACTORS_CSV, default_table, find_mentions, strip_titles

REQUIRED = ["Vladimir Putin", "Donald Trump", "Alexander Lukashenko", "Volodymyr Zelensky", "Steve Witkoff",
            "Marco Rubio", "Sergey Lavrov", "Dmitry Peskov", "Russia", "Ukraine", "United States", "Belarus",
            "European Union", "NATO", "United Nations"]


def test_table_covers_the_war_and_its_diplomacy():
    table = default_table()
    names = {a.name for a in table.actors.values()}
    assert set(REQUIRED) <= names
    with ACTORS_CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["kind"] for r in rows} <= {"person", "country", "organization", "group"}
    assert len({r["id"] for r in rows}) == len(rows), "ids are unique"
    # ids are Wikidata QIDs where certain, else a project slug; never an empty id
    assert all(r["id"].startswith(("Q", "ct:")) for r in rows)
    assert table.lookup("Putin").id == "Q7747" and table.lookup("Trump").id == "Q22686"


@pytest.mark.parametrize("written, canonical", [
    ("the Kremlin", "Russia"), ("the White House", "United States"), ("Russian forces", "Russia"),
    ("Mr Trump", "Donald Trump"), ("President Vladimir Putin", "Vladimir Putin"),
    ("Russian President Vladimir Putin", "Vladimir Putin"), ("Belarusian President Alexander Lukashenko",
                                                             "Alexander Lukashenko"),
    ("Kyiv", "Ukraine"), ("Zelenskyy", "Volodymyr Zelensky"), ("U.S.", "United States"),
])
def test_aliases_and_titles(written, canonical):
    assert default_table().lookup(written, person=True).name == canonical


def test_titles_are_stripped_from_new_names():
    table = default_table()
    assert strip_titles("Foreign Minister Jane Doe's", table) == "Jane Doe"
    actor = table.provisional("Prime Minister Jonas Gahr Store", "PERSON")
    assert actor.name == "Jonas Gahr Store" and actor.provisional and actor.id == "new:jonas-gahr-store"
    assert table.provisional("the", "ORG") is None


def test_mentions_in_text(nlp):
    doc = nlp("Trump spoke to the Kremlin. Russian forces shelled Kharkiv, said the Ukrainian army. "
              "The us of it all. Jane Doe of the Acme Institute met Lukashenko in Minsk.")
    found = {(m.text, m.actor.name) for m in find_mentions(doc)}
    assert ("the Kremlin", "Russia") in found
    assert ("Russian forces", "Russia") in found
    assert ("Trump", "Donald Trump") in found and ("Lukashenko", "Alexander Lukashenko") in found
    assert not any(text == "us" for text, _ in found), "the pronoun 'us' is not the US"
    assert any(name == "Jane Doe" for _, name in found)
    assert not any(name in ("Trump", "Kharkiv") for _, name in found), "a town is a place, not an actor"
