"""Typed, frozen records that leave ``corpus``: passages, tables and documents.

These are the only shapes other packages see of the sources. They carry their
citation with them, so nothing downstream has to remember where a fact came
from. They must never hold anything that is not in the source text, except
where a field's docstring says so (holiday names, state postal codes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Article",
    "BusinessHours",
    "Center",
    "Cite",
    "CustomsStation",
    "Definition",
    "Holiday",
    "ObservedHoliday",
    "Passage",
    "Port",
    "PortListing",
    "PreclearanceOffice",
    "Provenance",
    "Regulation",
    "Section",
    "ServicePort",
    "SourceKind",
]

SourceKind = Literal["regulation", "article"]


@dataclass(frozen=True, slots=True)
class Cite:
    """Where a table record comes from: its paragraph and the printed line."""

    ref: str
    """Citation of the paragraph, e.g. "19 CFR 101.3(b)(1)"."""
    url: str
    """eCFR deep link to that paragraph."""
    line: str
    """The line exactly as printed (a paragraph marker excluded): a verbatim quote of the passage."""
    lineno: int
    """1-based line number of ``line`` in the source file."""


@dataclass(frozen=True, slots=True)
class Passage:
    """One citable unit of text: a regulation paragraph or definition, or an article section."""

    ref: str
    """"19 CFR 101.6(a)(5)", "19 CFR 101.1 (Business day)" or "Article: Security Measures at Ports of Entry"."""
    source: SourceKind
    """Which document it is from."""
    section: str
    """Regulation section number ("101.6"), or the article section heading."""
    title: str
    """Heading of the section it belongs to ("Hours of business")."""
    text: str
    """Verbatim text (paragraph marker and definition term excluded); quotes must be substrings of it."""
    url: str
    """Deep link (eCFR for the regulation; empty for the article, whose address is unknown)."""
    heading: str = ""
    """The paragraph's own subject heading ("Saturdays, Sundays and national holidays"), if it has one."""
    parent: str = ""
    """Ref of the enclosing paragraph ("19 CFR 101.6(a)" for 101.6(a)(5)); empty at the top."""
    items: tuple[str, ...] = ()
    """Bulleted items of an article section, each verbatim without its bullet."""
    lineno: int = 0
    """1-based line in the source file where the passage starts."""


@dataclass(frozen=True, slots=True)
class Section:
    """A section of 19 CFR Part 101 with its passages and its amendment history."""

    number: str
    """"101.6"."""
    title: str
    """"Hours of business" (the heading without its final period)."""
    url: str
    """eCFR link to the section."""
    passages: tuple[Passage, ...]
    """Intro text, paragraphs and definitions, in document order."""
    amendments: tuple[str, ...] = ()
    """Source notes such as "T.D. 77-241, 42 FR 54937, Oct. 12, 1977, ..." (not passages)."""
    editorial_note: str = ""
    """The "Editorial Note" text, if the section has one (not a passage)."""


@dataclass(frozen=True, slots=True)
class Regulation:
    """19 CFR Part 101 as captured: its sections and the part-level metadata."""

    sections: tuple[Section, ...]
    """Sections 101.0 to 101.10 in order."""
    checked: str
    """"Regulations last checked for updates: ..." date as printed ("May 06, 2024")."""
    revised: str
    """Title 19 "last revised" date as printed ("Apr 24, 2024")."""
    authority: str
    """The part's authority line as printed."""
    source_note: str
    """The part's source line as printed."""

    @property
    def passages(self) -> tuple[Passage, ...]:
        """Every passage of every section, in document order."""
        return tuple(p for s in self.sections for p in s.passages)


@dataclass(frozen=True, slots=True)
class Article:
    """The explainer article: its byline and one passage per section."""

    title: str
    """"What Is A Port Of Entry In The US?"."""
    author: str
    """"Ted Sorrell"."""
    modified: dt.date
    """Date printed after "Modified:"."""
    passages: tuple[Passage, ...]
    """One per section, introduction and conclusion included."""


@dataclass(frozen=True, slots=True)
class PortListing:
    """One row of the ports-of-entry table (101.3(b)(1)), under one state heading."""

    name: str
    """The port's name, the same in every listing of the port ("Portsmouth")."""
    printed_name: str
    """The name exactly as printed in this row ("Portsmouth, N.H")."""
    state: str
    """The state heading this row is printed under ("Maine")."""
    limits: str
    """"Limits of port" text as printed ("T.D. 83-196."); empty when the row has none."""
    drawback: bool
    """True when the row carries the "+" drawback unit/office mark."""
    area: str
    """What the limits text says the port includes, as printed, without the orders that set it
    ("Lubec and Cutler"); empty when it names no place."""
    included: tuple[str, ...]
    """The places named in ``area`` ("Lubec", "Cutler", "Kittery, ME", "Harris County")."""
    consolidated_in: str
    """The consolidated port the limits text says it is part of ("Consolidated Port of the Delaware River and Bay")."""
    mail: str
    """Mailing address the limits text gives ("Babb, MT"); empty when none."""
    port_id: str
    """Id of the port this row lists (see ``Port.id``)."""
    cite: Cite
    """19 CFR 101.3(b)(1) and the printed row."""


