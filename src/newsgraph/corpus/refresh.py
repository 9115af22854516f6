"""Rebuilding stories: each touched story's event clusters, claims (event clusters, quote
statements, sentence groups, facts named in passing), summaries, counts and title, read in
batches and written in one transaction per batch."""
from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

import pyarrow as pa

from ..clean.boilerplate import furniture_line
from ..clean.language import base
from ..data import word_set
from .claims import ClaimContext, group_facts, normalise_event_parts, normalise_quote, normalise_sentence
from .corroborate import Sources, checkability, claim_sentences, group_claims, own_words, salience
from .event_clusters import EventCluster, EventRow, cluster_events, event_label, event_parts, said_by
from .features import caseless, content_words, cosine, local_terms
from .reader import Reader, outlet_key
from .statements import same_speakers
from .summarize import Sentence, main_language, page_line, summarize_article, summarize_story, whole

log = logging.getLogger(__name__)
MAX_STORY_ARTICLES_FOR_CLAIMS = 150  # the most recent articles of a big story give its claims

REFRESH_BATCH = 64  # stories rebuilt per transaction
STORY_SENTENCES, STORY_WORDS = 6, 160  # the stored story summary's budget (the briefing shows its first sentences)


def refresh_stories(con, story_ids: Sequence[str]) -> None:
    """Recompute event clusters, claims, summaries and counts of these stories, REFRESH_BATCH at a
    time: read together (a query per story would scan each table once per story) and written in
    one transaction."""
    for k in range(0, len(story_ids), REFRESH_BATCH):
        batch = list(story_ids[k:k + REFRESH_BATCH])
        try:
            rows = _StoryRows(con, batch)
        except Exception as exc:  # the stories stay dirty
            log.warning("stories %s to %s could not be read (%s: %s); they are retried on the next run",
                        batch[0], batch[-1], type(exc).__name__, exc)
            continue
        done: list[dict] = []
        for sid in batch:
            try:
                done.append(_refresh_story(rows, sid))
            except Exception as exc:  # one odd story must not hold back the others; it stays dirty
                log.warning("story %s could not be rebuilt (%s: %s); it is retried on the next run",
                            sid, type(exc).__name__, exc)
        _write_stories(con, done)


class _StoryRows:
    """The stored rows a batch of stories is rebuilt from, one query per table; each story takes
    its own articles' rows, in the order a query of its own would give them."""

    def __init__(self, con, sids: Sequence[str]):
        read = Reader(con)
        self.members: dict[str, list[tuple]] = {sid: [] for sid in sids}
        for sid, *member in read.rows("""SELECT c.story_id, a.id, a.outlet, a.source, a.published, a.title, c.terms,
                a.language, a.credits FROM corpus_articles c JOIN articles a ON a.id = c.article_id
                WHERE c.story_id IN (SELECT unnest(?)) ORDER BY c.seq""", sids):
            self.members[sid].append(tuple(member))
        ids = [m[0] for ms in self.members.values() for m in ms]
        self.links = read.rows("SELECT article_id, other_id FROM links WHERE article_id IN (SELECT unnest(?))", ids)
        # with the speaker of the quotation an event lies in
        self.events = [EventRow(*r[:-3], said_by=mid_sentence(r[-3], r[-2]), said_code=r[-1]) for r in read.rows(
            """SELECT e.id, e.article_id, event_code, event_root, source, source_code, target, target_code,
                date, negated, modality, background, "symmetric", location, e."start", e."end", e.sentence,
                trigger, q.speaker, q.named, q.code
                FROM events e LEFT JOIN (SELECT id, any_value(speaker) AS speaker,
                                                bool_or(speaker_named) AS named,
                                                any_value(speaker_code) AS code FROM quotes
                                         WHERE article_id IN (SELECT unnest($1)) AND speaker IS NOT NULL
                                         GROUP BY id) q ON q.id = e.quote_id
                WHERE e.article_id IN (SELECT unnest($1)) ORDER BY e.rowid""", ids)]
        self.quotes = read.rows("""SELECT statement_id, speaker, text, article_id, "start", "end", sentence,
                cue FROM quotes WHERE article_id IN (SELECT unnest(?)) AND speaker IS NOT NULL
                ORDER BY article_id, "start" """, ids)
        self.quoted: dict[str, list[tuple[int, int]]] = {}  # each article's direct quotations, by offsets
        for aid, start, end in read.rows("""SELECT article_id, "start", "end" FROM quotes
                WHERE article_id IN (SELECT unnest(?)) AND kind = 'direct' ORDER BY article_id, "start" """, ids):
            self.quoted.setdefault(aid, []).append((start, end))
        use = [m[0] for ms in self.members.values() for m in ms[-MAX_STORY_ARTICLES_FOR_CLAIMS:]]
        # an article's last sentence cut off (a teaser, a page cut to a length) states no claim and
        # stands in no summary
        self.sentences = {aid: whole(ss) for aid, ss in read.sentences(use).items()}
        self.mentions = read.rows("""SELECT article_id, name, m."start", m."end" FROM
                (SELECT article_id, name, unnest(mentions) AS m FROM entities
                 WHERE article_id IN (SELECT unnest(?)))""", use)
        self.frames = read.rows("""SELECT article_id, "start", "end", frame FROM sentences
                WHERE frame IS NOT NULL AND article_id IN (SELECT unnest(?))""", use)
        self.anchored = {(r[0], r[1]) for r in read.rows("""SELECT DISTINCT s.article_id, s."start" FROM sentences s
                JOIN (SELECT article_id, unnest(mentions) AS m FROM entities
                      WHERE article_id IN (SELECT unnest($1))) e ON e.article_id = s.article_id
                WHERE e.m."start" >= s."start" AND e.m."end" <= s."end" """, use)}


