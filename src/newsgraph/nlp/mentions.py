"""Extractor ``mentions``: sentences, named entities and noun chunks as the parser saw them.

Needs: nothing upstream. Produces: Sentence and Mention records.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc

from ..records import Article, Mention, Record, Sentence, make_record
from .common import entities, sentence_index

NAME = "mentions"
VERSION = "1"


def extract(doc: Doc, article: Article, upstream: Mapping[str, tuple[Record, ...]]) -> tuple[Record, ...]:
    out: list[Record] = []
    text = article.text
    for i, sent in enumerate(doc.sents):
        start, end = _trim(text, sent.start_char, sent.end_char)
        if start < end:
            out.append(make_record(Sentence, article.id, i, start, end, text[start:end], NAME, VERSION))
    for ent in entities(doc):
        out.append(make_record(Mention, article.id, sentence_index(doc, ent.start_char),
                               ent.start_char, ent.end_char, text[ent.start_char:ent.end_char], NAME, VERSION,
                               mention_type="entity", label=ent.label_))
    for chunk in doc.noun_chunks:
        out.append(make_record(Mention, article.id, sentence_index(doc, chunk.start_char),
                               chunk.start_char, chunk.end_char, text[chunk.start_char:chunk.end_char], NAME, VERSION,
                               mention_type="noun_chunk", label="NP"))
    return tuple(out)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
