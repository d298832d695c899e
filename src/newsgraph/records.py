"""The one schema everything speaks: frozen records, plain values only.

Every record that comes out of an extractor carries ``article_id``, ``sentence`` (index of
the sentence of its cue or trigger), ``start``/``end`` (code-point offsets into
``Article.text`` exactly as read), ``text`` (== ``article.text[start:end]``), and the
``extractor`` name and ``version`` that produced it. Records with several spans hold named
:class:`Span` values. Ids are content hashes, so re-analysing the same text gives the same ids.

Records pickle and serialise to plain dicts (:func:`to_dict`), so they travel to workers and
to Parquet without spaCy objects.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from json.encoder import c_make_encoder, encode_basestring, encode_basestring_ascii
from typing import Any, ClassVar

__all__ = [
    "Actor",
    "AnalyzedArticle",
    "Article",
    "Attribution",
    "Claim",
    "DATE_SOURCES",
    "Event",
    "Failure",
    "Mention",
    "Participant",
    "Place",
    "RECORD_TYPES",
    "Record",
    "Sentence",
    "Span",
    "Timex",
    "content_id",
    "from_dict",
    "make_record",
    "plain",
    "to_dict",
]

DATE_SOURCES = ("cli", "header", "field", "filename", "html-meta", "dct", "none")


def json_encoder(**options: Any) -> Callable[[Any], str]:
    """``json.JSONEncoder(**options).encode`` with its C encoder made once instead of on every
    call: the same text for any value without reference cycles (plain record values have none;
    a cycle would recurse until RecursionError instead of raising ValueError)."""
    encoder = json.JSONEncoder(**options)
    if c_make_encoder is None or encoder.indent is not None:
        return encoder.encode
    chunks = c_make_encoder(None, encoder.default,
                            encode_basestring_ascii if encoder.ensure_ascii else encode_basestring, None,
                            encoder.key_separator, encoder.item_separator, encoder.sort_keys, encoder.skipkeys,
                            encoder.allow_nan)

    def encode(value: Any) -> str:
        return "".join(chunks(value, 0))

    return encode


# ``json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)``, set up once: the same
# text (ids hash this text)
_id_json = json_encoder(sort_keys=True, default=str, ensure_ascii=False)
_sha1 = hashlib.sha1


def content_id(prefix: str, *parts: Any) -> str:
    """A stable id: ``prefix`` + the first 16 hex digits of a SHA-1 over ``parts``."""
    return f"{prefix}_{_sha1(_id_json(parts).encode('utf-8')).hexdigest()[:16]}"


@dataclass(frozen=True, slots=True)
class Span:
    """A named span: ``article.text[start:end] == text``."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text {self.text!r} does not fit {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``text`` is the body exactly as read (the readers' contract: ``ingest/__init__.py``)."""

    id: str
    text: str
    date: str | None = None  # ISO date or datetime (time zone kept) as given
    date_source: str = "none"
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the outlet
    origin: str | None = None  # path[:line] or record the article was read from

    def __post_init__(self) -> None:
        if self.date_source not in DATE_SOURCES:
            raise ValueError(f"date_source {self.date_source!r} not in {DATE_SOURCES}")
        if not self.id:
            raise ValueError("article id is empty")

    @property
    def text_hash(self) -> str:
        # "surrogatepass": a text holding a lone surrogate still hashes (readers refuse it, E117)
        return hashlib.sha1(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def day(self) -> str | None:
        """The article date as ``YYYY-MM-DD`` (the first ten characters), or None."""
        return self.date[:10] if self.date else None

    @staticmethod
    def make_id(source: str | None, url: str | None, text: str) -> str:
        return content_id("art", source or "", url or "", text)


@dataclass(frozen=True, slots=True)
class Failure:
    """Something that could not be read or analysed; stored, never raised past a batch."""

    origin: str  # path, with :line or #record where there is one
    code: str  # a stable error code from errors.py, e.g. "E101"
    message: str
    article_id: str | None = None
    kind: ClassVar[str] = "failure"

    @property
    def id(self) -> str:
        return content_id("fail", self.origin, self.code, self.message)


@dataclass(frozen=True, slots=True)
class Record:
    """Fields every extracted record shares. Subclasses add their own, all with defaults."""

    id: str
    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    extractor: str
    version: str
    kind: ClassVar[str] = "record"
    table: ClassVar[str] = ""  # the store's table of this kind (a numbered migration creates it)

    def spans(self) -> dict[str, Span]:
        """Every named span of this record (its own extent as ``"self"``)."""
        out = {"self": Span(self.start, self.end, self.text)}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Span):
                out[f.name] = value
            elif isinstance(value, tuple):
                for i, item in enumerate(value):
                    if isinstance(item, Span):
                        out[f"{f.name}[{i}]"] = item
                    elif isinstance(item, Participant):
                        out[f"{f.name}[{i}]"] = item.span
        return out


