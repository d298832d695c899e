"""The library's entry points; the CLI and the HTTP server call exactly these.

    analyze(paths_or_articles, db=...)  read -> dedup -> parse + extract -> store, in batches
    annotate(text_or_article, date=...) one article through the extractors, no database
    open(db)                            a Store for queries
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .config import Config, load as load_config
from .ingest import ReadOptions, read_paths
from .nlp.pipeline import analyze_articles
from .records import AnalyzedArticle, Article, Failure
from .run.batch import RunSummary, final_checkpoint, read_inputs, run_local
from .store import Store, open_store

__all__ = ["RunSummary", "analyze", "annotate", "open", "read"]

def read(paths: Iterable[str | Path], date: str | None = None,
         input_format: str | None = None) -> Iterator[Article | Failure]:
    """Stream Articles (and Failures) from files, directories or ``-``."""
    return read_paths(paths, ReadOptions(date=date, input_format=input_format))


def _as_article(item: str | Article, date: str | None) -> Article:
    if isinstance(item, Article):
        return item
    return Article(id=Article.make_id(None, None, item), text=item, date=date,
                   date_source="cli" if date else "none")


def annotate(item: str | Article, date: str | None = None, config: Config | None = None) -> AnalyzedArticle:
    """Analyse one text or Article with every extractor; nothing is stored."""
    config = config or load_config()
    (result,) = analyze_articles([_as_article(item, date)], config.analyze)
    if isinstance(result, Failure):
        from .errors import InputError

        raise InputError(result.code, **{"path": result.origin, "n": len(_as_article(item, date).text),
                                         "limit": config.analyze.max_chars})
    return result


def annotate_stream(items: Iterable[Article | Failure], config: Config | None = None) -> Iterator[AnalyzedArticle | Failure]:
    """Analyse a stream of Articles (Failures pass through), in batches, nothing stored."""
    config = config or load_config()
    articles = _pass_failures(items, failures := [])
    for result in analyze_articles(articles, config.analyze):
        yield from _drain(failures)
        yield result
    yield from _drain(failures)


def _pass_failures(items: Iterable[Article | Failure], sink: list[Failure]) -> Iterator[Article]:
    for item in items:
        if isinstance(item, Failure):
            sink.append(item)
        else:
            yield item


def _drain(failures: list[Failure]) -> Iterator[Failure]:
    while failures:
        yield failures.pop(0)


def open(db: str | Path = "newsgraph.duckdb", read_only: bool = True) -> Store:  # noqa: A001
    """Open a store for queries (read-only by default)."""
    return open_store(db, read_only=read_only)


def analyze(inputs: Iterable[str | Path | Article], db: str | Path | Store = "newsgraph.duckdb", *,
            config: Config | None = None, date: str | None = None, input_format: str | None = None,
            progress: Callable[[int], None] | None = None, workers: int | None = None,
            engine: str = "local", scheduler: str | None = None, shards: str | Path | None = None,
            pool=None) -> RunSummary:
    """Read, analyse and store; re-running the same input adds nothing.

    ``workers`` > 1 analyses on a local process pool; ``engine="dask"`` on a Dask cluster
    (``scheduler`` address, or a local one of ``workers``), through Parquet ``shards``.
    ``pool``: a started :class:`newsgraph.run.pool.WorkerPool` to use (and leave open) instead.
    """
    config = config or load_config()
    workers = workers or config.analyze.n_process
    if engine == "dask":
        from .run import analyze_dask

        return analyze_dask(inputs, db, config=config, date=date, input_format=input_format, progress=progress,
                            workers=workers, scheduler=scheduler, shards=shards)
    started = time.perf_counter()
    summary = RunSummary()
    store = db if isinstance(db, Store) else open_store(db)
    try:
        run_local(store, read_inputs(inputs, date, input_format, config), config, summary, progress, workers, pool,
                  apart=not isinstance(db, Store))
        if not isinstance(db, Store):
            final_checkpoint(store, summary)
    finally:
        if not isinstance(db, Store):
            store.close()
    summary.seconds = time.perf_counter() - started
    return summary
