"""Versioned data files (lexicons, tables) loaded once by the stages that use them."""
from __future__ import annotations

from functools import cache
from importlib.resources import files


def read_text(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    return [ln for ln in read_text(name).splitlines() if ln.strip() and not ln.startswith("#")]


def tsv_rows(package: str, name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file of `package`: the first line that is not a '#' comment is the
    header; short rows are padded with empty cells."""
    text = files(package).joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, cells + [""] * (len(header) - len(cells))))
            for cells in (ln.split("\t") for ln in lines[1:])]


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(w.casefold() for ln in data_lines(name) for w in ln.split())
