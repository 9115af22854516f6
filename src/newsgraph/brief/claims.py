"""The briefing's statements and claims: who said what, what independent outlets confirm, and what
one source alone says (its claims and the phrases only it uses)."""
from __future__ import annotations

import re
from collections import Counter

from .. import nlp
from ..clean import language
from ..corpus.features import content_words, idf
from ..corpus.summarize import cut_off
from .events import self_loop
from .framing import proper_words
from .model import MAX_CORROBORATED, MAX_SINGLE, MAX_SINGLE_TOTAL, MAX_STATEMENTS, Briefing, Item, clip, support


def statements(claims: list[dict], cite, kinds: dict[tuple[str, int], str] | None = None,
               cut: frozenset[tuple[str, int]] = frozenset()) -> list[Item]:
    """Who said what: each statement once, its words as most outlets give them, other versions
    (translations, wordings) beneath it. `kinds`: each quotation's kind by (article, start); words
    reported in the writer's own (indirect or mixed) are shown as reported speech, not between
    quotation marks. `cut`: the quotations (article, start) that run on to where their page was
    cut off: shown without their last, maybe broken, word and with an ellipsis."""
    kinds = kinds or {}
    quotes = [c for c in claims if c["kind"] == "quote"]
    named = lambda c: c["speaker"] and c["speaker"][:1].isupper() and " " in c["speaker"]  # noqa: E731
    quotes.sort(key=lambda c: (-c["independent_outlets"], not named(c), -(c["salience"] or 0), c["id"]))
    out = []
    for c in quotes:
        ev = sorted(c["evidence"], key=lambda e: (e["article_id"], e["start"]))
        texts: dict[str, list[str]] = {}
        reported: dict[str, bool] = {}
        for e in ev:
            if (e["article_id"], e["start"]) in cut:
                e = {**e, "text": cut_short(e["text"])}
            texts.setdefault(e["text"], []).append(e["article_id"])
            reported.setdefault(e["text"], kinds.get((e["article_id"], e["start"])) in ("indirect", "mixed"))
        if len(content_words(c["text"])) < 3 and c["independent_outlets"] < 2:
            continue  # a one- or two-word fragment said once is no statement to brief
        main = max(texts, key=lambda t: (len(texts[t]), len(t)))
        speaker = c["speaker"].rstrip(" ,;:") + (" (reported)" if reported[main] else "")
        item = Item(f"{speaker}: {_words(main, reported[main])}", cite(texts[main]),
                    support(c["independent_outlets"], c["outlets"]))
        item.variants = [(_words(t, reported[t]) if not reported[t] or reported[main] else
                          f"(reported) {_words(t, True)}", cite(ids)) for t, ids in texts.items() if t != main]
        out.append(item)
    return out[:MAX_STATEMENTS]


def runs_off(quote: dict, length: int) -> bool:
    """Whether a quotation runs on to its page's end (of `length` characters) in mid-sentence: the
    page was cut off there (a feed's excerpt, a page saved before it loaded)."""
    return quote["end"] >= length - 1 and (quote["text"] or "").rstrip()[-1:].isalnum()


def cut_short(text: str) -> str:
    """A quotation cut off with its page: without its last word, which may be broken, and an ellipsis."""
    words = text.split()
    return (" ".join(words[:-1]) if len(words) > 3 else text.rstrip()) + " …"


def _words(text: str, reported: bool) -> str:
    """A statement's words: quoted, or as reported speech (the quotation marks a quoted fragment
    opens inside it closed)."""
    text = clip(text)
    if not reported:
        return f"“{text}”"
    if text.count("“") > text.count("”"):
        text += "”"
    elif text.count('"') % 2:
        text += '"'
    return text



def confirmed_spans(claims: list[dict], background: frozenset[str] = frozenset(),
                     dated: frozenset[str] = frozenset()) -> dict[str, list[tuple[int, int]]]:
    """Per article, the sentences that say what another outlet confirms, so that they are listed
    as no single-source claim: evidence of a quote or sentence group of two or more independent
    outlets, and of an event confirmed so (not background): all reports of a dated happening,
    and of an undated one those that share some of what they say (two content words besides
    names) with another article's report ('cooperate militarily' is said of many things)."""
    from ..corpus.event_clusters import gist

    out: dict[str, list[tuple[int, int]]] = {}
    for c in claims:
        # a fact named in passing confirms that fact, not the sentence it is named in
        if c["independent_outlets"] < 2 or c.get("event_cluster_id") in background or c["kind"] == "fact":
            continue
        ev = c["evidence"] or []
        if c["kind"] == "event" and c.get("event_cluster_id") not in dated:
            said = [(e, gist(e["text"] or "")) for e in ev]
            ev = [e for e, g in said if any(o["article_id"] != e["article_id"] and len(g & h) >= 2
                                            for o, h in said)]
        for e in ev:
            out.setdefault(e["article_id"], []).append((e["start"], e["end"]))
    return out