def mid_sentence(speaker: str | None, named: bool | None) -> str | None:
    """An unnamed speaker as written in mid-sentence ('Senior officials said' -> 'senior officials';
    'Chile's foreign ministry' stays): its first word lower-cased where it is a common one."""
    if not speaker or not speaker.strip() or named:
        return speaker
    first = speaker.split()[0]
    if (len(first) == 1 or first[1:].islower()) and first.lower() in _common_first() and speaker.startswith(first):
        return first.lower() + speaker[len(first):]
    return speaker


@cache
def _common_first() -> frozenset[str]:
    """Words an unnamed speaker opens with in lower case mid-sentence ('the', 'senior', 'officials')."""
    return word_set("stopwords_en.txt") | word_set("unnamed_heads.txt") | frozenset(
        "one two three several many senior".split())


def story_summary(con, sid: str, k: int, max_words: int, language: str | None = None) -> list[Sentence]:
    """A stored story's summary at another budget (`k` sentences, `max_words` words), made as the
    stored one is (the same sentences, corroboration and ranking) and not written anywhere;
    `language`: from the articles in that language only (a code: "de"; "en" takes articles
    stored without a language too)."""
    return _refresh_story(_StoryRows(con, [sid]), sid, k, max_words, language)["pool_summary"]


def _in_language(stored_language: str | None, language: str) -> bool:
    return (base(stored_language) or "en") == language


