"""Scale-out: the local pool and the Dask engine store exactly what a local run stores; shards
are written atomically, checked before loading, and a damaged one is refused by name."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.errors import StoreError
from newsgraph.records import AnalyzedArticle
from newsgraph.ingest import ReadOptions, read_path
from newsgraph.run import load_shards, run_dask
from newsgraph.run.partitions import plan, read_partition_input
from newsgraph.run.shards import manifests_in, write_partition

_PEOPLE = ["Olaf Brandt", "Mira Castell", "the defence minister", "President Ruiz", "a spokesman for NATO"]
_PLACES = ["Kyiv", "Seoul", "Donetsk", "Brussels", "Lagos", "Lima"]
_VERBS = ["said", "denied", "warned", "claimed", "told reporters"]
_DAYS = ["on Monday", "last week", "on 3 October", "yesterday", "in June"]

def _clock(column: str) -> bool:
    """Columns that say when a row was written (``*_at``), not what it says."""
    return column.endswith("_at")


def article_text(rng: random.Random, i: int) -> str:
    """A short made-up news text (no text from anywhere else), unique per ``i``."""
    sentences = []
    for _ in range(rng.randint(2, 6)):
        who, verb, where, when = (rng.choice(x) for x in (_PEOPLE, _VERBS, _PLACES, _DAYS))
        sentences.append(f"{who[0].upper()}{who[1:]} {verb} {when} that {rng.randint(2, 90)} soldiers "
                         f"were killed near {where}.")
    sentences.append(f"Report number {i} was filed by Zq{i}x Oberlin.")
    return " ".join(sentences)


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """A JSONL file (with a bad line, a blank line and a repeated record) and dated text files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": f"j{i}", "date": "2024-10-15", "text": article_text(rng, i)}) for i in range(n)]
    lines[1:1] = ["", "{not json"]
    lines.append(lines[0])
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    texts = folder / "texts"
    texts.mkdir(exist_ok=True)
    for i in range(max(n // 4, 2)):
        (texts / f"2024-10-{10 + i % 9:02d}_{i}.txt").write_text(f"date 2024-10-1{i % 9}\n\n{article_text(rng, 1000 + i)}")
    (texts / "empty.txt").write_text("   \n")
    return [folder / "feed.jsonl", texts]


def snapshot(db: Path) -> dict[str, list[str]]:
    """Every row of every table (timestamps aside), sorted: equal snapshots = identical stores."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall():
            cols = [c for (c,) in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                                               " ORDER BY ordinal_position", [table]).fetchall() if not _clock(c)]
            names = ", ".join(f'"{c}"' for c in cols)
            out[table] = sorted(map(repr, con.execute(f"SELECT {names} FROM {table}").fetchall()))
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 24)


@pytest.fixture(scope="module")
def local_db(corpus, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    summary = newsgraph.analyze(corpus, db=db)
    assert summary.analysed > 20 and summary.failures
    return db


def test_pool_of_two_workers_stores_what_a_local_run_stores(corpus, local_db, tmp_path, monkeypatch):
    monkeypatch.setattr(newsgraph.run.batch, "CHECKPOINT_EVERY", 4)  # fused and reconnected along the way too
    db = tmp_path / "pool.duckdb"
    summary = newsgraph.analyze(corpus, db=db, workers=2)
    assert snapshot(db) == snapshot(local_db)
    assert newsgraph.analyze(corpus, db=db, workers=2).analysed == 0 and summary.analysed > 20


def test_dask_cluster_via_cli_stores_what_a_local_run_stores(corpus, local_db, tmp_path, monkeypatch):
    monkeypatch.setattr(newsgraph.run.batch, "CHECKPOINT_EVERY", 4)  # loading fuses along the way too
    db, shards = tmp_path / "dask.duckdb", tmp_path / "shards"
    result = CliRunner().invoke(app, ["analyze", *map(str, corpus), "--db", str(db), "--engine", "dask",
                                                    "--workers", "2", "--shards", str(shards), "--json"])
    assert result.exit_code == 0, result.output
    assert snapshot(db) == snapshot(local_db)
    assert list(shards.glob("*.mention.parquet")) and not list(shards.glob(".*tmp*"))
    # shards are plain Parquet: DuckDB queries them in place
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{shards}/*.article.parquet')").fetchone()[0]
    assert n == json.loads(result.stdout)["analysed"]


def test_partitions_read_exactly_what_a_local_reader_reads(corpus):
    options = ReadOptions()
    parts = plan(corpus, options, {"model": "x"}, size=5)
    assert len(parts) > 4
    from_parts = [item for p in parts for item in read_partition_input(p, options)]
    local = [item for path in corpus for item in read_path(path, options)]
    assert from_parts == local
    assert [p.name for p in plan(corpus, options, {"model": "x"}, size=5)] == [p.name for p in parts]
    assert plan(corpus, options, {"model": "y"}, size=5)[0].name != parts[0].name


def test_dask_run_resumes_from_written_partitions(corpus, tmp_path):
    shards = tmp_path / "shards"
    config = newsgraph.config.load()
    first = run_dask(corpus, shards, config, workers=1, processes=False, partition_size=8)
    stamps = {m.path: m.path.stat().st_mtime_ns for m in first}
    first[1].path.unlink()  # as if killed before this partition finished
    second = run_dask(corpus, shards, config, workers=1, processes=False, partition_size=8)
    changed = [m.path for m in second if m.path.stat().st_mtime_ns != stamps.get(m.path)]
    assert changed == [first[1].path]


def _analysed(corpus: list[Path], n: int = 3):
    return list(newsgraph.api.annotate_stream(item for path in corpus for item in read_path(path)))[:n]


def test_a_shard_write_that_fails_leaves_no_file(corpus, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    def broken(table, where, **kw):
        Path(where).write_bytes(b"PAR1 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq, "write_table", broken)
    with pytest.raises(StoreError, match=r"E311.*No space left"):
        write_partition(_analysed(corpus), tmp_path, "part-00000-x")
    assert list(tmp_path.iterdir()) == []


def test_a_corrupted_shard_is_named_and_nothing_is_loaded(corpus, tmp_path):
    results = _analysed(corpus, 6)
    write_partition(results[:3], tmp_path / "s", "part-00000-a")
    write_partition(results[3:], tmp_path / "s", "part-00001-b")
    victim = tmp_path / "s" / "part-00001-b.mention.parquet"
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    db = tmp_path / "t.duckdb"
    with pytest.raises(StoreError, match=r"E308.*part-00001-b\.mention\.parquet"):
        load_shards([tmp_path / "s"], db)
    assert not db.exists() or snapshot(db)["articles"] == []


def test_a_partition_without_manifest_is_not_loaded(corpus, tmp_path):
    m = write_partition(_analysed(corpus), tmp_path, "part-00000-a")
    m.path.unlink()
    assert manifests_in([tmp_path]) == []
    with pytest.raises(StoreError, match="E309"):
        load_shards([tmp_path], tmp_path / "t.duckdb")
    with pytest.raises(StoreError, match=r"E308.*has no manifest"):
        load_shards([tmp_path / "part-00000-a.article.parquet"], tmp_path / "t.duckdb")


def test_loading_the_same_shards_twice_adds_nothing(corpus, tmp_path):
    items = _analysed(corpus, 5)
    write_partition(items, tmp_path / "s", "part-00000-a")
    db = tmp_path / "t.duckdb"
    first = load_shards([tmp_path / "s"], db)
    before = snapshot(db)
    again = CliRunner().invoke(app, ["load", str(tmp_path / "s"), "--db", str(db), "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["analysed"] == 0
    assert first.analysed == sum(isinstance(i, AnalyzedArticle) for i in items) > 0
    assert snapshot(db) == before


def test_records_survive_the_shard_round_trip(corpus, tmp_path):
    from newsgraph.run.shards import read_partition

    results = _analysed(corpus, 4)
    back = read_partition(write_partition(results, tmp_path, "part-00000-a"))

    def articles(items):
        return [(a.article, sorted(a.records, key=lambda r: r.id), a.failures, a.extractors)
                for a in items if isinstance(a, AnalyzedArticle)]

    assert articles(back) == articles(results) and len(articles(results)) >= 2
    assert {x for x in back if not isinstance(x, AnalyzedArticle)} == {
        x for x in results if not isinstance(x, AnalyzedArticle)}
    assert os.listdir(tmp_path) and all(not n.startswith(".") for n in os.listdir(tmp_path))


def test_a_correction_within_one_batch_keeps_only_the_new_rows(tmp_path):
    from newsgraph.records import Article

    old = Article(id="c1", text="Old text. With two sentences.", date_source="none")
    new = Article(id="c1", text="New text only.", date_source="none")
    analysed = list(newsgraph.api.annotate_stream([old, new]))
    with newsgraph.api.open_store(tmp_path / "t.duckdb") as store:
        written = store.write_batch(analysed)
        assert written.replaced == 1
        assert [r["text"] for r in store.query("SELECT text FROM sentences")] == ["New text only."]
        assert store.query("SELECT count(*) AS n FROM analyses")[0]["n"] == len(analysed[1].extractors)
