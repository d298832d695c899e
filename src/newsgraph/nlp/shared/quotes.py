"""Quoted spans and the speech verb that governs each (shared by time and attribution).

Stable API::

    find_quotes(doc) -> tuple[Quote, ...]
    scan_quotes(text) -> QuoteScan          # marks only, no parse: quotes + unbalanced count
    speech_verbs() -> frozenset[str]        # the cue lemmas (data/speech.toml)

Both take opt-in keywords for news styles (defaults keep the behaviour above): ``ascii_pairs``
(typewriter and ``''...''`` pairs), ``single`` (single marks that cannot be apostrophes),
``lines`` (a line break ends a paragraph), ``open_runs`` (keep the re-opened paragraphs of a
quote that never closes). Attribution (``nlp/attribution/quotes.py``) uses all four.

A :class:`Quote` is a quotation in straight (``"``) or curly (``“ ”``) double marks, or
guillemets, possibly running over sentences and over paragraphs (a paragraph that ends
inside a quote and a next paragraph that opens with a mark continue the same quote).
Its cue is the speech verb (``say``, ``state``, ``continue``, ... from
``data/speech.toml``) in the same sentence after the closing mark (``"...,"
Zelensky stated.``) or before the opening mark (``He said: "..."``); its speaker is the
cue's subject. A quote with no cue of its own takes the cue and speaker of the quote just
before it in the same paragraph or in the paragraph right before (``inherited=True``).
A quote with candidates on both sides that disagree is flagged ``ambiguous``. Marks that
never close (or close twice) are left out and counted in ``QuoteScan.unbalanced``: never
guessed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from ...datafiles import read_data
from .common import doc_text

__all__ = ["Quote", "QuoteScan", "find_quotes", "scan_quotes", "speech_verbs"]

OPEN = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}
CLOSE = {"\u201d", "\u00bb"}
STRAIGHT = '"'
SINGLE_OPEN, SINGLE_CLOSE = "\u2018", "\u2019"
SINGLES = {"'", SINGLE_OPEN, SINGLE_CLOSE}
STRAIGHTS = {STRAIGHT, "'"}
PAIR_FILL = "\x02"  # stands for the second character of a two-character mark
MARK_CHARS = set(OPEN) | CLOSE | SINGLES | {STRAIGHT}


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation. Offsets are character offsets into the doc text (== article text).

    - ``start``/``end``: the content, inside the marks (``text[start:end]``);
    - ``mark_start``/``mark_end``: from the opening mark to just after the closing mark;
    - ``parts``: the content piece of each paragraph, for a quote over several paragraphs;
    - ``cue``: token index of the speech verb, ``cue_start``/``cue_end`` its characters
      (None when no cue was found);
    - ``speaker``: (start, end) characters of the cue's subject, or None;
    - ``inherited``: the cue and speaker come from the quote before;
    - ``ambiguous``: cue candidates on both sides with different speakers.
    """

    start: int
    end: int
    mark_start: int
    mark_end: int
    parts: tuple[tuple[int, int], ...] = ()
    cue: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: tuple[int, int] | None = None
    inherited: bool = False
    ambiguous: bool = False
    single: bool = False  # in single marks (only with ``scan_quotes(..., single=True)``)
    closed: bool = True  # False: an open run kept by ``scan_quotes(..., open_runs=True)``

    @property
    def marks(self) -> tuple[int, int]:
        return (self.mark_start, self.mark_end)

    @property
    def cue_span(self) -> tuple[int, int] | None:
        return None if self.cue_start is None else (self.cue_start, self.cue_end)


@dataclass(frozen=True, slots=True)
class QuoteScan:
    quotes: tuple[Quote, ...]
    unbalanced: int  # quotes left out: a mark that never closes, or a stray closing mark


