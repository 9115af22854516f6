"""Agency credits: which news agency's copy a page carries, and one agency's copies counted once."""
from __future__ import annotations

import json

import pytest

from newsgraph import Store
from newsgraph.brief import build, render
from newsgraph.corpus.corroborate import Sources
from newsgraph.corpus.update import update
from newsgraph.ingest.credits import agency_name, agency_of_site, agency_of_url, credits_of
from newsgraph.store.store import EXPORTS, _version

BODY = ("The council approved the harbour budget on Tuesday after a long debate.\n\n"
        "Members said the new ferry berth would open next spring.\n")


@pytest.mark.parametrize("page, expected", [
    ("PARIS (AFP) - " + BODY, ("afp",)),
    ("Berlin (dpa/lnw) - " + BODY, ("dpa",)),
    ("MADRID, 5 jul (EFE).- " + BODY, ("efe",)),
    ("WASHINGTON, Oct 3 (Reuters) - " + BODY, ("reuters",)),
    ("New Delhi, Oct 3 (IANS) The council " + BODY, ("ians",)),
    ("LAS VEGAS (KSTV/AP) — " + BODY, ("ap",)),  # a station's code beside the agency
    ("Harbour budget passes\nBy Jane Doe and John Roe, Associated Press\n\n" + BODY, ("ap",)),
    ("Harbour budget passes\nBy AFP\n" + BODY, ("afp",)),
    ("Harbour budget passes\nBy Jane Doe | Reuters\n" + BODY, ("reuters",)),
    ("Harbour budget passes\nJane Doe, The Associated Press\n" + BODY, ("ap",)),
    ("AFP, OSLO\n" + BODY, ("afp",)),
    ("Harbour budget passes\nBy: Associated Press March 24, 2021\n" + BODY, ("ap",)),
    ("Harbour budget passes\nVia AP news wire\n" + BODY, ("ap",)),
    ("Harbour budget passes\nBy Jane Doe and John Roe Associated Press\n" + BODY, ("ap",)),
    # datelines in other languages and shapes
    ("MADRID, 3 de septiembre (EFE).- " + BODY, ("efe",)),
    ("Roma, 26 luglio (ANSA) - " + BODY, ("ansa",)),
    ("Paris, le 3 octobre (AFP) - " + BODY, ("afp",)),
    ("Rio de Janeiro, 3 de outubro (Lusa) - " + BODY, ("lusa",)),
    ("Reggio nell'Emilia, 3 ottobre (ANSA) - " + BODY, ("ansa",)),
    ("The Hague (dpa) - " + BODY, ("dpa",)),
    ("Santa Cruz de la Sierra, Bolivia, 3 de octubre (EFE).- " + BODY, ("efe",)),
    ("ALLENTOWN, Pa. (AP) — " + BODY, ("ap",)),
    ("New Delhi [India], Oct 3 (ANI): " + BODY, ("ani",)),
    (BODY + "(Reporting by Jane Doe; additional reporting by Reuters TV; Editing by John Roe)\n", ("reuters",)),
    (BODY + "(Reporting by Hina Shamsi in Islamabad; Editing by John Roe)\n", ("reuters",)),
    (BODY + "(Reporting By Jane Doe; Editing By John Roe)\n", ("reuters",)),
    ("Hafen eröffnet\ndpa 25.07.2016\n" + BODY, ("dpa",)),
    (BODY + "(dpa/rtr)\n", ("dpa", "reuters")),  # Reuters' code in German-language signatures
    ("A long photo caption of the vote. " * 40 + "\nOSLO (AP) — " + BODY, ("ap",)),  # a dateline after captions
    (BODY + "(Additional reporting by Jane Doe; Editing by John Roe)\n", ("reuters",)),
    (BODY + "(Reporting by Jane Doe; Editing by John Roe)\n", ("reuters",)),
    (BODY.rstrip() + " — AFP\n", ("afp",)),
    (BODY + "dop/dpa\n", ("dpa",)),
    (BODY + "© 2024 The Associated Press. All rights reserved.\n", ("ap",)),
    ("Harbour budget passes\n(AFP, Reuters) - " + BODY, ("afp", "reuters")),
    # named but not credited: photo credits, a source cited, a contribution, a former employer
    ("Members at the vote (Jane Doe/AP)\n" + BODY, ()),
    ("(AP Photo/Jane Doe) The vote\n" + BODY, ()),
    ("Photo: Jane Doe/AFP\n" + BODY, ()),
    ("Members at the vote. REUTERS/Jane Doe\n" + BODY, ()),
    ("The budget was approved, a letter seen by Reuters.\n" + BODY, ()),
    ("The mayor told AFP the berth was late.\n" + BODY, ()),
    ("The plan was first reported by the Associated Press\n" + BODY, ()),
    ("Photo by Jane Doe Associated Press\n" + BODY, ()),
    (BODY + "The Associated Press contributed to this report.\n", ()),
    ("She later worked for Agence France-Presse (AFP).\n\nAt the time " + BODY, ()),
    # an abbreviation defined, a state, a headline, a tag line, a column's label
    ("The Automobile Association (AA) - which represents drivers - said " + BODY, ()),
    ("Students taking Advanced Placement (AP) Biology exams " + BODY, ()),
    ("The American Psychological Association (APA) - " + BODY, ()),
    ("PITTSBURGH (PA) — " + BODY, ()),
    ("Exclusive: Draft EU Rules Seen By Reuters\n" + BODY, ()),
    ("Gonzaga Ranked No. 1 By AP Top 25\n" + BODY, ()),
    ("AP, NFL\n" + BODY, ()),
    ("OPINION (Guest Column) — " + BODY, ()),
    # photo and pool credits, a quotation's speaker, a style guide, another agency's reporting
    (BODY + "Protesters march in Madrid on Monday. (EPA/EFE)\n", ()),
    (BODY + "The prime minister arrives. (AFP/POOL)\n", ()),
    (BODY + "Image copyright Reuters Image caption Members at the vote\n", ()),
    (BODY + "Members at the vote. © Reuters\n", ()),
    (BODY + '"Thank you, all of you." — EFE\n', ()),
    (BODY + "(Additional reporting by Agence France-Presse)\n", ()),
    (BODY + "Her reporting by hand was praised. Writing by lamplight, she finished.\n", ()),
    (BODY + "Her reporting by hand was praised, writing by lamplight was not.\n", ()),
    (BODY + "(Additional reporting by Harbour Post staff)\n", ()),
    ("WASHINGTON (Breaking News) - " + BODY, ()),
    ("WASHINGTON (STAFF) - " + BODY, ()),
    (BODY, ()),
])
def test_credits_read_where_a_page_states_them(page, expected):
    assert credits_of(page) == expected


