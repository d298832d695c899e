"""Extractor ``time``: temporal expressions as TimeML TIMEX3 (type, value, mod, granularity).

Needs: the parsed Doc (sentences, tags and dependencies: the tense of the verb a timex hangs
on) and ``article.date``. Produces: :class:`~newsgraph.records.Timex` records.

How it works:

1. **Find.** The rules of ``data/time/rules.toml`` (regexes over the text, built from the
   word tables of ``data/time/vocab.toml``) propose extents; where they overlap, the longest
   wins, then the rule's priority. No pattern or word list lives in this module. A rule is
   tried only where one of its matches can start (:class:`TriggerIndex`: at a word of its
   pattern or a number), which gives the same matches as scanning every position, several
   times faster.
2. **Resolve**, in text order, each match by its rule's ``norm`` function against an anchor:
   the article date (DCT), or the most recent explicit reference in the discourse where the
   grammar asks for it ("last week ... on Tuesday", "In June 1940 ... on the 5th", "that
   day"), and the tense of the governing verb for a bare weekday or month (past tense in news
   prefers the past reading). An article with no date keeps underspecified values
   (``XXXX-XX-XX``) and never invents one.
3. **Quotes.** A timex inside a quotation (:mod:`newsgraph.nlp.shared.quotes`) is anchored to the
   time of the quote's speech act (:func:`speech_time`): the timex governing its cue verb,
   else the latest timex governing an earlier speech act by the same speaker, else the
   article's first speech-time anchor. A speech time coarser than a day ("last month") is a
   period, and the timex is read against its first and its last day: what both readings
   agree on is the value ("next month" said last month is one month), the rest is left
   unknown as TIMEX3 allows ("next week" said last month: ``2024-WXX``), never the article
   date's reading, which is wrong for a quote (the article date's reading is kept only when
   the two readings differ in kind).

:func:`governing_timex` gives, for any token span, the timex that governs it (for events,
claims and attributions of later extractors).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate
from typing import Any, Callable

from spacy.attrs import IDX, LEMMA, POS
from spacy.symbols import VERB

from ...datafiles import read_data
from ...records import Article, Record, Timex, make_record
from ..shared.common import MEMO_ENTRIES, char_span, sent_of, sentence_starts

__all__ = [
    "NAME",
    "VERSION",
    "Resolved",
    "TimexMatch",
    "extract",
    "find_matches",
    "governing_timex",
    "load_rules",
    "resolve_all",
    "speech_time",
    "tag_text",
]

NAME = "time"
VERSION = "3"


# ------------------------------------------------------------------------------ data files


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    regex: re.Pattern
    timex_type: str
    norm: str
    priority: int = 0
    value: str | None = None
    mod: str | None = None


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    vocab: Mapping[str, Mapping[str, Any]]
    speech_verbs: frozenset[str] = frozenset()
    triggers: TriggerIndex | None = None  # where rules may start; None: scan everywhere
    token_rules: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    leads: LeadIndex | None = None  # narrows the triggers by a word and the next one
    pair_rules: dict[tuple[str, str], tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)


def _read_toml(name: str) -> dict[str, Any]:
    text = read_data(__package__, name)
    return tomllib.loads(text)


def _alternation(words: Iterable[str], case_sensitive: bool) -> str:
    alts = []
    for w in sorted(words, key=len, reverse=True):
        body = r"\s+".join(re.escape(part) for part in w.split(" "))
        if case_sensitive and w[:1].isalpha():
            body = f"(?-i:{re.escape(w[0].upper())})" + r"\s+".join(re.escape(p) for p in w[1:].split(" "))
        alts.append(body)
    return "(?:" + "|".join(alts) + ")"


NUM_PATTERN = (r"(?:\d{1,3}(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
               r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|{NUMWORD!})")


def _expand(pattern: str, vocab: Mapping[str, Mapping[str, Any]], case_tables: set[str]) -> str:
    pattern = pattern.replace("{NUM}", "(?P<num>" + NUM_PATTERN + ")")
    pattern = pattern.replace("{NUM@num2}", "(?P<num2>" + NUM_PATTERN + ")")

    def sub(m: re.Match) -> str:
        table, _, group = m.group(1).rstrip("!").partition("@")
        alternation = _alternation(vocab[table], table in case_tables)
        if m.group(1).endswith("!"):
            return alternation
        return f"(?P<{group or table.lower()}>{alternation})"

    while True:
        new = re.sub(r"\{([A-Z]+(?:@\w+)?!?)\}", sub, pattern)
        if new == pattern:
            return new
        pattern = new


def _compile(spec: Mapping[str, Any], vocab, case_tables) -> Rule:
    body = _expand(spec["pattern"], vocab, case_tables)
    try:
        regex = re.compile(r"(?<![\w])" + body + r"(?![\w])", re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"time rule {spec.get('id')!r}: bad pattern: {exc}") from exc
    return Rule(spec["id"], regex, spec["type"], spec["norm"], int(spec.get("priority", 0)),
                spec.get("value"), spec.get("mod"))


@lru_cache(maxsize=1)
def load_rules() -> RuleSet:
    """The compiled rules and vocabularies from ``data/time/`` (cached)."""
    raw_vocab = _read_toml("vocab.toml")
    case_tables = set(raw_vocab.pop("case_sensitive", {}).get("tables", ()))
    vocab = {name: {k.lower(): v for k, v in table.items()} for name, table in raw_vocab.items()}
    rules = tuple(_compile(spec, vocab, case_tables) for spec in _read_toml("rules.toml")["rule"])
    verbs = frozenset(_read_toml("speech.toml")["verbs"]["lemmas"])
    triggers = TriggerIndex.build(rules)
    return RuleSet(rules, vocab, verbs, triggers, leads=_build_leads(rules))


# ------------------------------------------------------------------------------ finding


@dataclass(frozen=True, slots=True)
class TimexMatch:
    start: int
    end: int
    rule: Rule
    groups: Mapping[str, str]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,":
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def find_matches(text: str, rules: RuleSet | None = None) -> list[TimexMatch]:
    """Every rule's matches, overlaps resolved (longest, then priority, then earliest).

    A rule is tried only where a match of it can start: at a word whose lowercased form
    agrees with a word of the rule's pattern or is a number (:func:`_starts_by_rule`);
    elsewhere it cannot match, so the result is that of scanning the whole text.
    """
    rules = rules or load_rules()
    cands: list[TimexMatch] = []
    starts = _starts_by_rule(text, rules)
    for i, rule in enumerate(rules.rules):
        for m in _scan(rule.regex, text, starts[i]):
            start, end = _strip(text, m.start(), m.end())
            if end > start:
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                cands.append(TimexMatch(start, end, rule, groups))
    cands.sort(key=lambda c: (-(c.end - c.start), -c.rule.priority, c.start))
    taken: list[TimexMatch] = []
    for c in cands:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")
_SYNTAX = re.compile(r"\\(?:x[0-9a-fA-F]{2}|[a-zA-Z])|\(\?P<\w+>|\(\?P=\w+\)|\(\?[a-zA-Z-]+:|\[[^\]]*\]|\{[^}]*\}")


def _pattern_words(pattern: str) -> frozenset[str]:
    """The lowercased literal words of a compiled rule pattern (regex syntax removed)."""
    literal = re.sub(r"\(\?-i:(\w)\)", r"\1", pattern)  # case-sensitive initials, see _alternation
    return frozenset(w.lower() for w in _LETTERS.findall(_SYNTAX.sub(" ", literal)))


@dataclass(frozen=True)
class TriggerIndex:
    """Where each rule may start a match: at a word of its pattern, at a token that extends
    or truncates one of its words of three letters or more ("weeks", "Sept" / "Sep"), at a
    token whose letters are such a word followed by digits ("Q3"), or at a number when the
    pattern has digits; each also one character earlier ("'90s", "$5")."""

    exact: Mapping[str, frozenset[int]]  # token -> rules (pattern words and their prefixes)
    stems: Mapping[str, frozenset[int]]  # word of 3+ letters -> rules (tokens it starts)
    digits: frozenset[int]

    @classmethod
    def build(cls, rules: Sequence[Rule]) -> "TriggerIndex":
        exact: dict[str, set[int]] = {}
        stems: dict[str, set[int]] = {}
        digits = set()
        for i, rule in enumerate(rules):
            for w in _pattern_words(rule.regex.pattern):
                exact.setdefault(w, set()).add(i)
                for k in range(3, len(w) + 1):
                    exact.setdefault(w[:k], set()).add(i)
                if len(w) >= 3:
                    stems.setdefault(w, set()).add(i)
            if re.search(r"\\d|[0-9]", rule.regex.pattern):
                digits.add(i)
        return cls({k: frozenset(v) for k, v in exact.items()}, {k: frozenset(v) for k, v in stems.items()},
                   frozenset(digits))

    def rules_for(self, token: str) -> tuple[int, ...]:
        if token[0].isdigit():
            return tuple(sorted(self.digits))
        hit = set(self.exact.get(token, ()))
        for k in range(3, len(token) + 1):
            hit.update(self.stems.get(token[:k], ()))
        letters = _LETTERS.match(token)
        if letters is None or letters.end() < len(token):  # "Q3", "FY98": letters then more
            hit.update(self.exact.get(letters.group() if letters else "", ()))
            hit.update(self.digits)
        return tuple(sorted(hit))


# -- lead words: which rules can begin with a given pair of words

# A match is described by the abstract characters it begins with: a lower-case ASCII letter,
# _SEP (a character that is not \w: a run of them is one _SEP), _DIGIT, or _WILD (anything).
_SEP, _DIGIT, _WILD = " ", "0", "*"
_WORD_CHAR = re.compile(r"\w")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
try:  # re's own pattern parser: private modules (Python 3.11-3.13). Without them no LeadIndex is
    # built and the TriggerIndex alone picks the rules to try: the same matches, more attempts.
    import re._constants as _re_constants
    import re._parser as _re_parser

    _SEPARATOR_CATEGORIES = (_re_constants.CATEGORY_SPACE, _re_constants.CATEGORY_NOT_WORD)
    _ZERO_WIDTH = (_re_constants.AT, _re_constants.ASSERT, _re_constants.ASSERT_NOT)
    _REPEATS = (_re_constants.MAX_REPEAT, _re_constants.MIN_REPEAT, _re_constants.POSSESSIVE_REPEAT)
except (ImportError, AttributeError):  # pragma: no cover - depends on the Python version
    _re_constants = _re_parser = None

Head = tuple[str | None, bool, str | None, bool]  # (first word, open, second word, open)


def _abstract(ch: str) -> str:
    if not _WORD_CHAR.match(ch):
        return _SEP
    if ch.isascii() and ch.isdigit():
        return _DIGIT
    return ch.lower() if _ASCII_LETTER.match(ch) else _WILD


def _char_kinds(op, av) -> set[str]:
    """The abstract characters one parsed character node can match (a superset)."""
    C = _re_constants
    if op == C.LITERAL:
        return {_abstract(chr(av))}
    if op != C.IN:
        return {_WILD}
    out: set[str] = set()
    for item, arg in av:
        if item == C.LITERAL:
            out.add(_abstract(chr(arg)))
        elif item == C.RANGE:
            kinds = {_abstract(chr(c)) for c in range(arg[0], arg[1] + 1)}
            out |= kinds if kinds <= {_SEP, _DIGIT} else {_WILD}
        elif item == C.CATEGORY:
            out.add(_DIGIT if arg == C.CATEGORY_DIGIT else _SEP if arg in _SEPARATOR_CATEGORIES else _WILD)
        else:  # NEGATE and anything else
            out.add(_WILD)
    return out


def _head(acc: str, ended: bool) -> Head:
    """The first two words of abstract text ``acc`` (the match's beginning, or all of it when
    ``ended``). A word is open when more word characters may follow the letters known (the
    token then only starts with them); None stands for any word."""
    words = acc.lstrip(_SEP).split(_SEP)

    def word(w: str, last: bool) -> tuple[str | None, bool]:
        if not w or w[0] == _WILD:
            return None, True
        if w[0] == _DIGIT:
            return _DIGIT, True
        letters = w.rstrip(_DIGIT + _WILD)
        return letters, len(letters) < len(w) or (last and not ended)

    first, first_open = word(words[0], len(words) == 1)
    if len(words) == 1 or first_open:
        return first, first_open, None, True
    return (first, first_open, *word(words[1], len(words) == 2))


Beginnings = set[tuple[str, bool]]  # (abstract text, whether it is all of the match)


def _cut(text: str) -> tuple[str, bool]:
    """``text`` cut after what fixes its head (a digit, a wildcard, the separator after its
    second word); and whether it was cut."""
    if _DIGIT in text or _WILD in text:
        stop = min(i for i in (text.find(_DIGIT), text.find(_WILD)) if i >= 0)
        return text[:stop + 1], True
    lead = 1 if text.startswith(_SEP) else 0  # (at most one: separator runs are merged)
    if text.count(_SEP) - lead < 2:
        return text, False
    second = text.find(_SEP, text.find(_SEP, lead) + 1)
    return text[:second + 1], True


def _then(first: Beginnings, second: Beginnings) -> Beginnings:
    """The beginnings of a match of one part followed by another (separator runs merged)."""
    out: Beginnings = set()
    for a, whole_a in first:
        if not whole_a:
            out.add((a, False))
            continue
        for b, whole_b in second:
            joined = a + b[1:] if a.endswith(_SEP) and b.startswith(_SEP) else a + b
            joined, cut = _cut(joined)
            out.add((joined, whole_b and not cut))
    return out


def _beginnings(items: list, memo: dict[int, Beginnings]) -> Beginnings:
    """How a match of the parsed item list ``items`` can begin (a superset: a look-around
    is ignored, a repetition beyond the first is 'anything')."""
    known = memo.get(id(items))
    if known is not None:
        return known
    C = _re_constants
    out: Beginnings = {("", True)}
    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY):
            part = {(kind, True) for kind in _char_kinds(op, av)}
        elif op == C.SUBPATTERN:
            part = _beginnings(av[3].data, memo)
        elif op == C.ATOMIC_GROUP:
            part = _beginnings(av.data, memo)
        elif op == C.BRANCH:
            part = set().union(*(_beginnings(alt.data, memo) for alt in av[1]))
        elif op in _REPEATS:
            low, high, body = av
            once = _beginnings(body.data, memo)
            part = {("", True)} if low == 0 else set()
            if high == 1 or once == {(_SEP, True)}:  # a run of separators is one _SEP
                part |= once
            elif high > 1:
                part |= _then(once, {(_WILD, True)})
        elif op in _ZERO_WIDTH:
            continue
        else:  # a back reference, a conditional: anything
            part = {(_WILD, True)}
        out = _then(out, part)
        if not any(whole for _, whole in out):
            break
    memo[id(items)] = out
    return out


def _lead_heads(pattern: str, flags: int) -> set[Head]:
    """Every way a match of ``pattern`` can begin, as its first two words. A match that is
    all of its text ends its last word: the rules end with ``(?![\\w])``."""
    tree = _re_parser.parse(pattern, flags)
    return {_head(text.lstrip(_SEP), ended=whole) for text, whole in _beginnings(tree.data, {})}


class _ByWord:
    """Values filed under word descriptions (a word, a word start, any number, any word),
    looked up by a word of the text."""

    def __init__(self) -> None:
        self.exact: dict[str, list] = {}
        self.starts: dict[str, list] = {}
        self.number: list = []
        self.anything: list = []
        self.longest_start = 0

    def slot(self, word: str | None, is_open: bool) -> list:
        """The list of values for a word description (see :func:`_head`)."""
        if word is None:
            return self.anything
        if word == _DIGIT:
            return self.number
        if is_open:
            self.longest_start = max(self.longest_start, len(word))
            return self.starts.setdefault(word, [])
        return self.exact.setdefault(word, [])

    def values(self) -> list:
        """Every value filed."""
        return [v for slot in (*self.exact.values(), *self.starts.values(), self.number, self.anything)
                for v in slot]

    def matching(self, word: str) -> list:
        """The values whose description fits lower-case ``word`` ("" at the end of the text)."""
        out = list(self.anything)
        if not word:
            return out
        out += self.exact.get(word, ())
        if word[0].isdigit():
            out += self.number
        for k in range(1, min(len(word), self.longest_start) + 1):
            out += self.starts.get(word[:k], ())
        return out


class LeadIndex:
    """Which rules can begin a match at a word, given that word and the next one: "the"
    starts a match of a rule only when the rule can begin with "the" and a word that may
    follow it there ("the end of", "the past"). Much narrower than :class:`TriggerIndex`
    (which looks at any word of a rule), so far fewer regex attempts; used together with it
    (a rule is tried where both allow it), which keeps the matches exactly the same."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.first = _ByWord()  # first word -> [_ByWord: second word -> [rule]]
        seconds: dict[tuple[str | None, bool], _ByWord] = {}
        for i, rule in enumerate(rules):
            for first, first_open, second, second_open in _lead_heads(rule.regex.pattern, rule.regex.flags):
                after = seconds.get((first, first_open))
                if after is None:
                    after = seconds[(first, first_open)] = _ByWord()
                    self.first.slot(first, first_open).append(after)
                after.slot(second, second_open).append(i)

    def rules_for(self, first: str, second: str) -> set[int]:
        """Rules that may begin at lower-case word ``first`` followed by word ``second``
        ("" at the end of the text)."""
        return {i for after in self.first.matching(first) for i in after.matching(second)}

    def rules_at(self, first: str) -> set[int]:
        """Rules that may begin at lower-case word ``first``, whatever follows."""
        return {i for after in self.first.matching(first) for i in after.values()}


