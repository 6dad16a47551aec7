"""The HTTP API: the assistant's contract over HTTP, validation, CORS, feedback and tables.

Every error is JSON with a 4xx or 503 status, never a 500 or a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant import Assistant
from corpus import Corpus, Settings, StoreUnavailableError
from index import Index
from ui import create_app

from .conftest import fake_embedder, free_port

PORTENTRY = Path(sys.executable).with_name("portentry")

ALLOWED = "http://127.0.0.1:9999"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    with Index.open(Settings(data_dir=tmp_path_factory.mktemp("web-index")), embedder=fake_embedder(),
                    progress=False) as opened:  # fmt: skip
        yield opened


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, allowed_origins=(ALLOWED,))


@pytest.fixture()
def client(settings: Settings, corpus: Corpus, index: Index) -> Iterator[TestClient]:
    bot = Assistant(corpus, index=lambda: index, today=lambda: dt.date(2026, 11, 22))
    with TestClient(create_app(settings=settings, assistant=bot, chat=False)) as c:
        yield c


def test_ask_returns_the_contract(client: TestClient) -> None:
    r = client.post("/api/ask", json={"question": "Which port supervises the Otay Mesa customs station?"})
    assert r.status_code == 200
    data = r.json()
    assert set(data) >= {"answer", "citations", "abstained", "tools", "latency_ms"}
    assert "San Diego" in data["answer"] and data["citations"][0]["ref"] == "19 CFR 101.4(c)(2)"


def test_follow_up_with_history(client: TestClient) -> None:
    r = client.post("/api/ask", json={"question": "what about Ireland?",
                                      "history": [{"role": "user", "content": "preclearance offices in Canada"}]})  # fmt: skip
    assert r.status_code == 200 and "Dublin" in r.json()["answer"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"question": ""}, 422, "question"),
        ({"question": "x" * 2001}, 422, "question"),
        ({"question": "ok", "history": [{"role": "user", "content": "q"}] * 21}, 422, "history"),
        ({"question": "ok", "history": [{"role": "system", "content": "q"}]}, 422, "role"),
        ({"q": "where?"}, 422, "question"),
        ([1, 2, 3], 422, "invalid request"),
        ({"question": "   "}, 400, "empty"),
    ],
)
def test_bad_requests_get_clear_json_errors(client: TestClient, body: object, status: int, message: str) -> None:
    r = client.post("/api/ask", json=body)
    assert r.status_code == status and message in r.json()["error"]


def test_malformed_json_and_bytes_are_4xx(client: TestClient) -> None:
    r = client.post("/api/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "error" in r.json()
    r = client.post("/api/ask", content=b"\xff\xfe\x00bad", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "error" in r.json()


def test_a_store_outage_is_a_503_with_retry_advice(settings: Settings, corpus: Corpus) -> None:
    def down() -> Index:
        raise StoreUnavailableError("cannot reach the Chroma server at http://127.0.0.1:1")

    bot = Assistant(corpus, index=down)
    with TestClient(create_app(settings=settings, assistant=bot, chat=False)) as c:
        r = c.post("/api/ask", json={"question": "What happens at secondary inspection?"})
        assert r.status_code == 503 and "retry" in r.json()["error"]
        assert (
            c.post("/api/ask", json={"question": "ports of entry in Montana"}).status_code == 200
        )  # tables still work


def test_a_bad_model_setting_starts_the_server_and_names_the_setting(settings: Settings, corpus: Corpus) -> None:
    from corpus import ConfigurationError

    def misconfigured() -> Index:
        raise ConfigurationError("PORTENTRY_EMBED_MODEL='/nowhere' cannot be loaded offline")

    bot = Assistant(corpus, index=misconfigured)
    with TestClient(create_app(settings=settings, assistant=bot, chat=False)) as c:  # start-up warms: no crash
        r = c.post("/api/ask", json={"question": "What happens at secondary inspection?"})
        assert r.status_code == 503 and "PORTENTRY_EMBED_MODEL" in r.json()["error"]
        assert c.post("/api/ask", json={"question": "ports of entry in Montana"}).status_code == 200


def test_feedback_is_stored(client: TestClient, settings: Settings) -> None:
    from ui._feedback import FeedbackStore

    body = {"question": "q", "answer": "a [1]", "citations": [{"n": 1, "ref": "19 CFR 101.5"}], "vote": "up"}
    assert client.post("/api/feedback", json=body).json()["ok"] is True
    assert client.post("/api/feedback", json={**body, "vote": "maybe"}).status_code == 422
    assert FeedbackStore(settings.data_dir / "feedback.sqlite3").count() == 1


def test_tables(client: TestClient) -> None:
    rows = client.get("/api/tables/ports", params={"state": "ND"}).json()
    assert len(rows) == 19 and rows[0]["state"] == "North Dakota"
    csv_text = client.get("/api/tables/holidays", params={"year": 2027, "format": "csv"}).text
    assert "Christmas Day,The twenty-fifth day of December.,2027-12-25,2027-12-24" in csv_text
    ports_csv = client.get("/api/tables/ports", params={"format": "csv"}).text
    assert ports_csv.count(",yes,") >= 4 and ",True," not in ports_csv  # the same cells as the CLI's CSV
    assert client.get("/api/tables/nope").status_code == 404
    assert "unknown state" in client.get("/api/tables/ports", params={"state": "Narnia"}).json()["error"]
    assert client.get("/api/tables/ports", params={"year": "soon"}).status_code == 422


def test_cors_allows_only_configured_origins(client: TestClient) -> None:
    ok = client.post("/api/ask", json={"question": "hours of business"}, headers={"Origin": ALLOWED})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == ALLOWED
    bad = client.post("/api/ask", json={"question": "hours of business"}, headers={"Origin": "http://evil.example"})
    assert bad.status_code == 403 and "not allowed" in bad.json()["error"]
    assert "access-control-allow-origin" not in bad.headers
    preflight = client.options("/api/ask", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST",
                                                    "Access-Control-Request-Headers": "content-type"})  # fmt: skip
    assert preflight.status_code == 200


def test_health_and_openapi(client: TestClient) -> None:
    assert client.get("/api/health").json()["status"] == "ok"
    spec = client.get("/openapi.json").json()
    assert {"/api/ask", "/api/feedback", "/api/health", "/api/tables/{name}"} <= set(spec["paths"])


@pytest.mark.slow
def test_serve_runs_the_chat_api_and_widget_on_loopback(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PORTENTRY_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen([str(PORTENTRY), "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        while time.monotonic() - started < 90:  # bounded wait for start-up
            try:
                with urllib.request.urlopen(base + "/api/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        with urllib.request.urlopen(base + "/", timeout=10) as r:
            assert r.status == 200 and "gradio" in r.read().decode().lower()
        request = urllib.request.Request(
            base + "/api/ask", data=json.dumps({"question": "Is CBP open on July 5, 2027?"}).encode(),
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=30) as r:
            assert "Independence Day" in json.loads(r.read())["answer"]
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


def test_rate_limit_per_client(tmp_path: Path, corpus: Corpus) -> None:
    settings = Settings(data_dir=tmp_path, rate_limit=3)
    with TestClient(create_app(settings=settings, assistant=Assistant(corpus), chat=False)) as c:
        codes = [c.post("/api/ask", json={"question": "hours of business"}).status_code for _ in range(5)]
        assert codes == [200, 200, 200, 429, 429]
        limited = c.post("/api/ask", json={"question": "hours of business"})
        assert "too many requests" in limited.json()["error"] and int(limited.headers["Retry-After"]) >= 1
        assert c.get("/api/health").status_code == 200  # reads are not limited


def test_rate_limit_setting_is_checked() -> None:
    from corpus import ConfigurationError

    with pytest.raises(ConfigurationError, match="PORTENTRY_RATE_LIMIT"):
        Settings.from_env({"PORTENTRY_RATE_LIMIT": "lots"})
    assert Settings.from_env({"PORTENTRY_RATE_LIMIT": "0"}).rate_limit == 0


def test_a_locked_feedback_database_is_a_503_and_loses_nothing(tmp_path: Path, corpus: Corpus) -> None:
    import sqlite3

    from ui._feedback import FeedbackStore

    settings = Settings(data_dir=tmp_path)
    body = {"question": "q", "answer": "a", "citations": [], "vote": "down"}
    with TestClient(create_app(settings=settings, assistant=Assistant(corpus), chat=False,
                               feedback_timeout_s=0.2)) as c:  # fmt: skip
        assert c.post("/api/feedback", json=body).status_code == 200
        blocker = sqlite3.connect(tmp_path / "feedback.sqlite3")
        blocker.execute("BEGIN EXCLUSIVE")  # another process holds the database
        try:
            locked = c.post("/api/feedback", json=body)
        finally:
            blocker.rollback()
            blocker.close()
        assert locked.status_code == 503 and "try again" in locked.json()["error"]
        assert c.post("/api/feedback", json=body).status_code == 200  # recovers by itself
    assert FeedbackStore(tmp_path / "feedback.sqlite3").count() == 2  # every acknowledged vote is there
