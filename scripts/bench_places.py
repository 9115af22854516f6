#!/usr/bin/env python3
"""Benchmark the place gazetteer: the one-off build (seconds, memory) and lookups per second;
with --db, how many stored events have a place and how many of those have coordinates.

    .venv/bin/python scripts/bench_places.py [--db STORE.duckdb]

Memory is this process's resident set (VmRSS) before and after the build, and its peak (VmHWM),
which includes the JSON that is read and dropped. Lookups: every name of data/places.tsv, every
country, the 500 largest cities and 100 names that are no place, each once bare and once with a
country hint, repeated for about two seconds. One JSON line.
"""
from __future__ import annotations

import argparse
import json
import time


def _status(field: str) -> float:
    """A VmRSS/VmHWM line of /proc/self/status, in MB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _names(places) -> list[tuple[str, str | None]]:
    from newsgraph.data import tsv_rows

    ours = [r["name"] for r in tsv_rows("newsgraph", "data/places.tsv")]
    countries = [p.name for p in places.countries.values()]
    population = {e.place: e.population for entries in places.index.values() for e in entries if e.city}
    cities = sorted(population, key=population.get, reverse=True)[:500]
    misses = [f"Nowhereville {k}" for k in range(100)]
    names = ours + countries + [c.name for c in cities] + misses
    hints = [None, "USA", "FRA", "RUS", "CHN"]
    return [(n, hints[k % len(hints)]) for k, n in enumerate(names * 2)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a store to count located events in")
    args = parser.parse_args()
    from newsgraph.events import places as mod

    rss0 = _status("VmRSS")
    t0 = time.perf_counter()
    places = mod.gazetteer()
    build = time.perf_counter() - t0
    out = {"build_s": round(build, 2), "rss_before_mb": round(rss0), "rss_after_mb": round(_status("VmRSS")),
           "peak_mb": round(_status("VmHWM")), "keys": len(places.index)}
    names = _names(places)
    n, found, t0 = 0, 0, time.perf_counter()
    while time.perf_counter() - t0 < 2.0:
        for name, hint in names:
            found += places.locate(name, hint) is not None
        n += len(names)
    out.update(lookups=n, lookups_per_s=round(n / (time.perf_counter() - t0)), found_share=round(found / n, 3))
    if args.db:
        from newsgraph.store import Store

        with Store(args.db, read_only=True) as store:
            total, with_place, located = store.query(
                "SELECT count(*), count(location), count(lat) FROM events").fetchone()
        out.update(events=total, with_location=with_place, with_coordinates=located)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
