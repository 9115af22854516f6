"""How the outlets frame a story: the tone of the events each reports and its framing words."""
from __future__ import annotations

import math
import re
from collections import Counter

from ..clean import language
from ..corpus.features import content_tokens, idf, stem, tokens
from .model import FRAMING_WORDS, Item, Source


def proper_words(arts: list[dict]) -> set[str]:
    """Words mostly written capitalised (names, demonyms): actors, not framing."""

    upper: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for a in arts:
        for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b([^\W\d_][^\W\d_A-Z]+)", a["text"]):
            w = m.group(1).lower()
            seen[w] += 1
            upper[w] += m.group(1)[0].isupper()
    return {stem(w) for w, n in seen.items() if upper[w] >= 0.5 * n}  # stemmed and folded as content words are


_WEB_WORDS = frozenset("com www http https html pic twitter facebook instagram youtube amp utm".split())


def framing(arts: list[dict], events: list[dict], sources: list[Source]) -> list[Item]:
    """Per outlet: the tone of what it reports (mean Goldstein score of its events, and its share of
    conflict events) and its framing words (log-odds against the rest of the story in its own
    language, with an informative prior, Monroe et al. 2008; none for the one article in a
    language: against others' words every word of it would stand out). A word is shown as the
    article writes it most often."""
    if len(arts) < 2:
        return []
    names = proper_words(arts)
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

