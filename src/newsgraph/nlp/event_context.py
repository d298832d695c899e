"""What surrounds an event: how factual it is, when, where, and how many were hurt.

- factuality: from the claims layer (a Claim whose proposition holds the trigger: its stance,
  who holds it, whether it is conditional) and from the grammar (negation, modals, "if",
  "allegedly", a reporting or denying verb above the trigger), in that order of strength;
- date: the time layer's own function for the timex governing a token span when it exists,
  else the nearest Timex record inside the trigger's clause;
- place: the nearest Place record inside the trigger's clause;
- counts: "six officers were killed", "killing 12", "arrested 30 people".

Cue words and number words live in ``data/events/context.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Token

from ..records import Claim, Place, Record, Timex

__all__ = ["clause_extent", "clause_head", "counts", "factuality", "nearest_place", "nearest_timex"]


@lru_cache(maxsize=1)
def cues() -> dict:
    """The context cue table (read once)."""
    text = resources.files(__package__).joinpath("data", "events", "context.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {k: (set(v) if isinstance(v, list) else v) for k, v in data.items()}


def clause_head(tok: Token) -> Token:
    """The verb heading the clause of a trigger (the trigger itself when it is a verb)."""
    head = tok
    while head.pos_ not in ("VERB", "AUX") and head.head is not head and head.dep_ != "ROOT":
        head = head.head
    return head


def clause_extent(tok: Token) -> tuple[int, int]:
    """Character extent of the clause (subtree) a trigger heads, or its verb's for a noun."""
    head = clause_head(tok)
    return head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)


# -- factuality --------------------------------------------------------------------------------

def factuality(trigger: Token, claims: Sequence[Record]) -> tuple[str, str | None]:
    """``(factuality, claim_id)``: negated, denied, hypothetical, predicted, alleged or asserted."""
    grammar = _grammar_factuality(trigger)
    claim = _holding_claim(trigger, claims)
    if grammar in ("negated", "hypothetical"):
        return grammar, claim.id if claim else None
    if claim is not None:
        from_claim = _claim_factuality(claim)
        if from_claim != "asserted":
            return from_claim, claim.id
    return grammar, claim.id if claim else None


def _holding_claim(trigger: Token, claims: Sequence[Record]) -> Claim | None:
    at = trigger.idx
    inside = [c for c in claims if isinstance(c, Claim) and c.start <= at < c.end]
    return min(inside, key=lambda c: c.end - c.start) if inside else None


def _claim_factuality(claim: Claim) -> str:
    if claim.conditional:
        return "hypothetical"
    if claim.stance == "denies":
        return "denied"
    if claim.stance == "predicts":
        return "predicted"
    if claim.claimant_id not in (None, "", "author") or claim.certainty not in ("certain",):
        return "alleged"
    return "asserted"


def _grammar_factuality(trigger: Token) -> str:
    c = cues()
    chain = _clause_chain(trigger)
    verb = chain[0]
    if any(ch.dep_ == "neg" for ch in verb.children) or any(ch.lower_ in c["negators"] for ch in verb.children):
        return "negated"
    for tok in chain:
        if any(ch.dep_ == "mark" and ch.lower_ in c["conditionals"] for ch in _marks(tok)):
            return "hypothetical"
    if any(ch.dep_ == "aux" and ch.lower_ in c["modals"] for ch in verb.children):
        return "predicted"
    if any(ch.lower_ in c["allegation_adverbs"] for ch in verb.children):
        return "alleged"
    return _from_governor(chain, c)


def _from_governor(chain: list[Token], c: dict) -> str:
    """What the verbs (or a report noun: "the *claim* that ...") above the trigger make of it."""
    if chain[0].dep_ in ("acl", "ccomp") and chain[0].head.lemma_.lower() in c["report_nouns"]:
        return "alleged"
    for low, high in zip(chain, chain[1:]):
        if low.dep_ not in ("ccomp", "xcomp", "advcl", "acl", "pcomp", "pobj", "prep", "dobj"):
            break
        lemma = high.lemma_.lower()
        if lemma in c["denial_verbs"]:
            return "denied"
        if lemma in c["prediction_verbs"]:
            return "predicted"
        if lemma in c["report_verbs"] and low.dep_ == "ccomp":
            return "alleged"
    return "asserted"


def _clause_chain(trigger: Token) -> list[Token]:
    """The trigger's verb and the verbs above it, nearest first (at most five)."""
    tok = trigger
    while tok.pos_ not in ("VERB", "AUX") and tok.dep_ != "ROOT":
        tok = tok.head
    chain = [tok]
    while tok.dep_ != "ROOT" and len(chain) < 5:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            chain.append(tok)
    return chain


def _marks(verb: Token) -> list[Token]:
    out = []
    for ch in verb.children:
        if ch.dep_ == "advcl":
            out += [g for g in ch.children if g.dep_ == "mark"]
    return out


# -- date, place, counts -----------------------------------------------------------------------

def _nearest(records: Sequence[Record], extent: tuple[int, int], at: int) -> Record | None:
    inside = [r for r in records if extent[0] <= r.start and r.end <= extent[1]]
    return min(inside, key=lambda r: (abs(r.start - at), r.start)) if inside else None


def nearest_timex(trigger: Token, timexes: Sequence[Record]) -> Timex | None:
    found = _nearest([t for t in timexes if isinstance(t, Timex)], clause_extent(trigger), trigger.idx)
    return found if isinstance(found, Timex) else None


def nearest_place(trigger: Token, places: Sequence[Record]) -> Place | None:
    found = _nearest([p for p in places if isinstance(p, Place)], clause_extent(trigger), trigger.idx)
    return found if isinstance(found, Place) else None


def counts(trigger: Token) -> tuple[tuple[str, int], ...]:
    """Stated casualty and arrest numbers in the trigger's clause: (("killed", 6),)."""
    c = cues()
    out: dict[str, int] = {}
    for tok in clause_head(trigger).subtree:
        key = c["count_verbs"].get(tok.lemma_.lower())
        if key is None or key in out:
            continue
        number = _number_of(tok, c)
        if number is not None:
            out[key] = number
    return tuple(sorted(out.items()))


def _number_of(verb: Token, c: dict) -> int | None:
    for ch in verb.children:
        if ch.dep_ in ("nsubjpass", "dobj", "nsubj") or (ch.dep_ == "attr"):
            for g in ch.children:
                if g.dep_ == "nummod":
                    return _to_int(g.lower_, c)
            if ch.like_num:
                return _to_int(ch.lower_, c)
    return None


def _to_int(word: str, c: Mapping) -> int | None:
    word = word.replace(",", "")
    if word.isdigit():
        return int(word)
    return c["number_words"].get(word)
