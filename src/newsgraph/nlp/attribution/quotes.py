"""Quoted fragments for attribution, built on the shared ``nlp/shared/quotes.py``.

Pairing the marks is ``quotes.scan_quotes``' job (with the news styles attribution needs:
``''...''`` / typewriter pairs and single marks that cannot be apostrophes). What is
attribution's own: a quote running over paragraphs is cut into one fragment per paragraph,
marks included (PolNeAR annotates each paragraph's piece), each fragment saying whether it
goes on in the next paragraph or continues the previous one; a single-mark quote of one
character is no quote. Marks that never close are left out and counted, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..shared.quotes import Quote, scan_quotes

__all__ = ["QuoteSpan", "find_quote_spans"]


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quoted fragment, marks included: ``text[start:end]``."""

    start: int
    end: int
    continues: bool = False  # the quote goes on in the next paragraph
    continued: bool = False  # this fragment continues the previous paragraph's quote


def _opening_mark(text: str, content_start: int) -> int:
    """Offset of the mark that opens a paragraph's piece starting at ``content_start``."""
    return content_start - (2 if text[content_start - 2:content_start] in ("''", "``") else 1)


def _fragments(text: str, q: Quote) -> list[QuoteSpan]:
    last = len(q.parts) - 1
    out = []
    for n, (a, b) in enumerate(q.parts):
        start = q.mark_start if n == 0 else _opening_mark(text, a)
        end = q.mark_end if n == last and q.closed else b
        out.append(QuoteSpan(start, end, continues=n < last or not q.closed, continued=n > 0))
    return out


def find_quote_spans(text: str) -> tuple[list[QuoteSpan], int]:
    """Quoted fragments in text order, and how many marks were left out as unbalanced."""
    scan = scan_quotes(text, ascii_pairs=True, single=True, lines=True, open_runs=True)
    frags = [f for q in scan.quotes if not (q.single and q.end - q.start < 2) for f in _fragments(text, q)]
    return sorted(frags, key=lambda f: f.start), scan.unbalanced
