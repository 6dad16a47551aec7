"""The one tool registry: every tool declared once, with typed arguments and a typed result.

Both planners call these tools: the default planner with the slots it read
from a question, the optional language model through LangChain tools built
from the same declarations (``langchain_tools``). A tool takes a ``Request``
(the slots, however they were found) and the ``Context`` (the corpus and its
lookups) and returns a result record from ``_results``, or None when it has
nothing to say. Adding a tool is adding one decorated function in one of the
``_tools_*`` modules; CONTRIBUTING.md shows how.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from corpus import Corpus

from ._dates import CbpCalendar
from ._gazetteer import Gazetteer
from ._understand import Slots

if TYPE_CHECKING:
    from ._results import Result

__all__ = ["TOOLS", "Context", "Request", "Retrieved", "Tool", "tool"]

# A tool function, with its own (narrower) result type kept through the decorator.
_ToolFn = TypeVar("_ToolFn", bound="Callable[[Request, Context], Result | None]")


@dataclass(frozen=True, slots=True)
class Retrieved:
    """A chunk found by passage search, with its relevance signals."""

    ref: str
    """The passage it belongs to."""
    text: str
    """The chunk's text (a verbatim slice of the passage)."""
    dense: float | None
    """Embedding similarity, when the chunk was among the dense candidates."""
    lexical: float | None
    """BM25 score, when it shares a word with the query."""


@dataclass(frozen=True, slots=True)
class Request:
    """What a tool is asked: the slots of one question (or of a model's arguments)."""

    slots: Slots
    """The names, dates and flags the question gives."""
    text: str = ""
    """The question itself, for passage search."""
    strict: bool = False
    """Passage search must find a sentence holding most of the question's key words."""
    context: str = ""
    """Statements around the question ("we import a bit of everything"): they steer passage search, and their
    words count for a passage that holds them, never against one that does not."""
    said: tuple[str, ...] = ()
    """Source sentences already said for an earlier question of the same message: passage search skips them
    ("is the seal needed on internal documents, and which documents do need it?" has two answers)."""


@dataclass(frozen=True)
class Context:
    """What every tool may use: the sources and the lookups built from them."""

    corpus: Corpus
    """Both sources, parsed."""
    gazetteer: Gazetteer
    """Every name the tables know."""
    calendar: CbpCalendar
    """Closed days and business days."""
    today: dt.date
    """The date questions are asked on."""
    retrieve: Callable[..., list[Retrieved]] = field(default=lambda text, lexical=False, also="", source=None: [])
    """Passage search, best chunks first: ``retrieve(text, lexical=False, also="", source=None)`` (the index opens
    only when called; ``lexical=True`` searches words only, without embedding the text; ``also`` are words for the
    word search only; ``source`` keeps one source, "article" or "regulation")."""


@dataclass(frozen=True, slots=True)
class Tool:
    """One tool: its name, what it does, its arguments for a language model, and its function."""

    name: str
    """The name both planners use."""
    description: str
    """What it answers (its function's docstring), shown to a language model."""
    args: type[BaseModel]
    """Its arguments as a language model passes them."""
    run: Callable[[Request, Context], Result | None]
    """The function."""
    needs: tuple[str, ...]
    """Slot kinds of which it needs at least one ("places", "states", ...); empty when it needs none."""
    accepts: tuple[str, ...]
    """Slot kinds it uses when given (its needs included)."""
    home: tuple[str, ...]
    """Refs (or ref prefixes) of the paragraphs it answers from; a passage there may answer in its stead."""
    joins: tuple[str, ...] = ()
    """Slot kinds it takes from the statements around the question as well as from the question (a trip's
    origin is often told first: "Flying from Abu Dhabi. Do I clear customs when I land in New York?")."""


TOOLS: dict[str, Tool] = {}
"""Every tool, by name, in the order declared."""


def tool(name: str, args: type[BaseModel], *, needs: tuple[str, ...] = (), accepts: tuple[str, ...] = (),
         home: tuple[str, ...] = (), joins: tuple[str, ...] = ()) -> Callable[[_ToolFn], _ToolFn]:  # fmt: skip
    """Declare a tool (a decorator): its docstring is its description."""

    def register(fn: _ToolFn) -> _ToolFn:
        if name in TOOLS:
            raise ValueError(f"tool {name!r} is declared twice")
        TOOLS[name] = Tool(name, " ".join((fn.__doc__ or name).split()), args, fn, needs,
                           tuple(dict.fromkeys(needs + accepts)), home, joins)  # fmt: skip
        return fn

    return register
