"""One statement_id for the same statement across outlets and translations; the extraction stage
end to end. Every sentence is invented; the speakers are real people the knowledge base knows."""
from __future__ import annotations

import pytest

import newsgraph.nlp
from newsgraph.actors import resolve_actors
from newsgraph.corpus.statements import assign_statements, quote_id, same_statement
from newsgraph.extract import Extraction, extract
from newsgraph.quotes import extract_quotes


@pytest.fixture(scope="module")
def nlp():
    return newsgraph.nlp.load()


def quote(nlp, text: str, article_id: str = "a1", date: str = "2024-10-01"):
    """The one quote of a short article that carries words (a direct or indirect one)."""
    doc = nlp(newsgraph.nlp.for_parser(text))
    found = [q for q in extract_quotes(doc, resolve_actors(doc, date), article_id)
             if q.kind in ("direct", "indirect", "mixed")]
    assert len(found) == 1, [(q.kind, q.text) for q in found]
    assert found[0].key, found[0]
    return found[0]


# Pairs of reports of one statement: paraphrase, translation, excerpt.
SAME = [
    ("Russian President Vladimir Putin said: “Our cooperation with China is not directed against "
     "third countries, and we are not forming any military bloc.”",
     "Russian President Vladimir Putin said: “Our cooperation with China is not aimed at third "
     "countries; we are not creating a military bloc.”"),
    ("Russian President Vladimir Putin said that Russia and China were not forming a military bloc "
     "against anyone.",
     "“We are not forming any military bloc,” Russian President Vladimir Putin said."),
    ("Chinese President Xi Jinping said: “Our two countries will expand trade in grain and "
     "fertiliser next year.”",
     "Chinese President Xi Jinping said that the two nations would expand the trade in grain and "
     "fertilizers next year."),
]

DIFFERENT = [
    ("Russian President Vladimir Putin said that Russia and China were not forming a military bloc "
     "against anyone.",
     "Russian President Vladimir Putin said that Russian grain exports to Africa would double next year."),
    ("Chinese President Xi Jinping said: “We will strengthen military cooperation.”",
     "Chinese President Xi Jinping said: “We will reduce military cooperation.”"),
]


@pytest.mark.parametrize("a, b", SAME)
def test_same_statement_in_other_words(nlp, a, b):
    qa, qb = quote(nlp, a, "a1"), quote(nlp, b, "a2")
    assert qa.speaker == qb.speaker
    assert same_statement(qa.key, qb.key)
    assert same_statement(qb.key, qa.key)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_statements_of_one_speaker(nlp, a, b):
    qa, qb = quote(nlp, a, "a1"), quote(nlp, b, "a2")
    assert qa.speaker == qb.speaker
    assert not same_statement(qa.key, qb.key)


def test_same_statement_needs_shared_content():
    assert not same_statement([], [])
    assert not same_statement(["bloc"], [])
    assert not same_statement(["bloc", "military"], ["grain", "export"])
    assert same_statement(["bloc", "military", "form"], ["bloc", "military", "form"])


def test_assign_statements_ids(nlp):
    bloc_a = quote(nlp, SAME[0][0], "a1")
    bloc_b = quote(nlp, SAME[0][1], "a2")
    grain = quote(nlp, DIFFERENT[0][1], "a3")
    # the same words from another speaker
    lavrov = quote(nlp, SAME[0][0].replace("Russian President Vladimir Putin",
                                           "Russian Foreign Minister Sergei Lavrov"), "a4")
    assert lavrov.speaker == "Sergey Lavrov" and lavrov.key == bloc_a.key

    known: dict = {}
    out = assign_statements([bloc_a, bloc_b, grain, lavrov], known)
    ids = [q.statement_id for q in out]
    assert all(ids)
    assert ids[0] == ids[1]  # one statement reported twice
    assert ids[2] != ids[0]  # another statement of the same speaker
    assert ids[3] not in (ids[0], ids[2])  # the same words by someone else
    assert [(q.text, q.start, q.end, q.speaker) for q in out] == \
        [(q.text, q.start, q.end, q.speaker) for q in (bloc_a, bloc_b, grain, lavrov)]
    assert set(known) == {"Vladimir Putin", "Sergey Lavrov"}

    # ids are stable: the same quotes in a fresh run get the same ids
    assert [q.statement_id for q in assign_statements([bloc_a, bloc_b, grain, lavrov], {})] == ids


def test_assign_statements_reuses_a_known_id(nlp):
    earlier = quote(nlp, SAME[0][0], "old")
    later = quote(nlp, SAME[0][1], "new")
    known = {"Vladimir Putin": [("stmt-0001", earlier.key)]}
    (out,) = assign_statements([later], known)
    assert out.statement_id == "stmt-0001"
    assert "stmt-0001" in [sid for sid, _ in known["Vladimir Putin"]]


