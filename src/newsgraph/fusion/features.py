"""What fusion compares: the features of a claim or an event, its blocking keys, and the
pairwise score of two items. Pure functions over plain dicts (rows of the store)."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .lexicon import lexicon
from .text import concepts, countries_in, words

__all__ = ["Prepared", "article_context", "claim_features", "context_scorer", "context_similarity", "entity_of", "event_features", "item_keys",
           "json_list", "may_link", "prepare", "score", "scorer", "time_interval", "veto_class"]

_COUNTRY_ID = re.compile(r"^act:country-([A-Z]{3})(?:-[A-Z]+)?$")
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_MAX_KEY_TOKENS = 6
_GENERIC = "act:generic-"  # generic agents ("troops", "forces") identify nobody


def _month_end(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def time_interval(value: str | None) -> tuple[str, str] | None:
    """A TIMEX3 value (or ISO date/datetime) as an inclusive (first day, last day), or None."""
    if not value:
        return None
    try:
        if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", value):
            day = dt.date(*map(int, m.groups()))
            return day.isoformat(), day.isoformat()
        if m := re.match(r"^(\d{4})-W(\d{2})", value):
            first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first.isoformat(), (first + dt.timedelta(days=6)).isoformat()
        if m := re.match(r"^(\d{4})-(\d{2})$", value):
            year, month = int(m[1]), int(m[2])
            return dt.date(year, month, 1).isoformat(), _month_end(year, month).isoformat()
        if m := re.match(r"^(\d{4})-(SP|SU|FA|AU|WI)$", value):
            first, last = _SEASONS[m[2]]
            return dt.date(int(m[1]), first, 1).isoformat(), _month_end(int(m[1]), last).isoformat()
        if m := re.match(r"^(\d{4})$", value):
            return f"{m[1]}-01-01", f"{m[1]}-12-31"
    except ValueError:
        return None
    return None


def entity_of(actor_id: str | None, country_of: Mapping[str, str | None]) -> str | None:
    """An actor id as a comparison key: its country code where known, else the id itself."""
    if not actor_id or actor_id == "author":
        return None
    if m := _COUNTRY_ID.match(actor_id):
        return m[1]
    return country_of.get(actor_id) or actor_id


def json_list(value: Any) -> list:
    if value is None:
        return []
    return json.loads(value) if isinstance(value, str) else list(value)


def article_context(sentence_words: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """What an article is about as a whole: the words of its sentences (``text.words`` of
    each), weighted by (1 + log of the number of sentences that use them) x idf, the
    ``context_words`` heaviest kept, as a unit vector. Two articles on one story have alike
    contexts even when no two of their claims are worded alike."""
    counts: dict[str, int] = {}
    idf: dict[str, float] = {}
    for found in sentence_words:
        for w, v in found.items():
            counts[w] = counts.get(w, 0) + 1
            idf[w] = v
    weights = sorted(((w, (1.0 + math.log(n)) * idf[w]) for w, n in counts.items()), key=lambda kv: (-kv[1], kv[0]))
    top = weights[:_settings("claim")["context_words"]]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {w: round(v / norm, 4) for w, v in top}


def claim_features(claim: Mapping[str, Any], day: str | None, actors_in_span: Iterable[Mapping[str, Any]],
                   country_of: Mapping[str, str | None], event_types: Iterable[str],
                   context: Mapping[str, float] | None = None) -> dict[str, Any]:
    """Features of one claim row (table ``claims``); ``context``: its article's
    (:func:`article_context`), given to one claim of each article, which carries its story keys."""
    lex = lexicon()
    speaker = claim.get("claimant_id")
    about = [a for a in json_list(claim.get("about")) if a != speaker and not str(a).startswith(_GENERIC)]
    ents = {entity_of(a, country_of) for a in about}
    ents |= {a.get("country") or a.get("actor_id") for a in actors_in_span
             if a.get("actor_id") != speaker and not str(a.get("actor_id") or "").startswith(_GENERIC)}
    ents |= countries_in(claim["text"])
    toks = concepts(claim["text"])
    objects = sorted(t for t in toks if t in lex.objects)
    strong = len(objects) == 1 or (not objects and len(toks) >= lex.settings["claims"]["strong_tokens"])
    return {"ents": sorted(e for e in ents if e), "toks": toks, "words": dict(words(claim["text"])),
            "objects": objects, "strong": strong,
            "t": time_interval(claim.get("time")), "day": day, "etypes": sorted(set(event_types)),
            "speaker": entity_of(speaker, country_of), "article": claim.get("article_id"),
            **({"context": dict(context)} if context else {})}


def _participant_entities(value: Any, country_of: Mapping[str, str | None]) -> set[str]:
    out = set()
    for p in json_list(value):
        out.add(p.get("country") or entity_of(p.get("actor_id"), country_of) or "")
    return {e for e in out if e}


def event_features(event: Mapping[str, Any], day: str | None, country_of: Mapping[str, str | None]) -> dict[str, Any]:
    """Features of one event row (table ``events``); ``dyad`` ("UKR -> PRK") keeps events of
    different dyads in different threads."""
    actors = _participant_entities(event.get("actors"), country_of)
    recipients = _participant_entities(event.get("recipients"), country_of)
    dyad = f"{'+'.join(sorted(actors)) or '?'} -> {'+'.join(sorted(recipients)) or '?'}"
    return {"ents": sorted(actors | recipients), "toks": concepts(event["text"]), "objects": [], "strong": True,
            "t": time_interval(event.get("date")), "day": day, "etypes": [event.get("event_type") or ""],
            "dyad": dyad, "date": event.get("date")}


def item_keys(kind: str, features: Mapping[str, Any]) -> list[str]:
    """Blocking keys: only items sharing a key are compared."""
    if kind == "event":
        return sorted({f"e|{features['etypes'][0]}|{e}" for e in features["ents"]})
    ranked = sorted(features["toks"].items(), key=lambda kv: (-kv[1], kv[0]))[:_MAX_KEY_TOKENS]
    settings = _settings("claim")
    rare = sorted(w for w, _ in sorted(((w, v) for w, v in features.get("words", {}).items() if v >= settings["key_idf"]),
                                       key=lambda kv: (-kv[1], kv[0]))[:settings["key_words"]])
    pairs = {f"w|{a}|{b}" for i, a in enumerate(rare) for b in rare[i + 1:]}  # a link by meaning shares two
    return sorted({f"c|{e}|{t}" for e in features["ents"] for t, _ in ranked} | pairs | _context_keys(features))


def _context_keys(features: Mapping[str, Any]) -> set[str]:
    """An article's story keys, carried by the one claim that has its context: its
    ``context_keys`` heaviest words. Two articles sharing one are compared in context (see
    :func:`context_scorer` and ``fuse._link_in_context``)."""
    context = features.get("context") or {}
    return {f"s|{w}" for w in sorted(context, key=lambda w: (-context[w], w))[:_settings("claim")["context_keys"]]}


def _gap_days(a: tuple[str, str], b: tuple[str, str]) -> int:
    if a[1] < b[0]:
        return (dt.date.fromisoformat(b[0]) - dt.date.fromisoformat(a[1])).days
    if b[1] < a[0]:
        return (dt.date.fromisoformat(a[0]) - dt.date.fromisoformat(b[1])).days
    return 0


@lru_cache(maxsize=2)
def _settings(kind: str) -> dict[str, Any]:
    return lexicon().settings["claims" if kind == "claim" else "events"]


@dataclass(frozen=True, slots=True)
class Prepared:
    """Features in the shape the pairwise score needs (sets, sums), built once per item."""

    ents: frozenset[str]
    toks: dict[str, float]
    weight: float
    objects: frozenset[str]
    exclusive: frozenset[str]
    t: tuple[str, str] | None
    etypes: frozenset[str]
    speaker: str | None
    article: str | None
    has_predicate: bool
    words: dict[str, float]  # word -> idf
    norm: float  # the length of the idf vector
    countries: frozenset[str]
    dyad: str | None = None  # events: "UKR -> PRK"; two events of different dyads never join
    context: dict[str, float] | None = None  # one claim of each article: the article's (see article_context)
    context_words: frozenset[str] = frozenset()


def prepare(features: Mapping[str, Any]) -> Prepared:
    toks = dict(features["toks"])
    found = dict(features.get("words") or {})
    ents = frozenset(features["ents"])
    return Prepared(ents, toks, sum(toks.values()), frozenset(features["objects"]),
                    frozenset(lexicon().exclusive & toks.keys()), tuple(features["t"]) if features["t"] else None,
                    frozenset(t for t in features["etypes"] if t), features.get("speaker"), features.get("article"),
                    bool(lexicon().predicates & toks.keys()), found, math.sqrt(sum(v * v for v in found.values())),
                    frozenset(e for e in ents if len(e) == 3 and e.isupper()), features.get("dyad"),
                    features.get("context") or None, frozenset(features.get("context") or ()))


def _meaning(a: Prepared, b: Prepared, rare: float) -> tuple[float, int]:
    """Cosine of the two claims' words weighted by inverse document frequency (shared rare
    words, such as names and the thing at issue, weigh most), and how many shared words are
    rare (idf ``rare`` or more)."""
    if not a.norm or not b.norm:
        return 0.0, 0
    small, large = (a.words, b.words) if len(a.words) < len(b.words) else (b.words, a.words)
    shared, n_rare = 0.0, 0
    for w, v in small.items():
        if w in large:
            shared += v * v
            n_rare += v >= rare
    return shared / (a.norm * b.norm), n_rare


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Mean of Jaccard and the overlap coefficient: a claim naming one of two actors still
    matches, but less than one naming both."""
    shared = len(a & b)
    if not shared:
        return 0.0
    return (shared / (len(a) + len(b) - shared) + shared / min(len(a), len(b))) / 2  # |a | b| counted


