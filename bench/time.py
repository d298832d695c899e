"""Benchmark of the time layer: documents per second for time tagging alone, and its share
of the whole analysis time (spaCy parse + time tagging), on real texts.

    python bench/time.py [FOLDER_OF_TML] [--n 60]

Default texts: ../shared/eval/time/timebank (TimeBank, real news). Prints one line per
measure and a JSON line at the end.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.config import AnalyzeOptions  # noqa: E402
from newsgraph.ingest.timeml import read_timeml_file  # noqa: E402
from newsgraph.nlp.time import extract as time_layer  # noqa: E402
from newsgraph.nlp.pipeline import load_model  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared/eval/time/timebank"))
    parser.add_argument("--n", type=int, default=60, help="number of documents")
    args = parser.parse_args()
    files = sorted(Path(args.folder).glob("*.tml"))[: args.n]
    texts = [read_timeml_file(f).text for f in files]
    dates = [read_timeml_file(f).dct for f in files]
    nlp = load_model(AnalyzeOptions().model)
    time_layer.load_rules()  # loaded once per process, as in the pipeline
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_timex = sum(len(time_layer.tag_text(t, d, doc)) for t, d, doc in zip(texts, dates, docs))
    tag = time.perf_counter() - t0
    result = {
        "documents": len(texts), "characters": sum(map(len, texts)), "timexes": n_timex,
        "parse_seconds": round(parse, 3), "time_seconds": round(tag, 3),
        "time_docs_per_second": round(len(texts) / tag, 1),
        "time_share_of_analysis_percent": round(100 * tag / (parse + tag), 1),
    }
    print(f"time tagging: {result['time_docs_per_second']} documents/s "
          f"({len(texts)} docs, {n_timex} timexes, {tag:.2f} s)")
    print(f"parse: {parse:.2f} s; time tagging is {result['time_share_of_analysis_percent']}% of parse + time")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
