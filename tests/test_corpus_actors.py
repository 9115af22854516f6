"""Corpus-level actor resolution: a role stated in one article resolves a surname in another."""
from __future__ import annotations

import json

import newsgraph


def test_surname_resolves_to_the_person_another_article_describes(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a", "url": "https://one.example/a", "published": "2025-03-02",
         "text": "Chilean Defence Minister Amara Moreno met army commanders in Santiago on "
                 "Monday. She said the new patrols would start in April."},
        {"id": "b", "url": "https://two.example/b", "published": "2025-03-03",
         "text": "Moreno told reporters that the patrols were ready. The plan drew praise "
                 "from local leaders."},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    settings = newsgraph.load_settings(db=str(tmp_path / "x.duckdb"))
    with newsgraph.Store(settings.db) as store:
        newsgraph.analyze([str(feed)], store, settings)
        people = store.query("""SELECT a.url, e.name, e.country, e.code FROM entities e
                                JOIN articles a ON a.id = e.article_id
                                WHERE e.type = 'PERSON' ORDER BY a.url""").fetchall()
        speakers = store.query("SELECT speaker FROM quotes WHERE speaker_named").fetchall()
    assert ("https://two.example/b", "Amara Moreno", "CHL", "CHLMIL") in people
    assert ("Amara Moreno",) in speakers


def test_an_organisation_never_becomes_a_person_of_the_same_name(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a", "url": "https://one.example/a", "published": "2025-03-02",
         "text": "Wagner fighters withdrew from the town on Monday, and Wagner said that its units "
                 "would regroup."},
        {"id": "b", "url": "https://two.example/b", "published": "2025-03-03",
         "text": "German economist Ernst Wagner said that growth would slow this year."},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    settings = newsgraph.load_settings(db=str(tmp_path / "x.duckdb"))
    with newsgraph.Store(settings.db) as store:
        newsgraph.analyze([str(feed)], store, settings)
        names = store.query("""SELECT e.name FROM entities e JOIN articles a ON a.id = e.article_id
                               WHERE a.url = 'https://one.example/a'""").fetchall()
    assert ("Ernst Wagner",) not in names
