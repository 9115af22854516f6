#!/usr/bin/env python3
"""How well the multilingual encoder tells two sentences in two languages that state one claim
(`corroborate.CLAIM_ACROSS`), on sentence pairs read blind.

    .venv/bin/python scripts/eval_claims_across.py SETS_DIR [--labels scripts/data/realnews/claims_across.jsonl]

`scripts/data/realnews/claims_across.jsonl` holds 179 pairs of sentences of one story in two
languages (sets 11, 12 and 14; each sentence named by its article's address and the SHA-1 of its
text, no text), drawn from the pairs of two articles' first ten sentences at multilingual cosine
0.3 and above, about thirty from each tenth (0.3–0.4, ..., 0.8 and above), and labelled blind by a
reader who saw neither the engine nor the cosines: `same` (b corroborates a: the same fact, figure
or quote), `partial`, `different`. SETS_DIR holds the rebuilt sets (`realnews11/articles.jsonl`
...; see scripts/data/realnews/README.md): their pages are cleaned by the engine (`newsgraph analyze
--no-nlp`) and split into sentences, and the pairs found again by their hashes. For each threshold
it prints the pairs at or above it by label, as drawn, and weighted by how many of the sets'
pairs each tenth holds (the precision a story's pairs would see). Exits 0 with a note when the sets are absent.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import duckdb
import numpy as np

from newsgraph.clean.language import base
from newsgraph.corpus import corroborate
from newsgraph.corpus.features import multilingual_texts
from newsgraph.corpus.reader import split_sentences

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
THRESHOLDS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85)
TENTHS: collections.Counter = collections.Counter()  # the sets' cross-language pairs per tenth of cosine


def sentences(path: str) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    """(hash -> sentence, story -> urls, url -> language) of a labelled set, cleaned by the engine;
    its stories' cross-language pairs counted per tenth of cosine into TENTHS."""
    with tempfile.TemporaryDirectory(prefix="newsgraph-across-") as work:
        return _sentences(path, work)


