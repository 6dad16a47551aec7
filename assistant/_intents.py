"""Recognise what a question asks: a nearest-neighbour vote over the embeddings of example phrasings.

Each intent has a few hundred example phrasings (``data/intents/*.txt``),
written with placeholders for names. They are embedded once with the same
model as the passages (all-MiniLM-L6-v2) and cached in the data folder, keyed
by a checksum of the phrasings and the model. A question, read with its
names masked the same way, scores each intent by the mean cosine similarity
of its ``k`` nearest phrasings. Adding a way of asking is adding a line of
data; nothing here knows any intent by name.

Why nearest neighbours and not a fitted classifier: a logistic regression on
the same embeddings cross-validates better on the phrasings themselves (0.929
against 0.877), but answered fewer of the 474 tuning questions (85.9% against
88.6%), and its probabilities are relative: a question unlike every phrasing
still gets a confident intent. A cosine similarity is absolute, so "nothing
here is near" is a decision the planner can make (then: passage search).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings
from numpy.typing import NDArray

from ._data import Intent

__all__ = ["IntentClassifier"]

log = logging.getLogger(__name__)


class IntentClassifier:
    """Scores intents for a question by its nearest example phrasings."""

    def __init__(self, intents: tuple[Intent, ...], digest: str, embedder: Embeddings, *, k: int,
                 cache_dir: Path | None = None, model_id: str = "") -> None:  # fmt: skip
        self.intents = intents
        self._embedder = embedder
        self._k = k
        self._cache = cache_dir / f"intents-{digest[:16]}-{model_id.replace('/', '_')[:60]}.npy" if cache_dir else None
        # Each intent's phrasing rows follow one another: one slice per intent.
        self._bounds = np.cumsum([0, *(len(intent.phrasings) for intent in intents)])
        sizes = np.diff(self._bounds)
        self._band = np.repeat(4.0 * np.arange(len(intents)), sizes)
        counts = np.minimum(sizes, k)
        firsts = self._bounds[:-1]
        self._top = np.concatenate([np.arange(start, start + n) for start, n in zip(firsts, counts, strict=True)])
        self._top_starts = np.cumsum([0, *counts[:-1]])
        self._top_counts = counts.astype(np.float64)
        self._matrix: NDArray[np.float32] | None = None
        self._lock = threading.Lock()

    def embed(self, text: str) -> NDArray[np.float32]:
        """The text's embedding (the embedder caches queries; the classifier keeps none of its own)."""
        return np.asarray(self._embedder.embed_query(text), dtype=np.float32)

    def prime(self, texts: Sequence[str]) -> None:
        """Embed the texts about to be ranked in one batch, when the embedder batches queries.

        The questions of one message are read together (one call, for an encoder that gains from batching).
        """
        batch = getattr(self._embedder, "embed_queries", None)
        if batch is not None and len(set(texts)) > 1:
            batch(list(texts))

    def matrix(self) -> NDArray[np.float32]:
        """The phrasing embeddings (one row per phrasing), loaded from the cache or computed once."""
        with self._lock:
            if self._matrix is None:
                self._matrix = self._load()
            return self._matrix

    def _load(self) -> NDArray[np.float32]:
        rows = int(self._bounds[-1])
        if self._cache is not None and self._cache.exists():
            try:
                cached = np.load(self._cache)
                if cached.shape[0] == rows:
                    return np.asarray(cached, dtype=np.float32)
            except (OSError, ValueError) as exc:  # a damaged cache is rebuilt, never trusted
                log.warning("rebuilding the intent cache %s (%s)", self._cache, exc)
        texts = [p for intent in self.intents for p in intent.phrasings]
        matrix = np.asarray(self._embedder.embed_documents(texts), dtype=np.float32)
        if self._cache is not None:
            try:
                self._cache.parent.mkdir(parents=True, exist_ok=True)
                tmp = self._cache.with_suffix(".tmp.npy")
                np.save(tmp, matrix)
                tmp.replace(self._cache)
            except OSError as exc:  # a read-only data folder: compute again next time
                log.warning("cannot cache intent embeddings in %s (%s)", self._cache, exc)
        return matrix

    def rank(self, text: str) -> tuple[tuple[str, float], ...]:
        """Every intent with its score for ``text``, best first."""
        sims = (self.matrix() @ self.embed(text)).astype(np.float64)
        # One partition for all intents: each intent's rows in a band of its own (cosines lie in [-1, 1]), its k
        # best first within it; in float64 the cosine is recovered exactly from its key.
        keys = np.partition(self._band - sims, self._top)
        top = self._band[self._top] - keys[self._top]  # each intent's k best (all it has, when fewer)
        means = np.add.reduceat(top, self._top_starts) / self._top_counts
        order = np.argsort(-means, kind="stable")
        return tuple((self.intents[i].name, float(means[i])) for i in order)
