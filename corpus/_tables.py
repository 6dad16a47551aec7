"""Read the regulation's flattened tables into typed records.

The eCFR capture printed each table row as one string with no separator
between cells ("HuntsvilleT.D. 83-196.", "CaliforniaLos Angeles.",
"Kaktovik (Barter Island)Fairbanks."). Each table has its own splitting rule,
stated beside it. Rows are never dropped or merged: a row that cannot be read
is a SourceError, and every record keeps its printed row as a verbatim quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ._errors import SourceError
from ._records import (
    Center,
    CustomsStation,
    Port,
    PortListing,
    PreclearanceOffice,
    ServicePort,
)
from ._regulation import Line, ParsedRegulation
from ._states import STATES, postal_code, resolve_state

__all__ = ["Tables", "parse_tables"]

PORTS_REF = "19 CFR 101.3(b)(1)"
SERVICE_PORTS_REF = "19 CFR 101.3(b)(2)"
STATIONS_REF = "19 CFR 101.4(c)(2)"
PRECLEARANCE_REF = "19 CFR 101.5"
CENTERS_REF = "19 CFR 101.10(a)"
VIRGIN_ISLANDS = "Virgin Islands, U.S."

# Where a port row's "limits of port" cell starts: every limits text in the
# table opens with one of these (or with a digit, as in "San Jose95-80").
_LIMITS_START = re.compile(
    r"T\.D\.|Including|Included|Includes|E\.O\.|CBP Dec\.|Pub\.L\.|Consolidated port|\(Restated|\d"
)
# In a limits text: the order or decision that set the limits, up to the end of the part ("..., E.O. 4572, Jan. 27").
_AUTHORITY = re.compile(r",?\s*(?:and\s+)?(?:E\.O\.|T\.D\.s?|CBP Dec\.|Pub\.L\.).*$")
# Separators of a list of places: commas and "and", but not the comma before a state code ("Kansas City, KS").
_PLACE_LIST = re.compile(r",(?!\s*(?:[A-Z]{2}|N\.H)\b)\s*(?:and\s+)?|\s+and\s+")
# A state named inside a port name: "Mobile, AL", "Portsmouth, N.H", "TN/VA".
_STATE_IN_NAME = re.compile(r"(?:,\s*|/)(N\.H|[A-Z]{2})(?=$|[-/\s,])")
# Cell boundary in rows whose first cell ends in a lower-case letter or ")".
_CELL_BOUNDARY = re.compile(r"(?<=[a-z)])(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class Tables:
    """Every table of Part 101 that portentry answers from."""

    ports: tuple[Port, ...]
    listings: tuple[PortListing, ...]
    service_ports: tuple[ServicePort, ...]
    stations: tuple[CustomsStation, ...]
    preclearance: tuple[PreclearanceOffice, ...]
    centers: tuple[Center, ...]


def _rows(parsed: ParsedRegulation, ref: str, header: Sequence[str], file: str) -> list[Line]:
    """The lines of the table under ``header`` in paragraph ``ref``, up to the next blank line."""
    lines = parsed.lines.get(ref, ())
    texts = [line.text for line in lines]
    for i in range(len(texts) - len(header) + 1):
        if texts[i : i + len(header)] == list(header):
            rows: list[Line] = []
            for line in lines[i + len(header) :]:
                if line.gap_before and rows:
                    break
                rows.append(line)
            if rows:
                return rows
    raise SourceError(f"{file}: the table {header[0]!r} in {ref} was not found")


def _states_named(name: str) -> set[str]:
    return {s for code in _STATE_IN_NAME.findall(name) if (s := resolve_state(code))}


def _base(name: str) -> str:
    return " ".join(_STATE_IN_NAME.sub("", name).split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _normal(name: str) -> str:
    """The printed name with a space after every comma ("Davenport,IA-" -> "Davenport, IA-")."""
    return " ".join(re.sub(r",(?=\S)", ", ", name).split())


def _port_rows(parsed: ParsedRegulation, file: str) -> list[tuple[str, str, str, bool, Line]]:
    """(state, printed name, limits, drawback, line) for every port row."""
    out = []
    state = ""
    for line in _rows(parsed, PORTS_REF, ["Ports of entry Limits of port"], file):
        if line.text in STATES:
            state = line.text
            continue
        drawback = line.text.startswith("+ ")
        body = line.text[2:] if drawback else line.text
        m = _LIMITS_START.search(body)
        name, limits = (body[: m.start()], body[m.start() :]) if m else (body, "")
        if not state or not name.strip() or not re.search(r"[A-Za-z.]$", name.strip()):
            raise SourceError(f"{file} line {line.lineno}: cannot read port row {line.text!r}")
        out.append((state, name.strip(), limits.strip(), drawback, line))
    return out


def _places_in(text: str) -> list[str]:
    """Place names in a list such as "Mount Desert Island, the city of Ellsworth, and the townships of Hancock"."""
    text = re.sub(r"\s*\([^)]*\)", "", text)  # "towns (townships) of"
    text = re.sub(r"\b([A-Z]\w+) and ([A-Z]\w+) Counties\b", r"\1 County and \2 County", text)
    out = []
    for item in _PLACE_LIST.split(text):
        words = item.split()
        while words and not words[0][:1].isupper():  # "the city of", "townships of", "all territory within"
            words.pop(0)
        if name := " ".join(words).rstrip("."):
            out.append(name)
    return out


def _read_limits(limits: str) -> tuple[str, tuple[str, ...], str, str]:
    """(area, places included, consolidated port it is part of, mailing address) as the limits text states them.

    The text mixes the territory with the orders that set it ("Including Lubec and Cutler, E.O. 4296, Aug. 26,
    1925."): only the territory names are read, and "territory described in T.D. ..." names none.
    """
    included: list[str] = []
    areas: list[str] = []
    consolidated = mail = ""
    for part in re.split(r";\s*|\.\s+(?=Mail:)", limits):
        part = part.strip().rstrip(".")
        if part.startswith("Mail:"):
            mail = part.removeprefix("Mail:").strip()
            continue
        if m := re.match(r"Included in the (Consolidated Port of .+?) described in", part):
            consolidated = m[1]
            continue
        m = re.match(r"(?:Including|including|Consolidated port includes|includes)\s+(.*)", part)
        body = m[1] if m else part
        body = _AUTHORITY.sub("", body).strip()
        if not body or "described" in body or re.search(r"\d", body) or (not m and not body[:1].isupper()):
            continue
        if not m and (body.startswith(("Consolidated", "Restated")) or _LIMITS_START.match(body)):
            continue
        areas.append(body)
        included += _places_in(body)
    return "; ".join(areas), tuple(dict.fromkeys(included)), consolidated, mail


def _group_ports(
    rows: list[tuple[str, str, str, bool, Line]], parsed: ParsedRegulation
) -> tuple[tuple[Port, ...], tuple[PortListing, ...]]:
    """Join the rows that list one port under several states; never join same-named ports.

    Two rows are one port when their names agree once state codes are removed
    and one name names the other's state ("Portsmouth, N.H" under Maine and
    "Portsmouth" under New Hampshire). Plain equal names in different states
    (Portland, Maine and Portland, Oregon) stay different ports.
    """
    group = list(range(len(rows)))
    for i, (s1, n1, *_rest) in enumerate(rows):
        for j in range(i):
            s2, n2 = rows[j][0], rows[j][1]
            if s1 != s2 and _base(n1) == _base(n2) and (s2 in _states_named(n1) or s1 in _states_named(n2)):
                group[i] = group[j]
    ports: list[Port] = []
    listings: list[PortListing] = []
    for g in dict.fromkeys(group):
        members = [rows[i] for i in range(len(rows)) if group[i] == g]
        states = tuple(dict.fromkeys(r[0] for r in members))
        # The port's own name: the spelling that names no state other than its own heading.
        name = _normal(min(members, key=lambda r: len(_states_named(r[1]) - {r[0]}))[1])
        port_id = _slug(_base(name)) + "-" + "-".join(postal_code(s).lower() for s in states)
        port_listings = tuple(
            PortListing(
                name=name,
                printed_name=printed,
                state=state,
                limits=limits,
                drawback=drawback,
                area=(read := _read_limits(limits))[0],
                included=read[1],
                consolidated_in=read[2],
                mail=read[3],
                port_id=port_id,
                cite=parsed.cite(PORTS_REF, line),
            )
            for state, printed, limits, drawback, line in members
        )
        ports.append(
            Port(
                id=port_id,
                name=name,
                states=states,
                listings=port_listings,
                # 101.1 (Port and port of entry): the Virgin Islands ports are
                # outside the customs territory and not "ports of entry".
                in_customs_territory=VIRGIN_ISLANDS not in states,
            )
        )
    listings = sorted((x for p in ports for x in p.listings), key=lambda x: x.cite.lineno)
    return tuple(ports), tuple(listings)


def _split_first_cell(
    rows: list[Line], *, is_heading: Callable[[str], bool], split: Callable[[str], tuple[str, str] | None]
) -> list[tuple[str, str, Line]]:
    """(heading, cell, line) for tables printed as "HeadingCell." then "Cell." continuation rows."""
    out = []
    heading = ""
    for line in rows:
        parts = split(line.text)
        if parts and is_heading(parts[0]):
            heading, cell = parts
        else:
            cell = line.text
        out.append((heading, cell.removesuffix("."), line))
    return out


def _state_prefix(text: str) -> tuple[str, str] | None:
    """Split "New JerseyNew York/Newark." after the state name (a capital follows the name)."""
    for name in sorted([*STATES, "Virgin Islands"], key=len, reverse=True):
        if text.startswith(name) and text[len(name) : len(name) + 1].isupper():
            return name, text[len(name) :]
    return None


def _boundary_split(text: str) -> tuple[str, str] | None:
    m = _CELL_BOUNDARY.search(text)
    return (text[: m.start()], text[m.start() :]) if m else None


def _service_ports(parsed: ParsedRegulation, file: str) -> tuple[ServicePort, ...]:
    rows = _rows(parsed, SERVICE_PORTS_REF, ["State Service ports"], file)
    table = _split_first_cell(rows, is_heading=lambda s: resolve_state(s) is not None, split=_state_prefix)
    return tuple(
        ServicePort(name=cell, state=resolve_state(state) or state, cite=parsed.cite(SERVICE_PORTS_REF, line))
        for state, cell, line in table
    )


def _preclearance(parsed: ParsedRegulation, file: str) -> tuple[PreclearanceOffice, ...]:
    rows = _rows(parsed, PRECLEARANCE_REF, ["Country CBP office"], file)
    table = _split_first_cell(rows, is_heading=lambda s: True, split=_boundary_split)
    return tuple(
        PreclearanceOffice(country=country, office=office, cite=parsed.cite(PRECLEARANCE_REF, line))
        for country, office, line in table
    )


def _centers(parsed: ParsedRegulation, file: str) -> tuple[Center, ...]:
    header = ["Centers of Excellence and Expertise", "(Centers)", "Management offices"]
    out = []
    for line in _rows(parsed, CENTERS_REF, header, file):
        parts = _boundary_split(line.text)
        office = parts[1].removesuffix(".") if parts else ""
        if not parts or resolve_state(office.rpartition(", ")[2]) is None:
            raise SourceError(f"{file} line {line.lineno}: cannot read Center row {line.text!r}")
        out.append(Center(name=parts[0], office=office, cite=parsed.cite(CENTERS_REF, line)))
    return tuple(out)


def _supervisor(written: str, station_state: str, ports: tuple[Port, ...]) -> tuple[str | None, tuple[str, ...]]:
    """The 101.3 port a written supervisor names, else the ports sharing a place name with it.

    Only an exact name in the named (or the station's own) state counts as
    listed; anything else is reported as not listed, never guessed.
    """
    named = _states_named(written)
    base, _, code = written.rpartition(", ")
    exact_name, exact_state = (base, resolve_state(code)) if len(code) == 2 and base else (written, station_state)
    exact = [
        p for p in ports if exact_state in p.states and any(exact_name in (x.printed_name, x.name) for x in p.listings)
    ]
    if len(exact) == 1:
        return exact[0].id, ()
    places = {part.strip() for part in re.split(r"[-/]| and ", _base(written)) if part.strip()}
    states = named or {station_state}
    related = tuple(
        p.id
        for p in ports
        if states & set(p.states) and places & {x.strip() for x in re.split(r"[-/]| and ", _base(p.name))}
    )
    if not related:
        related = tuple(p.id for p in ports if places & set(re.split(r"[-/]| and ", _base(p.name))))
    return None, related


def _stations(parsed: ParsedRegulation, ports: tuple[Port, ...], file: str) -> tuple[CustomsStation, ...]:
    out = []
    state = ""
    for line in _rows(parsed, STATIONS_REF, ["Customs station Supervisory port of entry"], file):
        if line.text in STATES:
            state = line.text
            continue
        parts = _boundary_split(line.text)
        if not state or not parts or not parts[1].endswith("."):
            raise SourceError(f"{file} line {line.lineno}: cannot read Customs station row {line.text!r}")
        name, written = parts[0], parts[1].removesuffix(".")
        port_id, related = _supervisor(written, state, ports)
        out.append(
            CustomsStation(
                name=name,
                state=state,
                supervisory_port=written,
                supervisory_port_id=port_id,
                related_port_ids=related,
                cite=parsed.cite(STATIONS_REF, line),
            )
        )
    return tuple(out)


def parse_tables(parsed: ParsedRegulation, *, file: str) -> Tables:
    """Read every table; a row that cannot be read raises SourceError naming ``file`` and the line."""
    ports, listings = _group_ports(_port_rows(parsed, file), parsed)
    return Tables(
        ports=ports,
        listings=listings,
        service_ports=_service_ports(parsed, file),
        stations=_stations(parsed, ports, file),
        preclearance=_preclearance(parsed, file),
        centers=_centers(parsed, file),
    )
