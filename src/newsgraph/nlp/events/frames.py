"""Candidate event frames from the dependency parse: a trigger, who acts, on whom.

A :class:`Frame` is the syntax of one possible event, before it has a type: the trigger
token, the participant heads (actors, recipients) and the lexical features the type
classifier reads (trigger lemma, object lemma, prepositions, complement verb). Nothing here
knows PLOVER; :mod:`event_types` turns frames into typed candidates.

Used by the ``events`` extractor and by the learner in :mod:`newsgraph.evaluate.events`.

Speed: the frames are worked out on the doc's :class:`~newsgraph.nlp.shared.common.Tokens` (its
parse as plain lists of strings and token indices, built once per doc), and become spaCy
Tokens only at the end (:func:`frame_of`); reading ``tok.dep_`` or walking ``tok.children``
makes a Token object per step, which cost more than the logic itself. A frame is built in
two steps: its typing keys (:func:`draft_keys`: object, complement, prepositions, demand),
then its participants (:func:`add_participants`), so that a caller can skip the second step
for frames the classifier rejects.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, HEAD, LOWER, POS
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..shared.common import Tokens, tokens_of

__all__ = ["Frame", "feature_keys", "frames", "participant_extent"]

SUBJ = {"nsubj", "csubj"}
#: Dependents that make a verb passive ("*were* killed", "they *were* attacked")
PASSIVE_DEPS = {"nsubjpass", "auxpass"}
#: Tags of a participle that modifies a noun ("an expert *kidnapped* by"; the tagger may say VBD)
PARTICIPLE_TAGS = {"VBN", "VBD"}
#: Prepositions whose object is a plausible recipient of an event.
RECIPIENT_PREPS = {"to", "with", "on", "against", "into", "from", "in", "for", "at", "over",
                   "toward", "towards", "between", "upon", "onto", "across", "inside", "of"}
#: Prepositions that name whom an act is aimed at only in a phrasal verb's sense ("went *after*
#: Trump", not "went home after the vote"): read only when their object names someone.
ACT_PREPS = {"after"}
#: Prepositions of a gerund adjunct whose act is the clause subject's ("stunned them *by*
#: withholding ...", "*after* meeting X"); not "stopped *at* providing arms"
MANNER_PREPS = {"by", "after", "before", "while", "without", "through", "upon"}
#: Verbs whose subject is the recipient of the act noun they take as object ("Ryan *drew* Trump's
#: scorn", "the plan *faced* criticism from Democrats", "*received* the backing of the union").
RECEIVING_VERBS = {"draw", "attract", "earn", "face", "receive", "incur", "garner", "win", "get"}
#: The acts a subject receives so (not "faced a Republican *threat*": a rival)
RECEIVED_ACTS = {"criticism", "condemnation", "rebuke", "scorn", "ire", "censure", "accusation", "complaint",
                 "endorsement", "backing", "support", "praise", "sanction", "lawsuit", "investigation", "probe"}
#: Verbs whose subject is *under* an act ("Kelly *came under* fire from Trump", "is under investigation
#: by the FBI"), and the acts one is under so (not "under the deal", "under pressure").
UNDER_VERBS = {"come", "be", "remain", "fall", "stay"}
UNDER_ACTS = {"fire", "attack", "criticism", "scrutiny", "investigation", "probe", "assault", "siege", "sanction",
              "sanctions", "indictment", "arrest", "threat"}
#: Dependents that leave a participant's noun phrase (its clauses, appositions, punctuation).
CUT_DEPS = {"relcl", "acl", "advcl", "punct", "cc", "prep", "appos", "parataxis", "ccomp"}
PRONOUN_TAGS = {"PRP", "PRP$"}
#: Possessive pronouns that may stand for the actor of an act noun ("*his* attacks on X")
POSSESSIVE_PRONOUNS = {"his", "her", "their", "its", "our", "my"}
RELATIVE_TAGS = {"WDT", "WP"}
NOMINAL_ACTOR_ENTS = {"GPE", "NORP", "ORG", "PERSON"}
DEMAND_MODALS = {"must", "should"}
#: Entity types that are never participants ("on October 3rd", "in June").
NOT_PARTICIPANT = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
#: Prepositions of setting: after a passive ("were killed *in* Donetsk") their objects are
#: recipients only when nothing else is; elsewhere ("aid *in* Yemen") they are recipients.
SETTING_PREPS = {"in", "at", "inside"}
#: Clause markers after which a subject can stand in for a passive's missing agent.
AGENT_MARKS = {"when", "as", "after"}
#: Prepositions that stay inside a participant's noun phrase: "a spokesman *for* the president".
NP_PREPS = {"of", "for", "from", "in"}
MAX_RECIPIENTS = 30
#: Predicate adjectives that take a stance towards someone: "critical *of*", "opposed *to*"
#: (with the preposition that gives them that sense: "critical *to* success" takes none)
EVALUATIVE_ADJECTIVES = {"critical": ("of",), "supportive": ("of",), "opposed": ("to",), "hostile": ("to", "toward", "towards"),
                         "dismissive": ("of",)}
#: Act nouns whose possessor undergoes the act: "*Navalny's* arrest", "Sinn Fein's expulsion"
PATIENT_NOUNS = {"arrest", "detention", "expulsion", "deportation", "release", "capture", "kidnapping", "abduction",
                 "assassination", "killing", "murder", "execution", "imprisonment", "dismissal", "ouster", "removal",
                 "extradition", "impeachment", "indictment", "conviction", "prosecution", "trial", "firing", "sentencing",
                 "torture", "jailing", "suspension", "eviction", "exile", "rescue"}
#: Dashes that end a dateline ("WASHINGTON (AP) — ...")
DATELINE_DASHES = {"—", "--", "–", "_", "-"}
#: Act nouns of one party, whose "of" names who acts: "the *resignation of* the chancellor"
OF_AGENT_NOUNS = {"resignation", "visit", "surrender", "apology", "abdication", "defection"}
#: Act nouns whose "from" is where the act leaves, not who acts: "withdrawal *from* Kabul"
AWAY_NOUNS = {"withdrawal", "retreat", "pullout", "return", "release", "expulsion", "exit", "departure",
              "defection", "deportation", "resignation", "evacuation", "escape", "extradition", "flight",
              "repatriation", "removal", "ouster", "dismissal"}
#: Parts of speech a conjunct must have to join a participant ("X *and Y*").
CONJUNCT_POS = {"NOUN", "PROPN", "PRON", "NUM"}
OBJECT_DEPS = {"dobj", "dative", "oprd"}
VERBAL_POS = {"VERB", "AUX"}
#: Verbs whose object (or "on" object) does what their to-infinitive says: "called on Dean *to
#: apologize*" (Dean apologizes), "urged Republicans *to join*".
OBJECT_CONTROL = {"urge", "ask", "call", "tell", "order", "force", "invite", "persuade", "press", "push",
                  "encourage", "allow", "permit", "require", "compel", "direct", "instruct", "advise", "help",
                  "implore", "beg", "pressure", "convince"}


@dataclass
class Frame:
    """One candidate event in the syntax."""

    trigger: Token
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    obj: Token | None = None  # the direct object (or nominal trigger's head noun)
    preps: list[str] = field(default_factory=list)
    comp: Token | None = None  # an open complement verb: "agreed to *open*"
    co_actors: list[Token] = field(default_factory=list)  # "Japan and *the US* signed"
    settings: list[Token] = field(default_factory=list)  # "in *Yemen*": recipients of last resort
    passive: bool = False
    nominal: bool = False
    demand: bool = False  # "said that Iran *must* free them": speech that demands
    pred: Token | None = None  # an object predicate: "called the plan a *fraud*"

    def features(self) -> list[str]:
        """Lexical keys for the type classifier, most specific first."""
        return feature_keys(self.trigger.lemma_.lower(),
                            self.comp.lemma_.lower() if self.comp is not None else None,
                            self.obj.lemma_.lower() if self.obj is not None else None,
                            self.preps, self.demand)


def feature_keys(lemma: str, comp: str | None, obj: str | None, preps: list[str], demand: bool) -> list[str]:
    """:meth:`Frame.features` from the lower-cased lemmas of trigger, complement and object."""
    keys = []
    if comp is not None:
        keys.append(f"vx:{lemma}:{comp}")
    if demand:
        keys.append(f"vx:{lemma}:must")
    if obj is not None:
        keys.append(f"vo:{lemma}:{obj}")
    keys += [f"vp:{lemma}:{p}" for p in preps]
    keys.append(f"v:{lemma}")
    if comp is not None:
        keys.append(f"v:{comp}")
    if obj is not None:
        keys.append(f"n:{obj}")
    return keys


# -- the parse as lists: common.Tokens, and where frames may open -------------------------------

_OPENERS_KEY = "newsgraph_event_openers"


def _openers_of(doc: Doc, p: Tokens) -> list[int]:
    """The doc's :func:`_openers`, worked out once per doc (and table)."""
    found = doc.user_data.get(_OPENERS_KEY)
    if found is None or found[0] is not p:
        found = doc.user_data[_OPENERS_KEY] = (p, _openers(p, doc.vocab.strings))
    return found[1]


