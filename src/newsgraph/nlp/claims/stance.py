"""The stance a claim's frame gives it, and the proposition the frame is about.

Used by ``nlp/claims/extract.py`` on each piece of an attribution's content. The frame decides, in
this order:

- a denying, questioning or predicting cue ("denied", "wondered", "warned");
- a debunking frame around the proposition: "there is no evidence that X", "we have seen no
  sign that X", "X is a hoax", "X is not true", "reports of X have been exaggerated": the
  stance is ``denies`` and the claim is X;
- a claim noun opening the content ("denied the network's allegations that X"): the claim is
  X, never the noun phrase (nor its holder, who is not the one denying);
- a prediction in the proposition's own main verb: "will", "would", "going to", a modal of
  possibility before an event ("could boost", not "could be related", nor "may have bent"),
  or "expects to", "plans to", "is likely to";
- otherwise ``asserts``. A negation inside the proposition ("so that he would not lose")
  never makes a denial: only the frame does.

Word lists live in ``data/claims.yaml`` (``debunk``, ``future``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from ...records import Span
from ..shared.common import char_span, doc_text

__all__ = ["debunked", "stance_of"]

_TRIM = " \t\n,;:.-\u2013\u2014\"'\u201c\u201d\u2018\u2019"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    from .extract import load_rules

    words = load_rules()["debunk"]
    nouns = "|".join(words["evidence_nouns"])
    adj = r"(?:\w+\s+){0,3}?"
    lead = (rf"(?:there\s+(?:is|was|are|were|has\s+been|have\s+been)\s+no\s+{adj}(?:{nouns})"
            rf"|(?:\w+\s*)?(?:has|have|had|'ve|\u2019ve)?\s*(?:seen|found|got|uncovered)\s+no\s+{adj}(?:{nouns})"
            rf"|no\s+{adj}(?:{nouns})\s+(?:exists?|has\s+been\s+found))")
    verdict = "|".join(re.escape(w) for w in words["verdicts"])
    return {
        "lead": re.compile(rf"\s*(?:{lead})\s+(?:that|of|to\s+suggest\s+that|to\s+support\s+(?:the\s+claim\s+)?that)\s+",
                           re.I),
        "verdict": re.compile(rf"\s+(?:is|was|are|were|'s|\u2019s)\s+(?:(?:just|simply|all|nothing\s+but|completely|"
                              rf"totally|a|an|another|pure|complete|total|absolute|big|elaborate)\s+)*"
                              rf"[\"'\u201c\u2018]?(?:{verdict})[.!]?[\"'\u201d\u2019]?[\s.!]*$", re.I),  # were "rubbish."
        "called": re.compile(rf"\s+(?:as\s+)?[\"'\u201c\u2018]?(?:(?:a|an|simply|pure|\w+ly)\s+)*"
                             rf"(?:{verdict})[.!]?[\"'\u201d\u2019]?[\s.!]*$", re.I),  # 'called it "categorically false."'
        "exaggerated": re.compile(r"\s+(?:(?:has|have|had|may|might|must)\s+)*been\s+(?:\w+ly\s+)?"
                                  r"(?:exaggerated|overstated|overblown|debunked|disproved|disproven|refuted)[\s.!]*$",
                                  re.I),
    }


def debunked(text: str, span: Span) -> Span | None:
    """The proposition a debunking frame around ``span`` denies, or None: "there is no evidence
    that X" -> X; "X is a hoax" -> X; "reports that X have been greatly exaggerated" -> X."""
    pats = _patterns()
    m = pats["lead"].match(span.text)
    if m and m.end() < len(span.text):
        return _sub(text, span.start + m.end(), span.end)
    for key in ("verdict", "exaggerated"):
        m = pats[key].search(span.text)
        if m and m.start() > 0:
            return _report_content(text, _sub(text, span.start, span.start + m.start()))
    return None


_REPORT = re.compile(r"(?:the\s+|those\s+|these\s+)?(?:\w+\s+){0,2}?(?:reports?|claims?|rumou?rs?|allegations?|"
                     r"stories|story|suggestions?|speculation)\s+(?:that|of)\s+", re.I)


def _report_content(text: str, span: Span) -> Span:
    """"Reports that X" -> X (what the reports say is what is denied)."""
    m = _REPORT.match(span.text)
    if m and m.group(0).rstrip().lower().endswith("of") and not re.search(r"\w+ing\b", span.text[m.end():]):
        return span  # "rumors of a coup": the rumours are what is denied, not "a coup"
    return _sub(text, span.start + m.end(), span.end) if m and m.end() < len(span.text) else span


