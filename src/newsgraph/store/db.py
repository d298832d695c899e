"""The Store: open (and migrate) a DuckDB file, write analysed batches, run read-only SQL."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError, StoreLockedError
from ..records import AnalyzedArticle, Article, Failure, RECORD_TYPES
from .tables import TABLES, Packed, columns, rows_of

__all__ = ["SCHEMA_VERSION", "Store", "WriteResult", "check_read_only", "open_store"]

#: What user SQL may be: one statement that reads (SELECT, WITH ... SELECT, FROM ..., DESCRIBE,
#: SHOW, SUMMARIZE are all SELECT to DuckDB's parser; EXPLAIN shows a plan). PRAGMA and SET
#: change the connection, so they are refused; file access is off on every user connection.
_READ_ONLY_TYPES = (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN)


def check_read_only(sql: str) -> str:
    """The one guard of user SQL (CLI ``sql``, ``Store.sql``, the server's ``/sql``): exactly
    one statement, and one that only reads; else :class:`StoreError` E305 (E304 if unparsable).
    Returns that statement's text as DuckDB's parser gives it."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise StoreError("E304", reason=exc) from exc
    if len(statements) != 1 or statements[0].type not in _READ_ONLY_TYPES:
        raise StoreError("E305", head=sql.strip()[:40])
    return statements[0].query


log = logging.getLogger(__name__)


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("newsgraph.store").joinpath("migrations")
    found = []
    for item in folder.iterdir():
        if item.name.endswith(".sql"):
            found.append((int(item.name.split("_", 1)[0]), item.read_text("utf-8")))
    return sorted(found)


SCHEMA_VERSION = _migrations()[-1][0]


@dataclass
class WriteResult:
    articles: int = 0
    duplicates: int = 0
    replaced: int = 0
    records: int = 0
    failures: int = 0


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def _marker(path: Path) -> tuple[Path, dict | None]:
    """The ``<db>.server`` marker a running ``newsgraph serve`` writes, and what it says."""
    marker = path.with_name(path.name + ".server")
    try:
        info = json.loads(marker.read_text("utf-8"))
    except (OSError, ValueError):
        return marker, None
    return marker, info if isinstance(info, dict) else None


def _drop_stale_marker(path: Path) -> str:
    """Remove a marker whose server process is gone (killed, or a crash); says so, or ""."""
    marker, info = _marker(path)
    if info is None or _alive(info.get("pid")):
        return ""
    try:
        marker.unlink()
    except OSError:
        return ""
    return f"{marker} named a server (pid {info.get('pid')}) that is gone: a stale marker, removed"


def _server_hint(path: Path) -> str:
    stale = _drop_stale_marker(path)
    if stale:
        return f" (not newsgraph serve: {stale})"
    _, info = _marker(path)
    if info is None or "url" not in info:
        return ""
    return f" (newsgraph serve at {info['url']}, pid {info.get('pid')})"


def open_store(path: str | Path, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)


class Store:
    """One DuckDB file. Writers: one process (see ARCHITECTURE.md); readers open read-only."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists() and str(path) != ":memory:":
            raise StoreError("E301", path=self.path, reason="no such file; run `newsgraph analyze` first")
        self.con = self._connect()
        if not read_only:
            self._migrate()
            if stale := _drop_stale_marker(self.path):
                log.warning(stale)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            # readers get no file access beyond the database itself (user SQL cannot read files)
            config = {"enable_external_access": False} if self.read_only else {}
            return duckdb.connect(str(self.path), read_only=self.read_only, config=config)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError("E302", path=self.path, holder=_server_hint(self.path)) from exc
            raise StoreError("E301", path=self.path, reason=exc) from exc
        except duckdb.Error as exc:
            raise StoreError("E301", path=self.path, reason=exc) from exc

    # -- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def reconnect(self) -> None:
        """Close the connection and open a new one to the same file (between transactions).

        An open DuckDB connection keeps memory for what it has written (about 11 MB per 1,000
        articles here), which closing returns; a long ``analyze`` reconnects every
        ``api.CHECKPOINT_EVERY`` articles so that this does not accumulate."""
        if str(self.path) == ":memory:":
            return  # the database lives in the connection
        self.con.close()
        self.con = self._connect()

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file now. DuckDB also tries at close, but
        says nothing if it fails; this raises StoreError E312 (a full disk, say). Nothing is lost
        then: the log is replayed at the next open."""
        if self.read_only or str(self.path) == ":memory:":
            return
        try:
            self._checkpoint_now()
        except (duckdb.Error, OSError) as exc:
            raise StoreError("E312", path=self.path, reason=exc) from exc

    def _checkpoint_now(self) -> None:
        self.con.execute("CHECKPOINT")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        try:
            return self.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0
        except duckdb.CatalogException:
            return 0

    def _migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                         " applied_at TIMESTAMP DEFAULT current_timestamp)")
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError("E303", path=self.path, found=current, known=SCHEMA_VERSION)
        applied = {row[0] for row in self.con.execute("SELECT version FROM schema_version").fetchall()}
        for version, sql in _migrations():
            if version not in applied:  # every missing one, in order
                self.con.execute("BEGIN TRANSACTION")
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
                self.con.execute("COMMIT")

    # -- writes ------------------------------------------------------------------------------
    def status(self, article: Article) -> str:
        """``new``, ``same`` (already stored with this text) or ``changed`` (a correction)."""
        row = self.con.execute("SELECT text_hash FROM articles WHERE id = ?", [article.id]).fetchone()
        if row is None:
            return "new"
        return "same" if row[0] == article.text_hash else "changed"

    def analysed_as_is(self, versions: dict[str, str], ids: Sequence[str] | None = None) -> dict[str, str]:
        """``{id: text_hash}`` of stored articles analysed by exactly these extractor versions
        (all of them, or those of ``ids``). An input article whose id and text hash are here
        needs no analysis: the one skip rule of local, pool and Dask runs."""
        if ids is not None and not ids:
            return {}
        wanted = sorted(f"{name}={version}" for name, version in versions.items())
        where = "WHERE a.id IN (SELECT unnest(?::VARCHAR[]))" if ids is not None else ""
        sql = (f"SELECT a.id, a.text_hash FROM articles a JOIN analyses v ON v.article_id = a.id {where}"
               " GROUP BY a.id, a.text_hash HAVING list_sort(list(v.extractor || '=' || v.version)) = ?")
        params = [list(ids), wanted] if ids is not None else [wanted]
        return dict(self.con.execute(sql, params).fetchall())

    def write_batch(self, items: Sequence[AnalyzedArticle | Packed | Failure]) -> WriteResult:
        """Store a batch in one transaction: all of it, or (on error) none of it.

        Items may be :class:`~.tables.Packed` (records already rows, from a pool worker)."""
        if self.read_only:
            raise StoreError("E310", path=self.path)
        result = WriteResult()
        try:
            self.con.execute("BEGIN TRANSACTION")
            stored = self._text_hashes([item.article.id for item in items if not isinstance(item, Failure)])
            new: list[Article] = []  # articles to insert, in order (one INSERT, see _insert_articles)
            pending: dict[str, AnalyzedArticle | Packed] = {}  # rows are inserted once per table per batch
            for item in items:
                if isinstance(item, Failure):
                    self._write_failure(item)
                    result.failures += 1
                else:
                    self._write_article(item, stored, new, result)
                    pending[item.article.id] = item  # a later version of the same id wins
            self._insert_articles(new)
            self._insert_pending(list(pending.values()))
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError("E306", path=self.path, reason=exc) from exc
        return result

    def write_failures(self, failures: Iterable[Failure]) -> int:
        return self.write_batch(list(failures)).failures

    def _rollback(self) -> None:
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            pass

    def _write_failure(self, failure: Failure) -> None:
        self.con.execute("INSERT INTO failures (id, origin, code, message, article_id) VALUES (?, ?, ?, ?, ?)"
                         " ON CONFLICT (id) DO NOTHING",
                         [failure.id, failure.origin, failure.code, failure.message, failure.article_id])

    def _text_hashes(self, ids: list[str]) -> dict[str, str]:
        """``{id: text_hash}`` of the stored articles among ``ids`` (one query)."""
        if not ids:
            return {}
        return dict(self.con.execute("SELECT id, text_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                     [ids]).fetchall())

    def _write_article(self, analyzed: AnalyzedArticle | Packed, stored: dict[str, str], new: list[Article],
                       result: WriteResult) -> None:
        """``stored``: text hashes as :meth:`status` would see them, kept up to date; the article
        goes to ``new`` unless stored with this text (a correction first deletes the old one)."""
        article = analyzed.article
        known = stored.get(article.id)
        state = "new" if known is None else "same" if known == article.text_hash else "changed"
        if state == "changed":
            self._insert_articles(new)  # in order: what came before is stored before the delete
            new.clear()
            self.delete_article(article.id)
            result.replaced += 1
        if state != "same":
            new.append(article)
            stored[article.id] = article.text_hash
            result.articles += 1
        for failure in analyzed.failures:
            self._write_failure(failure)
            result.failures += 1
        if state != "new":  # a new article has no rows yet
            self._delete_rows(article.id, [name for name, _ in analyzed.extractors])
        result.records += analyzed.n_records if isinstance(analyzed, Packed) else len(analyzed.records)

    def _insert_articles(self, articles: list[Article]) -> None:
        """Insert articles in one statement, each with ``copy_of``: the first article (by
        ingestion time, then id) with the same text, among those stored and those before it in
        ``articles``, which is what inserting them one by one gives (the rows of a transaction
        share its ingestion time, ``current_timestamp``)."""
        if not articles:
            return
        now = self.con.execute("SELECT CAST(current_timestamp AS TIMESTAMP)").fetchone()[0]
        first: dict[str, tuple[Any, str]] = {}
        for text_hash, at, article_id in self.con.execute(
                "SELECT text_hash, ingested_at, id FROM articles WHERE text_hash IN (SELECT unnest(?::VARCHAR[]))"
                " ORDER BY ingested_at, id", [sorted({a.text_hash for a in articles})]).fetchall():
            first.setdefault(text_hash, (at, article_id))
        rows = []
        for a in articles:
            earliest = first.get(a.text_hash)
            rows.append([a.id, a.text, a.text_hash, a.date, a.day, a.date_source, a.title, a.url, a.source,
                         a.origin, earliest[1] if earliest else None])
            first[a.text_hash] = min(earliest or (now, a.id), (now, a.id))
        self._insert_arrow("articles", ["id", "text", "text_hash", "date", "day", "date_source", "title", "url",
                                        "source", "origin", "copy_of"], rows, "INSERT", "",
                           select={"day": "TRY_CAST(day AS DATE)"})

    def _delete_rows(self, article_id: str, extractors: list[str]) -> None:
        """Rows of the extractors that ran are replaced: a newer version never duplicates."""
        if not extractors:
            return
        marks = ", ".join("?" * len(extractors))
        for table in TABLES.values():
            self.con.execute(f"DELETE FROM {table} WHERE article_id = ? AND extractor IN ({marks})",
                             [article_id, *extractors])

    def _insert_pending(self, analysed: list[AnalyzedArticle | Packed]) -> None:
        """The batch's records, one INSERT per table, and which extractor versions made them."""
        by_kind: dict[str, dict[str, list]] = {}
        for item in analysed:
            for kind, record_id, row in rows_of(item):
                by_kind.setdefault(kind, {})[record_id] = row  # identical records (same id) stored once
        for kind, rows in by_kind.items():
            cols = columns(RECORD_TYPES[kind])
            self._insert_arrow(TABLES[kind], cols, list(rows.values()), "INSERT", " ON CONFLICT (id) DO NOTHING")
        ran = [[item.article.id, name, version] for item in analysed for name, version in item.extractors]
        if ran:
            self._insert_arrow("analyses", ["article_id", "extractor", "version"], ran, "INSERT OR REPLACE", "")

    def _insert_arrow(self, table: str, cols: list[str], rows: list[list], verb: str, tail: str,
                      select: dict[str, str] | None = None) -> None:
        """Insert ``rows`` in one statement; ``select``: an expression for some columns."""
        data = list(zip(*rows))
        batch = pa.table({name: pa.array(list(values)) for name, values in zip(cols, data)})
        names = ", ".join(f'"{c}"' for c in cols)
        values = ", ".join((select or {}).get(c, f'"{c}"') for c in cols)
        self.con.register("_ng_batch", batch)
        try:
            self.con.execute(f"{verb} INTO {table} ({names}) SELECT {values} FROM _ng_batch{tail}")
        finally:
            self.con.unregister("_ng_batch")

    def delete_article(self, article_id: str) -> None:
        for table in (*TABLES.values(), "analyses"):
            self.con.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        self.con.execute("DELETE FROM articles WHERE id = ?", [article_id])

    # -- reads -------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run SQL and return rows as dicts (library use; see :meth:`sql` for user SQL)."""
        try:
            cur = self.con.execute(sql, list(params))
        except duckdb.Error as exc:
            raise StoreError("E304", reason=exc) from exc
        names = [d[0] for d in cur.description] if cur.description else []
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def sql(self, sql: str) -> list[dict[str, Any]]:
        """User SQL: read-only statements only, with file access disabled."""
        check_read_only(sql)
        return self.query(sql)
