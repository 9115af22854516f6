"""Briefing pieces built from stored rows, on small invented stories."""
from __future__ import annotations

import pytest

from newsgraph.brief.claims import author_lines, confirmed_spans, only_here, standalone
from newsgraph.brief.events import names_of, self_loop


def _art(aid: str, text: str) -> dict:
    return {"id": aid, "text": text}


ARTS = [
    _art("a1", "Norway and Chile held naval talks in Oslo on Monday. The ministers agreed on a fisheries "
               "accord, joint research in glacial hydrology, and a new consular office. Both sides praised "
               "the talks."),
    _art("a2", "Norway and Chile held naval talks in Oslo. The ministers agreed on a fisheries accord and "
               "praised the talks, officials said."),
]


def test_only_here_shows_the_phrase_in_its_clause():
    items = only_here(ARTS, {"a1": 1, "a2": 2})
    assert len(items) == 1 and items[0].cites == [1]
    assert "“joint research in glacial hydrology”" in items[0].text


def test_only_here_skips_sentences_whose_event_other_outlets_confirm():
    second = ARTS[0]["text"].index("The ministers")
    other = ARTS[1]["text"].index("The ministers")
    said = "The ministers agreed on a fisheries accord"
    claims = [{"kind": "event", "independent_outlets": 2, "event_cluster_id": "c1",
               "evidence": [{"article_id": "a1", "start": second, "end": second + 40, "text": said + ", research"},
                            {"article_id": "a2", "start": other, "end": other + 40, "text": said + "."}]},
              {"kind": "event", "independent_outlets": 1, "event_cluster_id": "c2",
               "evidence": [{"article_id": "a2", "start": 0, "end": 10, "text": "Norway and Chile held talks."}]}]
    confirmed = confirmed_spans(claims)
    assert confirmed == {"a1": [(second, second + 40)], "a2": [(other, other + 40)]}
    items = only_here(ARTS, {"a1": 1, "a2": 2}, confirmed)
    assert not any("hydrology" in i.text for i in items)
    assert confirmed_spans(claims, background=frozenset({"c1"})) == {}


def test_an_event_confirmed_elsewhere_does_not_confirm_a_sentence_about_something_else():
    claims = [{"kind": "event", "independent_outlets": 2, "event_cluster_id": "c1", "evidence": [
        {"article_id": "a1", "start": 0, "end": 50, "text": "Norway and Chile signed the polar accord in Oslo."},
        {"article_id": "a2", "start": 0, "end": 90,
         "text": "Around 200 protesters gathered outside the hall as Norway and Chile prepared to sign."}]}]
    assert confirmed_spans(claims) == {}
    assert confirmed_spans(claims, dated=frozenset({"c1"})) == {"a1": [(0, 50)], "a2": [(0, 90)]}  # one day


def _ev(eid: str, trigger: str, sentence: str) -> dict:
    return {"id": eid, "article_id": "a1", "start": 0, "trigger": trigger, "sentence": sentence}


def test_quoted_words_name_the_event_whose_trigger_they_stand_next_to():
    s = "The envoys held talks on Friday, a year after their pact of “eternal amity” was signed."
    names = names_of([_ev("talks", "talks", s), _ev("pact", "pact", s)])
    assert names == {"pact": ["eternal amity"]}


def test_quoted_words_far_from_any_trigger_name_nothing():
    s = ("The Norwegian and Chilean ministers held talks in Oslo as part of what both capitals "
         "have for years described as a “special relationship”.")
    assert names_of([_ev("talks", "talks", s)]) == {}


def test_author_biography_lines_are_found_by_the_author_surname():
    text = ("Chile and Norway signed a polar accord on Tuesday. Officials called it historic. "
            "Tomás Riquelme is a fisheries correspondent based in Valdivia. He has covered quota talks since 2011. "
            "The accord takes effect in March.")
    lines = author_lines([{"id": "a1", "author": "Tomás Riquelme", "text": text}])
    bio = [text[s:e].strip() for s, e in lines["a1"]]
    assert bio == ["Tomás Riquelme is a fisheries correspondent based in Valdivia.",
                   "He has covered quota talks since 2011."]
    assert author_lines([{"id": "a2", "author": None, "text": text}]) == {}


