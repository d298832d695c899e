"""The Parquet reader: the JSON Lines columns, row numbers in Failures, bounded reads by row
group, Dask partitions by row group, and a clear error for a file that is not Parquet."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.ingest import ReadOptions, read_path
from newsgraph.records import Article, Failure
from newsgraph.run.partitions import plan, read_partition_input

_TEXTS = ["Officials in Paris said on Monday that talks with Seoul would resume.",
          "The defence minister denied on 3 October that 12 soldiers were killed near Donetsk.",
          "President Ruiz told reporters in Lima that the vote would go ahead in June.",
          "A spokesman for NATO warned last week that the talks in Brussels had stalled.",
          "Mira Castell said yesterday that 40 people were hurt in Lagos."]


def write_parquet(path: Path, texts: list[str | None], row_group_size: int = 2) -> Path:
    table = pa.table({"id": [f"p{i}" for i in range(len(texts))],
                      "date": ["2024-10-15"] * len(texts),
                      "title": [f"Title {i}" for i in range(len(texts))],
                      "text": pa.array(texts, type=pa.string()),
                      "extra": list(range(len(texts)))})
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


def test_rows_become_articles_in_file_order(tmp_path):
    path = write_parquet(tmp_path / "feed.parquet", _TEXTS)
    items = list(read_path(path))
    assert [a.id for a in items] == [f"p{i}" for i in range(5)]
    first = items[0]
    assert isinstance(first, Article) and first.text == _TEXTS[0]
    assert (first.date, first.date_source, first.title, first.origin) == ("2024-10-15", "field", "Title 0", f"{path}:1")


def test_sniffed_by_magic_bytes_without_the_suffix(tmp_path):
    path = write_parquet(tmp_path / "feed.bin", _TEXTS[:2])
    assert [a.id for a in read_path(path)] == ["p0", "p1"]


def test_a_row_without_text_is_a_failure_naming_file_and_row(tmp_path):
    path = write_parquet(tmp_path / "feed.parquet", [_TEXTS[0], _TEXTS[1], None, _TEXTS[3]])
    items = list(read_path(path))
    failures = [i for i in items if isinstance(i, Failure)]
    assert [(f.code, f.origin) for f in failures] == [("E105", f"{path}:3")]
    assert str(path) in failures[0].message and "record 3" in failures[0].message
    assert [a.id for a in items if isinstance(a, Article)] == ["p0", "p1", "p3"]


@pytest.mark.parametrize("damage", ["truncated", "not parquet"])
def test_a_corrupt_file_is_one_clear_failure(tmp_path, damage):
    path = write_parquet(tmp_path / "feed.parquet", _TEXTS)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage == "truncated" else b"id,text\n1,hello\n")
    (failure,) = list(read_path(path))
    assert failure.code == "E115" and failure.origin == str(path)
    assert str(path) in failure.message and "not a readable Parquet file" in failure.message


def test_a_file_without_a_text_column_says_which_columns_it_has(tmp_path):
    path = tmp_path / "feed.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["x"]}), path)
    (failure,) = list(read_path(path))
    assert failure.code == "E116" and "id, body" in failure.message


def test_dask_partitions_split_by_row_group_and_read_what_a_local_reader_reads(tmp_path):
    path = write_parquet(tmp_path / "feed.parquet", [_TEXTS[0], None, *_TEXTS[1:]], row_group_size=2)
    options = ReadOptions()
    parts = plan([path], options, {"model": "x"}, size=2)
    assert len(parts) == 3 and all(p.pieces[0].fmt == "parquet" for p in parts)
    assert [i for p in parts for i in read_partition_input(p, options)] == list(read_path(path, options))


def test_analyze_a_parquet_file_from_the_cli(tmp_path):
    path = write_parquet(tmp_path / "corpus.parquet", [*_TEXTS[:3], None])
    db = tmp_path / "t.duckdb"
    result = CliRunner().invoke(app, ["analyze", str(path), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["analysed"] == 3 and [f["origin"] for f in summary["failures"]] == [f"{path}:4"]
    with newsgraph.open(db) as store:
        stored = store.query("SELECT id, origin FROM articles ORDER BY id")
    assert stored == [{"id": f"p{i}", "origin": f"{path}:{i + 1}"} for i in range(3)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), magic=st.booleans())
def test_random_bytes_are_one_failure_naming_the_file(tmp_path, data, magic):
    path = tmp_path / "fuzz.parquet"
    path.write_bytes(b"PAR1" + data if magic else data)
    (failure,) = list(read_path(path))
    assert failure.code == "E115" and str(path) in failure.message and failure.origin == str(path)
