"""Score the time tagger on real news it was not tuned on: our own TIMEX3 gold of 86 articles.

    python tools/time_news.py ../shared --part tune [--batch timenews|timenews2|timenews3|timenews4|timenews5] [--json] [--errors] [--write OUT]

``tests/data/time_news.jsonl`` holds our own TIMEX3 annotations (TimeML 1.2.1 / TempEval-3
guidelines: extent, type, value anchored to the article date) of 26 whole news articles that are
neither TimeBank nor WikiWars: 14 PolNeAR train texts (dated by its metadata) and 12 FNC-1 train
bodies (182 timexes).
They were picked as the first by SHA-1 of "timenews/" + document name among texts of 1,200 to
5,000 characters, leaving out the lead's reserved held-out texts, the shared 30 real-news
documents and the events held-out documents, and annotated before the system was run on them.
FNC-1 bodies carry no date: a body is dated 2015-01-15 (the shared convention) unless its text
dates itself (then that date, e.g. tweets and weekdays of one day); a body whose relative
expressions depend on a date the text does not give was skipped (21 were: undated weekdays,
"last week", "yesterday").

Each record keeps character offsets, type and value only, never text (the shared sets may not
be copied into the repository), plus the SHA-1 of the text so that a changed source is caught.
Batch 4 (``"batch": "timenews2"``, session 5): 15 more articles (9 PolNeAR train, 6 FNC-1
train), the first usable ones by SHA-1 of "timenews2/" + name among texts of 1,200 to 5,000
characters, leaving out the 26 above, the events held-out documents, the lead's reserved texts
and the shared real-news documents (18 FNC-1 bodies skipped: undated weekdays, "yesterday", "last
month", or a date known only from the world, such as an anniversary); annotated from the text
alone before the tagger was run on them, then scored once (``--batch timenews2``) before any
rule change, and put in the tune part: their errors were read for the rules of session 5. One
FNC-1 body dates itself only to a month ("September 9 ... earlier this month", "early 2015"):
it is dated 2014-09-15, a day of that month after the 9th (no value depends on the day).
Batch 5 (``"batch": "timenews3"``, evening session of 2026-12-07): 15 more (9 PolNeAR train, 6
FNC-1 train; 91 timexes), the first usable by SHA-1 of "timenews3/" + name by the same rules (19
FNC-1 bodies skipped); annotated by hand from the text alone, scored once before any rule change,
then put in the tune part. Two FNC-1 bodies date themselves by their embedded posts (2014-10-22,
2015-01-29).
Batch 6 (``"batch": "timenews4"``, session 6): 15 more (9 PolNeAR train, 6 FNC-1 train; 89 timexes,
one article with none), the first usable by SHA-1 of "timenews4/" + name by the same rules (39 FNC-1
bodies skipped for relative dates on a date the text does not give, one as a near copy of a body
already taken); annotated by hand from the text alone, scored once before any rule change, then put
in the tune part. One FNC-1 body dates itself by its dateline (2014-10-14). In session 6 the three
"recent weeks/months/years" of the gold were revised from PAST_REF to durations (docs/time.md).
Batch 7 (``"batch": "timenews5"``, session 7): 15 more (9 PolNeAR train, 6 FNC-1 train; 105 timexes),
the first usable by SHA-1 of "timenews5/" + name by the same rules (7 FNC-1 bodies skipped);
annotated by hand from the text alone, scored once on the session-start code before any rule
change, then put in the tune part. Four FNC-1 bodies date themselves (a dateline, embedded posts,
a byline date).

Half the articles of batches 1-3 (by SHA-1 of "timenews/split/" + name, in each batch) are the
``frozen`` part: scored at the start and at the end of a round of rule changes only; rules are checked against
``tune``. Batch 1: the first 12 (6 frozen); batch 2: the next 7 usable ones (3 frozen), added
before any rule change; batch 3: the next 7 (3 frozen), added after the first rule change.

The script writes each article as a gold TimeML file (the DCT is the article date) and scores
the time layer exactly as ``newsgraph annotate --format timeml`` + ``newsgraph eval time`` do
(``evaluate.time.tag_documents`` and ``score_documents``). With ``--write OUT`` the gold files
are also left in OUT, so that the CLI can be run on them by hand.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "time_news.jsonl"


def _polnear(shared: Path, name: str) -> str:
    return (shared / "eval" / "attribution" / "polnear-train" / "text" / f"{name}.txt").read_text("utf-8")


def _fnc(shared: Path, body_id: str) -> str:
    csv.field_size_limit(1 << 30)
    with (shared / "eval" / "stance" / "fnc1-train" / "train_bodies.csv").open(encoding="utf-8") as fh:
        return next(r["articleBody"] for r in csv.DictReader(fh) if r["Body ID"] == body_id)


def text_of(shared: Path, doc: str) -> str:
    """The text of one annotated document, read from the shared sets."""
    source, _, name = doc.partition("_")
    return {"pntrain": _polnear, "fnctrain": _fnc}[source](shared, name)


def records(gold: Path = GOLD, part: str = "all", batch: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if part in ("all", r["part"]) and batch in (None, r.get("batch", "timenews"))]


def to_timeml(text: str, date: str, timexes: list[dict]) -> str:
    """A TimeML document of ``text`` with ``timexes`` (offsets into ``text``) as TIMEX3 tags."""
    out, at = [], 0
    for i, t in enumerate(sorted(timexes, key=lambda t: t["start"]), start=1):
        attrs = f'tid="t{i}" type={quoteattr(t["type"])} value={quoteattr(t["value"])}'
        out += [escape(text[at:t["start"]]), f"<TIMEX3 {attrs}>", escape(text[t["start"]:t["end"]]), "</TIMEX3>"]
        at = t["end"]
    out.append(escape(text[at:]))
    dct = (f'<DCT><TIMEX3 tid="t0" type="DATE" value="{date}" temporalFunction="false" '
           f'functionInDocument="CREATION_TIME">{date}</TIMEX3></DCT>')
    return f'<?xml version="1.0" ?>\n<TimeML>\n{dct}\n<TEXT>{"".join(out)}</TEXT>\n</TimeML>\n'


def write_gold(shared: Path, out: Path, rows: list[dict]) -> list[Path]:
    """Write one gold ``.tml`` per record in ``out``; fails when a shared text has changed."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for r in rows:
        text = text_of(shared, r["doc"])
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != r["text_sha1"]:
            raise SystemExit(f"{GOLD}: {r['doc']}: the shared text differs from the annotated one")
        path = out / f"{r['doc']}.tml"
        path.write_text(to_timeml(text, r["date"], r["timexes"]), "utf-8")
        paths.append(path)
    return paths


