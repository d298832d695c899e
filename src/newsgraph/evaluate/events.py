"""Score PLOVER event coding on PLV-layout TSV files, and learn trigger counts from them.

Scoring contract (``newsgraph eval events FILE.tsv``):

- columns are read by header name; the system sees only ``sentence``; the gold pair comes
  from ``<s>``/``<t>`` in ``marked_sentence``, the gold type from ``gold_root``;
- a gold pair is *found* when one of our events in that sentence has an actor overlapping
  ``<s>`` and a recipient overlapping ``<t>`` (character offsets in the plain sentence); when
  several do, the one whose trigger comes first counts. A side the gold row leaves unmarked
  is not required;
- reported: pair recall, type accuracy and macro-F1 over the gold classes on found pairs,
  and events emitted per distinct sentence. Pair recall counts only while events per
  sentence stay at or under 2.0 (else it is reported as 0). CONCEDE and RETREAT score as
  PLV's YIELD.

The split (:func:`part_of`) is fixed: a row belongs to ``tune`` or ``heldout`` by a hash of
its sentence. :func:`learn_table` derives ``nlp/events/data/learned.tsv`` from the tune part.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..config import AnalyzeOptions
from ..errors import EvaluationError
from ..records import AnalyzedArticle, Article, Event

__all__ = ["EventScore", "GoldRow", "count_features", "evaluate_file", "learn_table", "part_of", "read_gold",
           "realnews", "score", "system_events", "write_table"]

TAG = re.compile(r"</?[st]>")
YIELD = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
MAX_EVENTS_PER_SENTENCE = 2.0


@dataclass(frozen=True)
class GoldRow:
    sentence: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    gold: str


@dataclass(frozen=True)
class EventScore:
    pairs: int
    found: int
    sentences: int
    events: int
    type_accuracy: float
    type_macro_f1: float
    per_class: dict[str, dict[str, float]]

    @property
    def events_per_sentence(self) -> float:
        return self.events / self.sentences if self.sentences else 0.0

    @property
    def pair_recall(self) -> float:
        if not self.pairs or self.events_per_sentence > MAX_EVENTS_PER_SENTENCE:
            return 0.0
        return 100.0 * self.found / self.pairs

    def as_dict(self) -> dict[str, float]:
        return {"pair_recall": round(self.pair_recall, 2),
                "type_accuracy": round(self.type_accuracy, 2),
                "type_macro_f1": round(self.type_macro_f1, 2),
                "events_per_sentence": round(self.events_per_sentence, 3)}


def part_of(sentence: str) -> str:
    """``tune`` or ``heldout``: a fixed split by a hash of the sentence text."""
    digest = hashlib.sha1(sentence.encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "heldout"


def _strip_marks(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    plain: list[str] = []
    opened: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    pos = last = 0
    for m in TAG.finditer(marked):
        plain.append(marked[last:m.start()])
        pos += m.start() - last
        last = m.end()
        name = m.group().strip("</>")
        if m.group()[1] == "/":
            spans[name] = (opened.get(name, pos), pos)
        else:
            opened[name] = pos
    plain.append(marked[last:])
    return "".join(plain), spans


def _align(span: tuple[int, int] | None, plain: str, sentence: str) -> tuple[int, int] | None:
    """Move a span from the tag-stripped text onto the ``sentence`` column if they differ."""
    if span is None or plain == sentence:
        return span
    words = plain[span[0]:span[1]].strip()
    at = sentence.find(words) if words else -1
    return (at, at + len(words)) if at >= 0 else None


def read_gold(path: str | Path, part: str | None = None) -> list[GoldRow]:
    """Gold rows of a PLV-layout TSV, optionally only one ``part`` of the fixed split."""
    path = Path(path)
    if not path.is_file():
        raise EvaluationError("E501", path=path, hint="Pass a PLV-layout TSV (e.g. plv_train.tsv).")
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvaluationError("E502", path=path, reason=exc) from exc
    if rows and not {"sentence", "marked_sentence", "gold_root"} <= set(rows[0]):
        raise EvaluationError("E502", path=path, reason="need columns sentence, marked_sentence, gold_root")
    out = [_gold_row(r) for r in rows if r.get("sentence")]
    return [g for g in out if part is None or part_of(g.sentence) == part]


def _gold_row(row: dict[str, str]) -> GoldRow:
    sentence = row["sentence"]
    plain, spans = _strip_marks(row.get("marked_sentence") or "")
    return GoldRow(sentence, _align(spans.get("s"), plain, sentence),
                   _align(spans.get("t"), plain, sentence), (row.get("gold_root") or "").strip())


def _overlaps(a: tuple[int, int], b: tuple[int, int] | None) -> bool:
    return b is None or (a[0] < b[1] and b[0] < a[1])


def _match(row: GoldRow, events: list[Event]) -> Event | None:
    hits = [e for e in events
            if any(_overlaps((p.span.start, p.span.end), row.source) for p in e.actors)
            and (row.target is None
                 or any(_overlaps((p.span.start, p.span.end), row.target) for p in e.recipients))]
    return min(hits, key=lambda e: (e.start, e.end)) if hits else None


def score(rows: list[GoldRow], events_by_sentence: dict[str, list[Event]]) -> EventScore:
    """Score system events (offsets into each sentence) against gold rows."""
    found: list[tuple[str, str]] = []
    for row in rows:
        event = _match(row, events_by_sentence.get(row.sentence, []))
        if event is not None:
            found.append((row.gold, YIELD.get(event.event_type, event.event_type)))
    sentences = {r.sentence for r in rows}
    n_events = sum(len(events_by_sentence.get(s, [])) for s in sentences)
    accuracy = 100.0 * sum(g == p for g, p in found) / len(found) if found else 0.0
    per_class = _per_class(found, {r.gold for r in rows})
    macro = sum(c["f1"] for c in per_class.values()) / len(per_class) if per_class else 0.0
    return EventScore(len(rows), len(found), len(sentences), n_events, accuracy, macro, per_class)


def _per_class(found: list[tuple[str, str]], classes: set[str]) -> dict[str, dict[str, float]]:
    out = {}
    for cls in sorted(classes):
        tp = sum(g == cls and p == cls for g, p in found)
        fp = sum(g != cls and p == cls for g, p in found)
        fn = sum(g == cls and p != cls for g, p in found)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[cls] = {"precision": 100 * prec, "recall": 100 * rec, "f1": 100 * f1, "support": tp + fn}
    return out


def system_events(sentences: Iterable[str], options: AnalyzeOptions | None = None) -> dict[str, list[Event]]:
    """Run the whole pipeline (every extractor) on each sentence, as its own article."""
    from ..nlp.pipeline import analyze_articles

    unique = list(dict.fromkeys(sentences))
    articles = (Article(id=f"plv{i}", text=s) for i, s in enumerate(unique))
    out: dict[str, list[Event]] = {}
    for sentence, result in zip(unique, analyze_articles(articles, options or AnalyzeOptions())):
        records = getattr(result, "records", ())
        out[sentence] = [r for r in records if isinstance(r, Event)]
    return out


def evaluate_file(path: str | Path, part: str | None = None, limit: int | None = None,
                  options: AnalyzeOptions | None = None) -> EventScore:
    """Score the pipeline end to end on a PLV-layout file (optionally one part, first rows)."""
    rows = read_gold(path, part)
    if limit is not None:
        keep = list(dict.fromkeys(r.sentence for r in rows))[:limit]
        rows = [r for r in rows if r.sentence in set(keep)]
    return score(rows, system_events((r.sentence for r in rows), options))


# -- learning the trigger table from the tune part ---------------------------------------------

def learn_table(path: str | Path, nlp, part: str = "tune") -> list[tuple[str, str, int]]:
    """``(key, label, count)`` rows: for each frame feature, how often a gold pair's frame
    carried it with each gold type, and (label ``_seen``) how often any frame carried it."""
    rows = read_gold(path, part)
    by_sentence: dict[str, list[GoldRow]] = defaultdict(list)
    for r in rows:
        by_sentence[r.sentence].append(r)
    docs = nlp.pipe(by_sentence)
    return count_features((doc, by_sentence[doc.text]) for doc in docs)


def count_features(parsed: Iterable[tuple[object, list[GoldRow]]]) -> list[tuple[str, str, int]]:
    """The counting behind :func:`learn_table`, over ``(doc, gold rows of its sentence)``."""
    from ..nlp.events.frames import frames
    from ..nlp.events.types import SEEN

    counts: Counter[tuple[str, str]] = Counter()
    for doc, rows in parsed:
        frs = [f for s in doc.sents for f in frames(s)]
        for f in frs:
            for key in f.features():
                counts[(key, SEEN)] += 1
        for row in rows:
            frame = _gold_frame(row, frs)
            if frame is not None and row.gold:
                label = _plover_label(row.gold, frame)
                for key in frame.features():
                    counts[(key, label)] += 1
    return sorted((k, lab, n) for (k, lab), n in counts.items())


def _gold_frame(row: GoldRow, frs):
    from ..nlp.events.frames import participant_extent
    from ..nlp.events.types import lexicon

    lex = lexicon()
    hits = [f for f in frs
            if (f.trigger.lemma_.lower() not in lex.not_triggers or f.demand)
            and any(_overlaps(participant_extent(a), row.source) for a in f.actors)
            and any(_overlaps(participant_extent(t), row.target) for t in f.recipients)]
    return hits[0] if hits else None


def _plover_label(gold: str, frame) -> str:
    """The label a frame's features learn: PLV's YIELD is PLOVER's CONCEDE or RETREAT (the
    hand lexicon decides, RETREAT by default); an act stated as intent or refused ("will
    release" coded AGREE) teaches its own act type, since the intent rule re-derives AGREE."""
    from ..nlp.events.types import intended_type, lexicon

    lex = lexicon()
    words = [frame.trigger.lemma_.lower()] + ([frame.obj.lemma_.lower()] if frame.obj is not None else [])
    if gold == "YIELD":
        concede = any(lex.verbs.get(w) == "CONCEDE" or lex.nouns.get(w) == "CONCEDE" for w in words)
        return "CONCEDE" if concede else "RETREAT"
    hand = lex.verbs.get(words[0])
    if hand is not None and hand != gold and intended_type(hand, frame, lex) == gold:
        return hand
    return gold


def write_table(rows: list[tuple[str, str, int]], path: str | Path, min_seen: int = 1) -> None:
    """Write the learned table as TSV (keys seen fewer than ``min_seen`` times are dropped)."""
    seen = {k: n for k, lab, n in rows if lab == "_seen"}
    coded = {k for k, lab, n in rows if lab != "_seen"}
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["key", "label", "count"])
        for key, label, n in rows:
            keep = key in coded or (key.startswith("v:") and label == "_seen")
            if keep and seen.get(key, 0) >= min_seen:
                w.writerow([key, label, n])


