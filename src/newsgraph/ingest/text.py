"""Plain-text files: decoding with clear refusals for binary or undecodable input."""
from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator

from ..errors import InputRejected
from ..records import InputError, RawDoc


def decode_bytes(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode an article's bytes as UTF-8, or as Windows-1252 legacy text; refuse binary data."""
    if not data.strip():
        raise InputRejected("empty: no text")
    if b"\x00" in data[:65536]:
        raise InputRejected("binary data (NUL bytes), not text")
    flags: tuple[str, ...] = ()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputRejected(f"not UTF-8 text: invalid byte 0x{data[exc.start]:02x} "
                                f"at offset {exc.start}; convert it to UTF-8") from None
        flags = ("decoded_cp1252",)
    _check_textual(text)
    return text, flags


def _check_textual(text: str) -> None:
    sample = text[:65536]
    controls = sum(unicodedata.category(c) in ("Cc", "Co", "Cs") and c not in "\n\r\t\f"
                   for c in sample)
    if controls > max(2, len(sample) // 200):
        raise InputRejected(f"binary data ({controls} control characters in the first "
                            f"{len(sample)}), not text")
    if not any(c.isalpha() for c in text):
        raise InputRejected("no words: the text holds no letters")


def human_size(n: int) -> str:
    """'52.4 MB', '3.1 kB', '812 bytes'."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{n} bytes"


def read_file_bytes(path: str, max_bytes: int) -> bytes:
    size = os.path.getsize(path)
    if size > max_bytes:
        raise InputRejected(f"too large: {human_size(size)} is over the {human_size(max_bytes)} "
                            "limit for one article (set --max-bytes to raise it)")
    with open(path, "rb") as f:
        return f.read()


def read_text_file(path: str, max_bytes: int, is_html: bool = False) -> Iterator[RawDoc | InputError]:
    """One .txt or .html file as one document."""
    try:
        data = read_file_bytes(path, max_bytes)
        text, flags = decode_bytes(data)
    except InputRejected as exc:
        yield InputError(path, str(exc))
        return
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    yield RawDoc(source=path, fmt="html" if is_html else "txt", content=text, path=path,
                 is_html=is_html, meta={"flags": flags} if flags else {}, nbytes=len(data))
