"""How far a claim can be trusted: what kind of source and cue frame it, calibrated on dev.

Used by ``nlp/attribution/extract.py`` and ``nlp/claims/extract.py`` (here, in ``shared/``,
since attribution runs before claims). A claim's evidence is summed up as a few kinds
(:func:`kinds`):

- ``source``: ``name`` (a resolved actor or a named entity), ``described`` (an allowed
  described source: "officials", "a spokesman", "the report"), ``pronoun`` ("he", "they"),
  ``np`` (any other noun phrase), ``none``, or ``junk`` -- never a claimant: a bare
  determiner or indefinite pronoun ("That", "Everyone", "you"), a relative pronoun whose
  antecedent cannot be found, a caption or label ("Image:", "Origins:"), code;
- ``cue``: ``say`` (a verb or noun of saying, writing, believing, finding, reporting,
  accusing, denying, warning: ``claim_cues`` in ``data/sources.yaml``), ``according``,
  ``colon``, ``none`` (a quotation that continues an earlier one), or ``other`` (an act that
  PolNeAR counts as an attribution -- "refused to", "plans", "endorsed" -- with no
  proposition of its own);
- ``place``: ``body``, ``headline`` (the article's title line), ``continued`` (a quoted
  sentence after the one the cue sits in, in its paragraph), ``paragraph`` (a quotation
  going on in a later paragraph: a claim of its own).

The confidence is the share of such claims that were right on the dev gold and among the
claims judged by hand on unseen articles (``tools/data/claims_audit.jsonl``), read from
``nlp/claims/data/claims_confidence.tsv``, and of such attributions PolNeAR train marks, from
``nlp/attribution/data/attribution_confidence.tsv`` (both built by ``tools/calibrate_claims.py``),
with a prior for kinds never seen.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache

from spacy.tokens import Doc

from ...datafiles import data_file, read_data
from ...errors import ConfigError
from ...records import Attribution, Span
from .common import char_span, dateline_end, doc_text, ents_within

__all__ = ["antecedent", "antecedent_span", "attribution_confidence", "attribution_trust", "confidence", "headline_end", "is_headline", "kinds", "load_table"]

_PERSONAL = frozenset({"he", "she", "they", "i", "we", "him", "her", "them", "us", "me"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT"})
_CODE = re.compile(r"[{};=<>\[\]|\\_]|\w\.\w+\(|\w\(|\)\.|https?:|www\.|\b(?:var|function|return|null)\b")
_NEGATED = re.compile(r"\b(?:not|never)\b|n't|n\u2019t", re.I)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|wn|en|ght)\b(?!\s+by\b)", re.I)


@lru_cache(maxsize=1)
def _words() -> dict:
    import yaml

    rules = yaml.safe_load(read_data("newsgraph.nlp.shared", "sources.yaml"))
    return {"cues": frozenset(w for ws in rules["claim_cues"].values() for w in ws),
            "described": frozenset(rules["described_sources"]),
            "junk": frozenset(rules["junk_sources"]),
            "labels": frozenset(rules["caption_labels"])}


def kinds(doc: Doc, att: Attribution | None, claimant: str | None, lemmas: list[str],
          continued: str, title_end: int, start: int) -> tuple[str, str, str]:
    """``(source, cue, place)`` kinds of a claim (see the module docstring); ``continued`` is
    "continued", "paragraph" or ""."""
    place = "headline" if start < title_end else continued or "body"
    if att is None:
        return "none", "none", place
    return _source_kind(doc, att, claimant), _cue_kind(att, lemmas), place


def attribution_confidence(doc: Doc, att: Attribution, lemmas: list[str]) -> float:
    """The confidence of an attribution: that of a claim of its kinds, in the body or the title."""
    headline = headline_end(doc)
    claimant = att.speaker or antecedent(doc, att.source) or (att.source.text if att.source else None)
    return attribution_trust(*kinds(doc, att, claimant, lemmas, "", headline, att.start))


def attribution_trust(source: str, cue: str, place: str) -> float:
    """The share of attributions of these kinds that PolNeAR train marks (a cue it marks too),
    from ``data/attribution_confidence.tsv``; else the claims' figure."""
    table = load_table("newsgraph.nlp.attribution", "attribution_confidence.tsv")
    return table.get((source, cue, place)) or confidence(source, cue, place)


