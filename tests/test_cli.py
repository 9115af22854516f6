"""The `newsgraph` command through typer's CliRunner: exit codes, output, exports."""
from __future__ import annotations

import csv
import io
import json
import re
from importlib.resources import files

import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLES, STORIES, story_text, write_jsonl
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app

CLOSING = re.compile(r"read (\d+), new (\d+), unchanged (\d+), failed (\d+)")


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None):
        return runner.invoke(app, list(args), input=input)
    return invoke


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.duckdb")


def counts(result) -> tuple[int, ...]:
    found = CLOSING.findall(result.output)
    assert len(found) == 1, result.output
    return tuple(int(x) for x in found[0])


def good_inputs(root):
    root.mkdir()
    (root / "ferry.txt").write_text(story_text("ferry"))
    (root / "bakery.txt").write_text(story_text("bakery"))
    return root


@pytest.fixture
def filled(cli, tmp_path, db):
    """A store holding two txt articles and one JSONL article with a URL."""
    inputs = good_inputs(tmp_path / "in")
    write_jsonl(inputs / "feed.jsonl", [{"url": "https://rail.example/bridge", "outlet": "Sella Times",
                                         "published": "2024-02-09", "text": story_text("bridge")}])
    result = cli("analyze", str(inputs), "--db", db, "--no-nlp")
    assert result.exit_code == 0, result.output
    return db


# --------------------------------------------------------------------------- analyze

def test_analyze_good_inputs_exits_0(cli, tmp_path, db):
    result = cli("analyze", str(good_inputs(tmp_path / "in")), "--db", db, "--no-nlp")
    assert result.exit_code == 0, result.output
    assert counts(result) == (2, 2, 0, 0)
    assert "failed:" not in result.output


def test_analyze_again_reports_unchanged(cli, tmp_path, db):
    inputs = str(good_inputs(tmp_path / "in"))
    cli("analyze", inputs, "--db", db, "--no-nlp")
    result = cli("analyze", inputs, "--db", db, "--no-nlp")
    assert result.exit_code == 0
    assert counts(result) == (2, 0, 2, 0)


def test_analyze_with_bad_inputs_exits_1_and_names_each_once(cli, tmp_path, db):
    inputs = good_inputs(tmp_path / "in")
    (inputs / "empty.txt").write_text("")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    write_jsonl(inputs / "feed.jsonl", [{"id": "ok", "text": story_text("library")}, "{oops"])
    missing = str(tmp_path / "not-there.txt")
    result = cli("analyze", str(inputs), missing, "--db", db, "--no-nlp")
    assert result.exit_code == 1
    assert counts(result) == (3, 3, 0, 4)
    expected = {
        str(inputs / "empty.txt"): "empty: no text",
        str(inputs / "binary.txt"): "binary data",
        f"{inputs / 'feed.jsonl'}:2": "malformed JSON",
        missing: "no such file or directory",
    }
    failed_lines = [ln for ln in result.output.splitlines() if ln.startswith("failed: ")]
    assert len(failed_lines) == 4
    for source, reason in expected.items():
        named = [ln for ln in failed_lines if ln.startswith(f"failed: {source}: ")]
        assert len(named) == 1, (source, result.output)
        assert reason in named[0]


def test_analyze_rerun_still_reports_failures(cli, tmp_path, db):
    inputs = good_inputs(tmp_path / "in")
    (inputs / "empty.txt").write_text("")
    cli("analyze", str(inputs), "--db", db, "--no-nlp")
    result = cli("analyze", str(inputs), "--db", db, "--no-nlp")
    assert result.exit_code == 1
    assert counts(result) == (2, 0, 2, 1)


def test_analyze_reads_jsonl_from_stdin(cli, db):
    data = "\n".join(json.dumps({"id": k, "text": story_text(k)}) for k in ("ferry", "seabirds")) + "\n"
    result = cli("analyze", "-", "--db", db, "--no-nlp", input=data)
    assert result.exit_code == 0, result.output
    assert counts(result) == (2, 2, 0, 0)


@pytest.mark.parametrize("option", [["--workers", "0"], ["--batch-size", "0"], ["--max-bytes", "10"]])
def test_analyze_invalid_settings_exit_2(cli, tmp_path, db, option):
    result = cli("analyze", str(good_inputs(tmp_path / "in")), "--db", db, "--no-nlp", *option)
    assert result.exit_code == 2
    assert "error:" in result.output


def test_failed_input_with_brackets_in_its_name_is_named(cli, tmp_path, db):
    inputs = good_inputs(tmp_path / "in")
    bad = inputs / "[draft] empty.txt"
    bad.write_text("")
    result = cli("analyze", str(inputs), "--db", db, "--no-nlp")
    assert result.exit_code == 1
    assert f"{bad}: empty: no text" in result.output


# --------------------------------------------------------------------------- export

def test_export_jsonl_to_stdout(cli, filled):
    result = cli("export", "articles", "--db", filled)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    for rec in records:
        assert {"id", "path", "url", "outlet", "title", "author", "published", "language", "text",
                "removed", "flags"} <= set(rec)
    bridge = next(r for r in records if r["url"] == "https://rail.example/bridge")
    assert (bridge["outlet"], bridge["published"]) == ("Sella Times", "2024-02-09")
    assert bridge["text"] == "\n".join(STORIES["bridge"][1])


