"""Sentences: the one splitter every part of portentry uses to cut text into verbatim sentences.

A sentence ends at ".", "!" or "?" followed by a space and a capital,
an opening quote or parenthesis, a bullet or a paragraph marker, or at a line
break. Abbreviations the sources use ("8:30 a.m.", "U.S.", "No.", "St.",
"T.D.", "E.O.", "Ave.", "Jr.", the initial in "John F. Kennedy") never end one. Every piece is a slice of the
input, so it can be quoted as evidence.
"""

from __future__ import annotations

import functools
import re

__all__ = ["sentence_spans", "sentences"]

_END = re.compile(
    r"(?<!\ba\.m\.)(?<!\bp\.m\.)(?<!\bU\.S\.)(?<!\bNo\.)(?<!\bSt\.)(?<!\bJr\.)(?<!\bT\.D\.)(?<!\bE\.O\.)(?<!\bAve\.)"
    r"(?<!\bNW\.)(?<!\bDec\.)(?<![A-Z]\.[A-Z]\.)(?<!\b[A-Z]\.)(?:(?<=[.!?][”’)])|(?<=[.!?]))\s+(?=[A-Z“(•§\[])|\n+"
)


@functools.lru_cache(maxsize=4096)  # the same passages are cut again and again while answering
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of ``text``, without surrounding whitespace."""
    spans, start = [], 0
    for m in _END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        piece = text[s:e]
        stripped = piece.strip()
        if stripped:
            s += len(piece) - len(piece.lstrip())
            out.append((s, s + len(stripped)))
    return tuple(out)


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, each a verbatim slice of it."""
    return [text[s:e] for s, e in sentence_spans(text)]
