"""Extractor ``events``: PLOVER events, each tied to its words.

Needs (the upstream records are optional; the extractor works on the parse alone):
  ``upstream["time"]`` Timex records (with ``nlp/time/extract.py``'s ``governing_timex``),
  ``upstream["places"]`` Place records, ``upstream["claims"]`` Claim records,
  ``upstream["attribution"]`` Attribution records (the speaker of "I" and "we" in a quote), and
  ``nlp/actors/extract.py``'s ``resolve_actor(span, article, upstream)`` for participants.
Produces: Event records (span = trigger) with type, PLOVER mode, actors and recipients
  (Participant: words, plus actor id, country and sector when resolved; kept as text when
  not), factuality (asserted, alleged, denied, predicted, hypothetical, negated), date,
  place, counts (killed, wounded, arrested ...), the claim it sits in and its sentence.

How: candidate frames from the dependency parse (:mod:`.frames`), typed by a hand lexicon
plus counts learned from PLV train (:mod:`.types`), ranked and capped per sentence
(:mod:`.select`); context from :mod:`.context`. Every event carries a calibrated confidence
(:mod:`.confidence`): a trigger whose sense is the type, a political or public actor, a
recipient of the same kind; views show those at or above ``events.min_confidence``
(:func:`visible`), the store keeps all.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...records import (Actor, AnalyzedArticle, Article, Attribution, Claim, Event, Participant, Place, Record, Span,
                        make_record)
from . import context as ctx
from ..actors.extract import resolve_actor
from ..actors.table import country_by_name, country_of_demonym, country_of_region
from ..shared.common import char_span, ents_within, sent_of, tokens_of
from .confidence import confidence, participant_kind, no_act, political_article, requested_act, table
from .frames import extent_of
from .headline import sentences
from .select import Candidate, select
from .types import evaluation, lexicon, prep_sense
from .vetoes import vetoed
from ..time.extract import governing_timex

__all__ = ["NAME", "VERSION", "extract", "visible"]

NAME = "events"
VERSION = "2"
REQUIRES = ("time", "actors", "places", "attribution", "claims")  # extractors whose records it reads (it runs after them)
ENTITY_LABELS = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"}
#: sectors of armed forces (an attack on them, or a strike by them, is armed)
ARMED = {"MIL", "REB"}
#: ids the actors layer gives a state ("act:country-USA-GOV")
STATE_ID = "act:country-"
#: ids the actors layer gives a kind of actor ("police", "militants"), not one actor
GENERIC_ID = "act:generic-"
#: pronouns that stand for the speaker of the quote they are in
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}

log = logging.getLogger(__name__)


def extract(doc: Doc, article: Article, upstream: Mapping[str, tuple[Record, ...]]) -> tuple[Record, ...]:
    out: list[Record] = []
    # what the context functions would pick out of the upstream records for every event, once
    claims = [c for c in upstream.get("claims", ()) if isinstance(c, Claim)]
    places = [p for p in upstream.get("places", ()) if isinstance(p, Place)]
    political = political_article(r for r in upstream.get("actors", ()) if isinstance(r, Actor))
    for i, sent in enumerate(sentences(doc)):
        cands = select(sent)
        if not cands:
            continue
        sentence_span = _sentence_span(sent, article.text)
        seen = upstream if sent.doc is doc else _without_actors_in(upstream, sentence_span)
        for cand in cands:
            out.append(_event(cand, i, sentence_span, article, seen, claims, places, political))
    return tuple(out)


def _without_actors_in(upstream: Mapping[str, tuple[Record, ...]], span: Span) -> Mapping[str, tuple[Record, ...]]:
    """The upstream records less the actors found in ``span`` (a headline parsed again: the
    names the title-case parse ran together, "Obama Slams Putin Over", are not its actors)."""
    actors = tuple(r for r in upstream.get("actors", ()) if not (isinstance(r, Actor) and span.start <= r.start < span.end))
    return {**upstream, "actors": actors}


def visible(analyzed: AnalyzedArticle, min_confidence: float) -> AnalyzedArticle:
    """The analysis with only the events at or above ``min_confidence`` (what users see by
    default: the ``events.min_confidence`` setting); every other record as it is."""
    if min_confidence <= 0:
        return analyzed
    keep = tuple(r for r in analyzed.records if not isinstance(r, Event) or r.confidence >= min_confidence)
    return replace(analyzed, records=keep)


def _event(cand: Candidate, index: int, sentence_span: Span, article: Article, upstream,
           claims: list[Claim], places: list[Place], political: bool) -> Event:
    trig = cand.trigger
    actors = _participants(cand.actors, article, upstream)
    fact, claim_id = ctx.factuality(trig, claims, [p.actor_id for p, _, _ in actors if p.actor_id])
    timex = _timex(trig, article, upstream)
    place = ctx.nearest_place(trig, places)
    recipients = _not_the_actor(_actors_only(_participants(cand.recipients, article, upstream)), actors)
    if cand.event_type in lexicon().symmetric and len(cand.actors) == 1 and not recipients \
            and len({p.span.start for p, _, _ in actors}) > 1:  # ("both countries" stand for two in one span)
        actors, recipients = actors[:1], actors[1:]  # a misparsed pair (_misparsed_pair): the second party
    lemmas = [_lemma(trig), _lemma(cand.frame.trigger)]
    if cand.frame.obj is not None and (lemmas[1] in lexicon().light_verbs or lemmas[1] in lexicon().obj_senses):
        # the object names the act: "made a *donation*", "struck a *deal*"
        lemmas.append(cand.frame.obj.lemma_.lower())
    if cand.frame.demand and cand.event_type == "REQUEST" and _demanded_of_people(cand.frame.trigger):
        lemmas = ["demand"]  # "said that Iran *must* free them": speech that demands of a party is a demand
    words = {t.lower_ for t in sent_of(trig.doc, trig.i)}
    etype = _armed_strike(_verbal_attack(cand.event_type, lemmas[0], actors, recipients, words), lemmas[0], actors, words)
    etype = _labour_strike(etype, lemmas[0], cand.frame, actors, words)
    if etype == "REJECT":
        recipients = _rejected_parties(recipients, trig)
    recipients = _domestic_place(etype, lemmas[0], recipients, actors, trig)
    if etype == "PROTEST":
        actors = [_protester(part, trig.doc, words) for part in actors]
        recipients = [r for r in recipients if not _site(trig.doc, r)]
    kinds = [k for _, k, _ in actors]
    conf = confidence(etype, lemmas, kinds, [k for _, k, _ in recipients], words, fact, political,
                      _confirmed(cand, etype, bool({"political", "public"} & set(kinds))), requested_act(cand.frame.trigger),
                      no_act(cand.frame.trigger, cand.frame.comp) or (trig.i != cand.frame.trigger.i and no_act(trig, None))
                      or vetoed(etype, trig, cand.frame.trigger, trig.head if trig.dep_ == "xcomp" else None)
                      or ctx.asked_about(trig),
                      quoted=_quoted(trig.idx, upstream))
    return make_record(
        Event, article.id, index, trig.idx, trig.idx + len(trig.text), article.text[trig.idx:trig.idx + len(trig.text)], NAME, VERSION,
        event_type=etype, mode=cand.mode if etype == cand.event_type else None,
        actors=tuple(p for p, _, _ in actors), recipients=tuple(p for p, _, _ in recipients),
        factuality=fact, date=timex.value if timex else None, timex_id=timex.id if timex else None,
        place_id=place.id if place else None, place=place.name if place else None,
        counts=ctx.counts(trig), claim_id=claim_id,
        sentence_span=sentence_span, confidence=conf,
    )


def _lemma(tok: Token) -> str:
    """The trigger's lemma, or the sense of a plural noun ("*talks*": negotiation)."""
    lemma = tok.lemma_.lower()
    return lexicon().plural_senses.get(lemma, lemma) if tok.tag_ == "NNS" else lemma


