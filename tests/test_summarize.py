"""Extractive summaries: invented sentences, ROUGE-1 and LexRank computed by hand."""
from __future__ import annotations

import numpy as np
import pytest

from newsgraph.corpus.summarize import (
    Sentence,
    cut_off,
    lexrank,
    lexrank_scores,
    n_words,
    page_line,
    rouge1,
    suitability,
    summarize_article,
    summarize_story,
)


def article(aid: str, outlet: str, texts: list[str], support: int = 1) -> list[Sentence]:
    out, pos = [], 0
    for i, text in enumerate(texts):
        out.append(Sentence(aid, i, pos, pos + len(text), text, outlet, support))
        pos += len(text) + 1
    return out


# An invented story told by three outlets.
HARBOUR = article("a1", "Coast Post", [
    "The harbour authority of Brenvik closed the northern pier on Monday after storm damage to its pilings.",
    "Engineers found cracks in four of the twelve concrete pilings that carry the pier deck.",
    "Fishing boats were moved to the southern basin until repairs are finished.",
    "He added that the cafe at the end of the pier would stay closed as well.",
    "Is the town ready for another winter like this?",
])
HARBOUR_2 = article("b2", "Island Daily", [
    "The harbour authority of Brenvik closed the northern pier on Monday after storm damage to its pilings.",
    "Repairs to the damaged pilings are expected to take about three months and cost two million crowns.",
    "Local fishermen said the southern basin was already crowded before the closure.",
])
HARBOUR_3 = article("c3", "Brenvik Radio", [
    "Brenvik closed its northern pier after a storm damaged the concrete pilings under the deck.",
    "The repairs should take three months, the harbour authority said in a statement.",
    "Ferries to the outer islands will keep sailing from the southern quay.",
])
STORY = HARBOUR + HARBOUR_2 + HARBOUR_3


def words(summary: list[Sentence]) -> int:
    return sum(n_words(s.text) for s in summary)


# --- rouge1 ------------------------------------------------------------------------------

def test_rouge1_by_hand():
    # candidate: the x2 cat sat on mat (6); reference: the x2 cat is on mat today (7); shared: the x2 cat on mat (5)
    p, r, f = rouge1("The cat sat on the mat", "the cat is on the mat today")
    assert p == pytest.approx(5 / 6) and r == pytest.approx(5 / 7) and f == pytest.approx(10 / 13)


def test_rouge1_clips_repeats_and_handles_empty():
    assert rouge1("the the the", "the cat") == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert rouge1("", "the cat") == (0.0, 0.0, 0.0)
    assert rouge1("dog", "") == (0.0, 0.0, 0.0)


# --- lexrank -----------------------------------------------------------------------------

def test_lexrank_scores_on_a_path_graph():
    # a - b - c with self-loops: without jumps the walk's stationary distribution is the degree share
    sim = np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 1.0], [0.0, 1.0, 1.0]])
    assert lexrank_scores(sim, damping=1.0) == pytest.approx([2 / 7, 3 / 7, 2 / 7], abs=1e-5)
    damped = lexrank_scores(sim)
    assert damped.sum() == pytest.approx(1.0)
    assert damped[1] > damped[0] == pytest.approx(damped[2])


def test_lexrank_prefers_the_central_sentence_and_respects_the_budget():
    ss = article("x", None, [
        "Storm damage closed the northern pier of the harbour.",
        "The storm damage to the harbour pier will take months to repair.",
        "Repairs to the harbour pier after the storm are costly.",
        "A bakery opened a new shop selling rye bread.",
    ])
    top = lexrank(ss, 1)
    assert top[0].text != ss[3].text
    assert words(lexrank(ss, 4, max_words=20)) <= 20
    assert lexrank([], 3) == [] and lexrank(ss, 0) == []


# --- suitability -------------------------------------------------------------------------

def test_unsuitable_sentences_are_dropped_or_penalised():
    plain = suitability("The harbour authority closed the northern pier on Monday.")
    assert plain == 1.0
    assert suitability("Is the town ready for another winter like this?") == 0.0
    assert suitability("Closed on Monday.") == 0.0
    assert suitability("and the pier stayed closed for the rest of the week.") == 0.0
    assert 0 < suitability("He said the northern pier would stay closed all winter.") < plain
    assert 0 < suitability("But the northern pier would stay closed all winter long.") < plain
    assert 0 < suitability("“We will rebuild the pier before the summer season,” said the mayor.") < plain


