"""Speakers: who a quotation or a reported clause is said by (the cue verb's subject, a name beside
it, a pronoun's antecedent), read from the parse and the article's actors."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .actors.resolve import ActorRef, ArticleActors
from .data import word_set
from .quotemarks import doc_sentences, quotation_at, quotation_bounds, sent_of


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    code: str | None
    named: bool
    text: str | None


_PRONOUNS = {"he", "she", "him", "her", "his", "they", "them", "their", "we", "our", "us", "i", "it", "its"}


def noun_owner(noun):
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from"):
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


# what 'reads' words out: '“...,” the editorial read', 'It read: “...”'
_DOCUMENTS = frozenset("it this statement editorial letter message post tweet note notice release text email "
                       "sign banner placard headline communique caption".split())


def read_out(token) -> bool:
    """'read' with a document as its subject, or right after one (the parser may take '..., the
    editorial read.' for an adjective and a noun)."""
    if token.lower_ not in ("read", "reads"):
        return False
    prev = token.doc[token.i - 1] if token.i > 0 else None
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in _DOCUMENTS for c in token.children) or (
        prev is not None and prev.lemma_.lower() in _DOCUMENTS and prev.lower_ != "it")


def speaker_of(cue, actors: ArticleActors, exclude: set[int]) -> Speaker:
    """The speaker of a cue: its subject (or passive agent, or the object of 'according to'),
    inherited from the governing verb for 'adding that ...'."""
    if read_out(cue) and not any(c.dep_ == "nsubj" for c in cue.children):
        return _speaker_from_token(cue.doc[cue.i - 1], actors)  # '..., the editorial read'
    if cue.lower_ == "according":
        to = cue.nbor(1)
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            return Speaker(None, None, False, None)
        found = _speaker_from_token(objs[0], actors)
        if found.name is None and objs[0].lemma_.lower() in FINDING_SOURCES:  # "according to the data": a count
            phrase = cue.doc[objs[0].left_edge.i:objs[0].right_edge.i + 1].text  # or a record is the source
            return Speaker(_head_phrase(objs[0]), None, False, phrase)
        return found
    if cue.pos_ in ("NOUN", "PROPN"):
        owner = noun_owner(cue)
        if owner is not None:
            return _speaker_from_token(owner, actors)
        cue = cue.head if cue.head.pos_ in ("VERB", "AUX") else cue  # "expressed concern that"
    verb = cue
    aside = []
    for _ in range(3):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in exclude]
        agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subj and not agent and subj[0].lower_ == "it" and \
                (subj[0].dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children)):
            return Speaker(None, None, False, None)  # "it can be said that": nobody's words
        if subj or agent:
            found = _speaker_from_token((agent or subj)[0], actors)
            # "The bridge, he said, will close in May, adding that ...": where the clause's subject
            # cannot speak, the cue set off inside it says who adds
            return _speaker_from_token(aside[0], actors) if found.name is None and aside else found
        if verb.dep_ in ("advcl", "conj", "xcomp", "ccomp", "relcl") and verb.head is not verb:
            if verb.dep_ == "relcl":
                return _speaker_from_token(verb.head, actors)
            if verb.i == cue.i and cue.tag_ == "VBG" and cue.dep_ in ("advcl", "conj") and after_comma(cue):
                aside = [g for c in verb.head.children if c.dep_ == "parataxis" and c.i < verb.i and
                         c.lemma_.lower() in word_set("speech_verbs.txt")
                         for g in c.children if g.dep_ == "nsubj" and g.i not in exclude]
            verb = verb.head
        else:
            break
    near = _adjacent_name(cue, exclude)
    if near is not None:  # "..., asked Blige" parsed without a subject
        return _speaker_from_token(near, actors)
    return Speaker(None, None, False, None)


def after_comma(tok) -> bool:
    """Whether a word's phrase is added after a comma (", adding that ...")."""
    return tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].text == ","


def _adjacent_name(verb, exclude: set[int]):
    """A proper noun right after (or right before) a speech verb that has no subject."""
    doc = verb.doc
    inverted = verb.i > 0 and (doc[verb.i - 1].is_punct or doc[verb.i - 1].is_quote)
    for i in ((verb.i + 1, verb.i + 2) if inverted else ()) + (verb.i - 1,):
        if 0 <= i < len(doc) and i not in exclude and doc[i].pos_ == "PROPN" \
                and sent_of(doc[i]).start == sent_of(verb).start:
            tok = doc[i]
            while tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.head.i > tok.i:
                tok = tok.head
            return tok
    return None