def test_export_jsonl_to_file_matches_stdout(cli, filled, tmp_path):
    out = tmp_path / "articles.jsonl"
    result = cli("export", "articles", "--db", filled, "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == cli("export", "articles", "--db", filled).stdout


def test_export_csv_to_stdout(cli, filled):
    result = cli("export", "articles", "--db", filled, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3
    assert {r["title"] for r in rows} == {STORIES[k][0] for k in ("ferry", "bakery", "bridge")}
    for r in rows:
        assert isinstance(json.loads(r["flags"]), list)
        assert all(x["reason"] for x in json.loads(r["removed"]))


def test_export_csv_to_file(cli, filled, tmp_path):
    out = tmp_path / "articles.csv"
    result = cli("export", "articles", "--db", filled, "-f", "csv", "-o", str(out))
    assert result.exit_code == 0
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3
    assert {r["title"] for r in rows} == {STORIES[k][0] for k in ("ferry", "bakery", "bridge")}


def test_export_csv_file_matches_csv_stdout(cli, filled, tmp_path):
    out = tmp_path / "articles.csv"
    cli("export", "articles", "--db", filled, "-f", "csv", "-o", str(out))
    with open(out, newline="", encoding="utf-8") as fh:
        from_file = list(csv.DictReader(fh))
    from_stdout = list(csv.DictReader(io.StringIO(
        cli("export", "articles", "--db", filled, "-f", "csv").stdout)))
    assert from_file == from_stdout


def test_export_parquet_reads_back(cli, filled, tmp_path):
    out = tmp_path / "articles.parquet"
    result = cli("export", "articles", "--db", filled, "-f", "parquet", "-o", str(out))
    assert result.exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == 3
    assert {"id", "text", "removed", "flags"} <= set(table.column_names)
    assert sorted(table.column("title").to_pylist()) == sorted(STORIES[k][0] for k in ("ferry", "bakery", "bridge"))


def test_export_failures_table(cli, tmp_path, db):
    inputs = good_inputs(tmp_path / "in")
    (inputs / "empty.txt").write_text("")
    cli("analyze", str(inputs), "--db", db, "--no-nlp")
    result = cli("export", "failures", "--db", db)
    assert result.exit_code == 0
    [rec] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (rec["source"], rec["reason"]) == (str(inputs / "empty.txt"), "empty: no text")


@pytest.mark.parametrize("args,message", [
    (["export", "outlet_lines"], "unknown table 'outlet_lines'"),
    (["export", "articles", "-f", "xml"], "unknown format 'xml'"),
    (["export", "articles", "-f", "parquet"], "give a file with -o"),
])
def test_export_usage_errors_exit_2(cli, filled, args, message):
    result = cli(*args, "--db", filled)
    assert result.exit_code == 2
    assert message in result.output


def test_commands_on_a_missing_database_exit_1(cli, tmp_path):
    result = cli("stats", "--db", str(tmp_path / "nothing.duckdb"))
    assert result.exit_code == 1
    assert "cannot open the database" in result.output


# --------------------------------------------------------------------------- stats, show, sql

def test_stats_json(cli, filled):
    result = cli("stats", "--db", filled, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    migrations = files("newsgraph.store").joinpath("migrations")
    latest = max(int(m.name.split("_")[0]) for m in migrations.iterdir() if m.name.endswith(".sql"))
    assert (data["articles"], data["failures"], data["schema_version"]) == (3, 0, latest)
    assert data["by_format"] == {"txt": 2, "jsonl": 1}
    assert data["published"] == ["2024-02-09", "2024-02-09"]
    assert data["removed_lines"]["headline"] == 3


def test_stats_table(cli, filled):
    result = cli("stats", "--db", filled)
    assert result.exit_code == 0
    assert "articles" in result.stdout and "schema_version" in result.stdout


def test_show_article_by_id_prefix(cli, filled):
    rows = cli("sql", "SELECT id FROM articles WHERE url = 'https://rail.example/bridge'",
               "--db", filled).stdout
    article_id = json.loads(rows)["id"]
    result = cli("show", article_id[:8], "--db", filled)
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert f"id: {article_id}" in flat
    assert "outlet: Sella Times" in flat
    assert " ".join(STORIES["bridge"][1][0].split()) in flat
    assert "headline" in flat and STORIES["bridge"][0] in flat


def test_show_by_url_and_unknown(cli, filled):
    assert cli("show", "https://rail.example/bridge", "--db", filled).exit_code == 0
    result = cli("show", "no-such-article", "--db", filled)
    assert result.exit_code == 2
    assert "no article matches" in result.output


def test_sql_prints_json_lines(cli, filled):
    result = cli("sql", "SELECT format, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1",
                 "--db", filled)
    assert result.exit_code == 0
    assert [json.loads(x) for x in result.stdout.splitlines()] == [
        {"format": "jsonl", "n": 1}, {"format": "txt", "n": 2}]


def test_sql_errors_and_writes_exit_2(cli, filled):
    assert cli("sql", "SELECT nonsense FROM nowhere", "--db", filled).exit_code == 2
    result = cli("sql", "DELETE FROM articles", "--db", filled)
    assert result.exit_code == 2
    assert json.loads(cli("sql", "SELECT count(*) AS n FROM articles", "--db", filled).stdout) == {"n": 3}


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"newsgraph {newsgraph.__version__}"


def test_examples_through_the_cli(cli, db):
    result = cli("analyze", str(EXAMPLES), "--db", db, "--no-nlp")
    assert result.exit_code == 0, result.output
    assert counts(result) == (16, 16, 0, 0)