# --- story -------------------------------------------------------------------------------

def test_story_summary_never_takes_the_same_content_twice():
    summary = summarize_story(STORY, k=3, max_words=200)
    texts = [s.text for s in summary]
    assert len(texts) == len(set(texts)) == 3
    assert texts[0] == HARBOUR[0].text      # the lead that two outlets carry word for word


def test_story_summary_skips_a_sentence_that_adds_no_new_words():
    longer = "Film star Ada Quill has died at the age of 97, her family said on Monday."
    shorter = "Ada Quill has died at the age of 97."
    other = "Quill won two acting awards for her roles in westerns during the 1950s."
    ss = article("a", "One", [longer, other]) + article("b", "Two", [longer]) + article("c", "Three", [shorter])
    texts = [s.text for s in summarize_story(ss, k=2, max_words=60)]
    assert texts == [longer, other]              # the shorter says nothing the longer did not


def test_story_summary_skips_questions_and_respects_max_words():
    for budget in (15, 30, 60, 160):
        summary = summarize_story(STORY, k=6, max_words=budget)
        assert words(summary) <= budget
    assert all(not s.text.endswith("?") for s in summarize_story(STORY, k=10, max_words=1000))


def test_story_summary_prefers_corroborated_content():
    a = "The council approved a new sea wall for the eastern beach at its meeting on Tuesday."
    b = "The council approved a new car park for the western market at its meeting on Tuesday."
    one = article("p", "One", [a]) + article("q", "Two", [b])
    assert summarize_story(one, k=1)[0].text == a    # a tie, broken by article id
    corroborated = article("p", "One", [a]) + article("q", "Two", [b], support=3)
    assert summarize_story(corroborated, k=1)[0].text == b


def test_story_summary_is_deterministic_and_citable():
    summary = summarize_story(STORY, k=4, max_words=120)
    shuffled = [STORY[i] for i in np.random.default_rng(7).permutation(len(STORY))]
    assert summarize_story(shuffled, k=4, max_words=120) == summary
    for s in summary:
        assert s in STORY       # the caller's records, offsets and ids unchanged


def test_caller_vectors_replace_the_embeddings():
    vectors = np.eye(len(STORY), dtype=np.float32)
    summary = summarize_story(STORY, k=3, max_words=160, vectors=vectors)
    assert 0 < len(summary) <= 3 and words(summary) <= 160


def test_empty_inputs():
    assert summarize_story([]) == [] and summarize_article([]) == []
    assert summarize_story(STORY, k=0) == [] and summarize_article(HARBOUR, k=0) == []


# --- article -----------------------------------------------------------------------------

def test_article_summary_is_in_article_order_and_leads():
    summary = summarize_article(list(reversed(HARBOUR)), k=3)
    assert [s.index for s in summary] == sorted(s.index for s in summary)
    assert summary[0] == HARBOUR[0]
    assert HARBOUR[4] not in summary        # a question
    assert len(summarize_article(HARBOUR, k=10)) <= len(HARBOUR)


def test_sentence_vectors_are_cached_without_changing_them(monkeypatch):
    from newsgraph.corpus import features
    texts = ["Ministers signed a fisheries accord in Oslo.", "Protesters gathered outside the hall.",
             "Ministers signed a fisheries accord in Oslo."]
    monkeypatch.setattr(features, "_vectors", {})
    first = features.embed(texts)
    assert len(features._vectors) == 2 and np.allclose(first[0], first[2])
    again = features.embed(texts[1:])
    assert np.array_equal(again, first[1:])
    monkeypatch.setattr(features, "EMBED_CACHE", 1)  # more texts than the cache holds
    small = features.embed(["A third sentence about krill quotas.", *texts])
    assert small.shape[0] == 4 and np.allclose(small[1:], first, atol=1e-6) and len(features._vectors) <= 1


def test_story_relevance_adds_the_random_walks_centrality():
    from newsgraph.corpus import summarize as sm

    ss = [Sentence("a", i, 0, 10, f"Sentence number {i} of the story ends here.") for i in range(4)]
    sim = np.eye(4)
    sim[0, 1:] = sim[1:, 0] = 0.5  # the first sentence is the hub of the graph
    plain = sm._relevance(ss, sim, 0.0)
    ranked = sm._relevance(ss, sim, 0.0, 2.0)
    gain = ranked - plain
    assert gain == pytest.approx(2.0 * sm.lexrank_scores(sim) * 4)
    assert np.argmax(gain) == 0 and gain[0] > gain[1] == pytest.approx(gain[3])


