"""PLOVER JSON export of events: one dict per event in the PLOVER record layout.

Fields follow the PLOVER specification's event record: ``id``, ``date``, ``event_type``,
``mode``, ``context``, ``actor``/``actor_country``/``actor_sector``,
``recipient``/``recipient_country``/``recipient_sector``, ``location`` and the source text,
plus newsgraph's own ``factuality``, ``trigger`` and ``counts`` so nothing is lost. Unresolved
participants keep their words in ``actor``/``recipient`` with empty codes.
"""

from __future__ import annotations

from typing import Any

from ..records import Article, Event, Participant
from ..store.tables import record_of

__all__ = ["from_store", "to_plover"]

#: PLOVER contexts implied by a mode (the CAMEO2PLOVER table's third column, where fixed).
MODE_CONTEXT = {"troops": "military", "heavy-weapons": "military", "firearms": "military",
                "ceasefire": "military", "disarm": "military", "arrest": "legal", "deport": "legal",
                "allege": "legal", "release": "legal", "curfew": "pro_autocracy"}


def _names(people: tuple[Participant, ...]) -> str:
    return "; ".join(p.name or p.span.text for p in people)


def _codes(people: tuple[Participant, ...], attr: str) -> str:
    return "; ".join(dict.fromkeys(getattr(p, attr) or "" for p in people if getattr(p, attr)))


def to_plover(event: Event, article: Article) -> dict[str, Any]:
    """A PLOVER JSON record for ``event`` of ``article``."""
    sentence = event.sentence_span.text if event.sentence_span else event.text
    return {
        "id": event.id,
        "date": event.date or article.day or "",
        "event_type": event.event_type,
        "mode": event.mode or "",
        "context": MODE_CONTEXT.get(event.mode or "", ""),
        "actor": _names(event.actors),
        "actor_country": _codes(event.actors, "country"),
        "actor_sector": _codes(event.actors, "sector"),
        "recipient": _names(event.recipients),
        "recipient_country": _codes(event.recipients, "country"),
        "recipient_sector": _codes(event.recipients, "sector"),
        "location": event.place or "",
        "source": article.source or "",
        "url": article.url or "",
        "text": sentence,
        "story_id": article.id,
        "trigger": {"start": event.start, "end": event.end, "text": event.text},
        "factuality": event.factuality,
        "counts": dict(event.counts),
    }


def from_store(store, event_ids: list[str]) -> list[dict[str, Any]]:
    """PLOVER records for stored events (e.g. the ids a :func:`queries.events` call returned)."""
    out = []
    articles: dict[str, Article] = {}
    for event_id in event_ids:
        (row,) = store.query("SELECT * FROM events WHERE id = ?", [event_id])
        event = record_of("event", row)
        if event.article_id not in articles:
            (art,) = store.query("SELECT id, text, date, title, url, source FROM articles WHERE id = ?",
                                 [event.article_id])
            articles[event.article_id] = Article(**art)
        out.append(to_plover(event, articles[event.article_id]))
    return out
