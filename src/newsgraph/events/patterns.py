"""Event codes from the dependency parse: verb patterns and their objects, governing verbs (appeals,
intents, demands, refusals, threats) that take the code of the event they govern, announced intents,
characterizations, and the cache of codes per token."""
from __future__ import annotations

from .lexicon import Pattern, Term, cues, derived_code, noun_patterns, verb_patterns

_PARTICLES = {"away", "back", "off", "out", "down", "up", "over", "in", "aside"}


_BONDS = {"friendship", "partnership", "alliance", "brotherhood"}


def _matches(alt: str, tok) -> bool:
    if alt == "*":
        return True
    words = alt.split("_")
    if len(words) == 1:
        return tok.lemma_.lower() == alt or tok.lower_ == alt
    phrase = " ".join(t.lemma_.lower() for t in tok.subtree)
    return " ".join(words) in phrase or " ".join(words) in " ".join(t.lower_ for t in tok.subtree)


def _objects(verb) -> list:
    key = (id(verb.doc), verb.i)
    if key not in _OBJECTS:
        _OBJECTS[key] = _uncached_objects(verb)
    return _OBJECTS[key]


def _uncached_objects(verb) -> list:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objs += [g for c in verb.children if c.dep_ == "ccomp" and c.tag_ == "VB"  # "allowed inspectors to visit"
             and all(a.lower_ == "to" for a in c.children if a.dep_ in ("aux", "mark"))
             for g in c.children if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN")]
    return objs + [c for o in objs for c in o.conjuncts]


_MEASURES = {"ton", "tonne", "worth", "series", "batch", "shipment", "consignment", "load", "number", "lot",
             "thousand", "hundred", "dozen", "million", "billion", "package", "wave", "barrage", "volley", "day",
             "week", "month", "hour", "round", "mission", "team", "contingent", "part", "group",
             "most", "some", "all", "many", "half", "rest", "much", "several", "majority", "bulk", "remainder"}


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
_OBJECTS: dict[tuple[int, int], list] = {}  # per document: token -> its objects


def clear_caches() -> None:
    """Forget the codes and objects of the last document (keys are token positions)."""
    _CODES.clear()
    _OBJECTS.clear()


def _code_of(verb) -> tuple[str | None, str]:
    """The code of a verb, or of the event noun it carries ('held talks', 'imposed sanctions'); an
    announced event ('will withdraw') is coded as the intent to do it."""
    key = (id(verb.doc), verb.i)
    if key not in _CODES:
        _CODES[key] = _uncached_code(verb)
    return _CODES[key]


def _uncached_code(verb) -> tuple[str | None, str]:
    code, trigger = _base_code(verb)
    if code in (None, "010", "012") and _conditional_threat(verb):
        return "130", verb.text
    if code and code != "-" and code[:2] not in _GOVERNORS and code[:2] not in ("01", "02") \
            and _announced_intent(verb):
        kind = "threaten" if _condition(verb, ("unless",)) else "intent"
        code = derived_code(kind, code) or ("130" if kind == "threaten" else code)
    return code, trigger


_WARNING = {"warn", "caution", "threaten", "vow"}
_SELF = {"it", "they", "we", "i", "he", "she"}
# what would happen to the speaker rather than what it would do
_HAPPENINGS = frozenset("go run collapse suffer lose be become starve die fall face struggle shrink grow fail "
                        "need have go_bankrupt close".split())
_AUDIENCES = frozenset("reporter journalist press media audience crowd supporter lawmaker parliament "
                       "viewer listener".split())


def _conditional_threat(verb) -> bool:
    """'warned it would turn Seoul into a sea of fire if the South pressed ahead': the speaker's own
    act, announced in a warning on a condition set for another, in words the lexicon does not code,
    is a threat (a coded complement is coded through it instead). Not what a warning forecasts of
    others ('warned that Russia would pay a heavy price if ...'), nor a plain statement's 'unless'
    ('said it would keep its mission unless asked to leave'); an 'unless' put to the one warned or told
    is ('told Zimbabwe it would face sanctions unless ...')."""
    lemma = verb.lemma_.lower()
    if lemma not in _WARNING and lemma != "tell":
        return False
    for c in verb.children:
        if c.dep_ != "ccomp" or c.pos_ not in ("VERB", "AUX"):
            continue
        auxes = {a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")}
        if not auxes & {"will", "would", "'ll", "shall"} or _base_code(c)[0]:
            continue
        if c.lemma_.lower() in _HAPPENINGS:
            continue  # 'warned they would go bankrupt if ...': what would befall them, no act
        own = any(s.dep_ == "nsubj" and s.lower_ in _SELF for s in c.children)
        # 'told Zimbabwe it would face sanctions unless ...': an unless put to the one told
        if (own and lemma in _WARNING and _condition(c, ("if", "unless")) is not None) or (
                _condition(c, ("unless",)) is not None and (lemma in _WARNING or any(
                    d.dep_ in ("dobj", "dative") and d.lemma_.lower() not in _AUDIENCES for d in verb.children))):
            return True
    return False


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


_GUARDS = frozenset({"police", "policeman", "officer", "troop", "soldier", "army", "force", "guard", "gendarme"})


def _base_code(verb) -> tuple[str | None, str]:
    characterized = _characterization(verb)
    if characterized:
        return characterized, verb.text
    lemma = verb.lemma_.lower()
    particle = _particle(verb)
    # "stepped up the war": step_up; "called off the strike" undoes what "called a strike" does
    light = {f"{lemma}_{particle}"} | ({lemma} if particle != "off" else set()) if particle else {lemma}
    for obj in _objects(verb):
        for verbs, code, terms in noun_patterns().get(obj.lemma_.lower(), ()):
            if light & verbs and all(_term_ok(t, verb) for t in terms if t.kind == "sym"):
                return code, obj.text
    # "converged for a rally", "participated in a protest": a light verb with its preposition (V_P);
    # not police or troops gathered for one (to watch it)
    guards = any(c.dep_ == "nsubj" and c.lemma_.lower() in _GUARDS for c in verb.children)
    for prep in (c for c in verb.children if c.dep_ == "prep" and not guards):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            for verbs, code, terms in noun_patterns().get(obj.lemma_.lower(), ()):
                if f"{lemma}_{prep.lower_}" in verbs and all(_term_ok(t, verb) for t in terms if t.kind == "sym"):
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


_DENYING = ("deny", "dismiss", "refuse", "decline", "reject", "fail")
# a verb whose negation affirms what it governs: "did not hesitate to attack", "never stopped shelling"
_REVERSING = frozenset({*_DENYING, "hesitate", "stop", "cease", "quit", "halt", "end", "avoid", "refrain"})


def negated(verb, inherit: bool = True, depth: int = 0) -> bool:
    """'not', 'never' on the verb, or the act denied ('denies providing support', 'refused to
    resign'); unless `inherit` is False, a verb also takes the negation of the verb it completes
    ('is not going to resign', 'does not want to meet'; not through a verb that turns it round:
    'did not hesitate to attack', 'refused to stop attacking') and, a bare infinitive, that of
    the bare infinitive it is joined to ('vowed not to bow to pressure and step down'; not 'did
    not retreat and attacked', nor after 'but')."""
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in _DENYING:
        return True
    if _negated_itself(verb):
        return True
    head = verb.head
    if not inherit or depth >= 3 or head is verb or head.pos_ not in ("VERB", "AUX") \
            or head.lemma_.lower() in _REVERSING:
        return False
    if verb.dep_ == "xcomp":
        return _negated_itself(head) or head.dep_ in ("xcomp", "conj") and negated(head, True, depth + 1)
    if verb.dep_ == "conj" and verb.tag_ == "VB" and head.tag_ == "VB" \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) \
            and not any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in head.children):
        return _negated_itself(head) or negated(head, True, depth + 1)
    return False


