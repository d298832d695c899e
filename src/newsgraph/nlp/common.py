"""Small helpers every extractor uses: sentence indices and record construction from spans."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan

from ..records import Article, Record, Span, make_record

__all__ = ["DIVISION_NOUNS", "PLACE_NOUNS", "char_span", "doc_text", "entities", "ents_within", "record_from_span", "sent_of", "sentence_index", "sentence_starts", "span_of"]


#: Words that, right after a name, make it a division of a country ("Santa Cruz province").
DIVISION_NOUNS = frozenset({"province", "region", "state", "department", "county", "prefecture", "oblast",
                            "governorate", "district"})
#: ... or any place ("the Aysén region", "the Loa valley").
PLACE_NOUNS = DIVISION_NOUNS | {"valley", "river", "island", "islands", "peninsula", "strait", "city", "town",
                                "village"}


def sentence_starts(doc: Doc) -> list[int]:
    """``[s.start_char for s in doc.sents]`` (``[0]`` without sentence boundaries), once per doc."""
    starts = doc.user_data.get("newsgraph_sent_starts")
    if starts is None:
        starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        doc.user_data["newsgraph_sent_starts"] = starts
    return starts


def sentence_index(doc: Doc, char: int) -> int:
    """Index of the sentence holding character offset ``char``."""
    return max(0, bisect_right(sentence_starts(doc), char) - 1)


def _sent_table(doc: Doc) -> tuple[list[int], list[SpacySpan]]:
    """Once per doc: the sentence number of every token, and the sentence spans."""
    table = doc.user_data.get("newsgraph_sent_table")
    if table is None:
        sents = list(doc.sents)
        of_token = [0] * len(doc)
        for k, sent in enumerate(sents):
            of_token[sent.start:sent.end] = [k] * len(sent)
        table = doc.user_data["newsgraph_sent_table"] = (of_token, sents)
    return table


def sent_of(doc: Doc, i: int) -> SpacySpan:
    """The sentence holding token ``i``: ``doc[i].sent`` (== ``span.sent`` for a span starting at
    ``i``) without spaCy's O(doc) boundary scan."""
    of_token, sents = _sent_table(doc)
    return sents[of_token[i]]


def entities(doc: Doc) -> tuple[SpacySpan, ...]:
    """``doc.ents``, built once per doc (spaCy rebuilds the tuple on each access)."""
    ents = doc.user_data.get("newsgraph_ents")
    if ents is None:
        ents = doc.user_data["newsgraph_ents"] = tuple(doc.ents)
    return ents


def ents_within(doc: Doc, start: int, end: int) -> list[SpacySpan]:
    """``doc[start:end].ents``: the entities wholly inside tokens ``start..end``."""
    ents = entities(doc)
    starts = doc.user_data.get("newsgraph_ent_starts")
    if starts is None:
        starts = doc.user_data["newsgraph_ent_starts"] = [e.start for e in ents]
    out = []
    for ent in ents[bisect_left(starts, start):]:
        if ent.end > end:
            break
        out.append(ent)
    return out


def char_span(doc: Doc, start: int, end: int) -> SpacySpan | None:
    """``doc.char_span(start, end, alignment_mode="expand")``, computed once per doc and offsets."""
    spans = doc.user_data.setdefault("newsgraph_char_spans", {})
    key = (start, end)
    if key not in spans:
        spans[key] = doc.char_span(start, end, alignment_mode="expand")
    return spans[key]


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


def read_yaml(path) -> Any:
    """A rules file of ours; a broken one is a ConfigError naming it."""
    import yaml

    from ..errors import ConfigError

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError("E203", path=path, reason=exc) from exc
