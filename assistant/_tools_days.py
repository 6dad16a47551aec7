"""Tools over days and hours (101.6): holidays, whether a date is a business day, business-day counts, hours.

Dates come from the calendar in ``_dates`` (the ten holidays of 101.6(a) from
the regulation's rules, other Federal statute holidays from the ``holidays``
package); a question without a year means the next time the day comes round,
unless the conversation is about another year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from pydantic import BaseModel, Field

from ._dates import format_day, week_of
from ._gazetteer import DayName
from ._registry import Context, Request, tool
from ._results import BusinessDayCount, BusinessDayShift, DayStatus, HolidayDate, HolidayList, Hours

__all__: list[str] = []  # tools register themselves in TOOLS


DAYS_HOME = ("19 CFR 101.6", "19 CFR 101.1 (Business day)")


def _asks_closed(req: Request) -> bool:
    """Whether a yes/no question asks if offices are closed (not open, nor whether it is a business day)."""
    return req.slots.asks == "closed"


def _asks_open(req: Request) -> bool:
    """Whether a yes/no question asks if offices are open, or if the day is a business day.

    "so is veterans day next year one?" after a question about business days asks whether it is one.
    """
    return req.slots.asks == "open" or (not req.slots.asks and _business(req))


def _business(req: Request) -> bool:
    """The question names the defined term "business day" ("is dec 26 a business day?")."""
    return any(t.ref == DAYS_HOME[1] for t in req.slots.terms)


class _Holiday(BaseModel):
    holiday: str = Field(description="A holiday's name, e.g. 'Thanksgiving' or 'Juneteenth'")
    year: int | None = Field(default=None, description="The year; empty for the next one")


class _Year(BaseModel):
    year: int | None = Field(default=None, description="Calendar year, e.g. 2027; empty for this year")
    month: int | None = Field(default=None, description="A month number 1-12, to list only that month")


class _Date(BaseModel):
    date: str = Field(description="A date in ISO form, YYYY-MM-DD")


class _Shift(BaseModel):
    date: str = Field(description="The date to count from, YYYY-MM-DD")
    n: int = Field(default=1, description="Business days to count: positive after the date, negative before it")
    end: str | None = Field(default=None, description="Instead of n: a second date, to count the days between")


class _Weekday(BaseModel):
    weekday: str | None = Field(default=None, description="A weekday name asked about, e.g. 'Saturday'")


@tool("holiday_date", _Holiday, needs=("days",), accepts=("years",), home=DAYS_HOME)
def holiday_date(req: Request, ctx: Context) -> HolidayDate | DayStatus | None:
    """When a named holiday falls in a year, the day CBP offices close for it, or that they do not close for it."""
    s = req.slots
    if not s.days:
        return None
    day = s.days[0]
    mentioned = next((d for d in s.dates if d.holiday == day.name or _falls_on(ctx, day, d.day)), None)
    if s.years:
        date = ctx.gazetteer.day(day, s.years[0])
    elif mentioned is not None:
        date = mentioned.day
    else:
        date = ctx.gazetteer.day(day, ctx.today.year)
        if date < ctx.today - dt.timedelta(days=7):
            date = ctx.gazetteer.day(day, ctx.today.year + 1)
    closure = next((c for c in ctx.calendar.closures(date.year) if c.date == date and c.name == day.name), None)
    other = ctx.calendar.closure_on(date)
    if closure is None and other is not None:
        # "open on christmas eve 2027?": not a holiday itself, but the day Christmas (a Saturday) is observed
        return DayStatus(date, other, day, s.polar, _asks_closed(req), business=_business(req))
    return HolidayDate(day, date, closure, s.polar, _asks_open(req), _business(req))


@tool("holidays", _Year, accepts=("years", "months", "dates", "weekdays"), home=DAYS_HOME)
def holidays(req: Request, ctx: Context) -> HolidayList:
    """The holidays CBP offices close for in a year (or some months of it), with the days observed."""
    s = req.slots
    year = s.years[0] if s.years else (s.dates[0].day.year if s.dates else ctx.today.year)
    # A holiday of one year may close offices in another: New Year's Day 2028 (a Saturday) closes Dec 31, 2027.
    near = sorted({c for y in (year - 1, year, year + 1) for c in ctx.calendar.closures(y)}, key=lambda c: c.day)
    closures = tuple(c for c in near if year in (c.day.year, c.date.year))
    if s.months:  # "the february holiday and the may holiday": each month asked
        asked = {(year, m) for m in s.months}
        closures = tuple(c for c in closures if asked & {(c.day.year, c.day.month), (c.date.year, c.date.month)})
    # "which monday in january is a holiday"; not "july 4 is a saturday" (that says which day it is) nor "if a
    # holiday falls on a sunday, ..." (that asks the rule for any year)
    weekdays = s.weekdays if s.months and not (s.dates or s.days) else ()
    if weekdays:
        closures = tuple(c for c in closures if {c.day.weekday(), c.date.weekday()} & set(weekdays))
    left_out = tuple(d.name for d in s.set_aside)
    closures = tuple(c for c in closures if c.name not in left_out)
    return HolidayList(year, closures, s.months, weekdays, left_out)


@tool("date_status", _Date, needs=("dates",), home=DAYS_HOME)
def date_status(req: Request, ctx: Context) -> DayStatus | None:
    """Whether CBP offices are open on a date: a weekend, a holiday closure (and which), or a business day."""
    s = req.slots
    if not s.dates:
        return None
    mention = s.dates[0]
    closure = ctx.calendar.closure_on(mention.day)
    named = next((d for d in s.days if d.name == mention.holiday or _falls_on(ctx, d, mention.day)), None)
    moved = next((c for c in ctx.calendar.closures(mention.day.year) if c.date == mention.day != c.day), None)
    return DayStatus(mention.day, closure, named if closure is None else None, s.polar, _asks_closed(req), moved,
                     _business(req))  # fmt: skip


def _falls_on(ctx: Context, day: DayName, date: dt.date) -> bool:
    try:
        return ctx.gazetteer.day(day, date.year) == date
    except (LookupError, StopIteration):
        return False


@tool("business_days", _Shift, needs=("dates", "months", "years"), accepts=("numbers",), home=DAYS_HOME)
def business_days(req: Request, ctx: Context) -> BusinessDayShift | BusinessDayCount | None:
    """N business days after or before a date, the business days between two dates, or in a week, month or year.

    The next business day for N=1; weekends and holiday closures are skipped.
    """
    counted = _business_days_in(req, ctx)
    return replace(counted, position=_position(req, ctx)) if isinstance(counted, BusinessDayCount) else counted


def _position(req: Request, ctx: Context) -> int:
    """1 for "the first business day of ...", -1 for "the last ...", else 0."""
    v = ctx.gazetteer.vocabulary
    for cue, position in (("first_business_day", 1), ("last_business_day", -1)):
        if re.search(rf"\b(?:{v.pattern(cue)})\b", req.text, re.I):
            return position
    return 0


def _business_days_in(req: Request, ctx: Context) -> BusinessDayShift | BusinessDayCount | None:
    s = req.slots
    if not s.dates:
        if s.numbers or not (s.months or s.years):
            return None
        year = s.years[0] if s.years else ctx.today.year
        if s.months:  # "business days jan 2028"
            month = s.months[0]
            start, end = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
            period = f"{calendar.month_name[month]} {year}"
        else:
            start, end, period = dt.date(year, 1, 1), dt.date(year, 12, 31), str(year)
        return _count(ctx, start, end, inclusive=True, period=period)
    start = s.dates[0].day
    if s.week and len(s.dates) == 1 and not s.numbers:  # "business days in the week of dec 21": Sunday to Saturday
        sunday, saturday = week_of(start)
        return _count(ctx, sunday, saturday, inclusive=True,
                      period=f"the week from {format_day(sunday)} to {format_day(saturday)}")  # fmt: skip
    if len(s.dates) > 1 and not s.numbers:
        end = s.dates[1].day
        return _count(ctx, min(start, end), max(start, end), inclusive=s.inclusive)
    n = s.numbers[0] if s.numbers else 1
    n = -n if s.direction < 0 else n
    counts_start = s.inclusive and n > 0  # "starting tomorrow": the first business day from it on is day 1
    result, skipped = ctx.calendar.shift(start - dt.timedelta(days=1) if counts_start else start, n)
    closed = tuple((d, ctx.calendar.closure_on(d)) for d in skipped)
    return BusinessDayShift(start, n, result, closed, counts_start)


def _count(ctx: Context, start: dt.date, end: dt.date, *, inclusive: bool, period: str = "") -> BusinessDayCount:
    first = start - dt.timedelta(days=1) if inclusive else start
    days = ctx.calendar.between(first, end)
    # closures(year) holds the year's own holidays; New Year's Day observed on Dec 31 belongs to the next year
    closures = tuple(c for y in range(start.year, end.year + 2) for c in ctx.calendar.closures(y)
                     if first < c.day <= end)  # fmt: skip
    return BusinessDayCount(start, end, days, closures, inclusive, period)


@tool("hours", _Weekday, accepts=("weekdays",), home=DAYS_HOME)
def hours(req: Request, ctx: Context) -> Hours:
    """CBP's hours of business (101.6) on business days, and the exceptions."""
    s = req.slots
    return Hours(s.weekdays[0] if s.weekdays else None, s.polar, _asks_closed(req), s.outside, s.polar and s.same,
                 _business(req))  # fmt: skip