def test_fragments_and_lead_ins_are_no_standalone_claims():
    assert standalone("Chile and Norway signed a polar accord in Oslo on Tuesday.")
    assert not standalone("a rounding error dressed up as diplomacy.")
    assert not standalone("In a written statement released after the ceremony, the minister said the following:")


def test_source_notes_say_which_came_first_only_when_both_are_dated():
    import datetime as dt

    from newsgraph.brief.notes import notes

    arts = [{"id": "a1", "outlet": "Andes Wire", "published": dt.date(2025, 11, 10), "repairs": [], "text": ""},
            {"id": "a2", "outlet": "Coastal Gazette", "published": dt.date(2025, 11, 11), "repairs": [], "text": ""},
            {"id": "a3", "outlet": None, "published": None, "repairs": [], "text": ""}]
    links = [{"article_id": "a2", "other_id": "a1", "type": "near_copy", "score": 0.9},
             {"article_id": "a3", "other_id": "a1", "type": "rewrite", "score": 0.6}]
    quotes = [{"article_id": "a1", "speaker_named": False}, {"article_id": "a2", "speaker_named": False},
              {"article_id": "a2", "speaker_named": True}]
    texts = [i.text for i in notes(arts, links, quotes, {"a1": 1, "a2": 2, "a3": 3})]
    assert texts[0] == ("Coastal Gazette (source 2) is a near copy of Andes Wire (source 1) (score 0.90); "
                        "counted as one source")
    assert texts[1] == ("an unknown outlet (source 3) and Andes Wire (source 1): one rewrites the other "
                        "(score 0.60); counted as one source")
    assert "2 statements attributed to unnamed sources (officials, analysts, observers) in 2 articles" in texts


def test_three_pages_of_one_text_make_one_note():
    from newsgraph.brief.notes import notes

    arts = [{"id": f"a{k}", "outlet": name, "published": None, "repairs": [], "text": ""}
            for k, name in enumerate(["Andes Wire", "Coastal Gazette", "Valley Post", "Fjord Times"], 1)]
    links = [{"article_id": "a2", "other_id": "a1", "type": "copy", "score": 1.0},
             {"article_id": "a3", "other_id": "a1", "type": "near_copy", "score": 0.62},
             {"article_id": "a3", "other_id": "a2", "type": "near_copy", "score": 0.61},
             {"article_id": "a4", "other_id": "a1", "type": "rewrite", "score": 0.7}]
    texts = [i.text for i in notes(arts, links, [], {f"a{k}": k for k in range(1, 5)})]
    assert texts[0] == ("Andes Wire (source 1), Coastal Gazette (source 2) and Valley Post (source 3) carry one "
                        "text (copies and near copies, scores 0.61–1.00); counted as one source")
    assert texts[1].endswith("one rewrites the other (score 0.70); counted as one source")
    assert len(texts) == 3 and texts[2].startswith("4 of 4 articles state no publication date")


def test_desks_agencies_and_namesakes_have_no_biography():
    text = ("Officials told Reuters the talks would resume. They said a deal was close. "
            "Chief of Staff Jeff Zients said the White House welcomed it. Kim Jong Un said nothing. "
            "He praised the envoys.")
    for author in ("Reuters", "Staff", "Sarah Kim", "By Reuters Staff"):
        assert author_lines([{"id": "a1", "author": author, "outlet": "Reuters", "text": text}]) == {}
    bio = "The talks resume on Monday. Tom Lee covers diplomacy from Seoul."
    found = author_lines([{"id": "a1", "author": "By Ana Ruiz and Tom Lee", "outlet": None, "text": bio}])
    assert [bio[s:e].strip() for s, e in found["a1"]] == ["Tom Lee covers diplomacy from Seoul."]


def test_quoted_words_end_at_their_own_closing_mark():
    s = "The envoys signed what he called “Russia’s partnership” in Oslo."
    assert names_of([_ev("pact", "signed", s)]) == {"pact": ["Russia’s partnership"]}


