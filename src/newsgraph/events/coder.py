"""The event coder: every event of a parsed article, from its verbs (codes: patterns.py) and event
nouns, between the actors who act and are acted on (parties.py), with context (negation, intent,
hypotheticals, background, reported speech), dates and places."""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import combinations

from ..actors.kb import knowledge_base
from ..actors.resolve import ActorRef, ArticleActors, _from_kb, _town_country
from ..quotemarks import sent_of
from ..records import Event, Quote
from .dates import Bound, find_date
from .lexicon import cues, lemma_fixes, noun_patterns, verb_patterns
from .parties import (
    _BORDERS,
    _DOMESTIC,
    WEAPONS,
    _about,
    _actors_of,
    _authority_of,
    _compound_pair,
    _domestic_target,
    _group_of,
    _head_sector,
    _named_within,
    _place,
    _responded_to,
    _sources,
    _state_of_word,
    _subject,
    _targets,
    _their_pair,
    _we_pair,
    stance,
)
from .patterns import (
    _BONDS,
    _GOVERNORS,
    _base_code,
    _code_of,
    _condition,
    _has_coded_complement,
    _measured,
    _symmetric,
    clear_caches,
    negated,
)

_YEAR = re.compile(r"\b(1[89]|20)\d{2}\b")


def code_events(doc, actors: ArticleActors, article_id: str, published: str | None = None,
                quotes: list[Quote] | tuple[Quote, ...] = ()) -> list[Event]:
    """Every dyadic event of a parsed article."""
    actors.quoted = [(q.start, q.end, q.speaker) for q in quotes if q.speaker_named and q.speaker]
    clear_caches()
    _fix_lemmas(doc)
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
        if not code and _judicial_transfer(tok):  # "sent the fugitive banker to Argentina to face charges"
            code, trigger = "063", tok.text
        if code and code != "-" and _a_score(tok):
            continue
        if code and code != "-":
            found = _events_for(tok, trigger, code, actors, article_id, published, quotes)
            if found and code[:2] in _GOVERNORS:  # "refused to lift sanctions" is one event, 12x
                absorbed.update(c.i for c in tok.children if c.dep_ in ("xcomp", "ccomp"))
            out += found
    clear_caches()
    return _date_by_meeting(_date_by_caption(_dedupe(out), published))


_SCORE = re.compile(r"(?<![\d.,/:-])\d{1,3}\s?[-–]\s?\d{1,3}(?![\d.,/:-])")
# verbs that tell a match's result ("Houston beat Mexico 2-1", "Leeds thrashed Hull 5-0")
_RESULT_VERBS = frozenset("beat defeat edge thrash crush rout down stun upset overcome hammer outclass topple "
                          "eliminate overpower whip trounce demolish batter".split())


def _a_score(verb) -> bool:
    """A sport result, not an assault: a result verb in a sentence that gives a score."""
    if verb.lemma_.lower() not in _RESULT_VERBS:
        return False
    return bool(_SCORE.search(sent_of(verb).text))


def _fix_lemmas(doc) -> None:
    """'staged' -> 'stag': the lemmatizer's slips on event verbs (lemmas.tsv); 'test-fired', split
    in three tokens, is the lexicon's 'test-fire'."""
    fixes, lexicon = lemma_fixes(), verb_patterns()
    for tok in doc:
        if tok.pos_ != "VERB":
            continue
        if tok.lower_ in fixes:
            tok.lemma_ = fixes[tok.lower_]
        if tok.i > 1 and doc[tok.i - 1].text == "-" and f"{doc[tok.i - 2].lower_}-{tok.lemma_.lower()}" in lexicon:
            tok.lemma_ = f"{doc[tok.i - 2].lower_}-{tok.lemma_.lower()}"


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
    joint = bool(rows) and any(g.lower_ in ("joint", "bilateral") for g in noun.children)
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


_JOINT_ROOTS = ("03", "04", "05", "06", "07")  # joint actions; joint statements are not dyads
_STATE_NOUNS = {"partnership", "alliance", "relation", "relationship", "tie", "friendship", "bond",
                "alignment", "rivalry", "dependence"}


# ------------------------------------------------------------------ context
def _negated(verb) -> bool:
    """'not', 'never' on the verb or the verb it completes, or the act denied (`patterns.negated`)."""
    return negated(verb)


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


_AHEAD = {"will", "shall", "would", "'ll", "’ll"}
_BEHIND = {"have", "has", "had", "'ve", "’ve"}
_NOW = {"is", "are", "am", "'s", "’s", "'re", "’re"}
_SCHEDULED = {"due", "set", "schedule", "expect", "plan", "intend", "aim", "prepare", "go"}


def _ahead(verb) -> bool:
    """Whether the sentence puts the event after the day it was written: 'will meet', 'would be
    launched', 'is due to vote', 'are set to meet' (not 'would have met', 'was expected to vote')."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & _BEHIND:
        return False
    if auxes & _AHEAD:
        return True
    head = verb.head if verb.dep_ == "xcomp" else None
    if head is None or head.lemma_.lower() not in _SCHEDULED:
        return False
    around = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass", "cop")}
    if head.dep_ == "acomp":  # 'is due to': the verb 'be' heads the adjective
        around.add(head.head.lower_)
    return bool(around & (_NOW | _AHEAD)) and not around & _BEHIND


_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis", "conj"})


def _own_act(quote, verb) -> bool:
    """Whether `verb` is the speech act a reported quote opens with ('called for the repeal of ...',
    quotes._act_quote): the speaker's own act, not one they speak of."""
    return quote.kind != "direct" and quote.start == verb.idx and quote.cue == verb.lemma_.lower()


