"""Cut the corpus into retrieval chunks that follow its structure.

One chunk per regulation paragraph or definition (a long one is cut at
sentence ends, every piece keeping its ref), one per article section body and
per bullet, and table rows grouped by their state (or country) heading with
the heading in the text, so "ports in Montana" is found by its words.

Each chunk has two texts: ``text`` is a verbatim slice of its passage (safe to
quote in a citation); ``search_text`` is what is embedded and BM25-indexed,
with the heading and table cells spelled out. Bump CHUNKING_VERSION whenever
the output changes, so stored indexes are rebuilt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from corpus import Corpus, Passage, SourceKind, postal_code

__all__ = ["CHUNKING_VERSION", "Chunk", "chunk_corpus"]

T = TypeVar("T")

CHUNKING_VERSION = "1"
MAX_CHARS = 900  # about 200 word pieces: inside MiniLM's 256-token window
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-Z(“])")
_TABLE_REFS = ("19 CFR 101.3(b)(1)", "19 CFR 101.3(b)(2)", "19 CFR 101.4(c)(2)", "19 CFR 101.5", "19 CFR 101.10(a)")


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of one passage, as stored in the index."""

    id: str
    """Unique, stable id ("19 CFR 101.6(a)#0")."""
    ref: str
    """Ref of the passage it comes from: what a citation names."""
    source: SourceKind
    """"regulation" or "article"."""
    section: str
    """Regulation section ("101.6") or article section heading."""
    title: str
    """Section heading."""
    url: str
    """Link to the passage."""
    text: str
    """Verbatim slice of the passage text, for quoting."""
    search_text: str
    """What is embedded and searched: heading and context spelled out."""


def _pieces(text: str) -> Iterator[str]:
    """Verbatim slices of ``text`` of at most MAX_CHARS, cut at sentence ends where possible."""
    if len(text) <= MAX_CHARS:
        yield text
        return
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
    begin = 0
    for start, nxt in zip(starts, [*starts[1:], len(text)], strict=True):
        if nxt - begin > MAX_CHARS and start > begin:
            yield text[begin:start].rstrip()
            begin = start
    yield text[begin:]


def _make(p: Passage, n: int, text: str, search_text: str) -> Chunk:
    return Chunk(
        id=f"{p.ref}#{n}", ref=p.ref, source=p.source, section=p.section, title=p.title, url=p.url,
        text=text, search_text=search_text,
    )  # fmt: skip


def _grouped(pairs: Iterable[tuple[str, T]]) -> list[tuple[str, list[T]]]:
    """[(heading, [items...])] for consecutive items under the same heading."""
    groups: list[tuple[str, list[T]]] = []
    for heading, item in pairs:
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(item)
    return groups


def _descriptive_limits(limits: str) -> list[str]:
    """The parts of a "limits of port" text that name places, without the orders that created them.

    "E.O. 7632, June 15, 1937 (2 FR 1245); Mail: Babb, MT." -> ["Mail: Babb, MT"]; the
    citations would only make the chunk long and push it down in BM25.
    """
    parts = [p.strip().rstrip(".") for p in limits.split(";")]
    return [
        p for p in parts
        if re.match(r"(?i)(includ|consolidated|mail:)", p) and "territory described" not in p
    ]  # fmt: skip


def _table_groups(corpus: Corpus, ref: str) -> list[tuple[str, str]]:
    """(verbatim rows, search text) for each heading group of the table in ``ref``."""
    out: list[tuple[str, str]] = []
    if ref == "19 CFR 101.3(b)(1)":
        states = {p.id: p.states for p in corpus.ports}
        for state, listings in _grouped((x.state, x) for x in corpus.listings):
            cells = []
            for x in listings:
                others = [s for s in states[x.port_id] if s != state]
                cells.append(
                    x.name
                    + (" (drawback unit/office)" if x.drawback else "")
                    + "".join(f", {part}" for part in _descriptive_limits(x.limits))
                    + (f" [also listed under {', '.join(others)}]" if others else "")
                )
            verbatim = "\n".join([state, *(x.cite.line for x in listings)])
            out.append((verbatim, f"Customs ports of entry in {state} ({postal_code(state)}): " + "; ".join(cells)))
    elif ref == "19 CFR 101.3(b)(2)":
        for state, ports in _grouped((s.state, s) for s in corpus.service_ports):
            listed = ", ".join(s.name for s in ports)
            verbatim = "\n".join(s.cite.line for s in ports)
            out.append((verbatim, f"Customs service ports in {state} ({postal_code(state)}): {listed}"))
    elif ref == "19 CFR 101.4(c)(2)":
        for state, stations in _grouped((s.state, s) for s in corpus.stations):
            verbatim = "\n".join([state, *(s.cite.line for s in stations)])
            supervised = "; ".join(f"{s.name} station, supervisory port {s.supervisory_port}" for s in stations)
            out.append((verbatim, f"Customs stations in {state} and their supervisory ports of entry: {supervised}"))
    elif ref == "19 CFR 101.5":
        for country, offices in _grouped((p.country, p) for p in corpus.preclearance):
            verbatim = "\n".join(p.cite.line for p in offices)
            out.append((verbatim, f"CBP preclearance offices in {country}: " + "; ".join(p.office for p in offices)))
    else:
        for c in corpus.centers:
            out.append((c.cite.line, f"Center of Excellence and Expertise for {c.name}, management office {c.office}"))
    return out


def _passage_chunks(corpus: Corpus, p: Passage) -> Iterator[tuple[str, str]]:
    if p.ref in _TABLE_REFS:
        table_lines = set().union(*(set(v.split("\n")) for v, _ in _table_groups(corpus, p.ref)))
        for block in p.text.split("\n\n"):
            if not set(block.split("\n")) & table_lines:
                yield block, f"{p.title}: {block}"
        yield from _table_groups(corpus, p.ref)
        return
    if p.source == "article":
        prose = [b for b in p.text.split("\n\n") if not b.startswith("•")]
        for block in prose:
            for piece in _pieces(block):
                yield piece, f"{p.title}: {piece}"
        for block in p.text.split("\n\n"):
            for line in block.split("\n"):
                if line.startswith("•"):
                    yield line, f"{p.title}: {line.removeprefix('•').strip()}"
        return
    label = f"Definition of {p.heading}" if p.section == "101.1" and p.heading else p.title
    holiday = next((h for h in corpus.holidays if h.cite.ref == p.ref), None)
    if holiday:  # Part 101 gives the rule only; users ask by name
        label += f": {holiday.name}, a national holiday on which CBP offices are closed"
    elif p.parent:  # a list item ("Current Center assignment;") needs its parent's subject to be found
        parent = corpus.passage(p.parent)
        label += f": {parent.heading or parent.text.split(chr(10))[0][:200]}"
    for piece in _pieces(p.text):
        yield piece, f"{label}: {piece}"


def chunk_corpus(corpus: Corpus) -> tuple[Chunk, ...]:
    """Every chunk of every passage, in document order."""
    chunks: list[Chunk] = []
    for p in corpus.passages:
        for n, (text, search_text) in enumerate(_passage_chunks(corpus, p)):
            chunks.append(_make(p, n, text, search_text))
    return tuple(chunks)
