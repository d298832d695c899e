"""Extractor ``claims``: propositions, who holds them, how, and how sure.

Needs: upstream ``attribution`` (its Attribution records), ``time`` (Timex) and ``actors``
(Actor), all optional; the doc for sentences and entities. Produces one :class:`Claim` per
attributed content (one per member when the source is a group: "both sides have denied"
after "Moscow and Pyongyang" gives a Claim for each), and one per author proposition named
by a claim noun ("The claim that ... is nothing new"; claimant ``author``).

Each Claim: the proposition's span, claimant, the actors it is about (actors inside it),
its time (the timex governing the cue; else that of the same speaker's earlier claim; else
the last date of the paragraph before the cue), the time inside the proposition, stance
(asserts, denies, questions, predicts, from the cue lemma and a question mark), certainty
and the hedge spans that set it (``nlp/claims/certainty.py``), conditionality, and evidence notes
("which lacks hard evidence") attached to the claims of the claimant spoken of just before.
Word lists live in ``data/claims.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from ...records import Article, Attribution, Claim, Record, Span, make_record
from .certainty import LEVELS, certainty_of, find_hedges
from .proposition import no_proposition, own_extent
from ..shared.confidence import antecedent, confidence, headline_end, kinds
from .stance import debunked, stance_of
from ..shared.common import char_span, doc_text, ents_within, read_yaml, sent_of, sentence_index, span_of, tokens_of

NAME = "claims"
VERSION = "7"
REQUIRES = ("time", "actors", "attribution")  # extractors whose records it reads (it runs after them)

__all__ = ["NAME", "VERSION", "extract", "load_rules"]



@lru_cache(maxsize=1)
def load_rules() -> dict:
    path = Path(__file__).parent / "data" / "claims.yaml"
    rules = read_yaml(path)
    rules["group_re"] = re.compile(rules["group_sources"], re.I)
    rules["source_acts"] = frozenset(rules["source_acts"])
    phrases = [(p, kind) for kind, ps in rules["evidence_phrases"].items() for p in ps]
    rules["evidence_re"] = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(
        re.escape(p) for p, _ in sorted(phrases, key=lambda x: -len(x[0]))), re.I)
    return rules


def extract(doc: Doc, article: Article, upstream: Mapping[str, tuple[Record, ...]]) -> tuple[Record, ...]:
    rules = load_rules()
    attributions = [r for r in upstream.get("attribution", ()) if isinstance(r, Attribution) and r.content]
    timexes = [t for t in upstream.get("time", ()) if t.kind == "timex"]
    actors = [a for a in upstream.get("actors", ()) if a.kind == "actor"]
    said = [a.content for a in attributions]  # a date inside these dates what was said, not a saying
    claims: list[Claim] = []
    headline = headline_end(doc)
    for att in sorted(map(lambda a: _quoted_as_saying(doc, article, upstream,
                                                      _with_inferred_source(doc, article, upstream, a)), attributions),
                      key=lambda a: a.start):
        for claimant_id, claimant in _claimants(doc, article, upstream, att, rules):
            claims += _claims_of(doc, article, att, claimant_id, claimant, claims, timexes, actors, rules, said,
                                 headline)
    claims += _author_claims(doc, article, attributions, timexes, actors, rules)
    return tuple(_attach_evidence(doc, claims, rules))


# ---------------------------------------------------------------- who

_PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp"})
#: what one receives for saying something ("drew criticism for saying", "won praise for claiming")
_REPROACH = frozenset({"criticism", "flak", "fire", "praise", "ridicule", "scorn", "backlash", "heat", "condemnation",
                       "censure", "mockery", "applause", "credit", "blame", "rebuke"})


def _with_inferred_source(doc: Doc, article: Article, upstream, att: Attribution) -> Attribution:
    """An attribution whose cue is a participle with no subject of its own ("Mo Jiwa put a
    spin on it, saying the phone does it all"): its source is the subject of the verb it
    hangs on (for the claim; the attribution record keeps PolNeAR's reading)."""
    if att.source is not None or att.cue is None:
        return att
    span = char_span(doc, att.cue.start, att.cue.end)
    if span is None or not len(span):
        return att
    tok = next((t for t in span if t.tag_ == "VBG"), None)
    if tok is None or tok.dep_ not in _PARTICIPLE_DEPS or any(c.dep_.startswith("nsubj") for c in tok.children):
        return att
    head = tok.head
    while head.pos_ == "ADP" and head.head != head:  # "by announcing", "after saying"
        head = head.head
    if head.pos_ == "NOUN" and head.dep_ == "dobj" and head.lemma_.lower() in _REPROACH:
        head = head.head  # "has endured criticism for telling X that ...": who endured it told it
    while head.dep_ in ("conj", "xcomp") and not any(c.dep_.startswith("nsubj") for c in head.children):
        head = head.head
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ not in ("PROPN", "NOUN", "PRON"):
        return att
    toks = [t for t in subj.subtree if abs(t.i - subj.i) < 12 and t.dep_ not in ("relcl", "acl", "punct")
            and (t.i < tok.i or subj.i > tok.i)]
    if not toks:
        return att
    source = span_of(doc, min(t.idx for t in toks), max(t.idx + len(t) for t in toks))
    speaker_id, speaker = _resolved(doc, article, upstream, source)
    return replace(att, source=source, speaker_id=speaker_id, speaker=speaker)


_AS = r"\s+as\s+(?:saying|telling \w+|stating|claiming|writing)"
#: "quoted [police] as saying that X" (the content holds both), and '"X," the paper quoted [a
#: local man, Y,] as saying' (the quote came first; commas may set off the name)
_AS_SAYING = re.compile(r"(?P<who>[^,;:\"\u201c.]{2,80}?)" + _AS + r"(?:\s+that)?(?:\s+(?=\S)|(?=[.,]))")
_AS_SAYING_AFTER = re.compile(r"(?P<who>\s+[^;:\"\u201c.]{2,80}?),?" + _AS + r"\b")


def _quoted_as_saying(doc: Doc, article: Article, upstream, att: Attribution) -> Attribution:
    """"CBS quoted Ottawa police as saying that suspects are at large": the police say it, and
    it is what follows "saying" (for the claim; the attribution keeps PolNeAR's reading)."""
    if att.cue is None or att.content is None or not re.match(r"(?:quot|cit)", att.cue.text.strip(), re.I):
        return att
    m = _AS_SAYING.match(att.content.text)
    if m is None:  # '"X," the tabloid quoted a local man as saying': the quote stays, its speaker changes
        after = _AS_SAYING_AFTER.match(doc_text(doc), att.cue.end)
        if after is None or att.content.end > att.cue.start:
            return att
        source = span_of(doc, att.cue.end + (len(after.group("who")) - len(after.group("who").lstrip())),
                         att.cue.end + len(after.group("who")))
        speaker_id, speaker = _resolved(doc, article, upstream, source)
        return replace(att, source=source, speaker_id=speaker_id, speaker=speaker)
    who = att.content.start + m.start("who"), att.content.start + m.end("who")
    source = span_of(doc, *who)
    content = span_of(doc, att.content.start + m.end(), att.content.end)
    speaker_id, speaker = _resolved(doc, article, upstream, source)
    return replace(att, source=source, content=content, content_fragments=(), speaker_id=speaker_id,
                   speaker=speaker)


def _resolved(doc: Doc, article: Article, upstream, source: Span) -> tuple[str | None, str | None]:
    try:
        from ..actors.extract import resolve_actor
    except ImportError:
        return None, None
    span = char_span(doc, source.start, source.end)
    actor = resolve_actor(span, article, upstream) if span is not None and len(span) else None
    return (actor.actor_id or None, actor.name or None) if actor is not None else (None, None)


def _claimants(doc: Doc, article: Article, upstream, att: Attribution, rules) -> list[tuple[str | None, str | None]]:
    if att.source is None:
        return [(None, None)]
    if rules["group_re"].search(att.source.text):
        members = _group_members(doc, article, upstream, att)
        if len(members) >= 2:
            return members
    if _around_someone(doc, att.source):
        return [(None, _named_in_apposition(doc, att.source) or att.source.text)]
    before = antecedent(doc, att.source)  # "local residents who said": the residents, in the text's words
    if before and (att.speaker_id or "").startswith("act:generic"):
        return [(att.speaker_id, before)]
    return [(att.speaker_id, att.speaker or before or att.source.text)]


_AROUND = frozenset({"friend", "ally", "aide", "adviser", "advisor", "associate", "supporter", "critic", "opponent",
                     "relative", "colleague", "lawyer", "attorney", "son", "daughter", "wife", "husband", "family",
                     "father", "mother", "brother", "sister", "parent", "uncle", "aunt", "cousin", "grandfather",
                     "grandmother", "widow", "fiancee", "fiance", "partner", "girlfriend", "boyfriend",
                     "neighbor", "neighbour", "biographer", "rival", "fan", "follower", "detractor", "confidant"})


def _named_in_apposition(doc: Doc, source: Span) -> str | None:
    """"Peters' father, Michael," speaks as Michael: the name set beside the relation."""
    span = char_span(doc, source.start, source.end)
    if span is None or not len(span):
        return None
    name = next((c for c in span.root.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if name is None:
        return None
    toks = [t for t in name.subtree if t.pos_ == "PROPN"]
    return doc_text(doc)[toks[0].idx:toks[-1].idx + len(toks[-1])] if toks else None


def _around_someone(doc: Doc, source: Span) -> bool:
    """"Gore's close friends and allies", "the senator's lawyer", "a former Tour player": people
    around someone, who speak for themselves (the actor resolved from the possessor or the
    body they left is not the claimant)."""
    span = char_span(doc, source.start, source.end)
    if span is None or not len(span):
        return False
    root = span.root
    if root.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in ("former", "ex") for c in root.children):
        return True  # "a former Tour player": no longer speaks for the Tour
    return root.pos_ == "NOUN" and root.lemma_.lower() in _AROUND and any(
        c.dep_ == "poss" or (c.dep_ == "nmod" and c.i < root.i and c.pos_ == "PROPN") for c in root.children)


def _group_members(doc: Doc, article: Article, upstream, att: Attribution) -> list[tuple[str, str]]:
    """Actors named in the source's sentence before it ("Moscow and Pyongyang ... both sides")."""
    try:
        from ..actors.extract import resolve_actor
    except ImportError:
        return []
    sent = char_span(doc, att.source.start, att.source.end)
    if sent is None or not len(sent):
        return []
    found: dict[str, str] = {}
    sentence = sent_of(doc, sent.start)
    for ent in ents_within(doc, sentence.start, sentence.end):
        if ent.end_char > att.source.start or ent.label_ not in ("GPE", "NORP", "ORG", "PERSON"):
            continue
        actor = resolve_actor(ent, article, upstream)
        if actor is not None and actor.actor_id and actor.actor_id not in found:
            found[actor.actor_id] = actor.name or ent.text
    return list(found.items())


# ---------------------------------------------------------------- one claim

def _cue_lemmas(doc: Doc, att: Attribution) -> list[str]:
    """The lower-cased lemmas of the cue's tokens (from the doc's token table)."""
    span = char_span(doc, att.cue.start, att.cue.end) if att.cue else None
    return tokens_of(doc).lemma[span.start:span.end] if span is not None else []


def _framing(att: Attribution, content: Span) -> tuple[int, int]:
    """The words that frame the content: from the source's end (when it precedes the cue) to
    the content's start (when it follows): "he | has reason to believe | that ..."."""
    start = att.source.end if att.source and att.source.end <= att.cue.start else att.cue.start
    end = content.start if content.start >= att.cue.end else att.cue.end
    return start, max(end, att.cue.end)


def _cue_level(rules, lemmas: list[str]) -> str:
    for level, words in rules["cue_certainty"].items():
        if any(w in lemmas for w in words):
            return level
    return "certain"


def _certainty(doc: Doc, att: Attribution, content: Span, rules,
               lemmas: list[str]) -> tuple[str, bool, tuple[Span, ...]]:
    text = doc.user_data.get("newsgraph_text") or doc.text
    hedges = find_hedges(text, content.start, content.end)
    if att.cue:
        hedges += find_hedges(text, *_framing(att, content))
    level, conditional = certainty_of(hedges)
    level = min(level, _cue_level(rules, lemmas), key=LEVELS.index)
    return level, conditional, tuple(span_of(doc, h.start, h.end) for h in sorted(hedges, key=lambda h: h.start))


def _claims_of(doc, article, att: Attribution, claimant_id, claimant, earlier, timexes, actors, rules,
               said: list[Span], headline: int = 0) -> list[Claim]:
    """One claim per quotation of the cue's paragraph ("A," he said. "B." -> one claim, as in
    the claims guide), one per later paragraph it goes on in, one per unquoted piece."""
    time = att.time or _inherited_time(doc, att, claimant_id, earlier, timexes, said)
    lemmas = _cue_lemmas(doc, att)  # once for every piece
    out = []
    for content, continued in _quotations(doc, att, _propositions(att, doc_text(doc))):
        content = _antecedent(doc, _without_complementizer(_unquoted(_before_according(content))), earlier + out)
        content, tail = _without_time_tail(doc, att, content, timexes)
        stance, content = stance_of(doc, own_extent(doc, att, content, rules["source_acts"]), lemmas, rules)
        trust = confidence(*kinds(doc, att, claimant, lemmas, continued, headline, content.start))
        if len(re.findall(r"[^\W\d_]+", content.text)) < 2 or no_proposition(doc, att, content, lemmas):
            trust = round(trust * 0.1, 3)  # "However", "He", "asked how he knew": no proposition
        certainty, conditional, hedges = _certainty(doc, att, content, rules, lemmas)
        out.append(make_record(
            Claim, article.id, sentence_index(doc, content.start), content.start, content.end, content.text,
            NAME, VERSION, claimant_id=claimant_id, claimant=claimant,
            about=_about(actors, content, claimant_id), time=time or _date_of(tail),
            proposition_time=_inner_time(content, timexes), stance=stance,
            certainty=certainty, hedges=hedges, conditional=conditional, attribution_id=att.id,
            confidence=trust))
    return out


def _quotations(doc: Doc, att: Attribution, pieces: tuple[Span, ...]) -> list[tuple[Span, str]]:
    """The content's pieces with where they stand (:func:`_continued`), a quotation's pieces in
    the cue's paragraph joined into one, from the first word said to the last ("A," he said.
    "B." -> A to B: one claim per proposition per cue); a later paragraph is a claim of its own."""
    placed = [(p, _continued(doc, att, p)) for p in pieces]
    if not att.quoted or len(pieces) < 2:
        return placed
    text = doc_text(doc)
    groups: list[list[tuple[Span, str]]] = []
    for piece, where in placed:
        if groups and where != "paragraph" and groups[-1][0][1] != "paragraph":
            groups[-1].append((piece, where))
        else:
            groups.append([(piece, where)])
    out = []
    for group in groups:
        start, end = _unquoted(group[0][0]).start, _unquoted(group[-1][0]).end
        out.append((Span(start, end, text[start:end]), group[0][1]))
    return out


def _continued(doc: Doc, att: Attribution, piece: Span) -> str:
    """Where a quoted piece stands after its cue: "continued" in a later sentence of the cue's
    paragraph ("A," he said. "B.": B, part of the same quotation), "paragraph" in a later
    paragraph (a claim of its own, with no cue of its own), else ""."""
    if not (att.quoted and att.cue and piece.start >= att.cue.end
            and sentence_index(doc, piece.start) != sentence_index(doc, att.cue.start)):
        return ""
    return "paragraph" if "\n" in doc_text(doc)[att.cue.end:piece.start] else "continued"


_RELATIVE = {"that", "which"}
_WH = {"that", "which", "who", "whom", "what", "whose"}


def _propositions(att: Attribution, text: str) -> tuple[Span, ...]:
    """The content's pieces, less a lone relative pronoun beside the clause it opens ("which |
    Zelensky said | hasn't stopped at arms": the claim is the clause). Quoted pieces are claims
    of their own ("A," he said. "B."); unquoted pieces on one side of the cue are one claim
    ("signed a protocol | on Monday | under which ...": the adjunct between is the parse's),
    and so are unquoted pieces around a cue set in the sentence ("If the papers are found, he
    said, they will go to the court": the claim is the sentence, cue and all, as the guide has it)."""
    pieces = att.content_fragments or (att.content,)
    if len(pieces) > 1:
        pieces = tuple(p for p in pieces if p.text.lower() not in _WH) or pieces
    if att.quoted or len(pieces) < 2 or att.cue is None:
        return pieces
    sides = ([p for p in pieces if p.end <= att.cue.start], [p for p in pieces if p.start >= att.cue.end])
    if sum(map(len, sides)) != len(pieces):
        return pieces
    if all(sides):  # "What drives them, some say, is fear": one sentence around its cue
        return (Span(pieces[0].start, pieces[-1].end, text[pieces[0].start:pieces[-1].end]),)
    return tuple(Span(side[0].start, side[-1].end, text[side[0].start:side[-1].end]) for side in sides if side)


def _antecedent(doc: Doc, content: Span, earlier: list[Claim]) -> Span:
    """A relative pronoun stands for what it refers to: in "Chile said that drones crossed, a
    charge that Argentina denied", the denied proposition is the claim the charge names (the
    latest earlier claim of the sentence), else the antecedent noun phrase itself."""
    span = doc.char_span(content.start, content.end)
    tokens = list(span) if span is not None and len(span) == 1 else []
    if not tokens or tokens[0].lower_ not in _RELATIVE or tokens[0].head.dep_ != "relcl":
        return content
    noun = tokens[0].head.head
    left = min(t.idx for t in noun.subtree if t.i <= noun.i)
    same = [c for c in earlier if sentence_index(doc, c.start) == sentence_index(doc, noun.idx)
            and c.start < left and c.text.lower() not in _RELATIVE]
    if same:
        last = max(same, key=lambda c: c.start)
        text = doc_text(doc)[last.start:min(last.end, left)].rstrip(" ,;:-\u2013\u2014")
        return Span(last.start, last.start + len(text), text)
    return Span(left, noun.idx + len(noun), doc_text(doc)[left:noun.idx + len(noun)])


_OPENING, _CLOSING = "\"“„«‘'", "\"”»’'"
_HANDOVER = " \t\n,;:"


def _unquoted(span: Span) -> Span:
    """'"We expect them to share the routes with us,"' -> the words said: no quotation marks
    around them, no comma handing over to the cue (a mark inside stays, and so does the
    attribution's content, which keeps PolNeAR's edges)."""
    text = span.text
    a, b = 0, len(text.rstrip(_HANDOVER))
    w = 2 if text[:2] in ("''", "``") and text[max(0, b - 2):b] == "''" else 1  # ''news style''
    if b and text[0] in _OPENING + "`" and text[b - 1] in _CLOSING and b > 2 * w:
        inner = text[w:b - w]
        if not any(ch in _OPENING or ch in _CLOSING for ch in re.sub("[\u2018\u2019']", "", inner)):
            a, b = w, w + len(inner.rstrip(_HANDOVER))
    if (a, b) == (0, len(text)) or b <= a:
        return span
    return Span(span.start + a, span.start + b, text[a:b])


_COMPLEMENTIZER = re.compile(r"(?:that|whether)\s+(?!(?:could|would|will|can|may|might|should|must|is|was|has|"
                             r"had|does|did|seems|means|made|makes)\b)")  # "that could happen": a subject
# (a capital "That" opens the speaker's own sentence: '"That depends," he replies')


def _without_complementizer(span: Span) -> Span:
    """"that six officers were killed" -> the proposition "six officers were killed"."""
    m = _COMPLEMENTIZER.match(span.text)
    if not m or m.end() >= len(span.text):
        return span
    return Span(span.start + m.end(), span.end, span.text[m.end():])


def _about(actors, span: Span, claimant_id) -> tuple[str, ...]:
    ids = []
    for a in actors:
        if span.start <= a.start and a.end <= span.end and a.actor_id and a.actor_id not in ids:
            ids.append(a.actor_id)
    return tuple(ids)


# ---------------------------------------------------------------- when

def _paragraph_start(text: str, pos: int) -> int:
    cut = text.rfind("\n", 0, pos)
    return cut + 1


def _inherited_time(doc: Doc, att: Attribution, claimant_id, earlier: list[Claim], timexes,
                    said: list[Span]) -> str | None:
    """The same speaker's earlier claim's time, else the paragraph's last date before the cue
    that is not inside what someone said (a quoted "on March 1" dates the quote's events)."""
    if claimant_id:
        for c in reversed(earlier):
            if c.claimant_id == claimant_id and c.time and c.time[:1].isdigit():
                return c.time
    text = doc.user_data.get("newsgraph_text") or doc.text
    start = _paragraph_start(text, att.start)
    before = [t for t in timexes if start <= t.start and t.end <= att.start and t.timex_type in ("DATE", "TIME")
              and not any(c.start <= t.start < c.end and not c.start <= att.start < c.end for c in said)
              and not _describes_a_noun(doc, t)]
    return before[-1].value if before else None


_NOUN_MODIFIERS = frozenset({"relcl", "acl", "appos"})


def _describes_a_noun(doc: Doc, timex) -> bool:
    """The date sits in a clause or apposition describing someone or something ("Blackwell,
    who founded the institute in 1979, has endorsed ..."): it dates that, not a statement."""
    span = char_span(doc, timex.start, timex.end)
    tok, hops = (span.root if span is not None and len(span) else None), 0
    while tok is not None and tok.head is not tok and hops < 20:
        if tok.dep_ in _NOUN_MODIFIERS:
            return True
        tok, hops = tok.head, hops + 1
    return False


_ACCORDING = re.compile(r"[\s,;(\u2014\u2013-]+according to\b", re.I)


def _before_according(content: Span) -> Span:
    """'"it was only my opinion," according to the station': what was said ends where another
    source is named for it (the claim is the quotation; the station reports the saying)."""
    found = _ACCORDING.search(content.text)
    if found is None or len(re.findall(r"[^\W\d_]+", content.text[:found.start()])) < 2:
        return content
    cut = content.text[:found.start()].rstrip(" ,;")
    return Span(content.start, content.start + len(cut), cut)


_TIME_PREPOSITIONS = frozenset({"on", "in", "at", "for", "during", "since", "until", "over", "throughout"})


def _without_time_tail(doc: Doc, att: Attribution, content: Span, timexes) -> tuple[Span, Record | None]:
    """"denied the allegations on Tuesday", "had denied the incursion for almost three weeks":
    a date or duration closing an unquoted content with no verb says when the source spoke,
    not what it said: the claim is "the allegations", "the incursion" (and the timex cut off)."""
    if att.quoted:
        return content, None
    span = char_span(doc, content.start, content.end)
    if span is None or any(t.pos_ in ("VERB", "AUX") for t in span):
        return content, None
    text = doc_text(doc)
    end = len(text[:content.end].rstrip(" .,;"))
    tails = [t for t in timexes if content.start < t.start and t.end == end]
    if not tails:
        return content, None
    cut = text[content.start:tails[0].start].rstrip()
    words = cut.split()
    if words and words[-1].lower() in _TIME_PREPOSITIONS:
        cut = cut[: len(cut) - len(words[-1])].rstrip()
    cut = cut.rstrip(" ,;")
    if len(re.findall(r"[^\W\d_]+", cut)) < 2:
        return content, None
    return Span(content.start, content.start + len(cut), cut), tails[0]


def _date_of(timex: Record | None) -> str | None:
    return timex.value if timex is not None and timex.timex_type in ("DATE", "TIME") else None


def _inner_time(span: Span, timexes) -> str | None:
    inside = [t for t in timexes if span.start <= t.start and t.end <= span.end and t.timex_type in ("DATE", "TIME")]
    return inside[0].value if inside else None


# ---------------------------------------------------------------- the author's own

def _author_claims(doc: Doc, article: Article, attributions, timexes, actors, rules) -> list[Claim]:
    """"The claim that X ..." outside any attribution: X, held by the author."""
    taken = [(a.content.start, a.content.end) for a in attributions] + [(a.start, a.end) for a in attributions]
    nouns = set(rules["claim_nouns"])
    table = tokens_of(doc)  # no Token object for every word of the doc
    out = []
    for i in [i for i, (pos, lemma) in enumerate(zip(table.pos, table.lemma)) if pos == "NOUN" and lemma in nouns]:
        tok = doc[i]
        for child in tok.children:
            if child.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
                span = _clause(doc, child)
                if span and not any(a <= span.start < b for a, b in taken):
                    out.append(_author_claim(doc, article, span, timexes, actors, _author_stance(doc, tok)))
    return out


def _clause(doc: Doc, verb) -> Span | None:
    toks = [t for t in verb.subtree if not (t.dep_ == "mark" and t.head == verb)]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return span_of(doc, toks[0].idx, toks[-1].idx + len(toks[-1])) if toks else None


def _author_stance(doc: Doc, noun) -> str:
    """"Reports that X have been exaggerated", "the claim that X is a hoax": the author denies X."""
    sent = sent_of(doc, noun.i)
    start = min(t.idx for t in noun.subtree)
    text = doc_text(doc)
    end = start + len(text[start:sent.end_char].rstrip())
    return "denies" if end > start and debunked(text, Span(start, end, text[start:end])) else "asserts"


def _author_claim(doc, article, span: Span, timexes, actors, stance: str = "asserts") -> Claim:
    text = doc.user_data.get("newsgraph_text") or doc.text
    hedges = find_hedges(text, span.start, span.end)
    certainty, conditional = certainty_of(hedges)
    return make_record(
        Claim, article.id, sentence_index(doc, span.start), span.start, span.end, span.text, NAME, VERSION,
        claimant_id="author", claimant="author", about=_about(actors, span, None),
        time=article.day, proposition_time=_inner_time(span, timexes), stance=stance,
        certainty=certainty, hedges=tuple(span_of(doc, h.start, h.end) for h in hedges),
        conditional=conditional, confidence=confidence("author", "noun", "body"))


# ---------------------------------------------------------------- evidence

def _attach_evidence(doc: Doc, claims: list[Claim], rules) -> list[Claim]:
    """An evidence note inside a claim belongs to it; one outside belongs to the claims of the
    claimant spoken of just before, in that claim's paragraph."""
    text = doc.user_data.get("newsgraph_text") or doc.text
    notes: dict[int, list[Span]] = {}
    for m in rules["evidence_re"].finditer(text):
        note = span_of(doc, m.start(), m.end())
        for i in _holders(text, claims, note):
            notes.setdefault(i, []).append(note)
    return [replace(c, evidence=tuple(notes[i])) if i in notes else c for i, c in enumerate(claims)]


def _holders(text: str, claims: list[Claim], note: Span) -> list[int]:
    inside = [i for i, c in enumerate(claims) if c.start <= note.start and note.end <= c.end]
    if inside:
        return inside
    before = [(c.end, i) for i, c in enumerate(claims) if c.end <= note.start and c.claimant_id != "author"]
    if not before:
        return []
    last = claims[max(before)[1]]
    para = _paragraph_start(text, last.start)
    return [i for i, c in enumerate(claims)
            if c.claimant == last.claimant and c.claimant_id == last.claimant_id
            and _paragraph_start(text, c.start) == para]