def _openers(p: Tokens, strings) -> list[int]:
    """Indices of the tokens that may open a frame (see :func:`draft_keys`), found on the
    arrays: verbs not in an ``amod`` or ``compound``; non-object nouns with a ``poss``,
    ``compound`` or ``amod`` dependent or a "by" or "from" phrase, "of" after an act noun of
    one party, or objects of a preposition (which :func:`_nominal_actor`
    then checks; an object noun only with a possessor, :func:`_possessed`)."""
    pos, dep, heads = p.column(POS), p.column(DEP), p.column(HEAD)
    verbs = (pos == strings["VERB"]) & (dep != strings["amod"]) & (dep != strings["compound"])
    modifier = (dep == strings["poss"]) | (dep == strings["compound"]) | (dep == strings["amod"])
    modifier |= (dep == strings["prep"]) & ((p.column(LOWER) == strings["by"]) | (p.column(LOWER) == strings["from"])
                                          | (p.column(LOWER) == strings["between"]))
    modified = numpy.zeros(len(pos), dtype=bool)
    modified[heads[modifier]] = True
    of_agent = (dep == strings["prep"]) & (p.column(LOWER) == strings["of"])
    modified[heads[of_agent]] = True  # "the resignation *of* the chancellor", "criticism *of* X *by* Y"
    modified |= dep == strings["pobj"]  # "are *on* strike" (:func:`_copula_subject`)
    nouns = (pos == strings["NOUN"]) & modified
    adjectives = (pos == strings["ADJ"]) & (dep == strings["acomp"])
    return numpy.flatnonzero(verbs | nouns | adjectives).tolist()


def conjuncts(p: Tokens, t: int) -> list[int]:
    """``Token.conjuncts`` as indices: the coordination ``t`` is in, without ``t``."""
    start = t
    while start != p.head[start] and p.dep[start] == "conj":
        start = p.head[start]
    queue = [start]
    for word in queue:
        queue += [c for c in p.children(word) if c > word and p.dep[c] == "conj"]
    return [w for w in queue if w != t]


def subtree(p: Tokens, t: int) -> list[int]:
    """``Token.subtree`` as indices, in spaCy's order (left subtrees, the token, right ones)."""
    out: list[int] = []
    stack: list[tuple[int, bool]] = [(t, False)]
    while stack:
        tok, expanded = stack.pop()
        if expanded:
            out.append(tok)
            continue
        kids = p.children(tok)
        for c in reversed(kids):
            if c > tok:
                stack.append((c, False))
        stack.append((tok, True))
        for c in reversed(kids):
            if c < tok:
                stack.append((c, False))
    return out


def _first_of_subtree(p: Tokens, t: int) -> int:
    """``list(tok.subtree)[0].i``: down the first left child while there is one."""
    kids = p.children(t)
    while kids and kids[0] < t:
        t = kids[0]
        kids = p.children(t)
    return t


def _last_of_subtree(p: Tokens, t: int) -> int:
    """``list(tok.subtree)[-1].i``: down the last right child while there is one."""
    kids = p.children(t)
    while kids and kids[-1] > t:
        t = kids[-1]
        kids = p.children(t)
    return t


# -- frames in token indices ---------------------------------------------------------------------

class Draft:
    """A :class:`Frame` in token indices, before its tokens are made (same fields)."""

    __slots__ = ("trigger", "actors", "recipients", "obj", "preps", "comp", "co_actors", "settings",
                 "passive", "nominal", "demand", "pred")

    def __init__(self, trigger: int, nominal: bool = False):
        self.trigger = trigger
        self.actors: list[int] = []
        self.recipients: list[int] = []
        self.obj: int | None = trigger if nominal else None
        self.preps: list[str] = []
        self.comp: int | None = None
        self.co_actors: list[int] = []
        self.settings: list[int] = []
        self.passive = False
        self.nominal = nominal
        self.demand = False
        self.pred: int | None = None