def _demanded_of_people(verb: Token) -> bool:
    """ "said *Iran* must free them": the clause of a demand has a subject that names people, a party
    or a state (not "said *support* should show", "said ISIS must *be defeated*")."""
    return any(c.dep_ == "ccomp" and any(s.dep_ == "nsubj" and _names_people(s) for s in c.children)
               for c in verb.children)


def _confirmed(cand: Candidate, etype: str, public_actor: bool = True) -> bool:
    """Whether the context fixes the trigger's sense: its object is an event noun of the same
    type ("sent *weapons*", "imposed *sanctions*") and the verb can have that sense, a
    preposition fixes it ("called *on*"), or it governs a to-infinitive that the complement
    table types ("asked X *to* help", "agreed *to* open"). ``public_actor``: the actor is a political
    or public one (a voter's "I would not support Bernie" confirms no sense)."""
    lex, frame = lexicon(), cand.frame
    lemma = frame.trigger.lemma_.lower()
    if frame.pred is not None and evaluation(lemma, frame.pred.lemma_.lower(), lex) == etype:
        return True  # "called the plan a *fraud*"
    if frame.nominal and frame.actors and frame.trigger.dep_ == "pobj" and frame.trigger.head.lower_ == "under":
        return True  # "came *under fire* from X": an act someone is under, its doer named
    if etype == "AGREE" and lemma in table().needs_context and any(_agreement_noun(n) for n in _prep_objects(frame.trigger, ("to", "on"))):
        return True  # "agreed *to a ceasefire*", "agreed *on a deal*": the thing agreed is an agreement
    if lex.people_senses.get(lemma) == etype:  # "*backed* Clinton", not "backed the bill", nor a voter's support
        return public_actor and frame.obj is not None and frame.obj is not frame.trigger and (
            _names_people(frame.obj) or _owner_names_people(frame.obj))
    if frame.obj is not None and frame.obj is not frame.trigger and lex.nouns.get(frame.obj.lemma_.lower()) == etype:
        return lemma in lex.light_verbs or lex.verbs.get(lemma) == etype  # not "*referencing* its donations"
    if frame.obj is not None and frame.obj is not frame.trigger \
            and lex.obj_senses.get(lemma, {}).get(frame.obj.lemma_.lower()) == etype:
        return True  # "took *aim* at"
    if frame.obj is None and prep_sense(lemma, frame.preps, "", lex) == etype:  # "called *on* X", not "called the race for X"
        return True
    return frame.comp is not None and lex.complements.get(lemma) == etype and lemma not in table().weak_complements