def _sub(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return Span(start, end, text[start:end])


def stance_of(doc: Doc, content: Span, lemmas: list[str], rules) -> tuple[str, Span]:
    """``(stance, proposition)`` for one piece of content under a cue of ``lemmas``."""
    text = doc_text(doc)
    content = _named_proposition(doc, content)
    if any(w in lemmas for w in rules["debunk"]["verdict_cues"]):
        m = _patterns()["called"].search(content.text)
        if m and m.start() > 0:  # "called [it] 'unfounded'": it is denied
            return "denies", _report_content(text, _sub(text, content.start, content.start + m.start()))
    for stance, words in rules["stance_lemmas"].items():
        if any(w in lemmas for w in words):
            return stance, content
    if any(w in lemmas for w in rules["debunk"]["cue_lemmas"]):
        return "denies", content
    denied = debunked(text, content)
    if denied is not None and denied.text:
        return "denies", denied
    if _single_question(content):
        return "questions", content
    if _predicted(doc, content, rules["future"]):
        return "predicts", content
    return "asserts", content


def _single_question(content: Span) -> bool:
    """A content that is one question ("Is it over?"), not statements ending in one."""
    body = content.text.rstrip(" \"'\u201d\u2019")
    return body.endswith("?") and not re.search(r"[.!?]\s", body[:-1])


_CLAIM_NOUNS = frozenset({"allegation", "accusation", "claim", "charge", "report", "rumor", "rumour",
                          "suggestion", "assertion", "contention", "speculation", "story", "notion", "idea"})


_SAYING = frozenset({"say", "claim", "suggest", "allege", "state", "assert", "indicate", "contend"})


def _named_proposition(doc: Doc, content: Span) -> Span:
    """A content opening with a claim noun and its "that" clause ("the network's allegations
    that the patient was drugged"): the proposition is the clause."""
    span = char_span(doc, content.start, content.end)
    if span is None or not len(span):
        return content
    root = span.root
    if root.lemma_.lower() not in _CLAIM_NOUNS or root.i - span.start > 5:
        return content
    for child in root.children:
        if child.dep_ == "acl" and child.tag_ == "VBG" and child.lemma_.lower() in _SAYING:
            clause = next((c for c in child.children if c.dep_ == "ccomp"), None)  # "reports saying X": X
        elif child.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that"
                                                              for m in child.children):
            clause = child
        else:
            continue
        toks = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)] if clause is not None else []
        if toks and content.start <= toks[0].idx < content.end:  # (a clause cut off the content stays off)
            return _sub(doc_text(doc), toks[0].idx, min(content.end, toks[-1].idx + len(toks[-1])))
    return content


def _main_verb(doc: Doc, content: Span):
    """The first verb of the proposition whose head lies outside it (its main verb)."""
    span = char_span(doc, content.start, content.end)
    if span is None or not len(span):
        return None
    for tok in span:
        if tok.pos_ in ("VERB", "AUX") and not (span.start <= tok.head.i < span.end and tok.head != tok):
            return tok
    return None


_COMMITTING = frozenset({"vow", "promise", "pledge", "threaten"})
#: participles of a state, not an event to come: "could be related to", "may be based on"
_STATIVE = frozenset({"relate", "link", "connect", "tie", "base", "cause", "involve", "associate", "consider", "see",
                      "view", "regard", "know", "attribute", "explain", "compare", "derive", "locate", "hold",
                      "responsible", "worth", "contain", "owe", "find", "mistake", "confuse", "inspire"})
#: a time of the past set in the proposition: "could"/"would" there is past ability or habit
_PAST_TIME = re.compile(r"\b(?:as an? (?:boy|girl|child|kid|teenager|teen|student|young (?:man|woman))|"
                        r"when (?:he|she|they|i|we|you) (?:was|were)|back then|at the time|years ago|"
                        r"that (?:night|day|morning|evening|afternoon)|last (?:night|week|month|year)|yesterday|"
                        r"in those days|in the past)\b", re.I)


def _predicted(doc: Doc, content: Span, words) -> bool:
    """Does the proposition's main verb speak of what will or may happen?"""
    span = char_span(doc, content.start, content.end)
    if span is not None and len(span) and _plan(span.root, words):
        return True  # "plans to spin off its textiles operations"
    verb = _main_verb(doc, content)
    if verb is None:
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = [a.lower_ for a in aux]
    # "would have won", "may have bent", "he'd gone": done, or not, but not to come
    # "might have been saved": a perfect passive looks back too
    perfect = verb.tag_ == "VBN" and (any(a.lemma_.lower() == "have" for a in aux) or (
        lowers[-1:] in (["'d"], ["\u2019d"]) and not any(a.dep_ == "auxpass" for a in aux)))
    if perfect:
        return False
    if lowers[-1:] in (["could"], ["would"]) and _PAST_TIME.search(content.text):
        return False  # "as a boy he could swim across": an ability or habit of the past
    if any(w in words["auxiliaries"] for w in lowers):
        return True
    if verb.lemma_.lower() == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
        return True  # "is going to change"
    negated = any(c.dep_ == "neg" for c in verb.children)
    if any(w in words["modals"] for w in lowers) and verb.lemma_.lower() != "be" \
            and not any(a.lower_ == "be" for a in aux) and not ("could" in lowers and negated):
        return True  # "could boost", "might resume"; not "could be related", "could not verify"
    if any(w in words["modals"] for w in lowers) and any(a.dep_ == "auxpass" for a in aux) and not negated \
            and verb.tag_ == "VBN" and verb.lemma_.lower() not in _STATIVE:
        return True  # "could be used in an attack", "may be postponed"; not "could be linked to"
    lemma = {verb.lemma_.lower(), verb.lower_}  # (the lemmatizer reads "hopes" as "hop")
    if lemma & set(words["intent_lemmas"]) and any(c.dep_ == "xcomp" for c in verb.children):
        # "expects to continue", "intends to bid"; not "the company threatened to cut": a threat
        # or promise made in the past is an act that happened
        return not (lemma & _COMMITTING and verb.tag_ in ("VBD", "VBN"))
    if lemma & set(words["foresee_lemmas"]):
        return True  # "they can expect strong dividends"
    return any(c.dep_ == "acomp" and c.lemma_.lower() in words["likely"] and
               any(g.dep_ == "xcomp" for g in c.children) for c in verb.children)  # "is likely to be"


def _plan(tok, words) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in words["intent_nouns"] and any(
        c.dep_ == "acl" and any(g.lower_ == "to" for g in c.children) for c in tok.children)
