"""Answer benchmark: the default engine beside a tutorial RAG pipeline on the assistant dev set.

Run with ``make bench-answers`` (or ``python -m bench.answers``). Prints the
pass rate per category and latency, and writes ``bench/results/answers-DATE.md``.

A dev-set item passes when the answer contains every required fact, cites
every required ref, contains none of the forbidden text, and abstains exactly
when it should. The tutorial pipeline has no language model offline, so its
"answer" is the text of its top 4 chunks: it is credited with a fact when the
fact appears anywhere in them and with a citation when a chunk contains a
sentence of the cited passage (both lenient); it never abstains.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench import ROOT, p95, publish
from corpus import Settings, load_corpus

DEV = ROOT / "tests" / "data" / "assistant_dev.jsonl"
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


def run() -> str:
    """Run both systems on the dev set and return the Markdown report."""
    from assistant import Assistant
    from bench.retrieval import Tutorial, _units
    from index import Index, load_embedder

    dev = load_dev()
    corpus = load_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        embedder = load_embedder(settings)
        index = Index.open(settings, embedder=embedder, progress=False)
        bot = Assistant(corpus, index=lambda: index, today=lambda: TODAY)
        tutorial = Tutorial(embedder)
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
            chunks = tutorial.search(item["question"], 4)
            joined = "\n".join(chunks).lower()
            cited = [r for r, us in units.items() if any(u in joined for u in us)]
            baseline = {"answer": joined, "citations": [{"ref": r} for r in cited], "abstained": False}
            theirs[item["category"]][0] += not check(item, baseline)
            theirs[item["category"]][1] += 1
        table_q = [i["question"] for i in dev if i["category"] in ("ports", "stations", "service_ports", "hours_dates")]
        passage_q = [i["question"] for i in dev if i["category"] in ("article", "other_sections")]
        latencies: dict[str, list[float]] = {}
        for name, questions in (("all dev questions", [i["question"] for i in dev]), ("table questions", table_q),
                                ("passage questions", passage_q)):  # fmt: skip
            times = []
            for _ in range(3):
                for q in questions:
                    index.clear_cache()  # each passage question pays for its query embedding
                    started = time.perf_counter()
                    bot.ask(q)
                    times.append((time.perf_counter() - started) * 1000)
            latencies[name] = sorted(times)
        floor = []
        for q in passage_q * 3:
            started = time.perf_counter()
            embedder.embed_query(q + " .")
            floor.append((time.perf_counter() - started) * 1000)
        index.close()
    total_ours = sum(v[0] for v in ours.values())
    total_theirs = sum(v[0] for v in theirs.values())
    lines = [
        f"# Answer benchmark, {dt.date.today().isoformat()}",
        "",
        f"Dev set: {len(dev)} questions (`tests/data/assistant_dev.jsonl`), answered as of {TODAY.isoformat()}.",
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
        "| latency, warm, 3 passes | p50 ms | p95 ms |",
        "|---|---|---|",
        *(f"| {name} | {statistics.median(t):.1f} | {p95(t):.1f} |" for name, t in latencies.items()),
        f"| query embedding alone (floor) | {statistics.median(floor):.1f} | {p95(floor):.1f} |",
        "",
        "Failures of the default engine:",
        "",
        *(failures or ["- none"]),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark, print the report and save it under bench/results."""
    publish("answers", run)


if __name__ == "__main__":
    main()
