"""Cross-article fusion: syndication clusters of articles, and threads of claims and events.

    fuse(store) -> FuseSummary      incremental; the same store gives the same threads whatever
                                    order its articles were added in

Steps (each reads only what is new since the last run, then relabels what it is linked to):

1. articles: MinHash over word shingles (fusion/text.py) with LSH bands -> candidate pairs ->
   links ``copy`` (identical text), ``near_duplicate``, ``syndicated`` (a shared wire marker
   such as "(AP)" and overlapping text) -> ``article_clusters``.
2. claims and events: features (entities from ``claims.about``, the actors inside the claim
   span and country names; lemmas mapped to concepts; event types; TIMEX3 intervals) ->
   blocking keys (entity x concept) -> the pairs that may link (fusion/pairs.py, numpy) ->
   pairwise scores (fusion/features.py) -> ``fusion_links``.
3. threads: components of the links (fusion/threads.py); only threads whose membership changed
   are summarised again and rewritten.

Everything runs in one transaction: a failure leaves the previous threads in place.
See docs/fusion.md for the similarity and how independent sources are counted.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

import duckdb

from ..errors import StoreError
from .features import (Prepared, article_context, claim_features, context_scorer, context_similarity, event_features,
                       item_keys, json_list, may_link, prepare, scorer, veto_class)
from .lexicon import lexicon
from .pairs import Block, Items, pairs
from .tables import insert, insert_columns, linked, rows_for, tuples, tuples_for
from . import text as fusion_text, threads as fusion_threads
from .text import bands, estimate_jaccard, minhash, wire_marker
from .stance import Stance, claim_text, debunks, load_model, prepare_article, stance_of
from .threads import Judge, UnionFind, articles_to_read, components, first_seen, summarize, thread_name
from ..records import json_encoder
from ..store import Store

__all__ = ["FuseSummary", "fuse"]

#: bumped whenever stored signatures, features or links would come out differently: a store
#: fused by another version is fused again from scratch (2: MinHash with a mixing hash; 3: claims also compared by the meaning of their words, threads labelled by their clearest assertion; 4: who asserts and who denies in a thread read with stance(label, article); 5: threads joined by average link, the actor-and-concept score needs a shared concept or rare word, meaning from 0.25; 6: the closest claims of two articles on one story link in context; 7: a member says the opposite of its thread's label when a word both say is negated in one only; 8: a thread is labelled by its most central claim, and an article sure to dispute it puts its outlet on the deny side; 9: an article is sure to dispute a label only if a sentence of it that states the label refutes it, and an agreeing article whose such sentence refutes it only discusses it; 10: an article disputes a label when the dispute reader of fusion/dispute.py says so)
FUSION_VERSION = 10
#: every table fusion derives from the records (see store/migrations/0006_fusion.sql)
_DERIVED = ("article_signatures", "article_bands", "article_links", "article_clusters", "fusion_items",
            "fusion_keys", "fusion_links", "threads", "thread_members", "fusion_countries")
KINDS = ("claim", "event")
_TABLE = {"claim": "claims", "event": "events"}
#: the columns of an item that its features are made from (see fusion/features.py)
_FEATURE_COLUMNS = {"claim": "x.id, x.article_id, x.start_char, x.end_char, x.text, x.claimant_id, x.about, x.time",
                    "event": "x.id, x.article_id, x.text, x.event_type, x.actors, x.recipients, x.date"}
_JSON = json_encoder()  # json.dumps, set up once
_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")  # between sentences (enough for counting words)


@dataclass
class FuseSummary:
    """What one ``fuse`` run did."""

    articles_signed: int = 0
    article_links: int = 0
    clusters: int = 0
    items_added: int = 0
    items_removed: int = 0
    links_added: int = 0
    threads_changed: int = 0
    threads: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def fuse(store: Store) -> FuseSummary:
    """Bring clusters and threads up to date with what the store holds (one transaction)."""
    started = time.perf_counter()
    summary = FuseSummary()
    try:
        with _cyclic_gc_paused():
            _fuse(store, summary)
    finally:
        fusion_text.forget_texts()
        fusion_threads.forget_texts()
    summary.threads = store.query("SELECT count(*) AS n FROM threads")[0]["n"]
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Fusion makes hundreds of thousands of small containers (rows, features, sets) without
    reference cycles, freed by reference counting; the cyclic collector's passes, triggered by
    their number, cost about a tenth of the run (they also walk whatever else is alive, such as
    the records of an analysis). So it is paused while fusing, then restored."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fuse(store: Store, summary: FuseSummary) -> None:
    """The steps of :func:`fuse`, in one transaction."""
    try:
        store.con.execute("BEGIN TRANSACTION")
        _forget_other_versions(store)
        _prune(store, summary)
        _cluster_articles(store, summary)
        for kind in KINDS:
            new = _add_items(store, kind, summary)
            _link_items(store, kind, new, summary)
            _rebuild_threads(store, kind, summary, new)
        store.con.execute("COMMIT")
    except duckdb.Error as exc:
        store.con.execute("ROLLBACK")
        raise StoreError("E306", path=store.path, reason=exc) from exc
    except BaseException:
        store.con.execute("ROLLBACK")
        raise


def _forget_other_versions(store: Store) -> None:
    """A store fused by another version of this code forgets all it derived (its signatures or
    scores would not compare with new ones) and is fused again as a whole."""
    if tuples(store, "SELECT version FROM fusion_version") == [(FUSION_VERSION,)]:
        return
    for table in _DERIVED:
        store.con.execute(f"DELETE FROM {table}")
    store.con.execute("DELETE FROM fusion_version")
    store.con.execute("INSERT INTO fusion_version VALUES (?)", [FUSION_VERSION])


# -- 0. forget what is gone (deleted or corrected articles, re-extracted records) -------------
def _prune(store: Store, summary: FuseSummary) -> None:
    _forget_items_of_recountried_actors(store)
    ex = store.con.execute
    ex("DELETE FROM article_signatures s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id"
       " AND a.text_hash = s.text_hash)")
    ex("DELETE FROM article_bands WHERE article_id NOT IN (SELECT article_id FROM article_signatures)")
    ex("DELETE FROM article_links WHERE article_a NOT IN (SELECT article_id FROM article_signatures)"
       " OR article_b NOT IN (SELECT article_id FROM article_signatures)")
    for kind in KINDS:
        gone = store.query(f"SELECT item_id FROM fusion_items WHERE kind = ? AND item_id NOT IN"
                           f" (SELECT id FROM {_TABLE[kind]})", [kind])
        summary.items_removed += len(gone)
        ex(f"DELETE FROM fusion_items WHERE kind = ? AND item_id NOT IN (SELECT id FROM {_TABLE[kind]})", [kind])
    ex("DELETE FROM fusion_keys WHERE item_id NOT IN (SELECT item_id FROM fusion_items)")
    ex("DELETE FROM fusion_links WHERE item_a NOT IN (SELECT item_id FROM fusion_items)"
       " OR item_b NOT IN (SELECT item_id FROM fusion_items)")


def _forget_items_of_recountried_actors(store: Store) -> None:
    """An actor's country is the most frequent among all its mentions (``_ACTOR_COUNTRY``), so
    an article can change it for items fused before. Those items (of the articles that mention
    the actor, and the claims it made) are forgotten here and fused again as new, so that the
    threads do not depend on which articles came first or how runs were cut. The countries are
    compared with the last run's in SQL; only the changes (new actors among them) are read."""
    changed = dict(tuples(store, f"SELECT coalesce(n.actor_id, b.actor_id), n.country"
                                 f" FROM ({_ACTOR_COUNTRY.format(where='')}) n"
                                 f" FULL OUTER JOIN fusion_countries b ON b.actor_id = n.actor_id"
                                 f" WHERE n.country IS DISTINCT FROM b.country"))
    if not changed:
        return
    rows_for(store, "DELETE FROM fusion_items WHERE item_id IN (SELECT f.item_id FROM fusion_items f"
                    " JOIN actors x ON x.article_id = f.article_id JOIN {ids} i ON i.id = x.actor_id"
                    " UNION SELECT c.id FROM claims c JOIN {ids} i ON i.id = c.claimant_id)", changed)
    rows_for(store, "DELETE FROM fusion_countries WHERE actor_id IN (SELECT id FROM {ids})", changed)
    now = {actor: country for actor, country in changed.items() if country is not None}
    insert_columns(store, "fusion_countries", {"actor_id": list(now), "country": list(now.values())})


