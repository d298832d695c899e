"""Apache Parquet: one row per article, the JSON Lines columns (``text`` required; optional
``id, date, title, url, source``; other columns are ignored).

Read with pyarrow in record batches of at most ``BATCH_ROWS`` rows, row group by row group, so
memory is bounded whatever the file's size. Rows are numbered from 1 in file order and a bad
row is a Failure naming the file and that row (``path:row``), as a JSON line is; a file pyarrow
cannot open or decode is one Failure (E115). :func:`read_groups` reads a range of row groups,
for a Dask partition of a large file (see run/partitions.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import message
from ..records import Article, Failure
from . import ReadOptions, origin, record_to_article

BATCH_ROWS = 1024
_COLUMNS = ("id", "date", "title", "text", "url", "source")


#: names that say another format: their own reader takes them, whatever their first bytes
_NAMED_OTHERWISE = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".html", ".htm", ".xhtml", ".tml", ".warc", ".txt")


def sniff(path: Path, head: bytes) -> bool:
    suffix = path.suffix.lower()
    return suffix in (".parquet", ".pq") or (head.startswith(b"PAR1") and suffix not in _NAMED_OTHERWISE)


def read(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    yield from read_groups(path, options)


def open_file(path: Path, options: ReadOptions) -> pq.ParquetFile | Failure:
    """The file's reader (footer and schema read), or a Failure naming the file."""
    where = origin(path, options)
    try:
        return pq.ParquetFile(path)
    except OSError as exc:
        if isinstance(exc, pa.ArrowException):  # pyarrow's own errors subclass OSError too
            return Failure(where, "E115", message("E115", path=where, reason=exc))
        return Failure(where, "E101", message("E101", path=where, reason=exc.strerror or exc))
    except (pa.ArrowException, ValueError) as exc:
        return Failure(where, "E115", message("E115", path=where, reason=exc))


def read_groups(path: Path, options: ReadOptions, groups: range | None = None,
                first_row: int = 1) -> Iterator[Article | Failure]:
    """Rows of the row groups ``groups`` (all by default); ``first_row`` is the first one's number."""
    parquet = open_file(path, options)
    if isinstance(parquet, Failure):
        yield parquet
        return
    try:
        yield from _rows(parquet, path, options, groups, first_row)
    finally:
        parquet.close()


def _expanded_bytes(parquet: pq.ParquetFile, groups: range, columns: list[str]) -> int:
    """What the row groups' ``columns`` expand to, as the file's footer declares it."""
    meta = parquet.metadata
    index = {meta.schema.column(i).path: i for i in range(meta.num_columns)}
    return sum(meta.row_group(g).column(index[c]).total_uncompressed_size for g in groups for c in columns if c in index)


def _rows(parquet: pq.ParquetFile, path: Path, options: ReadOptions, groups: range | None,
          number: int) -> Iterator[Article | Failure]:
    names = parquet.schema_arrow.names
    if "text" not in names:
        where = origin(path, options)
        yield Failure(where, "E116", message("E116", path=where, columns=", ".join(names) or "none"))
        return
    groups = range(parquet.num_row_groups) if groups is None else groups
    wanted = [c for c in _COLUMNS if c in names]
    expanded = _expanded_bytes(parquet, groups, wanted)
    if expanded > options.max_file_bytes:
        where = origin(path, options)
        yield Failure(where, "E120", message("E120", path=where, what=f"the file ({expanded} bytes of columns)",
                                             limit=options.max_file_bytes, setting="ingest.max_file_bytes"))
        return
    batches = parquet.iter_batches(BATCH_ROWS, row_groups=list(groups), columns=wanted)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except (OSError, pa.ArrowException, ValueError) as exc:  # a damaged page: report and stop
            where = origin(path, options, f":{number}")
            yield Failure(where, "E115", message("E115", path=where, reason=exc))
            return
        for row in batch.to_pylist():
            yield record_to_article(row, number, path, options, origin(path, options, f":{number}"))
            number += 1