def _dates_own(verb, sent) -> tuple[bool, bool]:
    """Whether the sentence's date words are the verb's own ('will meet on Tuesday'), not another
    verb's ('On Wednesday she said she would resign': the day she said it; 'Lavrov, who arrived on
    Tuesday, will meet ...': the day he arrived); and whether they date something else, past, rather
    than a participle inside the event's own phrase the parser hung them on ('will hold the first
    meeting of the commission created by the accord on March 17')."""
    _, _, words = find_date(sent.text, None)
    if not words:
        return False, False
    at = sent.start_char + sent.text.find(words)
    span = verb.doc.char_span(at, at + len(words), alignment_mode="expand")
    tok = span.root if span is not None and len(span) else None
    while tok is not None and tok.i != verb.i:
        if tok.dep_ in _CLAUSES or tok.head.i == tok.i:
            holder = tok if tok.pos_ in ("VERB", "AUX") else tok.head
            while holder.pos_ not in ("VERB", "AUX") and holder.head.i != holder.i:
                holder = holder.head
            # a participle inside the event's own phrase ('the commission created by the accord on
            # March 17') is a misread attachment; one outside it ('Speaking on Tuesday, he said he
            # would ...', 'in a statement released on Wednesday') dates the saying
            inside = verb.is_ancestor(holder) and holder.tag_ in ("VBN", "VBG")
            return False, not inside or _told_past(holder)
        tok = tok.head
    return tok is not None, False


def _told_past(verb) -> bool:
    """Whether the verb tells its event as past ('attacked', 'had agreed', 'was killed')."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VBD" or bool(auxes & {"had", "was", "were", "did", "has", "have"})


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


_REGIONAL = {"western", "eastern", "northern", "southern", "arab", "african", "european", "asian", "latin",
             "nordic", "scandinavian", "baltic", "balkan", "gulf", "pacific", "atlantic", "foreign", "international"}


def _foreign_word(noun) -> bool:
    """Whether a group noun is placed by an adjective that names a region or outsiders, not a state
    ('Western media', 'Arab fighters', 'foreign journalists'): the group is someone's, just not the
    state acted on ('Kurdish rebels' in Turkey are Turkey's)."""
    return any(c.dep_ == "amod" and c.lower_ in _REGIONAL and knowledge_base().country_of(c.text) is None
               or c.dep_ in ("amod", "compound") and stance(c) and knowledge_base().country_of(c.text) is not None
               for c in noun.children)  # "anti-American protesters" (not "anti-government protesters")


_GROUP_HEADS = frozenset({"group", "militant", "rebel", "insurgent", "fighter", "gunman", "militia", "faction"})
_ARMED = ("REB", "INS", "UAF")


def _named_group_before(noun, actors: ArticleActors) -> ActorRef | None:
    """'… war against Hamas after the militant group launched an attack on Israel': a definite
    armed-group noun is the armed group named last before it, in its sentence or the one before,
    not rebels of the state acted on."""
    if noun is None or noun.lemma_.lower() not in _GROUP_HEADS or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in noun.children):
        return None
    sent = sent_of(noun)
    start = sent_of(noun.doc[sent.start - 1]).start if sent.start > 0 else sent.start
    for i in range(noun.i - 1, start - 1, -1):
        actor = actors.at(i)
        if actor is not None and ((actor.code or "")[3:6] in _ARMED or actor.sector in _ARMED):
            return actor
    return None


