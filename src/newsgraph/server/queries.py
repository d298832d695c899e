"""Read queries of the HTTP API, over a request's own cursor. Each returns plain dicts."""

from __future__ import annotations

import json
import re
from typing import Any

import duckdb

from ..config import Shown
from ..errors import StoreError
from .cache import SCHEMA
from .errors import ApiError
from .filters import Filters
from .paging import Keyset, decode, encode, offset_of, page_of
from .state import rows

__all__ = ["actor", "actors", "article", "articles", "claims", "events", "network", "quotes",
           "search", "stats", "thread", "threads", "timeline"]

Cur = duckdb.DuckDBPyConnection
DAY_KEY = "coalesce(strftime(day, '%Y-%m-%d'), '9999-12-31')"


def _page(cur: Cur, select: str, where: str, params: list[Any], keyset: Keyset, cursor: str | None,
          limit: int, key_alias: str, id_alias: str) -> dict[str, Any]:
    after, after_params = keyset.where(cursor)
    sql = f"{select} WHERE ({where}) AND {after} ORDER BY {keyset.order()} LIMIT ?"
    found = rows(cur, sql, [*params, *after_params, limit + 1])
    return page_of(found, limit, key_alias, id_alias)


def stats(cur: Cur) -> dict[str, Any]:
    counts = rows(cur, "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM claims) AS claims,"
                       f" (SELECT count(*) FROM {SCHEMA}.board) AS threads, (SELECT count(*) FROM events) AS events,"
                       f" (SELECT count(*) FROM {SCHEMA}.actor_index) AS actors,"
                       " (SELECT count(*) FROM attributions) AS quotes,"
                       " (SELECT min(day) FROM articles) AS first_day, (SELECT max(day) FROM articles) AS last_day")[0]
    outlets = rows(cur, "SELECT source AS outlet, count(*) AS articles FROM articles WHERE source IS NOT NULL"
                        " GROUP BY source ORDER BY articles DESC, source")
    return {**counts, "outlets": outlets}


# -- articles ---------------------------------------------------------------------------------
def articles(cur: Cur, f: Filters, cursor: str | None, limit: int) -> dict[str, Any]:
    where, params = Filters(since=f.since, until=f.until, outlet=f.outlet).conditions("id", outlet="source")
    select = (f"SELECT id, date, day, source AS outlet, title, url, copy_of, length(text) AS chars,"
              f" {DAY_KEY} AS day_key FROM articles")
    return _page(cur, select, where, params, Keyset(DAY_KEY, "id"), cursor, limit, "day_key", "id")


_SPANS = """
SELECT 'actor' AS kind, id, start_char AS start, end_char AS "end", text, coalesce(name, text) AS label,
       {'actor_id': actor_id, 'actor_type': actor_type, 'country': country, 'sector': sector,
        'how': how}::JSON AS detail
FROM actors WHERE article_id = $1
UNION ALL SELECT 'place', id, start_char, end_char, text, coalesce(name, text),
       {'country': country, 'lat': lat, 'lon': lon, 'feature': feature}::JSON FROM places WHERE article_id = $1
UNION ALL SELECT 'timex', id, start_char, end_char, text, value,
       {'timex_type': timex_type, 'value': value, 'anchor_source': anchor_source}::JSON
FROM timexes WHERE article_id = $1
UNION ALL SELECT 'quote', id, content_start, content_end, content_text, coalesce(speaker, source_text),
       {'speaker_id': speaker_id, 'speaker': speaker, 'cue': cue_text, 'quoted': quoted, 'time': time}::JSON
FROM attributions WHERE article_id = $1 AND content_start IS NOT NULL AND coalesce(confidence, 1.0) >= $2
UNION ALL SELECT 'cue', id, cue_start, cue_end, cue_text, coalesce(speaker, source_text),
       {'speaker_id': speaker_id}::JSON FROM attributions
WHERE article_id = $1 AND cue_start IS NOT NULL AND coalesce(confidence, 1.0) >= $2
UNION ALL SELECT 'claim', id, start_char, end_char, text, coalesce(claimant, 'the author') || ' ' || stance,
       {'claimant_id': claimant_id, 'stance': stance, 'certainty': certainty, 'time': time,
        'confidence': confidence}::JSON
FROM claims WHERE article_id = $1 AND coalesce(confidence, 1.0) >= $2
UNION ALL SELECT 'event', id, start_char, end_char, text, event_type,
       {'event_type': event_type, 'factuality': factuality, 'date': date, 'place': place,
        'confidence': confidence}::JSON
FROM events WHERE article_id = $1 AND confidence >= $3
UNION ALL SELECT 'mention', id, start_char, end_char, text, label, {'mention_type': mention_type}::JSON
FROM mentions WHERE article_id = $1 AND mention_type = 'entity'
ORDER BY start, "end" DESC, kind
"""


