"""The story day by day: for each day its articles were published, what the day's most central
article led with. The timeline holds the coded events (who did what to whom); many stories turn on
what no event code names (a ship aground, then afloat; a toll rising), and a reader following one
over days wants to see how it moved on."""
from __future__ import annotations

from collections import defaultdict

from ..corpus.features import content_words, cosine
from .model import Item, clip

MAX_DAYS = 12  # the days with the most articles, shown in date order
REPEAT = 0.6  # a lead sharing this much of its words with the day before's says it again: the next one


def days(arts: list[dict], terms: dict[str, dict[str, float]], leads: dict[str, str], language: str | None,
         cite) -> list[Item]:
    """One line a day (when the story spans several): the lead of the day's article closest to the
    day's centre (`terms`: each article's term vector), in the story's `language` where that day has
    one, unlike the day before's; cited to it, with how many articles the day had."""
    by_day: dict[str, list[dict]] = defaultdict(list)
    for a in arts:
        if a["published"] and leads.get(a["id"]):
            by_day[a["published"].isoformat()].append(a)
    if len(by_day) < 2:
        return []
    busiest = sorted(sorted(by_day, key=lambda d: -len(by_day[d]))[:MAX_DAYS])
    out, before = [], frozenset()
    for day in busiest:
        ranked = _central(by_day[day], terms, language)
        pick = next((a for a in ranked if _overlap(_words(leads[a["id"]]), before) < REPEAT), ranked[0])
        before = _words(leads[pick["id"]])
        n = len(by_day[day])
        out.append(Item(f"{day}: {clip(leads[pick['id']], 240)}", cite([pick["id"]]),
                        f"{n} article{'s' if n != 1 else ''} that day"))
    return out


def _central(arts: list[dict], terms: dict[str, dict[str, float]], language: str | None) -> list[dict]:
    """The day's articles, those in `language` first, each group closest to the day's centre first."""
    centre: dict[str, float] = defaultdict(float)
    for a in arts:
        for t, w in terms.get(a["id"], {}).items():
            centre[t] += w
    return sorted(arts, key=lambda a: ((a.get("language") or "en")[:2] != (language or "en"),
                                       -cosine(terms.get(a["id"], {}), centre), a["id"]))


def _words(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a) if a and b else 0.0
