"""Throughput: bare spaCy ``nlp.pipe`` vs the full ``newsgraph analyze`` into a fresh database,
on the same real articles in one run, then the full analysis on 1 vs 2 worker processes.

    python bench/throughput.py [--n 168] [--batch-size 32] [--workers 2] [--rounds 3]

Texts: ../shared/eval/attribution/polnear-dev/text/*.txt (real news), repeated (with new ids)
up to --n. Bare spaCy is ``spacy.load(model)`` with its default components and ``nlp.pipe``
with the same batch size in one process. The parse alone is the same with spaCy as newsgraph
loads it (identical annotations; the attribute ruler and lemmatizer by lookup, matrix products
by numpy's OpenBLAS on one thread, see nlp/spacy_rules.py): full / parse alone is what the
extractors, fusion and the store cost. Every full figure is ``newsgraph.analyze`` of all the
articles into a fresh DuckDB file (fuse included).

Two scaling figures, each comparing like with like:

* steady state (the target): start-up excluded for both. 1 process (a fresh one, like each
  worker): the model and the extractors' tables are loaded (a first ``annotate``) before the
  clock starts; N workers: a
  ``WorkerPool`` is started and every worker has loaded its model before the clock starts,
  then ``analyze(..., pool=pool)``.
* with start-up: the same runs plus their start-up (1 process: that first ``annotate``, i.e.
  loading the model in this process; N workers: starting the pool and each worker loading its
  model), which is what a one-off ``newsgraph analyze`` pays.

Each round runs 1 process, N workers, N workers, 1 process (A B B A) and takes the means of
each pair, so that the machine's drift during a round does not favour either side.

Prints one line per measure, the load average before and after the runs and, for each full
run, how many cores other processes kept busy meanwhile (from /proc: the machine's busy CPU
time minus this run's own processes'), since on a shared machine that is what the workers
could not use; and a JSON line at the end. Targets: full >= 0.8 x bare; steady state N workers >= 1.7 x 1.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import multiprocessing
import os
import statistics
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


def bare(articles: list[Article], model: str, batch_size: int, ours: bool = False) -> float:
    """Seconds for ``nlp.pipe`` over the texts: spaCy as shipped or, with ``ours``, as newsgraph
    loads it (the same annotations, its rule components faster: nlp/spacy_rules.py)."""
    import spacy

    from newsgraph.nlp.shared.spacy_rules import one_blas_thread, speed_up

    nlp = speed_up(spacy.load(model)) if ours else spacy.load(model)
    list(nlp.pipe([a.text for a in articles[:4]], batch_size=batch_size))  # warm-up
    with one_blas_thread() if ours else contextlib.nullcontext():
        started = time.perf_counter()
        for _ in nlp.pipe((a.text for a in articles), batch_size=batch_size):
            pass
        return time.perf_counter() - started


def _cpu_seconds(pid: int | str = "self") -> float:
    """CPU seconds (user + system) a process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy() -> float:
    """CPU seconds every process on the machine has used so far (Linux /proc/stat; 0 elsewhere)."""
    try:
        ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except OSError:
        return 0.0
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def _timed_analyze(articles: list[Article], config, db: Path, pool=None) -> tuple[float, dict]:
    """(seconds, {cores other processes kept busy meanwhile, CPU seconds of this process and
    of each worker}); the first is what this run could not use."""
    pids = ["self", *(pool.pids if pool else [])]
    before, machine = [_cpu_seconds(p) for p in pids], _machine_busy()
    started = time.perf_counter()
    summary = newsgraph.analyze(articles, db=db, config=config, workers=1, pool=pool)
    seconds = time.perf_counter() - started
    cpu = [_cpu_seconds(p) - b for p, b in zip(pids, before)]
    others = max((_machine_busy() - machine) - sum(cpu), 0.0) / seconds
    assert summary.analysed == len(articles), summary.as_dict()
    return seconds, {"other_cores": others, "cpu": cpu}


def _cpu_note(usage: dict) -> str:
    parts = " + ".join(f"{c:.1f}" for c in usage["cpu"])
    return f"CPU s {parts} (this process{' + workers' if len(usage['cpu']) > 1 else ''}); " \
           f"other processes kept {usage['other_cores']:.2f} cores busy"


def full(articles: list[Article], config, folder: Path) -> tuple[float, float, dict]:
    """One process: (start-up seconds, analyse seconds, CPU use: see _timed_analyze)."""
    started = time.perf_counter()
    newsgraph.annotate(articles[0], config=config)  # start-up: model and extractor tables loaded
    startup = time.perf_counter() - started
    return startup, *_timed_analyze(articles, config, folder / "bench-1.duckdb")


def full_fresh(articles: list[Article], config, folder: Path) -> tuple[float, float, dict]:
    """``full`` in a fresh process, as cold as the workers: a process that has analysed before
    runs about 25 % faster (spaCy's vocabulary and the extractors' caches are warm), which
    would flatter the 1-process figure from the second round on."""
    with multiprocessing.get_context("spawn").Pool(1) as child:
        return child.apply(full, (articles, config, folder))


