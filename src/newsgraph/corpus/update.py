"""The corpus stage: new articles get copies/rewrites links and a story; touched stories get
their event clusters, claims and summaries recomputed (refresh.py). Incremental: a run only
reads the articles the stage has not seen, and only rebuilds the stories they joined."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from ..clean.language import base, other_than_english
from ..errors import StoreError
from ..ingest.credits import article_credits
from . import dedup
from .cache import RunCache
from .features import (
    caseless,
    content_tokens,
    content_words,
    encoder_reads,
    is_english,
    lead_vectors,
    local_terms,
    name_terms,
    tokens,
    weighted_terms,
    year_floor,
)
from .links import MAX_COPY_LINKS, StoredOriginals, near_copy_links, orient, second_hop, story_links, verified
from .meaning import Meaning, across_languages
from .reader import Reader, day_of, rows_in
from .refresh import refresh_stories
from .stories import COLD_STORIES, WINDOW_DAYS, Story, StoryIndex, noun_weighted

log = logging.getLogger(__name__)
CHUNK = 2000  # articles read and written together: per-chunk reads scan tables that grow with the corpus
ENTITY_WEIGHT = 2.5

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class CorpusReport:
    articles: int = 0
    stories_new: int = 0
    stories_touched: int = 0
    stories_merged: int = 0  # stories stored before that joined another (their ids now its aliases)
    links: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------- helpers
def _text_hash(text: str, words: Sequence[str] | None = None) -> str:
    """The hash of a body's words (`words`: its `tokens`, when known): one text in other markup,
    case or spacing is one copy."""
    return hashlib.sha256(" ".join(tokens(text) if words is None else words).encode()).hexdigest()[:24]


def _vector(title: str | None, text: str, entities: Sequence[tuple[str, int]],
            df: CorpusDf | None = None, words: Callable[[str], list[str]] | None = None,
            local: Sequence[tuple[str, float]] = ()) -> dict[str, float]:
    extra = [(f"@{name}", ENTITY_WEIGHT * (1.0 + np.log(max(1, n)))) for name, n in entities]
    extra += local
    return weighted_terms([(title or "", 2.0), (text, 1.0)], extra, damp=df.damp if df else None, words=words)


class CorpusDf:
    """Document frequencies of terms in the corpus (stored ones plus the run's pending
    articles), to lower the weight of what most articles of this corpus share: a name on every
    page of an election corpus says little about which story a page tells; and of what no
    other article has: a term found in one article only (the name of a resident one outlet
    quoted, a ticker code, a typo) can match no story, and at full weight it only dilutes what
    the article shares with its story's other reports. Below MIN_DOCS articles the fixed IDF
    prior is used alone."""

    MIN_DOCS = 50
    FLOOR = 0.3  # a term in every article keeps this share of its weight
    UNIQUE = 0.3  # ...and a term in no other article this share

    def __init__(self, n: int, df: dict[str, int]):
        self.n, self.df = n, df
        self._log_n = np.log(n + 1.0)

    def damp(self, term: str) -> float:
        if self.n < self.MIN_DOCS:
            return 1.0
        if self.df.get(term, 0) <= 1:
            return self.UNIQUE
        share = np.log((self.n + 1.0) / (self.df.get(term, 0) + 0.5)) / self._log_n
        return float(self.FLOOR + (1.0 - self.FLOOR) * min(1.0, max(0.0, share)))


def _figure(word: str) -> bool:
    """Whether a token is a figure a page in another language shares with its story's coverage (a
    toll, a count, a score: 344), not a year (2019) or the digits after a thousands separator
    (the 000 of 4.000 or 4,000)."""
    year = len(word) == 4 and word[:2] in ("19", "20")
    return word.isascii() and word.isdigit() and word.strip("0") != "" and not year


def _article_terms(text: str, title: str | None, names: Sequence[str],
                   words: Callable[[str], list[str]] = content_words,
                   local: Sequence[tuple[str, float]] = ()) -> set[str]:
    return set(words(text)) | set(words(title or "")) | {f"@{n}" for n in names} | {t for t, _ in local}


def _local_terms(title: str | None, text: str, language: str | None) -> list[tuple[str, float]]:
    """`local_terms` of an article, its title counted twice as `_vector` counts it."""
    return local_terms(f"{title or ''}\n{title or ''}\n{text}", language)


def _caseless_foreign(text: str, language: str | None) -> bool:
    """Whether a stored article is in another language written without capitals (its language
    as stored: the document-frequency pass reads no tokens)."""
    return other_than_english(language) is not None and caseless(text)


def _corpus_df(con, pending: Sequence[str]) -> CorpusDf:
    """The document frequencies of the stored corpus and the run's pending articles (counted here
    and again, per chunk, for the stored table: keeping every pending article's terms until its
    chunk would grow with the run)."""
    counts: Counter[str] = Counter()
    for k in range(0, len(pending), 2000):
        ids = pending[k:k + 2000]
        names: dict[str, list[str]] = {}
        for aid, name in rows_in(con, "SELECT article_id, name FROM entities WHERE article_id IN (SELECT unnest(?))",
                                  ids):
            names.setdefault(aid, []).append(name)
        for aid, title, text, language in rows_in(
                con, "SELECT id, title, text, language FROM articles WHERE id IN (SELECT unnest(?))", ids):
            local = _local_terms(title, text, language) if _caseless_foreign(text, language) else ()
            counts.update(_article_terms(text, title, names.get(aid, ()), local=local))
    stored = con.execute("SELECT count(*) FROM corpus_articles").fetchone()[0]
    for term, n in rows_in(con, "SELECT term, df FROM term_df WHERE term IN (SELECT unnest(?))", sorted(counts)):
        counts[term] += n
    return CorpusDf(stored + len(pending), dict(counts))


# --------------------------------------------------------------------------- the stage
def update(con, on_progress: Progress | None = None, chunk: int = CHUNK) -> CorpusReport:
    """Give every article not yet seen its links and story; rebuild the touched stories."""
    report = CorpusReport()
    _fill_credits(con)
    pending = [r[0] for r in con.execute("""SELECT a.id FROM articles a
        WHERE NOT EXISTS (SELECT 1 FROM corpus_articles c WHERE c.article_id = a.id)
        ORDER BY a.published NULLS LAST, a.ingested_at, a.id""").fetchall()]
    if not pending:
        refresh_stories(con, [r[0] for r in con.execute("SELECT id FROM stories WHERE dirty ORDER BY id").fetchall()])
        return report
    index = _load_index(con, pending)
    df = _corpus_df(con, pending)
    cache = RunCache()
    seq = con.execute("SELECT coalesce(max(seq), 0) FROM corpus_articles").fetchone()[0]
    touched: set[str] = set()
    known = set(index.stories)
    for k in range(0, len(pending), chunk):
        ids = pending[k:k + chunk]
        seq = _run_chunk(con, ids, index, seq, touched, report, df, cache)
        report.articles += len(ids)
        if on_progress:
            on_progress(len(ids), len(pending))
    report.stories_new = len(touched - known)
    report.stories_touched = len(touched)
    dirty = {r[0] for r in con.execute("SELECT id FROM stories WHERE dirty").fetchall()}
    refresh_stories(con, sorted(touched | dirty))
    return report


def _fill_credits(con, batch: int = 5000) -> None:
    """Credits for the articles stored before they were read at ingest (migration 014)."""
    while True:
        rows = con.execute(f"""SELECT id, url, outlet, raw_text,
                list_max(list_transform(offsets, o -> o.raw_start + o.raw_len))
                FROM articles WHERE credits IS NULL LIMIT {batch}""").fetchall()
        if not rows:
            return
        found = pa.table({"id": [r[0] for r in rows], "credits": pa.array(
            [_stored_credits(*r) for r in rows], pa.list_(pa.string()))})
        con.register("ng_credits", found)
        con.execute("UPDATE articles SET credits = f.credits FROM ng_credits f WHERE articles.id = f.id")
        # the stories of articles now credited count their sources again
        con.execute("""UPDATE stories SET dirty = true WHERE id IN (SELECT c.story_id FROM corpus_articles c
                       JOIN ng_credits f ON f.id = c.article_id WHERE len(f.credits) > 0)""")
        con.unregister("ng_credits")


def _stored_credits(aid: str, url: str | None, outlet: str | None, raw: str | None, end: int | None) -> list[str]:
    try:
        return list(article_credits(raw or "", url, outlet, end))
    except Exception as exc:  # noqa: BLE001 - one page the rules cannot read keeps no credit; the run goes on
        log.warning("agency credits of article %s not read: %s", aid, exc)
        return []


def _load_index(con, pending: Sequence[str]) -> StoryIndex:
    """The stories the pending articles can join: those live from the earliest pending date on
    and, when some pending articles are undated, the COLD_STORIES most recently updated others."""
    first, undated = rows_in(con, """SELECT min(published), count(*) FILTER (WHERE published IS NULL)
                                      FROM articles WHERE id IN (SELECT unnest(?))""", pending)[0]
    cols = f"SELECT {STORY_COLUMNS} FROM stories"
    if first is None:  # every pending article undated: any story
        rows, others, params = [], "", []
    else:
        since = first - dt.timedelta(days=WINDOW_DAYS)
        rows = con.execute(cols + " WHERE last_date >= ?", [since]).fetchall()
        # undated stories stay open to dated articles; undated articles may join ended ones too
        others, params = (" WHERE last_date IS NULL OR last_date < ?", [since]) if undated else (
            " WHERE last_date IS NULL", [])
    rows += con.execute(cols + others + f" ORDER BY updated_at DESC, id LIMIT {COLD_STORIES}", params).fetchall()
    rows.sort(key=lambda r: (r[6], r[0]))
    index = StoryIndex(story_of_row(r) for r in rows)
    for a, b in con.execute("SELECT a, b FROM stories_apart WHERE a <> b").fetchall():
        index.apart.setdefault(a, set()).add(b)
        index.apart.setdefault(b, set()).add(a)
    return index


STORY_COLUMNS = """id, first_article, terms, articles, first_date, last_date,
                   coalesce(updated_at, TIMESTAMP '1970-01-01') AS updated_at, embedding"""


def story_of_row(row: tuple) -> Story:
    """A stored story (its STORY_COLUMNS) as the index holds it."""
    sid, first_article, terms, n, d0, d1, _, emb = row
    return Story(sid, first_article, {t["term"]: t["w"] for t in terms or []}, n, d0, d1,
                 emb=None if emb is None else np.asarray(emb, dtype=np.float32))


def _run_chunk(con, ids: Sequence[str], index: StoryIndex, seq: int, touched: set[str],
               report: CorpusReport, df: CorpusDf | None = None,
               cache: RunCache | None = None) -> int:
    """Links and stories of a chunk of articles, in arrival order. What the chunk needs from the
    stored corpus (earlier copies, LSH candidates, story members, sentences, dates) is read with
    one query per kind, never one per article: a query here scans a table that grows with the
    corpus."""
    cache = cache or RunCache()
    index.mark()
    read = Reader(con)
    arts = {r[0]: r for r in read.rows("""SELECT id, title, text, published, language FROM articles
                                           WHERE id IN (SELECT unnest(?))""", ids)}
    ents: dict[str, list[tuple[str, int]]] = {}
    for aid, name, n in read.rows("""SELECT article_id, name, len(mentions) FROM entities
                                     WHERE article_id IN (SELECT unnest(?))""", ids):
        ents.setdefault(aid, []).append((name, n))
    # each body is tokenised once, for its hash, shingles, story vector and term counts
    toks = {i: tokens(arts[i][2]) for i in ids}
    memo: dict[str, list[str]] = {arts[i][2]: content_tokens(toks[i]) for i in ids}

    def words(text: str) -> list[str]:
        found = memo.get(text)
        if found is None:
            found = memo[text] = content_words(text)
        return found

    sigs = {i: dedup.signature(arts[i][2], toks[i]) for i in ids}
    leads = dict(zip(ids, lead_vectors([(arts[i][1], arts[i][2]) for i in ids])))
    hashes = {i: _text_hash(arts[i][2], toks[i]) for i in ids}
    # an article in another language meets its story by the names it shares with it: its vector
    # keeps only those and the numbers it writes (a death toll, a vote count: 344 to 286), and its
    # lead vector (an English model's) is left out of the story's; where they do not place it, its
    # title and lead read by a multilingual encoder may (`Meaning`, stories.ML_JOIN)
    foreign = {i: name_terms(arts[i][2]) for i in ids if not is_english(toks[i], arts[i][4])}
    for i in foreign:
        leads[i] = np.zeros_like(leads[i])
    # one in a script without capitals shows no names: it meets its story by its own words
    local = {i: _local_terms(arts[i][1], arts[i][2], arts[i][4]) for i in foreign if caseless(arts[i][2])}
    del toks
    bands = {i: dedup.band_keys(sigs[i]) for i in ids}
    stored = StoredOriginals(con, ids, sigs, hashes, bands)

    local_bands: dict[tuple[int, int], list[str]] = {}
    local_hash: dict[str, list[str]] = {}
    chunk_stories: dict[str, Story] = {}
    before = set(index.stories)  # the stories there before the chunk (those it begins are the others)
    story_of: dict[str, str] = {}
    vectors: dict[str, dict[str, float]] = {}
    found: list[tuple[str, str, list[tuple]]] = []  # (article, story, its copy and near-copy links, best first)
    rows, band_rows = [], []
    meaning = Meaning(read, cache, arts, set(foreign), before)
    for aid in ids:
        _, title, text, published, _ = arts[aid]
        day = day_of(published)
        sig = sigs[aid]
        names = foreign.get(aid)
        if names is None:
            vec = _vector(title, text, ents.get(aid, ()), df, words)
        elif aid in local:
            vec = _vector(None, "", (), df, local=local[aid])
        else:
            vec = _vector(title, text, ents.get(aid, ()), df, lambda t, names=names: [
                w for w in words(t) if w in names or _figure(w)])
        # a German page's common words weigh less against stories in other languages
        german = names is not None and aid not in local and base(arts[aid][4]) == "de"
        vectors[aid] = vec
        same = [o for o in stored.by_hash.get(hashes[aid], []) + local_hash.get(hashes[aid], []) if o != aid]
        if same and sig.n_shingles >= dedup.MIN_SHINGLES:
            copies = [(aid, o, "copy", 1.0) for o in same[:MAX_COPY_LINKS]]
        else:
            copies = near_copy_links(aid, sig, bands[aid], stored.candidates.get(aid, []), local_bands, sigs)
        link = copies[0] if copies else None
        if link:
            sid = story_of.get(link[1]) or stored.story_of.get(link[1])
            if sid not in index.stories:  # a story outside the loaded window
                sid = None
            score = 1.0
        else:
            sid, score = index.best(vec, day, leads[aid], names=names is not None, german=german,
                                    ml=None if names is None or aid in local else (
                                        meaning.article_language(aid), lambda aid=aid: meaning.article(aid)),
                                    ml_of=meaning, year=None if day is not None else year_floor(
                                        f"{title or ''}\n{text}", index.latest.year if index.latest else None))
        if german and sid is not None and not index.stories[sid].german():
            vec = vectors[aid] = noun_weighted(vec, index.stories[sid].sums)  # as that story sees it
        sid = story_of[aid] = index.add(sid, aid, vec, day, leads[aid])
        meaning.add(aid, sid)
        chunk_stories[sid] = index.stories[sid]  # kept for the write even if the index forgets it
        found.append((aid, sid, copies))
        if sig.n_shingles >= dedup.MIN_SHINGLES:
            local_hash.setdefault(hashes[aid], []).append(aid)
        copy = link is not None and link[2] == "copy"
        if not copy:  # a copy adds nothing to the index: its original is there
            for b, key in enumerate(bands[aid]):
                local_bands.setdefault((b, key), []).append(aid)
        seq += 1
        rows.append({"article_id": aid, "seq": seq, "story_id": sid, "story_score": score, "day": day,
                     "text_hash": hashes[aid], "minhash": [int(x) for x in sig.hashvalues],
                     "n_shingles": sig.n_shingles,
                     "terms": [{"term": t, "w": w} for t, w in vec.items()], "summary": None})
        if not copy:
            band_rows.extend((b, key, seq) for b, key in enumerate(bands[aid]))
    # an article in another script (Arabic, Japanese, Russian...) shares no term with coverage in
    # Latin letters, one in Spanish may name its places otherwise ("Niza", "Filadelfia"): a story of
    # such pages that neither names nor terms placed may meet one by meaning alone, where the encoder
    # reads their language (not Greek, Hindi, Hebrew...: their pages of one event read hardly closer
    # to it than to any other)
    readable = {i for i in foreign if encoder_reads(arts[i][4])}
    merged: dict[str, str] = {}  # stored stories joined to another: dropped id -> kept id
    moved = _consolidate(index, ids, story_of, chunk_stories, set(chunk_stories) - before, vectors, leads, arts,
                         meaning, readable, merged)
    moved |= _reassign(index, ids, story_of, chunk_stories, vectors, leads, arts,
                       {x for _, _, copies in found for link in copies for x in link[:2]}, before)
    if moved:
        found = [(aid, story_of[aid], copies) for aid, _, copies in found]
        for row in rows:
            if row["article_id"] in moved:  # its story and its similarity to the story it is now in
                row["story_id"] = story_of[row["article_id"]]
                row["story_score"] = index.stories[row["story_id"]].similarity(vectors[row["article_id"]])
    if merged:
        cache.join_stories(merged)
    texts = {i: arts[i][2] for i in ids}
    found = verified(read, found, sigs, stored, cache, texts)
    in_story = story_links(con, read, found, vectors, cache, texts)
    links = [x for aid, _, copies in found for x in copies + in_story.get(aid, [])]
    links += second_hop(read, links, cache, texts)
    links = orient(con, links, arts)
    for link in links:
        report.links[link[2]] = report.links.get(link[2], 0) + 1
    touched.update(chunk_stories)
    touched.difference_update(merged)
    chunk_df = Counter(t for aid in ids for t in _article_terms(
        arts[aid][2], arts[aid][1], [name for name, _ in ents.get(aid, ())], words, local.get(aid, ())))
    _write_chunk(con, rows, band_rows, links, chunk_stories, chunk_df, merged)
    report.stories_merged += len(merged)
    return seq



def _consolidate(index: StoryIndex, ids: Sequence[str], story_of: dict[str, str], chunk_stories: dict[str, Story],
                 fresh: set[str], vectors: dict[str, dict[str, float]], leads: dict[str, np.ndarray],
                 arts: dict[str, tuple], meaning: Meaning | None = None,
                 readable: frozenset[str] | set[str] = frozenset(), merged: dict[str, str] | None = None) -> set[str]:
    """Stories the chunk began join a story at least as large close to them (StoryIndex.closest),
    smallest first: an event's first reports often start a story of their own before the
    coverage that ties them to it arrives, and two parts of one event's coverage can each gather
    articles before either is close enough to the other's first ones. Only stories not yet stored
    move, so a stored story id never changes; of two stories the chunk began, the one whose first
    article came first keeps its id, and a story so grown is looked at again. The articles that
    moved. A story of articles in other languages than English that the encoder reads (`readable`),
    which neither names nor terms placed, may join one in another language by meaning
    (`across_languages`)."""
    members: dict[str, list[str]] = {}
    for aid in ids:
        members.setdefault(story_of[aid], []).append(aid)
    order = {aid: k for k, aid in enumerate(ids)}
    pending = sorted((sid for sid in fresh if sid in members), key=lambda x: (len(members[x]), x))
    moved: set[str] = set()
    while pending:
        sid = pending.pop(0)
        story = index.stories.get(sid)
        if story is None:
            continue
        into = index.closest(story, meaning)
        if into is None and meaning is not None and all(a in readable for a in members[sid]):
            into = across_languages(index, story, chunk_stories, meaning)
        if into is None:
            continue
        keep, drop = into, sid
        if into in fresh and order[story.first_article] < order[index.stories[into].first_article]:
            keep, drop = sid, into
        chunk_stories[keep] = index.merge(drop, keep, [(vectors[a], day_of(arts[a][3]), leads[a])
                                                       for a in members[drop]])
        _hand_over(drop, keep, chunk_stories, members, story_of, meaning, moved)
        if keep in fresh:  # grown, it may join a larger story in turn
            pending = sorted({*pending, keep} & members.keys(), key=lambda x: (len(members[x]), x))
    if merged is not None:
        moved |= _join_stored(index, story_of, chunk_stories, fresh, members, vectors, leads, arts, meaning, merged)
    return moved


def _join_stored(index: StoryIndex, story_of: dict[str, str], chunk_stories: dict[str, Story], fresh: set[str],
                 members: dict[str, list[str]], vectors: dict[str, dict[str, float]],
                 leads: dict[str, np.ndarray], arts: dict[str, tuple], meaning: Meaning | None,
                 merged: dict[str, str]) -> set[str]:
    """Stories stored by earlier runs (or an earlier chunk of this one) that the chunk grew, smallest
    first, join another story they now belong with (`StoryIndex.closest`: one at least as large, or
    one the chunk grew too, of any size): a daily feed stores an event's first reports as two
    stories before the coverage that ties them arrives, and one run over the same articles would
    have joined them. Of two stored stories the larger keeps its id (on a tie the
    one begun first) and the other's id becomes its alias (`merged`: dropped id -> kept id, for the
    store); a story the chunk began keeps none against a stored one. The chunk's articles moved."""
    moved: set[str] = set()
    pending = sorted((sid for sid in chunk_stories if sid not in fresh and sid in index.stories),
                     key=lambda x: (index.stories[x].articles, x))
    while pending:
        sid = pending.pop(0)
        story = index.stories.get(sid)
        if story is None:
            continue
        into = index.closest(story, meaning, also=chunk_stories)
        if into is None:
            continue
        other = index.stories[into]
        if into in fresh:
            keep, drop = sid, into
            chunk_stories[keep] = index.merge(drop, keep, [(vectors[a], day_of(arts[a][3]), leads[a])
                                                           for a in members.get(drop, ())])
        else:
            keep, drop = into, sid
            if _keeps(story) < _keeps(other):
                keep, drop = sid, into
            chunk_stories[keep] = index.absorb(drop, keep)
            for old, new in merged.items():  # what was merged into the dropped story before
                if new == drop:
                    merged[old] = keep
            merged[drop] = keep
        _hand_over(drop, keep, chunk_stories, members, story_of, meaning, moved)
        # grown, it may join another in turn
        pending = sorted({*pending, keep} & index.stories.keys(), key=lambda x: (index.stories[x].articles, x))
    return moved


