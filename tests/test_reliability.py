"""Reliability: bad input never crashes a reader; a run killed with -9 resumes with every article
stored once; a full disk, a read-only or locked database give a clear error and leave the
database intact; a 50 MB input is refused without blowing memory."""

from __future__ import annotations

import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import newsgraph
from newsgraph.errors import StoreError, StoreLockedError
from newsgraph.ingest import ReadOptions, read_path
from newsgraph.records import Article, Failure

from tests.run.test_scale import article_text, snapshot, write_corpus

PYTHON = sys.executable
_FORMATS = {"text": ".txt", "jsonl": ".jsonl", "csv": ".csv", "html": ".html", "warc": ".warc"}


def _items(path: Path, fmt: str | None = None) -> list:
    return list(read_path(path, ReadOptions(input_format=fmt)))


def _well_behaved(items: list, path: Path) -> None:
    """Articles with a body, or Failures with a code and a message naming the file."""
    for item in items:
        assert isinstance(item, Article | Failure), item
        if isinstance(item, Failure):
            assert re.fullmatch(r"E1\d\d", item.code), item
            assert item.message.startswith(f"[{item.code}]") and path.name in item.message, item
            assert path.name in item.origin
        else:
            assert item.text.strip() and path.name in (item.origin or "")


# -- readers, fuzzed --------------------------------------------------------------------------
_fuzz = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_fuzz
@given(fmt=st.sampled_from(sorted(_FORMATS)), data=st.binary(max_size=3000))
def test_readers_survive_random_bytes(tmp_path, fmt, data):
    path = tmp_path / f"fuzz{_FORMATS[fmt]}"
    path.write_bytes(data)
    _well_behaved(_items(path, fmt), path)
    _well_behaved(_items(path), path)  # sniffed


_json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                            max_leaves=8)
_surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
_lines = st.one_of(
    st.builds(json.dumps, st.fixed_dictionaries({"text": st.text(max_size=80)},
                                                 optional={"id": _json_values, "date": _json_values, "title": _json_values})),
    st.builds(json.dumps, _json_values),
    st.text(max_size=60).map(lambda s: s.replace("\n", " ")),
    st.binary(max_size=40).map(lambda b: b.replace(b"\n", b" ").decode("latin-1")),
    # nested deeper than the parser's stack, bare or as a field
    st.builds(lambda n, key, shape: (f'{{"{key}": ' if key else "") + shape[0] * n + shape[1] * n + ("}" if key else ""),
              st.integers(2_000, 120_000), st.sampled_from(["", "text", "title"]), st.sampled_from(["[]", ("{\"a\":", "}")])),
    # a lone surrogate as JSON writes it ("\\ud800"), in any field
    st.builds(lambda key, text, lone: json.dumps({"text": "Talks resumed.", key: text + lone + text}),
              st.sampled_from(["text", "id", "title", "url", "source"]), st.text(max_size=10), _surrogate),
)


@_fuzz
@given(lines=st.lists(_lines, max_size=12))
def test_jsonl_failures_name_their_line(tmp_path, lines):
    path = tmp_path / "feed.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape"))
    items = _items(path)
    _well_behaved(items, path)
    for item in items:
        if isinstance(item, Failure) and item.origin == str(path):  # no record at all
            assert item.code == "E103" and not "".join(lines).strip()
            continue
        line = int(item.origin.rsplit(":", 1)[1])
        assert 1 <= line <= max(len(lines), 1)


def test_a_jsonl_whose_first_line_reads_par1_is_still_json_lines(tmp_path):
    """Found by the fuzz test above: a .jsonl file opening with Parquet's magic "PAR1" was read
    as Parquet (E115, not a Parquet file); its name says JSON Lines, so its line 1 is at fault."""
    path = tmp_path / "feed.jsonl"
    path.write_text("PAR1", "utf-8")
    items = _items(path)
    assert [i.origin for i in items] == [f"{path}:1"] and items[0].code != "E115"


