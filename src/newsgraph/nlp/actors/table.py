"""The curated actor and country tables (``nlp/actors/data/*.csv``, ``nlp/shared/data/countries.csv``) and small lookups over them.

Loaded once per process (and once per user table path); pure reads, no I/O after loading.
Other engineers use :func:`country_of_demonym`, :func:`country_by_name`, :func:`actor_by_id`
and :func:`country_actor_id`.

Tables:
  ``actors.csv``    date-ranged people and organisations (one row per office held)
  ``politicians.csv`` national political figures of major countries, one row per role held
                    (years; its header states the source); loaded into the same table, but a
                    bare surname finds one of them only where it is listed as an alias
  ``given_names.csv`` common given names -> the gender they usually mark (pronoun agreement)
  ``parties.csv``   party names and words ("Republicans", "Tories") -> country and party
  ``countries.csv`` every country: names, capital, demonyms, centroid, GeoNames id
  ``roles.csv``     role phrases ("defence minister") -> canonical role and PLOVER sector
  ``generics.csv``  generic agents ("troops", "police") -> PLOVER sector

Columns of ``actors.csv`` (and of a user table, ``actors.user_table``): ``actor_id`` (stable,
``act:surname-given``; one id may have several rows, one per office), ``name``, ``aliases``
(``|``-separated), ``actor_type`` (person, organization, country, group, generic),
``country`` (ISO 3166 alpha-3, or UNO, NATO, EU, AU), ``sector`` (PLOVER), ``role`` (canonical:
head of state, head of government, foreign minister, defence minister, ...), ``title`` (as
styled locally), ``start``/``end`` (YYYY-MM-DD; end exclusive, empty = open), ``verified``
(yes = dates checked against a dated source; no = from memory, to be checked), ``note``.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pycountry

from ...datafiles import data_file, read_data
from ...errors import ConfigError

__all__ = [
    "ACTOR_COLUMNS",
    "ActorTable",
    "Country",
    "TableActor",
    "actor_by_id",
    "countries",
    "country_actor_id",
    "country_by_name",
    "country_of_demonym",
    "country_of_region",
    "generics",
    "given_name_gender",
    "load_table",
    "parties",
    "roles",
]

ACTOR_COLUMNS = ("actor_id", "name", "aliases", "actor_type", "country", "sector", "role",
                 "title", "start", "end", "verified", "note")
ACTOR_TYPES = ("person", "organization", "country", "group", "generic")
SECTORS = ("GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "MED", "EDU", "BUS",
           "CRM", "CVL", "LEG", "REL", "NGO", "")
TITLES = {"President", "Prime", "Minister", "King", "Queen", "Emperor", "Crown", "Prince", "Lord",
          "Ayatollah", "Premier", "Chancellor", "General", "Secretary"}
IGO_CODES = ("UNO", "NATO", "EU", "AU", "IGO")
EXTRA_CODES = ("XKX", "ANT", "SCG")  # Kosovo (user-assigned), historic GeoNames codes


@dataclass(frozen=True, slots=True)
class TableActor:
    """One row of the actor table: an actor holding one role over a date range."""

    actor_id: str
    name: str
    aliases: tuple[str, ...]
    actor_type: str
    country: str | None
    sector: str | None
    role: str | None
    title: str | None
    start: str | None
    end: str | None
    verified: bool
    gender: str | None = None  # "m" / "f" where the table says (pronoun agreement)
    by_parts: bool = True  # found by one word of its name ("Kim"), not only by a full alias

    def active(self, day: str | None) -> bool:
        """Whether the row's office is held on ``day`` (always true without a date or range)."""
        if not day:
            return not self.end
        return (not self.start or self.start <= day) and (not self.end or day < self.end)

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    names: tuple[str, ...]
    capital: str
    capital_geonameid: int | None
    demonyms: tuple[str, ...]
    lat: float | None
    lon: float | None
    geonameid: int | None
    continent: str
    population: int


