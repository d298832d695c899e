"""Learn certainty cue counts from the TUNE half of the Szeged news uncertainty JSONL.

    python tools/learn_certainty.py ../shared/eval/certainty/szeged_news_dev.jsonl

Writes ``src/newsgraph/nlp/claims/data/certainty_learned.tsv`` (cue, majority type, cue count,
occurrences): counts only, no sentence text. The split is fixed by a hash of
``doc_id/sent_id`` (``newsgraph.evaluate.certainty.part_of``); the other half is held out
for the reported figures and the CI gate.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

from newsgraph.evaluate.certainty import read_sentences
from newsgraph.nlp.claims.certainty import DATA


def learn(path: Path) -> list[tuple[str, str, int, int]]:
    sentences = [s for s in read_sentences(path) if s["part"] == "tune"]
    cue_n: Counter = Counter()
    types: dict[str, Counter] = {}
    for s in sentences:
        for c in s["cues"]:
            word = " ".join(c["text"].lower().split())
            cue_n[word] += 1
            types.setdefault(word, Counter())[c["type"]] += 1
    rows = []
    for word, n in sorted(cue_n.items()):
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, word.split())) + r"(?!\w)", re.I)
        total = sum(len(pattern.findall(s["text"])) for s in sentences)
        rows.append((word, types[word].most_common(1)[0][0], n, max(total, n)))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--out", type=Path, default=DATA / "certainty_learned.tsv")
    args = ap.parse_args()
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["cue", "type", "cue_count", "total"])
        w.writerows(learn(args.path))


if __name__ == "__main__":
    main()
