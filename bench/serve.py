"""Latency of the claim board and timeline endpoints over 1,000,000 synthetic claims.

    python bench/serve.py [--claims 1000000] [--events 200000] [--requests 2000] [--concurrency 8]

Builds a store with SQL (synthetic rows, generated inside DuckDB), starts `newsgraph serve` in a
second process on a free loopback port, then sends a bounded load (request count and a time
limit) of varied board and timeline requests from this process, and prints p50/p99 latencies.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from newsgraph.store import open_store

N_ARTICLES = 50_000
N_ACTORS = 2_000
N_OUTLETS = 40
DAYS = 730


def build(db: Path, n_claims: int, n_events: int) -> None:
    with open_store(db) as store:
        con = store.con
        con.execute(f"""INSERT INTO articles (id, text, text_hash, date, day, date_source, source, origin)
            SELECT 'art_' || i, 'Synthetic article ' || i || '.', md5('t' || i),
                   strftime(DATE '2024-01-01' + (i % {DAYS})::INT, '%Y-%m-%d'), DATE '2024-01-01' + (i % {DAYS})::INT,
                   'field', 'outlet_' || (i % {N_OUTLETS}), 'bench'
            FROM range({N_ARTICLES}) t(i)""")
        con.execute(f"""INSERT INTO claims (id, article_id, sentence, start_char, end_char, text, extractor, version,
                claimant_id, claimant, about, time, stance, certainty, hedges, conditional, evidence)
            SELECT 'cla_' || i, 'art_' || (hash(i) % {N_ARTICLES}), 0, 0, 10, 'proposition number ' || (i % 100000),
                   'claims', 'bench', 'act_' || (hash(i + 1) % {N_ACTORS}), 'Actor ' || (hash(i + 1) % {N_ACTORS}),
                   '["act_' || (hash(i + 2) % {N_ACTORS}) || '"]', NULL,
                   CASE WHEN i % 7 = 0 THEN 'denies' WHEN i % 11 = 0 THEN 'predicts' ELSE 'asserts' END,
                   CASE WHEN i % 3 = 0 THEN 'probable' ELSE 'certain' END, '[]', false, '[]'
            FROM range({n_claims}) t(i)""")
        con.execute(f"""INSERT INTO events (id, article_id, sentence, start_char, end_char, text, extractor, version,
                event_type, actors, recipients, factuality, date, counts)
            SELECT 'eve_' || i, 'art_' || (hash(i) % {N_ARTICLES}), 0, 0, 5, 'event', 'events', 'bench',
                   'ASSAULT', '[{{"actor_id": "act_' || (hash(i + 3) % {N_ACTORS}) || '"}}]',
                   '[{{"actor_id": "act_' || (hash(i + 4) % {N_ACTORS}) || '"}}]', 'asserted',
                   strftime(DATE '2024-01-01' + (hash(i) % {DAYS})::INT, '%Y-%m-%d'), '[]'
            FROM range({n_events}) t(i)""")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, cache_size: int) -> tuple[subprocess.Popen, str, float]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port),
                             "--cache-size", str(cache_size)],
                            stderr=subprocess.DEVNULL)
    while time.perf_counter() - started < 600:
        if proc.poll() is not None:
            raise SystemExit("server exited")
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return proc, url, time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def requests_mix(rng: random.Random, n: int) -> list[tuple[str, str, dict]]:
    out = []
    for _ in range(n):
        actor = f"act_{rng.randrange(N_ACTORS)}"
        day = f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}"
        board = rng.choice([{}, {"sort": "first_seen"}, {"sort": "recent"}, {"actor": actor}, {"stance": "denies"},
                            {"since": day}, {"outlet": f"outlet_{rng.randrange(N_OUTLETS)}"}])
        timeline = rng.choice([{}, {"kind": "claim"}, {"actor": actor}, {"since": day}, {"bucket": "week"},
                               {"kind": "claim", "actor": actor}])
        out.append(rng.choice([("board", "/threads", board), ("timeline", "/timeline", timeline)]))
    return out


def load(url: str, plan: list, concurrency: int, limit_s: float) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"board": [], "timeline": []}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + limit_s
    queue = iter(plan)

    def worker() -> None:
        with httpx.Client(base_url=url, timeout=30) as client:
            while time.perf_counter() < deadline:
                with lock:
                    item = next(queue, None)
                if item is None:
                    return
                name, path, params = item
                t0 = time.perf_counter()
                r = client.get(path, params=params)
                dt = time.perf_counter() - t0
                with lock:
                    (times[name] if r.status_code == 200 else errors).append(dt if r.status_code == 200 else r.text)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        print(f"{len(errors)} errors, first: {errors[0][:200]}")
    return times


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--requests", type=int, default=2_000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--cache-size", type=int, default=512, help="Server response cache (0: every request queries).")
    ap.add_argument("--db", type=Path, help="Reuse (or build once into) this file instead of a temporary one.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        if not db.exists():
            build(db, args.claims, args.events)
            print(f"store: {args.claims:,} claims, {args.events:,} events, {N_ARTICLES:,} articles built in "
                  f"{time.perf_counter() - t0:.1f} s")
        proc, url, startup = start_server(db, args.cache_size)
        try:
            print(f"server up (derived tables built) in {startup:.1f} s")
            plan = requests_mix(random.Random(7), args.requests)
            t0 = time.perf_counter()
            times = load(url, plan, args.concurrency, args.seconds)
            wall = time.perf_counter() - t0
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    done = sum(len(v) for v in times.values())
    print(f"{done} requests in {wall:.1f} s ({done / wall:.0f}/s), concurrency {args.concurrency},"
          f" response cache {args.cache_size}")
    summary = {}
    for name, values in times.items():
        if values:
            summary[name] = {"n": len(values), "p50_ms": round(pct(values, 50), 1), "p99_ms": round(pct(values, 99), 1),
                             "mean_ms": round(statistics.mean(values) * 1000, 1)}
            print(f"{name:9s} n={len(values):5d}  p50 {summary[name]['p50_ms']:7.1f} ms  p99 {summary[name]['p99_ms']:7.1f} ms")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
