"""The local pool: a started pool (every worker warmed up) serves several runs, small chunks
come back in input order, and Packed results (records flattened in the worker) store exactly
what the records themselves store."""

from __future__ import annotations

import pickle

import newsgraph
from newsgraph.config import load as load_config, with_overrides
from newsgraph.ingest import read_path
from newsgraph.records import AnalyzedArticle, Article
from newsgraph.run.pool import WorkerPool
from newsgraph.store import open_store
from newsgraph.store.tables import Packed, pack

from tests.run.test_scale import snapshot, write_corpus


def _articles(corpus) -> list[Article]:
    return [a for path in corpus for a in read_path(path) if isinstance(a, Article)]


def test_packed_results_store_what_their_records_store(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 4)
    analysed = [r for r in newsgraph.api.annotate_stream(_articles(corpus)) if isinstance(r, AnalyzedArticle)]
    packed = [pack(a) for a in analysed]
    assert pickle.loads(pickle.dumps(packed)) == packed
    assert [p.n_records for p in packed] == [len(a.records) for a in analysed]
    for name, items in (("records", analysed), ("packed", packed)):
        with open_store(tmp_path / f"{name}.duckdb") as store:
            written = store.write_batch(items)
            assert written.records == sum(len(a.records) for a in analysed)
    assert snapshot(tmp_path / "packed.duckdb") == snapshot(tmp_path / "records.duckdb")


def test_a_started_pool_serves_runs_in_input_order(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 8)
    config = load_config()
    local = tmp_path / "local.duckdb"
    newsgraph.analyze(corpus, db=local, config=config)
    articles = _articles(corpus)
    with WorkerPool(2, config.analyze, chunk=3) as pool:
        assert pool.start() == 0.0  # already started and warm: nothing to wait for
        (results,) = list(pool.map([articles[:7]]))
        assert [r.article.id for r in results] == [a.id for a in articles[:7]]
        assert all(isinstance(r, Packed) for r in results)
        summary = newsgraph.analyze(corpus, db=tmp_path / "pool.duckdb", config=config, pool=pool)
        again = newsgraph.analyze(corpus, db=tmp_path / "pool.duckdb", config=config, pool=pool)
    assert summary.analysed > 8 and again.analysed == 0
    assert snapshot(tmp_path / "pool.duckdb") == snapshot(local)


def test_small_batches_still_give_every_worker_a_chunk(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 6)
    config = with_overrides(load_config(), batch_size=5)
    local, pooled = tmp_path / "local.duckdb", tmp_path / "pool.duckdb"
    newsgraph.analyze(corpus, db=local, config=config)
    newsgraph.analyze(corpus, db=pooled, config=config, workers=2)
    assert snapshot(pooled) == snapshot(local)


def test_whole_batches_go_to_workers_and_only_the_tail_is_cut_finer():
    """spaCy parses a batch of 32 for less CPU per article than two of 16, so batches go out
    whole; the last ones are cut so that both workers finish together."""
    from newsgraph.run.pool import _chunks, _with_distance_to_end

    pool = WorkerPool(2, load_config().analyze)
    try:
        batches = [[Article(id=f"{b}-{i}", text="x") for i in range(n)] for b, n in enumerate([32] * 5 + [8])]
        cut = [[len(c) for c in _chunks(batch, pool._chunk_size(len(batch), following))]
               for batch, following in _with_distance_to_end(iter(batches), pool.workers)]
    finally:
        pool.close()
    assert cut == [[32], [32], [32], [32], [16, 16], [2, 2, 2, 2]]