# ------------------------------------------------------------------ events
def _events_for(verb, trigger: str, code: str, actors: ArticleActors, article_id: str,
                published: str | None, quotes) -> list[Event]:
    sources = _sources(verb, actors)
    if not sources and code[:2] == "15" and not any(c.dep_ == "agent" for c in verb.children):
        # "security forces were placed on maximum alert": those put on alert show the force
        sources = [x for c in verb.children if c.dep_ == "nsubjpass" for x in _actors_of(c, actors, loose=True)]
    if not sources and (code[:3] in ("063", "084") or code[:2] == "07") and any(
            c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        # "Fujimori was extradited from Chile to Peru": the state it came from gave it
        sources = [x for p in verb.children if p.dep_ == "prep" and p.lower_ == "from" for g in p.children
                   if g.dep_ == "pobj" for x in _actors_of(g, actors) if x[0].type == "GPE" and x[0].country]
    subject = None if sources else _subject(verb)
    if not sources and (subject is None or subject.lemma_.lower() in WEAPONS):
        sources = _unknown_attackers(verb, code, actors)  # "a journalist was killed in Beirut"
        if not sources:
            return []
    targets = _targets_for(verb, code, sources, actors)
    if not sources:  # "Rebels ambushed a convoy of Ugandan soldiers": the rebels of the state acted on
        if _foreign_word(subject):  # "Western media", "Arab fighters": theirs, not the state acted on
            return []
        acted_on = next((t.country for t, _ in targets if t.country), None)
        # authorities no words place act in a state the text names as a place, not the state of the
        # people they act on ('police arrested a British tourist in Bali' is no British police)
        where_name, where_state = _place(verb, actors, where_only=True)
        place = next((t.country for t, i in targets if t.country and (t.type == "GPE" and (
                      verb.doc[i].ent_type_ in ("GPE", "LOC", "FAC") or verb.doc[i].lemma_.lower() in _PLACE_NOUNS)
                      or not _of_nationality(verb.doc[i]))), None) or (where_state.country if where_state else None)
        if place is None and where_name is None:  # no place said: the people acted on are most likely its own
            place = acted_on
        group = _named_group_before(subject, actors) or _group_of(subject, _own_state_word(subject)) or _group_of(
            subject, acted_on) or (_authority_of(subject, place) if code[:2] in ("08", "09", "17") else None)
        if group is None:
            return []
        sources = [(group, subject.i)]
    if len(sources) == 1:  # "accepted demands from Shona rebels": rebels of no known state are domestic
        iso = sources[0][0].country
        targets = [(_of_state(t, verb.doc[i], iso, code[:2] in ("18", "19", "20")), i) for t, i in targets]
        if all(t.type == "GPE" and t.country == iso for t, _ in targets):
            # none, or only the actor's own state as the place: 'signed a peace agreement with leftist
            # guerrillas in Guatemala City' is with the guerrillas
            targets = _domestic_target(verb, iso, sources[0][0].sector in _POLITICAL and code[:2] in _VERBAL) or targets
    if len(sources) > 1 and code[:2] in _JOINT_ROOTS:  # 'A and B signed an accord at Nansen Hall': a
        # place no state is known of is where the two acted together, not whom they acted on
        targets = [(t, i) for t, i in targets if t.country or t.code or t.type not in ("LOC", "FAC", "GPE")]
    if not targets and len(sources) == 1 and code[:2] in ("04", "05", "06"):
        sources = _we_pair(verb, sources, actors)
    # "Thousands of Nigerians converged for a rally in Lagos": a people acting within its own state,
    # not the state acting on itself
    if code[:2] == "14":
        sources = [(_as_people(s, verb.doc[i]) if any(t.type == "GPE" and t.country == s.country for t, _ in targets)
                    else s, i) for s, i in sources]
    code = _code_by_actors(code, verb, sources, targets)
    names = {a.name for a, _ in sources}
    if not targets and (code[:2] in ("11", "12", "03") or code[:3] in ("012", "013", "051")):
        targets = _about(verb, actors, {i for _, i in sources}, names)
    if len(sources) > 1 and all(t.name in names for t, _ in targets):
        targets = []  # "Russia and China deepened their cooperation": a joint action
    pairs = _pairs(verb, code, sources, targets, actors)
    if pairs and code[:2] in ("03", "12") and _unary(verb, code) and \
            all(t is not None and _same_state(s, t, code) for s, t, _ in pairs) and \
            not _other_state_named(verb, {s.country for s, _, _ in pairs}, actors):
        # "Kostunica promised to democratize Serbia", "reneged on his commitment to the Zambian
        # people": a promise or a refusal about one's own state is no dyad, but it stands alone
        # (not where another state is named: "rejected a Ugandan proposal for Kenya" is at Uganda)
        pairs = list({(s.name, None, False): (s, None, False) for s, _, _ in pairs}.values())
    return _build(verb, trigger, code, pairs, actors, article_id, published, quotes)


def _of_state(target: ActorRef, tok, iso: str | None, violent: bool = False) -> ActorRef:
    """A target of no state acted on by an actor of state `iso`: rebels of no known state are that state's
    ('accepted demands from Shona rebels'), and so is a person attacked who is known only by an office
    held at home ('rebels kidnapped presidential candidate Ingrid Betancourt': PTY, no state), not a
    journalist or an opposition leader a foreign state speaks of."""
    if target.country or (target.code and target.code != target.sector):
        return target
    if target.type == "PERSON" and target.sector in _OFFICE and violent and iso in knowledge_base().countries:
        return replace(target, country=iso, code=knowledge_base().code(iso, target.sector))
    return (_group_of(tok, iso) if not target.code else None) or target


_OFFICE = frozenset({"PTY", "OPP", "GOV", "LEG", "JUD"})  # roles held at home: a candidate, a minister


def _other_state_named(verb, states: set, actors: ArticleActors) -> bool:
    """Whether the verb's sentence names an actor, or a nationality, of a state other than `states`."""
    kb = knowledge_base()
    for tok in sent_of(verb):
        actor = actors.at(tok.i)
        iso = actor.country if actor is not None else kb.country_of(tok.text)
        if iso and iso not in states:
            return True
    return False


def _unknown_attackers(verb, code: str, actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    """'A journalist was killed in a car bomb explosion in Beirut', 'a roadside bomb killed two soldiers
    in Basra': violence by no one named is coded, as the gold standard codes it, as from the state where
    it happens."""
    if code[:2] not in ("18", "19", "20"):
        return []
    where = _place(verb, actors)[1]
    if (where is None or not where.country) and verb.dep_ in ("advcl", "conj") and verb.tag_ == "VBG":
        where = _place(verb.head, actors)[1]  # 'a truck bomb ripped through the embassy in Nairobi, killing ...'
    if where is None or not where.country:
        where = _town_named_within(verb, actors)
    if where is None or not where.country:
        return []
    return [(ActorRef(f"unidentified attackers in {where.name}", "NORP", where.country, where.code), verb.i)]


_WHERE_PREPS = ("in", "at", "outside", "near", "inside")
_ABROAD = frozenset(_BORDERS | {"embassy", "consulate", "mission"})  # nouns whose nationality is another state's


def _town_named_within(verb, actors: ArticleActors, preps: tuple[str, ...] = _WHERE_PREPS,
                       victims: bool = False) -> ActorRef | None:
    """A town or state of the known world named inside the phrase that says where an attack was ('in the
    lift of her Moscow apartment building'), when no place stands at its head: the phrase's nouns, their
    'of', 'in' and 'at' phrases and the words before them, not a clause or participle hung on them ('an
    attack claimed by a group based in Syria'). `victims`: the state of the people attacked is sought,
    so a nationality word counts ('the Nigerian town of Chibok') and so does what an attack was on ('an
    attack on the Indian consulate'); for where attackers are, neither does."""
    for p in verb.children:
        if p.dep_ != "prep" or p.lower_ not in preps:
            continue
        nouns = [g for g in p.children if g.dep_ == "pobj"]
        while nouns:
            g = nouns.pop(0)
            mods = ("compound", "poss", "amod") if victims and g.lemma_.lower() not in _ABROAD else ("compound", "poss")
            for t in [*(c for c in g.children if c.dep_ in mods and c.i < g.i), g]:
                a = actors.at(t.i) if t.dep_ != "amod" else _state_of_word(t, actors)  # "the Nigerian town of X"
                if a is not None and a.type == "GPE" and a.kb and a.country:
                    return a
            nouns += [o for q in g.children if q.dep_ == "prep" and q.lower_ in (("of", "in", "at", "on") if victims
                                                                                 else ("of", "in", "at"))
                      for o in q.children if o.dep_ == "pobj"]
    return None


_RECIPROCAL = frozenset("fight clash battle skirmish trade exchange spar".split())


def _opponent_named(verb, actors: ArticleActors) -> bool:
    """'fought insurgents in Fallujah', 'clashed with protesters': a third side, named or described."""
    objs = [o for o in verb.children if o.dep_ == "dobj"] + [
        g for p in verb.children if p.dep_ == "prep" and p.lower_ in ("with", "against") for g in p.children
        if g.dep_ == "pobj"]
    return any(actors.at(o.i) is not None or _head_sector(o) is not None for o in objs)


def _pairs(verb, code: str, sources, targets, actors: ArticleActors) -> list[tuple[ActorRef, ActorRef | None, bool]]:
    """(source, target, symmetric) of each event: a joint act of several sources, one act per source
    and target, or an act with no one acted on (its place, or the actor's own state, as target)."""
    if not targets and len(sources) > 1 and code[:2] in ("19", "20") and verb.lemma_.lower() in _RECIPROCAL \
            and not _opponent_named(verb, actors):
        # "Indian and Pakistani troops traded fire", "Somali troops and al-Shabaab fighters clashed":
        # each other's opponents, not a joint act on a third
        pairs = [(a, b, True) for (a, _), (b, _) in combinations(sources, 2) if a.country != b.country
                 or (a.sector in _DOMESTIC) != (b.sector in _DOMESTIC)]
        if pairs:
            return pairs
    if not targets and len(sources) > 1 and code[:2] in _JOINT_ROOTS:  # "Russia and China held drills"
        return [(a, b, True) for (a, _), (b, _) in combinations(sources, 2)  # "the government and the rebels"
                if a.country != b.country or not a.country or (a.sector in _DOMESTIC) != (b.sector in _DOMESTIC)]
    sym = code[:2] in _JOINT_ROOTS and _symmetric(verb)  # "A and B criticized C": two one-way acts
    pairs = [(s, t, sym) for s, _ in sources for t, _ in targets if s.name != t.name]
    # "Moscow denied the report": no one is acted on; nor is the actor itself where its capital names
    # the place ("Chilean authorities lifted the curfew in Santiago")
    if not pairs and _unary(verb, code) and all(t.name in {s.name for s, _ in sources} for t, _ in targets):
        where = _place(verb, actors)[1] if code[:2] not in ("01", "02") else None
        where = where if where is not None and where.country else None  # a town the KB does not know
        people = [(_as_people(s, verb.doc[i]), i) for s, i in sources]
        pairs = [(s, where or _own_state(s, code), False) for s, _ in people if s.code or s.country]
    return pairs


def _code_by_actors(code: str, verb, sources, targets) -> str:
    """Codes that depend on who acts on whom (README: actor rules)."""
    if code[:3] == "141" and targets and all((s.type == "GPE" and verb.doc[i].ent_type_ != "NORP")
                                             or s.sector == "GOV" for s, i in sources) \
            and all(t.type == "GPE" for t, _ in targets):
        return "114"  # "Greece protested to Turkey": a state's protest is an official complaint
    if code[:3] == "171" and all(s.sector == "OPP" for s, _ in sources):
        return "145"  # "rioters burned cars": protesters destroying property riot
    if code == "174" and any((t.code or "").startswith(("IGO", "NGO")) for t, _ in targets):
        return "166"  # "forced the UN refugee agency out": an organisation expelled
    if code == "190" and verb.lemma_.lower() in ("raid", "storm") and all(s.sector == "COP" for s, _ in sources):
        return "173"  # "police raided the offices": a police raid is an arrest or search
    if code == "145" and verb.lemma_.lower() == "storm" and sources:  # protesters storm; police and troops raid
        if all(s.sector == "COP" for s, _ in sources):
            return "173"  # "riot police stormed polling stations"
        if all(s.sector in ("MIL", "REB", "INS", "UAF") for s, _ in sources):
            return "190"  # "troops stormed the compound"
    if code in ("190", "193") and not any(_armed(s) for s, _ in sources):
        return _ASSAULT.get(verb.lemma_.lower(), "180")  # "militiamen attacked the camp": an assault
    if code[:2] == "15" and any(t.lower_.startswith("peacekeep") for c in verb.children
                                if c.dep_ in ("advcl", "xcomp", "prep") for t in c.subtree):
        return "074"  # "dispatched 800 soldiers to Liberia to reinforce the peacekeeping force": peacekeepers
    if code in ("173", "1711") and verb.lemma_.lower() in ("capture", "seize") and any(
            t.type == "GPE" and verb.doc[i].pos_ == "PROPN" and verb.doc[i].dep_ in ("dobj", "nsubjpass")
            and verb.doc[i].head.i == verb.i for t, i in targets):
        return "192"  # "M23 rebels captured Goma": a town taken, not a person or a ship
    if code[:3] in ("084", "042", "043", "070", "174") and _judicial_transfer(verb):
        return "063"  # "handed over a suspected ETA commander to Madrid", "sent Bout to the US to stand trial"
    return code


_POLITICAL = frozenset({"REB", "OPP", "INS", "PTY"})  # groups within a state that take on its government
_VERBAL = frozenset(f"{k:02d}" for k in range(1, 14))  # statements to threats: no force used


_TRANSFERS = frozenset("hand turn transfer send fly deliver surrender return repatriate".split())
_ACCUSED = frozenset("suspected alleged accused wanted indicted fugitive".split())
_TRIAL = frozenset("trial charge charges prosecution justice".split())
# people wanted for crimes: a 'suspected' one of these is a suspect ('a suspected ETA commander'), a
# suspected spy or migrant is not
_CRIMINALS = frozenset("suspect fugitive defendant kingpin trafficker smuggler militant terrorist bomber killer "
                       "murderer gunman hijacker financier dealer lord warlord commander leader member".split())
_CRIMES = frozenset("drug drugs cocaine heroin war_crimes genocide terror terrorism".split())
_WANTED = frozenset({"suspect", "fugitive", "defendant"})  # wanted whatever the words before them


def _judicial_transfer(verb) -> bool:
    """A person handed to another state or a court as one wanted for a crime ('a suspected ETA
    commander', 'drug lord Joaquin Guzman', 'a fugitive'), or sent there to face trial or charges:
    judicial cooperation, not a release."""
    if verb.lemma_.lower() not in _TRANSFERS:
        return False
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]

    def wanted(o) -> bool:
        mods = [m for m in o.children if m.dep_ in ("amod", "compound") and m.i < o.i]
        mods += [m for c in mods if c.dep_ == "compound" for m in c.children if m.dep_ in ("amod", "compound")]
        criminal = o.lemma_.lower() in _CRIMINALS or any(  # 'drug lord X' (not 'suspected', lemma 'suspect')
            m.dep_ == "compound" and m.pos_ in ("NOUN", "PROPN") and m.lemma_.lower() in _CRIMINALS for m in mods)
        return o.lemma_.lower() in _WANTED or criminal and any(
            m.lower_ in _ACCUSED or m.lower_ in _CRIMES for m in mods)
    accused = any(wanted(o) for o in objs)
    purpose = any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in ("face", "stand") and any(
        g.lemma_.lower() in _TRIAL for g in c.subtree) for c in verb.children)
    return bool(objs) and (accused or purpose)


