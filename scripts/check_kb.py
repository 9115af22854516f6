#!/usr/bin/env python3
"""Validate the actor knowledge base files in src/newsgraph/actors/data/.

Checks column counts, ISO3 codes (pycountry), CAMEO code shapes, dates (parse, start <= end),
allowed sectors and kinds, aliases shared between different actors, and that every person's
country is a country of countries.tsv or a code of igos.tsv. Prints a summary; exits 1 on any error.

Usage: python scripts/check_kb.py [DATA_DIR]
"""
from __future__ import annotations

import calendar
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newsgraph" / "actors" / "data"

# CAMEO 1.1b3 role (sector) codes.
SECTORS = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "NGO", "MED", "EDU", "BUS",
           "CRM", "CVL", "LEG", "HLH", "REF", "HRI", "LAB", "AGR", "ENV", "DEV", "ELI", "REL", "UAF",
           "MOD", "RAD"}
PERSON_SECTORS = {"GOV", "MIL", "SPY", "LEG", "JUD", "COP", "OPP", "PTY", "REB"}
IGO_KINDS = {"alliance", "igo", "ngo", "court"}
NON_ISO = {"XKX"}  # Kosovo: user-assigned code, not in ISO 3166-1
sys.path.insert(0, str(ROOT / "src"))
from newsgraph.actors.kb import norm_name  # noqa: E402 - the engine's own lookup key, so collisions are judged as it sees them


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, msg: str) -> None:
        self.errors.append(f"ERROR {where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"warning {where}: {msg}")


def read_tsv(path: Path, rep: Report, commented_header: bool = False
             ) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and rows (with line numbers); '#' lines and blank lines are skipped.
    commented_header: the header is a '# col<TAB>col' comment line (the hand-written files)."""
    if not path.exists():
        rep.error(path.name, "file missing")
        return [], []
    header: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if commented_header and not header and line.startswith("#") and "\t" in line:
            header = line.lstrip("# ").split("\t")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header:
            header = cells
            continue
        if len(cells) != len(header):
            rep.error(f"{path.name}:{no}", f"{len(cells)} columns, header has {len(header)}")
            continue
        if any(c != c.strip() for c in cells):
            rep.error(f"{path.name}:{no}", "leading/trailing whitespace in a cell")
        rows.append((no, dict(zip(header, cells))))
    return header, rows


def need_columns(name: str, header: list[str], cols: list[str], rep: Report) -> bool:
    missing = [c for c in cols if c not in header]
    if missing:
        rep.error(name, f"missing columns {missing} (header: {header})")
    return not missing


def names(value: str) -> list[str]:
    return [x.strip() for x in value.split("|") if x.strip()]


def parse_date(text: str, end: bool) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a partial end date means the last day of its period."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
    try:
        day = int(d) if d else (calendar.monthrange(y, mo)[1] if end else 1)
        return date(y, mo, day)
    except ValueError:
        return None


def check_countries(rep: Report) -> tuple[set[str], dict[str, str]]:
    import pycountry

    fname = "countries.tsv"
    header, rows = read_tsv(DATA / fname, rep)
    cols = ["iso3", "cameo", "name", "aliases", "demonyms", "capital", "capital_aliases"]
    if not need_columns(fname, header, cols, rep):
        return set(), {}
    isos: set[str] = set()
    owner: dict[str, str] = {}      # normalized name/alias/demonym -> iso3
    cap_owner: dict[str, str] = {}  # normalized capital name -> iso3
    for no, r in rows:
        where = f"{fname}:{no}"
        iso = r["iso3"]
        if iso in isos:
            rep.error(where, f"duplicate iso3 {iso}")
        isos.add(iso)
        if iso not in NON_ISO and pycountry.countries.get(alpha_3=iso) is None:
            rep.error(where, f"{iso} is not an ISO 3166-1 alpha-3 code")
        if not re.fullmatch(r"[A-Z]{3}", r["cameo"]):
            rep.error(where, f"bad CAMEO country code {r['cameo']!r}")
        if not r["name"]:
            rep.error(where, "empty name")
        for alias in names(r["name"]) + names(r["aliases"]) + names(r["demonyms"]):
            key = norm_name(alias)
            if not key:
                rep.error(where, f"alias {alias!r} normalizes to nothing")
            elif owner.setdefault(key, iso) != iso:
                rep.error(where, f"name/alias/demonym {alias!r} also belongs to {owner[key]}")
        for cap in names(r["capital"]) + names(r["capital_aliases"]):
            key = norm_name(cap)
            if cap_owner.setdefault(key, iso) != iso:
                rep.error(where, f"capital {cap!r} also belongs to {cap_owner[key]}")
        if r["capital_aliases"] and not r["capital"]:
            rep.error(where, "capital_aliases without a capital")
    for key, iso in cap_owner.items():
        if key in owner and owner[key] != iso:
            rep.error(fname, f"capital {key!r} of {iso} is a name of {owner[key]}")
    return isos, owner


def check_igos(rep: Report, country_names: dict[str, str]) -> tuple[set[str], dict[str, str]]:
    fname = "igos.tsv"
    header, rows = read_tsv(DATA / fname, rep)
    if not need_columns(fname, header, ["code", "name", "aliases", "kind", "sure"], rep):
        return set(), {}
    codes: set[str] = set()
    owner: dict[str, str] = {}  # normalized alias -> IGO name
    seen_names: set[str] = set()
    for no, r in rows:
        where = f"{fname}:{no}"
        if not re.fullmatch(r"(IGO|NGO)([A-Z]{3}){0,3}", r["code"]):
            rep.error(where, f"bad IGO/NGO code {r['code']!r}")
        codes.add(r["code"])
        if r["kind"] not in IGO_KINDS:
            rep.error(where, f"kind {r['kind']!r} not in {sorted(IGO_KINDS)}")
        if r["sure"] not in ("yes", "no"):
            rep.error(where, f"sure must be yes or no, not {r['sure']!r}")
        if r["name"] in seen_names:
            rep.error(where, f"duplicate name {r['name']!r}")
        seen_names.add(r["name"])
        for alias in names(r["name"]) + names(r["aliases"]):
            key = norm_name(alias)
            if owner.setdefault(key, r["name"]) != r["name"]:
                rep.error(where, f"alias {alias!r} also belongs to {owner[key]!r}")
            if key in country_names:
                rep.error(where, f"alias {alias!r} is also a name of country {country_names[key]}")
    return codes, owner


def check_agents(rep: Report) -> int:
    fname = "agents.tsv"
    header, rows = read_tsv(DATA / fname, rep)
    if not need_columns(fname, header, ["pattern", "sector"], rep):
        return 0
    seen: dict[str, int] = {}
    for no, r in rows:
        where = f"{fname}:{no}"
        pat = r["pattern"]
        if not pat or pat != pat.lower():
            rep.error(where, f"pattern {pat!r} must be non-empty lower case")
        if r["sector"] not in SECTORS:
            rep.error(where, f"sector {r['sector']!r} not a CAMEO sector")
        key = norm_name(pat)
        if key in seen:
            rep.error(where, f"pattern {pat!r} duplicates line {seen[key]} after normalization")
        seen[key] = no
    return len(rows)


def check_people(rep: Report, isos: set[str], igo_codes: set[str],
                 taken: dict[str, str]) -> tuple[int, int, list[str], dict[str, str]]:
    fname = "people.tsv"
    header, rows = read_tsv(DATA / fname, rep)
    cols = ["name", "aliases", "country", "sector", "role", "start", "end", "sure"]
    if not need_columns(fname, header, cols, rep):
        return 0, 0, [], {}
    owner: dict[str, str] = {}
    terms: dict[tuple[str, str, str], list[tuple[date, date, int]]] = defaultdict(list)
    seen_rows: set[tuple[str, ...]] = set()
    unsure: list[str] = []
    for no, r in rows:
        where = f"{fname}:{no}"
        if not r["name"]:
            rep.error(where, "empty name")
        if r["country"] not in isos and r["country"] not in igo_codes:
            rep.error(where, f"country {r['country']!r} is neither a countries.tsv iso3 nor an igos.tsv code")
        if r["sector"] not in PERSON_SECTORS:
            rep.error(where, f"sector {r['sector']!r} not in {sorted(PERSON_SECTORS)}")
        if not r["role"]:
            rep.error(where, "empty role")
        if r["sure"] not in ("yes", "no"):
            rep.error(where, f"sure must be yes or no, not {r['sure']!r}")
        start = parse_date(r["start"], end=False)
        if start is None:
            rep.error(where, f"start {r['start']!r} is not an ISO date")
        end = parse_date(r["end"], end=True) if r["end"] else date.max
        if end is None:
            rep.error(where, f"end {r['end']!r} is not an ISO date")
        if start and end and start > end:
            rep.error(where, f"start {r['start']} after end {r['end']}")
        if r["sure"] == "no" and not r["end"]:
            rep.error(where, "sure=no rows must give the last date known (open end only when sure)")
        if r["sure"] == "no":
            unsure.append(f"{r['name']} ({r['country']}, {r['role']}, {r['start']}..{r['end']})")
        row_key = tuple(r[c] for c in cols)
        if row_key in seen_rows:
            rep.error(where, "duplicate row")
        seen_rows.add(row_key)
        for alias in names(r["name"]) + names(r["aliases"]):
            key = norm_name(alias)
            if owner.setdefault(key, r["name"]) != r["name"]:
                rep.error(where, f"alias {alias!r} also belongs to person {owner[key]!r}")
            if key in taken:
                rep.error(where, f"alias {alias!r} is also the name of {taken[key]}")
        if start and end:
            span = (start, end, no)
            for other in terms[(r["name"], r["country"], r["role"])]:
                if span[0] < other[1] and other[0] < span[1]:
                    rep.error(where, f"term overlaps line {other[2]} (same person, country and role)")
            terms[(r["name"], r["country"], r["role"])].append(span)
    people = len({r["name"] for _, r in rows})
    return len(rows), people, unsure, owner


def check_other_files(rep: Report, isos: set[str], taken: dict[str, str]) -> None:
    """The hand-written files next to ours: header, country references and names that are also
    names in our files (warnings only: these files are not generated here)."""
    for fname in ("blocs.tsv", "institutions.tsv", "regions.tsv"):
        if not (DATA / fname).exists():
            continue
        text = (DATA / fname).read_text(encoding="utf-8")
        first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
        commented = not first.startswith("name\t")
        if commented:
            rep.warn(fname, "header line is a '#' comment: KnowledgeBase._rows skips '#' lines and "
                            "would take the first data row as the header")
        header, rows = read_tsv(DATA / fname, rep, commented_header=commented)
        for no, r in rows:
            c = (r.get("country") or "").strip()
            if c and c not in isos:
                rep.warn(f"{fname}:{no}", f"country {c!r} is not in countries.tsv (its code is used as is)")
            for alias in names(r.get("name", "")) + names(r.get("aliases", "")):
                if norm_name(alias) in taken:
                    rep.warn(f"{fname}:{no}", f"name {alias!r} is also the name of {taken[norm_name(alias)]}")


def main() -> int:
    global DATA
    if len(sys.argv) > 1:
        DATA = Path(sys.argv[1])
    rep = Report()
    isos, country_names = check_countries(rep)
    igo_codes, igo_names = check_igos(rep, country_names)
    taken = {k: f"country {v}" for k, v in country_names.items()}
    taken.update({k: f"IGO {v!r}" for k, v in igo_names.items()})
    n_agents = check_agents(rep)
    n_rows, n_people, unsure, person_names = check_people(rep, isos, igo_codes, taken)
    taken.update({k: f"person {v!r}" for k, v in person_names.items()})
    check_other_files(rep, isos, taken)

    _, igo_rows = read_tsv(DATA / "igos.tsv", Report())
    sure = Counter(r["sure"] for _, r in igo_rows)
    print(f"countries.tsv: {len(isos)} countries/territories, {len(country_names)} names/aliases/demonyms")
    print(f"igos.tsv:      {len(igo_rows)} organisations ({sure['yes']} known codes, {sure['no']} built codes)")
    print(f"agents.tsv:    {n_agents} sector patterns")
    print(f"people.tsv:    {n_rows} terms of office for {n_people} people, {len(unsure)} rows sure=no")
    for w in rep.warnings:
        print(w)
    for e in rep.errors:
        print(e)
    print("OK" if not rep.errors else f"FAILED: {len(rep.errors)} error(s)")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
