"""Memory over a long run: peak RSS over 5,000 articles, and RSS growth from the first 500
articles to the last, for the full ``newsgraph analyze`` into a fresh database.

    python bench/memory.py [--n 5000] [--batch-size 32] [--per-day 100]

The run happens in a fresh subprocess (so nothing else inflates its RSS). Articles are the
9,484 paragraphs of ../shared/eval/attribution/polnear-{train,dev}/text/*.txt (real news),
cycled (so a story comes back every 9,484 articles, within fusion's window: threads of a few
reports, as in a feed), each with a sentence naming a new person and place, so the
vocabulary keeps growing as in a real feed (the case spaCy's string store grows on),
``--per-day`` a day (0: all on one day). Prints one line per measure and a JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ATTRIBUTION = ROOT.parent / "shared" / "eval" / "attribution"
TEXTS = ATTRIBUTION / "polnear-dev" / "text"


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _ChildPeaks:
    """Peak RSS of this process's children (a long run's checkpoints fuse in a child, see
    run/batch.py Checkpoints): their VmHWM, read every 0.2 s while they live. (``RUSAGE_CHILDREN``
    would not do: a spawned child's maximum counts the parent's pages it shared before exec.)"""

    def __init__(self) -> None:
        import threading

        self.peak_mb, self._stop = 0.0, threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        import multiprocessing

        while not self._stop.wait(0.2):
            for process in multiprocessing.active_children():
                try:
                    with open(f"/proc/{process.pid}/status", encoding="ascii") as fh:
                        hwm = next((int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM:")), 0.0)
                except OSError:
                    continue  # it just ended
                self.peak_mb = max(self.peak_mb, hwm)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mb


def _articles(n: int, per_day: int = 0):
    """``per_day`` articles a day from 2016-01-01 (a feed over months: fusion compares claims
    within a window of days), or all on one day (0: every claim in one window)."""
    import datetime as dt

    from newsgraph.records import Article

    paragraphs = [p.strip() for split in ("polnear-train", "polnear-dev")
                  for f in sorted((ATTRIBUTION / split / "text").glob("*.txt"))
                  for p in f.read_text("utf-8").split("\n\n") if len(p.strip()) > 200]
    for i in range(n):
        text = f"{paragraphs[i % len(paragraphs)]} Reported by Zq{i}x Oberlin-{i} from Vel{i}ton."
        day = dt.date(2016, 1, 1) + dt.timedelta(days=i // per_day) if per_day else dt.date(2016, 10, 15)
        yield Article(id=f"m{i}", text=text, date=day.isoformat(), date_source="cli")


def child(n: int, batch_size: int, per_day: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import newsgraph
    from newsgraph.config import load as load_config, with_overrides
    from newsgraph.nlp.pipeline import load_model

    config = with_overrides(load_config(), batch_size=batch_size)
    nlp = load_model(config.analyze.model)
    samples: list[tuple[int, float, int]] = []  # (articles done, RSS MB, strings in the vocab)
    done = 0

    def progress(k: int) -> None:
        nonlocal done
        done += k
        samples.append((done, _rss_mb(), len(nlp.vocab.strings)))

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        children = _ChildPeaks()
        summary = newsgraph.analyze(_articles(n, per_day), db=Path(tmp) / "mem.duckdb", config=config, progress=progress)
        child_peak = children.stop()
        seconds = time.perf_counter() - started
    first = next(s for s in samples if s[0] >= min(500, n))
    # RSS saw-tooths by tens of MB from batch to batch (the allocator, caches emptied when
    # full), so the trend is also given as medians over the second 500 articles and the last 500
    early = [s[1] for s in samples if min(500, n) <= s[0] <= min(1000, n)]
    late = [s[1] for s in samples if s[0] > n - 500]
    fifths = [round(statistics.median([s[1] for s in samples if k * n // 5 < s[0] <= (k + 1) * n // 5]), 1)
              for k in range(5)]
    print(json.dumps({"n": n, "analysed": summary.analysed, "seconds": round(seconds, 1),
                      "peak_rss_mb": round(_peak_mb(), 1),
                      "peak_rss_fusion_child_mb": round(child_peak, 1), "rss_at_first_500_mb": round(first[1], 1),
                      "rss_at_end_mb": round(samples[-1][1], 1),
                      "growth_mb": round(samples[-1][1] - first[1], 1),
                      "median_rss_500_1000_mb": round(statistics.median(early), 1),
                      "median_rss_last_500_mb": round(statistics.median(late), 1),
                      "median_growth_mb": round(statistics.median(late) - statistics.median(early), 1),
                      "median_rss_by_fifth_mb": fifths,
                      "vocab_strings_at_500": first[2], "vocab_strings_at_end": samples[-1][2]}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--per-day", type=int, default=100, help="articles a day (0: all on one day)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not TEXTS.exists():
        print(f"skipped: {TEXTS} not present (the benchmark reads real articles from ../shared)")
        return 0
    if args.child:
        child(args.n, args.batch_size, args.per_day)
        return 0
    run = subprocess.run([sys.executable, __file__, "--child", "--n", str(args.n), "--batch-size",
                          str(args.batch_size), "--per-day", str(args.per_day)], capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr[-3000:], file=sys.stderr)
        return run.returncode
    result = json.loads(run.stdout.strip().splitlines()[-1])
    print(f"{result['analysed']} articles in {result['seconds']} s; peak RSS {result['peak_rss_mb']} MB")
    print(f"RSS after the first 500: {result['rss_at_first_500_mb']} MB; at the end: {result['rss_at_end_mb']} MB; "
          f"growth {result['growth_mb']} MB")
    print(f"median RSS over articles 500-1000: {result['median_rss_500_1000_mb']} MB; over the last 500: "
          f"{result['median_rss_last_500_mb']} MB; growth of the medians {result['median_growth_mb']} MB")
    print(f"median RSS by fifth of the run: {result['median_rss_by_fifth_mb']} MB; peak RSS of a checkpoint's"
          f" fusion (a child process): {result['peak_rss_fusion_child_mb']} MB")
    print(f"spaCy string store: {result['vocab_strings_at_500']} strings after 500, "
          f"{result['vocab_strings_at_end']} at the end")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
