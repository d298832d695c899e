"""What an analyst brief shows, gathered from the store: the chosen threads, their members with
source sentences, claimants by stance, key quotes, and the edges of the actor network."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..config import Shown
from ..errors import ExportError, StoreError
from ..fusion.features import entity_of
from ..fusion.lexicon import lexicon
from ..fusion.threads import claimant_name
from ..fusion.queries import thread, thread_members, threads
from ..store import Store

__all__ = ["Brief", "ThreadView", "gather"]

MAX_THREADS = 6


@dataclass
class ThreadView:
    thread: dict[str, Any]
    members: list[dict[str, Any]]
    quotes: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Brief:
    title: str
    scope: str
    views: list[ThreadView]
    names: dict[str, str]

    def name(self, key: str | None) -> str:
        return self.names.get(key or "", key or "?")

    def edges(self) -> list[tuple[str, str, str]]:
        """(claimant, subject, stance) for every claim of every thread shown."""
        out = []
        for view in self.views:
            for m in view.members:
                if view.thread["kind"] != "claim":
                    continue
                speaker = claimant_name(m) if m.get("claimant") or m.get("claimant_id") in (None, "", "author") \
                    else self.name(m.get("claimant_id"))
                for key in {entity_of(a, {}) or a for a in m.get("about") or [] if not a.startswith("act:generic-")}:
                    subject = self.name(key)
                    if subject != speaker:
                        out.append((speaker, subject, m.get("stance") or "asserts"))
        return sorted(set(out))


def _names(store: Store) -> dict[str, str]:
    names = dict(lexicon().country_name)
    for r in store.query("SELECT actor_id, mode(name) AS name FROM actors WHERE actor_id IS NOT NULL"
                         " AND name IS NOT NULL AND name <> '' GROUP BY actor_id"):
        names[r["actor_id"]] = r["name"]
    return names


def _quotes(store: Store, members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The attributions of the thread's claims shown (``members`` are those already)."""
    ids = [m["item_id"] for m in members]
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return store.query(
        f"SELECT DISTINCT t.id, t.article_id, CAST(a.day AS VARCHAR) AS day, a.source, t.speaker, t.quoted,"
        f" t.content_start AS start_char, t.content_end AS end_char, t.content_text AS text, t.cue_text"
        f" FROM claims c JOIN attributions t ON t.id = c.attribution_id JOIN articles a ON a.id = t.article_id"
        f" WHERE c.id IN ({marks}) AND t.content_text IS NOT NULL"
        f" ORDER BY t.quoted DESC, day NULLS LAST, t.article_id, t.content_start LIMIT 8", ids)


def _pick(store: Store, about: str | None, thread_id: str | None, article_id: str | None) -> tuple[list[dict], str]:
    if thread_id:
        return [thread(store, thread_id)], f"thread {thread_id}"
    if article_id:
        if not store.query("SELECT 1 FROM articles WHERE id = ?", [article_id]):
            raise StoreError("E307", what="article", id=article_id)
        ids = [r["thread_id"] for r in store.query(
            "SELECT DISTINCT m.thread_id FROM thread_members m JOIN threads t USING (thread_id)"
            " WHERE m.article_id = ? ORDER BY t.kind, m.thread_id", [article_id])]
        return [thread(store, i) for i in ids][:MAX_THREADS], f"article {article_id}"
    chosen = threads(store, about=about, kind="claim") or threads(store, about=about, kind="event")
    chosen.sort(key=lambda t: (t["n_members"] < 2, not t["contested"], -t["independent_sources"]))
    return chosen[:MAX_THREADS], f"about {about}" if about else "the most widely reported threads"


def gather(store: Store, about: str | None = None, thread_id: str | None = None,
           article_id: str | None = None, shown: Shown = Shown()) -> Brief:
    """The threads of the brief with their members shown (a thread none of whose members
    reach the views' thresholds is left out)."""
    chosen, scope = _pick(store, about, thread_id, article_id)
    if not chosen:
        raise ExportError("E603", what="report", reason=f"no threads for {scope}. Analyse articles first"
                                                        " (`newsgraph analyze`), then `newsgraph threads` lists them")
    views = []
    for t in chosen:
        members = thread_members(store, t["thread_id"], shown)
        if members:
            views.append(ThreadView(t, members, _quotes(store, members) if t["kind"] == "claim" else []))
    if not views:
        raise ExportError("E603", what="report", reason=f"nothing above the confidence thresholds for {scope}"
                                                        " (`--all` shows every stored record)")
    label = views[0].thread["label"].strip('"“” ,')
    label = label if len(label) <= 80 else label[:79].rsplit(" ", 1)[0] + " …"
    title = f"newsgraph brief: {about}" if about else f"newsgraph brief: {label}"
    return Brief(title=title, scope=scope, views=views, names=_names(store))
