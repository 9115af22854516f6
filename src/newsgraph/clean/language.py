"""Which language a text is written in: by the share of each language's function words among its
words (spaCy's stop-word lists, which ship with spaCy itself, no model needed), and by its script
where words carry no spaces or no list fits (Chinese, Japanese, Korean, Thai, Hebrew...).

A news page is long enough for function words to decide: English prose is 40-50 % stop words, a
German or Spanish page 35-50 % of its own list's and under 15 % of another's."""
from __future__ import annotations

import importlib
import re
import unicodedata
from collections import Counter
from functools import cache

from ..data import word_set

# languages told apart by their function words (spaCy's lists); a text is taken for the one
# whose list covers most of its words
LISTED = ("en", "de", "es", "fr", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "sk", "sl", "hr",
          "hu", "ro", "tr", "id", "ca", "ru", "uk", "bg", "sr", "mk", "el", "ar", "fa", "ur", "hi", "mr", "ne", "bn")
ENGLISH_SHARE = 0.2  # of English stop words: English (what the corpus stage has always read as English)
OTHER_SHARE = 0.15  # of another language's stop words: that language
MIN_WORDS = 20  # fewer words than this are judged by script alone
SCRIPTS = {  # scripts whose texts no word list above decides, by a word of their Unicode names
    "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "CJK": "zh", "THAI": "th", "HEBREW": "he",
    "GEORGIAN": "ka", "ARMENIAN": "hy", "KHMER": "km", "LAO": "lo", "MYANMAR": "my", "TAMIL": "ta",
    "TELUGU": "te", "KANNADA": "kn", "MALAYALAM": "ml", "GUJARATI": "gu", "GURMUKHI": "pa", "SINHALA": "si",
    "ETHIOPIC": "am", "GREEK": "el", "ARABIC": "ar", "DEVANAGARI": "hi", "BENGALI": "bn", "CYRILLIC": "ru",
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def stop_words(language: str) -> frozenset[str]:
    """A language's function words (casefolded); empty for a language spaCy has no list for."""
    if language == "en":
        return word_set("stopwords_en.txt")
    try:
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
    except ImportError:
        return frozenset()
    return frozenset(w.casefold() for w in module.STOP_WORDS)


def guess(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in; None when too little text says."""
    sample = text[:5000]
    words = [w.casefold() for w in _WORD.findall(sample)]
    if not words:
        return None
    counts = Counter(words)
    english = sum(n for w, n in counts.items() if w in stop_words("en")) / len(words)
    if english >= ENGLISH_SHARE:
        return "en"
    if len(words) >= MIN_WORDS:
        shares = {lang: sum(n for w, n in counts.items() if w in stop_words(lang)) / len(words)
                  for lang in LISTED[1:]}
        lang = max(shares, key=shares.__getitem__)
        if shares[lang] >= OTHER_SHARE:
            return lang
    return script(sample)


def script(text: str) -> str | None:
    """The language a text's main non-Latin script stands for (None: Latin letters, or none)."""
    letters: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha() and ord(ch) > 0x24F:
            name = unicodedata.name(ch, "")
            letters[name.split(" ", 1)[0]] += 1
    latin = sum(1 for ch in text if ch.isalpha() and ord(ch) <= 0x24F)
    if not letters or sum(letters.values()) < latin:
        return None
    if letters["HIRAGANA"] or letters["KATAKANA"]:  # Japanese writes Han characters too
        return "ja"
    for name, _ in letters.most_common():
        if name in SCRIPTS:
            return SCRIPTS[name]
    return None
