"""One statement_id for the same statement reported by different outlets or translations.

Two quotes are the same statement when their speaker is the same actor and their content
lemmas overlap enough: a share of the smaller side (paraphrase- and excerpt-tolerant) and a
minimum number of shared lemmas, so that different statements by one speaker stay apart.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cache

from ..data import tsv_rows
from ..records import Quote

MIN_SHARED = 3
MIN_CONTAINMENT = 0.6


def quote_id(q: Quote) -> str:
    return f"{q.article_id}:{q.start}-{q.end}"


def same_statement(a: Iterable[str], b: Iterable[str]) -> bool:
    a, b = set(a), set(b)
    if {w for w in a if w[:1] == "@"} != {w for w in b if w[:1] == "@"}:
        return False  # another speech act on the same words ('@call for' / '@condemn': quotes._act_quote)
    shared = len(a & b)
    return shared >= min(MIN_SHARED, len(a), len(b)) and shared >= MIN_CONTAINMENT * min(len(a), len(b)) \
        and min(len(a), len(b)) > 0 and shared >= 2


def assign_statements(quotes: Sequence[Quote], known: dict[str, list[tuple[str, tuple[str, ...]]]]
                      ) -> list[Quote]:
    """Give each quote the statement_id of a matching earlier statement of its speaker
    (`known`: speaker -> [(statement_id, key)], updated in place), or a new one."""
    ids = statement_ids(((q.speaker, q.key, quote_id(q)) for q in quotes), known)
    return [replace(q, statement_id=sid) for q, sid in zip(quotes, ids)]


def statement_ids(quotes: Iterable[tuple[str | None, Sequence[str], str]],
                  known: dict[str, list[tuple[str, tuple[str, ...]]]]) -> list[str]:
    """The statement_id of each (speaker, content key, quote id), as `assign_statements` gives it."""
    out = []
    for speaker, content, qid in quotes:
        content = tuple(content or ())
        sid = None
        if speaker and content:
            for cand_id, key in known.get(speaker, []):
                if same_statement(content, key):
                    sid = cand_id
                    break
        if sid is None:
            sid = hashlib.sha256(f"{speaker}\x00{qid}".encode()).hexdigest()[:12]
        if speaker and content:
            known.setdefault(speaker, []).append((sid, content))
        out.append(sid)
    return out


_SUFFIX = re.compile(r"\s+(?:jr|sr|ii|iii|iv)$")


def speaker_key(name: str) -> str:
    """A speaker's name as articles may vary it: case, hyphens and stops aside, without a
    generational suffix ("Pierre-Henry Brandet" and "Pierre Henry Brandet", "Richard Ross Jr." and
    "Richard Ross" are one key)."""
    key = " ".join(name.casefold().replace("-", " ").replace(".", " ").split())
    return _SUFFIX.sub("", key)


@cache
def _formal_names() -> dict[str, frozenset[str]]:
    """Each short given name's formal names ('mike' -> michael; 'chris' -> christopher, christine,
    christian), from data/nicknames.tsv."""
    out: dict[str, set[str]] = {}
    for row in tsv_rows("newsgraph.data", "nicknames.tsv"):
        for short in row["short forms"].split():
            out.setdefault(short, set()).add(row["formal"])
    return {short: frozenset(formal) for short, formal in out.items()}


def same_name(a: str, b: str) -> bool:
    """Two speaker keys that name one person: alike, or alike but for a given name written short
    ("mike edmonson" and "michael edmonson", "bill nelson" and "will nelson")."""
    if a == b:
        return True
    x, y = a.split(), b.split()
    if len(x) != len(y) or len(x) < 2 or x[1:] != y[1:]:
        return False
    formal = _formal_names()
    return bool(formal.get(x[0], {x[0]}) & formal.get(y[0], {y[0]}))


def same_speakers(statements: Mapping[str, tuple[str, Iterable[str]]]) -> dict[str, str]:
    """Statement ids of one story that are one statement by one speaker written two ways
    (`statements`: id -> (speaker, content words)): the speaker's names alike by `speaker_key`
    (`same_name`: a given name written short too), or a surname alone where the story names one
    speaker of that surname in full ("Biles" beside "Simone Biles"), and the words alike
    (`same_statement`). Maps each merged id to the id it joins (the first in id order of its group)."""
    keys = {sid: speaker_key(speaker) for sid, (speaker, _) in statements.items()}
    full: dict[str, list[str]] = {}  # surname -> the story's full names of it
    for key in sorted(set(keys.values())):
        if " " in key:
            full.setdefault(key.rsplit(" ", 1)[1], []).append(key)
    # a surname alone is the one person its full names all name ("Chris Hale" beside "Christine" and
    # "Christopher Hale" is two people: "Hale" alone is neither)
    one = {surname: names[0] for surname, names in full.items()
           if all(same_name(a, b) for a in names for b in names)}
    canon = {sid: one.get(k, k) if " " not in k else k for sid, k in keys.items()}
    words = {sid: set(ws) for sid, (_, ws) in statements.items()}
    out: dict[str, str] = {}
    ids = sorted(statements)
    for i, a in enumerate(ids):
        if a in out:
            continue
        for b in ids[i + 1:]:
            if b not in out and same_name(canon[a], canon[b]) and statements[a][0] != statements[b][0] \
                    and same_statement(words[a], words[b]):
                out[b] = a
    return out
