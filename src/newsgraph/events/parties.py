"""Who acts on whom: an event's sources and targets among the article's actors, groups named by a
nationality or a sector ('Sudanese rebels', 'police in Harare'), pairs ('both sides'), and the place
where the event happens."""
from __future__ import annotations

from ..actors.kb import knowledge_base
from ..actors.resolve import ActorRef, ArticleActors
from ..data import word_set
from ..quotemarks import sent_of
from ..speakers import antecedent
from .lexicon import noun_patterns
from .patterns import _INTENT_NOUNS, _code_of, _objects

_TARGET_PREPS = ("with", "against", "on", "to", "at", "toward", "towards", "for", "from", "of", "into", "between")


_PLACE_PREPS = ("in", "at", "near", "over", "off", "through", "across", "throughout", "outside", "inside")
_BEARINGS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
             "north-west", "south-east", "south-west"}
_BORDERS = {"border", "frontier", "boundary"}  # "north of (near) the Nigerian border": which side is not said
# a place noun's own phrases that say where it is (not what it is about: "a protest over Gaza in London")
_WITHIN_PREPS = ("of", "in", "near", "outside", "across", "throughout", "inside", "around", "off")
# ...nor what an act or a gathering is for or against: "a protest against the war in Ukraine in Berlin"
_TOPIC_PREPS = frozenset({"over", "against", "about", "for", "on"})
_TOPIC_NOUNS = frozenset({"support", "solidarity", "memory", "honour", "honor", "favour", "favor", "defence",
                          "defense", "response", "protest"})
# verbs of entering a place: what their conjunct does there, it does where they went in ("burst into a hotel
# in Nairobi and took hostages"; not "rented cars in Belgium and attacked a hall")
_ENTERING = {"burst", "storm", "enter", "break", "barge", "force", "rush", "charge", "raid", "sneak", "crash", "ram",
             "plough", "plow", "walk", "drive"}


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


def _actor_at(tok, actors: ArticleActors, loose: bool = False) -> ActorRef | None:
    if tok.lower_ in ("we", "our", "us") and tok.pos_ == "PRON":  # not "US", the United States
        state = _speakers_state(tok, actors)
        if state is not None:
            return state
    if tok.lower_ in ("he", "she", "they", "it", "we", "i"):
        return antecedent(tok, actors) or _reporter(tok, actors)
    found = actors.at(tok.i)
    if found is not None:
        return found
    named = next((actors.at(c.i) for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                  and actors.at(c.i) is not None and actors.at(c.i).type == "PERSON"
                  and actors.at(c.i).country), None)
    if named is not None:  # "his Irish counterpart, Albert Reynolds": the one named, when coded
        return named
    # "the Russian defense ministry", "Chinese officials"; not "Riot" taken for a name; of two, one the
    # knowledge base codes ("Osama bin Laden's al-Qaeda network": al-Qaeda's)
    owners = [actors.at(c.i) for c in tok.children if c.dep_ in ("compound", "amod", "poss", "nmod") and not stance(c)]
    if tok.lemma_.lower() in _OWNED_HEADS:  # "his government": the state of whom the pronoun names
        owners += [antecedent(c, actors) for c in tok.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVES]
    owners = sorted((o for o in owners if o is not None), key=lambda o: not (o.code or o.country))
    for owner in owners:
        if owner.country or owner.code or owner.type != "PERSON" or not knowledge_base().sector_of([tok.text]):
            return _organ(owner, tok)
    for c in tok.children:
        if c.dep_ == "amod" and c.lower_ == "western" and c.i < tok.i and tok.lemma_.lower() in _STATE_HEADS:
            bloc = _state_of_word(c, actors)  # "Western officials", "Western governments": the West
            if bloc is not None:
                return bloc
    unnamed = tok.lemma_.lower() in word_set("unnamed_heads.txt")
    if not loose and not unnamed:
        return None  # a source: "the partnership between Russia and China" is not an actor
    if loose:  # "the Cambodian refugee camp in Thailand" is Cambodian, "Indian army posts across the Line of
        # Control" Indian
        state = next((_state_of_word(c, actors) for c in tok.children if c.dep_ == "amod" and c.i < tok.i
                      and _state_of_word(c, actors) is not None), None)
        if state is not None:
            return state
        # ... as is a thing named by the adjective of a word before it: "a British-flagged tanker"
        for c in tok.children:
            if c.dep_ in ("amod", "compound") and c.i < tok.i and c.pos_ in ("NOUN", "ADJ", "VERB"):
                for g in c.children:
                    state = _state_of_word(g, actors) if g.dep_ in ("amod", "compound", "npadvmod") else None
                    if state is not None and g.i < c.i:
                        return _organ(state, c)
    meeting = any(code[:2] == "04" for _, code, _ in noun_patterns().get(tok.lemma_.lower(), ()))
    for c in tok.children:  # "officials in Washington"; but "a summit in Vilnius" names a place
        if c.dep_ == "prep" and not (meeting and c.lower_ in _PLACE_PREPS):
            for g in c.children:
                if g.dep_ == "pobj" and actors.at(g.i) is not None:
                    return actors.at(g.i)
                group = _group_actors(g, actors) if loose and g.dep_ == "pobj" and c.lower_ in (
                    "by", "of", "for") else []
                if group:  # "crimes by Croatian extremists", "the withdrawal of Serbian forces"
                    return group[0]
    if loose:  # a target named by its adjective: "these Chinese actions", "Israeli aggression"
        for c in tok.children:
            if c.dep_ in ("amod", "compound") and c.i < tok.i:
                state = _state_of_word(c, actors)
                if state is not None:
                    return state
        return _owner_named(tok, actors)
    return None


