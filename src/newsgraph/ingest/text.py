"""Text files: dated text (``date YYYY-MM-DD`` header, optional ``source``/``title``/``url``
lines, the body possibly on the date's own line) and plain text (the whole file is the body).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import message
from ..records import Article, Failure
from . import ReadOptions, decode, origin, pick_date, read_bytes

_DATE = re.compile(r"\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?![\d-])")
_FIELD = re.compile(r"[ \t]*(source|title|url)[ \t]+([^\r\n]*)\r?\n")
_LEADING_WS = re.compile(r"\s*")


def sniff(path: Path, head: bytes) -> bool:
    return True


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """(header fields, body). Without a ``date`` header the whole text is the body."""
    match = _DATE.match(raw)
    if not match:
        return {}, raw
    fields = {"date": match.group(1)}
    pos = match.end()
    same_line = re.compile(r"[ \t]*(\S)").match(raw, pos)
    if not same_line:  # body on the following lines, after optional field lines
        newline = re.compile(r"[ \t]*\r?\n").match(raw, pos)
        pos = newline.end() if newline else pos
        while field := _FIELD.match(raw, pos):
            fields.setdefault(field.group(1), field.group(2).strip())
            pos = field.end()
    pos = _LEADING_WS.match(raw, pos).end()
    return fields, raw[pos:]


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
    fields, body = split_header(raw)
    if not body.strip():
        yield Failure(where, "E103", message("E103", path=where))
        return
    own = fields.get("date") if fields.get("date") and _is_day(fields["date"]) else None
    date, date_source = pick_date(options, path, own, "header")
    source, url = fields.get("source"), fields.get("url")
    yield Article(id=Article.make_id(source, url, body), text=body, date=date,
                  date_source=date_source, title=fields.get("title"), url=url,
                  source=source, origin=where)


def _is_day(value: str) -> bool:
    from . import _valid_day

    return _valid_day(value)
