"""The events extractor's share of the analysis time (issue 22: under 15 %).

    python bench/events_share.py [--n 84]

Texts: ../shared/eval/attribution/polnear-dev/text/*.txt (real news). Each article is parsed
once (``nlp.pipe``), then every extractor runs in pipeline order as ``run_extractors`` does,
timed one by one (a first article warms the tables and caches). Prints seconds per stage, the
events extractor's share of parse + extractors, and a JSON line. ``bench/throughput.py`` gives
the whole ``newsgraph analyze`` (store and fusion included), of which this share is an upper bound.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from types import MappingProxyType

from newsgraph.config import AnalyzeOptions
from newsgraph.nlp.pipeline import extractors, load_model
from newsgraph.records import Article

TEXTS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "attribution" / "polnear-dev" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=84)
    parser.add_argument("--texts", type=Path, default=TEXTS)
    args = parser.parse_args()
    files = sorted(args.texts.glob("*.txt"))[: args.n]
    articles = [Article(id=f.stem, text=f.read_text("utf-8")) for f in files]
    nlp = load_model(AnalyzeOptions().model)
    mods = extractors()
    seconds = {"parse": 0.0, **{m.NAME: 0.0 for m in mods}}
    start = time.perf_counter()
    docs = list(nlp.pipe(a.text for a in articles))
    seconds["parse"] = time.perf_counter() - start
    for k, (doc, article) in enumerate(zip(docs, articles)):
        doc.user_data.setdefault("newsgraph_text", article.text)
        upstream: dict = {}
        for m in mods:
            t0 = time.perf_counter()
            upstream[m.NAME] = tuple(m.extract(doc, article, MappingProxyType(upstream)))
            if k:  # the first article warms tables and caches
                seconds[m.NAME] += time.perf_counter() - t0
    total = sum(seconds.values())
    for name, s in seconds.items():
        print(f"{name:12} {s:7.2f} s  {100 * s / total:5.1f} %")
    print(json.dumps({"articles": len(articles), "seconds": {k: round(v, 3) for k, v in seconds.items()},
                      "events_share": round(seconds["events"] / total, 4)}))


if __name__ == "__main__":
    main()