def test_a_dateline_names_a_source_the_table_does_not_know():
    """'(Andes Wire)' is that wire's copy, and its Reuters-style signature does not make it Reuters';
    a call sign or a name run together is a source too, a column's or a format's label is not."""
    page = "OSLO, Nov 11 (Andes Wire) - " + BODY + "(Reporting by Jane Doe; Editing by John Roe)\n"
    assert credits_of(page) == ("Andes Wire",)
    assert credits_of("LAS VEGAS (KTNV) — " + BODY) == ("KTNV",)
    assert credits_of("MIAMI (CBSMiami) — " + BODY) == ("CBSMiami",)
    assert credits_of("WATCH (Video) — " + BODY) == () == credits_of("BREAKING (Live Updates) — " + BODY)
    assert credits_of("NEW YORK (PR Newswire) -- " + BODY) == ("PR Newswire",)


def test_a_run_of_spaces_after_by_is_read_at_once():
    """Spaces the byline pattern could split every which way (it once took minutes on 400 of them)."""
    assert credits_of("By" + " " * 1998) == () == credits_of("Title\n- by" + " " * 1990 + "x")
    assert agency_name("Andes Wire") == "Andes Wire" and agency_name("ap") == "The Associated Press"


def test_signatures_are_read_where_the_article_ends_not_after_the_page_furniture():
    page = BODY + "REUTERS\n\nMore stories\nSubscribe to our newsletter\n"
    assert credits_of(page, body_end=len(BODY)) == ("reuters",)
    assert credits_of(page) == ()  # the page's end is furniture: no credit there


