"""Per-client rate limiting for the API: a token bucket per client address, in memory.

Each worker process keeps its own buckets, so with N workers a client can
make up to N times the limit; the limit protects the server from one noisy
client, it is not an accounting tool.
"""

from __future__ import annotations

import threading
import time

__all__ = ["RateLimiter"]

_MAX_CLIENTS = 10_000  # bounded memory: the oldest buckets are dropped first


class RateLimiter:
    """Allows ``per_minute`` requests per client, refilling continuously."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._clock = time.monotonic
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds to wait before retrying."""
        if self.per_minute <= 0:
            return 0.0
        now = self._clock()
        rate = self.per_minute / 60.0
        with self._lock:
            tokens, seen = self._buckets.pop(client, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - seen) * rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / rate
            self._buckets[client] = (tokens - 1 if wait == 0 else tokens, now)
            if len(self._buckets) > _MAX_CLIENTS:
                del self._buckets[next(iter(self._buckets))]
        return wait
