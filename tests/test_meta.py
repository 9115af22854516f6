"""Metadata from page text: bylines, dates, datelines, publishers, outlets from URLs."""
from __future__ import annotations

import pytest

from newsgraph.ingest.meta import (
    clean_name,
    outlet_from_url,
    parse_byline,
    parse_date,
    parse_dateline,
    publisher_in_text,
)


@pytest.mark.parametrize("line,expected", [
    ("Date: 3 March 2024 Author: Miriam Castellane",
     {"published": "2024-03-03", "author": "Miriam Castellane"}),
    ("By Miriam Castellane | 3 March 2024", {"author": "Miriam Castellane", "published": "2024-03-03"}),
    ("12.11.2025 | Coastal Desk", {"published": "2025-11-12"}),
    ("Published: March 3, 2024", {"published": "2024-03-03"}),
    ("Posted 2024-03-03 by Ada Morrow", {"published": "2024-03-03", "author": "Ada Morrow"}),
    ("Written by Ada Morrow, Harbour Chronicle", {"author": "Ada Morrow"}),
    ("Author: Ada Morrow; Photos: Tomas Reyner", {"author": "Ada Morrow"}),
    ("Updated: 5 March 2024   By Ada Morrow", {"published": "2024-03-05", "author": "Ada Morrow"}),
    ("By Ada Morrow • 7 June 2023", {"author": "Ada Morrow", "published": "2023-06-07"}),
])
def test_parse_byline_variants(line, expected):
    assert parse_byline(line) == expected


def test_parse_byline_without_metadata_is_empty():
    assert parse_byline("Fishing boats returned early as gales swept the coast") == {}


def test_parse_byline_ignores_overlong_author_value():
    line = "By the light of the moon the boats came home to every harbour on the coast"
    assert "author" not in parse_byline(line)


@pytest.mark.parametrize("text,iso", [
    ("12.11.2025", "2025-11-12"),  # dotted dates are day first
    ("1.2.2024", "2024-02-01"),
    ("3 March 2024", "2024-03-03"),
    ("March 3, 2024", "2024-03-03"),
    ("2024-03-03", "2024-03-03"),
    ("  | 3 March 2024 ;", "2024-03-03"),
])
def test_parse_date_full_dates(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["", "March 2024", "2024", "the harbour at dusk", "x" * 61])
def test_parse_date_refuses_partial_or_no_dates(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["2 hours ago", "today", "in 2 days"])
def test_parse_date_refuses_relative_dates(text):
    assert parse_date(text) is None


def test_parse_dateline_wire_style():
    assert parse_dateline("BERGEN, Mar 3, 2024 (Gull Wire) - The ferry returned.") == {
        "outlet": "Gull Wire", "published": "2024-03-03"}
    # without a year there is no full date, but the agency is still named
    assert parse_dateline("BERGEN, Mar 3 (Gull Wire) - The ferry returned.") == {"outlet": "Gull Wire"}
    assert parse_dateline("The ferry returned to Bergen on Monday.") == {}


@pytest.mark.parametrize("lines,publisher", [
    (["© 2025 Example Tribune. All rights reserved."], "Example Tribune"),
    (["Copyright 2019-2025 by the Harbour Chronicle Ltd. All rights reserved."], "Harbour Chronicle"),
    (["(c) 2024 Gull Media Group"], "Gull Media"),
    (["This report was published by the Coastal Research Foundation."], "Coastal Research"),
    (["Ada Morrow is a correspondent for the Harbour Chronicle.",
      "© 2025 Example Tribune. All rights reserved."], "Example Tribune"),
])
def test_publisher_in_text(lines, publisher):
    assert publisher_in_text(lines) == publisher


def test_publisher_in_text_none_when_nobody_is_named():
    assert publisher_in_text(["All rights reserved.", "Share", "Read more"]) is None


def test_clean_name_drops_company_suffixes():
    assert clean_name("Gull Media Group Ltd.") == "Gull Media"
    assert clean_name("Harbour Chronicle. All rights") == "Harbour Chronicle"


@pytest.mark.parametrize("url,outlet", [
    ("https://www.tribune.example/local/2024/ferry", "tribune.example"),
    ("http://News.Example.ORG:8080/story", "news.example.org"),
    ("https://tribune.example", "tribune.example"),
    ("tribune.example/local/ferry", None),
    ("", None),
    (None, None),
])
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


def test_bylines_in_other_languages():
    from newsgraph.ingest.meta import parse_byline, parse_date

    assert parse_byline("Por Valentina Riquelme | 12 de noviembre de 2025") == {
        "author": "Valentina Riquelme", "published": "2025-11-12"}
    assert parse_byline("Von Anna Schmidt | 3. März 2024") == {"author": "Anna Schmidt", "published": "2024-03-03"}
    assert parse_date("3. März 2024") == "2024-03-03" and parse_date("le 5 mai 2024") == "2024-05-05"
    assert parse_date("Valentina Riquelme") is None and parse_date("mayo") is None
