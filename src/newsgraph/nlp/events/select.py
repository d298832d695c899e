"""From frames to typed event candidates: classify, rank, keep the best few per sentence.

A :class:`Candidate` is a frame with its PLOVER type, mode and score, and the participant
heads arranged for that type (joint acts turn co-actors into recipients). Shared by the
``events`` extractor and the PLV learner/scorer, so both see exactly the same decisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from ..shared.common import MEMO_ENTRIES, tokens_of
from .confidence import requested_act, strong_triggers, table
from .frames import POSSESSIVE_PRONOUNS, Draft, Frame, add_participants, draft_keys, feature_keys, frame_of
from .types import Lexicon, evaluation, intended_type, lexicon, mode_for, phrasal_sense, prep_sense, scores_of, trigger_prior

__all__ = ["Candidate", "candidates", "select"]

#: the classifier score of a judgement ("called it a fraud"): above any threshold in use
EVALUATION_SCORE = 3.0


@dataclass
class Candidate:
    frame: Frame
    event_type: str
    score: float
    mode: str | None
    actors: list[Token]
    recipients: list[Token]

    @property
    def trigger(self) -> Token:
        """The word that names the event: the object noun of a light verb, else the verb."""
        f = self.frame
        if f.obj is not None and not f.nominal and self._noun_typed():
            return f.obj
        return f.trigger

    def _noun_typed(self) -> bool:
        lex = lexicon()
        return (self.frame.trigger.lemma_.lower() in lex.light_verbs
                and lex.nouns.get(self.frame.obj.lemma_.lower()) == self.event_type)


def candidates(sent: SpacySpan, lex: Lexicon | None = None) -> list[Candidate]:
    """Every frame of the sentence that the lexicon types, unranked."""
    return _typed(sent, lex or lexicon(), None)


def _typed(sent: SpacySpan, lex: Lexicon, threshold: float | None) -> list[Candidate]:
    """:func:`candidates`, keeping only those scoring at least ``threshold`` (when given).
    Frames are typed from their keys first: only typed ones get participants and Tokens."""
    doc = sent.doc
    p = tokens_of(doc)
    out = []
    for draft in draft_keys(doc, sent.start, sent.end):
        lemma = p.lemma[draft.trigger]
        if lemma in lex.not_triggers and not draft.demand or _named_by_its_verb(p, draft, lex) \
                or _pronoun_owned(p, draft, lemma, lex):
            continue
        judged = evaluation(lemma, p.lemma[draft.pred] if draft.pred is not None else None, lex)
        scores = _classify(p, draft, lemma, lex)
        if not scores and judged is None:
            continue
        etype, score = max(scores.items(), key=lambda kv: (kv[1], kv[0])) if scores else (judged, 0.0)
        obj = p.lemma[draft.obj] if draft.obj is not None and not draft.nominal else None
        etype = prep_sense(lemma, draft.preps, etype, lex, obj)
        if judged is not None:  # "called the plan a *fraud*": a judgement, not a request
            etype, score = judged, max(score, EVALUATION_SCORE)
        if threshold is not None and score < threshold:
            continue
        add_participants(p, draft)
        frame = frame_of(doc, draft)
        out.append(_arrange(frame, intended_type(etype, frame, lex), score, lex))
    return out


def _named_by_its_verb(p, draft: Draft, lex: Lexicon) -> bool:
    """An object act noun whose verb already names the act ("made a *visit*", "sent *weapons*",
    "struck a *deal*"): the verb's frame is the event; else ("condemned Russia's *invasion*")
    the noun is an event of its own."""
    if not draft.nominal or p.dep[draft.trigger] != "dobj":
        return False
    verb = p.lemma[p.head[draft.trigger]]
    noun_type = lex.nouns.get(p.lemma[draft.trigger])
    return verb in lex.light_verbs or verb in lex.obj_senses or (noun_type is not None and lex.verbs.get(verb) == noun_type)


def _pronoun_owned(p, draft: Draft, lemma: str, lex: Lexicon) -> bool:
    """ "her *faults*": a noun owned by a pronoun is an act only if the hand lexicon says so."""
    return draft.nominal and lemma not in lex.nouns and any(
        p.dep[c] == "poss" and p.lower[c] in POSSESSIVE_PRONOUNS for c in p.children(draft.trigger))


def _classify(p, draft: Draft, lemma: str, lex: Lexicon) -> dict[str, float]:
    """``classify(frame)`` of a draft, from the parse's lemmas; memoised on what it reads (the
    same verb with the same object and prepositions recurs). The result is shared: read only."""
    obj = p.lemma[draft.obj] if draft.obj is not None else None
    comp = p.lemma[draft.comp] if draft.comp is not None else None
    key = (lemma, obj, comp, tuple(draft.preps), draft.demand, draft.nominal)
    memo = _scores_memo(lex)
    scores = memo.get(key)
    if scores is None:
        keys = feature_keys(lemma, comp, obj, draft.preps, draft.demand)
        scores = memo[key] = scores_of(keys, lemma, obj, comp, draft.demand, draft.nominal, lex)
    return scores


_SCORES: list = [None, {}]  # [the lexicon the memo is for, {what classify reads: scores}]


def _scores_memo(lex: Lexicon, limit: int = MEMO_ENTRIES) -> dict:
    if _SCORES[0] is not lex or len(_SCORES[1]) > limit:
        _SCORES[0], _SCORES[1] = lex, {}
    return _SCORES[1]


def _arrange(frame: Frame, etype: str, score: float, lex: Lexicon) -> Candidate:
    actors, recipients = list(frame.actors), list(frame.recipients)
    if etype in lex.symmetric and frame.co_actors and (etype in table().joint or not recipients):
        # joint acts: the co-actors are each other's recipient; "X and Y endorsed Z" supports Z, not Y
        co = {t.i for t in frame.co_actors}
        actors = [t for t in actors if t.i not in co]
        recipients = frame.co_actors + [t for t in recipients if t.i not in co]
    between = _between(frame.trigger) if etype in lex.symmetric and (frame.passive or not actors) else []
    if between:  # "the deal was negotiated *between X and Y*": they are its parties
        actors, recipients = between[:1], between[1:]
    if etype in lex.self_acting and frame.passive and not actors and recipients:
        actors, recipients = recipients[:1], recipients[1:]  # "troops were deployed"
    if frame.pred is not None:  # "called *the plan* a fraud": the judgement is no recipient
        recipients = _judged(frame.pred) or [t for t in recipients if t.i != frame.pred.i]
    if frame.nominal and etype in VICTIM_TYPES:  # "X was killed in a US *strike*": X is whom it was done to
        victims = _victims_of(frame.trigger)
        recipients = victims + [t for t in recipients if t.i not in {v.i for v in victims}]
    if etype == "REQUEST":  # "called *for a ban*", "appealed *for calm*": what is asked for is no recipient
        recipients = [t for t in recipients if not _asked_for(t, frame.trigger)]
    cand = Candidate(frame, etype, score, mode_for(etype, frame, lex), actors, recipients)
    if cand.trigger is not frame.trigger:  # "made a *visit* to X": the visit is no recipient
        recipients = [t for t in recipients if t.i != cand.trigger.i]
    elif frame.obj is not None and not frame.nominal and phrasal_sense(frame.trigger.lemma_.lower(), [], frame.obj.lemma_.lower(), lex) \
            and not any(c.ent_type_ in NAMED for c in frame.obj.children):  # but "closed *the US* consulate": the US's
        recipients = [t for t in recipients if t.i != frame.obj.i]  # "took *aim* at X": the aim is no recipient
    cand.recipients = _named_first(recipients) if etype in lex.transfers else recipients
    return cand


#: prepositions of a request that name what is asked, or where: "called *for* a ban", "appealed for calm *in* the state"
ASKED_FOR_PREPS = frozenset({"for", "in", "at", "across", "throughout"})


def _asked_for(noun: Token, verb: Token) -> bool:
    """A thing named after the verb's "for" ("called for *a ban*") or a place where it is asked
    ("in the state"), not a named party or a pronoun."""
    public = table().public_nouns
    if noun.ent_type_ or noun.pos_ == "PRON" or noun.lower_ in public or noun.lemma_.lower() in public \
            or any(c.ent_type_ for c in noun.children if c.dep_ == "compound"):
        return False  # "called for the resignation of *the mayor*": whom it is asked of
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ASKED_FOR_PREPS]
    return any(p.is_ancestor(noun) for p in preps)  # "for a ban *on assault weapons*", "for calm *in her state*"


def _between(verb: Token) -> list[Token]:
    """The parties named after "between" on the verb ("negotiated *between* X and Y"): X and its
    conjuncts."""
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    first = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    return [] if first is None else [first] + [c for c in first.conjuncts if c.i > first.i]


#: types of act nouns whose victims a clause around them names ("were killed in an *attack*")
VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})
#: verbs of harm suffered: their subject is the victim of the act noun they are "in"
HARM_VERBS = frozenset({"kill", "wound", "injure", "hurt", "die", "maim", "capture", "detain", "arrest", "abduct", "kidnap"})
_INTRANSITIVE_HARM = frozenset({"die"})


def _victims_of(noun: Token) -> list[Token]:
    """The subject of a passive harm verb (or of "die") whose act the noun is, after "in",
    "during" or "by": "two soldiers *were killed in* a Taliban attack", "three died in the strike"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "during", "by") or prep.dep_ not in ("prep", "agent"):
        return []
    verb = prep.head
    lemma = verb.lemma_.lower()
    if lemma not in HARM_VERBS:
        return []
    deps = ("nsubjpass", "nsubj") if lemma in _INTRANSITIVE_HARM else ("nsubjpass",)
    return [c for c in verb.children if c.dep_ in deps and c.pos_ != "PRON" or c.dep_ in deps and c.lower_ in ("he", "she", "they")]