def _hand_over(drop: str, keep: str, chunk_stories: dict[str, Story], members: dict[str, list[str]],
               story_of: dict[str, str], meaning: Meaning | None, moved: set[str]) -> None:
    """Story `drop` joined `keep` in the index: the chunk's articles of it are `keep`'s now."""
    chunk_stories.pop(drop, None)
    group = members.pop(drop, [])
    for aid in group:
        story_of[aid] = keep
    if meaning is not None:
        meaning.move(group, drop, keep)
    members.setdefault(keep, []).extend(group)
    moved.update(group)


def _keeps(story: Story) -> tuple[int, dt.date, str]:
    """Of two stored stories joined, the one whose key is lower keeps its id: the larger, then the
    one begun first (undated after any dated), then the lower id."""
    return -story.articles, story.first_date or dt.date.max, story.id



def _reassign(index: StoryIndex, ids: Sequence[str], story_of: dict[str, str], chunk_stories: dict[str, Story],
              vectors: dict[str, dict[str, float]], leads: dict[str, np.ndarray], arts: dict[str, tuple],
              tied: set[str], before: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """Once the chunk is placed and its stories merged, each of its articles, in arrival order, moves
    to another story it fits clearly better than its own (`StoryIndex.better`): a page placed
    before its event's coverage arrived (an early Spanish page on a convention joined a story of
    another country's coup by a word both capitalise, "Estado"). Not moved: a story's first article
    (its id is made from it), the last article of a story, and copies and their originals, which
    stay together. A story begun in the chunk (not in `before`) takes the days of the articles it
    keeps; one stored before keeps its days. The articles moved."""
    moved: set[str] = set()
    members: dict[str, list[str]] = {}
    for aid in ids:
        members.setdefault(story_of[aid], []).append(aid)
    latest = index.latest.year if index.latest else None
    for aid in ids:
        sid = story_of[aid]
        story = index.stories.get(sid)
        if story is None or story.articles < 2 or story.first_article == aid or aid in tied:
            continue
        _, title, text, published, _ = arts[aid]
        day = day_of(published)
        year = None if day is not None else year_floor(f"{title or ''}\n{text}", latest)
        found = index.better(sid, vectors[aid], day, leads[aid], year)
        if found is None:
            continue
        into = found[0]
        members[sid].remove(aid)
        members.setdefault(into, []).append(aid)
        days = None
        if sid not in before:  # all its articles are the chunk's: its days are theirs
            kept = sorted(d for d in (day_of(arts[a][3]) for a in members[sid]) if d is not None)
            days = (kept[0], kept[-1]) if kept else (None, None)
        chunk_stories[into] = index.move(aid, sid, into, vectors[aid], day, leads[aid], days)
        story_of[aid] = into
        moved.add(aid)
    return moved


def _story_rows(touched: dict[str, Story]) -> pa.Table:
    stories = [touched[i] for i in sorted(touched)]
    terms = pa.list_(pa.struct([("term", pa.string()), ("w", pa.float64())]))
    return pa.table({
        "id": pa.array([s.id for s in stories], pa.string()),
        "first_article": pa.array([s.first_article for s in stories], pa.string()),
        "articles": pa.array([s.articles for s in stories], pa.int32()),
        "first_date": pa.array([s.first_date for s in stories], pa.date32()),
        "last_date": pa.array([s.last_date for s in stories], pa.date32()),
        "terms": pa.array([[{"term": k, "w": v} for k, v in sorted(s.sums.items())] for s in stories], terms),
        "embedding": pa.array([None if s.emb is None else s.emb.tolist() for s in stories], pa.list_(pa.float32())),
    })


_CORPUS_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("seq", pa.int32()), ("story_id", pa.string()), ("story_score", pa.float64()),
    ("day", pa.date32()), ("text_hash", pa.string()), ("minhash", pa.list_(pa.uint64())),
    ("n_shingles", pa.int32()), ("terms", pa.list_(pa.struct([("term", pa.string()), ("w", pa.float64())]))),
    ("summary", pa.list_(pa.struct([("idx", pa.int32()), ("start", pa.int32()), ("end", pa.int32()),
                                    ("text", pa.string())])))])


