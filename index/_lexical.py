"""BM25 over chunk search texts (bm25s, English stemming and stop words).

Built in memory from the chunks at start-up (a few milliseconds for a few
hundred chunks), so it can never disagree with the stored vectors: both come
from the same chunk list, checked by the manifest.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import bm25s
import numpy as np
import Stemmer
from numpy.typing import NDArray

__all__ = ["Bm25"]

# Chunks range from a single table row to a long paragraph; the default b=0.75
# favours the shortest ones too much. Chosen on the retrieval dev set
# (tests/data/retrieval_dev.jsonl), with the README's figures.
K1, B = 1.2, 0.5


class Bm25:
    """Okapi BM25 scores of every chunk for a query."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._stemmer = Stemmer.Stemmer("english")
        tokens = bm25s.tokenize(list(texts), stopwords="en", stemmer=self._stemmer, show_progress=False)
        self._bm25 = bm25s.BM25(k1=K1, b=B)
        self._bm25.index(tokens, show_progress=False)
        self._size = len(texts)
        # one question searches the same words two or three ways (hybrid, words only, the article only)
        self.scores = functools.lru_cache(maxsize=256)(self._scores)

    def _scores(self, query: str) -> NDArray[np.float32]:
        """One score per chunk, in chunk order (0 where no query term occurs); read-only, as it is shared."""
        tokens = bm25s.tokenize(
            [query], stopwords="en", stemmer=self._stemmer, return_ids=False, show_progress=False
        )  # fmt: skip
        words = [t for t in tokens[0] if t in self._bm25.vocab_dict]
        out = np.asarray(self._bm25.get_scores(words), dtype=np.float32) if words else np.zeros(self._size, np.float32)
        out.setflags(write=False)
        return out
