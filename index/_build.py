"""Build the index when it is missing or stale, once, under a file lock.

The manifest (stored with the vectors) records the corpus hash, the model
that embedded it and the chunking version; any difference means a rebuild.
Two processes that start at once take turns on a lock file, and the second
finds the index already built.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from filelock import FileLock, Timeout
from langchain_core.embeddings import Embeddings
from tqdm import tqdm

from corpus import Corpus, Settings, StoreError

from ._chunks import CHUNKING_VERSION, Chunk
from ._embeddings import embedder_id
from ._store import VectorStore, wipe_embedded

__all__ = ["ensure_index", "expected_manifest"]

_LOCK_TIMEOUT_S = 600


def expected_manifest(corpus: Corpus, chunks: Sequence[Chunk], embedder: Embeddings) -> dict[str, str]:
    """What a current index's manifest must say."""
    sources = hashlib.sha256("".join(p.sha256 for p in corpus.provenance).encode()).hexdigest()
    # The chunk texts themselves are hashed, so any change to chunking rebuilds,
    # whether or not someone remembered to bump CHUNKING_VERSION.
    texts = hashlib.sha256("\0".join(f"{c.id}\0{c.search_text}" for c in chunks).encode()).hexdigest()
    return {
        "corpus": sources[:32],
        "model": embedder_id(embedder),
        "chunking": f"{CHUNKING_VERSION}:{texts[:16]}",
        "chunks": str(len(chunks)),
    }


def _embed(chunks: Sequence[Chunk], embedder: Embeddings, *, progress: bool) -> list[list[float]]:
    vectors: list[list[float]] = []
    bar = tqdm(
        total=len(chunks), desc="portentry: building the index", unit="chunk",
        disable=not progress or None, file=sys.stderr, leave=False,
    )  # fmt: skip
    with bar:
        for start in range(0, len(chunks), 64):
            batch = chunks[start : start + 64]
            vectors.extend(embedder.embed_documents([c.search_text for c in batch]))
            bar.update(len(batch))
    return vectors


def ensure_index(
    settings: Settings,
    corpus: Corpus,
    chunks: Sequence[Chunk],
    embedder: Embeddings,
    *,
    rebuild: bool = False,
    progress: bool = True,
) -> tuple[VectorStore, bool]:
    """Open the store, building it if missing, stale or ``rebuild``; returns (store, built)."""
    expected = expected_manifest(corpus, chunks, embedder)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        store = _open(settings)
        if not rebuild and store.manifest() == expected:
            return store, False
    except StoreError:
        if not (rebuild and not settings.chroma_url):
            raise
        wipe_embedded(settings.data_dir / "chroma")  # the way out of a corrupt embedded store
        store = _open(settings)
    with _locked(settings):
        if not rebuild and store.manifest() == expected:
            return store, False  # another process built it while we waited
        store.replace(chunks, _embed(chunks, embedder, progress=progress), expected)
    return store, True


def _open(settings: Settings) -> VectorStore:
    """The store, opened under the build lock.

    Chroma creates its tables when it first opens a folder (the database file appears before them), and two
    processes doing that at once collide ("table collections already exists", seen once in a CI run of the
    two-builders test); opening takes milliseconds, and waits only while another process builds.
    """
    with _locked(settings):
        return VectorStore(settings)


@contextmanager
def _locked(settings: Settings) -> Iterator[None]:
    """The build lock of the data folder (one process at a time builds, or creates the database)."""
    try:
        with FileLock(str(settings.data_dir / "index.lock"), timeout=_LOCK_TIMEOUT_S):
            yield
    except Timeout as exc:
        raise StoreError(
            f"another portentry process has been building the index for {_LOCK_TIMEOUT_S} s; "
            f"if none is running, delete {settings.data_dir / 'index.lock'}"
        ) from exc