# -- 1. articles: copies, near-duplicates, syndication -------------------------------------
def _cluster_articles(store: Store, summary: FuseSummary) -> None:
    new = store.query("SELECT id, text, text_hash FROM articles WHERE id NOT IN"
                      " (SELECT article_id FROM article_signatures) ORDER BY id")
    signatures: dict[str, list[int]] = {}  # text hash -> MinHash: copies are signed once
    for a in new:
        if a["text_hash"] not in signatures:
            signatures[a["text_hash"]] = minhash(a["text"])
    signed = [{"article_id": a["id"], "text_hash": a["text_hash"], "wire": wire_marker(a["text"]),
               "signature": json.dumps(signatures[a["text_hash"]])} for a in new]
    insert(store, "article_signatures", signed)
    insert(store, "article_bands", [{"band": b, "article_id": s["article_id"]}
                                    for s in signed for b in bands(signatures[s["text_hash"]])])
    summary.articles_signed = len(signed)
    if signed:
        summary.article_links = _link_articles(store, [s["article_id"] for s in signed])
    _relabel_clusters(store, [s["article_id"] for s in signed])
    summary.clusters = store.query("SELECT count(DISTINCT cluster_id) AS n FROM article_clusters"
                                   " WHERE relation <> 'original'")[0]["n"]


