"""CBP's ten national holidays, their observance rule and business hours (101.6).

The dates are computed from the rules as printed ("The third Monday of
January.") with python-dateutil, so a changed rule in the source changes the
dates or fails loudly; nothing here is a hard-coded date.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from ._errors import SourceError
from ._records import BusinessHours, Cite, Holiday, ObservedHoliday
from ._regulation import ParsedRegulation

__all__ = ["business_hours", "observe", "parse_holidays"]

HOLIDAYS_REF = "19 CFR 101.6(a)"
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
_DAY_WORDS = {"first": 1, "fourth": 4, "eleventh": 11, "twenty-fifth": 25}
_RULE = re.compile(
    r"^The (?P<nth>[\w-]+) (?:(?P<weekday>"
    + "|".join(_WEEKDAYS)
    + r")|day) of (?P<month>"
    + "|".join(_MONTHS)
    + r")\.$"
)
# Part 101 gives only the rules; the names are those of 5 U.S.C. 6103(a),
# which 101.6(a) cites. Keyed by the printed rule so a changed rule is noticed.
_NAMES = {
    "The first day of January.": "New Year's Day",
    "The third Monday of January.": "Birthday of Martin Luther King, Jr.",
    "The third Monday of February.": "Washington's Birthday",
    "The last Monday of May.": "Memorial Day",
    "The fourth day of July.": "Independence Day",
    "The first Monday of September.": "Labor Day",
    "The second Monday of October.": "Columbus Day",
    "The eleventh day of November.": "Veterans Day",
    "The fourth Thursday of November.": "Thanksgiving Day",
    "The twenty-fifth day of December.": "Christmas Day",
}
_SATURDAY = "If a holiday falls on Saturday, the day immediately preceding such Saturday will be observed."
_SUNDAY = "If a holiday falls on Sunday, the day immediately following such Sunday will be observed."
_HOURS = re.compile(r"between the hours of (\d{1,2})(?::(\d\d))? a\.m\. and (\d{1,2})(?::(\d\d))? p\.m\.")


def _cite(parsed: ParsedRegulation, ref: str, contains: str, file: str) -> Cite:
    for line in parsed.lines.get(ref, ()):
        if contains in line.text:
            return parsed.cite(ref, line)
    raise SourceError(f"{file}: {ref} does not say {contains!r}")


def parse_holidays(parsed: ParsedRegulation, *, file: str) -> tuple[Holiday, ...]:
    """The ten holidays of 101.6(a)(1)-(10), each with its rule and observance."""
    observance = _cite(parsed, HOLIDAYS_REF, _SATURDAY, file)
    if _SUNDAY not in observance.line:
        raise SourceError(f"{file}: {HOLIDAYS_REF} no longer states the Sunday observance rule")
    holidays = []
    for n in range(1, 11):
        ref = f"{HOLIDAYS_REF}({n})"
        lines = parsed.lines.get(ref, ())
        m = _RULE.match(lines[0].text) if lines else None
        if not m or m[0] not in _NAMES:
            raise SourceError(f"{file}: cannot read the holiday rule in {ref}")
        nth_word = m["nth"]
        is_weekday = m["weekday"] is not None
        holidays.append(
            Holiday(
                number=n,
                name=_NAMES[m[0]],
                rule=m[0],
                month=_MONTHS.index(m["month"]) + 1,
                day=None if is_weekday else _DAY_WORDS[nth_word],
                weekday=_WEEKDAYS.index(m["weekday"]) if is_weekday else None,
                nth=_NTH[nth_word] if is_weekday else None,
                cite=_cite(parsed, ref, m[0], file),
                observance=observance,
            )
        )
    return tuple(holidays)


def observe(holiday: Holiday, year: int) -> ObservedHoliday:
    """The holiday's date in ``year`` and the day it is observed (101.6(a))."""
    if holiday.day is not None:
        date = dt.date(year, holiday.month, holiday.day)
    else:
        assert holiday.weekday is not None and holiday.nth is not None
        wd = (MO, TU, WE, TH, FR, SA, SU)[holiday.weekday]
        start = dt.date(year, holiday.month, 1)
        if holiday.nth > 0:
            date = start + relativedelta(weekday=wd(holiday.nth))
        else:
            date = start + relativedelta(day=31, weekday=wd(-1))
    shift = {5: -1, 6: 1}.get(date.weekday(), 0)  # Saturday -> Friday, Sunday -> Monday
    return ObservedHoliday(holiday=holiday, date=date, observed=date + dt.timedelta(days=shift))


def _time(hour: str, minute: str | None, *, pm: bool) -> dt.time:
    return dt.time(int(hour) % 12 + (12 if pm else 0), int(minute or 0))


def business_hours(parsed: ParsedRegulation, *, file: str) -> tuple[BusinessHours, ...]:
    """General business hours (101.6) and hours for services outside an office (101.6(e))."""
    out = []
    for ref, what in (
        ("19 CFR 101.6", "CBP offices are open for general CBP business"),
        ("19 CFR 101.6(e)", "CBP services required outside a CBP office are furnished"),
    ):
        cite = _cite(parsed, ref, "between the hours of", file)
        m = _HOURS.search(cite.line)
        if not m:
            raise SourceError(f"{file}: cannot read the hours in {ref}")
        out.append(
            BusinessHours(
                what=what,
                opens=_time(m[1], m[2], pm=False),
                closes=_time(m[3], m[4], pm=True),
                printed=m[0],
                cite=cite,
            )
        )
    return tuple(out)
