"""The assistant with the real model: pass-rate bars on the tuning and held-out sets, and the CLI as a user runs it."""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import verify
from bench.answers import HELD_OUT, TUNING, DevSet, check, style_faults, words
from corpus import Corpus, Settings
from index import Index, load_embedder

from .conftest import Engine

pytestmark = pytest.mark.model
PORTENTRY = Path(sys.executable).with_name("portentry")
# Measured 2026-12-07: tuning 97.3%, held-out 96.4% (135 of 140). The bars sit a little below (about 30 tuning
# answers, one held-out answer), so a change that loses a few answers fails here and has to say why.
TUNING_BAR = 0.965
HELD_OUT_BAR = 0.955


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("assistant-model-data")


@pytest.fixture(scope="module")
def index(data_dir: Path) -> Iterator[Index]:
    settings = Settings(data_dir=data_dir)
    with Index.open(settings, embedder=load_embedder(settings), progress=False) as opened:
        yield opened


def _run(engine: Engine, corpus: Corpus, sets: tuple[DevSet, ...]) -> tuple[float, list[str], list[str]]:
    """Pass rate over ``sets``, the failures, and every answer given (each citation verified verbatim)."""
    passed = total = 0
    failures, answers = [], []
    for dev in sets:
        bot = engine.assistant(corpus, dev.today)
        for item in dev.items():
            answer = bot.ask(item["question"], item.get("history") or [])
            verify(answer.citations, corpus)
            assert not answer.abstained or not answer.citations, item["id"]  # an abstention cites nothing
            why = check(item, answer.to_dict())
            passed += not why
            total += 1
            if why:
                failures.append(f"{item['id']}: {why}")
            if not answer.abstained:
                answers.append(answer.answer)
    return passed / total, failures, answers


def test_tuning_sets_pass_rate_and_answer_style(engine: Engine, corpus: Corpus) -> None:
    rate, failures, answers = _run(engine, corpus, TUNING)
    assert rate >= TUNING_BAR, failures
    assert statistics.median(words(a) for a in answers) <= 40  # short answers: a traveler at a border reads them
    faulty = [(a[:80], f) for a in answers if (f := style_faults(a, corpus))]
    assert not faulty, faulty


def test_held_out_pass_rate(engine: Engine, corpus: Corpus) -> None:
    rate, _failures, _answers = _run(engine, corpus, (HELD_OUT,))  # never print its failures: it stays blind
    assert rate >= HELD_OUT_BAR, f"held-out pass rate {rate:.1%}"


def test_cold_cli_answers_a_table_question_without_building_the_index(tmp_path: Path) -> None:
    env = {**os.environ, "PORTENTRY_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [str(PORTENTRY), "ask", "Which port supervises the Otay Mesa customs station?"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "The port of entry San Diego supervises the Customs station of Otay Mesa, California [1]." in done.stdout
    assert "[1] 19 CFR 101.4(c)(2)" in done.stdout and "“Otay MesaSan Diego.”" in done.stdout
    assert not (tmp_path / "chroma").exists()  # the embedding model and the index were never needed


def test_cli_ask_jsonl_in_order_with_history_and_errors(index: Index, data_dir: Path) -> None:
    env = {**os.environ, "PORTENTRY_DATA_DIR": str(data_dir)}
    lines = [
        "Is CBP open on July 5, 2027?",
        json.dumps({"question": "what about Ireland?",
                    "history": [{"role": "user", "content": "preclearance offices in Canada"}]}),
        "{not json",
        "what happens at secondary inspection?",
        "What is the weather in Buffalo?",
    ]  # fmt: skip
    done = subprocess.run(
        [str(PORTENTRY), "ask", "--jsonl"], input="\n".join(lines) + "\n", capture_output=True, text=True,
        env=env, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 5
    assert "Monday, July 5, 2027" in out[0]["answer"] and out[0]["citations"]
    assert "Dublin" in out[1]["answer"]
    assert "not valid JSON" in out[2]["error"]
    assert out[3]["citations"][0]["ref"] == "Article: Customs and Immigration Procedures at a Port of Entry"
    assert out[4]["abstained"] and out[4]["citations"] == []
    for record in out:
        assert {"answer", "citations", "abstained", "tools", "latency_ms"} <= set(record)


def test_cli_ask_json_contract(data_dir: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import main

    monkeypatch.setenv("PORTENTRY_DATA_DIR", str(data_dir))
    out = io.StringIO()
    assert main(["ask", "When is Columbus Day in 2027?", "--json"], out=out) == 0
    data = json.loads(out.getvalue())
    assert "Monday, October 11, 2027" in data["answer"] and data["citations"][0]["n"] == 1
    assert data["citations"][0]["ref"] == "19 CFR 101.6(a)(7)"
