"""WARC files (as in CC-NEWS): HTML response records, streamed with warcio."""
from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputRejected
from ..records import InputError, RawDoc
from .text import decode_bytes


def read_warc(path: str, max_bytes: int) -> Iterator[RawDoc | InputError]:
    """Each HTML response record of a .warc or .warc.gz file."""
    found = 0
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                doc = _record_doc(record, path, max_bytes)
                if doc is not None:
                    found += 1
                    yield doc
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield InputError(path, f"corrupt or truncated WARC after {found} HTML records: "
                         f"{str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__}")
        return
    if not found:
        yield InputError(path, "no HTML response records in this WARC")


def _record_doc(record, path: str, max_bytes: int) -> RawDoc | InputError | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    ctype = record.http_headers.get_header("Content-Type") or ""
    if "html" not in ctype.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    data = record.content_stream().read(max_bytes + 1)
    where = url or f"{path}#{record.rec_headers.get_header('WARC-Record-ID')}"
    if len(data) > max_bytes:
        return InputError(where, f"record too large: over the {max_bytes / 1e6:.0f} MB limit")
    try:
        html, flags = decode_bytes(data)
    except InputRejected as exc:
        return InputError(where, str(exc))
    meta = {"url": url} | ({"flags": flags} if flags else {})
    return RawDoc(source=where, fmt="warc", content=html, path=path, url=url or None,
                  is_html=True, meta=meta, nbytes=len(data))