def frames(sent: SpacySpan) -> list[Frame]:
    """Every verbal frame of a sentence (plus nominal ones: "Putin's visit to Pyongyang")."""
    doc = sent.doc
    p = tokens_of(doc)
    out = []
    for draft in draft_keys(doc, sent.start, sent.end):
        add_participants(p, draft)
        out.append(frame_of(doc, draft))
    return out


def draft_keys(doc: Doc, start: int, end: int) -> list[Draft]:
    """The frames of tokens ``start..end`` with only what the type classifier reads filled in
    (object, complement, prepositions, demand; and passive): a verb not in an ``amod`` or
    ``compound``, or a non-object noun with a possessor or entity modifier."""
    out = []
    p = tokens_of(doc)
    pos, dep = p.pos, p.dep
    openers = _openers_of(doc, p)
    for i in openers[bisect_left(openers, start):bisect_left(openers, end)]:
        if pos[i] == "VERB":
            if dep[i] != "amod" and dep[i] != "compound":
                out.append(_verb_keys(p, i))
        elif pos[i] == "ADJ":
            if any(dep[c] == "prep" and p.lower[c] in EVALUATIVE_ADJECTIVES.get(p.lower[i], ()) for c in p.children(i)):
                out.append(_verb_keys(p, i))  # "X has been *critical of* Y": a stance taken in public
            elif _held_responsible(p, i) is not None:
                out.append(_verb_keys(p, i))  # "Canada said *Iran was responsible for* the missile attack"
        elif pos[i] == "NOUN" and (dep[i] != "dobj" or _possessed(p, i) or _received(p, i)) and _nominal_actor(p, i) is not None:
            draft = Draft(i, nominal=True)
            for child in p.children(i):
                if dep[child] == "prep":
                    _prep_keys(p, draft, child)
            out.append(draft)
    return out


def frame_of(doc: Doc, d: Draft) -> Frame:
    """The :class:`Frame` of a draft, with spaCy Tokens."""
    trigger = doc[d.trigger]
    return Frame(trigger=trigger,
                 actors=[doc[i] for i in d.actors], recipients=[doc[i] for i in d.recipients],
                 obj=None if d.obj is None else trigger if d.obj == d.trigger else doc[d.obj],
                 preps=d.preps, comp=None if d.comp is None else doc[d.comp],
                 co_actors=[doc[i] for i in d.co_actors], settings=[doc[i] for i in d.settings],
                 passive=d.passive, nominal=d.nominal, demand=d.demand,
                 pred=None if d.pred is None else doc[d.pred])


def _verb_keys(p: Tokens, verb: int) -> Draft:
    d = Draft(verb)
    kids, dep = p.children(verb), p.dep
    d.passive = any(dep[c] in PASSIVE_DEPS for c in kids) or _reduced_passive(p, verb)
    for child in kids:
        _object_keys(p, d, child)
    if dep[verb] == "relcl" and (d.obj is None or p.tag[d.obj] in RELATIVE_TAGS) \
            and any(dep[c] in SUBJ and p.tag[c] not in RELATIVE_TAGS for c in kids):
        d.obj = p.head[verb]  # "the deal *she struck*": the noun the clause hangs on is the object
    d.comp = next((c for c in kids if dep[c] == "xcomp" and p.pos[c] in VERBAL_POS), None)
    if d.comp is not None:
        for child in p.children(d.comp):
            _object_keys(p, d, child)
    lower = p.lower
    d.demand = any(dep[c] == "ccomp" and any(dep[a] == "aux" and lower[a] in DEMAND_MODALS for a in p.children(c))
                   for c in kids)
    return d


def _object_keys(p: Tokens, d: Draft, child: int) -> None:
    """The object and prepositions a dependent of the verb (or its complement) adds."""
    dep = p.dep[child]
    if dep in OBJECT_DEPS and p.pos[child] != "VERB":
        if dep == "dobj" and d.obj is None:
            d.obj = child
        if dep == "oprd" and d.pred is None:
            d.pred = child
        if dep == "dative" and p.pos[child] == "ADP":
            _prep_keys(p, d, child)
            return
        for grand in p.children(child):
            if p.dep[grand] == "prep":
                _prep_keys(p, d, grand)
    elif dep == "prep":
        _prep_keys(p, d, child)
    elif dep == "prt":
        d.preps.append(p.lower[child])  # "backed *down*", "lashed *out*": a phrasal verb's sense


def _prep_keys(p: Tokens, d: Draft, prep: int) -> None:
    word = p.lower[prep]
    if word in RECIPIENT_PREPS or word in ACT_PREPS:
        d.preps += [word for pobj in p.children(prep) if p.dep[pobj] == "pobj" and _aimed_at(p, word, pobj)
                    and p.ent[pobj] not in NOT_PARTICIPANT]  # not "called X *on Saturday*"


def _aimed_at(p: Tokens, word: str, pobj: int) -> bool:
    """Whether the object of ``word`` may be whom the act is aimed at (see :data:`ACT_PREPS`)."""
    return word not in ACT_PREPS or p.ent[pobj] in NOMINAL_ACTOR_ENTS or p.lower[pobj] in ("him", "her", "them") \
        or any(p.dep[c] == "poss" for c in p.children(pobj))  # "went after *his* rival"


