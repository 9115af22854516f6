"""analyze() end to end: counts, re-runs, interrupted runs, workers, outlet furniture, examples."""
from __future__ import annotations

import json

import pytest
from conftest import STORIES, story_html, story_text, write_jsonl, write_warc

import newsgraph.pipeline
from newsgraph import Store
from newsgraph.store.store import dumps_row

EXPORT_FIELDS = {"id", "path", "url", "outlet", "title", "author", "published", "language", "text",
                 "removed", "flags"}


def mixed_dir(root):
    """5 good documents in 4 formats, 2 bad inputs and a file that is not an input."""
    (root / "txt").mkdir(parents=True)
    (root / "txt" / "ferry.txt").write_text(story_text("ferry"), encoding="utf-8")
    (root / "txt" / "empty.txt").write_text("")
    (root / "bakery.html").write_text(story_html("bakery"), encoding="utf-8")
    write_jsonl(root / "feed.jsonl", [
        {"id": "lib", "url": "https://redwater.example/library", "text": story_text("library")},
        "{this line is broken",
        {"id": "rail", "outlet": "Sella Valley Times", "text": story_text("bridge")},
    ])
    write_warc(root / "crawl.warc.gz",
               [("https://birds.example/puffins", story_html("seabirds"), "text/html")])
    (root / "README.md").write_text("These files are test inputs.")
    return root


def test_mixed_directory_counts(tmp_path, run, query):
    inputs = mixed_dir(tmp_path / "in")
    report = run([inputs])
    assert (report.read, report.new, report.unchanged, report.failed) == (5, 5, 0, 2)
    assert sorted(e.source for e in report.errors) == sorted(
        [str(inputs / "txt" / "empty.txt"), f"{inputs / 'feed.jsonl'}:2"])
    assert all(e.reason for e in report.errors)
    assert query("SELECT format, count(*) FROM articles GROUP BY 1 ORDER BY 1") == [
        ("html", 1), ("jsonl", 2), ("txt", 1), ("warc", 1)]
    assert query("SELECT count(*) FROM failures") == [(2,)]


def test_second_run_finds_everything_unchanged(tmp_path, run, query):
    inputs = mixed_dir(tmp_path / "in")
    run([inputs])
    report = run([inputs])
    assert (report.read, report.new, report.unchanged, report.failed) == (5, 0, 5, 2)
    assert query("SELECT count(*) FROM articles") == [(5,)]


def test_changed_file_is_stored_as_a_new_article(tmp_path, run, query):
    path = tmp_path / "ferry.txt"
    path.write_text(story_text("ferry"))
    run([path])
    path.write_text(story_text("ferry", extra=["A second ferry is due to join the route in spring."]))
    report = run([path])
    assert (report.new, report.unchanged) == (1, 0)
    assert query("SELECT count(DISTINCT content_hash) FROM articles WHERE path = ?", [str(path)]) == [(2,)]


def test_same_text_under_two_paths_gives_two_articles(tmp_path, run, query):
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text(story_text("windfarm"))
    report = run([tmp_path])
    assert report.new == 2
    rows = query("SELECT id, path, text FROM articles ORDER BY path")
    assert [r[1] for r in rows] == [str(tmp_path / "one.txt"), str(tmp_path / "two.txt")]
    assert rows[0][0] != rows[1][0]
    assert rows[0][2] == rows[1][2]


def test_failure_is_cleared_when_the_input_is_fixed(tmp_path, run, query):
    path = tmp_path / "late.txt"
    path.write_text("")
    assert run([path]).failed == 1
    assert query("SELECT source FROM failures") == [(str(path),)]
    path.write_text(story_text("library"))
    report = run([path])
    assert (report.new, report.failed) == (1, 0)
    assert query("SELECT count(*) FROM failures") == [(0,)]


def test_articles_export_has_the_documented_fields(tmp_path, run, settings):
    run([mixed_dir(tmp_path / "in")])
    with Store(settings().db, read_only=True) as store:
        columns, rows = store.export_rows("articles")
        records = [json.loads(dumps_row(columns, row)) for row in rows]
    assert len(records) == 5
    for rec in records:
        assert EXPORT_FIELDS <= set(rec)
        assert rec["text"] and isinstance(rec["removed"], list) and isinstance(rec["flags"], list)
        assert all(r["reason"] for r in rec["removed"])
    by_url = {r["url"]: r for r in records}
    assert by_url["https://redwater.example/library"]["title"] == STORIES["library"][0]
    assert by_url["https://birds.example/puffins"]["outlet"] == "birds.example"