def _negated_itself(verb) -> bool:
    """'not', 'never' (the negation cues) on the verb or its auxiliary."""
    neg = cues("negation")
    return any(c.dep_ == "neg" or (c.dep_ == "aux" and any(g.dep_ == "neg" for g in c.children))
               or (c.dep_ in ("advmod", "neg") and c.lower_ in neg) for c in verb.children)


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
                kind = _GOVERNORS[code[:2]]
                if kind == "intent" and negated(c, inherit=False):
                    kind = "reject"  # "vowed not to step down": a refusal to yield
                derived = derived_code(kind, inner)
                if derived and derived[:2] == "13" and verb.lemma_.lower() in _OFFERS:
                    derived = "0334" if inner[:2] == "15" else "030"  # "offered to send troops": no threat
                if derived:
                    return c, derived
    return None


_INTENT_NOUNS = {"willingness", "readiness", "intention", "intent", "determination", "commitment", "plan",
                 "decision", "pledge", "promise", "offer", "resolve"}


_OFFERS = {"offer", "agree", "pledge", "promise", "volunteer", "propose"}
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


_SPEECH = {"say", "announce", "state", "declare", "tell", "confirm", "add", "insist", "indicate", "report", "warn"}


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


def _symmetric(verb) -> bool:
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if subj and subj[0].conjuncts:
        return True
    if subj and any(m.dep_ == "amod" and m.conjuncts for m in subj[0].children):
        return True  # "French and Egyptian warships launched war games"
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return True
    return any(g.lower_ in _JOINT_WORDS for o in _objects(verb) for g in o.children)


_JOINT_WORDS = frozenset({"joint", "bilateral", "coordinated", "co-ordinated"})
