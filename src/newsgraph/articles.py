"""One document to one Article: extract (HTML), classify lines, normalise, gather metadata."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from urllib.parse import urlsplit

from .clean import language
from .clean.boilerplate import BODY, LineLabel, classify_lines, norm_line
from .clean.normalize import build_clean_text, unwrap
from .errors import InputRejected
from .ingest.credits import article_credits
from .ingest.html import extract_html
from .ingest.meta import (
    outlet_from_url,
    parse_byline,
    parse_date,
    parse_dateline,
    publisher_in_text,
)
from .records import Article, InputError, RawDoc, RemovedLine

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# a date stamp some stored pages and feeds begin with: "date 2017-10-01 Headline...", "Published: 2021-03-17 09:30"
_STAMP = re.compile(r"[ \t]*(?:date|published|updated|posted)(?:[ \t]*:[ \t]*|[ \t]+)(\d{4}-\d{2}(?:-\d{2})?)"
                    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)?(?=\s|$)", re.I)
_WORDS = re.compile(r"[^\W\d_]+")


def content_hash(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


def article_id(source: str, digest: str) -> str:
    """Stable id from the input's identity and its content."""
    return hashlib.sha256(f"{source}\x00{digest}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def doc_id(doc: RawDoc) -> str:
    return article_id(doc.source, content_hash(doc.content))


def make_article(doc: RawDoc, outlet_repeats: frozenset[str] = frozenset()) -> Article | InputError:
    """Build the Article of `doc`, or say why it has none."""
    try:
        return _make_article(doc, outlet_repeats)
    except InputRejected as exc:
        return InputError(doc.source, str(exc))


def _make_article(doc: RawDoc, outlet_repeats: frozenset[str]) -> Article:
    digest = content_hash(doc.content)
    meta = dict(doc.meta)
    html = None
    if doc.is_html:
        html = doc.content
        raw_text, page_meta = extract_html(doc.content, doc.url)
        meta = page_meta | meta
    else:
        raw_text = doc.content
    raw_text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    stamped, end = date_stamp(raw_text)
    if meta.get("title"):
        meta["title"] = meta["title"][date_stamp(meta["title"])[1]:].strip() or None
    # the stamp is read as the page's date and kept out of its text (blanked, so offsets stay raw ones)
    masked = "".join(c if c == "\n" else " " for c in raw_text[:end]) + raw_text[end:] if end else raw_text
    # a page broken at a fixed width is read as its sentences run (lines joined, offsets unchanged),
    # the raw text joined where the masked one is
    unwrapped = unwrap(masked)
    joined = raw_text if unwrapped is masked else "".join(
        " " if u == " " and r == "\n" else r for u, r in zip(unwrapped, raw_text))
    masked = unwrapped
    labels = classify_lines(masked, meta.get("title"), outlet_repeats)
    meta = _text_metadata(labels) | ({"published": stamped} if stamped else {}) | meta
    text, segments, repairs = build_clean_text(joined, _kept_spans(labels))
    if not _WORDS.search(text):
        removed = sum(ln.label != BODY for ln in labels)
        raise InputRejected(f"no article text left after removing {removed} lines of page furniture")
    _check_prose(text)
    flags = tuple(meta.get("flags", ())) + (("mixed_script_repaired",) if repairs else ())
    published = _iso_date(meta.get("published"))
    if not published and (published := url_date(meta.get("url") or doc.url)):
        flags += ("date_from_url",)
    flags += () if published else ("no_date",)
    outlet = meta.get("outlet") or meta.get("site_name") or outlet_from_url(meta.get("url") or doc.url)
    return Article(
        id=article_id(doc.source, digest), source=doc.source, fmt=doc.fmt, content_hash=digest,
        raw_text=raw_text, text=text, path=doc.path, url=meta.get("url") or doc.url, outlet=outlet,
        title=meta.get("title"), author=meta.get("author"), published=published,
        language=meta.get("language") or language.guess(text), site_name=meta.get("site_name"),
        html=html, removed=_removed(labels), repairs=repairs, segments=segments, flags=flags,
        credits=article_credits(raw_text, meta.get("url") or doc.url, outlet,
                                max((s.raw_start + s.raw_len for s in segments), default=None)))


def date_stamp(text: str) -> tuple[str | None, int]:
    """A date stamp the text begins with (`_STAMP`): the date it gives (None when it gives only a
    month, or none) and where the stamp ends (0: no stamp)."""
    m = _STAMP.match(text, len(text) - len(text.lstrip()))
    if not m:
        return None, 0
    return _iso_date(m.group(1)) if len(m.group(1)) == 10 else None, m.end()


def _check_prose(text: str) -> None:
    """Refuse text with no word boundaries (an encoded blob, not an article)."""
    tokens = len(text.split())
    if len(text) > 2000 and len(text) / max(tokens, 1) > 40:
        raise InputRejected(f"not prose: {len(text)} characters in {tokens} space-separated tokens "
                            "(encoded or binary data?)")


def _kept_spans(labels: list[LineLabel]) -> list[tuple[int, int, bool]]:
    spans, prev = [], None
    for ln in labels:
        if ln.label == BODY:
            spans.append((ln.start, ln.end, prev is not None and ln.index > prev + 1))
            prev = ln.index
    return spans


def _removed(labels: list[LineLabel]) -> tuple[RemovedLine, ...]:
    return tuple(RemovedLine(ln.index + 1, ln.text, ln.reason, ln.start, ln.end)
                 for ln in labels if ln.label != BODY)


def _text_metadata(labels: list[LineLabel]) -> dict[str, str]:
    """Title, author, date and outlet stated in the page text itself."""
    meta: dict[str, str] = {}
    for ln in labels:
        if ln.reason == "byline":
            meta = parse_byline(ln.text) | meta
        elif ln.reason == "headline" and "title" not in meta:
            meta["title"] = ln.text
    if "author" not in meta and (author := _author_box(labels)):
        meta["author"] = author
    if (outlet := publisher_in_text([ln.text for ln in labels if ln.label != BODY])):
        meta["outlet"] = outlet
    # a wire dateline names the agency: the outlet only when the page names no publisher
    first_body = next((ln for ln in labels if ln.label == BODY), None)
    if first_body is not None:
        meta = parse_dateline(first_body.text) | meta
    return meta


def _author_box(labels: list[LineLabel]) -> str | None:
    """The name line that an author bio at the end of the page starts with."""
    for k, ln in enumerate(labels):
        if ln.reason != "author_bio":
            continue
        bio = norm_line(ln.text).split()
        for prev in reversed(labels[:k]):
            name = norm_line(prev.text).split()
            if 2 <= len(name) <= 5 and bio[:2] == name[:2]:
                return prev.text
    return None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    m = _ISO_DATE.match(value.strip())
    iso = m.group() if m else parse_date(value)
    try:  # "2024-02-30" or Go's zero time "0001-01-01" are not publication dates
        return iso if iso and 1900 <= dt.date.fromisoformat(iso).year <= 2100 else None
    except ValueError:
        return None


def url_date(url: str | None) -> str | None:
    """The date a news address spells out in full (/2024/03/05/, /2024-03-05/), as htmldate
    reads it: the fallback when an article states no publication date."""
    if not url:
        return None
    from htmldate.extractors import extract_url_date
    from htmldate.utils import Extractor

    options = Extractor(False, dt.datetime(2100, 1, 1), dt.datetime(1900, 1, 1), True, "%Y-%m-%d")
    return _iso_date(extract_url_date(urlsplit(url).path, options))  # a date in the query is no publication date
