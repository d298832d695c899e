"""Articles already stored as is (same id, text and extractor versions) are not analysed again:
the local pool skips them in the parent, the Dask workers right after reading, by one rule."""

from __future__ import annotations

import dataclasses

import newsgraph
from newsgraph.records import Article
from newsgraph.run import analyze_dask, batch, dask_runner
from newsgraph.store import open_store

from tests.run.test_scale import snapshot, write_corpus


def _spy(monkeypatch) -> list[list[str]]:
    """Ids sent to analysis on the (in-process) Dask workers, call by call."""
    calls: list[list[str]] = []
    real = dask_runner.analyze_articles

    def spy(articles, options):
        articles = list(articles)
        calls.append([a.id for a in articles])
        return real(articles, options)

    monkeypatch.setattr(dask_runner, "analyze_articles", spy)
    return calls


def test_a_dask_rerun_sends_nothing_to_analysis(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", 10)
    db = tmp_path / "d.duckdb"
    calls = _spy(monkeypatch)
    first = analyze_dask(corpus, db, workers=1, processes=False, partition_size=4)
    assert first.analysed > 8 and calls
    before, calls[:] = snapshot(db), []
    again = analyze_dask(corpus, db, workers=1, processes=False, partition_size=4)
    assert calls == [] and again.analysed == 0
    assert again.duplicates >= first.analysed and snapshot(db) == before


def test_dask_analyses_only_what_is_new_or_changed(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", 6)
    db = tmp_path / "d.duckdb"
    newsgraph.analyze(corpus[:1], db=db)  # the JSON Lines feed, stored locally
    feed = corpus[0].read_text("utf-8").replace("Report number 3 was", "Report number 3 (corrected) was")
    corpus[0].write_text(feed, "utf-8")
    calls = _spy(monkeypatch)
    summary = analyze_dask(corpus, db, workers=1, processes=False, partition_size=4)
    sent = sorted(i for c in calls for i in c)
    assert "j3" in sent and not {"j0", "j1", "j2", "j4", "j5"} & set(sent)
    assert summary.replaced == 1


def test_the_skip_rule_needs_the_same_text_and_the_same_extractor_versions(tmp_path):
    db = tmp_path / "s.duckdb"
    article = Article(id="a1", text="Officials in Paris said on Monday that talks would resume.")
    newsgraph.analyze([article], db=db)
    with open_store(db) as store:
        versions = {r["extractor"]: r["version"] for r in store.query("SELECT extractor, version FROM analyses")}
        assert store.analysed_as_is(versions) == {"a1": article.text_hash}
        assert store.analysed_as_is({**versions, "events": "0-older"}) == {}
        assert batch.needs_analysis(store, dataclasses.replace(article, text="Changed."), versions)
        assert not batch.needs_analysis(store, article, versions)


def test_a_pool_rerun_skips_everything_in_the_parent(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 6)
    db = tmp_path / "p.duckdb"
    first = newsgraph.analyze(corpus, db=db)
    again = newsgraph.analyze(corpus, db=db, workers=2)
    assert again.analysed == 0 and again.duplicates == again.read == first.read
