"""Quotes: direct (in quotation marks, or a block after 'stated the following:') and indirect
('X said that ...', 'according to X, ...'), each with its speaker resolved to an actor."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .actors.resolve import ArticleActors
from .clean.boilerplate import title_case_ratio
from .data import tsv_rows, word_set
from .quotemarks import OPEN_CLOSE, doc_quotations, doc_sentences, doc_text, sent_of
from .records import Quote
from .speakers import (
    FINDING_SOURCES,
    Speaker,
    after_comma,
    as_speaker,
    named,
    noun_owner,
    read_out,
    relayed,
    speaker_of,
)

_NOUN_CLAUSE_CUES = {"concern", "confidence", "hope", "belief", "fear", "doubt", "view", "assurance",
                     "warning", "claim", "statement", "conviction", "insistence", "promise", "pledge"}
_WINDOW = 60  # tokens around a quotation searched for its cue and its frame
# "a poll shows that ...", "the study found that ...": cues of a source's reported findings, never of
# the words of a quotation, and only where what shows or finds is a poll, a study, a document...
# (speakers.FINDING_SOURCES; not "Obama has shown that he is willing", "Smith found that ...")
_FINDINGS = frozenset({"show", "find"})
_DASH_NAME = re.compile(r"^[\s,]*[―—–-]\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")
_TURN = re.compile(r"^\s*[\"“]?(?P<name>[A-Z][A-Z.'’ -]{1,30}[A-Z.]):\s+\S")
_BLOCK_INTRO = re.compile(r"\b(the following|as follows|stated|said|noted|added|wrote|declared)\s*:\s*$", re.I)


def extract_quotes(doc, actors: ArticleActors, article_id: str) -> list[Quote]:
    """Direct and indirect quotes of a parsed article, in text order."""
    cues = word_set("speech_verbs.txt")
    spans = doc_quotations(doc)
    quotes = _merge_split(doc, _direct(doc, spans, actors, article_id, cues), cues)
    indirect = _indirect(doc, spans, actors, article_id, cues | _FINDINGS)
    # a quotation that is what an act was about ('calling the candidate “extremely fit”') stays direct
    quotes = _mark_fragments(quotes, [q for q in indirect if not any(k[:1] == "@" for k in q.key)]) + indirect
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


def _make(doc, start: int, end: int, kind: str, cue, speaker: Speaker, article_id: str,
          gap: tuple[int, int] | None = None) -> Quote | None:
    """A quote of the text's start..end; `gap`: the cue's own words set off inside it, left out of
    its text and its key."""
    start, end = _trim_span(doc_text(doc), start, end)
    if end <= start:
        return None
    whole = doc_text(doc)
    parts = [(start, end)] if gap is None else [(start, gap[0]), (gap[1], end)]
    # blanked reference markers leave spaces; the words either side of a gap joined as a split quote's
    text = " … ".join(" ".join(whole[slice(*_trim_span(whole, a, b))].split()) for a, b in parts)
    span = doc.char_span(start, end, alignment_mode="expand")
    sent = sent_of(span[0]).text if span is not None and len(span) else ""
    if len(sent) > 1000:  # a run-on "sentence": keep the words around the quote only
        offset = sent_of(span[0]).start_char
        sent = sent[max(start - offset - 300, 0):end - offset + 300]
    key = tuple(sorted({t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop
                        and (gap is None or not gap[0] <= t.idx < gap[1])})) if span is not None else ()
    return Quote(article_id, text, kind, start, end, speaker.name, speaker.code,
                 speaker.named, speaker.text, cue.lemma_.lower() if cue is not None else None, sent, key=key,
                 gap_start=gap[0] if gap else None, gap_end=gap[1] if gap else None)


# ------------------------------------------------------------------ direct
def _direct(doc, spans, actors: ArticleActors, article_id: str, cues) -> list[Quote]:
    out = []
    for start, end in spans:
        inner = doc.char_span(start, end, alignment_mode="expand")
        if inner is None or not len(inner):
            continue
        inside = set(range(inner.start, inner.end))
        turn = _TURN.match(doc_text(doc), start - 1) or _TURN.match(doc_text(doc)[start:end])
        if turn is not None:  # an interview transcript: "PENCE: Well, look, ..."
            begin = start if doc_text(doc)[start:end].startswith(turn.group("name")) else start - 1
            name_end = doc_text(doc).index(":", begin)
            q = _make(doc, name_end + 1, end, "direct", None, named(doc, turn.group("name"), actors), article_id)
            out += [q] if q is not None else []
            continue
        cue = _cue_for(inner, inside, cues)
        n_words = sum(t.is_alpha for t in inner)
        dash = _DASH_NAME.match(doc_text(doc)[end + 1:end + 80]) if cue is None else None
        if dash is not None:  # “…” ― Krystal Correa
            q = _make(doc, start, end, "direct", None, named(doc, dash.group("name"), actors), article_id)
            out += [q] if q is not None else []
            continue
        if cue is None:
            speaker = (_giver(inner, actors) or _context_speaker(doc, inner, actors, out)) if n_words >= 5 else None
            if speaker is None:
                continue  # a scare-quoted term or an unattributed fragment
            q = _make(doc, start, end, "direct", None, speaker, article_id)
        else:
            kind = "direct" if _quoted_share(inner, cue) >= 0.5 else "fragment"
            q = _make(doc, start, end, kind, cue, speaker_of(cue, actors, inside), article_id)
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
        if t.lemma_.lower() in nouns and t.i not in inside and noun_owner(t) is not None:
            return t
    return None


def _scare_quoted(inner) -> bool:
    before = doc_text(inner.doc)[max(inner.start_char - 14, 0):inner.start_char].lower()
    return "so-called" in before or "so called" in before


def _distance(tok, cue) -> int:
    for n, a in enumerate(tok.ancestors, 1):
        if a.i == cue.i:
            return n
    return 99


def _is_cue(token, cues) -> bool:
    if read_out(token):
        return True
    return token.pos_ in ("VERB", "AUX") and token.dep_ != "amod" and token.lemma_.lower() in cues


# verbs by which a named person gives quoted words without a verb of saying: 'May sent her “deepest condolences”'
_GIVING = frozenset("send offer extend express convey voice pay share post deliver issue".split())


def _giver(inner, actors: ArticleActors) -> Speaker | None:
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
        return as_speaker(actor, subj.doc[subj.left_edge.i:subj.right_edge.i + 1].text, subj.i, actors)
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
    gap = doc_text(doc)[a.end:b.start]
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


def _context_speaker(doc, inner, actors: ArticleActors, earlier: list[Quote]) -> Speaker | None:
    """Speaker of a quotation that stands alone: the intro sentence before it ('X noted the
    following:'), else the speaker of the quotation just before it in the same or previous paragraph."""
    prev_sent = _previous_sentence(doc, sent_of(inner[0]).start)
    if prev_sent is not None and prev_sent.text.rstrip().endswith(":"):
        cue = next((t for t in reversed(prev_sent) if _is_cue(t, word_set("speech_verbs.txt"))), None)
        if cue is not None:
            return speaker_of(cue, actors, set())
    if earlier and earlier[-1].speaker and inner.start_char - earlier[-1].end < 400:
        q = earlier[-1]
        return Speaker(q.speaker, q.speaker_code, q.speaker_named, q.speaker_text)
    return None


def _previous_sentence(doc, sent_start: int):
    """The sentence that ends where the sentence starting at `sent_start` begins."""
    prev = None
    for s in doc_sentences(doc)[0]:
        if s.start >= sent_start:
            break
        if s.text.strip():
            prev = s
    return prev if prev is not None and sent_start - prev.end <= 2 else None


# ------------------------------------------------------------------ indirect
def _indirect(doc, spans, actors: ArticleActors, article_id: str, cues) -> list[Quote]:
    quoted = _char_mask(len(doc_text(doc)), spans)
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
            comps = [c for c in tok.children if c.dep_ == "ccomp" and not _reduced_relative(tok, c)]
            made = len(out)
            for comp in comps:
                q = _parenthetical_quote(doc, tok, quoted, actors, article_id, cues, comp) if comp.i > tok.i else None
                q = q or _clause_quote(doc, tok, comp, quoted, actors, article_id)
                if q is not None:
                    out.append(q)
            if not comps and tok.dep_ == "parataxis":
                q = _parenthetical_quote(doc, tok, quoted, actors, article_id, cues)
                if q is not None:
                    out.append(q)
            if len(out) == made:  # no clause reported ('the study found 31 cases ...', a 'clause' misparsed)
                q = _act_quote(doc, tok, quoted, actors, article_id)
                if q is not None:
                    out.append(q)
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in _speech_acts() and not any(
                c.dep_ == "ccomp" for c in tok.children):
            q = _act_quote(doc, tok, quoted, actors, article_id)
            if q is not None:
                out.append(q)
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            q = _according_quote(doc, tok, quoted, actors, article_id)
            if q is not None:
                out.append(q)
    return out


@cache
def _speech_acts() -> dict[str, tuple[tuple[str, str], ...]]:
    """data/speech_acts.tsv: verb lemma -> its (preposition, shape) readings."""
    acts: dict[str, list[tuple[str, str]]] = {}
    for row in tsv_rows("newsgraph.data", "speech_acts.tsv"):
        acts.setdefault(row["lemma"], []).append((row["prep"], row["shape"]))
    return {k: tuple(v) for k, v in acts.items()}


_JUDGED_FOR = frozenset({"as", "for", "of", "over"})  # 'criticized the act as ...', 'accused X of ...'
_CONDITIONS = frozenset({"if", "unless", "whether", "once", "until", "lest"})
# what shows or finds a finding with no clause ('the poll shows a close race'): a count, a survey or an
# inquiry (not a video or a document, which show things: 'a video showed the new logo'; not 'his report')
_SURVEYS = FINDING_SOURCES - {"video", "footage", "transcript", "paper", "document", "account", "model",
                               "ranking", "index", "number", "projection", "forecast", "test"}
_NOT_FOUND = frozenset({"way", "home", "place", "footing", "voice", "feet", "niche"})  # 'found its way into'

QUOTED_ACT = 0.6  # share of an act's words in quotation marks from which the quotation alone is kept
_GOING_ON = frozenset({"continue", "keep", "begin", "start", "resume", "repeat"})  # 'continued to call for'


@cache
def _reporting() -> frozenset[str]:
    return word_set("speech_verbs.txt") | _FINDINGS


def _asserted(cue) -> bool:
    """Whether the text says the act was done: not denied, not only possible, wanted, refused or
    expected ('refused to call for', 'is expected to urge'; 'continued to call for' is done), not in
    a condition or a question, and not inside what someone else reports or alleges ('Prosecutors
    said X threatened to ...')."""
    verb = cue
    for _ in range(6):
        if any(c.dep_ in ("neg", "auxpass", "nsubjpass") or c.tag_ == "MD" or
               (c.dep_ == "mark" and c.lower_ in _CONDITIONS) for c in verb.children):
            return False
        if verb.dep_ in ("xcomp", "pcomp", "csubj", "acomp") and verb.head.lemma_.lower() not in _GOING_ON:
            return False  # governed by another verb: wanted, refused, denied, expected
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _reporting():
            return False  # what another reports or alleges of the speaker
        if verb.dep_ not in ("conj", "xcomp") or verb.head is verb:
            break
        verb = verb.head  # 'did not condemn the attack or call for ...': the first conjunct's denial
    sent = sent_of(cue)
    return not sent.text.rstrip().rstrip("”\"’'").endswith("?")


def _title_case(sent) -> bool:
    """A headline in title case ('Holt Calls For Inquiry Into Ferry Accident'), which the parser reads badly."""
    words = [t.text for t in sent if t.is_alpha]
    return len(words) >= 4 and title_case_ratio(words) >= 0.75


def _trim_act(doc, first: int, last: int, head) -> int:
    """The last token of an act's words: before a clause set off after `head`, the word their last
    part hangs on ('... when she met them', ', which killed 12 people'; not the object's own
    ', who was born in Cuba,' before 'of associating with ...')."""
    for t in doc[head.i + 1:last + 1]:
        if (t.dep_ == "advcl" and t.left_edge.i > head.i) or (t.dep_ == "relcl" and doc[t.left_edge.i - 1].text == ","):
            end = t.left_edge.i - 1
            while end > first and doc[end].is_punct and not doc[end].is_quote:
                end -= 1
            return end
    return last


def _closed(doc, cue, tokens: list) -> list:
    """The act's words with the closing quotation mark of one they open after its verb ('urged the
    council to “reopen the harbour at once.”'), so the quotation lies inside them."""
    last = tokens[-1].i
    words = doc[cue.i:last + 1]
    opened = sum(t.text in ("“", "«", "„") for t in words)
    closed = sum(t.text in ("”", "»") for t in words)
    if opened > closed or sum(t.text == '"' for t in words) % 2:
        for t in doc[last + 1:min(last + 4, len(doc))]:
            if t.is_quote:
                return tokens + list(doc[last + 1:t.i + 1])
            if not t.is_punct:
                break
    return tokens


def _act_quote(doc, cue, quoted, actors, article_id) -> Quote | None:
    """A speech act reported without a clause of what was said (data/speech_acts.tsv): 'pledged to
    push for an amendment', 'urged Republicans to join ...', 'called for the repeal of ...',
    'condemned the attack as ...', 'called the charges fabricated'. The quote is the act and what
    was pledged, called for or judged, from the act's verb on; its cue, the verb; its key holds the
    act ('@call for'), so a call for something and a condemnation of it are two statements. Only an
    act the text says was done (`_asserted`), not in someone's quoted words or a title-case headline."""
    if cue.pos_ != "VERB" or _in_quote(quoted, cue.idx) or not _asserted(cue) or _title_case(sent_of(cue)):
        return None
    if cue.dep_ in ("advcl", "conj") and _in_quote(quoted, cue.head.idx):
        return None  # hung on a verb of quoted words ('with “Krill is not currency” banners, demanding ...')
    if cue.dep_ == "relcl" and not any(c.tag_ in ("WP", "WDT") or c.lower_ == "that" for c in cue.children):
        return None  # 'the target it pledged to reach': what was pledged is the noun, outside the clause
    kids = list(cue.children)
    span = act = None
    for prep, shape in _speech_acts().get(cue.lemma_.lower(), ()):
        if prep:
            objs = [g for c in kids if c.dep_ in ("prep", "prt") and c.lower_ == prep and c.i > cue.i
                    for g in c.children if g.dep_ in ("pobj", "pcomp")]  # ('called for reducing the rate')
        else:
            objs = [c for c in kids if c.dep_ == "dobj" and c.i > cue.i]
        xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.i > cue.i and
                      any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
        head = None
        if shape == "to" and xcomp is not None and not objs and not prep:
            span, head = (xcomp.left_edge.i, xcomp.right_edge.i), xcomp
        elif shape == "obj_to" and xcomp is not None and objs and objs[0].i < xcomp.i:
            span, head = (objs[0].left_edge.i, xcomp.right_edge.i), xcomp
        elif shape == "np" and objs and xcomp is None and objs[0].pos_ in ("NOUN", "PROPN", "VERB"):
            span, head = (objs[0].left_edge.i, objs[0].right_edge.i), objs[0]
        elif shape == "cite" and objs and objs[0].pos_ in ("NOUN", "PROPN") and not objs[0].ent_type_ and \
                not any(c.dep_ == "prep" and c.lower_ == "for" for c in kids + list(objs[0].children)):
            end = objs[0].right_edge.i  # 'cited the cost as the reason'; not 'cited the driver for speeding'
            as_ = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as" and c.i > end), None)
            if as_ is not None and all(t.is_punct for t in doc[end + 1:as_.i]):
                end = as_.right_edge.i
            span, head = (objs[0].left_edge.i, end), doc[end]
        elif shape in ("judge", "judge_as") and objs and objs[0].pos_ in ("NOUN", "PROPN", "PRON"):
            end = objs[0].right_edge.i
            judged = False
            for c in (c for c in kids if c.dep_ == "prep" and c.i > end):
                if c.lower_ not in _JUDGED_FOR or any(not t.is_punct for t in doc[end + 1:c.i]):
                    break  # only what the judgement is for, right after its object ('as a crazy system')
                end, judged = c.right_edge.i, True
            if judged or (shape == "judge" and objs[0].pos_ != "PRON"):  # ('condemned them' says nothing)
                span, head = (objs[0].left_edge.i, end), doc[objs[0].right_edge.i] if judged else objs[0]
        elif shape == "finding" and objs and objs[0].pos_ in ("NOUN", "PROPN", "NUM") and \
                objs[0].lemma_.lower() not in _NOT_FOUND and any(
                c.dep_ in ("nsubj", "csubj") and c.lemma_.lower() in _SURVEYS and
                not any(g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children) for c in kids):
            end = objs[0].right_edge.i  # 'polls show Clinton with a lead', 'found that action unconstitutional'
            for c in (c for c in kids if c.dep_ in ("prep", "oprd", "advcl", "acomp") and c.i > end):
                if any(not t.is_punct for t in doc[end + 1:c.i]) or (c.dep_ == "advcl" and any(
                        g.dep_ == "mark" or g.tag_ == "WRB" for g in c.children)):
                    break
                end = c.right_edge.i
            span, head = (objs[0].left_edge.i, end), doc[end]
        elif shape == "name" and objs:
            named_as = next((c for c in kids if c.dep_ == "oprd" and c.i > objs[0].i), None)
            if named_as is not None and named_as.pos_ != "PROPN":  # ('call the town Little Oslo' names it)
                span, head = (objs[0].left_edge.i, named_as.right_edge.i), named_as
        if span is not None:
            act = f"{cue.lemma_.lower()} {prep}".strip()
            span = (span[0], _trim_act(doc, span[0], span[1], head))
            break
    if span is None:
        return None
    tokens = [t for t in doc[span[0]:span[1] + 1]]
    while tokens and ((tokens[-1].is_punct and not tokens[-1].is_quote) or tokens[-1].tag_ in ("IN", "CC", "DT")
                      and tokens[-1].dep_ != "prt"):
        tokens.pop()  # (and a word left hanging by a misparse: '... out of'; not 'to give up', 'to carry on')
    if sum(t.is_alpha for t in tokens) < 3:
        return None
    words = [t for t in tokens if t.is_alpha]
    if sum(_in_quote(quoted, t.idx) for t in words) >= QUOTED_ACT * len(words):
        return None  # what was urged or judged is mostly the speaker's quoted words: that quotation says it
    tokens = _closed(doc, cue, tokens)
    # the act's own words open the quote ('called for the repeal of ...'): read alone, 'the repeal of
    # ...' would not say whether it was called for or condemned
    start, end = cue.idx, tokens[-1].idx + len(tokens[-1])
    speaker = speaker_of(cue, actors, {t.i for t in tokens})
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if speaker.name is None and act == cue.lemma_.lower() and act in ("show", "find") and subject is not None:
        # ('The data show a sharp rise', 'Records show three payments': the record is the source)
        speaker = Speaker(doc[subject.left_edge.i:subject.i + 1].text, None, False, subject.text)
    if speaker.name is None:
        return None
    q = _make(doc, start, end, "mixed" if any(quoted[start:end]) else "indirect", cue, speaker, article_id)
    return replace(q, key=q.key + ("@" + act,)) if q is not None else None


def _reduced_relative(cue, comp) -> bool:
    """A 'complement' that is a phrase about whom the words were told, not what was said: 'told
    members of the media gathered at the centre', parsed with 'gathered' as the clause and the
    listeners as its object, or as its subject when 'told' is left without an object."""
    if cue.lemma_ != "tell" or comp.tag_ not in ("VBD", "VBN") or \
            any(c.dep_ == "mark" or c.dep_ in ("aux", "auxpass") for c in comp.children):
        return False  # ('demanded Trump make a pledge', 'explained the firings amounted to': reports)
    subjects = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")]
    objects = [c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i < comp.i]
    if objects:
        return not subjects and comp.left_edge.i == objects[-1].right_edge.i + 1
    return len(subjects) == 1 and subjects[0].left_edge.i == cue.i + 1


def _char_mask(n: int, spans) -> bytearray:
    mask = bytearray(n)
    for a, b in spans:
        mask[a:b] = b"\x01" * (b - a)
    return mask


_STANDS_FOR = frozenset({"something", "which", "what"})  # 'CLAUSE, something X denies': X answers the clause


def _put_to(cue) -> bool:
    """Whether a cue with no subject of its own is what was put to the speaker ('Asked whether ...,
    Varga said', 'Told that the vote had failed, Holt said'): a passive participle, not 'Having said
    that ...' (the speaker's own words); 'asked' and 'told' opening their sentence, however tagged."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "agent") or c.lower_ == "having" for c in cue.children):
        return False
    if cue.tag_ == "VBN" and cue.dep_ in ("advcl", "acl"):
        return True
    return cue.lemma_.lower() in ("ask", "tell") and cue.i == sent_of(cue).start and cue.i + 1 < len(cue.doc) \
        and cue.dep_ != "ROOT"


def _clause_quote(doc, cue, comp, quoted, actors, article_id) -> Quote | None:
    if cue.lemma_.lower() in _FINDINGS and not _finding(cue, comp):
        return None
    if _put_to(cue):
        return None  # 'Asked whether Chile had given in, Varga said ...': the question put to Varga
    tokens = [t for t in comp.subtree]
    if tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ == "that":
        tokens = tokens[1:]  # ('whether', 'if' stay: 'questioned whether the ferry could sail' is no claim it could)
    if sum(t.is_alpha for t in tokens) < 3:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    inside = sum(quoted[start:end]) / max(1, end - start)
    if inside > 0.85:
        return None  # the whole clause is a direct quote, already taken
    if cue.i > comp.i and inside == 0 and _in_quote(quoted, cue.idx):
        return None
    if cue.i > comp.i and any(c.lower_ in _STANDS_FOR for c in cue.children if c.i > comp.i):
        return None  # 'CLAUSE, something X denies': X's answer to the clause, not X's words
    speaker = speaker_of(cue, actors, {t.i for t in tokens})
    if speaker.name is None:
        return None  # an indirect quote needs a source: a named actor or a described one
    return _make(doc, start, end, "mixed" if inside > 0 else "indirect", cue, speaker, article_id)


_SET_OFF = frozenset({",", "—", "–", "-", "--", "(", ")"})
# words before a root cue that belong to the clause after it ('Prices, the bank said, will rise',
# 'If the vote fails, X said, ...'), the parser having hung them on the cue
_CLAUSE_PARTS = frozenset({"nsubj", "nsubjpass", "csubj", "dep", "advcl"})


def _parenthetical_quote(doc, cue, quoted, actors, article_id, cues, comp=None) -> Quote | None:
    """'The latest test, North Korea said, was its biggest yet': a cue set off by commas or dashes
    inside the clause it reports (parsed as the clause's parataxis, or as the root with the words
    before it hung on it and `comp` after it). The quote spans the clause, with the cue's own words
    as its gap. What the parser hangs on the clause is the clause's ('In Moscow, Putin said, Russia
    will respond'); of what it hangs on a root cue, a subject or a clause ('If the talks fail, Putin
    said, ...') is, a place or a time alone ('In Moscow, Putin said, ...' so parsed) is where he
    said it. Where the clause's verb comes before the cue, what follows is the speaker's only as a
    clause of its own ('..., until it went bankrupt'); else the report ends at the cue ('The bridge
    will close, X said, before leaving') and has no gap. Not taken: a clause another speaker's cue
    reports ('The attack, Russia said, killed 12, Ukraine said'), one holding another speaker's
    report; a clause joined on with its own subject ('..., and the army withdrew') is the writer's,
    left out."""
    if cue.lemma_.lower() in _FINDINGS:
        return None
    head = cue if comp is not None else cue.head
    sent = sent_of(cue)
    if head.pos_ not in ("VERB", "AUX") or sent_of(head).start != sent.start:
        return None
    lo = next((i for i in range(cue.i - 1, sent.start - 1, -1) if doc[i].text in _SET_OFF), None)
    hi = next((i for i in range(cue.i + 1, sent.end) if doc[i].text in _SET_OFF), None)
    if lo is None or hi is None or hi - lo > 16 or not _marks_pair(doc, lo, hi):
        return None
    phrase = range(lo + 1, hi)
    if not any(c.dep_ == "nsubj" and lo < c.i < hi for c in cue.children):
        return None  # 'X, he said, Y' and 'X, said Y, Z' name who speaks; '(think Brexit, for example)' does not
    if any(_in_quote(quoted, doc[i].idx) or doc[i].text == ":" for i in range(lo, hi + 1)):
        return None  # a cue after a quotation ('“..., ” they said, under ...') or before one ('X said: “For ...'
    if any(i != cue.i and cue not in doc[i].ancestors for i in phrase) or \
            (comp is not None and comp.i in phrase) or \
            any(i != cue.i and doc[i].dep_ in ("ccomp", "advcl", "conj", "parataxis", "xcomp") for i in phrase):
        return None  # the cue's own words only, no clause of its own inside them
    if comp is not None and not any(c.i < lo and c.dep_ in _CLAUSE_PARTS for c in cue.children):
        return None  # nothing of the clause before the cue: 'In Moscow, Putin said, ...' tells where he said it
    clause = comp if comp is not None else head
    if any(_is_cue(a, cues) for a in head.ancestors):
        return None  # another speaker's cue reports the clause
    cut = {t.i for c in clause.children if c.dep_ == "conj" and c.i > hi and (c.pos_ not in ("VERB", "AUX")
           or any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children))
           for t in doc[_joined_at(c):c.right_edge.i + 1]}
    # "..., adding that ...", "..., saying ...": the speaker's next report, a quote of its own (not
    # "kept saying that ...", "avoided commenting", "..., citing its cost": the clause's own words)
    cut |= {t.i for c in clause.children if c.dep_ in ("advcl", "conj") and c.i > hi and c.tag_ == "VBG"
            and _is_cue(c, cues) and not any(g.dep_ == "nsubj" for g in c.children)
            and any(g.dep_ == "ccomp" for g in c.children) and after_comma(c)
            for t in doc[_joined_at(c):c.right_edge.i + 1]}
    tokens = [t for t in head.subtree if not lo <= t.i <= hi and t.i not in cut]
    if any(t.i != cue.i and _is_cue(t, cues) and _reports(t, clause) for t in tokens):
        return None  # another speaker's report inside: not one clause of this speaker's
    while tokens and (tokens[-1].text in (".", "!", "?", ",", ";", ":") or tokens[-1].is_space):
        tokens.pop()  # the sentence's end, as other reported clauses leave it
    marks = [t for t in tokens if t.text in _QUOTE_MARKS]
    if len(marks) % 2 and tokens and tokens[-1].i + 2 < len(doc):  # '“was a farce,”' cut before its close
        close = next((doc[i] for i in (tokens[-1].i + 1, tokens[-1].i + 2) if doc[i].text in _QUOTE_MARKS), None)
        tokens += [doc[i] for i in range(tokens[-1].i + 1, close.i + 1)] if close is not None else []
    before, after = [t for t in tokens if t.i < lo], [t for t in tokens if t.i > hi]
    if clause.i < lo and not _goes_on(after):
        after = []  # 'The bridge will close in May, X said, before leaving the meeting': the writer's
    if not any(t.is_alpha for t in before) or sum(t.is_alpha for t in before + after) < 3:
        return None
    if not after and comp is not None:
        return None
    # the report ends at the cue ('..., X said, before leaving'): the plain report of what comes before it
    start, end = before[0].idx, (after or before)[-1].idx + len((after or before)[-1])
    gap = (doc[lo].idx, doc[hi].idx + len(doc[hi])) if after else None
    outside = (gap[1] - gap[0]) if gap else 0
    inside = (sum(quoted[start:end]) - (sum(quoted[gap[0]:gap[1]]) if gap else 0)) / max(1, end - start - outside)
    if inside > 0.85:
        return None  # a direct quotation the cue interrupts, taken as one
    speaker = speaker_of(cue, actors, {t.i for t in tokens})
    if speaker.name is None:
        return None
    return _make(doc, start, end, "mixed" if inside > 0 else "indirect", cue, speaker, article_id, gap)


_QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``"})
_PEOPLE_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


def _goes_on(after) -> bool:
    """Whether what follows a cue set off after its clause's verb goes on with the speaker's words
    ('Lenox was a juggernaut, Clarke said, until it went bankrupt': a clause with a subject of its
    own) rather than the writer's account of the speaker ('..., before leaving the meeting', '...,
    though he gave no reason', '..., after a meeting with engineers')."""
    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ not in _PEOPLE_PRONOUNS for c in t.children)
        for t in after)