def test_a_csv_whose_first_cell_is_a_brace_is_still_a_csv(tmp_path):
    """Found by the fuzz test below: a .csv with no header whose only cell is "{" was sniffed as
    JSON Lines (E104, "not valid JSON"); its name says CSV, so it is a CSV with no text column."""
    path = tmp_path / "table.csv"
    path.write_text("\r\n{\r\n", "utf-8")
    assert [i.code for i in _items(path)] == ["E106"]


@_fuzz
@given(header=st.lists(st.sampled_from(["id", "date", "title", "text", "url", "source", "x", ""]), max_size=5),
       rows=st.lists(st.lists(st.text(max_size=20), max_size=6), max_size=6))
def test_csv_with_any_columns(tmp_path, header, rows):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / "table.csv"
    path.write_text(buffer.getvalue(), "utf-8")
    items = _items(path)
    _well_behaved(items, path)
    if "text" not in header:
        assert [i.code for i in items] == ["E106"]


@_fuzz
@given(before=st.integers(0, 2), after=st.integers(0, 2), megabytes=st.integers(3, 40),
       encoded=st.booleans(), gz=st.booleans())
def test_warc_bombs_anywhere_are_one_failure_and_the_pages_around_are_read(tmp_path, before, after, megabytes,
                                                                            encoded, gz):
    from tests.ingest.test_ingest_hostile import _PAGE, _warc as write_warc, _zeros_gzip

    bomb = _zeros_gzip(megabytes) if encoded else b"<html><body>" + (b"\0" * 1023 + b"\n") * (megabytes << 10)
    headers = [("Content-Encoding", "gzip")] if encoded else []
    records = [(f"https://example.org/a{i}", _PAGE, []) for i in range(before)] + [("https://example.org/bomb", bomb, headers)]
    records += [(f"https://example.org/b{i}", _PAGE, []) for i in range(after)]
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, records, gz=gz)
    items = list(read_path(path, ReadOptions(max_record_bytes=2_000_000)))
    _well_behaved(items, path)
    assert [getattr(i, "code", "article") for i in items] == ["article"] * before + ["E120"] + ["article"] * after


def _warc(path: Path, pages: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(3)
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for i in range(pages):
            body = f"<html><body><article><h1>Title {i}</h1><p>{article_text(rng, i)}</p>" \
                   f"<p>{article_text(rng, i + 50)}</p></article></body></html>".encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "response",
                                                          payload=io.BytesIO(body), http_headers=headers))


@pytest.mark.parametrize("case, name, content, code, where", [
    ("invalid UTF-8", "bad.txt", b"date 2024-10-15\n\nCaf\xe9 \xff\xfe talks resumed.", "E102", ""),
    ("empty file", "empty.txt", b"", "E103", ""),
    ("non-JSON line", "feed.jsonl", b'{"text": "Talks resumed."}\n{oops\n', "E104", ":2"),
    ("JSON line without text", "feed.jsonl", b'{"title": "x"}\n', "E105", ":1"),
    ("CSV without a text column", "t.csv", b"id,title\n1,x\n", "E106", ""),
    ("HTML without text", "p.html", b"<html><head><title>T</title></head><body><script>var a = 1;</script></body></html>", "E107", ""),
])
def test_each_bad_input_is_a_failure_naming_file_and_line(tmp_path, case, name, content, code, where):
    path = tmp_path / name
    path.write_bytes(content)
    failures = [i for i in _items(path) if isinstance(i, Failure)]
    assert [f.code for f in failures] == [code], case
    assert failures[0].origin == f"{path}{where}" and str(path) in failures[0].message


def test_a_truncated_warc_keeps_what_came_before(tmp_path):
    path = tmp_path / "crawl.warc"
    _warc(path, 3)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 400])
    items = _items(path)
    _well_behaved(items, path)
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Failure"]
    assert items[-1].code == "E108" and items[-1].origin.endswith("#3")


def test_text_over_max_chars_is_a_failure_not_a_truncation(tmp_path):
    config = newsgraph.config.load(overrides={"analyze.max_chars": "60"})
    path = tmp_path / "long.txt"
    path.write_text("date 2024-10-15\n\n" + "The minister spoke. " * 10)
    summary = newsgraph.analyze([path], db=tmp_path / "t.duckdb", config=config)
    assert summary.analysed == 0 and [f.code for f in summary.failures] == ["E109"]
    assert "long.txt" in summary.failures[0].message and "max_chars=60" in summary.failures[0].message


