"""From frames to typed event candidates: classify, rank, keep the best few per sentence.

A :class:`Candidate` is a frame with its PLOVER type, mode and score, and the participant
heads arranged for that type (joint acts turn co-actors into recipients). Shared by the
``events`` extractor and the PLV learner/scorer, so both see exactly the same decisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from .event_frames import Frame, frames
from .event_types import Lexicon, classify, intended_type, lexicon, mode_for, trigger_prior

__all__ = ["Candidate", "candidates", "select"]


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
    lex = lex or lexicon()
    out = []
    for frame in frames(sent):
        if frame.trigger.lemma_.lower() in lex.not_triggers and not frame.demand:
            continue
        scores = classify(frame, lex)
        if not scores:
            continue
        etype, score = max(scores.items(), key=lambda kv: (kv[1], kv[0]))
        out.append(_arrange(frame, intended_type(etype, frame, lex), score, lex))
    return out


def _arrange(frame: Frame, etype: str, score: float, lex: Lexicon) -> Candidate:
    actors, recipients = list(frame.actors), list(frame.recipients)
    if etype in lex.symmetric and frame.co_actors:
        co = {t.i for t in frame.co_actors}
        actors = [t for t in actors if t.i not in co]
        recipients = frame.co_actors + [t for t in recipients if t.i not in co]
    if etype in lex.self_acting and frame.passive and not actors and recipients:
        actors, recipients = recipients[:1], recipients[1:]  # "troops were deployed"
    cand = Candidate(frame, etype, score, mode_for(etype, frame, lex), actors, recipients)
    if cand.trigger is not frame.trigger:  # "made a *visit* to X": the visit is no recipient
        recipients = [t for t in recipients if t.i != cand.trigger.i]
    cand.recipients = _named_first(recipients) if etype in lex.transfers else recipients
    return cand


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
    return value


def select(sent: SpacySpan, lex: Lexicon | None = None) -> list[Candidate]:
    """The events of a sentence: typed candidates over the threshold, best first, capped,
    one per trigger; returned in text order."""
    lex = lex or lexicon()
    pool = [c for c in candidates(sent, lex) if c.score >= lex.ranking["threshold"]]
    pool.sort(key=lambda c: (-rank(c, lex), c.frame.trigger.i))
    kept: list[Candidate] = []
    used: set[int] = set()
    for cand in pool:
        if cand.trigger.i in used:
            continue
        used.add(cand.trigger.i)
        kept.append(cand)
        if len(kept) >= int(lex.ranking["max_per_sentence"]):
            break
    return sorted(kept, key=lambda c: c.trigger.i)