def _build_leads(rules: Sequence[Rule]) -> LeadIndex | None:
    """The LeadIndex of ``rules``, or None (only the TriggerIndex is used) if a pattern
    holds what the analysis does not know."""
    if _re_parser is None:
        return None
    try:
        return LeadIndex(rules)
    except (AttributeError, TypeError, ValueError, IndexError):
        return None


def _rules_for_token(token: str, rules: RuleSet) -> tuple[int, ...]:
    """The rules to try at ``token`` (lower case): the TriggerIndex's, less those that the
    LeadIndex says cannot begin with that word."""
    cache = rules.token_rules
    hit = cache.get(token)
    if hit is None:
        if len(cache) > MEMO_ENTRIES:
            cache.clear()
        hit = rules.triggers.rules_for(token)
        if rules.leads is not None and token.isascii():
            leads = rules.leads.rules_at(token)
            hit = tuple(i for i in hit if i in leads)
        cache[token] = hit
    return hit


def _rules_for_pair(token: str, following: str, rules: RuleSet) -> tuple[int, ...]:
    """The rules to try at ``token`` (lower case) followed by ``following``: those both the
    TriggerIndex and the LeadIndex allow there."""
    hit = _rules_for_token(token, rules)
    if not hit or rules.leads is None or not (token.isascii() and following.isascii()):
        return hit  # (re's case-insensitive matching knows non-ASCII letters, "K" = "k")
    cache = rules.pair_rules
    key = (token, following)
    narrowed = cache.get(key)
    if narrowed is None:
        if len(cache) > MEMO_ENTRIES:
            cache.clear()
        leads = rules.leads.rules_for(token, following)
        narrowed = cache[key] = tuple(i for i in hit if i in leads)
    return narrowed


