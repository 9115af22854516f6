"""JSON Lines: one article per line, streamed; a bad line is named and skipped."""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
import zlib
from collections.abc import Iterator
from typing import IO, Any

from ..records import InputError, RawDoc
from .text import human_size

FIELDS = ("id", "url", "outlet", "title", "author", "published", "language")
# the names other tools give these fields (news-please, NewsAPI, Hugging Face news sets, CMS
# exports), tried in this order when ours is absent
ALIASES = {
    "text": ("text", "body", "maintext", "content", "article", "full_text", "story"),
    "html": ("html", "raw_html", "content_html"),
    "id": ("id", "article_id", "doc_id", "guid"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "outlet": ("outlet", "source", "source_name", "publisher", "source_domain", "domain", "site_name",
               "publication"),
    "title": ("title", "headline"),
    "author": ("author", "authors", "byline"),
    "published": ("published", "date_publish", "publish_date", "published_at", "publishedAt", "pubDate",
                  "date", "datetime"),  # not "timestamp": in crawled sets it is the crawl's time
    "language": ("language", "lang"),
}


def read_jsonl(path: str, max_bytes: int) -> Iterator[RawDoc | InputError]:
    """Every line of a .jsonl (or .jsonl.gz) file, or of standard input for '-'."""
    if path == "-":
        yield from _read_stream(sys.stdin.buffer, "<stdin>", "stdin", max_bytes)
        return
    try:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as stream:
            yield from _read_stream(stream, path, path, max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(path, f"cannot read: {exc}")


def _read_stream(stream: IO[bytes], name: str, path: str, max_bytes: int
                 ) -> Iterator[RawDoc | InputError]:
    seen = False
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        seen = True
        where = f"{name}:{lineno}"
        if len(line) > max_bytes:
            yield InputError(where, f"line too large: {human_size(len(line))} is over the "
                             f"{human_size(max_bytes)} limit for one article")
            continue
        row, bad = parse_json(line)
        if bad:
            yield InputError(where, bad)
            continue
        yield row_to_doc(row, where, path, len(line))
    if not seen:
        yield InputError(name, "empty: no JSON lines")


_TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")  # NewsAPI's cut-off marker on `content`


def _field(row: dict, name: str) -> str | None:
    """A field under our name or a common alias: the first non-empty one. A list of strings
    (authors) is joined; an object (NewsAPI's source) gives its name; text and HTML must be
    strings."""
    for key in ALIASES[name]:
        value = row.get(key)
        if name in ("text", "html"):
            if isinstance(value, str) and value.strip():
                return value
            continue
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        elif key == "source" and isinstance(value, str) and ("/" in value or "\\" in value):
            continue  # a file path or feed address, not an outlet
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value if isinstance(v, str | int) and str(v).strip())
        if isinstance(value, bool) or value is None or isinstance(value, dict | list):
            continue
        if str(value).strip():
            return str(value).strip()
    return None


def parse_json(data: str | bytes) -> tuple[Any, str | None]:
    """A JSON value, or None and why the text is not JSON."""
    try:
        return json.loads(data), None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"malformed JSON: {exc}"
    except RecursionError:
        return None, "malformed JSON: nested too deeply"


def _valid_text(text: str) -> str:
    """JSON may carry lone surrogates ('\\ud83d'); they become U+FFFD."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def row_to_doc(row: Any, where: str, path: str, nbytes: int, fmt: str = "jsonl") -> RawDoc | InputError:
    """One article record (a JSON object, a table row) as a RawDoc, or the reason it is none."""
    if not isinstance(row, dict):
        return InputError(where, f"expected a JSON object, got {type(row).__name__}")
    text, html = _field(row, "text"), _field(row, "html")
    body = html or text
    if not body:
        return InputError(where, "no article: neither 'text' nor 'html' (nor body, content, maintext, "
                                 "article) holds a non-empty string")
    is_html = body is html
    body = _valid_text(_TRUNCATED.sub("", body) if not is_html else body)
    meta = {k: _valid_text(v) for k in FIELDS if (v := _field(row, k))}
    url = meta.get("url")
    # the key of a row: its URL, its id, or its content (never its line number, which shifts)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    source = url or (f"{path}#{meta['id']}" if "id" in meta else f"{path}#{digest}")
    return RawDoc(source=source, fmt=fmt, content=body, path=None if path == "stdin" else path,
                  url=url, is_html=is_html, meta=meta, nbytes=nbytes)
