"""Which language a text is written in (py3langid's model: 97 languages, bundled with the
package), and each language's function words (spaCy's lists, which ship with spaCy itself)."""
from __future__ import annotations

import importlib
import re
from functools import cache

from ..data import word_set

MIN_WORDS = 20  # a text in Latin letters with fewer words than this is not judged (None)
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
    """The ISO 639-1 code of the language `text` is written in; None when too little text says
    (a few words in Latin letters: a headline, names). Text in another script is judged however
    short: its letters alone say much."""
    sample = text[:5000]
    words = _WORD.findall(sample)
    if not words:
        return None
    latin = sum(w.isascii() or w[0] <= "\u024f" for w in words)
    if len(words) < MIN_WORDS and 2 * latin >= len(words):
        return None
    import py3langid

    return py3langid.classify(sample)[0]
