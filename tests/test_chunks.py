"""Chunks follow the structure: paragraphs, definitions, sections, bullets, table rows by state."""

from __future__ import annotations

from collections import Counter

from corpus import Corpus
from index import Chunk, chunk_corpus
from index._chunks import MAX_CHARS


def _chunks(corpus: Corpus) -> tuple[Chunk, ...]:
    return chunk_corpus(corpus)


def test_every_passage_is_covered_and_every_chunk_is_quotable(corpus: Corpus) -> None:
    chunks = _chunks(corpus)
    assert {c.ref for c in chunks} == {p.ref for p in corpus.passages}
    assert len({c.id for c in chunks}) == len(chunks)
    for c in chunks:
        passage = corpus.passage(c.ref)
        assert c.text in passage.text and (c.url, c.source, c.section) == (passage.url, passage.source, passage.section)


def test_long_paragraphs_are_cut_at_sentence_ends_keeping_their_ref(corpus: Corpus) -> None:
    prose = [c for c in _chunks(corpus) if c.source == "regulation" and "\n" not in c.text]
    assert all(len(c.text) <= MAX_CHARS or "." not in c.text[:MAX_CHARS] for c in prose)
    pieces = [c for c in _chunks(corpus) if c.ref == "19 CFR 101.2(c)"]
    assert len(pieces) == 2 and pieces[0].text.endswith(".") and pieces[1].text[0].isupper()
    assert " ".join(p.text for p in pieces) == corpus.passage("19 CFR 101.2(c)").text


def test_table_rows_are_grouped_by_their_heading(corpus: Corpus) -> None:
    chunks = _chunks(corpus)
    ports = [c for c in chunks if c.ref == "19 CFR 101.3(b)(1)" and c.text.split("\n")[0] == "Montana"]
    assert len(ports) == 1
    assert len(ports[0].text.split("\n")) == 1 + 12  # heading and its 12 rows
    assert ports[0].search_text.startswith("Customs ports of entry in Montana (MT): Butte; Del Bonita")
    per_ref = Counter(c.ref for c in chunks)
    assert per_ref["19 CFR 101.3(b)(1)"] == 52 + 2  # 52 state headings, the intro and the drawback note
    assert per_ref["19 CFR 101.5"] == 6 + 1  # 6 countries and the intro
    assert per_ref["19 CFR 101.10(a)"] == 10 + 1  # one per Center and the intro
    stations = next(c for c in chunks if c.ref == "19 CFR 101.4(c)(2)" and c.text.startswith("Minnesota\n"))
    assert "Lancaster station, supervisory port Noyes" in stations.search_text


def test_article_sections_and_bullets(corpus: Corpus) -> None:
    chunks = [c for c in _chunks(corpus) if c.source == "article"]
    bullets = [c for c in chunks if c.text.startswith("•")]
    assert len(bullets) == 33  # every "•" line of the article
    canine = next(c for c in bullets if "Canine Units" in c.text)
    assert canine.search_text.startswith("Security Measures at Ports of Entry: Canine Units:")
    assert not any("Winter is here" in c.text or "Header Notice" in c.text for c in chunks)


def test_holiday_items_are_findable_by_name(corpus: Corpus) -> None:
    columbus = next(c for c in _chunks(corpus) if c.ref == "19 CFR 101.6(a)(7)")
    assert columbus.text == "The second Monday of October."
    assert "Columbus Day" in columbus.search_text
