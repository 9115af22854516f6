#!/usr/bin/env python3
"""Run newsgraph on a development set in ../shared/dev and score it with score_dev.py.

    .venv/bin/python scripts/eval_dev.py quotes|events [--shared ../shared] [--keep DIR] [--workers N]

Exits 0 with a note when ../shared is absent.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = {"quotes": ("articles", "quotes"), "events": ("articles", "events")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("task", choices=sorted(TABLES))
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--keep", help="write the database and exports here")
    parser.add_argument("--workers", default="1")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    scorer = os.path.join(args.shared, "eval", "score_dev.py")
    if not os.path.exists(scorer) or not os.path.isdir(os.path.join(args.shared, "dev")):
        print(f"skipped: no dev data or scorer under {args.shared}")
        return 0
    work = args.keep or tempfile.mkdtemp(prefix=f"newsgraph-dev-{args.task}-")
    os.makedirs(work, exist_ok=True)
    inputs, db = os.path.join(work, "input.jsonl"), os.path.join(work, "dev.duckdb")
    if os.path.exists(db):
        os.remove(db)
    ng = os.path.join(os.path.dirname(sys.executable), "newsgraph")
    subprocess.run([sys.executable, scorer, "make-input", args.task, inputs], check=True)
    subprocess.run([ng, "analyze", inputs, "--db", db, "--workers", args.workers], check=True)
    for table in TABLES[args.task]:
        done = subprocess.run([ng, "export", table, "--db", db, "-o", os.path.join(work, f"{table}.jsonl")],
                              capture_output=True, text=True)
        if done.returncode:
            print(f"note: no {table} export ({done.stderr.strip()})")
    code = subprocess.run([sys.executable, scorer, args.task, work] + (["--json"] if args.json else [])).returncode
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
