"""The baseline: the usual LangChain RAG tutorial, built as the tutorials build it.

Both documents are split by RecursiveCharacterTextSplitter (1,000 characters,
200 overlap), embedded with all-MiniLM-L6-v2 through sentence-transformers
(what ``HuggingFaceEmbeddings`` does; that package itself cannot be installed
beside this transformers release) into ``langchain_chroma.Chroma``, and
searched with ``as_retriever(k=4)``. No language model runs offline, so its
"answer" is the retrieved text. ``fast=True`` swaps in portentry's ONNX
encoder (same vectors), to show what the pipeline costs with our encoder.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from corpus import SOURCES_DIR, enforce_offline

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from index import SentenceEmbeddings

__all__ = ["Tutorial"]


class _TorchEmbeddings(Embeddings):
    """sentence-transformers' ``encode`` on the CPU, as ``HuggingFaceEmbeddings`` calls it."""

    def __init__(self, model: SentenceTransformer) -> None:
        self._model = model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed chunks."""
        return [list(map(float, v)) for v in self._model.encode(texts, show_progress_bar=False)]

    def embed_query(self, text: str) -> list[float]:
        """Embed a question."""
        return self.embed_documents([text])[0]


class Tutorial:
    """Recursive 1,000-character chunks in LangChain's Chroma; retrieve the top k."""

    def __init__(self, embedder: SentenceEmbeddings, *, fast: bool = False) -> None:
        enforce_offline()
        import chromadb
        import chromadb.config
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        texts = [p.read_text(encoding="utf-8") for p in sorted(SOURCES_DIR.glob("*.txt"))]
        self.chunks = [c for t in texts for c in splitter.split_text(t)]
        embeddings: Embeddings = embedder if fast else _TorchEmbeddings(embedder.model)
        client = chromadb.EphemeralClient(settings=chromadb.config.Settings(anonymized_telemetry=False))
        self.store = Chroma.from_texts(
            self.chunks, embeddings, client=client, collection_name=f"tutorial-{uuid.uuid4().hex[:8]}"
        )

    def search(self, query: str, k: int = 4) -> list[str]:
        """The ``k`` nearest chunks' texts (the retriever a tutorial hands to its LLM)."""
        return [d.page_content for d in self.store.as_retriever(search_kwargs={"k": k}).invoke(query)]
