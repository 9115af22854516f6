"""Extractive summaries of one article or of a story (several articles about one event).

Every summary is a list of the input `Sentence`s themselves, so a caller can cite each one
(article id and character offsets). No database access: the caller brings the sentences.

A story summary ranks sentences by how central they are to the story (mean similarity to
each article, averaged over the articles so that a long article does not dominate), how
well the other articles cover the same content (the mean of the best match in each other
article) and the caller's `support` (outlets found by corroboration), and how early they
come in their article (the news lead); sentences unfit for a summary (fragments, questions,
quote shards, dangling "He"/"But" openings) are dropped or penalised. Maximal marginal
relevance then picks sentences that add something new until `k` or `max_words` is reached;
two sentences that say the same are never both taken, nor one whose content words are mostly
in the sentences already taken ("X has died aged 103" after "Actor X has died aged 103").
A story summary is in one language, the one most of its articles are written in (a reader of a
German-and-English story gets sentences of one language, not an alternation; measured against
written references of sets 5, 7, 11 and 12 it also scores higher). A story summary is in rank
order (article dates are not known here); an article summary is in article order. Ties are broken
by (article_id, index), so the output does not depend on the input order. When no sentence is
fit for a summary the summary is empty.

Similarity comes from WordLlama static embeddings mixed with tf-idf vectors weighted by a
corpus-independent IDF (wordfreq), measured in scripts/eval_summaries.py; when the
embedding model cannot be loaded the tf-idf vectors alone are used.

`lexrank` is the baseline the story summary is measured against (continuous LexRank,
Erkan & Radev 2004) and `rouge1` the measure.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import regex

from ..clean.language import base, guess, stop_words
from ..data import word_set
from . import features

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
# a quotation: "...", “...”, German „...“ and »...«, French and Spanish «...», Japanese 「...」
_QUOTED = re.compile(r"[\"“„][^\"“”„]*[\"”“]|[«»][^«»]*[«»]|「[^「」]*」")
# Openings that point back to a sentence the summary may not carry.
_DANGLING = frozenset("""he she it they him her his its their them this these those that there
but and or so yet also however meanwhile moreover furthermore additionally still then thus
hence therefore instead otherwise besides nevertheless nonetheless likewise similarly such""".split())
_END = (".", "!", "\"", "”", "“", "’", "»", "«", ")", "。", "！", "」")  # “ and « close German quotations

# Weights of the story ranking (scripts/eval_summaries.py measures them; robust, not tuned fine).
W_CENTRAL = 1.0          # cosine to the story centroid
W_COVER = 1.5            # mean best match in the other articles of the story (corroborated content)
W_LEXRANK = 2.0          # story summaries: LexRank centrality on the same graph (times the number of
#                          sentences: 1 on average); a single article's summary leans on its lead instead
W_SUPPORT = 0.15         # per doubling of the outlets that carry the content (the caller's `support`)
W_LEAD = 0.25            # early sentences of each article (news lead)
W_ARTICLE_LEAD = 0.5     # the lead of a single article (its headline's paraphrase, as a rule)
LEAD_DECAY = 3.0         # the lead bonus halves every LEAD_DECAY sentences
MMR_LAMBDA = 0.7         # relevance against novelty
SAME_CONTENT = 0.85      # similarity above which two sentences say the same (never both taken)
NEW_SHARE = 0.6          # a sentence adds something when at least 60 % of its content words are new (0.4 let one
# fact through in four wordings, 0.5 the outlets' leads each saying Froome won his third Tour; ROUGE-1 summed over the
# labelled sets +0.02 at 40 and 60 words against 0.5, BENCHMARKS)
EMBED_SHARE = 0.5        # share of the embedding cosine in the similarity (the rest is tf-idf)
MIN_WORDS, LONG_WORDS = 6, 50


@dataclass(frozen=True, slots=True)
class Sentence:
    article_id: str
    index: int            # position of the sentence in its article (0 = first body sentence)
    start: int            # character offsets into the article's text
    end: int
    text: str
    outlet: str | None = None
    support: int = 1      # independent outlets that carry the same content (1 = unknown/single)


# letters of scripts that do not space their words: about two of them make a word
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")


def n_words(text: str) -> int:
    """Words as a reader counts them (whitespace-separated; in Chinese, Japanese, Thai... two
    characters a word); the unit of `max_words`."""
    spaced = _UNSPACED.sub(" ", text).split()
    return len(spaced) + len(_UNSPACED.findall(text)) // 2


# --- vectors -----------------------------------------------------------------------------

@cache
def _word_freqs(language: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict(language) if features.frequencies_known(language) else {}


def idf_in(word: str, language: str | None) -> float:
    """A corpus-independent inverse document frequency: -log10 of the word's frequency in the
    language (wordfreq), between 1 ("the") and 7 (unseen words and names, or any word of a
    language wordfreq has no frequencies for without a segmenter)."""
    if word.isdigit():
        return 4.5
    freq = _word_freqs(language).get(word) if language else None
    return min(7.0, -math.log10(freq)) if freq else 7.0


def idf(word: str) -> float:
    """`idf_in` general English."""
    return idf_in(word, "en")


def content_words_in(text: str, language: str | None) -> list[str]:
    """Lowercased words that are not the language's function words (spaCy's list; ours for
    English): words with a letter, and numbers."""
    stops = stop_words(language)
    return [w for w in _WORD.findall(text.lower()) if (w not in stops and _LETTER.search(w)) or w.isdigit()]


def content_words(text: str) -> list[str]:
    """`content_words_in` English."""
    return content_words_in(text, "en")


@lru_cache(maxsize=4)  # a story's sentences are read twice: for the similarity and for the selection
def _languages(texts: tuple[str, ...]) -> tuple[tuple[bool, ...], str | None]:
    """Which texts are English, and the language of the others: a sentence in another language is
    weighed in its own, which the story's other-language sentences tell (py3langid)."""
    english_rows = tuple(english(t) for t in texts)
    other = " ".join(t for t, e in zip(texts, english_rows) if not e)
    language = base(guess(other)) if other else None
    if language in (None, "en"):  # too little to tell, or English after all (captions, lists)
        english_rows = (True,) * len(texts)
    return english_rows, language


