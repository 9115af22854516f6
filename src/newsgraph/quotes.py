"""Quotes: direct (in quotation marks, or a block after 'stated the following:') and indirect
('X said that ...', 'according to X, ...'), each with its speaker resolved to an actor."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache

from .actors.resolve import ActorRef, ArticleActors
from .data import word_set
from .records import Quote

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‘": "’", "‹": "›"}
_PRONOUNS = {"he", "she", "him", "her", "his", "they", "them", "their", "we", "our", "us", "i", "it", "its"}
_NOUN_CLAUSE_CUES = {"concern", "confidence", "hope", "belief", "fear", "doubt", "view", "assurance",
                     "warning", "claim", "statement", "conviction", "insistence", "promise", "pledge"}
_WINDOW = 60  # tokens around a quotation searched for its cue and its frame
_DASH_NAME = re.compile(r"^[\s,]*[―—–-]\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")
_TURN = re.compile(r"^\s*[\"“]?(?P<name>[A-Z][A-Z.'’ -]{1,30}[A-Z.]):\s+\S")
_BLOCK_INTRO = re.compile(r"\b(the following|as follows|stated|said|noted|added|wrote|declared)\s*:\s*$", re.I)


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str | None
    code: str | None
    named: bool
    text: str | None


def _sentences(doc) -> tuple[list, list[int]]:
    """The Doc's sentences and each token's sentence number, computed once per Doc
    (spaCy's Token.sent walks the whole document on every call)."""
    cached = doc.user_data.get("newsgraph_sents")
    if cached is None:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for k, s in enumerate(sents):
            index[s.start:s.end] = [k] * (s.end - s.start)
        cached = doc.user_data["newsgraph_sents"] = (sents, index)
    return cached


def _text(doc) -> str:
    """The Doc's text, built once (spaCy joins every token on each `doc.text`)."""
    text = doc.user_data.get("newsgraph_text")
    if text is None:
        text = doc.user_data["newsgraph_text"] = doc.text
    return text


def sent_of(tok):
    sents, index = _sentences(tok.doc)
    return sents[index[tok.i]]


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the words inside quotation marks, paragraph by paragraph.
    A quotation still open at the end of its paragraph closes there, or with its first sentence
    when its closing mark looks lost (`_unclosed`)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    paras = text.split("\n")
    for k, para in enumerate(paras):
        found = _para_spans(para)
        if found and found[-1][1] == len(para.rstrip()) and para.rstrip()[-1:] not in _CLOSERS:
            found[-1] = _unclosed(para, found[-1], next((p for p in paras[k + 1:] if p.strip()), ""))
        spans += [(pos + a, pos + b) for a, b in found]
        pos += len(para) + 1
    return [(a, b) for a, b in spans if text[a:b].strip()]


_CLOSERS = frozenset(_OPEN_CLOSE.values()) | {'"'}
_SENTENCE_END = re.compile(r"[.!?](?:\[\d+\])?(?=\s+[\"“‘A-Z])")


def _unclosed(para: str, span: tuple[int, int], following: str) -> tuple[int, int]:
    """A quotation still open at its paragraph's end. Running on into the next paragraph is marked
    by that paragraph opening with a quotation mark; otherwise the closing mark was lost (“… sphere
    of influence.[5] The Russian leader stated the following:) and the quotation ends with its
    first sentence, unless what follows it speaks in the first person (“We will win. We always do.)."""
    if following.lstrip()[:1] in _OPEN_CLOSE or following.lstrip().startswith('"'):
        return span
    end = _SENTENCE_END.search(para, span[0], span[1])
    if end is None or _FIRST_PERSON.search(para, end.end(), span[1]):
        return span
    return span[0], end.start() + 1


_FIRST_PERSON = re.compile(r"\b(?:I|we|We|us|our|Our|my|My|me)\b")


def _para_spans(para: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    open_at, closer = None, None
    for i, ch in enumerate(para):
        if open_at is None:
            if ch in _OPEN_CLOSE and not (ch == "‘" and _inside_word(para, i)):
                open_at, closer = i, _OPEN_CLOSE[ch]
            elif ch == '"':
                open_at, closer = i, '"'
        elif ch == closer and not (ch == "’" and (_inside_word(para, i) or _plural_possessive(para, i))):
            out.append((open_at + 1, i))
            open_at = None
    if open_at is not None and len(para) - open_at > 1:
        out.append((open_at + 1, len(para.rstrip())))
    return out


def _plural_possessive(s: str, i: int) -> bool:
    """'The farmers’ income ...’: an s’ followed by a lower-case word, with a ’ still to come."""
    rest = s[i + 1:]
    return s[i - 1:i] == "s" and rest[:1] == " " and rest[1:2].islower() and "’" in rest


def _inside_word(s: str, i: int) -> bool:
    return 0 < i < len(s) - 1 and s[i - 1].isalnum() and s[i + 1].isalnum()


def extract_quotes(doc, actors: ArticleActors, article_id: str) -> list[Quote]:
    """Direct and indirect quotes of a parsed article, in text order."""
    cues = word_set("speech_verbs.txt")
    spans = _spans(doc)
    quotes = _merge_split(doc, _direct(doc, spans, actors, article_id, cues), cues)
    indirect = _indirect(doc, spans, actors, article_id, cues)
    quotes = _mark_fragments(quotes, indirect) + indirect
    quotes += _block_quotes(doc, actors, article_id, cues, quotes)
    quotes += _transcript_turns(doc, actors, article_id, quotes)
    # by end: a quoted fragment comes before the reported clause that holds it
    return sorted(quotes, key=lambda q: (q.end, q.kind != "direct", q.start))


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end


def _make(doc, start: int, end: int, kind: str, cue, speaker: _Speaker, article_id: str) -> Quote | None:
    start, end = _trim_span(_text(doc), start, end)
    if end <= start:
        return None
    text = " ".join(_text(doc)[start:end].split())  # blanked reference markers leave spaces
    span = doc.char_span(start, end, alignment_mode="expand")
    sent = sent_of(span[0]).text if span is not None and len(span) else ""
    if len(sent) > 1000:  # a run-on "sentence": keep the words around the quote only
        offset = sent_of(span[0]).start_char
        sent = sent[max(start - offset - 300, 0):end - offset + 300]
    key = tuple(sorted({t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop})) if span is not None else ()
    return Quote(article_id, text, kind, start, end, speaker.name, speaker.code,
                 speaker.named, speaker.text, cue.lemma_.lower() if cue is not None else None, sent, key=key)


# ------------------------------------------------------------------ direct
def _direct(doc, spans, actors: ArticleActors, article_id: str, cues) -> list[Quote]:
    out = []
    for start, end in spans:
        inner = doc.char_span(start, end, alignment_mode="expand")
        if inner is None or not len(inner):
            continue
        inside = set(range(inner.start, inner.end))
        turn = _TURN.match(_text(doc), start - 1) or _TURN.match(_text(doc)[start:end])
        if turn is not None:  # an interview transcript: "PENCE: Well, look, ..."
            begin = start if _text(doc)[start:end].startswith(turn.group("name")) else start - 1
            name_end = _text(doc).index(":", begin)
            q = _make(doc, name_end + 1, end, "direct", None, _named(doc, turn.group("name"), actors), article_id)
            out += [q] if q is not None else []
            continue
        cue = _cue_for(inner, inside, cues)
        n_words = sum(t.is_alpha for t in inner)
        dash = _DASH_NAME.match(_text(doc)[end + 1:end + 80]) if cue is None else None
        if dash is not None:  # “…” ― Krystal Correa
            q = _make(doc, start, end, "direct", None, _named(doc, dash.group("name"), actors), article_id)
            out += [q] if q is not None else []
            continue
        if cue is None:
            speaker = (_giver(inner, actors) or _context_speaker(doc, inner, actors, out)) if n_words >= 5 else None
            if speaker is None:
                continue  # a scare-quoted term or an unattributed fragment
            q = _make(doc, start, end, "direct", None, speaker, article_id)
        else:
            kind = "direct" if _quoted_share(inner, cue) >= 0.5 else "fragment"
            q = _make(doc, start, end, kind, cue, _speaker_of(cue, actors, inside), article_id)
        if q is not None:
            out.append(q)
    return out


def _quoted_share(inner, cue) -> float:
    """Share of the attributed words that are inside the quotation marks: the words of its
    sentences less the cue and the speaker's words."""
    sents = {sent_of(t).start: sent_of(t) for t in (inner[0], inner[-1])}
    frame = {cue.i}
    if cue.pos_ in ("VERB", "AUX"):
        for c in cue.children:
            if c.dep_ in ("nsubj", "nsubjpass", "agent"):
                frame.update(t.i for t in c.subtree)
    side = (lambda t: t.i < cue.i) if inner.start < cue.i else (lambda t: t.i > cue.i)
    near = range(inner.start - _WINDOW, inner.end + _WINDOW)
    words = [t for s in sents.values() for t in s if t.i in near and t.is_alpha and t.i not in frame and side(t)]
    quoted = [t for t in words if inner.start <= t.i < inner.end]
    return len(quoted) / len(words) if words else 1.0


def _cue_for(inner, inside: set[int], cues):
    """The speech verb outside the quotation that governs it, in the quote's sentences."""
    sents = {sent_of(t).start: sent_of(t) for t in (inner[0], inner[-1])}
    near = range(inner.start - _WINDOW, inner.end + _WINDOW)
    cands = [t for s in sents.values() for t in s if t.i in near and t.i not in inside and _is_cue(t, cues)]
    ancestors = list(inner.root.ancestors)
    governing = [t for t in ancestors if t in cands]
    if governing:  # the nearest speech verb above the quotation
        cue = governing[0]
    elif cands:
        cue = min(cands, key=lambda t: min(abs(t.i - inner.start), abs(t.i - inner.end)))
    else:
        cue = _noun_cue(ancestors, inside) or _according_to(inner, inside)
    if cue is not None and len(inner) <= 3 and (_scare_quoted(inner) or _distance(inner.root, cue) > 4):
        return None  # a scare-quoted term, not words attributed to anyone
    return cue


def _noun_cue(ancestors, inside: set[int]):
    """'China's declaration of an “unlimited friendship”': a speech noun with an owner."""
    nouns = word_set("speech_nouns.txt")
    for t in ancestors:
        if t.lemma_.lower() in nouns and t.i not in inside and _noun_owner(t) is not None:
            return t
    return None


def _noun_owner(noun):
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from"):
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _scare_quoted(inner) -> bool:
    before = _text(inner.doc)[max(inner.start_char - 14, 0):inner.start_char].lower()
    return "so-called" in before or "so called" in before


def _distance(tok, cue) -> int:
    for n, a in enumerate(tok.ancestors, 1):
        if a.i == cue.i:
            return n
    return 99


# what 'reads' words out: '“...,” the editorial read', 'It read: “...”'
_DOCUMENTS = frozenset("it this statement editorial letter message post tweet note notice release text email "
                       "sign banner placard headline communique caption".split())


def _is_cue(token, cues) -> bool:
    if _read_out(token):
        return True
    return token.pos_ in ("VERB", "AUX") and token.dep_ != "amod" and token.lemma_.lower() in cues


def _read_out(token) -> bool:
    """'read' with a document as its subject, or right after one (the parser may take '..., the
    editorial read.' for an adjective and a noun)."""
    if token.lower_ not in ("read", "reads"):
        return False
    prev = token.doc[token.i - 1] if token.i > 0 else None
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in _DOCUMENTS for c in token.children) or (
        prev is not None and prev.lemma_.lower() in _DOCUMENTS and prev.lower_ != "it")


# verbs by which a named person gives quoted words without a verb of saying: 'May sent her “deepest condolences”'
_GIVING = frozenset("send offer extend express convey voice pay share post deliver issue".split())


def _giver(inner, actors: ArticleActors) -> _Speaker | None:
    """The named person who gives a quotation as the object of a verb of giving ('Theresa May sent
    her “deepest condolences to ...”'): the verb's subject, if the article names them."""
    inside = set(range(inner.start, inner.end))
    words = [t for t in inner if t.is_alpha and not t.is_stop]
    if words and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words):
        return None  # a title ('shared “The Lord of the Rings”'), not words of theirs
    for verb in inner.root.ancestors:
        if verb.i in inside:
            continue
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in _GIVING:
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        actor = actors.at(subj.i) if subj is not None else None
        if actor is None or actor.type != "PERSON":
            return None
        return _as_speaker(actor, subj.doc[subj.left_edge.i:subj.right_edge.i + 1].text, subj.i, actors)
    return None