def add_participants(p: Tokens, d: Draft) -> None:
    """Fill in the actors and recipients of a draft from :func:`draft_keys`."""
    if d.nominal:
        d.actors = _with_conjuncts(p, _nominal_actor(p, d.trigger))
        agent = _by_agent(p, d.trigger)
        owners = [c for c in p.children(d.trigger) if p.dep[c] == "poss"]
        if p.lemma[d.trigger] in PATIENT_NOUNS and owners and _by_agent(p, d.trigger, "of") is None:
            # "Sinn Fein's *expulsion*": Sinn Fein is expelled (but "Russia's arrest *of* X": Russia arrests)
            d.actors = [] if agent is None else _with_conjuncts(p, agent)
            d.recipients += owners
        elif agent is not None and d.actors[:1] == [agent]:  # "his capture by X": he is captured
            d.recipients += owners
        for child in p.children(d.trigger):
            if p.dep[child] == "prep":
                _prep_participants(p, d, child)
        receiver = _receiver_verb(p, d.trigger)
        if receiver is not None:  # "the plan *faced* criticism from X", "X *came under* fire": X is criticised
            d.recipients = [r for r in _actors(p, receiver) + d.recipients if r not in d.actors]
        if not d.recipients:
            d.recipients = _defender(p, d.trigger) or _patient_of_passive(p, d.trigger)
        elif not set(d.recipients) - set(d.actors):  # "attacks *from* X": X is no recipient
            d.recipients = _defender(p, d.trigger) or d.recipients
        _finish(p, d)
        _split_conjoined_actors(d)  # "talks between *Israel and Hamas*": Hamas is the other party
        return
    verb, dep = d.trigger, p.dep
    held = _held_responsible(p, verb) if p.pos[verb] == "ADJ" else None
    if held is not None:  # the speaker accuses the one said to be responsible
        speaker, accused = held
        d.actors, d.recipients = _with_conjuncts(p, speaker), _with_conjuncts(p, accused)
        _finish(p, d)
        return
    d.actors = _actors(p, verb)
    if len(d.actors) == 1 and _force_noun(p, d.actors[0]):
        d.actors = _act_agent(p, d.actors[0]) or d.actors  # "attacks that *killed*": who attacked (if named)
    for child in p.children(verb):
        _object_participants(p, d, child)
    if d.comp is not None:
        for child in p.children(d.comp):
            _object_participants(p, d, child)
    for child in p.children(verb):
        if dep[child] == "ccomp" or dep[child] == "xcomp":
            d.recipients += [c for c in p.children(child)
                             if (dep[c] == "nsubj" or dep[c] == "nsubjpass") and p.tag[c] not in PRONOUN_TAGS]
    if d.passive and dep[verb] == "conj" and not any(dep[c] == "nsubjpass" for c in p.children(verb)):
        d.recipients += _conjoined_subject(p, verb)  # "Brown walked away and *was shot*": Brown
    if _reduced_passive(p, verb):  # "the academy, *funded* by Riyadh": the academy is funded
        d.recipients = _with_conjuncts(p, _participle_noun(p, verb)) + d.recipients
    if d.passive and not d.actors:
        d.actors = _shared_agent(p, verb) or _agent_from_clause(p, verb) or _agent_of_the_act(p, verb)
    _split_conjoined_actors(d)
    _finish(p, d)


#: nouns of a run of acts: "a *wave* of attacks", "a *series* of bombings"
RUN_NOUNS = {"wave", "series", "string", "spate", "campaign", "round", "number", "flurry", "barrage", "volley"}


def _force_noun(p: Tokens, noun: int) -> bool:
    """An act noun of force ("attacks", "a bombing", "the strike") as a participant."""
    from .types import lexicon  # (types reads frames)

    return p.pos[noun] == "NOUN" and lexicon().nouns.get(p.lemma[noun]) == "ASSAULT"


def _act_agent(p: Tokens, noun: int) -> list[int]:
    """Who did the act of force ``noun`` that is the subject of a verb of force: "*a Taliban*
    bombing killed", "the attack *by rebels* wounded", "*militants* launched (a wave of) attacks that
    killed"; none when the text names none."""
    agent = _nominal_actor(p, noun)
    if agent is not None and agent != noun:
        return _with_conjuncts(p, agent)
    head = noun
    if p.dep[head] == "pobj" and p.lower[p.head[head]] == "of" and p.lemma[p.head[p.head[head]]] in RUN_NOUNS:
        head = p.head[p.head[head]]
    if p.dep[head] == "dobj" and p.pos[p.head[head]] == "VERB":
        return [a for a in _actors(p, p.head[head]) if not _force_noun(p, a)]
    return []


#: nouns of what someone said or did, whose owner an act on them is aimed at ("condemned *her*
#: remarks", "praised *their* decision"), a pronoun too
SAID_OR_DONE = {"remark", "comment", "statement", "decision", "refusal", "action", "conduct", "behavior",
                "behaviour", "handling", "response", "words", "tweet", "speech", "policy", "proposal", "plan",
                "record", "leadership", "stance", "position", "rhetoric", "claim", "accusation", "attack", "use",
                "role", "tie", "ties", "involvement", "dealing", "dealings", "actions"}


#: adjectives that put an act on someone: "said Iran was *responsible for* the missile attack"
RESPONSIBLE = {"responsible", "culpable", "liable"}
#: what one is said to be responsible for, besides the event nouns of force: wrongs and their toll
WRONGS = {"attack", "attacks", "death", "deaths", "killing", "killings", "poisoning", "bombing", "bombings",
          "massacre", "crime", "crimes", "abuse", "abuses", "violence", "atrocity", "atrocities", "hack", "hacking",
          "breach", "leak", "shooting", "assassination", "kidnapping", "downing", "sinking", "explosion", "blast"}


def _held_responsible(p: Tokens, adj: int) -> tuple[int, int] | None:
    """``(speaker, accused)`` of "*Canada* said *Iran* was responsible for the missile attack": an
    adjective of :data:`RESPONSIBLE` with "for" a wrong (:data:`WRONGS`), in a clause a verb
    reports; else None. (The subject is the one accused, the reporter the accuser.)"""
    if p.lower[adj] not in RESPONSIBLE or p.dep[adj] != "acomp":
        return None
    if not any(p.dep[c] == "prep" and p.lower[c] == "for" and any(p.dep[g] == "pobj" and p.lemma[g] in WRONGS | {w.rstrip("s") for w in WRONGS}
                                                                 for g in p.children(c)) for c in p.children(adj)):
        return None
    copula = p.head[adj]
    accused = next((c for c in p.children(copula) if p.dep[c] == "nsubj" and p.tag[c] not in PRONOUN_TAGS), None)
    if accused is None or p.dep[copula] != "ccomp" or p.pos[p.head[copula]] != "VERB":
        return None
    speakers, verb = [], copula
    while p.dep[verb] == "ccomp" and p.pos[p.head[verb]] == "VERB" and len(speakers) < 3:
        verb = p.head[verb]  # "X said *the report finds* that Iran is responsible": X, not the analysis
        speakers += [c for c in p.children(verb) if p.dep[c] in SUBJ]
    named = [c for c in speakers if p.ent[c] in NOMINAL_ACTOR_ENTS or p.pos[c] in ("PRON", "PROPN")]
    speaker = (named or speakers or [None])[0]
    return None if speaker is None else (speaker, accused)


