"""One web server: the HTTP API, the embeddable widget, and the Gradio chat mounted at "/".

Every request is validated; every failure is a JSON error with a 4xx or 503
status and a message a person can act on, never a traceback or a bare 500.
Browser origins are checked against PORTENTRY_ALLOWED_ORIGINS both by CORS
headers and on the server, so a page that is not allowed gets a 403.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Literal

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant import MAX_HISTORY, MAX_QUESTION_CHARS, Assistant
from corpus import TABLE_NAMES, ConfigurationError, OperationalError, PortentryError, Settings, UsageError, export_table

from ._feedback import FeedbackStore
from ._ratelimit import RateLimiter

__all__ = ["create_app"]

log = logging.getLogger("portentry.web")
STATIC = Path(__file__).parent / "static"
ANSWER_THREADS = 2


class Message(BaseModel):
    """One earlier message of the conversation."""

    role: Literal["user", "assistant"]
    content: Annotated[str, Field(max_length=20_000)]


class AskRequest(BaseModel):
    """A question, with the conversation so far."""

    question: Annotated[str, Field(min_length=1, max_length=MAX_QUESTION_CHARS)]
    history: Annotated[list[Message], Field(max_length=MAX_HISTORY)] = []


class FeedbackRequest(BaseModel):
    """A vote on an answer."""

    question: Annotated[str, Field(max_length=MAX_QUESTION_CHARS)]
    answer: Annotated[str, Field(max_length=50_000)]
    citations: Annotated[list[dict[str, str | int]], Field(max_length=50)] = []
    vote: Literal["up", "down"]


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def create_app(
    *,
    settings: Settings | None = None,
    assistant: Assistant | None = None,
    chat: bool = True,
    feedback_timeout_s: float = 10.0,
    serving: bool = False,
) -> FastAPI:
    """The web app (not started): API under /api, /widget.js, /widget-demo.html, and the chat at /.

    ``serving=True`` is for a server process of its own (`portentry serve`): once warm, it freezes
    the loaded objects out of the garbage collector, which must not happen inside someone else's process.
    """
    settings = settings or Settings.from_env()
    bot = assistant or Assistant.from_settings(settings)
    feedback = FeedbackStore(
        settings.data_dir / "feedback.sqlite3", timeout_s=feedback_timeout_s, max_mb=settings.feedback_max_mb
    )
    allowed = set(settings.allowed_origins)
    limiter = RateLimiter(settings.rate_limit)
    # Answers are CPU-bound: two at a time per worker finish sooner than 40 threads fighting for the GIL
    # (32 clients, 2 workers, 2 cores: p95 140-230 ms with 2, up to 510 ms with 8).
    answering = anyio.CapacityLimiter(ANSWER_THREADS)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:  # load the index and the model before the first visitor waits for them
            await anyio.to_thread.run_sync(bot.warm)
        except PortentryError as exc:  # a store outage or a bad setting: each question that needs it says so
            log.warning("portentry: the index is not ready: %s", exc)
        if serving:
            # Everything loaded so far (torch, gradio, the index) lives as long as the server: take it out of
            # the garbage collector's sight, or each full collection stops a worker for about 0.4 s under load.
            gc.collect()
            gc.freeze()
        yield

    app = FastAPI(
        title="portentry", description="Cited answers about US ports of entry (19 CFR Part 101).", lifespan=lifespan
    )

    @app.middleware("http")
    async def guard(request: Request, call_next):  # type: ignore[no-untyped-def]
        origin = request.headers.get("origin", "").rstrip("/")
        own = f"{request.url.scheme}://{request.url.netloc}"
        if (
            request.url.path.startswith("/api/")
            and origin
            and origin != own
            and "*" not in allowed
            and origin not in allowed
        ):
            return _error(403, f"the origin {origin} is not allowed to use this API (PORTENTRY_ALLOWED_ORIGINS)")
        if request.url.path.startswith("/api/") and request.method == "POST":
            wait = limiter.check(request.client.host if request.client else "unknown")
            if wait:
                response = _error(429, f"too many requests; retry in {wait:.0f} s")
                response.headers["Retry-After"] = str(max(1, round(wait)))
                return response
        return await call_next(request)

    app.add_middleware(
        CORSMiddleware, allow_origins=sorted(allowed), allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"], max_age=600,
    )  # fmt: skip

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
        return _error(422, f"invalid request: {where or 'body'}: {first.get('msg', 'malformed')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def failed(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("request failed", exc_info=exc)
        return _error(503, "the assistant could not answer this request; please try again")

    @app.post("/api/ask")
    async def ask(body: AskRequest) -> Response:
        """Answer a question; the response is the assistant's JSON contract."""
        history = [m.model_dump() for m in body.history]
        try:
            answer = await anyio.to_thread.run_sync(bot.ask, body.question, history, limiter=answering)
        except ConfigurationError as exc:  # the server's setting, not the asker's request (it names the variable)
            return _error(503, str(exc))
        except UsageError as exc:
            return _error(400, str(exc))
        except OperationalError as exc:
            return _error(503, f"{exc} (retry in a moment)")
        return JSONResponse(answer.to_dict())

    @app.post("/api/feedback")
    async def vote(body: FeedbackRequest) -> Response:
        """Store a like or dislike."""
        try:
            row = await run_in_threadpool(
                feedback.add, question=body.question, answer=body.answer,
                citations=[dict(c) for c in body.citations], vote=body.vote,
            )  # fmt: skip
        except OperationalError as exc:
            return _error(503, str(exc))
        return JSONResponse({"ok": True, "id": row})

    @app.get("/api/health")
    async def health() -> dict[str, object]:
        """Liveness and what is loaded."""
        return {"status": "ok", "passages": len(bot.corpus.passages), "ports": len(bot.corpus.ports)}

    @app.get("/api/tables/{name}")
    async def table(name: str, state: str | None = None, year: int | None = None, format: str = "json") -> Response:
        """One of the regulation's tables, as JSON (a list of objects) or CSV."""
        if name not in TABLE_NAMES:
            return _error(404, f"unknown table {name!r}; choose one of: {', '.join(TABLE_NAMES)}")
        try:
            export = export_table(bot.corpus, name, state=state, year=year)
        except PortentryError as exc:
            return _error(400, str(exc))
        if format == "csv":
            return PlainTextResponse(export.to_csv(), media_type="text/csv")
        if format != "json":
            return _error(400, "format must be json or csv")
        return JSONResponse(export.records())

    @app.get("/widget.js", include_in_schema=False)
    async def widget() -> Response:
        return FileResponse(STATIC / "widget.js", media_type="text/javascript")

    @app.get("/widget-demo.html", include_in_schema=False)
    async def demo() -> Response:
        return FileResponse(STATIC / "widget-demo.html", media_type="text/html")

    if chat:
        import gradio as gr

        from ._chat import create_chat

        app = gr.mount_gradio_app(app, create_chat(bot, feedback), path="/")
    return app


def create_served_app() -> FastAPI:
    """The app as each `portentry serve` worker runs it."""
    return create_app(serving=True)
