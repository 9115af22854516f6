"""The briefing as plain data: its sources, its items (a line, its citations, a note, other
versions beneath it) and the whole, with the small wording helpers every section shares."""
from __future__ import annotations

from dataclasses import dataclass, field

MAX_SUMMARY = 6
MAX_STATEMENTS = 12
MAX_CORROBORATED = 10
MAX_SINGLE = 5  # per article...
MAX_SINGLE_TOTAL = 25  # ...and in all, taken in turns from each article
FRAMING_WORDS = 6


@dataclass(frozen=True, slots=True)
class Source:
    n: int
    article_id: str
    outlet: str
    title: str | None
    published: str | None
    where: str


@dataclass(slots=True)
class Item:
    text: str
    cites: list[int] = field(default_factory=list)
    note: str = ""
    variants: list[tuple[str, list[int]]] = field(default_factory=list)


@dataclass(slots=True)
class Briefing:
    story_id: str
    headline: str
    overview: str
    summary: list[Item]
    timeline: list[Item]
    statements: list[Item]
    corroborated: list[Item]
    single_source: list[Item]
    source_notes: list[Item]
    framing: list[Item]
    sources: list[Source]
    more: dict[str, int] = field(default_factory=dict)
    summary_en: list[Item] = field(default_factory=list)  # from the English articles, when the summary is not
    figures: list[Item] = field(default_factory=list)  # counts the articles lead with, where they differ
    days: list[Item] = field(default_factory=list)  # what each day's most central article led with



def support(independent: int, outlets: int) -> str:
    if independent <= 1:
        return "single source" if outlets <= 1 else f"{outlets} outlets, one independent source"
    extra = f" ({outlets} outlets)" if outlets != independent else ""
    return f"{independent} independent outlets{extra}"

def clip(text: str, limit: int = 320) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > 0 else limit].rstrip(",;:") + " …"

