"""Line-level page-furniture detection for plain text.

Every decision comes from features that generalise across sites: line length, sentence
punctuation, stop-word density, URLs, capitalisation, position in the page, lines repeated
in the page or across one outlet's pages, and generic multilingual furniture cues kept in
`data/furniture_cues.tsv`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from ..data import data_lines, word_set
from ..ingest.meta import BY_WORDS

BODY, HEADLINE, META, FURNITURE = "body", "headline", "meta", "furniture"
_END_TRIGGERS = {"navigation", "share", "subscribe", "summary_widget", "donation", "copyright",
                 "reference", "repeated_in_outlet"}
_TERMINAL = tuple('.!?:;"”’»)…')
_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_REFERENCE = re.compile(r"^\s*(\[\d+\]|\d+\.\s.*https?://|\^)", re.I)
_ACCESSED = re.compile(r"\b(accessed|retrieved|date accession|archived)\b", re.I)
_BYLINE = re.compile(rf"^(date|published|updated|posted|author|written by|dateline|{'|'.join(BY_WORDS)})"
                     r"\b\s*[:|]?\s*\S", re.I)
_DATE_LIKE = re.compile(r"\b(\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{2}-\d{2}|"
                        r"\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|"
                        r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})\b",
                        re.I)
_READER = re.compile(r"\b(you|your|our|us|here|now|today|this (article|story|post|page)|newsletter|free)\b",
                     re.I)
_BULLET = re.compile(r"^\s*[•·*\-–—]\s+")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class LineLabel:
    """The class of one raw line: body, headline, meta (byline) or furniture, with a reason."""

    index: int  # 0-based line number
    start: int  # raw offsets of the line without surrounding whitespace
    end: int
    text: str
    label: str = BODY
    reason: str = ""


@cache
def _cues() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    out = []
    for line in data_lines("furniture_cues.tsv"):
        reason, scope, pattern = line.split("\t")
        out.append((reason, scope, re.compile(pattern, re.I)))
    return tuple(out)


@lru_cache(maxsize=4096)
def norm_line(text: str) -> str:
    """Comparable form of a line: NFKC, casefolded, words only."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _stopword_ratio(words: list[str]) -> float:
    stops = word_set("stopwords_en.txt")
    return sum(w.casefold() in stops for w in words) / len(words) if words else 0.0


def _is_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def title_case_ratio(words: list[str]) -> float:
    content = [w for w in words if w.casefold() not in word_set("stopwords_en.txt")]
    return sum(w[:1].isupper() or w[:1].isdigit() for w in content) / len(content) if content else 0.0


PROSE_BEFORE_CUE = 40  # words before a copyright notice that make the line a paragraph ending with
READ_MORE_PROSE = 12  # words before 'read more here' that make the line a paragraph ending with a link
NOTICE_WORDS = 25  # a notice this short (a feed's one-line body: "… the new acting president.Copyright(c)
# 2024 RTTNews.com"): kept as body


def _cue_reason(text: str, n_words: int, edge: bool) -> str:
    # a short sentence of prose ("Share prices fell.") is not a button unless it speaks to the reader
    prose = n_words >= 4 and text.rstrip().endswith((".", "!", "?")) and not _READER.search(text)
    for reason, scope, pattern in _cues():
        if (scope == "short" and (n_words > 8 or prose)) or (scope == "edge" and not edge):
            continue
        if scope == "start":
            if pattern.match(text):
                return reason
        elif found := pattern.search(text):
            before = len(_words(text[:found.start()]))
            if (reason == "copyright" and before >= PROSE_BEFORE_CUE
                    and len(_words(text[found.start():])) <= NOTICE_WORDS):
                continue  # a paragraph that ends with a short notice stays body (the notice with it)
            if reason == "read_more" and before >= READ_MORE_PROSE:
                continue  # a paragraph that ends with a link ('... Read more here:') stays body
            return reason
    return ""


