"""Line-level page-furniture removal: what goes (with a reason) and what stays."""
from __future__ import annotations

import pytest

from newsgraph.clean.boilerplate import BODY, FURNITURE, HEADLINE, META, classify_lines, norm_line

HEADLINE_TEXT = "Tidal Barrier Funding Approved After Long Council Debate"
BODY_LINES = [
    ("The town council voted late on Tuesday to release funds for a new tidal barrier along the "
     "eastern quay, ending a dispute that had run for most of the winter."),
    ("Residents of the low-lying streets near the fish market had petitioned for the works after "
     "three floods in as many years damaged homes and shops."),
    ("The barrier will be built in two phases, with the first stretch due to open before the "
     "autumn storms."),
    "Ministers pledged to support the fishing fleet and share survey data with neighbours.",
    "The engineer in charge of the project, Ada Morrow, described the design as follows:",
    ("Each gate will rise only when the surge gauge passes its mark, and will sink again as the "
     "water falls, so boats can pass freely at every other hour"),
    "Nobody expects the works to be quiet.",
]
BIO = ("Miriam Castellane is a reporter at the Harbour Chronicle covering coastal towns and their "
       "councils.")
# (line, expected reason) for every line of furniture on the page below.
FURNITURE_LINES = [
    ("The Harbour Chronicle", "masthead"),
    ("Local News Since 1921", "masthead"),
    ("English Deutsch Español", "language_switcher"),
    ("Date: 3 March 2024 Author: Miriam Castellane", "byline"),
    ("Share", "share"),
    ("Tweet", "share"),
    ("Workers inspect the old sea wall in this photo taken on February 20, 2024.", "caption"),
    ("PHOTO: GULLWING IMAGES/Tomas Reyner", "credit"),
    ("Previous Article", "navigation"),
    ("Fishing Boats Return Early As Gales Sweep The Coast", "teaser"),
    ("Please support independent local journalism with a donation today.", "donation"),
    ("With your support, the Chronicle brings trusted reporting to every coastal town.", "donation"),
    ("© 2024 Harbour Chronicle. All rights reserved.", "copyright"),
    ("Miriam Castellane", None),  # the author's name line: removed, any reason
    (BIO, "author_bio"),
]


KEEPERS = [
    "Lighthouse Keepers Return To Remote Northern Island",
    ("The coastguard announced on Thursday that keepers will once again live on Varrick Isle, a rocky "
     "outcrop that has had no permanent residents for thirty years."),
    ("Officials said the automated lamp failed twice during last winter's storms, leaving fishing "
     "boats without a guiding light for several nights."),
    "The first two keepers, both former sailors, will arrive at the start of June.",
]


def lines_of(lines: list[str]) -> str:
    return "\n".join(lines)


def page() -> str:
    f = [line for line, _ in FURNITURE_LINES]
    lines = (f[0:3] + [HEADLINE_TEXT] + f[3:6] + BODY_LINES[:2] + f[6:8] + BODY_LINES[2:]
             + f[8:])
    return "\n\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def labels():
    return {ln.text: ln for ln in classify_lines(page())}


def test_every_line_is_labelled_once(labels):
    assert len(labels) == len(FURNITURE_LINES) + len(BODY_LINES) + 1


@pytest.mark.parametrize("line,reason", FURNITURE_LINES, ids=[r or "name" for _, r in FURNITURE_LINES])
def test_furniture_is_removed_with_its_reason(labels, line, reason):
    label = labels[line]
    assert label.label != BODY
    assert label.reason
    if reason:
        assert label.reason == reason


def test_byline_is_meta_not_furniture(labels):
    assert labels["Date: 3 March 2024 Author: Miriam Castellane"].label == META


def test_headline_is_found(labels):
    assert labels[HEADLINE_TEXT].label == HEADLINE
    assert labels[HEADLINE_TEXT].reason == "headline"
    assert sum(ln.label == HEADLINE for ln in labels.values()) == 1


