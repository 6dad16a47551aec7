"""Word the day and hour results: the date or the Yes/No first, then why (the holiday, the weekend, the rule).

101.6(a) also closes offices on "any other calendar day designated as a
holiday by Federal statute or Executive Order": days designated by statute
are in the calendar; days closed by Executive Order are announced case by
case, and an answer that says a day is open says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from corpus import STATES, Corpus

from ._dates import CbpCalendar, Closure, DateMention, format_day
from ._gazetteer import DayName
from ._records import Evidence, Statement
from ._render_places import join, quote
from ._results import BusinessDayCount, BusinessDayShift, DayStatus, HolidayDate, HolidayList, Hours

__all__ = ["anchors", "business_day_count", "business_day_shift", "day_status", "holiday_date", "holiday_list", "hours"]

HOURS = "19 CFR 101.6"
LOCAL = "19 CFR 101.6(b)"
OUTSIDE = "19 CFR 101.6(e)"
HOLIDAYS = "19 CFR 101.6(a)"
BUSINESS_DAY = "19 CFR 101.1 (Business day)"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekend(corpus: Corpus) -> Evidence:
    return quote(corpus, HOLIDAYS, "In addition to Saturdays, Sundays")


def _statute(corpus: Corpus) -> Evidence:
    return quote(corpus, HOLIDAYS, "any other calendar day designated as a holiday by Federal statute")


def _clock(t: dt.time) -> str:
    """A time as answers write it: "8:30 a.m.", "5 p.m."."""
    hour = t.hour % 12 or 12
    return f"{hour}{f':{t.minute:02d}' if t.minute else ''} {'a.m.' if t.hour < 12 else 'p.m.'}"


def _span(corpus: Corpus, ref: str = HOURS) -> str:
    """The hours a paragraph of 101.6 gives, as "8:30 a.m. to 5 p.m." (the last period ends a sentence too)."""
    h = next(x for x in corpus.hours if x.cite.ref == ref)
    return f"{_clock(h.opens)} to {_clock(h.closes)}"


def _open_hours(corpus: Corpus, ref: str = HOURS) -> Evidence:
    h = next(x for x in corpus.hours if x.cite.ref == ref)
    return quote(corpus, ref, h.printed)


def _business_day(corpus: Corpus) -> Evidence:
    return quote(corpus, BUSINESS_DAY, "means a weekday")


def _not_business(corpus: Corpus, asked: bool) -> tuple[str, tuple[Evidence, ...]]:
    """For a question about a business day, the words that say a closed day is not one, and 101.1 behind them."""
    return (", so it is not a business day", (_business_day(corpus),)) if asked else ("", ())


def _closure_evidence(corpus: Corpus, c: Closure) -> tuple[Evidence, ...]:
    ev = [Evidence(c.holiday.cite.ref, c.holiday.cite.line)] if c.holiday else [_statute(corpus)]
    if c.day != c.date:
        ev.append(quote(corpus, HOLIDAYS, f"If a holiday falls on {c.date.strftime('%A')}"))
    return tuple(ev)


def _closure_words(c: Closure) -> str:
    """A closure in words: "Christmas Day (Saturday, December 25, 2027, observed Friday, December 24, 2027)"."""
    if c.day == c.date:
        return f"{c.name}, {format_day(c.day)}"
    return f"{c.name} ({format_day(c.date)}, observed {format_day(c.day)})"


def anchors(said: list[Statement], mentions: Sequence[DateMention], calendar: CbpCalendar,
            corpus: Corpus) -> list[Statement]:  # fmt: skip
    """The holiday a date was counted from, when the answer does not already say it.

    "3 business days after memorial day 2029", "the monday after memorial day 2028": the holiday's own date,
    cited to its 101.6(a) paragraph, so the reader sees where the count starts.
    """
    cited = {e.ref for s in said for e in s.evidence}
    out = []
    for m in mentions:
        c = next((c for c in calendar.closures(m.day.year) if c.name == m.holiday), None) if m.holiday else None
        if c is None:
            c = next((c for c in calendar.closures(m.day.year - 1) if c.name == m.holiday), None) if m.holiday else None
        if c is None or c.holiday is None or c.holiday.cite.ref in cited:
            continue
        said_day = (
            f"{c.name} is {format_day(c.date)}, a national holiday: CBP offices are closed."
            if c.day == c.date
            else f"{c.name} falls on {format_day(c.date)}; CBP offices close for it on {format_day(c.day)}."
        )
        out.append(Statement(said_day, _closure_evidence(corpus, c)))
    at = next((i + 1 for i, s in enumerate(said) if s.text not in ("Yes.", "No.")), len(said))
    return [*said[:at], *out, *said[at:]]  # after the answer, before its caveats


def _by_statute(c: Closure) -> str:
    return "" if c.holiday else ", a holiday designated by Federal statute"


def _kind_of(c: Closure) -> str:
    """What kind of holiday closes offices: ", a national holiday (the second Monday of October)"."""
    if c.holiday is None:
        return ", a holiday designated by Federal statute"
    return f", a national holiday ({_rule(c)})"


def _national(corpus: Corpus, c: Closure) -> tuple[Evidence, ...]:
    """The 101.6(a) sentence that closes offices on a national holiday (none for a statute holiday)."""
    return (
        (quote(corpus, HOLIDAYS, "CBP offices shall be closed on the following national holidays"),)
        if c.holiday
        else ()
    )


def _rule(c: Closure) -> str:
    """A national holiday's rule as 101.6(a) words it, inside a sentence: "the second Monday of October"."""
    return c.holiday.rule.removesuffix(".").replace("The ", "the ", 1) if c.holiday else ""


