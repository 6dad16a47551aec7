"""Exact facts from the tables, as plain-English statements with verbatim evidence.

Each function answers one kind of question from the typed records; the
evidence is always a printed row or a sentence of the passage it comes from,
so the composer's verbatim check can never fail on them. Nothing here guesses:
a name that is not listed is said to be not listed.
"""

from __future__ import annotations

import datetime as dt
import re

from corpus import Corpus, CustomsStation, Definition, Holiday, Port, PortListing, PreclearanceOffice, ServicePort

from ._records import Evidence, Statement

__all__ = [
    "centers_for", "date_status", "definition", "drawback_ports", "holiday_named", "holidays_in_year", "hours",
    "named_in_limits", "not_listed", "port_facts", "ports_in_state", "preclearance", "quote", "service_ports",
    "station_facts", "stations_in_state", "stations_supervised", "stations_supervised_by",
]  # fmt: skip

PORTS = "19 CFR 101.3(b)(1)"
SERVICE = "19 CFR 101.3(b)(2)"
STATIONS = "19 CFR 101.4(c)(2)"
PRECLEARANCE = "19 CFR 101.5"
CENTERS = "19 CFR 101.10(a)"
PORT_DEFINITION = "19 CFR 101.1 (Port and port of entry)"
_SENTENCES = re.compile(r"[^.;:!?\n]+(?:[.;:!?]+[”)]*|$)")


def quote(corpus: Corpus, ref: str, contains: str) -> Evidence:
    """The sentence of passage ``ref`` that contains ``contains`` (verbatim)."""
    text = corpus.passage(ref).text
    start = text.find(contains)
    if start < 0:
        raise LookupError(f"{ref} does not contain {contains!r}")
    begin = max(
        text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0, text.rfind("\n", 0, start) + 1
    )
    end_candidates = [
        i for i in (text.find(". ", start + len(contains)), text.find("\n", start + len(contains))) if i >= 0
    ]
    end = min(end_candidates) + 1 if end_candidates else len(text)
    return Evidence(ref, text[begin:end].strip())


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def _day(d: dt.date) -> str:
    return f"{d.strftime('%A')}, {d.strftime('%B')} {d.day}, {d.year}"


def _row(cite_ref: str, line: str) -> Evidence:
    return Evidence(cite_ref, line)


def _virgin_islands_note(corpus: Corpus) -> Statement:
    return Statement(
        "The Virgin Islands ports are listed, but they are outside the customs territory of the United States and "
        "are not “ports of entry” within the meaning of the regulations.",
        (quote(corpus, PORT_DEFINITION, "These ports, therefore, are outside the customs territory"),),
    )


def port_facts(corpus: Corpus, ports: list[Port]) -> list[Statement]:
    """What the ports table says about these ports (same-named ports all reported)."""
    out: list[Statement] = []
    by_name: dict[str, list[Port]] = {}
    for p in ports:
        by_name.setdefault(p.name, []).append(p)
    for name, group in by_name.items():
        if len(group) > 1:
            where = _join([f"{name}, {'/'.join(p.states)}" for p in group])
            out.append(Statement(
                f"There are {len(group)} ports of entry named {name} in 19 CFR 101.3(b)(1): {where}.",
                tuple(_row(PORTS, x.cite.line) for p in group for x in p.listings),
            ))  # fmt: skip
            continue
        port = group[0]
        states = _join(list(port.states))
        several = " (it is listed under each of them)" if len(port.states) > 1 else ""
        out.append(Statement(
            f"{port.name} is a Customs port of entry listed under {states}{several}.",
            tuple(_row(PORTS, x.cite.line) for x in port.listings),
        ))  # fmt: skip
        if port.limits:
            out.append(Statement(f"Limits of the port as printed: “{port.limits}”."))
        if port.drawback:
            out.append(Statement(
                f"{port.name} is marked “+”, which indicates a drawback unit/office.",
                (quote(corpus, PORTS, "+ Indicates Drawback unit/office."),),
            ))  # fmt: skip
        if not port.in_customs_territory:
            out.append(_virgin_islands_note(corpus))
    return out


