"""Direct and indirect quotes and their speakers, on invented sentences parsed by the real model."""
from __future__ import annotations

import pytest

import newsgraph.nlp
from newsgraph.actors import resolve_actors
from newsgraph.quotemarks import quote_spans
from newsgraph.quotes import extract_quotes


@pytest.fixture(scope="module")
def nlp():
    return newsgraph.nlp.load()


def quotes_of(nlp, text: str, date: str | None = "2024-10-01"):
    doc = nlp(newsgraph.nlp.for_parser(text))
    return doc, extract_quotes(doc, resolve_actors(doc, date), "a1")


def words(s: str) -> str:
    return " ".join(s.split())


def the_quote(quotes, kinds=("direct",)):
    found = [q for q in quotes if q.kind in kinds]
    assert len(found) == 1, f"expected one {kinds} quote, got {[(q.kind, q.text) for q in quotes]}"
    return found[0]


def assert_offsets(doc, quotes):
    """Every piece of a quote's text lies between its start and end."""
    for q in quotes:
        assert 0 <= q.start < q.end <= len(doc.text)
        window = words(doc.text[q.start:q.end])
        for piece in q.text.split(" … "):
            assert words(piece) in window, (q.text, window)


# ------------------------------------------------------------------ quote marks
def test_quote_spans_are_the_words_inside_the_marks():
    text = "He said “we are ready” and ‘so are they’ and \"so is she\"."
    assert [text[a:b] for a, b in quote_spans(text)] == ["we are ready", "so are they", "so is she"]


@pytest.mark.parametrize("text, quoted", [
    # the closing mark was lost: the quotation ends with its first sentence
    ("The minister called it an “attempt to widen its reach.[3] The minister then added the following:\n\n"
     "Trade will grow.", ["attempt to widen its reach."]),
    ("She called the plan “a mistake. The council voted on Tuesday.", ["a mistake."]),
    # what follows speaks in the first person: the quotation runs on to the paragraph's end
    ("He said: “We will win. We always do.\n\nThe crowd cheered.", ["We will win. We always do."]),
    # the next paragraph opens with a mark: a quotation of several paragraphs
    ("He said: “Taxes will rise. The budget is short.\n\n“And it stays so,” he added.",
     ["Taxes will rise. The budget is short.", "And it stays so,"]),
])
def test_quotation_left_open_at_the_paragraph_end(text, quoted):
    assert [text[a:b] for a, b in quote_spans(text)] == quoted


def test_apostrophe_inside_single_quotes_does_not_close_them():
    text = "‘We won’t close our markets to anyone,’ he said."
    assert [text[a:b] for a, b in quote_spans(text)] == ["We won’t close our markets to anyone,"]


MARKS = [("“", "”"), ('"', '"'), ("‘", "’")]


@pytest.mark.parametrize("open_, close", MARKS, ids=["curly", "straight", "single"])
def test_direct_quote_with_pronoun_speaker(nlp, open_, close):
    text = (f"Chinese President Xi Jinping opened the trade fair in Shanghai on Monday. "
            f"{open_}Our markets will stay open to every honest partner,{close} he said.")
    doc, quotes = quotes_of(nlp, text)
    q = the_quote(quotes)
    assert q.text == "Our markets will stay open to every honest partner"
    assert q.speaker == "Xi Jinping"  # the pronoun resolves to the canonical name
    assert q.speaker_named is True
    assert q.speaker_code == "CHNGOV"
    assert q.speaker_text == "he"
    assert q.cue == "say"
    assert q.article_id == "a1"
    assert_offsets(doc, quotes)


@pytest.mark.parametrize("open_, close", MARKS, ids=["curly", "straight", "single"])
def test_direct_quote_with_surname_speaker(nlp, open_, close):
    text = (f"Chinese Foreign Minister Wang Yi spoke to reporters in Geneva. {open_}We will not "
            f"accept any threats against our sovereignty,{close} Wang said.")
    doc, quotes = quotes_of(nlp, text)
    q = the_quote(quotes)
    assert q.text == "We will not accept any threats against our sovereignty"
    assert q.speaker == "Wang Yi"
    assert q.speaker_code == "CHNGOV"
    assert_offsets(doc, quotes)


def test_plural_possessive_inside_single_quotes(nlp):
    text = ("Chinese President Xi Jinping toured the port. "
            "‘The farmers’ income must rise every year,’ he said.")
    _, quotes = quotes_of(nlp, text)
    q = the_quote(quotes)
    assert q.text == "The farmers’ income must rise every year"
    assert q.speaker == "Xi Jinping"


def test_split_quote_is_one_quote(nlp):
    text = ("Russian Foreign Minister Sergei Lavrov met journalists in Minsk. “Our door has always "
            "been open to serious proposals,” he said, “but we will not negotiate under the threat "
            "of sanctions.”")
    doc, quotes = quotes_of(nlp, text)
    q = the_quote(quotes)
    assert "Our door has always been open to serious proposals" in q.text
    assert "we will not negotiate under the threat of sanctions" in q.text
    assert q.speaker == "Sergey Lavrov"  # the knowledge base's canonical spelling
    assert q.speaker_code == "RUSGOV"
    assert_offsets(doc, quotes)


def test_split_quote_around_surname_is_one_quote(nlp):
    text = ("German Chancellor Olaf Scholz visited the shipyard in Kiel on Thursday. “Our navy "
            "needs these vessels sooner than planned,” Scholz said, “and the yard has promised to "
            "deliver them by spring.”")
    doc, quotes = quotes_of(nlp, text, "2024-03-01")
    q = the_quote(quotes)
    assert q.text.startswith("Our navy needs these vessels")
    assert q.text.rstrip(".").endswith("deliver them by spring")
    assert q.speaker == "Olaf Scholz"
    assert_offsets(doc, quotes)


