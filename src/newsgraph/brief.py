"""Briefings: one story read from the store and told in short, every line cited to its articles.

The briefing is built as plain data (`Briefing`), then rendered as Markdown or HTML; nothing
here computes new facts, it only selects and orders what the corpus stage stored.
"""
from __future__ import annotations

import html
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .clean import language
from .corpus.corroborate import Sources
from .corpus.features import content_tokens, content_words, idf, stem, tokens
from .corpus.figures import story_figures
from .corpus.reader import outlet_key, split_sentences
from .corpus.summarize import cut_off
from .data import word_set
from .errors import UsageError
from .ingest.credits import agency_name, agency_of_site
from .ingest.meta import outlet_from_url

MAX_SUMMARY = 6
MAX_STATEMENTS = 12
MAX_CORROBORATED = 10
MAX_SINGLE = 5  # per article...
MAX_SINGLE_TOTAL = 25  # ...and in all, taken in turns from each article
FRAMING_WORDS = 6


@dataclass(frozen=True, slots=True)
class Source:
    n: int
    article_id: str
    outlet: str
    title: str | None
    published: str | None
    where: str


@dataclass(slots=True)
class Item:
    text: str
    cites: list[int] = field(default_factory=list)
    note: str = ""
    variants: list[tuple[str, list[int]]] = field(default_factory=list)


@dataclass(slots=True)
class Briefing:
    story_id: str
    headline: str
    overview: str
    summary: list[Item]
    timeline: list[Item]
    statements: list[Item]
    corroborated: list[Item]
    single_source: list[Item]
    source_notes: list[Item]
    framing: list[Item]
    sources: list[Source]
    more: dict[str, int] = field(default_factory=dict)
    summary_en: list[Item] = field(default_factory=list)  # from the English articles, when the summary is not
    figures: list[Item] = field(default_factory=list)  # counts the articles lead with, where they differ