def test_interrupted_run_keeps_committed_batches_and_rerun_completes(tmp_path, run, query, monkeypatch):
    names = [f"{c}.txt" for c in "abcdef"]
    for name, key in zip(names, STORIES):
        (tmp_path / name).write_text(story_text(key))
    real = newsgraph.pipeline.make_article

    def interrupt_on_fifth(doc, *args, **kwargs):
        if doc.source.endswith("e.txt"):
            raise KeyboardInterrupt
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(newsgraph.pipeline, "make_article", interrupt_on_fifth)
    with pytest.raises(KeyboardInterrupt):
        run([tmp_path], batch_size=2)
    assert query("SELECT path FROM articles ORDER BY path") == [(str(tmp_path / n),) for n in names[:4]]

    monkeypatch.setattr(newsgraph.pipeline, "make_article", real)
    report = run([tmp_path], batch_size=2)
    assert (report.read, report.new, report.unchanged) == (6, 2, 4)
    assert query("SELECT count(*), count(DISTINCT id), count(DISTINCT path) FROM articles") == [(6, 6, 6)]


def test_two_workers_store_the_same_articles_as_one(tmp_path, run, query, settings):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for key in STORIES:
        (inputs / f"{key}.txt").write_text(story_text(key))
    stored = []
    for workers in (1, 2):
        db = str(tmp_path / f"w{workers}.duckdb")
        report = run([inputs], db=db, workers=workers, batch_size=3)
        assert (report.new, report.failed) == (len(STORIES), 0)
        with Store(db, read_only=True) as store:
            stored.append(store.query("SELECT id, text, removed FROM articles ORDER BY id").fetchall())
    assert stored[0] == stored[1]


def outlet_feed(path, topics, footer):
    """One outlet's pages as JSONL rows, each ending with the same footer line."""
    rows = []
    for key in topics:
        head, paras = STORIES[key]
        rows.append({"url": f"https://tidepost.example/{key}", "outlet": "Tide Post", "title": head,
                     "text": "\n".join(paras + [footer])})
    return write_jsonl(path, rows)


FOOTER = "Tide Post reporters cover every harbour town along the northern coast"


def removed_reasons(query, line):
    rows = query("SELECT url, text, removed FROM articles ORDER BY url")
    return {url: (line in text, [r["reason"] for r in removed if r["text"] == line])
            for url, text, removed in rows}


def test_footer_repeated_across_one_outlets_pages_is_removed(tmp_path, run, query):
    outlet_feed(tmp_path / "feed.jsonl", ["ferry", "bakery", "library", "bridge"], FOOTER)
    assert run([tmp_path]).new == 4
    found = removed_reasons(query, FOOTER)
    assert len(found) == 4
    assert all(v == (False, ["repeated_in_outlet"]) for v in found.values()), found
    # the stories themselves are intact
    texts = [r[0] for r in query("SELECT text FROM articles")]
    assert all(STORIES[key][1][-1] in " ".join(texts) for key in ("ferry", "bakery", "library", "bridge"))


def test_footer_on_too_few_pages_is_kept(tmp_path, run, query):
    outlet_feed(tmp_path / "feed.jsonl", ["ferry", "bakery"], FOOTER)
    run([tmp_path])
    assert all(v == (True, []) for v in removed_reasons(query, FOOTER).values())


def test_outlet_line_counts_carry_over_between_runs(tmp_path, run, query):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    outlet_feed(first / "feed.jsonl", ["ferry", "bakery"], FOOTER)
    outlet_feed(second / "feed.jsonl", ["library"], FOOTER)
    run([first])
    run([second])
    found = removed_reasons(query, FOOTER)
    assert found["https://tidepost.example/library"] == (False, ["repeated_in_outlet"])


def test_duplicate_records_do_not_count_as_outlet_repeats(tmp_path, run, query):
    head, paras = STORIES["ferry"]
    row = {"url": "https://tidepost.example/ferry", "outlet": "Tide Post",
           "text": "\n".join([head, *paras, "The crossing takes forty minutes."])}
    write_jsonl(tmp_path / "feed.jsonl", [row, row, row])
    run([tmp_path])
    [(text, removed)] = query("SELECT text, removed FROM articles")
    assert "repeated_in_outlet" not in [r["reason"] for r in removed]
    assert text.endswith("The crossing takes forty minutes.")


def test_report_counts_add_up_when_an_input_repeats(tmp_path, run):
    path = tmp_path / "ferry.txt"
    path.write_text(story_text("ferry"))
    report = run([path, path])
    assert report.read == report.new + report.unchanged + report.failed
    assert (report.new, report.unchanged) == (1, 1)




