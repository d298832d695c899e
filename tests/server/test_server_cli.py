"""`newsgraph serve` as a user runs it: a second process finds the database locked and is told
which server holds it; the marker file goes away on shutdown; no public bind without a token."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time

import httpx

from tests.server.test_server_demo import build_demo

CLI = [sys.executable, "-m", "newsgraph"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("server did not start")


def test_serve_names_itself_to_other_processes_and_cleans_up(tmp_path):
    db = build_demo(tmp_path / "demo.duckdb")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_healthy(url, proc)
        marker = tmp_path / "demo.duckdb.server"
        assert json.loads(marker.read_text()) == {"url": url, "pid": proc.pid}
        other = subprocess.run([*CLI, "articles", "--db", str(db)], capture_output=True, text=True, timeout=120)
        assert other.returncode == 1
        assert "E302" in other.stderr and url in other.stderr and "POST /articles" in other.stderr
        assert httpx.get(url + "/threads").json()["items"][0]["n_sources"] == 3
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert not (tmp_path / "demo.duckdb.server").exists()


def test_serve_refuses_public_bind_without_token(tmp_path):
    db = build_demo(tmp_path / "demo.duckdb")
    result = subprocess.run([*CLI, "serve", "--db", str(db), "--host", "0.0.0.0"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert "E701" in result.stderr and "--token" in result.stderr
    assert not (tmp_path / "demo.duckdb.server").exists()
