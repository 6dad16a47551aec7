"""Every tool of the registry, asked for through the assistant with a question that plainly needs it.

Each case names the facts a user must see and the paragraph that must be cited, read from 19 CFR Part 101 (or
computed from the holiday rules of 101.6(a)), never copied from the engine's answers. Table questions go to an
assistant whose search index fails the test if opened. A tool added to ``TOOLS`` without a case in ``CASES``
fails ``test_every_tool_has_a_case``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import Answer, Assistant, verify
from assistant._registry import TOOLS
from corpus import Corpus

from .conftest import Engine

pytestmark = pytest.mark.model

TODAY = dt.date(2026, 11, 23)
MON, THU = 0, 3


def _nth(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ``weekday`` of a month; n=-1 for the last."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holidays(year: int) -> list[dt.date]:
    """The national holidays of 101.6(a)(1)-(10), in order."""
    return [
        dt.date(year, 1, 1), _nth(year, 1, MON, 3), _nth(year, 2, MON, 3), _nth(year, 5, MON, -1),
        dt.date(year, 7, 4), _nth(year, 9, MON, 1), _nth(year, 10, MON, 2), dt.date(year, 11, 11),
        _nth(year, 11, THU, 4), dt.date(year, 12, 25),
    ]  # fmt: skip


def _observed(day: dt.date) -> dt.date:
    """101.6(a): a holiday on Saturday is observed the Friday before, one on Sunday the Monday after."""
    return day + dt.timedelta(days={5: -1, 6: 1}.get(day.weekday(), 0))


def _business_days_after(start: dt.date, n: int) -> dt.date:
    """101.1 "Business day": a weekday, excluding the national holidays of 101.6(a)."""
    closed = {_observed(h) for year in (start.year, start.year + 1) for h in _holidays(year)}
    day = start
    while n:
        day += dt.timedelta(days=1)
        n -= day.weekday() < 5 and day not in closed
    return day


def _spoken(day: dt.date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


THANKSGIVING_2027 = _holidays(2027)[8]  # Thursday, November 25, 2027
CHRISTMAS_2027 = _holidays(2027)[9]  # a Saturday: CBP closes Friday, December 24, 2027

CASES: dict[str, tuple[str, str, list[str], str]] = {
    # tool: (question, the Yes/No lead or "", facts in the answer, a ref that must be cited)
    "lookup_place": ("Is Sweetgrass a port of entry?", "Yes.", ["Sweetgrass", "Montana"], "19 CFR 101.3(b)(1)"),
    "port_limits": ("What are the limits of the port of Bath?", "", ["Booth Bay", "Wiscasset"], "19 CFR 101.3(b)(1)"),
    "ports_in_state": ("Which ports of entry are there in Arizona?", "",
                       ["Douglas", "Lukeville", "Naco", "Nogales", "Phoenix", "San Luis", "Sasabe", "Tucson"],
                       "19 CFR 101.3(b)(1)"),
    "drawback_ports": ("Which ports have a drawback office?", "",
                       ["San Francisco-Oakland", "Chicago", "New York", "Houston-Galveston"], "19 CFR 101.3(b)(1)"),
    "stations_in_state": ("Which customs stations are in Ohio?", "",
                          ["Akron", "Fairport Harbor", "Lorain", "Marblehead-Lakeside", "Put-in-Bay"],
                          "19 CFR 101.4(c)(2)"),
    "station_supervisor": ("Which port supervises the Hyder customs station?", "", ["Ketchikan"], "19 CFR 101.4(c)(2)"),
    "stations_of_port": ("Which customs stations does Derby Line supervise?", "",
                         ["Beebe Plaine", "Newport", "North Troy"], "19 CFR 101.4(c)(2)"),
    "service_ports": ("What are the service ports in Texas?", "", ["Dallas", "El Paso", "Houston", "Laredo"],
                      "19 CFR 101.3(b)(2)"),
    "preclearance": ("Which cities in the Bahamas have CBP preclearance?", "", ["Freeport", "Nassau"], "19 CFR 101.5"),
    "clearance_route": ("Do I clear US customs in Shannon when flying to Boston?", "Yes.", ["Shannon", "Ireland"],
                        "19 CFR 101.5"),
    "centers": ("Which Center handles pharmaceuticals?", "",
                ["Pharmaceuticals, Health & Chemicals", "New York, New York"], "19 CFR 101.10(a)"),
    "holiday_date": ("When is Thanksgiving in 2027?", "", [_spoken(THANKSGIVING_2027)], "19 CFR 101.6(a)(9)"),
    "holidays": ("What holidays is CBP closed for in 2026?", "", [_spoken(_observed(h)) for h in _holidays(2026)],
                 "19 CFR 101.6(a)(10)"),
    "date_status": ("Is CBP open on December 24, 2027?", "No.", [_spoken(_observed(CHRISTMAS_2027)), "Christmas"],
                    "19 CFR 101.6(a)(10)"),
    # Thanksgiving (the 26th) and the weekend are skipped: Monday, November 30, 2026
    "business_days": ("What is 3 business days after November 24, 2026?", "",
                      [_spoken(_business_days_after(dt.date(2026, 11, 24), 3))], "19 CFR 101.1 (Business day)"),
    "hours": ("What are CBP's business hours?", "", ["8:30 a.m.", "5 p.m."], "19 CFR 101.6"),
    "definition": ("What is the definition of a service port?", "",
                   ["full range of cargo processing functions, including inspections, entry, collections, and verification"],
                   "19 CFR 101.1 (Service port)"),
    "section_history": ("When was 19 CFR 101.6 last amended?", "", ["CBP Dec. 08-25", "T.D. 77-241"],
                        "19 CFR 101.6 (source note)"),
    "search_passages": ("what does the customs seal look like?", "",
                        ["“Treasury” at the top", "“U.S. Customs Service” at the bottom"], "19 CFR 101.7(a)"),
}  # fmt: skip
"""Each tool's question and what its answer must show."""

