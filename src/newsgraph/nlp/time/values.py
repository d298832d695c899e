"""TIMEX3 values: the Resolved record of a normalised timex, formatting a period as a value,
moving dates by units, reading numbers and years written in words."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True, slots=True)
class Resolved:
    """A normalised timex: what a Timex record holds, plus where its anchor came from."""

    start: int
    end: int
    timex_type: str
    value: str
    mod: str | None = None
    granularity: str | None = None
    anchor: str | None = None
    anchor_source: str | None = None
    explicit_year: bool = False  # the text itself names the year
    point: date | None = None  # first day of the period, when the value is a point
    rule: str = ""  # id of the rule that found it


GRAN_ORDER = ("time", "day", "week", "month", "season", "quarter", "half", "year", "decade", "century")


def fmt(gran: str, d: date | None, extra: str = "") -> str:
    """A TIMEX3 value for the period of ``gran`` that holds day ``d`` (None: underspecified)."""
    if d is None:
        return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                "year": "XXXX", "quarter": "XXXX-QX", "half": "XXXX-HX", "season": f"XXXX-{extra or 'XX'}",
                "decade": "XXX", "century": "XX", "time": f"XXXX-XX-XXT{extra}"}.get(gran, "XXXX-XX-XX")
    if gran == "day":
        return d.isoformat()
    if gran == "time":
        return f"{d.isoformat()}T{extra}"
    if gran in ("week", "weekend"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if gran == "weekend" else "")
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == "season":
        return f"{d.year:04d}-{extra}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (day, week, month, quarter, half, year, decade, century)."""
    if unit in ("day",):
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    if not 1 <= y <= 9999:
        return d
    return date(y, m + 1, 1) if unit != "day" else d


def start_of(d: date, gran: str) -> date:
    if gran in ("week", "weekend"):
        return d - timedelta(days=d.weekday())
    if gran == "month":
        return d.replace(day=1)
    if gran == "quarter":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if gran == "half":
        return date(d.year, 1 if d.month <= 6 else 7, 1)
    if gran in ("year",):
        return date(d.year, 1, 1)
    if gran == "decade":
        return date(d.year - d.year % 10 or 1, 1, 1)
    if gran == "century":
        return date(max(1, d.year - d.year % 100), 1, 1)
    return d


def parse_number(text: str, vocab: Mapping[str, Mapping[str, Any]]) -> float | None:
    """'24', '1,000', 'twenty-four', 'a couple of', 'six' -> number (None if unknown)."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", t):
        return float(t.replace(",", ""))
    words = vocab["NUMWORD"]
    if t in words:
        return float(words[t])
    parts = re.split(r"[\s-]+", t)
    if len(parts) == 2 and parts[0] in words and parts[1] in words:
        return float(words[parts[0]] + words[parts[1]])
    return None


def year_from_words(text: str, vocab) -> int | None:
    """'nineteen ninety-six' -> 1996; 'two thousand' -> 2000; 'two thousand and two' -> 2002."""
    t = re.sub(r"[\s-]+", " ", text.lower()).replace(" and ", " ")
    if t.startswith("the year "):
        t = t[9:]
    words = vocab["NUMWORD"]
    if t.startswith("two thousand"):
        rest = t[len("two thousand"):].strip()
        return 2000 + (int(words.get(rest, 0)) if rest else 0)
    parts = t.split(" ")
    if parts[0] == "nineteen" and len(parts) >= 2:
        tail = parse_number(" ".join(parts[1:]), vocab)
        return 1900 + int(tail) if tail is not None and tail < 100 else None
    return None


# Years before Christ are carried as proxy years of the Common Era, so that dates can be
# moved and compared as usual: 1 BC is 8999, 500 BC is 8500 (later years BC
# are smaller numbers, later proxies bigger ones). A value written with a proxy year is
# turned back into TimeML's "BC" form by :func:`bc_value`.
BC_BASE = 9000
BC_SPAN = 5000  # years BC that can be told (1 to 4999): proxies 4001 to 8999


def bc_proxy(year_bc: int) -> int:
    return BC_BASE - year_bc


def bc_value(value: str | None) -> str | None:
    """A TIMEX3 value with a proxy year written as TimeML writes years BC ("BC0490-06")."""
    m = re.match(r"(\d{4})", value or "")
    if m is None or not BC_BASE - BC_SPAN < int(m.group(1)) < BC_BASE:
        return value
    return f"BC{BC_BASE - int(m.group(1)):04d}{value[4:]}"