_WORD_SPLIT = re.compile(r"(\w+)")  # _WORD, keeping what lies between


def _starts_by_rule(text: str, rules: RuleSet) -> list[list[int] | None]:
    """For each rule, the sorted positions where a match may start (None: everywhere)."""
    if rules.triggers is None:
        return [None] * len(rules.rules)
    starts: list[list[int]] = [[] for _ in rules.rules]
    parts = _WORD_SPLIT.split(text)  # between, word, between, word, ..., between
    offsets = list(accumulate(map(len, parts)))  # offsets[2k]: where word k starts
    words = [*map(str.lower, parts[1::2]), ""]
    known = rules.token_rules
    seen = {word: known.get(word) for word in set(words[:-1])}  # (a dict lookup per word, not a call)
    useful = {word for word, hit in seen.items() if hit or hit is None and _rules_for_token(word, rules)}
    for k in [k for k, word in enumerate(words) if word in useful]:
        word = words[k]
        hit = _rules_for_pair(word, words[k + 1], rules)
        if hit:
            s = offsets[2 * k]
            positions = (s - 1, s) if s and not text[s - 1].isspace() else (s,)
            for i in hit:
                starts[i].extend(positions)
    return starts


def _scan(regex: re.Pattern, text: str, starts: list[int] | None) -> Iterable[re.Match]:
    """``regex.finditer(text)``, trying only the given start positions."""
    if starts is None:
        yield from regex.finditer(text)
        return
    end = 0
    for s in starts:
        if s < end:
            continue
        m = regex.match(text, s)
        if m is not None and m.end() > m.start():
            end = m.end()
            yield m


# ------------------------------------------------------------------------------ values


@dataclass(frozen=True, slots=True)
class Resolved:
    """A normalised timex: what a Timex record holds, plus where its anchor came from."""

    start: int
    end: int
    timex_type: str
    value: str
    mod: str | None = None
    granularity: str | None = None
    anchor: str | None = None
    anchor_source: str | None = None
    explicit_year: bool = False  # the text itself names the year
    point: date | None = None  # first day of the period, when the value is a point
    rule: str = ""  # id of the rule that found it


GRAN_ORDER = ("time", "day", "week", "month", "season", "quarter", "half", "year", "decade", "century")


def fmt(gran: str, d: date | None, extra: str = "") -> str:
    """A TIMEX3 value for the period of ``gran`` that holds day ``d`` (None: underspecified)."""
    if d is None:
        return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                "year": "XXXX", "quarter": "XXXX-QX", "half": "XXXX-HX", "season": f"XXXX-{extra or 'XX'}",
                "decade": "XXX", "century": "XX", "time": f"XXXX-XX-XXT{extra}"}.get(gran, "XXXX-XX-XX")
    if gran == "day":
        return d.isoformat()
    if gran == "time":
        return f"{d.isoformat()}T{extra}"
    if gran in ("week", "weekend"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if gran == "weekend" else "")
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == "season":
        return f"{d.year:04d}-{extra}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (day, week, month, quarter, half, year, decade, century)."""
    if unit in ("day",):
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    if not 1 <= y <= 9999:
        return d
    return date(y, m + 1, 1) if unit != "day" else d


def start_of(d: date, gran: str) -> date:
    if gran in ("week", "weekend"):
        return d - timedelta(days=d.weekday())
    if gran == "month":
        return d.replace(day=1)
    if gran == "quarter":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if gran == "half":
        return date(d.year, 1 if d.month <= 6 else 7, 1)
    if gran in ("year",):
        return date(d.year, 1, 1)
    if gran == "decade":
        return date(d.year - d.year % 10 or 1, 1, 1)
    if gran == "century":
        return date(max(1, d.year - d.year % 100), 1, 1)
    return d