def _according_to(inner, inside: set[int]):
    for t in sent_of(inner[0]):
        if t.lower_ == "according" and t.i not in inside and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to":
            return t
    return None


def _merge_split(doc, quotes: list[Quote], cues) -> list[Quote]:
    """One quote from its pieces: “A,” he said, “B.” and a quotation that runs on into the
    next paragraph. The text joins the pieces with ' … '; the offsets span them all."""
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: q.start):
        prev = out[-1] if out else None
        same = prev is not None and prev.speaker == q.speaker and (prev.speaker or prev.speaker_text == q.speaker_text)
        if same and _joinable(doc, prev, q, cues):
            out[-1] = replace(prev, text=f"{prev.text} … {q.text}", end=q.end,
                              key=tuple(sorted(set(prev.key) | set(q.key))),
                              cue=prev.cue or q.cue)
        else:
            out.append(q)
    return out


def _joinable(doc, a: Quote, b: Quote, cues) -> bool:
    gap = _text(doc)[a.end:b.start]
    if len(gap) > 240 or gap.count("\n") > 2:
        return False
    span = doc.char_span(a.end, b.start, alignment_mode="expand")
    words = [t for t in span if t.is_alpha] if span is not None else []
    if not words:
        return "\n" in gap or "," in gap  # the next paragraph or sentence goes on quoting
    if a.kind != "direct" or b.kind != "direct" or "\n" in gap:
        return False
    # only the attribution between the pieces: "he said", "said Jim Clyburn, the party whip"
    return len(words) <= 20 and any(t.lemma_.lower() in cues for t in words) and not \
        any(t.pos_ == "VERB" and t.lemma_.lower() not in cues for t in words)


