"""Questions written the way people type them: shorthand, asked indirectly, spoken run-ons, "who", bare names.

Each family was first seen on a blind tuning set; the members here are other
ones. Expected facts are read from 19 CFR Part 101 (dates computed from the
rules of 101.1 and 101.6).
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import Assistant
from corpus import Corpus

from .conftest import Engine
from .conftest import ask_verified as _ask
from .conftest import refs as _refs

pytestmark = pytest.mark.model
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def bot(corpus: Corpus, engine: Engine) -> Assistant:
    return engine.assistant(corpus, TODAY)


def test_shorthand_is_read_as_the_words_it_stands_for(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(2) lists one service port in Ohio: Cleveland; 101.3(b)(1) lists Calexico under California
    service = _ask(bot, corpus, "which svc ports are in ohio?")
    assert "Cleveland" in service.answer and "19 CFR 101.3(b)(2)" in _refs(service)
    port = _ask(bot, corpus, "is calexico a poe")
    assert port.answer.startswith("Yes.") and "19 CFR 101.3(b)(1)" in _refs(port)
    # 101.1: a business day is a weekday that is not a holiday; Friday, March 5, 2027 + 2 is Tuesday, March 9
    days = _ask(bot, corpus, "whats 2 bdays after fri mar 5 2027")
    assert "Tuesday, March 9, 2027" in days.answer


def test_a_province_code_is_not_shorthand(bot: Assistant, corpus: Corpus) -> None:
    # "bc" is British Columbia here; 101.5 lists Vancouver, British Columbia, and no office in Kelowna
    answer = _ask(bot, corpus, "kelowna bc preclearance?")
    assert answer.answer.startswith("No.") and "Vancouver" in answer.answer and "19 CFR 101.5" in _refs(answer)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("can you check whether nogales is a port of entry", "Yes."),  # 101.3(b)(1), Arizona
        ("i wonder if madrid has preclearance", "No."),  # 101.5 lists no office in Spain
        ("my manager asked me to find out if calgary has preclearance", "Yes."),  # 101.5, Canada
    ],
)
def test_a_yes_no_question_asked_indirectly_is_answered_yes_or_no(
    bot: Assistant, corpus: Corpus, question: str, lead: str
) -> None:
    assert _ask(bot, corpus, question).answer.startswith(lead)


@pytest.mark.parametrize("city", ["munich", "london"])
def test_a_city_asked_to_have_preclearance_is_a_place(bot: Assistant, corpus: Corpus, city: str) -> None:
    # "does X have preclearance": the lower-case name before the verb is the place; 101.5 lists neither
    answer = _ask(bot, corpus, f"does {city} have preclearance")
    assert answer.answer.startswith("No.") and city.title() in answer.answer


def test_a_spoken_run_on_question_starts_at_its_question_word(bot: Assistant, corpus: Corpus) -> None:
    # 101.10(a): Automotive & Aerospace, Detroit, Michigan
    answer = _ask(bot, corpus, "we ship auto parts which center handles us")
    assert "Automotive & Aerospace" in answer.answer and "19 CFR 101.10(a)" in _refs(answer)


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("who is in charge of a customs center", "19 CFR 101.1 (Center director)"),
        ("who runs a port", "19 CFR 101.1 (Port director)"),
    ],
)
def test_who_asks_for_the_person_the_definitions_name(
    bot: Assistant, corpus: Corpus, question: str, person: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert _refs(answer) == {person} and "means the person" in answer.answer


def test_who_about_a_named_center_keeps_its_table_answer(bot: Assistant, corpus: Corpus) -> None:
    # 101.10(a): Base Metals, Chicago, Illinois
    answer = _ask(bot, corpus, "who runs the base metals center")
    assert "Chicago" in answer.answer and "19 CFR 101.10(a)" in _refs(answer)


def test_a_short_follow_up_to_a_list_question_is_no_yes_no_question(bot: Assistant, corpus: Corpus) -> None:
    # 101.10(a): Base Metals, Chicago; the question before asked which Center, so the follow-up asks which too
    history = [{"role": "user", "content": "which center handles electronics?"}]
    answer = _ask(bot, corpus, "and base metals?", history)
    assert not answer.answer.startswith(("Yes", "No")) and "Chicago" in answer.answer


def test_a_table_cut_at_an_abbreviation_is_never_quoted_as_a_sentence(bot: Assistant, corpus: Corpus) -> None:
    # 101.4(c)(2)'s row "DetourSault Ste. Marie." is table text, whichever piece of it a search finds
    answer = _ask(bot, corpus, "does the port have a station")
    assert "Ste [" not in answer.answer and "DetourSault" not in answer.answer


def test_a_holiday_asked_as_a_business_day_says_its_rule_and_the_definition(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(2): the third Monday of January (January 17, 2028); 101.1: a business day excludes national holidays
    answer = _ask(bot, corpus, "is mon jan 17 2028 a business day")
    assert answer.answer.startswith("No.") and "third Monday of January" in answer.answer
    assert {"19 CFR 101.6(a)(2)", "19 CFR 101.6(a)", "19 CFR 101.1 (Business day)"} <= _refs(answer)


def test_the_day_a_holiday_is_observed_is_said_first_when_asked_when(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a): a holiday on Sunday is observed the Monday after; July 4, 2032 is a Sunday
    answer = _ask(bot, corpus, "july 4 2032 falls on a sunday. what day is observed")
    assert not answer.answer.startswith(("Yes", "No")) and "Monday, July 5, 2032" in answer.answer.split("[")[0]


def test_a_yes_no_question_after_a_date_is_answered_yes(bot: Assistant, corpus: Corpus) -> None:
    # "the friday after thanksgiving 2028 are cbp offices open": 101.6(a) lists no holiday on Friday, Nov 24, 2028
    answer = _ask(bot, corpus, "the friday after thanksgiving 2028 are cbp offices open")
    assert answer.answer.startswith("Yes.") and "November 24, 2028" in answer.answer


def test_important_is_not_a_question_about_importers(bot: Assistant, corpus: Corpus) -> None:
    # Article, "Major Ports of Entry in the US": JFK "serves as a significant point of entry"
    answer = _ask(bot, corpus, "why is JFK such an important port of entry")
    assert "significant point of entry" in answer.answer and "Center" not in answer.answer
    assert "Article: Major Ports of Entry in the US" in _refs(answer)


@pytest.mark.parametrize(
    "question",
    [
        "how do officers decide how much tax to collect on imported items",
        "what decides how much duty customs charges on goods",
    ],
)
def test_how_an_amount_is_decided_is_not_a_question_for_a_number(bot: Assistant, corpus: Corpus, question: str) -> None:
    # Article, "Role and Functions of a Port of Entry": "based on the nature, value, and quantity"
    answer = _ask(bot, corpus, question)
    assert "nature, value, and quantity" in answer.answer


def test_a_yes_no_question_naming_two_kinds_answers_both(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1) lists Douglas under Arizona; 101.3(b)(2) lists Nogales as Arizona's one service port
    answer = _ask(bot, corpus, "is douglas az a port of entry and a service port?")
    assert answer.answer.startswith("Yes.") and "not a service port" in answer.answer and "Nogales" in answer.answer
    assert {"19 CFR 101.3(b)(1)", "19 CFR 101.3(b)(2)"} <= _refs(answer)


def test_a_port_in_a_state_with_no_service_port_says_so(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1) lists Boise under Idaho; 101.3(b)(2) lists no service port in Idaho
    answer = _ask(bot, corpus, "boise - is it a service port?")
    assert "not a service port" in answer.answer and "none in Idaho" in answer.answer


def test_a_place_the_customs_territory_leaves_out_is_a_no(bot: Assistant, corpus: Corpus) -> None:
    # 101.1: the customs territory "includes only the States, the District of Columbia, and Puerto Rico"
    out = _ask(bot, corpus, "is saipan inside the customs territory of the us?")
    assert out.answer.startswith("No.") and "Puerto Rico" in out.answer
    assert _refs(out) == {"19 CFR 101.1 (Customs territory of the United States)"}
    assert _ask(bot, corpus, "is dc part of the customs territory").answer.startswith("Yes.")


def test_an_errand_on_a_weekend_is_a_question_whether_offices_are_open(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a): closed on Saturdays and Sundays; "pick up", "drop off" ask whether the office is open
    answer = _ask(bot, corpus, "can i pick up my paperwork at the cbp office on sunday nov 29 2026")
    assert answer.answer.startswith("No.") and "Sunday, November 29, 2026" in answer.answer


def test_a_set_phrase_after_in_names_no_place(bot: Assistant, corpus: Corpus) -> None:
    # 101.0: "This part sets forth general regulations ..."
    answer = _ask(bot, corpus, "what does part 101 cover, in brief")
    assert "not listed" not in answer.answer and "19 CFR 101.0" in _refs(answer)


def test_a_follow_up_about_a_business_day_asks_if_it_is_one(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(4): Memorial Day, the last Monday of May (May 31, 2027); 101.1: not a business day
    history = [{"role": "user", "content": "what counts as a business day"}]
    answer = _ask(bot, corpus, "and is memorial day 2027 one?", history)
    assert answer.answer.startswith("No.") and "May 31, 2027" in answer.answer


def test_next_year_after_a_list_of_holidays_is_that_holidays_date(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(6): Labor Day, the first Monday in September: September 6, 2027 ("next year" from 2026)
    history = [{"role": "user", "content": "list the holidays cbp closes for"}]
    answer = _ask(bot, corpus, "which of those falls in september, and when is it next year", history)
    assert "September 6, 2027" in answer.answer and "19 CFR 101.6(a)(6)" in _refs(answer)


def test_a_list_item_says_the_sentence_that_answers(bot: Assistant, corpus: Corpus) -> None:
    # 101.7(b)(1), second sentence: "marine documents and landing certificates, certificates of weight, ..."
    answer = _ask(bot, corpus, "what sorts of documents does the customs seal go on")
    assert "landing certificates" in answer.answer and "19 CFR 101.7(b)(1)" in _refs(answer)


def test_beforehand_is_in_advance(bot: Assistant, corpus: Corpus) -> None:
    # 101.4(b): "provided the port director is notified in advance of the arrival of the vessel"
    q = "do we have to let the port director know beforehand when our ship is coming to a customs station"
    answer = _ask(bot, corpus, q)
    assert "notified in advance" in answer.answer and "19 CFR 101.4(b)" in _refs(answer)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("is cbp closed on saturdays", "Yes."),  # 101.6(a): closed on Saturdays and Sundays
        ("are customs offices closed on tuesdays", "No."),  # 101.6: open 8:30 a.m. to 5 p.m. on business days
        ("are cbp offices closed on state holidays", "No."),  # 101.6(d): open on State and local holidays
    ],
)
def test_a_question_whether_offices_are_closed_is_answered_as_asked(
    bot: Assistant, corpus: Corpus, question: str, lead: str
) -> None:
    assert _ask(bot, corpus, question).answer.startswith(lead)


def test_a_question_in_the_opposite_word_gets_the_opposite_lead(bot: Assistant, corpus: Corpus) -> None:
    # 101.2(a): action taken under authority delegated by the Secretary of the Treasury "shall be valid"
    q = (
        "is an action by someone with delegated authority from the treasury secretary invalid when a statute "
        "names a different officer?"
    )
    answer = _ask(bot, corpus, q)
    assert answer.answer.startswith("No.") and "19 CFR 101.2(a)" in _refs(answer)


def test_two_terms_defined_apart_are_not_the_same(bot: Assistant, corpus: Corpus) -> None:
    # 101.1 defines "Service port" and "Port and port of entry" separately
    answer = _ask(bot, corpus, "is a service port the same as a port of entry?")
    assert answer.answer.startswith("No.")
    assert {"19 CFR 101.1 (Service port)", "19 CFR 101.1 (Port and port of entry)"} <= _refs(answer)


def test_a_rare_term_of_the_sources_is_answered_inside_a_story(bot: Assistant, corpus: Corpus) -> None:
    # Article, "Customs and Immigration Procedures at a Port of Entry": "Baggage Inspection: Customs officers may ..."
    q = "my sister got sent through baggage inspection on her last trip home from rome, what happens there"
    answer = _ask(bot, corpus, q)
    assert not answer.abstained and "random or targeted baggage inspection" in answer.answer


def test_the_year_after_is_counted_from_the_year_talked_about(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(4): Memorial Day, the last Monday in May: May 28, 2029
    history = [{"role": "user", "content": "when is memorial day 2028"}]
    answer = _ask(bot, corpus, "and the year after that?", history)
    assert "May 28, 2029" in answer.answer and "19 CFR 101.6(a)(4)" in _refs(answer)


def test_any_saturday_is_asked_of_the_definition(bot: Assistant, corpus: Corpus) -> None:
    # 101.1: "A business day means a weekday (Monday through Friday), excluding national holidays"
    answer = _ask(bot, corpus, "can a sunday be a business day?")
    assert answer.answer.startswith("No.") and "Monday through Friday" in answer.answer
    assert "19 CFR 101.1 (Business day)" in _refs(answer)


def test_alternatives_get_the_one_that_is_meant(bot: Assistant, corpus: Corpus) -> None:
    # 101.10(a): Electronics, Long Beach, California; Machinery, Laredo, Texas
    either = _ask(bot, corpus, "is the electronics center in long beach or miami")
    assert not either.answer.startswith(("Yes", "No")) and "Long Beach" in either.answer
    topic = _ask(bot, corpus, "machinery center: is that in chicago or houston?")
    assert "Laredo" in topic.answer and "19 CFR 101.10(a)" in _refs(topic)


def test_a_question_for_examples_gets_the_sentence_that_names_them(bot: Assistant, corpus: Corpus) -> None:
    # Article, "Security Measures at Ports of Entry": "including the Federal Bureau of Investigation (FBI), the Drug
    # Enforcement Administration (DEA), and the U.S. Coast Guard"
    answer = _ask(bot, corpus, "what agencies do ports of entry cooperate with")
    assert "Coast Guard" in answer.answer and "Article: Security Measures at Ports of Entry" in _refs(answer)


def test_what_a_definition_sets_apart_is_said_by_its_next_sentence(bot: Assistant, corpus: Corpus) -> None:
    # 101.1 (Date of importation): "otherwise than by vessel" ...; "In the case of merchandise imported by vessel, ..."
    answer = _ask(bot, corpus, "when is the date of importation for cargo that arrives by boat")
    assert "imported by vessel" in answer.answer and "unlade" in answer.answer


def test_whether_a_place_pointed_to_is_a_port_is_asked_of_the_tables(bot: Assistant, corpus: Corpus) -> None:
    # 101.4(c)(2): Boquillas, Texas, is a Customs station supervised by Presidio; 101.3(b)(1) lists no port Boquillas
    history = [{"role": "user", "content": "what customs stations does presidio supervise"}]
    answer = _ask(bot, corpus, "is that station a port too?", history)
    assert answer.answer.startswith("No.") and "Boquillas" in answer.answer and "19 CFR 101.4(c)(2)" in _refs(answer)