def inside(confirmed: dict[str, list[tuple[int, int]]], article_id: str, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in confirmed.get(article_id, ()))


_PRONOUN_START = re.compile(r"(?:He|She|They)\b")
_BIO_VERB = re.compile(r"\s+(?:is|was|has|had|covers|writes|reports|previously|teaches|lives|joined)\b")
_BYLINE_WORDS = frozenset("by and staff desk reporter reporters correspondent correspondents editor editors news "
                          "wire wires agency agencies newsroom team contributor contributors writer writers".split())
BIO_TAIL = 4  # biographies stand in an article's last sentences


def author_lines(arts: list[dict]) -> dict[str, list[tuple[int, int]]]:
    """Per article, the sentences about its author among the last BIO_TAIL ('Dr. Ana Ruiz is a
    senior fellow at ...', 'Ruiz has covered ...', and the 'She previously ...' after one): a
    biography, no claim about the story. Authors are the people of the byline ('By Ana Ruiz and
    Tom Lee'); a desk or an agency ('Reuters', 'Staff') has no biography."""
    out: dict[str, list[tuple[int, int]]] = {}
    for a in arts:
        people = []
        for part in re.split(r",|;|&|\band\b", a.get("author") or ""):
            words = [w for w in _WORDS.findall(part) if w.lower() not in _BYLINE_WORDS]
            if len(words) >= 2 and all(w[:1].isupper() for w in words) and words[-1] != (a.get("outlet") or ""):
                people.append((" ".join(words), words[-1]))
        if not people:
            continue
        found = list(_SENTENCE.finditer(a["text"] or ""))
        about = False
        for m in found[-BIO_TAIL:]:
            text = m.group().strip()
            about = any(full in text or re.match(rf"(?:\w+\.?\s+)?{re.escape(last)}{_BIO_VERB.pattern}", text)
                        for full, last in people) or (about and bool(_PRONOUN_START.match(text)))
            if about:
                out.setdefault(a["id"], []).append((m.start(), m.end()))
    return out


_FOOTNOTE = re.compile(r"\[\d{1,3}\]")


def standalone(text: str) -> bool:
    """A sentence that can be read as a claim on its own: no fragment, no sentence that points back
    ('They include ...'), no lead-in to a quote ('... remarked during a speech:[2]')."""
    from ..corpus.summarize import suitability

    text = _FOOTNOTE.sub("", text).strip()
    return suitability(text) >= 0.6 and not text.endswith(":")


def _within(quote: str, sentence: str) -> bool:
    """Whether a quote's words are a sentence's: each piece of a quote split by its cue ('The test …
    was its biggest yet') in the sentence, in order."""
    at = 0
    for piece in quote.split(" … "):
        at = sentence.find(piece.strip(), at)
        if at < 0:
            return False
        at += len(piece.strip())
    return True


def told_of_actor(frame: dict | None, actors: frozenset[str]) -> bool:
    """Whether a sentence's stored frame tells what a named actor of the story did or said: its subject
    (every name of it) or the source it is attributed to is an actor ('China', 'Vladimir Putin; Xi
    Jinping', 'X said ...'), not a noun phrase of analysis ('the relationship', 'these accounts',
    'observers', 'the breadth of cooperation')."""
    if not frame:
        return False
    def names(field: str) -> list[str]:
        return [p.strip() for p in (frame.get(field) or "").split(";") if p.strip()]
    subject, source = names("subject"), names("source")
    return bool(subject) and all(p in actors for p in subject) or bool(source) and all(p in actors for p in source)


