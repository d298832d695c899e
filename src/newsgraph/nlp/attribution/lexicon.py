"""The attribution extractor's data: rules (YAML) and counts learned from PolNeAR train (TSV).

``attribution_cues.tsv``: ``lemma pos frame cue total`` -- how often a token with that lemma,
part of speech and frame (``*`` for all frames) headed a gold cue, out of how often it was
seen. ``attribution_cue_parts.tsv``: ``head dep word none token subtree`` -- for a child with
that dependency label and word (``*`` for any) of a cue head with that lemma (``*`` for
any), how often gold left it out, took the word alone, or took its whole subtree into the cue.
``attribution_cue_model.tsv``: ``feature weight`` -- a logistic model of P(cue) over the
features of ``attribution_frames.cue_features``; when present it replaces the count table's
estimate (the table still says which lemmas may be cues at all).
``attribution_content_edges.tsv`` and ``attribution_frame_model.tsv``: ``feature weight`` --
logistic models of where an unquoted content ends (``attribution_edges``) and of whether a
whole frame is an attribution as PolNeAR marks it (``attribution_frames.frame_features``).
``attribution_cue_chain.tsv``: ``head dep word out in`` -- for a child right after the cue
(``attribution_frames.chain_candidates``) with that dependency label and lemma of a cue word
with that lemma (``*`` for any), how often gold left it out of the cue or took it in ("took
a whack at", "declined to define", "released a statement saying").
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any


from ...errors import ConfigError
from ..shared.common import read_yaml

__all__ = ["DATA", "Lexicon", "load_lexicon", "logistic"]

DATA = Path(__file__).parent / "data"


def logistic(z: float) -> float:
    """1 / (1 + e^-z), with z clamped so that no weight sum overflows: every logistic model
    of the attribution extractor (cue, content edge, frame) ends here."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Lexicon:
    rules: dict[str, Any]
    cues: dict[tuple[str, str, str], tuple[int, int]] = field(default_factory=dict)
    parts: dict[tuple[str, str, str], tuple[int, int, int]] = field(default_factory=dict)
    cue_weights: dict[str, float] = field(default_factory=dict)
    chain: dict[tuple[str, str, str], tuple[int, int]] = field(default_factory=dict)
    edge_weights: dict[str, float] = field(default_factory=dict)
    frame_weights: dict[str, float] = field(default_factory=dict)

    def cue_model_probability(self, features: list[str]) -> float:
        """P(cue) by the logistic model learned from train (``attribution_cue_model.tsv``)."""
        w = self.cue_weights
        return self.cue_model_logistic(map(w.get, features, repeat(0.0)))

    def cue_model_logistic(self, weights) -> float:
        """P(cue) from the weights of a candidate's features, summed in their order (so that
        every way of looking them up gives the same float)."""
        return logistic(self.cue_weights.get("<bias>", 0.0) + sum(weights))

    def cue_weight_tables(self, lemma: str, kinds: tuple[tuple[str, bool], ...]) -> list[dict[str, float]]:
        """For a cue lemma: one table ``value -> weight`` per feature kind of ``kinds`` (the
        weight of "kind=value", or of "kind=lemma|value" for a kind that takes the lemma),
        then the tables of "c=", "lc=" and "lp=" (memoised per lemma)."""
        memo = self._weight_tables["memo"]
        tables = memo.get(lemma)
        if tables is None:
            plain, of_lemma = self._weight_tables["plain"], self._weight_tables["of_lemma"].get(lemma, {})
            tables = memo[lemma] = [of_lemma.get(kind, {}) if with_lemma else plain.get(kind, {})
                                    for kind, with_lemma in (*kinds, ("c", False), ("lc", True), ("lp", True))]
        return tables

    @cached_property
    def _weight_tables(self) -> dict[str, dict]:
        """The model's weights by kind: ``plain[kind][value]`` is the weight of "kind=value";
        ``of_lemma[lemma][kind][value]`` that of "kind=lemma|value" (every "|" in a feature
        is tried as the one after the lemma, so a lemma with a "|" of its own is found)."""
        plain: dict[str, dict[str, float]] = {}
        of_lemma: dict[str, dict[str, dict[str, float]]] = {}
        for feature, weight in self.cue_weights.items():
            kind, eq, rest = feature.partition("=")
            if not eq:
                continue
            plain.setdefault(kind, {})[rest] = weight
            bar = rest.find("|")
            while bar >= 0:
                of_lemma.setdefault(rest[:bar], {}).setdefault(kind, {})[rest[bar + 1:]] = weight
                bar = rest.find("|", bar + 1)
        return {"plain": plain, "of_lemma": of_lemma, "memo": {}}

    def may_be_cue(self, lemma: str, pos: str) -> bool:
        """False when :meth:`cue_probability` is 0 whatever the frame."""
        lemma_cue, lemma_total = self.cues.get((lemma, pos, "*"), (0, 0))
        return lemma_total >= self.rules["min_lemma_count"] and lemma_cue != 0

    def cue_probability(self, lemma: str, pos: str, frame: str) -> float:
        """P(cue | lemma, pos, frame), backing off to the lemma when the frame is rare."""
        if not self.may_be_cue(lemma, pos):
            return 0.0
        lemma_cue, lemma_total = self.cues[(lemma, pos, "*")]
        cue, total = self.cues.get((lemma, pos, frame), (0, 0))
        if total >= self.rules["min_frame_count"]:
            return cue / total
        return lemma_cue / lemma_total

    def part_decision(self, dep: str, word: str, head: str = "*", detail: str | None = None) -> str:
        """'none', 'token' or 'subtree': what the cue (head lemma ``head``) takes of a child
        (``detail``: a preposition with its object's lemma, "in:statement")."""
        counts = None
        keys = [(head, dep, word.lower()), ("*", dep, word.lower()), ("*", dep, "*")]
        if detail:
            keys = [(head, dep, detail), ("*", dep, detail)] + keys
        for key in keys:
            counts = self.parts.get(key)
            if counts is not None and sum(counts) >= 3:
                break
        counts = counts or (1, 0, 0)
        none, token, subtree = counts
        total = none + token + subtree
        if (token + subtree) / total < self.rules["part_threshold"]:
            return "none"
        return "subtree" if subtree >= token else "token"

    def in_chain(self, head: str, dep: str, word: str) -> bool:
        """Does the cue go on to a child (dependency ``dep``, lemma ``word``) of its word with
        lemma ``head``? By the most specific count of that cue word seen often enough; never by
        counts over every cue, which took any preposition after any cue into it ("denied on |
        Thursday that ..."; dropped: train half unseen content F1 53.99 -> 54.00)."""
        for key in ((head, dep, word), (head, dep, "*")):
            out, inside = self.chain.get(key, (0, 0))
            if out + inside >= self.rules["chain_min_count"]:
                return inside / (out + inside) >= self.rules["chain_threshold"]
        return False

    def type_of(self, lemma: str) -> str:
        if lemma in self.rules["belief_lemmas"]:
            return "belief"
        if lemma in self.rules["document_lemmas"]:
            return "document"
        return "speech"


