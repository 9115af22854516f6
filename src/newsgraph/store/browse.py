"""Pages of the stored tables for people and programs exploring a store (the REST API, the
dashboard, notebooks): the export tables filtered by story, article or words and counted, and one
story or one article with everything that belongs to it. Read-only: nothing here writes."""
from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from typing import Any

import duckdb

from ..brief import build, find_story
from ..errors import NotFound, StoreError, UsageError
from .store import EXPORTS, Store, to_json

MAX_LIMIT = 500  # rows a page; a program wanting a whole table exports it
SQL_ROWS = 1000  # rows `sql_rows` returns at most...
SQL_SECONDS = 20.0  # ...after at most this long...
SQL_MEMORY = "512MB"  # ...within this much memory

# the order of each table's pages (the export's own order, written again: a filter may not keep it)
ORDER = {
    "stories": "independent_outlets DESC, articles DESC, id",
    "articles": "published NULLS LAST, coalesce(path, ''), coalesce(url, ''), id",
    "entities": "article_id, name",
    "quotes": 'article_id, "start", id',
    "events": 'article_id, "start", id',
    "claims": "story_id, independent_outlets DESC, salience DESC NULLS LAST, id",
    "event_clusters": "story_id, date NULLS LAST, id",
    "links": "type, article_id, other_id",
    "failures": "source",
}
# the columns words are looked for in (case-insensitive)
SEARCHED = {
    "stories": ("title",), "articles": ("title", "outlet", "text"), "entities": ("name",),
    "quotes": ("speaker", "text"), "events": ("sentence", "source", "target"), "claims": ("text", "speaker"),
    "event_clusters": ("label", "source", "target"), "links": ("url", "other_url"), "failures": ("source", "reason"),
}
_IN_STORY = "article_id IN (SELECT article_id FROM corpus_articles WHERE story_id = ?)"
BY_STORY = {"stories": "id = ?", "articles": "story_id = ?", "links": "story_id = ?", "claims": "story_id = ?",
            "event_clusters": "story_id = ?", "entities": _IN_STORY, "quotes": _IN_STORY, "events": _IN_STORY}
BY_ARTICLE = {"stories": "list_contains(article_ids, ?)", "articles": "id = ?",
              "links": "? IN (article_id, other_id)", "event_clusters": "list_contains(article_ids, ?)",
              "claims": "list_contains(list_transform(evidence, e -> e.article_id), ?)",
              "entities": "article_id = ?", "quotes": "article_id = ?", "events": "article_id = ?"}
# what a page of articles leaves out unless asked for all columns (the text, and what maps into it)
BULKY = {"articles": ("text", "removed", "repairs")}


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [{n: to_json(v) for n, v in zip(names, r)} for r in cur.fetchall()]


def page(store: Store, table: str, *, story: str | None = None, article: str | None = None,
         q: str | None = None, limit: int = 50, offset: int = 0, full: bool = False) -> dict[str, Any]:
    """One page of an export table (`newsgraph export`'s columns) and how many rows match: the
    rows of one story (an id or its prefix) or one article (an id, its prefix, a path or a URL),
    holding the words `q`."""
    if table not in EXPORTS:
        raise NotFound(f"unknown table {table!r}; choose one of: {', '.join(EXPORTS)}")
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise UsageError(f"a page holds 1 to {MAX_LIMIT} rows from an offset of 0 or more "
                         f"(got limit {limit}, offset {offset})")
    where, params = [], []
    if story is not None:
        if table not in BY_STORY:
            raise UsageError(f"the {table} table has no story to filter by")
        where.append(BY_STORY[table])
        params.append(find_story_id(store, story))
    if article is not None:
        if table not in BY_ARTICLE:
            raise UsageError(f"the {table} table has no article to filter by")
        where.append(BY_ARTICLE[table])
        params.append(store.find_article(article)["id"])  # an id, its prefix, a path or a URL
    if q:
        where.append("(" + " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in SEARCHED[table]) + ")")
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params.extend([pattern] * len(SEARCHED[table]))
    dropped = () if full else BULKY.get(table, ())
    columns = f"* EXCLUDE ({', '.join(dropped)})" if dropped else "*"
    body = f"FROM ({EXPORTS[table]}) t" + (" WHERE " + " AND ".join(where) if where else "")
    try:
        total = store.con.execute(f"SELECT count(*) {body}", params).fetchone()[0]
        rows = _rows(store.con.execute(f"SELECT {columns} {body} ORDER BY {ORDER[table]} LIMIT ? OFFSET ?",
                                       [*params, limit, offset]))
    except duckdb.Error as exc:
        raise StoreError(f"cannot read {table} from {store.path}: {exc}") from None
    return {"table": table, "total": total, "limit": limit, "offset": offset, "rows": rows}


def find_story_id(store: Store, story: str) -> str:
    """The id of the one story with this id or id prefix."""
    return find_story(store.con, story)["id"]