def errors(tagged: dict) -> list[str]:
    """One line per gold or system timex that is missed, spurious or has a wrong value/type."""
    from newsgraph.evaluate.time import _pairs, _timexes

    lines = []
    for name, (gold, system) in sorted(tagged.items()):
        g, s = _timexes(gold), _timexes(system)
        pairs = _pairs(g, s)
        show = lambda t: f"{gold.text[t.start:t.end]!r} {t.get('type')} {t.get('value')}"  # noqa: E731
        for gx, sx in pairs:
            if (gx.get("value"), gx.get("type")) != (sx.get("value"), sx.get("type")) or \
                    (gx.start, gx.end) != (sx.start, sx.end):
                lines.append(f"{name}: gold {show(gx)} | system {show(sx)}")
        for gx in set(g) - {p[0] for p in pairs}:
            lines.append(f"{name}: missed {show(gx)}")
        for sx in set(s) - {p[1] for p in pairs}:
            lines.append(f"{name}: spurious {show(sx)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path, help="the shared folder (../shared)")
    parser.add_argument("--part", choices=("tune", "frozen", "all"), required=True)
    parser.add_argument("--batch", choices=("timenews", "timenews2", "timenews3", "timenews4", "timenews5"),
                        help="only one selection: the first 26 articles, or one batch of 15 added later")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    parser.add_argument("--errors", action="store_true", help="list the errors (never on the frozen part)")
    parser.add_argument("--write", type=Path, help="leave the gold TimeML files in this folder")
    args = parser.parse_args()
    if args.errors and args.part != "tune":
        parser.error("--errors is for the tune part only")
    from newsgraph.evaluate.time import score_documents, tag_documents

    with tempfile.TemporaryDirectory() as tmp:
        paths = write_gold(args.shared, args.write or Path(tmp), records(part=args.part, batch=args.batch))
        tagged = tag_documents(paths)
    scores = score_documents([(name, gold, system) for name, (gold, system) in tagged.items()])
    print(scores.to_json() if args.json else scores.table())
    if args.errors:
        print("\n".join(errors(tagged)), file=sys.stderr)


if __name__ == "__main__":
    main()