def test_quoted_speech_is_not_a_name_of_the_event():
    s = "“We signed,” Solheim-Vik said, “a fair deal, not a perfect one.”"
    assert names_of([_ev("pact", "signed", s)]) == {}
    s = "The ministers signed the accord: “A new chapter,” one of them told reporters."
    assert names_of([_ev("pact", "signed", s)]) == {}
    # names that hold the event's own word, or carry American punctuation, stay names
    s = "Moscow launched what it calls a “special military operation” in February."
    assert names_of([_ev("op", "operation", s)]) == {"op": ["special military operation"]}
    s = "The envoys signed what both called a “historic breakthrough,” and the talks ended."
    assert names_of([_ev("pact", "signed", s)]) == {"pact": ["historic breakthrough"]}


def test_articles_dated_by_their_address_are_named_in_the_notes():
    from newsgraph.brief.notes import notes

    arts = [{"id": "a1", "outlet": "Andes Wire", "published": "2024-03-05", "repairs": [], "text": "",
             "flags": ["date_from_url"]},
            {"id": "a2", "outlet": "Valley Post", "published": "2024-03-05", "repairs": [], "text": "", "flags": []}]
    items = notes(arts, [], [], {"a1": 1, "a2": 2})
    assert [(i.text, i.cites) for i in items] == [
        ("1 of 2 articles are dated by the date in their address, stating none themselves", [1])]


def test_articles_in_other_languages_are_counted_by_language_in_the_notes():
    from newsgraph.brief.notes import notes

    arts = [{"id": f"a{k}", "outlet": "Andes Wire", "published": "2024-03-05", "repairs": [], "text": "",
             "flags": [], "language": lang} for k, lang in enumerate(["en", "es", "ja", "es-MX", None], 1)]
    [item] = notes(arts, [], [], {f"a{k}": k for k in range(1, 6)})
    assert item.text.startswith("3 of 5 articles are in other languages (2 Spanish, 1 Japanese): placed in the story")
    assert item.cites == [2, 3, 4]


def test_articles_in_another_language_get_no_english_phrase_tests_or_function_words_as_framing():
    from newsgraph.brief.framing import framing
    from newsgraph.brief.model import Source

    german = ("Die Regierung hat die neuen Regeln für den Hafen beschlossen, und die Fischer sind mit den Regeln "
              "nicht zufrieden. Die Fischer wollen gegen die Regeln klagen, und die Regierung will die Regeln "
              "nicht ändern. Die Regeln gelten ab dem Sommer für den Hafen und für die Fischer.")
    english = ("The government approved the new harbour rules, and the fishermen say the rules ignore the "
               "spawning grounds of the brown trout near the old stone quay.")
    arts = [{"id": "a1", "text": german, "language": "de", "outlet": "Hafenblatt"},
            {"id": "a2", "text": english, "language": "en", "outlet": "Harbour News"}]
    only = only_here(arts, {"a1": 1, "a2": 2})
    assert [i.cites for i in only] == [[2]]  # the English article's own phrases; none from the German one
    sources = [Source(1, "a1", "Hafenblatt", None, None, ""), Source(2, "a2", "Harbour News", None, None, "")]
    [de, _] = framing(arts, [], sources)
    assert not {"die", "den", "und", "nicht"} & set(de.text.split(": ")[-1].split(", "))
    assert "its only article in de" in de.text  # the lone German page is not set against English words


def test_framing_words_are_drawn_within_a_language_as_the_articles_write_them():
    from newsgraph.brief.framing import framing
    from newsgraph.brief.model import Source

    harbour = ("The harbour board approved the quay rules at 10:50pm. Fishermen called the rules a betrayal, "
               "a betrayal of the trout grounds, and said the quays belong to the town. See pic.twitter.com/x1")
    calm = ("The harbour board approved new quay rules on Tuesday. Officials said the rules protect the trout "
            "grounds and keep the quays open to traffic. The rules take effect in spring.")
    arts = [{"id": "a1", "text": harbour, "language": "en"}, {"id": "a2", "text": calm, "language": "en"},
            {"id": "a3", "text": calm.replace("Tuesday", "Monday"), "language": None}]
    sources = [Source(k, f"a{k}", f"Outlet {k}", None, None, "") for k in (1, 2, 3)]
    first = framing(arts, [], sources)[0].text
    words = first.split("framing words: ")[1].split(", ")
    assert "betrayal" in words  # as written (not a stem), and counted against the other English pages
    assert not {"50pm", "pic", "twitter", "com"} & set(words)


