"""Candidate event frames from the dependency parse: a trigger, who acts, on whom.

A :class:`Frame` is the syntax of one possible event, before it has a type: the trigger
token, the participant heads (actors, recipients) and the lexical features the type
classifier reads (trigger lemma, object lemma, prepositions, complement verb). Nothing here
knows PLOVER; :mod:`event_types` turns frames into typed candidates.

Used by the ``events`` extractor and by the learner in :mod:`newsgraph.evaluate.events`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

__all__ = ["Frame", "frames", "participant_extent"]

SUBJ = {"nsubj", "csubj"}
#: Prepositions whose object is a plausible recipient of an event.
RECIPIENT_PREPS = {"to", "with", "on", "against", "into", "from", "in", "for", "at", "over",
                   "toward", "towards", "between", "upon", "onto", "across", "inside", "of"}
#: Dependents that leave a participant's noun phrase (its clauses, appositions, punctuation).
CUT_DEPS = {"relcl", "acl", "advcl", "punct", "cc", "prep", "appos", "parataxis", "ccomp"}
PRONOUN_TAGS = {"PRP", "PRP$"}
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

    def features(self) -> list[str]:
        """Lexical keys for the type classifier, most specific first."""
        lemma = self.trigger.lemma_.lower()
        keys = []
        if self.comp is not None:
            keys.append(f"vx:{lemma}:{self.comp.lemma_.lower()}")
        if self.demand:
            keys.append(f"vx:{lemma}:must")
        if self.obj is not None:
            keys.append(f"vo:{lemma}:{self.obj.lemma_.lower()}")
        keys += [f"vp:{lemma}:{p}" for p in self.preps]
        keys.append(f"v:{lemma}")
        if self.comp is not None:
            keys.append(f"v:{self.comp.lemma_.lower()}")
        if self.obj is not None:
            keys.append(f"n:{self.obj.lemma_.lower()}")
        return keys


def frames(sent: SpacySpan) -> list[Frame]:
    """Every verbal frame of a sentence (plus nominal ones: "Putin's visit to Pyongyang")."""
    out = []
    for tok in sent:
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound"):
            out.append(_verb_frame(tok))
        elif tok.pos_ == "NOUN" and _nominal_actor(tok) is not None and tok.dep_ != "dobj":
            out.append(_noun_frame(tok))
    return out


def _verb_frame(verb: Token) -> Frame:
    frame = Frame(trigger=verb, passive=any(c.dep_ == "nsubjpass" for c in verb.children))
    frame.actors = _actors(verb)
    for child in verb.children:
        _add_object(frame, child)
    comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if comp is not None:
        frame.comp = comp
        for child in comp.children:
            _add_object(frame, child)
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp"):
            frame.recipients += [c for c in child.children
                                 if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in PRONOUN_TAGS]
        if child.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in DEMAND_MODALS for a in child.children):
            frame.demand = True
    if frame.passive and not frame.actors:
        frame.actors = _agent_from_clause(verb)
    _split_conjoined_actors(frame)
    _finish(frame)
    return frame


def _finish(frame: Frame) -> None:
    """Drop duplicates and non-participants; fall back on setting objects ("aid *in* Yemen")."""
    frame.recipients = _dedupe(frame.recipients, frame.actors)
    if not frame.recipients:
        frame.recipients = _dedupe(frame.settings, frame.actors)
    frame.recipients = frame.recipients[:MAX_RECIPIENTS]


def _agent_from_clause(verb: Token) -> list[Token]:
    """ "officers were killed when a missile hit": the missile stands in for the agent."""
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in AGENT_MARKS
                                          for m in clause.children):
            subj = next((c for c in clause.children if c.dep_ in SUBJ), None)
            if subj is not None and subj.tag_ not in PRONOUN_TAGS:
                return _with_conjuncts(subj)
    return []


def _noun_frame(noun: Token) -> Frame:
    frame = Frame(trigger=noun, nominal=True, obj=noun)
    frame.actors = _with_conjuncts(_nominal_actor(noun))
    for child in noun.children:
        if child.dep_ == "prep":
            _add_prep(frame, child)
    _finish(frame)
    return frame


def _nominal_actor(noun: Token) -> Token | None:
    """The possessor or entity modifier of a noun: "*Putin*'s visit", "a *Taliban* attack"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.tag_ not in PRONOUN_TAGS:
            return child
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and child.ent_type_ in NOMINAL_ACTOR_ENTS and child.i < noun.i:
            return child
    return None