def _link_articles(store: Store, new_ids: list[str]) -> int:
    pairs = rows_for(store, "SELECT DISTINCT least(n.article_id, o.article_id) AS a,"
                            " greatest(n.article_id, o.article_id) AS b FROM article_bands n"
                            " JOIN {ids} i ON i.id = n.article_id JOIN article_bands o ON o.band = n.band"
                            " AND o.article_id <> n.article_id", new_ids)
    pairs += rows_for(store, "SELECT DISTINCT least(x.id, y.id) AS a, greatest(x.id, y.id) AS b FROM articles x"
                             " JOIN {ids} i ON i.id = x.id JOIN articles y ON y.text_hash = x.text_hash"
                             " AND y.id <> x.id", new_ids)
    needed = {p["a"] for p in pairs} | {p["b"] for p in pairs}
    sigs = {r["article_id"]: r for r in rows_for(
        store, "SELECT s.article_id, s.text_hash, s.wire, s.signature FROM article_signatures s"
               " JOIN {ids} i ON i.id = s.article_id", needed)}
    links = {}
    for p in pairs:
        link = _article_relation(sigs[p["a"]], sigs[p["b"]])
        if link:
            links[(p["a"], p["b"])] = {"article_a": p["a"], "article_b": p["b"], "relation": link[0],
                                       "similarity": link[1]}
    return insert(store, "article_links", list(links.values()), "ON CONFLICT DO NOTHING")


def _article_relation(a: dict[str, Any], b: dict[str, Any]) -> tuple[str, float] | None:
    settings = lexicon().settings["shingles"]
    if a["text_hash"] == b["text_hash"]:
        return "copy", 1.0
    similarity = estimate_jaccard(json.loads(a["signature"]), json.loads(b["signature"]))
    if similarity >= settings["near_duplicate"]:
        return "near_duplicate", similarity
    same_wire = a["wire"] and b["wire"] and a["wire"].lower() == b["wire"].lower()
    if same_wire and similarity >= settings["syndicated"]:
        return "syndicated", similarity
    return None


