"""Counts that a story's outlets give differently, on invented sentences."""
from __future__ import annotations

import pytest

from newsgraph.brief import figure
from newsgraph.corpus.figures import figures_in, story_figures


@pytest.mark.parametrize("text, found", [
    ("Nine people were killed and 27 injured when the ferry capsized.", {"dead": {9}, "injured": {27}}),
    ("A gunman killed nine people and injured at least 27 on the quay.", {"dead": {9}, "injured": {27}}),
    ("At least 1,200 people were evacuated from Brenvik.", {"evacuated": {1200}}),
    ("Beim Unglück gab es 84 Tote und 18 Verletzte.", {"dead": {84}, "injured": {18}}),
    ("Le naufrage a fait 12 morts et 40 blessés.", {"dead": {12}, "injured": {40}}),
    ("Police arrested 12 people after the riot.", {"arrested": {12}}),
    # neither a count across a comma or a conjunction, nor part of a word, nor a year
    ("Nine people died, dozens were injured.", {"dead": {9}}),
    ("THIRTY-FIVE passengers were rescued.", {}),
    ("The ferry, built in 1998, sank; the 2015 disaster killed more.", {}),
    ("About 2,000 people were injured.", {"injured": {2000}}),  # a count with a separator is no year
    ("On July 14 200 people died in the storm.", {"dead": {200}}),  # a day, then a count
    ("Malaria killed 2.5 million people last year.", {}),
    ("A blast killing 84-year-old Ann Vell shook the quay.", {}),
    ("A lista dos mortos foi divulgada.", {}),
    # an earlier count, given beside the new one
    ("The toll jumped from an initial police estimate of 20 dead to 276.", {}),
    ("Die ursprüngliche Bilanz von 20 Toten wurde korrigiert.", {}),
    ("Earlier on Tuesday, 20 people were killed in the port.", {"dead": {20}}),  # an earlier event's toll
    ("The previous day 12 people died in the floods.", {"dead": {12}}),
])
def test_the_counts_a_sentence_gives(text, found):
    assert figures_in(text) == found


def test_the_counts_a_story_leads_with_where_they_differ():
    leads = [("a1", ["At least 84 people were killed when the ferry capsized.", "It sank in minutes."]),
             ("a2", ["The capsizing killed 84 people.", "Divers found 12 bodies later."]),  # its lead counts first
             ("a3", ["Rescuers say 80 people died and 30 were injured."]),
             ("a4", ["The ferry sank on Monday.", "Officials said 30 people were injured."])]
    found = story_figures(leads)
    assert [(d.kind, d.values) for d in found] == [("dead", ((84, ("a1", "a2")), (80, ("a3",))))]
    # a1 and a2 are one text: 80, told by two independent reports, comes before 84, told by copies of one
    more = [*leads, ("a5", ["Officials counted 80 dead by nightfall."])]
    one_text = story_figures(more, lambda ids: len({"a1" if a == "a2" else a for a in ids}))
    assert [v for v, _ in one_text[0].values] == [80, 84]
    assert [v for v, _ in story_figures(more)[0].values] == [84, 80]  # counted by articles, a tie goes to the larger
    cite = lambda ids: sorted(int(a[1]) for a in ids)  # noqa: E731
    item = figure(found[0], cite, {"a1": "2025-03-02", "a3": "2025-03-01"})
    assert (item.text, item.cites, item.variants) == ("dead: 84, 2025-03-02", [1, 2], [("dead: 80, 2025-03-01", [3])])


@pytest.mark.parametrize("text", [
    "Bei den Anschlägen sind mindestens 49 Menschen in zwei Moscheen getötet worden.",  # places, not the dead
    "In der zweiten Moschee wurden sieben weitere Menschen getötet.",  # more of them, not the toll
    "At least 290 people, including six Indians, were killed in the blasts.",  # a subset
    "Three gunmen were killed by police at the scene.",  # the attackers
])
def test_counts_of_places_subsets_increments_and_attackers_are_no_toll(text):
    assert figures_in(text) == {}


def test_a_toll_beside_the_attackers_killed_is_the_toll():
    assert figures_in("Au moins trois terroristes ont été tués et au moins 27 morts sont à déplorer.") == {"dead": {27}}
    assert figures_in("In two attacks, 12 people were killed.") == {"dead": {12}}


@pytest.mark.parametrize("text, found", [
    ("The blast resulted in 50 deaths.", {"dead": {50}}),  # a preposition before the toll itself
    ("In 2019, 51 people were killed.", {"dead": {51}}),
    ("Le bilan s'élève à 50 morts.", {"dead": {50}}),
    ("Die Polizei spricht von der 50 Todesopfer fordernden Tat.", {"dead": {50}}),
    ("Police arrested four terrorists on Friday.", {"arrested": {4}}),  # arrests count the attackers
    ("Three armed gunmen were killed by police.", {}),
    ("The gunman killed seven more people in the market.", {}),
])
def test_tolls_after_prepositions_and_arrests_of_attackers_still_count(text, found):
    assert figures_in(text) == found
