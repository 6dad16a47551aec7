"""Settings, read from environment variables in this one place.

Nothing else in portentry reads ``os.environ``: code takes a ``Settings`` (or
the values it needs) as an argument, so tests pass their own without patching
the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ._errors import ConfigurationError

__all__ = ["SOURCES_DIR", "Settings"]

SOURCES_DIR = Path(__file__).parent / "sources"
"""The documents shipped with portentry and their provenance (``sources.toml``)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a user can configure. Each field documents its variable."""

    sources_dir: Path = SOURCES_DIR
    """PORTENTRY_SOURCES_DIR: a folder with the source texts and a sources.toml
    (default: the copies shipped in corpus/sources)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings from ``environ`` (default: the process environment)."""
        env = os.environ if environ is None else environ
        sources = env.get("PORTENTRY_SOURCES_DIR", "").strip()
        sources_dir = Path(sources).expanduser() if sources else SOURCES_DIR
        if not sources_dir.is_dir():
            raise ConfigurationError(
                f"PORTENTRY_SOURCES_DIR={sources!r} is not a folder; unset it to use the sources shipped with portentry"
            )
        return cls(sources_dir=sources_dir)