def _reports(verb, clause) -> bool:
    """Whether a speech verb inside a clause is a report of its own ('firefighters said the wind was
    strong', '..., the hospital said, ...'), not the clause's own act ('The ministry, Tran said,
    denied the report')."""
    return verb.dep_ == "parataxis" or any(c.dep_ == "ccomp" for c in verb.children) or (
        verb.i != clause.i and any(c.dep_ == "nsubj" for c in verb.children))


def _marks_pair(doc, lo: int, hi: int) -> bool:
    """Whether the marks at lo and hi set off what lies between: commas or dashes (a hyphen with
    spaces, not the one inside '34-year-old'), or a pair of brackets."""
    a, b = doc[lo].text, doc[hi].text
    if a == "(" or b == ")":
        return a == "(" and b == ")"
    if a == ")" or b == "(":
        return False
    return all(doc[i].text not in ("-", "--") or (i > 0 and doc[i - 1].whitespace_ != "") for i in (lo, hi))


def _joined_at(conj) -> int:
    """Where a joined clause begins: the comma or 'and' before it."""
    i = conj.left_edge.i
    while i > 0 and conj.doc[i - 1].dep_ in ("cc", "punct") and conj.doc[i - 1].head.i in (conj.head.i, conj.i):
        i -= 1
    return i