#: nouns of an agreement besides the AGREE event nouns: a truce agreed to
AGREEMENT_NOUNS = frozenset({"ceasefire", "truce", "armistice", "plan", "terms", "framework", "settlement", "compromise"})


def _prep_objects(verb: Token, preps: tuple[str, ...]) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def _agreement_noun(noun: Token) -> bool:
    """ "a deal", "a ceasefire", "a cease-fire" (parsed as "fire" with "cease" before it)."""
    lemma = noun.lemma_.lower()
    return lexicon().nouns.get(lemma) == "AGREE" or lemma in AGREEMENT_NOUNS \
        or (lemma == "fire" and any(c.lower_ == "cease" for c in noun.children))


#: entity labels of words that name people, a party or a state
PEOPLE_LABELS = {"PERSON", "NORP", "ORG", "GPE"}
#: pronouns for people
PEOPLE_PRONOUNS = {"him", "her", "them", "us", "me", "you"}


def _owner_names_people(noun: Token) -> bool:
    """ "supported *the cabinet's* decision", "backed *Obama's* plan": a party's act or plan,
    whose owner the support goes to."""
    return any(c.dep_ == "poss" and c.pos_ != "PRON" and _names_people(c) for c in noun.children)


def _names_people(noun: Token) -> bool:
    """Whether an object noun names people, a party or a state: a name ("Clinton", "the Clinton
    campaign"), a pronoun for people, or a public-role noun ("candidates", "the senator")."""
    return noun.ent_type_ in PEOPLE_LABELS or noun.lower_ in PEOPLE_PRONOUNS \
        or noun.lemma_.lower() in table().public_nouns or noun.lower_ in table().public_nouns \
        or any(c.dep_ == "compound" and c.ent_type_ in PEOPLE_LABELS for c in noun.children)


