"""Parse the explainer article into its byline and one passage per section.

The captured page starts with site chrome (a "Header Notice" and a banner
about winter destinations) before the title; everything above the title is
chrome and must never become a passage. Headings are short lines standing
alone between blank lines; the closing section has no heading and is set off
by a wider gap, so it is named "Conclusion" (its first words are not a
heading, and its last paragraph opens "In conclusion").
"""

from __future__ import annotations

import datetime as dt
import re

from ._errors import SourceError
from ._records import Article, Passage

__all__ = ["parse_article"]

_MODIFIED = re.compile(r"^Modified: (?P<date>.+)$")
_BYLINE = re.compile(r"^by (?P<author>.+)$")
_BULLET = "•"
_SECTION_GAP = 3  # blank lines that set off an unheaded section


def _is_heading(block: list[str]) -> bool:
    line = block[0].strip()
    return len(block) == 1 and len(line.split()) <= 12 and not line.startswith(_BULLET) and line[-1] not in ".:!?"


def _blocks(lines: list[str]) -> list[tuple[int, int, list[str]]]:
    """(blank lines before, first line number, lines) for each run of non-blank lines."""
    out: list[tuple[int, int, list[str]]] = []
    blanks = 0
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            blanks += 1
        elif blanks or not out:
            out.append((blanks, lineno, [line]))
            blanks = 0
        else:
            out[-1][2].append(line)
    return out


def _passage(title: str, blocks: list[tuple[int, int, list[str]]]) -> Passage:
    paragraphs = ["\n".join(line.strip() for line in block) for _, _, block in blocks]
    items = tuple(
        line.strip().removeprefix(_BULLET).strip()
        for _, _, block in blocks
        for line in block
        if line.strip().startswith(_BULLET)
    )
    return Passage(
        ref=f"Article: {title}",
        source="article",
        section=title,
        title=title,
        text="\n\n".join(paragraphs),
        url="",
        items=items,
        lineno=blocks[0][1],
    )


def parse_article(text: str, *, file: str) -> Article:
    """Parse the captured article; a page without title, date and byline raises SourceError."""
    lines = text.splitlines()
    blocks = _blocks(lines)
    dated = next((i for i, (_, _, b) in enumerate(blocks) if _MODIFIED.match(b[0])), None)
    if dated is None or dated == 0 or dated + 1 >= len(blocks):
        raise SourceError(f"{file} does not look like the article: no 'Modified:' date under a title")
    byline = _BYLINE.match(blocks[dated + 1][2][0])
    if byline is None:
        raise SourceError(f"{file} does not look like the article: no 'by AUTHOR' line after the date")
    dated_line = _MODIFIED.match(blocks[dated][2][0])
    assert dated_line is not None
    try:
        modified = dt.datetime.strptime(dated_line["date"], "%B %d, %Y").date()
    except ValueError as exc:
        raise SourceError(f"{file}: cannot read the article's modified date: {exc}") from exc
    sections: list[tuple[str, list[tuple[int, int, list[str]]]]] = [("Introduction", [])]
    for block in blocks[dated + 2 :]:
        blanks, _, lines_ = block
        if _is_heading(lines_):
            sections.append((lines_[0].strip(), []))
        elif blanks > _SECTION_GAP and len(sections) > 1 and sections[-1][1]:
            sections.append(("Conclusion", [block]))
        else:
            sections[-1][1].append(block)
    return Article(
        title=blocks[dated - 1][2][0].strip(),
        author=byline["author"].strip(),
        modified=modified,
        passages=tuple(_passage(title, body) for title, body in sections if body),
    )
