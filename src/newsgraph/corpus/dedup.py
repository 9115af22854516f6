"""Copies and rewrites: exact copies by content hash, near copies by MinHash LSH (datasketch),
rewrites by aligned sentences.

Near copies are found without an all-pairs step: each article's MinHash signature (word
5-shingles) is cut into bands; articles that share a band are candidates, and a candidate is a
near copy when the estimated Jaccard similarity of the shingle sets, or the share of the
smaller article contained in the larger, is high. Band keys are stored, so the index grows
with the corpus and a later run only looks up the new articles.

LSH, tuned to Jaccard, rarely pairs a wire story reprinted with another lead, cut short or
updated. So each article is also compared exactly with the earlier articles of its own story on
its own words (`own_words`: the 5-shingles outside quotation marks, so that two pages quoting
one statement are not copies): a near copy when most of the smaller one's own words, a good part
of them in verbatim runs of twelve words or more, or one's lead word for word, are in the other
(`contained_share`, `run_share`, `lead_share`; the caller applies them).

A rewrite (a content farm's paraphrase, a translation, an outlet re-telling another's piece)
shares few shingles, so it is judged on meaning: the sentences of the shorter article are
aligned to the other's by embedding similarity and by shared rare words, and most of them
must find a counterpart.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import MinHash

from .features import WORD, content_words, embed, idf, stopwords, tokens

SHINGLE = 5
NUM_PERM = 128
ROWS = 3  # rows per band: 42 bands of 3; a pair at Jaccard 0.3 is a candidate with p ≈ 0.68
BANDS = NUM_PERM // ROWS
SEED = 7
SCHEME = "affine32"  # datasketch 2.0's default, named: stored signatures must stay comparable
NEAR_JACCARD = 0.4  # estimated Jaccard of 5-shingles
NEAR_CONTAINMENT = 0.65  # share of the smaller article's shingles found in the larger one
MIN_SHINGLES = 20  # an article this short is only ever an exact copy
REWRITE_ALIGNED = 0.55  # share of the shorter article's sentences that have a counterpart
REWRITE_MIN_SENTENCES = 3
SENTENCE_SIM = 0.82  # embedding cosine for two sentences to say the same thing
STORY_CONTAINMENT = 0.45  # share of the smaller article's own-word shingles in an earlier one of its story
EDITED_CONTAINMENT = 0.35  # a rewrite keeping this share of the shingles...
EDITED_ALIGNED = 0.75  # ...with this share of its sentences aligned is an edited copy: a near copy
WORD_OVERLAP = 0.5  # or: share of rare content words of the shorter sentence


@dataclass(frozen=True, slots=True)
class Signature:
    hashvalues: np.ndarray  # uint64, NUM_PERM values
    n_shingles: int


def shingles(text: str, words: Sequence[str] | None = None) -> set[bytes]:
    """The distinct word 5-shingles of a text (`words`: its `tokens`, when the caller has them)."""
    words = tokens(text) if words is None else words
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


@cache
def _permutations() -> np.ndarray:
    """The MinHash permutations of NUM_PERM and SEED, drawn once (datasketch draws them anew for
    every MinHash it builds)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str, words: Sequence[str] | None = None) -> Signature:
    """The MinHash signature of a text's 5-shingles (`words`: its `tokens`, when known)."""
    found = shingles(text, words)
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    if found:
        m.update_batch(list(found))
    return Signature(m.hashvalues.astype(np.uint64), len(found))


_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


def band_keys(sig: Signature) -> list[int]:
    """One 64-bit key per band (a multiplicative mix of the band's rows)."""
    rows = sig.hashvalues[:BANDS * ROWS].reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        mixed = (rows * _MIX[:ROWS]).sum(axis=1, dtype=np.uint64)
        mixed ^= mixed >> np.uint64(29)
        mixed += np.arange(BANDS, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93)
    return [int(k) for k in mixed]


def similarity(a: Signature, b: Signature) -> tuple[float, float]:
    """Estimated Jaccard similarity and containment (of the smaller set in the larger)."""
    if not a.n_shingles or not b.n_shingles:
        return 0.0, 0.0
    j = float(np.mean(a.hashvalues == b.hashvalues))
    inter = j * (a.n_shingles + b.n_shingles) / (1.0 + j)
    return j, min(1.0, inter / min(a.n_shingles, b.n_shingles))


def near_copy_score(a: Signature, b: Signature) -> float | None:
    """The similarity that makes b a near copy of a, or None."""
    if min(a.n_shingles, b.n_shingles) < MIN_SHINGLES:
        return None
    return _near(*similarity(a, b))


