"""Stories: articles about the same story grouped from content, actors and time, one pass.

Each article is a sparse vector of weighted terms (content words weighted by a fixed IDF prior,
title words counted twice, named actors as their own terms). A story is the running sum of
its articles' vectors. A new article joins the most similar story that shares one of its top
terms and is active within the time window, or starts a story of its own; candidate stories
come from an inverted index over the stories' top terms, so there is no all-pairs step. A
story's id is derived from its first article and never changes as articles arrive.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat

JOIN = 0.35  # cosine between an article and a story centroid to join it (eval_stories.py --sweep)
WINDOW_DAYS = 5  # an article joins a story active within this many days of its date
CENTROID_TERMS = 120
INDEX_TERMS = 30  # a story is found by its top terms...
QUERY_TERMS = 15  # ...from an article's top terms
MAX_POSTINGS = 150  # most recently updated stories kept per term
BUSY_BASE = 20  # live candidate stories from which a busy news day asks for a closer match...
BUSY_STEP = 0.05  # ...JOIN plus this much per doubling of them...
BUSY_MAX = 0.6  # ...up to this


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

    def add(self, vec: dict[str, float], day: dt.date | None) -> None:
        sums = self.sums
        for k, v in vec.items():
            sums[k] = sums.get(k, 0.0) + v
        if len(sums) > CENTROID_TERMS * 2:
            self.sums = dict(sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS])
        self._norm = 0.0
        self.articles += 1
        if day is not None:
            self.first_date = day if self.first_date is None else min(self.first_date, day)
            self.last_date = day if self.last_date is None else max(self.last_date, day)

    def top_terms(self, n: int) -> list[str]:
        return [k for k, _ in sorted(self.sums.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]

    def active(self, day: dt.date | None) -> bool:
        if day is None or self.first_date is None:
            return True
        window = dt.timedelta(days=WINDOW_DAYS)
        return self.first_date - window <= day <= self.last_date + window


class StoryIndex:
    """Stories in memory with an inverted index from top terms to stories."""

    def __init__(self, stories: Iterable[Story] = ()):
        self.stories: dict[str, Story] = {}
        self.postings: dict[str, dict[str, None]] = {}  # term -> story ids, least recently updated first
        self._seq = 0
        for s in stories:
            self._put(s)

    def _put(self, story: Story) -> None:
        self._seq += 1
        story.seq = self._seq
        self.stories[story.id] = story
        for term in story.top_terms(INDEX_TERMS):
            post = self.postings.setdefault(term, {})
            post.pop(story.id, None)  # most recently updated last: the oldest is dropped first
            post[story.id] = None
            if len(post) > MAX_POSTINGS:
                del post[next(iter(post))]

    def best(self, vec: dict[str, float], day: dt.date | None) -> tuple[str | None, float]:
        """The story this article vector belongs to (None: a new story), and the similarity."""
        top = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:QUERY_TERMS]
        seen: set[str] = set()
        best_id, best_score = None, 0.0
        live = 0
        for term, _ in top:
            for sid in self.postings.get(term, ()):
                if sid in seen:
                    continue
                seen.add(sid)
                story = self.stories[sid]
                if not story.active(day):
                    continue
                live += 1
                score = story.similarity(vec)
                if score > best_score or (score == best_score and best_id is not None and sid < best_id):
                    best_id, best_score = sid, score
        if best_score >= join_for(live):
            return best_id, best_score
        return None, best_score

    def add(self, sid: str | None, article_id: str, vec: dict[str, float], day: dt.date | None) -> str:
        """Put the article in story `sid` (or a new story) and return the story id."""
        if sid is None:
            story = Story(story_id(article_id), article_id)
        else:
            story = self.stories[sid]
        story.add(vec, day)
        self._put(story)
        return story.id
