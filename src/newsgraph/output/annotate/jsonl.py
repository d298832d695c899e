"""``annotate --format jsonl``: DIR/annotations.jsonl, one line per article with its records."""

from __future__ import annotations

import json
from pathlib import Path

from ...records import AnalyzedArticle, to_dict

ARTICLE_FIELDS = ("id", "date", "date_source", "title", "url", "source", "text")


class Writer:
    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / "annotations.jsonl"
        self._tmp = self.path.with_suffix(".jsonl.part")
        self._fh = self._tmp.open("w", encoding="utf-8")

    def write(self, analyzed: AnalyzedArticle) -> None:
        article = {f: getattr(analyzed.article, f) for f in ARTICLE_FIELDS}
        line = {"article": article, "records": [to_dict(r) for r in analyzed.records]}
        self._fh.write(json.dumps(line, ensure_ascii=False) + "\n")

    def close(self) -> list[Path]:
        self._fh.close()
        self._tmp.replace(self.path)  # never leave a half-written file under the real name
        return [self.path]
