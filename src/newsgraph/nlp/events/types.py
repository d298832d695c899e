"""PLOVER types for candidate frames: a hand lexicon plus counts learned from PLV train.

Data files (``nlp/events/data/``):

- ``triggers.yaml``: the hand lexicon (verbs, event nouns, complement-taking verbs, light
  verbs, verbs that never trigger, PLOVER modes);
- ``learned.tsv``: ``key, label, count`` rows written by
  :func:`newsgraph.evaluate.events.learn_table` from the tuning part of PLV train; a key is a
  frame feature (``v:lemma``, ``vo:verb:object``, ``vp:verb:prep``, ``vx:verb:complement``,
  ``n:noun``) and the label a PLOVER type, or ``_seen`` for how often the key occurred at all.

:func:`classify` scores every type for a frame; the best one above a threshold is the event.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from ...datafiles import data_file
from ...errors import ConfigError
from .confidence import strong_triggers
from .frames import Frame

__all__ = ["PLOVER_TYPES", "Lexicon", "classify", "evaluation", "intended_type", "lexicon", "mode_for", "phrasal_sense", "prep_sense", "trigger_prior"]

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")
SEEN = "_seen"
#: How much each learned key counts, by kind; the most specific weigh most.
WEIGHTS = {"vx": 3.0, "vo": 3.0, "vp": 1.5, "v": 2.0, "n": 1.0}
HAND_WEIGHT = 1.5
#: how much more a light verb's strong event noun counts (see :func:`_hand_votes`)
STRONG_NOUN = 2.0


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]
    nouns: dict[str, str]
    complements: dict[str, str]
    light_verbs: frozenset[str]
    not_triggers: frozenset[str]
    modes: dict[str, dict[str, str]]
    symmetric: frozenset[str]
    self_acting: frozenset[str]
    transfers: frozenset[str]
    intent: dict[str, str]
    intent_modals: frozenset[str]
    intent_verbs: frozenset[str]
    governed_by: dict[str, str]
    ranking: dict[str, float]
    learned: dict[str, dict[str, int]]
    prep_senses: dict[str, dict[str, str]] = field(default_factory=dict)
    obj_senses: dict[str, dict[str, str]] = field(default_factory=dict)
    evaluative_verbs: frozenset[str] = frozenset()
    evaluations: dict[str, str] = field(default_factory=dict)
    idioms: dict[str, frozenset[str]] = field(default_factory=dict)
    people_senses: dict[str, str] = field(default_factory=dict)
    visited_sites: frozenset[str] = frozenset()
    plural_senses: dict[str, str] = field(default_factory=dict)


def _data(name: str):
    return data_file(__package__, name)


def _invert(table: dict[str, list[str]], path: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for etype, words in table.items():
        if etype not in PLOVER_TYPES:
            raise ConfigError("E205", path=path, line=etype, reason=f"unknown PLOVER type {etype!r}")
        for word in words:
            out.setdefault(str(word), etype)
    return out


def _read_learned() -> dict[str, dict[str, int]]:
    learned: dict[str, dict[str, int]] = defaultdict(dict)
    path = _data("learned.tsv")
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            learned[row["key"]][row["label"]] = int(row["count"])
    return dict(learned)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    path = "nlp/events/data/triggers.yaml"
    data = yaml.safe_load(_data("triggers.yaml").read_text("utf-8"))
    return Lexicon(
        verbs=_invert(data["verbs"], path),
        nouns=_invert(data["nouns"], path),
        complements=_invert(data["complements"], path),
        light_verbs=frozenset(data["light_verbs"]),
        not_triggers=frozenset(data["not_triggers"]),
        modes={k: dict(v) for k, v in data["modes"].items()},
        symmetric=frozenset(data["symmetric"]),
        self_acting=frozenset(data["self_acting"]),
        transfers=frozenset(data["transfers"]),
        intent=dict(data["intent"]),
        intent_modals=frozenset(data["intent_modals"]),
        intent_verbs=frozenset(data["intent_verbs"]),
        governed_by=dict(data["governed_by"]),
        ranking={k: float(v) for k, v in data["ranking"].items()},
        learned=_read_learned(),
        prep_senses={k: dict(v) for k, v in (data.get("prep_senses") or {}).items()},
        obj_senses={k: dict(v) for k, v in (data.get("obj_senses") or {}).items()},
        evaluative_verbs=frozenset(data.get("evaluative_verbs") or ()),
        evaluations=_invert(data.get("evaluations") or {}, path),
        idioms={k: frozenset(v) for k, v in (data.get("idioms") or {}).items()},
        people_senses=dict(data.get("people_senses") or {}),
        visited_sites=frozenset(data.get("visited_sites") or ()),
        plural_senses=dict(data.get("plural_senses") or {}),
    )


def classify(frame: Frame, lex: Lexicon | None = None) -> dict[str, float]:
    """Score of each PLOVER type for ``frame`` (empty when nothing points to an event)."""
    return scores_of(frame.features(), frame.trigger.lemma_.lower(),
                     frame.obj.lemma_.lower() if frame.obj is not None else None,
                     frame.comp.lemma_.lower() if frame.comp is not None else None,
                     frame.demand, frame.nominal, lex or lexicon())


def scores_of(keys: list[str], lemma: str, obj: str | None, comp: str | None, demand: bool, nominal: bool,
              lex: Lexicon) -> dict[str, float]:
    """:func:`classify` from a frame's feature keys and lower-cased lemmas (trigger, object,
    complement), so that frames not yet made of Tokens can be typed."""
    if obj is not None and obj in lex.idioms.get(lemma, ()):
        return {}  # "struck a *nerve*", "seized the *chance*": no act of the verb's type
    scores: dict[str, float] = defaultdict(float)
    for key in keys:
        for label, value in _learned_votes(lex, key):
            scores[label] += value
    for etype, weight in _hand_votes(lemma, obj, comp, demand, nominal, lex):
        scores[etype] += weight
    sense = None if nominal else phrasal_sense(lemma, [k.split(":", 2)[2] for k in keys if k.startswith("vp:")], obj, lex)
    if sense is not None and sense not in scores:  # "*went after* X", "*worked with* X": an act the verb alone does not name
        scores[sense] += HAND_WEIGHT * 1.5
    return dict(scores)


_LEARNED_VOTES: dict[int, tuple[Lexicon, dict[str, tuple[tuple[str, float], ...]]]] = {}


def _learned_votes(lex: Lexicon, key: str) -> tuple[tuple[str, float], ...]:
    """What a learned key adds to each label: ``weight * count / (seen + 1)``, worked out once
    per key (memoised per lexicon)."""
    entry = _LEARNED_VOTES.get(id(lex))
    if entry is None or entry[0] is not lex:
        entry = _LEARNED_VOTES[id(lex)] = (lex, {})
    memo = entry[1]
    votes = memo.get(key)
    if votes is None:
        votes = memo[key] = _compute_learned_votes(lex, key)
    return votes


def _compute_learned_votes(lex: Lexicon, key: str) -> tuple[tuple[str, float], ...]:
    counts = lex.learned.get(key)
    if not counts:
        return ()
    seen = max(counts.get(SEEN, 0), sum(n for k, n in counts.items() if k != SEEN))
    weight = WEIGHTS[key.split(":", 1)[0]]
    return tuple((label, weight * n / (seen + 1.0)) for label, n in counts.items() if label != SEEN)


def _hand_votes(lemma: str, obj: str | None, comp: str | None, demand: bool, nominal: bool,
                lex: Lexicon) -> list[tuple[str, float]]:
    votes = []
    if demand and lemma in lex.not_triggers:
        votes.append(("REQUEST", HAND_WEIGHT))
    if comp is not None and lemma in lex.complements:
        votes.append((lex.complements[lemma], HAND_WEIGHT * 1.5))
    elif comp is not None and comp in lex.verbs:
        votes.append((lex.verbs[comp], HAND_WEIGHT * 0.5))
    if obj in lex.nouns and (nominal or lemma in lex.light_verbs):
        etype = lex.nouns[obj]
        # a light verb with a noun whose sense is its type ("formed an *alliance*", "signed a *pact*")
        strong = not nominal and obj in strong_triggers(etype)
        votes.append((etype, HAND_WEIGHT * (STRONG_NOUN if strong else 1.0)))
    elif not nominal and lemma in lex.verbs:
        votes.append((lex.verbs[lemma], HAND_WEIGHT))
    return votes


def prep_sense(lemma: str, preps: list[str], etype: str, lex: Lexicon | None = None, obj: str | None = None) -> str:
    """The type a governed preposition or the object fixes for the verb ("call *on*", "rule
    *against*", "appeal the *ruling*"), else ``etype``."""
    lex = lex or lexicon()
    by_obj = lex.obj_senses.get(lemma, {})
    if obj in by_obj:
        return by_obj[obj]
    if obj is not None and "*" in by_obj:  # any other object ("struck *Iraq*")
        return by_obj["*"]
    senses = lex.prep_senses.get(lemma)
    if senses:
        for prep in preps:
            if prep in senses:
                return senses[prep]
    return etype


def phrasal_sense(lemma: str, preps: list[str], obj: str | None, lex: Lexicon | None = None) -> str | None:
    """The type that an object or a preposition (or particle) the verb governs names explicitly
    ("took *aim* at", "backed *down*", "went *after*"), else None (no catch-all object)."""
    lex = lex or lexicon()
    by_obj = lex.obj_senses.get(lemma, {})
    if obj is not None and obj in by_obj:
        return by_obj[obj]
    senses = lex.prep_senses.get(lemma, {})
    return next((senses[p] for p in preps if p in senses), None)


def evaluation(lemma: str, pred: str | None, lex: Lexicon | None = None) -> str | None:
    """The type of "X *called* Y a *fraud*" (ACCUSE) or "... a *win*" (SUPPORT): an evaluative
    verb whose object predicate is a judgement noun; else None."""
    lex = lex or lexicon()
    return lex.evaluations.get(pred) if pred is not None and lemma in lex.evaluative_verbs else None


def stated_as_intent(frame: Frame, lex: Lexicon | None = None) -> bool:
    """ "will release", "plans to attack": the act is announced, not done."""
    lex = lex or lexicon()
    verb = frame.trigger
    if any(c.dep_ == "aux" and c.lower_ in lex.intent_modals for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.intent_verbs


def intended_type(etype: str, frame: Frame, lex: Lexicon | None = None) -> str:
    """The type of an act stated as intent (AGREE for cooperation, THREATEN for conflict) or
    refused (REJECT): "will release", "refused to lift"; else ``etype``."""
    lex = lex or lexicon()
    verb = frame.trigger
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.governed_by:
        return lex.governed_by[verb.head.lemma_.lower()]
    if etype in lex.intent and not frame.nominal and stated_as_intent(frame, lex):
        if etype == "SANCTION" and _announced(verb, lex):
            return etype  # "Norway will expel 12 diplomats": a decided sanction, to come (factuality future)
        return lex.intent[etype]
    return etype


#: words that make an act to come conditional: "will strike *if* attacked" threatens
CONDITIONS = {"if", "unless"}


def _announced(verb, lex: Lexicon) -> bool:
    """A sanction stated with a bare modal and no condition ("Norway *will* expel 12 diplomats",
    "said it *would* shut the embassy"): decided and announced, which the real-news guide codes
    as a sanction to come (factuality future); with "if" or "unless" in the sentence, or on an
    intent verb ("plans to expel"), it stays a threat. (An attack or an arrest said to come is
    still a threat: "will strike" is mostly one.)"""
    return any(c.dep_ == "aux" and c.lower_ in lex.intent_modals for c in verb.children) \
        and not any(t.lower_ in CONDITIONS for t in verb.sent)


def trigger_prior(frame: Frame, lex: Lexicon | None = None) -> float:
    """How often this trigger lemma was the coded event when it occurred (0..1, smoothed)."""
    lex = lex or lexicon()
    counts = lex.learned.get(f"v:{frame.trigger.lemma_.lower()}", {})
    seen = counts.get(SEEN, 0)
    coded = sum(n for k, n in counts.items() if k != SEEN)
    return (coded + 0.5) / (seen + 1.0)


def mode_for(etype: str, frame: Frame, lex: Lexicon | None = None) -> str | None:
    """The PLOVER mode the manual defines for this trigger (or its object noun), if any."""
    lex = lex or lexicon()
    table = lex.modes.get(etype, {})
    for tok in (frame.trigger, frame.obj, frame.comp):
        if tok is not None and tok.lemma_.lower() in table:
            return table[tok.lemma_.lower()]
    return None
