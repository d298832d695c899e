"""Small helpers every extractor uses: sentence indices and record construction from spans."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan

from ..records import Article, Record, Span, make_record

__all__ = ["doc_text", "record_from_span", "sentence_index", "span_of"]


def _sentence_starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get("newsgraph_sent_starts")
    if starts is None:
        starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        doc.user_data["newsgraph_sent_starts"] = starts
    return starts


def sentence_index(doc: Doc, char: int) -> int:
    """Index of the sentence holding character offset ``char``."""
    return max(0, bisect_right(_sentence_starts(doc), char) - 1)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc (spaCy rebuilds it from every token on each access)."""
    text = doc.user_data.get("newsgraph_text")
    if text is None:
        text = doc.user_data["newsgraph_text"] = doc.text
    return text


def span_of(doc: Doc, start: int, end: int) -> Span:
    """A records.Span for character offsets into the doc's text (== the article text)."""
    return Span(start, end, doc_text(doc)[start:end])


def record_from_span(cls: type[Record], span: SpacySpan | Span, article: Article,
                     extractor: str, version: str, *, sentence_at: int | None = None,
                     **fields: Any) -> Record:
    """A record of ``cls`` whose own extent is ``span`` (a spaCy span or a records.Span)."""
    if isinstance(span, Span):
        start, end = span.start, span.end
    else:
        start, end = span.start_char, span.end_char
    doc_text = article.text
    sent = sentence_index(span.doc, start) if not isinstance(span, Span) else (sentence_at or 0)
    return make_record(cls, article.id, sent if sentence_at is None else sentence_at, start, end,
                       doc_text[start:end], extractor, version, **fields)