def _sentences(path: str, work: str) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    src, db = os.path.join(work, "input.jsonl"), os.path.join(work, "set.duckdb")
    story = {}
    with open(path, encoding="utf-8") as f, open(src, "w", encoding="utf-8") as out:
        for r in map(json.loads, filter(str.strip, f)):
            story[r["url"]] = r["story"]
            out.write(json.dumps({k: v for k, v in r.items() if k not in ("story", "wire")}) + "\n")
    run = subprocess.run([sys.executable, "-m", "newsgraph", "analyze", src, "--db", db, "--no-nlp"],
                         capture_output=True, text=True, env=dict(os.environ, NEWSGRAPH_STORIES="0"))
    if not os.path.exists(db):  # a page the engine refuses is left out; no store at all is a failure
        raise SystemExit(f"newsgraph analyze failed on {path}: {run.stderr.strip() or run.stdout.strip()}")
    with duckdb.connect(db, read_only=True) as con:
        rows = con.execute("SELECT url, text, language FROM articles").fetchall()
    by_hash, members, language = {}, collections.defaultdict(list), {}
    own: dict[str, list[str]] = {}
    for url, text, lang in rows:
        members[story[url]].append(url)
        language[url] = base(lang) or "en"
        own[url] = []
        for a, b in split_sentences(text)[:10]:
            s = text[a:b].strip()
            by_hash[hashlib.sha1(s.encode()).hexdigest()[:16]] = s
            if 8 <= len(s.split()) <= 60:  # the sentences the pairs were drawn from
                own[url].append(s)
    for urls in members.values():  # every pair of two articles' sentences in two languages
        if len({language[u] for u in urls}) < 2:
            continue
        sents = [(u, x) for u in urls for x in own[u]]
        if len(sents) < 2:
            continue
        v = multilingual_texts([x for _, x in sents])
        sim = v @ v.T
        for i, j in zip(*np.triu_indices(len(sents), 1)):
            if language[sents[i][0]] != language[sents[j][0]] and sents[i][0] != sents[j][0]:
                TENTHS[min(int(sim[i, j] * 10), 8)] += 1
    return by_hash, members, language


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets_dir", help="folder holding realnews11/, realnews12/, realnews14/ (rebuilt sets)")
    parser.add_argument("--labels", default=os.path.join(ROOT, "scripts", "data", "realnews", "claims_across.jsonl"))
    args = parser.parse_args()
    rows = [json.loads(line) for line in open(args.labels, encoding="utf-8") if line.strip()]
    texts: dict[str, str] = {}
    for n in sorted({r["set"] for r in rows}):
        path = os.path.join(args.sets_dir, f"realnews{n}", "articles.jsonl")
        if not os.path.exists(path):
            print(f"skipped: set {n} not found at {path}")
            return 0
        texts.update(sentences(path)[0])
    found = [r for r in rows if r["sentence_a"] in texts and r["sentence_b"] in texts]
    labels = dict(collections.Counter(r["label"] for r in found))
    print(f"{len(found)} of {len(rows)} pairs found again; labels {labels}")
    a = multilingual_texts([texts[r["sentence_a"]] for r in found])
    b = multilingual_texts([texts[r["sentence_b"]] for r in found])
    cos = [float(x @ y) for x, y in zip(a, b)]
    # how many pairs each tenth holds in the sets (the draw took about thirty of each)
    tenth = [min(int(c * 10), 8) for c in cos]
    drawn = collections.Counter(tenth)
    print("threshold | drawn pairs at or above: same / partial / different | P(same) | P(same or partial) | "
          "recall of same | weighted: P(same) / P(different)")
    same_total = sum(r["label"] == "same" for r in found)
    for t in THRESHOLDS:
        sel = [(r["label"], k) for r, c, k in zip(found, cos, tenth) if c >= t]
        n = collections.Counter(label for label, _ in sel)
        w = collections.Counter()
        for label, k in sel:  # each drawn pair stands for the pairs of its tenth
            w[label] += TENTHS[k] / drawn[k]
        total = sum(w.values()) or 1.0
        print(f"{t:.2f} | {n['same']} / {n['partial']} / {n['different']} | {n['same'] / max(1, len(sel)):.2f} | "
              f"{(n['same'] + n['partial']) / max(1, len(sel)):.2f} | {n['same'] / max(1, same_total):.2f} | "
              f"{w['same'] / total:.2f} / {w['different'] / total:.2f}")
    # the rule group_claims applies: CLAIM_ACROSS, or CLAIM_ACROSS_FIGURES with figures shared, never figures apart
    sel = []
    for r, c, k in zip(found, cos, tenth):
        figures = corroborate._figures(texts[r["sentence_a"]], texts[r["sentence_b"]])
        close = c >= corroborate.CLAIM_ACROSS or figures and c >= corroborate.CLAIM_ACROSS_FIGURES
        if figures is not False and close:
            sel.append((r["label"], k))
    n = collections.Counter(label for label, _ in sel)
    w = collections.Counter()
    for label, k in sel:
        w[label] += TENTHS[k] / drawn[k]
    total = sum(w.values()) or 1.0
    print(f"group_claims' rule ({corroborate.CLAIM_ACROSS}, or {corroborate.CLAIM_ACROSS_FIGURES} with figures shared, "
          f"never figures apart) | {n['same']} / {n['partial']} / {n['different']} | "
          f"{n['same'] / max(1, len(sel)):.2f} | "
          f"{(n['same'] + n['partial']) / max(1, len(sel)):.2f} | {n['same'] / max(1, same_total):.2f} | "
          f"{w['same'] / total:.2f} / {w['different'] / total:.2f}")
    print(f"drawn per tenth of cosine: {dict(sorted(drawn.items()))}; in the sets: {dict(sorted(TENTHS.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
