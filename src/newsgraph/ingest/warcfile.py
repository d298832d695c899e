"""WARC files: each HTML response record goes through the HTML reader; a truncated record is a
Failure naming the record, and reading that file stops there (what came before is kept)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import message
from ..records import Article, Failure
from . import ReadOptions, origin
from .htmlpage import page_to_article


def sniff(path: Path, head: bytes) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz")) or head.startswith(b"WARC/")


def read(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    from warcio.archiveiterator import ArchiveIterator

    number = 0
    try:
        with path.open("rb") as fh:
            for number, record in enumerate(ArchiveIterator(fh), start=1):
                if record.rec_type != "response" or not _is_html(record):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read()
                if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than Content-Length
                    raise EOFError(f"record ends {record.raw_stream.limit} bytes early")
                yield page_to_article(body, path, options, origin(path, options, f"#{number}"), url)
    except Exception as exc:  # warcio raises ArchiveLoadFailed, EOFError, zlib errors...
        where = origin(path, options, f"#{number}")
        yield Failure(where, "E108", message("E108", path=origin(path, options), line=number, reason=exc))


def _is_html(record) -> bool:
    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
    return "html" in ctype.lower()