def test_split_quote_with_unresolved_speaker_is_one_quote(nlp):
    text = "“Our door remains open,” she said, “but the sanctions must end first.”"
    _, quotes = quotes_of(nlp, text)
    q = the_quote(quotes)
    assert "Our door remains open" in q.text and "the sanctions must end first" in q.text


def test_block_quote_after_stated_the_following(nlp):
    block = ("We have always been open to dialogue with our partners, but nobody should expect us "
             "to give up our interests for the sake of a photograph.")
    for sep in ("\n", "\n\n"):
        text = f"At the briefing, Russian Foreign Minister Sergei Lavrov stated the following:{sep}{block}"
        doc, quotes = quotes_of(nlp, text)
        q = the_quote(quotes)
        assert q.text == block
        assert q.speaker == "Sergey Lavrov"
        assert q.speaker_code == "RUSGOV"
        assert doc.text[q.start:q.end] == block


# ------------------------------------------------------------------ indirect
def test_said_that_is_an_indirect_quote(nlp):
    text = "Russian Foreign Minister Sergei Lavrov said that Moscow had never refused to negotiate with Kyiv."
    doc, quotes = quotes_of(nlp, text)
    q = the_quote(quotes, ("indirect",))
    assert q.text == "Moscow had never refused to negotiate with Kyiv"
    assert q.cue == "say"
    assert q.speaker == "Sergey Lavrov"
    assert q.speaker_named is True
    assert_offsets(doc, quotes)


@pytest.mark.parametrize("text, speaker, clause", [
    ("According to Chinese President Xi Jinping, the two economies are bound together by "
     "thousands of shared projects.", "Xi Jinping",
     "the two economies are bound together by thousands of shared projects"),
    ("The talks stalled over sanctions relief, according to Russian Foreign Minister Sergei Lavrov.",
     "Sergey Lavrov", "The talks stalled over sanctions relief"),
])
def test_according_to_is_an_indirect_quote(nlp, text, speaker, clause):
    doc, quotes = quotes_of(nlp, text)
    q = the_quote(quotes, ("indirect",))
    assert q.speaker == speaker
    assert q.speaker_named is True
    assert q.text == clause
    assert "according" not in q.text.lower()
    assert_offsets(doc, quotes)


def test_stressed_warned_noted_with_pronoun_speakers(nlp):
    text = ("Finnish Defence Minister Aino Lindqvist stressed that the border would stay closed "
            "through the winter. She warned that hostile drones were testing the air defences. She "
            "also noted that spending on the coast guard had doubled.")
    doc, quotes = quotes_of(nlp, text)
    indirect = [q for q in quotes if q.kind == "indirect"]
    assert [q.cue for q in indirect] == ["stress", "warn", "note"]
    assert {q.speaker for q in indirect} == {"Aino Lindqvist"}
    assert all(q.speaker_named for q in indirect)
    assert [q.speaker_text for q in indirect][1:] == ["She", "She"]
    assert indirect[0].text == "the border would stay closed through the winter"
    assert indirect[1].text == "hostile drones were testing the air defences"
    assert_offsets(doc, quotes)


def test_unnamed_source_stays_unnamed_but_described(nlp):
    text = "Senior officials in Washington said that the shipment of rockets would be delayed until the summer."
    doc, quotes = quotes_of(nlp, text)
    q = the_quote(quotes, ("indirect",))
    assert q.speaker_named is False
    assert "officials" in (q.speaker_text or "")
    assert q.speaker  # described, not dropped
    assert q.text == "the shipment of rockets would be delayed until the summer"
    assert_offsets(doc, quotes)


@pytest.mark.parametrize("text", [
    "It can be said that the summit produced few concrete results for either side.",
    ("NATO foreign ministers met in Brussels on Thursday. It can be said that the meeting "
     "produced few concrete results for either side."),
    "It should be noted that the harbour will reopen in the spring.",
])
def test_impersonal_passive_is_not_a_quote(nlp, text):
    _, quotes = quotes_of(nlp, text)
    assert quotes == []


SCARE = [
    'Officials in Kyiv said the so-called "peace plan" was a stunt designed to buy time.',
    "The ministry dismissed the so-called “peace plan” as a stunt.",
    'Critics mocked the so-called "peace plan" for weeks.',
]


@pytest.mark.parametrize("text", SCARE)
def test_scare_quote_after_so_called_is_not_quoted_speech(nlp, text):
    _, quotes = quotes_of(nlp, text)
    assert [q for q in quotes if q.text == "peace plan"] == []


def test_fragment_inside_reported_clause(nlp):
    text = ("Russian Foreign Minister Sergei Lavrov said that the West was waging a \"hybrid war\" "
            "against his country and its allies.")
    doc, quotes = quotes_of(nlp, text)
    fragment = the_quote(quotes, ("fragment",))
    clause = the_quote(quotes, ("mixed",))
    assert fragment.text == "hybrid war"
    assert clause.text.startswith("the West was waging")
    assert clause.start <= fragment.start and fragment.end <= clause.end
    assert fragment.speaker == clause.speaker == "Sergey Lavrov"
    assert not [q for q in quotes if q.kind == "direct"]
    assert_offsets(doc, quotes)


# ------------------------------------------------------------------ transcripts and credits
def test_quoted_transcript_turn_gives_the_speaker(nlp):
    text = "The host asked the senator about the budget.\n\"SMITH: Well, we will see.\""
    doc, quotes = quotes_of(nlp, text)
    q = the_quote(quotes)
    assert q.speaker == "Smith"
    assert q.speaker_named is True
    assert q.text == "Well, we will see."
    assert_offsets(doc, quotes)


def test_transcript_turn_links_to_the_full_name(nlp):
    text = ("Senator John Smith spoke to the host on Sunday.\n"
            "\"SMITH: Well, we will see what the committee decides.\"")
    _, quotes = quotes_of(nlp, text)
    q = the_quote(quotes)
    assert q.speaker == "John Smith"


