"""Normalised claims and facts named in passing, on small invented sentences."""
from __future__ import annotations

from newsgraph.corpus.claims import (
    ClaimContext,
    canonical_text,
    group_facts,
    lemma,
    nominal_facts,
    normalise_event,
    normalise_quote,
    normalise_sentence,
)
from newsgraph.corpus.corroborate import SentenceRow, group_claims
from newsgraph.corpus.event_clusters import EventRow
from newsgraph.frames import frame_of_row
from newsgraph.store import Store


def mentions_of(aid: str, text: str, names: dict[str, str]) -> list[tuple[str, str, int, int]]:
    """(article, canonical, start, end) of each surface form in `names` found in `text`."""
    out = []
    for surface, canon in names.items():
        k = text.find(surface)
        while k >= 0:
            out.append((aid, canon, k, k + len(surface)))
            k = text.find(surface, k + 1)
    return out


NAMES = {"Oslo": "Norway", "Norway": "Norway", "Santiago": "Chile", "Chile": "Chile", "Peru": "Peru",
         "Elena Varga": "Elena Varga", "Blue Meridian Alliance": "Blue Meridian Alliance"}


def test_mentions_are_written_with_their_canonical_names():
    text = "Oslo and Santiago signed the accord."
    ctx = ClaimContext.build(mentions_of("a", text, NAMES))
    assert canonical_text(text, 0, ctx.within("a", 0, len(text))) == "Norway and Chile signed the accord."


def test_a_fact_named_in_passing_has_its_actors_and_roles():
    text = "Talks resumed after the Chilean blockade of Peru ended."
    ctx = ClaimContext.build(mentions_of("a", text, NAMES))
    facts = {(n, r, a) for n, r, a, _, _ in nominal_facts("a", 0, text, ctx)}
    assert facts == {("blockade", "by", "Chile"), ("blockade", "of", "Peru")}


def test_event_nouns_in_names_or_undone_are_no_facts():
    text = "Blue Meridian Alliance asked Oslo to lift sanctions on Peru."
    ctx = ClaimContext.build(mentions_of("a", text, NAMES))
    assert nominal_facts("a", 0, text, ctx) == []


def test_one_fact_named_by_two_articles_is_one_group_with_both_sides():
    one = "Fishing stopped after the Chilean blockade of Peru."
    two = "Santiago's blockade worried the fleet, and prices rose across the region."
    ctx = ClaimContext.build(mentions_of("a", one, NAMES) + mentions_of("b", two, NAMES))
    rows = [SentenceRow("a", 0, 0, len(one), one), SentenceRow("b", 0, 0, len(two), two)]
    groups = group_facts(rows, ctx)
    assert [g.normalised for g in groups] == ["Chile — blockade — Peru"]
    assert [g.label for g in groups] == ["blockade of Peru by Chile"]
    assert groups[0].articles == {"a", "b"}
    assert [m[3] for m in groups[0].members] == ["Chilean blockade", "Santiago's blockade"]


def test_a_fact_of_one_article_is_no_group():
    text = "Fishing stopped after the Chilean blockade of Peru."
    ctx = ClaimContext.build(mentions_of("a", text, NAMES))
    assert group_facts([SentenceRow("a", 0, 0, len(text), text)], ctx) == []


def event_row(aid: str, text: str, source: str, code: str, trigger: str | None) -> EventRow:
    return EventRow(f"{aid}-e", aid, code, code[:2], source, "CHLGOV", "Norway", "NOR", None, False,
                    "asserted", False, False, None, 0, len(text), text, trigger)


def test_a_sentence_with_a_coded_event_is_actor_verb_rest():
    text = "Elena Varga praised Oslo for its patience during the krill talks."
    ctx = ClaimContext.build(mentions_of("a", text, NAMES), [event_row("a", text, "Elena Varga", "051", "praised")])
    assert normalise_sentence("a", 0, len(text), text, ctx) == "Elena Varga — praise — Norway patience krill talks"


def test_without_stored_extraction_a_sentence_keeps_its_words():
    text = "The fleet accepted a real sacrifice, officials said."
    assert normalise_sentence("a", 0, len(text), text, None) == "fleet accepted real sacrifice officials"
    assert normalise_sentence("a", 0, len(text), text, ClaimContext()) == "fleet accepted real sacrifice officials"


def test_quotes_and_events_normalise():
    said = normalise_quote("Elena Varga", "Elena Varga thinks the deal is fair.")
    assert said == "Elena Varga — say — thinks deal fair"
    assert normalise_event("Norway (Ingrid Solheim-Vik) and Chile: sign formal agreement", "2025-11-11", "Oslo") \
        == "Norway; Chile — sign formal agreement (Oslo, 2025-11-11)"
    assert lemma("signed") == "sign" and lemma("Establishing") == "establish"