def _conjoined_subject(p: Tokens, verb: int) -> list[int]:
    """The subject a coordinated verb shares with the verb it is joined to."""
    head = p.head[verb]
    subj = next((c for c in p.children(head) if p.dep[c] in SUBJ or p.dep[c] == "nsubjpass"), None)
    return [] if subj is None else _with_conjuncts(p, subj)


def _reduced_passive(p: Tokens, verb: int) -> bool:
    """A past participle modifying a noun ("an expert *kidnapped* by rebels"), or joined to one."""
    return p.tag[verb] in PARTICIPLE_TAGS and _participle_noun(p, verb) is not None


def _participle_noun(p: Tokens, verb: int) -> int | None:
    """The noun a reduced passive hangs on (through a coordination of participles)."""
    while p.dep[verb] == "conj" and p.head[verb] != verb and p.tag[p.head[verb]] in PARTICIPLE_TAGS:
        verb = p.head[verb]
    head = p.head[verb]
    return head if p.dep[verb] == "acl" and p.pos[head] in ("NOUN", "PROPN") else None


def _shared_agent(p: Tokens, verb: int) -> list[int]:
    """The "by" agent of a coordinated or sibling participle: "kidnapped and killed *by* X"."""
    noun = _participle_noun(p, verb)
    if p.dep[verb] == "conj":
        group = [p.head[verb]] + conjuncts(p, verb)
    elif noun is not None:
        group = [c for c in p.children(noun) if p.dep[c] == "acl" and p.tag[c] in PARTICIPLE_TAGS]
        group += [c for v in list(group) for c in conjuncts(p, v)]
    else:
        group = conjuncts(p, verb)
    for other in group:
        if other == verb or p.pos[other] != "VERB":
            continue
        for child in p.children(other):
            if p.dep[child] == "agent":
                return [t for c in p.children(child) if p.dep[c] == "pobj" for t in _with_conjuncts(p, c)]
    return []


def _object_participants(p: Tokens, d: Draft, child: int) -> None:
    """The recipients (or, for ``agent``, actors) a dependent of the verb adds."""
    dep = p.dep[child]
    if dep in OBJECT_DEPS and p.pos[child] != "VERB":
        if dep == "dative" and p.pos[child] == "ADP":
            _prep_participants(p, d, child)
            return
        d.recipients += _look_through(p, child)
        if p.lemma[child] in SAID_OR_DONE:  # "criticized *his* remarks": he is criticised
            d.recipients += [c for c in p.children(child) if p.dep[c] == "poss" and p.tag[c] in PRONOUN_TAGS]
        for grand in p.children(child):
            if p.dep[grand] == "prep":
                _prep_participants(p, d, grand)
    elif dep == "nsubjpass":
        d.recipients += _with_conjuncts(p, child)
    elif dep == "prep":
        _prep_participants(p, d, child)
    elif dep == "agent" and (d.passive or not d.actors):
        d.actors = [t for c in p.children(child) if p.dep[c] == "pobj" for t in _with_conjuncts(p, c)]


def _prep_participants(p: Tokens, d: Draft, prep: int) -> None:
    word = p.lower[prep]
    if word not in RECIPIENT_PREPS and word not in ACT_PREPS:
        return
    if word == "against" and p.lemma[d.trigger] in SHIELD_VERBS and d.obj is not None:
        return  # "defended the foundation *against attacks from X*": what is held off, not whom the act serves
    for pobj in p.children(prep):
        if p.dep[pobj] == "pobj" and _aimed_at(p, word, pobj):
            if word in SETTING_PREPS and d.passive:
                d.settings += _look_through(p, pobj)
            else:
                d.recipients += _look_through(p, pobj)
                if p.lemma[pobj] in SAID_OR_DONE:  # "an investigation into *her* use of a server": she is investigated
                    d.recipients += [c for c in p.children(pobj) if p.dep[c] == "poss" and p.tag[c] in PRONOUN_TAGS]


def _finish(p: Tokens, d: Draft) -> None:
    """Drop duplicates and non-participants; fall back on setting objects ("aid *in* Yemen")."""
    d.actors = [t for t in (_counted(p, a) for a in d.actors) if p.ent[t] not in NOT_PARTICIPANT]
    d.recipients = _dedupe(p, [_counted(p, r) for r in d.recipients], d.actors)
    if not d.recipients:
        d.recipients = _dedupe(p, d.settings, d.actors)
    d.recipients = d.recipients[:MAX_RECIPIENTS]


def _counted(p: Tokens, t: int) -> int:
    """ "*Thousands of* farmers marched", "*dozens of* soldiers": the people a number counts, not the
    number (which is no participant)."""
    if p.ent[t] != "CARDINAL" and p.pos[t] != "NUM":
        return t
    of = next((c for c in p.children(t) if p.dep[c] == "prep" and p.lower[c] == "of"), None)
    counted = None if of is None else next((g for g in p.children(of) if p.dep[g] == "pobj"), None)
    return t if counted is None or p.pos[counted] not in ("NOUN", "PROPN") else counted


def _agent_from_clause(p: Tokens, verb: int) -> list[int]:
    """ "officers were killed when a missile hit": the missile stands in for the agent."""
    dep = p.dep
    for clause in p.children(verb):
        if dep[clause] == "advcl" and any((dep[m] == "mark" or dep[m] == "advmod") and p.lower[m] in AGENT_MARKS
                                          for m in p.children(clause)):
            subj = next((c for c in p.children(clause) if dep[c] in SUBJ), None)
            if subj is not None and p.tag[subj] not in PRONOUN_TAGS:
                return _with_conjuncts(p, subj)
    return []


def _agent_of_the_act(p: Tokens, verb: int) -> list[int]:
    """ "X was charged *in a suit filed by the SEC*", "killed *in an attack carried out by* Y": the
    agent of the act noun, in a phrase of the passive verb, that the act was done through."""
    from .types import lexicon  # (types reads frames)

    nouns = lexicon().nouns
    for prep in p.children(verb):
        if p.dep[prep] != "prep" or p.lower[prep] not in ("in", "with", "through", "by"):
            continue
        for noun in (c for c in p.children(prep) if p.dep[c] == "pobj" and p.lemma[c] in nouns):
            for acl in (c for c in p.children(noun) if p.dep[c] == "acl" and p.tag[c] == "VBN"):
                for agent in (c for c in p.children(acl) if p.dep[c] == "agent"):
                    return [t for c in p.children(agent) if p.dep[c] == "pobj" for t in _with_conjuncts(p, c)]
            owner = _by_agent(p, noun)
            if owner is not None:  # "were killed in an attack *by Taliban fighters*"
                return _with_conjuncts(p, owner)
            owner = _state_modifier(p, noun)
            if owner is not None:  # "was killed in *a Turkish* drone strike", "wounded in an *Israeli* raid"
                return [owner]
    return []


