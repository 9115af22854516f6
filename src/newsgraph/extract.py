"""The extraction stages over parsed articles: spaCy Docs go in, plain records come out."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from . import nlp
from .actors import resolve_actors
from .actors.resolve import ArticleActors
from .events import code_events
from .frames import looks_english, sentence_dates, sentence_frame
from .quotes import extract_quotes
from .records import Entity, Event, Frame, Quote

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extraction stages found in one article."""

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    # (start, end, frame of its main clause) of each sentence in the clean text
    sentences: tuple[tuple[int, int, Frame | None], ...] = ()
    error: str | None = None  # why extraction failed for this article (it is still stored)


def extract(items: Sequence[tuple[str, str, str | None]], model: str = nlp.DEFAULT_MODEL,
            batch_size: int = 32) -> list[Extraction]:
    """Parse (article id, clean text, date) items in one nlp.pipe stream; extract actors and quotes."""
    limit = nlp.load(model).max_length
    fits = [item for item in items if len(item[1]) < limit]
    docs = dict(zip((item[0] for item in fits), nlp.parse((t for _, t, _ in fits), model, batch_size)))
    out = []
    for article_id, text, date in items:
        doc = docs.get(article_id)
        if doc is None:
            out.append(Extraction(error=f"too long for the parser ({len(text)} characters, limit {limit})"))
            continue
        try:
            actors = resolve_actors(doc, date)
            quotes = tuple(extract_quotes(doc, actors, article_id))
            events = tuple(code_events(doc, actors, article_id, date, quotes))
            dates = sentence_dates(events)
            sentences = _sentences(doc, actors, dates, article_id)
            out.append(Extraction(tuple(actors.entities(article_id)), quotes, events, sentences))
        except Exception as exc:  # one odd article must not stop the batch; it is named instead
            out.append(Extraction(error=f"{type(exc).__name__}: {exc}"))
    return out


def _sentences(doc, actors: ArticleActors, dates: dict[int, list[tuple[str, str]]],
               article_id: str) -> tuple[tuple[int, int, Frame | None], ...]:
    """(start, end, frame) of each sentence, no frames where the article does not read as English;
    a sentence whose frame fails loses only its frame."""
    out: list[tuple[int, int, Frame | None]] = []
    failed: list[Exception] = []
    english = looks_english(doc[:])  # short pieces of a German article can pass on their own
    for s in doc.sents:
        if not s.text.strip():
            continue
        try:
            frame = sentence_frame(s, actors, dates.get(s.start_char, ())) if english else None
        except Exception as exc:  # the frame is a summary: the article's entities, quotes and events stay
            frame = None
            failed.append(exc)
        out.append((s.start_char, s.end_char, frame))
    if failed:
        log.debug("article %s: no frame for %d sentences (first: %s: %s)", article_id, len(failed),
                  type(failed[0]).__name__, failed[0])
    return tuple(out)
