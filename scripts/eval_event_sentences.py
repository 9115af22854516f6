#!/usr/bin/env python3
"""Event categories on sentences written for the purpose (scripts/data/event_sentences.tsv).

    .venv/bin/python scripts/eval_event_sentences.py [--show]

A check of how the coder generalises beyond the dev records it was tuned on: each sentence is one
news event with the PLOVER 0.5 category CAMEO gives it; a sentence counts when some event the coder
finds maps to that category. Prints the share per category and overall; --show lists the misses.
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

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "event_sentences.tsv")
# CAMEO root -> PLOVER 0.5 (080-083 CONCEDE, 084-087 RETREAT), as the PLOVER dev scorer maps them
ROOTS = {"03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID", "09": "INVESTIGATE",
         "10": "DEMAND", "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE",
         "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "FIGHT", "20": "FIGHT"}


def category(code: str) -> str | None:
    if code[:2] == "08":
        return "CONCEDE" if code[:3] in ("080", "081", "082", "083") else "RETREAT"
    return ROOTS.get(code[:2])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the sentences whose category is missed")
    args = parser.parse_args()
    with open(DATA, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")][1:]
    hits, totals = Counter(), Counter()
    for (want, text), doc in zip(rows, nlp.parse([t for _, t in rows], nlp.DEFAULT_MODEL, 32)):
        actors = resolve_actors(doc, "2003-05-01")
        events = code_events(doc, actors, "s", "2003-05-01", extract_quotes(doc, actors, "s"))
        totals[want] += 1
        if want in {category(e.event_code) for e in events}:
            hits[want] += 1
        elif args.show:
            found = "; ".join(f"{e.event_code} {e.source_code}->{e.target_code}" for e in events) or "no event"
            print(f"miss {want:11} {text}\n     {found}")
    order = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"] + list(ROOTS.values())[5:]
    for cat in sorted(totals, key=order.index):
        print(f"{cat:12} {hits[cat]:3}/{totals[cat]:<3} {hits[cat] / totals[cat]:.2f}")
    total = sum(totals.values())
    print(f"{'all':12} {sum(hits.values()):3}/{total:<3} {sum(hits.values()) / total:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
