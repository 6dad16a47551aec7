"""The families of wrong answers engine v2 was built to end, each tried with members other than the first seen.

Quote dumps, keyword routing that answers another question, missing negatives,
false refusals and false answers, and dates that do not compute: every case
here is a different member of one of those families. Expected facts are read
from 19 CFR Part 101 and the article (dates computed from the rules of 101.6).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from assistant import Assistant
from corpus import Corpus

from .conftest import Engine, nth_weekday
from .conftest import ask_verified as _ask
from .conftest import refs as _refs

pytestmark = pytest.mark.model
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def bot(corpus: Corpus, engine: Engine) -> Assistant:
    return engine.assistant(corpus, TODAY)


# ---------------------------------------------------------------- answers, not quote dumps


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("who counts as an importer", "Importer means the person primarily liable"),  # 101.1 (Importer)
        ("what does exportation mean", "Exportation means a severance of goods"),  # 101.1 (Exportation)
        ("what conditions must be met for a vessel to be entered at a customs station", "Authorization to enter"),
    ],
)
def test_a_definition_or_rule_is_said_in_plain_words_with_its_list(
    bot: Assistant, corpus: Corpus, question: str, opening: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(opening) or opening.lower() in answer.answer.lower()[:200], answer.answer
    assert not re.match(r"(?:19 CFR|The article)[^:]*:|[“\"]", answer.answer)
    if answer.answer.rstrip().endswith(":") or ":\n" in answer.answer:
        assert "\n- " in answer.answer  # a lead-in always comes with its list


# ---------------------------------------------------------------- routing answers what was asked


@pytest.mark.parametrize(
    ("question", "lead", "facts", "ref"),
    [
        # 101.5 lists Calgary as a preclearance office in Canada: not a US port of entry
        ("is calgary a us port of entry", "No.", ["preclearance office", "Canada"], "19 CFR 101.5"),
        # 101.4(c)(2): "Beebe PlaineDerby Line." - a Customs station under Derby Line
        ("is beebe plaine a port of entry", "No.", ["Customs station", "Derby Line"], "19 CFR 101.4(c)(2)"),
        # 101.3(b)(1) lists Eagle Pass under Texas
        ("is eagle pass a port of entry", "Yes.", ["Texas"], "19 CFR 101.3(b)(1)"),
    ],
)
def test_a_place_is_what_the_tables_say_it_is(
    bot: Assistant, corpus: Corpus, question: str, lead: str, facts: list[str], ref: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(lead), answer.answer
    assert all(f in answer.answer for f in facts) and ref in _refs(answer)


def test_a_center_asked_by_its_city_is_that_one_center(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "which center is managed from laredo")  # 101.10(a): Machinery, Laredo, Texas
    assert "Machinery" in answer.answer
    assert not any(other in answer.answer for other in ("Electronics", "Base Metals", "Apparel"))


def test_an_order_is_not_called_the_limits_of_a_port(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "what are the limits of the port of presidio")  # "PresidioE.O. 2702, Sept. 7, 1917."
    assert "E.O. 2702, Sept. 7, 1917" in answer.answer and "only the order cited for it" in answer.answer


def test_a_supervisory_port_name_outside_the_list_says_so(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "is noyes a port of entry")  # 101.4(c)(2) names "Noyes" only as Lancaster's supervisor
    assert "Lancaster" in answer.answer and "not in the list of ports of entry" in answer.answer


# ---------------------------------------------------------------- say no when the answer is no


@pytest.mark.parametrize("place", ["Paris", "Mexico", "Tokyo"])
def test_no_preclearance_where_101_5_lists_none(bot: Assistant, corpus: Corpus, place: str) -> None:
    answer = _ask(bot, corpus, f"is there cbp preclearance in {place.lower()}")
    assert answer.answer.startswith(f"No. 19 CFR 101.5 lists no preclearance office in {place}")


# ---------------------------------------------------------------- refuse only what the sources do not answer


def test_a_flight_from_a_preclearance_city_is_answered(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "flying from dublin to chicago, where do i clear customs?")
    assert not answer.abstained and "preclearance office in Dublin" in answer.answer
    assert "19 CFR 101.5" in _refs(answer)


@pytest.mark.parametrize(
    "question",
    ["what's the duty rate on steel from canada", "how much does an esta cost", "what's the wait at the peace bridge"],
)
def test_duty_rates_visas_and_waits_are_refused(bot: Assistant, corpus: Corpus, question: str) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.abstained and answer.citations == ()


# ---------------------------------------------------------------- dates that compute


def test_business_days_are_counted_past_the_observed_holiday(bot: Assistant, corpus: Corpus) -> None:
    # Christmas 2027 is a Saturday, observed Friday Dec 24: 5 business days after Wed Dec 22 is Thu Dec 30
    answer = _ask(bot, corpus, "what date is 5 business days after december 22 2027")
    assert answer.answer.startswith("Thursday, December 30, 2027") and "December 24, 2027" in answer.answer


def test_a_day_counted_from_a_holiday_is_that_day(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "is the monday after easter 2027 a business day")  # Easter 2027: Sunday, March 28
    assert answer.answer.startswith("Yes. Monday, March 29, 2027 is a business day")


def test_a_statute_holiday_closes_offices_and_the_executive_order_caveat_is_said(
    bot: Assistant, corpus: Corpus
) -> None:
    answer = _ask(bot, corpus, "is cbp open on juneteenth 2027")  # Saturday, June 19, 2027: closed Friday, June 18
    assert answer.answer.startswith("No.") and "Friday, June 18, 2027" in answer.answer
    assert "any other calendar day designated as a holiday by Federal statute" in answer.answer
    open_day = _ask(bot, corpus, "is cbp open on wednesday march 10 2027")
    assert open_day.answer.startswith("Yes.") and "Executive Order, which cannot be known in advance" in open_day.answer


# ---------------------------------------------------------------- names as people write them


@pytest.mark.parametrize(
    ("question", "facts", "lead"),
    [
        # an everyday word that is a port, confirmed by its state's code (101.3(b)(1): "Antler" under North Dakota)
        ("antler nd - is it a port of entry?", ["Antler", "North Dakota"], "Yes."),
        # what people call a listed place (101.3(b)(1): "Las Vegas" under Nevada)
        ("is there a port of entry in vegas", ["Las Vegas", "Nevada"], "Yes."),
        # a country says which of two same-named places is meant (101.5: Freeport, The Bahamas; 101.3: Freeport, TX)
        ("freeport bahamas - is that a port of entry?", ["preclearance office", "Bahamas"], "No."),
    ],
)
def test_a_place_written_as_people_write_it_is_found(
    bot: Assistant, corpus: Corpus, question: str, facts: list[str], lead: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(lead), answer.answer
    for fact in facts:
        assert fact in answer.answer


def test_a_port_inside_a_consolidated_port_says_so(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1), Pennsylvania: "ChesterIncluded in the Consolidated Port of the Delaware River and Bay ..."
    answer = _ask(bot, corpus, "is chester pa a port of entry of its own?")
    assert "Consolidated Port of the Delaware River and Bay" in answer.answer
    assert "Philadelphia" in answer.answer and "Wilmington" in answer.answer


def test_the_kind_pointed_at_is_the_one_meant(bot: Assistant, corpus: Corpus) -> None:
    history = [{"role": "user", "content": "which port supervises the Barrow customs station?"},
               {"role": "assistant", "content": "Barrow is supervised by Fairbanks."}]  # fmt: skip
    answer = bot.ask("what other stations does that port supervise?", history)
    # 101.4(c)(2), Alaska: Barrow, Fort Yukon and Kaktovik (Barter Island) are under Fairbanks
    assert "Fort Yukon" in answer.answer and "Kaktovik" in answer.answer


# ---------------------------------------------------------------- lists and counts


def test_states_with_none_of_a_kind_are_listed(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "which states have no customs stations")
    assert "Wyoming" in answer.answer and "Arizona" in answer.answer  # no heading of theirs in 101.4(c)(2)
    assert "Vermont" not in answer.answer and "Alaska" not in answer.answer  # 101.4(c)(2) lists stations under both
    assert "19 CFR 101.4(c)(2)" in _refs(answer)


def test_an_inclusive_count_of_business_days_counts_the_first_day(bot: Assistant, corpus: Corpus) -> None:
    # Dec 21-23 and 27-30, 2027: Christmas (Saturday Dec 25) is observed Friday Dec 24 (101.6(a))
    answer = _ask(
        bot, corpus, "how many business days from tue dec 21 2027 through thu dec 30 2027 including both days"
    )
    assert "There are 7 business days" in answer.answer and "December 24" in answer.answer
    plain = _ask(bot, corpus, "how many business days from tue dec 21 2027 to thu dec 30 2027")
    assert "There are 6 business days" in plain.answer  # after Dec 21, up to and including Dec 30


def test_a_word_made_from_another_matches_its_source_words(bot: Assistant, corpus: Corpus) -> None:
    # the article, Security Measures: "Specially trained canines are used to detect drugs, explosives, ..."
    answer = _ask(bot, corpus, "are sniffer dogs used at the border?")
    assert answer.answer.startswith("Yes.") and "canines" in answer.answer
    assert "Article: Security Measures at Ports of Entry" in _refs(answer)


def test_the_hours_rule_that_settles_a_yes_no_question_comes_first(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(e): services outside a CBP office "between the hours of 8 a.m. and 5 p.m."
    answer = _ask(bot, corpus, "are cbp services outside the office available from 8 am?")
    assert answer.answer.startswith("Yes. Services outside a CBP office are furnished from 8 a.m.")
    # 101.6(b)/(c): different but equivalent hours where local conditions require, with the Commissioner's approval
    local = _ask(bot, corpus, "can a cbp office have different hours because of local conditions?")
    assert local.answer.startswith("Yes.") and "local conditions" in local.answer and "Commissioner" in local.answer
    # a time no rule states settles nothing: 7 a.m. is before the 8:30 a.m. opening of 101.6
    early = _ask(bot, corpus, "is cbp open at 7 am")
    assert not early.answer.startswith("Yes") and "8:30 a.m." in early.answer


def test_a_name_not_listed_in_a_named_state_gets_that_states_ports(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1), Arizona: Douglas, Lukeville, Naco, Nogales, Phoenix, San Luis, Sasabe, Tucson; no Flagstaff
    answer = _ask(bot, corpus, "is flagstaff az a port of entry")
    assert answer.answer.startswith("No. Flagstaff is not listed")
    assert all(port in answer.answer for port in ("Douglas", "Nogales", "Sasabe", "Tucson"))
    # a misspelt name is not read as a place in another state: Nashville is listed under Tennessee, not North Carolina
    typo = _ask(bot, corpus, "is nashvile nc a port of entry")
    assert "Tennessee" not in typo.answer and "Charlotte" in typo.answer


def test_a_state_said_before_the_question_places_the_name(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1) lists a Portland under Maine and one under Oregon
    answer = _ask(bot, corpus, "i'm near portland oregon. is portland a port of entry?")
    assert answer.answer.startswith("Yes. Portland is a port of entry listed under Oregon")
    assert "also a port of entry named Portland in Maine" in answer.answer  # the namesake, said as such


def test_the_regulations_own_words_in_quotes_are_no_instruction(bot: Assistant, corpus: Corpus) -> None:
    # 101.1: "Customs regulations or CBP regulations" mean 19 CFR chapter 1
    answer = _ask(bot, corpus, "when the rules say 'customs regulations', what does that refer to")
    assert "chapter 1" in answer.answer and "19 CFR 101.1 (Customs regulations or CBP regulations)" in _refs(answer)


def test_a_phrase_joined_to_a_question_is_asked_too(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a): Christmas 2027 (a Saturday) is observed Friday Dec 24; the next business day is Monday Dec 27
    answer = _ask(bot, corpus, "next business day after thu dec 23 2027, and why not the 24th?")
    assert "Monday, December 27, 2027" in answer.answer and "Christmas" in answer.answer


def test_a_range_from_one_date_through_another_counts_both(bot: Assistant, corpus: Corpus) -> None:
    # Mon Nov 19 - Fri Nov 23, 2029; Thanksgiving (4th Thursday) is Nov 22: Mon, Tue, Wed, Fri
    answer = _ask(bot, corpus, "business days from mon nov 19 2029 through fri nov 23 2029?")
    assert "There are 4 business days" in answer.answer and "Thanksgiving" in answer.answer


def test_a_word_out_of_scope_questions_use_does_not_refuse_an_in_scope_question(bot: Assistant, corpus: Corpus) -> None:
    # "bottles" is a duty-free-allowance word; bottled water is goods of a Center (101.10(a))
    answer = _ask(bot, corpus, "we import bottled water and fruit juice, which center is ours")
    assert not answer.abstained and "Agriculture & Prepared Products" in answer.answer


def test_a_statement_before_a_yes_no_question_does_not_turn_it_round(bot: Assistant, corpus: Corpus) -> None:
    # "... is a state holiday here, is the office open that day?" asks whether it is open: 101.6(a) closes offices
    # only on national holidays and days designated by Federal statute or Executive Order
    answer = _ask(
        bot, corpus, "importer in la - cesar chavez day 2027 is a state holiday here, is the cbp office open that day"
    )
    assert answer.answer.startswith("Yes.") and "March 31, 2027" in answer.answer


def test_a_second_question_pointing_to_the_first_is_answered_from_the_regulation(
    bot: Assistant, corpus: Corpus
) -> None:
    # 101.10(a): Automotive & Aerospace, Detroit; 101.10(c): "An importer may appeal the Center assignment at any time"
    answer = _ask(bot, corpus, "which center handles auto parts, and can we appeal if we're put in another one?")
    assert "Automotive & Aerospace" in answer.answer and "appeal the Center assignment" in answer.answer
    assert "19 CFR 101.10(c)" in _refs(answer)


def test_the_virgin_islands_ports_are_never_called_ports_of_entry_with_a_yes(bot: Assistant, corpus: Corpus) -> None:
    # 101.1: the Virgin Islands ports are not "ports of entry" within the meaning of the regulations
    answer = _ask(bot, corpus, "are the virgin islands ports real ports of entry")
    assert not answer.answer.startswith("Yes") and "not “ports of entry”" in answer.answer


def test_a_date_counted_from_a_holiday_names_the_holiday(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(6): Labor Day, the first Monday in September (Sept 6, 2027); 4 business days later is Friday Sept 10
    answer = _ask(bot, corpus, "4 business days after labor day 2027")
    assert "Friday, September 10, 2027" in answer.answer and "Labor Day" in answer.answer
    assert "19 CFR 101.6(a)(6)" in _refs(answer)


def test_a_city_said_before_a_question_about_its_country_is_the_office(bot: Assistant, corpus: Corpus) -> None:
    # 101.5: The Bahamas, Freeport and Nassau
    answer = _ask(bot, corpus, "flying nassau to miami, do i clear us customs in the bahamas?")
    assert answer.answer.startswith("Yes.") and "Nassau" in answer.answer and "Freeport" not in answer.answer


def test_that_state_is_the_state_of_the_place_before(bot: Assistant, corpus: Corpus) -> None:
    history = [{"role": "user", "content": "is noonan a port of entry"},
               {"role": "assistant", "content": "Yes, Noonan is a port of entry in North Dakota."}]  # fmt: skip
    answer = bot.ask("which other ports are in that state?", history)
    # 101.3(b)(1), North Dakota: Ambrose, Antler, Carbury, Dunseith, Fargo, Fortuna, Hannah, ...
    assert all(port in answer.answer for port in ("Ambrose", "Antler", "Fargo", "Fortuna"))


def test_true_or_false_is_answered_true_or_false(bot: Assistant, corpus: Corpus) -> None:
    # 101.4(c)(2), Alaska: "EagleAlcan."
    answer = _ask(bot, corpus, "true or false: eagle is a customs station")
    assert answer.answer.startswith("True.") and "Alcan" in answer.answer


def test_an_unlisted_city_name_is_read_whole(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1), South Dakota: only Sioux Falls
    answer = _ask(bot, corpus, "is rapid city sd a port of entry")
    assert answer.answer.startswith("No. Rapid City is not listed") and "Sioux Falls" in answer.answer


def test_a_place_named_only_as_a_mailing_address_says_whose(bot: Assistant, corpus: Corpus) -> None:
    # 101.4(c)(2), New Mexico: "Antelope Wells (Mail: Hachita, NM)Columbus, NM."
    answer = _ask(bot, corpus, "hachita new mexico - port of entry?")
    assert answer.answer.startswith("No.") and "Antelope Wells" in answer.answer
    assert "19 CFR 101.4(c)(2)" in _refs(answer)


def test_slang_that_spells_a_province_code_is_not_the_province(bot: Assistant, corpus: Corpus) -> None:
    # "bc" = because; 101.3(b)(1) lists Fernandina Beach under Florida and Georgia (limits: St. Mary's, GA)
    answer = _ask(bot, corpus, "is fernandina beach a florida port or georgia? confused bc it shows up twice")
    assert "British Columbia" not in answer.answer and "Florida" in answer.answer and "Georgia" in answer.answer
    # but "victoria bc" is in British Columbia, where 101.5 lists Vancouver, not Victoria
    ferry = _ask(bot, corpus, "ferry from victoria bc to seattle, is victoria a preclearance office")
    assert ferry.answer.startswith("No.") and "Victoria" in ferry.answer and "Victory" not in ferry.answer


def test_a_capital_that_only_opens_a_sentence_makes_no_place(bot: Assistant, corpus: Corpus) -> None:
    # 101.5 lists 15 preclearance offices
    answer = _ask(bot, corpus, "Reporter question: how many preclearance offices are listed?")
    assert "15 preclearance offices" in answer.answer and "Reporter" not in answer.answer


def test_a_place_a_statement_names_is_what_it_points_to(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(2), Virginia: Dulles, Norfolk ("Dulles" is no port of entry of 101.3(b)(1))
    answer = _ask(bot, corpus, "I can't find Dulles among the Virginia ports. Is it a service port then?")
    assert answer.answer.startswith("Yes.") and "Dulles" in answer.answer and "Virginia" in answer.answer
    # a state said after the question places the name: 101.4(c)(2), Vermont: "NewportDerby Line."
    newport = _ask(bot, corpus, "is newport a port of entry? the vermont one")
    assert newport.answer.startswith("No. Newport is a Customs station listed under Vermont")
    assert "Derby Line" in newport.answer


def test_a_question_joined_to_an_out_of_scope_one_is_out_of_scope_too(bot: Assistant, corpus: Corpus) -> None:
    answer = bot.ask("how do i apply for nexus and where is the interview done")
    assert answer.abstained and not answer.citations


@pytest.mark.parametrize(
    ("question", "words", "ref"),
    [
        ("what does CCS stand for", "Cargo and Conveyance Security", "19 CFR 101.10(c)"),  # 101.10(c), the appeal
        ("DEA?", "Drug Enforcement Administration", "Article: Security Measures at Ports of Entry"),
    ],
)
def test_an_abbreviation_the_sources_spell_out_is_spelled_out(
    bot: Assistant, corpus: Corpus, question: str, words: str, ref: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert words in answer.answer and ref in _refs(answer)


def test_a_question_about_what_an_agency_does_is_not_an_abbreviation_question(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "what is the FBI's role at ports of entry")
    assert "stands for" not in answer.answer


def test_and_in_another_year_asks_about_the_same_holiday(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a)(6): Labor Day, the first Monday in September: Sept 6, 2027; Sept 4, 2028
    history = [{"role": "user", "content": "when is labor day 2027 for customs"},
               {"role": "assistant", "content": "Monday, September 6, 2027."}]  # fmt: skip
    answer = bot.ask("and in 2028?", history)
    assert "September 4, 2028" in answer.answer and "19 CFR 101.6(a)(6)" in {c.ref for c in answer.citations}


def test_an_everyday_word_before_a_state_is_a_place_name(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1) lists no port under Wyoming, and no "Cheyenne" anywhere
    answer = _ask(bot, corpus, "cheyenne wyoming port of entry?")
    assert answer.answer.startswith("No. Cheyenne is not listed") and "Wyoming" in answer.answer


def test_a_name_placed_in_one_state_names_its_namesakes_elsewhere(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1) lists a Newport under Oregon and one under Rhode Island; 101.4(c)(2) a Newport station in Vermont
    answer = _ask(bot, corpus, "newport oregon is a port of entry, right?")
    assert answer.answer.startswith("Yes.") and "Oregon" in answer.answer and "Rhode Island" in answer.answer


@pytest.mark.parametrize(
    ("question", "where", "fact"),
    [
        ("which paragraph lists the ten national holidays", "19 CFR 101.6(a)", "Thanksgiving"),
        ("what section defines a service port?", "19 CFR 101.1, the definition of “Service port”", "cargo processing"),
    ],
)
def test_a_question_about_where_the_regulation_says_it_names_the_paragraph(
    bot: Assistant, corpus: Corpus, question: str, where: str, fact: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(f"It is in {where}") and fact in answer.answer


def test_a_code_that_is_also_a_citys_short_name(bot: Assistant, corpus: Corpus) -> None:
    # "LA" after "to" is Los Angeles (101.3(b)(1): Los Angeles-Long Beach); after "in" it is Louisiana
    answer = _ask(bot, corpus, "is vegas a port of entry or do we drive on to LA")
    assert answer.answer.startswith("Yes.") and "Louisiana" not in answer.answer and "Los Angeles" in answer.answer
    louisiana = _ask(bot, corpus, "ports in LA")
    assert "Louisiana has 6 ports of entry" in louisiana.answer  # Baton Rouge, Gramercy, Lake Charles, ...


def test_a_verb_after_have_to_is_no_place(bot: Assistant, corpus: Corpus) -> None:
    answer = bot.ask("under customs supervision does an officer have to stay there the whole time?")
    assert "Stay is not listed" not in answer.answer and "not listed as a port of entry" not in answer.answer


def test_the_business_days_of_a_month_are_counted(bot: Assistant, corpus: Corpus) -> None:
    # 101.1 (Business day): weekdays less the holidays of 101.6(a); May 2029 holds (4), the last Monday of May
    weekdays = sum(1 for d in range(1, 32) if dt.date(2029, 5, d).weekday() < 5)
    memorial = nth_weekday(2029, 5, 0, -1)
    answer = _ask(bot, corpus, "how many working days does may 2029 have")
    assert f"There are {weekdays - 1} business days in May 2029" in answer.answer
    assert f"May {memorial.day}, 2029" in answer.answer and "19 CFR 101.6(a)(4)" in _refs(answer)


def test_a_bound_on_a_number_is_not_a_no(bot: Assistant, corpus: Corpus) -> None:
    # 101.9(a)(2): notice "will be published in the Federal Register not less than thirty days prior" to the test
    answer = _ask(bot, corpus, "does a test that deviates from the regulations get announced in the federal register?")
    assert answer.answer.startswith("Yes.") and "thirty days" in answer.answer


def test_a_question_for_the_conditions_gets_every_item_of_the_list(bot: Assistant, corpus: Corpus) -> None:
    # 101.9(b): an NCAP test is subject to two conditions, (1) prior and (2) post publication
    answer = _ask(bot, corpus, "what requirements does an NCAP test have to meet")
    assert {"19 CFR 101.9(b)(1)", "19 CFR 101.9(b)(2)"} <= _refs(answer) and "\n- " in answer.answer


@pytest.mark.parametrize(
    ("question", "lead", "fact"),
    [
        # a count or a place in the claim: 101.3(b)(1) lists one port under New Hampshire (Portsmouth);
        # 101.4(c)(2) six stations under Texas; 101.10(a) manages Base Metals from Chicago, Illinois
        ("new hampshire just has one port of entry, correct?", "Yes.", "Portsmouth"),
        ("texas only has 5 customs stations right", "No.", "Texas has 6 Customs stations"),
        ("the base metals center is in detroit isnt it", "No.", "Chicago"),
        # a claim that denies: 101.3(b)(1) lists Nogales under Arizona and no port under Wyoming; 101.5 lists
        # Kindley Field, Bermuda
        ("my boss says nogales isn't a port of entry anymore, right?", "No.", "Arizona"),
        ("bermuda has no preclearance office, is that right", "No.", "Kindley Field"),
        ("there are no ports of entry in wyoming, correct?", "Yes.", "Wyoming"),
    ],
)
def test_a_claim_to_confirm_is_confirmed_or_corrected(
    bot: Assistant, corpus: Corpus, question: str, lead: str, fact: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(lead) and fact in answer.answer, answer.answer


def test_a_place_the_only_list_names_is_a_yes(bot: Assistant, corpus: Corpus) -> None:
    # 101.1: Customs territory "includes only the States, the District of Columbia, and Puerto Rico"
    assert _ask(bot, corpus, "is the district of columbia part of the customs territory?").answer.startswith("Yes.")
    assert _ask(bot, corpus, "does the customs territory take in american samoa").answer.startswith("No.")


@pytest.mark.parametrize(
    ("question", "lead", "names"),
    [
        # 101.5 lists Dublin and Shannon for Ireland, and Calgary among Canada's eight
        ("is there preclearance in galway ireland", "No.", ("Galway", "Dublin", "Shannon")),
        ("preclearance at calgary canada?", "Yes.", ("Calgary",)),
    ],
)
def test_a_city_with_its_country_is_what_a_preclearance_question_asks_about(
    bot: Assistant, corpus: Corpus, question: str, lead: str, names: tuple[str, ...]
) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(lead) and all(n in answer.answer for n in names), answer.answer
    assert "Winnipeg" not in answer.answer  # the one city is answered, not the whole country's list


def test_the_article_section_a_question_names_is_where_the_answer_comes_from(bot: Assistant, corpus: Corpus) -> None:
    # Article, Introduction: "A port of entry is more than just a gateway."
    answer = _ask(bot, corpus, "in its intro the article says a port of entry is more than just a what?")
    assert "gateway" in answer.answer and "Article: Introduction" in _refs(answer)


def test_a_list_question_that_sets_a_name_aside_asks_about_the_rest(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(2) lists Blaine and Seattle under Washington; 101.3(b)(1) only Portsmouth under New Hampshire
    assert _ask(bot, corpus, "is there another service port in washington besides seattle").answer.startswith("Yes.")
    answer = _ask(bot, corpus, "any other ports in new hampshire besides portsmouth?")
    assert answer.answer.startswith("No.") and "Portsmouth" in answer.answer


def test_a_quoted_term_is_what_is_asked_and_the_story_around_it_is_not(bot: Assistant, corpus: Corpus) -> None:
    # Article, "Customs and Immigration Procedures": travelers "must complete a customs declaration form"
    question = "the flight attendant handed out a 'customs declaration' form before we landed in miami, what is it"
    answer = _ask(bot, corpus, question)
    assert "declaring any goods" in answer.answer and not answer.abstained


def test_a_word_and_its_past_tense_are_one_key_word(bot: Assistant, corpus: Corpus) -> None:
    # Article, "Definition of a Port of Entry": "A port of entry is typically staffed by customs officers and
    # immigration officials"
    answer = _ask(bot, corpus, "who staffs a port of entry")
    assert "immigration officials" in answer.answer


def test_a_spoken_run_on_is_a_story_then_a_question(bot: Assistant, corpus: Corpus) -> None:
    # 101.5 lists Freeport, The Bahamas; 101.3(b)(2) lists Savannah under Georgia
    answer = _ask(
        bot, corpus, "flying freeport to atlanta do i preclear in freeport and what are the service ports in georgia"
    )
    assert "Freeport" in answer.answer and "19 CFR 101.5" in _refs(answer) and "Savannah" in answer.answer


def test_how_long_asks_for_the_number_and_the_rest_finds_it(bot: Assistant, corpus: Corpus) -> None:
    # 101.9(b)(1): NCAP test notice is published "not less than thirty days prior to implementing such test"
    answer = _ask(bot, corpus, "how long before an ncap test begins must the notice come out")
    assert "thirty days" in answer.answer and "19 CFR 101.9(b)(1)" in _refs(answer)


def test_a_condition_before_the_comma_is_part_of_the_question(bot: Assistant, corpus: Corpus) -> None:
    # 101.2(c): "In the absence of a governing regulation or instruction, supervision shall be direct and continuous"
    answer = _ask(bot, corpus, "if there is no instruction on it, how is customs supervision done")
    assert "direct and continuous" in answer.answer


def test_a_general_rule_comes_with_its_exception(bot: Assistant, corpus: Corpus) -> None:
    # 101.10(b): "Generally, each importer will be assigned ... Factors that may cause CBP to place an importer in a
    # Center not based on the tariff classification ... include ... the intended use of ... goods"
    answer = _ask(bot, corpus, "on what basis is an importer put in one center rather than another")
    assert "predominant" in answer.answer and "intended use" in answer.answer


def test_two_ports_of_one_name_are_not_the_same_port(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1) lists a Portland under Maine and another under Oregon
    answer = _ask(bot, corpus, "is portland oregon the same as portland in maine")
    assert answer.answer.startswith("No.") and "Oregon" in answer.answer and "Maine" in answer.answer


def test_what_the_article_says_about_a_listed_place_follows_the_table_answer(bot: Assistant, corpus: Corpus) -> None:
    # Article, "Types of Ports of Entry": "Major airports such as ... O'Hare International Airport in Chicago ..."
    answer = _ask(bot, corpus, "what does the article say about chicago")
    assert "19 CFR 101.3(b)(1)" in _refs(answer) and any(r.startswith("Article: ") for r in _refs(answer))


def test_a_question_that_names_the_article_searches_the_article(bot: Assistant, corpus: Corpus) -> None:
    # Article, "Types of Ports of Entry": "the JFK International Mail Facility or the Chicago International Military
    # Service Center, process and inspect mail" (the tables' rows hold Chicago too)
    answer = _ask(bot, corpus, "what does the article say about chicago")
    assert "19 CFR 101.3(b)(1)" in _refs(answer) and "Article: Types of Ports of Entry in the US" in _refs(answer)
    definition = _ask(bot, corpus, "how does the article define a port of entry")
    assert "designated location" in definition.answer and all(r.startswith("Article: ") for r in _refs(definition))


def test_what_must_go_in_a_filing_gets_the_whole_list(bot: Assistant, corpus: Corpus) -> None:
    # 101.10(c): "Appeals must include the following information:" (1) to (5)
    answer = _ask(bot, corpus, "what information should go into a written center appeal")
    assert "Preferred Center assignment" in answer.answer and "bond numbers" in answer.answer
