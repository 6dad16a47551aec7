"""Hybrid retrieval: dense (Chroma, cosine) and BM25 fused by reciprocal rank fusion.

``Index`` is the one object the rest of portentry uses to find passages; it
returns typed hits with their scores (fused, and each signal's own) so that a
caller can tell "nothing relevant" from "relevant". ``PassageRetriever`` puts
the same search behind LangChain's ``BaseRetriever``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from corpus import Corpus, Settings, UsageError, load_corpus

from ._build import ensure_index
from ._chunks import Chunk, chunk_corpus
from ._embeddings import load_embedder
from ._lexical import Bm25
from ._query import QueryRewriter
from ._store import VectorStore

__all__ = ["Hit", "Index", "Mode", "PassageRetriever", "WordSearch"]

Mode = Literal["hybrid", "dense", "lexical"]
RRF_K = 60  # the usual reciprocal-rank-fusion constant
CANDIDATES = 30  # how deep each signal is read before fusing
MAX_QUERY_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Hit:
    """One retrieved chunk and why it was retrieved."""

    chunk: Chunk
    """The chunk (its ``ref`` is what a citation names)."""
    score: float
    """Fused reciprocal-rank score (or the single signal's score in dense/lexical mode)."""
    dense: float | None
    """Cosine similarity of query and chunk, when among the dense candidates."""
    lexical: float | None
    """BM25 score, when the chunk shares a term with the query."""


class WordSearch:
    """BM25 over the corpus chunks in memory: word search with neither the embedding model nor the store.

    It lets a table answer check the paragraphs' words without building the index.
    """

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = tuple(chunks)
        self._bm25 = Bm25([c.search_text for c in self.chunks])
        self.rewriter = QueryRewriter(c.search_text for c in self.chunks)

    @classmethod
    def of(cls, corpus: Corpus) -> WordSearch:
        """Word search over ``corpus``'s chunks (the same chunks the index holds)."""
        return cls(chunk_corpus(corpus))

    def scores(self, query: str, where: dict[str, str] | None = None) -> dict[str, float]:
        """BM25 score by chunk id for the best candidates (``query`` already corrected and expanded)."""
        scores = self._bm25.scores(query)
        if where:
            keep = np.array([all(getattr(c, k) == v for k, v in where.items()) for c in self.chunks])
            scores = np.where(keep, scores, 0.0)
        top = np.argsort(-scores, kind="stable")[:CANDIDATES]
        return {self.chunks[i].id: float(scores[i]) for i in top if scores[i] > 0}

    def search(self, query: str, *, k: int = 5, also: str = "", source: str | None = None) -> list[Hit]:
        """The ``k`` chunks with the best BM25 scores for ``query`` (and the words ``also``), from one source."""
        query = self.rewriter.correct(" ".join(query.split()))
        scores = self.scores(" ".join([self.rewriter.expand(query), also]), {"source": source} if source else None)
        by_id = {c.id: c for c in self.chunks}
        best = sorted(scores, key=lambda i: -scores[i])[:k]
        return [Hit(chunk=by_id[i], score=scores[i], dense=None, lexical=scores[i]) for i in best]


class Index:
    """Search over the corpus chunks; built or refreshed on first use."""

    def __init__(
        self, chunks: Sequence[Chunk], store: VectorStore, embedder: Embeddings, *, built: bool = False
    ) -> None:
        self.built = built
        """True when opening this index (re)built it."""
        self.chunks = tuple(chunks)
        self.store = store
        self.embedder = embedder
        self._position = {c.id: i for i, c in enumerate(self.chunks)}
        self._words = WordSearch(self.chunks)
        self._rewriter = self._words.rewriter
        self._embed = functools.lru_cache(maxsize=1024)(self._embed_uncached)

    @classmethod
    def open(
        cls,
        settings: Settings | None = None,
        *,
        embedder: Embeddings | None = None,
        corpus: Corpus | None = None,
        rebuild: bool = False,
        progress: bool = True,
    ) -> Index:
        """Open the configured index, building it first if it is missing or stale."""
        settings = settings or Settings.from_env()
        corpus = corpus or load_corpus(settings)
        embedder = embedder or load_embedder(settings)
        chunks = chunk_corpus(corpus)
        store, built = ensure_index(settings, corpus, chunks, embedder, rebuild=rebuild, progress=progress)
        return cls(chunks, store, embedder, built=built)

    def _embed_uncached(self, query: str) -> tuple[float, ...]:
        return tuple(self.embedder.embed_query(query))

    def _dense(self, query: str, where: dict[str, str]) -> dict[str, float]:
        n = min(CANDIDATES, len(self.chunks))
        return dict(self.store.query(self._embed(query), n=n, where=where))

    def _lexical(self, query: str, where: dict[str, str]) -> dict[str, float]:
        return self._words.scores(query, where)

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        source: str | None = None,
        section: str | None = None,
        mode: Mode = "hybrid",
        also: str = "",
    ) -> list[Hit]:
        """The ``k`` best chunks for ``query``, optionally only from one source or section.

        ``also`` are words for the word search only (the sources' words for the query's own): the meaning
        of the query is searched as asked, so the embedding already made to read the question is reused.
        """
        query = " ".join(query.split())
        if not query:
            raise UsageError("the query is empty")
        if len(query) > MAX_QUERY_CHARS:
            raise UsageError(f"the query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}")
        if k < 1:
            raise UsageError(f"k must be at least 1, not {k}")
        where = {key: value for key, value in (("source", source), ("section", section)) if value}
        # The meaning is searched as asked (its embedding is the one made to read the question; the model reads
        # typos well enough); the word search needs the corpus's spelling.
        dense = self._dense(query, where) if mode != "lexical" else {}
        fixed = self._rewriter.correct(query)
        lexical = self._lexical(" ".join([self._rewriter.expand(fixed), also]), where) if mode != "dense" else {}
        if mode == "dense":
            fused = dense
        elif mode == "lexical":
            fused = lexical
        else:
            fused = {}
            for ranking in (dense, lexical):
                for rank, chunk_id in enumerate(sorted(ranking, key=lambda i: -ranking[i])):
                    fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(fused, key=lambda i: (-fused[i], self._position[i]))[:k]
        return [
            Hit(chunk=self.chunks[self._position[i]], score=fused[i], dense=dense.get(i), lexical=lexical.get(i))
            for i in best
        ]

    def clear_cache(self) -> None:
        """Forget cached query embeddings (for honest timing)."""
        self._embed.cache_clear()

    def close(self) -> None:
        """Release the store's client."""
        self.store.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def retriever(self, *, k: int = 5, source: str | None = None, section: str | None = None) -> PassageRetriever:
        """A LangChain retriever over this index."""
        return PassageRetriever(index=self, k=k, source=source, section=section)


class PassageRetriever(BaseRetriever):
    """LangChain retriever over an ``Index``; metadata carries ref, url and scores."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Index
    k: int = 5
    source: str | None = None
    section: str | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.index.search(query, k=self.k, source=self.source, section=self.section)
        return [
            Document(
                page_content=h.chunk.text,
                id=h.chunk.id,
                metadata={
                    "ref": h.chunk.ref,
                    "source": h.chunk.source,
                    "section": h.chunk.section,
                    "title": h.chunk.title,
                    "url": h.chunk.url,
                    "score": h.score,
                    "dense": h.dense,
                    "lexical": h.lexical,
                },  # fmt: skip
            )
            for h in hits
        ]
