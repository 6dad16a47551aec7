"""The explainer article: byline, sections, bullets, and no site chrome."""

from __future__ import annotations

import datetime as dt

from corpus import Corpus

from .conftest import ARTICLE

SECTIONS = [
    "Introduction",
    "Definition of a Port of Entry",
    "Role and Functions of a Port of Entry",
    "Types of Ports of Entry in the US",
    "Customs and Immigration Procedures at a Port of Entry",
    "Security Measures at Ports of Entry",
    "Major Ports of Entry in the US",
    "Challenges and Issues Facing Ports of Entry",
    "Conclusion",
]


def test_byline(corpus: Corpus) -> None:
    a = corpus.article
    assert (a.title, a.author, a.modified) == (
        "What Is A Port Of Entry In The US?",
        "Ted Sorrell",
        dt.date(2023, 12, 28),
    )


def test_one_passage_per_section(corpus: Corpus) -> None:
    passages = corpus.article.passages
    assert [p.section for p in passages] == SECTIONS
    assert [p.ref for p in passages][5] == "Article: Security Measures at Ports of Entry"
    assert all(p.source == "article" for p in passages)
    assert passages[0].text.startswith("Welcome to the United States")
    assert passages[-1].text.startswith("Ports of entry play a vital role")
    assert passages[-1].text.endswith("engage with the United States.")


def test_site_chrome_is_not_content(corpus: Corpus) -> None:
    text = "\n".join(p.text for p in corpus.passages)
    assert "Header Notice" not in text
    assert "Winter is here" not in text
    assert "Modified:" not in text and "by Ted Sorrell" not in text
    # ... although the captured page does contain them.
    raw = ARTICLE.read_text(encoding="utf-8")
    assert "Header Notice" in raw and "Winter is here!" in raw


def test_bullets_are_kept_as_items(corpus: Corpus) -> None:
    counts = {p.section: len(p.items) for p in corpus.article.passages}
    assert counts == dict(zip(SECTIONS, [0, 0, 5, 4, 6, 6, 6, 6, 0], strict=True))
    security = corpus.passage("Article: Security Measures at Ports of Entry")
    assert security.items[0].startswith("Advanced Passenger Information System (APIS): APIS requires airlines")
    assert "• Canine Units: Specially trained canines" in security.text
    major = corpus.passage("Article: Major Ports of Entry in the US")
    assert major.items[-1].startswith("San Ysidro Port of Entry, California")


def test_article_passages_are_verbatim(corpus: Corpus) -> None:
    raw = ARTICLE.read_text(encoding="utf-8")
    for p in corpus.article.passages:
        for line in p.text.split("\n"):
            assert line in raw, (p.ref, line)
