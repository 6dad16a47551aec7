"""Dates: the days CBP offices close, business-day arithmetic, and dates as people write them.

101.6(a) closes offices on Saturdays, Sundays, the ten national holidays it
lists (computed from the regulation's own rules, in ``corpus``) and "any other
calendar day designated as a holiday by Federal statute or Executive Order".
The days designated by other Federal statutes (Juneteenth, since 2021) come
from the ``holidays`` package's US federal calendar, observed by the same
Saturday/Sunday rule. Days closed by Executive Order are announced case by
case and cannot be known in advance: answers say so, this module never guesses
them.

Date expressions ("dec 23 2027", "12/24", "tomorrow", "the friday after
thanksgiving", "the first monday of september 2027") are found with their
spans, so that the question can be read with the dates masked. Explicit dates
are read by dateutil's parser; this module only finds where they are.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import holidays as federal_holidays
from dateutil import parser as date_parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from corpus import Corpus, Holiday

__all__ = [
    "CbpCalendar",
    "Closure",
    "DateMention",
    "around",
    "dangling",
    "find_dates",
    "format_day",
    "shifted",
    "short_weekday_dot",
    "statute_days",
    "week_of",
]

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?" \
         r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # fmt: skip
_WEEKDAY = r"(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20|21)\d\d"
_EXPLICIT = [
    re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b(?:,?\s+(?P<year>{_YEAR})\b)?", re.I),
    re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>{_YEAR})\b)?", re.I),
    re.compile(rf"\b(?:{_WEEKDAY},?\s+)?\d{{1,2}}/\d{{1,2}}(?:/(?P<year>{_YEAR}|\d\d))?\b"),
    re.compile(rf"\b(?P<year>{_YEAR})-\d{{1,2}}-\d{{1,2}}\b"),
]
_NTH_OF = re.compile(
    rf"\b(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th)\s+(?P<wd>{_WEEKDAY})\s+"
    rf"(?:of|in)\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR})\b)?",
    re.I,
)
# "sat. nov 28": a weekday written short, its dot, then its date
_SHORT_WEEKDAY_END = re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)$", re.I)
_DATE_NEXT = re.compile(r"\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)", re.I)
_CLOSE = r"(?:right|just|immediately|directly)"  # "the tuesday right after it": the very next one
_RELATIVE = re.compile(r"\b(?P<word>today|tomorrow|tommorow|tmrw|yesterday)\b", re.I)
# "monday the 12th", "on the 27th": a day of the month the conversation is about (or the next such day).
_DAY_ONLY = re.compile(
    rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?the\s+(?P<dom>[12]?\d|3[01])(?:st|nd|rd|th)\b"
    # not "the 10th business day after"
    r"(?=\s*(?:[?.!,;]|$|\s(?:and|or|too|then|instead|please|right|ok|is|was|will|would|what)\b))",
    re.I,
)
_NEXT_WEEKDAY = re.compile(rf"\b(?P<which>next|this|coming)\s+(?P<wd>{_WEEKDAY})\b", re.I)
# "business days this week": a week relative to today, named by today's date (or the same weekday a week away)
_RELATIVE_WEEK = re.compile(r"\b(?P<which>this|next|last|coming)\s+(?:work\s*)?week\b", re.I)
# "the friday after thanksgiving", "the day before christmas": an offset from a date found first.
_AROUND = re.compile(
    rf"(?<!business )(?<!working )(?<!work )\b(?:the\s+)?(?P<unit>day|{_WEEKDAY})\s+(?:{_CLOSE}\s+)?"
    r"(?P<dir>after|before|following|preceding)\s*$",
    re.I,
)
_RELDAYS = (MO, TU, WE, TH, FR, SA, SU)
_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
        "last": -1}  # fmt: skip


def format_day(day: dt.date) -> str:
    """A date as answers write it: "Friday, December 24, 2027"."""
    return f"{day.strftime('%A')}, {day.strftime('%B')} {day.day}, {day.year}"


@dataclass(frozen=True, slots=True)
class Closure:
    """A day CBP offices are closed for a holiday, and why."""

    day: dt.date
    """The weekday offices close (the observed day)."""
    date: dt.date
    """The holiday's own date (a Saturday or Sunday when ``day`` differs)."""
    name: str
    """"Christmas Day", "Juneteenth National Independence Day"."""
    holiday: Holiday | None
    """Its 101.6(a)(N) paragraph; None for a day designated by another Federal statute."""


