"""Records <-> table rows: which table holds which record kind, and how fields flatten."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..records import RECORD_TYPES, Participant, Record, Span, from_dict

__all__ = ["TABLES", "columns", "row_of", "record_of"]

#: record kind -> table name
TABLES: dict[str, str] = {
    "sentence": "sentences",
    "mention": "mentions",
    "timex": "timexes",
    "actor": "actors",
    "place": "places",
    "attribution": "attributions",
    "claim": "claims",
    "event": "events",
}

_RENAMED = {"start": "start_char", "end": "end_char"}


def _span_field(cls: type[Record], name: str) -> bool:
    """Is field ``name`` a single named Span (annotations are strings here)?"""
    return str(cls.__dataclass_fields__[name].type).startswith("Span")


def columns(cls: type[Record]) -> list[str]:
    out: list[str] = []
    for f in dataclasses.fields(cls):
        if _span_field(cls, f.name):
            out += [f"{f.name}_start", f"{f.name}_end", f"{f.name}_text"]
        else:
            out.append(_RENAMED.get(f.name, f.name))
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Span | Participant):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def row_of(record: Record) -> list[Any]:
    row: list[Any] = []
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if _span_field(type(record), f.name):
            row += [value.start, value.end, value.text] if value is not None else [None, None, None]
        elif isinstance(value, tuple):
            row.append(json.dumps(_plain(value), ensure_ascii=False))
        else:
            row.append(value)
    return row


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
