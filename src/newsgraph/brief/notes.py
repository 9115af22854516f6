"""The briefing's source notes: copies and rewrites counted once, agency copy, repaired words,
missing dates, other languages, unnamed sources."""
from __future__ import annotations

import re
from collections import Counter

from ..clean import language
from ..ingest.credits import agency_name, agency_of_site
from ..ingest.meta import outlet_from_url
from .model import Item


def notes(arts: list[dict], links: list[dict], quotes: list[dict], num: dict[str, int]) -> list[Item]:
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

