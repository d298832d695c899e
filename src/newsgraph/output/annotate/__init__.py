"""Writers for `newsgraph annotate --format NAME --out DIR`: one module per format.

Each module defines ``Writer(out_dir)`` with ``write(analyzed: AnalyzedArticle)`` and
``close() -> list[Path]`` (the files written). Writers stream: one article at a time.
"""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

from ...errors import ConfigError
from ...records import AnalyzedArticle

__all__ = ["FORMATS", "open_writer", "shown"]

#: record kinds whose confidence ``claims.min_confidence`` applies to
CONFIDENT_KINDS = frozenset({"claim", "attribution"})

#: format name -> module in this package
FORMATS: dict[str, str] = {
    "brat": "brat",
    "jsonl": "jsonl",
    "plover": "plover",
    "timeml": "timeml",
}


def open_writer(name: str, out_dir: str | Path):
    if name not in FORMATS:
        raise ConfigError("E204", name=name, available=", ".join(sorted(FORMATS)))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return importlib.import_module(f"{__package__}.{FORMATS[name]}").Writer(out)


def shown(analyzed: AnalyzedArticle, min_confidence: float) -> AnalyzedArticle:
    """The article's records a user sees by default: claims and attributions at or above
    ``min_confidence`` (the ``claims.min_confidence`` setting), and the attribution of every
    claim shown; every other record as it is."""
    if min_confidence <= 0:
        return analyzed
    claimed = {r.attribution_id for r in analyzed.records if r.kind == "claim" and r.confidence >= min_confidence}
    kept = tuple(r for r in analyzed.records
                 if r.kind not in CONFIDENT_KINDS or r.confidence >= min_confidence or r.id in claimed)
    return dataclasses.replace(analyzed, records=kept)
