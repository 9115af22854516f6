"""One Store class owns the DuckDB connection; writes are one transaction per batch."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from importlib.resources import files
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import NotFound, StoreError, UsageError
from ..events.lexicon import code_info, plover
from ..records import Article, Entity, Event, Frame, InputError, Quote

EXPORTS: dict[str, str] = {
    "articles": """SELECT id, source, format, path, url, outlet, title, author, published, language,
                          site_name, credits, text, removed, repairs, flags, content_hash, c.story_id, c.summary
                   FROM articles LEFT JOIN corpus_articles c ON c.article_id = id
                   ORDER BY coalesce(path, ''), coalesce(url, ''), id""",
    "failures": "SELECT source, reason, seen_at FROM failures ORDER BY source",
    "entities": """SELECT article_id, name, type, country, code, role, kb, mentions FROM entities
                   ORDER BY article_id, mentions[1].start, name""",
    "quotes": """SELECT id, article_id, speaker, speaker_code, speaker_named, speaker_text, text, kind,
                        cue, "start", "end", gap_start, gap_end, statement_id, sentence FROM quotes
                 ORDER BY article_id, "end", kind, "start" """,
    "events": """SELECT id, article_id, date, date_precision, date_text, source, source_code, target,
                        target_code, event_code, event_root, quad_class, goldstein, plover, negated,
                        modality, background, "symmetric", quote_id, location, country, lat, lon, trigger,
                        sentence, "start", "end" FROM events ORDER BY article_id, "start", id""",
    "stories": """SELECT s.id, s.title, s.articles, s.outlets, s.independent_outlets, s.first_date, s.last_date,
                         s.summary, list(c.article_id ORDER BY c.seq) AS article_ids,
                         list(coalesce(a.url, a.path, a.source) ORDER BY c.seq) AS article_urls,
                         list(a.language ORDER BY c.seq) AS article_languages,
                         coalesce(any_value(al.aliases), []) AS aliases
                  FROM stories s JOIN corpus_articles c ON c.story_id = s.id JOIN articles a ON a.id = c.article_id
                  LEFT JOIN (SELECT story_id, list(alias ORDER BY alias) AS aliases FROM story_aliases
                             GROUP BY story_id) al ON al.story_id = s.id
                  GROUP BY ALL ORDER BY s.articles DESC, s.id""",
    "links": """SELECT l.article_id, l.other_id, l.type, l.score, c.story_id,
                       coalesce(a.url, a.path, a.source) AS url, coalesce(o.url, o.path, o.source) AS other_url
                FROM links l JOIN articles a ON a.id = l.article_id JOIN articles o ON o.id = l.other_id
                LEFT JOIN corpus_articles c ON c.article_id = l.article_id
                ORDER BY l.type, l.article_id, l.other_id""",
    "claims": """SELECT id, story_id, kind, text, normalised, speaker, statement_id, event_cluster_id, mentions,
                        articles, outlets, independent_outlets, single_source, salience, evidence FROM claims
                 ORDER BY story_id, independent_outlets DESC, salience DESC, id""",
    "event_clusters": """SELECT id, story_id, label, date, source, source_code, target, target_code, event_code,
                                event_root, negated, modality, background, location, mentions, articles, outlets,
                                independent_outlets, event_ids, article_ids FROM event_clusters
                         ORDER BY story_id, date NULLS LAST, id""",
}

_REMOVED = pa.list_(pa.struct([("line", pa.int32()), ("text", pa.string()), ("reason", pa.string()),
                               ("start", pa.int32()), ("end", pa.int32())]))
_REPAIRS = pa.list_(pa.struct([("original", pa.string()), ("repaired", pa.string()),
                               ("start", pa.int32()), ("end", pa.int32())]))
_OFFSETS = pa.list_(pa.struct([("clean_start", pa.int32()), ("clean_len", pa.int32()),
                               ("raw_start", pa.int32()), ("raw_len", pa.int32())]))
_ARTICLE_SCHEMA = pa.schema([
    ("id", pa.string()), ("source", pa.string()), ("format", pa.string()), ("path", pa.string()),
    ("url", pa.string()), ("outlet", pa.string()), ("title", pa.string()), ("author", pa.string()),
    ("published", pa.date32()), ("language", pa.string()), ("site_name", pa.string()),
    ("text", pa.string()), ("raw_text", pa.string()), ("html", pa.string()), ("removed", _REMOVED),
    ("repairs", _REPAIRS), ("offsets", _OFFSETS), ("flags", pa.list_(pa.string())),
    ("content_hash", pa.string()), ("ingested_at", pa.timestamp("us")), ("extracted", pa.bool_()),
    ("credits", pa.list_(pa.string())),
])


def find_article(con, key: str, columns: str = "*") -> dict[str, Any]:
    """The stored row (these columns) of the one article with this id, id prefix, URL, source or
    path (as given or made absolute, as `analyze` stores it)."""
    if not key.strip():
        raise UsageError("give an article id (or an id prefix), path or URL")
    cur = con.execute(f"""SELECT {columns} FROM articles WHERE id = ? OR path = ? OR path = ? OR url = ?
        OR source = ? OR starts_with(id, ?) ORDER BY id LIMIT 2""", [key, key, os.path.abspath(key), key, key, key])
    rows = cur.fetchall()
    if len(rows) != 1:
        raise (NotFound if not rows else UsageError)(f"{'no' if not rows else 'more than one'} article "
                                                     f"matches {key!r}")
    return dict(zip([d[0] for d in cur.description], rows[0]))


class Store:
    """A newsgraph database file."""

    def __init__(self, path: str, read_only: bool = False, memory_limit: str = "256MB"):
        self.path = path
        try:
            self.con = duckdb.connect(path, read_only=read_only,
                                      config={"memory_limit": memory_limit})
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the database {path}: {exc}") from None
        if not read_only:
            self.migrate()
            return
        # a read-only open never writes the file (an older newsgraph may still be writing it): what
        # later migrations add is read as empty
        pending = {_version(e) for e in self._pending()}
        catalog = self.con.execute("SELECT current_database()").fetchone()[0].replace('"', '""')
        if 14 in pending:  # written before articles had credits: read as if none were found
            self.con.execute(f"""CREATE TEMP VIEW articles AS SELECT *, NULL::VARCHAR[] AS credits
                                 FROM "{catalog}".main.articles""")
        if 15 in pending:  # written before stories could join across runs: no aliases
            self.con.execute("""CREATE TEMP TABLE story_aliases (alias VARCHAR, story_id VARCHAR,
                                merged_at TIMESTAMP)""")
        if 17 in pending:  # written before quotes had gaps: none has one
            self.con.execute(f"""CREATE TEMP VIEW quotes AS SELECT *, NULL::INTEGER AS gap_start,
                                 NULL::INTEGER AS gap_end FROM "{catalog}".main.quotes""")

    def _pending(self) -> list:
        """The migration files this store has not had, in order."""
        try:
            done = {v for (v,) in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        except duckdb.Error:
            return []  # not a newsgraph store yet: what reads it says so
        return [e for e in _migration_files() if _version(e) not in done]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ schema
    def migrate(self) -> None:
        """Apply the numbered migrations not yet applied, each in its own transaction."""
        self.con.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)""")
        for entry in self._pending():
            version = _version(entry)
            self.con.begin()
            try:
                self.con.execute(entry.read_text(encoding="utf-8"))
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                                 [version, entry.name, dt.datetime.now()])
                self.con.commit()
            except duckdb.Error as exc:
                try:
                    self.con.rollback()
                except duckdb.Error:
                    pass  # the failed commit ended the transaction already (a folder it cannot write to)
                raise StoreError(f"migration {entry.name} failed on {self.path}: {exc}") from None

    def schema_version(self) -> int:
        return self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] or 0

    # ------------------------------------------------------------------ writes
    def existing_ids(self, ids: Sequence[str], extracted_only: bool = False) -> set[str]:
        """Which of `ids` are stored (and, with `extracted_only`, went through extraction)."""
        if not ids:
            return set()
        sql = "SELECT id FROM articles WHERE id IN (SELECT unnest(?))"
        rows = self.con.execute(sql + (" AND extracted" if extracted_only else ""), [list(ids)]).fetchall()
        return {r[0] for r in rows}

    def line_counts(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """Stored page counts of (outlet, line_key) pairs."""
        if not keys:
            return {}
        self.con.register("want_lines", pa.table({"outlet": [k[0] for k in keys],
                                                  "line_key": [k[1] for k in keys]}))
        rows = self.con.execute("""SELECT w.outlet, w.line_key, o.docs FROM outlet_lines o
            JOIN want_lines w ON o.outlet = w.outlet AND o.line_hash = hash(w.line_key)""").fetchall()
        self.con.unregister("want_lines")
        return {(o, k): n for o, k, n in rows}

    def count_lines(self, counts: dict[tuple[str, str], int]) -> None:
        """Add per-outlet line counts (inside the caller's transaction)."""
        if not counts:
            return
        table = pa.table({"outlet": [k[0] for k in counts], "line_key": [k[1] for k in counts],
                          "docs": list(counts.values())})
        self.con.register("batch_lines", table)
        self.con.execute("""INSERT INTO outlet_lines SELECT outlet, hash(line_key), docs FROM batch_lines
            ON CONFLICT (outlet, line_hash) DO UPDATE SET docs = outlet_lines.docs + excluded.docs""")
        self.con.unregister("batch_lines")

    def statements_of(self, speakers: Iterable[str]) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        """Known statements (id, content key) of each speaker, for statement matching."""
        speakers = sorted({s for s in speakers if s})
        if not speakers:
            return {}
        rows = self.con.execute("""SELECT speaker, statement_id, key FROM quotes
            WHERE speaker IN (SELECT unnest(?)) ORDER BY article_id, "start" """, [speakers]).fetchall()
        out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for speaker, sid, key in rows:
            out.setdefault(speaker, []).append((sid, tuple(key or ())))
        return out

    def write_batch(self, articles: Sequence[Article], failures: Sequence[InputError],
                    line_counts: dict[tuple[str, str], int] | None = None,
                    entities: Sequence[Entity] = (), quotes: Sequence[Quote] = (),
                    events: Sequence[Event] = (), extracted: Sequence[str] = (),
                    sentences: dict[str, Sequence[tuple]] | None = None) -> int:
        """Store one batch in one transaction; returns how many articles were new."""
        try:
            self.con.begin()
            before = self.con.execute("SELECT count(*) FROM articles").fetchone()[0]
            if articles:
                self.con.register("batch_articles", _articles_table(articles))
                self.con.execute("INSERT OR IGNORE INTO articles BY NAME SELECT * FROM batch_articles")
                self.con.unregister("batch_articles")
                self.con.execute("DELETE FROM failures WHERE source IN (SELECT unnest(?))",
                                 [[a.source for a in articles]])
            self._insert("entities", _entities_table(entities))
            self._insert("quotes", _quotes_table(quotes))
            self._insert("events", _events_table(events))
            self._insert("sentences", _sentences_table(sentences or {}))
            if extracted:
                self.con.register("batch_extracted", pa.table({"id": pa.array(list(extracted), pa.string())}))
                self.con.execute("UPDATE articles SET extracted = true WHERE id IN (SELECT id FROM batch_extracted)")
                # stories holding articles extracted again get their clusters and claims rebuilt
                self.con.execute("""UPDATE stories SET dirty = true WHERE id IN (SELECT story_id FROM corpus_articles
                                    WHERE article_id IN (SELECT id FROM batch_extracted))""")
                self.con.unregister("batch_extracted")
            self._write_failures(failures)
            self.count_lines(line_counts or {})
            after = self.con.execute("SELECT count(*) FROM articles").fetchone()[0]
            self.con.commit()
        except duckdb.Error as exc:
            self.con.rollback()
            raise StoreError(f"could not write a batch to {self.path}: {exc}") from None
        except BaseException:
            self.con.rollback()  # an interrupt or a bug must not leave the transaction open
            raise
        return after - before

    def update_corpus(self, stage, on_progress=None):
        """Run the corpus stage (`newsgraph.corpus.update.update`) on this store's connection."""
        try:
            return stage(self.con, on_progress)
        except duckdb.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"could not update stories and claims in {self.path}: {first}") from None

    def join_stories(self, story: str, into: str):
        """Join one story to another by hand (`newsgraph.corpus.curate.join_stories`)."""
        from ..corpus.curate import join_stories

        try:
            return join_stories(self.con, story, into)
        except duckdb.Error as exc:
            raise StoreError(f"could not join the stories in {self.path}: {exc}") from None

    def move_article(self, article: str, to: str | None = None):
        """Move an article to another story, or one of its own, by hand (`curate.move_article`)."""
        from ..corpus.curate import move_article

        try:
            return move_article(self.con, article, to)
        except duckdb.Error as exc:
            raise StoreError(f"could not move the article in {self.path}: {exc}") from None

    def resolve_short_names(self) -> int:
        """Across the corpus, a person named by surname only takes the one full-name person of
        that surname whose country or role another article states; a person whose country one
        article states has it where another leaves it out. Returns the rows changed."""
        people = """WITH people AS (
                SELECT name, arg_max(struct_pack(country := country, code := code, role := role), n) AS p,
                       lower(string_split(name, ' ')[-1]) AS surname
                FROM (SELECT name, country, code, role, count(*) AS n FROM entities
                      WHERE type = 'PERSON' AND name LIKE '% %' AND country IS NOT NULL GROUP BY ALL)
                GROUP BY name),
            uniq AS (SELECT surname, any_value(name) AS name, any_value(p) AS p
                     FROM people GROUP BY surname HAVING count(*) = 1)"""
        try:
            self.con.begin()
            changed = self.con.execute(people + """
                UPDATE entities e SET country = k.p.country, code = coalesce(e.code, k.p.code)
                FROM people k WHERE e.type = 'PERSON' AND e.name = k.name AND e.country IS NULL
                """).fetchone()[0]
            changed += self.con.execute(people + """
                UPDATE entities e SET name = u.name, country = u.p.country, code = u.p.code,
                       role = coalesce(e.role, u.p.role)
                FROM uniq u
                WHERE e.type = 'PERSON' AND e.name NOT LIKE '% %' AND lower(e.name) = u.surname
                  AND NOT EXISTS (SELECT 1 FROM entities x WHERE x.article_id = e.article_id
                                  AND (x.name = u.name OR (x.name <> e.name AND lower(x.name) = lower(e.name))))
                """).fetchone()[0]
            changed += self.con.execute(people + """
                UPDATE quotes q SET speaker = u.name, speaker_code = coalesce(q.speaker_code, u.p.code)
                FROM uniq u
                WHERE q.speaker_named AND q.speaker NOT LIKE '% %' AND lower(q.speaker) = u.surname
                  AND EXISTS (SELECT 1 FROM entities x WHERE x.article_id = q.article_id AND x.name = u.name)
                """).fetchone()[0]
            self.con.commit()
        except duckdb.Error as exc:
            self.con.rollback()
            raise StoreError(f"could not resolve names across articles in {self.path}: {exc}") from None
        return changed

    def _insert(self, table: str, rows: pa.Table | None) -> None:
        if rows is None or not rows.num_rows:
            return
        self.con.register("batch_rows", rows)
        self.con.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM batch_rows")
        self.con.unregister("batch_rows")

    def _write_failures(self, failures: Sequence[InputError]) -> None:
        if not failures:
            return
        self.con.register("batch_failures", _failures_table(failures))
        self.con.execute("""INSERT INTO failures SELECT * FROM batch_failures
            ON CONFLICT (source) DO UPDATE SET reason = excluded.reason""")
        self.con.unregister("batch_failures")

    # ------------------------------------------------------------------- reads
    def query(self, sql: str, params: Sequence[Any] = ()) -> duckdb.DuckDBPyRelation:
        try:
            return self.con.execute(sql, list(params))
        except duckdb.Error as exc:
            raise UsageError(f"query failed: {exc}") from None

    def export_rows(self, table: str) -> tuple[list[str], Iterator[tuple]]:
        """Column names and a stream of rows of one export table."""
        if table not in EXPORTS:
            raise UsageError(f"unknown table {table!r}; choose one of: {', '.join(EXPORTS)}")
        cur = self.con.execute(EXPORTS[table])
        columns = [d[0] for d in cur.description]

        def rows() -> Iterator[tuple]:
            while batch := cur.fetchmany(1000):
                yield from batch
        return columns, rows()

    def copy_to(self, table: str, out: str, fmt: str) -> None:
        """Write an export table to a Parquet file with DuckDB's COPY."""
        if table not in EXPORTS:
            raise UsageError(f"unknown table {table!r}; choose one of: {', '.join(EXPORTS)}")
        options = {"parquet": "FORMAT parquet"}[fmt]
        escaped = out.replace("'", "''")
        self.con.execute(f"COPY ({EXPORTS[table]}) TO '{escaped}' ({options})")

    def find_article(self, key: str) -> dict[str, Any]:
        """One article by id, id prefix, path (as given or made absolute, as `analyze` stores it) or URL."""
        return find_article(self.con, key)

    def briefing(self, story_id: str | None = None, fmt: str = "md") -> str:
        """A story's briefing rendered as Markdown or HTML (`newsgraph.brief`)."""
        from ..brief import build, render

        try:
            return render(build(self.con, story_id), fmt)
        except duckdb.Error as exc:
            raise StoreError(f"cannot read the story from {self.path}: {exc}") from None

    def story_summary(self, story_id: str | None = None, words: int = 60, sentences: int = 3,
                      language: str | None = None) -> dict[str, Any]:
        """A story's extractive summary at a chosen length (at most `sentences` sentences and
        `words` words), most important first, each sentence cited to its article (id, outlet, url,
        character offsets); made on demand as the stored summary is, nothing written. The summary
        is in one language: `language` (a code such as "de"), or else the one most of the story's
        articles are written in; "language" in the answer names it (None: no summary)."""
        from ..brief import find_story
        from ..clean.language import base, name
        from ..corpus.refresh import story_summary

        if words < 1 or sentences < 1:
            raise UsageError(f"a summary needs at least one word and one sentence (got {words} and {sentences})")
        code = base(language) if language is not None else None
        if language is not None and (code is None or name(code) == code):
            raise UsageError(f"unknown language {language!r}; give an ISO 639 code such as en, de or es")
        try:
            story = find_story(self.con, story_id)
            picked = story_summary(self.con, story["id"], sentences, words, code)
            meta = {r[0]: r[1:] for r in self.con.execute(
                "SELECT id, outlet, url, language FROM articles WHERE id IN (SELECT unnest(?))",
                [sorted({s.article_id for s in picked})]).fetchall()}
        except duckdb.Error as exc:
            raise StoreError(f"cannot read the story from {self.path}: {exc}") from None
        return {"story": story["id"], "title": story["title"], "articles": story["articles"],
                "language": name(code) if code is not None else name(base(meta[picked[0].article_id][2]) or "en")
                if picked else None,
                "independent_outlets": story["independent_outlets"],
                "sentences": [{"article_id": s.article_id, "outlet": meta[s.article_id][0],
                               "url": meta[s.article_id][1], "start": s.start, "end": s.end, "text": s.text}
                              for s in picked]}

    def story_list(self, limit: int = 20) -> list[dict[str, Any]]:
        cur = self.con.execute("""SELECT id, articles, outlets, independent_outlets, first_date, last_date, title
            FROM stories ORDER BY independent_outlets DESC, articles DESC, id LIMIT ?""", [limit])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def stats(self) -> dict[str, Any]:
        q = lambda sql: self.con.execute(sql).fetchall()  # noqa: E731
        return {
            "database": self.path,
            "schema_version": self.schema_version(),
            "articles": q("SELECT count(*) FROM articles")[0][0],
            "failures": q("SELECT count(*) FROM failures")[0][0],
            "by_format": dict(q("SELECT format, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC")),
            "by_outlet": dict(q("""SELECT coalesce(outlet, '(unknown)'), count(*) FROM articles
                                   GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20""")),
            "flags": dict(q("""SELECT f, count(*) FROM (SELECT unnest(flags) AS f FROM articles)
                               GROUP BY 1 ORDER BY 2 DESC""")),
            "removed_lines": dict(q("""SELECT r.reason, count(*) FROM
                                       (SELECT unnest(removed) AS r FROM articles) GROUP BY 1 ORDER BY 2 DESC""")),
            "published": q("SELECT min(published), max(published) FROM articles")[0],
            "entities": q("SELECT count(*) FROM entities")[0][0],
            "quotes": q("SELECT count(*) FROM quotes")[0][0],
            "top_actors": dict(q("""SELECT name || coalesce(' [' || code || ']', ''), count(DISTINCT article_id)
                                    FROM entities GROUP BY name, code ORDER BY 2 DESC, 1 LIMIT 10""")),
            "top_speakers": dict(q("""SELECT speaker, count(*) FROM quotes WHERE speaker_named
                                      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10""")),
            "statements_in_several_articles": q("""SELECT count(*) FROM (SELECT statement_id FROM quotes
                GROUP BY 1 HAVING count(DISTINCT article_id) > 1)""")[0][0],
        }


