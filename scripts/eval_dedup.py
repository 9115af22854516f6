#!/usr/bin/env python3
"""Near-copy and rewrite benchmark built at run time from real articles (../shared/dev/polnear).

    .venv/bin/python scripts/eval_dedup.py [--shared ../shared] [--seed 1] [--copies 2] [--keep DIR] [--json]

Every PolNeAR dev article is an original. Each gets `--copies` near copies made the way
syndication makes them, each under another (invented) outlet: its own header and footer lines,
typographic changes (straight/curly quotes, dashes, spaces), a sentence or paragraph added or
dropped, truncation to the first 60-80%, a few word edits, or several of these at once. Some
originals also get a rewrite (sentences reordered within paragraphs, some paragraphs swapped,
synonyms substituted, a new title), and some a "quoting" article: another original with one
paragraph of this one pasted in (a negative: it is not a copy). Negative pairs are all other
pairs, including the originals that report the same story.

The generated articles go through the real engine (`newsgraph analyze --no-nlp`, then
`newsgraph export links`). Scores:

  * near_copy, pairwise: predicted duplicate groups are the connected components of the copy and
    near_copy links; gold groups are an original with its near copies. Precision/recall/F1 over
    the pairs inside groups (transitive, so a copy linked to its sibling copy counts).
  * near_copy, per link: a link is right when both ends are in one gold group; recall is the
    share of generated copies with a link into their group.
  * rewrite: a rewrite link is right when it joins a rewrite to its original's group; recall is
    the share of rewrites with such a link.

No text of the dev set is written into the repository; the temporary files are removed unless
--keep is given. Exits 0 with a note when ../shared is absent.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

OUTLETS = [
    ("Capitol Wire Daily", "capitolwire.example"),
    ("Heartland Ledger", "heartlandledger.example"),
    ("Coastal Courier", "coastalcourier.example"),
    ("Newsdesk Aggregator", "newsdeskagg.example"),
    ("Metro Evening Star", "metroeveningstar.example"),
    ("Prairie Public Times", "prairietimes.example"),
    ("Valley Morning Post", "valleymorningpost.example"),
    ("Summit Syndicate", "summitsyndicate.example"),
]

# invented furniture: (header lines, footer lines) per outlet, {o} = outlet name
HEADERS = [
    ["Advertisement", "Share on Facebook | Share on Twitter | Email"],
    ["{o} | Politics", "Updated 4:12 p.m."],
    ["Listen to this article (4 min)"],
    ["Sign up for our morning newsletter"],
    ["Print | Comment | Share"],
    ["Breaking news from {o}"],
    ["Photo: file image"],
    ["Follow {o} on social media for live updates"],
]
FOOTERS = [
    ["Copyright 2016 {o}. All rights reserved. This material may not be published, broadcast, "
     "rewritten or redistributed."],
    ["Related coverage: more election stories from {o}", "Comments are closed."],
    ["Have a news tip? Contact the {o} newsroom."],
    ["This article originally appeared on a partner site and is republished with permission."],
    ["Read more politics coverage at {o}."],
    ["Support independent journalism: subscribe to {o} today."],
    ["Tags: election, politics, campaign 2016"],
    ["Distributed by the {o} content network."],
]
ADDED = [
    "This story has been updated with additional reporting.",
    "An earlier version of this article misstated a detail; it has been corrected.",
    "The campaign did not immediately respond to a request for comment on Friday.",
    "Staff writers contributed to this report from Washington.",
    "Check back for updates as this story develops throughout the day.",
]
EDITS = {
    "said": "stated", "says": "states", "told": "informed", "also": "additionally",
    "big": "large", "about": "around", "many": "numerous", "very": "highly", "people": "individuals",
    "because": "since", "but": "yet", "after": "following", "before": "prior to", "help": "assist",
    "show": "indicate", "start": "begin", "end": "conclude", "get": "obtain", "make": "create",
}
SYNONYMS = {
    **EDITS,
    "campaign": "bid", "president": "commander in chief", "election": "vote", "voters": "electorate",
    "candidate": "nominee", "support": "backing", "country": "nation", "week": "seven days",
    "reported": "disclosed", "announced": "declared", "important": "significant", "new": "fresh",
    "claimed": "asserted", "asked": "questioned", "called": "described", "plan": "proposal",
    "officials": "authorities", "added": "continued", "according to": "per", "while": "whereas",
    "however": "nevertheless", "several": "a number of", "including": "among them",
    "percent": "per cent", "government": "administration", "law": "statute", "group": "organization",
    "major": "key", "recent": "latest", "first": "initial", "biggest": "largest", "attack": "assault",
    "criticized": "slammed", "warned": "cautioned", "believe": "think", "want": "wish",
}
SPUN = {
    **SYNONYMS,
    "more": "additional", "would": "could", "many": "numerous", "year": "twelve months", "think": "believe",
    "make": "produce", "former": "ex-", "just": "merely", "much": "a great deal", "now": "currently",
    "during": "throughout", "may": "might", "going": "heading", "know": "realize", "made": "produced",
    "way": "manner", "last": "previous", "business": "commerce", "change": "shift", "policy": "approach",
    "issue": "matter", "leaders": "heads", "came": "arrived", "since": "as", "see": "observe",
    "program": "scheme", "need": "require", "saying": "stating", "companies": "firms", "question": "query",
    "part": "portion", "whether": "if", "trying": "attempting", "come": "arrive", "use": "utilize",
    "real": "genuine", "long": "lengthy", "take": "grab", "good": "great", "past": "previous",
    "company": "firm", "things": "items", "put": "placed", "among": "amongst", "same": "identical",
    "statement": "declaration", "really": "truly", "around": "roughly", "another": "an additional",
    "information": "details", "high": "elevated", "interview": "conversation", "little": "small",
    "released": "issued", "noted": "pointed out", "decision": "ruling", "used": "utilized",
    "better": "improved", "leader": "chief", "become": "turn into", "speech": "address", "less": "fewer",
    "clear": "obvious", "next": "following", "answer": "response", "found": "discovered", "fact": "truth",
    "meeting": "gathering", "city": "town", "money": "funds", "public": "general public", "work": "labor",
}
_SPUN_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SPUN), key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)
_SYN_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)) + r")\b",
                     re.IGNORECASE)
_EDIT_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, EDITS), key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)
_SENT = re.compile(r"(?<=[.!?”\"’])\s+(?=[\"“‘(]?[A-Z0-9])")


# --------------------------------------------------------------------------- reading
def load_polnear(folder: str) -> list[dict]:
    meta = {}
    with open(os.path.join(folder, "metadata.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(head, line.rstrip("\n").split("\t")))
            meta[row["filename"]] = row
    out = []
    for name in sorted(os.listdir(os.path.join(folder, "text"))):
        if not name.endswith(".txt"):
            continue
        key = name[:-4]
        with open(os.path.join(folder, "text", name), encoding="utf-8") as f:
            raw = f.read()
        title, _, body = raw.partition("\n")
        paras = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
        m = meta.get(key, {})
        out.append({"name": key, "title": title.strip(), "paras": paras,
                    "outlet": m.get("publisher") or key.split("_")[0],
                    "published": m.get("publication_date") or key.split("_")[1]})
    return out


# --------------------------------------------------------------------------- transforms
def sentences(par: str) -> list[str]:
    return [s for s in _SENT.split(par) if s.strip()]


def typographic(rng: random.Random, paras: list[str]) -> list[str]:
    straight = rng.random() < 0.5
    out = []
    for p in paras:
        if straight:
            p = p.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
            p = p.replace("—", "--").replace("–", "-")
        else:
            p = re.sub(r'"(?=\w)', "“", p)
            p = p.replace('"', "”").replace("'", "’").replace(" -- ", " — ")
        p = re.sub(r" (?=[A-Z])", lambda m: "  " if rng.random() < 0.1 else " ", p)
        p = p.replace(" a ", " a\u00a0") if rng.random() < 0.3 else p
        out.append(p)
    return out


def word_edits(rng: random.Random, paras: list[str], rate: float) -> list[str]:
    """A few word edits: synonym swaps, a dropped adverb, a changed number."""
    def swap(m: re.Match) -> str:
        if rng.random() >= rate * 4:
            return m.group(0)
        new = EDITS[m.group(0).lower()]
        return new.capitalize() if m.group(0)[0].isupper() else new

    def num(m: re.Match) -> str:
        return str(int(m.group(0)) + 1) if rng.random() < rate * 3 else m.group(0)
    out = []
    for p in paras:
        p = _EDIT_RE.sub(swap, p)
        p = re.sub(r"\b\d{1,4}\b", num, p)
        p = re.sub(r"\b(really|just|very|now) ", lambda m: "" if rng.random() < rate * 5 else m.group(0), p)
        out.append(p)
    return out


def truncate(rng: random.Random, paras: list[str]) -> list[str]:
    """The first 60-80% of the words, cut at a sentence end."""
    total = sum(len(p.split()) for p in paras)
    keep = total * rng.uniform(0.6, 0.8)
    out, n = [], 0
    for p in paras:
        kept = []
        for s in sentences(p):
            if n >= keep:
                break
            kept.append(s)
            n += len(s.split())
        if kept:
            out.append(" ".join(kept))
        if n >= keep:
            break
    return out


def add_sentence(rng: random.Random, paras: list[str]) -> list[str]:
    paras = list(paras)
    extra = rng.choice(ADDED)
    if rng.random() < 0.5 or len(paras) < 2:
        paras.append(extra)
    else:
        k = rng.randrange(1, len(paras))
        paras[k] = paras[k] + " " + extra
    return paras


def drop_part(rng: random.Random, paras: list[str]) -> list[str]:
    paras = list(paras)
    if len(paras) >= 4:
        del paras[rng.randrange(1, len(paras))]
    else:  # a short article loses one sentence
        k = rng.randrange(len(paras))
        ss = sentences(paras[k])
        if len(ss) > 1:
            del ss[rng.randrange(len(ss))]
            paras[k] = " ".join(ss)
    return paras


def rewrite(rng: random.Random, title: str, paras: list[str], level: str) -> tuple[str, list[str]]:
    """A paraphrase: sentences reordered inside paragraphs, neighbouring paragraphs swapped,
    synonyms substituted (light: a few dozen news words; spun: a content-farm spinner's hundred and
    fifty common words), a sentence dropped here and there, a new title."""
    table, pattern, p_swap = (SYNONYMS, _SYN_RE, 0.7) if level == "light" else (SPUN, _SPUN_RE, 0.9)

    def syn(m: re.Match) -> str:
        if rng.random() >= p_swap:
            return m.group(0)
        new = table[m.group(0).lower()]
        return new[0].upper() + new[1:] if m.group(0)[0].isupper() else new
    out = []
    for p in paras:
        ss = sentences(p)
        if len(ss) > 1:
            rng.shuffle(ss)
        ss = [s for s in ss if len(ss) < 3 or rng.random() > 0.1]
        out.append(pattern.sub(syn, " ".join(ss)))
    for k in range(1, len(out) - 1, 2):
        if rng.random() < 0.4:
            out[k], out[k + 1] = out[k + 1], out[k]
    words = pattern.sub(syn, title).rstrip(".").split()
    return "Report: " + " ".join(words), out


KINDS = ["furniture", "typographic", "add_sentence", "drop_part", "truncate", "edits", "combo"]


def near_copy(rng: random.Random, kind: str, paras: list[str]) -> list[str]:
    if kind == "typographic":
        return typographic(rng, paras)
    if kind == "add_sentence":
        return add_sentence(rng, paras)
    if kind == "drop_part":
        return drop_part(rng, paras)
    if kind == "truncate":
        return truncate(rng, paras)
    if kind == "edits":
        return word_edits(rng, paras, 0.05)
    if kind == "combo":
        paras = truncate(rng, paras) if rng.random() < 0.5 else drop_part(rng, paras)
        paras = add_sentence(rng, paras) if rng.random() < 0.5 else paras
        return typographic(rng, word_edits(rng, paras, 0.04))
    return list(paras)  # furniture only


def dress(rng: random.Random, outlet: str, paras: list[str]) -> str:
    k = OUTLETS.index(next(o for o in OUTLETS if o[0] == outlet))
    head = [h.format(o=outlet) for h in HEADERS[k]]
    foot = [h.format(o=outlet) for h in FOOTERS[k]]
    return "\n\n".join(head + paras + foot)


# --------------------------------------------------------------------------- corpus
def build(arts: list[dict], seed: int, copies: int, rewrite_share: float, quote_share: float):
    rng = random.Random(seed)
    rows, truth = [], {}
    n_rewrites = 0
    for a in arts:
        url = f"https://{a['outlet']}.example/{a['name']}"
        rows.append({"url": url, "title": a["title"], "text": "\n\n".join(a["paras"]), "outlet": a["outlet"],
                     "published": a["published"]})
        truth[url] = {"group": a["name"], "kind": "original"}
    for a in arts:
        outlets = rng.sample(OUTLETS, copies + 2)
        day = a["published"]
        for c in range(copies):
            kind = KINDS[(len(rows) + c) % len(KINDS)] if c == 0 else rng.choice(KINDS)
            name, host = outlets[c]
            url = f"https://{host}/{a['name']}/copy{c}"
            title = a["title"] if rng.random() < 0.6 else a["title"].rstrip(".") + f" | {name}"
            rows.append({"url": url, "title": title, "text": dress(rng, name, near_copy(rng, kind, a["paras"])),
                         "outlet": name, "published": day})
            truth[url] = {"group": a["name"], "kind": "near_copy", "how": kind}
        if rng.random() < rewrite_share and sum(len(p.split()) for p in a["paras"]) >= 60:
            name, host = outlets[copies]
            level = ("light", "spun")[n_rewrites % 2]
            n_rewrites += 1
            title, paras = rewrite(rng, a["title"], a["paras"], level)
            url = f"https://{host}/{a['name']}/rewrite"
            rows.append({"url": url, "title": title, "text": dress(rng, name, paras), "outlet": name,
                         "published": day})
            truth[url] = {"group": a["name"], "kind": "rewrite", "how": level}
    # hard negatives: an original that pastes in the longest paragraph of another article (a near
    # copy of its base, but not of the article it quotes)
    for a in rng.sample(arts, int(len(arts) * quote_share)):
        b = rng.choice([x for x in arts if x is not a and len(x["paras"]) >= 3])
        size = sum(len(p.split()) for p in a["paras"])
        fits = [p for p in a["paras"] if len(p.split()) <= 0.3 * size]
        if not fits:
            continue
        donor = max(fits, key=len)
        paras = list(b["paras"])
        paras.insert(rng.randrange(1, len(paras)), f"As another outlet reported: “{donor}”")
        name, host = OUTLETS[len(rows) % len(OUTLETS)]
        url = f"https://{host}/{b['name']}/quotes-{a['name']}"
        rows.append({"url": url, "title": b["title"] + " (analysis)", "text": dress(rng, name, paras),
                     "outlet": name, "published": b["published"]})
        truth[url] = {"group": b["name"], "kind": "near_copy", "how": "quotes_other", "quotes": a["name"]}
    rng.shuffle(rows)  # arrival order within a day is not the original's
    return rows, truth


# --------------------------------------------------------------------------- scoring
def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def components(urls: list[str], edges: list[tuple[str, str]]) -> dict[str, str]:
    parent = {u: u for u in urls}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {u: find(u) for u in urls}


def pairs(groups: dict[str, str]) -> set[frozenset]:
    by = defaultdict(list)
    for u, g in groups.items():
        by[g].append(u)
    return {frozenset(p) for members in by.values() for p in itertools.combinations(sorted(members), 2)}


def _short(truth: dict, url: str) -> str:
    return f"{truth[url]['kind']}:{url.split('/', 3)[-1]}"


def score(truth: dict, links: list[dict], stories: dict[str, str] | None = None) -> dict:
    """Scores of the engine's links against the generator's truth (see the module docstring).
    `stories`: optional PolNeAR name -> reference story label, to count same-story negatives."""
    urls = sorted(truth)
    rewrites = {u for u, t in truth.items() if t["kind"] == "rewrite"}
    dup_group = {u: (t["group"] if t["kind"] != "rewrite" else "rw:" + u) for u, t in truth.items()}
    near = [(lk["url"], lk["other_url"]) for lk in links if lk["type"] in ("copy", "near_copy")]
    # a rewrite is neither a near copy nor a negative here: its pairs are left out of both sides
    keep = lambda pr: not (pr & rewrites)  # noqa: E731
    pred = {pr for pr in pairs(components(urls, near)) if keep(pr)}
    gold = pairs(dup_group)
    res = {"near_copy_pairwise": prf(len(pred & gold), len(pred - gold), len(gold - pred))}
    # per link
    scored = [(a, b) for a, b in near if a not in rewrites and b not in rewrites]
    right = [(a, b) for a, b in scored if dup_group[a] == dup_group[b]]
    linked = {a for a, _ in right} | {b for _, b in right}
    copies = [u for u, t in truth.items() if t["kind"] == "near_copy"]
    found = sum(u in linked for u in copies)
    res["near_copy_links"] = {"links": len(scored), "right": len(right),
                              "precision": round(len(right) / len(scored), 4) if scored else 1.0,
                              "copies": len(copies), "copies_found": found,
                              "recall": round(found / len(copies), 4) if copies else 1.0}
    by_how = Counter(truth[u]["how"] for u in copies)
    hit_how = Counter(truth[u]["how"] for u in copies if u in linked)
    res["near_copy_recall_by_kind"] = {k: f"{hit_how[k]}/{by_how[k]}" for k in sorted(by_how)}
    got = {lk["url"]: lk for lk in links}
    res["near_copy_missed"] = [f"{_short(truth, u)} ({truth[u]['how']}; its link: "
                               f"{got[u]['type'] + ' ' + str(got[u]['score']) if u in got else 'none'})"
                               for u in copies if u not in linked]
    res["near_copy_false_links"] = [f"{_short(truth, a)} -> {_short(truth, b)}"
                                    for a, b in scored if dup_group[a] != dup_group[b]]
    originals = [u for u, t in truth.items() if t["kind"] == "original"]
    neg = len(originals) * (len(originals) - 1) // 2
    res["negatives"] = {"original_pairs": neg}
    if stories:
        name = {u: truth[u]["group"] for u in originals}
        same = [pr for pr in itertools.combinations(originals, 2)
                if stories.get(name[pr[0]]) and stories.get(name[pr[0]]) == stories.get(name[pr[1]])]
        hit = [pr for pr in same if frozenset(pr) in pred]
        res["negatives"].update(same_story_pairs=len(same), same_story_linked=len(hit))
    # rewrites
    rw = [(lk["url"], lk["other_url"]) for lk in links if lk["type"] == "rewrite"]
    family = {u: t["group"] for u, t in truth.items()}
    rw_right = [(a, b) for a, b in rw if family[a] == family[b] and (a in rewrites or b in rewrites)]
    rw_found = {a for a, _ in rw_right} | {b for _, b in rw_right}
    tp = sum(u in rw_found for u in rewrites)
    res["rewrite"] = prf(tp, len(rw) - len(rw_right), len(rewrites) - tp)
    res["rewrite"]["links"] = len(rw)
    by_level = Counter(truth[u]["how"] for u in rewrites)
    res["rewrite_recall_by_level"] = {k: f"{sum(u in rw_found for u in rewrites if truth[u]['how'] == k)}/{n}"
                                      for k, n in sorted(by_level.items())}
    as_near = {a for a, b in near if family[a] == family[b]} | {b for a, b in near if family[a] == family[b]}
    res["rewrites_linked_as_near_copy"] = {
        k: f"{sum(u in as_near and u not in rw_found for u in rewrites if truth[u]['how'] == k)}/{n}"
        for k, n in sorted(by_level.items())}
    res["rewrite_false_links"] = [f"{_short(truth, a)} -> {_short(truth, b)}" for a, b in rw if (a, b) not in rw_right]
    res["generated"] = dict(Counter(t["kind"] for t in truth.values()))
    return res


def sweep(truth: dict, db: str) -> dict:
    """Exact and estimated (MinHash) Jaccard and containment of every pair of stored bodies, and the
    pair precision/recall the near-copy rule would have at other thresholds (direct pairs, no LSH
    step). Uses the engine's own shingles and signatures on the texts as stored (furniture removed)."""
    import duckdb
    import numpy as np

    from newsgraph.corpus import dedup

    con = duckdb.connect(db, read_only=True)
    texts = dict(con.execute("SELECT coalesce(url, path), text FROM articles").fetchall())
    con.close()
    urls = sorted(u for u in texts if u in truth and truth[u]["kind"] != "rewrite")
    sh = {u: dedup.shingles(texts[u]) for u in urls}
    sig = {u: dedup.signature(texts[u]) for u in urls}
    group = {u: truth[u]["group"] for u in urls}
    quoted = {(u, f"https://{truth[u]['quotes'].split('_')[0]}.example/{truth[u]['quotes']}")
              for u in urls if truth[u].get("how") == "quotes_other"}
    rows = []
    for a, b in itertools.combinations(urls, 2):
        if min(sig[a].n_shingles, sig[b].n_shingles) < dedup.MIN_SHINGLES:
            continue
        inter = len(sh[a] & sh[b])
        ej, ec = inter / len(sh[a] | sh[b]), inter / min(len(sh[a]), len(sh[b]))
        j, c = dedup.similarity(sig[a], sig[b])
        hard = (a, b) in quoted or (b, a) in quoted
        rows.append((group[a] == group[b], hard, ej, ec, j, c))
    arr = np.array([r[2:] for r in rows])
    pos = np.array([r[0] for r in rows])
    hard = np.array([r[1] for r in rows])

    def q(x: np.ndarray) -> list[float]:
        return [round(float(v), 3) for v in np.percentile(x, [0, 1, 5, 50])] if len(x) else []

    out = {"pairs": len(rows), "positives": int(pos.sum()),
           "pos_exact_jaccard_min/p1/p5/p50": q(arr[pos, 0]), "pos_exact_containment_min/p1/p5/p50": q(arr[pos, 1]),
           "pos_est_jaccard_min/p1/p5/p50": q(arr[pos, 2]), "pos_est_containment_min/p1/p5/p50": q(arr[pos, 3]),
           "neg_exact_jaccard_max": round(float(arr[~pos, 0].max()), 3),
           "neg_exact_containment_max": round(float(arr[~pos, 1].max()), 3),
           "neg_est_jaccard_max": round(float(arr[~pos, 2].max()), 3),
           "neg_est_containment_max": round(float(arr[~pos, 3].max()), 3),
           "neg_est_containment_p99.99": round(float(np.percentile(arr[~pos, 3], 99.99)), 3),
           "quoting_pairs_est_containment_max": round(float(arr[hard, 3].max()), 3) if hard.any() else None}
    grid = {}
    for tj in (0.3, 0.4, 0.5):
        for tc in (0.5, 0.6, 0.65, 0.7, 0.75):
            pred = (arr[:, 2] >= tj) | (arr[:, 3] >= tc)
            tp, fp, fn = int((pred & pos).sum()), int((pred & ~pos).sum()), int((~pred & pos).sum())
            grid[f"J>={tj} or C>={tc}"] = f"P={tp / max(1, tp + fp):.4f} R={tp / max(1, tp + fn):.4f} fp={fp} fn={fn}"
    out["direct_pairs_by_threshold"] = grid
    return out


