"""Load benchmark: `portentry serve --workers 2` on loopback under 8 and 32 concurrent clients.

Run with ``make bench-load`` (or ``python -m bench.load``). Every loop is
bounded (a fixed number of requests per client) and only 127.0.0.1 is used.
Also measures the cold start of `portentry ask` and the server's peak memory.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import httpx

from bench import p95, publish

PORTENTRY = Path(sys.executable).with_name("portentry")
QUESTIONS = [
    "Which port supervises the Otay Mesa customs station?",
    "Is CBP open on July 5, 2027?",
    "ports of entry in Montana",
    "What happens at secondary inspection?",
    "Which Center handles auto parts imports?",
    "Can a vessel be entered at a Customs station?",
    "preclearance in Ireland",
    "What is a business day?",
]
REQUESTS_PER_CLIENT = 15
WORKERS = 2


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its children, in MB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1])
    return total / 1024


async def _client(http: httpx.AsyncClient, base: str, offset: int, times: list[float], errors: list[str]) -> None:
    for i in range(REQUESTS_PER_CLIENT):
        question = QUESTIONS[(offset + i) % len(QUESTIONS)]
        started = time.perf_counter()
        try:
            r = await http.post(f"{base}/api/ask", json={"question": question}, timeout=30)
            if r.status_code != 200:
                errors.append(str(r.status_code))
        except httpx.HTTPError as exc:
            errors.append(type(exc).__name__)
        times.append((time.perf_counter() - started) * 1000)


async def _load(base: str, clients: int) -> tuple[float, float, float, int, int]:
    times: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(_client(http, base, n, times, errors) for n in range(clients)))
        elapsed = time.perf_counter() - started
    times.sort()
    return len(times) / elapsed, statistics.median(times), p95(times), len(errors), len(times)


def run() -> str:
    """Start the server, load it, and return the Markdown report."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PORTENTRY_DATA_DIR": tmp, "PORTENTRY_RATE_LIMIT": "0"}
        subprocess.run([str(PORTENTRY), "index"], env=env, check=True, capture_output=True, timeout=600)
        cold = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run([str(PORTENTRY), "ask", QUESTIONS[0]], env=env, check=True, capture_output=True, timeout=120)
            cold.append(time.perf_counter() - started)
        port = _free_port()
        server = subprocess.Popen(
            [str(PORTENTRY), "serve", "--port", str(port), "--workers", str(WORKERS)], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(base + "/api/health", timeout=2):
                        break
                except OSError:
                    time.sleep(0.5)
            asyncio.run(_load(base, 4))  # warm every worker: the index and the model load on first use
            results = {clients: asyncio.run(_load(base, clients)) for clients in (8, 32)}
            rss = _peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    lines = [
        f"# Load benchmark, {dt.date.today().isoformat()}",
        "",
        f"`portentry serve --workers {WORKERS}` on 127.0.0.1, 2 CPU cores, {REQUESTS_PER_CLIENT} questions per "
        f"client from a mix of {len(QUESTIONS)} (table and passage questions), rate limit off.",
        "",
        "| concurrent clients | requests | throughput (req/s) | p50 ms | p95 ms | errors |",
        "|---|---|---|---|---|---|",
        *(
            f"| {c} | {n} | {tput:.0f} | {p50:.0f} | {p95:.0f} | {errs} |"
            for c, (tput, p50, p95, errs, n) in results.items()
        ),
        "",
        f"Cold start of `portentry ask` (a table question, new process): median {statistics.median(cold):.1f} s "
        f"over 3 runs. Peak resident memory of serve (all workers): {rss:.0f} MB.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark, print the report and save it under bench/results."""
    publish("load", run)


if __name__ == "__main__":
    main()
