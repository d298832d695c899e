"""Resolution: normalise the matches of a text in order, tracking the reference time (the
article date in news, the narrative's last date in a history) and the tense of each."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from ..shared.common import char_span, sentence_starts
from .context import Context
from .find import TimexMatch, find_matches
from .grammar import _after_forward_word, _sentence_of, _verb_at, past_perfect, scheduled_present, tense_of
from .normalize import NORMALIZERS
from .rules import load_rules
from .values import Resolved, _safe_date, bc_value


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def is_narrative(text: str, matches: Sequence[TimexMatch], dct: date | None) -> bool:
    """A history rather than news: at least five years the text names are two or more years
    from the article's, they are most of its years, and words that point at the article's own
    days ("yesterday", "on Tuesday", "last week", "two years ago") are fewer than a third of
    them, and "said"/"says"/"told" come less than once in 2,000 characters (news quotes
    people far more often); at least three different far years (news about one past event
    names its year again and again); and, in a text under 5,000 characters, no weekday or
    "yesterday" (a news brief or obituary lists years, yet its "Tuesday" is this
    week's). Relative words that point at the story's own dates ("two days
    later", "the next year") do not count: histories use them as much as news.

    Then relative expressions are anchored to the narrative's own last date (HeidelTime's
    "narrative" documents), not to the article date.
    """
    if dct is None:
        return False
    years = [int(m.groups["year"]) for m in matches if len(m.groups.get("year", "")) == 4]
    years += [-int(m.groups["bcyear"]) for m in matches if "bcyear" in m.groups]
    far = sum(abs(y - dct.year) >= 2 for y in years)
    deictic = sum(m.rule.norm in ("weekday", "dayword") or DEICTIC.search(text, m.start, m.end) is not None
                  for m in matches)
    reported = len(REPORTED.findall(text))  # news quotes people: "said" every few sentences
    distinct = len({y for y in years if abs(y - dct.year) >= 2})
    days = any(m.rule.norm == "weekday" or m.rule.norm == "dayword" and text[m.start:m.end].lower() != "today"
               for m in matches)
    if distinct < 3 or len(text) < SHORT_TEXT and days:
        return False  # one past event told at length; a news brief's "He died on Tuesday"
    if any(m.start < LEDE and (m.rule.norm == "weekday" or m.rule.norm == "dayword" and text[m.start:m.end].lower() != "today")
           and not _YEAR_NEAR.search(
            text, max(0, m.start - 40), min(len(text), m.end + 40)) for m in matches):
        return False  # the lede names a day of the article's week: news with a past in its body
    return far >= 5 and far >= 0.6 * len(years) and deictic * 3 < far and reported * 2000 < len(text)


LEDE = 600  # characters: a news article's first paragraph
_YEAR_NEAR = re.compile(r"\b(?:1[0-9]|20)\d\d\b")  # "on Sunday, 7 December 1941": a history's weekday has its date
SHORT_TEXT = 5000  # characters: a "history" this short with a "Tuesday" or "yesterday" is news


REPORTED = re.compile(r"\b(?:said|says|told)\b")


DEICTIC = re.compile(r"\b(?:ago|last|this|next|coming|past)\b(?<!\bthe next)(?<!\bthe past)(?<!\bthe last)",
                     re.IGNORECASE)  # words that read a date from the article's own day


def _last_point(history: Sequence[Resolved]) -> Resolved | None:
    for r in reversed(history):
        if r.point is not None and r.timex_type in ("DATE", "TIME") and r.granularity in (
                "time", "day", "week", "month", "season", "quarter", "half", "year"):
            return r
    return None


DAY_NORMS = ("weekday", "dayword", "partofday", "clock", "sameday")  # need the anchor's day


def resolve_all(text: str, article_date: str | None, doc=None, matches: Sequence[TimexMatch] | None = None,
                anchors: Mapping[int, tuple[date, str]] | None = None) -> list[Resolved]:
    """Normalise the matches of ``text`` in order, tracking the discourse reference time.

    ``anchors`` maps a match start to (speech time, "quote") for timexes inside quotes.
    """
    rules = load_rules()
    matches = find_matches(text, rules) if matches is None else matches
    dct = _parse_day(article_date)
    starts = sentence_starts(doc) if doc is not None and doc.has_annotation("SENT_START") else None
    narrative = is_narrative(text, matches, dct)
    history: list[Resolved] = []
    sents: list[int] = []
    verbs: list[int | None] = []
    out: list[Resolved] = []
    for m in matches:
        anchor, source = _anchor(m, history, narrative, (anchors or {}).get(m.start, (dct, "dct" if dct else "none")))
        verb = _verb_at(doc, m.start, m.end)
        ctx = Context(text, dct, anchor, source, "none", history, _sentence_of(doc, text, m.start, starts), sents,
                      rules.vocab, narrative, m.start, m.end, verb.i if verb is not None else None, verbs)
        if not narrative and m.rule.norm in TENSED_NORMS:
            ctx.tense = _sentence_tense(m, _tense(verb, text, m.start, rules.vocab), doc, verb, text, rules.vocab)
        r = _normalise(m, ctx)
        if r is None:
            continue
        out.append(replace(r, value=bc_value(r.value), anchor=bc_value(r.anchor)))
        history.append(r)
        sents.append(ctx.sentence)
        verbs.append(ctx.verb)
    return _days_named_after(text, out)


_CLOCK_DAY_GAP = re.compile(r"(?:\s+[A-Z]{2,4})?\s*,?\s*(?:on\s+)?")  # "8 p.m. EST on Tuesday"
_ATTRIBUTE_GAP = re.compile(r"\s+[a-z]{3,}\s+")  # "a noon rally Tuesday"
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the)\s+$", re.IGNORECASE)
_PART_OF_GAP = re.compile(r"\s+of\s+[^.;:,!?()\"]{1,50}?\s+on\s+")  # "the night of the attack on Sept. 11"
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}$")
CLOCK_RULES = ("clock", "clock24", "clock_gmt", "noon", "clock_part")


def _days_named_after(text: str, out: list[Resolved]) -> list[Resolved]:
    """A time of day is on the day named right after it, as that day was read: "8 p.m. EST
    on Tuesday", "a noon rally Tuesday", "the night of the attack on Sept. 11, 2012"."""
    for i, (r, n) in enumerate(zip(out, out[1:])):
        if r.timex_type != "TIME" or "T" not in r.value or n.timex_type != "DATE" or \
                not _DAY_VALUE.match(n.value) or _POSSESSIVE.match(text, n.end):
            continue
        gap = text[r.end:n.start]
        clock = r.rule in CLOCK_RULES
        if (clock and _CLOCK_DAY_GAP.fullmatch(gap)) or (
                clock and _ATTRIBUTE_GAP.fullmatch(gap) and _ARTICLE_BEFORE.search(text, max(0, r.start - 5), r.start)) or (
                r.rule == "this_partofday" and text[r.start:r.end].lower().startswith("the ") and _PART_OF_GAP.fullmatch(gap)):
            out[i] = replace(r, value=n.value + r.value[r.value.index("T"):], point=n.point, anchor=n.anchor,
                             anchor_source=n.anchor_source)
    return out


TENSED_NORMS = ("weekday", "month", "date", "season", "quarter", "holiday", "partofholiday", "clock", "relunit", "weekof", "nthweek", "ago")  # read by the tense


def _anchor(m: TimexMatch, history: Sequence[Resolved], narrative: bool,
            default: tuple[date | None, str]) -> tuple[date | None, str]:
    """What ``m`` is read against: the article date or the quote's speech time (``default``);
    in a history its last date ("today" in June 1940 is some day of it: no day known)."""
    last = _last_point(history) if narrative else None
    if last is None:
        return default
    known_day = last.granularity in ("day", "time") or m.rule.norm not in DAY_NORMS
    return (last.point if known_day else None), "discourse"


_SINCE = re.compile(r"\b[Ss]ince\s+$")
_UNTIL = re.compile(r"\b(?:until|till|through)\s+(?:an?\s+)?$", re.IGNORECASE)
_BY = re.compile(r"\b[Bb]y\s+$")
_AHEAD_OF = re.compile(r"\bahead\s+of\s+(?:[\w\u2019']+\s+){0,2}$", re.IGNORECASE)  # "ahead of the vote Tuesday"
_SLATED = re.compile(r"\b(?:scheduled|slated|planned|set)\s+(?:for|on)\s+(?:next\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'|\u2019)s\b")


def _sentence_tense(m: TimexMatch, tense: str, doc, verb, text: str, vocab) -> str:
    """The verb's tense as the timex reads it (docs/time.md, "Direction"). A weekday: a present
    schedule ("meet Thursday") and a progressive ("is meeting Friday") look ahead or to today,
    and a progressive says nothing of a possessive day ("is questioning Monday's debate"). A
    day: a present schedule looks ahead ("begins Oct. 1"). Any: "since" is not ahead, "by"
    with no past tense is ("must double by March")."""
    stative = vocab.get("STATIVE", {})
    if tense != "past" and m.rule.norm in ("weekday", "date") and _after_past_saying(doc, m):
        return "past"  # "The firm said Monday it will rehire": the saying's day, parsed onto "rehire"
    if m.rule.norm == "month" and tense == "past" and _attributive(doc, m):
        return "none"  # "setting up the November showdown": the act is past, the noun's month need not be
    if tense in ("present", "none") and _after_an_event(doc, m):
        return "past"  # "Floods are an issue after the dam burst in June": the June behind
    if m.rule.norm == "weekday":
        progressive = verb is not None and verb.tag_ == "VBG" and tense == "future"
        if progressive and (_POSSESSIVE.match(text, m.end) or _on_a_noun(doc, m)
                            or verb.lemma_.lower() in vocab.get("REACTIVE", {})):
            return "none"  # "is questioning Monday's debate", "are praising the interview on Thursday"
        if progressive or tense in ("present", "none") and scheduled_present(doc, m.start, m.end, verb, stative):
            return "scheduled"
        if tense == "present" and _names_the_occasion(doc, m):
            return "scheduled"  # "Friday is the anniversary of the founding": the coming Friday, or today
        if tense == "future" and (_POSSESSIVE.match(text, m.end) or _on_a_noun(doc, m)) and _in_subject(doc, m, verb):
            return "near"  # "Tuesday's results will force him out": the verb's future is not the day's
        if tense != "future" and _SLATED.search(text, max(0, m.start - 30), m.start):
            return "near"  # "a rally slated for Wednesday" (cancelled or held): the nearer one
        if tense == "future" and _past_plan(verb, vocab):
            return "near"  # "was due to speak Friday": the future of a past day, either side of the anchor
        return tense
    if m.rule.norm in ("date", "month") and tense in ("present", "none") and \
            ("day" in m.groups or m.rule.norm == "month") and scheduled_present(doc, m.start, m.end, verb, stative):
        return "future"
    if _SINCE.search(text, max(0, m.start - 8), m.start) and tense != "past":
        return "past"
    if _UNTIL.search(text, max(0, m.start - 12), m.start) and tense == "past":
        return "none"  # "gave the bidder until mid-November", "extended loans through January": the end may be ahead
    if _BY.search(text, max(0, m.start - 5), m.start) and tense in ("present", "none"):
        return "future"
    return tense


def _after_past_saying(doc, m: TimexMatch) -> bool:
    """The timex follows a past verb of saying, at most its object between ("said Monday",
    "told reporters on Tuesday", "announced Friday")."""
    span = char_span(doc, m.start, m.end) if doc is not None else None
    if span is None or not len(span):
        return False
    speech = load_rules().speech_verbs
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "on":
        i -= 1
    for _ in range(4):
        if i < 0:
            return False
        tok = doc[i]
        if tok.tag_ == "VBD" and tok.lemma_.lower() in speech:
            return True
        if tok.pos_ not in ("NOUN", "PROPN", "DET", "PRON") or tok.is_punct:
            return False
        i -= 1
    return False


def _attributive(doc, m: TimexMatch) -> bool:
    """A month naming the noun after it ("the November election", "her March comment")."""
    span = char_span(doc, m.start, m.end) if doc is not None else None
    if span is None or len(span) != 1:
        return False
    token = span[0]
    return token.dep_ in ("compound", "nmod", "amod") and token.head.pos_ == "NOUN" and token.head.i > token.i


def _after_an_event(doc, m: TimexMatch) -> bool:
    """The timex dates the object of "after", "since" or "following" ("after the dam burst in
    June", "since Tuesday's vote"): an event that came before the clause's present."""
    span = char_span(doc, m.start, m.end) if doc is not None else None
    if span is None or not len(span):
        return False
    token = span.root
    for _ in range(5):
        if token.head.i == token.i or token.head.pos_ in ("VERB", "AUX"):
            return token.dep_ == "prep" and token.lower_ in ("after", "since", "following")
        token = token.head
        if token.dep_ == "prep" and token.lower_ in ("after", "since", "following"):
            return True
    return False


def _on_a_noun(doc, m: TimexMatch) -> bool:
    """The timex dates a noun ("the speech on Thursday"), not the verb's act."""
    span = char_span(doc, m.start, m.end) if doc is not None else None
    if span is None or not len(span):
        return False
    head = span.root.head
    if head.dep_ == "prep" and head.i != span.root.i:
        head = head.head
    return head.i != span.root.i and head.pos_ in ("NOUN", "PROPN")


def _past_plan(verb, vocab) -> bool:
    """An infinitive completing a past verb that looks ahead: "was due to sign", "planned to vote"."""
    if verb is None or verb.tag_ != "VB" or not any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children):
        return False
    head = verb.head
    if head.lemma_.lower() not in vocab["TOAHEAD"] or head.i == verb.i:
        return False
    return head.tag_ == "VBD" or head.tag_ == "VBN" and any(
        c.lower_ in ("was", "were") for c in head.children if c.dep_ in ("auxpass", "aux"))


