"""Token-level attribution frames: cue detection, cue extent, source, content, overlaps.

Everything here works on a spaCy Doc and returns character offsets; records are built in
``nlp/attribution/extract.py``. See that module for the method.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .lexicon import Lexicon, logistic
from .edges import choose_last
from .quotes import find_quote_spans
from ..shared.common import Tokens, char_span, entities, sent_of, tokens_of

__all__ = ["Frame", "Quote", "chain_candidates", "colon_frames", "content_tokens", "CUE_FEATURES", "cue_features", "cue_frame_key", "cue_heads", "frame_features", "frame_for_cue", "candidate_frames", "cue_log_odds", "LIKELY_CUE", "frame_probability", "judged", "orphan_quotes",
           "part_detail", "quotes_of", "resolve", "reviewed_end", "text_of", "trimmed_end"]

Char = tuple[int, int]
_EDGE_PUNCT = set(",.;:-\u2014\u2013()[]")
_CLOSING_MARKS = "\"'\u201d\u2019`"
_QUOTE_CHARS = set("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb`")
_GAP_AFTER_CUE = re.compile(r"[ \t\xa0,:\u2014\u2013-]*(?:that[ \t\xa0]*)?\Z")
_GAP_BEFORE_CUE = re.compile(r"[ \t\xa0,\u2014\u2013-]*\Z")
_MARKS = " .,;:!?\"'\u201c\u201d\u2018\u2019`\x02"
# the rest of a sentence: no end mark but the last, short capitalised abbreviations aside
# ("in Binghamton, N.Y.", "Sen.", "Calif.")
_SENTENCE_TAIL = re.compile(r"(?:[^.!?\n\"\u201c\u201d]|(?<![A-Za-z])[A-Z][a-z]{0,4}\.(?=[\s,;:)A-Z])"
                            r"|(?<=[a-z])\.(?=(?:com|org|net|gov)\b))*[.!?]?\s*")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # char offsets, marks included
    end: int
    first: int  # token range [first, last)
    last: int


@dataclass(frozen=True, slots=True)
class Frame:
    head: int  # token index of the cue head
    lemma: str
    cue: Char
    source: Char | None
    content: tuple[Char, ...]
    quoted: bool
    score: float
    relative: bool = False  # the cue heads a relative clause ("..., which X said ...")

    def chars(self) -> list[Char]:
        return [self.cue, *([self.source] if self.source else []), *self.content]


# ---------------------------------------------------------------- quotes

def text_of(doc: Doc) -> str:
    return _text(doc)


def _text(doc: Doc) -> str:
    """doc.text, built once (spaCy rebuilds it on every access)."""
    text = doc.user_data.get("newsgraph_text")
    if text is None:
        text = doc.user_data["newsgraph_text"] = doc.text
    return text


def quotes_of(doc: Doc, lex: Lexicon) -> tuple[list[Quote], int]:
    spans, ambiguous = find_quote_spans(_text(doc))
    out = []
    for q in spans:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append(Quote(q.start, q.end, span.start, span.end))
    return out, ambiguous


def _quote_relation(tok: Token, quotes: list[Quote]) -> int:
    """2 inside a quote, 1 a quote in the same sentence, 0 none."""
    sent = sent_of(tok.doc, tok.i)
    rel = 0
    for q in quotes:
        if q.first <= tok.i < q.last:
            return 2
        if q.first < sent.end and q.last > sent.start:
            rel = 1
    return rel


def cue_frame_key(tok: Token, quotes: list[Quote]) -> str:
    """The frame of a candidate cue: clausal complement, quote relation, subject."""
    t = tokens_of(tok.doc)
    return _frame_key(t, t.children(tok.i), _quote_relation(tok, quotes))


def _frame_key(t: Tokens, kids: list[int], quote_relation: int) -> str:
    """:func:`cue_frame_key` of a token with children ``kids``, given its quote relation."""
    deps = {t.dep[c] for c in kids}
    comp = int(not deps.isdisjoint(("ccomp", "xcomp")))
    subj = int(not deps.isdisjoint(("nsubj", "nsubjpass", "poss")))
    return f"c{comp}q{quote_relation}s{subj}"


class _QuoteRelations:
    """:func:`_quote_relation` for the tokens of one doc: whether a token is inside a quote
    is looked up in one table, and whether its sentence holds a quote is worked out once per
    sentence."""

    def __init__(self, doc: Doc, quotes: list[Quote]):
        self.doc, self.quotes = doc, quotes
        self.inside = [False] * len(doc)
        for q in quotes:
            self.inside[q.first:q.last] = [True] * (q.last - q.first)
        self.of_sentence: dict[int, int] = {}

    def __getitem__(self, i: int) -> int:
        if self.inside[i]:
            return 2
        sent = sent_of(self.doc, i)
        rel = self.of_sentence.get(sent.start)
        if rel is None:
            rel = self.of_sentence[sent.start] = int(any(q.first < sent.end and q.last > sent.start
                                                         for q in self.quotes))
        return rel


# ---------------------------------------------------------------- cues

def cue_features(tok: Token, frame: str) -> list[str]:
    """What the cue model (``data/attribution_cue_model.tsv``) weighs about a candidate cue:
    its lemma with its frame, dependency label, tag and governor; its dependents (the kind
    of subject, the object, prepositions, a clausal complement) and its neighbours."""
    t = tokens_of(tok.doc)
    lemma = t.lemma[tok.i]
    values, deps, preps = _feature_values(t, tok.i, frame, t.children(tok.i))
    feats = [f"{kind}={lemma}|{v}" if with_lemma else f"{kind}={v}"
             for (kind, with_lemma), v in zip(CUE_FEATURES, values)]
    feats += [f"c={d}" for d in deps] + [f"lc={lemma}|{d}" for d in deps]
    feats += [f"lp={lemma}|{w}" for w in preps]
    return feats


#: The cue model's features in order: (kind, whether the cue's lemma goes before the value),
#: as "lf=say|c1q0s1"; then one "c=" and one "lc=" per dependency label of the cue's
#: children, then one "lp=" per preposition or particle (see :func:`_feature_values`).
CUE_FEATURES = (("l", False), ("p", False), ("f", False), ("lf", True), ("d", False), ("ld", True),
                ("t", False), ("lt", True), ("lh", True), ("hd", False), ("s", False), ("ls", True),
                ("n", False), ("ln", True), ("pv", False), ("lpv", True), ("lo", True), ("oe", False))


def _feature_values(t: Tokens, i: int, frame: str, kids: list[int]) -> tuple[list[str], list[str], list[str]]:
    """The values of :data:`CUE_FEATURES` for token ``i``, the sorted labels of its children
    and the words of its prepositions and particles."""
    lemma, dep, tag = t.lemma[i], t.dep[i], t.tag[i]
    deps = sorted({t.dep[c] for c in kids})
    subj = next((c for c in kids if t.dep[c] in ("nsubj", "nsubjpass")), None)
    obj = next((c for c in kids if t.dep[c] in ("dobj", "pobj")), None)
    nxt = t.word[i + 1] if i + 1 < len(t.word) else "</s>"
    prv = t.word[i - 1] if i > 0 else "<s>"
    subj_kind = "none" if subj is None else (t.ent[subj] or t.tag[subj])
    head = t.head[i]
    values = [lemma, t.pos[i], frame, frame, dep, dep, tag, tag, t.lemma[head], t.dep[head], subj_kind,
              subj_kind, nxt, nxt, prv, prv, t.lemma[obj] if obj is not None else "-",
              t.ent[obj] if obj is not None else "-"]
    return values, deps, [t.lower[c] for c in kids if t.dep[c] in ("prep", "prt", "agent")]


def _cue_probability(lex: Lexicon, t: Tokens, i: int, frame: str, kids: list[int]) -> float:
    """``lex.cue_model_probability(cue_features(doc[i], frame))`` without building the
    feature strings: each weight is looked up by the feature's value in the model's table
    for its kind (and the cue's lemma), the weights summed in the same order."""
    values, deps, preps = _feature_values(t, i, frame, kids)
    tables = lex.cue_weight_tables(t.lemma[i], CUE_FEATURES)
    weights = [table.get(v, 0.0) for table, v in zip(tables, values)]
    c, lc, lp = tables[len(CUE_FEATURES):]
    weights += [c.get(d, 0.0) for d in deps] + [lc.get(d, 0.0) for d in deps] + [lp.get(w, 0.0) for w in preps]
    return lex.cue_model_logistic(weights)


#: a candidate this likely to be a cue claims the quotation it governs, stops a content from
#: running on over it, and makes a cue inside its content a nested one
LIKELY_CUE = 0.35


def candidate_frames(doc: Doc, quotes: list[Quote], lex: Lexicon) -> tuple[list[Frame], frozenset[int]]:
    """A frame for every candidate cue of :func:`cue_heads` that has one, before the frame
    model and overlap resolution; and the token indices of the likely cues among them."""
    cands = list(cue_heads(doc, quotes, lex))
    heads = frozenset(t.i for t, p in cands if p >= LIKELY_CUE)
    return [f for f in (frame_for_cue(doc, c, quotes, lex, heads) for c in cands) if f], heads


def cue_heads(doc: Doc, quotes: list[Quote], lex: Lexicon):
    allowed = set(lex.rules["cue_pos"])
    threshold = lex.rules["cue_threshold"]
    denial, nouns = set(lex.rules["denial_lemmas"]), set(lex.rules["speech_nouns"])
    t = tokens_of(doc)
    relations = _QuoteRelations(doc, quotes)
    for i, (lemma, pos) in enumerate(zip(t.lemma, t.pos)):
        if pos not in allowed or _disagreeing(doc[i]):
            continue
        unseen = threshold > 0 and not lex.may_be_cue(lemma, pos)
        if unseen and not (pos == "VERB" and relations[i] == 1 and _touches_quote(doc, i, quotes)):
            continue  # p would be 0: skip the costly frame key
        kids = t.children(i)
        key = _frame_key(t, kids, relations[i])
        if "q2" in key and not lex.rules["cues_inside_quotes"]:
            continue
        if lex.cue_weights:
            p = _cue_probability(lex, t, i, key, kids)
        else:
            p = lex.cue_probability(lemma, pos, key)
        if p >= (lex.rules["low_threshold"] if _low_bar(t, i, denial, nouns) else threshold):
            yield doc[i], p


#: plural forms that take a singular verb ("the news says", "the series shows")
_SINGULAR_PLURALS = frozenset(("news", "series", "species", "means", "headquarters", "politics", "physics",
                               "economics", "statistics", "data", "media", "police"))


def _disagreeing(word: Token) -> bool:
    """A singular verb on a plural common noun in lower case is a misread noun ("organizers of the
    awards shows like X": "shows" is a noun), not a cue."""
    return word.tag_ == "VBZ" and any(c.dep_ == "nsubj" and c.tag_ == "NNS" and c.text.islower()  # not "Wines believes"
                                      and c.lower_ not in _SINGULAR_PLURALS
                                      and not any(k.dep_ == "cc" for k in c.children) for c in word.children)


def _touches_quote(doc: Doc, i: int, quotes: list[Quote]) -> bool:
    """'"...," Smith barked.' / 'Smith interjected: "..."': does a quotation touch verb ``i``
    with its subject, as :func:`_touching_quotes` says?"""
    verb = doc[i]
    start = next((c.left_edge.idx for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < i),
                 None)
    if start is None:  # '"...," Trump barked' parsed with no subject
        start = (_name_after_quote(doc, verb, quotes) or (verb.idx,))[0]
    return bool(_touching_quotes(doc, (start, verb.idx + len(verb)), quotes))


def _low_bar(t: Tokens, i: int, denial: set[str], nouns: set[str]) -> bool:
    """A denial, or the verb that spells out a named accusation ("an accusation saying ...")."""
    return t.lemma[i] in denial or (t.dep[i] == "acl" and t.lemma[t.head[i]] in nouns)


def part_detail(child: Token) -> str | None:
    """A preposition with its object's lemma ("in:statement"), to tell "said in a statement"
    (part of the cue) from "said in Iowa" (not)."""
    if child.dep_ != "prep":
        return None
    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
    return f"{child.lower_}:{obj.lemma_.lower()}" if obj is not None else None


#: how far (in tokens) past the cue's last word a child that carries the cue on may lie
CHAIN_GAP = 4


def chain_candidates(word: Token, end: int) -> list[Token]:
    """The children of a cue word that may carry the cue on past its last token ``end``: to
    the right, no punctuation, within :data:`CHAIN_GAP` tokens, nothing between but their
    own left dependents ("a whack", "to define"), and not a preposition of time ("denied on
    Thursday that ...": the date says when, it is not the cue's). In text order."""
    return [c for c in word.children if end < c.i <= end + CHAIN_GAP and not c.is_punct
            and c.left_edge.i <= end + 1 and not _of_time(c)]


def _of_time(word: Token) -> bool:
    return word.dep_ == "prep" and any(o.ent_type_ in ("DATE", "TIME") for o in word.children)


def _cue_chain(head: Token, end: int, lex: Lexicon) -> list[Token]:
    """The words that carry the cue on past its last token, each a child of the one before
    ("took -> whack -> at", "declined -> define", "released -> statement -> saying"), as
    train says (``data/attribution_cue_chain.tsv``)."""
    chain, word = [], head
    while True:
        nxt = next((c for c in chain_candidates(word, end)
                    if lex.in_chain(word.lemma_.lower(), c.dep_, c.lemma_.lower())), None)
        if nxt is None:
            return chain
        chain.append(nxt)
        word, end = nxt, nxt.i


def _cue_tokens(head: Token, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """The cue's tokens (contiguous around the head) and the prepositions taken in as words."""
    left, right = head.i, head.i
    preps = []
    kids = sorted(head.children, key=lambda c: abs(c.i - head.i))
    for child in kids:
        decision = lex.part_decision(child.dep_, child.lower_, head.lemma_.lower(), part_detail(child))
        if decision == "none":
            continue
        a, b = (child.left_edge.i, _part_end(child)) if decision == "subtree" else (child.i, child.i)
        if b == left - 1 or a == right + 1 or (a >= left and b <= right):
            left, right = min(left, a), max(right, b)
            if decision == "token" and child.dep_ == "prep":
                preps.append(child)
    toks = [head.doc[i] for i in range(left, right + 1)]
    return toks, preps


_CLAUSE_DEPS = ("acl", "relcl", "ccomp", "advcl", "xcomp", "conj", "appos")


def _part_end(child: Token) -> int:
    """The last token of a part the cue takes whole, short of a clause hanging from it:
    "said in a statement | that ...", "signed a letter of apology | that he said ..." (a
    parse that hangs the content on the statement)."""
    end = child.right_edge.i
    for t in child.subtree:
        if t.i > child.i and t.dep_ in _CLAUSE_DEPS:
            end = min(end, t.left_edge.i - 1)
    return end


# ---------------------------------------------------------------- spans

def _trim(toks: list[Token]) -> Char | None:
    """Char span of tokens, without punctuation at the edges (quote marks only in pairs)."""
    while toks and (toks[0].text in _EDGE_PUNCT or not toks[0].text.strip()):
        toks = toks[1:]
    while toks and (toks[-1].text in _EDGE_PUNCT or not toks[-1].text.strip() or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    if toks and toks[0].text in _QUOTE_CHARS and toks[-1].text not in _QUOTE_CHARS:
        toks = toks[1:]
    if toks and toks[-1].text in _QUOTE_CHARS and toks[0].text not in _QUOTE_CHARS:
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def trimmed_end(doc: Doc, first: int, last: int) -> int | None:
    """Where a span of tokens ``first..last`` ends once trimmed (None when nothing is left)."""
    span = _trim(list(doc[first:last + 1]))
    return span[1] if span else None


def _close_bracket(first: Token, last: Token) -> int:
    """End of a span ending at ``last``, taking in the ``)`` that closes a bracket opened
    inside it ("Rep. John Culberson (R-TX)")."""
    end = last.idx + len(last)
    doc = last.doc
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.text == ")" and nxt.idx == end:
        inner = doc[first.i:last.i + 1].text
        if inner.count("(") > inner.count(")"):
            return end + 1
    return end


def _subtree_chars(tok: Token) -> Char | None:
    return _trim(list(tok.subtree))


def _without_time_tail(tok: Token) -> Char | None:
    """A subject's words less a date the parse hung on it: "Cruz's campaign | on Monday"."""
    toks = list(tok.subtree)
    tail = [c for c in tok.children if c.i > tok.i and c.right_edge.i == toks[-1].i and (
        (c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children if g.dep_ == "pobj"))
        or (c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME")))]
    if tail:
        toks = [t for t in toks if t.i < tail[0].left_edge.i]
    if toks[0].lower_ in _TOPIC_LEADS and toks[0].dep_ in ("nsubj", "prep"):  # "Of Carson, Levine ... said"
        comma = next((t for t in toks if t.text == ","), None)
        if comma is not None and comma.i < toks[-1].i:
            toks = [t for t in toks if t.i > comma.i]
    return _trim(toks)


#: words that open a topic fronted before the speaker ("Of Carson, Levine said", "As for the
#: budget, the mayor said"), which the parse may hang on the subject
_TOPIC_LEADS = frozenset({"of", "about", "on", "regarding", "as"})


def _runs(doc: Doc, idxs: list[int]) -> tuple[Char, ...]:
    """Contiguous runs of token indices as trimmed char spans."""
    out, run = [], []
    for i in sorted(idxs):
        if run and i != run[-1] + 1:
            out.append(run)
            run = []
        run.append(i)
    if run:
        out.append(run)
    spans = [_trim([doc[i] for i in r]) for r in out]
    return tuple(_with_bracket(doc, s) for s in spans if s and s[1] - s[0] > 1)


def _with_bracket(doc: Doc, span: Char) -> Char:
    toks = doc.char_span(*span, alignment_mode="expand")
    return (span[0], _close_bracket(toks[0], toks[-1])) if toks is not None and len(toks) else span


# ---------------------------------------------------------------- source

def _source(head: Token, preps: list[Token], lex: Lexicon, quotes: list[Quote]) -> Char | None:
    outside = [q for q in quotes if not q.first <= head.i < q.last]
    span = _source_span(head, preps, lex, outside)
    return _closing_punct(_text(head.doc), span) if span else None


def _closing_punct(text: str, span: Char) -> Char:
    """PolNeAR keeps the comma closing an appositive source ("Brian Fallon, a spokesman,")
    and the bracket closing one opened inside it."""
    s, e = span
    inner = text[s:e]
    if e < len(text) and text[e] == "," and "," in inner:
        return s, e + 1
    if e < len(text) and text[e] == ")" and inner.count("(") > inner.count(")"):
        return s, e + 1
    return span


def _source_span(head: Token, preps: list[Token], lex: Lexicon, quotes: list[Quote]) -> Char | None:
    """The cue's subject; else the object of a preposition of the cue ("according to X"), never
    of one that names the topic or a party ("said about X", "agreed with X that");
    else the agent of a passive; else its governor's subject (conjuncts, "adding ...").
    Never a subject inside a quotation the cue is outside of (a parse that runs the quote
    into the cue's clause)."""
    if not any(c.dep_ in lex.rules["source_deps"] for c in head.children):
        for p in (p for p in preps if p.lower_ not in ("about", "regarding", "with")):  # "said about X": the topic
            objs = [c for c in p.children if c.dep_ == "pobj"]
            if objs:
                return _subtree_chars(objs[0])
    tok = head
    for _ in range(3):
        for dep in lex.rules["source_deps"]:
            kids = [c for c in tok.children if c.dep_ == dep and not any(q.first <= c.i < q.last for q in quotes)]
            if kids:  # two subjects are a misparse ("The good: Senator Jones wrote"): the nearer speaks
                return _without_time_tail(min(kids, key=lambda c: abs(c.i - tok.i)))
        agent = [c for c in tok.children if c.dep_ == "agent"]
        for a in agent:
            objs = [c for c in a.children if c.dep_ == "pobj"]
            if objs:
                return _subtree_chars(objs[0])
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
            return _noun_source(tok.head)
        if tok.dep_ not in lex.rules["inherit_deps"] or tok.head == tok:
            return None
        controller = [c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i]
        if tok.dep_ == "xcomp" and controller and lex.rules["object_control"]:
            return _subtree_chars(controller[0])  # "summoned the ambassador to explain": the ambassador
        tok = tok.head
    return None


_AUTHORING = frozenset({"make", "issue", "release", "publish", "send", "post", "file", "give", "deliver", "write",
                        "sign", "lodge", "put", "tweet", "air", "broadcast", "submit", "present", "draft", "prepare"})


def _noun_source(noun: Token) -> Char | None:
    """The source of "an accusation saying ...": the subject of the verb by which the noun was
    authored ("Seoul made an accusation"), else the noun with its left modifiers ("Lee
    disputed a report saying ...": the report says it, not Lee)."""
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in _AUTHORING:
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return _subtree_chars(subj[0])
    return _trim(list(noun.doc[noun.left_edge.i:noun.i + 1]))


# ---------------------------------------------------------------- content

_TITLE_WORDS = frozenset(("a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to", "with"))


def _titled(text: str, q: Quote) -> bool:
    """A quoted title ('"Meet the Press"', '"Hard Hats for Hillary,"'): a few words, each
    capitalised but the small ones, and no mark that ends a sentence."""
    inner = text[q.start:q.end].strip(_MARKS + " ,")
    words = inner.split()
    return (2 <= len(words) <= 6 and not any(ch in inner for ch in ".!?") and words[0][:1].isupper()
            and all(w[:1].isupper() or w in _TITLE_WORDS for w in words))


def _touching_quotes(doc: Doc, block: Char, quotes: list[Quote]) -> list[Quote]:
    text = _text(doc)
    out = []
    for q in quotes:
        if q.end <= block[0] and _GAP_BEFORE_CUE.match(text[q.end:block[0]]) and \
                not text[q.start:q.end].rstrip(_CLOSING_MARKS).endswith("."):
            out.append(q)  # not '"... all yours." He added: "..."' -- a sentence of its own
        elif q.start >= block[1] and _GAP_AFTER_CUE.match(text[block[1]:q.start]):
            that = text.find("that", block[1], q.start)
            out.append(replace(q, start=that) if that >= 0 else q)
    return out


_MODIFIER_DEPS = ("dobj", "dative", "prep", "npadvmod", "advmod", "agent")


def _modifiers_end(doc: Doc, head: Token, end: int, quotes: list[Quote]) -> int:
    """`"A," he told Bloomberg News in October, "B."`: the end of the cue's own objects and
    modifiers that follow ``end`` (the cue, or its source after it) with no quote among them,
    so that a quote right after them touches the cue."""
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    if span is None or not len(span):
        return end
    last = span[-1].i
    for child in sorted(head.children, key=lambda c: c.i):
        if child.i <= last:
            continue
        if child.left_edge.i != last + 1 or child.dep_ not in _MODIFIER_DEPS:
            break
        if any(q.first <= child.right_edge.i and child.left_edge.i < q.last for q in quotes):
            break
        last = child.right_edge.i
    return doc[last].idx + len(doc[last])


def _raised_subject(head: Token, lex: Lexicon) -> Token | None:
    """The subject of "Carson seems to ...", "advisers are said to ...": part of the content,
    not a source (a raising verb, or a passive cue without an agent, with an infinitive)."""
    kids = list(head.children)
    if not any(c.dep_ in ("xcomp", "oprd") for c in kids):
        return None
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
    passive = any(c.dep_ == "auxpass" for c in kids) and not any(c.dep_ == "agent" for c in kids)
    if subj is not None and (passive or head.lemma_.lower() in lex.rules["raising_lemmas"]):
        return subj
    return None


def _content_child(head: Token, used: set[int], lex: Lexicon) -> tuple[Char, ...]:
    """The subtree of the cue's complement (without the cue and its source), as runs."""
    kids = sorted(head.children, key=lambda c: c.i < head.i)  # a complement after the cue first
    deps = lex.rules["content_deps"] + (lex.rules["noun_content_deps"] if head.pos_ == "NOUN" else [])
    for dep in deps:
        for child in kids:
            if child.dep_ != dep or child.i in used:
                continue
            if dep not in lex.rules["content_deps"] and not _clausal(child):
                continue  # a noun's clause that does not say what was claimed
            idxs = [t.i for t in child.subtree if t.i not in used]
            if dep == "xcomp" and child.i > head.i:
                idxs = _xcomp_object(head, child, used) + idxs
            if lex.rules["content_to_sentence_end"] and child.i > head.i:
                idxs += _rest_of_sentence(head, idxs, used)
            elif child.i > head.i:
                idxs += _stray_conjunct(head, max(idxs))
            if dep in lex.rules["object_deps"]:
                idxs += _object_complements(head, max(idxs), used, lex)
            if child.i > head.i:
                idxs = _without_trailing_aside(head.doc, idxs, lex)
            runs = _runs(head.doc, idxs)
            if runs:
                return runs
    return ()


def _for_clause(head: Token, last: int) -> Token | None:
    """"has called for the wage to be raised", "is pushing for his state to become ...": the
    clause opened by "for" right after the cue (the parse makes it an adverbial clause) is
    what was called for; its "for" ends the cue."""
    for child in head.children:
        mark = child.left_edge
        if child.dep_ == "advcl" and mark.i == last + 1 and mark.lower_ == "for" and \
                mark.dep_ == "mark" and mark.head == child:
            return child
    return None


def _part_clause(cue_toks: list[Token]) -> tuple[Char, ...]:
    """"said in a statement that ...": the clause right after the cue that the parse hangs
    on a word the cue took in (the statement) says what was said."""
    end = cue_toks[-1].i
    for tok in cue_toks:
        for child in tok.children:
            if child.dep_ in ("acl", "relcl", "ccomp") and child.left_edge.i == end + 1:
                return _runs(tok.doc, [t.i for t in child.subtree])
    return ()


def _clausal(acl: Token) -> bool:
    """"her claim that she never sent ...", "his promise to build a wall": a noun's clause
    that says what was claimed or promised (not "a measure opposed by unions")."""
    return any(c.dep_ in ("mark", "aux") and c.lower_ in ("that", "to") and c.i < acl.i for c in acl.children)


def _without_trailing_aside(doc: Doc, idxs: list[int], lex: Lexicon) -> list[int]:
    """"announced his engagement to X, who is the ex-wife of Y": a clause set off by a comma
    that closes the content (a non-restrictive relative, "while ...", "so ...") is the
    writer's aside, not what the source said."""
    last = max(idxs)
    members = set(idxs)
    for i in sorted(idxs):
        tok = doc[i]
        if tok.right_edge.i != last or tok.left_edge.i - 1 not in members or i == min(idxs):
            continue
        comma = doc[tok.left_edge.i - 1]
        if comma.text != "," or not _is_aside(tok, lex):
            continue
        return [j for j in idxs if j < comma.i]
    return idxs


def _is_aside(tok: Token, lex: Lexicon) -> bool:
    if tok.dep_ == "relcl":
        return any(c.tag_ in ("WDT", "WP", "WP$", "WRB") for c in tok.children) or \
            tok.left_edge.lower_ in ("which", "who", "whom", "whose", "where", "when")
    if tok.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in lex.rules["aside_marks"] for c in tok.children)
    return False


def _xcomp_object(head: Token, xcomp: Token, used: set[int]) -> list[int]:
    """"urged his parishioners to vote", "called on the United States to extradite him": the
    object before the infinitive is part of what was urged or asked."""
    objs = [c for c in head.children if c.dep_ == "dobj" and head.i < c.i < xcomp.i]
    objs += [o for p in head.children if p.dep_ == "prep" and p.i in used and p.i > head.i
             for o in p.children if o.dep_ == "pobj" and o.i < xcomp.i]
    if not objs:
        return []
    return [t.i for t in objs[0].subtree]


def _object_complements(head: Token, last: int, used: set[int], lex: Lexicon) -> list[int]:
    """"described the behaviour as evidence of ...": the cue's own dependents right after its
    object belong to the content (times and places too: PolNeAR train says so)."""
    out: list[int] = []
    for child in sorted(head.children, key=lambda c: c.i):
        if child.i <= last or child.i in used:
            continue
        if child.dep_ not in lex.rules["object_complement_deps"] or child.left_edge.i != last + 1:
            break
        out += [t.i for t in child.subtree]
        last = child.right_edge.i
    return out


def _stray_conjunct(head: Token, last: int) -> list[int]:
    """", but has even witnessed X" right after the complement, parsed as a conjunct of a
    verb above the cue: a subjectless verb phrase shares the complement's subject, so it
    belongs to the content."""
    doc = head.doc
    i = last + 1
    while i < len(doc) and (doc[i].is_punct and doc[i].text in ",;" or doc[i].dep_ == "cc"):
        i += 1
    if i == last + 1 or i >= len(doc):
        return []
    verb = next((t for t in doc[i:min(i + 4, len(doc))] if t.dep_ == "conj"), None)
    if verb is None or verb.head not in head.ancestors or any(c.dep_.startswith("nsubj") for c in verb.children):
        return []
    return list(range(last + 1, verb.right_edge.i + 1))


def _rest_of_sentence(head: Token, idxs: list[int], used: set[int]) -> list[int]:
    """Tokens after the complement up to the sentence end, when none of them belongs to the
    cue's own clause before it (PolNeAR's content runs to the end of the sentence)."""
    last = max(idxs)
    end = sent_of(head.doc, head.i).end
    return [i for i in range(last + 1, end) if i not in used]


def _passive_subject(head: Token, used: set[int]) -> Char | None:
    """"Both incidents were claimed by the Islamic State", "Lazio was dismissed by the
    media": with nothing else said, the subject of a passive cue is what was said."""
    if not any(c.dep_ == "auxpass" for c in head.children):
        return None
    subj = next((c for c in head.children if c.dep_ == "nsubjpass" and c.i not in used), None)
    return _subtree_chars(subj) if subj is not None else None


def _as_complement(head: Token, used: set[int], lex: Lexicon) -> tuple[Char, ...]:
    """"The kingdom is seen as a bulwark", "whom he described as having ...": a content that
    lies before its cue goes on with what the cue says of it after ("as ...")."""
    for child in head.children:
        if child.i > head.i and child.i not in used and (
                child.dep_ == "prep" and child.lower_ == "as" or child.dep_ in lex.rules["as_complement"]):
            span = _subtree_chars(child)
            return (span,) if span else ()
    return ()


def _agent(head: Token) -> Char | None:
    """The "by X" of a passive cue."""
    for a in (c for c in head.children if c.dep_ == "agent"):
        for obj in (c for c in a.children if c.dep_ == "pobj"):
            return _subtree_chars(obj)
    return None


def _prep_object(head: Token, preps: list[Token], source: Char | None, used: set[int],
                 lex: Lexicon) -> tuple[Char, ...]:
    """"talked about X", "refers to the islands as bases": the object of a preposition the cue
    takes in (with what follows it, as for a direct object) is the content -- unless it is the
    source ("according to X")."""
    for p in preps:
        for obj in (c for c in p.children if c.dep_ in ("pobj", "pcomp")):
            span = _subtree_chars(obj)
            if span and (source is None or not _overlaps(span, source)):
                idxs = [t.i for t in obj.subtree]
                idxs += _object_complements(head, max(idxs), used - set(idxs), lex)
                return _runs(head.doc, idxs)
    return ()


def _parenthetical(head: Token, used: set[int], lex: Lexicon) -> tuple[Char, ...]:
    if head.dep_ not in lex.rules["parenthetical_deps"] and head.dep_ != "prep":
        return ()
    gov = head.head
    if gov == head:
        return ()
    while gov.dep_ in ("conj", "advcl") and gov.head.i < gov.i < head.i:
        gov = gov.head  # "A, but B, according to X": the whole sentence is what X says
    own = {t.i for t in head.subtree} | used
    sent = sent_of(head.doc, head.i)
    idxs = [t.i for t in gov.subtree if t.i not in own and sent.start <= t.i < sent.end]
    return _runs(head.doc, idxs)


def _unspoken(head: Token, lex: Lexicon) -> bool:
    """An infinitive cue controlled by its governor's object: "summoned the ambassador to
    explain", "urged Russia to say": a speech asked for, not made, so nobody is its source
    (unless the governor says it was made: "forced the chairman to admit")."""
    if head.dep_ not in ("xcomp", "advcl") or head.tag_ != "VB" or \
            not any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        return False
    governor = head.head
    return governor.lemma_.lower() not in lex.rules["implicative_control"] and \
        any(c.dep_ == "dobj" and c.i < head.i for c in governor.children)


def frame_for_cue(doc: Doc, cand: tuple[Token, float], quotes: list[Quote], lex: Lexicon,
                  heads: frozenset[int] = frozenset()) -> Frame | None:
    head, score = cand
    if _unspoken(head, lex):
        return None
    cue_toks, preps = _cue_tokens(head, lex)
    chain = _cue_chain(head, cue_toks[-1].i, lex) if lex.chain else []
    if chain:
        cue_toks = list(doc[cue_toks[0].i:chain[-1].i + 1])
    for_clause = None if chain else _for_clause(head, cue_toks[-1].i)
    if for_clause is not None:
        cue_toks.append(for_clause.left_edge)
    cue = (cue_toks[0].idx, cue_toks[-1].idx + len(cue_toks[-1]))
    used = {t.i for t in cue_toks} | {t.i for p in preps for t in p.subtree}
    raised = _raised_subject(head, lex)
    source = None if raised is not None else _source(head, preps, lex, quotes)
    if source is None and raised is None:  # the parse lost the subject
        source = _name_after_quote(doc, head, quotes) or _fronted_appositive(doc, head)
    brackets = _brackets_around(_text(doc), head.idx)
    if source is not None and brackets is not None and not brackets[0] <= source[0] < brackets[1]:
        source = None  # "(some claim that X)": a cue inside brackets speaks for no one outside them
    block = (min(cue[0], source[0]), max(cue[1], source[1])) if source and _joins(doc, source, cue, head) else cue
    inside = [q for q in quotes if q.first <= head.i < q.last]
    if lex.rules["quote_after_cue_modifiers"]:
        block = (block[0], _modifiers_end(doc, head, block[1], quotes))
    touching = [] if inside else [q for q in _touching_quotes(doc, block, quotes)
                                  if (q.start > cue[0] or not _claimed(doc, q, heads)) and not _titled(_text(doc), q)]
    last = chain[-1] if chain else head  # what the cue's last word governs is the content
    if last.dep_ in ("prep", "agent") and chain:
        child = _prep_object(head, [last], source, used, lex)
    else:
        child = _content_child(last, used, lex) or _part_clause(cue_toks)
        if not child and for_clause is not None:
            child = _runs(doc, [t.i for t in for_clause.subtree if t.i not in used])
    clause = () if inside else tuple(_to_quote_edges(_text(doc), c, quotes) for c in child)
    if touching and clause and all(q.end <= block[0] for q in touching) and \
            any(c.dep_ in ("ccomp", "xcomp") and c.i > head.i and "\n" not in _text(doc)[head.idx:c.idx]
                and _right_after(doc, cue_toks[-1].i, c.left_edge.i) and not _subordinate(c.left_edge)
                for c in head.children):
        touching = []  # '"A," he noted, calling B' -- the clause after the cue is what he noted
    if touching and not _wider_than_quotes(_text(doc), clause, [q for q in touching if q.start > cue[0]]):
        content = tuple(_with_lead_in(doc, q, lex) if q.end <= cue[0] else _with_object(doc, head, q)
                        for q in touching)
        quoted = True
    elif touching:  # the clause holds the quote after the cue; one before the cue is what was said
        before = [q for q in touching if q.end <= cue[0]]
        content = tuple(_with_lead_in(doc, q, lex) for q in before) if before else clause
        quoted = True
    else:
        content = child or _prep_object(head, preps, source, used, lex) or _parenthetical(head, used, lex)
        if not content and (subject := _passive_subject(head, used)) is not None:
            content, source = (subject,), _agent(head)
        if lex.rules["as_complement"] and content and content[-1][1] <= cue[0]:
            content += _as_complement(head, used, lex)
        if raised is not None and content:
            subj = _subtree_chars(raised)
            content = tuple(sorted(((subj,) if subj else ()) + content))
        content = tuple(_to_quote_edges(_text(doc), c, quotes) for c in content)
        quoted = False
    content = _by_line(_text(doc), content, cue, quoted)
    if not quoted and lex.edge_weights:
        content = reviewed_end(doc, head, cue, content, quotes, lex.edge_weights, heads)
    if not content:
        return None
    return Frame(head.i, head.lemma_.lower(), cue, source, content, quoted, score + (1.0 if quoted else 0.0),
                 head.dep_ == "relcl")


def content_tokens(doc: Doc, cue: Char, content: tuple[Char, ...]) -> tuple[int, int] | None:
    """The first and last token of the content's last piece when it follows the cue (the
    piece whose end :func:`reviewed_end` reviews), else None."""
    if not content or content[-1][0] < cue[1]:
        return None
    span = char_span(doc, *content[-1])
    return (span[0].i, span[-1].i) if span is not None and len(span) else None


def reviewed_end(doc: Doc, head: Token, cue: Char, content: tuple[Char, ...], quotes: list[Quote],
                 weights: dict[str, float], heads: frozenset[int] = frozenset()) -> tuple[Char, ...]:
    """The content with its last piece ending where the edge model says (``nlp.attribution_edges``),
    never across a line break, never inside a quotation."""
    edges = content_tokens(doc, cue, content)
    if edges is None:
        return content
    first, last = edges
    new_last = choose_last(doc, head, first, last, weights, heads)
    if new_last == last:
        return content
    piece = _trim(list(doc[first:new_last + 1]))
    if piece is None or piece[1] - piece[0] < 2 or "\n" in _text(doc)[piece[0]:piece[1]]:
        return content
    piece = _to_quote_edges(_text(doc), _with_bracket(doc, piece), quotes)
    return content[:-1] + (piece,)


def _by_line(text: str, content: tuple[Char, ...], cue: Char, quoted: bool) -> tuple[Char, ...]:
    """No content piece crosses a line break (PolNeAR: 3 of 19,891 train contents do): a
    quote running over paragraphs becomes one piece per paragraph; an unquoted content keeps
    only what lies in the paragraph of the cue (a parse that ran two paragraphs into one
    sentence)."""
    pieces = []
    for a, b in content:
        for m in re.finditer(r"[^\n]+", text[a:b]):
            s, e = a + m.start(), a + m.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e - s > 1:
                pieces.append((s, e))
    if quoted:
        return tuple(pieces)
    lo = text.rfind("\n", 0, cue[0]) + 1
    hi = text.find("\n", cue[1])
    hi = len(text) if hi < 0 else hi
    return tuple(p for p in pieces if lo <= p[0] and p[1] <= hi)


def _to_quote_edges(text: str, span: Char, quotes: list[Quote]) -> Char:
    """A content never splits a quotation: a span that ends inside a quote it opens runs on
    to the closing mark (`of his fiancee: "I'm going to marry her. She's ..."`); one that
    starts inside a quote right after its opening mark takes the mark in, and the whole
    quote when it ends inside it (the parse's clause stopped at the quote's first sentence)."""
    s, e = span
    for q in quotes:
        if s <= q.start < e < q.end:
            e = q.end
        if q.start < s < q.end and q.end <= e and not text[q.start:s].strip(_MARKS):
            s = q.start
        if q.start < s and e < q.end and not text[q.start:s].strip(_MARKS):
            s, e = q.start, q.end
    return s, e


def _claimed(doc: Doc, q: Quote, heads: frozenset[int]) -> bool:
    """`Trump said things "should be wrapped up by Cleveland," referring to ...`: a quote
    that another cue before it governs is that cue's, not the one after it -- unless a
    paragraph break lies between them (a parse that ran two paragraphs into one sentence)."""
    first = doc[q.first + 1] if doc[q.first].is_quote and q.first + 1 < q.last else doc[q.first]
    text = _text(doc)
    return any(doc[i].is_ancestor(first) and "\n" not in text[doc[i].idx:q.start] for i in heads if i < q.first)


def _with_lead_in(doc: Doc, q: Quote, lex: Lexicon) -> Char:
    """`Rubio "apologized numerous times on this show," he said`: a quote that starts in mid
    clause (lower case) takes in the words that open its sentence (PolNeAR's convention)."""
    text = _text(doc)
    sent_start = sent_of(doc, q.first).start_char
    lead = text[sent_start:q.start]
    first = text[q.start:q.end].lstrip(_MARKS)[:1]
    if (not lex.rules["quote_lead_in"] or not lead.strip() or len(lead) > 120 or not first.islower()
            or any(ch in _QUOTE_CHARS for ch in lead) or "\n" in lead):
        return q.start, q.end
    return sent_start, q.end


def _with_object(doc: Doc, head: Token, q: Quote) -> Char:
    """'called it "absurd"', 'thanked its members "for their support"': a quote right after
    the cue's object (no mark between) says something of it, and the content takes it in."""
    text = _text(doc)
    for c in head.children:
        if c.dep_ == "dobj" and c.i > head.i:
            end = c.right_edge.idx + len(c.right_edge)
            if end <= q.start and not text[end:q.start].strip():
                return c.left_edge.idx, q.end
    return q.start, q.end


def _wider_than_quotes(text: str, clause: tuple[Char, ...], quotes: list[Quote]) -> bool:
    """Does the cue's complement hold a touching quote and words outside it
    (`that Obama "founded ISIS,"` -- the clause is the content, not the quote)?"""
    for a, b in clause:
        for q in quotes:
            if a <= q.start and q.end <= b and (text[a:q.start].strip() or text[q.end:b].strip(_MARKS)):
                return True
    return False


_NAME_POS = ("PROPN", "PRON")
_NAME_WORDS = frozenset(("mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "president"))


def _apposition_starts(doc: Doc, i: int) -> list[int]:
    """Where a ", ... ," apposition before token ``i`` may begin (", 58,", ", now 81 and
    retired in Cambridge, Mass.,"): each comma before ``doc[i - 1]`` back to a quote mark or
    the end of a sentence, nearest first; none when ``doc[i - 1]`` is not a comma."""
    if i < 2 or doc[i - 1].text != ",":
        return []
    out = []
    for k in range(i - 2, max(i - 45, 0), -1):
        if doc[k].is_quote or doc[k].text in (".", ";", ":") or "\n" in doc[k].text_with_ws:
            break
        if doc[k].text == ",":
            out.append(k)
    return out


def _name_after_quote(doc: Doc, head: Token, quotes: list[Quote]) -> Char | None:
    """'"A," Ramos, 58, told AFP' when the parse lost the subject: a name (with its title)
    between a quotation that ends in a comma and the cue, past an apposition in commas."""
    for end in [head.i] + _apposition_starts(doc, head.i):
        k = end - 1
        while k >= 0 and (doc[k].pos_ in _NAME_POS or doc[k].lower_ in _NAME_WORDS):
            k -= 1
        if k == end - 1 or k < 1 or not doc[k].is_quote:
            continue
        if any(q.last == k + 1 for q in quotes) and doc[k - 1].text in (",", "?", "!"):
            return doc[k + 1].idx, doc[end - 1].idx + len(doc[end - 1])
    return None


def _brackets_around(text: str, at: int) -> Char | None:
    """The round brackets that ``at`` lies inside in its paragraph, or None."""
    start = max(text.rfind("\n", 0, at), text.rfind(")", 0, at))
    opened = text.rfind("(", start + 1, at)
    if opened < 0:
        return None
    end = text.find(")", at)
    return (opened, end) if end >= 0 and "\n" not in text[at:end] else None


def _fronted_appositive(doc: Doc, head: Token) -> Char | None:
    """"In a statement to the Observer, her adviser, Jake Sullivan, said": the parse hangs the
    speaker on the fronted phrase's noun as an apposition; the one right before the cue speaks."""
    k = head.i - 1
    while k >= 0 and (doc[k].dep_ in ("aux", "advmod", "neg") or doc[k].text == ","):
        k -= 1
    if k < 0 or doc[k].dep_ != "appos":
        return None
    top = doc[k]
    while top.head.dep_ == "appos" and top.head.i < top.i:
        top = top.head
    word = top.head
    while word.dep_ in ("pobj", "prep") and word.head != head and word.head.i < word.i:
        word = word.head  # "In a statement to the Observer": up through nested phrases
    if word.dep_ != "prep" or word.head != head or word.left_edge.i != sent_of(doc, head.i).start:
        return None  # only a phrase that opens the sentence
    return _trim(list(doc[top.left_edge.i:k + 1]))


def _joins(doc: Doc, source: Char, cue: Char, head: Token) -> bool:
    """Do the source and the cue make one block that a quote can touch: next to each other,
    with a comma between, or with an apposition in commas between ('Ramos, 58, told')?"""
    text = _text(doc)
    return (_near(source, cue) or source[1] <= cue[0] and not text[source[1]:cue[0]].strip(" ,")
            or any(doc[a].idx >= source[1] and not text[source[1]:doc[a].idx].strip()
                   for a in _apposition_starts(doc, head.i)))


def _subordinate(word: Token) -> bool:
    """'as', 'when', 'after' opening a clause: it says when or why, not what (unlike 'that')."""
    return word.dep_ == "mark" and word.lower_ not in ("that", "whether", "if")


def _right_after(doc: Doc, last: int, first: int) -> bool:
    """Does token ``first`` follow token ``last`` with nothing but punctuation between?"""
    return first > last and all(doc[k].is_punct for k in range(last + 1, first))


def _near(a: Char, b: Char) -> bool:
    return abs(a[1] - b[0]) < 3 or abs(b[1] - a[0]) < 3


# ---------------------------------------------------------------- the frame model

_PRONOUNS = frozenset(("he", "she", "they", "i", "we", "you", "it"))


def frame_features(doc: Doc, frame: Frame, found: list[Frame]) -> list[str]:
    """What the frame model (``data/attribution_frame_model.tsv``) weighs about a whole
    frame: the cue's probability, the kind of source (a name, a pronoun, none), what the
    content is (a quotation, a clause, an object) and how long, and whether the cue lies
    inside another likely frame's content (PolNeAR marks the outer one only)."""
    head = doc[frame.head]
    p = _cue_p(frame)
    if frame.source:
        span = char_span(doc, *frame.source)
        ents = {t.ent_type_ for t in span if t.ent_type_} if span is not None else set()
        source = ("PRON" if span is not None and len(span) == 1 and span[0].lower_ in _PRONOUNS else
                  "PERSON" if "PERSON" in ents else "ORG" if ents & {"ORG", "NORP", "GPE"} else
                  span.root.tag_ if span is not None and len(span) else "none")
    else:
        source = "none"
    deps = sorted({c.dep_ for c in head.children if c.i > head.i and any(a <= c.idx < b for a, b in frame.content)})
    content = "quote" if frame.quoted else ("|".join(deps[:2]) or "other")
    n = sum(len(char_span(doc, a, b) or ()) for a, b in frame.content)
    size = "1" if n <= 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21+"
    nested = any(g is not frame and _cue_p(g) >= LIKELY_CUE and any(a <= frame.cue[0] < b for a, b in g.content)
                 for g in found)
    text = _text(doc)
    after = text[frame.content[-1][1]:frame.content[-1][1] + 3].lstrip(" \t\xa0")[:1]
    tail = "end" if after in ("", "\n") else after if after in ".,;:!?" else "q" if after in _QUOTE_CHARS else "w"
    return [f"tl={tail}|{content}", f"pb={min(int(p * 10), 9)}", f"sk={source}", f"ck={content}", f"n={size}",
            f"lck={frame.lemma}|{content}", f"lsk={frame.lemma}|{source}", f"b={frame.content[0][0] < frame.cue[0]}",
            f"nest={nested}", f"tag={head.tag_}", f"dep={head.dep_}", f"skck={source}|{content}",
            f"np={len(frame.content)}", f"rel={frame.relative}"]


def _cue_p(frame: Frame) -> float:
    return frame.score - (1.0 if frame.quoted else 0.0)


def cue_log_odds(frame: Frame) -> float:
    """The log-odds of the frame's cue (the frame model's one numeric input, ``logit``)."""
    p = min(max(_cue_p(frame), 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def frame_probability(weights: dict[str, float], frame: Frame, features: list[str]) -> float:
    """P(an attribution as PolNeAR marks it) by the frame model: its binary features, and the
    cue's log-odds weighted by ``logit``."""
    z = weights.get("<bias>", 0.0) + weights.get("logit", 0.0) * cue_log_odds(frame)
    return logistic(z + sum(weights.get(f, 0.0) for f in features))


def judged(doc: Doc, found: list[Frame], lex: Lexicon) -> list[Frame]:
    """The frames the frame model keeps (P >= ``frame_threshold``; a denial, or the verb
    that spells out a named accusation, ``low_frame_threshold``), each scored by that
    probability (plus one when quoted, as before) for overlap resolution."""
    t = tokens_of(doc)
    denial, nouns = set(lex.rules["denial_lemmas"]), set(lex.rules["speech_nouns"])
    out = []
    for f in found:
        q = frame_probability(lex.frame_weights, f, frame_features(doc, f, found))
        low = f.lemma != ":" and _low_bar(t, f.head, denial, nouns)
        if q >= lex.rules["low_frame_threshold" if low else "frame_threshold"]:
            out.append(replace(f, score=q + (1.0 if f.quoted else 0.0)))
    return out


# ---------------------------------------------------------------- headline colons

_COLON_LEAD = re.compile(r"(?:^|\n|\s[-\u2013\u2014]\s*|\bfrom\s)[ \t\xa0]*$")
_NAME_LEAD = re.compile(r"(?:^|\n|\s[-\u2013\u2014]\s)[ \t\xa0]*((?:[A-Z][\w.'\u2019-]*|and|of|at|on|to|the|for|in)"
                        r"(?:[ \t\xa0]+(?:[A-Z][\w.'\u2019-]*|and|of|at|on|to|the|for|in)){0,7})[ \t\xa0]*$")
_CONNECTORS = frozenset(("and", "of", "at", "on", "to", "the", "for", "in"))


def colon_frames(doc: Doc, quotes: list[Quote], lex: Lexicon) -> list[Frame]:
    """"Bernie Sanders: I'm not much of a socialist." -- a name opening a line (or after a
    dash), a colon as the cue, the rest of the line (or the quote that follows) as content.
    The name is a person or organisation, or (with ``colon_names``) any short run of
    capitalised words ("TAPPER:", "Poll:", "McCain Challenger Kelli Ward:", "OK Gov Fallin:")."""
    text = _text(doc)
    ents = {e.end: e for e in entities(doc) if e.label_ in lex.rules["colon_source_labels"]}
    out = []
    for tok in doc:
        if tok.text != ":":
            continue
        line_end = text.find("\n", tok.idx)
        line = text[tok.idx + 1:line_end if line_end >= 0 else len(text)]
        if not any(ch.isalpha() for ch in line):
            continue  # "Clinton: 547." -- a count, not a saying
        ent = ents.get(tok.i)
        if ent is not None and _COLON_LEAD.search(text[:ent.start_char]):
            source, score = (ent.start_char, ent.end_char), lex.rules["colon_score"]
        elif lex.rules["colon_names"] and (m := _NAME_LEAD.search(text, max(0, tok.idx - 120), tok.idx)):
            words = m.group(1).split()
            if words[0] in _CONNECTORS or words[-1] in _CONNECTORS:
                continue
            source, score = (m.start(1), m.start(1) + len(m.group(1))), lex.rules["colon_name_score"]
            if len(line.split()) < 3:
                continue  # "Ohio: 781", "Contributing: A. Reporter" -- a label, not a saying
        else:
            continue
        start = tok.idx + 1
        while start < len(text) and text[start] in " \t\xa0":
            start += 1
        quote = next((q for q in quotes if q.start == start), None)
        if quote is not None:
            content = (quote.start, quote.end)
        else:
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            while end > start and text[end - 1] in " .\t\xa0":
                end -= 1
            content = (start, end)
        if content[1] - content[0] > 1:
            out.append(Frame(tok.i, ":", (tok.idx, tok.idx + 1), source,
                             (content,), quote is not None, score))
    return out


# ---------------------------------------------------------------- overlaps

def _overlaps(a: Char, b: Char) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _clash(a: Frame, b: Frame) -> bool:
    """Two frames may share their source ("X said A, adding B"), and one may lie inside the
    other's source ("Shelton, whose union endorsed Sanders, said ..."); nothing else."""
    if _within_source(a, b) or _within_source(b, a):
        return False
    return any(_overlaps(x, y) for x in a.chars() for y in b.chars()
               if not (x == a.source and y == b.source))


def _within_source(inner: Frame, outer: Frame) -> bool:
    if outer.source is None:
        return False
    s, e = outer.source
    return all(s <= a and b <= e for a, b in inner.chars())


def _nested_in(f: Frame, k: Frame) -> int | None:
    """Index of k's (last, unquoted) content piece that f starts inside of."""
    lo = min(c[0] for c in f.chars())
    for i, (a, b) in enumerate(k.content):
        if a < lo < b and i == len(k.content) - 1 and not k.quoted and k.cue[1] <= a:
            return i
    return None


_LABEL_TAIL = re.compile(r",\s+(?:a|an|the|this|that)\s+(?:[\w-]+\s+){0,2}[\w-]+$", re.I)
_RELATIVE_TAIL = re.compile(r"\b(?:which|who|whom|whose|where|when)$", re.I)


def _strip_tail(text: str, a: int, end: int) -> int:
    while end > a and text[end - 1] in " ,;:\n\t\u2014\u2013-":
        end -= 1
    return end


def _cut_before(text: str, k: Frame, i: int, at: int) -> Frame | None:
    a, b = k.content[i]
    end = _strip_tail(text, a, at)
    m = _RELATIVE_TAIL.search(text, a, end)
    if m is not None:  # "..., which he said ...": the relative word opens the inner one
        end = _strip_tail(text, a, m.start())
    label = _LABEL_TAIL.search(text, a, end)
    if label is not None:  # "..., a charge that Argentina denied": the noun names the content
        end = _strip_tail(text, a, label.start())
    if len(text[a:end].split()) < 2:
        return None
    return replace(k, content=k.content[:i] + ((a, end),) + k.content[i + 1:])


_JOINING_TAIL = re.compile(r"\s*\b(?:and|but|or|while|yet|also|by|before|after|when|in|with|as|for|without)$", re.I)


def _split_coordinate(text: str, outer: Frame, inner: Frame) -> Frame | None:
    """`Cruz said there was a benefit to having him in the race and chiding the media ...`:
    a second cue of the same source (or of none) that the parse leaves inside the first
    one's (unquoted) content is a frame of its own; the first content ends before its cue
    (and the "and", "by" or "before" that joins them). The first frame so cut, or None."""
    if outer.quoted or not outer.content:
        return None
    a, b = outer.content[-1]
    if not (outer.cue[1] <= a < inner.cue[0] < b) or min(c[0] for c in inner.content) < inner.cue[1]:
        return None
    if inner.source is not None and inner.source != outer.source and a <= inner.source[0] < b:
        return None  # the source is inside the content: a nested attribution
    end = _strip_tail(text, a, inner.cue[0])
    while (m := _JOINING_TAIL.search(text, a, end)) is not None:
        end = _strip_tail(text, a, m.start())
    if len(text[a:end].split()) < 2:
        return None
    return replace(outer, content=outer.content[:-1] + ((a, end),))


def _wrapped(text: str, a: Frame, b: Frame, wrapping: frozenset[str]) -> Frame | None:
    """'"A," Welch said, according to Vermont Edition': one attribution, whose source is
    the one "according to" names and whose content is all the inner one holds -- its
    source, cue and content (PolNeAR never nests). None unless one of a, b wraps the other."""
    for outer, inner in ((a, b), (b, a)):
        if outer.lemma in wrapping and not outer.quoted and outer.source is not None and \
                any(s <= inner.cue[0] and inner.cue[1] <= e for s, e in outer.content):
            pieces = sorted([*outer.content, *inner.content, inner.cue, *([inner.source] if inner.source else [])])
            runs = [pieces[0]]
            for s, e in pieces[1:]:
                if s <= runs[-1][1] or not text[runs[-1][1]:s].strip():
                    runs[-1] = (runs[-1][0], max(runs[-1][1], e))
                else:
                    runs.append((s, e))
            return replace(outer, content=tuple(runs), quoted=inner.quoted)
    return None


def resolve(found: list[Frame], text: str = "", nest: bool = False, prefer_inner: bool = False,
            coordinate: bool = False, wrapping: frozenset[str] = frozenset()) -> list[Frame]:
    """Keep the best frames so that no two share a character (a shared source aside). A
    frame inside another's (unquoted) content is kept and the outer content ends before it
    ("condemned the collaboration, which Zelensky said ..."); so is, with ``coordinate``, a
    second cue of the same source (:func:`_split_coordinate`)."""
    kept: list[Frame] = []
    extents: list[Char] = []  # extents[n] == _extent(kept[n])
    for f in sorted(found, key=lambda f: -f.score):
        lo, hi = _extent(f)
        clashing = [k for k, (a, b) in zip(kept, extents) if a < hi and lo < b and _clash(k, f)]
        if len(clashing) == 1 and (whole := _wrapped(text, clashing[0], f, wrapping)) is not None:
            n = kept.index(clashing[0])
            kept[n], extents[n] = whole, _extent(whole)
            continue
        if coordinate and len(clashing) == 1:
            k = clashing[0]
            if (cut := _split_coordinate(text, k, f)) is not None and not _clash(cut, f):
                n = kept.index(k)
                kept[n], extents[n] = cut, _extent(cut)
                kept.append(f)
                extents.append((lo, hi))
                continue
            if (cut := _split_coordinate(text, f, k)) is not None and not _clash(cut, k):
                c_lo, c_hi = _extent(cut)
                if not any(a < c_hi and c_lo < b and _clash(o, cut) for o, (a, b) in zip(kept, extents)):
                    kept.append(cut)
                    extents.append((c_lo, c_hi))
                continue
        if len(clashing) == 1 and (i := _nested_in(f, clashing[0])) is not None:
            cut = _cut_before(text, clashing[0], i, min(c[0] for c in f.chars())) if nest or f.relative else None
            if cut is not None:
                n = kept.index(clashing[0])
                kept[n], extents[n] = cut, _extent(cut)
                kept.append(f)
                extents.append((lo, hi))
                continue
            if prefer_inner or nest or f.relative:  # nothing left outside: the inner one says it
                n = kept.index(clashing[0])
                kept[n], extents[n] = f, (lo, hi)
                continue
        if clashing:
            continue
        kept.append(f)
        extents.append((lo, hi))
    return kept


def _extent(f: Frame) -> Char:
    """From the first to the last character of a frame: two frames whose extents do not
    overlap cannot clash, which spares :func:`_clash` for most pairs."""
    chars = f.chars()
    return min(c[0] for c in chars), max(c[1] for c in chars)


def _opens_sentence(text: str, start: int) -> bool:
    """Does a quotation at ``start`` follow the end of a sentence (or a colon, or a closed
    quotation that ends in a mark)?"""
    before = text[max(0, start - 40):start].rstrip()
    inside = before.rstrip(_CLOSING_MARKS)  # "on ABC's ''This Week.''": a mark may be doubled
    return before[-1:] in (".", "!", "?", ":") or inside != before and inside[-1:] in (".", "!", "?", ",")


def _single(text: str, start: int) -> bool:
    """Does the quotation at ``start`` open with a single mark (not ``''``)?"""
    return text[start] in "'\u2018\u2019" and text[start + 1:start + 2] not in ("'", "\u2019")


_TRAILING_SPEAKER = re.compile(r"[ \t]*(?:the |a |an |one |another )?[\w'\u2019-]+(?:[ \t]+[\w'\u2019-]+){0,5}[ \t]*[.!?]")


def _speaker_after(text: str, q: Quote) -> bool:
    """"'I did get shot,' the other Marine replies.": a quote that ends in a comma and is
    followed by a few words closing the sentence has a speaker of its own, even where the
    parse missed the verb ("Marine replies" read as one noun)."""
    inner = text[q.start:q.end].rstrip(_CLOSING_MARKS + " ")
    return inner.endswith(",") and _TRAILING_SPEAKER.match(text, q.end) is not None


def orphan_quotes(doc: Doc, quotes: list[Quote], found: list[Frame]) -> list[Frame]:
    """Attach each cue-less quote to the quoted frame whose sentence it follows.

    "A," he told the agency on Monday. "B." -> A and B are one content. The frame must end
    in the same sentence (or paragraph break) right before the quote. Frames change in place
    in ``found``; returns nothing new.
    """
    text = _text(doc)
    taken = [c for f in found for c in f.chars()]
    for q in quotes:
        if any(_overlaps((q.start, q.end), c) for c in taken):
            continue
        prev = [f for f in found if f.quoted and max(c[1] for c in f.chars()) <= q.start]
        if not prev:
            continue
        f = max(prev, key=lambda f: max(c[1] for c in f.chars()))
        start = max(c[1] for c in f.chars())
        gap = text[start:q.start]
        for other in quotes:  # a title quoted on the way ('said on "Meet the Press." "B."')
            if start <= other.start and other.end <= q.start:
                gap = gap[:other.start - start] + "x" * (other.end - other.start) + gap[other.end - start:]
        if len(gap) > 220 or not _SENTENCE_TAIL.fullmatch(gap) or gap.count("\n") > 2:
            continue
        if "\n" not in gap and not _opens_sentence(text, q.start):
            continue  # a title or a phrase quoted inside the sentence is not more of what was said
        if _speaker_after(text, q):
            continue  # '"B," the other man replies.': a speaker of its own, whatever the parse made of it
        if _titled(text, q):
            continue  # "Fox and Friends," after a quote is where it was said, not more of it
        if _single(text, q.start) != _single(text, f.content[-1][0]):
            continue  # 'A tough call.' after ''...'' is a phrase quoted, not more of what was said
        found[found.index(f)] = replace(f, content=f.content + ((q.start, q.end),))
        taken.append((q.start, q.end))
    return []