def _domestic_place(etype: str, lemma: str, recipients: list[tuple[Participant, str, bool]],
                    actors: list[tuple[Participant, str, bool]], trig: Token) -> list[tuple[Participant, str, bool]]:
    """ "Clinton visited the memorial *in Washington*": a visit to a place of the visitor's own
    country, or to a building or site of no state, consults no one; the recipients less those."""
    if etype != "CONSULT" or lemma not in ("visit", "tour"):
        return recipients
    countries = {p.country for p, _, _ in actors if p.country}
    sent = sent_of(trig.doc, trig.i)
    places = {e.start_char for e in ents_within(trig.doc, sent.start, sent.end) if e.label_ in ("GPE", "LOC")}
    sites = lexicon().visited_sites

    def site_or_home(r: Participant) -> bool:
        found = char_span(trig.doc, r.span.start, r.span.end)
        if found is not None and found.root.lemma_.lower() in sites:
            return True  # "the National Law Enforcement Officers *Memorial*", "a *school*"
        return r.span.start in places and (r.country or country_of_region(r.name or "")) in countries  # "Washington", "Iowa" for an American

    return [r for r in recipients if not site_or_home(r[0])]


def _verbal_attack(etype: str, lemma: str, actors: list[tuple[Participant, str, bool]],
                   recipients: list[tuple[Participant, str, bool]], words: set[str]) -> str:
    """ "Trump attacked other candidates": an attack by people (politicians, officials) or
    parties with no weapon, force or casualty in the sentence is verbal (ACCUSE); a state's
    attack, or an attack on an armed force by other than a party, a legislator, media or
    civilians ("the king's attack on ISIS"), stays an attack."""
    c = table()
    if etype != "ASSAULT" or lemma not in c.verbal_attack or words & c.violence:
        return etype
    if any(p.sector in ARMED for p, _, _ in recipients) and not any(p.sector in c.civil_sectors for p, _, _ in actors):
        return etype  # a head of state's attack on rebels; not a senator's
    civil = [p for p, _, person in actors if (person and p.sector not in ("MIL", "REB", "COP"))
             or p.sector in c.civil_sectors]
    return "ACCUSE" if civil and len(civil) == len(actors) else etype


def _armed_strike(etype: str, lemma: str, actors: list[tuple[Participant, str, bool]], words: set[str]) -> str:
    """ "warplanes struck IS positions", "the US would strike": a strike by a force or a state, or
    among weapons, is an attack, not a labour strike."""
    if etype != "PROTEST" or lemma != "strike":
        return etype
    return "ASSAULT" if words & table().violence or any(p.sector in ARMED or (p.actor_id or "").startswith(STATE_ID)
                                                         or _violent_agent(p.span.text)
                                                         for p, _, _ in actors) else etype  # ("the US would *strike*")


def _labour_strike(etype: str, lemma: str, frame, actors: list[tuple[Participant, str, bool]], words: set[str]) -> str:
    """ "teachers striking in West Virginia", "the miners struck for a week": a strike with no
    object, by people who are no armed force or state, with no weapon or casualty in the sentence, is
    a labour strike (not "warplanes struck IS positions")."""
    if etype != "ASSAULT" or lemma != "strike" or (frame.obj is not None and not frame.nominal) or not actors:
        return etype
    if words & table().violence or any(p.country or p.sector in ARMED or p.actor_id or _violent_agent(p.span.text)
                                       for p, _, _ in actors):
        return etype
    return "PROTEST"


