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

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import numpy
import yaml
from spacy.attrs import SENT_START
from spacy.tokens import Token

from ...datafiles import read_data
from ...records import Claim, Place, Record, Timex
from ..shared.common import Tokens, tokens_of
from .frames import subtree

__all__ = ["asked_about", "clause_extent", "clause_head", "counts", "factuality", "nearest_place", "nearest_timex"]


@lru_cache(maxsize=1)
def cues() -> dict:
    """The context cue table (read once)."""
    text = read_data(__package__, "context.yaml")
    data = yaml.safe_load(text)
    return {k: (set(v) if isinstance(v, list) else v) for k, v in data.items()}


def clause_head(tok: Token) -> Token:
    """The verb heading the clause of a trigger (the trigger itself when it is a verb)."""
    return tok.doc[_clause_head(tokens_of(tok.doc), tok.i)]


def _clause_head(p: Tokens, t: int) -> int:
    """:func:`clause_head` of token index ``t``."""
    while p.pos[t] != "VERB" and p.pos[t] != "AUX" and p.head[t] != t and p.dep[t] != "ROOT":
        t = p.head[t]
    return t


def clause_extent(tok: Token) -> tuple[int, int]:
    """Character extent of the clause (subtree) a trigger heads, or its verb's for a noun."""
    head = clause_head(tok)
    return head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)


# -- factuality --------------------------------------------------------------------------------

def factuality(trigger: Token, claims: Sequence[Record], actor_ids: Iterable[str] = ()) -> tuple[str, str | None]:
    """``(factuality, claim_id)``: negated, denied, hypothetical, predicted, alleged or asserted.
    A claim holding the trigger makes it alleged, unless the claimant is the event's own actor
    ("Carson accused Cruz ..., the candidate said": his saying so is the act) or the trigger is
    in a relative clause, which the claim takes as known ("the expert *kidnapped* by ...")."""
    grammar = _grammar_factuality(trigger)
    claim = _holding_claim(trigger, claims)
    if grammar in ("negated", "hypothetical"):
        return grammar, claim.id if claim else None
    if claim is not None and (claim.claimant_id in set(actor_ids) or _presupposed(trigger)):
        return grammar, claim.id
    if claim is not None:
        from_claim = _claim_factuality(claim)
        if from_claim != "asserted":
            return from_claim, claim.id
    return grammar, claim.id if claim else None


def asked_about(trigger: Token) -> bool:
    """The trigger is in a question someone asks ("asked him *if* he would ever endorse her",
    "wondered *whether* Iran would retaliate"): a question puts no act, done or to come."""
    p = tokens_of(trigger.doc)
    verb = _clause_chain(p, trigger.i)[0]
    mark = next((m for m in p.children(verb) if p.dep[m] == "mark" and p.lower[m] in ("if", "whether")), None)
    if mark is None or mark <= trigger.sent.start:
        return False
    tok = mark - 1  # the words just before: "asked *Bernie Sanders* if", however the clause is attached
    for _ in range(4):
        if p.lemma[tok] in cues()["question_verbs"] and p.pos[tok] == "VERB":
            return True
        if p.head[tok] == tok or p.head[tok] > mark:
            return False
        tok = p.head[tok]
    return False


def _presupposed(trigger: Token) -> bool:
    """The trigger's verb modifies a noun: "the officer *who shot* Brown", "the expert *kidnapped* by"."""
    p = tokens_of(trigger.doc)
    verb = _clause_chain(p, trigger.i)[0]
    return p.dep[verb] in ("relcl", "acl") and p.pos[p.head[verb]] in ("NOUN", "PROPN") \
        and p.lemma[p.head[verb]] not in cues()["report_nouns"]


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
    p = tokens_of(trigger.doc)
    chain = _clause_chain(p, trigger.i)
    verb = chain[0]
    kids, dep, lower = p.children(verb), p.dep, p.lower
    if any(dep[ch] == "neg" for ch in kids) or any(lower[ch] in c["negators"] for ch in kids):
        return "negated"
    for tok in chain:
        if any(dep[ch] == "mark" and lower[ch] in c["conditionals"] for ch in _marks(p, tok)):
            return "hypothetical"
    if any(dep[ch] == "aux" and lower[ch] in c["modals"] for ch in kids):
        return "predicted"
    if any(lower[ch] in c["allegation_adverbs"] for ch in kids):
        return "alleged"
    return "asserted" if _presupposed(trigger) else _from_governor(p, chain, c)


def _from_governor(p: Tokens, chain: list[int], c: dict) -> str:
    """What the verbs (or a report noun: "the *claim* that ...") above the trigger make of it."""
    dep = p.dep
    if dep[chain[0]] in ("acl", "ccomp") and p.lemma[p.head[chain[0]]] in c["report_nouns"]:
        return "alleged"
    for low, high in zip(chain, chain[1:]):
        if dep[low] not in ("ccomp", "xcomp", "advcl", "acl", "pcomp", "pobj", "prep", "dobj"):
            break
        lemma = p.lemma[high]
        if dep[low] == "xcomp" and lemma in ("have", "be") and any(p.lower[ch] == "yet" for ch in p.children(high)):
            return "negated"  # "has yet to endorse", "is yet to meet": not done
        if lemma in c["denial_verbs"]:
            return "denied"
        if lemma in c["prediction_verbs"]:
            return "predicted"
        if lemma in c["report_verbs"] and dep[low] == "ccomp":
            return "alleged"
    return "asserted"


