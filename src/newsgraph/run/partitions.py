"""Split input files into partitions that a worker reads by itself.

A partition is a list of pieces: a whole file (text, HTML, CSV, WARC: read by the ordinary
reader), a byte range of a JSON Lines file starting at a known line number, or a range of row
groups of a Parquet file starting at a known row number (so a worker reports the same
``path:line`` / ``path:row`` as a local run). Files are expanded exactly as a local run
reads them (directories recursively, sorted, hidden files skipped), so the records are the same.
The partition name holds a digest of its pieces, the files' sizes and times, and the analysis
settings: a re-run recognises (and skips) partitions already written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from ..errors import ConfigError
from ..ingest import ReadOptions, read_path, sniff
from ..ingest.jsonl import parse_line
from ..records import Article, Failure

__all__ = ["Partition", "Piece", "plan", "read_partition_input"]


@dataclass(frozen=True)
class Piece:
    path: str
    fmt: str
    start: int = 0  # byte offsets (JSON Lines), row groups (Parquet); end < 0 = to the end of the file
    end: int = -1
    first_line: int = 1
    weight: int = 1  # articles expected, to size partitions


@dataclass(frozen=True)
class Partition:
    index: int
    pieces: tuple[Piece, ...]
    digest: str

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}-{self.digest}"


def _files(item: str | Path) -> Iterator[Path]:
    path = Path(item)
    if str(item) == "-":
        raise ConfigError("E202", key="inputs", value="-", reason="standard input cannot be partitioned; use a file")
    if path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    else:
        yield path


def _format(path: Path, options: ReadOptions) -> str:
    if options.input_format:
        return options.input_format
    try:
        with path.open("rb") as fh:
            return sniff(path, fh.read(4096))
    except OSError:
        return "text"  # the reader reports the unreadable file as a Failure


def _jsonl_pieces(path: Path, size: int) -> Iterator[Piece]:
    """Byte ranges of ``size`` lines each (one streaming pass over the file)."""
    start, first, count, pos = 0, 1, 0, 0
    with path.open("rb") as fh:
        for count, raw in enumerate(fh, start=1):
            pos += len(raw)
            if count - first + 1 >= size:
                yield Piece(str(path), "jsonl", start, pos, first, count - first + 1)
                start, first = pos, count + 1
    if count >= first:
        yield Piece(str(path), "jsonl", start, pos, first, count - first + 1)


def _parquet_pieces(path: Path, size: int) -> Iterator[Piece]:
    """Runs of whole row groups of about ``size`` rows (from the footer; no data is read)."""
    from ..ingest.parquetfile import open_file

    parquet = open_file(path, ReadOptions())
    if isinstance(parquet, Failure):  # the reader reports it, from a whole-file piece
        yield Piece(str(path), "parquet", weight=1)
        return
    with contextlib.closing(parquet):
        rows = [parquet.metadata.row_group(g).num_rows for g in range(parquet.num_row_groups)]
        usable = "text" in parquet.schema_arrow.names
    if not usable or not rows:  # nothing to split: the reader reports what is wrong, once
        yield Piece(str(path), "parquet", weight=1)
        return
    start, first, count = 0, 1, 0
    for group, n in enumerate(rows):
        count += n
        if count >= size or group == len(rows) - 1:
            yield Piece(str(path), "parquet", start, group + 1, first, count)
            start, first, count = group + 1, first + count, 0


def _pieces(inputs: Iterable[str | Path], options: ReadOptions, size: int) -> Iterator[Piece]:
    for item in inputs:
        for path in _files(item):
            fmt = _format(path, options)
            if fmt == "jsonl" and path.is_file():
                yield from _jsonl_pieces(path, size)
            elif fmt == "parquet" and path.is_file():
                yield from _parquet_pieces(path, size)
            else:
                yield Piece(str(path), fmt, weight=1 if fmt in ("text", "html", "timeml") else size)


def _stamp(piece: Piece) -> list:
    try:
        stat = Path(piece.path).stat()
        return [asdict(piece), stat.st_size, stat.st_mtime_ns]
    except OSError:
        return [asdict(piece), None, None]


def plan(inputs: Iterable[str | Path], options: ReadOptions, settings: dict, size: int = 256) -> list[Partition]:
    """Group pieces, in input order, into partitions of about ``size`` articles."""
    groups: list[list[Piece]] = [[]]
    weight = 0
    for piece in _pieces(inputs, options, size):
        if groups[-1] and weight + piece.weight > size:
            groups.append([])
            weight = 0
        groups[-1].append(piece)
        weight += piece.weight
    partitions = []
    for index, group in enumerate(g for g in groups if g):
        blob = json.dumps([[_stamp(p) for p in group], asdict(options), settings], sort_keys=True, default=str)
        partitions.append(Partition(index, tuple(group), hashlib.sha1(blob.encode()).hexdigest()[:10]))
    return partitions


def _read_jsonl_range(piece: Piece, options: ReadOptions) -> Iterator[Article | Failure]:
    from ..ingest import origin

    path = Path(piece.path)
    with path.open("rb") as fh:
        fh.seek(piece.start)
        number, pos = piece.first_line, piece.start
        while pos < piece.end:
            raw = fh.readline()
            if not raw:
                break
            pos += len(raw)
            if raw.strip():
                yield parse_line(raw, number, path, options, origin(path, options, f":{number}"))
            number += 1


def read_partition_input(partition: Partition, options: ReadOptions) -> Iterator[Article | Failure]:
    """What a local run reads from these pieces, in the same order, with the same origins."""
    for piece in partition.pieces:
        if piece.fmt == "jsonl" and piece.end >= 0:
            yield from _read_jsonl_range(piece, options)
        elif piece.fmt == "parquet" and piece.end >= 0:
            from ..ingest.parquetfile import read_groups

            yield from read_groups(Path(piece.path), options, range(piece.start, piece.end), piece.first_line)
        else:
            forced = replace(options, input_format=piece.fmt)  # the expansion caps travel too
            yield from read_path(piece.path, forced)
