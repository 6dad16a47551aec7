"""Every route of the planner, each taken by a question a user would ask, and what the user sees because of it.

The expected facts are read from the sources (19 CFR Part 101 and the article) or computed from the rules of
101.6, never copied from the engine's answers. A route added to ``BEFORE``, ``AFTER`` or ``FOUND_NOTHING`` without a question in
``ROUTES`` (and a test) fails ``test_every_route_has_a_reason_and_a_question``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import Answer, Assistant
from assistant._routes import AFTER, BEFORE, FOUND_NOTHING, Route
from corpus import Corpus

from .conftest import Engine
from .conftest import refs as _refs

pytestmark = pytest.mark.model

TODAY = dt.date(2026, 11, 23)


def _after(question: str, reply: str) -> list[dict[str, str]]:
    """A conversation of one earlier exchange."""
    return [{"role": "user", "content": question}, {"role": "assistant", "content": reply}]


ROUTES: dict[str, tuple[str, list[dict[str, str]]]] = {
    "relative_day": ("what about the day after?", _after("Is CBP open on July 5, 2027?", "No, it is closed that day.")),
    "follow_up": ("and what about Ireland?", _after("Where is preclearance in Canada?", "In eight Canadian cities.")),
    "points_back": ("which customs stations report to it?", _after("Is Great Falls a port of entry?", "Yes, in Montana.")),
    "the_article_is_named": ("according to the article, what is a port of entry?", []),
    "no_intent": ("where does the bill of lading come in?", []),
    "unanswerable": ("can they put us somewhere other than what our tariff classification says?", []),
    "outside_the_sources": ("do i need an esta to fly from dublin to new york?", []),
    "a_value_the_sources_never_give": ("how many containers does the port of savannah handle?", []),
    "a_date_makes_it_a_day": ("what are the hours at CBP on Monday, July 5, 2027?", []),
    "fill_from_context": ("Our company brings in consumer electronics from overseas. Which Center handles us?", []),
    "state_for_place": ("tell me about vermont", []),
    "name_left_unused": ("is there a center of excellence and expertise in atlanta?", []),
    "kind_names_the_list": ("what is a service port and does ohio have one?", []),
    "nothing_needed_found": ("when are CBP offices closed for a holiday?", []),
    "a_person_is_asked": ("who runs a center", []),
    "a_station_and_a_port": ("does del rio oversee amistad dam?", []),
    "a_paragraph_is_named": ("what's 19 cfr 101.2 about", []),
    "passage_covers_more": ("what are the hours for CBP services performed outside the office?", []),
    "passage_adds": ("what's the bridge between buffalo and canada called?", []),
    "answer_misses_the_question": (
        "how long is the line for trucks there today?",
        _after("Is Sweetgrass a port of entry?", "Yes, Sweetgrass is a port of entry in Montana."),
    ),
    "its_words_asked": ("preclearance offices, the source note please", []),
    "its_words_missing": ("who set up most of the ports in the 101.3 list?", []),
    "passage_found_nothing": (
        "are customs offices closed on lincoln's birthday in illinois (feb 12 2027)? it is a state holiday", []
    ),
}  # fmt: skip
"""Each route's question, with the conversation before it."""


@pytest.fixture(scope="module")
def bot(engine: Engine, corpus: Corpus) -> Assistant:
    return engine.assistant(corpus, TODAY)


def _ask(bot: Assistant, route: str) -> Answer:
    """The route's question, asked; it must have taken the route."""
    question, history = ROUTES[route]
    answer = bot.ask(question, history)
    assert f"route:{route}" in answer.tools, (answer.tools, answer.answer)
    return answer