@dataclass(frozen=True, slots=True)
class Sentence(Record):
    kind: ClassVar[str] = "sentence"
    table: ClassVar[str] = "sentences"


@dataclass(frozen=True, slots=True)
class Mention(Record):
    """A named entity or noun chunk as the parser saw it."""

    mention_type: str = "entity"  # "entity" or "noun_chunk"
    label: str = ""  # spaCy NER label (PERSON, GPE, ...) or "NP"
    kind: ClassVar[str] = "mention"
    table: ClassVar[str] = "mentions"


@dataclass(frozen=True, slots=True)
class Timex(Record):
    """A TimeML TIMEX3: type DATE, TIME, DURATION or SET and a normalised value."""

    timex_type: str = "DATE"
    value: str = ""
    mod: str | None = None  # EARLY, LATE, APPROX, ...
    granularity: str | None = None  # day, week, month, season, year, ...
    anchor: str | None = None  # the reference time it was resolved against (ISO)
    anchor_source: str | None = None  # "dct", "discourse", "quote", "none"
    quote_id: str | None = None  # the Attribution/quote whose speech time anchored it
    kind: ClassVar[str] = "timex"
    table: ClassVar[str] = "timexes"


@dataclass(frozen=True, slots=True)
class Actor(Record):
    """A mention resolved to an actor. ``actor_id`` is stable for actors of the shipped table."""

    actor_id: str = ""
    name: str = ""  # canonical name
    actor_type: str = "unknown"  # person, organization, country, group, generic
    country: str | None = None  # ISO 3166 alpha-3, or IGO code
    sector: str | None = None  # PLOVER sector: GOV, MIL, REB, MED, BUS, IGO, ...
    role: str | None = None  # e.g. "president", "defence minister"
    role_start: str | None = None
    role_end: str | None = None
    confidence: float = 0.0
    how: str = ""  # how it was resolved: table, alias, pronoun, metonymy, demonym, ...
    kind: ClassVar[str] = "actor"
    table: ClassVar[str] = "actors"


@dataclass(frozen=True, slots=True)
class Place(Record):
    """A toponym resolved (where possible) to a place."""

    name: str = ""
    country: str | None = None  # ISO 3166 alpha-3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # country, city, region, continent, ...
    confidence: float = 0.0
    metonymic: bool = False
    kind: ClassVar[str] = "place"
    table: ClassVar[str] = "places"


@dataclass(frozen=True, slots=True)
class Participant:
    """An event participant: its words, and the actor they resolve to when known."""

    span: Span
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution(Record):
    """PARC/PolNeAR source-cue-content; the record's own span is the cue's."""

    source: Span | None = None
    cue: Span | None = None
    content: Span | None = None
    speaker_id: str | None = None  # actor_id of the resolved speaker
    speaker: str | None = None  # its name
    attribution_type: str = "speech"  # speech, belief, document
    quoted: bool = False  # direct quote
    time: str | None = None  # TIMEX3 value of the timex governing the cue
    timex_id: str | None = None
    # the content's pieces when it is discontinuous ("A," he said, "B."); then ``content``
    # runs from the first piece's start to the last one's end
    content_fragments: tuple[Span, ...] = ()
    confidence: float = 0.0  # calibrated on dev (nlp/shared/confidence.py)
    kind: ClassVar[str] = "attribution"
    table: ClassVar[str] = "attributions"


