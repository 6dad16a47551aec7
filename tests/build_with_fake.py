"""Open (and build if needed) the index with the fake embedder; used by the concurrency test.

Usage: python tests/build_with_fake.py DATA_DIR  -> prints "built N" or "current N".
"""

from __future__ import annotations

import sys
from pathlib import Path

from langchain_core.embeddings import DeterministicFakeEmbedding

from corpus import Settings
from index import Index

if __name__ == "__main__":
    with Index.open(
        Settings(data_dir=Path(sys.argv[1])), embedder=DeterministicFakeEmbedding(size=384), progress=False
    ) as index:
        print("built" if index.built else "current", index.store.count())
