"""Claims as normalised statements: 'who — does what — to what', actors named as the engine names them.

The statement is the frame the parse stored with the claim's sentence (newsgraph.frames: subject,
predicate, object, place, time, who said it) where there is one. Otherwise it is built from the other
stored records: entity mentions with their canonical names ('Moscow' is Russia), coded events (who
acted, the verb, on whom) and attributed quotes (who spoke). A sentence of an article stored without
NLP has none of these and keeps its own words.

Background facts that outlets mention in passing, inside sentences about something else ('after the
Russian invasion of Ukraine', 'Western sanctions imposed on Russia'), are found as event nouns of the
event lexicon with an actor attached, so that the same fact reported by several outlets is one claim.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from operator import itemgetter

from ..events.lexicon import code_info, noun_patterns, verb_patterns
from ..frames import frame_of_row, render
from ..records import Frame
from .features import content_words, idf, stopwords

Mention = tuple[int, int, str]  # start, end (in the article text), canonical name
SAY = "say"
MAX_COMPLEMENT_WORDS = 8
_PREDICATE_FUNCTION_WORDS = frozenset({"not", "never", "no", "longer", "hardly", "barely", "scarcely", "to", "be"})
NOMINAL_GAP = 2  # words (adjectives, a year) allowed between an actor adjective and its event noun
_START = itemgetter(0)  # of (start, end, ...) spans sorted by start

REPORT_CUES = frozenset("said says say claimed claims claim reported reports according announced stated "
                        "confirmed denied denies told".split())


@dataclass(slots=True)
class ClaimContext:
    """What the store says about the claim sentences of a story: actor mentions per article, and
    the actors acting or speaking in each sentence with the verb they do it with."""

    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    acts: dict[str, list[tuple[int, int, str, str | None, str]]] = field(default_factory=dict)
    # article -> (start, end, actor, actor code, predicate) of events and quotes
    frames: dict[str, list[tuple[int, int, Frame]]] = field(default_factory=dict)
    # article -> (start, end, frame) of its sentences with a stored frame

    @classmethod
    def build(cls, mentions: Iterable[tuple[str, str, int, int]], events: Iterable = (),
              quotes: Iterable[tuple[str, str, int, int, str | None]] = (),
              frames: Iterable[tuple[str, int, int, dict | None]] = ()) -> ClaimContext:
        """From (article, canonical name, start, end) mentions, EventRows, (article, speaker,
        start, end, cue) quotes and (article, start, end, stored frame) sentences."""
        ctx = cls()
        for aid, start, end, row in frames:
            if (frame := frame_of_row(row)) is not None:
                ctx.frames.setdefault(aid, []).append((start, end, frame))
        for aid, name, start, end in mentions:
            ctx.mentions.setdefault(aid, []).append((start, end, name))
        for spans in ctx.mentions.values():
            spans.sort()
        for aid, speaker, start, end, cue in quotes:  # who speaks comes before what is said to be done
            if speaker:
                ctx.acts.setdefault(aid, []).append((start, end, speaker, None, lemma(cue or "") or SAY))
        for e in events:
            if e.source and not e.background:
                verb = lemma(getattr(e, "trigger", None) or "") or _code_verb(e.event_code)
                ctx.acts.setdefault(e.article_id, []).append((e.start, e.end, e.source, e.source_code,
                                                              ("not " if e.negated else "") + verb))
        return ctx

    def frame_at(self, aid: str, pos: int) -> Frame | None:
        """The stored frame of the sentence of `aid` that holds offset `pos`."""
        return next((f for s, e, f in self.frames.get(aid, ()) if s <= pos < e), None)

    def within(self, aid: str, start: int, end: int) -> list[Mention]:
        """The mentions of `aid` inside [start, end), in order."""
        spans = self.mentions.get(aid, [])
        lo, hi = bisect_left(spans, start, key=_START), bisect_left(spans, end, key=_START)
        return [m for m in spans[lo:hi] if m[1] <= end]

    def subjects(self, aid: str, start: int, end: int) -> list[tuple[str, str | None, str]]:
        """(actor, code, predicate) of what the sentence's events and quotes say was done or said."""
        out = []
        for s, e, actor, code, verb in self.acts.get(aid, ()):
            if s < end and start < e and all(actor != o[0] for o in out):
                out.append((actor, code, verb))
        return out


