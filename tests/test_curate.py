"""Stories corrected by hand: `join-stories` and `move-article` (newsgraph.corpus.curate)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import story_text
from typer.testing import CliRunner

from newsgraph import Store
from newsgraph.brief import find_story
from newsgraph.cli import app
from newsgraph.corpus.features import lead_vectors


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
    for args, message in ((["join-stories", ferry, bakery], "one story already"),
                          (["join-stories", ferry, "s000000"], "no story matches")):
        result = CliRunner().invoke(app, [*args, "--db", db])
        assert result.exit_code != 0 and message in result.output


def test_moving_an_article_to_another_story_takes_its_terms_and_days_with_it(three):
    src, db = three
    before = _stories(db)
    ferry, bakery = before["ferry.txt"], before["bakery.txt"]
    result = CliRunner().invoke(app, ["move-article", str(src / "ferry_b.txt"), "--to", bakery, "--db", db])
    assert result.exit_code == 0, result.output
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


@pytest.mark.parametrize("args, message", [
    (["move-article", "ferry.txt"], "give --to STORY or --new"),
    (["move-article", "ferry.txt", "--new", "--to", "s1"], "give --to STORY or --new"),
    (["move-article", "absent.txt", "--new"], "no article matches"),
])
def test_move_article_refuses_what_it_cannot_do(three, args, message):
    _, db = three
    result = CliRunner().invoke(app, [*args, "--db", db])
    assert result.exit_code != 0 and message in result.output
