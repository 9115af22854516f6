#!/usr/bin/env python3
"""Story clustering: BCubed precision/recall/F1 of the articles export's `story_id` against
reference story labels.

    .venv/bin/python scripts/eval_stories.py [DATASET ...] [--nlp] [--sweep] [--by-day] [--synthetic-n 2000] [--json]

Datasets (all by default; those whose files are absent are skipped with a note):

  * polnear     the 84 PolNeAR dev articles (../shared/dev/polnear), labelled by hand in
                scripts/data/polnear_stories.tsv (file name -> story, topic; no text). Scored
                against both columns: `polnear` (story) and `polnear:topic` (looser).
  * synthetic   scripts/gen_corpus.py --n N --truth: the generator's story_id.
  * examples    the bundled examples/ corpus (txt, html, jsonl, warc): all one story.
  * seeds       ../shared/seeds: the five seed pages, all one story.
  * FILE.jsonl  any labelled set of real articles kept outside the repository: one article a line
                with the engine's input fields (url, title, text, published, outlet) plus `story`
                (the reference label) and optionally `wire` (articles that are the same syndicated
                text share it; scored as near-copy groups against the copy/near_copy links) and
                `wire_doubt` (true: a spun or reworded member; its pairs are also scored apart).
                --adjudicated PAIRS.jsonl: pairs read again blind replace the wire labels in that
                second score (verdict copy or version: one source; paraphrase, independent: not).

Each dataset goes through the real engine (`newsgraph analyze`, `--no-nlp` unless --nlp, then
`newsgraph export articles`). With --sweep the stored articles are re-clustered in-process at
other values of stories.JOIN and stories.WINDOW_DAYS (the module constants are set for the run
only; the per-story refresh is skipped since it does not change story ids). With --by-day a dataset
read from JSON Lines (labelled sets, polnear, synthetic) is read as a daily feed: one `analyze`
run per published day into one store, undated last.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = os.path.join(ROOT, "scripts", "data", "polnear_stories.tsv")
NG = os.path.join(os.path.dirname(sys.executable), "newsgraph")


# --------------------------------------------------------------------------- scoring
def bcubed(pred: dict[str, str], gold: dict[str, str]) -> dict:
    """BCubed precision/recall/F1 over the items present in both mappings."""
    items = sorted(set(pred) & set(gold))
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        cp, cg = by_pred[pred[i]], by_gold[gold[i]]
        both = len(cp & cg)
        p += both / len(cp)
        r += both / len(cg)
    n = len(items) or 1
    p, r = p / n, r / n
    return {"items": len(items), "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "gold_stories": len(by_gold), "predicted_stories": len(by_pred)}


# --------------------------------------------------------------------------- datasets
def polnear(shared: str, work: str) -> tuple[list[str], dict[str, dict[str, str]]] | None:
    folder = os.path.join(shared, "dev", "polnear")
    if not os.path.isdir(os.path.join(folder, "text")):
        return None
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    from eval_dedup import load_polnear

    arts = load_polnear(folder)
    labels = {}
    with open(LABELS, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, story, topic = line.rstrip("\n").split("\t")
                labels[name] = (story, topic)
    src = os.path.join(work, "polnear.jsonl")
    story, topic = {}, {}
    with open(src, "w", encoding="utf-8") as f:
        for a in arts:
            url = f"https://{a['outlet']}.example/{a['name']}"
            f.write(json.dumps({"url": url, "title": a["title"], "text": "\n\n".join(a["paras"]),
                                "outlet": a["outlet"], "published": a["published"]}, ensure_ascii=False) + "\n")
            s, t = labels.get(a["name"], (a["name"], a["name"]))
            story[url], topic[url] = s, t
    return [src], {"polnear": story, "polnear:topic": topic}


def synthetic(n: int, work: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    src, truth = os.path.join(work, f"synthetic-{n}.jsonl"), os.path.join(work, f"synthetic-{n}-truth.jsonl")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), "--n", str(n), "--format",
                    "jsonl", "--seed", "5", "--out", src, "--truth", truth, "--quiet"], check=True)
    with open(truth, encoding="utf-8") as f:
        story = {r["id"]: r["story_id"] for r in map(json.loads, f)}
    with open(src, encoding="utf-8") as f:
        gold = {r["url"]: story[r["id"]] for r in map(json.loads, f)}
    return [src], {f"synthetic-{n}": gold}


def _label(path: str) -> str:
    """A labelled file's name with its folder ('realnews2/articles.jsonl'): sets share file names."""
    return "/".join(os.path.normpath(path).split(os.sep)[-2:])