def _relabel_clusters(store: Store, signed: list[str]) -> None:
    """Clusters = components of article links; the original is the earliest member. Only the
    clusters of the articles just signed, and of those whose article is gone, are relabelled."""
    touched = [c for (c,) in tuples_for(
        store, "SELECT DISTINCT c.cluster_id FROM article_clusters c LEFT JOIN {ids} i ON i.id = c.article_id"
               " WHERE i.id IS NOT NULL OR c.article_id NOT IN (SELECT article_id FROM article_signatures)", signed)]
    members = {a for (a,) in tuples_for(store, "SELECT c.article_id FROM article_clusters c"
                                               " JOIN {ids} i ON i.id = c.cluster_id", touched)}
    group = linked(store, "article_links", "article_a", "article_b", set(signed) | members)
    links = rows_for(store, "SELECT l.article_a, l.article_b, l.relation, l.similarity FROM article_links l"
                            " JOIN {ids} i ON i.id = l.article_a", group)
    uf = UnionFind()
    for link in links:
        uf.union(link["article_a"], link["article_b"])
    meta = {r["id"]: r for r in rows_for(
        store, "SELECT a.id, CAST(a.day AS VARCHAR) AS day, a.date, a.source, s.wire FROM articles a"
               " JOIN {ids} i ON i.id = a.id LEFT JOIN article_signatures s ON s.article_id = a.id", group)}
    relation = {(l["article_a"], l["article_b"]): (l["relation"], l["similarity"]) for l in links}
    rows = []
    for linked_group in uf.groups().values():
        original = min(linked_group, key=lambda i: _original_key(meta.get(i, {}), i))
        for member in linked_group:
            rel, sim = relation.get(tuple(sorted((member, original))), ("syndicated", None))
            rows.append({"article_id": member, "cluster_id": original,
                         "relation": "original" if member == original else rel,
                         "similarity": 1.0 if member == original else sim, "wire": meta.get(member, {}).get("wire")})
    clustered = {r["article_id"] for r in rows}
    rows += [{"article_id": i, "cluster_id": i, "relation": "original", "similarity": 1.0, "wire": m["wire"]}
             for i, m in meta.items() if i not in clustered]
    rows_for(store, "DELETE FROM article_clusters WHERE article_id IN (SELECT id FROM {ids})", group)
    rows_for(store, "DELETE FROM article_clusters WHERE cluster_id IN (SELECT id FROM {ids})", touched)
    insert(store, "article_clusters", rows)


def _original_key(meta: dict[str, Any], article_id: str) -> tuple:
    """Earliest first; on the same day the wire service's own article, then the earlier date."""
    own = bool(meta.get("wire") and meta.get("source") and meta["wire"].lower() in meta["source"].lower())
    return (meta.get("day") or "9999", not own, meta.get("date") or "", article_id)


# -- 2. claims and events: features, keys, links ------------------------------------------
#: Each actor's country: the most frequent among its mentions that have one, ties to the
#: smaller code (so that it does not depend on the order rows were written in).
#: ``where`` narrows the actors (``{where}`` is "" or "AND ...").
_ACTOR_COUNTRY = ("SELECT actor_id, country FROM (SELECT actor_id, country, count(*) AS n FROM actors"
                  " WHERE actor_id IS NOT NULL AND actor_id <> '' AND country IS NOT NULL {where}"
                  " GROUP BY actor_id, country)"
                  " QUALIFY row_number() OVER (PARTITION BY actor_id ORDER BY n DESC, country) = 1")


def _country_of(store: Store, kind: str, rows: list[dict[str, Any]]) -> dict[str, str]:
    """The countries of the actors that ``rows`` (new claims or events) name, and no others."""
    named: set[str] = set()
    for r in rows:
        if kind == "claim":
            named.add(r["claimant_id"] or "")
            named.update(map(str, json_list(r["about"])))
        else:
            named.update(str(p.get("actor_id") or "") for p in json_list(r["actors"]) + json_list(r["recipients"]))
    return dict(tuples_for(store, _ACTOR_COUNTRY.format(where="AND actor_id IN (SELECT id FROM {ids})"), named))


@dataclass
class _New:
    """The items one run adds: their features and blocking keys, kept in memory so that linking
    and thread summaries need not read them back (and decode their JSON) from the store."""

    features: dict[str, dict[str, Any]]
    keys: dict[str, list[str]]


def _add_items(store: Store, kind: str, summary: FuseSummary) -> _New:
    rows = store.query(f"SELECT {_FEATURE_COLUMNS[kind]}, CAST(a.day AS VARCHAR) AS day FROM {_TABLE[kind]} x"
                       f" JOIN articles a ON a.id = x.article_id WHERE x.id NOT IN"
                       f" (SELECT item_id FROM fusion_items) ORDER BY x.id")
    if not rows:
        return _New({}, {})
    country_of = _country_of(store, kind, rows)
    if kind == "claim":
        features = _claim_features(store, rows, country_of)
    else:
        features = {r["id"]: event_features(r, r["day"], country_of) for r in rows}
    ids = [r["id"] for r in rows]
    insert_columns(store, "fusion_items", {"item_id": ids, "kind": [kind] * len(rows),
                                           "article_id": [r["article_id"] for r in rows],
                                           "day": [r["day"] for r in rows],
                                           "features": [_JSON(features[i]) for i in ids]})
    keys = {i: item_keys(kind, f) for i, f in features.items()}
    keyed = [(k, i) for i, found in keys.items() for k in found]
    insert_columns(store, "fusion_keys", {"key": [k for k, _ in keyed], "item_id": [i for _, i in keyed],
                                          "kind": [kind] * len(keyed)})
    summary.items_added += len(rows)
    return _New(features, keys)


