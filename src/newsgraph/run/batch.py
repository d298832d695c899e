"""The batch loop of a local run: read -> skip what is stored as is -> analyse -> write, with
checkpoints; the same skip rule serves the process pool and the Dask loader.

    run_local(store, items, config, ...)   analyse and write in batches (in this process, or
                                           through a mapper: see run/pool.py)
    current_versions(options)              what an analysis depends on (nlp.pipeline.provenance)
    needs_analysis(store, article, ...)    the one skip rule
"""

from __future__ import annotations

import contextlib
import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import AnalyzeOptions, Config
from ..fusion.fuse import fuse as _fuse
from ..errors import StoreError
from ..ingest import ReadOptions, read_paths, unstorable
from ..nlp.pipeline import analyze_articles, provenance
from ..records import AnalyzedArticle, Article, Failure
from ..store import Store, open_store

__all__ = ["CHECKPOINT_EVERY", "Checkpoints", "RunSummary", "current_versions", "final_checkpoint", "needs_analysis", "read_inputs",
           "run_local"]

#: Articles written between two checkpoints of a long run: fusion then runs on what is new
#: (its memory grows with that, and the threads are the same however the run is cut, see
#: fusion/fuse.py). A store ``analyze`` opened itself is fused by a child process and then opened
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
    warnings: list[str] = field(default_factory=list)  # nothing lost, but say so (a skipped checkpoint)
    seconds: float = 0.0
    skipped_sentences: int = 0  # left out of the analysis as not English

    def as_dict(self) -> dict:
        return {"read": self.read, "analysed": self.analysed, "duplicates": self.duplicates,
                "replaced": self.replaced, "records": self.records, "failed": len(self.failures),
                "failures": [{"origin": f.origin, "code": f.code, "message": f.message} for f in self.failures],
                "warnings": list(self.warnings),
                "skipped_sentences": self.skipped_sentences, "seconds": round(self.seconds, 3)}



def current_versions(options: AnalyzeOptions) -> dict[str, str]:
    """``{extractor: version}`` as stored per article: code version and a digest of its data,
    the model and the actor table (see :func:`newsgraph.nlp.pipeline.provenance`)."""
    return provenance(options)


def needs_analysis(store: Store, article: Article, versions: dict[str, str]) -> bool:
    """Not stored with this text by these extractor versions (see Store.analysed_as_is)."""
    return store.analysed_as_is(versions, [article.id]).get(article.id) != article.text_hash


def run_local(store: Store, items: Iterable[Article | Failure], config: Config, summary: RunSummary,
              progress: Callable[[int], None] | None = None, workers: int = 1, pool=None,
              apart: bool = False) -> None:
    """Analyse and write ``items`` in batches, then fuse what is new."""
    with _mapper(workers, config, pool) as mapper:
        _run(store, items, config, summary, progress, mapper, apart=apart)
    _fuse(store)  # cross-article clusters and threads (fusion/fuse.py), incremental


def final_checkpoint(store: Store, summary: RunSummary) -> None:
    """Fold the run into the database file; if that fails (a full disk), the run is stored (in
    the write-ahead log) but must say so: a warning, and exit 3 under ``--strict``."""
    try:
        store.checkpoint()
    except StoreError as exc:
        summary.warnings.append(str(exc))


def _mapper(workers: int, config: Config, pool=None):
    if pool is not None:
        return contextlib.nullcontext(pool.map)
    if workers > 1:
        from .pool import pooled

        return pooled(workers, config.analyze)
    return contextlib.nullcontext(None)


def read_inputs(inputs: Iterable[str | Path | Article], date: str | None, input_format: str | None,
                config: Config) -> Iterator[Article | Failure]:
    options = ReadOptions(date=date, input_format=input_format, max_record_bytes=config.ingest.max_record_bytes,
                          max_file_bytes=config.ingest.max_file_bytes)
    for item in inputs:
        if isinstance(item, Article):
            yield unstorable(item) or item  # one that cannot be stored is a Failure, not the batch's end
        else:
            yield from read_paths([item], options)


def _with_stored(store: Store, items: Iterable[Article | Failure], versions: dict[str, str],
                 size: int) -> Iterator[tuple[Article | Failure, dict[str, str]]]:
    """Each item with what the store holds as is (the rule of ``needs_analysis``), asked once
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
    versions = current_versions(config.analyze)
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
    """Analyse batches (in this process, or through ``mapper``: see run/pool.py) and write each,
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