# records and counts that are the source of what they show, find or say though no one speaks: "according
# to the data", "a new poll shows that", "the study found that" (not "according to plan", "the rules",
# "tradition"; not "Obama has shown that")
FINDING_SOURCES = frozenset("""data datum figure statistic estimate count tally calculation projection forecast
    number census research account ranking index model analysis study survey poll report record document
    investigation inquiry audit review video footage transcript paper assessment test""".split())


_PEOPLE_OF_A_STATE = frozenset("official source analyst expert observer diplomat spokesman spokeswoman spokesperson "
                               "aide adviser advisor insider critic lawmaker researcher scientist economist "
                               "commentator investigator prosecutor".split())  # lemmas


_STAFF_SECTORS = {"official": "GOV", "diplomat": "GOV", "spokesman": "GOV", "spokeswoman": "GOV",
                  "spokesperson": "GOV", "aide": "GOV", "adviser": "GOV", "advisor": "GOV", "lawmaker": "LEG"}


def _speaker_from_token(tok, actors: ArticleActors) -> Speaker:
    if tok.tag_ == "WP" and tok.head.dep_ == "relcl" and tok.head.head is not tok and tok.i > 0 \
            and tok.doc[tok.i - 1].text == ",":  # "Ted Cruz endorses Trump, who says ...": Trump; not a
        return _speaker_from_token(tok.head.head, actors)  # group a clause defines ("people who say")
    if tok.lower_ in _PRONOUNS:
        actor = antecedent(tok, actors)
        return as_speaker(actor, tok.text, tok.i, actors) if actor else Speaker(None, None, False, tok.text)
    phrase = tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text
    named_aside = _named_apposition(tok, actors)
    if named_aside is not None:  # "the group's spokesman, Tom Reyes, said": Tom Reyes
        return as_speaker(named_aside[0], phrase, named_aside[1], actors)
    if actors.at(tok.i) is not None:
        actor = actors.at(tok.i)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _PEOPLE_OF_A_STATE and actor.type in ("GPE", "NORP", "LOC"):
            # "Russian officials", "U.S. diplomats": unnamed people of a state, not the state itself
            # (as "the Chinese side", "Russian authorities" speak for it)
            code = as_speaker(actor, phrase, tok.i, actors).code or actor.country
            sector = _STAFF_SECTORS.get(tok.lemma_.lower(), "")
            if code and len(code) == 3 and sector:
                code += sector  # 'Russian officials': RUSGOV, as a named official is; 'Russian analysts': RUS
            return Speaker(_head_phrase(tok), code, False, phrase)
        return as_speaker(actor, phrase, tok.i, actors)
    last = actors.at(tok.right_edge.i)
    if tok.pos_ == "PROPN" and last is not None and last.type == "PERSON":
        # a title spelled out before the name: "U.S. Attorney for the Western District Scott Brady"
        return as_speaker(last, phrase, tok.right_edge.i, actors)
    actor = next((actors.at(t.i) for t in tok.subtree
                  if actors.at(t.i) and t.head.i == tok.i and t.dep_ in ("compound", "poss", "appos")), None)
    if actor is None and tok.lemma_.lower() in word_set("speech_nouns.txt"):
        owner = noun_owner(tok)  # "remarks from the Chinese side reiterated that"
        if owner is not None and owner.i != tok.i:
            return _speaker_from_token(owner, actors)
    of_place = actor is not None and tok.pos_ == "NOUN" and (actor.type in ("GPE", "LOC")
                                                           or (actor.code or "").startswith("IGO"))
    if actor is not None and tok.lemma_.lower() not in _unnamed_heads() and not of_place:
        return as_speaker(actor, phrase, tok.i, actors)  # "Clinton's team", "Google's lawyers"
    if of_place:
        # "Barcelona's mayor", "Spain's foreign minister", "leading EU countries": an office or a
        # group of the place or body named, not the place or body itself
        return Speaker(_head_phrase(tok), actor.code or actor.country, False, phrase)
    issuer = _issuer(tok, actors) if tok.lemma_.lower() in _ISSUED else None
    if issuer is not None:  # '"...," the statement said', after "the palace issued a statement"
        return _speaker_from_token(issuer, actors)
    country = next((actors.at(t.i).country for t in tok.subtree if actors.at(t.i)), None)
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():  # a name the entity recogniser missed: "Tester said"
        name = tok.doc[min([c.i for c in tok.children if c.dep_ == "compound" and c.i < tok.i] + [tok.i]):tok.i + 1]
        return named(tok.doc, name.text, actors)
    if tok.lemma_.lower() not in _unnamed_heads() | word_set("speech_nouns.txt") | word_set("speaker_heads.txt"):
        return Speaker(None, None, False, phrase)  # not a source: "the immediate future suggests"
    return Speaker(_head_phrase(tok), country, False, phrase)


