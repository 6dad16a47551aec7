"""The one error hierarchy of portentry.

Every package raises these and nothing else on purpose; only the edges (the CLI
and ``ui/``) turn them into messages for people. Never raise a bare Exception.

    PortentryError                 base: catch this at an edge
    ├── UsageError                 you used it wrong: fix the call or the setting
    │   └── ConfigurationError     a setting (environment variable) is invalid
    └── OperationalError           it failed while running: data or service trouble
        ├── SourceError            a source document is missing or corrupt
        ├── ModelError             the embedding model is missing or not the expected file
        └── StoreError             the vector store is corrupt, stale or cannot be built
            └── StoreUnavailableError  the Chroma server cannot be reached
"""

from __future__ import annotations

__all__ = [
    "ConfigurationError",
    "ModelError",
    "OperationalError",
    "PortentryError",
    "SourceError",
    "StoreError",
    "StoreUnavailableError",
    "UsageError",
]


class PortentryError(Exception):
    """Base of every error portentry raises on purpose."""


class UsageError(PortentryError):
    """The caller asked for something invalid (bad argument, unknown name)."""


class ConfigurationError(UsageError):
    """A setting is invalid; the message names the environment variable."""


class OperationalError(PortentryError):
    """Something failed at run time although the call itself was valid."""


class SourceError(OperationalError):
    """A source document is missing, unreadable or not the expected file."""


class ModelError(OperationalError):
    """The embedding model cannot be loaded, or its weights are not the expected file."""


class StoreError(OperationalError):
    """The vector store is corrupt or cannot be built; the message says how to recover."""


class StoreUnavailableError(StoreError):
    """The Chroma server at PORTENTRY_CHROMA_URL cannot be reached."""
