"""``annotate --format plover``: DIR/events.plover.jsonl, one PLOVER JSON record per event."""

from __future__ import annotations

import json
from pathlib import Path

from ...records import AnalyzedArticle, Event
from ..plover import to_plover


class Writer:
    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / "events.plover.jsonl"
        self._tmp = self.path.with_suffix(".jsonl.part")
        self._fh = self._tmp.open("w", encoding="utf-8")

    def write(self, analyzed: AnalyzedArticle) -> None:
        for record in analyzed.records:
            if isinstance(record, Event):
                self._fh.write(json.dumps(to_plover(record, analyzed.article), ensure_ascii=False) + "\n")

    def close(self) -> list[Path]:
        self._fh.close()
        self._tmp.replace(self.path)  # never leave a half-written file under the real name
        return [self.path]