def _finding(cue, comp) -> bool:
    """Whether 'X shows/finds CLAUSE' reports a finding: X (the subject, or the agent of a passive)
    is a poll, a study, a document..., and the clause is a finite one ('that most voters back it',
    not 'herself isolated')."""
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lemma_.lower() not in FINDING_SOURCES:
        return False
    return comp.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass", "mark") for c in comp.children)


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
    if any(relayed(t, actors) for t in tokens):
        return None  # 'X said ..., according to Reuters': X's words, which the outlet relays
    speaker = speaker_of(tok, actors, set())
    return _make(doc, start, end, "indirect", tok, speaker, article_id) if speaker.name else None


# ------------------------------------------------------------------ transcripts
_NOT_SPEAKERS = {"UPDATE", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION", "CLARIFICATION",
                 "WATCH", "READ", "RELATED", "PHOTO", "VIDEO", "SOURCE", "ADVERTISEMENT", "Q", "A"}


def _transcript_turns(doc, actors: ArticleActors, article_id: str, found: list[Quote]) -> list[Quote]:
    """Unquoted interview lines 'SMITH: Well, we will see.' when the article has at least two."""
    text, pos, turns = doc_text(doc), 0, []
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
        q = _make(doc, start, end, "direct", None, named(doc, name, actors), article_id)
        out += [q] if q is not None else []
    return out


