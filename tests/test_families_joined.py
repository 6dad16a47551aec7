"""Several questions in one message, joined the way people join them: "and separately what ...", "and for X which ...".

First seen on a blind tuning set; the members here are other ones. Facts are read
from 19 CFR Part 101 and the article.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import Assistant
from corpus import Corpus

from .conftest import Engine, refs
from .conftest import ask_verified as _ask

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(corpus: Corpus, engine: Engine) -> Assistant:
    return engine.assistant(corpus, dt.date(2026, 11, 23))


@pytest.mark.parametrize(
    ("question", "facts", "cited"),
    [
        # 101.4(c)(2): Alpena (Michigan) under Saginaw-Bay City-Flint; 101.10(a): Electronics, Long Beach
        ("which port supervises Alpena, and separately which center handles electronics?",
         ("Saginaw-Bay City-Flint", "Long Beach"), {"19 CFR 101.4(c)(2)", "19 CFR 101.10(a)"}),
        # 101.10(a): Machinery, Laredo; 101.5: eight offices in Canada, Calgary to Winnipeg
        ("where is the machinery center managed from, and for preclearance in canada which cities have it?",
         ("Laredo", "Calgary", "Winnipeg"), {"19 CFR 101.10(a)", "19 CFR 101.5"}),
    ],
)  # fmt: skip
def test_a_second_question_after_a_frame_or_an_adverb_is_answered_too(
    bot: Assistant, corpus: Corpus, question: str, facts: tuple[str, ...], cited: set[str]
) -> None:
    answer = _ask(bot, corpus, question)
    assert all(f in answer.answer for f in facts) and cited <= refs(answer)


def test_a_question_opening_with_what_it_is_about_then_what_is_no_yes_no_question(
    bot: Assistant, corpus: Corpus
) -> None:
    # 101.9(b)(2): after an NCAP test, a description of its results is published
    answer = _ask(bot, corpus, "for NCAP tests what gets published after the test ends?")
    assert not answer.answer.startswith(("Yes", "No")) and "results" in answer.answer


def test_hard_asks_what_the_article_calls_a_challenge(bot: Assistant, corpus: Corpus) -> None:
    # Article, "Challenges and Issues Facing Ports of Entry": "Technological Integration: Keeping up with rapidly
    # advancing technology is a challenge for ports of entry."
    answer = _ask(bot, corpus, "what does the article say is hard about new technology")
    assert "Technological Integration" in answer.answer
    assert refs(answer) == {"Article: Challenges and Issues Facing Ports of Entry"}


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("what's a service port, which ones are in texas", {"19 CFR 101.1 (Service port)", "19 CFR 101.3(b)(2)"}),
        ("what is a customs station, who supervises the one at hyder",
         {"19 CFR 101.1 (Customs station)", "19 CFR 101.4(c)(2)"}),
    ],
)  # fmt: skip
def test_a_question_then_another_after_a_comma_are_both_answered(
    bot: Assistant, corpus: Corpus, question: str, cited: set[str]
) -> None:
    answer = _ask(bot, corpus, question)
    assert cited <= refs(answer), answer.answer


def test_what_a_colon_opens_is_asked_about_what_goes_before_it(bot: Assistant, corpus: Corpus) -> None:
    # alone, "what import data does a new importer provide" reads nearly as much like a definition question
    answer = _ask(bot, corpus, "challenging our center: what import data does a new importer provide")
    assert refs(answer) == {"19 CFR 101.10(c)(5)(i)"} and "projected importations" in answer.answer, answer.answer
