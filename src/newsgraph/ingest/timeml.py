"""Reader for TimeML files (TimeBank, TempEval-3 ``.tml`` / ``.TE3input``).

``Article.text`` is the character data of ``<TEXT>`` (XML entities unescaped), the date is the
DCT's TIMEX3 ``value`` (``date_source="dct"``). :func:`parse_timeml` also keeps the raw layout
(every tag and text piece with its offsets), which ``output/annotate/timeml.py`` and
``evaluate/time.py`` use to put tags back and to score, character for character.

Malformed input is never guessed at: unclosed tags or no ``<TEXT>`` give ``E111``, a missing
or non-date DCT gives ``E113``, as a :class:`~newsgraph.records.Failure` from :func:`read` or
an :class:`~newsgraph.errors.InputError` from :func:`parse_timeml`.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError, message
from ..records import Article, Failure

__all__ = ["Piece", "TagSpan", "TimeMLDocument", "parse_timeml", "read", "sniff"]

NAME = "timeml"
SUFFIXES = (".tml", ".te3input")

_TAG = re.compile(r"<(/?)([A-Za-z_][\w.-]*)([^>]*?)(/?)>|<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>", re.S)
_ATTR = re.compile(r'([\w:.-]+)\s*=\s*("[^"]*"|\'[^\']*\')')
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|\w+);")
_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})")


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of the raw ``<TEXT>`` content: a tag (``text == ""``) or character data.

    ``raw`` is the exact source; ``text`` its character data (entities unescaped);
    ``start`` is the offset of ``text`` in the document text. An entity reference is a piece
    of its own, so that tags can be put between any two characters of the text.
    """

    raw: str
    text: str
    start: int
    tag: str | None = None  # element name for tags, None for text
    closing: bool = False
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class TagSpan:
    """An element inside ``<TEXT>`` with its extent in the text (e.g. a gold TIMEX3)."""

    name: str
    start: int
    end: int
    attrs: tuple[tuple[str, str], ...]

    def get(self, key: str, default: str | None = None) -> str | None:
        return dict(self.attrs).get(key, default)


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """A parsed TimeML file: the raw source, ``<TEXT>``'s pieces, its text and elements."""

    raw: str
    text_open: int  # raw offset just after "<TEXT...>"
    text_close: int  # raw offset of "</TEXT>"
    pieces: tuple[Piece, ...]
    text: str
    elements: tuple[TagSpan, ...]
    dct: str | None
    docid: str | None

    def timexes(self) -> tuple[TagSpan, ...]:
        return tuple(e for e in self.elements if e.name == "TIMEX3")


def _attrs(body: str) -> tuple[tuple[str, str], ...]:
    return tuple((k, html.unescape(v[1:-1])) for k, v in _ATTR.findall(body))


def _text_pieces(raw: str, offset: int) -> Iterator[tuple[str, str]]:
    last = 0
    for m in _ENTITY.finditer(raw):
        if m.start() > last:
            yield raw[last:m.start()], raw[last:m.start()]
        yield m.group(0), html.unescape(m.group(0))
        last = m.end()
    if last < len(raw):
        yield raw[last:], raw[last:]


def _pieces(raw: str) -> list[Piece]:
    pieces: list[Piece] = []
    pos = 0
    n = 0
    for m in _TAG.finditer(raw):
        for src, txt in _text_pieces(raw[pos:m.start()], n):
            pieces.append(Piece(src, txt, n))
            n += len(txt)
        if m.group(2):
            pieces.append(Piece(m.group(0), "", n, m.group(2), bool(m.group(1)), _attrs(m.group(3))))
        elif m.group(0).startswith("<![CDATA["):
            body = m.group(0)[9:-3]
            pieces.append(Piece(m.group(0), body, n))
            n += len(body)
        else:
            pieces.append(Piece(m.group(0), "", n, "#comment"))
        pos = m.end()
    for src, txt in _text_pieces(raw[pos:], n):
        pieces.append(Piece(src, txt, n))
        n += len(txt)
    return pieces


