"""``annotate --format brat``: ``DIR/<id>.txt`` (the text exactly as read) and ``DIR/<id>.ann``.

The .ann follows the PolNeAR scheme: ``T`` lines ``Source``, ``Cue``, ``Content`` and
``Attribution`` (on the cue's characters; ``Attribution-no-source`` when there is no source),
offsets into the .txt, discontinuous spans as ``start end;start end``, and one line per
relation ``E# Attribution:T.. Source:T.. Cue:T.. Content:T..``. A span shared by two relations
(one source, two cues) is written once. ``<id>`` is the file's stem for files and the
record's ``id`` for JSON Lines / CSV input.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import ExportError
from ..safe import xml_text
from ...records import AnalyzedArticle, Attribution, Span

__all__ = ["Writer", "ann_lines", "article_name"]

_RECORD_FORMATS = {".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".warc", ".gz"}
_UNSAFE = re.compile(r"[^\w.\-]+")
_ONE_LINE = re.compile(r"[\t\n\r\x85\u2028\u2029]")


def article_name(analyzed: AnalyzedArticle) -> str:
    """The file's stem for a file, the record id for a record of a JSON Lines/CSV input."""
    art = analyzed.article
    origin = art.origin or ""
    path = re.sub(r"(:\d+|#\d+)$", "", origin)
    suffix = Path(path).suffix.lower()
    if path and path != "-" and suffix not in _RECORD_FORMATS:
        name = Path(path).stem
    else:
        name = art.id
    return _UNSAFE.sub("_", name).strip("._") or art.id


def _frags(spans: tuple[Span, ...]) -> tuple[str, str]:
    pos = ";".join(f"{s.start} {s.end}" for s in spans)
    # one line, three tab-separated fields: no tab or line break inside, nothing XML forbids
    return pos, " ".join(_ONE_LINE.sub(" ", xml_text(s.text)) for s in spans)


class _Ann:
    """Numbered T lines, each (label, fragments) written once."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.ids: dict[tuple[str, tuple[tuple[int, int], ...]], str] = {}

    def t(self, label: str, spans: tuple[Span, ...]) -> str:
        key = (label, tuple((s.start, s.end) for s in spans))
        if key not in self.ids:
            tid = f"T{len(self.ids) + 1}"
            pos, text = _frags(spans)
            self.ids[key] = tid
            self.lines.append(f"{tid}\t{label} {pos}\t{text}")
        return self.ids[key]


def ann_lines(records) -> list[str]:
    """The .ann lines for the Attribution records of one article, as PolNeAR lays them out:
    per relation its Source, Cue, Content and Attribution T lines, then its E line."""
    ann = _Ann()
    n = 0
    for rec in sorted((r for r in records if isinstance(r, Attribution)), key=lambda r: (r.start, r.end)):
        if rec.cue is None or rec.content is None:
            continue
        parts = {}
        if rec.source is not None:
            parts["Source"] = ann.t("Source", (rec.source,))
        parts["Cue"] = ann.t("Cue", (rec.cue,))
        parts["Content"] = ann.t("Content", rec.content_fragments or (rec.content,))
        anchor = ann.t("Attribution" if rec.source is not None else "Attribution-no-source", (rec.cue,))
        n += 1
        roles = " ".join(f"{k}:{parts[k]}" for k in ("Source", "Cue", "Content") if k in parts)
        ann.lines.append(f"E{n}\tAttribution:{anchor} {roles}")
    return ann.lines


class Writer:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.written: list[Path] = []
        self.names: set[str] = set()

    def write(self, analyzed: AnalyzedArticle) -> None:
        name = article_name(analyzed)
        if name in self.names:  # two inputs with one name: keep both, apart
            name = f"{name}_{analyzed.article.id}"
        self.names.add(name)
        txt, ann = self.out_dir / f"{name}.txt", self.out_dir / f"{name}.ann"
        lines = ann_lines(analyzed.records)
        try:
            with txt.open("w", encoding="utf-8", newline="") as fh:
                fh.write(analyzed.article.text)
            ann.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        except OSError as exc:
            raise ExportError("E602", path=ann, reason=exc) from exc
        self.written += [txt, ann]

    def close(self) -> list[Path]:
        return list(self.written)
