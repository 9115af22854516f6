"""Reading the stored corpus for the corpus stage: rows for many articles in one query, their
sentences (the parse's spans, or a punctuation rule without one), outlets and days."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache, lru_cache

import pyarrow as pa
import regex

from ..data import tsv_rows, word_set
from .corroborate import SentenceRow


def outlet_key(outlet: str | None, source: str) -> str:
    """The outlet an article is from, a publisher's hosts as one (`publisher_of`); an article of
    unknown outlet is its own source."""
    if not outlet:
        return f"? {source}"
    return publisher_of(outlet) or outlet


@cache
def _publishers() -> dict[str, str]:
    return {host: row["publisher"] for row in tsv_rows("newsgraph.data", "outlet_hosts.tsv")
            for host in row["hosts"].split()}


@lru_cache(maxsize=65_536)
def publisher_of(outlet: str) -> str | None:
    """The publisher of an outlet that is one of its web hosts or a host under one
    ("feeds.bbci.co.uk" and "bbc.com": BBC; data/outlet_hosts.tsv); None: not such a host."""
    host = outlet.strip().lower().removeprefix("www.")
    if " " in host or "." not in host:
        return None
    labels = host.split(".")
    known = _publishers()
    return next((known[h] for h in (".".join(labels[k:]) for k in range(len(labels) - 1)) if h in known), None)


# a sentence ends at . ! ? … (or a closing quotation mark after one) before a capital, a digit or a
# letter of a script without capitals (an opening mark may come first), at the full stops of
# Chinese and Japanese unless a quotation or bracket closes after it, and at every line break
_SPLIT = regex.compile(r"(?<=[.!?…”\"’»])\s+(?=[\"“‘„«¿¡(\[]?[\p{Lu}\p{Lo}0-9])|(?<=[。！？])(?![」』）])\s*|\n+")


_LAST_WORD = regex.compile(r"(\S+)\s+(\S+)\.$|(\S+)\.$")
_NEXT_WORD = regex.compile(r"[\p{L}]+")
# German (and Nordic) words before a day or rank written as an ordinal with a stop ("vom 14.", "die 108.");
# not "am": "am 14. Juli" is read by its month, and "I am 65." ends a sentence
_ORDINAL_AFTER = frozenset("im vom zum zur bis den dem der die das des ab seit beim ins ans".split())
_BEFORE_NUMBERS = frozenset("no nos ca".split())  # abbreviations that stand before a number only


def _runs_on(text: str, stop: int, after: int) -> bool:
    """Whether the stop ending text[:stop] ends no sentence: it closes an abbreviation ("Sgt.",
    "Dra."; data/abbreviations.txt) or an initial ("Micah X. Johnson", "M. Piccard"), or a day or
    rank written as an ordinal ("am 14. Juli", "die 108. Tour", "Rice (95. Henderson)")."""
    m = _LAST_WORD.search(text, max(0, stop - 40), stop)
    if m is None:
        return False
    word = (m.group(2) or m.group(3)).lstrip("(\"“‘„«[")
    before = m.group(1) or ""
    if len(word) == 1 and word.isupper():  # an initial after a name ("Micah X."), or French "M."
        return word == "M" or before[:1].isupper()
    if word.casefold() in _BEFORE_NUMBERS:  # "No. 10", "ca. 300"; not "she said no."
        return text[after:after + 1].isdigit()
    if word.casefold() in word_set("abbreviations.txt"):
        return True
    if not (word.isdigit() and len(word) <= 3):
        return False
    following = _NEXT_WORD.match(text, after)
    before = before.casefold()
    return (following is not None and following.group().casefold() in word_set("month_names.txt")
            or before in _ORDINAL_AFTER or (m.group(2) or m.group(3)).startswith("("))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans for articles stored without a parse (a punctuation rule; not after an
    abbreviation, an initial or an ordinal: `_runs_on`)."""
    spans, start = [], 0
    for m in _SPLIT.finditer(text):
        if m.end() <= start:  # an empty match where the last one ended
            continue
        if m.start() and text[m.start() - 1] == "." and "\n" not in m.group() and _runs_on(text, m.start(), m.end()):
            continue
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def day_of(value) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def rows_in(con, sql: str, values: Sequence[str]) -> list[tuple]:
    """Run `sql` whose `(SELECT unnest(?))` stands for `values`, passed as an Arrow table (a list
    parameter costs DuckDB a failed pandas import per element)."""
    if not values:
        return []
    con.register("want_values", pa.table({"v": pa.array(list(values), pa.string())}))
    try:
        return con.execute(sql.replace("(SELECT unnest(?))", "(SELECT v FROM want_values)")
                           .replace("(SELECT unnest($1))", "(SELECT v FROM want_values)")).fetchall()
    finally:
        con.unregister("want_values")


class Reader:
    def __init__(self, con):
        self.con = con

    def rows(self, sql: str, ids: Sequence[str]) -> list[tuple]:
        return rows_in(self.con, sql, ids)

    def sentences(self, ids: Sequence[str]) -> dict[str, list[SentenceRow]]:
        texts = dict(self.rows("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))", ids))
        spans: dict[str, list[tuple[int, int]]] = {}
        for aid, start, end in self.rows("""SELECT article_id, "start", "end" FROM sentences
                                            WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, idx""", ids):
            spans.setdefault(aid, []).append((start, end))
        out = {}
        for aid, text in texts.items():
            found = spans.get(aid) or split_sentences(text)
            rows = []
            for k, (s, e) in enumerate(found):
                part = text[s:e]
                if part.strip():  # the offsets of the words themselves (stored spans end with their white space)
                    s += len(part) - len(part.lstrip())
                    rows.append(SentenceRow(aid, k, s, s + len(part.strip()), part.strip()))
            out[aid] = rows
        return out