def full_pool(articles: list[Article], config, workers: int, folder: Path) -> tuple[float, float, dict]:
    """A pool of ``workers``: (start-up seconds: pool started, every model loaded; analyse
    seconds; CPU use: see _timed_analyze)."""
    from newsgraph.run.pool import WorkerPool

    pool = WorkerPool(workers, config.analyze)
    try:
        startup = pool.start()
        return startup, *_timed_analyze(articles, config, folder / f"bench-{workers}.duckdb", pool)
    finally:
        pool.close()


def one_round(articles: list[Article], config, args) -> dict[str, float]:
    """Bare spaCy, then 1 process, N workers, N workers, 1 process, back to back; the full
    figures are the means of each pair. The ratios of one round share the machine's state (its
    speed drifts by tens of per cent between minutes, even when idle), and the A B B A order
    cancels a drift that goes one way over the round."""
    figures: dict[str, float] = {}
    t = bare(articles, config.analyze.model, args.batch_size)
    figures["bare_spacy_aps"] = len(articles) / t
    print(f"bare spaCy nlp.pipe         {figures['bare_spacy_aps']:7.2f} articles/s  ({t:.1f} s)")
    t = bare(articles, config.analyze.model, args.batch_size, ours=True)
    figures["newsgraph_spacy_aps"] = len(articles) / t
    print(f"newsgraph's spaCy, parse only {figures['newsgraph_spacy_aps']:5.2f} articles/s  ({t:.1f} s; "
          f"the same annotations: rule components by lookup, matrix products by OpenBLAS)")
    n, w = len(articles), args.workers
    runs: dict[str, list[tuple[float, float, dict]]] = {"1": [], "n": []}
    with tempfile.TemporaryDirectory() as tmp:
        # A B B A: the machine's drift over the minutes of a round weighs on both alike
        for k, which in enumerate(("1", "n", "n", "1")):
            folder = Path(tmp) / str(k)
            folder.mkdir()
            run = full_fresh(articles, config, folder) if which == "1" else full_pool(articles, config, w, folder)
            runs[which].append(run)
            label = "1 process  " if which == "1" else f"{w} workers  "
            print(f"full analyze, {label}  {n / run[1]:7.2f} articles/s  ({run[1]:.1f} s; "
                  f"with start-up {run[0]:.1f} s: {n / (run[0] + run[1]):.2f} articles/s; {_cpu_note(run[2])})")
    (up1, t1), (upn, tn) = ((statistics.mean(r[0] for r in runs[k]), statistics.mean(r[1] for r in runs[k]))
                            for k in ("1", "n"))
    figures.update(full_aps=n / t1, full_workers_aps=n / tn, full_startup_aps=n / (up1 + t1),
                   full_workers_startup_aps=n / (upn + tn))
    figures.update(other_cores_1=max(r[2]["other_cores"] for r in runs["1"]),
                   other_cores_workers=max(r[2]["other_cores"] for r in runs["n"]))
    print(f"means: 1 process {t1:.1f} s, {w} workers {tn:.1f} s")
    figures["full_over_bare"] = figures["full_aps"] / figures["bare_spacy_aps"]
    figures["full_over_parse"] = figures["full_aps"] / figures["newsgraph_spacy_aps"]
    figures["scaling"] = figures["full_workers_aps"] / figures["full_aps"]
    figures["scaling_with_startup"] = figures["full_workers_startup_aps"] / figures["full_startup_aps"]
    print(f"full / bare = {figures['full_over_bare']:.2f} (target >= 0.8); full / newsgraph's parse alone = "
          f"{figures['full_over_parse']:.2f}; {w} workers / 1 = "
          f"{figures['scaling']:.2f}x steady state (target >= 1.7x), "
          f"{figures['scaling_with_startup']:.2f}x with start-up; load average now {os.getloadavg()[0]:.2f}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=168, help="articles (the 84 real texts, repeated)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="workers for the scaling figure")
    parser.add_argument("--rounds", type=int, default=1, help="repeat bare/1/N back to back; medians")
    args = parser.parse_args()
    if not TEXTS.exists():
        print(f"skipped: {TEXTS} not present (the benchmark reads real articles from ../shared)")
        return 0
    config = with_overrides(load_config(), batch_size=args.batch_size)
    articles = corpus(args.n)
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {chars / len(articles):.0f} chars each on average; "
          f"batch size {args.batch_size}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    rounds = [one_round(articles, config, args) for _ in range(args.rounds)]
    figures = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}
    if args.rounds > 1:
        print(f"median of {args.rounds} rounds: full / bare = {figures['full_over_bare']:.2f}; full / parse "
              f"alone = {figures['full_over_parse']:.2f}; "
              f"{args.workers} workers / 1 = {figures['scaling']:.2f}x steady state, "
              f"{figures['scaling_with_startup']:.2f}x with start-up")
    print(json.dumps({"n": len(articles), "batch_size": args.batch_size, "workers": args.workers,
                      **{k: round(v, 3) for k, v in figures.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