_BIG = """
import json, resource, sys
import newsgraph
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
summary = newsgraph.analyze(sys.argv[1:-1], db=sys.argv[-1])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"codes": [f.code for f in summary.failures], "analysed": summary.analysed,
                  "growth_mb": (after - before) / 1024}))
"""


def test_a_50_mb_input_is_refused_in_bounded_memory(tmp_path):
    paragraph = "The minister said on Monday that talks would resume after the summit. " * 14 + "\n"
    copies = 50_000_000 // len(paragraph)
    with (tmp_path / "huge.txt").open("w") as fh:
        fh.write("date 2024-10-15\n\n")
        for _ in range(copies):
            fh.write(paragraph)
    with (tmp_path / "huge.jsonl").open("w") as fh:
        fh.write('{"id": "big", "text": "' + paragraph.strip() * copies + '"}\n')
        fh.write('{"id": "small", "text": "Talks resumed in Geneva on Monday."}\n')
    run = subprocess.run([PYTHON, "-c", _BIG, str(tmp_path / "huge.txt"), str(tmp_path / "huge.jsonl"),
                          str(tmp_path / "t.duckdb")], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["codes"] == ["E109", "E109"] and result["analysed"] == 1
    assert result["growth_mb"] < 400, result  # a few times the input at most, then freed


# -- kill -9, then run again -----------------------------------------------------------------
def per_article(db: Path) -> dict[str, tuple[int, ...]]:
    """article id -> its rows in analyses, sentences and mentions: an article is whole or absent."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT a.id, (SELECT count(*) FROM analyses x WHERE x.article_id = a.id),"
                           " (SELECT count(*) FROM sentences x WHERE x.article_id = a.id),"
                           " (SELECT count(*) FROM mentions x WHERE x.article_id = a.id) FROM articles a").fetchall()
    finally:
        con.close()
    return {r[0]: tuple(r[1:]) for r in rows}


_CHILD = """
import sys
import newsgraph
from newsgraph.config import load
config = load(overrides={"analyze.batch_size": "3"})
newsgraph.analyze(sys.argv[3:], db=sys.argv[1], config=config, workers=int(sys.argv[2]),
                  progress=lambda n: print("batch", flush=True))
print("done", flush=True)
"""


def _kill_after(db: Path, workers: int, inputs: list[Path], batches: int, delay: float) -> list[int]:
    """Start an analysis, kill -9 it ``delay`` s after its ``batches``-th batch; its children's pids."""
    import psutil

    child = subprocess.Popen([PYTHON, "-c", _CHILD, str(db), str(workers), *map(str, inputs)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for _ in range(batches):
            assert child.stdout.readline().strip() == "batch"
        time.sleep(delay)
        kids = [k.pid for k in psutil.Process(child.pid).children(recursive=True)]
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        child.stdout.close()
    return kids


def _gone(pids: list[int], within: float = 15.0) -> bool:
    import psutil

    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
        if not alive:
            return True
        time.sleep(0.3)
    return False


@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("killcorpus")
    inputs = write_corpus(folder, 30, seed=11)
    clean = folder / "clean.duckdb"
    newsgraph.analyze(inputs, db=clean)
    return inputs, snapshot(clean), per_article(clean)


@pytest.mark.parametrize("workers, delays", [(1, (0.0, 0.15, 0.4)), (2, (0.05,))])
def test_killed_runs_resume_with_every_article_stored_once(tmp_path, kill_corpus, workers, delays):
    inputs, clean, whole = kill_corpus
    db = tmp_path / "t.duckdb"
    for round_, delay in enumerate(delays, start=1):
        kids = _kill_after(db, workers, inputs, batches=round_, delay=delay)
        assert _gone(kids), "worker processes outlived their killed parent"
        partial = per_article(db)
        assert 0 < len(partial) < len(whole)
        assert partial == {k: whole[k] for k in partial}  # each stored article is whole
    newsgraph.analyze(inputs, db=db)
    assert snapshot(db) == clean


# -- full disk, read-only and locked databases -------------------------------------------------
_FILL = """
import json, resource, signal, sys
import newsgraph
from newsgraph.records import Article
from newsgraph.errors import NewsgraphError
if sys.argv[2] != "0":  # no tmpfs: a file size limit makes writes fail as a full disk does
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
texts = [line for line in open(sys.argv[3], encoding="utf-8").read().split("\\n") if line]
articles = [Article(id=f"a{i}", text=t, date="2024-10-15", date_source="cli") for i, t in enumerate(texts)]
try:
    newsgraph.analyze(articles, db=sys.argv[1], config=newsgraph.config.load(overrides={"analyze.batch_size": "3"}))
    print(json.dumps({"error": None}))
except NewsgraphError as exc:
    print(json.dumps({"error": exc.code, "message": str(exc)}))
"""


def _small_disk(folder: Path, kilobytes: int) -> bool:
    """Mount a tmpfs of ``kilobytes`` at ``folder`` when we may; False if not (not root, no mount)."""
    if os.geteuid() != 0:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(folder)],
                          capture_output=True)
    return done.returncode == 0


def test_a_full_disk_fails_cleanly_and_the_run_resumes(tmp_path):
    rng = random.Random(5)
    texts = tmp_path / "texts.txt"
    texts.write_text("\n".join((article_text(rng, i) + " ") * 6 for i in range(30)), "utf-8")
    disk = tmp_path / "disk"
    mounted = _small_disk(disk, 1200)
    disk.mkdir(exist_ok=True)
    db = disk / "t.duckdb"
    try:
        limit = "0" if mounted else str(1200 * 1024)
        run = subprocess.run([PYTHON, "-c", _FILL, str(db), limit, str(texts)], capture_output=True, text=True,
                             timeout=600)
        result = json.loads(run.stdout.strip().splitlines()[-1])
        assert result["error"] == "E306", (result, run.stderr[-2000:])
        assert "earlier batches are intact" in result["message"]
        stored = per_article(db)
        assert 0 < len(stored) < 30
        assert all(analyses and sentences for analyses, sentences, _ in stored.values())
        if mounted:
            subprocess.run(["mount", "-o", "remount,size=200m", str(disk)], check=True)
        resumed = subprocess.run([PYTHON, "-c", _FILL, str(db), "0", str(texts)], capture_output=True, text=True,
                                 timeout=600)
        assert json.loads(resumed.stdout.strip().splitlines()[-1])["error"] is None, resumed.stderr[-2000:]
        assert len(per_article(db)) == 30
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_read_only_store_refuses_writes_and_stays_intact(tmp_path):
    db = tmp_path / "t.duckdb"
    newsgraph.analyze([Article(id="a1", text="Talks resumed in Geneva on Monday.", date_source="none")], db=db)
    before = snapshot(db)
    with newsgraph.open(db) as store:
        analysed = newsgraph.annotate(Article(id="a2", text="Officials denied it.", date_source="none"))
        with pytest.raises(StoreError, match=r"E310.*read-only"):
            store.write_batch([analysed])
        assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] == 1
    assert snapshot(db) == before


_HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("holding", flush=True)
time.sleep(60)
"""


def test_a_database_held_by_another_process_is_a_clear_error(tmp_path):
    db = tmp_path / "t.duckdb"
    newsgraph.analyze([Article(id="a1", text="Talks resumed in Geneva on Monday.", date_source="none")], db=db)
    before = snapshot(db)
    holder = subprocess.Popen([PYTHON, "-c", _HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreLockedError, match="E302"):
            newsgraph.analyze([Article(id="a2", text="Officials denied it.", date_source="none")], db=db)
        page = tmp_path / "new.txt"
        page.write_text("Officials denied it on Tuesday.")
        cli = subprocess.run([str(Path(PYTHON).with_name("newsgraph")), "analyze", str(page), "--db", str(db)],
                             capture_output=True, text=True, timeout=120)
        assert cli.returncode == 1 and "E302" in cli.stderr and "Traceback" not in cli.stderr
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert snapshot(db) == before
