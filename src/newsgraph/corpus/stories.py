"""Stories: articles about the same story grouped from content, actors and time, one pass.

Each article is a sparse vector of weighted terms (content words weighted by a fixed IDF prior,
title words counted twice, named actors as their own terms). A story is the running sum of
its articles' vectors. A new article joins the most similar story that shares one of its top
terms and is active within the time window, or starts a story of its own; candidate stories
come from an inverted index over the stories' top terms, so there is no all-pairs step. A
story's id is derived from its first article and never changes as articles arrive.

Outlets tell one event in their own words and quote different people, so two reports of it can
share few weighted terms. Each article therefore also carries a dense vector of its title and
lead (WordLlama static embeddings, bundled), and a story the running sum of them: a candidate
story found by a shared term that the article matches only weakly by terms (TERM_FLOOR) is
joined when the title and lead say what the story's say (EMBED_JOIN).

An article in another language is compared by the names (and numbers) it writes, which are spelled
alike across languages written in Latin letters; where they are too few to place it, its title
and lead, read by a multilingual encoder (Google's Universal Sentence Encoder v3, bundled), are
compared with those of the stories in other languages it shares a term with (ML_JOIN), and a
story begun in another language joins one in another language likewise (ML_MERGE). The encoder
is loaded only when a corpus holds articles in more than one language.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import operator
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Protocol

import numpy as np

from .features import cosine, german_words

JOIN = 0.35  # cosine between an article and a story centroid to join it (eval_stories.py --sweep)
WINDOW_DAYS = 5  # an article joins a story active within this many days of its date
CENTROID_TERMS = 120
INDEX_TERMS = 30  # a story is found by its top terms...
QUERY_TERMS = 15  # ...from an article's top terms
MAX_POSTINGS = 150  # most recently updated stories kept per term
COLD_STORIES = 20_000  # ended stories kept in memory for undated articles; older ones are forgotten
BUSY_BASE = 20  # live candidate stories from which a busy news day asks for a closer match...
BUSY_STEP = 0.05  # ...JOIN plus this much per doubling of them...
BUSY_MAX = 0.6  # ...up to this
TERM_FLOOR = 0.15  # a weaker term match (raised on busy days like JOIN)...
EMBED_JOIN = 0.65  # ...joins when the title-and-lead vectors are this close (cosine to the story's mean)
# a story begun in the chunk joins a story at least as large close to it (update._consolidate):
MERGE_JOIN = 0.4  # its centroid this close by terms to the other's, with lead vectors MERGE_JOIN_EMBED close...
MERGE_JOIN_EMBED = 0.65
MERGE_FLOOR = 0.2  # ...or this close by terms and...
MERGE_EMBED = 0.75  # ...this close by title-and-lead vectors (both raised on busy days, like JOIN)
MERGE_SUM = 1.05  # ...or the two summed this high (session 15: every candidate merge of the sixteen sets'
# last run at 1.03 or more was right, the wrong ones summed 1.02 or less)
MERGE_DAYS = 2  # ...and their days this close: a story begun days after another went quiet is news of its own
# (the one such merge in the fifteen labelled sets joined Reutlingen's machete attack to Würzburg's axe attack
# of five days before; every right merge was of stories a day apart at most)
NAMES_JOIN = 0.2  # an article in another language, by the names it writes: cosine to the story's centroid
# (an article names only some of its story's names; lower values join more on the real sets 5 and 6, whose
# foreign pages all have their story present, so they cannot show what a wrong join costs)
NOUN_WEIGHT = 0.3  # a German vector's common words against one in another language (`noun_weighted`)
EMBED_BUSY = 1.0  # raised on busy days by this many times what JOIN is raised
# after a chunk is placed, an article moves to another story it fits this much better than its own
# (its own without it); session 17, on ten labelled sets: 0.05 better than 0.1, 0.15 or 0.2, and than 0,
# where near ties move
REASSIGN_MARGIN = 0.05
REASSIGN_FLOOR = 0.2  # ...and at least this close to it
# an article in another language that its names do not place: among the stories it shares a term with
# (ML_FLOOR), the closest by multilingual title-and-lead vectors (cosine to the story's mean), if ML_JOIN
# close; a story begun in another language joins another likewise at ML_MERGE (both raised on busy days)
ML_FLOOR = 0.05
ML_JOIN = 0.5
ML_MERGE = 0.5
ML_CANDIDATES = 5  # the closest stories by terms, in another language than the article's, compared so


GERMAN_SHARE = 0.3  # a vector whose German common words carry this share of its weight (squared) is German's


def german_share(vec: dict[str, float]) -> float:
    """The share of a vector's weight (squared) on German common words (`features.german_words`)."""
    total = sum(w * w for w in vec.values())
    if not total:
        return 0.0
    words = german_words()
    return sum(w * w for t, w in vec.items() if t in words) / total