def near_copy_scores(others: Sequence[Signature], b: Signature) -> list[float | None]:
    """near_copy_score(a, b) for each a of `others`, the signatures compared in one array
    operation (the same values: an article on a busy day has dozens of LSH candidates)."""
    if not others:
        return []
    if b.n_shingles < MIN_SHINGLES:
        return [None] * len(others)
    same = (np.stack([a.hashvalues for a in others]) == b.hashvalues).mean(axis=1)
    out: list[float | None] = []
    for a, j in zip(others, same.tolist()):
        if a.n_shingles < MIN_SHINGLES:
            out.append(None)
            continue
        inter = j * (a.n_shingles + b.n_shingles) / (1.0 + j)
        out.append(_near(j, min(1.0, inter / min(a.n_shingles, b.n_shingles))))
    return out


def _near(j: float, c: float) -> float | None:
    if j >= NEAR_JACCARD:
        return j
    if c >= NEAR_CONTAINMENT:
        return c
    return None


@dataclass(frozen=True, slots=True)
class SentenceSet:
    """An article's sentences, ready for alignment: embeddings and rare content words."""

    texts: tuple[str, ...]
    vectors: np.ndarray
    words: tuple[frozenset[str], ...]


def sentence_set(texts: Sequence[str]) -> SentenceSet:
    return sentence_sets([texts])[0]


def sentence_sets(articles: Sequence[Sequence[str]]) -> list[SentenceSet]:
    """The sentence sets of several articles, their sentences embedded in one call."""
    kept = [tuple(t for t in texts if len(tokens(t)) >= 5) for texts in articles]
    vectors = embed([t for texts in kept for t in texts])
    out, at = [], 0
    for texts in kept:
        words = tuple(frozenset(w for w in content_words(t) if idf(w) >= 2.5) - _names(t) for t in texts)
        vecs = vectors[at:at + len(texts)] if texts else np.zeros((0, 1), dtype=np.float32)
        out.append(SentenceSet(texts, vecs, words))
        at += len(texts)
    return out


_NAME = re.compile(r"(?<=[\s(“\"'‘-])[A-Z][\w'’-]*")


ENGLISH_SHARE = 0.1  # English function words among a sentence's words for its capitals to be names


def _names(sentence: str) -> frozenset[str]:
    """The content words an English sentence writes as names (capitalised after its first word):
    every report of a story shares them, so they tell no rewrite from an independent report. In
    other languages (German capitalises every noun) none are taken for names."""
    words = WORD.findall(sentence.casefold())
    if not words or sum(w in stopwords() for w in words) < ENGLISH_SHARE * len(words):
        return frozenset()
    return frozenset(w for m in _NAME.finditer(sentence) for w in content_words(m.group()))


def _own_ranges(text: str) -> list[tuple[int, int]]:
    """The stretches of a text outside its quotation marks."""
    from ..quotemarks import quote_spans

    out, at = [], 0
    for start, end in quote_spans(text):
        out.append((at, max(at, start - 1)))
        at = end + 1
    out.append((at, len(text)))
    return [(a, b) for a, b in out if b > a]


_POLY = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit multiplier: runs of word hashes are mixed as polynomials


def _runs(h: np.ndarray, n: int) -> np.ndarray:
    """Hashes of the runs of n consecutive words (`h`: their word hashes, uint64), each mixed
    as a polynomial with wrapping 64-bit arithmetic; a stretch shorter than n is one run."""
    n = min(n, len(h))
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    out = h[:len(h) - n + 1].copy()
    for k in range(1, n):
        out *= _POLY
        out += h[k:len(h) - n + 1 + k]
    return out


def _distinct(parts: list[np.ndarray]) -> np.ndarray:
    return np.unique(np.concatenate(parts).view(np.int64)) if parts else np.zeros(0, dtype=np.int64)


def own_words(text: str) -> np.ndarray:
    """Sorted distinct hashes of the 5-word shingles of an article's own words: what lies outside
    its quotation marks, each stretch shingled apart. Two outlets quoting one statement share its
    words without one copying the other; a reprint shares the narrative as well."""
    return own_words_of(text, ()).full


@dataclass(frozen=True, slots=True)
class OwnWords:
    """An article's own-word shingles (`own_words`), all of them and those of its lead; its own
    word pairs, all of them and per sentence (of eight words or more); its shingles in their
    order, stretch after stretch (`first` marks where each stretch begins), and its number of
    own words."""

    full: np.ndarray
    lead: np.ndarray
    pairs: np.ndarray
    sentence_pairs: tuple[np.ndarray, ...]
    sequence: np.ndarray
    first: np.ndarray
    words: int


