"""Settings, read from environment variables in this one place.

Nothing else in portentry reads ``os.environ``: code takes a ``Settings`` (or
the values it needs) as an argument, so tests pass their own without patching
the environment. The one write is ``enforce_offline``, which must run before
any Hugging Face library is imported.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

from ._errors import ConfigurationError

__all__ = ["SOURCES_DIR", "Settings", "enforce_offline"]

SOURCES_DIR = Path(__file__).parent / "sources"
"""The documents shipped with portentry and their provenance (``sources.toml``)."""

DATA_DIR = Path(platformdirs.user_data_dir("portentry", appauthor=False))
"""Default data folder (outside the source tree, so never committed)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a user can configure. Each field documents its variable."""

    sources_dir: Path = SOURCES_DIR
    """PORTENTRY_SOURCES_DIR: a folder with the source texts and a sources.toml
    (default: the copies shipped in corpus/sources)."""

    data_dir: Path = DATA_DIR
    """PORTENTRY_DATA_DIR: where the index (and later feedback) is kept
    (default: the user data folder, e.g. ~/.local/share/portentry)."""

    embed_model: str = ""
    """PORTENTRY_EMBED_MODEL: a local sentence-transformers folder or a model name
    already in the Hugging Face cache (default: the bundled all-MiniLM-L6-v2)."""

    chroma_url: str = ""
    """PORTENTRY_CHROMA_URL: http://HOST:PORT of a Chroma server (default: an
    embedded Chroma in the data folder)."""

    llm: str = ""
    """PORTENTRY_LLM: an optional chat model as "provider:model", e.g. "ollama:llama3.1" or
    "openai:MODEL" (default: none; the built-in engine answers)."""

    llm_timeout_s: float = 20.0
    """PORTENTRY_LLM_TIMEOUT: seconds to wait for the chat model before the built-in engine answers."""

    openai_base_url: str = ""
    """OPENAI_BASE_URL: an OpenAI-compatible server (vLLM, llama.cpp server) for "openai:" models."""

    allowed_origins: tuple[str, ...] = ()
    """PORTENTRY_ALLOWED_ORIGINS: comma-separated origins (https://example.com) allowed to embed the
    widget and call the API from the browser; "*" allows any (default: none, same origin only)."""

    rate_limit: int = 60
    """PORTENTRY_RATE_LIMIT: API requests each client (IP address) may make per minute; 0 turns
    the limit off (default 60)."""

    feedback_max_mb: int = 100
    """PORTENTRY_FEEDBACK_MAX_MB: the most the feedback database may grow to, in MB, so a flood
    of votes cannot fill the disk; past it a vote gets a 503 and nothing stored is touched (default 100)."""

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
        data = env.get("PORTENTRY_DATA_DIR", "").strip()
        url = env.get("PORTENTRY_CHROMA_URL", "").strip().rstrip("/")
        if url:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname or parts.port is None:
                raise ConfigurationError(
                    f"PORTENTRY_CHROMA_URL={url!r} is not of the form http://HOST:PORT; "
                    "unset it to use the embedded store"
                )
        timeout = env.get("PORTENTRY_LLM_TIMEOUT", "").strip()
        try:
            llm_timeout_s = float(timeout) if timeout else 20.0
        except ValueError:
            raise ConfigurationError(f"PORTENTRY_LLM_TIMEOUT={timeout!r} is not a number of seconds") from None
        if not 0 < llm_timeout_s <= 600:
            raise ConfigurationError(f"PORTENTRY_LLM_TIMEOUT={timeout!r} must be between 0 and 600 seconds")
        origins = tuple(o.strip().rstrip("/") for o in env.get("PORTENTRY_ALLOWED_ORIGINS", "").split(",") if o.strip())
        for origin in origins:
            if origin != "*" and not re.fullmatch(r"https?://[^/\s]+", origin):
                raise ConfigurationError(
                    f"PORTENTRY_ALLOWED_ORIGINS has {origin!r}; give origins like https://example.com, comma-separated"
                )
        rate = env.get("PORTENTRY_RATE_LIMIT", "").strip()
        if rate and not rate.isdigit():
            raise ConfigurationError(f"PORTENTRY_RATE_LIMIT={rate!r} must be a whole number of requests per minute")
        cap = env.get("PORTENTRY_FEEDBACK_MAX_MB", "").strip()
        if cap and (not cap.isdigit() or int(cap) < 1):
            raise ConfigurationError(f"PORTENTRY_FEEDBACK_MAX_MB={cap!r} must be a whole number of MB, at least 1")
        return cls(
            feedback_max_mb=int(cap) if cap else 100,
            rate_limit=int(rate) if rate else 60,
            allowed_origins=origins,
            llm=env.get("PORTENTRY_LLM", "").strip(),
            llm_timeout_s=llm_timeout_s,
            openai_base_url=env.get("OPENAI_BASE_URL", "").strip(),
            sources_dir=sources_dir,
            data_dir=Path(data).expanduser() if data else DATA_DIR,
            embed_model=env.get("PORTENTRY_EMBED_MODEL", "").strip(),
            chroma_url=url,
        )


def enforce_offline() -> None:
    """Keep Hugging Face libraries and Chroma from reaching the network."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
    os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
    os.environ["ANONYMIZED_TELEMETRY"] = "False"
