"""Benchmarks: each module is a command that prints a report and saves it under bench/results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank below) of some timings."""
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def publish(kind: str, run: Callable[[], str]) -> None:
    """Run a benchmark, print its Markdown report and save it as bench/results/KIND-DATE.md."""
    report = run()
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{kind}-{dt.date.today().isoformat()}.md"
    path.write_text(report, encoding="utf-8")
    print(report)
    print(f"(saved to {path.relative_to(ROOT)})")
