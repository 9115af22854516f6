"""Stories corrected by hand: `join-stories` and `move-article` (newsgraph.corpus.curate)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import EXAMPLES, story_text
from typer.testing import CliRunner

from newsgraph import Store
from newsgraph.brief import find_story
from newsgraph.cli import app
from newsgraph.corpus.features import is_english, lead_vectors, tokens


@pytest.fixture
def three(tmp_path, run):
    """Two ferry pages (one story) and a bakery page (another), analysed; the store's path."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "ferry.txt").write_text(story_text("ferry"), encoding="utf-8")
    (src / "ferry_b.txt").write_text(story_text("ferry", extra=["The next refit is planned for 2031."]),
                                     encoding="utf-8")
    (src / "bakery.txt").write_text(story_text("bakery"), encoding="utf-8")
    run([src])
    return src, str(tmp_path / "store.duckdb")


def _stories(db: str) -> dict[str, str]:
    with Store(db, read_only=True) as store:
        return {Path(p).name: s for p, s in store.query("""SELECT a.path, c.story_id FROM corpus_articles c
                JOIN articles a ON a.id = c.article_id""").fetchall()}


def _row(db: str, sid: str) -> dict:
    with Store(db, read_only=True) as store:
        cur = store.query("SELECT * FROM stories WHERE id = ?", [sid])
        return dict(zip([d[0] for d in cur.description], cur.fetchone()))


def _terms(db: str, files: list[str]) -> dict[str, float]:
    """The summed term vectors of these files' articles, as the corpus stage stored them."""
    total: dict[str, float] = {}
    with Store(db, read_only=True) as store:
        for path, terms in store.query("""SELECT a.path, c.terms FROM corpus_articles c
                                          JOIN articles a ON a.id = c.article_id""").fetchall():
            if Path(path).name in files:
                for t in terms:
                    total[t["term"]] = total.get(t["term"], 0.0) + t["w"]
    return total


def test_joining_two_stories_by_hand_moves_the_articles_and_keeps_the_old_id_as_an_alias(three, run):
    src, db = three
    before = _stories(db)
    ferry, bakery = before["ferry.txt"], before["bakery.txt"]
    lead = np.add(_row(db, ferry)["embedding"], _row(db, bakery)["embedding"])
    result = CliRunner().invoke(app, ["join-stories", bakery[:7], ferry, "--db", db])
    assert result.exit_code == 0, result.output
    assert f"story {bakery} joined story {ferry} (3 articles)" in result.output
    assert set(_stories(db).values()) == {ferry}
    row = _row(db, ferry)
    assert (row["articles"], row["dirty"]) == (3, False)  # rebuilt
    assert np.allclose(row["embedding"], lead, atol=1e-5)  # the sum of both stories' lead vectors
    stored = {t["term"]: t["w"] for t in row["terms"]}
    expected = _terms(db, ["ferry.txt", "ferry_b.txt", "bakery.txt"])
    assert stored.keys() == expected.keys() and all(abs(stored[k] - expected[k]) < 1e-6 for k in stored)
    with Store(db, read_only=True) as store:
        assert find_story(store.con, bakery)["id"] == ferry
        assert store.query("SELECT count(*) FROM claims WHERE story_id = ?", [bakery]).fetchone()[0] == 0
        assert "Oskarden" in store.briefing(bakery)
    run([src])  # the same input again changes nothing
    assert set(_stories(db).values()) == {ferry}
    for args, message, code in ((["join-stories", ferry, bakery], "one story already", 2),
                                (["join-stories", ferry, "s000000"], "no story matches", 2),
                                (["join-stories", ferry, " "], "give a story id (or an id prefix) for INTO", 2)):
        result = CliRunner().invoke(app, [*args, "--db", db])
        assert result.exit_code == code and message in result.output, result.output