def test_plain_transcript_turn_gives_the_speaker(nlp):
    text = "HOST: Will the bill pass this year?\nSMITH: Well, we will see."
    doc, quotes = quotes_of(nlp, text)
    smith = [q for q in quotes if q.speaker == "Smith"]
    assert len(smith) == 1
    assert smith[0].text == "Well, we will see."
    assert_offsets(doc, quotes)


def test_dash_credit_gives_the_speaker(nlp):
    text = "“Every border is a promise that two neighbours keep to each other.” ― Jane Roe"
    doc, quotes = quotes_of(nlp, text)
    q = the_quote(quotes)
    assert q.speaker == "Jane Roe"
    assert q.speaker_named is True
    assert q.text.startswith("Every border is a promise")
    assert_offsets(doc, quotes)


def test_offsets_hold_across_a_mixed_article(nlp):
    text = ("Russian Foreign Minister Sergei Lavrov met journalists in Minsk.[1] “Our door has always "
            "been open to serious proposals,” he said, “but we will not negotiate under the threat "
            "of sanctions.”\n"
            "According to Western diplomats, the talks in Vienna stalled over the sequencing of steps.\n"
            "Lavrov said that the West was waging a \"hybrid war\" against his country.\n"
            "Senior officials in Washington said that the shipment of rockets would be delayed.")
    doc, quotes = quotes_of(nlp, text)
    assert {q.kind for q in quotes} >= {"direct", "indirect", "fragment", "mixed"}
    assert_offsets(doc, quotes)
    assert [q.end for q in quotes] == sorted(q.end for q in quotes)  # in text order


@pytest.mark.parametrize("text, speaker, code", [
    ("Barcelona's mayor said at least 460 people were injured in the clashes on Sunday.", "Barcelona's mayor", None),
    ("\"We will not give up,\" Spain's foreign minister told reporters on Monday.", "Spain's foreign minister", "ESP"),
    ("Leading EU countries said they would resume the vaccinations.", "Leading EU countries", "IGOEUREEC"),
])
def test_an_office_or_group_of_a_place_or_body_speaks_not_the_place(nlp, text, speaker, code):
    """(A company's lawyers or team still speak for the company.)"""
    _, quotes = quotes_of(nlp, text)
    assert [(q.speaker, q.speaker_code, q.speaker_named) for q in quotes] == [(speaker, code, False)]


def test_a_persons_or_companys_staff_still_speak_for_them(nlp):
    _, quotes = quotes_of(nlp, "Microsoft's lawyers said the ruling was wrong. Hillary Clinton's team said "
                               "the scenario was unlikely.")
    assert [(q.speaker, q.speaker_named) for q in quotes] == [("Microsoft", True), ("Hillary Clinton", True)]


def test_no_sentence_ends_after_a_title_abbreviation(nlp):
    doc = nlp("He was released on bail, harbour police Sgt. Olav Lund said on Monday. The ferry sailed.")
    assert [s.text for s in doc.sents] == ["He was released on bail, harbour police Sgt. Olav Lund said on Monday.",
                                          "The ferry sailed."]


@pytest.mark.parametrize("text, speaker", [
    ("Officials in Brenvik, where the ferry ran aground, said the crew was safe.", "Officials in Brenvik"),
    ("Medical sources, who put the toll at 30, said the blast hit the quay.", "Medical sources"),
    ("Harbour officials who declined to be named said the ferry would sail again.", "Harbour officials"),
])
def test_an_unnamed_speaker_is_named_without_the_clause_that_follows_it(nlp, text, speaker):
    doc = nlp(text)
    assert [q.speaker for q in extract_quotes(doc, resolve_actors(doc), "a1")] == [speaker]


def test_words_an_outlet_relays_are_the_speakers_not_the_outlets(nlp):
    doc = nlp('"The ferry is safe," the harbour police said, according to Andes Wire.')
    quotes = extract_quotes(doc, resolve_actors(doc), "a1")
    assert [(q.speaker, q.text) for q in quotes] == [("the harbour police", "The ferry is safe")]
    doc = nlp("At least nine people were hurt on the ferry, according to Mayor Ann Vell.")
    assert [q.speaker for q in extract_quotes(doc, resolve_actors(doc), "a1")] == ["Ann Vell"]


@pytest.mark.parametrize("text, speaker", [
    ('Ann Vell, who speaks for the ferry crews, wrote on Saturday. "We wish he [Olav Lund] had lived to see the '
     'new quay," she tweeted.', "Ann Vell"),
    ('The Red Cross confirmed that children were among the dead. "This attack right before Midsummer Day is a '
     'terrible reminder," it said.', "Red Cross"),
])
def test_a_name_inside_the_quotation_is_not_the_speaker_a_pronoun_refers_to(nlp, text, speaker):
    doc = nlp(text)
    speakers = {q.speaker for q in extract_quotes(doc, resolve_actors(doc), "a1")}
    assert speakers and all(speaker in s for s in speakers)



def test_a_pronoun_inside_a_quotation_may_refer_to_a_name_in_it(nlp):
    from newsgraph.speakers import antecedent

    doc = nlp('Ann Vell spoke on Monday. "Olav Lund is a good captain. He will sail again," she said.')
    actors = resolve_actors(doc)
    found = {t.lower_: antecedent(t, actors).name for t in doc if t.lower_ in ("he", "she")}
    assert found == {"he": "Olav Lund", "she": "Ann Vell"}


@pytest.mark.parametrize("text, speaker", [
    ("According to police, the skipper told officers he had not seen the buoy.", "police"),
    ("According to the report, the company wrote off two ferries last year.", "the report"),
    ("Officials in Washington, D.C. said the ferry was safe.", "Officials in Washington, D.C."),
])
def test_words_no_named_speaker_said_stay_with_who_they_are_according_to(nlp, text, speaker):
    doc = nlp(text)
    assert [q.speaker for q in extract_quotes(doc, resolve_actors(doc), "a1")] == [speaker]


