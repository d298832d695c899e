"""Whether an attributed content holds a proposition its source states, and where it ends.

Used by ``nlp/claims/extract.py`` on each piece of content (after the quotation marks and
"that" are taken off). PolNeAR counts these frames as attributions, but none of them is a
claim of its source, so a claim made of one keeps a tenth of its confidence (it is stored,
not shown):

- a question asked ("asked how he knew that", "asked whether the senator would run",
  "wondered why the mayor left"; "wondered whether X" and "questioned whether X" question X);
- a reduced passive cue: the source was asked or told, not asking or telling ("When asked
  whether the plan was right, most voters said it was not": "asked" is not the voters'), or
  is what others think of ("The gunman, thought to be John Smith, ..."), or was told it
  ("Rushed to hospital, he was told that ...");
- a line that only introduces an embedded post ("CBC says: | X tweets:");
- an exclamation or thanks ("What a statement that would make", "Thank God for the guards");
- an infinitive cue on a noun: no one says it ("there is good reason to believe X");
- a dateline read as a source ("MAIDUGURI, Nigeria — The leader ... said");
- a topic, what the source spoke about ("his talking point of preventing a larger war",
  "expressed concern about the policy");
- evidence pointed to or cited ("pointed to the rising tax receipts", "citing witnesses");
- a non-answer: a cue the source did not use ("has yet to announce a date", "failed to say"),
  or a content whose own main verb is a speech or knowing verb refused, or
  negated before an open question ("he couldn't yet say if the prices would hold", "she did
  not know whether", "he declined to say when"; not "he doesn't know the answer").

:func:`own_extent` cuts another act of the source off the end of what it said ("said the
plan failed, and accused the board of ..."): the parse often hangs it inside the content.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ...records import Attribution, Span
from ..shared.common import char_span, dateline_end, doc_text

__all__ = ["no_proposition", "own_extent"]

_ASKING = frozenset({"ask", "wonder", "inquire", "query", "question"})
_WH = frozenset({"how", "why", "what", "when", "where", "who", "whom", "which", "whose"})
_ANSWER_VERBS = frozenset({"say", "tell", "confirm", "comment", "know", "disclose", "reveal", "specify",
                           "elaborate", "discuss", "speculate", "predict"})
_REFUSAL = frozenset({"decline", "refuse"})
_REFLEXIVE = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"})


def no_proposition(doc: Doc, att: Attribution, content: Span, lemmas: list[str]) -> str | None:
    """Why ``content`` is no claim of the attribution's source ("question", "asked",
    "non-answer"), or None when it may be one."""
    span = char_span(doc, content.start, content.end)
    if span is None or not len(span):
        return None
    if _ASKING & set(lemmas) and (span[0].lower_ in _WH or {"ask", "inquire"} & set(lemmas)):
        return "question"
    if "know" in lemmas and span[0].lower_ in _WH:
        return "question"  # "knows what you mean", "knew where the keys were": nothing stated
    if "find" in lemmas and span[0].lower_ in _REFLEXIVE:
        return "found himself"  # "has found himself one of the most popular boys": became, not a finding
    if _reduced_passive(doc, att) or _passive_aside(doc, att, span) or _addressed(doc, att):
        return "asked"
    if _dateline(doc, att):
        return "dateline"
    if att.source is not None and att.source.text.strip().lower() in ("time", "only time", "history") \
            and "tell" in lemmas:
        return "idiom"  # "Time will tell whether the deal holds": no one says it
    if _non_answer(span.root) or _unsaid(doc, att):
        return "non-answer"
    if _maybe_said(doc, att):
        return "hypothetical"
    if _gapped(doc, att, span):
        return "gapped"
    if _authors_own(doc, att):
        return "author"
    if _topic(doc, att, span) or _explained_topic(doc, att, span):
        return "topic"
    if _passive_target(doc, att):
        return "target"
    if _shown_to(doc, att):
        return "shown"
    if _noun_infinitive(doc, att):
        return "no one"
    if _EXCLAMATION.match(content.text.lstrip("\"'\u201c\u2018 ")) and not _cleft(span):
        return "exclamation"
    if _introduces(doc, content):
        return "introduces"
    return _an_act(span, set(lemmas)) or _plea_or_response(doc, att, set(lemmas)) or _written(doc, att, span)


_WRITING = frozenset({"post", "publish"})
_WRITINGS = frozenset({"story", "article", "letter", "piece", "book", "column", "post", "editorial", "essay", "blog",
                       "memo", "note", "message", "email", "e-mail", "tweet", "headline", "op", "report", "chapter",
                       "song", "poem", "script", "novel", "review", "obituary"})
_REQUESTS = frozenset({"request", "offer", "proposal", "bid", "plea", "appeal", "motion", "application",
                       "demand", "invitation", "nomination", "deal", "petition", "call"})
_CLAIM_NOUNS = frozenset({"claim", "allegation", "accusation", "charge", "report", "rumor", "rumour", "suggestion",
                          "assertion", "contention", "speculation", "story", "notion", "idea", "account", "version",
                          "assessment", "conclusion", "finding", "characterization", "characterisation",
                          "description", "narrative", "premise", "theory", "interpretation", "argument", "view",
                          "statement", "remark", "comment", "criticism", "portrayal"})


_RESPONDING = frozenset({"respond", "react", "reply"})
_PLEADING = frozenset({"urge", "appeal", "plead"})


def _plea_or_response(doc: Doc, att: Attribution, lemmas: set[str]) -> str | None:
    """What the cue took is a bare noun phrase: "responded to the claims" names what was
    answered, "urged patience" or "called for calm" a plea; neither states a proposition."""
    span = char_span(doc, att.content.start, att.content.end) if att.content else None
    if span is None or not len(span) or span[0].pos_ not in ("DET", "NOUN", "PROPN", "ADJ", "PRON", "NUM") or any(
            t.pos_ in ("VERB", "AUX") or (t.dep_ == "mark" and t.lower_ == "that") for t in span):
        return None
    if lemmas & _RESPONDING:
        return "responded"
    if "call" in lemmas and _calls_nothing(doc, att):
        return "named"  # "call centers", "called a meeting": no "X called Y Z"
    if lemmas & _PLEADING or ("call" in lemmas and span.start > 0 and doc[span.start - 1].lower_ == "for"):
        return "urged"
    return None


def _written(doc: Doc, att: Attribution, span) -> str | None:
    """"wrote a story under the headline ...", "wrote a letter to the mayor": the object of a
    writing cue, right after it and with no verb, names what was written or to whom, not what
    it says."""
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    verbs = [t for t in cue if t.lemma_.lower() in _HANDING] if cue is not None else []
    if not verbs or att.quoted or span[0].i != cue[-1].i + 1:
        return None
    if span.root.dep_ == "dobj" and span.root.head == verbs[0] and _bare_noun(span) and span.root.pos_ == "NOUN":
        return "wrote"  # "posted photos of the car mentioning a prank", "told his story to the site ..."
    if any(t.pos_ in ("VERB", "AUX") for t in span) or verbs[0].lemma_.lower() not in ("write", "send", "pen"):
        return None
    if cue[-1].lower_ == "to" or span.root.lemma_.lower() in _WRITINGS:
        return "wrote"
    return None


#: cues that hand something over: what they take as an object is the thing, not a proposition
_HANDING = frozenset({"write", "send", "pen", "post", "publish", "add", "share", "upload", "release", "tweet",
                      "tell"})


def _calls_nothing(doc: Doc, att: Attribution) -> bool:
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    verbs = [t for t in cue if t.lemma_.lower() == "call"] if cue is not None else []
    return bool(verbs) and not any(c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "attr", "advcl") or (
        c.dep_ == "prep" and c.lower_ in ("for", "on", "upon")) for c in verbs[0].children) \
        and sum(c.dep_ == "dobj" for c in verbs[0].children) == 1


def _an_act(span, lemmas: set[str]) -> str | None:
    """A cue that names an act, not a saying: "posted net income of $6 million", "published
    the results", "agreed to buy the plant", "rejected a request", "promised to be crucial",
    "will find it difficult to"."""
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in span)
    if lemmas & _WRITING and verbless:
        return "posted"
    if "agree" in lemmas and (span[0].lower_ == "to" or span.root.pos_ in ("NOUN", "PROPN", "PRON")):
        return "agreed to"  # "agreed to buy the plant", "agrees only on its opposition to X"
    head = span.root.lemma_.lower()
    if "reject" in lemmas and head not in _CLAIM_NOUNS and (verbless or head in _REQUESTS):
        return "refused"  # "rejected those dates", "rejected a request" (not "the claim")
    if lemmas & {"promise", "threaten"} and len(span) > 1 and [t.lower_ for t in span[:2]] == ["to", "be"]:
        return "bound to"  # "the debate promised to be crucial": an expectation, not a promise
    if "find" in lemmas and len(span) > 1 and span[0].lower_ == "it" and span[1].pos_ == "ADJ":
        return "found it"
    if ("cite" in lemmas or "point" in lemmas) and _bare_noun(span):
        return "cited"  # "pointed to the rising receipts", "citing witnesses": evidence, not what is said
    if lemmas & _TOUTING and verbless:
        return "touted"  # "emphasizing her efforts on jobs", "showing off pictures of the offices"
    if lemmas & {"criticize", "criticise", "attack", "slam", "blast"} and all(
            t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.lower_ in ("and", ",", "the")
            for t in span):
        return "criticized"  # "criticized Sanders and Clinton": whom, not what is held against them
    if "attack" in lemmas and verbless and (span.root.ent_type_ in ("GPE", "LOC", "FAC") or head in _PLACES):
        return "assaulted"  # "insurgents attacked the town of X": force, not words ("attacked his plan" stays)
    return None


#: cues of putting something forward: what they take as a bare noun is a thing shown, not a claim
_TOUTING = frozenset({"emphasize", "emphasise", "stress", "highlight", "tout", "showcase", "promote", "flaunt"})
#: what is attacked by force, not in words
_PLACES = frozenset({"town", "village", "city", "base", "camp", "checkpoint", "convoy", "post", "station", "building",
                     "compound", "embassy", "border", "position", "market", "church", "mosque", "school", "hospital",
                     "police", "barracks", "outpost", "airport", "port", "ship", "vessel", "plane", "district"})


#: "What a statement that would make", "How sad", "Thank God for ...", "Thanks to all": said,
#: but no proposition (CLAIMS_GUIDE: greetings or exclamations are no claims).
_EXCLAMATION = re.compile(r"(?:what an? \w+(?: \w+)?(?: that| it| this)?\b(?![^.?!]*\?)|how (?:sad|great|wonderful|"
                          r"terrible|awful|nice|lovely|tragic)\b|thank (?:god|you|heaven)|thanks\b(?! to\b)|congratulations\b|"
                          r"(?:and |but )?look (?:what|at)\b)",
                          re.I)


_INTRODUCING = frozenset({"say", "tweet", "write", "post", "report", "add", "explain", "note", "state", "tell",
                          "share", "respond", "reply", "announce"})


def _introduces(doc: Doc, content: Span) -> bool:
    """"CBC says: | Ana Ruiz, a reporter, tweets:": a content that only introduces what comes
    next (an embedded post the text does not hold) ends in a colon at the end of its line."""
    text = doc_text(doc)
    end = content.end
    while end < len(text) and text[end] in " \t\"\u201d'":
        end += 1
    if not (end < len(text) and text[end] == ":" and text[end + 1:end + 2] in ("\n", "\r", "")):
        return False
    span = char_span(doc, content.start, content.end)
    words = [t for t in span if not t.is_punct] if span is not None else []
    return bool(words) and words[-1].pos_ == "VERB" and words[-1].lemma_.lower() in _INTRODUCING


def _cleft(span) -> bool:
    """"What a country needs is roads": a clause as the subject of "is" states something."""
    root = span.root
    return root.lemma_.lower() == "be" and any(c.dep_ == "csubj" for c in root.children)


def _noun_infinitive(doc: Doc, att: Attribution) -> bool:
    """"there is good reason to believe it is genuine", "an effort to claim": an infinitive cue
    that hangs on a noun has no one who says or believes; the noun is no source."""
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    verbs = [t for t in cue if t.pos_ == "VERB"] if cue is not None else []
    if verbs:
        return verbs[0].dep_ in ("acl", "relcl") and verbs[0].head.pos_ == "NOUN" \
            and any(c.lower_ == "to" and c.dep_ == "aux" for c in verbs[0].children)
    nouns = [t for t in cue if t.pos_ == "NOUN"] if cue is not None else []
    content = char_span(doc, att.content.start, att.content.end) if att.content else None
    return bool(nouns) and nouns[0].lemma_.lower() in _RESOLVE_NOUNS and content is not None and len(content) \
        and content[0].lower_ in ("to", "not")  # "his decision not to attend the debate": an act


#: nouns of a resolve to act, whose infinitive is what is to be done, not a proposition
_RESOLVE_NOUNS = frozenset({"decision", "plan", "bid", "effort", "attempt", "refusal", "intention", "vow", "pledge",
                            "promise", "offer", "move", "choice", "determination", "resolve"})


_TOPIC_MARKS = frozenset({"of", "about", "on", "over"})
_PROPOSING = frozenset({"warn", "accuse", "convince", "assure", "suspect", "caution"})


def _topic(doc: Doc, att: Attribution, span) -> bool:
    """"his talking point of preventing a larger war", "expressed deep concern about the
    policy", "spoke of the harbour": a content with no verb after "of", "about", "on" names
    what the source spoke about, not a proposition it states (unless the cue proposes:
    "warned of a recession")."""
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    before = doc[span[0].i - 1] if span[0].i else None
    if cue is None or not len(cue) or before is None or before.lower_ not in _TOPIC_MARKS:
        return False
    if {t.lemma_.lower() for t in cue} & _PROPOSING:
        return False
    if before.lower_ in ("about", "on", "over") and span[0].lower_ in _WH | {"whether", "if"}:
        return True  # "made conflicting statements about how he would tackle taxes": a topic
    if all(t.pos_ == "NOUN" for t in cue if not t.is_punct) and before.lower_ == "about":
        return True  # "Smith's claim about 100,000 apps is based on ...": the claim's topic, not it
    if span[0].tag_ == "VBG" and span.root == span[0]:  # a gerund: "of preventing a larger war"
        return not any(c.dep_.startswith("nsubj") for c in span[0].children)
    return not any(t.pos_ in ("VERB", "AUX") for t in span)


_EXPLAINING = frozenset({"explain", "discuss", "outline", "detail", "describe", "address", "mention", "defend",
                         "justify", "lay"})
_TOPIC_HEADS = frozenset({"reason", "reasoning", "rationale", "motivation", "decision", "thinking", "plan", "plans",
                          "position", "details", "detail", "process", "approach", "strategy", "choice", "move",
                          "proposal", "policy", "vision", "case", "background", "circumstances", "situation",
                          "support", "opposition", "role", "goal", "goals", "view", "views", "stance"})


def _explained_topic(doc: Doc, att: Attribution, span) -> bool:
    """"explained the reason for his support", "outlined her plan": what was explained is
    named, not stated (unlike "acknowledged the reality of X" or "explained that X")."""
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    if cue is None or not len(cue) or not {t.lemma_.lower() for t in cue} & _EXPLAINING:
        return False
    if span[0].i != cue[-1].i + 1 or any(t.pos_ in ("VERB", "AUX") or t.lower_ == "as" for t in span):
        return False
    return span.root.lemma_.lower() in _TOPIC_HEADS or span.root.lower_ in _TOPIC_HEADS


#: cues whose passive says what others think of the subject ("is believed to", "were suspected
#: of", "The gunman, thought to be X,")
_HEARSAY = frozenset({"suspect", "accuse", "charge", "blame", "allege", "believe", "think", "say", "report",
                      "know", "rumor", "rumour", "expect", "consider", "understand", "fear", "presume"})


def _passive_target(doc: Doc, att: Attribution) -> bool:
    """"The brothers were suspected of the bombing", "He is believed to have fled": the
    subject of a passive cue with no agent is who the claim is about; its source is unsaid."""
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    if cue is None or att.source is None:
        return False
    for t in cue:
        if t.lemma_.lower() in _HEARSAY and any(c.dep_ == "auxpass" for c in t.children) \
                and not any(c.dep_ == "agent" for c in t.children):
            subj = [c for c in t.children if c.dep_ == "nsubjpass"]
            return bool(subj) and subj[0].lower_ != "it" and subj[0].idx >= att.source.start \
                and subj[0].idx < att.source.end
    return False


def _shown_to(doc: Doc, att: Attribution) -> bool:
    """"The programme will show viewers a year in the garden": what is shown to an audience is
    a depiction, not a claim ("photos show X", "polls show a close race" stay claims)."""
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    if cue is None:
        return False
    if any(t.lemma_.lower() == "show" and any(c.dep_ in ("dative", "iobj") for c in t.children) for t in cue):
        return True
    source = char_span(doc, att.source.start, att.source.end) if att.source else None
    content = char_span(doc, att.content.start, att.content.end) if att.content else None
    return source is not None and len(source) and source.root.lemma_.lower() in _FIGURES and content is not None \
        and len(content) and _bare_noun(content)  # "the map below shows the capital, Maykop": a figure


#: figures of a page, which show places and things rather than state something
_FIGURES = frozenset({"map", "diagram", "graphic", "illustration", "infographic", "table", "screenshot"})


def _bare_noun(span) -> bool:
    """A noun phrase that states nothing of its own: no "that" clause ("evidence that ..." states)."""
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    return not any(c.dep_ in ("acl", "ccomp", "relcl") and any(m.lower_ == "that" and m.dep_ == "mark"
                                                                for m in c.children) for c in root.children)


_FIRST_PERSON = frozenset({"i", "we"})
_OPEN_MARKS, _CLOSE_MARKS = "\u201c\u00ab", "\u201d\u00bb"


def _authors_own(doc: Doc, att: Attribution) -> bool:
    """"I find it hard to ...", "We expect Apple to ..." outside any quotation: the writer's
    own view, not a source's (inside a quotation, the speaker's I is nested in their claim)."""
    words = att.source.text.lower().split() if att.source is not None else []
    if not words or words[0] not in _FIRST_PERSON or len(words) > 2 or att.speaker_id:
        return False  # ("I would’ve thought": the parse may take the auxiliary into the source)
    text = doc_text(doc)
    before = text[text.rfind("\n", 0, att.source.start) + 1:att.source.start]
    lead = before.lstrip()[:1]
    if lead and lead in "\"'\u2018" + _OPEN_MARKS:
        return False  # a paragraph of a quotation
    curly = sum(before.count(m) for m in _OPEN_MARKS) > sum(before.count(m) for m in _CLOSE_MARKS)
    return not curly and before.count('"') % 2 == 0


def _reduced_passive(doc: Doc, att: Attribution) -> bool:
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    if cue is None or not len(cue):
        return False
    verbs = [t for t in cue if t.pos_ == "VERB"]
    if len(verbs) != 1 or verbs[0].tag_ not in ("VBN", "VBD") or verbs[0].dep_ not in ("advcl", "acl"):
        return False  # (the parser often tags the "asked" of "When asked ..." VBD)
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent") for c in verbs[0].children)


_TELLING = frozenset({"tell", "inform", "assure", "advise", "warn", "notify", "ask", "brief", "remind"})


def _addressed(doc: Doc, att: Attribution) -> bool:
    """"He was told that ...": the subject of a passive verb of telling heard it, not said it."""
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    return cue is not None and any(t.lemma_.lower() in _TELLING and any(c.dep_ == "auxpass" for c in t.children)
                                   for t in cue)



def _passive_aside(doc: Doc, att: Attribution, span) -> bool:
    """"The gunman, thought to be John Smith, ...": a hearsay participle set off after a noun
    says what others think of it (the parser often reads the noun as its subject)."""
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    if cue is None or len(cue) != 1 or span[0].lower_ != "to" or cue[0].tag_ not in ("VBN", "VBD") \
            or cue[0].lemma_.lower() not in _HEARSAY:
        return False
    return doc_text(doc)[:att.cue.start].rstrip().endswith(",")


def _dateline(doc: Doc, att: Attribution) -> bool:
    """"MAIDUGURI, Nigeria — The leader of the group said ...": the dateline is no source."""
    if att.source is None:
        return False
    text = doc_text(doc)
    para = text.rfind("\n", 0, att.source.start) + 1
    return not text[para:att.source.start].strip() and att.source.end <= dateline_end(text, para)


def _non_answer(root: Token) -> bool:
    """"couldn't say if ...", "did not know whether ...", "declined to say when ..."."""
    lemma = root.lemma_.lower()
    negated = any(c.dep_ == "neg" for c in root.children)
    if lemma in _REFUSAL:
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in _ANSWER_VERBS for c in root.children)
    return negated and lemma in _ANSWER_VERBS and any(_open_question(c) for c in root.children)


_NOT_YET = frozenset({"fail", "refuse", "decline"})


def _unsaid(doc: Doc, att: Attribution) -> bool:
    """"has yet to announce a date", "failed to say ...": the cue is what the source did not do."""
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    verbs = [t for t in cue if t.pos_ == "VERB"] if cue is not None else []
    if not verbs or verbs[0].dep_ != "xcomp":
        return False
    head = verbs[0].head
    return head.lemma_.lower() in _NOT_YET or any(c.lower_ == "yet" and c.dep_ == "advmod" for c in head.children)


def _maybe_said(doc: Doc, att: Attribution) -> bool:
    """"they may cheerily declare the problem solved", "some might argue that ...": a saying
    that may or might happen is no claim anyone made."""
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    verbs = [t for t in cue if t.pos_ == "VERB"] if cue is not None else []
    return bool(verbs) and any(c.dep_ == "aux" and c.lower_ in ("may", "might") for c in verbs[0].children)


def _gapped(doc: Doc, att: Attribution, span) -> bool:
    """"the units that Apple expects to ship": a cue in a clause about a thing that is its
    object states no proposition; nor does a bare predicate whose subject the parse lost,
    after a relative cue or after the cue's own complement."""
    cue = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    verbs = [t for t in cue if t.pos_ == "VERB"] if cue is not None else []
    if not verbs:
        return False
    verb, head = verbs[0], span.root
    if not att.quoted and _subjectless_finite(head) and head.i > verb.i and (
            verb.dep_ == "relcl" or any(c.dep_ == "xcomp" and c.i < head.i for c in verb.children)):
        return True  # "How many Apple expects to ship | is unknown", "a scenario they say | was reinforced"
    if verb.dep_ != "relcl" or span[0].lower_ != "to":
        return False
    subject = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subject) and subject[0].lower_ not in ("that", "which", "who") \
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") and c.i > head.i for c in head.children)