def article(cur: Cur, article_id: str, shown: Shown) -> dict[str, Any]:
    """The article with its spans; quotes, claims and events only those ``shown`` (the
    confidence thresholds of the views; zero for all)."""
    found = rows(cur, "SELECT id, date, day, date_source, source AS outlet, title, url, origin, copy_of, text"
                      " FROM articles WHERE id = ?", [article_id])
    if not found:
        raise StoreError("E307", what="article", id=article_id)
    spans = rows(cur, _SPANS, [article_id, shown.claims, shown.events])
    for span in spans:
        span["detail"] = json.loads(span["detail"]) if span["detail"] else {}
    threads = rows(cur, f"SELECT claim_id, thread_id FROM {SCHEMA}.board_members WHERE article_id = ?", [article_id])
    by_claim = {r["claim_id"]: r["thread_id"] for r in threads}
    for span in spans:
        if span["kind"] == "claim":
            span["detail"]["thread_id"] = by_claim.get(span["id"])
    sentences = rows(cur, "SELECT sentence, start_char AS start, end_char AS \"end\" FROM sentences"
                          " WHERE article_id = ? ORDER BY start_char", [article_id])
    return {**found[0], "spans": spans, "sentences": sentences}


# -- actors -----------------------------------------------------------------------------------
def actors(cur: Cur, q: str | None, cursor: str | None, limit: int) -> dict[str, Any]:
    where, params = ("true", [])
    if q:
        where, params = "(name ILIKE ? OR actor_id ILIKE ?)", [f"%{q}%", f"%{q}%"]
    select = f"SELECT * FROM {SCHEMA}.actor_index"
    return _page(cur, select, where, params, Keyset("mentions", "actor_id", desc=True), cursor, limit,
                 "mentions", "actor_id")


def actor(cur: Cur, actor_id: str) -> dict[str, Any]:
    found = rows(cur, f"SELECT * FROM {SCHEMA}.actor_index WHERE actor_id = ?", [actor_id])
    if not found:
        raise StoreError("E307", what="actor", id=actor_id)
    stances = rows(cur, f"SELECT stance, count(*) AS n FROM {SCHEMA}.board_members WHERE claimant_id = ?"
                        " GROUP BY stance ORDER BY n DESC", [actor_id])
    quotes = rows(cur, "SELECT count(*) AS n FROM attributions WHERE speaker_id = ?", [actor_id])[0]["n"]
    return {**found[0], "claims_by_stance": stances, "quotes": quotes}


# -- quotes, claims, events -------------------------------------------------------------------
def quotes(cur: Cur, f: Filters, article_id: str | None, cursor: str | None, limit: int,
           min_confidence: float = 0.0) -> dict[str, Any]:
    where, params = Filters(since=f.since, until=f.until, outlet=f.outlet).conditions("q.id", "a.day", "a.source")
    where, params = f"{where} AND coalesce(q.confidence, 1.0) >= ?", [*params, min_confidence]
    if f.actor:
        where, params = where + " AND q.speaker_id = ?", [*params, f.actor]
    if article_id:
        where, params = where + " AND q.article_id = ?", [*params, article_id]
    select = ("SELECT q.id, q.article_id, q.sentence, q.speaker_id, q.speaker, q.source_text, q.cue_text,"
              " q.content_text, q.content_start AS start, q.content_end AS \"end\", q.quoted, q.time,"
              " q.attribution_type, a.day, a.source AS outlet,"
              " coalesce(strftime(a.day, '%Y-%m-%d'), '9999-12-31') AS day_key"
              " FROM attributions q JOIN articles a ON a.id = q.article_id")
    key = Keyset("coalesce(strftime(a.day, '%Y-%m-%d'), '9999-12-31')", "q.id")
    return _page(cur, select, where, params, key, cursor, limit, "day_key", "id")


def claims(cur: Cur, f: Filters, article_id: str | None, thread_id: str | None, cursor: str | None,
           limit: int) -> dict[str, Any]:
    where, params = f.conditions("claim_id", stance="stance")
    for column, value in (("article_id", article_id), ("thread_id", thread_id)):
        if value:
            where, params = f"{where} AND {column} = ?", [*params, value]
    select = (f"SELECT claim_id AS id, thread_id, article_id, sentence, start_char AS start, end_char AS \"end\","
              f" text, claimant_id, claimant, stance, certainty, time, day, outlet, title,"
              f" {DAY_KEY} AS day_key FROM {SCHEMA}.board_members")
    return _page(cur, select, where, params, Keyset(DAY_KEY, "claim_id"), cursor, limit, "day_key", "id")


