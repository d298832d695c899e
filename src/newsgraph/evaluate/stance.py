"""Score the stance of articles towards claims on FNC-1 layout files.

``STANCES.csv`` has ``Headline, Body ID, Stance`` and ``BODIES.csv`` has ``Body ID,
articleBody``; the headline is the claim, the body the article. Scores (FNC-1): per pair +0.25
for the exact label, +0.50 more when that label is related (agree, disagree, discuss), +0.25
when gold and prediction are both related; the FNC score is the total over the maximum, in %.
Per-class F1 and their mean (macro-F1) too, all in %.

The FNC-1 training set is split by body id with a fixed hash (:func:`part_of`, about 20 %
``heldout``): ``tools/learn_stance.py`` learns on ``tune``, the gate reads ``heldout``.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..fusion.stance import LABELS, claim_text, decide, features, load_model, predict, prepare_article

__all__ = ["PARTS", "Pair", "evaluate_files", "part_of", "predict_pairs", "read_bodies", "read_pairs", "score", "stories"]

PARTS = ("tune", "heldout")
_RELATED = frozenset(LABELS[:3])


def part_of(body_id: str) -> str:
    """The fixed part of a body: SHA-1 of ``fnc1-body/ID``, first byte under 52 (~20 %) -> heldout."""
    digest = hashlib.sha1(f"fnc1-body/{body_id}".encode("utf-8")).digest()
    return "heldout" if digest[0] < 52 else "tune"


@dataclass(frozen=True)
class Pair:
    headline: str
    body_id: str
    stance: str | None  # None when the file has no Stance column (nothing to score)


def _rows(path: Path, needed: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    if not path.exists():
        raise EvaluationError("E501", path=path, hint="Give FNC-1 layout CSV files (see `newsgraph eval stance --help`).")
    csv.field_size_limit(sys.maxsize)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in needed if c not in (reader.fieldnames or [])]
            if missing:
                raise EvaluationError("E502", path=path, reason=f"no column {', '.join(missing)}"
                                                                f" (columns: {', '.join(reader.fieldnames or [])})")
            for n, row in enumerate(reader, 2):
                yield n, row
    except (UnicodeDecodeError, csv.Error) as exc:
        raise EvaluationError("E502", path=path, reason=exc) from exc


def read_pairs(path: str | Path) -> list[Pair]:
    """Headline-body pairs; a stance that is not one of the four labels is an error naming its line."""
    path = Path(path)
    out = []
    for n, row in _rows(path, ("Headline", "Body ID")):
        stance = row.get("Stance")
        if stance is not None and stance.strip().lower() not in LABELS:
            raise EvaluationError("E502", path=path, reason=f"line {n}: unknown stance {stance!r}"
                                                            f" (one of {', '.join(LABELS)})")
        out.append(Pair(row["Headline"] or "", str(row["Body ID"]).strip(),
                        stance.strip().lower() if stance is not None else None))
    return out


def stories(pairs) -> dict[str, str]:
    """The story of each headline and body (keys ``h:HEADLINE``, ``b:BODY_ID``): the connected
    components of the related pairs, each named after its smallest member."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for p in pairs:
        a, b = find("h:" + p.headline), find("b:" + p.body_id)
        if p.stance != "unrelated" and a != b:
            parent[max(a, b)] = min(a, b)
    return {x: find(x) for x in list(parent)}


def read_bodies(path: str | Path) -> dict[str, str]:
    return {str(row["Body ID"]).strip(): row["articleBody"] or "" for _, row in _rows(Path(path), ("Body ID", "articleBody"))}


def predict_pairs(pairs: list[Pair], bodies: dict[str, str], model: Any = None,
                  progress: Callable[[int], None] | None = None) -> list[str]:
    """The model's label for every pair (each body and each headline is prepared once)."""
    import numpy as np

    model = model or load_model()
    articles: dict[str, Any] = {}
    claims: dict[str, Any] = {}
    rows, orders = [], []
    for k, p in enumerate(pairs):
        if p.body_id not in bodies:
            raise EvaluationError("E502", path="BODIES", reason=f"no body with id {p.body_id!r} (pair {k + 1})")
        if p.body_id not in articles:
            articles[p.body_id] = prepare_article(bodies[p.body_id], model)
        if p.headline not in claims:
            claims[p.headline] = claim_text(p.headline, model)
        x, order = features(claims[p.headline], articles[p.body_id], model)
        rows.append(x)
        orders.append(order)
        if progress and k % 1000 == 999:
            progress(k + 1)
    if not rows:
        return []
    probabilities = predict(np.stack(rows), model)
    return [LABELS[decide(pr, claims[p.headline], articles[p.body_id], order, model)]
            for pr, p, order in zip(probabilities, pairs, orders)]


def _f1(gold: list[str], predicted: list[str], label: str) -> float:
    tp = sum(g == label and p == label for g, p in zip(gold, predicted))
    n_gold, n_pred = gold.count(label), predicted.count(label)
    return 200.0 * tp / (n_gold + n_pred) if n_gold + n_pred else 0.0


def _fnc(gold: str, predicted: str) -> float:
    points = 0.25 if gold == predicted else 0.0
    if gold in _RELATED and predicted in _RELATED:
        points += 0.25 + (0.50 if gold == predicted else 0.0)
    return points


def score(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """FNC score relative to its maximum, per-class F1 and macro-F1 (all %), pairs per class."""
    best = sum(_fnc(g, g) for g in gold)
    out: dict[str, float] = {"fnc_score": round(100.0 * sum(map(_fnc, gold, predicted)) / best, 2) if best else 0.0}
    per_class = {label: _f1(gold, predicted, label) for label in LABELS}
    out["macro_f1"] = round(sum(per_class.values()) / len(LABELS), 2)
    out.update({f"f1_{label}": round(f, 2) for label, f in per_class.items()})
    out["accuracy"] = round(100.0 * sum(g == p for g, p in zip(gold, predicted)) / len(gold), 2) if gold else 0.0
    out["pairs"] = len(gold)
    return out


def evaluate_files(stances: str | Path, bodies: str | Path, part: str | None = None,
                   predictions: str | Path | None = None, model: Any = None) -> dict[str, float]:
    """Scores of the pairs of one part (``tune``/``heldout``) or all (``None``); writes the
    predictions as FNC-1 ``Headline, Body ID, Stance`` when asked."""
    texts = read_bodies(bodies)
    pairs = [p for p in read_pairs(stances) if part is None or part_of(p.body_id) == part]
    predicted = predict_pairs(pairs, texts, model)
    if predictions is not None:
        _write(Path(predictions), pairs, predicted)
    gold = [p.stance for p in pairs]
    if any(g is None for g in gold):
        return {"pairs": len(pairs)}
    return score([g for g in gold if g], predicted)


def _write(path: Path, pairs: list[Pair], predicted: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Headline", "Body ID", "Stance"])
        writer.writerows([p.headline, p.body_id, label] for p, label in zip(pairs, predicted))
