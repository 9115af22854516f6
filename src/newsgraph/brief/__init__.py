"""Briefings: one story read from the store and told in short, every line cited to its articles.

The briefing is built as plain data (`Briefing`), then rendered as Markdown or HTML; nothing
here computes new facts, it only selects and orders what the corpus stage stored. One module a
part: the timeline (`events`), statements and claims (`claims`), source notes (`notes`), framing
(`framing`), rendering (`render`).
"""
from __future__ import annotations

import os
from bisect import bisect_right
from typing import Any

from ..clean import language
from ..corpus.corroborate import Sources
from ..corpus.figures import story_figures
from ..corpus.reader import outlet_key, split_sentences
from ..errors import NotFound, UsageError
from .claims import author_lines, claims_of, confirmed_spans, only_here, runs_off, statements, told_of_actor
from .days import days
from .events import names_of, timeline
from .framing import framing
from .model import MAX_SUMMARY, Briefing, Item, Source, clip
from .notes import notes
from .render import SECTIONS, render, to_html, to_markdown

__all__ = ["SECTIONS", "Briefing", "Item", "Source", "build", "default_story", "find_story", "render",
           "to_html", "to_markdown"]

def _rows(con, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def default_story(con) -> str:
    row = con.execute("""SELECT id FROM stories ORDER BY independent_outlets DESC, articles DESC, id
                         LIMIT 1""").fetchone()
    if row is None:
        raise NotFound("the store has no stories yet: run `newsgraph analyze` first (with stories on)")
    return row[0]


def find_story(con, story_id: str | None = None) -> dict:
    """The stored row of the story with this id or id prefix (default: the one with most
    independent outlets); a usage error when none or several match."""
    if story_id is not None and not story_id.strip():
        raise UsageError("give a story id (or leave --story out for the largest story)")
    sid = story_id or default_story(con)
    found = _rows(con, """SELECT * EXCLUDE (embedding) FROM stories WHERE id = ? OR starts_with(id, ?)
                          ORDER BY id LIMIT 2""", [sid, sid])
    if not found:  # the id of a story that joined another in a later run leads to that one
        found = _rows(con, """SELECT * EXCLUDE (embedding) FROM stories WHERE id IN (
                                  SELECT DISTINCT story_id FROM story_aliases WHERE alias = ? OR starts_with(alias, ?))
                              ORDER BY id LIMIT 2""", [sid, sid])
    if len(found) != 1:
        error = NotFound if not found else UsageError
        raise error(f"{'no' if not found else 'more than one'} story matches {sid!r}; `newsgraph stories` lists them")
    return found[0]


def _cut_off(quotes: list[dict], arts: list[dict]) -> frozenset[tuple[str, int]]:
    """The quotations (article, start) that run on to where their page was cut off."""
    length = {a["id"]: len(a["text"] or "") for a in arts}
    return frozenset((q["article_id"], q["start"]) for q in quotes
                     if q["article_id"] in length and runs_off(q, length[q["article_id"]]))


def _led(con, sid: str):
    """Whether a claim's first sentence tells what a named actor of the story did or said (its stored
    frame), or holds an event coded with whoever did it ('the second meeting between senior Russian and
    Chinese officials')."""
    actors = frozenset(r[0] for r in con.execute(
        """SELECT DISTINCT e.name FROM entities e JOIN corpus_articles c ON c.article_id = e.article_id
           WHERE c.story_id = ?""", [sid]).fetchall())
    frames: dict[str, list[tuple[int, int, dict]]] = {}
    for aid, start, end, frame in con.execute(
            """SELECT s.article_id, s.start, s."end", s.frame FROM sentences s
               JOIN corpus_articles c ON c.article_id = s.article_id
               WHERE c.story_id = ? AND s.frame IS NOT NULL""", [sid]).fetchall():
        frames.setdefault(aid, []).append((start, end, frame))

    acted = {(aid, start) for aid, start in con.execute(
        """SELECT e.article_id, e.start FROM events e JOIN corpus_articles c ON c.article_id = e.article_id
           WHERE c.story_id = ? AND NOT e.background AND e.source IS NOT NULL""", [sid]).fetchall()}

    for spans in frames.values():
        spans.sort(key=lambda t: t[0])

    def led(claim: dict) -> bool:
        first = (claim["evidence"] or [None])[0]
        spans = frames.get(first["article_id"], []) if first is not None else []
        k = bisect_right(spans, first["start"], key=lambda t: t[0]) - 1 if spans else -1
        if k < 0 or not spans[k][0] <= first["start"] < spans[k][1]:
            return False  # (a sentence with no stored frame, or a claim before the first)
        return told_of_actor(spans[k][2], actors) or (first["article_id"], spans[k][0]) in acted
    return led


def build(con, story_id: str | None = None) -> Briefing:
    """The briefing of one story (default: the one with most independent outlets)."""
    story = find_story(con, story_id)
    sid = story["id"]
    arts = _rows(con, """SELECT a.id, a.outlet, a.source, a.title, a.author, a.published, a.url, a.path, a.flags,
                               a.repairs, a.text, a.language, a.credits, c.seq
                        FROM corpus_articles c JOIN articles a ON a.id = c.article_id
                        WHERE c.story_id = ? ORDER BY a.published NULLS LAST, c.seq""", [sid])
    sources, num = _sources(arts)
    cite = lambda ids: sorted({num[a] for a in ids if a in num})  # noqa: E731
    claims = _rows(con, "SELECT * FROM claims WHERE story_id = ?", [sid])
    clusters = _rows(con, "SELECT * FROM event_clusters WHERE story_id = ?", [sid])
    links = _rows(con, """SELECT l.* FROM links l JOIN corpus_articles c ON c.article_id = l.article_id
                         WHERE c.story_id = ? ORDER BY l.article_id""", [sid])
    quotes = _rows(con, """SELECT q.* FROM quotes q JOIN corpus_articles c ON c.article_id = q.article_id
                          WHERE c.story_id = ?""", [sid])
    events = _rows(con, """SELECT e.id, e.article_id, e.goldstein, e.negated, e.quad_class, e.sentence, e."start",
                                 e.trigger FROM events e
                          JOIN corpus_articles c ON c.article_id = e.article_id WHERE c.story_id = ?""", [sid])
    b = Briefing(
        story_id=sid, headline=story["title"] or clip((story["summary"] or [{}])[0].get("text") or "", 120)
        or "(untitled story)",  # no page title reads as the headline: the summary's first sentence
        overview=_overview(story, arts),
        summary=[Item(s["text"], cite([s["article_id"]])) for s in (story["summary"] or [])[:MAX_SUMMARY]],
        timeline=timeline(clusters, cite, names_of(events)),
        statements=statements(claims, cite, {(q["article_id"], q["start"]): q["kind"] for q in quotes},
                              _cut_off(quotes, arts)),
        corroborated=[], single_source=[], source_notes=notes(arts, links, quotes, num),
        framing=framing(arts, events, sources), sources=sources)
    background = frozenset(c["id"] for c in clusters if c["background"])
    dated = frozenset(c["id"] for c in clusters if c["date"])
    confirmed, bios = confirmed_spans(claims, background, dated), author_lines(arts)
    claims_of(b, claims, cite, confirmed, bios, _led(con, sid))
    skip = {a: confirmed.get(a, []) + bios.get(a, []) for a in set(confirmed) | set(bios)}
    b.single_source.extend(only_here(arts, num, skip))
    b.summary_en = _english_summary(con, sid, story, arts, cite)
    b.days = _days(con, sid, story, arts, cite)
    day_of = {a["id"]: str(a["published"])[:10] for a in arts if a["published"]}
    independent = Sources({a["id"]: outlet_key(a["outlet"], a["source"]) for a in arts},
                          [(x["article_id"], x["other_id"]) for x in links], {a["id"]: a["credits"] for a in arts})
    b.figures = [figure(d, cite, day_of) for d in story_figures(
        ((a["id"], [a["text"][x:y] for x, y in split_sentences(a["text"] or "")]) for a in arts),
        lambda ids: independent.counts(ids)[2])]
    return b


def figure(d, cite, day_of: dict[str, str]) -> Item:
    """'dead: 84 [1][3]', the figure most independent sources lead with, and beneath it the others, by the
    day of their first report ('also reported as: dead: 60, 2021-07-15 [5]': a toll that rose)."""
    def told(kind: str, value: int, articles) -> str:
        days = sorted(day_of[a] for a in articles if day_of.get(a))
        return f"{kind}: {value:,}" + (f", {days[0]}" if days else "")

    (value, first), *rest = d.values
    rest.sort(key=lambda va: (min((day_of[a] for a in va[1] if day_of.get(a)), default="~"), -va[0]))
    return Item(told(d.kind, value, first), cite(first), "outlets give different figures",
                [(told(d.kind, v, a), cite(a)) for v, a in rest])


def _english_summary(con, sid: str, story: dict, arts: list[dict], cite) -> list[Item]:
    """The story summarised from its English articles, when its summary is in another language
    (the one most of its articles are written in) and some of its articles are in English."""
    from ..corpus.refresh import STORY_SENTENCES, STORY_WORDS, story_summary

    lang = {a["id"]: language.base(a.get("language")) or "en" for a in arts}
    first = next(iter(story["summary"] or []), None)
    if first is None or lang.get(first["article_id"], "en") == "en" or "en" not in lang.values():
        return []
    return [Item(x.text, cite([x.article_id]))
            for x in story_summary(con, sid, STORY_SENTENCES, STORY_WORDS, "en")[:MAX_SUMMARY]]


def _days(con, sid: str, story: dict, arts: list[dict], cite) -> list[Item]:
    """`days.days` of the story: each article's terms and lead (its summary's first sentence)."""
    terms, leads = {}, {}
    for aid, ts, summary in con.execute("SELECT article_id, terms, summary FROM corpus_articles WHERE story_id = ?",
                                        [sid]).fetchall():
        terms[aid] = {t["term"]: t["w"] for t in ts or []}
        if summary:
            leads[aid] = min(summary, key=lambda x: x["idx"])["text"]
    first = next(iter(story["summary"] or []), None)
    lang = {a["id"]: language.base(a.get("language")) for a in arts}
    return days(arts, terms, leads, lang.get(first["article_id"]) if first else None, cite)


def _sources(arts: list[dict]) -> tuple[list[Source], dict[str, int]]:
    out, num = [], {}
    for k, a in enumerate(arts, 1):
        outlet = a["outlet"] or f"unknown outlet ({os.path.basename((a['path'] or a['source']).rstrip('/'))})"
        where = a["url"] or a["path"] or a["source"]
        out.append(Source(k, a["id"], outlet, a["title"], a["published"].isoformat() if a["published"] else None,
                          where))
        num[a["id"]] = k
    return out, num


def _overview(story: dict, arts: list[dict]) -> str:
    dates = sorted(a["published"].isoformat() for a in arts if a["published"])
    span = (f"published {dates[0]}" + (f" to {dates[-1]}" if dates[-1] != dates[0] else "")) if dates \
        else "no publication dates"
    undated = sum(1 for a in arts if not a["published"])
    extra = f" ({undated} undated)" if dates and undated else ""
    pending = (" Not finished: articles were added since the story was last rebuilt; run `newsgraph analyze` "
               "again to finish it." if story.get("dirty") else "")
    return (f"{len(arts)} articles from {story['outlets']} outlets, {story['independent_outlets']} of "
            f"them independent (copies and rewrites count once); {span}{extra}. Story {story['id']}.{pending}")
