"""WARC files (as in CC-NEWS): HTML response records, streamed with warcio."""
from __future__ import annotations

import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator

from ..errors import InputRejected
from ..records import InputError, RawDoc
from .text import decode_bytes, human_size

_CHUNK = 1 << 20


def gzip_problem(path: str) -> str | None:
    """Why a .gz file is not whole gzip data (not gzip, corrupt, cut off), or None.
    warcio ends quietly at a cut-off member, so the file is checked on its own."""
    with open(path, "rb") as f:
        if f.read(2) != b"\x1f\x8b":
            return "not a gzip file (it does not start with the gzip signature)"
        f.seek(0)
        d = zlib.decompressobj(zlib.MAX_WBITS | 16)
        started = False
        while chunk := f.read(_CHUNK):
            while chunk:
                try:
                    d.decompress(chunk)
                except zlib.error as exc:
                    return f"corrupt gzip data: {exc}"
                started = True
                if d.eof:
                    chunk = d.unused_data
                    d = zlib.decompressobj(zlib.MAX_WBITS | 16)
                    started = bool(chunk)
                else:
                    chunk = b""
        if started and not d.eof:
            return "corrupt or truncated gzip data: the file ends inside a compressed record"
    return None


def read_warc(path: str, max_bytes: int) -> Iterator[RawDoc | InputError]:
    """Each HTML response record of a .warc or .warc.gz file."""
    try:
        problem = gzip_problem(path) if path.lower().endswith(".gz") else _plain_problem(path)
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    if problem and "ends inside" not in problem:
        yield InputError(path, problem)
        return
    found, held = 0, None
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                doc = _record_doc(record, path, max_bytes)
                if doc is not None:
                    if held is not None:
                        yield held
                    found += isinstance(doc, RawDoc)
                    held = doc
    except Exception as exc:  # warcio raises many kinds on damaged input; the file is what failed
        yield from ([held] if held is not None else [])
        yield InputError(path, f"corrupt or truncated WARC after {found} HTML records: {_first_line(exc)}")
        return
    if problem:  # the last record read may be cut off: it is dropped, and the file named
        yield InputError(path, f"{problem}; {max(found - 1, 0)} HTML records before it were read")
        return
    if held is not None:
        yield held
    if not found:
        yield InputError(path, "no HTML response records in this WARC")


def _plain_problem(path: str) -> str | None:
    with open(path, "rb") as f:
        return None if f.read(5) == b"WARC/" else "not a WARC file (it does not start with 'WARC/')"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


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
        return InputError(where, f"record too large: over the {human_size(max_bytes)} limit")
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:  # warcio ends a cut-off record quietly: its declared length tells
        raise EOFError(f"record {where} is cut off: {missing} of its declared bytes are missing")
    try:
        html, flags = decode_bytes(data)
    except InputRejected as exc:
        return InputError(where, str(exc))
    meta = {"url": url} | ({"flags": flags} if flags else {})
    return RawDoc(source=where, fmt="warc", content=html, path=path, url=url or None,
                  is_html=True, meta=meta, nbytes=len(data))