def _violent_agent(words: str) -> bool:
    """ "the *attackers*", "*bombers*", "a *gunman*": a noun for one who does violence (the agent noun of
    a verb of force, or a word of force)."""
    last = words.split()[-1].lower() if words.split() else ""
    stem = last[:-1] if last.endswith("s") else last
    verbs = lexicon().verbs
    return last in table().violence or stem in table().violence or any(
        verbs.get(base) in ("ASSAULT", "COERCE") for base in (stem[:-2], stem[:-1], stem[:-3]) if stem.endswith("er"))


#: the sector of people who protest
PROTESTERS = "CVL"


def _protester(part: tuple[Participant, str, bool], doc: Doc, words: set[str]) -> tuple[Participant, str, bool]:
    """ "*teachers* marched on the Capitol", "*educators* went on strike": those who protest are
    protesters (sector CVL), political actors in the guide's sense, whatever noun names them: a plural common noun
    the actors layer left unresolved (not one of markets or private life: "*shares* rallied", "profit
    fell because of a miners' strike": a sentence of business is no public affairs)."""
    p, kind, person = part
    if kind != "none" or words & table().private_domain:
        return part
    found = char_span(doc, p.span.start, p.span.end)
    head = found.root if found is not None else None
    if head is None or head.tag_ != "NNS" or head.lower_ in table().private_domain or head.ent_type_:
        return part
    return replace(p, sector=p.sector or PROTESTERS), "political", person  # (as the actors layer's CVL actors)


#: buildings and public places a protest goes to (besides the visited sites of triggers.yaml)
SITES = frozenset({"capitol", "hall", "square", "building", "street", "avenue", "plaza", "statehouse", "courthouse"}) \
    | frozenset(lexicon().visited_sites)


def _site(doc: Doc, part: tuple[Participant, str, bool]) -> bool:
    """A building or place marched on or rallied at ("marched on *the Capitol*"): where a protest
    goes, not whom it is aimed at (an organisation the actors layer knows no sector of, or a place)."""
    p, kind, _ = part
    found = char_span(doc, p.span.start, p.span.end)
    return kind in ("other", "none") and found is not None and not p.sector and (
        found.root.ent_type_ in ("FAC", "LOC") or found.root.lemma_.lower() in SITES)


def _actors_only(parts: list[tuple[Participant, str, bool]]) -> list[tuple[Participant, str, bool]]:
    """The recipients that are actors; the words as they are when none is (objects, documents
    and abstract nouns are no recipients: the event's confidence counts it as having none, but
    the words stay for what the sentence says, and PLV's targets are often such phrases)."""
    actors = [part for part in parts if part[1] != "none"]
    return actors or parts


#: words that name no one: a recipient that is only one of these is a parse's leftover
#: ("denied *that* ...")
_NO_REFERENT = frozenset({"that", "which", "what", "this", "these", "those", "it", "there"})
_DETERMINERS = frozenset({"the", "a", "an", "any", "both", "all"})


def _not_the_actor(recipients: list[tuple[Participant, str, bool]],
                   actors: list[tuple[Participant, str, bool]]) -> list[tuple[Participant, str, bool]]:
    """The recipients less the event's own actors (one resolved to the same actor; "Russia and
    North Korea denied North Korean involvement": North Korea is not its own recipient; a country's bare name or adjective names
    the actor again, while its activists, police or courts stay recipients) and the words that
    name no one ("denied *that* ...")."""
    countries = {p.country for p, _, _ in actors if p.country}
    ids = {p.actor_id for p, _, _ in actors if p.actor_id}

    def itself(r: Participant) -> bool:
        if r.actor_id in ids and not r.actor_id.startswith(GENERIC_ID):
            return True  # resolved to the actor itself ("condemns the use of Twitter", "Twitter said"), not
            # to a kind of actor ("the Vancouver police are working with *the municipal police*")
        words = r.span.text.split()
        bare = " ".join(words[1:] if words and words[0].lower() in _DETERMINERS else words)
        named = country_by_name(bare) or country_of_demonym(bare)
        return bool(named and named in countries)

    return [r for r in recipients if r[0].span.text.lower() not in _NO_REFERENT and not itself(r[0])]


