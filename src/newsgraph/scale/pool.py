"""A local process pool: workers parse and extract, the parent reads, deduplicates and writes.

Workers start with ``forkserver`` (or ``spawn``), never ``fork``: no DuckDB connection or
half-initialised model is inherited. Each worker loads the model and the extractors' tables once
(its initializer) and exits if the parent dies. Each batch is split across the workers; results
are written by the parent, the database's only writer, in input order, one transaction per
batch. At most two batches beyond the one being written are in flight: memory stays bounded.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..config import AnalyzeOptions
from ..errors import AnalysisError
from ..nlp.pipeline import analyze_articles
from ..records import AnalyzedArticle, Article, Failure

__all__ = ["pooled"]

Mapper = Callable[[Iterable[list[Article]]], Iterator[list[AnalyzedArticle | Failure]]]


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(parent: int) -> None:
    """Exit when the parent is gone (killed with -9, say), instead of lingering as an orphan."""
    while _alive(parent):
        time.sleep(1.0)
    os._exit(70)


def _warm(options: AnalyzeOptions, parent: int) -> None:
    """Watch the parent; load the model and the extractors' tables before the first batch."""
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="newsgraph-parent-watch").start()
    warm = Article(id="warm-up", text="Officials in Paris said on Monday that talks with Seoul would resume.")
    list(analyze_articles([warm], options))


def _analyse(batch: list[Article], options: AnalyzeOptions) -> list[AnalyzedArticle | Failure]:
    return list(analyze_articles(batch, options))


def _in_order(executor: Executor, batches: Iterable[list[Article]], options: AnalyzeOptions,
              window: int, parts: int) -> Iterator[list[AnalyzedArticle | Failure]]:
    """Each batch is split in ``parts`` so every worker has a share even of a single batch."""
    pending: deque = deque()
    try:
        for batch in batches:
            size = max(1, -(-len(batch) // parts))
            pending.append([executor.submit(_analyse, batch[i:i + size], options)
                            for i in range(0, len(batch), size)])
            while len(pending) > window:
                yield [r for future in pending.popleft() for r in future.result()]
        while pending:
            yield [r for future in pending.popleft() for r in future.result()]
    except BrokenProcessPool as exc:
        raise AnalysisError("E403", reason=exc) from exc


@contextlib.contextmanager
def pooled(workers: int, options: AnalyzeOptions) -> Iterator[Mapper]:
    """A mapper from batches of articles to their results, in order, on ``workers`` processes."""
    executor = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_warm, initargs=(options, os.getpid()))
    try:
        yield lambda batches: _in_order(executor, batches, options, 2, workers)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