def _claim_features(store: Store, rows: list[dict[str, Any]], country_of: dict[str, str]) -> dict[str, dict]:
    articles = {r["article_id"] for r in rows}
    actors: dict[str, list[tuple]] = defaultdict(list)  # per article, by start
    for a in tuples_for(store, "SELECT x.article_id, x.start_char, x.end_char, x.actor_id, x.country FROM actors x"
                               " JOIN {ids} i ON i.id = x.article_id ORDER BY x.start_char", articles):
        actors[a[0]].append(a)
    starts = {article: [a[1] for a in found] for article, found in actors.items()}
    etypes: dict[str, set[str]] = defaultdict(set)
    for claim_id, event_type in tuples_for(
            store, "SELECT e.claim_id, e.event_type FROM events e JOIN {ids} i ON i.id = e.claim_id",
            [r["id"] for r in rows]):
        etypes[claim_id].add(event_type or "")
    contexts, first = _contexts(store, articles)
    out = {}
    for r in rows:
        found, at = actors[r["article_id"]], starts.get(r["article_id"], [])
        lo, hi = bisect.bisect_left(at, r["start_char"]), bisect.bisect_right(at, r["end_char"])
        inside = [{"article_id": a[0], "start_char": a[1], "end_char": a[2], "actor_id": a[3], "country": a[4]}
                  for a in found[lo:hi] if a[2] <= r["end_char"]]
        story = first.get(r["article_id"]) == r["id"]  # the claim that carries its article's context
        out[r["id"]] = claim_features(r, r["day"], inside, country_of, etypes[r["id"]],
                                      contexts.get(r["article_id"]) if story else None)
    return out


def _contexts(store: Store, articles: set[str]) -> tuple[dict[str, dict[str, float]], dict[str, str]]:
    """Each article's context (``features.article_context``: the words of its sentences) and
    its first claim (by id), which carries its story keys."""
    contexts = {a: article_context(dict(fusion_text.words(s)) for s in _BREAK.split(text or ""))
                for a, text in tuples_for(store, "SELECT a.id, a.text FROM articles a JOIN {ids} i ON i.id = a.id", articles)}
    first = dict(tuples_for(store, "SELECT c.article_id, min(c.id) FROM claims c JOIN {ids} i ON i.id = c.article_id"
                                   " GROUP BY c.article_id", articles))
    return contexts, first


def _link_items(store: Store, kind: str, new: _New, summary: FuseSummary) -> None:
    if not new.features:
        return
    keyed = tuples_for(store, "SELECT k.key, k.item_id FROM fusion_keys k JOIN fusion_items f ON f.item_id = k.item_id"
                              " WHERE k.kind = '" + kind + "' AND k.key IN (SELECT DISTINCT n.key FROM fusion_keys n"
                              " JOIN {ids} i ON i.id = n.item_id)" + _within_window(kind, new), new.features)
    features = _features_of(store, {item for _, item in keyed}, new)
    blocks: dict[str, list[str]] = defaultdict(list)
    for key, item in keyed:
        blocks[key].append(item)
    found, stories = _score_blocks(kind, blocks, features, new)
    if stories:
        _link_in_context(store, stories, new, found)
    links = sorted(found.items())
    summary.links_added += insert_columns(store, "fusion_links", {
        "item_a": [a for (a, _), _ in links], "item_b": [b for (_, b), _ in links], "kind": [kind] * len(links),
        "score": [s for _, s in links]}, "ON CONFLICT DO NOTHING")


def _within_window(kind: str, new: _New) -> str:
    """SQL condition on ``f.day``: the stored items any new one may be compared with (undated,
    or dated within the window of a new item's day; :meth:`_Block.near` then picks per item),
    so that a popular key does not load years of items."""
    days = [_day_number(f["day"]) for f in new.features.values()]
    if not days or None in days:
        return ""  # an undated new item is compared with every item of its blocks
    window = lexicon().settings["claims" if kind == "claim" else "events"]["window_days"]
    lo, hi = (dt.date.fromordinal(d).isoformat() for d in (min(days) - window, max(days) + window))
    return f" AND (f.day IS NULL OR f.day BETWEEN DATE '{lo}' AND DATE '{hi}')"


