"""Score claims on extra real articles annotated by us with the real-news CLAIMS_GUIDE.md.

    python tools/realnews_extra.py ../shared/eval [--json]

The gold, ``tools/data/realnews_extra_claims.jsonl``, holds character offsets only (standoff
``*_span`` fields, read by the shared ``score_claims.py``) into FNC-1 training bodies
(``stance/fnc1-train/train_bodies.csv``, documents ``fnctrain_<Body ID>`` that are not among
the 30 of ``realnews/``): the texts stay in ``../shared``. This set was never tuned on: it is
a check that the claim figures hold on articles the rules and the confidence table never saw.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

GOLD = Path(__file__).parent / "data" / "realnews_extra_claims.jsonl"


def main(argv: list[str]) -> None:
    shared = Path(argv[0])
    docs = [json.loads(line)["doc"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    bodies = {f"fnctrain_{r['Body ID']}": r["articleBody"]
              for r in csv.DictReader((shared / "stance/fnc1-train/train_bodies.csv").open(encoding="utf-8"))}
    work = Path(tempfile.mkdtemp(prefix="newsgraph-extra-"))
    (work / "docs").mkdir()
    with (work / "inputs.jsonl").open("w", encoding="utf-8") as fh:
        for doc in docs:
            (work / "docs" / f"{doc}.txt").write_text(bodies[doc], encoding="utf-8")
            fh.write(json.dumps({"id": doc, "date": "2015-01-15", "text": bodies[doc], "source": "fnc1"}) + "\n")
    subprocess.run([sys.executable, "-m", "newsgraph", "annotate", str(work / "inputs.jsonl"), "--format", "jsonl",
                    "--out", str(work / "out")], check=True, capture_output=True)
    scorer = shared / "realnews" / "score_claims.py"
    cmd = [sys.executable, str(scorer), str(work / "docs"), str(GOLD), str(work / "out" / "annotations.jsonl")]
    print(subprocess.run(cmd + [a for a in argv[1:] if a == "--json"], check=True, capture_output=True,
                         text=True).stdout, end="")


if __name__ == "__main__":
    main(sys.argv[1:])
