"""Analyse partitions on ``dask.distributed`` workers; each writes its partition's Parquet shards.

The client plans partitions (:mod:`.partitions`), the workers read their own pieces, parse
and extract (the spaCy model is loaded once per worker process by ``load_model``'s cache)
and write shards (:mod:`.shards`). Only small summaries travel back. A partition whose
manifest is already in the shard folder is not analysed again, so a killed run resumes.

``skip`` (``{id: text_hash}`` of what the database already holds as the current extractors
made it, see ``Store.analysed_as_is``) is sent to every worker once; a worker drops those
articles right after reading, before analysis, and its manifest counts them as ``skipped``.
A digest of ``skip`` is part of the partition names, so shards written against one state of
the database are never reused against another.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from ..config import AnalyzeOptions, Config
from ..errors import AnalysisError, NewsgraphError, StoreError
from ..ingest import ReadOptions
from ..nlp.pipeline import analyze_articles, provenance
from ..records import Article, Failure
from .partitions import Partition, plan, read_partition_input
from .shards import MANIFEST_SUFFIX, Manifest, read_manifest, verify, write_partition

__all__ = ["analyse_partition", "run_dask", "settings_of"]


def settings_of(options: AnalyzeOptions) -> dict:
    """What the records depend on besides the input: model, limits, extractor versions."""
    return {"model": options.model, "max_chars": options.max_chars, "extractors": provenance(options)}


def _existing(folder: Path, partition: Partition) -> Manifest | None:
    path = folder / f"{partition.name}{MANIFEST_SUFFIX}"
    if not path.exists():
        return None
    try:
        manifest = read_manifest(path)
        verify(manifest)
    except StoreError:
        return None  # damaged: analyse again and overwrite
    return manifest


def _first_of_each_id(items: Iterable[Article | Failure]) -> tuple[list[Article], list[Failure]]:
    articles, failures, seen = [], [], set()
    for item in items:
        if isinstance(item, Failure):
            failures.append(item)
        elif item.id not in seen:
            seen.add(item.id)
            articles.append(item)
    return articles, failures


def _not_stored(items: Iterable[Article | Failure], skip: Mapping[str, str],
                counted: list[int]) -> Iterator[Article | Failure]:
    """Drop articles stored as is (``skip``), counting them in ``counted[0]``."""
    for item in items:
        if isinstance(item, Article) and skip.get(item.id) == item.text_hash:
            counted[0] += 1
        else:
            yield item


def analyse_partition(partition: Partition, folder: str, read_options: ReadOptions,
                      options: AnalyzeOptions, skip: Mapping[str, str] | None = None) -> dict:
    """Worker task: read, analyse and write one partition (or find it already written)."""
    out = Path(folder)
    manifest = _existing(out, partition)
    resumed = manifest is not None
    if manifest is None:
        skipped = [0]
        items = _not_stored(read_partition_input(partition, read_options), skip or {}, skipped)
        articles, failures = _first_of_each_id(items)
        results = (list(analyze_articles(articles, options)) if articles else []) + failures
        manifest = write_partition(results, out, partition.name, skipped=skipped[0])
    return {"manifest": str(manifest.path), "articles": manifest.articles, "resumed": resumed}


def _skip_digest(skip: Mapping[str, str]) -> str:
    return hashlib.sha1(json.dumps(sorted(skip.items())).encode()).hexdigest()[:16]


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int, processes: bool) -> Iterator:
    from distributed import Client, LocalCluster

    where = scheduler or f"LocalCluster({workers} workers)"
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
            cluster = None
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        raise AnalysisError("E402", address=where, reason=exc) from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_dask(inputs: Iterable[str | Path], shards: str | Path, config: Config, *, scheduler: str | None = None,
             workers: int = 2, processes: bool = True, read_options: ReadOptions | None = None,
             partition_size: int = 256, progress: Callable[[int], None] | None = None,
             skip: Mapping[str, str] | None = None) -> list[Manifest]:
    """Analyse ``inputs`` on a cluster; returns the manifests of every partition, in input order.

    Articles in ``skip`` (id -> text hash, stored as is) are dropped by the workers unanalysed."""
    read_options = read_options or ReadOptions()
    folder = Path(shards).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    settings = settings_of(config.analyze)
    if skip:
        settings["stored"] = _skip_digest(skip)
    partitions = plan(inputs, read_options, settings, partition_size)
    if not partitions:
        return []
    from distributed import as_completed

    with _client(scheduler, workers, processes) as client:
        known = client.scatter([dict(skip)], broadcast=True, hash=False)[0] if skip else None  # sent once
        futures = [client.submit(analyse_partition, p, str(folder), read_options, config.analyze, known,
                                 key=f"newsgraph-{p.name}", pure=False, retries=1) for p in partitions]
        try:
            for future in as_completed(futures):
                done = future.result()
                if progress:
                    progress(done["articles"])
        except NewsgraphError:
            raise
        except Exception as exc:  # a worker died, the scheduler went away, ...
            raise AnalysisError("E402", address=scheduler or "local cluster", reason=repr(exc)) from exc
    return [read_manifest(folder / f"{p.name}{MANIFEST_SUFFIX}") for p in partitions]