def content_bags(texts: Sequence[str]) -> list[set[str]]:
    """Each text's content words, less the function words of its language (`_languages`)."""
    english_rows, language = _languages(tuple(texts))
    return [set(content_words(t) if e else content_words_in(t, language)) for t, e in zip(texts, english_rows)]


def tfidf_vectors(texts: Sequence[str], shared_only: bool = False):
    """L2-normalised tf-idf rows (raw term counts times the wordfreq IDF), one per text, as a
    sparse CSR matrix. With `shared_only`, the columns of words found in one text only are left
    out after normalising: dot products between different texts are unchanged."""
    from scipy import sparse

    # a sentence in another language is weighed in its own: the story's other-language sentences
    # tell it (py3langid), whose function words (spaCy's list) and frequencies (wordfreq) then apply
    english_rows, language = _languages(tuple(texts))
    bags = [Counter(content_words(t) if e else content_words_in(t, language)) for t, e in zip(texts, english_rows)]
    df = Counter(w for bag in bags for w in bag)
    vocab = {w: i for i, w in enumerate(sorted(w for w in df if df[w] > 1 or not shared_only))}
    rows, cols, vals, norms = [], [], [], np.zeros(len(texts), dtype=np.float32)
    for row, bag in enumerate(bags):
        weigh = idf if english_rows[row] else (lambda w: idf_in(w, language))
        weights = [(w, c * weigh(w)) for w, c in bag.items()]
        norms[row] = math.sqrt(sum(v * v for _, v in weights)) or 1.0
        for w, v in weights:
            if w in vocab:
                rows.append(row)
                cols.append(vocab[w])
                vals.append(v / norms[row])
    return sparse.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)),
                             shape=(len(texts), max(1, len(vocab))))


