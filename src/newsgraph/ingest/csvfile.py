"""CSV with a header row naming ``text`` (required) and optional ``id, date, title, url, source``."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import message
from ..records import Article, Failure
from . import ReadOptions, decode, origin, read_bytes, record_to_article

csv.field_size_limit(sys.maxsize)


def sniff(path: Path, head: bytes) -> bool:
    return path.suffix.lower() in (".csv", ".tsv")


def read(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    where = origin(path, options)
    data = read_bytes(path, where)
    if isinstance(data, Failure):
        yield data
        return
    raw = decode(data, where)
    if isinstance(raw, Failure):
        yield raw
        return
    dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
    rows = csv.DictReader(io.StringIO(raw, newline=""), dialect=dialect)
    try:
        columns = rows.fieldnames or []
    except csv.Error as exc:
        yield Failure(where, "E106", message("E106", path=where, columns=f"unreadable header: {exc}"))
        return
    if "text" not in columns:
        yield Failure(where, "E106", message("E106", path=where, columns=", ".join(columns) or "none"))
        return
    yield from _rows(rows, path, options)


def _rows(rows: csv.DictReader, path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            where = origin(path, options, f":{rows.line_num}")
            yield Failure(where, "E104", message("E104", path=origin(path, options), line=rows.line_num, reason=exc))
            return
        where = origin(path, options, f":{rows.line_num}")
        yield record_to_article(row, rows.line_num, path, options, where)