def ports_in_state(corpus: Corpus, state: str) -> list[Statement]:
    """The ports of entry listed under a state heading."""
    rows = [x for x in corpus.listings if x.state == state]
    if not rows:
        return [Statement(
            f"No ports of entry are listed under {state} in 19 CFR 101.3(b)(1).",
            (quote(corpus, PORTS, "A list of Customs ports of entry by State"),),
        )]  # fmt: skip
    block = "\n".join([state, *(x.cite.line for x in rows)])
    names = _join([x.name + (" (+ drawback)" if x.drawback else "") for x in rows])
    out = [Statement(f"{state} has {len(rows)} ports of entry listed: {names}.", (Evidence(PORTS, block),))]
    if state == "Virgin Islands, U.S.":
        out.append(_virgin_islands_note(corpus))
    return out


def drawback_ports(corpus: Corpus) -> list[Statement]:
    """The ports marked "+" (drawback unit/office)."""
    rows = [x for x in corpus.listings if x.drawback]
    names = _join([f"{x.name} ({x.state})" for x in rows])
    return [Statement(
        f"{len(rows)} ports of entry are marked “+”, which indicates a drawback unit/office: {names}.",
        (quote(corpus, PORTS, "+ Indicates Drawback unit/office."), *(_row(PORTS, x.cite.line) for x in rows)),
    )]  # fmt: skip


def station_facts(corpus: Corpus, stations: list[CustomsStation]) -> list[Statement]:
    """Each station, its state heading and its supervisory port exactly as written."""
    out: list[Statement] = []
    for s in stations:
        ev = _row(STATIONS, s.cite.line)
        out.append(Statement(
            f"{s.name} is a Customs station (not a port of entry), listed under {s.state}; "
            f"its supervisory port of entry is {s.supervisory_port}.",
            (ev,),
        ))  # fmt: skip
        if not s.supervisory_port_listed:
            related = [corpus.port(i) for i in s.related_port_ids]
            also = (
                f" The listed port{'s' if len(related) > 1 else ''} sharing that name: "
                + _join([f"{p.name} ({', '.join(p.states)})" for p in related]) + "."
                if related else ""
            )  # fmt: skip
            out.append(Statement(
                f"“{s.supervisory_port}”, as written, is not in the list of ports of entry in "
                f"19 CFR 101.3(b)(1).{also}",
                tuple(_row(PORTS, x.cite.line) for p in related for x in p.listings),
            ))  # fmt: skip
        # Where the article calls a Customs station a "Port of Entry", say what the regulation says instead.
        called = f"{s.name} Port of Entry"
        mention = next((p for p in corpus.article.passages if called in p.text), None)
        if mention is not None:
            out.append(Statement(
                f"The article calls {s.name} a port of entry, but in the regulation it is a Customs station under "
                f"{s.supervisory_port}.",
                (quote(corpus, mention.ref, called), ev),
            ))  # fmt: skip
    return out


def stations_supervised_by(corpus: Corpus, port: Port) -> list[Statement]:
    """The stations whose supervisory port is this (listed) port."""
    stations = [s for s in corpus.stations if s.supervisory_port_id == port.id]
    return stations_supervised(corpus, port.name, stations) if stations else []


def stations_supervised(corpus: Corpus, label: str, stations: list[CustomsStation]) -> list[Statement]:
    """Stations whose supervisory port is written as (or is) ``label``."""
    names = _join([f"{s.name} ({s.state})" for s in stations])
    out = [Statement(
        f"{label} supervises {len(stations)} Customs station{'s' if len(stations) > 1 else ''}: {names}.",
        tuple(_row(STATIONS, s.cite.line) for s in stations),
    )]  # fmt: skip
    unlisted = [s for s in stations if not s.supervisory_port_listed]
    if unlisted:
        written = unlisted[0].supervisory_port
        related = [corpus.port(i) for i in unlisted[0].related_port_ids]
        also = f" The listed port sharing that name: {_join([p.name for p in related])}." if related else ""
        out.append(Statement(
            f"“{written}”, as written, is not in the list of ports of entry in 19 CFR 101.3(b)(1).{also}",
            tuple(_row(PORTS, x.cite.line) for p in related for x in p.listings),
        ))  # fmt: skip
    return out


def named_in_limits(corpus: Corpus, name: str, listings: list[PortListing]) -> list[Statement]:
    """A place that is not a port itself but is named in a port's limits."""
    return [
        Statement(
            f"{name} is not listed as a port of entry by itself, but it is named in the limits of the port of "
            f"{x.name} ({x.state}): “{x.limits}”.",
            (_row(PORTS, x.cite.line),),
        )
        for x in listings
    ]