def _clause_chain(p: Tokens, trigger: int) -> list[int]:
    """The trigger's verb and the verbs above it, nearest first (at most five)."""
    tok, pos, dep = trigger, p.pos, p.dep
    while pos[tok] not in ("VERB", "AUX") and dep[tok] != "ROOT":
        tok = p.head[tok]
    chain = [tok]
    while dep[tok] != "ROOT" and len(chain) < 5:
        tok = p.head[tok]
        if pos[tok] in ("VERB", "AUX"):
            chain.append(tok)
    return chain


def _marks(p: Tokens, verb: int) -> list[int]:
    out = []
    for ch in p.children(verb):
        if p.dep[ch] == "advcl":
            out += [g for g in p.children(ch) if p.dep[g] == "mark"]
    return out


# -- date, place, counts -----------------------------------------------------------------------

def _nearest(records: Sequence[Record], extent: tuple[int, int], at: int) -> Record | None:
    inside = [r for r in records if extent[0] <= r.start and r.end <= extent[1]]
    return min(inside, key=lambda r: (abs(r.start - at), r.start)) if inside else None


def nearest_timex(trigger: Token, timexes: Sequence[Record]) -> Timex | None:
    """The nearest DATE or TIME in the trigger's clause (a duration or a set is no date:
    "denied the incursion for almost three weeks" happened on no day "P3W"), never one that
    dates a clause inside it that the trigger is not in ("rejected the accusation made ...
    earlier this week": the accusation was made then)."""
    inner = _other_clauses(trigger)
    dated = [t for t in timexes if isinstance(t, Timex) and t.timex_type in ("DATE", "TIME")
             and not any(a <= t.start < b for a, b in inner)]
    found = _nearest(dated, clause_extent(trigger), trigger.idx)
    return found if isinstance(found, Timex) else None


def _other_clauses(trigger: Token) -> list[tuple[int, int]]:
    """Character extents of the relative and participle clauses of the trigger's clause that
    do not hold the trigger."""
    head = clause_head(trigger)
    return [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in head.subtree
            if t.dep_ in ("acl", "relcl") and t.pos_ in ("VERB", "AUX") and trigger not in t.subtree]


def nearest_place(trigger: Token, places: Sequence[Record]) -> Place | None:
    """The nearest place in the trigger's clause that is used as a place: never a country or
    capital standing for its government or a modifier ("Moscow accused Kyiv" happened in
    neither)."""
    literal = [p for p in places if isinstance(p, Place) and not p.metonymic]
    found = _nearest(literal, clause_extent(trigger), trigger.idx)
    return found if isinstance(found, Place) else None


def counts(trigger: Token) -> tuple[tuple[str, int], ...]:
    """Stated casualty and arrest numbers in the trigger's clause: (("killed", 6),)."""
    c = cues()
    doc = trigger.doc
    p = tokens_of(doc)
    verbs = c["count_verbs"]
    head = _clause_head(p, trigger.i)
    if not _count_verb_near(doc, p, verbs, head):
        return ()
    out: dict[str, int] = {}
    for t in subtree(p, head):
        key = verbs.get(p.lemma[t])
        if key is None or key in out:
            continue
        number = _number_of(doc[t], c)
        if number is not None:
            out[key] = number
    return tuple(sorted(out.items()))


def _count_verb_near(doc, p: Tokens, verbs: Mapping[str, str], head: int) -> bool:
    """Whether the subtree of token ``head`` may hold a count verb ("killed", "arrested"): no
    when its sentence has none, provided no dependency crosses a sentence boundary (then a
    subtree stays in its sentence). Most clauses have none, and need no walk."""
    found = doc.user_data.get(_COUNT_VERBS_KEY)
    if found is None or found[0] is not p:
        found = doc.user_data[_COUNT_VERBS_KEY] = (p, _count_verb_sentences(doc, p, verbs))
    sentence_of, with_verbs = found[1]
    return sentence_of is None or sentence_of[head] in with_verbs


def _count_verb_sentences(doc, p: Tokens, verbs: Mapping[str, str]) -> tuple[list[int] | None, set[int]]:
    """``(sentence number of each token, numbers of sentences with a count verb)``; the first
    is None when some token's head is in another sentence."""
    if not len(doc):
        return None, set()
    starts = doc.to_array([SENT_START]).astype("int64")
    starts[0] = 1
    sentence = numpy.cumsum(starts == 1) - 1
    if not (sentence[numpy.asarray(p.head)] == sentence).all():
        return None, set()
    numbers = sentence.tolist()
    return numbers, {numbers[i] for i, lemma in enumerate(p.lemma) if lemma in verbs}


_COUNT_VERBS_KEY = "newsgraph_event_count_verbs"


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
