"""What the tools return: one typed record per kind of answer, each carrying the records it rests on.

Every record a result holds (a port listing, a station, a holiday, a passage
sentence) carries its own citation, so a composer (``_render``) can cite each
sentence to its paragraph and ``citations`` lists everything a result rests
on. Results hold facts only, never wording.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from corpus import Center, CustomsStation, Definition, Port, PortListing, PreclearanceOffice, ServicePort

from ._dates import Closure
from ._gazetteer import DayName, Place
from ._records import Evidence

__all__ = [
    "ORDER_NUMBER", "BusinessDayCount", "BusinessDayShift", "Centers", "ClearanceRoute", "DayStatus", "Definitions",
    "DrawbackPorts", "FederalRegisterDocument", "HolidayDate", "HolidayList", "Hours", "Outline", "PlaceFacts",
    "PortLimits", "PortsInState", "Preclearance", "Result", "SectionHistory", "ServicePorts", "Snippet",
    "StationSupervisor", "StationsInState", "StationsOfPort", "listed", "meaning",
]  # fmt: skip


def _row(cite_ref: str, line: str) -> Evidence:
    return Evidence(cite_ref, line)


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """What the tables say about a name the user asked about."""

    name: str
    """The name as the user wrote it (or as the tables spell it)."""
    place: Place | None
    """Every reading of the name; None when the tables do not know it."""
    asked: str = ""
    """What the user asked it to be: port, station, service_port, preclearance, center ("" when not said)."""
    state: str | None = None
    """A state the user placed it in ("is Portland in Maine?")."""
    polar: bool = False
    """A yes/no question: the answer leads with Yes or No."""
    authority: bool = False
    """The question asks for the order or decision behind the port."""
    own: bool = False
    """It asks whether the place is a port on its own ("is sandusky its own port?"): a part of one is not."""
    member: bool = False
    """It asks whether the place is part of a port ("is friday harbor part of a port?"): inside its limits is."""
    elsewhere: tuple[Port, ...] = ()
    """Ports of the same name in other states than the one asked about ("isn't eastport in maine?": Idaho's)."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The rows it rests on."""
        p = self.place
        if p is None:
            return ()
        rows = [x.cite for port in (*p.ports, *p.part_of) for x in port.listings]
        named: tuple[CustomsStation | ServicePort | PreclearanceOffice, ...] = (
            *p.stations,
            *p.supervises,
            *p.service_ports,
            *p.offices,
            *p.region_offices,
        )
        rows += [x.cite for x in named]
        listed: tuple[PortListing | CustomsStation | Center, ...] = (
            *p.included_in,
            *p.consolidated,
            *p.mail_for,
            *p.centers,
        )
        rows += [x.cite for x in listed]
        return tuple(dict.fromkeys(_row(c.ref, c.line) for c in rows))


ORDER_NUMBER = re.compile(r"(?<![\w-])\d{1,4}-\d{1,4}(?![\w-])")
"""The number of an order as 101.3(b)(1) cites it: "83-253" in "T.D. 83-253", "18-03" in "CBP Dec. 18-03"."""


@dataclass(frozen=True, slots=True)
class PortLimits:
    """The limits of ports as printed (101.3(b)(1))."""

    name: str
    """The port name asked about."""
    listings: tuple[PortListing, ...]
    """Its rows (one per state it is listed under); empty when no port has that name."""
    asked: tuple[str, ...] = ()
    """Other places the question asks it to include ("does Trout River take in Chateaugay?")."""
    polar: bool = False
    """A yes/no question."""
    only: bool = False
    """It asks whether the port is only what it names ("just the two cities?")."""
    orders: tuple[str, ...] = ()
    """Order numbers the question names ("was it created by T.D. 93-75?": "93-75")."""

    @property
    def cites_an_order_asked(self) -> bool:
        """Whether a row of the port cites one of the order numbers the question names."""
        return bool(set(self.orders) & {n for x in self.listings for n in ORDER_NUMBER.findall(x.limits)})

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The rows it rests on."""
        return tuple(_row(x.cite.ref, x.cite.line) for x in self.listings)


@dataclass(frozen=True, slots=True)
class PortsInState:
    """The ports of entry listed under a state heading (or under every heading)."""

    state: str | None
    """The state; None for the whole list."""
    listings: tuple[PortListing, ...]
    """Its rows, in document order."""
    polar: bool = False
    """Asked as "is there a port of entry in ...?"."""
    compare: tuple[str, int] | None = None
    """The count a state must have ("which states have more than 10 ports?"); for one state, the count a yes/no
    question gives ("hawaii only has one port, right?": No)."""
    besides: tuple[str, ...] = ()
    """Names a yes/no question sets aside ("any besides wilmington?"): Yes only if others are listed."""
    only: tuple[str, ...] = ()
    """Names a yes/no question says are the only ones ("are nogales and douglas the only ports in arizona?"): Yes
    only if nothing else is listed."""
    existence: bool = True
    """A yes/no question asks whether any are listed ("are there ports in ...?"), not what the listed ones are
    ("are the virgin islands ports 'ports of entry'?")."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The rows it rests on."""
        return tuple(_row(x.cite.ref, x.cite.line) for x in self.listings)


@dataclass(frozen=True, slots=True)
class DrawbackPorts:
    """The ports marked "+" for a drawback unit/office."""

    listings: tuple[PortListing, ...]
    """Their rows."""
    asked: Place | None = None
    """A place the question asks about ("does houston have a drawback unit?")."""
    polar: bool = False
    """A yes/no question."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The rows it rests on."""
        return tuple(_row(x.cite.ref, x.cite.line) for x in self.listings)


@dataclass(frozen=True, slots=True)
class StationsInState:
    """The Customs stations printed under a state heading."""

    state: str
    """The state."""
    stations: tuple[CustomsStation, ...]
    """Its stations, in document order."""
    polar: bool = False
    """Asked as "are there customs stations in ...?"."""
    compare: tuple[str, int] | None = None
    """The count each state is compared with ("which states have no customs station?"), or the one state's."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The rows it rests on."""
        return tuple(_row(s.cite.ref, s.cite.line) for s in self.stations)


@dataclass(frozen=True, slots=True)
class StationSupervisor:
    """The supervisory port of the stations with a name."""

    name: str
    """The name asked about."""
    stations: tuple[CustomsStation, ...]
    """Stations with that name (empty: it is not a station)."""
    place: Place | None
    """Every reading of the name, to say what it is instead."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The rows it rests on."""
        return tuple(_row(s.cite.ref, s.cite.line) for s in self.stations)


@dataclass(frozen=True, slots=True)
class StationsOfPort:
    """The Customs stations whose supervisory port has a name."""

    name: str
    """The port name as the user wrote it, or the tables spell it."""
    stations: tuple[CustomsStation, ...]
    """The stations it supervises, in document order."""
    place: Place | None
    """Every reading of the name."""
    polar: bool = False
    """Asked yes or no ("does roma supervise any stations?"): Yes when it supervises one."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The rows it rests on."""
        return tuple(_row(s.cite.ref, s.cite.line) for s in self.stations)


@dataclass(frozen=True, slots=True)
class ServicePorts:
    """Customs service ports (101.3(b)(2)) in a state, or all of them."""

    state: str | None
    """The state; None for all."""
    rows: tuple[ServicePort, ...]
    """The service ports."""
    polar: bool = False
    """Asked as "is there a service port in ...?"."""
    compare: tuple[str, int] | None = None
    """The count a state must have ("which states have at least 3 service ports?"), or the one state's."""
    besides: tuple[str, ...] = ()
    """Names a yes/no question sets aside ("another one besides seattle?"): Yes only if others are listed."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The rows it rests on."""
        return tuple(_row(s.cite.ref, s.cite.line) for s in self.rows)


@dataclass(frozen=True, slots=True)
class Preclearance:
    """Preclearance offices (101.5) in a country, a city or a province, or all of them."""

    asked: str
    """The place asked about as written ("" for all)."""
    offices: tuple[PreclearanceOffice, ...]
    """The offices there (empty: none listed there)."""
    all_offices: tuple[PreclearanceOffice, ...]
    """Every office, for "the offices are in ..."."""
    polar: bool = False
    """Asked as "is there preclearance in ...?"."""
    only: tuple[str, ...] = ()
    """Offices the question says are the only ones ("is it only Nassau?")."""
    country: str = ""
    """The country of a city asked about that 101.5 does not list ("cork ireland"): its offices are named."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The rows it rests on."""
        return tuple(_row(o.cite.ref, o.cite.line) for o in self.offices)


@dataclass(frozen=True, slots=True)
class ClearanceRoute:
    """A trip: preclearance at the origin, and what the destination is."""

    origin: Preclearance | None
    """Preclearance where the trip starts (None when no origin was named)."""
    destination: PlaceFacts | None
    """The place the trip ends (None when not named)."""
    polar: bool = False
    """Asked as "do I clear customs in ...?": Yes when precleared there."""
    at_arrival: bool = False
    """The yes/no question names only where the trip ends ("do I clear customs in Boston?"): Yes when not
    precleared."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The rows it rests on."""
        return (self.origin.citations if self.origin else ()) + (self.destination.citations if self.destination else ())


@dataclass(frozen=True, slots=True)
class Centers:
    """Centers of Excellence and Expertise (101.10(a)) for some goods, a city, or all."""

    centers: tuple[Center, ...]
    """The Centers that match (all of them when nothing was asked)."""
    by: str
    """What chose them: goods, office, all."""
    asked: str = ""
    """What was asked ("sneakers", "Buffalo"), as written."""
    polar: bool = False
    """A yes/no question."""
    office: str = ""
    """A city or state the question asks the Centers to be managed from, besides the goods."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The rows it rests on."""
        return tuple(_row(c.cite.ref, c.cite.line) for c in self.centers)


@dataclass(frozen=True, slots=True)
class HolidayDate:
    """When a named day falls in a year and whether CBP offices close for it."""

    day: DayName
    """The day asked about."""
    date: dt.date
    """Its date that year."""
    closure: Closure | None
    """The closure it gives (None: offices are not closed for it)."""
    polar: bool = False
    """A yes/no question ("is Juneteenth a CBP holiday?")."""
    asks_open: bool = False
    """The yes/no question asks whether offices are open that day (not whether it is a holiday)."""
    business: bool = False
    """The question asks whether it is a business day: the answer says so in the words of 101.1."""


@dataclass(frozen=True, slots=True)
class HolidayList:
    """The holiday closures in a year, or in some months of it."""

    year: int
    """The year."""
    closures: tuple[Closure, ...]
    """Closures in date order."""
    months: tuple[int, ...] = ()
    """The months, when asked about some ("the february and the may holidays"), in the order asked."""
    weekdays: tuple[int, ...] = ()
    """Only the closures on these weekdays (Monday=0), when asked ("which monday in january")."""
    set_aside: tuple[str, ...] = ()
    """Holidays the question left out ("not new year's"), by name."""


@dataclass(frozen=True, slots=True)
class DayStatus:
    """Whether CBP offices are open on a date."""

    day: dt.date
    """The date."""
    closure: Closure | None
    """The holiday closure that day, if any."""
    named: DayName | None = None
    """A named day the user gave the date by, that is not a closure ("Black Friday")."""
    polar: bool = True
    """A yes/no question."""
    asks_closed: bool = False
    """The question asks whether offices are closed (Yes when they are)."""
    moved: Closure | None = None
    """A holiday whose own date this is, observed on another day (Veterans Day on a Saturday)."""
    business: bool = False
    """The question asks whether it is a business day: the answer says so in the words of 101.1."""

    @property
    def open(self) -> bool:
        """A business day."""
        return self.day.weekday() < 5 and self.closure is None


@dataclass(frozen=True, slots=True)
class BusinessDayShift:
    """N business days after or before a date."""

    start: dt.date
    """The date counted from."""
    n: int
    """Business days: positive after, negative before."""
    result: dt.date
    """The date reached."""
    skipped: tuple[tuple[dt.date, Closure | None], ...]
    """Closed days passed over (None: a weekend day)."""
    counts_start: bool = False
    """The start date, if a business day, is day 1 ("5 business days starting tomorrow")."""


@dataclass(frozen=True, slots=True)
class BusinessDayCount:
    """The business days between two dates."""

    start: dt.date
    """The first date (counted only when ``inclusive``)."""
    end: dt.date
    """The last date (counted if a business day)."""
    days: tuple[dt.date, ...]
    """The business days counted."""
    closures: tuple[Closure, ...]
    """Holiday closures in the days counted."""
    inclusive: bool = False
    """The first date is counted too."""
    period: str = ""
    """The month or year counted, as it is called ("January 2028"); empty for two dates."""
    position: int = 0
    """1 when the first business day of the period is asked, -1 the last; 0 how many there are."""


@dataclass(frozen=True, slots=True)
class Hours:
    """CBP's hours of business, and whether a weekday asked about is a business day."""

    weekday: int | None = None
    """A weekday asked about (Monday=0), if any."""
    polar: bool = False
    """A yes/no question."""
    asks_closed: bool = False
    """The yes/no question asks whether offices are closed ("is cbp closed on saturdays?": Yes)."""
    outside: bool = False
    """It asks about services performed outside a CBP office (101.6(e))."""
    same: bool = False
    """The yes/no question asks whether those hours are the same as the office's."""
    business: bool = False
    """It asks whether the weekday is a business day (101.1), not only whether offices are open."""


@dataclass(frozen=True, slots=True)
class Definitions:
    """Terms defined in 101.1."""

    terms: tuple[Definition, ...]
    """The definitions asked about, in the order asked."""
    polar: bool = False
    """A yes/no question about a definition."""
    only: bool = False
    """It asks whether the term means only something ("does 'duties' only mean customs duties?")."""
    compared: bool = False
    """It sets two kinds of place side by side ("station vs port?"): every term is asked, none is context."""


def meaning(term: Definition) -> str:
    """What a term is defined to mean, lower case ("u.s. customs and border protection"); its name if no "means".

    Two terms are one thing when they mean the same words ("Customs" and "CBP").
    """
    m = re.search(r"\bmeans?\s+(.+?)\.?$", term.text)
    return m[1].lower() if m else term.term


@dataclass(frozen=True, slots=True)
class Snippet:
    """The sentences of the passages that answer a question, with any list their lead-in announces."""

    sentences: tuple[Evidence, ...]
    """One or two sentences, each a verbatim quote of its passage, in reading order."""
    items: tuple[Evidence, ...] = ()
    """The list a sentence ending in ":" introduces, each item with its own passage."""
    lead: str = ""
    """"Yes" or "No" when the passage settles a yes/no question, else empty."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The quotes it rests on."""
        return self.sentences + self.items


@dataclass(frozen=True, slots=True)
class Expansion:
    """What an abbreviation stands for, as the sources spell it out ("National Customs Automation Program (NCAP)")."""

    abbreviation: str
    """As the sources write it ("NCAP")."""
    words: str
    """What it stands for."""
    where: Evidence
    """The words and the abbreviation, quoted from the passage that spells it out."""
    sentence: Evidence | None = None
    """The sentence that spells it out, when the question asks what it is ("whats APIS"), not what it stands for."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The quotes it rests on."""
        return (self.where,) if self.sentence is None else (self.where, self.sentence)


@dataclass(frozen=True, slots=True)
class Outline:
    """What a section of the regulation holds: its title and the heading of each of its paragraphs, in order."""

    section: str
    """The section as named ("19 CFR 101.2")."""
    title: str
    """Its title ("Authority of Customs officers")."""
    parts: tuple[tuple[str, Evidence], ...]
    """Each paragraph's label ("(a)", or the term a definition defines) and its heading, quoted."""

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The headings it rests on."""
        return tuple(e for _, e in self.parts)


@dataclass(frozen=True, slots=True)
class FederalRegisterDocument:
    """One document a source note cites: "CBP Dec. 14-09, 79 FR 46349, Aug. 8, 2014"."""

    name: str
    """"T.D. 77-241", "CBP Dec. 14-09"; empty for a notice cited by its Federal Register page alone."""
    register: str
    """Where the Federal Register printed it ("79 FR 46349")."""
    date: str
    """As the note writes it ("Aug. 8, 2014")."""
    year: int
    """The year of ``date``."""


@dataclass(frozen=True, slots=True)
class SectionHistory:
    """When a section of the regulation was issued and amended, as its source note cites the documents."""

    section: str
    """"19 CFR 101.5"."""
    title: str
    """"Preclearance offices in foreign countries"."""
    documents: tuple[FederalRegisterDocument, ...]
    """The document that issued the section's text, then the amendments, in the note's order (oldest first)."""
    note: Evidence
    """The source note, quoted."""
    elsewhere: Evidence | None = None
    """The editorial note that sends the reader to the List of CFR Sections Affected for later changes."""
    after: int | None = None
    """The year a yes/no question asks about ("amended since 2014?")."""

    @property
    def lead(self) -> str:
        """Yes or No to "was it amended after YEAR?".

        Empty when not asked, or when later changes are listed elsewhere (the note is then not the whole history).
        """
        years = [d.year for d in self.documents[1:]]
        if self.after is None or self.elsewhere is not None or self.after in years:
            return ""  # (amended in the year asked: "since" would say Yes, "after" No)
        return "Yes" if any(y > self.after for y in years) else "No"

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """The notes it rests on."""
        return (self.note,) if self.elsewhere is None else (self.note, self.elsewhere)


Result = (
    PlaceFacts
    | PortLimits
    | PortsInState
    | DrawbackPorts
    | StationsInState
    | StationSupervisor
    | StationsOfPort
    | ServicePorts
    | Preclearance
    | ClearanceRoute
    | Centers
    | HolidayDate
    | HolidayList
    | DayStatus
    | BusinessDayShift
    | BusinessDayCount
    | Hours
    | Definitions
    | Snippet
    | Expansion
    | Outline
    | SectionHistory
)
"""Anything a tool returns."""


def listed(result: Result) -> int | None:
    """How many things a list answer names ("Arizona has 1 service port"); None for any other answer."""
    if isinstance(result, DrawbackPorts) and result.asked is not None:
        return None  # "does houston have a drawback office?" asks about one place
    if isinstance(result, PortsInState | ServicePorts) and result.state is None and result.compare is not None:
        return None  # "does any state have more than 30 ports?": counted state by state
    if isinstance(result, PortsInState | DrawbackPorts | StationsInState | StationsOfPort | ServicePorts | Preclearance
                  | Centers):  # fmt: skip
        return len(result.citations)
    if isinstance(result, HolidayList):
        return len(result.closures)
    return None