def _refresh_story(stored: _StoryRows, sid: str, k: int = STORY_SENTENCES, max_words: int = STORY_WORDS,
                   language: str | None = None) -> dict:
    members = stored.members[sid]
    ids = [m[0] for m in members]
    mine = set(ids)
    outlet_of = {m[0]: outlet_key(m[1], m[2]) for m in members}
    sources = Sources(outlet_of, [(a, b) for a, b in stored.links if a in mine], {m[0]: m[7] for m in members})
    n_art, n_out, n_ind = sources.counts(ids)

    events = [e for e in stored.events if e.article_id in mine]
    clusters = cluster_events(sid, events, {m[0]: m[3] for m in members})
    claims: list[dict] = []
    cluster_rows = []
    for c in clusters:
        arts = [m.article_id for m in c.members]
        a, o, i = sources.counts_of_sentences((m.article_id, own_words(m.sentence, m.start, stored.quoted.get(
            m.article_id, ()))) for m in c.members)
        f = c.first
        parts, who = event_parts(c), said_by(c)
        label = event_label(c, parts, who)
        cluster_rows.append({
            "id": c.id, "story_id": sid, "label": label, "date": c.date, "source": f.source,
            "source_code": f.source_code, "target": f.target, "target_code": f.target_code,
            "event_code": f.event_code, "event_root": f.event_root, "negated": f.negated,
            "modality": f.modality, "background": c.background, "location": c.location,
            "mentions": len(c.members), "articles": a, "outlets": o, "independent_outlets": i,
            "event_ids": [m.id for m in c.members], "article_ids": sorted(set(arts))})
        text = _event_claim_text(event_label(c, parts, None), c, who)
        claims.append(_claim(sid, "event", text, None, None, c.id, len(c.members), (a, o, i),
                             [(m.article_id, m.start, m.end, m.sentence) for m in c.members],
                             salience(f.sentence), normalise_event_parts(*parts, c.date, c.location)))
    quotes = [q for q in stored.quotes if q[3] in mine]
    ctx = ClaimContext.build((m for m in stored.mentions if m[0] in mine), events,
                             [(q[3], q[1], q[4], q[5], q[7]) for q in quotes],
                             (f for f in stored.frames if f[0] in mine))
    by_statement: dict[str, list[tuple]] = {}
    for q in quotes:
        by_statement.setdefault(q[0], []).append(q)
    said = {st: (qs[0][1], content_words(max(qs, key=lambda q: len(q[2]))[2])) for st, qs in by_statement.items()}
    moves = []  # the quotes of a statement so merged take its id, in the quotes table too
    for st, into in same_speakers(said).items():  # one speaker written two ways across the articles
        moves += [(q[3], q[4], q[5], st, into) for q in by_statement[st]]
        by_statement[into].extend(by_statement.pop(st))
    for st, qs in by_statement.items():
        a, o, i = sources.counts(q[3] for q in qs)
        longest = max(qs, key=lambda q: (len(q[2]), q[3]))
        speaker = max((q[1] for q in qs), key=lambda n: (len(n), n))  # the fullest of its names
        claims.append(_claim(sid, "quote", longest[2], speaker, st, None, len(qs), (a, o, i),
                             [(q[3], q[4], q[5], q[2]) for q in qs], salience(longest[2]),
                             normalise_quote(speaker, longest[2], ctx.frame_at(longest[3], longest[4]))))

    use = ids[-MAX_STORY_ARTICLES_FOR_CLAIMS:]
    sents = stored.sentences
    anchored = stored.anchored  # pairs of this story's articles only can match its sentences
    rows = [s for aid in use for s in sents.get(aid, [])]
    story_df = Counter(w for aid in use for w in {w for s in sents.get(aid, []) for w in content_words(s.text)})
    shared = {w for w, n in story_df.items() if n > 1}  # words more than one article uses
    for c in claims:
        if c["kind"] == "quote" and c["single_source"]:
            c["salience"] = round(checkability(c["text"], shared), 4)
    event_at = {(e.article_id, e.start) for e in events if not e.background}
    candidates = claim_sentences(rows)
    groups = group_claims(candidates, ctx, {m[0]: m[6] for m in members})
    support: dict[tuple[str, int], int] = {}
    for g in groups:
        a, o, i = sources.counts_of_sentences((m.article_id, own_words(m.text, m.start, stored.quoted.get(
            m.article_id, ()))) for m in g.members)
        for m in g.members:
            support[(m.article_id, m.index)] = i
        head = g.members[0]
        if i <= 1:
            sal = checkability(head.text, shared, (head.article_id, head.start) in event_at)
        else:
            sal = salience(head.text) + (1.0 if (head.article_id, head.start) in anchored else 0.0)
        claims.append(_claim(sid, "statement", head.text, None, None, None, len(g.members), (a, o, i),
                             [(m.article_id, m.start, m.end, m.text) for m in g.members], sal,
                             normalise_sentence(head.article_id, head.start, head.end, head.text, ctx)))
    english = {m[0] for m in members if _in_language(m[6], "en")}  # the event nouns are English words
    for fact in group_facts([c for c in candidates if c.article_id in english], ctx):  # named in passing
        a, o, i = sources.counts(fact.articles)
        if i >= 2:
            claims.append(_claim(sid, "fact", fact.label, None, None, None, len(fact.members), (a, o, i),
                                 [m[:4] for m in fact.members], salience(fact.label), fact.normalised,
                                 key=fact.normalised))

    article_summaries = {}
    pool: list[Sentence] = []
    members_language = {m[0]: m[6] for m in members}
    if language is not None:  # from the articles in that language only
        use = [a for a in use if _in_language(members_language[a], language)]
    for aid in use:
        ss = [Sentence(aid, s.index, s.start, s.end, s.text, outlet_of.get(aid), support.get((aid, s.index), 1))
              for s in sents.get(aid, [])]
        pool.extend(ss)
        article_summaries[aid] = summarize_article(ss)
    chosen = summarize_story(pool, k=k, max_words=max_words, languages=members_language)
    # the title in the summary's language (the one most of its articles are written in, or the next)
    title = _story_title(members, base(members_language[chosen[0].article_id]) or "en" if chosen else
                         main_language({a: members_language[a] for a in use if sents.get(a)}))
    summary = [{"article_id": x.article_id, "start": x.start, "end": x.end, "text": x.text} for x in chosen]
    return {"id": sid, "clusters": cluster_rows, "claims": claims, "moves": moves,
            "summaries": [{"article_id": aid, "summary": [{"idx": x.index, "start": x.start, "end": x.end,
                                                            "text": x.text} for x in picked]}
                          for aid, picked in article_summaries.items()],
            "story": {"id": sid, "title": title, "outlets": n_out, "independent_outlets": n_ind,
                      "articles": n_art, "summary": summary},
            "pool_summary": chosen}


