"""A local process pool: workers parse and extract, the parent reads, deduplicates and writes.

    with WorkerPool(2, config.analyze) as pool:   # starts the workers, waits for their warm-up
        analyze(paths, db, pool=pool)              # (or analyze(paths, db, workers=2): a pool per run)

Workers start with ``forkserver`` (or ``spawn``), never ``fork``: no DuckDB connection or
half-initialised model is inherited. Each worker loads the model and the extractors' tables once
(its initializer), says so on a queue, and exits if the parent dies. A batch goes to an idle
worker whole (at most ``chunk`` articles, 32 by default: spaCy parses big batches for less CPU
per article); the last ``workers`` batches (known by reading that many ahead) are cut into one
chunk per worker, and the very last into two per worker, so that the workers finish close
together. Chunks come back as :class:`Packed`
results (records already flattened to table rows, so the parent, the database's only writer,
does little besides inserting) and are reassembled into the batch in input order, one
transaction per batch. At most ``window`` batches beyond the one
being written are in flight: memory stays bounded.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..config import AnalyzeOptions
from ..errors import AnalysisError
from ..nlp.pipeline import analyze_articles
from ..records import AnalyzedArticle, Article, Failure
from ..store.tables import Packed, pack

__all__ = ["WorkerPool", "pooled"]

Mapper = Callable[[Iterable[list[Article]]], Iterator[list[Packed | Failure]]]
CHUNK = 32  # articles per worker task at most, the default batch size: spaCy's parse of chunks of 16
# costs ~5% more CPU per article, of 8 ~7% (per-step costs of its parser): only the tail is cut finer
WARM_TIMEOUT = 600.0  # seconds for every worker to load its model


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


def _warm(options: AnalyzeOptions, parent: int, ready) -> None:
    """Watch the parent; load the model and the extractors' tables; report ready."""
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="newsgraph-parent-watch").start()
    warm = Article(id="warm-up", text="Officials in Paris said on Monday that talks with Seoul would resume.")
    list(analyze_articles([warm], options))
    ready.put(os.getpid())


def _noop() -> None:
    """A task whose submission makes the executor start one more worker."""


def _analyse(chunk: list[Article], options: AnalyzeOptions) -> list[Packed | Failure]:
    """Worker task: analyse a chunk and flatten its records to rows for the parent."""
    return [pack(r) if isinstance(r, AnalyzedArticle) else r for r in analyze_articles(chunk, options)]


def _with_distance_to_end(batches: Iterable[list[Article]], ahead: int) -> Iterator[tuple[list[Article], int]]:
    """Each batch with how many batches follow it, when that is below ``ahead`` (else ``ahead``):
    ``ahead`` batches are read ahead, no more."""
    held: deque[list[Article]] = deque()
    for batch in batches:
        held.append(batch)
        if len(held) > ahead:
            yield held.popleft(), ahead
    while held:
        yield held.popleft(), len(held)


def _chunks(batch: list[Article], size: int) -> Iterator[list[Article]]:
    size = max(1, size)
    for i in range(0, len(batch), size):
        yield batch[i:i + size]


class WorkerPool:
    """``workers`` processes with the model loaded; :meth:`map` sends them batches of articles."""

    def __init__(self, workers: int, options: AnalyzeOptions, chunk: int = CHUNK, window: int = 2) -> None:
        self.workers, self.options, self.chunk, self.window = workers, options, max(1, chunk), window
        context = _context()
        self._ready = context.Queue()
        self._executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm,
                                             initargs=(options, os.getpid(), self._ready))
        self._started = False

    def start(self, timeout: float = WARM_TIMEOUT) -> float:
        """Start every worker and wait until each has loaded its model; returns the seconds taken."""
        if self._started:
            return 0.0
        began = time.perf_counter()
        launched = [self._executor.submit(_noop) for _ in range(self.workers)]
        waiting = self.workers
        while waiting:
            try:
                self._ready.get(timeout=0.2)
                waiting -= 1
            except queue.Empty:
                self._check(launched, began, timeout)
        self._started = True
        return time.perf_counter() - began

    def _check(self, launched: list[Future], began: float, timeout: float) -> None:
        for future in launched:
            if future.done() and future.exception() is not None:
                raise AnalysisError("E403", reason=future.exception()) from future.exception()
        if time.perf_counter() - began > timeout:
            raise AnalysisError("E403", reason=f"workers not ready after {timeout:.0f} s")

    def map(self, batches: Iterable[list[Article]]) -> Iterator[list[Packed | Failure]]:
        """Each batch's results, in input order; chunks of every batch in flight run on any worker."""
        pending: deque[list[Future]] = deque()
        try:
            for batch, following in _with_distance_to_end(batches, self.workers):
                size = self._chunk_size(len(batch), following)
                pending.append([self._executor.submit(_analyse, c, self.options) for c in _chunks(batch, size)])
                while len(pending) > self.window:
                    yield [r for future in pending.popleft() for r in future.result()]
            while pending:
                yield [r for future in pending.popleft() for r in future.result()]
        except BrokenProcessPool as exc:
            raise AnalysisError("E403", reason=exc) from exc

    def _chunk_size(self, n: int, following: int) -> int:
        """A whole batch up to ``chunk`` articles (spaCy works best on big batches); among the last
        ``workers`` batches one chunk per worker, and the very last two per worker, so that all
        workers finish close together."""
        if following == 0:
            return -(-n // (2 * self.workers))
        if following < self.workers:
            return min(self.chunk, -(-n // self.workers))
        return min(self.chunk, n)

    @property
    def pids(self) -> list[int]:
        """The worker processes now running (for monitoring, e.g. their CPU time)."""
        return list(self._executor._processes or ())

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._ready.close()

    def __enter__(self) -> WorkerPool:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def pooled(workers: int, options: AnalyzeOptions) -> Iterator[Mapper]:
    """A mapper from batches of articles to their results, in order, on ``workers`` processes.

    Workers start with the first batch (a re-run with nothing to analyse starts none)."""
    pool = WorkerPool(workers, options)
    try:
        yield pool.map
    finally:
        pool.close()