def _owner_named(tok, actors: ArticleActors) -> ActorRef | None:
    """'rigs belonging to U.S. company Helmerich and Payne', 'a tanker owned by a Greek firm': a thing
    acted on is its owner's."""
    for c in tok.children:
        if c.dep_ == "acl" and c.lemma_.lower() in ("belong", "own", "operate", "register"):
            for p in c.children:
                if p.dep_ in ("prep", "agent") and p.lower_ in ("to", "by"):
                    for g in (g for g in p.children if g.dep_ == "pobj"):
                        found = _actors_of(g, actors, loose=True)
                        if found and found[0][0].country:
                            return found[0][0]
                        state = next((x for t in g.subtree if t.i < g.i and t.dep_ in ("compound", "amod")
                                      for x in [_state_of_word(t, actors)] if x is not None), None)
                        if state is not None or found:  # "U.S. company Helmerich and Payne": a US firm
                            return state or found[0][0]
    return None


_STATE_HEADS = frozenset({"official", "government", "leader", "diplomat", "power", "nation", "country", "ally",
                          "state", "capital", "partner", "envoy", "minister", "negotiator"})
_OWNED_HEADS = _STATE_HEADS | {"administration"}
_POSSESSIVES = frozenset({"his", "her", "its"})


def _organ(owner: ActorRef, tok) -> ActorRef:
    """'Belarus police', "Russia's army": a state's police, army or opposition is that state with the
    sector of the noun (BLRCOP), not the state itself."""
    sector = _head_sector(tok) if owner.type == "GPE" and owner.country and not owner.sector else None
    if sector is None:
        return owner
    return ActorRef(f"{owner.name} {tok.lemma_.lower()}", "NORP", owner.country,
                    knowledge_base().code(owner.country, sector), sector=sector)