def _read_tsv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter="\t"))
    except OSError as exc:
        raise ConfigError("E203", path=path, reason=exc) from exc


def _int_row(path: Path, n: int, row: dict[str, str], keys: tuple[str, ...]) -> tuple[int, ...]:
    try:
        return tuple(int(row[k]) for k in keys)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError("E205", path=path, line=n + 2, reason=f"bad counts ({exc})") from exc


def _key(path: Path, n: int, row: dict[str, str], keys: tuple[str, ...]) -> tuple[str, ...]:
    values = tuple(row.get(k) for k in keys)
    if not all(values):
        raise ConfigError("E205", path=path, line=n + 2, reason=f"empty or missing {keys}")
    return values


@lru_cache(maxsize=2)
def load_lexicon(data_dir: str | None = None) -> Lexicon:
    """Load rules and learned counts (once per process)."""
    root = Path(data_dir) if data_dir else DATA
    rules_path = root / "attribution_rules.yaml"
    rules = read_yaml(rules_path)
    cues_path, parts_path = root / "attribution_cues.tsv", root / "attribution_cue_parts.tsv"
    cues = {_key(cues_path, n, r, ("lemma", "pos", "frame")): _int_row(cues_path, n, r, ("cue", "total"))
            for n, r in enumerate(_read_tsv(cues_path))}
    parts = {_key(parts_path, n, r, ("head", "dep", "word")): _int_row(parts_path, n, r, ("none", "token", "subtree"))
             for n, r in enumerate(_read_tsv(parts_path))}
    weights = _weights(root / "attribution_cue_model.tsv")
    chain_path = root / "attribution_cue_chain.tsv"
    chain = {}
    if chain_path.exists():
        chain = {_key(chain_path, n, r, ("head", "dep", "word")): _int_row(chain_path, n, r, ("out", "in"))
                 for n, r in enumerate(_read_tsv(chain_path))}
    return Lexicon(rules, cues, parts, weights, chain, _weights(root / "attribution_content_edges.tsv"),
                   _weights(root / "attribution_frame_model.tsv"))


def _weights(path: Path) -> dict[str, float]:
    """``feature weight`` rows of a logistic model (empty when the file is absent)."""
    weights: dict[str, float] = {}
    if path.exists():
        for n, r in enumerate(_read_tsv(path)):
            try:
                weights[r["feature"]] = float(r["weight"])
            except (KeyError, TypeError, ValueError) as exc:
                raise ConfigError("E205", path=path, line=n + 2, reason=f"bad weight ({exc})") from exc
    return weights