def _rows(con, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def default_story(con) -> str:
    row = con.execute("""SELECT id FROM stories ORDER BY independent_outlets DESC, articles DESC, id
                         LIMIT 1""").fetchone()
    if row is None:
        raise UsageError("the store has no stories yet: run `newsgraph analyze` first (with stories on)")
    return row[0]


def find_story(con, story_id: str | None = None) -> dict:
    """The stored row of the story with this id or id prefix (default: the one with most
    independent outlets); a usage error when none or several match."""
    if story_id is not None and not story_id.strip():
        raise UsageError("give a story id (or leave --story out for the largest story)")
    sid = story_id or default_story(con)
    found = _rows(con, """SELECT * EXCLUDE (embedding) FROM stories WHERE id = ? OR starts_with(id, ?)
                          ORDER BY id LIMIT 2""", [sid, sid])
    if len(found) != 1:
        raise UsageError(f"{'no' if not found else 'more than one'} story matches {sid!r}; "
                         "`newsgraph stories` lists them")
    return found[0]


def build(con, story_id: str | None = None) -> Briefing:
    """The briefing of one story (default: the one with most independent outlets)."""
    story = find_story(con, story_id)
    sid = story["id"]
    arts = _rows(con, """SELECT a.id, a.outlet, a.source, a.title, a.author, a.published, a.url, a.path, a.flags,
                               a.repairs, a.text, a.language, a.credits, c.seq
                        FROM corpus_articles c JOIN articles a ON a.id = c.article_id
                        WHERE c.story_id = ? ORDER BY a.published NULLS LAST, c.seq""", [sid])
    sources, num = _sources(arts)
    cite = lambda ids: sorted({num[a] for a in ids if a in num})  # noqa: E731
    claims = _rows(con, "SELECT * FROM claims WHERE story_id = ?", [sid])
    clusters = _rows(con, "SELECT * FROM event_clusters WHERE story_id = ?", [sid])
    links = _rows(con, """SELECT l.* FROM links l JOIN corpus_articles c ON c.article_id = l.article_id
                         WHERE c.story_id = ? ORDER BY l.article_id""", [sid])
    quotes = _rows(con, """SELECT q.* FROM quotes q JOIN corpus_articles c ON c.article_id = q.article_id
                          WHERE c.story_id = ?""", [sid])
    events = _rows(con, """SELECT e.id, e.article_id, e.goldstein, e.negated, e.quad_class, e.sentence, e."start",
                                 e.trigger FROM events e
                          JOIN corpus_articles c ON c.article_id = e.article_id WHERE c.story_id = ?""", [sid])
    b = Briefing(
        story_id=sid, headline=story["title"] or _clip((story["summary"] or [{}])[0].get("text") or "", 120)
        or "(untitled story)",  # no page title reads as the headline: the summary's first sentence
        overview=_overview(story, arts),
        summary=[Item(s["text"], cite([s["article_id"]])) for s in (story["summary"] or [])[:MAX_SUMMARY]],
        timeline=_timeline(clusters, cite, _names_of(events)),
        statements=_statements(claims, cite, {(q["article_id"], q["start"]): q["kind"] for q in quotes}),
        corroborated=[], single_source=[], source_notes=_notes(arts, links, quotes, num),
        framing=_framing(arts, events, sources), sources=sources)
    background = frozenset(c["id"] for c in clusters if c["background"])
    dated = frozenset(c["id"] for c in clusters if c["date"])
    confirmed, bios = _confirmed_spans(claims, background, dated), _author_lines(arts)
    _claims(b, claims, cite, confirmed, bios)
    skip = {a: confirmed.get(a, []) + bios.get(a, []) for a in set(confirmed) | set(bios)}
    b.single_source.extend(_only_here(arts, num, skip))
    b.summary_en = _english_summary(con, sid, story, arts, cite)
    day_of = {a["id"]: str(a["published"])[:10] for a in arts if a["published"]}
    independent = Sources({a["id"]: outlet_key(a["outlet"], a["source"]) for a in arts},
                          [(x["article_id"], x["other_id"]) for x in links], {a["id"]: a["credits"] for a in arts})
    b.figures = [_figure(d, cite, day_of) for d in story_figures(
        ((a["id"], [a["text"][x:y] for x, y in split_sentences(a["text"] or "")]) for a in arts),
        lambda ids: independent.counts(ids)[2])]
    return b


def _figure(d, cite, day_of: dict[str, str]) -> Item:
    """'dead: 84 [1][3]', the figure most independent sources lead with, and beneath it the others, by the
    day of their first report ('also reported as: dead: 60, 2021-07-15 [5]': a toll that rose)."""
    def told(kind: str, value: int, articles) -> str:
        days = sorted(day_of[a] for a in articles if day_of.get(a))
        return f"{kind}: {value:,}" + (f", {days[0]}" if days else "")

    (value, first), *rest = d.values
    rest.sort(key=lambda va: (min((day_of[a] for a in va[1] if day_of.get(a)), default="~"), -va[0]))
    return Item(told(d.kind, value, first), cite(first), "outlets give different figures",
                [(told(d.kind, v, a), cite(a)) for v, a in rest])


def _english_summary(con, sid: str, story: dict, arts: list[dict], cite) -> list[Item]:
    """The story summarised from its English articles, when its summary is in another language
    (the one most of its articles are written in) and some of its articles are in English."""
    from .corpus.refresh import STORY_SENTENCES, STORY_WORDS, story_summary

    lang = {a["id"]: language.base(a.get("language")) or "en" for a in arts}
    first = next(iter(story["summary"] or []), None)
    if first is None or lang.get(first["article_id"], "en") == "en" or "en" not in lang.values():
        return []
    return [Item(x.text, cite([x.article_id]))
            for x in story_summary(con, sid, STORY_SENTENCES, STORY_WORDS, "en")[:MAX_SUMMARY]]


def _sources(arts: list[dict]) -> tuple[list[Source], dict[str, int]]:
    out, num = [], {}
    for k, a in enumerate(arts, 1):
        outlet = a["outlet"] or f"unknown outlet ({os.path.basename((a['path'] or a['source']).rstrip('/'))})"
        where = a["url"] or a["path"] or a["source"]
        out.append(Source(k, a["id"], outlet, a["title"], a["published"].isoformat() if a["published"] else None,
                          where))
        num[a["id"]] = k
    return out, num


def _overview(story: dict, arts: list[dict]) -> str:
    dates = sorted(a["published"].isoformat() for a in arts if a["published"])
    span = (f"published {dates[0]}" + (f" to {dates[-1]}" if dates[-1] != dates[0] else "")) if dates \
        else "no publication dates"
    undated = sum(1 for a in arts if not a["published"])
    extra = f" ({undated} undated)" if dates and undated else ""
    pending = (" Not finished: articles were added since the story was last rebuilt; run `newsgraph analyze` "
               "again to finish it." if story.get("dirty") else "")
    return (f"{len(arts)} articles from {story['outlets']} outlets, {story['independent_outlets']} of "
            f"them independent (copies and rewrites count once); {span}{extra}. Story {story['id']}.{pending}")


_QUOTED = re.compile(r"“([^”]{2,40})”|\"([^\"]{2,40})\"|(?<!\w)‘([^’]{2,40})’(?!\w)")


NAME_REACH = 40  # characters between an event's trigger and quoted words that name it


def _names_of(events: list[dict]) -> dict[str, list[str]]:
    """Per event, the short quoted words (“no limits”, “limitless”) of its sentence that stand
    near its own trigger, nearer than any other event's: how the outlet names it ('their
    declaration of a “no limits” partnership'). Direct speech is not a name: words closed by a
    comma or stop inside the marks and followed by a speech verb (“We signed,” she said)."""
    by_sentence: dict[tuple, list[dict]] = {}
    for e in events:
        by_sentence.setdefault((e["article_id"], e["start"]), []).append(e)
    out: dict[str, list[str]] = {}
    for same in by_sentence.values():
        text = same[0]["sentence"] or ""
        spots = {e["id"]: _trigger_at(text, e.get("trigger")) for e in same}
        for m in _QUOTED.finditer(text):
            raw = next(g for g in m.groups() if g)
            words = raw.strip(" ,.")
            if not 0 < len(words.split()) <= 4 or _is_speech(raw, text[m.end():]):
                continue
            near = min(same, key=lambda e: (abs(spots[e["id"]] - m.start()), e["id"]))
            if abs(spots[near["id"]] - m.start()) > NAME_REACH:
                continue  # words far from the event's trigger name something else in the sentence
            if words not in out.setdefault(near["id"], []):
                out[near["id"]].append(words)
    return out


_SPEECH_FORMS = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "thought": "think"}


