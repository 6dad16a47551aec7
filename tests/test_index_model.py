"""The real embedding model: loaded offline, checked, fast path agreeing with torch, and recall on the dev set.

These load all-MiniLM-L6-v2 (about 10 s), so they are few and share one index.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from corpus import Settings
from index import MINILM_SHA256, Index, SentenceEmbeddings, load_embedder

from .conftest import REPO

pytestmark = pytest.mark.model
DEV = [json.loads(line) for line in (REPO / "tests" / "data" / "retrieval_dev.jsonl").read_text().splitlines()]
PORTENTRY = Path(sys.executable).with_name("portentry")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("model-data")


@pytest.fixture(scope="module")
def embedder(data_dir: Path) -> SentenceEmbeddings:
    return load_embedder(Settings(data_dir=data_dir))


@pytest.fixture(scope="module")
def index(data_dir: Path, embedder: SentenceEmbeddings) -> Iterator[Index]:
    with Index.open(Settings(data_dir=data_dir), embedder=embedder, progress=False) as opened:
        yield opened


def test_bundled_model_is_identified_by_its_weights_and_its_quantization(embedder: SentenceEmbeddings) -> None:
    # an index or intent cache built by the 8-bit model is never read with the exact one's vectors, or torch's
    assert embedder.model_id == f"all-MiniLM-L6-v2@{MINILM_SHA256[:16]}+int8r"
    assert embedder.engine == "onnxruntime"


_TEXTS = [
    "Which port supervises Otay Mesa?", "Customs ports of entry in Montana (MT): Butte; Sweetgrass", "x",
    "is the cbp office open on veterans day", "¿Qué puerto supervisa la estación de Nogales?", "Customs station " * 200,
]  # fmt: skip


def test_fast_path_agrees_with_the_model(embedder: SentenceEmbeddings) -> None:
    fast = np.array(embedder.embed_documents(_TEXTS))
    reference = embedder._model.encode(_TEXTS, normalize_embeddings=True)
    assert float(np.min(np.sum(fast * reference, axis=1))) > 0.97
    # a text's vector does not depend on what it was read with (the batch's texts are read on two threads)
    alone = np.array([embedder.embed_documents([t])[0] for t in _TEXTS])
    assert np.allclose(alone, fast, atol=1e-6)
    assert np.allclose(embedder.embed_query(_TEXTS[0]), fast[0], atol=1e-5)


def test_exact_export_serves_where_the_8_bit_model_disagrees(
    embedder: SentenceEmbeddings, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index import _onnx

    monkeypatch.setattr(_onnx, "_MIN_COSINE_INT8", 1.01)  # no 8-bit model can agree this well
    exact = _onnx.onnx_encoder(embedder.model, data_dir / "models", f"all-MiniLM-L6-v2@{MINILM_SHA256[:16]}")
    assert exact is not None and not exact.quantized
    reference = embedder.model.encode(_TEXTS, normalize_embeddings=True)
    assert float(np.min(np.sum(exact.encode(_TEXTS) * reference, axis=1))) > 0.9999


def _recall_at_5(index: Index, mode: str) -> float:
    hits = 0
    for q in DEV:
        refs = {h.chunk.ref for h in index.search(q["query"], k=5, mode=mode)}  # type: ignore[arg-type]
        hits += bool(refs & set(q["gold"]))
    return hits / len(DEV)


def test_hybrid_recall_on_the_dev_set(index: Index) -> None:
    hybrid, dense, lexical = (_recall_at_5(index, m) for m in ("hybrid", "dense", "lexical"))
    assert hybrid >= 0.95
    assert hybrid > dense and hybrid > lexical


@pytest.mark.parametrize(
    ("query", "ref"),
    [
        ("what happens at secondary inspection?", "Article: Customs and Immigration Procedures at a Port of Entry"),
        ("can a vessel clear at a customs station?", "19 CFR 101.4(a)"),
        ("is cbp open on columbus day", "19 CFR 101.6(a)(7)"),
        ("preclearence in irland", "19 CFR 101.5"),
    ],
)
def test_questions_find_their_paragraph_first(index: Index, query: str, ref: str) -> None:
    assert index.search(query, k=5)[0].chunk.ref == ref


def test_cli_search_jsonl_keeps_order_and_shape(index: Index, data_dir: Path) -> None:
    env = {**os.environ, "PORTENTRY_DATA_DIR": str(data_dir)}
    lines = "ports of entry in montana\n\n   \nwhat is a business day\nwhich center handles footwear\n"
    done = subprocess.run(
        [str(PORTENTRY), "search", "--jsonl", "-k", "2"], input=lines, capture_output=True, text=True,
        env=env, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["query"] for r in records] == [
        "ports of entry in montana",
        "what is a business day",
        "which center handles footwear",
    ]
    for r in records:
        assert len(r["results"]) == 2
        assert set(r["results"][0]) == {"ref", "source", "section", "title", "url", "score", "text"}
    assert records[1]["results"][0]["ref"] == "19 CFR 101.1 (Business day)"
    assert records[2]["results"][0]["ref"] == "19 CFR 101.10(a)"


def test_cli_reports_a_corrupt_store_in_one_line(tmp_path: Path, embedder: SentenceEmbeddings) -> None:
    Index.open(Settings(data_dir=tmp_path), embedder=embedder, progress=False).close()
    for f in (tmp_path / "chroma").rglob("*.sqlite3"):
        f.write_bytes(b"garbage" * 1000)
    env = {**os.environ, "PORTENTRY_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [str(PORTENTRY), "search", "port"], capture_output=True, text=True, env=env, timeout=180, check=False
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "portentry index --rebuild" in done.stderr
    assert "Traceback" not in done.stderr
    fixed = subprocess.run(
        [str(PORTENTRY), "index", "--rebuild"], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert fixed.returncode == 0 and "index built" in fixed.stdout, fixed.stderr


def test_cli_search_for_people_and_json(index: Index, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import main

    monkeypatch.setenv("PORTENTRY_DATA_DIR", str(data_dir))
    out = io.StringIO()
    assert main(["search", "preclearance offices in Ireland", "-k", "2"], out=out) == 0
    text = out.getvalue()
    assert text.startswith("1. 19 CFR 101.5  (CBP preclearance offices in foreign countries; score ")
    assert "IrelandDublin.\nShannon." not in text and "Ireland" in text  # one line per hit, text folded
    assert "https://www.ecfr.gov/current/title-19/section-101.5" in text
    out = io.StringIO()
    assert main(["search", "ports in montana", "--json"], out=out) == 0
    payload = json.loads(out.getvalue())
    assert payload["query"] == "ports in montana" and len(payload["results"]) == 5


def test_cli_search_needs_a_query_or_jsonl(capsys: pytest.CaptureFixture[str]) -> None:
    from ui import main

    assert main(["search"], out=io.StringIO()) == 2
    assert "give a QUERY, or --jsonl" in capsys.readouterr().err