def _features_of(store: Store, items: set[str], new: _New) -> dict[str, dict[str, Any]]:
    """Features of ``items``: the new ones as computed, the others decoded from the store (the
    same values: a JSON round trip only turns the time interval's tuple into a list)."""
    features = {i: new.features[i] for i in items if i in new.features}
    stored = items - features.keys()
    if stored:
        features.update((i, json.loads(f)) for i, f in tuples_for(
            store, "SELECT f.item_id, f.features FROM fusion_items f JOIN {ids} i ON i.id = f.item_id", stored))
    return features


def _day_number(day: str | None) -> int | None:
    return dt.date.fromisoformat(day[:10]).toordinal() if day else None


def _blocks_by_class(kind: str, items: Items, blocks: dict[str, list[str]], days: dict[str, int | None],
                     prepared: dict[str, Prepared]) -> dict[str, dict[Hashable, Block]]:
    """Each block split by the members' veto class (``features.veto_class``): an item is then
    compared only with the classes it may link with, which gives the same links for a fraction
    of the pairs. Story keys ("s|") are not split: their pairs are compared by context."""
    out: dict[str, dict[Hashable, Block]] = {}
    for key, members in blocks.items():
        groups: dict[Hashable, list[str]] = defaultdict(list)
        for m in members:
            groups[None if key[0] == "s" else veto_class(kind, prepared[m])].append(m)
        out[key] = {cls: items.block(group, days) for cls, group in groups.items()}
    return out


def _may_link(kind: str) -> Callable[[Hashable, Hashable], bool]:
    """``features.may_link`` of two classes, remembered (a run meets few distinct classes)."""
    known: dict[tuple[Hashable, Hashable], bool] = {}

    def may_link_of(mine: Hashable, theirs: Hashable) -> bool:
        found = known.get((mine, theirs))
        if found is None:
            found = known[(mine, theirs)] = may_link(kind, mine, theirs)
        return found

    return may_link_of


def _score_blocks(kind: str, blocks: dict[str, list[str]], features: dict[str, dict],
                  added: _New) -> tuple[dict[tuple[str, str], float], set[tuple[str, str]]]:
    """Compare every new item with the items that share a blocking key and are dated within
    the window (each pair once: a new-new pair from its smaller id), less the pairs that
    cannot link (``fusion/pairs.py``). Also returns the pairs of articles that share a story
    key ("s|", carried by one claim of each) and tell one story
    (``features.context_similarity`` at least ``context``), whose claims are then compared in
    context (:func:`_link_in_context`)."""
    settings = lexicon().settings["claims" if kind == "claim" else "events"]
    window, min_context = settings["window_days"], settings.get("context", 1.0)
    days = {i: _day_number(f["day"]) for i, f in features.items()}
    prepared = {i: prepare(f) for i, f in features.items()}
    items = Items(kind, prepared, days, added.features.keys(), settings)
    ordered = _blocks_by_class(kind, items, blocks, days, prepared)
    score, may_link_of = scorer(kind), _may_link(kind)

    def near(a: str) -> tuple[list, list]:
        mine, candidates, story = veto_class(kind, prepared[a]), [], []
        for key in added.keys[a]:
            for cls, block in ordered.get(key, {}).items():
                if key[0] == "s":
                    story += block.near(days[a], window)
                elif may_link_of(mine, cls):
                    candidates += block.near(days[a], window)
        return candidates, story

    links: dict[tuple[str, str], float] = {}
    stories: set[tuple[str, str]] = set()
    # an item without keys (no actors) links to nothing
    for a, candidates, story in pairs(items, sorted(added.features.keys() & features.keys()), near, min_context):
        item = prepared[a]
        for b in candidates:
            s = score(item, prepared[b]) if a < b else score(prepared[b], item)  # scored as (smaller id, larger)
            if s is not None:
                links[(a, b) if a < b else (b, a)] = s
        for b in story:
            if context_similarity(item, prepared[b]) >= min_context:
                stories.add(tuple(sorted((str(item.article), str(prepared[b].article)))))
    return links, stories


