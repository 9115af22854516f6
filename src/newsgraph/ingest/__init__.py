"""Readers: files, directories and streams become RawDoc records (or named InputErrors)."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from ..records import InputError, RawDoc
from .jsonl import read_jsonl
from .tables import read_csv, read_json
from .text import read_text_file
from .warc import read_warc

TEXT = (".txt", ".text")
HTML = (".html", ".htm", ".xhtml")
JSONL = (".jsonl", ".ndjson", ".jsonl.gz")
WARC = (".warc", ".warc.gz")
TABLE = (".csv", ".tsv", ".csv.gz", ".tsv.gz")
JSON = (".json",)
SUPPORTED = TEXT + HTML + JSONL + WARC + TABLE + JSON

__all__ = ["SUPPORTED", "iter_inputs", "list_files", "read_path"]


def _kind(path: str) -> str | None:
    low = path.lower()
    for kind, suffixes in (("txt", TEXT), ("html", HTML), ("jsonl", JSONL), ("warc", WARC), ("table", TABLE),
                           ("json", JSON)):
        if low.endswith(suffixes):
            return kind
    return None


def list_files(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Expand directories (recursively, sorted) to the supported files of one article or a stream
    of them (not tables or JSON documents, which are read when named); other files pass as given."""
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                for name in sorted(names):
                    full = os.path.abspath(os.path.join(root, name))
                    if _kind(full) not in (None, "table", "json"):  # tables and JSON documents only when named:
                        yield full  # a data folder holds label sheets and metadata files beside its articles
        elif os.path.lexists(path):
            yield os.path.abspath(path)
        else:
            yield InputError(path, "no such file or directory")


def read_path(path: str, max_bytes: int) -> Iterator[RawDoc | InputError]:
    """The documents of one file (or '-', JSON Lines on standard input)."""
    if path == "-":
        yield from read_jsonl(path, max_bytes)
        return
    if not os.path.exists(path):
        yield InputError(path, "cannot read: broken link or file removed")
        return
    kind = _kind(path)
    if kind == "txt":
        yield from read_text_file(path, max_bytes)
    elif kind == "html":
        yield from read_text_file(path, max_bytes, is_html=True)
    elif kind == "jsonl":
        yield from read_jsonl(path, max_bytes)
    elif kind == "warc":
        yield from read_warc(path, max_bytes)
    elif kind == "table":
        yield from read_csv(path, max_bytes)
    elif kind == "json":
        yield from read_json(path, max_bytes)
    else:
        yield InputError(path, f"unsupported file type (expected one of {', '.join(SUPPORTED)})")


def iter_inputs(paths: Iterable[str], max_bytes: int) -> Iterator[RawDoc | InputError]:
    for item in list_files(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_path(item, max_bytes)
