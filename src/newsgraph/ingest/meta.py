"""Metadata from plain text: byline and dateline lines, publishers named in the page."""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import dateparser

# "By" in English, Spanish and Portuguese, German, French and Dutch
BY_WORDS = ("by", "por", "von", "par", "door")
_AUTHOR_KEYS = ("author", "written by", *BY_WORDS)
_KEYS = re.compile(rf"\b(date|published|updated|posted|{'|'.join(_AUTHOR_KEYS)})\s*[:|]?\s+", re.I)
_NAME = r"[A-Z][\w&.'’-]*(?:\s+(?:of\s+|for\s+|the\s+|and\s+|&\s+)?[A-Z][\w&.'’-]*){0,5}"
_PUBLISHER = [
    re.compile(rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*,?\s*)?"
               rf"(?:by\s+)?(?:the\s+)?(?P<name>{_NAME})", re.I),
    re.compile(rf"\b(?:published|prepared|produced|written)\s+by\s+(?:the\s+)?(?P<name>{_NAME})"),
    re.compile(rf"\b(?:Assistant|Fellow|Researcher|Analyst|Editor|Correspondent|Reporter|Writer|Journalist|Director|Expert|Associate|Columnist|Contributor)\s+(?:at|with|for)\s+(?:the\s+)?(?P<name>{_NAME})"),
]
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,},?\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)"
                       r"\s+\((?P<outlet>[^)]{2,40})\)\s*[-–—]")
_DOTTED = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")
_SUFFIX = re.compile(r"\s+(Foundation|Inc\.?|Ltd\.?|LLC|GmbH|S\.A\.|Team|Group|Corp\.?|Co\.)$")
# absolute dates only: "3 days ago" in a byline would change with the day of the run
_DATE_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"],
                  "RETURN_AS_TIMEZONE_AWARE": False,
                  "PARSERS": ["timestamp", "custom-formats", "absolute-time"]}


# bylines name the month in the page's language: "12 de noviembre de 2025", "3. März 2024"
DATE_LANGUAGES = ["en", "es", "de", "fr", "pt", "it", "nl"]


def parse_date(text: str) -> str | None:
    """An ISO date (YYYY-MM-DD) from a full date expression, else None."""
    text = text.strip(" |,;-")
    if not text or len(text) > 60 or not any(ch.isdigit() for ch in text):  # a full date has a year
        return None
    settings = dict(_DATE_SETTINGS)
    if _DOTTED.fullmatch(text):
        settings["DATE_ORDER"] = "DMY"  # 12.11.2025 is European day-first notation
    found = dateparser.parse(text, languages=DATE_LANGUAGES, settings=settings)
    return found.date().isoformat() if found else None


def parse_byline(line: str) -> dict[str, str]:
    """'Date: 15 November 2023 Author: Jane Doe', 'By Jane Doe | 12 Nov 2025', '12.11.2025 | Desk'."""
    out: dict[str, str] = {}
    for seg in re.split(r"\s+[|•·]\s+|\s{3,}", line):
        parts = list(_KEYS.finditer(seg))
        if not parts and (date := parse_date(seg)):
            out.setdefault("published", date)
        for k, m in enumerate(parts):
            value = seg[m.end(): parts[k + 1].start() if k + 1 < len(parts) else len(seg)]
            value = value.strip(" ,;-–—")
            if m.group(1).lower() in _AUTHOR_KEYS:
                name = re.split(r"\s*[,;]\s*", value)[0].strip()
                if name and len(name.split()) <= 6:
                    out.setdefault("author", name)
            elif (date := parse_date(value)):
                out.setdefault("published", date)
    return out


def parse_dateline(line: str) -> dict[str, str]:
    """'OSLO, Nov 12, 2025 (Andes Wire) -' style wire datelines."""
    m = _DATELINE.match(line)
    if not m:
        return {}
    out = {"outlet": m.group("outlet").strip()}
    if (date := parse_date(m.group("date"))):
        out["published"] = date
    return out


def clean_name(name: str) -> str:
    name = re.split(r"\.\s", name)[0].strip(" .,;:")
    while (m := _SUFFIX.search(name)):
        name = name[: m.start()]
    return name.strip(" .,;:")


def publisher_in_text(lines: list[str]) -> str | None:
    """The publisher most often named by copyright, 'published by' or affiliation phrases."""
    votes: Counter[str] = Counter()
    for line in lines:
        for weight, pattern in zip((3, 2, 1), _PUBLISHER):
            for m in pattern.finditer(line):
                name = clean_name(m.group("name"))
                if 2 <= len(name) <= 60 and not name.lower().startswith(("all ", "the ")):
                    votes[name] += weight
    return votes.most_common(1)[0][0] if votes else None


def outlet_from_url(url: str | None) -> str | None:
    """The site of a URL: its host without 'www.'."""
    if not url or "://" not in url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None