def _data(name: str):
    if name == "countries.csv":
        return data_file("newsgraph.nlp.shared", name)
    return data_file("newsgraph.nlp.actors", name)


def _valid_code(code: str) -> bool:
    return bool(pycountry.countries.get(alpha_3=code)) or code in IGO_CODES + EXTRA_CODES


def _valid_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _row_error(row: dict, columns: tuple[str, ...]) -> str | None:
    """Why a table row is malformed, or None."""
    if None in row or any(v is None for v in row.values()):
        return f"expected {len(columns)} columns ({', '.join(columns)})"
    if not row["actor_id"].startswith("act:") or not row["name"].strip():
        return "actor_id must start with 'act:' and name must not be empty"
    if row["actor_type"] not in ACTOR_TYPES:
        return f"actor_type {row['actor_type']!r} not one of {', '.join(ACTOR_TYPES)}"
    if row["country"] and not _valid_code(row["country"]):
        return f"country {row['country']!r} is not an ISO 3166 alpha-3 or IGO code"
    if row["sector"] not in SECTORS:
        return f"sector {row['sector']!r} is not a PLOVER sector ({', '.join(SECTORS[:-1])})"
    for key in ("start", "end"):
        if row[key] and not _valid_date(row[key]):
            return f"{key} {row[key]!r} is not a date YYYY-MM-DD"
    if row["start"] and row["end"] and row["end"] < row["start"]:
        return f"end {row['end']} is before start {row['start']}"
    return None


def _actor(row: dict) -> TableActor:
    aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
    return TableActor(row["actor_id"], row["name"].strip(), aliases, row["actor_type"],
                      row["country"] or None, row["sector"] or None, row["role"] or None,
                      row["title"] or None, row["start"] or None, row["end"] or None,
                      row.get("verified", "").strip().lower() in ("yes", "true", "1"))


def _read_actor_rows(text: str, path: str) -> list[TableActor]:
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in ACTOR_COLUMNS[:10] if c not in (reader.fieldnames or ())]
    if missing:
        raise ConfigError("E205", path=path, line=1, reason=f"missing columns {', '.join(missing)}")
    columns = tuple(reader.fieldnames or ())
    out = []
    for row in reader:
        row.setdefault("verified", "")
        error = _row_error(row, columns)
        if error:
            raise ConfigError("E205", path=path, line=reader.line_num, reason=error)
        out.append(_actor(row))
    return out


