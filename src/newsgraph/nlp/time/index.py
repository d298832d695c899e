"""Where each rule may start a match: the trigger index (a word of the rule's pattern) and the
lead index (the first two words a match can begin with). Both only save regex attempts; the
matches are those of scanning every position."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from ..shared.common import MEMO_ENTRIES

if TYPE_CHECKING:
    from .rules import Rule, RuleSet


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