def _mark_fragments(direct: list[Quote], indirect: list[Quote]) -> list[Quote]:
    """A quoted fragment inside a reported clause is kind 'fragment' (the clause is 'mixed')."""
    out = []
    for q in direct:
        inside = any(c.start <= q.start and q.end <= c.end and (c.end - c.start) > (q.end - q.start) + 3
                     for c in indirect)
        out.append(replace(q, kind="fragment") if inside else q)
    return out


# ------------------------------------------------------------------ speakers
def _speaker_of(cue, actors: ArticleActors, exclude: set[int]) -> _Speaker:
    """The speaker of a cue: its subject (or passive agent, or the object of 'according to'),
    inherited from the governing verb for 'adding that ...'."""
    if _read_out(cue) and not any(c.dep_ == "nsubj" for c in cue.children):
        return _speaker_from_token(cue.doc[cue.i - 1], actors)  # '..., the editorial read'
    if cue.lower_ == "according":
        to = cue.nbor(1)
        objs = [c for c in to.children if c.dep_ == "pobj"]
        return _speaker_from_token(objs[0], actors) if objs else _Speaker(None, None, False, None)
    if cue.pos_ in ("NOUN", "PROPN"):
        owner = _noun_owner(cue)
        if owner is not None:
            return _speaker_from_token(owner, actors)
        cue = cue.head if cue.head.pos_ in ("VERB", "AUX") else cue  # "expressed concern that"
    verb = cue
    for _ in range(3):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in exclude]
        agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subj and not agent and subj[0].lower_ == "it" and \
                (subj[0].dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children)):
            return _Speaker(None, None, False, None)  # "it can be said that": nobody's words
        if subj or agent:
            return _speaker_from_token((agent or subj)[0], actors)
        if verb.dep_ in ("advcl", "conj", "xcomp", "ccomp", "relcl") and verb.head is not verb:
            if verb.dep_ == "relcl":
                return _speaker_from_token(verb.head, actors)
            verb = verb.head
        else:
            break
    near = _adjacent_name(cue, exclude)
    if near is not None:  # "..., asked Blige" parsed without a subject
        return _speaker_from_token(near, actors)
    return _Speaker(None, None, False, None)


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


