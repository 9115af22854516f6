#!/usr/bin/env python3
"""Corroboration against wire labels: do claims counted as confirmed by independent outlets rest on
outlets that are independent?

    .venv/bin/python scripts/eval_corroboration.py SETN/articles_dated.jsonl ... [--db-dir DIR] [--show N]

Each labelled set (rebuilt by scripts/realnews_build.py; its pages carry `wire`, the wire text a
page runs, labelled blind by the set's author) is analysed with NLP into a fresh store. For every
claim the engine counts as confirmed (`independent_outlets` >= 2: event clusters, statements
grouped across outlets, facts, quotes), its supporting articles are grouped as the labels group
them: pages of one wire group are one source, every other page its own outlet's. A claim is
over-counted when the engine counts more independent outlets than those groups; and a claim the
engine flags single-source while its outlets are several is counted when the groups hold two or
more (an upper bound on under-counting: pages of one text that no wire label joins, content farms
copying each other, count as separate groups). Read twice: with every wire label, and with the
sure ones alone (a page whose label the author doubted, a reworded or spun copy, counts as its own
outlet's). Prints, per set and pooled: claims confirmed, over-counted (share), single-source
claims of several outlets that labelled groups would confirm.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NG = os.path.join(ROOT, ".venv", "bin", "newsgraph")
LABEL_FIELDS = ("story", "wire", "wire_doubt")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", help="labelled JSONL files")
    ap.add_argument("--db-dir", help="keep the stores here (default: a temporary folder)")
    ap.add_argument("--show", type=int, default=0, help="print this many over-counted claims per set")
    args = ap.parse_args()
    work = args.db_dir or tempfile.mkdtemp(prefix="newsgraph-corroboration-")
    os.makedirs(work, exist_ok=True)
    pooled: Counter[tuple[str, bool]] = Counter()
    for path in args.sets:
        if not os.path.exists(path):
            print(f"skipped: {path} not found")
            continue
        name = os.path.basename(os.path.dirname(path)) or os.path.basename(path)
        rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        src = os.path.join(work, f"{name}.jsonl")
        with open(src, "w", encoding="utf-8") as out:
            for r in rows:
                out.write(json.dumps({k: v for k, v in r.items() if k not in LABEL_FIELDS}, ensure_ascii=False) + "\n")
        db = os.path.join(work, f"{name}.duckdb")
        if os.path.exists(db):
            os.remove(db)
        subprocess.run([NG, "analyze", src, "--db", db], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        for sure in (False, True):
            counts, shown = score(db, rows, args.show, sure)
            pooled.update({(k, sure): v for k, v in counts.items()})
            print(f"{name}, {'sure labels' if sure else 'all labels'}: {line(counts)}")
            for text in shown:
                print(f"    over-counted: {text}")
    if len(args.sets) > 1:
        for sure in (False, True):
            print(f"pooled, {'sure labels' if sure else 'all labels'}: "
                  f"{line(Counter({k: v for (k, s), v in pooled.items() if s == sure}))}")
    return 0


def score(db: str, rows: list[dict], show: int = 0, sure: bool = False) -> tuple[Counter[str], list[str]]:
    group_of = {r.get("url"): (f"wire:{r['wire']}" if r.get("wire") and not (sure and r.get("wire_doubt")) else None)
                for r in rows}
    arts = {r["id"]: r for r in map(json.loads, _export(db, "articles"))}
    counts: Counter[str] = Counter()
    shown = []
    for c in map(json.loads, _export(db, "claims")):
        ids = {e["article_id"] for e in c["evidence"]}
        groups = {group_of.get(arts[a].get("url")) or f"outlet:{arts[a].get('outlet') or a}" for a in ids if a in arts}
        labelled = len(groups)
        if c["independent_outlets"] >= 2:
            counts["confirmed"] += 1
            if c["independent_outlets"] > labelled:
                counts["over"] += 1
                if len(shown) < show:
                    shown.append(f"{c['kind']} {c['independent_outlets']} vs {labelled}: {c['text'][:100]}")
        elif c["outlets"] >= 2:
            counts["single_of_several"] += 1
            if labelled >= 2:
                counts["under"] += 1
    return counts, shown


def line(c: Counter[str]) -> str:
    share = c["over"] / c["confirmed"] if c["confirmed"] else 0.0
    under = c["under"] / c["single_of_several"] if c["single_of_several"] else 0.0
    return (f"claims confirmed {c['confirmed']}, over-counted {c['over']} ({share:.3f}); "
            f"single-source from several outlets {c['single_of_several']}, of labelled separate groups "
            f"{c['under']} ({under:.3f})")


def _export(db: str, table: str) -> list[str]:
    done = subprocess.run([NG, "export", table, "--db", db], check=True, capture_output=True, text=True)
    return done.stdout.splitlines()


if __name__ == "__main__":
    sys.exit(main())