def _cue_kind(att: Attribution, lemmas: list[str]) -> str:
    if att.cue is None:
        return "none"
    if att.cue.text.strip() == ":":
        return "colon"
    if "accord" in lemmas or att.cue.text.lower().startswith("according"):
        return "according"
    cues = _words()["cues"]
    cue = att.cue.text
    if _NEGATED.search(cue) or _PASSIVE.search(cue):
        return "other"  # "did not write", "is known to be", "has been accused of": not its source's claim
    return "say" if any(w in cues for w in lemmas) or cue.lower() in cues else "other"


def _source_kind(doc: Doc, att: Attribution, claimant: str | None) -> str:
    if att.source is None:
        return "none"
    text = att.source.text.strip()
    words = _words()
    lower = text.lower()
    if lower in _RELATIVE:
        return "junk" if not claimant or claimant.lower() in _RELATIVE else _named_or_np(doc, None, claimant)
    colon = att.cue is not None and att.cue.text.strip() == ":"
    if not text or _CODE.search(text) or lower in words["junk"] or "\n" in text.strip():
        return "junk"
    if colon and (lower in words["labels"] or not _names_in(doc, att.source)):
        return "junk"  # "Image: ...", "Anger: ...", "SEE ALSO: ..." -- a label, not a speaker
    if lower in _PERSONAL:
        return "pronoun"
    if att.speaker_id:
        return "name"
    return _named_or_np(doc, att.source, text)


def _names_in(doc: Doc, source: Span) -> bool:
    span = char_span(doc, source.start, source.end)
    return span is not None and any(e.label_ in _NAME_LABELS for e in ents_within(doc, span.start, span.end))


def _named_or_np(doc: Doc, source: Span | None, text: str) -> str:
    if source is not None and _names_in(doc, source):
        return "name"
    heads = [w.strip(".,;:'\u2019\"").lower() for w in text.split()]
    described = _words()["described"]
    if any(h in described or h.rstrip("s") in described for h in heads):
        return "described"
    if source is None:
        return "np" if text[:1].islower() else "name"
    span = char_span(doc, source.start, source.end)
    if span is not None and len(span) and span.root.pos_ == "PROPN":
        return "name"
    return "np"


def antecedent(doc: Doc, source: Span | None) -> str | None:
    """What a relative pronoun source stands for: "the police, which reported ..." -> "the
    police" (the noun phrase the relative clause hangs on), else None."""
    span = antecedent_span(doc, source)
    return span.text if span is not None else None


def antecedent_span(doc: Doc, source: Span | None) -> Span | None:
    """The noun phrase a relative pronoun source stands for, as a span of the text, or None."""
    if source is None or source.text.strip().lower() not in _RELATIVE:
        return None
    span = char_span(doc, source.start, source.end)
    if span is None or len(span) != 1:
        return None
    clause = span[0].head
    while clause.dep_ not in ("relcl", "acl") and clause.head != clause and clause.head.i != clause.i:
        if clause.dep_ in ("ROOT",):
            return None
        clause = clause.head
    if clause.dep_ not in ("relcl", "acl"):
        return None
    noun = clause.head
    owner = _person_above(noun) if span[0].lower_ in ("who", "whom") else _thing_above(noun)
    toks = [t for t in noun.subtree if t.i < clause.left_edge.i] if owner is None else \
        [t for t in owner.subtree if t.i <= owner.i]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    return Span(start, end, doc_text(doc)[start:end])


def _person_above(noun):
    """"the owner registered to the microchip, who stated": "who" is a person, so a thing that
    the clause hangs on in a phrase of another noun gives way to that noun (None: keep it)."""
    if noun.dep_ != "pobj" or noun.ent_type_ == "PERSON" or noun.pos_ == "PROPN":
        return None
    up = noun.head.head
    if up.dep_ in ("acl",) and up.tag_ == "VBN":
        up = up.head
    return up if up.pos_ in ("NOUN", "PROPN") and up.i < noun.i else None


def _thing_above(noun):
    """"an illustration being shared on Facebook and Twitter that claims to be X": what is
    shared claims, not where it is shared (a place in a participle's phrase gives way)."""
    if noun.dep_ not in ("pobj", "conj"):
        return None
    while noun.dep_ == "conj":
        noun = noun.head
    acl = noun.head.head if noun.dep_ == "pobj" else None
    if acl is None or acl.dep_ != "acl" or acl.tag_ not in ("VBN", "VBG"):
        return None
    return acl.head if acl.head.pos_ in ("NOUN", "PROPN") and acl.head.i < noun.i else None


_TITLE_SMALL = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by",
                          "from", "as", "is", "vs", "vs.", "into", "over"})


