"""Unicode normalisation and mixed-script repair that keep a map back to raw offsets."""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

import regex
from anyascii import anyascii

from ..data import data_lines, word_set
from ..records import Repair, Segment

# Invisible characters that only get in the way of matching words.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TOKEN = re.compile(r"\S+")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
# Lines holding any of these need word-by-word work: irregular whitespace, invisible
# characters, or Greek/Cyrillic letters that may be look-alikes.
_SPECIAL = re.compile(r"\s\s|[^\S ]|[\u200b-\u200d\u2060\ufeff\u00ad\u0370-\u03ff\u0400-\u052f]")
# Two sentences glued together where a page lost the break between its paragraphs ("was
# plagiarised.Commentators noticed", "again'.'If you want"): a word's end, a stop (a closing quotation
# mark either side of it), then a capital and a small letter. The text gets a space there, so that
# sentences, quotations and claims are read apart. Abbreviations ("Mr.Smith", "St.Petersburg") keep
# one small letter before the stop; addresses and a site's name ("News.Az") are left alone.
_GLUED = regex.compile(r"(?<=\p{Ll}\p{Ll}[’”\"']?[.!?][’”\"']?)(?=[‘“\"']?\p{Lu}\p{Ll})")
_NOT_GLUED = regex.compile(r"@|://|^www\.|^\p{Lu}\p{Ll}+\.\p{Lu}\p{Ll}\W*$")


def _pieces(word: str, start: int) -> list[tuple[str, int]]:
    """A raw word and its start, or the sentences glued in it (`_GLUED`) one by one."""
    if _NOT_GLUED.search(word):
        return [(word, start)]
    cuts = [m.start() for m in _GLUED.finditer(word) if 0 < m.start() < len(word)]
    # a straight mark between a stop and a capital opens or closes: cut once, before it ('over. "The end')
    cuts = [c for k, c in enumerate(cuts) if not (k and c - cuts[k - 1] == 1)]
    if not cuts:
        return [(word, start)]
    bounds = [0, *cuts, len(word)]
    return [(word[a:b], start + a) for a, b in zip(bounds, bounds[1:])]


@cache
def _confusables() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(other-script letter -> Latin, Latin -> {script: look-alike})."""
    to_latin: dict[str, str] = {}
    from_latin: dict[str, dict[str, str]] = {}
    for line in data_lines("confusables.tsv"):
        other, latin = line.split("\t")
        to_latin[other] = latin
        from_latin.setdefault(latin, {}).setdefault(_script(other), other)
    return to_latin, from_latin


@cache
def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    head = name.split(" ", 1)[0]
    return head if head in _SCRIPTS else "OTHER"


def _letter_scripts(word: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in word:
        s = _script(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    return counts


def _fix_word(word: str, target: str) -> str:
    """Rewrite every letter of `word` not in script `target` into `target`."""
    to_latin, from_latin = _confusables()
    out = []
    for ch in word:
        s = _script(ch)
        if s is None or s == target or s == "OTHER":
            out.append(ch)
        elif target == "LATIN":
            out.append(to_latin.get(ch) or anyascii(ch) or ch)
        else:
            out.append(from_latin.get(ch, {}).get(target, ch))
    return "".join(out)


def repair_mixed_script(words: list[str]) -> list[str]:
    """Repair words mixing Latin with Cyrillic/Greek look-alikes, and non-Latin name parts
    inside Latin names (a capitalised Cyrillic word glued to a capitalised Latin one)."""
    line_scripts: dict[str, int] = {}
    for w in words:
        for s, n in _letter_scripts(w).items():
            line_scripts[s] = line_scripts.get(s, 0) + n
    latin_line = line_scripts.get("LATIN", 0) >= 0.8 * sum(line_scripts.values() or [0])
    out = list(words)
    for i, w in enumerate(words):
        scripts = {s: n for s, n in _letter_scripts(w).items() if s in _SCRIPTS}
        if len(scripts) > 1:
            target = "LATIN" if latin_line else max(scripts, key=lambda s: (scripts[s], s == "LATIN"))
            out[i] = _fix_word(w, target)
        elif latin_line and scripts and "LATIN" not in scripts and _in_latin_name(words, i):
            out[i] = anyascii(w)  # a whole foreign word: transliterate, not look-alike mapping
    return out


def _in_latin_name(words: list[str], i: int) -> bool:
    """A capitalised non-Latin word directly beside a capitalised Latin word (no punctuation)."""
    languages = word_set("language_names.txt")

    def cap_latin(w: str) -> bool:
        return (w[:1].isupper() and _script(w[0]) == "LATIN" and w[-1].isalnum()
                and w.casefold() not in languages)
    word = words[i]
    if not (word[:1].isupper() and word[:1].isalpha()):
        return False
    before = i > 0 and cap_latin(words[i - 1])
    after = i + 1 < len(words) and cap_latin(words[i + 1]) and word[-1].isalnum()
    return bool(before or after)


class OffsetMap:
    """Clean-text offsets -> raw-text offsets, through a sorted list of segments."""

    def __init__(self, segments: Iterable[Segment]):
        self.segments = tuple(segments)
        self._starts = [s.clean_start for s in self.segments]

    def to_raw(self, pos: int) -> int:
        """The raw offset of clean offset `pos` (a position past the end maps past the end)."""
        if not self.segments:
            return pos
        k = max(bisect.bisect_right(self._starts, pos) - 1, 0)
        seg = self.segments[k]
        delta = pos - seg.clean_start
        if delta >= seg.clean_len:
            return seg.raw_start + seg.raw_len
        if seg.clean_len == seg.raw_len:
            return seg.raw_start + delta
        return seg.raw_start

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of clean[start:end]; a word whose length changed maps whole."""
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        if not self.segments:
            return start, end
        seg = self.segments[max(bisect.bisect_right(self._starts, end - 1) - 1, 0)]
        if seg.clean_len == seg.raw_len or end - 1 >= seg.clean_start + seg.clean_len:
            return self.to_raw(start), self.to_raw(end - 1) + 1
        return self.to_raw(start), seg.raw_start + seg.raw_len