def test_moving_an_article_to_another_story_takes_its_terms_and_days_with_it(three):
    src, db = three
    before = _stories(db)
    ferry, bakery = before["ferry.txt"], before["bakery.txt"]
    result = CliRunner().invoke(app, ["move-article", str(src / "ferry_b.txt"), "--to", bakery, "--db", db])
    assert result.exit_code == 0, result.output
    assert f"note: a copy of it stays in story {ferry}" in result.output  # ferry.txt, the same text
    after = _stories(db)
    assert after == {"ferry.txt": ferry, "ferry_b.txt": bakery, "bakery.txt": bakery}
    # what the ferry story keeps of its lead vectors is its remaining article's
    with Store(db, read_only=True) as store:
        title, text = store.query("SELECT title, text FROM articles WHERE path = ?",
                                  [str(src / "ferry.txt")]).fetchone()
    assert np.allclose(_row(db, ferry)["embedding"], lead_vectors([(title, text)])[0], atol=1e-4)
    for sid, files in ((ferry, ["ferry.txt"]), (bakery, ["bakery.txt", "ferry_b.txt"])):
        row = _row(db, sid)
        assert row["articles"] == len(files) and not row["dirty"]
        stored = {t["term"]: t["w"] for t in row["terms"]}
        expected = _terms(db, files)
        assert all(abs(stored.get(k, 0.0) - v) < 1e-6 for k, v in expected.items())
        assert all(k in expected for k in stored)


def test_an_article_moved_to_a_story_of_its_own_leaves_its_old_story_its_id(three):
    """The story's first article leaves: the story keeps its id (ids are stable) and its next
    article becomes its first; the article's new story takes another id."""
    _, db = three
    before = _stories(db)
    ferry = before["ferry.txt"]
    first = _row(db, ferry)["first_article"]
    with Store(db, read_only=True) as store:
        name = Path(store.query("SELECT path FROM articles WHERE id = ?", [first]).fetchone()[0]).name
    result = CliRunner().invoke(app, ["move-article", first, "--new", "--db", db])
    assert result.exit_code == 0, result.output
    after = _stories(db)
    other = "ferry_b.txt" if name == "ferry.txt" else "ferry.txt"
    assert after[other] == ferry and after[name] not in (ferry, before["bakery.txt"])
    assert _row(db, ferry)["first_article"] != first and _row(db, ferry)["articles"] == 1
    assert _row(db, after[name])["first_article"] == first
    result = CliRunner().invoke(app, ["move-article", first, "--new", "--db", db])
    assert result.exit_code == 2 and "only article" in result.output


def test_moving_a_story_s_only_article_away_leaves_its_id_leading_to_where_it_went(three):
    src, db = three
    before = _stories(db)
    result = CliRunner().invoke(app, ["move-article", str(src / "bakery.txt"), "--to", before["ferry.txt"],
                                      "--db", db])
    assert result.exit_code == 0, result.output
    assert set(_stories(db).values()) == {before["ferry.txt"]}
    with Store(db, read_only=True) as store:
        assert find_story(store.con, before["bakery.txt"])["id"] == before["ferry.txt"]


@pytest.mark.parametrize("args, message, code", [
    (["move-article", "ferry.txt"], "give --to STORY or --new", 2),
    (["move-article", "ferry.txt", "--new", "--to", "s1"], "give --to STORY or --new", 2),
    (["move-article", "absent.txt", "--new"], "no article matches", 2),
    (["move-article", "ferry.txt", "--to", ""], "for --to", 2),
])
def test_move_article_refuses_what_it_cannot_do(three, args, message, code, monkeypatch):
    src, db = three
    monkeypatch.chdir(src)  # a path relative to where the command runs finds the stored absolute one
    result = CliRunner().invoke(app, [*args, "--db", db])
    assert result.exit_code == code and message in result.output, result.output


def test_a_correction_needs_an_existing_store(tmp_path):
    db = tmp_path / "typo.duckdb"
    result = CliRunner().invoke(app, ["join-stories", "s1", "s2", "--db", str(db)])
    assert result.exit_code == 2 and "no store at" in result.output and not db.exists()


def _consistent(db: str) -> None:
    """Every story row is what its members make: count, days, first article, lead vectors (a page
    in another language adds none) and, where no cut to the top terms happened, term sums."""
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT id, first_article, terms, articles, first_date, last_date, embedding "
                           "FROM stories").fetchall()
        for sid, first, terms, n, d0, d1, emb in rows:
            members = store.query("""SELECT c.article_id, c.terms, c.day, a.title, a.text, a.language
                FROM corpus_articles c JOIN articles a ON a.id = c.article_id WHERE story_id = ? ORDER BY seq""",
                                  [sid]).fetchall()
            assert n == len(members) and first in [m[0] for m in members], sid
            days = [m[2] for m in members if m[2] is not None]
            assert (d0, d1) == ((min(days), max(days)) if days else (None, None)), sid
            sums: dict[str, float] = {}
            for m in members:
                for t in m[1]:
                    sums[t["term"]] = sums.get(t["term"], 0.0) + t["w"]
            stored = {t["term"]: t["w"] for t in terms}
            if len(sums) <= 240:
                assert stored.keys() == sums.keys() and all(abs(stored[k] - sums[k]) < 1e-6 for k in sums), sid
            leads = [np.zeros_like(v) if not is_english(tokens(m[4]), m[5]) else v
                     for m, v in zip(members, lead_vectors([(m[3], m[4]) for m in members]))]
            assert np.allclose(emb, np.sum(leads, axis=0), atol=1e-3), sid


