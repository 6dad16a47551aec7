"""Which item of a list a question asks for: "the first step", "what comes after the customs declaration?".

Lists are read as the sources print them (an article section's bullets, a paragraph's numbered children), so
"first" and "next" mean the order the source gives. A question that names no position, or names an item the list
does not hold, gets no item here and is answered as any other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus import sentence_spans

from ._data import Vocabulary
from ._matching import stems
from ._records import Evidence

__all__ = ["Position", "asked_position", "item_at", "named_item", "without_position"]

_MARKER = re.compile(r"^\s*(?:•|\(\w+\))\s*")
_HEADING = re.compile(r"^([^:.]{2,60})[:.]\s")


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a list: an index (0 the first, -1 the last), or a step from the item the question names."""

    index: int
    from_named: bool = False


_CUES = (("position_first", Position(0)), ("position_last", Position(-1)),
         ("position_next", Position(1, True)), ("position_before", Position(-1, True)))  # fmt: skip


def asked_position(question: str, vocabulary: Vocabulary) -> Position | None:
    """The position a question asks for, if it asks one ("the very first step", "what comes next after X")."""
    for cue, position in _CUES:
        if re.search(rf"\b(?:{vocabulary.pattern(cue)})\b", question, re.I):
            return position
    return None


def without_position(question: str, vocabulary: Vocabulary) -> str:
    """The question without the words that ask a position: they say where in a list, not what it holds."""
    for cue, _position in _CUES:
        question = re.sub(rf"\b(?:{vocabulary.pattern(cue)})\b", " ", question, flags=re.I)
    return question


def named_item(items: Sequence[Evidence], question: str, vocabulary: Vocabulary) -> int | None:
    """The one item whose heading the question names ("after the customs declaration"), by its index."""
    asked = stems(question, vocabulary)
    named = [i for i, item in enumerate(items) if (h := _heading(item.quote)) and stems(h, vocabulary) <= asked]
    return named[0] if len(named) == 1 else None


def item_at(position: Position, items: Sequence[Evidence], named: int | None,
            words: int) -> tuple[int, Evidence] | None:  # fmt: skip
    """The item at ``position`` with its index: its opening sentences, up to ``words`` words, without the marker."""
    index = position.index if not position.from_named else None if named is None else named + position.index
    if not items or index is None or not -len(items) <= index < len(items):
        return None
    index %= len(items)
    text = _MARKER.sub("", items[index].quote)
    spans = sentence_spans(text)
    end = spans[0][1]
    for _s, e in spans[1:]:
        if len(text[:e].split()) > words:
            break
        end = e
    return index, Evidence(items[index].ref, text[spans[0][0] : end])


def _heading(item: str) -> str:
    """An item's own heading: "Customs Declaration" of "• Customs Declaration: Upon clearing ...", "Defined purpose"."""
    m = _HEADING.match(_MARKER.sub("", item))
    return m[1] if m and len(m[1].split()) <= 6 else ""
