"""The assistant with the real model: the dev-set bar, and the CLI as a user runs it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import Assistant, verify
from bench.answers import TODAY, check, load_dev
from corpus import Corpus, Settings
from index import Index, load_embedder

pytestmark = pytest.mark.model
PORTENTRY = Path(sys.executable).with_name("portentry")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("assistant-model-data")


@pytest.fixture(scope="module")
def index(data_dir: Path) -> Iterator[Index]:
    settings = Settings(data_dir=data_dir)
    with Index.open(settings, embedder=load_embedder(settings), progress=False) as opened:
        yield opened


def test_dev_set_pass_rate_and_every_citation_verbatim(corpus: Corpus, index: Index) -> None:
    bot = Assistant(corpus, index=lambda: index, today=lambda: TODAY)
    passed: Counter[str] = Counter()
    failures = []
    dev = load_dev()
    for item in dev:
        answer = bot.ask(item["question"], item.get("history") or [])
        verify(answer.citations, corpus)
        why = check(item, answer.to_dict())
        passed[item["category"]] += not why
        if why:
            failures.append((item["id"], why))
        if item["category"] == "out_of_scope":
            assert answer.abstained and not answer.citations, item["id"]
    assert sum(passed.values()) / len(dev) >= 0.98, failures


def test_cold_cli_answers_a_table_question_without_building_the_index(tmp_path: Path) -> None:
    env = {**os.environ, "PORTENTRY_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [str(PORTENTRY), "ask", "Which port supervises the Otay Mesa customs station?"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "its supervisory port of entry is San Diego [1]." in done.stdout
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