def test_reported_speech_is_not_shown_between_quotation_marks():
    from newsgraph.brief.claims import statements

    said, words = "the dam would be rebuilt before the thaw", "We will rebuild the dam before the thaw"
    claims = [{"kind": "quote", "speaker": "Ingrid Halvorsen", "independent_outlets": 2, "outlets": 2,
               "salience": 1.0, "id": "q1", "text": said,
               "evidence": [{"article_id": "a1", "start": 10, "end": 50, "text": said},
                            {"article_id": "a2", "start": 5, "end": 45, "text": words}]},
              {"kind": "quote", "speaker": "Olav Strand", "independent_outlets": 1, "outlets": 1, "salience": 1.0,
               "id": "q2", "text": "the anglers would go to court over the “spawning beds",
               "evidence": [{"article_id": "a1", "start": 90, "end": 140,
                             "text": "the anglers would go to court over the “spawning beds"}]}]
    kinds = {("a1", 10): "indirect", ("a2", 5): "direct", ("a1", 90): "mixed"}
    cite = lambda ids: sorted({1 if a == "a1" else 2 for a in ids})  # noqa: E731
    mayor, angler = statements(claims, cite, kinds)
    assert mayor.text == "Ingrid Halvorsen (reported): the dam would be rebuilt before the thaw"
    assert mayor.variants == [("“We will rebuild the dam before the thaw”", [2])]  # a quotation beneath it
    assert angler.text == "Olav Strand (reported): the anglers would go to court over the “spawning beds”"


def test_a_quotation_cut_off_with_its_page_is_shown_without_its_broken_word():
    from newsgraph.brief import _cut_off
    from newsgraph.brief.claims import statements

    page = "Ingrid Halvorsen said: “We will rebuild the dam before the th"
    quote = {"article_id": "a1", "start": 24, "end": len(page), "text": page[24:], "kind": "direct"}
    whole = {"article_id": "a2", "start": 0, "end": 20, "text": "We will rebuild it.", "kind": "direct"}
    arts = [{"id": "a1", "text": page}, {"id": "a2", "text": "We will rebuild it. The mayor spoke on Monday."}]
    cut = _cut_off([quote, whole], arts)
    assert cut == {("a1", 24)}  # a quotation ending inside its page, or with its sentence, is whole
    claims = [{"kind": "quote", "speaker": "Ingrid Halvorsen", "independent_outlets": 1, "outlets": 1,
               "salience": 1.0, "id": "q1", "text": quote["text"],
               "evidence": [{k: quote[k] for k in ("article_id", "start", "end", "text")}]}]
    (item,) = statements(claims, lambda ids: [1], {("a1", 24): "direct"}, cut)
    assert item.text == "Ingrid Halvorsen: “We will rebuild the dam before the …”"
    (item,) = statements(claims, lambda ids: [1], {("a1", 24): "direct"})
    assert item.text.endswith("before the th”")  # as stored when nothing says the page was cut


def test_a_pair_linked_twice_gets_one_note_and_a_site_crediting_its_own_brand_none():
    from newsgraph.brief.notes import notes

    arts = [{"id": "a1", "outlet": "Andes Wire", "published": None, "repairs": [], "text": "", "url": None},
            {"id": "a2", "outlet": "Coastal Gazette", "published": None, "repairs": [], "text": "", "url": None,
             "credits": ["Andes Wire"]},
            {"id": "a3", "outlet": "haldortv.example", "published": None, "repairs": [], "text": "",
             "url": "https://www.haldortv.example/news/1", "credits": ["HaldorTV"]}]
    links = [{"article_id": "a2", "other_id": "a1", "type": "rewrite", "score": 0.7},
             {"article_id": "a2", "other_id": "a1", "type": "near_copy", "score": 0.8},
             {"article_id": "a1", "other_id": "a2", "type": "rewrite", "score": 0.7}]
    texts = [i.text for i in notes(arts, links, [], {"a1": 1, "a2": 2, "a3": 3})]
    assert [t for t in texts if "(source 1)" in t and "(source 2)" in t and "score" in t] == [
        "Coastal Gazette (source 2) and Andes Wire (source 1): one is a near copy of the other (score 0.80); "
        "counted as one source"]
    assert any(t.startswith("Coastal Gazette (source 2) carries Andes Wire copy") for t in texts)
    assert not any("HaldorTV" in t for t in texts)  # its own brand's dateline is no agency's copy