def _reporter(tok, actors: ArticleActors) -> ActorRef | None:
    """'Palestinian leaders said they would boycott ...': a pronoun subject of what is reported, with no
    named antecedent, is the group that reports it."""
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.dep_ != "ccomp":
        return None
    subj = [c for c in verb.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
    found = _actors_of(subj[0], actors) if subj else []
    return found[0][0] if found else None


def _state_of_word(tok, actors: ArticleActors) -> ActorRef | None:
    """The state a nationality adjective or a country name stands for ('Chinese', 'Israeli'); not
    one a stance is taken against ('anti-American')."""
    if tok.pos_ not in ("ADJ", "PROPN", "NOUN") or stance(tok):
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


def stance(tok) -> bool:
    """'anti-Syria journalist', 'anti-American protesters': a stance against a state or an actor,
    not membership of it. ('pro-Russian rebels' stay Russia's, as a dictionary coder reads them: no
    words of a sentence tell pro-Russian separatists in Ukraine from pro-Iranian militias abroad.)"""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text in ("-", "‐", "–") and not doc[tok.i - 1].whitespace_ \
        and not doc[tok.i - 2].whitespace_ and doc[tok.i - 2].lower_ == "anti"


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
    if verb.lemma_.lower() in ("concern", "worry"):  # "X is concerned by Y": X is the source
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive:
            return _actors_of(passive[0], actors)
    head = _subject(verb)
    if head is None:
        return []
    if _both_of(head):
        return _pair_in_sentence(head, actors) or _recent_pair(head, actors)
    # "hundreds of teachers staged a hunger strike in Nairobi": the people a quantity counts, unless
    # words make them another state's ("thousands of Rohingya refugees ... in Bangladesh")
    return _actors_of(head, actors) or _placed_group(head, verb, actors) or next(
        (found for m in _members(head) if not any(actors.at(t.i) or t.ent_type_ == "NORP" for t in m.subtree)
         for found in [_placed_group(m, verb, actors)] if found), [])


def _subject(verb):
    """The word that names who acts: the agent of a passive, the subject, or the subject of the verb
    a complement, conjunct or participle depends on ('X is ready to send', 'a statement demanding')."""
    v = verb
    for _ in range(3):
        subj = [c for c in v.children if c.dep_ == "nsubj"] or [  # "Turkey massed troops" read as npadvmod
            c for c in v.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i < v.i and c.ent_type_]
        agent = [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not (agent or subj) and v is not verb:  # "doctors were sent to treat refugees": the doctors treat
            subj = [c for c in v.children if c.dep_ == "nsubjpass"]
        if agent or subj:
            head = (agent or subj)[0]
            inner = [c for c in head.children if c.dep_ == "nsubj"] if head.pos_ == "VERB" else []
            return inner[0] if inner else head  # "The Red Cross operating in Iraq said"
        if v.dep_ in ("xcomp", "conj", "advcl", "acomp") and v.head is not v:
            v = v.head
        elif v.dep_ == "acl" and (v.tag_ == "VBG" or v.head.lemma_.lower() in _INTENT_NOUNS) \
                and v.head.dep_ == "dobj":
            v = v.head.head
        elif v.dep_ in ("acl", "relcl") and v.tag_ == "VB" and v.head.dep_ == "attr" \
                and v.head.head.lemma_.lower() in ("be", "become", "remain") and v.head.head.dep_ != "xcomp" \
                and not any(c.dep_ == "neg" or c.tag_ == "MD" for c in v.head.head.children):
            v = v.head.head  # 'Turkey became the first country to recognise ...': Turkey recognises (not
            # 'would never be', 'refused to be')
        elif v.dep_ == "acl" and v.tag_ == "VBD" and v.head.dep_ == "ROOT" and v.head.pos_ in ("NOUN", "PROPN") \
                and v.head.i < v.i and not any(c.dep_ == "agent" for c in v.children) and any(
                    c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "in" and c.i == v.i + 1) for c in v.children):
            # "FARC rebels handed in their weapons", read as a noun and its participle; not a passive
            # headline ("Prisoners handed over to Ukraine", "Tanks sent to Ukraine by Germany")
            return v.head
        else:
            return None
    return None


_DOMESTIC = {"REB", "UAF", "OPP", "PTY", "CRM", "EDU", "LAB", "MED", "CVL", "REL", "AGR", "BUS", "HRI", "ELI", "HLH"}


def _group_of(tok, iso: str | None) -> ActorRef | None:
    """'the rebels', 'the opposition' with no state named: that sector's group in the state `iso`."""
    kb = knowledge_base()
    sector = _head_sector(tok) if tok is not None else None
    if sector not in _DOMESTIC or iso not in kb.countries:
        return None
    return ActorRef(f"{kb.countries[iso].name} {tok.lemma_.lower()}", "NORP", iso, kb.code(iso, sector),
                    sector=sector)


def _authority_of(tok, iso: str | None) -> ActorRef | None:
    """'Authorities slapped a curfew on Srinagar', 'police raided the offices': a state's organ no
    words tie to a state, in the state it coerces or yields to; None for any other group."""
    kb = knowledge_base()
    sector = _head_sector(tok) if tok is not None else None
    if sector not in ("GOV", "COP", "MIL", "JUD", "SPY") or iso not in kb.countries:
        return None
    words = [c.lower_ for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound")
             and kb.country_of(c.text) is None] + [tok.lemma_.lower()]  # not "Iraq iraqi army"
    return ActorRef(f"{kb.countries[iso].name} {' '.join(words)}", "ORG", iso, kb.code(iso, sector),
                    sector=sector)  # "Nigeria ruling party", not "Nigeria party" (the opposition's name)


def _domestic_target(verb, iso: str | None, authority: bool = False) -> list[tuple[ActorRef, int]]:
    """'Burundi signed an accord with the rebels': rebels, opposition, students ... acted on with no
    state named are the acting state's own. `authority`: the actor is a political group within its state
    (rebels, opposition, a party) and the act a verbal one, so that the government, ruling party or
    court it accuses, or whose offer it spurns, is its state's, not the actor's own organ (an army it
    attacks may be another state's: 'Hamas militants fired rockets at the army')."""
    objs = [o for o in _objects(verb) if o.dep_ == "dobj"]
    words = objs + [g for p in _preps(verb) if p.lower_ in _TARGET_PREPS for g in p.children if g.dep_ == "pobj"] + [
        g for o in objs for p in o.children if p.dep_ == "prep" and p.lower_ in ("with", "between")
        for g in p.children if g.dep_ == "pobj"]  # "signed a peace agreement with leftist guerrillas"
    for w in [m for x in words for m in (_members(x) or [x])]:  # "dozens of opposition activists"
        owners = [c for c in w.children if c.dep_ == "poss"]  # "spurned the government's offer"
        group = _group_of(w, iso) or next(
            (g for o in owners for g in [_group_of(o, iso) or _organ_of(o, iso, authority)] if g is not None),
            None) or _organ_of(w, iso, authority)
        if group is not None:
            return [(group, w.i)]
    return []


def _organ_of(tok, iso: str | None, authority: bool) -> ActorRef | None:
    """A government, ruling party or court of state `iso` named with no state, when `authority` allows."""
    found = _authority_of(tok, iso) if authority else None
    return found if found is not None and found.sector in ("GOV", "JUD") else None


def _placed_group(tok, verb, actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    """'Police arrested dozens in Harare', 'Gunmen kidnapped two journalists in Iraq': a group of a
    sector that no words tie to a state acts in the state where the event takes place."""
    kb = knowledge_base()
    # people named by no more than that, or by a plural no sector is known of, protest as civilians
    # where they are ("a million people marched through London", "thousands of Kashmiri Muslims
    # defied a curfew in Srinagar to protest"); as the acted on they are the place's
    sector = _head_sector(tok) or ("CVL" if (tok.lower_ == "people" or tok.tag_ in ("NNS", "NNPS"))
                                   and tok.lower_ not in _QUANTITY  # (the people 'hundreds of' counts say)
                                   and (_code_of(verb)[0] or "")[:2] == "14" else None)
    # "burst into a hall in Paris and took hostages": a conjunct's place is its subject's too
    near = [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "advcl")] + (
        [verb.head] if verb.dep_ == "conj" and verb.head.lemma_.lower() in _ENTERING else [])
    where = next((w for v in near for w in [_place(v, actors)[1]] if w is not None), None) if sector else None
    if where is None or where.country not in kb.countries:  # "used tear gas to disperse them in Caracas"
        return []
    state = kb.countries[where.country]
    return [(ActorRef(f"{state.name} {tok.lemma_.lower()}", "NORP", state.country,
                      kb.code(state.country, sector), sector=sector), tok.i)]


def _we_pair(verb, sources: list[tuple[ActorRef, int]], actors: ArticleActors) -> list[tuple[ActorRef, int]]:
    """'we are not creating a military bloc', said by an official of A just after 'A and B' were named
    together: a joint act needs two, and 'we' is that pair."""
    (source, i), = sources
    if verb.doc[i].lower_ not in ("we", "our", "us") or verb.doc[i].pos_ != "PRON" or not source.country:
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
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i and not stance(c)]
    mods += [g for m in mods if m.lower_ in _LED for g in m.lefts]  # "Vietnamese-led forces"
    isos = [kb.country_of(m.doc[m.left_edge.i:m.i + 1].text) or kb.country_of(m.text)  # "South African police"
            for m in mods + [c for m in mods for c in m.conjuncts]]
    if not any(isos) and sector is not None:
        # "the foreign ministers of India and Pakistan", "doctors from two American aid groups"
        isos = [a.country for p in tok.children if p.dep_ == "prep" and p.lower_ in _WHERE
                for g in p.children if g.dep_ == "pobj" for x in _with_conjuncts(g)
                for a in [actors.at(x.i) or (_named_by_adjective(x, actors) if sector not in _STATE_SECTORS
                                             or x.lemma_.lower() in _STATE_BODIES else None)]
                if a is not None and a.type == "GPE"]
    out = []
    for iso in isos:
        if iso and iso in kb.countries and all(a.country != iso for a in out):
            out.append(ActorRef(f"{kb.countries[iso].name} {tok.lemma_.lower()}", "NORP", iso,
                                kb.code(iso, sector), sector=sector))
    return out