@dataclass(frozen=True, slots=True)
class Port:
    """A port of entry: one or more listings of the same port under state headings."""

    id: str
    """Stable id: name slug and postal codes, "portland-me", "duluth-mn-and-superior-wi-mn-wi"."""
    name: str
    """Port name ("Duluth, MN and Superior, WI")."""
    states: tuple[str, ...]
    """Every state heading it is listed under, in document order."""
    listings: tuple[PortListing, ...]
    """Its rows in the table, in document order."""
    in_customs_territory: bool
    """False for the Virgin Islands ports, which 101.1 says are not "ports of entry"."""

    @property
    def drawback(self) -> bool:
        """True when any listing carries the drawback mark."""
        return any(listing.drawback for listing in self.listings)

    @property
    def limits(self) -> str:
        """Limits text of the first listing that has one."""
        return next((x.limits for x in self.listings if x.limits), "")


@dataclass(frozen=True, slots=True)
class ServicePort:
    """A Customs service port (101.3(b)(2)) in one state."""

    name: str
    """As printed without the final period ("LAX", "New York/Newark")."""
    state: str
    """State it is listed under."""
    cite: Cite
    """19 CFR 101.3(b)(2) and the printed row."""


@dataclass(frozen=True, slots=True)
class CustomsStation:
    """A Customs station (101.4(c)(2)) and the port of entry that supervises it."""

    name: str
    """As printed ("Kaktovik (Barter Island)", "Antelope Wells (Mail: Hachita, NM)")."""
    state: str
    """The state heading it is printed under (Monticello is printed under New Hampshire)."""
    supervisory_port: str
    """Supervisory port exactly as written, without the row's final period ("Noyes")."""
    supervisory_port_id: str | None
    """Id of the 101.3 port it names, or None when the name is not in the 101.3 list."""
    related_port_ids: tuple[str, ...]
    """When not listed: 101.3 ports sharing a place name with it (Sandusky -> Toledo-Sandusky)."""
    cite: Cite
    """19 CFR 101.4(c)(2) and the printed row."""

    @property
    def supervisory_port_listed(self) -> bool:
        """True when the supervisory port, as written, is a port in 101.3(b)(1)."""
        return self.supervisory_port_id is not None


@dataclass(frozen=True, slots=True)
class PreclearanceOffice:
    """A CBP preclearance office in a foreign country (101.5)."""

    country: str
    """"Canada", "The Bahamas"."""
    office: str
    """"Calgary, Alberta", "Kindley Field"."""
    cite: Cite
    """19 CFR 101.5 and the printed row."""


@dataclass(frozen=True, slots=True)
class Center:
    """A Center of Excellence and Expertise and its management office (101.10(a))."""

    name: str
    """"Apparel, Footwear & Textiles"."""
    office: str
    """"San Francisco, California"."""
    cite: Cite
    """19 CFR 101.10(a) and the printed row."""


@dataclass(frozen=True, slots=True)
class ObservedHoliday:
    """A national holiday in a given year: its date and the day CBP observes it."""

    holiday: Holiday
    """The rule it comes from."""
    date: dt.date
    """The date the rule gives."""
    observed: dt.date
    """The day offices close (Friday before a Saturday, Monday after a Sunday)."""


@dataclass(frozen=True, slots=True)
class Holiday:
    """One of the ten national holidays on which CBP offices are closed (101.6(a))."""

    number: int
    """Its paragraph number, 1 to 10."""
    name: str
    """Common name from 5 U.S.C. 6103(a) ("Columbus Day"); Part 101 itself gives only the rule."""
    rule: str
    """The rule as printed ("The second Monday of October.")."""
    month: int
    """Month of the rule, 1 to 12."""
    day: int | None
    """Fixed day of the month, or None for a weekday rule."""
    weekday: int | None
    """Weekday of a weekday rule (Monday=0), or None for a fixed date."""
    nth: int | None
    """Which such weekday: 1 to 4, or -1 for "last"; None for a fixed date."""
    cite: Cite
    """19 CFR 101.6(a)(N) and the printed line."""
    observance: Cite = field(compare=False)
    """19 CFR 101.6(a) and its Saturday/Sunday observance sentences."""


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """Hours during which CBP is open or furnishes services (101.6)."""

    what: str
    """What the hours apply to, in plain words."""
    opens: dt.time
    """Opening time."""
    closes: dt.time
    """Closing time."""
    printed: str
    """The hours as printed ("between the hours of 8:30 a.m. and 5 p.m.")."""
    cite: Cite
    """The paragraph and its line."""


@dataclass(frozen=True, slots=True)
class Definition:
    """A term defined in 101.1."""

    term: str
    """As printed, without the final period ("Port and port of entry")."""
    text: str
    """The definition, verbatim, with any numbered items."""
    ref: str
    """"19 CFR 101.1 (Port and port of entry)"."""
    url: str
    """eCFR link to 101.1."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a source document came from, as recorded in sources.toml."""

    kind: SourceKind
    """"regulation" or "article"."""
    file: str
    """File name inside the sources folder."""
    sha256: str
    """Expected sha256 of the file's bytes."""
    title: str
    """Document title."""
    publisher: str
    """Who published it ("not stated ..." when unknown)."""
    url: str
    """Where it was published, or empty when unknown."""
    date: str
    """As-of date (regulation) or modified date (article), ISO format."""
    author: str = ""
    """Author, for the article."""
