"""The Dask engine vs the local pool: the same corpus on a LocalCluster of 2 workers and on a
local process pool of 2 workers, each into a fresh database, in one run.

    python bench/dask.py [--n 168] [--workers 2] [--partition-size 32]

Texts: ../shared/eval/attribution/polnear-dev/text/*.txt, repeated (new ids) up to --n,
written as one JSON Lines file. Both figures include start-up (cluster or pool, and each
worker loading its model); the Dask figure includes writing Parquet shards and loading them
into DuckDB. Also checks that both databases hold the same records. Prints one line per
measure and a JSON line at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This file is named dask.py: keep its folder off the path so ``import dask`` finds the library.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "src"))

TEXTS = ROOT.parent / "shared" / "eval" / "attribution" / "polnear-dev" / "text"


def _write_jsonl(path: Path, n: int) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("ng_bench_throughput", ROOT / "bench" / "throughput.py")
    throughput = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(throughput)
    corpus = throughput.corpus

    with path.open("w", encoding="utf-8") as fh:
        for a in corpus(n):
            fh.write(json.dumps({"id": a.id, "date": a.date, "title": a.title, "text": a.text}) + "\n")


def _rows(db: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "sentences", "mentions", "timexes", "actors", "places", "attributions",
                          "claims", "events")}
    finally:
        con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=168)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=32)
    args = parser.parse_args()
    if not TEXTS.exists():
        print(f"skipped: {TEXTS} not present (the benchmark reads real articles from ../shared)")
        return 0
    import newsgraph
    from newsgraph.run import analyze_dask

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        _write_jsonl(feed, args.n)
        print(f"{args.n} articles; {args.workers} workers; load average {os.getloadavg()[0]:.2f} "
              f"on {os.cpu_count()} cores")
        started = time.perf_counter()
        pool = newsgraph.analyze([feed], db=Path(tmp) / "pool.duckdb", workers=args.workers)
        pool_s = time.perf_counter() - started
        print(f"local pool, {args.workers} workers   {pool.analysed / pool_s:7.2f} articles/s  ({pool_s:.1f} s)")
        started = time.perf_counter()
        dask = analyze_dask([feed], Path(tmp) / "dask.duckdb", workers=args.workers, shards=Path(tmp) / "shards",
                            partition_size=args.partition_size)
        dask_s = time.perf_counter() - started
        print(f"Dask LocalCluster({args.workers})    {dask.analysed / dask_s:7.2f} articles/s  ({dask_s:.1f} s)")
        same = _rows(Path(tmp) / "pool.duckdb") == _rows(Path(tmp) / "dask.duckdb")
    print(f"dask / pool = {pool_s / dask_s:.2f}; same row counts in both databases: {same}")
    print(json.dumps({"n": args.n, "workers": args.workers, "pool_aps": round(pool.analysed / pool_s, 3),
                      "dask_aps": round(dask.analysed / dask_s, 3), "dask_over_pool": round(pool_s / dask_s, 3),
                      "same_rows": same}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
