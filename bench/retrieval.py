"""Retrieval benchmark: portentry's BM25, dense and hybrid beside a tutorial RAG pipeline.

Run with ``make bench-retrieval`` (or ``python -m bench.retrieval``). Prints a
Markdown report and writes it to ``bench/results/retrieval-YYYY-MM-DD.md``.

The baseline is the usual LangChain tutorial (``bench.tutorial``). Its chunks
carry no refs, so a chunk counts as finding a gold passage when it contains
any sentence (20+ characters) of that passage: a lenient rule, in the
baseline's favour.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import ROOT, Report, percentile, publish
from bench.tutorial import Tutorial
from corpus import Corpus, Settings, load_corpus
from index import Index, load_embedder

DEV = ROOT / "tests" / "data" / "retrieval_dev.jsonl"
ROUNDS = 3


def _units(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"(?<=[.;:])\s+|\n", text) if len(p.strip()) >= 20]
    return parts or [text.strip()]


def covered_refs(chunk: str, units: dict[str, list[str]]) -> set[str]:
    """The passages a tutorial chunk counts as finding: those with a sentence inside it (lenient)."""
    return {ref for ref, us in units.items() if any(u in chunk for u in us)}


def _scores(ranked: Sequence[set[str]], gold: set[str]) -> tuple[float, float, float]:
    """recall@1, recall@5, reciprocal rank for one query; ranked[i] = refs the i-th result covers."""
    first = next((i for i, refs in enumerate(ranked) if refs & gold), None)
    if first is None:
        return 0.0, 0.0, 0.0
    return float(first == 0), float(first < 5), 1.0 / (first + 1)


def _evaluate(dev: list[dict[str, Any]], rank: Callable[[str], list[set[str]]]) -> tuple[float, float, float]:
    rows = [_scores(rank(str(q["query"])), set(q["gold"])) for q in dev]
    r1, r5, mrr = (round(sum(col) / len(rows), 3) for col in zip(*rows, strict=True))
    return r1, r5, mrr


def _median_ms(fn: Callable[[str], object], queries: Sequence[str]) -> tuple[float, float]:
    """p50 and p95 in ms over ROUNDS passes (each query made unique so no cache helps)."""
    times: list[float] = []
    for r in range(ROUNDS):
        for q in queries:
            started = time.perf_counter()
            fn(f"{q} {r}")
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 95)


def run() -> Report:
    """Run every measurement and return the report."""
    dev = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus: Corpus = load_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        started = time.perf_counter()
        embedder = load_embedder(settings)
        load_s = time.perf_counter() - started
        with Index.open(settings, embedder=embedder, progress=False) as index:
            started = time.perf_counter()
            Index.open(settings, embedder=embedder, rebuild=True, progress=False).close()
            rebuild_s = time.perf_counter() - started

            def ranker(mode: str) -> Callable[[str], list[set[str]]]:
                return lambda q: [{h.chunk.ref} for h in index.search(q, k=10, mode=mode)]  # type: ignore[arg-type]

            tutorial = Tutorial(embedder)
            units = {p.ref: _units(p.text) for p in corpus.passages}

            def tutorial_rank(q: str) -> list[set[str]]:
                return [covered_refs(chunk, units) for chunk in tutorial.search(q, 5)]

            table = {
                "BM25 alone": _evaluate(dev, ranker("lexical")),
                "dense alone (MiniLM, Chroma)": _evaluate(dev, ranker("dense")),
                "**hybrid (RRF)**": _evaluate(dev, ranker("hybrid")),
                "tutorial RAG (1,000-char chunks, LangChain Chroma)": _evaluate(dev, tutorial_rank),
            }
            queries = [str(q["query"]) for q in dev]
            for q in queries[:10]:  # warm up
                index.search(q)
            embed_p50, embed_p95 = _median_ms(embedder.embed_query, queries)
            torch_p50, torch_p95 = _median_ms(
                lambda q: embedder.model.encode([q], normalize_embeddings=True, show_progress_bar=False), queries
            )

            def search_uncached(q: str) -> object:
                index.clear_cache()  # the floor above embedded these very strings: time the embedding too
                embedder.clear_cache()
                return index.search(q, k=5)

            hybrid_p50, hybrid_p95 = _median_ms(search_uncached, queries)
            tutorial_p50, tutorial_p95 = _median_ms(lambda q: tutorial.search(q, 4), queries)
            chunks = len(index.chunks)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        cold = subprocess.run(
            [str(Path(sys.executable).with_name("portentry")), "index", "--rebuild"],
            env={"PORTENTRY_DATA_DIR": tmp, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=False,
        )  # fmt: skip
        cold_s = time.perf_counter() - started
    engine = embedder.engine
    lines = [
        f"## Retrieval, {dt.date.today().isoformat()}",
        "",
        f"Dev set: {len(dev)} queries with gold refs (`tests/data/retrieval_dev.jsonl`); "
        f"{chunks} portentry chunks vs {len(tutorial.chunks)} tutorial chunks. "
        f"Model all-MiniLM-L6-v2 ({engine}), 2 CPU cores.",
        "",
        "| retriever | recall@1 | recall@5 | MRR |",
        "|---|---|---|---|",
        *(f"| {name} | {r1} | {r5} | {mrr} |" for name, (r1, r5, mrr) in table.items()),
        "",
        "The tutorial row retrieves 5 chunks for recall@5 (the recipe's 4 would score lower).",
        "",
        f"| latency, warm, median of {ROUNDS} passes | p50 ms | p95 ms | p50 / query embedding |",
        "|---|---|---|---|",
        f"| query embedding alone (the floor) | {embed_p50:.1f} | {embed_p95:.1f} | 1.00 |",
        f"| same embedding through sentence-transformers/torch | {torch_p50:.1f} | {torch_p95:.1f} "
        f"| {torch_p50 / embed_p50:.2f} |",
        f"| portentry hybrid search, k=5 | {hybrid_p50:.1f} | {hybrid_p95:.1f} | {hybrid_p50 / embed_p50:.2f} |",
        f"| tutorial retriever, top 4 (torch, as written) | {tutorial_p50:.1f} | {tutorial_p95:.1f} "
        f"| {tutorial_p50 / embed_p50:.2f} |",
        "",
        "| build | seconds |",
        "|---|---|",
        f"| model load (sha256 check, ONNX export if new) | {load_s:.1f} |",
        f"| full rebuild, model warm (embed {chunks} chunks, write Chroma) | {rebuild_s:.1f} |",
        f"| `portentry index --rebuild` cold, fresh data folder | {cold_s:.1f}"
        + ("" if cold.returncode == 0 else f" (failed: {cold.stderr.strip()[:80]})")
        + " |",
        "",
    ]
    hybrid = table["**hybrid (RRF)**"]
    figures = {
        "recall5_hybrid": hybrid[1], "recall5_tutorial": table["tutorial RAG (1,000-char chunks, LangChain Chroma)"][1],
        "search_p50_ms": hybrid_p50, "embed_p50_ms": embed_p50, "rebuild_s": rebuild_s, "cold_build_s": cold_s,
    }  # fmt: skip
    return Report("\n".join(lines), figures)


def main() -> None:
    """Run the benchmark, print the report and save it under bench/results."""
    publish("retrieval", run)


if __name__ == "__main__":
    main()
