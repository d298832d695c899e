"""Contexts that veto a trigger's event sense: idioms and other senses ("seized *attention*",
"demonstrated *his knack*", "a Trump *rally*", "failed to win"). The entries are the ``vetoes``
of ``data/context.yaml`` (their keys are described there); :func:`vetoed` is read as one more
way in which words do no act (the event's confidence is 0)."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ..actors.table import load_table
from .context import cues

__all__ = ["vetoed"]

#: possessive pronouns that make a noun someone's own ("his rally")
_POSSESSIVES = frozenset({"his", "her", "their", "my", "our", "your"})


@lru_cache(maxsize=1)
def _entries() -> dict[str, tuple[dict, ...]]:
    """lemma -> its veto entries."""
    return {str(lemma): tuple(entries) for lemma, entries in (cues().get("vetoes") or {}).items()}


def vetoed(event_type: str, *tokens: Token) -> bool:
    """Whether any of ``tokens`` (the trigger, the frame's verb, the verb governing the
    trigger's to-infinitive) is in a context that vetoes ``event_type``."""
    return any(_matches(entry, tok) for tok in tokens if tok is not None
               for entry in _entries().get(tok.lemma_.lower(), ()) if entry.get("type") == event_type) \
        or (bool(tokens) and tokens[0] is not None and _in_title(tokens[0]))


_OPENING = frozenset({'"', "“", "‘", "'", "``"})
_CLOSING = frozenset({'"', "”", "’", "'", "''"})
#: small words a title leaves in lower case ("Meet *the* Press")
_TITLE_SMALL = frozenset({"the", "a", "an", "of", "and", "to", "in", "on", "for", "with", "at", "by", "or"})


def _in_title(tok: Token) -> bool:
    """A capitalised word of a short quoted title inside a sentence ('said on NBC's "*Meet* the
    Press."', 'in his book "*Crippled* America"'): a name, no act. Not a quotation that opens a
    sentence or follows a colon or a comma (what someone said)."""
    doc = tok.doc
    if not tok.text[:1].isupper() or tok.is_sent_start:
        return False
    i = tok.i - 1
    while i > tok.i - 4 and i >= 0 and doc[i].text not in _OPENING and _title_word(doc[i]):
        i -= 1
    if i <= 0 or doc[i].text not in _OPENING or doc[i - 1].is_punct or doc[i].is_sent_start:
        return False
    for j in range(tok.i + 1, min(tok.i + 7, len(doc))):
        if doc[j].text in _CLOSING:
            return True
        if not (_title_word(doc[j]) or doc[j].text in (".", ",", "!", "?") and j + 1 < len(doc) and doc[j + 1].text in _CLOSING):
            return False
    return False


def _title_word(tok: Token) -> bool:
    return tok.text[:1].isupper() or tok.lower_ in _TITLE_SMALL


def _matches(entry: dict, tok: Token) -> bool:
    if entry.get("pos") and tok.pos_ != entry["pos"]:
        return False
    if entry.get("always"):
        return True
    children = list(tok.children)
    deps = {c.dep_ for c in children}
    return bool(
        any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in entry.get("objects", ()) for c in children)
        or (tok.dep_ == "acl" and tok.head.lemma_.lower() in entry.get("objects", ()))  # "the language *embraced* by"
        or (tok.dep_ == "dobj" and tok.head.lemma_.lower() in entry.get("governors", ()))  # "*took* a call"
        or deps & set(entry.get("deps", ()))
        or any(c.dep_ == "prep" and c.lower_ in entry.get("preps", ()) and not _dated(c) for c in children)
        or (tok.dep_ in ("xcomp", "acomp", "nsubj") and tok.head.lemma_.lower() in entry.get("heads", ()))  # "is *to blame*"
        or _prefixed(tok, entry.get("prefixes", ()))
        or (entry.get("owned_objects") and _owns_object(tok, entry["owned_objects"]))
        or ("without" in entry and not {c.dep_ for c in children if not _no_complement(c)} & set(entry["without"]))
        or any(c.dep_ == "advmod" and c.lemma_.lower() in entry.get("adverbs", ()) for c in children)
        or (entry.get("owners") and _owned(tok))
        or (entry.get("thing_object") and _thing_object(tok))
        or any(c.dep_ in _MODIFIERS and c.i < tok.i and c.lemma_.lower() in entry.get("modifiers", ()) for c in children)
        or any(c.dep_ == "xcomp" and c.lemma_.lower() in entry.get("comps", ()) for c in children)
        or any(c.dep_ == "prep" and g.dep_ == "pobj" and g.lemma_.lower() in entry.get("prep_objects", ())
               for c in _with_objects_preps(children) for g in c.children))