def _elements(pieces: list[Piece], where: str) -> tuple[TagSpan, ...]:
    stack: list[Piece] = []
    out: list[TagSpan] = []
    for p in pieces:
        if p.tag is None or p.tag == "#comment":
            continue
        if p.raw.endswith("/>"):
            out.append(TagSpan(p.tag, p.start, p.start, p.attrs))
        elif not p.closing:
            stack.append(p)
        else:
            if not stack or stack[-1].tag != p.tag:
                raise InputError("E111", path=where, reason=f"unbalanced </{p.tag}> inside <TEXT>")
            opened = stack.pop()
            out.append(TagSpan(p.tag, opened.start, p.start, opened.attrs))
    if stack:
        raise InputError("E111", path=where, reason=f"<{stack[-1].tag}> never closed inside <TEXT>")
    out.sort(key=lambda e: (e.start, -e.end))
    return tuple(out)


def _check_xml(raw: str, where: str) -> ET.Element:
    try:
        root = ET.fromstring(raw.encode("utf-8"))
    except ET.ParseError as exc:
        raise InputError("E111", path=where, reason=str(exc)) from exc
    if root.tag != "TimeML" and root.find(".//TEXT") is None:
        raise InputError("E111", path=where, reason=f"root element is <{root.tag}>, not <TimeML>")
    return root


def _dct(root: ET.Element, where: str) -> str | None:
    node = root.find(".//DCT/TIMEX3")
    if node is None:
        node = next((t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    if node is None:
        return None
    value = (node.get("value") or "").strip()
    m = _DATE.match(value)
    if not m:
        raise InputError("E113", path=where, reason=f"DCT value {value!r} is not a date")
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise InputError("E113", path=where, reason=f"DCT value {value!r}: {exc}") from exc
    return day.isoformat()


def parse_timeml(raw: str, where: str = "<string>", *, require_dct: bool = True) -> TimeMLDocument:
    """Parse a TimeML document (a str) keeping every byte of ``<TEXT>``'s layout.

    Raises InputError E111 (malformed, no ``<TEXT>``) or E113 (no DCT / not a date; only
    when ``require_dct``).
    """
    root = _check_xml(raw, where)
    m_open = re.search(r"<TEXT(\s[^>]*)?>", raw)
    m_close = raw.rfind("</TEXT>")
    if m_open is None or m_close < m_open.end():
        raise InputError("E111", path=where, reason="no <TEXT> element")
    pieces = _pieces(raw[m_open.end():m_close])
    text = "".join(p.text for p in pieces)
    dct = _dct(root, where)
    if dct is None and require_dct:
        raise InputError("E113", path=where, reason="no <DCT> TIMEX3")
    docid = root.findtext(".//DOCID")
    return TimeMLDocument(raw, m_open.end(), m_close, tuple(pieces), text,
                          _elements(pieces, where), dct, docid.strip() if docid else None)


def read_timeml_file(path: Path, *, require_dct: bool = True) -> TimeMLDocument:
    """Read and parse a TimeML file (UTF-8). Raises InputError E101/E102/E111/E113."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError("E101", path=path, reason=exc.strerror or exc) from exc
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("E102", path=path, pos=exc.start) from exc
    return parse_timeml(raw, str(path), require_dct=require_dct)


def doc_name(path: Path) -> str:
    """``NAME`` of ``NAME.tml`` / ``NAME.tml.TE3input`` / ``NAME.TE3input``."""
    name = Path(path).name
    for suffix in (".TE3input", ".te3input", ".tml", ".TML"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def sniff(path: Path, head: bytes) -> bool:
    """A ``.tml`` / ``.TE3input`` name, or an XML file with a ``<TimeML`` root in the first
    bytes (not any file that mentions the tag: a JSON Lines article may quote it)."""
    if Path(path).name.lower().endswith(SUFFIXES):
        return True
    xml = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<?xml", b"<!--", b"<TimeML"))
    return xml and b"<TimeML" in head[:4096]


def read(path: Path, options: Any = None) -> Iterator[Article | Failure]:
    """Yield one Article per TimeML file, or a Failure (E101, E102, E103, E111, E113)."""
    path = Path(path)
    try:
        doc = read_timeml_file(path)
    except InputError as exc:
        yield Failure(str(path), exc.code, str(exc))
        return
    if not doc.text.strip():
        yield Failure(str(path), "E103", message("E103", path=path))
        return
    date_override = getattr(options, "date", None)
    source = getattr(options, "source", None)
    yield Article(id=doc.docid or doc_name(path), text=doc.text,
                  date=date_override or doc.dct, date_source="cli" if date_override else "dct",
                  title=None, url=None, source=source, origin=str(path))
