"""Record tables as JSON Lines, CSV, Parquet (DuckDB's COPY) and SQLite (Python's sqlite3).

CSV is for spreadsheets, so a text cell that starts like a formula (``=``, ``+``, ``-``, ``@``,
tab, carriage return) is written with a leading ``'``: shown as text, never run.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ...errors import ExportError
from ...store import Store
from .atomic import writing_dir, writing_file
from ..safe import FORMULA_START

__all__ = ["EXPORTED", "write_csv", "write_jsonl", "write_parquet", "write_sqlite"]

#: tables exported, in this order (fusion internals such as signatures and keys are not)
EXPORTED = ("articles", "sentences", "mentions", "timexes", "actors", "places", "attributions", "claims",
            "events", "failures", "article_clusters", "threads", "thread_members")


def _present(store: Store, table: str | None) -> list[str]:
    have = {r["table_name"] for r in store.query("SELECT table_name FROM information_schema.tables")}
    if table:
        if table not in have or table not in EXPORTED:
            raise ExportError("E604", what="table", name=table, available=", ".join(t for t in EXPORTED if t in have))
        return [table]
    return [t for t in EXPORTED if t in have]


def _select(store: Store, table: str, plain_json: bool) -> str:
    cols = store.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
                       " ORDER BY ordinal_position", [table])
    parts = [f'CAST("{c["column_name"]}" AS VARCHAR) AS "{c["column_name"]}"'
             if plain_json and c["data_type"] == "JSON" else f'"{c["column_name"]}"' for c in cols]
    return f"SELECT {', '.join(parts)} FROM {table}"


def _json_columns(store: Store, table: str) -> set[str]:
    return {c["column_name"] for c in store.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND data_type = 'JSON'", [table])}


def _copy_jsonl(store: Store, table: str, path: Path) -> None:
    """Rows as JSON objects (JSON columns as nested values, dates as ISO strings)."""
    nested = _json_columns(store, table)
    cursor = store.con.execute(_select(store, table, plain_json=True))
    names = [d[0] for d in cursor.description]
    with path.open("w", encoding="utf-8") as fh:
        while rows := cursor.fetchmany(5000):
            for row in rows:
                obj = {n: (json.loads(v) if n in nested and isinstance(v, str) else v) for n, v in zip(names, row)}
                fh.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def _copy_arrow(store: Store, table: str, path: Path, fmt: str) -> None:
    """Stream record batches to Parquet or CSV (the store's connection has no file access)."""
    reader = store.con.sql(_select(store, table, plain_json=True)).to_arrow_reader(10_000)
    if fmt == "parquet":
        with pq.ParquetWriter(path, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
    else:
        schema = pa.schema([f.with_type(pa.string()) if _is_text(f.type) else f for f in reader.schema])
        with pacsv.CSVWriter(path, schema) as writer:
            for batch in reader:
                writer.write_batch(_no_formulas(batch, schema))


def _is_text(kind: pa.DataType) -> bool:
    return pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)


_FORMULA = "^([" + "".join("\\" + c if c in "-+" else c for c in FORMULA_START) + "])"


def _no_formulas(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    """Text columns with a ``'`` before any cell that a spreadsheet would read as a formula."""
    columns = [pc.replace_substring_regex(col.cast(pa.string()), pattern=_FORMULA, replacement="'\\1")
               if _is_text(col.type) else col for col in batch.columns]
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def _copy(store: Store, table: str, path: Path, fmt: str) -> None:
    if fmt == "jsonl":
        _copy_jsonl(store, table, path)
    else:
        _copy_arrow(store, table, path, fmt)


def _write(store: Store, out: Path, table: str | None, force: bool, fmt: str) -> Path:
    names = _present(store, table)
    if table:
        with writing_file(out, force) as tmp:
            _copy(store, names[0], tmp, fmt)
        return out
    with writing_dir(out, force) as tmp:
        for name in names:
            _copy(store, name, tmp / f"{name}.{fmt}", fmt)
    return out


def write_jsonl(store: Store, out: Path, table: str | None = None, force: bool = False) -> Path:
    return _write(store, out, table, force, "jsonl")


def write_csv(store: Store, out: Path, table: str | None = None, force: bool = False) -> Path:
    return _write(store, out, table, force, "csv")


def write_parquet(store: Store, out: Path, table: str | None = None, force: bool = False) -> Path:
    return _write(store, out, table, force, "parquet")


_SQLITE_TYPES = {"INTEGER": "INTEGER", "BIGINT": "INTEGER", "BOOLEAN": "INTEGER", "DOUBLE": "REAL", "FLOAT": "REAL"}


def _sqlite_table(store: Store, db: sqlite3.Connection, table: str) -> None:
    cols = store.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
                       " ORDER BY ordinal_position", [table])
    defs = [f'"{c["column_name"]}" {_SQLITE_TYPES.get(c["data_type"], "TEXT")}'
            + (" PRIMARY KEY" if c["column_name"] == "id" else "") for c in cols]
    db.execute(f'CREATE TABLE "{table}" ({", ".join(defs)})')
    names = [c["column_name"] for c in cols]
    cursor = store.con.execute(_select(store, table, plain_json=True))
    marks = ", ".join("?" * len(names))
    while rows := cursor.fetchmany(5000):
        db.executemany(f'INSERT INTO "{table}" VALUES ({marks})',
                       [[v if v is None or isinstance(v, int | float | str) else str(v) for v in row] for row in rows])
    if "article_id" in names:
        db.execute(f'CREATE INDEX "{table}_article_id" ON "{table}" (article_id)')


def write_sqlite(store: Store, out: Path, table: str | None = None, force: bool = False) -> Path:
    """One SQLite file with every table (JSON columns as text), for Datasette and sqlite3."""
    names = _present(store, table)
    with writing_file(out, force) as tmp:
        tmp.unlink()
        db = sqlite3.connect(tmp)
        try:
            for name in names:
                _sqlite_table(store, db, name)
            db.commit()
        finally:
            db.close()
    return out
