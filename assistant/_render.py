"""One composer per result type: ``render`` turns any tool result into statements with evidence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corpus import Corpus

from . import _render_days as days
from . import _render_places as places
from . import _render_text as text
from ._data import Vocabulary
from ._records import Statement
from ._results import (
    BusinessDayCount,
    BusinessDayShift,
    Centers,
    ClearanceRoute,
    DayStatus,
    Definitions,
    DrawbackPorts,
    Expansion,
    HolidayDate,
    HolidayList,
    Hours,
    Outline,
    PlaceFacts,
    PortLimits,
    PortsInState,
    Preclearance,
    Result,
    SectionHistory,
    ServicePorts,
    Snippet,
    StationsInState,
    StationsOfPort,
    StationSupervisor,
)

__all__ = ["render"]

_COMPOSERS: dict[type, Callable[[Any, Corpus], list[Statement]]] = {
    PlaceFacts: places.place_facts,
    PortLimits: places.port_limits,
    PortsInState: places.ports_in_state,
    DrawbackPorts: places.drawback_ports,
    StationsInState: places.stations_in_state,
    StationSupervisor: places.station_supervisor,
    StationsOfPort: places.stations_of_port,
    ServicePorts: places.service_ports,
    Preclearance: places.preclearance,
    ClearanceRoute: places.clearance_route,
    Centers: places.centers,
    HolidayDate: days.holiday_date,
    HolidayList: days.holiday_list,
    DayStatus: days.day_status,
    BusinessDayShift: days.business_day_shift,
    BusinessDayCount: days.business_day_count,
    Hours: days.hours,
    Snippet: text.snippet,
    Expansion: text.expansion,
    Outline: text.outline,
    SectionHistory: text.section_history,
}


def render(result: Result, corpus: Corpus, *, question: str, vocabulary: Vocabulary) -> list[Statement]:
    """The statements that say ``result``, each citing what it rests on."""
    if isinstance(result, Definitions):
        return text.definitions(result, corpus, question, vocabulary)
    if isinstance(result, Snippet):
        return text.snippet(result, corpus, question, vocabulary)
    if isinstance(result, Hours):
        return text.settled(days.hours(result, corpus), result.polar, question, vocabulary)
    return _COMPOSERS[type(result)](result, corpus)