_EXECUTIVE_ORDER = "unless a closing is ordered by Executive Order, which cannot be known in advance"
_STATES = {code: name for name, code in STATES.items()}


def _named_note(named: DayName | None, corpus: Corpus) -> list[Statement]:
    """What a named day that does not close offices is: a State holiday (101.6(d)), or no holiday at all."""
    if named is None:
        return []
    if named.kind == "state":
        subdivs = named.rule.get("subdivs", ())
        where = join([_STATES.get(str(c), str(c)) for c in subdivs]) if isinstance(subdivs, tuple) else ""
        return [Statement(
            f"{named.name} is a State holiday{f' (in {where})' if where else ''}, and CBP offices stay open on State "
            "and local holidays.", (quote(corpus, "19 CFR 101.6(d)", "open for the transaction of business on all "
                                          "State and local holidays"),))]  # fmt: skip
    return [Statement(f"{named.name} is not a Federal holiday.")]


def day_status(r: DayStatus, corpus: Corpus) -> list[Statement]:
    """No with the weekend or the holiday, or Yes with the hours (no Yes or No for "when is it observed?")."""
    day = format_day(r.day)
    not_business = _not_business(corpus, r.business)

    def lead(closed: bool) -> list[Statement]:
        return [Statement("Yes." if closed == r.asks_closed else "No.")] if r.polar else []

    if r.closure is not None:
        c = r.closure
        why = (f"it is {c.name}{_kind_of(c)}" if c.day == c.date else
               f"the day {c.name} is observed: {c.name}{_kind_of(c)}, falls on {format_day(c.date)}")  # fmt: skip
        return [
            *lead(True),
            Statement(
                f"CBP offices are closed on {day}{':' if c.day == c.date else ','} {why}{not_business[0]}.",
                (*_closure_evidence(corpus, c), *_national(corpus, c), *not_business[1]),
            ),
        ]
    if r.day.weekday() >= 5:
        out = [Statement(
            f"{day} is a {r.day.strftime('%A')}, and CBP offices are closed on Saturdays and Sundays"
            f"{not_business[0]}.", (_weekend(corpus), *not_business[1]))]  # fmt: skip
        if r.moved is not None:  # the holiday of that date closes offices on another day
            on = "it" if r.polar else day
            moved = Statement(f"{r.moved.name} falls on {on} and is observed on {format_day(r.moved.day)}, when "
                              "offices close for it.", _closure_evidence(corpus, r.moved))  # fmt: skip
            out = [*out, moved] if r.polar else [moved, *out]  # "when is it observed?": the day observed first
        return [*lead(True), *out]
    return [*lead(False), Statement(
        f"{day} is a business day: a weekday that is not a national holiday, so CBP offices are open from "
        f"{_span(corpus)}", (_business_day(corpus), _open_hours(corpus))), *_named_note(r.named, corpus),
        Statement("Offices also close on any day designated by Executive Order, which cannot be known in advance.",
                  (_statute(corpus),))]  # fmt: skip