def _speaker_from_token(tok, actors: ArticleActors) -> _Speaker:
    if tok.lower_ in _PRONOUNS:
        actor = antecedent(tok, actors)
        return _as_speaker(actor, tok.text, tok.i, actors) if actor else _Speaker(None, None, False, tok.text)
    phrase = tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text
    if actors.at(tok.i) is not None:
        return _as_speaker(actors.at(tok.i), phrase, tok.i, actors)
    actor = next((actors.at(t.i) for t in tok.subtree
                  if actors.at(t.i) and t.head.i == tok.i and t.dep_ in ("compound", "poss", "appos")), None)
    if actor is None and tok.lemma_.lower() in word_set("speech_nouns.txt"):
        owner = _noun_owner(tok)  # "remarks from the Chinese side reiterated that"
        if owner is not None and owner.i != tok.i:
            return _speaker_from_token(owner, actors)
    of_place = actor is not None and tok.pos_ == "NOUN" and (actor.type in ("GPE", "LOC")
                                                           or (actor.code or "").startswith("IGO"))
    if actor is not None and tok.lemma_.lower() not in _unnamed_heads() and not of_place:
        return _as_speaker(actor, phrase, tok.i, actors)  # "Clinton's team", "Google's lawyers"
    if of_place:
        # "Barcelona's mayor", "Spain's foreign minister", "leading EU countries": an office or a
        # group of the place or body named, not the place or body itself
        return _Speaker(_head_phrase(tok), actor.code or actor.country, False, phrase)
    country = next((actors.at(t.i).country for t in tok.subtree if actors.at(t.i)), None)
    if tok.pos_ == "PROPN":  # a name the entity recogniser missed: "Tester said"
        name = tok.doc[min([c.i for c in tok.children if c.dep_ == "compound" and c.i < tok.i] + [tok.i]):tok.i + 1]
        return _named(tok.doc, name.text, actors)
    if tok.lemma_.lower() not in _unnamed_heads() | word_set("speech_nouns.txt"):
        return _Speaker(None, None, False, phrase)  # not a source: "the immediate future suggests"
    return _Speaker(_head_phrase(tok), country, False, phrase)


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