def events(cur: Cur, f: Filters, event_type: str | None, kind: str, cursor: str | None, limit: int) -> dict[str, Any]:
    where, params = _timeline_filters(f, kind).conditions("item_id", stance="status")
    where, params = f"{where} AND kind = ?", [*params, kind]
    if event_type:
        where, params = f"{where} AND label = ?", [*params, event_type]
    select = (f"SELECT item_id AS id, kind, article_id, sentence, start_char AS start, end_char AS \"end\", text,"
              f" label, status, value, day, outlet, {DAY_KEY} AS day_key FROM {SCHEMA}.timeline")
    return _page(cur, select, where, params, Keyset(DAY_KEY, "item_id"), cursor, limit, "day_key", "id")


# -- claim board ------------------------------------------------------------------------------
STANCES = ("asserts", "denies", "questions", "predicts")
#: sort -> (rank column, key column, descending); ranks are precomputed in that order
_BOARD_SORTS = {"sources": ("no", "n_sources", True), "first_seen": ("no_first_seen", "first_key", False),
                "recent": ("no_recent", "last_key", True)}


def _board_rows(cur: Cur, numbers: list[int]) -> list[dict[str, Any]]:
    """Full board rows for ``numbers``, in that order (JSON columns parsed)."""
    if not numbers:
        return []
    found = rows(cur, f"SELECT * FROM {SCHEMA}.board WHERE no IN (SELECT unnest(?::INTEGER[]))", [numbers])
    by_no = {r["no"]: r for r in found}
    out = []
    for no in numbers:
        row = by_no[no]
        row["first"], row["claimants"] = json.loads(row["first"]), json.loads(row["claimants"])
        out.append(row)
    return out


def _board_where(f: Filters) -> tuple[str, list[Any]]:
    """Threads involving the actor, active in the date range, carried by the outlet, with at
    least one claim of the stance."""
    conds, params = ["true"], []
    if f.actor:
        conds.append(f"no IN (SELECT no FROM {SCHEMA}.board_actors WHERE actor_id = ?)")
        params.append(f.actor)
    if f.since:
        conds.append("last_seen >= ?")
        params.append(f.since)
    if f.until:
        conds.append("first_seen <= ?")
        params.append(f.until)
    if f.outlet:
        conds.append(f"no IN (SELECT no FROM {SCHEMA}.board_outlets WHERE outlet = ?)")
        params.append(f.outlet)
    if f.stance in STANCES:
        conds.append(f"n_{f.stance} > 0")
    return " AND ".join(conds), params


def _after(cursor: str | None, generation: int, rank: str, key: str, desc: bool) -> tuple[str, list[Any]]:
    """Resume after a cursor: by rank while the board is the same generation, else by key."""
    value = decode(cursor)
    if value is None:
        return "true", []
    if not (isinstance(value, dict) and {"g", "r", "k", "id"} <= set(value)):
        raise ApiError(400, "bad_cursor", "The cursor is not valid. Use the 'next' value of a previous page.")
    if value["g"] == generation:
        return f"{rank} > ?", [value["r"]]
    return Keyset(key, "thread_id", desc).where(encode([value["k"], value["id"]]))


def threads(cur: Cur, f: Filters, sort: str, cursor: str | None, limit: int, generation: int = 0) -> dict[str, Any]:
    """Board rows: ranks are found on narrow columns first, then the chosen rows are read whole."""
    where, params = _board_where(f)
    rank, key, desc = _BOARD_SORTS[sort]
    after, after_params = _after(cursor, generation, rank, key, desc)
    keys = rows(cur, f"SELECT no, {rank} AS r, {key} AS k, thread_id FROM {SCHEMA}.board"
                     f" WHERE ({where}) AND {after} ORDER BY {rank} LIMIT ?", [*params, *after_params, limit + 1])
    more = len(keys) > limit
    keys = keys[:limit]
    last = keys[-1] if keys else None
    nxt = encode({"g": generation, "r": last["r"], "k": last["k"], "id": last["thread_id"]}) if more else None
    return {"items": _board_rows(cur, [k["no"] for k in keys]), "next": nxt}


def thread(cur: Cur, thread_id: str) -> dict[str, Any]:
    found = rows(cur, f"SELECT no FROM {SCHEMA}.board WHERE thread_id = ?", [thread_id])
    if not found:
        raise StoreError("E307", what="thread", id=thread_id)
    return _board_rows(cur, [found[0]["no"]])[0]


