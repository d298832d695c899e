"""Hostile input (issue 26, items 2 to 4): a line nested 100,000 deep, a lone surrogate, an empty
JSON Lines file, a FIFO, compression bombs. Each is a Failure naming the file (and line or
record), and the rest of the run is stored."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import newsgraph
from newsgraph.config import load
from newsgraph.ingest import ReadOptions, read_path
from newsgraph.records import Article, Failure

PYTHON = sys.executable
DEEP = "[" * 100_000 + "]" * 100_000
_PAGE = ("<html><body><article><h1>Talks</h1><p>The foreign minister said on Monday that the talks in"
         " Geneva would resume next week, after the summit.</p><p>Officials in both capitals confirmed"
         " the plan and said a ceasefire was not yet agreed.</p></article></body></html>").encode()


def _items(path: Path, **options) -> list[Article | Failure]:
    return list(read_path(path, ReadOptions(**options)))


def _codes(items: list) -> list[str]:
    return [i.code if isinstance(i, Failure) else "article" for i in items]


# -- item 2: one malformed line is one Failure -------------------------------------------------
@pytest.mark.parametrize("bad, code", [
    (DEEP, "E104"),
    ('{"text": ' + DEEP[:60_000] + '}', "E104"),
    ('{"id": "s", "text": "The minister \\ud800 said so."}', "E117"),
    ('{"id": "s", "text": "The minister said so.", "title": "A \\udfff title"}', "E117"),
    ('{"id": "\\ud800", "text": "The minister said so."}', "E117"),
])
def test_a_deep_or_unencodable_line_is_a_failure_naming_it(tmp_path, bad, code):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Talks resumed on Monday."}\n' + bad + '\n{"text": "Talks ended on Friday."}\n', "utf-8")
    items = _items(path)
    assert _codes(items) == ["article", code, "article"]
    assert items[1].origin == f"{path}:2"
    assert "line 2" in items[1].message or "record 2" in items[1].message


@pytest.mark.model
def test_a_directory_with_one_hostile_file_stores_the_rest(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(4):
        (corpus / f"good{i}.jsonl").write_text(f'{{"id": "g{i}", "text": "The minister said on Monday that talks'
                                               f' would resume in round {i}."}}\n', "utf-8")
    (corpus / "hostile.jsonl").write_text(DEEP + '\n{"id": "s", "text": "Lone \\ud800 here."}\n', "utf-8")
    summary = newsgraph.analyze([corpus], db=tmp_path / "t.duckdb")
    assert summary.analysed == 4
    assert sorted(f.code for f in summary.failures) == ["E104", "E117"]
    with newsgraph.open(tmp_path / "t.duckdb") as store:
        assert {r["id"] for r in store.query("SELECT id FROM articles")} == {"g0", "g1", "g2", "g3"}
        assert store.query("SELECT count(*) AS n FROM failures")[0]["n"] == 2


@pytest.mark.model
def test_an_article_given_to_the_api_with_a_lone_surrogate_is_a_failure(tmp_path):
    good = Article(id="ok", text="The minister said talks would resume on Monday.")
    bad = Article(id="bad", text="The minister \ud800 said so.", origin="http")
    summary = newsgraph.analyze([bad, good], db=tmp_path / "t.duckdb")
    assert summary.analysed == 1 and [f.code for f in summary.failures] == ["E117"]
    assert bad.text_hash  # hashing never raises


def test_a_reader_surprise_ends_that_file_not_the_run(tmp_path, monkeypatch):
    from newsgraph.ingest import text

    def broken(path, options):
        yield Failure(str(path), "E103", "[E103] first")
        raise RuntimeError("surprise")

    (tmp_path / "a.txt").write_text("Talks resumed.", "utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "Talks ended."}\n', "utf-8")
    monkeypatch.setattr(text, "read", broken)
    items = _items(tmp_path)
    assert _codes(items) == ["E103", "E118", "article"]
    assert "RuntimeError: surprise" in items[1].message and "a.txt" in items[1].message


# -- item 3: silent or hanging inputs ----------------------------------------------------------
@pytest.mark.parametrize("content", [b"", b"\n  \n\r\n"])
def test_an_empty_jsonl_is_a_failure_like_other_empty_files(tmp_path, content):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(content)
    items = _items(path)
    assert _codes(items) == ["E103"] and items[0].origin == str(path)


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    (tmp_path / "x.txt").write_text("date 2024-10-15\n\nThe minister said so.", "utf-8")
    # in a child, so that a regression hangs the child (killed by the timeout), not the suite
    code = f"from newsgraph.ingest import read_path\nprint([getattr(i, 'code', 'article') for i in read_path({str(fifo)!r})])"
    run = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "['E119']", run.stderr[-1000:]
    assert "not a regular file" in list(read_path(fifo))[0].message


# -- item 4: compression bombs ----------------------------------------------------------------
def _zeros_gzip(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1 << 20)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def _warc(path: Path, records: list[tuple[str, bytes, list[tuple[str, str]]]], gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, body, headers in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *headers], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))


def test_a_record_bomb_is_a_failure_with_its_reason_and_the_next_records_are_read(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    bomb = _zeros_gzip(200)  # 200 MB of zeros, gzip content-encoded, in a gzipped WARC record
    _warc(path, [("https://example.org/a", _PAGE, []), ("https://example.org/bomb", bomb, [("Content-Encoding", "gzip")]),
                 ("https://example.org/b", _PAGE, [])])
    assert path.stat().st_size < 100_000
    items = _items(path, max_record_bytes=5_000_000)
    assert _codes(items) == ["article", "E120", "article"]
    assert items[1].origin == f"{path}#2"
    assert "record 2 expands to more than 5000000 bytes" in items[1].message and "ingest.max_record_bytes" in items[1].message


def test_a_file_bomb_stops_at_the_file_cap_with_its_reason(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    big = b"<html><body>" + b"<p>filler</p>\n" * 300_000 + b"</body></html>"  # 4.2 MB each, shrinks well
    _warc(path, [("https://example.org/a", _PAGE, [])] + [(f"https://example.org/{i}", big, []) for i in range(5)])
    items = _items(path, max_file_bytes=10_000_000)
    assert items[0].text and _codes(items)[-1] == "E120"
    assert "the file expands to more than 10000000 bytes" in items[-1].message and "ingest.max_file_bytes" in items[-1].message


def test_a_header_without_end_is_capped(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"A" * 20_000_000))
    (failure,) = _items(path, max_record_bytes=1_000_000)
    assert failure.code == "E120" and "a line without end" in failure.message


def test_a_parquet_that_expands_past_the_file_cap_is_refused_before_reading(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "feed.parquet"
    texts = [f"{i} " + "x" * 8_000_000 for i in range(3)] + ["Talks resumed on Monday."]
    pq.write_table(pa.table({"id": list("abcd"), "text": texts}), path, compression="zstd")
    assert path.stat().st_size < 50_000
    (failure,) = _items(path, max_file_bytes=10_000_000)
    assert failure.code == "E120" and "ingest.max_file_bytes" in failure.message and failure.origin == str(path)
    assert _codes(_items(path)) == ["article"] * 4  # under the default cap it is read


def gzip_bytes(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data, 9)


_BOMB_RUN = """
import json, resource, sys
import newsgraph
from newsgraph.config import load
summary = newsgraph.analyze([sys.argv[1]], db=sys.argv[2], config=load(overrides={"ingest.max_record_bytes": "20000000"}))
print(json.dumps({"codes": [f.code for f in summary.failures], "analysed": summary.analysed,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@pytest.mark.model
def test_a_nested_bomb_runs_in_bounded_memory_and_the_setting_is_honoured(tmp_path):
    import json

    path = tmp_path / "crawl.warc.gz"
    _warc(path, [("https://example.org/bomb", _zeros_gzip(2000), [("Content-Encoding", "gzip")]),
                 ("https://example.org/a", _PAGE, [])])
    assert path.stat().st_size < 100_000  # 2 GB of zeros behind it
    run = subprocess.run([PYTHON, "-c", _BOMB_RUN, str(path), str(tmp_path / "t.duckdb")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["codes"] == ["E120"] and result["analysed"] == 1
    assert result["peak_mb"] < 1500, result  # the model and the capped 20 MB record, not 2 GB


def test_expansion_caps_are_settings():
    config = load(overrides={"ingest.max_record_bytes": "1000", "ingest.max_file_bytes": "5000"})
    assert (config.ingest.max_record_bytes, config.ingest.max_file_bytes) == (1000, 5000)
    assert load().ingest.max_record_bytes == 50_000_000
    with pytest.raises(newsgraph.errors.ConfigError, match="E202"):
        load(overrides={"ingest.max_file_bytes": "0"})


# -- item 9: a full disk at the final checkpoint ----------------------------------------------
@pytest.fixture()
def full_disk_at_checkpoint(monkeypatch):
    import errno

    from newsgraph.store.db import Store

    def no_space(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Store, "_checkpoint_now", no_space)


def _one_article(tmp_path: Path) -> Path:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "The minister said on Monday that talks would resume."}\n', "utf-8")
    return path


@pytest.mark.model
def test_a_skipped_final_checkpoint_is_a_warning_and_nothing_is_lost(tmp_path, full_disk_at_checkpoint):
    summary = newsgraph.analyze([_one_article(tmp_path)], db=tmp_path / "t.duckdb")
    assert summary.analysed == 1 and not summary.failures
    (warning,) = summary.warnings
    assert "E312" in warning and "No space left on device" in warning and "t.duckdb.wal" in warning
    assert summary.as_dict()["warnings"] == [warning]
    with newsgraph.open(tmp_path / "t.duckdb") as store:  # the write-ahead log is replayed
        assert [r["id"] for r in store.query("SELECT id FROM articles")] == ["a"]


@pytest.mark.model
@pytest.mark.parametrize("strict, code", [(False, 0), (True, 3)])
def test_the_cli_warns_and_exits_3_under_strict(tmp_path, full_disk_at_checkpoint, strict, code):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    args = ["analyze", str(_one_article(tmp_path)), "--db", str(tmp_path / "t.duckdb")] + (["--strict"] if strict else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == code, result.output
    assert "warning" in result.output and "E312" in result.output
