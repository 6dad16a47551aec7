"""``Assistant``: the one entry point for answers (CLI, web, widget).

Table questions are answered without touching the embedding model; the
index is opened only when a question needs passage search. Every answer is
verified (citations verbatim) before it is returned.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

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
from ._engine import NOT_COVERED, Retrieved, decide, strip_injection
from ._entities import NameIndex
from ._llm import LlmFailure, answer_with_llm, chat_model
from ._records import Answer
from ._tools import Toolbox

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from index import Index


__all__ = ["MAX_HISTORY", "MAX_QUESTION_CHARS", "Assistant"]

MAX_QUESTION_CHARS = 2000
MAX_HISTORY = 20


class Assistant:
    """Answers questions from the sources, with verified citations."""

    def __init__(
        self,
        corpus: Corpus,
        *,
        index: Callable[[], Index] | None = None,
        llm: Callable[[], BaseChatModel] | None = None,
        llm_timeout_s: float = 20.0,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.corpus = corpus
        self._names = NameIndex(corpus)
        self._open_index = index
        self._index: Index | None = None
        self._make_llm = llm
        self._llm: BaseChatModel | None = None
        self._llm_timeout_s = llm_timeout_s
        self._today = today
        # Web servers call ask() from many threads at once: open the index and the model once.
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Assistant:
        """The assistant as configured by the environment (the index opens on first need)."""
        settings = settings or Settings.from_env()

        def open_index() -> Index:
            from index import Index  # heavy: only when a question needs passage search

            return Index.open(settings)

        llm = (lambda: chat_model(settings)) if settings.llm else None
        return cls(load_corpus(settings), index=open_index, llm=llm, llm_timeout_s=settings.llm_timeout_s)

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

    def _retrieve(self, query: str, section: str | None = None) -> list[Retrieved]:
        if self._open_index is None:
            return []
        index = self._current_index()
        try:
            hits = index.search(query, k=5, section=section)
        except StoreUnavailableError:
            self._drop(index)  # the next question reconnects: a restarted server needs no restart here
            raise
        except StoreError:
            # The collection went away under us (deleted, or rebuilt elsewhere): reopen once,
            # which rebuilds a missing index; a store that is still broken raises again.
            self._drop(index)
            hits = self._current_index().search(query, k=5, section=section)
        return [Retrieved(ref=h.chunk.ref, text=h.chunk.text, dense=h.dense, lexical=h.lexical) for h in hits]

    def warm(self) -> None:
        """Open the index and load the model now, so the first question is answered at full speed."""
        self._retrieve("port of entry")

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
        decision = decide(
            question, turns, corpus=self.corpus, names=self._names, today=self._today(), retrieve=self._retrieve
        )
        if decision.abstain:
            answer = abstain(decision.abstain, tools=decision.tools)
        else:
            answer = compose(decision.statements, self.corpus, tools=decision.tools)
        return _timed(replace(answer, note=note), started)

    def _ask_llm(self, question: str, turns: list[tuple[str, str]]) -> Answer:
        with self._lock:
            if self._llm is None:
                assert self._make_llm is not None
                self._llm = self._make_llm()
        toolbox = Toolbox(self.corpus, self._names, self._retrieve, self._today())
        statements = answer_with_llm(
            self._llm, toolbox, strip_injection(question) or question, turns, timeout_s=self._llm_timeout_s
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
