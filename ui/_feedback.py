"""Like/dislike feedback, kept in SQLite in the data folder (no personal data: no IP, no user id).

Writes are committed before they are acknowledged, so a feedback that was
reported as saved is on disk; several server workers may share the file.
The file is capped (SQLite's max_page_count), so a flood of votes fills the
cap, not the disk; a full cap or a full disk is the same clear 503.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path

from corpus import OperationalError

__all__ = ["FeedbackStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down'))
)
"""


class FeedbackStore:
    """Append-only feedback records."""

    def __init__(self, path: Path, *, timeout_s: float = 10.0, max_mb: int = 100) -> None:
        self.path = path
        self.timeout_s = timeout_s
        self.max_mb = max_mb
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(_SCHEMA)
        except sqlite3.Error as exc:
            raise OperationalError(f"the feedback store {path} cannot be opened ({exc})") from exc

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.timeout_s)
        page = int(db.execute("PRAGMA page_size").fetchone()[0])
        db.execute(f"PRAGMA max_page_count = {self.max_mb * 1_000_000 // page}")
        return db

    def add(self, *, question: str, answer: str, citations: list[dict[str, object]], vote: str) -> int:
        """Store one vote; returns its id once it is committed."""
        row = (dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), question, answer, json.dumps(citations), vote)
        try:
            with self._lock, self._connect() as db:
                cursor = db.execute(
                    "INSERT INTO feedback (at, question, answer, citations, vote) VALUES (?, ?, ?, ?, ?)", row
                )
                return int(cursor.lastrowid or 0)
        except sqlite3.Error as exc:
            if "full" in str(exc):  # SQLITE_FULL: the cap or the disk
                raise OperationalError(
                    f"the feedback store or its disk is full (its cap is PORTENTRY_FEEDBACK_MAX_MB={self.max_mb}); "
                    "this vote was not saved, the earlier ones are safe; please try again later"
                ) from exc
            raise OperationalError(f"feedback could not be saved ({exc}); please try again") from exc

    def count(self) -> int:
        """How many votes are stored."""
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])
