"""/health latency while many clients send slow user SQL at once (issue 26, item 6).

    python bench/sql_flood.py [--clients 45] [--probes 10]

Starts `newsgraph serve` on an empty database in a second process (free loopback port), fires
``--clients`` parallel ``POST /sql`` of a query that runs until the server's time limit, and
meanwhile times ``GET /health`` and ``GET /`` (the UI) ``--probes`` times each. Prints the
status counts of the SQL requests and the worst and median probe latencies.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

SLOW = "SELECT count(*) AS n FROM range(10000000000000) t(i) WHERE i % 7 = 3"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def _probe(client: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    client.get(path).raise_for_status()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=45)
    parser.add_argument("--probes", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ng-flood-"))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(folder / "x.duckdb"),
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(url, proc)
        statuses: Counter[int] = Counter()

        def flood() -> None:
            with httpx.Client(base_url=url, timeout=120) as c:
                statuses[c.post("/sql", json={"sql": SLOW}).status_code] += 1

        threads = [threading.Thread(target=flood) for _ in range(args.clients)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        with httpx.Client(base_url=url, timeout=120) as client:
            health = [_probe(client, "/health") for _ in range(args.probes)]
            ui = [_probe(client, "/") for _ in range(args.probes)]
        for t in threads:
            t.join()
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    print(json.dumps({"clients": args.clients, "sql_statuses": dict(sorted(statuses.items())),
                      "health_max_s": round(max(health), 3), "health_median_s": round(statistics.median(health), 3),
                      "ui_max_s": round(max(ui), 3), "ui_median_s": round(statistics.median(ui), 3)}))


if __name__ == "__main__":
    main()
