"""How sure the ``events`` extractor is of one event: a calibrated confidence in [0, 1].

An event is right when three things hold (the real-news EVENTS_GUIDE of the shared eval, and
the ICEWS/POLECAT practice): the trigger's sense in this sentence is the type, the actor is a
political or public actor, and the recipient is one too where the type takes one. Each part
gives a factor (:func:`raw_score`); their product is mapped to the share of events that were
right at that score on real articles we did not write the rules on: our tune set and the
precision audit's judged samples (``calibration`` in ``confidence.yaml``, fitted by
``tools/learn_events.py --calibrate``). An act said inside a direct quotation never reaches
the top bin (``quoted_cap``).

Participants are sorted into kinds (:func:`participant_kind`): ``political`` (a state,
government, party, court, military, police, IGO, NGO, media, protesters... by sector or
country), ``public`` (a public-role noun the actors layer left unresolved: "the officer"),
``person`` (a named person), ``pronoun_person`` (a pronoun resolved to a person), ``other`` (a
company, university or unknown organisation) and ``none`` (an unresolved pronoun, a bare common
noun, an object, a document).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import yaml
from spacy.tokens import Token

from ...datafiles import read_data
from ...records import Actor

__all__ = ["ACTOR_KINDS", "Table", "calibrate", "confidence", "participant_kind", "political_article", "raw_score", "requested_act", "no_act", "strong_triggers",
           "table"]

#: kinds of participant that are actors (everything but ``none``)
ACTOR_KINDS = ("political", "public", "person", "pronoun_person", "pronoun", "other")
PERSON_LABELS = {"PERSON"}
#: prepositions that name what a warning threatens or a concern is about ("warned *of* retaliation",
#: "concern *about* the policy")
WARNED_OF = {"of", "against", "about", "over"}
#: pronouns that may stand for a recipient ("shot *him*", "*they* were aided"); a pronoun actor
#: must be resolved
OBJECT_PRONOUNS = {"him", "her", "them", "he", "she", "they", "you", "us"}


@dataclass(frozen=True)
class Table:
    strong: dict[str, frozenset[str]]
    needs_context: frozenset[str]
    statements: frozenset[str]
    optional_recipient: frozenset[str]
    joint: frozenset[str]
    political_sectors: frozenset[str]
    public_nouns: dict[str, str]
    private_domain: frozenset[str]
    weights: dict
    calibration: tuple[tuple[float, float], ...]
    article_sectors: frozenset[str]
    verbal_attack: frozenset[str]
    violence: frozenset[str]
    civil_sectors: frozenset[str]
    weak_complements: frozenset[str]
    violent: frozenset[str]
    open_recipient: frozenset[str]
    requests: frozenset[str]
    clause_statements: frozenset[str]
    refusals: frozenset[str]
    task_verbs: frozenset[str]
    governs: frozenset[str]
    company_titles: frozenset[str]
    contest_verbs: frozenset[str]
    contests: frozenset[str]
    own_destroy_verbs: frozenset[str]
    thing_heads: frozenset[str]


@lru_cache(maxsize=1)
def table() -> Table:
    """The shipped confidence table, read once per process."""
    text = read_data(__package__, "confidence.yaml")
    data = yaml.safe_load(text)
    return Table(
        strong={k: frozenset(v) for k, v in data["strong"].items()},
        needs_context=frozenset(data["needs_context"]),
        statements=frozenset(data["statements"]),
        optional_recipient=frozenset(data["optional_recipient"]),
        joint=frozenset(data["joint"]),
        political_sectors=frozenset(data["political_sectors"]),
        public_nouns={str(k): str(v) for k, v in data["public_nouns"].items()},
        private_domain=frozenset(data["private_domain"]),
        weights=data["weights"],
        calibration=tuple((float(a), float(b)) for a, b in data["calibration"]),
        article_sectors=frozenset(data["article_sectors"]),
        verbal_attack=frozenset(data["verbal_attack"]),
        violence=frozenset(data["violence"]),
        civil_sectors=frozenset(data["civil_sectors"]),
        weak_complements=frozenset(data["weak_complements"]),
        violent=frozenset(data["violent"]),
        open_recipient=frozenset(data["open_recipient"]),
        requests=frozenset(data["requests"]),
        clause_statements=frozenset(data["clause_statements"]),
        refusals=frozenset(data["refusals"]),
        task_verbs=frozenset(data["task_verbs"]),
        governs=frozenset(data["governs"]),
        company_titles=frozenset(data["company_titles"]),
        contest_verbs=frozenset(data["contest_verbs"]),
        contests=frozenset(data["contests"]),
        own_destroy_verbs=frozenset(data["own_destroy_verbs"]),
        thing_heads=frozenset(data["thing_heads"]),
    )


def participant_kind(actor: Actor | None, head: Token, tab: Table | None = None) -> tuple[str, str | None]:
    """``(kind, sector)`` of a participant whose head token is ``head`` and whose resolution
    (by the actors layer) is ``actor``; the sector is the actor's, or a public noun's."""
    tab = tab or table()
    if _where(head) or _poll_share(head) or _polled(head) or _dateline(head):
        return "none", None
    if actor is not None and actor.actor_type == "country" and head.left_edge.i < head.i and _dateline(head.left_edge):
        return "none", None  # "Lyon, France — The artist ... was arrested": the words run on from the dateline
    if actor is not None and _thing_of(head, actor, tab):
        return "none", None  # "the Democratic *debate*", "a CNN *poll*": an occasion or a document
    public = next((tab.public_nouns[w] for t in _title_words(head) for w in (t.lower_, t.lemma_.lower())
                   if w in tab.public_nouns and not _company_title(t, tab)), None)
    if actor is None or actor.how == "unresolved":
        if head.pos_ == "PRON":
            return ("pronoun", None) if head.lower_ in OBJECT_PRONOUNS else ("none", None)
        if public is not None:
            return "public", public
        return ("person", None) if head.ent_type_ in PERSON_LABELS else ("none", None)
    if actor.how == "demonym" and actor.sector == "CVL" and actor.actor_type == "group":
        return "person", actor.sector  # "an American", "two British aid workers": private people of a country
    if actor.sector in tab.political_sectors or (actor.country and actor.actor_type not in ("person", "organization")
                                                 and actor.sector not in ("BUS", "EDU")):
        return "political", actor.sector
    if actor.actor_type == "person" and actor.country:
        return "political", actor.sector
    if public is not None:
        return "public", public
    if actor.actor_type == "person":
        return ("pronoun_person" if actor.how == "pronoun" else "person"), actor.sector
    return "other", actor.sector


def _thing_of(head: Token, actor: Actor, tab: Table) -> bool:
    """The phrase is headed by a noun for an occasion or a document ("the Democratic *debate*",
    "a fresh CNN *poll*", "ISIS *videos*") that the actor only qualifies: a thing, no party. Its
    owner's ("Trump's *tweet* discrediting the report") stands for the owner's own act."""
    return head.pos_ == "NOUN" and head.lemma_.lower() in tab.thing_heads and not actor.start <= head.idx < actor.end \
        and not any(c.dep_ == "poss" and actor.start <= c.idx < actor.end for c in head.children)