# ------------------------------------------------------------------------- words
@cache
def _verb_forms() -> dict[str, str]:
    """Inflected form -> lemma for the verbs of the event lexicon ('establishing' -> 'establish')."""
    from ..events.lexicon import lemma_fixes

    out: dict[str, str] = {}
    for verb in verb_patterns():
        if "_" in verb:
            continue
        base = verb[:-1] if verb.endswith("e") else verb
        forms = {verb, verb + "s", verb + "es", verb + "d", verb + "ed", base + "ing", base + "ed"}
        if verb.endswith("y"):
            forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", verb):  # 'plan' -> 'planned'
            forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
        for f in forms:
            out.setdefault(f, verb)
    out.update(lemma_fixes())
    return out


def lemma(word: str) -> str:
    """The lemma of a verb form the event lexicon knows; otherwise the word itself, lower-cased."""
    w = word.strip().casefold()
    return _verb_forms().get(w, w)


def _code_verb(code: str) -> str:
    label = code_info(code).label.replace(", not specified below", "")
    return label[:1].lower() + label[1:]


def canonical_text(text: str, offset: int, mentions: Sequence[Mention]) -> str:
    """`text` (starting at `offset` in its article) with each actor mention replaced by the
    actor's canonical name: 'Moscow and Beijing' -> 'Russia and China'."""
    out, at = [], 0
    for s, e, name in mentions:
        s, e = s - offset, e - offset
        if s < at or s < 0 or e > len(text):
            continue
        out.append(text[at:s])
        out.append(name)
        at = e
    out.append(text[at:])
    return "".join(out)


def complement(text: str, drop: Iterable[str] = ()) -> str:
    """The telling words of a clause in their order: no stopwords, reporting verbs or the names in
    `drop`, the commonest words first to go when it is too long."""
    dropped = {w for name in drop for w in content_words(name)}
    words = [w for w in re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", text)
             if (c := content_words(w)) and c[0] not in dropped and c[0] not in REPORT_CUES]
    seen: list[str] = []
    for w in words:
        if w.casefold() not in (s.casefold() for s in seen):
            seen.append(w)
    if len(seen) > MAX_COMPLEMENT_WORDS:
        keep = sorted(range(len(seen)), key=lambda i: (-idf(content_words(seen[i])[0]), i))[:MAX_COMPLEMENT_WORDS]
        seen = [seen[i] for i in sorted(keep)]
    return " ".join(seen)


def statement(subjects: Sequence[str], predicate: str | None, rest: str) -> str:
    """'Russia; China — sign — military cooperation agreement' (parts that are missing left out)."""
    return " — ".join(p for p in ("; ".join(subjects), predicate or "", rest) if p)


# ------------------------------------------------------------------------- claims
def normalise_sentence(aid: str, start: int, end: int, text: str, ctx: ClaimContext | None) -> str:
    """The normalised statement of a claim sentence: its acting or speaking actors, the verb, and
    what is left of the sentence with names canonical; the sentence's stored frame where it has one.
    Without stored extraction: its words."""
    if ctx is None:
        return complement(text)
    if (frame := ctx.frame_at(aid, start)) is not None:
        return render(frame)
    mentions = ctx.within(aid, start, start + len(text))
    canon = canonical_text(text, start, mentions)
    acts = ctx.subjects(aid, start, start + len(text))
    if not acts:
        return complement(canon)
    subjects = [a for a, _, v in acts if v == acts[0][2]][:3]
    verb = acts[0][2]
    rest = " ".join(w for w in complement(canon, subjects).split() if lemma(w) != verb.removeprefix("not "))
    return statement(subjects, verb, rest)


