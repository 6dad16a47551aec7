"""Chroma as the vector store: embedded in the data folder, or a Chroma server.

Every collection is opened with ``embedding_function=None``: Chroma's own
default function downloads a model, and portentry always passes its own
vectors. Any Chroma failure leaves this module as a StoreError that says what
to do, never as a Chroma traceback.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from corpus import Settings, StoreError, StoreUnavailableError, enforce_offline

from ._chunks import Chunk

__all__ = ["COLLECTION", "VectorStore"]

COLLECTION = "portentry-passages"
_STAGING = COLLECTION + "-staging"
_REBUILD = "run `portentry index --rebuild`"
_DATABASE = "chroma.sqlite3"
"""The embedded store's database file in its folder (Chroma's name for it)."""


class VectorStore:
    """One Chroma collection of chunk vectors, with the build manifest in its metadata."""

    def __init__(self, settings: Settings) -> None:
        enforce_offline()
        import chromadb  # imported late: it is slow to import and only needed here
        import chromadb.config

        self._url = settings.chroma_url
        self.path = settings.data_dir / "chroma"
        self.where = self._url or str(self.path)
        chroma_settings = chromadb.config.Settings(anonymized_telemetry=False)
        with self._errors("open"):
            if self._url:
                parts = urlsplit(self._url)
                self._client: Any = chromadb.HttpClient(
                    host=parts.hostname or "", port=parts.port or 8000, ssl=parts.scheme == "https",
                    settings=chroma_settings,
                )  # fmt: skip
                self._client.heartbeat()
            else:
                if not (self.path / _DATABASE).exists():
                    # the folder was deleted under a client still alive in this process: Chroma's cached system for
                    # this path points at files that are gone ("no such table: collections"); start a new one
                    _forget_client(str(self.path))
                self.path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(self.path), settings=chroma_settings)

    @property
    def embedded(self) -> bool:
        """True for the embedded store in the data folder (which a rebuild may wipe)."""
        return not self._url

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except Exception as exc:  # Chroma raises many unrelated types; all mean the same to a user
            detail = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".strip(": ")
            if self._url and _unreachable(exc):
                raise StoreUnavailableError(
                    f"cannot reach the Chroma server at {self._url} ({detail}); start it "
                    f"(chroma run --path DIR --port {urlsplit(self._url).port}) or unset PORTENTRY_CHROMA_URL "
                    "to use the embedded store; then retry"
                ) from exc
            raise StoreError(f"the index at {self.where} could not {doing} ({detail}); {_REBUILD}") from exc

    def manifest(self) -> dict[str, str]:
        """The manifest the index was built with, or {} when there is no index."""
        with self._errors("be read"):
            names = {c if isinstance(c, str) else c.name for c in self._client.list_collections()}
            if COLLECTION not in names:
                return {}
            metadata = self._client.get_collection(COLLECTION, embedding_function=None).metadata or {}
        return {k.removeprefix("portentry_"): str(v) for k, v in metadata.items() if k.startswith("portentry_")}

    def count(self) -> int:
        """Number of stored chunks."""
        with self._errors("be read"):
            return int(self._collection().count())

    def _collection(self) -> Any:
        if not hasattr(self, "_current"):
            self._current = self._client.get_collection(COLLECTION, embedding_function=None)
        return self._current

    def replace(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]], manifest: Mapping[str, str]) -> None:
        """Store a complete new index, then swap it in under the collection name."""
        with self._errors("be written"):
            names = {c if isinstance(c, str) else c.name for c in self._client.list_collections()}
            if _STAGING in names:
                self._client.delete_collection(_STAGING)
            staging = self._client.create_collection(
                _STAGING, embedding_function=None, configuration={"hnsw": {"space": "cosine"}},
                metadata={f"portentry_{k}": v for k, v in manifest.items()},
            )  # fmt: skip
            for start in range(0, len(chunks), 256):
                batch = chunks[start : start + 256]
                staging.add(
                    ids=[c.id for c in batch],
                    embeddings=[list(v) for v in vectors[start : start + 256]],
                    documents=[c.search_text for c in batch],
                    metadatas=[{"ref": c.ref, "source": c.source, "section": c.section} for c in batch],
                )
            if COLLECTION in names:
                self._client.delete_collection(COLLECTION)
            staging.modify(name=COLLECTION)
            self.__dict__.pop("_current", None)

    def query(self, vector: Sequence[float], *, n: int, where: Mapping[str, str]) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the ``n`` nearest chunks matching ``where``."""
        clause: dict[str, Any] | None = None
        if len(where) == 1:
            clause = dict(where)
        elif where:
            clause = {"$and": [{k: v} for k, v in where.items()]}
        with self._errors("be searched"):
            result = self._collection().query(
                query_embeddings=[list(vector)], n_results=n, where=clause, include=["distances"]
            )
        ids = result["ids"][0]
        distances = (result.get("distances") or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def close(self) -> None:
        """Release the client (its HTTP session or database files)."""
        with contextlib.suppress(Exception):  # closing must never be the error a user sees
            self._client.close()
            from chromadb.api.shared_system_client import SharedSystemClient

            # Chroma's HTTP client never closes its connection pool; do it once no
            # other client in this process shares the system.
            clients: list[Any] = [self._client, getattr(self._client, "_admin_client", None)]
            for client in clients:
                session = getattr(getattr(client, "_server", None), "_session", None)
                if session is not None and client._identifier not in SharedSystemClient._identifier_to_system:
                    session.close()


def wipe_embedded(path: Path) -> None:
    """Delete an embedded store that cannot even be opened."""
    _forget_clients()
    shutil.rmtree(path, ignore_errors=True)


def _forget_client(path: str) -> None:
    """Drop Chroma's cached system for one embedded store path (the clients holding it keep it until they close)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient._identifier_to_system.pop(path, None)


def _forget_clients() -> None:
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def _unreachable(exc: BaseException) -> bool:
    text = f"{type(exc).__name__} {exc}".lower()
    return any(word in text for word in ("connect", "connection", "refused", "timed out", "timeout", "unreachable"))
