"""JSON Lines: one object per line with ``text`` (required) and optional
``id, date, title, url, source``. A bad line is a Failure naming the line; the rest go on
(a line nested too deeply for the parser, or holding a lone surrogate, included); a file with
no record at all is a Failure too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import message
from ..records import Article, Failure
from . import ReadOptions, origin, pick_date, record_to_article


def sniff(path: Path, head: bytes) -> bool:
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return True
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def read(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        where = origin(path, options)
        yield Failure(where, "E101", message("E101", path=where, reason=exc.strerror or exc))
        return
    records = 0
    with fh:
        for number, raw in enumerate(fh, start=1):
            where = origin(path, options, f":{number}")
            if not raw.strip():
                continue
            records += 1
            yield parse_line(raw, number, path, options, where)
    if not records:
        where = origin(path, options)
        yield Failure(where, "E103", message("E103", path=where))


def parse_line(raw: bytes, number: int, path: Path, options: ReadOptions, where: str) -> Article | Failure:
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return Failure(where, "E102", message("E102", path=where, pos=exc.start))
    except json.JSONDecodeError as exc:
        return Failure(where, "E104", message("E104", path=origin(path, options), line=number, reason=exc.msg))
    except RecursionError:
        return Failure(where, "E104", message("E104", path=origin(path, options), line=number,
                                               reason="nested too deeply"))
    if not isinstance(obj, dict):
        return Failure(where, "E104", message("E104", path=origin(path, options), line=number,
                                               reason="not a JSON object"))
    return record_to_article(obj, number, path, options, where)
