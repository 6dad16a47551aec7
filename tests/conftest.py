"""Shared fixtures; and a guard that makes any network access outside loopback fail."""

from __future__ import annotations

import ipaddress
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corpus import SOURCES_DIR, Corpus, load_corpus

REPO = Path(__file__).resolve().parent.parent
REGULATION = SOURCES_DIR / "19-cfr-part-101.txt"
ARTICLE = SOURCES_DIR / "article-what-is-a-port-of-entry.txt"

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> None:
    host = address[0] if isinstance(address, tuple) else None
    if host is not None:
        try:
            allowed = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = False
        if not allowed:
            raise RuntimeError(f"tests may not reach the network (tried {host})")
    _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", _loopback_only)
    yield
    mp.undo()


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="session")
def regulation_lines() -> list[str]:
    """The regulation source file, line by line (index 0 is line 1)."""
    return REGULATION.read_text(encoding="utf-8").splitlines()


@pytest.fixture()
def sources_copy(tmp_path: Path) -> Path:
    """A private copy of the sources folder that a test may damage."""
    target = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, target)
    return target
