"""Score claims on whole real articles with the shared real-news scorer (the contract).

``newsgraph eval claims FOLDER`` does what the contract says by hand: ``annotate --format
jsonl`` on ``FOLDER/inputs.jsonl`` (what ``claims.min_confidence`` lets through, as annotate
writes it), then ``FOLDER/score_claims.py DOCS GOLD OUT/annotations.jsonl --json``, run as it
is in a subprocess (never re-implemented here). Returns its JSON object.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..errors import EvaluationError

__all__ = ["annotate_folder", "score"]


def _need(path: Path) -> Path:
    if not path.exists():
        raise EvaluationError("E501", path=path.parent,
                              hint=f"Expected {path.name} there (a real-news folder: inputs.jsonl, "
                                   "claims_gold.jsonl, docs/, score_claims.py).")
    return path


def annotate_folder(folder: str | Path, out_dir: str | Path, config=None) -> Path:
    """``annotate --format jsonl`` on ``folder/inputs.jsonl``; returns the annotations file."""
    from ..api import annotate_stream, read
    from ..config import load
    from ..output.annotate import open_writer, shown

    writer = open_writer("jsonl", out_dir)
    floor = (config or load()).claims.min_confidence
    for item in annotate_stream(read([_need(Path(folder) / "inputs.jsonl")]), config):
        if hasattr(item, "records"):
            writer.write(shown(item, floor))
    return writer.close()[0]


def score(folder: str | Path, annotations: str | Path) -> dict:
    """The shared scorer's JSON for ``annotations`` (annotate --format jsonl output)."""
    root = Path(folder)
    cmd = [sys.executable, str(_need(root / "score_claims.py")), str(_need(root / "docs")),
           str(_need(root / "claims_gold.jsonl")), str(annotations), "--json"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise EvaluationError("E502", path=root / "score_claims.py", reason=done.stderr.strip()[-500:])
    return json.loads(done.stdout)
