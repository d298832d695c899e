"""The fuse/threads/timeline/report/export commands: thin adapters, --json prints only JSON."""

from __future__ import annotations

import json

import pytest
from fusion_support import write_story
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "story.duckdb"
    store = open_store(path)
    write_story(store)
    store.close()
    return path


def _run(*args: str):
    result = CliRunner().invoke(app, list(args))
    return result


def test_fuse_threads_timeline_json(db):
    assert _run("fuse", "--db", str(db), "--json").exit_code == 0
    result = _run("threads", "--db", str(db), "--contested", "--json")
    rows = json.loads(result.stdout)
    assert result.exit_code == 0 and len(rows) == 1 and rows[0]["contested"]
    result = _run("timeline", "--db", str(db), "--thread", rows[0]["thread_id"], "--json")
    days = [r["day"] for r in json.loads(result.stdout)]
    assert days == sorted(days) and len(days) == rows[0]["n_members"]
    assert _run("threads", "--db", str(db), "--about", "Chile").exit_code == 0


def test_report_and_export_commands(db, tmp_path):
    out = tmp_path / "brief.html"
    assert _run("report", "--db", str(db), "--about", "Argentina", "--out", str(out)).exit_code == 0
    assert "<svg" in out.read_text("utf-8")
    refused = _run("report", "--db", str(db), "--out", str(out))
    assert refused.exit_code != 0 and "E601" in str(refused.exception)
    target = tmp_path / "net.graphml"
    assert _run("export", "--db", str(db), "--format", "graphml", "--out", str(target)).exit_code == 0
    assert target.exists()
