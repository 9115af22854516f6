#!/usr/bin/env python3
"""Validate the event-coder data files in src/newsgraph/events/data/.

Checks, per file: the header is the first line and has the expected columns, every row has as many cells
as the header, no cell has stray whitespace. Then:
  cameo_codes.tsv  code shapes, unique codes, root = first two digits (01-20), parents of 3/4-digit codes,
                   quad_class consistent with the root (GDELT convention), goldstein a number in [-10, 10],
                   sure yes/no, the codes the coder relies on are present, and a few anchor values;
  verbs.tsv        lemma shape, pattern notation parses, code exists (or '-' = no event), no duplicate
                   (lemma, pattern), every root 01-20 covered, rows never reached (shadowed by an earlier,
                   equally specific row) and dead alternatives, the lemmas the coder expects are present;
  nouns.tsv        lemma and light-verb shapes, code exists, pattern parses (sym/prep only), no overlapping
                   rows, and agreement with verbs.tsv where both cover the same (verb, noun) pair;
  modality.tsv     kind is one of the five, no duplicate (cue, kind), every kind present;
  plover.tsv       every root has a row, override codes exist in cameo_codes.tsv, category names are known;
  complement_map.tsv  event prefixes exist, each derived code exists and lies in its column's root
                   (appeal 02, intent 03, demand 10, reject 12, threaten 13), no duplicate prefixes;
  lemmas.tsv       forms and lemmas lower case, no duplicate form, every lemma a verbs.tsv lemma;
  noun_classes.tsv class names and words; a pattern's '@class' alternatives stand for the class's words.
Prints a summary; exits 1 on any error.

Usage: python scripts/check_event_data.py [DATA_DIR]
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newsgraph" / "events" / "data"

ROOTS = [f"{i:02d}" for i in range(1, 21)]
HEADERS = {
    "cameo_codes.tsv": ["code", "label", "root", "quad_class", "goldstein", "sure", "note"],
    "verbs.tsv": ["lemma", "pattern", "code", "note"],
    "nouns.tsv": ["lemma", "light_verbs", "code", "pattern", "note"],
    "modality.tsv": ["cue", "kind", "note"],
    "plover.tsv": ["cameo", "plover_2021", "plover_05", "note"],
    "complement_map.tsv": ["event", "appeal", "intent", "demand", "reject", "threaten", "note"],
    "lemmas.tsv": ["form", "lemma", "note"],
    "noun_classes.tsv": ["class", "words", "note"],
}
# complement_map.tsv: the root each derived column must code into.
DERIVED_ROOT = {"appeal": "02", "intent": "03", "demand": "10", "reject": "12", "threaten": "13"}
MIN_ROWS = {"verbs.tsv": 250, "nouns.tsv": 60, "modality.tsv": 60}

# Codes the coder's author asked for by name (the 4-digit codes news uses most).
REQUIRED_CODES = """0211 0212 0231 0311 0312 0331 0341 0356 1011 1041 1121 1122 1123 1124 1211 1212 1311 1312
1382 1383 1384 1711 1712 1721 1821 1822 1823 1831 1832 1833 1951 1952""".split()
# Values given in the brief (GDELT's Goldstein table); a change to these is almost certainly a typo.
ANCHORS = {"010": 0.0, "020": 3.0, "030": 4.0, "040": 1.0, "042": 1.9, "043": 2.8, "050": 3.5, "051": 3.4,
           "057": 8.0, "061": 6.4, "062": 7.4, "072": 8.3, "110": -2.0, "111": -2.0, "112": -2.0, "120": -4.0,
           "130": -4.4, "138": -7.0, "150": -7.2, "160": -4.0, "163": -8.0, "172": -5.0, "180": -9.0,
           "190": -10.0, "200": -10.0}
# Labels fixed by the brief (a wrong label here would mean the whole 06/05/03/04 block is shifted).
ANCHOR_LABELS = {"061": "cooperate economically", "062": "cooperate militarily", "057": "sign formal agreement",
                 "036": "express intent to meet or negotiate", "042": "make a visit", "043": "host a visit",
                 "046": "engage in negotiation"}
# Verb lemmas the coder's author listed; (lemma, particle) for phrasal ones.
REQUIRED_LEMMAS = """meet visit sign accuse criticize threaten warn impose hold conduct deploy attack kill arrest
praise condemn deny reject urge call demand agree pledge vow promise host talk discuss negotiate supply provide
send aid sanction expel recall withdraw protest strike bomb shell invade occupy seize detain investigate probe
mediate cooperate strengthen deepen boost expand support endorse welcome apologize forgive release free ease
lift cut suspend mobilize exercise drill patrol fire launch shoot assassinate abduct block boycott demonstrate
rally march veto refuse decline oppose dismiss denounce blame charge sue fine ban restrict cancel postpone
resume reopen normalize recognize congratulate thank invite request ask appeal offer propose consider plan
intend expect hope emphasize""".split()
REQUIRED_PHRASAL = [("break", "off"), ("call", "off")]

PLOVER_2021 = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
PLOVER_05 = PLOVER_2021 | {"INVESTIGATE", "DEMAND", "DISAPPROVE", "FIGHT"}
MODALITY_KINDS = {"negation", "intent", "hypothetical", "report", "background"}

WORD = r"[a-z][a-z0-9'\-]*(?:_[a-z0-9'\-]+)*"    # lemma; '_' joins the words of a multiword alternative
WORD_RE = re.compile(WORD)
VERB_LEMMA_RE = re.compile(r"[a-z][a-z'\-]*")
LIGHT_VERB_RE = re.compile(r"[a-z][a-z\-]*(?:_[a-z]+)?")
PATTERN_KINDS = ("dobj", "prep", "xcomp", "particle", "sym")
PREPOSITIONS = {"of", "against", "for", "to", "in", "on", "with", "from", "by"}


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, msg: str) -> None:
        self.errors.append(f"ERROR {where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"warning {where}: {msg}")


def read_tsv(path: Path, rep: Report) -> list[tuple[int, dict[str, str]]]:
    """Rows (with line numbers) of a data file; the header must be line 1, '#' lines and blank lines skip."""
    name = path.name
    if not path.exists():
        rep.error(name, "file missing")
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        rep.error(name, f"not UTF-8: {exc}")
        return []
    lines = text.splitlines()
    if not lines:
        rep.error(name, "empty file")
        return []
    header = lines[0].split("\t")
    if header != HEADERS[name]:
        rep.error(f"{name}:1", f"header {header}, expected {HEADERS[name]}")
        return []
    rows: list[tuple[int, dict[str, str]]] = []
    for no, line in enumerate(lines[1:], 2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            rep.error(f"{name}:{no}", f"{len(cells)} cells, header has {len(header)}")
            continue
        if any(c != c.strip() for c in cells):
            rep.error(f"{name}:{no}", "leading/trailing whitespace in a cell")
        rows.append((no, dict(zip(header, cells))))
    if name in MIN_ROWS and len(rows) < MIN_ROWS[name]:
        rep.error(name, f"{len(rows)} rows, at least {MIN_ROWS[name]} expected")
    return rows


# --- pattern notation ------------------------------------------------------------------------------------

class PatternError(ValueError):
    pass


def _alts(text: str, what: str, allow_star: bool = True) -> tuple[str, ...]:
    alts = tuple(text.split("|"))
    if any(not a for a in alts):
        raise PatternError(f"empty alternative in {what} {text!r}")
    if "*" in alts:
        if not allow_star or len(alts) > 1:
            raise PatternError(f"'*' must stand alone (and only where allowed) in {what} {text!r}")
        return alts
    for a in alts:
        if not WORD_RE.fullmatch(a):
            raise PatternError(f"bad lemma {a!r} in {what}")
    if len(set(alts)) != len(alts):
        raise PatternError(f"repeated alternative in {what} {text!r}")
    return alts


def parse_pattern(text: str, kinds: tuple[str, ...] = PATTERN_KINDS) -> dict[str, tuple]:
    """Pattern -> {kind: (main alternatives, sub alternatives or None)}. '' is the bare verb."""
    terms: dict[str, tuple] = {}
    if text == "":
        return terms
    for term in text.split(" "):
        kind, sep, value = term.partition(":")
        if not sep or not value:
            raise PatternError(f"term {term!r} is not kind:value")
        if kind not in kinds:
            raise PatternError(f"unknown term kind {kind!r} (allowed: {', '.join(kinds)})")
        if kind in terms:
            raise PatternError(f"kind {kind!r} given twice")
        main, gt, sub = value.partition(">")
        if kind == "sym":
            if value not in ("yes", "no"):
                raise PatternError("sym takes yes or no")
            terms[kind] = ((value,), None)
            continue
        if kind in ("particle", "prep"):
            names = tuple(main.split("|"))
            if not all(re.fullmatch(r"[a-z]+(?:_[a-z]+)*", n) for n in names):
                raise PatternError(f"bad {kind} {main!r}")
            if kind == "particle" and gt:
                raise PatternError("particle takes no '>' object")
            subs = _alts(sub, f"{kind} object") if gt else None
            terms[kind] = (names, subs)
            continue
        mains = _alts(main, kind)
        if gt and kind == "dobj":
            raise PatternError("dobj takes no '>' (put the object lemma in the alternatives)")
        subs = _alts(sub, f"{kind} object") if gt else None
        if gt and mains == ("*",):
            raise PatternError(f"{kind}:* cannot take a '>' object")
        terms[kind] = (mains, subs)
    return terms


def specificity(terms: dict[str, tuple]) -> int:
    return len(terms) + sum(1 for _, sub in terms.values() if sub is not None)


def head(lemma: str) -> str:
    """Head word of a multiword alternative: last word before a preposition (state_of_emergency -> state)."""
    words = lemma.split("_")
    for i, w in enumerate(words):
        if i and w in PREPOSITIONS:
            return words[i - 1]
    return words[-1]


def covered(alt: str, earlier: tuple[str, ...]) -> bool:
    return "*" in earlier or alt in earlier or ("_" in alt and head(alt) in earlier)


def signature(terms: dict[str, tuple]) -> tuple:
    return tuple(sorted((k, sub is not None) for k, (_, sub) in terms.items()))


# --- files ---------------------------------------------------------------------------------------------------

def check_cameo(rep: Report) -> dict[str, dict[str, str]]:
    name = "cameo_codes.tsv"
    codes: dict[str, dict[str, str]] = {}
    for no, r in read_tsv(DATA / name, rep):
        where = f"{name}:{no}"
        code = r["code"]
        if not re.fullmatch(r"\d{2,4}", code):
            rep.error(where, f"code {code!r} is not 2-4 digits")
            continue
        if code in codes:
            rep.error(where, f"duplicate code {code}")
        codes[code] = r
        root = code[:2]
        if r["root"] != root:
            rep.error(where, f"root {r['root']!r} != first two digits of {code}")
        if root not in ROOTS:
            rep.error(where, f"root {root} outside 01-20")
            continue
        want = "1" if root <= "05" else "2" if root <= "08" else "3" if root <= "13" else "4"
        if r["quad_class"] != want:
            rep.error(where, f"quad_class {r['quad_class']} for root {root}, GDELT convention gives {want}")
        try:
            g = float(r["goldstein"])
            if not -10.0 <= g <= 10.0:
                rep.error(where, f"goldstein {g} outside [-10, 10]")
            if code in ANCHORS and g != ANCHORS[code]:
                rep.error(where, f"goldstein {g} for {code}, GDELT has {ANCHORS[code]}")
        except ValueError:
            rep.error(where, f"goldstein {r['goldstein']!r} is not a number")
        if r["sure"] not in ("yes", "no"):
            rep.error(where, f"sure must be yes or no, not {r['sure']!r}")
        if not r["label"]:
            rep.error(where, "empty label")
        if code in ANCHOR_LABELS and r["label"].lower() != ANCHOR_LABELS[code]:
            rep.error(where, f"label {r['label']!r} for {code}, expected {ANCHOR_LABELS[code]!r}")
    for code in codes:
        if len(code) == 3 and code[:2] not in codes:
            rep.error(name, f"{code}: root row {code[:2]} missing")
        if len(code) == 4 and code[:3] not in codes:
            rep.error(name, f"{code}: parent {code[:3]} missing")
    for root in ROOTS:
        if root not in codes:
            rep.error(name, f"root {root} has no row")
        if root + "0" not in codes:
            rep.error(name, f"root {root} has no '{root}0 ... not specified below' code")
    for code in REQUIRED_CODES:
        if code not in codes:
            rep.error(name, f"required code {code} missing")
    return codes


_CLASSES: dict[Path, dict[str, str]] = {}  # by data folder: read and checked once, in check_classes


def check_classes(rep: Report) -> int:
    """noun_classes.tsv: class names and their words (each word checked as an alternative)."""
    classes: dict[str, str] = {}
    for no, r in read_tsv(DATA / "noun_classes.tsv", rep):
        where = f"noun_classes.tsv:{no}"
        if not re.fullmatch(r"[a-z_]+", r["class"]):
            rep.error(where, f"bad class name {r['class']!r}")
        if r["class"] in classes:
            rep.error(where, f"class {r['class']!r} given twice")
        try:
            _alts(r["words"], "class", allow_star=False)
        except PatternError as exc:
            rep.error(where, str(exc))
        classes[r["class"]] = r["words"]
    _CLASSES[DATA] = classes
    return len(classes)


def noun_classes(rep: Report) -> dict[str, str]:
    """The classes of the data folder being checked (check_classes reads them first)."""
    if DATA not in _CLASSES:
        check_classes(rep)
    return _CLASSES[DATA]


def expand_classes(pat: str, rep: Report) -> str:
    """The pattern with each '@class' alternative replaced by its words; an unknown class is an error."""
    from newsgraph.events.lexicon import expand_classes as expand

    if "@" not in pat:
        return pat
    try:
        return expand(pat, noun_classes(rep))
    except KeyError as exc:
        raise PatternError(f"unknown noun class @{exc.args[0]}") from None


def check_verbs(rep: Report, codes: dict) -> list[tuple[int, dict[str, str], dict]]:
    name = "verbs.tsv"
    parsed: list[tuple[int, dict[str, str], dict]] = []
    seen: dict[tuple[str, str], int] = {}
    roots: Counter = Counter()
    for no, r in read_tsv(DATA / name, rep):
        where = f"{name}:{no}"
        lemma, pat, code = r["lemma"], r["pattern"], r["code"]
        if not VERB_LEMMA_RE.fullmatch(lemma):
            rep.error(where, f"lemma {lemma!r}: lower-case single word expected (phrasal verbs use particle:)")
        if code != "-" and code not in codes:
            rep.error(where, f"code {code} not in cameo_codes.tsv")
        elif code != "-" and len(code) == 2:
            rep.error(where, f"code {code} is a root row; use its {code}0 code")
        elif code != "-":
            roots[code[:2]] += 1
        try:
            terms = parse_pattern(expand_classes(pat, rep))
        except PatternError as exc:
            rep.error(where, f"pattern {pat!r}: {exc}")
            continue
        key = (lemma, pat)
        if key in seen:
            rep.error(where, f"duplicate of line {seen[key]} ({lemma} {pat!r})")
        seen[key] = no
        parsed.append((no, r, terms))
    for root in ROOTS:
        if not roots[root]:
            rep.error(name, f"no verb row codes root {root}")
    lemmas = {r["lemma"] for _, r, _ in parsed}
    for lemma in REQUIRED_LEMMAS:
        if lemma not in lemmas:
            rep.error(name, f"expected lemma {lemma!r} missing")
    for lemma, part in REQUIRED_PHRASAL:
        if not any(r["lemma"] == lemma and "particle" in t and part in t["particle"][0] for _, r, t in parsed):
            rep.error(name, f"expected phrasal verb '{lemma} {part}' missing")
    _check_shadowing(rep, name, parsed)
    return parsed


def _check_shadowing(rep: Report, name: str, parsed: list) -> None:
    """A row is never reached when an earlier row of the same lemma, with the same kinds of terms, matches
    everything it matches; an alternative is dead when an earlier such row already takes it."""
    by_lemma: dict[str, list] = defaultdict(list)
    for no, r, terms in parsed:
        by_lemma[r["lemma"]].append((no, terms))
    for rows in by_lemma.values():
        for j, (no_b, tb) in enumerate(rows):
            for no_a, ta in rows[:j]:
                if signature(ta) != signature(tb) or not tb:
                    continue
                dead_terms = {}
                for kind, (mains_b, subs_b) in tb.items():
                    mains_a, subs_a = ta[kind]
                    if kind in ("particle", "prep", "sym"):
                        d_main = [m for m in mains_b if m in mains_a]
                    else:
                        d_main = [m for m in mains_b if covered(m, mains_a)]
                    d_sub = [s for s in subs_b if covered(s, subs_a)] if subs_b is not None else None
                    dead_terms[kind] = (d_main, d_sub, mains_b, subs_b)
                # Which terms of B are fully covered by A?
                full = {k: (len(dm) == len(mb) and (sb is None or len(ds) == len(sb)))
                        for k, (dm, ds, mb, sb) in dead_terms.items()}
                if all(full.values()):
                    rep.error(f"{name}:{no_b}", f"never reached: line {no_a} is as specific and matches all of it")
                    continue
                partial = [k for k, f in full.items() if not f]
                if len(partial) == 1:
                    k = partial[0]
                    dm, ds, mb, sb = dead_terms[k]
                    if sb is None or len(ds) == len(sb):
                        for m in dm:
                            rep.error(f"{name}:{no_b}", f"{k} alternative {m!r} already taken by line {no_a}")
                    if len(dm) == len(mb) and ds:
                        for s in ds:
                            rep.error(f"{name}:{no_b}", f"{k} object {s!r} already taken by line {no_a}")


def check_nouns(rep: Report, codes: dict, verbs: list) -> int:
    name = "nouns.tsv"
    rows = read_tsv(DATA / name, rep)
    seen: dict[tuple[str, str, str], int] = {}
    for no, r in rows:
        where = f"{name}:{no}"
        lemma, code = r["lemma"], r["code"]
        if not WORD_RE.fullmatch(lemma):
            rep.error(where, f"lemma {lemma!r}: lower-case word, '_' between the words of a multiword noun")
        if code not in codes:
            rep.error(where, f"code {code} not in cameo_codes.tsv")
        elif len(code) == 2:
            rep.error(where, f"code {code} is a root row")
        try:
            terms = parse_pattern(expand_classes(r["pattern"], rep), kinds=("sym", "prep"))
        except PatternError as exc:
            rep.error(where, f"pattern {r['pattern']!r}: {exc}")
            continue
        lvs = r["light_verbs"].split("|")
        if not r["light_verbs"] or any(not LIGHT_VERB_RE.fullmatch(v) for v in lvs):
            rep.error(where, f"light_verbs {r['light_verbs']!r}: verb lemmas or verb_particle, '|'-separated")
            continue
        for lv in lvs:
            key = (lemma, lv, r["pattern"])
            if key in seen:
                rep.error(where, f"{lemma} + {lv} {r['pattern']!r} already on line {seen[key]}")
            seen[key] = no
        if code in codes:
            _cross_check(rep, where, lemma, lvs, terms, code, verbs)
    return len(rows)


def _cross_check(rep: Report, where: str, noun: str, lvs: list[str], nterms: dict, code: str,
                 verbs: list) -> None:
    """Where verbs.tsv has 'V dobj:...noun...' (plus the same particle/sym) the codes must agree."""
    for lv in lvs:
        verb, _, part = lv.partition("_")
        for vno, vr, vt in verbs:
            if vr["lemma"] != verb or "dobj" not in vt or noun not in vt["dobj"][0]:
                continue
            rest = {k: v for k, v in vt.items() if k != "dobj"}
            want = dict(nterms)
            if part:
                want["particle"] = ((part,), None)
            if rest != want:
                continue
            if vr["code"] != code:
                rep.error(where, f"{noun} + {lv} codes {code}, verbs.tsv:{vno} codes {vr['code']}")


def check_modality(rep: Report) -> int:
    name = "modality.tsv"
    rows = read_tsv(DATA / name, rep)
    seen: dict[tuple[str, str], int] = {}
    kinds: Counter = Counter()
    for no, r in rows:
        where = f"{name}:{no}"
        cue, kind = r["cue"], r["kind"]
        if kind not in MODALITY_KINDS:
            rep.error(where, f"kind {kind!r} not one of {sorted(MODALITY_KINDS)}")
        if not cue or cue != cue.lower() or "  " in cue:
            rep.error(where, f"cue {cue!r}: lower case, single spaces")
        if re.search(r"<(?!year>|decade>)[^>]*>", cue):
            rep.error(where, f"cue {cue!r}: unknown placeholder (allowed: <year>, <decade>)")
        if (cue, kind) in seen:
            rep.error(where, f"duplicate of line {seen[(cue, kind)]}")
        seen[(cue, kind)] = no
        kinds[kind] += 1
    for kind in MODALITY_KINDS:
        if not kinds[kind]:
            rep.error(name, f"no cue of kind {kind}")
    return len(rows)


def check_lemmas(rep: Report, verbs: list) -> int:
    name = "lemmas.tsv"
    rows = read_tsv(DATA / name, rep)
    lemmas = {r["lemma"] for _, r, _ in verbs}
    # a light verb of an event noun ("waged war") is a lemma the coder reads too
    lemmas |= {v.split("_")[0] for _, r in read_tsv(DATA / "nouns.tsv", Report()) for v in r["light_verbs"].split("|")}
    seen: dict[str, int] = {}
    for no, r in rows:
        where = f"{name}:{no}"
        form, lemma = r["form"], r["lemma"]
        if form != form.lower() or lemma != lemma.lower() or " " in form:
            rep.error(where, f"form {form!r} and lemma {lemma!r}: one lower-case word each")
        if lemma not in lemmas:
            rep.error(where, f"lemma {lemma!r} has no row in verbs.tsv and is no light verb in nouns.tsv")
        if form in seen:
            rep.error(where, f"duplicate of line {seen[form]}")
        seen[form] = no
    return len(rows)


def check_plover(rep: Report, codes: dict) -> int:
    name = "plover.tsv"
    rows = read_tsv(DATA / name, rep)
    seen: set[str] = set()
    for no, r in rows:
        where = f"{name}:{no}"
        code = r["cameo"]
        if code in seen:
            rep.error(where, f"duplicate cameo {code}")
        seen.add(code)
        if code not in codes:
            rep.error(where, f"cameo {code} not in cameo_codes.tsv")
        if r["plover_2021"] and r["plover_2021"] not in PLOVER_2021:
            rep.error(where, f"plover_2021 {r['plover_2021']!r} is not a PLOVER 2021 category")
        if r["plover_05"] and r["plover_05"] not in PLOVER_05:
            rep.error(where, f"plover_05 {r['plover_05']!r} is not a known PLOVER 0.5 category")
    for root in ROOTS:
        if root not in seen:
            rep.error(name, f"root {root} has no row")
    return len(rows)


def check_complement_map(rep: Report, codes: dict) -> int:
    name = "complement_map.tsv"
    rows = read_tsv(DATA / name, rep)
    seen: dict[str, int] = {}
    for no, r in rows:
        where = f"{name}:{no}"
        event = r["event"]
        if event in seen:
            rep.error(where, f"duplicate event prefix {event} (line {seen[event]})")
        seen[event] = no
        if event not in codes:
            rep.error(where, f"event {event} not in cameo_codes.tsv")
        if not any(r[col] for col in DERIVED_ROOT):
            rep.error(where, "no derived code in any column")
        for col, root in DERIVED_ROOT.items():
            code = r[col]
            if not code:
                continue
            if code not in codes:
                rep.error(where, f"{col} code {code} not in cameo_codes.tsv")
            elif code[:2] != root or len(code) == 2:
                rep.error(where, f"{col} code {code} should be a {root}x code")
    return len(rows)


def main(argv: list[str]) -> int:
    global DATA
    if len(argv) > 1:
        DATA = Path(argv[1])
    rep = Report()
    codes = check_cameo(rep)
    n_classes = check_classes(rep)
    verbs = check_verbs(rep, codes)
    n_nouns = check_nouns(rep, codes, verbs)
    n_mod = check_modality(rep)
    n_plover = check_plover(rep, codes)
    n_map = check_complement_map(rep, codes)
    n_lemmas = check_lemmas(rep, verbs)
    for line in rep.warnings + rep.errors:
        print(line)
    unsure = sum(1 for r in codes.values() if r.get("sure") == "no")
    covered_roots = len({r["code"][:2] for _, r, _ in verbs} & set(ROOTS))
    print(f"cameo_codes.tsv {len(codes)} codes ({unsure} sure=no); verbs.tsv {len(verbs)} rows, "
          f"{len({r['lemma'] for _, r, _ in verbs})} lemmas, {covered_roots}/20 roots; nouns.tsv {n_nouns} rows; "
          f"modality.tsv {n_mod} rows; plover.tsv {n_plover} rows; complement_map.tsv {n_map} rows; "
          f"lemmas.tsv {n_lemmas} rows; noun_classes.tsv {n_classes} classes")
    print(f"{len(rep.errors)} errors, {len(rep.warnings)} warnings")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