LEAD_SENTENCES = 2  # sentences of eight words or more that make an article's lead
LEAD_CONTAINED = 0.6  # share of one lead's own-word shingles found in the other article...
LEAD_REST = 0.15  # ...when the smaller article shares this much of its own words in all, the lead included:
# a lead word for word in a page mostly of its own is a lead reused (a post quoting it, a content farm's
# opening). Measured on the labelled sets, the versions of one agency story that keep its lead share 0.23
# or more, such pages 0.07 and 0.13; the share without the lead told them apart no better (0 to 0.13 both)
PAIRS_CONTAINED = 0.5  # share of the smaller one's own word pairs found in the other...
SENTENCES_KEPT = 0.5  # ...and share of one's sentences whose word pairs are mostly (SENTENCE_PAIRS) in the other
SENTENCE_PAIRS = 0.6
MIN_PAIRS = 40  # an article with fewer own word pairs is judged on its shingles alone


def own_words_of(text: str, sentences: Sequence[tuple[int, int]]) -> OwnWords:
    """The own words of an article and of its lead (`sentences`: its sentence spans). The text is
    tokenised once, with offsets; each own stretch, each sentence's part of it and the lead's
    part of it are slices of its word hashes, and shingles and word pairs are hashed from those
    (`_runs`) without building their strings."""
    ranges = _own_ranges(text)
    found = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    starts = [a for a, _, _ in found]
    ends = [b for _, b, _ in found]
    h = np.fromiter((hash(w.casefold().replace("’", "'")) for _, _, w in found), dtype=np.int64,
                    count=len(found)).view(np.uint64)

    def within(a: int, b: int) -> tuple[int, int]:  # the tokens lying wholly inside text[a:b]
        return bisect_left(starts, a), bisect_right(ends, b)

    stretches = [ij for ij in (within(a, b) for a, b in ranges) if ij[1] > ij[0]]
    long = [(a, b) for a, b in sentences if len(text[a:b].split()) >= 8]
    lead_spans = [within(a, b) for a, b in long[:LEAD_SENTENCES]]
    full = [_runs(h[i:j], SHINGLE) for i, j in stretches]
    pairs = [_runs(h[i:j], 2) for i, j in stretches if j - i >= 2]
    lead = []
    for i, j in stretches:  # the lead's words in each stretch, its two sentences run together as one text
        kept = [h[max(i, x):min(j, y)] for x, y in lead_spans if min(j, y) > max(i, x)]
        if kept:
            lead.append(_runs(np.concatenate(kept), SHINGLE))
    per_sentence = []
    last = [j for _, j in stretches]  # the stretches do not overlap: their token ends are sorted too
    for a, b in long:
        x, y = within(a, b)
        got = []
        k = bisect_right(last, x)  # the first stretch ending after the sentence starts
        while k < len(stretches) and stretches[k][0] < y:
            i, j = stretches[k]
            if min(j, y) - max(i, x) >= 2:
                got.append(_runs(h[max(i, x):min(j, y)], 2))
            k += 1
        if got and len(kept := _distinct(got)) >= 4:
            per_sentence.append(kept)
    first = np.zeros(sum(map(len, full)), dtype=bool)
    first[np.cumsum([0, *map(len, full[:-1])], dtype=np.int64)[:len(full)]] = True
    sequence = np.concatenate(full).view(np.int64) if full else np.zeros(0, dtype=np.int64)
    return OwnWords(_distinct(full), _distinct(lead), _distinct(pairs), tuple(per_sentence), sequence, first,
                    sum(j - i for i, j in stretches))


def pair_containment(a: OwnWords, b: OwnWords) -> float | None:
    """The share of the smaller article's own word pairs found in the other (None: too few)."""
    if min(len(a.pairs), len(b.pairs)) < MIN_PAIRS:
        return None
    return np.intersect1d(a.pairs, b.pairs, assume_unique=True).size / min(len(a.pairs), len(b.pairs))


HOP_PAIRS = 0.4  # two copies of one text: this share of word pairs is enough (`pair_containment`)


def pair_share(a: OwnWords, b: OwnWords) -> float | None:
    """The share of the smaller article's own word pairs found in the other when, besides, half
    the sentences of one are mostly found in the other (None: not so, or too short). A copy
    edited word by word (a later version of a wire story, a broadcaster's rewording) keeps most
    word pairs and most sentences' pairs but few of the five-word shingles; two independent
    reports of one event share names and stock phrases, not sentence after sentence."""
    share = pair_containment(a, b)
    if share is None or share < PAIRS_CONTAINED:
        return None
    kept = max((sum(np.intersect1d(s, y.pairs, assume_unique=True).size >= SENTENCE_PAIRS * len(s)
                    for s in x.sentence_pairs) / len(x.sentence_pairs)
                for x, y in ((a, b), (b, a)) if x.sentence_pairs), default=0.0)
    return share if kept >= SENTENCES_KEPT else None