# ------------------------------------------------------------------ block quotes
def _block_quotes(doc, actors: ArticleActors, article_id: str, cues, found: list[Quote]) -> list[Quote]:
    """An unmarked paragraph introduced as someone's words: '... stated the following:'."""
    out = []
    text = doc_text(doc)
    pos = 0
    paras = text.split("\n")
    for k, para in enumerate(paras[:-1]):
        nxt_start = pos + len(para) + 1
        pos_next = nxt_start
        nxt = paras[k + 1]
        if not nxt.strip() and k + 2 < len(paras):
            pos_next, nxt = nxt_start + len(nxt) + 1, paras[k + 2]
        if _BLOCK_INTRO.search(para) and nxt.strip() and not nxt.lstrip().startswith(tuple(OPEN_CLOSE) + ('"',)):
            intro = doc.char_span(pos, pos + len(para), alignment_mode="expand")
            cue = next((t for t in reversed(intro) if _is_cue(t, cues)), None) if intro is not None else None
            inside = any(q.start >= pos_next and q.end <= pos_next + len(nxt) for q in found if q.kind == "direct")
            if cue is not None and not inside:
                q = _make(doc, pos_next, pos_next + len(nxt), "direct", cue, speaker_of(cue, actors, set()),
                          article_id)
                if q is not None:
                    out.append(q)
        pos = nxt_start
    return out
