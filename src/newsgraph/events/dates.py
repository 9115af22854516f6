"""Event dates from the sentence, resolved against the article's date; none when the text gives none."""
from __future__ import annotations

import datetime as dt
import re

import dateparser

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# Longest forms first; each with the precision it gives.
_FORMS = [
    (re.compile(rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.I), "day"),
    (re.compile(rf"\b\d{{1,2}}\s+{_MONTHS}\.?,?\s+\d{{4}}\b", re.I), "day"),
    (re.compile(rf"\b(?:{_DAYS},?\s+)?{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.I), "day"),
    (re.compile(rf"\b(?:{_DAYS},?\s+)?\d{{1,2}}\s+{_MONTHS}\b", re.I), "day"),
    (re.compile(rf"\b(?:in\s+|since\s+)?{_MONTHS}\s+\d{{4}}\b", re.I), "month"),
    (re.compile(r"\b(?:on\s+)?(?:yesterday|today|" + _DAYS + r")\b", re.I), "day"),
    (re.compile(r"\b(?:in\s+)(?:" + _MONTHS + r")\b", re.I), "month"),
    (re.compile(r"\b(?:last|this)\s+(?:week|month|year)\b|\bearlier this (?:week|month|year)\b", re.I), "rel"),
    (re.compile(r"\b(?:in|since|during|by)\s+(?:19|20)\d{2}\b", re.I), "year"),
]
_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
             "PREFER_DAY_OF_MONTH": "first"}


def find_date(sentence: str, published: str | None) -> tuple[str | None, str | None, str | None]:
    """(ISO date cut to its precision, precision, the words) of the first date expression."""
    for pattern, precision in _FORMS:
        m = pattern.search(sentence)
        if m is None:
            continue
        text = m.group()
        has_year = bool(re.search(r"\b(19|20)\d{2}\b", text))
        if not has_year and not published:
            return None, None, text  # "in April" with no article date: the year is unknown
        if precision == "rel":
            return _relative(text, published)
        settings = dict(_SETTINGS)
        if published:
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published)
        cleaned = re.sub(r"^(in|on|since|during|by)\s+", "", text, flags=re.I)
        if precision == "year":
            return cleaned[-4:], "year", text
        found = dateparser.parse(cleaned, languages=["en"], settings=settings)
        if found is None:
            continue
        iso = found.date().isoformat()
        return (iso if precision == "day" else iso[:7]), precision, text
    return None, None, None


def _relative(text: str, published: str | None) -> tuple[str | None, str | None, str | None]:
    if not published:
        return None, None, text
    base = dt.date.fromisoformat(published)
    low = text.lower()
    if "week" in low:
        day = base - dt.timedelta(days=7) if "last" in low else base
        return day.isoformat()[:7], "month", text
    if "month" in low:
        month = (base.replace(day=1) - dt.timedelta(days=1)) if "last" in low else base
        return month.isoformat()[:7], "month", text
    year = base.year - 1 if "last" in low else base.year
    return str(year), "year", text