def _is_speech(quoted: str, after: str) -> bool:
    """Quoted words that are someone's direct speech: closed by a comma or stop inside the marks
    and followed within a few words by a speech verb (“We signed,” the minister said)."""
    if not quoted.rstrip().endswith((",", ".", "!", "?")):
        return False
    verbs = word_set("speech_verbs.txt")
    for word in re.findall(r"[a-z]+", after.lower())[:4]:
        lemma = _SPEECH_FORMS.get(word) or next(
            (word[:-len(end)] + add for end, add in (("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", ""))
             if word.endswith(end) and word[:-len(end)] + add in verbs), word)
        if lemma in verbs:
            return True
    return False


def _trigger_at(sentence: str, trigger: str | None) -> int:
    """Where an event's trigger word stands in its sentence (its start; 0 when not found)."""
    if not trigger:
        return 0
    m = re.search(rf"\b{re.escape(trigger)}", sentence, re.I)
    return m.start() if m else 0


def _self_loop(label: str) -> bool:
    """Whether an event's two sides read the same ('Haiti → Haiti: use conventional military force',
    'France and France: consult'): one state acting on itself, as its own parts, tells a reader
    nothing; the exports keep it."""
    sides = label.rpartition(": ")[0]
    for sep in (" → ", " and "):
        left, found, right = sides.partition(sep)
        if found:
            return left.strip() == right.strip()
    return False


def _timeline(clusters: list[dict], cite, names_of: dict[str, list[str]]) -> list[Item]:
    dated = [c for c in clusters if c["date"] and not c["negated"] and not _self_loop(c["label"])]
    dated.sort(key=lambda c: (c["date"], -c["independent_outlets"], c["id"]))
    out = []
    for c in dated:
        where = f", {c['location']}" if c["location"] else ""
        bg = " (background)" if c["background"] else ""
        named = list(dict.fromkeys(w for e in c["event_ids"] or [] for w in names_of.get(e, ())))[:4]
        called = f" — called {' / '.join(f'“{w}”' for w in named)}" if named else ""
        note = _support(c["independent_outlets"], c["outlets"])
        out.append(Item(f"{c['date']}{where}: {c['label']}{bg}{called}", cite(c["article_ids"]), note))
    return out


def _support(independent: int, outlets: int) -> str:
    if independent <= 1:
        return "single source" if outlets <= 1 else f"{outlets} outlets, one independent source"
    extra = f" ({outlets} outlets)" if outlets != independent else ""
    return f"{independent} independent outlets{extra}"


def _statements(claims: list[dict], cite, kinds: dict[tuple[str, int], str] | None = None) -> list[Item]:
    """Who said what: each statement once, its words as most outlets give them, other versions
    (translations, wordings) beneath it. `kinds`: each quotation's kind by (article, start); words
    reported in the writer's own (indirect or mixed) are shown as reported speech, not between
    quotation marks."""
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
            texts.setdefault(e["text"], []).append(e["article_id"])
            reported.setdefault(e["text"], kinds.get((e["article_id"], e["start"])) in ("indirect", "mixed"))
        if len(content_words(c["text"])) < 3 and c["independent_outlets"] < 2:
            continue  # a one- or two-word fragment said once is no statement to brief
        main = max(texts, key=lambda t: (len(texts[t]), len(t)))
        speaker = c["speaker"].rstrip(" ,;:") + (" (reported)" if reported[main] else "")
        item = Item(f"{speaker}: {_words(main, reported[main])}", cite(texts[main]),
                    _support(c["independent_outlets"], c["outlets"]))
        item.variants = [(_words(t, reported[t]) if not reported[t] or reported[main] else
                          f"(reported) {_words(t, True)}", cite(ids)) for t, ids in texts.items() if t != main]
        out.append(item)
    return out[:MAX_STATEMENTS]


