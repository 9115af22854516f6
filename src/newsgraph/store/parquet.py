"""Loading the Parquet tables the Spark job writes (`newsgraph.spark`) into a store, as
`newsgraph analyze` would have stored the same inputs: articles the store holds are skipped (an
article stored without NLP takes the facts the job extracted), each new page's lines are counted for
its outlet, and quotations join the statements of their speakers across the whole store. One
transaction: a failed import leaves the store as it was, and importing again changes nothing."""
from __future__ import annotations

import datetime as dt
import glob
import os
from collections import Counter
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from ..corpus.statements import statement_ids
from ..errors import StoreError, UsageError
from .store import Store

MANIFEST = "manifest.json"
FACTS = ("entities", "quotes", "events", "sentences")
CHUNK = 2_000  # pages read at a time to count their lines


@dataclass(slots=True)
class ImportReport:
    """What an import added: new articles, articles given their facts, failed inputs recorded."""

    new: int = 0
    extracted: int = 0
    failed: int = 0


def _files(folder: str, table: str) -> list[str]:
    return sorted(glob.glob(os.path.join(glob.escape(folder), table, "*.parquet")))


def import_folder(store: Store, folder: str) -> ImportReport:
    """Add the tables under `folder` to the store (see the module's docstring)."""
    if not os.path.isfile(os.path.join(folder, MANIFEST)):
        raise UsageError(f"{folder} holds no tables of the Spark job ({MANIFEST} is missing): "
                         "write them with `newsgraph spark INPUT... --out FOLDER`")
    con, report = store.con, ImportReport()
    try:
        con.begin()
        if articles := _files(folder, "articles"):
            report.new, report.extracted = _articles(store, articles)
        if failures := _files(folder, "failures"):
            con.execute("""INSERT INTO failures SELECT * FROM read_parquet(?)
                           WHERE source NOT IN (SELECT source FROM articles)
                           ON CONFLICT (source) DO UPDATE SET reason = excluded.reason""", [failures])
            report.failed = con.execute("SELECT count(*) FROM read_parquet(?)", [failures]).fetchone()[0]
        con.execute("DROP TABLE IF EXISTS import_todo")
        con.commit()
    except duckdb.Error as exc:
        con.rollback()
        raise StoreError(f"could not import {folder} into {store.path}: {exc}") from None
    except BaseException:
        con.rollback()
        raise
    return report


def _articles(store: Store, files: list[str]) -> tuple[int, int]:
    """Insert the new articles and the facts of every article extracted here but not in the store;
    returns (new articles, articles given their facts)."""
    con = store.con
    con.execute("""CREATE TEMP TABLE import_todo AS
        SELECT p.id, a.id IS NULL AS new, p.ingested_at AS place
        FROM read_parquet(?) p LEFT JOIN articles a ON a.id = p.id
        WHERE a.id IS NULL OR (p.extracted AND NOT a.extracted)""", [files])
    # one arrival time for all, as for one batch of `analyze`: the corpus stage reads them in the same
    # order (date, then id), not in the order the cluster's tasks happened to end in
    con.execute("""INSERT OR IGNORE INTO articles BY NAME SELECT * REPLACE (?::TIMESTAMP AS ingested_at)
                   FROM read_parquet(?) WHERE id IN (SELECT id FROM import_todo WHERE new)""",
                [dt.datetime.now(), files])
    con.execute("""UPDATE articles SET extracted = true WHERE id IN (SELECT id FROM import_todo WHERE NOT new)""")
    # stories holding articles extracted again get their clusters and claims rebuilt
    con.execute("""UPDATE stories SET dirty = true WHERE id IN (SELECT story_id FROM corpus_articles
                   WHERE article_id IN (SELECT id FROM import_todo WHERE NOT new))""")
    con.execute("DELETE FROM failures WHERE source IN (SELECT source FROM read_parquet(?))", [files])
    folder = os.path.dirname(os.path.dirname(files[0]))
    for table in FACTS:
        if parts := _files(folder, table):
            con.execute(f"""INSERT OR IGNORE INTO {table} BY NAME SELECT * FROM read_parquet(?)
                            WHERE article_id IN (SELECT id FROM import_todo)""", [parts])
    _count_lines(store)
    _join_statements(store)
    new, extracted = con.execute("""SELECT count(*) FILTER (WHERE new),
        count(*) FILTER (WHERE id IN (SELECT id FROM articles WHERE extracted)) FROM import_todo""").fetchone()
    return new, extracted


def _count_lines(store: Store) -> None:
    """Count the new pages' lines for their outlets, as `analyze` does batch by batch."""
    from ..pipeline import line_keys

    cur = store.con.execute("""SELECT outlet, raw_text FROM articles WHERE outlet IS NOT NULL
                               AND id IN (SELECT id FROM import_todo WHERE new)""")
    counts: Counter[tuple[str, str]] = Counter()
    while rows := cur.fetchmany(CHUNK):
        for outlet, raw_text in rows:
            counts.update((outlet, key) for key in line_keys(raw_text or ""))
    store.count_lines(dict(counts))


def _join_statements(store: Store) -> None:
    """Give the imported quotations the statement ids of their speakers' statements in the store."""
    con = store.con
    # in the order of the inputs (`newsgraph.spark.PER_FILE`), as `analyze` meets them
    rows = con.execute("""SELECT q.id, q.speaker, q.key FROM quotes q JOIN import_todo t ON t.id = q.article_id
                          ORDER BY t.place, q.article_id, q."start", q.id""").fetchall()
    if not rows:
        return
    speakers = sorted({r[1] for r in rows if r[1]})
    known: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for speaker, sid, key in con.execute("""SELECT speaker, statement_id, key FROM quotes
            WHERE speaker IN (SELECT unnest(?)) AND article_id NOT IN (SELECT id FROM import_todo)
            ORDER BY article_id, "start" """, [speakers]).fetchall():
        known.setdefault(speaker, []).append((sid, tuple(key or ())))
    ids = statement_ids(((speaker, key, qid) for qid, speaker, key in rows), known)
    con.register("import_statements", pa.table({"id": [r[0] for r in rows], "sid": ids}))
    con.execute("""UPDATE quotes SET statement_id = s.sid FROM import_statements s WHERE quotes.id = s.id""")
    con.unregister("import_statements")