def test_sentences_that_share_only_names_are_two_claims():
    one = "Elena Varga of Chile met the Oslo fishing fleet at the harbour in the morning."
    two = "Elena Varga of Chile criticised the Oslo ministry for its slow reply in the evening."
    ctx = ClaimContext.build(mentions_of("a", one, NAMES) + mentions_of("b", two, NAMES))
    rows = [SentenceRow("a", 0, 0, len(one), one), SentenceRow("b", 0, 0, len(two), two)]
    assert len(group_claims(rows, ctx)) == 2


def test_one_named_speaker_saying_the_same_in_other_words_is_one_claim():
    one = "Elena Varga stressed the growing scientific cooperation between Chile and Norway on krill research."
    two = ("Foreign Minister Elena Varga has repeatedly underlined the need to deepen scientific cooperation "
           "between Santiago and Oslo, notably in krill research and ocean monitoring.")
    events = [event_row("a", one, "Elena Varga", "010", "stressed"), event_row("b", two, "Elena Varga", "010",
                                                                              "underlined")]
    ctx = ClaimContext.build(mentions_of("a", one, NAMES) + mentions_of("b", two, NAMES), events)
    rows = [SentenceRow("a", 0, 0, len(one), one), SentenceRow("b", 0, 0, len(two), two)]
    assert len(group_claims(rows)) == 2  # by the words alone, two claims
    assert len(group_claims(rows, ctx)) == 1


def test_claims_have_a_normalised_column(tmp_path):
    with Store(str(tmp_path / "s.duckdb")) as store:
        cols = {r[0] for r in store.con.execute("DESCRIBE claims").fetchall()}
    assert "normalised" in cols


FRAME_ROW = {"subject": "Norway", "predicate": "not sign", "object": "accord", "place": "Oslo", "time": None,
             "source": None, "key": ["norway", "sign", "accord"]}


def test_a_stored_frame_is_preferred_and_its_absence_falls_back():
    text = "Oslo did not sign the accord."
    ctx = ClaimContext.build(mentions_of("a", text, NAMES), frames=[("a", 0, len(text), FRAME_ROW)])
    assert normalise_sentence("a", 0, len(text), text, ctx) == "Norway — not sign — accord (Oslo)"
    without = ClaimContext.build(mentions_of("a", text, NAMES))
    assert normalise_sentence("a", 0, len(text), text, without) == "Norway sign accord"
    null = ClaimContext.build(mentions_of("a", text, NAMES), frames=[("a", 0, len(text), None)])
    assert normalise_sentence("a", 0, len(text), text, null) == "Norway sign accord"


def test_a_quote_takes_the_frame_of_its_sentence_said_by_its_speaker():
    ctx = ClaimContext.build([], frames=[("a", 0, 40, FRAME_ROW)])
    assert normalise_quote("Elena Varga", "We did not sign the accord", ctx.frame_at("a", 3)) == \
        "Norway — not sign — accord (Oslo; said by Elena Varga)"
    other = ClaimContext.build([], frames=[("a", 0, 40, {**FRAME_ROW, "source": "Jane Roe"})]).frame_at("a", 3)
    assert normalise_quote("Elena Varga", "We did not sign the accord", other) == \
        "Elena Varga — say — sign accord"
    assert ctx.frame_at("a", 40) is None


def facts_of(text: str, names: dict[str, str]) -> set[tuple[str, str, str]]:
    ctx = ClaimContext.build(mentions_of("a", text, names))
    return {(n, r, a) for n, r, a, _, _ in nominal_facts("a", 0, text, ctx)}


PLACES = {**NAMES, "Zenda": "Zenda", "Freedonia": "Freedonia", "Ruritania": "Ruritania", "Kirov": "Kirov"}


def test_the_subject_of_a_verb_is_no_agent_of_the_event_noun_after_it():
    for text in ["Oslo condemned new attacks on Monday.", "Chile fears invasion.", "Peru denies invasion plans.",
                 "Zenda welcomed talks with Freedonia.", "Chilean officials fear invasion.",
                 "The Chilean navy condemned attacks.", "In Chile, protests grew."]:
        assert ("by" not in {r for _, r, _ in facts_of(text, PLACES)}), text
    assert facts_of("Zenda rejected demands by Freedonia.", PLACES) == {("demand", "by", "Freedonia")}


def test_names_possessives_and_demonyms_with_modifiers_are_agents():
    assert facts_of("Chile's full-scale invasion of Peru", PLACES) == {("invasion", "by", "Chile"),
                                                                       ("invasion", "of", "Peru")}
    assert facts_of("the Peru military withdrawal", PLACES) == {("withdrawal", "by", "Peru")}
    assert facts_of("Chilean missile attacks", PLACES) == {("attack", "by", "Chile")}
    assert facts_of("Chilean missile attacks", {"Chilean": "Chile"}) == {("attack", "by", "Chile")}
    assert facts_of("Norway's renewed attacks", PLACES) == {("attack", "by", "Norway")}