# -- whole real articles: the shared real-news gold and its scorer -----------------------------

def realnews(folder: str | Path, out_dir: str | Path, min_confidence: float = 0.0,
             options: AnalyzeOptions | None = None) -> dict:
    """Annotate ``folder/inputs.jsonl`` as ``newsgraph annotate --format jsonl`` does, keeping
    the events at or above ``min_confidence``, and score it with the folder's own
    ``score_events.py`` (the scoring contract: run as it is, ``--json``). Returns its JSON."""
    import json
    import subprocess
    import sys

    from ..api import annotate_stream, read
    from ..config import Config
    from ..nlp.events.extract import visible
    from ..output.annotate import open_writer

    folder, out_dir = Path(folder), Path(out_dir)
    scorer, inputs = folder / "score_events.py", folder / "inputs.jsonl"
    for needed in (scorer, inputs, folder / "events_gold.jsonl", folder / "docs"):
        if not needed.exists():
            raise EvaluationError("E501", path=needed, hint="Pass the real-news folder (inputs.jsonl, docs/, events_gold.jsonl, score_events.py).")
    writer = open_writer("jsonl", out_dir)
    for item in annotate_stream(read([inputs]), Config(analyze=options or AnalyzeOptions())):
        if isinstance(item, AnalyzedArticle):
            writer.write(visible(item, min_confidence))
    (path,) = [p for p in writer.close() if p.name == "annotations.jsonl"]
    done = subprocess.run([sys.executable, str(scorer), str(folder / "docs"), str(folder / "events_gold.jsonl"),
                           str(path), "--json"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise EvaluationError("E502", path=scorer, reason=done.stderr.strip()[-500:])
    return json.loads(done.stdout)
