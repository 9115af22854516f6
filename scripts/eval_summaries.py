#!/usr/bin/env python3
"""ROUGE-1 of newsgraph's extractive summaries against LexRank and lead baselines.

    .venv/bin/python scripts/eval_summaries.py [--shared ../shared] [--db PATH] [--sweep]

Reads its data from ../shared at run time (nothing of it is copied into the repository) and
exits 0 with a note when it is absent:

- story: the five seed articles as one story, cleaned by the engine (`newsgraph analyze`
  into a temporary database, or --db to reuse one) and split into sentences with spaCy;
  references are the gold cross-document claims (all, and those with two or more
  independent sources);
- polnear-story: PolNeAR dev articles grouped into stories (the same event reported within
  a few days, by article similarity); reference = the headlines of the group;
- polnear-article: each PolNeAR dev article alone; reference = its headline, a weak one;
- --labelled FILE.jsonl: any labelled set of real articles kept outside the repository (engine
  input fields plus `story`): each story of two or more articles with a headline; reference =
  the headlines of its articles (the headlines are not among the candidate sentences);
  --references FILE.jsonl ({"story", "summary"} a line) gives written references instead, such as
  a one-sentence event summary in the style of Wikipedia's Current Events Portal (WCEP), scored
  at 40, 60 and 100 words.

Every method gets the same budget (k sentences and max words); lead takes sentences in
article order (round robin over the articles of a story). The references are small and
tuning on them is weak evidence: --sweep shows how the scores move with the main weights.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from itertools import combinations

import numpy as np

from newsgraph.clean.language import base
from newsgraph.corpus import summarize as sm
from newsgraph.corpus.summarize import Sentence, lexrank, rouge1, summarize_article, summarize_story

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
Method = Callable[[Sequence[Sentence], int, int], list[Sentence]]


def split_sentences(texts: dict[str, tuple[str, int, str | None]]) -> list[Sentence]:
    """Sentences of each article (id -> (text, body start, outlet)) by the engine's spaCy pipeline."""
    from newsgraph.nlp import load

    nlp = load()
    out = []
    ids = sorted(texts)
    for aid, doc in zip(ids, nlp.pipe(texts[a][0] for a in ids)):
        body_start, outlet = texts[aid][1], texts[aid][2]
        index = 0
        for sent in doc.sents:
            if sent.start_char < body_start or not sent.text.strip():
                continue
            lead = len(sent.text) - len(sent.text.lstrip())
            start, end = sent.start_char + lead, sent.start_char + len(sent.text.rstrip())
            out.append(Sentence(aid, index, start, end, doc.text[start:end], outlet))
            index += 1
    return out


# --- methods at one budget -------------------------------------------------------------

def lead(sentences: Sequence[Sentence], k: int, max_words: int | None) -> list[Sentence]:
    """Lead baseline: first sentences of each article in turn, while they fit the budget."""
    ordered = sorted(sentences, key=lambda s: (s.index, s.article_id))
    out, budget = [], max_words if max_words is not None else float("inf")
    for s in ordered:
        if len(out) == k:
            break
        if sm.n_words(s.text) <= budget:
            out.append(s)
            budget -= sm.n_words(s.text)
    return out


METHODS: dict[str, Method] = {
    "ours": lambda ss, k, w: summarize_story(ss, k=k, max_words=w),
    "lexrank": lambda ss, k, w: lexrank(ss, k, max_words=w),
    "lead": lead,
}


def score(cases: list[tuple[list[Sentence], str]], k: int, words: int | None,
          methods: dict[str, Method] = METHODS) -> dict[str, tuple[float, float, float, float]]:
    """Mean ROUGE-1 (P, R, F1) and mean summary length per method over (sentences, reference) cases."""
    out = {}
    for name, method in methods.items():
        rows = []
        for sentences, reference in cases:
            summary = " ".join(s.text for s in method(sentences, k, words))
            rows.append((*rouge1(summary, reference), sm.n_words(summary)))
        out[name] = tuple(float(x) for x in np.mean(rows, axis=0))
    return out