def noun_weighted(vec: dict[str, float], other: dict[str, float]) -> dict[str, float]:
    """`vec` as a vector in another language sees it: its German common words that `other` does
    not have at NOUN_WEIGHT (a word both have, a name such as Scholz or Bundestag, keeps its
    weight), unit length again. Between two German vectors nothing is weighed down."""
    words = german_words()
    low = [t for t in vec if t in words and t not in other]
    if not low:
        return vec
    out = dict(vec)
    for t in low:
        out[t] *= NOUN_WEIGHT
    norm = math.sqrt(sum(w * w for w in out.values())) or 1.0
    return {t: w / norm for t, w in out.items()}


def _lookup_terms(vec: dict[str, float], german: bool) -> list[tuple[str, float]]:
    """The QUERY_TERMS top terms a vector is looked up by in the index; a German vector's top names
    as well, which its common words would crowd out."""
    top = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:QUERY_TERMS]
    if not german:
        return top
    words = german_words()
    names = sorted(((t, w) for t, w in vec.items() if t not in words), key=lambda kv: (-kv[1], kv[0]))
    return list(dict(top + names[:QUERY_TERMS]).items())


def join_for(live: int) -> float:
    """The similarity an article needs to join a story when `live` stories active in the window
    share one of its top terms: JOIN on a quiet day, more on a busy one, where some unrelated story
    of the same actors is bound to come close (eval_stories.py: 'synthetic' at several densities)."""
    if live <= BUSY_BASE:
        return JOIN
    return min(BUSY_MAX, JOIN + BUSY_STEP * math.log2(live / BUSY_BASE))


def story_id(first_article: str) -> str:
    return "s" + hashlib.sha256(first_article.encode()).hexdigest()[:11]


