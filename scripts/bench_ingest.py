#!/usr/bin/env python3
"""Benchmark: analyse generated JSONL corpora of growing size; report throughput and peak memory.

    .venv/bin/python scripts/bench_ingest.py [--sizes 1000,10000] [--workers 1] [--nlp] [--work DIR]

Peak memory is the child process's maximum resident set size (resource.getrusage), so a
flat figure across sizes shows that the input is streamed, never loaded whole.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)


def bench(n: int, work: str, workers: int, nlp: bool) -> dict:
    corpus = os.path.join(work, f"corpus-{n}.jsonl")
    if not os.path.exists(corpus):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), "--n", str(n),
                        "--format", "jsonl", "--seed", "11", "--out", corpus, "--quiet"], check=True)
    db = os.path.join(work, f"bench-{n}.duckdb")
    if os.path.exists(db):
        os.remove(db)
    cmd = [os.path.join(BIN, "newsgraph"), "analyze", corpus, "--db", db, "--workers", str(workers)]
    cmd += [] if nlp else ["--no-nlp"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    size = os.path.getsize(corpus)
    return {"articles": n, "input_mb": round(size / 1e6, 1), "workers": workers, "nlp": nlp,
            "seconds": round(took, 1), "articles_per_s": round(n / took, 1),
            "mb_per_s": round(size / 1e6 / took, 2),
            "peak_rss_mb": round(peak_kb / 1024, 0) if peak_kb > before else None,
            "exit": done.returncode, "summary": done.stderr.strip().splitlines()[-1]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--nlp", action="store_true")
    parser.add_argument("--work", default="/tmp/ng-bench")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    # each size runs in a fresh child, so ru_maxrss (a maximum over children) grows with the
    # sizes in order only if memory grows with the input
    for n in [int(x) for x in args.sizes.split(",")]:
        print(json.dumps(bench(n, args.work, args.workers, args.nlp)), flush=True)
    if not args.keep:
        shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