def _subjectless_finite(verb: Token) -> bool:
    """A finite verb ("is", "was reinforced") with no subject of its own."""
    finite = verb.tag_ in ("VBZ", "VBD", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBD", "VBP", "MD") for c in verb.children)
    return finite and verb.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)


def _open_question(clause: Token) -> bool:
    """A clause left open: "if ...", "whether ...", "when ..." (not "the answer", "that ...")."""
    if clause.dep_ not in ("ccomp", "advcl", "xcomp"):
        return False
    first = clause.left_edge
    return first.lower_ in _WH or first.lower_ in ("if", "whether")


def own_extent(doc: Doc, att: Attribution, content: Span, acts: frozenset[str]) -> Span:
    """``content`` less a tail that is another act of the source: a verb of ``acts`` (saying,
    accusing, adding) joined with no subject of its own ("said the plan failed, and accused
    the board of ...", "said X, adding that Y"); only for an unquoted content after the cue."""
    if att.quoted or att.cue is None or content.start < att.cue.end:
        return content
    span = char_span(doc, content.start, content.end)
    if span is None or not len(span):
        return content
    cue = char_span(doc, att.cue.start, att.cue.end)
    cues = {t.i for t in cue} if cue is not None else set()
    for tok in span[1:]:
        if tok.dep_ == "conj" and (tok.head.i in cues and tok.tag_ == tok.head.tag_ and tok.tag_ in ("VBD", "VBG")
                                   or _parallel_participle(tok, cue)):
            end = _before(span, tok)  # "told him it was a bite, and gave him cream", "telling X ..., and threatening"
            if end is not None and end > content.start:
                return Span(content.start, end, doc_text(doc)[content.start:end])
        if tok.lemma_.lower() not in acts:
            continue
        own = any(c.dep_.startswith("nsubj") for c in tok.children)
        if tok.dep_ in ("conj", "advcl") and tok.tag_ in ("VBD", "VBG") and not own or _new_speaker(tok, own) \
                or _with_others(tok):
            end = _before(span, tok)
            if end is not None and end > content.start:
                return Span(content.start, end, doc_text(doc)[content.start:end])
    return content


