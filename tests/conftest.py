"""Shared fixtures; and a guard that makes any network access outside loopback fail."""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from assistant import Answer, Assistant, verify
from corpus import SOURCES_DIR, Corpus, Settings, load_corpus
from index import Index, SentenceEmbeddings, load_embedder

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


@pytest.fixture(autouse=True, scope="session")
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test writes to the user's data folder: anything that falls back on PORTENTRY_DATA_DIR gets a temp one."""
    mp = pytest.MonkeyPatch()
    mp.setenv("PORTENTRY_DATA_DIR", str(tmp_path_factory.mktemp("portentry-data")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus()


@dataclass(frozen=True)
class Engine:
    """The real embedding model and a real index built from the sources, shared by the answer tests."""

    settings: Settings
    embedder: SentenceEmbeddings
    index: Index

    def assistant(self, corpus: Corpus, today: dt.date, *, index: bool = True) -> Assistant:
        """An assistant on this model (and index; without it, opening the index fails the test)."""

        def no_index() -> Index:
            raise AssertionError("a table question opened the search index")

        return Assistant(corpus, index=(lambda: self.index) if index else no_index, embedder=lambda: self.embedder,
                         today=lambda: today, cache_dir=self.settings.data_dir)  # fmt: skip


def ask_verified(bot: Assistant, corpus: Corpus, question: str,
                 history: list[dict[str, str]] | None = None) -> Answer:  # fmt: skip
    """The answer to ``question``, every citation checked verbatim against the sources."""
    answer = bot.ask(question, history)
    verify(answer.citations, corpus)
    return answer


def refs(answer: Answer) -> set[str]:
    """The refs an answer cites."""
    return {c.ref for c in answer.citations}


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ``weekday`` of the month (101.6(a) states its holidays this way); n = -1 for the last."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("engine-data"))
    embedder = load_embedder(settings)
    with Index.open(settings, embedder=embedder, progress=False) as index:
        yield Engine(settings, embedder, index)


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


# ---------------------------------------------------------------- index fixtures

CHROMA = Path(sys.executable).with_name("chroma")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_heartbeat(port: int, proc: subprocess.Popen[bytes], deadline_s: float = 60.0) -> None:
    started = time.monotonic()
    while time.monotonic() - started < deadline_s:  # bounded: a server that never starts fails the test
        if proc.poll() is not None:
            raise RuntimeError(f"chroma run exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("chroma server did not start within 60 s")


@contextlib.contextmanager
def chroma_server(path: Path, port: int | None = None) -> Iterator[str]:
    """A real `chroma run` on a (free) loopback port; stopped by its process id."""
    port = port or free_port()
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for_heartbeat(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url


def fake_embedder() -> DeterministicFakeEmbedding:
    """Hash-seeded vectors: deterministic, instant, no model."""
    return DeterministicFakeEmbedding(size=384)


@pytest.fixture(scope="session", params=["embedded", "server"])
def store_settings(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for each store mode, each with its own data folder."""
    data = tmp_path_factory.mktemp(f"data-{request.param}")
    url = request.getfixturevalue("chroma_url") if request.param == "server" else ""
    return Settings(data_dir=data, chroma_url=url)
