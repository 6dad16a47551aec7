"""19 CFR Part 101 as passages: refs, links, hierarchy and metadata, checked against the text."""

from __future__ import annotations

import pytest

from corpus import Corpus

# Section headings as printed ("§ 101.6 - Hours of business.").
SECTIONS = {
    "101.0": "Scope",
    "101.1": "Definitions",
    "101.2": "Authority of Customs officers",
    "101.3": "Customs service ports and ports of entry",
    "101.4": "Entry and clearance of vessels at Customs stations",
    "101.5": "CBP preclearance offices in foreign countries",
    "101.6": "Hours of business",
    "101.7": "Customs seal",
    "101.8": "Identification cards",
    "101.9": "Test programs or procedures; alternate requirements",
    "101.10": "Centers of Excellence and Expertise",
}

# The 21 terms of 101.1, in printed order.
TERMS = [
    "Business day", "CBP", "Center director", "Centers of Excellence and Expertise or Centers",
    "Commissioner or Commissioner of Customs", "Customs or U.S. Customs Service",
    "Customs regulations or CBP regulations", "Customs station", "Customs territory of the United States",
    "Date of entry", "Date of exportation", "Date of importation", "Duties",
    "Entry or withdrawal for consumption", "Exportation", "Importer", "Port and port of entry",
    "Port director", "Principal field officer", "Service port", "Shipment",
]  # fmt: skip


def test_every_section_with_its_heading(corpus: Corpus) -> None:
    assert {s.number: s.title for s in corpus.regulation.sections} == SECTIONS


def test_refs_are_unique_and_link_to_ecfr(corpus: Corpus) -> None:
    refs = [p.ref for p in corpus.regulation.passages]
    assert len(refs) == len(set(refs))
    p = corpus.passage("19 CFR 101.6(a)(5)")
    assert p.text == "The fourth day of July."
    assert p.section == "101.6" and p.title == "Hours of business" and p.source == "regulation"
    assert p.url == "https://www.ecfr.gov/current/title-19/section-101.6#p-101.6(a)(5)"
    assert p.parent == "19 CFR 101.6(a)"
    assert corpus.passage("19 CFR 101.6(a)").url == "https://www.ecfr.gov/current/title-19/section-101.6#p-101.6(a)"


def test_hierarchy_letters_numbers_romans(corpus: Corpus) -> None:
    refs = {p.ref for p in corpus.regulation.passages}
    assert {
        "19 CFR 101.10(c)(5)",
        "19 CFR 101.10(c)(5)(i)",
        "19 CFR 101.10(c)(5)(ii)",
        "19 CFR 101.10(c)(5)(iii)",
        "19 CFR 101.4(b)(4)",
        "19 CFR 101.9(b)(2)",
        "19 CFR 101.6(g)",
    } <= refs
    assert "19 CFR 101.10(i)" not in refs  # "(i)" under (c)(5) is a roman numeral, not a letter
    assert corpus.passage("19 CFR 101.10(c)(5)(ii)").parent == "19 CFR 101.10(c)(5)"


def test_text_after_a_list_belongs_to_the_list_parent(corpus: Corpus) -> None:
    # "If a holiday falls on Saturday ..." follows (a)(10) but is part of (a).
    saturday = "If a holiday falls on Saturday, the day immediately preceding such Saturday will be observed."
    assert saturday in corpus.passage("19 CFR 101.6(a)").text
    assert corpus.passage("19 CFR 101.6(a)(10)").text == "The twenty-fifth day of December."


def test_intro_text_is_cited_to_the_section(corpus: Corpus) -> None:
    assert "between the hours of 8:30 a.m. and 5 p.m." in corpus.passage("19 CFR 101.6").text
    assert corpus.passage("19 CFR 101.8").text.startswith("Each Customs employee shall be issued")
    assert corpus.passage("19 CFR 101.0").url == "https://www.ecfr.gov/current/title-19/section-101.0"