def _state_modifier(p: Tokens, noun: int) -> int | None:
    """The party an act noun's modifier names: a demonym or an organisation ("an *Israeli* raid",
    "a *Taliban* attack") or a country ("a *Turkish* drone strike"); not a city ("a Kabul bombing")."""
    from ..actors.table import country_by_name  # (actors reads shared only)

    for c in p.children(noun):
        if c < noun and p.dep[c] in ("compound", "amod", "nmod") and (
                p.ent[c] in ("NORP", "ORG") or p.ent[c] == "GPE" and any(
                    country_by_name(form) for form in (p.lower[c].upper(), p.lower[c].title()))):
            return c
    return None


def _defender(p: Tokens, noun: int) -> list[int]:
    """ "His men held the town *against attacks* by X": who holds out against the act is its
    recipient; who is shielded from it, for a verb of shielding ("defended *the foundation* against
    attacks")."""
    prep = p.head[noun]
    if p.dep[noun] != "pobj" or p.lower[prep] != "against":
        return []
    verb = p.head[prep]
    if p.dep[verb] == "dobj":  # "held *the stronghold* against attacks"
        verb = p.head[verb]
    if p.pos[verb] not in VERBAL_POS:
        return []
    shielded = next((c for c in p.children(verb) if p.dep[c] == "dobj"), None) if p.lemma[verb] in SHIELD_VERBS else None
    if shielded is not None and p.lemma[shielded] not in HELD_PLACES:
        # "defended *the foundation* against attacks from X": X attacks the foundation (but "the militia
        # defended the town against attacks": the militia is attacked)
        return _with_conjuncts(p, shielded)
    subj = next((c for c in p.children(verb) if p.dep[c] in SUBJ), None)
    return [] if subj is None else _with_conjuncts(p, subj)


#: verbs of shielding someone: what they take as object is what the act held off is aimed at
SHIELD_VERBS = {"defend", "protect", "shield", "guard", "safeguard", "insulate"}
#: places held against an attack: those who hold them are attacked
HELD_PLACES = {"town", "city", "village", "area", "region", "border", "base", "position", "stronghold", "territory",
               "capital", "line", "front", "post", "checkpoint", "camp", "compound", "building", "bridge", "airport",
               "port", "hill", "district", "province", "frontier", "outpost", "garrison", "fort", "perimeter"}


def _patient_of_passive(p: Tokens, noun: int) -> list[int]:
    """ "a commander *who had been targeted in* a French airstrike": who a passive verb was done to
    is the recipient of the act noun it was done in, when the verb does not itself name the act
    (a strong trigger: "killed in a strike" is the killing's event)."""
    from .confidence import strong_triggers  # (confidence reads frames' neighbours)
    from .types import lexicon

    prep = p.head[noun]
    if p.dep[noun] != "pobj" or p.lower[prep] not in ("in", "by", "with") or p.dep[prep] != "prep":
        return []
    verb = p.head[prep]
    etype = lexicon().nouns.get(p.lemma[noun])
    if p.pos[verb] != "VERB" or etype is None or p.lemma[verb] in strong_triggers(etype):
        return []
    subj = next((c for c in p.children(verb) if p.dep[c] == "nsubjpass"), None)
    if subj is not None:
        return _relative_antecedent(p, subj) if p.tag[subj] in RELATIVE_TAGS else _with_conjuncts(p, subj)
    return _with_conjuncts(p, _participle_noun(p, verb)) if _reduced_passive(p, verb) else []


def _received(p: Tokens, noun: int) -> bool:
    """An act noun that its verb's subject receives: "*drew* criticism from X" (:data:`RECEIVING_VERBS`),
    "*came under* fire from X" (:data:`UNDER_VERBS`)."""
    return _receiver_verb(p, noun) is not None


def _receiver_verb(p: Tokens, noun: int) -> int | None:
    """The verb whose subject receives the act noun ``noun`` (see :func:`_received`), else None."""
    head = p.head[noun]
    if p.dep[noun] == "dobj" and p.lemma[head] in RECEIVING_VERBS and p.lemma[noun] in RECEIVED_ACTS:
        return head
    if p.dep[noun] == "pobj" and p.lower[head] == "under" and p.dep[head] == "prep" \
            and p.lemma[p.head[head]] in UNDER_VERBS and p.lower[noun] in UNDER_ACTS:
        return p.head[head]
    return None


def _from_receiver(p: Tokens, noun: int) -> int | None:
    """ "drew criticism *from X*", "came under fire *from X*" with "from" hung on the verb: X."""
    verb = _receiver_verb(p, noun)
    return None if verb is None else _by_agent(p, verb, "from")


def _possessed(p: Tokens, noun: int) -> bool:
    """An object noun with a possessor or an entity modifier: "condemned *Russia's* invasion"."""
    return any(p.dep[c] == "poss" or (p.dep[c] == "compound" and p.ent[c] in NOMINAL_ACTOR_ENTS)
               for c in p.children(noun))


def _nominal_actor(p: Tokens, noun: int) -> int | None:
    """The possessor or entity modifier of a noun: "*Putin*'s visit", "a *Taliban* attack"."""
    kids, dep = p.children(noun), p.dep
    for child in kids:
        if dep[child] == "poss" and p.tag[child] not in PRONOUN_TAGS:
            return child
    for child in kids:
        if (dep[child] == "compound" or dep[child] == "amod") and p.ent[child] in NOMINAL_ACTOR_ENTS and child < noun:
            return child
    agent = _by_agent(p, noun)
    if agent is None and p.lemma[noun] not in AWAY_NOUNS:
        agent = _by_agent(p, noun, "from")  # "assistance *from* the IMF", "a request *from* Ohio"
    if agent is None:
        agent = _from_receiver(p, noun)  # "drew criticism *from* X", the parse hanging "from" on the verb
    if agent is None and p.lemma[noun] in OF_AGENT_NOUNS:
        agent = _by_agent(p, noun, "of")  # "the resignation *of* the chancellor"
    if agent is None:  # "the arrest of X *by* police", "criticism of her actions *by* X" (by hung on X)
        patient = _by_agent(p, noun, "of")
        agent = None if patient is None else _by_agent(p, patient)
    if agent is None:
        agent = _by_agent(p, noun, "between")  # "talks *between* Israel and Hamas": the first party
    if agent is None:  # "*his* attacks on the moderators": the pronoun, for the actors layer to resolve
        agent = next((c for c in kids if dep[c] == "poss" and p.lower[c] in POSSESSIVE_PRONOUNS), None)
    if agent is None:
        agent = _copula_subject(p, noun)
    return agent if agent is not None else _joint_setting(p, noun)