def holiday_date(r: HolidayDate, corpus: Corpus) -> list[Statement]:
    """When the day falls, and the day offices close for it (or that they do not)."""
    date = format_day(r.date)
    c = r.closure
    if c is None:
        status = f"{r.day.name} ({date}) is not one of the national holidays of 19 CFR 101.6(a) nor a Federal holiday"
        lead = [Statement("Yes." if r.asks_open else "No.")] if r.polar else []
        if r.day.kind == "state":
            return [*lead, Statement(
                f"{r.day.name} ({date}) is not a national holiday: CBP offices close only on the national holidays of "
                "19 CFR 101.6(a) and days designated by Federal statute or Executive Order.",
                (quote(corpus, HOLIDAYS, "CBP offices shall be closed on the following national holidays"),)),
                *_named_note(r.day, corpus)]  # fmt: skip
        if r.date.weekday() >= 5:
            return [*([Statement("No.")] if r.polar else []), Statement(
                f"{status}; it falls on a {r.date.strftime('%A')}, when CBP offices are closed anyway.",
                (quote(corpus, HOLIDAYS, "CBP offices shall be closed on the following national holidays"),
                 _weekend(corpus)))]  # fmt: skip
        return [*lead, Statement(
            f"{status}, so CBP offices are open that day from {_span(corpus)} ({_EXECUTIVE_ORDER}).",
            (quote(corpus, HOLIDAYS, "CBP offices shall be closed on the following national holidays"),
             _open_hours(corpus)))]  # fmt: skip
    lead = [Statement("No." if r.asks_open else "Yes.")] if r.polar else []
    if c.holiday is None:
        main = Statement(
            f"{c.name} ({date}) is a holiday designated by Federal statute, and 19 CFR 101.6(a) closes CBP offices on "
            "any other calendar day designated as a holiday by Federal statute or Executive Order.",
            (_statute(corpus),))  # fmt: skip
    else:
        business = _not_business(corpus, r.business)
        main = Statement(
            f"CBP offices are closed on {c.name}, a national holiday ({_rule(c)}), which falls on {date}{business[0]}.",
            (
                Evidence(c.holiday.cite.ref, c.holiday.cite.line),
                quote(corpus, HOLIDAYS, "CBP offices shall be closed on the following national holidays"),
                *business[1],
            ),
        )
    out = [*lead, main]
    if c.day != c.date:
        out.append(
            Statement(
                f"Because it falls on a {c.date.strftime('%A')}, offices close on {format_day(c.day)}.",
                (quote(corpus, HOLIDAYS, f"If a holiday falls on {c.date.strftime('%A')}"),),
            )
        )
    return out


def holiday_list(r: HolidayList, corpus: Corpus) -> list[Statement]:
    """The closures as a list, each with its date and observed day."""
    when = f"{join([_MONTHS[m - 1] for m in r.months])} {r.year}" if r.months else str(r.year)
    on = f" on a {' or a '.join(_WEEKDAYS[w] for w in r.weekdays)}" if r.weekdays else ""
    besides = f"Besides {join(list(r.set_aside))}, " if r.set_aside else ""

    def said(text: str) -> str:  # "Besides Memorial Day, no national holiday ..."
        return f"{besides}{text[0].lower() if text[1:2].islower() else text[0]}{text[1:]}" if besides else text

    if not r.closures:
        return [
            Statement(
                said(f"No national holiday closes CBP offices{on} in {when}."),
                (quote(corpus, HOLIDAYS, "CBP offices shall be closed on the following national holidays"),),
            )
        ]
    out = [
        Statement(
            said(f"CBP offices are closed for these holidays{on} in {when}:"),
            (quote(corpus, HOLIDAYS, "CBP offices shall be closed on the following national holidays"),),
        )
    ]
    for c in r.closures:
        out.append(Statement(f"\n- {_closure_words(c)}{_by_statute(c)}", _closure_evidence(corpus, c)))
    return out


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


def _skipped(r: BusinessDayShift) -> str:
    holidays = [f"{format_day(d)} ({c.name}{' observed' if c.day != c.date else ''})" for d, c in r.skipped if c]
    weekends = [d for d, c in r.skipped if c is None]
    parts = []
    if holidays:
        parts.append(join(holidays))
    if weekends:
        parts.append("the weekend" if len(weekends) <= 2 else "weekends")
    return join(parts)


def business_day_shift(r: BusinessDayShift, corpus: Corpus) -> list[Statement]:
    """The date reached, then what was skipped."""
    start, result = format_day(r.start), format_day(r.result)
    evidence = [_business_day(corpus)]
    for _, c in r.skipped:
        if c is not None:
            evidence += _closure_evidence(corpus, c)
    if r.counts_start:
        first = start if all(d != r.start for d, _ in r.skipped) else f"the first business day from {start} on"
        text = f"Counting {first} as day 1, business day {r.n} is {result}."
    elif abs(r.n) == 1:
        which = "next" if r.n > 0 else "previous"
        text = f"The {which} business day {'after' if r.n > 0 else 'before'} {start} is {result}."
    else:
        text = f"{result} is {abs(r.n)} business days {'after' if r.n > 0 else 'before'} {start}."
    out = [Statement(text, tuple(dict.fromkeys(evidence)))]
    skipped = _skipped(r)
    if skipped:
        out.append(Statement(f"Counting skips {skipped}, when CBP offices are closed."))
    out.append(
        Statement(
            "Offices also close on any day designated by Executive Order, which cannot be known in advance.",
            (_statute(corpus),),
        )
    )
    return out


