"""The ordered stages over a stream of inputs: read, skip known, build articles, store per batch."""
from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing as mp
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial

from .articles import doc_id, make_article
from .clean import language
from .clean.boilerplate import norm_line, split_lines
from .config import Settings
from .corpus.statements import assign_statements
from .corpus.update import CorpusReport
from .corpus.update import update as update_corpus
from .events.places import locate_events
from .extract import extract
from .ingest import iter_inputs
from .records import Article, Entity, Event, InputError, Quote, RawDoc
from .store import Store

BATCH_BYTES = 32_000_000
log = logging.getLogger(__name__)


@dataclass(slots=True)
class RunReport:
    """What one analyse run did: documents read, new, unchanged, failed (with reasons)."""

    read: int = 0
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)
    corpus: CorpusReport | None = None


Progress = Callable[[int, RunReport], None]


def _new_pool(settings: Settings) -> cf.ProcessPoolExecutor | None:
    if settings.workers < 2:
        return None
    # workers ignore Ctrl-C: the main process stops the run and keeps what is committed
    return cf.ProcessPoolExecutor(settings.workers, mp_context=mp.get_context("spawn"),
                                  initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN))


def _batches(items: Iterable[RawDoc | InputError], size: int) -> Iterator[list[RawDoc | InputError]]:
    batch: list[RawDoc | InputError] = []
    nbytes = 0
    for item in items:
        batch.append(item)
        nbytes += item.nbytes if isinstance(item, RawDoc) else 0
        if len(batch) >= size or nbytes >= BATCH_BYTES:
            yield batch
            batch, nbytes = [], 0
    if batch:
        yield batch


def analyze(paths: Iterable[str], store: Store, settings: Settings,
            on_progress: Progress | None = None,
            on_error: Callable[[InputError], None] | None = None,
            on_corpus: Callable[[int, int], None] | None = None) -> RunReport:
    """Read every input, store each new article once, and report the rest by name."""
    report = RunReport()
    pool = _new_pool(settings)
    try:
        for batch in _batches(iter_inputs(paths, settings.max_bytes), settings.batch_size):
            counts = (report.read, report.new, report.unchanged, report.failed)
            try:
                nbytes = _run_batch(batch, store, settings, pool, report, on_error)
            except BrokenProcessPool:
                report.read, report.new, report.unchanged, report.failed = counts
                # a worker died (killed, out of memory): nothing of this batch was written;
                # run it here, then go on with a fresh pool
                log.warning("a worker process died; the batch is run again in the main process")
                pool.shutdown(cancel_futures=True)
                nbytes = _run_batch(batch, store, settings, None, report, on_error)
                pool = _new_pool(settings)
            if on_progress:
                on_progress(nbytes, report)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if settings.nlp:
        store.resolve_short_names()
    if settings.stories:
        report.corpus = store.update_corpus(update_corpus, on_corpus)
    return report


def _run_batch(batch: list[RawDoc | InputError], store: Store, settings: Settings,
               pool: cf.Executor | None, report: RunReport,
               on_error: Callable[[InputError], None] | None) -> int:
    docs = [d for d in batch if isinstance(d, RawDoc)]
    errors = [d for d in batch if isinstance(d, InputError)]
    report.read += len(docs)
    todo, stored = _new_docs(docs, store, settings.nlp)
    report.unchanged += len(docs) - len(todo) + len(stored)
    results = _map(pool, make_article, todo, settings.workers)
    articles = [r for r in results if isinstance(r, Article)]
    errors += [r for r in results if isinstance(r, InputError)]
    articles, counts = _apply_outlet_repeats(articles, todo, store, settings, stored)
    found = extract_articles(articles, settings, pool)
    errors += found.failed
    quotes = assign_statements(found.quotes, store.statements_of(q.speaker for q in found.quotes))
    report.new += store.write_batch(articles, errors, counts, found.entities, quotes, found.events,
                                    found.done, found.sentences)
    report.failed += len(errors)
    report.errors.extend(errors)
    if on_error:
        for err in errors:
            on_error(err)
    return sum(d.nbytes for d in docs)


def _new_docs(docs: list[RawDoc], store: Store, nlp: bool) -> tuple[list[RawDoc], set[str]]:
    """Documents to process, each once (the same input twice in a batch counts once): those not
    stored yet and, with NLP on, those stored without extraction. Also the ids of those stored
    already (they are re-extracted, not new)."""
    ids = [doc_id(d) for d in docs]
    stored = store.existing_ids(ids)
    done = store.existing_ids(ids, extracted_only=True) if nlp else set(stored)
    out, again = [], set()
    for d, i in zip(docs, ids):
        if i not in done:
            done.add(i)
            out.append(d)
            if i in stored:
                again.add(i)
    return out, again


