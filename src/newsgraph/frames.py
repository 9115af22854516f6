"""Predicate–argument frames: the main clause of each parsed sentence as who — does what — to what.

Computed while the spaCy Doc is at hand (extract.py) and stored with the sentence, so that the
corpus stage can state a claim in normalised form without a parse. For reported speech ('X said
that ...', 'according to X, ...') the frame is the reported clause's, with X as its source.
Subjects and objects that name a resolved actor take its canonical name ('Moscow' may be Russia);
places keep their words.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields

from .actors.resolve import ArticleActors
from .data import word_set
from .records import Event, Frame
from .speakers import antecedent

MAX_PHRASE_WORDS = 6  # a subject or object longer than this loses its outer modifiers
MAX_CONJUNCTS = 3
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_OBJECTS = ("dobj", "attr", "acomp", "oprd", "dative")  # in order of preference
_LEFT = frozenset({"compound", "amod", "nummod", "poss", "nmod", "quantmod", "case", "hmod", "hyph"})
_KEPT_DETERMINERS = frozenset({"no", "both", "neither", "all", "each", "every"})
_NOUN_PREPS = frozenset({"of", "on", "for", "with", "against", "over", "to", "into", "about"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "off", "across", "throughout"})
_TIMES = frozenset({"DATE", "TIME"})
_PERSONAL = frozenset({"he", "she", "him", "her"})  # 'they' and 'it' too often find the wrong antecedent
_HARDLY = frozenset({"hardly", "barely", "scarcely"})  # kept before a verb or adjective: they turn the meaning
_DEGREE = _HARDLY | {"less", "more", "least", "most"}  # kept before an adjective: 'less diplomatic'
_COMMON_ZIPF = 3.0  # wordfreq frequency from which a lower-case word is common English
MIN_ENGLISH_SHARE = 0.7  # of the lower-case words of a sentence (five or more) that are common English
_BODIES = frozenset({"government", "authorities", "delegation", "officials", "administration", "leadership",
                     "cabinet", "side", "ministry", "regime", "state"})  # 'Chile's delegation' speaks for Chile


def sentence_dates(events: Iterable[Event]) -> dict[int, list[tuple[str, str]]]:
    """(date words, ISO date) of the dated events of each sentence, by the sentence's start."""
    out: dict[int, list[tuple[str, str]]] = {}
    for e in events:
        if e.date and e.date_text:
            out.setdefault(e.start, []).append((e.date_text, e.date))
    return out


def sentence_frame(sent, actors: ArticleActors, dates: Sequence[tuple[str, str]] = ()) -> Frame | None:
    """The frame of a sentence's main clause, or of the clause it reports; None without a verb."""
    root = sent.root
    clause, source = root, None
    if root.lemma_.casefold() in word_set("speech_verbs.txt"):
        comp = _child(root, "ccomp")
        if comp is not None and comp.pos_ in ("VERB", "AUX"):
            speaker = _child(root, *_SUBJECTS)
            source = _names(speaker, actors) if speaker is not None else None
            clause = comp
    if clause.pos_ not in ("VERB", "AUX") or not looks_english(sent):
        return None
    return _clause_frame(clause, actors, dates, source or _according_to(clause, actors))


def looks_english(sent) -> bool:
    """Whether a sentence reads as English, so that the English parse means something: its letters
    are mostly Latin, and of five or more lower-case words at least MIN_ENGLISH_SHARE are common
    English words (English news sentences: 0.83 and up on the seeds and dev sentences; German, French,
    Spanish, Dutch, Polish: 0.2 to 0.57)."""
    from wordfreq import zipf_frequency

    letters = [ch for t in sent if t.is_alpha for ch in t.text]
    if sum(ch > "\u024f" for ch in letters) * 2 > len(letters):  # Chinese, Arabic, Cyrillic, ...
        return False
    lower = [t.text for t in sent if t.is_alpha and t.is_lower]
    common = sum(zipf_frequency(w, "en") >= _COMMON_ZIPF for w in lower)
    return len(lower) < 5 or common >= MIN_ENGLISH_SHARE * len(lower)


def render(frame: Frame) -> str:
    """'Norway; Chile — sign — agreement on polar research (Oslo, 2025-11-11; said by X)'."""
    text = " — ".join(p for p in (frame.subject, frame.predicate, frame.object) if p)
    extra = ", ".join(p for p in (frame.place, frame.time) if p)
    if frame.source:
        extra = "; ".join(p for p in (extra, f"said by {frame.source}") if p)
    return f"{text} ({extra})" if extra else text