def read_labels(path: str) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """A labelled JSONL file's labels: url -> story, url -> wire group, the doubted urls."""
    story, wire, doubt = {}, {}, set()
    with open(path, encoding="utf-8") as f:
        for r in map(json.loads, filter(str.strip, f)):
            story[r["url"]] = r["story"]
            if r.get("wire"):
                wire[r["url"]] = r["wire"]
            if r.get("wire_doubt"):
                doubt.add(r["url"])
    return story, wire, doubt


def labelled(path: str, work: str) -> tuple[list[str], dict[str, dict[str, str]], dict[str, str]] | None:
    """A labelled JSONL file: the engine reads it without the labels."""
    if not os.path.exists(path):
        return None
    src = os.path.join(work, _label(path).replace("/", "-"))
    story, wire, doubt = read_labels(path)
    DOUBTS.update(doubt)
    with open(path, encoding="utf-8") as f, open(src, "w", encoding="utf-8") as out:
        for r in map(json.loads, filter(str.strip, f)):
            out.write(json.dumps({k: v for k, v in r.items() if k not in LABEL_FIELDS}, ensure_ascii=False) + "\n")
    return [src], {_label(path): story}, wire


LABEL_FIELDS = ("story", "wire", "wire_doubt")
DOUBTS: set[str] = set()  # articles whose wire label the set's author doubted (a spun or reworded copy)
ADJUDICATED: dict[tuple[str, str], str] = {}  # (url, url) sorted -> verdict of a blind second reading
SAME_SOURCE = ("copy", "version")  # verdicts that make a pair one text: a copy or a version of it


def load_adjudicated(path: str) -> None:
    """--adjudicated FILE.jsonl: {"url_a", "url_b", "verdict"} per pair read again blind (copy,
    version, paraphrase or independent)."""
    with open(path, encoding="utf-8") as f:
        for r in map(json.loads, filter(str.strip, f)):
            ADJUDICATED[(min(r["url_a"], r["url_b"]), max(r["url_a"], r["url_b"]))] = r["verdict"]


def near_copy_pairs(db: str, wire: dict[str, str], urls: list[str],
                    types: tuple[str, ...] = ("copy", "near_copy"), sure: bool = False, errors: bool = False) -> dict:
    """Pairwise precision/recall of the groups that links of these types make (connected
    components) against the `wire` groups; articles without a wire key are their own group.
    `sure`: leave out the pairs of articles marked `wire_doubt` and apply --adjudicated; `errors`:
    list the wrong pairs."""
    done = subprocess.run([NG, "export", "links", "--db", db], check=True, capture_output=True, text=True)
    arts = subprocess.run([NG, "export", "articles", "--db", db], check=True, capture_output=True, text=True)
    url_of = {r["id"]: r.get("url") for r in map(json.loads, arts.stdout.splitlines())}
    parent = {u: u for u in urls}

    def find(u):
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    direct = set()
    for r in map(json.loads, done.stdout.splitlines()):
        if r["type"] in types:
            a, b = url_of.get(r["article_id"]), url_of.get(r["other_id"])
            if a in parent and b in parent:
                parent[find(a)] = find(b)
                direct.add((min(a, b), max(a, b)))
    pred = {(a, b) for a in urls for b in urls if a < b and find(a) == find(b)}
    gold = {(a, b) for a in urls for b in urls if a < b and wire.get(a) and wire.get(a) == wire.get(b)}
    if sure and ADJUDICATED:  # a blind second reading of some pairs overrides the set's wire labels
        judged = {p for p in ADJUDICATED if p[0] in parent and p[1] in parent}
        gold = (gold - judged) | {p for p in judged if ADJUDICATED[p] in SAME_SOURCE}
    if sure:  # pairs with a doubted member count neither way, unless adjudicated
        keep = (lambda x: not DOUBTS & set(x) or x in ADJUDICATED)
        pred, gold, direct = ({x for x in pairs if keep(x)} for pairs in (pred, gold, direct))
    if errors:
        wrong = (("missed", gold - pred), ("false", pred - gold), ("not linked directly", (gold & pred) - direct))
        for kind, pairs in wrong:
            for a, b in sorted(pairs):
                print(f"  {kind}: {a}  {b}" + ("  (doubted)" if DOUBTS & {a, b} else ""), file=sys.stderr)
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    return {"gold_pairs": len(gold), "predicted_pairs": len(pred), "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            # the same pairs read off the links themselves, without joining them into groups
            "direct_links": len(direct), "direct_precision": round(len(direct & gold) / len(direct), 4) if direct
            else 1.0, "direct_recall": round(len(direct & gold) / len(gold), 4) if gold else 1.0}