def test_an_agencys_own_site_and_its_wire_sections():
    assert agency_of_site("apnews.com") == "ap" and agency_of_site("uk.reuters.com") == "reuters"
    assert agency_of_site("harbourpost.example") is None and agency_of_site(None) is None
    assert agency_of_url("https://www.dailypaper.example/wires/reuters/article-1/x.html") == "reuters"
    assert agency_of_url("https://www.dailypaper.example/news/world/x.html") is None
    assert credits_of(BODY, "apnews.com") == ("ap",)


def test_one_agencys_copies_are_one_source():
    outlets = {"a": "Harbour Post", "b": "Fjord Times", "c": "Coastal Gazette", "d": "apnews.com"}
    plain = Sources(outlets, [])
    assert plain.counts("abcd") == (4, 4, 4)
    credited = Sources(outlets, [], {"a": ["ap"], "b": ["ap"], "c": []})
    assert credited.counts("abc") == (3, 3, 2)
    assert credited.counts("abcd") == (4, 4, 2)  # the agency's own site is the agency


def test_a_page_crediting_two_agencies_does_not_make_them_one():
    outlets = {"a": "Harbour Post", "b": "Fjord Times", "c": "Coastal Gazette"}
    s = Sources(outlets, [], {"a": ["ap"], "b": ["reuters"], "c": ["ap", "reuters"]})
    assert s.counts("abc") == (3, 3, 2)


def test_an_outlet_running_two_agencies_or_its_own_report_beside_one_does_not_join_them():
    outlets = {"y1": "Daily Digest", "y2": "Daily Digest", "x": "Fjord Times", "z": "Coastal Gazette",
               "h1": "Harbour Post", "h2": "Harbour Post"}
    s = Sources(outlets, [], {"y1": ["ap"], "y2": ["reuters"], "x": ["ap"], "z": ["reuters"], "h1": ["ap"]})
    assert s.counts(["x", "z"]) == (2, 2, 2)  # AP's copy and Reuters' copy: two sources
    assert s.counts(["h2", "x"]) == (2, 2, 2)  # Harbour Post's own report is not AP's
    assert s.counts(["h1", "x"]) == (2, 2, 1)  # Harbour Post's AP copy is
    assert s.counts(["h1", "h2"]) == (2, 1, 1)  # never more sources than outlets


