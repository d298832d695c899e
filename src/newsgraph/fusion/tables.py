"""Bulk reads and writes of the fusion tables (through the Store's DuckDB connection)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..store import Store

__all__ = ["insert", "insert_columns", "id_table", "linked", "rows_for", "tuples", "tuples_for"]

_names = itertools.count()


def insert(store: Store, table: str, rows: Sequence[dict[str, Any]], conflict: str = "") -> int:
    """Insert dict rows in one statement (an Arrow table registered for the insert)."""
    if not rows:
        return 0
    return insert_columns(store, table, {c: [r[c] for r in rows] for c in rows[0]}, conflict)


def insert_columns(store: Store, table: str, columns: dict[str, list[Any]], conflict: str = "") -> int:
    """Insert rows given column by column (equal-length lists) in one statement: what
    :func:`insert` does without building a dict per row."""
    n = len(next(iter(columns.values()))) if columns else 0
    if not n:
        return 0
    data = pa.table({c: pa.array(values) for c, values in columns.items()})
    name = f"_ng_fuse_{next(_names)}"
    store.con.register(name, data)
    try:
        quoted = ", ".join(f'"{c}"' for c in columns)
        store.con.execute(f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM {name} {conflict}")
    finally:
        store.con.unregister(name)
    return n


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


def tuples(store: Store, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
    """Rows as tuples, in the order of the SELECT list: what :meth:`Store.query` returns,
    without building a dict per row (fusion reads tens of thousands of links and items)."""
    try:
        return store.con.execute(sql, list(params)).fetchall()
    except duckdb.Error as exc:
        raise StoreError("E304", reason=exc) from exc


def tuples_for(store: Store, sql: str, ids: Iterable[str]) -> list[tuple]:
    """:func:`rows_for` with rows as tuples."""
    with id_table(store, ids) as name:
        return tuples(store, sql.replace("{ids}", name))


def linked(store: Store, table: str, a: str, b: str, seeds: Iterable[str]) -> set[str]:
    """``seeds`` and every id joined to them, however indirectly, by the pairs (``a``, ``b``) of
    ``table``: the connected components that hold the seeds, found without reading the rest."""
    found = set(seeds)
    frontier = found
    while frontier:
        step = tuples_for(store, f"SELECT l.{b} FROM {table} l JOIN {{ids}} i ON i.id = l.{a}"
                                 f" UNION SELECT l.{a} FROM {table} l JOIN {{ids}} i ON i.id = l.{b}", frontier)
        frontier = {x for (x,) in step} - found
        found |= frontier
    return found
