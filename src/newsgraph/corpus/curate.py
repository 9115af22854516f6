"""Stories corrected by hand. An analyst who reads two stories as one event joins them; one who reads
an article as another story's (or a story of its own) moves it. The story rows change as the corpus
stage would have made them (summed term vectors and lead vectors, counts, days), what is derived from
the members (claims, event clusters, summaries, outlet counts) is rebuilt, and a joined or emptied
story's id leads to the story its articles went to (`story_aliases`), so links to it keep working.
Two stories an article was moved between are kept apart (`stories_apart`): later runs place new
articles among the stories as they now stand and never join that pair again.

Known limit: a German page in a story in another language was stored with its common nouns weighed
down against that story (`stories.noun_weighted`); moved, it keeps that weighting."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..brief import find_story
from ..errors import UsageError
from ..store.store import find_article
from .features import is_english, lead_vectors, tokens
from .refresh import refresh_stories
from .stories import Story, StoryIndex, story_id
from .update import STORY_COLUMNS, apart_once, merge_stored, put_stories, story_of_row, writing


@dataclass(slots=True)
class Curated:
    """What a correction did: the story the articles are now in, the story ids that now lead there
    (`aliases`), the copies of a moved article left in its old story (`copies_left`: article ids),
    and the stories whose claims and summaries could not be rebuilt now (`stale`: the next run of
    `newsgraph analyze` rebuilds them)."""
    story: str
    aliases: list[str] = field(default_factory=list)
    copies_left: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


def join_stories(con, story: str, into: str) -> Curated:
    """Join story `story` to story `into` (ids, id prefixes or aliases): its articles move, its id
    becomes an alias of `into`'s; a pair parted by hand before is no longer kept apart."""
    drop, keep = _story(con, story, "STORY"), _story(con, into, "INTO")
    if drop == keep:
        raise UsageError(f"{story!r} and {into!r} are one story already ({keep})")
    index = StoryIndex(_stories(con, [drop, keep]).values())
    kept = index.absorb(drop, keep)
    _write(con, {keep: kept}, {drop: keep})
    return Curated(keep, [drop], stale=_rebuild(con, [keep]))


def move_article(con, article: str, to: str | None = None) -> Curated:
    """Move one article (id, id prefix, path or URL) to story `to`, or to a story of its own when
    `to` is None. A story the move leaves empty is gone, its id an alias of the story the article
    went to; a story whose first article leaves keeps its id (ids are stable) and takes its next
    article as its first; the two stories are kept apart from then on."""
    aid, title, text, language = find_article(con, article, "id, title, text, language").values()
    found = con.execute("SELECT story_id, terms, day FROM corpus_articles WHERE article_id = ?", [aid]).fetchone()
    if found is None:
        raise UsageError(f"article {aid} has no story yet: run `newsgraph analyze` to place it")
    sid, terms, day = found
    target = None if to is None else _story(con, to, "--to")
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
    reused = None
    if target is None:
        target, reused = _fresh_id(con, aid)
        stories[target] = Story(target, aid)
    into = stories[target]
    into.add(vec, day, lead)
    merged: dict[str, str] = {}
    if source.articles == 0:
        merged[sid] = target
        del stories[sid]
    else:
        _rest(con, source, aid)
    _write(con, stories, merged, (aid, target, into.similarity(vec)), reused,
           None if merged else (sid, target))
    left = [r[0] for r in con.execute("""SELECT DISTINCT o FROM (
            SELECT other_id AS o FROM links WHERE article_id = ? AND type IN ('copy', 'near_copy')
            UNION SELECT article_id FROM links WHERE other_id = ? AND type IN ('copy', 'near_copy'))
            WHERE o IN (SELECT article_id FROM corpus_articles WHERE story_id = ?) ORDER BY o""",
                                                     [aid, aid, sid]).fetchall()]
    return Curated(target, sorted(merged), left, _rebuild(con, sorted(stories)))


def _story(con, key: str | None, what: str) -> str:
    if key is None or not key.strip():
        raise UsageError(f"give a story id (or an id prefix) for {what}; `newsgraph stories` lists them")
    return find_story(con, key)["id"]


def _stories(con, ids: list[str]) -> dict[str, Story]:
    rows = con.execute(f"SELECT {STORY_COLUMNS} FROM stories WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
    return {r[0]: story_of_row(r) for r in rows}


def _rest(con, source: Story, aid: str) -> None:
    """What a story keeps when an article leaves: its days, first article and term sums are those of
    the articles it keeps (the sums made again from their stored vectors: a story cut back to its
    top terms cannot take one article's share away exactly)."""
    rest = con.execute("""SELECT min(day), max(day), arg_min(article_id, seq) FROM corpus_articles
                          WHERE story_id = ? AND article_id <> ?""", [source.id, aid]).fetchone()
    source.first_date, source.last_date = rest[0], rest[1]
    if source.first_article == aid:
        source.first_article = rest[2]
    source.set_sums({}, *({t["term"]: t["w"] for t in terms or []} for (terms,) in con.execute(
        "SELECT terms FROM corpus_articles WHERE story_id = ? AND article_id <> ? ORDER BY seq",
        [source.id, aid]).fetchall()))


def _fresh_id(con, aid: str) -> tuple[str, str | None]:
    """The id of a new story begun by this article: its own story id, or, where a story has it (the
    article began the story it leaves), the first free one after it. An alias that leads elsewhere
    now (the article's own story emptied by an earlier move) is taken back: (id, alias reused)."""
    k = 0
    while True:
        sid = story_id(aid if k == 0 else f"{aid}#{k}")
        if not con.execute("SELECT count(*) FROM stories WHERE id = ?", [sid]).fetchone()[0]:
            alias = con.execute("SELECT count(*) FROM story_aliases WHERE alias = ?", [sid]).fetchone()[0]
            return sid, sid if alias else None
        k += 1


def _write(con, stories: dict[str, Story], merged: dict[str, str], moved: tuple[str, str, float] | None = None,
           reused: str | None = None, apart: tuple[str, str] | None = None) -> None:
    with writing(con, "the stories"):
        if reused is not None:
            con.execute("DELETE FROM story_aliases WHERE alias = ?", [reused])
        if merged:
            merge_stored(con, merged)
        if moved is not None:
            con.execute("UPDATE corpus_articles SET story_id = ?, story_score = ? WHERE article_id = ?",
                        [moved[1], moved[2], moved[0]])
        if apart is not None:
            con.execute("INSERT INTO stories_apart VALUES (?, ?)", list(apart))
            apart_once(con)
        put_stories(con, stories)


def _rebuild(con, ids: list[str]) -> list[str]:
    """Rebuild these stories' claims, event clusters and summaries; those that could not be (they
    stay marked for the next run)."""
    refresh_stories(con, ids)
    return [r[0] for r in con.execute("SELECT id FROM stories WHERE id IN (SELECT unnest(?)) AND dirty ORDER BY id",
                                      [ids]).fetchall()]


__all__ = ["Curated", "join_stories", "move_article"]