def _words(text: str, reported: bool) -> str:
    """A statement's words: quoted, or as reported speech (the quotation marks a quoted fragment
    opens inside it closed)."""
    text = _clip(text)
    if not reported:
        return f"“{text}”"
    if text.count("“") > text.count("”"):
        text += "”"
    elif text.count('"') % 2:
        text += '"'
    return text


def _clip(text: str, limit: int = 320) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > 0 else limit].rstrip(",;:") + " …"


def _confirmed_spans(claims: list[dict], background: frozenset[str] = frozenset(),
                     dated: frozenset[str] = frozenset()) -> dict[str, list[tuple[int, int]]]:
    """Per article, the sentences that say what another outlet confirms, so that they are listed
    as no single-source claim: evidence of a quote or sentence group of two or more independent
    outlets, and of an event confirmed so (not background): all reports of a dated happening,
    and of an undated one those that share some of what they say (two content words besides
    names) with another article's report ('cooperate militarily' is said of many things)."""
    from .corpus.corroborate import gist

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


def _inside(confirmed: dict[str, list[tuple[int, int]]], article_id: str, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in confirmed.get(article_id, ()))


_PRONOUN_START = re.compile(r"(?:He|She|They)\b")
_BIO_VERB = re.compile(r"\s+(?:is|was|has|had|covers|writes|reports|previously|teaches|lives|joined)\b")
_BYLINE_WORDS = frozenset("by and staff desk reporter reporters correspondent correspondents editor editors news "
                          "wire wires agency agencies newsroom team contributor contributors writer writers".split())
BIO_TAIL = 4  # biographies stand in an article's last sentences


def _author_lines(arts: list[dict]) -> dict[str, list[tuple[int, int]]]:
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


def _standalone(text: str) -> bool:
    """A sentence that can be read as a claim on its own: no fragment, no sentence that points back
    ('They include ...'), no lead-in to a quote ('... remarked during a speech:[2]')."""
    from .corpus.summarize import suitability

    text = _FOOTNOTE.sub("", text).strip()
    return suitability(text) >= 0.6 and not text.endswith(":")


def _claims(b: Briefing, claims: list[dict], cite, confirmed: dict[str, list[tuple[int, int]]],
            bios: dict[str, list[tuple[int, int]]] | None = None) -> None:
    said = {c["text"] for c in claims if c["kind"] == "quote"}
    many = [c for c in claims if c["independent_outlets"] >= 2 and c["kind"] != "quote"
            and not (c["kind"] == "event" and _self_loop(c["text"]))]
    many.sort(key=lambda c: (-c["independent_outlets"], -(c["salience"] or 0), c["id"]))
    for c in many[:MAX_CORROBORATED]:
        b.corroborated.append(Item(_claim_text(c), cite(e["article_id"] for e in c["evidence"]),
                                   _support(c["independent_outlets"], c["outlets"])))
    sentences = [c["text"] for c in claims if c["kind"] == "statement"]
    single = [c for c in claims if c["single_source"] and (
        c["kind"] == "statement" and c["text"] not in said
        or c["kind"] == "quote" and not any(c["text"] in t for t in sentences))
        and not any(_inside(confirmed, e["article_id"], e["start"], e["end"])
                    or _inside(bios or {}, e["article_id"], e["start"], e["end"]) for e in c["evidence"])
        and _standalone(_claim_text(c))]
    single.sort(key=lambda c: (-(c["salience"] or 0), c["id"]))
    # spread over the articles: the most telling claims of each outlet first
    per_article: dict[str, list[dict]] = {}
    for c in single:
        per_article.setdefault(c["evidence"][0]["article_id"], []).append(c)
    picked: list[dict] = []
    depth = 0
    order = sorted(per_article, key=lambda aid: min(cite([aid]) or [0]))
    while depth < MAX_SINGLE and any(len(v) > depth for v in per_article.values()):
        for aid in order:
            if len(per_article[aid]) > depth and len(picked) < MAX_SINGLE_TOTAL:
                picked.append(per_article[aid][depth])
        depth += 1
    for c in picked:
        b.single_source.append(Item(_claim_text(c), cite(e["article_id"] for e in c["evidence"]), "single source"))
    b.more = {"corroborated": max(0, len(many) - MAX_CORROBORATED), "single_source": len(single) - len(picked)}


