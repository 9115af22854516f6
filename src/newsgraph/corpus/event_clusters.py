"""Event clusters: one happening's coded events across a story's articles merged into one cluster
(same dyad, compatible code and date), with the people and the label it is shown by."""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..events.lexicon import code_info
from .claims import REPORT_CUES
from .features import content_words, embed

JOINT_CODES = frozenset({"040", "043", "046", "050", "057", "061", "062"})  # A with B is B with A
STATEMENT_SIM = 0.5  # embedding cosine for two undated statements by no one named to say one thing


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
    said_by: str | None = None  # who tells of it, where it lies in a quotation or reported speech
    said_code: str | None = None  # their actor code


@dataclass(slots=True)
class EventCluster:
    id: str
    members: list[EventRow] = field(default_factory=list)
    order: int = 0  # its place among the story's clusters, as made
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
    word_cache: dict[str, frozenset[str]] = {}
    _copies = _SentenceIndex()
    said = sorted({e.sentence for e in events if e.event_root in ("01", "02")})
    vector = dict(zip(said, embed(said))) if said else {}
    for e in sorted(events, key=_precision_rank):
        unordered = e.symmetric or e.event_code in JOINT_CODES
        key = (e.event_root, e.negated, e.modality, _dyad(e, unordered))
        people = _people(e)
        dyad = (e.source or e.source_code) and (e.target or e.target_code)
        words = None
        pool = by_key.get(key, [])
        if not dyad:  # no one acted on: nothing to match it by but the sentence (a wire text's copies)
            key = key + (SOLO,)
            words = _words_of(e.sentence, word_cache)
            pool = [c for c in _copies.candidates(key, words) if _same_sentence(c, e, words, word_cache)]
        fits = [c for c in pool if _dates_agree(c.date, e.date)
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
            chosen = EventCluster(cid, order=len(clusters))
            clusters.append(chosen)
            by_key.setdefault(key, []).append(chosen)
        chosen.members.append(e)
        if words is not None:
            _copies.add(key, words, chosen)
        chosen.people |= people
        if statement:
            chosen.said.append(mine)
    return _undated_into_the_one_dated(clusters, by_key, published or {})


SOLO = "no one acted on"
SAME_SENTENCE = 0.8  # share of content words (Jaccard) of two sentences that are one text, as copies write it


def _words_of(sentence: str, cache: dict[str, frozenset[str]]) -> frozenset[str]:
    found = cache.get(sentence)
    if found is None:
        found = cache[sentence] = frozenset(content_words(sentence))
    return found


def _same_sentence(c: EventCluster, e: EventRow, words: frozenset[str], cache: dict[str, frozenset[str]]) -> bool:
    """Whether one of the cluster's reports is told in (nearly) the words of `e`'s sentence, by the
    same actor: an act with no one acted on ("Hollande vowed a merciless fight") is one report
    where a wire text's copies repeat it, however many outlets print it."""
    for m in c.members:
        if (m.source_code, m.source) != (e.source_code, e.source):
            continue
        other = _words_of(m.sentence, cache)
        if words and other and len(words & other) >= SAME_SENTENCE * len(words | other):
            return True
    return False


class _SentenceIndex:
    """The clusters of acts on no one by the words of their sentences, so that a report is compared
    only with those that could be its copy: two sentences sharing SAME_SENTENCE of their words
    (Jaccard) share at least one of any (1 - SAME_SENTENCE) share, plus one, of either's words, so
    a report looks up that many of its words, those fewest clusters hold."""

    def __init__(self) -> None:
        self.by_word: dict[tuple, dict[str, EventCluster]] = {}

    def add(self, key: tuple, words: frozenset[str], cluster: EventCluster) -> None:
        for w in words:
            self.by_word.setdefault((key, w), {})[cluster.id] = cluster

    def candidates(self, key: tuple, words: frozenset[str]) -> list[EventCluster]:
        """The clusters of this key holding a sentence that shares one of the looked-up words, in
        the order they were made."""
        # a copy shares at least ceil(SAME_SENTENCE * n) of the n words (exactly: 1 - 0.8 is 0.1999...)
        need = len(words) - math.ceil(SAME_SENTENCE * len(words) - 1e-9) + 1
        found: dict[str, EventCluster] = {}
        for w in sorted(words, key=lambda w: (len(self.by_word.get((key, w), ())), w))[:need]:  # the rarest
            found.update(self.by_word.get((key, w), {}))
        return sorted(found.values(), key=lambda c: c.order)


NEAR_DAYS = 7  # an undated report of a happening is published within this many days of it


def _undated_into_the_one_dated(clusters: list[EventCluster], by_key: dict[tuple, list[EventCluster]],
                                published: Mapping[str, dt.date | dt.datetime | None]) -> list[EventCluster]:
    gone: set[str] = set()
    for key, found in by_key.items():
        if key[0] in ("01", "02", "06") or key[-1] == SOLO:  # (an act on no one: only its copies join it)
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


def _own_word(m: EventRow) -> bool:
    """Whether a report is a speaker's own verbal act told in their words ('the ministry said both sides
    are committed to ...', 'Russia said it rejects ...'): the words are the act. A material act a
    speaker tells of, even their own state's ('Russia said it had repelled the assault'), is a claim."""
    verbal = code_info(m.event_code).quad_class in (1, 3)  # verbal cooperation or conflict
    same = m.said_by == m.source or bool(m.said_code and m.source_code and m.said_code[:3] == m.source_code[:3])
    return verbal and same


def said_by(c: EventCluster) -> str | None:
    """Who tells of a cluster's event where every report of it lies in someone's words ('Russia and
    China are not building any military alliances,' Putin said): the speakers, two at most; None
    where a writer states it in their own voice anywhere, or where a speaker's words are their own
    verbal act (`_own_word`)."""
    names = [m.said_by for m in c.members]
    if not names or None in names or any(_own_word(m) for m in c.members):
        return None
    first = list(dict.fromkeys(names))
    return " and ".join(first[:2]) + (" and others" if len(first) > 2 else "")


def event_label(c: EventCluster, parts: tuple[str, str | None, bool, str] | None = None,
                who: str | None = "") -> str:
    """'Russia (Sergei Shoigu) and China (Zhang Youxia): consult'; → for one-way actions (`parts`:
    event_parts(c), when the caller has them); ', according to X' where only someone's words tell
    of it (`who`: said_by(c) when the caller has it, "" to work it out, None for none): what a
    speaker claims is not given as what happened."""
    left, right, joint, predicate = parts or event_parts(c)
    who = said_by(c) if who == "" else who
    said = f", according to {who}" if who else ""
    if right is None:
        return f"{left}: {predicate}{said}"
    return f"{left}{' and ' if joint else ' → '}{right}: {predicate}{said}"