def test_sentences_in_another_language_are_weighed_in_their_own():
    """German function words (die, der, hat, den) are no rare words: two sentences about the harbour
    rules are closer than two that share only function words and the day (weighed as English,
    the other way round)."""
    from newsgraph.corpus.summarize import content_words_in, english, tfidf_similarity

    a = "Die Regierung hat am Montag die neuen Regeln für den Hafen beschlossen, sagte der Sprecher."
    b = "Neue Regeln im Hafen: die Regierung beschließt strengere Kontrollen für Frachtschiffe."
    c = "Die Mannschaft hat am Montag die Partie für den Verein gewonnen, sagte der Trainer."
    assert not english(a) and english("The government approved the new harbour rules on Monday.")
    assert "die" not in content_words_in(a, "de") and "hafen" in content_words_in(a, "de")
    sim = tfidf_similarity([a, b, c])
    assert sim[0, 1] > 2 * sim[0, 2]


def test_german_and_french_quotation_marks_are_quotations_not_cut_sentences():
    from newsgraph.corpus.summarize import suitability

    german = "„Wir werden den Hafen nicht schließen“, sagte der Bürgermeister am Montag vor dem Rat."
    spanish = "El alcalde dijo que «no cerraremos el puerto este año», según la agencia local."
    english = "“We will not close the harbour,” the mayor told the council on Monday."
    assert suitability(german) == suitability(spanish) == suitability(english) == 1.0
    assert suitability("Der Bürgermeister sagte am Montag vor dem Rat „wir werden den Hafen nicht.") < 1.0


def test_sentences_of_unspaced_scripts_are_split_counted_and_summarised():
    from newsgraph.corpus.reader import split_sentences
    from newsgraph.corpus.summarize import Sentence, n_words, summarize_story

    text = ("台風十二号は二日朝、ミナト市付近に上陸した。気象台は「命を守る行動を。」と呼びかけ、"
            "市内の避難所には多くの住民が集まった。停電は約三万戸に達し、復旧には数日かかる見通しだ。")
    spans = split_sentences(text)
    assert len(spans) == 3
    assert text[spans[1][0]:spans[1][1]].startswith("気象台は「命を守る行動を。」と呼びかけ")
    assert n_words(text[spans[0][0]:spans[0][1]]) >= 8  # about two characters a word
    sents = [Sentence("a1", k, a, b, text[a:b]) for k, (a, b) in enumerate(spans)]
    assert summarize_story(sents, k=2, max_words=60)  # a Japanese story has a summary


def test_a_sentence_may_open_with_a_capital_of_any_latin_alphabet():
    from newsgraph.corpus.reader import split_sentences

    text = "Der Sturm kam in der Nacht. Österreich war am stärksten betroffen. ¿Qué pasó después? Nada."
    assert len(split_sentences(text)) == 4


@pytest.mark.parametrize("text, sentences", [
    ("Der Hafen von Kelmar schließt am 14. Juli für Frachter. Dann kommt der Umbau.", 2),
    ("Die 108. Regatta von Kelmar endete am Sonntag. Es gewann Lund.", 2),
    ("Das Boot sank 1923 vor Kelmar, sagte Dr. Vell dem Rat. Niemand kam um.", 2),
    ("«Le port est sauvé», a lancé M. Vell devant le conseil. La séance a été levée.", 2),
    ("El capitán fue identificado como Olav K. Lund, dijo la policía. Luego habló la alcaldesa.", 2),
    ("Die Zahl der Schiffe stieg auf 110. Die Behörde prüft den Hafen.", 2),  # a number ending a sentence
    ("Der Hafen wurde 2016. Renoviert wurde er nie.", 2),
    # ends of sentences all the same: a paragraph break, "no.", a letter after a common word, "am" before a number
    ("The council voted no.\n\nThe ferry runs on.", 2),
    ("She said no. The council then closed the quay.", 2),
    ("The ration holds vitamin C. The crew stayed healthy.", 2),
    ("“I am 65. I have never seen a flood like it,” she said.", 2),
    ("He lives at No. 10 Harbour Street. He sails daily.", 2),
])
def test_the_punctuation_rule_runs_on_after_abbreviations_initials_and_ordinals(text, sentences):
    from newsgraph.corpus.reader import split_sentences

    assert len(split_sentences(text)) == sentences