_WORDS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


_SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=\s)|$)", re.M)
_CLAUSE = re.compile(r"[,;:()\[\]—–]|\s-\s")
_LEAD = frozenset("and or but while whereas as with including".split())
MAX_ONLY_HERE = 5  # phrases per article


def _only_here(arts: list[dict], num: dict[str, int],
               confirmed: dict[str, list[tuple[int, int]]] | None = None) -> list[Item]:
    """Per article, what it alone mentions: rare two-word phrases no other article of the story
    uses ("hypersonic weapons"), each shown in its clause ("joint research in hypersonic
    weapons"), skipping the sentences in `confirmed` (those whose event other outlets confirm,
    the author's biography) and clauses in another language."""
    if len(arts) < 2:
        return []
    from .corpus.features import UNKNOWN_IDF, stopwords

    confirmed = confirmed or {}
    stop_en = stopwords()
    stop = stop_en | _proper_words(arts)  # names are actors, listed elsewhere

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
            if _inside(confirmed, a["id"], m.start(), m.end()) or m.end() >= end and cut_off(m.group()):
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
    out = []
    for a in arts:
        others = set().union(*(w for k, w in words_in.items() if k != a["id"]))
        own = sorted(((idf(x) + idf(y), (x, y)) for x, y in grams[a["id"]]
                      if seen[(x, y)] == 1 and (x not in others or y not in others)), key=lambda t: (-t[0], t[1]))
        shown: list[str] = []
        clauses: set[str] = set()
        for _, (x, y) in own:
            clause = grams[a["id"]][(x, y)]
            if clause in clauses:
                continue  # one phrase a clause: the rest of it says the same thing
            clauses.add(clause)
            shown.append(_snippet(clause, x, y, stop))
            if len(shown) == MAX_ONLY_HERE:
                break
        if shown:
            out.append(Item("only this source mentions: " + ", ".join(f"“{t}”" for t in shown),
                            [num[a["id"]]], "single source"))
    return out


def _snippet(clause: str, x: str, y: str, stop: set[str]) -> str:
    """A phrase as its clause writes it, with up to three words before it and the content words
    right after it: 'joint research in hypersonic weapons', 'fueling geopolitical tensions'."""
    words = clause.split()
    low = [w.lower().strip("“”\"'‘’.,") for w in words]
    at = next((i for i in range(len(low) - 1) if low[i] == x and low[i + 1] == y), None)
    if at is None:
        return f"{x} {y}"
    lo, hi = max(0, at - 3), at + 2
    while lo < at and (low[lo] in stop or low[lo] in _LEAD):
        lo += 1
    while hi < len(words) and hi < at + 4 and low[hi] and low[hi] not in stop and _WORDS.fullmatch(low[hi]):
        hi += 1
    return re.sub(r"[\"“”]", "", " ".join(words[lo:hi])).strip("'‘’.,; ")


def _claim_text(c: dict) -> str:
    if c["kind"] in ("event", "fact"):
        return c["text"]
    text = c["evidence"][0]["text"] if c["evidence"] else c["text"]
    return _FOOTNOTE.sub("", text).strip()