# ------------------------------------------------------------------ speakers told apart
def test_a_statement_read_out_is_not_the_last_speakers(nlp):
    """'It read: "..."' after 'a spokesperson for X released a statement': not the person quoted
    just before."""
    text = ("Opposition leader Jeremy Corbyn said the plan was “dead and buried”.\n"
            "A spokesperson for European Council President Donald Tusk released a statement soon after. It read: "
            "“With only seventeen days left, the vote has increased the likelihood of a disorderly exit.”")
    _, quotes = quotes_of(nlp, text)
    q = next(q for q in quotes if q.text.startswith("With only"))
    assert q.speaker != "Jeremy Corbyn"


def test_an_editorial_read_is_the_papers_words(nlp):
    text = ("Pope Francis landed in Nairobi on Wednesday. “It is a momentous day and heralds joy and hope for "
            "the people of Kenya,” the editorial read.")
    _, quotes = quotes_of(nlp, text)
    q = the_quote(quotes)
    assert q.speaker != "Francis" and "editorial" in (q.speaker or q.speaker_text or "")


def test_the_named_subject_of_a_quotation_without_a_verb_of_saying_is_its_speaker(nlp):
    text = ("New Zealand's prime minister Jacinda Ardern called it one of the country's darkest days. "
            "British Prime Minister Theresa May sent her “deepest condolences to the people of New Zealand "
            "after the horrifying attack in Christchurch”.")
    _, quotes = quotes_of(nlp, text)
    q = next(q for q in quotes if q.text.startswith("deepest condolences"))
    assert q.speaker == "Theresa May"


@pytest.mark.parametrize("text, speaker", [
    ("Lori Kaye was killed in the attack. “You epitomized all that is good in the world,” Kaye's sister "
     "said at the service.", "Kaye's sister"),
    ("John Earnest was charged on Monday. Earnest's parents said their son had been raised in a loving family.",
     "Earnest's parents"),
])
def test_a_relative_speaks_for_themselves_not_for_the_person_named(nlp, text, speaker):
    _, quotes = quotes_of(nlp, text)
    assert quotes and all(q.speaker == speaker for q in quotes), [(q.speaker, q.text) for q in quotes]


def test_she_is_no_man_the_article_calls_sir_or_mr(nlp):
    text = ("The prime minister Theresa May confirmed that MPs would vote again. Sir Charles Walker, a senior "
            "backbencher, called the vote a shambles. She said: “But let me be clear. Voting against leaving "
            "without a deal does not solve the problems we face.”")
    _, quotes = quotes_of(nlp, text)
    assert the_quote(quotes).speaker == "Theresa May"


def test_he_is_no_woman_the_article_calls_a_spokeswoman(nlp):
    text = ("Mr Lars Olsen left the talks early. The spokeswoman Anna Berg answered questions later. He said "
            "the talks had failed because the fleet would not move.")
    _, quotes = quotes_of(nlp, text)
    assert [q.speaker for q in quotes if q.text.startswith("the talks had failed")] == ["Lars Olsen"]


def test_a_title_someone_shares_is_no_quote_of_theirs(nlp):
    text = "Barack Obama shared “The Lord of the Rings and the Return of the King” with his followers."
    _, quotes = quotes_of(nlp, text)
    assert not [q for q in quotes if q.speaker == "Barack Obama"]


def test_those_told_are_not_what_was_told(nlp):
    _, quotes = quotes_of(nlp, "The FBI is treating the fire as arson, Inspector Ada Morrow told members of the "
                               "media gathered outside the station on Sunday.")
    said = [q.text for q in quotes]
    assert said == ["The FBI is treating the fire as arson"], said


def test_a_title_spelled_out_before_the_name_does_not_make_the_place_speak(nlp):
    _, quotes = quotes_of(nlp, "The company broke the law, U.S. Attorney for the Southern District of Ohio Ada "
                               "Morrow told reporters on Friday.")
    assert [q.speaker for q in quotes] == ["Ada Morrow"]


def test_what_someone_denies_is_not_their_words(nlp):
    _, quotes = quotes_of(nlp, "The council met on Monday.\n\nKerrigan has alleged Dunmore is a danger to the "
                               "harbour, something Dunmore denies\n\nThe vote is on Friday.")
    assert [(q.speaker, q.text) for q in quotes] == [("Kerrigan", "Dunmore is a danger to the harbour")]


def test_a_statement_speaks_for_whoever_issued_it(nlp):
    text = ("The Harbour Authority of Tarnvik issued a statement on Tuesday evening.\n\n"
            "\u201cThe ferry will not sail until the storm has passed,\u201d the statement said.")
    q = next(q for q in quotes_of(nlp, text)[1] if "ferry" in q.text)
    assert "Harbour Authority" in (q.speaker or "")
    # issued by someone named in its own phrase
    text = ("A second statement, released by the Tarnvik harbour authority, said that the ferry "
            "\u201cwill sail on Friday\u201d.")
    q = next(q for q in quotes_of(nlp, text)[1] if "Friday" in q.text)
    assert (q.speaker or "").lower().endswith("harbour authority")


def test_the_statement_is_the_one_last_mentioned_whoever_issued_an_earlier_one(nlp):
    text = ("In a statement on Friday, Mayor Ingrid Solheim-Vik said the town would help the fishermen.\n\n"
            "The ferry company later sent out a flurry of statements carried by the local radio.\n\n"
            "\u201cNo crossings will run before Monday,\u201d the statement said.")
    q = next(q for q in quotes_of(nlp, text)[1] if "crossings" in q.text)
    assert "Solheim" not in (q.speaker or "")