def _names_the_occasion(doc, m: TimexMatch) -> bool:
    """The weekday is the subject of a present "be" ("Friday is the deadline", "Tuesday is
    the anniversary of ..."): the day of the occasion, not one gone by."""
    span = char_span(doc, m.start, m.end) if doc is not None else None
    if span is None or not len(span):
        return False
    root, verb = span.root, span.root.head
    return root.dep_ in ("nsubj", "npadvmod") and verb.i == span.end and verb.lemma_ == "be" and \
        verb.tag_ in ("VBZ", "VBP") and any(c.dep_ == "attr" for c in verb.children)


def _in_subject(doc, m: TimexMatch, verb) -> bool:
    """The timex is inside the subject of ``verb`` ("the results of Tuesday's vote will ...")."""
    span = char_span(doc, m.start, m.end) if doc is not None else None
    if span is None or not len(span) or verb is None:
        return False
    token = span.root
    for _ in range(8):
        if token.dep_ in ("nsubj", "nsubjpass", "csubj") and token.head.i == verb.i:
            return True
        if token.head.i == token.i or token.head.i == verb.i:
            return False
        token = token.head
    return False


def _tense(verb, text: str, start: int, vocab) -> str:
    """The tense that decides a bare name's direction; "payable", "effective", "due" before
    the timex look ahead unless the verb is in the past perfect."""
    if (_after_forward_word(text, start, vocab) or _AHEAD_OF.search(text, max(0, start - 40), start)) \
            and not past_perfect(verb):
        return "future"
    return tense_of(verb, vocab["TOAHEAD"])


