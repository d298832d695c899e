"""Quotes: the time a quotation was spoken (the timex governing its speech act), and reading
the timexes inside it against that time; :func:`governing_timex` for any token span."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from spacy.attrs import IDX, LEMMA, POS
from spacy.symbols import VERB

from ..shared.common import char_span, sent_of
from .grammar import governing_verb
from .rules import load_rules
from .values import GRAN_ORDER, Resolved, shift, start_of


def _timex_tokens(doc, timexes: Sequence[Any]) -> list[tuple[Any, Any]]:
    out = []
    for tx in timexes:
        span = char_span(doc, tx.start, tx.end)
        if span is not None and len(span):
            out.append((tx, span))
    return out


def governing_timex(span, timexes: Sequence[Any]) -> Any | None:
    """The timex that governs a token span (a spaCy Span of the same doc), or None.

    A timex governs the span when its head hangs (through prepositions and noun modifiers)
    on the span's head verb or one of that verb's ancestors, the nearest first; failing
    that, the first DATE or TIME timex of the span's sentence that hangs on no other verb
    of the sentence. ``timexes`` are Timex records or anything with ``start``/``end``
    (char offsets), and ``timex_type`` when they are records.
    """
    doc = span.doc
    verb = governing_verb(span.root) or span.root
    chain = [verb] + list(verb.ancestors)
    attached: dict[int, Any] = {}
    sent = sent_of(doc, span.start)
    loose = []
    for tx, tspan in _timex_tokens(doc, timexes):
        if tspan.start < sent.start or tspan.end > sent.end:
            continue
        tverb = governing_verb(tspan.root)
        if tverb is not None and tverb.i not in attached:
            attached[tverb.i] = tx
        if tverb is None or tverb.i == sent.root.i:
            loose.append(tx)
    for v in chain:
        if v.i in attached and getattr(attached[v.i], "timex_type", "DATE") in ("DATE", "TIME"):
            return attached[v.i]
    for tx in loose:
        if getattr(tx, "timex_type", "DATE") in ("DATE", "TIME") and not (span.start_char <= tx.start < span.end_char):
            return tx
    return None


def speech_time(quote, quotes: Sequence[Any], doc, resolved: Sequence[Resolved],
                article_day: date | None = None) -> Resolved | None:
    """The time a quote was spoken: the timex governing its cue; else the latest timex
    governing an earlier speech act of the same speaker; else the article's first
    speech-time anchor (a timex governing a speech verb before the quote) when it is a day
    of the article's fortnight: another speaker's quote is not read from a flashback ("a
    fan who had not expected a win two years ago"). A time after the article date is no
    speech time: "he said he will have the votes at the convention in July" was said before
    July."""
    rules = load_rules()
    points = [r for r in resolved if r.point is not None and r.timex_type in ("DATE", "TIME")
              and r.anchor_source != "quote" and not (quote.start <= r.start < quote.end)
              and (article_day is None or r.point <= article_day)]
    if quote.cue is not None:
        for tok in _cue_and_its_participles(doc[quote.cue]):
            tx = governing_timex(doc[tok.i:tok.i + 1], points)
            if tx is not None and not (quote.start <= tx.start < quote.end) and _dates_the_act(tok, tx) and \
                    (tok.i == quote.cue or tx.granularity in ("day", "time")):
                return tx
    speaker = _speaker_key(doc, quote)
    best = None
    first = None
    for idx, i in _speech_verb_tokens(doc, rules.speech_verbs):
        if idx >= quote.start:
            break
        tok = doc[i]
        tx = governing_timex(doc[i:i + 1], points)
        if tx is None or _not_the_sayings(tok, tx):
            continue
        if first is None and _recent_day(tx, article_day):
            first = tx
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if speaker and any(speaker in {t.lower_ for t in s.subtree} for s in subj):
            best = tx
    return best or first


_ADVERBIAL_MARKS = frozenset({"if", "unless", "because", "although", "though", "when", "whenever", "while",
                              "before", "after", "until", "once", "whether"})


def _not_the_sayings(verb, tx) -> bool:
    """The timex does not date this saying: it hangs on a verb above a subordinate clause the
    saying is in ("said the governor begged him in 2012 ... if Dunn had asked him": not a saying
    of 2012); a participle saying keeps its verb's time ("On Saturday, the pope made clear ...,
    saying that")."""
    span = char_span(verb.doc, tx.start, tx.end)
    if span is None or not len(span):
        return False
    tverb = governing_verb(span.root)
    if tverb is None or tverb.i == verb.i:
        return False
    v = verb
    while v.i != tverb.i and v.head.i != v.i:  # up to the timex's verb: a clause with "if", "because" ... between
        if any(c.dep_ == "mark" and c.lower_ in _ADVERBIAL_MARKS for c in v.children):
            return True
        v = v.head
    return False


def _dates_the_act(verb, tx) -> bool:
    """The timex says when ``verb``'s act was ("said Tuesday", "speaking at the debate Wednesday
    night"): not a time inside a clause hanging on it ("said X, referring to the losing nominee
    in 2004"), unless it is a day or a time of day hanging on that clause's participle itself or
    on one of its prepositions."""
    span = char_span(verb.doc, tx.start, tx.end)
    if span is None or not len(span):
        return True
    root = span.root
    for c in verb.children:
        if c.dep_ in ("advcl", "xcomp", "ccomp") and c.left_edge.i <= root.i <= c.right_edge.i:
            return c.tag_ in ("VBG", "VBN") and tx.granularity in ("day", "time") and \
                (root.head.i == c.i or root.head.dep_ == "prep" and root.head.head.i == c.i)
    return True


FALLBACK_DAYS = 14  # how far before the article date another speaker's speech time may be


def _recent_day(tx: Resolved, article_day: date | None) -> bool:
    """A day or time of day at most FALLBACK_DAYS before the article date (any day when the
    article has no date)."""
    if tx.granularity not in ("day", "time") or tx.point is None:
        return False
    return article_day is None or timedelta(0) <= article_day - tx.point <= timedelta(days=FALLBACK_DAYS)


def _cue_and_its_participles(cue) -> list[Any]:
    """The cue, then a participle clause hanging on it that says when ("Smith, speaking at
    the debate Wednesday night, said ...")."""
    return [cue] + [c for c in cue.children if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN")]


SPEECH_VERBS_KEY = "newsgraph.time.speech_verbs"


def _speech_verb_tokens(doc, verbs: frozenset[str]) -> list[tuple[int, int]]:
    """(char offset, index) of every verb of the doc whose lemma is a speech verb, in order;
    read from arrays once per doc (not a spaCy Token per word for every quote)."""
    found = doc.user_data.get(SPEECH_VERBS_KEY)
    if found is None:
        found = []
        if len(doc):
            strings = doc.vocab.strings
            is_speech: dict[int, bool] = {}
            table = doc.to_array([POS, LEMMA, IDX])
            verb_rows = (table[:, 0] == VERB).nonzero()[0].tolist()
            for i, (lemma, idx) in zip(verb_rows, table[verb_rows, 1:].tolist()):
                ok = is_speech.get(lemma)
                if ok is None:
                    ok = is_speech[lemma] = strings[lemma].lower() in verbs
                if ok:
                    found.append((idx, i))
        doc.user_data[SPEECH_VERBS_KEY] = found
    return found


def _speaker_key(doc, quote) -> str | None:
    if quote.speaker is not None:
        toks = doc.char_span(quote.speaker[0], quote.speaker[1], alignment_mode="expand")
        if toks is not None and len(toks):
            return toks[-1].lower_
    return None


Anchors = dict[int, tuple[date, str]]


def _quote_anchors(doc, text: str, article_date: str | None,
                   first_pass: list[Resolved]) -> tuple[Anchors, Anchors]:
    """Speech-time anchors of the timexes inside quotes, as (earliest, latest) maps.

    A speech time of a day or time of day is one point: both maps hold it. A coarser one
    ("last month", "in 2019") is a period: the first map holds its first day, the second its
    last day, and :func:`tag_text` keeps only what both readings agree on.
    """
    from ..shared.quotes import find_quotes

    quotes = find_quotes(doc, ascii_pairs=True)  # also ``...'' (typewriter news)
    early: Anchors = {}
    late: Anchors = {}
    for q in quotes:
        inside = [r for r in first_pass if q.start <= r.start and r.end <= q.end and r.anchor_source == "dct"]
        if not inside:
            continue
        tx = speech_time(q, quotes, doc, first_pass, _day(article_date))
        if tx is None or tx.point is None or tx.granularity not in GRAN_ORDER:
            continue
        last = tx.point if tx.granularity in ("day", "time") else _period_end(tx.point, tx.granularity)
        if last is None:
            continue
        for r in inside:
            early[r.start] = (tx.point, "quote")
            late[r.start] = (last, "quote")
    return early, late


def _day(article_date: str | None) -> date | None:
    try:
        return date.fromisoformat(article_date[:10]) if article_date and len(article_date) >= 10 else None
    except ValueError:
        return None


def _period_end(first: date, gran: str) -> date | None:
    """The last day of the period of granularity ``gran`` that starts on ``first``."""
    nxt = shift(start_of(first, gran), gran, 1)
    return nxt - timedelta(days=1) if nxt > first else None


def _common_value(a: str, b: str) -> str | None:
    """What two TIMEX3 values of the same shape agree on: from the first differing field on,
    date fields become X ("2024-W36" / "2024-W40" -> "2024-WXX"; a year keeps its common
    leading digits: "2019-01-02" / "2020-01-01" -> "20XX-XX-XX"); a time of day is kept when
    both have it. None when the shapes differ."""
    if a == b:
        return a
    (da, _, ta), (db, _, tb) = a.partition("T"), b.partition("T")
    pa, pb = da.split("-"), db.split("-")
    if ta != tb or len(pa) != len(pb):
        return None
    out: list[str] = []
    differ = False
    for i, (x, y) in enumerate(zip(pa, pb)):
        hx, hy = re.match(r"[A-Z]*", x).group(), re.match(r"[A-Z]*", y).group()
        if hx != hy or len(x) != len(y) or len(hx) == len(x) and x != y:
            return None
        if not differ and x == y:
            out.append(x)
            continue
        keep = next(j for j in range(len(x)) if x[j] != y[j]) if i == 0 and not differ else len(hx)
        out.append(x[:keep] + "X" * (len(x) - keep))
        differ = True
    return "-".join(out) + (f"T{ta}" if ta else "")


def _merge_readings(first: list[Resolved], early: list[Resolved], late: list[Resolved],
                    anchors: Anchors) -> list[Resolved]:
    """Each timex read against the start and the end of its speech time's period: the same
    value is kept; otherwise the fields both readings agree on, the rest underspecified
    (TIMEX3 X); when the readings have different shapes, the article-date reading."""
    by_start = {r.start: r for r in late}
    dct_reading = {r.start: r for r in first}
    out = []
    for r in early:
        other = by_start.get(r.start)
        if r.start not in anchors or other is None or other.value == r.value:
            out.append(r)
            continue
        value = _common_value(r.value, other.value)
        if value is not None:
            out.append(replace(r, value=value, point=None))
        elif r.start in dct_reading:
            out.append(dct_reading[r.start])
    return out