@pytest.mark.parametrize("text,word,speaker,not_speaker", [
    # "its own statement": the pronoun is the verb's subject, not the last person named
    ("Maria Kovac criticised the plan on Monday.\n\nGazprom released its own statement.\n\n"
     "\u201cSupplies will continue,\u201d the statement said.", "Supplies", "Gazprom", "Kovac"),
    # a letter from someone is that someone's, not the paper's that printed it
    ("The Guardian published a letter from a retired teacher on Monday.\n\n"
     "\u201cOur schools are falling apart,\u201d the letter said.", "schools", None, "Guardian"),
    # a verb is no mention of the document
    ("Save the Children said two aid workers were released by the Taliban on Sunday.\n\n"
     "\u201cWe are overjoyed that our colleagues are safe,\u201d the release said.", "overjoyed", None, "Taliban"),
    # issued in the passive
    ("A statement was issued by the Tarnvik harbour authority on Monday.\n\n"
     "\u201cOrder has been restored,\u201d the statement said.", "restored", "authority", None),
])
def test_a_document_s_issuer(nlp, text, word, speaker, not_speaker):
    q = next(q for q in quotes_of(nlp, text)[1] if word in q.text)
    if speaker:
        assert speaker in (q.speaker or ""), q.speaker
    if not_speaker:
        assert not_speaker not in (q.speaker or ""), q.speaker


@pytest.mark.parametrize("who", ["the company", "the union", "lawyers for the family", "the operator"])
def test_an_organisation_or_a_role_no_name_gives_is_an_unnamed_source(nlp, who):
    """'..., the company said': a company, a union, lawyers speak though no name is given; a subject
    that is no source ('the immediate future suggests') still gives no quote."""
    _, quotes = quotes_of(nlp, f"The ferry to Haldor will resume sailing on Monday, {who} said.")
    q = the_quote(quotes, ("indirect",))
    assert q.speaker == who and not q.speaker_named and q.text.startswith("The ferry to Haldor")
    _, quotes = quotes_of(nlp, "The immediate future suggests that ferry fares will fall.")
    assert quotes == []


def test_a_poll_or_a_study_is_the_source_of_what_it_shows_or_finds(nlp):
    """'A new poll shows that ...', 'the study found that ...': reported findings, attributed to the
    poll or study; numbers that 'show' something are no source, and 'show' is no cue of a quotation."""
    _, quotes = quotes_of(nlp, "A new poll shows that most voters in Haldor back the ferry plan.")
    q = the_quote(quotes, ("indirect",))
    assert (q.speaker, q.cue) == ("A new poll", "show") and q.text == "most voters in Haldor back the ferry plan"
    _, quotes = quotes_of(nlp, "The harbour study found that the new ferries pollute less.")
    assert the_quote(quotes, ("indirect",)).cue == "find"
    _, quotes = quotes_of(nlp, "The figures show that ferry fares fell.")
    assert quotes == []
    for text in ("Mayor Ingrid Halvorsen found herself isolated at the harbour meeting.",
                 "When he got home, Olav Strand found that his boat had been stolen.",
                 "Mayor Ingrid Halvorsen has shown that she is willing to compromise."):
        assert quotes_of(nlp, text)[1] == [], text  # a person's discovery or deed, no finding reported
    _, quotes = quotes_of(nlp, "The mayor showed reporters the plans. “We will build it,” she said.")
    assert the_quote(quotes).cue == "say"


def test_sources_named_by_a_relative_word_a_demonstrative_or_according_to_anything(nlp):
    """'..., Olav Strand, who says ...' speaks as Strand (not 'people who say', a group a clause
    defines); fans speak unnamed; 'according to the data' makes the data the source, 'according to
    plan' nothing."""
    _, quotes = quotes_of(nlp, "The council backed the mayor, Olav Strand, who says the ferry will sail in May.")
    assert the_quote(quotes, ("indirect",)).speaker == "Olav Strand"
    _, quotes = quotes_of(nlp, "People who say they are undecided make up a fifth of Haldor's voters.")
    assert quotes == []  # a group a clause defines, not a speaker
    _, quotes = quotes_of(nlp, "Fans said the referee in Haldor was biased against the home side.")
    assert the_quote(quotes, ("indirect",)).speaker == "Fans"
    _, quotes = quotes_of(nlp, "According to the data, most ferries to Haldor left late last winter.")
    q = the_quote(quotes, ("indirect",))
    assert (q.speaker, q.speaker_named) == ("the data", False)
    for text in ("According to the rules, each crew may carry five passengers to Haldor.",
                 "According to tradition, the first ferry of the year sails at dawn.",
                 "The Haldor ferry works went ahead according to plan on Monday.",
                 "The funds for the Haldor ferry were shared according to need."):
        assert quotes_of(nlp, text)[1] == [], text  # a rule or a custom is no source


def test_a_cue_set_off_inside_the_clause_it_reports_is_the_quote_s_gap(nlp):
    """'The new ferry, Mayor Ingrid Halvorsen said, will sail in May': the quote spans the clause
    with the cue's own words as its gap, left out of its text and key; words hung on the cue ('If
    the vote fails') are the clause's; a clause joined on with its own subject is the writer's."""
    doc, quotes = quotes_of(nlp, "The new ferry, Mayor Ingrid Halvorsen said on Tuesday, will sail to Haldor in May.")
    q = the_quote(quotes, ("indirect",))
    assert q.text == "The new ferry … will sail to Haldor in May" and q.speaker == "Ingrid Halvorsen"
    assert doc.text[q.gap_start:q.gap_end] == ", Mayor Ingrid Halvorsen said on Tuesday,"
    assert (q.start, q.end) == (0, len(doc.text) - 1) and "say" not in q.key and "tuesday" not in q.key
    assert q.covers(doc.text.index("ferry")) and q.covers(doc.text.index("sail"))
    assert not q.covers(doc.text.index("Halvorsen")) and not q.covers(doc.text.index("said"))
    assert_offsets(doc, quotes)
    _, quotes = quotes_of(nlp, "If the vote fails, Olav Strand said, the Haldor ferry will stop running.")
    assert the_quote(quotes, ("indirect",)).text == "If the vote fails … the Haldor ferry will stop running"
    _, quotes = quotes_of(nlp, "The ferry — harbour officials say — was sold to a Bergen company.")
    q = the_quote(quotes, ("indirect",))
    assert (q.text, q.speaker) == ("The ferry … was sold to a Bergen company", "harbour officials")
    _, quotes = quotes_of(nlp, "The fares, Olav Strand said, will rise in May, and the council approved the plan.")
    assert the_quote(quotes, ("indirect",)).text == "The fares … will rise in May"


