"""Score the certainty layer on sentences with gold hedge cues (Szeged-style JSON Lines).

Each line: ``{text, cues: [{start, end, type, text}], uncertain, doc_id, sent_id}``. Reports
cue-level exact and overlap P/R/F1 (overlap: one-to-one greedy pairs by shared characters)
and sentence-level P/R/F1 of "uncertain". The file is split in two halves by a fixed hash of
``doc_id/sent_id`` (:func:`part_of`): cues are learned on ``tune``, figures reported on
``heldout``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..nlp.claims.certainty import find_hedges
from .attribution import _prf, overlap_pairs

__all__ = ["PARTS", "evaluate_file", "part_of", "read_sentences"]

PARTS = ("tune", "heldout")


def part_of(doc_id: str, sent_id: str) -> str:
    """The fixed half a sentence belongs to: SHA-1 of ``doc_id/sent_id``, even -> tune."""
    digest = hashlib.sha1(f"{doc_id}/{sent_id}".encode("utf-8")).digest()
    return PARTS[digest[0] % 2]


def read_sentences(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    if not path.exists():
        raise EvaluationError("E501", path=path, hint="Give the JSON Lines file of ../shared/eval/certainty.")
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                rec["part"] = part_of(str(rec.get("doc_id", "")), str(rec.get("sent_id", n)))
                rec["cues"] = [dict(c) for c in rec.get("cues", [])]
                rec["text"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise EvaluationError("E502", path=path, reason=f"line {n}: {exc}") from exc
            out.append(rec)
    return out


def evaluate_file(path: str | Path, part: str | None = "heldout") -> dict[str, float]:
    """Scores on one half (``tune``/``heldout``) or on all sentences (``None``)."""
    sents = [s for s in read_sentences(path) if part is None or s["part"] == part]
    exact = over = n_sys = n_gold = 0
    s_tp = s_sys = s_gold = 0
    for s in sents:
        gold = {((c["start"], c["end"]),) for c in s["cues"]}
        system = {((h.start, h.end),) for h in find_hedges(s["text"])}
        exact += len(gold & system)
        over += overlap_pairs(gold, system)
        n_sys, n_gold = n_sys + len(system), n_gold + len(gold)
        s_tp += bool(gold) and bool(system)
        s_sys, s_gold = s_sys + bool(system), s_gold + bool(gold)
    out: dict[str, float] = {"sentences": len(sents), "cues_gold": n_gold, "cues_system": n_sys}
    for name, (tp, ns, ng) in {"cue_exact": (exact, n_sys, n_gold), "cue_overlap": (over, n_sys, n_gold),
                               "sentence": (s_tp, s_sys, s_gold)}.items():
        p, r, f = _prf(tp, ns, ng)
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = round(p, 2), round(r, 2), round(f, 2)
    return out
