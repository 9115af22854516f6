#!/usr/bin/env python3
"""The gazetteer on the place names of annotated events: the `location` of the seed gold events
(../shared/gold) and the `eventLoc` of the PLOVER gold-standard records (../shared/dev), each
looked up as written, with no country hint. Prints every distinct name with what it resolved to,
then one JSON line of counts. Skips a data set that is absent.

    .venv/bin/python scripts/eval_places.py [--shared ../shared]

The data sets give the names, not the places meant, so whether a resolution is right is judged by
reading the list (see BENCHMARKS.md).
"""
from __future__ import annotations

import argparse
import glob
import json
import os

from newsgraph.events.places import gazetteer


def _names(shared: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted(glob.glob(os.path.join(shared, "gold", "[0-9]*.json"))):
        with open(path, encoding="utf-8") as f:
            out.setdefault("seeds", []).extend(e["location"] for e in json.load(f)["events"] if e.get("location"))
    plover = os.path.join(shared, "dev", "plover_gsr_dev.json")
    if os.path.exists(plover):
        with open(plover, encoding="utf-8") as f:
            out["plover"] = [r["eventLoc"]["name"] for r in json.load(f) if r.get("eventLoc")]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    args = parser.parse_args()
    places = gazetteer()
    counts = {}
    for name, found in _names(args.shared).items():
        distinct = sorted(set(found))
        resolved = {n: places.locate(n) for n in distinct}
        for n, place in resolved.items():
            print(f"{name}\t{n}\t{place.full_name if place else '-'}\t{place.feature_type if place else ''}")
        counts[name] = {"mentions": len(found), "distinct": len(distinct),
                        "resolved": sum(p is not None for p in resolved.values()),
                        "mentions_resolved": sum(resolved[n] is not None for n in found)}
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
