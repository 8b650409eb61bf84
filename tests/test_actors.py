"""The actor table and mention resolution."""
from __future__ import annotations

import csv
from datetime import date

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


def test_a_state_body_named_by_kind_is_its_state_and_never_a_new_actor(nlp):
    doc = nlp("The Russian Defence Ministry said so. Later the General Staff said the Ministry of Defence had erred.")
    found = {(m.text, m.actor.name) for m in find_mentions(doc)}
    assert ("The Russian Defence Ministry", "Russia") in found
    assert not any(m.actor.provisional for m in find_mentions(doc)), found


def test_a_named_unit_stays_an_actor_and_a_weapon_is_none(nlp):
    doc = nlp("The Azov Brigade fought in Mariupol with HIMARS rocket systems. The Kraken Regiment held the line.")
    names = {m.actor.name for m in find_mentions(doc)}
    assert "Azov Brigade" in names
    assert not any("HIMARS" in n for n in names)


def test_the_west_is_an_actor_the_west_of_a_country_is_not(nlp):
    doc = nlp("The West imposed sanctions. Fighting raged in the west of the country.")
    assert [(m.text, m.actor.name) for m in find_mentions(doc)] == [("The West", "the West")]


def test_head_of_state_on_a_day():
    table = default_table()
    assert table.head_of("DEU", "chancellor", date(2023, 5, 1)).name == "Olaf Scholz"
    assert table.head_of("DEU", "chancellor", date(2025, 3, 15)).name == "Olaf Scholz"  # Merz took office in May
    assert table.head_of("USA", "president", date(2025, 3, 1)).name == "Donald Trump"
    assert table.head_of("USA", "president", date(2025, 1, 10)).name == "Joe Biden"
    assert table.head_of("USA", "president", date(2019, 6, 1)).name == "Donald Trump"
    assert table.head_of("GBR", "leader", date(2022, 10, 1)).name == "Liz Truss"
    assert table.head_of("RUS", "leader", None).name == "Vladimir Putin"
    assert table.head_of("POL", "president", date(2023, 1, 1)).name == "Andrzej Duda"  # no term given: in office
    # nobody we know held it then: no guess
    assert table.head_of("DEU", "chancellor", date(2003, 1, 1)) is None
    assert table.head_of("XYZ", "president", None) is None and table.head_of("RUS", "king", None) is None


def test_a_full_name_is_not_read_as_titles():
    """'the UN Security Council' was read as the title words 'UN Security' before 'Council'."""
    assert default_table().lookup("the UN Security Council").name == "United Nations"