_TITLE_OPEN = re.compile(r"[\"\u201c\u2018]$|\x27\x27$")  # also ''This Week'' (typewriter marks)
_TITLE_CLOSE = re.compile(r"[,.]?(?:[\"\u201d\u2019]|\x27\x27)")
TITLE_NORMS = ("partofday", "dayword", "ref", "relunit")


_TITLE_QUOTE = re.compile(r"[\"\u201c]((?:[A-Z][\w\x27\u2019-]*\s+){1,5}[A-Z][\w\x27\u2019-]*)[,.]?[\"\u201d]")


def _a_quoted_title(m: TimexMatch, text: str) -> bool:
    """A capitalised timex that is a whole quotation is a title: a network's "This Evening"; so
    is one inside a short quotation whose every word is capitalised (the song "All Right Now")."""
    if m.rule.norm not in TITLE_NORMS or not text[m.start].isupper():
        return False
    if " " in text[m.start:m.end] and _TITLE_OPEN.search(text, max(0, m.start - 2), m.start) is not None \
            and _TITLE_CLOSE.match(text, m.end) is not None:
        return True
    return any(q.start(1) <= m.start and m.end <= q.end(1)
               for q in _TITLE_QUOTE.finditer(text, max(0, m.start - 60), min(len(text), m.end + 60)))


def _normalise(m: TimexMatch, ctx: Context) -> Resolved | None:
    if _a_quoted_title(m, ctx.text):
        return None
    try:
        r = NORMALIZERS[m.rule.norm](m, ctx)
    except (OverflowError, ValueError):  # moved beyond the calendar (an article dated year 1 or 9999)
        return None
    return replace(r, start=m.start, end=r.end or m.end, rule=m.rule.id) if r is not None and r.value else None
