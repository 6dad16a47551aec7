"""The retrieval contract, run against the embedded store and a real Chroma server.

Dense vectors come from a hash-seeded fake, so what is asserted about ranking
relies on the lexical signal and on fusion; the real model is tested in
test_index_model.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from langchain_core.documents import Document

from corpus import Corpus, Settings, UsageError
from index import Index

from .conftest import fake_embedder


@pytest.fixture(scope="module")
def index(store_settings: Settings) -> Iterator[Index]:
    with Index.open(store_settings, embedder=fake_embedder(), progress=False) as opened:
        yield opened


def test_first_open_builds_and_second_finds_it_current(store_settings: Settings, index: Index) -> None:
    with Index.open(store_settings, embedder=fake_embedder(), progress=False) as again:
        assert again.built is False
        assert again.store.count() == len(index.chunks)


def test_hits_are_cited_verbatim_chunks(index: Index, corpus: Corpus) -> None:
    hits = index.search("ports of entry in Montana", k=5)
    assert len(hits) == 5
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for h in hits:
        passage = corpus.passage(h.chunk.ref)
        assert h.chunk.text in passage.text and h.chunk.url == passage.url


@pytest.mark.parametrize(
    ("query", "ref"),
    [
        ("preclearance offices in Ireland", "19 CFR 101.5"),
        ("Customs seal design", "19 CFR 101.7(a)"),
        ("identification card photograph signature", "19 CFR 101.8"),
        ("secondary inspection", "Article: Customs and Immigration Procedures at a Port of Entry"),
    ],
)
def test_lexical_signal_finds_exact_words(index: Index, query: str, ref: str) -> None:
    assert index.search(query, k=1, mode="lexical")[0].chunk.ref == ref
    assert ref in {h.chunk.ref for h in index.search(query, k=5)}


def test_state_table_rows_are_found_by_state_name(index: Index) -> None:
    # The Montana rows of 101.3(b)(1) compete with Montana's service port and stations.
    lexical = index.search("ports of entry in Montana", k=3, mode="lexical")
    assert any(h.chunk.text.startswith("Montana\nButteT.D.") for h in lexical)
    assert "19 CFR 101.3(b)(1)" in {h.chunk.ref for h in index.search("ports of entry in Montana", k=5)}


def test_typos_and_thesaurus_words_reach_the_right_passage(index: Index) -> None:
    assert index.search("ports of entry in north dakta", k=1, mode="lexical")[0].chunk.text.startswith("North Dakota")
    assert "19 CFR 101.10(a)" in {
        h.chunk.ref for h in index.search("which center handles auto parts", k=3, mode="lexical")
    }


def test_filters_by_source_and_section(index: Index) -> None:
    article = index.search("port of entry", k=5, source="article")
    assert article and all(h.chunk.source == "article" for h in article)
    hours = index.search("holiday", k=5, section="101.6")
    assert hours and all(h.chunk.section == "101.6" for h in hours)
    both = index.search("holiday", k=3, source="regulation", section="101.6")
    assert all(h.chunk.section == "101.6" for h in both)


def test_scores_separate_relevant_from_nothing(index: Index) -> None:
    relevant = index.search("preclearance offices in Ireland", k=1)[0]
    nonsense = index.search("zxqv wplk", k=1)[0]
    assert relevant.lexical and relevant.lexical > 0
    assert nonsense.lexical is None  # no shared word: the caller can tell


@pytest.mark.parametrize(
    ("query", "k", "message"), [("   ", 5, "empty"), ("x" * 3000, 5, "limit"), ("port", 0, "k must")]
)
def test_bad_queries_are_usage_errors(index: Index, query: str, k: int, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        index.search(query, k=k)


def test_langchain_retriever(index: Index) -> None:
    docs = index.retriever(k=3, source="regulation").invoke("Customs stations in Alaska")
    assert len(docs) == 3 and all(isinstance(d, Document) for d in docs)
    assert {"ref", "url", "score", "source", "section", "title"} <= set(docs[0].metadata)
    assert all(d.metadata["source"] == "regulation" for d in docs)