@pytest.mark.parametrize("line", BODY_LINES, ids=[f"body{k}" for k in range(len(BODY_LINES))])
def test_body_paragraphs_are_kept(labels, line):
    assert labels[line].label == BODY
    assert labels[line].reason == ""


def test_offsets_point_at_the_line_in_the_raw_text():
    raw = page()
    for ln in classify_lines(raw):
        assert raw[ln.start:ln.end] == ln.text
        assert raw.split("\n")[ln.index].strip() == ln.text


def test_known_title_picks_the_headline_over_the_layout_guess():
    raw = lines_of(["Ferry Returns To The Outer Islands",
                    "Winter timetable starts on the first of December", BODY_LINES[0], BODY_LINES[1]])
    guessed = classify_lines(raw)
    assert [ln.reason for ln in guessed] == ["masthead", "headline", "", ""]
    known = classify_lines(raw, title="Ferry returns to the outer islands")
    assert [ln.label for ln in known] == [HEADLINE, BODY, BODY, BODY]


def test_summary_widget_and_its_bullets_are_removed():
    raw = lines_of([
        KEEPERS[0],
        "Key points",
        "• The lighthouse on Varrick Isle will be staffed again from June",
        "• Two keepers will live on the island in shifts of six weeks",
        "• The coastguard says automated lamps failed twice last winter",
        *KEEPERS[1:],
    ])
    labels = classify_lines(raw)
    assert [ln.reason for ln in labels[1:5]] == ["summary_widget"] * 4
    assert all(ln.label == FURNITURE for ln in labels[1:5])
    assert [ln.label for ln in labels[5:]] == [BODY, BODY, BODY]


def test_short_line_repeated_within_the_page_is_removed():
    repeated = "From our coastal towns desk"
    raw = lines_of([KEEPERS[0], repeated, KEEPERS[1], repeated, KEEPERS[2], KEEPERS[3]])
    labels = classify_lines(raw)
    hits = [ln for ln in labels if ln.text == repeated]
    assert len(hits) == 2
    assert all(ln.label == FURNITURE and ln.reason == "repeated_in_page" for ln in hits)
    assert [ln.label for ln in labels if ln.text != repeated][1:] == [BODY, BODY, BODY]


def test_reference_list_is_removed():
    refs = [
        "[1] Coastguard annual review 2023, https://coastguard.example/review-2023.",
        "[2] Northern channel traffic survey, https://ports.example/survey",
    ]
    raw = lines_of([*KEEPERS[:3], "References", *refs])
    labels = {ln.text: ln for ln in classify_lines(raw)}
    for ref in refs:
        assert labels[ref].label == FURNITURE
        assert labels[ref].reason == "reference"


def test_reference_with_access_date_is_a_reference_not_a_byline():
    ref = "[1] Coastguard annual review, https://coastguard.example/review-2023, accessed 4 May 2024"
    raw = lines_of([*KEEPERS[:3], ref])
    label = next(ln for ln in classify_lines(raw) if ln.text == ref)
    assert label.reason == "reference"


SUPPORT_SHARE = "Ministers pledged to support the fishing fleet and share survey data with neighbours."


@pytest.mark.parametrize("where", [1, 3, 5])
def test_prose_mentioning_support_and_share_is_kept_anywhere(where):
    lines = [HEADLINE_TEXT] + BODY_LINES[:3] + BODY_LINES[4:]
    lines.insert(where, SUPPORT_SHARE)
    labels = {ln.text: ln for ln in classify_lines(lines_of(lines))}
    assert labels[SUPPORT_SHARE].label == BODY


@pytest.mark.parametrize("sentence", [
    "Both harbour towns will share the cost of the new gates.",
    "Support for the barrier has grown since the floods.",
    "Older residents say they support the council's decision.",
    "The mayor urged residents to sign up for flood alerts by text message.",
])
def test_ordinary_sentences_with_cue_words_are_kept(sentence):
    lines = [HEADLINE_TEXT] + BODY_LINES[:3] + [sentence] + BODY_LINES[3:]
    labels = {ln.text: ln for ln in classify_lines(lines_of(lines))}
    assert labels[sentence].label == BODY