def parse_number(text: str, vocab: Mapping[str, Mapping[str, Any]]) -> float | None:
    """'24', '1,000', 'twenty-four', 'a couple of', 'six' -> number (None if unknown)."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", t):
        return float(t.replace(",", ""))
    words = vocab["NUMWORD"]
    if t in words:
        return float(words[t])
    parts = re.split(r"[\s-]+", t)
    if len(parts) == 2 and parts[0] in words and parts[1] in words:
        return float(words[parts[0]] + words[parts[1]])
    return None


def year_from_words(text: str, vocab) -> int | None:
    """'nineteen ninety-six' -> 1996; 'two thousand' -> 2000; 'two thousand and two' -> 2002."""
    t = re.sub(r"[\s-]+", " ", text.lower()).replace(" and ", " ")
    if t.startswith("the year "):
        t = t[9:]
    words = vocab["NUMWORD"]
    if t.startswith("two thousand"):
        rest = t[len("two thousand"):].strip()
        return 2000 + (int(words.get(rest, 0)) if rest else 0)
    parts = t.split(" ")
    if parts[0] == "nineteen" and len(parts) >= 2:
        tail = parse_number(" ".join(parts[1:]), vocab)
        return 1900 + int(tail) if tail is not None and tail < 100 else None
    return None


# ------------------------------------------------------------------------------ context


@dataclass
class Context:
    """What a normaliser may look at besides the match."""

    text: str
    dct: date | None
    anchor: date | None  # dct, or the speech time of the quote the timex is in
    anchor_source: str
    tense: str = "none"  # past, present, future, none
    history: list[Resolved] = field(default_factory=list)  # earlier timexes of the article
    sentence: int = 0
    sentences: list[int] = field(default_factory=list)  # sentence index of each history item
    vocab: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    narrative: bool = False  # a history (see is_narrative), not news
    verb: int | None = None  # token index of the verb the timex hangs on (None: unknown)
    verbs: list[int | None] = field(default_factory=list)  # the same for each history item

    def same_clause(self) -> Resolved | None:
        """The latest earlier timex with an explicit year that hangs on the same verb in the
        same sentence ("In 1990, sales peaked in March")."""
        for r, s, v in zip(reversed(self.history), reversed(self.sentences), reversed(self.verbs)):
            if s != self.sentence:
                return None
            if v is not None and v == self.verb and r.explicit_year and r.point is not None:
                return r
        return None

    def recent(self, max_back: int, grans: Sequence[str] | None = None,
               explicit_year: bool = False, rules: Sequence[str] | None = None) -> Resolved | None:
        """The latest earlier point timex within ``max_back`` sentences (DATE/TIME)."""
        for r, s in zip(reversed(self.history), reversed(self.sentences)):
            if self.sentence - s > max_back:
                return None
            if r.point is None or r.timex_type not in ("DATE", "TIME"):
                continue
            if rules is not None and r.rule not in rules:
                continue
            if grans is not None and r.granularity not in grans:
                continue
            if explicit_year and not r.explicit_year:
                continue
            return r
        return None


def _word(vocab, table: str, key: str | None) -> Any:
    return None if key is None else vocab[table].get(re.sub(r"\s+", " ", key.lower()))


def _mod(ctx: Context, g: Mapping[str, str]) -> str | None:
    if "premod" in g:
        return _word(ctx.vocab, "PREMOD", g["premod"]) or {"end": "END"}.get(g["premod"].lower())
    if "quantmod" in g:
        return _word(ctx.vocab, "QUANTMOD", g["quantmod"])
    return None


def _month(ctx: Context, g: Mapping[str, str]) -> int | None:
    if "monthnum" in g:
        m = int(g["monthnum"])
        return m if 1 <= m <= 12 else None
    for table in ("MONTH", "MONTHABBR"):
        key = table.lower()
        if key in g:
            return _word(ctx.vocab, table, g[key].rstrip(".") if table == "MONTH" else g[key].lower()) or \
                _word(ctx.vocab, table, g[key].lower().rstrip(".") + ".")
    return None


def _year(ctx: Context, g: Mapping[str, str]) -> int | None:
    if "year" in g:
        y = int(g["year"])
        if len(g["year"]) == 2:
            y += 1900 if y > 30 else 2000
        return y
    if "yearword" in g:
        return year_from_words(g["yearword"], ctx.vocab)
    return None


def _infer_year(ctx: Context, month: int, day: int | None) -> tuple[int | None, str]:
    """Year of a month (and day) named without one: from a recent explicit year in the
    discourse, else the anchor's year moved by tense (past: not after the anchor)."""
    ref = ctx.recent(10_000, explicit_year=True) if ctx.narrative else ctx.same_clause()
    if ref is not None and ref.point is not None and (ctx.anchor is None or abs(ref.point.year - ctx.anchor.year) > 1):
        return ref.point.year, "discourse"
    if ctx.anchor is None:
        return None, "none"
    a = ctx.anchor
    cand = _safe_date(a.year, month, min(day or 1, 28))
    probe = date(a.year, month, min(day or 28, 28)) if day else date(a.year, month, 1)
    if ctx.tense == "past" and probe > a and (month - a.month) % 12 >= 2 or \
            ctx.tense == "past" and day is None and month > a.month + 1:
        return a.year - 1, ctx.anchor_source
    if ctx.tense == "future" and cand is not None and (month < a.month - 1):
        return a.year + 1, ctx.anchor_source
    if ctx.tense in ("present", "none") and not ctx.narrative:  # up to 4 months ahead, else past
        ahead = (month - a.month) % 12
        return (a.year + (a.month + ahead > 12) if ahead <= 4 else a.year - (month > a.month)), ctx.anchor_source
    return a.year, ctx.anchor_source


# ------------------------------------------------------------------------------ normalisers
# Each takes (match, ctx) and returns a Resolved (start/end filled by the caller) or None.

Norm = Callable[[TimexMatch, Context], Resolved | None]


def _res(t: str, value: str, gran: str | None, ctx: Context, point: date | None = None,
         mod: str | None = None, source: str | None = None, explicit_year: bool = False) -> Resolved:
    anchor = None if explicit_year else (ctx.anchor.isoformat() if ctx.anchor else None)
    src = "text" if explicit_year else (source or ctx.anchor_source)
    return Resolved(0, 0, t, value, mod, gran, anchor, src, explicit_year, point)