def frame_of_row(row: dict | None) -> Frame | None:
    """A Frame from its stored struct (`sentences.frame`; its `key` field is no longer written)."""
    return None if row is None else Frame(**{f.name: row.get(f.name) for f in fields(Frame)})


# ------------------------------------------------------------------------- the clause
def _clause_frame(verb, actors: ArticleActors, dates: Sequence[tuple[str, str]], source: str | None) -> Frame:
    kids = _children(verb)
    subject, obj = _subject_of(verb, kids), next((kids[d] for d in _OBJECTS if d in kids), None)
    predicate = verb.lemma_.casefold() + (f" {kids['prt'].lower_}" if "prt" in kids else "")
    if "nsubjpass" in kids or "auxpass" in kids:
        agent = _child(kids["agent"], "pobj") if "agent" in kids else None
        if agent is not None:  # 'the accord was signed by Norway': Norway signs the accord
            subject, obj = agent, subject
        else:
            predicate = f"be {verb.lower_}" + (f" {kids['prt'].lower_}" if "prt" in kids else "")
    modified = verb
    xcomp = kids.get("xcomp")
    if obj is None and xcomp is not None and xcomp.pos_ == "VERB":  # 'agreed to cut catches'
        predicate += f" to {xcomp.lemma_.casefold()}"
        xkids = _children(xcomp)
        obj, modified = next((xkids[d] for d in _OBJECTS if d in xkids), None), xcomp
    if "neg" in kids:
        predicate = ("never " if kids["neg"].lower_ == "never" else "not ") + predicate
    if (degree := _degree(verb)) is not None:  # 'hardly helped', 'no longer recognises'
        predicate = f"{degree} {predicate}"
    preps = _prepositions(modified, dates, obj)
    obj_text = _names(obj, actors) if obj is not None else None
    if obj is not None and obj.pos_ == "ADJ" and (then := _child(obj, "xcomp")) is not None:  # 'ready to talk'
        done = _child(then, "dobj")
        obj_text += f" to {then.lemma_.casefold()}" + (f" {_phrase(done)}" if done is not None else "")
    if obj_text is None and preps["other"]:
        obj_text = preps["other"].pop(0)[1]
    elif obj_text is None and preps["place"]:
        obj_text = preps["place"].pop(0)[1]
    subject_text = _names(subject, actors) if subject is not None else None
    return Frame(subject_text, predicate, obj_text, next((p[0] for p in preps["place"]), None),
                 next(iter(preps["time"]), None) or _time_of(verb, dates), source)


def _degree(verb) -> str | None:
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in _HARDLY:
            return c.lower_
        if c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
            return "no longer"
    return None


def _subject_of(verb, kids: dict):
    subject = next((kids[d] for d in _SUBJECTS if d in kids), None)
    if subject is None and verb.dep_ == "conj":  # 'met the minister and signed': the first verb's subject
        subject = _child(verb.head, *_SUBJECTS)
    return subject


def _prepositions(verb, dates: Sequence[tuple[str, str]], obj=None) -> dict[str, list]:
    """The verb's prepositional phrases as places (words, 'in words'), times (date) and others; and
    the places and times the parser hung on its object ('signed the accord in Oslo')."""
    out: dict[str, list] = {"place": [], "time": [], "other": []}
    preps = [(c, True) for c in verb.children] + [(c, False) for c in (obj.children if obj is not None else ())]
    for prep, own in preps:
        if prep.dep_ != "prep" or (pobj := _child(prep, "pobj")) is None:
            continue
        if pobj.ent_type_ in _TIMES:
            out["time"].append(_date(_time_words(pobj), dates))
        elif (place := pobj.ent_type_ in _PLACES and prep.lower_ in _PLACE_PREPS) or own:
            words = _phrase(pobj)
            out["place" if place else "other"].append((words, f"{prep.lower_} {words}"))
    return out


def _time_of(verb, dates: Sequence[tuple[str, str]]) -> str | None:
    """A bare time modifier of the verb: 'yesterday', 'last week'."""
    for c in verb.children:
        if c.dep_ in ("npadvmod", "advmod") and c.ent_type_ in _TIMES:
            return _date(_time_words(c), dates)
    return None