def _as_people(actor: ActorRef, tok) -> ActorRef:
    """'Young Algerians blocked roads': a people named by its demonym, not the state itself."""
    if actor.type == "GPE" and tok.ent_type_ == "NORP" and tok.lower_ != actor.name.lower():
        return ActorRef(tok.text, "NORP", actor.country, actor.code)
    return actor


_ADMIN_MEASURES = ("081", "132", "172")  # administrative measures eased, threatened or imposed: curfews, bans


def _own_state(source: ActorRef, code: str) -> ActorRef | None:
    """A protest by a state's people ('Young Algerians', 'students'), its police's coercion or force, or
    a threat of curfew or martial law, that names no one acted on and no place is domestic: aimed at, or
    done within, their own state."""
    kb = knowledge_base()
    measure = code[:3] in _ADMIN_MEASURES  # a curfew or martial law is imposed on one's own state, whoever imposes it
    domestic = code[:2] in ("14", "17") or measure or (source.sector == "COP" and code[:2] in _UNARY_ROOTS) \
        or (code[:2] == "10" and source.sector in _DOMESTIC)  # protesters demanding a resignation
    if not domestic or (source.type == "GPE" and not measure) or source.country not in kb.countries:
        return None  # police act at home: "police opened fire" is within their state
    state = kb.countries[source.country]
    return ActorRef(state.name, "GPE", state.country, state.code, kb=True)