@pytest.mark.parametrize("sentence", [
    "Share prices in the harbour company fell sharply.",
    "Voters must register by Friday.",
])
def test_short_prose_sentences_starting_with_share_or_naming_register_are_kept(sentence):
    lines = [HEADLINE_TEXT] + BODY_LINES[:3] + [sentence] + BODY_LINES[3:]
    labels = {ln.text: ln for ln in classify_lines(lines_of(lines))}
    assert labels[sentence].label == BODY, labels[sentence].reason


def test_short_final_sentence_after_end_marker_is_kept():
    lines = [HEADLINE_TEXT] + BODY_LINES[:4] + ["Share", "Talks resume in May."]
    labels = {ln.text: ln for ln in classify_lines(lines_of(lines))}
    assert labels["Share"].reason == "share"
    assert labels["Talks resume in May."].label == BODY


def test_norm_line_ignores_case_punctuation_and_compatibility_forms():
    assert norm_line("  Read MORE — ﬁsh  news! ") == "read more fish news"
    assert norm_line("© 2024") == "2024"
    assert norm_line("...") == ""


def test_a_one_line_body_ending_with_a_notice_is_kept():
    """A feed that glues a whole report into one line, notice at its end, is not furniture."""
    # Invented text, written for this test.
    body = ("ARNHOLT (Wire) - The regional assembly has voted to dismiss the acting governor, Mara Lind. "
            "Lind took over in March after her predecessor resigned over a contracts scandal.Amid noisy "
            "scenes in the chamber, 41 of the 60 members backed the motion, more than the two thirds the "
            "charter asks for.The finance commissioner, Otto Brem, will act as governor until a new vote "
            "in the spring, the speaker said.Copyright(c) 2024 Example Wire. All Rights Reserved")
    labels = classify_lines("\n" + body)
    assert [ln.label for ln in labels if ln.text.strip()] == [BODY]
    notice = classify_lines(body.replace(".Copyright", ".\nCopyright").replace("resigned over a contracts scandal.",
                                                                               "resigned over a contracts scandal.\n"))
    assert [ln.label for ln in notice] == [BODY, BODY, FURNITURE] and notice[-1].reason == "copyright"


def test_a_body_cut_off_beside_navigation_is_kept():
    # Invented text, written for this test.
    page = ("Ferry runs aground off Skerholm\n\n"
            "SKERHOLM — A passenger ferry with 212 people on board ran aground on a sandbank off Skerholm on "
            "Sunday morning, and coastguard boats took the passengers ashore in small groups over four hours. "
            "Nobody was hurt, the coastguard said, and the ship’s owners blamed…Read More\n\n"
            "Leave a Reply\n\nRelated Stories")
    labels = {ln.text[:9]: ln.label for ln in classify_lines(page, "Ferry runs aground off Skerholm")}
    assert labels["SKERHOLM "] == BODY


def test_a_long_appeal_or_disclaimer_at_the_edge_is_still_furniture():
    # Invented text, written for this test.
    body = "\n".join(["The ferry ran aground on a sandbank off Skerholm on Sunday morning, the coastguard said."] * 4)
    appeal = ("We are a small independent newsroom and we rely on our readers to keep reporting from the islands, "
              "the harbours and the fishing towns that the big papers have forgotten, every week of the year, "
              "in good weather and in bad, and we will go on doing it for as long as we can. "
              "Please consider supporting our work with a donation today.")
    labels = classify_lines(body + "\n" + appeal)
    assert labels[-1].label == FURNITURE