def _migration_files() -> list:
    folder = files(__package__).joinpath("migrations")
    return sorted((e for e in folder.iterdir() if e.name.endswith(".sql")), key=lambda e: e.name)


def _version(entry) -> int:
    return int(entry.name.split("_", 1)[0])


def record_tables(articles: Sequence[Article], failures: Sequence[InputError], entities: Sequence[Entity] = (),
                  quotes: Sequence[Quote] = (), events: Sequence[Event] = (), extracted: Sequence[str] = (),
                  sentences: dict[str, Sequence[tuple]] | None = None) -> dict[str, pa.Table]:
    """The rows a batch adds to each table, in the store's columns (what `write_batch` inserts; the
    Spark job writes them as Parquet): only the tables it has rows for."""
    tables = {"articles": _articles_table(articles, frozenset(extracted)) if articles else None,
              "failures": _failures_table(failures) if failures else None,
              "entities": _entities_table(entities), "quotes": _quotes_table(quotes), "events": _events_table(events),
              "sentences": _sentences_table(sentences or {})}
    return {name: table for name, table in tables.items() if table is not None}


def _failures_table(failures: Sequence[InputError]) -> pa.Table:
    latest = {f.source: f.reason for f in failures}
    return pa.table({"source": list(latest), "reason": list(latest.values()),
                     "seen_at": pa.array([dt.datetime.now()] * len(latest), pa.timestamp("us"))})


