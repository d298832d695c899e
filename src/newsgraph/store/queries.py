"""Read queries used by the CLI, the reports and the server. Each returns plain dicts."""

from __future__ import annotations

import json
import re
from typing import Any

from .db import Store

__all__ = ["actors", "articles", "claims", "confident", "events", "failures", "mentions", "places", "quotes",
           "records_of_article"]


def articles(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT id, date, date_source, source, title, url, copy_of, length(text) AS chars, origin"
        " FROM articles ORDER BY day NULLS LAST, source, id")


def mentions(store: Store, article_id: str | None = None) -> list[dict[str, Any]]:
    where, params = ("WHERE article_id = ?", [article_id]) if article_id else ("", [])
    return store.query(
        f"SELECT article_id, sentence, start_char, end_char, mention_type, label, text FROM mentions {where}"
        " ORDER BY article_id, start_char, end_char", params)


def failures(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT origin, code, message, seen_at FROM failures ORDER BY seen_at, origin")


def records_of_article(store: Store, table: str, article_id: str) -> list[dict[str, Any]]:
    """Every row of ``table`` for one article, in text order."""
    return store.query(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY start_char, end_char", [article_id])


_PARTICIPANTS = '[{"actor_id": "VARCHAR", "name": "VARCHAR", "country": "VARCHAR", "span": {"text": "VARCHAR"}}]'


EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
FACTUALITIES = ("asserted", "alleged", "denied", "predicted", "hypothetical", "negated")


def _record_date(column: str) -> str:
    """SQL for a record's date: its own TIMEX3 value when it is absolute, else the article's day."""
    return (f"CASE WHEN regexp_matches(coalesce({column}, ''), '^[0-9]{{4}}') THEN {column}"
            " ELSE CAST(a.day AS VARCHAR) END")


def _since(when: str) -> str:
    """On or after a YYYY-MM-DD, compared at the date's own precision (2024-10 vs 2024-10-15)."""
    return f"{when} >= left(?, length({when}))"


def _check_event_filters(event_type: str | None, factuality: str | None, since: str | None) -> None:
    from ..errors import ConfigError

    if event_type and event_type.upper() not in EVENT_TYPES:
        raise ConfigError("E202", key="--type", value=event_type, reason="use one of " + ", ".join(EVENT_TYPES))
    if factuality and factuality.lower() not in FACTUALITIES:
        raise ConfigError("E202", key="--factuality", value=factuality,
                          reason="use one of " + ", ".join(FACTUALITIES))
    if since and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", since):
        raise ConfigError("E202", key="--since", value=since, reason="use YYYY-MM-DD")


def events(store: Store, actor: str | None = None, event_type: str | None = None,
           factuality: str | None = None, since: str | None = None, min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Events, filtered: ``actor`` matches an actor's id, name, country code or words
    (case-insensitive substring); ``since`` (YYYY-MM-DD) compares the event's calendar date
    (2024-06, 2024-SU, 2024-W42 ...), or the article's day when the event has none or only a
    relative one (PAST_REF), at the event date's own granularity; ``min_confidence`` keeps the
    events at or above it (the setting events.min_confidence; 0 for every one)."""
    _check_event_filters(event_type, factuality, since)
    where: list[str] = ["e.confidence >= ?"]
    params: list[Any] = [min_confidence]
    if actor:
        where.append(f"len(list_filter(from_json(e.actors, '{_PARTICIPANTS}'), lambda p: "
                     "p.actor_id ILIKE ? OR p.name ILIKE ? OR p.country ILIKE ? OR p.span.text ILIKE ?)) > 0")
        params += [f"%{actor}%", f"%{actor}%", actor, f"%{actor}%"]
    if event_type:
        where.append("e.event_type = upper(?)")
        params.append(event_type)
    if factuality:
        where.append("e.factuality = lower(?)")
        params.append(factuality)
    if since:
        where.append(_since(_record_date("e.date")))
        params.append(since)
    sql = ("SELECT e.id, e.article_id, e.sentence, e.start_char, e.end_char, e.text AS trigger,"
           " e.event_type, e.mode, e.factuality, coalesce(e.date, CAST(a.day AS VARCHAR)) AS date,"
           " e.date IS NULL AS date_from_article, e.place, e.actors, e.recipients, e.counts,"
           " e.claim_id, e.sentence_span_text AS sentence_text, e.confidence"
           " FROM events e JOIN articles a ON a.id = e.article_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY date NULLS LAST, e.article_id, e.start_char")
    rows = store.query(sql, params)
    for row in rows:  # participants and counts as lists, not JSON text
        for key in ("actors", "recipients", "counts"):
            row[key] = json.loads(row[key]) if isinstance(row[key], str) else (row[key] or [])
    return rows


def actors(store: Store, country: str | None = None, sector: str | None = None) -> list[dict[str, Any]]:
    """One row per actor_id: name, type, country, sector, latest role, mentions, articles,
    mean confidence; filtered by ISO country code and PLOVER sector (case-insensitive)."""
    where: list[str] = []
    params: list[Any] = []
    if country:
        where.append("upper(country) = upper(?)")
        params.append(country)
    if sector:
        where.append("upper(sector) = upper(?)")
        params.append(sector)
    sql = ("SELECT actor_id, any_value(name) AS name, any_value(actor_type) AS actor_type,"
           " any_value(country) AS country, any_value(sector) AS sector,"
           " arg_max(role, coalesce(role_start, '')) AS role, count(*) AS mentions,"
           " count(DISTINCT article_id) AS articles, round(avg(confidence), 2) AS confidence"
           " FROM actors" + (" WHERE " + " AND ".join(where) if where else "")
           + " GROUP BY actor_id ORDER BY mentions DESC, actor_id")
    return store.query(sql, params)


def places(store: Store, country: str | None = None) -> list[dict[str, Any]]:
    """One row per resolved place (GeoNames id, else name): coordinates, feature, mentions,
    articles, metonymic uses; unresolved toponyms grouped by their text."""
    where, params = ("WHERE upper(country) = upper(?)", [country]) if country else ("", [])
    sql = ("SELECT coalesce(CAST(geonameid AS VARCHAR), nullif(name, ''), text) AS place,"
           " any_value(coalesce(nullif(name, ''), text)) AS name, any_value(country) AS country,"
           " any_value(feature) AS feature, any_value(lat) AS lat, any_value(lon) AS lon,"
           " any_value(geonameid) AS geonameid, count(*) AS mentions,"
           " count(DISTINCT article_id) AS articles, sum(CAST(metonymic AS INTEGER)) AS metonymic"
           f" FROM places {where} GROUP BY place ORDER BY mentions DESC, place")
    return store.query(sql, params)


def quotes(store: Store, speaker: str | None = None, since: str | None = None,
           quoted_only: bool = False, min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Attributions (who said what), filtered: ``speaker`` matches the resolved speaker's id or
    name or the source words (case-insensitive substring); ``since`` (YYYY-MM-DD) compares
    the time of the cue at its own granularity, or the article's day when the cue has none
    or only a relative one; only those at or above ``min_confidence``."""
    where: list[str] = [confident("q", min_confidence)] if min_confidence > 0 else []
    params: list[Any] = []
    if speaker:
        where.append("(q.speaker_id ILIKE ? OR q.speaker ILIKE ? OR q.source_text ILIKE ?)")
        params += [f"%{speaker}%"] * 3
    if quoted_only:
        where.append("q.quoted")
    when = _record_date("q.time")
    if since:
        where.append(_since(when))
        params.append(since)
    sql = ("SELECT q.id, q.article_id, q.sentence, q.speaker_id, q.speaker, q.source_text AS source,"
           " q.cue_text AS cue, q.content_text AS content, q.content_start, q.content_end,"
           f" q.attribution_type, q.quoted, {when} AS date, q.time IS NULL AS date_from_article"
           " FROM attributions q JOIN articles a ON a.id = q.article_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY date NULLS LAST, q.article_id, q.start_char")
    return store.query(sql, params)


def confident(alias: str, min_confidence: float) -> str:
    """SQL: the record ``alias`` is at or above ``min_confidence`` (the ``claims.min_confidence``
    setting; a row stored before confidences were kept counts as shown)."""
    return f"coalesce({alias}.confidence, 1.0) >= {float(min_confidence)!r}"


def claims(store: Store, about: str | None = None, stance: str | None = None,
           claimant: str | None = None, since: str | None = None,
           min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Claims, filtered: ``about`` matches an actor id in ``about`` or the proposition's words;
    ``stance`` is asserts/denies/questions/predicts; ``claimant`` matches id or name; only those
    at or above ``min_confidence``."""
    where: list[str] = [confident("c", min_confidence)] if min_confidence > 0 else []
    params: list[Any] = []
    if about:
        where.append("(CAST(c.about AS VARCHAR) ILIKE ? OR c.text ILIKE ?)")
        params += [f"%{about}%"] * 2
    if stance:
        where.append("c.stance = lower(?)")
        params.append(stance)
    if claimant:
        where.append("(c.claimant_id ILIKE ? OR c.claimant ILIKE ?)")
        params += [f"%{claimant}%"] * 2
    when = _record_date("c.time")
    if since:
        where.append(_since(when))
        params.append(since)
    sql = ("SELECT c.id, c.article_id, c.sentence, c.claimant_id, c.claimant, c.text AS proposition,"
           f" c.stance, c.certainty, c.conditional, {when} AS date, c.about, c.hedges, c.evidence,"
           " c.attribution_id, c.confidence FROM claims c JOIN articles a ON a.id = c.article_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY date NULLS LAST, c.article_id, c.start_char")
    rows = store.query(sql, params)
    for row in rows:
        for key in ("about", "hedges", "evidence"):
            row[key] = json.loads(row[key]) if isinstance(row[key], str) else (row[key] or [])
    return rows