_ASSAULT = {"kill": "1823", "murder": "1823", "slay": "1823", "bomb": "183"}


def _of_nationality(tok) -> bool:
    """Whether a nationality word before a noun says whose people it names ('a British tourist',
    'Afghan migrants', 'the Australian writer Yang Hengjun'): their state, not that of whoever acts
    on them."""
    return _own_state_word(tok, deep=True) is not None


_PLACE_NOUNS = frozenset("town city village capital region province district area border territory enclave "
                         "port island".split())


def _own_state_word(tok, deep: bool = False) -> str | None:
    """The state a nationality word before a noun names ('the Chilean union', 'South Korean
    students'); `deep`: also one inside its modifiers ('the Australian writer Yang Hengjun')."""
    kb = knowledge_base()
    words = [c for c in (tok.subtree if deep else tok.children) if c.dep_ in ("amod", "compound") and c.i < tok.i]
    return next((kb.country_of(c.text) for c in words if kb.country_of(c.text)), None)


def _armed(actor: ActorRef) -> bool:
    """A state or its armed forces, police or intelligence: their use of force is military (19x);
    rebels', militias', gunmen's or anyone else's is an assault (18x)."""
    return actor.sector in ("MIL", "COP", "SPY") or (actor.type == "GPE" and not actor.sector) \
        or (actor.code or "").startswith("IGO")


