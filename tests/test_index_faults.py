"""Faults of the index: each gives one clear error and a way out, and nothing is corrupted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from corpus import ConfigurationError, ModelError, Settings, StoreError, StoreUnavailableError
from index import MINILM_SHA256, Index
from index._embeddings import _verify_weights

from .conftest import REPO, fake_embedder, free_port


class OtherFake(DeterministicFakeEmbedding):
    """Another "model": same vectors, different identity, so the index is stale."""

    model_id: str = "other-fake@1"


def test_wrong_model_hash_is_refused(tmp_path: Path) -> None:
    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b"not the model")
    with pytest.raises(ModelError, match="not the expected all-MiniLM-L6-v2 weights.*force-reinstall"):
        _verify_weights(weights, MINILM_SHA256)
    with pytest.raises(ModelError, match="is missing"):
        _verify_weights(tmp_path / "absent.safetensors", MINILM_SHA256)
    assert _verify_weights(weights, None)  # a user's own model: hashed for the manifest, not refused


def test_unreachable_server_is_one_clear_error(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailableError, match=f"cannot reach the Chroma server at {url}.*PORTENTRY_CHROMA_URL"):
        Index.open(Settings(data_dir=tmp_path, chroma_url=url), embedder=fake_embedder(), progress=False)


@pytest.mark.parametrize("url", ["localhost:8000", "http://host-without-port", "ftp://x:1"])
def test_malformed_server_url_names_the_variable(url: str) -> None:
    with pytest.raises(ConfigurationError, match="PORTENTRY_CHROMA_URL"):
        Settings.from_env({"PORTENTRY_CHROMA_URL": url})


def test_corrupt_store_says_how_to_recover_and_rebuild_recovers(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    Index.open(settings, embedder=fake_embedder(), progress=False).close()
    for f in (tmp_path / "chroma").rglob("*.sqlite3"):
        f.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"portentry index --rebuild"):
        Index.open(settings, embedder=fake_embedder(), progress=False)
    with Index.open(settings, embedder=fake_embedder(), rebuild=True, progress=False) as index:
        assert index.built and index.store.count() == len(index.chunks)
        assert index.search("preclearance offices in Ireland", k=3, mode="lexical")[0].chunk.ref == "19 CFR 101.5"


def test_a_stale_index_is_rebuilt_on_first_use(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    with Index.open(settings, embedder=fake_embedder(), progress=False) as first:
        assert first.built
    with Index.open(settings, embedder=OtherFake(size=384), progress=False) as second:
        assert second.built  # another model: rebuilt, not served with foreign vectors
        assert second.store.manifest()["model"] == "other-fake@1"
    with Index.open(settings, embedder=OtherFake(size=384), progress=False) as third:
        assert not third.built


@pytest.mark.slow
def test_two_processes_building_at_once_do_not_corrupt_it(tmp_path: Path) -> None:
    script = str(REPO / "tests" / "build_with_fake.py")
    procs = [
        subprocess.Popen(
            [sys.executable, script, str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=240) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    words = sorted(out.split()[0] for out, _ in outputs)
    assert words == ["built", "current"]  # the second waited on the lock and found it built
    with Index.open(Settings(data_dir=tmp_path), embedder=fake_embedder(), progress=False) as index:
        assert not index.built and index.store.count() == len(index.chunks)
