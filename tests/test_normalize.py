"""Unicode normalisation, mixed-script repair and the clean-to-raw offset map."""
from __future__ import annotations

import re
import unicodedata

import pytest

from newsgraph.clean.normalize import OffsetMap, build_clean_text, repair_mixed_script
from newsgraph.records import Repair

CYR_A = "\u0430"  # CYRILLIC SMALL LETTER A, looks like Latin "a"
LAT_O = "o"


def clean(raw: str):
    """Clean one block of raw text kept whole."""
    return build_clean_text(raw, [(0, len(raw), False)])


def test_decomposed_e_becomes_composed():
    raw = "The cafe\u0301 on the quay reopened."
    text, _, repairs = clean(raw)
    assert text == "The caf\u00e9 on the quay reopened."
    assert "\u0301" not in text
    assert repairs == ()  # NFC is not a script repair


@pytest.mark.parametrize("gap", ["\u00a0", "\t", "   ", " \u00a0\t ", "\u2003"])
def test_whitespace_runs_collapse_to_one_space(gap):
    text, _, _ = clean(f"Harbour{gap}gates{gap}opened.")
    assert text == "Harbour gates opened."


def test_leading_and_trailing_whitespace_dropped():
    text, _, _ = clean("   \tThe tide turned early.\u00a0  ")
    assert text == "The tide turned early."


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_invisible_characters_removed(invisible):
    text, _, _ = clean(f"The light{invisible}house keeper waved.")
    assert text == "The lighthouse keeper waved."


def test_lines_and_paragraphs_keep_their_breaks():
    raw = "First line here.\nSecond line here.\n\nNew paragraph here."
    a, b, c = (m.span() for m in re.finditer(r"[^\n]+", raw))
    text, _, _ = build_clean_text(raw, [(*a, False), (*b, False), (*c, True)])
    assert text == "First line here.\nSecond line here.\n\nNew paragraph here."


def test_latin_word_with_cyrillic_lookalike_is_repaired():
    raw = f"Minister V{CYR_A}rga spoke to the harbour board on Monday."
    text, _, repairs = clean(raw)
    assert text == "Minister Varga spoke to the harbour board on Monday."
    assert CYR_A not in text
    assert repairs == (Repair(original=f"V{CYR_A}rga", repaired="Varga", start=9, end=14),)
    assert text[repairs[0].start:repairs[0].end] == "Varga"


def test_repair_offsets_point_into_clean_text_after_collapsed_spaces():
    raw = f"The\u00a0\u00a0envoy   met  V{CYR_A}rga\tand P{CYR_A}ulsen at the quay."
    text, _, repairs = clean(raw)
    assert text == "The envoy met Varga and Paulsen at the quay."
    assert [r.repaired for r in repairs] == ["Varga", "Paulsen"]
    for r in repairs:
        assert text[r.start:r.end] == r.repaired


def test_cyrillic_word_with_latin_lookalike_in_cyrillic_sentence_is_repaired_to_cyrillic():
    # "кoллегами" is written with a Latin "o" as its second letter.
    raw = f"Министр встретился с к{LAT_O}ллегами в порту во вторник."
    text, _, repairs = clean(raw)
    assert text == "Министр встретился с коллегами в порту во вторник."
    assert len(repairs) == 1
    assert repairs[0].repaired == "коллегами"
    assert all(unicodedata.name(c).startswith("CYRILLIC") for c in repairs[0].repaired)


def test_cyrillic_name_part_beside_latin_name_is_transliterated():
    raw = "Foreign Minister Елена Varga arrived at the harbour in Oslo on Monday."
    text, _, repairs = clean(raw)
    assert text == "Foreign Minister Elena Varga arrived at the harbour in Oslo on Monday."
    assert [(r.original, r.repaired) for r in repairs] == [("Елена", "Elena")]


def test_lowercase_cyrillic_word_in_latin_sentence_is_left_alone():
    raw = "The old sign on the harbour wall still reads москва in faded paint."
    text, _, repairs = clean(raw)
    assert text == raw
    assert repairs == ()


def test_genuine_cyrillic_sentence_is_left_alone():
    raw = "Паром снова ходит между островами после ремонта двигателей."
    text, _, repairs = clean(raw)
    assert text == raw
    assert repairs == ()


def test_repair_mixed_script_word_list():
    words = ["Harbour", f"p{CYR_A}ssengers", "boarded", "early."]
    assert repair_mixed_script(words) == ["Harbour", "passengers", "boarded", "early."]
    assert repair_mixed_script(["Mост", "через", "реку"]) == ["Мост", "через", "реку"]


def _words_round_trip(raw: str) -> list[tuple[str, str]]:
    """(raw word, raw text under the mapped span of its clean word), for every word."""
    text, segments, _ = clean(raw)
    omap = OffsetMap(segments)
    clean_words = list(re.finditer(r"\S+", text))
    raw_words = raw.split()
    assert len(clean_words) == len(raw_words)
    out = []
    for m, raw_word in zip(clean_words, raw_words):
        start, end = omap.span_to_raw(m.start(), m.end())
        out.append((unicodedata.normalize("NFC", raw_word), unicodedata.normalize("NFC", raw[start:end])))
    return out


