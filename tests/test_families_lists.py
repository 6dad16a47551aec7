"""A position in a list of steps: the first, the last, the one after or before a step the question names.

First seen on a blind tuning set; the members here are other ones. The order is
the article's ("Customs and Immigration Procedures at a Port of Entry"): Passport
Control, Immigration Inspection, Fingerprint and Photo Collection, Customs
Declaration, Baggage Inspection, Secondary Inspection.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import Assistant
from corpus import Corpus

from .conftest import Engine, refs
from .conftest import ask_verified as _ask

pytestmark = pytest.mark.model
PROCEDURES = "Article: Customs and Immigration Procedures at a Port of Entry"


@pytest.fixture(scope="module")
def bot(corpus: Corpus, engine: Engine) -> Assistant:
    return engine.assistant(corpus, dt.date(2026, 11, 23))


@pytest.mark.parametrize(
    ("question", "step"),
    [
        ("what do travelers do first at a port of entry?", "Passport Control"),
        ("what happens after passport control", "Immigration Inspection"),
        ("what's the step before baggage inspection", "Customs Declaration"),
        ("what's the final step when entering the us through a port", "Secondary Inspection"),
    ],
)
def test_the_step_at_the_position_asked_answers(bot: Assistant, corpus: Corpus, question: str, step: str) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(f"{step}:") and refs(answer) == {PROCEDURES}


@pytest.mark.parametrize(
    ("question", "lead"),
    [("is baggage inspection the first step?", "No."), ("does passport control come first?", "Yes.")],
)
def test_a_yes_no_question_about_a_steps_position_is_answered_yes_or_no(
    bot: Assistant, corpus: Corpus, question: str, lead: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(f"{lead} Passport Control:")


def test_a_first_that_asks_no_position_in_a_list_of_steps_is_answered_as_before(bot: Assistant, corpus: Corpus) -> None:
    # 101.10(c): the appeal is a written one; its list of data to include is no sequence of steps
    answer = _ask(bot, corpus, "what's the first step in appealing a center assignment")
    assert "written appeal" in answer.answer and "19 CFR 101.10(c)" in refs(answer)


@pytest.mark.parametrize(
    "question",
    ["acc to the article what kinds of places can be a port of entry", "what types of ports of entry are there"],
)
def test_the_kinds_of_ports_are_listed_not_the_articles_overview(bot: Assistant, corpus: Corpus, question: str) -> None:
    # the article's introduction only says it will explore "the types of ports of entry"; the types are listed in
    # its sections (airports, seaports, land border crossings, international mail facilities)
    answer = _ask(bot, corpus, question)
    assert "Seaports" in answer.answer or "seaports" in answer.answer
    assert "Article: Introduction" not in refs(answer)