def merge_stored(con, merged: dict[str, str]) -> None:
    """Stored stories joined to another (`merged`: dropped id -> kept id): their articles move, their
    derived rows go (the kept story is rebuilt), and each dropped id, and every alias that led to
    it, leads to the kept story (`story_aliases`), so an id a reader saved still finds its story."""
    con.register("merged_stories", pa.table({"alias": pa.array(list(merged), pa.string()),
                                             "story_id": pa.array(list(merged.values()), pa.string())}))
    con.execute("""UPDATE corpus_articles c SET story_id = m.story_id FROM merged_stories m
                   WHERE c.story_id = m.alias""")
    for table in ("event_clusters", "claims"):
        con.execute(f"DELETE FROM {table} WHERE story_id IN (SELECT alias FROM merged_stories)")
    con.execute("DELETE FROM stories WHERE id IN (SELECT alias FROM merged_stories)")
    for side in ("a", "b"):  # stories parted by hand stay parted from what they joined
        con.execute(f"UPDATE stories_apart p SET {side} = m.story_id FROM merged_stories m WHERE p.{side} = m.alias")
    apart_once(con)
    con.execute("""UPDATE story_aliases a SET story_id = m.story_id FROM merged_stories m
                   WHERE a.story_id = m.alias""")
    con.execute("""INSERT OR REPLACE INTO story_aliases SELECT alias, story_id, now() FROM merged_stories""")
    con.unregister("merged_stories")


