"""The exact-fact tools, as LangChain tools with typed arguments, for a language model to call.

Each tool runs the same fact functions as the default engine and returns its
statements with numbered evidence ids ("E3"); the ids are kept in a
``Toolbox`` so that a model's "[E3]" can be turned back into a verified
citation. A model never sees a fact without the evidence it rests on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field

from corpus import Corpus, UsageError, state_filter

from . import _facts as facts
from ._engine import Retrieved
from ._entities import NameIndex, find_entities
from ._records import Evidence, Statement

__all__ = ["Toolbox"]


class _Name(BaseModel):
    name: str = Field(description="A place name as the user wrote it, e.g. 'Otay Mesa' or 'Portland'")
    state: str | None = Field(default=None, description="Optional US state name or postal code to narrow it")


class _State(BaseModel):
    state: str = Field(description="US state name or postal code, e.g. 'Montana' or 'MT'")


class _Place(BaseModel):
    place: str = Field(description="A country or city, e.g. 'Ireland' or 'Calgary'")


class _Industry(BaseModel):
    industry: str | None = Field(default=None, description="Industry or goods, e.g. 'auto parts'; empty for all")


class _Year(BaseModel):
    year: int = Field(description="Calendar year, e.g. 2027")


class _Date(BaseModel):
    date: str = Field(description="A date in ISO form, YYYY-MM-DD")


class _Term(BaseModel):
    term: str = Field(description="A term defined in 19 CFR 101.1, e.g. 'business day'")


class _Query(BaseModel):
    query: str = Field(description="What to look for in the regulation and the article")


class _Nothing(BaseModel):
    pass


@dataclass
class Toolbox:
    """The tools for one conversation turn, and the evidence they have handed out."""

    corpus: Corpus
    names: NameIndex
    retrieve: Callable[[str, str | None], list[Retrieved]]
    today: dt.date
    evidence: dict[str, Evidence] = field(default_factory=dict)
    used: list[str] = field(default_factory=list)

    def _render(self, tool: str, statements: list[Statement]) -> str:
        """Statements as text, each piece of evidence given an id the model must cite."""
        self.used.append(tool)
        if not statements:
            return "Nothing in the sources matches."
        lines = []
        for st in statements:
            ids = []
            for ev in st.evidence:
                key = next((k for k, v in self.evidence.items() if v == ev), "")
                if not key:
                    key = f"E{len(self.evidence) + 1}"
                    self.evidence[key] = ev
                ids.append(key)
            refs = "; ".join(f"[{k}] {self.evidence[k].ref}: “{self.evidence[k].quote[:300]}”" for k in ids)
            lines.append(f"- {st.text}" + (f"\n  evidence: {refs}" if refs else ""))
        return "\n".join(lines)

    def _places(self, name: str, state: str | None) -> list[Statement]:
        e = find_entities(name, self.names, today=self.today)
        if state:
            e = replace(e, states=(state_filter(state),))
        out: list[Statement] = []
        if e.ports:
            ports = [p for p in e.ports if not e.states or set(p.states) & set(e.states)] or list(e.ports)
            out += facts.port_facts(self.corpus, ports)
        if e.stations:
            out += facts.station_facts(self.corpus, list(e.stations))
        if e.service_ports and not out:
            out += facts.service_ports(self.corpus, found=list(e.service_ports))
        return out or facts.not_listed(self.corpus, name, self.names.nearest(name))

    def tools(self) -> list[BaseTool]:
        """The LangChain tools, bound to this toolbox."""
        c = self.corpus

        def run(tool: str, fn: Callable[[], list[Statement]]) -> str:
            try:
                return self._render(tool, fn())
            except UsageError as exc:
                return f"Error: {exc}"

        def lookup_place(name: str, state: str | None = None) -> str:
            return run("lookup_place", lambda: self._places(name, state))

        def ports_by_state(state: str) -> str:
            return run("ports_by_state", lambda: facts.ports_in_state(c, state_filter(state)))

        def ports_with_drawback() -> str:
            return run("ports_with_drawback", lambda: facts.drawback_ports(c))

        def stations_by_state(state: str) -> str:
            return run("stations_by_state", lambda: facts.stations_in_state(c, state_filter(state)))

        def stations_supervised_by(name: str, state: str | None = None) -> str:
            key = name.lower()
            found = [s for s in c.stations if key in s.supervisory_port.lower()]
            return run("stations_supervised_by", lambda: facts.stations_supervised(c, name, found) if found else [])

        def service_ports(state: str) -> str:
            return run("service_ports", lambda: facts.service_ports(c, state=state_filter(state)))

        def preclearance_offices(place: str) -> str:
            e = find_entities(place, self.names, today=self.today)
            return run("preclearance_offices", lambda: facts.preclearance(
                c, countries=list(e.countries), offices=list(e.offices),
                unknown="" if (e.countries or e.offices) else place))  # fmt: skip

        def centers(industry: str | None = None) -> str:
            e = find_entities(f"center for {industry or ''} imports", self.names, today=self.today)
            return run("centers", lambda: facts.centers_for(c, [x.name for x in e.centers]))

        def holidays(year: int) -> str:
            return run("holidays", lambda: facts.holidays_in_year(c, year))

        def business_day(date: str) -> str:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError:
                return f"Error: {date!r} is not a date in YYYY-MM-DD form"
            return run("business_day", lambda: facts.date_status(c, day))

        def hours() -> str:
            return run("hours", lambda: facts.hours(c))

        def definition(term: str) -> str:
            key = re.sub(r"[^a-z ]", "", term.lower()).strip()
            found = [d for d in c.definitions if key and key in d.term.lower()]
            return run("definition", lambda: facts.definition(c, found[0]) if found else [])

        def search_passages(query: str) -> str:
            hits = self.retrieve(query, None)[:4]
            return run("search_passages", lambda: [
                Statement(f"{h.ref} says: {h.text[:600]}", (Evidence(h.ref, h.text[:600]),)) for h in hits
            ])  # fmt: skip

        specs: list[tuple[Callable[..., str], type[BaseModel], str]] = [
            (lookup_place, _Name, "Look up a port of entry, Customs station or service port by name (typos ok)."),
            (ports_by_state, _State, "List the ports of entry listed under a US state."),
            (ports_with_drawback, _Nothing, "List the ports marked '+' (drawback unit/office)."),
            (stations_by_state, _State, "List the Customs stations under a state and their supervisory ports."),
            (stations_supervised_by, _Name, "List the Customs stations a port supervises."),
            (service_ports, _State, "List the Customs service ports in a state."),
            (preclearance_offices, _Place, "CBP preclearance offices in a country or city."),
            (centers, _Industry, "Centers of Excellence and Expertise for an industry, with management offices."),
            (holidays, _Year, "The national holidays CBP observes in a year, with observed dates."),
            (business_day, _Date, "Whether CBP offices are open (a business day) on a date."),
            (hours, _Nothing, "CBP business hours and their exceptions."),
            (definition, _Term, "A term defined in 19 CFR 101.1."),
            (search_passages, _Query, "Search the regulation and the article for anything else."),
        ]
        return [
            StructuredTool.from_function(fn, name=fn.__name__, description=doc, args_schema=schema)
            for fn, schema, doc in specs
        ]
