#!/usr/bin/env python3
"""Story clustering on labelled sets, fast: the NLP stage once per set (kept), the corpus stage per run.

    .venv/bin/python scripts/eval_stories_fast.py build --cache DIR SETDIR ...
    .venv/bin/python scripts/eval_stories_fast.py run --cache DIR SETDIR ... [--log FILE.json] [--workers 2]

SETDIR holds a rebuilt labelled set (`scripts/realnews_build.py`: articles.jsonl, as published, and
articles_dated.jsonl). `build` analyses both files with NLP and the corpus stage off
(NEWSGRAPH_STORIES=0) into DIR/<set>-p.duckdb and DIR/<set>-d.duckdb; `run` copies each store,
runs the corpus stage of the working tree in-process (`corpus.update.update`) and prints BCubed F1
dated / as published and the near-copy pairs (sure pairs: doubted members left out, the blind
re-readings of `scripts/data/realnews/adjudicated.jsonl` applied), as `eval_stories.py` scores them.
A change to the corpus stage (stories, copies) is measured on sixteen sets in a few minutes; a
change to the NLP stage needs `build` again. `--log` keeps each article's predicted story, to compare
two runs.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval_stories as es  # noqa: E402
from eval_dedup import components  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADJUDICATED = os.path.join(ROOT, "scripts", "data", "realnews", "adjudicated.jsonl")
VARIANTS = {"d": "articles_dated.jsonl", "p": "articles.jsonl"}


def _name(setdir: str) -> str:
    return os.path.basename(os.path.normpath(setdir))


def build(cache: str, setdir: str) -> None:
    os.makedirs(cache, exist_ok=True)
    for v, file in VARIANTS.items():
        work = tempfile.mkdtemp(prefix="newsgraph-fast-")
        try:
            data = es.labelled(os.path.join(setdir, file), work)
            if data is None:
                print(f"skipped {setdir}/{file}: absent", file=sys.stderr)
                continue
            es.analyze(data[0], os.path.join(cache, f"{_name(setdir)}-{v}.duckdb"), nlp=True, stories=False)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(f"built {_name(setdir)}-{v}", flush=True)


def _copy_pairs(con, wire: dict[str, str], doubt: set[str], urls: list[str],
                judged: dict[tuple[str, str], str]) -> tuple[set, set]:
    """Predicted and labelled same-text pairs, as `eval_stories.near_copy_pairs(sure=True)` counts them."""
    url_of = dict(con.execute("SELECT id, url FROM articles").fetchall())
    known = set(urls)
    edges = [(url_of.get(a), url_of.get(b)) for a, b, kind in
             con.execute("SELECT article_id, other_id, type FROM links").fetchall() if kind in ("copy", "near_copy")]
    group = components(urls, [(a, b) for a, b in edges if a in known and b in known])
    pred = {(a, b) for a in urls for b in urls if a < b and group[a] == group[b]}
    gold = {(a, b) for a in urls for b in urls if a < b and wire.get(a) and wire.get(a) == wire.get(b)}
    read = {p for p in judged if p[0] in known and p[1] in known}
    gold = (gold - read) | {p for p in read if judged[p] in es.SAME_SOURCE}
    keep = (lambda x: not doubt & set(x) or x in judged)
    return {x for x in pred if keep(x)}, {x for x in gold if keep(x)}


def _run_one(job: tuple[str, str, str]) -> tuple[str, str, dict, dict, tuple[set, set]]:
    import duckdb

    from newsgraph.corpus import update

    cache, setdir, v = job
    story, wire, doubt = es.read_labels(os.path.join(setdir, VARIANTS[v]))
    judged = {}
    with open(ADJUDICATED, encoding="utf-8") as f:
        for r in map(json.loads, filter(str.strip, f)):
            judged[(min(r["url_a"], r["url_b"]), max(r["url_a"], r["url_b"]))] = r["verdict"]
    fd, tmp = tempfile.mkstemp(suffix=".duckdb")
    os.close(fd)
    shutil.copy(os.path.join(cache, f"{_name(setdir)}-{v}.duckdb"), tmp)
    try:
        con = duckdb.connect(tmp)
        update.update(con)
        pred = dict(con.execute("""SELECT a.url, c.story_id FROM articles a
                                   JOIN corpus_articles c ON c.article_id = a.id""").fetchall())
        pairs = _copy_pairs(con, wire, doubt, sorted(pred), judged) if v == "d" else (set(), set())
        con.close()
    finally:
        os.remove(tmp)
    return setdir, v, es.bcubed(pred, story), pred, pairs


def run(cache: str, setdirs: list[str], workers: int, log: str | None) -> int:
    missing = [f"{_name(s)}-{v}" for s in setdirs for v in VARIANTS
               if not os.path.exists(os.path.join(cache, f"{_name(s)}-{v}.duckdb"))]
    if missing:
        print(f"error: no analysed store in {cache} for {', '.join(missing)}: run `build` first", file=sys.stderr)
        return 2
    jobs = [(cache, s, v) for s in setdirs for v in VARIANTS]
    out = {}
    with ProcessPoolExecutor(workers) as pool:
        for setdir, v, score, pred, pairs in pool.map(_run_one, jobs):
            out[(setdir, v)] = (score, pred, pairs)
    dated, published, tp, npred, ngold = [], [], 0, 0, 0
    for s in setdirs:
        d, p = out[(s, "d")][0], out[(s, "p")][0]
        pred, gold = out[(s, "d")][2]
        tp, npred, ngold = tp + len(pred & gold), npred + len(pred), ngold + len(gold)
        dated.append(d["f1"])
        published.append(p["f1"])
        print(f"{_name(s):>10}: dated F1 {d['f1']:.3f} (P {d['precision']:.3f} R {d['recall']:.3f})  "
              f"as published {p['f1']:.3f}  near copies {len(pred & gold)} of {len(pred)} predicted, "
              f"{len(gold)} labelled")
    print(f"mean F1 dated {sum(dated) / len(dated):.4f}, as published {sum(published) / len(published):.4f}; "
          f"near copies pooled P {tp / npred if npred else 1:.3f} R {tp / ngold if ngold else 1:.3f}")
    if log:
        with open(log, "w", encoding="utf-8") as f:
            json.dump({_name(s): {v: out[(s, v)][1] for v in VARIANTS} for s in setdirs}, f)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("build", "run"))
    parser.add_argument("sets", nargs="+", help="folders of rebuilt labelled sets")
    parser.add_argument("--cache", required=True, help="where the analysed stores are kept")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--log", help="run: write each article's predicted story here (JSON)")
    args = parser.parse_args()
    if args.command == "run":
        return run(args.cache, args.sets, args.workers, args.log)
    for s in args.sets:
        build(args.cache, s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