def apart_once(con) -> None:
    """Each pair of stories parted by hand once, in one order, none with itself (a small table)."""
    pairs = con.execute("""SELECT DISTINCT least(a, b), greatest(a, b) FROM stories_apart WHERE a <> b
                           ORDER BY 1, 2""").fetchall()
    con.execute("DELETE FROM stories_apart")
    if pairs:
        con.executemany("INSERT INTO stories_apart VALUES (?, ?)", pairs)


def put_stories(con, touched: dict[str, Story]) -> None:
    """Write these stories' rows (their terms, lead vectors, counts and days; new ones inserted),
    marked for a rebuild, inside the caller's transaction."""
    con.register("new_stories", _story_rows(touched))
    con.execute("""INSERT INTO stories (id, first_article, articles, outlets, independent_outlets,
            first_date, last_date, terms, updated_at, embedding)
        SELECT id, first_article, articles, 0, 0, first_date, last_date, terms, now(), embedding FROM new_stories
        ON CONFLICT (id) DO UPDATE SET first_article = excluded.first_article, articles = excluded.articles,
            first_date = excluded.first_date, last_date = excluded.last_date, terms = excluded.terms,
            updated_at = excluded.updated_at, embedding = excluded.embedding, dirty = true""")
    con.unregister("new_stories")


