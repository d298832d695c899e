"""What a normaliser may look at besides its match (:class:`Context`: the anchor, the tense,
the timexes before it), and the year of a month or day named without one."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .values import BC_SPAN, Resolved, _safe_date, bc_proxy, year_from_words


@dataclass
class Context:
    """What a normaliser may look at besides the match."""

    text: str
    dct: date | None
    anchor: date | None  # dct, or the speech time of the quote the timex is in
    anchor_source: str
    tense: str = "none"  # past, present, future, none
    history: list[Resolved] = field(default_factory=list)  # earlier timexes of the article
    sentence: int = 0
    sentences: list[int] = field(default_factory=list)  # sentence index of each history item
    vocab: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    narrative: bool = False  # a history (see is_narrative), not news
    start: int = 0  # where the match starts in text
    end: int = 0  # and where it ends
    verb: int | None = None  # token index of the verb the timex hangs on (None: unknown)
    verbs: list[int | None] = field(default_factory=list)  # the same for each history item

    def same_clause(self) -> Resolved | None:
        """The latest earlier timex with an explicit year that hangs on the same verb in the
        same sentence ("In 1990, sales peaked in March")."""
        for r, s, v in zip(reversed(self.history), reversed(self.sentences), reversed(self.verbs)):
            if s != self.sentence:
                return None
            if v is not None and v == self.verb and r.explicit_year and r.point is not None:
                return r
        return None

    def recent(self, max_back: int, grans: Sequence[str] | None = None,
               explicit_year: bool = False, rules: Sequence[str] | None = None,
               begun: bool = False) -> Resolved | None:
        """The latest earlier point timex within ``max_back`` sentences (DATE/TIME); with
        ``begun``, only one begun by the anchor (not a forecast's "third quarter of next year")."""
        for r, s in zip(reversed(self.history), reversed(self.sentences)):
            if self.sentence - s > max_back:
                return None
            if r.point is None or r.timex_type not in ("DATE", "TIME"):
                continue
            if begun and self.anchor is not None and r.point > self.anchor:
                continue
            if rules is not None and r.rule not in rules:
                continue
            if grans is not None and r.granularity not in grans:
                continue
            if explicit_year and not r.explicit_year:
                continue
            return r
        return None


    def paragraph_date(self, month: int, day: int | None) -> Resolved | None:
        """In a past sentence of news, the latest date with its year named earlier in the same
        paragraph, if it is a day or a month (at most four sentences back, no date read from the
        article's own between), when ``month`` and ``day`` of its year fall on or after it and not after
        the anchor: the story goes on in that year."""
        if self.narrative or self.tense != "past" or self.anchor is None:
            return None
        for r, s in zip(reversed(self.history), reversed(self.sentences)):
            if "\n" in self.text[r.end:self.start] or self.sentence - s > 4:
                return None
            if r.point is not None and r.anchor_source == "dct":
                return None  # a date read from the article's own, in between: the story came back to now
            if r.explicit_year and r.point is not None and r.timex_type in ("DATE", "TIME"):
                if r.granularity not in ("day", "time", "month"):
                    return None  # "a 2011 inquiry into the 2009 collapse. In March ...": no one date told
                probe = _safe_date(r.point.year, month, day or 28)
                first = r.point.replace(day=1)
                return r if probe is not None and first <= probe <= self.anchor else None
        return None


def _word(vocab, table: str, key: str | None) -> Any:
    return None if key is None else vocab[table].get(re.sub(r"\s+", " ", key.lower()))


def _mod(ctx: Context, g: Mapping[str, str]) -> str | None:
    if "premod" in g:
        return _word(ctx.vocab, "PREMOD", g["premod"]) or {"end": "END"}.get(g["premod"].lower())
    if "quantmod" in g:
        return _word(ctx.vocab, "QUANTMOD", g["quantmod"])
    return None


def _month(ctx: Context, g: Mapping[str, str]) -> int | None:
    if "monthnum" in g:
        m = int(g["monthnum"])
        return m if 1 <= m <= 12 else None
    for table in ("MONTH", "MONTHABBR"):
        key = table.lower()
        if key in g:
            return _word(ctx.vocab, table, g[key].rstrip(".") if table == "MONTH" else g[key].lower()) or \
                _word(ctx.vocab, table, g[key].lower().rstrip(".") + ".")
    return None


def _year(ctx: Context, g: Mapping[str, str]) -> int | None:
    if "bcyear" in g:
        y = int(g["bcyear"])
        return bc_proxy(y) if 1 <= y < BC_SPAN else None
    if "yearend" in g:  # "1915-17": the century of the year before the dash
        head = re.search(r"(\d\d)\d\d\s*[-\u2013]\s*$", ctx.text[:ctx.start])
        return int(head.group(1) + g["yearend"]) if head else None
    if "year" in g:
        y = int(g["year"])
        if len(g["year"]) == 2:  # '58: the latest such year not after the article's next year
            now = (ctx.anchor if ctx.narrative and ctx.anchor else ctx.dct).year if ctx.dct else 2030
            y += 2000 if 2000 + y <= now + 1 else 1900
        return y
    if "yearword" in g:
        return year_from_words(g["yearword"], ctx.vocab)
    return None


_SHARED_YEAR = re.compile(r"\s*(?:,|and|or|to|through|until|till|[-\u2013])\s*(?:(?:early|mid|late)[\s-]+)?"
                          r"[A-Z][a-z]+\.?(?:\s+[0-3]?\d(?:st|nd|rd|th)?)?,?\s+(1[0-9]\d\d|20\d\d)(?!\d)")


def _infer_year(ctx: Context, month: int, day: int | None) -> tuple[int | None, str]:
    """Year of a month (and day) named without one: from a recent explicit year in the
    discourse, else the anchor's year moved by tense (past: not after the anchor). A month
    coordinated with a later one that names its year shares it ("in August and September
    1914", "between March and April 1918")."""
    shared = _SHARED_YEAR.match(ctx.text, ctx.end) if ctx.end else None
    if shared is not None:
        return int(shared.group(1)), "text"
    ref = ctx.recent(10_000, explicit_year=True) if ctx.narrative else ctx.same_clause()
    if ref is not None and ref.point is not None and (ctx.anchor is None or abs(ref.point.year - ctx.anchor.year) > 1):
        return ref.point.year, "discourse"
    told = ctx.paragraph_date(month, day)
    if told is not None:  # "The bridge fell on March 2, 2015. On March 25, the inquiry opened": 2015
        return told.point.year, "discourse"
    if ctx.anchor is None:
        return None, "none"
    a = ctx.anchor
    cand = _safe_date(a.year, month, min(day or 1, 28))
    probe = date(a.year, month, min(day or 28, 28)) if day else date(a.year, month, 1)
    if ctx.tense == "past" and probe > a and (month - a.month) % 12 >= 2 or \
            ctx.tense == "past" and day is None and month > a.month:
        return a.year - 1, ctx.anchor_source
    if ctx.tense == "future" and cand is not None and (month < a.month - 1):
        return a.year + 1, ctx.anchor_source
    if ctx.tense in ("present", "none") and not ctx.narrative:  # up to 4 months ahead, else past
        ahead = (month - a.month) % 12
        return (a.year + (a.month + ahead > 12) if ahead <= 4 else a.year - (month > a.month)), ctx.anchor_source
    return a.year, ctx.anchor_source
