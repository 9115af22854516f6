"""The Spark job and its import: the same inputs stored through Spark and through `analyze` give the
same store (articles, failures, facts, statements, stories and claims)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from newsgraph import Settings, Store, UsageError, analyze
from newsgraph.cli import app
from newsgraph.store.parquet import import_folder

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java (no java on the PATH, no JAVA_HOME)", allow_module_level=True)

from newsgraph import spark  # noqa: E402  (after the skips: the module is only for machines with Spark)


@pytest.fixture(scope="module")
def session():
    s = spark.session("local[2]", "newsgraph-tests")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("spark_inputs")
    shutil.copytree(EXAMPLES, folder / "examples")
    (folder / "examples" / "txt" / "zz_binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return folder / "examples"


@pytest.fixture(scope="module")
def tables(session, inputs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("spark_out") / "tables"
    report = spark.run(session, [str(inputs), str(inputs / "missing.txt")], str(out), Settings(), partitions=3)
    assert report.files == 14 and report.partitions == 3 and report.failed == 2  # the missing file, the binary one
    return out


@pytest.fixture(scope="module")
def both(tables, inputs, tmp_path_factory) -> tuple[str, str]:
    """Two stores of the same inputs: imported from the Spark job's tables, and analysed."""
    folder = tmp_path_factory.mktemp("spark_stores")
    imported, analysed = str(folder / "imported.duckdb"), str(folder / "analysed.duckdb")
    result = CliRunner().invoke(app, ["import", str(tables), "--db", imported])
    assert result.exit_code == 0, result.output
    with Store(analysed) as store:
        analyze([str(inputs), str(inputs / "missing.txt")], store, Settings(db=analysed))
    return imported, analysed


def _rows(db: str, sql: str) -> list:
    con = duckdb.connect(db, read_only=True)
    try:
        return sorted(map(str, con.execute(sql).fetchall()))
    finally:
        con.close()


def _groups(db: str, sql: str) -> list:
    groups: dict = {}
    for member, group in duckdb.connect(db, read_only=True).execute(sql).fetchall():
        groups.setdefault(group, set()).add(member)
    return sorted(sorted(g) for g in groups.values())


@pytest.mark.parametrize("sql", [
    "SELECT id, source, outlet, title, published, language, text, flags, extracted FROM articles",
    "SELECT source, reason FROM failures",
    "SELECT article_id, name, type, country, code, role FROM entities",
    "SELECT id, speaker, text, kind FROM quotes",
    "SELECT id, event_code, source_code, target_code, date, location FROM events",
    "SELECT * FROM sentences",
    "SELECT outlet, line_hash, docs FROM outlet_lines",
    "SELECT article_id, story_id, seq FROM corpus_articles",
    "SELECT id, title, articles, independent_outlets, summary FROM stories",
    "SELECT article_id, other_id, type FROM links",
    "SELECT text, kind, mentions, independent_outlets, single_source FROM claims",
    "SELECT * FROM event_clusters",
])
def test_spark_and_analyze_store_the_same(both, sql):
    imported, analysed = both
    assert _rows(imported, sql) == _rows(analysed, sql)
    assert _rows(imported, sql)  # every table holds something to compare


def test_quotations_join_the_same_statements(both):
    imported, analysed = both
    sql = "SELECT id, statement_id FROM quotes"
    assert _groups(imported, sql) == _groups(analysed, sql)


def test_importing_again_changes_nothing(both, tables):
    imported, _ = both
    sql = "SELECT (SELECT count(*) FROM articles), (SELECT sum(docs) FROM outlet_lines), (SELECT count(*) FROM quotes)"
    before = _rows(imported, sql)
    with Store(imported) as store:
        report = import_folder(store, str(tables))
    assert (report.new, report.extracted) == (0, 0) and _rows(imported, sql) == before


def test_an_article_stored_without_nlp_takes_the_facts_the_job_extracted(tables, inputs, tmp_path):
    db = str(tmp_path / "bare.duckdb")
    with Store(db) as store:
        analyze([str(inputs / "txt")], store, Settings(db=db, nlp=False, stories=False))
        bare = [r[0] for r in store.query("SELECT id FROM articles WHERE NOT extracted").fetchall()]
        assert len(bare) == 7 and store.query("SELECT count(*) FROM quotes").fetchone()[0] == 0
        report = import_folder(store, str(tables))
        assert report.new == 16 - len(bare) and report.extracted == 16
        assert store.query("SELECT count(*) FROM articles WHERE NOT extracted").fetchone()[0] == 0
        assert store.query("SELECT count(DISTINCT article_id) FROM quotes WHERE article_id IN (SELECT unnest(?))",
                           [bare]).fetchone()[0] >= 5