def _named_apposition(tok, actors: ArticleActors):
    """(actor, token) of the person or body a described speaker is named as in an apposition
    ("Its Oslo coordinator, Sigrid Eknes,", "Spain's foreign minister, José Albares,"): the name,
    not the office, says who spoke. Not a place ("the capital, Oslo")."""
    if tok.pos_ != "NOUN" or actors.at(tok.i) is not None:
        return None
    for c in tok.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            actor = actors.at(c.i)
            if actor is not None and actor.type not in ("GPE", "LOC", "NORP", "FAC"):
                return actor, c.i
    return None


# documents someone issues: a statement said by one is its issuer's words
_ISSUED = frozenset("statement communique communiqué letter email e-mail message release".split())
_ISSUING = frozenset("issue release send post sign write".split())  # and "put out"; not what passes one on
LOOK_BACK = 6  # sentences before a document's mention (a long quotation's own among them) looked through


def _issuer(tok, actors: ArticleActors):
    """Who issued the document `tok` names, where the text says so: within its phrase ("a statement,
    released by the foreign ministry", "a statement from the palace") or, for "the statement",
    the nearest mention of the same document noun in the sentences just before ("The palace issued a
    statement on Monday.", "X said in a statement"). None: not said."""
    found = _issuer_here(tok, actors)
    if found is not None or not any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children):
        return found
    sentences, index = doc_sentences(tok.doc)
    mine = index[tok.i]
    for sent in reversed(sentences[max(0, mine - LOOK_BACK):mine + 1]):
        for t in reversed(list(sent)):
            if t.i < tok.i and t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() == tok.lemma_.lower():
                return _issuer_here(t, actors)  # the nearest mention is the one meant, issuer said or not
    return None


