"""GDELT 2.0 event-table rows from newsgraph events: GDELT's 61 columns, ours after them."""
from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..events.places import US_CITY, WORLD_CITY, Place, gazetteer

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
COLUMNS = (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
           + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
           + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
              "NumMentions", "NumSources", "NumArticles", "AvgTone"]
           + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO]
           + [f"ActionGeo_{c}" for c in _GEO] + ["DATEADDED", "SOURCEURL"])
EXTRA = ["newsgraph_id", "article_id", "date_precision", "negated", "modality", "background",
         "symmetric", "plover", "quote_id", "sentence", "start", "end"]
_GDELT_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "BUS", "MED", "EDU", "HLH", "CVL",
                  "SPY", "REF", "IGO", "NGO", "UAF", "DIP", "ELI", "LAB", "AGR", "CRM", "MNC"}


def _actor(code: str | None, name: str | None) -> list[Any]:
    code = code or ""
    country = code[:3] if len(code) >= 3 and not code.startswith(("IGO", "NGO")) else ""
    types = [code[i:i + 3] for i in range(3 if country else 0, len(code), 3) if code[i:i + 3] in _GDELT_SECTORS]
    return [code, (name or "").upper(), country, "", "", "", "", *(types + ["", "", ""])[:3]]


def _date_fields(date: str | None) -> list[Any]:
    """SQLDATE, MonthYear, Year, FractionDate; a partial date fills its first day."""
    if not date:
        return ["", "", "", ""]
    y, m, d = (date.split("-") + ["01", "01"])[:3]
    year = int(y)
    return [f"{y}{m}{d}", f"{y}{m}", year, round(year + (int(m) - 1) / 12 + (int(d) - 1) / 365, 4)]


def _place(row: dict[str, Any]) -> Place | None:
    """The event's place: the one stored (found again by name and point), or, in a database written
    before places were located, the gazetteer's answer now; else its country, as GDELT falls back."""
    location, country, lat, lon = row.get("location"), row.get("country"), row.get("lat"), row.get("lon")
    if not location and not country:
        return None
    places = gazetteer()
    if location and lat is not None and lon is not None:
        fips = places.fips.get(country or "")
        return places.place_at(location, lat, lon) or Place(
            location, location, country, fips, fips, lat, lon, US_CITY if country == "USA" else WORLD_CITY)
    return (places.locate(location, country) if location else None) or places.countries.get(country or "")


def action_geo(row: dict[str, Any]) -> list[Any]:
    """ActionGeo_Type, FullName, CountryCode (FIPS 10-4), ADM1Code, ADM2Code, Lat, Long, FeatureID."""
    place = _place(row)
    if place is None:
        return [""] * len(_GEO)
    return [place.feature_type, place.full_name, place.fips or "", place.adm1 or "", "",
            "" if place.lat is None else place.lat, "" if place.lon is None else place.lon, place.feature_id or ""]


def gdelt_row(row: dict[str, Any], url: str | None, added: str) -> list[Any]:
    code = str(row["event_code"])
    geo = action_geo(row)
    return ([zlib.crc32(row["id"].encode()), *_date_fields(row.get("date"))]
            + _actor(row.get("source_code"), row.get("source")) + _actor(row.get("target_code"), row.get("target"))
            + [1, code, code[:3], code[:2], row.get("quad_class"), row.get("goldstein"), 1, 1, 1, ""]
            + [""] * 8 + [""] * 8 + geo + [added, url or ""]
            + [row["id"], row["article_id"], row.get("date_precision") or "", int(bool(row.get("negated"))),
               row.get("modality"), int(bool(row.get("background"))), int(bool(row.get("symmetric"))),
               row.get("plover") or "", row.get("quote_id") or "",
               " ".join((row.get("sentence") or "").split()), row.get("start"), row.get("end")])


def gdelt_lines(columns: Sequence[str], rows: Iterable[tuple], urls: dict[str, str], added: str) -> Iterator[str]:
    """Tab-separated lines, no header, as GDELT publishes them."""
    for values in rows:
        row = dict(zip(columns, values))
        cells = gdelt_row(row, urls.get(row["article_id"]), added)
        yield "\t".join("" if c is None else str(c).replace("\t", " ") for c in cells)