def print_table(title: str, cases: list, k: int, words: int | None, methods: dict[str, Method] = METHODS) -> None:
    print(f"\n{title}  ({len(cases)} case(s), k={k}, max_words={words})")
    print(f"  {'method':<10} {'P':>6} {'R':>6} {'F1':>6} {'words':>6}")
    for name, (p, r, f, n) in score(cases, k, words, methods).items():
        print(f"  {name:<10} {p:6.3f} {r:6.3f} {f:6.3f} {n:6.1f}")


# --- data --------------------------------------------------------------------------------

def seed_story(shared: str, db: str | None) -> tuple[list[Sentence], dict[str, str]] | None:
    """Sentences of the engine-cleaned seed articles, and article id -> seed file name."""
    import duckdb

    seeds = os.path.join(shared, "seeds")
    if not glob.glob(os.path.join(seeds, "*.txt")):
        return None
    if not (db and os.path.exists(db)):
        db = db or os.path.join(tempfile.mkdtemp(prefix="newsgraph-sum-"), "seeds.duckdb")
        run = subprocess.run([sys.executable, "-m", "newsgraph", "analyze", seeds, "--db", db],
                             capture_output=True, text=True)
        if run.returncode:
            raise SystemExit(f"newsgraph analyze failed on {seeds}: {run.stderr.strip() or run.stdout.strip()}")
    with duckdb.connect(db, read_only=True) as con:
        rows = con.execute("SELECT id, outlet, text, path FROM articles").fetchall()
    files = {aid: os.path.basename(path or "") for aid, _, _, path in rows}
    return split_sentences({aid: (text, 0, outlet) for aid, outlet, text, _ in rows}), files


def seed_cases(sentences: list[Sentence], files: dict[str, str], claims: list[dict], min_docs: int
               ) -> list[tuple[list[Sentence], str]]:
    """Every set of two or more seed articles as a story; reference = the claims that at least
    `min_docs` of its articles carry (by the gold `docs` of each claim)."""
    ids = sorted(files)
    cases = []
    for size in range(2, len(ids) + 1):
        for subset in combinations(ids, size):
            names = {files[a] for a in subset}
            ref = " ".join(c["claim"] for c in claims if len(names & set(c.get("docs", ()))) >= min_docs)
            if ref:
                cases.append(([s for s in sentences if s.article_id in subset], ref))
    return cases


def polnear(shared: str) -> tuple[list[Sentence], dict[str, tuple[str, date, str]]] | None:
    """PolNeAR dev sentences (body only) and id -> (headline, date, publisher)."""
    folder = os.path.join(shared, "dev", "polnear", "text")
    files = sorted(glob.glob(os.path.join(folder, "*.txt")))
    if not files:
        return None
    texts, meta = {}, {}
    for path in files:
        name = os.path.basename(path)[:-4]
        text = open(path, encoding="utf-8").read()
        title = text.split("\n", 1)[0].strip()
        publisher, day = name.split("_")[:2]
        texts[name] = (text, len(title), publisher)
        meta[name] = (title, date.fromisoformat(day), publisher)
    return split_sentences(texts), meta


def stories(sentences: list[Sentence], meta: dict, threshold: float = 0.3, days: int = 4) -> list[list[str]]:
    """Groups of two or more articles that report one event: every pair in a group has tf-idf
    similarity of at least `threshold` and was published within `days` (complete link)."""
    ids = sorted(meta)
    vec = sm.tfidf_vectors([" ".join(s.text for s in sentences if s.article_id == a) for a in ids])
    sim = (vec @ vec.T).toarray()
    near = [[sim[i, j] >= threshold and abs((meta[a][1] - meta[b][1]).days) <= days for j, b in enumerate(ids)]
            for i, a in enumerate(ids)]
    groups = [[i] for i in range(len(ids))]
    pairs = sorted((-sim[a, b], a, b) for a in range(len(ids)) for b in range(a + 1, len(ids)) if near[a][b])
    for _, i, j in pairs:
        gi = next(g for g in groups if i in g)
        gj = next(g for g in groups if j in g)
        if gi is not gj and all(near[a][b] for a in gi for b in gj):
            gi.extend(gj)
            groups.remove(gj)
    return [[ids[i] for i in g] for g in groups if len(g) > 1]


