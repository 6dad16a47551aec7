"""What the assistant returns: an answer, its numbered citations, and how it was made.

``Answer.to_dict()`` is the contract other parts (CLI, HTTP API, widget) and
outside checks rely on; change it only together with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Answer", "Citation", "Evidence", "Statement"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A verbatim quote from one passage that supports a statement."""

    ref: str
    """The passage's ref ("19 CFR 101.4(c)(2)")."""
    quote: str
    """Verbatim text from that passage."""


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence of an answer and the evidence it rests on (empty for framing sentences)."""

    text: str
    """Plain English, without citation markers."""
    evidence: tuple[Evidence, ...] = ()
    """What it cites; the composer turns these into [n] markers."""


@dataclass(frozen=True, slots=True)
class Citation:
    """A numbered source of an answer."""

    n: int
    """Its marker number in the answer text ([n])."""
    ref: str
    """"19 CFR 101.4(c)(2)" or "Article: ..."."""
    source: str
    """"regulation" or "article"."""
    title: str
    """Section heading of the passage."""
    url: str
    """eCFR deep link (empty for the article)."""
    quote: str
    """Verbatim text from the passage."""


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer as shown to a person."""

    answer: str
    """Plain English with [n] markers."""
    citations: tuple[Citation, ...]
    """The sources, numbered as in the text."""
    abstained: bool
    """True when the sources do not answer the question (then nothing is cited)."""
    tools: tuple[str, ...]
    """The tools that produced it, in order."""
    latency_ms: float = 0.0
    """Time taken to answer."""
    note: str = field(default="", compare=False)
    """Anything the user should know about how it was answered (e.g. the LLM was unreachable)."""

    def to_dict(self) -> dict[str, object]:
        """The JSON contract: answer, citations, abstained, tools, latency_ms (and note when set)."""
        out: dict[str, object] = {
            "answer": self.answer,
            "citations": [
                {"n": c.n, "ref": c.ref, "source": c.source, "title": c.title, "url": c.url, "quote": c.quote}
                for c in self.citations
            ],
            "abstained": self.abstained,
            "tools": list(self.tools),
            "latency_ms": round(self.latency_ms, 2),
        }
        if self.note:
            out["note"] = self.note
        return out
