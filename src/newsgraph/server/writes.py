"""The two endpoints that run more than a canned query: adding articles, and user SQL."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import threading
import uuid
from typing import Any

import duckdb
from fastapi import Response

from .. import api
from ..errors import StoreError
from ..records import Article
from ..store.db import check_read_only
from .errors import ApiError
from .limits import too_large
from .models import AnalyzeRequest, SqlRequest
from .paging import encode, offset_of
from .state import ServerState

__all__ = ["add_articles", "run_sql"]


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


def _read_only(sql: str) -> duckdb.Statement:
    """The one read-only statement of ``sql`` (the store's guard), or 400."""
    try:
        check_read_only(sql)
    except StoreError as exc:
        raise ApiError(400, exc.code, str(exc)) from exc
    return duckdb.extract_statements(sql)[0]


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


def _select(cur: duckdb.DuckDBPyConnection, query: str, n: int, offset: int) -> tuple[list[str], list[tuple]]:
    """Rows ``offset .. offset + n`` of a SELECT, through a relation (its LIMIT goes below the
    query's projection). A relation does not take a text ending in ``;`` and a comment: then
    the text before the last ``;``."""
    try:
        relation = cur.sql(query).limit(n, offset)
        return relation.columns, relation.fetchall()
    except duckdb.ParserException:
        if ";" not in query:
            raise
        relation = cur.sql(query[:query.rfind(";")]).limit(n, offset)
        return relation.columns, relation.fetchall()


_PROBE = 16  # rows of the first look at a query's rows, and per window when they are large


class _Page:
    """The rows of one ``/sql`` page as JSON, counted as they come: past ``max_bytes``, 400."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes, self.items, self.size = max_bytes, [], 0

    def window(self, cur: duckdb.DuckDBPyConnection, statement: duckdb.Statement, offset: int,
               n: int) -> tuple[list[str], bool]:
        """Add the query's rows ``offset .. offset + n``; (column names, whether more follow).
        LIMIT goes into the query: DuckDB makes rows a vector of 2,048 at a time, so 400 rows
        of 1 MB were 400 MB before the first could be counted; with LIMIT it makes ``n + 1``."""
        if statement.type == duckdb.StatementType.SELECT:
            names, rows = _select(cur, statement.query, n + 1, offset)
        else:  # EXPLAIN: a few rows of plan
            result = cur.execute(statement.query)
            names, rows = [d[0] for d in result.description], result.fetchall()[offset:offset + n + 1]
        for row in rows[:n]:
            self.items.append(json.dumps(dict(zip(names, map(_plain, row))), ensure_ascii=False,
                                         separators=(",", ":")).encode("utf-8"))
            self.size += len(self.items[-1]) + 1
            if self.size > self.max_bytes:
                raise ApiError(400, "response_too_large", too_large(
                    self.max_bytes, f"Ask for fewer rows (limit; {len(self.items) - 1} fit) or fewer, narrower columns."))
        return names, len(rows) > n


def _fetch(cur: duckdb.DuckDBPyConnection, statement: duckdb.Statement, offset: int, limit: int,
           max_bytes: int) -> tuple[list[str], list[bytes], bool]:
    """Column names, the page's rows as JSON, and whether more rows follow. A first look at
    ``_PROBE`` rows: if the page of rows that size fits well under ``max_bytes``, the page
    comes from one query (one consistent order); if not, ``_PROBE`` rows at a time, so memory
    stays near the cap whatever a row holds."""
    page = _Page(max_bytes)
    names, more = page.window(cur, statement, offset, min(limit, _PROBE))
    if not more or len(page.items) >= limit:
        return names, page.items, more
    if page.size * limit <= max_bytes * len(page.items) // 2:
        page = _Page(max_bytes)
        names, more = page.window(cur, statement, offset, limit)
        return names, page.items, more
    while more and len(page.items) < limit:
        names, more = page.window(cur, statement, offset + len(page.items), min(_PROBE, limit - len(page.items)))
    return names, page.items, more


def run_sql(st: ServerState, body: SqlRequest) -> Response:
    """One SELECT on a request cursor, in one of the server's SQL slots (429 when all are
    taken); the instance has external access disabled."""
    statement = _read_only(body.sql)
    offset = offset_of(body.cursor)
    limits = st.limits
    with limits.sql_slot(), st.cursor() as cur:
        timer = threading.Timer(limits.sql_seconds, cur.interrupt)
        timer.start()
        try:
            names, items, more = _fetch(cur, statement, offset, body.limit, limits.max_response_bytes)
        except duckdb.InterruptException as exc:
            raise ApiError(400, "E304", f"[E304] Query failed: it ran over {limits.sql_seconds:g} s"
                                        " (server.sql_seconds). Narrow it.") from exc
        except duckdb.Error as exc:
            raise ApiError(400, "E304", f"[E304] Query failed: {exc}.") from exc
        finally:
            timer.cancel()
    after = json.dumps(encode({"offset": offset + body.limit}) if more else None)
    data = b"".join([b'{"columns":', json.dumps(names, ensure_ascii=False).encode("utf-8"), b',"items":[',
                     b",".join(items), b'],"next":', after.encode("utf-8"), b"}"])
    return Response(data, media_type="application/json")
