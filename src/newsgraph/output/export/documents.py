"""Document exports: PLOVER JSON events, ClaimReview JSON-LD, TimelineJS JSON, FollowTheMoney."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ...config import Shown
from ...errors import ExportError
from ...fusion.features import entity_of
from ...fusion.lexicon import lexicon
from ...fusion.queries import thread_members, threads
from ...records import Article, content_id
from ...store import Store
from ...store.tables import record_of
from .atomic import write_atomic
from ..safe import web_url, xml_safe

__all__ = ["claimreviews", "ftm_entities", "plover_events", "timeline", "write_claimreview", "write_ftm",
           "write_plover", "write_timelinejs"]


#: JSON text that is also safe inside an HTML ``<script type="application/ld+json">`` (where
#: ClaimReview goes): ``<``, ``>``, ``&`` and JavaScript's line separators as escapes.
_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                            "\u2029": "\\u2029"})


def _json(data: Any, indent: int | None = None) -> str:
    """JSON whose strings hold only what XML 1.0 allows, safe to embed in HTML."""
    return json.dumps(xml_safe(data), ensure_ascii=False, indent=indent, default=str).translate(_HTML_SAFE)


def _dump(data: Any) -> str:
    return _json(data, indent=1) + "\n"


def _articles(store: Store) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in store.query("SELECT id, date, date_source, title, url, source, origin,"
                                            " CAST(day AS VARCHAR) AS day FROM articles")}


def _article(row: dict[str, Any]) -> Article:
    return Article(id=row["id"], text="", date=row["date"], date_source=row["date_source"], title=row["title"],
                   url=row["url"], source=row["source"], origin=row["origin"])


# -- PLOVER ----------------------------------------------------------------------------------
def plover_events(store: Store, shown: Shown = Shown()) -> list[dict[str, Any]]:
    from ..plover import to_plover

    articles = _articles(store)
    return [to_plover(record_of("event", r), _article(articles[r["article_id"]]))
            for r in store.query("SELECT * FROM events WHERE confidence >= ? ORDER BY article_id, start_char, id",
                                 [float(shown.events)])]


def write_plover(store: Store, out: Path, table: str | None = None, force: bool = False,
                 shown: Shown = Shown()) -> Path:
    events = plover_events(store, shown)
    if not events:
        raise ExportError("E603", what="export", reason="the store has no events (run `newsgraph analyze` with the"
                                                        " events extractor)")
    return write_atomic(out, lambda tmp: tmp.write_text(_dump(events), "utf-8"), force)


# -- ClaimReview -----------------------------------------------------------------------------
def _appearance(m: dict[str, Any]) -> dict[str, Any]:
    work = {"@type": "CreativeWork", "identifier": m["article_id"], "datePublished": m.get("day"),
            "headline": m.get("title"), "url": web_url(m.get("url")),
            "publisher": {"@type": "Organization", "name": m.get("source")} if m.get("source") else None,
            "text": m["text"]}
    return {k: v for k, v in work.items() if v is not None}


def _rating(t: dict[str, Any]) -> dict[str, Any]:
    stances = t.get("stances") or {}
    said = "; ".join(f"{stance} by " + ", ".join(c["claimant"] for c in by) for stance, by in stances.items())
    name = "Contested" if t["contested"] else "Unverified"
    return {"@type": "Rating", "alternateName": name,
            "ratingExplanation": f"Not fact-checked: newsgraph reports who said it. {said}. "
                                 f"{t['independent_sources']} independent source(s)."}


def claimreviews(store: Store, shown: Shown = Shown()) -> list[dict[str, Any]]:
    """A ClaimReview per claim thread with a claim ``shown``."""
    out = []
    for t in threads(store, kind="claim"):
        members = thread_members(store, t["thread_id"], shown)
        if not members:
            continue
        first = members[0]
        claimant = (t.get("stances") or {}).get("asserts", [{}])[0].get("claimant") or first.get("claimant")
        out.append({
            "@type": "ClaimReview", "identifier": t["thread_id"], "claimReviewed": t["label"],
            "datePublished": dt.date.today().isoformat(),
            "author": {"@type": "Organization", "name": "newsgraph (automated extraction)"},
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Thing", "name": claimant or "unknown"},
                             "datePublished": t["first_day"], "firstAppearance": _appearance(first),
                             "appearance": [_appearance(m) for m in members]},
            "reviewRating": _rating(t)})
    return out


def write_claimreview(store: Store, out: Path, table: str | None = None, force: bool = False,
                      shown: Shown = Shown()) -> Path:
    reviews = claimreviews(store, shown)
    if not reviews:
        raise ExportError("E603", what="export", reason="the store has no claim threads (claims need the claims"
                                                        " extractor; then `newsgraph fuse`)")
    doc = {"@context": "https://schema.org", "@graph": reviews}
    return write_atomic(out, lambda tmp: tmp.write_text(_dump(doc), "utf-8"), force)


# -- TimelineJS ------------------------------------------------------------------------------
def _date(day: str) -> dict[str, str]:
    year, month, d = day[:10].split("-")
    return {"year": year, "month": str(int(month)), "day": str(int(d))}


def timeline(store: Store, shown: Shown = Shown()) -> dict[str, Any]:
    """The dated claims ``shown``, grouped by thread."""
    from ...fusion.threads import claimant_name

    events = []
    for t in threads(store, kind="claim"):
        for m in thread_members(store, t["thread_id"], shown):
            if not m.get("day"):
                continue
            who = claimant_name(m)
            events.append({"unique_id": m["item_id"], "start_date": _date(m["day"]), "group": t["label"][:60],
                           "text": {"headline": f"{who} {m.get('stance')}",
                                    "text": f"«{m['text']}» ({m.get('certainty')}). Source: {m.get('source') or '?'},"
                                            f" {m['article_id']} [{m['start_char']}:{m['end_char']}]: "
                                            f"{m.get('sentence_text') or ''}"}})
    return {"title": {"text": {"headline": "newsgraph timeline", "text": "Dated claims, grouped by thread."}},
            "events": events}


def write_timelinejs(store: Store, out: Path, table: str | None = None, force: bool = False,
                     shown: Shown = Shown()) -> Path:
    doc = timeline(store, shown)
    if not doc["events"]:
        raise ExportError("E603", what="export", reason="no dated claims in the store (articles without dates"
                                                        " or no claims)")
    return write_atomic(out, lambda tmp: tmp.write_text(_dump(doc), "utf-8"), force)


# -- FollowTheMoney --------------------------------------------------------------------------
_SCHEMA = {"person": "Person", "organization": "Organization", "country": "PublicBody", "group": "Organization"}


def _iso2() -> dict[str, str]:
    import csv
    from ...datafiles import data_file

    path = data_file("newsgraph.nlp.shared", "countries.csv")
    with path.open("r", encoding="utf-8") as fh:
        return {r["iso3"]: r["iso2"].lower() for r in csv.DictReader(fh)}


def _entity(eid: str, schema: str, **props: Any) -> dict[str, Any]:
    clean = {k: [str(x) for x in (v if isinstance(v, list) else [v]) if x not in (None, "")] for k, v in props.items()}
    return {"id": eid, "schema": schema, "properties": {k: v for k, v in clean.items() if v}}


def _ftm_actors(store: Store, iso2: dict[str, str]) -> list[dict[str, Any]]:
    rows = store.query("SELECT actor_id, mode(name) AS name, mode(actor_type) AS actor_type, mode(country) AS country,"
                       " mode(role) AS role FROM actors WHERE actor_id IS NOT NULL AND actor_id <> ''"
                       " GROUP BY actor_id ORDER BY actor_id")
    out = []
    for r in rows:
        schema = _SCHEMA.get(r["actor_type"] or "", "LegalEntity")
        country = iso2.get(r["country"] or "")
        props = {"name": r["name"] or lexicon().country_name.get(r["country"] or "", r["actor_id"])}
        props["nationality" if schema == "Person" else "jurisdiction"] = country
        if schema == "Person":
            props["position"] = r["role"]
        out.append(_entity(r["actor_id"], schema, **props))
    return out


def ftm_entities(store: Store, shown: Shown = Shown()) -> list[dict[str, Any]]:
    """Articles, actors and mentions; the events and (as links) the claims ``shown``."""
    iso2 = _iso2()
    out = [_entity(a["id"], "Article", title=a["title"], publishedAt=a["day"], sourceUrl=a["url"],
                   publisher=a["source"]) for a in _articles(store).values()]
    out += _ftm_actors(store, iso2)
    for r in store.query("SELECT id, article_id, actor_id, text FROM actors WHERE actor_id IS NOT NULL"
                         " AND actor_id <> '' ORDER BY id"):
        out.append(_entity(r["id"], "Mention", document=r["article_id"], resolved=r["actor_id"], name=r["text"]))
    for r in store.query("SELECT id, article_id, event_type, text, date, actors, recipients, place FROM events"
                         " WHERE confidence >= ? ORDER BY id", [float(shown.events)]):
        people = json.loads(r["actors"] or "[]") + json.loads(r["recipients"] or "[]")
        out.append(_entity(r["id"], "Event", name=f"{r['event_type']}: {r['text']}", date=r["date"], location=r["place"],
                           involved=[p["actor_id"] for p in people if p.get("actor_id")], proof=r["article_id"],
                           country=[iso2.get(p.get("country") or "") for p in people]))
    for r in store.query("SELECT id, article_id, claimant_id, stance, text, about FROM claims"
                         " WHERE coalesce(confidence, 1.0) >= ? ORDER BY id", [float(shown.claims)]):
        for about in json.loads(r["about"] or "[]"):
            if r["claimant_id"] and r["claimant_id"] not in ("author", about):
                out.append(_entity(content_id("ftm", r["id"], about), "UnknownLink", subject=r["claimant_id"],
                                   object=about, role=r["stance"], summary=r["text"], proof=r["article_id"]))
    return out


def write_ftm(store: Store, out: Path, table: str | None = None, force: bool = False,
              shown: Shown = Shown()) -> Path:
    entities = ftm_entities(store, shown)
    if not entities:
        raise ExportError("E603", what="export", reason="the store is empty")
    text = "".join(_json(e) + "\n" for e in entities)
    return write_atomic(out, lambda tmp: tmp.write_text(text, "utf-8"), force)