def test_a_chain_of_corrections_keeps_every_story_what_its_members_make(tmp_path, run):
    """On the bundled examples (one story, with a Spanish page and undated pages): the Spanish page
    and an undated page moved out, one back, the rest joined; after each step every story row is
    what its articles make, and at the end the alias of an emptied story is taken back by the
    article that began it."""
    run([EXAMPLES / "txt"])
    db = str(tmp_path / "store.duckdb")
    _consistent(db)
    spanish = str(EXAMPLES / "txt" / "07_diario_austral_es.txt")
    undated = str(EXAMPLES / "txt" / "04_nordic_fisheries_bulletin_quota.txt")
    runner = CliRunner()

    def story_of(path: str) -> str:
        with Store(db, read_only=True) as store:
            return store.query("""SELECT c.story_id FROM corpus_articles c JOIN articles a ON a.id = c.article_id
                                  WHERE a.path = ?""", [path]).fetchone()[0]

    main = story_of(spanish)
    for args in (["move-article", spanish, "--new"], ["move-article", undated, "--new"]):
        assert runner.invoke(app, [*args, "--db", db]).exit_code == 0
        _consistent(db)
    own = story_of(undated)
    assert len({main, story_of(spanish), own}) == 3
    result = runner.invoke(app, ["move-article", undated, "--to", story_of(spanish), "--db", db])
    assert result.exit_code == 0 and f"story {own}, left empty, now leads to it" in result.output
    _consistent(db)
    result = runner.invoke(app, ["move-article", undated, "--new", "--db", db])
    assert result.exit_code == 0 and story_of(undated) == own  # its own story's id, taken back
    with Store(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM story_aliases WHERE alias = ?", [own]).fetchone()[0] == 0
    _consistent(db)
    for other in (own, story_of(spanish)):
        assert runner.invoke(app, ["join-stories", other, main, "--db", db]).exit_code == 0
        _consistent(db)


def test_stories_parted_by_hand_are_not_joined_again_by_a_later_run(tmp_path, run):
    """A page moved to a story of its own; the next run brings a near copy of it and a page of the
    whole event: its story grows and would join the main story again, but the two stay apart."""
    src = tmp_path / "in"
    src.mkdir()
    for k in range(3):
        (src / f"ferry{k}.txt").write_text(story_text("ferry", extra=[f"Crossing number {k} was full."]),
                                           encoding="utf-8")
    run([src])
    db = str(tmp_path / "store.duckdb")
    moved = str(src / "ferry2.txt")
    assert CliRunner().invoke(app, ["move-article", moved, "--new", "--db", db]).exit_code == 0
    split = _stories(db)
    assert len(set(split.values())) == 2
    later = tmp_path / "later"
    later.mkdir()
    (later / "ferry3.txt").write_text(story_text("ferry", extra=["Crossing number 2 was full.", "More."]),
                                      encoding="utf-8")
    report = run([later])
    assert report.corpus.stories_merged == 0
    after = _stories(db)
    assert {k: after[k] for k in split} == split and len(set(after.values())) == 2


def test_a_pair_parted_again_and_again_is_stored_once(three):
    """Moving articles back and forth between two stories keeps one row for their pair."""
    src, db = three
    stories = _stories(db)
    runner = CliRunner()
    for k in range(3):
        to = stories["bakery.txt"] if k % 2 == 0 else stories["ferry.txt"]
        assert runner.invoke(app, ["move-article", str(src / "ferry_b.txt"), "--to", to, "--db", db]).exit_code == 0
    with Store(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM stories_apart").fetchone()[0] == 1
    result = runner.invoke(app, ["move-article", " ", "--new", "--db", db])
    assert result.exit_code == 2 and "give an article id" in result.output
