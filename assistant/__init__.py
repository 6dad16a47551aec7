"""assistant: answers with verified citations, from exact-fact tools and passage search.

The default engine needs no language model. Every citation it returns names
a passage that exists and quotes it verbatim; an answer the sources do not
support is an abstention, never a guess.
"""

from ._assistant import MAX_HISTORY, MAX_QUESTION_CHARS, Assistant
from ._compose import CitationError, verify
from ._records import Answer, Citation, Evidence, Statement

__all__ = [
    "MAX_HISTORY",
    "MAX_QUESTION_CHARS",
    "Answer",
    "Assistant",
    "Citation",
    "CitationError",
    "Evidence",
    "Statement",
    "verify",
]