def _named_by_adjective(tok, actors: ArticleActors) -> ActorRef | None:
    """'two American aid groups', 'Chinese universities': the state a nationality adjective before a
    noun of bodies names (the adjective whole: 'Latin American' names none)."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _BODIES:
        return None
    kb = knowledge_base()
    return next((s for m in tok.children if m.dep_ == "amod" and m.i < tok.i
                 and kb.country_of(m.doc[m.left_edge.i:m.i + 1].text) is not None
                 for s in [_state_of_word(m, actors)] if s is not None), None)


_STATE_BODIES = frozenset({"ministry", "agency", "unit", "department", "embassy", "government", "army", "force"})
_BODIES = _STATE_BODIES | {"group", "organization", "organisation", "charity", "university", "hospital", "school",
                           "union", "team", "company", "firm", "bank"}
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})  # officials of a state body only


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
# those who stand for whom their 'of' names: 'representatives of the Guatemalan government'
_STAND_INS = {"representative", "representatives", "delegate", "delegates", "emissary", "emissaries"}


def _members(tok) -> list:
    """'thousands of students', 'a group of refugees': the people a quantity word counts; 'representatives
    of the government': those they stand for."""
    if tok.lower_ not in _QUANTITY and tok.lower_ not in _STAND_INS:
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
        if a is not None and a.type == "GPE" and _ethnic(t):
            a = _ethnic_group(t, a, actors)
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


