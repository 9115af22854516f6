"""HTML pages: trafilatura extracts the main text and the page's metadata."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import trafilatura

from ..errors import InputRejected


def extract_html(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """Main text (one paragraph a line) and metadata: title, author, date, site name, url."""
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=False)
    except Exception as exc:  # trafilatura raises many parser errors; the page is what failed
        raise InputRejected(f"HTML could not be parsed: {type(exc).__name__}: {exc}") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputRejected("no article body found in the HTML")
    meta = {
        "title": doc.title, "author": doc.author, "published": doc.date,
        "site_name": doc.sitename, "url": doc.url or url, "language": doc.language,
        "hostname": doc.hostname or (urlsplit(url).hostname if url else None),
    }
    return text, {k: v for k, v in meta.items() if v}
