#!/usr/bin/env python3
"""Benchmark the corpus stage alone (copies, near copies, rewrites, stories, then the per-story
refresh) on generated corpora of growing size: seconds, articles/s and peak memory.

    .venv/bin/python scripts/bench_corpus.py [--sizes 10000,30000,100000] [--skip-refresh] [--days D]
                                             [--work DIR] [--keep]

For each size: scripts/gen_corpus.py writes N articles (seed 11, ~3% near copies, ~2% rewrites)
over 365 days, so a larger corpus is also a busier news day; `--days` sets the period, and
`--days 0` makes it grow with the corpus (one day per 27 articles, 10,000 articles a year);
`newsgraph analyze --no-nlp` stores them with the corpus stage off (NEWSGRAPH_STORIES=0); then a
fresh child process opens the store and times `newsgraph.corpus.update.update` on its connection.
The child reports the whole stage and, separately, the part before the per-story refresh
(duplicates and story clustering: signatures, LSH lookups, rewrite checks, story assignment and
the corpus tables) and the refresh (event clusters, claims, summaries of every touched story).
Peak RSS is the child's own maximum resident set size (imports, DuckDB's cache and the stage).
CPU seconds are the child's (all its threads): on a shared machine wall time also counts the
time other processes held the cores, so `load_avg` (1-minute load average as the stage ended)
says how busy it was. One JSON line per size.
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
NG = os.path.join(os.path.dirname(sys.executable), "newsgraph")


def stage(db: str, skip_refresh: bool = False) -> dict:
    """Run in the child: time update() on the store, split into clustering and refresh (skipped
    with --skip-refresh: duplicates and story clustering only)."""
    from newsgraph.config import load_settings
    from newsgraph.corpus import update as up
    from newsgraph.store.store import Store

    spent = {"refresh": 0.0, "refresh_cpu": 0.0, "refreshed": 0}
    real_refresh = up.refresh_stories

    def timed_refresh(con, ids):
        t, c = time.perf_counter(), time.process_time()
        if not skip_refresh:
            real_refresh(con, ids)
        spent["refresh"] += time.perf_counter() - t
        spent["refresh_cpu"] += time.process_time() - c
        spent["refreshed"] += len(ids)
    up.refresh_stories = timed_refresh
    marks: list[tuple[int, float]] = []  # (articles done, CPU seconds) after each chunk

    def progress(done: int, total: int) -> None:
        marks.append(((marks[-1][0] if marks else 0) + done, time.process_time()))
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with Store(db, memory_limit=load_settings().db_memory) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        report = store.update_corpus(up.update, progress)
        took, cpu = time.perf_counter() - t0, time.process_time() - c0
        counts = store.con.execute("""SELECT (SELECT count(*) FROM stories),
            (SELECT count(*) FROM links WHERE type IN ('copy', 'near_copy')),
            (SELECT count(*) FROM links WHERE type = 'rewrite')""").fetchone()
    n = report.articles
    cluster = took - spent["refresh"]
    return {"articles": n, "stage_s": round(took, 1), "stage_articles_per_s": round(n / took, 1),
            "dedup_stories_s": round(cluster, 1), "dedup_stories_articles_per_s": round(n / cluster, 1),
            "dedup_stories_cpu_s": round(cpu - spent["refresh_cpu"], 1),
            "refresh_cpu_s": round(spent["refresh_cpu"], 1),
            "refresh_s": round(spent["refresh"], 1), "stories_refreshed": spent["refreshed"],
            "stories": counts[0], "near_copy_links": counts[1], "rewrite_links": counts[2],
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "rss_before_stage_mb": round(rss0 / 1024), "load_avg": round(os.getloadavg()[0], 1),
            **_tenths(marks, c0)}


def _tenths(marks: list[tuple[int, float]], cpu0: float) -> dict:
    """CPU milliseconds per article in the first and the last tenth of the articles (chunks whole):
    a cost that grows with the stored corpus shows as a last tenth dearer than the first."""
    if not marks:
        return {}
    n = marks[-1][0]
    first = next(m for m in marks if m[0] >= n / 10)
    start = max((m for m in marks if m[0] <= n - n / 10), default=(0, cpu0))
    return {"cpu_ms_per_article_first_tenth": round(1000 * (first[1] - cpu0) / first[0], 2),
            "cpu_ms_per_article_last_tenth": round(1000 * (marks[-1][1] - start[1]) / (n - start[0]), 2)}


def bench(n: int, work: str, skip_refresh: bool = False, days: int = 365) -> dict:
    days = days or max(1, round(n * 365 / 10000))
    name = f"corpus-{n}" if days == 365 else f"corpus-{n}-{days}d"
    corpus = os.path.join(work, f"{name}.jsonl")
    if not os.path.exists(corpus):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), "--n", str(n),
                        "--days", str(days), "--format", "jsonl", "--seed", "11", "--out", corpus, "--quiet"],
                       check=True)
    db = os.path.join(work, f"{name}.duckdb")
    ingested = db + ".ingested"
    ingest_s = None
    if not os.path.exists(ingested):
        if os.path.exists(db):
            os.remove(db)
        t0 = time.perf_counter()
        subprocess.run([NG, "analyze", corpus, "--db", db, "--no-nlp"], check=True,
                       env=dict(os.environ, NEWSGRAPH_STORIES="0"), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        ingest_s = round(time.perf_counter() - t0, 1)
        shutil.copy(db, ingested)
    else:
        shutil.copy(ingested, db)
    child = [sys.executable, os.path.abspath(__file__), "--stage", db] + (["--skip-refresh"] if skip_refresh else [])
    done = subprocess.run(child,
                          check=True, capture_output=True, text=True)
    row = json.loads(done.stdout.strip().splitlines()[-1])
    return {"size": n, "days": days, "refresh": not skip_refresh, "ingest_no_nlp_s": ingest_s, **row}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--work", default="/tmp/ng-bench-corpus")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and databases")
    parser.add_argument("--skip-refresh", action="store_true",
                        help="time duplicates and story clustering only (no event clusters, claims, summaries)")
    parser.add_argument("--days", type=int, default=365,
                        help="days the generated articles span (0: one per 27 articles, a constant news day)")
    parser.add_argument("--stage", help=argparse.SUPPRESS)  # child: time the stage on this database
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(stage(args.stage, args.skip_refresh)), flush=True)
        return 0
    os.makedirs(args.work, exist_ok=True)
    try:
        for n in [int(x) for x in args.sizes.split(",")]:
            print(json.dumps(bench(n, args.work, args.skip_refresh, args.days)), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
