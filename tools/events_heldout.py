"""Build the held-out real-news event set in a folder, from the shared texts and our offsets.

    python tools/events_heldout.py ../shared OUT
    newsgraph eval events OUT --realnews
    python tools/events_heldout.py ../shared TUNE --gold tests/data/events_tune.jsonl

``--gold FILE`` builds the same layout from another offsets file (default the held-out one).
``tests/data/events_tune.jsonl`` is a tune set of 75 whole articles. The first 15 (annotator
"events-tune") are the first 5 by SHA-1 of "tune/" + document name among texts of 1,200 to
5,000 characters of each of PolNeAR train, TimeBank and FNC-1 train bodies, leaving out the
shared 30, the held-out set, ``tools/data/realnews_extra_claims.jsonl`` and the lead's reserved
list. The next 15 (annotator "events-tune2", fourth session) are the first 5 of each of the
same pools by SHA-1 of "tune2/" + name, leaving out also the first 15 and the 300-article pool
of ``tools/events_audit.py``. All were annotated by the guide before any system output on them
was read (the 15 of "tune2" were scored once, before any change, as an unseen figure). The
next 15 (annotator "events-tune3", fifth session) are the first 4 of each of PolNeAR train,
TimeBank and FNC-1 train bodies and the first 3 GeoWebNews articles (``geo_<file>``, the
``<text>`` of ``places/gwn.xml``, undated) by SHA-1 of "tune3/" + name among texts of 1,200 to
5,000 characters, leaving out everything above and the audit pool; annotated blind and scored
once before any change (full P 78.6 R 39.3 F1 52.4, type F1 57.1; 28 scored events, 19
doubtful rows, 10 articles with no scored event). The next 15 (annotator "events-tune4",
sixth session) are picked the same way by SHA-1 of "tune4/" + name (4 PolNeAR train, 4 TimeBank,
4 FNC-1 train, 3 GeoWebNews), leaving out also the time news set (``tests/data/time_news.jsonl``)
and the claims audit documents (``tools/data/claims_audit.jsonl``); annotated blind and scored
once before any change (full P 72.7 R 25.0 F1 37.2, type F1 37.2; 32 scored events, 29 doubtful
rows, 6 articles with no scored event). The next 15 (annotator "events-tune5", seventh session)
are picked the same way by SHA-1 of "tune5/" + name (4 PolNeAR train, 4 TimeBank, 4 FNC-1 train,
3 GeoWebNews), leaving out also every document judged in ``tests/data/events_audit.jsonl`` and
the first 900 of the audit pool (``pool(shared, 900)``); annotated blind and scored once before
any change (full P 71.4 R 20.0 F1 31.2, type F1 31.2; 25 scored events, 35 doubtful rows, 10
articles with no scored event, 2 system events in them). Their
errors may be read and rules and the calibration fitted on it (with the shared 30); the
held-out set stays unread.

``tests/data/events_heldout.jsonl`` holds our own PLOVER event annotations (EVENTS_GUIDE.md of
the shared real-news set) of 50 whole articles that are not among the shared 30: PolNeAR train
and dev texts, TimeBank articles and FNC-1 train bodies of 1,200 to 5,000 characters. The first
11 were picked at even steps in sorted order; the next 16 (annotator "lead-engineer") are the
first by SHA-1 of "heldout2/" + document name among those not yet used (6 TimeBank, 5
PolNeAR, 5 FNC-1); the next 23 (annotator "lead-engineer", third session) the first 5 of each of
PolNeAR train, TimeBank and FNC-1 by SHA-1 of "heldout3/" + name and the first 8 PolNeAR dev
texts (``pndev_<name>``, the 74 not in the shared 30) by SHA-1 of "heldout4/" + name. All were
annotated before any system output on them was read. It keeps character offsets and labels only, never text
(the shared sets may not be copied into the repository). This script writes, in OUT, the
layout ``newsgraph eval events --realnews`` reads: ``docs/<doc>.txt`` (the texts, read from
``../shared``), ``inputs.jsonl`` (id, date, text), ``events_gold.jsonl`` (the offsets) and
the shared ``score_events.py`` (which reads offsets: its ``hydrate``). Dates: PolNeAR's
metadata (train or dev), TimeBank's DCT, and 2015-01-15 for FNC-1 bodies (as the shared set does).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "events_heldout.jsonl"
FNC_DATE = "2015-01-15"


def _polnear(shared: Path, name: str, part: str = "train") -> tuple[str, str]:
    folder = shared / "eval" / "attribution" / f"polnear-{part}"
    text = (folder / "text" / f"{name}.txt").read_text("utf-8")
    with (folder / "metadata.tsv").open(encoding="utf-8") as fh:
        date = next(r["publication_date"] for r in csv.DictReader(fh, delimiter="\t") if r["filename"] == name)
    return text, date


def _timebank(shared: Path, name: str) -> tuple[str, str | None]:
    from newsgraph.api import read

    (article,) = list(read([shared / "eval" / "time" / "timebank" / f"{name}.tml"]))
    return article.text, article.day


def _fnc(shared: Path, body_id: str) -> tuple[str, str]:
    csv.field_size_limit(1 << 30)
    with (shared / "eval" / "stance" / "fnc1-train" / "train_bodies.csv").open(encoding="utf-8") as fh:
        return next(r["articleBody"] for r in csv.DictReader(fh) if r["Body ID"] == body_id), FNC_DATE


def _geo(shared: Path, file: str) -> tuple[str, None]:
    import xml.etree.ElementTree as ET

    root = ET.parse(shared / "eval" / "places" / "gwn.xml").getroot()
    return next(a.findtext("text") or "" for a in root.iter("article") if a.get("file") == file), None


def text_of(shared: Path, doc: str) -> tuple[str, str | None]:
    """``(text, date)`` of a held-out document, from the shared texts."""
    source, _, name = doc.partition("_")
    if source == "pndev":
        return _polnear(shared, name, "dev")
    reader = {"pntrain": _polnear, "tb": _timebank, "fnctrain": _fnc, "geo": _geo}[source]
    return reader(shared, name)


def build(shared: Path, out: Path, gold: Path = GOLD) -> Path:
    """Write the held-out folder ``out`` (see the module docstring); returns it."""
    (out / "docs").mkdir(parents=True, exist_ok=True)
    docs = [json.loads(line)["doc"] for line in gold.read_text("utf-8").splitlines() if line.strip()]
    with (out / "inputs.jsonl").open("w", encoding="utf-8") as fh:
        for doc in docs:
            text, date = text_of(shared, doc)
            (out / "docs" / f"{doc}.txt").write_text(text, "utf-8")
            fh.write(json.dumps({"id": doc, "date": date, "text": text, "source": doc.split("_")[0]}) + "\n")
    shutil.copyfile(gold, out / "events_gold.jsonl")
    shutil.copyfile(shared / "eval" / "realnews" / "score_events.py", out / "score_events.py")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path, help="the shared folder (../shared)")
    parser.add_argument("out", type=Path)
    parser.add_argument("--gold", type=Path, default=GOLD, help="offsets file (default: the held-out set)")
    args = parser.parse_args()
    print(build(args.shared, args.out, args.gold))


if __name__ == "__main__":
    main()