def tfidf_similarity(texts: Sequence[str]) -> np.ndarray:
    """Pairwise cosine of the tf-idf vectors (1 on the diagonal)."""
    tf = tfidf_vectors(texts, shared_only=True)
    sim = (tf @ tf.T).toarray()
    np.fill_diagonal(sim, 1.0)
    return sim


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms > 0, norms, 1.0)


@cache
def _wordllama() -> bool:
    """Whether the WordLlama model shipped inside the wordllama package loads (never downloaded);
    without it summaries use tf-idf alone."""
    try:
        features._embedder()
        return True
    except Exception as exc:  # any failure means: summarise without embeddings
        log.warning("WordLlama embeddings unavailable (%s); summaries use tf-idf similarity only", exc)
        return False


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """L2-normalised WordLlama sentence vectors (features.embed, whose cache the story's claims
    share), or None when the model is unavailable."""
    if not texts or not _wordllama():
        return None
    return _normalise(features.embed(texts))


def english(text: str) -> bool:
    """Whether a sentence reads as English: a fifth of its words English function words (a
    sentence of under five words is given the benefit of the doubt)."""
    words = _WORD.findall(text.lower())
    stops = stop_words("en")
    return len(words) < 5 or sum(w in stops for w in words) * 5 >= len(words)


def similarity(texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
    """Pairwise sentence similarity in [0, 1]: the embedding cosine (the caller's `vectors`,
    or WordLlama's) mixed with the tf-idf cosine between two English sentences; the tf-idf
    cosine alone where either is in another language (the embeddings are an English model's)."""
    sim = tfidf_similarity(texts)
    is_en = np.array([english(t) for t in texts], dtype=bool)
    if not is_en.any():
        return sim
    emb = _normalise(np.asarray(vectors, dtype=np.float32)) if vectors is not None else embed(texts)
    if emb is not None:
        mixed = (1 - EMBED_SHARE) * sim + EMBED_SHARE * np.clip(emb @ emb.T, 0.0, 1.0)
        sim = mixed if is_en.all() else np.where(is_en[:, None] & is_en[None, :], mixed, sim)
    return sim


# --- suitability -------------------------------------------------------------------------

def suitability(text: str) -> float:
    """How fit a sentence is to stand in a summary on its own: 0 (never) to 1."""
    text = text.strip()
    words = n_words(text)
    if words < MIN_WORDS or not (text[:1].isalnum() or text[:1] in "\"“‘'(„«»「"):
        return 0.0
    if text.rstrip().endswith(("?", "？")) or text[:1].islower() or "http" in text or "www." in text \
            or page_line(text):
        return 0.0
    fit = 1.0
    quoted = sum(n_words(m.group()) for m in _QUOTED.finditer(text))
    if quoted > 0.6 * words or _cut_quote(text):
        fit *= 0.5      # mostly a quote, or a quote cut by the sentence splitter
    first = _WORD.findall(text.lower()[:40])[:1]
    if first and first[0] in _DANGLING:
        fit *= 0.6
    if not text.rstrip().endswith(_END):
        fit *= 0.5      # headlines, captions, list items
    if words > LONG_WORDS:
        fit *= 0.7
    return fit


_CREDIT_LINE = re.compile(r"^\W*(?:(?:Reporting|Writing|Editing|Additional reporting|Compiled|Photos?|Photograph|"
                          r"Video) [Bb]y\b|Photos?:)|pic\.twitter\.com|^\s*\d{1,2}/\d{1,2}(?=[^\W\d_])")
_OPEN, _CLOSE = "([", ")]"
# where a photo shows someone: "Minister X (left) and Y (right) attend...", "X (am Mikrofon) verkündet...";
# a single letter ("(R)": also a US party label, "Paul Ryan (R) said") only beside another such mark
_CAPTION = re.compile(r"\((?:\d(?:st|nd|rd|th) [LR]|left|right|cent(?:re|er)|links|rechts|Mitte|l\.|r\.|izquierda|"
                      r"derecha|gauche|droite|à gauche|à droite|sinistra|destra|am Mikrofon|im Bild)\)")
_CAPTION_LETTER = re.compile(r"\([LRC]\)")


_WHEN = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|"
                   r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b")
# words before a caption verb that make it no present-tense main verb: an infinitive, a modal or a finite
# verb anywhere before it ('would hold', 'helped carry', 'made ... a major march'), a determiner right before it
# ('their sit-in', 'those lights')
_NOT_CAPTION = frozenset("to would will may might can could should must was were is are be been had has have "
                         "said says did does do due set helped help reports reported made took gave went came "
                         "saw told won lost led held left met ran got put found brought began fell sent spoke "
                         "stood wrote became kept thought".split())
_DETERMINERS = frozenset("the a an those these this that their his her its our my your some any".split())


def _photo_caption(text: str) -> bool:
    """A photo's caption in the text: its first verb one of data/caption_verbs.txt in the present tense
    ('A Malian police officer stands guard in front of the hotel, November 20, 2015'), a day or date
    in it, no quotation."""
    if '"' in text or "“" in text or not _WHEN.search(text):
        return False
    words = text.split()
    for i, word in enumerate(words[:15]):
        low = word.strip(",.;:")
        if i and low.islower() and low in word_set("caption_verbs.txt"):
            before = [b.lower().strip(",.;:") for b in words[:i]]
            return before[-1] not in _DETERMINERS and not any(b in _NOT_CAPTION or b.endswith("ed") for b in before)
    return False


def page_line(text: str) -> bool:
    """Whether a sentence is a line of the page around the report rather than of it: wholly in
    brackets ("(Photo: AP)", "(Writing by ...; Editing by ...)"), a credit it opens with
    ("Reporting by", "Photo by"), an embedded post's address, a gallery caption's counter glued
    to it ("5/11Fighters ..."), a photo's caption placing the people it shows ("X (left) and Y
    (right) attend ...", "X (L) greets Y (R)")."""
    return (_CREDIT_LINE.search(text) is not None or _CAPTION.search(text) is not None
            or len(_CAPTION_LETTER.findall(text)) >= 2 or _bracketed(text) or _photo_caption(text))


def _bracketed(text: str) -> bool:
    """Whether the text is one bracketed part ("(Photo: AP)."), not one that opens with one
    ("(CNN) The president ...")."""
    text = text.strip()
    if not text or text[0] not in _OPEN:
        return False
    depth = 0
    for k, ch in enumerate(text):
        depth += ch in _OPEN
        depth -= ch in _CLOSE
        if depth == 0:
            return not any(c.isalnum() for c in text[k + 1:])
    return False


_CUT = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])[\"”’»)\]]*$")


