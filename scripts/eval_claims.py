"""Score stories, corroboration and the briefing on the seed articles against ../shared/gold/claims.json.

    python scripts/eval_claims.py [--db PATH] [--verbose]

Analyses ../shared/seeds into a fresh store (unless --db names one already analysed), then, for
each gold cross-outlet claim, finds our claims whose evidence sentences contain one of the gold
evidence spans, and reports:
- seeds_in_one_story: 1.0 when all five seeds share one story id;
- multi_source_recall: gold claims with >= 2 sources for which one of our claims (event cluster,
  statement group, claim group or fact) has evidence in at least two of the gold documents;
- single_source_flagged: gold single-source claims whose matching claims are all single_source;
- single_source_in_brief: gold single-source claims whose evidence sentence is in the briefing;
- single_source_listed_gold: of the briefing's single-source items, those that show a gold single-source
  claim's evidence (the rest are claims the gold does not list, analysis, or what others confirm);
- per claim, a line with what was found (with --verbose).
Skips with exit 0 when ../shared is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    gold_file = SHARED / "gold" / "claims.json"
    if not gold_file.exists():
        print("skipped: ../shared/gold/claims.json not found")
        return 0
    import duckdb

    db = args.db
    if not db:
        db = os.path.join(tempfile.mkdtemp(), "seeds.duckdb")
        exe = str(ROOT / ".venv" / "bin" / "newsgraph")
        subprocess.run([exe, "analyze", str(SHARED / "seeds"), "--db", db], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    con = duckdb.connect(db, read_only=True)
    arts = {Path(p).name: (i, t) for i, p, t in con.execute("SELECT id, path, text FROM articles").fetchall()}
    story = {r[0] for r in con.execute("SELECT DISTINCT story_id FROM corpus_articles").fetchall()}
    claims = con.execute("SELECT kind, text, single_source, independent_outlets, evidence FROM claims").fetchall()
    from newsgraph.brief import build, to_markdown

    briefing = build(con, None)
    brief = to_markdown(briefing)
    gold = json.loads(gold_file.read_text(encoding="utf-8"))

    def spans(doc: str, text: str) -> list[tuple[str, int, int]]:
        if doc not in arts:
            return []
        aid, body = arts[doc]
        k = body.find(text)
        if k < 0:  # the gold quotes the page's mixed-script words; the stored text has them repaired
            from newsgraph.clean import repair_mixed_script

            parts = re.split(r"(\s+)", text)
            words = repair_mixed_script(parts[::2])
            parts[::2] = words
            text = "".join(parts)
            k = body.find(text)
        return [(aid, k, k + len(text))] if k >= 0 else []

    def matching(g: dict) -> list[tuple]:
        want = [s for ev in g.get("evidence", []) for s in spans(ev["doc"], ev["text"])]
        out = []
        for c in claims:
            hit = {e["article_id"] for e in c[4] for aid, s, t in want
                   if e["article_id"] == aid and e["start"] < t and s < e["end"]}
            if hit:
                out.append((c, hit))
        return out

    multi = [g for g in gold if g["independent_sources"] >= 2]
    single = [g for g in gold if g["independent_sources"] == 1]
    found_multi = 0
    for g in multi:
        found = matching(g)
        best = max((len(h) for _, h in found), default=0)
        found_multi += best >= 2
        if args.verbose:
            print(f"{g['id']} multi  docs={len(g['docs'])} best_cover={best}  {g['claim'][:70]}")
    flagged = in_brief = 0
    for g in single:
        found = matching(g)
        ok = bool(found) and all(c[2] for c, _ in found)
        flagged += ok
        texts = [ev["text"] for ev in g.get("evidence", [])]
        shown = any(t[:40] in brief for t in texts) or any(
            c[0] != "event" and c[4][0]["text"][:60] in brief for c, _ in found)
        in_brief += shown
        if args.verbose:
            print(f"{g['id']} single found={len(found)} flagged={ok} in_brief={shown}  {g['claim'][:70]}")
    listed = [it.text for it in briefing.single_source]
    single_texts = [_fold(ev["text"]) for g in single for ev in g.get("evidence", [])]
    listed_gold = sum(any(t in _fold(item) for t in single_texts) for item in listed)
    if args.verbose:
        for item in listed:
            print(("GOLD " if any(t in _fold(item) for t in single_texts) else "---- ") + item[:110])
    print(f"seeds_in_one_story {1.0 if len(story) == 1 and len(arts) == 5 else 0.0:.3f}")
    print(f"stories {len(story)}")
    print(f"multi_source_recall {found_multi / len(multi):.3f}  ({found_multi}/{len(multi)})")
    print(f"single_source_flagged {flagged / len(single):.3f}  ({flagged}/{len(single)})")
    print(f"single_source_in_brief {in_brief / len(single):.3f}  ({in_brief}/{len(single)})")
    print(f"single_source_listed_gold {listed_gold / max(1, len(listed)):.3f}  ({listed_gold}/{len(listed)})")
    return 0


def _fold(text: str) -> str:
    """Text compared across the gold and the briefing: mixed-script letters repaired, quotation marks and
    spaces made plain."""
    from newsgraph.clean import repair_mixed_script

    text = " ".join(repair_mixed_script(text.split()))
    return re.sub(r"[‘’“”\"']", "'", text)


if __name__ == "__main__":
    sys.exit(main())
