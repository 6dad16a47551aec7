"""Holidays, their observance and business hours (101.6), with dates checked by calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus import Corpus, UsageError

D = dt.date


def test_ten_holidays_with_their_printed_rules(corpus: Corpus) -> None:
    assert [h.rule for h in corpus.holidays] == [
        "The first day of January.", "The third Monday of January.", "The third Monday of February.",
        "The last Monday of May.", "The fourth day of July.", "The first Monday of September.",
        "The second Monday of October.", "The eleventh day of November.", "The fourth Thursday of November.",
        "The twenty-fifth day of December.",
    ]  # fmt: skip
    assert [h.cite.ref for h in corpus.holidays] == [f"19 CFR 101.6(a)({n})" for n in range(1, 11)]
    assert corpus.holidays[6].name == "Columbus Day" and corpus.holidays[8].name == "Thanksgiving Day"
    assert "the day immediately preceding such Saturday will be observed" in corpus.holidays[0].observance.line


def test_2027_dates_and_observed_days(corpus: Corpus) -> None:
    got = {o.holiday.name: (o.date, o.observed) for o in corpus.observed_holidays(2027)}
    assert got == {
        "New Year's Day": (D(2027, 1, 1), D(2027, 1, 1)),
        "Birthday of Martin Luther King, Jr.": (D(2027, 1, 18), D(2027, 1, 18)),
        "Washington's Birthday": (D(2027, 2, 15), D(2027, 2, 15)),
        "Memorial Day": (D(2027, 5, 31), D(2027, 5, 31)),
        "Independence Day": (D(2027, 7, 4), D(2027, 7, 5)),  # Sunday -> Monday
        "Labor Day": (D(2027, 9, 6), D(2027, 9, 6)),
        "Columbus Day": (D(2027, 10, 11), D(2027, 10, 11)),
        "Veterans Day": (D(2027, 11, 11), D(2027, 11, 11)),
        "Thanksgiving Day": (D(2027, 11, 25), D(2027, 11, 25)),
        "Christmas Day": (D(2027, 12, 25), D(2027, 12, 24)),  # Saturday -> Friday
    }


@pytest.mark.parametrize(
    ("year", "name", "date", "observed"),
    [
        (2028, "New Year's Day", D(2028, 1, 1), D(2027, 12, 31)),  # Saturday: observed the year before
        (2026, "Veterans Day", D(2026, 11, 11), D(2026, 11, 11)),
        (2026, "Thanksgiving Day", D(2026, 11, 26), D(2026, 11, 26)),
        (2026, "Memorial Day", D(2026, 5, 25), D(2026, 5, 25)),
        (2026, "Independence Day", D(2026, 7, 4), D(2026, 7, 3)),
        (2032, "Memorial Day", D(2032, 5, 31), D(2032, 5, 31)),  # a 31st that is the last Monday
    ],
)
def test_rules_across_years(corpus: Corpus, year: int, name: str, date: D, observed: D) -> None:
    o = next(o for o in corpus.observed_holidays(year) if o.holiday.name == name)
    assert (o.date, o.observed) == (date, observed)


def test_every_weekday_rule_lands_on_its_weekday(corpus: Corpus) -> None:
    for year in range(2000, 2041):
        for o in corpus.observed_holidays(year):
            h = o.holiday
            assert o.date.month == h.month and o.observed.weekday() < 5
            if h.weekday is not None:
                assert o.date.weekday() == h.weekday
                if h.nth == -1:
                    assert (o.date + dt.timedelta(days=7)).month != h.month
                else:
                    assert (o.date.day - 1) // 7 + 1 == h.nth


def test_out_of_range_year_is_a_usage_error(corpus: Corpus) -> None:
    with pytest.raises(UsageError, match="year must be between"):
        corpus.observed_holidays(0)


def test_business_hours(corpus: Corpus) -> None:
    general, outside = corpus.hours
    assert (general.opens, general.closes, general.cite.ref) == (dt.time(8, 30), dt.time(17, 0), "19 CFR 101.6")
    assert general.printed == "between the hours of 8:30 a.m. and 5 p.m."
    assert (outside.opens, outside.closes, outside.cite.ref) == (dt.time(8, 0), dt.time(17, 0), "19 CFR 101.6(e)")
