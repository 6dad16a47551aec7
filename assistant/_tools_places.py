"""Tools over the regulation's tables: ports, limits, stations, service ports, preclearance, Centers.

Each tool reads the records the question names and returns them as a typed
result; it never words an answer (``_render`` does) and never guesses: a name
the tables do not know comes back as unknown, and says so.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from corpus import PreclearanceOffice

from ._gazetteer import Place
from ._registry import Context, Request, tool
from ._results import (
    ORDER_NUMBER,
    Centers,
    ClearanceRoute,
    DrawbackPorts,
    PlaceFacts,
    PortLimits,
    PortsInState,
    Preclearance,
    ServicePorts,
    StationsInState,
    StationsOfPort,
    StationSupervisor,
)
from ._understand import Slots

__all__: list[str] = []  # tools register themselves in TOOLS


class _Name(BaseModel):
    name: str = Field(description="A place name as the user wrote it, e.g. 'Otay Mesa' or 'Portland'")
    state: str | None = Field(default=None, description="Optional US state name or postal code to narrow it")


class _State(BaseModel):
    state: str | None = Field(default=None, description="US state name or postal code; empty for all states")


class _Place(BaseModel):
    place: str | None = Field(default=None, description="A country, province or city, e.g. 'Ireland'; empty for all")


class _Trip(BaseModel):
    origin: str = Field(description="Where the trip starts, e.g. 'Shannon'")
    destination: str | None = Field(default=None, description="Where it ends in the US, e.g. 'Boston'")


class _Goods(BaseModel):
    goods: str | None = Field(default=None, description="Goods or an industry, e.g. 'auto parts'")
    city: str | None = Field(default=None, description="A management office city, e.g. 'Buffalo'")


class _Nothing(BaseModel):
    pass


PORTS_HOME = (
    "19 CFR 101.3",
    "19 CFR 101.1 (Port and",
    "19 CFR 101.1 (Service port)",
    "19 CFR 101.1 (Customs territory",
)
STATIONS_HOME = ("19 CFR 101.4", "19 CFR 101.1 (Customs station)")


def _places(slots: Slots) -> tuple[Place, ...]:
    return slots.places or slots.weak_places


def _besides(req: Request, ctx: Context) -> tuple[str, ...]:
    """The names a yes/no question sets aside ("any ports in delaware besides wilmington?"): the rest is asked."""
    return tuple(p.name for p in _places(req.slots)) if req.slots.polar and _asks_others(req, ctx) else ()


def _asks_others(req: Request, ctx: Context) -> bool:
    """Whether the question asks about the rest of a list ("besides nassau, another office in the bahamas?")."""
    return re.search(rf"\b(?:{ctx.gazetteer.vocabulary.pattern('others_cues')})\b", req.text, re.I) is not None


def _asked(slots: Slots) -> str:
    """What the question asks a place to be ("" when it names no kind: "where is X?", "is that in Maine?")."""
    kinds = [k for k in slots.kinds if k != "center"] or list(slots.kinds)
    return kinds[0] if kinds else ""


@tool("lookup_place", _Name, needs=("places", "weak_places", "unknown"), accepts=("states", "kinds"), home=PORTS_HOME)
def lookup_place(req: Request, ctx: Context) -> PlaceFacts | None:
    """What a place is in the regulation, and the state it is listed under.

    Port of entry, part of one, Customs station, service port, preclearance office, Center office, or not listed.
    """
    s = req.slots
    state = s.states[0] if len(s.states) == 1 else None  # "the delaware one or the north carolina one?": both
    # "is fort erie ontario a port of entry?": the town is asked; the province only says where it is
    for place in s.places or (() if s.unknown else s.weak_places):
        narrowed = place.narrowed(state) if state else place.abroad(s.countries[0]) if len(s.countries) == 1 else place
        elsewhere = tuple(p for p in place.ports if p not in narrowed.ports) if narrowed is not place else ()
        member = re.search(rf"\b(?:{ctx.gazetteer.vocabulary.pattern('membership_cues')})\b", req.text, re.I)
        return PlaceFacts(place.name, narrowed, _asked(s), state, s.polar, s.authority, s.exclusive,
                          member=member is not None, elsewhere=elsewhere)  # fmt: skip
    if s.unknown:
        return PlaceFacts(s.unknown[0], None, _asked(s), state, s.polar)
    return None


@tool("port_limits", _Name, needs=("places", "weak_places", "unknown"), accepts=("states",), home=PORTS_HOME)
def port_limits(req: Request, ctx: Context) -> PortLimits | PlaceFacts | None:
    """The limits of a port of entry as printed in 101.3(b)(1).

    The places it includes and the orders that set them.
    """
    s = req.slots
    places = _places(s)
    for place in places:
        narrowed = place.narrowed(s.states[0]) if s.states else place
        ports = narrowed.ports or narrowed.part_of
        if ports:
            others = tuple(p.name for p in places if p is not place) + s.unknown
            return PortLimits(place.name, tuple(x for p in ports for x in p.listings), others, s.polar,
                              s.exclusive or s.compare is not None and s.compare[0] == "==",
                              tuple(ORDER_NUMBER.findall(req.text)))  # fmt: skip
    for place in places:
        narrowed = place.narrowed(s.states[0]) if s.states else place
        return PlaceFacts(place.name, narrowed, _asked(s), s.states[0] if s.states else None, s.polar)
    return lookup_place(req, ctx)


@tool("ports_in_state", _State, accepts=("states",), home=PORTS_HOME)
def ports_in_state(req: Request, ctx: Context) -> PortsInState:
    """The ports of entry listed under a state in 101.3(b)(1) (all states when none is given)."""
    s = req.slots
    state = s.states[0] if s.states else None
    rows = tuple(x for x in ctx.corpus.listings if state is None or x.state == state)
    cue = rf"\b(?:{ctx.gazetteer.vocabulary.pattern('existence_cues')})\b"
    only = tuple(p.name for p in _places(s)) if s.polar and s.exclusive else ()
    return PortsInState(state, rows, s.polar, s.compare, _besides(req, ctx), only,
                        re.search(cue, req.text, re.I) is not None)  # fmt: skip


@tool("drawback_ports", _Place, accepts=("places",), home=PORTS_HOME)
def drawback_ports(req: Request, ctx: Context) -> DrawbackPorts:
    """The ports marked "+" in 101.3(b)(1), which indicates a drawback unit/office; whether a place has one."""
    places = _places(req.slots)
    return DrawbackPorts(tuple(x for x in ctx.corpus.listings if x.drawback), places[0] if places else None,
                         req.slots.polar)  # fmt: skip


@tool("stations_in_state", _State, accepts=("states",), home=STATIONS_HOME)
def stations_in_state(req: Request, ctx: Context) -> StationsInState | None:
    """The Customs stations listed under a state in 101.4(c)(2), with their supervisory ports."""
    s = req.slots
    state = s.states[0] if s.states else None
    if state is None:
        return StationsInState("", tuple(ctx.corpus.stations), s.polar, s.compare)
    return StationsInState(state, tuple(x for x in ctx.corpus.stations if x.state == state), s.polar, s.compare)


@tool("station_supervisor", _Name, needs=("places", "weak_places", "unknown"), accepts=("states",), home=STATIONS_HOME)
def station_supervisor(req: Request, ctx: Context) -> StationSupervisor | None:
    """The port of entry that supervises a Customs station (101.4(c)(2)), exactly as written."""
    s = req.slots
    for place in _places(s):
        narrowed = place.narrowed(s.states[0]) if s.states else place
        return StationSupervisor(place.name, narrowed.stations, narrowed)
    if s.unknown:
        return StationSupervisor(s.unknown[0], (), None)
    return None


@tool("stations_of_port", _Name, needs=("places", "weak_places", "unknown"), accepts=("states",), home=STATIONS_HOME)
def stations_of_port(req: Request, ctx: Context) -> StationsOfPort | None:
    """The Customs stations a port of entry supervises (101.4(c)(2))."""
    s = req.slots
    for place in _places(s):
        narrowed = place.narrowed(s.states[0]) if s.states else place
        ids = {p.id for p in (*narrowed.ports, *narrowed.part_of)}
        stations = tuple(x for x in ctx.corpus.stations if x.supervisory_port_id in ids) + narrowed.supervises
        return StationsOfPort(place.name, tuple(dict.fromkeys(stations)), narrowed, s.polar)
    if s.unknown:
        return StationsOfPort(s.unknown[0], (), None, s.polar)
    return None


@tool("service_ports", _State, accepts=("states", "places"), home=PORTS_HOME)
def service_ports(req: Request, ctx: Context) -> ServicePorts | PlaceFacts:
    """The Customs service ports of 101.3(b)(2) in a state (all when none is given); or whether a place is one."""
    s = req.slots
    if not s.states and _places(s):
        place = _places(s)[0]
        return PlaceFacts(place.name, place, "service_port", None, s.polar)
    state = s.states[0] if s.states else None
    rows = tuple(x for x in ctx.corpus.service_ports if state is None or x.state == state)
    return ServicePorts(state, rows, s.polar, s.compare, _besides(req, ctx))


def _offices(place: Place) -> tuple[PreclearanceOffice, ...]:
    return place.offices or place.region_offices


@tool("preclearance", _Place, accepts=("countries", "places", "unknown"), home=("19 CFR 101.5",))
def preclearance(req: Request, ctx: Context) -> Preclearance:
    """CBP preclearance offices in foreign countries (101.5): in a country, city or province, or all of them."""
    s = req.slots
    every = ctx.corpus.preclearance
    if s.countries and s.unknown and not any(p.offices for p in _places(s)):
        # "cork ireland": the city is asked, the country only says where it is
        country = s.countries[0]
        return Preclearance(s.unknown[0], (), every, s.polar, country=country)
    # "is nassau the only one in the bahamas?", "is calgary the only one in alberta?": the names checked against
    # the whole list of the country or the province
    only = tuple(p.name for p in _places(s) if p.offices) if s.exclusive else ()
    if s.countries:
        country = s.countries[0]
        inside = [p for p in _places(s) if any(o.country == country for o in p.offices)]
        if len(inside) == 1 and not s.exclusive and not _asks_others(req, ctx):  # "vancouver canada": the city is asked
            return Preclearance(inside[0].name, _offices(inside[0]), every, s.polar)
        return Preclearance(country, tuple(o for o in every if o.country == country), every, s.polar, only)
    region = next((p for p in _places(s) if p.only_a_region), None)
    if s.exclusive and region is not None:
        return Preclearance(region.name, region.region_offices, every, s.polar, only)
    if s.unknown and all(not p.offices for p in _places(s)):  # "victoria bc": Victoria is asked, BC only says where
        return Preclearance(s.unknown[0], (), every, s.polar)
    for place in _places(s):
        return Preclearance(place.name, _offices(place), every, s.polar)
    if s.states:  # a US state has no preclearance office: they are in foreign countries
        return Preclearance(s.states[0], (), every, s.polar)
    return Preclearance("", every, every, s.polar)


@tool(
    "clearance_route",
    _Trip,
    needs=("places", "weak_places", "unknown", "countries"),
    home=("19 CFR 101.5",),
    joins=("places", "countries"),
)
def clearance_route(req: Request, ctx: Context) -> ClearanceRoute | None:
    """Where a traveler flying to the US goes through US customs.

    Preclearance at the origin if 101.5 lists an office there, and what the destination is.
    """
    s = req.slots
    every = ctx.corpus.preclearance
    places = list(_places(s))
    foreign = [p for p in places if _offices(p)]
    domestic = [p for p in places if p not in foreign and (p.ports or p.part_of or p.included_in or p.stations
                                                            or p.service_ports)]  # fmt: skip
    origin: Preclearance | None = None
    if foreign:
        origin = Preclearance(foreign[0].name, _offices(foreign[0]), every, True)
    elif s.countries:
        origin = Preclearance(s.countries[0], tuple(o for o in every if o.country == s.countries[0]), every, True)
    elif s.unknown:
        origin = Preclearance(s.unknown[0], (), every, True)
    destination = PlaceFacts(domestic[0].name, domestic[0], "port", None, False) if domestic else None
    if origin is None and destination is None:
        return None

    # the origin told in a statement before the question ("flying from Dublin. do I clear customs in Boston?")
    def named(place: Place) -> bool:
        return re.search(rf"\b{re.escape(place.name)}\b", req.text, re.I) is not None

    at_arrival = bool(foreign and any(map(named, domestic)) and not any(map(named, foreign)))
    return ClearanceRoute(origin, destination, s.polar, at_arrival)


@tool("centers", _Goods, accepts=("goods", "places", "states"), home=("19 CFR 101.10", "19 CFR 101.1 (Center"))
def centers(req: Request, ctx: Context) -> Centers:
    """The Centers of Excellence and Expertise (101.10(a)) for some goods, managed from a city or state, or all."""
    s = req.slots
    every = ctx.corpus.centers
    if s.goods:
        office = _places(s)[0].name if _places(s) else (s.states[0] if s.states else "")
        return Centers(s.goods, "goods", polar=s.polar, office=office)
    for place in _places(s):
        return Centers(place.centers, "office", place.name, s.polar)
    if s.states:
        state = s.states[0]
        return Centers(tuple(c for c in every if c.office.endswith(", " + state)), "office", state, s.polar)
    if s.unknown:
        return Centers((), "office", s.unknown[0], s.polar)
    return Centers(every, "all", polar=s.polar)