# Invented text, written for this test: one harbour decision told by two German reports and one English.
_HARBOUR_DE = [
    ("de1", ["Der Stadtrat von Kelmar hat am Montag die Schließung des alten Hafens für Frachtschiffe beschlossen.",
             "Die Frachter sollen ab Juni den neuen Hafen im Norden der Stadt anlaufen, sagte Bürgermeisterin "
             "Anna Vell.",
             "Die Händler am alten Kai fürchten um ihre Kunden, die Fischer dürfen aber weiter dort anlegen und "
             "ihren Fang verkaufen."]),
    ("de2", ["Kelmar schließt den alten Hafen: der Stadtrat stimmte am Montag mit großer Mehrheit dafür.",
             "Bürgermeisterin Anna Vell sagte, der neue Hafen im Norden sei für die Frachter besser geeignet.",
             "Die Opposition kritisierte die Kosten des Umzugs, die Stadt rechnet mit drei Jahren Bauzeit für "
             "die neuen Straßen zum Hafen."]),
]
_HARBOUR_EN = ("en1", ["Kelmar's council voted on Monday to close the old harbour to cargo ships.",
                       "Mayor Anna Vell said freighters would use the new northern port from June.",
                       "Traders on the old quay fear for their trade, though fishing boats may still land their "
                       "catch there, the council said."])


def _pool(reports):
    return [Sentence(aid, k, 0, len(t), t) for aid, texts in reports for k, t in enumerate(texts)]


def test_a_story_is_summarised_in_the_language_most_of_its_articles_are_written_in():
    """Two German reports and one English: the summary is German, told from the sentences or from
    the stored languages; with the English report in the majority it is English."""
    german = summarize_story(_pool([*_HARBOUR_DE, _HARBOUR_EN]), k=3, max_words=100)
    assert german and {s.article_id for s in german} <= {"de1", "de2"}
    told = summarize_story(_pool([*_HARBOUR_DE, _HARBOUR_EN]), k=3, max_words=100,
                           languages={"de1": "de-DE", "de2": "de", "en1": "en"})
    assert told == german
    english_pool = _pool([_HARBOUR_DE[0], _HARBOUR_EN, ("en2", [
        "The old Kelmar harbour closes to cargo ships, the council decided on Monday.",
        "The vote was carried by a large majority after a long debate about the cost of the move to the north.",
        "The opposition said the new roads to the northern port would take three years to build."])])
    english = summarize_story(english_pool, k=3, max_words=100)
    assert english and {s.article_id for s in english} <= {"en1", "en2"}


def test_the_main_language_counts_articles_and_breaks_ties_the_same_way_each_time():
    from newsgraph.corpus.summarize import main_language

    assert main_language({"a": "de", "b": "de-AT", "c": "en"}) == "de"
    assert main_language({"a": "de", "b": None}) == "en"  # a tie: English (none known counts as English)
    assert main_language({"a": "fr", "b": "de"}) == main_language({"b": "de", "a": "fr"}) == "de"
    assert main_language({}) is None


def test_a_story_whose_main_language_has_no_sentence_fit_for_a_summary_is_summarised_in_the_next():
    questions = [("de1", ["Schließt Kelmar den alten Hafen für die Frachtschiffe der Reedereien?",
                          "Wer bezahlt die neuen Straßen zum Hafen im Norden der Stadt Kelmar?"]),
                 ("de2", ["Was wird aus den Händlern am alten Kai von Kelmar, wenn die Frachter gehen?"])]
    summary = summarize_story(_pool([*questions, _HARBOUR_EN]), k=2, max_words=60,
                              languages={"de1": "de", "de2": "de", "en1": "en"})
    assert summary and {s.article_id for s in summary} == {"en1"}


@pytest.mark.parametrize("text, cut", [
    ("Chuck Halvorsen and Sen. Ingrid Strand became th", True),
    ("The ferry was en route to Lindholt...", True),
    ("The ferry was en route to Lindholt …", True),
    ("The ferry docked at Lindholt.", False),
    ("“We are home,” the captain said.”", False),
    ("Will the ferry run again?", False),
    ("नौका सोमवार को लौट आई।", False),  # a stop of another script
])
def test_a_last_sentence_that_breaks_off_is_cut_off(text, cut):
    assert cut_off(text) is cut