def test_a_cue_that_is_not_set_off_inside_its_clause_has_no_gap(nlp):
    """A cue after or before its clause is the plain report; a sentence holding two speakers'
    cues is not one speaker's clause."""
    for text in ("The Haldor ferry will stop running, Olav Strand said.",
                 "Olav Strand said the Haldor ferry will stop running."):
        q = the_quote(quotes_of(nlp, text)[1], ("indirect",))
        assert q.text == "the Haldor ferry will stop running" or q.text == "The Haldor ferry will stop running"
        assert (q.gap_start, q.gap_end) == (None, None), text
    _, quotes = quotes_of(nlp, "The fire, the police said, began at noon, and two sailors, the hospital said, died.")
    for q in quotes:
        assert "police" not in q.text and "hospital" not in q.text, q.text


@pytest.mark.parametrize("text, speaker, words", [
    # another speaker's cue reports the clause: that speaker's quote only, its id not taken twice
    ("The fire, the army said, killed 12 people in Haldor, the ministry of health said.",
     "ministry of health", "The fire, the army said, killed 12 people in Haldor"),
    # the clause's verb before the cue: the cue ends the report, the writer's words after it are his
    ("The Haldor bridge will close in May, Olav Strand said, before leaving the meeting.", None, None),
    # another speaker's report inside the clause, however parsed
    ("The fire, officials said Monday, destroyed three houses, and firefighters, who arrived late, "
     "said the wind was strong.", None, None),
    # the clause's own verb is a speech verb: its own act, not another report
    ("The ministry, Olav Strand said, denied the report.", "Olav Strand", "The ministry … denied the report"),
])
def test_a_set_off_cue_is_not_taken_where_the_clause_is_not_its_own(nlp, text, speaker, words):
    doc, quotes = quotes_of(nlp, text)
    assert len({(q.start, q.end) for q in quotes}) == len(quotes)  # quote ids are offsets: one each
    reported = [q for q in quotes if q.kind != "fragment"]
    if speaker is None:
        got = [(q.speaker, q.text) for q in reported]
        assert all(q.gap_start is None and "before leaving" not in q.text for q in reported), got
        assert not any("destroyed" in q.text and "wind" in q.text for q in reported), got
    else:
        q = the_quote(quotes, ("indirect", "mixed"))
        assert (q.speaker, q.text) == (speaker, words)


def test_a_set_off_cue_leaves_the_sentence_end_and_keeps_quotation_marks_paired(nlp):
    _, quotes = quotes_of(nlp, "The Haldor vote, Olav Strand said, “was a farce,” and the council agreed.")
    q = the_quote(quotes, ("mixed",))
    assert q.text == "The Haldor vote … “was a farce,”"
    _, quotes = quotes_of(nlp, "The new ferry, Olav Strand said, will sail to Haldor in May.")
    assert the_quote(quotes, ("indirect",)).text == "The new ferry … will sail to Haldor in May"
    _, quotes = quotes_of(nlp, "The Haldor bridge will close in May, Olav Strand said, before leaving.")
    q = the_quote(quotes, ("indirect",))  # the report ends at the cue
    assert (q.text, q.gap_start, q.speaker) == ("The Haldor bridge will close in May", None, "Olav Strand")
    _, quotes = quotes_of(nlp, "The bridge will close in May, he said, before leaving the meeting.")
    assert quotes == []  # no one 'he' could be: no quote, not one with no speaker


def test_what_a_speaker_adds_after_a_set_off_cue_is_a_quote_of_its_own(nlp):
    """'The bridge, Olav Strand said, will close in May, adding that repairs would cost more': two
    quotes of Strand's, the first without the second."""
    _, quotes = quotes_of(nlp, "The bridge, Olav Strand said, will close in May, adding that "
                               "repairs would cost more.")
    got = sorted((q.text, q.speaker) for q in quotes)
    assert got == [("The bridge … will close in May", "Olav Strand"),
                   ("repairs would cost more", "Olav Strand")], got


@pytest.mark.parametrize("text, quote, speaker", [
    # the clause's subject speaks for what it adds; the set-off cue only where the subject cannot
    ("Mayor Lena Holt, aides said, flew to Oslo on Monday, saying she would meet the prime minister.",
     "she would meet the prime minister", "Lena Holt"),
    ("The harbour ministry, Olav Strand said, denied the report, saying it was false.",
     "it was false", "The harbour ministry"),
    # what the clause's own verb governs, or an added phrase with no report, stays in the clause
    ("The ministry, Olav Strand said, avoided commenting on the report.",
     "The ministry … avoided commenting on the report", "Olav Strand"),
    ("The council, Olav Strand said, rejected the plan, citing its cost.",
     "The council … rejected the plan, citing its cost", "Olav Strand"),
])
def test_what_follows_a_set_off_cue_keeps_its_own_speaker_and_words(nlp, text, quote, speaker):
    _, quotes = quotes_of(nlp, text)
    assert (quote, speaker) in [(q.text, q.speaker) for q in quotes], [(q.text, q.speaker) for q in quotes]


