"""Predicate–argument frames (newsgraph.frames) on hand-built parses of invented sentences."""
from __future__ import annotations

import duckdb
import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.actors.resolve import ArticleActors
from newsgraph.frames import frame_of_row, render, sentence_frame
from newsgraph.records import Frame
from newsgraph.store.store import Store

VOCAB = spacy.blank("en").vocab  # with the lexical attributes (lower_) a bare Vocab lacks


def parse(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """A Doc from (word, head index, dependency, POS, lemma, entity IOB tag) rows."""
    words, heads, deps, pos, lemmas, ents = zip(*rows)
    return Doc(VOCAB, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos),
               lemmas=list(lemmas), ents=list(ents))


def frame_of(rows, names: dict[int, str] | None = None, dates=()) -> Frame | None:
    doc = parse(rows)
    return sentence_frame(next(iter(doc.sents)), ArticleActors(tokens=names or {}), dates)


SIGNED = [("Ruritania", 3, "nsubj", "PROPN", "Ruritania", "B-GPE"), ("and", 0, "cc", "CCONJ", "and", "O"),
          ("Freedonia", 0, "conj", "PROPN", "Freedonia", "B-GPE"), ("signed", 3, "ROOT", "VERB", "sign", "O"),
          ("a", 6, "det", "DET", "a", "O"), ("fishing", 6, "compound", "NOUN", "fishing", "O"),
          ("pact", 3, "dobj", "NOUN", "pact", "O"), ("on", 6, "prep", "ADP", "on", "O"),
          ("krill", 7, "pobj", "NOUN", "krill", "O"), ("in", 3, "prep", "ADP", "in", "O"),
          ("Zenda", 9, "pobj", "PROPN", "Zenda", "B-GPE"), ("on", 3, "prep", "ADP", "on", "O"),
          ("Friday", 11, "pobj", "PROPN", "Friday", "B-DATE"), (".", 3, "punct", "PUNCT", ".", "O")]


def test_active_clause_names_actors_and_keeps_place_and_date():
    frame = frame_of(SIGNED, {0: "Republic of Ruritania", 2: "Freedonia"}, [("on Friday", "2031-05-02")])
    assert render(frame) == "Republic of Ruritania; Freedonia — sign — fishing pact on krill (Zenda, 2031-05-02)"


def test_date_words_stay_when_no_event_dated_them():
    assert frame_of(SIGNED).time == "Friday"


def test_passive_with_agent_turns_active_and_keeps_negation():
    frame = frame_of([("The", 1, "det", "DET", "the", "O"), ("treaty", 4, "nsubjpass", "NOUN", "treaty", "O"),
                      ("was", 4, "auxpass", "AUX", "be", "O"), ("not", 4, "neg", "PART", "not", "O"),
                      ("ratified", 4, "ROOT", "VERB", "ratify", "O"), ("by", 4, "agent", "ADP", "by", "O"),
                      ("parliament", 5, "pobj", "NOUN", "parliament", "O"), (".", 4, "punct", "PUNCT", ".", "O")])
    assert render(frame) == "parliament — not ratify — treaty"


def test_passive_without_agent_keeps_the_patient_as_subject():
    frame = frame_of([("No", 1, "det", "DET", "no", "O"), ("ships", 3, "nsubjpass", "NOUN", "ship", "O"),
                      ("were", 3, "auxpass", "AUX", "be", "O"), ("seized", 3, "ROOT", "VERB", "seize", "O"),
                      (".", 3, "punct", "PUNCT", ".", "O")])
    assert render(frame) == "no ships — be seized"


def test_reported_clause_is_framed_with_its_speaker_as_source():
    frame = frame_of([("The", 1, "det", "DET", "the", "O"), ("minister", 2, "nsubj", "NOUN", "minister", "O"),
                      ("said", 2, "ROOT", "VERB", "say", "O"), ("the", 4, "det", "DET", "the", "O"),
                      ("port", 6, "nsubj", "NOUN", "port", "O"), ("had", 6, "aux", "AUX", "have", "O"),
                      ("reopened", 2, "ccomp", "VERB", "reopen", "O"), (".", 2, "punct", "PUNCT", ".", "O")],
                     {1: "Jane Roe"})
    assert render(frame) == "port — reopen (said by Jane Roe)"