def _dated(prep: Token) -> bool:
    """A preposition whose object is a date or a year ("recognized Palestine *in 2014*"): it says
    when, not which sense."""
    return any(g.dep_ == "pobj" and (g.ent_type_ in ("DATE", "TIME") or g.like_num) for g in prep.children)


def _no_complement(child: Token) -> bool:
    """A child that names nothing the word is about: a date ("demanded *in 2007*") or a relative
    pronoun object ("*what* Congress had demanded")."""
    return child.dep_ == "prep" and _dated(child) or child.dep_ == "dobj" and child.tag_ in ("WP", "WDT")


def _prefixed(tok: Token, prefixes) -> bool:
    """The word carries one of ``prefixes`` ("*self*-funding"), hyphenated or parsed apart."""
    if not prefixes:
        return False
    doc = tok.doc
    hyphen = tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in prefixes
    return hyphen or any(c.i < tok.i and c.lower_ in prefixes for c in tok.children)


def _owns_object(tok: Token, nouns) -> bool:
    """Its object, or the object of its preposition, is one of ``nouns`` owned by a possessive
    pronoun ("funded *his campaign*", "donate *to his campaign*"): one's own, no one else's."""
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(o.lemma_.lower() in nouns and any(c.dep_ == "poss" and c.lower_ in _POSSESSIVES | {"its"} for c in o.children)
               for o in objects)


def _with_objects_preps(children: list[Token]) -> list[Token]:
    """The word's children and its direct object's ("charged his campaign *for* rent")."""
    return children + [g for c in children if c.dep_ == "dobj" for g in c.children]


#: dependencies of words before a noun that qualify it ("a *campaign* rally")
_MODIFIERS = ("compound", "amod", "nmod")


def _owned(tok: Token) -> bool:
    """A noun whose possessor or compound is a person or a possessive pronoun ("his rally")."""
    return any(c.dep_ in ("poss", "compound", "nmod") and (_person_name(c) or c.lower_ in _POSSESSIVES)
               for c in tok.children)


#: entity labels of those who can be blamed or accused
_AGENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _thing_object(tok: Token) -> bool:
    """Its direct object names no one ("blamed *the national debt* for ..."): no entity of an
    agent, no pronoun, no word for people (the confidence table's public nouns), and no "on"
    saying whom it is put on ("blamed the violence *on* a disturbed man")."""
    from .confidence import table

    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None or any(c.dep_ == "prep" and c.lower_ == "on" for c in (*tok.children, *obj.children)):
        return False
    words = _core(obj)
    return not any(w.ent_type_ in _AGENT_LABELS or w.pos_ == "PRON" or w.lower_ in table().public_nouns
                   or w.lemma_.lower() in table().public_nouns for w in words)


def _core(noun: Token) -> list[Token]:
    """A noun phrase's own words: the noun, its modifiers and possessors, and what an "of" names
    ("the leaders *of Russia*"); not the clauses and phrases that say more about it ("part of
    the failure *in placing faith in Britain*")."""
    words = [noun]
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            words += [g for g in c.children if g.dep_ == "pobj" for g in _core(g)]
        elif c.dep_ in ("compound", "amod", "poss", "nmod", "conj", "appos", "det", "nummod"):
            words += list(c.subtree)
    return words


def _person_name(tok: Token) -> bool:
    """A person's name: so tagged, or a word of a person's name in the actor table ("Trump",
    which the tagger often takes for an organisation)."""
    return tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and any(
        row.actor_type == "person" for row in load_table().by_token.get(tok.text, ())))
