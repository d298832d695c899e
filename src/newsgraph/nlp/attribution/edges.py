"""Where an unquoted content ends: a model learned from PolNeAR train reviews the rules' end.

The rules of ``attribution_frames`` give a content that follows its cue ("said the plan
would cost jobs in the region, which ..."). Whether the parse's last attachments belong to
what was said is a matter of convention that the rules get wrong both ways: "offered some
softer rhetoric | in the wake of Orlando" (the time is the writer's), "noted that 73 percent
of Democrats | who said they had supported Sanders now support Clinton" (the relative clause
is part of it). So the span's right end is chosen among the places where a subtree begins:

- inside the content, before each subtree that runs to its end ("cut" segments);
- after it, each of the next subtrees in the sentence, one after another ("ext" segments).

A logistic model (``data/attribution_content_edges.tsv``) gives each segment P(in the
content) from its dependency label, first word, the punctuation before it and what it hangs
on; the end chosen is the one that best agrees with every segment before it being in and
every one after it out. Token indices in, token index out; ``attribution_frames`` trims.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from spacy.tokens import Doc, Token

from .lexicon import logistic
from ..shared.common import sent_of

__all__ = ["MAX_EXTENSIONS", "Segment", "choose_last", "segments"]

#: how many subtrees past the rules' end a content may take in
MAX_EXTENSIONS = 3

#: no cut before a conjunction, nor between a preposition and its object ("on | Sunday night")
_NEVER_CUT = frozenset(("cc", "pobj", "pcomp"))
_GAP_PUNCT = {",", ";", ":", "-", "--", "\u2013", "\u2014"}


class Segment(NamedTuple):
    """Tokens ``first..last`` and what the model weighs about them."""

    first: int
    last: int
    features: list[str]


def segments(doc: Doc, head: Token, first: int, last: int,
             stops: frozenset[int] = frozenset()) -> tuple[list[Segment], list[Segment]]:
    """The cut segments inside tokens ``first..last`` (a content after its cue ``head``) and
    the extension segments after it, each in text order. A cut segment runs from where a
    subtree ending the content begins to the content's end; an extension one is the next
    subtree of the sentence with the punctuation or conjunction before it, up to one that
    holds a likely cue of its own (``stops``: ", while its rivals warned ...")."""
    cuts = _cut_segments(doc, head, first, last)
    return cuts, _extension_segments(doc, head, first, last, stops)


def _cut_segments(doc: Doc, head: Token, first: int, last: int) -> list[Segment]:
    roots: dict[int, Token] = {}  # where a subtree that ends the content begins -> its root
    for i in range(first + 1, last + 1):
        t = doc[i]
        left = t.left_edge.i
        if t.is_punct or t.dep_ in _NEVER_CUT or left <= first or t.right_edge.i < last:
            continue
        if left not in roots or t.is_ancestor(roots[left]):
            roots[left] = t
    out = []
    starts = sorted(roots)
    for n, left in enumerate(starts):
        kept = _content_before(doc, first, left)
        if kept is not None:
            out.append(Segment(left, last, _features(doc, head, "cut", roots[left], left, kept + 1, first,
                                                     len(starts) - n)))
    return out


def _content_before(doc: Doc, first: int, left: int) -> int | None:
    """The last token kept when a content starting at ``first`` is cut before ``left``
    (punctuation and a conjunction before it are dropped), or None when nothing is left."""
    i = left - 1
    while i >= first and (doc[i].is_punct and doc[i].text in _GAP_PUNCT or doc[i].dep_ == "cc"):
        i -= 1
    return i if i > first else None


def _extension_segments(doc: Doc, head: Token, first: int, last: int, stops: frozenset[int]) -> list[Segment]:
    end = sent_of(doc, last).end
    out = []
    j = last + 1
    while j < end and len(out) < MAX_EXTENSIONS:
        k = j
        while k < end and (doc[k].is_punct and doc[k].text in _GAP_PUNCT or doc[k].dep_ == "cc"):
            k += 1
        if k >= end or doc[k].is_punct and not doc[k].is_quote:
            break
        root = doc[k]
        while root.head.i != root.i and root.head.left_edge.i >= k and root.head.i < end:
            root = root.head
        stop = min(max(root.right_edge.i, k), end - 1)
        if any(j <= i <= stop for i in stops) or _main_predicate(head, root, doc[j:k]):
            break
        out.append(Segment(j, stop, _features(doc, head, "ext", root, k, j, first, len(out) + 1)))
        j = stop + 1
    return out


_FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))


def _main_predicate(head: Token, root: Token, gap) -> bool:
    """"He, believing that X, had decided to ...": after a participle cue and a comma, a finite
    verb with no subject of its own is the sentence's main predicate, not more of what was
    believed (the parse hangs it on the participle)."""
    return head.tag_ == "VBG" and root.head == head and any(t.text == "," for t in gap) and \
        root.pos_ in ("VERB", "AUX") and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children) and \
        (root.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in root.children))


def _features(doc: Doc, head: Token, side: str, root: Token, word: int, gap_from: int, first: int,
              order: int) -> list[str]:
    """What the model weighs about a segment whose subtree ``root`` begins at token ``word``,
    after the gap from ``gap_from``."""
    w = doc[word]
    gap = "".join("&" if doc[i].dep_ == "cc" else doc[i].text for i in range(gap_from, word)) or "_"
    if root.head.i == head.i:
        rel = "cue"
    elif head.i in (a.i for a in root.ancestors) or root.head.i < first:
        rel = "above" if side == "ext" else "root"
    else:
        rel = "in"
    sub = list(root.subtree)
    n = len(sub)
    size = "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8+"
    subj = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)
    timed = any(t.ent_type_ in ("DATE", "TIME") for t in sub)
    quoted = any(t.is_quote for t in sub)
    lemma = head.lemma_.lower()
    top = doc[first]
    while first <= top.head.i < word and top.head.i != top.i:
        top = top.head  # the content's own root
    clause = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in top.children)
    return [f"rw={side}|{root.lemma_.lower()}", f"ct={side}|{top.pos_}|{clause}|{root.dep_}", f"s={side}",
            f"d={side}|{root.dep_}", f"w={side}|{w.lower_}", f"g={side}|{gap}", f"gw={side}|{gap}|{w.lower_}",
            f"gd={side}|{gap}|{root.dep_}", f"r={side}|{rel}",
            f"rd={side}|{rel}|{root.dep_}", f"p={side}|{root.pos_}", f"t={side}|{w.tag_}",
            f"hd={side}|{root.head.dep_}|{root.dep_}", f"sj={side}|{subj}|{root.dep_}",
            f"n={side}|{size}", f"dt={side}|{timed}", f"q={side}|{quoted}", f"o={side}|{min(order, 3)}",
            f"l={side}|{lemma}|{root.dep_}", f"e={side}|{w.ent_type_ or '-'}"]


def probability(weights: dict[str, float], features: list[str]) -> float:
    """P(the segment is in the content) by the edge model."""
    return logistic(weights.get("<bias>", 0.0) + sum(weights.get(f, 0.0) for f in features))


def choose_last(doc: Doc, head: Token, first: int, last: int, weights: dict[str, float],
                stops: frozenset[int] = frozenset()) -> int:
    """The content's last token: of the ends the segments allow, the one whose segments
    before are most likely in and after it most likely out."""
    cuts, exts = segments(doc, head, first, last, stops)
    if not cuts and not exts:
        return last
    # the ends, in order: before each cut segment, the rules' own, after each extension
    ends = [c.first - 1 for c in cuts] + [last] + [e.last for e in exts]
    segs = cuts + exts
    p = [min(max(probability(weights, s.features), 1e-6), 1 - 1e-6) for s in segs]
    best, best_score = len(cuts), None
    for k in range(len(ends)):  # end k: segments 0..k-1 in, k.. out
        score = sum(math.log(x) for x in p[:k]) + sum(math.log(1 - x) for x in p[k:])
        if best_score is None or score > best_score:
            best, best_score = k, score
    return ends[best]
