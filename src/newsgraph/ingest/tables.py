"""Articles in a table (CSV or TSV, as news data sets are often shared) or in one JSON document
(an array of articles, or an API answer that holds one: NewsAPI's {"articles": [...]}). Each row
or element is read like a JSON Lines record (`jsonl.row_to_doc`: the same field names and
aliases); a bad row is named and skipped, the rest are read."""
from __future__ import annotations

import csv
import gzip
import json
import os
import zlib
from collections.abc import Iterator

from ..records import InputError, RawDoc
from .jsonl import ALIASES, parse_json, row_to_doc
from .text import human_size

JSON_LIMIT = 10  # a .json file is parsed whole: at most this many times the one-article limit
CELL_LIMIT = 10  # a CSV cell longer than this many times the one-article limit stops the file
LISTS = ("articles", "data", "items", "results", "documents", "docs", "records", "news")
_KNOWN = {alias.casefold(): alias for aliases in ALIASES.values() for alias in aliases}


def read_csv(path: str, max_bytes: int) -> Iterator[RawDoc | InputError]:
    """Every row of a .csv/.tsv (optionally .gz) file with a header row. Header names are matched
    to ours and their aliases whatever their case and surrounding spaces; a TSV has no quoting (a
    cell may begin with a quotation mark)."""
    tsv = path.lower().endswith((".tsv", ".tsv.gz"))
    opener = gzip.open if path.lower().endswith(".gz") else open
    limit = csv.field_size_limit()
    csv.field_size_limit(max(CELL_LIMIT * max_bytes, limit))  # a larger cell stops the file; a large row is skipped
    try:
        with opener(path, "rt", encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream, delimiter="\t" if tsv else ",",
                                quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL)
            header = next(reader, None)
            if not header:
                yield InputError(path, "empty: no header row")
                return
            names = [_KNOWN.get(h.strip().casefold(), h.strip()) for h in header]
            if not set(names) & {*ALIASES["text"], *ALIASES["html"]}:
                yield InputError(path, f"no article column: the header has none of "
                                       f"{', '.join(ALIASES['text'] + ALIASES['html'])}")
                return
            seen = False
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:  # a cell over the limit, a NUL byte: the file cannot be read on
                    yield InputError(f"{path}:{reader.line_num}",
                                     f"malformed CSV, the rest of the file is skipped: {exc}")
                    return
                if not any(c.strip() for c in cells):
                    continue
                seen = True
                where = f"{path}:{reader.line_num}"  # the line the row ends on
                size = sum(len(c) for c in cells)
                if size > max_bytes:
                    yield InputError(where, f"row too large: {human_size(size)} is over the "
                                            f"{human_size(max_bytes)} limit for one article")
                    continue
                yield row_to_doc(dict(zip(names, cells)), where, path, size, "csv")  # cells past the header dropped
            if not seen:
                yield InputError(path, "empty: a header row and no articles")
    except UnicodeDecodeError as exc:
        yield InputError(path, f"not UTF-8 text: {exc}")
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(path, f"cannot read: {exc}")
    finally:
        csv.field_size_limit(limit)


def read_json(path: str, max_bytes: int) -> Iterator[RawDoc | InputError]:
    """The articles of one JSON document: an array of article objects, an object holding such an
    array under a usual key (articles, data, items, results, documents, ...), or one article."""
    try:
        size = os.path.getsize(path)
        if size > JSON_LIMIT * max_bytes:
            yield InputError(path, f"too large to parse whole: {human_size(size)} (limit "
                                   f"{human_size(JSON_LIMIT * max_bytes)}); write it as JSON Lines, one article a line")
            return
        with open(path, encoding="utf-8-sig") as f:
            doc, bad = parse_json(f.read())
    except UnicodeDecodeError as exc:
        bad = f"malformed JSON: {exc}"
    except OSError as exc:
        bad = f"cannot read: {exc}"
    if bad:
        yield InputError(path, bad)
        return
    rows = doc
    if isinstance(doc, dict):
        rows = next((doc[k] for k in LISTS if isinstance(doc.get(k), list)), [doc])
    if not isinstance(rows, list):
        yield InputError(path, f"expected an array of articles or an object, got {type(doc).__name__}")
        return
    if not rows:
        yield InputError(path, "empty: no articles")
        return
    for i, row in enumerate(rows):
        where = f"{path}[{i}]"
        nbytes = len(json.dumps(row, ensure_ascii=False)) if isinstance(row, dict) else 0
        if nbytes > max_bytes:
            yield InputError(where, f"article too large: {human_size(nbytes)} is over the "
                                    f"{human_size(max_bytes)} limit for one article")
            continue
        yield row_to_doc(row, where, path, nbytes, "json")
