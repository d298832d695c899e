"""Bounds that keep the server answering while a client asks too much.

- User SQL (``POST /sql``) runs in ``server.sql_slots`` slots (default 2): a query that finds
  them all taken gets 429 at once, with Retry-After, instead of queueing on the worker
  threads that ``/health``, the UI and every other route need; each query stops after
  ``server.sql_seconds``.
- No response is larger than ``server.max_response_bytes``: ``/sql`` counts the bytes of
  its rows as it fetches them and stops with a clear error past the cap (400: ask for fewer
  rows or columns); any other route too large is refused with 500 naming the setting.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..config import ServerOptions
from .errors import ApiError

__all__ = ["Limits", "too_large"]


def too_large(limit: int, advice: str) -> str:
    return f"The response would be over {limit} bytes (server.max_response_bytes). {advice}"


@dataclass
class Limits:
    sql_slots: int = 2
    sql_seconds: float = 10.0
    max_response_bytes: int = 50_000_000
    _free: threading.BoundedSemaphore = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._free = threading.BoundedSemaphore(self.sql_slots)

    @classmethod
    def of(cls, options: ServerOptions) -> Limits:
        return cls(options.sql_slots, options.sql_seconds, options.max_response_bytes)

    @contextmanager
    def sql_slot(self) -> Iterator[None]:
        """A slot for one user query, or 429 now if all are taken."""
        if not self._free.acquire(blocking=False):
            raise ApiError(429, "too_many_queries", f"All {self.sql_slots} SQL slots are busy (server.sql_slots)."
                           " Retry in a few seconds, or wait for your other queries.", {"retry-after": "2"})
        try:
            yield
        finally:
            self._free.release()
