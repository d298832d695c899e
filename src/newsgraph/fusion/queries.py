"""Read queries over the fusion tables (threads, members, timelines). Each returns plain dicts."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..config import Shown
from ..errors import StoreError
from ..store import Store
from .features import entity_of
from .lexicon import lexicon

__all__ = ["as_shown", "match_keys", "thread", "thread_members", "threads", "timeline"]

_JSON = ("about", "stances", "certainty", "event_types")


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for key in _JSON:
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    for key in ("first_day", "last_day", "day"):
        if row.get(key) is not None:
            row[key] = str(row[key])
    row.pop("updated_at", None)
    return row


def _fused(store: Store) -> None:
    if not store.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'threads'"):
        raise StoreError("E304", reason="this database has no fusion tables; run `newsgraph fuse --db ...` with a"
                                        " writable database first")


def match_keys(store: Store, name: str) -> set[str]:
    """Entity keys (ISO3 codes, actor ids) a user's NAME may mean: a country, an actor's name."""
    wanted = name.strip().lower()
    keys = {name.strip(), name.strip().upper()}
    if code := lexicon().country_of.get(wanted):
        keys.add(code)
    for r in store.query("SELECT DISTINCT actor_id, country FROM actors WHERE lower(name) LIKE ? OR lower(text) = ?"
                         " OR actor_id = ?", [f"%{wanted}%", wanted, name.strip()]):
        keys |= {k for k in (r["actor_id"], r["country"]) if k}
    return keys


def _mentions(row: dict[str, Any], keys: set[str], name: str) -> bool:
    if keys & set(row["about"] or []):
        return True
    claimants = [c for by in (row["stances"] or {}).values() for c in by]
    return any(name.lower() in str(c.get("claimant") or "").lower() or c.get("claimant_id") in keys
               or c.get("country") in keys for c in claimants)


def threads(store: Store, about: str | None = None, contested: bool = False, kind: str = "claim",
            min_members: int = 1) -> list[dict[str, Any]]:
    """Threads, most widely carried first; ``about`` a country, actor name or id."""
    _fused(store)
    rows = [_decode(r) for r in store.query(
        "SELECT * FROM threads WHERE kind = ? AND n_members >= ? AND (contested OR NOT ?)"
        " ORDER BY independent_sources DESC, n_members DESC, first_day NULLS LAST, thread_id",
        [kind, min_members, contested])]
    if about:
        keys = match_keys(store, about)
        rows = [r for r in rows if _mentions(r, keys, about)]
    return rows


def thread(store: Store, thread_id: str) -> dict[str, Any]:
    _fused(store)
    rows = store.query("SELECT * FROM threads WHERE thread_id = ?", [thread_id])
    if not rows:
        raise StoreError("E307", what="thread", id=thread_id)
    return _decode(rows[0])


def thread_members(store: Store, thread_id: str, shown: Shown = Shown()) -> list[dict[str, Any]]:
    """Every claim (or event) of a thread with its source: article, outlet, sentence, offsets
    (those the views show: claims at or above ``shown.claims``, events ``shown.events``)."""
    kind = thread(store, thread_id)["kind"]
    floor, unset = (shown.claims, 1.0) if kind == "claim" else (shown.events, 0.0)
    visible = f" AND coalesce(x.confidence, {unset}) >= {float(floor)!r}" if floor > 0 else ""
    table = "claims" if kind == "claim" else "events"
    extra = ("x.claimant_id, x.claimant, x.stance, x.certainty, x.hedges, x.evidence, x.time, x.about"
             if kind == "claim" else "x.event_type AS stance, x.factuality AS certainty, x.date AS time,"
             " x.actors, x.recipients")
    rows = store.query(
        f"SELECT m.thread_id, x.id AS item_id, x.article_id, CAST(a.day AS VARCHAR) AS day, a.date, a.source,"
        f" a.title, a.url, c.cluster_id, c.relation AS cluster_relation, x.sentence, x.start_char, x.end_char,"
        f" x.text, s.start_char AS sentence_start, s.end_char AS sentence_end, s.text AS sentence_text, {extra}"
        f" FROM thread_members m JOIN {table} x ON x.id = m.item_id JOIN articles a ON a.id = x.article_id"
        f" LEFT JOIN article_clusters c ON c.article_id = x.article_id"
        f" LEFT JOIN (SELECT article_id, sentence, min(start_char) AS start_char, max(end_char) AS end_char,"
        f"            first(text ORDER BY start_char) AS text FROM sentences GROUP BY article_id, sentence) s"
        f" ON s.article_id = x.article_id AND s.sentence = x.sentence"
        f" WHERE m.thread_id = ?{visible} ORDER BY a.day NULLS LAST, (c.relation <> 'original'), a.date, x.article_id,"
        f" x.start_char", [thread_id])
    for r in rows:
        for key in ("hedges", "evidence", "about", "actors", "recipients"):
            if isinstance(r.get(key), str):
                r[key] = json.loads(r[key])
    return rows


def as_shown(store: Store, rows: list[dict[str, Any]], shown: Shown) -> list[dict[str, Any]]:
    """Threads as the views show them: counts and who asserts or denies from their members at
    or above the thresholds ``shown`` only; a thread none of whose members is shown is left out
    (claims stored but not shown, "asked for details of the routes"). One query for all rows."""
    from .threads import independent_sources

    by_thread: dict[str, list[dict[str, Any]]] = {}
    for kind in {r["kind"] for r in rows}:
        floor, unset = (shown.claims, 1.0) if kind == "claim" else (shown.events, 0.0)
        visible = f" AND coalesce(x.confidence, {unset}) >= {float(floor)!r}" if floor > 0 else ""
        for m in store.query(
                f"SELECT m.thread_id, x.id AS item_id, x.article_id, a.source, c.cluster_id"
                f" FROM thread_members m JOIN {'claims' if kind == 'claim' else 'events'} x ON x.id = m.item_id"
                f" JOIN articles a ON a.id = x.article_id LEFT JOIN article_clusters c ON c.article_id = x.article_id"
                f" WHERE m.thread_id IN (SELECT unnest(?::VARCHAR[])){visible}",
                [[r["thread_id"] for r in rows if r["kind"] == kind]]):
            by_thread.setdefault(m["thread_id"], []).append(m)
    return [_shown_row(r, by_thread[r["thread_id"]], independent_sources) for r in rows if r["thread_id"] in by_thread]


def _shown_row(row: dict[str, Any], members: list[dict[str, Any]], independent_sources) -> dict[str, Any]:
    visible = {m["item_id"] for m in members}
    certainty = [e for e in row.get("certainty") or [] if e.get("item_id") in visible]
    stances = row.get("stances")
    if row["kind"] == "claim":  # each side's claimants (as fused: id, country ...) with their shown claims
        counts = Counter((e.get("stance"), e.get("claimant")) for e in certainty)
        stances = {side: [{**c, "claims": counts[side, c.get("claimant")]} for c in by
                          if counts[side, c.get("claimant")]]
                   for side, by in (stances or {}).items()}
        stances = {side: by for side, by in stances.items() if by}
    return {**row, "certainty": certainty, "n_members": len(members), "n_articles": len({m["article_id"] for m in members}),
            "independent_sources": independent_sources(members), "stances": stances,
            "contested": bool(stances) and "asserts" in stances and "denies" in stances}


def _entities(actor_ids: list[str | None]) -> set[str]:
    return {e for a in actor_ids if a for e in (a, entity_of(a, {})) if e}


def timeline(store: Store, actor: str | None = None, thread_id: str | None = None) -> list[dict[str, Any]]:
    """Dated claims (with their thread) in date order: of one thread, or by/about one actor."""
    _fused(store)
    rows = store.query(
        "SELECT CAST(a.day AS VARCHAR) AS day, a.source, x.article_id, m.thread_id, x.claimant_id, x.claimant,"
        " x.stance, x.certainty, x.time, x.about, x.start_char, x.end_char, x.text, c.relation AS cluster_relation"
        " FROM claims x JOIN articles a ON a.id = x.article_id"
        " LEFT JOIN thread_members m ON m.item_id = x.id LEFT JOIN article_clusters c ON c.article_id = x.article_id"
        " WHERE (? IS NULL OR m.thread_id = ?) ORDER BY a.day NULLS LAST, a.date, x.article_id, x.start_char",
        [thread_id, thread_id])
    if thread_id and not rows:
        thread(store, thread_id)  # raises E307 for an unknown id
    if actor:
        keys = match_keys(store, actor)
        rows = [r for r in rows if r["claimant_id"] in keys or actor.lower() in str(r["claimant"] or "").lower()
                or keys & _entities(json.loads(r["about"] or "[]")) or _entities([r["claimant_id"]]) & keys]
    for r in rows:
        r["about"] = json.loads(r["about"] or "[]")
    return rows
