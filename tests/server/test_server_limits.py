"""The server under abuse (issue 26, items 6 to 8): user SQL in a few slots (429 beyond), a cap
on response bytes, /health and the UI answering while SQL runs; only real loopback names pass
without a token; refusals carry the security headers; SIGTERM exits cleanly and removes the
marker; a stale marker is named and removed; a database that cannot be opened is reported
before anything says "serving"."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.server.test_server_cli import CLI, _free_port, _wait_healthy
from tests.server.test_server_demo import build_demo

from newsgraph.config import load
from newsgraph.errors import ConfigError, StoreLockedError
from newsgraph.server import create_app
from newsgraph.server.runner import Background, check_bind
from newsgraph.server.security import is_loopback
from newsgraph.store import open_store

SLOW = "SELECT count(*) AS n FROM range(10000000000000) t(i) WHERE i % 7 = 3"
SECURITY_HEADERS = ("content-security-policy", "x-frame-options", "x-content-type-options")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_demo(tmp_path_factory.mktemp("limits") / "demo.duckdb")


@pytest.fixture(scope="module")
def store(db):
    s = open_store(db)
    yield s
    s.close()


def _client(store, **settings) -> TestClient:
    config = load(overrides={f"server.{k}": str(v) for k, v in settings.items()})
    return TestClient(create_app(store, config=config), raise_server_exceptions=False, base_url="http://localhost")


# -- item 6: the server cannot be stalled ------------------------------------------------------
def test_sql_runs_in_slots_and_health_and_ui_answer_meanwhile(store):
    config = load(overrides={"server.sql_slots": "1", "server.sql_seconds": "8"})
    with Background(create_app(store, config=config)) as url, httpx.Client(base_url=url, timeout=30) as client:
        slow: dict = {}

        def hold_the_slot() -> None:  # retried while a probe below holds the one slot
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and "r" not in slow:
                response = client.post("/sql", json={"sql": SLOW})
                if response.status_code != 429:
                    slow["r"] = response

        worker = threading.Thread(target=hold_the_slot)
        worker.start()
        deadline = time.monotonic() + 20
        while worker.is_alive() and time.monotonic() < deadline:
            busy = client.post("/sql", json={"sql": "SELECT 1 AS one"})
            if busy.status_code == 429:
                break
            time.sleep(0.05)
        assert busy.status_code == 429, busy.text
        assert busy.json()["error"]["code"] == "too_many_queries" and busy.headers["retry-after"]
        assert "server.sql_slots" in busy.json()["error"]["message"]
        assert client.get("/health").json()["status"] == "ok"
        assert "<html" in client.get("/").text.lower()
        assert worker.is_alive()  # all of that answered while the slow query held its slot
        worker.join(60)
        assert slow["r"].status_code == 400 and "server.sql_seconds" in slow["r"].json()["error"]["message"]
        assert client.post("/sql", json={"sql": "SELECT 1 AS one"}).json()["items"] == [{"one": 1}]  # slot freed


def test_sql_response_bytes_are_capped_with_a_clear_error(store):
    client = _client(store, max_response_bytes=200_000)
    big = client.post("/sql", json={"sql": "SELECT repeat('x', 100000) AS x FROM range(400)", "limit": 400})
    assert big.status_code == 400 and len(big.content) < 2000
    error = big.json()["error"]
    assert error["code"] == "response_too_large" and "server.max_response_bytes" in error["message"]
    assert "1 fit" in error["message"]
    page = client.post("/sql", json={"sql": "SELECT repeat('x', 100000) AS x FROM range(400)", "limit": 1})
    assert page.status_code == 200 and len(page.json()["items"][0]["x"]) == 100_000 and page.json()["next"]


def test_any_response_over_the_cap_is_refused_naming_the_setting(store):
    client = _client(store, max_response_bytes=2_000)
    response = client.get("/articles/demo-a")
    assert response.status_code == 500 and response.json()["error"]["code"] == "response_too_large"
    assert all(h in response.headers for h in SECURITY_HEADERS)
    assert client.get("/health").status_code == 200


def test_limits_are_settings():
    server = load().server
    assert (server.sql_slots, server.sql_seconds, server.max_response_bytes) == (2, 10.0, 50_000_000)
    with pytest.raises(ConfigError, match="E202"):
        load(overrides={"server.sql_slots": "0"})


# -- item 7: loopback means loopback; refusals carry the headers ------------------------------
@pytest.mark.parametrize("host, ok", [("localhost", True), ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True),
                                      ("[::1]", True), ("::ffff:127.0.0.1", True), ("LOCALHOST", True),
                                      ("testserver", False), ("localhost.evil.example", False),
                                      ("evil.localhost", False), ("0.0.0.0", False), ("10.0.0.1", False)])
def test_only_real_loopback_names_count(host, ok):
    assert is_loopback(host) is ok
    if ok:
        check_bind(host, None)
    else:
        with pytest.raises(ConfigError, match="E701"):
            check_bind(host, None)


def test_a_testserver_host_header_is_refused_without_token(store):
    default = TestClient(create_app(store), raise_server_exceptions=False)  # Host: testserver
    assert default.get("/health").status_code == 403
    local = _client(store)
    assert local.get("/health", headers={"host": "testserver:8000"}).status_code == 403
    assert local.get("/health", headers={"host": "localhost:8000"}).status_code == 200


def test_refusals_carry_the_security_headers(store):
    token = TestClient(create_app(store, token="s3cret"), raise_server_exceptions=False, base_url="http://localhost")
    small = TestClient(create_app(store, max_body=100), raise_server_exceptions=False, base_url="http://localhost")
    refused = [token.get("/health"), token.get("/", params={"token": "wrong"}), _client(store).get(
        "/health", headers={"host": "evil.example"}), small.post("/articles", json={"articles": [{"text": "x" * 500}]})]
    assert [r.status_code for r in refused] == [401, 401, 403, 413]
    for response in refused:
        assert all(h in response.headers for h in SECURITY_HEADERS), response.headers
        assert response.headers["x-frame-options"] == "DENY" and response.headers["x-content-type-options"] == "nosniff"
        assert "set-cookie" not in response.headers  # a wrong token is never answered with the right one


# -- item 8: shutdown and markers -------------------------------------------------------------
def test_sigterm_exits_cleanly_and_removes_the_marker(tmp_path):
    db = build_demo(tmp_path / "demo.duckdb")
    port = _free_port()
    proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", proc)
        assert (tmp_path / "demo.duckdb.server").exists()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0, proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert not (tmp_path / "demo.duckdb.server").exists()
    with open_store(db, read_only=True) as store:  # and the database is whole
        assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] > 0


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_stale_marker_is_removed_when_the_database_is_opened(tmp_path, caplog):
    db = build_demo(tmp_path / "demo.duckdb")
    marker = tmp_path / "demo.duckdb.server"
    marker.write_text(json.dumps({"url": "http://127.0.0.1:9", "pid": _dead_pid()}))
    with caplog.at_level("WARNING", logger="newsgraph"):
        open_store(db).close()
    assert not marker.exists() and "stale marker" in caplog.text


_HOLD = "import duckdb, sys, time\ncon = duckdb.connect(sys.argv[1])\nprint('held', flush=True)\ntime.sleep(60)"


def test_a_stale_marker_is_not_named_as_the_holder(tmp_path):
    db = build_demo(tmp_path / "demo.duckdb")
    marker = tmp_path / "demo.duckdb.server"
    pid = _dead_pid()
    marker.write_text(json.dumps({"url": "http://127.0.0.1:9", "pid": pid}))
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLockedError) as caught:
            open_store(db)
    finally:
        holder.kill()
        holder.wait()
    message = str(caught.value)
    assert "E302" in message and "stale marker" in message and str(pid) in message
    assert "newsgraph serve at http://127.0.0.1:9" not in message
    assert not marker.exists()


@pytest.mark.parametrize("make", ["missing folder", "not a database"])
def test_serve_reports_an_unopenable_database_before_saying_it_serves(tmp_path, make):
    db = tmp_path / "nowhere" / "x.duckdb"
    if make == "not a database":
        db = tmp_path / "x.duckdb"
        db.write_bytes(os.urandom(8192))
    port = _free_port()
    result = subprocess.run([*CLI, "serve", "--db", str(db), "--port", str(port)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and "E301" in result.stderr, result.stderr[-2000:]
    assert "serving" not in result.stderr
    assert not db.with_name(db.name + ".server").exists()


def test_serve_says_it_serves_once_the_database_is_held(tmp_path):
    db = build_demo(tmp_path / "demo.duckdb")
    port = _free_port()
    proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port), "--set", "server.sql_slots=1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline()
        assert "serving" in first
        assert (tmp_path / "demo.duckdb.server").exists()  # held by then
        _wait_healthy(f"http://127.0.0.1:{port}", proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    assert f"http://127.0.0.1:{port}/" in (first + proc.stderr.read()).replace("\n", "")


_BIG_SQL = """
import json, resource, sys
sys.path.insert(0, sys.argv[2])
from fastapi.testclient import TestClient
from newsgraph.server import create_app
from newsgraph.store import open_store
store = open_store(sys.argv[1])
client = TestClient(create_app(store), raise_server_exceptions=False, base_url="http://localhost")
client.post("/sql", json={"sql": "SELECT 1 AS one"})
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
r = client.post("/sql", json={"sql": "SELECT repeat('x', 1000000) AS x FROM range(400)", "limit": 400})
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"status": r.status_code, "code": r.json()["error"]["code"], "growth_mb": (after - before) / 1024}))
"""


def test_a_400_mb_answer_is_refused_in_bounded_memory(tmp_path):
    db = build_demo(tmp_path / "demo.duckdb")
    run = subprocess.run([sys.executable, "-c", _BIG_SQL, str(db), os.path.dirname(__file__)], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["status"] == 400 and result["code"] == "response_too_large"
    assert result["growth_mb"] < 250, result  # the 50 MB cap and a window of rows, not 400 MB twice over


@pytest.mark.parametrize("sql, first", [("SELECT 1 AS a;", {"a": 1}), ("SELECT 1 AS a; -- done", {"a": 1}),
                                        ("SELECT 'x;y' AS a -- c;", {"a": "x;y"}),
                                        ("FROM range(3) t(a)", {"a": 0}),
                                        ("DESCRIBE SELECT 1 AS a", None), ("EXPLAIN SELECT 1", None)])
def test_sql_of_every_read_only_shape_still_answers_in_pages(store, sql, first):
    page = _client(store).post("/sql", json={"sql": sql, "limit": 2})
    assert page.status_code == 200, page.text
    assert page.json()["items"] and (first is None or page.json()["items"][0] == first)