@functools.lru_cache(maxsize=256)
def statute_days(year: int, subdiv: str | None = None) -> tuple[tuple[dt.date, str], ...]:
    """The US holidays of the ``holidays`` package in ``year`` (a state's too, with ``subdiv``), unshifted, by date.

    Kept per year: the package builds its calendar in about a millisecond, on every date a question names.
    """
    days = federal_holidays.US(subdiv=subdiv, years=year, observed=False)  # type: ignore[attr-defined]  # run-time load
    return tuple(sorted((date, str(name)) for date, name in days.items()))


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in a question, where it is, and what it resolves to."""

    start: int
    """Start of the span in the text."""
    end: int
    """End of the span."""
    day: dt.date
    """The date meant."""
    year_given: bool
    """True when the text gave the year (else it was inferred)."""
    holiday: str = ""
    """The holiday the date was given by ("Thanksgiving Day"), if any."""
    weekday_only: bool = False
    """Only a weekday was written ("that friday"): the next one, unless the conversation is about a date near it."""
    day_only: bool = False
    """Only a day of the month was written ("monday the 12th"): that day in the month the conversation is about,
    else the next month that has it (on that weekday, when one is written)."""
    week_only: bool = False
    """Only a week was written ("this week", "next week"): ``day`` is in it; a weekday named with it picks the day."""


class CbpCalendar:
    """The days CBP offices are open, from 101.6(a) and the Federal holiday calendar."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one calendar per corpus, kept for the process
    def closures(self, year: int) -> tuple[Closure, ...]:
        """Every holiday closure whose holiday falls in ``year``, in date order."""
        out = [Closure(o.observed, o.date, o.holiday.name, o.holiday) for o in self.corpus.observed_holidays(year)]
        listed = {c.date for c in out}
        for date, name in statute_days(year):
            if date not in listed:  # designated by another Federal statute (5 U.S.C. 6103), e.g. Juneteenth
                shift = {5: -1, 6: 1}.get(date.weekday(), 0)  # the same observance rule as 101.6(a)
                out.append(Closure(date + dt.timedelta(days=shift), date, str(name), None))
        return tuple(sorted(out, key=lambda c: c.date))

    def closure_on(self, day: dt.date) -> Closure | None:
        """The holiday closure observed on ``day``, if any (a holiday may be observed in the year before)."""
        for year in (day.year, day.year + 1):
            for c in self.closures(year):
                if c.day == day:
                    return c
        return None

    def is_business_day(self, day: dt.date) -> bool:
        """A weekday with no holiday closure."""
        return day.weekday() < 5 and self.closure_on(day) is None

    def shift(self, day: dt.date, n: int) -> tuple[dt.date, tuple[dt.date, ...]]:
        """The date ``n`` business days after (n > 0) or before (n < 0) ``day``, and the closed days skipped."""
        step = 1 if n >= 0 else -1
        skipped: list[dt.date] = []
        current, left = day, abs(n)
        while left:
            current += dt.timedelta(days=step)
            if self.is_business_day(current):
                left -= 1
            else:
                skipped.append(current)
        return current, tuple(skipped)

    def between(self, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
        """Business days after ``start`` up to and including ``end``."""
        days = (start + dt.timedelta(days=i) for i in range(1, (end - start).days + 1))
        return tuple(d for d in days if self.is_business_day(d))


def _year_for(month: int, day: int, today: dt.date, default_year: int | None) -> int:
    """A year for a date written without one: the conversation's year, else the next time it comes round."""
    if default_year is not None:
        return default_year
    try:
        this_year = dt.date(today.year, month, day)
    except ValueError:
        return today.year
    return today.year if this_year >= today - dt.timedelta(days=31) else today.year + 1


def _explicit(text: str, today: dt.date, default_year: int | None) -> list[DateMention]:
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for rx in _EXPLICIT:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            span = m[0]
            if "/" in span and not m["year"]:
                span += f"/{default_year or today.year}"
            try:
                parsed = date_parser.parse(span, default=dt.datetime(default_year or today.year, 1, 1), fuzzy=True)
            except (ValueError, OverflowError):
                continue
            day = parsed.date()
            if not m["year"] and "-" not in span:
                day = day.replace(year=_year_for(day.month, day.day, today, default_year))
            elif m["year"] and len(m["year"]) == 2:
                day = day.replace(year=2000 + int(m["year"]))
            found.append(DateMention(m.start(), m.end(), day, bool(m["year"])))
            taken.append((m.start(), m.end()))
    for m in _NTH_OF.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        month = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(m["month"].lower().rstrip(".")[:3]))
        weekday = next(i for i, name in enumerate(_WEEKDAYS) if name.startswith(m["wd"].lower()[:3]))
        year = int(m["year"]) if m["year"] else _year_for(month, 28, today, default_year)
        nth = _NTH[m["nth"].lower()]
        start = dt.date(year, month, 1)
        rel = _RELDAYS[weekday]
        day = start + relativedelta(weekday=rel(nth)) if nth > 0 else start + relativedelta(day=31, weekday=rel(-1))
        if day.month == month:
            found.append(DateMention(m.start(), m.end(), day, bool(m["year"])))
            taken.append((m.start(), m.end()))
    return found