_SUMMARY = pa.list_(pa.struct([("idx", pa.int32()), ("start", pa.int32()), ("end", pa.int32()),
                               ("text", pa.string())]))
_STORY_SUMMARY = pa.list_(pa.struct([("article_id", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
                                     ("text", pa.string())]))


def _write_stories(con, done: list[dict]) -> None:
    """Replace the derived rows of these stories in one transaction."""
    if not done:
        return
    ids = [d["id"] for d in done]
    clusters = [r for d in done for r in d["clusters"]]
    claims = [r for d in done for r in d["claims"]]
    summaries = [r for d in done for r in d["summaries"]]
    try:
        con.begin()
        con.register("done_ids", pa.table({"v": pa.array(ids, pa.string())}))
        con.execute("DELETE FROM event_clusters WHERE story_id IN (SELECT v FROM done_ids)")
        con.execute("DELETE FROM claims WHERE story_id IN (SELECT v FROM done_ids)")
        con.unregister("done_ids")
        if clusters:
            con.register("new_clusters", pa.Table.from_pylist(clusters))
            con.execute("INSERT INTO event_clusters BY NAME SELECT * FROM new_clusters")
            con.unregister("new_clusters")
        if claims:
            con.register("new_claims", pa.Table.from_pylist(claims))
            con.execute("INSERT OR REPLACE INTO claims BY NAME SELECT * FROM new_claims")
            con.unregister("new_claims")
        moves = [m for d in done for m in d["moves"]]
        if moves:
            con.register("statement_moves", pa.table({
                "article_id": pa.array([m[0] for m in moves], pa.string()),
                "start": pa.array([m[1] for m in moves], pa.int64()),
                "end": pa.array([m[2] for m in moves], pa.int64()),
                "was": pa.array([m[3] for m in moves], pa.string()),
                "statement_id": pa.array([m[4] for m in moves], pa.string())}))
            # a quote is its article, offsets and statement (two quotes of one article may share a start)
            con.execute("""UPDATE quotes q SET statement_id = n.statement_id FROM statement_moves n
                           WHERE q.article_id = n.article_id AND q."start" = n."start" AND q."end" = n."end"
                           AND q.statement_id = n.was""")
            con.unregister("statement_moves")
        if summaries:
            con.register("new_summaries", pa.table({
                "article_id": pa.array([r["article_id"] for r in summaries], pa.string()),
                "summary": pa.array([r["summary"] for r in summaries], _SUMMARY)}))
            con.execute("""UPDATE corpus_articles c SET summary = n.summary FROM new_summaries n
                           WHERE c.article_id = n.article_id""")
            con.unregister("new_summaries")
        stories = [d["story"] for d in done]
        con.register("new_story_rows", pa.table({
            "id": pa.array([r["id"] for r in stories], pa.string()),
            "title": pa.array([r["title"] for r in stories], pa.string()),
            "outlets": pa.array([r["outlets"] for r in stories], pa.int32()),
            "independent_outlets": pa.array([r["independent_outlets"] for r in stories], pa.int32()),
            "articles": pa.array([r["articles"] for r in stories], pa.int32()),
            "summary": pa.array([r["summary"] for r in stories], _STORY_SUMMARY)}))
        con.execute("""UPDATE stories s SET title = n.title, outlets = n.outlets,
                           independent_outlets = n.independent_outlets, articles = n.articles,
                           summary = n.summary, updated_at = now(), dirty = false
                       FROM new_story_rows n WHERE s.id = n.id""")
        con.unregister("new_story_rows")
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _event_claim_text(label: str, c: EventCluster, who: str | None = None) -> str:
    """The label, the date and the place, then who tells of it (`who`: 'according to Lena Holt' after
    '..., 2025-03-17, in Oslo': the date and place are the event's, not the speaker's)."""
    parts = [label]
    if c.date:
        parts.append(c.date)
    if c.location:
        parts.append(f"in {c.location}")
    return ", ".join(parts + ([f"according to {who}"] if who else []))


def _claim(sid: str, kind: str, text: str, speaker: str | None, statement_id: str | None,
           cluster_id: str | None, mentions: int, counts: tuple[int, int, int],
           evidence: Sequence[tuple[str, int, int, str]], sal: float, normalised: str | None = None,
           key: str = "") -> dict:
    first = min(evidence, key=lambda e: (e[0], e[1]))
    cid = "c" + hashlib.sha256(f"{sid}:{kind}:{first[0]}:{first[1]}:{statement_id or cluster_id or key}"
                               .encode()).hexdigest()[:11]
    a, o, i = counts
    return {"id": cid, "story_id": sid, "kind": kind, "text": text, "normalised": normalised, "speaker": speaker,
            "statement_id": statement_id, "event_cluster_id": cluster_id, "mentions": mentions,
            "articles": a, "outlets": o, "independent_outlets": i, "single_source": i <= 1,
            "salience": round(sal, 4),
            "evidence": [{"article_id": e[0], "start": e[1], "end": e[2], "text": e[3]} for e in evidence]}


def _story_title(members: Sequence[tuple], language: str | None = None) -> str | None:
    """The title of the article closest to the story's centre (the first of equals), among the
    articles in the story's main `language` (the summary's) when one of them has a title, and
    among the titles that read as its headline (`_headline_fit`) when one does."""
    vecs = [({t["term"]: t["w"] for t in (m[5] or [])}, m) for m in members]
    if not vecs:
        return None
    centre: dict[str, float] = {}
    for v, _ in vecs:
        for k, w in v.items():
            centre[k] = centre.get(k, 0.0) + w
    top = set(sorted(centre, key=lambda k: (-centre[k], k))[:TITLE_TERMS])
    titled = [(_headline_fit(m[4], top, m[6]), cosine(v, centre), -k, m[4], m[6])
              for k, (v, m) in enumerate(vecs) if m[4]]
    if language is not None and any(_in_language(t[4], language) for t in titled):
        titled = [t for t in titled if _in_language(t[4], language)]
    best = max(titled, default=None)
    return best[3] if best is not None and best[0] > 0 else None  # no title reads as its headline: none


TITLE_TERMS = 30  # a headline names one of the story's top terms
# a list item ("- Lois Oglesby, 27") or a caption with its photo credit ("Kane trifft. Foto: AFP/X") is no headline
_NOT_HEADLINE = re.compile(r"^\s*[-–—•·*]\s|\b(?:Foto|Photo|Bild|Image|Credit|Crédit|Crédito)\s*:")


def _headline_fit(title: str, top: set[str], language: str | None = None) -> float:
    """How well a page's title reads as its story's headline: 0 when it is a line of page furniture
    (a byline, a date, "Skip to main content": `boilerplate.furniture_line`), a list item, a photo's
    caption (`_NOT_HEADLINE`, `summarize.page_line`) or names none of the
    story's top terms (a site's name), 0.5 when it reads as a caption or a sentence (a closing
    stop, or more than 25 words), else 1."""
    unspaced = caseless(title)  # a script without capitals: its terms as its stories', no furniture test by words
    words = {t for t, _ in local_terms(title, language)} if unspaced else set(content_words(title))
    if not unspaced and furniture_line(title) or not words & top or _NOT_HEADLINE.search(title) or page_line(title):
        return 0.0
    text = title.rstrip()
    return 0.5 if text.endswith(".") and not text.endswith("...") or len(text.split()) > 25 else 1.0
