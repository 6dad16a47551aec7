"""Faults while serving: the store goes away, breaks or fills up; the service says so clearly and recovers by itself."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient

from assistant import Answer, Assistant
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


def test_feedback_store_full_is_a_503_and_keeps_every_acknowledged_vote(tmp_path: Path, corpus: Corpus) -> None:
    from ui._feedback import FeedbackStore

    settings = Settings(data_dir=tmp_path, rate_limit=0, feedback_max_mb=1)
    acknowledged: list[int] = []
    with TestClient(create_app(settings=settings, assistant=Assistant(corpus), chat=False)) as client:
        for n in range(100):  # bounded: 1 MB holds about 20 of these 50 KB votes
            body = {"question": f"vote {n}", "answer": "x" * 50_000, "citations": [], "vote": "up"}
            response = client.post("/api/feedback", json=body)
            if response.status_code != 200:
                break
            acknowledged.append(response.json()["id"])
        assert response.status_code == 503, "the cap was never reached"
        assert "full" in response.json()["error"] and "earlier ones are safe" in response.json()["error"]
        assert 10 <= len(acknowledged) < 100
        small = {"question": "q", "answer": "a", "citations": [], "vote": "down"}
        assert client.post("/api/feedback", json=small).status_code in (200, 503)  # never a 500
        assert client.post("/api/ask", json=TABLE_QUESTION).status_code == 200  # answering is unaffected
    with sqlite3.connect(tmp_path / "feedback.sqlite3") as db:
        stored = {row[0] for row in db.execute("SELECT id FROM feedback")}
    assert set(acknowledged) <= stored  # every vote that was acknowledged is there
    store = FeedbackStore(tmp_path / "feedback.sqlite3", max_mb=2)  # space freed (a higher cap): votes resume
    assert store.add(question="after", answer="a" * 50_000, citations=[], vote="up") > max(acknowledged)


def test_embedded_index_deleted_while_serving_keeps_answering_and_is_rebuilt(tmp_path: Path, corpus: Corpus) -> None:
    settings = Settings(data_dir=tmp_path, rate_limit=0)

    def new_bot() -> Assistant:
        return Assistant(corpus, index=lambda: Index.open(settings, embedder=fake_embedder(), progress=False),
                         today=lambda: dt.date(2026, 11, 22))  # fmt: skip

    with TestClient(create_app(settings=settings, assistant=new_bot(), chat=False)) as client:
        assert client.post("/api/ask", json=PASSAGE_QUESTION).status_code == 200
        shutil.rmtree(tmp_path / "chroma")  # someone cleans the data folder
        for n in range(3):  # the loaded index still answers, with citations
            during = client.post("/api/ask", json={"question": f"What happens at secondary inspection {n}?"})
            assert during.status_code == 200 and during.json()["citations"]
    with TestClient(create_app(settings=settings, assistant=new_bot(), chat=False)) as client:  # a restart
        after = client.post("/api/ask", json=PASSAGE_QUESTION)
        assert after.status_code == 200 and after.json()["citations"]
    assert (tmp_path / "chroma").is_dir()  # rebuilt by itself


def test_collection_deleted_on_the_chroma_server_is_rebuilt_without_an_error(tmp_path: Path, corpus: Corpus) -> None:
    from index import COLLECTION

    with chroma_server(tmp_path / "store") as url:
        settings = Settings(data_dir=tmp_path / "data", chroma_url=url, rate_limit=0)
        bot = Assistant(corpus, index=lambda: Index.open(settings, embedder=fake_embedder(), progress=False),
                        today=lambda: dt.date(2026, 11, 22))  # fmt: skip
        collections = f"{url}/api/v2/tenants/default_tenant/databases/default_database/collections"
        with TestClient(create_app(settings=settings, assistant=bot, chat=False)) as client:
            assert client.post("/api/ask", json=PASSAGE_QUESTION).status_code == 200
            # Another admin drops the collection (Chroma's REST API) while portentry serves.
            urllib.request.urlopen(urllib.request.Request(f"{collections}/{COLLECTION}", method="DELETE")).close()
            with urllib.request.urlopen(collections) as r:
                assert COLLECTION not in r.read().decode()
            for n in range(3):
                again = client.post("/api/ask", json={"question": f"What happens at secondary inspection {n}?"})
                assert again.status_code == 200 and again.json()["citations"]
            with urllib.request.urlopen(collections) as r:
                assert COLLECTION in r.read().decode()  # rebuilt on the first question after the loss


def test_many_first_questions_at_once_open_the_index_once(tmp_path: Path, corpus: Corpus) -> None:
    settings = Settings(data_dir=tmp_path)
    Index.open(settings, embedder=fake_embedder(), progress=False).close()  # built; not yet open in this bot
    opened: list[Index] = []

    def open_index() -> Index:
        opened.append(Index.open(settings, embedder=fake_embedder(), progress=False))
        return opened[-1]

    bot = Assistant(corpus, index=open_index, today=lambda: dt.date(2026, 11, 22))
    start = threading.Barrier(8)

    def ask(n: int) -> Answer:
        start.wait(timeout=30)
        return bot.ask(f"What happens at secondary inspection? ({n})")

    with ThreadPoolExecutor(8) as pool:  # a web server's threads, all on the first question
        answers = list(pool.map(ask, range(8)))
    assert all(a.citations and not a.abstained for a in answers)
    assert len(opened) == 1
    opened[0].close()
