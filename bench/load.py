"""Load benchmark: `portentry serve --workers 2` on loopback under 8 and 32 concurrent clients.

Run with ``make bench-load`` (or ``python -m bench.load``). Every loop is
bounded (a fixed number of requests per client) and only 127.0.0.1 is used.
The clients ask the dev set's questions in turn and share the machine's two
cores with the server. The client is aiohttp: with httpx the client itself
was the bottleneck at 32 connections (p95 about 700 ms, against about 120 ms
from four httpx processes or one aiohttp process). Also measures the cold
start of `portentry ask` and the server's peak memory.
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

import aiohttp

from bench import Report, percentile, publish
from bench.answers import load_dev

PORTENTRY = Path(sys.executable).with_name("portentry")
COLD_QUESTION = "Which port supervises the Otay Mesa customs station?"
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


async def _client(
    http: aiohttp.ClientSession, url: str, questions: list[str], offset: int, times: list[float], errors: list[str]
) -> None:
    for i in range(REQUESTS_PER_CLIENT):
        question = questions[(offset * REQUESTS_PER_CLIENT + i) % len(questions)]
        started = time.perf_counter()
        try:
            async with http.post(url, json={"question": question}) as r:
                await r.read()
                if r.status != 200:
                    errors.append(str(r.status))
        except (aiohttp.ClientError, TimeoutError) as exc:
            errors.append(type(exc).__name__)
        times.append((time.perf_counter() - started) * 1000)


async def _load(base: str, clients: int, questions: list[str]) -> tuple[float, float, float, float, int, int]:
    times: list[float] = []
    errors: list[str] = []
    connector = aiohttp.TCPConnector(limit=clients)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        started = time.perf_counter()
        await asyncio.gather(*(_client(http, f"{base}/api/ask", questions, n, times, errors) for n in range(clients)))
        elapsed = time.perf_counter() - started
    return (
        len(times) / elapsed, statistics.median(times), percentile(times, 95), percentile(times, 99),
        len(errors), len(times),
    )  # fmt: skip


def run() -> Report:
    """Start the server, load it, and return the report."""
    questions = [item["question"] for item in load_dev()]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PORTENTRY_DATA_DIR": tmp, "PORTENTRY_RATE_LIMIT": "0"}
        subprocess.run([str(PORTENTRY), "index"], env=env, check=True, capture_output=True, timeout=600)
        cold = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(
                [str(PORTENTRY), "ask", COLD_QUESTION], env=env, check=True, capture_output=True, timeout=120
            )
            cold.append(time.perf_counter() - started)
        port = _free_port()
        server = subprocess.Popen(
            [str(PORTENTRY), "serve", "--port", str(port), "--workers", str(WORKERS)], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            started = time.perf_counter()
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:  # each worker loads the index and the model before it listens
                try:
                    with urllib.request.urlopen(base + "/api/health", timeout=2):
                        break
                except OSError:
                    time.sleep(0.2)
            else:
                raise RuntimeError(f"portentry serve did not answer on {base} within 180 s")
            ready_s = time.perf_counter() - started
            results = {clients: asyncio.run(_load(base, clients, questions)) for clients in (8, 32)}
            rss = _peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    lines = [
        f"## Load, {dt.date.today().isoformat()}",
        "",
        f"`portentry serve --workers {WORKERS}` on 127.0.0.1, 2 CPU cores shared with the client, "
        f"{REQUESTS_PER_CLIENT} questions per client, taken in turn from the {len(questions)} dev-set questions "
        "(tables and passages), rate limit off.",
        "",
        "| concurrent clients | requests | throughput (req/s) | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|---|",
        *(
            f"| {c} | {n} | {tput:.0f} | {p50:.0f} | {p95:.0f} | {p99:.0f} | {errs} |"
            for c, (tput, p50, p95, p99, errs, n) in results.items()
        ),
        "",
        f"- Cold start of `portentry ask` (a table question, new process): median {statistics.median(cold):.1f} s "
        "over 3 runs.",
        f"- `portentry serve` ready (both workers have loaded the index and the model): {ready_s:.1f} s.",
        f"- Peak resident memory of serve (supervisor and workers): {rss:.0f} MB.",
        "",
    ]
    tput32, _, p95_32, _, errors32, _ = results[32]
    figures = {
        "load32_p95_ms": p95_32, "load32_errors": errors32, "load32_rps": tput32,
        "cold_ask_s": statistics.median(cold), "serve_ready_s": ready_s, "serve_rss_mb": rss,
    }  # fmt: skip
    return Report("\n".join(lines), figures)


def main() -> None:
    """Run the benchmark, print the report and save it under bench/results."""
    publish("load", run)


if __name__ == "__main__":
    main()
