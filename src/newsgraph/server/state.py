"""The server's hold on one open Store: a cursor per request, one lock for writes, and the
derived tables (see :mod:`.cache`) rebuilt after each write.

DuckDB connections are not shared across threads: every request gets ``store.con.cursor()``.
External file access is switched off for the whole database instance at start-up, so no SQL
(user SQL included) can read or write files other than the database itself.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import duckdb

from ..config import Config, Shown
from ..errors import StoreError
from ..store import Store
from . import cache
from .limits import Limits

__all__ = ["ServerState", "rows"]


def rows(cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Run ``sql`` on a cursor and return rows as dicts."""
    try:
        result = cur.execute(sql, list(params))
    except duckdb.Error as exc:
        raise StoreError("E304", reason=exc) from exc
    names = [d[0] for d in result.description] if result.description else []
    return [dict(zip(names, row)) for row in result.fetchall()]


@dataclass
class ServerState:
    store: Store
    config: Config | None = None
    cache_size: int = 512
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    generation: int = 0
    _responses: OrderedDict = field(default_factory=OrderedDict)
    _responses_lock: threading.Lock = field(default_factory=threading.Lock)
    _write_in_progress: bool = False
    limits: Limits = field(default_factory=Limits)  # user SQL slots, response bytes (see limits.py)

    def __post_init__(self) -> None:
        con = self.store.con
        con.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {cache.SCHEMA}")
        if not con.execute("SELECT current_setting('lock_configuration')").fetchone()[0]:
            con.execute("SET enable_external_access = false")
            con.execute("SET python_enable_replacements = false")  # no Python variables as tables
            con.execute("SET lock_configuration = true")
        if con.execute("SELECT current_setting('enable_external_access')").fetchone()[0]:
            raise StoreError("E301", path=self.store.path, reason="its configuration is locked with file access on")
        self.refresh()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self.store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def refresh(self) -> None:
        """Rebuild the derived tables (after a write); cached responses are dropped."""
        with self.cursor() as cur:
            cache.build(cur, Shown(self.config.claims.min_confidence if self.config else 0.0,
                                   (self.config or Config()).events.min_confidence))
        self._forget(writing=False)

    def _forget(self, writing: bool) -> None:
        """Drop remembered responses; while a write runs, remember none (reads stay fresh)."""
        with self._responses_lock:
            self.generation += 1
            self._responses.clear()
            self._write_in_progress = writing

    def remembered(self, key: str, compute: Callable[[], bytes]) -> bytes:
        """A response body computed once per database generation (LRU of ``cache_size``)."""
        with self._responses_lock:
            generation = self.generation
            if key in self._responses:
                self._responses.move_to_end(key)
                return self._responses[key]
        body = compute()
        with self._responses_lock:
            if generation == self.generation and self.cache_size > 0 and not self._write_in_progress:
                self._responses[key] = body
                while len(self._responses) > self.cache_size:
                    self._responses.popitem(last=False)
        return body

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """Exclusive use of the Store's own connection; derived tables are rebuilt after."""
        with self.write_lock:
            self._forget(writing=True)
            try:
                yield self.store
            finally:
                self.refresh()
