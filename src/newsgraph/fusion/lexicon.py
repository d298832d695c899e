"""The fusion lexicon (``fusion/data/fusion.toml``) and a country gazetteer from ``countries.csv``."""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..datafiles import data_file

__all__ = ["Lexicon", "lexicon"]


@dataclass(frozen=True)
class Lexicon:
    settings: dict[str, Any]
    lemmas: dict[str, str]
    concepts: dict[str, str]  # lemma -> concept
    objects: frozenset[str]  # concepts that name what a claim is about
    exclusive: frozenset[str]  # concepts that must be in both claims or in neither
    predicates: frozenset[str]  # concepts that say what happened
    stopwords: frozenset[str]
    countries: re.Pattern  # names and demonyms of countries
    country_of: dict[str, str]  # lower-cased name or demonym -> ISO3
    country_name: dict[str, str]  # ISO3 -> name
    wire: re.Pattern


def _data(name: str):
    if name == "countries.csv":
        return data_file("newsgraph.nlp.shared", name)
    return data_file("newsgraph.fusion", name)


def _country_names() -> dict[str, str]:
    out: dict[str, str] = {}
    with _data("countries.csv").open("r", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for name in [row["name"], *row["names"].split("|"), *row["demonyms"].split("|")]:
                name = name.strip()
                if len(name) > 2 and not name.isupper() and "," not in name:
                    out.setdefault(name.lower(), row["iso3"])
    return out


def _country_labels() -> dict[str, str]:
    with _data("countries.csv").open("r", encoding="utf-8") as fh:
        return {row["iso3"]: row["name"] for row in csv.DictReader(fh)}


def _wire_pattern(wire: dict[str, Any]) -> re.Pattern:
    agencies = "|".join(re.escape(a) for a in sorted(wire["agencies"], key=len, reverse=True))
    generic = "|".join(re.escape(w) for w in wire["generic_words"])
    return re.compile(rf"\((?P<name>{agencies}|[A-Z][^()\n]{{0,40}}?(?:{generic})[^()\n]{{0,20}})\)")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load ``fusion.toml`` once per process."""
    data = tomllib.loads(_data("fusion.toml").read_text("utf-8"))
    concepts: dict[str, str] = {}
    for concept, spec in data["concepts"].items():
        for lemma in spec["lemmas"]:
            concepts.setdefault(lemma, concept)
    names = _country_names()
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return Lexicon(
        settings={k: data[k] for k in ("shingles", "claims", "events", "language")},
        lemmas=dict(data["lemmas"]),
        concepts=concepts,
        objects=frozenset(c for c, spec in data["concepts"].items() if spec.get("object")),
        exclusive=frozenset(c for c, spec in data["concepts"].items() if spec.get("exclusive")),
        predicates=frozenset(c for c, spec in data["concepts"].items() if spec.get("predicate")),
        stopwords=frozenset(data["stopwords"]["words"]),
        countries=re.compile(rf"\b(?:{alternation})\b", re.I),
        country_of=names,
        country_name=_country_labels(),
        wire=_wire_pattern(data["wire"]),
    )
