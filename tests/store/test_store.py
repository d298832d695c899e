"""The store: idempotent re-runs, corrections replace, copies are linked, batches are atomic."""

from __future__ import annotations

import pickle

import duckdb
import pytest
from hypothesis import given, settings, strategies as st

import newsgraph
from newsgraph.config import load as load_config, with_overrides
from newsgraph.errors import StoreError
from newsgraph.records import (AnalyzedArticle, Article, Attribution, Claim, Event, Failure, Participant, Sentence,
                               Span, make_record)
from newsgraph.store import Store
from newsgraph.store.tables import TABLES, columns, record_of, row_of

from conftest import ROOT


def _article(text: str, id: str | None = None, source: str | None = None) -> Article:
    return Article(id=id or Article.make_id(source, None, text), text=text, date="2024-10-15",
                   date_source="header", source=source)


def test_same_input_twice_is_stored_once(tmp_path):
    db = tmp_path / "t.duckdb"
    articles = [_article("The minister said on Monday that talks would resume.")]
    first = newsgraph.analyze(articles, db=db)
    second = newsgraph.analyze(articles, db=db)
    assert (first.analysed, second.analysed, second.duplicates) == (1, 0, 1)
    with newsgraph.open(db) as store:
        counts = {t: store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in ("articles", "sentences", "mentions")}
    again = newsgraph.analyze(articles, db=db)
    with newsgraph.open(db) as store:
        assert counts == {t: store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in counts}
    assert again.records == 0 and counts["sentences"] == 1


def test_correction_replaces_the_article_and_its_rows(tmp_path):
    db = tmp_path / "t.duckdb"
    newsgraph.analyze([_article("Old text. With two sentences.", id="a1")], db=db)
    summary = newsgraph.analyze([_article("New text only.", id="a1")], db=db)
    assert summary.replaced == 1
    with newsgraph.open(db) as store:
        assert store.query("SELECT text FROM articles")[0]["text"] == "New text only."
        assert [r["text"] for r in store.query("SELECT text FROM sentences")] == ["New text only."]


def test_copy_from_another_outlet_is_kept_and_linked(tmp_path):
    db = tmp_path / "t.duckdb"
    text = "Officials denied the report on Tuesday."
    newsgraph.analyze([_article(text, source="Wire"), _article(text, source="Paper")], db=db)
    with newsgraph.open(db) as store:
        rows = store.query("SELECT source, copy_of FROM articles ORDER BY ingested_at, id")
    assert len(rows) == 2 and sum(r["copy_of"] is not None for r in rows) == 1


def test_every_stored_span_slices_the_stored_text(tmp_path, seed_article):
    db = tmp_path / "t.duckdb"
    newsgraph.analyze([seed_article], db=db)
    with newsgraph.open(db) as store:
        text = store.query("SELECT text FROM articles")[0]["text"]
        for table in TABLES.values():
            for row in store.query(f"SELECT start_char, end_char, text FROM {table}"):
                assert text[row["start_char"]:row["end_char"]] == row["text"], table


def test_a_failing_batch_leaves_earlier_batches_intact(tmp_path):
    db = tmp_path / "t.duckdb"
    newsgraph.analyze([_article("A first article.")], db=db)
    store = Store(db)
    good = AnalyzedArticle(_article("A second article."))
    store.con.execute("CREATE TABLE boom (x INTEGER)")
    store.con.execute("DROP TABLE sentences")  # sabotage: writes of the next batch must fail
    bad_record = make_record(Sentence,
                             good.article.id, 0, 0, 1, "A", "mentions", "1")
    with pytest.raises(StoreError, match="E306"):
        store.write_batch([AnalyzedArticle(good.article, (bad_record,), (), (("mentions", "1"),))])
    assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] == 1  # rolled back, first kept
    store.close()


def test_failures_are_stored_once(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    failure = Failure("x.jsonl:3", "E104", "[E104] bad line")
    store.write_batch([failure])
    store.write_batch([failure])
    assert store.query("SELECT count(*) AS n FROM failures")[0]["n"] == 1
    store.close()


def test_user_sql_is_read_only(tmp_path):
    db = tmp_path / "t.duckdb"
    newsgraph.analyze([_article("Some text here.")], db=db)
    with newsgraph.open(db) as store:
        assert store.sql("SELECT count(*) AS n FROM articles") == [{"n": 1}]
        for bad in ("DELETE FROM articles", "SELECT 1; DROP TABLE articles", "COPY articles TO 'x.csv'",
                    "PRAGMA enable_profiling", "PRAGMA threads=1", "SET enable_external_access = true"):
            with pytest.raises(StoreError, match="E305"):
                store.sql(bad)
        assert store.sql("DESCRIBE articles") and store.sql("EXPLAIN SELECT 1")  # reading is fine
        with pytest.raises(StoreError, match="E304"):  # no file access from user SQL
            store.sql("SELECT * FROM read_csv('/etc/passwd')")


def test_schema_of_every_table_matches_its_record():
    store = Store(":memory:")
    for kind, table in TABLES.items():
        found = [r["column_name"] for r in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table])]
        cls = newsgraph.records.RECORD_TYPES[kind]
        assert set(columns(cls)) <= set(found), (table, set(columns(cls)) - set(found))
    store.close()