@dataclass(frozen=True, slots=True)
class Claim(Record):
    """A proposition, who holds it, how, and how sure. Its span is the proposition's."""

    claimant_id: str | None = None  # actor_id, or "author"
    claimant: str | None = None
    about: tuple[str, ...] = ()  # actor_ids the claim is about
    time: str | None = None
    stance: str = "asserts"  # asserts, denies, questions, predicts
    certainty: str = "certain"  # certain, probable, possible, unknown
    hedges: tuple[Span, ...] = ()
    conditional: bool = False
    evidence: tuple[Span, ...] = ()
    attribution_id: str | None = None
    proposition_time: str | None = None  # TIMEX3 value of the first date inside the proposition
    confidence: float = 0.0  # calibrated on dev (nlp/shared/confidence.py)
    kind: ClassVar[str] = "claim"
    table: ClassVar[str] = "claims"


@dataclass(frozen=True, slots=True)
class Event(Record):
    """A PLOVER event; its span is the trigger's."""

    event_type: str = ""
    mode: str | None = None
    actors: tuple[Participant, ...] = ()
    recipients: tuple[Participant, ...] = ()
    factuality: str = "asserted"  # asserted, alleged, denied, predicted, hypothetical, negated
    date: str | None = None
    timex_id: str | None = None
    place_id: str | None = None
    place: str | None = None
    counts: tuple[tuple[str, int], ...] = ()  # (killed, 6), ...
    claim_id: str | None = None
    sentence_span: Span | None = None
    confidence: float = 0.0  # calibrated: the share of such events that are right (dev gold)
    kind: ClassVar[str] = "event"
    table: ClassVar[str] = "events"


#: kind -> record class: every subclass of Record defined in this module, in order
RECORD_TYPES: dict[str, type[Record]] = {cls.kind: cls for cls in Record.__subclasses__()}


@dataclass(frozen=True, slots=True)
class AnalyzedArticle:
    """The result of ``analyze`` for one article: the article and plain records."""

    article: Article
    records: tuple[Record, ...] = ()
    failures: tuple[Failure, ...] = ()
    extractors: tuple[tuple[str, str], ...] = ()  # (name, version) that ran
    skipped_sentences: int = 0  # sentences left out of the analysis as not English

    def of(self, kind: str) -> tuple[Record, ...]:
        return tuple(r for r in self.records if r.kind == kind)


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


_NESTED = (Span, Participant, tuple)  # values plain changes; any other is returned as it is


def plain(value: Any) -> Any:
    if isinstance(value, (Span, Participant)):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    return value


def to_dict(record: Record) -> dict[str, Any]:
    """A JSON-ready dict with ``kind`` first; spans become ``{start, end, text}``."""
    out: dict[str, Any] = {"kind": record.kind}
    for name in _field_names(type(record)):
        out[name] = plain(getattr(record, name))
    return out


def _span(value: Any) -> Span | None:
    return None if value is None else Span(**value)


def from_dict(data: dict[str, Any]) -> Record:
    """Inverse of :func:`to_dict`."""
    cls = RECORD_TYPES[data["kind"]]
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in ("source", "cue", "content", "sentence_span"):
            value = _span(value)
        elif f.name in ("hedges", "evidence", "content_fragments"):
            value = tuple(Span(**v) for v in value)
        elif f.name in ("actors", "recipients"):
            value = tuple(Participant(span=Span(**p["span"]), **{k: v for k, v in p.items() if k != "span"}) for p in value)
        elif f.name == "counts":
            value = tuple((k, int(n)) for k, n in value)
        elif f.name == "about":
            value = tuple(value)
        kwargs[f.name] = value
    return cls(**kwargs)


def make_record(cls: type[Record], article_id: str, sentence: int, start: int, end: int,
                text: str, extractor: str, version: str, **fields: Any) -> Record:
    """Build a record whose id is a content hash of everything it says."""
    rid = content_id(cls.kind[:3], article_id, extractor, start, end,  # keys sorted by content_id
                     {k: plain(v) if isinstance(v, _NESTED) else v for k, v in fields.items()})
    return cls(id=rid, article_id=article_id, sentence=sentence, start=start, end=end,
               text=text, extractor=extractor, version=version, **fields)