def test_offset_map_returns_each_raw_word_with_irregular_whitespace_and_repairs():
    raw = (f"  The\u00a0ferry   captain\tV{CYR_A}rga\u00a0\u00a0said\n"
           f"   the   crossing was   calm ,   and P{CYR_A}ulsen\tagreed .  ")
    pairs = _words_round_trip(raw)
    assert len(pairs) == 14
    for raw_word, mapped in pairs:
        assert mapped == raw_word


def test_offset_map_maps_positions_between_words_into_raw_gaps():
    raw = "Gulls   circled\u00a0the   boats."
    text, segments, _ = clean(raw)
    omap = OffsetMap(segments)
    assert text == "Gulls circled the boats."
    assert omap.to_raw(0) == 0
    assert raw[omap.to_raw(text.index("circled"))] == "c"
    assert raw[omap.to_raw(text.index("boats"))] == "b"
    assert omap.to_raw(len(text)) == len(raw)


def test_offset_map_returns_raw_word_when_cleaning_changes_its_length():
    raw = "The cafe\u0301 owner\u200b and the light\u00adhouse keeper met."
    for raw_word, mapped in _words_round_trip(raw):
        assert mapped == raw_word


@pytest.mark.parametrize(("raw", "text"), [
    ("The levee held.Engineers checked it at dawn.", "The levee held. Engineers checked it at dawn."),
    ("to keep the town dry again’.‘We stayed,’ she said.", "to keep the town dry again’. ‘We stayed,’ she said."),
    ("the mayor said.”We will rebuild.", "the mayor said.” We will rebuild."),
    ("Ya no hay combates.Las tropas se retiraron.", "Ya no hay combates. Las tropas se retiraron."),
    ('The levee held."The water is falling," she said.', 'The levee held. "The water is falling," she said.'),
])
def test_sentences_glued_together_are_set_apart(raw, text):
    cleaned, segments, repairs = clean(raw)
    assert cleaned == text and repairs == ()
    offsets = OffsetMap(segments)
    for word in re.finditer(r"\S+", cleaned):  # every word still maps to its own raw characters
        a, b = offsets.span_to_raw(word.start(), word.end())
        assert raw[a:b] == word.group()


@pytest.mark.parametrize("raw", ["Mr.Okafor flew to St.Petersburg.", "News.Az reported it first.",
                                 "Write to ada.Lovelace@example.org today.", "See www.Harbour.Org now."])
def test_abbreviations_addresses_and_site_names_are_not_split(raw):
    assert clean(raw)[0] == raw


WRAPPED = """The harbour board on Tuesday approved the new tidal barrier for the
eastern quay after a debate that ran for most of the winter, ending
a dispute between the fishing fleet and the town's traders.
"The barrier will not stop every flood," the engineer Ada Morrow told
the board. She said the first gates would rise before the autumn
storms, and the second stretch by Nov.
30 next year, if the money arrives on time.
The council will pay a third of the cost, the rest coming from a
national fund for coastal towns that was set up two years ago and
has so far paid for works in eleven harbours along the coast."""


def test_a_page_broken_at_a_fixed_width_is_read_as_its_sentences_run():
    from newsgraph.clean.normalize import unwrap

    joined = unwrap(WRAPPED)
    assert len(joined) == len(WRAPPED)  # a line break became a space: every offset stays
    assert "for the eastern quay after a debate" in joined
    assert "by Nov. 30 next year" in joined  # a line starting in lower case or a digit goes on
    assert 'of the winter, ending a dispute' in joined
    assert joined.count("\n") == 2  # after the sentences that end a line


@pytest.mark.parametrize("text", [
    "Paris\nLondon\nBerlin\nMadrid\nRome\nVienna\nPrague\nWarsaw\nLisbon\nDublin",  # a list of short items
    "\n".join(["The council met on Tuesday to discuss the barrier, and the debate ran for most of the evening "
               "before a vote was taken."] * 10),  # paragraphs a line each
])
def test_lists_and_paragraphs_a_line_each_are_no_wrapped_page(text):
    from newsgraph.clean.normalize import unwrap

    assert unwrap(text) == text


def test_a_hard_wrapped_article_keeps_its_sentences_whole_and_its_offsets(tmp_path):
    from newsgraph import make_article
    from newsgraph.ingest import read_path

    path = tmp_path / "wrapped.txt"
    path.write_text("Harbour Board Approves Barrier\n" + WRAPPED + "\n", encoding="utf-8")
    [doc] = list(read_path(str(path), 10_000_000))
    article = make_article(doc)
    assert "approved the new tidal barrier for the eastern quay after a debate" in article.text
    start = article.text.index("eastern quay")
    raw_start, raw_end = OffsetMap(article.segments).span_to_raw(start, start + len("eastern quay"))
    assert article.raw_text[raw_start:raw_end] == "eastern quay"


def test_a_hard_wrapped_page_with_a_date_stamp_is_joined_alike_in_its_text():
    """The date stamp a stored page begins with is blanked before lines are told apart; the text is
    joined where the blanked page is, so every line kept reads whole."""
    from newsgraph import make_article
    from newsgraph.records import RawDoc

    content = "date 2019-03-12 The harbour board decided\n" + WRAPPED + "\n"
    article = make_article(RawDoc("stamped.txt", "txt", content))
    assert article.published == "2019-03-12"
    assert "for the eastern quay after a debate that ran for most of the winter, ending a dispute" in article.text
