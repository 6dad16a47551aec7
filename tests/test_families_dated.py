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

from .conftest import Engine, nth_weekday
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