def run_engine(rows: list[dict], work: str) -> list[dict]:
    src = os.path.join(work, "dedup.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    db = os.path.join(work, "dedup.duckdb")
    if os.path.exists(db):
        os.remove(db)
    ng = os.path.join(os.path.dirname(sys.executable), "newsgraph")
    env = dict(os.environ, NEWSGRAPH_STORIES="1")
    subprocess.run([ng, "analyze", src, "--db", db, "--no-nlp"], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = os.path.join(work, "links.jsonl")
    subprocess.run([ng, "export", "links", "--db", db, "-o", out], check=True, env=env)
    with open(out, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--copies", type=int, default=2, help="near copies per original")
    parser.add_argument("--rewrites", type=float, default=0.5, help="share of originals that get a rewrite")
    parser.add_argument("--quoting", type=float, default=0.25, help="share of originals quoted by another")
    parser.add_argument("--keep", help="keep the generated corpus, database and exports here")
    parser.add_argument("--sweep", action="store_true",
                        help="also print similarity distributions and scores at other thresholds")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = os.path.join(args.shared, "dev", "polnear")
    if not os.path.isdir(os.path.join(folder, "text")):
        print(f"skipped: no PolNeAR dev set under {args.shared}")
        return 0
    arts = load_polnear(folder)
    rows, truth = build(arts, args.seed, args.copies, args.rewrites, args.quoting)
    work = args.keep or tempfile.mkdtemp(prefix="newsgraph-dedup-")
    os.makedirs(work, exist_ok=True)
    try:
        links = run_engine(rows, work)
        swept = sweep(truth, os.path.join(work, "dedup.duckdb")) if args.sweep else None
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    labels = os.path.join(ROOT, "scripts", "data", "polnear_stories.tsv")
    stories = None
    if os.path.exists(labels):
        with open(labels, encoding="utf-8") as f:
            stories = dict(line.rstrip("\n").split("\t")[:2] for line in f if line.strip() and not line.startswith("#"))
    res = score(truth, links, stories)
    if swept:
        res["sweep"] = swept
    if args.json:
        print(json.dumps(res))
        return 0
    for key, val in res.items():
        if isinstance(val, list):
            print(f"{key}: {len(val)}")
            for v in val:
                print(f"  {v}")
        elif key == "sweep":
            for k, v in val.items():
                if isinstance(v, dict):
                    print(f"sweep {k}:")
                    for k2, v2 in v.items():
                        print(f"  {k2}: {v2}")
                else:
                    print(f"sweep {k}: {v}")
        else:
            print(f"{key}: {json.dumps(val)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
