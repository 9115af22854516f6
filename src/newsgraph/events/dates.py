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
    (re.compile(rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,|\s+of)?\s+\d{{4}}\b", re.I), "day"),
    (re.compile(rf"\b\d{{1,2}}(?:(?:st|nd|rd|th)(?:\s+of)?)?\s+{_MONTHS}\.?,?\s+\d{{4}}\b", re.I), "day"),
    (re.compile(rf"\b(?:{_DAYS},?\s+)?{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.I), "day"),
    (re.compile(rf"\b(?:{_DAYS},?\s+)?\d{{1,2}}(?:(?:st|nd|rd|th)(?:\s+of)?)?\s+{_MONTHS}\b(?!['’]s)", re.I), "day"),
    (re.compile(rf"\b(?:in\s+|since\s+)?{_MONTHS}(?:\s+of)?\s+\d{{4}}\b", re.I), "month"),
    (re.compile(r"\b(?:on\s+)?(?:yesterday|today|" + _DAYS + r")\b", re.I), "weekday"),
    (re.compile(r"\b(?:in\s+)(?:" + _MONTHS + r")\b", re.I), "month"),
    (re.compile(r"\b(?:last|this)\s+(?:week|month|year)\b|\bearlier this (?:week|month|year)\b", re.I), "rel"),
    (re.compile(r"\b(?:in|since|during|by)\s+(?:19|20)\d{2}\b", re.I), "year"),
]
_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
             "PREFER_DAY_OF_MONTH": "first"}


class Bound(str):
    """A reference date that is not a publication date: the date a caption or credit line states
    ('... in this still image taken from video released on October 15, 2024') on a page that states
    none. The events it shows happened on or before it, near it: it fills missing years and anchors
    relative words like a publication date, but an event dated from it gets month precision at most,
    never a day the text does not give. `line` is the line it was read from, `words` its date words."""

    line: str
    words: str

    def __new__(cls, iso: str, line: str = "", words: str = "") -> Bound:
        out = super().__new__(cls, iso)
        out.line, out.words = line, words
        return out

    def __reduce__(self):  # pickled to the extraction workers with its line
        return Bound, (str(self), self.line, self.words)


_OLD_PICTURE = re.compile(r"\b(?:file|archive|archival|undated)\b", re.I)


def bound_in(line: str) -> Bound | None:
    """The date a caption or credit line states, with its year (a day or a month), as a Bound; none
    for an archive or file picture, whose date says nothing of the news."""
    if _OLD_PICTURE.search(line):
        return None
    date, precision, words = find_date(line, None)
    if date is None or precision not in ("day", "month"):
        return None
    return Bound(date if precision == "day" else f"{date}-01", line, words or "")


AHEAD_DAYS = 60  # a date without its year this close after the article's date is this year's...
BEHIND_DAYS = 300  # ...rather than last year's this far back ('the deadline was moved to April 12' in March)


def find_date(sentence: str, published: str | None, future: bool = False,
              past: bool = False) -> tuple[str | None, str | None, str | None]:
    """(ISO date cut to its precision, precision, the words) of the first date expression. Against a
    Bound, a weekday, 'today' or 'yesterday' gives the month only (the day would be made up).
    A date without its year, or a weekday, is the last one before the article's date (news tells
    of what happened), or the next one (the day itself included) for an event the sentence puts
    ahead (`future`: 'will meet on Tuesday', 'a vote would follow on March 29'), or, for an event
    not told as past (`past`: 'attacked on April 20'), this year's when it is close ahead and last
    year's far back (AHEAD_DAYS, BEHIND_DAYS: 'has until April 12' in March)."""
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
        cleaned = re.sub(r"\s+of\s+", " ", cleaned, flags=re.I)  # "May 25 of 2020", "the 5th of May"
        if precision == "year":
            return cleaned[-4:], "year", text
        if precision == "weekday":
            day = _weekday(cleaned, dt.date.fromisoformat(published[:10]), future)
            return (day.isoformat()[:7], "month", text) if isinstance(published, Bound) else \
                (day.isoformat(), "day", text)
        found = dateparser.parse(cleaned, languages=["en"], settings=settings)
        if found is None:
            continue
        day = found.date()
        if not has_year and published and not isinstance(published, Bound):
            base = dt.date.fromisoformat(published[:10])
            if future:
                day = _ahead_of(day, base, precision)
            elif not past:
                day = _close_ahead(day, base)
        iso = day.isoformat()
        return (iso if precision == "day" else iso[:7]), precision, text
    return None, None, None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _a_year_on(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day


def _ahead_of(day: dt.date, base: dt.date, precision: str) -> dt.date:
    """The date (the last one before `base`, as read) moved a year on if it lies before `base`:
    the day itself and its month count as ahead."""
    before = day < base if precision == "day" else (day.year, day.month) < (base.year, base.month)
    return _a_year_on(day) if before else day


def _close_ahead(day: dt.date, base: dt.date) -> dt.date:
    """Last year's date far back, when the same day this year is close ahead of the article's."""
    ahead = _a_year_on(day)
    if (base - day).days > BEHIND_DAYS and 0 <= (ahead - base).days <= AHEAD_DAYS:
        return ahead
    return day


def _weekday(word: str, base: dt.date, future: bool = False) -> dt.date:
    """'Tuesday' in a story of a Tuesday is that day (news tells of the day it appears or the days
    before; with `future`, of the days after); 'yesterday' the day before, 'today' the day itself."""
    low = word.lower()
    if low == "yesterday":
        return base - dt.timedelta(days=1)
    if low == "today":
        return base
    if future:
        return base + dt.timedelta(days=(_WEEKDAYS.index(low) - base.weekday()) % 7)
    return base - dt.timedelta(days=(base.weekday() - _WEEKDAYS.index(low)) % 7)


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