def stations_in_state(corpus: Corpus, state: str) -> list[Statement]:
    """Stations printed under a state heading, with their supervisory ports."""
    stations = [s for s in corpus.stations if s.state == state]
    if not stations:
        return [Statement(
            f"No Customs stations are listed under {state} in 19 CFR 101.4(c)(2).",
            (quote(corpus, STATIONS, "The Customs stations and the ports of entry having supervision"),),
        )]  # fmt: skip
    block = "\n".join([state, *(s.cite.line for s in stations)])
    names = _join([f"{s.name} (supervised by {s.supervisory_port})" for s in stations])
    return [Statement(f"Customs stations listed under {state}: {names}.", (Evidence(STATIONS, block),))]


def service_ports(
    corpus: Corpus, *, state: str | None = None, found: list[ServicePort] | None = None
) -> list[Statement]:
    """Service ports in a state, or the named ones."""
    if found:
        return [
            Statement(f"{sp.name} is a Customs service port in {sp.state}.", (_row(SERVICE, sp.cite.line),))
            for sp in found
        ]
    rows = [sp for sp in corpus.service_ports if sp.state == state]
    if not rows:
        return [Statement(
            f"No service port is listed for {state} in 19 CFR 101.3(b)(2).",
            (quote(corpus, SERVICE, "A list of Customs service ports"),),
        )]  # fmt: skip
    names = _join([sp.name for sp in rows])
    return [Statement(
        f"Customs service port{'s' if len(rows) > 1 else ''} in {state}: {names}.",
        (Evidence(SERVICE, "\n".join(sp.cite.line for sp in rows)),),
    )]  # fmt: skip


def preclearance(
    corpus: Corpus, *, countries: list[str], offices: list[PreclearanceOffice], unknown: str = ""
) -> list[Statement]:
    """Preclearance offices by country or city; the full list when nothing listed matches."""
    out: list[Statement] = []
    for country in countries:
        rows = [p for p in corpus.preclearance if p.country == country]
        out.append(Statement(
            f"CBP has preclearance in {country} at {_join([p.office for p in rows])}.",
            (Evidence(PRECLEARANCE, "\n".join(p.cite.line for p in rows)),),
        ))  # fmt: skip
    for office in offices:
        if office.country not in countries:
            out.append(Statement(
                f"Yes: {office.office} ({office.country}) is a CBP preclearance office.",
                (_row(PRECLEARANCE, office.cite.line),),
            ))  # fmt: skip
    if not out:
        listed = _join(list(dict.fromkeys(p.country for p in corpus.preclearance)))
        lead = f"{unknown} is not listed among the CBP preclearance offices. " if unknown else ""
        out.append(Statement(
            f"{lead}19 CFR 101.5 lists {len(corpus.preclearance)} preclearance offices in {listed}.",
            (quote(corpus, PRECLEARANCE, "Listed below are the preclearance offices"),),
        ))  # fmt: skip
    return out


def centers_for(corpus: Corpus, centers: list[str]) -> list[Statement]:
    """The Centers of Excellence and Expertise matching the industry words (all when none)."""
    rows = [c for c in corpus.centers if c.name in centers] or list(corpus.centers)
    out = [Statement(f"The {c.name} Center is managed from {c.office}.", (_row(CENTERS, c.cite.line),)) for c in rows]
    out.append(Statement(
        "Which Center handles an importer is decided by the HTSUS tariff classification of the predominant goods "
        "it imports.",
        (quote(corpus, "19 CFR 101.10(b)", "based on the tariff classification in the HTSUS"),),
    ))  # fmt: skip
    return out


def _closure(corpus: Corpus) -> Evidence:
    return quote(corpus, "19 CFR 101.6(a)", "CBP offices shall be closed on the following national holidays")


def _observance(corpus: Corpus, saturday: bool) -> Evidence:
    day = "Saturday" if saturday else "Sunday"
    return quote(corpus, "19 CFR 101.6(a)", f"If a holiday falls on {day}")


def holidays_in_year(corpus: Corpus, year: int) -> list[Statement]:
    """The ten holidays of a year with their observed dates."""
    out = [Statement(f"CBP offices are closed on these national holidays in {year}:", (_closure(corpus),))]
    for o in corpus.observed_holidays(year):
        moved = f" (observed {_day(o.observed)})" if o.observed != o.date else ""
        evidence = [_row(o.holiday.cite.ref, o.holiday.rule)]
        if moved:
            evidence.append(_observance(corpus, o.date.weekday() == 5))
        out.append(Statement(f"{o.holiday.name}, {_day(o.date)}{moved}.", tuple(evidence)))
    return out


