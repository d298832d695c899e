"""Throughput: bare spaCy ``nlp.pipe`` vs the full ``newsgraph analyze`` into a fresh database,
on the same real articles in one run, then the full analysis on 1 vs 2 worker processes.

    python bench/throughput.py [--n 168] [--batch-size 32] [--workers 2]

Texts: ../shared/eval/attribution/polnear-dev/text/*.txt (real news), repeated (with new ids)
up to --n. Bare spaCy is ``spacy.load(model)`` with its default components and ``nlp.pipe``
with the same batch size in one process. Model loading is excluded from every figure; pool
start-up (workers loading their model) is included in the 2-worker figure. Prints one line
per measure and a JSON line at the end. Targets: full >= 0.8 x bare; 2 workers >= 1.7 x 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import newsgraph  # noqa: E402
from newsgraph.config import load as load_config, with_overrides  # noqa: E402
from newsgraph.ingest import read_path  # noqa: E402
from newsgraph.records import Article  # noqa: E402

TEXTS = ROOT.parent / "shared" / "eval" / "attribution" / "polnear-dev" / "text"


def corpus(n: int) -> list[Article]:
    """``n`` articles: the real texts in order, repeated with new ids when n exceeds them."""
    base = [a for f in sorted(TEXTS.glob("*.txt")) for a in read_path(f) if isinstance(a, Article)]
    return [dataclasses.replace(base[i % len(base)], id=f"{base[i % len(base)].id}-{i // len(base)}")
            for i in range(n)]


def bare(articles: list[Article], model: str, batch_size: int) -> float:
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe([a.text for a in articles[:4]], batch_size=batch_size))  # warm-up
    started = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=batch_size):
        pass
    return time.perf_counter() - started


def full(articles: list[Article], config, workers: int, folder: Path) -> float:
    newsgraph.annotate(articles[0], config=config)  # warm-up: model and extractor tables loaded
    db = folder / f"bench-{workers}.duckdb"
    started = time.perf_counter()
    summary = newsgraph.analyze(articles, db=db, config=config, workers=workers)
    seconds = time.perf_counter() - started
    assert summary.analysed == len(articles), summary.as_dict()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=168, help="articles (the 84 real texts, repeated)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="workers for the scaling figure")
    args = parser.parse_args()
    if not TEXTS.exists():
        print(f"skipped: {TEXTS} not present (the benchmark reads real articles from ../shared)")
        return 0
    config = with_overrides(load_config(), batch_size=args.batch_size)
    articles = corpus(args.n)
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {chars / len(articles):.0f} chars each on average; "
          f"batch size {args.batch_size}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    figures: dict[str, float] = {}
    t = bare(articles, config.analyze.model, args.batch_size)
    figures["bare_spacy_aps"] = len(articles) / t
    print(f"bare spaCy nlp.pipe         {figures['bare_spacy_aps']:7.2f} articles/s  ({t:.1f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        t = full(articles, config, 1, Path(tmp))
        figures["full_aps"] = len(articles) / t
        print(f"full analyze, 1 process     {figures['full_aps']:7.2f} articles/s  ({t:.1f} s)")
        t = full(articles, config, args.workers, Path(tmp))
        figures["full_workers_aps"] = len(articles) / t
        print(f"full analyze, {args.workers} workers     {figures['full_workers_aps']:7.2f} articles/s  ({t:.1f} s)")
    figures["full_over_bare"] = figures["full_aps"] / figures["bare_spacy_aps"]
    figures["scaling"] = figures["full_workers_aps"] / figures["full_aps"]
    print(f"full / bare = {figures['full_over_bare']:.2f} (target >= 0.8); "
          f"{args.workers} workers / 1 = {figures['scaling']:.2f}x (target >= 1.7x)")
    print(json.dumps({"n": len(articles), "batch_size": args.batch_size, "workers": args.workers,
                      **{k: round(v, 3) for k, v in figures.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