def labelled(path: str, references: dict[str, str] | None = None,
             languages: dict[str, str] | None = None) -> list[tuple[list[Sentence], str]]:
    """(sentences of the story's engine-cleaned bodies, its articles' headlines or its written
    reference) per labelled story: the file goes through `newsgraph analyze --no-nlp` (furniture
    removed, as the engine does before it summarises), its labels withheld."""
    import duckdb

    work = tempfile.mkdtemp(prefix="newsgraph-sum-")
    src, db = os.path.join(work, "input.jsonl"), os.path.join(work, "labelled.duckdb")
    story, titles = {}, {}
    with open(path, encoding="utf-8") as f, open(src, "w", encoding="utf-8") as out:
        for r in map(json.loads, filter(str.strip, f)):
            story[r["url"]], titles[r["url"]] = r["story"], (r.get("title") or "").strip()
            out.write(json.dumps({k: v for k, v in r.items() if k not in ("story", "wire")}) + "\n")
    run = subprocess.run([sys.executable, "-m", "newsgraph", "analyze", src, "--db", db, "--no-nlp"],
                         capture_output=True, text=True, env=dict(os.environ, NEWSGRAPH_STORIES="0"))
    for line in (run.stderr + run.stdout).splitlines():  # a page the engine refuses is left out and named
        if line.startswith("failed:"):
            print(f"note: {line}", file=sys.stderr)
    if run.returncode and not os.path.exists(db):
        raise SystemExit(f"newsgraph analyze failed on {path}: {run.stderr.strip() or run.stdout.strip()}")
    with duckdb.connect(db, read_only=True) as con:
        rows = con.execute("SELECT id, outlet, text, url, language FROM articles").fetchall()
    language_of = {aid: base(lang) or "en" for aid, _, _, _, lang in rows}
    rows = [r[:4] for r in rows]
    url_of = {aid: url for aid, _, _, url in rows}
    by_article: dict[str, list[Sentence]] = {}
    for sent in split_sentences({aid: (text, 0, outlet) for aid, outlet, text, _ in rows}):
        by_article.setdefault(sent.article_id, []).append(sent)
    groups: dict[str, list[str]] = {}
    for aid in sorted(url_of):
        groups.setdefault(story[url_of[aid]], []).append(aid)
    if references is not None:
        # languages: only the articles in the reference's language are candidates (for every method)
        return [([s for a in g for s in by_article.get(a, [])
                  if languages is None or language_of[a] == languages.get(name, language_of[a])], references[name])
                for name, g in groups.items() if len(g) > 1 and name in references]
    return [([s for a in g for s in by_article.get(a, [])], " ".join(titles[url_of[a]] for a in g if titles[url_of[a]]))
            for g in groups.values() if len(g) > 1 and any(titles[url_of[a]] for a in g)]


# --- main --------------------------------------------------------------------------------