def cut_off(text: str) -> bool:
    """Whether an article's last sentence breaks off: it ends without a stop or closing mark
    ("...became th"), or with an ellipsis, as a teaser or a page cut to a length does."""
    text = text.rstrip()
    return bool(text) and (not text.endswith((*_END, "?", "？", "]", "'", "।", "॥", "۔", "؟", "؛")) or
                           _CUT.search(text) is not None)


def whole(sentences: list) -> list:
    """An article's sentences (in order, with `.text`) without a last one that breaks off (`cut_off`)."""
    return sentences[:-1] if sentences and cut_off(sentences[-1].text) else sentences


def _cut_quote(text: str) -> bool:
    """Whether a quotation in the sentence is left open (cut by the sentence splitter): an odd
    number of straight or curly marks (English “...”, German „...“ alike), or unpaired « and »."""
    return bool(text.count("\"") % 2 or (text.count("“") + text.count("”") + text.count("„")) % 2
                or text.count("«") != text.count("»") or text.count("「") != text.count("」"))


# --- selection ---------------------------------------------------------------------------

def _ordered(sentences: Sequence[Sentence]) -> list[Sentence]:
    return sorted(sentences, key=lambda s: (s.article_id, s.index, s.start))


def _mmr(sentences: Sequence[Sentence], relevance: np.ndarray, sim: np.ndarray, k: int,
         max_words: int | None) -> list[int]:
    """Indices picked greedily by relevance minus redundancy with what is already picked;
    a sentence that says the same as a picked one, adds too few new content words
    (`NEW_SHARE`), or does not fit the word budget, is skipped."""
    picked: list[int] = []
    words = np.array([n_words(s.text) for s in sentences])
    said: set[str] = set()  # content words of the picked sentences
    bags = content_bags([s.text for s in sentences])
    budget = max_words if max_words is not None else math.inf
    open_ = relevance > 0
    redundancy = np.zeros(len(sentences))
    while len(picked) < k and open_.any():
        gain = np.where(open_, MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * redundancy, -np.inf)
        i = int(np.argmax(gain))
        open_[i] = False
        if words[i] > budget or (bags[i] and len(bags[i] - said) < NEW_SHARE * len(bags[i])):
            continue  # too long for what is left, or nothing new to say
        picked.append(i)
        said |= bags[i]
        budget -= words[i]
        redundancy = np.maximum(redundancy, sim[i])
        open_ &= sim[i] < SAME_CONTENT
    return picked


