"""The actor network as a networkx graph, written as GEXF (Gephi) or GraphML.

Nodes are actors (``actors.actor_id``; country actors collapse to their country) with name,
country, sector, type and mention count. Edges are typed by ``relation``:
``co_occurs`` (same sentence; weight = sentences), ``event:<PLOVER type>`` (actor -> recipient)
and ``claim:<stance>`` (claimant -> an actor the claim is about).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from ...config import Shown
from ...fusion.features import entity_of
from ...store import Store
from .atomic import write_atomic
from ..safe import xml_safe, xml_text

__all__ = ["actor_network", "write_gexf", "write_graphml"]


def _node_key(actor_id: str | None, country: str | None) -> str | None:
    return entity_of(actor_id, {}) if actor_id and actor_id.startswith("act:country-") else (actor_id or None)


def _add_nodes(store: Store, graph: nx.MultiDiGraph) -> dict[tuple[str, int], set[str]]:
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for r in store.query("SELECT article_id, sentence, actor_id, name, actor_type, country, sector FROM actors"
                         " WHERE actor_id IS NOT NULL AND actor_id <> '' ORDER BY actor_id"):
        key = _node_key(r["actor_id"], r["country"])
        counts[key] += 1
        by_sentence[(r["article_id"], r["sentence"])].add(key)
        if key not in graph:
            country_node = key != r["actor_id"]
            graph.add_node(key, label=(r["country"] if country_node else r["name"]) or key,
                           actor_type="country" if country_node else (r["actor_type"] or ""),
                           country=r["country"] or "", sector="" if country_node else (r["sector"] or ""))
    for key, n in counts.items():
        graph.nodes[key]["mentions"] = n
    return by_sentence


def _ensure(graph: nx.MultiDiGraph, key: str, label: str | None = None, country: str | None = None) -> None:
    if key not in graph:
        graph.add_node(key, label=label or key, actor_type="", country=country or "", sector="", mentions=0)


def _add_edge(graph: nx.MultiDiGraph, u: str, v: str, relation: str) -> None:
    if graph.has_edge(u, v, key=relation):
        graph.edges[u, v, relation]["weight"] += 1
    else:
        graph.add_edge(u, v, key=relation, relation=relation, weight=1)


def _participants(value: Any) -> list[dict[str, Any]]:
    return json.loads(value) if isinstance(value, str) else list(value or [])


def actor_network(store: Store, shown: Shown = Shown()) -> nx.MultiDiGraph:
    """Actors linked by co-occurrence, and by the events and claims ``shown``."""
    graph = nx.MultiDiGraph(name="newsgraph actor network")
    for keys in _add_nodes(store, graph).values():
        for u, v in combinations(sorted(keys), 2):
            _add_edge(graph, u, v, "co_occurs")
    for r in store.query("SELECT event_type, actors, recipients FROM events WHERE confidence >= ? ORDER BY id",
                         [float(shown.events)]):
        sources = [_node_key(p.get("actor_id"), p.get("country")) or p.get("country") for p in _participants(r["actors"])]
        targets = [_node_key(p.get("actor_id"), p.get("country")) or p.get("country") for p in _participants(r["recipients"])]
        for u in filter(None, sources):
            for v in filter(None, targets):
                if u != v:
                    _ensure(graph, u), _ensure(graph, v)
                    _add_edge(graph, u, v, f"event:{r['event_type']}")
    for r in store.query("SELECT claimant_id, claimant, stance, about FROM claims WHERE claimant_id IS NOT NULL"
                         " AND claimant_id <> 'author' AND coalesce(confidence, 1.0) >= ? ORDER BY id",
                         [float(shown.claims)]):
        u = _node_key(r["claimant_id"], None)
        _ensure(graph, u, r["claimant"])
        for about in _participants(r["about"]):
            v = _node_key(about, None)
            if v and v != u:
                _ensure(graph, v)
                _add_edge(graph, u, v, f"claim:{r['stance']}")
    return graph


def _xml_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose node ids, keys and text attributes hold only what XML 1.0 allows (an
    actor named ``John\\x01Smith`` made GEXF invalid and GraphML fail)."""
    safe = nx.MultiDiGraph(**xml_safe(graph.graph))
    safe.add_nodes_from((xml_text(n), xml_safe(data)) for n, data in graph.nodes(data=True))
    safe.add_edges_from((xml_text(u), xml_text(v), xml_text(k), xml_safe(data))
                        for u, v, k, data in graph.edges(keys=True, data=True))
    return safe


def write_gexf(store: Store, out: Path, table: str | None = None, force: bool = False,
               shown: Shown = Shown()) -> Path:
    graph = _xml_ready(actor_network(store, shown))
    return write_atomic(out, lambda tmp: nx.write_gexf(graph, tmp), force)


def write_graphml(store: Store, out: Path, table: str | None = None, force: bool = False,
                  shown: Shown = Shown()) -> Path:
    graph = _xml_ready(actor_network(store, shown))
    return write_atomic(out, lambda tmp: nx.write_graphml(graph, tmp), force)
