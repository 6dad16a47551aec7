"""What the sources never say, where in a section a question looks, and what the article says of a place.

Animals, weapons and a traveler's own status are not in 19 CFR Part 101 or
the article, whatever place or "papers" a question names; a question that asks
how a section ends (or opens) is answered from that paragraph of it; a question
about a listed port's role is answered with the article's item about that port,
and No when the item names another part of the world. Each family was first
seen on a tuning set; the members here are other ones, and the paragraphs are
read from the article itself.
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


@pytest.fixture(scope="module")
def bot(corpus: Corpus, engine: Engine) -> Assistant:
    return engine.assistant(corpus, dt.date(2026, 11, 23))


@pytest.mark.parametrize(
    "question",
    [
        "can i drive my cat over from windsor, what vet records are needed",
        "do i need a gun permit to cross at sweetgrass",
        "which papers do i show when i bring my horse across from canada",  # papers are documents, not paper goods
        "i just landed at miami on a work visa, how do i get a green card from here",
    ],
)
def test_animals_weapons_and_status_are_not_in_the_sources(bot: Assistant, corpus: Corpus, question: str) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.abstained and answer.citations == ()


def _paragraphs(corpus: Corpus, ref: str) -> list[str]:
    return [p for p in corpus.passage(ref).text.split("\n") if p.strip()]


@pytest.mark.parametrize(
    ("question", "ref", "which"),
    [
        ("what does the article call ports of entry in its closing lines?", "Article: Conclusion", -1),
        ("the article's final paragraph - what does it say ports of entry are", "Article: Conclusion", -1),
        ("what does the article say in its opening paragraph?", "Article: Introduction", 0),
    ],
)
def test_the_start_or_end_of_a_section_is_its_first_or_last_paragraph(
    bot: Assistant, corpus: Corpus, question: str, ref: str, which: int
) -> None:
    answer = _ask(bot, corpus, question)
    assert _refs(answer) == {ref}
    paragraph = _paragraphs(corpus, ref)[which]
    assert all(c.quote in paragraph for c in answer.citations), answer.answer


def test_a_section_named_without_its_end_still_answers_from_its_summary(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "how does the article wrap up?")
    assert _refs(answer) == {"Article: Conclusion"}
    assert not all(c.quote in _paragraphs(corpus, "Article: Conclusion")[-1] for c in answer.citations)


MAJOR = "Article: Major Ports of Entry in the US"


def _item(corpus: Corpus, label: str) -> str:
    """The line of the article's list of major ports that is about ``label`` (as printed, with its bullet)."""
    return next(line for line in corpus.passage(MAJOR).text.splitlines() if label in line)