def test_an_agency_name_inside_a_longer_site_name_is_not_its_brand():
    from newsgraph.brief.notes import _own_brand

    assert _own_brand("CBSNewYork", "newyork.cbslocal.com") and _own_brand("KTNV", "www.ktnv.com")
    assert not _own_brand("ANSA", "kansascity.com") and not _own_brand("SID", "businessinsider.com")
    assert not _own_brand("HINA", "chinadaily.com.cn")


@pytest.mark.parametrize("label, loop", [
    ("Haiti → Haiti: use conventional military force", True),
    ("France and France: consult", True),
    ("United States (Ann Vell) → United States (Olav Lund): dismiss", False),
    ("Norway → Sweden: make a visit", False),
    ("Norway: make statement", False),
])
def test_an_event_whose_sides_read_the_same_is_left_out_of_the_briefing(label, loop):
    assert self_loop(label) is loop


def _day_art(aid: str, day: str | None, language: str = "en") -> dict:
    import datetime as dt
    return {"id": aid, "published": dt.date.fromisoformat(day) if day else None, "language": language}


def test_day_by_day_gives_each_day_its_central_lead_unlike_the_day_before():
    from newsgraph.brief.days import days
    arts = [_day_art("a", "2025-03-01"), _day_art("b", "2025-03-01"), _day_art("c", "2025-03-01"),
            _day_art("d", "2025-03-02"), _day_art("e", "2025-03-02"), _day_art("f", "2025-03-02", "de"),
            _day_art("g", None)]
    dam = {"dam": 0.8, "spillway": 0.6}
    terms = {"a": dam, "b": dam, "c": {"football": 1.0}, "d": {"dam": 0.9, "farms": 0.4},
             "e": {"dam": 0.9, "farms": 0.4}, "f": {"dam": 1.0, "farms": 0.5}}
    leads = {"a": "The Kessel dam burst its spillway on Sunday, flooding forty farms.",
             "b": "Forty farms flooded when the Kessel dam burst on Sunday.",
             "c": "The league final was postponed.",
             "d": "The Kessel dam burst its spillway on Sunday, flooding forty farms in the valley.",
             "e": "Engineers began draining the reservoir behind the broken dam on Monday.",
             "f": "Ingenieure begannen am Montag, den Stausee zu leeren.", "g": "An undated page."}
    items = days(arts, terms, leads, "en", lambda ids: [ord(i) - 96 for i in ids])
    assert [i.text[:12] for i in items] == ["2025-03-01: ", "2025-03-02: "]
    assert items[0].cites == [1] and items[0].note == "3 articles that day"
    assert items[1].text.endswith("on Monday.") and items[1].cites == [5]  # not the first day's lead again
    assert days(arts[:3], terms, leads, "en", lambda ids: []) == []  # one day: nothing to follow


def test_only_here_shows_noun_phrases_not_a_verb_beside_a_rare_noun():
    arts = [_art("a1", "The harbour board met on Monday. The revised charter settles the quota question, and the "
                       "terminal opens berths to trawlers beside the basalt breakwater."),
            _art("a2", "The harbour board met on Monday and talked about the quota question for an hour.")]
    [item] = only_here(arts, {"a1": 1, "a2": 2})
    shown = item.text.split(": ", 1)[1]
    assert "basalt breakwater" in shown
    assert "opens" not in shown and "settles" not in shown  # a verb and the noun after it are no phrase