def _language_switcher(words: list[str], text: str) -> bool:
    names = word_set("language_names.txt")
    hits = sum(w.casefold() in names for w in words)
    return len(words) <= 12 and (hits >= 2 or (hits >= 1 and "available in" in text.casefold()))


def _line_reason(text: str, english: bool, edge: bool) -> str:
    """The furniture reason a line has on its own, or '' for none."""
    words = _words(text)
    n = len(words)
    if not words:
        return "no_words"
    if _REFERENCE.match(text) or (_URL.search(text) and (_ACCESSED.search(text) or n <= 12)):
        return "reference"
    if _language_switcher(words, text):
        return "language_switcher"
    reason = _cue_reason(text, n, edge)
    if reason:
        return reason
    if n <= 2 and not _is_sentence(text):
        return "short_fragment"
    if english and n >= 6 and not _is_sentence(text) and _stopword_ratio(words) < 0.08:
        return "keyword_list"
    return ""


def split_lines(raw: str) -> list[LineLabel]:
    """Non-empty lines of `raw` with their stripped offsets."""
    out, pos = [], 0
    for i, line in enumerate(raw.split("\n")):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            out.append(LineLabel(i, start, start + len(stripped), stripped))
        pos += len(line) + 1
    return out


def classify_lines(raw: str, title: str | None = None,
                   outlet_repeats: frozenset[str] = frozenset()) -> list[LineLabel]:
    """Label every non-empty line of `raw`. `outlet_repeats` holds norm_line() forms of lines
    seen on several pages of the same outlet."""
    lines = split_lines(raw)
    english = _stopword_ratio(_words(raw[:20_000])) >= 0.2
    n = len(lines)
    lines = [_label_alone(ln, english, k < n * 0.2 or k >= n * 0.6) for k, ln in enumerate(lines)]
    lines = _mark_repeats(lines, outlet_repeats)
    lines = _mark_neighbours(lines)
    lines = _mark_headline(lines, title)
    lines = _mark_summary_duplicates(lines)
    return _mark_end_zone(lines)


def furniture_line(text: str) -> bool:
    """Whether a line standing alone reads as page furniture or a byline, not as text."""
    return _label_alone(LineLabel(0, 0, len(text), text), False, True).label != BODY


def _label_alone(ln: LineLabel, english: bool, edge: bool) -> LineLabel:
    n = len(_words(ln.text))
    if _REFERENCE.match(ln.text):
        return replace(ln, label=FURNITURE, reason="reference")
    if n <= 15 and ((_BYLINE.match(ln.text) and re.search(r"\d|:", ln.text))
                    or (not _is_sentence(ln.text) and _DATE_LIKE.search(ln.text))):
        return replace(ln, label=META, reason="byline")
    reason = _line_reason(ln.text, english, edge)
    return replace(ln, label=FURNITURE, reason=reason) if reason else ln


def _mark_repeats(lines: list[LineLabel], outlet_repeats: frozenset[str]) -> list[LineLabel]:
    counts: dict[str, int] = {}
    for ln in lines:
        counts[norm_line(ln.text)] = counts.get(norm_line(ln.text), 0) + 1
    n = len(lines)
    out = []
    for k, ln in enumerate(lines):
        key = norm_line(ln.text)
        nw = len(key.split())
        edge = k < n * 0.25 or k >= n * 0.75
        if ln.label == BODY and counts[key] > 1 and nw < 8:
            ln = replace(ln, label=FURNITURE, reason="repeated_in_page")
        elif ln.label == BODY and key in outlet_repeats and (nw <= 12 or edge):
            ln = replace(ln, label=FURNITURE, reason="repeated_in_outlet")
        out.append(ln)
    return out


def _title_like(ln: LineLabel) -> bool:
    words = _words(ln.text)
    return 3 <= len(words) <= 30 and (not _is_sentence(ln.text) or title_case_ratio(words) >= 0.75)


