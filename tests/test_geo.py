"""Offline geocoding of the places conflict news names."""
from __future__ import annotations

import pytest

from timeline.extract.geo import KINDS, Place, locate, normalize, region_key


def near(place: Place | None, lat: float, lon: float, tolerance: float = 0.5) -> bool:
    return place is not None and abs(place.lat - lat) <= tolerance and abs(place.lon - lon) <= tolerance


@pytest.mark.parametrize("name, canonical, country, kind, lat, lon", [
    ("Kyiv", "Kyiv", "UKR", "city", 50.45, 30.52),
    ("Kiev", "Kyiv", "UKR", "city", 50.45, 30.52),
    ("Kharkiv", "Kharkiv", "UKR", "city", 49.98, 36.25),
    ("Donetsk", "Donetsk", "UKR", "city", 48.02, 37.80),  # not the smaller Donetsk in Russia
    ("Moscow", "Moscow", "RUS", "city", 55.75, 37.62),  # not Moscow, Idaho
    ("the Kremlin", "Moscow", "RUS", "city", 55.75, 37.62),
    ("the White House", "Washington", "USA", "city", 38.90, -77.04),
    ("Washington", "Washington", "USA", "city", 38.90, -77.04),  # not Washington, England
    ("Minsk", "Minsk", "BLR", "city", 53.90, 27.57),
    ("Riyadh", "Riyadh", "SAU", "city", 24.69, 46.72),
    ("Jeddah", "Jeddah", "SAU", "city", 21.49, 39.19),
    ("Istanbul", "Istanbul", "TUR", "city", 41.01, 28.95),
    ("Brussels", "Brussels", "BEL", "city", 50.85, 4.35),
    ("New York", "New York City", "USA", "city", 40.71, -74.01),
    ("UN headquarters", "New York City", "USA", "city", 40.71, -74.01),
    ("Gaza", "Gaza", "PSE", "city", 31.50, 34.47),
    ("Tripoli", "Tripoli", "LBY", "city", 32.89, 13.19),  # the Libyan one, more populous than Lebanon's
    ("Benghazi", "Benghazi", "LBY", "city", 32.11, 20.07),
    ("Cairo", "Cairo", "EGY", "city", 30.06, 31.25),
    ("Tahrir Square", "Cairo", "EGY", "city", 30.06, 31.25),
    ("Damascus", "Damascus", "SYR", "city", 33.51, 36.29),
    ("Aleppo", "Aleppo", "SYR", "city", 36.20, 37.16),
    ("Crimea", "Crimea", "UKR", "region", 45.3, 34.4),
    ("the Kursk region", "Kursk region", "RUS", "region", 51.6, 36.1),
    ("Kursk oblast", "Kursk region", "RUS", "region", 51.6, 36.1),
    ("Kursk Oblast", "Kursk region", "RUS", "region", 51.6, 36.1),
    ("region of Kursk", "Kursk region", "RUS", "region", 51.6, 36.1),
    ("Black Sea", "Black Sea", "", "sea", 43.4, 34.0),
])
def test_places_of_conflict_news(name, canonical, country, kind, lat, lon):
    place = locate(name)
    assert place is not None, name
    assert (place.name, place.country, place.kind) == (canonical, country, kind)
    assert near(place, lat, lon, 0.1)


@pytest.mark.parametrize("name, iso3, box", [
    ("Ukraine", "UKR", (44.0, 52.5, 22.0, 40.5)),
    ("Ukraine's", "UKR", (44.0, 52.5, 22.0, 40.5)),
    ("Russia", "RUS", (41.0, 82.0, 19.0, 180.0)),
    ("the United States", "USA", (24.0, 50.0, -125.0, -66.0)),
    ("US", "USA", (24.0, 50.0, -125.0, -66.0)),
    ("U.S.", "USA", (24.0, 50.0, -125.0, -66.0)),
    ("Britain", "GBR", (49.8, 59.0, -8.5, 2.0)),
    ("Belarus", "BLR", (51.2, 56.2, 23.1, 32.8)),
    ("Libya", "LBY", (19.5, 33.2, 9.3, 25.2)),
    ("Syria", "SYR", (32.3, 37.4, 35.7, 42.4)),
    ("Georgia", "GEO", (41.0, 43.6, 40.0, 46.7)),  # the country, before the US state's towns
    ("Türkiye", "TUR", (35.8, 42.1, 26.0, 44.8)),
])
def test_countries_win_and_their_point_is_inside_them(name, iso3, box):
    place = locate(name)
    assert place is not None and place.kind == "country" and place.country == iso3
    south, north, west, east = box
    assert south <= place.lat <= north and west <= place.lon <= east, place


def test_a_region_missing_from_the_table_falls_back_to_its_namesake_city():
    place = locate("Poltava region")
    assert place is not None and place.name == "Poltava region" and place.kind == "region"
    assert place.country == "UKR" and near(locate("Poltava"), place.lat, place.lon, 0.01)


def test_primary_names_beat_alternate_spellings():
    # "Tokmak" is a Ukrainian town's name and an alternate spelling of a larger Kyrgyz city.
    assert locate("Tokmak").country == "UKR"


@pytest.mark.parametrize("name", ["", "   ", "the", "Putin", "NATO", "Foo Bar Town", "March", "Thursday", "may"])
def test_unknown_names_and_calendar_words_are_none(name):
    assert locate(name) is None


@pytest.mark.parametrize("name", ["Hamas", "Rubio", "Peskov", "Wagner"])
def test_actor_names_are_not_towns(name):
    """Regression: "Hamas" came back as Hamm (Germany), "Rubio" as a town in Venezuela."""
    assert locate(name) is None


def test_lowercase_common_nouns_are_not_towns():
    # events.py passes every object of "in/at/on …": "on a mission" must not be Mission, Texas.
    assert locate("mission") is None and locate("a mission") is None
    assert locate("kyiv") is not None and locate("ukraine").kind == "country"


def test_alternate_spellings_must_still_look_like_the_name():
    """Regression: "North" was an alternate name of North Salt Lake (Utah)."""
    assert locate("North") is None
    assert [locate(n).name for n in ("Kharkov", "Zaporozhye", "Izium", "Grodno")] == [
        "Kharkiv", "Zaporizhzhia", "Izyum", "Hrodna"]


def test_news_spellings_win_over_namesakes():
    assert locate("Odessa").country == "UKR"  # not Odessa, Texas
    assert locate("Brussels").country == "BEL"  # an EU alias in the actor table, still a city
    assert locate("Tartus").name == "Tartus"  # geonames spells it with diacritics


def test_locate_rejects_non_strings():
    assert locate(None) is None  # type: ignore[arg-type]


def test_normalize_and_region_key():
    assert normalize("The Kursk Region") == "kursk region"
    assert normalize("Kyiv’s") == "kyiv" and normalize("Deir ez-Zor") == "deir ez zor"
    assert normalize("Türkiye") == "turkiye"
    assert region_key("kursk oblast") == "kursk region" and region_key("region of sumy") == "sumy region"
    assert region_key("kyiv") is None


def test_every_place_is_well_formed():
    for name in ("Kyiv", "Crimea", "Ukraine", "Black Sea", "Europe", "the Pentagon"):
        place = locate(name)
        assert place is not None and place.kind in KINDS
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
        assert place.as_dict()["name"] == place.name
