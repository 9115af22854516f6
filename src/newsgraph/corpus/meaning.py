"""Meanings across languages: the multilingual title-and-lead vectors of stories and articles, read
when an article or story in another language is to be placed, and a story in another language
joined to one in another by them when neither names nor terms place it."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import islice

import numpy as np

from ..clean.language import base
from .cache import RunCache, recent
from .features import multilingual_vectors
from .reader import Reader
from .stories import Story, StoryIndex


class Meaning:
    """The languages and multilingual title-and-lead vectors (`multilingual_vectors`) of the stories
    that an article in another language is compared with (a story's: the mean of its last MEMBERS
    articles', in the language most of them are written in), and of such articles. Languages come
    from the articles as stored, vectors only when asked for stories in another language than the
    article's: a corpus in one language never loads the model. The last stored members of the
    stories loaded before the chunk are read in one query, the first time the chunk asks."""

    MEMBERS = 8

    def __init__(self, read: Reader, cache: RunCache, arts: dict[str, tuple], foreign: set[str],
                 before: set[str]):
        self.read, self.cache, self.arts, self.foreign, self.before = read, cache, arts, foreign, before
        self.members: dict[str, list[str]] = {}  # the chunk's articles of each story, in arrival order
        self.order: dict[str, int] = {}  # each chunk article's place in arrival order
        self.stored: dict[str, list[tuple[int, str, str]]] | None = None  # read when first asked
        self.joined: dict[str, str] = {}  # stored stories joined to another in the chunk: dropped -> kept

    def add(self, aid: str, sid: str) -> None:
        self.order[aid] = len(self.order)
        self.members.setdefault(sid, []).append(aid)

    def move(self, group: Sequence[str], drop: str, keep: str) -> None:
        """The chunk's articles of story `drop` (`group`) merged into story `keep`."""
        self.members.pop(drop, None)
        self.members[keep] = sorted([*self.members.get(keep, []), *group], key=self.order.__getitem__)
        if drop in self.before:  # two stored stories joined: the kept one's stored members are both's
            for old, new in self.joined.items():
                if new == drop:
                    self.joined[old] = keep
            self.joined[drop] = keep
            if self.stored is not None:
                self.stored[keep] = sorted(self.stored.get(keep, []) + self.stored.pop(drop, []), reverse=True)

    def article_language(self, aid: str) -> str:
        """A chunk article's language ("und": in another language than English, not known which)."""
        return base(self.arts[aid][4]) or ("und" if aid in self.foreign else "en")

    def _last(self, sid: str) -> list[tuple[str, str]]:
        """The story's last MEMBERS articles and their languages, newest first."""
        last = [(aid, self.article_language(aid)) for aid in islice(reversed(self.members.get(sid, [])), self.MEMBERS)]
        if len(last) < self.MEMBERS and sid in self.before:
            if self.stored is None:
                self.stored = {}
                for story, aid, language, seq in self.read.rows(f"""SELECT m.story_id, m.article_id, a.language,
                               m.seq FROM (
                        SELECT story_id, article_id, seq,
                               row_number() OVER (PARTITION BY story_id ORDER BY seq DESC) AS k
                        FROM corpus_articles WHERE story_id IN (SELECT unnest(?))) m
                        JOIN articles a ON a.id = m.article_id WHERE m.k <= {self.MEMBERS}
                        ORDER BY m.story_id, m.k""",
                                                                sorted(self.before)):
                    # (a story joined to another before the first read: its rows are the kept one's)
                    self.stored.setdefault(self.joined.get(story, story), []).append(
                        (seq, aid, base(language) or "en"))
                for rows in self.stored.values():
                    rows.sort(reverse=True)  # newest first
            last += [(aid, language) for _, aid, language in self.stored.get(sid, [])]
        return last[:self.MEMBERS]

    def language(self, sid: str) -> str | None:
        """The language most of the story's last articles are written in (English on a tie; "und",
        another language not known which, is a language of its own)."""
        counts = Counter(code for _, code in self._last(sid))
        return max(sorted(counts), key=lambda code: (counts[code], code == "en")) if counts else None

    def article(self, aid: str) -> np.ndarray | None:
        return self._embed([aid]).get(aid)

    def vectors(self, sids: Sequence[str]) -> dict[str, np.ndarray]:
        last = {sid: [aid for aid, _ in self._last(sid)] for sid in sids}
        vecs = self._embed([aid for ids in last.values() for aid in ids])
        out = {}
        for sid, ids in last.items():
            have = [vecs[a] for a in ids if a in vecs]
            total = np.sum(have, axis=0) if have else None
            norm = float(np.linalg.norm(total)) if total is not None else 0.0
            if norm:
                out[sid] = total / norm
        return out

    def _embed(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        ids = list(dict.fromkeys(ids))
        need = [i for i in ids if i not in self.cache.ml]
        if need:
            items = {i: (self.arts[i][1], self.arts[i][2]) for i in need if i in self.arts}
            rest = [i for i in need if i not in items]
            if rest:
                items |= {i: (title, text) for i, title, text in self.read.rows(
                    "SELECT id, title, text FROM articles WHERE id IN (SELECT unnest(?))", rest)}
            found = [i for i in need if i in items]
            vecs = multilingual_vectors([items[i] for i in found])
            for i, vec in zip(found, vecs if vecs is not None else []):
                self.cache.ml[i] = vec
        return recent(self.cache.ml, [i for i in ids if i in self.cache.ml], self.cache.ML)


ACROSS_CANDIDATES = 10  # the largest stories of the chunk in another language...
ACROSS_JOIN = 0.6  # ...that a story no name or term placed joins when their vectors are this close


def across_languages(index: StoryIndex, story: Story, chunk_stories: dict[str, Story], meaning: Meaning) -> str | None:
    """Of the ACROSS_CANDIDATES largest stories the chunk touched in another language, at least as
    large as `story` and within WINDOW_DAYS of its days, the one whose multilingual title-and-lead
    vector is ACROSS_JOIN close to the story's (None: none). An article in Arabic, Japanese or
    Russian shares no term with coverage in Latin letters, and one in Spanish that writes "Niza" and
    "Francia" none with pages on Nice, so no term finds it candidates."""
    first = None if story.first_date is None else story.first_date.toordinal()
    last = None if story.last_date is None else story.last_date.toordinal()
    sizes = []
    for sid, other in chunk_stories.items():
        if sid == story.id or sid not in index.stories or other.articles < story.articles:
            continue
        reach = other.reach()
        if first is not None and reach is not None and (reach[1] < first or reach[0] > last):
            continue
        sizes.append((-other.articles, sid))
    language = meaning.language(story.id)
    cands = [sid for _, sid in sorted(sizes) if meaning.language(sid) not in (None, language)][:ACROSS_CANDIDATES]
    mine = meaning.vectors([story.id]).get(story.id) if cands else None
    if mine is None:
        return None
    theirs = meaning.vectors(cands)
    best = max(((float(mine @ theirs[sid]), sid) for sid in cands if sid in theirs), default=None)
    return best[1] if best is not None and best[0] >= ACROSS_JOIN else None


