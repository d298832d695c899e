"""``annotate --format timeml``: the input TimeML file with our own TIMEX3 tags, as ``DIR/NAME.tml``.

The writer re-reads the original file (``article.origin``), removes the TIMEX3 tags inside
``<TEXT>`` (the DCT keeps ``t0``), drops the links (TLINK, ...) that referred to a removed
timex, and inserts one TIMEX3 per Timex record (tids ``t1``, ``t2``, ... skipping tids still in
the file). Every other byte is kept: text, entities, EVENT and SIGNAL tags. A timex is never
allowed to cross or contain a kept tag: it is trimmed to the part beside the tag, or left out.
This is the format TempEval-3's scorer compares (see ``evaluate/time.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

from ...errors import ExportError, InputError
from ...ingest.timeml import Piece, TimeMLDocument, doc_name, read_timeml_file
from ...records import AnalyzedArticle, Timex

__all__ = ["Writer", "render", "strip_timexes"]

_LINK_ATTRS = ("timeID", "relatedToTime", "anchorTimeID", "beginPoint", "endPoint", "valueFromFunction")
_ELEMENT = re.compile(r"<([A-Z][A-Za-z]*)\b[^>]*?/>[ \t]*\n?|<([A-Z][A-Za-z]*)\b[^>]*>.*?</\2>[ \t]*\n?", re.S)
_ATTR = re.compile(r'([\w:.-]+)\s*=\s*"([^"]*)"')


def _kept(pieces: Sequence[Piece]) -> list[Piece]:
    return [p for p in pieces if p.tag != "TIMEX3"]


def _removed_tids(doc: TimeMLDocument) -> set[str]:
    return {t.get("tid") for t in doc.timexes() if t.get("tid")}


def strip_timexes(doc: TimeMLDocument) -> tuple[str, str, set[str]]:
    """(head, tail) of the raw file around ``<TEXT>``'s content, with links to removed timexes
    dropped from the tail, and the set of tids still used outside ``<TEXT>``."""
    removed = _removed_tids(doc)
    head = doc.raw[:doc.text_open]
    tail = doc.raw[doc.text_close:]

    def keep(m: re.Match) -> str:
        attrs = dict(_ATTR.findall(m.group(0).split(">", 1)[0]))
        if any(attrs.get(a) in removed for a in _LINK_ATTRS):
            return ""
        return m.group(0)

    tail = _ELEMENT.sub(keep, tail)
    used = set(re.findall(r'\btid="([^"]+)"', head + tail))
    return head, tail, used


def _conflicts(start: int, end: int, elements) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in elements
            if e.name != "TIMEX3" and e.start < end and start < e.end or
            (e.name != "TIMEX3" and e.start == e.end and start < e.start < end)]


def _fit(start: int, end: int, text: str, elements) -> tuple[int, int] | None:
    """The extent trimmed so that it crosses and contains no kept element (or None)."""
    for _ in range(8):
        hits = _conflicts(start, end, elements)
        if not hits:
            break
        a, b = hits[0]
        left, right = (start, min(a, end)), (max(b, start), end)
        start, end = max((left, right), key=lambda s: len(text[s[0]:s[1]].strip()))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
    else:
        return None
    return (start, end) if start < end else None


def _placed(timexes: Iterable[Timex], doc: TimeMLDocument) -> list[tuple[int, int, Timex]]:
    fitted = []
    for tx in timexes:
        span = _fit(tx.start, tx.end, doc.text, doc.elements)
        if span is not None:
            fitted.append((span[0], span[1], tx))
    # where two overlap, the one kept whole (then the longer) wins
    fitted.sort(key=lambda f: ((f[0], f[1]) != (f[2].start, f[2].end), f[0] - f[1], f[0]))
    out: list[tuple[int, int, Timex]] = []
    for f in fitted:
        if all(f[1] <= o[0] or f[0] >= o[1] for o in out):
            out.append(f)
    return sorted(out, key=lambda f: f[0])


def _open_tag(tid: str, tx: Timex) -> str:
    attrs = [("tid", tid), ("type", tx.timex_type), ("value", tx.value)]
    if tx.mod:
        attrs.append(("mod", tx.mod))
    return "<TIMEX3 " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs) + ">"


def _tids(used: set[str]) -> Iterable[str]:
    n = 1
    while True:
        tid = f"t{n}"
        if tid not in used:
            yield tid
        n += 1


def _inserts(placed, used: set[str]) -> dict[tuple[int, int], list[str]]:
    """(char offset, phase) -> tags; phase 0 = closing tags, 1 = opening tags."""
    at: dict[tuple[int, int], list[str]] = {}
    for (start, end, tx), tid in zip(placed, _tids(used)):
        at.setdefault((start, 1), []).append(_open_tag(tid, tx))
        at.setdefault((end, 0), []).append("</TIMEX3>")
    return at


def render_text(doc: TimeMLDocument, timexes: Iterable[Timex], used: set[str]) -> str:
    """The raw ``<TEXT>`` content with our TIMEX3 tags in place of the old ones.

    At an offset, our closing tag goes before any kept tag there and our opening tag after
    the kept closing tags but before the kept opening tags, so no element is crossed.
    """
    inserts = _inserts(_placed(timexes, doc), used)
    out: list[str] = []

    def emit(pos: int, phase: int) -> None:
        out.extend(inserts.pop((pos, phase), ()))

    for piece in _kept(doc.pieces):
        pos = piece.start
        emit(pos, 0)
        if piece.tag is not None and (piece.closing or piece.raw.endswith("/>")):
            out.append(piece.raw)
            continue
        emit(pos, 1)
        if piece.tag is not None or piece.raw != piece.text:  # a tag or an entity: atomic
            out.append(piece.raw)
            continue
        last = 0
        for cut in sorted({p - pos for p, _ in inserts if pos < p < pos + len(piece.text)}):
            out.append(piece.text[last:cut])
            last = cut
            emit(pos + cut, 0)
            emit(pos + cut, 1)
        out.append(piece.text[last:])
    emit(len(doc.text), 0)
    return "".join(out)


def render(doc: TimeMLDocument, timexes: Iterable[Timex]) -> str:
    """The whole file with its TIMEX3 tags inside ``<TEXT>`` replaced by ``timexes``."""
    head, tail, used = strip_timexes(doc)
    return head + render_text(doc, timexes, used) + tail


class Writer:
    """Writes ``DIR/NAME.tml`` for each analysed TimeML article (found via ``article.origin``)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.written: list[Path] = []

    def write(self, analyzed: AnalyzedArticle) -> None:
        origin = analyzed.article.origin
        if not origin:
            raise ExportError("E602", path=self.out_dir,
                              reason=f"article {analyzed.article.id} has no origin file; the timeml format needs TimeML input")
        path = Path(origin.split("#")[0])
        try:
            doc = read_timeml_file(path, require_dct=False)
        except InputError as exc:
            raise ExportError("E602", path=self.out_dir / f"{doc_name(path)}.tml", reason=exc) from exc
        if doc.text != analyzed.article.text:
            raise ExportError("E602", path=self.out_dir / f"{doc_name(path)}.tml",
                              reason=f"{path} changed since it was read")
        timexes = [r for r in analyzed.records if isinstance(r, Timex)]
        target = self.out_dir / f"{doc_name(path)}.tml"
        tmp = target.with_suffix(".tml.part")
        tmp.write_text(render(doc, timexes), encoding="utf-8", newline="")
        tmp.replace(target)
        self.written.append(target)

    def close(self) -> list[Path]:
        return list(self.written)