def _lexical(a: Prepared, b: Prepared) -> float:
    """Shared concept weight over the geometric mean of both weights (a cosine on sets)."""
    if not a.weight or not b.weight:
        return 0.0
    common = a.toks.keys() & b.toks.keys()
    if not common:
        return 0.0
    shared = 0.0
    for t in common:  # weights are 1.0 or 2.0: their sum is exact in any order
        shared += min(a.toks[t], b.toks[t])
    return shared / math.sqrt(a.weight * b.weight)


def score(kind: str, a: Mapping[str, Any] | Prepared, b: Mapping[str, Any] | Prepared) -> float | None:
    """How surely two items state the same thing, or None when they cannot be linked."""
    a = a if isinstance(a, Prepared) else prepare(a)
    b = b if isinstance(b, Prepared) else prepare(b)
    return scorer(kind)(a, b)


@lru_cache(maxsize=2)
def scorer(kind: str) -> Callable[[Prepared, Prepared], float | None]:
    """:func:`score` for two :class:`Prepared` items of ``kind``, its settings looked up once
    (fusion scores tens of thousands of pairs). Every test only rules a pair out, so the
    cheapest go first: the result does not depend on their order."""
    settings = _settings(kind)
    gap_days = settings["time_gap_days"]
    if kind == "event":
        def event_score(a: Prepared, b: Prepared) -> float | None:
            if a.etypes != b.etypes or a.dyad != b.dyad or (a.t and b.t and _gap_days(a.t, b.t) > gap_days):
                return None
            ents = _overlap(a.ents, b.ents)
            return 0.5 + 0.5 * ents if ents >= 0.5 else None

        return event_score
    min_lexical, threshold = settings["min_lexical"], settings["threshold"]
    w_actor, w_lexical, w_event, w_speaker = (settings[k] for k in ("actor", "lexical", "event", "same_speaker"))
    min_meaning, rare, min_rare = settings["meaning"], settings["key_idf"], settings["meaning_rare_words"]
    min_words, rule_rare = settings["meaning_min_words"], settings["rule_rare_words"]
    named = frozenset(lexicon().concepts.values())  # the lexicon's concepts (PERSONNEL, AIRCRAFT, ...)

    def by_meaning(a: Prepared, b: Prepared) -> float | None:
        """The same proposition in other words: two claims of some length (a few words say
        too little to be compared) sharing most of their rare words, and no country on one side
        that the other lacks entirely."""
        if len(a.words) < min_words or len(b.words) < min_words \
                or (a.countries and b.countries and a.countries.isdisjoint(b.countries)):
            return None
        meaning, n_rare = _meaning(a, b, rare)
        return round(min(1.0, meaning), 4) if meaning >= min_meaning and n_rare >= min_rare else None

    def claim_score(a: Prepared, b: Prepared) -> float | None:
        """The score by actors and concepts, if they share a lexicon concept or a rare word (two
        claims naming one company and sharing only its name are two stories: "the Apple Watch
        battery", "the Apple Watch price"); else by meaning."""
        if a.exclusive != b.exclusive or (a.objects and b.objects and a.objects.isdisjoint(b.objects)) \
                or (a.t and b.t and _gap_days(a.t, b.t) > gap_days):  # (_vetoed, inline: the hottest loop)
            return None
        if a.has_predicate != b.has_predicate:
            return by_meaning(a, b)
        ents = _overlap(a.ents, b.ents)
        if ents == 0.0:
            return by_meaning(a, b)
        lexical = _lexical(a, b)
        if lexical < min_lexical:
            return by_meaning(a, b)
        shared_event = 1.0 if a.etypes & b.etypes else 0.0
        same_speaker = 1.0 if a.speaker and a.speaker == b.speaker and a.article == b.article else 0.0
        total = min(1.0, w_actor * ents + w_lexical * lexical + w_event * shared_event + w_speaker * same_speaker)
        if total >= threshold and (not named.isdisjoint(a.toks.keys() & b.toks.keys())
                                   or _meaning(a, b, rare)[1] >= rule_rare):
            return round(total, 4)
        return by_meaning(a, b)

    return claim_score