@pytest.mark.parametrize(
    ("question", "label", "lead"),
    [
        # Miami's item: "... passengers arriving from Latin America and the Caribbean"
        ("is miami international airport mainly for passengers arriving from asia?", "Miami International", "No."),
        ("the article says miami airport is for travelers from latin america, right?", "Miami International", "Yes."),
        # LAX's item: "... travel and trade with the Asia-Pacific region"
        ("is LAX mainly important for trade with latin america?", "Los Angeles International", "No."),
    ],
)
def test_a_claim_about_a_major_ports_part_of_the_world(
    bot: Assistant, corpus: Corpus, question: str, label: str, lead: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(lead), answer.answer
    assert any(c.ref == MAJOR and c.quote in _item(corpus, label) for c in answer.citations)


def test_of_a_list_found_the_item_about_the_place_asked(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "per the article, which travelers does miami international airport mainly serve?")
    quotes = [c.quote for c in answer.citations if c.ref == MAJOR]
    assert quotes and all(q in _item(corpus, "Miami International") for q in quotes), answer.answer


def test_a_sentence_about_another_place_does_not_answer(bot: Assistant, corpus: Corpus) -> None:
    # the article ties the Asia-Pacific region to LAX, and says nothing of the kind about JFK
    answer = _ask(bot, corpus, "is JFK important mainly for trade with asia?")
    assert not any("LAX" in c.quote or "Los Angeles" in c.quote for c in answer.citations), answer.answer


EXPORTATION = "19 CFR 101.1 (Exportation)"


@pytest.mark.parametrize(
    "question",
    [
        "if i send machines to canada and bring them right back to dodge a quota, is that an exportation?",
        "is it an exportation when we ship tools abroad only to return them and evade tariff limits?",
    ],
)
def test_a_definitions_exception_answers_the_case_it_names(bot: Assistant, corpus: Corpus, question: str) -> None:
    # 101.1 "Exportation": shipping abroad to return with a design to circumvent tariff restrictions "is not an
    # exportation", and such merchandise returned "under these circumstances is dutiable"
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith("No.") and _refs(answer) == {EXPORTATION}
    said = " ".join(c.quote for c in answer.citations)
    assert "is not an exportation" in said and "dutiable" in said


@pytest.mark.parametrize(
    ("question", "ref", "official"),
    [
        ("who sets the office hours at a station with no full-time cbp employee?", "19 CFR 101.6(c)", "port director"),
        ("our sailboat will clear in at a customs station - who must we get permission from?", "19 CFR 101.4(b)",
         "director of the port"),
    ],
)  # fmt: skip
def test_who_is_answered_by_the_official_the_rule_names(
    bot: Assistant, corpus: Corpus, question: str, ref: str, official: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert ref in _refs(answer) and official in answer.answer


@pytest.mark.parametrize(
    "question", ["what words are written on the ring around the customs seal?", "can you describe the CBP seal for me"]
)
def test_the_seals_look_is_its_design(bot: Assistant, corpus: Corpus, question: str) -> None:
    # 101.7(a) Design: the Treasury seal in an outer circle with "Treasury" at the top, "U.S. Customs Service" below
    answer = _ask(bot, corpus, question)
    assert _refs(answer) == {"19 CFR 101.7(a)"} and not answer.answer.startswith(("Yes", "No"))
    assert "Treasury" in answer.answer and "U.S. Customs Service" in answer.answer


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("is puerto rico part of the customs territory? what about the us virgin islands?",
         "Yes for Puerto Rico; no for the U.S. Virgin Islands."),
        ("are the virgin islands inside the customs territory? and the district of columbia?",
         "No for the U.S. Virgin Islands; yes for the District of Columbia."),
    ],
)  # fmt: skip
def test_one_definition_answering_two_places_says_which_is_which(
    bot: Assistant, corpus: Corpus, question: str, lead: str
) -> None:
    # 101.1: the customs territory "includes only the States, the District of Columbia, and Puerto Rico": one
    # sentence answers both questions, yes for one place and no for the other
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(lead), answer.answer
    assert _refs(answer) == {"19 CFR 101.1 (Customs territory of the United States)"}
    assert "do not cover" not in answer.answer  # both questions are answered


@pytest.mark.parametrize(
    ("question", "order"),
    [
        ("which T.D. is printed beside kodiak in the list of ports?", "T.D. 98-65"),  # "KodiakT.D. 98-65."
        ("is huntsville a port of entry, and which T.D. is cited for it?", "T.D. 83-196"),  # "HuntsvilleT.D. 83-196."
    ],
)
def test_the_order_cited_beside_a_port_is_its_limits_column(
    bot: Assistant, corpus: Corpus, question: str, order: str
) -> None:
    # 101.3(b): orders that created or affected a port "are cited following the name of the ports"; a wh-question
    # about one (its "T.D." is no sentence end) gets the order, not a Yes
    answer = _ask(bot, corpus, question)
    assert order in answer.answer and _refs(answer) == {"19 CFR 101.3(b)(1)"}, answer.answer
    assert answer.answer.count("Yes.") <= (1 if "is huntsville" in question else 0)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("was the port of sacramento created by CBP Dec. 06-23?", "Yes."),  # "SacramentoCBP Dec. 06-23."
        ("did t.d. 71-210 set up the port of kodiak?", "No."),  # Kodiak cites T.D. 98-65; 71-210 is Alcan's
    ],
)
def test_whether_a_port_was_set_up_by_an_order_is_read_from_its_row(
    bot: Assistant, corpus: Corpus, question: str, lead: str
) -> None:
    # "CBP Dec." is a decision, not December; the number named is checked against the order the row cites
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith(lead) and _refs(answer) == {"19 CFR 101.3(b)(1)"}, answer.answer


