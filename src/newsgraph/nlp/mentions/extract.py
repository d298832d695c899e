"""Extractor ``mentions``: sentences, named entities and noun chunks as the parser saw them.

Needs: nothing upstream. Produces: Sentence and Mention records.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping

from spacy.lang.en.syntax_iterators import noun_chunks as english_noun_chunks
from spacy.tokens import Doc

from ...records import Article, Mention, Record, Sentence, make_record
from ..shared.common import entities, sentence_starts, tokens_of

NAME = "mentions"
VERSION = "1"
REQUIRES = ()  # extractors whose records it reads (it runs after them)

#: The dependency labels of a noun chunk's head in spaCy's English noun_chunks iterator.
NP_DEPS = frozenset({"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


def extract(doc: Doc, article: Article, upstream: Mapping[str, tuple[Record, ...]]) -> tuple[Record, ...]:
    out: list[Record] = []
    text = article.text
    for i, sent in enumerate(doc.sents):
        start, end = _trim(text, sent.start_char, sent.end_char)
        if start < end:
            out.append(make_record(Sentence, article.id, i, start, end, text[start:end], NAME, VERSION))
    starts = sentence_starts(doc)
    for ent in entities(doc):
        start, end = ent.start_char, ent.end_char
        out.append(make_record(Mention, article.id, _sentence_at(starts, start),
                               start, end, text[start:end], NAME, VERSION,
                               mention_type="entity", label=ent.label_))
    for start, end in _noun_chunk_offsets(doc):
        out.append(make_record(Mention, article.id, _sentence_at(starts, start),
                               start, end, text[start:end], NAME, VERSION,
                               mention_type="noun_chunk", label="NP"))
    return tuple(out)


def _sentence_at(starts: list[int], char: int) -> int:
    """``common.sentence_index`` with the doc's sentence starts at hand."""
    return max(0, bisect_right(starts, char) - 1)


def _noun_chunk_offsets(doc: Doc) -> list[tuple[int, int]]:
    """``[(c.start_char, c.end_char) for c in doc.noun_chunks]``, without a Token per word: spaCy's
    English iterator (spacy/lang/en/syntax_iterators.py) run on the doc's arrays, asking a
    Token only for the left edge of a possible chunk head. Another language's iterator (or a
    doc without a parse, which it refuses) goes through spaCy."""
    if doc.vocab.get_noun_chunks is not english_noun_chunks or not doc.has_annotation("DEP") or not len(doc):
        return [(c.start_char, c.end_char) for c in doc.noun_chunks]
    t = tokens_of(doc)
    pos, dep, head, idx, length = t.pos, t.dep, t.head, t.idx, t.length
    out = []
    prev_end = -1
    for i, p in enumerate(pos):
        if p not in _NOMINAL:
            continue
        d = dep[i]
        if d not in NP_DEPS:
            if d != "conj":
                continue
            h = head[i]
            while dep[h] == "conj" and head[h] < h:
                h = head[h]
            if dep[h] not in NP_DEPS:
                continue
        left = doc[i].left_edge.i
        if left <= prev_end:
            continue
        prev_end = i
        out.append((idx[left], idx[i] + length[i]))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