def _ethnic(tok) -> bool:
    """'ethnic Albanians', 'ethnic Russian activists': people of a nation, not its state."""
    return any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in tok.children)


# where people are met or received is a venue, not where they live
_VENUE_VERBS = frozenset({"meet", "visit", "host", "receive", "welcome", "invite", "attend", "hold", "talk",
                          "gather", "address", "brief"})


def _ethnic_group(tok, nation: ActorRef, actors: ArticleActors) -> ActorRef:
    """'Serb forces killed three ethnic Albanians in southern Serbia', 'ethnic Russians in Crimea
    protested': an ethnic group acts or is acted on as people of the state it is placed in (by its
    own 'in', else by where the event takes place, not a venue where it is met), when that is
    another state than the nation's; else as the nation."""
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    own = [actors.at(g.i) for p in tok.children if p.dep_ == "prep" and p.lower_ in ("in", "from")
           for g in p.children if g.dep_ == "pobj"]
    where = next((a for a in own if a is not None and a.type == "GPE"), None)
    if where is None and verb is not None and verb.lemma_.lower() not in _VENUE_VERBS:
        where = _place(verb, actors)[1]
    kb = knowledge_base()
    if where is None or where.country == nation.country or where.country not in kb.countries:
        return nation
    state = kb.countries[where.country]
    words = [t.text for t in tok.doc[tok.left_edge.i:tok.i + 1] if t.dep_ not in ("det", "nummod", "poss")]
    return ActorRef(f"{' '.join(words)} in {state.name}", "NORP", state.country, state.code)


