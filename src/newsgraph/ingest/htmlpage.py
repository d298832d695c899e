"""HTML pages: main text by trafilatura, publication date by htmldate (``html-meta``)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from ..errors import message
from ..records import Article, Failure
from . import ReadOptions, origin, pick_date, read_bytes

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def sniff(path: Path, head: bytes) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    lowered = head.lstrip()[:200].lower()
    return lowered.startswith(b"<!doctype html") or lowered.startswith(b"<html")


def read(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    where = origin(path, options)
    data = read_bytes(path, where)
    if isinstance(data, Failure):
        yield data
        return
    yield page_to_article(data, path, options, where, url=None)


def page_to_article(data: bytes, path: Path, options: ReadOptions, where: str, url: str | None) -> Article | Failure:
    """One HTML document to an Article (shared by the WARC reader)."""
    import trafilatura
    from htmldate import find_date

    html = data.decode("utf-8", errors="replace")
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
        meta = trafilatura.extract_metadata(html)
        found = find_date(html, original_date=True, extensive_search=False)
    except Exception as exc:  # trafilatura/lxml raise many types on broken pages
        return Failure(where, "E107", message("E107", path=where) + f" ({exc})")
    if not text or not text.strip():
        return Failure(where, "E107", message("E107", path=where))
    date, date_source = pick_date(options, path, found, "html-meta")
    title = meta.title if meta else None
    url = url or (meta.url if meta else None)
    source = meta.sitename if meta else None
    return Article(id=Article.make_id(source, url, text), text=text, date=date, date_source=date_source,
                   title=title, url=url, source=source, origin=where)
