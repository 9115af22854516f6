#!/usr/bin/env python3
"""Robustness check: 1,000 generated articles plus 20 bad inputs, a re-run, and a run killed
midway then resumed.

    .venv/bin/python scripts/check_robustness.py [--work /tmp/ng-robust] [--no-nlp]

Prints one line per check and exits 1 if any fails.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)


def run(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, **kw)


def count(db: str, sql: str = "SELECT count(*) FROM articles") -> int:
    with duckdb.connect(db, read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def build(work: str) -> tuple[str, int]:
    corpus = os.path.join(work, "corpus")
    gen = [sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), "--quiet"]
    run(gen + ["--n", "500", "--format", "txt", "--seed", "1", "--out", os.path.join(corpus, "txt")], check=True)
    run(gen + ["--n", "300", "--format", "html", "--seed", "2", "--out", os.path.join(corpus, "html")], check=True)
    run(gen + ["--n", "200", "--format", "jsonl", "--seed", "3", "--out",
               os.path.join(corpus, "feed.jsonl")], check=True)
    run([sys.executable, os.path.join(ROOT, "scripts", "make_bad_inputs.py"), os.path.join(corpus, "bad")],
        check=True)
    return corpus, 1000 + 3  # the generated articles and the good lines of bad/mixed.jsonl


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", default="/tmp/ng-robust")
    parser.add_argument("--no-nlp", action="store_true")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    corpus, good = build(args.work)
    ng = [os.path.join(BIN, "newsgraph"), "analyze", corpus] + (["--no-nlp"] if args.no_nlp else [])
    results = []

    db = os.path.join(args.work, "a.duckdb")
    t0 = time.time()
    first = run(ng + ["--db", db])
    took = time.time() - t0
    failed = [ln for ln in first.stderr.splitlines() if ln.startswith("failed:")]
    named = {ln.split(": ", 1)[1].rsplit(": ", 1)[0] for ln in failed}
    stored = count(db)
    results.append(("exit code 1 with bad inputs", first.returncode == 1, first.returncode))
    results.append(("every good article stored (the cp1252 file may be decoded)",
                    stored in (good, good + 1), f"{stored} stored, {good} good"))
    results.append(("each bad input named once", len(failed) == len(set(failed)),
                    f"{len(failed)} failure lines, {len(named)} distinct inputs"))
    bad_files = [ln.split("\t")[0] for ln in open(os.path.join(corpus, "bad", "MANIFEST.tsv"))][1:]
    unnamed = [f for f in bad_files if f not in ("mixed.jsonl", "legacy_cp1252.txt")
               and not any(f"/bad/{f}" in ln for ln in failed)]
    results.append(("every refused bad file named", not unnamed, unnamed or "all named"))

    second = run(ng + ["--db", db])
    results.append(("second run adds nothing", count(db) == stored and " new 0," in second.stderr,
                    second.stderr.strip().splitlines()[-1]))

    db2 = os.path.join(args.work, "b.duckdb")
    proc = subprocess.Popen(ng + ["--db", db2, "--batch-size", "16"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(max(2.0, took * 0.4))
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = count(db2)
    run(ng + ["--db", db2])
    total, distinct = count(db2), count(db2, "SELECT count(DISTINCT source) FROM articles")
    results.append(("killed run keeps committed batches", 0 < partial < stored, f"{partial} stored when killed"))
    results.append(("resumed run stores everything exactly once", total == stored and distinct == total,
                    f"{total} stored, {distinct} distinct sources"))

    for name, ok, detail in results:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    print(f"first run: {took:.1f} s for {stored} articles")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
