"""The regulation's tables as flat rows for export (CLI, CSV/JSON, later the HTTP API).

One definition of each exported table's columns, so every edge that offers a
download gives the same columns. Rows are typed cells, never free-form dicts;
``TableExport.records()`` makes JSON-ready objects at the very edge.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from ._corpus import Corpus, state_filter
from ._errors import UsageError

__all__ = ["TABLE_NAMES", "Cell", "TableExport", "export_table"]

Cell = str | bool | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TableExport:
    """One table, ready to print or download."""

    name: str
    """Table name as the CLI and API spell it ("service-ports")."""
    title: str
    """Human title with its citation."""
    columns: tuple[str, ...]
    """Column names, in order; also the JSON keys."""
    brief: tuple[str, ...]
    """The columns worth showing in a terminal."""
    rows: tuple[tuple[Cell, ...], ...]
    """One tuple of cells per row, in ``columns`` order."""

    def text_rows(self) -> list[list[str]]:
        """Rows as text for people and spreadsheets: yes/no for flags, lists joined with "; "."""
        return [[_text(v) for v in row] for row in self.rows]

    def to_csv(self) -> str:
        """The table as CSV, with a header row."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self.text_rows())
        return out.getvalue()

    def records(self) -> list[dict[str, Cell | list[str]]]:
        """Rows as JSON-ready objects (tuples become lists)."""
        return [
            {c: list(v) if isinstance(v, tuple) else v for c, v in zip(self.columns, row, strict=True)}
            for row in self.rows
        ]


def _text(value: Cell) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return "; ".join(value)
    return value


def _ports(corpus: Corpus, state: str | None, _year: int | None) -> TableExport:
    ports = {p.id: p for p in corpus.ports}
    rows = tuple(
        (
            x.name,
            x.state,
            ports[x.port_id].states,
            x.limits,
            x.drawback,
            x.printed_name,
            x.port_id,
            ports[x.port_id].in_customs_territory,
            x.cite.ref,
            x.cite.url,
        )
        for x in corpus.listings
        if state is None or x.state == state
    )
    return TableExport(
        name="ports",
        title="Customs ports of entry (19 CFR 101.3(b)(1)); + marks a drawback unit/office",
        columns=(
            "name",
            "state",
            "states",
            "limits",
            "drawback",
            "printed_name",
            "port_id",
            "in_customs_territory",
            "ref",
            "url",
        ),
        brief=("state", "name", "drawback", "limits"),
        rows=rows,
    )


def _stations(corpus: Corpus, state: str | None, _year: int | None) -> TableExport:
    names = {p.id: f"{p.name} ({', '.join(p.states)})" for p in corpus.ports}
    rows = tuple(
        (
            s.name,
            s.state,
            s.supervisory_port,
            s.supervisory_port_listed,
            names.get(s.supervisory_port_id or "", ""),
            tuple(names[i] for i in s.related_port_ids),
            s.cite.ref,
            s.cite.url,
        )
        for s in corpus.stations
        if state is None or s.state == state
    )
    return TableExport(
        name="stations",
        title="Customs stations and their supervisory ports (19 CFR 101.4(c)(2))",
        columns=(
            "name",
            "state",
            "supervisory_port",
            "supervisory_port_listed",
            "listed_port",
            "related_ports",
            "ref",
            "url",
        ),
        brief=("state", "name", "supervisory_port", "supervisory_port_listed"),
        rows=rows,
    )


def _service_ports(corpus: Corpus, state: str | None, _year: int | None) -> TableExport:
    rows = tuple(
        (s.name, s.state, s.cite.ref, s.cite.url) for s in corpus.service_ports if state is None or s.state == state
    )
    return TableExport(
        name="service-ports",
        title="Customs service ports (19 CFR 101.3(b)(2))",
        columns=("name", "state", "ref", "url"),
        brief=("state", "name"),
        rows=rows,
    )


def _preclearance(corpus: Corpus, _state: str | None, _year: int | None) -> TableExport:
    rows = tuple((p.country, p.office, p.cite.ref, p.cite.url) for p in corpus.preclearance)
    return TableExport(
        name="preclearance",
        title="CBP preclearance offices in foreign countries (19 CFR 101.5)",
        columns=("country", "office", "ref", "url"),
        brief=("country", "office"),
        rows=rows,
    )


def _centers(corpus: Corpus, _state: str | None, _year: int | None) -> TableExport:
    rows = tuple((c.name, c.office, c.cite.ref, c.cite.url) for c in corpus.centers)
    return TableExport(
        name="centers",
        title="Centers of Excellence and Expertise (19 CFR 101.10(a))",
        columns=("name", "office", "ref", "url"),
        brief=("name", "office"),
        rows=rows,
    )


def _holidays(corpus: Corpus, _state: str | None, year: int | None) -> TableExport:
    year = dt.date.today().year if year is None else year
    rows = tuple(
        (
            o.holiday.name,
            o.holiday.rule,
            o.date.isoformat(),
            o.observed.isoformat(),
            o.date.strftime("%A"),
            o.observed.strftime("%A"),
            o.holiday.cite.ref,
            o.holiday.cite.url,
        )
        for o in corpus.observed_holidays(year)
    )
    return TableExport(
        name="holidays",
        title=f"National holidays on which CBP offices are closed in {year} (19 CFR 101.6(a)); "
        "a Saturday holiday is observed the Friday before, a Sunday holiday the Monday after",
        columns=("name", "rule", "date", "observed", "weekday", "observed_weekday", "ref", "url"),
        brief=("name", "rule", "date", "observed", "observed_weekday"),
        rows=rows,
    )


def _definitions(corpus: Corpus, _state: str | None, _year: int | None) -> TableExport:
    rows = tuple((d.term, d.text, d.ref, d.url) for d in corpus.definitions)
    return TableExport(
        name="definitions",
        title="Terms defined in 19 CFR 101.1",
        columns=("term", "definition", "ref", "url"),
        brief=("term", "definition"),
        rows=rows,
    )


_BUILDERS: dict[str, Callable[[Corpus, str | None, int | None], TableExport]] = {
    "ports": _ports,
    "stations": _stations,
    "service-ports": _service_ports,
    "preclearance": _preclearance,
    "centers": _centers,
    "holidays": _holidays,
    "definitions": _definitions,
}
TABLE_NAMES = tuple(_BUILDERS)
_BY_STATE = ("ports", "stations", "service-ports")


def export_table(corpus: Corpus, name: str, *, state: str | None = None, year: int | None = None) -> TableExport:
    """Table ``name`` (one of TABLE_NAMES), optionally filtered by state or dated for a year."""
    if name not in _BUILDERS:
        raise UsageError(f"unknown table {name!r}; choose one of: {', '.join(TABLE_NAMES)}")
    if state is not None and name not in _BY_STATE:
        raise UsageError(f"--state applies to {', '.join(_BY_STATE)}, not to {name}")
    if year is not None and name != "holidays":
        raise UsageError(f"--year applies to holidays, not to {name}")
    return _BUILDERS[name](corpus, None if state is None else state_filter(state), year)