# -- timeline ---------------------------------------------------------------------------------
def _timeline_filters(f: Filters, kind: str) -> Filters:
    """The stance filter applies to claims only (events have a factuality instead)."""
    return f if kind == "claim" else Filters(f.actor, f.since, f.until, f.outlet, None)


def timeline(cur: Cur, f: Filters, kind: str, bucket: str) -> dict[str, Any]:
    """Counts per bucket from pre-aggregated tables (per actor when filtered by actor)."""
    f = _timeline_filters(f, kind)
    table = f"{SCHEMA}.timeline_actor_counts" if f.actor else f"{SCHEMA}.timeline_counts"
    where, params = f.conditions(None, stance="status", actor="actor_id")
    found = rows(cur, f"SELECT date_trunc('{bucket}', day)::DATE AS day, sum(n)::BIGINT AS n FROM {table}"
                      f" WHERE kind = ? AND {where} GROUP BY 1 ORDER BY 1 NULLS LAST", [kind, *params])
    undated = sum(b["n"] for b in found if b["day"] is None)
    buckets = [b for b in found if b["day"] is not None]
    return {"kind": kind, "bucket": bucket, "buckets": buckets, "undated": undated,
            "total": sum(b["n"] for b in buckets) + undated}


# -- network ----------------------------------------------------------------------------------
def network(cur: Cur, top: int, min_weight: int, actor_id: str | None) -> dict[str, Any]:
    focus = "true"
    params: list[Any] = [min_weight]
    if actor_id:
        focus = "(source = ? OR target = ?)"
        params += [actor_id, actor_id]
    nodes = rows(cur, f"""
        WITH e AS (SELECT * FROM {SCHEMA}.edges WHERE weight >= ? AND {focus}),
        deg AS (SELECT id, sum(weight) AS weight, count(*) AS degree FROM
                (SELECT source AS id, weight FROM e UNION ALL SELECT target, weight FROM e) GROUP BY id)
        SELECT deg.id, coalesce(i.name, deg.id) AS name, i.actor_type, i.country, i.sector, deg.degree,
               deg.weight, coalesce(i.mentions, 0) AS mentions
        FROM deg LEFT JOIN {SCHEMA}.actor_index i ON i.actor_id = deg.id
        ORDER BY deg.degree DESC, deg.weight DESC, deg.id LIMIT ?""", [*params, top])
    ids = [n["id"] for n in nodes]
    edges = rows(cur, f"SELECT source, target, weight FROM {SCHEMA}.edges WHERE weight >= ?"
                      " AND list_contains(?, source) AND list_contains(?, target) ORDER BY weight DESC",
                 [min_weight, ids, ids]) if ids else []
    return {"nodes": nodes, "edges": edges}


# -- search -----------------------------------------------------------------------------------
_TERM = re.compile(r"[^\W_]+")


MAX_TERMS = 20


def terms_of(q: str) -> list[str]:
    terms = list(dict.fromkeys(t.lower() for t in _TERM.findall(q)))
    if len(terms) > MAX_TERMS:
        raise ApiError(400, "too_many_terms", f"The query has {len(terms)} distinct words; search takes at most"
                                              f" {MAX_TERMS}. Drop some words.")
    return terms


def search(cur: Cur, q: str, cursor: str | None, limit: int) -> dict[str, Any]:
    terms = terms_of(q)
    offset = offset_of(cursor)
    if not terms:
        return {"items": [], "next": None, "terms": []}
    total = rows(cur, "SELECT count(*) AS n FROM sentences")[0]["n"] or 1
    found = rows(cur, f"""
        WITH w AS (SELECT term, ln(1 + (? - df + 0.5) / (df + 0.5)) AS idf FROM {SCHEMA}.doc_freq
                   WHERE list_contains(?, term)),
        hits AS (SELECT p.sid, count(*) AS matched, sum(w.idf * p.tf * 2.2 / (p.tf + 1.2)) AS score
                 FROM {SCHEMA}.postings p JOIN w USING (term) GROUP BY p.sid)
        SELECT s.id, s.article_id, s.sentence, s.start_char AS start, s.end_char AS "end", s.text,
               hits.matched, round(hits.score, 4) AS score, a.day, a.source AS outlet, a.title
        FROM hits JOIN sentences s ON s.id = hits.sid JOIN articles a ON a.id = s.article_id
        ORDER BY hits.matched DESC, hits.score DESC, s.id LIMIT ? OFFSET ?""",
                 [total, terms, limit + 1, offset])
    return {**page_of(found, limit, offset=offset), "terms": terms}
