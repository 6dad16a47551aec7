"""The one error hierarchy of portentry.

Every package raises these and nothing else on purpose; only the edges (the CLI
and ``ui/``) turn them into messages for people. Never raise a bare Exception.

    PortentryError                 base: catch this at an edge
    ├── UsageError                 you used it wrong: fix the call or the setting
    │   └── ConfigurationError     a setting (environment variable) is invalid
    └── OperationalError           it failed while running: data or service trouble
        └── SourceError            a source document is missing or corrupt
"""

from __future__ import annotations

__all__ = [
    "ConfigurationError",
    "OperationalError",
    "PortentryError",
    "SourceError",
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