def test_according_to_names_the_source():
    frame = frame_of([("According", 5, "prep", "VERB", "accord", "O"), ("to", 0, "prep", "ADP", "to", "O"),
                      ("police", 1, "pobj", "NOUN", "police", "O"), (",", 5, "punct", "PUNCT", ",", "O"),
                      ("protesters", 5, "nsubj", "NOUN", "protester", "O"),
                      ("blocked", 5, "ROOT", "VERB", "block", "O"), ("roads", 5, "dobj", "NOUN", "road", "O"),
                      (".", 5, "punct", "PUNCT", ".", "O")])
    assert render(frame) == "protesters — block — roads (said by police)"


def test_particle_copula_and_prepositional_object():
    gave_up = frame_of([("Officials", 1, "nsubj", "NOUN", "official", "O"), ("gave", 1, "ROOT", "VERB", "give", "O"),
                        ("up", 1, "prt", "ADP", "up", "O"), ("their", 4, "poss", "PRON", "their", "O"),
                        ("plan", 1, "dobj", "NOUN", "plan", "O"), (".", 1, "punct", "PUNCT", ".", "O")])
    assert render(gave_up) == "officials — give up — plan"
    calm = frame_of([("The", 1, "det", "DET", "the", "O"), ("march", 2, "nsubj", "NOUN", "march", "O"),
                     ("was", 2, "ROOT", "AUX", "be", "O"), ("calm", 2, "acomp", "ADJ", "calm", "O"),
                     (".", 2, "punct", "PUNCT", ".", "O")])
    assert render(calm) == "march — be — calm"
    meet = frame_of([("Envoys", 1, "nsubj", "NOUN", "envoy", "O"), ("met", 1, "ROOT", "VERB", "meet", "O"),
                     ("in", 1, "prep", "ADP", "in", "O"), ("Zenda", 2, "pobj", "PROPN", "Zenda", "B-GPE"),
                     (".", 1, "punct", "PUNCT", ".", "O")])
    assert (meet.object, meet.place) == ("in Zenda", None)


def test_a_sentence_without_a_verb_has_no_frame():
    assert frame_of([("The", 2, "det", "DET", "the", "O"), ("research", 2, "compound", "NOUN", "research", "O"),
                     ("fund", 2, "ROOT", "NOUN", "fund", "O"), (".", 2, "punct", "PUNCT", ".", "O")]) is None


def test_frames_are_stored_with_sentences_and_null_without(tmp_path):
    frame = Frame("Freedonia", "sign", "pact", place="Zenda", time="2031-05-02")
    path = str(tmp_path / "f.duckdb")
    with Store(path) as store:
        store.write_batch([], [], sentences={"a1": [(0, 10, frame), (11, 20, None)], "a2": [(0, 5)]})
    con = duckdb.connect(path, read_only=True)
    rows = con.execute("SELECT article_id, idx, frame FROM sentences ORDER BY article_id, idx").fetchall()
    assert [r[2] is None for r in rows] == [False, True, True]
    assert frame_of_row(rows[0][2]) == frame
    assert rows[0][2]["key"] is None  # migration 010's field, no longer written
    assert frame_of_row({**rows[0][2], "key": ["freedonia", "sign", "pact"]}) == frame  # stored before


@pytest.mark.parametrize("frame, text", [
    (Frame("fleet", "accept", "cut", source="Jane Roe"), "fleet — accept — cut (said by Jane Roe)"),
    (Frame(None, "be seized", None, time="May 2031"), "be seized (May 2031)"),
])
def test_render(frame, text):
    assert render(frame) == text