def _feed(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_credits_are_stored_counted_and_noted_in_the_briefing(tmp_path, run, settings):
    body = ("The port authority of Valdivia reopened the northern ferry berth on Monday after "
            "repairs that took eight months and cost 14 million pesos, officials said.")
    rows = [
        {"url": "https://harbourpost.example/a", "title": "Valdivia berth reopens", "published": "2025-03-03",
         "text": "VALDIVIA, Chile (AP) — " + body + " Ferries to Corral will run hourly."},
        {"url": "https://fjordtimes.example/b", "title": "Berth open again in Valdivia", "published": "2025-03-03",
         "text": "By Ana Ruiz, Associated Press\n\n" + body + " The first ferry left at dawn with 40 cars."},
        {"url": "https://coastalgazette.example/c", "title": "Valdivia ferry berth back in use",
         "published": "2025-03-03",
         "text": "Ferries are again docking at the northern berth of the port of Valdivia, closed since July for "
                 "repairs. Traders on the quay said the eight months without the crossing to Corral had cost them "
                 "most of the summer trade, and the port authority promised hourly sailings."},
    ]
    run([_feed(tmp_path / "feed.jsonl", rows)])
    with Store(settings().db) as store:
        got = dict(store.con.execute("SELECT url, credits FROM articles").fetchall())
        assert got == {"https://harbourpost.example/a": ["ap"], "https://fjordtimes.example/b": ["ap"],
                       "https://coastalgazette.example/c": []}
        stories = store.con.execute("SELECT articles, outlets, independent_outlets FROM stories").fetchall()
        assert stories == [(3, 3, 2)]
        md = render(build(store.con))
    assert "carry The Associated Press copy (credited on the page)" in md


def test_articles_stored_before_credits_get_them_from_the_corpus_stage(tmp_path, run, settings, monkeypatch):
    """Older rows (credits NULL, as migration 014 leaves them) are read again, in batches, and the
    stories of those now credited count their sources again; a page the rules fail on keeps none."""
    from newsgraph.corpus import update as stage

    rows = [{"url": f"https://outlet{k}.example/a", "title": "Valdivia berth reopens", "published": "2025-03-03",
             "text": f"VALDIVIA, Chile (AP) — {_VALDIVIA} Reported for outlet {k}."} for k in range(3)]
    rows.append({"url": "https://harbourpost.example/own", "title": "Ferry berth open", "published": "2025-03-03",
                 "text": "The port of Valdivia has its northern ferry berth back after eight months of repairs, "
                         "traders on the quay told this newspaper, and the crossing to Corral runs hourly again."})
    run([_feed(tmp_path / "feed.jsonl", rows)])
    with Store(settings().db) as store:
        con = store.con
        con.execute("UPDATE articles SET credits = NULL, offsets = NULL")
        con.execute("UPDATE stories SET independent_outlets = 99, dirty = false")
        real = stage.article_credits
        monkeypatch.setattr(stage, "article_credits", lambda raw, url, *a: (
            real(raw, url, *a) if "outlet2" not in (url or "") else 1 / 0))
        stage._fill_credits(con, batch=2)
        got = dict(con.execute("SELECT url, credits FROM articles").fetchall())
        assert got["https://outlet0.example/a"] == got["https://outlet1.example/a"] == ["ap"]
        assert got["https://outlet2.example/a"] == [] and got["https://harbourpost.example/own"] == []
        assert con.execute("SELECT count(*) FROM stories WHERE dirty").fetchone()[0] >= 1
        update(con)
        assert con.execute("SELECT max(independent_outlets) FROM stories").fetchone()[0] < 99


_VALDIVIA = ("The port authority of Valdivia reopened the northern ferry berth on Monday after repairs that "
             "took eight months and cost 14 million pesos, officials said.")


def test_a_store_written_before_credits_is_read_without_being_written(tmp_path, run, settings):
    """A read-only open of an older store reads its articles as uncredited and leaves the file as it
    was; the next write brings it up to date."""
    rows = [{"url": "https://harbourpost.example/a", "title": "Berth reopens", "published": "2025-03-03",
             "text": "VALDIVIA, Chile (Reuters) - " + _VALDIVIA}]
    run([_feed(tmp_path / "feed.jsonl", rows)])
    db = settings().db
    with Store(db) as store:
        store.con.execute("ALTER TABLE articles DROP COLUMN credits")
        store.con.execute("DELETE FROM schema_migrations WHERE version = 14")
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT url, credits FROM articles").fetchall() == [
            ("https://harbourpost.example/a", None)]
        assert [_version(e) for e in store._pending()] == [14]
        assert len(store.query(EXPORTS["articles"]).fetchall()) == 1
    with Store(db) as store:
        assert store._pending() == []


def test_encoder_reads_the_languages_it_was_trained_on():
    from newsgraph.corpus.features import encoder_reads
    assert encoder_reads("es") and encoder_reads("ar") and encoder_reads("pt-BR") and encoder_reads(None)
    assert not encoder_reads("el") and not encoder_reads("uk") and not encoder_reads("ka")
