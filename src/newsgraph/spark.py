"""The Apache Spark job: the per-article stages of `newsgraph analyze` (read, clean, NLP extraction),
which take nearly all of its time, spread over a cluster for corpora that outgrow one machine.

    newsgraph spark INPUT... --out DIR [--master local[*]] [--partitions N] [--no-nlp]
    newsgraph import DIR --db news.duckdb

The job writes one Parquet folder per table (`articles`, `failures`, `entities`, `quotes`, `events`,
`sentences`) in the store's own columns, one file a partition, and `manifest.json`; analysts can read
them with Spark itself. `newsgraph import` (`store.parquet.import_folder`) then loads them into a
store and runs the corpus stage there: copies, stories and claims are incremental and near-linear,
one machine holds them. Two passes over the inputs: the first counts each outlet's page lines (a
line on `min_outlet_repeats` pages of one outlet is its furniture, as `analyze` learns it across
batches), the second builds the articles without those lines and extracts their facts. Each task
reads whole input files (a JSON Lines or WARC file is one task's), so give many files rather than
one huge one. A file lost to a failed task is written again by its retry (files are named by
partition), and the import skips what the store holds: running both again changes nothing.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from operator import add

import pyarrow as pa

from . import __version__
from .articles import doc_id, make_article
from .config import Settings
from .corpus.statements import assign_statements
from .errors import UsageError
from .ingest import list_files, read_path
from .pipeline import extract_articles, line_keys, reclean
from .records import Article, InputError, RawDoc
from .store.parquet import MANIFEST
from .store.store import record_tables

TABLES = ("articles", "failures", "entities", "quotes", "events", "sentences")
# The job writes each article's place in the input order (file, then record) as its `ingested_at`,
# counted in microseconds from EPOCH; the import reads it to join quotations to statements in the
# order `analyze` would have read them, and writes its own time instead.
PER_FILE = 10**9  # places a file
EPOCH = dt.datetime(1970, 1, 1)


@dataclass(slots=True)
class SparkReport:
    """What one Spark run wrote: input files, documents read, articles, inputs that failed."""

    files: int = 0
    partitions: int = 0
    read: int = 0
    articles: int = 0
    failed: int = 0


def session(master: str | None = None, app_name: str = "newsgraph"):
    """A Spark session (`master` as `spark-submit` takes it; None: Spark's own default)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise UsageError("the Spark job needs pyspark: pip install 'newsgraph[spark]'") from None
    # the executors' Python is this one, where newsgraph and its models are installed
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def run(spark, paths: Iterable[str], out: str, settings: Settings, partitions: int | None = None) -> SparkReport:
    """Read, clean and extract every input on the cluster of `spark`; write the tables under `out`."""
    files, missing = [], []
    for item in list_files(paths):
        (missing if isinstance(item, InputError) else files).append(item)
    if "-" in files:
        raise UsageError("the Spark job reads files, not standard input")
    out = os.path.abspath(out)  # every executor writes to the same place, whatever its working folder
    _clear(out)
    _manifest(out, settings, None)
    report = SparkReport(files=len(files), failed=len(missing))
    if missing:
        _write(out, "failures", "driver", record_tables([], missing)["failures"])
    if files:
        sc = spark.sparkContext
        report.partitions = partitions or min(len(files), sc.defaultParallelism * 4)
        names = sc.parallelize(list(enumerate(files)), report.partitions)
        # a page in several files counts once for its outlet's lines, as `analyze` stores it once
        repeats = (names.mapPartitions(lambda part: _outlet_lines(part, settings)).distinct()
                   .map(lambda line_doc: (line_doc[0], 1)).reduceByKey(add)
                   .filter(lambda kv: kv[1] >= settings.min_outlet_repeats).keys().collect())
        known = sc.broadcast(frozenset(repeats))
        counts = names.mapPartitionsWithIndex(
            lambda index, part: _write_partition(index, part, out, settings, known.value)).collect()
        for read, articles, failed in counts:
            report.read += read
            report.articles += articles
            report.failed += failed
    _manifest(out, settings, report)
    return report


def _manifest(out: str, settings: Settings, report: SparkReport | None) -> None:
    """What the folder holds; `complete` false until the run has written every table."""
    with open(os.path.join(out, MANIFEST), "w", encoding="utf-8") as fh:
        json.dump({"newsgraph": __version__, "complete": report is not None, "tables": list(TABLES),
                   "settings": asdict(settings), "report": asdict(report) if report else None}, fh, indent=1)


def _clear(out: str) -> None:
    """An empty folder for the tables: a new one, or one an earlier run wrote (its tables removed)."""
    if os.path.exists(out) and not os.path.isdir(out):
        raise UsageError(f"{out} is a file: give a folder for the tables")
    if os.path.isdir(out) and os.listdir(out):
        if not os.path.isfile(os.path.join(out, MANIFEST)):
            raise UsageError(f"{out} is not empty and holds no earlier run's tables ({MANIFEST}): give a new folder")
        for name in TABLES:
            shutil.rmtree(os.path.join(out, name), ignore_errors=True)
        os.remove(os.path.join(out, MANIFEST))
    os.makedirs(out, exist_ok=True)


def _docs(files: Iterable[tuple[int, str]], max_bytes: int) -> Iterator[tuple[int, RawDoc | InputError]]:
    """The documents of a partition's (index, file)s, each once, with its place in the input order."""
    seen: set[str] = set()
    for index, path in files:
        for k, item in enumerate(read_path(path, max_bytes)):
            if isinstance(item, RawDoc):
                key = doc_id(item)
                if key in seen:
                    continue
                seen.add(key)
            yield index * PER_FILE + k, item


def _outlet_lines(files: Iterable[tuple[int, str]], settings: Settings) -> Iterator[tuple[tuple[str, str], str]]:
    """((outlet, line), article id) of each line of each page that may be its outlet's furniture."""
    for _, doc in _docs(files, settings.max_bytes):
        article = make_article(doc) if isinstance(doc, RawDoc) else doc
        if isinstance(article, Article) and article.outlet:
            for key in line_keys(article.raw_text):
                yield (article.outlet, key), article.id


def _write_partition(index: int, files: Iterable[tuple[int, str]], out: str, settings: Settings,
                     repeats: frozenset[tuple[str, str]]) -> Iterator[tuple[int, int, int]]:
    """Build, clean and extract a partition's articles; write its tables; yield (read, articles, failed)."""
    items = list(_docs(files, settings.max_bytes))
    docs = [d for _, d in items if isinstance(d, RawDoc)]
    errors = [d for _, d in items if isinstance(d, InputError)]
    place = {doc_id(d): k for k, d in items if isinstance(d, RawDoc)}
    made = [make_article(d) for d in docs]
    errors += [m for m in made if isinstance(m, InputError)]
    articles = [m for m in made if isinstance(m, Article)]
    repeated = {a.id: frozenset(k for k in line_keys(a.raw_text) if (a.outlet, k) in repeats)
                for a in articles if a.outlet}
    articles = reclean(articles, docs, repeated)
    found = extract_articles(articles, replace(settings, workers=1))
    errors += found.failed
    # statement ids are given within the partition; the import matches them across the corpus
    quotes = assign_statements(found.quotes, {})
    tables = record_tables(articles, errors, found.entities, quotes, found.events, found.done, found.sentences)
    if "articles" in tables:  # each article's place in the input order, for the import (see PER_FILE)
        at = tables["articles"]
        order = pa.array([EPOCH + dt.timedelta(microseconds=place[a.id]) for a in articles], pa.timestamp("us"))
        tables["articles"] = at.set_column(at.schema.get_field_index("ingested_at"), "ingested_at", order)
    for name, table in tables.items():
        _write(out, name, f"{index:05d}", table)
    yield len(docs), len(articles), len(errors)


def _write(out: str, table_name: str, part: str, table) -> None:
    import pyarrow.parquet as pq

    folder = os.path.join(out, table_name)
    os.makedirs(folder, exist_ok=True)
    pq.write_table(table, os.path.join(folder, f"part-{part}.parquet"))
