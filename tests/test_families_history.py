"""When a section was issued and last amended: its source note, read from the printed text.

First seen on a tuning set ("which CBP decision last amended the preclearance
list?"); the members here are other ones. Each section of 19 CFR Part 101 ends
with a bracketed source note ("[T.D. 77-241, ..., as amended by ...]"); the
expected documents are read from the source file's own lines, not the parser's.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from assistant import Assistant
from corpus import Corpus

from .conftest import Engine, refs
from .conftest import ask_verified as _ask

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(corpus: Corpus, engine: Engine) -> Assistant:
    return engine.assistant(corpus, dt.date(2026, 11, 23))


def _note(lines: list[str], section: str) -> str:
    """The bracketed source note printed at the end of ``section`` in the source file."""
    start = next(i for i, ln in enumerate(lines) if ln.startswith(f"§ {section} "))
    end = next((i for i, ln in enumerate(lines[start + 1 :], start + 1) if ln.startswith("§ ")), len(lines))
    return next(ln for ln in lines[start:end] if ln.startswith("["))


def _documents(note: str) -> list[str]:
    return re.findall(r"(?:T\.D\.|CBP Dec\.) \d+-\d+", note)


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("when did the definitions in part 101 last get amended?", "101.1"),
        ("which decision last revised the rules on hours of business", "101.6"),
        ("what's the latest amendment to 19 CFR 101.9?", "101.9"),
        ("source note for the Centers of Excellence section pls", "101.10"),
    ],
)
def test_the_latest_document_of_the_source_note_leads(
    bot: Assistant, corpus: Corpus, regulation_lines: list[str], question: str, section: str
) -> None:
    latest = _documents(_note(regulation_lines, section))[-1]
    answer = _ask(bot, corpus, question)
    assert f"19 CFR {section}" in answer.answer.split(latest)[0], answer.answer  # the section, then its latest
    assert f"19 CFR {section} (source note)" in refs(answer), answer.answer


def test_a_section_issued_once_says_no_later_amendment_is_listed(
    bot: Assistant, corpus: Corpus, regulation_lines: list[str]
) -> None:
    only = _documents(_note(regulation_lines, "101.5"))
    assert len(only) == 1
    answer = _ask(bot, corpus, "has the list of preclearance offices been amended after 2014?")
    assert answer.answer.startswith("No.") and only[0] in answer.answer, answer.answer


def test_an_amendment_after_the_year_asked_is_a_yes(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "was the test program section amended after 2000?")
    assert answer.answer.startswith("Yes.") and "CBP Dec. 12-21" in answer.answer, answer.answer


def test_where_later_changes_are_listed_elsewhere_the_answer_says_so(
    bot: Assistant, corpus: Corpus, regulation_lines: list[str]
) -> None:
    # 101.4's note ends with "Editorial Note: For Federal Register citations affecting § 101.4, see the List of CFR
    # Sections Affected": its one document is not the whole history, so no Yes or No and no "last amended"
    note = _note(regulation_lines, "101.4")
    assert "List of CFR Sections Affected" in note
    answer = _ask(bot, corpus, "has the rule on entering vessels at customs stations been amended since 1977?")
    assert not answer.answer.startswith(("Yes", "No")), answer.answer
    assert "List of CFR Sections Affected" in answer.answer and "last amended" not in answer.answer
    assert "19 CFR 101.4 (editorial note)" in refs(answer)


def test_a_citation_alone_does_not_ask_for_the_history(bot: Assistant, corpus: Corpus) -> None:
    answer = _ask(bot, corpus, "what terms does 19 CFR 101.1 define?")
    assert "source note" not in answer.answer and "amended" not in answer.answer, answer.answer