def test_assign_statements_does_not_reuse_another_speakers_id(nlp):
    earlier = quote(nlp, SAME[0][0], "old")
    known = {"Sergey Lavrov": [("stmt-0002", earlier.key)]}
    (out,) = assign_statements([earlier], known)
    assert out.statement_id != "stmt-0002"


def test_quote_ids_differ_by_article_and_span(nlp):
    a = quote(nlp, SAME[0][0], "a1")
    b = quote(nlp, SAME[0][0], "a2")
    assert quote_id(a) != quote_id(b)


# ------------------------------------------------------------------ extract() end to end
ARTICLES = [
    ("art-1",
     "Russian Defence Minister Sergei Shoigu visited a tank factory in the Urals on Wednesday.\n"
     "Shoigu said that the army had received two hundred new tanks this year.",
     "2023-11-08"),
    ("art-2",
     "Chinese President Xi Jinping opened the trade fair in Shanghai on Monday.\n"
     "“Our markets will stay open to every honest partner,” he said.\n"
     "NATO did not comment.",
     "2024-10-01"),
]


def test_extract_end_to_end():
    out = extract(ARTICLES)
    assert len(out) == 2
    assert all(isinstance(x, Extraction) for x in out)
    for x, (article_id, text, _) in zip(out, ARTICLES):
        assert x.entities and x.quotes
        assert {e.article_id for e in x.entities} == {article_id}
        assert {q.article_id for q in x.quotes} == {article_id}
        for e in x.entities:
            assert all(text[m.start:m.end] == m.text for m in e.mentions)

    shoigu = [e for e in out[0].entities if e.name == "Sergei Shoigu"]
    assert len(shoigu) == 1 and shoigu[0].code == "RUSMIL"  # defence minister on the article's date
    assert [m.text for m in shoigu[0].mentions] == ["Sergei Shoigu", "Shoigu"]
    (q1,) = out[0].quotes
    assert (q1.kind, q1.speaker, q1.speaker_code) == ("indirect", "Sergei Shoigu", "RUSMIL")

    names = {e.name for e in out[1].entities}
    assert {"Xi Jinping", "NATO"} <= names
    assert not names & {"Sergei Shoigu"}
    (q2,) = out[1].quotes
    assert (q2.kind, q2.speaker) == ("direct", "Xi Jinping")
    assert q2.text == "Our markets will stay open to every honest partner"


def test_extract_of_nothing_is_nothing():
    assert extract([]) == []


def test_one_speaker_written_two_ways_in_a_story_is_one_statement():
    from newsgraph.corpus.statements import same_speakers, speaker_key

    assert speaker_key("Richard Ross Jr.") == speaker_key("Richard Ross") == "richard ross"
    assert speaker_key("Pierre-Henry Brandet") == speaker_key("Pierre Henry Brandet")
    said = {"s1": ("Ann Vell", ["ferry", "sail", "monday", "quay"]),
            "s2": ("Vell", ["ferry", "sail", "quay"]),  # her surname alone: the story's only Vell
            "s3": ("Olav Lund Jr.", ["crew", "safe", "storm"]),
            "s4": ("Olav Lund", ["crew", "safe", "storm", "night"]),
            "s5": ("Olav Lund", ["budget", "harbour", "council"]),  # another statement of his
            "s6": ("Petra Vell", ["tickets", "price"])}
    assert same_speakers(said) == {"s4": "s3"}  # two Vells in the story: "Vell" alone is neither
    del said["s6"]
    assert same_speakers(said) == {"s2": "s1", "s4": "s3"}


def test_a_given_name_written_short_is_one_speaker():
    from newsgraph.corpus.statements import same_name, same_speakers

    assert same_name("mike edmonson", "michael edmonson")
    assert same_name("bill nelson", "will nelson")  # two short forms of William
    assert same_name("chris hale", "christine hale") and same_name("chris hale", "christopher hale")
    assert not same_name("christine hale", "christopher hale")
    assert not same_name("mike edmonson", "mike edmunds")
    assert not same_name("michael edmonson", "michael j edmonson")
    said = {"s1": ("Michael Edmonson", ["troopers", "patrol", "bridge"]),
            "s2": ("Mike Edmonson", ["troopers", "patrol", "bridge", "night"]),
            "s3": ("Edmonson", ["troopers", "bridge", "patrol"]),  # the story's one Edmonson, written two ways
            "s4": ("Mike Edmonson", ["budget", "harbour", "council"])}  # another statement of his
    assert same_speakers(said) == {"s2": "s1", "s3": "s1"}
    said["s5"] = ("Chris Hale", ["ferry", "quay"])
    said["s6"] = ("Christine Hale", ["ferry", "quay", "sail"])
    said["s7"] = ("Christopher Hale", ["crew", "storm"])
    said["s8"] = ("Hale", ["ferry", "quay", "sail", "monday"])  # Christine or Christopher: neither
    assert "s8" not in same_speakers(said)