def _rejected_parties(recipients: list[tuple[Participant, str, bool]], trig: Token) -> list[tuple[Participant, str, bool]]:
    """Who a rejection or denial is aimed at: an actor or the owner of what is rejected, never
    what is denied ("denied the accusation", "denied that *its drones* had entered": the drones
    are what the denial is about, not whom it rejects)."""
    denied = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in trig.children if c.dep_ == "ccomp"]
    return [r for r in recipients if (r[1] != "none" or _owned_by_another(trig.doc, r[0].span) or _named(trig.doc, r[0].span))
            and not any(a <= r[0].span.start < b for a, b in denied)]


def _named(doc: Doc, span: Span) -> bool:
    """A party named but not resolved: "a report from *Bloomberg*"."""
    found = char_span(doc, span.start, span.end)
    return found is not None and found.root.ent_type_ in ("ORG", "PERSON", "GPE")  # (an outlet the tagger took for a place)


def _owned_by_another(doc: Doc, span: Span) -> bool:
    """A thing that someone named owns or made: "overturned *his* decision", "rejected *Husted's*
    plan", "a report *from Bloomberg*" (the owner is whom the rejection is aimed at); not "its drones" (the actor's own)."""
    found = char_span(doc, span.start, span.end)
    return found is not None and any(c.dep_ == "poss" and (c.pos_ == "PROPN" or c.lower_ in ("his", "her"))
                                     or c.dep_ == "prep" and c.lower_ in ("from", "by") and any(g.pos_ == "PROPN" for g in c.children)
                                     for c in found.root.children)  # "rejected a report *from Bloomberg*"


def _sentence_span(sent, text: str) -> Span:
    """The sentence without surrounding whitespace (as the ``mentions`` Sentence records)."""
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


# -- participants ------------------------------------------------------------------------------

def _participants(heads: list[Token], article: Article, upstream) -> list[tuple[Participant, str, bool]]:
    """``(participant, kind, is a person)`` for each participant of the heads (kinds:
    :mod:`.confidence`)."""
    out: list[tuple[Participant, str, bool]] = []
    seen: set[tuple[int, int]] = set()
    for head in heads:
        for start, end in _participant_spans(head):
            if (start, end) in seen:
                continue
            seen.add((start, end))
            both = _anaphor_participants(head, start, end, article, upstream)
            one = _speaker_participant(head, start, end, upstream) or _participant(head, start, end, article, upstream)
            out += [(p, "political", False) for p in both] or [_appositive(head, one, article, upstream)]
    return out


def _appositive(head: Token, part: tuple[Participant, str, bool], article: Article, upstream) -> tuple[Participant, str, bool]:
    """ "its owner, *the Saudi government*": a participant that is no actor takes its apposition's
    actor (the words of both)."""
    appos = next((c for c in head.children if c.dep_ == "appos"), None)
    if part[1] != "none" or appos is None:
        return part
    start, end = extent_of(tokens_of(head.doc), appos.i)
    other = _participant(appos, start, end, article, upstream)
    if other[1] == "none":
        return part
    span = Span(part[0].span.start, end, article.text[part[0].span.start:end])
    return replace(other[0], span=span), other[1], other[2]


def _speaker_participant(head: Token, start: int, end: int, upstream) -> tuple[Participant, str, bool] | None:
    """ "I urge you", inside a quote of a resolved speaker: the speaker (the attribution layer's)."""
    if head.lower_ not in FIRST_PERSON or head.idx != start or head.text == "US" or head.pos_ == "PROPN":
        return None  # "US" is the United States, not "us"
    quote = _quote_of(head.idx, upstream.get("attribution", ()))
    if quote is None or not quote.speaker_id:
        return None
    actor = next((a for a in upstream.get("actors", ()) if isinstance(a, Actor) and a.actor_id == quote.speaker_id), None)
    if actor is None:
        return None
    kind, sector = participant_kind(replace(actor, how="pronoun"), head)
    span = Span(start, end, head.text)
    return (Participant(span=span, actor_id=actor.actor_id, name=actor.name or None, country=actor.country,
                        sector=actor.sector or sector), kind, actor.actor_type == "person")


