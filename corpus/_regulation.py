"""Parse the eCFR text of 19 CFR Part 101 into sections, paragraphs and definitions.

The captured text lost its markup: paragraph markers are plain "(a) ", "(1) ",
"(i) " at the start of a line, and tables are flattened one row per line. This
module recovers the paragraph tree and keeps each paragraph's printed lines
(with line numbers) so the table parsers can quote rows verbatim. It must never
rewrite text: every passage is made of source lines, markers aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from ._errors import SourceError
from ._records import Cite, Passage, Regulation, Section

__all__ = ["Line", "ParsedRegulation", "paragraph_url", "parse_regulation"]

ECFR = "https://www.ecfr.gov/current/title-19/section-"
EXPECTED_SECTIONS = tuple(f"101.{n}" for n in range(11))

_SECTION = re.compile(r"^§ (?P<num>101\.\d+) - (?P<title>.+?)\.?$")
_MARKER = re.compile(r"^\((?P<m>[a-z]{1,5}|\d{1,2}|[A-Z])\) ")
_NOTE = re.compile(r"^\[(?P<note>[^\]]+)\]\s*(?:Editorial Note:\s*(?P<ed>.*))?$")
_TRAILER = re.compile(r"^(?P<key>authority|source|cite as): (?P<value>.*)$")
_CHECKED = re.compile(r"^Regulations last checked for updates: (?P<date>.+)$")
_REVISED = re.compile(r"last revised: (?P<date>.+)$")
_VERBISH = re.compile(r"\b(?:shall|is|are|may|will|means|must)\b")

# eCFR paragraph levels: (a), (1), (i), (A).
_LEVELS = ("lower", "digit", "roman", "upper")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of the source, kept for verbatim quoting."""

    lineno: int
    text: str
    gap_before: bool  # a blank line precedes it


@dataclass(slots=True)
class _Para:
    path: tuple[str, ...]
    lines: list[Line] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ParsedRegulation:
    """The public Regulation plus each paragraph's printed lines and link, by ref."""

    regulation: Regulation
    lines: dict[str, tuple[Line, ...]]
    urls: dict[str, str]

    def cite(self, ref: str, line: Line) -> Cite:
        """A citation of one printed line of paragraph ``ref``."""
        return Cite(ref=ref, url=self.urls[ref], line=line.text, lineno=line.lineno)


def paragraph_url(section: str, path: tuple[str, ...] = ()) -> str:
    """eCFR deep link to a section or one of its paragraphs."""
    if not path:
        return ECFR + section
    return f"{ECFR}{section}#p-{section}" + "".join(f"({m})" for m in path)


def paragraph_ref(section: str, path: tuple[str, ...] = ()) -> str:
    """Citation such as "19 CFR 101.6(a)(5)"."""
    return f"19 CFR {section}" + "".join(f"({m})" for m in path)


def _value(marker: str, level: str) -> int | None:
    """Ordinal of ``marker`` read as a marker of ``level``, or None if it is not one."""
    if level == "digit":
        return int(marker) if marker.isdigit() else None
    if level == "upper":
        return ord(marker) - 64 if len(marker) == 1 and marker.isupper() else None
    if level == "lower":
        return ord(marker) - 96 if len(marker) == 1 and marker.islower() else None
    if not marker or any(c not in _ROMAN for c in marker):
        return None
    values = [_ROMAN[c] for c in marker]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def _place(stack: list[tuple[str, int]], marker: str) -> int | None:
    """Depth at which ``marker`` continues the paragraph tree, or None if it cannot."""
    depth = len(stack)
    child_ok = depth < len(_LEVELS) and _value(marker, _LEVELS[depth]) == 1
    for d in range(depth - 1, -1, -1):
        value = _value(marker, _LEVELS[d])
        if value is not None and value == stack[d][1] + 1:
            # "(i)" after "(5)" starts romans rather than continuing letters.
            return depth if child_ok and _LEVELS[depth] == "roman" else d
    return depth if child_ok else None


def _text(lines: list[Line]) -> str:
    """Join printed lines, keeping the blank line where the source had one."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if i:
            out.append("\n\n" if line.gap_before else "\n")
        out.append(line.text)
    return "".join(out)


def _heading(first: str, has_children: bool) -> str:
    """A paragraph's subject heading ("Design.") when its first sentence is one."""
    head, sep, rest = first.partition(". ")
    words = head.split()
    if sep and rest and len(words) <= 12 and not _VERBISH.search(head):
        return head
    if not sep and has_children and first.endswith(".") and len(first.split()) <= 6:
        return first[:-1]
    return ""


def _split_term(block: str) -> tuple[str, str]:
    """Split "Business day. A “business day” means ..." into term and definition."""
    start = 0
    while (i := block.find(". ", start)) != -1:
        last_token = block[:i].rsplit(" ", 1)[-1]
        if "." not in last_token:  # skip abbreviations such as "U.S."
            return block[:i], block[i + 2 :]
        start = i + 2
    raise ValueError(block[:60])


