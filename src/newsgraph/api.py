"""The library's entry points; the CLI and the HTTP server call exactly these.

    analyze(paths_or_articles, db=...)  read -> dedup -> parse + extract -> store, in batches
    annotate(text_or_article, date=...) one article through the extractors, no database
    open(db)                            a Store for queries
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, load as load_config
from .ingest import ReadOptions, read_paths
from .nlp.pipeline import analyze_articles, extractors
from .records import AnalyzedArticle, Article, Failure
from .store import Store, open_store
from .fusion.fuse import fuse as _fuse

__all__ = ["RunSummary", "analyze", "annotate", "open", "read"]

#: Articles written between two checkpoints of a long run: fusion then runs on what is new
#: (its memory grows with that, and the threads are the same however the run is cut, see
#: fuse.py). A store ``analyze`` opened itself is fused by a child process and then opened
#: again (see :class:`Checkpoints`; an open DuckDB connection holds memory for what it wrote).
CHECKPOINT_EVERY = 2048


@dataclass
class RunSummary:
    """What one ``analyze`` run did."""

    read: int = 0
    analysed: int = 0
    duplicates: int = 0
    replaced: int = 0
    records: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    skipped_sentences: int = 0  # left out of the analysis as not English

    def as_dict(self) -> dict:
        return {"read": self.read, "analysed": self.analysed, "duplicates": self.duplicates,
                "replaced": self.replaced, "records": self.records, "failed": len(self.failures),
                "failures": [{"origin": f.origin, "code": f.code, "message": f.message} for f in self.failures],
                "skipped_sentences": self.skipped_sentences, "seconds": round(self.seconds, 3)}


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


def _current_versions() -> dict[str, str]:
    return {m.NAME: m.VERSION for m in extractors()}


def _needs_analysis(store: Store, article: Article, versions: dict[str, str]) -> bool:
    """Not stored with this text by these extractor versions (see Store.analysed_as_is)."""
    return store.analysed_as_is(versions, [article.id]).get(article.id) != article.text_hash


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
        with _mapper(workers, config, pool) as mapper:
            _run(store, _read_inputs(inputs, date, input_format), config, summary, progress, mapper,
                 apart=not isinstance(db, Store))
        _fuse(store)  # cross-article clusters and threads (fuse.py), incremental
    finally:
        if not isinstance(db, Store):
            store.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _mapper(workers: int, config: Config, pool=None):
    if pool is not None:
        return contextlib.nullcontext(pool.map)
    if workers > 1:
        from .run.pool import pooled

        return pooled(workers, config.analyze)
    return contextlib.nullcontext(None)


def _read_inputs(inputs: Iterable[str | Path | Article], date: str | None,
                 input_format: str | None) -> Iterator[Article | Failure]:
    options = ReadOptions(date=date, input_format=input_format)
    for item in inputs:
        if isinstance(item, Article):
            yield item
        else:
            yield from read_paths([item], options)


def _with_stored(store: Store, items: Iterable[Article | Failure], versions: dict[str, str],
                 size: int) -> Iterator[tuple[Article | Failure, dict[str, str]]]:
    """Each item with what the store holds as is (the rule of ``_needs_analysis``), asked once
    per ``size`` items. Asking ahead is safe: an id this run writes meanwhile is in its ``seen``."""
    group: list[Article | Failure] = []
    for item in itertools.chain(items, [None]):
        if item is not None:
            group.append(item)
        if group and (item is None or len(group) >= size):
            stored = store.analysed_as_is(versions, [a.id for a in group if isinstance(a, Article)])
            yield from ((member, stored) for member in group)
            group = []


def _batches(store: Store, items: Iterable[Article | Failure], config: Config,
             summary: RunSummary) -> Iterator[tuple[list[Article], list[Failure]]]:
    """Batches of articles still to analyse (with the read failures met on the way)."""
    versions = _current_versions()
    seen: set[str] = set()
    batch: list[Article] = []
    failures: list[Failure] = []
    for item, stored in _with_stored(store, items, versions, config.analyze.batch_size):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        summary.read += 1
        if item.id in seen or stored.get(item.id) == item.text_hash:
            summary.duplicates += 1
            continue
        seen.add(item.id)
        batch.append(item)
        if len(batch) >= config.analyze.batch_size:
            yield batch, failures
            batch, failures = [], []
    yield batch, failures


def _run(store: Store, items: Iterable[Article | Failure], config: Config, summary: RunSummary,
         progress: Callable[[int], None] | None, mapper=None, apart: bool = False) -> None:
    """Analyse batches (in this process, or through ``mapper``: see scale.pool) and write each,
    with a checkpoint every ``CHECKPOINT_EVERY`` articles (see :class:`Checkpoints`)."""
    pending: deque[tuple[list[Article], list[Failure]]] = deque()
    checkpoints = Checkpoints(store, apart)

    def articles() -> Iterator[list[Article]]:
        for batch, failures in _batches(store, items, config, summary):
            pending.append((batch, failures))
            yield batch

    mapper = mapper or (lambda batches: (list(analyze_articles(b, config.analyze)) for b in batches))
    for results in mapper(articles()):
        batch, failures = pending.popleft()
        _flush(store, results + failures, len(batch), summary, progress)
        checkpoints.written(len(batch))


class Checkpoints:
    """Every ``CHECKPOINT_EVERY`` articles written: fuse what is new, so that fusion's memory
    is bounded by what came since the last checkpoint.

    A store the run opened itself (``apart``) is closed, fused by a child process, and opened
    again. Fusion makes and frees hundreds of MB of small Python objects; in this process, the
    few that outlive a run (cache entries, interned strings) pinned about 10 MB of Python's
    allocator arenas per checkpoint, so a long run grew by 5 MB per 1,000 articles. A child
    gives all of it back when it exits, and reopening gives back what the connection held."""

    def __init__(self, store: Store, apart: bool) -> None:
        self.store, self.since = store, 0
        self.apart = apart and str(store.path) != ":memory:"  # that database lives in the connection

    def written(self, n: int) -> None:
        self.since += n
        if self.since >= CHECKPOINT_EVERY:
            if self.apart:
                self.store.close()
                try:
                    _fuse_apart(self.store.path)
                finally:
                    self.store.reconnect()
            else:
                _fuse(self.store)
            self.since = 0


def _fuse_apart(path: Path) -> None:
    """Fuse the store at ``path`` in a child process (its errors are raised here)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
        child.submit(_fuse_file, str(path)).result()


def _fuse_file(path: str) -> None:
    with open_store(path) as store:
        _fuse(store)


def _flush(store: Store, results: list[AnalyzedArticle | Failure], n: int, summary: RunSummary,
           progress: Callable[[int], None] | None) -> None:
    written = store.write_batch(results)
    summary.analysed += written.articles
    summary.replaced += written.replaced
    summary.records += written.records
    for item in results:
        if isinstance(item, Failure):
            summary.failures.append(item)
            continue
        summary.skipped_sentences += item.skipped_sentences
        if item.failures:
            summary.failures.extend(item.failures)
    if progress:
        progress(n)