def test_from_names_the_agent_only_of_what_is_sent_or_said():
    assert facts_of("The Peru withdrawal from Kirov was chaotic.", PLACES) == {
        ("withdrawal", "by", "Peru"), ("withdrawal", "from", "Kirov")}
    assert facts_of("They fled after the expulsion from Ruritania.", PLACES) == {("expulsion", "from", "Ruritania")}
    assert facts_of("It bowed to demands from Freedonia.", PLACES) == {("demand", "by", "Freedonia")}
    one, two = "The Peru withdrawal from Kirov was chaotic.", "Analysts recalled the Peru withdrawal from Kirov."
    ctx = ClaimContext.build(mentions_of("a", one, PLACES) + mentions_of("b", two, PLACES))
    [group] = group_facts([SentenceRow("a", 0, 0, len(one), one), SentenceRow("b", 0, 0, len(two), two)], ctx)
    assert (group.label, group.normalised) == ("withdrawal from Kirov by Peru", "Peru — withdrawal — from Kirov")


def test_a_city_standing_for_its_state_before_an_event_noun_says_where():
    """'Hamas attack', 'ISIS attack', 'Peru withdrawal': the agent. 'Paris attacks', 'Buenos Aires
    bombing': where ('France attacked' would be false); "Paris's attacks on Chile": France's."""
    names = {"Paris": "France", "Buenos Aires": "Argentina", "Hamas": "Hamas", "ISIS": "ISIS", "Peru": "Peru",
             "Chile": "Chile"}
    assert facts_of("The Hamas attack shocked Chile.", names) == {("attack", "by", "Hamas")}
    assert facts_of("The ISIS attack shocked Chile.", names) == {("attack", "by", "ISIS")}
    for text in ["The Paris attacks shocked Chile.", "The Buenos Aires bombing shocked Chile."]:
        assert "by" not in {r for _, r, _ in facts_of(text, names)}, text
    assert facts_of("Paris's attacks on Chile", names) == {("attack", "by", "France"), ("attack", "on", "Chile")}


def test_event_nouns_have_regular_plurals_only():
    assert facts_of("Elena Varga's aides declined to comment.", NAMES) == set()
    assert facts_of("Chile's arms went to Peru.", NAMES) == set()
    assert facts_of("Peru's amnesties, Chile's clashes and Norway's embargoes", NAMES) == {
        ("amnesty", "by", "Peru"), ("clash", "by", "Chile"), ("embargo", "by", "Norway")}
    assert facts_of("Chile's attackes and abductiones", NAMES) == set()


def test_facts_of_a_very_long_sentence_take_linear_time():
    import time

    text = " ".join("attacks on Ruritania and sanctions against Freedonia, talks with officials"
                    for _ in range(2000)) + "."
    ctx = ClaimContext.build(mentions_of("a", text, PLACES))
    began = time.perf_counter()
    facts = nominal_facts("a", 0, text, ctx)
    assert time.perf_counter() - began < 2.0  # 20,000 words: about 30 s when each noun scanned the sentence
    assert len(facts) == 4000


def test_a_quote_takes_its_sentence_frame_only_when_it_says_it():
    left = {"subject": "Norway", "predicate": "leave", "object": "conference hall", "place": None,
            "time": "Tuesday", "source": None}
    frame = ClaimContext.build([], frames=[("a", 0, 120, left)]).frame_at("a", 80)
    assert normalise_quote("Elena Varga", "a humiliation for our fishermen", frame) == \
        "Elena Varga — say — humiliation fishermen"
    assert normalise_quote("Elena Varga", "We will leave the conference hall", frame) == \
        "Norway — leave — conference hall (Tuesday; said by Elena Varga)"
    delayed = {**left, "subject": "Norway", "predicate": "delay", "object": "vote", "source": "diplomats"}
    assert normalise_quote("Diplomats", "Norway had delayed the vote", frame_of_row(delayed)) == \
        "Norway — delay — vote (Tuesday; said by Diplomats)"


def test_a_one_way_event_keeps_its_direction_and_no_side_twice():
    assert normalise_event("Chile → the West: make an appeal") == "Chile — make an appeal — the West"
    assert normalise_event("Chile (Elena Varga, Jane Roe) → Peru (John Doe): accuse", "2025-11-11") == \
        "Chile — accuse — Peru (2025-11-11)"
    assert normalise_event("Norway and Norway (Ingrid Solheim-Vik): consult") == "Norway — consult"
    assert normalise_event("Norway → Norway: praise") == "Norway — praise"


def test_event_sides_are_taken_whole_even_with_and_in_a_name():
    from newsgraph.corpus.claims import normalise_event_parts
    assert normalise_event_parts("Trinidad and Tobago (Jane Roe)", "Venezuela", True, "sign formal agreement",
                                 "2025-11-11") == "Trinidad and Tobago; Venezuela — sign formal agreement (2025-11-11)"
    assert normalise_event_parts("Bosnia and Herzegovina", "Serbia", False, "accuse") == \
        "Bosnia and Herzegovina — accuse — Serbia"
    assert normalise_event_parts("Norway", "Norway (Ingrid Solheim-Vik)", True, "consult") == "Norway — consult"
    assert normalise_event_parts("Chile", None, False, "express intent to cooperate") == \
        "Chile — express intent to cooperate"