@dataclass(slots=True)
class Story:
    id: str
    first_article: str
    sums: dict[str, float] = field(default_factory=dict)  # summed member vectors (truncated)
    articles: int = 0
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    seq: int = 0  # order of last update, for postings
    _norm: float = 0.0  # length of `sums`, 0 when it must be computed again
    _reach: tuple[int, int] | None = None  # reach(), kept by StoryIndex for the story's time in a posting list
    _listed: set[str] = field(default_factory=set)  # terms whose lists StoryIndex has put it in
    emb: np.ndarray | None = None  # summed title-and-lead vectors of its articles; None: not known
    _german: bool | None = None  # german(), computed again after an article joins

    def german(self) -> bool:
        """Whether the story is told in German: GERMAN_SHARE of its weight on German common words
        (an English story that German pages joined holds their common words weighed down)."""
        if self._german is None:
            self._german = german_share(self.sums) >= GERMAN_SHARE
        return self._german

    def similarity_across(self, vec: dict[str, float], german: bool) -> float:
        """`similarity`, with German common words weighed down on the German side when one of the
        two (the article, by `german`, or the story) is German and the other is not."""
        if german == self.german():
            return self.similarity(vec)
        if german:
            return self.similarity(noun_weighted(vec, self.sums))
        return cosine(vec, noun_weighted(self.centroid(), vec))

    def emb_similarity(self, emb: np.ndarray | None) -> float:
        """Cosine between a unit-length article vector and the mean of the story's (0: either unknown)."""
        if emb is None or self.emb is None:
            return 0.0
        norm = float(np.linalg.norm(self.emb))
        return float(emb @ self.emb) / norm if norm else 0.0

    def centroid(self) -> dict[str, float]:
        norm = self.norm()
        return {k: v / norm for k, v in self.sums.items()}

    def norm(self) -> float:
        if not self._norm:
            self._norm = math.sqrt(sum(v * v for v in self.sums.values())) or 1.0
        return self._norm

    def similarity(self, vec: dict[str, float]) -> float:
        """Cosine between a unit-length article vector and the story's centroid."""
        # map over the terms in order: the same sum as a generator's, at a third of the cost
        return sum(map(operator.mul, vec.values(), map(self.sums.get, vec, repeat(0.0)))) / self.norm()

    def add(self, vec: dict[str, float], day: dt.date | None, emb: np.ndarray | None = None) -> None:
        if emb is not None and (self.emb is not None or not self.articles):  # a story stored before
            # the vectors existed keeps none: a mean of its newest articles alone would misrepresent it
            self.emb = emb.astype(np.float32) if self.emb is None else self.emb + emb
        self.set_sums(self.sums, vec)
        self.articles += 1
        self.widen(day)

    def set_sums(self, sums: dict[str, float], *more: dict[str, float]) -> None:
        """Make `sums` plus `more` the story's summed vector, cut back to its CENTROID_TERMS top terms
        once it holds twice as many."""
        for vec in more:
            for k, v in vec.items():
                sums[k] = sums.get(k, 0.0) + v
        if len(sums) > CENTROID_TERMS * 2:
            sums = dict(sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS])
        self.sums, self._norm, self._german = sums, 0.0, None

    def widen(self, day: dt.date | None) -> None:
        """Take a day into the story's first and last days."""
        if day is not None:
            self.first_date = day if self.first_date is None else min(self.first_date, day)
            self.last_date = day if self.last_date is None else max(self.last_date, day)

    def remove(self, vec: dict[str, float], emb: np.ndarray | None = None) -> None:
        """Take an article's vectors out of the story (`StoryIndex.move`); its days stay as they were."""
        sums = self.sums
        for k, v in vec.items():
            left = sums.get(k)
            if left is not None:
                if left - v > 1e-9:
                    sums[k] = left - v
                else:
                    del sums[k]
        if emb is not None and self.emb is not None:
            self.emb = self.emb - emb
        self._norm = 0.0
        self._german = None
        self.articles -= 1

    def emb_similarity_without(self, emb: np.ndarray | None) -> float:
        """`emb_similarity` to the story without the article itself (a member of it)."""
        if emb is None or self.emb is None or not emb.any():
            return 0.0
        rest = self.emb - emb
        norm = float(np.linalg.norm(rest))
        return float(emb @ rest) / norm if norm > 1e-9 else 0.0

    def similarity_without(self, vec: dict[str, float]) -> float:
        """`similarity` to the story without the article itself (a member of it)."""
        sums = self.sums
        dot = square = 0.0  # over the article's terms: its dot with the rest, and what leaving takes off |sums|^2
        for k, w in vec.items():
            v = sums.get(k)
            if v is not None:
                rest = max(0.0, v - w)
                dot += w * rest
                square += v * v - rest * rest
        norm = self.norm()
        left = norm * norm - square
        return dot / math.sqrt(left) if left > 1e-12 else 0.0

    def top_terms(self, n: int) -> list[str]:
        return [k for k, _ in sorted(self.sums.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]

    def reach(self) -> tuple[int, int] | None:
        """The first and last day (ordinals) a dated article can join this story on; None: any day."""
        if self.first_date is None:
            return None
        return self.first_date.toordinal() - WINDOW_DAYS, self.last_date.toordinal() + WINDOW_DAYS


class Meanings(Protocol):
    """Multilingual title-and-lead vectors of stories (the mean of their articles') and the language
    each story is written in, which is known without the vectors."""

    def language(self, sid: str) -> str | None: ...

    def vectors(self, sids: Sequence[str]) -> dict[str, np.ndarray]: ...


def _closest_by_meaning(language: str | None, mine: Callable[[], np.ndarray | None],
                        weak: Sequence[tuple[float, str]], meanings: Meanings, floor: float,
                        near: float) -> str | None:
    """Of the ML_CANDIDATES stories in another language than `language` closest by terms (at least
    `floor`), the one whose multilingual vector is closest to `mine()` (made only if there is such a
    story), if `near` close (None: none). Two stories in one language compare by their words: their
    vectors would find two finals of one night, or two strikes of one union, alike."""
    cands = [(t, sid) for t, sid in sorted((c for c in weak if c[0] >= floor), key=lambda c: (-c[0], c[1]))
             if meanings.language(sid) not in (None, language)][:ML_CANDIDATES]
    if not cands:
        return None
    vec = mine()
    if vec is None:
        return None
    theirs = meanings.vectors([sid for _, sid in cands])
    best: tuple[float, float, str] | None = None
    for t, sid in cands:
        if sid not in theirs:
            continue
        e = float(vec @ theirs[sid])
        if e >= near and (best is None or (e, t) > best[:2]):
            best = (e, t, sid)
    return best[2] if best else None


def _names_only(story: Story) -> bool:
    """Whether a story knows its articles only by their names: begun by an article in another
    language (its lead vector left out, a zero sum) and joined by no English one yet."""
    return story.emb is not None and not story.emb.any()


class StoryIndex:
    """Stories in memory with an inverted index from top terms to stories.

    Posting lists hold the stories a dated article can still join. Articles come in date order
    (undated last), so once an article of day d has been seen, a story that ended before d is
    out of reach of every later dated article: it moves to a cold list that only undated (and
    out-of-order) articles read. A dated article then meets only the stories live around its
    day, however large the corpus has grown. Of the ended stories the COLD_STORIES that ended
    last stay in memory; older ones are forgotten (memory stays flat over millions of articles):
    an undated article can join a live story or one of those, a copy of an older article starts
    a story of its own, as one of a story outside the loaded window does."""

    def __init__(self, stories: Iterable[Story] = ()):
        self.stories: dict[str, Story] = {}
        self.postings: dict[str, dict[str, None]] = {}  # term -> live story ids, least recently updated first
        self.cold: dict[str, dict[str, None]] = {}  # term -> stories ended before `floor`
        self.floor = -1  # ordinal of the latest day a dated article has asked for
        self.forgotten = 0
        self._ended: dict[str, None] = {}  # stories moved to a cold list, in the order they ended
        self._mark = -1  # `floor` when `mark` was last called...
        self._moved: dict[str, dict[str, None]] = {}  # ...and term -> stories moved to a cold list since
        self._seq = 0
        self.latest: dt.date | None = None  # the last day of any story held
        self.apart: dict[str, set[str]] = {}  # stories parted by hand, never joined by `closest`
        for s in stories:
            self._put(s)

    def _put(self, story: Story) -> None:
        self._seq += 1
        story.seq = self._seq
        story._reach = story.reach()
        if story.last_date is not None and (self.latest is None or story.last_date > self.latest):
            self.latest = story.last_date
        self.stories[story.id] = story
        self._ended.pop(story.id, None)
        if story._listed and self.cold:  # a story gone cold and updated since: the lists that still hold it
            for term in story._listed:  # are read by `closest` until the next `mark`, as if it went cold now
                if story.id in self.cold.get(term, ()):
                    self._moved.setdefault(term, {})[story.id] = None
        for term in story.top_terms(INDEX_TERMS):
            story._listed.add(term)
            post = self.postings.setdefault(term, {})
            post.pop(story.id, None)  # most recently updated last: the oldest is dropped first
            post[story.id] = None
            if len(post) > MAX_POSTINGS:
                del post[next(iter(post))]

    def _live(self, term: str) -> dict[str, None]:
        """The term's posting list, with the stories at its front that ended before `floor` moved
        to the cold list (a story updated late for an early day may stay behind a live one: it is
        skipped as inactive)."""
        post = self.postings.get(term)
        if not post:
            return {}
        while post:
            sid = next(iter(post))
            reach = self.stories[sid]._reach
            if reach is None or reach[1] >= self.floor:
                break
            del post[sid]
            self._moved.setdefault(term, {})[sid] = None
            cold = self.cold.setdefault(term, {})
            cold.pop(sid, None)
            cold[sid] = None
            if len(cold) > MAX_POSTINGS:
                dropped = next(iter(cold))
                del cold[dropped]
                self._moved[term].pop(dropped, None)  # what the whole list no longer holds, closest does not read
            self._ended.setdefault(sid, None)
        if len(self._ended) > COLD_STORIES:
            self._forget()
        return post

    def mark(self) -> None:
        """Note the floor (a chunk starts): `closest` then reads, for a story dated from this floor
        on, the live lists and the stories moved to cold lists since (or updated since while in
        one), not whole cold lists. Any other story in a cold list ended more than WINDOW_DAYS
        before the floor, so it lies too far apart anyway."""
        self._mark = self.floor
        self._moved.clear()

    def _recent(self, term: str) -> list[str]:
        """For an undated or out-of-order article: the MAX_POSTINGS stories of the term updated
        last, live or ended (what one list of every story would hold)."""
        hot, cold = self.postings.get(term, {}), self.cold.get(term, {})
        found = list(reversed(hot))[:MAX_POSTINGS]
        if len(found) < MAX_POSTINGS and cold:
            found += [sid for sid in reversed(cold) if sid not in hot][:MAX_POSTINGS - len(found)]
        return found

    def _forget(self) -> None:
        """Drop the stories that ended first, beyond COLD_STORIES, from memory and every list."""
        while len(self._ended) > COLD_STORIES:
            sid = next(iter(self._ended))
            del self._ended[sid]
            story = self.stories.pop(sid)
            for term in story._listed:
                for lists in (self.postings, self.cold):
                    post = lists.get(term)
                    if post is not None:
                        post.pop(sid, None)
                        if not post:
                            del lists[term]
            self.forgotten += 1

    def best(self, vec: dict[str, float], day: dt.date | None,
             emb: np.ndarray | None = None, names: bool = False,
             german: bool = False, ml: tuple[str | None, Callable[[], np.ndarray | None]] | None = None,
             ml_of: Meanings | None = None, year: int | None = None) -> tuple[str | None, float]:
        """The story this article belongs to (None: a new story), and the term similarity: the
        closest by terms if close enough, else, among those matched at least TERM_FLOOR by
        terms, the closest by its title-and-lead vector `emb` if EMBED_JOIN close. `names`: the
        vector holds only the names an article in another language writes; the closest story by
        terms is joined at NAMES_JOIN (raised on busy days like JOIN), a German story by a German
        page at JOIN. `german`: the vector is a German page's, compared with stories in other
        languages by `Story.similarity_across` (its German common words weighed down) and looked
        up by its names as well. `ml`, with `names`: the article's language and a function that
        makes its multilingual title-and-lead vector, compared with those of the stories in other
        languages (`ml_of`) when its names do not place it (ML_FLOOR, ML_JOIN). `year`, for an
        undated article: the latest year it names (`features.year_floor`); a story that ended in an
        earlier year is out of its reach."""
        top = _lookup_terms(vec, german)
        ordinal = None if day is None else day.toordinal()
        in_order = ordinal is not None and ordinal >= self.floor
        if in_order:
            self.floor = ordinal
        seen: set[str] = set()
        best_id, best_score = None, 0.0
        weak: list[tuple[float, str]] = []  # (term score, story) of the weaker matches
        live = 0
        stories = self.stories
        for term, _ in top:
            for sid in self._live(term) if in_order else self._recent(term):
                if sid in seen:
                    continue
                seen.add(sid)
                story = stories[sid]
                reach = story._reach
                if ordinal is not None and reach is not None and not reach[0] <= ordinal <= reach[1]:
                    continue
                if year is not None and story.last_date is not None and story.last_date.year < year:
                    continue
                live += 1
                score = story.similarity_across(vec, german) if names else story.similarity(vec)
                if score > best_score or (score == best_score and best_id is not None and sid < best_id):
                    best_id, best_score = sid, score
                if score >= TERM_FLOOR and emb is not None or names and ml is not None and score >= ML_FLOOR:
                    weak.append((score, sid))
        join = join_for(live)
        if names:
            # a German page's "names" are its nouns: against a German story it is read as one language
            bar = join if german and best_id is not None and stories[best_id].german() else NAMES_JOIN + (join - JOIN)
            if best_score >= bar:
                return best_id, best_score
            raise_by = join - JOIN
            if ml is not None and ml_of is not None:
                sid = _closest_by_meaning(ml[0], ml[1], weak, ml_of, ML_FLOOR + raise_by,
                                          ML_JOIN + EMBED_BUSY * raise_by)
                if sid is not None:
                    return sid, stories[sid].similarity_across(vec, german)
            return None, best_score
        if best_score >= join:
            return best_id, best_score
        floor, near = TERM_FLOOR + (join - JOIN), EMBED_JOIN + EMBED_BUSY * (join - JOIN)
        close = [(stories[sid].emb_similarity(emb), score, sid) for score, sid in weak if score >= floor]
        close = [c for c in close if c[0] >= near]
        if close:
            _, score, sid = min(close, key=lambda c: (-c[0], -c[1], c[2]))
            return sid, score
        return None, best_score

    def closest(self, story: Story, ml_of: Meanings | None = None, also: Container[str] = ()) -> str | None:
        """Another story, at least as large (or of any size among `also`), that `story` belongs with
        (its centroid and mean lead vector close enough: MERGE_JOIN, or MERGE_FLOOR and MERGE_EMBED;
        by terms alone at NAMES_JOIN when either story was begun in another language) with articles within
        MERGE_DAYS of its own; None: none. The first articles of an event often start a story of
        their own before the coverage that ties them to it has arrived. Candidates are found by
        the story's top terms in the live and the cold lists alike (of the cold lists, the stories
        moved since `mark`, for a story dated since: the others ended too long before), so the
        answer does not depend on how far the chunk has read. `ml_of`: the stories' languages and
        multilingual title-and-lead vectors, by which a story begun in another language that its
        names do not place joins one in another language (ML_FLOOR, ML_MERGE). Never one parted
        from it by hand (`apart`)."""
        vec = story.centroid()
        german = _names_only(story) and story.german()  # (an English corpus never loads the German words)
        top = _lookup_terms(vec, german)
        norm = float(np.linalg.norm(story.emb)) if story.emb is not None else 0.0
        emb = story.emb / norm if norm else None
        seen, found, live = {story.id, *self.apart.get(story.id, ())}, [], 0
        # two dated stories more than WINDOW_DAYS apart never join: another story's reach (its days
        # +- WINDOW_DAYS) must meet this one's days
        days = None if story.first_date is None else (story.first_date.toordinal(), story.last_date.toordinal())
        since_mark = story.first_date is not None and story.first_date.toordinal() >= self._mark
        ended = self._moved if since_mark else self.cold
        for term, _ in top:
            for sid in (self._recent(term) if story.first_date is None
                        else (*self.postings.get(term, {}), *ended.get(term, {}))):
                other = self.stories.get(sid)
                if sid in seen or other is None:
                    continue
                seen.add(sid)
                reach = other._reach
                if days is not None and reach is not None and (reach[1] < days[0] or reach[0] > days[1]):
                    continue
                live += 1  # the stories of the window make a day busy, as for a join...
                if days is not None and other.first_date is not None and (
                        other.last_date.toordinal() + MERGE_DAYS < days[0]
                        or other.first_date.toordinal() - MERGE_DAYS > days[1]):
                    continue  # ...but only those within MERGE_DAYS of this story's days may take it
                if other.articles >= story.articles or sid in also:
                    found.append((other.similarity_across(vec, german) if german or _names_only(other)
                                  else other.similarity(vec), sid))
        raise_by = join_for(live) - JOIN
        near = EMBED_BUSY * raise_by
        ok = []
        by_names = _names_only(story)
        weak = []  # (terms, story) of the stories begun in another language's matches too weak by names
        for t, sid in found:
            across = by_names or _names_only(self.stories[sid])  # begun by an article in another language
            if across and ml_of is not None and ML_FLOOR + raise_by <= t < NAMES_JOIN + raise_by:
                weak.append((t, sid))
            if t < min(NAMES_JOIN, MERGE_FLOOR) + raise_by:
                continue
            if across:  # (two German stories too: at JOIN, as `best` places a page, set 8 0.914 -> 0.902)
                if t >= NAMES_JOIN + raise_by:
                    ok.append((t, sid))
            elif t >= MERGE_FLOOR + raise_by:  # the vectors only for a close enough match by terms
                e = self.stories[sid].emb_similarity(emb)
                if ((t >= MERGE_JOIN + raise_by and e >= MERGE_JOIN_EMBED + near) or e >= MERGE_EMBED + near
                        or t + e >= MERGE_SUM + raise_by + near):
                    ok.append((t + e, sid))
        if not ok and weak and ml_of is not None:
            meanings = ml_of
            return _closest_by_meaning(meanings.language(story.id),
                                       lambda: meanings.vectors([story.id]).get(story.id),
                                       weak, meanings, ML_FLOOR + raise_by, ML_MERGE + near)
        return min(ok, key=lambda c: (-c[0], c[1]))[1] if ok else None

    def better(self, sid: str, vec: dict[str, float], day: dt.date | None, emb: np.ndarray | None = None,
               year: int | None = None) -> tuple[str, float] | None:
        """Another story that an article of story `sid` fits REASSIGN_MARGIN better than its own
        (cosine to the other's centroid, against its own without it), found by its top terms among
        the stories within reach of its day, at least REASSIGN_FLOOR close; None: none. One pass
        places an article by the stories there when it comes: a page of an event's first hours may
        join another story because the event's own coverage has not arrived yet. `emb`: the
        article's title-and-lead vector; one that its own story's say what it says (EMBED_JOIN, as
        `best` may have placed it) moves only to a story whose vectors are as close. `year`, for an
        undated article: as in `best`, a story that ended in an earlier year is out of its reach."""
        mine = self.stories[sid]
        own = mine.similarity_without(vec)
        own_emb = mine.emb_similarity_without(emb)
        ordinal = None if day is None else day.toordinal()
        seen = {sid}
        best_id, best_score = None, max(REASSIGN_FLOOR, own + REASSIGN_MARGIN)
        for term, _ in _lookup_terms(vec, False):
            for other in self._recent(term):
                if other in seen:
                    continue
                seen.add(other)
                story = self.stories.get(other)
                if story is None:
                    continue
                reach = story._reach
                if ordinal is not None and reach is not None and not reach[0] <= ordinal <= reach[1]:
                    continue
                if year is not None and story.last_date is not None and story.last_date.year < year:
                    continue
                score = story.similarity(vec)
                if score >= best_score and (score > best_score or best_id is None or other < best_id) and (
                        own_emb < EMBED_JOIN or story.emb_similarity(emb) >= own_emb):
                    best_id, best_score = other, score
        return None if best_id is None else (best_id, best_score)

    def move(self, aid: str, sid: str, into: str, vec: dict[str, float], day: dt.date | None,
             emb: np.ndarray | None, days: tuple[dt.date | None, dt.date | None] | None = None) -> Story:
        """Move one article (its vectors) from story `sid` to story `into`; `days`: the first and
        last day of what `sid` keeps, where known (else its days stay as they were)."""
        story = self.stories[sid]
        story.remove(vec, emb)
        if days is not None:
            story.first_date, story.last_date = days
        self._put(story)
        target = self.stories[into]
        target.add(vec, day, emb)
        self._put(target)
        return target

    def merge(self, sid: str, into: str, members: Sequence[tuple[dict[str, float], dt.date | None,
                                                                  np.ndarray | None]]) -> Story:
        """Move story `sid` (its articles' vectors, days and lead vectors) into story `into`;
        `sid` leaves the index."""
        gone = self.stories.pop(sid)
        for other in self.apart.pop(sid, ()):  # what was kept apart from it is kept apart from `into`
            self.apart.setdefault(other, set()).discard(sid)
            if other != into:
                self.apart[other].add(into)
                self.apart.setdefault(into, set()).add(other)
        for lists in (self.postings, self.cold):
            for term in gone._listed:
                post = lists.get(term)
                if post is not None:
                    post.pop(sid, None)
                    if not post:
                        del lists[term]
        self._ended.pop(sid, None)
        target = self.stories[into]
        for vec, day, emb in members:
            target.add(vec, day, emb)
        self._put(target)
        return target

    def absorb(self, sid: str, into: str) -> Story:
        """Move the whole of story `sid` (its summed vectors, articles and days) into story `into`, as
        when two stories stored by earlier runs turn out to tell one event; `sid` leaves the index."""
        gone = self.stories[sid]
        target = self.merge(sid, into, ())
        target.set_sums(target.sums, gone.sums)
        # a story stored before the lead vectors existed keeps none; so does what it joins
        target.emb = None if target.emb is None or gone.emb is None else target.emb + gone.emb
        target.articles += gone.articles
        target.widen(gone.first_date)
        target.widen(gone.last_date)
        self._put(target)
        return target

    def add(self, sid: str | None, article_id: str, vec: dict[str, float], day: dt.date | None,
            emb: np.ndarray | None = None) -> str:
        """Put the article in story `sid` (or a new story) and return the story id."""
        if sid is None:
            story = Story(story_id(article_id), article_id)
        else:
            story = self.stories[sid]
        story.add(vec, day, emb)
        self._put(story)
        return story.id