#: act nouns of a joint act that everyone at it takes part in: "pledged to work together *after a
#: meeting*" (the pledgers met)
JOINT_NOUNS = {"meeting", "talk", "talks", "summit", "negotiation", "negotiations", "consultation", "consultations"}
#: prepositions that set a clause's act beside a joint act its subject took part in
JOINT_SETTINGS = {"after", "before", "during", "following", "at"}


def _joint_setting(p: Tokens, noun: int) -> int | None:
    """ "X and Y pledged to work together *after a meeting* Thursday", "X said *at the summit*":
    the subject of the clause is a party of the joint act in its "after", "at" ... phrase."""
    prep = p.head[noun]
    if p.dep[noun] != "pobj" or p.lower[noun] not in JOINT_NOUNS or p.lower[prep] not in JOINT_SETTINGS \
            or p.pos[p.head[prep]] not in VERBAL_POS:
        return None
    subjects = _actors(p, p.head[prep])  # (borrowed from a governing verb: "pledged to work ... after")
    return subjects[0] if subjects else None


#: dependents that make a noun a phrase of its own ("*a* walkout", "*their* talks", "*three-day* strike")
NOUN_MODIFIERS = {"det", "poss", "amod", "compound", "nummod"}
#: nouns of a stretch of an ongoing act: "in the fourth *day* of a strike", "in the *midst* of talks"
STRETCH_NOUNS = {"day", "week", "month", "year", "midst", "middle", "course", "round", "wave", "end", "start", "eve"}


def _copula_subject(p: Tokens, noun: int) -> int | None:
    """Who is in an act: "the workers *are on* strike", "Iran *is in* talks with X", "teachers *are
    in the fourth day of* a walkout": the subject of "be" whose "in"/"on" phrase holds the act noun
    (directly or through a stretch of it, :data:`STRETCH_NOUNS`)."""
    prep = p.head[noun]
    if p.dep[noun] != "pobj" or p.lemma[noun] in STRETCH_NOUNS:
        return None
    if p.tag[noun] == "NN" and p.lower[noun] != "strike" and not any(p.dep[c] in NOUN_MODIFIERS for c in p.children(noun)):
        return None  # a bare noun makes an idiom ("is *in charge* of", "the party is *in opposition*"), but "on strike"
    if p.lower[prep] == "of" and p.dep[p.head[prep]] == "pobj" and p.lemma[p.head[prep]] in STRETCH_NOUNS:
        prep = p.head[p.head[prep]]
    copula = p.head[prep]
    if p.dep[prep] != "prep" or p.lower[prep] not in ("in", "on") or p.lemma[copula] != "be":
        return None
    subj = next((c for c in p.children(copula) if p.dep[c] == "nsubj"), None)
    return subj if subj is not None and p.pos[subj] in ("NOUN", "PROPN", "PRON") else None


def _by_agent(p: Tokens, noun: int, word: str = "by") -> int | None:
    """ "attacks *by* Hun Sen's troops": the object of "by" (or ``word``) after an act noun."""
    for child in p.children(noun):
        if p.dep[child] == "prep" and p.lower[child] == word and child > noun:
            pobj = next((g for g in p.children(child) if p.dep[g] == "pobj"), None)
            if pobj is not None and p.pos[pobj] in ("PROPN", "NOUN"):
                return pobj
    return None


def _look_through(p: Tokens, noun: int, depth: int = 2) -> list[int]:
    """The noun and its conjuncts, plus possessors and prepositional objects of an act noun
    ("the release *of* X", "a grant and a loan *to* X")."""
    out = _with_conjuncts(p, noun)
    if depth == 0:
        return out
    dep = p.dep
    for tok in list(out):
        for child in p.children(tok):
            if dep[child] == "poss" and p.tag[child] not in PRONOUN_TAGS:
                out.append(child)
            elif dep[child] == "prep" and p.lower[child] in RECIPIENT_PREPS:
                out += [t for g in p.children(child) if dep[g] == "pobj" for t in _look_through(p, g, depth - 1)]
    return out


def _actors(p: Tokens, verb: int) -> list[int]:
    """Subject of the verb, borrowed from a governing verb for complements and pronouns."""
    judged = _judged_for(p, verb)
    if judged is not None:
        return _with_conjuncts(p, judged)
    tok, dep = verb, p.dep
    for _ in range(6):
        kids = p.children(tok)
        subjs = [c for c in kids if dep[c] in SUBJ]
        if len(subjs) > 1:  # a dateline taken for a second subject
            subjs = [c for c in subjs if not _dateline(p, c)] or subjs
        subj = subjs[0] if subjs else None
        if any(dep[c] in PASSIVE_DEPS for c in kids):
            return []
        gov = _governor(p, tok)
        if subj is not None and p.tag[subj] in RELATIVE_TAGS:
            return _relative_antecedent(p, subj)
        if subj is not None and (p.tag[subj] not in PRONOUN_TAGS or gov is None):
            return _with_conjuncts(p, subj)
        if subj is None and dep[tok] == "relcl":
            return _with_conjuncts(p, p.head[tok])
        if subj is None and gov is None and dep[tok] == "acl" and p.tag[tok] == "VBG" \
                and p.pos[p.head[tok]] in ("NOUN", "PROPN"):
            return _with_conjuncts(p, p.head[tok])  # "a sniper *killing* five officers"
        owner = _intent_owner(p, tok) if subj is None and gov is None else None
        if owner is not None:
            return _with_conjuncts(p, owner)
        if gov is None:
            return _with_conjuncts(p, subj) if subj is not None else []
        controller = _controller(p, tok, gov)
        if controller is not None:
            return _with_conjuncts(p, controller)
        tok = gov
    return []


#: verbs that judge someone for an act: "accused *Somalia* of shelling", "thanked *Japan* for sending"
JUDGING_VERBS = {"accuse", "blame", "charge", "suspect", "convict", "indict", "fault", "condemn", "criticize",
                 "criticise", "denounce", "praise", "thank", "credit", "commend", "applaud", "punish", "sue"}


