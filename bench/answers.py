"""Answer benchmark: the default engine beside a tutorial RAG pipeline on the assistant dev set.

Run with ``make bench-answers`` (or ``python -m bench.answers``). Prints the
pass rate per category and per-question latency beside the embedding floor
and the tutorial, and writes ``bench/results/answers-DATE.md``.

A dev-set item passes when the answer contains every required fact, cites
every required ref, contains none of the forbidden text, and abstains exactly
when it should. The tutorial pipeline has no language model offline, so its
"answer" is the text of its top 4 chunks: it is credited with a fact when the
fact appears anywhere in them and with a citation when a chunk contains a
sentence of the cited passage (both lenient); it never abstains. See
``bench.tutorial`` for how it is built.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import ROOT, Report, percentile, publish
from corpus import Settings, load_corpus

DEV = ROOT / "tests" / "data" / "assistant_dev.jsonl"
ROUNDS = 3
TODAY = dt.date(2026, 11, 22)  # the dev set's relative dates ("this year") were written on this day


def load_dev() -> list[dict[str, Any]]:
    """The dev-set items."""
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def check(item: dict[str, Any], answer: dict[str, Any]) -> list[str]:
    """Why an answer (Answer.to_dict()) fails an item; empty when it passes."""
    text = str(answer["answer"]).lower()
    refs = {c["ref"] for c in answer["citations"]}
    why: list[str] = []
    if item["abstain"]:
        if not answer["abstained"] or answer["citations"]:
            why.append("should abstain")
    else:
        if answer["abstained"]:
            why.append("abstained")
        why += [f"missing {m!r}" for m in item["must_contain"] if m.lower() not in text]
        why += [f"does not cite {r}" for r in item["must_cite"] if r not in refs]
    why += [f"contains {m!r}" for m in item.get("must_not_contain", []) if m.lower() in text]
    return why


def _history(item: dict[str, Any]) -> list[dict[str, str]]:
    return list(item.get("history") or [])


def run() -> Report:
    """Run both systems on the dev set and return the report."""
    from assistant import Assistant
    from bench.retrieval import _units, covered_refs
    from bench.tutorial import Tutorial
    from index import Index, load_embedder

    dev = load_dev()
    corpus = load_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        embedder = load_embedder(settings)
        index = Index.open(settings, embedder=embedder, progress=False)
        bot = Assistant(corpus, index=lambda: index, today=lambda: TODAY)
        tutorial, tutorial_fast = Tutorial(embedder), Tutorial(embedder, fast=True)
        units = {p.ref: [u.lower() for u in _units(p.text)] for p in corpus.passages}
        ours: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        theirs: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        failures: list[str] = []
        for item in dev:
            answer = bot.ask(item["question"], _history(item)).to_dict()
            why = check(item, answer)
            ours[item["category"]][0] += not why
            ours[item["category"]][1] += 1
            if why:
                failures.append(f"- `{item['id']}` {item['question']!r}: {'; '.join(why)}")
            joined = "\n".join(tutorial.search(item["question"], 4)).lower()
            baseline = {"answer": joined, "citations": [{"ref": r} for r in covered_refs(joined, units)],
                        "abstained": False}  # fmt: skip
            theirs[item["category"]][0] += not check(item, baseline)
            theirs[item["category"]][1] += 1
        # Latency: the same questions, interleaved so every system sees the same machine state;
        # the index's query-embedding cache is cleared before each answer.
        questions = [i["question"] for i in dev]
        passage_q = {i["question"] for i in dev if i["category"] in ("article", "other_sections")}
        table_q = {i["question"] for i in dev if i["category"] in ("ports", "stations", "service_ports", "hours_dates")}
        systems: dict[str, Callable[[str], object]] = {
            "portentry default engine": bot.ask,
            "query embedding alone (the floor)": embedder.embed_query,
            "tutorial retriever, top 4, as written (torch)": tutorial.search,
            "tutorial retriever, top 4, with our ONNX encoder": tutorial_fast.search,
        }
        times: dict[str, list[float]] = defaultdict(list)
        by_kind: dict[str, list[float]] = defaultdict(list)
        for _ in range(ROUNDS):
            for q in questions:
                for name, fn in systems.items():
                    index.clear_cache()
                    started = time.perf_counter()
                    fn(q)
                    took = (time.perf_counter() - started) * 1000
                    times[name].append(took)
                    if name == "portentry default engine":
                        by_kind["table" if q in table_q else "passage" if q in passage_q else "other"].append(took)
        index.close()
    total_ours = sum(v[0] for v in ours.values())
    total_theirs = sum(v[0] for v in theirs.values())
    engine, floor = times["portentry default engine"], times["query embedding alone (the floor)"]
    tut = times["tutorial retriever, top 4, as written (torch)"]

    def row(name: str, t: list[float]) -> str:
        return (
            f"| {name} | {statistics.median(t):.1f} | {percentile(t, 95):.1f} | {percentile(t, 99):.1f} "
            f"| {percentile(t, 95) / percentile(floor, 95):.2f} |"
        )

    lines = [
        f"## Answers, {dt.date.today().isoformat()}",
        "",
        f"Dev set: {len(dev)} questions (`tests/data/assistant_dev.jsonl`), answered as of {TODAY.isoformat()}. "
        "The tutorial has no language model offline: its answer is its top 4 chunks, credited with a fact "
        "when the fact appears anywhere in them and with a citation when a chunk holds a sentence of the "
        "cited passage (both lenient); it never abstains.",
        "",
        "| category | questions | portentry default engine | tutorial RAG (top 4 chunks) |",
        "|---|---|---|---|",
        *(
            f"| {cat} | {ours[cat][1]} | {ours[cat][0] / ours[cat][1]:.0%} | {theirs[cat][0] / theirs[cat][1]:.0%} |"
            for cat in sorted(ours)
        ),
        f"| **all** | {len(dev)} | **{total_ours / len(dev):.1%}** ({total_ours}) "
        f"| {total_theirs / len(dev):.1%} ({total_theirs}) |",
        "",
        f"Per-question latency, in process, warm, all {len(dev)} questions x {ROUNDS} passes "
        f"({len(engine)} samples each):",
        "",
        "| system | p50 ms | p95 ms | p99 ms | p95 / floor p95 |",
        "|---|---|---|---|---|",
        *(row(name, t) for name, t in times.items()),
        *(row(f"portentry, {kind} questions only", t) for kind, t in sorted(by_kind.items())),
        "",
        "Failures of the default engine:",
        "",
        *(failures or ["- none"]),
        "",
    ]
    figures = {
        "accuracy": total_ours / len(dev), "accuracy_tutorial": total_theirs / len(dev),
        "engine_p50_ms": statistics.median(engine), "engine_p95_ms": percentile(engine, 95),
        "engine_p99_ms": percentile(engine, 99), "floor_p50_ms": statistics.median(floor),
        "floor_p95_ms": percentile(floor, 95), "tutorial_p50_ms": statistics.median(tut),
        "tutorial_p95_ms": percentile(tut, 95), "tutorial_p99_ms": percentile(tut, 99),
    }  # fmt: skip
    return Report("\n".join(lines), figures)


def main() -> None:
    """Run the benchmark, print the report and save it under bench/results."""
    publish("answers", run)


if __name__ == "__main__":
    main()
