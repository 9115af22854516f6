#!/usr/bin/env python3
"""Rebuild a labelled real-news set (scripts/data/realnews/) from saved search answers.

    python3 scripts/realnews_build.py scripts/data/realnews/set3_labels.tsv RAW_DIR OUT_DIR

The sets hold stored public web pages, which stay out of the repository: only our labels are
here (page address, story, wire group, doubt, the query that found the page, its date, a note)
and the queries (`setN_queries.tsv`). To rebuild a set, run each query with the `search` tool
(corpus `pages`) and save each answer as RAW_DIR/<query id>.json, either the tool's JSON itself
or {"query": ..., "answer": <the tool's JSON>}; this script then takes each labelled page's
excerpt from the answer of its query (or of any query that returned it) and writes
OUT_DIR/articles.jsonl (the fields `eval_stories.py` and `eval_summaries.py --labelled` read:
url, title, text, published, outlet, story, wire, wire_doubt) and OUT_DIR/articles_dated.jsonl,
where an undated page takes the date of a dated page of its story plus 0 or 1 day (as a feed
would date it). Pages whose excerpt is not found are listed and left out.

The session-6 figures in BENCHMARKS.md come from the files the set's authors built with their own
tools (titles and dates read by hand where the page showed them); a rebuild with this script
differs in titles, so expect small differences.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import sys
from datetime import date, timedelta
from urllib.parse import urlsplit


def answers(raw: str) -> dict[str, dict[str, str]]:
    """query id -> {url: excerpt} from the saved answers."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(glob.glob(os.path.join(raw, "*.json"))):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        doc = doc.get("answer") or doc.get("response") or doc
        out[os.path.basename(path)[:-5]] = {r["url"]: r["excerpt"] for r in doc.get("results", [])
                                            if r.get("url") and r.get("excerpt")}  # some results carry no address
    return out


def title_of(text: str) -> str | None:
    """The excerpt's first line when it reads as a headline (short, no closing full stop)."""
    first = text.strip().split("\n", 1)[0].strip()
    return first if 3 <= len(first.split()) <= 20 and not first.endswith(".") else None


def outlet_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def main(labels: str, raw: str, out: str) -> int:
    found = answers(raw)
    anywhere = {u: t for page in found.values() for u, t in page.items()}
    rows, missing = [], []
    with open(labels, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            url, story, wire, doubt, query, published, *_ = line.rstrip("\n").split("\t") + [""] * 7
            text = found.get(query, {}).get(url) or anywhere.get(url)
            if text is None:
                missing.append(url)
                continue
            rows.append({"url": url, "title": title_of(text), "text": text, "published": published or None,
                         "outlet": outlet_of(url), "story": story, "wire": wire or None,
                         **({"wire_doubt": True} if doubt else {})})
    os.makedirs(out, exist_ok=True)
    dated = {}
    for r in rows:
        if r["published"]:
            dated.setdefault(r["story"], r["published"])
    with open(os.path.join(out, "articles.jsonl"), "w", encoding="utf-8") as plain, \
            open(os.path.join(out, "articles_dated.jsonl"), "w", encoding="utf-8") as filled:
        for r in rows:
            plain.write(json.dumps(r, ensure_ascii=False) + "\n")
            if not r["published"] and r["story"] in dated:
                shift = hashlib.sha256(r["url"].encode()).digest()[0] % 2
                r = {**r, "published": (date.fromisoformat(dated[r["story"]]) + timedelta(days=shift)).isoformat()}
            filled.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles written to {out}; {len(missing)} labelled pages not in the answers")
    for url in missing:
        print(f"  missing: {url}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