@pytest.mark.parametrize("text, quote, speaker", [
    # a promise or threat of one's own act: the infinitive
    ("Mayor Lena Holt pledged to rebuild the Haldor bridge before winter.",
     "pledged to rebuild the Haldor bridge before winter", "Lena Holt"),
    # a call on others to act: whom and what
    ("Olav Strand urged the council to reopen the harbour at once.",
     "urged the council to reopen the harbour at once", "Olav Strand"),
    ("Olav Strand called on the council to reopen the harbour.",
     "called on the council to reopen the harbour", "Olav Strand"),
    # a demand or proposal
    ("Olav Strand called for an inquiry into the ferry accident.",
     "called for an inquiry into the ferry accident", "Olav Strand"),
    # a judgement and what it is for, as far as the phrase that says so
    ("Olav Strand criticized the harbour board for its delays during a visit to Haldor.",
     "criticized the harbour board for its delays", "Olav Strand"),
    ("Olav Strand accused the harbour board of hiding the report.",
     "accused the harbour board of hiding the report", "Olav Strand"),
    # words put on someone
    ("Olav Strand called the ferry plan a costly mistake.",
     "called the ferry plan a costly mistake", "Olav Strand"),
    # said in passing, after a comma
    ("Olav Strand left the meeting early, calling for a new vote on the ferry plan.",
     "calling for a new vote on the ferry plan", "Olav Strand"),
    # a gerund called for; 'on' read as a particle
    ("Mayor Lena Holt has called for raising the harbour fees to 28 percent.",
     "called for raising the harbour fees to 28 percent", "Lena Holt"),
    ("The senator called on fellow councillors to reject the plan after the board claimed that it was safe.",
     "called on fellow councillors to reject the plan", "The senator"),
    # a commitment, a note, a claim
    ("The harbour board agreed to lend the ferry company five million crowns.",
     "agreed to lend the ferry company five million crowns", "The harbour board"),
    ("Olav Strand noted the rising cost of the harbour repairs.",
     "noted the rising cost of the harbour repairs", "Olav Strand"),
    ("The rebels claimed responsibility for the bombing of the Haldor ferry.",
     "claimed responsibility for the bombing of the Haldor ferry", "The rebels"),
    # what a poll or a study shows or finds, as far as its words go
    ("A new poll of Haldor voters shows a close contest in the northern districts.",
     "shows a close contest in the northern districts", "A new poll of Haldor voters"),
    ("A 2019 study found 31 cases of fraud out of more than a million ballots cast.",
     "found 31 cases of fraud", "A 2019 study"),
    # cited, mentioned, echoed
    ("Olav Strand cited the rising cost of fuel as the reason for the ferry cuts.",
     "cited the rising cost of fuel as the reason for the ferry cuts", "Olav Strand"),
    # a particle ends the act, no preposition left hanging does
    ("Olav Strand urged the rebels in the hills to give up.",
     "urged the rebels in the hills to give up", "Olav Strand"),
    ("The ferry union vowed to carry on.", "vowed to carry on", "The ferry union"),
    # what data show, the data the source
    ("The harbour data show a sharp rise in ferry accidents.", "show a sharp rise in ferry accidents",
     "The harbour data"),
])
def test_a_speech_act_with_no_clause_is_a_reported_quote_from_its_verb(nlp, text, quote, speaker):
    doc, quotes = quotes_of(nlp, text)
    got = [(q.text, q.speaker, q.kind) for q in quotes]
    assert (quote, speaker, "indirect") in got, got
    assert_offsets(doc, quotes)


@pytest.mark.parametrize("text", [
    "Olav Strand did not call for an inquiry into the ferry accident.",  # denied
    "Olav Strand was urged to reopen the harbour by the council.",  # passive: the urged is no speaker
    "If the vote fails, Olav Strand could threaten to close the harbour for good.",  # only possible
    "The harbour plan is the goal the council pledged to reach by next summer.",  # the pledged is the noun
    "Olav Strand urged calm.",  # too few words to be a statement
    "The storm could encourage shippers to move their cargo to Haldor.",  # no one speaks
    "“We call for an inquiry into the ferry accident,” Olav Strand said.",  # the quoted words' own act
    # a misparse hangs the act on the verb of a banner's words, whose subject would speak
    "About 300 fishermen from the Haldor Guild gathered outside the ministry with “Cod is not cash” "
    "signs, demanding a total end to trawling near the islands.",
    # refused, failed, expected or denied by a first conjunct: not done
    "Olav Strand refused to call for an inquiry into the ferry accident.",
    "Olav Strand declined to condemn the attack on the harbour office.",
    "Olav Strand is expected to call for an inquiry into the ferry accident.",
    "Olav Strand did not condemn the attack or call for an inquiry into the ferry accident.",
    # a condition, a question
    "If Olav Strand calls for an inquiry into the ferry accident, the board will resign.",
    "Did Olav Strand call for an inquiry into the ferry accident?",
    # what another reports or alleges of him: not his words
    "Prosecutors said Olav Strand threatened to burn the harbour office before the trial.",
    # other senses: a taxi hailed, a town's name, a pronoun judged for nothing
    "Mayor Lena Holt hailed a taxi outside the parliament building.",
    "Residents of Haldor call the town Little Oslo.",
    "Olav Strand condemned them on Monday.",
    # a title-case headline
    "Strand Calls For Inquiry Into Haldor Ferry Accident",
    # a report card, a way found, a summons, a sound echoed
    "His school report shows straight A grades in every subject.",
    "The Haldor poll found its way into the campaign's fundraising emails.",
    "Police cited the ferry driver for speeding on the bridge.",
    "The singer echoed the sound of early soul records on her new album.",
    # what no one claims
    "The fire claimed twelve lives in the old town of Haldor.",
    # what a person or the police show or find
    "Olav Strand has shown the way on ferry safety for years.",
    "Police found the stolen ferry ticket machine in a ditch near Haldor.",
])
def test_no_speech_act_quote_where_nothing_is_stated(nlp, text):
    _, quotes = quotes_of(nlp, text)
    acts = [q for q in quotes if any(k.startswith("@") for k in q.key)]  # (quotes._act_quote's)
    assert not acts, [(q.kind, q.text) for q in acts]