def norm_date(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    month = _month(ctx, g)
    day = int(g["day"]) if "day" in g else _word(ctx.vocab, "ORDINAL", g.get("dayord"))
    year = _year(ctx, g)
    mod = _mod(ctx, g)
    if month is None:
        return None
    explicit = year is not None
    source = None
    if year is None and "ydir" in g and ctx.anchor is not None:
        year = ctx.anchor.year + int(_word(ctx.vocab, "DIR", g["ydir"]) or 0)
    elif year is None:
        year, source = _infer_year(ctx, month, day)
    if day is None:
        point = _safe_date(year, month, 1) if year else None
        return _res("DATE", fmt("month", point) if point else f"XXXX-{month:02d}", "month", ctx, point, mod,
                    source, explicit)
    point = _safe_date(year, month, day) if year else None
    if year and point is None:  # "February 30": a real month, an impossible day
        return _res("DATE", f"{year:04d}-{month:02d}", "month", ctx, _safe_date(year, month, 1), mod, source, explicit)
    if not 1 <= day <= 31:
        return None
    if point is None and _safe_date(2000, month, day) is None:  # no year, and no such day in any
        return _res("DATE", f"XXXX-{month:02d}", "month", ctx, None, mod, source, explicit)
    value = point.isoformat() if point else f"XXXX-{month:02d}-{day:02d}"
    return _res("DATE", value, "day", ctx, point, mod, source, explicit)


def norm_month(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    month = _month(ctx, g)
    if month is None:
        return None
    mod = _mod(ctx, g)
    direction = _word(ctx.vocab, "DIR", g.get("dir"))
    if ctx.anchor is None:
        return _res("DATE", f"XXXX-{month:02d}", "month", ctx, None, mod)
    a = ctx.anchor
    if direction is None:
        year, source = _infer_year(ctx, month, None)
    elif direction < 0:
        year, source = (a.year if month < a.month else a.year - 1), ctx.anchor_source
    elif direction > 0:
        year, source = (a.year if month > a.month else a.year + 1), ctx.anchor_source
    else:
        year, source = a.year, ctx.anchor_source
    point = _safe_date(year, month, 1) if year else None
    return _res("DATE", fmt("month", point) if point else f"XXXX-{month:02d}", "month", ctx, point, mod, source)


def norm_year(m: TimexMatch, ctx: Context) -> Resolved | None:
    y = _year(ctx, m.groups)
    if y is None:
        return None
    point = date(y, 1, 1)
    return _res("DATE", f"{y:04d}", "year", ctx, point, _mod(ctx, m.groups), explicit_year=True)


def norm_decade(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    mod = _mod(ctx, g)
    text = ctx.text[m.start:m.end].lower()
    if "early" in text:
        mod = "START"
    elif "late" in text:
        mod = "END"
    elif "mid" in text:
        mod = "MID"
    if "decade" in g:
        digits = g["decade"].lstrip("'")
        if len(digits) == 4:
            return _res("DATE", digits[:3], "decade", ctx, date(int(digits), 1, 1), mod, explicit_year=True)
        century = ctx.anchor.year // 100 if ctx.anchor else 19
        if ctx.anchor and int(digits) > ctx.anchor.year % 100:
            century -= 1
        return _res("DATE", f"{century:02d}{digits[0]}", "decade", ctx, date(century * 100 + int(digits), 1, 1), mod)
    n = _word(ctx.vocab, "DECADEWORD", g.get("decadeword"))
    if n is None:
        return None
    century = ctx.anchor.year // 100 if ctx.anchor else 19
    if ctx.anchor and n * 10 > ctx.anchor.year % 100:
        century -= 1
    return _res("DATE", f"{century:02d}{n}", "decade", ctx, date(century * 100 + n * 10, 1, 1), mod)


def norm_century(m: TimexMatch, ctx: Context) -> Resolved | None:
    n = _word(ctx.vocab, "ORDINAL", m.groups.get("cent"))
    if not n:
        return None
    return _res("DATE", f"{n - 1:02d}", "century", ctx, date(max(1, (n - 1) * 100), 1, 1), _mod(ctx, m.groups),
                explicit_year=True)


def _week_ref(ctx: Context) -> Resolved | None:
    """A week named shortly before ("last week ... on Tuesday"), not the anchor's own week."""
    ref = ctx.recent(2, grans=("week",), rules=("dir_unit",))
    if ref is None or ref.point is None or ctx.anchor is None or ctx.tense != "past":
        return None
    if start_of(ref.point, "week") >= start_of(ctx.anchor, "week"):
        return None
    return ref


def norm_weekday(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    wd = _word(ctx.vocab, "WEEKDAY", g.get("weekday"))
    if wd is None:
        return None
    part = _word(ctx.vocab, "PARTOFDAY", g.get("partofday"))
    t = "TIME" if part else "DATE"
    direction = _word(ctx.vocab, "DIR", g.get("dir"))
    mod = _mod(ctx, g)
    gran = "time" if part else "day"
    if ctx.anchor is None:
        return _res(t, "XXXX-XX-XX" + (f"T{part}" if part else ""), gran, ctx, None, mod)
    a = ctx.anchor
    source = ctx.anchor_source
    ref = _week_ref(ctx) if direction is None else None
    if ref is not None:
        d = start_of(ref.point, "week") + timedelta(days=wd - 1)
        source = "discourse"
    elif direction is not None and direction < 0:
        d = a - timedelta(days=(a.isoweekday() - wd) % 7 or 7)
    elif direction is not None and direction > 0 or ctx.tense == "future":
        d = a + timedelta(days=(wd - a.isoweekday()) % 7 or 7)
    elif direction == 0:
        d = start_of(a, "week") + timedelta(days=wd - 1)
    else:
        d = a - timedelta(days=(a.isoweekday() - wd) % 7)
    return _res(t, fmt(gran, d, part or ""), gran, ctx, d, mod, source)


def norm_dayword(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    key = re.sub(r"\s+", " ", g["dayword"].lower())
    offset = ctx.vocab["DAYWORD"][key]
    part = _word(ctx.vocab, "PARTOFDAY", g.get("partofday")) or ("NI" if key == "tonight" else None)
    mod = _mod(ctx, g)
    gran = "time" if part else "day"
    t = "TIME" if part else "DATE"
    d = ctx.anchor + timedelta(days=offset) if ctx.anchor else None
    return _res(t, fmt(gran, d, part or ""), gran, ctx, d, mod)


def norm_generalday(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "today's world", "tomorrow's leaders": the present or the future in general."""
    ref = "PRESENT_REF" if m.groups["refword"].lower() == "today" else "FUTURE_REF"
    return _res("DATE", ref, None, ctx)


ANAPHORIC_OFFSET = {"that": 0, "the same": 0, "the following": 1, "the previous": -1, "the preceding": -1,
                    "the prior": -1}


def norm_anaphoric(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "that year", "the following month": the unit of the latest date named within three
    sentences (as fine or finer), moved by the offset; with none, the anchor's (as "this")."""
    g = m.groups
    gran = UNIT_GRAN[g["unit"].lower()]
    finer = GRAN_ORDER[:GRAN_ORDER.index(gran) + 1]
    ref = ctx.recent(3, grans=finer)
    offset = ANAPHORIC_OFFSET[re.sub(r"\s+", " ", g["ana"].lower())]
    if ref is None:
        base, source = ctx.anchor, ctx.anchor_source
        if base is None:
            return _res("DATE", fmt(gran, None), gran, ctx, None, _mod(ctx, g))
    else:
        base, source = ref.point, "discourse"
    d = start_of(shift(start_of(base, gran), gran, offset), gran)
    return _res("DATE", fmt(gran, d), gran, ctx, d, _mod(ctx, g), source)


def norm_partofday(m: TimexMatch, ctx: Context) -> Resolved | None:
    part = m.rule.value or _word(ctx.vocab, "PARTOFDAY", m.groups.get("partofday"))
    if part is None:
        return None
    d = ctx.anchor
    return _res("TIME", fmt("time", d, part), "time", ctx, d, _mod(ctx, m.groups))


def norm_sameday(m: TimexMatch, ctx: Context) -> Resolved | None:
    text = ctx.text[m.start:m.end].lower()
    ref = ctx.recent(6, grans=("day", "time"))
    base, source = (ref.point, "discourse") if ref is not None else (ctx.anchor, ctx.anchor_source)
    if base is None:
        return _res("DATE", "XXXX-XX-XX", "day", ctx)
    offset = 1 if re.search(r"next|following", text) else -1 if re.search(r"previous|preceding", text) else 0
    d = base + timedelta(days=offset)
    unit = m.groups.get("unit", "day").lower()
    part = _word(ctx.vocab, "PARTOFDAY", unit) if unit != "day" else None
    if part:
        return _res("TIME", fmt("time", d, part), "time", ctx, d, source=source)
    return _res("DATE", d.isoformat(), "day", ctx, d, source=source)


def norm_holiday(m: TimexMatch, ctx: Context) -> Resolved | None:
    md = _word(ctx.vocab, "HOLIDAY", m.groups.get("holiday"))
    if md is None:
        return None
    year = _year(ctx, m.groups)
    if year is None:
        year, _ = _infer_year(ctx, int(md[:2]), int(md[3:]))
    if year is None:
        return _res("DATE", f"XXXX-{md}", "day", ctx)
    d = date(year, int(md[:2]), int(md[3:]))
    return _res("DATE", d.isoformat(), "day", ctx, d, explicit_year="year" in m.groups)


def _clock_value(g: Mapping[str, str]) -> str | None:
    if "named" in g:
        return {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[g["named"].lower()]
    hour = int(g["hour"])
    minute = int(g.get("minute") or 0)
    ampm = g.get("ampm", "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    if ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 24:
        return None
    return f"{hour:02d}:{minute:02d}"


def norm_clock(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    hm = _clock_value(g)
    if hm is None:
        return None
    if hm == "24:00":
        hm = "24"
    d = ctx.anchor
    if "dayword" in g and d is not None:
        d = d + timedelta(days=ctx.vocab["DAYWORD"][re.sub(r"\s+", " ", g["dayword"].lower())])
    elif "weekday" in g:
        sub = norm_weekday(TimexMatch(m.start, m.end, m.rule, {"weekday": g["weekday"]}), ctx)
        d = sub.point if sub else d
    elif "day" in g:
        sub = norm_date(m, ctx)
        d = sub.point if sub else d
    return _res("TIME", fmt("time", d, hm), "time", ctx, d, _mod(ctx, g))


UNIT_GRAN = {"week": "week", "weekend": "weekend", "month": "month", "quarter": "quarter", "year": "year",
             "fiscal year": "year", "decade": "decade", "century": "century", "season": "season", "day": "day"}


def norm_relunit(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    unit = re.sub(r"\s+", " ", g["unit"].lower())
    gran = UNIT_GRAN.get(unit)
    if gran is None or gran == "season":
        return None
    direction = _word(ctx.vocab, "DIR", g.get("dir"))
    direction = 0 if direction is None else direction
    mod = _mod(ctx, g)
    if ctx.anchor is None:
        return _res("DATE", fmt(gran, None), gran, ctx, None, mod)
    d = start_of(shift(ctx.anchor, "week" if gran == "weekend" else gran, direction), gran)
    if gran == "weekend":
        d = d + timedelta(days=5)
    return _res("DATE", fmt(gran, d), gran, ctx, d, mod)


SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def norm_season(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    season = _word(ctx.vocab, "SEASON", g.get("season"))
    if season is None:
        return None
    mod = _mod(ctx, g)
    year = _year(ctx, g)
    if year is not None:
        return _res("DATE", f"{year:04d}-{season}", "season", ctx, date(year, SEASON_MONTH[season], 1), mod,
                    explicit_year=True)
    if ctx.anchor is None:
        return _res("DATE", f"XXXX-{season}", "season", ctx, None, mod)
    a = ctx.anchor
    direction = _word(ctx.vocab, "DIR", g.get("dir"))
    start = date(a.year, SEASON_MONTH[season], 21)
    if direction is not None and direction < 0 or (direction is None and ctx.tense == "past"):
        year = a.year if start <= a else a.year - 1
    elif direction is not None and direction > 0:
        year = a.year if start > a else a.year + 1
    else:
        year = a.year
    return _res("DATE", f"{year:04d}-{season}", "season", ctx, date(year, SEASON_MONTH[season], 1), mod)


def _unit(ctx: Context, g: Mapping[str, str], key: str = "") -> str | None:
    if "fewunits" in g:
        return _word(ctx.vocab, "UNITS", g["fewunits"])
    for table in ("UNIT", "UNITS"):
        name = table.lower() + key
        if name in g:
            return _word(ctx.vocab, table, g[name])
    return None


def _number(ctx: Context, g: Mapping[str, str]) -> float | str | None:
    if "halfa" in g:
        return 0.5
    if "num" in g and ("andhalf" in g or "plushalf" in g):
        n = parse_number(g["num"], ctx.vocab)
        return None if n is None else n + 0.5
    if "int" in g:
        return int(g["int"]) + {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75}[g["frac"]]
    if "num" in g:
        return parse_number(g["num"], ctx.vocab)
    if "few" in g:
        return "X"
    return None


YEARS_PER = {"DE": 10, "CE": 100, "ML": 1000}  # a decade is P10Y, a century P100Y
SMALLER = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M"), "MIN": (60, "S")}


def _dur_value(n: float | str, unit: str) -> str | None:
    """The TIMEX3 duration of ``n`` units ("X": unspecified): 3 days P3D, 2.5 years P2Y6M,
    90 minutes PT90M, a decade P10Y. An unspecified number of minutes is PXM (TimeBank's
    convention), of hours PTXH."""
    if n == "X":
        return {"H": "PTXH", "S": "PTXS", "MIN": "PXM", "F": "PXW"}.get(unit, f"PX{unit}")
    n = float(n)
    if unit == "F":
        n, unit = n * 2, "W"
    if unit in YEARS_PER:
        n, unit = n * YEARS_PER[unit], "Y"
    time_unit = unit in ("H", "MIN", "S")
    letter = "M" if unit == "MIN" else unit
    prefix = "PT" if time_unit else "P"
    if n == int(n):
        return f"{prefix}{int(n)}{letter}"
    sub = SMALLER.get(unit)
    if sub is None:
        return None
    whole, frac = int(n), int(round((n - int(n)) * sub[0]))
    head = f"{whole}{letter}" if whole else ""
    if time_unit:
        return f"PT{head}{frac}{sub[1]}"
    return f"P{head}{'T' if sub[1] == 'H' else ''}{frac}{sub[1]}"


AGE = re.compile(r"-old$|^\s+old\b", re.IGNORECASE)


def norm_duration(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    if AGE.search(ctx.text[m.start:m.end]) or AGE.search(ctx.text[m.end:m.end + 5]):
        return None  # an age ("22-year-old", "55 years old") is not a timex in TimeML
    unit = _unit(ctx, g)
    if unit is None:
        return None
    n = _number(ctx, g)
    if n is None:
        n = "X" if "units" in g or "fewunits" in g else 1
    if "num2" in g:
        n = "X" if "or" in ctx.text[m.start:m.end].lower().split() else n
    if n != "X" and "units" in g and float(n) == 1 and "num" in g and g["num"].lower() in ("a", "an"):
        return None
    value = _dur_value(n, unit)
    if value is None:
        return None
    return _res("DURATION", value, None, ctx, None, _mod(ctx, g))


QUARTER_RULES = ("quarter", "the_year_period")


def norm_ago(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    unit = _unit(ctx, g)
    n = _number(ctx, g)
    rel = g.get("rel", "ago").lower()
    gran = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "decade",
            "CE": "century", "H": "time", "MIN": "time", "WE": "week"}.get(unit or "")
    if gran is None or n is None:
        return None
    sign = 1 if rel in ("later", "after", "from now", "hence") else -1
    mod = _mod(ctx, g)
    if n == "X":
        value = "FUTURE_REF" if sign > 0 else "PAST_REF"
        return _res("DATE", value, None, ctx, None, mod)
    base, source, out_gran = ctx.anchor, ctx.anchor_source, gran
    quarter = ctx.recent(3, grans=("quarter",), rules=QUARTER_RULES)
    if gran == "year" and quarter is not None:
        base, source, out_gran = quarter.point, "discourse", "quarter"
    elif rel in ("earlier", "later"):
        ref = ctx.recent(2, grans=("day", "month", "quarter", "year"))
        if ref is not None and GRAN_ORDER.index(ref.granularity) <= GRAN_ORDER.index(gran if gran != "time" else "day"):
            base, source, out_gran = ref.point, "discourse", ref.granularity
    if base is None or gran == "time":
        return _res("DATE", fmt(gran if gran != "time" else "day", None), gran, ctx, None, mod)
    if n != int(n):
        return None
    d = base + timedelta(days=sign * int(n)) if gran == "day" else shift(base, gran, sign * int(n))
    if gran not in ("day", "week") and out_gran == "day":
        d = _safe_date(d.year, d.month, base.day) or d
    point = d if out_gran == "day" else start_of(d, out_gran)
    return _res("DATE", fmt(out_gran, point), out_gran, ctx, point, mod, source)


def norm_yearago(m: TimexMatch, ctx: Context) -> Resolved | None:
    what = (m.groups.get("what") or "").lower()
    q = re.match(r"(first|second|third|fourth) quarter", what)
    ref = ctx.recent(3, grans=("quarter",), rules=QUARTER_RULES)
    if q:
        quarter = ["first", "second", "third", "fourth"].index(q.group(1)) + 1
        year = (ref.point.year if ref else ctx.anchor.year if ctx.anchor else None)
        if year is None:
            return _res("DATE", f"XXXX-Q{quarter}", "quarter", ctx)
        d = date(year - 1, 3 * quarter - 2, 1)
        return _res("DATE", fmt("quarter", d), "quarter", ctx, d)
    if ref is not None and what in ("", "quarter", "period"):
        d = shift(ref.point, "year", -1)
        return _res("DATE", fmt("quarter", d), "quarter", ctx, d, source="discourse")
    if ctx.anchor is None:
        return _res("DATE", "XXXX", "year", ctx)
    d = date(ctx.anchor.year - 1, 1, 1)
    return _res("DATE", fmt("year", d), "year", ctx, d)


def norm_quarter(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    q = _word(ctx.vocab, "ORDINAL", g.get("q"))
    if q is None or not 1 <= q <= 4:
        return None
    year = None
    explicit = False
    for key in ("year", "year2", "year3"):
        if key in g:
            year, explicit = int(g[key]), True
    if year is None and ctx.anchor is not None:
        a = ctx.anchor
        direction = _word(ctx.vocab, "DIR", g.get("dir"))
        ydir = _word(ctx.vocab, "DIR", g.get("ydir"))
        if ydir is not None:
            year = a.year + ydir
        elif direction is not None and direction != 0:
            year = a.year + direction
        else:
            current = (a.month - 1) // 3 + 1
            year = a.year if q <= current or ctx.tense == "future" else a.year - 1
            if q > current and ctx.tense in ("future", "present", "none"):
                year = a.year
    if year is None:
        return _res("DATE", f"XXXX-Q{q}", "quarter", ctx, None, _mod(ctx, g))
    d = date(year, 3 * q - 2, 1)
    return _res("DATE", f"{year:04d}-Q{q}", "quarter", ctx, d, _mod(ctx, g), explicit_year=explicit)


def norm_refquarter(m: TimexMatch, ctx: Context) -> Resolved | None:
    ref = ctx.recent(10, grans=("quarter",), rules=QUARTER_RULES)
    if ref is not None and "year" in m.groups:
        d = date(int(m.groups["year"]), ref.point.month, 1)
        return _res("DATE", fmt("quarter", d), "quarter", ctx, d, source="discourse")
    if ref is not None:
        return _res("DATE", ref.value, "quarter", ctx, ref.point, source="discourse")
    if "year" in m.groups:
        return None
    if m.groups.get("what", "").lower() == "period":
        return None
    if ctx.anchor is None:
        return _res("DATE", "XXXX-QX", "quarter", ctx)
    d = shift(start_of(ctx.anchor, "quarter"), "quarter", -1)
    return _res("DATE", fmt("quarter", d), "quarter", ctx, d)


def norm_half(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    h = 1 if g.get("h", "").lower() == "first" else 2
    year = _year(ctx, g)
    text = ctx.text[m.start:m.end].lower()
    if year is None and ctx.anchor is not None:
        year = ctx.anchor.year + (1 if "next year" in text else -1 if "last year" in text else 0)
    if year is None:
        return _res("DATE", f"XXXX-H{h}", "half", ctx)
    d = date(year, 1 if h == 1 else 7, 1)
    return _res("DATE", f"{year:04d}-H{h}", "half", ctx, d, explicit_year="year" in g)


def norm_ref(m: TimexMatch, ctx: Context) -> Resolved | None:
    value = _word(ctx.vocab, "REFWORD", m.groups.get("refword"))
    return _res("DATE", value, None, ctx) if value else None


def norm_set(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    if "setword" in g:
        value = _word(ctx.vocab, "SETWORD", g["setword"])
    elif "weekday" in g:  # every Monday
        value = f"XXXX-WXX-{_word(ctx.vocab, 'WEEKDAY', g['weekday'])}"
    elif "partofday" in g:  # every morning
        value = f"XXXX-XX-XXT{_word(ctx.vocab, 'PARTOFDAY', g['partofday'])}"
    elif "season" in g:  # each spring
        value = f"XXXX-{_word(ctx.vocab, 'SEASON', g['season'])}"
    else:
        unit = _unit(ctx, g)
        n = _number(ctx, g) if "num" in g else 2
        value = _dur_value(n or 1, unit) if unit else None
    return _res("SET", value, None, ctx) if value else None


def norm_literal(m: TimexMatch, ctx: Context) -> Resolved | None:
    return _res(m.rule.timex_type, m.rule.value or "", None, ctx, None, m.rule.mod)


NORMALIZERS: dict[str, Norm] = {
    "date": norm_date, "month": norm_month, "year": norm_year, "decade": norm_decade,
    "century": norm_century, "weekday": norm_weekday, "dayword": norm_dayword,
    "partofday": norm_partofday, "generalday": norm_generalday, "anaphoric": norm_anaphoric, "sameday": norm_sameday, "holiday": norm_holiday,
    "clock": norm_clock, "relunit": norm_relunit, "season": norm_season,
    "duration": norm_duration, "ago": norm_ago, "yearago": norm_yearago,
    "quarter": norm_quarter, "refquarter": norm_refquarter, "half": norm_half,
    "ref": norm_ref, "set": norm_set, "literal": norm_literal,
}


# ------------------------------------------------------------------------------ grammar


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


def tense_of(verb) -> str:
    """past, present, future or none, from the verb's tag and its auxiliaries."""
    if verb is None:
        return "none"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {a.lower_ for a in auxes}
    if lemmas & {"will", "'ll", "shall", "wo"} or any(a.lower_ == "going" for a in auxes):
        return "future"
    if lemmas & {"would", "could", "might", "may", "should", "must", "can"}:
        return "none"
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if tags & {"VBD"} or ("VBN" in tags and lemmas & {"has", "have", "had", "'s", "'ve"}):
        return "past"
    if verb.tag_ == "VBG" and lemmas & {"is", "are", "'s", "'re", "am"}:
        return "future"
    if tags & {"VBZ", "VBP"}:
        return "present"
    if verb.tag_ == "VB" and "to" in lemmas:  # "is to resume", "scheduled to close"
        return "future"
    return "none"


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


# ------------------------------------------------------------------------------ resolution


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def is_narrative(matches: Sequence[TimexMatch], dct: date | None) -> bool:
    """A history rather than news: most years the text names are not the article's year.

    Then relative expressions are anchored to the narrative's own last date (HeidelTime's
    "narrative" documents), not to the article date.
    """
    if dct is None:
        return False
    years = [int(m.groups["year"]) for m in matches if len(m.groups.get("year", "")) == 4]
    far = sum(abs(y - dct.year) >= 2 for y in years)
    deictic = sum(m.rule.norm in DEICTIC_NORMS for m in matches)
    return far >= 4 and far >= 0.6 * len(years) and deictic * 4 < far


DEICTIC_NORMS = ("weekday", "dayword", "relunit", "ago")  # read from the article date in news


def _last_point(history: Sequence[Resolved]) -> date | None:
    for r in reversed(history):
        if r.point is not None and r.timex_type in ("DATE", "TIME") and r.granularity in (
                "time", "day", "week", "month", "season", "quarter", "half", "year"):
            return r.point
    return None


def resolve_all(text: str, article_date: str | None, doc=None, matches: Sequence[TimexMatch] | None = None,
                anchors: Mapping[int, tuple[date, str]] | None = None) -> list[Resolved]:
    """Normalise the matches of ``text`` in order, tracking the discourse reference time.

    ``anchors`` maps a match start to (speech time, "quote") for timexes inside quotes.
    """
    rules = load_rules()
    matches = find_matches(text, rules) if matches is None else matches
    dct = _parse_day(article_date)
    starts = sentence_starts(doc) if doc is not None and doc.has_annotation("SENT_START") else None
    history: list[Resolved] = []
    sents: list[int] = []
    verbs: list[int | None] = []
    out: list[Resolved] = []
    narrative = is_narrative(matches, dct)
    for m in matches:
        anchor, source = (anchors or {}).get(m.start, (dct, "dct" if dct else "none"))
        last = _last_point(history) if narrative else None
        if last is not None:
            anchor, source = last, "discourse"
        verb = _verb_at(doc, m.start, m.end)
        ctx = Context(text, dct, anchor, source, "none", history, _sentence_of(doc, text, m.start, starts), sents,
                      rules.vocab, narrative, verb.i if verb is not None else None, verbs)
        if not narrative and m.rule.norm in ("weekday", "month", "date", "season", "quarter", "holiday", "clock"):
            ctx.tense = "future" if _after_forward_word(text, m.start, rules.vocab) else tense_of(verb)
        r = NORMALIZERS[m.rule.norm](m, ctx)
        if r is None or not r.value:
            continue
        r = replace(r, start=m.start, end=m.end, rule=m.rule.id)
        out.append(r)
        history.append(r)
        sents.append(ctx.sentence)
        verbs.append(ctx.verb)
    return out


# ------------------------------------------------------------------------------ quotes


def _timex_tokens(doc, timexes: Sequence[Any]) -> list[tuple[Any, Any]]:
    out = []
    for tx in timexes:
        span = char_span(doc, tx.start, tx.end)
        if span is not None and len(span):
            out.append((tx, span))
    return out


def governing_timex(span, timexes: Sequence[Any]) -> Any | None:
    """The timex that governs a token span (a spaCy Span of the same doc), or None.

    A timex governs the span when its head hangs (through prepositions and noun modifiers)
    on the span's head verb or one of that verb's ancestors, the nearest first; failing
    that, the first DATE or TIME timex of the span's sentence that hangs on no other verb
    of the sentence. ``timexes`` are Timex records or anything with ``start``/``end``
    (char offsets), and ``timex_type`` when they are records.
    """
    doc = span.doc
    verb = governing_verb(span.root) or span.root
    chain = [verb] + list(verb.ancestors)
    attached: dict[int, Any] = {}
    sent = sent_of(doc, span.start)
    loose = []
    for tx, tspan in _timex_tokens(doc, timexes):
        if tspan.start < sent.start or tspan.end > sent.end:
            continue
        tverb = governing_verb(tspan.root)
        if tverb is not None and tverb.i not in attached:
            attached[tverb.i] = tx
        if tverb is None or tverb.i == sent.root.i:
            loose.append(tx)
    for v in chain:
        if v.i in attached and getattr(attached[v.i], "timex_type", "DATE") in ("DATE", "TIME"):
            return attached[v.i]
    for tx in loose:
        if getattr(tx, "timex_type", "DATE") in ("DATE", "TIME") and not (span.start_char <= tx.start < span.end_char):
            return tx
    return None


def speech_time(quote, quotes: Sequence[Any], doc, resolved: Sequence[Resolved]) -> Resolved | None:
    """The time a quote was spoken: the timex governing its cue; else the latest timex
    governing an earlier speech act of the same speaker; else the article's first
    speech-time anchor (a timex governing a speech verb before the quote)."""
    rules = load_rules()
    points = [r for r in resolved if r.point is not None and r.timex_type in ("DATE", "TIME")
              and r.anchor_source != "quote" and not (quote.start <= r.start < quote.end)]
    if quote.cue is not None:
        tx = governing_timex(doc[quote.cue:quote.cue + 1], points)
        if tx is not None and not (quote.start <= tx.start < quote.end):
            return tx
    speaker = _speaker_key(doc, quote)
    best = None
    first = None
    for idx, i in _speech_verb_tokens(doc, rules.speech_verbs):
        if idx >= quote.start:
            break
        tok = doc[i]
        tx = governing_timex(doc[i:i + 1], points)
        if tx is None:
            continue
        first = first or tx
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if speaker and any(speaker in {t.lower_ for t in s.subtree} for s in subj):
            best = tx
    return best or first


SPEECH_VERBS_KEY = "newsgraph.time.speech_verbs"


def _speech_verb_tokens(doc, verbs: frozenset[str]) -> list[tuple[int, int]]:
    """(char offset, index) of every verb of the doc whose lemma is a speech verb, in order;
    read from arrays once per doc (not a spaCy Token per word for every quote)."""
    found = doc.user_data.get(SPEECH_VERBS_KEY)
    if found is None:
        found = []
        if len(doc):
            strings = doc.vocab.strings
            is_speech: dict[int, bool] = {}
            table = doc.to_array([POS, LEMMA, IDX])
            verb_rows = (table[:, 0] == VERB).nonzero()[0].tolist()
            for i, (lemma, idx) in zip(verb_rows, table[verb_rows, 1:].tolist()):
                ok = is_speech.get(lemma)
                if ok is None:
                    ok = is_speech[lemma] = strings[lemma].lower() in verbs
                if ok:
                    found.append((idx, i))
        doc.user_data[SPEECH_VERBS_KEY] = found
    return found


def _speaker_key(doc, quote) -> str | None:
    if quote.speaker is not None:
        toks = doc.char_span(quote.speaker[0], quote.speaker[1], alignment_mode="expand")
        if toks is not None and len(toks):
            return toks[-1].lower_
    return None


Anchors = dict[int, tuple[date, str]]


def _quote_anchors(doc, text: str, article_date: str | None,
                   first_pass: list[Resolved]) -> tuple[Anchors, Anchors]:
    """Speech-time anchors of the timexes inside quotes, as (earliest, latest) maps.

    A speech time of a day or time of day is one point: both maps hold it. A coarser one
    ("last month", "in 2019") is a period: the first map holds its first day, the second its
    last day, and :func:`tag_text` keeps only what both readings agree on.
    """
    from ..shared.quotes import find_quotes

    quotes = find_quotes(doc)
    early: Anchors = {}
    late: Anchors = {}
    for q in quotes:
        inside = [r for r in first_pass if q.start <= r.start and r.end <= q.end and r.anchor_source == "dct"]
        if not inside:
            continue
        tx = speech_time(q, quotes, doc, first_pass)
        if tx is None or tx.point is None or tx.granularity not in GRAN_ORDER:
            continue
        last = tx.point if tx.granularity in ("day", "time") else _period_end(tx.point, tx.granularity)
        if last is None:
            continue
        for r in inside:
            early[r.start] = (tx.point, "quote")
            late[r.start] = (last, "quote")
    return early, late


def _period_end(first: date, gran: str) -> date | None:
    """The last day of the period of granularity ``gran`` that starts on ``first``."""
    nxt = shift(start_of(first, gran), gran, 1)
    return nxt - timedelta(days=1) if nxt > first else None


def _common_value(a: str, b: str) -> str | None:
    """What two TIMEX3 values of the same shape agree on: from the first differing field on,
    date fields become X ("2024-W36" / "2024-W40" -> "2024-WXX"; a year keeps its common
    leading digits: "2019-01-02" / "2020-01-01" -> "20XX-XX-XX"); a time of day is kept when
    both have it. None when the shapes differ."""
    if a == b:
        return a
    (da, _, ta), (db, _, tb) = a.partition("T"), b.partition("T")
    pa, pb = da.split("-"), db.split("-")
    if ta != tb or len(pa) != len(pb):
        return None
    out: list[str] = []
    differ = False
    for i, (x, y) in enumerate(zip(pa, pb)):
        hx, hy = re.match(r"[A-Z]*", x).group(), re.match(r"[A-Z]*", y).group()
        if hx != hy or len(x) != len(y) or len(hx) == len(x) and x != y:
            return None
        if not differ and x == y:
            out.append(x)
            continue
        keep = next(j for j in range(len(x)) if x[j] != y[j]) if i == 0 and not differ else len(hx)
        out.append(x[:keep] + "X" * (len(x) - keep))
        differ = True
    return "-".join(out) + (f"T{ta}" if ta else "")


def _merge_readings(first: list[Resolved], early: list[Resolved], late: list[Resolved],
                    anchors: Anchors) -> list[Resolved]:
    """Each timex read against the start and the end of its speech time's period: the same
    value is kept; otherwise the fields both readings agree on, the rest underspecified
    (TIMEX3 X); when the readings have different shapes, the article-date reading."""
    by_start = {r.start: r for r in late}
    dct_reading = {r.start: r for r in first}
    out = []
    for r in early:
        other = by_start.get(r.start)
        if r.start not in anchors or other is None or other.value == r.value:
            out.append(r)
            continue
        value = _common_value(r.value, other.value)
        if value is not None:
            out.append(replace(r, value=value, point=None))
        elif r.start in dct_reading:
            out.append(dct_reading[r.start])
    return out


def tag_text(text: str, article_date: str | None, doc=None) -> list[Resolved]:
    """All timexes of ``text`` (Resolved), with quote anchoring when ``doc`` is given."""
    matches = find_matches(text)
    resolved = resolve_all(text, article_date, doc, matches)
    if doc is not None and any(r.anchor_source == "dct" for r in resolved):
        early, late = _quote_anchors(doc, text, article_date, resolved)
        if early:
            first = resolved
            resolved = resolve_all(text, article_date, doc, matches, early)
            coarse = {k: v for k, v in late.items() if v != early[k]}
            if coarse:
                second = resolve_all(text, article_date, doc, matches, late)
                resolved = _merge_readings(first, resolved, second, coarse)
    return resolved


# ------------------------------------------------------------------------------ extractor


def extract(doc, article: Article, upstream: Mapping[str, tuple[Record, ...]]) -> tuple[Record, ...]:
    """Timex records for every temporal expression of the article."""
    from ..shared.common import sentence_index

    out: list[Record] = []
    for r in tag_text(article.text, article.day, doc):
        out.append(make_record(
            Timex, article.id, sentence_index(doc, r.start), r.start, r.end, article.text[r.start:r.end],
            NAME, VERSION, timex_type=r.timex_type, value=r.value, mod=r.mod, granularity=r.granularity,
            anchor=r.anchor, anchor_source=r.anchor_source))
    return tuple(out)
