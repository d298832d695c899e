"""Score attribution output (brat standoff, PolNeAR scheme) against PolNeAR gold.

Contract (issue 5): for each role -- Source, Cue, Content -- exact-span and overlap
precision, recall and F1. A discontinuous span (``start end;start end``) is the tuple of its
fragments. Overlap pairs gold and system spans one-to-one, greedily, largest shared character
count first. Gold is the alphabetically first annotation file of each article
(``attributions/<id>_<annotator>.ann`` in a PolNeAR split folder); the system's
``<id>.ann`` missing from the system folder scores as no output. Figures are percentages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvaluationError

__all__ = ["ROLES", "gold_files", "read_ann", "score", "score_spans"]

ROLES = ("Source", "Cue", "Content")

Frag = tuple[int, int]
SpanKey = tuple[Frag, ...]


@dataclass(frozen=True, slots=True)
class AnnSpan:
    tid: str
    label: str
    frags: SpanKey
    text: str


def parse_frags(field: str) -> SpanKey:
    """``"10 20;25 30"`` -> ``((10, 20), (25, 30))``."""
    frags = []
    for part in field.split(";"):
        a, b = part.split()
        frags.append((int(a), int(b)))
    return tuple(frags)


def read_ann(path: Path) -> list[AnnSpan]:
    """Every ``T`` line of a brat .ann file (other lines are skipped)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError("E502", path=path, reason=exc) from exc
    out = []
    for line in lines:
        cols = line.split("\t")
        if not line.startswith("T") or len(cols) < 2:
            continue
        label, _, frags = cols[1].partition(" ")
        try:
            out.append(AnnSpan(cols[0], label, parse_frags(frags), cols[2] if len(cols) > 2 else ""))
        except ValueError as exc:
            raise EvaluationError("E502", path=path, reason=f"bad T line {line!r}") from exc
    return out


def role_spans(spans: Iterable[AnnSpan]) -> dict[str, set[SpanKey]]:
    out: dict[str, set[SpanKey]] = {r: set() for r in ROLES}
    for s in spans:
        if s.label in out:
            out[s.label].add(s.frags)
    return out


def gold_files(gold_dir: str | Path) -> dict[str, Path]:
    """Article id -> its gold .ann (the alphabetically first annotator's file)."""
    root = Path(gold_dir)
    ann_dir, text_dir = root / "attributions", root / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise EvaluationError("E501", path=root, hint="Expected a PolNeAR split folder with attributions/ and text/.")
    out: dict[str, Path] = {}
    for txt in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{txt.stem}_*.ann"))
        anns = [a for a in anns if "_" not in a.stem[len(txt.stem) + 1:]]
        if anns:
            out[txt.stem] = anns[0]
    if not out:
        raise EvaluationError("E501", path=root, hint="No text/<id>.txt has an attributions/<id>_<annotator>.ann.")
    return out


def _length(key: SpanKey) -> int:
    return sum(b - a for a, b in key)


def _shared(a: SpanKey, b: SpanKey) -> int:
    return sum(max(0, min(y, q) - max(x, p)) for x, y in a for p, q in b)


def overlap_pairs(gold: set[SpanKey], system: set[SpanKey]) -> int:
    """Number of one-to-one pairs of overlapping spans, chosen greedily by shared characters."""
    cands = sorted(((_shared(g, s), g, s) for g in gold for s in system if _shared(g, s) > 0),
                   key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[SpanKey] = set()
    used_s: set[SpanKey] = set()
    for _, g, s in cands:
        if g not in used_g and s not in used_s:
            used_g.add(g)
            used_s.add(s)
    return len(used_g)


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = 100.0 * tp / n_sys if n_sys else 0.0
    r = 100.0 * tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_spans(pairs: Iterable[tuple[dict[str, set[SpanKey]], dict[str, set[SpanKey]]]]) -> dict[str, float]:
    """Micro-averaged scores over (gold, system) role-span sets, one pair per article."""
    counts = {r: [0, 0, 0, 0] for r in ROLES}  # exact tp, overlap tp, n_sys, n_gold
    for gold, system in pairs:
        for r in ROLES:
            c = counts[r]
            c[0] += len(gold[r] & system[r])
            c[1] += overlap_pairs(gold[r], system[r])
            c[2] += len(system[r])
            c[3] += len(gold[r])
    out: dict[str, float] = {}
    for r in ROLES:
        tp, otp, n_sys, n_gold = counts[r]
        for kind, t in (("exact", tp), ("overlap", otp)):
            p, rec, f = _prf(t, n_sys, n_gold)
            key = r.lower()
            out[f"{key}_{kind}_p"], out[f"{key}_{kind}_r"], out[f"{key}_{kind}_f1"] = (
                round(p, 2), round(rec, 2), round(f, 2))
        out[f"{r.lower()}_gold"], out[f"{r.lower()}_system"] = n_gold, n_sys
    return out


def score(gold_dir: str | Path, system_dir: str | Path) -> dict[str, float]:
    """Score every article of ``gold_dir`` against ``system_dir/<id>.ann``."""
    system_root = Path(system_dir)
    pairs = []
    for art_id, gold_path in gold_files(gold_dir).items():
        gold = role_spans(read_ann(gold_path))
        sys_path = system_root / f"{art_id}.ann"
        system = role_spans(read_ann(sys_path)) if sys_path.exists() else role_spans(())
        pairs.append((gold, system))
    result = score_spans(pairs)
    result["articles"] = len(pairs)
    return result


def split_to_jsonl(split_dir: str | Path, out_path: str | Path) -> Path:
    """Write a PolNeAR split as JSON Lines ``{id, date, text, source}`` (the official input)."""
    import csv
    import json

    root = Path(split_dir)
    meta: dict[str, dict[str, str]] = {}
    meta_path = root / "metadata.tsv"
    if meta_path.exists():
        with meta_path.open(encoding="utf-8", newline="") as fh:
            meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
    out = Path(out_path)
    with out.open("w", encoding="utf-8") as fh:
        for art_id in gold_files(root):
            text = (root / "text" / f"{art_id}.txt").read_text(encoding="utf-8")
            row = meta.get(art_id, {})
            record = {"id": art_id, "date": row.get("publication_date") or None,
                      "text": text, "source": row.get("publisher") or None}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def annotate_split(split_dir: str | Path, out_dir: str | Path, config=None) -> Path:
    """Run ``annotate --format brat`` on a split folder (through its JSON Lines); returns out_dir."""
    from ..api import annotate_stream, read
    from ..config import load
    from ..output.annotate import open_writer, shown

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    jsonl = split_to_jsonl(split_dir, out / "input.jsonl")
    writer = open_writer("brat", out / "brat")
    floor = (config or load()).claims.min_confidence  # what `annotate` writes
    for item in annotate_stream(read([jsonl]), config):
        if hasattr(item, "records"):
            writer.write(shown(item, floor))
    writer.close()
    return out / "brat"
