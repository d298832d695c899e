"""Readers: paths in, a stream of Article (or Failure) out. One small module per format.

A reader module defines ``sniff(path, head) -> bool`` (does this file look like mine?) and
``read(path, options) -> Iterator[Article | Failure]``. Readers never raise for a bad article:
they yield a Failure naming the file and line, and go on; an error a reader did not foresee
ends that file with a Failure (E118), never the run.

``Article.text`` is the body exactly as read: for dated-text files everything after the header
(``date YYYY-MM-DD`` and optional ``source``/``title``/``url`` lines); for JSON Lines, CSV and
Parquet the ``text`` field; for TimeML the character data of ``<TEXT>``; for HTML and WARC
trafilatura's main text. UTF-8, no newline translation; offsets are code points into it.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from ..errors import InputError, message
from ..records import Article, Failure

__all__ = ["FORMATS", "ReadOptions", "lone_surrogate", "read_path", "read_paths", "unstorable"]

#: format name -> module; sniffing tries them in this order, "text" last (it takes anything):
#: Parquet first, as its magic number and name are surer than a look at text; CSV (known by
#: its name only) before JSON Lines (also known by a first "{"), so a .csv is never read as JSON.
FORMATS: dict[str, str] = {
    "parquet": "parquetfile",
    "timeml": "timeml",
    "csv": "csvfile",
    "jsonl": "jsonl",
    "warc": "warcfile",
    "html": "htmlpage",
    "text": "text",
}

_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ReadOptions:
    date: str | None = None  # --date: wins over everything the input says
    input_format: str | None = None  # --input-format: skip sniffing
    display_name: str | None = None  # name to report instead of the path (stdin)
    max_record_bytes: int = 50_000_000  # ingest.max_record_bytes: what one record may expand to
    max_file_bytes: int = 10_000_000_000  # ingest.max_file_bytes: what one compressed file may expand to


def reader(name: str) -> ModuleType:
    if name not in FORMATS:
        raise InputError("E110", name=name, available=", ".join(sorted(FORMATS)))
    return importlib.import_module(f"{__package__}.{FORMATS[name]}")


def sniff(path: Path, head: bytes) -> str:
    for name in FORMATS:
        if name != "text" and reader(name).sniff(path, head):
            return name
    return "text"


def date_from_filename(path: Path) -> str | None:
    match = _DATE_IN_NAME.search(path.name)
    return match.group(1) if match and _valid_day(match.group(1)) else None


def _valid_day(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def pick_date(options: ReadOptions, path: Path, own: str | None, own_source: str) -> tuple[str | None, str]:
    """The contract's order: --date, the input's own date, a date in the file name, none."""
    if options.date:
        return options.date, "cli"
    if own:
        return own, own_source
    from_name = date_from_filename(path)
    return (from_name, "filename") if from_name else (None, "none")


def origin(path: Path, options: ReadOptions, where: str = "") -> str:
    """``path[where]`` as text that encodes (a file name of non-UTF-8 bytes shows U+FFFD)."""
    return f"{encodable(str(options.display_name or path))}{where}"


def encodable(text: str) -> str:
    """``text`` with each lone surrogate (none encodes as UTF-8) shown as U+FFFD."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def lone_surrogate(fields: dict[str, object]) -> tuple[str, int] | None:
    """``(field, position)`` of the first lone surrogate in a text field (JSON's ``"\\ud800"``
    decodes to one; no UTF-8 encodes it, so no database stores it), or None."""
    for name, value in fields.items():
        found = _SURROGATE.search(value) if isinstance(value, str) else None
        if found:
            return name, found.start()
    return None


def unstorable(article: Article) -> Failure | None:
    """A Failure (E117) for an Article built elsewhere (the API) whose text cannot be stored."""
    found = lone_surrogate({k: getattr(article, k) for k in ("text", "id", "title", "url", "source", "date")})
    if found is None:
        return None
    where = encodable(article.origin or "article")
    return Failure(where, "E117", message("E117", path=where, line=encodable(article.id), field=found[0], pos=found[1]))