def _relevance(sentences: Sequence[Sentence], sim: np.ndarray, lead_weight: float,
               rank_weight: float = 0.0) -> np.ndarray:
    """Centrality (mean similarity and, with `rank_weight`, LexRank's random walk), cross-article
    coverage, corroboration and lead bonuses, times suitability.
    `sentences` are grouped by article (sorted by article id)."""
    ids = [s.article_id for s in sentences]
    starts = np.array([i for i in range(len(ids)) if i == 0 or ids[i] != ids[i - 1]])
    sizes = np.diff(np.append(starts, len(ids)))
    own = np.repeat(np.arange(len(starts)), sizes)
    # Mean similarity to each article, averaged over the articles: a short article counts as much as a long one.
    central = (np.add.reduceat(sim, starts, axis=1) / sizes).mean(axis=1)
    # Best match in each other article, averaged over them: content the other outlets also report.
    best = np.maximum.reduceat(sim, starts, axis=1)
    best[np.arange(len(ids)), own] = 0.0
    cover = best.sum(axis=1) / max(1, len(starts) - 1)
    support = np.log2(np.array([max(1, s.support) for s in sentences]))
    lead = 0.5 ** (np.array([s.index for s in sentences]) / LEAD_DECAY)
    rank = lexrank_scores(sim) * len(sentences) if rank_weight else 0.0
    fit = np.array([suitability(s.text) for s in sentences])
    return (W_CENTRAL * central + W_COVER * cover + rank_weight * rank + W_SUPPORT * support + lead_weight * lead) * fit


def article_languages(sentences: Sequence[Sentence]) -> dict[str, str]:
    """Each article's language, told from its sentences together (py3langid; English when too
    little text says)."""
    texts: dict[str, list[str]] = {}
    for s in sentences:
        texts.setdefault(s.article_id, []).append(s.text)
    return {a: base(guess(" ".join(t))) or "en" for a, t in texts.items()}


def _ranked_languages(languages: Mapping[str, str | None]) -> list[str]:
    """The languages of the articles (article id -> code; none known counts as English), most
    articles first; on a tie English, else in code order."""
    counts = Counter(base(code) or "en" for code in languages.values())
    return sorted(counts, key=lambda code: (-counts[code], code != "en", code))


def main_language(languages: Mapping[str, str | None]) -> str | None:
    """The language most of the articles are written in (`languages`: article id -> code; none
    known counts as English); on a tie English, else the first code in order."""
    ranked = _ranked_languages(languages)
    return ranked[0] if ranked else None