def _link_in_context(store: Store, stories: set[tuple[str, str]], new: _New, links: dict[tuple[str, str], float]) -> None:
    """Two articles on one story: their closest claims (``features.context_scorer``; ties by
    ids) are linked, unless already linked."""
    articles = {a for pair in stories for a in pair}
    stored = tuples_for(store, "SELECT f.item_id, f.article_id, f.features FROM fusion_items f"
                               " JOIN {ids} i ON i.id = f.article_id WHERE f.kind = 'claim'", articles)
    claims: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for item, article, found in stored:
        claims[article].append((item, prepare(new.features.get(item) or json.loads(found))))
    for item, features in new.features.items():
        if features.get("article") in articles and not any(i == item for i, _ in claims[features["article"]]):
            claims[features["article"]].append((item, prepare(features)))
    context_score = context_scorer()
    for one, other in sorted(stories):
        best = None
        for mine in claims[one]:
            for theirs in claims[other]:
                (a, x), (b, y) = (mine, theirs) if mine[0] < theirs[0] else (theirs, mine)
                s = context_score(x, y)
                if s is not None and (best is None or (-s, a, b) < (-best[0], best[1], best[2])):
                    best = (s, a, b)
        if best is not None:
            links.setdefault((best[1], best[2]), best[0])


# -- 3. threads ------------------------------------------------------------------------------
def _rebuild_threads(store: Store, kind: str, summary: FuseSummary, new: _New) -> None:
    """Group again the items linked, however indirectly, to a new item or to a thread that lost
    a member; the other threads cannot have changed, and are not read."""
    touched = [t for (t,) in tuples(store, "SELECT DISTINCT thread_id FROM thread_members WHERE kind = ? AND"
                                           " item_id NOT IN (SELECT item_id FROM fusion_items)", [kind])]
    seeds = set(new.features) | {i for (i,) in tuples_for(
        store, "SELECT m.item_id FROM thread_members m JOIN {ids} i ON i.id = m.thread_id", touched)}
    group = linked(store, "fusion_links", "item_a", "item_b", seeds)
    items = tuples_for(store, "SELECT f.item_id, CAST(f.day AS VARCHAR) AS day,"
                              " CAST(json_extract(f.features, '$.strong') AS BOOLEAN) AS strong"
                              " FROM fusion_items f JOIN {ids} i ON i.id = f.item_id", group)
    strong = {item: bool(is_strong) for item, _, is_strong in items}
    day = {item: item_day for item, item_day, _ in items}
    links = tuples_for(store, "SELECT l.item_a, l.item_b, l.score FROM fusion_links l"
                              " JOIN {ids} i ON i.id = l.item_a", group)
    wanted = {}
    settings = lexicon().settings["claims"] if kind == "claim" else {}
    for members in components(strong, links, settings.get("thread_density", 0.0), settings.get("thread_free_pairs", 0)):
        wanted[thread_name(kind, first_seen(members, day))] = frozenset(members)
    around = set(touched) | {t for (t,) in tuples_for(
        store, "SELECT DISTINCT m.thread_id FROM thread_members m JOIN {ids} i ON i.id = m.item_id", group)}
    stored: dict[str, set[str]] = defaultdict(set)
    for tid, item in tuples_for(store, "SELECT m.thread_id, m.item_id FROM thread_members m"
                                       " JOIN {ids} i ON i.id = m.thread_id", around):
        stored[tid].add(item)
    # a thread with an item fused again (see _forget_items_of_recountried_actors) is summarised
    # again even when its members are the same
    again = {t for t, m in wanted.items() if stored.get(t) == m and not m.isdisjoint(new.features)}
    stale = [t for t, m in stored.items() if wanted.get(t) != m or t in again]
    fresh = [t for t, m in wanted.items() if stored.get(t) != m or t in again]
    if stale:
        rows_for(store, "DELETE FROM thread_members WHERE thread_id IN (SELECT id FROM {ids})", stale)
        rows_for(store, "DELETE FROM threads WHERE thread_id IN (SELECT id FROM {ids})", stale)
    _write_threads(store, kind, {t: wanted[t] for t in fresh}, new)
    summary.threads_changed += len(set(stale) | set(fresh))


