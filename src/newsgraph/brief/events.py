"""The briefing's timeline: dated event clusters, each with the names outlets give it."""
from __future__ import annotations

import re

from ..data import word_set
from .model import Item, support

_QUOTED = re.compile(r"“([^”]{2,40})”|\"([^\"]{2,40})\"|(?<!\w)‘([^’]{2,40})’(?!\w)")


NAME_REACH = 40  # characters between an event's trigger and quoted words that name it


def names_of(events: list[dict]) -> dict[str, list[str]]:
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


def self_loop(label: str) -> bool:
    """Whether an event's two sides read the same ('Haiti → Haiti: use conventional military force',
    'France and France: consult'): one state acting on itself, as its own parts, tells a reader
    nothing; the exports keep it."""
    sides = label.rpartition(": ")[0]
    for sep in (" → ", " and "):
        left, found, right = sides.partition(sep)
        if found:
            return left.strip() == right.strip()
    return False


def timeline(clusters: list[dict], cite, names_of: dict[str, list[str]]) -> list[Item]:
    dated = [c for c in clusters if c["date"] and not c["negated"] and not self_loop(c["label"])]
    dated.sort(key=lambda c: (c["date"], -c["independent_outlets"], c["id"]))
    out = []
    for c in dated:
        where = f", {c['location']}" if c["location"] else ""
        bg = " (background)" if c["background"] else ""
        named = list(dict.fromkeys(w for e in c["event_ids"] or [] for w in names_of.get(e, ())))[:4]
        called = f" — called {' / '.join(f'“{w}”' for w in named)}" if named else ""
        note = support(c["independent_outlets"], c["outlets"])
        out.append(Item(f"{c['date']}{where}: {c['label']}{bg}{called}", cite(c["article_ids"]), note))
    return out

