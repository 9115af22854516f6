"""What one run of the corpus stage keeps in memory across chunks, bounded (least recently used out)."""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from . import dedup
from .reader import Reader, rows_in, split_sentences


class RunCache:
    """What one run keeps in memory across chunks: the recent members (id and term vector) of the
    stories last touched, for the rewrite check, and recently aligned articles' sentence sets.
    Both are bounded; what was dropped is read again from the stored corpus, which then holds it."""

    MEMBERS = 200
    STORIES = 5000
    SETS = 4000
    ML = 20_000

    def __init__(self) -> None:
        self.ml: OrderedDict[str, np.ndarray] = OrderedDict()  # multilingual vectors (`Meaning`)
        self.members: OrderedDict[str, list[tuple[str, dict[str, float]]]] = OrderedDict()
        self.sets: OrderedDict[str, dedup.SentenceSet] = OrderedDict()
        self.own: OrderedDict[str, dedup.OwnWords] = OrderedDict()
        # kept story -> stored stories joined to it whose rows may not be written yet (`join_stories`)
        self.joined: dict[str, set[str]] = {}

    def own_words(self, read: Reader, ids: Sequence[str], texts: dict[str, str] | None = None
                  ) -> dict[str, dedup.OwnWords]:
        """dedup.own_words_of these articles (`texts` at hand, the rest read in one query)."""
        ids = list(dict.fromkeys(ids))
        need = [i for i in ids if i not in self.own]
        have = {i: texts[i] for i in need if texts and i in texts}
        rest = [i for i in need if i not in have]
        if rest:
            have.update(read.rows("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))", rest))
        for i in need:
            text = have.get(i, "")
            self.own[i] = dedup.own_words_of(text, split_sentences(text))
        return recent(self.own, ids, self.SETS)

    def join_stories(self, merged: dict[str, str]) -> None:
        """Stored stories joined to others in the chunk (dropped id -> kept id), not yet written: the
        members of both are read again, the dropped one's stored rows as the kept one's."""
        for drop, keep in merged.items():
            self.members.pop(drop, None)
            self.members.pop(keep, None)
            self.joined.setdefault(keep, set()).add(drop)

    def load_members(self, con, sids: set[str]) -> None:
        """Have the members of these stories at hand (one query for those not yet cached)."""
        want = sorted(s for s in sids if s not in self.members)
        of = {sid: sid for sid in want}
        for sid in want:
            self.members[sid] = []
            of.update((drop, sid) for drop in self.joined.get(sid, ()))
        found: dict[str, list[tuple[int, str, dict[str, float]]]] = {}
        for sid, aid, terms, seq in rows_in(con, f"""SELECT story_id, article_id, terms, seq FROM (
                SELECT story_id, article_id, terms, seq,
                       row_number() OVER (PARTITION BY story_id ORDER BY seq DESC) AS k
                FROM corpus_articles WHERE story_id IN (SELECT unnest(?)))
                WHERE k <= {self.MEMBERS} ORDER BY story_id, seq""", sorted(of)):
            found.setdefault(of[sid], []).append((seq, aid, {t["term"]: t["w"] for t in terms or []}))
        for sid, rows in found.items():
            self.members[sid] = [(aid, vec) for _, aid, vec in sorted(rows, key=lambda r: r[0])[-self.MEMBERS:]]
        for sid in sorted(sids):
            self.members.move_to_end(sid)
        while len(self.members) > max(self.STORIES, len(sids)):
            self.members.popitem(last=False)

    def add_member(self, sid: str, aid: str, vec: dict[str, float]) -> None:
        members = self.members[sid]
        members.append((aid, vec))
        if len(members) > self.MEMBERS:
            del members[0]

    def sentence_sets(self, read: Reader, ids: Sequence[str]) -> dict[str, dedup.SentenceSet]:
        ids = list(dict.fromkeys(ids))
        need = [i for i in ids if i not in self.sets]
        found = read.sentences(need) if need else {}
        for i, made in zip(need, dedup.sentence_sets([[s.text for s in found.get(i, [])] for i in need])):
            self.sets[i] = made
        return recent(self.sets, ids, self.SETS)


def recent(cache: OrderedDict, ids: Sequence[str], limit: int) -> dict:
    """These entries of a least-recently-used cache, marked used; the cache cut back to `limit`."""
    out = {}
    for i in ids:
        cache.move_to_end(i)
        out[i] = cache[i]
    while len(cache) > limit:
        cache.popitem(last=False)
    return out