def _map(pool: cf.Executor | None, fn: Callable, items: list, workers: int) -> list:
    if pool is None or len(items) < 2:
        return [fn(x) for x in items]
    return list(pool.map(fn, items, chunksize=max(1, len(items) // (4 * workers))))


@dataclass(frozen=True, slots=True)
class Extracted:
    """What extraction found in a batch of articles, events placed; `done`: the ids of the articles
    extracted (none with NLP off), `failed`: the articles stored without their facts, and why."""

    entities: list[Entity]
    quotes: list[Quote]
    events: list[Event]
    sentences: dict[str, tuple]
    failed: list[InputError]
    done: list[str]


def extract_articles(articles: list[Article], settings: Settings, pool: cf.Executor | None = None) -> Extracted:
    """The actors, quotes, events (placed) and sentences of a batch of articles."""
    entities, quotes, events, sentences, failed = _extract(articles, settings, pool)
    failed_sources = {e.source for e in failed}
    done = sorted(a.id for a in articles if a.source not in failed_sources) if settings.nlp else []
    return Extracted(entities, quotes, locate_events(events, entities), sentences, failed, done)


def _extract(articles: list[Article], settings: Settings, pool: cf.Executor | None
             ) -> tuple[list[Entity], list[Quote], list[Event], dict[str, tuple], list[InputError]]:
    """Parse and extract in every worker: each gets a share of the articles for nlp.pipe. Only
    articles in English (or of no known language) are read: the actor tables, speech verbs and
    event lexicon are English, so another language would give wrong actors and events; such an
    article is stored without them (its story, copies and summary do not need them)."""
    articles = [a for a in articles if not language.other_than_english(a.language)]
    if not settings.nlp or not articles:
        return [], [], [], {}, []
    items = [(a.id, a.text, _reference_date(a)) for a in articles]
    n = settings.workers if pool is not None else 1
    chunks = [items[k::n] for k in range(n) if items[k::n]]
    work = partial(extract, model=settings.nlp_model, batch_size=settings.nlp_batch_size)
    found = list(pool.map(work, chunks)) if pool is not None and len(chunks) > 1 else [work(c) for c in chunks]
    by_id = {item[0]: x for chunk, xs in zip(chunks, found) for item, x in zip(chunk, xs)}
    entities = [e for a in articles for e in by_id[a.id].entities]
    quotes = [q for a in articles for q in by_id[a.id].quotes]
    events = [e for a in articles for e in by_id[a.id].events]
    sentences = {a.id: by_id[a.id].sentences for a in articles if by_id[a.id].sentences}
    failed = [InputError(a.source, f"stored without actors, quotes and events: {by_id[a.id].error}")
              for a in articles if by_id[a.id].error]
    return entities, quotes, events, sentences, failed


def _reference_date(article: Article) -> str | None:
    """The date events are resolved against: the publication date; on a page that states none, the
    date of a removed caption or credit line, as a bound (events dated from it get month precision at
    most). `articles.published` itself stays as the page gives it."""
    from .events.dates import bound_in

    if article.published:
        return article.published
    for removed in article.removed:
        if removed.reason in ("caption", "credit", "dateline"):
            found = bound_in(removed.text)
            if found is not None:
                return found
    return None


def line_keys(raw_text: str) -> set[str]:
    """The normalised lines of a page's text that may be its outlet's furniture (short lines, and
    any line of its first or last quarter), counted per outlet to find lines that repeat."""
    lines = split_lines(raw_text)
    n = len(lines)
    keys = set()
    for k, ln in enumerate(lines):
        key = norm_line(ln.text)
        if key and (len(key.split()) <= 12 or k < n * 0.25 or k >= n * 0.75):
            keys.add(key)
    return keys


def _apply_outlet_repeats(articles: list[Article], docs: list[RawDoc], store: Store, settings: Settings,
                          stored: set[str]) -> tuple[list[Article], dict[tuple[str, str], int]]:
    """Count each new article's lines for its outlet (`stored`: the articles stored before without
    NLP, their lines counted then); re-clean articles whose kept lines are now known to repeat
    across that outlet's pages."""
    keys = {a.id: line_keys(a.raw_text) for a in articles if a.outlet}
    counts: dict[tuple[str, str], int] = {}
    for a in articles:
        for key in keys.get(a.id, ()) if a.id not in stored else ():
            counts[(a.outlet, key)] = counts.get((a.outlet, key), 0) + 1
    total = store.line_counts(list({(a.outlet, k) for a in articles for k in keys.get(a.id, ())}))
    for k, n in counts.items():
        total[k] = total.get(k, 0) + n
    repeated = {a.id: frozenset(k for k in keys.get(a.id, ())
                                if total.get((a.outlet, k), 0) >= settings.min_outlet_repeats) for a in articles}
    return reclean(articles, docs, repeated), counts


def reclean(articles: list[Article], docs: list[RawDoc], repeated: dict[str, frozenset[str]]) -> list[Article]:
    """The articles, each made again without the lines of its page its outlet repeats on other pages
    (`repeated`: article id -> those lines, normalised) where it had kept one of them."""
    by_id = {doc_id(d): d for d in docs}
    out = []
    for a in articles:
        lines = repeated.get(a.id, frozenset())
        if lines and lines & {norm_line(line) for line in a.text.split("\n")}:
            redo = make_article(by_id[a.id], lines)
            a = redo if isinstance(redo, Article) else a
        out.append(a)
    return out