def _spoken(day: dt.date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def _observed(day: dt.date) -> dt.date:
    """101.6(a): a holiday on Saturday is observed the Friday before, one on Sunday the Monday after."""
    return day + dt.timedelta(days={5: -1, 6: 1}.get(day.weekday(), 0))


def _abstains(answer: Answer) -> None:
    assert answer.abstained and not answer.citations
    assert "do not cover" in answer.answer


@pytest.mark.parametrize("route", [*BEFORE, *AFTER, *FOUND_NOTHING], ids=lambda r: r.name)
def test_every_route_has_a_reason_and_a_question(route: Route) -> None:
    assert route.why, f"route {route.name} has no docstring"
    assert route.name in ROUTES, f"route {route.name} has no question (and test) in tests/test_routes.py"


def test_no_question_for_a_route_that_is_gone() -> None:
    assert set(ROUTES) <= {r.name for r in (*BEFORE, *AFTER, *FOUND_NOTHING)}


def test_relative_day_counts_from_the_date_talked_about(bot: Assistant) -> None:
    answer = _ask(bot, "relative_day")
    day_after = dt.date(2027, 7, 5) + dt.timedelta(days=1)
    # Independence Day 2027 falls on a Sunday and is observed on the 5th (101.6(a)(5)); the 6th is a Tuesday.
    business_day = day_after.weekday() < 5 and day_after != _observed(dt.date(2027, 7, 4))
    assert answer.answer.startswith("Yes." if business_day else "No.")
    assert _spoken(day_after) in answer.answer
    assert "19 CFR 101.1 (Business day)" in _refs(answer)


def test_follow_up_asks_the_previous_question_about_the_new_name(bot: Assistant) -> None:
    answer = _ask(bot, "follow_up")
    assert answer.tools[0] == "preclearance"
    assert "Dublin" in answer.answer and "Shannon" in answer.answer  # 101.5: Ireland - Dublin, Shannon
    assert "Toronto" not in answer.answer  # Canada was the previous question, not this one
    assert _refs(answer) == {"19 CFR 101.5"}


def test_points_back_reads_it_as_the_place_asked_about_before(bot: Assistant) -> None:
    answer = _ask(bot, "points_back")
    # 101.4(c)(2), Montana: "Wild HorseGreat Falls.", "Willow CreekGreat Falls."
    assert "Wild Horse" in answer.answer and "Willow Creek" in answer.answer
    assert "19 CFR 101.4(c)(2)" in _refs(answer)


def test_no_intent_searches_the_passages(bot: Assistant) -> None:
    answer = _ask(bot, "no_intent")
    assert not answer.abstained
    assert "bill of lading" in answer.answer  # 101.1 "Shipment" means the merchandise described on the bill of lading
    assert "19 CFR 101.1 (Shipment)" in _refs(answer)


def test_unanswerable_unsure_still_answers_from_a_passage_that_holds_the_question(bot: Assistant) -> None:
    # it reads a little like a question about tariff classification, which the sources do not answer; 101.10(b)
    # says what may place an importer in a Center "not based on the tariff classification"
    answer = _ask(bot, "unanswerable")
    assert not answer.abstained
    assert "not based on the tariff classification" in answer.answer
    assert _refs(answer) == {"19 CFR 101.10(b)"}


def test_unanswerable_unsure_abstains_when_no_passage_holds_the_question(bot: Assistant) -> None:
    answer = bot.ask("where is the Ambassador Bridge?", [])  # neither source names it
    assert "route:unanswerable" in answer.tools
    _abstains(answer)


def test_outside_the_sources_is_not_answered_whatever_places_it_names(bot: Assistant) -> None:
    answer = _ask(bot, "outside_the_sources")
    _abstains(answer)  # neither source says anything about an ESTA, though 101.5 lists Dublin


def test_a_value_the_sources_never_give_is_not_answered_whatever_it_names(bot: Assistant) -> None:
    answer = _ask(bot, "a_value_the_sources_never_give")
    _abstains(answer)  # 101.3(b)(1) lists Savannah and the article its seaport, but neither gives a count


def test_a_date_makes_an_hours_question_ask_about_that_day(bot: Assistant) -> None:
    answer = _ask(bot, "a_date_makes_it_a_day")
    assert answer.tools[0] == "date_status"
    asked = dt.date(2027, 7, 5)
    closed = asked == _observed(dt.date(2027, 7, 4))  # 101.6(a)(5): the Fourth falls on a Sunday in 2027
    # "what are the hours ... on that day?" asks no yes or no: the answer says closed (or open) in words
    assert not answer.answer.startswith(("Yes", "No"))
    assert (
        f"{'closed' if closed else 'open'} on {_spoken(asked)}" in answer.answer and "Independence Day" in answer.answer
    )
    assert "19 CFR 101.6(a)(5)" in _refs(answer)


def test_fill_from_context_takes_the_goods_from_the_statement_before(bot: Assistant) -> None:
    answer = _ask(bot, "fill_from_context")
    assert "Electronics" in answer.answer and "Long Beach, California" in answer.answer  # 101.10(a)
    assert "19 CFR 101.10(a)" in _refs(answer)


def test_state_for_place_answers_a_state_with_its_ports(bot: Assistant) -> None:
    answer = _ask(bot, "state_for_place")
    assert answer.tools[0] == "ports_in_state"
    # 101.3(b)(1), under "Vermont"
    for port in [
        "Beecher Falls",
        "Burlington",
        "Derby Line",
        "Highgate Springs/Alburg",
        "Norton",
        "Richford",
        "St. Albans",
    ]:
        assert port in answer.answer
    assert "19 CFR 101.3(b)(1)" in _refs(answer)


def test_name_left_unused_answers_about_the_place_not_the_term(bot: Assistant) -> None:
    answer = _ask(bot, "name_left_unused")
    assert answer.tools[0] == "centers"
    # 101.10(a): "Consumer Products & Mass MerchandisingAtlanta, Georgia."
    assert "Consumer Products & Mass Merchandising" in answer.answer
    assert "national CBP offices" not in answer.answer  # the definition of 101.1 answers another question
    assert "19 CFR 101.10(a)" in _refs(answer)


def test_kind_names_the_list_gives_the_service_ports(bot: Assistant) -> None:
    answer = _ask(bot, "kind_names_the_list")
    assert "service_ports" in answer.tools
    # "does ohio have one?" after "what is a service port": one service port; 101.3(b)(2): "OhioCleveland."
    assert "Yes. Ohio has 1 service port: Cleveland" in answer.answer
    assert "Columbus" not in answer.answer  # an Ohio port of entry, not a service port
    assert "19 CFR 101.3(b)(2)" in _refs(answer) and "19 CFR 101.3(b)(1)" not in _refs(answer)


def test_nothing_needed_found_falls_back_to_the_rule(bot: Assistant) -> None:
    answer = _ask(bot, "nothing_needed_found")
    assert not answer.abstained
    assert "The fourth Thursday of November" in answer.answer and "The twenty-fifth day of December" in answer.answer
    assert {f"19 CFR 101.6(a)({n})" for n in range(1, 11)} <= _refs(answer)


def test_a_person_is_asked_gets_the_person_not_the_list(bot: Assistant) -> None:
    answer = _ask(bot, "a_person_is_asked")
    assert _refs(answer) == {"19 CFR 101.1 (Center director)"} and "Industrial" not in answer.answer


def test_a_station_and_a_port_checks_that_port_against_the_stations_supervisor(bot: Assistant) -> None:
    answer = _ask(bot, "a_station_and_a_port")  # 101.4(c)(2): Amistad Dam, supervised by Del Rio
    assert answer.answer.startswith("Yes.") and "Del Rio" in answer.answer
    assert _refs(answer) == {"19 CFR 101.4(c)(2)"}


def test_a_paragraph_is_named_lists_its_paragraphs(bot: Assistant) -> None:
    answer = _ask(bot, "a_paragraph_is_named")  # 101.2: (a) Supremacy of delegated authority, (b), (c)
    assert "Supremacy of delegated authority" in answer.answer and "Customs supervision" in answer.answer
    assert _refs(answer) == {"19 CFR 101.2(a)", "19 CFR 101.2(b)", "19 CFR 101.2(c)"}


def test_passage_covers_more_replaces_the_general_hours(bot: Assistant) -> None:
    answer = _ask(bot, "passage_covers_more")
    assert "8 a.m. and 5 p.m." in answer.answer  # 101.6(e), services outside a CBP office
    assert "8:30" not in answer.answer  # the office hours of 101.6 answer another question
    assert "19 CFR 101.6(e)" in _refs(answer)


def test_passage_adds_the_article_sentence_about_the_place(bot: Assistant) -> None:
    answer = _ask(bot, "passage_adds")
    assert answer.tools[0] == "lookup_place"
    assert "Buffalo-Niagara Falls" in answer.answer  # 101.3(b)(1), New York
    assert "Peace Bridge" in answer.answer  # the article, Land Border Crossings
    assert {"19 CFR 101.3(b)(1)", "Article: Types of Ports of Entry in the US"} <= _refs(answer)


def test_answer_misses_the_question_abstains(bot: Assistant) -> None:
    answer = _ask(bot, "answer_misses_the_question")
    _abstains(answer)  # neither source gives wait times


def test_its_words_asked_takes_the_history_over_the_table(bot: Assistant) -> None:
    answer = _ask(bot, "its_words_asked")
    # reads most like a preclearance question, but "source note" is asked only of a section's history
    assert _refs(answer) == {"19 CFR 101.5 (source note)"} and "CBP Dec. 14-09" in answer.answer, answer.answer


def test_its_words_missing_keeps_a_citation_from_asking_for_history(bot: Assistant) -> None:
    answer = _ask(bot, "its_words_missing")
    # the question resembles "when was 19 CFR 101.5 last amended?" by its citation, but asks who set the ports up
    assert "source note" not in answer.answer and any(r.startswith("19 CFR 101.3") for r in _refs(answer))


def test_passage_found_nothing_answers_from_the_holiday_tables(bot: Assistant) -> None:
    answer = _ask(bot, "passage_found_nothing")
    # Lincoln's Birthday is no national holiday of 101.6(a); offices stay open on State holidays (101.6(d))
    assert answer.answer.startswith("No.") and "19 CFR 101.6(d)" in _refs(answer), answer.answer


def test_the_article_is_named_answers_from_the_article_not_101_1(bot: Assistant) -> None:
    # The article's "Definition of a Port of Entry": "a designated location where individuals and goods legally enter"
    answer = _ask(bot, "the_article_is_named")
    assert "designated location" in answer.answer
    assert all(ref.startswith("Article: ") for ref in _refs(answer)), _refs(answer)