def normalise_quote(speaker: str | None, text: str, frame: Frame | None = None) -> str:
    """The frame of the quote's sentence, said by the speaker ('fleet — accept — real cut (said by
    X)'), where that frame is what the quote says; otherwise 'X — say — its telling words'."""
    if frame is not None and speaker and frame.subject != speaker and _quotes_frame(speaker, text, frame):
        return render(replace(frame, source=speaker))
    return statement([speaker] if speaker else [], SAY, complement(text, [speaker] if speaker else []))


def _quotes_frame(speaker: str, text: str, frame: Frame) -> bool:
    """Whether a quote says its sentence's frame: the frame is the clause the speaker is reported
    to say ('X said that ...'), or the quote holds the frame's verb and a word of its object (not a
    main clause the quote only hangs on: 'they left after X called it "a humiliation"')."""
    if frame.source is not None:  # 'Diplomats said ...': the frame has 'diplomats'
        who, source = speaker.casefold(), frame.source.casefold()
        return who == source or who.endswith(f" {source}")
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", text)]
    verbs = [v for v in frame.predicate.split() if v not in _PREDICATE_FUNCTION_WORDS]
    said = any(lemma(w) == v or len(v) > 3 and w.startswith(v.removesuffix("e")) for v in verbs for w in words)
    if not frame.object:
        return said
    return (said or not verbs) and bool(set(content_words(frame.object)) & set(content_words(text)))


def normalise_event(label: str, date: str | None = None, location: str | None = None) -> str:
    """From an event cluster's label: 'Russia (Sergei Shoigu) and China: consult' -> 'Russia; China —
    consult (Moscow, 2023-11-08)'; one-way, 'Chile → the West: make an appeal' -> 'Chile — make an
    appeal — the West'. A label's ' and ' may be inside a name ('Trinidad and Tobago'): the stage
    passes the sides themselves to normalise_event_parts."""
    who, _, verb = label.rpartition(": ")
    source, arrow, target = who.partition(" → ")
    sides = source.split(" and ")
    return normalise_event_parts(sides[0], target if arrow else " and ".join(sides[1:]) or None, not arrow, verb,
                                 date, location)


def normalise_event_parts(left: str, right: str | None, joint: bool, predicate: str,
                          date: str | None = None, location: str | None = None) -> str:
    """The same from the label's parts (event_clusters.event_parts): both sides as subjects of a joint
    act, else source — predicate — target; the people named on a side are left out."""
    def bare(side: str | None) -> str:
        return re.sub(r"\s*\([^()]*\)", "", side or "").strip()

    left, right = bare(left), bare(right)
    if joint:
        sides = list(dict.fromkeys(x for x in (left, right) if x))
        return render(Frame("; ".join(sides) or None, predicate, None, location, date))
    return render(Frame(left or None, predicate, right if right and right != left else None, location, date))


# ------------------------------------------------------------------------- facts named in passing
_EVENT_NOUN_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_TOKEN = re.compile(r"\S+")
_RIGHT = re.compile(r"^\s+(?:[a-z]+ed\s+)?(of|on|against|by|from)\s+(?:the\s+)?$")
_RIGHT_CHARS = 40  # an actor after its event noun starts within this many characters ('imposed on the')
_FROM_AGENT = frozenset({  # what comes 'from' someone (demands from Hamas); otherwise 'from' is a place left
    "aid", "support", "pressure", "sanction", "tariff", "demand", "threat", "criticism", "warning", "call",
    "appeal", "request", "proposal", "offer", "pledge", "promise", "loan", "condemnation", "complaint",
    "accusation", "allegation", "invitation", "ultimatum", "statement", "apology", "condolence", "concession",
    "commitment"})
_AMBIGUOUS_FORMS = frozenset({"aides", "arms"})  # mostly other words: 'Putin's aides', 'arms of the state'
_ADJECTIVE_END = re.compile(r"(?:[^e]al|ic|sive|tive|ous|ful|less|ary|ory|ian)$")
_ADJECTIVES = frozenset({"new", "fresh", "recent", "latest", "further", "major", "large", "full", "deadly",
                         "violent", "alleged", "renewed", "repeated", "planned", "possible", "joint", "ongoing",
                         "first", "second", "third", "last", "continued"})
