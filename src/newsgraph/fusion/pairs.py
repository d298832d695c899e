"""Which pairs fusion scores, found with numpy: the items that share a blocking key, are
dated within the window and may pass the tests of ``features.scorer``. The exact score (in
Python) then runs only on those: the same links as scoring every pair of a block, for a
fraction of the work (``bench/fusion.py`` at 100,000 synthetic claims: 14 M pairs share a
key, 7 M of them are of classes that may link, 0.55 M pass the filter; fusion's CPU time
halves).

A pair is left out only when a necessary condition of a link fails, computed on arrays:

- claims: by actors and concepts, a shared entity, the lexical overlap and the weighted total
  at least their thresholds (less a rounding margin); else by meaning, at least
  ``meaning_rare_words`` shared rare words (counting a word rare if it is on either side);
- two articles on one story: the cosine of their contexts at least ``context`` (less the margin).

Items are numbered in id order (so "b < a" compares ids); every token (entity, concept, word,
event type) is a column of a dense buffer, one row per item of the chunk being compared.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .features import Prepared

__all__ = ["Block", "Items", "pairs"]

_MARGIN = 1e-9  # below a threshold by less than this: kept, the exact score decides
_CHUNK = 32  # items compared at once (rows of the dense buffer)
_WIDTH = 16  # tokens of one kind held per item; an item with more is compared with every candidate


@dataclass
class Block:
    """Items sharing a key (positions): the undated ones, then the dated ones in day order."""

    undated: np.ndarray
    dated: np.ndarray
    days: list[int]

    def near(self, day: int | None, window: int) -> list[np.ndarray]:
        if day is None:
            return [self.undated, self.dated]
        lo = bisect.bisect_left(self.days, day - window)
        hi = bisect.bisect_right(self.days, day + window)
        return [self.undated, self.dated[lo:hi]]


@dataclass
class _Sets:
    """One kind of token of every item: ids (-1 in the padding) and a value per token (0 in
    the padding), one row per item (or, with ``rows``, the row of each item's position), and
    which items have more tokens than a row holds (their pairs are always kept)."""

    ids: np.ndarray
    vals: np.ndarray
    wide: np.ndarray
    rows: np.ndarray | None = None


class Items:
    """The items of one run as arrays, by position in id order."""

    def __init__(self, kind: str, prepared: Mapping[str, Prepared], days: Mapping[str, int | None],
                 new: Any, settings: Mapping[str, Any]) -> None:
        self.kind = kind
        self.ids = sorted(prepared)
        self.pos = {item: k for k, item in enumerate(self.ids)}
        self.new = np.array([item in new for item in self.ids], dtype=bool)
        self.settings = settings
        self._vocab: dict[Hashable, int] = {}
        items = [prepared[i] for i in self.ids]
        self.context = self._contexts(items)
        if kind == "claim":
            rare = settings["key_idf"]
            self.ents = self._sets([dict.fromkeys(i.ents, 1.0) for i in items])
            self.toks = self._sets([i.toks for i in items])
            self.etypes = self._sets([dict.fromkeys(i.etypes, 1.0) for i in items])
            self.words = self._sets([{w: 1.0 + (v >= rare) for w, v in i.words.items()} for i in items])
            self.wide = self.ents.wide | self.toks.wide | self.etypes.wide | self.words.wide
            self.n_ents = np.array([len(i.ents) for i in items], dtype=np.float64)
            self.weight = np.array([i.weight for i in items], dtype=np.float64)
            self.predicate = np.array([i.has_predicate for i in items], dtype=bool)
            speakers: dict[tuple, int] = {}
            self.speaker = np.array([speakers.setdefault((i.speaker, i.article), len(speakers)) if i.speaker else -1
                                     for i in items], dtype=np.int64)
        self._buffer = np.zeros((_CHUNK, len(self._vocab) + 1))

    def _sets(self, rows: Sequence[Mapping[Hashable, float]], width: int | None = None, exact: bool = False) -> _Sets:
        """Claims' tokens weigh 1 or 2, exact in float32; ``exact`` keeps float64 (contexts)."""
        width = min(_WIDTH if width is None else width, max((len(r) for r in rows), default=0)) or 1
        ids = np.full((len(rows), width), -1, dtype=np.int32)
        vals = np.zeros((len(rows), width), dtype=np.float64 if exact else np.float32)
        for k, row in enumerate(rows):
            for j, (token, value) in enumerate(list(row.items())[:width]):
                ids[k, j] = self._vocab.setdefault(token, len(self._vocab))
                vals[k, j] = value
        return _Sets(ids, vals, np.array([len(r) > width for r in rows], dtype=bool))

    def _contexts(self, items: Sequence[Prepared]) -> _Sets:
        """The contexts of the items that carry one (one claim per article), and an empty row
        for every other item."""
        carriers = [k for k, i in enumerate(items) if i.context]
        found = self._sets([items[k].context for k in carriers] + [{}], width=10 ** 6, exact=True)
        found.rows = np.full(len(items), len(carriers), dtype=np.int64)
        found.rows[carriers] = np.arange(len(carriers))
        return found

    def block(self, members: Sequence[str], days: Mapping[str, int | None]) -> Block:
        dated = sorted((days[m], self.pos[m]) for m in set(members) if days[m] is not None)
        undated = sorted(self.pos[m] for m in set(members) if days[m] is None)
        return Block(np.array(undated, dtype=np.int64), np.array([p for _, p in dated], dtype=np.int64),
                     [d for d, _ in dated])

    def _gather(self, sets: _Sets, chunk: np.ndarray, row: np.ndarray, others: np.ndarray) -> np.ndarray:
        """For each pair (``chunk[row[k]]``, ``others[k]``): the first item's value of each of the
        other's tokens (0 where it has none)."""
        buf, pad = self._buffer, self._buffer.shape[1] - 1
        if sets.rows is not None:
            chunk, others = sets.rows[chunk], sets.rows[others]
        mine = np.where(sets.ids[chunk] < 0, pad, sets.ids[chunk])
        rows = np.arange(len(chunk))[:, None]
        buf[rows, mine] = sets.vals[chunk]
        theirs = np.where(sets.ids[others] < 0, pad, sets.ids[others])
        found = buf[row[:, None], theirs]
        buf[rows, mine] = 0.0
        buf[:, pad] = 0.0
        return found

    def may_link(self, chunk: np.ndarray, row: np.ndarray, others: np.ndarray) -> np.ndarray:
        """Pairs whose claim score may not be None (events: all)."""
        if self.kind != "claim":
            return np.ones(len(others), dtype=bool)
        s, a = self.settings, chunk[row]
        shared = self._gather(self.ents, chunk, row, others).sum(axis=1)
        smallest = np.maximum(np.minimum(self.n_ents[a], self.n_ents[others]), 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            ents = np.where(shared > 0, (shared / (self.n_ents[a] + self.n_ents[others] - shared) + shared / smallest) / 2, 0.0)
            common = np.minimum(self._gather(self.toks, chunk, row, others), self.toks.vals[others]).sum(axis=1,
                                                                                                      dtype=np.float64)
            both = self.weight[a] * self.weight[others]
            lexical = np.where(both > 0, common / np.sqrt(both), 0.0)
        event = self._gather(self.etypes, chunk, row, others).sum(axis=1) > 0
        speaker = (self.speaker[a] >= 0) & (self.speaker[a] == self.speaker[others])
        total = np.minimum(1.0, s["actor"] * ents + s["lexical"] * lexical + s["event"] * event
                           + s["same_speaker"] * speaker)
        by_rule = ((self.predicate[a] == self.predicate[others]) & (shared > 0)
                   & (lexical >= s["min_lexical"] - _MARGIN) & (total >= s["threshold"] - _MARGIN))
        mine = self._gather(self.words, chunk, row, others)
        rare = ((mine >= 1) & ((mine >= 2) | (self.words.vals[others] >= 2))).sum(axis=1)
        return by_rule | (rare >= s["meaning_rare_words"]) | self.wide[a] | self.wide[others]

    def same_story(self, chunk: np.ndarray, row: np.ndarray, others: np.ndarray, at_least: float) -> np.ndarray:
        """Pairs whose context cosine may be ``at_least`` or more."""
        theirs = self.context.vals[self.context.rows[others]]
        cosine = (self._gather(self.context, chunk, row, others) * theirs).sum(axis=1)
        return cosine >= at_least - _MARGIN


def _others(items: Items, a: int, parts: list[np.ndarray]) -> np.ndarray:
    """The items of ``parts`` that ``a`` is compared with: each pair once (a new-new pair from
    its smaller id)."""
    found = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
    return found[(found != a) & ~((found < a) & items.new[found])]


def pairs(items: Items, wanted: Sequence[str], near: Callable[[str], tuple[list[np.ndarray], list[np.ndarray]]],
          min_context: float) -> Iterator[tuple[str, list[str], list[str]]]:
    """For each item of ``wanted`` (in order): the items it may link with and those whose
    article may tell its story. ``near(item)`` gives the block slices of its keys (candidates,
    story)."""
    for start in range(0, len(wanted), _CHUNK):
        chunk_ids = wanted[start:start + _CHUNK]
        chunk = np.array([items.pos[i] for i in chunk_ids], dtype=np.int64)
        found = [near(i) for i in chunk_ids]
        linkable = _filtered(items, chunk, [_others(items, a, f[0]) for a, f in zip(chunk, found)], items.may_link)
        stories = _filtered(items, chunk, [_others(items, a, f[1]) for a, f in zip(chunk, found)],
                            lambda c, r, o: items.same_story(c, r, o, min_context))
        for item, mine, story in zip(chunk_ids, linkable, stories):
            yield item, [items.ids[b] for b in mine], [items.ids[b] for b in story]


def _filtered(items: Items, chunk: np.ndarray, others: list[np.ndarray],
              keep: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]) -> list[np.ndarray]:
    sizes = [len(o) for o in others]
    if not sum(sizes):
        return others
    row = np.repeat(np.arange(len(chunk)), sizes)
    flat = np.concatenate(others)
    kept = keep(chunk, row, flat)
    return np.split(flat[kept], np.cumsum(np.bincount(row[kept], minlength=len(chunk)))[:-1])