def _definitions(number: str, title: str, paras: list[_Para]) -> list[Passage]:
    """101.1: an intro, then one passage per defined term (numbered items stay inside)."""
    url = paragraph_url(number)
    blocks: list[list[Line]] = []
    for line in paras[0].lines:
        starts_item = _MARKER.match(line.text) is not None
        if line.gap_before and not starts_item or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    intro, *defs = blocks
    passages = [
        Passage(
            ref=paragraph_ref(number),
            source="regulation",
            section=number,
            title=title,
            text=_text(intro),
            url=url,
            lineno=intro[0].lineno,
        )
    ]
    for block in defs:
        term, body = _split_term(block[0].text)
        text = _text([Line(block[0].lineno, body, False), *block[1:]])
        passages.append(
            Passage(
                ref=f"19 CFR {number} ({term})",
                source="regulation",
                section=number,
                title=title,
                text=text,
                url=f"{url}#:~:text={quote(term + '.')}",
                heading=term,
                lineno=block[0].lineno,
            )
        )
    return passages


def _paragraphs(number: str, title: str, body: list[Line]) -> list[_Para]:
    """Build the paragraph tree of one section body (notes already removed)."""
    intro = _Para(())
    paras = [intro]
    current = intro
    stack: list[tuple[str, int]] = []
    by_path: dict[tuple[str, ...], _Para] = {(): intro}
    for line in body:
        m = _MARKER.match(line.text)
        depth = _place(stack, m["m"]) if m and number != "101.1" else None
        if m and depth is not None:
            level = _LEVELS[depth]
            value = _value(m["m"], level)
            assert value is not None
            stack[depth:] = [(m["m"], value)]
            current = _Para(tuple(s for s, _ in stack))
            by_path[current.path] = current
            paras.append(current)
            current.lines.append(Line(line.lineno, line.text[m.end() :], line.gap_before))
            continue
        # Unmarked text after a finished list item (101.6(a)'s Saturday/Sunday
        # rule after "(10)") belongs to the item's parent, not to the item.
        first = current.lines[0].text if current.lines else ""
        if line.gap_before and len(current.path) >= 2 and not first.endswith(":"):
            current = by_path[current.path[:-1]]
        current.lines.append(line)
    return paras


def _section(number: str, title: str, body: list[Line]) -> tuple[Section, dict[str, tuple[Line, ...]]]:
    amendments: list[str] = []
    editorial = ""
    content: list[Line] = []
    for line in body:
        note = _NOTE.match(line.text)
        if note:
            amendments.append(note["note"])
            editorial = note["ed"] or editorial
        elif line.text.startswith("Editorial Note:"):
            editorial = line.text.removeprefix("Editorial Note:").strip()
        else:
            content.append(line)
    paras = _paragraphs(number, title, content)
    lines = {paragraph_ref(number, p.path): tuple(p.lines) for p in paras if p.lines}
    if number == "101.1":
        passages = _definitions(number, title, paras)
    else:
        children = {p.path[:-1] for p in paras if p.path}
        passages = []
        for p in paras:
            if not p.lines:
                continue
            heading = _heading(p.lines[0].text, p.path in children) if p.path else ""
            passages.append(
                Passage(
                    ref=paragraph_ref(number, p.path),
                    source="regulation",
                    section=number,
                    title=title,
                    text=_text(p.lines),
                    url=paragraph_url(number, p.path),
                    heading=heading,
                    lineno=p.lines[0].lineno,
                    parent=paragraph_ref(number, p.path[:-1]) if len(p.path) > 1 else "",
                )
            )
    section = Section(
        number=number,
        title=title,
        url=paragraph_url(number),
        passages=tuple(passages),
        amendments=tuple(amendments),
        editorial_note=editorial,
    )
    return section, lines


def parse_regulation(text: str, *, file: str) -> ParsedRegulation:
    """Parse the captured eCFR text; a text that is not Part 101 raises SourceError naming ``file``."""
    raw = text.splitlines()
    checked = revised = ""
    trailer: dict[str, str] = {}
    heads: list[tuple[str, str]] = []
    bodies: list[list[Line]] = []
    gap = False
    for lineno, line in enumerate(raw, start=1):
        if not line.strip():
            gap = True
            continue
        if (m := _SECTION.match(line)) is not None:
            heads.append((m["num"], m["title"]))
            bodies.append([])
        elif (t := _TRAILER.match(line)) is not None and heads:
            trailer[t["key"]] = t["value"]
        elif not heads:
            if (c := _CHECKED.match(line)) is not None:
                checked = c["date"]
            elif (r := _REVISED.search(line)) is not None:
                revised = r["date"]
        else:
            bodies[-1].append(Line(lineno, line, gap))
        gap = False
    numbers = [n for n, _ in heads]
    missing = [n for n in EXPECTED_SECTIONS if n not in numbers]
    if missing or not checked:
        what = f"section {missing[0]} not found" if missing else "its eCFR as-of date is missing"
        raise SourceError(f"{file} does not look like 19 CFR Part 101 as published on eCFR: {what}")
    sections: list[Section] = []
    lines: dict[str, tuple[Line, ...]] = {}
    for (number, title), body in zip(heads, bodies, strict=True):
        try:
            section, section_lines = _section(number, title, body)
        except ValueError as exc:
            raise SourceError(f"{file}: cannot read § {number}: {exc}") from exc
        sections.append(section)
        lines.update(section_lines)
    regulation = Regulation(
        sections=tuple(sections),
        checked=checked,
        revised=revised,
        authority=trailer.get("authority", ""),
        source_note=trailer.get("source", ""),
    )
    urls = {p.ref: p.url for p in regulation.passages}
    return ParsedRegulation(regulation=regulation, lines=lines, urls=urls)
