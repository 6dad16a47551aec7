"""Faults while serving: the vector store goes away and comes back; the service recovers by itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from assistant import Assistant
from corpus import Corpus, Settings
from index import Index
from ui import create_app

from .conftest import chroma_server, fake_embedder, free_port

PASSAGE_QUESTION = {"question": "What happens at secondary inspection?"}
TABLE_QUESTION = {"question": "Which port supervises the Otay Mesa customs station?"}


def test_chroma_server_down_then_restarted(tmp_path: Path, corpus: Corpus) -> None:
    port = free_port()
    store = tmp_path / "chroma-store"
    settings = Settings(data_dir=tmp_path / "data", chroma_url=f"http://127.0.0.1:{port}", rate_limit=0)
    bot = Assistant(corpus, index=lambda: Index.open(settings, embedder=fake_embedder(), progress=False),
                    today=lambda: dt.date(2026, 11, 22))  # fmt: skip
    with TestClient(create_app(settings=settings, assistant=bot, chat=False)) as client:
        with chroma_server(store, port):
            assert client.post("/api/ask", json=PASSAGE_QUESTION).status_code == 200
        down = client.post("/api/ask", json=PASSAGE_QUESTION)  # the server is gone
        assert down.status_code == 503
        assert "cannot reach the Chroma server" in down.json()["error"] and "retry" in down.json()["error"]
        assert client.post("/api/ask", json=TABLE_QUESTION).status_code == 200  # tables need no store
        with chroma_server(store, port):  # restarted on the same data: no restart of portentry needed
            back = client.post("/api/ask", json=PASSAGE_QUESTION)
            assert back.status_code == 200 and back.json()["citations"]


def test_embedded_index_corrupted_while_serving_recovers_after_rebuild(tmp_path: Path, corpus: Corpus) -> None:
    settings = Settings(data_dir=tmp_path, rate_limit=0)
    bot = Assistant(corpus, index=lambda: Index.open(settings, embedder=fake_embedder(), progress=False),
                    today=lambda: dt.date(2026, 11, 22))  # fmt: skip
    with TestClient(create_app(settings=settings, assistant=bot, chat=False)) as client:
        assert client.post("/api/ask", json=PASSAGE_QUESTION).status_code == 200
        for f in (tmp_path / "chroma").rglob("*.sqlite3"):
            f.write_bytes(b"corrupted while serving" * 100)
        for _ in range(3):
            broken = client.post("/api/ask", json=PASSAGE_QUESTION)
            assert broken.status_code == 503 and "portentry index --rebuild" in broken.json()["error"]
        assert client.post("/api/ask", json=TABLE_QUESTION).status_code == 200  # tables still answer
        Index.open(settings, embedder=fake_embedder(), rebuild=True, progress=False).close()  # the advice, followed
        assert client.post("/api/ask", json=PASSAGE_QUESTION).status_code == 200  # no restart of the server