def _vetoed(a: Prepared, b: Prepared, gap_days: int) -> bool:
    """Two claims that cannot state one thing: an agreement on one side only, objects but none
    in common (troops, drones), or times further apart than ``gap_days``."""
    return a.exclusive != b.exclusive or bool(a.objects and b.objects and a.objects.isdisjoint(b.objects)) \
        or bool(a.t and b.t and _gap_days(a.t, b.t) > gap_days)


def veto_class(kind: str, a: Prepared) -> Hashable:
    """What of an item the vetoes of :func:`scorer` read before any score: events, their types
    and dyad; claims, their exclusive concepts and objects. Two items whose classes may not link
    (:func:`may_link`) never link, so fusion compares only items of classes that may."""
    return (a.etypes, a.dyad) if kind == "event" else (a.exclusive, a.objects)


def may_link(kind: str, mine: Hashable, theirs: Hashable) -> bool:
    """Can items of these classes (:func:`veto_class`) link? Events: one class. Claims: the
    same exclusive concepts, and objects in common unless one side names none."""
    if kind == "event":
        return mine == theirs
    (excl_a, obj_a), (excl_b, obj_b) = mine, theirs  # type: ignore[misc]
    return excl_a == excl_b and (not obj_a or not obj_b or not obj_a.isdisjoint(obj_b))