def day_of_month(ref: dt.date, dom: int, weekday: int | None, *, start: dt.date) -> dt.date | None:
    """The day ``dom`` of ``ref``'s month or a later one (not before ``start``), on ``weekday`` if given."""
    month = dt.date(ref.year, ref.month, 1)
    for _ in range(14):
        try:
            day = month.replace(day=dom)
        except ValueError:
            day = None
        if day is not None and day >= start and (weekday is None or day.weekday() == weekday):
            return day
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return None


def find_dates(text: str, *, today: dt.date, default_year: int | None = None) -> list[DateMention]:
    """Every date ``text`` writes out or names relative to today, in order of appearance.

    A date without a year takes ``default_year`` (the year the conversation is about), else its next
    occurrence. Holidays are found by the gazetteer; ``around`` resolves "the friday after" either kind.
    """
    mentions = _explicit(text, today, default_year)
    taken = [(m.start, m.end) for m in mentions]
    for m in _RELATIVE.finditer(text):
        word = m["word"].lower()
        delta = 0 if word == "today" else -1 if word == "yesterday" else 1
        mentions.append(DateMention(m.start(), m.end(), today + dt.timedelta(days=delta), False))
    for m in _DAY_ONLY.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        weekday = next(
            (i for i, name in enumerate(_WEEKDAYS) if m["wd"] and name.startswith(m["wd"].lower()[:3])), None
        )
        day = day_of_month(today, int(m["dom"]), weekday, start=today)
        if day is not None:
            mentions.append(DateMention(m.start(), m.end(), day, False, day_only=True))
            taken.append((m.start(), m.end()))
    for m in _NEXT_WEEKDAY.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        weekday = next(i for i, name in enumerate(_WEEKDAYS) if name.startswith(m["wd"].lower()[:3]))
        ahead = (weekday - today.weekday()) % 7
        if m["which"].lower() == "next" and ahead == 0:
            ahead = 7
        mentions.append(DateMention(m.start(), m.end(), today + dt.timedelta(days=ahead), False))
    for m in _RELATIVE_WEEK.finditer(text):
        day = today + dt.timedelta(days={"next": 7, "last": -7}.get(m["which"].lower(), 0))
        if not any(_same_week(day, d.day) for d in mentions):  # "this week counting today": today names it already
            mentions.append(DateMention(m.start(), m.end(), day, False, week_only=True))
    return sorted(mentions, key=lambda x: x.start)