def _notes(arts: list[dict], links: list[dict], quotes: list[dict], num: dict[str, int]) -> list[Item]:
    out = []
    by_id = {a["id"]: a for a in arts}
    kinds = {"copy": ("is a copy of", "one is a copy of the other"),
             "near_copy": ("is a near copy of", "one is a near copy of the other"),
             "rewrite": ("rewrites", "one rewrites the other")}
    groups = _copy_groups(links, by_id)
    for members in groups:  # three or more pages of one text: one note, not a line per pair
        scores = [k["score"] for k in links if k["type"] in ("copy", "near_copy")
                  and k["article_id"] in members and k["other_id"] in members]
        names = [f"{_outlet(by_id[m])} (source {num[m]})" for m in sorted(members, key=lambda m: num[m])]
        out.append(Item(f"{', '.join(names[:-1])} and {names[-1]} carry one text (copies and near copies, "
                        f"scores {min(scores):.2f}–{max(scores):.2f}); counted as one source",
                        sorted(num[m] for m in members)))
    grouped = {m for members in groups for m in members}
    noted: set[frozenset[str]] = set()  # one note a pair, of its closest link
    rank = {"copy": 0, "near_copy": 1, "rewrite": 2}
    for link in sorted(links, key=lambda k: (rank.get(k["type"], 3), k["article_id"], k["other_id"])):
        a, b = by_id.get(link["article_id"]), by_id.get(link["other_id"])
        if a is None or b is None or (link["type"] != "rewrite" and a["id"] in grouped) \
                or frozenset((a["id"], b["id"])) in noted:
            continue
        noted.add(frozenset((a["id"], b["id"])))
        one_way, both = kinds.get(link["type"], (link["type"], link["type"]))
        first, second = f"{_outlet(a)} (source {num[a['id']]})", f"{_outlet(b)} (source {num[b['id']]})"
        if a["published"] and b["published"] and a["published"] != b["published"]:
            # which came first is known only from two different dates
            later = a["published"] > b["published"]
            text = f"{first} {one_way} {second}" if later else f"{second} {one_way} {first}"
        else:
            text = f"{first} and {second}: {both}"
        out.append(Item(f"{text} (score {link['score']:.2f}); counted as one source", [num[a["id"]], num[b["id"]]]))
    out += _agency_notes(arts, num)
    for a in arts:
        for r in a["repairs"] or []:
            word = _word_at(a["text"], r["start"], r["end"])
            out.append(Item(f"mixed-script word repaired: “{r['original']}” → “{r['repaired']}” in “{word}”",
                            [num[a["id"]]]))
    undated = [num[a["id"]] for a in arts if not a["published"]]
    if undated:
        out.append(Item(f"{len(undated)} of {len(arts)} articles state no publication date; their events are "
                        "dated from the text only", undated))
    from_url = [num[a["id"]] for a in arts if "date_from_url" in (a.get("flags") or ())]
    if from_url:
        out.append(Item(f"{len(from_url)} of {len(arts)} articles are dated by the date in their address, "
                        "stating none themselves", from_url))
    other = [a for a in arts if language.other_than_english(a.get("language"))]
    if other:
        names = Counter(language.name(a["language"]) for a in other)
        out.append(Item(f"{len(other)} of {len(arts)} articles are in other languages ("
                        + ", ".join(f"{n} {k}" for k, n in sorted(names.items(), key=lambda kv: (-kv[1], kv[0])))
                        + "): placed in the story by the names, figures or words they share with it, or by "
                        "what their title and lead say (a multilingual encoder); their sentences confirm "
                        "claims in other languages; their actors, quotes and events are not extracted (the "
                        "extraction reads English)",
                        sorted(num[a["id"]] for a in other)))
    unnamed = Counter(q["article_id"] for q in quotes if not q["speaker_named"] and q["article_id"] in num)
    if unnamed:
        n, k = sum(unnamed.values()), len(unnamed)
        out.append(Item(f"{n} statement{'s' if n > 1 else ''} attributed to unnamed sources (officials, analysts, "
                        f"observers) in {k} article{'s' if k > 1 else ''}", sorted(num[a] for a in unnamed)))
    return out


def _agency_notes(arts: list[dict], num: dict[str, int]) -> list[Item]:
    """One note per news agency whose copy other outlets' articles of the story carry (as their
    pages credit it; the agency's own pages are no news)."""
    by_agency: dict[str, list[dict]] = {}
    for a in arts:
        key = (a.get("credits") or [None])[0]
        if not key:
            continue
        site = outlet_from_url(a.get("url")) or a["outlet"]
        if agency_of_site(site) != key and (a["outlet"] or "").casefold() != agency_name(key).casefold() \
                and not _own_brand(agency_name(key), site):
            by_agency.setdefault(key, []).append(a)
    out = []
    for key, members in sorted(by_agency.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        name = agency_name(key)
        names = [f"{_outlet(a)} (source {num[a['id']]})" for a in sorted(members, key=lambda a: num[a["id"]])]
        who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        verb = "carries" if len(names) == 1 else "carry"
        out.append(Item(f"{who} {verb} {name} copy (credited on the page); counted with {name} as one source",
                        sorted(num[a["id"]] for a in members)))
    return out


_BRAND_PART = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z]|$|\W)|[A-Z]?[a-z]+|[A-Z]+|\d+")


_HOST_WORDS = frozenset("www com org net co gov ac edu news amp m mobile".split())


def _own_brand(credit: str, site: str | None) -> bool:
    """Whether a credited source is the site's own brand ('CBSNewYork' on newyork.cbslocal.com,
    'WCCO' on wcco.com, 'NewsNation Now' on newsnationnow.com): every part of its name is in the
    site's name (its address without the common labels and the country ending), and they make
    most of it (not ANSA in kansascity.com, nor SID in businessinsider.com)."""
    labels = [x for x in re.split(r"[^a-z0-9]+", (site or "").lower()) if x]
    name = "".join(x for x in labels[:-1] if x not in _HOST_WORDS) if len(labels) > 1 else "".join(labels)
    parts = [p.lower() for p in _BRAND_PART.findall(credit)]
    return bool(name and parts) and all(p in name for p in parts) and len("".join(parts)) >= 0.6 * len(name)