#: kinds of a person with no public role the actors layer knows
PERSONS = frozenset({"person", "pronoun_person"})
#: prepositions of place: a place named after one is where something happens, not a party to it
LOCATIVE = frozenset({"in", "at", "across", "inside", "near", "throughout", "within", "around", "outside"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: nouns of a share of a group ("a 61% *majority* of Democrats"): with a number, poll respondents
SHARES = frozenset({"majority", "plurality", "minority", "percent", "%", "share", "half", "third", "quarter", "most"})


def _where(head: Token) -> bool:
    """A place after a preposition of place ("airstrikes *in* Iraq and Syria against ISIS"):
    where the act happens, no participant."""
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:  # "in Iraq, not Syria"
        head = head.head
    return head.ent_type_ in PLACE_LABELS and head.dep_ == "pobj" and head.head.lower_ in LOCATIVE \
        and not any(c.dep_ == "relcl" for c in head.children)  # "in Qatar, *which* promised": its antecedent


def _polled(head: Token) -> bool:
    """The group of a poll's share ("73 percent *of Democrats* who said they had supported X"):
    respondents, not the group acting."""
    return head.dep_ == "pobj" and head.head.lower_ == "of" and _poll_share(head.head.head)


#: dashes that end a dateline ("London, England *—* The artist was arrested ...")
DASHES = frozenset({"—", "–", "-", "--"})


def _dateline(head: Token) -> bool:
    """A place opening a line and followed, before any verb, by a dash: the story's dateline
    ("London, England — X was arrested ..."), not a party to what the line reports."""
    if head.pos_ != "PROPN":
        return False
    doc, first = head.doc, head.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    at = doc[first].idx
    before = doc.text[max(0, at - 40):at].rstrip(" \t")
    if not (before.endswith("\n") or (not before and at <= 40)):
        return False
    for tok in doc[head.i + 1: head.i + 7]:
        if tok.pos_ in ("VERB", "AUX"):
            return False
        if tok.text in DASHES:  # a place among the words before it ("Lyon, France —", Lyon tagged ORG)
            return any(t.ent_type_ in PLACE_LABELS for t in doc[first: tok.i])
    return False


def _poll_share(head: Token) -> bool:
    """A share of a group given by a number ("a 61% majority of Democrats", "58 percent of
    voters"): the respondents of a poll, not the group acting."""
    return head.lower_ in SHARES and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children) \
        and any(t.like_num or t.text == "%" for t in head.subtree)


def strong_triggers(event_type: str) -> frozenset[str]:
    """The lemmas whose sense in news is ``event_type`` nearly always (the ``strong`` table)."""
    return table().strong.get(event_type, frozenset())


def requested_act(verb: Token) -> bool:
    """ "called on Dean *to apologize*", "urged them *to join*": the act a request asks for, not
    an act done."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in table().requests


def no_act(verb: Token, comp: Token | None) -> bool:
    """Words of an event type that do no act here: a warning of what may happen (no one warned,
    no consequence named: "warned that prices could rise"), a refusal to speak ("declined *to
    comment*", "cannot confirm or *deny*"), a task given ("charged the inspectors *with verifying*"),
    a warning that predicts ("warned residents *that the rains will* ..."), governing ("the province
    London *ruled*"), competing ("met X *in the race*"), disarming ("destroyed *its* missiles")."""
    tab = table()
    lemma = verb.lemma_.lower()
    near = list(verb.children) + (list(verb.head.children) if verb.pos_ == "NOUN" else [])  # "expressed concern about"
    if lemma in tab.clause_statements and not any(c.dep_ in ("dobj", "dative") and c.i != verb.i
                                                  or (c.dep_ == "prep" and c.lower_ in WARNED_OF) for c in near):
        return True
    if lemma in tab.clause_statements and any(not _by_speaker(c) and not _on_condition(verb, c) for c in _that_clauses(verb)):
        return True  # "warned residents that the rains will cause landslides": a prediction, not a threat
    deps = {c.dep_ for c in verb.children}
    if lemma in tab.governs and deps & {"dobj", "nsubjpass"} and not deps & {"oprd", "acomp", "ccomp", "xcomp"}:
        return True  # "the province London *ruled*", "which has been ruled by London": governing, not a ruling
    if lemma in tab.task_verbs and any(c.dep_ == "prep" and c.lower_ == "with" and any(g.dep_ == "pcomp" for g in c.children)
                                       for c in verb.children):
        return True
    if lemma in tab.contest_verbs and any(c.dep_ == "prep" and c.lower_ == "in" and any(
            g.lemma_.lower() in tab.contests for g in c.children) for c in verb.children):
        return True  # "met her opponents *in* her Senate races": competing
    if lemma in tab.own_destroy_verbs and any(c.dep_ == "dobj" and any(
            g.dep_ == "poss" and g.lower_ in ("its", "their") for g in c.children) for c in verb.children):
        return True  # "destroyed *its* missiles": disarming
    if lemma == "deny" and any(c.lemma_.lower() == "confirm" for c in (verb.head, *verb.children) if c is not verb):
        return True  # "could not confirm or deny"
    return comp is not None and lemma in tab.refusals and comp.lemma_.lower() in tab.statements


def _that_clauses(verb: Token) -> list[Token]:
    """The verb's that-clauses: its ``ccomp``, or a clause marked "that" hung on its object."""
    out = [c for c in verb.children if c.dep_ == "ccomp"]
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        out += [c for c in obj.children if c.dep_ in ("acl", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    return out


def _on_condition(verb: Token, clause: Token) -> bool:
    """ "warned *the mayor* that *if* the books are not handed over, the state may freeze the
    city's funds": a consequence an actor may bring, put to someone on a condition, is a threat (not
    "warned residents that if the rain goes on, the river may flood")."""
    doer = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return doer is not None and (doer.ent_type_ in ("ORG", "GPE", "NORP") or doer.lemma_.lower() in table().public_nouns) \
        and any(c.dep_ in ("dobj", "dative") for c in verb.children) and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            for c in clause.children)


def _by_speaker(clause: Token) -> bool:
    """Whether the clause's subject is a pronoun for the speaker ("warned Israel that *it* would
    respond": a threat of its own act)."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" for c in clause.children)


def political_article(actors: Iterable[Actor], tab: Table | None = None) -> bool:
    """Whether the article names an actor of a political sector (government, military, police,
    court, legislature, party, rebels, IGO, NGO ...): the actors layer's records."""
    sectors = (tab or table()).article_sectors
    return any(a.sector in sectors for a in actors)


def _company_title(noun: Token, tab: Table) -> bool:
    """ "chief financial *officer*", "the *board* of directors": a company's office, no public one."""
    return any(c.lower_ in tab.company_titles for c in noun.children if c.dep_ in ("amod", "compound", "prep", "pobj")) \
        or any(g.lower_ in tab.company_titles for c in noun.children if c.dep_ == "prep" for g in c.children)


def _title_words(head: Token) -> list[Token]:
    """The head and the words before it in its name ("*Officer* Darren Wilson"), and the noun a
    name modifies ("Khmer Rouge *guerrillas*", "Hamas *fighters*")."""
    words = [head] + [c for c in head.children if c.dep_ == "compound" and c.i < head.i]
    if head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "NOUN":
        words.append(head.head)
    elif head.pos_ == "PROPN" and head.ent_type_ and head.i + 1 < len(head.doc) and head.nbor(1).is_alpha \
            and not head.nbor(1).ent_type_:
        words.append(head.nbor(1))  # the same, misparsed: "by Khmer Rouge | guerrillas" (a public noun only counts)
    return words


def _best(kinds: Iterable[str], part: dict) -> float:
    return max((float(part[k]) for k in kinds if k in part), default=None)  # type: ignore[return-value]


def raw_score(event_type: str, trigger_lemmas: Iterable[str], actor_kinds: list[str], recipient_kinds: list[str],
              sentence_words: Iterable[str], factuality: str, political_article: bool = True,
              confirmed: bool = False, requested: bool = False, statement: bool = False,
              tab: Table | None = None, quoted: bool = False) -> float:
    """The product of the trigger's, the actor's and the recipient's factors, times the
    private-domain and hypothetical factors where they apply (0..1). ``confirmed``: the
    context fixes the trigger's sense (an object noun of the same type, "sent *arms*"; a
    to-infinitive the verb governs, "asked X *to* ..."), so a weak trigger counts as strong.
    For joint acts (AGREE, CONSULT, COOPERATE) a second actor is the recipient. A type that
    takes a recipient and has none is less sure (``none_needed``: on unseen articles the one it
    was done to is mostly elsewhere, "X was killed in a US *strike*") than one done to a thing
    (``thing_needed``: "seized a cache", "shot at buses"). A type that may go without one is surer
    with none (``none_optional``: "the ministry denied it") than with the words of a thing shown
    where the recipient would be (``thing_optional``: "dismissed *the report*"). ``requested``:
    the act is what a request asks for ("called on Dean *to apologize*"), not an act done.
    ``statement``: the words do no act (:func:`no_act`). A named person with no public role acting
    on no political or public actor is a private matter more often than not (``private_pair``)."""
    tab = tab or table()
    w = tab.weights
    lemmas = set(trigger_lemmas)
    if statement or (lemmas and lemmas <= tab.statements):
        return 0.0  # a plain statement
    strong = confirmed or lemmas & tab.strong.get(event_type, frozenset()) - tab.needs_context
    trig = w["strong"] if strong else w["weak"]
    actor = _best(actor_kinds, w["actor"]) or 0.0
    recipient = _best(["person" if k == "other" and event_type in tab.open_recipient else k for k in recipient_kinds],
                      w["recipient"])
    if recipient is None and event_type in tab.joint and sum(k in ACTOR_KINDS for k in actor_kinds) > 1:
        recipient = _best(actor_kinds, w["recipient"])
    if recipient is None and trig < w["strong"]:
        recipient = w["recipient"]["none_weak"]  # a weak trigger is confirmed by whom it is done to
    elif recipient is None:
        recipient = w["recipient"][("thing_optional" if recipient_kinds else "none_optional")
                                   if event_type in tab.optional_recipient
                                   else "none_joint" if event_type in tab.joint
                                   else "thing_needed" if recipient_kinds else "none_needed"]
    score = trig * actor * recipient
    if not {"political", "public"} & set(actor_kinds) and tab.private_domain & {x.lower() for x in sentence_words}:
        score *= w["private_domain"]
    if not political_article and "political" not in actor_kinds:
        score *= w["private_article"]
    if event_type in tab.violent and not {"political", "public"} & set(actor_kinds):
        score *= w["private_violence"]
    if actor_kinds and set(actor_kinds) <= PERSONS and not {"political", "public"} & set(recipient_kinds):
        score *= w["private_pair"]  # a named person with no public role to a private person or a thing
    if factuality == "hypothetical":
        score *= w["hypothetical"]
    if requested:
        score *= w["requested"]
    return min(score, w["quoted_cap"]) if quoted else score


def calibrate(raw: float, tab: Table | None = None) -> float:
    """The share of dev events that were right at this raw score (the first bin whose upper
    bound exceeds it)."""
    tab = tab or table()
    for upper, prob in tab.calibration:
        if raw < upper:
            return prob
    return tab.calibration[-1][1]


def confidence(*args, **kwargs) -> float:
    """:func:`calibrate` of :func:`raw_score` (same arguments), rounded to two decimals."""
    return round(calibrate(raw_score(*args, **kwargs)), 2)
