"""Bulk reads and writes of the fusion tables (through the Store's DuckDB connection)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pyarrow as pa

from ..store import Store

__all__ = ["insert", "id_table", "rows_for"]

_names = itertools.count()


def insert(store: Store, table: str, rows: Sequence[dict[str, Any]], conflict: str = "") -> int:
    """Insert dict rows in one statement (an Arrow table registered for the insert)."""
    if not rows:
        return 0
    cols = list(rows[0])
    data = pa.table({c: pa.array([r[c] for r in rows]) for c in cols})
    name = f"_ng_fuse_{next(_names)}"
    store.con.register(name, data)
    try:
        quoted = ", ".join(f'"{c}"' for c in cols)
        store.con.execute(f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM {name} {conflict}")
    finally:
        store.con.unregister(name)
    return len(rows)


@contextmanager
def id_table(store: Store, ids: Iterable[str]) -> Iterator[str]:
    """A registered one-column table ``id`` to join against; yields its name."""
    name = f"_ng_ids_{next(_names)}"
    store.con.register(name, pa.table({"id": pa.array(sorted(set(ids)), type=pa.string())}))
    try:
        yield name
    finally:
        store.con.unregister(name)


def rows_for(store: Store, sql: str, ids: Iterable[str]) -> list[dict[str, Any]]:
    """Run ``sql`` with ``{ids}`` replaced by a table of ``ids``."""
    with id_table(store, ids) as name:
        return store.query(sql.replace("{ids}", name))