def _targets_for(verb, code: str, sources, actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    """Who the event is aimed at: its object or prepositional object, the addressee of a demand, the
    target of the act a verb governs, the author of what it responds to, the state of a visited or aided
    place, the subject of a threat's condition."""
    skip = {i for _, i in sources}
    if code[:3] in ("063", "084") or code[:2] == "07":  # "handed Hong Kong back to China": China
        recipients = _recipients(verb, actors, skip)
        if recipients:
            return recipients
    targets = (_complained_of(verb, actors) if code[:2] == "11" else []) or (
        _investigated(verb, actors, skip) if code[:2] == "09" else []) or _targets(verb, actors, skip)
    if not targets and code[:2] in ("02", "10"):  # "demanded that the US cancel ...": the US
        targets = [t for c in verb.children if c.dep_ == "ccomp" for t in _sources(c, actors)]
    for c in verb.children:  # "threatened to cut ties with X": the target is the governed event's
        if not targets and c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            targets = _targets(c, actors, skip)
    targets = targets or _responded_to(verb, actors)
    if not targets and verb.dep_ == "conj" and verb.head.pos_ == "VERB":  # "urged Iran to ... and demanded X"
        targets = _targets(verb.head, actors, skip)
    if not targets and code[:2] in ("18", "19", "20"):  # "two soldiers were killed": whoever did it, them
        targets = [t for c in verb.children if c.dep_ == "nsubjpass" for t in _actors_of(c, actors, loose=True)]
    if not targets and len(sources) == 1 and code[:2] in ("18", "19", "20"):  # people of no state attacked, by
        # a known actor, where it happened: "killed 148 people in an assault on a college in eastern Kenya",
        # "abducted schoolgirls from a town in Nigeria"
        acted_on = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if not any(_head_sector(o) in _DOMESTIC for o in acted_on):  # "killed 20 rebels": the rebels' own state
            targets = _where_state(verb, actors, victims=True)
    if not targets and (code[:3] in ("042", "043") or code[:2] == "07"):  # "arrived in Cairo", aid in Chad
        targets = _where_state(verb, actors)
    if not targets and code[:2] in ("08", "16"):  # "lifted the sanctions it imposed on India": India
        objects = [o for o in verb.children if o.dep_ == "dobj"] + _measured(verb)  # "most of the sanctions"
        targets = [t for x in objects for c in x.children if c.dep_ in ("relcl", "acl")
                   for t in _targets(c, actors, skip)]
    if code[:2] == "15" and not any(t.country or len(t.code or "") > 3 for t, _ in targets):
        # "massed troops along the border with Ukraine": Ukraine; "ordered a carrier to the Gulf in a
        # show of force aimed at Iran": Iran, not the Gulf
        targets = _faced(verb, actors, {s.country for s, _ in sources}) or targets
    if not targets and code[:2] == "13":  # "threatened to stop talks if the US goes ahead": the US
        clause = _condition(verb, ("if", "unless")) or next(
            (_condition(c, ("if", "unless")) for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
        targets = _sources(clause, actors) if clause is not None else []
    return targets


def _where_state(verb, actors: ArticleActors, victims: bool = False) -> list[tuple[ActorRef, int]]:
    """The state where an act happened, as a target: its place's state; for people attacked (`victims`)
    also a known town or nationality word inside the phrase of where, from or on what."""
    where = _place(verb, actors, where_only=True)[1]
    if (where is None or not where.country) and victims:
        where = _town_named_within(verb, actors, _WHERE_PREPS + ("from", "on"), victims=True)
    return [(where, verb.i)] if where is not None and where.country else []


def _recipients(verb, actors: ArticleActors, skip: set[int]) -> list[tuple[ActorRef, int]]:
    """Whom something is handed, returned or sent to: the actors of the verb's 'to' ('to Madrid', 'to
    French authorities', 'to the custody of the tribunal')."""
    out: list[tuple[ActorRef, int]] = []
    back = [c for c in verb.children if c.dep_ in ("advmod", "prt") and c.lower_ in ("back", "over")]
    for p in [*verb.children, *(p for b in back for p in b.children)]:  # 'handed it back to China'
        if p.dep_ not in ("prep", "dative") or p.lower_ != "to":
            continue
        for g in p.children:
            if g.dep_ != "pobj":
                continue
            found = _actors_of(g, actors) or [x for q in g.children if q.dep_ == "prep" and q.lower_ == "of"
                                               for h in q.children if h.dep_ == "pobj" for x in _actors_of(h, actors)]
            out += [(a, i) for a, i in found if i not in skip and all(a.name != b.name for b, _ in out)]
    return out


def _investigated(verb, actors: ArticleActors, skip: set[int]) -> list[tuple[ActorRef, int]]:
    """Whom an inquiry is into: who did what it looks into ('an investigation into atrocities
    committed by Serbian police', 'look into reports of killings by Indonesian troops'), or whose
    deeds they are ('into the administration's arms sales')."""
    holders = [verb] + [o for o in verb.children if o.dep_ == "dobj"] + [
        x for c in verb.children if c.dep_ in ("xcomp", "advcl") for x in (c, *(o for o in c.children
                                                                              if o.dep_ == "dobj"))]
    preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("into", "of")]
    for p in preps:
        for t in p.subtree:
            if t.i in skip:
                continue
            by = t.dep_ == "pobj" and t.head.lower_ == "by" or t.dep_ == "poss"
            found = _actors_of(t, actors, loose=True) if by else []
            found = [(a, i) for a, i in found if a.code or a.country]
            if found:
                return found
    for p in (p for p in preps if p.lower_ == "into"):  # else the state its words name: 'into torture at
        for t in p.subtree:  # Russian-run camps', 'into killings in Londonderry', 'into Sri Lanka's war'
            a = actors.at(t.i)
            a = a if a is not None and a.type == "GPE" and a.country else (
                _state_of_word(t, actors) if t.dep_ in ("amod", "compound", "npadvmod") else None)
            if a is not None and t.i not in skip:
                return [(a, t.i)]
    return []


_FACING = ("near", "along", "off", "around", "on", "at", "toward", "towards", "opposite", "into")


def _faced(verb, actors: ArticleActors, own: set[str | None]) -> list[tuple[ActorRef, int]]:
    """Whom a show of force faces: another state it is staged near, off, around, toward or along the
    border with, anywhere in the act's own phrase ('drills near Taiwan', 'troops and tanks along its
    border with Kuwait', 'stepped up operations near Taiwan, conducting war games', 'moved divisions
    toward Kuwait'), or that it is aimed at or in tension with ('a show of force aimed at Iran', 'amid
    tension with Armenia'), as CAMEO codes an exercise at a neighbour's door as aimed at it. Not the
    source's own state, not a sea or a region with no state."""
    kb = knowledge_base()
    roots = [verb] + ([verb.head] if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX")
                      else [])
    preps = [p for r in roots for p in _own_phrase(r) if p.dep_ == "prep" and (
        p.lower_ in _FACING or (p.lower_ == "at" and p.head.lemma_.lower() in _AIMED)
        or (p.lower_ == "with" and p.head.lemma_.lower() in _TENSIONS
            and not any(c.dep_ == "poss" for c in p.head.children)))]  # not "amid Iran's tension with the US"
    border_with = [o for r in roots for w in r.children if w.dep_ == "prep" and w.lower_ == "with"
                   for o in w.children if o.dep_ == "pobj"]  # "massed troops along its border with X"
    for p in preps:
        for g in (g for g in p.children if g.dep_ == "pobj"):
            if g.lemma_.lower() in _BORDERS:  # "the border with X", "the Chinese border", "Ukraine's borders"
                g = next((o for w in g.children if w.dep_ == "prep" and w.lower_ == "with"
                          for o in w.children if o.dep_ == "pobj"), None) or next(
                    (m for m in g.children if m.dep_ in ("amod", "compound", "poss")), None) or next(
                    iter(border_with), g)
            else:
                g = _named_within(g, actors) if g.pos_ == "NOUN" else g
            a = actors.at(g.i)
            iso = kb.country_of(g.text) if a is None else None
            if iso in kb.countries:  # a nationality word: "along the Chinese border"
                a = _from_kb(kb.countries[iso])
            if a is not None and a.type == "GPE" and a.country and a.country not in own:
                return [(a, g.i)]
    return []


_AIMED = frozenset("aim direct target".split())
_TENSIONS = frozenset("tension tensions standoff stand-off dispute row confrontation conflict".split())
_OWN_PHRASE_STOPS = frozenset({"relcl", "ccomp", "csubj", "parataxis", "advcl"})


def _own_phrase(verb) -> list:
    """The words of a verb's own phrase: its subtree without the clauses of other verbs that hang on
    it (a relative clause, a reported clause, a clause of time or reason), appositions ('Yonaguni, an
    island near Taiwan') and participles ('troops stationed along the border'), but 'aimed at'."""
    def keep(c) -> bool:
        return c.dep_ not in _OWN_PHRASE_STOPS and c.dep_ != "appos" and (
            c.dep_ != "acl" or c.lemma_.lower() in _AIMED)

    out, stack = [], [c for c in verb.children if keep(c)]
    while stack:
        t = stack.pop()
        out.append(t)
        stack += [c for c in t.children if keep(c)]
    return out


def _complained_of(verb, actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    """'complained to the UN over Israeli air raids': a complaint is aimed at whom it is about."""
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ in ("over", "about", "against"):
            found = [x for g in p.children if g.dep_ == "pobj" for x in _actors_of(g, actors, loose=True)]
            if found:
                return found
    return []


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
    if code[:2] in _UNARY_ROOTS or code[:2] in ("09", "10", "12"):  # "the opposition rejected the results"
        return True
    if code[:2] == "03" and any(c.dep_ == "xcomp" for c in verb.children):
        return True  # "vowed to respect the ruling": an intent, whoever it concerns
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
    own, others_past = _dates_own(verb, sent)
    date, precision, date_text = find_date(sent.text, published, _ahead(verb) and not others_past,
                                           _told_past(verb) and own)
    place, where = _place(verb, actors, where_only=True)
    country = where.country if where is not None else None
    base = dict(article_id=article_id, event_code=code, start=sent.start_char, end=sent.end_char,
                sentence=sent.text.strip(), trigger=trigger, date=date, date_precision=precision,
                date_text=date_text, negated=_negated(verb), modality=_modality(verb),
                background=_background(sent.text, date, published), location=place, country=country,
                quote_id=next((f"{q.article_id}:{q.start}-{q.end}" for q in quotes
                               if q.covers(verb.idx) and not _own_act(q, verb)), None))
    return [Event(source=s.name, source_code=s.code or s.country, target=t.name if t else None,
                  target_code=(t.code or t.country) if t else None, symmetric=sym, **base)
            for s, t, sym in ((s, _coded_target(s, t, code, where, verb), sym) for s, t, sym in pairs
                              if t is None or not _same_state(s, t, code))]


def _coded_target(source: ActorRef, target: ActorRef | None, code: str, where: ActorRef | None, verb):
    """The target as coded: a town the recogniser took for a person or body ('the port of Calais') is
    its state's; no one named, a place of no state, or a person or body the knowledge base does not
    place ('Russian police detained Alexei Navalny in Moscow') falls on a state (`_acted_on_state`),
    else stays as named."""
    if target is not None and (target.code or target.country):
        return target
    if target is not None and target.type in ("PERSON", "ORG"):
        town = _town_country(target.name)
        state = knowledge_base().countries.get(town) if town else None
        if state is not None and code[:2] in _ON_THE_PLACE:
            return _from_kb(state)
    return _acted_on_state(source, code, where, verb) or target


# material acts the text names no one acted on for: a concession, an inquiry, a protest, coercion, an
# assault or fighting falls on the state where it happens ('suicide bombers killed 23 people in Tel Aviv':
# Israel), or, for a political concession (080-083), an inquiry, a protest or coercion at no place named, on the
# actor's own state ('the president stepped down', 'police arrested dozens'), as PLOVER's coders
# code them; a release or a de-escalation (084-087: 'the army lifted the siege') is someone else's
_ON_THE_PLACE = ("08", "09", "14", "17", "18", "19", "20")
_ON_ITS_OWN = ("080", "081", "082", "083", "09", "14", "17")


def _acted_on_state(source: ActorRef, code: str, where: ActorRef | None, verb) -> ActorRef | None:
    if code[:2] not in _ON_THE_PLACE:
        return None
    if where is not None and where.country:
        state = knowledge_base().countries.get(where.country)
        return _from_kb(state) if state is not None else None
    iso = source.country or (source.code or "")[:3]
    # coercion of a thing ('seized a tanker in the Gulf') need not be at home
    things = code[:2] == "17" and any(o.dep_ == "dobj" and not _people_word(o) for o in verb.children)
    if code.startswith(_ON_ITS_OWN) and iso and not things and not (source.type == "GPE" and not source.sector):
        state = knowledge_base().countries.get(iso)
        return _from_kb(state) if state is not None else None
    return None


_PEOPLE_COUNTS = frozenset("dozens hundreds thousands scores people persons dozen hundred thousand".split())


def _people_word(tok) -> bool:
    """'arrested dozens', 'detained 40 people', 'dispersed the crowd': people, not a thing seized."""
    return tok.lower_ in _PEOPLE_COUNTS or tok.pos_ in ("NUM", "PRON") or _head_sector(tok) is not None


def _same_state(source: ActorRef, target: ActorRef, code: str) -> bool:
    """An act of a state, or of its officials, towards that same state is no dyad ('Putin praised
    Russia's army'), except an investigation or a material act of its government, police or president
    on it: a domestic event ('Sudan's president lifted the curfew in Sudan'). Its people, rebels or
    opposition acting towards it make a domestic dyad."""
    if target.type != "GPE" or not target.country or target.country != source.country or code[:3] in _ADMIN_MEASURES:
        return False
    if code[:2] not in _UNARY_ROOTS + ("09", "13"):  # its people, rebels or opposition may address it
        # its officials are the state; a person of no office (a writer, a dissident) may address it
        return source.type == "GPE" or source.sector in ("GOV", "MIL", "JUD", "LEG", "COP", "SPY")
    return source.type == "GPE" and not source.sector
