"""The corpus stage: new articles get copies/rewrites links and a story; touched stories get
their event clusters, claims and summaries recomputed (refresh.py). Incremental: a run only
reads the articles the stage has not seen, and only rebuilds the stories they joined."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice

import numpy as np
import pyarrow as pa

from ..clean.language import base, other_than_english
from ..errors import StoreError
from ..ingest.credits import article_credits
from . import dedup
from .features import (
    caseless,
    content_tokens,
    content_words,
    cosine,
    is_english,
    lead_vectors,
    local_terms,
    multilingual_vectors,
    name_terms,
    other_script,
    tokens,
    weighted_terms,
    year_floor,
)
from .reader import Reader, day_of, rows_in, split_sentences
from .refresh import refresh_stories
from .stories import COLD_STORIES, WINDOW_DAYS, Story, StoryIndex, noun_weighted

log = logging.getLogger(__name__)
CHUNK = 2000  # articles read and written together: per-chunk reads scan tables that grow with the corpus
REWRITE_CANDIDATES = 12  # most similar earlier articles of the story checked for a rewrite
REWRITE_MIN_COSINE = 0.45
NEAR_CANDIDATES = 30  # most similar earlier articles of the story checked for a near copy LSH missed...
NEAR_MIN_COSINE = 0.2  # ...by terms at least (reprints with other later paragraphs share few top terms)
SAME_TEXT = 0.8  # estimated Jaccard above which two bodies are one text, however much of it is quoted
MAX_CANDIDATES = 50  # most recent near-copy candidates per article
MAX_COPY_LINKS = 10  # earlier articles an article is linked to as their copy (best first): every pair of
# one wire text's reprints is linked, not only a chain, up to this many per article
ENTITY_WEIGHT = 2.5

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class CorpusReport:
    articles: int = 0
    stories_new: int = 0
    stories_touched: int = 0
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
    cache = _RunCache()
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
    cols = """SELECT id, first_article, terms, articles, first_date, last_date,
              coalesce(updated_at, TIMESTAMP '1970-01-01'), embedding FROM stories"""
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
    return StoryIndex(Story(sid, first_article, {t["term"]: t["w"] for t in terms or []}, n, d0, d1,
                            emb=None if emb is None else np.asarray(emb, dtype=np.float32))
                      for sid, first_article, terms, n, d0, d1, _, emb in rows)


def _run_chunk(con, ids: Sequence[str], index: StoryIndex, seq: int, touched: set[str],
               report: CorpusReport, df: CorpusDf | None = None,
               cache: _RunCache | None = None) -> int:
    """Links and stories of a chunk of articles, in arrival order. What the chunk needs from the
    stored corpus (earlier copies, LSH candidates, story members, sentences, dates) is read with
    one query per kind, never one per article: a query here scans a table that grows with the
    corpus."""
    cache = cache or _RunCache()
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
    # title and lead read by a multilingual encoder may (`_Meaning`, stories.ML_JOIN)
    foreign = {i: name_terms(arts[i][2]) for i in ids if not is_english(toks[i], arts[i][4])}
    for i in foreign:
        leads[i] = np.zeros_like(leads[i])
    # one in a script without capitals shows no names: it meets its story by its own words
    local = {i: _local_terms(arts[i][1], arts[i][2], arts[i][4]) for i in foreign if caseless(arts[i][2])}
    del toks
    bands = {i: dedup.band_keys(sigs[i]) for i in ids}
    stored = _StoredOriginals(con, ids, sigs, hashes, bands)

    local_bands: dict[tuple[int, int], list[str]] = {}
    local_hash: dict[str, list[str]] = {}
    chunk_stories: dict[str, Story] = {}
    before = set(index.stories)  # the stories there before the chunk (those it begins are the others)
    story_of: dict[str, str] = {}
    vectors: dict[str, dict[str, float]] = {}
    found: list[tuple[str, str, list[tuple]]] = []  # (article, story, its copy and near-copy links, best first)
    rows, band_rows = [], []
    meaning = _Meaning(read, cache, arts, set(foreign), before)
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
            copies = _near_copy_links(aid, sig, bands[aid], stored.candidates.get(aid, []), local_bands, sigs)
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
    # Latin letters: its story may meet one there by meaning alone, where the encoder reads it
    scripts = set(local) | {i for i in foreign if other_script(arts[i][2], arts[i][4])}
    moved = _consolidate(index, ids, story_of, chunk_stories, set(chunk_stories) - before, vectors, leads, arts,
                         meaning, scripts)
    if moved:
        found = [(aid, story_of[aid], copies) for aid, _, copies in found]
        for row in rows:
            if row["article_id"] in moved:  # its story and its similarity to the story it is now in
                row["story_id"] = story_of[row["article_id"]]
                row["story_score"] = index.stories[row["story_id"]].similarity(vectors[row["article_id"]])
    texts = {i: arts[i][2] for i in ids}
    found = _verified(read, found, sigs, stored, cache, texts)
    in_story = _story_links(con, read, found, vectors, cache, texts)
    links = [x for aid, _, copies in found for x in copies + in_story.get(aid, [])]
    links += _second_hop(read, links, cache, texts)
    links = _orient(con, links, arts)
    for link in links:
        report.links[link[2]] = report.links.get(link[2], 0) + 1
    touched.update(chunk_stories)
    chunk_df = Counter(t for aid in ids for t in _article_terms(
        arts[aid][2], arts[aid][1], [name for name, _ in ents.get(aid, ())], words, local.get(aid, ())))
    _write_chunk(con, rows, band_rows, links, chunk_stories, chunk_df)
    return seq


class _StoredOriginals:
    """What the stored corpus holds for a chunk: the first stored article with each body of the
    chunk, each article's most recent LSH candidates (many copies of one text share every band),
    and the stories of both."""

    def __init__(self, con, ids: Sequence[str], sigs: dict[str, dedup.Signature], hashes: dict[str, str],
                 bands: dict[str, list[int]]):
        self.by_hash: dict[str, list[str]] = {}  # the first MAX_COPY_LINKS stored articles with the body
        self.story_of: dict[str, str] = {}
        for h, aids, sid in rows_in(con, f"""SELECT text_hash, list(article_id ORDER BY seq)[:{MAX_COPY_LINKS}],
                arg_min(story_id, seq) FROM corpus_articles WHERE text_hash IN (SELECT unnest(?)) GROUP BY 1""",
                                    sorted(set(hashes.values()))):
            self.by_hash[h] = aids
            self.story_of[aids[0]] = sid
        look = [i for i in ids if not (sigs[i].n_shingles >= dedup.MIN_SHINGLES and hashes[i] in self.by_hash)]
        self.candidates = self._candidates(con, look, bands)

    def _candidates(self, con, look: Sequence[str],
                    bands: dict[str, list[int]]) -> dict[str, list[tuple[str, dedup.Signature]]]:
        con.register("chunk_bands", pa.table({
            "band": pa.array([b for i in look for b in range(len(bands[i]))], pa.uint8()),
            "key": pa.array([key for i in look for key in bands[i]], pa.uint64()),
            "article_id": pa.array([i for i in look for _ in bands[i]], pa.string())}))
        pairs = con.execute(f"""
            SELECT article_id, seq FROM (
                SELECT article_id, seq, row_number() OVER (PARTITION BY article_id ORDER BY seq DESC) AS k
                FROM (SELECT DISTINCT c.article_id, l.seq FROM chunk_bands c
                      JOIN lsh_bands l ON l.band = c.band AND l.key = c.key))
            WHERE k <= {MAX_CANDIDATES}""").fetchall()
        con.unregister("chunk_bands")
        sig_of = {}
        if pairs:
            con.register("cand_seqs", pa.table({"seq": pa.array(sorted({p[1] for p in pairs}), pa.int32())}))
            got = con.execute("""SELECT c.seq, c.article_id, c.minhash, c.n_shingles,
                    c.story_id FROM corpus_articles c JOIN cand_seqs USING (seq)""").to_arrow_table()
            con.unregister("cand_seqs")
            # the signatures as one array: a list of 128 Python ints per candidate costs more than the query
            mh = got.column("minhash").combine_chunks()
            flat = mh.flatten().to_numpy(zero_copy_only=False).astype(np.uint64, copy=False)
            offsets = mh.offsets.to_numpy()
            for k, (seq_, other, n, sid) in enumerate(zip(*(got.column(c).to_pylist() for c in (
                    "seq", "article_id", "n_shingles", "story_id")))):
                sig_of[seq_] = (other, dedup.Signature(flat[offsets[k]:offsets[k + 1]], n))
                self.story_of[other] = sid
        out: dict[str, list[tuple[str, dedup.Signature]]] = {}
        for aid, seq_ in pairs:
            if seq_ in sig_of:
                out.setdefault(aid, []).append(sig_of[seq_])
        return out


def _near_copy_links(aid: str, sig: dedup.Signature, keys: Sequence[int], stored: list[tuple[str, dedup.Signature]],
                     local_bands: dict[tuple[int, int], list[str]], sigs: dict[str, dedup.Signature]) -> list[tuple]:
    """The near copies among the stored candidates and the chunk's earlier articles that share a
    band with this one, closest first (ties: the smaller id), at most MAX_COPY_LINKS."""
    cands = list(stored)
    seen = {c[0] for c in cands}
    for b, key in enumerate(keys):
        for other in local_bands.get((b, key), ()):
            if other not in seen:
                seen.add(other)
                cands.append((other, sigs[other]))
    near = sorted(((-score, other) for (other, _), score in zip(cands, dedup.near_copy_scores(
        [c[1] for c in cands], sig)) if score is not None))[:MAX_COPY_LINKS]
    return [(aid, other, "near_copy", round(-score, 4)) for score, other in near]


def _orient(con, links: Sequence[tuple], arts: dict[str, tuple]) -> list[tuple]:
    """A link points from the copy to the original: the later-published article copies the
    earlier one, whatever order they arrived in (arrival order when a date is missing)."""
    stored = dict(rows_in(con, "SELECT article_id, day FROM corpus_articles WHERE article_id IN (SELECT unnest(?))",
                           sorted({x[1] for x in links if x[1] not in arts})))
    out = []
    for link in links:
        day = day_of(arts[link[0]][3])
        other = link[1]
        when = day_of(arts[other][3]) if other in arts else stored.get(other)
        out.append((link[1], link[0], link[2], link[3]) if day is not None and when is not None and when > day
                   else link)
    return out


class _Meaning:
    """The languages and multilingual title-and-lead vectors (`multilingual_vectors`) of the stories
    that an article in another language is compared with (a story's: the mean of its last MEMBERS
    articles', in the language most of them are written in), and of such articles. Languages come
    from the articles as stored, vectors only when asked for stories in another language than the
    article's: a corpus in one language never loads the model. The last stored members of the
    stories loaded before the chunk are read in one query, the first time the chunk asks."""

    MEMBERS = 8

    def __init__(self, read: Reader, cache: _RunCache, arts: dict[str, tuple], foreign: set[str],
                 before: set[str]):
        self.read, self.cache, self.arts, self.foreign, self.before = read, cache, arts, foreign, before
        self.members: dict[str, list[str]] = {}  # the chunk's articles of each story, in arrival order
        self.order: dict[str, int] = {}  # each chunk article's place in arrival order
        self.stored: dict[str, list[tuple[str, str]]] | None = None  # read when first asked

    def add(self, aid: str, sid: str) -> None:
        self.order[aid] = len(self.order)
        self.members.setdefault(sid, []).append(aid)

    def move(self, group: Sequence[str], drop: str, keep: str) -> None:
        """The chunk's articles of story `drop` (`group`) merged into story `keep`."""
        self.members.pop(drop, None)
        self.members[keep] = sorted([*self.members.get(keep, []), *group], key=self.order.__getitem__)

    def article_language(self, aid: str) -> str:
        """A chunk article's language ("und": in another language than English, not known which)."""
        return base(self.arts[aid][4]) or ("und" if aid in self.foreign else "en")

    def _last(self, sid: str) -> list[tuple[str, str]]:
        """The story's last MEMBERS articles and their languages, newest first."""
        last = [(aid, self.article_language(aid)) for aid in islice(reversed(self.members.get(sid, [])), self.MEMBERS)]
        if len(last) < self.MEMBERS and sid in self.before:
            if self.stored is None:
                self.stored = {}
                for story, aid, language in self.read.rows(f"""SELECT m.story_id, m.article_id, a.language FROM (
                        SELECT story_id, article_id,
                               row_number() OVER (PARTITION BY story_id ORDER BY seq DESC) AS k
                        FROM corpus_articles WHERE story_id IN (SELECT unnest(?))) m
                        JOIN articles a ON a.id = m.article_id WHERE m.k <= {self.MEMBERS}
                        ORDER BY m.story_id, m.k""",
                                                           sorted(self.before)):
                    self.stored.setdefault(story, []).append((aid, base(language) or "en"))
            last += self.stored.get(sid, [])
        return last[:self.MEMBERS]

    def language(self, sid: str) -> str | None:
        """The language most of the story's last articles are written in (English on a tie; "und",
        another language not known which, is a language of its own)."""
        counts = Counter(code for _, code in self._last(sid))
        return max(sorted(counts), key=lambda code: (counts[code], code == "en")) if counts else None

    def article(self, aid: str) -> np.ndarray | None:
        return self._embed([aid]).get(aid)

    def vectors(self, sids: Sequence[str]) -> dict[str, np.ndarray]:
        last = {sid: [aid for aid, _ in self._last(sid)] for sid in sids}
        vecs = self._embed([aid for ids in last.values() for aid in ids])
        out = {}
        for sid, ids in last.items():
            have = [vecs[a] for a in ids if a in vecs]
            total = np.sum(have, axis=0) if have else None
            norm = float(np.linalg.norm(total)) if total is not None else 0.0
            if norm:
                out[sid] = total / norm
        return out

    def _embed(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        ids = list(dict.fromkeys(ids))
        need = [i for i in ids if i not in self.cache.ml]
        if need:
            items = {i: (self.arts[i][1], self.arts[i][2]) for i in need if i in self.arts}
            rest = [i for i in need if i not in items]
            if rest:
                items |= {i: (title, text) for i, title, text in self.read.rows(
                    "SELECT id, title, text FROM articles WHERE id IN (SELECT unnest(?))", rest)}
            found = [i for i in need if i in items]
            vecs = multilingual_vectors([items[i] for i in found])
            for i, vec in zip(found, vecs if vecs is not None else []):
                self.cache.ml[i] = vec
        return _recent(self.cache.ml, [i for i in ids if i in self.cache.ml], self.cache.ML)


class _RunCache:
    """What one run keeps in memory across chunks: the recent members (id and term vector) of the
    stories last touched, for the rewrite check, and recently aligned articles' sentence sets.
    Both are bounded; what was dropped is read again from the stored corpus, which then holds it."""

    MEMBERS = 200
    STORIES = 5000
    SETS = 4000
    ML = 20_000

    def __init__(self) -> None:
        self.ml: OrderedDict[str, np.ndarray] = OrderedDict()  # multilingual vectors (`_Meaning`)
        self.members: OrderedDict[str, list[tuple[str, dict[str, float]]]] = OrderedDict()
        self.sets: OrderedDict[str, dedup.SentenceSet] = OrderedDict()
        self.own: OrderedDict[str, dedup.OwnWords] = OrderedDict()

    def own_words(self, read: Reader, ids: Sequence[str], texts: dict[str, str] | None = None
                  ) -> dict[str, dedup.OwnWords]:
        """dedup.own_words_of these articles (`texts` at hand, the rest read in one query)."""
        ids = list(dict.fromkeys(ids))
        need = [i for i in ids if i not in self.own]
        have = {i: texts[i] for i in need if texts and i in texts}
        rest = [i for i in need if i not in have]
        if rest:
            have.update(read.rows("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))", rest))
        for i in need:
            text = have.get(i, "")
            self.own[i] = dedup.own_words_of(text, split_sentences(text))
        return _recent(self.own, ids, self.SETS)

    def load_members(self, con, sids: set[str]) -> None:
        """Have the members of these stories at hand (one query for those not yet cached)."""
        want = sorted(s for s in sids if s not in self.members)
        for sid in want:
            self.members[sid] = []
        for sid, aid, terms in rows_in(con, f"""SELECT story_id, article_id, terms FROM (
                SELECT story_id, article_id, terms, seq,
                       row_number() OVER (PARTITION BY story_id ORDER BY seq DESC) AS k
                FROM corpus_articles WHERE story_id IN (SELECT unnest(?)))
                WHERE k <= {self.MEMBERS} ORDER BY story_id, seq""", want):
            self.members[sid].append((aid, {t["term"]: t["w"] for t in terms or []}))
        for sid in sorted(sids):
            self.members.move_to_end(sid)
        while len(self.members) > max(self.STORIES, len(sids)):
            self.members.popitem(last=False)

    def add_member(self, sid: str, aid: str, vec: dict[str, float]) -> None:
        members = self.members[sid]
        members.append((aid, vec))
        if len(members) > self.MEMBERS:
            del members[0]

    def sentence_sets(self, read: Reader, ids: Sequence[str]) -> dict[str, dedup.SentenceSet]:
        ids = list(dict.fromkeys(ids))
        need = [i for i in ids if i not in self.sets]
        found = read.sentences(need) if need else {}
        for i, made in zip(need, dedup.sentence_sets([[s.text for s in found.get(i, [])] for i in need])):
            self.sets[i] = made
        return _recent(self.sets, ids, self.SETS)


def _recent(cache: OrderedDict, ids: Sequence[str], limit: int) -> dict:
    """These entries of a least-recently-used cache, marked used; the cache cut back to `limit`."""
    out = {}
    for i in ids:
        cache.move_to_end(i)
        out[i] = cache[i]
    while len(cache) > limit:
        cache.popitem(last=False)
    return out


def _verified(read: Reader, found: list[tuple[str, str, list[tuple]]], sigs: dict[str, dedup.Signature],
              stored: _StoredOriginals, cache: _RunCache, texts: dict[str, str]) -> list[tuple[str, str, list[tuple]]]:
    """The MinHash near copies that hold up on the articles' own words: two pages that mostly
    quote one statement pair in LSH without one copying the other, unless they are one text.
    (The story such a page joined through the link stays: they report one event.)"""
    lsh = [(aid, x[1]) for aid, _, copies in found for x in copies if x[2] == "near_copy"]
    if not lsh:
        return found
    own = cache.own_words(read, sorted({i for pair in lsh for i in pair}), texts)
    sig_of = {o: sig for i in sigs for o, sig in stored.candidates.get(i, [])} | sigs
    drop = {(aid, other) for aid, other in lsh if dedup.similarity(sigs[aid], sig_of[other])[0] < SAME_TEXT
            and _own_share(own[aid], own[other]) is None}
    return [(aid, sid, [x for x in copies if (aid, x[1]) not in drop]) for aid, sid, copies in found]


def _own_share(a: dedup.OwnWords, b: dedup.OwnWords) -> float | None:
    """How much of their own words two articles share when it makes one a near copy of the
    other: most of the smaller one's, a good part of them in long verbatim runs, one's lead word
    for word (in a page not mostly of its own: LEAD_REST), or most word pairs sentence by sentence
    (an edited copy; None: not a near copy)."""
    share = dedup.contained_share(a.full, b.full)
    if share is not None and share >= dedup.STORY_CONTAINMENT:
        return share
    runs = dedup.run_share(a, b)
    if runs is not None and runs >= dedup.RUN_SHARE:
        return runs
    lead = dedup.lead_share(a, b)
    # a lead reused in a page mostly of its own is none (`share` None: a page that is little but its lead)
    if lead is not None and lead >= dedup.LEAD_CONTAINED and (share is None or share >= dedup.LEAD_REST):
        return lead
    return dedup.pair_share(a, b)


def _story_links(con, read: Reader, found: Sequence[tuple[str, str, list[tuple]]],
                 vectors: dict[str, dict[str, float]], cache: _RunCache,
                 texts: dict[str, str]) -> dict[str, list[tuple]]:
    """Near copies and rewrites among the earlier members of each article's story (the story it is
    in after the chunk's story joins; the closest ones by terms): near copies LSH did not
    pair (`_own_share`; an exact copy gets its original's), and, for an article that copies
    nothing, the best rewrite (sentences aligned one by one)."""
    cache.load_members(con, {sid for _, sid, _ in found})
    near_plans: dict[str, list[str]] = {}
    plans: dict[str, list[str]] = {}
    for aid, sid, _ in found:  # an exact copy too: the original's near copies are its own
        vec = vectors[aid]
        cands = sorted(((cosine(vec, v), o) for o, v in cache.members[sid] if o != aid), key=lambda c: (-c[0], c[1]))
        near_plans[aid] = [o for c, o in cands[:NEAR_CANDIDATES] if c >= NEAR_MIN_COSINE]
        plans[aid] = [o for c, o in cands[:REWRITE_CANDIDATES] if c >= REWRITE_MIN_COSINE]
        cache.add_member(sid, aid, vectors[aid])
    own = cache.own_words(read, [i for aid, cands in near_plans.items() for i in [aid, *cands]], texts)
    linked = {aid: {x[1] for x in copies} for aid, _, copies in found}
    out: dict[str, list[tuple]] = {}
    for aid, cands in near_plans.items():
        near = sorted((-share, other) for other in cands if other not in linked[aid]
                      for share in [_own_share(own[aid], own[other])] if share is not None)
        if near:
            out[aid] = [(aid, other, "near_copy", round(-share, 4))
                        for share, other in near[:max(0, MAX_COPY_LINKS - len(linked[aid]))]]
        if near or linked[aid] or not plans[aid]:
            plans.pop(aid, None)
    sets = cache.sentence_sets(read, [i for aid, cands in plans.items() for i in [aid, *cands]])
    for aid, cands in plans.items():
        best, kind = None, "rewrite"
        for other in cands:
            score = dedup.rewrite_score(sets[aid], sets[other])
            if score is not None and (best is None or score > best[1]):
                best = (other, score)
        if best:
            share = dedup.contained_share(own[aid].full, own[best[0]].full) or 0.0
            if share >= dedup.EDITED_CONTAINMENT and best[1] >= dedup.EDITED_ALIGNED:
                best, kind = (best[0], share), "near_copy"  # every sentence kept, a third of it word for word
            out[aid] = [(aid, best[0], kind, round(best[1], 4))]
    return out


def _consolidate(index: StoryIndex, ids: Sequence[str], story_of: dict[str, str], chunk_stories: dict[str, Story],
                 fresh: set[str], vectors: dict[str, dict[str, float]], leads: dict[str, np.ndarray],
                 arts: dict[str, tuple], meaning: _Meaning | None = None,
                 scripts: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Stories the chunk began join a story at least as large close to them (StoryIndex.closest),
    smallest first: an event's first reports often start a story of their own before the
    coverage that ties them to it arrives, and two parts of one event's coverage can each gather
    articles before either is close enough to the other's first ones. Only stories not yet stored
    move, so a stored story id never changes; of two stories the chunk began, the one whose first
    article came first keeps its id, and a story so grown is looked at again. The articles that
    moved. A story begun by articles in another script (`scripts`: Arabic, Japanese, Russian...),
    which share no term with coverage in Latin letters, may join one by meaning (`_across_scripts`)."""
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
        if into is None and meaning is not None and all(a in scripts for a in members[sid]):
            into = _across_scripts(index, story, chunk_stories, meaning)
        if into is None:
            continue
        keep, drop = into, sid
        if into in fresh and order[story.first_article] < order[index.stories[into].first_article]:
            keep, drop = sid, into
        group = members.pop(drop)
        chunk_stories[keep] = index.merge(drop, keep, [(vectors[a], day_of(arts[a][3]), leads[a]) for a in group])
        chunk_stories.pop(drop, None)
        for aid in group:
            story_of[aid] = keep
        if meaning is not None:
            meaning.move(group, drop, keep)
        members.setdefault(keep, []).extend(group)
        moved.update(group)
        if keep in fresh:  # grown, it may join a larger story in turn
            pending = sorted({*pending, keep} & members.keys(), key=lambda x: (len(members[x]), x))
    return moved


SCRIPT_CANDIDATES = 10  # the largest stories of the chunk in another language...
SCRIPT_JOIN = 0.6  # ...that a story in another script joins when their vectors are this close


def _across_scripts(index: StoryIndex, story: Story, chunk_stories: dict[str, Story], meaning: _Meaning) -> str | None:
    """Of the SCRIPT_CANDIDATES largest stories the chunk touched in another language, at least as
    large as `story` and within WINDOW_DAYS of its days, the one whose multilingual title-and-lead
    vector is SCRIPT_JOIN close to the story's (None: none). An article in Arabic, Japanese or
    Russian shares no term with coverage in Latin letters, so no term finds it candidates."""
    first = None if story.first_date is None else story.first_date.toordinal()
    last = None if story.last_date is None else story.last_date.toordinal()
    sizes = []
    for sid, other in chunk_stories.items():
        if sid == story.id or sid not in index.stories or other.articles < story.articles:
            continue
        reach = other.reach()
        if first is not None and reach is not None and (reach[1] < first or reach[0] > last):
            continue
        sizes.append((-other.articles, sid))
    language = meaning.language(story.id)
    cands = [sid for _, sid in sorted(sizes) if meaning.language(sid) not in (None, language)][:SCRIPT_CANDIDATES]
    mine = meaning.vectors([story.id]).get(story.id) if cands else None
    if mine is None:
        return None
    theirs = meaning.vectors(cands)
    best = max(((float(mine @ theirs[sid]), sid) for sid in cands if sid in theirs), default=None)
    return best[1] if best is not None and best[0] >= SCRIPT_JOIN else None


def _second_hop(read: Reader, links: Sequence[tuple], cache: _RunCache, texts: dict[str, str]) -> list[tuple]:
    """Near copies through a shared one: when a chunk article copies B and B copies (or is copied
    by) C, the article and C are two reprints of one text, each edited its own way, and may share
    less with each other than each with B; they are linked when HOP_PAIRS of the smaller one's own
    word pairs are in the other (two independent reports rarely share so many, and never a copy)."""
    near = [x for x in links if x[2] in ("copy", "near_copy")]
    if not near:
        return []
    adj: dict[str, set[str]] = {}
    for a, b, *_ in near:
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    stored = sorted({o for x in near for o in x[:2] if o not in texts})
    for a, b in read.rows("""SELECT article_id, other_id FROM links WHERE type IN ('copy', 'near_copy')
                             AND (article_id IN (SELECT unnest(?)) OR other_id IN (SELECT unnest(?)))""", stored):
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    linked = {frozenset(x[:2]) for x in links}  # a pair linked already, as a rewrite too, keeps its link
    plans: dict[str, list[str]] = {}
    for aid in texts:
        first = adj.get(aid, set())
        shared = Counter(c for n in first for c in adj.get(n, ()) if c != aid and c not in first
                         and frozenset((aid, c)) not in linked)
        if shared:  # those reached through the most shared copies first
            plans[aid] = [c for c, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_COPY_LINKS]]
    if not plans:
        return []
    own = cache.own_words(read, [i for aid, hops in plans.items() for i in [aid, *hops]], texts)
    order = {aid: k for k, aid in enumerate(texts)}
    out, seen = [], set()
    for aid, hops in plans.items():
        for other in hops:
            pair = frozenset((aid, other))
            share = dedup.pair_containment(own[aid], own[other])
            if pair not in seen and share is not None and share >= dedup.HOP_PAIRS:
                seen.add(pair)
                later = other in order and order[other] > order[aid]  # a link points from the later arrival
                out.append((other, aid, "near_copy", round(share, 4)) if later
                           else (aid, other, "near_copy", round(share, 4)))
    return out


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


def _write_chunk(con, rows, band_rows, links, touched: dict[str, Story],
                 chunk_df: Counter | None = None) -> None:
    try:
        con.begin()
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
        con.register("new_stories", _story_rows(touched))
        con.execute("""INSERT INTO stories (id, first_article, articles, outlets, independent_outlets,
                first_date, last_date, terms, updated_at, embedding)
            SELECT id, first_article, articles, 0, 0, first_date, last_date, terms, now(), embedding FROM new_stories
            ON CONFLICT (id) DO UPDATE SET articles = excluded.articles, first_date = excluded.first_date,
                last_date = excluded.last_date, terms = excluded.terms, updated_at = excluded.updated_at,
                embedding = excluded.embedding, dirty = true""")
        con.unregister("new_stories")
        con.commit()
    except BaseException as exc:
        con.rollback()
        if isinstance(exc, Exception) and not isinstance(exc, StoreError):
            raise StoreError(f"could not write the corpus tables: {exc}") from None
        raise


__all__ = ["CorpusReport", "update", "refresh_stories"]
