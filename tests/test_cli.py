"""The CLI as a user types it: analyze, brief, articles, mentions, sql, annotate; exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED, shared_file


def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True,
                          cwd=cwd, input=stdin, timeout=600)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    shared_file("seeds/000_55f49c8fb6e3b4be.txt")
    db = tmp_path_factory.mktemp("cli") / "seed.duckdb"
    result = run("analyze", str(SEED.parent), "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    return db, json.loads(result.stdout)


def test_analyze_seed_summary(seed_db):
    _, summary = seed_db
    assert summary["read"] == 1 and summary["analysed"] == 1 and summary["failed"] == 0
    assert summary["records"] > 50


def test_articles_lists_the_seed_with_its_header_date(seed_db):
    db, _ = seed_db
    rows = json.loads(run("articles", "--db", str(db), "--json").stdout)
    assert [(r["date"], r["date_source"]) for r in rows] == [("2024-10-15", "header")]


def test_mentions_slice_back_to_the_text(seed_db):
    db, _ = seed_db
    text = json.loads(run("sql", "SELECT text FROM articles", "--db", str(db), "--json").stdout)[0]["text"]
    rows = json.loads(run("mentions", "--db", str(db), "--json").stdout)
    assert any(r["text"] == "Volodymyr Zelensky" for r in rows)
    assert all(text[r["start_char"]:r["end_char"]] == r["text"] for r in rows)


def test_brief_names_the_article(seed_db):
    db, _ = seed_db
    result = run("brief", "--db", str(db))
    assert result.returncode == 0 and "2024-10-15" in result.stdout and "sentences" in result.stdout


def test_sql_refuses_writes_with_a_clear_error(seed_db):
    db, _ = seed_db
    result = run("sql", "DROP TABLE articles", "--db", str(db))
    assert result.returncode == 1 and "E305" in result.stderr


def test_annotate_jsonl_spans_slice_the_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2024-03-01\nThe mayor of Springfield said on Friday that the bridge would reopen.", "utf-8")
    result = run("annotate", str(path), "--format", "jsonl", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    (line,) = (tmp_path / "out" / "annotations.jsonl").read_text("utf-8").splitlines()
    data = json.loads(line)
    text = data["article"]["text"]
    assert data["article"]["date"] == "2024-03-01" and data["records"]
    for record in data["records"]:
        assert text[record["start"]:record["end"]] == record["text"]
        for value in record.values():
            if isinstance(value, dict) and {"start", "end", "text"} <= set(value):
                assert text[value["start"]:value["end"]] == value["text"]


def test_unknown_format_lists_available(tmp_path):
    (tmp_path / "a.txt").write_text("Hello.", "utf-8")
    result = run("annotate", str(tmp_path / "a.txt"), "--format", "xml", "--out", str(tmp_path / "o"))
    assert result.returncode == 1 and "E204" in result.stderr and "jsonl" in result.stderr


def test_strict_exits_nonzero_on_failures_but_keeps_good_articles(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("date 2024-01-01\nA good article about a meeting.", "utf-8")
    (tmp_path / "bad.jsonl").write_text("{broken\n", "utf-8")
    db = tmp_path / "x.duckdb"  # inside the folder analysed: our own database is not read as input
    newsgraph_db_first = run("analyze", str(good), "--db", str(db))
    assert newsgraph_db_first.returncode == 0
    result = run("analyze", str(tmp_path), "--db", str(db), "--strict")
    assert result.returncode == 3 and "E104" in result.stdout
    rows = json.loads(run("articles", "--db", str(db), "--json").stdout)
    assert len(rows) == 1


def test_stdin_is_read(tmp_path):
    db = tmp_path / "s.duckdb"
    result = run("analyze", "-", "--db", str(db), "--json", stdin="date 2024-02-02\nFrom standard input.")
    assert json.loads(result.stdout)["analysed"] == 1


def test_missing_database_is_a_clear_error(tmp_path):
    result = run("articles", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 1 and "E301" in result.stderr


def test_readme_demo_prints_a_brief_with_the_contested_thread(tmp_path):
    """The README's first command: analyse the examples into the default db, print the brief."""
    examples = Path(__file__).resolve().parents[1] / "examples" / "articles"
    result = run("analyze", str(examples), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "newsgraph.duckdb").exists() and "0 failed" in result.stdout
    brief = run("brief", cwd=tmp_path).stdout
    assert "Chile accuses Argentina" in brief and "2025-03-05" in brief
    threads = brief.split("== Claim threads across articles")[1]
    contested = [block for block in threads.split("\n  - ") if "CONTESTED" in block]
    assert contested and "denies: Argentina" in contested[0]
    # every quote listed says something out of its sentence (not a bare "that" of "a charge that X denied")
    quotes = [line for line in brief.splitlines() if line.startswith("    - ") and "]" in line and ": \"" in line]
    assert quotes and not [q for q in quotes if q.endswith(': "that"')]
    # a thread made only of claims stored but not shown ("has asked for details of the flight
    # routes": a request, no proposition) is listed with --all only
    shown = json.loads(run("threads", "--json", cwd=tmp_path).stdout)
    every = json.loads(run("threads", "--json", "--all", cwd=tmp_path).stdout)
    assert len(shown) < len(every) and "flight routes" not in threads
    assert any(t["label"] == "details of the flight routes" for t in every)
    assert not any(t["label"] == "details of the flight routes" for t in shown)
