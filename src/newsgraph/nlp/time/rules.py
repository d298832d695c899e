"""The rule set of the time tagger: the regexes of ``data/rules.toml`` built from the word
tables of ``data/vocab.toml`` (and the speech verbs of ``nlp/shared/data/speech.toml``),
compiled once."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ...datafiles import read_data
from ..shared.quotes import speech_verbs
from .index import LeadIndex, TriggerIndex, _build_leads


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
    verbs = speech_verbs()
    triggers = TriggerIndex.build(rules)
    return RuleSet(rules, vocab, verbs, triggers, leads=_build_leads(rules))