@pytest.mark.parametrize(
    ("ref", "heading"),
    [
        ("19 CFR 101.2(a)", "Supremacy of delegated authority"),
        ("19 CFR 101.4(c)", "Customs stations designated"),
        ("19 CFR 101.7(a)", "Design"),
        ("19 CFR 101.10(c)(5)(ii)", "For importers with less than one year of prior import history"),
        ("19 CFR 101.7(b)(1)", ""),  # a long first sentence is not a heading
        ("19 CFR 101.6(a)(1)", ""),
    ],
)
def test_paragraph_subject_headings(corpus: Corpus, ref: str, heading: str) -> None:
    assert corpus.passage(ref).heading == heading


def test_each_definition_is_its_own_passage(corpus: Corpus) -> None:
    assert [d.term for d in corpus.definitions] == TERMS
    business_day = corpus.passage("19 CFR 101.1 (Business day)")
    assert business_day.text == (
        "A “business day” means a weekday (Monday through Friday), excluding national holidays as "
        "specified in § 101.6(a)."
    )
    assert business_day.url.startswith("https://www.ecfr.gov/current/title-19/section-101.1")
    importer = corpus.passage("19 CFR 101.1 (Importer)").text
    assert "(1) The consignee, or" in importer and "(4) The transferee of the merchandise" in importer
    port = corpus.passage("19 CFR 101.1 (Port and port of entry)").text
    assert "the ports thereof are not “ports of entry” within the meaning of these regulations" in port


def test_amendment_notes_are_metadata_not_passages(corpus: Corpus) -> None:
    texts = [p.text for p in corpus.passages]
    assert not any("[T.D." in t or "Editorial Note" in t or "FR 54937" in t for t in texts)
    by_number = {s.number: s for s in corpus.regulation.sections}
    assert by_number["101.5"].amendments == ("CBP Dec. 14-09, 79 FR 46349, Aug. 8, 2014",)
    assert by_number["101.3"].amendments == ("T.D. 95-77, 60 FR 50011, Sept. 27, 1995",)
    assert by_number["101.3"].editorial_note.startswith("For Federal Register citations affecting § 101.3")
    assert by_number["101.7"].amendments == ()
    assert corpus.regulation.checked == "May 06, 2024"
    assert corpus.regulation.source_note.startswith("T.D. 77-241, 42 FR 54937")


def test_passage_text_is_verbatim_source(corpus: Corpus, regulation_lines: list[str]) -> None:
    source = "\n".join(regulation_lines)
    for p in corpus.regulation.passages:
        for line in p.text.split("\n"):
            assert line in source, (p.ref, line)
        assert regulation_lines[p.lineno - 1].endswith(p.text.split("\n")[0]), p.ref


def test_tables_stay_inside_their_paragraph(corpus: Corpus) -> None:
    ports = corpus.passage("19 CFR 101.3(b)(1)").text
    assert "HuntsvilleT.D. 83-196." in ports and "+ Indicates Drawback unit/office." in ports
    assert "CaliforniaLos Angeles." in corpus.passage("19 CFR 101.3(b)(2)").text
    assert "LancasterNoyes." in corpus.passage("19 CFR 101.4(c)(2)").text
    assert "IrelandDublin." in corpus.passage("19 CFR 101.5").text


def test_every_printed_source_note_is_citable_but_not_searched(corpus: Corpus, regulation_lines: list[str]) -> None:
    # "[T.D. 77-241, 42 FR 54937, Oct. 12, 1977, as amended by ...]" closes a section: when, not what
    section, printed = "", {}
    for line in regulation_lines:
        if line.startswith("§ "):
            section = line.split()[1]
        elif line.startswith("[") and " FR " in line:
            printed[section] = line[1 : line.index("]")]
    assert set(printed) == set(SECTIONS) - {"101.7", "101.8"}  # the two sections print no note
    for number, note in printed.items():
        assert corpus.passage(f"19 CFR {number} (source note)").text == note
    assert not {p.ref for p in corpus.notes} & {p.ref for p in corpus.passages}
