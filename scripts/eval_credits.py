#!/usr/bin/env python3
"""Agency credits (newsgraph.ingest.credits): precision and recall of the (page, agency) pairs the
engine reads from each page against labels read blind from the same pages.

    .venv/bin/python scripts/eval_credits.py SET=ARTICLES.jsonl ... [--labels FILE] [--errors]

SET is the set number the labels give (10, 13, ...); ARTICLES.jsonl that set rebuilt by
scripts/realnews_build.py (the pages are not kept in the repository). Labels: one row per page,
`set, url, credit, doubt, note` (credit: agency keys joined by '+', empty for none; doubt 1: the
reader was unsure). Scored twice: every page, and the sure ones alone (doubted pages left out).
Only the agencies of the engine's table are scored (the labels name no others); the other sources
the engine reads from wire datelines ("LAS VEGAS (KTNV) -") are counted apart. Pages of sets not
given are skipped.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))

from newsgraph.articles import make_article  # noqa: E402
from newsgraph.ingest.credits import agencies  # noqa: E402
from newsgraph.ingest.jsonl import read_jsonl  # noqa: E402
from newsgraph.records import Article, InputError  # noqa: E402

LABELS = os.path.join(ROOT, "scripts", "data", "realnews", "credits_labels.tsv")


def read_labels(path: str) -> dict[tuple[str, str], tuple[set[str], bool]]:
    out = {}
    with open(path, encoding="utf-8") as fh:
        for row in csv.reader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"):
            out[(row[0], row[1])] = (set(filter(None, row[2].split("+"))), row[3] == "1")
    return out


def score(pairs: list[tuple[set[str], set[str]]]) -> dict[str, float | int]:
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return {"pages": len(pairs), "credits": tp + fn, "found": tp + fp, "precision": round(prec, 3),
            "recall": round(rec, 3), "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", help="SET=ARTICLES.jsonl")
    ap.add_argument("--labels", default=LABELS)
    ap.add_argument("--errors", action="store_true", help="list the wrong and missed credits (stderr)")
    args = ap.parse_args()
    if not os.path.exists(args.labels):
        print(f"skipped: no labels at {args.labels}")
        return 0
    labels = read_labels(args.labels)
    every, sure, others = [], [], []
    known = set(agencies().full)
    for item in args.sets:
        name, _, path = item.partition("=")
        if not os.path.exists(path):
            print(f"skipped set {name}: {path} is absent")
            continue
        for doc in read_jsonl(path, 50_000_000):  # each page made into an article as `analyze` makes it
            a = doc if isinstance(doc, InputError) else make_article(doc)
            if not isinstance(a, Article):
                print(f"  {path}: {a.reason}", file=sys.stderr)
                continue
            if (name, a.url) in labels:
                gold, doubt = labels[(name, a.url)]
                found = {k for k in a.credits if k in known}
                others += [k for k in a.credits if k not in known]
                every.append((gold, found))
                if not doubt:
                    sure.append((gold, found))
                if args.errors and gold != found:
                    print(f"  set {name}{' (doubted)' if doubt else ''}: gold {'+'.join(sorted(gold)) or '-'} "
                          f"found {'+'.join(sorted(found)) or '-'}  {a.url}", file=sys.stderr)
    print(json.dumps({"every page": score(every), "sure pages": score(sure),
                      "other dateline sources": {"pages": len(others), "names": sorted(set(others))}}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
