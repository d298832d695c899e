"""Parquet shards: the analysed records of one partition, one file per record kind.

A partition ``part-00003-1a2b3c4d`` is written as ``<name>.<kind>.parquet`` files (``article``,
``failure`` and one per record kind that has rows; record columns are exactly the store's table
columns, see :mod:`newsgraph.store.tables`), then a manifest ``<name>.manifest.json`` listing
each shard with its row count and SHA-256. Every file is written to a temporary name, synced
and renamed, and the manifest comes last: a partition without a manifest does not exist, and
a shard whose bytes do not match its manifest is refused (E308) before anything is loaded.

DuckDB can query shards in place: ``SELECT * FROM read_parquet('shards/*.mention.parquet')``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import StoreError
from ..records import RECORD_TYPES, AnalyzedArticle, Article, Failure, Record
from ..store.tables import columns, record_of, row_of

__all__ = ["MANIFEST_SUFFIX", "Manifest", "manifests_in", "read_partition", "verify", "write_partition"]

MANIFEST_SUFFIX = ".manifest.json"
_ARTICLE_FIELDS = ("id", "text", "date", "date_source", "title", "url", "source", "origin")
_FAILURE_FIELDS = ("origin", "code", "message", "article_id")


@dataclass(frozen=True)
class Manifest:
    """A complete partition: where its manifest is and what it lists."""

    path: Path
    name: str
    shards: tuple[dict[str, Any], ...]  # {kind, file, rows, sha256}
    articles: int
    records: int
    skipped: int = 0  # articles read but not analysed: the database held them as is

    @property
    def folder(self) -> Path:
        return self.path.parent


# -- writing ---------------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(tmp: Path, final: Path) -> None:
    with tmp.open("rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, final)


def _write_atomic(final: Path, write) -> None:
    """``write(tmp_path)``, fsync, rename to ``final``; a failure leaves no file behind."""
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        _publish(tmp, final)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError("E311", path=final, reason=exc.strerror or exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _article_table(items: Sequence[AnalyzedArticle]) -> pa.Table:
    data = {name: [getattr(a.article, name) for a in items] for name in _ARTICLE_FIELDS}
    data["extractors"] = [json.dumps([list(pair) for pair in a.extractors]) for a in items]
    return pa.table({k: pa.array(v, type=pa.string()) for k, v in data.items()})


def _failure_table(items: Sequence[AnalyzedArticle | Failure]) -> pa.Table:
    rows: list[tuple[Failure, bool]] = []
    for item in items:
        if isinstance(item, Failure):
            rows.append((item, False))
        else:
            rows.extend((f, True) for f in item.failures)
    data: dict[str, pa.Array] = {
        name: pa.array([getattr(f, name) for f, _ in rows], type=pa.string()) for name in _FAILURE_FIELDS}
    data["attached"] = pa.array([attached for _, attached in rows], type=pa.bool_())
    return pa.table(data)


def _record_tables(items: Sequence[AnalyzedArticle]) -> dict[str, pa.Table]:
    by_kind: dict[str, list[Record]] = {}
    for item in items:
        for record in item.records:
            by_kind.setdefault(record.kind, []).append(record)
    tables = {}
    for kind, records in by_kind.items():
        names = columns(RECORD_TYPES[kind])
        values = list(zip(*(row_of(r) for r in records)))
        tables[kind] = pa.table({name: pa.array(list(col)) for name, col in zip(names, values)})
    return tables


def write_partition(items: Sequence[AnalyzedArticle | Failure], folder: Path, name: str,
                    skipped: int = 0) -> Manifest:
    """Write one partition's shards and then its manifest, each atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    analysed = [i for i in items if isinstance(i, AnalyzedArticle)]
    tables = {"article": _article_table(analysed), "failure": _failure_table(items), **_record_tables(analysed)}
    shards = []
    for kind, table in tables.items():
        path = folder / f"{name}.{kind}.parquet"
        _write_atomic(path, lambda tmp, t=table: pq.write_table(t, tmp))
        shards.append({"kind": kind, "file": path.name, "rows": table.num_rows, "sha256": _sha256(path)})
    records = sum(len(a.records) for a in analysed)
    body = {"partition": name, "articles": len(analysed), "records": records, "skipped": skipped, "shards": shards}
    manifest = folder / f"{name}{MANIFEST_SUFFIX}"
    _write_atomic(manifest, lambda tmp: tmp.write_text(json.dumps(body, indent=1), "utf-8"))
    _fsync_dir(folder)
    return Manifest(manifest, name, tuple(shards), len(analysed), records, skipped)


