"""Corroboration: the independent sources of a fact, and claims with their support (one happening's
events across articles are merged in event_clusters.py).

Every fact carries `mentions` (how many times it is reported), `outlets` (distinct outlets) and
`independent_outlets`: the independent sources among them: an article and its copy, near copy or
rewrite are one source, and so are the articles carrying one news agency's copy (their pages
credit the agency, or are its own site), so a copy never counts as confirmation. Beyond them, the
articles whose sentences stating one fact are one text (the reporter's words the same, word for
word or nearly) are one source for that fact: two outlets do not write a long sentence alike apart.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from ..clean.language import base
from ..ingest.credits import agency_of_site, cited_agency
from .claims import REPORT_CUES, ClaimContext, canonical_text, subject_keys
from .event_clusters import gist
from .features import content_words, embed, idf, multilingual_texts, tokens
from .summarize import page_line

AGENCY = "agency:"  # the source node of a news agency, beside the outlets
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
# (sets 14 and 17: the pairs of outlets' claim sentences at 85-90 were all versions of one text; at 80-85
# some were two reports alike, "winds of up to 150 km/h" beside "... 130 km/h")
COPIED_SENTENCE = 85.0  # rapidfuzz ratio (0-100) of two sentences' own words (outside quotation marks)...
COPIED_MIN_WORDS = 12  # ...of at least this many words, for the two to be one text copied
COPIED_MAX_TEXTS = 60  # distinct sentences of one fact compared pair by pair (the rest by exact words only)
COPIED_SHORT_WORDS = 8  # a shorter sentence is one text copied only word for word, and only when...
COPIED_SHORT_RARE = 3  # ...this many of its words are rare (idf at least RARE_IDF): no stock phrase
RARE_IDF = 4.0
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
            words = copied_words(text) or copied_short(text)
            if words is None:
                continue
            first = by_text.setdefault(words, root[a])
            if find(first) != find(root[a]):
                parent[find(root[a])] = find(first)
        texts = [(w, s) for w, s in by_text.items() if w.count(" ") + 1 >= COPIED_MIN_WORDS][:COPIED_MAX_TEXTS]
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


def copied_short(sentence: str) -> str | None:
    """`copied_words` of a shorter sentence (COPIED_SHORT_WORDS or more) holding COPIED_SHORT_RARE
    rare words, which two outlets write word for word only when one took it from the other or both
    from one agency ('Schulen und Behörden blieben geschlossen, Fährverbindungen wurden vorübergehend
    eingestellt.'); None for a stock phrase ('The death toll is expected to rise.')."""
    words = tokens(sentence)
    if len(words) < COPIED_SHORT_WORDS or sum(idf(w) >= RARE_IDF for w in set(words)) < COPIED_SHORT_RARE:
        return None
    return " ".join(words)


def copied_words(sentence: str) -> str | None:
    """A sentence's words (`own_words` of it, as the caller gives it), lower-cased and joined by
    spaces, if at least COPIED_MIN_WORDS (None: too few to tell a copy from two reports alike)."""
    words = tokens(sentence)
    return " ".join(words) if len(words) >= COPIED_MIN_WORDS else None


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
