#!/usr/bin/env python3
"""How the near-copy measures separate the page pairs read blind (copy, version, paraphrase,
independent), and how candidate rules would score on them.

    .venv/bin/python scripts/eval_copy_rules.py SET/articles.jsonl [...] \
        [--adjudicated scripts/data/realnews/adjudicated.jsonl]

Each set (rebuilt from `scripts/data/realnews/`, see its README) is cleaned by the engine
(`newsgraph analyze --no-nlp`, corpus stage off); for every adjudicated pair found in the sets it
prints the spread (10/25/50/75/90th percentiles) of the own-word 5-shingle containment
(`dedup.contained_share`), the own word-pair containment (`dedup.pair_containment`), the count
of shared own-word shingles and the share of own words in verbatim runs of 12 words or more
(`dedup.run_share`) per verdict, then each rule's true and false positives with copy and
version as one source (positive) and paraphrase and independent as not. The pairs were chosen
mostly where the engine and the labels disagreed, so the rates are not those of a corpus.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

import duckdb
import numpy as np

from newsgraph.corpus import dedup
from newsgraph.corpus.reader import split_sentences

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES = {
    "containment >= 0.45 (in-story rule)": lambda c, p, n, r: c >= 0.45,
    "containment >= 0.45 or verbatim runs >= 0.3 (both in-story rules)": lambda c, p, n, r: c >= 0.45 or r >= 0.3,
    "containment >= 0.3": lambda c, p, n, r: c >= 0.3,
    "containment >= 0.25, word pairs >= 0.45": lambda c, p, n, r: c >= 0.25 and p >= 0.45,
    "containment >= 0.2, word pairs >= 0.4": lambda c, p, n, r: c >= 0.2 and p >= 0.4,
    "shared shingles >= 25, word pairs >= 0.45": lambda c, p, n, r: n >= 25 and p >= 0.45,
    "verbatim runs >= 0.25": lambda c, p, n, r: r >= 0.25,
    "verbatim runs >= 0.2": lambda c, p, n, r: r >= 0.2,
}


def cleaned_texts(path: str) -> dict[str, str]:
    """url -> the engine's cleaned text of each page of a set."""
    work = tempfile.mkdtemp(prefix="newsgraph-rules-")
    db = os.path.join(work, "set.duckdb")
    subprocess.run([sys.executable, "-m", "newsgraph", "analyze", path, "--db", db, "--no-nlp"],
                   capture_output=True, text=True, env=dict(os.environ, NEWSGRAPH_STORIES="0"))
    if not os.path.exists(db):
        raise SystemExit(f"newsgraph analyze stored nothing for {path}")
    with duckdb.connect(db, read_only=True) as con:
        return dict(con.execute("SELECT url, text FROM articles WHERE url IS NOT NULL").fetchall())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", help="labelled sets (articles.jsonl)")
    parser.add_argument("--adjudicated", default=os.path.join(ROOT, "scripts", "data", "realnews", "adjudicated.jsonl"))
    args = parser.parse_args()
    texts: dict[str, str] = {}
    for path in args.sets:
        texts.update(cleaned_texts(path))
    with open(args.adjudicated, encoding="utf-8") as f:
        pairs = [json.loads(line) for line in f if line.strip()]
    own: dict[str, dedup.OwnWords] = {}

    def words(url: str) -> dedup.OwnWords:
        if url not in own:
            own[url] = dedup.own_words_of(texts[url], split_sentences(texts[url]))
        return own[url]

    by_verdict: dict[str, list[tuple[float, float, int, float]]] = defaultdict(list)
    for r in pairs:
        if r["url_a"] in texts and r["url_b"] in texts:
            a, b = words(r["url_a"]), words(r["url_b"])
            by_verdict[r["verdict"]].append((dedup.contained_share(a.full, b.full) or 0.0,
                                             dedup.pair_containment(a, b) or 0.0,
                                             int(np.intersect1d(a.full, b.full, assume_unique=True).size),
                                             dedup.run_share(a, b) or 0.0))
    if not by_verdict:
        print("no adjudicated pair found in these sets")
        return 0
    print(f"{'verdict':<12} {'pairs':>5}  percentiles 10/25/50/75/90")
    for verdict, rows in sorted(by_verdict.items()):
        x = np.array(rows)
        for k, name in enumerate(("containment", "word pairs", "shared shingles", "verbatim runs")):
            q = np.percentile(x[:, k], [10, 25, 50, 75, 90])
            print(f"{verdict if k == 0 else '':<12} {len(rows) if k == 0 else '':>5}  {name:<16} "
                  + " ".join(f"{v:6.0f}" if k == 2 else f"{v:6.2f}" for v in q))
    same = ("copy", "version")
    positives = sum(len(v) for k, v in by_verdict.items() if k in same)
    negatives = sum(len(v) for k, v in by_verdict.items() if k not in same)
    print(f"\nrule (copy and version positive: {positives}; paraphrase and independent negative: {negatives})")
    for name, rule in RULES.items():
        hits = Counter(k for k, rows in by_verdict.items() for row in rows if rule(*row))
        tp = sum(n for k, n in hits.items() if k in same)
        fp = {k: n for k, n in hits.items() if k not in same}
        print(f"  {name:<68} TP {tp:>3}  FP {sum(fp.values()):>3} {fp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