def _is_opening_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{\u2014\u2013-:;,/":
        return not after.isspace()
    return False


def _paragraph_end(text: str, i: int, lines: bool = False) -> int:
    m = re.compile(r"\n" if lines else r"\n[ \t]*\n").search(text, i)
    return m.start() if m else len(text)


def _single_role(text: str, i: int) -> str | None:
    """'open', 'close' or None (an apostrophe) for a single mark at ``i``."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch == SINGLE_OPEN:
        return "open"
    if before.isalnum() and after.isalnum():
        return None  # don't, Trump's
    if ch == SINGLE_CLOSE:
        return "close"
    return "open" if _is_opening_straight(text, i) else "close"


def _role(text: str, i: int, single: bool) -> str | None:
    ch = text[i]
    if single:
        return _single_role(text, i) if ch in SINGLES else None
    if ch in OPEN:
        return "open"
    if ch in CLOSE:
        return "close"
    if ch == STRAIGHT:
        return "open" if _is_opening_straight(text, i) else "close"
    return None


def _next_paragraph_opens(text: str, pos: int, single: bool = False) -> int | None:
    """If a paragraph break is at ``pos`` and the next paragraph starts with an opening mark,
    that mark's offset."""
    m = re.compile(r"\s*").match(text, pos)
    j = m.end()
    if j < len(text) and _role(text, j, single) == "open":
        return j
    return None


_MARK_RE = re.compile("[%s]" % re.escape("".join(sorted(MARK_CHARS))))


def _marks(text: str, single: bool = False, skip: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, str]]:
    """(offset, "open"|"close") of every double (or single) quotation mark outside ``skip``
    (the marks found by a regex, not by a loop over every character)."""
    out = []
    for m in _MARK_RE.finditer(text):
        i = m.start()
        if any(a <= i < b for a, b in skip):
            continue
        role = _role(text, i, single)
        if role is not None:
            out.append((i, role))
    return out


def _mark_len(text: str, i: int) -> int:
    return 2 if i + 1 < len(text) and text[i + 1] == PAIR_FILL else 1


def _pair(text: str, single: bool, skip: tuple[tuple[int, int], ...] = (), lines: bool = False,
          open_runs: bool = False) -> tuple[list[Quote], int]:
    quotes: list[Quote] = []
    unbalanced = 0
    marks = _marks(text, single, skip)
    k = 0
    while k < len(marks):
        pos, kind = marks[k]
        if kind != "open":
            unbalanced += 1
            k += 1
            continue
        parts: list[tuple[int, int]] = []
        start = pos + _mark_len(text, pos)
        k += 1
        closed = None
        while k < len(marks):
            p2, kind2 = marks[k]
            para_end = _paragraph_end(text, start, lines)
            if p2 > para_end:  # the paragraph ends inside the quote
                nxt = _next_paragraph_opens(text, para_end, single)
                if nxt is None or nxt != p2:
                    break
                parts.append((start, para_end))
                start = p2 + _mark_len(text, p2)
                k += 1
                continue
            if kind2 == "close" or (text[p2] in STRAIGHTS and kind2 == "open" and p2 > start and
                                    not text[p2 - 1].isspace()):
                closed = p2
                k += 1
                break
            break  # a new opening mark before this quote closed: nested or broken
        if closed is None:
            unbalanced += 1
            if open_runs and parts:  # the paragraphs re-opened before the break were quoted
                quotes.append(Quote(parts[0][0], parts[-1][1], pos, parts[-1][1], tuple(parts),
                                    single=single, closed=False))
            continue
        parts.append((start, closed))
        quotes.append(Quote(parts[0][0], closed, pos, closed + _mark_len(text, closed), tuple(parts),
                            single=single))
    return quotes, unbalanced


def scan_quotes(text: str, *, ascii_pairs: bool = False, single: bool = False, lines: bool = False,
                open_runs: bool = False) -> QuoteScan:
    """Quoted spans by their marks alone (no cue): balanced quotes and the unbalanced count.

    ``ascii_pairs``: also take the typewriter pairs ``\x60\x60...''`` and ``''...''`` (New York
    Times style) as double marks. ``single``: also pair single marks (``\u2018...\u2019``,
    ``'...'``) outside double quotes, where they cannot be apostrophes (``single=True`` on
    the quote). ``lines``: a single line break ends a paragraph (not only a blank line).
    ``open_runs``: a quote re-opened paragraph after paragraph whose last paragraph never
    closes keeps the paragraphs before it (``closed=False``; the last is still counted as
    unbalanced). Offsets always index ``text`` as given.
    """
    work = _fill_pairs(text) if ascii_pairs else text
    quotes, unbalanced = _pair(work, False, (), lines, open_runs)
    if single:
        inner, more = _pair(work, True, tuple((q.mark_start, q.mark_end) for q in quotes), lines, open_runs)
        quotes = sorted(quotes + inner, key=lambda q: q.mark_start)
        unbalanced += more
    return QuoteScan(tuple(quotes), unbalanced)


def _fill_pairs(text: str) -> str:
    """``''`` and the typewriter opening pair as one straight double mark and a filler (same
    length, so offsets hold)."""
    return text.replace("''", STRAIGHT + PAIR_FILL).replace("``", STRAIGHT + PAIR_FILL)


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """The lemmas of speech and report verbs (``data/speech.toml``): a quote's cue, and the
    speech acts whose time anchors a quote's timexes (``nlp/time``)."""
    return frozenset(tomllib.loads(read_data(__package__, "speech.toml"))["verbs"]["lemmas"])


