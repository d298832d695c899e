"""WARC files: each HTML response record goes through the HTML reader; a truncated record is a
Failure naming the record, and reading that file stops there (what came before is kept).

Compression bombs: a ``.warc.gz`` is decompressed here, through a counter. One record's body
(after HTTP content decoding) may be at most ``max_record_bytes`` (that record is a Failure, the
next ones are read); the whole file may expand to ``max_file_bytes``, and no line (a header)
may run longer than ``max_record_bytes`` (reading that file stops with a Failure). Memory is
thus bounded by the record cap, whatever the file holds.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import message
from ..records import Article, Failure
from . import ReadOptions, describe, origin
from .htmlpage import page_to_article


class _Expanded(Exception):
    """The file expands past a cap: ``what``, ``limit``, ``setting`` for the message."""

    def __init__(self, what: str, limit: int, setting: str) -> None:
        super().__init__(what)
        self.what, self.limit, self.setting = what, limit, setting


class _Counted(io.RawIOBase):
    """The decompressed bytes of ``inner``, counted: past ``file_cap`` in all, or a run of
    ``line_cap`` bytes without a newline (a header warcio would read whole), it raises."""

    def __init__(self, inner: io.IOBase, file_cap: int, line_cap: int) -> None:
        self.inner, self.file_cap, self.line_cap = inner, file_cap, line_cap
        self.total = self.since_newline = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.inner.read(min(len(buffer), 1 << 16))
        n = len(data)
        buffer[:n] = data
        self.total += n
        last = data.rfind(b"\n")
        self.since_newline = n - last - 1 if last >= 0 else self.since_newline + n
        if self.total > self.file_cap:
            raise _Expanded("the file", self.file_cap, "ingest.max_file_bytes")
        if self.since_newline > self.line_cap:
            raise _Expanded("a line without end", self.line_cap, "ingest.max_record_bytes")
        return n


def sniff(path: Path, head: bytes) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz")) or head.startswith(b"WARC/")


def _opened(fh: io.BufferedReader, options: ReadOptions) -> io.BufferedReader:
    """The WARC's bytes, decompressed here if gzipped, through :class:`_Counted`."""
    gzipped = fh.peek(2)[:2] == b"\x1f\x8b"
    inner = gzip.GzipFile(fileobj=fh, mode="rb") if gzipped else fh
    return io.BufferedReader(_Counted(inner, options.max_file_bytes, options.max_record_bytes), 1 << 16)


def read(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    from warcio.archiveiterator import ArchiveIterator

    number = 0
    try:
        with path.open("rb") as fh:
            for number, record in enumerate(ArchiveIterator(_opened(fh, options)), start=1):
                if record.rec_type == "response" and _is_html(record):
                    yield _page(record, number, path, options)
    except _Expanded as exc:
        where = origin(path, options, f"#{number}")
        yield Failure(where, "E120", message("E120", path=where, what=exc.what, limit=exc.limit, setting=exc.setting))
    except Exception as exc:  # warcio raises ArchiveLoadFailed, EOFError, zlib errors...
        where = origin(path, options, f"#{number}")
        yield Failure(where, "E108", message("E108", path=origin(path, options), line=number, reason=describe(exc)))


def _page(record, number: int, path: Path, options: ReadOptions) -> Article | Failure:
    """One HTML response record, its body read up to the record cap."""
    where = origin(path, options, f"#{number}")
    body = record.content_stream().read(options.max_record_bytes + 1)
    if len(body) > options.max_record_bytes:
        return Failure(where, "E120", message("E120", path=where, what=f"record {number}",
                                              limit=options.max_record_bytes, setting="ingest.max_record_bytes"))
    if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than Content-Length
        raise EOFError(f"record ends {record.raw_stream.limit} bytes early")
    return page_to_article(body, path, options, where, record.rec_headers.get_header("WARC-Target-URI"))


def _is_html(record) -> bool:
    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
    return "html" in ctype.lower()
