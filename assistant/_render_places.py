"""Word the table results: the answer first (Yes/No for a yes/no question), then the fact, then the exception.

Each function turns one result type into statements; every statement that
states a fact carries the printed row or sentence it rests on. Names are
written as the tables print them; nothing here adds a fact a row does not
hold.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence

from corpus import STATES, Corpus, CustomsStation, Port, PreclearanceOffice, sentence_spans

from ._gazetteer import Place, _parts
from ._records import Evidence, Statement
from ._results import (
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

__all__ = [
    "centers", "clearance_route", "drawback_ports", "join", "place_facts", "port_limits", "ports_in_state",
    "preclearance", "quote", "service_ports", "state_name", "station_supervisor", "stations_in_state",
    "stations_of_port",
]  # fmt: skip

PORTS = "19 CFR 101.3(b)(1)"
SERVICE = "19 CFR 101.3(b)(2)"
STATIONS = "19 CFR 101.4(c)(2)"
PRECLEARANCE = "19 CFR 101.5"
CENTERS = "19 CFR 101.10(a)"
PORT_DEFINITION = "19 CFR 101.1 (Port and port of entry)"
ARTICLE_MAJOR = "Article: Major Ports of Entry in the US"


def quote(corpus: Corpus, ref: str, contains: str) -> Evidence:
    """The sentence (or line) of passage ``ref`` that contains ``contains``, verbatim."""
    text = corpus.passage(ref).text
    at = text.find(contains)
    if at < 0:
        raise LookupError(f"{ref} does not contain {contains!r}")
    for s, e in sentence_spans(text):
        if s <= at < e:
            return Evidence(ref, text[s:e])
    raise LookupError(f"{ref}: no sentence holds {contains!r}")  # pragma: no cover - spans cover the text


def join(items: Sequence[str]) -> str:
    """Items joined as a sentence lists them: "a", "a and b", "a, b and c".

    "a; b, c; and d" when an item has a comma of its own ("Beaumont, Orange, Port Arthur, Sabine" is one port).
    """
    items = list(items)
    if len(items) <= 2:
        return " and ".join(items)
    if any("," in item for item in items):
        return "; ".join(items[:-1]) + f"; and {items[-1]}"
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def _row(line_ref: str, line: str) -> Evidence:
    return Evidence(line_ref, line)


def _rows(ref: str, lines: Sequence[str]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(_row(ref, ln) for ln in lines))


def _block(corpus: Corpus, ref: str, lines: Sequence[str]) -> tuple[Evidence, ...]:
    """Consecutive printed rows as one quote when they are consecutive in the passage, else one per row."""
    joined = "\n".join(lines)
    return (Evidence(ref, joined),) if joined in corpus.passage(ref).text else _rows(ref, lines)


def _lead(polar: bool, yes: bool) -> list[Statement]:
    return [Statement("Yes." if yes else "No.")] if polar else []


def state_name(state: str) -> str:
    """A state name as a sentence says it ("Virgin Islands, U.S." would end in two periods; "the" District)."""
    return {"Virgin Islands, U.S.": "the U.S. Virgin Islands", "District of Columbia": "the District of Columbia"}.get(
        state, state
    )


_in = state_name  # short, for the sentences below


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _by_state(names: Sequence[tuple[str, str]]) -> str:
    """Names grouped under their state, in order: "Detour, Escanaba and Houghton (Michigan)"."""
    groups: dict[str, list[str]] = {}
    for name, state in names:
        groups.setdefault(state, []).append(name)
    return "; ".join(f"{join(ns)} ({_in(st)})" for st, ns in groups.items()) if len(groups) > 1 else (
        f"{join(next(iter(groups.values())))} ({_in(next(iter(groups)))})" if groups else "")  # fmt: skip


def _state_blocks(corpus: Corpus, stations: Sequence[CustomsStation]) -> tuple[Evidence, ...]:
    """One quote per state heading: the heading and all its station rows (a verbatim block of 101.4(c)(2))."""
    states = list(dict.fromkeys(s.state for s in stations))
    return tuple(e for st in states for e in _block(corpus, STATIONS, [st, *(x.cite.line for x in corpus.stations
                                                                             if x.state == st)]))  # fmt: skip


def _port_label(p: Port) -> str:
    return f"{p.name} ({join([_in(x) for x in p.states])})"


def _virgin_islands(corpus: Corpus) -> Evidence:
    said = ("have their own customs laws (48 U.S.C. 1406(i)). These ports, therefore, are outside the customs "
            "territory of the United States and the ports thereof are not “ports of entry” within the meaning of "
            "these regulations")  # fmt: skip
    return quote(corpus, PORT_DEFINITION, said)


def _article_calls(corpus: Corpus, name: str, *, describe: bool = False) -> Statement | None:
    """What the article says of a place it calls a port of entry.

    Where the article calls a place a port of entry, say so (the regulation may list it as something else); with
    ``describe``, in the article's own words ("what's special about LAX?").
    """
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    major = corpus.passage(ARTICLE_MAJOR)
    for item in major.items:
        label, _, body = item.partition(": ")
        if pattern.search(label):
            spans = sentence_spans(body)
            if describe and spans:
                said = " ".join(body[s:e] for s, e in spans[:2])
                return Statement(f"The article counts {label} among the major US ports of entry: {said}",
                                 tuple(Evidence(major.ref, body[s:e]) for s, e in spans[:2]))  # fmt: skip
            first = item[: sentence_spans(item)[0][1]]
            return Statement(f"The article lists {label} among the major ports of entry in the US.",
                             (Evidence(major.ref, first),))  # fmt: skip
    called = f"{name} Port of Entry"
    for p in corpus.article.passages:
        if called in p.text:
            return Statement(f"The article calls it the “{called}”.", (quote(corpus, p.ref, called),))
    return None


def _article_names(corpus: Corpus, name: str) -> Statement | None:
    """The article's shortest sentence that names an unlisted place with its state or country ("Tijuana, Mexico").

    One in a labelled item says whose it is ("San Ysidro Port of Entry, California: ... It connects ...").
    """
    pattern = re.compile(rf"\b{re.escape(name)}, [A-Z]", re.I)
    found: list[tuple[str, str, str]] = []  # (sentence, passage ref, item label)
    for p in corpus.article.passages:
        for item in p.items or (p.text,):
            label, _, body = item.partition(": ") if p.items else ("", "", item)
            found += [(body[s:e], p.ref, label) for s, e in sentence_spans(body) if pattern.search(body[s:e])]
    if not found:
        return None
    sentence, ref, label = min(found, key=lambda f: len(f[0]))
    said = f"The article says of the {label}: {sentence}" if label else f"The article names it: {sentence}"
    return Statement(said, (Evidence(ref, sentence),))


def _station_sentence(s: CustomsStation, *, lead: str) -> Statement:
    return Statement(
        f"{lead}{s.name} is a Customs station listed under {_in(s.state)}; its supervisory port of entry is "
        f"{s.supervisory_port}.",
        (_row(STATIONS, s.cite.line),),
    )


def _unlisted(corpus: Corpus, written: str, stations: Sequence[CustomsStation]) -> Statement:
    related = [corpus.port(i) for s in stations for i in s.related_port_ids]
    related = list(dict.fromkeys(related))
    ports = "ports share" if len(related) > 1 else "port shares"
    also = f" The listed {ports} a name with it: {join([_port_label(p) for p in related])}." if related else ""
    return Statement(
        f"“{written}”, as the regulation writes it, is not in the list of ports of entry in 19 CFR 101.3(b)(1).{also}",
        tuple(_row(PORTS, x.cite.line) for p in related for x in p.listings),
    )


def _ports_sentence(ports: Sequence[Port], corpus: Corpus, *, authority: bool = False) -> list[Statement]:
    if len(ports) > 1:
        where = join([f"{p.name}, {join(list(p.states))}" for p in ports])
        return [Statement(f"There are {len(ports)} ports of entry named {ports[0].name}: {where}.",
                          tuple(_row(PORTS, x.cite.line) for p in ports for x in p.listings))]  # fmt: skip
    port = ports[0]
    several = " (it is listed under each of them)" if len(port.states) > 1 else ""
    out = [Statement(f"{port.name} is a port of entry listed under {join([_in(x) for x in port.states])}{several}.",
                     tuple(_row(PORTS, x.cite.line) for x in port.listings))]  # fmt: skip
    area = next((x.area for x in port.listings if x.area), "")
    mail = next((x.mail for x in port.listings if x.mail), "")
    if mail:
        out.append(Statement(f"Its mailing address is {mail}.", tuple(_row(PORTS, x.cite.line) for x in port.listings)))
    if authority and port.limits:
        out.append(Statement(f"The regulation cites beside it: {port.limits.rstrip('.')}.",
                             tuple(_row(PORTS, x.cite.line) for x in port.listings if x.limits)))  # fmt: skip
    if area:
        out.append(Statement(f"Its limits include {area}.", tuple(_row(PORTS, x.cite.line) for x in port.listings)))
    joint = next((x for x in port.listings if x.consolidated_in), None)
    if joint is not None:  # "is chester its own port?": it is listed, and is part of a consolidated port
        others = [y for y in corpus.listings if y.consolidated_in == joint.consolidated_in and y is not joint]
        out.append(Statement(f"It is included in the {joint.consolidated_in}, with "
                             f"{join([f'{y.name} ({y.state})' for y in others])}.",
                             (_row(PORTS, joint.cite.line), *(_row(PORTS, y.cite.line) for y in others))))  # fmt: skip
    if port.drawback:
        out.append(Statement("It has a drawback unit/office (the “+” mark).",
                             (quote(corpus, PORTS, "+ Indicates Drawback unit/office."),)))  # fmt: skip
    return out


_ORDER = {
    "port": ("ports", "part_of", "stations", "offices", "included_in", "supervises", "consolidated", "service_ports",
             "mail_for", "region_offices", "centers"),
    "station": ("stations", "ports", "part_of", "included_in", "supervises", "offices", "service_ports",
                "consolidated", "mail_for", "region_offices", "centers"),
    "service_port": ("service_ports", "ports", "part_of", "stations", "included_in", "offices", "consolidated",
                     "supervises", "mail_for", "region_offices", "centers"),
    "preclearance": ("offices", "region_offices", "ports", "part_of", "stations", "service_ports", "included_in",
                     "consolidated", "supervises", "mail_for", "centers"),
    "center": ("centers", "ports", "part_of", "service_ports", "stations", "offices", "included_in", "consolidated",
               "supervises", "mail_for", "region_offices"),
}  # fmt: skip
"""Which reading of a name answers first, by what the question asks it to be."""
_YES = {"port": ("ports", "part_of"), "station": ("stations",), "service_port": ("service_ports",),
        "preclearance": ("offices", "region_offices"), "center": ("centers",)}  # fmt: skip


def place_facts(r: PlaceFacts, corpus: Corpus) -> list[Statement]:
    """Every reading of a name, the one that answers what was asked first; Yes or No first for a yes/no question.

    "is X a port of entry?" is answered by what X is; "is X in Maine?" (no kind asked) by where it is listed.
    """
    p = r.place
    if p is None or not p.states and not (p.offices or p.region_offices or p.centers):
        near = f" Did you mean {join([_port_label(x) for x in p.similar])}?" if p and p.similar else ""
        heading = quote(corpus, PORTS, "A list of Customs ports of entry by State")
        unlisted = [*_lead(True, False), Statement(
            f"{r.name} is not listed as a port of entry, Customs station, service port or preclearance office in "
            f"19 CFR Part 101.{near}", (heading,),
        )]  # fmt: skip
        named = _article_names(corpus, r.name)
        if named is not None:  # "is tijuana a us port?": the article's sentence that says where it is
            unlisted.append(named)
        rows = [x for x in corpus.listings if x.state == r.state]
        if rows:  # "cheyenne wy port of entry?": where the state's ports are, so the traveler knows where to go
            names = join([x.name for x in rows])
            unlisted.append(Statement(f"The ports of entry listed under {_in(r.state or '')} are {names}.",
                                      _block(corpus, PORTS, [x.cite.line for x in rows])))  # fmt: skip
        elif r.state:
            unlisted.append(Statement(f"19 CFR 101.3(b)(1) lists no port of entry under {_in(r.state)}.", (heading,)))
        return unlisted
    asked = r.asked or "port"
    readings = _readings(p, corpus, authority=r.authority, member=r.member)
    kinds = [k for k in _ORDER[asked] if readings.get(k)]
    first = kinds[0]
    out: list[Statement] = []
    if r.state and r.state not in p.states:
        listed = join([_in(x) for x in sorted(p.states)]) or "a foreign country"
        out += [*_lead(True, False), Statement(f"{p.name} is not listed under {_in(r.state)}; it is listed under "
                                               f"{listed}.")]  # fmt: skip
    elif r.state and not r.asked:
        out += _lead(r.polar, True)
    else:
        yes = (first in _YES[asked] or r.member and asked == "port" and first == "included_in") and not (
            first in ("ports", "part_of") and _outside_territory(p.ports or p.part_of))  # fmt: skip
        out += _lead(r.polar, yes and not (first == "part_of" and r.own))
    for kind in kinds[:2]:
        out += readings[kind]
    if asked == "service_port" and first != "service_ports":
        out += _service_ports_of(p, corpus)
    if first in ("ports", "part_of") and _outside_territory(p.ports or p.part_of):
        out.append(
            Statement(
                "But the customs ports in the Virgin Islands are outside the customs territory of the United "
                "States and are not “ports of entry” within the meaning of these regulations.",
                (_virgin_islands(corpus),),
            )
        )
    similar = [x for x in p.similar if x not in p.ports and x not in p.part_of]
    if similar and first != "ports":
        out.append(Statement(f"{join([_port_label(x) for x in similar])} is a port of entry.",
                             tuple(_row(PORTS, x.cite.line) for q in similar for x in q.listings)))  # fmt: skip
    mention = _article_calls(corpus, p.name, describe=not r.polar)
    if mention is not None and first not in ("ports", "part_of"):
        out.append(mention)
    if r.elsewhere:  # "isn't eastport in maine?": yes, and there is another Eastport
        out.append(Statement(f"There is also a port of entry named {p.name} in "
                             f"{join(sorted({_in(s) for x in r.elsewhere for s in x.states}))}.",
                             tuple(_row(PORTS, x.cite.line) for q in r.elsewhere for x in q.listings)))  # fmt: skip
    return out


def _service_ports_of(p: Place, corpus: Corpus) -> list[Statement]:
    """The service ports of the state a place is listed under: where its cargo is served instead."""
    states = sorted(p.states)
    rows = [s for s in corpus.service_ports if s.state in states]
    if len(states) != 1:
        return []
    if not rows:  # "is boise a service port?": no, and Idaho has none
        return [Statement(f"{p.name} is not a service port: 19 CFR 101.3(b)(2) lists none in {_in(states[0])}.",
                          (quote(corpus, SERVICE, "A list of Customs service ports"),))]  # fmt: skip
    count = "service port is" if len(rows) == 1 else "service ports are"
    return [Statement(f"{p.name} is not a service port; {_in(states[0])}'s {count} {join([s.name for s in rows])}.",
                      _block(corpus, SERVICE, [s.cite.line for s in rows]))]  # fmt: skip


def _outside_territory(ports: Sequence[Port]) -> bool:
    """Ports all outside the customs territory (101.1: the Virgin Islands'): listed, yet not "ports of entry"."""
    return bool(ports) and all(not port.in_customs_territory for port in ports)


def _readings(p: Place, corpus: Corpus, *, authority: bool = False,
              member: bool = False) -> dict[str, list[Statement]]:  # fmt: skip
    """One or two statements per reading of the name (with the order cited beside a port, when asked)."""
    out: dict[str, list[Statement]] = {}
    if p.ports:
        out["ports"] = _ports_sentence(p.ports, corpus, authority=authority)
    if p.part_of:
        out["part_of"] = [Statement(
            f"{p.name} is part of the port of entry {join([_port_label(x) for x in p.part_of])}.",
            tuple(_row(PORTS, x.cite.line) for port in p.part_of for x in port.listings))]  # fmt: skip
    if p.stations:
        out["stations"] = [_station_sentence(s, lead="") for s in p.stations]
        unlisted = [s for s in p.stations if not s.supervisory_port_listed]
        if unlisted:
            out["stations"].append(_unlisted(corpus, unlisted[0].supervisory_port, unlisted))
    if p.offices:
        out["offices"] = [Statement(
            f"{join([o.office for o in p.offices])} is a CBP preclearance office in {p.offices[0].country}, one of "
            "the offices in foreign countries where CBP Officers are located; it is not a US port of entry.",
            tuple(_row(PRECLEARANCE, o.cite.line) for o in p.offices))]  # fmt: skip
    if p.region_offices:
        out["region_offices"] = [Statement(
            f"In {p.name}, CBP has preclearance at {join([o.office for o in p.region_offices])}.",
            tuple(_row(PRECLEARANCE, o.cite.line) for o in p.region_offices))]  # fmt: skip
    own = {x for port in (*p.ports, *p.part_of) for x in port.listings}
    included = [x for x in p.included_in if x not in own]  # "Jackman" names the township the port of Jackman includes
    if included:
        ports = join([f"{x.name} ({x.state})" for x in included])
        said = (
            f"{p.name} is included in the port of entry of {ports}; it is not a port of entry of its own."
            if member
            # "is friday harbor part of a port?": yes, of this one
            else f"{p.name} is not a port of entry of its own; it is included in the port of entry of {ports}."
        )
        out["included_in"] = [Statement(said, tuple(_row(PORTS, x.cite.line) for x in included))]  # fmt: skip
    if p.consolidated:
        out["consolidated"] = [Statement(
            f"The {p.consolidated[0].consolidated_in} includes the ports of entry "
            f"{join([f'{x.name} ({x.state})' for x in p.consolidated])}.",
            tuple(_row(PORTS, x.cite.line) for x in p.consolidated))]  # fmt: skip
    if p.supervises:
        written = p.supervises[0].supervisory_port
        stations = (
            f"station{'s' if len(p.supervises) > 1 else ''} {join([f'{s.name} ({s.state})' for s in p.supervises])}"
        )
        # A listed port of the same name must not read as unlisted ("Wilmington" in "... and Wilmington, DE")
        said = (f"{p.name} is not in the list of ports of entry in 19 CFR 101.3(b)(1); 101.4(c)(2) names “{written}” "
                f"as the supervisory port of the Customs {stations}." if not p.ports else
                f"101.4(c)(2) names “{written}” as the supervisory port of the Customs {stations}; that name is not in "
                "the list of ports of entry in 19 CFR 101.3(b)(1).")  # fmt: skip
        out["supervises"] = [Statement(
            said,
            (quote(corpus, PORTS, "A list of Customs ports of entry by State"),
             *(_row(STATIONS, s.cite.line) for s in p.supervises)))]  # fmt: skip
        related = [corpus.port(i) for s in p.supervises for i in s.related_port_ids]
        if related:
            listed = list(dict.fromkeys(related))
            out["supervises"].append(Statement(
                ("The listed ports of entry sharing the name are " if len(listed) > 1 else
                 "The listed port of entry sharing the name is ") + f"{join([_port_label(x) for x in listed])}.",
                tuple(_row(PORTS, x.cite.line) for port in dict.fromkeys(related) for x in port.listings)))  # fmt: skip
    if p.service_ports:
        out["service_ports"] = [Statement(
            f"{p.name} is listed as a Customs service port in {join(sorted({_in(s.state) for s in p.service_ports}))}.",
            tuple(_row(SERVICE, s.cite.line) for s in p.service_ports))]  # fmt: skip
    if p.mail_for:
        out["mail_for"] = []
        for kind, ref in (("port of entry", PORTS), ("Customs station", STATIONS)):
            rows = [x for x in p.mail_for if isinstance(x, CustomsStation) == (ref == STATIONS)]
            if rows:
                names = join([f"{x.name.partition(' (Mail:')[0]} ({x.state})" for x in rows])
                out["mail_for"].append(Statement(f"{p.name} is the mailing address of the {kind} {names}.",
                                                 tuple(_row(ref, x.cite.line) for x in rows)))  # fmt: skip
    if p.centers:
        out["centers"] = [Statement(
            f"The {join([c.name for c in p.centers])} Center{'s are' if len(p.centers) > 1 else ' is'} managed "
            f"from {p.centers[0].office}.", tuple(_row(CENTERS, c.cite.line) for c in p.centers))]  # fmt: skip
    return out


def port_limits(r: PortLimits, corpus: Corpus) -> list[Statement]:
    """The area each listing of the port includes, or that the regulation gives only the order cited for it.

    Yes or No first when asked whether it includes a place.
    """
    out = []
    if r.asked and r.polar:
        inside = any(a.lower() in (x.area + " " + " ".join(x.included)).lower() for a in r.asked for x in r.listings)
        out += _lead(True, inside)
    elif r.polar and r.orders:  # "was it created by T.D. 93-75?": whether its row cites that order
        out += _lead(True, r.cites_an_order_asked)
    elif r.polar and r.only and any(x.included for x in r.listings):
        # "just the two cities?": no when the port includes more than the places its name and the question give
        named = {n.lower() for x in r.listings for n in (*_parts(x.name), x.name, *r.asked)}
        out += _lead(True, all(i.lower() in named for x in r.listings for i in x.included))
    for x in r.listings:
        ev = (_row(PORTS, x.cite.line),)
        where = f"{x.name} ({x.state})"
        if x.area:
            out.append(Statement(f"The port of entry of {where} includes {x.area}.", ev))
        elif x.consolidated_in:
            others = [y for y in corpus.listings if y.consolidated_in == x.consolidated_in and y is not x]
            out.append(Statement(
                f"The port of {where} is included in the {x.consolidated_in}, with "
                f"{join([f'{y.name} ({y.state})' for y in others])}.",
                ev + tuple(_row(PORTS, y.cite.line) for y in others)))  # fmt: skip
        elif "territory described" in x.limits:
            out.append(Statement(f"19 CFR 101.3(b)(1) gives the limits of the port of {where} by reference: "
                                 f"{x.limits.rstrip('.')}.", ev))  # fmt: skip
        elif x.limits:
            # 101.3(b): the orders that "created (or subsequently affected)" ports "are cited following the name"
            out.append(Statement(f"19 CFR 101.3(b)(1) names no area for the port of {where}, only the order "
                                 f"cited for it: {x.limits.rstrip('.')}.", ev))  # fmt: skip
        else:
            out.append(Statement(f"19 CFR 101.3(b)(1) prints no limits for the port of {where}.", ev))
    return list(dict.fromkeys(out))


def ports_in_state(r: PortsInState, corpus: Corpus) -> list[Statement]:
    """The ports under a state heading, counted and named; or a summary of the whole list."""
    if r.state is None and r.compare is not None:
        return states_by_count([(x.state, x.name, x.cite.line) for x in r.listings], "ports of entry", r.compare,
                               corpus, PORTS, polar=r.polar)  # fmt: skip
    if r.state is None:
        by_state: dict[str, int] = {}
        for x in r.listings:
            by_state[x.state] = by_state.get(x.state, 0) + 1
        top = sorted(by_state.items(), key=lambda kv: -kv[1])[:3]
        return [Statement(
            f"19 CFR 101.3(b)(1) lists {len(r.listings)} ports of entry under {len(by_state)} state headings "
            f"({len(corpus.ports)} ports; some are listed under two states); the most are in "
            f"{join([f'{s} ({n})' for s, n in top])}. Ask about a state for its list.",
            (quote(corpus, PORTS, "A list of Customs ports of entry by State"),))]  # fmt: skip
    if not r.listings:
        return [
            *_lead(True, False),
            Statement(
                f"19 CFR 101.3(b)(1) lists no port of entry under {_in(r.state)}.",
                (quote(corpus, PORTS, "A list of Customs ports of entry by State"),),
            ),
        ]
    names = join([x.name + (" (drawback unit/office)" if x.drawback else "") for x in r.listings])
    count = f"{len(r.listings)} ports of entry" if len(r.listings) > 1 else "1 port of entry"
    # Listed, yet not "ports of entry" in the regulations' meaning (101.1: the Virgin Islands have their own laws)
    outside = _outside_territory([corpus.port(x.port_id) for x in r.listings])
    listed = Statement(f"{_cap(_in(r.state))} has {count}: {names}.",
                       _block(corpus, PORTS, [r.state, *(x.cite.line for x in r.listings)]))  # fmt: skip
    if not outside:
        lead = _counted(len(r.listings), r.compare) and _others([x.name for x in r.listings], r.besides)
        lead = lead and not (r.only and _others([x.name for x in r.listings], r.only))  # "the only ones?": No
        return [*_lead(r.polar, lead), listed]
    meaning = Statement(
        "These ports have their own customs laws and are outside the customs territory of the United States, so "
        "they are not “ports of entry” within the meaning of the regulations.",
        (_virgin_islands(corpus),),
    )
    if r.polar and not r.existence:  # "are the virgin islands ports 'ports of entry'?": No, and why
        return [*_lead(True, False), meaning, listed]
    return [listed, meaning]


def drawback_ports(r: DrawbackPorts, corpus: Corpus) -> list[Statement]:
    """The ports marked "+"; Yes or No first when asked about one place."""
    names = join([f"{x.name} ({x.state})" for x in r.listings])
    lead: list[Statement] = []
    if r.asked is not None:
        ids = {p.id for p in (*r.asked.ports, *r.asked.part_of)}
        hit = [x for x in r.listings if x.port_id in ids]
        lead = _lead(r.polar, bool(hit))
        if hit:
            plus = quote(corpus, PORTS, "+ Indicates Drawback unit/office.")
            said = f"{join([x.name for x in hit])} has a drawback unit/office (the “+” mark)."
            return [*lead, Statement(said, (plus, *_rows(PORTS, [x.cite.line for x in hit])))]
    return [
        *lead,
        Statement(
            f"{len(r.listings)} ports of entry have a drawback unit/office (the “+” mark): {names}.",
            (
                quote(corpus, PORTS, "+ Indicates Drawback unit/office."),
                *_rows(PORTS, [x.cite.line for x in r.listings]),
            ),
        ),
    ]


def stations_in_state(r: StationsInState, corpus: Corpus) -> list[Statement]:
    """The stations under a state heading, each with its supervisory port."""
    intro = quote(corpus, STATIONS, "The Customs stations and the ports of entry having supervision")
    if not r.state and r.compare is not None:
        return states_by_count([(s.state, s.name, s.cite.line) for s in r.stations], "Customs stations", r.compare,
                               corpus, STATIONS, polar=r.polar)  # fmt: skip
    if not r.state:
        states = list(dict.fromkeys(s.state for s in r.stations))
        return [Statement(f"19 CFR 101.4(c)(2) lists {len(r.stations)} Customs stations under {len(states)} state "
                          "headings, each with its supervisory port of entry. Ask about a state for its list.",
                          (intro,))]  # fmt: skip
    if not r.stations:
        return [
            *_lead(True, False),
            Statement(f"19 CFR 101.4(c)(2) lists no Customs station under {_in(r.state)}.", (intro,)),
        ]
    names = join([f"{s.name} (supervised by {s.supervisory_port})" for s in r.stations])
    count = f"{len(r.stations)} Customs stations" if len(r.stations) > 1 else "1 Customs station"
    return [
        *_lead(r.polar, _counted(len(r.stations), r.compare)),
        Statement(
            f"{r.state} has {count}: {names}.", _block(corpus, STATIONS, [r.state, *(s.cite.line for s in r.stations)])
        ),
    ]


def station_supervisor(r: StationSupervisor, corpus: Corpus) -> list[Statement]:
    """The supervisory port of each station with the name; what the name is, if it is no station."""
    if not r.stations:
        if r.place is None:
            return place_facts(PlaceFacts(r.name, None, "station"), corpus)
        return place_facts(PlaceFacts(r.name, r.place, "station"), corpus)
    out = []
    for s in r.stations:
        out.append(Statement(
            f"The port of entry {s.supervisory_port} supervises the Customs station of {s.name}, {_in(s.state)}.",
            (_row(STATIONS, s.cite.line),)))  # fmt: skip
    unlisted = [s for s in r.stations if not s.supervisory_port_listed]
    if unlisted:
        out.append(_unlisted(corpus, unlisted[0].supervisory_port, unlisted))
    return out


def stations_of_port(r: StationsOfPort, corpus: Corpus) -> list[Statement]:
    """The stations a port supervises; or what the name is, if it supervises none."""
    if r.stations:
        written = list(dict.fromkeys(s.supervisory_port for s in r.stations))
        label = written[0] if len(written) == 1 else r.name
        count = f"{len(r.stations)} Customs stations" if len(r.stations) > 1 else "1 Customs station"
        out = [*_lead(r.polar, True),
               Statement(f"{label} supervises {count}: {_by_state([(s.name, s.state) for s in r.stations])}.",
                         _state_blocks(corpus, r.stations))]  # fmt: skip
        unlisted = [s for s in r.stations if not s.supervisory_port_listed]
        if unlisted:
            out.append(_unlisted(corpus, unlisted[0].supervisory_port, unlisted))
        return out
    if r.place is not None and r.place.stations:
        return place_facts(PlaceFacts(r.name, r.place, "station"), corpus)
    if r.place is not None and (r.place.ports or r.place.part_of):
        intro = quote(corpus, STATIONS, "The Customs stations and the ports of entry having supervision")
        return [*_lead(r.polar, False),
                Statement(f"No Customs station in 19 CFR 101.4(c)(2) names {r.name} as its supervisory port.",
                          (intro,)), *place_facts(PlaceFacts(r.name, r.place, "port"), corpus)]  # fmt: skip
    return place_facts(PlaceFacts(r.name, r.place, "port"), corpus)


_NAMES_PER_STATE = 5
_COMPARED = {">": ("more than", operator.gt), ">=": ("at least", operator.ge), "<": ("fewer than", operator.lt),
             "<=": ("at most", operator.le), "==": ("exactly", operator.eq)}  # fmt: skip


def _others(names: Sequence[str], besides: Sequence[str]) -> bool:
    """Whether a list names anything but what a question set aside (True when it set nothing aside)."""
    return not besides or any(n.lower() not in {b.lower() for b in besides} for n in names)


def _counted(count: int, compare: tuple[str, int] | None) -> bool:
    """Whether a state's list passes the count a yes/no question gives ("only one port, right?"); True for none."""
    return compare is None or _COMPARED[compare[0]][1](count, compare[1])


def states_by_count(rows: Sequence[tuple[str, str, str]], what: str, compare: tuple[str, int], corpus: Corpus,
                    ref: str, *, polar: bool = False) -> list[Statement]:  # fmt: skip
    """The states whose count passes, each with its count (and the names, when each has a handful).

    The answer to "Which states have at least 3 service ports?".
    """
    by_state: dict[str, list[tuple[str, str]]] = {}
    for state, name, line in rows:
        by_state.setdefault(state, []).append((name, line))
    if compare == ("==", 0):  # the states (and DC, Puerto Rico, the Virgin Islands) that have none of them
        missing = [_in(s) for s in STATES if s not in by_state]
        ev = (quote(corpus, ref, corpus.passage(ref).text.split(".")[0]),)
        if not missing:
            return [Statement(f"Every state has {what} listed in {ref}.", ev)]
        if len(missing) == 1:
            return [Statement(f"Only {missing[0]} has no {what} listed in {ref}.", ev)]
        return [Statement(f"{len(missing)} states and territories have no {what} listed in {ref}: {join(missing)}.",
                          ev)]  # fmt: skip
    words, test = _COMPARED[compare[0]]
    passing = {s: v for s, v in by_state.items() if test(len(v), compare[1])}
    asked = f"{words} {compare[1]} {what}"
    if not passing:
        intro = quote(corpus, ref, corpus.passage(ref).text.split(".")[0])
        return [*_lead(polar, False), Statement(f"No state has {asked} in {ref}.", (intro,))]
    names = all(len(v) <= _NAMES_PER_STATE for v in passing.values())
    listed = join([f"{_in(s)} ({len(v)}{': ' + ', '.join(n for n, _ in v) if names else ''})"
                   for s, v in passing.items()])  # fmt: skip
    evidence = tuple(e for v in passing.values() for e in _block(corpus, ref, [line for _, line in v]))
    count = "1 state has" if len(passing) == 1 else f"{len(passing)} states have"
    return [*_lead(polar, True), Statement(f"{count} {asked}: {listed}.", evidence)]


def service_ports(r: ServicePorts, corpus: Corpus) -> list[Statement]:
    """The service ports of a state, or all of them by state."""
    intro = quote(corpus, SERVICE, "A list of Customs service ports")
    if r.state is None and r.compare is not None:
        return states_by_count([(s.state, s.name, s.cite.line) for s in r.rows], "service ports", r.compare,
                               corpus, SERVICE, polar=r.polar)  # fmt: skip
    if r.state is None:
        by_state: dict[str, list[str]] = {}
        for s in r.rows:
            by_state.setdefault(s.state, []).append(s.name)
        listed = "; ".join(f"{state}: {', '.join(names)}" for state, names in by_state.items())
        return [Statement(f"19 CFR 101.3(b)(2) lists {len(r.rows)} service ports: {listed}.",
                          (intro, *_block(corpus, SERVICE, [s.cite.line for s in r.rows])))]  # fmt: skip
    if not r.rows:
        return [*_lead(True, False), Statement(f"19 CFR 101.3(b)(2) lists no service port in {_in(r.state)}.",
                                               (intro,))]  # fmt: skip
    count = f"{len(r.rows)} service ports" if len(r.rows) > 1 else "1 service port"
    return [
        *_lead(r.polar, _counted(len(r.rows), r.compare) and _others([s.name for s in r.rows], r.besides)),
        Statement(
            f"{_cap(_in(r.state))} has {count}: {join([s.name for s in r.rows])}.",
            _block(corpus, SERVICE, [s.cite.line for s in r.rows]),
        ),
    ]


_PLURAL_COUNTRY = (
    "Islands",
    "Republic",
    "Netherlands",
    "Philippines",
    "Maldives",
    "Seychelles",
    "Comoros",
    "Emirates",
    "Kingdom",
    "States",
)


def _country(name: str) -> str:
    """A country's name as a sentence uses it: "the United Kingdom", "the Netherlands", "Mexico"."""
    if name.startswith(("United ", "Republic ")) or name.endswith(_PLURAL_COUNTRY):
        return f"the {name}"
    return name


def _offices_by_country(offices: Sequence[PreclearanceOffice]) -> str:
    by: dict[str, list[str]] = {}
    for o in offices:
        by.setdefault(o.country, []).append(o.office.split(", ")[0])
    return join([f"{_country(c)} ({', '.join(cities)})" for c, cities in by.items()])


def preclearance(r: Preclearance, corpus: Corpus) -> list[Statement]:
    """Preclearance where asked: Yes with the offices, or No with where the offices are."""
    every = _block(corpus, PRECLEARANCE, [o.cite.line for o in r.all_offices])
    if not r.asked:
        countries = len({o.country for o in r.offices})
        return [Statement(f"CBP has {len(r.offices)} preclearance offices in {countries} countries: "
                          f"{_offices_by_country(r.offices)}.", every)]  # fmt: skip
    if not r.offices and r.country:
        there = [o for o in r.all_offices if o.country == r.country]
        elsewhere = (f"in {_country(r.country)} the offices are in {join([o.office.split(', ')[0] for o in there])}"
                     if there else f"it lists none in {_country(r.country)}")  # fmt: skip
        return [Statement("No."), Statement(
            f"19 CFR 101.5 lists no preclearance office in {r.asked}; {elsewhere}.",
            _block(corpus, PRECLEARANCE, [o.cite.line for o in there]) if there else every)]  # fmt: skip
    if not r.offices:
        return [Statement("No."), Statement(
            f"19 CFR 101.5 lists no preclearance office in {_country(r.asked)}; the offices are in "
            f"{_offices_by_country(r.all_offices)}.", every)]  # fmt: skip
    ev = _block(corpus, PRECLEARANCE, [o.cite.line for o in r.offices])
    if r.only:  # "bahamas preclearance is only nassau right?": no, when the list is longer
        count = f"{len(r.offices)} preclearance office{'s' if len(r.offices) > 1 else ''}"
        cities = join([o.office.split(", ")[0] for o in r.offices])
        return [
            *_lead(r.polar, len(r.offices) <= len(r.only)),
            Statement(f"CBP has {count} in {_country(r.asked)}: {cities}.", ev),
        ]
    if len(r.offices) == 1:
        return [*_lead(r.polar, True), Statement(f"CBP has a preclearance office in {r.offices[0].office} "
                                                 f"({r.offices[0].country}).", ev)]  # fmt: skip
    return [*_lead(r.polar, True), Statement(
        f"CBP has {len(r.offices)} preclearance offices in {_country(r.asked)}: "
        f"{join([o.office.split(', ')[0] for o in r.offices])}.",
        ev)]  # fmt: skip


def clearance_route(r: ClearanceRoute, corpus: Corpus) -> list[Statement]:
    """Preclearance at the origin, else customs on arrival; and what the destination is.

    "do I go through customs in Dublin?" is answered Yes when there is preclearance there.
    """
    precleared = bool(r.origin and r.origin.offices)
    out: list[Statement] = _lead(r.polar and r.origin is not None, precleared != r.at_arrival)
    if r.origin is not None and r.origin.offices:
        o = r.origin.offices[0]
        out.append(Statement(
            f"You are precleared before you leave: CBP has a preclearance office in {o.office} ({o.country}), one of "
            "the offices in foreign countries where CBP Officers are located.",
            _block(corpus, PRECLEARANCE, [x.cite.line for x in r.origin.offices])))  # fmt: skip
    else:
        arriving = quote(
            corpus,
            "Article: Customs and Immigration Procedures at a Port of Entry",
            "individuals are required to go through customs and immigration procedures",
        )
        where = f" in {_country(r.origin.asked)}" if r.origin is not None and r.origin.asked else ""
        out.append(Statement(
            f"At the US port of entry where you arrive: 19 CFR 101.5 lists no preclearance office{where}, and on "
            "arriving at a port of entry travelers go through customs and immigration procedures.",
            (quote(corpus, PRECLEARANCE, "Listed below are the preclearance offices"), arriving)))  # fmt: skip
    if r.destination is not None:
        out += [s for s in place_facts(r.destination, corpus) if s.text not in ("Yes.", "No.")][:1]
    return out


def centers(r: Centers, corpus: Corpus) -> list[Statement]:
    """The Centers for some goods or an office; or all ten with their offices."""
    assignment = Statement(
        "CBP assigns an importer to a Center by the HTSUS tariff classification of most of the goods it imports.",
        (quote(corpus, "19 CFR 101.10(b)", "based on the tariff classification in the HTSUS"),))  # fmt: skip
    every = _block(corpus, CENTERS, [c.cite.line for c in corpus.centers])
    if r.by == "all":
        listed = join([f"{c.name} ({c.office})" for c in r.centers])
        return [Statement(f"There are {len(r.centers)} Centers of Excellence and Expertise: {listed}.", every)]
    if not r.centers:
        offices = join(list(dict.fromkeys(c.office for c in corpus.centers)))
        return [*_lead(True, False), Statement(f"None of the Centers is managed from {r.asked}; their offices are in "
                                               f"{offices}.", every)]  # fmt: skip
    rows = _rows(CENTERS, [c.cite.line for c in r.centers])
    if r.by == "goods" and r.office and r.polar:
        there = [c for c in r.centers if r.office.lower() in c.office.lower()]
        c = r.centers[0]
        return [*_lead(True, bool(there)), Statement(f"The {c.name} Center is managed from {c.office}.", rows)]
    if r.by == "goods":
        if len(r.centers) == 1:
            c = r.centers[0]
            return [
                Statement(f"Those goods fall under the {c.name} Center, managed from {c.office}.", rows),
                assignment,
            ]
        listed = join([f"{c.name} (managed from {c.office})" for c in r.centers])
        return [Statement(f"Those goods fall under {len(r.centers)} Centers: {listed}.", rows), assignment]
    listed = join([f"{c.name} ({c.office})" for c in r.centers])
    if len(r.centers) == 1:
        return [*_lead(r.polar, True), Statement(f"The {r.centers[0].name} Center is managed from "
                                                 f"{r.centers[0].office}.", rows)]  # fmt: skip
    return [*_lead(r.polar, True), Statement(f"{len(r.centers)} Centers are managed from {r.asked}: {listed}.", rows)]
