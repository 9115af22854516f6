"""Loading the Parquet tables the Spark job writes (`newsgraph.spark`) into a store, as
`newsgraph analyze` would have stored the same inputs: articles the store holds are skipped (an
article stored without NLP takes the facts the job extracted), each new page's lines are counted for
its outlet, and quotations join the statements of their speakers across the whole store. One
transaction: a failed import leaves the store as it was, and importing again changes nothing."""
from __future__ import annotations

import datetime as dt
import glob
import json
import os
from collections import Counter
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from ..corpus.statements import statement_ids
from ..errors import StoreError, UsageError
from .store import Store

MANIFEST = "manifest.json"  # what a folder of the Spark job holds; written last, `complete` when done
FACTS = ("entities", "quotes", "events", "sentences")
CHUNK = 2_000  # pages read at a time to count their lines


@dataclass(slots=True)
class ImportReport:
    """What an import added: new articles, articles given their facts, failed inputs recorded."""

    new: int = 0
    extracted: int = 0
    failed: int = 0


def check_folder(folder: str) -> None:
    """A usage error unless `folder` holds the tables of a finished run of the Spark job."""
    manifest = os.path.join(folder, MANIFEST)
    if not os.path.isfile(manifest):
        raise UsageError(f"{folder} holds no tables of the Spark job ({MANIFEST} is missing): "
                         "write them with `newsgraph spark INPUT... --out FOLDER`")
    with open(manifest, encoding="utf-8") as fh:
        if not json.load(fh).get("complete", True):
            raise UsageError(f"the Spark run that wrote {folder} did not finish: run it again")


def _files(folder: str, table: str) -> list[str]:
    return sorted(glob.glob(os.path.join(glob.escape(folder), table, "*.parquet")))


def import_folder(store: Store, folder: str) -> ImportReport:
    """Add the tables under `folder` to the store (see the module's docstring)."""
    check_folder(folder)
    con, report = store.con, ImportReport()
    try:
        con.begin()
        if articles := _files(folder, "articles"):
            report.new, report.extracted = _articles(store, articles)
        if failures := _files(folder, "failures"):
            # an input that is no article, or an article of this import stored without its facts (why, as
            # `analyze` keeps it); not a stale failure of an article the store has since
            imported = "SELECT a.source FROM articles a JOIN import_todo t ON t.id = a.id" if articles else \
                "SELECT NULL"
            con.execute(f"""INSERT INTO failures SELECT source, any_value(reason), max(seen_at)
                            FROM read_parquet(?) WHERE source NOT IN (SELECT source FROM articles)
                            OR source IN ({imported}) GROUP BY source
                            ON CONFLICT (source) DO UPDATE SET reason = excluded.reason""", [failures])
            report.failed = con.execute("SELECT count(DISTINCT source) FROM read_parquet(?)", [failures]).fetchone()[0]
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
        SELECT p.id, a.id IS NULL AS new, min(p.ingested_at) AS place
        FROM read_parquet(?) p LEFT JOIN articles a ON a.id = p.id
        WHERE a.id IS NULL OR (p.extracted AND NOT a.extracted) GROUP BY p.id, a.id""", [files])
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
            if table == "quotes":
                _insert_quotes(store, parts)
                continue
            con.execute(f"""INSERT OR IGNORE INTO {table} BY NAME SELECT * FROM read_parquet(?)
                            WHERE article_id IN (SELECT id FROM import_todo)""", [parts])
    _count_lines(store)
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


def _insert_quotes(store: Store, parts: list[str]) -> None:
    """Insert the imported quotations, each with the statement id of its speaker's statement in the
    store (`Store.statements_of`) or of one met before it in the order of the inputs, as `analyze`
    meets them (`newsgraph.spark.PER_FILE`)."""
    con = store.con
    rows = con.execute("""SELECT DISTINCT q.id, q.speaker, q.key, t.place, q.article_id, q."start"
                          FROM read_parquet(?) q JOIN import_todo t ON t.id = q.article_id
                          ORDER BY t.place, q.article_id, q."start", q.id""", [parts]).fetchall()
    if not rows:
        return
    known = store.statements_of(r[1] for r in rows)
    ids = statement_ids(((speaker, key, qid) for qid, speaker, key, *_ in rows), known)
    con.register("import_statements", pa.table({"id": [r[0] for r in rows], "sid": ids}))
    con.execute("""INSERT OR IGNORE INTO quotes BY NAME SELECT DISTINCT q.* REPLACE (s.sid AS statement_id)
                   FROM read_parquet(?) q JOIN import_statements s ON s.id = q.id""", [parts])
    con.unregister("import_statements")
