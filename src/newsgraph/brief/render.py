"""A briefing rendered as Markdown or HTML."""
from __future__ import annotations

import html
import re

from ..errors import UsageError
from .model import Briefing, Item

SECTIONS = (  # title, Briefing field, what to say when it is empty
    ("Summary", "summary", "no summary: the articles have no sentences to cite"),
    ("Summary of the English articles", "summary_en", None),
    ("Timeline", "timeline", "no dated events"),
    ("Day by day", "days", None),
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
