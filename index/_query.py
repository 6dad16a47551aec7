"""Prepare a user's query for search: fix typos against the corpus vocabulary, expand domain words.

Users write "north dakta", "preclearence", "auto parts" or "weekends"; the
sources say "North Dakota", "preclearance", "Automotive" and "Saturdays,
Sundays". Typos are corrected only to words that occur in the corpus, and
the thesaurus only adds source words (for BM25), so neither can invent a
topic the sources do not have.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

__all__ = ["QueryRewriter"]

_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
_MIN_TYPO_LEN = 5


def _cutoff(word: str) -> int:
    """Short words need a closer match: "stand" must not become "sandy", nor "cover" "cove"."""
    return 90 if len(word) <= 5 else 85 if len(word) <= 7 else 80


# User words -> words the sources use. Only for the lexical signal.
THESAURUS: dict[str, str] = {
    "weekend": "saturday sunday", "weekends": "saturdays sundays",
    "auto": "automotive", "autos": "automotive", "car": "automotive", "cars": "automotive",
    "vehicle": "automotive", "vehicles": "automotive", "aircraft": "aerospace", "airplane": "aerospace",
    "shoes": "footwear", "sneakers": "footwear", "clothes": "apparel", "clothing": "apparel apparel",
    "garments": "apparel", "fabric": "textiles", "fabrics": "textiles",
    "medicine": "pharmaceuticals", "medicines": "pharmaceuticals", "drugs": "pharmaceuticals",
    "pharma": "pharmaceuticals", "oil": "petroleum", "steel": "base metals", "aluminum": "base metals",
    "iron": "base metals", "copper": "base metals", "food": "agriculture prepared products",
    "foods": "agriculture prepared products", "produce": "agriculture", "toys": "consumer products",
    "furniture": "consumer products", "phones": "electronics", "computers": "electronics",
    "machines": "machinery", "equipment": "machinery", "xmas": "christmas", "badge": "identification card",
    "stamp": "seal", "dogs": "canine", "open": "hours business", "closed": "holidays",
}  # fmt: skip


class QueryRewriter:
    """Typo correction and thesaurus expansion against one corpus vocabulary."""

    def __init__(self, texts: Iterable[str], *, known: Iterable[str] = ()) -> None:
        words = {w for text in texts for w in _WORD.findall(text.lower())}
        self._vocabulary = words | {w for text in known for w in _WORD.findall(text.lower())}
        self._candidates = sorted(w for w in words if len(w) >= _MIN_TYPO_LEN - 1)
        # a question is searched two or three ways, and people repeat their words: each word is looked up once
        self._closest = functools.lru_cache(maxsize=4096)(self._closest_uncached)

    def _closest_uncached(self, word: str) -> str | None:
        close = process.extract(word, self._candidates, scorer=fuzz.ratio, score_cutoff=_cutoff(word), limit=5)
        if not close:
            return None
        # among close spellings, the fewest edits wins ("servise" -> "service", not "supervise")
        return str(min(close, key=lambda m: (Levenshtein.distance(word, m[0]), -m[1]))[0])

    def correct(self, query: str) -> str:
        """The query with each unknown word of 5+ letters replaced by the closest corpus word, if close."""
        out = []
        for token in re.split(r"(\W+)", query):
            word = token.lower()
            if len(word) >= _MIN_TYPO_LEN and word.isalpha() and word not in self._vocabulary:
                token = self._closest(word) or token
            out.append(token)
        return "".join(out)

    def known(self, word: str) -> bool:
        """True when ``word`` occurs in the vocabulary (or the known words)."""
        return word.lower() in self._vocabulary

    def expand(self, query: str) -> str:
        """The query plus the source words for any thesaurus word in it."""
        extra = [THESAURUS[w] for w in _WORD.findall(query.lower()) if w in THESAURUS]
        return " ".join([query, *extra])