NEEDS_THE_INDEX = {"search_passages"}
"""Tools whose question may open the search index; every other one is answered from the tables."""


@pytest.fixture(scope="module")
def bot(engine: Engine, corpus: Corpus) -> Assistant:
    return engine.assistant(corpus, TODAY)


@pytest.fixture(scope="module")
def tables_only(engine: Engine, corpus: Corpus) -> Assistant:
    return engine.assistant(corpus, TODAY, index=False)


def _ask(tool: str, bot: Assistant, tables_only: Assistant) -> Answer:
    question = CASES[tool][0]
    return (bot if tool in NEEDS_THE_INDEX else tables_only).ask(question)


@pytest.mark.parametrize("tool", TOOLS)
def test_every_tool_has_a_case(tool: str) -> None:
    assert tool in CASES, f"tool {tool} has no question in tests/test_tools.py"


def test_no_case_for_a_tool_that_is_gone() -> None:
    assert set(CASES) <= set(TOOLS)


@pytest.mark.parametrize("tool", CASES)
def test_the_tool_answers_its_question(tool: str, bot: Assistant, tables_only: Assistant) -> None:
    _, lead, facts, ref = CASES[tool]
    answer = _ask(tool, bot, tables_only)
    assert not answer.abstained, answer.answer
    assert answer.tools[0] == tool, answer.tools
    assert answer.answer.startswith(lead), answer.answer
    for fact in facts:
        assert fact in answer.answer, (fact, answer.answer)
    assert ref in {c.ref for c in answer.citations}


def test_every_quote_is_verbatim(bot: Assistant, tables_only: Assistant, corpus: Corpus) -> None:
    for tool in CASES:
        answer = _ask(tool, bot, tables_only)
        assert answer.citations, tool
        verify(answer.citations, corpus)  # raises CitationError for a quote not in its passage