def _member_rows(store: Store, kind: str, ids: set[str], new: _New) -> dict[str, dict[str, Any]]:
    extra = ("x.stance, x.claimant_id, x.claimant, x.certainty, ca.country AS claimant_country"
             if kind == "claim" else "x.event_type AS stance, NULL AS claimant_id, NULL AS claimant,"
             " x.factuality AS certainty, NULL AS claimant_country")
    claimants = "AND actor_id IN (SELECT c.claimant_id FROM claims c JOIN {ids} ci ON ci.id = c.id)"
    claimant_join = (f"LEFT JOIN ({_ACTOR_COUNTRY.format(where=claimants)}) ca"
                     " ON ca.actor_id = x.claimant_id" if kind == "claim" else "")
    rows = rows_for(store, f"SELECT f.item_id, f.article_id, CAST(f.day AS VARCHAR) AS day, f.features,"
                           f" a.source, c.cluster_id, c.relation AS cluster_relation, x.text, x.start_char, {extra}"
                           f" FROM fusion_items f JOIN {{ids}} i ON i.id = f.item_id"
                           f" JOIN {_TABLE[kind]} x ON x.id = f.item_id JOIN articles a ON a.id = f.article_id"
                           f" LEFT JOIN article_clusters c ON c.article_id = f.article_id {claimant_join}", ids)
    out = {}
    for r in rows:
        stored = r.pop("features")
        features = new.features.get(r["item_id"]) or json.loads(stored)
        r["ents"], r["etypes"], r["words"] = features["ents"], features["etypes"], features.get("words")
        r["toks"] = features.get("toks")  # (claims: the label is the most central, threads._centrality)
        r["dyad"], r["date"] = features.get("dyad"), features.get("date")  # events (thread labels)
        if kind == "claim" and not r.get("claimant_country"):
            r["claimant_country"] = (features.get("claimant_country")
                                     or _country_code(r.get("claimant_id")))
        out[r["item_id"]] = r
    return out


def _country_code(actor_id: str | None) -> str | None:
    from .features import entity_of

    code = entity_of(actor_id, {})
    return code if code and len(code) == 3 and code.isupper() else None


def _write_threads(store: Store, kind: str, threads: dict[str, frozenset[str]], new: _New) -> None:
    if not threads:
        return
    members = _member_rows(store, kind, {i for group in threads.values() for i in group}, new)
    judge = _judge(store, threads.values(), members) if kind == "claim" else None
    rows, member_rows = [], []
    for tid, group in sorted(threads.items()):
        data = [members[i] for i in sorted(group)]
        rows.append(summarize(kind, data, judge))
        member_rows += data
    insert(store, "threads", rows)
    insert_columns(store, "thread_members", {
        "thread_id": [tid for tid, group in sorted(threads.items()) for _ in group],
        "item_id": [m["item_id"] for m in member_rows], "kind": [kind] * len(member_rows),
        "article_id": [m["article_id"] for m in member_rows], "day": [m["day"] for m in member_rows]})


def _judge(store: Store, threads: Iterable[frozenset[str]], members: dict[str, dict[str, Any]]) -> Judge:
    """``stance(label, article)`` (the same reading as ``check``) for the articles that the
    claim threads being summarised ask about (see ``threads.articles_to_read``): their texts
    are read in one query, each article is prepared once per run; those asked about only if
    they hold a debunking phrase (``stance.debunks``) are read only then."""
    always, debunking = set(), set()
    for group in threads:
        read, checked = articles_to_read([members[i] for i in group])
        always |= read
        debunking |= checked
    texts = dict(tuples_for(store, "SELECT a.id, a.text FROM articles a JOIN {ids} i ON i.id = a.id", always | debunking))
    debunking = {a for a in debunking if a in texts and debunks(texts[a] or "")}
    texts = {a: t for a, t in texts.items() if a in always or a in debunking}
    model = load_model()
    prepared: dict[str, Any] = {}

    def stance(claim, article: str) -> Stance | None:
        if article not in texts:
            return None
        if article not in prepared:
            prepared[article] = prepare_article(texts[article] or "", model)
        return stance_of(claim, prepared[article], model)

    def judge(label: str, articles: Sequence[str], if_debunking: Sequence[str] = ()) -> dict[str, Stance | None]:
        claim = claim_text(label, model)
        out = {a: stance(claim, a) for a in articles}
        out |= {a: stance(claim, a) if a in debunking else None for a in if_debunking if a not in out}
        return out

    return judge
