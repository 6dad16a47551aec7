"""Dates said the way people say them: "next year", joined by hyphens, a year given before the question.

Each family was first seen on a blind tuning set; the members here are other
ones. Expected dates are computed from the rules of 101.6(a) (a holiday on a
Saturday is observed the Friday before, one on a Sunday the Monday after).
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import Assistant
from corpus import Corpus

from .conftest import Engine, nth_weekday, refs
from .conftest import ask_verified as _ask

pytestmark = pytest.mark.model
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def bot(corpus: Corpus, engine: Engine) -> Assistant:
    return engine.assistant(corpus, TODAY)


def test_next_year_sets_the_year_of_a_date_written_without_one(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(5): July 4; in 2027 a Sunday, observed Monday, July 5
    answer = _ask(bot, corpus, "is cbp closed on 7/4 next year")
    assert answer.answer.startswith("Yes.") and "July 5, 2027" in answer.answer


def test_a_holiday_rule_written_with_hyphens_is_read(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(4): the last Monday of May
    day = nth_weekday(2028, 5, 0, -1)
    answer = _ask(bot, corpus, "when is the last-Monday-of-May holiday in 2028")
    assert f"{day:%B} {day.day}, 2028" in answer.answer


def test_a_year_given_before_the_question_is_the_year_of_its_month(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(8), (9): November 11 (a Saturday in 2028, observed Friday the 10th) and the fourth Thursday
    thanksgiving = nth_weekday(2028, 11, 3, 4)
    answer = _ask(bot, corpus, "nov 2028 - which days is cbp closed for holidays that month")
    assert "November 10, 2028" in answer.answer and f"November {thanksgiving.day}, 2028" in answer.answer


def test_a_holiday_stated_before_the_question_is_the_day_counted_from(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(9): Thanksgiving 2026 is Thursday, November 26; the next business day is Friday, November 27
    answer = _ask(bot, corpus, "Thanksgiving falls on a Thursday this year. What's the next business day after it?")
    assert "Friday, November 27, 2026" in answer.answer and "2027" not in answer.answer


def test_a_day_then_r_for_are_is_a_yes_no_question_about_that_day(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(6): the first Monday of September, in 2027 September 6
    day = nth_weekday(2027, 9, 0, 1)
    answer = _ask(bot, corpus, "1st monday of september 2027 r cbp offices closed")
    assert answer.answer.startswith("Yes.") and f"September {day.day}, 2027" in answer.answer


@pytest.mark.parametrize(
    ("question", "closed", "open_days"),
    [
        # 101.6(a)(1): January 1, 2028 is a Saturday, observed Friday, December 31, 2027 (Sunday-to-Saturday week)
        (
            "what are the working days the week of dec 29 2027",
            "December 31, 2027",
            "Monday, Tuesday, Wednesday and Thursday",
        ),
        # 101.6(a)(10): Christmas 2029 is a Tuesday
        (
            "which days r business days that week: christmas 2029",
            "December 25, 2029",
            "Monday, Wednesday, Thursday and Friday",
        ),
    ],
)
def test_the_week_of_a_date_names_its_business_days(
    bot: Assistant, corpus: Corpus, question: str, closed: str, open_days: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert "4 business days" in answer.answer and open_days in answer.answer and closed in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "does the officer who inspects at our warehouse keep the same hours as the office?",
        "if an inspector has to come out to our plant are the times identical to the office's?",
    ],
)
def test_services_away_from_the_office_have_their_own_hours(bot: Assistant, corpus: Corpus, question: str) -> None:
    # 101.6(e): services outside a CBP office from 8 a.m.; the office itself opens at 8:30 a.m. (101.6)
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith("No.") and "8 a.m." in answer.answer
    assert "19 CFR 101.6(e)" in refs(answer)


def test_a_follow_up_about_services_away_from_the_office_is_answered_for_them(bot: Assistant, corpus: Corpus) -> None:
    history = [{"role": "user", "content": "when is cbp open"}]
    answer = _ask(bot, corpus, "and if we need an inspector to come out to our plant, same times?", history)
    assert answer.answer.startswith("No.") and "8 a.m." in answer.answer


@pytest.mark.parametrize(
    ("question", "day"),
    [
        # 101.6(a)(3): the third Monday in February; 2028: February 21
        ("which monday in february 2028 is a holiday", "February 21, 2028"),
        # 101.6(a)(2): the third Monday in January; 2027: January 18 (New Year's Day is set aside)
        ("which monday in january 2027 is a cbp holiday (not counting new years)", "January 18, 2027"),
    ],
)
def test_a_weekday_in_a_month_picks_the_holidays_on_it(bot: Assistant, corpus: Corpus, question: str, day: str) -> None:
    answer = _ask(bot, corpus, question)
    assert day in answer.answer and answer.answer.count("\n- ") == 1


def test_a_holiday_set_aside_is_left_out_of_the_list(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(4): Memorial Day is the only national holiday in May
    answer = _ask(bot, corpus, "besides memorial day, which holidays close cbp in may 2027?")
    assert "no national holiday" in answer.answer.lower() and "Memorial Day" in answer.answer


@pytest.mark.parametrize(
    ("question", "day"),
    [
        # Christmas 2027 is a Saturday, observed Friday, December 24 (101.6(a)(10)): day 1 is Monday the 27th
        ("i need 3 business days beginning fri dec 24 2027, which day is the third", "Wednesday, December 29, 2027"),
        # Thanksgiving 2027 is Thursday, November 25 (101.6(a)(9)): days 22, 23, 24, 26
        (
            "If we need four business days starting monday nov 22 2027, what's the last one?",
            "Friday, November 26, 2027",
        ),
    ],
)
def test_a_count_starting_on_a_day_counts_that_day(bot: Assistant, corpus: Corpus, question: str, day: str) -> None:
    answer = _ask(bot, corpus, question)
    assert day in answer.answer


def test_a_count_given_before_the_question_is_counted(bot: Assistant, corpus: Corpus) -> None:
    # July 4, 2029 is a Wednesday (101.6(a)(5)); 2 business days after it: Thursday 5, Friday 6
    answer = _ask(bot, corpus, "independence day 2029 is a wednesday. add two business days, which date do i end on?")
    assert "Friday, July 6, 2029" in answer.answer


@pytest.mark.parametrize("question", ["is sunday a business day under the customs regs", "saturday - business day?"])
def test_a_weekend_day_asked_as_a_business_day_gets_the_rule(bot: Assistant, corpus: Corpus, question: str) -> None:
    # 101.1: a business day means a weekday (Monday through Friday), excluding national holidays
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith("No.") and "Monday through Friday" in answer.answer
    assert "19 CFR 101.1 (Business day)" in refs(answer)


def test_a_states_own_holiday_is_not_the_national_one_in_its_name(bot: Assistant, corpus: Corpus) -> None:
    # Texas Independence Day (March 2; a Thursday in 2028) is a State holiday: offices open (101.6(d)); the
    # national Independence Day is July 4 (101.6(a)(5))
    answer = _ask(bot, corpus, "is cbp open on texas independence day 2028 in houston?")
    assert answer.answer.startswith("Yes.") and "March 2, 2028" in answer.answer and "July" not in answer.answer
    assert "19 CFR 101.6(d)" in refs(answer)


def test_a_weekday_written_short_with_a_dot_goes_on_with_its_date(bot: Assistant, corpus: Corpus) -> None:
    # January 3, 2027 is a Sunday: no business day (101.1), one question, not "is sun." and the rest
    answer = _ask(bot, corpus, "is sun. jan 3 2027 a business day for customs?")
    assert answer.answer.startswith("No.") and "January 3, 2027" in answer.answer
    assert "19 CFR 101.1 (Business day)" in refs(answer) and "do not cover" not in answer.answer


def test_a_holiday_on_a_weekday_with_no_month_is_not_a_filter(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a): a holiday on a Sunday is observed the Monday after; the question asks the rule, and no year's
    # closures are "none on a Sunday"
    answer = _ask(bot, corpus, "if a holiday falls on a sunday which day are cbp offices closed")
    assert not answer.abstained and "No national holiday" not in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "and the friday just before it, is that a regular business day?",
        "is the friday right before it a normal business day",
    ],
)
def test_a_weekday_right_before_a_day_is_counted_from_that_day(bot: Assistant, corpus: Corpus, question: str) -> None:
    # 101.6(a)(4): Memorial Day 2028 is the last Monday of May, May 29; the Friday before it is May 26, a business day
    history = [{"role": "user", "content": "when is memorial day 2028"}]
    answer = _ask(bot, corpus, question, history)
    assert answer.answer.startswith("Yes.") and "Friday, May 26, 2028" in answer.answer


@pytest.mark.parametrize(
    ("question", "count", "sunday", "closed"),
    [
        # 101.6(a)(9): Thanksgiving, the fourth Thursday of November, is November 26, 2026, in the week of today
        ("how many business days does this week have", 4, "November 22, 2026", "Thursday, November 26, 2026"),
        ("number of working days for cbp next week", 5, "November 29, 2026", ""),
    ],
)
def test_a_week_named_from_today_is_counted_sunday_to_saturday(
    bot: Assistant, corpus: Corpus, question: str, count: int, sunday: str, closed: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert f"{count} business days" in answer.answer and f"Sunday, {sunday}" in answer.answer
    assert closed in answer.answer


def test_a_weekday_of_next_week_is_that_weeks_day(bot: Assistant, corpus: Corpus) -> None:
    # today is Monday, November 23, 2026: next week's Wednesday is December 2, no holiday (101.6(a))
    answer = _ask(bot, corpus, "is cbp open wednesday next week")
    assert answer.answer.startswith("Yes.") and "Wednesday, December 2, 2026" in answer.answer


@pytest.mark.parametrize(
    ("question", "day"),
    [
        # from Tuesday, November 24: Wednesday 2, (Thursday 26 is Thanksgiving, 101.6(a)(9)) Friday 3, Monday 4 ...
        ("10 business days with tomorrow as day 1 - which date", "Tuesday, December 8, 2026"),
        ("it's monday today. 5 business days, tomorrow being day 1?", "Tuesday, December 1, 2026"),
    ],
)
def test_the_day_said_to_be_day_one_is_counted_first(bot: Assistant, corpus: Corpus, question: str, day: str) -> None:
    answer = _ask(bot, corpus, question)
    assert f"is {day}" in answer.answer and "Counting Tuesday, November 24, 2026 as day 1" in answer.answer


@pytest.mark.parametrize(
    ("before", "day"),
    [
        ("what's 3 business days starting tomorrow", "Tuesday, December 8, 2026"),
        # ten business days back from Thursday, December 24, 2026, with no holiday between (101.6(a))
        ("5 business days before dec 24 2026?", "Thursday, December 10, 2026"),
    ],
)
def test_a_follow_up_with_only_a_number_counts_again_from_the_same_day(
    bot: Assistant, corpus: Corpus, before: str, day: str
) -> None:
    answer = _ask(bot, corpus, "and 10?", [{"role": "user", "content": before}])
    assert day in answer.answer


def test_holidays_of_two_months_are_both_listed(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(1)-(3): New Year's Day, the third Monday of January and the third Monday of February
    answer = _ask(bot, corpus, "which holidays fall in january and february 2027")
    mlk, washington = nth_weekday(2027, 1, 0, 3), nth_weekday(2027, 2, 0, 3)
    for day in ("January 1, 2027", f"January {mlk.day}, 2027", f"February {washington.day}, 2027"):
        assert day in answer.answer


@pytest.mark.parametrize(
    ("question", "day"),
    [
        # 101.6(a)(1): New Year's Day 2027 is a Friday, so Monday, January 4 is the first business day (101.1)
        ("what's the first business day of 2027?", "Monday, January 4, 2027"),
        # New Year's Day 2028 is a Saturday, observed Friday, December 31, 2027 (101.6(a))
        ("last business day of 2027?", "Thursday, December 30, 2027"),
        ("last working day of december 2026", "Thursday, December 31, 2026"),
    ],
)
def test_the_first_or_last_business_day_of_a_period_is_that_day(
    bot: Assistant, corpus: Corpus, question: str, day: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert "business day of" in answer.answer and f"is {day}" in answer.answer