def summarize_story(sentences: Sequence[Sentence], k: int = 6, max_words: int = 160,
                    vectors: np.ndarray | None = None,
                    languages: Mapping[str, str | None] | None = None) -> list[Sentence]:
    """Up to `k` sentences, at most `max_words` words in all, that summarise a story told by
    one or more articles; most important first (rank order: article dates are not known here).
    The summary is in one language, the one most of the story's articles are written in
    (`main_language`; `languages`, article id -> code, or else told from the sentences): a story
    told in English and German is summarised from its English articles when most are English
    (from the next language when none of their sentences is fit for a summary).
    `vectors` (one row per sentence, in the given order) replaces the WordLlama embeddings."""
    if not sentences or k <= 0:
        return []
    of = dict(languages) if languages is not None else article_languages(sentences)
    language_of = {s.article_id: base(of.get(s.article_id)) or "en" for s in sentences}
    for language in _ranked_languages(language_of):
        keep = [i for i, s in enumerate(sentences) if language_of[s.article_id] == language]
        order = sorted(keep, key=lambda i: (sentences[i].article_id, sentences[i].index, sentences[i].start))
        ss = [sentences[i] for i in order]
        vecs = np.asarray(vectors)[order] if vectors is not None else None
        sim = similarity([s.text for s in ss], vecs)
        picked = _mmr(ss, _relevance(ss, sim, W_LEAD, W_LEXRANK), sim, k, max_words)
        if picked:
            return [ss[i] for i in picked]
    return []


def summarize_article(sentences: Sequence[Sentence], k: int = 3,
                      vectors: np.ndarray | None = None) -> list[Sentence]:
    """`k` sentences that summarise one article, in article order; the lead weighs more here
    than in a story, as a news article puts its summary first."""
    if not sentences or k <= 0:
        return []
    order = sorted(range(len(sentences)), key=lambda i: (sentences[i].index, sentences[i].start))
    ss = [sentences[i] for i in order]
    vecs = np.asarray(vectors)[order] if vectors is not None else None
    sim = similarity([s.text for s in ss], vecs)
    picked = _mmr(ss, _relevance(ss, sim, W_ARTICLE_LEAD), sim, k, None)
    return [ss[i] for i in sorted(picked)]


# --- baseline and measure ----------------------------------------------------------------

def lexrank_scores(sim: np.ndarray, damping: float = 0.85, tol: float = 1e-6, max_iter: int = 200) -> np.ndarray:
    """Continuous LexRank: the stationary distribution of a random walk on the sentence graph
    whose edges are the cosine similarities (each row normalised), with a uniform jump of
    probability 1 - damping; computed by power iteration."""
    n = len(sim)
    # one float32 copy of the graph, normalised in place (a 5,000-sentence story: 100 MB, where
    # float64 copies of each step took 200 MB apiece); the walk's vector stays float64
    walk = np.array(sim, dtype=np.float32)
    rows = walk.sum(axis=1, dtype=np.float64)
    empty = rows <= 0
    walk /= np.where(empty, 1.0, rows).astype(np.float32)[:, None]
    walk[empty] = 1.0 / n
    walk = walk.T
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        nxt = (1 - damping) / n + damping * (walk @ p.astype(np.float32)).astype(np.float64)
        if np.abs(nxt - p).sum() < tol:
            return nxt
        p = nxt
    return p


def lexrank(sentences: Sequence[Sentence], k: int, max_words: int | None = None) -> list[Sentence]:
    """The baseline: the `k` sentences of highest continuous LexRank (Erkan & Radev 2004) over
    the tf-idf cosine graph, in rank order; a sentence that does not fit `max_words` is skipped."""
    if not sentences or k <= 0:
        return []
    ss = _ordered(sentences)
    scores = lexrank_scores(tfidf_similarity([s.text for s in ss]))
    out, budget = [], max_words if max_words is not None else math.inf
    for i in sorted(range(len(ss)), key=lambda i: (-scores[i], i)):
        if len(out) == k:
            break
        if n_words(ss[i].text) <= budget:
            out.append(ss[i])
            budget -= n_words(ss[i].text)
    return out


def rouge1(candidate: str, reference: str) -> tuple[float, float, float]:
    """ROUGE-1 precision, recall and F1 over lowercased word unigrams (stopwords kept, no stemming),
    each shared word counted as often as it occurs in both."""
    cand, ref = Counter(_WORD.findall(candidate.lower())), Counter(_WORD.findall(reference.lower()))
    overlap = sum((cand & ref).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    p, r = overlap / sum(cand.values()), overlap / sum(ref.values())
    return p, r, 2 * p * r / (p + r)