@dataclass
class ActorTable:
    """The actor rows with an alias index (exact alias -> rows)."""

    rows: tuple[TableActor, ...]
    by_alias: dict[str, list[TableActor]] = field(default_factory=dict)
    by_token: dict[str, list[TableActor]] = field(default_factory=dict)
    by_id: dict[str, list[TableActor]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        alias: dict[str, list[TableActor]] = defaultdict(list)
        token: dict[str, list[TableActor]] = defaultdict(list)
        ids: dict[str, list[TableActor]] = defaultdict(list)
        for row in self.rows:
            ids[row.actor_id].append(row)
            for name in row.names():
                alias[name].append(row)
                if row.actor_type == "person" and row.by_parts:
                    for part in name.replace("-", " ").split():
                        if part[:1].isupper() and len(part) > 2 and part not in TITLES:
                            token[part].append(row)
        self.by_alias, self.by_token, self.by_id = dict(alias), dict(token), dict(ids)

    def lookup(self, name: str, day: str | None) -> list[TableActor]:
        """Rows whose name or alias is exactly ``name``: active ones first, then the latest
        role held before ``day``, then later ones."""
        rows = sorted(self.by_alias.get(name, []), key=lambda r: r.start or "", reverse=True)
        return sorted(rows, key=lambda r: (not r.active(day), bool(day and (r.start or "") > day)))

    def with_token(self, token: str, day: str | None) -> list[TableActor]:
        """Active person rows one of whose names contains the word ``token`` ("Kim")."""
        seen, out = set(), []
        for row in self.by_token.get(token, []):
            if row.active(day) and (row.actor_id, row.role) not in seen:
                seen.add((row.actor_id, row.role))
                out.append(row)
        return out

    def role_on(self, actor_id: str, day: str | None) -> TableActor | None:
        """The row of ``actor_id`` in force on ``day`` (else its latest row)."""
        rows = self.by_id.get(actor_id, [])
        active = [r for r in rows if r.active(day)]
        return (active or sorted(rows, key=lambda r: r.start or ""))[-1] if rows else None


POLITICIAN_COLUMNS = ("actor_id", "name", "aliases", "country", "sector", "role", "title", "party",
                      "start", "end", "gender")


def _year_bound(value: str, end: bool) -> str:
    """A bare year as a date: the first day of it (start), or of the year after (end)."""
    value = value.strip()
    if len(value) == 4 and value.isdigit():
        return f"{int(value) + 1}-01-01" if end else f"{value}-01-01"
    return value


def _read_politicians(text: str, path: str) -> list[TableActor]:
    """``politicians.csv`` rows (comment lines ``#`` skipped) as person rows of the table."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    if tuple(reader.fieldnames or ()) != POLITICIAN_COLUMNS:
        raise ConfigError("E205", path=path, line=lines[0][0] if lines else 1,
                          reason=f"expected columns {', '.join(POLITICIAN_COLUMNS)}")
    out = []
    for i, row in enumerate(reader, 1):
        line = lines[i][0] if i < len(lines) else i
        if None in row or any(v is None for v in row.values()):
            raise ConfigError("E205", path=path, line=line, reason=f"expected {len(POLITICIAN_COLUMNS)} columns")
        as_actor = {**row, "actor_type": "person", "start": _year_bound(row["start"], False),
                    "end": _year_bound(row["end"], True), "verified": "no", "note": row["party"]}
        error = _row_error(as_actor, ACTOR_COLUMNS) or (
            None if row["gender"] in ("m", "f", "") else f"gender {row['gender']!r} is not m or f")
        if error:
            raise ConfigError("E205", path=path, line=line, reason=error)
        out.append(replace(_actor(as_actor), gender=row["gender"] or None, by_parts=False))
    return out


@lru_cache(maxsize=8)
def load_table(user_table: str = "") -> ActorTable:
    """The shipped actor table (``actors.csv`` and ``politicians.csv``), extended by
    ``user_table`` (a CSV with the columns of ``actors.csv``).

    Raises ConfigError E205 naming the line of a malformed row.
    """
    rows = _read_actor_rows(_data("actors.csv").read_text("utf-8"), "actors.csv")
    politicians = _read_politicians(_data("politicians.csv").read_text("utf-8"), "politicians.csv")
    genders = {r.actor_id: r.gender for r in politicians if r.gender}
    rows = [replace(r, gender=genders.get(r.actor_id)) for r in rows] + politicians
    if user_table:
        path = Path(user_table)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError("E203", path=path, reason=exc) from exc
        rows.extend(_read_actor_rows(text, str(path)))
    return ActorTable(tuple(rows))


def _country(row: dict) -> Country:
    def num(v: str, kind=float):
        return kind(v) if v not in ("", None) else None

    return Country(row["iso3"], row["iso2"], row["name"], tuple(row["names"].split("|")),
                   row["capital"], num(row["capital_geonameid"], int),
                   tuple(d for d in row["demonyms"].split("|") if d), num(row["lat"]),
                   num(row["lon"]), num(row["geonameid"], int), row["continent"],
                   int(row["population"] or 0))


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO alpha-3 -> Country, from ``countries.csv``."""
    reader = csv.DictReader(_data("countries.csv").read_text("utf-8").splitlines())
    return {row["iso3"]: _country(row) for row in reader}


@lru_cache(maxsize=1)
def _name_index() -> dict[str, dict[str, str]]:
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for c in sorted(countries().values(), key=lambda c: c.population):
        for n in c.names:
            names[n] = c.iso3
            if n.startswith("the "):
                names[n[4:]] = c.iso3
        for d in c.demonyms:
            demonyms[d] = c.iso3
        if c.capital:
            capitals[c.capital] = c.iso3
    demonyms.setdefault("Korean", "KOR")
    capitals.setdefault("Kiev", "UKR")  # the older spelling of Kyiv, still common in news
    return {"names": names, "demonyms": demonyms, "capitals": capitals}


def country_by_name(name: str) -> str | None:
    """ISO alpha-3 of a country name or alias ("South Korea", "N.Korea", "the US", "The
    United States")."""
    name = name.strip()
    names = _name_index()["names"]
    return names.get(name) or (names.get(name[4:]) if name.startswith(("The ", "the ")) else None)


def country_of_demonym(word: str) -> str | None:
    """ISO alpha-3 of a demonym or adjective ("North Korean" -> "PRK")."""
    return _name_index()["demonyms"].get(word.strip())


def country_of_capital(name: str) -> str | None:
    """ISO alpha-3 of the country whose capital is ``name`` ("Seoul" -> "KOR")."""
    return _name_index()["capitals"].get(name.strip())


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """First-level divisions (states, provinces) and their abbreviations -> country, from the
    places layer's ``places_extra.csv`` (rows of feature ``admin1``)."""
    reader = csv.DictReader(read_data("newsgraph.nlp.places", "places_extra.csv").splitlines())
    out: dict[str, str] = {}
    for row in reader:
        if row["feature"] == "admin1" and row["country"]:
            for name in (row["name"], *row["aliases"].split("|")):
                if name.strip():
                    out.setdefault(name.strip(), row["country"])
    return out


def country_of_region(name: str) -> str | None:
    """ISO alpha-3 of the country a state or province belongs to ("Ohio", "Calif." -> "USA")."""
    return _regions().get(name.strip())


@lru_cache(maxsize=1)
def parties() -> dict[str, tuple[str, str, bool]]:
    """Party name or word -> (country, party, needs_context): ``needs_context`` words
    ("Republican", "Labour") name that country's party only where the article is about it."""
    reader = csv.DictReader(_data("parties.csv").read_text("utf-8").splitlines())
    return {row["word"]: (row["country"], row["party"], row["needs_context"] == "yes") for row in reader}


def country_actor_id(iso3: str, sector: str | None = None) -> str:
    """The stable id of a country actor: ``act:country-KOR-GOV`` (or ``act:country-KOR``)."""
    return f"act:country-{iso3}-{sector}" if sector else f"act:country-{iso3}"


def actor_by_id(actor_id: str, day: str | None = None, user_table: str = "") -> TableActor | None:
    """The table row for ``actor_id`` in force on ``day`` (None if not a table actor)."""
    return load_table(user_table).role_on(actor_id, day)


def _lexicon(name: str) -> dict[str, tuple[str, str]]:
    reader = csv.DictReader(_data(name).read_text("utf-8").splitlines())
    key, a, b = reader.fieldnames[:3]
    return {row[key]: (row[a], row[b]) for row in reader}


@lru_cache(maxsize=1)
def roles() -> dict[str, tuple[str, str]]:
    """Role phrase (lower case) -> (canonical role, sector)."""
    return _lexicon("roles.csv")


@lru_cache(maxsize=1)
def generics() -> dict[str, tuple[str, str]]:
    """Generic agent noun (lower case) -> (sector, label)."""
    return _lexicon("generics.csv")


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    lines = [line for line in _data("given_names.csv").read_text("utf-8").splitlines() if not line.startswith("#")]
    return {row["name"]: row["gender"] for row in csv.DictReader(lines)}


def given_name_gender(name: str) -> str | None:
    """"m" or "f" for a common given name ("Nancy" -> "f"), else None."""
    return _given_names().get(name.strip())