def _same_week(a: dt.date, b: dt.date) -> bool:
    """Whether two days fall in one Sunday-to-Saturday week (the week a calendar shows)."""
    return week_of(a)[0] == week_of(b)[0]


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Sunday and the Saturday of ``day``'s week."""
    sunday = day - dt.timedelta(days=(day.weekday() + 1) % 7)
    return sunday, sunday + dt.timedelta(days=6)


def short_weekday_dot(text: str, dot: int, after: int) -> bool:
    """Whether the period at ``text[dot:after]`` only shortens a weekday written before its date: no sentence ends.

    "is sat. nov 28 a business day" is one question.
    """
    return bool(_SHORT_WEEKDAY_END.search(text, 0, dot)) and _DATE_NEXT.match(text, after) is not None


def dangling(text: str) -> tuple[int, int, int | None, int] | None:
    """A day counted from a date the text does not give ("what about the day after?"), with no date after it.

    Returns (start, end, weekday or None for "day", +1 after / -1 before); the reader resolves it against the date
    the conversation is about.
    """
    m = re.search(
        rf"(?<!business )(?<!working )\b(?:the\s+)?(?:(?P<unit>day|{_WEEKDAY})\s+(?:{_CLOSE}\s+)?(?P<dir>after|before|"
        rf"following|preceding)|(?P<next>next|following|previous)\s+day|(?P<around>following|previous|preceding)\s+"
        rf"(?P<wd>{_WEEKDAY}))(?:\s+(?:that|it|then))?"
        # the end of the question, or what it asks of the day ("is the day after it a business day?")
        r"(?=\s*(?:[?.!,;:]|\s[—–-]+\s|$)|\s+(?:is|was|open|closed|too|also|a\s+(?:(?:normal|regular|usual)\s+)?(?:business|cbp|federal|holiday))\b)",
        text,
        re.I,
    )
    if m is None:
        return None
    if m["next"]:  # "is the next day a business day?"
        return m.start(), m.end(), None, -1 if m["next"].lower() == "previous" else 1
    if m["around"]:  # "and the following tuesday?"
        day = next(i for i, n in enumerate(_WEEKDAYS) if n.startswith(m["wd"].lower()[:3]))
        return m.start(), m.end(), day, 1 if m["around"].lower() == "following" else -1
    unit = m["unit"].lower()
    weekday = None if unit == "day" else next(i for i, n in enumerate(_WEEKDAYS) if n.startswith(unit[:3]))
    return m.start(), m.end(), weekday, 1 if m["dir"].lower() in ("after", "following") else -1


def shifted(day: dt.date, weekday: int | None, step: int) -> dt.date:
    """The day after/before ``day`` (``weekday`` None), or the given weekday after/before it."""
    current = day + dt.timedelta(days=step)
    while weekday is not None and current.weekday() != weekday:
        current += dt.timedelta(days=step)
    return current


def around(text: str, anchor: DateMention) -> DateMention | None:
    """The date "the friday after" / "the day before" written just before ``anchor`` means, spanning both."""
    m = _AROUND.search(text[: anchor.start])
    if m is None:
        return None
    unit, after = m["unit"].lower(), m["dir"].lower() in ("after", "following")
    weekday = None if unit == "day" else next(i for i, name in enumerate(_WEEKDAYS) if name.startswith(unit[:3]))
    day = shifted(anchor.day, weekday, 1 if after else -1)
    return DateMention(m.start(), anchor.end, day, anchor.year_given, anchor.holiday)
