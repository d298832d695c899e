"""Extractor ``attribution``: who said (or believes, or wrote) what, in the PARC/PolNeAR scheme.

Needs: the parsed doc (tokens, lemmas, dependencies, sentences); upstream ``time`` (Timex
records, for the time of the cue) and ``actors`` (through ``nlp.actors.resolve_actor`` when
that module exists) -- both optional. Produces: one :class:`Attribution` per relation, its
own span being the cue's, with source, cue and content spans (content may be discontinuous:
``content_fragments``), the resolved speaker, a type (speech, belief, document) and time.

How: a token is a candidate cue when P(cue | lemma, part of speech, frame) learned from
PolNeAR train (``data/attribution_cue_model.tsv``) passes a low bar; the cue takes in the auxiliaries,
negations and particles train says it should (``data/attribution_cue_parts.tsv``). The
source is the cue's subject (or its governor's, or the object of "according to"); the
content is the quotation that touches the cue, else its clausal complement or object, else,
for a parenthetical "..., he said", the clause it interrupts; where an unquoted content ends is
reviewed by a model learned on train (``nlp/attribution/edges.py``). A frame model learned on
train (``data/attribution_frame_model.tsv``) then keeps the frames PolNeAR would mark, from the
cue's probability and the kind of source and content. A quotation with no cue of its
own that follows a quoted attribution continues it. Overlaps are resolved so that every
token belongs to one attribution at most; quotation marks left unpaired are left out and
counted (:func:`ambiguous_quote_marks`), never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from spacy.tokens import Doc

from ...records import Article, Attribution, Record, make_record
from . import frames
from ..shared.confidence import antecedent_span, attribution_confidence
from .lexicon import Lexicon, load_lexicon
from .quotes import find_quote_spans
from ..shared.common import char_span, dateline_end, doc_text, ents_within, sentence_index, span_of, tokens_of

NAME = "attribution"
VERSION = "8"
REQUIRES = ("time", "actors", "places")  # extractors whose records it reads (it runs after them)

__all__ = ["NAME", "VERSION", "ambiguous_quote_marks", "extract", "find_frames"]


def ambiguous_quote_marks(text: str) -> int:
    """How many quotation marks of ``text`` were left out as ambiguous (never guessed)."""
    return find_quote_spans(text)[1]


def find_frames(doc: Doc, lexicon: Lexicon | None = None) -> list[frames.Frame]:
    """Attribution frames (token-level) of a doc, overlaps resolved, in text order."""
    lex = lexicon or load_lexicon()
    quotes, _ = frames.quotes_of(doc, lex)
    found, _ = frames.candidate_frames(doc, quotes, lex)
    if lex.frame_weights:
        found = frames.judged(doc, found, lex)
    found = frames.resolve(found + frames.colon_frames(doc, quotes, lex), frames.text_of(doc),
                           lex.rules["keep_nested"], lex.rules["prefer_inner"],
                           lex.rules["split_coordinates"], frozenset(lex.rules["wrapping_lemmas"]))
    found += frames.orphan_quotes(doc, quotes, found)
    return sorted(found, key=lambda f: f.cue[0])


def extract(doc: Doc, article: Article, upstream: Mapping[str, tuple[Record, ...]]) -> tuple[Record, ...]:
    lex = load_lexicon()
    found = find_frames(doc, lex)
    said = [c for f in found for c in f.content]
    timexes = _timexes_in_said(upstream, said)
    return tuple(_record(doc, article, upstream, frame, lex, timexes) for frame in found)


def _record(doc: Doc, article: Article, upstream, frame: frames.Frame, lex: Lexicon,
            timexes: list[tuple[Record, list[frames.Char]]]) -> Record:
    cue = span_of(doc, *frame.cue)
    source = span_of(doc, *frame.source) if frame.source else None
    parts = tuple(span_of(doc, a, b) for a, b in _after_dateline(doc_text(doc), frame.content))
    content = span_of(doc, parts[0].start, parts[-1].end) if parts else None
    speaker_id, speaker = _speaker(doc, source, article, upstream)
    timex = _timex_for(doc, frame, timexes)
    record = make_record(
        Attribution, article.id, sentence_index(doc, cue.start), cue.start, cue.end, cue.text,
        NAME, VERSION, source=source, cue=cue, content=content,
        content_fragments=parts if len(parts) > 1 else (),
        speaker_id=speaker_id, speaker=speaker, attribution_type=lex.type_of(frame.lemma),
        quoted=frame.quoted, time=timex.value if timex else _present(doc, frame, article),
        timex_id=timex.id if timex else None)
    span = char_span(doc, cue.start, cue.end)
    lemmas = tokens_of(doc).lemma[span.start:span.end] if span is not None else [frame.lemma]
    return replace(record, confidence=attribution_confidence(doc, record, lemmas))


def _after_dateline(text: str, content: tuple[frames.Char, ...]) -> tuple[frames.Char, ...]:
    """What was said starts after a dateline opening its line ("JERUSALEM - Netanyahu will meet
    ..., officials said": the place and dash are the wire's, not the officials')."""
    if not content:
        return content
    (a, b), rest = content[0], content[1:]
    start = dateline_end(text, a)
    return ((start, b), *rest) if start < b else content


def _speaker(doc: Doc, source, article: Article, upstream) -> tuple[str | None, str | None]:
    """The source resolved to an actor by ``nlp.actors.resolve_actor`` (None when unknown)."""
    if source is None:
        return None, None
    try:
        from ..actors.extract import OTHERS_OF, resolve_actor
    except ImportError:  # the actors layer is optional
        return None, None
    source = antecedent_span(doc, source) or source  # "the police, which reported": the police
    span = _core(char_span(doc, source.start, source.end))
    if span is None or not len(span):
        return None, None
    # a person named in the source ("foreign ministry spokesperson Ines Carballo": she speaks,
    # not her office), else the whole source, else the first name inside it ("Zelensky for
    # the first time", a parse that hangs an adverbial on the subject); the names inside are
    # ``span.ents`` without spaCy rebuilding every entity of the doc on each access
    inside = ents_within(doc, span.start, span.end)
    ents = [e for e in inside if _names_the_source(e, span)]
    aside = [(e.start_char, e.end_char) for e in inside if e not in ents]  # "users of the Tor browser": not Tor
    people = [e for e in ents if e.label_ == "PERSON" and len(e) < len(span)]
    named = [e for e in ents if e.label_ in _SPEAKER_LABELS  # "US website TMZ", "Sanders supporters": not them
             and not (e.root.dep_ == "compound" and e.root.head.lower_ in OTHERS_OF)]
    for candidate in (*people[:1], span, *named):
        actor = resolve_actor(candidate, article, upstream)
        if actor is not None and not any(a <= actor.start and actor.end <= b for a, b in aside):
            return actor.actor_id or None, actor.name or None
    return None, None


_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def _core(span):
    """The source less what is said about it after its head ("The woman who met Donald Trump
    in Ohio": the woman; "the sister, who belonged to an order in Macerata": the sister;
    "observers, including a reporter": the observers)."""
    if span is None or not len(span):
        return span
    root = span.root
    cut = min((c.left_edge.i for c in root.rights if c.i > root.i and (c.dep_ in ("relcl", "acl") or (
        c.dep_ == "prep" and c.lower_ in ("including", "like")))), default=span.end)  # "observers, including a reporter"
    end = max(cut, root.i + 1)
    while end - 1 > span.start and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[span.start:end]


def _names_the_source(ent, source) -> bool:
    """A name that is the source or stands beside its head ("spokesperson Ines Carballo",
    "Zelensky, the president"), not one in a clause or phrase about it ("the sister, who
    belonged to an order in Macerata": Macerata does not speak; "Jewish groups": the groups)."""
    root, head = ent.root, source.root
    if root == head or head in ent:
        return True
    return root.head == head and root.dep_ in ("appos", "compound", "flat", "nmod") and ent.label_ != "NORP"


def _timexes_in_said(upstream, said: list[frames.Char]) -> list[tuple[Record, list[frames.Char]]]:
    """Once per doc: each timex with the pieces of what was said that hold its start (most
    hold none), so that :func:`_timex_for` need not scan every content for every cue."""
    return [(t, [(a, b) for a, b in said if a <= t.start < b])
            for t in upstream.get("time", ()) if t.kind == "timex"]


def _timex_for(doc: Doc, frame: frames.Frame, timexes: list[tuple[Record, list[frames.Char]]]):
    """The timex governing the cue (``nlp.time.governing_timex``), never one inside what was
    said ("Santiago insists drones entered on March 1, while Buenos Aires says ...": March 1
    is not when Buenos Aires says it), unless the cue itself is inside that content."""
    cue = frame.cue[0]
    allowed = [t for t, inside in timexes if all(a <= cue < b for a, b in inside)]
    if not allowed:
        return None
    from ..time.extract import governing_timex

    span = char_span(doc, *frame.cue)
    return governing_timex(span, allowed) if span is not None and len(span) else None


def _present(doc: Doc, frame: frames.Frame, article: Article) -> str | None:
    """A cue in the present tense with no date of its own ("Buenos Aires says ...") speaks as
    of the article's date."""
    return article.day if doc[frame.head].tag_ in ("VBZ", "VBP") else None
