"""Small helpers every extractor uses: sentence indices, the doc's tokens as plain columns
(:func:`tokens_of`), and record construction from spans."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, LEMMA, LENGTH, LOWER, POS, TAG
from spacy.tokens import Doc, Span as SpacySpan

from ...records import Article, Record, Span, make_record

__all__ = ["DATELINE", "DIVISION_NOUNS", "dateline_end", "MEMO_ENTRIES", "PLACE_NOUNS", "TOKEN_ATTRS", "Tokens", "char_span", "doc_text", "entities",
           "ents_within", "record_from_span", "sent_of", "sentence_index", "sentence_starts", "span_of", "tokens_of"]


#: Entries a per-process memo of words or token rows keeps before it is emptied (the token
#: table's strings, the lemmatizer's and the attribute ruler's outcomes, time's rule lists,
#: actors' and places' lookups). A feed brings new names with every article, so a bound is what
#: keeps a long run's memory flat: a full memo is about 10-15 MB.
MEMO_ENTRIES = 20_000

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


# -- the doc's tokens as columns ----------------------------------------------------------------

#: The attributes :class:`Tokens` reads from ``doc.to_array``, in its column order.
TOKEN_ATTRS = (LEMMA, POS, TAG, DEP, ENT_TYPE, LOWER, IDX, LENGTH, IS_PUNCT, HEAD)


class _Strings(dict):
    """String-store id -> string (as ``decode`` makes it from the store's), memoised across
    docs: an id is the hash of its string, the same in every vocab; 0 is no value ("", as
    spaCy's ``ent_type_`` outside entities). Emptied when it grows past ``limit``."""

    def __init__(self, decode=None, limit: int = MEMO_ENTRIES):
        super().__init__({0: ""})
        self.decode, self.limit = decode, limit

    def column(self, ids: list[int], strings) -> list[str]:
        """The strings of ``ids`` (a column of ``Doc.to_array``) in ``strings``' store."""
        if len(self) > self.limit:
            self.clear()
            self[0] = ""
        out = list(map(self.get, ids))
        if None in out:
            for n, key in enumerate(ids):
                if out[n] is None:
                    text = strings[key]
                    out[n] = self[key] = text if self.decode is None else self.decode(text)
        return out


def _word(lower: str) -> str:
    """A token as a neighbour feature: its lower-case form, "<ws>" for white space."""
    return lower if lower.strip() else "<ws>"


_NAMES = _Strings()
_LOWER_NAMES = _Strings(str.lower)
_WORDS = _Strings(_word)


class Tokens:
    """A doc's tokens as parallel lists (index = token index) built once per doc from
    ``doc.to_array``, read by every extractor that looks at tokens one by one (mentions,
    actors, places, attribution, claims, events): ``tok.dep_`` or ``tok.children`` makes a
    Token object, and looks up a string, on every read, which costs more than their own
    logic. Columns: ``lemma`` (lower-cased), ``pos``, ``tag``, ``dep``, ``ent`` (entity type,
    "" outside entities), ``lower``, ``word`` (:func:`_word`), ``idx``, ``length``, ``punct``
    (0/1), ``head`` (absolute; a root is its own head). :meth:`children` gives a token's
    children, :meth:`column` a column as a numpy array. Holds no reference to the doc."""

    __slots__ = ("lemma", "pos", "tag", "dep", "ent", "lower", "word", "idx", "length", "punct", "head",
                 "_ids", "_heads", "_by_head", "_first_kid")

    def __init__(self, doc: Doc):
        n = len(doc)
        self._ids = doc.to_array(TOKEN_ATTRS) if n else numpy.zeros((0, len(TOKEN_ATTRS)), dtype="uint64")
        lemma, pos, tag, dep, ent, lower, self.idx, self.length, self.punct, _ = self._ids.T.tolist()
        strings = doc.vocab.strings
        self.lemma = _LOWER_NAMES.column(lemma, strings)
        self.pos, self.tag, self.dep = (_NAMES.column(ids, strings) for ids in (pos, tag, dep))
        self.ent, self.lower = _NAMES.column(ent, strings), _NAMES.column(lower, strings)
        self.word = _WORDS.column(lower, strings)
        self._heads = self._ids[:, -1].astype("int64") + numpy.arange(n)  # HEAD is relative, as uint64
        self.head = self._heads.tolist()
        self._by_head, self._first_kid = _children_index(self._heads)

    def children(self, i: int) -> list[int]:
        """``[c.i for c in doc[i].children]``: the children of token ``i`` in text order."""
        return self._by_head[self._first_kid[i]:self._first_kid[i + 1]]

    def column(self, attr: int) -> numpy.ndarray:
        """The column of ``attr`` (one of :data:`TOKEN_ATTRS`) for vectorised reads: string-store
        ids or numbers; for ``HEAD``, absolute head indices."""
        return self._heads if attr == HEAD else self._ids[:, TOKEN_ATTRS.index(attr)]


def _children_index(heads: numpy.ndarray) -> tuple[list[int], list[int]]:
    """``(by_head, first_kid)``: the tokens sorted by head, in text order within one head,
    and where each head's run starts, so that the children of token h are
    ``by_head[first_kid[h]:first_kid[h + 1]]`` (one flat list, not a list per token). Roots
    (their own heads) go last, as nobody's children."""
    n = len(heads)
    grouped = numpy.where(heads == numpy.arange(n), n, heads)
    by_head = numpy.argsort(grouped, kind="stable").tolist()
    first_kid = numpy.concatenate(([0], numpy.cumsum(numpy.bincount(grouped, minlength=n + 1)))).tolist()
    return by_head, first_kid


def tokens_of(doc: Doc) -> Tokens:
    """The doc's :class:`Tokens`, built on first use and kept in ``doc.user_data``."""
    tokens = doc.user_data.get("newsgraph_tokens")
    if tokens is None or len(tokens.head) != len(doc):
        tokens = doc.user_data["newsgraph_tokens"] = Tokens(doc)
    return tokens


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

    from ...errors import ConfigError

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError("E203", path=path, reason=exc) from exc


#: A wire dateline opening a line: a place in capitals, maybe a date or region after a comma
#: and an agency in brackets, then a dash ("JERUSALEM - ", "WASHINGTON, Dec. 8 (UPI) - ").
DATELINE = re.compile(r"[A-Z][A-Z.'\u2019-]{2,}(?: [A-Z][A-Z.'\u2019-]+)*(?:, ?[A-Z][\w.'\u2019 -]{0,30}?)?"
                      r"(?: ?\([\w .'\u2019/-]{1,30}\))? ?(?:--|[-\u2013\u2014]) (?=[A-Z0-9\"'\u201c\u2018])")


def dateline_end(text: str, start: int) -> int:
    """Where the text after a dateline opening the line at ``start`` begins, else ``start``."""
    if start and text[start - 1] != "\n":
        return start
    found = DATELINE.match(text, start, start + 80)
    return found.end() if found else start