def _add_object(frame: Frame, child: Token) -> None:
    dep = child.dep_
    if dep in ("dobj", "dative", "oprd") and child.pos_ != "VERB":
        if dep == "dobj" and frame.obj is None:
            frame.obj = child
        if dep == "dative" and child.pos_ == "ADP":
            _add_prep(frame, child)
            return
        frame.recipients += _look_through(child)
        for grand in child.children:
            if grand.dep_ == "prep":
                _add_prep(frame, grand)
    elif dep == "nsubjpass":
        frame.recipients += _with_conjuncts(child)
    elif dep == "prep":
        _add_prep(frame, child)
    elif dep == "agent" and (frame.passive or not frame.actors):
        frame.actors = [t for c in child.children if c.dep_ == "pobj" for t in _with_conjuncts(c)]


def _add_prep(frame: Frame, prep: Token) -> None:
    word = prep.lower_
    if word not in RECIPIENT_PREPS:
        return
    for pobj in prep.children:
        if pobj.dep_ == "pobj":
            frame.preps.append(word)
            if word in SETTING_PREPS and frame.passive:
                frame.settings += _look_through(pobj)
            else:
                frame.recipients += _look_through(pobj)


def _look_through(noun: Token, depth: int = 2) -> list[Token]:
    """The noun and its conjuncts, plus possessors and prepositional objects of an act noun
    ("the release *of* X", "a grant and a loan *to* X")."""
    out = _with_conjuncts(noun)
    if depth == 0:
        return out
    for tok in list(out):
        for child in tok.children:
            if child.dep_ == "poss" and child.tag_ not in PRONOUN_TAGS:
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                out += [t for g in child.children if g.dep_ == "pobj" for t in _look_through(g, depth - 1)]
    return out


def _actors(verb: Token) -> list[Token]:
    """Subject of the verb, borrowed from a governing verb for complements and pronouns."""
    tok = verb
    for _ in range(6):
        subj = next((c for c in tok.children if c.dep_ in SUBJ), None)
        if any(c.dep_ == "nsubjpass" for c in tok.children):
            return []
        gov = _governor(tok)
        if subj is not None and subj.tag_ in RELATIVE_TAGS:
            return _relative_antecedent(subj)
        if subj is not None and (subj.tag_ not in PRONOUN_TAGS or gov is None):
            return _with_conjuncts(subj)
        if subj is None and tok.dep_ == "relcl":
            return _with_conjuncts(tok.head)
        if gov is None:
            return _with_conjuncts(subj) if subj is not None else []
        tok = gov
    return []


def _relative_antecedent(pronoun: Token) -> list[Token]:
    """ "collaboration, *which* has not stopped": the noun the relative clause hangs on."""
    for tok in pronoun.ancestors:
        if tok.dep_ == "relcl":
            return _with_conjuncts(tok.head)
    return []


def _governor(verb: Token) -> Token | None:
    """The verb a clause hangs from, when it reports or controls it."""
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        return head.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.dep_ == "dobj":
        return head.head  # "filed a lawsuit *accusing* X": the filer accuses
    if verb.dep_ in ("ccomp", "xcomp", "conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        return head
    return None


def _with_conjuncts(tok: Token) -> list[Token]:
    return [tok] + [c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]


def _split_conjoined_actors(frame: Frame) -> None:
    """ "The US and the Taliban signed a pact": the conjuncts after the first are co-actors,
    recipients of a joint act; with no other recipient they are the recipients."""
    if len(frame.actors) < 2:
        return
    if frame.recipients:
        frame.co_actors = frame.actors[1:]
    else:
        frame.recipients, frame.actors = frame.actors[1:], frame.actors[:1]


def _dedupe(recipients: list[Token], actors: list[Token]) -> list[Token]:
    taken = {t.i for t in actors}
    out = []
    for tok in recipients:
        if tok.i not in taken and tok.pos_ != "VERB" and tok.ent_type_ not in NOT_PARTICIPANT:
            taken.add(tok.i)
            out.append(tok)
    return out


def participant_extent(tok: Token) -> tuple[int, int]:
    """Character extent of the noun phrase headed by ``tok``: its modifiers, not its clauses."""
    left, right = tok.i, tok.i
    for child in tok.children:
        if child.dep_ in CUT_DEPS and not (child.dep_ == "prep" and child.lower_ in NP_PREPS):
            continue
        if child.dep_ == "conj":
            continue
        sub = list(child.subtree)
        if child.i < tok.i:
            left = min(left, sub[0].i)
        else:
            right = max(right, sub[-1].i)
    doc: Doc = tok.doc
    while left < tok.i and doc[left].is_punct:
        left += 1
    while right > tok.i and doc[right].is_punct:
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)
