"""Odd records that once stopped a whole run: each is stored or named, the rest goes on."""
from __future__ import annotations

import json

import newsgraph


def analyze(tmp_path, rows, **settings):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    s = newsgraph.load_settings(db=str(tmp_path / "x.duckdb"), **settings)
    with newsgraph.Store(s.db) as store:
        report = newsgraph.analyze([str(feed)], store, s)
        stored = dict(store.query("SELECT url, published FROM articles").fetchall())
    return report, stored


GOOD = {"url": "https://ok.example/1", "text": "Officials in Lima said that the port reopened on Monday."}


def test_impossible_publication_dates_are_dropped_not_fatal(tmp_path):
    rows = [GOOD, {"url": "https://odd.example/2", "published": "2024-02-30T10:00:00Z", "text": "Rain fell."},
            {"url": "https://odd.example/3", "published": "0001-01-01T00:00:00Z", "text": "Rain fell again last week."}]
    report, stored = analyze(tmp_path, rows)
    assert len(stored) == 3 and report.failed == 0
    assert stored["https://odd.example/2"] is None and stored["https://odd.example/3"] is None


def test_lone_surrogates_in_json_are_replaced(tmp_path):
    rows = [GOOD, {"url": "https://odd.example/s", "text": "Germany praised France \ud83d on Monday."}]
    report, stored = analyze(tmp_path, rows)
    assert len(stored) == 2 and report.failed == 0


def test_text_too_long_for_the_parser_is_stored_and_named(tmp_path, monkeypatch):
    from newsgraph import nlp
    monkeypatch.setattr(nlp.load(), "max_length", 2000)
    long_text = "The council met again to discuss the harbour budget and nothing else. " * 60
    rows = [GOOD, {"url": "https://odd.example/long", "text": long_text}]
    report, stored = analyze(tmp_path, rows)
    assert len(stored) == 2
    assert [e.source for e in report.errors] == ["https://odd.example/long"]
    assert "too long for the parser" in report.errors[0].reason


def test_according_as_the_last_word_is_harmless(tmp_path):
    rows = [GOOD, {"url": "https://odd.example/a", "text": "“We will win this match very soon indeed” according"}]
    report, stored = analyze(tmp_path, rows)
    assert len(stored) == 2 and report.failed == 0