def headline_end(doc: Doc) -> int:
    """:func:`is_headline` of the doc's text, read once per doc (attribution and claims ask)."""
    found = doc.user_data.get("newsgraph_headline")
    if found is None:
        found = doc.user_data["newsgraph_headline"] = is_headline(doc_text(doc), doc)
    return found


def is_headline(text: str, doc: Doc | None = None) -> int:
    """The end of the article's title block when its first line is a title, else 0: a first
    line followed by a blank line that reads as a title (:func:`_reads_as_title`, or with the
    doc :func:`_headline_ese`) or by a dateline; or a title ending in ";" with its deck, the
    line under it ("Campaign says he'll recast image; | Style is an act, aide implies.")."""
    first = text.lstrip()
    cut = first.find("\n")
    if cut < 0:
        return 0
    lead = len(text) - len(first)
    second = first[cut + 1:].split("\n", 1)
    if second[0].strip():  # a deck under a title that ends in ";"
        below = second[1] if len(second) > 1 else ""
        if first[:cut].rstrip().endswith(";") and not below.split("\n", 1)[0].strip() and len(second[0]) < 200:
            return lead + cut + 1 + len(second[0])
        return 0
    body = lead + cut
    while body < len(text) and text[body].isspace():
        body += 1
    line = first[:cut].strip()
    dated = dateline_end(text, body) > body  # "JERUSALEM - ..." opens the story under its title
    titled = dated or _reads_as_title(line) or (doc is not None and _headline_ese(doc, lead, lead + cut))
    return lead + cut if titled else 0


def _reads_as_title(line: str) -> bool:
    """No closing stop, or title case, or a "Name: ..." headline; short, with a capital."""
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", line)
    if not line or len(line) > 200 or not any(w[0].isupper() for w in words):
        return False
    content = [w for w in words if w.lower() not in _TITLE_SMALL]
    title_case = len(content) >= 3 and sum(w[0].isupper() for w in content) >= 0.8 * len(content)
    unfinished = not line.rstrip("\"'\u201d\u2019)").endswith((".", "!", "?"))
    named_lead = bool(re.match(r"[A-Z][\w.'\u2019-]*(?:\s+[\w.'\u2019-]+){0,2}:\s", line))  # "Clinton camp: ..."
    return title_case or unfinished or named_lead


_LEDE_OPENERS = frozenset({"a", "an", "the", "this", "it", "he", "she", "they", "we", "i", "there"})


def _headline_ese(doc: Doc, start: int, end: int) -> bool:
    """A short line in headline tense: a present-tense verb for the news ("Court rules against
    Ohio's purges.", "Axelrod calls on Dean to apologize."), no past tense, not opened the way a
    lede opens ("A man says ...", "The recording seems ...")."""
    span = char_span(doc, start, end)
    if span is None or not len(span):
        return False
    words = [t for t in span if t.is_alpha]
    if not words or len(words) > 14 or words[0].lower_ in _LEDE_OPENERS:
        return False
    return any(t.tag_ == "VBZ" and t.pos_ == "VERB" for t in span) and not any(t.tag_ == "VBD" for t in span)


@lru_cache(maxsize=2)
def load_table(package: str = "newsgraph.nlp.claims", name: str = "claims_confidence.tsv") -> dict[tuple[str, str, str], float]:
    path = data_file(package, name)
    try:
        rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8")), delimiter="\t"))
    except OSError as exc:
        raise ConfigError("E203", path=path, reason=exc) from exc
    out = {}
    for n, row in enumerate(rows):
        try:
            out[(row["source"], row["cue"], row["place"])] = float(row["confidence"])
        except (KeyError, ValueError) as exc:
            raise ConfigError("E205", path=path, line=n + 2, reason=f"bad row ({exc})") from exc
    return out


#: before calibration, or for kinds dev never saw: trust by source and cue, never a junk source
_PRIOR_SOURCE = {"name": 0.8, "described": 0.75, "pronoun": 0.7, "np": 0.5, "none": 0.2, "junk": 0.02,
                 "author": 0.3}
_PRIOR_CUE = {"say": 1.0, "according": 1.0, "colon": 0.8, "none": 0.7, "other": 0.4, "noun": 0.5}
_PRIOR_PLACE = {"body": 1.0, "continued": 0.7, "paragraph": 0.9, "headline": 0.2}


def confidence(source: str, cue: str, place: str) -> float:
    key = (source, cue, place)
    table = load_table()
    if key in table:
        return table[key]
    return round(_PRIOR_SOURCE[source] * _PRIOR_CUE[cue] * _PRIOR_PLACE[place], 3)