def _judged_for(p: Tokens, verb: int) -> int | None:
    """ "Kenya accused *Somalia* of shelling its town", "praised *Japan* for sending aid": the one
    judged does the act of the gerund (the judge's object), else None."""
    prep = p.head[verb]
    if p.dep[verb] != "pcomp" or p.tag[verb] != "VBG" or p.lower[prep] not in ("of", "for") \
            or p.lemma[p.head[prep]] not in JUDGING_VERBS:
        return None
    return next((c for c in p.children(p.head[prep]) if p.dep[c] in ("dobj", "nsubjpass")), None)


#: Nouns of a decision or an attempt whose owner does the act they take: "the Dutch *decision to*
#: expel", "the cabinet's decision *in* recalling its envoy", "Moscow's *plan to* annex"
#: (not "refusal": its act is not done)
INTENT_NOUNS = {"decision", "plan", "move", "attempt", "effort", "bid", "vow", "pledge", "promise", "order",
                "push", "proposal", "offer", "intention", "commitment", "determination", "choice", "threat"}


def _intent_owner(p: Tokens, verb: int) -> int | None:
    """Who acts in an act an intent noun takes ("the Dutch decision *to expel*", "the cabinet's
    decision *in recalling*"): the noun's possessor or named modifier (:func:`_nominal_actor`)."""
    head = p.head[verb]
    if p.dep[verb] == "pcomp" and p.lower[head] in ("in", "to", "of"):
        head = p.head[head]
    elif p.dep[verb] != "acl" or p.tag[verb] != "VB":
        return None
    if head == verb or p.lemma[head] not in INTENT_NOUNS or p.pos[head] != "NOUN":
        return None
    return _nominal_actor(p, head)


def _dateline(p: Tokens, t: int) -> bool:
    """ "*MAIDUGURI, Nigeria* — The leader ... has denied": a place name opening the story before a
    dash, which the parser may take for a second subject."""
    first, last = _first_of_subtree(p, t), _last_of_subtree(p, t)
    return p.pos[t] == "PROPN" and any(w in DATELINE_DASHES for w in p.lower[t + 1:last + 2]) \
        and (first == 0 or not p.lower[first - 1].strip() or p.punct[first - 1] == 1)


def _controller(p: Tokens, verb: int, gov: int) -> int | None:
    """The object of an object-control verb that governs ``verb`` as its to-infinitive."""
    if p.dep[verb] != "xcomp" or p.lemma[gov] not in OBJECT_CONTROL:
        return None
    for child in p.children(gov):
        if p.dep[child] == "dobj" and p.tag[child] not in PRONOUN_TAGS:
            return child
        if p.dep[child] == "prep" and p.lower[child] == "on":
            pobj = next((g for g in p.children(child) if p.dep[g] == "pobj"), None)
            if pobj is not None and p.ent[pobj] not in NOT_PARTICIPANT:  # not "on *Wednesday*"
                return pobj
    return None


def _relative_antecedent(p: Tokens, pronoun: int) -> list[int]:
    """ "collaboration, *which* has not stopped": the noun the relative clause hangs on."""
    tok = pronoun
    for _ in range(len(p.head)):  # Token.ancestors, with its guard against cycles
        if p.head[tok] == tok:
            break
        tok = p.head[tok]
        if p.dep[tok] == "relcl":
            noun = p.head[tok]
            if p.dep[noun] == "appos" and (p.pos[p.head[noun]] == "PROPN" or p.ent[p.head[noun]] in NOMINAL_ACTOR_ENTS):
                noun = p.head[noun]  # "Democracy for America, *an organization that* endorsed X": the name
            return _with_conjuncts(p, noun)
    return []


def _governor(p: Tokens, verb: int) -> int | None:
    """The verb a clause hangs from, when it reports or controls it."""
    head, dep = p.head[verb], p.dep[verb]
    if dep == "xcomp" and p.pos[head] == "ADJ" and p.dep[head] == "acomp":
        return p.head[head]
    if dep == "acomp" and p.pos[head] in VERBAL_POS:
        return head  # "X was *critical* of Y": the subject of the copula
    if dep == "acl" and p.tag[verb] == "VBG" and p.dep[head] == "dobj":
        return p.head[head]  # "filed a lawsuit *accusing* X": the filer accuses
    if dep in ("ccomp", "xcomp", "conj", "advcl") and p.pos[head] in VERBAL_POS:
        return head
    if dep == "pcomp" and p.tag[verb] == "VBG" and p.lower[head] in MANNER_PREPS and p.pos[p.head[head]] in VERBAL_POS:
        return p.head[head]  # "Ryan stunned them *by withholding* ...": the clause's subject acts
    return None


def _with_conjuncts(p: Tokens, tok: int) -> list[int]:
    return [tok] + [c for c in conjuncts(p, tok) if p.pos[c] in CONJUNCT_POS]


def _split_conjoined_actors(d: Draft) -> None:
    """ "The US and the Taliban signed a pact": the conjuncts after the first are co-actors,
    recipients of a joint act; with no other recipient they are the recipients."""
    if len(d.actors) < 2:
        return
    if d.recipients:
        d.co_actors = d.actors[1:]
    else:
        d.recipients, d.actors = d.actors[1:], d.actors[:1]


def _dedupe(p: Tokens, recipients: list[int], actors: list[int]) -> list[int]:
    taken = set(actors)
    out = []
    for tok in recipients:
        if tok not in taken and p.pos[tok] != "VERB" and p.ent[tok] not in NOT_PARTICIPANT:
            taken.add(tok)
            out.append(tok)
    return out


def participant_extent(tok: Token) -> tuple[int, int]:
    """Character extent of the noun phrase headed by ``tok``: its modifiers, not its clauses."""
    return extent_of(tokens_of(tok.doc), tok.i)


def extent_of(p: Tokens, t: int) -> tuple[int, int]:
    """:func:`participant_extent` of token index ``t``."""
    left, right = t, t
    for child in p.children(t):
        dep = p.dep[child]
        if dep in CUT_DEPS and not (dep == "prep" and p.lower[child] in NP_PREPS):
            continue
        if dep == "conj":
            continue
        if child < t:
            left = min(left, _first_of_subtree(p, child))
        else:
            right = max(right, _last_of_subtree(p, child))
    while left < t and p.punct[left]:
        left += 1
    while right > t and p.punct[right]:
        right -= 1
    return p.idx[left], p.idx[right] + p.length[right]