def _context_cosine(a: Prepared, b: Prepared) -> float:
    shared = a.context_words & b.context_words  # (in C: most pairs share few of their words)
    return sum(a.context[w] * b.context[w] for w in shared) if shared else 0.0


def context_similarity(a: Prepared, b: Prepared) -> float:
    """The cosine of the contexts of two claims' articles (:func:`article_context`)."""
    return _context_cosine(a, b) if a.context and b.context else 0.0


def context_scorer() -> Callable[[Prepared, Prepared], float | None]:
    """How closely two claims of two articles that tell one story (their contexts,
    :func:`article_context`, have a cosine of at least ``context``) state one thing: the
    idf-weighted cosine of their words if it is at least ``context_meaning`` and they share a
    rare word (idf ``key_idf`` or more); else None. As by meaning, both need
    ``meaning_min_words`` words and no country on one side that the other lacks entirely, and
    the vetoes of the score hold (objects, agreements, times). Fusion links only the closest
    such pair of two articles (see ``fuse._link_in_context``)."""
    settings = _settings("claim")
    min_meaning, rare = settings["context_meaning"], settings["key_idf"]
    min_words, gap_days = settings["meaning_min_words"], settings["time_gap_days"]

    def context_score(a: Prepared, b: Prepared) -> float | None:
        if len(a.words) < min_words or len(b.words) < min_words \
                or (a.countries and b.countries and a.countries.isdisjoint(b.countries)) or _vetoed(a, b, gap_days):
            return None
        meaning, n_rare = _meaning(a, b, rare)
        return round(min(1.0, meaning), 4) if meaning >= min_meaning and n_rare >= 1 else None

    return context_score
