"""Turn statements into an answer with numbered citations, and verify every citation.

The check is the product's promise: every citation names a passage that
exists, with its own ref, url and a quote that appears verbatim in it. It
runs on every answer; a failure is a bug, raised, never shown to a user as a
citation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus import Corpus, OperationalError

from ._records import Answer, Citation, Evidence, Statement

__all__ = ["CitationError", "abstain", "compose", "verify"]


class CitationError(OperationalError):
    """A citation does not match the sources (a bug in whatever produced it)."""


def verify(citations: Sequence[Citation], corpus: Corpus) -> None:
    """Raise CitationError unless each citation's passage exists and contains its quote."""
    for c in citations:
        try:
            passage = corpus.passage(c.ref)
        except Exception as exc:
            raise CitationError(f"citation [{c.n}] names no passage: {c.ref!r}") from exc
        if not c.quote or c.quote not in passage.text:
            raise CitationError(f"citation [{c.n}] quote is not verbatim in {c.ref}: {c.quote[:80]!r}")
        if (c.url, c.source, c.title) != (passage.url, passage.source, passage.title):
            raise CitationError(f"citation [{c.n}] does not match {c.ref}'s url, source or title")


def _with_markers(text: str, numbers: Sequence[int]) -> str:
    if not numbers:
        return text
    markers = "".join(f"[{n}]" for n in numbers)
    stripped = text.rstrip()
    last_word = stripped.rsplit(" ", 1)[-1]
    if re.fullmatch(r"(?:[A-Za-z]\.){2,}|Jr\.|St\.", last_word):  # "5 p.m.", "U.S.": the period belongs to the word
        return f"{stripped} {markers}"
    if stripped and stripped[-1] in ".?!:":
        return f"{stripped[:-1]} {markers}{stripped[-1]}"
    return f"{stripped} {markers}"


def compose(statements: Sequence[Statement], corpus: Corpus, *, tools: Sequence[str]) -> Answer:
    """Number the evidence in order of first use, mark each sentence, and verify the result."""
    numbers: dict[Evidence, int] = {}
    citations: list[Citation] = []
    sentences: list[str] = []
    for statement in statements:
        marks: list[int] = []
        for ev in statement.evidence:
            if ev not in numbers:
                passage = corpus.passage(ev.ref)
                numbers[ev] = len(numbers) + 1
                citations.append(
                    Citation(
                        n=numbers[ev],
                        ref=ev.ref,
                        source=passage.source,
                        title=passage.title,
                        url=passage.url,
                        quote=ev.quote,
                    )  # fmt: skip
                )
            if numbers[ev] not in marks:
                marks.append(numbers[ev])
        sentences.append(_with_markers(statement.text, marks))
    verify(citations, corpus)
    return Answer(answer=_joined(sentences), citations=tuple(citations), abstained=False, tools=tuple(tools))


def _joined(sentences: Sequence[str]) -> str:
    r"""Sentences run on with a space; a list item ("\n- ...") on its own line; text after a list in a new paragraph."""
    text = ""
    for s in sentences:
        if not text or s.startswith("\n"):
            text += s
        elif text.rsplit("\n", 1)[-1].startswith("- "):
            text += "\n\n" + s
        else:
            text += " " + s
    return text.strip()


def abstain(reason: str, *, tools: Sequence[str] = ()) -> Answer:
    """An answer that says plainly the sources do not cover it, citing nothing."""
    return Answer(answer=reason, citations=(), abstained=True, tools=tuple(tools))