@pytest.mark.parametrize("line, reason", [
    ("Für 0,99 € können Sie diesen Artikel erwerben. Oder schließen Sie ein Abo ab.", "paywall"),
    ("Sie müssen sich einloggen oder registrieren, um kommentieren zu können.", "comments"),
    ("The comment sections of our site are designed for thoughtful conversation and debate.", "comments"),
    ("Um das bestmögliche Erlebnis zu haben, empfehlen wir, einen aktuellen Browser zu verwenden.", "browser"),
    ("From our morning briefing to a weekly digest, get the best stories delivered directly to your inbox.",
     "newsletter"),
    ("Keep this page refreshed for the latest updates on the vote.", "live_page"),
    ("Eine Reportage unserer Autorin vom späten Abend lesen Sie hier.", "read_more"),
    ("Lesen Sie auch: Der Streit um die Maut", "read_more"),
])
def test_paywall_comment_browser_and_newsletter_lines_are_furniture(line, reason):
    page = lines_of([HEADLINE_TEXT, BODY_LINES[0], line, BODY_LINES[1], BODY_LINES[2]])
    label = next(ln for ln in classify_lines(page) if ln.text == line)
    assert (label.label, label.reason) == (FURNITURE, reason)


@pytest.mark.parametrize("line", [
    "The committee agreed to continue reading the bill on Monday and to update its browser policy later.",
    "Public comments are closed until Friday, the agency said in a notice to residents of the quay.",
    "Das bestmögliche Erlebnis für Besucher sei das Ziel der neuen Ausstellung, sagte der Direktor.",
])
def test_a_sentence_about_reading_comments_or_browsing_stays_body(line):
    page = lines_of([HEADLINE_TEXT, BODY_LINES[0], line, BODY_LINES[1], BODY_LINES[2]])
    assert next(ln for ln in classify_lines(page) if ln.text == line).label == BODY


def test_a_paragraph_ending_with_a_read_more_link_stays_body():
    line = ("Alarmed by the storms of last winter, the council applied for national funds in May, setting "
            "aside years of local disputes to seek help for the harbour. Read more here:")
    page = lines_of([HEADLINE_TEXT, BODY_LINES[0], line, BODY_LINES[1], BODY_LINES[2]])
    assert next(ln for ln in classify_lines(page) if ln.text == line).label == BODY


@pytest.mark.parametrize("line, reason", [
    ("Follow the Harbour Chronicle on all platforms.", "social"),
    ("Follow us on Telegram for live updates", "social"),
    ('Watch our evening programme "Coast Tonight" for more on the floods.', "promo"),
    ("Harbour Chronicle News Desk", "sign_off"),
])
def test_social_promo_and_desk_sign_off_lines_at_the_end_are_furniture(line, reason):
    page = lines_of([HEADLINE_TEXT] + BODY_LINES[:3] + [line])
    label = next(ln for ln in classify_lines(page) if ln.text == line)
    assert (label.label, label.reason) == (FURNITURE, reason)


@pytest.mark.parametrize("line", [
    "Follow the money, the auditor told the council, and the gates will open themselves.",
    "Watch the tide gauge on the quay, the engineer said, and you will see the surge coming.",
    "She returned to the news desk at the Chronicle after the floods.",
])
def test_sentences_that_start_like_a_promo_stay_body(line):
    page = lines_of([HEADLINE_TEXT] + BODY_LINES[:3] + [line] + BODY_LINES[3:4])
    assert next(ln for ln in classify_lines(page) if ln.text == line).label == BODY


@pytest.mark.parametrize("line", [
    "Follow the money on Instagram, investigators said, and the trail leads to Dubai.",
    "Tune in to the national broadcast at 8 pm, the government told citizens ahead of the vote.",
    "She joined the foreign desk.",
])
def test_a_last_sentence_that_reads_like_a_promo_stays_body(line):
    page = lines_of([HEADLINE_TEXT] + BODY_LINES[:3] + [line])
    assert next(ln for ln in classify_lines(page) if ln.text == line).label == BODY


@pytest.mark.parametrize("line, reason", [
    ("Follow us on Twitter, Facebook and Instagram.", "social"),
    ("REUTERS FOREIGN DESK", "sign_off"),
])
def test_footers_with_commas_or_in_capitals_are_furniture(line, reason):
    page = lines_of([HEADLINE_TEXT] + BODY_LINES[:3] + [line])
    label = next(ln for ln in classify_lines(page) if ln.text == line)
    assert (label.label, label.reason) == (FURNITURE, reason)