def build_clean_text(raw: str, spans: list[tuple[int, int, bool]]
                     ) -> tuple[str, tuple[Segment, ...], tuple[Repair, ...]]:
    """Join the kept raw line spans into clean text.

    `spans` are (start, end, new_paragraph) raw spans of kept lines, in order. Words are
    NFC-normalised, invisible characters dropped, whitespace collapsed, and mixed-script
    words repaired; every word becomes a segment of the offset map.
    """
    parts: list[str] = []
    segments: list[Segment] = []
    repairs: list[Repair] = []
    pos = 0
    for start, end, new_par in spans:
        line = raw[start:end]
        if not line.strip():
            continue
        if parts:
            sep = "\n\n" if new_par else "\n"
            parts.append(sep)
            pos += len(sep)
        if _SPECIAL.search(line) is None and _GLUED.search(line) is None and unicodedata.is_normalized("NFC", line):
            parts.append(line)  # the common case: nothing to normalise or repair
            _add_segment(segments, Segment(pos, len(line), start, len(line)))
            pos += len(line)
            continue
        words = [p for m in _TOKEN.finditer(raw, start, end) for p in _pieces(m.group(), m.start())]
        normal = [unicodedata.normalize("NFC", w.translate(_INVISIBLE)) for w, _ in words]
        fixed = repair_mixed_script(normal)
        for j, ((original, at), word, new) in enumerate(zip(words, normal, fixed)):
            if not new:
                continue
            if j and parts and not parts[-1].endswith("\n"):
                parts.append(" ")
                pos += 1
            if new != word:
                repairs.append(Repair(original=original, repaired=new, start=pos, end=pos + len(new)))
            parts.append(new)
            _add_segment(segments, Segment(pos, len(new), at, len(original)))
            pos += len(new)
    return "".join(parts), tuple(segments), tuple(repairs)


_SENTENCE_END = regex.compile(r"(?:[.!?:。！？]|[.!?][\"”’'»」』)]+)\s*$")  # a quotation closes after its stop
WRAP_LINES = 8  # a page of at least this many lines...
WRAP_WIDTH = 40, 100  # ...nine in ten of them at most this long (and the longest of those at least 40)...
WRAP_SHARE = 0.5  # ...and this share of them cut mid-sentence near that width is hard-wrapped


def _hard_wrapped(lines: Sequence[str]) -> bool:
    """Whether a page's lines are broken at a fixed width (a wire story stored as 60-character
    lines), its sentences running across them."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    if len(lines) < WRAP_LINES:
        return False
    width = sorted(map(len, lines))[int(0.9 * (len(lines) - 1))]
    if not WRAP_WIDTH[0] <= width <= WRAP_WIDTH[1]:
        return False  # paragraphs a line each, or a list of short items
    cut = sum(1 for ln in lines[:-1] if len(ln) >= 0.6 * width and not _SENTENCE_END.search(ln))
    return cut >= WRAP_SHARE * len(lines)


def unwrap(text: str) -> str:
    """A hard-wrapped page (`_hard_wrapped`) with its lines joined again where a sentence runs on
    (a line break becomes a space: every offset stays); any other text as it is."""
    lines = text.split("\n")
    if not _hard_wrapped(lines):
        return text
    out = []
    for line, after in zip(lines, lines[1:] + [""]):
        nxt = after.lstrip()[:1]
        runs_on = line.strip() and nxt and (not _SENTENCE_END.search(line) or nxt.islower() or nxt.isdigit())
        out.append(line + (" " if runs_on else "\n"))
    return "".join(out)[:len(text)]


def _add_segment(segments: list[Segment], seg: Segment) -> None:
    """Append `seg`, merging it into the previous one when one linear map covers both."""
    if segments:
        prev = segments[-1]
        clean_gap = seg.clean_start - (prev.clean_start + prev.clean_len)
        raw_gap = seg.raw_start - (prev.raw_start + prev.raw_len)
        if prev.clean_len == prev.raw_len and seg.clean_len == seg.raw_len and clean_gap == raw_gap:
            segments[-1] = Segment(prev.clean_start, seg.clean_start + seg.clean_len - prev.clean_start,
                                   prev.raw_start, seg.raw_start + seg.raw_len - prev.raw_start)
            return
    segments.append(seg)