def test_never_hardly_and_no_longer_stay_in_the_predicate():
    never = frame_of([("Zenda", 2, "nsubj", "PROPN", "Zenda", "B-GPE"), ("never", 2, "neg", "ADV", "never", "O"),
                      ("signed", 2, "ROOT", "VERB", "sign", "O"), ("the", 4, "det", "DET", "the", "O"),
                      ("pact", 2, "dobj", "NOUN", "pact", "O"), (".", 2, "punct", "PUNCT", ".", "O")])
    assert render(never) == "Zenda — never sign — pact"
    hardly = frame_of([("Talks", 2, "nsubj", "NOUN", "talk", "O"), ("hardly", 2, "advmod", "ADV", "hardly", "O"),
                       ("helped", 2, "ROOT", "VERB", "help", "O"), ("fishermen", 2, "dobj", "NOUN", "fisherman", "O"),
                       (".", 2, "punct", "PUNCT", ".", "O")])
    assert render(hardly) == "talks — hardly help — fishermen"
    longer = frame_of([("Zenda", 3, "nsubj", "PROPN", "Zenda", "B-GPE"), ("no", 2, "neg", "ADV", "no", "O"),
                       ("longer", 3, "advmod", "ADV", "long", "O"), ("recognises", 3, "ROOT", "VERB", "recognise", "O"),
                       ("courts", 3, "dobj", "NOUN", "court", "O"), (".", 3, "punct", "PUNCT", ".", "O")])
    assert render(longer) == "Zenda — no longer recognise — courts"
    less = frame_of([("The", 1, "det", "DET", "the", "O"), ("envoy", 2, "nsubj", "NOUN", "envoy", "O"),
                     ("was", 2, "ROOT", "AUX", "be", "O"), ("less", 4, "advmod", "ADV", "less", "O"),
                     ("diplomatic", 2, "acomp", "ADJ", "diplomatic", "O"), (".", 2, "punct", "PUNCT", ".", "O")])
    assert render(less) == "envoy — be — less diplomatic"


def test_a_sentence_in_another_language_has_no_frame():
    german = frame_of([("Die", 1, "det", "DET", "die", "O"), ("Regierung", 3, "nsubj", "NOUN", "Regierung", "O"),
                       ("hat", 3, "aux", "AUX", "hat", "O"), ("beschlossen", 3, "ROOT", "VERB", "beschlossen", "O"),
                       ("am", 3, "prep", "ADP", "am", "O"), ("dienstag", 4, "pobj", "NOUN", "dienstag", "O"),
                       ("neue", 7, "amod", "ADJ", "neue", "O"), ("sanktionen", 3, "dobj", "NOUN", "sanktion", "O"),
                       ("gegen", 7, "prep", "ADP", "gegen", "O"), ("Zenda", 8, "pobj", "PROPN", "Zenda", "B-GPE"),
                       (".", 3, "punct", "PUNCT", ".", "O")])
    assert german is None
    chinese = frame_of([("中国", 1, "nsubj", "PROPN", "中国", "O"), ("签署", 1, "ROOT", "VERB", "签署", "O"),
                        ("协议", 1, "dobj", "NOUN", "协议", "O"), ("。", 1, "punct", "PUNCT", "。", "O")])
    assert chinese is None
    english = frame_of([("Officials", 1, "nsubj", "NOUN", "official", "O"), ("signed", 1, "ROOT", "VERB", "sign", "O"),
                        ("the", 4, "det", "DET", "the", "O"), ("new", 4, "amod", "ADJ", "new", "O"),
                        ("agreement", 1, "dobj", "NOUN", "agreement", "O"), ("with", 1, "prep", "ADP", "with", "O"),
                        ("their", 7, "poss", "PRON", "their", "O"), ("neighbours", 5, "pobj", "NOUN", "neighbour", "O"),
                        (".", 1, "punct", "PUNCT", ".", "O")])
    assert render(english) == "officials — sign — new agreement"


def test_a_failing_frame_loses_only_that_sentence_frame(monkeypatch):
    import newsgraph.extract as extraction

    real = extraction.sentence_frame

    def odd(sent, *args):
        if "harbour" in sent.text:
            raise IndexError("invented failure")
        return real(sent, *args)

    monkeypatch.setattr(extraction, "sentence_frame", odd)
    text = "Chile signed the fishing accord in Oslo on Tuesday. Norway closed the harbour."
    [x] = extraction.extract([("a1", text, "2025-11-11")])
    assert x.error is None and x.entities
    assert [f is None for _, _, f in x.sentences] == [False, True]


def test_an_article_in_another_language_has_no_frames():
    from newsgraph.extract import extract

    text = ("Die Opposition forderte am Dienstag eine neue Debatte. Im Bundestag sprach die Ministerin über die "
            "Folgen für die Wirtschaft.")
    [x] = extract([("de1", text, "2025-11-11")])
    assert x.error is None and x.sentences and all(f is None for _, _, f in x.sentences)
