"""The event coder: verb and noun patterns over the dependency parse, actors from the actor
stage, context (negation, intent, hypotheticals, background, reported speech), dates, places."""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import combinations

from ..actors.kb import knowledge_base
from ..actors.resolve import ActorRef, ArticleActors
from ..data import word_set
from ..quotes import antecedent, sent_of
from ..records import Event, Quote
from .dates import Bound, find_date
from .lexicon import Pattern, Term, cues, derived_code, lemma_fixes, noun_patterns, verb_patterns

_PARTICLES = {"away", "back", "off", "out", "down", "up", "over", "in", "aside"}
_TARGET_PREPS = ("with", "against", "on", "to", "at", "toward", "towards", "for", "from", "of", "into", "between")
_PLACE_PREPS = ("in", "at", "near", "over", "off", "through", "across", "throughout", "outside", "inside")
_YEAR = re.compile(r"\b(1[89]|20)\d{2}\b")


def code_events(doc, actors: ArticleActors, article_id: str, published: str | None = None,
                quotes: list[Quote] | tuple[Quote, ...] = ()) -> list[Event]:
    """Every dyadic event of a parsed article."""
    actors.quoted = [(q.start, q.end, q.speaker) for q in quotes if q.speaker_named and q.speaker]
    _CODES.clear()
    fixes = lemma_fixes()
    for tok in doc:  # 'staged' -> 'stag': the lemmatizer's slips on event verbs
        if tok.pos_ == "VERB" and tok.lower_ in fixes:
            tok.lemma_ = fixes[tok.lower_]
    out: list[Event] = []
    absorbed: set[int] = set()  # complements coded through the verb that governs them
    for tok in doc:
        if tok.pos_ == "NOUN":
            out += _noun_events(tok, actors, article_id, published, quotes)
            out += _declaration_events(tok, actors, article_id, published, quotes)
            continue
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "amod" or tok.i in absorbed:
            continue
        code, trigger = _code_of(tok)
        if code and code != "-":
            found = _events_for(tok, trigger, code, actors, article_id, published, quotes)
            if found and code[:2] in _GOVERNORS:  # "refused to lift sanctions" is one event, 12x
                absorbed.update(c.i for c in tok.children if c.dep_ in ("xcomp", "ccomp"))
            out += found
    _CODES.clear()
    return _date_by_meeting(_date_by_caption(_dedupe(out), published))


_SHOWS_MEETING = re.compile(r"\b(?:meets?|meeting|met|talks|visits?|visiting|summit|hosts?|welcomes?|"
                            r"shakes? hands|greets?|receives?)\b", re.I)


def _named_in(name: str | None, line: str) -> bool:
    """The actor's name, or its last word (a surname), is a word of the line."""
    if not name:
        return False
    last = name.split()[-1]
    return re.search(rf"\b{re.escape(name)}\b", line) is not None or (
        len(last) > 2 and re.search(rf"\b{re.escape(last)}\b", line) is not None)


def _date_by_caption(events: list[Event], published: str | None) -> list[Event]:
    """A page with no publication date whose caption shows the meeting and dates the picture ('X
    attends a meeting with Y ... in this still image taken from video released on October 15, 2024'):
    the news meeting between the two actors the caption names, undated in the text, took place by
    then; it is dated to the caption's month (month precision: the day is not known)."""
    if not isinstance(published, Bound) or not _SHOWS_MEETING.search(published.line):
        return events
    out = []
    for e in events:
        if e.date is None and e.event_code[:2] == "04" and not e.background \
                and _named_in(e.source, published.line) and _named_in(e.target, published.line):
            e = replace(e, date=published[:7], date_precision="month", date_text=published.words or None)
        out.append(e)
    return out


_AT_THE_MEETING = re.compile(r"\b(?:at|during|in|after|following|on the sidelines of)\s+(?:the|that|this)\s+"
                             r"(?:summit|meeting|talks|visit|conference|negotiations|consultations)\b", re.I)


def _date_by_meeting(events: list[Event]) -> list[Event]:
    """'At the summit, ...', 'During the meeting, ...': an undated event placed at the article's
    meeting takes that meeting's date (the first dated meeting or visit of the news, not background)."""
    meeting = next((e for e in events if e.event_code[:2] == "04" and e.date and not e.background), None)
    if meeting is None:
        return events
    out = []
    for e in events:
        found = _AT_THE_MEETING.search(e.sentence) if e.date is None and e.start > meeting.start else None
        if found:
            e = replace(e, date=meeting.date, date_precision=meeting.date_precision, date_text=found.group())
        out.append(e)
    return out


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per sentence, code and dyad (a noun and its verb may both state it)."""
    seen, out = set(), []
    for e in events:
        key = (e.start, e.event_code[:2], frozenset((e.source, e.target)) if e.symmetric else (e.source, e.target))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


_HAPPENING = frozenset({"hold", "conduct", "stage", "take_place", "pay", "make", "carry_out", "launch",
                        "begin", "resume", "open", "have"})


def _noun_code(noun) -> str | None:
    """The code of a noun that names something that happens (talks, a visit, drills)."""
    rows = noun_patterns().get(noun.lemma_.lower(), ())
    joint = any(g.lower_ in ("joint", "bilateral") for g in noun.children)
    for verbs, code, terms in rows:
        if not verbs & _HAPPENING:
            continue
        sym = [t for t in terms if t.kind == "sym"]
        if code != "-" and (not sym or (sym[0].values[0] == "yes") == joint):
            return code
    return None


def _noun_events(noun, actors: ArticleActors, article_id: str, published: str | None, quotes) -> list[Event]:
    """'talks between A and B', 'cooperation between Russia and China', 'Belousov's visit to Beijing'."""
    code = None if noun.lemma_.lower() in _STATE_NOUNS else _noun_code(noun)
    if code is None:
        return []
    holders = [noun] + ([noun.head] if noun.dep_ == "nsubj" else [])  # "fighting broke out between A and B"
    between = [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "between"
               for g in p.children if g.dep_ == "pobj"]
    pair = _compound_pair(noun, actors)
    if between:
        sides = _actors_of(between[0], actors)
        pairs = [(a, b, True) for (a, _), (b, _) in combinations(sides, 2) if a.name != b.name]
    elif pair:  # "US-Japan talks", "Russia-China air patrols": a joint event of the two named
        pairs = [(pair[0], pair[1], True)]
        if code == "150":
            code = "062"  # joint drills or patrols
    else:
        owner = [c for c in noun.children if c.dep_ == "poss"]
        sources = _actors_of(owner[0], actors) if owner else []
        targets = [f for p in noun.children if p.dep_ == "prep" and p.lower_ in ("with", "to", "against")
                   for g in p.children if g.dep_ == "pobj" for f in _actors_of(g, actors)]
        if not sources and targets and code[:2] == "04" and noun.dep_ == "pobj" and noun.head.dep_ == "prep" \
                and noun.head.lower_ in ("in", "during", "at", "for") and noun.head.head.pos_ in ("VERB", "AUX"):
            sources = _sources(noun.head.head, actors)  # "In talks with X, the minister said ..."
        pairs = [(s, t, code[:2] == "04") for s, _ in sources for t, _ in targets if s.name != t.name
                 and not (t.country and t.country == s.country)]
        if not pairs and not sources and not targets and code[:2] == "04":
            pairs = [(o, None, False) for o in _organization_of(noun, actors)]
    if not pairs:
        return []
    return _build(noun, noun.text, code, pairs, actors, article_id, published, quotes)