SWEEP = [("W_COVER", (0.0, 1.0, 1.5, 3.0)), ("W_LEXRANK", (0.0, 1.0, 2.0, 4.0)), ("W_LEAD", (0.0, 0.25, 0.5)),
         ("W_ARTICLE_LEAD", (0.25, 0.5, 1.0)),
         ("LEAD_DECAY", (1.0, 3.0, 8.0)), ("MMR_LAMBDA", (0.5, 0.7, 0.9)), ("EMBED_SHARE", (0.0, 0.5, 1.0)),
         ("SAME_CONTENT", (0.7, 0.85, 1.01)), ("NEW_SHARE", (0.0, 0.25, 0.4, 0.55))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--db", help="a database of the analysed seeds to reuse (made when missing)")
    parser.add_argument("--sweep", action="store_true", help="also score variations of the main weights")
    parser.add_argument("--labelled", help="a labelled JSONL of real articles (fields `story`, `title`, `text`)")
    parser.add_argument("--fit-only", action="store_true",
                        help="labelled stories: give every method only sentences fit to stand in a summary "
                             "(summarize.suitability > 0), not headline fragments and captions left in pages")
    parser.add_argument("--references", help="with --labelled: JSONL of written references, {story, summary} a line")
    parser.add_argument("--same-language", action="store_true",
                        help="with --references: every method summarises only the articles in the reference's "
                             "`language` (as `newsgraph summary --language` does)")
    args = parser.parse_args()
    if not os.path.isdir(args.shared):
        print(f"skipped: no shared data at {args.shared}")
        return 0
    cases: dict[str, tuple[list, int, int | None]] = {}
    seeds = seed_story(args.shared, args.db)
    claims_path = os.path.join(args.shared, "gold", "claims.json")
    if seeds and os.path.exists(claims_path):
        claims = json.load(open(claims_path, encoding="utf-8"))
        for words in (100, 160):
            k = 6 * words // 160
            cases[f"seeds, all five, vs all claims, {words} words"] = (
                seed_cases(*seeds, claims, 1)[-1:], k, words)
            cases[f"seeds, all five, vs claims in >= 2 of them, {words} words"] = (
                seed_cases(*seeds, claims, 2)[-1:], k, words)
            cases[f"seeds, every subset, vs its claims, {words} words"] = (seed_cases(*seeds, claims, 1), k, words)
            cases[f"seeds, every subset, vs its claims in >= 2, {words} words"] = (
                seed_cases(*seeds, claims, 2), k, words)
    else:
        print("skipped the seed story: no seeds or no gold/claims.json")
    pol = polnear(args.shared)
    if pol:
        sentences, meta = pol
        by_article: dict[str, list[Sentence]] = {}
        for s in sentences:
            by_article.setdefault(s.article_id, []).append(s)
        groups = stories(sentences, meta)
        story_cases = [([s for a in g for s in by_article[a]], " ".join(meta[a][0] for a in g)) for g in groups]
        cases["polnear stories vs their headlines, 60 words"] = (story_cases, 3, 60)
        titles = [(by_article[a], meta[a][0]) for a in sorted(by_article)]
        cases["polnear articles vs headline, story summariser, 40 words"] = (titles, 2, 40)
        print_table("polnear articles vs headline, summarize_article", titles, 3, None,
                    {"ours": lambda ss, k, w: summarize_article(ss, k), **{m: METHODS[m] for m in ("lexrank", "lead")}})
        print(f"  polnear story groups: {[len(g) for g in groups]}")
        t0 = time.perf_counter()
        summarize_story(sentences[:1000], k=6, max_words=160)
        print(f"  summarize_story on {min(1000, len(sentences))} sentences: {time.perf_counter() - t0:.3f} s "
              "(first call, model load included)")
        t0 = time.perf_counter()
        summarize_story(sentences[:1000], k=6, max_words=160)
        print(f"  again (model loaded): {time.perf_counter() - t0:.3f} s")
    else:
        print("skipped PolNeAR: no dev/polnear/text")
    if args.labelled:
        if os.path.exists(args.labelled):
            refs, langs = None, None
            if args.references:
                with open(args.references, encoding="utf-8") as f:
                    rows = [json.loads(line) for line in f if line.strip()]
                refs = {r["story"]: r["summary"] for r in rows}
                if args.same_language:
                    langs = {r["story"]: r["language"] for r in rows if r.get("language")}
            found = labelled(args.labelled, refs, langs)
            if args.fit_only:
                found = [([x for x in ss if sm.suitability(x.text) > 0], ref) for ss, ref in found]
            name = os.path.basename(args.labelled) + (" (fit sentences only)" if args.fit_only else "") + (
                " (reference's language only)" if langs else "")
            against = "written references" if refs else "their headlines"
            if refs:
                cases[f"{name}: {len(found)} stories vs {against}, 40 words"] = (found, 2, 40)
            cases[f"{name}: {len(found)} stories vs {against}, 60 words"] = (found, 3, 60)
            cases[f"{name}: same, 100 words"] = (found, 5, 100)
        else:
            print(f"skipped {args.labelled}: not found")
    for title, (cs, k, words) in cases.items():
        print_table(title, cs, k, words)
    if args.sweep:
        sweep(cases)
    return 0


def sweep(cases: dict[str, tuple[list, int, int | None]]) -> None:
    """Mean F1 of ours over all case sets while one weight at a time is varied."""
    print("\nsweep (ours, F1 per case set, in the order above)")
    for name, values in SWEEP:
        default = getattr(sm, name)
        for value in values:
            setattr(sm, name, value)
            f1 = [score(cs, k, w, {"ours": METHODS["ours"]})["ours"][2] for cs, k, w in cases.values()]
            print(f"  {name}={value:<5} " + " ".join(f"{f:.3f}" for f in f1) + f"   mean {np.mean(f1):.3f}")
        setattr(sm, name, default)


if __name__ == "__main__":
    sys.exit(main())
