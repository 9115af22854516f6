"""The event lexicon: CAMEO codes with QuadClass, Goldstein and PLOVER, and verb patterns."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..data import tsv_rows


def _rows(name: str) -> list[dict[str, str]]:
    return tsv_rows(__package__, f"data/{name}")


@dataclass(frozen=True, slots=True)
class Term:
    kind: str  # dobj | prep | xcomp | particle | sym
    values: tuple[str, ...]  # alternatives ('*' for any)
    objects: tuple[str, ...] = ()  # after '>': what the preposition's or complement's object must be


@dataclass(frozen=True, slots=True)
class Pattern:
    lemma: str
    terms: tuple[Term, ...]
    code: str  # CAMEO code, or '-' for no event
    order: int

    @property
    def specificity(self) -> int:
        return len(self.terms) + sum(bool(t.objects) for t in self.terms)


@cache
def noun_classes() -> dict[str, str]:
    """Class name -> its words joined by '|' (noun_classes.tsv), named '@class' in patterns."""
    return {r["class"]: r["words"] for r in _rows("noun_classes.tsv")}


def expand_classes(text: str, classes: dict[str, str] | None = None) -> str:
    """A pattern with each '@class' alternative replaced by the class's words (repeats dropped)."""
    if "@" not in text:
        return text
    classes = noun_classes() if classes is None else classes

    def alternatives(value: str) -> str:
        words: list[str] = []
        for alt in value.split("|"):
            for w in (classes[alt[1:]].split("|") if alt.startswith("@") else [alt]):
                if w not in words:
                    words.append(w)
        return "|".join(words)

    out = []
    for part in text.split():
        kind, sep, value = part.partition(":")
        main, gt, objects = value.partition(">")
        out.append(kind + sep + alternatives(main) + (gt + alternatives(objects) if gt else ""))
    return " ".join(out)


def parse_pattern(text: str) -> tuple[Term, ...]:
    terms = []
    for part in expand_classes(text).split():
        kind, _, value = part.partition(":")
        value, _, objects = value.partition(">")
        terms.append(Term(kind, tuple(value.split("|")), tuple(objects.split("|")) if objects else ()))
    return tuple(terms)


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    label: str
    root: str
    quad_class: int
    goldstein: float


@cache
def verb_patterns() -> dict[str, tuple[Pattern, ...]]:
    out: dict[str, list[Pattern]] = {}
    for k, row in enumerate(_rows("verbs.tsv")):
        out.setdefault(row["lemma"], []).append(
            Pattern(row["lemma"], parse_pattern(row.get("pattern") or ""), row["code"], k))
    return {k: tuple(v) for k, v in out.items()}


@cache
def noun_patterns() -> dict[str, tuple[tuple[frozenset[str], str, tuple[Term, ...]], ...]]:
    """Event noun -> (light verbs, code, extra terms)."""
    out: dict[str, list] = {}
    for row in _rows("nouns.tsv"):
        verbs = frozenset(row["light_verbs"].split("|"))
        out.setdefault(row["lemma"], []).append((verbs, row["code"], parse_pattern(row.get("pattern") or "")))
    return {k: tuple(v) for k, v in out.items()}


@cache
def lemma_fixes() -> dict[str, str]:
    """Verb form -> the lemma the parser should have given it (lemmas.tsv)."""
    return {r["form"]: r["lemma"] for r in _rows("lemmas.tsv")}


@cache
def codes() -> dict[str, CodeInfo]:
    return {r["code"]: CodeInfo(r["code"], r["label"], r["root"], int(r["quad_class"]), float(r["goldstein"]))
            for r in _rows("cameo_codes.tsv")}


def code_info(code: str) -> CodeInfo:
    """The codebook entry of a code, falling back to its parent (3 digits) and its root."""
    table = codes()
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    raise KeyError(code)


@cache
def _plover() -> dict[str, str]:
    return {r["cameo"]: r.get("plover_2021") or "" for r in _rows("plover.tsv")}


def plover(code: str) -> str | None:
    """PLOVER category by the longest CAMEO prefix that has a row."""
    table = _plover()
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]] or None
    return None


@cache
def cues(kind: str) -> frozenset[str]:
    """Context cues of one kind from modality.tsv (negation, intent, hypothetical, report, background)."""
    return frozenset(r["cue"].lower() for r in _rows("modality.tsv") if r["kind"] == kind)


@cache
def _complements() -> dict[str, dict[str, str]]:
    return {r["event"]: {k: r.get(k) or "" for k in ("appeal", "intent", "demand", "reject", "threaten")}
            for r in _rows("complement_map.tsv")}


def derived_code(kind: str, event: str) -> str | None:
    """The code of a verb of `kind` (appeal, intent, demand, reject, threaten) that governs an event
    coded `event`, by the longest event prefix in complement_map.tsv; an intent over a conflict event
    (no intent cell) is a threat."""
    table = _complements()
    for n in range(len(event), 1, -1):
        row = table.get(event[:n])
        if row is not None:
            code = row.get(kind) or (row.get("threaten") if kind == "intent" else "")
            return code or None
    return None
