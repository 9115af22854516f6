"""The news agencies an article is the copy of, as its page credits them.

Thirty sites running one Associated Press story are one report, and so are an agency's English
and French versions of it, though their words differ. A page says whose copy it carries in a
few set places: the dateline ("PARIS (AFP) -", "Berlin (dpa) -", "MADRID, 5 jul (EFE).-"), the
byline ("By Jane Doe, Associated Press", "By AFP", "AFP, BAGHDAD"), the closing signature
("(Reporting by ...; Editing by ...)", "— AFP", "dpa/mh", "© 2019 The Associated Press") or the
agency's own site. Agencies named anywhere else (photo credits such as "Jane Doe/AP" or "(AP
Photo/...)", "told Reuters", "The Associated Press contributed to this report") are not credits.
The agencies and their names are data (`data/agencies.tsv`); scored by scripts/eval_credits.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from ..data import tsv_rows
from .meta import outlet_from_url

HEAD_CHARS = 2000  # datelines and bylines are read in the page's first characters...
TAIL_CHARS = 400  # ...signatures in the article's last...
AFTER_CHARS = 150  # ...and in the lines just after it (a signature line is page furniture to the cleaner)
DATELINE_COLUMN = 150  # a dateline credit opens its paragraph: it ends this close to the line's start
_WIRE_PATH = re.compile(r"/(?:wires?|agenc(?:y|ies)|news-agenc(?:y|ies))/([a-z]+)(?:/|$)")
# beside the agency: a desk's or an editor's initials (dpa/lnw, shs/rc) or an outlet's code (CBSLA/AP)
_CODE = re.compile(r"[a-z]{1,5}|[A-Z]{2,8}")
_PHOTO = re.compile(r"\b(?:photo|photos|photograph|foto|fotos|image|images|picture|pictures|video|credit|"
                    r"caption|pool|bild|imagen|imagem|immagine|getty)\b", re.I)
_PICTURE_CODES = frozenset("POOL FILE EPA PHOTO FOTO GETTY SIPA ABACA IMAGO ZUMA SHUTTERSTOCK VIDEO".split())
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|"
          r"August|September|October|November|December)")
_WORDS = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")
_SECTION = r"(?:NEWS|SPORTS?|WORLD|POLITICS|BUSINESS|NATIONAL|LOCAL|ENTERTAINMENT|HEALTH|TECH|SCIENCE)"
# a source a dateline names that the table does not know: a call sign or code (KTNV, CNS), a name
# run together (CBSMiami), or words ending as an outlet's name does (Andes Wire, Gray News)
_OUTLET_NAME = re.compile(r"[A-Z]{3,6}|[A-Z]{2,}[a-z]+[A-Za-z]*|[A-Z][a-z]+[A-Z][A-Za-z]*|"
                          r"(?:[A-Z][\w&.'-]*[ \t]){0,3}(?:News|Wire|Newswire|NEWSWIRE|Press|Service|Agency|Media|TV|"
                          r"Radio|Network|Now|Business|Money|Daily|Group)")
# labels, not sources: a name all of whose words are these is no source ("Breaking News", "STAFF")
_NOT_SOURCES = frozenset("video audio live update updates opinion analysis exclusive watch breaking photos photo "
                         "news now latest top world local staff file paid review recap poll quiz map sponsored good "
                         "fake sports sport business money daily".split())


@dataclass(frozen=True, slots=True)
class Agencies:
    full: dict[str, str]  # key -> the agency's name
    names: dict[str, str]  # alias as written (and in capitals) -> key
    keys: dict[str, str]  # key and lowercased aliases of one word -> key, for URL paths
    domains: dict[str, str]  # site -> key
    alias: str  # a regex alternation of every alias, longest first
    long_alias: str  # ...of those of two words or more, which can stand alone on a byline line


@cache
def agencies() -> Agencies:
    names: dict[str, str] = {}
    domains: dict[str, str] = {}
    rows = tsv_rows("newsgraph.data", "agencies.tsv")
    for row in rows:
        for alias in filter(None, row["aliases"].split("|")):
            names.setdefault(alias, row["key"])
            names.setdefault(alias.upper(), row["key"])
        for site in filter(None, row["domains"].split("|")):
            domains[site] = row["key"]
    ordered = sorted(names, key=len, reverse=True)
    alt = "|".join(map(re.escape, ordered))
    long_alt = "|".join(re.escape(a) for a in ordered if " " in a)
    keys = {a.lower(): k for a, k in names.items() if " " not in a} | {k: k for k in names.values()}
    full = {row["key"]: row["name"] for row in rows}
    return Agencies(full, names, keys, domains, alt, long_alt)


def agency_name(key: str) -> str:
    """'The Associated Press' for 'ap'; a key not in the table as it is."""
    return agencies().full.get(key, key)


def agency_of_site(outlet: str | None) -> str | None:
    """The agency whose own site `outlet` (a host without 'www.') is, if any."""
    if not outlet:
        return None
    sites = agencies().domains
    host = outlet.lower()
    while host:
        if host in sites:
            return sites[host]
        host = host.partition(".")[2]
    return None


def agency_of_url(url: str | None) -> str | None:
    """The agency a site's wire section names in the URL's path: /wires/reuters/, /agency/afp/."""
    m = _WIRE_PATH.search(urlsplit(url).path.lower()) if url else None
    return agencies().keys.get(m.group(1)) if m else None


def article_credits(raw_text: str, url: str | None, outlet: str | None, body_end: int | None) -> tuple[str, ...]:
    """`credits_of` an article as stored: its site from its address (else its outlet's name)."""
    return credits_of(raw_text, outlet_from_url(url) or outlet, body_end, url)


def credits_of(raw_text: str, site: str | None = None, body_end: int | None = None,
               url: str | None = None) -> tuple[str, ...]:
    """The keys of the agencies the page credits for its text, first found first; () if none.
    Datelines and bylines are read at the start of the page, signatures where the article ends:
    `body_end`, the offset in `raw_text` where its last kept line ends (the page's end if None)."""
    found = list(dict.fromkeys(key for key in (agency_of_site(site), agency_of_url(url)) if key))
    end = len(raw_text.rstrip()) if body_end is None else body_end
    head = raw_text[:HEAD_CHARS]
    tail, after = raw_text[max(0, end - TAIL_CHARS):end], raw_text[end:end + AFTER_CHARS]
    dateline = _dateline(head)
    for key in dateline + _bylines(head) + _signatures(tail + after.split("\n\n\n")[0], after, bool(dateline)):
        if key not in found:
            found.append(key)
    return tuple(found)


@cache
def _citing() -> re.Pattern[str]:
    alias = f"(?:{agencies().alias})"
    # an agency 'said' only under a name in capitals (AFP, AP): 'Bloomberg said' is as often the man
    caps = "|".join(re.escape(a) for a in sorted(agencies().names, key=len, reverse=True) if a.isupper())
    the = r"(?:[Tt]he |[Dd]ie |[Dd]er |[Ll]a |[Ll]'|l’|[Ll]e )?"
    return re.compile(
        rf"\b(?:[Aa]ccording to|[Cc]iting|[Tt]old|[Ll]aut|[Ss]elon|[Ss]egún|[Ss]econdo|[Bb]erichtet(?:e)?|"
        rf"[Mm]eldet(?:e)?|[Ii]nform(?:ó|a)) {the}(?P<a>{alias})\b(?! (?:Photo|photo|Foto|foto|[Ii]mages?)\b)|"
        rf"\b(?P<b>{alias})(?: news agency)? (?:reported|reports|quoted|learned|learnt|has reported|has learned|"
        rf"berichtete|meldete|berichtet|meldet|rapporte|a rapporté|informó|informa)\b|"
        rf"\b(?P<d>{caps})(?: news agency)? (?:said|says|wrote|writes)\b|"
        rf"\b(?:an?|the|[Dd]ie|[Dd]er|[Ll]a|[Ll]'|l’)(?: news)? ?(?:agency|Agentur|agence|agencia|agenzia) "
        rf"(?P<c>{alias})\b")


def cited_agency(sentence: str) -> str | None:
    """The news agency a sentence says it has what it states from ("..., according to The
    Associated Press", "a police officer told Reuters", "berichtete die dpa"): two outlets repeating
    it relay the agency, one source. None: it cites none."""
    m = _citing().search(sentence)
    if m is None:
        return None
    return agencies().names.get(m.group("a") or m.group("b") or m.group("c") or m.group("d"))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    a = agencies()
    sp, the = r"[ \t]", r"(?:[Tt]he[ \t]+)?"  # a space within a line; an optional "The"
    alias, full = f"(?:{a.alias})", f"(?:{a.long_alias})"
    # between the writers and the agency: a comma, a bar, "and"; or a space before a full name
    # (spaces matched possessively: a run of them after "By" must not be split every which way)
    joint = rf"{sp}*+(?:,|&|\||\band\b|\bund\b|\bet\b|\by\b|\be\b){sp}*+|{sp}++(?={the}{full}\b)"
    byline_end = rf"(?:$|[•·|]|(?:More|Updated|Published|Posted|Last)\b|\d|{_MONTH}\.?{sp}+\d)"
    date = r"\d{1,2}\.\d{1,2}\.\d{2,4}"
    return {
        # "(AP) —", "(dpa/lnw) -", "(EFE).-", "(Reuters) -", "(AFP/Reuters) -", "(IANS) The ..."
        "paren": re.compile(rf"\(([^()\n]{{1,60}})\)(?={sp}*(?:\.?{sp}*[-–—:]|{sp}[A-Z]))"),
        # a wire dateline naming a source the table does not know: "OSLO, Nov 11 (Andes Wire) -"
        "wire": re.compile(rf"^{sp}*[A-Z][A-Z .'-]{{2,}}(?:,[^()\n]{{1,30}})?{sp}+"
                           rf"\(([A-Z][^()\d\n]{{1,39}})\){sp}*[-–—]", re.M),
        # a closing credit stands after the last sentence or on a line of its own: "... said. (AFP)"
        "closing": re.compile(rf"(?:^|[.!?/]{sp}*)\(([^()\n]{{1,60}})\)[ \t.]*$", re.M),
        # "By Jane Doe, Associated Press", "By Steve Holland | Reuters", "By AFP", "By: AP March 24, 2021"
        # (only as a line's first word: "... Seen By Reuters" in a headline is no byline)
        "by": re.compile(rf"^{sp}*+(?:[-–—•·|]{sp}*+)?(?i:by|por|von|par|door|di)(?:{sp}*+:)?{sp}++"
                         rf"(?:|[^\n]{{1,70}}?(?:{joint})){the}(?P<a>{alias})(?:{sp}+(?i:staff))?"
                         rf"(?={sp}*\.?{sp}*{byline_end})", re.M),
        # "Via AP news wire"
        "via": re.compile(rf"^{sp}*(?i:via){sp}+{the}(?P<a>{alias})(?:{sp}+(?i:news{sp}*wire|wire))?{sp}*$", re.M),
        # "Yanan Wang, Associated Press"; "• REUTERS • SHARE"; "Reuters Updated: ..."; "dpa 25.07.2016"
        "signed": re.compile(rf"^{sp}*(?:[A-Z][\w'.-]+{sp}+){{1,3}}[A-Z][\w'.-]+{sp}*,?{sp}*{the}(?P<a>{full}){sp}*$|"
                             rf"^{sp}*[•·|]{sp}*{the}(?P<b>{alias}){sp}*(?:[•·|]|$)|"
                             rf"^{sp}*{the}(?P<c>{alias}){sp}+(?:Updated|Published|Posted|{date})\b", re.M),
        # a line of the agency's full name alone, or "AFP, BAGHDAD" (not a tag line: "AP, NFL")
        "alone": re.compile(rf"^{sp}*{the}(?P<a>{full}){sp}*$|"
                            rf"^{sp}*(?P<b>{alias}){sp}*,{sp}*(?!{_SECTION}\b)[A-Z][A-Z'-]{{3,}}(?:{sp}[A-Z][A-Z'-]+)*{sp}*$",
                            re.M),
        # Reuters' signature, "(Reporting by Jane Doe; Editing by John Roe)", naming no other agency
        "reporting": re.compile(r"\((?:Additional\s+)?[Rr]eporting\s+[Bb]y\s([^()]{1,300}?;\s*(?:[Ee]diting|[Ww]riting)"
                                r"\s+[Bb]y\s[^()]{1,200})\)|^[ \t]*[Rr]eporting\s+[Bb]y\s([^\n]{1,200}?;\s*"
                                r"(?:[Ee]diting|[Ww]riting)\s+[Bb]y\s)", re.M),
        # a copyright line: "© 2024 The Associated Press. All rights reserved."
        "copyright": re.compile(rf"^{sp}*(?:©|\((?i:c)\)|(?i:copyright)){sp}*(?:\d{{4}}{sp}*)?{the}"
                                rf"(?P<a>{alias}){sp}*(?:[.,;]|$|(?i:all rights))", re.M),
        # "— AFP" on a line of its own or after the last sentence (not after a quotation: '"..." — Efe')
        "dash": re.compile(rf"(?:^|[.!?]{sp}*){sp}*[-–—\ufffd]{{1,2}}{sp}*{the}(?P<a>{alias}){sp}*\.?{sp}*$", re.M),
        # the agency's name alone on the first line after the article: "REUTERS"
        "bare": re.compile(rf"\A\s*(?P<a>{alias}){sp}*(?:\n|\Z)"),
        "desk": re.compile(rf"^{sp}*(?:[a-z]{{2,5}}/)*(?P<a>{alias})(?:/[a-z]{{2,5}})+{sp}*$|"
                           rf"^{sp}*(?:[a-z]{{2,5}}/)+(?P<b>{alias}){sp}*$", re.M),
    }


def _agencies_in(inner: str) -> list[str]:
    """The agencies named inside a credit's brackets when the rest are desk or outlet codes ('AP,
    Reuters, dpa', 'dpa/lnw', 'CBSLA/AP'; not 'AP Photo/Evan Vucci', 'EPA/EFE', 'AFP/POOL' or
    'FRANCE 24 with REUTERS')."""
    names = agencies().names
    keys = []
    for part in re.split(r"\s*(?:[/,;&]|\band\b|\bund\b|\bet\b|\by\b)\s*", inner.strip()):
        if part in names:
            keys.append(names[part])
        elif part and (not _CODE.fullmatch(part) or part.upper() in _PICTURE_CODES):
            return []
    return keys


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _dateline_prefix(before: str, inner: str) -> bool:
    """Whether the words before a bracket are a dateline ('WASHINGTON', 'Marseille', 'MADRID, 5 jul',
    'New Delhi, Oct 3', 'YANGON, Myanmar') and not a name the bracket abbreviates ('The Automobile
    Association (AA)', 'Canadian Pacific (CP)') or a sentence ('Students taking Advanced Placement')."""
    place, _, rest = before.partition(",")
    words = _WORDS.findall(before)
    if len(words) > 12:
        return False
    # the place may hold short particles (Rio de Janeiro, Reggio nell'Emilia), the date any words
    if any(w[0].islower() and len(w) > 4 and "'" not in w and "’" not in w for w in _WORDS.findall(place)):
        return False
    last = _WORDS.findall(before.rpartition(",")[2])  # the words the bracket follows ('Pa.' in 'ALLENTOWN, Pa.')
    initials = "".join(w[0] for w in last if w[0].isupper()).upper()
    code = re.sub(r"[^A-Za-z]", "", inner.split("/")[0]).upper()
    return not (len(code) >= 2 and initials.endswith(code))


def _dateline(head: str) -> list[str]:
    out: list[str] = []
    for m in _patterns()["wire"].finditer(head):
        name = " ".join(m.group(1).split())
        generic = all(w in _NOT_SOURCES for w in name.casefold().split())
        if not _agencies_in(name) and _OUTLET_NAME.fullmatch(name) and not generic and not _PHOTO.search(name):
            out.append(name)
    for m in _patterns()["paren"].finditer(head):
        if m.start() - _line_start(head, m.start()) > DATELINE_COLUMN:
            continue
        before = head[_line_start(head, m.start()):m.start()]
        if _PHOTO.search(before) or not _dateline_prefix(before, m.group(1)):
            continue
        out += _agencies_in(m.group(1))
    return out


def _bylines(head: str) -> list[str]:
    p, names = _patterns(), agencies().names
    out = []
    for m in p["by"].finditer(head):
        line = head[_line_start(head, m.start()):m.end()]
        if not _PHOTO.search(line):
            out.append(names[m.group("a")])
    for kind in ("alone", "signed", "via"):
        for m in p[kind].finditer(head):
            out.append(names[next(g for g in m.groups() if g)])
    return out


def _signatures(tail: str, after: str, dateline: bool) -> list[str]:
    """Closing credits; Reuters' "(Reporting by ...)" only when no dateline named the source."""
    p, names = _patterns(), agencies().names
    out = []
    if not dateline and (m := p["reporting"].search(tail)) and not _names_agency(m.group(1) or m.group(2)):
        out.append("reuters")
    for m in p["closing"].finditer(tail):  # "... said. (AFP)", "shs, rc/ (AP, Reuters, dpa)" ending a line
        if not _PHOTO.search(tail[_line_start(tail, m.start()):m.start()]):
            out += _agencies_in(m.group(1))
    for kind in ("copyright", "dash", "desk"):
        for m in p[kind].finditer(tail):
            if not _PHOTO.search(tail[_line_start(tail, m.start()):m.end()]):
                out.append(names[next(g for g in m.groups() if g)])
    if (m := p["bare"].match(after)):
        out.append(names[m.group("a")])
    return out


def _names_agency(text: str) -> bool:
    """Whether a Reuters-style signature names another agency ('Additional reporting by AFP'); a
    one-word alias written as a given name is (Hina, Antara), and Reuters' own units are, not."""
    a = agencies()
    for w in re.findall(r"[\w-]+", text):
        key = a.names.get(w)
        if key and key != "reuters" and not (w[0].isupper() and w[1:].islower()):
            return True
    return any(a.names[m.group(0)] != "reuters" for m in re.finditer(a.long_alias, text))
