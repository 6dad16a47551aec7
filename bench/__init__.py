"""Benchmarks: each module measures one thing and returns a Markdown report with its key figures.

``python -m bench`` (``make bench``) runs them all and writes one dated file;
each module can also run alone (``python -m bench.retrieval`` and so on).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


@dataclass(frozen=True, slots=True)
class Report:
    """What one benchmark measured."""

    markdown: str
    """The section for the results file."""
    figures: dict[str, float] = field(default_factory=dict)
    """Key numbers by name, for the summary of a combined run."""


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile (``pct`` in 0..100) of some timings."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def save(kind: str, markdown: str) -> Path:
    """Write a report as bench/results/KIND-DATE.md and return the path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{kind}-{dt.date.today().isoformat()}.md"
    path.write_text(markdown, encoding="utf-8")
    return path


def publish(kind: str, run: Callable[[], Report]) -> None:
    """Run a benchmark, print its report and save it as bench/results/KIND-DATE.md."""
    report = run()
    path = save(kind, report.markdown)
    print(report.markdown)
    print(f"(saved to {path.relative_to(ROOT)})")