spans = st.builds(lambda s, n: Span(s, s + n, "x" * n), st.integers(0, 50), st.integers(0, 5))


@settings(max_examples=40, deadline=None)
@given(source=st.none() | spans, content=st.none() | spans, quoted=st.booleans(),
       about=st.lists(st.text(min_size=1, max_size=8), max_size=3), hedges=st.lists(spans, max_size=3),
       counts=st.lists(st.tuples(st.sampled_from(["killed", "wounded"]), st.integers(0, 500)), max_size=2))
def test_records_round_trip_through_rows_and_pickle(source, content, quoted, about, hedges, counts):
    records = [
        make_record(Attribution, "a", 0, 0, 3, "xxx", "attribution", "1", source=source, cue=Span(0, 3, "xxx"),
                    content=content, quoted=quoted),
        make_record(Claim, "a", 1, 0, 3, "xxx", "claims", "1", about=tuple(about), hedges=tuple(hedges)),
        make_record(Event, "a", 2, 0, 3, "xxx", "events", "1", counts=tuple(counts),
                    actors=tuple(Participant(h, "act:x") for h in hedges)),
    ]
    for record in records:
        row = dict(zip(columns(type(record)), row_of(record)))
        assert record_of(record.kind, row) == record
        assert pickle.loads(pickle.dumps(record)) == record


def test_a_checkpoint_fusion_that_fails_in_its_child_process_raises_its_error_here(tmp_path):
    from newsgraph.errors import StoreLockedError
    from newsgraph.run import batch
    from newsgraph.store import open_store

    path = tmp_path / "held.duckdb"
    with open_store(path):  # this process holds the database, so the child cannot open it
        with pytest.raises(StoreLockedError) as caught:
            batch._fuse_apart(path)
    assert caught.value.code == "E302" and str(path) in str(caught.value)


def test_a_long_analyze_fuses_apart_along_the_way_and_stores_what_one_pass_stores(tmp_path, monkeypatch):
    """Fusion's memory grows with what is new and an open DuckDB connection keeps memory for
    what it wrote, so every CHECKPOINT_EVERY articles analyze closes the store, fuses it in a
    child process and opens it again; the database, clusters and threads included, must not
    notice."""
    import newsgraph
    from newsgraph.run import batch
    from newsgraph.store import open_store
    from newsgraph.store.db import Store

    folder = ROOT / "examples" / "articles"
    newsgraph.analyze([folder], db=tmp_path / "one.duckdb")
    calls = []
    original_reconnect, original_apart, original_fuse = Store.reconnect, batch._fuse_apart, batch._fuse

    def reconnecting(self):
        calls.append("reconnect")
        original_reconnect(self)

    def fusing_apart(path):
        calls.append("fuse apart")  # the child opens the store for writing: this one is closed
        original_apart(path)
        with open_store(path, read_only=True) as fused:  # the child signed every article written
            assert fused.query("SELECT count(*) AS n FROM articles WHERE id NOT IN"
                               " (SELECT article_id FROM article_signatures)")[0]["n"] == 0

    def fusing(store):
        calls.append("fuse")
        return original_fuse(store)

    monkeypatch.setattr(Store, "reconnect", reconnecting)
    monkeypatch.setattr(batch, "_fuse_apart", fusing_apart)
    monkeypatch.setattr(batch, "_fuse", fusing)
    monkeypatch.setattr(batch, "CHECKPOINT_EVERY", 2)
    summary = newsgraph.analyze([folder], db=tmp_path / "many.duckdb",
                                config=with_overrides(load_config(), batch_size=2))
    assert summary.analysed == 11 and calls == ["fuse apart", "reconnect"] * 5 + ["fuse"]
    tables = {"articles": "ingested_at", "mentions": None, "claims": None, "events": None,
              "article_links": None, "article_clusters": None, "fusion_items": None, "fusion_links": None,
              "threads": "updated_at", "thread_members": None, "analyses": "analysed_at"}
    with open_store(tmp_path / "one.duckdb", read_only=True) as one, \
            open_store(tmp_path / "many.duckdb", read_only=True) as many:
        assert one.con.execute("SELECT count(*) FROM fusion_links").fetchone()[0] > 0  # something to compare
        for table, clock in tables.items():
            query = f"SELECT * {f'EXCLUDE ({clock})' if clock else ''} FROM {table} ORDER BY ALL"
            assert many.con.execute(query).fetchall() == one.con.execute(query).fetchall(), table
