"""Opaque cursors for pagination: keyset (sort key + id) for lists, offsets for ranked results.

Every list endpoint returns ``{"items": [...], "next": cursor or null}``; following ``next``
until it is null yields every result, with no hidden cap.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from .errors import ApiError

__all__ = ["Keyset", "decode", "encode", "page_of"]


def encode(value: Any) -> str:
    raw = json.dumps(value, separators=(",", ":"), default=str).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(cursor: str | None) -> Any:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return json.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise ApiError(400, "bad_cursor", "The cursor is not valid. Use the 'next' value of a previous page.") from exc


@dataclass(frozen=True)
class Keyset:
    """Order by ``key`` (asc or desc) then ``id`` ascending; resume after a cursor."""

    key: str
    id: str
    desc: bool = False

    def where(self, cursor: str | None) -> tuple[str, list[Any]]:
        value = decode(cursor)
        if value is None:
            return "true", []
        if not (isinstance(value, list) and len(value) == 2):
            raise ApiError(400, "bad_cursor", "The cursor is not valid. Use the 'next' value of a previous page.")
        op = "<" if self.desc else ">"
        return f"({self.key} {op} ? OR ({self.key} = ? AND {self.id} > ?))", [value[0], value[0], value[1]]

    def order(self) -> str:
        return f"{self.key} {'DESC' if self.desc else 'ASC'}, {self.id} ASC"


def page_of(items: list[dict[str, Any]], limit: int, key: str | None = None, id_: str | None = None,
            offset: int | None = None) -> dict[str, Any]:
    """Trim a fetched ``limit + 1`` rows to a page and compute its ``next`` cursor."""
    more = len(items) > limit
    items = items[:limit]
    nxt = None
    if more and offset is not None:
        nxt = encode({"offset": offset + limit})
    elif more and items:
        nxt = encode([items[-1][key], items[-1][id_]])
    return {"items": items, "next": nxt}


def offset_of(cursor: str | None) -> int:
    value = decode(cursor)
    if value is None:
        return 0
    if not (isinstance(value, dict) and isinstance(value.get("offset"), int) and value["offset"] >= 0):
        raise ApiError(400, "bad_cursor", "The cursor is not valid. Use the 'next' value of a previous page.")
    return value["offset"]
