#!/usr/bin/env python3
"""Benchmark the REST API on an analysed store: the time each endpoint takes to answer, in the
process (FastAPI's test client: no network), over the store's largest stories.

    .venv/bin/python scripts/bench_api.py DB [--stories 5] [--repeat 5]

For each endpoint: the median and the slowest of `--repeat` requests for each of the `--stories`
largest stories (or of their first article), in milliseconds. Every request opens the store
read-only, as the server does. One JSON line per endpoint, then one with the store's size.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time

from fastapi.testclient import TestClient

from newsgraph import Store
from newsgraph.api import create_app

ENDPOINTS = (
    "/api/stats",
    "/api/stories?limit=50",
    "/api/stories/{story}",
    "/api/stories/{story}/briefing",
    "/api/stories/{story}/briefing?format=html",
    "/api/stories/{story}/summary?words=60",
    "/api/tables/claims?story={story}&limit=100",
    "/api/tables/quotes?story={story}&limit=100",
    "/api/tables/articles?q=police&limit=50",
    "/api/articles/{article}",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--stories", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with Store(args.db, read_only=True) as store:
        size = store.query("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories)").fetchone()
        picked = store.query("""SELECT s.id, (SELECT min(article_id) FROM corpus_articles c WHERE c.story_id = s.id)
                                FROM stories s ORDER BY s.articles DESC, s.id LIMIT ?""", [args.stories]).fetchall()
    client = TestClient(create_app(args.db))
    for endpoint in ENDPOINTS:
        times = []
        for story, article in picked:
            path = endpoint.format(story=story, article=article)
            for _ in range(args.repeat):
                start = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")
        print(json.dumps({"endpoint": endpoint, "requests": len(times), "median_ms": round(statistics.median(times), 1),
                          "max_ms": round(max(times), 1)}))
    print(json.dumps({"db": args.db, "articles": size[0], "stories": size[1]}))


if __name__ == "__main__":
    main()
