"""Records <-> table rows: which table holds which record kind, and how fields flatten.

:func:`pack` flattens an AnalyzedArticle's records to rows where it was analysed (a pool
worker), so the writing process only inserts them (:class:`Packed`, accepted by the Store).
"""

from __future__ import annotations

import dataclasses
import json
import operator
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from ..records import RECORD_TYPES, AnalyzedArticle, Article, Failure, Record, from_dict, json_encoder
from ..records import plain  # the same flattening as to_dict

__all__ = ["TABLES", "Packed", "columns", "pack", "record_of", "row_of", "rows_of"]

#: record kind -> table name (each record class names its table)
TABLES: dict[str, str] = {kind: cls.table for kind, cls in RECORD_TYPES.items()}

_RENAMED = {"start": "start_char", "end": "end_char"}


@cache
def _span_field(cls: type[Record], name: str) -> bool:
    """Is field ``name`` a single named Span (annotations are strings here)?"""
    return str(cls.__dataclass_fields__[name].type).startswith("Span")


def columns(cls: type[Record]) -> list[str]:
    return list(_columns(cls))


@cache
def _columns(cls: type[Record]) -> tuple[str, ...]:
    out: list[str] = []
    for f in dataclasses.fields(cls):
        if _span_field(cls, f.name):
            out += [f"{f.name}_start", f"{f.name}_end", f"{f.name}_text"]
        else:
            out.append(_RENAMED.get(f.name, f.name))
    return tuple(out)


@cache
def _layout(cls: type[Record]) -> tuple[tuple[str, bool], ...]:
    """``(field name, is a Span)`` in column order, worked out once per record class."""
    return tuple((f.name, _span_field(cls, f.name)) for f in dataclasses.fields(cls))


_JSON = json_encoder(ensure_ascii=False)  # json.dumps(..., ensure_ascii=False), set up once

#: types of values a row holds as they are (no Span to spread, no tuple to encode)
_AS_IS = frozenset({str, int, float, bool, type(None)})


def row_of(record: Record) -> list[Any]:
    return _row_maker(type(record))(record)


def _general_row(record: Record) -> list[Any]:
    """A record's row: a Span field spreads over three columns, a tuple becomes JSON text."""
    row: list[Any] = []
    for name, span in _layout(type(record)):
        value = getattr(record, name)
        if span:
            row += [value.start, value.end, value.text] if value is not None else [None, None, None]
        elif isinstance(value, tuple):
            row.append(_JSON(plain(value)))
        else:
            row.append(value)
    return row


@cache
def _row_maker(cls: type[Record]) -> Callable[[Record], list[Any]]:
    """How to make rows of ``cls``: a record without Span fields whose values are all plain
    (most of them: mentions, actors, sentences) is its field values read at once; any other
    goes through :func:`_general_row` (the same row, built field by field)."""
    layout = _layout(cls)
    if len(layout) < 2 or any(span or str(cls.__dataclass_fields__[name].type).startswith("tuple")
                              for name, span in layout):
        return _general_row  # (claims, events and attributions have tuples or spans)
    values = operator.attrgetter(*(name for name, _ in layout))

    def make(record: Record) -> list[Any]:
        found = values(record)
        if _AS_IS.issuperset(map(type, found)):
            return list(found)
        return _general_row(record)

    return make


@dataclasses.dataclass(frozen=True, slots=True)
class Packed:
    """An AnalyzedArticle whose records are already table rows: ``rows[kind]`` in record order."""

    article: Article
    rows: dict[str, list[list[Any]]]
    n_records: int
    failures: tuple[Failure, ...] = ()
    extractors: tuple[tuple[str, str], ...] = ()
    skipped_sentences: int = 0


def pack(analyzed: AnalyzedArticle) -> Packed:
    rows: dict[str, list[list[Any]]] = {}
    for record in analyzed.records:
        rows.setdefault(record.kind, []).append(row_of(record))
    return Packed(analyzed.article, rows, len(analyzed.records), analyzed.failures, analyzed.extractors,
                  analyzed.skipped_sentences)


@cache
def _id_column(kind: str) -> int:
    return _columns(RECORD_TYPES[kind]).index("id")


def rows_of(item: AnalyzedArticle | Packed) -> Iterator[tuple[str, str, list[Any]]]:
    """``(kind, record id, row)`` for each record, in record order within each kind."""
    if isinstance(item, Packed):
        for kind, rows in item.rows.items():
            at = _id_column(kind)
            for row in rows:
                yield kind, row[at], row
    else:
        for record in item.records:
            yield record.kind, record.id, row_of(record)


def record_of(kind: str, row: dict[str, Any]) -> Record:
    """Rebuild a record from a table row (as a dict of column -> value)."""
    cls = RECORD_TYPES[kind]
    data: dict[str, Any] = {"kind": kind}
    for f in dataclasses.fields(cls):
        if _span_field(cls, f.name):
            start = row.get(f"{f.name}_start")
            data[f.name] = None if start is None else {
                "start": start, "end": row[f"{f.name}_end"], "text": row[f"{f.name}_text"]}
        else:
            value = row.get(_RENAMED.get(f.name, f.name))
            if isinstance(value, str) and f.type.startswith("tuple"):
                value = json.loads(value)
            data[f.name] = value
    return from_dict(data)