def _date(words: str, dates: Sequence[tuple[str, str]]) -> str:
    """The ISO date the event coder gave these words, else the words."""
    low = words.casefold()
    return next((iso for text, iso in dates if low in text.casefold() or text.casefold() in low), words)


def _according_to(verb, actors: ArticleActors) -> str | None:
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "according" and (to := _child(c, "prep")) is not None:
            if (who := _child(to, "pobj")) is not None:
                return _names(who, actors)
    return None


# ------------------------------------------------------------------------- noun phrases
def _names(tok, actors: ArticleActors) -> str:
    """A noun phrase and its conjuncts ('Norway and Chile'), each as its actor's canonical name
    where it names one, joined by '; '."""
    parts = [tok, *_conjuncts(tok)][:MAX_CONJUNCTS]
    return "; ".join(dict.fromkeys(_actor_name(t, actors) or _phrase(t) for t in parts))


def _actor_name(tok, actors: ArticleActors) -> str | None:
    if (name := actors.tokens.get(tok.i)) is not None:
        return name
    if tok.lower_ in _PERSONAL and (ref := antecedent(tok, actors)) is not None:
        return ref.name
    appos = _child(tok, "appos")  # 'its coordinator, Jane Doe,'
    if appos is not None and (name := actors.tokens.get(appos.i)) is not None:
        return name
    if tok.lemma_.casefold() in _BODIES:  # 'Chile's delegation', 'the government of Chile'
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod") and (name := actors.tokens.get(c.i)):
                return name
            if c.dep_ == "prep" and c.lower_ == "of" and (p := _child(c, "pobj")) is not None:
                if name := actors.tokens.get(p.i):
                    return name
    return None


def _phrase(tok, depth: int = 0) -> str:
    """The head with its modifiers before it (no articles or possessive pronouns), and one
    prepositional phrase after it: 'ten-year agreement on polar research'. Outer modifiers go first
    when it is too long."""
    left = [c for c in tok.lefts if c.dep_ in _LEFT or (c.dep_ == "det" and c.lower_ in _KEPT_DETERMINERS)
            or (c.dep_ == "advmod" and c.lower_ in _DEGREE)]
    start = min((c.left_edge.i for c in left), default=tok.i)
    words = [t for t in tok.doc[start:tok.i + 1] if _kept(t)]
    text = "".join(t.text_with_ws for t in words).strip()
    if words and words[0].is_sent_start and words[0].lemma_[:1].islower():  # 'Critics' -> 'critics'
        text = text[:1].lower() + text[1:]
    text = " ".join(text.split()[-MAX_PHRASE_WORDS:])
    for prep in tok.rights if depth == 0 else ():
        pobj = _child(prep, "pobj") if prep.dep_ == "prep" and prep.lower_ in _NOUN_PREPS else None
        if pobj is not None and pobj.ent_type_ not in _TIMES:
            tail = " and ".join(_phrase(t, depth + 1) for t in [pobj, *_conjuncts(pobj)][:MAX_CONJUNCTS])
            if len(text.split()) + 1 + len(tail.split()) <= MAX_PHRASE_WORDS:
                text += f" {prep.lower_} {tail}"
            break
    return text


def _kept(t) -> bool:
    if t.dep_ in ("det", "predet"):
        return t.lower_ in _KEPT_DETERMINERS
    if t.dep_ == "poss" and t.pos_ == "PRON":  # 'their agreement': the agreement
        return False
    return not (t.is_quote or t.text in ",;:()[]")


def _time_words(tok) -> str:
    """The words of a time expression: 'Tuesday morning', 'November 11'."""
    doc, start, end = tok.doc, tok.left_edge.i, tok.i + 1
    while start < tok.i and doc[start].dep_ in ("det", "predet", "case"):
        start += 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def _children(tok) -> dict:
    out: dict = {}
    for c in tok.children:
        out.setdefault(c.dep_, c)
    return out


def _child(tok, *deps: str):
    return next((c for c in tok.children if c.dep_ in deps), None)


def _conjuncts(tok) -> list:
    out, todo = [], [c for c in tok.children if c.dep_ == "conj"]
    while todo:
        t = todo.pop(0)
        out.append(t)
        todo += [c for c in t.children if c.dep_ == "conj"]
    return out