def _judged(pred: Token) -> list[Token]:
    """ "called it a hoax *perpetrated by China*": who the judgement names as its author."""
    return [pobj for acl in pred.children if acl.dep_ == "acl" for agent in acl.children if agent.dep_ == "agent"
            for pobj in agent.children if pobj.dep_ == "pobj"]


NAMED = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"}


def _named_first(recipients: list[Token]) -> list[Token]:
    """Where some recipients of a transfer are named parties ("sent aid *to Turkey*"), the
    things sent (aid) are no recipients."""
    named = [t for t in recipients if t.ent_type_ in NAMED or any(c.ent_type_ in NAMED for c in t.children)]
    return named or recipients


def rank(cand: Candidate, lex: Lexicon) -> float:
    r = lex.ranking
    value = cand.score * trigger_prior(cand.frame, lex)
    if cand.actors:
        value *= r["actor_bonus"]
    if cand.recipients:
        value *= r["recipient_bonus"]
    if cand.trigger.lemma_.lower() in strong_triggers(cand.event_type):
        value *= r["strong_bonus"]  # a word whose sense is the type outranks a learned guess
    if requested_act(cand.frame.trigger):
        value *= r["requested_factor"]  # "called on X *to apologize*": the request is the event
    return value


def select(sent: SpacySpan, lex: Lexicon | None = None) -> list[Candidate]:
    """The events of a sentence: typed candidates over the threshold, best first, capped,
    one per trigger; returned in text order."""
    lex = lex or lexicon()
    pool = _typed(sent, lex, lex.ranking["threshold"])
    pool.sort(key=lambda c: (-rank(c, lex), c.frame.trigger.i))
    kept: list[Candidate] = []
    used: set[int] = set()
    cap = int(lex.ranking["max_per_sentence"])
    extra = int(lex.ranking.get("strong_extra", 0))
    for cand in pool:
        if cand.trigger.i in used:
            continue
        if len(kept) >= cap and (len(kept) >= cap + extra or not _strong(cand) or not (cand.actors and cand.recipients)):
            continue
        used.add(cand.trigger.i)
        kept.append(cand)
    return sorted(_one_act(kept), key=lambda c: c.trigger.i)


def _one_act(kept: list[Candidate]) -> list[Candidate]:
    """ "were killed *in* a US strike": the verb and the act noun it was done in name one act (the
    guide: one event); the noun's event is kept (it names the act and, since the audit's rule,
    whom it was done to)."""
    done_in = {(c.trigger.head.head.i, c.event_type) for c in kept if c.frame.nominal and c.recipients
               and c.trigger.dep_ == "pobj" and c.trigger.head.lower_ in ("in", "by", "with")}
    return [c for c in kept if c.frame.nominal or (c.trigger.i, c.event_type) not in done_in]


def _strong(cand: Candidate) -> bool:
    """A trigger whose sense is its type ("accused", "worked *with*"): past the cap, such an event
    with an actor and a recipient still counts."""
    f = cand.frame
    return cand.trigger.lemma_.lower() in strong_triggers(cand.event_type) or not f.nominal and phrasal_sense(
        f.trigger.lemma_.lower(), f.preps, f.obj.lemma_.lower() if f.obj is not None else None) == cand.event_type