def lead_share(a: OwnWords, b: OwnWords) -> float | None:
    """The larger share of one article's lead found in the other's own words (None: leads too
    short). A wire story's later version keeps its lead word for word and changes the rest;
    independent reports of one event rarely share twenty-odd words of narrative."""
    shares = [np.intersect1d(x.lead, y.full, assume_unique=True).size / len(x.lead)
              for x, y in ((a, b), (b, a)) if len(x.lead) >= MIN_SHINGLES // 2]
    return max(shares) if shares else None


def contained_share(a: np.ndarray, b: np.ndarray) -> float | None:
    """Exact share of the smaller article's own-word shingles (`own_words`) found in the other's
    (None: too few to tell). Between two articles of one story it finds the near copies that
    MinHash LSH, tuned to Jaccard, rarely pairs: a wire story reprinted with another lead, cut
    short, or updated."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return None
    return np.intersect1d(a, b, assume_unique=True).size / min(len(a), len(b))


RUN_WORDS = 12  # a verbatim run of own words this long is taken from a common text, not a stock phrase
RUN_SHARE = 0.3  # share of the smaller article's own words in such runs that makes it a near copy


def run_share(a: OwnWords, b: OwnWords) -> float | None:
    """The share of the smaller article's own words that lie in runs of RUN_WORDS or more words
    found word for word in the other (None: too short to tell). Two versions of one agency story
    (a new lead, paragraphs added, cut or moved) share whole paragraphs verbatim; two outlets
    reporting one event, or a reworded copy, share names and stock phrases of a few words."""
    if min(len(a.full), len(b.full)) < MIN_SHINGLES:
        return None
    small, other = (a, b) if (len(a.full), a.words) <= (len(b.full), b.words) else (b, a)
    seq, first = small.sequence, small.first
    at = np.minimum(np.searchsorted(other.full, seq), len(other.full) - 1)
    hit = other.full[at] == seq
    # a run of shared shingles starts where one is shared after one that is not, or at a stretch's
    # start (runs do not cross a quotation), and ends likewise
    begins = np.flatnonzero(hit & (first | ~np.concatenate(([False], hit[:-1]))))
    ends = np.flatnonzero(hit & (np.concatenate((first[1:], [True])) | ~np.concatenate((hit[1:], [False])))) + 1
    keep = ends - begins >= RUN_WORDS - SHINGLE + 1
    begins, ends = begins[keep], ends[keep]
    covered = int((ends - begins).sum()) + (SHINGLE - 1) * len(begins)  # n shingles span n + 4 words
    if len(begins) > 1:  # two runs of one stretch fewer than four shingles apart share words
        gap = begins[1:] - ends[:-1]
        stretch = np.cumsum(first) - 1
        overlap = (stretch[begins[1:]] == stretch[ends[:-1] - 1]) & (gap < SHINGLE - 1)
        covered -= int((SHINGLE - 1 - gap[overlap]).sum())
    return min(1.0, covered / small.words) if small.words else None


def aligned_share(a: SentenceSet, b: SentenceSet) -> tuple[float, int]:
    """Share (and number) of the shorter article's sentences that say what a sentence of the
    other says: close embeddings, or most of their rare words shared."""
    if not a.texts or not b.texts:
        return 0.0, 0
    if len(a.texts) > len(b.texts):
        a, b = b, a
    sims = a.vectors @ b.vectors.T
    hits = 0
    for i, row in enumerate(sims):
        j = int(np.argmax(row))
        ok = row[j] >= SENTENCE_SIM
        if not ok and a.words[i]:
            best = max(len(a.words[i] & w) / min(len(a.words[i]), len(w) or 1) for w in b.words)
            ok = best >= WORD_OVERLAP and len(a.words[i]) >= 3 and row[j] >= SENTENCE_SIM - 0.15
        hits += bool(ok)
    return hits / len(a.texts), hits


def rewrite_score(a: SentenceSet, b: SentenceSet) -> float | None:
    """The aligned share when b rewrites a (or a b); None when they are not rewrites, or too short
    to tell (two one-sentence items on one event say the same thing without copying)."""
    if min(len(a.texts), len(b.texts)) < REWRITE_MIN_SENTENCES:
        return None
    share, hits = aligned_share(a, b)
    if hits >= REWRITE_MIN_SENTENCES and share >= REWRITE_ALIGNED:
        return share
    return None