def holiday_named(corpus: Corpus, holiday: Holiday, year: int) -> list[Statement]:
    """When a named holiday falls in a year and that CBP is closed."""
    o = next(x for x in corpus.observed_holidays(year) if x.holiday == holiday)
    rule = holiday.rule.removesuffix(".").replace("The ", "the ", 1)
    out = [Statement(
        f"CBP offices are closed on {holiday.name}, a national holiday ({rule}): in {year}, {_day(o.date)}.",
        (_row(holiday.cite.ref, holiday.rule), _closure(corpus)),
    )]  # fmt: skip
    if o.observed != o.date:
        weekday = o.date.strftime("%A")
        out.append(Statement(
            f"Because it falls on a {weekday}, it is observed on {_day(o.observed)}.",
            (_observance(corpus, o.date.weekday() == 5),),
        ))  # fmt: skip
    return out


def date_status(corpus: Corpus, day: dt.date) -> list[Statement]:
    """Whether CBP offices are open on a date: weekend, observed holiday or business day."""
    observed = {o.observed: o for y in (day.year - 1, day.year, day.year + 1) for o in corpus.observed_holidays(y)}
    if day.weekday() >= 5:
        return [Statement(
            f"No. {_day(day)} is a {day.strftime('%A')}, and CBP offices are closed on Saturdays and Sundays.",
            (quote(corpus, "19 CFR 101.6(a)", "In addition to Saturdays, Sundays"),),
        )]  # fmt: skip
    if day in observed:
        o = observed[day]
        moved = f" ({o.holiday.name} falls on {_day(o.date)})" if o.observed != o.date else ""
        ev = [_row(o.holiday.cite.ref, o.holiday.rule), _closure(corpus)]
        if moved:
            ev.append(_observance(corpus, o.date.weekday() == 5))
        return [Statement(
            f"No. {_day(day)} is the day {o.holiday.name} is observed{moved}, so CBP offices are closed.", tuple(ev)
        )]  # fmt: skip
    return [
        Statement(
            f"Yes. {_day(day)} is a business day: a weekday that is not one of the national holidays.",
            (quote(corpus, "19 CFR 101.1 (Business day)", "means a weekday"),),
        ),
        Statement(
            "CBP offices are open for general business between 8:30 a.m. and 5 p.m.",
            (quote(corpus, "19 CFR 101.6", "between the hours of 8:30 a.m. and 5 p.m."),),
        ),
        Statement(
            "Offices also close on any other day designated a holiday by Federal statute or Executive Order, "
            "which these sources do not list.",
            (_closure(corpus),),
        ),
    ]


def hours(corpus: Corpus) -> list[Statement]:
    """Business hours and their exceptions."""
    return [
        Statement(
            "CBP offices are open for general CBP business between 8:30 a.m. and 5 p.m.",
            (quote(corpus, "19 CFR 101.6", "between the hours of 8:30 a.m. and 5 p.m."),),
        ),
        Statement(
            "They are closed on Saturdays, Sundays and the national holidays.",
            (quote(corpus, "19 CFR 101.6(a)", "In addition to Saturdays, Sundays"),),
        ),
        Statement(
            "Services outside a CBP office are furnished between 8 a.m. and 5 p.m.",
            (quote(corpus, "19 CFR 101.6(e)", "between the hours of 8 a.m. and 5 p.m."),),
        ),
        Statement(
            "Where local conditions require, different but equivalent hours may be approved.",
            (quote(corpus, "19 CFR 101.6(b)", "different but equivalent hours are required"),),
        ),
    ]


def definition(corpus: Corpus, d: Definition) -> list[Statement]:
    """A 101.1 definition, quoted."""
    text = d.text if len(d.text) <= 700 else d.text.split("\n")[0]
    return [Statement(f"19 CFR 101.1 defines “{d.term}”: {text}", (Evidence(d.ref, text),))]


def not_listed(corpus: Corpus, name: str, nearest: list[str]) -> list[Statement]:
    """A name that is in none of the lists, and the closest listed names."""
    near = f" The closest listed names are {_join(nearest)}." if nearest else ""
    return [Statement(
        f"“{name}” is not listed as a port of entry, service port or Customs station in 19 CFR Part 101.{near}",
        (quote(corpus, PORTS, "A list of Customs ports of entry by State"),),
    )]  # fmt: skip
