"""corpus: the two sources, parsed into cited passages and exact tables.

Owns the source files (``corpus/sources``), their parsers and the typed
records every other package uses, plus the error hierarchy and settings that
all layers share. It never reaches the network and never edits a source.
"""

from ._corpus import Corpus, load_corpus, state_filter
from ._errors import (
    ConfigurationError,
    ModelError,
    OperationalError,
    PortentryError,
    SourceError,
    StoreError,
    StoreUnavailableError,
    UsageError,
)
from ._export import TABLE_NAMES, Cell, TableExport, export_table
from ._records import (
    Article,
    BusinessHours,
    Center,
    Cite,
    CustomsStation,
    Definition,
    Holiday,
    ObservedHoliday,
    Passage,
    Port,
    PortListing,
    PreclearanceOffice,
    Provenance,
    Regulation,
    Section,
    ServicePort,
    SourceKind,
)
from ._settings import SOURCES_DIR, Settings, enforce_offline
from ._states import STATES, postal_code, resolve_state
from ._text import sentence_spans, sentences

__all__ = [
    "SOURCES_DIR",
    "STATES",
    "TABLE_NAMES",
    "Article",
    "BusinessHours",
    "Cell",
    "Center",
    "Cite",
    "ConfigurationError",
    "Corpus",
    "CustomsStation",
    "Definition",
    "Holiday",
    "ModelError",
    "ObservedHoliday",
    "OperationalError",
    "Passage",
    "Port",
    "PortListing",
    "PortentryError",
    "PreclearanceOffice",
    "Provenance",
    "Regulation",
    "Section",
    "ServicePort",
    "Settings",
    "SourceError",
    "SourceKind",
    "StoreError",
    "StoreUnavailableError",
    "TableExport",
    "UsageError",
    "enforce_offline",
    "export_table",
    "load_corpus",
    "postal_code",
    "resolve_state",
    "sentence_spans",
    "sentences",
    "state_filter",
]
