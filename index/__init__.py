"""index: the passages as searchable chunks in Chroma, with hybrid retrieval.

Owns chunking, the embedding model (offline, sha256-checked), the Chroma
store (embedded or server) and BM25 + dense fusion. It must never download a
model and never let Chroma's default embedding function run.
"""

from ._chunks import CHUNKING_VERSION, Chunk, chunk_corpus
from ._embeddings import (
    MINILM_SHA256,
    IdentifiedEmbeddings,
    SentenceEmbeddings,
    embedder_id,
    load_embedder,
    model_words,
)
from ._query import QueryRewriter
from ._retriever import Hit, Index, Mode, PassageRetriever, WordSearch
from ._store import COLLECTION, VectorStore

__all__ = [
    "CHUNKING_VERSION",
    "COLLECTION",
    "MINILM_SHA256",
    "Chunk",
    "Hit",
    "IdentifiedEmbeddings",
    "Index",
    "Mode",
    "PassageRetriever",
    "QueryRewriter",
    "SentenceEmbeddings",
    "VectorStore",
    "WordSearch",
    "chunk_corpus",
    "embedder_id",
    "load_embedder",
    "model_words",
]
