"""assistant: tools over the tables and passages, and the answer engine (issue 4).

Nothing is exported yet; this package is created so the layout is fixed from
the start.
"""

__all__: list[str] = []