@pytest.mark.parametrize("text, line", [
    ("(Writing by Olav Strand; Editing by Petra Voss)", True),
    ("(Photo: Lindholt Harbour Office)", True),
    ("The ferry docked at Lindholt, officials said. pic.twitter.com/Ab12Cd", True),
    ("5/11Ferry passengers wait on the quay", True),
    ("Photo by Petra Voss for the Lindholt Courier.", True),
    ("The ferry (the island's only link) docked at Lindholt on Monday.", False),
    ("A 3/4 majority of the council backed the new ferry timetable.", False),
    # credits, brackets and counters inside a report's own sentence are no page lines
    ("The ferry's losses, compiled by the Lindholt Harbour Office, doubled.", False),
    ("Investigative reporting by the Courier revealed the ferry's debts.", False),
    ("9/11 families sued the ferry company.", False),
    ("(Andes Wire) The ferry docked at Lindholt on Monday (local time).", False),
    ("Harbour master Olav Strand (left) and Mayor Petra Voss (R) open the new quay.", True),
    ("Olav Strand (am Mikrofon) eröffnet den neuen Kai.", True),
    ("The ferry (c) 2024 Lindholt Lines sails at noon again.", False),
    ("Harbour master Olav Strand (L) greets Mayor Petra Voss (R) on the new quay.", True),
    ("Senator Petra Voss (R) said the ferry bill would pass.", False),  # a party label
    ("Olav Strand (pictured) was rescued from the water.", False),
    ("The logo (C) belongs to the ferry company, the court ruled.", False),
])
def test_lines_of_the_page_around_a_report_are_told_apart(text, line):
    assert page_line(text) is line
    if line:
        assert suitability(text) == 0.0


def test_story_summary_skips_a_rewording_of_what_it_has_said():
    said = "Governor Ingrid Halvorsen said on Friday she will not step down despite calls from lawmakers in her party."
    again = ("Embattled Governor Ingrid Halvorsen on Friday refused to step down, defying heavyweights of her "
             "party.")  # 4 of its 10 content words are new: the same fact told again
    news = "The state assembly will open an impeachment inquiry into the governor next week."
    ss = (article("a", "One", [said, news]) + article("b", "Two", [said]) + article("c", "Three", [said])
          + article("d", "Four", [again]))
    assert [s.text for s in summarize_story(ss, k=3, max_words=80)] == [said, news]


def test_story_summary_takes_one_of_the_leads_that_tell_the_main_fact():
    """Each outlet's lead says the cyclist won his third title in Paris, in its own words: the
    summary takes one and goes on to what else the story holds."""
    leads = ["Olav Lund became Norway's first three-time winner of the Tour of the Fjords when he crossed the line "
             "in Bergen on Sunday.",
             "Olav Lund secured a third Tour of the Fjords title on Sunday after crossing the finish line in Bergen "
             "alongside his teammates.",
             "Defending champion Olav Lund completed his third Tour of the Fjords title in four years on Sunday's "
             "ceremonial final stage in Bergen."]
    margin = "Lund beat Petter Strand by two minutes and 52 seconds, with Ivar Berg third."
    stage = "The final stage went to the sprinter Anders Moe, who won the bunch finish on the harbour front."
    ss = (article("a", "One", [leads[0], margin]) + article("b", "Two", [leads[1], stage])
          + article("c", "Three", [leads[2]]))
    picked = [s.text for s in summarize_story(ss, k=3, max_words=100)]
    assert sum(s in leads for s in picked) == 1 and margin in picked


@pytest.mark.parametrize("text, caption", [
    ("Two people hug as another talks to a deputy outside the chapel Saturday, April 27, 2019, in Poway.", True),
    ("A police officer stands guard in front of the hotel in Bamako, Mali, November 20, 2015.", True),
    ("Supporters of the party gather for election results outside its headquarters on Monday.", True),
    ("The minister announced late Wednesday that she would hold a press conference.", False),  # a modal first
    ("He made the statement after a major march in the capital on Tuesday night.", False),  # a past verb first
    ("Those lights would mark a pathway of destruction that night of July 14.", False),  # a noun
    ("“We gather here today,” the mayor said on Monday.", False),  # a quotation
    ("A police officer stands guard in front of the hotel.", False),  # no day or date
    ("UTRECHT, Netherlands, March 18, 2019 (AFP) – Three people were shot dead.", False),  # a month, not a verb
])
def test_a_photo_caption_in_the_text_is_a_page_line(text, caption):
    from newsgraph.corpus.summarize import page_line

    assert page_line(text) is caption
