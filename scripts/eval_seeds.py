#!/usr/bin/env python3
"""Run newsgraph on the seed articles in ../shared/seeds and score the exports.

    .venv/bin/python scripts/eval_seeds.py [--shared ../shared] [--keep DIR] [--json]

Analyses the seeds into a fresh database, exports articles, entities, quotes and events
(whichever tables exist), and runs ../shared/eval/score_seeds.py on them. Exits 0 with a
note when ../shared is absent.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = ("articles", "entities", "quotes", "events")


def newsgraph() -> list[str]:
    exe = os.path.join(os.path.dirname(sys.executable), "newsgraph")
    return [exe] if os.path.exists(exe) else [sys.executable, "-m", "newsgraph.cli"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--keep", help="write the database and exports here instead of a temp dir")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args()
    seeds = os.path.join(args.shared, "seeds")
    scorer = os.path.join(args.shared, "eval", "score_seeds.py")
    if not (os.path.isdir(seeds) and os.path.exists(scorer)):
        print(f"skipped: no seeds or scorer under {args.shared}")
        return 0
    work = args.keep or tempfile.mkdtemp(prefix="newsgraph-seeds-")
    os.makedirs(work, exist_ok=True)
    db = os.path.join(work, "seeds.duckdb")
    if os.path.exists(db):
        os.remove(db)
    ng = newsgraph()
    subprocess.run(ng + ["analyze", seeds, "--db", db], check=True)
    for table in TABLES:
        out = os.path.join(work, f"{table}.jsonl")
        done = subprocess.run(ng + ["export", table, "--db", db, "-o", out],
                              capture_output=True, text=True)
        if done.returncode != 0 and os.path.exists(out):
            os.remove(out)
    cmd = [sys.executable, scorer, work] + (["--json"] if args.json else [])
    result = subprocess.run(cmd, check=False).returncode
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


if __name__ == "__main__":
    sys.exit(main())
