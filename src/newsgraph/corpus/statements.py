"""One statement_id for the same statement reported by different outlets or translations.

Two quotes are the same statement when their speaker is the same actor and their content
lemmas overlap enough: a share of the smaller side (paraphrase- and excerpt-tolerant) and a
minimum number of shared lemmas, so that different statements by one speaker stay apart.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..records import Quote

MIN_SHARED = 3
MIN_CONTAINMENT = 0.6


def quote_id(q: Quote) -> str:
    return f"{q.article_id}:{q.start}-{q.end}"


def same_statement(a: Iterable[str], b: Iterable[str]) -> bool:
    a, b = set(a), set(b)
    shared = len(a & b)
    return shared >= min(MIN_SHARED, len(a), len(b)) and shared >= MIN_CONTAINMENT * min(len(a), len(b)) \
        and min(len(a), len(b)) > 0 and shared >= 2


def assign_statements(quotes: Sequence[Quote], known: dict[str, list[tuple[str, tuple[str, ...]]]]
                      ) -> list[Quote]:
    """Give each quote the statement_id of a matching earlier statement of its speaker
    (`known`: speaker -> [(statement_id, key)], updated in place), or a new one."""
    out = []
    for q in quotes:
        sid = None
        if q.speaker and q.key:
            for cand_id, key in known.get(q.speaker, []):
                if same_statement(q.key, key):
                    sid = cand_id
                    break
        if sid is None:
            sid = hashlib.sha256(f"{q.speaker}\x00{quote_id(q)}".encode()).hexdigest()[:12]
        if q.speaker and q.key:
            known.setdefault(q.speaker, []).append((sid, q.key))
        out.append(replace(q, statement_id=sid))
    return out
