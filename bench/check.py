"""Benchmark of ``newsgraph check``: one claim against a store of synthetic articles.

    .venv/bin/python bench/check.py [--articles 10000] [--words 400] [--mentions 60]

Articles of ``--words`` words drawn from the stance model's vocabulary (its 50th to 5,000th
most frequent words), ``--mentions`` of them also state, deny or report a claim in a sentence of
their own and a few more on the story. Prints the time to build the store, then for a few claims the seconds ``check``
takes (cold: the first call loads the model) and what it found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import tempfile
import time
from pathlib import Path

from newsgraph.fusion.check import check
from newsgraph.fusion.stance import load_model
from newsgraph.fusion.tables import insert
from newsgraph.store import open_store

CLAIM = "Engineers found a hidden tunnel under the Valmora border crossing"
_STORY = ("The tunnel ran for two hundred metres under the Valmora border crossing. Border guards closed the crossing"
          " while engineers inspected the tunnel. Trucks waited for hours at the Valmora crossing.")
SAYS = ["Engineers found a hidden tunnel under the Valmora border crossing, officials said on Monday. " + _STORY,
        "Officials denied that engineers had found any tunnel under the Valmora border crossing, calling the report"
        " a hoax. No tunnel exists under the Valmora crossing, the border agency said. " + _STORY,
        "Engineers reportedly found a hidden tunnel under the Valmora crossing, according to unconfirmed local"
        " reports. " + _STORY]


def _text(rng: random.Random, vocab: list[str], words: int) -> str:
    picks = [vocab[int(rng.uniform(50, 5000))] for _ in range(words)]
    return ". ".join(" ".join(picks[i:i + 20]).capitalize() for i in range(0, len(picks), 20)) + "."


def build(path: Path, n: int, words: int, mentions: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    vocab = sorted(load_model().vocab, key=load_model().vocab.get)
    rows = []
    for k in range(n):
        text = _text(rng, vocab, words)
        if k % max(1, n // mentions) == 0:
            text = SAYS[k // max(1, n // mentions) % 3] + " " + text[:len(text) // 4]
        day = dt.date(2024, 1, 1) + dt.timedelta(days=k % 365)
        rows.append({"id": f"bench-{k}", "text": text, "text_hash": hashlib.sha1(text.encode()).hexdigest(),
                     "date": day.isoformat(), "day": day, "date_source": "field", "title": f"Story {k}",
                     "url": None, "source": f"outlet-{k % 300}", "origin": "bench", "copy_of": None})
    with open_store(path) as store:
        insert(store, "articles", rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--mentions", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "check.duckdb"
        started = time.perf_counter()
        build(path, args.articles, args.words, args.mentions)
        print(f"store: {args.articles} articles of {args.words} words in {time.perf_counter() - started:.1f} s")
        with open_store(path, read_only=True) as store:
            for claim in (CLAIM, CLAIM, "The harbour of Valmora was closed by the storm"):
                started = time.perf_counter()
                result = check(store.con, claim)
                print(f"{time.perf_counter() - started:6.2f} s  {result['candidates_read']:4} read  "
                      f"{result['message']}  <- {claim!r}")


if __name__ == "__main__":
    main()
