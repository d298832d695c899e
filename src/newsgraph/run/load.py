"""Load shard partitions into DuckDB: one transaction per partition, through the ordinary Store.

Every shard named is checked against its manifest before the first row is written, so a
corrupted shard stops the load with E308 naming it and nothing loaded. Loading goes through
``Store.write_batch``, so duplicates, corrections and copies are handled exactly as in a local
run, and loading the same shards again adds nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..errors import StoreError
from ..fusion.fuse import fuse
from ..records import AnalyzedArticle, Failure
from ..store import Store, open_store
from .batch import Checkpoints, RunSummary, final_checkpoint, needs_analysis
from .shards import Manifest, manifests_in, read_partition, verify

__all__ = ["load_manifests", "load_shards"]


def _select(store: Store, results: Sequence[AnalyzedArticle | Failure], seen: set[str], summary) -> list:
    """Drop what a local run would have skipped: ids seen earlier in this load, or stored as is."""
    kept: list[AnalyzedArticle | Failure] = []
    for item in results:
        if isinstance(item, AnalyzedArticle):
            summary.read += 1
            if item.article.id in seen or not needs_analysis(store, item.article, dict(item.extractors)):
                summary.duplicates += 1
                continue
            seen.add(item.article.id)
        kept.append(item)
    return kept


def _account(summary, written, kept: Sequence[AnalyzedArticle | Failure]) -> None:
    summary.analysed += written.articles
    summary.replaced += written.replaced
    summary.records += written.records
    for item in kept:
        summary.failures.extend([item] if isinstance(item, Failure) else item.failures)


def load_manifests(manifests: Sequence[Manifest], db: str | Path | Store,
                   progress: Callable[[int], None] | None = None):
    """Load complete partitions, in order; returns a RunSummary."""
    started = time.perf_counter()
    for manifest in manifests:
        verify(manifest)
    summary = RunSummary()
    store = db if isinstance(db, Store) else open_store(db)
    try:
        seen: set[str] = set()
        checkpoints = Checkpoints(store, apart=not isinstance(db, Store))
        for manifest in manifests:
            summary.read += manifest.skipped  # skipped by the workers: stored as is already
            summary.duplicates += manifest.skipped
            kept = _select(store, read_partition(manifest), seen, summary)
            _account(summary, store.write_batch(kept), kept)
            checkpoints.written(len(kept))
            if progress:
                progress(manifest.articles)
        fuse(store)  # as after a local run: clusters and threads brought up to date
        if not isinstance(db, Store):
            final_checkpoint(store, summary)  # a full disk there is a warning, as after a local run
    finally:
        if not isinstance(db, Store):
            store.close()
    summary.seconds = time.perf_counter() - started
    return summary


def load_shards(paths: Iterable[str | Path], db: str | Path | Store,
                progress: Callable[[int], None] | None = None):
    """Load shard folders, manifests or shard files (their whole partition) into ``db``."""
    paths = list(paths)
    manifests = manifests_in(paths)
    if not manifests:
        raise StoreError("E309", path=", ".join(map(str, paths)))
    return load_manifests(manifests, db, progress)