@pytest.mark.parametrize(
    ("question", "ref", "words"),
    [
        # 101.2(c): supervision "shall be direct and continuous or by such occasional verification as ..."
        ("how closely does an officer have to watch goods under customs supervision?", "19 CFR 101.2(c)",
         "direct and continuous"),
        # 101.6(g): services for private interests "only in accordance with the provisions of § 24.16"
        ("which section governs cbp services for a private party?", "19 CFR 101.6(g)", "24.16"),
    ],
)  # fmt: skip
def test_words_people_use_for_a_rules_own_words(
    bot: Assistant, corpus: Corpus, question: str, ref: str, words: str
) -> None:
    answer = _ask(bot, corpus, question)
    assert not answer.abstained and ref in _refs(answer) and words in answer.answer, answer.answer
    assert not answer.answer.startswith(("Yes", "No")), answer.answer  # "which section ...?" asks no yes or no


@pytest.mark.parametrize(
    "question",
    [
        "are customs offices closed on patriots day in massachusetts (april 19 2027)? its a state holiday",
        "are customs offices closed on lincoln's birthday in illinois (feb 12 2027)? it is a state holiday",
    ],
)
def test_a_question_no_passage_answers_goes_to_the_table_nearly_as_likely(
    bot: Assistant, corpus: Corpus, question: str
) -> None:
    # read as a question for the passages, where no sentence answers it; the holiday tools do: 101.6(d), offices
    # stay open on State and local holidays
    answer = _ask(bot, corpus, question)
    assert answer.answer.startswith("No.") and "19 CFR 101.6(d)" in _refs(answer), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "can a cbp office set different hours due to local conditions?",
        "could a customs office run other hours than 8:30-5?",
    ],
)
def test_local_hours_come_with_where_the_notice_goes(bot: Assistant, corpus: Corpus, question: str) -> None:
    # 101.6(b): different hours if the Commissioner approves them "and provided further that a notice of business
    # hours is prominently displayed at the principal entrance and in each public room of the CBP office"
    answer = _ask(bot, corpus, question)
    assert "19 CFR 101.6(b)" in _refs(answer) and "Commissioner" in answer.answer, answer.answer
    assert "principal entrance" in answer.answer and "public room" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "port"),
    [
        (
            "is boquillas texas a port of entry, and if not which port supervises it?",
            "Presidio",
        ),  # "BoquillasPresidio."
        ("which port supervises minot and what state is it in", "Pembina"),  # "MinotPembina."
    ],
)
def test_one_fact_asked_twice_in_a_message_is_said_once(
    bot: Assistant, corpus: Corpus, question: str, port: str
) -> None:
    # the station's row answers both "is it a port?" and "which port supervises it?": one sentence, not two
    answer = _ask(bot, corpus, question)
    said = [s for s in answer.answer.split(". ") if "supervis" in s]
    assert len(said) == 1 and port in said[0], answer.answer


@pytest.mark.parametrize(
    ("question", "ref", "named"),
    [
        # "Ports of entry can be airports, seaports, land border crossings, or even international mail facilities."
        ("per the article, what sorts of facilities can serve as ports of entry?",
         "Article: Definition of a Port of Entry", ["airports", "seaports", "land border crossings"]),
        # the lead-in that names the kinds asked for ("the main types of ports of entry") keeps its list
        ("what types of ports of entry does the article describe", "Article: Types of Ports of Entry in the US",
         ["Airports", "Seaports", "International Mail Facilities"]),
    ],
)  # fmt: skip
def test_kinds_asked_for_are_what_a_sentence_names_in_a_row(
    bot: Assistant, corpus: Corpus, question: str, ref: str, named: list[str]
) -> None:
    answer = _ask(bot, corpus, question)
    assert ref in _refs(answer), answer.answer
    assert all(n in answer.answer for n in named), answer.answer
