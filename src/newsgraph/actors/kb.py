"""The actor knowledge base: countries, capitals, blocs, IGOs, institutions, people, sectors.

Everything comes from the TSV files in `actors/data/`, loaded once per process.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..data import tsv_rows

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})


def norm_name(text: str) -> str:
    """Lookup key of a name: NFKC, casefolded, dots, 'the' and a trailing 's dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s?$", "", text)
    text = text.replace(".", "")
    return re.sub(r"[\s\-–]+", " ", text).strip()


@dataclass(frozen=True, slots=True)
class KbActor:
    """A known actor. `start`/`end` bound a person's role (ISO dates, '' when open)."""

    name: str
    type: str  # PERSON | ORG | GPE
    country: str | None
    code: str  # CAMEO actor code
    sector: str | None = None
    role: str | None = None
    start: str = ""
    end: str = ""
    kind: str = ""  # country | capital | bloc | igo | institution | region | person

    def valid_on(self, date: str | None) -> bool:
        if not date or self.kind != "person":
            return True
        return (not self.start or self.start[:len(date)] <= date) and (not self.end or date <= self.end)


def _rows(name: str) -> list[dict[str, str]]:
    return tsv_rows(__package__, f"data/{name}")


def _names(row: dict[str, str], *fields: str) -> list[str]:
    out: list[str] = []
    for f in fields:
        out += [x.strip() for x in (row.get(f) or "").split("|") if x.strip()]
    return out


class KnowledgeBase:
    """Lookups by name or alias, demonym, and sector word."""

    def __init__(self) -> None:
        self.aliases: dict[str, list[KbActor]] = {}
        self.demonyms: dict[str, str] = {}
        self.countries: dict[str, KbActor] = {}
        self.sectors: dict[str, str] = {}
        self.surnames: dict[str, list[KbActor]] = {}
        self._load_countries()
        self._load_simple("blocs.tsv", "bloc", "GPE")
        self._load_simple("igos.tsv", "igo", "ORG")
        self._load_simple("institutions.tsv", "institution", "ORG")
        self._load_simple("regions.tsv", "region", "GPE")
        self._load_people()
        for row in _rows("agents.tsv"):
            self.sectors[norm_name(row["pattern"])] = row["sector"].strip()
        self.max_sector_words = max((len(k.split()) for k in self.sectors), default=1)

    def _add(self, alias: str, actor: KbActor) -> None:
        key = norm_name(alias)
        if key and actor not in self.aliases.setdefault(key, []):
            self.aliases[key].append(actor)

    def _load_countries(self) -> None:
        for row in _rows("countries.tsv"):
            iso3, cameo = row["iso3"].strip(), (row.get("cameo") or row["iso3"]).strip()
            country = KbActor(row["name"], "GPE", iso3, cameo, kind="country")
            self.countries[iso3] = country
            for alias in _names(row, "name", "aliases"):
                self._add(alias, country)
            capital = KbActor(row["name"], "GPE", iso3, cameo, "GOV", kind="capital")
            for alias in _names(row, "capital", "capital_aliases"):
                self._add(alias, capital)
            for dem in _names(row, "demonyms"):
                self.demonyms.setdefault(norm_name(dem), iso3)
            for alias in _names(row, "name", "aliases"):
                self.demonyms.setdefault(norm_name(alias), iso3)

    def _load_simple(self, file: str, kind: str, type_: str) -> None:
        for row in _rows(file):
            country = (row.get("country") or "").strip() or None
            sector = (row.get("sector") or "").strip() or None
            code = (row.get("code") or "").strip() or self.code(country, sector)
            actor = KbActor(row["name"], type_, country, code, sector,
                            role="IGO" if kind == "igo" else None, kind=kind)
            for alias in _names(row, "name", "aliases"):
                self._add(alias, actor)

    def _load_people(self) -> None:
        for row in _rows("people.tsv"):
            country = row["country"].strip()
            sector = row.get("sector", "").strip() or None
            actor = KbActor(row["name"], "PERSON", country if len(country) == 3 else None,
                            self.code(country, sector), sector, row.get("role") or None,
                            row.get("start", "").strip(), row.get("end", "").strip(), "person")
            for alias in _names(row, "name", "aliases"):
                self._add(alias, actor)
            self.surnames.setdefault(norm_name(row["name"]).split()[-1], []).append(actor)

    def code(self, country: str | None, sector: str | None) -> str:
        """CAMEO actor code: the country's code followed by the sector."""
        base = self.countries[country].code if country in self.countries else (country or "")
        if base.startswith(("IGO", "NGO")):
            return base  # an organisation's officials act as the organisation
        return base + (sector or "") if base or sector else ""

    def lookup(self, name: str, date: str | None = None) -> KbActor | None:
        """The actor a name or alias refers to on `date` (people hold roles for a time)."""
        found = self.aliases.get(norm_name(name), [])
        if not found:
            return None
        valid = [a for a in found if a.valid_on(date)] or found
        return max(valid, key=lambda a: a.end or "9999")

    def by_surname(self, name: str, date: str | None = None) -> KbActor | None:
        """The one person of that surname who held a role on `date` ('Putin'); when none did, the
        latest of that surname if all are of one state; None when several different people fit."""
        known = self.surnames.get(norm_name(name), [])
        found = [a for a in known if date and a.valid_on(date)]
        if not found and len({a.country for a in known}) == 1:  # 'Bush' in 1990: one family, one state
            found = [max(known, key=lambda a: a.end or "9999")]
        return found[0] if len({a.name for a in found}) == 1 else None

    def country_of(self, word: str) -> str | None:
        """ISO3 of a country name, alias or demonym ('Russian', "China's")."""
        return self.demonyms.get(norm_name(word))

    def sector_of(self, words: list[str]) -> str | None:
        """The sector of the longest agent phrase in `words` (e.g. 'defense minister' -> MIL)."""
        keys = [k for k in (norm_name(w) for w in words) if k]  # "Secretary-General" is three tokens
        best: tuple[int, str] | None = None
        for n in range(min(self.max_sector_words, len(keys)), 0, -1):
            for i in range(len(keys) - n + 1):
                sector = self.sectors.get(" ".join(keys[i:i + n]))
                if sector and (best is None or n > best[0]):
                    best = (n, sector)
            if best:
                return best[1]
        return None


@cache
def knowledge_base() -> KnowledgeBase:
    return KnowledgeBase()
