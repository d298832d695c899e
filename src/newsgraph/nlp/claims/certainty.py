"""The certainty layer: hedge cues in a stretch of text and the certainty they set.

Not an extractor of its own: ``nlp/claims/extract.py`` calls :func:`find_hedges` on each claim's
proposition and cue, and ``newsgraph eval certainty`` scores it on sentences. Works on text
alone (no parse), so it is cheap. Cues come from ``data/certainty.yaml`` (reviewed words and
phrases with levels) and ``data/certainty_learned.tsv`` (cue words learned from the tune half
of the Szeged news uncertainty data, kept when cue/total passes a threshold). The longest
match wins; levels are ``certain > probable > possible > unknown``, plus ``conditional``
(if, unless), which makes a claim conditional and at most possible.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from ...errors import ConfigError
from ..shared.common import read_yaml

__all__ = ["Hedge", "HedgeLexicon", "certainty_of", "find_hedges", "load_hedges"]

DATA = Path(__file__).parent / "data"
LEVELS = ("unknown", "possible", "probable", "certain")


@dataclass(frozen=True, slots=True)
class Hedge:
    start: int
    end: int
    text: str
    level: str  # possible, probable, unknown, conditional


@dataclass(frozen=True)
class HedgeLexicon:
    pattern: re.Pattern
    levels: dict[str, str]


def _learned(path: Path, rules: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
    except OSError as exc:
        raise ConfigError("E203", path=path, reason=exc) from exc
    for n, row in enumerate(rows):
        try:
            cue_n, total = int(row["cue_count"]), int(row["total"])
            level = rules["type_levels"][row["type"]]
        except (KeyError, ValueError) as exc:
            raise ConfigError("E205", path=path, line=n + 2, reason=f"bad row ({exc})") from exc
        if cue_n >= rules["learned_min_count"] and cue_n / total >= rules["learned_threshold"]:
            out[row["cue"]] = level
    return out


@lru_cache(maxsize=2)
def load_hedges(data_dir: str | None = None) -> HedgeLexicon:
    root = Path(data_dir) if data_dir else DATA
    path = root / "certainty.yaml"
    rules = read_yaml(path)
    levels = _learned(root / "certainty_learned.tsv", rules)
    levels.update(rules["words"])
    levels.update(rules["phrases"])
    alts = sorted(levels, key=lambda w: (-len(w), w))
    body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in alts)
    return HedgeLexicon(re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I), levels)


def find_hedges(text: str, start: int = 0, end: int | None = None,
                lexicon: HedgeLexicon | None = None) -> list[Hedge]:
    """Hedge cues in ``text[start:end]``, offsets into ``text``."""
    lex = lexicon or load_hedges()
    end = len(text) if end is None else end
    out = []
    for m in lex.pattern.finditer(text, start, end):
        if _not_a_hedge(text, m):
            continue
        key = " ".join(m.group(0).lower().split())
        out.append(Hedge(m.start(), m.end(), m.group(0), lex.levels.get(key, "possible")))
    return out + _conditional_would(text, start, end, out)


_MONTH_BEFORE = re.compile(r"(?:last|next|this|in|by|since|until|till|early|late|mid|of|from|through|"
                           r"during|before|after|on|and|or|to|April|June|-)\s*$", re.I)
_INABILITY = re.compile(r"\s*(?:n't|n\u2019t|not)\b", re.I)


def _not_a_hedge(text: str, m: re.Match) -> bool:
    """The month ("last May", "by May 3"), and inability ("could not verify", "couldn't")."""
    word = m.group(0)
    if word == "May":
        before = text[max(0, m.start() - 12):m.start()]
        after = text[m.end():m.end() + 4]
        sentence_start = not before.strip() or before.rstrip()[-1:] in ".!?\"'\u201c`\n"
        return bool(_MONTH_BEFORE.search(before) or re.match(r"\s*\d", after)) or not sentence_start
    return word.lower() == "could" and bool(_INABILITY.match(text, m.end()))


_WOULD = re.compile(r"(?<!\w)(?:would|\'d)(?!\w)", re.I)
_CONDITION = re.compile(r"(?<!\w)(?:if|unless|provided|were\s+to|even\s+though|seem|seems|surprised)(?!\w)", re.I)


def _conditional_would(text: str, start: int, end: int, found: list[Hedge]) -> list[Hedge]:
    """"would" where a condition is in sight (the same sentence within ``start..end``): "I would
    be surprised if ...", "it would strike unless ...": the hypothetical, not a reported future."""
    out = []
    for m in _WOULD.finditer(text, start, end):
        a = max(start, *(text.rfind(p, start, m.start()) + 1 for p in ".!?\n"))
        b = min([end] + [i for i in (text.find(p, m.end(), end) for p in ".!?\n") if i >= 0])
        if _CONDITION.search(text, a, b) and not any(h.start == m.start() for h in found):
            out.append(Hedge(m.start(), m.end(), m.group(0), "conditional"))
    return out


def certainty_of(hedges: list[Hedge]) -> tuple[str, bool]:
    """(certainty, conditional) set by a proposition's hedges: the weakest level wins."""
    conditional = any(h.level == "conditional" for h in hedges)
    levels = [h.level for h in hedges if h.level in LEVELS]
    if conditional:
        levels.append("possible")
    if not levels:
        return "certain", conditional
    return min(levels, key=LEVELS.index), conditional
