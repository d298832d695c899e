"""Finding: every rule's matches over a text, overlaps resolved (longest, then priority)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .index import _scan, _starts_by_rule
from .rules import Rule, RuleSet, load_rules


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
