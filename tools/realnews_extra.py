"""Score claims on extra real articles annotated by us with the real-news CLAIMS_GUIDE.md.

    python tools/realnews_extra.py ../shared/eval [--part tune|frozen|all] [--json] [--keep OUT]

The gold, ``tools/data/realnews_extra_claims.jsonl``, holds character offsets only (standoff
``*_span`` fields, read by the shared ``score_claims.py``) and labels, never text: the texts
stay in ``../shared`` and are read from there (``tools/events_heldout.py``'s readers):
FNC-1 training bodies ``fnctrain_<Body ID>``, PolNeAR train texts ``pntrain_<name>`` (dated by
its metadata) and TimeBank articles ``tb_<name>`` (dated by their DCT), none among the 30 of
``realnews/``, the events held-out set or the lead's reserved texts.

15 articles. The first 3 (FNC-1) were annotated by an earlier helper; the other 12 are the
first 4 of each source by SHA-1 of "claims/" + document name among texts of 1,200 to 5,000
characters, annotated before any system output on them was read. Each line says its ``part``:
``tune`` (9 articles, 55 claims: their errors may be read) or ``frozen`` (6 articles, 51
claims: scored, never read for errors; say how often you scored it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_heldout import text_of  # noqa: E402

GOLD = Path(__file__).parent / "data" / "realnews_extra_claims.jsonl"


def gold_lines(part: str) -> list[dict]:
    """The gold lines of ``part`` (``tune``, ``frozen`` or ``all``)."""
    lines = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [d for d in lines if part == "all" or d["part"] == part]


def build(shared: Path, part: str, work: Path) -> Path:
    """Write ``docs/``, ``inputs.jsonl`` and ``gold.jsonl`` of ``part`` in ``work``."""
    (work / "docs").mkdir(parents=True, exist_ok=True)
    lines = gold_lines(part)
    with (work / "inputs.jsonl").open("w", encoding="utf-8") as fh:
        for d in lines:
            text, date = text_of(shared.parent, d["doc"])
            (work / "docs" / f"{d['doc']}.txt").write_text(text, encoding="utf-8")
            fh.write(json.dumps({"id": d["doc"], "date": date, "text": text, "source": d["doc"].split("_")[0]}) + "\n")
    (work / "gold.jsonl").write_text("".join(json.dumps(d) + "\n" for d in lines), encoding="utf-8")
    return work


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval", type=Path, help="the shared eval folder (../shared/eval)")
    parser.add_argument("--part", choices=("tune", "frozen", "all"), default="tune")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="write the texts, gold and system output here")
    args = parser.parse_args(argv)
    work = build(args.eval, args.part, args.keep or Path(tempfile.mkdtemp(prefix="newsgraph-extra-")))
    subprocess.run([sys.executable, "-m", "newsgraph", "annotate", str(work / "inputs.jsonl"), "--format", "jsonl",
                    "--out", str(work / "out")], check=True, capture_output=True)
    scorer = args.eval / "realnews" / "score_claims.py"
    cmd = [sys.executable, str(scorer), str(work / "docs"), str(work / "gold.jsonl"), str(work / "out" / "annotations.jsonl")]
    print(subprocess.run(cmd + (["--json"] if args.json else []), check=True, capture_output=True,
                         text=True).stdout, end="")


if __name__ == "__main__":
    main(sys.argv[1:])
