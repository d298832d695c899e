"""Writers for `newsgraph annotate --format NAME --out DIR`: one module per format.

Each module defines ``Writer(out_dir)`` with ``write(analyzed: AnalyzedArticle)`` and
``close() -> list[Path]`` (the files written). Writers stream: one article at a time.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ...errors import ConfigError

__all__ = ["FORMATS", "open_writer"]

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