def _copy_groups(links: list[dict], by_id: dict[str, dict]) -> list[set[str]]:
    """Sets of three or more of the story's articles joined by copy and near-copy links."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k in links:
        if k["type"] in ("copy", "near_copy") and k["article_id"] in by_id and k["other_id"] in by_id:
            parent[find(k["article_id"])] = find(k["other_id"])
    groups: dict[str, set[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), set()).add(x)
    return sorted((g for g in groups.values() if len(g) >= 3), key=lambda g: sorted(g))


def _outlet(a: dict) -> str:
    return a["outlet"] or "an unknown outlet"


def _word_at(text: str, start: int, end: int) -> str:
    lo = start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    left = text.rfind(" ", 0, max(0, lo - 1))
    return text[left + 1 if left >= 0 else 0:hi].strip(".,;:")


def _proper_words(arts: list[dict]) -> set[str]:
    """Words mostly written capitalised (names, demonyms): actors, not framing."""
    import re

    upper: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for a in arts:
        for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b([^\W\d_][^\W\d_A-Z]+)", a["text"]):
            w = m.group(1).lower()
            seen[w] += 1
            upper[w] += m.group(1)[0].isupper()
    return {stem(w) for w, n in seen.items() if upper[w] >= 0.5 * n}  # stemmed and folded as content words are


_WEB_WORDS = frozenset("com www http https html pic twitter facebook instagram youtube amp utm".split())


def _framing(arts: list[dict], events: list[dict], sources: list[Source]) -> list[Item]:
    """Per outlet: the tone of what it reports (mean Goldstein score of its events, and its share of
    conflict events) and its framing words (log-odds against the rest of the story in its own
    language, with an informative prior, Monroe et al. 2008; none for the one article in a
    language: against others' words every word of it would stand out). A word is shown as the
    article writes it most often."""
    if len(arts) < 2:
        return []
    names = _proper_words(arts)
    lang = {a["id"]: language.base(a.get("language")) or "en" for a in arts}
    counts: dict[str, Counter[str]] = {}
    shown: dict[str, dict[str, str]] = {}  # article -> stem -> the form it writes most
    for a in arts:
        # an article in another language: its language's function words are no framing words either
        stop = language.stop_words(language.other_than_english(a.get("language")))
        forms: Counter[tuple[str, str]] = Counter()
        for t in tokens(a["text"]):
            if t in stop or any(c.isdigit() for c in t) or len(t) < 3 or t in _WEB_WORDS:
                continue
            for w in content_tokens([t]):
                if w not in names:
                    forms[(w, t)] += 1
        counts[a["id"]] = Counter()
        best: dict[str, tuple[int, str]] = {}
        for (w, t), k in forms.items():
            counts[a["id"]][w] += k
            if (k, t) > best.get(w, (0, "")):
                best[w] = (k, t)
        shown[a["id"]] = {w: t for w, (_, t) in best.items()}
    total: dict[str, Counter[str]] = {}
    for a in arts:
        total.setdefault(lang[a["id"]], Counter()).update(counts[a["id"]])
    in_language = Counter(lang.values())
    by_article: dict[str, list[dict]] = {}
    for e in events:
        by_article.setdefault(e["article_id"], []).append(e)
    out = []
    for src in sources:
        mine = counts[src.article_id]
        n_mine = sum(mine.values())
        if not n_mine:
            continue
        code = lang[src.article_id]
        every = total[code]
        n_total = sum(every.values())
        rest_n = n_total - n_mine
        scores = []
        for w, k in mine.items():
            if k < 2 or idf(w) < 2.0 or in_language[code] < 2:
                continue
            prior = every[w] / n_total * 10.0
            rest = every[w] - k
            a = math.log((k + prior) / (n_mine + 10.0 - k - prior))
            b_ = math.log((rest + prior) / (rest_n + 10.0 - rest - prior)) if rest_n > 0 else 0.0
            var = 1.0 / (k + prior) + 1.0 / (rest + prior)
            scores.append(((a - b_) / math.sqrt(var), w))
        words = [shown[src.article_id][w] for z, w in sorted(scores, key=lambda t: (-t[0], t[1]))[:FRAMING_WORDS]
                 if z > 1.0]
        evs = [e for e in by_article.get(src.article_id, []) if e["goldstein"] is not None and not e["negated"]]
        tone = ""
        if evs:
            mean = sum(e["goldstein"] for e in evs) / len(evs)
            conflict = sum(1 for e in evs if (e["quad_class"] or 0) >= 3) / len(evs)
            tone = f"events {len(evs)}, mean Goldstein {mean:+.1f}, conflict share {conflict:.0%}"
        else:
            tone = "no coded events"
        if in_language[code] < 2:
            framing = f"framing words: none (its only article in {code})"
        else:
            framing = f"framing words: {', '.join(words) or '-'}"
        out.append(Item(f"{src.outlet}: {tone}; {framing}", [src.n]))
    return out


# ------------------------------------------------------------------------------ rendering
SECTIONS = (  # title, Briefing field, what to say when it is empty
    ("Summary", "summary", "no summary: the articles have no sentences to cite"),
    ("Summary of the English articles", "summary_en", None),
    ("Timeline", "timeline", "no dated events"),
    ("Who said what", "statements", "no attributed statements"),
    ("Corroborated by independent outlets", "corroborated", "nothing is confirmed by two independent outlets"),
    ("Figures the outlets give differently", "figures", None),
    ("Single-source claims", "single_source", "none"),
    ("Source notes", "source_notes", "nothing to note"),
    ("How the outlets frame it", "framing", "one outlet only"),
)


def _cites(ns: list[int]) -> str:
    return "".join(f"[{n}]" for n in ns)


_MD_SPECIAL = re.compile(r"([\\`*\[\]<>])")  # intraword _ is no emphasis in CommonMark


def _md(text: str | None) -> str:
    """Text from articles, with Markdown's markup characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text or "")


def to_markdown(b: Briefing) -> str:
    lines = [f"# {_md(b.headline)}", "", b.overview, ""]

    def section(title: str, items: list[Item], empty: str | None, more: int = 0) -> None:
        if not items and empty is None:
            return  # a section shown only when it has something
        lines.extend([f"## {title}", ""])
        if not items:
            lines.extend([f"_{empty}_", ""])
            return
        for it in items:
            note = f" — {it.note}" if it.note else ""
            lines.append(f"- {_md(it.text)} {_cites(it.cites)}{note}".rstrip())
            for text, cites in it.variants:
                lines.append(f"  - also reported as: {_md(text)} {_cites(cites)}")
        if more:
            lines.append(f"- … and {more} more (`newsgraph export claims`)")
        lines.append("")

    for title, field_, empty in SECTIONS:
        section(title, getattr(b, field_), empty, b.more.get(field_, 0))
    lines.extend(["## Sources", ""])
    for s in b.sources:
        date = s.published or "no date"
        lines.append(f"[{s.n}] {_md(s.outlet)} — {_md(s.title or '(untitled)')} — {date} — {_md(s.where)}")
    return "\n".join(lines) + "\n"


def to_html(b: Briefing) -> str:
    e = html.escape

    def cites(ns: list[int]) -> str:
        return "".join(f'<a href="#src{n}">[{n}]</a>' for n in ns)

    parts = ["<!doctype html><html><head><meta charset='utf-8'>", f"<title>{e(b.headline)}</title>",
             "<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;line-height:1.45}"
             ".note{color:#555;font-size:.9em}li{margin:.25rem 0}</style></head><body>",
             f"<h1>{e(b.headline)}</h1>", f"<p>{e(b.overview)}</p>"]

    def section(title: str, items: list[Item], empty: str | None, more: int = 0) -> None:
        if not items and empty is None:
            return
        parts.append(f"<h2>{e(title)}</h2>")
        if not items:
            parts.append(f"<p><em>{e(empty)}</em></p>")
            return
        parts.append("<ul>")
        for it in items:
            note = f" <span class='note'>— {e(it.note)}</span>" if it.note else ""
            sub = "".join(f"<li>also reported as: {e(t)} {cites(c)}</li>" for t, c in it.variants)
            parts.append(f"<li>{e(it.text)} {cites(it.cites)}{note}" + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
        if more:
            parts.append(f"<li>… and {more} more</li>")
        parts.append("</ul>")

    for title, field_, empty in SECTIONS:
        section(title, getattr(b, field_), empty, b.more.get(field_, 0))
    parts.append("<h2>Sources</h2><ol>")
    for s in b.sources:
        where = (f"<a href='{e(s.where, quote=True)}'>{e(s.where)}</a>"
                 if s.where.startswith(("http://", "https://")) else e(s.where))
        parts.append(f"<li id='src{s.n}'>{e(s.outlet)} — {e(s.title or '(untitled)')} — "
                     f"{e(s.published or 'no date')} — {where}</li>")
    parts.append("</ol></body></html>")
    return "\n".join(parts) + "\n"


def render(b: Briefing, fmt: str = "md") -> str:
    if fmt == "md":
        return to_markdown(b)
    if fmt == "html":
        return to_html(b)
    raise UsageError(f"unknown briefing format {fmt!r}; choose md or html")
