"""Copies, near copies and rewrites of a chunk's articles among the stored corpus and the chunk:
exact bodies by hash, near copies by MinHash LSH bands checked on the articles' own words, the
near copies LSH missed and rewrites among the earlier members of each article's story, and
reprints of one text reached through a shared copy. A link points from the copy to the original."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pyarrow as pa

from . import dedup
from .cache import RunCache
from .features import cosine
from .reader import Reader, day_of, rows_in

REWRITE_CANDIDATES = 12  # most similar earlier articles of the story checked for a rewrite
REWRITE_MIN_COSINE = 0.45
NEAR_CANDIDATES = 30  # most similar earlier articles of the story checked for a near copy LSH missed...
NEAR_MIN_COSINE = 0.2  # ...by terms at least (reprints with other later paragraphs share few top terms)
SAME_TEXT = 0.8  # estimated Jaccard above which two bodies are one text, however much of it is quoted
MAX_CANDIDATES = 50  # most recent near-copy candidates per article
MAX_COPY_LINKS = 10  # earlier articles an article is linked to as their copy (best first): every pair of
# one wire text's reprints is linked, not only a chain, up to this many per article


class StoredOriginals:
    """What the stored corpus holds for a chunk: the first stored article with each body of the
    chunk, each article's most recent LSH candidates (many copies of one text share every band),
    and the stories of both."""

    def __init__(self, con, ids: Sequence[str], sigs: dict[str, dedup.Signature], hashes: dict[str, str],
                 bands: dict[str, list[int]]):
        self.by_hash: dict[str, list[str]] = {}  # the first MAX_COPY_LINKS stored articles with the body
        self.story_of: dict[str, str] = {}
        for h, aids, sid in rows_in(con, f"""SELECT text_hash, list(article_id ORDER BY seq)[:{MAX_COPY_LINKS}],
                arg_min(story_id, seq) FROM corpus_articles WHERE text_hash IN (SELECT unnest(?)) GROUP BY 1""",
                                    sorted(set(hashes.values()))):
            self.by_hash[h] = aids
            self.story_of[aids[0]] = sid
        look = [i for i in ids if not (sigs[i].n_shingles >= dedup.MIN_SHINGLES and hashes[i] in self.by_hash)]
        self.candidates = self._candidates(con, look, bands)

    def _candidates(self, con, look: Sequence[str],
                    bands: dict[str, list[int]]) -> dict[str, list[tuple[str, dedup.Signature]]]:
        con.register("chunk_bands", pa.table({
            "band": pa.array([b for i in look for b in range(len(bands[i]))], pa.uint8()),
            "key": pa.array([key for i in look for key in bands[i]], pa.uint64()),
            "article_id": pa.array([i for i in look for _ in bands[i]], pa.string())}))
        pairs = con.execute(f"""
            SELECT article_id, seq FROM (
                SELECT article_id, seq, row_number() OVER (PARTITION BY article_id ORDER BY seq DESC) AS k
                FROM (SELECT DISTINCT c.article_id, l.seq FROM chunk_bands c
                      JOIN lsh_bands l ON l.band = c.band AND l.key = c.key))
            WHERE k <= {MAX_CANDIDATES}""").fetchall()
        con.unregister("chunk_bands")
        sig_of = {}
        if pairs:
            con.register("cand_seqs", pa.table({"seq": pa.array(sorted({p[1] for p in pairs}), pa.int32())}))
            got = con.execute("""SELECT c.seq, c.article_id, c.minhash, c.n_shingles,
                    c.story_id FROM corpus_articles c JOIN cand_seqs USING (seq)""").to_arrow_table()
            con.unregister("cand_seqs")
            # the signatures as one array: a list of 128 Python ints per candidate costs more than the query
            mh = got.column("minhash").combine_chunks()
            flat = mh.flatten().to_numpy(zero_copy_only=False).astype(np.uint64, copy=False)
            offsets = mh.offsets.to_numpy()
            for k, (seq_, other, n, sid) in enumerate(zip(*(got.column(c).to_pylist() for c in (
                    "seq", "article_id", "n_shingles", "story_id")))):
                sig_of[seq_] = (other, dedup.Signature(flat[offsets[k]:offsets[k + 1]], n))
                self.story_of[other] = sid
        out: dict[str, list[tuple[str, dedup.Signature]]] = {}
        for aid, seq_ in pairs:
            if seq_ in sig_of:
                out.setdefault(aid, []).append(sig_of[seq_])
        return out


def near_copy_links(aid: str, sig: dedup.Signature, keys: Sequence[int], stored: list[tuple[str, dedup.Signature]],
                     local_bands: dict[tuple[int, int], list[str]], sigs: dict[str, dedup.Signature]) -> list[tuple]:
    """The near copies among the stored candidates and the chunk's earlier articles that share a
    band with this one, closest first (ties: the smaller id), at most MAX_COPY_LINKS."""
    cands = list(stored)
    seen = {c[0] for c in cands}
    for b, key in enumerate(keys):
        for other in local_bands.get((b, key), ()):
            if other not in seen:
                seen.add(other)
                cands.append((other, sigs[other]))
    near = sorted(((-score, other) for (other, _), score in zip(cands, dedup.near_copy_scores(
        [c[1] for c in cands], sig)) if score is not None))[:MAX_COPY_LINKS]
    return [(aid, other, "near_copy", round(-score, 4)) for score, other in near]


def orient(con, links: Sequence[tuple], arts: dict[str, tuple]) -> list[tuple]:
    """A link points from the copy to the original: the later-published article copies the
    earlier one, whatever order they arrived in (arrival order when a date is missing)."""
    stored = dict(rows_in(con, "SELECT article_id, day FROM corpus_articles WHERE article_id IN (SELECT unnest(?))",
                           sorted({x[1] for x in links if x[1] not in arts})))
    out = []
    for link in links:
        day = day_of(arts[link[0]][3])
        other = link[1]
        when = day_of(arts[other][3]) if other in arts else stored.get(other)
        out.append((link[1], link[0], link[2], link[3]) if day is not None and when is not None and when > day
                   else link)
    return out

def verified(read: Reader, found: list[tuple[str, str, list[tuple]]], sigs: dict[str, dedup.Signature],
              stored: StoredOriginals, cache: RunCache, texts: dict[str, str]) -> list[tuple[str, str, list[tuple]]]:
    """The MinHash near copies that hold up on the articles' own words: two pages that mostly
    quote one statement pair in LSH without one copying the other, unless they are one text.
    (The story such a page joined through the link stays: they report one event.)"""
    lsh = [(aid, x[1]) for aid, _, copies in found for x in copies if x[2] == "near_copy"]
    if not lsh:
        return found
    own = cache.own_words(read, sorted({i for pair in lsh for i in pair}), texts)
    sig_of = {o: sig for i in sigs for o, sig in stored.candidates.get(i, [])} | sigs
    drop = {(aid, other) for aid, other in lsh if dedup.similarity(sigs[aid], sig_of[other])[0] < SAME_TEXT
            and own_share(own[aid], own[other]) is None}
    return [(aid, sid, [x for x in copies if (aid, x[1]) not in drop]) for aid, sid, copies in found]


def own_share(a: dedup.OwnWords, b: dedup.OwnWords) -> float | None:
    """How much of their own words two articles share when it makes one a near copy of the
    other: most of the smaller one's, a good part of them in long verbatim runs, one's lead word
    for word (in a page not mostly of its own: LEAD_REST), or most word pairs sentence by sentence
    (an edited copy; None: not a near copy)."""
    share = dedup.contained_share(a.full, b.full)
    if share is not None and share >= dedup.STORY_CONTAINMENT:
        return share
    runs = dedup.run_share(a, b)
    if runs is not None and runs >= dedup.RUN_SHARE:
        return runs
    lead = dedup.lead_share(a, b)
    # a lead reused in a page mostly of its own is none (`share` None: a page that is little but its lead)
    if lead is not None and lead >= dedup.LEAD_CONTAINED and (share is None or share >= dedup.LEAD_REST):
        return lead
    return dedup.pair_share(a, b)


def story_links(con, read: Reader, found: Sequence[tuple[str, str, list[tuple]]],
                 vectors: dict[str, dict[str, float]], cache: RunCache,
                 texts: dict[str, str]) -> dict[str, list[tuple]]:
    """Near copies and rewrites among the earlier members of each article's story (the story it is
    in after the chunk's story joins; the closest ones by terms): near copies LSH did not
    pair (`own_share`; an exact copy gets its original's), and, for an article that copies
    nothing, the best rewrite (sentences aligned one by one)."""
    cache.load_members(con, {sid for _, sid, _ in found})
    near_plans: dict[str, list[str]] = {}
    plans: dict[str, list[str]] = {}
    for aid, sid, _ in found:  # an exact copy too: the original's near copies are its own
        vec = vectors[aid]
        cands = sorted(((cosine(vec, v), o) for o, v in cache.members[sid] if o != aid), key=lambda c: (-c[0], c[1]))
        near_plans[aid] = [o for c, o in cands[:NEAR_CANDIDATES] if c >= NEAR_MIN_COSINE]
        plans[aid] = [o for c, o in cands[:REWRITE_CANDIDATES] if c >= REWRITE_MIN_COSINE]
        cache.add_member(sid, aid, vectors[aid])
    own = cache.own_words(read, [i for aid, cands in near_plans.items() for i in [aid, *cands]], texts)
    linked = {aid: {x[1] for x in copies} for aid, _, copies in found}
    out: dict[str, list[tuple]] = {}
    for aid, cands in near_plans.items():
        near = sorted((-share, other) for other in cands if other not in linked[aid]
                      for share in [own_share(own[aid], own[other])] if share is not None)
        if near:
            out[aid] = [(aid, other, "near_copy", round(-share, 4))
                        for share, other in near[:max(0, MAX_COPY_LINKS - len(linked[aid]))]]
        if near or linked[aid] or not plans[aid]:
            plans.pop(aid, None)
    sets = cache.sentence_sets(read, [i for aid, cands in plans.items() for i in [aid, *cands]])
    for aid, cands in plans.items():
        best, kind = None, "rewrite"
        for other in cands:
            score = dedup.rewrite_score(sets[aid], sets[other])
            if score is not None and (best is None or score > best[1]):
                best = (other, score)
        if best:
            share = dedup.contained_share(own[aid].full, own[best[0]].full) or 0.0
            if share >= dedup.EDITED_CONTAINMENT and best[1] >= dedup.EDITED_ALIGNED:
                best, kind = (best[0], share), "near_copy"  # every sentence kept, a third of it word for word
            out[aid] = [(aid, best[0], kind, round(best[1], 4))]
    return out

def second_hop(read: Reader, links: Sequence[tuple], cache: RunCache, texts: dict[str, str]) -> list[tuple]:
    """Near copies through a shared one: when a chunk article copies B and B copies (or is copied
    by) C, the article and C are two reprints of one text, each edited its own way, and may share
    less with each other than each with B; they are linked when HOP_PAIRS of the smaller one's own
    word pairs are in the other (two independent reports rarely share so many, and never a copy)."""
    near = [x for x in links if x[2] in ("copy", "near_copy")]
    if not near:
        return []
    adj: dict[str, set[str]] = {}
    for a, b, *_ in near:
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    stored = sorted({o for x in near for o in x[:2] if o not in texts})
    for a, b in read.rows("""SELECT article_id, other_id FROM links WHERE type IN ('copy', 'near_copy')
                             AND (article_id IN (SELECT unnest(?)) OR other_id IN (SELECT unnest(?)))""", stored):
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    linked = {frozenset(x[:2]) for x in links}  # a pair linked already, as a rewrite too, keeps its link
    plans: dict[str, list[str]] = {}
    for aid in texts:
        first = adj.get(aid, set())
        shared = Counter(c for n in first for c in adj.get(n, ()) if c != aid and c not in first
                         and frozenset((aid, c)) not in linked)
        if shared:  # those reached through the most shared copies first
            plans[aid] = [c for c, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_COPY_LINKS]]
    if not plans:
        return []
    own = cache.own_words(read, [i for aid, hops in plans.items() for i in [aid, *hops]], texts)
    order = {aid: k for k, aid in enumerate(texts)}
    out, seen = [], set()
    for aid, hops in plans.items():
        for other in hops:
            pair = frozenset((aid, other))
            share = dedup.pair_containment(own[aid], own[other])
            if pair not in seen and share is not None and share >= dedup.HOP_PAIRS:
                seen.add(pair)
                later = other in order and order[other] > order[aid]  # a link points from the later arrival
                out.append((other, aid, "near_copy", round(share, 4)) if later
                           else (aid, other, "near_copy", round(share, 4)))
    return out