def _subject_span(verb) -> tuple[int, int] | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            toks = list(child.subtree)
            return (toks[0].idx, toks[-1].idx + len(toks[-1].text))
    return None


def _cue_in(doc, start: int, end: int, verbs: frozenset[str], nearest_last: bool):
    """The speech-verb token between char offsets, nearest to the quote first."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    toks = [t for t in span if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in verbs and t.dep_ != "aux"]
    if not toks:
        return None
    return toks[-1] if nearest_last else toks[0]


def _sentence_bounds(doc, text: str, char: int) -> tuple[int, int]:
    span = doc.char_span(char, min(char + 1, len(text)), alignment_mode="expand")
    if span is None or not doc.has_annotation("SENT_START"):
        return (0, len(text))
    sent = span[0].sent
    return sent.start_char, sent.end_char


def _sentence_stop(doc, text: str, start: int) -> int | None:
    """The end of the first sentence mark after ``start``, or of a line: not the full stop of
    a title or an initial the tokenizer keeps in its word ('"...," Mrs. Abedini said', the
    titles of ``data/abbreviations.txt``)."""
    for m in _STOP.finditer(text, start):
        tok = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand") if m.group() != "\n" else None
        if tok is None or len(tok) != 1 or len(tok[0].text) < 2 or not tok[0].text.endswith("."):
            return m.end()
    return None


_STOP = re.compile(r"[.!?]\s|\n")


def _cue_after(doc, text: str, q: Quote, verbs, limit: int):
    para_end = _paragraph_end(text, q.mark_end)
    end = _sentence_stop(doc, text, q.mark_end)
    stop = min(limit, para_end, end if end is not None else len(text))
    return _cue_in(doc, q.mark_end, stop, verbs, nearest_last=False) if stop > q.mark_end else None


def _cue_before(doc, text: str, q: Quote, verbs, floor: int):
    s_start, _ = _sentence_bounds(doc, text, q.mark_start)
    start = max(s_start, floor, text.rfind("\n", 0, q.mark_start) + 1)
    return _cue_in(doc, start, q.mark_start, verbs, nearest_last=True) if start < q.mark_start else None


def _with_cue(q: Quote, verb, *, inherited: bool = False, ambiguous: bool = False,
              speaker: tuple[int, int] | None = None) -> Quote:
    return Quote(q.start, q.end, q.mark_start, q.mark_end, q.parts, verb.i, verb.idx,
                 verb.idx + len(verb.text), speaker if speaker is not None else _subject_span(verb),
                 inherited, ambiguous, q.single, q.closed)


def _same_or_next_paragraph(text: str, earlier: Quote, later: Quote) -> bool:
    between = text[earlier.mark_end:later.mark_start]
    return len(re.findall(r"\n[ \t]*\n", between)) <= 1 and len(between) < 400


def find_quotes(doc, *, ascii_pairs: bool = False, single: bool = False) -> tuple[Quote, ...]:
    """Every balanced quotation of a parsed doc, with its cue and speaker where found
    (``ascii_pairs``, ``single``: the extra mark styles of :func:`scan_quotes`)."""
    verbs = speech_verbs()
    text = doc_text(doc)
    scan = scan_quotes(text, ascii_pairs=ascii_pairs, single=single)
    out: list[Quote] = []
    quotes = list(scan.quotes)
    for i, q in enumerate(quotes):
        nxt = quotes[i + 1].mark_start if i + 1 < len(quotes) else len(text)
        prev_end = out[-1].mark_end if out else 0
        after = _cue_after(doc, text, q, verbs, nxt)
        before = _cue_before(doc, text, q, verbs, prev_end)
        if after is not None and before is not None:
            sa, sb = _subject_span(after), _subject_span(before)
            ambiguous = sa is not None and sb is not None and text[sa[0]:sa[1]] != text[sb[0]:sb[1]]
            out.append(_with_cue(q, after, ambiguous=ambiguous))
        elif after is not None or before is not None:
            out.append(_with_cue(q, after if after is not None else before))
        elif out and out[-1].cue is not None and _same_or_next_paragraph(text, out[-1], q):
            prev = out[-1]
            out.append(_with_cue(q, doc[prev.cue], inherited=True, ambiguous=prev.ambiguous,
                                 speaker=prev.speaker))
        else:
            out.append(q)
    return tuple(out)
