"""All benchmarks in one run: ``python -m bench`` (``make bench``) -> bench/results/bench-DATE.md.

The file opens with the targets of issue 6, each checked against the figures
measured in this run, followed by the retrieval, answer and load sections.
"""

from __future__ import annotations

import datetime as dt
import platform
import time

from bench import ROOT, Report, answers, load, retrieval, save


def _summary(figures: dict[str, float]) -> list[str]:
    f = figures
    checks = [
        ("default engine p95 <= 100 ms", f"{f['engine_p95_ms']:.1f} ms", f["engine_p95_ms"] <= 100),
        (
            "default engine p95 within 5x the embedding floor",
            f"{f['engine_p95_ms'] / f['floor_p95_ms']:.2f}x (floor p95 {f['floor_p95_ms']:.1f} ms)",
            f["engine_p95_ms"] <= 5 * f["floor_p95_ms"],
        ),
        (
            "accuracy ahead of the tutorial pipeline",
            f"{f['accuracy']:.1%} vs {f['accuracy_tutorial']:.1%}",
            f["accuracy"] > f["accuracy_tutorial"],
        ),
        (
            "latency ahead of the tutorial pipeline (p50 and p95)",
            f"p50 {f['engine_p50_ms']:.1f} vs {f['tutorial_p50_ms']:.1f} ms, "
            f"p95 {f['engine_p95_ms']:.1f} vs {f['tutorial_p95_ms']:.1f} ms",
            f["engine_p50_ms"] < f["tutorial_p50_ms"] and f["engine_p95_ms"] < f["tutorial_p95_ms"],
        ),
        ("32 concurrent clients: zero errors", f"{f['load32_errors']:.0f} errors", f["load32_errors"] == 0),
        ("32 concurrent clients: p95 <= 500 ms", f"{f['load32_p95_ms']:.0f} ms", f["load32_p95_ms"] <= 500),
    ]
    return [
        "| target | measured | met |",
        "|---|---|---|",
        *(f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, value, ok in checks),
        "",
        f"Also: hybrid recall@5 {f['recall5_hybrid']:.3f} vs tutorial {f['recall5_tutorial']:.3f}; "
        f"index rebuild {f['rebuild_s']:.1f} s with the model loaded, {f['cold_build_s']:.1f} s cold; "
        f"cold `portentry ask` {f['cold_ask_s']:.1f} s; serve ready in {f['serve_ready_s']:.1f} s; "
        f"peak RSS of serve {f['serve_rss_mb']:.0f} MB.",
    ]


def main() -> None:
    """Run every benchmark and write one dated results file."""
    started = time.perf_counter()
    reports: list[Report] = []
    for module in (retrieval, answers, load):
        print(f"running bench.{module.__name__.rsplit('.', 1)[1]} ...", flush=True)
        reports.append(module.run())
    figures = {k: v for r in reports for k, v in r.figures.items()}
    lines = [
        f"# portentry benchmarks, {dt.date.today().isoformat()}",
        "",
        f"One run of `make bench` ({time.perf_counter() - started:.0f} s) on {platform.machine()}, "
        f"Python {platform.python_version()}, 2 CPU cores. Timings are medians and percentiles over "
        "repeated runs in one process; nothing here is asserted by the tests.",
        "",
        *_summary(figures),
        "",
        *(r.markdown for r in reports),
    ]
    path = save("bench", "\n".join(lines))
    print("\n".join(lines))
    print(f"(saved to {path.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
