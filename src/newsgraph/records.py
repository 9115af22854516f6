"""Plain records passed between stages: frozen, slotted, with ids and provenance."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One input document as read, before extraction and cleaning."""

    source: str  # identity of the input: URL, absolute path, or path#line
    fmt: str  # txt | html | jsonl | warc
    content: str  # the text or HTML as decoded
    path: str | None = None
    url: str | None = None
    is_html: bool = False
    meta: dict[str, Any] = field(default_factory=dict)  # metadata given by the container
    nbytes: int = 0  # size of the input it came from, for progress


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read or yielded no article: named once, with a reason."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line of the raw text kept out of the article body, and why."""

    line: int  # 1-based line number in raw_text
    text: str
    reason: str
    start: int  # character offsets into raw_text
    end: int


@dataclass(frozen=True, slots=True)
class Repair:
    """A mixed-script word that was repaired in the clean text."""

    original: str
    repaired: str
    start: int  # offsets into the clean text
    end: int


@dataclass(frozen=True, slots=True)
class Segment:
    """Maps clean[clean_start:clean_start+clean_len] to raw[raw_start:raw_start+raw_len]."""

    clean_start: int
    clean_len: int
    raw_start: int
    raw_len: int


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article, ready to store."""

    id: str
    source: str
    fmt: str
    content_hash: str
    raw_text: str
    text: str
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date
    language: str | None = None
    site_name: str | None = None
    html: str | None = None
    removed: tuple[RemovedLine, ...] = ()
    repairs: tuple[Repair, ...] = ()
    segments: tuple[Segment, ...] = ()
    flags: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()  # the news agencies the page credits for its text (ingest/credits.py)


@dataclass(frozen=True, slots=True)
class Mention:
    """Where an actor is named or described in the clean text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """One canonical actor as it appears in one article, with every mention."""

    article_id: str
    name: str  # canonical name
    type: str  # PERSON | ORG | GPE | NORP
    country: str | None = None  # ISO3
    code: str | None = None  # CAMEO actor code, e.g. RUSMIL
    role: str | None = None
    mentions: tuple[Mention, ...] = ()
    kb: bool = False  # found in the knowledge base (not only in the text)


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker, with provenance."""

    article_id: str
    text: str
    kind: str  # direct | indirect
    start: int  # offsets into the clean text
    end: int
    speaker: str | None = None  # canonical name, or a description when unnamed
    speaker_code: str | None = None
    speaker_named: bool = False
    speaker_text: str | None = None  # the words that name the speaker here
    cue: str | None = None
    sentence: str = ""
    statement_id: str | None = None
    key: tuple[str, ...] = ()  # content lemmas, for matching the same statement elsewhere
    # the cue set off inside the words it reports ('The test, North Korea said, was its biggest'):
    # start..end spans the whole clause, gap_start..gap_end the cue, which `text` leaves out
    gap_start: int | None = None
    gap_end: int | None = None

    def covers(self, pos: int) -> bool:
        """Whether the character at `pos` is among the quoted words (inside start..end, not in the gap)."""
        return self.start <= pos < self.end and not (self.gap_start is not None and self.gap_end is not None
                                                      and self.gap_start <= pos < self.gap_end)


@dataclass(frozen=True, slots=True)
class Frame:
    """The main clause of one sentence: who does what to what, where and when, and who says so."""

    subject: str | None  # canonical actor name(s) joined by '; ', or a short noun phrase
    predicate: str  # verb lemma: 'not sign', 'give up', 'be', 'be made' (passive, no agent)
    object: str | None = None  # short noun phrase, or a prepositional phrase ('in Punta Arenas')
    place: str | None = None
    time: str | None = None  # ISO date where the sentence's event resolved it, else the words
    source: str | None = None  # who the clause is attributed to ('X said that ...')


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event: who did what to whom, when and where, with the words that say so."""

    article_id: str
    event_code: str  # CAMEO
    source: str | None
    source_code: str | None
    target: str | None
    target_code: str | None
    start: int  # offsets of the sentence in the clean text
    end: int
    sentence: str
    trigger: str = ""  # the verb or noun that carries the event
    date: str | None = None
    date_precision: str | None = None  # day | month | year
    date_text: str | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted | intent | hypothetical | future
    background: bool = False
    symmetric: bool = False
    quote_id: str | None = None
    location: str | None = None
    country: str | None = None
    lat: float | None = None  # of the place, where the gazetteer knows it (events/places.py)
    lon: float | None = None