def claims_of(b: Briefing, claims: list[dict], cite, confirmed: dict[str, list[tuple[int, int]]],
            bios: dict[str, list[tuple[int, int]]] | None = None, led=None) -> None:
    """The corroborated and the single-source claims. `led(claim)`: whether a claim tells what a named
    actor did or said; such single-source claims are listed before the writer's analysis."""
    said = {c["text"] for c in claims if c["kind"] == "quote"}
    many = [c for c in claims if c["independent_outlets"] >= 2 and c["kind"] != "quote"
            and not (c["kind"] == "event" and self_loop(c["text"]))]
    many.sort(key=lambda c: (-c["independent_outlets"], -(c["salience"] or 0), c["id"]))
    for c in many[:MAX_CORROBORATED]:
        b.corroborated.append(Item(claim_text(c), cite(e["article_id"] for e in c["evidence"]),
                                   support(c["independent_outlets"], c["outlets"])))
    sentences = [c["text"] for c in claims if c["kind"] == "statement"]
    single = [c for c in claims if c["single_source"] and (
        c["kind"] == "statement" and c["text"] not in said
        or c["kind"] == "quote" and not any(_within(c["text"], t) for t in sentences))
        and not any(inside(confirmed, e["article_id"], e["start"], e["end"])
                    or inside(bios or {}, e["article_id"], e["start"], e["end"]) for e in c["evidence"])
        and standalone(claim_text(c))]
    single.sort(key=lambda c: (-(c["salience"] or 0), c["id"]))
    picked: list[dict] = []
    shown: Counter[str] = Counter()  # claims listed per article, MAX_SINGLE at most in all
    told = [led(c) for c in single] if led else [True] * len(single)
    tiers = ([c for c, t in zip(single, told) if t], [c for c, t in zip(single, told) if not t])
    for n, tier in enumerate(tiers):  # what actors did or said first, then the rest to fill half the list
        # spread over the articles: the most telling claims of each outlet first
        room = MAX_SINGLE_TOTAL if n == 0 else MAX_SINGLE_TOTAL // 2
        per_article: dict[str, list[dict]] = {}
        for c in tier:
            per_article.setdefault(c["evidence"][0]["article_id"], []).append(c)
        depth = 0
        order = sorted(per_article, key=lambda aid: min(cite([aid]) or [0]))
        while any(len(v) > depth for v in per_article.values()) and len(picked) < room:
            for aid in order:
                if len(per_article[aid]) > depth and len(picked) < room and shown[aid] < MAX_SINGLE:
                    picked.append(per_article[aid][depth])
                    shown[aid] += 1
            depth += 1
    for c in picked:
        b.single_source.append(Item(claim_text(c), cite(e["article_id"] for e in c["evidence"]),
                                    support(c["independent_outlets"], c["outlets"])))
    b.more = {"corroborated": max(0, len(many) - MAX_CORROBORATED), "single_source": len(single) - len(picked)}


_WORDS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


_SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=\s)|$)", re.M)
_CLAUSE = re.compile(r"[,;:()\[\]—–]|\s-\s")
MAX_ONLY_HERE = 5  # phrases per article
MAX_ONLY_HERE_TRIED = 12  # rare pairs per article tried as noun phrases
MAX_ONLY_HERE_ARTICLES = 12  # articles whose own phrases are listed


def only_here(arts: list[dict], num: dict[str, int],
               confirmed: dict[str, list[tuple[int, int]]] | None = None) -> list[Item]:
    """Per article, what it alone mentions: rare two-word phrases no other article of the story
    uses ("hypersonic weapons"), each shown in its clause ("joint research in hypersonic
    weapons"), skipping the sentences in `confirmed` (those whose event other outlets confirm,
    the author's biography) and clauses in another language."""
    if len(arts) < 2:
        return []
    from ..corpus.features import UNKNOWN_IDF, stopwords

    confirmed = confirmed or {}
    stop_en = stopwords()
    stop = stop_en | proper_words(arts)  # names are actors, listed elsewhere

    def phrase(x: str, y: str) -> bool:  # a noun phrase, roughly: no verb forms, adverbs, possessives
        return (x not in stop and y not in stop and not x.endswith(("ly", "'s", "’s"))
                and not y.endswith(("ed", "ing", "ly", "'s", "’s"))
                and min(idf(x), idf(y)) >= 2.0 and max(idf(x), idf(y)) >= 3.5
                and max(idf(x), idf(y)) < UNKNOWN_IDF)  # English words: names and foreign words are not

    grams: dict[str, dict[tuple[str, str], str]] = {}  # phrase -> the clause it was first found in
    for a in arts:
        found: dict[tuple[str, str], str] = {}
        grams[a["id"]] = found
        if language.other_than_english(a.get("language")):
            continue  # the phrase test is English's
        end = len(a["text"].rstrip())
        for m in _SENTENCE.finditer(a["text"]):
            if inside(confirmed, a["id"], m.start(), m.end()) or m.end() >= end and cut_off(m.group()):
                continue  # (a last sentence cut off ends in a broken word)
            for clause in _CLAUSE.split(m.group()):
                words = _WORDS.findall(clause.lower())
                if len(words) >= 5 and sum(w in stop_en for w in words) < 0.15 * len(words):
                    continue  # hardly an English function word: another language
                for x, y in zip(words, words[1:]):
                    if phrase(x, y):
                        found.setdefault((x, y), clause)
    seen: Counter[tuple[str, str]] = Counter(g for found in grams.values() for g in found)
    words_in = {a["id"]: set(_WORDS.findall(a["text"].lower())) for a in arts}
    candidates: dict[str, list[tuple[str, str, str]]] = {}  # article -> (x, y, clause), best first
    best: dict[str, float] = {}
    for a in arts:
        others = set().union(*(w for k, w in words_in.items() if k != a["id"]))
        own = sorted(((idf(x) + idf(y), (x, y)) for x, y in grams[a["id"]]
                      if seen[(x, y)] == 1 and (x not in others or y not in others)), key=lambda t: (-t[0], t[1]))
        candidates[a["id"]] = [(x, y, grams[a["id"]][(x, y)]) for _, (x, y) in own[:MAX_ONLY_HERE_TRIED]]
        best[a["id"]] = own[0][0] if own else 0.0
    # the articles whose own phrases weigh most: a story of a thousand pages lists (and parses) a few
    keep = set(sorted(best, key=lambda aid: -best[aid])[:MAX_ONLY_HERE_ARTICLES])
    candidates = {aid: found for aid, found in candidates.items() if aid in keep}
    clauses = sorted({c for found in candidates.values() for *_, c in found})
    parsed = dict(zip(clauses, nlp.parse(clauses))) if clauses else {}
    out = []
    for a in (a for a in arts if a["id"] in candidates):
        shown: list[str] = []
        used: set[str] = set()
        for x, y, clause in candidates[a["id"]]:
            phrase = _noun_phrase(parsed[clause], x, y)
            if phrase is None or clause in used or any(phrase in t or t in phrase for t in shown):
                continue  # one phrase a clause: the rest of it says the same thing
            used.add(clause)
            shown.append(phrase)
            if len(shown) == MAX_ONLY_HERE:
                break
        if shown:
            out.append(Item("only this source mentions: " + ", ".join(f"“{t}”" for t in shown),
                            [num[a["id"]]], "single source"))
    return out


