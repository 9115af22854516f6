"""The DuckDB store: migrations, idempotent batch writes, failures, exports, lookups."""
from __future__ import annotations

from dataclasses import replace
from importlib.resources import files

import pytest
from conftest import story_text

from newsgraph import InputError, RawDoc, Store, StoreError, UsageError, make_article
from newsgraph.store import EXPORTS


def article(tmp_path, key: str = "ferry", name: str | None = None):
    path = str(tmp_path / (name or f"{key}.txt"))
    result = make_article(RawDoc(source=path, fmt="txt", content=story_text(key), path=path))
    assert not isinstance(result, InputError), result
    return result


def migration_files() -> list[str]:
    folder = files("newsgraph.store").joinpath("migrations")
    return sorted(e.name for e in folder.iterdir() if e.name.endswith(".sql"))


def test_migrations_are_applied_once(tmp_path):
    db = str(tmp_path / "s.duckdb")
    expected = [int(name.split("_", 1)[0]) for name in migration_files()]
    for _ in range(2):
        with Store(db) as store:
            rows = store.query("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
            assert [v for v, _ in rows] == expected
            assert [n for _, n in rows] == migration_files()
            assert store.schema_version() == max(expected)
    with Store(db, read_only=True) as store:
        tables = {r[0] for r in store.query("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"articles", "failures", "outlet_lines", "entities", "quotes"} <= tables


def test_missing_database_read_only_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open the database"):
        Store(str(tmp_path / "absent.duckdb"), read_only=True)


def test_write_batch_is_idempotent(tmp_path):
    a = article(tmp_path)
    with Store(str(tmp_path / "s.duckdb")) as store:
        assert store.write_batch([a], []) == 1
        assert store.write_batch([a], []) == 0
        assert store.query("SELECT count(*) FROM articles").fetchone()[0] == 1
        assert store.existing_ids([a.id, "0" * 16]) == {a.id}
        assert store.existing_ids([]) == set()


def test_write_batch_round_trips_the_article(tmp_path):
    a = article(tmp_path)
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write_batch([a], [])
        row = store.find_article(a.id)
    assert (row["id"], row["source"], row["format"], row["path"]) == (a.id, a.source, "txt", a.path)
    assert row["text"] == a.text and row["raw_text"] == a.raw_text
    assert row["title"] == a.title
    assert [r["reason"] for r in row["removed"]] == [r.reason for r in a.removed]
    assert list(row["flags"]) == list(a.flags)
    assert len(row["offsets"]) == len(a.segments)


def test_failures_are_upserted_and_cleared_when_the_source_succeeds(tmp_path):
    a = article(tmp_path)
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write_batch([], [InputError(a.source, "empty: no text")])
        store.write_batch([], [InputError(a.source, "binary data (NUL bytes), not text"),
                               InputError("/elsewhere/other.txt", "empty: no text")])
        rows = store.query("SELECT source, reason FROM failures ORDER BY source").fetchall()
        assert rows == [("/elsewhere/other.txt", "empty: no text"),
                        (a.source, "binary data (NUL bytes), not text")]
        store.write_batch([a], [])
        rows = store.query("SELECT source FROM failures").fetchall()
        assert rows == [("/elsewhere/other.txt",)]


def test_same_source_twice_in_one_batch_keeps_the_last_reason(tmp_path):
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write_batch([], [InputError("/x/a.txt", "first"), InputError("/x/a.txt", "second")])
        assert store.query("SELECT reason FROM failures").fetchall() == [("second",)]


def test_line_counts_accumulate(tmp_path):
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write_batch([], [], {("Tide Post", "read more"): 2, ("Tide Post", "share"): 1})
        store.write_batch([], [], {("Tide Post", "read more"): 3})
        assert store.line_counts([("Tide Post", "read more"), ("Tide Post", "share"),
                                  ("Other", "read more")]) == {
            ("Tide Post", "read more"): 5, ("Tide Post", "share"): 1}
        assert store.line_counts([]) == {}


def test_export_rows_unknown_table_is_a_usage_error(tmp_path):
    with Store(str(tmp_path / "s.duckdb")) as store:
        with pytest.raises(UsageError, match="unknown table 'outlet_lines'"):
            store.export_rows("outlet_lines")
        with pytest.raises(UsageError, match="unknown table"):
            store.copy_to("schema_migrations", str(tmp_path / "x.csv"), "csv")


def test_export_rows_streams_every_table(tmp_path):
    a = article(tmp_path)
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write_batch([a], [InputError("/x/bad.txt", "empty: no text")])
        for table in EXPORTS:
            columns, rows = store.export_rows(table)
            assert columns
            rows = list(rows)
            if table == "articles":
                assert [r[columns.index("id")] for r in rows] == [a.id]
            elif table == "failures":
                assert [r[:2] for r in rows] == [("/x/bad.txt", "empty: no text")]
            else:
                assert rows == []


def test_find_article_by_id_prefix_path_and_source(tmp_path):
    a = article(tmp_path, "ferry")
    b = replace(article(tmp_path, "bakery"), url="https://oskarden.example/oven")
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write_batch([a, b], [])
        assert store.find_article(a.id)["id"] == a.id
        assert store.find_article(a.id[:6])["id"] == a.id
        assert store.find_article(a.path)["id"] == a.id
        assert store.find_article("https://oskarden.example/oven")["id"] == b.id
        with pytest.raises(UsageError, match="no article matches"):
            store.find_article("nothing-like-this")
        for blank in ("", " "):  # not a prefix of every id
            with pytest.raises(UsageError, match="give an article id"):
                store.find_article(blank)


def test_bad_query_is_a_usage_error(tmp_path):
    with Store(str(tmp_path / "s.duckdb")) as store, pytest.raises(UsageError, match="query failed"):
        store.query("SELECT nothing FROM nowhere")


def test_read_only_store_refuses_writes(tmp_path):
    db = str(tmp_path / "s.duckdb")
    with Store(db) as store:
        store.write_batch([article(tmp_path)], [])
    with Store(db, read_only=True) as store:
        with pytest.raises(UsageError):
            store.query("DELETE FROM articles")
        assert store.query("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_stats_summarise_the_store(tmp_path):
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write_batch([article(tmp_path, "ferry"), article(tmp_path, "bridge")],
                          [InputError("/x/bad.txt", "empty: no text")])
        stats = store.stats()
    assert stats["articles"] == 2 and stats["failures"] == 1
    assert stats["by_format"] == {"txt": 2}
    assert stats["flags"] == {"no_date": 2}
    assert stats["removed_lines"] == {"headline": 2}
    assert stats["published"] == (None, None)


def test_migration_013_folds_stored_terms_as_the_engine_now_writes_them(tmp_path):
    """Stores built before story terms folded their accents get their terms folded the same way
    (one letter for one, the pairs of features.FOLD), counts of terms that now meet summed."""
    import re

    from newsgraph.corpus.features import FOLD, fold

    sql = (files("newsgraph.store") / "migrations" / "013_fold_accents.sql").read_text(encoding="utf-8")
    ((source, target),) = re.findall(r"translate\(t,\s*'([^']*)',\s*'([^']*)'\)", sql)
    assert dict(zip(source, target)) == FOLD
    store = Store(str(tmp_path / "old.duckdb"))
    con = store.con
    con.execute("INSERT INTO term_df VALUES ('díaz', 3), ('diaz', 2), ('@Díaz', 1), ('wałęsa', 1)")
    con.execute("""INSERT INTO stories (id, first_article, articles, outlets, independent_outlets, terms)
                   VALUES ('s1', 'a1', 1, 1, 1, [{'term': 'bogotá', 'w': 0.5}, {'term': '@Bogotá', 'w': 0.5}])""")
    con.execute("""INSERT INTO corpus_articles (article_id, seq, story_id, text_hash, minhash, n_shingles, terms)
                   VALUES ('a1', 1, 's1', 'h', [1], 1, [{'term': 'pogačar', 'w': 1.0}])""")
    con.execute("DELETE FROM schema_migrations WHERE version = 13")
    store.migrate()
    assert dict(con.execute("SELECT term, df FROM term_df").fetchall()) == {"diaz": 5, "@Díaz": 1, "walesa": 1}
    assert [t["term"] for t in con.execute("SELECT terms FROM stories").fetchone()[0]] == ["bogota", "@Bogotá"]
    assert con.execute("SELECT terms FROM corpus_articles").fetchone()[0] == [{"term": "pogacar", "w": 1.0}]
    assert fold("bogotá") == "bogota" and fold("हिंदी") == "हिंदी"
    store.close()


def test_a_store_written_before_story_aliases_is_read_without_being_written(tmp_path, run, settings):
    """A read-only open of a store older than migration 015 reads it as one without aliases (the
    stories export, a story found by id); the next write adds the table."""
    from newsgraph.brief import find_story

    src = tmp_path / "in"
    src.mkdir()
    (src / "ferry.txt").write_text(story_text("ferry"), encoding="utf-8")
    run([src])
    db = settings().db
    with Store(db) as store:
        store.con.execute("DROP TABLE story_aliases")
        store.con.execute("DELETE FROM schema_migrations WHERE version = 15")
    with Store(db, read_only=True) as store:
        columns, rows = store.export_rows("stories")
        (row,) = [dict(zip(columns, r)) for r in rows]
        assert row["aliases"] == [] and find_story(store.con, row["id"][:5])["id"] == row["id"]
        with pytest.raises(Exception, match="no story matches"):
            find_story(store.con, "sffff")
    with Store(db, read_only=True) as store:  # the file was left as it was
        assert 15 not in {v for (v,) in store.query("SELECT version FROM schema_migrations").fetchall()}
    with Store(db) as store:
        assert store.query("SELECT count(*) FROM story_aliases").fetchone()[0] == 0


def test_a_quote_s_gap_is_stored_exported_and_read_empty_from_an_older_store(tmp_path):
    """A quote's gap (the cue set off inside it) is stored and exported; a read-only open of a
    store older than migration 017 reads its quotes as having none, without writing the file."""
    from newsgraph.records import Quote

    a = article(tmp_path)
    db = str(tmp_path / "s.duckdb")
    gapped = Quote(a.id, "The ferry … will sail", "indirect", 0, 40, "Olav Strand", gap_start=9, gap_end=28)
    plain = Quote(a.id, "the fares will rise", "indirect", 50, 70, "Olav Strand")
    with Store(db) as store:
        store.write_batch([a], [], quotes=[gapped, plain])
        columns, rows = store.export_rows("quotes")
        got = sorted((r["start"], r["gap_start"], r["gap_end"]) for r in (dict(zip(columns, row)) for row in rows))
        assert got == [(0, 9, 28), (50, None, None)]
        store.con.execute("ALTER TABLE quotes DROP COLUMN gap_start")
        store.con.execute("ALTER TABLE quotes DROP COLUMN gap_end")
        store.con.execute("DELETE FROM schema_migrations WHERE version = 17")
    with Store(db, read_only=True) as store:
        columns, rows = store.export_rows("quotes")
        assert [dict(zip(columns, r))["gap_start"] for r in rows] == [None, None]
    with Store(db, read_only=True) as store:  # the file was left as it was
        assert 17 not in {v for (v,) in store.query("SELECT version FROM schema_migrations").fetchall()}
    with Store(db) as store:
        assert store.query("SELECT count(*) FROM quotes WHERE gap_start IS NULL").fetchone()[0] == 2