def test_told_of_actor_reads_the_frame_subject_or_source():
    from newsgraph.brief.claims import told_of_actor

    actors = frozenset({"China", "Vladimir Putin", "Xi Jinping"})
    assert told_of_actor({"subject": "China", "predicate": "ramp up"}, actors)
    assert told_of_actor({"subject": "Vladimir Putin; Xi Jinping", "predicate": "meet"}, actors)
    assert told_of_actor({"subject": "two countries", "predicate": "share", "source": "Vladimir Putin"}, actors)
    assert not told_of_actor({"subject": "relationship", "predicate": "be"}, actors)
    assert not told_of_actor({"subject": "Vladimir Putin; observers", "predicate": "note"}, actors)
    assert not told_of_actor({"subject": "accounts", "predicate": "be presented", "source": "it"}, actors)
    assert not told_of_actor(None, actors)


def test_single_source_claims_of_actors_come_before_analysis_and_analysis_fills_half_the_list():
    from newsgraph.brief.claims import claims_of
    from newsgraph.brief.model import MAX_SINGLE_TOTAL, Briefing

    def claim(i: int, aid: str, text: str, salience: float) -> dict:
        return {"id": f"c{i:03d}", "kind": "statement", "text": text, "single_source": True, "salience": salience,
                "independent_outlets": 1, "outlets": 1 if i % 2 else 2,
                "evidence": [{"article_id": aid, "start": i * 100, "end": i * 100 + 90, "text": text}]}

    acts = [claim(i, f"a{i % 3}", f"The ministry of state number {i} signed a grain accord with its neighbour.", 1.0)
            for i in range(1, 7)]
    views = [claim(i, f"a{i % 3}", f"The relationship between the two countries number {i} remains fraught and "
                                   f"uneasy.", 9.0) for i in range(10, 40)]
    b = Briefing("s", "h", "", [], [], [], [], [], [], [], [])
    claims_of(b, acts + views, lambda ids: sorted({int(a[1:]) + 1 for a in ids}), {},
              led=lambda c: "ministry" in c["text"])
    texts = [i.text for i in b.single_source]
    assert all("ministry" in t for t in texts[:6])  # the actors' claims first, though less salient
    assert len(texts) == MAX_SINGLE_TOTAL // 2  # the writer's analysis only fills the list to half
    notes = {i.note for i in b.single_source}
    assert notes == {"single source", "2 outlets, one independent source"}


@pytest.mark.parametrize("text, x, y, phrase", [
    ("The pact covers long-range missiles and more.", "long-range", "missiles", "long-range missiles"),
    ("They began joint research in “hypersonic” weapons last year.", "hypersonic", "weapons",
     "joint research in hypersonic weapons"),
    ("The Sino-Russian naval exercises ended on Friday.", "naval", "exercises", "Sino-Russian naval exercises"),
    ("The terminal opens berths to trawlers.", "opens", "berths", None),
])
def test_noun_phrases_keep_hyphenated_and_quoted_words(text, x, y, phrase):
    from newsgraph import nlp
    from newsgraph.brief.claims import _noun_phrase

    [doc] = list(nlp.parse([text]))
    assert _noun_phrase(doc, x, y) == phrase


def test_an_article_lists_at_most_max_single_claims_over_both_tiers_and_sources_are_actors():
    from newsgraph.brief.claims import claims_of, told_of_actor
    from newsgraph.brief.model import MAX_SINGLE, Briefing

    claims = [{"id": f"c{i:03d}", "kind": "statement", "text": f"Claim number {i} of the only article, told at "
               f"length here.", "single_source": True, "salience": 1.0, "independent_outlets": 1, "outlets": 1,
               "evidence": [{"article_id": "a1", "start": i * 100, "end": i * 100 + 60,
                             "text": f"Claim number {i} of the only article, told at length here."}]}
              for i in range(20)]
    b = Briefing("s", "h", "", [], [], [], [], [], [], [], [])
    claims_of(b, claims, lambda ids: [1], {}, led=lambda c: int(c["id"][1:]) % 2 == 0)
    assert len(b.single_source) == MAX_SINGLE
    assert told_of_actor({"subject": "two countries", "source": "Vladimir Putin; Xi Jinping"},
                         frozenset({"Vladimir Putin", "Xi Jinping"}))
