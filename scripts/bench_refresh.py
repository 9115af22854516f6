#!/usr/bin/env python3
"""Time the two quadratic parts of a story's refresh on a big story: claim grouping and the
multi-document summary, on N articles x 40 sentences of random words (each sentence its own
claim: the worst case for grouping).

    .venv/bin/python scripts/bench_refresh.py [--articles 150] [--sentences 40] [--seed 1]

Words are drawn from wordfreq's 2,000th-20,000th most frequent English words.
"""
from __future__ import annotations

import argparse
import random
import time


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=150)
    ap.add_argument("--sentences", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    from wordfreq import top_n_list

    from newsgraph.corpus.corroborate import SentenceRow, claim_sentences, group_claims
    from newsgraph.corpus.features import embed
    from newsgraph.corpus.summarize import Sentence, summarize_story

    rng = random.Random(args.seed)
    words = top_n_list("en", 20000)[2000:]
    rows = [SentenceRow(f"a{a}", i, i * 100, i * 100 + 90,
                        " ".join(rng.choice(words) for _ in range(14)).capitalize() + ".")
            for a in range(args.articles) for i in range(args.sentences)]
    embed(["warm up the embedding model"])
    t = time.perf_counter()
    groups = group_claims(claim_sentences(rows))
    grouping = time.perf_counter() - t
    pool = [Sentence(r.article_id, r.index, r.start, r.end, r.text, f"o{k % 30}", 1) for k, r in enumerate(rows)]
    t = time.perf_counter()
    summarize_story(pool)
    summary = time.perf_counter() - t
    print(f"sentences {len(rows)}  groups {len(groups)}  group_claims {grouping:.2f} s  "
          f"summarize_story {summary:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