def _targets(verb, actors: ArticleActors, source_tokens: set[int]) -> list[tuple[ActorRef, int]]:
    passive = any(c.dep_ == "agent" for c in verb.children)  # "X was attacked by Y": X is acted on
    datives = [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN")]  # "gave Iraq"
    for obj in datives + _objects(verb):
        acted_on = passive and obj.dep_ == "nsubjpass" and obj.i not in source_tokens
        if obj.dep_ in ("dobj", "nsubj", "dative") or acted_on:
            found = _actors_of(obj, actors, loose=True)
            if found:
                return found
    holders = [verb] + [o for o in _objects(verb) if o.dep_ == "dobj"]
    for holder in holders:
        for p in _preps(holder):
            if p.lower_ in _TARGET_PREPS:  # "send troops to X"
                for g in _pobjs(p):
                    if g.i not in source_tokens:
                        found = _actors_of(g, actors, loose=True)
                        if found:
                            return found
    for p in (p for p in _preps(verb) if p.lower_ in ("by", "on")):  # "spoke by telephone with Putin": the
        for g in _pobjs(p):  # 'with' of the means
            for w in (w for w in g.children if w.dep_ == "prep" and w.lower_ == "with"):
                found = [x for o in _pobjs(w) if o.i not in source_tokens for x in _actors_of(o, actors, loose=True)]
                if found:
                    return found
    return []


def _pobjs(prep) -> list:
    """The objects of a preposition; for one the parser left without any ('granted asylum to five
    officers holed up in a residence', the officers made the subject of 'holed'), the noun whose
    phrase begins right after it and is the subject of a clause that follows."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    if objs or prep.n_lefts + prep.n_rights or prep.i + 1 >= len(prep.doc):
        return objs  # ('with Putin highlighting ...': a clause the preposition governs)
    nxt = prep.doc[prep.i + 1]
    noun = next((t for t in [nxt, *nxt.ancestors] if t.dep_ in ("nsubj", "nsubjpass")), None)
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.left_edge.i != prep.i + 1 or \
            noun.head.i < noun.i or noun.head.tag_ not in ("VBD", "VBN"):
        return []
    return [noun]


def _preps(tok) -> list:
    """The prepositions of a word, 'out of' and 'away from' read as their second word."""
    out = []
    for p in tok.children:
        if p.dep_ in ("prep", "dative"):
            out += [q for q in p.children if q.dep_ == "prep"] if p.lower_ in ("out", "away") else [p]
        elif p.dep_ == "prt" and p.lower_ == "up":  # "kidnapped up to 16 advisers"
            out += [q for q in p.children if q.dep_ == "prep"]
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


# what kills or wounds when no one is named
WEAPONS = frozenset({"bomb", "bombing", "explosion", "blast", "mine", "minefield", "device", "rocket", "shell",
                     "mortar", "grenade", "attack", "ambush", "gunfire", "explosive"})
# ...of which these are always someone's act; the others (a gas explosion, a blast at a mine, an attack of
# asthma) only when a word before them says so: a car bomb's blast, a suicide attack, an explosive device
_ATTACKS = frozenset({"bomb", "bombing", "rocket", "mortar", "grenade", "ambush", "gunfire", "explosive", "missile",
                      "airstrike"})
_ATTACK_WORDS = frozenset({"car", "bomb", "suicide", "roadside", "truck", "terrorist", "terror", "militant",
                           "rocket", "mortar", "grenade", "explosive", "bombing", "insurgent", "rebel"})


def deliberate(noun) -> bool:
    """Whether a weapon noun names an attack (someone's act), not an accident: 'a roadside bomb', 'a
    car bomb explosion', 'a suicide attack', not 'a gas explosion' or 'a blast at a coal mine'."""
    lemma = noun.lemma_.lower()
    return lemma in _ATTACKS or lemma in WEAPONS and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in _ATTACK_WORDS for c in noun.children)


def _carried_out(verb, prep, noun) -> bool:
    """'went on strike', 'took part in a rally': an event noun the verb (with its preposition or
    particle) carries out, as nouns.tsv lists its light verbs; not a topic ('commented on the attack')."""
    found = noun_patterns().get(noun.lemma_.lower())
    if not found:
        return False
    lemma = verb.lemma_.lower()
    said = {lemma, f"{lemma}_{prep.lower_}"} | {f"{lemma}_{c.lower_}" for c in verb.children if c.dep_ == "prt"} | {
        f"{lemma}_{o.lemma_.lower()}" for o in verb.children if o.dep_ == "dobj"}  # take_part
    return any(said & verbs for verbs, _, _ in found)


def _place(verb, actors: ArticleActors, where_only: bool = False) -> tuple[str | None, ActorRef | None]:
    """'met ... in Nairobi', 'drills in the Sea of Japan': the place attached to the verb or its object,
    named as the text gives it, with the state it lies in when an actor names one (a sea or a region,
    a LOC entity, has none). `where_only`: the place is wanted as where the event happened, not as
    the state of those who act there: a country gone into counts ("advanced into Kharkiv", "flew
    into Kabul"), and so does a border; for an actor's state neither does ("crossed into Ukraine",
    "north of the Nigerian border" say nothing of whose troops or gunmen they are)."""
    # "by a bomb outside X", "a roadside bomb near X", "went on strike in Lagos", "during the summit in
    # Brussels": an attack's place, an event noun's the verb carries out or an act takes place during
    holders = [verb] + [x for o in _objects(verb) if o.dep_ == "dobj" for x in (o, *o.conjuncts)] + [
        g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"] + [
        c for c in verb.children if c.dep_ == "nsubj" and deliberate(c)] + [
        g for p in verb.children if p.dep_ == "prep" for g in p.children
        if g.dep_ == "pobj" and (p.lower_ == "during" or _carried_out(verb, p, g))]
    # "attacked restaurants, a hall and a stadium at locations across Paris": the objects' conjuncts hold it too;
    # "blew himself up (outside the stadium) north of Paris": a bearing's "of" is a place too
    holders += [c for h in holders for c in h.children if c.dep_ in ("npadvmod", "advmod")
                and c.lemma_.lower() in _BEARINGS]
    for p in (c for h in holders for c in h.children):
        bearing = p.lower_ == "of" and p.head.lemma_.lower() in _BEARINGS
        # "burst into a hotel in Nairobi": a building in a town entered, not a country crossed into
        into = p.lower_ == "into" and p.head.i == verb.i
        entered = into and not where_only and verb.lemma_.lower() in _ENTERING
        if p.dep_ != "prep" or (p.lower_ not in _PLACE_PREPS and not bearing and not entered
                                and not (into and where_only)):
            continue
        pobjs = [g for g in p.children if g.dep_ == "pobj"] or [  # "outside of the city"
            g for q in p.children if q.dep_ == "prep" for g in q.children if g.dep_ == "pobj"]
        if not where_only:
            pobjs = [g for g in pobjs if g.lemma_.lower() not in _BORDERS]
        if entered:
            pobjs = [g for g in pobjs if g.pos_ == "NOUN" and _named_within(g, actors) is not g]
        for g in pobjs:
            g = _named_within(g, actors) if g.pos_ == "NOUN" else g  # "in a market in Baghdad"
            a = actors.at(g.i)
            if g.ent_type_ in ("LOC", "GPE", "FAC"):  # the whole name: 'New York', not 'York'
                span = next((e for e in g.doc.ents if e.start <= g.i < e.end), g.doc[g.i:g.i + 1])
                name = (span[1:] if span[0].pos_ == "DET" else span).text
            else:
                name = g.text
            if a is not None and a.type == "GPE" and (a.kb or g.ent_type_ != "LOC"):
                return name, a
            if g.ent_type_ in ("LOC", "GPE", "FAC"):
                return name, None
            state = next((_state_of_word(m, actors) for m in g.children if m.dep_ == "amod"
                          and _state_of_word(m, actors) is not None), None) if g.pos_ == "NOUN" else None
            if state is not None:  # "in the Algerian capital"
                return g.doc[g.left_edge.i:g.i + 1].text.removeprefix("the "), state
    return None, None


def _named_within(noun, actors: ArticleActors):
    """'the streets of Tbilisi', 'a residential sector of eastern Beirut': the named state or town a
    place noun's own phrases lead to (not a relative clause), or the noun itself."""
    for t in noun.subtree:
        named = (t.dep_ == "pobj" and t.head.lower_ in _WITHIN_PREPS) or (
            t.dep_ == "appos" and t.head.i == noun.i)  # "the capital Kabul"
        between = [h for h in t.ancestors if noun.is_ancestor(h)]
        if t.i > noun.i and named and not any(
                h.dep_ in ("relcl", "acl") or (h.dep_ == "prep" and h.lower_ in _TOPIC_PREPS)
                or (h.pos_ == "NOUN" and h.lemma_.lower() in _TOPIC_NOUNS) for h in between):
            a = actors.at(t.i)
            if a is not None and a.type == "GPE":
                return t
    return noun
