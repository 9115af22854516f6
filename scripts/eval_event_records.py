#!/usr/bin/env python3
"""Event category and actors' countries on wire-style sentences written blind (scripts/data/event_records.tsv).

    .venv/bin/python scripts/eval_event_records.py [--show]

Scored as score_dev.py scores the PLOVER records: the category counts when some coded event maps to
it; the source (target) country when an event of that category (of any, if none) has it. A second
check of how the coder generalises, with actors, beside the dev records it was tuned on; --show
lists each sentence with a miss and what was coded.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter

from newsgraph import nlp
from newsgraph.actors import resolve_actors
from newsgraph.events import code_events
from newsgraph.quotes import extract_quotes

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_event_sentences import category  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "event_records.tsv")
SUCCESSORS = {"SUN": "RUS", "YUG": "SRB"}


def country(code: str | None) -> str:
    c = (code or "").strip().upper()[:3]
    return SUCCESSORS.get(c, c)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the sentences with a miss")
    parser.add_argument("--data", default=DATA, help="another file of the same columns (default: %(default)s)")
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")][1:]
    hits, totals = Counter(), Counter()
    by_cat = Counter()
    for (want, src, tgt, text), doc in zip(rows, nlp.parse([r[3] for r in rows], nlp.DEFAULT_MODEL, 32)):
        actors = resolve_actors(doc, "2003-05-01")
        events = code_events(doc, actors, "s", "2003-05-01", extract_quotes(doc, actors, "s"))
        cats = [category(e.event_code) for e in events]
        chosen = [e for e, c in zip(events, cats) if c == want] or events
        ok = {"category": want in cats}
        for side, gold in (("source", src), ("target", tgt)):
            if gold != "-":
                ok[side] = any(country(getattr(e, side + "_code")) in {country(g) for g in gold.split("|")}
                               for e in chosen)
        for k, v in ok.items():
            totals[k] += 1
            hits[k] += v
        totals["all"] += 1
        hits["all"] += all(ok.values())
        by_cat[want, "n"] += 1
        by_cat[want, "ok"] += all(ok.values())
        if args.show and not all(ok.values()):
            found = "; ".join(f"{e.event_code} {e.source_code}->{e.target_code}" for e in events) or "no event"
            print(f"miss {want:11} {src}->{tgt} [{','.join(k for k, v in ok.items() if not v)}] {text}\n     {found}")
    for k in ("category", "source", "target", "all"):
        print(f"{k:12} {hits[k]:3}/{totals[k]:<3} {hits[k] / totals[k]:.3f}")
    print("all correct by category: " + ", ".join(
        f"{c} {by_cat[c, 'ok']}/{by_cat[c, 'n']}" for c in sorted({c for c, _ in by_cat})))
    return 0


if __name__ == "__main__":
    sys.exit(main())
