"""Questions that lean on what was said before: a statement before the question, or an earlier turn.

Each case is a member of a family seen failing on blind questions, not the question seen: a trip's origin told
before the question, a follow-up that names another term or another place, a weekday counted from the date
talked about. Expected facts are read from 19 CFR Part 101 or computed from the rules of 101.6.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import Assistant, verify
from corpus import Corpus

from .conftest import Engine, nth_weekday
from .conftest import refs as _refs

pytestmark = pytest.mark.model
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def bot(corpus: Corpus, engine: Engine) -> Assistant:
    return engine.assistant(corpus, TODAY)


def _after(*turns: str) -> list[dict[str, str]]:
    """A conversation: user and assistant turns, alternating, the user first."""
    return [{"role": ("user", "assistant")[i % 2], "content": t} for i, t in enumerate(turns)]


def test_a_trips_origin_told_before_the_question_is_where_travelers_are_precleared(
    bot: Assistant, corpus: Corpus
) -> None:
    # 101.5 lists Shannon (Ireland): asked about the destination, the answer is No, you clear in Shannon
    answer = bot.ask("We leave from Shannon on Friday. Do we clear customs when we land in Boston?")
    verify(answer.citations, corpus)
    assert answer.answer.startswith("No.") and "Shannon" in answer.answer and "19 CFR 101.5" in _refs(answer)


def test_a_follow_up_that_names_another_term_gets_that_terms_definition(bot: Assistant) -> None:
    # 101.1 defines "Shipment" apart from "Importer"
    answer = bot.ask("and shipment?", _after("what does importer mean", "The person primarily liable ..."))
    assert "19 CFR 101.1 (Shipment)" in _refs(answer) and "19 CFR 101.1 (Importer)" not in _refs(answer)
    assert not answer.answer.startswith(("Yes", "No"))  # "and shipment?" names a term: it asks no yes/no


def test_a_follow_up_naming_a_place_after_a_states_list_asks_about_that_place(bot: Assistant) -> None:
    # 101.3(b)(1) lists Houlton under Maine; the list of Maine's stations does not answer "is houlton a port?"
    answer = bot.ask("and is houlton a port?", _after("customs stations in maine", "Maine has ... stations."))
    assert answer.answer.startswith("Yes.") and "Houlton is a port of entry" in answer.answer


def test_the_weekday_after_the_holiday_talked_about(bot: Assistant) -> None:
    # 101.6(a)(4): the last Monday of May (Memorial Day); the Tuesday after it in 2029 is a business day
    memorial = nth_weekday(2029, 5, 0, -1)
    tuesday = memorial + dt.timedelta(days=1)
    answer = bot.ask("is the tuesday after it a business day?",
                     _after("when is memorial day 2029", f"{memorial:%A, %B} {memorial.day}, 2029."))  # fmt: skip
    assert answer.answer.startswith("Yes.") and f"{tuesday:%B} {tuesday.day}, 2029" in answer.answer


def test_a_follow_up_after_a_filler_word_keeps_the_yes_or_no(bot: Assistant) -> None:
    # 101.3(b)(1) lists Calexico under California
    answer = bot.ask("ok, what about calexico", _after("is nogales a port of entry?", "Yes, in Arizona."))
    assert answer.answer.startswith("Yes.") and "Calexico" in answer.answer


def test_a_weekday_and_day_of_the_month_in_the_month_talked_about(bot: Assistant) -> None:
    # 101.6(a)(9): Thanksgiving, the fourth Thursday in November; November 22, 2028 is the Wednesday before it
    thanksgiving = nth_weekday(2028, 11, 3, 4)
    answer = bot.ask("so 2 business days after wednesday the 22nd is what",
                     _after("when is thanksgiving 2028", f"{thanksgiving:%A, %B} {thanksgiving.day}, 2028."))  # fmt: skip
    assert "Wednesday, November 22, 2028" in answer.answer and "Monday, November 27, 2028" in answer.answer


@pytest.mark.parametrize("question", ["is the next day a business day?", "is the day after it a business day"])
def test_the_day_after_the_date_talked_about_is_the_day_asked(bot: Assistant, question: str) -> None:
    # 101.6(a)(4): the last Monday of May; the Tuesday after it, in 2028, is a business day
    memorial = nth_weekday(2028, 5, 0, -1)
    answer = bot.ask(question, _after("when is memorial day 2028", f"{memorial:%A, %B} {memorial.day}, 2028."))
    after = memorial + dt.timedelta(days=1)
    assert answer.answer.startswith("Yes.") and f"{after:%A, %B} {after.day}, 2028 is a business day" in answer.answer


def test_the_following_weekday_after_the_date_talked_about(bot: Assistant) -> None:
    # 101.6(a)(5): the fourth day of July; July 4, 2028 is a Tuesday, the following Tuesday a business day
    answer = bot.ask("and the following tuesday?", _after("is tuesday july 4 2028 a business day?", "No, ..."))
    assert answer.answer.startswith("Yes.") and "Tuesday, July 11, 2028" in answer.answer


def test_the_place_an_answer_named_keeps_its_own_state(bot: Assistant) -> None:
    # 101.4(c)(2): Pittsburg (New Hampshire) is supervised by Beecher Falls, which 101.3(b)(1) lists under Vermont
    answer = bot.ask("is that one a port of entry itself?",
                     _after("which port supervises the Pittsburg NH station", "Beecher Falls."))  # fmt: skip
    assert answer.answer.startswith("Yes.") and "Beecher Falls" in answer.answer and "Vermont" in answer.answer


def test_a_question_for_a_quantity_the_sources_do_not_give_is_not_answered_with_a_loose_sentence(
    bot: Assistant,
) -> None:
    # The article says travel "puts pressure on resources, leading to longer wait times": it gives no wait time
    answer = bot.ask("how long will the wait be there this afternoon", _after("is calexico a port?", "Yes."))
    assert answer.abstained, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "and if they have to come out to our warehouse instead, during which hours?",
        "what about an officer at our pier, outside the office. same hours?",
    ],
)
def test_hours_outside_the_office_after_the_offices_hours(bot: Assistant, corpus: Corpus, question: str) -> None:
    # 101.6(e): services outside a CBP office are furnished from 8 a.m. to 5 p.m. (the office opens at 8:30)
    answer = bot.ask(question, _after("when are cbp offices open", "8:30 a.m. to 5 p.m. on business days."))
    verify(answer.citations, corpus)
    assert "19 CFR 101.6(e)" in _refs(answer) and "8 a.m." in answer.answer
    assert not question.endswith("same hours?") or answer.answer.startswith("No.")
