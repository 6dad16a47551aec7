"""The CBP calendar of 101.6(a), business-day arithmetic, and dates as people write them (no model needed).

Expected dates come from the rules of 19 CFR 101.6(a) restated below with datetime alone, never from the engine.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant._dates import CbpCalendar, around, dangling, day_of_month, find_dates
from corpus import Corpus

from .conftest import nth_weekday

D = dt.date
DAY = dt.timedelta(days=1)
TODAY = D(2026, 11, 23)  # a Monday
MON, WED, THU, FRI, SAT, SUN = 0, 2, 3, 4, 5, 6
JUNETEENTH = "Juneteenth National Independence Day"


def holiday_dates(year: int) -> list[D]:
    """101.6(a)(1)-(10), and Juneteenth: June 19, a holiday by Federal statute (5 U.S.C. 6103(a)) since 2021."""
    return [
        D(year, 1, 1), nth_weekday(year, 1, MON, 3), nth_weekday(year, 2, MON, 3), nth_weekday(year, 5, MON, -1),
        D(year, 7, 4), nth_weekday(year, 9, MON, 1), nth_weekday(year, 10, MON, 2), D(year, 11, 11),
        nth_weekday(year, 11, THU, 4), D(year, 12, 25), D(year, 6, 19),
    ]  # fmt: skip


def observed(day: D) -> D:
    """101.6(a): a Saturday holiday is observed the Friday before, a Sunday one the Monday after."""
    return day - DAY if day.weekday() == SAT else day + DAY if day.weekday() == SUN else day


CLOSED = {observed(d) for year in range(2021, 2037) for d in holiday_dates(year)}


def open_by_rule(day: D) -> bool:
    return day.weekday() < SAT and day not in CLOSED


def shift_by_rule(day: D, n: int) -> D:
    step = DAY if n > 0 else -DAY
    left = abs(n)
    while left:
        day += step
        left -= open_by_rule(day)
    return day


def next_day_of_month(dom: int, weekday: int, start: D) -> D:
    """The first day on or after ``start`` that is day ``dom`` of its month and falls on ``weekday``."""
    day = start
    while not (day.day == dom and day.weekday() == weekday):
        day += DAY
    return day


@pytest.fixture(scope="module")
def calendar(corpus: Corpus) -> CbpCalendar:
    return CbpCalendar(corpus)


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("New Year's Day", D(2028, 1, 1)),  # a Saturday: offices close Friday, December 31, 2027
        ("Christmas Day", D(2027, 12, 25)),  # a Saturday: Friday, December 24
        ("Independence Day", D(2026, 7, 4)),  # a Saturday: Friday, July 3
        ("Independence Day", D(2027, 7, 4)),  # a Sunday: Monday, July 5
        ("New Year's Day", D(2033, 1, 1)),  # a Saturday: Friday, December 31, 2032
        (JUNETEENTH, D(2027, 6, 19)),  # a Saturday: Friday, June 18
        (JUNETEENTH, D(2022, 6, 19)),  # a Sunday: Monday, June 20
    ],
)
def test_weekend_holiday_closes_the_nearest_weekday(calendar: CbpCalendar, name: str, date: D) -> None:
    assert date.weekday() in (SAT, SUN)
    day = observed(date)
    closure = calendar.closure_on(day)
    assert closure is not None and (closure.name, closure.date, closure.day) == (name, date, day)
    assert not calendar.is_business_day(day)
    # Only Juneteenth comes from another statute; the rest cite their 101.6(a) paragraph.
    assert (closure.holiday is None) == (name == JUNETEENTH)
    assert closure.holiday is None or closure.holiday.name == name


def test_juneteenth_closes_offices_though_101_6a_does_not_list_it(calendar: CbpCalendar, corpus: Corpus) -> None:
    assert JUNETEENTH not in {h.name for h in corpus.holidays}
    for year in (2026, 2028):  # on a Friday, on a Monday
        closure = next(c for c in calendar.closures(year) if c.name == JUNETEENTH)
        assert (closure.day, closure.date, closure.holiday) == (D(year, 6, 19), D(year, 6, 19), None)
        assert not calendar.is_business_day(D(year, 6, 19))


@pytest.mark.parametrize(
    "day",
    [
        D(2027, 3, 26),  # Good Friday: no Federal holiday
        nth_weekday(2027, 4, MON, 3),  # Patriots' Day, a State holiday: 101.6(d) keeps offices open
        nth_weekday(2026, 11, THU, 4) + DAY,  # the Friday after Thanksgiving
        D(2026, 12, 24),  # Christmas Eve, a Thursday: closed only if an Executive Order says so
        D(2026, 12, 31),  # New Year's Day 2027 is a Friday, so December 31, 2026 stays open
        D(2027, 12, 30),  # the Thursday before the New Year's Day 2028 closure
    ],
)
def test_open_on_days_that_are_no_federal_holiday(calendar: CbpCalendar, day: D) -> None:
    assert day.weekday() < SAT
    assert calendar.is_business_day(day) and calendar.closure_on(day) is None


def test_every_day_from_2022_to_2035_is_open_exactly_when_the_rules_say(calendar: CbpCalendar) -> None:
    day = D(2022, 1, 1)
    wrong = []
    while day <= D(2035, 12, 31):
        if calendar.is_business_day(day) != open_by_rule(day):
            wrong.append(day)
        day += DAY
    assert wrong == []


@pytest.mark.parametrize(
    ("start", "n", "end", "skipped"),
    [
        # Friday Dec 31, 2027 is New Year's Day 2028 observed; then the weekend
        (D(2027, 12, 30), 1, D(2028, 1, 3), (D(2027, 12, 31), D(2028, 1, 1), D(2028, 1, 2))),
        (D(2028, 1, 3), -1, D(2027, 12, 30), (D(2028, 1, 2), D(2028, 1, 1), D(2027, 12, 31))),
        # Friday Dec 24, 2027 is Christmas observed
        (D(2027, 12, 23), 1, D(2027, 12, 27), (D(2027, 12, 24), D(2027, 12, 25), D(2027, 12, 26))),
        (D(2027, 12, 25), 1, D(2027, 12, 27), (D(2027, 12, 26),)),  # counting from a closed Saturday
        (D(2027, 12, 30), 0, D(2027, 12, 30), ()),
    ],
)
def test_shift_across_year_end_holidays(
    calendar: CbpCalendar, start: D, n: int, end: D, skipped: tuple[D, ...]
) -> None:
    assert calendar.shift(start, n) == (end, skipped)


def test_ten_business_days_after_dec_21_2026_skip_christmas_and_new_year(calendar: CbpCalendar) -> None:
    end, skipped = calendar.shift(D(2026, 12, 21), 10)
    assert end == shift_by_rule(D(2026, 12, 21), 10) == D(2027, 1, 6)
    assert {D(2026, 12, 25), D(2027, 1, 1)} <= set(skipped)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 10, 20, -1, -2, -5, -10])
def test_shift_agrees_with_the_rules_over_four_years(calendar: CbpCalendar, n: int) -> None:
    starts = [D(2026, 1, 1) + dt.timedelta(days=i) for i in range(0, 4 * 365, 3)]
    wrong = [(s, calendar.shift(s, n)[0]) for s in starts if calendar.shift(s, n)[0] != shift_by_rule(s, n)]
    assert wrong == []


def test_between_counts_the_business_days_after_start_through_end(calendar: CbpCalendar) -> None:
    assert calendar.between(D(2027, 12, 23), D(2028, 1, 3)) == (
        D(2027, 12, 27), D(2027, 12, 28), D(2027, 12, 29), D(2027, 12, 30), D(2028, 1, 3),
    )  # fmt: skip
    assert calendar.between(D(2027, 12, 23), D(2027, 12, 23)) == ()
    assert calendar.between(D(2027, 12, 24), D(2027, 12, 26)) == ()  # Christmas observed, then the weekend
    # 2027: 261 weekdays, 12 of them closed (New Year's Day 2028 is observed on Friday, December 31, 2027)
    year = calendar.between(D(2026, 12, 31), D(2027, 12, 31))
    assert len(year) == sum(open_by_rule(D(2027, 1, 1) + i * DAY) for i in range(365)) == 249


def test_between_and_shift_agree(calendar: CbpCalendar) -> None:
    start = D(2027, 11, 20)
    for end in (D(2027, 12, 27), D(2028, 1, 3), D(2028, 1, 19)):
        assert calendar.shift(start, len(calendar.between(start, end)))[0] == end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("feb 30 2027", []),  # February never has a 30th
        ("the 30th of february", []),
        ("feb 29 2027", []),  # 2027 is no leap year
        ("feb 29 2028", [D(2028, 2, 29)]),
        ("the fifth monday of february 2027", []),  # February 2027 has four Mondays
        ("the last friday of december 2027", [nth_weekday(2027, 12, FRI, -1)]),
        ("the first monday of september 2027", [nth_weekday(2027, 9, MON, 1)]),
        ("12/24", [D(2026, 12, 24)]),  # no year: the next December 24
        ("oct 1", [D(2027, 10, 1)]),  # October 1, 2026 is well past: next year's
        ("yesterday", [TODAY - DAY]),
        ("tomorrow", [TODAY + DAY]),
        ("this monday", [TODAY]),
        ("next monday", [TODAY + 7 * DAY]),
        ("the 31st", [D(2026, 12, 31)]),  # November has no 31st
        ("monday the 31st", [next_day_of_month(31, MON, TODAY)]),
        ("friday the 13th", [next_day_of_month(13, FRI, TODAY)]),
    ],
)
def test_find_dates(text: str, expected: list[D]) -> None:
    assert [m.day for m in find_dates(text, today=TODAY)] == expected


def test_a_date_without_a_year_takes_the_year_the_conversation_is_about() -> None:
    (mention,) = find_dates("is cbp open dec 24", today=TODAY, default_year=2028)
    assert (mention.day, mention.year_given) == (D(2028, 12, 24), False)


@pytest.mark.parametrize(
    ("ref", "dom", "weekday", "start", "expected"),
    [
        (D(2027, 2, 10), 30, None, D(2027, 2, 10), D(2027, 3, 30)),  # no February 30: the next month that has one
        (D(2027, 2, 1), 29, None, D(2027, 2, 1), D(2027, 3, 29)),
        (D(2028, 2, 1), 29, None, D(2028, 2, 1), D(2028, 2, 29)),
        (D(2026, 11, 1), 5, None, TODAY, D(2026, 12, 5)),  # November 5 is before start
        (D(2026, 12, 1), 12, MON, TODAY, next_day_of_month(12, MON, TODAY)),  # December 12, 2026 is a Saturday
    ],
)
def test_day_of_month(ref: D, dom: int, weekday: int | None, start: D, expected: D) -> None:
    assert day_of_month(ref, dom, weekday, start=start) == expected


def test_a_weekday_that_does_not_fall_on_that_day_for_over_a_year_gives_no_date() -> None:
    start = D(2020, 1, 1)
    assert next_day_of_month(31, WED, start) > start + 400 * DAY  # March 31, 2021
    assert day_of_month(start, 31, WED, start=start) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what about the day after?", (None, 1)),
        ("and the friday before?", (FRI, -1)),
        ("and the day following that", (None, 1)),
        ("two business days after", None),  # a count of business days, not "the day after"
        ("the day after christmas", None),  # the date it is counted from follows
    ],
)
def test_dangling_day_after_or_before(text: str, expected: tuple[int | None, int] | None) -> None:
    found = dangling(text)
    assert (found[2:] if found else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the friday after dec 25 2027", D(2027, 12, 31)),  # Christmas 2027 is a Saturday
        ("the day before jan 1 2028", D(2027, 12, 31)),
        ("the monday before 12/25/2027", D(2027, 12, 20)),
        ("the day after 2/28/2028", D(2028, 2, 29)),
    ],
)
def test_around_a_written_date(text: str, expected: D) -> None:
    (anchor,) = find_dates(text, today=TODAY)
    shifted = around(text, anchor)
    assert shifted is not None and (shifted.start, shifted.end, shifted.day) == (0, len(text), expected)