_NOT_ADJECTIVES = frozenset({"signal", "total", "rival", "equal"})  # verbs too: 'Beijing and Moscow signal talks'


def _plurals(noun: str) -> set[str]:
    """The noun and its regular plural: 'talk' -> 'talks', 'clash' -> 'clashes', 'amnesty' -> 'amnesties'."""
    if noun.endswith("s"):  # 'arms' is plural already
        return {noun}
    if noun.endswith(("x", "z", "ch", "sh")) or re.search(r"[^aeiou]o$", noun):
        return {noun, noun + "es"}
    if re.search(r"[^aeiou]y$", noun):
        return {noun, noun[:-1] + "ies"}
    return {noun, noun + "s"}


@cache
def _event_nouns() -> dict[str, tuple[str, frozenset[str]]]:
    """Plural and singular form -> (lemma, the light verbs that code it otherwise), for the event
    nouns of one word whose rows all share one code root, plus nouns whose other rows are undoing
    ('lift sanctions'): those verbs then keep a mention out. Forms that are mostly other words are
    left out."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for noun, rows in noun_patterns().items():
        if "_" in noun or "-" in noun:
            continue
        first = rows[0][1]
        other = frozenset(v for verbs, code, _ in rows if code[:2] != first[:2] for v in verbs)
        for form in _plurals(noun) - _AMBIGUOUS_FORMS:
            out.setdefault(form, (noun, other))
    return out


def _word_actor(word: str) -> tuple[str, bool] | None:
    """The actor a capitalised word names, and whether it is an adjective: a demonym ('Russian' ->
    Russia) or a bloc ('Western' -> the West) is; a country name ('Russia') is not."""
    from ..actors.kb import knowledge_base

    kb = knowledge_base()
    iso3 = kb.country_of(word)
    if iso3 and iso3 in kb.countries:
        return kb.countries[iso3].name, kb.lookup(word) is None
    if word.endswith("ern") and (found := kb.lookup(word[:-3])):  # Western, Eastern
        return found.name, True
    return None


def _modifier(word: str) -> bool:
    """Whether a word can only modify a noun here, never be a verb: a number, a hyphenated word
    ('full-scale'), an adjective by its ending ('military', 'economic') or a common one ('new')."""
    if word.isdigit() or word in _ADJECTIVES:
        return True
    if not word.islower() or not word.replace("-", "").isalpha() or word in _NOT_ADJECTIVES:
        return False
    return "-" in word.strip("-") or (len(word) >= 5 and bool(_ADJECTIVE_END.search(word)))


def _between(gap: Sequence[str], loose: bool) -> bool:
    """Whether the words between an actor and its event noun keep the actor the noun's agent. After
    a bare name only modifiers ('US military withdrawal', not 'Moscow condemned new attacks'); after a
    possessive or a demonym also a participle first ("Russia's renewed attacks") and a noun last
    ('Israeli air strikes', not 'Ukrainian officials fear invasion')."""
    for i, word in enumerate(gap):
        if _modifier(word):
            continue
        if not loose or not word.isalpha() or not word.islower() or word in stopwords():
            return False
        participle = i == 0 and word.endswith(("ed", "ing"))
        noun = i == len(gap) - 1 and not word.endswith(("ed", "ing")) and \
            (not word.endswith("s") or word.endswith(("ss", "us")))
        if not (participle or noun):
            return False
    return True


Fact = tuple[str, str, str, int, int]  # noun, role, actor, start, end of the words naming it
Token = tuple[int, int, str]  # start, end (in the sentence), text


def nominal_facts(aid: str, start: int, text: str, ctx: ClaimContext | None) -> list[Fact]:
    """The event nouns of a sentence (at `start` in its article) with an actor attached, and the
    span of the words: 'the Russian invasion of Ukraine' gives (invasion, by, Russia) and (invasion,
    of, Ukraine). Role 'by' for an agent (adjective, possessive, 'by', 'from' for what is sent or
    said), otherwise the preposition."""
    nouns = _event_nouns()
    mentions = ctx.within(aid, start, start + len(text)) if ctx else []
    tokens: list[Token] = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    token_starts = [t[0] for t in tokens]
    out: list[Fact] = []
    for m in _EVENT_NOUN_WORD.finditer(text):
        found = nouns.get(m.group())  # lower case only: 'Alliance' is mostly part of a name
        k = bisect_right(token_starts, m.start()) - 1
        if not found or _undone(tokens[max(0, k - 3):k], found[1]) or _mention_at(mentions, start + m.start()):
            continue
        noun = found[0]
        for s, e, name in _mentions_from(mentions, start + m.end(), _RIGHT_CHARS):  # 'invasion of Ukraine'
            if gap := _RIGHT.match(text[m.end():s - start]):
                prep = gap.group(1)
                role = "by" if prep == "by" or prep == "from" and noun in _FROM_AGENT else prep
                out.append((noun, role, name, start + m.start(), e))
        if tokens[k][0] == m.start() and (before := _actor_before(tokens[max(0, k - NOMINAL_GAP - 1):k],
                                                                   mentions, start)):
            out.append((noun, "by", before[0], start + before[1], start + m.end()))
    return list(dict.fromkeys(out))


def _actor_before(window: Sequence[Token], mentions: Sequence[Mention], start: int) -> tuple[str, int] | None:
    """The actor named by the words just before an event noun as its agent, and where its words
    start: a name right before it ('US withdrawal'), a possessive ("Russia's war", "US-led strikes")
    or a demonym ('Western sanctions'), with only modifiers between."""
    for j in range(len(window) - 1, -1, -1):
        ws, we, word = window[j]
        gap = [t[2] for t in window[j + 1:]]
        if (anchor := _anchor(ws, we, word, mentions, start)) is not None:
            actor, loose = anchor
            return (actor, ws) if _between(gap, loose) else None
        if not _between([word, *gap], True):
            return None
    return None


def _anchor(ws: int, we: int, word: str, mentions: Sequence[Mention], start: int) -> tuple[str, bool] | None:
    """(actor, loose) of a word that names an actor: loose where it is a possessive, a compound
    ('US-led') or an adjective ('Chilean'), so that no verb can follow it."""
    base = re.sub(r"['’]s?$", "", word)
    by_word = _word_actor(base) if word[:1].isupper() and base.isalpha() else None
    loose = base != word or by_word is not None and by_word[1]
    if (found := _mention_span(mentions, start + ws)) is not None:
        rest = word[found[1] - start - ws:] if found[1] - start < we else ""
        if rest and not re.fullmatch(r"['’]s?|-?[a-z]+", rest):  # 'Russia,' ends a phrase
            return None
        loose = loose or bool(rest)
        if not loose and not _agent_by_name(base, found[2]):
            return None
        return found[2], loose
    return (by_word[0], loose) if by_word else None


def _agent_by_name(word: str, actor: str) -> bool:
    """Whether a bare name right before an event noun can name its agent ('US withdrawal', 'Hamas
    attack', 'ISIS attack'): not a city standing for its state, which says where ('Paris attacks',
    'Buenos Aires bombing' are no attacks by France or Argentina): a word of a name that stands for
    a country without naming it."""
    from ..actors.kb import knowledge_base

    kb = knowledge_base()
    known = kb.lookup(actor)
    return known is None or known.kind != "country" or kb.country_of(word) == known.country


def _mention_span(mentions: Sequence[Mention], pos: int) -> Mention | None:
    """The mention holding offset `pos` (mentions are sorted by start)."""
    k = bisect_right(mentions, pos, key=_START)
    return next((m for m in reversed(mentions[max(0, k - 3):k]) if m[0] <= pos < m[1]), None)


def _mention_at(mentions: Sequence[Mention], pos: int) -> str | None:
    found = _mention_span(mentions, pos)
    return found[2] if found else None


def _mentions_from(mentions: Sequence[Mention], pos: int, chars: int) -> Sequence[Mention]:
    """The mentions starting at `pos` or up to `chars` characters after it."""
    lo = bisect_left(mentions, pos, key=_START)
    hi = bisect_right(mentions, pos + chars, key=_START)
    return mentions[lo:hi]


def _undone(before: Sequence[Token], verbs: frozenset[str]) -> bool:
    """Whether one of `verbs` ('lift', 'ease') governs the noun: among the three words before it."""
    words = re.findall(r"[a-z]+", " ".join(t[2] for t in before).casefold())
    return any(lemma(w) in verbs for w in words[-3:])


@dataclass(slots=True)
class FactGroup:
    """A fact named in passing by several articles: its key and where each article names it."""

    noun: str
    role: str
    actor: str
    members: list[tuple[str, int, int, str, int]] = field(default_factory=list)  # article, span, words, sentence
    others: Counter = field(default_factory=Counter)  # (role, actor) named with it

    @property
    def articles(self) -> set[str]:
        return {m[0] for m in self.members}

    def _sides(self) -> tuple[str | None, str | None]:
        agent = self.actor if self.role == "by" else _top(self.others, "by")
        patient = self.actor if self.role != "by" else _top(self.others, None)
        return agent, patient

    def _role(self, patient: str | None) -> str:
        return next((r for (r, a) in self.others if a == patient and r != "by"), self.role)

    @property
    def normalised(self) -> str:
        """'Russia — invasion — Ukraine'; a place left keeps its 'from': 'US — withdrawal — from Afghanistan'."""
        agent, patient = self._sides()
        if patient and self._role(patient) == "from":
            patient = f"from {patient}"
        return statement([agent] if agent else [], self.noun, patient or "")

    @property
    def label(self) -> str:
        """'invasion of Ukraine by Russia'."""
        agent, patient = self._sides()
        return " ".join(p for p in (self.noun, f"{self._role(patient)} {patient}" if patient else "",
                                    f"by {agent}" if agent else "") if p)


def _top(c: Counter, role: str | None) -> str | None:
    best = [(n, a) for (r, a), n in c.items() if (r == role if role else r != "by")]
    return max(best)[1] if best else None


def group_facts(sentences: Sequence, ctx: ClaimContext | None) -> list[FactGroup]:
    """Facts named in passing (event noun, role, actor) by at least two articles, with where each
    names it; a fact named only where a fact of the same noun named by more is named is left to it."""
    groups: dict[tuple[str, str, str], FactGroup] = {}
    for s in sentences:
        facts = nominal_facts(s.article_id, s.start, s.text, ctx)
        for noun, role, actor, a, b in facts:
            g = groups.setdefault((noun, role, actor), FactGroup(noun, role, actor))
            g.members.append((s.article_id, a, b, s.text[a - s.start:b - s.start], s.index))
            g.others.update((r, x) for n, r, x, _, _ in facts if n == noun and (r, x) != (role, actor))
    many = [g for g in groups.values() if len(g.articles) >= 2]
    many.sort(key=lambda g: (-len(g.articles), -len(g.members), g.noun, g.role, g.actor))
    out: list[FactGroup] = []
    for g in many:
        where = {(m[0], m[4]) for m in g.members}
        if not any(o.noun == g.noun and where <= {(m[0], m[4]) for m in o.members} for o in out):
            out.append(g)
    return out


def subject_keys(aid: str, start: int, end: int, ctx: ClaimContext | None) -> frozenset[str]:
    """The named actors (people, bodies: a code longer than a country's, or none) who act or speak in
    a sentence; two outlets' sentences with one of these and the same content state one claim."""
    if ctx is None:
        return frozenset()
    return frozenset(a for a, code, _ in ctx.subjects(aid, start, end)
                     if len(code or "") > 3 or code is None and len(_NAMED.findall(a)) >= 2)


_NAMED = re.compile(r"\b[A-Z][^\W\d_]+")
