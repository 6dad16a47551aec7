"""Lists written case by case, what a question sets aside, rules with an exception, conditions before a question.

101.10(c)(5) gives the import data of a Center appeal per importer: "(i) For new
importers", "(ii) For importers with less than one year of prior import history",
"(iii) For importers with more than one year of prior import history". What the
asker says about themselves picks the case; without it, every case is shown.
101.4(a): "A vessel shall not be entered or cleared at a Customs station ...
unless ... authorized by the director of the port".
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import Assistant
from assistant._cases import Span, fitting, spans
from assistant._data import load_vocabulary
from corpus import Corpus

from .conftest import Engine, refs
from .conftest import ask_verified as _ask

CASES = "19 CFR 101.10(c)(5)"
NEW, UNDER_A_YEAR, OVER_A_YEAR = (f"{CASES}({n})" for n in ("i", "ii", "iii"))
HEADINGS = [
    "For new importers",
    "For importers with less than one year of prior import history",
    "For importers with more than one year of prior import history",
]


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("we've imported for 6 months", [(6.0, 6.0)]),
        ("two yrs of history", [(24.0, 24.0)]),
        ("a year and a half", [(18.0, 18.0)]),
    ],
)
def test_a_stated_span_of_time_is_read_in_months(text: str, months: list[tuple[float, float]]) -> None:
    assert [(s.low, s.high) for s in spans(text, load_vocabulary())] == months


def test_a_floor_or_a_ceiling_bounds_the_span() -> None:
    vocabulary = load_vocabulary()
    (over,) = spans("over 2 years", vocabulary)
    (under,) = spans("under a year", vocabulary)
    assert over.low > 24 and over.high == float("inf") and under.high < 12
    assert not Span(12.0, 12.0).within(spans("less than one year", vocabulary)[0])


@pytest.mark.parametrize(
    ("asker", "cases"),
    [
        ("we only got our importer number last week, totally new", {0}),
        ("importing since about 10 months", {1}),
        ("we've been importing for 5 years", {2}),
        ("no import history at all", {0}),
        ("a new importer and one with 4 years behind it", {0, 2}),
        ("what goes in the appeal", set()),
        ("we've imported for exactly one year", set()),  # on the line between the two: neither case says
    ],
)
def test_what_the_asker_says_picks_the_cases_that_fit(asker: str, cases: set[int]) -> None:
    assert fitting(HEADINGS, asker, load_vocabulary()) == cases


@pytest.fixture(scope="module")
def bot(corpus: Corpus, engine: Engine) -> Assistant:
    return engine.assistant(corpus, dt.date(2026, 11, 23))


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "case"),
    [
        ("we started importing two years ago. for an appeal of our center assignment, what import data do we "
         "include?", OVER_A_YEAR),
        ("our company has imported for 6 months - what import data goes with a center assignment appeal?",
         UNDER_A_YEAR),
        ("what import data should a first-time importer with no import history put in a center appeal?", NEW),
    ],
)  # fmt: skip
def test_the_case_the_asker_is_answers_alone(bot: Assistant, corpus: Corpus, question: str, case: str) -> None:
    answer = _ask(bot, corpus, question)
    assert refs(answer) == {case}
    assert answer.answer.startswith(corpus.passage(case).heading + ":")


@pytest.mark.model
def test_without_the_askers_case_every_case_is_listed(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "what import data has to go with an appeal of a center assignment?")
    assert {NEW, UNDER_A_YEAR, OVER_A_YEAR} <= refs(answer)


@pytest.mark.model
def test_what_the_question_sets_aside_is_not_what_it_asks(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "apart from the bond numbers, what else do we put in a center assignment appeal?")
    assert {"19 CFR 101.10(c)(2)", "19 CFR 101.10(c)(4)"} <= refs(answer)  # the preferred Center, the justification


@pytest.mark.model
def test_a_rule_with_an_exception_answers_yes_on_its_condition(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "may a vessel be cleared at a customs station?")
    assert answer.answer.startswith("Yes.") and "unless" in answer.answer and refs(answer) == {"19 CFR 101.4(a)"}


@pytest.mark.model
def test_a_verb_of_the_sources_is_no_place_name(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "we'd like to clear our sailboat at a customs station - who has to authorize it?")
    assert "not listed" not in answer.answer and "director" in answer.answer


@pytest.mark.model
def test_also_after_the_questions_verb_joins_no_second_question(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "at a customs station, do the interested parties also pay the officer's salary?")
    assert answer.answer.startswith("No.") and refs(answer) == {"19 CFR 101.4(b)(4)"}


@pytest.mark.model
def test_a_second_question_is_not_answered_with_the_first_ones_case(bot: Assistant, corpus: Corpus) -> None:
    question = (
        "we've been importing for about 3 years. what import data goes in a center appeal, and where do we mail it?"
    )
    answer = _ask(bot, corpus, question)
    assert refs(answer) == {OVER_A_YEAR, "19 CFR 101.10(c)"}  # the address is 101.10(c)'s; never another case
    assert "20229" in answer.answer


@pytest.mark.model
def test_a_quantity_is_answered_by_the_sentence_that_holds_one(bot: Assistant, corpus: Corpus) -> None:
    # 101.9(a)(2): notice "not less than thirty days prior to implementing such test"
    answer = _ask(
        bot, corpus, "if cbp trials a procedure that departs from the regs, how many days of notice come first?"
    )
    assert "thirty days" in answer.answer and refs(answer) == {"19 CFR 101.9(a)(2)"}


@pytest.mark.model
def test_a_test_that_departs_from_the_rules_is_the_commissioners_to_allow(bot: Assistant, corpus: Corpus) -> None:
    # 101.9(a): "the Commissioner of CBP may impose requirements different from those specified in the CBP regulations"
    answer = _ask(bot, corpus, "can cbp test procedures that depart from its regulations?")
    assert answer.answer.startswith("Yes.") and "Commissioner" in answer.answer and "19 CFR 101.9(a)" in refs(answer)


@pytest.mark.model
def test_a_yes_no_question_after_a_condition_gets_yes_or_no(bot: Assistant, corpus: Corpus) -> None:
    # 101.1: "The terms Customs or U.S. Customs Service mean U.S. Customs and Border Protection"
    answer = _ask(bot, corpus, "if a rule says customs does it mean cbp")
    assert answer.answer.startswith("Yes.") and "19 CFR 101.1 (Customs or U.S. Customs Service)" in refs(answer)


def test_a_follow_up_with_its_own_case_gets_that_case_only(bot: Assistant, corpus: Corpus) -> None:
    # 101.10(c)(5): (i) new importers, (ii) less than a year of history, (iii) more than a year; the second question
    # states its own case, so the first one's is not said again as part of the whole list
    answer = _ask(bot, corpus, "appealing our center: what import data does a new importer send, "
                               "and what about one with 2 years of history?")  # fmt: skip
    assert {c.ref for c in answer.citations} == {"19 CFR 101.10(c)(5)(i)", "19 CFR 101.10(c)(5)(iii)"}, answer.answer
    assert answer.answer.count("during the current year") == 1, answer.answer
