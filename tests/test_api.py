"""The REST API and the dashboard's files, over the bundled examples analysed with NLP."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import newsgraph.api
from newsgraph import Store
from newsgraph.api import create_app
from newsgraph.cli import app as cli_app
from newsgraph.errors import StoreError, UsageError
from newsgraph.store import browse


@pytest.fixture(scope="module")
def client(examples_nlp: str) -> TestClient:
    return TestClient(create_app(examples_nlp))


@pytest.fixture(scope="module")
def story_id(examples_nlp: str) -> str:
    with Store(examples_nlp, read_only=True) as store:
        return store.story_list(1)[0]["id"]


def _count(db: str, sql: str, params: list) -> int:
    with Store(db, read_only=True) as store:
        return store.query(sql, params).fetchone()[0]


def test_stats_count_the_store(client, examples_nlp):
    data = client.get("/api/stats").json()
    assert data["articles"] == _count(examples_nlp, "SELECT count(*) FROM articles", [])
    assert data["stories"] == _count(examples_nlp, "SELECT count(*) FROM stories", [])
    assert data["outlets"] == _count(examples_nlp, "SELECT count(DISTINCT outlet) FROM articles", [])
    assert {"top_speakers", "top_actors", "by_outlet", "removed_lines", "flags"} <= set(data)  # the overview's


def test_stories_are_listed_and_found_by_title_words(client, story_id):
    page = client.get("/api/stories").json()
    assert page["total"] == len(page["rows"]) >= 1 and page["rows"][0]["id"] == story_id
    title_word = page["rows"][0]["title"].split()[0]
    assert client.get("/api/stories", params={"q": title_word.upper()}).json()["total"] >= 1
    assert client.get("/api/stories", params={"q": "zzz-no-such-title"}).json() == {
        "table": "stories", "total": 0, "limit": 50, "offset": 0, "rows": []}


def test_a_story_by_its_prefix_holds_its_articles_links_and_counts(client, story_id, examples_nlp):
    s = client.get(f"/api/stories/{story_id[:6]}").json()
    assert s["id"] == story_id
    members = _count(examples_nlp, "SELECT count(*) FROM corpus_articles WHERE story_id = ?", [story_id])
    assert len(s["article_list"]) == s["articles"] == members
    assert [a["seq"] for a in s["article_list"]] == sorted(a["seq"] for a in s["article_list"])
    assert {link["type"] for link in s["links"]} >= {"near_copy", "rewrite"}  # planted in the examples
    assert s["counts"]["quotes"] == _count(
        examples_nlp, "SELECT count(*) FROM quotes q JOIN corpus_articles c ON c.article_id = q.article_id "
                      "WHERE c.story_id = ?", [story_id])
    assert "embedding" not in s and "terms" not in s


def test_unknown_ids_tables_and_bad_pages_answer_with_one_error_shape(client):
    for path, status in (("/api/stories/zzzz", 404), ("/api/articles/zzzz", 404), ("/api/tables/nope", 404),
                         ("/api/tables/quotes?limit=0", 400), ("/api/tables/quotes?limit=501", 400),
                         ("/api/tables/quotes?offset=99999999999999999999", 400), ("/api/articles/%25", 404),
                         ("/api/tables/quotes?article=zzzz", 404),
                         ("/api/tables/failures?story=s", 400), ("/api/stories/s/briefing?format=pdf", 400),
                         ("/api/nothing-here", 404)):
        r = client.get(path)
        body = r.json()
        assert r.status_code == status and body["status"] == status and body["ok"] is False, path
        assert isinstance(body["error"], str) and body["error"], path


def test_table_pages_filter_by_story_article_and_words(client, story_id, examples_nlp):
    quotes = client.get("/api/tables/quotes", params={"story": story_id, "limit": 3}).json()
    assert quotes["total"] == _count(examples_nlp, "SELECT count(*) FROM quotes", []) and len(quotes["rows"]) == 3
    rest = client.get("/api/tables/quotes", params={"story": story_id, "limit": 500, "offset": 3}).json()
    assert len(rest["rows"]) == quotes["total"] - 3
    assert not {q["id"] for q in quotes["rows"]} & {q["id"] for q in rest["rows"]}
    first = quotes["rows"][0]["article_id"]
    of_one = client.get("/api/tables/quotes", params={"article": first[:8], "limit": 500}).json()  # a prefix
    assert of_one["total"] == _count(examples_nlp, "SELECT count(*) FROM quotes WHERE article_id = ?", [first])
    assert {q["article_id"] for q in of_one["rows"]} == {first}
    speaker = quotes["rows"][0]["speaker"]
    said = client.get("/api/tables/quotes", params={"q": speaker, "limit": 500}).json()["rows"]
    assert said and all(speaker.lower() in (q["speaker"] or "").lower() + q["text"].lower() for q in said)
    claims = client.get("/api/tables/claims", params={"article": first, "limit": 500}).json()["rows"]
    assert all(first in [e["article_id"] for e in c["evidence"]] for c in claims)


def test_words_searched_for_are_not_patterns(client):
    assert client.get("/api/tables/quotes", params={"q": "%"}).json()["total"] == 0
    assert client.get("/api/tables/quotes", params={"q": "_"}).json()["total"] == 0


def test_article_pages_leave_out_the_text_unless_asked(client):
    short = client.get("/api/tables/articles", params={"limit": 1}).json()["rows"][0]
    full = client.get("/api/tables/articles", params={"limit": 1, "full": True}).json()["rows"][0]
    assert "text" not in short and full["text"] and full["id"] == short["id"]


def test_an_article_carries_its_facts_with_offsets_into_its_text(client, examples_nlp):
    aid = _count(examples_nlp, "SELECT article_id FROM quotes GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", [])
    a = client.get(f"/api/articles/{aid[:8]}").json()
    assert a["id"] == aid and a["story_id"] and a["quotes"] and a["entities"]
    for q in a["quotes"]:
        assert a["text"][q["start"]:q["end"]] == q["text"]
    for e in a["events"]:
        assert e["sentence"] is None or a["text"][e["start"]:e["end"]].strip() == e["sentence"].strip()
    assert "html" not in a and "raw_text" not in a


def test_the_briefing_comes_as_data_markdown_and_a_page(client, story_id, examples_nlp):
    data = client.get(f"/api/stories/{story_id}/briefing").json()
    assert data["story_id"] == story_id and data["summary"] and data["sources"]
    cited = {n for section in ("summary", "timeline", "statements") for item in data[section] for n in item["cites"]}
    assert cited <= {s["n"] for s in data["sources"]}
    md = client.get(f"/api/stories/{story_id}/briefing", params={"format": "md"})
    with Store(examples_nlp, read_only=True) as store:
        assert md.text == store.briefing(story_id, "md")
    page = client.get(f"/api/stories/{story_id}/briefing", params={"format": "html"})
    assert page.headers["content-type"].startswith("text/html") and data["headline"] in page.text


def test_a_summary_at_the_length_asked_for(client, story_id):
    s = client.get(f"/api/stories/{story_id}/summary", params={"words": 40, "sentences": 2}).json()
    assert 1 <= len(s["sentences"]) <= 2
    assert sum(len(x["text"].split()) for x in s["sentences"]) <= 40


def test_sql_reads_the_store_and_nothing_else(client, examples_nlp, tmp_path):
    n = _count(examples_nlp, "SELECT count(*) FROM articles", [])
    r = client.get("/api/sql", params={"q": "SELECT count(*) AS n FROM articles"}).json()
    assert r["columns"] == ["n"] and r["rows"] == [[n]]
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    for q in ("DELETE FROM articles", f"SELECT * FROM read_csv('{secret}')", f"COPY articles TO '{tmp_path}/x.csv'",
              "SET memory_limit = '100GB'", "SET enable_external_access = true", f"SET temp_directory = '{tmp_path}'"):
        r = client.get("/api/sql", params={"q": q})
        assert r.status_code == 400 and r.json()["error"], q
    assert not (tmp_path / "x.csv").exists()
    assert _count(examples_nlp, "SELECT count(*) FROM articles", []) == n


def test_a_query_that_brings_the_sql_engine_down_leaves_the_server_up(client, tmp_path):
    client.get("/api/sql", params={"q": f"CALL enable_logging(storage='file', storage_path='{tmp_path}/log')"})
    assert not (tmp_path / "log").exists()
    assert client.get("/api/sql", params={"q": "SELECT 1 AS one"}).json()["rows"] == [[1]]


def test_a_store_held_by_a_writer_is_busy_for_every_route(examples_nlp, tmp_path):
    db = str(tmp_path / "held.duckdb")
    shutil.copy(examples_nlp, db)
    busy = TestClient(create_app(db))
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({db!r}); "
                               "print('held', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        for path in ("/api/stats", "/api/stories", "/api/sql?q=SELECT%201"):
            r = busy.get(path)
            assert r.status_code == 503 and r.json()["status"] == 503, path
    finally:
        holder.kill()
        holder.wait()


def test_a_query_that_runs_too_long_is_stopped(examples_nlp):
    with pytest.raises(UsageError, match="longer than"):
        browse.sql_rows(examples_nlp, "SELECT sum(i) FROM range(30000000000) t(i)", seconds=0.5)


def test_sql_answers_are_cut_at_a_bound(client):
    rows = client.get("/api/sql", params={"q": f"SELECT * FROM range({browse.SQL_ROWS + 5})"}).json()
    assert len(rows["rows"]) == browse.SQL_ROWS and rows["truncated"] is True


def test_the_dashboard_and_its_files_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text and "/static/style.css" in page.text
    for name in ("app.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200
    script = client.get("/static/app.js").text
    assert "innerHTML" not in script  # the store's texts go in as text, never as markup


def test_no_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        create_app(str(tmp_path / "none.duckdb"))
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no store at" in result.output


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_dashboard_script_parses():
    script = Path(newsgraph.api.WEB) / "app.js"
    result = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


_MARKED_TEXT = r"""
const fs = require("fs");
const src = fs.readFileSync(process.argv[2], "utf8");
const start = src.indexOf("function markedText(");
let depth = 0, end = start;
for (let i = src.indexOf("{", start); i < src.length; i++) {
  if (src[i] === "{") depth++;
  if (src[i] === "}" && --depth === 0) { end = i + 1; break; }
}
const el = (tag, attrs, ...kids) => ({ tag, kids, append(...k) { this.kids.push(...k); } });
const markedText = new Function("el", src.slice(start, end) + "\nreturn markedText;")(el);
const box = markedText(process.argv[3], JSON.parse(process.argv[4]));
console.log(JSON.stringify(box.kids.map((k) => typeof k === "string" ? ["text", k] : [k.tag, k.kids[0]])));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_dashboard_marks_a_quote_but_not_the_cue_set_off_inside_it(tmp_path):
    """An article's text marks each quotation; the cue inside one (its gap) is left unmarked."""
    harness = tmp_path / "marked.js"
    harness.write_text(_MARKED_TEXT, encoding="utf-8")
    text = "The latest test, North Korea said, was its biggest yet."
    quote = {"start": 0, "end": 54, "gap_start": 15, "gap_end": 34, "speaker": "North Korea", "kind": "indirect"}
    result = subprocess.run(["node", str(harness), str(Path(newsgraph.api.WEB) / "app.js"), text,
                             json.dumps([quote])], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [["mark", "The latest test"], ["text", ", North Korea said,"],
                                         ["mark", " was its biggest yet"], ["text", "."]]


def test_a_story_joined_to_another_is_found_by_its_old_id_and_listed_as_an_alias(tmp_path, run):
    from conftest import story_text

    src = tmp_path / "in"
    src.mkdir()
    for key in ("ferry", "bakery"):
        (src / f"{key}.txt").write_text(story_text(key), encoding="utf-8")
    run([src])
    db = str(tmp_path / "store.duckdb")
    with Store(db) as store:
        old, kept = [r[0] for r in store.query("SELECT id FROM stories ORDER BY id").fetchall()]
        store.join_stories(old, kept)
    api = TestClient(create_app(db))
    s = api.get(f"/api/stories/{old}").json()
    assert s["id"] == kept and s["aliases"] == [old] and len(s["article_list"]) == 2
    assert api.get(f"/api/stories/{kept}").json()["aliases"] == [old]


def test_a_read_only_server_refuses_corrections_and_changes_nothing(client, examples_nlp, story_id):
    assert client.get("/api/config").json()["edits"] is False
    before = _count(examples_nlp, "SELECT count(*) FROM stories", [])
    r = client.post(f"/api/stories/{story_id}/join", json={"into": story_id})
    assert r.status_code == 403 and "--edits" in r.json()["error"]
    assert client.post(f"/api/stories/{story_id}/join", json={}).status_code == 403  # before the body's checks
    aid = client.get(f"/api/stories/{story_id}").json()["article_list"][0]["id"]
    assert client.post(f"/api/articles/{aid}/move", json={"to": None}).status_code == 403
    assert _count(examples_nlp, "SELECT count(*) FROM stories", []) == before


def test_a_server_with_edits_moves_an_article_and_joins_stories_as_the_cli_does(examples_nlp, tmp_path):
    db = str(tmp_path / "edit.duckdb")
    shutil.copy(examples_nlp, db)
    api = TestClient(create_app(db, edits=True))
    assert api.get("/api/config").json()["edits"] is True
    big = api.get("/api/stories").json()["rows"][0]
    aid = api.get(f"/api/stories/{big['id']}").json()["article_list"][-1]["id"]
    moved = api.post(f"/api/articles/{aid}/move", json={"to": None}).json()
    assert moved["ok"] and moved["article"] == aid and moved["story"] != big["id"]
    assert api.get(f"/api/stories/{moved['story']}").json()["articles"] == 1
    assert api.get(f"/api/stories/{big['id']}").json()["articles"] == big["articles"] - 1
    joined = api.post(f"/api/stories/{moved['story']}/join", json={"into": big["id"][:6]}).json()
    assert joined["story"] == big["id"] and joined["aliases"] == [moved["story"]]
    back = api.get(f"/api/stories/{moved['story']}").json()  # the joined story's id leads to the story it joined
    assert back["id"] == big["id"] and back["articles"] == big["articles"]
    # errors have the one shape: unknown story, the same story, no target named
    assert api.post("/api/stories/nosuch/join", json={"into": big["id"]}).status_code == 404
    same = api.post(f"/api/stories/{big['id']}/join", json={"into": big["id"]})
    assert same.status_code == 400 and "one story already" in same.json()["error"]
    assert api.post(f"/api/stories/{big['id']}/join", json={}).status_code == 400
    assert api.post("/api/articles/nosuch/move", json={"to": big["id"]}).status_code == 404


def test_a_correction_is_json_naming_its_target_from_the_servers_own_pages(examples_nlp, tmp_path):
    """No body, another key or a form's body moves nothing (a page elsewhere cannot send JSON unasked);
    a request a page of another site sends is refused by its Origin."""
    db = str(tmp_path / "edit.duckdb")
    shutil.copy(examples_nlp, db)
    api = TestClient(create_app(db, edits=True))
    sid = api.get("/api/stories").json()["rows"][0]["id"]
    aid = api.get(f"/api/stories/{sid}").json()["article_list"][-1]["id"]
    move = f"/api/articles/{aid}/move"
    assert api.post(move, json={}).status_code == 400
    assert api.post(move, json={"story": None}).status_code == 400
    assert api.post(move, content='{"to": null}', headers={"Content-Type": "text/plain"}).status_code == 415
    assert api.post(move, json={"to": None}, headers={"Origin": "https://elsewhere.example"}).status_code == 403
    assert _count(db, "SELECT count(*) FROM stories", []) == 1
    done = api.post(move, json={"to": None}, headers={"Origin": "http://testserver"})
    assert done.status_code == 200 and _count(db, "SELECT count(*) FROM stories", []) == 2


def test_pages_read_while_a_correction_is_made_are_all_answered(examples_nlp, tmp_path):
    """Readers and one writer of the store in one process: reads wait for a correction under way
    (DuckDB refuses read-only and writing connections to one file at once) and never fail."""
    import threading

    db = str(tmp_path / "edit.duckdb")
    shutil.copy(examples_nlp, db)
    api = TestClient(create_app(db, edits=True))
    sid = api.get("/api/stories").json()["rows"][0]["id"]
    aid = api.get(f"/api/stories/{sid}").json()["article_list"][-1]["id"]
    codes: list[int] = []

    def read() -> None:
        for _ in range(15):
            codes.extend(api.get(path).status_code for path in ("/api/stats", f"/api/stories/{sid}"))

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    moved = api.post(f"/api/articles/{aid}/move", json={"to": None}).json()
    joined = api.post(f"/api/stories/{moved['story']}/join", json={"into": sid})
    for t in readers:
        t.join()
    assert joined.status_code == 200 and len(codes) == 90 and set(codes) == {200}, sorted(set(codes))


def test_readers_and_a_writer_take_turns():
    """newsgraph.api.Access: readers share; a writer waits for them and keeps new ones out."""
    import anyio

    from newsgraph.api import Access

    access, log = Access(), []

    async def scenario() -> None:
        first_in, release = anyio.Event(), anyio.Event()

        async def first_reader() -> None:
            async with access.read():
                first_in.set()
                await release.wait()

        async def hold(kind: str) -> None:
            async with (access.write() if kind == "write" else access.read()):
                log.append(kind)
                await anyio.sleep(0.1)

        async with anyio.create_task_group() as tg:
            tg.start_soon(first_reader)
            await first_in.wait()
            tg.start_soon(hold, "write")
            await anyio.sleep(0.1)
            assert log == []  # a reader is in: the writer waits
            tg.start_soon(hold, "read")
            await anyio.sleep(0.1)
            assert log == []  # the waiting writer keeps a new reader out
            release.set()
        assert log == ["write", "read"]  # the writer first, then the late reader

    anyio.run(scenario)


def test_a_served_store_answers_many_readers_during_a_correction(examples_nlp, tmp_path):
    """A real server (its worker threads are few): 45 reads sent while a correction runs all answer,
    and the correction too; readers wait on the event loop, not in the threads the writer needs."""
    import socket
    import threading
    import time

    import httpx

    db = str(tmp_path / "served.duckdb")
    shutil.copy(examples_nlp, db)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", db, "--edits", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                httpx.get(base + "/api/config", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        sid = httpx.get(base + "/api/stories").json()["rows"][0]["id"]
        aid = httpx.get(f"{base}/api/stories/{sid}").json()["article_list"][-1]["id"]
        codes: list = []

        def get() -> None:
            try:
                codes.append(httpx.get(base + "/api/stats", timeout=60).status_code)
            except httpx.HTTPError as exc:
                codes.append(type(exc).__name__)

        mover = threading.Thread(target=lambda: codes.append(httpx.post(
            f"{base}/api/articles/{aid}/move", json={"to": None}, timeout=60).status_code))
        mover.start()
        time.sleep(0.3)
        readers = [threading.Thread(target=get) for _ in range(45)]
        for t in readers:
            t.start()
        for t in [mover, *readers]:
            t.join(90)
        assert len(codes) == 46 and set(codes) == {200}, codes
    finally:
        server.terminate()
        server.wait(20)