def read_path(path: str | Path, options: ReadOptions | None = None) -> Iterator[Article | Failure]:
    """Read one file (any format) or every file under a directory, recursively, sorted."""
    options = options or ReadOptions()
    if options.date and not _valid_day(options.date):
        raise InputError("E114", value=options.date)
    path = Path(path)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and not _skipped(p)):
            yield from read_path(child, options)
        return
    if path.exists() and not path.is_file():  # opening a FIFO with no writer waits forever
        where = origin(path, options)
        yield Failure(where, "E119", message("E119", path=where))
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        where = origin(path, options)
        yield Failure(where, "E101", message("E101", path=where, reason=exc.strerror or exc))
        return
    name = options.input_format or sniff(path, head)
    yield from _guarded(reader(name).read(path, options), path, options)


def _guarded(items: Iterator[Article | Failure], path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    """A reader's items; an error it did not foresee (a library's surprise, RecursionError,
    MemoryError) ends this file with a Failure naming it, and the run goes on."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - the boundary where one bad file must not stop a batch
        where = origin(path, options)
        yield Failure(where, "E118", message("E118", path=where, reason=describe(exc)))


def describe(exc: BaseException) -> str:
    """An exception as ``Type: message`` (some, like MemoryError, have an empty message)."""
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _skipped(path: Path) -> bool:
    """Hidden files and our own databases are not articles."""
    return path.name.startswith(".") or ".duckdb" in path.name


def read_paths(paths: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Article | Failure]:
    """Read many paths; ``-`` is standard input (spooled to a temporary file, then sniffed)."""
    options = options or ReadOptions()
    for item in paths:
        if str(item) == "-":
            yield from _read_stdin(options)
        else:
            yield from read_path(item, options)


def _read_stdin(options: ReadOptions) -> Iterator[Article | Failure]:
    data = sys.stdin.buffer.read()
    fd, tmp = tempfile.mkstemp(prefix="newsgraph-stdin-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        stdin_options = ReadOptions(options.date, options.input_format, "<stdin>")
        yield from read_path(tmp, stdin_options)
    finally:
        os.unlink(tmp)


def decode(data: bytes, where: str) -> str | Failure:
    """UTF-8 (a BOM is dropped), no newline translation; a Failure naming the byte if invalid."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Failure(where, "E102", message("E102", path=where, pos=exc.start))


def read_bytes(path: Path, where: str) -> bytes | Failure:
    try:
        return path.read_bytes()
    except OSError as exc:
        return Failure(where, "E101", message("E101", path=where, reason=exc.strerror or exc))


def parse_date(value: object) -> str | None:
    """An ISO 8601 date or datetime (time zone kept) as a string, or None if not one."""
    from datetime import date, datetime

    if value is None or value == "":
        return None
    text = str(value).strip()
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(text.replace("Z", "+00:00") if parse is datetime.fromisoformat else text)
            return text
        except ValueError:
            continue
    return None


def record_to_article(obj: dict, number: int, path: Path, options: ReadOptions, where: str) -> Article | Failure:
    """A JSONL/CSV record or Parquet row (``id, date, title, text, url, source``) to an Article."""
    text = obj.get("text")
    shown = origin(path, options)
    if not isinstance(text, str):
        return Failure(where, "E105", message("E105", path=shown, line=number))
    surrogate = lone_surrogate({k: obj.get(k) for k in ("text", "id", "title", "url", "source", "date")})
    if surrogate:
        return Failure(where, "E117", message("E117", path=shown, line=number, field=surrogate[0], pos=surrogate[1]))
    if not text.strip():
        return Failure(where, "E103", message("E103", path=where))
    own = None
    if obj.get("date") not in (None, ""):
        own = parse_date(obj["date"])
        if own is None:
            return Failure(where, "E112", message("E112", path=shown, line=number, value=obj["date"]))
    date, date_source = pick_date(options, path, own, "field")
    fields = {k: (str(obj[k]) if obj.get(k) not in (None, "") else None) for k in ("id", "title", "url", "source")}
    article_id = fields["id"] or Article.make_id(fields["source"], fields["url"], text)
    return Article(id=article_id, text=text, date=date, date_source=date_source, title=fields["title"],
                   url=fields["url"], source=fields["source"], origin=where)
