"""Corroboration: events merged across articles, statements grouped, claims with their support.

Every fact carries `mentions` (how many times it is reported), `outlets` (distinct outlets) and
`independent_outlets`: the independent sources among them: an article and its copy, near copy or
rewrite are one source, and so are the articles carrying one news agency's copy (their pages
credit the agency, or are its own site), so a copy never counts as confirmation. Beyond them, the
articles whose sentences stating one fact are one text (the reporter's words the same, word for
word or nearly) are one source for that fact: two outlets do not write a long sentence alike apart.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from ..clean.language import base
from ..events.lexicon import code_info
from ..ingest.credits import agency_of_site, cited_agency
from .claims import ClaimContext, canonical_text, subject_keys
from .features import content_words, embed, idf, multilingual_texts, tokens
from .summarize import page_line

AGENCY = "agency:"  # the source node of a news agency, beside the outlets
JOINT_CODES = frozenset({"040", "043", "046", "050", "057", "061", "062"})  # A with B is B with A
CLAIM_SIM = 0.86  # embedding cosine for two sentences of different outlets to state one claim
CLAIM_WORDS = 0.6  # or: share of the rarer sentence's rare words shared...
CLAIM_WORDS_SIM = 0.72  # ...at this cosine at least
CLAIM_MIN_WORDS = 2  # ...of which this many are no actor's name
SUBJECT_SIM = 0.65  # or: one named actor acts or speaks in both, they share most of their gist...
SUBJECT_GIST = 0.5  # ...this share of the smaller gist, and at least SUBJECT_MIN_GIST words
SUBJECT_MIN_GIST = 3
MAX_CLAIM_SENTENCES = 40  # per article: claims are drawn from the first sentences
MIN_CLAIM_WORDS = 6
CLAIM_ACROSS = 0.75  # multilingual cosine for two sentences in different languages to state one claim
CLAIM_ACROSS_FIGURES = 0.65  # ...or this close when both give figures and share at least half of them
# (scripts/eval_claims_across.py: of the pairs the rule takes, 0.93 state the same fact, 0.02 a different one)
_BLOCK = 512  # rows of the sentence similarity matrix computed at once
STATEMENT_SIM = 0.5  # embedding cosine for two undated statements by no one named to say one thing
# (sets 14 and 17: the pairs of outlets' claim sentences at 85-90 were all versions of one text; at 80-85
# some were two reports alike, "winds of up to 150 km/h" beside "... 130 km/h")
COPIED_SENTENCE = 85.0  # rapidfuzz ratio (0-100) of two sentences' own words (outside quotation marks)...
COPIED_MIN_WORDS = 12  # ...of at least this many words, for the two to be one text copied
COPIED_MAX_TEXTS = 60  # distinct sentences of one fact compared pair by pair (the rest by exact words only)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|»[^«]*«|„[^“”„]*[“”]')  # German quotes „…“ and »…« too


class Sources:
    """Which outlet each article is from, and which articles are one source: an article is its
    outlet's report, or the agency's whose copy it carries (`credits`: the agencies each page
    credits, the first counting; or the agency's own site); the sources of a copy, near copy or
    rewrite and of its original are one. An outlet that runs one agency's copy beside its own
    reports, or two agencies' copies, does not make them one source."""

    def __init__(self, outlet_of: dict[str, str], links: Iterable[tuple[str, str]],
                 credits: Mapping[str, Sequence[str]] | None = None):
        self.outlet_of = outlet_of
        credits = credits or {}
        self.source_of = {}
        for a, outlet in outlet_of.items():
            agency = next(iter(credits.get(a) or ()), None) or agency_of_site(outlet)
            self.source_of[a] = AGENCY + agency if agency else outlet
        self._parent: dict[str, str] = {}
        for a, b in links:
            if a in outlet_of and b in outlet_of:
                self._union(self.source_of[a], self.source_of[b])

    def _find(self, x: str) -> str:
        parent = self._parent
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def counts(self, article_ids: Iterable[str]) -> tuple[int, int, int]:
        """(articles, outlets, independent outlets) of a set of supporting articles: independent
        sources, no more than the outlets (an outlet's own report and the agency copy it runs
        beside it are two sources but one outlet)."""
        ids = set(article_ids)
        outlets = {self.outlet_of.get(a, a) for a in ids}
        sources = {self._find(self.source_of.get(a, self.outlet_of.get(a, a))) for a in ids}
        return len(ids), len(outlets), min(len(outlets), len(sources))

    def counts_of_sentences(self, members: Iterable[tuple[str, str]]) -> tuple[int, int, int]:
        """`counts` of the articles of (article, sentence) pairs stating one fact, where articles of
        different sources whose sentences are one text (`copied_words`: COPIED_SENTENCE alike, at
        least COPIED_MIN_WORDS words) count as one source: one outlet took the words of the other,
        or both of a third text, so they do not confirm each other; so do those whose sentences say
        they have it from one news agency (`cited_agency`), and the agency's own copy. The caller
        leaves quoted words out (`own_words`): two outlets quote a speaker alike apart."""
        members = list(members)
        ids = {a for a, _ in members}
        outlets = {self.outlet_of.get(a, a) for a in ids}
        root = {a: self._find(self.source_of.get(a, self.outlet_of.get(a, a))) for a in ids}
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for a, text in members:  # outlets relaying one agency ("..., according to Reuters") are one source
            agency = cited_agency(text)
            if agency is not None and find(root[a]) != find(AGENCY + agency):
                parent[find(root[a])] = find(AGENCY + agency)
        by_text: dict[str, str] = {}  # a sentence's own words -> the first source that wrote them
        for a, text in members:
            words = copied_words(text)
            if words is None:
                continue
            first = by_text.setdefault(words, root[a])
            if find(first) != find(root[a]):
                parent[find(root[a])] = find(first)
        texts = list(by_text.items())[:COPIED_MAX_TEXTS]
        for i, (w1, s1) in enumerate(texts):
            for w2, s2 in texts[i + 1:]:
                if find(s1) != find(s2) and fuzz.ratio(w1, w2) >= COPIED_SENTENCE:
                    parent[find(s2)] = find(s1)
        sources = {find(r) for r in root.values()}
        return len(ids), len(outlets), min(len(outlets), len(sources))


def own_words(sentence: str, start: int = 0, quoted: Sequence[tuple[int, int]] = ()) -> str:
    """A sentence (at offset `start` of its article) without the words it quotes: the article's
    direct quotations (`quoted`: their offsets), what stands between quotation marks, and, where a
    mark is left alone (a quotation that began or goes on in another sentence), the words on its
    quoted side: before a closing mark, after an opening one (guillemets, which open either way
    round, only in pairs)."""
    end = start + len(sentence)
    for a, b in quoted:
        if a < end and b > start:
            lo, hi = max(a, start) - start, min(b, end) - start
            sentence = sentence[:lo] + " " * (hi - lo) + sentence[hi:]
    sentence = _QUOTED.sub(" ", sentence)
    close = max(sentence.rfind("”"), _lone_closing(sentence))
    if close >= 0:
        sentence = sentence[close + 1:]
    opening = [k for k in (sentence.find("“"), sentence.find("„"), sentence.find('"')) if k >= 0]
    return sentence[:min(opening)] if opening else sentence


def _lone_closing(sentence: str) -> int:
    """Where a straight quotation mark left alone closes a quotation (after a comma or a stop)."""
    k = sentence.find('"')
    return k if k > 0 and sentence[k - 1] in ",.!?" else -1


def copied_words(sentence: str) -> str | None:
    """A sentence's words (`own_words` of it, as the caller gives it), lower-cased and joined by
    spaces, if at least COPIED_MIN_WORDS (None: too few to tell a copy from two reports alike)."""
    words = tokens(sentence)
    return " ".join(words) if len(words) >= COPIED_MIN_WORDS else None


# ---------------------------------------------------------------------------------- events
@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    article_id: str
    event_code: str
    event_root: str
    source: str | None
    source_code: str | None
    target: str | None
    target_code: str | None
    date: str | None
    negated: bool
    modality: str
    background: bool
    symmetric: bool
    location: str | None
    start: int
    end: int
    sentence: str
    trigger: str | None = None  # the word the event was coded from, as written


@dataclass(slots=True)
class EventCluster:
    id: str
    members: list[EventRow] = field(default_factory=list)
    people: set[str] = field(default_factory=set)
    said: list[tuple[np.ndarray, frozenset[str]]] = field(default_factory=list)  # statements' vector, gist

    @property
    def first(self) -> EventRow:
        return self.members[0]

    @property
    def date(self) -> str | None:
        dates = [m.date for m in self.members if m.date]
        return max(dates, key=len) if dates else None

    @property
    def location(self) -> str | None:
        """The place most of the reporting articles give (an article counts once, however many
        events of the cluster its sentence holds); on a tie, that of the most precisely dated report."""
        places = Counter(p for p, _ in {(m.location, m.article_id) for m in self.members if m.location})
        first = {}
        for k, m in enumerate(self.members):
            first.setdefault(m.location, k)
        return min(places, key=lambda p: (-places[p], first[p])) if places else None

    @property
    def background(self) -> bool:
        return all(m.background for m in self.members)

    def names(self) -> set[str]:
        return {n for m in self.members for n in (m.source, m.target) if n}


def _country(code: str | None, name: str | None) -> str | None:
    return code[:3] if code else name


def _dyad(e: EventRow, unordered: bool) -> tuple:
    pair = (_country(e.source_code, e.source), _country(e.target_code, e.target))
    return tuple(sorted(pair, key=lambda x: x or "")) if unordered else pair


def _dates_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _precision_rank(e: EventRow) -> tuple:
    return (-(len(e.date) if e.date else 0), e.article_id, e.start, e.id)


def cluster_events(story_id: str, events: Sequence[EventRow],
                   published: Mapping[str, dt.date | dt.datetime | None] | None = None) -> list[EventCluster]:
    """Merge the story's events that report the same happening: same root code, same pair of
    countries (either order for cooperative or joint actions), same negation and modality, and
    dates that agree (one may be less precise), and no clash of named people. An undated report
    joins a dated cluster only through a named person they share (the one such cluster); a report
    that names nobody and fits several clusters joins the one that names nobody either. Undated
    reports that name nobody, of an act other than a comment, join the dated happening when the
    story has exactly one of that kind between those countries (history told as background aside),
    and their articles were published within NEAR_DAYS of it (`published`: article id -> date;
    material cooperation, mostly told as a standing state, never): they cannot be told apart from it."""
    clusters: list[EventCluster] = []
    by_key: dict[tuple, list[EventCluster]] = {}
    said = sorted({e.sentence for e in events if e.event_root in ("01", "02")})
    vector = dict(zip(said, embed(said))) if said else {}
    for e in sorted(events, key=_precision_rank):
        unordered = e.symmetric or e.event_code in JOINT_CODES
        key = (e.event_root, e.negated, e.modality, _dyad(e, unordered))
        people = _people(e)
        dyad = (e.source or e.source_code) and (e.target or e.target_code)
        if not dyad:
            key = key + (e.id,)  # no one acted on: nothing to match it by
        fits = [c for c in by_key.get(key, []) if _dates_agree(c.date, e.date)
                and not (people and c.people and not people & c.people)
                # an undated report joins a dated happening only through a named person they share
                and (e.date or not c.date or people & c.people)]
        statement = e.event_root in ("01", "02") and not e.date
        if statement:  # an undated comment: the same statement only if the sentences say the same
            mine = (vector[e.sentence], gist(e.sentence))
            fits = [c for c in fits if _says_same(c, *mine)]
        chosen = None
        if len(fits) == 1:
            chosen = fits[0]
        elif fits:
            overlap = [(len(c.people & people), -len(c.members), c.id) for c in fits]
            best = max(overlap, key=lambda t: (t[0], t[1]))
            tied = [t for t in overlap if t[0] == best[0]]
            plain = [c for c in fits if not c.people]
            if best[0] > 0 and len(tied) == 1:
                chosen = next(c for c in fits if c.id == best[2])
            elif not people and len(plain) == 1:
                # 'Russia backs China' fits the clusters of each named Russian's backing; it is the
                # country-level report, so it joins the one cluster that names nobody
                chosen = plain[0]
            elif e.date:
                same = [c for c in fits if c.date == e.date]
                chosen = same[0] if len(same) == 1 else None
        if chosen is None:
            cid = "e" + hashlib.sha256(f"{story_id}:{e.id}".encode()).hexdigest()[:11]
            chosen = EventCluster(cid)
            clusters.append(chosen)
            by_key.setdefault(key, []).append(chosen)
        chosen.members.append(e)
        chosen.people |= people
        if statement:
            chosen.said.append(mine)
    return _undated_into_the_one_dated(clusters, by_key, published or {})


NEAR_DAYS = 7  # an undated report of a happening is published within this many days of it


def _undated_into_the_one_dated(clusters: list[EventCluster], by_key: dict[tuple, list[EventCluster]],
                                published: Mapping[str, dt.date | dt.datetime | None]) -> list[EventCluster]:
    gone: set[str] = set()
    for key, found in by_key.items():
        if key[0] in ("01", "02", "06"):
            # comments: what was said tells them apart, not the date (see _says_same); material
            # cooperation is mostly told as a standing state ('they regularly hold drills')
            continue
        dated = [c for c in found if c.date and not c.background]
        plain = [c for c in found if not c.date and not c.people]
        if len(dated) != 1 or not plain:
            continue
        for c in plain:
            news = [m for m in c.members
                    if not m.background and _published_near(dated[0].date, published.get(m.article_id))]
            dated[0].members.extend(news)
            c.members = [m for m in c.members if m not in news]
            if not c.members:
                gone.add(c.id)
    return [c for c in clusters if c.id not in gone]


def _published_near(date: str, when: dt.date | dt.datetime | None) -> bool:
    """Whether an article published `when` reports a happening of `date` (YYYY-MM-DD, YYYY-MM or
    YYYY) as news; an article of unknown date might be from any time."""
    if when is None:
        return False
    day = when.date() if isinstance(when, dt.datetime) else when
    if len(date) == 10:
        try:
            return abs((day - dt.date.fromisoformat(date)).days) <= NEAR_DAYS
        except ValueError:
            return False
    return day.isoformat().startswith(date)


def _says_same(c: EventCluster, vec: np.ndarray, words: frozenset[str]) -> bool:
    """Whether a statement says what one of the cluster's statements says: close sentence vectors
    and at least one content word in common besides the names ('concerned' / 'concern')."""
    if not c.said:
        return False
    sims = np.stack([v for v, _ in c.said]) @ vec
    return any(words & c.said[i][1] for i in np.nonzero(sims >= STATEMENT_SIM)[0])


_NAME = re.compile(r"\b[A-Z][\w'’-]*")


def gist(text: str) -> frozenset[str]:
    """What a sentence is about, beyond who: its content words other than names and reporting
    verbs, cut to five letters so 'concerned' meets 'concern' and 'declared' 'declaration'. A
    capitalised first word counts as a name too (it mostly is one in news: 'Russia said ...')."""
    names = set(content_words(" ".join(m.group() for m in _NAME.finditer(text.strip()))))  # as the words are
    return frozenset(w[:5] for w in content_words(text) if w not in names and w not in REPORT_CUES)


_NAME_PARTICLES = frozenset("al bin ibn de da das del der di dos du la le van von".split())


def _people(e: EventRow) -> set[str]:
    """The named people of an event: actors whose code is more than a bare country and whose name
    is a personal name ('Zhang Youxia', 'Ursula von der Leyen'), not an agent ('China politician')
    or a body ('Presidential Executive Office of Russia')."""
    return {n for n, c in ((e.source, e.source_code), (e.target, e.target_code))
            if n and c and len(c) > 3 and " " in n and not n.lower().startswith(("the ", c[:3].lower()))
            and all(w[:1].isupper() or w in _NAME_PARTICLES or re.split(r"[-'’]", w)[-1][:1].isupper()
                    for w in n.split())
            and "of" not in n.split()}


def _side(names: list[tuple[str | None, str | None]]) -> str:
    """'Russia (Vladimir Putin, Sergei Shoigu)': the country of a side and the people named on it."""
    from ..actors.kb import knowledge_base

    countries = [c[:3] for _, c in names if c]
    country = max(set(countries), key=lambda x: (countries.count(x), x)) if countries else None
    people = []
    for name, _ in names:
        if name and name not in people:
            people.append(name)
    known = knowledge_base().countries.get(country) if country else None
    label = known.name if known else None
    people = [p for p in people if p != label and not (label and p.startswith(label))]
    if label and people:
        return f"{label} ({', '.join(people[:4])})"
    return label or ", ".join(people[:4]) or "?"


def event_parts(c: EventCluster) -> tuple[str, str | None, bool, str]:
    """The sides of a cluster's label ('Russia (Sergei Shoigu)', 'China (Zhang Youxia)'; None when
    no one was acted on), whether the act was joint, and the predicate ('consult')."""
    e = c.first
    joint = any(m.symmetric for m in c.members) or e.event_code in JOINT_CODES
    a_key = _country(e.source_code, e.source)
    left, right = [], []
    for m in c.members:
        pairs = [(m.source, m.source_code), (m.target, m.target_code)]
        if _country(m.source_code, m.source) != a_key:
            pairs.reverse()
        left.append(pairs[0])
        right.append(pairs[1])
    verb = code_info(e.event_code).label.replace(", not specified below", "")
    verb = verb[0].lower() + verb[1:] if verb else verb
    neg = "did not " if e.negated else ""
    mod = "intend to " if e.modality == "intent" and not verb.startswith(("express intent", "intend")) else ""
    other = _side(right) if any(n or c for n, c in right) else None
    return _side(left), other, joint, f"{neg}{mod}{verb}"


def event_label(c: EventCluster, parts: tuple[str, str | None, bool, str] | None = None) -> str:
    """'Russia (Sergei Shoigu) and China (Zhang Youxia): consult'; → for one-way actions (`parts`:
    event_parts(c), when the caller has them)."""
    left, right, joint, predicate = parts or event_parts(c)
    if right is None:
        return f"{left}: {predicate}"
    return f"{left}{' and ' if joint else ' → '}{right}: {predicate}"


# ---------------------------------------------------------------------------------- claims
@dataclass(frozen=True, slots=True)
class SentenceRow:
    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class ClaimGroup:
    members: list[SentenceRow] = field(default_factory=list)

    @property
    def articles(self) -> set[str]:
        return {m.article_id for m in self.members}


_WORDS = re.compile(r"\w+")


SAID_AGAIN = 0.9  # a sentence with this share of its words in a longer one of its article is said again there


def claim_sentences(sentences: Sequence[SentenceRow]) -> list[SentenceRow]:
    """Sentences that can state a claim: long enough, not questions, no line of the page around
    the report (`summarize.page_line`), among the article's first MAX_CLAIM_SENTENCES, and not
    one its article says word for word elsewhere, or at more length (a page printing its teaser or
    headline again as the lead would otherwise state the claim twice, as two claims)."""
    kept: dict[str, list[tuple[SentenceRow, frozenset[str]]]] = {}  # by article, in reading order
    order: list[tuple[SentenceRow, frozenset[str]]] = []
    said: set[tuple[str, str]] = set()
    for s in sentences:
        text = s.text.strip()
        if s.index >= MAX_CLAIM_SENTENCES or text.endswith("?") or len(tokens(text)) < MIN_CLAIM_WORDS \
                or page_line(text):
            continue
        words = _WORDS.findall(text.casefold())
        key = (s.article_id, " ".join(words))  # its words: a stop more or less alike
        if key in said:
            continue
        said.add(key)
        order.append((s, frozenset(words)))
        kept.setdefault(s.article_id, []).append(order[-1])
    out = []
    for s, words in order:
        if not any(len(other) > len(words) and len(words & other) >= SAID_AGAIN * len(words)
                   for o, other in kept[s.article_id] if o is not s):
            out.append(s)
    return out


def group_claims(sentences: Sequence[SentenceRow], ctx: ClaimContext | None = None,
                 languages: Mapping[str, str | None] | None = None) -> list[ClaimGroup]:
    """Group sentences of different articles that state the same thing (close embeddings; or most
    rare words shared at a fair embedding similarity, names counted as the actors they name; or one
    named actor acting or speaking in both with most of the gist shared). Greedy in reading order:
    a sentence joins the best group that has no sentence of its own article yet. `languages`
    (article id -> code; none known: English): a sentence and a group's first sentence in two
    languages state one claim when the multilingual encoder reads them CLAIM_ACROSS close, or
    CLAIM_ACROSS_FIGURES close when both give figures and share half of them, never when both give
    figures and share none (a German outlet's report confirms an English one's); groups in the
    sentence's own language are tried first, and the encoder is loaded only for a story in several
    languages."""
    if not sentences:
        return []
    language = [base(languages.get(s.article_id)) or "en" for s in sentences] if languages else []
    across = multilingual_texts([s.text for s in sentences]) if len(set(language)) > 1 else None
    vecs = embed([s.text for s in sentences])
    texts = [_canonical(s, ctx) for s in sentences]
    rare = [frozenset(w for w in content_words(t) if idf(w) >= 2.5) for t in texts]
    names = [_actor_words(s, ctx) for s in sentences]
    gists = [gist(t) for t in texts]
    subjects = [subject_keys(s.article_id, s.start, s.end, ctx) for s in sentences]
    numbers = [_numbers(s.text) for s in sentences]
    groups: list[ClaimGroup] = []
    heads = np.empty(len(sentences), dtype=np.int64)  # index of each group's first sentence
    block = across_block = np.empty((0, 0), dtype=np.float32)
    codes = np.array(language) if across is not None else None
    for i, s in enumerate(sentences):
        if i % _BLOCK == 0:  # similarities of the next rows to every sentence, one matrix product
            block = vecs[i:i + _BLOCK] @ vecs.T
            if across is not None:
                across_block = across[i:i + _BLOCK] @ across.T
        chosen = None
        other = None  # which heads are in another language (stories in several languages)
        nh = len(groups)
        if nh:
            sims = block[i % _BLOCK, heads[:nh]]
            if across is not None:  # heads in another language are tried after, by the multilingual cosine
                other = codes[heads[:nh]] != language[i]
                sims = np.where(other, -np.inf, sims)
            # the 8 most similar heads, ties by age: every head at least as close as the 8th, sorted
            best = np.arange(nh) if nh <= 8 else np.nonzero(sims >= np.partition(sims, nh - 8)[nh - 8])[0]
            for g in best[np.lexsort((best, -sims[best]))][:8]:
                if s.article_id in groups[g].articles or (other is not None and other[g]):
                    continue
                h = heads[g]
                if _shared_figures(numbers[i], numbers[h]) is False:
                    continue  # 'at least 27 killed' does not confirm 'at least 37 killed'
                sim = float(sims[g])
                shared = len(rare[i] & rare[h]) / max(1, min(len(rare[i]), len(rare[h])))
                if sim >= CLAIM_SIM or (sim >= CLAIM_WORDS_SIM and shared >= CLAIM_WORDS
                                        and min(len(rare[i]), len(rare[h])) >= 3
                                        # the names of a story are in most of its sentences: not all shared
                                        and len(rare[i] & rare[h] - names[i] - names[h]) >= CLAIM_MIN_WORDS) \
                        or (sim >= SUBJECT_SIM and subjects[i] & subjects[h] and _same_gist(gists[i], gists[h])):
                    chosen = groups[g]
                    break
        if chosen is None and other is not None and other.any():
            cross = np.where(other, across_block[i % _BLOCK, heads[:nh]], -np.inf)
            for g in np.argsort(-cross, kind="stable")[:8]:
                if cross[g] < min(CLAIM_ACROSS, CLAIM_ACROSS_FIGURES):
                    break
                if s.article_id in groups[g].articles:
                    continue
                figures = _shared_figures(numbers[i], numbers[heads[g]])
                if figures is not False and (cross[g] >= CLAIM_ACROSS or figures and cross[g] >= CLAIM_ACROSS_FIGURES):
                    chosen = groups[g]
                    break
        if chosen is None:
            heads[len(groups)] = i
            groups.append(ClaimGroup())
            chosen = groups[-1]
        chosen.members.append(s)
    return groups


_DIGITS = re.compile(r"\d{1,3}(?:[,.\u202f\u00a0]\d{3})+(?!\d)|\d+")


def _numbers(text: str) -> set[int]:
    """The numbers a sentence writes ('1,200' and '1200' alike), years left out: two reports of one
    day name its year and still differ in their counts."""
    found = {int(re.sub(r"\D", "", m.group())) for m in _DIGITS.finditer(text)}
    return {n for n in found if not 1900 <= n <= 2100}


def _figures(a: str, b: str) -> bool | None:
    """Whether two sentences that both give figures share at least half of the fewer (344 and 286
    votes in both: True) or none (30 dead against 45, 400 wounded against 500: False; embeddings
    read such sentences alike all the same); None: not both give figures, or they share some."""
    return _shared_figures(_numbers(a), _numbers(b))


def _shared_figures(x: set[int], y: set[int]) -> bool | None:
    """`_figures` of two sentences' numbers."""
    if not x or not y:
        return None
    shared = len(x & y)
    return False if not shared else True if shared >= 0.5 * min(len(x), len(y)) else None


def _canonical(s: SentenceRow, ctx: ClaimContext | None) -> str:
    return canonical_text(s.text, s.start, ctx.within(s.article_id, s.start, s.end)) if ctx else s.text


def _actor_words(s: SentenceRow, ctx: ClaimContext | None) -> frozenset[str]:
    return frozenset(w for *_, name in (ctx.within(s.article_id, s.start, s.end) if ctx else ())
                     for w in content_words(name))


def _same_gist(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared >= SUBJECT_MIN_GIST and shared >= SUBJECT_GIST * min(len(a), len(b))


REPORT_CUES = frozenset("said says say claimed claims claim reported reports according announced stated "
                        "confirmed denied denies told".split())


def checkability(text: str, shared: set[str], has_event: bool = False) -> float:
    """How much a sentence asserts that only this article asserts, and how checkable it is: the
    weight of its rare words found in no other article of the story (not in `shared`), plus a report
    cue or quotation, a number, a coded event; minus commentary words (data/analytic_words.txt).
    Ranks single-source claims so that specific assertions come before analysis."""
    from ..data import word_set

    toks = tokens(text)
    if not toks:
        return 0.0
    own = {w for w in content_words(text) if w not in shared and idf(w) >= 2.5}
    score = sum(idf(w) for w in own) / max(8, len(toks)) ** 0.5
    analytic = word_set("analytic_words.txt")
    score -= 1.5 * sum(1 for t in toks if t in analytic)
    score += 2.0 * (any(t in REPORT_CUES for t in toks) or any(q in text for q in "“‘\""))
    score += 1.0 * any(ch.isdigit() for ch in text) + 2.0 * has_event
    return score


def salience(text: str) -> float:
    """How much a sentence says: its rare words' weight, per square root of its length."""
    words = content_words(text)
    if not words:
        return 0.0
    return sum(idf(w) for w in set(words)) / (len(tokens(text)) ** 0.5)