def story(store: Store, key: str) -> dict[str, Any]:
    """One story: its stored row, its articles in the order they joined (with the copy, near-copy
    and rewrite links between them), the ids that lead to it (`aliases`) and how many quotes,
    events and claims it holds."""
    row = {k: to_json(v) for k, v in find_story(store.con, key).items() if k not in ("terms", "dirty")}
    sid = row["id"]
    try:
        row["article_list"] = _rows(store.con.execute(
            """SELECT a.id, a.outlet, a.title, a.published, a.language, coalesce(a.url, a.path, a.source) AS url,
                      c.seq, c.story_score, c.summary
               FROM corpus_articles c JOIN articles a ON a.id = c.article_id
               WHERE c.story_id = ? ORDER BY c.seq""", [sid]))
        row["links"] = _rows(store.con.execute(
            f"SELECT article_id, other_id, type, score FROM ({EXPORTS['links']}) t WHERE story_id = ? "
            "ORDER BY type, article_id, other_id", [sid]))
        # ids of stories that joined it (in a later run or by hand): they still lead here
        row["aliases"] = [r[0] for r in store.con.execute(
            "SELECT alias FROM story_aliases WHERE story_id = ? ORDER BY alias", [sid]).fetchall()]
        counts = store.con.execute(f"""SELECT
            (SELECT count(*) FROM quotes WHERE {_IN_STORY}), (SELECT count(*) FROM events WHERE {_IN_STORY}),
            (SELECT count(*) FROM claims WHERE story_id = ?),
            (SELECT count(*) FROM claims WHERE story_id = ? AND single_source),
            (SELECT count(*) FROM event_clusters WHERE story_id = ?)""", [sid] * 5).fetchone()
    except duckdb.Error as exc:
        raise StoreError(f"cannot read story {sid} from {store.path}: {exc}") from None
    row["counts"] = dict(zip(("quotes", "events", "claims", "single_source_claims", "event_clusters"), counts))
    return row


def article(store: Store, key: str) -> dict[str, Any]:
    """One article (by id, id prefix, path or URL): its clean text and metadata, its story, and the
    entities, quotes and events found in it, each with offsets into that text."""
    row = store.find_article(key)
    out = {k: to_json(v) for k, v in row.items() if k not in ("raw_text", "html", "offsets")}
    aid = row["id"]
    try:
        found = store.con.execute("SELECT story_id FROM corpus_articles WHERE article_id = ?", [aid]).fetchone()
        out["story_id"] = found[0] if found else None
        for table in ("entities", "quotes", "events"):
            out[table] = _rows(store.con.execute(
                f"SELECT * FROM ({EXPORTS[table]}) t WHERE article_id = ? ORDER BY {ORDER[table]}", [aid]))
        out["links"] = _rows(store.con.execute(
            f"SELECT article_id, other_id, type, score, url, other_url FROM ({EXPORTS['links']}) t "
            "WHERE ? IN (article_id, other_id) ORDER BY type, article_id, other_id", [aid]))
    except duckdb.Error as exc:
        raise StoreError(f"cannot read article {aid} from {store.path}: {exc}") from None
    return out


def briefing(store: Store, key: str | None = None) -> dict[str, Any]:
    """A story's briefing as data: the sections `newsgraph brief` renders, each line with the
    numbers of the sources it cites (`sources`)."""
    try:
        return to_json(dataclasses.asdict(build(store.con, key)))
    except duckdb.Error as exc:
        raise StoreError(f"cannot read the story from {store.path}: {exc}") from None


def sql_rows(db: str, query: str, seconds: float = SQL_SECONDS) -> dict[str, Any]:
    """The columns and first SQL_ROWS rows of a query over the store at `db`, run read-only in a
    process of its own (`sql_child`): no file outside the store read or written, no setting
    changed, at most SQL_MEMORY, stopped after `seconds`; a query that brings DuckDB down ends
    only that process."""
    child = os.path.join(os.path.dirname(__file__), "sql_child.py")
    try:
        done = subprocess.run([sys.executable, child, db, str(SQL_ROWS), SQL_MEMORY], input=query,
                              capture_output=True, text=True, timeout=seconds)
    except subprocess.TimeoutExpired:
        raise UsageError(f"the query ran longer than {seconds:g} s and was stopped: ask for less "
                         "(a LIMIT, a narrower WHERE), or query the file with `newsgraph sql`") from None
    if done.returncode != 0:
        raise UsageError(f"the query stopped the SQL engine (exit {done.returncode}); nothing was changed")
    out = json.loads(done.stdout)
    if "busy" in out:
        raise StoreError(out["busy"])
    if "error" in out:
        raise UsageError(out["error"])
    return out


def stats(store: Store) -> dict[str, Any]:
    """`Store.stats`, with how many stories and outlets the store holds."""
    stories, outlets = store.query("""SELECT (SELECT count(*) FROM stories),
                                             (SELECT count(DISTINCT outlet) FROM articles)""").fetchone()
    return to_json(store.stats()) | {"stories": stories, "outlets": outlets}