def _quoted(at: int, upstream) -> bool:
    """Whether character ``at`` is inside a direct quotation (the attribution layer's)."""
    quote = _quote_of(at, upstream.get("attribution", ()))
    return quote is not None and quote.quoted


def _quote_of(at: int, attributions) -> Attribution | None:
    """The innermost attribution whose content (or one of its pieces) holds character ``at``."""
    holding = [a for a in attributions if isinstance(a, Attribution) and a.content is not None
               and any(s.start <= at < s.end for s in (a.content_fragments or (a.content,)))]
    return min(holding, key=lambda a: a.content.end - a.content.start, default=None)


def _anaphor_participants(head: Token, start: int, end: int, article: Article, upstream) -> list[Participant]:
    """ "both sides", "the two leaders": one participant (same words) per antecedent actor."""
    kind = _anaphor_kinds().get(article.text[start:end].lower())
    if kind is None:
        return []
    c = ctx.cues()
    labels = {"PERSON"} if kind == "person" else {"GPE", "NORP", "ORG"}
    span = Span(start, end, article.text[start:end])
    actors: dict[str, Actor] = {}
    for ent in _antecedents(head, labels, int(c["anaphor_window"])):
        actor = _resolve(head.doc, ent.start_char, ent.end_char, article, upstream)
        if actor is not None and actor.actor_id not in actors:
            actors[actor.actor_id] = actor
        if len(actors) == 2:
            return [Participant(span=span, actor_id=a.actor_id or None, name=a.name or None,
                                country=a.country, sector=a.sector) for a in actors.values()]
    return []


@lru_cache(maxsize=1)
def _anaphor_kinds() -> dict[str, str]:
    """Plural anaphor words -> their kind (the first kind listing them), from the cue table."""
    kinds: dict[str, str] = {}
    for kind, forms in ctx.cues()["plural_anaphors"].items():
        for form in forms:
            kinds.setdefault(form, kind)
    return kinds


def _antecedents(head: Token, labels: set[str], window: int):
    """Entities of ``labels`` before ``head``, nearest first, within ``window`` sentences."""
    doc = head.doc
    sent = sent_of(doc, head.i)
    spans = [sent]
    while len(spans) <= window and sent.start > 0:
        sent = sent_of(doc, sent.start - 1)
        spans.append(sent)
    for part in spans:
        ents = ents_within(doc, part.start, part.end)
        yield from reversed([e for e in ents if e.label_ in labels and e.end <= head.i])


def _participant_spans(head: Token) -> list[tuple[int, int]]:
    """The NP of the head; for an act noun modified by entities ("Russian-North Korean
    collaboration"), those entities instead."""
    p = tokens_of(head.doc)
    start, end = extent_of(p, head.i)
    lemma = p.lemma[head.i]
    if p.ent[head.i] or p.pos[head.i] != "NOUN" or not (lemma in ctx.cues()["act_nouns"] or lemma in lexicon().nouns):
        return _misparsed_pair(head, start, end) or [(start, end)]
    sent = sent_of(head.doc, head.i)
    ents = [e for e in ents_within(head.doc, sent.start, sent.end)
            if e.label_ in ENTITY_LABELS and start <= e.start_char and e.end_char <= head.idx]
    return [part for e in ents for part in _split_hyphenated(e)] or [(start, end)]


def _misparsed_pair(head: Token, start: int, end: int) -> list[tuple[int, int]]:
    """ "Donald Trump and House Speaker Paul Ryan" parsed as one noun phrase (the first name a
    modifier of the second's title): two people joined by "and" are two participants."""
    span = head.doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(c.dep_ == "conj" for c in head.children):
        return []  # a well-parsed pair: its conjuncts are participants of their own
    people = [e for e in span.ents if e.label_ == "PERSON"]
    if len(people) != 2 or not any(t.lower_ == "and" for t in head.doc[people[0].end:people[1].start]):
        return []
    return [(e.start_char, e.end_char) for e in people]