def _organization_of(noun, actors: ArticleActors) -> list[ActorRef]:
    """'the ASEAN summit', 'the SCO Defense Ministers' Meeting': a meeting of an organization's
    members, named by the organization alone, is the organization's meeting (no target)."""
    found: dict[str, ActorRef] = {}
    for c in noun.children:
        if c.dep_ in ("compound", "nmod", "poss") and c.i < noun.i:
            for t in c.subtree:
                a = actors.at(t.i)
                if a is not None:
                    found.setdefault(a.name, a)
    orgs = [a for a in found.values() if (a.code or "").startswith("IGO")]
    return orgs if len(orgs) == 1 and len(found) == 1 else []


_BONDS = {"friendship", "partnership", "alliance", "brotherhood"}
_FORMAL = {"sign", "formalize", "formalise", "adopt", "seal", "ink", "codify", "enshrine"}


def _declaration_events(noun, actors: ArticleActors, article_id: str, published: str | None,
                        quotes) -> list[Event]:
    """'the declaration of a partnership between A and B', 'their declaration of friendship': a
    declared bond is diplomatic cooperation (050) between the two; a joint, signed or formalized
    declaration is a formal agreement (057)."""
    if noun.lemma_.lower() not in ("declaration", "proclamation"):
        return []
    bonds = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
             for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in _BONDS]
    if not bonds:
        return []
    sides = []
    for holder in (bonds[0], noun):
        between = [g for p in holder.children if p.dep_ == "prep" and p.lower_ == "between"
                   for g in p.children if g.dep_ == "pobj"]
        sides = sides or (_actors_of(between[0], actors) if between else [])
    owner = [c for c in noun.children if c.dep_ == "poss"]
    if not sides and owner:
        sides = _actors_of(owner[0], actors) if owner[0].lower_ != "their" else _their_pair(owner[0], actors)
    if not sides and noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        sides = _sources(noun.head, actors)  # "A and B signed a joint declaration of friendship"
    pairs = [(a, b, True) for (a, _), (b, _) in combinations(sides, 2) if a.country != b.country or not a.country]
    if not pairs:
        return []
    formal = noun.head.lemma_.lower() in _FORMAL or (noun.head.dep_ == "prep" and noun.head.head.lemma_.lower()
                                                     in _FORMAL) or any(
        c.lower_ in ("joint", "signed", "formal") for c in noun.children if c.dep_ == "amod")
    return _build(noun, noun.text, "057" if formal else "050", pairs, actors, article_id, published, quotes)