def test_an_act_whose_words_are_mostly_quoted_is_left_to_the_quotation(nlp):
    """'urged the council to “reopen the harbour at once and without conditions”': the quotation says
    what was urged; no second, reported quote of the same words."""
    _, quotes = quotes_of(nlp, "Olav Strand urged the council to “reopen the harbour at once and without conditions.”")
    assert [(q.kind, q.text) for q in quotes] == [("direct", "reopen the harbour at once and without conditions.")]


def test_a_speech_acts_words_key_its_statement_apart_from_another_act_on_them(nlp):
    """'called for the inquiry' and 'condemned the inquiry': one speaker, the same words after the
    verb, two statements; the same act told twice is one."""
    from newsgraph.corpus.statements import assign_statements

    _, calls = quotes_of(nlp, "Olav Strand called for the harbour board's new inquiry into the ferry.")
    _, condemns = quotes_of(nlp, "Olav Strand condemned the harbour board's new inquiry into the ferry.")
    _, again = quotes_of(nlp, "On Monday Olav Strand called for the harbour board's new inquiry into the ferry.")
    assert len(calls) == len(condemns) == len(again) == 1
    ids = [q.statement_id for q in assign_statements(calls + condemns + again, {})]
    assert ids[0] != ids[1] and ids[0] == ids[2], ids


@pytest.mark.parametrize("text, quote", [
    # the act's words end before a clause set off after them
    ("Olav Strand urged the council to reopen the harbour when he met its members in Haldor.",
     "urged the council to reopen the harbour"),
    ("Olav Strand called for an inquiry into the ferry accident, which killed 12 people last year.",
     "called for an inquiry into the ferry accident"),
    # and take the closing mark of a quotation they open (the quotation stays a direct quote of its own)
    ("Olav Strand urged the council to reopen the Haldor harbour “at once.”",
     "urged the council to reopen the Haldor harbour “at once.”"),
    # a pronoun judged for something
    ("Olav Strand accused him of lying to the council about the harbour fees.",
     "accused him of lying to the council about the harbour fees"),
])
def test_a_speech_acts_words_run_as_far_as_the_act(nlp, text, quote):
    _, quotes = quotes_of(nlp, text)
    got = [(q.text, q.kind) for q in quotes]
    assert any(t == quote and k in ("indirect", "mixed") for t, k in got), got


def test_a_doubt_raised_is_reported_speech(nlp):
    _, quotes = quotes_of(nlp, "Olav Strand questioned whether the ferry could sail to Haldor in winter.")
    assert [(q.text, q.speaker) for q in quotes] == [
        ("whether the ferry could sail to Haldor in winter", "Olav Strand")]


@pytest.mark.parametrize("text, speaker", [
    ("Norwegian officials said the ferry to Haldor would sail in May.", "Norwegian officials"),
    ("French investigators said the ferry to Haldor would sail in May.", "French investigators"),
    ("Norway said the ferry to Haldor would sail in May.", "Norway"),
])
def test_unnamed_people_of_a_state_speak_as_themselves_not_as_the_state(nlp, text, speaker):
    """'Norwegian officials said ...': the officials (unnamed; coded as the state's government), not
    Norway; a state named as the subject speaks as itself."""
    _, quotes = quotes_of(nlp, text)
    assert [q.speaker for q in quotes] == [speaker], [(q.speaker, q.text) for q in quotes]
    assert speaker != "Norwegian officials" or quotes[0].speaker_code == "NORGOV"  # as a named official
    assert quotes[0].speaker_named is (speaker == "Norway")


@pytest.mark.parametrize("text, said", [
    # the question or news put to the speaker is not their words
    ("Asked whether Chile had given in, Elena Varga said the deal was fair to both sides.",
     ["the deal was fair to both sides"]),
    ("Told that the vote had failed, Elena Varga said she would resign.", ["she would resign"]),
    # what the speaker had said is
    ("Having said that the talks had failed, Elena Varga left the room.", ["the talks had failed"]),
])
def test_a_question_put_to_a_speaker_is_not_their_words(nlp, text, said):
    _, quotes = quotes_of(nlp, text)
    assert [q.text for q in quotes] == said


@pytest.mark.parametrize("text, speaker", [
    ("The mayor said the ferry to Haldor would sail in May.", "The mayor"),
    ("Mayor Lena Holt opened the harbour on Monday. The mayor said the ferry would sail in May.", "Lena Holt"),
])
def test_an_office_speaks_as_its_holder_or_as_itself(nlp, text, speaker):
    """'The mayor said ...': the mayor named before, else an unnamed speaker described by the office."""
    _, quotes = quotes_of(nlp, text)
    assert [q.speaker for q in quotes] == [speaker], [(q.speaker, q.text) for q in quotes]


@pytest.mark.parametrize("text, speaker", [
    ("Spain's foreign minister, José Manuel Albares, said the talks had failed.", "José Manuel Albares"),
    ("The group's spokesman, Tom Reyes, said the talks had failed.", "Tom Reyes"),
    ("Blue Meridian Alliance organised the protest. Its Oslo coordinator, Sigrid Eknes, said that a "
     "voluntary limit was weak.", "Sigrid Eknes"),
])
def test_a_described_speaker_named_in_an_apposition_is_the_name(nlp, text, speaker):
    _, quotes = quotes_of(nlp, text)
    assert [(q.speaker, q.speaker_named) for q in quotes] == [(speaker, True)]