def one_story(name: str, paths: list[str]) -> tuple[list[str], dict[str, dict[str, str]]] | None:
    paths = [p for p in paths if os.path.exists(p)]
    return (paths, {name: defaultdict(lambda: "the-story")}) if paths else None


# --------------------------------------------------------------------------- running
def analyze(paths: list[str], db: str, nlp: bool, stories: bool = True, by_day: bool = False) -> None:
    """`newsgraph analyze` of `paths` into a new `db`; `by_day`: JSON Lines inputs one published day
    at a time (undated articles last), one run each into the same store, as a daily feed is read."""
    if os.path.exists(db):
        os.remove(db)
    batches = _days(paths, db) if by_day else [paths]
    env = dict(os.environ, NEWSGRAPH_STORIES="1" if stories else "0")
    for batch in batches:
        done = subprocess.run([NG, "analyze", *batch, "--db", db] + ([] if nlp else ["--no-nlp"]), env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        failed = [line for line in done.stderr.splitlines() if line.startswith("failed:")]
        for line in failed:  # an input the engine refuses is reported and left out of the scores
            print(f"note: {line}", file=sys.stderr)
        if done.returncode and not (failed and os.path.exists(db)):
            raise subprocess.CalledProcessError(done.returncode, done.args, stderr=done.stderr)


def _days(paths: list[str], db: str) -> list[list[str]]:
    """The articles of JSON Lines `paths` split into one file per published day, in date order."""
    days: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in filter(str.strip, f):
                days[json.loads(line).get("published") or "9999-99-99"].append(line.rstrip("\n"))
    out = []
    for k, day in enumerate(sorted(days)):
        name = f"{db}.day{k:04d}.jsonl"
        with open(name, "w", encoding="utf-8") as f:
            f.write("\n".join(days[day]) + "\n")
        out.append([name])
    return out


def exported_stories(db: str) -> dict[str, str]:
    done = subprocess.run([NG, "export", "articles", "--db", db], check=True, capture_output=True, text=True)
    out = {}
    for line in done.stdout.splitlines():
        r = json.loads(line)
        key = r.get("url") or r.get("path") or r["source"]
        out[key] = r["story_id"]
    return out


def restrict(pred: dict[str, str], gold) -> dict[str, str]:
    """A defaultdict gold (one story for every article) covers whatever was read."""
    return {k: gold[k] for k in pred} if isinstance(gold, defaultdict) else gold


def recluster(db: str, join: float, window: int) -> dict[str, str]:
    """Story ids of the stored articles with other JOIN / WINDOW_DAYS (in-process, on a copy)."""
    import duckdb

    from newsgraph.corpus import stories as st
    from newsgraph.corpus import update as up

    copy = db + f".sweep-{join}-{window}.duckdb"
    shutil.copy(db, copy)
    saved = st.JOIN, st.WINDOW_DAYS, up.WINDOW_DAYS, up.refresh_stories
    st.JOIN, st.WINDOW_DAYS, up.WINDOW_DAYS, up.refresh_stories = join, window, window, lambda con, ids: None
    try:
        con = duckdb.connect(copy)
        up.update(con)
        rows = con.execute("""SELECT coalesce(a.url, a.path, a.source), c.story_id FROM articles a
                              JOIN corpus_articles c ON c.article_id = a.id""").fetchall()
        con.close()
    finally:
        st.JOIN, st.WINDOW_DAYS, up.WINDOW_DAYS, up.refresh_stories = saved
        os.remove(copy)
    return dict(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="*", default=["polnear", "synthetic", "examples", "seeds"])
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--synthetic-n", type=int, default=2000)
    parser.add_argument("--nlp", action="store_true", help="analyse with NLP (entities become story terms)")
    parser.add_argument("--sweep", action="store_true", help="also score other JOIN / WINDOW_DAYS values")
    parser.add_argument("--joins", default="0.2,0.25,0.3,0.35,0.4")
    parser.add_argument("--windows", default="3,5,10,20")
    parser.add_argument("--keep", help="keep the inputs and databases here")
    parser.add_argument("--by-day", action="store_true", help="JSON Lines datasets: one `analyze` run per published "
                        "day (undated last) into one store, as a daily feed is read")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list missed and false near-copy pairs (stderr)")
    parser.add_argument("--adjudicated", help="JSONL of pairs read again blind (url_a, url_b, verdict): their "
                                              "verdict replaces the wire labels (copy/version: one source)")
    args = parser.parse_args()
    if args.adjudicated:
        load_adjudicated(args.adjudicated)
    work = args.keep or tempfile.mkdtemp(prefix="newsgraph-stories-")
    os.makedirs(work, exist_ok=True)
    results = {}
    try:
        for name in args.datasets:
            if name == "polnear":
                data = polnear(args.shared, work)
            elif name == "synthetic":
                data = synthetic(args.synthetic_n, work)
            elif name == "examples":
                ex = os.path.join(ROOT, "examples")
                data = one_story("examples", [os.path.join(ex, d) for d in ("txt", "html", "jsonl", "warc")])
            elif name == "seeds":
                data = one_story("seeds", [os.path.join(args.shared, "seeds")])
            elif name.endswith(".jsonl"):
                data = labelled(name, work)
                if data is not None:
                    data, wire = data[:2], data[2]
            else:
                parser.error(f"unknown dataset {name!r}")
            if data is None:
                print(f"skipped {name}: its files are absent", file=sys.stderr)
                continue
            paths, golds = data
            db = os.path.join(work, f"{_label(name).replace('/', '-')}.duckdb")
            analyze(paths, db, args.nlp, by_day=args.by_day and all(p.endswith(".jsonl") for p in paths))
            pred = exported_stories(db)
            for label, gold in golds.items():
                results[label] = bcubed(pred, restrict(pred, gold))
            if name.endswith(".jsonl"):
                results[_label(name) + " near copies"] = near_copy_pairs(db, wire, sorted(pred), errors=args.errors)
                if DOUBTS & set(pred) or ADJUDICATED:
                    results[_label(name) + " near copies, doubted left out, adjudicated"] = near_copy_pairs(
                        db, wire, sorted(pred), sure=True)
                results[_label(name) + " near copies and rewrites"] = near_copy_pairs(
                    db, wire, sorted(pred), ("copy", "near_copy", "rewrite"))
            if args.sweep:
                analyze(paths, db, args.nlp, stories=False)
                for window in map(int, args.windows.split(",")):
                    for join in map(float, args.joins.split(",")):
                        pred = recluster(db, join, window)
                        for label, gold in golds.items():
                            s = bcubed(pred, restrict(pred, gold))
                            results.setdefault(label + " sweep", {})[f"JOIN={join} WINDOW={window}"] = (
                                f"P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
                                f"stories={s['predicted_stories']}/{s['gold_stories']}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(results))
        return 0
    for label, res in results.items():
        if label.endswith(" sweep"):
            print(f"{label}:")
            for k, v in res.items():
                print(f"  {k}: {v}")
        else:
            print(f"{label}: {json.dumps(res)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