def _split_hyphenated(ent) -> list[tuple[int, int]]:
    """ "Russian-North Korean" names two parties: split at a hyphen between capitals."""
    text, base = ent.text, ent.start_char
    out, left = [], 0
    for i, ch in enumerate(text):
        if ch == "-" and 0 < i < len(text) - 1 and text[i + 1].isupper() and text[left].isupper():
            out.append((base + left, base + i))
            left = i + 1
    out.append((base + left, base + len(text)))
    return out


def _participant(head: Token, start: int, end: int, article: Article, upstream) -> tuple[Participant, str, bool]:
    span = Span(start, end, article.text[start:end])
    actor = _resolve(head.doc, start, end, article, upstream)
    root = _span_head(head, start, end)
    kind, sector = participant_kind(actor, root)
    if actor is None or actor.how == "unresolved":
        return Participant(span=span, sector=sector), kind, root.ent_type_ == "PERSON"
    return (Participant(span=span, actor_id=actor.actor_id or None, name=actor.name or None,
                        country=actor.country, sector=actor.sector or sector), kind, actor.actor_type == "person")


def _span_head(head: Token, start: int, end: int) -> Token:
    """The head token of the characters ``start..end`` (an entity split out of an act noun's
    modifiers is not headed by the act noun)."""
    if start <= head.idx < end:
        return head
    span = head.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else head


def _resolve(doc: Doc, start: int, end: int, article: Article, upstream) -> Actor | None:
    spacy_span = doc.char_span(start, end, alignment_mode="expand")
    if spacy_span is None:
        return None
    for candidate in (_role_of(spacy_span), spacy_span, _head_entity(spacy_span)):
        if candidate is None:
            continue
        try:
            actor = resolve_actor(candidate, article, upstream)
        except Exception:  # another layer's bug must not lose the events: keep the words
            log.warning("resolve_actor failed on %r", candidate.text, exc_info=True)
            return None
        if isinstance(actor, Actor):
            return actor
    return None


#: nouns of a role in a body: "the *leader of* FARC" acts for FARC
ROLE_NOUNS = frozenset({"leader", "head", "chief", "founder", "commander", "spokesman", "spokeswoman", "spokesperson",
                        "chairman", "chairwoman", "director", "secretary", "members", "member"})


def _role_of(span):
    """ "the *leader of* the Colombian rebel group FARC": the body a role noun
    heading the phrase names with "of" (its last name: the group, not its country), else None."""
    head = span.root
    if head.lemma_.lower() not in ROLE_NOUNS or head.ent_type_:
        return None
    pobj = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
    if pobj is None:
        return None
    first = pobj
    while first.i > 0 and first.doc[first.i - 1].dep_ == "compound" and first.doc[first.i - 1].head.i == pobj.i \
            and first.doc[first.i - 1].pos_ == "PROPN":
        first = first.doc[first.i - 1]
    return span.doc[first.i:pobj.i + 1]


def _head_entity(span):
    """The named entity holding the phrase's head ("*Volodymyr Zelensky*" of a longer NP)."""
    head = span.root
    if not head.ent_type:  # in no entity (a cheap check)
        return None
    sent = sent_of(head.doc, head.i)
    ent = next((e for e in ents_within(head.doc, sent.start, sent.end) if e.start <= head.i < e.end), None)
    return ent if ent is not None and (ent.start, ent.end) != (span.start, span.end) else None


# -- time --------------------------------------------------------------------------------------

def _timex(trig: Token, article: Article, upstream):
    """The time layer's governing timex for the trigger, else the nearest in its clause."""
    timexes = upstream.get("time", ())
    found = None
    try:
        found = governing_timex(trig.doc[trig.i:trig.i + 1], timexes)
    except Exception:  # another layer's bug must not lose the event: fall back
        log.warning("time.governing_timex failed on %r", trig.text, exc_info=True)
    return found if found is not None else ctx.nearest_timex(trig, timexes)
