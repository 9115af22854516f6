"""Stories corrected by hand. An analyst who reads two stories as one event joins them; one who reads
an article as another story's (or a story of its own) moves it. The story rows change as the corpus
stage would have made them (summed term vectors and lead vectors, counts, days), what is derived from
the members (claims, event clusters, summaries, outlet counts) is rebuilt, and a joined story's id
leads to the story it joined (`story_aliases`), so links to it keep working. Later runs place new
articles among the stories as they now stand; the engine never moves a stored article again."""
from __future__ import annotations

import numpy as np

from ..brief import find_story
from ..errors import NotFound, StoreError, UsageError
from .features import is_english, lead_vectors, tokens
from .refresh import refresh_stories
from .stories import Story, StoryIndex, story_id
from .update import STORY_COLUMNS, merge_stored, put_stories, story_of_row


def join_stories(con, story: str, into: str) -> tuple[str, str]:
    """Join story `story` to story `into` (ids, id prefixes or aliases): its articles move, its id
    becomes an alias of `into`'s. Returns (the joined story's id, the id it now leads to)."""
    drop, keep = find_story(con, story)["id"], find_story(con, into)["id"]
    if drop == keep:
        raise UsageError(f"{story!r} and {into!r} are one story already ({keep})")
    index = StoryIndex(_stories(con, [drop, keep]).values())
    kept = index.absorb(drop, keep)
    _write(con, {keep: kept}, {drop: keep})
    refresh_stories(con, [keep])
    return drop, keep


def move_article(con, article: str, to: str | None = None) -> str:
    """Move one article (id, id prefix, path or URL) to story `to`, or to a story of its own when
    `to` is None; returns the id of the story it is now in. A story the move leaves empty is gone,
    its id an alias of the story the article went to; a story whose first article leaves keeps its
    id (ids are stable) and takes its next article as its first."""
    aid, title, text, language = _article(con, article)
    found = con.execute("SELECT story_id, terms, day FROM corpus_articles WHERE article_id = ?", [aid]).fetchone()
    if found is None:
        raise UsageError(f"article {aid} has no story yet: run `newsgraph analyze` to place it")
    sid, terms, day = found
    target = None if to is None else find_story(con, to)["id"]
    if target == sid:
        raise UsageError(f"article {aid} is in story {sid} already")
    stories = _stories(con, [sid] + ([target] if target else []))
    source = stories[sid]
    if target is None and source.articles <= 1:
        raise UsageError(f"article {aid} is the only article of story {sid}")
    vec = {t["term"]: t["w"] for t in terms or []}
    # its lead vector, as the corpus stage made it (a page in another language adds none)
    lead = lead_vectors([(title, text)])[0]
    if not is_english(tokens(text), language):
        lead = np.zeros_like(lead)
    source.remove(vec, lead)
    if target is None:
        target = _fresh_id(con, aid)
        stories[target] = Story(target, aid)
    into = stories[target]
    into.add(vec, day, lead)
    merged: dict[str, str] = {}
    if source.articles == 0:
        merged[sid] = target
        del stories[sid]
    else:
        rest = con.execute("""SELECT min(day), max(day), arg_min(article_id, seq) FROM corpus_articles
                              WHERE story_id = ? AND article_id <> ?""", [sid, aid]).fetchone()
        source.first_date, source.last_date = rest[0], rest[1]
        if source.first_article == aid:
            source.first_article = rest[2]
    _write(con, stories, merged, (aid, target, into.similarity(vec)))
    refresh_stories(con, sorted(stories))
    return target


def _article(con, key: str) -> tuple[str, str | None, str, str | None]:
    rows = con.execute("""SELECT id, title, text, language FROM articles WHERE id = ? OR path = ? OR url = ?
                          OR source = ? OR starts_with(id, ?) ORDER BY id LIMIT 2""", [key] * 5).fetchall()
    if len(rows) != 1:
        raise (NotFound if not rows else UsageError)(f"{'no' if not rows else 'more than one'} article matches {key!r}")
    return rows[0]


def _stories(con, ids: list[str]) -> dict[str, Story]:
    rows = con.execute(f"SELECT {STORY_COLUMNS} FROM stories WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
    return {r[0]: story_of_row(r) for r in rows}


def _fresh_id(con, aid: str) -> str:
    """The id of a new story begun by this article: its own story id, or, where that is taken (the
    article began the story it leaves), the first free one after it."""
    k = 0
    while True:
        sid = story_id(aid if k == 0 else f"{aid}#{k}")
        taken = con.execute("""SELECT (SELECT count(*) FROM stories WHERE id = ?)
                                      + (SELECT count(*) FROM story_aliases WHERE alias = ?)""", [sid, sid]).fetchone()
        if not taken[0]:
            return sid
        k += 1


def _write(con, stories: dict[str, Story], merged: dict[str, str],
           moved: tuple[str, str, float] | None = None) -> None:
    try:
        con.begin()
        if merged:
            merge_stored(con, merged)
        if moved is not None:
            con.execute("UPDATE corpus_articles SET story_id = ?, story_score = ? WHERE article_id = ?",
                        [moved[1], moved[2], moved[0]])
        put_stories(con, stories)
        con.commit()
    except BaseException as exc:
        con.rollback()
        if isinstance(exc, Exception) and not isinstance(exc, StoreError):
            raise StoreError(f"could not write the stories: {exc}") from None
        raise


__all__ = ["join_stories", "move_article"]
