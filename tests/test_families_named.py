"""Questions about what they name: a paragraph by number, a longer name, a station and its port, several countries.

Each family was first seen on a blind tuning set; the members here are other
ones. Expected facts are read from 19 CFR Part 101 (dates computed from the
rules of 101.6).
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


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("calexico a port of entry y or n", "Yes."),  # 101.3(b)(1), California
        ("is houston a preclearance office or nah", "No."),  # 101.5 lists offices abroad only
        ("cleveland a service port, yes or no", "Yes."),  # 101.3(b)(2), Ohio
    ],
)
def test_a_yes_or_no_tail_makes_a_yes_no_question(bot: Assistant, corpus: Corpus, question: str, lead: str) -> None:
    assert _ask(bot, corpus, question).answer.startswith(lead)


@pytest.mark.parametrize(
    ("question", "lead", "supervisor"),
    [
        ("does del rio supervise amistad dam?", "Yes.", "Del Rio"),  # 101.4(c)(2): Amistad Dam, Del Rio
        ("boquillas station is under el paso right?", "No.", "Presidio"),  # 101.4(c)(2): Boquillas, Presidio
        ("is the port of presidio over boquillas", "Yes.", "Presidio"),
    ],
)
def test_a_station_and_a_port_named_together_ask_whether_that_port_supervises_it(
    bot: Assistant, corpus: Corpus, question: str, lead: str, supervisor: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(lead) and supervisor in answer.answer
    assert _refs(answer) == {"19 CFR 101.4(c)(2)"}


def test_whether_a_port_supervises_any_station_is_answered_yes_or_no(bot: Assistant, corpus: Corpus) -> None:
    some = _ask(bot, corpus, "does presidio supervise any stations?")  # 101.4(c)(2): Boquillas
    assert some.answer.startswith("Yes.") and "Boquillas" in some.answer
    none = _ask(bot, corpus, "does houston oversee any customs stations")  # no row of 101.4(c)(2) names Houston
    assert none.answer.startswith("No.")


def test_a_longer_name_around_a_listed_one_is_another_place(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1) lists Portland (Maine, Oregon), not South Portland; it lists Fort Kent (Maine) itself
    other = _ask(bot, corpus, "is South Portland a port of entry?")
    assert other.answer.startswith("No.") and "South Portland" in other.answer
    listed = _ask(bot, corpus, "is fort kent a port of entry?")
    assert listed.answer.startswith("Yes.") and "Maine" in listed.answer


def test_a_state_nickname_used_as_a_word_is_not_the_state(bot: Assistant, corpus: Corpus) -> None:
    # 101.1: "Exportation" means a severance of goods from the mass of things belonging to this country
    word = _ask(
        bot, corpus, "in plain words, what is 'uniting them to the mass of things belonging to some foreign country'"
    )
    assert "19 CFR 101.1 (Exportation)" in _refs(word)
    state = _ask(bot, corpus, "ports in mass")  # 101.3(b)(1): Massachusetts lists Boston, Gloucester, Salem, ...
    assert "Massachusetts" in state.answer and "Gloucester" in state.answer


@pytest.mark.parametrize(
    ("question", "ref"),
    [
        ("who can get rid of a port of entry", "19 CFR 101.3(a)"),  # ports: 101.3(a)
        ("who has the authority to close a customs station", "19 CFR 101.4(c)(1)"),  # stations: 101.4(c)(1)
    ],
)
def test_of_two_twin_provisions_the_one_for_the_kind_of_place_asked_answers(
    bot: Assistant, corpus: Corpus, question: str, ref: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert "Secretary of Homeland Security" in answer.answer and _refs(answer) == {ref}


def test_a_section_named_by_number_is_summed_up_by_its_paragraphs(bot: Assistant, corpus: Corpus) -> None:
    # 101.7 "Customs seal": (a) Design, (b) Use of the Customs seal
    seal = _ask(bot, corpus, "what's 101.7 about")
    assert "(a) Design" in seal.answer and "(b) Use of the Customs seal" in seal.answer
    assert _refs(seal) == {"19 CFR 101.7(a)", "19 CFR 101.7(b)"}
    # 101.9: (a) General testing, (b) NCAP testing
    tests = _ask(bot, corpus, "summarize section 101.9 for me")
    assert "General testing" in tests.answer and "NCAP testing" in tests.answer
    # a paragraph with no parts of its own: its words; the part as a whole: its scope, 101.0
    cards = _ask(bot, corpus, "what does 101.8 say")
    assert "identification card" in cards.answer and _refs(cards) == {"19 CFR 101.8"}
    part = _ask(bot, corpus, "what does part 101 cover in a nutshell")
    assert "sets forth" in part.answer and _refs(part) == {"19 CFR 101.0"}


def test_each_country_named_gets_its_offices(bot: Assistant, corpus: Corpus) -> None:
    # 101.5: Bermuda, Kindley Field; United Arab Emirates, Abu Dhabi; The Bahamas, Freeport and Nassau
    both = _ask(bot, corpus, "preclearance in bermuda and the uae?")
    assert "Kindley Field" in both.answer and "Abu Dhabi" in both.answer
    either = _ask(bot, corpus, "does spain or the bahamas have preclearance")
    assert either.answer.startswith("Yes.") and "Nassau" in either.answer and "Spain" in either.answer


def test_the_one_in_another_state_is_the_same_name_there(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1) lists Portland under Maine and under Oregon
    history = [{"role": "user", "content": "is portland a port of entry"}]
    answer = _ask(bot, corpus, "and the one in oregon?", history)
    assert answer.answer.startswith("Yes.") and "Oregon" in answer.answer and "Portland" in answer.answer


def test_a_day_stated_before_a_pointing_question_is_the_day_asked(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(a): Memorial Day is the last Monday in May, May 31, 2027; the Friday before is May 28, a business day
    history = [{"role": "user", "content": "when is memorial day 2027"}]
    answer = _ask(bot, corpus, "and the friday before it, is that a business day", history)
    assert answer.answer.startswith("Yes.") and "May 28, 2027" in answer.answer


def test_listed_ports_outside_the_customs_territory_are_not_ports_of_entry(bot: Assistant, corpus: Corpus) -> None:
    # 101.1 (Port and port of entry): the Virgin Islands ports have their own customs laws and are not "ports of
    # entry" within the meaning of these regulations, though 101.3(b)(1) lists them
    meaning = _ask(bot, corpus, "do the ports in the us virgin islands count as ports of entry under the customs rules")
    assert meaning.answer.startswith("No.") and "customs territory" in meaning.answer
    assert "19 CFR 101.1 (Port and port of entry)" in _refs(meaning)
    listed = _ask(bot, corpus, "are there ports of entry in the virgin islands")
    assert "Frederiksted" in listed.answer and "customs territory" in listed.answer


def test_a_paragraph_named_by_number_answers_from_that_paragraph(bot: Assistant, corpus: Corpus) -> None:
    # 101.6(d): open on State and local holidays; 101.8: identification cards
    state = _ask(bot, corpus, "what does 101.6(d) say about state holidays")
    assert _refs(state) == {"19 CFR 101.6(d)"} and "State and local holidays" in state.answer
    cards = _ask(bot, corpus, "what does 101.8 require of customs employees")
    assert _refs(cards) == {"19 CFR 101.8"}


@pytest.mark.parametrize(
    ("question", "office"),
    [("is edmonten a preclearance office", "Edmonton"), ("is calgery a preclearance office", "Calgary")],
)
def test_a_place_name_one_letter_off_is_that_place(bot: Assistant, corpus: Corpus, question: str, office: str) -> None:
    answer = _ask(bot, corpus, question)  # 101.5: Calgary and Edmonton, Alberta
    assert answer.answer.startswith("Yes.") and office in answer.answer


def test_a_place_inside_a_ports_limits_is_part_of_a_port(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1): the consolidated port of Puget Sound includes Everett
    part = _ask(bot, corpus, "is everett within a port of entry")
    assert part.answer.startswith("Yes.") and "Puget Sound" in part.answer
    own = _ask(bot, corpus, "is everett a port of entry")
    assert own.answer.startswith("No.") and "Puget Sound" in own.answer


def test_a_day_name_asked_to_count_as_a_business_day_asks_of_every_such_day(bot: Assistant, corpus: Corpus) -> None:
    # 101.1: a business day is a weekday (Monday through Friday), excluding national holidays
    answer = _ask(bot, corpus, "for a customs deadline does sunday count as a business day")
    assert answer.answer.startswith("No.") and "Monday through Friday" in answer.answer


def test_a_yes_no_question_may_open_with_what_it_is_about(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1) lists Calais under Maine
    answer = _ask(bot, corpus, "in maine is calais a port of entry")
    assert answer.answer.startswith("Yes. Calais is a port of entry") and "Maine" in answer.answer


def test_items_of_a_list_keep_the_heading_that_says_whom_they_are_for(bot: Assistant, corpus: Corpus) -> None:
    # 101.10(c)(5): (i) "For new importers." projected importations during the current year; (ii), (iii) by history
    answer = _ask(
        bot, corpus, "we have no prior imports at all, what import data goes into an appeal of our center assignment?"
    )
    assert "For new importers" in answer.answer and "current year" in answer.answer
    assert "19 CFR 101.10(c)(5)(i)" in _refs(answer)


def test_a_term_cited_as_a_word_is_defined(bot: Assistant, corpus: Corpus) -> None:
    # 101.1: "Customs" or "U.S. Customs Service" mean U.S. Customs and Border Protection, as "CBP" does
    answer = _ask(bot, corpus, "in the regs does the word customs mean cbp")
    assert answer.answer.startswith("Yes.") and "19 CFR 101.1 (Customs or U.S. Customs Service)" in _refs(answer)


@pytest.mark.parametrize(
    ("question", "offices"),
    [
        ("any preclearance in europe", ("Dublin", "Ireland")),  # 101.5: Ireland
        ("preclearance offices in the west indies", ("Oranjestad", "Nassau", "Freeport")),  # Aruba, The Bahamas
    ],
)
def test_a_part_of_the_world_is_read_as_its_countries(
    bot: Assistant, corpus: Corpus, question: str, offices: tuple[str, ...]
) -> None:
    answer = _ask(bot, corpus, question)
    assert all(o in answer.answer for o in offices) and _refs(answer) == {"19 CFR 101.5"}


def test_what_the_article_calls_a_place_with_no_other_key_word_is_answered(bot: Assistant, corpus: Corpus) -> None:
    # once a division by zero: the article named, a listed place, and no key word besides it
    answer = _ask(
        bot,
        corpus,
        "the article calls calexico a port. how does the regulation classify it, and which port is it under?",
    )
    assert "Calexico" in answer.answer and "19 CFR 101.3(b)(1)" in _refs(answer)


def test_a_place_abroad_the_article_names_is_not_a_port_and_is_placed(bot: Assistant, corpus: Corpus) -> None:
    # the article: the Peace Bridge between Buffalo, New York, and Fort Erie, Ontario; 101.3(b)(1) lists neither
    answer = _ask(bot, corpus, "fort erie is a us port of entry, right?")
    assert answer.answer.startswith("No.") and "Ontario" in answer.answer
    assert {"19 CFR 101.3(b)(1)", "Article: Types of Ports of Entry in the US"} <= _refs(answer)


def test_the_sources_say_where_supervision_is_not_prescribed(bot: Assistant, corpus: Corpus) -> None:
    # 101.2(c): in the absence of a governing regulation or instruction, direct and continuous or occasional
    answer = _ask(bot, corpus, "if the rules are silent on how customs supervision is done, what applies")
    assert "direct and continuous" in answer.answer and _refs(answer) == {"19 CFR 101.2(c)"}


def test_a_rule_that_allows_it_at_any_time_has_no_deadline(bot: Assistant, corpus: Corpus) -> None:
    # 101.10(c): an importer may appeal the Center assignment at any time
    answer = _ask(bot, corpus, "is there a time limit for appealing a center assignment")
    assert answer.answer.startswith("No.") and "at any time" in answer.answer


def test_a_contraction_typed_without_its_apostrophe_is_no_name(bot: Assistant, corpus: Corpus) -> None:
    # 101.4(a): a vessel shall not be entered or cleared at a place that is not a port of entry unless authorized
    answer = _ask(bot, corpus, "can a boat be cleared at a place that isnt a port of entry")
    assert "Isnt" not in answer.answer and "19 CFR 101.4(a)" in _refs(answer)


@pytest.mark.parametrize(
    ("question", "lead", "ref"),
    [
        # 101.4(b)(3): the owner reimburses the salary of the officer sent to a place "which is not a port of entry"
        ("if my sailboat is entered at a customs station, do i have to reimburse the officer's salary", "Yes.",
         "19 CFR 101.4(b)(3)"),
        # 101.9(a): the Commissioner may impose different requirements, "but only to the extent that" they do not
        # affect the revenue, public health, safety or law enforcement
        ("may the commissioner impose different requirements for a test program", "Yes.", "19 CFR 101.9(a)"),
        # (101.9(b) says the same of NCAP tests)
        ("can the commissioner impose test requirements that affect public health", "No.", "19 CFR 101.9"),
    ],
)  # fmt: skip
def test_a_not_that_describes_or_sits_in_a_proviso_does_not_make_the_rule_a_no(
    bot: Assistant, corpus: Corpus, question: str, lead: str, ref: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(lead) and any(r.startswith(ref) for r in _refs(answer))


def test_words_that_name_an_article_section_are_key_words_elsewhere(bot: Assistant, corpus: Corpus) -> None:
    # 101.9(b)(2): following the completion of the test, a complete description of the results is published
    answer = _ask(bot, corpus, "once an NCAP test wraps up what do they have to publish")
    assert "results" in answer.answer and _refs(answer) == {"19 CFR 101.9(b)(2)"}


def test_the_rest_of_a_section_search_found_may_hold_the_answer(bot: Assistant, corpus: Corpus) -> None:
    # the article, "Customs and Immigration Procedures at a Port of Entry": "The first step is passport control"
    answer = _ask(bot, corpus, "what is the first step after arriving at a us port of entry")
    assert "passport control" in answer.answer
    assert _refs(answer) == {"Article: Customs and Immigration Procedures at a Port of Entry"}


def test_a_term_pointed_back_to_is_compared_with_the_one_named(bot: Assistant, corpus: Corpus) -> None:
    # 101.1: a Customs station is any place, other than a port of entry, ...
    history = [{"role": "user", "content": "define customs station"}]
    answer = _ask(bot, corpus, "is it the same as a port of entry?", history)
    assert answer.answer.startswith("No.") and "other than a port of entry" in answer.answer
    assert "19 CFR 101.1 (Customs station)" in _refs(answer)


def test_one_in_a_state_after_a_definition_is_one_of_that_kind(bot: Assistant, corpus: Corpus) -> None:
    # 101.4(c)(2): Ohio has Customs stations (Akron, Lorain, ...); 101.1 defines a Customs station
    answer = _ask(bot, corpus, "what is a customs station and is there one in ohio")
    assert "Akron" in answer.answer and {"19 CFR 101.1 (Customs station)", "19 CFR 101.4(c)(2)"} <= _refs(answer)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # the article's section "Role and Functions of a Port of Entry" lists them
        ("what are the jobs of a port of entry, per the explainer", "Trade Facilitation"),
        # the article on Miami International Airport
        ("per the blog post, which part of the world does miami international airport serve", "Latin America"),
    ],
)
def test_the_article_called_by_another_name_is_searched(
    bot: Assistant, corpus: Corpus, question: str, said: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert said in answer.answer and any(r.startswith("Article: ") for r in _refs(answer))


def test_an_action_done_by_another_officer_after_a_reorganisation_stands(bot: Assistant, corpus: Corpus) -> None:
    # 101.2(b): a reorganization ... shall not invalidate the performance of that action by any other Customs officer
    answer = _ask(bot, corpus, "if the named officer can't act after a reorg and another officer does it, is it void?")
    assert answer.answer.startswith("No.") and "19 CFR 101.2(b)" in _refs(answer)


def test_the_next_sentence_that_holds_what_is_asked_comes_with_the_answer(bot: Assistant, corpus: Corpus) -> None:
    # 101.1 (Centers): "... HTSUS numbers representing an industry sector. The list of HTSUS numbers will be
    # published in a Federal Register document ..."
    answer = _ask(bot, corpus, "where is the HTSUS number list for each Center's industry sector published?")
    assert "Federal Register" in answer.answer


def test_a_relative_clause_after_a_name_is_no_question(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1) lists Sumas under Washington; ", which we've used for years." asks nothing
    answer = _ask(
        bot, corpus, "we truck our loads through Sumas, which we've used for years. is sumas a port of entry?"
    )
    assert answer.answer.startswith("Yes.") and "Sumas" in answer.answer


def test_that_with_a_noun_points_to_the_place_named_by_it(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1): Puget Sound includes Friday Harbor; where the trip starts is not asked about
    question = "we're sailing over from Victoria, British Columbia to Friday Harbor. is that harbor a port of entry?"
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith("No.") and "Puget Sound" in answer.answer
    assert "British Columbia" not in answer.answer


def test_the_other_ones_in_a_state_after_a_place_are_the_states_list(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1), Arizona: Douglas, Lukeville, Naco, Nogales, Phoenix, San Luis, Sasabe, Tucson
    history = [{"role": "user", "content": "is nogales a port of entry"}]
    answer = _ask(bot, corpus, "which other ones are there in arizona", history)
    assert all(name in answer.answer for name in ("Douglas", "Lukeville", "Sasabe", "Tucson"))


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("sumas wa port of entry", "Yes."),  # 101.3(b)(1), Washington
        ("san ysidro california port of entry", "No."),  # 101.4(c)(2): a Customs station under San Diego
    ],
)
def test_a_name_and_a_kind_alone_ask_whether_it_is_one(
    bot: Assistant, corpus: Corpus, question: str, lead: str
) -> None:
    assert _ask(bot, corpus, question).answer.startswith(lead)


def test_what_a_sentence_sets_apart_is_not_what_it_is_about(bot: Assistant, corpus: Corpus) -> None:
    # 101.1 (Date of importation): "otherwise than by vessel ..." is the first case; vessels are the second
    answer = _ask(bot, corpus, "'date of importation' for stuff coming on a boat - which date counts?")
    assert "unlade" in answer.answer


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # 101.1 (Importer): "The importer may be: (1) The consignee, or (2) The importer of record, or (3) The actual
        # owner of the merchandise, ... or (4) The transferee ..."
        ("is the importer always the actual owner of the goods?", "No."),
        ("under 101.1 can a consignee be the 'importer'?", "Yes."),
    ],
)
def test_one_item_of_a_definitions_list_may_be_it_but_not_always(
    bot: Assistant, corpus: Corpus, question: str, lead: str
) -> None:
    assert _ask(bot, corpus, question).answer.startswith(lead)


@pytest.mark.parametrize(
    "question",
    [
        "whats the telephone number for the laredo port?",
        "how much does it cost to get an officer at my warehouse after hours",
        "how many trucks cross at otay mesa per day",
    ],
)
def test_a_value_neither_source_gives_is_not_answered(bot: Assistant, corpus: Corpus, question: str) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.abstained and answer.citations == ()


def test_a_count_the_tables_give_is_still_answered(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1): Arizona lists eight ports of entry
    answer = _ask(bot, corpus, "how many ports of entry are there in arizona")
    assert not answer.abstained and "8 ports of entry" in answer.answer


def test_a_short_capitalised_word_goes_on_with_the_name_before_it(bot: Assistant, corpus: Corpus) -> None:
    # Santa Fe is in no table of Part 101; New Mexico's ports (101.3(b)(1)) are Albuquerque, Columbus, Santa Teresa
    answer = _ask(bot, corpus, "Is Santa Fe, New Mexico a port of entry?")
    assert answer.answer.startswith("No.") and "Santa Fe" in answer.answer


def test_a_tag_on_a_tag_asks_the_statement_before_both(bot: Assistant, corpus: Corpus) -> None:
    # 101.5: The Bahamas has two preclearance offices, Freeport and Nassau
    answer = _ask(
        bot, corpus, "my boss thinks the preclearance office in the bahamas is only in nassau. correct, isn't it?"
    )
    assert answer.answer.startswith("No.") and "Freeport" in answer.answer


@pytest.mark.parametrize(
    ("question", "lead", "said"),
    [
        # 101.3(b)(2), Washington: Blaine and Seattle are service ports; Tacoma is part of Puget Sound (101.3(b)(1))
        ("tacoma is not on the ports list by itself but is it a service port", "No.", "Blaine"),
        ("seattle isn't a port of entry on its own but is it a service port?", "Yes.", "service port"),
    ],
)
def test_a_statement_then_but_and_a_yes_no_question_asks_the_question(
    bot: Assistant, corpus: Corpus, question: str, lead: str, said: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(lead) and said in answer.answer


def test_an_or_inside_what_frames_a_yes_no_question_does_not_make_it_either_or(bot: Assistant, corpus: Corpus) -> None:
    # 101.4(b)(4): the Government is reimbursed for the expenses "but not the salary of a Customs officer"
    question = "for the entry or delivery of our goods at a customs station does the government get paid back for the officer's salary"
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith("No.") and "19 CFR 101.4(b)(4)" in _refs(answer)


def test_a_correction_names_the_place_meant_and_rules_out_the_other(bot: Assistant, corpus: Corpus) -> None:
    # 101.3(b)(1) lists Newport under Oregon and Rhode Island; 101.4(c)(2) a Customs station Newport in Vermont
    history = [{"role": "user", "content": "is newport a port of entry?"}]
    answer = _ask(bot, corpus, "sorry i meant newport rhode island, not the vermont one", history)
    assert answer.answer.startswith("Yes.") and "Rhode Island" in answer.answer and "Derby Line" not in answer.answer


@pytest.mark.parametrize(
    ("question", "town"),
    [("is windsor ontario a port of entry", "Windsor"), ("kelowna, british columbia: a us port of entry?", "Kelowna")],
)
def test_a_town_then_its_province_asks_about_the_town(bot: Assistant, corpus: Corpus, question: str, town: str) -> None:
    # 101.5 lists preclearance offices in Ontario (Ottawa, Toronto) and British Columbia (Vancouver); neither town
    # is listed anywhere in Part 101, and the province's offices are not what was asked
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(f"No. {town} is not listed")
    assert "Ottawa" not in answer.answer and "Vancouver" not in answer.answer


@pytest.mark.parametrize(
    ("question", "ref", "words"),
    [
        # 101.6(d): offices open on State and local holidays that fall on weekdays
        ("Arizona has state holidays on weekdays. does the CBP office close for those?", "19 CFR 101.6(d)", "open"),
        # 101.9(b)(1): notice of NCAP tests in the Federal Register
        (
            "i keep reading about NCAP test programs. does CBP publish notice of those anywhere?",
            "19 CFR 101.9(b)(1)",
            "Federal Register",
        ),
    ],
)
def test_a_pointer_to_the_statement_before_is_read_with_it_though_the_question_names_cbp(
    bot: Assistant, corpus: Corpus, question: str, ref: str, words: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert ref in _refs(answer) and words in answer.answer


@pytest.mark.parametrize("question", ["who oversees all the preclearance offices?", "who's in charge of preclearance?"])
def test_who_supervises_a_list_is_the_person_not_the_list(bot: Assistant, corpus: Corpus, question: str) -> None:
    # 101.5: "A Director, Preclearance, located in the Office of Field Operations at CBP Headquarters, is the
    # responsible CBP Officer exercising supervisory control over all preclearance offices."
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith("A Director, Preclearance") and "Dublin" not in answer.answer


def test_keep_using_what_is_already_held_is_answered_yes_by_continue(bot: Assistant, corpus: Corpus) -> None:
    # 101.7(b): the seal, dies and plates now held "shall continue to be so used by each Customs officer until
    # replaced"
    answer = _ask(bot, corpus, "the older seal plates and dies customs already owns - can it keep using them?")
    assert answer.answer.startswith("Yes.") and "19 CFR 101.7(b)" in _refs(answer)


@pytest.mark.parametrize(
    ("question", "lead", "listed"),
    [
        # 101.5: Alberta has two offices (Calgary, Edmonton); Nova Scotia one (Halifax)
        ("is calgary the only preclearance office in alberta?", "No.", "Calgary and Edmonton"),
        ("is halifax the only preclearance office in nova scotia?", "Yes.", "Halifax"),
        # 101.3(b)(1): Arizona lists eight ports, Douglas and Nogales among them
        ("are nogales and douglas the only ports of entry in arizona?", "No.", "Lukeville"),
        # a topic, then "is it just ...?" about it (101.5: eight offices in Canada)
        ("canada preclearance - is it only toronto?", "No.", "Calgary, Edmonton"),
    ],
)
def test_the_only_one_is_checked_against_the_whole_list(
    bot: Assistant, corpus: Corpus, question: str, lead: str, listed: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(lead) and listed in answer.answer


@pytest.mark.parametrize(
    "question",
    ["i need an officer at my dock, outside the office. same hours?",
     "are the hours the same when the officer comes to our pier?"],
)  # fmt: skip
def test_hours_outside_the_office_are_not_the_same(bot: Assistant, corpus: Corpus, question: str) -> None:
    # 101.6(e): services outside a CBP office from 8 a.m.; 101.6: offices open at 8:30 a.m.
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith("No.") and "8 a.m." in answer.answer and "8:30 a.m." in answer.answer


@pytest.mark.parametrize(
    ("question", "name"),
    [("is santa fe nm a port of entry?", "Santa Fe"), ("is lac du flambeau a port of entry", "Lac Du Flambeau")],
)
def test_a_name_typed_lower_case_with_a_short_word_in_it_is_one_name(
    bot: Assistant, corpus: Corpus, question: str, name: str
) -> None:
    # neither is in 19 CFR 101.3(b)(1); "santa" alone opens "Santa Teresa", "fe" and "du" were read as no words
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(f"No. {name} is not listed"), answer.answer
