"""Scale-out: a local process pool and a Dask runner, both producing what a local run produces.

    analyze(paths, db, workers=4)                 scale.pool: workers parse, the parent writes
    analyze(paths, db, engine="dask", ...)        analyze_dask: partitions on dask.distributed
                                                  workers -> Parquet shards -> DuckDB; articles
                                                  the database already holds as is are skipped
                                                  by the workers before analysis
    load_shards(["run.shards"], db)               scale.load: shards -> DuckDB, one transaction
                                                  per partition, checked against manifests first
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..config import Config, load as load_config
from ..errors import ConfigError
from ..ingest import ReadOptions
from ..store import Store, open_store
from .dask_runner import run_dask, settings_of
from .load import load_manifests, load_shards

__all__ = ["analyze_dask", "default_shards", "load_shards", "run_dask", "stored"]


def default_shards(db: str | Path) -> Path:
    """Where shards go unless told: beside the database, ``<db>.shards``."""
    return Path(f"{db}.shards")


def stored(db: str | Path | Store, config: Config) -> dict[str, str]:
    """``{id: text_hash}`` of the articles ``db`` holds as the current extractors made them:
    workers skip those before analysing (Store.analysed_as_is, the local run's rule)."""
    if isinstance(db, Store):
        return db.analysed_as_is(settings_of(config.analyze)["extractors"])
    if not Path(db).exists():
        return {}
    with open_store(db) as store:
        return store.analysed_as_is(settings_of(config.analyze)["extractors"])


def analyze_dask(inputs: Iterable[str | Path], db: str | Path, *, config: Config | None = None,
                 date: str | None = None, input_format: str | None = None, workers: int = 2,
                 scheduler: str | None = None, shards: str | Path | None = None, processes: bool = True,
                 partition_size: int = 256, progress: Callable[[int], None] | None = None):
    """Analyse files on Dask workers into Parquet shards, then load them into ``db``."""
    inputs = list(inputs)
    if any(not isinstance(i, str | Path) for i in inputs):
        raise ConfigError("E202", key="inputs", value="Article objects", reason="the Dask engine reads files; pass paths")
    config = config or load_config()
    started = time.perf_counter()
    manifests = run_dask(inputs, shards or default_shards(db), config, scheduler=scheduler,
                         workers=max(workers, 1), processes=processes,
                         read_options=ReadOptions(date=date, input_format=input_format,
                                                  max_record_bytes=config.ingest.max_record_bytes,
                                                  max_file_bytes=config.ingest.max_file_bytes),
                         partition_size=partition_size, progress=progress, skip=stored(db, config))
    summary = load_manifests(manifests, db)
    summary.seconds = time.perf_counter() - started
    return summary