def test_a_new_run_replaces_the_tables_of_an_earlier_one_and_no_other_folder(session, inputs, tmp_path):
    out = tmp_path / "tables"
    spark.run(session, [str(inputs / "txt")], str(out), Settings(nlp=False), partitions=4)
    spark.run(session, [str(inputs / "txt" / "01_andes_wire_signing.txt")], str(out), Settings(nlp=False))
    with Store(str(tmp_path / "s.duckdb")) as store:
        assert import_folder(store, str(out)).new == 1
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="not empty"):
        spark.run(session, [str(inputs / "txt")], str(other), Settings(nlp=False))
    assert (other / "notes.txt").read_text() == "mine"


def test_a_folder_without_the_job_s_tables_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["import", str(tmp_path), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 2 and "manifest.json" in result.output  # a usage error
    assert not (tmp_path / "s.duckdb").exists()  # and no empty store left behind


def test_the_command_exits_1_when_some_inputs_failed(session, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(EXAMPLES / "txt" / "01_andes_wire_signing.txt", src)
    (src / "zz.txt").write_bytes(b"\x00\x01 not text")
    result = CliRunner().invoke(app, ["spark", str(src), "--out", str(tmp_path / "t"), "--no-nlp"])
    assert result.exit_code == 1 and "articles 1, failed 1" in result.output


def test_a_page_in_several_files_counts_once(session, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    row = (EXAMPLES / "jsonl" / "feed.jsonl").read_text(encoding="utf-8").splitlines()[0]
    for name in ("a", "b", "c"):
        (src / f"{name}.jsonl").write_text(row + "\n", encoding="utf-8")
    out = tmp_path / "tables"
    spark.run(session, [str(src)], str(out), Settings(nlp=False), partitions=3)
    imported, analysed = str(tmp_path / "i.duckdb"), str(tmp_path / "a.duckdb")
    with Store(imported) as store:
        assert import_folder(store, str(out)).new == 1
    with Store(analysed) as store:
        analyze([str(src)], store, Settings(db=analysed, nlp=False, stories=False))
    for sql in ("SELECT id, text FROM articles", "SELECT outlet, line_hash, docs FROM outlet_lines",
                "SELECT source, reason FROM failures"):
        assert _rows(imported, sql) == _rows(analysed, sql), sql


def test_an_article_stored_without_its_facts_keeps_the_reason(session, inputs, tmp_path):
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "tables"
    spark.run(session, [str(inputs / "txt" / "01_andes_wire_signing.txt")], str(out), Settings(nlp=False))
    source = pq.read_table(out / "articles").column("source")[0].as_py()
    why = "stored without actors, quotes and events: too long for the parser"
    (out / "failures").mkdir()
    seen = pa.array([dt.datetime(2026, 1, 1)], pa.timestamp("us"))
    table = pa.table({"source": [source], "reason": [why], "seen_at": seen})
    pq.write_table(table, out / "failures" / "part-00000.parquet")
    with Store(str(tmp_path / "s.duckdb")) as store:
        import_folder(store, str(out))
        assert store.query("SELECT source, reason FROM failures").fetchall() == [(source, why)]


def test_an_unfinished_run_is_not_imported_and_its_folder_can_be_written_again(session, inputs, tmp_path):
    out, one = tmp_path / "tables", str(inputs / "txt" / "01_andes_wire_signing.txt")
    spark.run(session, [one], str(out), Settings(nlp=False))
    manifest = out / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"complete": true', '"complete": false'))
    with Store(str(tmp_path / "s.duckdb")) as store, pytest.raises(UsageError, match="did not finish"):
        import_folder(store, str(out))
    spark.run(session, [one], str(out), Settings(nlp=False))  # the folder is the job's own
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="is a file"):
        spark.run(session, [one], str(tmp_path / "file"), Settings(nlp=False))