_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})


def _noun_phrase(doc, x: str, y: str) -> str | None:
    """The noun phrase of a clause that holds the word pair (x, y) among the words qualifying a noun
    or as the noun itself ('hypersonic weapons', 'ballistic missile launches', 'long-range missiles',
    '“hypersonic” weapons'), with the phrase it completes ('joint research in hypersonic weapons'); None
    where the pair is no noun phrase ('opens berths', 'final text settles', 'Chile's top diplomat spoke')."""
    found = re.search(rf"(?<!\w){re.escape(x)}(?!\w)[\W_]{{1,4}}?{re.escape(y)}(?!\w)", doc.text, re.I)
    xs = doc.char_span(found.start(), found.start() + len(x), alignment_mode="expand") if found else None
    ys = doc.char_span(found.end() - len(y), found.end(), alignment_mode="expand") if found else None
    if not xs or not ys or xs[-1].pos_ not in _NOMINAL or ys[0].pos_ not in _NOMINAL:
        return None
    first, head = xs[-1], ys[0]
    while head.dep_ in ("compound", "amod", "nmod", "nummod") and head.head.i > head.i:
        head = head.head
    if head.pos_ not in ("NOUN", "PROPN") or not first.i < first.head.i <= head.i:
        return None
    lo = _modifiers_from(doc, xs.start, head)
    prep = head.head
    if head.dep_ == "pobj" and prep.dep_ == "prep" and prep.i == lo - 1 and prep.head.pos_ == "NOUN" \
            and prep.head.i == prep.i - 1:  # the phrase it completes: 'joint research in ...'
        lo = _modifiers_from(doc, prep.head.i, prep.head)
    return re.sub(r"[\"“”]", "", doc[lo:head.i + 1].text).strip("'‘’.,; ")


def _modifiers_from(doc, at: int, head) -> int:
    """Where the words qualifying `head` that stand before token `at` begin (no determiner), words
    joined by a hyphen kept whole ('Sino-Russian')."""
    while at > 0:
        prev = doc[at - 1]
        hyphen = prev.text == "-" and not prev.whitespace_ and at > 1 and not doc[at - 2].whitespace_
        if hyphen:
            at -= 2
        elif prev.text in ("“", '"', "‘", "'") and prev.whitespace_ == "":  # an opening quotation mark
            at -= 1
        elif prev.pos_ in _NOMINAL | {"ADV"} and at - 1 < prev.head.i <= head.i \
                and prev.dep_ not in ("det", "poss", "nsubj"):
            at -= 1
        else:
            break
    return at


def claim_text(c: dict) -> str:
    if c["kind"] in ("event", "fact"):
        return c["text"]
    text = c["evidence"][0]["text"] if c["evidence"] else c["text"]
    return _FOOTNOTE.sub("", text).strip()

