"""`portentry serve --workers 2`: worker processes share the one index and the one feedback database.

One real server with two uvicorn workers, each loading the real model; questions and votes
arrive at once, and every answer and every acknowledged vote must hold.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from .conftest import free_port

PORTENTRY = Path(sys.executable).with_name("portentry")

# Each question, and what every worker's answer to it must contain.
QUESTIONS = {
    "What happens at secondary inspection?": "Secondary Inspection",  # passages (the index)
    "Can a vessel be entered at a Customs station?": "authorized by the director of the port",  # 101.4(a)
    "Which port supervises the Otay Mesa customs station?": "San Diego",  # tables
    "Is CBP open on July 5, 2027?": "Independence Day",
}
REQUESTS = 120  # half questions, half votes


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def _workers(pid: int) -> list[int]:
    """uvicorn's worker processes; its supervisor also starts a multiprocessing resource tracker."""
    return [c for c in _children(pid) if b"multiprocessing.spawn" in _read(f"/proc/{c}/cmdline")]


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return b""


def _alive(pid: int) -> bool:
    stat = _read(f"/proc/{pid}/stat")  # a zombie counts as gone: it holds nothing, its parent just has not reaped it
    return bool(stat) and stat.rsplit(b")", 1)[1].split()[0] != b"Z"


def _has_open(pid: int, folder: Path) -> bool:
    with contextlib.suppress(OSError):
        return any(os.readlink(fd).startswith(str(folder)) for fd in Path(f"/proc/{pid}/fd").iterdir())
    return False


def _written(pid: int) -> int:
    """Bytes the process has written (files and sockets) since it started."""
    fields = dict(line.split(": ") for line in _read(f"/proc/{pid}/io").decode().splitlines())
    return int(fields["wchar"])


def _post(base: str, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, {"error": exc.read().decode(errors="replace")}


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/api/health", timeout=2) as r:
            return bool(r.status == 200)
    except OSError:
        return False


def _stop(proc: subprocess.Popen[bytes], pids: set[int]) -> list[int]:
    """Stop the server by its process id; returns the workers that outlived it (then killed)."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # its own session: the workers go too
        proc.wait(timeout=10)
    for _ in range(50):  # bounded: 10 s for the workers to be gone
        if not any(_alive(p) for p in pids):
            return []
        time.sleep(0.2)
    left = [p for p in pids if _alive(p)]
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    return left


@pytest.mark.slow
@pytest.mark.model
def test_two_workers_share_the_index_and_the_feedback_database(tmp_path: Path) -> None:
    env = {**os.environ, "PORTENTRY_DATA_DIR": str(tmp_path), "PORTENTRY_RATE_LIMIT": "0"}
    built = subprocess.run([str(PORTENTRY), "index"], env=env, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr  # built once here, so the workers only open it
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"  # a file, not a pipe nobody reads, which could fill and stall the server
    with log.open("wb") as err:
        proc = subprocess.Popen([str(PORTENTRY), "serve", "--port", str(port), "--workers", "2"], env=env,
                                stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)  # fmt: skip
    seen: set[int] = set()
    try:
        workers: list[int] = []
        started = time.monotonic()
        while time.monotonic() - started < 120:  # bounded wait for the workers to load the index and the model
            assert proc.poll() is None, f"serve exited with {proc.returncode}:\n{log.read_text()}"
            workers = _workers(proc.pid)
            seen.update(_children(proc.pid))
            # A worker opens the index after loading the model, and answers only once warm; uvicorn starts
            # all its workers at once, so a worker missing when one answers is missing for good.
            if all(_has_open(w, tmp_path / "chroma") for w in workers) and _healthy(base):
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"serve --workers 2 was not ready in 120 s (workers {workers}):\n{log.read_text()}")
        # Seen on Linux with uvicorn 0.54: the supervisor's children are 2 spawned workers and 1 resource tracker.
        assert len(workers) == 2 and len(_children(proc.pid)) <= 3, [_read(f"/proc/{c}/cmdline") for c in seen]

        def call(n: int) -> tuple[str, int, dict[str, Any]]:
            if n % 2:
                text = f"vote {n}: was this useful?"  # unique, to find each vote in the database
                vote = {"question": text, "answer": "a", "citations": [], "vote": "up" if n % 4 == 1 else "down"}
                return (text, *_post(base, "/api/feedback", vote))
            question = list(QUESTIONS)[n // 2 % len(QUESTIONS)]
            return (question, *_post(base, "/api/ask", {"question": question}))

        before = {w: _written(w) for w in workers}
        with ThreadPoolExecutor(16) as pool:
            results = list(pool.map(call, range(REQUESTS)))
        wrote = {w: _written(w) - before[w] for w in workers}
        still = _workers(proc.pid)  # uvicorn replaces a worker that dies: a crash under load shows as a new pid
        seen.update(_children(proc.pid))
    finally:
        left = _stop(proc, seen)
    assert not left, f"worker processes outlived the server: {left}"

    assert still == workers, f"a worker died during the load and was replaced ({workers} -> {still})"
    asked = [(q, status, body) for q, status, body in results if q in QUESTIONS]
    votes = [(q, status, body) for q, status, body in results if q not in QUESTIONS]
    assert len(asked) == len(votes) == REQUESTS // 2
    for question, status, body in asked:
        assert status == 200, (question, body)
        assert body["answer"] and body["citations"] and not body["abstained"], (question, body)
        assert QUESTIONS[question] in body["answer"], (question, body["answer"])
    for question in QUESTIONS:  # both workers read the same index: one answer per question
        assert len({json.dumps([b["answer"], b["citations"]]) for q, _, b in asked if q == question}) == 1, question
    for question, status, body in votes:
        assert status == 200 and body["ok"] is True and isinstance(body["id"], int), (question, body)
    acknowledged = {body["id"]: question for question, _, body in votes}
    assert len(acknowledged) == len(votes), "two votes were acknowledged with the same id"
    # Each worker served part of the load: an idle worker writes only uvicorn's pings (about 18 bytes a second).
    assert all(n > 4096 for n in wrote.values()), f"bytes written per worker during the load: {wrote}"

    with contextlib.closing(sqlite3.connect(tmp_path / "feedback.sqlite3")) as db:
        stored = dict(db.execute("SELECT id, question FROM feedback").fetchall())
    assert stored == acknowledged  # nothing lost, nothing doubled, each vote under its own id
    assert "Traceback" not in log.read_text(), log.read_text()