# -- reading ---------------------------------------------------------------------------------
def read_manifest(path: Path) -> Manifest:
    try:
        body = json.loads(path.read_text("utf-8"))
        return Manifest(path, body["partition"], tuple(body["shards"]), int(body["articles"]), int(body["records"]),
                        int(body.get("skipped", 0)))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError("E308", path=path, reason=f"unreadable manifest: {exc}") from exc


def manifests_in(paths: Iterable[str | Path]) -> list[Manifest]:
    """Complete partitions named by ``paths``: folders, manifests, or any shard of a partition."""
    found: dict[Path, None] = {}
    for item in map(Path, paths):
        if item.is_dir():
            found.update(dict.fromkeys(sorted(item.glob(f"*{MANIFEST_SUFFIX}"))))
        elif item.name.endswith(MANIFEST_SUFFIX):
            found[item] = None
        else:
            base = item.name.split(".", 1)[0]
            manifest = item.with_name(base + MANIFEST_SUFFIX)
            if not manifest.exists():
                raise StoreError("E308", path=item, reason="its partition has no manifest (the run that wrote it did not finish)")
            found[manifest] = None
    return [read_manifest(p) for p in found]


def verify(manifest: Manifest) -> None:
    """Every shard exists and its bytes match the manifest (E308 naming the shard if not)."""
    for shard in manifest.shards:
        path = manifest.folder / shard["file"]
        if not path.exists():
            raise StoreError("E308", path=path, reason="file missing")
        if _sha256(path) != shard["sha256"]:
            raise StoreError("E308", path=path, reason="checksum differs from the manifest")


def _read_table(manifest: Manifest, shard: dict[str, Any]) -> list[dict[str, Any]]:
    path = manifest.folder / shard["file"]
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        raise StoreError("E308", path=path, reason=exc) from exc
    if table.num_rows != shard["rows"]:
        raise StoreError("E308", path=path, reason=f"{table.num_rows} rows, manifest says {shard['rows']}")
    return table.to_pylist()


def read_partition(manifest: Manifest) -> list[AnalyzedArticle | Failure]:
    """The partition's results as the pipeline produced them: articles in order, then failures."""
    verify(manifest)
    rows = {shard["kind"]: _read_table(manifest, shard) for shard in manifest.shards}
    records: dict[str, list[Record]] = {}
    for kind in RECORD_TYPES:
        for row in rows.get(kind, []):
            records.setdefault(row["article_id"], []).append(record_of(kind, row))
    attached: dict[str, list[Failure]] = {}
    loose: list[Failure] = []
    for row in rows.get("failure", []):
        failure = Failure(*(row[name] for name in _FAILURE_FIELDS))
        (attached.setdefault(failure.article_id, []) if row["attached"] else loose).append(failure)
    out: list[AnalyzedArticle | Failure] = []
    for row in rows.get("article", []):
        article = Article(**{name: row[name] for name in _ARTICLE_FIELDS})
        ran = tuple(tuple(pair) for pair in json.loads(row["extractors"]))
        out.append(AnalyzedArticle(article, tuple(records.get(article.id, ())),
                                   tuple(attached.get(article.id, ())), ran))
    return out + loose
