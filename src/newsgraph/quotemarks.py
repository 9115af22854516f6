"""Quotation marks: where the quotations of a text or a parsed document lie, paragraph by
paragraph, whatever the marks (straight, curly, guillemets, low-high); and a parsed document's
text and sentences, read once."""
from __future__ import annotations

import re
from bisect import bisect_right


def doc_sentences(doc) -> tuple[list, list[int]]:
    """The Doc's sentences and each token's sentence number, computed once per Doc
    (spaCy's Token.sent walks the whole document on every call)."""
    cached = doc.user_data.get("newsgraph_sents")
    if cached is None:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for k, s in enumerate(sents):
            index[s.start:s.end] = [k] * (s.end - s.start)
        cached = doc.user_data["newsgraph_sents"] = (sents, index)
    return cached


def doc_text(doc) -> str:
    """The Doc's text, built once (spaCy joins every token on each `doc.text`)."""
    text = doc.user_data.get("newsgraph_text")
    if text is None:
        text = doc.user_data["newsgraph_text"] = doc.text
    return text


def sent_of(tok):
    sents, index = doc_sentences(tok.doc)
    return sents[index[tok.i]]


OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‘": "’", "‹": "›"}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the words inside quotation marks, paragraph by paragraph.
    A quotation still open at the end of its paragraph closes there, or with its first sentence
    when its closing mark looks lost (`_unclosed`)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    paras = text.split("\n")
    for k, para in enumerate(paras):
        found = _para_spans(para)
        if found and found[-1][1] == len(para.rstrip()) and para.rstrip()[-1:] not in _CLOSERS:
            found[-1] = _unclosed(para, found[-1], next((p for p in paras[k + 1:] if p.strip()), ""))
        spans += [(pos + a, pos + b) for a, b in found]
        pos += len(para) + 1
    return [(a, b) for a, b in spans if text[a:b].strip()]


_CLOSERS = frozenset(OPEN_CLOSE.values()) | {'"'}
_SENTENCE_END = re.compile(r"[.!?](?:\[\d+\])?(?=\s+[\"“‘A-Z])")


def _unclosed(para: str, span: tuple[int, int], following: str) -> tuple[int, int]:
    """A quotation still open at its paragraph's end. Running on into the next paragraph is marked
    by that paragraph opening with a quotation mark; otherwise the closing mark was lost (“… sphere
    of influence.[5] The Russian leader stated the following:) and the quotation ends with its
    first sentence, unless what follows it speaks in the first person (“We will win. We always do.)."""
    if following.lstrip()[:1] in OPEN_CLOSE or following.lstrip().startswith('"'):
        return span
    end = _SENTENCE_END.search(para, span[0], span[1])
    if end is None or _FIRST_PERSON.search(para, end.end(), span[1]):
        return span
    return span[0], end.start() + 1


_FIRST_PERSON = re.compile(r"\b(?:I|we|We|us|our|Our|my|My|me)\b")


def _para_spans(para: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    open_at, closer = None, None
    for i, ch in enumerate(para):
        if open_at is None:
            if ch in OPEN_CLOSE and not (ch == "‘" and _inside_word(para, i)):
                open_at, closer = i, OPEN_CLOSE[ch]
            elif ch == '"':
                open_at, closer = i, '"'
        elif ch == closer and not (ch == "’" and (_inside_word(para, i) or _plural_possessive(para, i))):
            out.append((open_at + 1, i))
            open_at = None
    if open_at is not None and len(para) - open_at > 1:
        out.append((open_at + 1, len(para.rstrip())))
    return out


def _plural_possessive(s: str, i: int) -> bool:
    """'The farmers’ income ...’: an s’ followed by a lower-case word, with a ’ still to come."""
    rest = s[i + 1:]
    return s[i - 1:i] == "s" and rest[:1] == " " and rest[1:2].islower() and "’" in rest


def _inside_word(s: str, i: int) -> bool:
    return 0 < i < len(s) - 1 and s[i - 1].isalnum() and s[i + 1].isalnum()


def doc_quotations(doc) -> list[tuple[int, int]]:
    """The doc's quotations (`quote_spans`), found once per doc: quotes and pronouns both read them."""
    spans = doc.user_data.get("newsgraph_quote_spans")
    if spans is None:
        spans = doc.user_data["newsgraph_quote_spans"] = quote_spans(doc_text(doc))
    return spans


def quotation_bounds(doc) -> tuple[list[int], list[int]]:
    """The starts and ends of the doc's quotations, for `quotation_at`."""
    spans = doc_quotations(doc)
    return [a for a, _ in spans], [b for _, b in spans]


def quotation_at(quoted: tuple[list[int], list[int]], pos: int) -> int | None:
    """Which quotation (its index in `quotation_bounds`) the character at `pos` stands in; None: none."""
    k = bisect_right(quoted[0], pos) - 1
    return k if k >= 0 and pos < quoted[1][k] else None