def business_day_count(r: BusinessDayCount, corpus: Corpus) -> list[Statement]:
    """How many business days lie between two dates (or which is the first or the last of them)."""
    if r.position and r.days and r.period:
        return _first_or_last(r, corpus)
    evidence = [_business_day(corpus)] + [e for c in r.closures for e in _closure_evidence(corpus, c)]
    closed = f" Offices are closed for {join([_closure_words(c) for c in r.closures])}." if r.closures else ""
    span = (f"in {r.period}" if r.period else
            f"from {format_day(r.start)} through {format_day(r.end)}, both included" if r.inclusive else
            f"after {format_day(r.start)} up to and including {format_day(r.end)}")  # fmt: skip
    # a week or less: which days, by name ("Monday, Tuesday, Wednesday and Thursday")
    named = f": {join([_WEEKDAYS[d.weekday()] for d in r.days])}" if r.days and (r.end - r.start).days < 7 else ""
    return [Statement(f"There are {len(r.days)} business days {span}{named}.{closed}",
                      tuple(dict.fromkeys(evidence)))]  # fmt: skip


def _first_or_last(r: BusinessDayCount, corpus: Corpus) -> list[Statement]:
    """The day itself ("The first business day of 2027 is Monday, January 4, 2027"), with the closures it passes."""
    day = r.days[0] if r.position > 0 else r.days[-1]
    passed = [c for c in r.closures if (c.day < day if r.position > 0 else c.day > day)]
    out = [Statement(f"The {'first' if r.position > 0 else 'last'} business day of {r.period} is {format_day(day)}.",
                     (_business_day(corpus),))]  # fmt: skip
    if passed:
        where = "before" if r.position > 0 else "after"
        out.append(Statement(f"Offices are closed {where} it for {join([_closure_words(c) for c in passed])}.",
                             tuple(e for c in passed for e in _closure_evidence(corpus, c))))  # fmt: skip
    return out


def hours(r: Hours, corpus: Corpus) -> list[Statement]:
    """The hours, and the exceptions; Yes or No for a weekday asked about."""
    general = Statement(f"CBP offices are open for general business from {_span(corpus)}", (_open_hours(corpus),))
    closed = Statement("CBP offices are closed on Saturdays, Sundays and national holidays.", (_weekend(corpus),))
    outside = Statement(f"Services outside a CBP office are furnished from {_span(corpus, OUTSIDE)}",
                        (_open_hours(corpus, OUTSIDE),))  # fmt: skip
    local = Statement(
        "Where local conditions require, different but equivalent hours may be kept if the Commissioner of CBP "
        "approves them and a notice of the business hours is prominently displayed at the principal entrance and in "
        "each public room of the office.",
        (
            quote(corpus, LOCAL, "different but equivalent hours are required"),
            quote(corpus, LOCAL, "the Commissioner of Customs and Border Protection approves them"),
            quote(corpus, LOCAL, "prominently displayed at the principal entrance and in each public room"),
        ),
    )
    if r.outside and r.weekday is None:  # 101.6(e): 8 a.m., not 8:30, on the days the office is open
        return [*([Statement("No.")] if r.same else []), outside, general,
                Statement(closed.text.replace("CBP offices are", "They are"), closed.evidence)]  # fmt: skip
    defined = [Statement("A business day is a weekday, Monday through Friday, that is not a national holiday.",
                         (_business_day(corpus),))] if r.business else []  # fmt: skip
    if r.weekday is not None and r.weekday >= 5:
        return [
            *([Statement("Yes." if r.asks_closed else "No.")] if r.polar else []),
            *defined,
            closed,
            Statement(f"On business days they are open from {_span(corpus)}", (_open_hours(corpus),)),
        ]
    if r.weekday is not None:
        name = _WEEKDAYS[r.weekday]
        return [*([Statement("No." if r.asks_closed else "Yes.")] if r.polar else []),
                Statement(f"On a {name} that is not a national holiday, CBP offices are open from "
                          f"{_span(corpus)}", (_open_hours(corpus), _weekend(corpus)))]  # fmt: skip
    return [general, Statement(closed.text.replace("CBP offices are", "They are"), closed.evidence), outside, local]