def _relayed(verb, actors: ArticleActors) -> bool:
    """Whether `verb` reports what a named speaker said ('Turkey's intelligence agency said "...',
    'Smith told reporters that ...'): a verb of saying with a quotation of its own, or with a clause
    said and a subject holding a name or an actor the article names. 'The driver told officers
    he had not seen ...' or 'the storm added to the damage' is no such report."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in _SAYING:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(c.dep_ == "punct" and c.text in _QUOTE_MARKS for c in verb.children):
        return bool(subjects)  # '"...," the harbour police said': the quotation is theirs, named or not
    named = any(t.pos_ == "PROPN" or actors.at(t.i) is not None for c in subjects for t in c.subtree)
    return named and any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)


_QUOTE_MARKS = frozenset('"“”‘’\'«»„')


def _named(doc, name: str, actors: ArticleActors) -> _Speaker:
    """A speaker given by name alone (a transcript turn, a dash credit): the article's actor
    whose name holds it, else the name as written."""
    key = name.strip(" .").casefold()
    words = key.split()
    for actor in actors.actors.values():
        parts = actor.name.casefold().split()
        if actor.type == "PERSON" and words and (parts == words or parts[-len(words):] == words):
            return _Speaker(actor.name, actor.code, True, name)
    pretty = name.strip(" .").title() if name.isupper() else name.strip(" .")
    return _Speaker(pretty, None, True, name)


def _as_speaker(actor: ActorRef, text: str, token_i: int, actors: ArticleActors) -> _Speaker:
    code = actor.code
    if token_i in actors.metonyms and actor.country:
        code = (actor.code or actor.country) + ("GOV" if not (actor.code or "").endswith("GOV") else "")
    return _Speaker(actor.name, code, True, text)


def antecedent(tok, actors: ArticleActors) -> ActorRef | None:
    """The actor a pronoun refers to: the latest person (he/she) or group (they/it) named
    before it, preferring subjects, within the last three sentences; a name inside a quotation is
    one only for a pronoun in that quotation ('"... we wish he [Epstein] had lived ...," she
    tweeted': she is not Epstein; '"Obama is a good man. He will win"': he is)."""
    want_person = tok.lower_ in ("he", "she", "him", "her", "his", "i")
    # the one sort a gendered pronoun cannot be: "she" is no man the article calls "Mr" or "Sir"
    not_gender = {"she": "m", "her": "m", "he": "f", "him": "f", "his": "f"}.get(tok.lower_)
    doc = tok.doc
    sent_starts = [s.start for s in _sentences(doc)[0] if s.start <= tok.i]
    floor = sent_starts[-4] if len(sent_starts) >= 4 else 0
    quoted = _quoted(doc)
    mine = _span_of(quoted, tok.idx)  # the quotation the pronoun stands in, if any: its names count
    best = None
    for i in range(tok.i - 1, floor - 1, -1):
        actor = actors.at(i)
        if actor is None or (want_person and actor.type != "PERSON") or (not_gender and actor.gender == not_gender):
            continue
        if (k := _span_of(quoted, doc[i].idx)) is not None and k != mine:
            continue
        if not want_person and actor.type == "PERSON" and tok.lower_ in ("it",):
            continue
        if doc[i].dep_ in ("nsubj", "nsubjpass") or doc[i].head.dep_ in ("nsubj", "nsubjpass"):
            return actor
        best = best or actor
    return best


def _spans(doc) -> list[tuple[int, int]]:
    """The doc's quotations (`quote_spans`), found once per doc: quotes and pronouns both read them."""
    spans = doc.user_data.get("newsgraph_quote_spans")
    if spans is None:
        spans = doc.user_data["newsgraph_quote_spans"] = quote_spans(_text(doc))
    return spans


def _quoted(doc) -> tuple[list[int], list[int]]:
    """The starts and ends of the doc's quotations, for `_span_of`."""
    spans = _spans(doc)
    return [a for a, _ in spans], [b for _, b in spans]


def _span_of(quoted: tuple[list[int], list[int]], pos: int) -> int | None:
    """Which quotation (its index in `_quoted`) the character at `pos` stands in; None: none."""
    k = bisect_right(quoted[0], pos) - 1
    return k if k >= 0 and pos < quoted[1][k] else None


def _context_speaker(doc, inner, actors: ArticleActors, earlier: list[Quote]) -> _Speaker | None:
    """Speaker of a quotation that stands alone: the intro sentence before it ('X noted the
    following:'), else the speaker of the quotation just before it in the same or previous paragraph."""
    prev_sent = _previous_sentence(doc, sent_of(inner[0]).start)
    if prev_sent is not None and prev_sent.text.rstrip().endswith(":"):
        cue = next((t for t in reversed(prev_sent) if _is_cue(t, word_set("speech_verbs.txt"))), None)
        if cue is not None:
            return _speaker_of(cue, actors, set())
    if earlier and earlier[-1].speaker and inner.start_char - earlier[-1].end < 400:
        q = earlier[-1]
        return _Speaker(q.speaker, q.speaker_code, q.speaker_named, q.speaker_text)
    return None


def _previous_sentence(doc, sent_start: int):
    """The sentence that ends where the sentence starting at `sent_start` begins."""
    prev = None
    for s in _sentences(doc)[0]:
        if s.start >= sent_start:
            break
        if s.text.strip():
            prev = s
    return prev if prev is not None and sent_start - prev.end <= 2 else None


# ------------------------------------------------------------------ indirect
def _indirect(doc, spans, actors: ArticleActors, article_id: str, cues) -> list[Quote]:
    quoted = _char_mask(len(_text(doc)), spans)
    out = []
    for tok in doc:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _NOUN_CLAUSE_CUES:
            comps = [c for c in tok.children if c.dep_ in ("acl", "ccomp")
                     and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
            for comp in comps:
                q = _clause_quote(doc, tok, comp, quoted, actors, article_id)
                if q is not None:
                    out.append(q)
        elif _is_cue(tok, cues):
            comps = [c for c in tok.children if c.dep_ == "ccomp"]
            for comp in comps:
                q = _clause_quote(doc, tok, comp, quoted, actors, article_id)
                if q is not None:
                    out.append(q)
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            q = _according_quote(doc, tok, quoted, actors, article_id)
            if q is not None:
                out.append(q)
    return out


def _char_mask(n: int, spans) -> bytearray:
    mask = bytearray(n)
    for a, b in spans:
        mask[a:b] = b"\x01" * (b - a)
    return mask


def _clause_quote(doc, cue, comp, quoted, actors, article_id) -> Quote | None:
    tokens = [t for t in comp.subtree]
    if tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if"):
        tokens = tokens[1:]
    if sum(t.is_alpha for t in tokens) < 3:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    inside = sum(quoted[start:end]) / max(1, end - start)
    if inside > 0.85:
        return None  # the whole clause is a direct quote, already taken
    if cue.i > comp.i and inside == 0 and _in_quote(quoted, cue.idx):
        return None
    speaker = _speaker_of(cue, actors, {t.i for t in tokens})
    if speaker.name is None:
        return None  # an indirect quote needs a source: a named actor or a described one
    return _make(doc, start, end, "mixed" if inside > 0 else "indirect", cue, speaker, article_id)


def _in_quote(quoted, pos: int) -> bool:
    return 0 <= pos < len(quoted) and bool(quoted[pos])


def _according_quote(doc, tok, quoted, actors, article_id) -> Quote | None:
    """'According to X, CLAUSE' and 'CLAUSE, according to X': the clause is what X said."""
    phrase = set(t.i for t in tok.subtree)
    root = tok.head if tok.head is not tok else sent_of(tok).root
    edges = (root.left_edge.i, root.right_edge.i)
    tokens = [t for t in root.subtree if t.i not in phrase and not (t.is_punct and t.i in edges)]
    if sum(t.is_alpha for t in tokens) < 3:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if sum(quoted[start:end]) / max(1, end - start) > 0.85:
        return None
    if any(_relayed(t, actors) for t in tokens):
        return None  # 'X said ..., according to Reuters': X's words, which the outlet relays
    speaker = _speaker_of(tok, actors, set())
    return _make(doc, start, end, "indirect", tok, speaker, article_id) if speaker.name else None


# ------------------------------------------------------------------ transcripts
_NOT_SPEAKERS = {"UPDATE", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION", "CLARIFICATION",
                 "WATCH", "READ", "RELATED", "PHOTO", "VIDEO", "SOURCE", "ADVERTISEMENT", "Q", "A"}


def _transcript_turns(doc, actors: ArticleActors, article_id: str, found: list[Quote]) -> list[Quote]:
    """Unquoted interview lines 'SMITH: Well, we will see.' when the article has at least two."""
    text, pos, turns = _text(doc), 0, []
    for line in text.split("\n"):
        m = _TURN.match(line)
        if m and not line.lstrip().startswith(('"', "“")) and m.group("name").strip() not in _NOT_SPEAKERS:
            colon = pos + line.index(":", m.start("name"))
            turns.append((m.group("name"), colon + 1, pos + len(line)))
        pos += len(line) + 1
    if len(turns) < 2:
        return []
    out = []
    for name, start, end in turns:
        if any(q.start <= start < q.end for q in found):
            continue
        q = _make(doc, start, end, "direct", None, _named(doc, name, actors), article_id)
        out += [q] if q is not None else []
    return out


# ------------------------------------------------------------------ block quotes
def _block_quotes(doc, actors: ArticleActors, article_id: str, cues, found: list[Quote]) -> list[Quote]:
    """An unmarked paragraph introduced as someone's words: '... stated the following:'."""
    out = []
    text = _text(doc)
    pos = 0
    paras = text.split("\n")
    for k, para in enumerate(paras[:-1]):
        nxt_start = pos + len(para) + 1
        pos_next = nxt_start
        nxt = paras[k + 1]
        if not nxt.strip() and k + 2 < len(paras):
            pos_next, nxt = nxt_start + len(nxt) + 1, paras[k + 2]
        if _BLOCK_INTRO.search(para) and nxt.strip() and not nxt.lstrip().startswith(tuple(_OPEN_CLOSE) + ('"',)):
            intro = doc.char_span(pos, pos + len(para), alignment_mode="expand")
            cue = next((t for t in reversed(intro) if _is_cue(t, cues)), None) if intro is not None else None
            inside = any(q.start >= pos_next and q.end <= pos_next + len(nxt) for q in found if q.kind == "direct")
            if cue is not None and not inside:
                q = _make(doc, pos_next, pos_next + len(nxt), "direct", cue, _speaker_of(cue, actors, set()),
                          article_id)
                if q is not None:
                    out.append(q)
        pos = nxt_start
    return out