def _parallel_participle(tok: Token, cue) -> bool:
    """"for telling them that X would be better off, and threatening them with ...": a
    participle with no subject joined to a finite clause after a participle cue parallels the
    cue (the parse hangs it on the content)."""
    return cue is not None and any(t.tag_ == "VBG" for t in cue) and tok.tag_ == "VBG" \
        and tok.head.tag_ != "VBG" and not any(c.dep_.startswith("nsubj") for c in tok.children)


def _new_speaker(tok: Token, own: bool) -> bool:
    """"... will be worse, and Trump says some of them ...": another saying, by a subject of its
    own, joined to the content."""
    return own and tok.dep_ == "conj" and tok.tag_ in ("VBZ", "VBD", "VBP") \
        and any(c.dep_ == "cc" for c in tok.head.children if c.i < tok.i)


def _with_others(tok: Token) -> bool:
    """", with friends suggesting he acted ...": others' saying, set after a comma."""
    prep = tok.head if tok.dep_ == "pcomp" else tok.head.head
    return tok.tag_ == "VBG" and (tok.dep_ == "pcomp" or tok.dep_ == "acl" and tok.head.dep_ == "pobj") \
        and prep.lower_ == "with" and prep.i > 0 and prep.doc[prep.i - 1].text == ","


def _before(span, tok: Token) -> int | None:
    """The end of the last word before ``tok``'s clause, less the comma and "and" joining it."""
    first = min(tok.left_edge.i, tok.i)
    if _with_others(tok):  # ", with friends suggesting": from "with"
        first = min(first, (tok.head if tok.dep_ == "pcomp" else tok.head.head).i)
    words = [t for t in span if t.i < first]
    while words and (words[-1].is_punct or words[-1].lower_ in ("and", "but", "then")):
        words.pop()
    return words[-1].idx + len(words[-1]) if words else None