def _issuer_here(tok, actors: ArticleActors):
    """The issuer named in a document noun's own phrase or clause: its owner ("the palace's
    statement", "a statement from X"), "released/issued by X", "X issued a statement", "X said in
    a statement"."""
    owner = noun_owner(tok)
    if owner is not None and owner.i != tok.i and not (owner.dep_ == "poss" and owner.pos_ == "PRON"):
        return owner if _source(owner, actors) else None  # an author named ("a letter from a teacher") decides
    for c in tok.children:
        if c.dep_ == "acl" and _issuing(c):
            by = [g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
            if by:
                return by[0] if _source(by[0], actors) else None
    verb = tok.head
    if tok.dep_ == "nsubjpass" and _issuing(verb):  # "a statement was issued by X"
        by = [g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        return by[0] if by and _source(by[0], actors) else None
    if tok.dep_ == "pobj" and verb.lower_ == "in":  # "X said in a statement"
        verb = verb.head
    elif tok.dep_ != "dobj" or not _issuing(verb):  # "X issued (its) statement"
        return None
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return subj[0] if subj and _source(subj[0], actors) else None


def _issuing(verb) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in _ISSUING or (lemma == "put" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children))


def _source(tok, actors: ArticleActors) -> bool:
    """Whether a word names who can issue a document: an actor, a phrase holding one ("the Leicester
    City club"), an unnamed source's head ("the foreign ministry", "police"), a pronoun or a name
    the recogniser missed, not a document."""
    if tok.lemma_.lower() in _ISSUED or tok.lower_ in ("it", "this", "that"):
        return False
    return any(actors.at(t.i) is not None for t in tok.subtree) or tok.lemma_.lower() in _unnamed_heads() \
        or tok.lower_ in _PRONOUNS or (tok.pos_ == "PROPN" and tok.text[:1].isupper())  # a name missed: "Gazprom"


@cache
def _unnamed_heads() -> frozenset[str]:
    """Heads of sources that stay unnamed but described: officials, witnesses, a statement, and
    relatives and friends, who speak for themselves, not for the person they are named after."""
    return word_set("unnamed_heads.txt") | word_set("kin_words.txt")


def _head_phrase(tok) -> str:
    """An unnamed speaker as the briefing names it: the noun phrase without the aside or the
    relative clause that follows it ("officials in Reutlingen", not "..., where the attack
    occurred"; "officials", not "officials who declined to be named"). A clause without a
    relative word keeps the source it names: "a complaint filed by the SEC", "a speech Clinton gave"."""
    end = tok.right_edge.i
    for t in tok.doc[tok.i + 1:end + 1]:
        if t.text in (",", ";", "(", "—", "–") and not _in_place_name(t):
            end = t.i - 1
            break
        if t.dep_ == "relcl" and t.head.i >= tok.i and t.left_edge.lower_ in _RELATIVE_WORDS:
            end = t.left_edge.i - 1
            break
    return tok.doc[tok.left_edge.i:max(end, tok.i) + 1].text.rstrip(" ,;:")


def _in_place_name(comma) -> bool:
    """A comma inside a name ("Washington, D.C.", "Reutlingen, Germany"): names either side of it."""
    doc = comma.doc
    return comma.text == "," and (comma.ent_iob_ == "I" or 0 < comma.i < len(doc) - 1
                                  and doc[comma.i - 1].pos_ == "PROPN" and doc[comma.i + 1].pos_ == "PROPN")


_RELATIVE_WORDS = frozenset("who whom whose which where when that".split())
# verbs that report words someone said (not 'reported', which an outlet does, nor 'ordered', an act told)
_SAYING = frozenset("say tell add state announce declare write insist stress warn".split())


def relayed(verb, actors: ArticleActors) -> bool:
    """Whether `verb` reports what a named speaker said ('Turkey's intelligence agency said "...',
    'Smith told reporters that ...'): a verb of saying with a quotation of its own, or with a clause
    said and a subject holding a name or an actor the article names. 'The driver told officers
    he had not seen ...' or 'the storm added to the damage' is no such report."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in _SAYING:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(c.dep_ == "punct" and c.text in _QUOTE_MARKS for c in verb.children):
        return bool(subjects)  # '"...," the harbour police said': the quotation is theirs, named or not
    by_name = any(t.pos_ == "PROPN" or actors.at(t.i) is not None for c in subjects for t in c.subtree)
    return by_name and any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)


_QUOTE_MARKS = frozenset('"“”‘’\'«»„')


def named(doc, name: str, actors: ArticleActors) -> Speaker:
    """A speaker given by name alone (a transcript turn, a dash credit): the article's actor
    whose name holds it, else the name as written."""
    key = name.strip(" .").casefold()
    words = key.split()
    for actor in actors.actors.values():
        parts = actor.name.casefold().split()
        if actor.type == "PERSON" and words and (parts == words or parts[-len(words):] == words):
            return Speaker(actor.name, actor.code, True, name)
    pretty = name.strip(" .").title() if name.isupper() else name.strip(" .")
    return Speaker(pretty, None, True, name)


def as_speaker(actor: ActorRef, text: str, token_i: int, actors: ArticleActors) -> Speaker:
    code = actor.code
    if token_i in actors.metonyms and actor.country:
        code = (actor.code or actor.country) + ("GOV" if not (actor.code or "").endswith("GOV") else "")
    return Speaker(actor.name, code, True, text)


def antecedent(tok, actors: ArticleActors) -> ActorRef | None:
    """The actor a pronoun refers to: the latest person (he/she) or group (they/it) named
    before it, preferring subjects, within the last three sentences; a name inside a quotation is
    one only for a pronoun in that quotation ('"... we wish he [Epstein] had lived ...," she
    tweeted': she is not Epstein; '"Obama is a good man. He will win"': he is)."""
    want_person = tok.lower_ in ("he", "she", "him", "her", "his", "i")
    # the one sort a gendered pronoun cannot be: "she" is no man the article calls "Mr" or "Sir"
    not_gender = {"she": "m", "her": "m", "he": "f", "him": "f", "his": "f"}.get(tok.lower_)
    doc = tok.doc
    sent_starts = [s.start for s in doc_sentences(doc)[0] if s.start <= tok.i]
    floor = sent_starts[-4] if len(sent_starts) >= 4 else 0
    quoted = quotation_bounds(doc)
    mine = quotation_at(quoted, tok.idx)  # the quotation the pronoun stands in, if any: its names count
    best = None
    for i in range(tok.i - 1, floor - 1, -1):
        actor = actors.at(i)
        if actor is None or (want_person and actor.type != "PERSON") or (not_gender and actor.gender == not_gender):
            continue
        if (k := quotation_at(quoted, doc[i].idx)) is not None and k != mine:
            continue
        if not want_person and actor.type == "PERSON" and tok.lower_ in ("it",):
            continue
        if doc[i].dep_ in ("nsubj", "nsubjpass") or doc[i].head.dep_ in ("nsubj", "nsubjpass"):
            return actor
        best = best or actor
    return best
