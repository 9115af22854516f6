"""Counts that a story's outlets give differently: "at least 84 killed" beside "80 dead".

Where the articles of a story lead with a count of the same kind of thing (the dead, the
injured, the arrested...) and the numbers differ, an analyst wants to see each, and which outlet
says which: a toll that rose from report to report, a figure misread, an early report left
standing. Kinds and their words in several languages: data/figure_nouns.tsv.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ..data import tsv_rows

# thousands set off by a comma, a stop or a narrow or no-break space ("1,200", "2.000", "2 000"), never a plain
# space: "On July 14 200 people died" is a day and a count
_NUMBER = r"(\d{1,3}(?:[,.\u202f\u00a0]\d{3})+|\d+)"
# what a count is not: a decimal or an age after it ("2.5 million", "84-year-old"), a magnitude ("2 million people")
_NOT_COUNT = r"(?![.,]\d|-|\s*(?:million|billion|thousand|Millionen|Milliarden|millions?|milliards?|millones|mil|mila))"
# what a count is not either: more of them ("seven more people were killed", "sieben weitere")
_NOT_TOTAL = r"(?!\s+(?:more|further|other|additional|weitere|weiteren|andere|autres|otros|otras|más|altri|altre)\b)"
# up to three words, of letters only, between a number and what it counts ("84 people were killed"; not across a
# comma or a conjunction: "nine people dead, dozens injured", "killed nine people and injured 27")
_GAP = r"(?:\s+(?!(?:and|und|et|y|e|or|oder|ou|o|but|aber|mais|pero|ma)\b)[^\W\d_]+(?:['’-][^\W\d_]+)*){0,3}?\s+"


@dataclass(frozen=True, slots=True)
class Differing:
    kind: str  # 'dead', 'injured'...
    values: tuple[tuple[int, tuple[str, ...]], ...]  # (figure, articles giving it), the most sources' first


@cache
def _words() -> dict[str, int]:
    return {row["word"]: int(row["value"]) for row in tsv_rows("newsgraph.data", "number_words.tsv")}


@cache
def _patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    number = "(" + _NUMBER[1:-1] + "|" + "|".join(sorted(map(re.escape, _words()), key=len, reverse=True)) + ")"
    out = []
    for row in tsv_rows("newsgraph.data", "figure_nouns.tsv"):
        if row["kind"].startswith("("):
            continue  # the words that make a number no toll (`_not_counting`)
        nouns = "|".join(map(re.escape, row["nouns"].split()))
        after = re.compile(rf"(?<![\d.,\w-]){number}{_NOT_COUNT}{_NOT_TOTAL}(?:{_GAP})?(?:{nouns})\b", re.I)
        verbs = "|".join(map(re.escape, row["verbs"].split()))
        before = re.compile(rf"\b(?:{verbs})\s+(?:at least |more than |some |about |nearly |over )?"
                            rf"{number}\b{_NOT_COUNT}{_NOT_TOTAL}", re.I) if verbs else None
        out.append((row["kind"], after, before))
    return out


@cache
def _not_counting() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    """The words before a number that make it no toll ('in two mosques', 'including six Indians') and
    the nouns after it that count no victims ('three attackers killed'), and the words that make a
    number a count given before ('an initial estimate of 20 dead'), from data/figure_nouns.tsv."""
    rows = {row["kind"]: row["nouns"].split() for row in tsv_rows("newsgraph.data", "figure_nouns.tsv")
            if row["kind"].startswith("(")}
    perpetrators = "|".join(map(re.escape, rows.get("(perpetrators)", ())))
    earlier = "|".join(map(re.escape, rows.get("(earlier)", ())))
    counts = "|".join(map(re.escape, rows.get("(earlier counts)", ())))
    return (frozenset(rows.get("(before)", ())), re.compile(rf"\s*(?:[^\W\d_]+\s+)?(?:{perpetrators})\b", re.I),
            re.compile(rf"\b(?:{earlier})\s+(?:[^\W\d_]+\s+){{0,2}}(?:{counts})\s+(?:(?:of|von|de|di)\s+)?"
                       r"(?:(?:about|around|some|at least|more than|rund|etwa|environ|unos|circa)\s+)?$", re.I))


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")


def _a_toll(kind: str, text: str, m: re.Match[str]) -> bool:
    """Whether a number found counts the kind's toll: not places or a subset, a word of which comes
    right before it and a noun of its own after it ('in two mosques were killed', 'including six
    Indians killed'; 'resulted in 50 deaths' is a toll), nor an earlier count ('up from an initial
    estimate of 20 dead'), nor, for the dead and injured, attackers ('three gunmen were killed',
    'three armed gunmen'; arrests count them)."""
    before, perpetrators, earlier = _not_counting()
    word = _WORD_BEFORE.search(text, max(0, m.start(1) - 30), m.start(1))
    own_noun = len(re.findall(r"[^\W\d_]+", text[m.end(1):m.end()])) > 1  # 'two mosques killed'
    if word and word.group(1).lower() in before and own_noun:
        return False
    if earlier.search(text, max(0, m.start(1) - 60), m.start(1)):
        return False  # a count given before this one: 'a jump from an initial police estimate of 20 dead'
    return kind not in ("dead", "injured") or not perpetrators.match(text, m.end(1))


def figures_in(text: str) -> dict[str, set[int]]:
    """The figures a sentence gives, by kind: {'dead': {84}}; a year written bare is no count, nor
    more of them, a count of places or of a subset, or of attackers (`_a_toll`)."""
    found: dict[str, set[int]] = {}
    for kind, after, before in _patterns():
        for pattern in (after, before):
            for m in pattern.finditer(text) if pattern is not None else ():
                if not _a_toll(kind, text, m):
                    continue
                word = m.group(1).lower()
                value = _words()[word] if word in _words() else int(re.sub(r"\D", "", word))
                year = word.isdigit() and 1900 <= value <= 2100  # "since 2015 killed", not "2,000 injured"
                if 0 < value and not year:
                    found.setdefault(kind, set()).add(value)
    return found


LEAD_SENTENCES = 2  # the figures an article leads with are its report of the count; later ones are background


def story_figures(leads: Iterable[tuple[str, Sequence[str]]],
                  sources: Callable[[Iterable[str]], int] = lambda ids: len(set(ids))) -> list[Differing]:
    """The counts a story's articles lead with, where they differ (`leads`: each article's id
    and first sentences): for each kind, the first figure each article gives in its first
    LEAD_SENTENCES sentences (a toll that rose from report to report, a figure misread, an
    early report left standing). The figure first is the one given by most independent sources
    (`sources`: how many a set of articles makes; ten copies of one wire story are one)."""
    members = []
    for article, sentences in leads:
        seen: set[str] = set()
        for text in sentences[:LEAD_SENTENCES]:
            for kind, values in figures_in(text).items():
                if kind not in seen and len(values) == 1:
                    seen.add(kind)
                    members.append((article, kind, next(iter(values))))
    by_kind: dict[str, dict[int, set[str]]] = {}
    for article, kind, value in members:
        by_kind.setdefault(kind, {}).setdefault(value, set()).add(article)
    out = []
    for kind in sorted(by_kind):
        values = by_kind[kind]
        if len(values) > 1:
            ranked = sorted(values.items(), key=lambda kv: (-sources(kv[1]), -len(kv[1]), -kv[0]))
            out.append(Differing(kind, tuple((v, tuple(sorted(a))) for v, a in ranked)))
    return out