def _articles_table(articles: Sequence[Article], extracted: frozenset[str] = frozenset()) -> pa.Table:
    now = dt.datetime.now()
    rows = []
    for a in articles:
        rows.append({
            "id": a.id, "source": a.source, "format": a.fmt, "path": a.path, "url": a.url,
            "outlet": a.outlet, "title": a.title, "author": a.author,
            "published": dt.date.fromisoformat(a.published) if a.published else None,
            "language": a.language, "site_name": a.site_name, "text": a.text,
            "raw_text": a.raw_text, "html": a.html,
            "removed": [asdict(r) for r in a.removed], "repairs": [asdict(r) for r in a.repairs],
            "offsets": [asdict(s) for s in a.segments], "flags": list(a.flags),
            "content_hash": a.content_hash, "ingested_at": now, "extracted": a.id in extracted,
            "credits": list(a.credits),
        })
    return pa.Table.from_pylist(rows, schema=_ARTICLE_SCHEMA)


_MENTIONS = pa.list_(pa.struct([("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())]))
_ENTITY_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("name", pa.string()), ("type", pa.string()),
    ("country", pa.string()), ("code", pa.string()), ("role", pa.string()), ("kb", pa.bool_()),
    ("mentions", _MENTIONS)])
_QUOTE_SCHEMA = pa.schema([
    ("id", pa.string()), ("article_id", pa.string()), ("speaker", pa.string()),
    ("speaker_code", pa.string()), ("speaker_named", pa.bool_()), ("speaker_text", pa.string()),
    ("text", pa.string()), ("kind", pa.string()), ("cue", pa.string()), ("start", pa.int32()),
    ("end", pa.int32()), ("sentence", pa.string()), ("statement_id", pa.string()),
    ("key", pa.list_(pa.string())), ("gap_start", pa.int32()), ("gap_end", pa.int32())])


def _entities_table(entities: Sequence[Entity]) -> pa.Table | None:
    if not entities:
        return None
    return pa.Table.from_pylist([{
        "article_id": e.article_id, "name": e.name, "type": e.type, "country": e.country,
        "code": e.code, "role": e.role, "kb": e.kb, "mentions": [asdict(m) for m in e.mentions],
    } for e in entities], schema=_ENTITY_SCHEMA)


def _quotes_table(quotes: Sequence[Quote]) -> pa.Table | None:
    if not quotes:
        return None
    return pa.Table.from_pylist([{
        "id": f"{q.article_id}:{q.start}-{q.end}", "article_id": q.article_id, "speaker": q.speaker,
        "speaker_code": q.speaker_code, "speaker_named": q.speaker_named,
        "speaker_text": q.speaker_text, "text": q.text, "kind": q.kind, "cue": q.cue,
        "start": q.start, "end": q.end, "sentence": q.sentence, "statement_id": q.statement_id,
        "key": list(q.key), "gap_start": q.gap_start, "gap_end": q.gap_end,
    } for q in quotes], schema=_QUOTE_SCHEMA)


def _events_table(events: Sequence[Event]) -> pa.Table | None:
    if not events:
        return None
    rows = []
    for e in events:
        info = code_info(e.event_code)
        key = f"{e.article_id}:{e.start}:{e.trigger}:{e.event_code}:{e.source}:{e.target}"
        rows.append({
            "id": hashlib.sha256(key.encode()).hexdigest()[:16], "article_id": e.article_id,
            "date": e.date, "date_precision": e.date_precision, "date_text": e.date_text,
            "source": e.source, "source_code": e.source_code, "target": e.target,
            "target_code": e.target_code, "event_code": e.event_code, "event_root": info.root,
            "quad_class": info.quad_class, "goldstein": info.goldstein, "plover": plover(e.event_code),
            "negated": e.negated, "modality": e.modality, "background": e.background,
            "symmetric": e.symmetric, "quote_id": e.quote_id, "location": e.location,
            "country": e.country, "lat": e.lat, "lon": e.lon, "trigger": e.trigger,
            "sentence": e.sentence, "start": e.start, "end": e.end})
    return pa.Table.from_pylist(rows, schema=_EVENT_SCHEMA)


_FRAME = pa.struct([("subject", pa.string()), ("predicate", pa.string()), ("object", pa.string()),
                    ("place", pa.string()), ("time", pa.string()), ("source", pa.string()),
                    ("key", pa.list_(pa.string()))])
_SENTENCE_SCHEMA = pa.schema([("article_id", pa.string()), ("idx", pa.int32()), ("start", pa.int32()),
                              ("end", pa.int32()), ("frame", _FRAME)])


def _sentences_table(sentences: dict[str, Sequence[tuple]]) -> pa.Table | None:
    """Rows of (start, end) or (start, end, Frame | None) per article."""
    rows = [{"article_id": article_id, "idx": k, "start": span[0], "end": span[1],
             "frame": _frame_row(span[2]) if len(span) > 2 else None}
            for article_id, spans in sentences.items() for k, span in enumerate(spans)]
    return pa.Table.from_pylist(rows, schema=_SENTENCE_SCHEMA) if rows else None


def _frame_row(frame: Frame | None) -> dict[str, Any] | None:
    return None if frame is None else asdict(frame)  # the struct's `key` (migration 010) stays NULL, unused


_EVENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("article_id", pa.string()), ("date", pa.string()),
    ("date_precision", pa.string()), ("date_text", pa.string()), ("source", pa.string()),
    ("source_code", pa.string()), ("target", pa.string()), ("target_code", pa.string()),
    ("event_code", pa.string()), ("event_root", pa.string()), ("quad_class", pa.int32()),
    ("goldstein", pa.float64()), ("plover", pa.string()), ("negated", pa.bool_()),
    ("modality", pa.string()), ("background", pa.bool_()), ("symmetric", pa.bool_()),
    ("quote_id", pa.string()), ("location", pa.string()), ("country", pa.string()),
    ("lat", pa.float64()), ("lon", pa.float64()), ("trigger", pa.string()), ("sentence", pa.string()),
    ("start", pa.int32()), ("end", pa.int32())])


def to_json(value: Any) -> Any:
    """JSON-ready form of a DuckDB value (dates to ISO strings)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def dumps_row(columns: Sequence[str], row: Sequence[Any]) -> str:
    return json.dumps({c: to_json(v) for c, v in zip(columns, row)}, ensure_ascii=False)
