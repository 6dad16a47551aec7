"""``Assistant``: the one entry point for answers (CLI, web, widget).

It wires the parts: the gazetteer and the intent classifier read a question,
the planner picks tools from the registry (or the optional language model
calls the same tools), and the composer numbers and verifies the citations.
The embedding model is needed to read any question; the search index (Chroma)
is opened only when a question needs passage search. Every answer is
verified (citations verbatim) before it is returned.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from corpus import (
    ConfigurationError,
    Corpus,
    Settings,
    StoreError,
    StoreUnavailableError,
    UsageError,
    load_corpus,
)

from ._compose import CitationError, abstain, compose
from ._data import PLACEHOLDERS, load_intents, load_vocabulary
from ._gazetteer import Gazetteer, capitalised_words, everyday_words
from ._intents import IntentClassifier
from ._llm import LlmFailure, answer_with_llm, chat_model
from ._planner import Planner
from ._records import Answer, Statement
from ._registry import Retrieved
from ._toolbox import Toolbox
from ._understand import Reader

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from index import Index, Mode, WordSearch


__all__ = ["MAX_HISTORY", "MAX_QUESTION_CHARS", "NOT_COVERED", "Assistant", "not_covered"]

MAX_QUESTION_CHARS = 2000
MAX_HISTORY = 20


def not_covered(topic: str = "that") -> str:
    """The abstention message."""
    return (
        f"My sources (19 CFR Part 101 and the article “What Is A Port Of Entry In The US?”) do not cover {topic}, "
        "so I can't say. They cover ports of entry, service ports, Customs stations, preclearance offices, CBP "
        "hours and holidays, Centers of Excellence and Expertise, the definitions of Part 101, and what happens "
        "at a port of entry."
    )


NOT_COVERED = not_covered()
PARTLY = "My sources do not cover the rest of your question."


@functools.lru_cache(maxsize=4)
def _gazetteer(corpus: Corpus) -> Gazetteer:
    from index import model_words  # the embedding model's word list; reading it loads no model

    intents, _ = load_intents()
    phrasings = [p for i in intents for p in i.phrasings]
    return Gazetteer(corpus, load_vocabulary(), ordinary_words=everyday_words(corpus, phrasings),
                     acronyms=capitalised_words(phrasings, PLACEHOLDERS), english=model_words())  # fmt: skip


def _default_embedder() -> Embeddings:
    from index import load_embedder  # heavy: the model loads on the first question

    return load_embedder(Settings.from_env())


class Assistant:
    """Answers questions from the sources, with verified citations."""

    def __init__(
        self,
        corpus: Corpus,
        *,
        index: Callable[[], Index] | None = None,
        embedder: Callable[[], Embeddings] | None = None,
        llm: Callable[[], BaseChatModel] | None = None,
        llm_timeout_s: float = 20.0,
        today: Callable[[], dt.date] = dt.date.today,
        cache_dir: Path | None = None,
    ) -> None:
        self.corpus = corpus
        self._open_index = index
        self._index: Index | None = None
        self._words: WordSearch | None = None
        self._make_embedder = embedder or _default_embedder
        self._planner: Planner | None = None
        self._make_llm = llm
        self._llm: BaseChatModel | None = None
        self._llm_timeout_s = llm_timeout_s
        self._today = today
        self._cache_dir = cache_dir
        # Web servers call ask() from many threads at once: open the index and the models once.
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Assistant:
        """The assistant as configured by the environment (the model loads on the first question)."""
        settings = settings or Settings.from_env()

        def open_index() -> Index:
            from index import Index  # heavy: only when a question needs passage search

            return Index.open(settings)

        def embedder() -> Embeddings:
            from index import load_embedder

            return load_embedder(settings)

        llm = (lambda: chat_model(settings)) if settings.llm else None
        return cls(load_corpus(settings), index=open_index, embedder=embedder, llm=llm,
                   llm_timeout_s=settings.llm_timeout_s, cache_dir=settings.data_dir)  # fmt: skip

    # ------------------------------------------------------------------ parts, built once

    def planner(self) -> Planner:
        """The default planner (built on first use: it needs the embedding model)."""
        with self._lock:
            if self._planner is None:
                embedder = self._make_embedder()
                vocabulary = load_vocabulary()
                intents, digest = load_intents()
                model_id = str(getattr(embedder, "model_id", type(embedder).__name__))
                cache = self._cache_dir
                if cache is None and hasattr(embedder, "model_id"):
                    cache = Settings.from_env().data_dir
                classifier = IntentClassifier(intents, digest, embedder, k=int(vocabulary.threshold("intents_k")),
                                              cache_dir=cache, model_id=model_id)  # fmt: skip
                reader = Reader(
                    _gazetteer(self.corpus), vocabulary, classifier, min_score=vocabulary.threshold("intents_min_score")
                )
                self._planner = Planner(self.corpus, reader, vocabulary, intents)
            return self._planner

    def _current_index(self) -> Index:
        assert self._open_index is not None
        with self._lock:
            if self._index is None:
                self._index = self._open_index()
            return self._index

    def _drop(self, index: Index) -> None:
        with self._lock:
            if self._index is index:
                self._index = None
                index.close()

    def _word_search(self) -> WordSearch:
        with self._lock:
            if self._words is None:
                from index import WordSearch  # chunking and BM25 only: no model, no store

                self._words = WordSearch.of(self.corpus)
            return self._words

    def _retrieve(self, query: str, *, lexical: bool = False, also: str = "", source: str | None = None
                  ) -> list[Retrieved]:  # fmt: skip
        if lexical:  # a table answer checking the paragraphs' words: never builds or opens the index
            hits = self._word_search().search(query, k=5, also=also, source=source)
            return [Retrieved(ref=h.chunk.ref, text=h.chunk.text, dense=h.dense, lexical=h.lexical) for h in hits]
        if self._open_index is None:
            return []
        mode: Mode = "hybrid"
        index = self._current_index()
        try:
            hits = index.search(query, k=5, mode=mode, also=also, source=source)
        except StoreUnavailableError:
            self._drop(index)  # the next question reconnects: a restarted server needs no restart here
            raise
        except StoreError:
            # The collection went away under us (deleted, or rebuilt elsewhere): reopen once,
            # which rebuilds a missing index; a store that is still broken raises again.
            self._drop(index)
            hits = self._current_index().search(query, k=5, mode=mode, also=also, source=source)
        return [Retrieved(ref=h.chunk.ref, text=h.chunk.text, dense=h.dense, lexical=h.lexical) for h in hits]

    def warm(self) -> None:
        """Load the models and open the index now, so the first question is answered at full speed."""
        self.planner().reader.classifier.matrix()
        self._retrieve("port of entry")

    # ------------------------------------------------------------------ answering

    def ask(self, question: str, history: Sequence[dict[str, str]] | None = None) -> Answer:
        """Answer ``question``; ``history`` is earlier messages ({"role", "content"}), oldest first."""
        started = time.perf_counter()
        if not isinstance(question, str) or not question.strip():
            raise UsageError("the question is empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise UsageError(f"the question is {len(question)} characters long; the limit is {MAX_QUESTION_CHARS}")
        turns = _turns(history or [])
        note = ""
        if self._make_llm is not None:
            try:
                return _timed(self._ask_llm(question, turns), started)
            except (LlmFailure, CitationError, ConfigurationError) as exc:
                note = f"The language model was not used ({exc}); this answer comes from the built-in engine."
        planner = self.planner()
        text = planner.reader.clean(question)
        if not text.strip(" ?!.,"):
            return _timed(abstain("There is no question here that my sources can answer.", tools=("guard",)),
                          started)  # fmt: skip
        plan = planner.plan(text, turns, today=self._today(), retrieve=self._retrieve)
        if plan.unanswered or not plan.statements:
            answer = abstain(NOT_COVERED, tools=plan.tools)
        else:
            statements = list(plan.statements)
            if plan.partly:
                statements.append(Statement(PARTLY))
            answer = compose(statements, self.corpus, tools=plan.tools)
        return _timed(replace(answer, note=note), started)

    def _ask_llm(self, question: str, turns: list[tuple[str, str]]) -> Answer:
        with self._lock:
            if self._llm is None:
                assert self._make_llm is not None
                self._llm = self._make_llm()
        planner = self.planner()
        toolbox = Toolbox(planner, self._retrieve, self._today())
        statements = answer_with_llm(
            self._llm, toolbox, planner.reader.clean(question) or question, turns, timeout_s=self._llm_timeout_s
        )
        tools = ("llm", *toolbox.used)
        if statements is None:
            return abstain(NOT_COVERED, tools=tools)
        return compose(statements, self.corpus, tools=tools)


def _turns(history: Sequence[dict[str, str]]) -> list[tuple[str, str]]:
    if len(history) > MAX_HISTORY:
        history = history[-MAX_HISTORY:]
    out = []
    for message in history:
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
            raise UsageError('each history message must be {"role": "user" or "assistant", "content": "..."}')
        content = message.get("content")
        if not isinstance(content, str):
            raise UsageError("each history message needs a text content")
        out.append((str(message["role"]), content[:MAX_QUESTION_CHARS]))
    return out


def _timed(answer: Answer, started: float) -> Answer:
    return replace(answer, latency_ms=(time.perf_counter() - started) * 1000)
