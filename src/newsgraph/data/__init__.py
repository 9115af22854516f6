"""Versioned data files (lexicons, tables) loaded once by the stages that use them."""
from __future__ import annotations

from functools import cache
from importlib.resources import files


def read_text(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    return [ln for ln in read_text(name).splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(w.casefold() for ln in data_lines(name) for w in ln.split())
