"""What the parse says about a timex: the verb it hangs on, that verb's tense, the word before
it, its sentence."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any


def _tokens_of(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span


def governing_verb(token):
    """The verb (or auxiliary) a token hangs on, climbing the dependency tree; None if none."""
    seen = 0
    while token is not None and seen < 12:
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        if token.head is token:
            return None
        token = token.head
        seen += 1
    return None


def tense_of(verb, ahead: Mapping[str, Any] | None = None) -> str:
    """past, present, future or none, from the verb's tag and its auxiliaries. An infinitive
    ("to close") is future when it completes a word that looks ahead (``ahead``, vocab.toml's
    TOAHEAD: "scheduled to close", "is to resume", "plans to sell"), past when that word is in
    the past perfect ("had been scheduled to expire")."""
    if verb is None:
        return "none"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {a.lower_ for a in auxes}
    if not auxes and (verb.tag_ == "VBN" and verb.dep_ == "advcl" and _subordinated(verb)
                      or verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl")):
        outer = governing_verb(verb.head)  # "When asked in October, he said": the clause's verb
        # (not a reduced relative, "the deal, announced Friday": a past act of its own)
        if outer is not None and outer.i != verb.i:
            return tense_of(outer, ahead)
    if lemmas & {"will", "'ll", "shall", "wo"} or any(a.lower_ == "going" for a in auxes):
        return "future"
    if lemmas & {"would", "could", "might", "may", "should", "must", "can"}:
        # "said it would vote Friday": the future of reported speech; "would have voted" not
        ahead_modal = lemmas & {"would", "must", "should"} and not lemmas & {"have", "'ve"} and verb.tag_ == "VB"
        return "future" if ahead_modal else "none"
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if tags & {"VBD"} or ("VBN" in tags and lemmas & {"has", "have", "had", "'s", "'ve"}):
        return "past"
    if verb.tag_ == "VBG" and lemmas & {"is", "are", "'s", "'re", "am"}:
        return "future"
    if tags & {"VBZ", "VBP"}:  # "is scheduled for Thursday", "is due Friday": ahead
        if verb.lemma_.lower() in (ahead or {}) and verb.lemma_.lower() != "be":
            return "future"
        return "future" if _future_clause(verb) else "present"
    if verb.tag_ == "VB" and "to" in lemmas and verb.head.i != verb.i:
        if past_perfect(verb.head):
            return "past"
        if verb.head.lemma_.lower() in (ahead or {}):
            return "past" if _past_while(verb.head) else "future"  # "As he prepared to speak Tuesday, ..."
        if verb.head.pos_ == "NOUN":  # "would declare its intention to leave by March": the noun's verb
            outer = governing_verb(verb.head)
            if outer is not None and outer.i != verb.i:
                return tense_of(outer, ahead)
        if verb.head.tag_ == "VBD" and verb.head.pos_ in ("VERB", "AUX"):
            return "past"  # "had to redo it over the weekend", "refused to testify Friday"
    return "none"


def _subordinated(verb) -> bool:
    """A participle clause opened by a conjunction ("When asked", "if elected")."""
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "if", "once", "after", "before", "while", "as")
               and c.i < verb.i for c in verb.children)


def _past_while(verb) -> bool:
    """A past clause of time opened by "as", "while", "when": what it looked ahead to was then."""
    return verb.tag_ == "VBD" and verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("as", "while", "when") for c in verb.children)


FUTURE_MARKS = frozenset({"if", "unless", "until", "before", "once", "when"})


def _future_clause(verb) -> bool:
    """A present tense in an adverbial clause of condition or time speaks of the future:
    "if he is the nominee in November", "when the Senate returns in September"."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in FUTURE_MARKS for c in verb.children)


def past_perfect(verb) -> bool:
    """The verb (or the one its infinitive completes, up to two steps: "had been due to
    expire") is in the past perfect: "had planned". A finite verb ends the climb."""
    v = verb
    for _ in range(3):
        if v is None:
            return False
        if any(c.lower_ == "had" for c in v.children if c.dep_ in ("aux", "auxpass")):
            return True
        if v.head.i == v.i or v.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return False
        v = v.head
    return False


def scheduled_present(doc, start: int, end: int, verb, stative: Mapping[str, Any]) -> bool:
    """A present-tense verb the timex hangs on directly, as a schedule ("the ministers meet
    Thursday", "the show opens on Friday"): not one of ``stative`` (vocab.toml's STATIVE: "is",
    "has", "says"), nor through a clause."""
    if doc is None or verb is None or verb.lemma_.lower() in stative:
        return False
    bare_root = verb.tag_ == "VB" and verb.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in verb.children)
    if verb.tag_ not in ("VBZ", "VBP") and not bare_root:  # "they meet" parsed as a bare VB
        return False
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children):
        return False
    if not _has_subject(verb) and not (verb.dep_ == "conj" and _has_subject(verb.head)):
        return False  # "did not revisit her remarks on Sunday": a noun the tagger read as a verb
    span = _tokens_of(doc, start, end)
    if span is None or len(span) == 0:
        return False
    head = span.root.head
    if head.lower_ in ("on", "in") and head.dep_ == "prep":
        head = head.head
    lo, hi = sorted((verb.i, span.root.i))
    if any(t.tag_ in ("VBD", "VBN") for t in doc[lo + 1:hi]):  # "..., which fell on Friday": misattached
        return False
    return head.i == verb.i and span.root.dep_ in ("npadvmod", "pobj", "tmod", "obl")


def _has_subject(verb) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _verb_at(doc, start: int, end: int):
    """The verb the text span hangs on (None: no parse, or no verb)."""
    if doc is None:
        return None
    span = _tokens_of(doc, start, end)
    if span is None or len(span) == 0:
        return None
    return governing_verb(span.root)


_LAST_WORD = re.compile(r"([A-Za-z]+)[\s,]*$")


def _after_forward_word(text: str, start: int, vocab) -> bool:
    """The timex follows a word that looks ahead whatever the verb's tense ("payable Dec. 1",
    "effective June 1", "due in March"): vocab.toml's FORWARD."""
    m = _LAST_WORD.search(text, max(0, start - 30), start)
    if m is not None and m.group(1).lower() in ("in", "on", "by"):
        m = _LAST_WORD.search(text, max(0, m.start() - 30), m.start())
    return m is not None and m.group(1).lower() in vocab.get("FORWARD", {})


def _sentence_of(doc, text: str, start: int, starts: list[int] | None) -> int:
    if starts is None:
        return text.count("\n\n", 0, start)
    from bisect import bisect_right
    return max(0, bisect_right(starts, start) - 1)