def _their_pair(tok, actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    """'their' for two states named together just before in the same sentence: a compound subject,
    a pair in a compound ('the Chile-Peru alliance') or a conjunction ('Chile and Peru')."""
    group = _plural_antecedent(tok, actors)
    if group:
        return group
    sent = sent_of(tok)
    for t in reversed(tok.doc[sent.start:tok.i]):
        pair = _compound_pair(t, actors) if t.pos_ in ("NOUN", "PROPN") else None
        if pair:
            return [(pair[0], t.i), (pair[1], t.i)]
    pair = _recent_pair(tok, actors)
    return pair if pair and pair[0][1] >= sent.start else []


def _compound_pair(noun, actors: ArticleActors) -> tuple[ActorRef, ActorRef] | None:
    """Two different states named in the noun's compound modifiers ('the Russia-China patrols')."""
    named = []
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i:
            for t in c.subtree:
                a = actors.at(t.i) or (_state_of_word(t, actors) if t.pos_ == "PROPN" else None)
                if a is not None and a.country and all(a.country != b.country for b in named):
                    named.append(a)
    return (named[0], named[1]) if len(named) == 2 else None


# ------------------------------------------------------------------ matching
def _matches(alt: str, tok) -> bool:
    if alt == "*":
        return True
    words = alt.split("_")
    if len(words) == 1:
        return tok.lemma_.lower() == alt or tok.lower_ == alt
    phrase = " ".join(t.lemma_.lower() for t in tok.subtree)
    return " ".join(words) in phrase or " ".join(words) in " ".join(t.lower_ for t in tok.subtree)


def _objects(verb) -> list:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objs += [g for c in verb.children if c.dep_ == "ccomp" and c.tag_ == "VB"  # "allowed inspectors to visit"
             and all(a.lower_ == "to" for a in c.children if a.dep_ in ("aux", "mark"))
             for g in c.children if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN")]
    return objs + [c for o in objs for c in o.conjuncts]


_MEASURES = {"ton", "tonne", "worth", "series", "batch", "shipment", "consignment", "load", "number", "lot",
             "thousand", "hundred", "dozen", "million", "billion", "package", "wave", "barrage", "volley", "day",
             "week", "month", "hour", "round", "mission", "team", "contingent", "part", "group"}


def _measured(verb) -> list:
    """'provided 25,000 tons of food', 'exploded a series of bombs': what a measured object measures."""
    return [g for o in _objects(verb) if o.lemma_.lower() in _MEASURES for p in o.children
            if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]


def _particle(verb) -> str | None:
    for c in verb.children:  # "kidnapped up to 16 advisers": 'up to' counts, it is no particle
        if (c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in _PARTICLES)) \
                and not (c.lower_ == "up" and any(g.lower_ == "to" for g in c.children)):
            return c.lower_
        if c.dep_ == "prep" and c.lower_ in ("out", "away") and any(g.dep_ == "prep" for g in c.children):
            return c.lower_  # "pulled out of Beirut"
    return None


def _term_ok(term: Term, verb) -> bool:
    if term.kind == "dobj":
        return any(_matches(a, o) for o in _objects(verb) + _measured(verb) for a in term.values)
    if term.kind == "prep":
        for p in verb.children:
            if p.dep_ in ("prep", "agent") and p.lower_ in term.values:
                if not term.objects:
                    return True
                pobjs = [c for c in p.children if c.dep_ in ("pobj", "pcomp")]
                if any(_matches(a, o) for o in pobjs for a in term.objects):
                    return True
        return False
    if term.kind == "xcomp":
        for c in verb.children:
            if c.dep_ in ("xcomp", "oprd", "acomp") and any(_matches(a, c) for a in term.values):
                return not term.objects or any(_matches(a, o) for o in _objects(c) for a in term.objects)
        return False
    if term.kind == "particle":
        return _particle(verb) in term.values
    if term.kind == "sym":
        return _symmetric(verb) == (term.values[0] == "yes")
    return False


def _best(patterns: tuple[Pattern, ...], verb) -> Pattern | None:
    particle = _particle(verb)
    fits = [p for p in patterns
            if (particle is None or any(t.kind == "particle" for t in p.terms))
            and all(_term_ok(t, verb) for t in p.terms)]
    # a complement the verb governs ('agreed to lift ... with strings attached') outweighs a preposition
    return max(fits, key=lambda p: (p.specificity, any(t.kind == "xcomp" for t in p.terms), -p.order), default=None)


_CODES: dict[tuple[int, int], tuple[str | None, str]] = {}  # per document: token -> code (cleared per doc)


def _code_of(verb) -> tuple[str | None, str]:
    """The code of a verb, or of the event noun it carries ('held talks', 'imposed sanctions'); an
    announced event ('will withdraw') is coded as the intent to do it."""
    key = (id(verb.doc), verb.i)
    if key not in _CODES:
        _CODES[key] = _uncached_code(verb)
    return _CODES[key]


def _uncached_code(verb) -> tuple[str | None, str]:
    code, trigger = _base_code(verb)
    if code and code != "-" and code[:2] not in _GOVERNORS and code[:2] not in ("01", "02") \
            and _announced_intent(verb):
        kind = "threaten" if _condition(verb, ("unless",)) else "intent"
        code = derived_code(kind, code) or ("130" if kind == "threaten" else code)
    return code, trigger


def _condition(verb, marks: tuple[str, ...]):
    """The clause of the verb, or of the verb it depends on, that states its condition ('... unless X
    arranges a ceasefire'); an announcement on such a condition is a threat."""
    for v in (verb, verb.head):
        for c in v.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
                return c
    return None


_CHARACTERIZE = {"describe", "cast", "frame", "portray", "depict", "characterize", "characterise", "label",
                 "brand", "present", "paint", "see", "view", "regard", "term", "emphasize", "emphasise",
                 "highlight", "hail", "tout", "denounce", "condemn", "criticize", "criticise", "dismiss"}
_NEGATIVE = {"aggression", "aggressive", "aggressor", "destabilizing", "destabilising", "destabilize",
             "threat", "threatening", "provocation", "provocative", "hostile", "hostility", "interference",
             "meddling", "imperialism", "imperialist", "hegemony", "hegemonic", "unilateralism", "bullying",
             "coercion", "intimidation", "intimidate", "containment", "encirclement", "expansionism",
             "expansionist", "warmongering", "illegal", "illegitimate", "unacceptable", "irresponsible",
             "dangerous", "reckless", "terrorist", "terrorism", "invasion", "occupation", "violation",
             "blackmail", "propaganda", "lie", "lies", "destructive", "oppression", "repression"}
_POSITIVE = {"stability", "stabilizing", "stabilising", "cornerstone", "pillar", "balance", "partner",
             "friend", "ally", "model", "success", "successful", "peace", "guarantor", "positive",
             "constructive", "fruitful", "important", "vital", "key", "essential", "reliable", "valuable",
             "beneficial", "exemplary", "landmark", "milestone", "breakthrough", "good"}


def _characterization(verb) -> str | None:
    """'cast X as a destabilizing force' (111), 'presented the alignment with X as a force for
    stability' (051): a verb that characterizes its object 'as' something praises or criticizes it,
    by the evaluative words of the 'as' phrase."""
    if verb.lemma_.lower() not in _CHARACTERIZE:
        return None
    holders = [verb] + [o for o in _objects(verb) if o.dep_ == "dobj"]
    phrases = [p for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "as"]
    phrases += [c for c in verb.children if c.dep_ == "oprd"]
    words = {t.lemma_.lower() for p in phrases for t in p.subtree} | {t.lower_ for p in phrases for t in p.subtree}
    negative, positive = bool(words & _NEGATIVE), bool(words & _POSITIVE)
    if negative and not positive:
        return "111"
    if positive and not negative:
        return "051"
    return None


def _base_code(verb) -> tuple[str | None, str]:
    characterized = _characterization(verb)
    if characterized:
        return characterized, verb.text
    for obj in _objects(verb):
        for verbs, code, terms in noun_patterns().get(obj.lemma_.lower(), ()):
            if verb.lemma_.lower() in verbs and all(_term_ok(t, verb) for t in terms if t.kind == "sym"):
                return code, obj.text
    pattern = _best(verb_patterns().get(verb.lemma_.lower(), ()), verb)
    if pattern is None:
        return None, verb.text
    if pattern.code.startswith("14") and any(c.dep_ == "ccomp" for c in verb.children):
        return None, verb.text  # "demonstrating that it will not back down" shows; it is no protest
    if pattern.code.startswith("01"):
        must = _obligation(verb)
        if must is not None:
            return must, verb.text
    if pattern.code.startswith("01") and _has_coded_complement(verb):
        return None, verb.text  # "said that they held talks": the embedded event is coded instead
    if pattern.code in ("010", "030"):
        intent = _intent_to_cooperate(verb)
        if intent:
            return intent, verb.text
    governed = _governed(verb, pattern.code)
    if governed is not None:
        return governed[1], verb.text
    return _material(pattern.code, verb), verb.text


_GOVERNORS = {"02": "appeal", "03": "intent", "10": "demand", "12": "reject", "13": "threaten"}
_MUST = {"must": ("demand", "100"), "should": ("appeal", "020"), "ought": ("appeal", "020")}


def _obligation(verb) -> str | None:
    """'X said Y must drop its tariffs' is a demand of Y (10x), 'X said Y should ...' an appeal
    (02x), coded from what Y is to do when that is an event."""
    for c in verb.children:
        if c.dep_ != "ccomp" or c.pos_ not in ("VERB", "AUX"):
            continue
        modal = next((_MUST[a.lower_] for a in c.children if a.dep_ == "aux" and a.lower_ in _MUST), None)
        if modal is None and c.tag_ == "VB" and not any(a.dep_ in ("aux", "mark") and a.lower_ != "that"
                                                        for a in c.children) \
                and any(a.dep_ == "nsubj" for a in c.children):
            modal = _MUST["must"]  # "insisted that Argentina release them": a bare verb is a demand
        if modal is not None:
            inner, _ = _code_of(c)
            usable = inner and inner != "-" and inner[:2] not in _GOVERNORS and inner[:2] not in ("01", "02")
            return (derived_code(modal[0], inner) if usable else None) or modal[1]
    return None


def _governed(verb, code: str | None = None):
    """'agreed to hold drills', 'threatened to impose sanctions', 'refused to lift the embargo': an
    appeal, intent, demand, rejection or threat takes the code CAMEO derives from the event it governs
    (complement_map.tsv), when that event is coded. Returns (complement token, derived code), or None."""
    if code is None:
        pattern = _best(verb_patterns().get(verb.lemma_.lower(), ()), verb)
        code = pattern.code if pattern is not None else ""
    if code[:2] not in _GOVERNORS:
        return None
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            inner, _ = _code_of(c)
            if inner and inner != "-" and inner[:2] not in _GOVERNORS and inner[:2] not in ("01", "02"):
                derived = derived_code(_GOVERNORS[code[:2]], inner)
                if derived:
                    return c, derived
    return None


_INTENT_NOUNS = {"willingness", "readiness", "intention", "intent", "determination", "commitment", "plan",
                 "decision", "pledge", "promise", "offer", "resolve"}
_READY = {"ready", "willing", "prepared", "determined", "set", "poised", "eager", "keen"}


def _announced_intent(verb) -> bool:
    """'X will withdraw', 'X is ready to send troops', 'said it would allow': the event is announced,
    not done; CAMEO codes the announcement as an intent (03x, or a threat for a conflict event)."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return False
    if auxes & {"will", "shall", "'ll"}:
        return True
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in _READY:
        return True
    if verb.dep_ == "acl" and head.lemma_.lower() in _INTENT_NOUNS:
        return True  # "announced its willingness to host talks"
    if "would" in auxes and verb.dep_ == "ccomp" and head.lemma_.lower() in _SPEECH:
        return True  # reported future: "said it would withdraw"
    return False


_SPEECH = {"say", "announce", "state", "declare", "tell", "confirm", "add", "insist", "indicate", "report"}


_FORWARD = {"need", "necessity", "importance", "purpose", "aim", "goal", "further", "enhance",
            "enhancing", "strengthen", "deepen", "expand", "boost", "develop", "greater", "closer",
            "open", "new"}
_COOPERATION = {"cooperation", "collaboration", "co-operation", "tie", "ties", "partnership", "alignment",
                "relation", "relations", "coordination", "integration"}


def _intent_to_cooperate(verb) -> str | None:
    """'stressed the need to deepen military cooperation with X': an intent to cooperate (03x),
    militarily (0312) or economically (0311) when the words say so."""
    words = [t for c in verb.children if c.dep_ in ("dobj", "prep", "xcomp", "attr")
             for t in c.subtree]
    if not any(t.lemma_.lower() in _COOPERATION for t in words):
        return None
    if not any(t.lemma_.lower() in _FORWARD for t in words):
        return None  # "emphasized the growing cooperation" describes; it does not intend
    lows = {t.lower_ for t in words}
    if lows & _MILITARY:
        return "0312"
    if lows & _ECONOMIC:
        return "0311"
    return "030"


_JOINT_ROOTS = ("03", "04", "05", "06", "07")  # joint actions; joint statements are not dyads
_STATE_NOUNS = {"partnership", "alliance", "relation", "relationship", "tie", "friendship", "bond",
                "alignment", "rivalry", "dependence"}
_MILITARY = {"military", "defense", "defence", "security", "army", "naval", "strategic"}
_DRILLS = {"drill", "drills", "exercise", "exercises", "patrol", "patrols", "maneuver", "maneuvers", "naval",
           "weapons", "arms"}
_ECONOMIC = {"economic", "trade", "energy", "financial", "commercial", "investment"}


def _material(code: str, verb) -> str:
    """General cooperation (050) whose object is military or economic is material cooperation."""
    if code not in ("050", "060"):
        return code
    mods = {g.lower_ for o in _objects(verb) for g in o.children if g.dep_ in ("amod", "compound", "conj")}
    if any(o.lemma_.lower() in _BONDS for o in _objects(verb)):
        mods.discard("strategic")  # a strategic partnership is diplomatic, not military, cooperation
    means = [g for p in verb.children if p.dep_ == "prep" and p.lower_ in ("through", "via", "in", "on")
             for g in p.children if g.dep_ == "pobj"]  # "cooperating through naval drills"
    mods |= {t.lower_ for g in means for t in g.subtree} | {g.lemma_.lower() for g in means}
    if mods & (_MILITARY | _DRILLS):
        return "062"
    if mods & _ECONOMIC:
        return "061"
    return code


def _has_coded_complement(verb) -> bool:
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            code, _ = _code_of(c)
            if code and code != "-" and not code.startswith("01"):
                return True
    return False


# ------------------------------------------------------------------ actors
def _actor_at(tok, actors: ArticleActors, loose: bool = False) -> ActorRef | None:
    if tok.lower_ in ("we", "our", "us"):
        state = _speakers_state(tok, actors)
        if state is not None:
            return state
    if tok.lower_ in ("he", "she", "they", "it", "we", "i"):
        return antecedent(tok, actors)
    found = actors.at(tok.i)
    if found is not None:
        return found
    for c in tok.children:  # "the Russian defense ministry", "Chinese officials"
        if c.dep_ in ("compound", "amod", "poss", "nmod") and actors.at(c.i) is not None:
            return actors.at(c.i)
    if not loose and tok.lemma_.lower() not in word_set("unnamed_heads.txt"):
        return None  # a source: "the partnership between Russia and China" is not an actor
    meeting = any(code[:2] == "04" for _, code, _ in noun_patterns().get(tok.lemma_.lower(), ()))
    for c in tok.children:  # "officials in Washington"; but "a summit in Vilnius" names a place
        if c.dep_ == "prep" and not (meeting and c.lower_ in _PLACE_PREPS):
            for g in c.children:
                if g.dep_ == "pobj" and actors.at(g.i) is not None:
                    return actors.at(g.i)
                group = _group_actors(g, actors) if loose and g.dep_ == "pobj" and c.lower_ in ("by", "of") else []
                if group:  # "crimes by Croatian extremists", "the withdrawal of Serbian forces"
                    return group[0]
    if loose:  # a target named by its adjective: "these Chinese actions", "Israeli aggression"
        for c in tok.children:
            if c.dep_ in ("amod", "compound") and c.i < tok.i:
                state = _state_of_word(c, actors)
                if state is not None:
                    return state
    return None


def _state_of_word(tok, actors: ArticleActors) -> ActorRef | None:
    """The state a nationality adjective or a country name stands for ('Chinese', 'Israeli')."""
    if tok.pos_ not in ("ADJ", "PROPN", "NOUN"):
        return None
    kb = knowledge_base()
    if tok.lower_ == "western":  # "Western sanctions": the West (CAMEO WST)
        bloc = kb.lookup("the West")
        return None if bloc is None else actors.actors.get(bloc.name) or ActorRef(
            bloc.name, bloc.type, bloc.country, bloc.code, kb=True)
    iso = kb.country_of(tok.text)
    if iso is None or iso not in kb.countries:
        return None
    country = kb.countries[iso]
    return actors.actors.get(country.name) or ActorRef(country.name, "GPE", country.country, country.code,
                                                       kb=True)


def _speakers_state(tok, actors: ArticleActors) -> ActorRef | None:
    """'we' inside a quotation: the state of the official who is quoted."""
    for start, end, speaker in actors.quoted:
        if start <= tok.idx < end:
            person = actors.actors.get(speaker)
            kb = knowledge_base()
            if person is not None and person.country in kb.countries:
                country = kb.countries[person.country]
                return actors.actors.get(country.name) or ActorRef(country.name, "GPE", country.country,
                                                                   country.code, kb=True)
    return None


def _with_conjuncts(tok) -> list:
    return [tok] + list(tok.conjuncts)


def _sources(verb, actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    v = verb
    if verb.lemma_.lower() in ("concern", "worry"):  # "X is concerned by Y": X is the source
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive:
            return _actors_of(passive[0], actors)
    for _ in range(3):
        subj = [c for c in v.children if c.dep_ == "nsubj"]
        agent = [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        heads = agent or subj
        if heads and _both_of(heads[0]):
            return _pair_in_sentence(heads[0], actors) or _recent_pair(heads[0], actors)
        if heads:
            return _actors_of(heads[0], actors) or _placed_group(heads[0], verb, actors)
        if v.dep_ in ("xcomp", "conj", "advcl", "acomp") and v.head is not v:  # "X is ready to send"
            v = v.head
        elif v.dep_ == "acl" and (v.tag_ == "VBG" or v.head.lemma_.lower() in _INTENT_NOUNS) \
                and v.head.dep_ == "dobj":  # "X issued a statement demanding ...", "its readiness to send"
            v = v.head.head
        else:
            break
    return []


def _placed_group(tok, verb, actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    """'Police arrested dozens in Harare', 'Gunmen kidnapped two journalists in Iraq': a group of a
    sector that no words tie to a state acts in the state where the event takes place."""
    kb = knowledge_base()
    sector = _head_sector(tok)
    where = _place(verb, actors)[1] if sector else None
    if where is None or where.country not in kb.countries:
        return []
    state = kb.countries[where.country]
    return [(ActorRef(f"{state.name} {tok.lemma_.lower()}", "NORP", state.country,
                      kb.code(state.country, sector), sector=sector), tok.i)]


def _we_pair(verb, sources: list[tuple[ActorRef, int]], actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    """'we are not creating a military bloc', said by an official of A just after 'A and B' were named
    together: a joint act needs two, and 'we' is that pair."""
    (source, i), = sources
    if verb.doc[i].lower_ not in ("we", "our", "us") or not source.country:
        return sources
    pair = _recent_pair(verb.doc[i], actors)
    return pair if any(a.country == source.country for a, _ in pair) else sources


_PAIR_NOUNS = {"state", "country", "nation", "side", "power", "government", "capital", "ally", "neighbour",
               "neighbor"}


def _both_of(tok) -> bool:
    """'Both states', 'both countries', 'the two nations'."""
    return tok.lemma_.lower() in _PAIR_NOUNS and any(
        c.lower_ in ("both", "two") for c in tok.children if c.dep_ in ("det", "predet", "nummod", "preconj"))


def _pair_in_sentence(tok, actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    """'X's ministry, after meeting Y's delegation, stated that both sides ...': the two actors of
    different states named before `tok` in its sentence, when there are exactly two states."""
    found: dict[str, tuple[ActorRef, int]] = {}
    for t in tok.doc[sent_of(tok).start:tok.i]:
        a = actors.at(t.i) or (_state_of_word(t, actors) if t.dep_ == "amod" else None)
        if a is not None and a.country:
            found.setdefault(a.country, (a, t.i))
    return list(found.values()) if len(found) == 2 else []


def _recent_pair(tok, actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    """The last two states named together before `tok` ('Russia and China ... Both states')."""
    for i in range(tok.i - 1, max(tok.i - 400, -1), -1):
        first = actors.at(i)
        if first is None or first.type != "GPE":
            continue
        for c in tok.doc[i].conjuncts:
            second = actors.at(c.i)
            if second is not None and second.type == "GPE" and second.name != first.name:
                return [(first, i), (second, c.i)] if i < c.i else [(second, c.i), (first, i)]
    return []


_GROUP_HEADS = {"leader", "leaders", "negotiator", "negotiators", "people", "civilians", "citizens", "nationals",
                "boats", "gunmen", "diplomats", "envoys", "delegation", "side", "team", "government"}


_ARMED_HEADS = {"forces", "force", "helicopters", "tanks", "aircraft", "jets", "warplanes", "planes", "vessels",
                "ships", "fighters", "units", "battalion", "navy", "military", "artillery", "warships",
                "gunboats", "submarines", "paratroopers", "marines"}


def _group_actors(tok, actors: ArticleActors) -> list[ActorRef]:
    """'Israeli soldiers', 'Sudanese rebels', 'Chinese and Russian politicians', 'Iraqi Kurds': a group
    named by a nationality word and a head noun that names people, forces or an authority (or any
    plural); 'rebels in Chad', 'students throughout Peru': a group of a sector placed in a state."""
    if tok.pos_ not in ("NOUN", "PROPN") or (tok.ent_type_ and tok.ent_type_ not in ("NORP",)):
        return []
    kb = knowledge_base()
    sector = _head_sector(tok)
    if sector is None and tok.lower_ not in _GROUP_HEADS and tok.tag_ not in ("NNS", "NNPS"):
        return []
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
    mods += [g for m in mods if m.lower_ in _LED for g in m.lefts]  # "Vietnamese-led forces"
    isos = [kb.country_of(m.text) for m in mods + [c for m in mods for c in m.conjuncts]]
    if not any(isos) and sector is not None:
        isos = [a.country for p in tok.children if p.dep_ == "prep" and p.lower_ in _WHERE
                for g in p.children if g.dep_ == "pobj" for x in _with_conjuncts(g) for a in [actors.at(x.i)]
                if a is not None and a.type == "GPE"]  # "the foreign ministers of India and Pakistan"
    out = []
    for iso in isos:
        if iso and iso in kb.countries and all(a.country != iso for a in out):
            out.append(ActorRef(f"{kb.countries[iso].name} {tok.lemma_.lower()}", "NORP", iso,
                                kb.code(iso, sector), sector=sector))
    return out


def _head_sector(tok) -> str | None:
    """The sector of a group noun: of the noun with the word before it ('defense ministry', 'suicide
    bombers'), else of the noun ('government troops' are troops), else of any word before it."""
    kb = knowledge_base()
    words = [t.text for t in tok.subtree if t.i <= tok.i]
    return (kb.sector_of([" ".join(words[-2:])]) if len(words) > 1 else None) or kb.sector_of([tok.text]) \
        or ("MIL" if tok.lower_ in _ARMED_HEADS else None) or kb.sector_of(words)


_WHERE = ("in", "from", "throughout", "across", "of")
_LED = {"led", "backed", "sponsored", "supported", "trained", "armed", "controlled", "dominated"}
_QUANTITY = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "scores", "tens", "millions",
             "group", "crowd", "number", "band", "handful"}


def _members(tok) -> list:
    """'thousands of students', 'a group of refugees': the people a quantity word counts."""
    if tok.lower_ not in _QUANTITY:
        return []
    return [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
            if g.dep_ == "pobj"]


def _plural_antecedent(tok, actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    """'Both Moscow and Beijing ... what they see as ...': 'they' inside the clause of a compound
    subject, with no nearer subject between them, is every actor of that subject."""
    if tok.lower_ not in ("they", "them", "their"):
        return []
    doc = tok.doc
    for i in range(tok.i - 1, sent_of(tok).start - 1, -1):
        subj = doc[i]
        if subj.dep_ not in ("nsubj", "nsubjpass"):
            continue
        group = [(actors.at(t.i), t.i) for t in _with_conjuncts(subj) if actors.at(t.i) is not None]
        names = {a.name for a, _ in group}
        inside = subj.head.left_edge.i <= tok.i <= subj.head.right_edge.i
        return group if len(names) > 1 and inside else []
    return []


def _actors_of(tok, actors: ArticleActors, loose: bool = False) -> list[tuple[ActorRef, int]]:
    group = _plural_antecedent(tok, actors)
    if group:
        return group
    out = []
    for t in _with_conjuncts(tok):
        a = _actor_at(t, actors, loose)
        if a is None and _members(t):
            out += [m for m in _actors_of(_members(t)[0], actors, loose) if all(m[0].name != b.name for b, _ in out)]
            continue
        if a is None and actors.at(t.i) is None:
            for g in _group_actors(t, actors):
                if all(g.name != b.name for b, _ in out):
                    out.append((g, t.i))
            continue
        if a is not None and all(a.name != b.name for b, _ in out):
            out.append((a, t.i))
        if a is not None and actors.at(t.i) is None:  # "allies such as Japan, South Korea and Australia"
            for p in t.children:
                for g in (g for g in p.children if p.dep_ == "prep" and g.dep_ == "pobj"):
                    for c in g.conjuncts:
                        b = actors.at(c.i)
                        if b is not None and all(b.name != x.name for x, _ in out):
                            out.append((b, c.i))
    return out


def _targets(verb, actors: ArticleActors, source_tokens: set[int]) -> list[tuple[ActorRef, int]]:
    passive = any(c.dep_ == "agent" for c in verb.children)  # "X was attacked by Y": X is acted on
    datives = [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN")]  # "gave Iraq"
    for obj in datives + _objects(verb):
        if obj.dep_ in ("dobj", "nsubj", "dative") or (passive and obj.dep_ == "nsubjpass" and obj.i not in source_tokens):
            found = _actors_of(obj, actors, loose=True)
            if found:
                return found
    holders = [verb] + [o for o in _objects(verb) if o.dep_ == "dobj"]
    for holder in holders:
        for p in _preps(holder):
            if p.lower_ in _TARGET_PREPS:  # "send troops to X"
                for g in p.children:
                    if g.dep_ == "pobj" and g.i not in source_tokens:
                        found = _actors_of(g, actors, loose=True)
                        if found:
                            return found
    return []


def _preps(tok) -> list:
    """The prepositions of a word, 'out of' and 'away from' read as their second word."""
    out = []
    for p in tok.children:
        if p.dep_ in ("prep", "dative"):
            out += [q for q in p.children if q.dep_ == "prep"] if p.lower_ in ("out", "away") else [p]
    return out


def _responded_to(verb, actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    """'In response to China's exercises, the US increased its presence': an act in response to, or in
    retaliation for, another's act is aimed at that other."""
    for p in verb.children:
        for g in (g for g in p.children if p.dep_ == "prep" and g.dep_ == "pobj"
                  and g.lemma_.lower() in ("response", "retaliation", "reply", "reaction")):
            for q in (q for q in g.children if q.dep_ == "prep" and q.lower_ in ("to", "for")):
                for act in (a for a in q.children if a.dep_ == "pobj"):
                    owner = [c for c in act.children if c.dep_ == "poss"]
                    found = _actors_of(owner[0] if owner else act, actors, loose=True)
                    if found:
                        return found
    return []


def _about(verb, actors: ArticleActors, skip: set[int], names: set[str]) -> list[tuple[ActorRef, int]]:
    """The actors a comment is about: those named in its complement or prepositional object."""
    out: list[tuple[ActorRef, int]] = []
    for c in verb.children:
        if c.dep_ not in ("ccomp", "prep", "agent", "xcomp", "dobj"):
            continue
        for t in c.subtree:
            if any(h.dep_ == "relcl" for h in t.ancestors if h.i != c.i and c.is_ancestor(h)):
                continue  # "an order that benefits the West": a description, not what is commented on
            a = actors.at(t.i) or (_state_of_word(t, actors) if t.dep_ == "amod" else None)
            if a is not None and a.code and t.i not in skip and a.name not in names \
                    and all(a.name != b.name for b, _ in out):
                out.append((a, t.i))
    return out


def _symmetric(verb) -> bool:
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if subj and subj[0].conjuncts:
        return True
    if subj and any(m.dep_ == "amod" and m.conjuncts for m in subj[0].children):
        return True  # "French and Egyptian warships launched war games"
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return True
    return any(g.lower_ in ("joint", "bilateral") for o in _objects(verb) for g in o.children)


# ------------------------------------------------------------------ context
def _negated(verb) -> bool:
    """'not', 'never' on the verb, or the act denied ('denies providing support')."""
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in ("deny", "dismiss"):
        return True
    neg = cues("negation")
    return any(c.dep_ == "neg" or (c.dep_ == "aux" and any(g.dep_ == "neg" for g in c.children))
               or (c.dep_ in ("advmod", "neg") and c.lower_ in neg) for c in verb.children)


def _modality(verb) -> str:
    head = verb.head if verb.dep_ in ("xcomp", "ccomp") else None
    if head is not None and head.lemma_.lower() in cues("intent"):
        return "intent"
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if auxes & {"would", "could", "might", "may", "should"} or marks & {"if", "unless"}:
        return "hypothetical"
    if auxes & {"will", "shall"} or (head is not None and head.lemma_.lower() in ("plan", "intend", "aim")):
        return "intent"
    return "asserted"


_BACKGROUND = re.compile(r"\b(ago|formerly|historically|previously|in the past|used to|prior to|back in|"
                         r"for decades|for years|has long|have long)\b", re.I)


def _background(sentence: str, date: str | None, published: str | None) -> bool:
    """Context before the news of the day: an earlier year, or words that look back."""
    if date and published and date[:4] < published[:4]:
        return True
    if _BACKGROUND.search(sentence):
        return True
    years = [int(y.group()) for y in _YEAR.finditer(sentence)]
    return bool(published and years and max(years) < int(published[:4]))


def _place(verb, actors: ArticleActors) -> tuple[str | None, ActorRef | None]:
    """'met ... in Nairobi', 'drills in the Sea of Japan': the place attached to the verb or its object,
    named as the text gives it, with the state it lies in when an actor names one (a sea or a region,
    a LOC entity, has none)."""
    holders = [verb] + [o for o in _objects(verb) if o.dep_ == "dobj"]
    for p in (c for h in holders for c in h.children):
        if p.dep_ == "prep" and p.lower_ in _PLACE_PREPS:
            for g in p.children:
                if g.dep_ != "pobj":
                    continue
                of = [x for q in g.children if q.dep_ == "prep" and q.lower_ in ("of", "in") for x in q.children
                      if x.dep_ == "pobj" and actors.at(x.i) is not None] if g.pos_ == "NOUN" else []
                g = of[0] if of else g  # "through the streets of Tbilisi", "in a market in Baghdad"
                a = actors.at(g.i)
                if a is not None and a.type == "GPE" and (a.kb or g.ent_type_ != "LOC"):
                    return g.text, a
                if g.ent_type_ in ("LOC", "GPE", "FAC"):
                    span = next((e for e in g.doc.ents if e.start <= g.i < e.end), g.doc[g.i:g.i + 1])
                    return (span[1:] if span[0].pos_ == "DET" else span).text, None
                state = next((_state_of_word(m, actors) for m in g.children if m.dep_ == "amod"
                              and _state_of_word(m, actors) is not None), None) if g.pos_ == "NOUN" else None
                if state is not None:  # "in the Algerian capital"
                    return g.doc[g.left_edge.i:g.i + 1].text.removeprefix("the "), state
    return None, None


# ------------------------------------------------------------------ events
def _events_for(verb, trigger: str, code: str, actors: ArticleActors, article_id: str,
                published: str | None, quotes) -> list[Event]:
    sources = _sources(verb, actors)
    if not sources:
        return []
    targets = _targets(verb, actors, {i for _, i in sources})
    if not targets and code[:2] in ("02", "10"):  # "demanded that the US cancel ...": the US
        targets = [t for c in verb.children if c.dep_ == "ccomp" for t in _sources(c, actors)]
    if not targets:  # "threatened to cut ties with X": the target is the governed event's
        for c in verb.children:
            if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") and not targets:
                targets = _targets(c, actors, {i for _, i in sources})
    if not targets:
        targets = _responded_to(verb, actors)
    if not targets and code[:3] in ("042", "043"):  # "arrived in Cairo": a visit to Egypt
        where = _place(verb, actors)[1]
        targets = [(where, verb.i)] if where is not None and where.country else []
    if not targets and code[:2] == "13":  # "threatened to stop talks if the US goes ahead": the US
        clause = _condition(verb, ("if", "unless")) or next(
            (_condition(c, ("if", "unless")) for c in verb.children if c.dep_ == "xcomp"), None)
        targets = _sources(clause, actors) if clause is not None else []
    if not targets and len(sources) == 1 and code[:2] in ("04", "05", "06"):
        sources = _we_pair(verb, sources, actors)
    if code[:3] == "141" and targets and all(s.type == "GPE" or s.sector == "GOV" for s, _ in sources) \
            and all(t.type == "GPE" for t, _ in targets):
        code = "114"  # "Greece protested to Turkey": a state's protest is an official complaint
    if code in ("190", "193") and not any(_armed(s) for s, _ in sources):
        code = _ASSAULT.get(verb.lemma_.lower(), "180")  # "militiamen attacked the camp": an assault
    names = {a.name for a, _ in sources}
    if not targets and (code[:2] in ("11", "12", "03") or code[:3] in ("012", "013", "051")):
        targets = _about(verb, actors, {i for _, i in sources}, names)
    if len(sources) > 1 and all(t.name in names for t, _ in targets):
        targets = []  # "Russia and China deepened their cooperation": a joint action
    if not targets and len(sources) > 1 and code[:2] in _JOINT_ROOTS:  # "Russia and China held drills"
        pairs = [(a, b, True) for (a, _), (b, _) in combinations(sources, 2) if a.country != b.country or not a.country]
    else:
        sym = code[:2] in _JOINT_ROOTS and _symmetric(verb)  # "A and B criticized C": two one-way acts
        pairs = [(s, t, sym) for s, _ in sources for t, _ in targets if s.name != t.name]
    if not targets and not pairs and _unary(verb, code):  # "Moscow denied the report": no one is acted on
        where = _place(verb, actors)[1] if code[:2] not in ("01", "02") else None
        where = where if where is not None and where.country else None  # a town the KB does not know
        people = [(_people(s, verb.doc[i]), i) for s, i in sources]
        pairs = [(s, where or _own_state(s, code), False) for s, _ in people if s.code or s.country]
    return _build(verb, trigger, code, pairs, actors, article_id, published, quotes)


def _people(actor: ActorRef, tok) -> ActorRef:
    """'Young Algerians blocked roads': a people named by its demonym, not the state itself."""
    if actor.type == "GPE" and tok.ent_type_ == "NORP" and tok.lower_ != actor.name.lower():
        return ActorRef(tok.text, "NORP", actor.country, actor.code)
    return actor


def _own_state(source: ActorRef, code: str) -> ActorRef | None:
    """A protest by a state's people ('Young Algerians', 'students'), or its police's coercion, that
    names no one acted on and no place is domestic: aimed at, or done within, their own state."""
    kb = knowledge_base()
    if code[:2] not in ("14", "17") or source.type == "GPE" or source.country not in kb.countries:
        return None
    state = kb.countries[source.country]
    return ActorRef(state.name, "GPE", state.country, state.code, kb=True)


_ASSAULT = {"kill": "1823", "murder": "1823", "slay": "1823", "bomb": "183"}


def _armed(actor: ActorRef) -> bool:
    """A state or its armed forces, police or intelligence: their use of force is military (19x);
    rebels', militias', gunmen's or anyone else's is an assault (18x)."""
    return actor.sector in ("MIL", "COP", "SPY") or (actor.type == "GPE" and not actor.sector) \
        or (actor.code or "").startswith("IGO")


# acts that need no one acted on: concessions (lifted the curfew, resigned), protests, shows of force,
# coercion, assaults and fighting ('troops shelled the town', 'police arrested dozens')
_UNARY_ROOTS = ("08", "14", "15", "17", "18", "19", "20")
_UNARY = ("010", "011", "012", "013", "015", "016", "018")


def _unary(verb, code: str) -> bool:
    """A comment, denial or claim (01x) with a clear source and no one it is aimed at is an event with
    no target, as GDELT leaves Actor2 empty: 'the ministry warned of the risk of conflict'. A plain
    speech verb ('said that ...') is a statement of its own only when what it says is a denial or
    an assurance, a negated clause with no event in it ('said the ties are not aimed at anyone');
    otherwise its content is coded, or nothing is. 'hoped to build' is an intent, not a comment."""
    if code[:2] in _UNARY_ROOTS or code[:2] in ("09", "12"):  # "the opposition rejected the results"
        return True
    if code[:2] in _GOVERNORS and (_has_coded_complement(verb) or (_base_code(verb)[0] or "")[:2] in _UNARY_ROOTS):
        return True  # "pledged to release all prisoners", "will extend the curfew": an intent or threat
    if code not in _UNARY or any(c.dep_ == "xcomp" for c in verb.children):
        return False
    if code == "010":
        return any(c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and _negated(c) for c in verb.children)
    return True


def _build(verb, trigger: str, code: str, pairs, actors: ArticleActors, article_id: str,
           published: str | None, quotes) -> list[Event]:
    if not pairs:
        return []
    sent = sent_of(verb)
    date, precision, date_text = find_date(sent.text, published)
    place, where = _place(verb, actors)
    country = where.country if where is not None else None
    base = dict(article_id=article_id, event_code=code, start=sent.start_char, end=sent.end_char,
                sentence=sent.text.strip(), trigger=trigger, date=date, date_precision=precision,
                date_text=date_text, negated=_negated(verb), modality=_modality(verb),
                background=_background(sent.text, date, published), location=place, country=country,
                quote_id=next((f"{q.article_id}:{q.start}-{q.end}" for q in quotes
                               if q.start <= verb.idx < q.end), None))
    return [Event(source=s.name, source_code=s.code or s.country, target=t.name if t else None,
                  target_code=(t.code or t.country) if t else None, symmetric=sym, **base)
            for s, t, sym in pairs if t is None or not _same_state(s, t, code)]


def _same_state(source: ActorRef, target: ActorRef, code: str) -> bool:
    """An act of a state, or of its officials, towards that same state is no dyad ('Putin praised
    Russia's army'), except an investigation or a material act of its government, police or president
    on it: a domestic event ('Sudan's president lifted the curfew in Sudan'). Its people, rebels or
    opposition acting towards it make a domestic dyad."""
    if target.type != "GPE" or not target.country or target.country != source.country:
        return False
    if code[:2] not in _UNARY_ROOTS + ("09", "13"):  # its people, rebels or opposition may address it
        return source.type in ("GPE", "PERSON") or source.sector in ("GOV", "MIL", "JUD", "LEG", "COP", "SPY")
    return source.type == "GPE" and not source.sector
