#!/usr/bin/env python3
"""Benchmark: what actor resolution and quote extraction add on top of bare spaCy parsing.

    .venv/bin/python scripts/bench_nlp.py [--n 500] [--repeat 2]

Texts: generated articles (scripts/gen_corpus.py), and the PolNeAR dev texts when
../shared is present (real news). Reports words/s of nlp.pipe and the extra time of
resolve_actors + extract_quotes over the parsed Docs, as a ratio to the parsing time; the time
of event coding; and that of the sentence frames (the English check of each article and each
sentence's predicate-argument frame, frames.py), also as a ratio to the parsing time.
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

from newsgraph import nlp
from newsgraph.actors import resolve_actors
from newsgraph.events import code_events
from newsgraph.frames import looks_english, sentence_frame
from newsgraph.quotes import extract_quotes

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def generated(n: int) -> list[str]:
    out = os.path.join(tempfile.mkdtemp(), "c.jsonl")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), "--n", str(n),
                    "--format", "jsonl", "--seed", "5", "--out", out, "--quiet"], check=True)
    return [json.loads(line)["text"] for line in open(out, encoding="utf-8")]


def polnear() -> list[str]:
    folder = os.path.join(ROOT, "..", "shared", "dev", "polnear", "text")
    return [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(folder, "*.txt")))]


def bench(name: str, texts: list[str], repeat: int) -> dict:
    model = nlp.load()
    list(model.pipe(texts[:20]))  # warm up
    best_parse = best_extract = best_events = best_frames = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        docs = list(model.pipe((nlp.for_parser(t) for t in texts), batch_size=32))
        best_parse = min(best_parse, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for k, doc in enumerate(docs):
            actors = resolve_actors(doc)
            extract_quotes(doc, actors, str(k))
        best_extract = min(best_extract, time.perf_counter() - t0)
        prepared = [(doc, resolve_actors(doc)) for doc in docs]
        t0 = time.perf_counter()
        for k, (doc, actors) in enumerate(prepared):
            code_events(doc, actors, str(k), "2025-01-15")
        best_events = min(best_events, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for doc, actors in prepared:
            if looks_english(doc[:]):
                for sent in doc.sents:
                    sentence_frame(sent, actors)
        best_frames = min(best_frames, time.perf_counter() - t0)
    words = sum(len(t.split()) for t in texts)
    sentences = sum(1 for d in docs for _ in d.sents)
    return {"corpus": name, "articles": len(texts), "words": words,
            "parse_s": round(best_parse, 2), "parse_words_per_s": round(words / best_parse),
            "actors_quotes_s": round(best_extract, 2),
            "overhead_ratio": round(best_extract / best_parse, 3),
            "sentences": sentences, "event_coding_s": round(best_events, 2),
            "event_sentences_per_s": round(sentences / best_events),
            "frames_s": round(best_frames, 2), "frames_ratio": round(best_frames / best_parse, 3)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(json.dumps(bench("generated", generated(args.n), args.repeat)))
    real = polnear()
    if real:
        print(json.dumps(bench("polnear-dev", real, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