def _write_chunk(con, rows, band_rows, links, touched: dict[str, Story],
                 chunk_df: Counter | None = None, merged: dict[str, str] | None = None) -> None:
    with writing(con, "the corpus tables"):
        if merged:
            merge_stored(con, merged)
        if chunk_df:
            con.register("new_df", pa.table({"term": pa.array(list(chunk_df), pa.string()),
                                             "df": pa.array(list(chunk_df.values()), pa.int32())}))
            con.execute("""INSERT INTO term_df SELECT term, df FROM new_df
                           ON CONFLICT (term) DO UPDATE SET df = term_df.df + excluded.df""")
            con.unregister("new_df")
        con.register("new_corpus", pa.Table.from_pylist(rows, schema=_CORPUS_SCHEMA))
        con.execute("INSERT INTO corpus_articles SELECT * FROM new_corpus")
        con.unregister("new_corpus")
        if band_rows:
            con.register("new_bands", pa.table({"band": pa.array([r[0] for r in band_rows], pa.uint8()),
                                                "key": pa.array([r[1] for r in band_rows], pa.uint64()),
                                                "seq": pa.array([r[2] for r in band_rows], pa.int32())}))
            con.execute("INSERT INTO lsh_bands SELECT * FROM new_bands")
            con.unregister("new_bands")
        if links:
            con.register("new_links", pa.table({"article_id": [x[0] for x in links], "other_id": [x[1] for x in links],
                                                "type": [x[2] for x in links],
                                                "score": pa.array([float(x[3]) for x in links], pa.float64())}))
            con.execute("INSERT OR REPLACE INTO links SELECT * FROM new_links")
            con.unregister("new_links")
        put_stories(con, touched)


@contextmanager
def writing(con, what: str) -> Iterator[None]:
    """One transaction: committed at the end of the block, or rolled back (an interrupt too), a
    database error raised as a StoreError naming `what`."""
    try:
        con.begin()
        yield
        con.commit()
    except BaseException as exc:
        con.rollback()
        if isinstance(exc, Exception) and not isinstance(exc, StoreError):
            raise StoreError(f"could not write {what}: {exc}") from None
        raise


__all__ = ["CorpusReport", "apart_once", "merge_stored", "put_stories", "refresh_stories", "story_of_row", "update",
           "writing"]
