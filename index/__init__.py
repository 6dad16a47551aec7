"""index: embeddings, the Chroma store and hybrid retrieval over the passages (issue 3).

Nothing is exported yet; this package is created so the layout is fixed from
the start.
"""

__all__: list[str] = []