def _is_prose(ln: LineLabel) -> bool:
    words = _words(ln.text)
    return (ln.label == BODY and _is_sentence(ln.text) and len(words) >= 12
            and title_case_ratio(words) < 0.75)


def _mark_headline(lines: list[LineLabel], title: str | None) -> list[LineLabel]:
    """The printed headline: the known title, or the last title-like line before the first
    paragraph of prose; title-like lines above it are the site's masthead."""
    head = lines[:8]
    if title:
        want = norm_line(title)
        k = next((k for k, ln in enumerate(head) if ln.label == BODY and norm_line(ln.text) == want), None)
    else:
        first_prose = next((k for k, ln in enumerate(head) if _is_prose(ln)), len(head))
        cands = [k for k in range(first_prose) if lines[k].label == BODY and _title_like(lines[k])
                 and not _shouting(lines[k].text)]
        k = cands[-1] if cands and cands[-1] + 1 < len(lines) else None
    if k is None:
        return lines
    out = list(lines)
    out[k] = replace(lines[k], label=HEADLINE, reason="headline")
    for j in range(k):
        if out[j].label == BODY and not _is_sentence(out[j].text):
            out[j] = replace(out[j], label=FURNITURE, reason="masthead")
    return out


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _mark_summary_duplicates(lines: list[LineLabel]) -> list[LineLabel]:
    """Standfirst bullets and summary boxes near the top that repeat a later body line."""
    out = list(lines)
    cutoff = max(1, len(lines) // 3)
    for k, ln in enumerate(lines[:cutoff]):
        if ln.label != BODY:
            continue
        key = norm_line(ln.text)
        if len(key.split()) >= 5 and any(key in norm_line(x.text) for x in lines[k + 1:]
                                         if x.label == BODY and len(x.text) > len(ln.text)):
            out[k] = replace(ln, label=META, reason="summary_duplicate")
    return out


TEASER_WORDS = 30  # a longer unfinished line beside navigation is a cut-off body ("… blew…Read More")


def _mark_neighbours(lines: list[LineLabel]) -> list[LineLabel]:
    """Teaser headlines beside navigation, and bullets under a summary widget."""
    out = list(lines)
    for k, ln in enumerate(lines):
        if ln.label != BODY:
            continue
        prev_r = lines[k - 1].reason if k else ""
        next_r = lines[k + 1].reason if k + 1 < len(lines) else ""
        if "navigation" in (prev_r, next_r) and not _is_sentence(ln.text) and len(_words(ln.text)) <= TEASER_WORDS:
            out[k] = replace(ln, label=FURNITURE, reason="teaser")
        elif prev_r == "summary_widget" and _BULLET.match(ln.text):
            out[k] = replace(ln, label=FURNITURE, reason="summary_widget")
    for k in range(1, len(out)):
        if out[k].label == BODY and out[k - 1].reason == "summary_widget" and _BULLET.match(out[k].text):
            out[k] = replace(out[k], label=FURNITURE, reason="summary_widget")
    return out


def _mark_end_zone(lines: list[LineLabel]) -> list[LineLabel]:
    """After the first end-of-article marker in the second half of the page, drop teasers,
    name lines and author bios; sentences of prose stay."""
    half = len(lines) // 2
    start = next((k for k in range(half, len(lines)) if lines[k].reason in _END_TRIGGERS), None)
    if start is None:
        return lines
    out = list(lines)
    names: list[list[str]] = []
    for k in range(start + 1, len(lines)):
        ln = out[k]
        words = [w.casefold() for w in _words(ln.text)]
        if ln.label != BODY:
            if len(words) <= 6:
                names.append(words)
            continue
        if not _is_sentence(ln.text) or len(words) <= 3:
            out[k] = replace(ln, label=FURNITURE, reason="end_furniture")
            names.append(words)
        elif any(len(nm) >= 2 and words[:len(nm)][:2] == nm[:2] for nm in names):
            out[k] = replace(ln, label=FURNITURE, reason="author_bio")
    return out