def test_an_extraction_error_names_the_article_and_keeps_the_rest(tmp_path, monkeypatch):
    import newsgraph
    import newsgraph.extract as extract_mod

    real = extract_mod.extract_quotes

    def flaky(doc, actors, article_id):
        if "lighthouse" in doc.text:
            raise ValueError("odd article")
        return real(doc, actors, article_id)

    monkeypatch.setattr(extract_mod, "extract_quotes", flaky)
    (tmp_path / "a.txt").write_text("The lighthouse keeper said that the lamp was repaired on Monday.\n")
    (tmp_path / "b.txt").write_text("Harbour master Ana Lindqvist said that the ferry would sail on Tuesday.\n")
    settings = newsgraph.load_settings(db=str(tmp_path / "x.duckdb"))
    with newsgraph.Store(settings.db) as store:
        report = newsgraph.analyze([str(tmp_path)], store, settings)
        assert store.query("SELECT count(*) FROM articles").fetchone()[0] == 2
        assert store.query("SELECT count(*) FROM quotes").fetchone()[0] >= 1
    assert report.new == 2 and report.failed == 1
    assert [e.source for e in report.errors] == [str(tmp_path / "a.txt")]
    assert "odd article" in report.errors[0].reason


def test_articles_stored_without_nlp_are_extracted_by_a_later_run(tmp_path):
    import newsgraph

    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "outlet": "Harbour Post", "text": (
        "Harbour master Ana Moreno said that the ferry would sail on Tuesday.\nShare this story")}) + "\n")
    db = str(tmp_path / "x.duckdb")
    lines = "SELECT sum(docs) FROM outlet_lines"
    with newsgraph.Store(db) as store:
        first = newsgraph.analyze([str(tmp_path)], store, newsgraph.load_settings(db=db, nlp=False))
        assert store.query("SELECT count(*) FROM quotes").fetchone()[0] == 0
        counted = store.query(lines).fetchone()[0]
        second = newsgraph.analyze([str(tmp_path)], store, newsgraph.load_settings(db=db))
        assert store.query("SELECT count(*) FROM quotes").fetchone()[0] >= 1
        assert store.query(lines).fetchone()[0] == counted >= 1  # the page's lines are counted once
        third = newsgraph.analyze([str(tmp_path)], store, newsgraph.load_settings(db=db))
        assert store.query("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert (first.new, second.new, second.unchanged) == (1, 0, 1)
    assert (third.new, third.unchanged) == (0, 1)


def test_a_dead_worker_pool_is_replaced_and_the_batch_redone(tmp_path, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    import newsgraph
    import newsgraph.pipeline as pipeline

    real, calls = pipeline._map, []

    def dying(pool, fn, items, workers):
        calls.append(pool is not None)
        if pool is not None and len(calls) == 1:
            raise BrokenProcessPool("a worker was killed")
        return real(pool, fn, items, workers)

    monkeypatch.setattr(pipeline, "_map", dying)
    for k in range(3):
        (tmp_path / f"{k}.txt").write_text(f"Story {k}: the council voted on the harbour budget.\n")
    db = str(tmp_path / "x.duckdb")
    with newsgraph.Store(db) as store:
        report = newsgraph.analyze([str(tmp_path)], store, newsgraph.load_settings(db=db, workers=2, nlp=False))
        assert store.query("SELECT count(*) FROM articles").fetchone()[0] == 3
    assert (report.read, report.new, report.unchanged, report.failed) == (3, 3, 0, 0)
    assert calls[:2] == [True, False]


def test_an_article_in_another_language_is_stored_without_actors_quotes_and_events(tmp_path, run, query):
    """The extraction reads English: a Spanish page would give wrong actors (“la” a place, “un” the
    United Nations). It is stored, grouped and summarised, but not read for actors and events."""
    (tmp_path / "en.txt").write_text("Harbour master Ana Moreno said that the ferry to Brenvik would sail on "
                                     "Tuesday after the storm, and that the crossing was safe again.\n")
    (tmp_path / "es.txt").write_text(
        "La capitana del puerto, Ana Moreno, dijo el martes que el transbordador volverá a zarpar hacia la isla "
        "después de la tormenta. Según la autoridad portuaria, los daños en el muelle fueron menores de lo que "
        "se temía y un equipo de técnicos revisó las grúas durante toda la noche antes de dar el visto bueno.\n")
    report = run([tmp_path], nlp=True)
    assert report.new == 2 and report.failed == 0
    langs = dict(query("SELECT path, language FROM articles"))
    assert langs[str(tmp_path / "es.txt")] == "es"
    per_article = dict(query("""SELECT a.path, count(e.name) FROM articles a LEFT JOIN entities e ON e.article_id = a.id
                                GROUP BY a.path"""))
    assert per_article[str(tmp_path / "es.txt")] == 0 and per_article[str(tmp_path / "en.txt")] > 0
    again = run([tmp_path], nlp=True)  # marked as read: not parsed again
    assert (again.new, again.unchanged) == (0, 2)
