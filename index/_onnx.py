"""Run a loaded sentence-transformers model through ONNX Runtime, several times faster on CPU.

The model is still loaded (and its weights checked) with sentence-transformers;
its transformer is exported once to ONNX in the data folder, then quantized to
8-bit weights (per output channel). The quantized model is used when it agrees
with the model's own embeddings on the probe sentences, else the exact export
when it reproduces them, else torch. One question's embedding takes about 2-4 ms
quantized, 4-6 ms exact and about 20 ms through torch on this machine.

Quantizing changes the vectors a little (cosine with the exact export's: min
0.987, mean 0.994 over 800 dev questions). Measured on the answer dev sets it
cost 8 of 3,784 tuning questions and gained 1 of 140 held-out ones, and took
the engine's warm p95 from about 27 ms to about 17 ms. Its ``model_id`` says
it is quantized: an index or an intent cache built with one encoder is never
read with another.
"""

from __future__ import annotations

import logging
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from filelock import FileLock
from numpy.typing import NDArray

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = ["OnnxEncoder", "onnx_encoder"]

log = logging.getLogger(__name__)
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_PROBES = ["Which port supervises the Otay Mesa customs station?", "hours of business", "préclearance à Dublin"]
_MIN_COSINE = 0.9999
"""The exact export must reproduce the model (float rounding only)."""
_MIN_COSINE_INT8 = 0.97
"""The quantized model's floor on the probes: they measure 0.990-0.996 here; a CPU whose 8-bit kernels saturate
(reduce the agreement below this) gets the exact export instead."""
_THREADS = 2
"""Texts read at once by the quantized model: one per core of the 2-core machines this was measured on (a third
thread only waits for a core)."""
INT8_SUFFIX = "+int8r"
"""Added to a model id when its embeddings come from the quantized export ("r": its weights use 7 of the 8 bits)."""


class OnnxEncoder:
    """Mean-pooled, normalised sentence embeddings from an ONNX export of the transformer."""

    def __init__(self, model: SentenceTransformer, path: Path, *, quantized: bool = False) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # One thread: a question is a few dozen tokens, too little work to share; on 2 cores one thread answered
        # faster (engine warm p50 8.3 vs 9.5 ms, p95 22.3 vs 24.5 ms) and leaves the other core to other requests.
        options.intra_op_num_threads = 1
        # Idle threads must not spin: they would take the core that Chroma, BM25 and other requests need next
        # (measured: torch right after a spinning session ran at half speed; serve throughput went 204 -> 260 req/s).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        # The model's own fast tokenizer, called directly: the same ids, without the 0.2 ms of the wrapper.
        self._tokenizer = Tokenizer.from_str(model.tokenizer.backend_tokenizer.to_str())
        self._tokenizer.enable_truncation(int(model.max_seq_length or 256))
        pad = model.tokenizer
        self._tokenizer.enable_padding(pad_id=int(pad.pad_token_id or 0), pad_token=str(pad.pad_token))
        self._names = {i.name for i in self._session.get_inputs()}
        self.quantized = quantized
        """True when the weights are the 8-bit ones."""
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        """One unit-length vector per text.

        The 8-bit model scales each batch's activations by the batch's own range, so a text batched with others
        would get a vector that depends on them: it reads each text alone, on two threads (ONNX Runtime lets go
        of the GIL while it runs, so the texts of one question use both cores: four texts took 13 ms, not 21).
        """
        if self.quantized and len(texts) > 1:
            return np.concatenate(list(self._threads().map(lambda t: self._encode([t]), texts)))
        return self._encode(texts)

    def _threads(self) -> ThreadPoolExecutor:
        with self._pool_lock:  # made on first use: a process that never reads two texts at once starts none
            if self._pool is None:
                self._pool = ThreadPoolExecutor(_THREADS, thread_name_prefix="onnx-encode")
            return self._pool

    def _encode(self, texts: list[str]) -> NDArray[np.float32]:
        encodings = self._tokenizer.encode_batch(texts)
        features = {
            "input_ids": [e.ids for e in encodings], "attention_mask": [e.attention_mask for e in encodings],
            "token_type_ids": [e.type_ids for e in encodings],
        }  # fmt: skip
        feed = {k: np.asarray(features[k], dtype=np.int64) for k in _INPUTS if k in self._names}
        hidden = self._session.run(None, feed)[0]
        mask = feed["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.clip(norms, 1e-12, None), dtype=np.float32)


def _supported(model: SentenceTransformer) -> bool:
    modules: list[Any] = list(model)
    names = [type(m).__name__ for m in modules]
    if names not in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"]):
        return False
    pooling = modules[1]
    return bool(
        getattr(pooling, "pooling_mode_mean_tokens", False) or pooling.get_config_dict().get("pooling_mode") == "mean"
    )


def _export(model: SentenceTransformer, path: Path) -> None:
    import torch

    transformer: Any = model[0].auto_model
    transformer.eval()

    class _Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = transformer

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.last_hidden_state

    sample = model.tokenizer(["a short sample sentence"], return_tensors="pt")
    dynamic = {k: {0: "batch", 1: "tokens"} for k in (*_INPUTS, "hidden")}
    tmp = path.with_suffix(".tmp")
    with warnings.catch_warnings():  # the exporter's advice about opsets is not for our users
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Hidden(), tuple(sample[k] for k in _INPUTS), str(tmp), input_names=list(_INPUTS),
            output_names=["hidden"], dynamic_axes=dynamic, opset_version=17, dynamo=False,
        )  # fmt: skip
    tmp.replace(path)


def _quantize(exact: Path, path: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = path.with_suffix(".tmp")
    logging.disable(logging.WARNING)  # its advice to pre-process (for image models) goes to the root logger
    try:
        # 7-bit weights ("reduce_range"): a CPU without VNNI multiplies 8-bit pairs into 16-bit sums that can
        # saturate, one with VNNI does not, so full-range weights gave other vectors (and other answers) on other
        # CPUs; with 7 bits no sum saturates and every x86 CPU computes the same integers.
        quantize_dynamic(exact, tmp, weight_type=QuantType.QInt8, per_channel=True, reduce_range=True)
    finally:
        logging.disable(logging.NOTSET)
    tmp.replace(path)


def onnx_encoder(model: SentenceTransformer, cache_dir: Path, model_id: str) -> OnnxEncoder | None:
    """The fastest ONNX encoder that agrees with ``model``, exported once into ``cache_dir``; None for torch."""
    if not _supported(model):
        return None
    path = cache_dir / f"{model_id.replace('/', '_')}.onnx"
    quantized = path.with_suffix(".int8r.onnx")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path) + ".lock", timeout=300):
            if not path.exists():
                _export(model, path)
            if not quantized.exists():
                try:
                    _quantize(path, quantized)
                except Exception as exc:  # the exact export still serves
                    log.warning("8-bit quantization of %s failed (%s)", model_id, exc)
        reference = model.encode(_PROBES, normalize_embeddings=True, show_progress_bar=False)
        for candidate, floor in ((quantized, _MIN_COSINE_INT8), (path, _MIN_COSINE)):
            if not candidate.exists():
                continue
            encoder = OnnxEncoder(model, candidate, quantized=candidate == quantized)
            if float(np.min(np.sum(reference * encoder.encode(_PROBES), axis=1))) >= floor:
                return encoder
            log.warning("ONNX model %s does not match %s", candidate.name, model_id)
        log.warning("no ONNX model matches %s; using torch", model_id)
        return None
    except Exception as exc:  # any export/runtime trouble: stay correct on torch
        log.warning("ONNX acceleration unavailable for %s (%s); using torch", model_id, exc)
        return None
