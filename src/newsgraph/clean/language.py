"""Which language a text is written in (py3langid's model, bundled with the package: some 140
language codes, mostly ISO 639-1), and each language's function words (spaCy's lists, which ship
with spaCy itself)."""
from __future__ import annotations

import importlib
import re
from functools import cache

from ..data import word_set

MIN_WORDS = 40  # a text in Latin letters with fewer words than this is not judged (None): a
# headline, a list of names or a clipped brief is as often misjudged as not...
SHORT_WORDS = 15  # ...unless it has this many words at least, few of them English function words
SHORT_ENGLISH = 0.15  # (under this share)...
SHORT_OWN = 0.3  # ...and this share of the function words of the language the model tells
ENGLISH_SHARE = 0.3  # of English function words: English whatever the model says (English prose has 40-50 %)
# codes the model or a page may give for what one of spaCy's lists and wordfreq know under another
ALIASES = {"arz": "ar", "ary": "ar", "apc": "ar", "ajp": "ar", "acm": "ar", "aeb": "ar", "cmn": "zh", "yue": "zh",
           "wuu": "zh", "no": "nb", "nn": "nb", "pcm": "en"}
NONE = {"zxx", "und", "mul"}  # codes that name no language
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def base(language: str | None) -> str | None:
    """A language code as the word lists know it: `de-AT`, `DE` and `de_DE` are `de`; Egyptian
    Arabic is Arabic (None: none, or a code that names no language)."""
    if not language:
        return None
    code = re.split(r"[-_]", language.strip().casefold(), maxsplit=1)[0]
    code = ALIASES.get(code, code)
    return code if code and code not in NONE else None


def other_than_english(language: str | None) -> str | None:
    """The code of a language that is not English (None: English, or none known)."""
    code = base(language)
    return None if code == "en" else code


def name(language: str) -> str:
    """A language's English name (ISO 639, pycountry), or its code where none is known."""
    import pycountry

    code = base(language) or language
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return re.sub(r"\s*\(.*\)$", "", found.name) if found else code


@cache
def stop_words(language: str | None) -> frozenset[str]:
    """A language's function words (casefolded); empty for a language spaCy has no list for."""
    code = base(language)
    if code == "en":
        return word_set("stopwords_en.txt")
    if not code or not code.isalpha():
        return frozenset()
    try:
        module = importlib.import_module(f"spacy.lang.{code}.stop_words")
    except ImportError:
        return frozenset()
    return frozenset(w.casefold() for w in module.STOP_WORDS)


def guess(text: str) -> str | None:
    """The code of the language `text` is written in; None when too little text says (fewer than
    MIN_WORDS words in Latin letters: a headline, names), unless a short text of SHORT_WORDS or
    more is written in the function words of another language than English (a two-sentence brief
    in Spanish). Text in another script is judged however short: its letters alone say much. A
    text with the function words of English prose is English."""
    sample = text[:5000]
    words = [w.casefold() for w in _WORD.findall(sample)]
    if not words:
        return None
    latin = sum(w.isascii() or w[0] <= "\u024f" for w in words)
    english = sum(w in stop_words("en") for w in words) / len(words)
    if len(words) < MIN_WORDS and 2 * latin >= len(words):
        return _short(sample, words, english)
    if english >= ENGLISH_SHARE:
        return "en"
    import py3langid

    return base(py3langid.classify(sample)[0])


def _short(sample: str, words: list[str], english: float) -> str | None:
    """A short text's language other than English when its function words say it (None: not said)."""
    if len(words) < SHORT_WORDS or english >= SHORT_ENGLISH:
        return None
    import py3langid

    code = base(py3langid.classify(sample)[0])
    if code is None or code == "en":
        return None
    own = stop_words(code)
    return code if sum(w in own for w in words) >= SHORT_OWN * len(words) else None
