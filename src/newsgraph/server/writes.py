"""The two endpoints that run more than a canned query: adding articles, and user SQL."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import threading
import uuid
from typing import Any

import duckdb

from .. import api
from ..errors import StoreError
from ..records import Article
from ..store.db import check_read_only
from .errors import ApiError
from .models import AnalyzeRequest, SqlRequest
from .paging import encode, offset_of
from .state import ServerState

__all__ = ["add_articles", "run_sql", "SQL_TIMEOUT"]

SQL_TIMEOUT = 10.0


def _article(item: Any) -> Article:
    return Article(id=item.id or Article.make_id(item.source, item.url, item.text), text=item.text,
                   date=item.date, date_source="field" if item.date else "none", title=item.title,
                   url=item.url, source=item.source, origin="http")


def add_articles(st: ServerState, body: AnalyzeRequest) -> dict[str, Any]:
    """Analyse through the server's open Store (the only process that may write the file)."""
    articles = [_article(item) for item in body.articles]
    with st.writing() as store:
        summary = api.analyze(articles, db=store, config=st.config)
    return {**summary.as_dict(), "ids": [a.id for a in articles]}


def _read_only(sql: str) -> None:
    try:
        check_read_only(sql)
    except StoreError as exc:
        raise ApiError(400, exc.code, str(exc)) from exc


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | dt.timedelta):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _fetch(cur: duckdb.DuckDBPyConnection, sql: str, offset: int, limit: int) -> tuple[list[str], list[tuple]]:
    result = cur.execute(sql)
    names = [d[0] for d in result.description]
    while offset > 0:
        chunk = result.fetchmany(min(offset, 10_000))
        if not chunk:
            break
        offset -= len(chunk)
    return names, result.fetchmany(limit + 1)


def run_sql(st: ServerState, body: SqlRequest) -> dict[str, Any]:
    """One SELECT on a request cursor; the instance has external access disabled."""
    _read_only(body.sql)
    offset = offset_of(body.cursor)
    with st.cursor() as cur:
        timer = threading.Timer(SQL_TIMEOUT, cur.interrupt)
        timer.start()
        try:
            names, found = _fetch(cur, body.sql, offset, body.limit)
        except duckdb.InterruptException as exc:
            raise ApiError(400, "E304", f"[E304] Query failed: it ran over {SQL_TIMEOUT:.0f} s. Narrow it.") from exc
        except duckdb.Error as exc:
            raise ApiError(400, "E304", f"[E304] Query failed: {exc}.") from exc
        finally:
            timer.cancel()
    more = len(found) > body.limit
    items = [dict(zip(names, map(_plain, row))) for row in found[: body.limit]]
    return {"columns": names, "items": items, "next": encode({"offset": offset + body.limit}) if more else None}
