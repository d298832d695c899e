"""Extractor ``time``: temporal expressions as TimeML TIMEX3 (type, value, mod, granularity).

Needs: the parsed Doc (sentences, tags and dependencies: the tense of the verb a timex hangs
on) and ``article.date``. Produces: :class:`~newsgraph.records.Timex` records.

How it works:

1. **Find** (``find.py``, ``rules.py``, ``index.py``). The rules of ``data/rules.toml``
   (regexes over the text, built from the word tables of ``data/vocab.toml``) propose
   extents; where they overlap, the longest wins, then the rule's priority. No pattern or
   word list lives in the code. A rule is tried only where one of its matches can start
   (``index.TriggerIndex``: at a word of its pattern or a number), which gives the same
   matches as scanning every position, several times faster.
2. **Resolve** (``resolve.py``, ``normalize.py``, ``context.py``, ``values.py``,
   ``grammar.py``), in text order, each match by its rule's ``norm`` function against an anchor:
   the article date (DCT), or the most recent explicit reference in the discourse where the
   grammar asks for it ("last week ... on Tuesday", "In June 1940 ... on the 5th", "that
   day"), and the tense of the governing verb for a bare weekday or month (past tense in news
   prefers the past reading). An article with no date keeps underspecified values
   (``XXXX-XX-XX``) and never invents one.
3. **Quotes** (``speech.py``). A timex inside a quotation (:mod:`newsgraph.nlp.shared.quotes`) is anchored to the
   time of the quote's speech act (:func:`speech_time`): the timex governing its cue verb,
   else the latest timex governing an earlier speech act by the same speaker, else the
   article's first speech-time anchor. A speech time coarser than a day ("last month") is a
   period, and the timex is read against its first and its last day: what both readings
   agree on is the value ("next month" said last month is one month), the rest is left
   unknown as TIMEX3 allows ("next week" said last month: ``2024-WXX``), never the article
   date's reading, which is wrong for a quote (the article date's reading is kept only when
   the two readings differ in kind).

:func:`governing_timex` gives, for any token span, the timex that governs it (for events,
claims and attributions of later extractors).
"""

from __future__ import annotations

from collections.abc import Mapping

from ...records import Article, Record, Timex, make_record
from .find import TimexMatch, find_matches
from .resolve import resolve_all
from .rules import load_rules
from .speech import _merge_readings, _quote_anchors, governing_timex, speech_time
from .values import Resolved

__all__ = [
    "NAME",
    "VERSION",
    "Resolved",
    "TimexMatch",
    "extract",
    "find_matches",
    "governing_timex",
    "load_rules",
    "resolve_all",
    "speech_time",
    "tag_text",
]

NAME = "time"
VERSION = "4"
REQUIRES = ("mentions",)  # extractors whose records it reads (it runs after them)


def tag_text(text: str, article_date: str | None, doc=None) -> list[Resolved]:
    """All timexes of ``text`` (Resolved), with quote anchoring when ``doc`` is given."""
    matches = find_matches(text)
    resolved = resolve_all(text, article_date, doc, matches)
    if doc is not None and any(r.anchor_source == "dct" for r in resolved):
        early, late = _quote_anchors(doc, text, article_date, resolved)
        if early:
            first = resolved
            resolved = resolve_all(text, article_date, doc, matches, early)
            coarse = {k: v for k, v in late.items() if v != early[k]}
            if coarse:
                second = resolve_all(text, article_date, doc, matches, late)
                resolved = _merge_readings(first, resolved, second, coarse)
    return resolved


def extract(doc, article: Article, upstream: Mapping[str, tuple[Record, ...]]) -> tuple[Record, ...]:
    """Timex records for every temporal expression of the article."""
    from ..shared.common import sentence_index

    out: list[Record] = []
    for r in tag_text(article.text, article.day, doc):
        out.append(make_record(
            Timex, article.id, sentence_index(doc, r.start), r.start, r.end, article.text[r.start:r.end],
            NAME, VERSION, timex_type=r.timex_type, value=r.value, mod=r.mod, granularity=r.granularity,
            anchor=r.anchor, anchor_source=r.anchor_source))
    return tuple(out)
